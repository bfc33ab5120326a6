"""Icons from the sets Material bundles, inlined as SVG so they follow the theme's colours."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

WORK_ICONS = {
    "paper": "material/file-document-outline",
    "project": "material/rocket-launch-outline",
    "repository": "material/source-repository",
    "talk": "material/presentation",
    "article": "material/newspaper-variant-outline",
    "book": "material/book-open-variant",
    "dataset": "material/database-outline",
    "website": "material/web",
    "other": "material/link-variant",
}

LINK_ICONS = {
    "homepage": "material/home-outline",
    "scholar": "fontawesome/brands/google-scholar",
    "github": "fontawesome/brands/github",
    "orcid": "fontawesome/brands/orcid",
    "x": "fontawesome/brands/x-twitter",
    "linkedin": "fontawesome/brands/linkedin",
    "bluesky": "fontawesome/brands/bluesky",
    "mastodon": "fontawesome/brands/mastodon",
    "dblp": "simple/dblp",
    "openalex": "material/book-search-outline",
    "semantic_scholar": "simple/semanticscholar",
    "wikipedia": "fontawesome/brands/wikipedia-w",
}

UI_ICONS = {
    "reviewed": "material/check-decagram",
    "not_reviewed": "material/progress-clock",
    "calendar": "material/calendar-check-outline",
    "topic": "material/tag-outline",
    "organization": "material/domain",
    "person": "material/account-circle-outline",
    "people": "material/account-group-outline",
    "curated": "material/star-outline",
    "shares": "material/vector-link",
}


class IconSet:
    """Looks icons up by name (``material/web``) in a folder laid out like Material's ``.icons``."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._load = lru_cache(maxsize=None)(self._read)

    def _read(self, name: str) -> str:
        for folder in self.folders:
            path = folder / f"{name}.svg"
            if path.is_file():
                return path.read_text(encoding="utf-8").strip()
        return ""

    def svg(self, name: str) -> str:
        """The SVG markup of icon ``name``, or an empty string when no set has it."""
        return str(self._load(name))
