"""The data model: validated, immutable values with no rendering code."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    """A paper, project, repository, talk... listed on a profile."""

    title: str
    url: str | None = None
    kind: str | None = None
    year: int | None = None
    venue: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Link:
    """One of the person's pages elsewhere, such as ``github`` -> ``https://github.com/...``."""

    kind: str
    url: str


@dataclass(frozen=True)
class RelatedRef:
    """A curated related profile, as written in the ``related`` list."""

    slug: str
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Profile:
    """One person, validated."""

    slug: str
    name: str
    summary: str
    source: str
    focus: str | None = None
    role: str | None = None
    bio: str | None = None
    organizations: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    known_for: tuple[str, ...] = ()
    start_here: tuple[Work, ...] = ()
    signature_works: tuple[Work, ...] = ()
    supporting_sources: tuple[Work, ...] = ()
    related: tuple[RelatedRef, ...] = ()
    links: tuple[Link, ...] = ()
    editor_reviewed: bool = False
    last_reviewed: datetime.date | None = None
    draft: bool = False
    slug_line: int | None = None

    @property
    def works(self) -> tuple[Work, ...]:
        """Every work on the profile, in page order."""
        return self.start_here + self.signature_works + self.supporting_sources

    @property
    def sort_key(self) -> tuple[str, str]:
        """How profiles are ordered in listings: by name, then slug."""
        return (self.name.casefold(), self.slug)


@dataclass(frozen=True)
class Term:
    """A topic or an organization: one key (case, spaces and hyphens ignored) and its page."""

    kind: str
    """``"topic"`` or ``"organization"``."""
    key: str
    slug: str
    name: str
    """The spelling most files use."""
    profiles: tuple[str, ...]
    """Slugs of the published profiles that name it, sorted by profile name."""
    description: str | None = None
    """Markdown from ``_topics.yml`` or ``_organizations.yml``, shown on the term's page."""
    url: str | None = None
    """An organization's website, from ``_organizations.yml``."""


@dataclass(frozen=True)
class SharedItem:
    """Something two profiles share, with what it contributed to their relatedness."""

    kind: str
    """``"work"``, ``"organization"`` or ``"topic"``."""
    name: str
    weight: float


@dataclass(frozen=True)
class Related:
    """A related researcher shown on a profile: curated (with its note) or computed (with its reasons)."""

    slug: str
    curated: bool
    note: str | None = None
    score: float = 0.0
    shared: tuple[SharedItem, ...] = ()
