"""The fast paths give exactly what the slow ones gave: loading, URL checks and front matter.

* Loading: libyaml's parser with its own resolver, memos and a converter that takes strings inline
  (``load._parse_well_formed``) against PyYAML's pure-Python loader (the strict path) and against a
  reference converter written here as plainly as possible, on generated benchmark profiles, the
  project's own profiles and random YAML: the same values (of the same types), lines and problems.
* URLs: the regex that spares most URLs ``urlsplit`` never accepts one that ``urlsplit`` would refuse.
* Front matter: written without PyYAML's dumper, it reads back through MkDocs as the same strings as the
  dumper's output did, whatever the title and description hold.
"""

from __future__ import annotations

import datetime
import html
import importlib.util
import ipaddress
import math
import re
import string
import sys
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from mkdocs_profiles import load
from mkdocs_profiles.export import front_matter
from mkdocs_profiles.plan import PlannedPage
from mkdocs_profiles.problems import Problem
from mkdocs_profiles.urls import _PLAIN_HTTP_URL, http_url_problem

REPO = Path(__file__).resolve().parent.parent
SOURCE = "profiles/someone.yml"
PROPERTY = settings(deadline=datetime.timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])

pytestmark = pytest.mark.skipif(load._CParser is None, reason="PyYAML is built without libyaml")

Parsed = tuple[Any, dict[Any, int], list[Problem]]


# Loading -------------------------------------------------------------------------------------------------


def fast(text: str) -> Parsed | None:
    """The libyaml path, or ``None`` where it leaves the file to the strict one."""
    return load._parse_well_formed(text, SOURCE, 0)


def strict(text: str) -> Parsed:
    """The pure-Python path, which reads the files libyaml may not."""
    with mock.patch.object(load, "_parse_well_formed", return_value=None):
        return load.parse_yaml(text, SOURCE)


def reference(text: str, loader_class: Any) -> Parsed:
    """What loading promises, written plainly: PyYAML's own resolver and constructor for every node."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        lines: dict[Any, int] = {}
        problems: list[Problem] = []

        def problem(node: yaml.Node, path: tuple[Any, ...], message: str) -> None:
            problems.append(Problem(SOURCE, node.start_mark.line + 1, load.dotted(path) or None, message))

        def convert(node: yaml.Node, path: tuple[Any, ...], depth: int) -> Any:
            if depth > 40:
                problem(node, path, "nested too deeply")
                return None
            if isinstance(node, yaml.MappingNode):
                result: dict[str, Any] = {}
                for key_node, value_node in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        problem(key_node, path, "a key must be plain text")
                        continue
                    key = key_node.value
                    if key in result:
                        first = lines[(*path, key)]
                        problem(
                            key_node,
                            (*path, key),
                            f"duplicate key '{key}' (first at line {first}); YAML would silently keep only the last value",
                        )
                        continue
                    lines[(*path, key)] = key_node.start_mark.line + 1
                    result[key] = convert(value_node, (*path, key), depth + 1)
                return result
            if isinstance(node, yaml.SequenceNode):
                items = []
                for index, item in enumerate(node.value):
                    lines[(*path, index)] = item.start_mark.line + 1
                    items.append(convert(item, (*path, index), depth + 1))
                return items
            try:
                return loader.construct_object(node, deep=True)
            except Exception as error:  # noqa: BLE001
                detail = getattr(error, "problem", None) or str(error) or type(error).__name__
                problem(node, path, f"'{node.value}' cannot be read: {detail}")
                return load._Invalid(node.value)

        value = convert(root, (), 0)
        lines[()] = root.start_mark.line + 1
        return value, lines, problems
    finally:
        loader.dispose()


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (True is not 1, 1 is not 1.0), in the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def assert_same(got: Parsed, expected: Parsed) -> None:
    assert same(got[0], expected[0]), (got[0], expected[0])
    assert got[1] == expected[1]
    assert got[2] == expected[2]


def check_all_paths(text: str, across_parsers: bool = True) -> None:
    """Each path reads ``text`` as the reference does on the same parser, with memos cold or warm.

    With ``across_parsers``, libyaml's reading is also the pure-Python one's where both parse the text.
    """
    load._RESOLVED.clear()
    load._CONSTRUCTED.clear()
    cold = fast(text)
    slow = strict(text)
    if slow[0] is not None:  # the text is YAML (without anchors) and not just a null
        assert_same(slow, reference(text, yaml.SafeLoader))
    if cold is None:
        return
    warm = fast(text)
    assert warm is not None
    assert_same(warm, cold)
    # CSafeLoader is libyaml's parser with PyYAML's resolver and constructor, as _FastLoader was.
    assert_same(cold, reference(text, yaml.CSafeLoader))
    if across_parsers:
        assert_same(cold, slow)


def _bench_generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_benchmark_and_sample_profiles_load_the_same_on_every_path(tmp_path: Path) -> None:
    _bench_generator().generate_profiles(tmp_path / "profiles", 150, seed=7)
    files = sorted((tmp_path / "profiles").glob("*.yml")) + sorted((REPO / "profiles").glob("*.yml"))
    assert len(files) > 150
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert fast(text) is not None, f"{path.name} should take the fast path"
        check_all_paths(text)


#: Plain and tagged scalars at the resolver's and constructors' corners (YAML 1.1 booleans, octal,
#: sexagesimal numbers, impossible dates, tags with no or odd constructors...).
SCALARS = [
    "Ada",
    "The paper",
    "note",
    "name",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "NULL",
    "nil",
    "''",
    '""',
    "0",
    "-0",
    "+12",
    "012",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "190:20:30",
    "1e3",
    "1.5e-3",
    "6.8523015e+5",
    ".inf",
    "-.Inf",
    ".NaN",
    ".",
    "-",
    "2026-03-18",
    "2026-3-8",
    "2026-02-30",
    "2026-13-45",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10",
    "2023",
    "99999999999999999999999",
    "=",
    "<<",
    "'quoted: text'",
    '"double \\u00e9 \\x41"',
    "!!str 12",
    "!!int 12",
    "!!int x",
    "!!int",
    "!!float 1",
    "!!bool yes",
    "!!null ''",
    "!!timestamp 2026-03-18",
    "!!timestamp x",
    "! 12",
    "!local 1",
    "!!binary aGVsbG8=",
    "!!set x",
    "https://example.org/a?b=c#d",
    "Ünïcode ☃",
]

scalar_sources = st.sampled_from(SCALARS) | st.text(alphabet=string.ascii_letters + string.digits + " .-_:", max_size=8)
keys = st.sampled_from(["name", "title", "year", "yes", "1", "null", "~", "a b", "<<", "="]) | st.text(
    alphabet=string.ascii_lowercase, min_size=1, max_size=5
)
shapes = st.recursive(
    scalar_sources,
    lambda inner: st.lists(inner, max_size=4) | st.lists(st.tuples(keys, inner), max_size=4),
    max_leaves=25,
)


def block(shape: Any, indent: int = 0) -> str:
    """``shape`` as block YAML: a str is a scalar's source, a list of pairs a mapping, any other list a sequence."""
    if isinstance(shape, str):
        return shape
    if not shape:
        return "[]"
    lines = []
    for entry in shape:
        start, value = (f"{entry[0]}:", entry[1]) if isinstance(entry, tuple) else ("-", entry)
        nested = " " + block(value) if isinstance(value, str) or not value else "\n" + block(value, indent + 2)
        lines.append(" " * indent + start + nested)
    return "\n".join(lines)


def flow(shape: Any) -> str:
    """``shape`` as flow YAML: ``[a, b]`` and ``{k: v}``."""
    if isinstance(shape, str):
        return shape
    if shape and isinstance(shape[0], tuple):
        return "{" + ", ".join(f"{key}: {flow(value)}" for key, value in shape) + "}"
    return "[" + ", ".join(flow(entry) for entry in shape) + "]"


@PROPERTY
@given(shapes)
def test_random_block_yaml_loads_the_same_on_every_path(shape: Any) -> None:
    check_all_paths(block(shape) + "\n")


@PROPERTY
@given(shapes)
def test_random_flow_yaml_loads_the_same_on_every_path(shape: Any) -> None:
    # The parsers differ in flow collections: PyYAML's scanner takes "?" in {a: b?c} for an indicator
    # and "," in [!!int, x] for part of the tag; libyaml reads both as YAML means.
    check_all_paths("data: " + flow(shape) + "\n", across_parsers=False)


#: Pieces of YAML that reach the parser's corners; many joins are no YAML at all, and are left alone.
TOKENS = [*SCALARS, "a: ", "- ", "-", ": ", "? ", "\n", "\n  ", "\n    ", "{", "}", "[", "]", ", ", "|\n  ", ">-\n  "]
TOKENS += ["#", " # c", "---\n", "...\n", "%YAML 1.1\n", "\r\n", "\x85", "\u2028", "\ufeff", "'", '"', "\\"]


@PROPERTY
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=40).map("".join))
def test_random_yaml_like_text_loads_the_same_on_every_path(text: str) -> None:
    check_all_paths(text, across_parsers=False)


def test_the_same_text_under_other_tags_is_another_value() -> None:
    # Memos are keyed by tag and text: "1" is an int, a float or a str by its tag, in any order.
    text = "a: 1\nb: !!float 1\nc: !!str 1\nd: yes\ne: !!str yes\nf: !!bool yes\ng: 2026-03-18\nh: !!str 2026-03-18\n"
    for ordered in (text, "".join(reversed(text.splitlines(keepends=True)))):
        check_all_paths(ordered)
        parsed = fast(ordered)
        assert parsed is not None
        assert [type(parsed[0][key]) for key in "abcdefgh"] == [int, float, str, bool, str, bool, datetime.date, str]


def test_deep_nesting_is_refused_alike_on_every_path() -> None:
    for depth in (39, 40, 41, 42, 60):
        check_all_paths("a: " + "[" * depth + "x" + "]" * depth + "\n")
        check_all_paths("a:\n" + "".join("  " * level + "- b:\n" for level in range(depth)) + "  " * depth + "  c\n")


#: Text PyYAML's dumper writes faithfully: it can write NEL raw into a single-quoted scalar, which folds it.
dumpable_text = st.text(alphabet=st.characters(exclude_characters="\x85"), max_size=12)
plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | dumpable_text | st.dates() | st.datetimes(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(dumpable_text, inner, max_size=4),
    max_leaves=20,
)


@PROPERTY
@given(plain_values, st.booleans(), st.sampled_from([None, True, False]))
def test_dumped_values_come_back_as_they_were(value: Any, unicode: bool, flow_style: bool | None) -> None:
    # An oracle that is no loader at all: the value PyYAML's dumper was given.
    text = yaml.safe_dump({"data": value}, allow_unicode=unicode, default_flow_style=flow_style, sort_keys=False)
    check_all_paths(text)
    parsed = fast(text) or strict(text)
    assert parsed[2] == []
    assert same(parsed[0], {"data": value})


# URLs ----------------------------------------------------------------------------------------------------


def urlsplit_verdict(url: str) -> bool:
    """Whether urlsplit finds an http(s) URL with a host and a port from 1 to 65535, if any."""
    if re.search(r"[\x00-\x20\x7f]", url):
        return False
    try:
        parts = urlsplit(url)
        if "[" in parts.netloc:
            # What urlsplit checks itself from Python 3.11.4 on (_check_bracketed_host); 3.10 does not.
            bracketed = parts.netloc.rpartition("@")[2].partition("[")[2].partition("]")[0]
            if bracketed.startswith("v"):
                if not re.fullmatch(r"v[a-fA-F0-9]+\..+", bracketed):
                    return False
            elif not isinstance(ipaddress.ip_address(bracketed), ipaddress.IPv6Address):
                return False
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:
        return False


@given(st.from_regex(_PLAIN_HTTP_URL, fullmatch=True))
def test_every_url_the_shortcut_accepts_urlsplit_accepts(url: str) -> None:
    assert urlsplit_verdict(url), url


url_parts = st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", ":", "//", "/", "@", "[", "]", "?", "#"])
url_parts |= st.sampled_from(["::1", "example.org", "a.b", ":80", ":0", ":65535", ":65536", ":abc", ":", "user:pw"])


@given(st.lists(url_parts | st.text(alphabet=string.ascii_letters + string.digits + ".-é ", max_size=4)).map("".join))
@example("https://example.org:abc/")
@example("https://example.org:65536/")
@example("https://example.org:65535/")
@example("https://example.org:0/")
@example("https://user@[::1]:x/")
@example("https://[abc]/")
@example("http://[")
def test_url_checks_agree_with_urlsplit(url: str) -> None:
    assert (http_url_problem(url) is None) == urlsplit_verdict(url), url


# Front matter --------------------------------------------------------------------------------------------


def dumped_front_matter(page: PlannedPage) -> str:
    """The front matter as PyYAML's dumper wrote it before."""
    front = {"title": html.escape(page.title)}
    if page.description:
        front["description"] = html.escape(page.description)
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"


#: Every code point, lone surrogates included (they cannot come from a UTF-8 file, but must not crash).
any_text = st.text(alphabet=st.characters(exclude_categories=()))


SURROGATE = re.compile("[\ud800-\udfff]")


@settings(max_examples=500)
@given(any_text, st.none() | any_text)
@example('A <b> & "B": c\n---\n#', "d: e\n#f\r\n\x85\u2028\u2029 \t")
@example("\ufeff\ufffe\uffff\x7f\x80\x9f\xa0\U0001f600", "'single' \\ back \x00\x1b\x07")
@example("\ud800\udc00 \udfff", "lone \ud800")
@example("   leading and trailing   ", "")
@example("a \u2028 b \u2029 c", "d \x85 e")
@example("", None)
def test_front_matter_reads_back_through_mkdocs_as_the_dumper_wrote_it(title: str, description: str | None) -> None:
    page = PlannedPage("profile", "x", "profiles/x.md", "profiles/x/", title, description)
    text = front_matter(page)
    text.encode("utf-8")  # nothing a file cannot hold
    assert not re.search("[\x85\u2028\u2029\ufeff]", text)  # line breaks to some YAML readers; a BOM to others
    assert text.startswith("---\ntitle: ") and text.endswith("\n---\n")
    assert text.count("\n") == (4 if description else 3)
    body, data = get_data(text + "\nBody.\n")
    assert body == "Body.\n"
    expected = {"title": html.escape(title)} | ({"description": html.escape(description)} if description else {})
    dumped = get_data(dumped_front_matter(page) + "\nBody.\n")[1]
    if SURROGATE.search(title + (description or "")):
        # No YAML escape gives a surrogate back: the dumper's front matter was unreadable, and MkDocs
        # dropped all of it. Now each becomes U+FFFD, and the rest survives.
        assert dumped == {}
        assert data == {key: SURROGATE.sub("\ufffd", value) for key, value in expected.items()}
        return
    assert data == expected
    # The dumper could write NEL raw into a single-quoted scalar, where YAML 1.1 folds it like a line
    # break ("a\x85b" came back as "a b"); with any other text it read back as this does.
    if "\x85" not in title + (description or ""):
        assert data == dumped
