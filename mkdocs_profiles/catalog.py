"""The catalog: every validated profile, checked against each other, with its topics and organizations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from .model import Profile, RelatedRef, Term
from .problems import Problem, Severity
from .slugs import assign_term_slugs, term_key
from .terms import TermDefinitions


@dataclass(frozen=True)
class Catalog:
    """The published profiles of a site and the topics and organizations they name."""

    profiles: dict[str, Profile]
    """Published profiles by slug, sorted by name."""
    topics: dict[str, Term]
    """Topics by key, sorted by display name."""
    organizations: dict[str, Term]
    """Organizations by key, sorted by display name."""
    drafts: dict[str, Profile] = field(default_factory=dict)

    def topic(self, name: str) -> Term:
        """The topic a profile's spelling belongs to."""
        return self.topics[term_key(name)]

    def organization(self, name: str) -> Term:
        """The organization a profile's spelling belongs to."""
        return self.organizations[term_key(name)]


def _terms(kind: str, profiles: list[Profile], attribute: str, definitions: TermDefinitions) -> dict[str, Term]:
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, list[str]] = {}
    for profile in profiles:
        seen = set()
        for name in getattr(profile, attribute):
            key = term_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            spellings.setdefault(key, Counter())[name] += 1
            members.setdefault(key, []).append(profile.slug)
    # The spelling most files use; ties go to the alphabetically first, so the choice is stable.
    names = {key: min(counts.items(), key=lambda item: (-item[1], item[0]))[0] for key, counts in spellings.items()}
    # A catalog file's display name wins over the spellings of the profiles.
    entries = {key: entry for key in names if (entry := definitions.entry(kind, key)) is not None}
    names.update({key: entry.name for key, entry in entries.items()})
    slugs = assign_term_slugs(names)
    terms = [
        Term(
            kind,
            key,
            slugs[key],
            names[key],
            tuple(members[key]),
            description=entries[key].description if key in entries else None,
            url=entries[key].url if key in entries else None,
        )
        for key in names
    ]
    terms.sort(key=lambda term: (term.name.casefold(), term.slug))
    return {term.key: term for term in terms}


def build_catalog(
    profiles: list[Profile], include_drafts: bool = False, definitions: TermDefinitions | None = None
) -> tuple[Catalog, list[Problem]]:
    """Check profiles against each other (slugs, related entries) and index their topics and organizations.

    ``include_drafts`` publishes drafts too (for previews under ``mkdocs serve``). ``definitions``, from
    ``_topics.yml`` and ``_organizations.yml``, give terms their display names, descriptions and URLs.
    """
    definitions = definitions or TermDefinitions()
    problems: list[Problem] = []
    by_slug: dict[str, Profile] = {}
    for profile in sorted(profiles, key=lambda p: p.source):
        other = by_slug.get(profile.slug)
        if other is not None:
            # Point at the file whose 'slug:' line made the clash, if only one of them has one.
            here, there = (other, profile) if other.slug_line and not profile.slug_line else (profile, other)
            problems.append(
                Problem(
                    here.source,
                    here.slug_line,
                    "slug" if here.slug_line else None,
                    f"two profiles have the slug '{profile.slug}': this file and {there.source}",
                    hint="give one of them a different 'slug:'",
                )
            )
            continue
        by_slug[profile.slug] = profile
    published = sorted((p for p in by_slug.values() if include_drafts or not p.draft), key=lambda p: p.sort_key)
    drafts = {p.slug: p for p in by_slug.values() if p.draft and not include_drafts}
    checked: list[Profile] = []
    for profile in published:
        kept: list[RelatedRef] = []
        for ref in profile.related:
            reason = None
            if ref.slug == profile.slug:
                reason = "a profile cannot be related to itself"
            elif ref.slug in drafts:
                reason = f"'{ref.slug}' is a draft, so it is not published"
            elif ref.slug not in by_slug:
                reason = f"no profile has the slug '{ref.slug}'"
            elif any(k.slug == ref.slug for k in kept):
                reason = f"'{ref.slug}' is listed twice"
            if reason:
                problems.append(Problem(profile.source, ref.line, "related", reason, Severity.WARNING))
            else:
                kept.append(ref)
        checked.append(replace(profile, related=tuple(kept)) if len(kept) != len(profile.related) else profile)
    catalog = Catalog(
        profiles={p.slug: p for p in checked},
        topics=_terms("topic", checked, "topics", definitions),
        organizations=_terms("organization", checked, "organizations", definitions),
        drafts=drafts,
    )
    return catalog, problems
