"""How related researchers are chosen.

Curated ``related`` entries come first, in their order, with their notes. Computed ones fill the
remaining places from what two profiles share: works with the same URL (co-authorship, the strongest
signal), organizations and topics. Each shared item counts ``weight x log(1 + N / holders)``, so a
topic held by thousands adds little and a work shared by three adds much.

The cost grows with the number of shared items, not with N squared: candidates are found through an
inverted index of the *less common* items only; items held by more than ``_ENUMERATION_LIMIT`` profiles
are then added to the candidates already found (a set lookup each) and only enumerated when too few
candidates exist to fill the places.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .catalog import Catalog
from .model import Profile, Related, SharedItem
from .slugs import term_key
from .urls import work_identity

_ENUMERATION_LIMIT = 200
#: Sites smaller than this never ignore common items: on a site of eight, three is already "many".
_SMALL_SITE = 20


@dataclass(frozen=True)
class RelateSettings:
    """The knobs of :func:`relate`."""

    max_related: int = 5
    weight_works: float = 3.0
    weight_organizations: float = 1.5
    weight_topics: float = 1.0
    ignore_share: float = 0.5
    """Items held by more than this share of profiles say nothing about a pair and are ignored."""


Item = tuple[str, str]  # (kind, key)


def _items(profile: Profile) -> dict[Item, str]:
    found: dict[Item, str] = {}
    for work in profile.works:
        if work.url:
            found.setdefault(("work", work_identity(work.url)), work.title)
    for name in profile.organizations:
        found.setdefault(("organization", term_key(name)), name)
    for name in profile.topics:
        found.setdefault(("topic", term_key(name)), name)
    return found


def relate(catalog: Catalog, settings: RelateSettings | None = None) -> dict[str, tuple[Related, ...]]:
    """Related researchers of every published profile, deterministic, never the person themself."""
    settings = settings or RelateSettings()
    profiles = catalog.profiles
    count = len(profiles)
    weights = {
        "work": settings.weight_works,
        "organization": settings.weight_organizations,
        "topic": settings.weight_topics,
    }
    names = {**{("topic", k): t.name for k, t in catalog.topics.items()}, **{("organization", k): t.name for k, t in catalog.organizations.items()}}
    items_of: dict[str, dict[Item, str]] = {slug: _items(p) for slug, p in profiles.items()}
    holders: dict[Item, list[str]] = {}
    for slug, items in items_of.items():  # profiles are sorted by name, so holders are too
        for item in items:
            holders.setdefault(item, []).append(slug)
    limit = count * settings.ignore_share if count >= _SMALL_SITE else math.inf
    value: dict[Item, float] = {}
    for item, members in holders.items():
        if 2 <= len(members) <= limit and weights[item[0]] > 0:
            value[item] = weights[item[0]] * math.log(1 + count / len(members))
    member_sets = {item: set(holders[item]) for item in value if len(holders[item]) > _ENUMERATION_LIMIT}
    order = {slug: index for index, slug in enumerate(profiles)}

    result: dict[str, tuple[Related, ...]] = {}
    for slug, profile in profiles.items():
        curated = tuple(Related(ref.slug, True, ref.note) for ref in profile.related)
        places = settings.max_related - len(curated)
        if places <= 0:
            result[slug] = curated
            continue
        taken = {slug, *(entry.slug for entry in curated)}
        mine = [item for item in items_of[slug] if item in value]
        rare = [item for item in mine if item not in member_sets]
        common = [item for item in mine if item in member_sets]
        shared: dict[str, list[Item]] = {}
        for item in rare:
            for other in holders[item]:
                if other not in taken:
                    shared.setdefault(other, []).append(item)
        for other, found in shared.items():
            found.extend(item for item in common if other in member_sets[item])
        if len(shared) < places and common:
            for item in sorted(common, key=lambda i: (-value[i], i)):
                for other in holders[item]:
                    if len(shared) >= places * 4:
                        break
                    if other not in taken and other not in shared:
                        shared[other] = [i for i in common if other in member_sets[i]]
        ranked = sorted(
            ((sum(value[i] for i in found), other, found) for other, found in shared.items()),
            key=lambda entry: (-round(entry[0], 9), order[entry[1]]),
        )
        computed = tuple(
            Related(
                other,
                False,
                score=score,
                shared=_describe(found, value, names, items_of[slug]),
            )
            for score, other, found in ranked[:places]
        )
        result[slug] = curated + computed
    return result


def _describe(found: Iterable[Item], value: dict[Item, float], names: dict[Item, str], own: dict[Item, str]) -> tuple[SharedItem, ...]:
    items = [SharedItem(kind, names.get((kind, key), own[(kind, key)]), value[(kind, key)]) for kind, key in found]
    return tuple(sorted(items, key=lambda item: (-item.weight, item.name.casefold())))
