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

import gc
import itertools
import math
import operator
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


def _works(profile: Profile) -> dict[Item, str]:
    """A profile's works by identity (two URLs of one work are one), with the title it gives each."""
    found: dict[Item, str] = {}
    for work in profile.works:
        if work.url:
            found.setdefault(("work", work_identity(work.url)), work.title)
    return found


def relate(catalog: Catalog, settings: RelateSettings | None = None) -> dict[str, tuple[Related, ...]]:
    """Related researchers of every published profile, deterministic, never the person themself."""
    # Relating allocates a million short-lived containers and no reference cycles; Python's cycle
    # collector would meanwhile rescan every object of the build many times (a fifth of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _relate(catalog, settings or RelateSettings())
    finally:
        if collecting:
            gc.enable()


def _relate(catalog: Catalog, settings: RelateSettings) -> dict[str, tuple[Related, ...]]:
    profiles = catalog.profiles
    # Profiles and items are numbered, as sets of small numbers are cheap. Profiles are sorted by
    # name, so a profile's number is its place in that order, which breaks ties.
    slugs = list(profiles)
    index_of = {slug: index for index, slug in enumerate(slugs)}
    count = len(slugs)
    weights = {
        "work": settings.weight_works,
        "organization": settings.weight_organizations,
        "topic": settings.weight_topics,
    }
    names: dict[Item, str] = {("topic", k): t.name for k, t in catalog.topics.items()}
    names.update({("organization", k): t.name for k, t in catalog.organizations.items()})
    numbers: dict[Item, int] = {}
    holders: list[list[int]] = []
    # Topics and organizations come indexed from the catalog (their profiles are in catalog order).
    for kind, terms in (("organization", catalog.organizations), ("topic", catalog.topics)):
        for key, term in terms.items():
            numbers[(kind, key)] = len(holders)
            holders.append([index_of[slug] for slug in term.profiles])
    spellings: list[dict[Item, str]] = []  # how each profile titles its works
    owned: list[list[int]] = []
    for index, profile in enumerate(profiles.values()):
        works = _works(profile)
        mine = []
        for item in works:
            number = numbers.get(item)
            if number is None:
                number = numbers[item] = len(holders)
                holders.append([])
            holders[number].append(index)
            mine.append(number)
        for kind, names_of in (("organization", profile.organizations), ("topic", profile.topics)):
            for number in dict.fromkeys(numbers.get((kind, term_key(name))) for name in names_of):
                if number is not None:
                    mine.append(number)
        spellings.append(works)
        owned.append(mine)
    items = list(numbers)
    limit = count * settings.ignore_share if count >= _SMALL_SITE else math.inf
    value = [0.0] * len(items)
    member_sets: dict[int, set[int]] = {}
    for number, members in enumerate(holders):
        weight = weights[items[number][0]]
        if 2 <= len(members) <= limit and weight > 0:
            value[number] = weight * math.log(1 + count / len(members))
            member_sets[number] = set(members)
    owned_sets = [set(mine) for mine in owned]
    canonical = [names.get(item) for item in items]  # works have none: each profile spells its own
    described: dict[tuple[int, str], SharedItem] = {}

    result: dict[str, tuple[Related, ...]] = {}
    for index, profile in enumerate(profiles.values()):
        curated = tuple(Related(ref.slug, True, ref.note) for ref in profile.related)
        places = settings.max_related - len(curated)
        if places <= 0:
            result[profile.slug] = curated
            continue
        taken = {index, *(index_of[entry.slug] for entry in curated if entry.slug in index_of)}
        valued = [number for number in owned[index] if value[number]]
        rare = [number for number in valued if len(holders[number]) <= _ENUMERATION_LIMIT]
        common = [number for number in valued if len(holders[number]) > _ENUMERATION_LIMIT]
        score = _scores(rare, common, places, taken, value, member_sets)
        if len(score) < places and common:
            _fill(score, common, places, taken, value, holders, member_sets, items)
        computed = []
        ordered = rare + common
        for other in _best(score, places):
            found = []
            theirs = owned_sets[other]
            for number in [number for number in ordered if number in theirs]:
                name = canonical[number] or spellings[index][items[number]]
                found.append(_shared_item(items[number], number, name, value[number], described))
            # What the pair shares is listed by contribution, most first, so a card says why at a glance.
            found.sort(key=lambda shared: (-shared.weight, shared.name.casefold()))
            total = sum(shared.weight for shared in found)
            computed.append(Related(slugs[other], False, score=total, shared=tuple(found)))
        result[profile.slug] = curated + tuple(computed)
    return result


def _scores(
    rare: list[int],
    common: list[int],
    places: int,
    taken: set[int],
    value: list[float],
    member_sets: dict[int, set[int]],
) -> dict[int, float]:
    """Candidates (by number) for one profile's places, with their scores.

    Candidates are found through the profile's rare items, most valuable first. Once the places are
    held by candidates that nobody not yet seen could catch up with (``left`` is the most such a
    profile could still score), the remaining, widely held items only add to the candidates already
    found. Common items only ever add to candidates already found.
    """
    score: dict[int, float] = {}
    left = sum(map(value.__getitem__, rare)) + sum(map(value.__getitem__, common))
    admitting = True
    for number in sorted(rare, key=value.__getitem__, reverse=True):
        weight = value[number]
        members = member_sets[number]
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
    for number in sorted(common, key=value.__getitem__, reverse=True):
        if len(score) > places * 4:
            score = _keep_reachable(score, places, left)
        weight = value[number]
        for other in member_sets[number].intersection(score):
            score[other] += weight
        left -= weight
    return score


def _keep_reachable(score: dict[int, float], places: int, left: float) -> dict[int, float]:
    """Drop candidates that could not reach the last place even if they gained ``left``."""
    floor = sorted(score.values(), reverse=True)[places - 1] - left - 1e-6
    return {other: total for other, total in score.items() if total >= floor}


def _best(score: dict[int, float], places: int) -> list[int]:
    """The best ``places`` candidates: highest score first, then name order (the lower number).

    Scores are compared rounded, so float noise cannot reorder equals. Every step runs in C: a sort by
    score, a cut after the last place and its ties, then a sort by number and a stable one by score.
    """
    if len(score) > places:
        score = _keep_reachable(score, places, 0.0)
    candidates = sorted(score)
    rounded = map(round, map(score.__getitem__, candidates), itertools.repeat(9))
    best = sorted(zip(rounded, candidates, strict=True), key=operator.itemgetter(0), reverse=True)
    return [other for _, other in best[:places]]


def _fill(
    score: dict[int, float],
    common: list[int],
    places: int,
    taken: set[int],
    value: list[float],
    holders: list[list[int]],
    member_sets: dict[int, set[int]],
    items: list[Item],
) -> None:
    """Too few candidates share a rare item: take some who share the most valuable common ones."""
    for number in sorted(common, key=lambda n: (-value[n], items[n])):
        for other in holders[number]:
            if len(score) >= places * 4:
                return
            if other not in taken and other not in score:
                score[other] = sum(value[n] for n in common if other in member_sets[n])


def _shared_item(
    item: Item, number: int, name: str, weight: float, made: dict[tuple[int, str], SharedItem]
) -> SharedItem:
    """One :class:`SharedItem` per item and spelling, however many pairs share it."""
    key = (number, name)
    shared = made.get(key)
    if shared is None:
        shared = made[key] = SharedItem(item[0], name, weight)
    return shared
