"""Every piece of text the plugin prints, so a site can override or translate any of it."""

from __future__ import annotations

import datetime
import functools
from importlib import resources

import yaml
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
    "related_intro": "People worth exploring next because they share topics, labs, or source material "
    "with this profile.",
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
    "draft": "Draft",
    "review_due": "Review due",
    "review_current": "Up to date",
    "review_title": "Review status",
    "review_intro": "Every profile by how long ago an editor reviewed it, overdue first.",
    "review_summary": "{due} of {total} profiles need a review (older than {days} days, or never reviewed).",
    "review_profile": "Profile",
    "review_age": "Reviewed",
    "review_state": "State",
    "days_ago_one": "{count} day ago",
    "days_ago_many": "{count} days ago",
    "yes": "Yes",
    "no": "No",
    "website": "Website",
    "filter_label": "Filter profiles",
    "filter_placeholder": "Name, topic, organization or words from the summary",
    "filter_clear": "Clear filters",
    "filter_status": "Showing {shown} of {total} profiles",
    "filter_empty": "No profile matches these filters.",
    "filter_more": "Show {count} more",
    "feed_title": "Recently reviewed profiles",
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


def _locale_names(language: str) -> list[str]:
    """Locale files to try for a language, most specific first: ``zh-Hant`` -> ``zh-hant``, ``zh``."""
    code = language.strip().replace("_", "-").lower()
    names = [code, code.split("-")[0]] if code else []
    return [name for index, name in enumerate(names) if name and name not in names[:index] and name.isascii()]


@functools.cache
def _locale_file(name: str) -> dict[str, str] | None:
    try:
        text = resources.files("mkdocs_profiles").joinpath("locales", f"{name}.yml").read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    data = yaml.safe_load(text) or {}
    return {str(key): str(value) for key, value in data.items()}


def shipped_labels(language: str | None) -> dict[str, str] | None:
    """The labels shipped for ``language`` (a Material ``theme.language`` such as ``de`` or ``zh-Hant``).

    ``None`` when no translation is shipped for it (English is :data:`DEFAULT_LABELS`); a regional
    variant without its own file (``de-CH``) takes its language's (``de``).
    """
    for name in _locale_names(language or "en"):
        if name == "en":
            return dict(DEFAULT_LABELS)
        found = _locale_file(name)
        if found is not None:
            return dict(found)
    return None


def merge_labels(overrides: dict[str, str] | None, language: str | None = None) -> dict[str, str]:
    """The labels of ``language`` with a site's overrides applied; unknown keys raise ``KeyError`` naming them.

    English fills in any key a translation lacks, so a label added later never shows up empty.
    """
    overrides = overrides or {}
    unknown = sorted(set(overrides) - set(DEFAULT_LABELS))
    if unknown:
        raise KeyError(", ".join(unknown))
    translated = shipped_labels(language) or {}
    known = {key: value for key, value in translated.items() if key in DEFAULT_LABELS}
    return {**DEFAULT_LABELS, **known, **{key: str(value) for key, value in overrides.items()}}
