"""Review freshness: which profiles an editor should look at again.

A profile whose ``last_reviewed`` date is more than ``max_age_days`` before the build date is "Review
due". The build date is today in UTC, or the ``SOURCE_DATE_EPOCH`` environment variable when it is set
(the reproducible-builds convention MkDocs itself follows), so a test or a release build can fix it.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import Profile

#: How old a review may get before the page says "Review due", in days.
DEFAULT_MAX_AGE_DAYS = 365


def build_date(environ: Mapping[str, str] | None = None) -> datetime.date:
    """The date reviews are measured from: ``SOURCE_DATE_EPOCH`` (seconds, UTC) if set, else today in UTC."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


@dataclass(frozen=True)
class ReviewSettings:
    """How review freshness is judged."""

    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    """Reviews older than this many days are due; ``0`` turns the check off."""
    today: datetime.date = field(default_factory=build_date)


@dataclass(frozen=True)
class Review:
    """The review state of one profile on the build date."""

    slug: str
    name: str
    source: str
    last_reviewed: datetime.date | None
    age_days: int | None
    """Days since ``last_reviewed``; ``None`` when the profile was never reviewed."""
    due: bool
    """The review is older than the allowed age."""
    editor_reviewed: bool

    @property
    def never(self) -> bool:
        """The profile has no ``last_reviewed`` date."""
        return self.last_reviewed is None

    @property
    def needs_review(self) -> bool:
        """Overdue or never reviewed: what ``mkdocs-profiles check --stale`` lists."""
        return self.due or self.never

    @property
    def state(self) -> str:
        """``"due"``, ``"never"`` or ``"current"``: a word for templates and machine-readable output."""
        return "due" if self.due else "never" if self.never else "current"


def review_of(profile: Profile, settings: ReviewSettings) -> Review:
    """The review state of ``profile`` on ``settings.today``."""
    # A review dated after the build date (a typo, or a clock) counts as fresh, never as negative days.
    age = max(0, (settings.today - profile.last_reviewed).days) if profile.last_reviewed else None
    due = age is not None and settings.max_age_days > 0 and age > settings.max_age_days
    return Review(profile.slug, profile.name, profile.source, profile.last_reviewed, age, due, profile.editor_reviewed)


def review_list(profiles: Iterable[Profile], settings: ReviewSettings) -> list[Review]:
    """Every profile's review, oldest first: never reviewed, then overdue, then the rest; ties by name."""
    reviews = [review_of(profile, settings) for profile in profiles]
    return sorted(
        reviews,
        key=lambda r: (
            r.last_reviewed is not None,
            r.last_reviewed or datetime.date.min,
            r.name.casefold(),
            r.slug,
        ),
    )
