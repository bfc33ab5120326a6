"""The catalog: profiles checked against each other, topics and organizations merged into terms."""

from __future__ import annotations

import random
from typing import Any

from helpers import find_problem

from mkdocs_profiles.catalog import build_catalog
from mkdocs_profiles.model import Profile, RelatedRef
from mkdocs_profiles.problems import Severity


def person(slug: str, name: str | None = None, **fields: Any) -> Profile:
    fields.setdefault("summary", f"Summary of {slug}.")
    return Profile(slug=slug, name=name or slug.replace("-", " ").title(), source=f"profiles/{slug}.yml", **fields)


def test_published_profiles_are_sorted_by_name_and_drafts_kept_apart() -> None:
    profiles = [
        person("zed", "zed Alpha"),
        person("amy", "Amy Zulu"),
        person("bea", "Bea Mid"),
        person("dra", "Aaron Draft", draft=True),
    ]
    catalog, problems = build_catalog(profiles)
    assert problems == []
    assert list(catalog.profiles) == ["amy", "bea", "zed"]  # by name, ignoring case
    assert list(catalog.drafts) == ["dra"]


def test_two_profiles_with_one_slug_are_an_error_naming_both_files() -> None:
    first = Profile(slug="song-han", name="Song Han", summary="x", source="profiles/Song_Han.yml")
    second = Profile(slug="song-han", name="Another", summary="y", source="profiles/zz.yml", slug_line=3)
    _, problems = build_catalog([second, first])
    problem = find_problem(problems, "profiles/zz.yml:3: slug:", "two profiles have the slug 'song-han'")
    assert "profiles/Song_Han.yml" in str(problem)
    assert problem.severity is Severity.ERROR


def test_a_draft_counts_for_duplicate_slugs() -> None:
    published = person("ada")
    draft = Profile(slug="ada", name="Ada Draft", summary="x", source="profiles/ada-draft.yml", slug_line=2, draft=True)
    _, problems = build_catalog([published, draft])
    find_problem(problems, "profiles/ada-draft.yml:2: slug:", "two profiles have the slug 'ada'", "profiles/ada.yml")


def test_related_entries_that_name_no_profile_are_located_warnings() -> None:
    ada = person(
        "ada",
        related=(
            RelatedRef("bob", "Friend", line=7),
            RelatedRef("nobody", None, line=8),
            RelatedRef("ada", None, line=9),
            RelatedRef("bob", None, line=10),
            RelatedRef("dra", None, line=11),
        ),
    )
    catalog, problems = build_catalog([ada, person("bob"), person("dra", draft=True)])
    assert all(p.severity is Severity.WARNING for p in problems)
    find_problem(problems, "profiles/ada.yml:8: related:", "no profile has the slug 'nobody'")
    find_problem(problems, "profiles/ada.yml:9: related:", "itself")
    find_problem(problems, "profiles/ada.yml:10: related:", "listed twice")
    find_problem(problems, "profiles/ada.yml:11: related:", "draft")
    assert len(problems) == 4
    # The good entry stays, with its note; the bad ones are dropped.
    assert catalog.profiles["ada"].related == (RelatedRef("bob", "Friend", line=7),)


def test_with_drafts_included_a_draft_is_published_and_can_be_related() -> None:
    ada = person("ada", related=(RelatedRef("dra", None, line=3),))
    catalog, problems = build_catalog([ada, person("dra", draft=True)], include_drafts=True)
    assert problems == []
    assert set(catalog.profiles) == {"ada", "dra"}


def test_topic_spellings_merge_and_the_most_used_spelling_is_shown() -> None:
    profiles = [
        person("a", topics=("Long context",)),
        person("b", topics=("long-context",)),
        person("c", topics=("Long Context",)),
        person("d", topics=("long-context",)),
        person("e", topics=("LONG CONTEXT", "Quantization")),
    ]
    catalog, _ = build_catalog(profiles)
    assert list(catalog.topics) == ["longcontext", "quantization"]
    term = catalog.topic("Long Context")
    assert term.name == "long-context"
    assert term.slug == "long-context"
    assert term.profiles == ("a", "b", "c", "d", "e")  # by profile name
    assert term.kind == "topic"


def test_a_tie_between_spellings_is_broken_the_same_way_whatever_the_order() -> None:
    profiles = [person("a", topics=("Long context",)), person("b", topics=("Long Context",))]
    names = set()
    for _ in range(5):
        random.shuffle(profiles)
        catalog, _ = build_catalog(profiles)
        names.add(catalog.topic("long context").name)
    assert len(names) == 1


def test_one_profile_naming_a_term_twice_counts_once() -> None:
    catalog, _ = build_catalog([person("a", organizations=("MIT", "mit")), person("b", organizations=("Mit",))])
    term = catalog.organization("MIT")
    assert term.profiles == ("a", "b")
    assert term.kind == "organization"


def test_drafts_add_no_terms() -> None:
    catalog, _ = build_catalog([person("a", topics=("Shared",)), person("d", topics=("Shared", "Secret"), draft=True)])
    assert list(catalog.topics) == ["shared"]
    assert catalog.topic("Shared").profiles == ("a",)


def test_terms_that_slugify_alike_get_distinct_pages() -> None:
    catalog, _ = build_catalog([person("a", topics=("C", "C++")), person("b", topics=("C#",))])
    slugs = [t.slug for t in catalog.topics.values()]
    assert len(set(slugs)) == 3
    assert catalog.topic("C").slug == "c"


def test_terms_are_sorted_by_display_name() -> None:
    catalog, _ = build_catalog([person("a", topics=("zeta", "Alpha", "beta"))])
    assert [t.name for t in catalog.topics.values()] == ["Alpha", "beta", "zeta"]


def test_transliterated_term_slugs() -> None:
    catalog, _ = build_catalog([person("a", organizations=("Łukasz Lab", "École Normale Supérieure"))])
    assert catalog.organization("Łukasz Lab").slug == "lukasz-lab"
    assert catalog.organization("École Normale Supérieure").slug == "ecole-normale-superieure"
