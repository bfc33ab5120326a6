"""The headings of rendered HTML, so a page's table of contents and search see generated content."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Heading:
    """A heading with an ``id``: its level (1-6), id, text and the headings under it."""

    level: int
    id: str
    title: str
    children: list[Heading] = field(default_factory=list)


class _HeadingParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._current: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            ident = dict(attrs).get("id")
            if ident:
                self._current, self._text = (int(tag[1]), ident), []
        elif self._current and tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._current and tag == f"h{self._current[0]}":
            self.found.append((*self._current, " ".join("".join(self._text).split())))
            self._current = None
        elif self._skip and tag == "a":
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._current and not self._skip:
            self._text.append(data)


def extract_headings(html: str) -> list[Heading]:
    """Headings with ids in ``html``, nested by level (an h3 sits under the h2 before it)."""
    parser = _HeadingParser()
    parser.feed(html)
    parser.close()
    roots: list[Heading] = []
    stack: list[Heading] = []
    for level, ident, title in parser.found:
        heading = Heading(level, ident, title)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    return roots


class _AnchorParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def anchor_ids(html: str) -> set[str]:
    """Every ``id`` (and ``<a name>``) in ``html``: the anchors links may point at, as MkDocs counts them."""
    parser = _AnchorParser()
    parser.feed(html)
    parser.close()
    return parser.ids
