"""Validation: located plain data -> :class:`~mkdocs_profiles.model.Profile`, every problem collected."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from typing import Any

from .load import Document, Path_, dotted, is_invalid, type_name
from .model import Link, Profile, RelatedRef, Work
from .problems import Problem
from .schema import LINK_KINDS, PROFILE_FIELDS, RELATED_FIELDS, WORK_FIELDS, WORK_KINDS, Field
from .slugs import RESERVED_SLUGS, is_slug, slugify
from .urls import http_url_problem


class _Checker:
    """Checks one document, collecting problems instead of stopping at the first."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.problems: list[Problem] = []

    def problem(self, path: Path_, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.doc.source, self.doc.line(path), dotted(path) or None, message, hint=hint))

    def expect(self, path: Path_, value: Any, what: str) -> None:
        if not is_invalid(value):
            self.problem(path, f"expected {what}, got {type_name(value)}")

    # Scalars -----------------------------------------------------------------------------------
    def text(self, path: Path_, value: Any) -> str | None:
        if type(value) is str or (isinstance(value, str) and not is_invalid(value)):
            stripped = value.strip()
            if not stripped:
                self.problem(path, "is empty")
            return stripped or None
        hint = None
        if isinstance(value, bool):
            hint = "quote it: YAML reads yes, no, on, off, true and false as booleans"
        elif isinstance(value, (int, float, datetime.date)):
            hint = "quote it if it is meant as text"
        if not is_invalid(value):
            self.problem(path, f"expected text, got {type_name(value)}", hint)
        return None

    def boolean(self, path: Path_, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        self.expect(path, value, "true or false")
        return None

    def date(self, path: Path_, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str) and not is_invalid(value):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                self.problem(path, f"'{value}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-03-18")
                return None
        self.expect(path, value, "a date as YYYY-MM-DD")
        return None

    def url(self, path: Path_, value: Any) -> str | None:
        text = self.text(path, value)
        if text is None:
            return None
        wrong = http_url_problem(text)
        if wrong is not None:
            message, hint = wrong
            self.problem(path, f"'{text}' {message}", hint)
            return None
        return text

    def slug(self, path: Path_, value: Any) -> str | None:
        text = self.text(path, value)
        if text is None:
            return None
        if not is_slug(text):
            self.problem(
                path,
                f"'{text}' is not a slug",
                hint=f"use lowercase letters, digits and hyphens, e.g. '{slugify(text)}'",
            )
            return None
        return text

    def year(self, path: Path_, value: Any) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            if 1000 <= value <= 2999:
                return value
            self.problem(path, f"{value} is not a plausible year")
            return None
        self.expect(path, value, "a year such as 2023")
        return None

    def work_kind(self, path: Path_, value: Any) -> str | None:
        text = self.text(path, value)
        if text is None:
            return None
        if text not in WORK_KINDS:
            self.problem(
                path, f"unknown kind '{text}'", hint=_suggest(text, WORK_KINDS, "one of " + ", ".join(WORK_KINDS))
            )
            return None
        return text

    # Containers --------------------------------------------------------------------------------
    def mapping(self, path: Path_, value: Any, fields: tuple[Field, ...], what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.expect(path, value, what)
            return None
        names, known, checks = _plan(fields)
        for key in value:
            if key not in known:
                self.problem(
                    (*path, key), f"unknown key '{key}'", hint=_suggest(key, names, "known keys: " + ", ".join(names))
                )
        result: dict[str, Any] = {}
        for name, required, check in checks:
            raw = value.get(name)
            if raw is None:
                if required:
                    if name in value:
                        self.problem((*path, name), "is empty")
                    else:
                        self.problem(path, f"missing required key '{name}'")
                continue
            result[name] = check(self, (*path, name), raw)
        return result

    def listing(
        self, path: Path_, value: Any, item: Callable[[_Checker, Path_, Any], Any], what: str
    ) -> tuple[Any, ...]:
        if not isinstance(value, list):
            if isinstance(value, str) and what == "a list of text":
                self.problem(path, f"expected {what}, got text", hint="write a list: one '- item' per line")
            else:
                self.expect(path, value, what)
            return ()
        results = [item(self, (*path, index), entry) for index, entry in enumerate(value)]
        return tuple(r for r in results if r is not None)

    def text_list(self, path: Path_, value: Any) -> tuple[str, ...]:
        items: tuple[str, ...] = self.listing(path, value, _Checker.text, "a list of text")
        return tuple(dict.fromkeys(items))

    def work(self, path: Path_, value: Any) -> Work | None:
        data = self.mapping(path, value, WORK_FIELDS, "a work (a mapping with title, url, kind...)")
        if data is None or data.get("title") is None:
            return None
        return Work(**data)

    def works(self, path: Path_, value: Any) -> tuple[Work, ...]:
        items: tuple[Work, ...] = self.listing(path, value, _Checker.work, "a list of works")
        return items

    def related_entry(self, path: Path_, value: Any) -> RelatedRef | None:
        if isinstance(value, str) and not is_invalid(value):
            slug = self.slug(path, value)
            return RelatedRef(slug, None, self.doc.line(path)) if slug else None
        data = self.mapping(path, value, RELATED_FIELDS, "a slug or {profile: slug, note: text}")
        if data is None or data.get("profile") is None:
            return None
        return RelatedRef(data["profile"], data.get("note"), self.doc.line(path))

    def related(self, path: Path_, value: Any) -> tuple[RelatedRef, ...]:
        items: tuple[RelatedRef, ...] = self.listing(path, value, _Checker.related_entry, "a list of related profiles")
        return items

    def links(self, path: Path_, value: Any) -> tuple[Link, ...]:
        if not isinstance(value, dict):
            self.expect(path, value, "a mapping such as {homepage: https://..., github: https://...}")
            return ()
        found = []
        for key, raw in value.items():
            if key not in LINK_KINDS:
                self.problem(
                    (*path, key),
                    f"unknown link '{key}'",
                    hint=_suggest(key, LINK_KINDS, "known links: " + ", ".join(LINK_KINDS)),
                )
                continue
            url = self.url((*path, key), raw)
            if url:
                found.append(Link(key, url))
        return tuple(sorted(found, key=lambda link: LINK_KINDS.index(link.kind)))

    def markdown_list(self, path: Path_, value: Any) -> tuple[str, ...]:
        items: tuple[str, ...] = self.listing(path, value, _Checker.text, "a list of text")
        return items


_CHECKS: dict[str, Callable[[_Checker, Path_, Any], Any]] = {
    "text": _Checker.text,
    "markdown": _Checker.text,
    "slug": _Checker.slug,
    "bool": _Checker.boolean,
    "date": _Checker.date,
    "url": _Checker.url,
    "year": _Checker.year,
    "work_kind": _Checker.work_kind,
    "text_list": _Checker.text_list,
    "markdown_list": _Checker.markdown_list,
    "works": _Checker.works,
    "related": _Checker.related,
    "links": _Checker.links,
}


_Plan = tuple[list[str], frozenset[str], tuple[tuple[str, bool, Callable[[_Checker, Path_, Any], Any]], ...]]
#: For each tuple of fields checked so far (by id, with the tuple itself so the id stays its own): the
#: names in order, as a set, and (name, required, check) for each.
_PLANS: dict[int, tuple[tuple[Field, ...], _Plan]] = {}


def _plan(fields: tuple[Field, ...]) -> _Plan:
    entry = _PLANS.get(id(fields))
    if entry is not None and entry[0] is fields:
        return entry[1]
    names = [f.name for f in fields]
    plan = (names, frozenset(names), tuple((f.name, f.required, _CHECKS[f.type]) for f in fields))
    _PLANS[id(fields)] = (fields, plan)
    return plan


def _suggest(word: str, choices: tuple[str, ...] | list[str], fallback: str) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else fallback


def validate_fields(
    document: Document, path: Path_, value: Any, fields: tuple[Field, ...], what: str
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Check one mapping of ``document`` against ``fields`` exactly as profile keys are checked.

    Catalog files (``_topics.yml``, ``_organizations.yml``) use it, so there is one validator.
    """
    checker = _Checker(document)
    data = checker.mapping(path, value, fields, what)
    return data, checker.problems


def validate_document(document: Document) -> tuple[Profile | None, list[Problem]]:
    """Check one document against the profile format; return the profile, or ``None`` and why not."""
    checker = _Checker(document)
    data = checker.mapping((), document.data, PROFILE_FIELDS, "a mapping of keys")
    if data is None:
        return None, checker.problems
    slug = data.pop("slug", None)
    slug_line = document.line(("slug",))
    if slug is None and document.data.get("slug") is None:  # absent, or present but left empty
        slug = slugify(document.stem)
        slug_line = None
        if not slug:
            checker.problem((), f"the file name '{document.stem}' gives no slug", hint="add a 'slug:' key")
    if slug in RESERVED_SLUGS:
        checker.problem(
            ("slug",) if slug_line else (),
            f"the slug '{slug}' is reserved",
            hint="rename the file or add a 'slug:' key",
        )
    if checker.problems or slug is None:
        return None, checker.problems
    for key in ("editor_reviewed", "draft"):
        data[key] = bool(data.get(key))
    profile = Profile(slug=slug, source=document.source, slug_line=slug_line, **data)
    return profile, checker.problems
