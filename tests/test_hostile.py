"""Hostile input: random YAML and random profiles, and a corpus of injection payloads built into a site.

* Property tests (Hypothesis) feed the loader and the validator random bytes, YAML-shaped text and random
  profile documents: they answer with located :class:`~mkdocs_profiles.problems.Problem` values, never an
  exception, and never hang (every example has a deadline). Valid documents round-trip: the profile that
  comes out has exactly the fields that went in, whether written as YAML or as Markdown with front matter.
* Every payload of ``fixtures/injection-payloads.txt`` goes into every text field of a profile (and of the
  catalog files); the site is built, and the output may contain no script, event handler or element that
  a text field introduced, and no link or source with an unsafe scheme. A payload-free build of the same
  shape is the baseline for what Material itself puts on a page. In Chromium, no page of that site (nor a
  search for the payloads) may open a dialog.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import string
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import (
    REPO,
    build_process,
    build_site,
    chromium,
    html_files,
    new_page,
    parse_html,
    requires_chromium,
    serve,
    site_url_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_profiles.labels import merge_labels
from mkdocs_profiles.load import dotted, parse_document
from mkdocs_profiles.model import Profile, RelatedRef, Work
from mkdocs_profiles.pipeline import Options, build_plan
from mkdocs_profiles.problems import Problem
from mkdocs_profiles.render import Renderer, RenderSettings
from mkdocs_profiles.schema import LINK_KINDS, PROFILE_FIELDS, RELATED_FIELDS, WORK_FIELDS, WORK_KINDS
from mkdocs_profiles.slugs import RESERVED_SLUGS, slugify
from mkdocs_profiles.validate import validate_document

# A generous deadline: the machine is shared, and a hang is what it catches, not a slow example.
PROPERTY = settings(deadline=datetime.timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])

SOURCE = "profiles/someone.yml"

# Random input ------------------------------------------------------------------------------------

#: Pieces of YAML that reach the parser's corners: anchors, tags, flow collections, block scalars,
#: directives, merge keys, odd scalars and line breaks YAML counts as lines.
YAML_TOKENS = [
    "name: ",
    "summary: ",
    "topics:",
    "links:",
    "start_here:",
    "related:",
    "slug: ",
    "year: ",
    "bio: |\n  ",
    "\n",
    "\n  ",
    "\n    ",
    "- ",
    "-",
    ": ",
    ":",
    "? ",
    "&a ",
    "*a",
    "&anchor [1, 2]",
    "<<: *a",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!timestamp 2001-12-14t21:59:43.10-05:00",
    "!!set {a, b}",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!local ",
    "!!map ",
    "!!seq ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "|",
    "|-",
    ">",
    ">+",
    '"',
    "'",
    "\\",
    '"\\x00"',
    '"\\ud800"',
    "#",
    "---\n",
    "...\n",
    "\t",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "2026-02-30",
    "2026-03-18",
    "1e999",
    "-.inf",
    ".nan",
    "0x1F",
    "0o17",
    "1_000",
    "99999999999999999999999",
    "12:30:45",
    "\x85",
    "\u2028",
    "\ufeff",
    "\r\n",
    "\r",
    "=",
    "<script>",
    "é",
    "\U0001f600",
]

yaml_like_text = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=6), max_size=50).map("".join)


def scalars() -> st.SearchStrategy[Any]:
    return (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=20)
        | st.dates()
        | st.datetimes()
        | st.sampled_from(["https://example.org/", "javascript:alert(1)", "index", "song-han", "paper", "2026-03-18"])
    )


values = st.recursive(
    scalars(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
field_names = st.sampled_from(
    [f.name for f in PROFILE_FIELDS] + [f.name for f in WORK_FIELDS] + ["profile", "homepage"]
) | st.text(max_size=8)
random_documents = st.dictionaries(field_names, values, max_size=12)


def check_answer(source: str, text_lines: int, problems: list[Problem]) -> None:
    """Problems are the project's own, located in the file they are about."""
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file == source
        assert problem.message
        assert problem.line is None or 1 <= problem.line <= text_lines + 2, (problem, text_lines)
        str(problem)


def load_and_validate(raw: bytes, source: str = SOURCE, stem: str = "someone") -> tuple[Profile | None, list[Problem]]:
    document, problems = parse_document(raw, source, stem)
    # YAML also breaks lines at NEL, LS and PS; its line numbers count them.
    lines = len(re.split("\r\n|[\n\r\x85\u2028\u2029]", raw.decode("utf-8", "replace")))
    check_answer(source, lines, problems)
    if document is None:
        assert problems, "a file that gives no document says why"
        return None, problems
    profile, more = validate_document(document)
    check_answer(source, lines, more)
    # Validation has the document's lines: every problem it finds is located.
    assert all(p.line is not None for p in more), more
    everything = problems + more
    if profile is None:
        assert any(p.is_error for p in everything), "a profile refused without an error"
    return profile, everything


@PROPERTY
@given(st.binary(max_size=300), st.sampled_from([".yml", ".md"]))
def test_random_bytes_give_problems_not_exceptions(raw: bytes, suffix: str) -> None:
    load_and_validate(raw, "profiles/someone" + suffix)


@PROPERTY
@given(yaml_like_text, st.sampled_from([".yml", ".md"]))
def test_yaml_shaped_text_gives_problems_not_exceptions(text: str, suffix: str) -> None:
    if suffix == ".md":
        text = "---\n" + text + "\n---\nThe body.\n"
    load_and_validate(text.encode("utf-8"), "profiles/someone" + suffix)


@settings(PROPERTY, max_examples=60)
@given(random_documents)
def test_random_profile_documents_give_located_problems(data: dict[str, Any]) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    profile, problems = load_and_validate(raw)
    # Paths of what YAML reads back, which is not always what was dumped (a NEL in a key folds to a space).
    paths = set(dotted_paths(yaml.safe_load(raw)))
    for problem in problems:
        # The field a problem names is a place in the document (a missing key is reported on its parent).
        assert problem.field is None or problem.field in paths, (problem, sorted(paths))


def dotted_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[str]:
    """Every place in ``value`` as problems name it: ``links``, ``start_here[0].url``..."""
    if path:
        yield dotted(path)
    if isinstance(value, dict):
        for key, item in value.items():
            yield from dotted_paths(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from dotted_paths(item, (*path, index))


@pytest.mark.parametrize("depth", [41, 900, 5000])
@pytest.mark.parametrize("opening,closing", [("[", "]"), ("{a: ", "}"), ("- ", "")])
def test_deep_nesting_is_refused_quickly(depth: int, opening: str, closing: str) -> None:
    if opening == "- ":
        nested = "".join("\n" + "  " * i + "- " for i in range(min(depth, 2000))) + "x"
    else:
        nested = opening * depth + "x" + closing * depth
    text = "name: Ada\nsummary: s\ntopics: " + nested + "\n"
    profile, problems = load_and_validate(text.encode())
    assert profile is None
    assert any("deep" in p.message or "nested" in p.message for p in problems), problems


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 12):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    profile, problems = load_and_validate(("\n".join(lines) + "\nname: x\nsummary: y\n").encode())
    assert profile is None
    assert any("aliases" in p.message for p in problems)


# Valid documents round-trip ------------------------------------------------------------------------

# Text as editors write it: any characters but surrogates and control characters, trimmed (validation
# trims, so " Ada " and "Ada" are the same name).
_letters = st.characters(blacklist_categories=("Cs", "Cc"))
text_value = st.text(_letters, min_size=1, max_size=40).map(str.strip).filter(bool)
slug_value = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(
    lambda s: s not in RESERVED_SLUGS
)
url_value = st.from_regex(r"https?://[a-z]{1,10}\.(org|com|io)(/[A-Za-z0-9_.~-]{1,10}){0,3}", fullmatch=True)
work_value = st.fixed_dictionaries(
    {"title": text_value},
    optional={
        "url": url_value,
        "kind": st.sampled_from(WORK_KINDS),
        "year": st.integers(1000, 2999),
        "venue": text_value,
        "note": text_value,
    },
)
related_value = slug_value | st.fixed_dictionaries({"profile": slug_value}, optional={"note": text_value})
_OPTIONAL = {
    "slug": slug_value,
    "focus": text_value,
    "role": text_value,
    "bio": text_value,
    "organizations": st.lists(text_value, max_size=4, unique=True),
    "topics": st.lists(text_value, max_size=4, unique=True),
    "known_for": st.lists(text_value, max_size=4),
    "start_here": st.lists(work_value, max_size=3),
    "signature_works": st.lists(work_value, max_size=3),
    "supporting_sources": st.lists(work_value, max_size=3),
    "related": st.lists(related_value, max_size=3),
    "links": st.dictionaries(st.sampled_from(LINK_KINDS), url_value, max_size=4),
    "editor_reviewed": st.booleans(),
    "last_reviewed": st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)),
    "draft": st.booleans(),
}
valid_profiles = st.fixed_dictionaries({"name": text_value, "summary": text_value}, optional=_OPTIONAL)


def test_the_round_trip_strategy_covers_every_key() -> None:
    """A key added to the format must be added to the strategy above, or it would go untested."""
    assert {f.name for f in PROFILE_FIELDS} == {"name", "summary", *_OPTIONAL}
    assert {f.name for f in WORK_FIELDS} == {"title", "url", "kind", "year", "venue", "note"}
    assert {f.name for f in RELATED_FIELDS} == {"profile", "note"}


def expected_value(key: str, value: Any) -> Any:
    if key in ("start_here", "signature_works", "supporting_sources"):
        return tuple(Work(**work) for work in value)
    if key == "related":
        return tuple((r, None) if isinstance(r, str) else (r["profile"], r.get("note")) for r in value)
    if key == "links":
        return dict(value)
    if isinstance(value, list):
        return tuple(value)
    return value


def actual_value(profile: Profile, key: str) -> Any:
    value = getattr(profile, key)
    if key == "related":
        return tuple((r.slug, r.note) for r in value)
    if key == "links":
        return {link.kind: link.url for link in value}
    return value


def assert_round_trip(data: dict[str, Any], profile: Profile | None, problems: list[Problem], stem: str) -> None:
    assert problems == []
    assert profile is not None
    assert profile.slug == data.get("slug", slugify(stem))
    for key, value in data.items():
        if key != "slug":
            assert actual_value(profile, key) == expected_value(key, value), key
    for key in ("editor_reviewed", "draft"):
        assert getattr(profile, key) is bool(data.get(key))
    assert all(isinstance(r, RelatedRef) and r.line for r in profile.related)


@PROPERTY
@given(valid_profiles)
def test_valid_yaml_profiles_round_trip_through_the_model(data: dict[str, Any]) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    profile, problems = load_and_validate(raw, "profiles/round-trip.yml", "round-trip")
    assert_round_trip(data, profile, problems, "round-trip")


@PROPERTY
@given(valid_profiles)
def test_valid_markdown_profiles_round_trip_through_the_model(data: dict[str, Any]) -> None:
    front = {k: v for k, v in data.items() if k != "bio"}
    body = "\n" + data["bio"] + "\n" if "bio" in data else ""
    raw = ("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body).encode("utf-8")
    profile, problems = load_and_validate(raw, "profiles/round-trip.md", "round-trip")
    assert_round_trip(data, profile, problems, "round-trip")


# The whole core on random sites ----------------------------------------------------------------------

_ANGRY = (
    st.text(
        st.sampled_from("<>&\"'`=/ \\:;()[]{}#!*_-jsavcriptonlda" + string.ascii_letters[:6]),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
angry_profiles = st.fixed_dictionaries(
    {"name": _ANGRY, "summary": _ANGRY},
    optional={
        "focus": _ANGRY,
        "role": _ANGRY,
        "bio": _ANGRY,
        "organizations": st.lists(_ANGRY, max_size=3, unique=True),
        "topics": st.lists(
            st.sampled_from(["LLM", "llm", "L-L-M", "<b>", "&amp;", "x"]) | _ANGRY, max_size=3, unique=True
        ),
        "known_for": st.lists(_ANGRY, max_size=3),
        "start_here": st.lists(
            st.fixed_dictionaries({"title": _ANGRY}, optional={"note": _ANGRY, "venue": _ANGRY, "url": url_value}),
            max_size=2,
        ),
        "related": st.lists(st.sampled_from(["p0", "p1", "p2", "p3", "missing"]), max_size=3),
        "draft": st.booleans(),
    },
)


@settings(deadline=datetime.timedelta(seconds=10), max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(angry_profiles | random_documents, min_size=1, max_size=4))
def test_random_sites_plan_and_render_without_exceptions_or_markup_from_text(
    documents: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "profiles").mkdir()
        for index, data in enumerate(documents):
            (root / "profiles" / f"p{index}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        options = Options(profiles_dir=root / "profiles", base_dir=root, labels=merge_labels({}))
        result = build_plan(options)
        if any(p.is_error for p in result.problems):
            assert result.plan is None
            return
        assert result.plan is not None
        renderer = Renderer(result.plan, RenderSettings(labels=options.labels))
        for page in result.plan.pages:
            body = renderer.render(page)
            assert_no_markup_from_text(body)


#: Elements that run code, load a document or restyle the page: none may appear in a page body, whatever
#: the templates add (the plugin's own markup uses none of them).
_FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "style",
    "meta",
    "link",
    "noscript",
}


def assert_no_markup_from_text(body: str) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    for element in soup.find_all(True):
        assert element.name not in _FORBIDDEN_TAGS, f"<{element.name}> in a rendered page: {str(element)[:100]}"
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), f"event handler {attribute}={value!r}"
            if attribute in URL_ATTRIBUTES:
                assert is_safe_url(str(value)), f"unsafe {attribute}={value!r}"


# Injection payloads built into a site -------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "cite",
    "ping",
}
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file", "blob", "filesystem")
MARKER = "pfxss"


def is_safe_url(value: str) -> bool:
    """What a browser would see as the scheme of ``value`` is not one that runs code or embeds a document."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match is None or match.group(1) not in UNSAFE_SCHEMES


def payloads() -> list[str]:
    lines = (REPO / "tests" / "fixtures" / "injection-payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")]


def profile_with(texts: list[str], index: int) -> dict[str, Any]:
    """A profile with ``texts[index]`` in every text field of the format.

    The fields are read from the schema, so a field added to the format is attacked too.
    """
    text, following = texts[index], texts[(index + 1) % len(texts)]
    neighbour = f"p{(index + 1) % len(texts):02d}"
    data: dict[str, Any] = {}
    for spec in PROFILE_FIELDS:
        if spec.type in ("text", "markdown"):
            data[spec.name] = f"{text} {spec.name}"
        elif spec.type in ("text_list", "markdown_list"):
            # Shared with the next profile, so topic pages list two people and related cards give reasons.
            data[spec.name] = [f"{text} {spec.name}", f"{following} {spec.name}"]
        elif spec.type == "works":
            work = {f.name: f"{text} {f.name}" for f in WORK_FIELDS if f.type in ("text", "markdown")}
            data[spec.name] = [
                {**work, "url": f"https://example.org/{spec.name}/{index}", "kind": "paper", "year": 2024}
            ]
        elif spec.type == "related":
            data[spec.name] = [{"profile": neighbour, "note": f"{text} related note"}]
        elif spec.type == "links":
            data[spec.name] = {"homepage": f"https://example.org/home/{index}"}
        elif spec.type == "bool":
            data[spec.name] = spec.name == "editor_reviewed"
        elif spec.type == "date":
            data[spec.name] = datetime.date(2026, 3, 18)
    return data


def write_site(root: Path, texts: list[str]) -> Path:
    """A site whose profiles carry ``texts`` in every field; returns its mkdocs.yml."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Hostile input\n\nProfiles full of payloads.\n", encoding="utf-8")
    (root / "profiles").mkdir()
    for index in range(len(texts)):
        data = profile_with(texts, index)
        (root / "profiles" / f"p{index:02d}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    for kind, field in (("_topics.yml", "topics"), ("_organizations.yml", "organizations")):
        entries = {
            f"{text} {field}": {"description": f"{text} description", "aliases": [f"{text} alias"]}
            for text in texts[:5]
        }
        (root / "profiles" / kind).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    config = {
        "site_name": "Hostile <b>input</b>",
        "site_url": "https://example.org/hostile/",
        "theme": {
            "name": "material",
            "features": ["navigation.sections", "search.highlight"],
            "palette": [
                {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark"}},
                {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light"}},
            ],
        },
        "plugins": ["search", "profiles"],
        # Extensions that make links and attributes: what a hostile bio would reach for.
        "markdown_extensions": [
            "abbr",
            "attr_list",
            "def_list",
            "footnotes",
            "md_in_html",
            "tables",
            "admonition",
            {"toc": {"permalink": True}},
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.magiclink",
            "pymdownx.tasklist",
            "pymdownx.inlinehilite",
            "pymdownx.highlight",
        ],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The payload site and its baseline: the same profiles with plain words in place of the payloads."""
    texts = payloads()
    hostile = build_site(write_site(tmp_path_factory.mktemp("hostile"), texts))
    baseline = build_site(
        write_site(tmp_path_factory.mktemp("baseline"), [f"Plain words {i}" for i in range(len(texts))])
    )
    return hostile, baseline


#: Elements that run code, load another document, restyle the page or send a form somewhere.
ACTIVE_TAGS = (
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "style",
    "link",
    "meta",
    "form",
    "noscript",
)


def active_elements(soup: Any) -> tuple[str, ...]:
    """What a page has of :data:`ACTIVE_TAGS`, with each script's type and source: its executable shape."""
    found = []
    for element in soup.find_all(ACTIVE_TAGS):
        if element.name == "script":
            found.append(f"script {element.get('type', 'text/javascript')} {element.get('src', 'inline')}")
        elif element.name == "meta":
            found.append(f"meta http-equiv={element.get('http-equiv', '')}")
        else:
            found.append(element.name)
    return tuple(sorted(found))


def page_kind(site: Path, page: Path) -> str:
    """``profiles/p03/index.html`` -> ``profiles/*``; index pages and the home page are their own kind."""
    parts = site_url_of(site, page).split("/")
    return parts[0] + "/*" if len(parts) == 3 else "/".join(parts)


def test_the_payload_site_has_every_kind_of_page(hostile_sites: tuple[Path, Path]) -> None:
    hostile, baseline = hostile_sites
    kinds = Counter(site_url_of(hostile, p).split("/")[0] for p in html_files(hostile))
    assert kinds["profiles"] == len(payloads()) + 1
    # Payloads that differ only in case or spaces are one topic, as the format says; most are distinct.
    assert kinds["topics"] > len(payloads()) // 2 and kinds["organizations"] > len(payloads()) // 2
    assert {page_kind(hostile, p) for p in html_files(hostile)} == {
        page_kind(baseline, p) for p in html_files(baseline)
    }


def test_no_script_or_event_handler_comes_from_a_text_field(hostile_sites: tuple[Path, Path]) -> None:
    """Each page has the scripts, styles, frames and forms of its payload-free twin, and no handlers."""
    hostile, baseline = hostile_sites
    expected: dict[str, set[tuple[str, ...]]] = {}
    for page in html_files(baseline):
        expected.setdefault(page_kind(baseline, page), set()).add(active_elements(parse_html(page)))
    found = []
    for page in html_files(hostile):
        soup = parse_html(page)
        where = site_url_of(hostile, page)
        shape = active_elements(soup)
        if shape not in expected[page_kind(hostile, page)]:
            extra = Counter(shape) - Counter(next(iter(expected[page_kind(hostile, page)])))
            found.append(f"{where}: active elements the baseline does not have: {dict(extra)}")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string or "")  # still one intact JSON document: nothing broke out of it
            elif MARKER in (script.string or "") or MARKER in script.get("src", ""):
                found.append(f"{where}: a script carries a payload: {str(script)[:120]}")
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                if attribute.lower().startswith("on"):
                    found.append(f"{where}: <{element.name} {attribute}={value!r}>")
            if element.name == "meta" and element.get("http-equiv", "").lower() == "refresh":
                found.append(f"{where}: a meta refresh: {str(element)[:120]}")
    assert found == [], "\n".join(found[:40])


def test_no_href_or_src_has_an_unsafe_scheme(hostile_sites: tuple[Path, Path]) -> None:
    found = []
    for site in hostile_sites:
        for page in html_files(site):
            for element in parse_html(page).find_all(True):
                for attribute in URL_ATTRIBUTES & set(element.attrs):
                    value = str(element[attribute])
                    if not is_safe_url(value):
                        found.append(f"{site_url_of(site, page)}: <{element.name} {attribute}={value[:80]!r}>")
    assert found == [], "\n".join(found[:40])


def test_payloads_are_shown_as_text(hostile_sites: tuple[Path, Path]) -> None:
    """Escaped, not dropped: a name full of markup is the page's heading, character for character."""
    hostile = hostile_sites[0]
    texts = payloads()
    for index, text in enumerate(texts):
        soup = parse_html(hostile / "profiles" / f"p{index:02d}" / "index.html")
        heading = soup.select_one(".pf-page h1")
        assert heading is not None
        assert heading.get_text() == f"{text} name", f"payload {index} is not shown as it was written"
        assert soup.title is not None and f"{text} name" in soup.title.get_text()
        summary = soup.select_one(".pf-summary")
        assert summary is not None and summary.get_text().strip() == f"{text} summary".strip()
    # Template syntax in a text field is text, not a template.
    page = next(i for i, t in enumerate(texts) if "{{ 7*7 }}" in t)
    body = (hostile / "profiles" / f"p{page:02d}" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in html.unescape(body)


def test_unsafe_urls_in_url_fields_are_refused() -> None:
    urls = [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "//example.org/x",
        "https://",
        "http:///x",
    ]
    for url in urls:
        for data in (
            {"name": "A", "summary": "B", "links": {"homepage": url}},
            {"name": "A", "summary": "B", "start_here": [{"title": "T", "url": url}]},
        ):
            profile, problems = load_and_validate(yaml.safe_dump(data).encode())
            assert profile is None, url
            assert any(p.field in ("links.homepage", "start_here[0].url") for p in problems), (url, problems)


def test_a_build_with_an_unsafe_url_fails_and_names_the_field(tmp_path: Path) -> None:
    config = write_site(tmp_path, ["Plain"])
    path = tmp_path / "profiles" / "p00.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["links"] = {"homepage": "javascript:alert('pfxss')"}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = build_process(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "profiles/p00.yml" in result.stderr and "links.homepage" in result.stderr


@pytest.fixture(scope="module")
def hostile_server(hostile_sites: tuple[Path, Path]) -> Iterator[str]:
    with serve(hostile_sites[0]) as url:
        yield url


@pytest.mark.browser
@requires_chromium
def test_no_payload_runs_in_a_browser(hostile_sites: tuple[Path, Path], hostile_server: str) -> None:
    """The payload site's pages, and Material's search for the payloads, in Chromium: no dialog opens."""
    hostile = hostile_sites[0]
    with chromium() as browser:
        page = new_page(browser, hostile_server)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        # Every profile page and index page, and a few topic and organization pages (the static checks
        # above read all of them; here the browser runs what is on them).
        files = html_files(hostile)
        chosen = [
            f for f in files if page_kind(hostile, f) != "topics/*" and page_kind(hostile, f) != "organizations/*"
        ]
        chosen += [f for f in files if page_kind(hostile, f) == "topics/*"][:5]
        chosen += [f for f in files if page_kind(hostile, f) == "organizations/*"][:5]
        for file in chosen:
            page.goto(site_url_of(hostile, file))
            page.wait_for_load_state("load")
        page.goto("index.html")
        page.wait_for_function("() => typeof __md_get === 'function'")
        search = page.locator("input.md-search__input")
        for query in ("pfxss", "onerror", "javascript"):
            # Material searches on key presses, not on a programmatic fill.
            search.click()
            search.fill("")
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__list li", timeout=10_000)
            page.wait_for_timeout(300)
            injected = page.locator(".md-search-result").evaluate(
                "e => [...e.querySelectorAll('img, script, iframe, [onerror], [onload]')].map(x => x.outerHTML)"
            )
            assert injected == [], f"search results for {query!r} contain markup from profiles: {injected[:3]}"
        assert dialogs == [], f"a payload ran: {dialogs}"
        assert page.errors == [], f"JavaScript errors: {page.errors}"
        page.context.close()
