"""Validation: each wrong value is reported with file, line and field, and a good file becomes a Profile."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from helpers import find_problem, problems_of

from mkdocs_profiles.load import parse_document
from mkdocs_profiles.model import Link, Profile, RelatedRef, Work
from mkdocs_profiles.schema import PROFILE_FIELDS
from mkdocs_profiles.validate import validate_document

GOOD = "name: Ada\nsummary: First programmer.\n"


def validate(text: str, source: str = "profiles/ada.yml") -> tuple[Profile | None, list[str]]:
    document, problems = parse_document(text.encode("utf-8"), source, Path(source).stem)
    assert document is not None and problems == [], [str(p) for p in problems]
    profile, more = validate_document(document)
    return profile, [str(p) for p in more]


def test_a_complete_profile_becomes_an_immutable_value() -> None:
    profile, problems = validate(
        "name: ' Ada Lovelace '\n"
        "summary: First programmer.\n"
        "focus: Engines\n"
        "role: Countess\n"
        "bio: |\n  She wrote **notes**.\n"
        "organizations: [Analytical Society, Analytical Society]\n"
        "topics: [Engines]\n"
        "known_for: ['*Notes*']\n"
        "start_here:\n"
        "  - {title: Notes, url: 'https://example.org/n', kind: article,\n"
        "     year: 1843, venue: Taylor, note: Why}\n"
        "related:\n  - babbage\n  - {profile: somerville, note: Friend}\n"
        "links: {github: 'https://github.com/ada', homepage: 'https://ada.org'}\n"
        "editor_reviewed: true\n"
        "last_reviewed: 2026-03-18\n"
    )
    assert problems == []
    assert profile is not None
    assert profile.slug == "ada"
    assert profile.name == "Ada Lovelace"  # surrounding spaces are not part of the name
    assert profile.organizations == ("Analytical Society",)  # listed twice, kept once
    assert profile.start_here == (Work("Notes", "https://example.org/n", "article", 1843, "Taylor", "Why"),)
    assert [(r.slug, r.note) for r in profile.related] == [("babbage", None), ("somerville", "Friend")]
    assert all(isinstance(r, RelatedRef) and r.line for r in profile.related)
    # Links are shown in the schema's order, not the file's.
    assert profile.links == (Link("homepage", "https://ada.org"), Link("github", "https://github.com/ada"))
    assert profile.editor_reviewed is True and profile.draft is False
    assert profile.last_reviewed == datetime.date(2026, 3, 18)
    with pytest.raises(AttributeError):
        profile.name = "Changed"  # type: ignore[misc]


def test_a_quoted_date_is_accepted() -> None:
    profile, problems = validate(GOOD + "last_reviewed: '2026-03-18'\n")
    assert problems == []
    assert profile is not None and profile.last_reviewed == datetime.date(2026, 3, 18)


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("name: Ada\n", "profiles/ada.yml:1:", "missing required key 'summary'"),
        ("summary: x\n", "profiles/ada.yml:1:", "missing required key 'name'"),
        ("name: Ada\nsummary:\n", "profiles/ada.yml:2: summary:", "is empty"),
        ("name: '   '\nsummary: x\n", "profiles/ada.yml:1: name:", "is empty"),
        ("name: yes\nsummary: x\n", "profiles/ada.yml:1: name:", "got a boolean"),
        ("name: 1984\nsummary: x\n", "profiles/ada.yml:1: name:", "got a number"),
        ("name: [Ada]\nsummary: x\n", "profiles/ada.yml:1: name:", "expected text, got a list"),
        (GOOD + "topics: 12\n", "profiles/ada.yml:3: topics:", "expected a list of text, got a number"),
        (GOOD + "topics: Long context\n", "profiles/ada.yml:3: topics:", "expected a list of text, got text"),
        (GOOD + "topics:\n  - ok\n  - 7\n", "profiles/ada.yml:5: topics[1]:", "expected text, got a number"),
        (GOOD + "editor_reviewed: maybe\n", "profiles/ada.yml:3: editor_reviewed:", "expected true or false"),
        (GOOD + "draft: 1\n", "profiles/ada.yml:3: draft:", "expected true or false"),
        (GOOD + "last_reviewed: March 2026\n", "profiles/ada.yml:3: last_reviewed:", "not a date"),
        (GOOD + "last_reviewed: 2026\n", "profiles/ada.yml:3: last_reviewed:", "a date as YYYY-MM-DD"),
        (GOOD + "start_here: https://x.org\n", "profiles/ada.yml:3: start_here:", "expected a list of works"),
        (GOOD + "start_here:\n  - https://x.org\n", "profiles/ada.yml:4: start_here[0]:", "expected a work"),
        (
            GOOD + "start_here:\n  - url: https://x.org\n",
            "profiles/ada.yml:4: start_here[0]:",
            "missing required key 'title'",
        ),
        (
            GOOD + "start_here:\n  - title: T\n    year: '2020'\n",
            "profiles/ada.yml:5: start_here[0].year:",
            "a year",
        ),
        (
            GOOD + "start_here:\n  - title: T\n    year: 20\n",
            "profiles/ada.yml:5: start_here[0].year:",
            "not a plausible year",
        ),
        (
            GOOD + "start_here:\n  - title: T\n    kind: papr\n",
            "profiles/ada.yml:5: start_here[0].kind:",
            "did you mean 'paper'?",
        ),
        (
            GOOD + "start_here:\n  - title: T\n    tittle: U\n",
            "profiles/ada.yml:5: start_here[0].tittle:",
            "did you mean 'title'?",
        ),
        (GOOD + "links: https://ada.org\n", "profiles/ada.yml:3: links:", "expected a mapping"),
        (
            GOOD + "links:\n  githib: https://github.com/a\n",
            "profiles/ada.yml:4: links.githib:",
            "did you mean 'github'?",
        ),
        (GOOD + "related: ada-b\n", "profiles/ada.yml:3: related:", "expected a list of related profiles"),
        (
            GOOD + "related:\n  - {note: x}\n",
            "profiles/ada.yml:4: related[0]:",
            "missing required key 'profile'",
        ),
        (GOOD + "related:\n  - Ada B\n", "profiles/ada.yml:4: related[0]:", "not a slug"),
        (GOOD + "known_for: one thing\n", "profiles/ada.yml:3: known_for:", "expected a list of text"),
    ],
)
def test_wrong_values_are_reported_with_line_and_field(text: str, where: str, fragment: str) -> None:
    find_problem(problems_of(text), where, fragment)


def test_name_yes_gets_a_hint_to_quote_it() -> None:
    problem = find_problem(problems_of("name: yes\nsummary: x\n"), "profiles/ada.yml:1: name:", "boolean")
    assert problem.hint and "quote" in problem.hint


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("topcis", "topics"),
        ("summery", "summary"),
        ("organisations", "organizations"),
        ("knownfor", "known_for"),
    ],
)
def test_unknown_keys_get_a_did_you_mean_hint(key: str, suggestion: str) -> None:
    problem = find_problem(problems_of(GOOD + f"{key}: [x]\n"), f"profiles/ada.yml:3: {key}:", f"unknown key '{key}'")
    assert f"did you mean '{suggestion}'?" in str(problem)


def test_an_unknown_key_with_no_close_match_lists_the_known_keys() -> None:
    problem = find_problem(problems_of(GOOD + "zzzzzz: 1\n"), "profiles/ada.yml:3: zzzzzz:", "unknown key")
    assert problem.hint and "summary" in problem.hint


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "ftp://example.org/file",
        "//example.org/no-scheme",
        "/relative/path",
        "https://",
        "mailto:ada@example.org",
    ],
)
def test_only_http_and_https_urls_are_accepted(url: str) -> None:
    text = GOOD + f"start_here:\n  - title: T\n    url: {url!r}\nlinks:\n  github: {url!r}\n"
    problems = problems_of(text)
    find_problem(problems, "profiles/ada.yml:5: start_here[0].url:", "not an http or https URL")
    find_problem(problems, "profiles/ada.yml:7: links.github:", "not an http or https URL")


@pytest.mark.parametrize("port", ["abc", "99999", "65536", "0", "8o", "-1"])
def test_a_url_with_a_bad_port_is_refused_with_its_field_and_line(port: str) -> None:
    url = f"https://example.org:{port}/page"
    text = GOOD + f"start_here:\n  - title: T\n    url: {url!r}\nlinks:\n  github: {url!r}\n"
    problems = problems_of(text)
    for where in ("profiles/ada.yml:5: start_here[0].url:", "profiles/ada.yml:7: links.github:"):
        problem = find_problem(problems, where, f"'{url}' has an invalid port '{port}'")
        assert problem.hint and "65535" in problem.hint
    assert len(problems) == 2


@pytest.mark.parametrize("url", ["http://[", "https://[abc]/", "https://[::1/", "https://user@[x]:80/"])
def test_a_url_with_a_broken_ipv6_host_is_refused_not_crashed_on(url: str) -> None:
    # urlsplit raises ValueError for these; validation used to pass it on as a crash.
    problems = problems_of(GOOD + f"links:\n  github: {url!r}\n")
    find_problem(problems, "profiles/ada.yml:4: links.github:", "not an http or https URL")


@pytest.mark.parametrize(
    "url", ["https://example.org:8080/a", "http://[::1]:65535/", "https://example.org:/x", "https://u:p@example.org:1/"]
)
def test_urls_with_good_ports_are_accepted(url: str) -> None:
    assert problems_of(GOOD + f"start_here:\n  - title: T\n    url: {url!r}\n") == []


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/x"])
def test_http_urls_are_accepted(url: str) -> None:
    assert problems_of(GOOD + f"start_here:\n  - title: T\n    url: {url!r}\n") == []


@pytest.mark.parametrize("slug", ["Song_Han", "song han", "Song-Han", "song--han", "-song", "song-", "sóng"])
def test_an_explicit_slug_must_already_be_a_slug(slug: str) -> None:
    problem = find_problem(problems_of(GOOD + f"slug: {slug!r}\n"), "profiles/ada.yml:3: slug:", "is not a slug")
    assert problem.hint and "lowercase letters, digits and hyphens" in problem.hint


def test_a_file_stem_that_is_not_a_slug_is_slugified() -> None:
    profile, problems = validate(GOOD, source="profiles/Song_Han.yml")
    assert problems == []
    assert profile is not None and profile.slug == "song-han"


def test_a_stem_with_accents_is_transliterated() -> None:
    profile, _ = validate(GOOD, source="profiles/Łukasz Kaiser.yml")
    assert profile is not None and profile.slug == "lukasz-kaiser"


def test_an_explicit_slug_overrides_the_file_name() -> None:
    profile, _ = validate(GOOD + "slug: ada-l\n", source="profiles/whatever.yml")
    assert profile is not None and profile.slug == "ada-l" and profile.slug_line == 3


def test_the_slug_index_is_reserved() -> None:
    find_problem(problems_of(GOOD + "slug: index\n"), "profiles/ada.yml:3: slug:", "reserved")
    find_problem(problems_of(GOOD, source="profiles/index.yml"), "profiles/index.yml:1:", "reserved")


def test_a_file_name_that_gives_no_slug_is_reported() -> None:
    find_problem(problems_of(GOOD, source="profiles/___.yml"), "profiles/___.yml:1:", "gives no slug")


def test_all_problems_of_one_file_are_reported_together() -> None:
    text = (
        "name: yes\n"  # 1
        "summary: x\n"  # 2
        "topics: 3\n"  # 3
        "topcis: [a]\n"  # 4
        "links:\n  x: 'javascript:alert(1)'\n"  # 5, 6
        "slug: Bad_Slug\n"  # 7
        "start_here:\n  - title: T\n    kind: pdf\n"  # 8, 9, 10
    )
    problems = problems_of(text)
    assert sorted((p.line, p.field) for p in problems) == sorted(
        [(1, "name"), (3, "topics"), (4, "topcis"), (6, "links.x"), (7, "slug"), (10, "start_here[0].kind")]
    ), [str(p) for p in problems]


def test_drafts_are_validated_like_any_profile() -> None:
    find_problem(problems_of(GOOD + "draft: true\ntopics: 3\n"), "profiles/ada.yml:4: topics:", "expected a list")


def test_every_key_of_the_schema_is_accepted() -> None:
    # The schema is the single definition of the format: a file using every key must validate.
    values = {
        "text": "'x'",
        "markdown": "'*x*'",
        "slug": "'ada'",
        "bool": "true",
        "date": "2026-03-18",
        "text_list": "[a, b]",
        "markdown_list": "['*a*']",
        "works": "[{title: T, url: 'https://x.org', kind: paper, year: 2020, venue: V, note: N}]",
        "related": "[bob, {profile: carol, note: N}]",
        "links": "{homepage: 'https://x.org'}",
    }
    text = "".join(f"{field.name}: {values[field.type]}\n" for field in PROFILE_FIELDS)
    profile, problems = validate(text)
    assert problems == []
    assert profile is not None and profile.draft is True
