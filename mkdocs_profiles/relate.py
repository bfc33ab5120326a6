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
from dataclasses import dataclass

from .catalog import Catalog
from .model import Profile, Related, SharedItem
from .slugs import term_key
from .urls import work_identity

_ENUMERATION_LIMIT = 200
#: Items held by fewer profiles than this are cheap to enumerate, so no time is spent deciding to skip them.
_CHECK_ABOVE = 16
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
    member_sets = {item: set(holders[item]) for item in value}
    order = {slug: index for index, slug in enumerate(profiles)}
    described: dict[tuple[Item, str], SharedItem] = {}

    result: dict[str, tuple[Related, ...]] = {}
    for slug, profile in profiles.items():
        curated = tuple(Related(ref.slug, True, ref.note) for ref in profile.related)
        places = settings.max_related - len(curated)
        if places <= 0:
            result[slug] = curated
            continue
        taken = {slug, *(entry.slug for entry in curated)}
        own = items_of[slug]
        # What the pair shares is listed by contribution, most first, so a card says why at a glance.
        mine = sorted(
            ((item, _shared_item(item, names.get(item, own[item]), value[item], described)) for item in own if item in value),
            key=lambda pair: (-pair[1].weight, pair[1].name.casefold()),
        )
        rare = [item for item, _ in mine if len(holders[item]) <= _ENUMERATION_LIMIT]
        common = [item for item, _ in mine if len(holders[item]) > _ENUMERATION_LIMIT]
        # Scores are summed per candidate first; which items a pair shares is only worked out for the
        # few candidates that can be shown, so the work stays proportional to the holders of rare items.
        # Items go from most to least valuable; once the places are held by candidates that nobody not
        # yet seen could catch up with (``left`` is the most they could still score), the remaining,
        # widely held items only add to the candidates already found.
        score: dict[str, float] = {}
        left = sum(value[item] for item, _ in mine)
        admitting = True
        for item in rare:
            weight = value[item]
            members = member_sets[item]
            if admitting and len(members) > _CHECK_ABOVE and len(score) >= places + len(taken):
                for other in taken:
                    score.pop(other, None)
                admitting = sorted(score.values(), reverse=True)[places - 1] <= left + 1e-6
            # Set operations run in C; only candidates already found are visited one by one.
            fresh = members.difference(score) if admitting else ()
            for other in members.intersection(score):
                score[other] += weight
            score.update(dict.fromkeys(fresh, weight))
            left -= weight
        for other in taken:
            score.pop(other, None)
        for item in common:
            weight = value[item]
            for other in member_sets[item].intersection(score):
                score[other] += weight
        if len(score) < places and common:
            for item in sorted(common, key=lambda i: (-value[i], i)):
                for other in holders[item]:
                    if len(score) >= places * 4:
                        break
                    if other not in taken and other not in score:
                        score[other] = sum(value[i] for i in common if other in member_sets[i])
        shortlist: list[str] = list(score)
        if len(shortlist) > places:
            # The margin keeps every candidate that could tie with the last place once rounded.
            cutoff = sorted(score.values(), reverse=True)[places - 1] - 1e-6
            shortlist = [other for other, total in score.items() if total >= cutoff]
        best = sorted(shortlist, key=lambda other: (-round(score[other], 9), order[other]))[:places]
        computed = []
        for other in best:
            found = tuple(shared for item, shared in mine if other in member_sets[item])
            computed.append(Related(other, False, score=sum(shared.weight for shared in found), shared=found))
        result[slug] = curated + tuple(computed)
    return result


def _shared_item(item: Item, name: str, weight: float, made: dict[tuple[Item, str], SharedItem]) -> SharedItem:
    """One :class:`SharedItem` per item and spelling, however many pairs share it."""
    key = (item, name)
    shared = made.get(key)
    if shared is None:
        shared = made[key] = SharedItem(item[0], name, weight)
    return shared
