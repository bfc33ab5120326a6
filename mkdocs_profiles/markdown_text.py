"""Markdown from profile files (``bio``, ``known_for``), rendered with the site's extensions but made safe.

Profile files come from contributors, so raw HTML in them is shown as text and link targets other than
http(s), mailto and relative ones are dropped, whatever extensions the site enables.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping, Sequence
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .urls import is_safe_href

_URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data")


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in _URL_ATTRIBUTES:
                value = element.get(attribute)
                # Python-Markdown writes entities in a link target out as they are ('&#106;avascript:'), and
                # the browser decodes them before it reads the scheme: judge the decoded value.
                if value is not None and not is_safe_href(html.unescape(value)):
                    del element.attrib[attribute]
            for attribute in [a for a in element.attrib if a.lower().startswith("on")]:
                del element.attrib[attribute]


class _SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Without these two, raw HTML is escaped and shown as text.
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        md.treeprocessors.register(_DropUnsafeUrls(md), "profiles_drop_unsafe_urls", 0)


#: Extensions that read files from the build machine: a contributor's bio must not pull in
#: ``--8<-- "/etc/passwd"``, so profile Markdown never gets them even when the site's pages do.
FILE_INCLUDING_EXTENSIONS = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include"})


def _reads_files(extension: Any) -> bool:
    if isinstance(extension, str):
        return extension in FILE_INCLUDING_EXTENSIONS
    return f"{type(extension).__module__}".removesuffix(".SnippetExtension") in FILE_INCLUDING_EXTENSIONS


def _extension_name(extension: Any) -> str:
    """The short name of an extension: ``toc`` for ``"markdown.extensions.toc:TocExtension"`` or ``TocExtension()``."""
    name = extension.partition(":")[0] if isinstance(extension, str) else type(extension).__module__
    return name.removeprefix("markdown.extensions.")


# Python-Markdown takes ~50 microseconds to convert even one word, and ~100 for a Known For item with an
# emphasis and a code span; a 10,000-profile site has 10,000 bios and 33,000 items, two fifths of the time
# its pages took to render. Three shortcuts give the same HTML for less: texts of plain words, and of
# "simple" Markdown, are written here without Python-Markdown, and a page's other Known For items are
# converted in one go. They are taken only with the extensions listed below, whose behaviour was read for
# them; tests/test_render_speed.py compares them with one conversion per text, with these extensions on.
# Any other extension, which could give a text a meaning from elsewhere, turns them off.

#: Extensions under which a one-line text starting with a letter or digit, with no ``]:`` (the reference,
#: footnote and abbreviation definitions that would apply to the other texts), converts alone as it does
#: among other such texts, each its own paragraph. Left out: ``meta`` (a first paragraph ``Key: value`` is
#: metadata), ``pymdownx.critic`` and ``pymdownx.blocks.*`` (their marks span paragraphs), ``abbr`` (before
#: Markdown 3.6 a definition applies to every later conversion, so their order matters), and anything unknown.
_BATCH_SAFE_EXTENSIONS = frozenset(
    {
        "admonition",
        "attr_list",
        "codehilite",
        "def_list",
        "fenced_code",
        "footnotes",
        "legacy_em",
        "md_in_html",
        "nl2br",
        "sane_lists",
        "smarty",
        "tables",
        "toc",
        "wikilinks",
        "pymdownx.betterem",
        "pymdownx.caret",
        "pymdownx.details",
        "pymdownx.emoji",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.keys",
        "pymdownx.magiclink",
        "pymdownx.mark",
        "pymdownx.saneheaders",
        "pymdownx.smartsymbols",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
        "pymdownx.tilde",
    }
)

#: Extensions that leave the characters of :data:`_PLAIN` alone (those that would not, such as ``smarty`` for
#: quotes, ``pymdownx.smartsymbols`` for ``(c)`` or ``pymdownx.magiclink`` for ``www.``, are left out).
_PLAIN_SAFE_EXTENSIONS = _BATCH_SAFE_EXTENSIONS - {
    "smarty",
    "wikilinks",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.smartsymbols",
}

#: Extensions that leave the plain characters of :data:`_SPAN` and the spans below alone, code and emphasis
#: included (``pymdownx.inlinehilite`` styles code, ``pymdownx.betterem`` reads ``*`` its own way, ``nl2br``
#: turns a line break into ``<br>``).
_SIMPLE_SAFE_EXTENSIONS = _PLAIN_SAFE_EXTENSIONS - {"legacy_em", "nl2br", "pymdownx.betterem", "pymdownx.inlinehilite"}

#: Text Python-Markdown turns into one paragraph of itself, ``&`` escaped: it starts with a letter (no
#: heading, list, quote or code block) and has no character any inline pattern of the extensions above reads
#: (no ``*_`[]<>\\{}|:~^=`` and no line break).
_PLAIN = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;?!%'\"/+#()&-])*")
#: An entity such as ``&amp;``, which Python-Markdown keeps as it is rather than escaping its ``&``.
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.IGNORECASE)
#: A Known For item that converts alone as among others: one line, starting with a letter or digit.
_BATCHABLE = re.compile(r"[^\W_][^\n\r\x02\x03]*")
#: What is left of Python-Markdown's numbered placeholders when a conversion fails to replace one.
_PLACEHOLDER_MARKS = (markdown.util.STX, markdown.util.ETX, "klzzwxh:", "wzxhzdk:")

# "Simple" Markdown: paragraphs of lines that start with a letter or a span and do not end in a space, made
# of plain characters and of the spans every Python-Markdown version reads alike: `code`, *emphasis* and
# **strong** that open after a space or "(" and close before a space or punctuation, and [links](http://...)
# to plain URLs. Anything else, and Python-Markdown converts the text.
_P = r"[^\W_]|[ ,.;?!%'\"/+#()&-]"  # a plain character
_W = r"[^\W_]|[,.;?!%'\"/+#()&-]"  # a plain character but a space
_INNER = rf"(?:{_W})(?:(?:{_P})*(?:{_W}))?"  # emphasised text: plain, no space at either end
_SPAN = re.compile(
    rf"""
    (?P<plain>(?:{_P}|\n)+)
  | (?<!`)`(?P<code>[^`\\\x00-\x1f]+)`(?!`)
  | (?<!!)\[(?P<text>(?:{_P})+)\]\((?P<href>https?://[A-Za-z0-9._~%/?\#&=+,;:@!$-]+)\)
  | (?<![^\s(])\*\*(?P<strong>{_INNER})\*\*(?![^\s,.;?!)])
  | (?<![^\s(])\*(?P<em>{_INNER})\*(?![^\s,.;?!)])
    """,
    re.VERBOSE,
)
_LINE_START = re.compile(r"[^\W\d_]|[*`\[(\"']")
#: Every kind of span "simple" Markdown has, to check that Python-Markdown still writes them that way.
_SAMPLE = (
    "Plain text, (parentheses), \"quotes\" & 'more'; *emphasis* and **strong** (*x*).\n"
    "`code <&>` and [a link](https://example.org/a_b?c=1&d=2#e).\n\n"
    "[Another](http://example.org) paragraph, *a b*, **c d**, `e`."
)


def _counts_conversions(extension: Extension) -> bool:
    """Whether ``extension`` writes how many conversions came before into the HTML, which the shortcuts change.

    ``footnotes`` with ``UNIQUE_IDS`` numbers its ids by conversion (``fn:3-1``).
    """
    return _extension_name(extension) == "footnotes" and bool(extension.getConfig("UNIQUE_IDS"))


def _simple_html(text: str) -> str | None:
    """The HTML of "simple" Markdown ``text`` (see :data:`_SPAN`), as Python-Markdown writes it; else ``None``."""
    body = text.rstrip("\n")
    if not body or _ENTITY.search(body):
        return None
    paragraphs = []
    for paragraph in body.split("\n\n"):
        for line in paragraph.split("\n"):
            if not _LINE_START.match(line) or line.endswith(" "):
                return None
        parts = []
        position = 0
        while position < len(paragraph):
            span = _SPAN.match(paragraph, position)
            if span is None:
                return None
            position = span.end()
            kind = span.lastgroup
            if kind == "plain":
                parts.append(span.group("plain").replace("&", "&amp;"))
            elif kind == "code":
                code = span.group("code").strip()
                if not code:
                    return None
                parts.append(f"<code>{html.escape(code, quote=False)}</code>")
            elif kind == "href":
                href = span.group("href")
                if not is_safe_href(html.unescape(href)):
                    return None
                text = span.group("text").replace("&", "&amp;")
                parts.append(f'<a href="{href.replace("&", "&amp;")}">{text}</a>')
            else:
                assert kind in ("em", "strong")
                parts.append(f"<{kind}>{span.group(kind).replace('&', '&amp;')}</{kind}>")
        paragraphs.append(f"<p>{''.join(parts)}</p>")
    return "\n".join(paragraphs)


class MarkdownRenderer:
    """Renders profile Markdown to safe HTML with a site's ``markdown_extensions`` (minus file includes)."""

    def __init__(self, extensions: Sequence[Any] = (), extension_configs: Mapping[str, Any] | None = None) -> None:
        kept = [e for e in extensions if not _reads_files(e)]
        configs = {k: v for k, v in dict(extension_configs or {}).items() if k not in FILE_INCLUDING_EXTENSIONS}
        self._md = markdown.Markdown(extensions=[*kept, _SafeExtension()], extension_configs=configs)
        # Extensions loaded after ours (md_in_html swaps in its own block parser) must not bring raw HTML back.
        _SafeExtension().extendMarkdown(self._md)
        self._earlier: dict[str, str] = {}
        self._kept: dict[str, str] | None = None
        self._prepared: dict[str, str] = {}
        names = {_extension_name(e) for e in kept}
        if any(_counts_conversions(e) for e in self._md.registeredExtensions):
            names.add("(an extension that counts conversions)")
        self._batch = names <= _BATCH_SAFE_EXTENSIONS
        self._plain = names <= _PLAIN_SAFE_EXTENSIONS
        self._simple = names <= _SIMPLE_SAFE_EXTENSIONS
        toc = self._md.treeprocessors["toc"] if "toc" in self._md.treeprocessors else None  # noqa: SIM401 (no .get)
        # A paragraph that is just the table of contents marker becomes the table of contents.
        self._toc_marker = str(getattr(toc, "marker", "") or "")
        # The shortcuts write what the tested Python-Markdown releases write; should another release write
        # something else for this sample of what they read, they are not taken.
        if (self._plain or self._simple) and self._shortcut_html(_SAMPLE) != self._convert_markdown(_SAMPLE):
            self._plain = self._simple = False

    def reuse(self, earlier: dict[str, str]) -> dict[str, str]:
        """Take the HTML of texts that a renderer with the same extensions converted before.

        Under ``mkdocs serve`` every rebuild renders every page again; bios and Known For items that
        did not change need not be converted again. Returns what this renderer converts or reuses,
        to give to the next one (so texts no longer used are forgotten).
        """
        self._earlier = earlier
        self._kept = {}
        return self._kept

    def prepare(self, texts: Sequence[str]) -> None:
        """Convert ``texts`` (a page's Known For items) now, so :meth:`inline` and :meth:`block` find them.

        Items that convert alone as they do among others are converted in one go, which saves the set-up
        of a conversion per item; the HTML of each is the same as that of its own conversion. Only the
        texts of the last call are kept.
        """
        prepared: dict[str, str] = {}
        batch: list[str] = []
        for text in dict.fromkeys(texts):
            html = self._known(text)
            if html is None:
                html = self._shortcut_html(text)
            if html is not None:
                prepared[text] = html
            elif self._batch and _BATCHABLE.fullmatch(text) and "]:" not in text:
                batch.append(text)
        together = self._convert_together(batch) if len(batch) > 1 else None
        if together is not None:
            prepared.update(zip(batch, together, strict=True))
        # The others are converted one by one when the template asks, in the order it always did.
        self._prepared = prepared

    def block(self, text: str) -> str:
        """Markdown to HTML, as for a page's body."""
        html = self._known(text)
        if html is None:
            html = self._convert(text)
        if self._kept is not None:
            self._kept[text] = html
        return html

    def _known(self, text: str) -> str | None:
        html = self._prepared.get(text)
        if html is None and self._kept is not None:
            html = self._kept.get(text)
            if html is None:
                html = self._earlier.get(text)
        return html

    def _convert(self, text: str) -> str:
        html = self._shortcut_html(text)
        return self._convert_markdown(text) if html is None else html

    def _convert_markdown(self, text: str) -> str:
        self._md.reset()
        return str(self._md.convert(text))

    def _shortcut_html(self, text: str) -> str | None:
        """What Python-Markdown makes of ``text`` when that is plain or "simple" Markdown, else ``None``."""
        if not (self._plain or self._simple) or (self._toc_marker and self._toc_marker in text):
            return None
        if self._plain and _PLAIN.fullmatch(text):
            if "&" in text:
                if _ENTITY.search(text):
                    return None
                text = text.replace("&", "&amp;")
            return f"<p>{text}</p>"
        return _simple_html(text) if self._simple else None

    def _convert_together(self, texts: list[str]) -> list[str] | None:
        """The HTML of each text (one line each), from one conversion of all; ``None`` if it cannot tell them apart.

        It can when the conversion is one paragraph per text, each on one line: anything else (a list, a
        quote, a table of contents, a definition that leaves no paragraph) means they are converted alone.
        So does a placeholder left in the HTML (Markdown 3.11 leaves ``klzzwxh:0000`` after ``*a**b*`c```):
        its number counts what came before in the document.
        """
        html = self._convert_markdown("\n\n".join(texts))
        if any(mark in html for mark in _PLACEHOLDER_MARKS):
            return None
        if html.startswith("<p>") and html.endswith("</p>") and html.count("\n") == len(texts) - 1:
            parts = html[3:-4].split("</p>\n<p>")
            if len(parts) == len(texts):
                return [f"<p>{part}</p>" for part in parts]
        return None

    def inline(self, text: str) -> str:
        """Inline Markdown (one line, no paragraph around it) to HTML."""
        html = self.block(text)
        match = re.fullmatch(r"<p>(.*)</p>", html, flags=re.DOTALL)
        return match.group(1) if match else html
