"""Slugs for profiles, topics and organizations."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from slugify import slugify as _slugify

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Slugs no generated page may have: ``index`` would collide with the listing pages.
RESERVED_SLUGS = frozenset({"index"})


def slugify(text: str) -> str:
    """A readable ASCII slug, transliterating where needed: ``Łukasz Kaiser`` -> ``lukasz-kaiser``."""
    return str(_slugify(text, lowercase=True, separator="-"))


def is_slug(text: str) -> bool:
    """Whether ``text`` is already a plain slug: lowercase letters, digits and single hyphens."""
    return bool(SLUG_PATTERN.match(text))


@functools.lru_cache(maxsize=1 << 16)  # the same few thousand names are keyed again and again
def term_key(text: str) -> str:
    """The identity of a topic or organization: case, spaces, hyphens and underscores ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\-_\u2010-\u2015]+", "", folded)


def short_hash(text: str) -> str:
    """Six stable hex digits, to tell apart different names that slugify alike."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def assign_term_slugs(names: dict[str, str]) -> dict[str, str]:
    """Give every term key a distinct, stable slug made from its display name.

    ``names`` maps term key -> display name. A term that is alone with its slug keeps it plain. When
    different keys slugify alike ("C" and "C++"), the key whose letters are exactly the slug ("c") keeps
    the plain slug and the others get a suffix derived from their own key, so their URLs do not depend
    on the order of files. (A lone "C++" owns ``c`` until a "C" appears; it then moves to ``c-<hash>``.)
    """
    by_slug: dict[str, list[str]] = {}
    for key, name in names.items():
        base = slugify(name) or "term"
        by_slug.setdefault(base, []).append(key)
    result: dict[str, str] = {}
    for base, keys in by_slug.items():
        plain_owner = None
        if base not in RESERVED_SLUGS:
            exact = [k for k in keys if k == base.replace("-", "")]
            plain_owner = exact[0] if exact else (sorted(keys)[0] if len(keys) == 1 else None)
        for key in keys:
            result[key] = base if key == plain_owner else f"{base}-{short_hash(key)}"
    return result
