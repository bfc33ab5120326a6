"""The shortcuts that make rendering faster give exactly what the plain ways gave.

* Markdown: texts of "plain" or "simple" Markdown are written without Python-Markdown, and a page's Known
  For items are converted in one go. Both are compared with one conversion per text (the plain way, kept
  in ``MarkdownRenderer`` for everything else), on random text full of Markdown's own characters, with the
  extensions the shortcuts allow, in the order a build converts them.
* Headings: ``extract_headings`` and ``anchor_ids`` against the code they replaced, written out below.
* Pages: every page of a site rendered with and without the shortcuts, and ``url()`` against
  ``relative_url``.
"""

from __future__ import annotations

import datetime
import re
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import FULL_PROFILE, OTHER_PROFILES, Site
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mkdocs_profiles import headings
from mkdocs_profiles.headings import Heading, anchor_ids, extract_headings
from mkdocs_profiles.labels import merge_labels
from mkdocs_profiles.markdown_text import MarkdownRenderer
from mkdocs_profiles.pipeline import Options, build_plan
from mkdocs_profiles.plan import PageSettings, SitePlan
from mkdocs_profiles.render import Renderer, RenderSettings
from mkdocs_profiles.urls import relative_url

PROPERTY = settings(
    max_examples=300, deadline=datetime.timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow]
)
#: The Markdown shortcuts are compared on more texts: what they claim to handle is a grammar.
MANY = settings(PROPERTY, max_examples=1500)

#: Extension sets the shortcuts are taken with: the benchmark site's, every extension they allow at once,
#: the ones that turn only some of them off, and none.
EXTENSION_SETS: list[tuple[list[str], dict[str, Any]]] = [
    (
        ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "pymdownx.highlight"]
        + ["pymdownx.superfences"],
        {"toc": {"permalink": True}},
    ),
    (
        ["admonition", "attr_list", "codehilite", "def_list", "fenced_code", "footnotes", "md_in_html"]
        + ["sane_lists", "tables", "toc", "pymdownx.caret", "pymdownx.details", "pymdownx.emoji"]
        + ["pymdownx.highlight", "pymdownx.mark", "pymdownx.saneheaders", "pymdownx.superfences"]
        + ["pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde"],
        {"toc": {"permalink": True, "marker": "Contents"}},
    ),
    (
        ["smarty", "wikilinks", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.smartsymbols"]
        + ["pymdownx.inlinehilite", "pymdownx.betterem", "legacy_em", "nl2br"],
        {},
    ),
    ([], {}),
]


def renderers() -> list[MarkdownRenderer]:
    return [MarkdownRenderer(extensions, configs) for extensions, configs in EXTENSION_SETS]


def plain_way(renderer: MarkdownRenderer) -> MarkdownRenderer:
    """The same renderer without any shortcut: one Python-Markdown conversion per text, as before."""
    renderer._batch = renderer._plain = renderer._simple = False
    return renderer


# What the random texts are made of: Markdown's characters and constructs, alone and in the shapes the
# shortcuts read, and their near misses (a space inside an emphasis, an image, an entity, a marker...).
PIECES = [
    *("a", "B", "é", "中", "7", "2016. ", "1) ", " ", "  ", ",", ".", "...", ";", "?", "!", "%", "'", '"', "/"),
    *("+", "++", "#", "(", ")", "&", "--", "(c)", "+/-", "1st", "*", "**", "***", "`", "``", "```", "~~~"),
    *("[", "]", "](", "]:", "[^1]", "[^1]: note", "*[HTML]: Hyper", "HTML", "[a]: http://x", "[a]", "_", ":"),
    *("https://x.org/", "www.example.com", "@user", "{: #x}", "{: .c}", "*em*", "**strong**", "*two words*"),
    *("`code`", "` `", "`a & <b>`", "[link](https://example.org/a_b?c=1&d=2#e)", "[bad](javascript:x)"),
    *("![img](https://x/)", "&amp;", "&copy", ":smile:", "~~x~~", "^^x^^", "==x==", "<b>", "|", "\\", "\t"),
    *("\xa0", "\u2028", "- ", "* ", "# ", "> ", "    ", "[TOC]", "Contents", "!!! note", "??? note", "=== "),
    *(": ", "Title: x", "[[Wiki]]", "[x] ", "---", "===", "x*y*z", "*a *", "* a*", "(*x*)", "*a*b", "\x02"),
    *("\n", "\n\n", "\n\n\n", "\r"),
]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
#: Texts that are mostly what profiles hold (words, spans, punctuation, paragraphs), with near misses of the
#: spans that the shortcut must leave to Python-Markdown, so that both are compared often.
likely_texts = st.lists(
    st.sampled_from(
        ["Word", "plain words", " ", ", ", ". ", "(", ")", "&", "'", '"', "!", "x", "\n", "\n\n", "*em*", "`code`"]
        + ["**strong text**", "*two words*", "[link](https://example.org/x?a=1&b=2)", "[a b](http://x.org)"]
        + ["![image](https://example.org/x.png)", "*a *", "* a*", "x*y*z", "*a*b", "a*b*", "**a*", "*a**"]
        + ["`a``b`", "``", "` `", "`x`y`", "  ", "\n ", "\n\n\n", "[a](https://x.org/(b))", "[a](b)"]
        + ["[a] (https://x.org)", "*(x)*", "**x**y", "7", "# x", "- x", "> x", "!!! x", "Contents"]
    ),
    min_size=1,
    max_size=8,
).map("".join)


@MANY
@given(st.one_of(texts, likely_texts))
@example("The benchmark everyone uses for *long-context federated* (2025, `ada--0`)")
@example("Q & A, AT&T; &amp; stays")
@example("Trailing spaces  ")
@example("Contents")
@example("a![image](https://x.org/i.png)")
@example("Line  \nbreak")
@example("`a``b`")
@example("Heading\n# below")
def test_plain_and_simple_markdown_is_written_as_python_markdown_writes_it(text: str) -> None:
    for renderer in RENDERERS:
        shortcut = renderer._shortcut_html(text)
        if shortcut is not None:
            assert shortcut == renderer._convert_markdown(text), text


def test_the_shortcuts_are_taken_for_what_profiles_hold() -> None:
    """The comparisons above compare something: typical bios and items do not go through Python-Markdown."""
    benchmark_site = RENDERERS[0]
    bio = "Ada **leads** the lab.\nSee [the page](https://example.org/a?b=1&c=2) and *her notes*.\n\nMore (`x < y`)."
    assert benchmark_site._shortcut_html(bio) is not None
    assert benchmark_site._shortcut_html("FlashAttention & friends") == "<p>FlashAttention &amp; friends</p>"
    # Extensions that read these characters, or that are not known, turn the shortcuts off.
    assert RENDERERS[2]._shortcut_html("Plain words") is None
    assert MarkdownRenderer(["markdown.extensions.meta"])._shortcut_html("Plain words") is None
    assert RENDERERS[1]._shortcut_html("Contents") is None  # the table of contents marker of that site


@PROPERTY
@given(st.lists(st.one_of(texts, likely_texts, texts.map(lambda text: "Item " + text)), min_size=1, max_size=6))
@example(["First *item*", "second", "1. third", "four {: .x}", "five"])
@example(["[a]: https://example.org", "see [a]"])
@example(["[a]: https://example.org", "see [a]\n\nand more"])  # as many paragraphs as items, but not theirs
@example(["Four_ {: .x}", "five_"])  # underscores: not "simple", so these two are converted together
@example(["Five_", "six_ {: #six}"])
@example(["*[HTML]: Hyper Text", "HTML here"])
def test_known_for_items_converted_together_match_one_by_one(items: list[str]) -> None:
    for (extensions, configs), renderer in zip(EXTENSION_SETS, RENDERERS, strict=True):
        reference = plain_way(MarkdownRenderer(extensions, configs))
        renderer.prepare(items)
        assert [renderer.inline(item) for item in items] == [reference.inline(item) for item in items], items


one_line = st.one_of(texts, likely_texts).map(lambda text: text.replace("\n", " ").replace("\r", " ")).filter(str.strip)


@PROPERTY
@given(st.lists(one_line, min_size=2, max_size=5))
@example(["> quoted", "> twice"])  # one quote of two paragraphs: as many paragraphs as texts, but not theirs
@example(["[a]: https://example.org", "see [a]"])
@example(["- a", "- b"])
@example(["*a*", "*two words**two words*`code`"])  # Markdown 3.11 leaves a numbered placeholder in the second
def test_converting_together_gives_up_unless_each_text_is_its_own_paragraph(items: list[str]) -> None:
    """The split of the joint conversion alone, on one-line texts that ``prepare`` would not even give it."""
    for (extensions, configs), renderer in zip(EXTENSION_SETS, RENDERERS, strict=True):
        reference = plain_way(MarkdownRenderer(extensions, configs))
        together = renderer._convert_together(items)
        assert together is None or together == [reference.block(item) for item in items], items


def test_converting_together_splits_paragraphs() -> None:
    items = ["One_ *x*", "Two_ `y`", "Three_ [z](https://example.org)"]
    reference = plain_way(MarkdownRenderer(*EXTENSION_SETS[0]))
    assert RENDERERS[0]._convert_together(items) == [reference.block(item) for item in items]


@pytest.mark.parametrize(
    ("extensions", "configs"),
    [
        (["abbr", "toc"], {}),  # before Markdown 3.6 an abbreviation stays defined for later conversions
        (["footnotes"], {"footnotes": {"UNIQUE_IDS": True}}),  # ids count the conversions
        (["footnotes", "toc", "attr_list", "pymdownx.emoji"], {}),
    ],
)
def test_a_build_converts_pages_as_before(extensions: list[str], configs: dict[str, Any]) -> None:
    """Pages in build order (Known For prepared, the bio, then the items), against one conversion per text."""
    pages = [
        ("Bio with a note[^1] and *HTML*.\n\n[^1]: The note.\n\n*[HTML]: Hyper Text", ["HTML items", "Plain"]),
        ("Another **bio** about HTML[^1].\n\n[^1]: Again.", ["*HTML* again", "Known `x`", "Third"]),
        ("Third bio.", ["HTML", "Items"]),
    ]
    renderer = MarkdownRenderer(extensions, configs)
    reference = plain_way(MarkdownRenderer(extensions, configs))
    for bio, items in pages:
        renderer.prepare(items)
        got = [renderer.block(bio), *(renderer.inline(item) for item in items)]
        assert got == [reference.block(bio), *(reference.inline(item) for item in items)]


def test_serve_keeps_prepared_texts_for_the_next_build() -> None:
    first = MarkdownRenderer(["toc"])
    kept = first.reuse({})
    items = ["One *x*", "Two [y](https://example.org)", "- three", "Four"]
    first.prepare(items)
    html = {item: first.inline(item) for item in items}
    assert set(kept) == set(items)
    second = MarkdownRenderer(["toc"])
    second.reuse(kept)
    second._convert_markdown = None  # type: ignore[assignment,method-assign]  # must not be needed
    second.prepare(items)
    assert {item: second.inline(item) for item in items} == html


# Headings --------------------------------------------------------------------------------------------------
# The functions as they were before the shortcuts (one "in" test per script tag spelling, attributes parsed
# with a generator), on the module's own patterns.


def _reference_visible(html: str) -> str:
    if "<!--" in html:
        html = headings._COMMENT.sub("", html)
    if "<script" in html or "<style" in html or "<SCRIPT" in html or "<STYLE" in html:
        html = headings._SCRIPT.sub(lambda match: match.group(1) + match.group(3), html)
    return html


def _reference_attributes(text: str | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in headings._ATTRIBUTE.finditer(text or ""):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        found.setdefault(name, unescape(value))
    return found


def reference_extract_headings(html: str) -> list[Heading]:
    roots: list[Heading] = []
    stack: list[Heading] = []
    for match in headings._HEADING.finditer(_reference_visible(html)):
        ident = _reference_attributes(match.group(2)).get("id")
        if not ident:
            continue
        level = int(match.group(1))
        title = " ".join(unescape(headings._TAG.sub("", headings._HEADERLINK.sub("", match.group(3)))).split())
        heading = Heading(level, ident, title)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    return roots


def reference_anchor_ids(html: str) -> set[str]:
    html = _reference_visible(html)
    ids: set[str] = set()
    seen: set[int] = set()
    for pattern in (headings._ID, headings._NAME):
        for match in pattern.finditer(html):
            position = match.start()
            if not html[position - 1 : position].isspace():
                continue
            start = html.rfind("<", 0, position)
            if start < 0 or start in seen or not html[start + 1 : start + 2].isalpha():
                continue
            if html.find(">", start, position) >= 0:
                continue
            seen.add(start)
            end = html.find(">", position)
            tag = html[start + 1 : end if end >= 0 else len(html)]
            name = re.match(r"[^\s/>]+", tag).group(0)  # type: ignore[union-attr]
            attributes = _reference_attributes(tag[len(name) :])
            if attributes.get("id"):
                ids.add(attributes["id"])
            if name.lower() == "a" and attributes.get("name"):
                ids.add(attributes["name"])
    return ids


HTML_PIECES = [
    *('<h2 id="a">', "</h2>", "<H3 ID='b' class=x>", "</h3 >", "<h1>", "</h1>", "<h4 id=c>", "</h4>", "<h2 id=''>"),
    *('<a class="headerlink" href="#a">¶</a>', '<a name="n">', "<a\nname = 'm' id=\"i\">", "</a>", "<p/id=x>"),
    *('<div data-id="d" id="e&amp;f">', '<span title="x id=y">', "<b>", "</b>", "id=z", " name=w", "<!-- ", " -->"),
    *("<!--! <h2 id=hidden>x</h2> -->", "<script>", "</script>", "<SCRIPT type=x>", "</SCRIPT>", "<Script>"),
    *("</Script>", "<style>", "</style>", "<svg><style>", "&amp;", "&lt;", "Title", " words ", "\n", "<", ">", '"'),
]


@PROPERTY
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=25).map("".join))
@example('<svg><!--! licence --></svg><h2 id="about">About <a class="headerlink" href="#about">¶</a></h2>')
@example("<Script><h2 id=x>t</h2></Script><h2 id=y>u</h2>")
def test_headings_and_anchors_are_found_as_before(html: str) -> None:
    assert extract_headings(html) == reference_extract_headings(html)
    assert anchor_ids(html) == reference_anchor_ids(html)
    # A page whose text equals the last one's, but that is another string, is scanned again.
    other = html + "<h2 id=z>z</h2>"
    assert anchor_ids(other) == reference_anchor_ids(other)
    assert extract_headings(html) == reference_extract_headings(html)


# Pages ------------------------------------------------------------------------------------------------------


def make_plan(tmp_path: Path, **pages: Any) -> SitePlan:
    site = Site(tmp_path)
    profiles = {"ada-lovelace": FULL_PROFILE, **OTHER_PROFILES}
    profiles["grace-hopper"] = {
        **profiles["grace-hopper"],
        "bio": "Grace *wrote* compilers.\n\n- a list\n- of things\n\n1. and\n2. more",
        "known_for": ["COBOL", "*The* first compiler", "Nanoseconds (`wire`)", "# not a heading", "AT&T"],
    }
    for stem, data in profiles.items():
        site.profile(stem, data)
    options = Options(tmp_path / "profiles", tmp_path, pages=PageSettings(**pages), labels=merge_labels(None))
    result = build_plan(options)
    assert result.plan is not None, [str(p) for p in result.problems]
    return result.plan


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_every_page_renders_as_without_the_shortcuts(tmp_path: Path, use_directory_urls: bool) -> None:
    plan = make_plan(tmp_path, use_directory_urls=use_directory_urls)
    extensions, configs = EXTENSION_SETS[0]

    def renderer(markdown: MarkdownRenderer) -> Renderer:
        return Renderer(plan, RenderSettings(labels=merge_labels(None), markdown=markdown))

    fast = renderer(MarkdownRenderer(extensions, configs))
    plain = renderer(plain_way(MarkdownRenderer(extensions, configs)))
    for page in plan.pages:
        assert fast.render(page) == plain.render(page), page.src_uri
        links = fast.context(page)["url"]
        for other in plan.pages:
            assert links(other.kind, other.key) == relative_url(other.url, page.url)


segments = st.sampled_from(["a", "b", "..", ".", "", "index.html", "x.html", "profiles", "ada"])
site_urls = st.tuples(st.lists(segments, max_size=4).map("/".join), st.sampled_from(["", "#top", "#"])).map("".join)


@PROPERTY
@given(site_urls, site_urls)
def test_url_writes_links_as_relative_url_does(target: str, base: str) -> None:
    plan: Any = SimpleNamespace(catalog=None, page=lambda kind, key=None: SimpleNamespace(url=target))
    renderer = Renderer(plan, RenderSettings(labels=merge_labels(None)))
    url = renderer.context(SimpleNamespace(kind="elsewhere", key=None, url=base))["url"]  # type: ignore[arg-type]
    assert url("any") == relative_url(target, base)
    assert url("any") == relative_url(target, base)  # again, from the split parts remembered


RENDERERS = renderers()
