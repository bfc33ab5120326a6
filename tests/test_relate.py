"""Related researchers: curated first, then computed from shared works, organizations and topics."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_profiles.catalog import build_catalog
from mkdocs_profiles.labels import DEFAULT_LABELS
from mkdocs_profiles.model import Profile, Related, RelatedRef, Work
from mkdocs_profiles.relate import RelateSettings, relate
from mkdocs_profiles.render import describe_shared


def person(slug: str, **fields: Any) -> Profile:
    fields.setdefault("summary", f"Summary of {slug}.")
    fields.setdefault("name", slug.title())
    return Profile(slug=slug, source=f"profiles/{slug}.yml", **fields)


def paper(url: str, title: str = "A paper") -> tuple[Work, ...]:
    return (Work(title, url, "paper"),)


def related_of(profiles: list[Profile], slug: str, **knobs: Any) -> tuple[Related, ...]:
    catalog, _ = build_catalog(profiles)
    return relate(catalog, RelateSettings(**knobs))[slug]


def slugs(entries: tuple[Related, ...]) -> list[str]:
    return [entry.slug for entry in entries]


def test_curated_entries_come_first_in_their_order_with_their_notes() -> None:
    profiles = [
        person(
            "ada",
            related=(RelatedRef("zed", "Z note"), RelatedRef("bob"), RelatedRef("cat", "C note")),
            topics=("T",),
        ),
        person("bob", topics=("T",)),
        person("cat"),
        person("zed"),
        person("eve", topics=("T",)),
    ]
    entries = related_of(profiles, "ada")
    assert [(e.slug, e.curated, e.note) for e in entries[:3]] == [
        ("zed", True, "Z note"),
        ("bob", True, None),
        ("cat", True, "C note"),
    ]
    # Bob is curated, so he is not listed again as computed; Eve fills a remaining place.
    assert slugs(entries) == ["zed", "bob", "cat", "eve"]
    assert entries[3].curated is False


def test_all_curated_entries_are_kept_even_beyond_the_maximum() -> None:
    others = [person(f"p{i}") for i in range(8)]
    ada = person("ada", related=tuple(RelatedRef(p.slug) for p in others), topics=("T",))
    entries = related_of([ada, *others, person("sharer", topics=("T",))], "ada", max_related=3)
    assert slugs(entries) == [p.slug for p in others]
    assert all(e.curated for e in entries)


def test_computed_entries_fill_up_to_the_maximum() -> None:
    profiles = [person(f"p{i}", topics=("Shared",)) for i in range(10)]
    for maximum in (0, 1, 3, 5):
        assert len(related_of(profiles, "p0", max_related=maximum)) == maximum


def test_never_the_person_themself_nor_anyone_twice() -> None:
    url = "https://arxiv.org/abs/2309.17453"
    profiles = [
        person(
            "ada",
            start_here=paper(url),
            signature_works=paper("http://arxiv.org/pdf/2309.17453v2"),
            topics=("T", "t"),
        ),
        person("bob", start_here=paper(url), topics=("T",), organizations=("MIT",)),
        person("cat", supporting_sources=paper(url), organizations=("MIT",)),
    ]
    catalog, _ = build_catalog(profiles)
    for slug, entries in relate(catalog).items():
        assert slug not in slugs(entries)
        assert len(slugs(entries)) == len(set(slugs(entries)))


def test_profiles_that_share_nothing_are_not_related() -> None:
    profiles = [person("ada", topics=("A",)), person("bob", topics=("B",)), person("cat")]
    catalog, _ = build_catalog(profiles)
    assert relate(catalog) == {"ada": (), "bob": (), "cat": ()}


def test_a_shared_work_counts_more_than_a_shared_topic() -> None:
    profiles = [
        person("ada", topics=("Long context",), start_here=paper("https://arxiv.org/abs/1")),
        person("aaron", topics=("Long context",)),  # first by name, so a tie would favour him
        person("zed", signature_works=paper("https://www.arxiv.org/pdf/1v2")),
    ]
    entries = related_of(profiles, "ada")
    assert slugs(entries) == ["zed", "aaron"]
    assert entries[0].shared[0].kind == "work"


def test_a_shared_organization_counts_more_than_a_shared_topic() -> None:
    profiles = [
        person("ada", topics=("T",), organizations=("MIT",)),
        person("aaron", topics=("T",)),
        person("zed", organizations=("mit",)),
    ]
    assert slugs(related_of(profiles, "ada")) == ["zed", "aaron"]


def test_weights_are_configurable() -> None:
    profiles = [
        person("ada", topics=("T",), start_here=paper("https://x.org/1")),
        person("zed", topics=("T",)),
        person("bob", start_here=paper("https://x.org/1")),
    ]
    assert slugs(related_of(profiles, "ada")) == ["bob", "zed"]
    assert slugs(related_of(profiles, "ada", weight_works=0.1, weight_topics=5)) == ["zed", "bob"]
    assert slugs(related_of(profiles, "ada", weight_works=0)) == ["zed"]


def test_rare_shared_items_count_more_than_common_ones() -> None:
    profiles = [
        person("ada", topics=("Rare", "Common")),
        person("aaron", topics=("Common",)),  # shares the topic four people have
        person("zed", topics=("Rare",)),  # shares the topic only two people have
        person("p1", topics=("Common",)),
        person("p2", topics=("Common",)),
    ]
    entries = related_of(profiles, "ada")
    assert slugs(entries)[0] == "zed"
    assert entries[0].score > entries[1].score


def test_ties_break_by_name() -> None:
    profiles = [
        person("ada", topics=("T",)),
        person("zoe", topics=("T",)),
        person("bea", topics=("T",)),
        person("mia", topics=("T",)),
    ]
    assert slugs(related_of(profiles, "ada")) == ["bea", "mia", "zoe"]


def test_more_shared_things_rank_higher() -> None:
    profiles = [
        person("ada", topics=("A", "B", "C")),
        person("bea", topics=("A",)),
        person("zoe", topics=("A", "B", "C")),
        person("mia", topics=("A", "B")),
    ]
    assert slugs(related_of(profiles, "ada")) == ["zoe", "mia", "bea"]


def test_reasons_are_ordered_by_contribution_most_first() -> None:
    profiles = [
        person(
            "ada",
            topics=("Long context", "Quantization"),
            organizations=("MIT",),
            start_here=paper("https://x.org/p"),
        ),
        person(
            "bob",
            topics=("long-context", "Quantization"),
            organizations=("MIT",),
            signature_works=paper("https://x.org/p/"),
        ),
        person("p1", topics=("Long context",)),
    ]
    entry = related_of(profiles, "ada")[0]
    assert entry.slug == "bob"
    weights = [item.weight for item in entry.shared]
    assert weights == sorted(weights, reverse=True)
    assert [item.kind for item in entry.shared] == ["work", "organization", "topic", "topic"]
    # Quantization is rarer than Long context (held by three), so it contributed more.
    assert [item.name for item in entry.shared if item.kind == "topic"] == ["Quantization", "Long context"]
    # The topics together contributed more than MIT alone, so they come before it.
    assert describe_shared(entry, DEFAULT_LABELS) == "1 work · Quantization, Long context · MIT"


def test_reasons_show_the_most_used_spelling_of_a_term() -> None:
    profiles = [
        person("ada", topics=("long-context",)),
        person("bob", topics=("Long context",)),
        person("cat", topics=("Long context",)),
    ]
    entry = related_of(profiles, "ada")[0]
    assert [item.name for item in entry.shared] == ["Long context"]


def test_the_reason_text_groups_topics_organizations_and_counts_works() -> None:
    profiles = [
        person("ada", topics=("Long context", "Quantization"), organizations=("MIT",)),
        person("bob", topics=("Long context", "Quantization"), organizations=("MIT",)),
    ]
    entry = related_of(profiles, "ada", weight_topics=2.0)[0]
    assert describe_shared(entry, DEFAULT_LABELS) == "Long context, Quantization · MIT"
    two_works = [
        person("ada", start_here=(Work("A", "https://x.org/a"), Work("B", "https://x.org/b"))),
        person("bob", start_here=(Work("A", "https://x.org/a"), Work("B", "https://x.org/b"))),
    ]
    assert describe_shared(related_of(two_works, "ada")[0], DEFAULT_LABELS) == "2 works"


def test_the_result_is_deterministic_whatever_the_input_order() -> None:
    rng = random.Random(7)
    topics = [f"Topic {i}" for i in range(12)]
    profiles = [
        person(
            f"p{i:02d}",
            topics=tuple(rng.sample(topics, 3)),
            start_here=paper(f"https://x.org/{rng.randrange(10)}"),
        )
        for i in range(40)
    ]
    catalog, _ = build_catalog(profiles)
    expected = relate(catalog)
    for _ in range(3):
        rng.shuffle(profiles)
        catalog, _ = build_catalog(profiles)
        assert relate(catalog) == expected


def synthetic(count: int) -> list[Profile]:
    """``count`` profiles that all share "Machine learning"; a few rare topics pair some of them up."""
    profiles = []
    for i in range(count):
        topics = ["Machine learning"]
        if i % 10 < 2:  # profiles 0-1, 10-11, 20-21... share a rare topic in pairs
            topics.append(f"Rare {i // 10}")
        profiles.append(person(f"p{i:04d}", topics=tuple(topics), organizations=(f"Org {i}",)))
    return profiles


def test_a_topic_everyone_has_does_not_make_every_pair_related() -> None:
    catalog, _ = build_catalog(synthetic(300))
    result = relate(catalog)
    # Only the pairs that share a rare topic are related, and only to each other.
    paired = {slug: slugs(entries) for slug, entries in result.items() if entries}
    assert len(paired) == 60
    assert paired["p0000"] == ["p0001"] and paired["p0011"] == ["p0010"]
    assert all("Machine learning" not in [i.name for e in entries for i in e.shared] for entries in result.values())


def test_a_topic_everyone_has_is_not_slow() -> None:
    catalog, _ = build_catalog(synthetic(3000))
    start = time.perf_counter()
    relate(catalog)
    assert time.perf_counter() - start < 5.0


def test_common_items_still_count_on_a_small_site() -> None:
    # On a site of eight, four sharing a topic is not "everyone": it still relates them.
    profiles = [person(f"p{i}", topics=("Shared",) if i < 4 else ()) for i in range(8)]
    assert slugs(related_of(profiles, "p0")) == ["p1", "p2", "p3"]


@pytest.mark.parametrize("share", [0.1, 0.5, 0.9])
def test_the_ignore_share_is_a_knob(share: float) -> None:
    profiles = [person(f"p{i:02d}", topics=("Common",) if i < 30 else ()) for i in range(40)]
    entries = related_of(profiles, "p00", ignore_share=share)
    # 30 of 40 (75 %) hold the topic: ignored only when the limit is below that.
    assert bool(entries) is (share > 0.75)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(["A", "B", "C", "D"]), max_size=3),
            st.lists(st.sampled_from(["https://x.org/1", "https://x.org/2"]), max_size=2),
            st.lists(st.integers(min_value=0, max_value=7), max_size=3),
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=0, max_value=6),
)
def test_invariants_hold_for_any_catalog(data: list[tuple[list[str], list[str], list[int]]], maximum: int) -> None:
    count = len(data)
    profiles = [
        person(
            f"p{i}",
            topics=tuple(dict.fromkeys(topics)),
            start_here=tuple(Work(f"W{u}", u) for u in dict.fromkeys(urls)),
            related=tuple(RelatedRef(f"p{j}") for j in dict.fromkeys(curated) if j < count and j != i),
        )
        for i, (topics, urls, curated) in enumerate(data)
    ]
    catalog, _ = build_catalog(profiles)
    result = relate(catalog, RelateSettings(max_related=maximum))
    for profile in profiles:
        entries = result[profile.slug]
        assert profile.slug not in slugs(entries)
        assert len(set(slugs(entries))) == len(entries)
        curated = [ref.slug for ref in profile.related]
        assert slugs(entries)[: len(curated)] == curated
        assert len(entries) <= max(maximum, len(curated))
        computed = [e for e in entries if not e.curated]
        assert all(e.shared and e.score > 0 for e in computed)
        scores = [e.score for e in computed]
        assert scores == sorted(scores, reverse=True)
