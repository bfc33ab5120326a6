"""Links from hand-written pages to generated ones: ``[Song Han](profile:song-han)``.

``profile:<slug>``, ``topic:<slug>`` and ``organization:<slug>`` targets in a page's Markdown become
relative links to the generated page's source file (``../profiles/song-han.md``), which MkDocs then
turns into a URL and checks like any other link. ``[](profile:song-han)`` takes the profile's name as
its text. An unknown target is a warning naming the page and the slug, so ``mkdocs build --strict``
fails. Links inside code (fenced blocks and inline code spans) are left alone.
"""

from __future__ import annotations

import difflib
import functools
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from .plan import PlannedPage, SitePlan
from .problems import Problem, Severity
from .slugs import term_key

#: Link schemes this module resolves, and the kind of page each points at.
SCHEMES = {"profile": "profile", "topic": "topic", "organization": "organization"}

_TARGET = r"<?(?P<scheme>profile|topic|organization):(?P<ref>[^\s()<>#]*)(?P<anchor>#[^\s()<>]*)?>?"
_TITLE = r"(?P<title>\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?"
_INLINE = re.compile(r"(?P<image>!?)\[(?P<text>(?:[^\[\]\\]|\\.)*)\]\(\s*" + _TARGET + _TITLE + r"\s*\)")
_REFERENCE = re.compile(r"^(?P<lead> {0,3}\[[^\]]+\]:[ \t]*)" + _TARGET + _TITLE + r"[ \t]*$")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?P<ticks>`+).+?(?P=ticks)")
# Backslash-escapable characters of Markdown; "<", ">" and "&" are HTML-escaped instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


@dataclass(frozen=True)
class LinkResolution:
    """A page's Markdown with its ``profile:``, ``topic:`` and ``organization:`` links resolved."""

    markdown: str
    problems: tuple[Problem, ...]
    """One warning per link whose target does not exist (or is an unpublished draft)."""
    resolved: int
    """How many links were rewritten."""


def _escape_text(text: str) -> str:
    """A profile's name as link text: Markdown syntax and raw HTML in it stay plain text."""
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)


def _find(plan: SitePlan, scheme: str, ref: str) -> tuple[PlannedPage | None, str | None]:
    """The page a target points at and the name a link with no text shows, or ``(None, why not)``."""
    catalog = plan.catalog
    if scheme == "profile":
        profile = catalog.profiles.get(ref)
        if profile is not None:
            return plan.page("profile", ref), profile.name
        if ref in catalog.drafts:
            return None, f"the profile '{ref}' is a draft, so it is not published"
        return None, f"no profile has the slug '{ref}'" + _did_you_mean(ref, list(catalog.profiles))
    terms = catalog.topics if scheme == "topic" else catalog.organizations
    for term in terms.values():
        if term.slug == ref:
            return plan.page(scheme, term.key), term.name
    by_key = terms.get(term_key(ref))  # "topic:LongContext" for the topic "Long context"
    if by_key is not None:
        return plan.page(scheme, by_key.key), by_key.name
    return None, f"no {scheme} has the slug '{ref}'" + _did_you_mean(ref, [t.slug for t in terms.values()])


def _did_you_mean(ref: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(ref, choices, n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def resolve_links(
    markdown: str, src_uri: str, plan: SitePlan, source: str | None = None, line_offset: int | None = 0
) -> LinkResolution:
    """Rewrite the ``profile:``, ``topic:`` and ``organization:`` links of the page at ``src_uri``.

    ``source`` names the page in messages (defaults to ``src_uri``); ``line_offset`` is the number of
    lines before ``markdown`` in that file (its front matter), or ``None`` when lines cannot be told.
    """
    source = source or src_uri
    base = posixpath.dirname(src_uri)
    problems: list[Problem] = []
    resolved = 0

    def target(match: re.Match[str], number: int) -> tuple[str, str | None] | None:
        nonlocal resolved
        page, name_or_reason = _find(plan, match["scheme"], match["ref"])
        if page is None:
            line = None if line_offset is None else line_offset + number
            problems.append(
                Problem(
                    source,
                    line,
                    None,
                    f"broken link '{match['scheme']}:{match['ref']}': {name_or_reason}",
                    Severity.WARNING,
                )
            )
            return None
        resolved += 1
        href = posixpath.relpath(page.src_uri, base or ".") + (match["anchor"] or "")
        return href, name_or_reason

    def inline(match: re.Match[str], number: int) -> str:
        found = target(match, number)
        if found is None:
            return match.group(0)
        href, name = found
        text = match["text"] if match["text"].strip() or match["image"] else _escape_text(name or "")
        return f"{match['image']}[{text}]({href}{match['title'] or ''})"

    lines = markdown.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        opened = _FENCE.match(line)
        if fence is not None:
            if (
                opened
                and opened["fence"][0] == fence[0]
                and len(opened["fence"]) >= len(fence)
                and not line.strip().strip(fence[0])
            ):
                fence = None
            continue
        if opened:
            fence = opened["fence"]
            continue
        if ":" not in line:
            continue
        reference = _REFERENCE.match(line)
        if reference:
            found = target(reference, number)
            if found is not None:
                lines[number - 1] = f"{reference['lead']}{found[0]}{reference['title'] or ''}"
            continue
        lines[number - 1] = _outside_code(
            line, functools.partial(_INLINE.sub, functools.partial(inline, number=number))
        )
    return LinkResolution("\n".join(lines), tuple(problems), resolved)


def _outside_code(line: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to the parts of ``line`` that are not inline code spans."""
    parts: list[str] = []
    position = 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(rewrite(line[position : span.start()]))
        parts.append(span.group(0))
        position = span.end()
    parts.append(rewrite(line[position:]))
    return "".join(parts)
