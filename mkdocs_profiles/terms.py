"""Catalog files: optional ``_topics.yml`` and ``_organizations.yml`` beside the profiles.

Each file is a mapping keyed by the topic or organization as profiles spell it::

    MIT:
      name: MIT
      description: The Massachusetts Institute of Technology, in Cambridge, MA.
      aliases: [Massachusetts Institute of Technology, M.I.T.]
      url: https://www.mit.edu

An entry gives a display name, a Markdown description shown on the term's page, other spellings that
mean the same term and, for organizations, a website. The keys are defined in
:mod:`mkdocs_profiles.schema` and checked by :func:`mkdocs_profiles.validate.validate_fields`, like
profiles; an alias that would map to two entries is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .load import Document, parse_document
from .model import Profile
from .problems import Problem
from .schema import ORGANIZATION_FIELDS, TOPIC_FIELDS, Field
from .slugs import term_key
from .validate import validate_fields

#: The catalog file of each kind of term, looked up in the profiles folder (``.yaml`` works too).
TERM_FILES = {"topic": "_topics", "organization": "_organizations"}
_FIELDS: dict[str, tuple[Field, ...]] = {"topic": TOPIC_FIELDS, "organization": ORGANIZATION_FIELDS}


@dataclass(frozen=True)
class TermEntry:
    """One entry of a catalog file, validated."""

    kind: str
    """``"topic"`` or ``"organization"``."""
    key: str
    """The term's identity (:func:`~mkdocs_profiles.slugs.term_key` of the entry's key)."""
    spelling: str
    """The entry's key as written in the file."""
    name: str
    description: str | None = None
    url: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = ""
    line: int | None = None


@dataclass(frozen=True)
class TermDefinitions:
    """Every catalog entry of a site, and which spelling belongs to which entry."""

    entries: dict[str, dict[str, TermEntry]] = field(default_factory=lambda: {"topic": {}, "organization": {}})
    """Entries by kind, then by key."""
    aliases: dict[str, dict[str, str]] = field(default_factory=lambda: {"topic": {}, "organization": {}})
    """Alias key -> entry key, by kind."""

    def entry(self, kind: str, key: str) -> TermEntry | None:
        """The entry of the term with key ``key``, if a catalog file describes it."""
        return self.entries.get(kind, {}).get(key)

    def canonical(self, kind: str, name: str) -> str:
        """The spelling ``name`` stands for: the entry's own key when ``name`` is one of its aliases."""
        alias_of = self.aliases.get(kind, {}).get(term_key(name))
        return self.entries[kind][alias_of].spelling if alias_of else name

    def __bool__(self) -> bool:
        return any(self.entries.values())


def _catalog_file(folder: Path, kind: str) -> Path | None:
    for suffix in (".yml", ".yaml"):
        path = folder / (TERM_FILES[kind] + suffix)
        if path.is_file():
            return path
    return None


def _display_path(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def read_term_file(raw: bytes, source: str, kind: str) -> tuple[list[TermEntry], list[Problem]]:
    """Parse and validate one catalog file of ``kind`` (``"topic"`` or ``"organization"``)."""
    if not raw.strip():
        return [], []
    document, problems = parse_document(raw, source, Path(source).stem)
    if document is None:
        return [], problems
    entries: list[TermEntry] = []
    seen: dict[str, TermEntry] = {}
    fields = _FIELDS[kind]
    for spelling, value in document.data.items():
        line = document.line((spelling,))
        key = term_key(spelling)
        if not key:
            problems.append(Problem(source, line, spelling or None, "an entry needs a name"))
            continue
        if key in seen:
            first = seen[key]
            problems.append(
                Problem(
                    source,
                    line,
                    spelling,
                    f"'{spelling}' and '{first.spelling}' (line {first.line}) are the same {kind}",
                    hint="case, spaces and hyphens are ignored; merge the two entries",
                )
            )
            continue
        data: dict[str, object] = {}
        if value is not None:
            checked, found = validate_fields(
                document, (spelling,), value, fields, "a mapping such as {description: ..., aliases: [...]}"
            )
            problems.extend(found)
            if checked is None or found:
                continue
            data = checked
        entry = TermEntry(
            kind=kind,
            key=key,
            spelling=spelling,
            name=str(data.get("name") or spelling),
            description=_optional_text(data.get("description")),
            url=_optional_text(data.get("url")),
            aliases=tuple(str(a) for a in data.get("aliases") or ()),  # type: ignore[attr-defined]
            source=source,
            line=line,
        )
        seen[key] = entry
        entries.append(entry)
    problems.extend(_alias_problems(entries, document, kind))
    return entries, problems


def _optional_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _alias_problems(entries: list[TermEntry], document: Document, kind: str) -> list[Problem]:
    """An alias that is another entry, or that two entries claim, maps to two entries: an error."""
    problems: list[Problem] = []
    by_key = {entry.key: entry for entry in entries}
    claimed: dict[str, tuple[TermEntry, str]] = {}
    for entry in entries:
        for index, alias in enumerate(entry.aliases):
            path = (entry.spelling, "aliases", index)
            line, where = document.line(path), f"{entry.spelling}.aliases[{index}]"
            alias_key = term_key(alias)
            if alias_key == entry.key:
                continue  # the entry's own name in another spelling: harmless
            other = by_key.get(alias_key)
            if other is not None:
                problems.append(
                    Problem(
                        document.source,
                        line,
                        where,
                        f"'{alias}' is also the {kind} '{other.spelling}' (line {other.line}), "
                        "so it would map to two entries",
                        hint="remove the alias, or merge the two entries",
                    )
                )
                continue
            if alias_key in claimed and claimed[alias_key][0].key != entry.key:
                first, first_alias = claimed[alias_key]
                problems.append(
                    Problem(
                        document.source,
                        line,
                        where,
                        f"'{alias}' is already an alias of '{first.spelling}' (line {first.line}), "
                        "so it would map to two entries",
                        hint=f"keep '{first_alias}' under one entry only",
                    )
                )
                continue
            claimed.setdefault(alias_key, (entry, alias))
    return problems


def load_term_definitions(profiles_dir: Path, base_dir: Path) -> tuple[TermDefinitions, list[Problem]]:
    """Read ``_topics.yml`` and ``_organizations.yml`` from the profiles folder, when they exist."""
    definitions = TermDefinitions()
    problems: list[Problem] = []
    for kind in TERM_FILES:
        path = _catalog_file(profiles_dir, kind)
        if path is None:
            continue
        source = _display_path(path, base_dir)
        try:
            raw = path.read_bytes()
        except OSError as error:
            problems.append(Problem(source, None, None, f"cannot be read: {error.strerror}"))
            continue
        entries, found = read_term_file(raw, source, kind)
        problems.extend(found)
        if any(p.is_error for p in found):
            continue
        definitions.entries[kind].update({entry.key: entry for entry in entries})
        for entry in entries:
            for alias in entry.aliases:
                if term_key(alias) != entry.key:
                    definitions.aliases[kind][term_key(alias)] = entry.key
    return definitions, problems


def apply_aliases(profiles: list[Profile], definitions: TermDefinitions) -> list[Profile]:
    """Profiles with every topic and organization written as an alias replaced by its entry's spelling.

    Done before the catalog is built, so pages, chips and related researchers all see one term.
    """
    if not any(definitions.aliases.values()):
        return profiles

    def canonical(kind: str, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(definitions.canonical(kind, name) for name in names))

    result = []
    for profile in profiles:
        topics = canonical("topic", profile.topics)
        organizations = canonical("organization", profile.organizations)
        if (topics, organizations) != (profile.topics, profile.organizations):
            profile = replace(profile, topics=topics, organizations=organizations)
        result.append(profile)
    return result
