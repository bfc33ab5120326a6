"""Related researchers against their definition, computed plainly: every candidate scored, all of them sorted.

``relate`` prunes, scores whole classes of candidates at once with bit masks and skips rounding where
it cannot matter; none of that may change a single entry, reason, order or score. The random catalogs
are small, so the threshold between less common and widely held items is lowered for them, to reach
every path (widely held items, too few candidates, ties) that large sites take.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_profiles import relate as relate_module
from mkdocs_profiles.catalog import Catalog, build_catalog
from mkdocs_profiles.model import Profile, Related, RelatedRef, SharedItem, Work
from mkdocs_profiles.relate import _SMALL_SITE, RelateSettings, relate
from mkdocs_profiles.slugs import term_key
from mkdocs_profiles.urls import work_identity

Item = tuple[str, str]


def added(values: Iterable[float]) -> float:
    """Floats added one by one (Python 3.12's sum() compensates rounding, which would differ in the last bit)."""
    total = 0.0
    for value in values:
        total += value
    return total


def reference_relate(catalog: Catalog, knobs: RelateSettings, rare_limit: int) -> dict[str, tuple[Related, ...]]:
    """The documented rules, one profile and one candidate at a time."""
    profiles = list(catalog.profiles.values())
    place = {profile.slug: index for index, profile in enumerate(profiles)}
    weights = {"work": knobs.weight_works, "organization": knobs.weight_organizations, "topic": knobs.weight_topics}

    def items_of(profile: Profile) -> dict[Item, str]:
        """What a profile holds, in its order (works, organizations, topics), with the name it shows."""
        found: dict[Item, str] = {}
        for work in profile.works:
            if work.url:  # two URLs of one work are one work, under the first title the profile gives it
                found.setdefault(("work", work_identity(work.url)), work.title)
        for kind, names, terms in (
            ("organization", profile.organizations, catalog.organizations),
            ("topic", profile.topics, catalog.topics),
        ):
            for name in names:
                if term_key(name) in terms:
                    found.setdefault((kind, term_key(name)), terms[term_key(name)].name)
        return found

    owned = {profile.slug: items_of(profile) for profile in profiles}
    holders: dict[Item, list[str]] = {}
    for profile in profiles:
        for item in owned[profile.slug]:
            holders.setdefault(item, []).append(profile.slug)
    count = len(profiles)
    limit = count * knobs.ignore_share if count >= _SMALL_SITE else math.inf
    value = {
        item: weights[item[0]] * math.log(1 + count / len(held))
        for item, held in holders.items()
        if 2 <= len(held) <= limit and weights[item[0]] > 0
    }

    def holds(slug: str, item: Item) -> bool:
        return item in owned[slug]

    result: dict[str, tuple[Related, ...]] = {}
    for profile in profiles:
        curated = tuple(Related(ref.slug, True, ref.note) for ref in profile.related)
        places = knobs.max_related - len(curated)
        if places <= 0:
            result[profile.slug] = curated
            continue
        taken = {profile.slug, *(ref.slug for ref in profile.related)}
        mine = [item for item in owned[profile.slug] if item in value]
        rare = [item for item in mine if len(holders[item]) <= rare_limit]
        common = [item for item in mine if len(holders[item]) > rare_limit]
        # A score adds up the less common items, then the widely held ones, each most valuable first.
        adding = sorted(rare, key=value.__getitem__, reverse=True) + sorted(common, key=value.__getitem__, reverse=True)
        candidates = {other for item in rare for other in holders[item]} - taken
        score = {other: added(value[item] for item in adding if holds(other, item)) for other in candidates}
        if len(score) < places:
            # Too few: holders of the most valuable widely held items, scored in the profile's order.
            enough = False
            for item in sorted(common, key=lambda item: (-value[item], item)):
                for other in holders[item]:
                    enough = len(score) >= places * 4
                    if enough:
                        break
                    if other not in taken and other not in score:
                        score[other] = added(value[item] for item in common if holds(other, item))
                if enough:
                    break
        best = sorted(score, key=lambda other: (-round(score[other], 9), place[other]))[:places]
        computed = []
        for other in best:
            shared = [
                SharedItem(item[0], owned[profile.slug][item], value[item])
                for item in rare + common
                if holds(other, item)
            ]
            shared.sort(key=lambda item: (-item.weight, item.name.casefold()))
            computed.append(Related(other, False, score=added(item.weight for item in shared), shared=tuple(shared)))
        result[profile.slug] = curated + tuple(computed)
    return result


def random_profiles(rng: random.Random, count: int, pool: int) -> list[Profile]:
    """Profiles drawing skewed topics, organizations and works from small pools, so they share a lot.

    Spellings of one term differ, one work comes under several URLs and titles, and names repeat
    (ties in name order, equal names of different items).
    """
    topics = [f"Topic {n}" for n in range(pool)]
    organizations = [f"Lab {n}" for n in range(max(2, pool // 2))]
    skew = [1 / (rank + 1) for rank in range(pool)]

    def spelling(name: str) -> str:
        return rng.choice([name, name.lower(), name.upper().replace(" ", "-")])

    def work() -> Work:
        n = rng.randrange(pool * 2)
        url = rng.choice(
            [
                f"https://arxiv.org/abs/2401.{n:05d}",
                f"http://arxiv.org/pdf/2401.{n:05d}v2",
                f"https://www.example.org/w/{n}/",
                f"https://example.org/w/{n}",
            ]
        )
        return Work(rng.choice(["Paper", "paper", "A study", f"Work {n}"]), url if rng.random() < 0.95 else None)

    profiles = []
    for index in range(count):
        related = tuple(
            RelatedRef(f"p{other:03d}", rng.choice([None, "Co-authors."]))
            for other in dict.fromkeys(rng.randrange(count) for _ in range(rng.choice([0, 0, 0, 1, 3])))
            if other != index
        )
        profiles.append(
            Profile(
                slug=f"p{index:03d}",
                name=f"{rng.choice('ABC')}. Person",
                summary="A summary.",
                source=f"profiles/p{index:03d}.yml",
                topics=tuple(spelling(t) for t in rng.choices(topics, skew, k=rng.randint(0, 5))),
                organizations=tuple(
                    spelling(o) for o in rng.choices(organizations, skew[: len(organizations)], k=rng.randint(0, 2))
                ),
                start_here=tuple(work() for _ in range(rng.randint(0, 2))),
                signature_works=tuple(work() for _ in range(rng.randint(0, 2))),
                supporting_sources=tuple(work() for _ in range(rng.randint(0, 1))),
                related=related,
            )
        )
    return profiles


def check(catalog: Catalog, knobs: RelateSettings, rare_limit: int) -> None:
    with mock.patch.object(relate_module, "_ENUMERATION_LIMIT", rare_limit):
        found = relate(catalog, knobs)
    expected = reference_relate(catalog, knobs, rare_limit)
    assert found.keys() == expected.keys()
    for slug, entries in expected.items():
        assert found[slug] == entries, slug


@settings(max_examples=250, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    count=st.integers(min_value=1, max_value=70),
    pool=st.integers(min_value=2, max_value=12),
    rare_limit=st.integers(min_value=2, max_value=9),
    max_related=st.integers(min_value=0, max_value=8),
    weights=st.tuples(*[st.sampled_from([0.0, 0.5, 1.0, 1.5, 3.0])] * 3),
    ignore_share=st.sampled_from([0.05, 0.3, 0.5, 0.9, 1.0]),
)
def test_relate_matches_the_plain_definition_on_random_catalogs(
    seed: int,
    count: int,
    pool: int,
    rare_limit: int,
    max_related: int,
    weights: tuple[float, float, float],
    ignore_share: float,
) -> None:
    catalog, _ = build_catalog(random_profiles(random.Random(seed), count, pool))
    works, organizations, topics = weights
    knobs = RelateSettings(max_related, works, organizations, topics, ignore_share)
    check(catalog, knobs, rare_limit)


@pytest.mark.parametrize(
    ("count", "seed", "knobs"),
    [
        (400, 1, {}),
        (400, 2, {"max_related": 12, "ignore_share": 0.9}),
        (300, 3, {"weight_works": 1.0, "weight_organizations": 1.0}),  # equal weights: more ties
    ],
)
def test_relate_matches_the_plain_definition_on_larger_catalogs(count: int, seed: int, knobs: dict[str, Any]) -> None:
    # The real threshold between less common and widely held items, with items on both sides of it.
    catalog, _ = build_catalog(random_profiles(random.Random(seed), count, pool=count // 6))
    check(catalog, RelateSettings(**knobs), relate_module._ENUMERATION_LIMIT)


def test_scores_that_round_alike_are_ordered_by_name() -> None:
    # 1e-10 apart: equal once rounded to 9 digits, so the first by name (the lower number) comes first,
    # while scores 1e-3 apart keep their order whatever the names.
    assert relate_module._best({7: 2.0000000001, 3: 2.0, 5: 1.999, 1: 1.998}, 3) == [3, 7, 5]
    assert relate_module._best({7: 2.0, 3: 2.0, 5: 2.0}, 2) == [3, 5]
    assert relate_module._best({7: 3.0, 3: 2.0}, 5) == [7, 3]
