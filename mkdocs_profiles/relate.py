"""How related researchers are chosen.

Curated ``related`` entries come first, in their order, with their notes. Computed ones fill the
remaining places from what two profiles share: works with the same URL (co-authorship, the strongest
signal), organizations and topics. Each shared item counts ``weight x log(1 + N / holders)``, so a
topic held by thousands adds little and a work shared by three adds much.

The cost grows with the number of shared items, not with N squared. Candidates are the holders of a
profile's *less common* items (held by at most ``_ENUMERATION_LIMIT`` profiles), found through an
inverted index; items held by more only add to their scores, or are enumerated when too few
candidates exist to fill the places. Most candidates share one less common item with the profile, so
they are scored a whole item at a time, in classes of equal score, with bit masks; the items are taken
most valuable first, and those whose holders can no longer reach the places are never looked at.
"""

from __future__ import annotations

import bisect
import functools
import gc
import itertools
import math
import operator
from collections.abc import Iterable
from dataclasses import dataclass

from .catalog import Catalog
from .model import Related, SharedItem
from .slugs import term_key
from .urls import work_identity


def _total(values: Iterable[float]) -> float:
    """Floats added one after the other, as the scoring loops add them.

    Not ``sum()``: from Python 3.12 on it compensates rounding errors, so its result can differ in the
    last bit from adding the same values in a loop, and scores must not depend on the Python version.
    """
    return functools.reduce(operator.add, values, 0.0)


_ENUMERATION_LIMIT = 200
#: Sites smaller than this never ignore common items: on a site of eight, three is already "many".
_SMALL_SITE = 20
#: Scores closer than this may round alike (ties are decided on scores rounded to 9 digits), so a
#: candidate is only given up when it cannot come within this margin of the last place.
_MARGIN = 1e-6


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


@dataclass(frozen=True)
class _Index:
    """The profiles and their items, numbered. A profile's number is its place in name order."""

    items: list[Item]
    names: list[str | None]
    """Display names of topics and organizations; works have none, as each profile titles its own."""
    holders: list[list[int]]
    """Who holds each item, in number order."""
    value: list[float]
    """What sharing each item is worth; 0 for items that say nothing (held by one, or by too many)."""
    members: list[frozenset[int]]
    """The holders of each valued item as a set (empty for the others)."""
    rare: list[list[int]]
    """Each profile's valued items held by at most ``_ENUMERATION_LIMIT``: its works, organizations
    and topics, each in the profile's order."""
    common: list[list[int]]
    """Each profile's valued items held by more, in the same order."""
    titles: list[dict[str, str]]
    """Each profile's title of each of its works, by work identity."""
    masks: list[dict[int, int]]
    """For each less common item, which of its holders hold each widely held item: bit ``i`` of
    ``masks[item][widely_held]`` stands for ``holders[item][i]``."""


def relate(catalog: Catalog, settings: RelateSettings | None = None) -> dict[str, tuple[Related, ...]]:
    """Related researchers of every published profile, deterministic, never the person themself."""
    # Relating allocates many short-lived containers and no reference cycles; Python's cycle
    # collector would meanwhile rescan every object of the build many times.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _relate(catalog, settings or RelateSettings())
    finally:
        if collecting:
            gc.enable()


def _index(catalog: Catalog, settings: RelateSettings) -> _Index:
    """Number the profiles and their items, and note who holds what and what sharing it is worth."""
    profiles = list(catalog.profiles.values())
    index_of = {slug: index for index, slug in enumerate(catalog.profiles)}
    count = len(profiles)
    # Who lists each work; two URLs of one work are one work, and the first title a profile gives it wins.
    identities: dict[str, str] = {}  # by URL: many profiles list the same URL
    work_holders: dict[str, list[int]] = {}
    titles: list[dict[str, str]] = []
    for index, profile in enumerate(profiles):
        titled: dict[str, str] = {}
        for work in profile.works:
            url = work.url
            if url:
                identity = identities.get(url)
                if identity is None:
                    identity = identities[url] = work_identity(url)
                if identity not in titled:
                    titled[identity] = work.title
                    held = work_holders.get(identity)
                    if held is None:
                        work_holders[identity] = [index]
                    else:
                        held.append(index)
        titles.append(titled)
    items: list[Item] = []
    names: list[str | None] = []
    holders: list[list[int]] = []
    spelled: list[dict[str, int | None]] = []  # item numbers by spelling, of organizations and topics
    for kind, terms, attribute in (
        ("organization", catalog.organizations, "organizations"),
        ("topic", catalog.topics, "topics"),
    ):
        numbers = {}
        for key, term in terms.items():
            numbers[key] = len(items)
            items.append((kind, key))
            names.append(term.name)
            holders.append(sorted([index_of[slug] for slug in term.profiles]))
        spellings = set(itertools.chain.from_iterable(getattr(profile, attribute) for profile in profiles))
        spelled.append({name: numbers.get(term_key(name)) for name in spellings})
    work_numbers: dict[str, int] = {}
    for identity, held in work_holders.items():
        if len(held) > 1:  # a work only one profile lists relates nobody
            work_numbers[identity] = len(items)
            items.append(("work", identity))
            names.append(None)
            holders.append(held)
    weights = {
        "work": settings.weight_works,
        "organization": settings.weight_organizations,
        "topic": settings.weight_topics,
    }
    limit = count * settings.ignore_share if count >= _SMALL_SITE else math.inf
    value = [0.0] * len(items)
    nobody: frozenset[int] = frozenset()
    members = [nobody] * len(items)
    widely = [False] * len(items)
    for number, held in enumerate(holders):
        weight = weights[items[number][0]]
        if 2 <= len(held) <= limit and weight > 0:
            value[number] = weight * math.log(1 + count / len(held))
            members[number] = frozenset(held)
            widely[number] = len(held) > _ENUMERATION_LIMIT
    organization_of, topic_of = spelled
    rare: list[list[int]] = []
    common: list[list[int]] = []
    for profile, titled in zip(profiles, titles, strict=True):
        mine = [work_numbers[identity] for identity in titled if identity in work_numbers]
        for numbers_of, named in ((organization_of, profile.organizations), (topic_of, profile.topics)):
            found = dict.fromkeys(map(numbers_of.__getitem__, named))  # in the profile's order, once
            found.pop(None, None)
            mine.extend(found)  # type: ignore[arg-type]  # None is gone
        rare.append([number for number in mine if value[number] and not widely[number]])
        common.append([number for number in mine if widely[number]])
    masks: list[dict[int, int]] = [{} for _ in items]
    for number, held in enumerate(holders):
        if value[number] and not widely[number]:
            bits = masks[number]
            for place, other in enumerate(held):
                for widely_held in common[other]:
                    bits[widely_held] = bits.get(widely_held, 0) | 1 << place
    return _Index(items, names, holders, value, members, rare, common, titles, masks)


def _relate(catalog: Catalog, settings: RelateSettings) -> dict[str, tuple[Related, ...]]:
    index = _index(catalog, settings)
    slugs = list(catalog.profiles)
    index_of = {slug: number for number, slug in enumerate(slugs)}
    value, members = index.value, index.members
    # Why a pair is related, one reason per item and name: (-contribution, folded name, holders, item).
    # Topics and organizations have one name; each profile titles its works its own way.
    reasons = [
        _reason(kind, name, value[number], members[number]) if name is not None and value[number] else None
        for number, ((kind, _), name) in enumerate(zip(index.items, index.names, strict=True))
    ]
    work_reasons: dict[tuple[int, str], _Reason] = {}

    result: dict[str, tuple[Related, ...]] = {}
    for me, profile in enumerate(catalog.profiles.values()):
        curated = tuple([Related(ref.slug, True, ref.note) for ref in profile.related]) if profile.related else ()
        places = settings.max_related - len(curated)
        if places <= 0:
            result[profile.slug] = curated
            continue
        taken = {me}
        for entry in curated:
            if entry.slug in index_of:
                taken.add(index_of[entry.slug])
        score = _scores(index, me, places, taken)
        if len(score) < places and index.common[me]:
            _fill(score, index, me, places, taken)
        winners = _best(score, places)
        if not winners:
            result[profile.slug] = curated
            continue
        mine = []
        for number in index.rare[me] + index.common[me]:
            reason = reasons[number]
            if reason is None:  # a work, under this profile's title
                title = index.titles[me][index.items[number][1]]
                reason = work_reasons.get((number, title))
                if reason is None:
                    reason = work_reasons[(number, title)] = _reason("work", title, value[number], members[number])
            mine.append(reason)
        # What a pair shares is listed by contribution, most first, so a card says why at a glance; the
        # sort is stable, so equal contributions of one name keep the order rare, common, then the profile's.
        mine.sort(key=_BY_CONTRIBUTION)
        computed = []
        for other in winners:
            found = []
            total = 0.0
            for _, _, held, item in mine:
                if other in held:
                    found.append(item)
                    total += item.weight
            computed.append(Related(slugs[other], False, None, total, tuple(found)))
        result[profile.slug] = curated + tuple(computed)
    return result


_Reason = tuple[float, str, frozenset[int], SharedItem]
_BY_CONTRIBUTION = operator.itemgetter(0, 1)


def _reason(kind: str, name: str, weight: float, holders: frozenset[int]) -> _Reason:
    return (-weight, name.casefold(), holders, SharedItem(kind, name, weight))


def _scores(index: _Index, me: int, places: int, taken: set[int]) -> dict[int, float]:
    """Candidates (by number) that may be among one profile's best ``places``, with their scores.

    A score adds up the values of what the pair shares: the less common items first, then the widely
    held ones, each most valuable first. Those who share two or more less common items are scored one
    by one. Everybody else shares one, so they are scored a less common item at a time, in classes of
    those who share the same widely held items (the bit masks of :attr:`_Index.masks`); everyone in a
    class has the same score, so only its first few by number can take a place. Items are taken most
    valuable first, until nobody who holds the next one can reach the places.
    """
    value, members, holders, all_masks = index.value, index.members, index.holders, index.masks
    rare = sorted(index.rare[me], key=value.__getitem__, reverse=True)
    widely_held = sorted(index.common[me], key=value.__getitem__, reverse=True)
    commons = list(zip(map(value.__getitem__, widely_held), widely_held, strict=True))
    reach = _total(map(value.__getitem__, widely_held))  # the most the widely held items can add
    # Who shares two or more less common items: holders of two of them besides the profile itself (the
    # catalog lists every profile among the holders of its own items). They are scored one by one.
    rare_sets = [members[number] for number in rare]
    several: set[int] = set()
    for later in range(1, len(rare_sets)):
        these = rare_sets[later]
        for earlier in range(later):
            both = these & rare_sets[earlier]
            if len(both) > 1:
                several |= both
    several -= taken
    score: dict[int, float] = {}
    for other in several:
        total = 0.0
        for number in rare:
            if other in members[number]:
                total += value[number]
        for weight, number in commons:
            if other in members[number]:
                total += weight
        score[other] = total
    # Everybody else, one less common item at a time.
    excluded = several | taken
    floor = _floor(score, places)
    for number in rare:
        worth = value[number]
        if worth + reach < floor:
            break  # nobody else can reach the places, and later items are worth less
        ranked = holders[number]
        masks = all_masks[number]
        group = (1 << len(ranked)) - 1
        for other in members[number] & excluded:
            group &= ~(1 << bisect.bisect_left(ranked, other))
        classes = [(worth, group)]  # (score, who) with bit i of who for ranked[i]
        left = reach
        for weight, common in commons:
            left -= weight
            held = masks.get(common, 0) & group
            if not held:
                continue
            split = []
            for total, who in classes:
                inside = who & held
                if inside:
                    split.append((total + weight, inside))
                    who ^= inside
                if who and total + left >= floor:
                    split.append((total, who))
            classes = split
        # Best classes first; once the places are taken, a class that scores less cannot take one.
        classes.sort(key=_TOTAL, reverse=True)
        chosen = 0
        last = math.inf
        for total, who in classes:
            if total < floor or (chosen >= places and total < last - _MARGIN):
                break
            room = places
            while who and room:
                lowest = who & -who
                score[ranked[lowest.bit_length() - 1]] = total
                who ^= lowest
                room -= 1
            chosen += places - room
            last = total
        if chosen and len(score) >= places:
            floor = _floor(score, places)
            if len(score) > places * 4:
                score = {other: total for other, total in score.items() if total >= floor}
    return score


_TOTAL = operator.itemgetter(0)


def _floor(score: dict[int, float], places: int) -> float:
    """The least score that can still take one of the places, given the candidates scored so far."""
    if len(score) < places:
        return -math.inf
    return sorted(score.values(), reverse=True)[places - 1] - _MARGIN


def _best(score: dict[int, float], places: int) -> list[int]:
    """The best ``places`` candidates: highest score first, then name order (the lower number).

    Scores are compared rounded to 9 digits, so float noise cannot reorder equals. Rounding is slow,
    and only changes the order where two scores differ by less than ``_MARGIN`` (equal ones sort by
    number either way), so the exact order is used unless two such scores meet.
    """
    ranked = sorted(zip(map(operator.neg, score.values()), score, strict=True))
    scores = sorted(score.values())
    if min(filter(None, map(operator.sub, scores[1:], scores)), default=_MARGIN) < _MARGIN:
        # Rounding is symmetric, so the negated score rounded sorts the highest first.
        ranked = sorted(zip(map(round, map(operator.neg, score.values()), itertools.repeat(9)), score, strict=True))
    return list(map(_CANDIDATE, ranked[:places]))


_CANDIDATE = operator.itemgetter(1)


def _fill(score: dict[int, float], index: _Index, me: int, places: int, taken: set[int]) -> None:
    """Too few candidates share a less common item: take some who share the most valuable widely held ones."""
    value, members, common = index.value, index.members, index.common[me]
    for number in sorted(common, key=lambda n: (-value[n], index.items[n])):
        for other in index.holders[number]:
            if len(score) >= places * 4:
                return
            if other not in taken and other not in score:
                score[other] = _total(value[n] for n in common if other in members[n])
