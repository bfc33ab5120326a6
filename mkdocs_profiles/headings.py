"""The headings of rendered HTML, so a page's table of contents and search see generated content."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any


@dataclass
class Heading:
    """A heading with an ``id``: its level (1-6), id, text and the headings under it."""

    level: int
    id: str
    title: str
    children: list[Heading] = field(default_factory=list)


# Pages are scanned with regular expressions rather than html.parser, which took a fifth of a
# 1,000-profile build. The HTML is the plugin's own (Jinja escapes ">" in attribute values, as
# Python-Markdown does), so a tag ends at the first ">"; comments, scripts and styles are skipped.
# Each pattern starts with literal text, which the regex engine finds fast.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
# Attribute names are matched in lower case, as MkDocs itself finds anchors ("id", not "ID").
_ID = re.compile(r"id\s*=")
_NAME = re.compile(r"name\s*=")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEADERLINK = re.compile(
    r"""<a\s[^>]*\bclass\s*=\s*["']?[^"'>]*headerlink[^>]*>.*?</a\s*>""", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_TAG_NAME = re.compile(r"[^\s/>]+")
# Whether a page has scripts or styles: one search, where four "in" tests took a sixth of the time of both
# functions. As before, "<script" and "<SCRIPT" start them, "<Script" does not.
_SCRIPT_START = re.compile(r"<(?:script|style|SCRIPT|STYLE)")


#: The last page made visible: a build calls extract_headings and then anchor_ids with the same HTML.
_last_visible: tuple[str, str] = ("", "")


def _visible(html: str) -> str:
    global _last_visible  # noqa: PLW0603 (a cache of one; one tuple, replaced whole, so threads are safe)
    last = _last_visible
    if last[0] is html:
        return last[1]
    visible = html
    if "<!--" in visible:  # Font Awesome's icons carry a licence comment
        visible = _COMMENT.sub("", visible)
    if _SCRIPT_START.search(visible):
        visible = _SCRIPT.sub(lambda match: match.group(1) + match.group(3), visible)
    _last_visible = (html, visible)
    return visible


def _attributes(text: str | None) -> dict[str, str]:
    found: dict[str, str] = {}
    # At most one of the three value groups takes part in a match; findall gives "" for the others.
    for name, double, single, bare in _ATTRIBUTE.findall(text or ""):
        name = name.lower()
        if name not in found:
            value = double or single or bare
            found[name] = unescape(value) if "&" in value else value
    return found


def extract_headings(html: str) -> list[Heading]:
    """Headings with ids in ``html``, nested by level (an h3 sits under the h2 before it)."""
    roots: list[Heading] = []
    stack: list[Heading] = []
    for match in _HEADING.finditer(_visible(html)):
        ident = _attributes(match.group(2)).get("id")
        if not ident:
            continue
        level = int(match.group(1))
        title = match.group(3)
        if "<" in title:  # both patterns start with "<"
            title = _TAG.sub("", _HEADERLINK.sub("", title))
        title = " ".join(unescape(title).split())
        heading = Heading(level, ident, title)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    return roots


def anchor_ids(html: str) -> set[str]:
    """Every ``id`` (and ``<a name>``) in ``html``: the anchors links may point at, as MkDocs counts them."""
    html = _visible(html)
    ids: set[str] = set()
    seen: set[int] = set()
    for pattern in (_ID, _NAME):
        for match in pattern.finditer(html):
            position = match.start()
            if not html[position - 1 : position].isspace():
                continue  # part of a longer name ("data-id") or of text
            start = html.rfind("<", 0, position)
            if start < 0 or start in seen or not html[start + 1 : start + 2].isalpha():
                continue
            if html.find(">", start, position) >= 0:
                continue  # in text between tags, not in a tag
            seen.add(start)
            end = html.find(">", position)
            tag = html[start + 1 : end if end >= 0 else len(html)]
            name = _TAG_NAME.match(tag).group(0)  # type: ignore[union-attr]  # starts with a letter
            attributes = _attributes(tag[len(name) :])
            if attributes.get("id"):
                ids.add(attributes["id"])
            if name.lower() == "a" and attributes.get("name"):
                ids.add(attributes["name"])
    return ids


def toc_tokens(headings: list[Heading]) -> list[dict[str, Any]]:
    """Headings as the table-of-contents tokens of Python-Markdown's ``toc`` extension (what MkDocs reads)."""
    return [
        {
            "level": heading.level,
            "id": heading.id,
            "name": html.escape(heading.title),
            "html": html.escape(heading.title),
            "data-toc-label": "",
            "children": toc_tokens(heading.children),
        }
        for heading in headings
    ]
