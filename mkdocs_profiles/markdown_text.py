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

    def reuse(self, earlier: dict[str, str]) -> dict[str, str]:
        """Take the HTML of texts that a renderer with the same extensions converted before.

        Under ``mkdocs serve`` every rebuild renders every page again; bios and Known For items that
        did not change need not be converted again. Returns what this renderer converts or reuses,
        to give to the next one (so texts no longer used are forgotten).
        """
        self._earlier = earlier
        self._kept = {}
        return self._kept

    def block(self, text: str) -> str:
        """Markdown to HTML, as for a page's body."""
        if self._kept is None:
            return self._convert(text)
        html = self._kept.get(text)
        if html is None:
            html = self._earlier.get(text)
            self._kept[text] = html = html if html is not None else self._convert(text)
        return html

    def _convert(self, text: str) -> str:
        self._md.reset()
        return str(self._md.convert(text))

    def inline(self, text: str) -> str:
        """Inline Markdown (one line, no paragraph around it) to HTML."""
        html = self.block(text)
        match = re.fullmatch(r"<p>(.*)</p>", html, flags=re.DOTALL)
        return match.group(1) if match else html
