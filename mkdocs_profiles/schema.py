"""The profile file format, defined once.

Validation (:mod:`mkdocs_profiles.validate`) and documentation read this table; nothing else
describes which keys a profile has.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Kinds a work can be; each has an icon on the page.
WORK_KINDS = ("paper", "project", "repository", "talk", "article", "book", "dataset", "website", "other")

#: Keys of the ``links`` mapping, in the order the icons are shown.
LINK_KINDS = (
    "homepage",
    "scholar",
    "github",
    "orcid",
    "x",
    "linkedin",
    "bluesky",
    "mastodon",
    "dblp",
    "openalex",
    "semantic_scholar",
    "wikipedia",
)


@dataclass(frozen=True)
class Field:
    """One key of a profile or of a work: its name, its type and what it means."""

    name: str
    type: str
    description: str
    required: bool = False


PROFILE_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "The person's name.", required=True),
    Field(
        "summary",
        "text",
        "One or two sentences on why this profile matters. It opens the page and is the teaser on "
        "listings, related-researcher cards and the page's meta description.",
        required=True,
    ),
    Field("slug", "slug", "The page's address; overrides the file name. Lowercase letters, digits, hyphens."),
    Field("focus", "text", "The headline under the name."),
    Field("role", "text", "Position and affiliation in one line."),
    Field("bio", "markdown", "The longer description, in Markdown."),
    Field("organizations", "text_list", "Labs, universities and companies."),
    Field("topics", "text_list", "Research topics."),
    Field("known_for", "markdown_list", "What the person is known for: inline Markdown, shown numbered 01, 02, ..."),
    Field("start_here", "works", "Canonical papers, project pages or repositories that anchor the profile."),
    Field("signature_works", "works", "Additional papers, projects or repositories."),
    Field("supporting_sources", "works", "Links that help verify and flesh out the profile."),
    Field("related", "related", "Curated related profiles: a slug, or {profile: slug, note: text}."),
    Field("links", "links", "The person's pages elsewhere: " + ", ".join(LINK_KINDS) + " -> URL."),
    Field("editor_reviewed", "bool", "Shows the 'Editor reviewed' badge."),
    Field("last_reviewed", "date", "When an editor last reviewed the profile, as YYYY-MM-DD."),
    Field("draft", "bool", "A draft is validated but not published."),
)

WORK_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "The work's title.", required=True),
    Field("url", "url", "Where to read it: an http or https URL."),
    Field("kind", "work_kind", "One of: " + ", ".join(WORK_KINDS) + "."),
    Field("year", "year", "The year of publication."),
    Field("venue", "text", "Where it appeared (conference, journal, publisher)."),
    Field("note", "text", "Why it matters here, in one line."),
)

RELATED_FIELDS: tuple[Field, ...] = (
    Field("profile", "slug", "The related profile's slug.", required=True),
    Field("note", "text", "Why the two are related."),
)

#: Keys of an entry in ``_topics.yml``; each entry is keyed by the topic as profiles spell it.
TOPIC_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "The name shown on pages; defaults to the entry's key."),
    Field("description", "markdown", "What the topic is about, in Markdown; shown on its page."),
    Field("aliases", "text_list", "Other spellings profiles use for the same topic, such as 'LLM inference'."),
)

#: Keys of an entry in ``_organizations.yml``: those of a topic, and the organization's website.
ORGANIZATION_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "The name shown on pages; defaults to the entry's key."),
    Field("description", "markdown", "What the organization is, in Markdown; shown on its page."),
    Field(
        "aliases",
        "text_list",
        "Other names profiles use for it, such as 'Massachusetts Institute of Technology' for MIT.",
    ),
    Field("url", "url", "The organization's website: an http or https URL."),
)

#: Sections of a profile that list works, in page order.
WORK_SECTIONS = ("start_here", "signature_works", "supporting_sources")
