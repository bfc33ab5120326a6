"""What the directory's filter searches, precomputed at build time so a keystroke only compares strings.

``assets/filter.js`` folds the reader's query exactly as :func:`fold` folds the page's text: lowercase,
then accents dropped (``Łukasz`` stays ``łukasz``, which is why the transliterated slug is searched too).
"""

from __future__ import annotations

import unicodedata

from .catalog import Catalog
from .model import Profile, Term
from .slugs import term_key


def fold(text: str) -> str:
    """Lowercase without accents and with runs of whitespace as one space: what the filter compares."""
    if text.isascii():  # NFKD leaves ASCII as it is, and ASCII has no combining marks
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))
    return " ".join(stripped.split())


def filter_text(profile: Profile) -> str:
    """What a reader may type to find ``profile``: name, slug, focus, role, summary, topics, organizations."""
    parts = [
        profile.name,
        profile.slug.replace("-", " "),
        profile.focus or "",
        profile.role or "",
        profile.summary,
    ]
    parts += profile.topics
    parts += profile.organizations
    return fold(" ".join(part for part in parts if part))


def term_slugs(names: tuple[str, ...], terms: dict[str, Term]) -> str:
    """The slugs of the terms a profile names, space-separated, as the filter's chips refer to them."""
    slugs = []
    for name in names:
        term = terms.get(term_key(name))
        if term is not None and term.slug not in slugs:
            slugs.append(term.slug)
    return " ".join(slugs)


def top_terms(catalog: Catalog, kind: str, limit: int) -> list[Term]:
    """The ``limit`` topics or organizations most profiles name, most first, then by name: the chips."""
    terms = catalog.topics if kind == "topic" else catalog.organizations
    ranked = sorted(terms.values(), key=lambda term: (-len(term.profiles), term.name.casefold(), term.slug))
    return ranked[: max(limit, 0)]
