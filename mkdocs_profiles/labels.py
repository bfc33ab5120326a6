"""Every piece of text the plugin prints, so a site can override or translate any of it."""

from __future__ import annotations

import datetime

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date

#: English labels; a site overrides any of them with the ``labels`` option.
DEFAULT_LABELS: dict[str, str] = {
    "profile_label": "Researcher Profile",
    "editor_reviewed": "Editor reviewed",
    "not_reviewed": "Not yet reviewed",
    "links": "Links",
    "organizations": "Organizations",
    "topics": "Topics",
    "about": "About This Page",
    "about_text": "This profile is meant to help you get oriented quickly: why this researcher matters, "
    "what to read first, and where to explore next.",
    "last_reviewed": "Last reviewed",
    "known_for": "Known For",
    "known_for_intro": "The ideas, systems, and research directions that make this person worth knowing.",
    "start_here": "Start Here",
    "start_here_intro": "Canonical papers, project pages, or repositories that anchor this profile.",
    "signature_works": "Signature Works",
    "signature_works_intro": "Additional papers, projects, or repositories that help flesh out the profile.",
    "supporting_sources": "Supporting Sources",
    "supporting_sources_intro": "Additional links that help verify and flesh out this profile.",
    "related": "Related Researchers",
    "related_intro": "People worth exploring next because they share topics, labs, or source material with this profile.",
    "curated": "Editor's pick",
    "shares": "Shares:",
    "work_one": "{count} work",
    "work_many": "{count} works",
    "profile_one": "{count} profile",
    "profile_many": "{count} profiles",
    "nav_section": "Profiles",
    "directory_title": "Profiles",
    "directory_intro": "Everyone in this directory, sorted by name.",
    "topics_title": "Topics",
    "topics_intro": "Research topics and the people who work on them.",
    "organizations_title": "Organizations",
    "organizations_intro": "Labs, universities and companies, and the people in this directory who belong to them.",
    "topic_intro": "Profiles that list this topic.",
    "organization_intro": "Profiles that list this organization.",
    "people": "People",
    "kind_paper": "Paper",
    "kind_project": "Project",
    "kind_repository": "Repository",
    "kind_talk": "Talk",
    "kind_article": "Article",
    "kind_book": "Book",
    "kind_dataset": "Dataset",
    "kind_website": "Website",
    "kind_other": "Link",
    "link_homepage": "Homepage",
    "link_scholar": "Google Scholar",
    "link_github": "GitHub",
    "link_orcid": "ORCID",
    "link_x": "X",
    "link_linkedin": "LinkedIn",
    "link_bluesky": "Bluesky",
    "link_mastodon": "Mastodon",
    "link_dblp": "dblp",
    "link_openalex": "OpenAlex",
    "link_semantic_scholar": "Semantic Scholar",
    "link_wikipedia": "Wikipedia",
}


def resolve_locale(language: str | None) -> Locale:
    """The Babel locale for a Material ``theme.language`` such as ``en``, ``de`` or ``zh-Hant``; English if unknown."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_long_date(value: datetime.date, locale: Locale) -> str:
    """A date written out for readers, e.g. ``March 18, 2026`` in English, whatever the machine's locale."""
    return str(format_date(value, format="long", locale=locale))


def merge_labels(overrides: dict[str, str] | None) -> dict[str, str]:
    """The default labels with a site's overrides applied; unknown keys raise ``KeyError`` naming them."""
    overrides = overrides or {}
    unknown = sorted(set(overrides) - set(DEFAULT_LABELS))
    if unknown:
        raise KeyError(", ".join(unknown))
    return {**DEFAULT_LABELS, **{key: str(value) for key, value in overrides.items()}}
