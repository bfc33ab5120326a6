"""Reading profile files: bytes -> located plain data, without losing anything on the way.

YAML silently keeps the last of two equal keys and expands aliases without limit; both are refused
here, and every value keeps the line it came from so later problems can point at it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .problems import Problem

#: File endings read as profiles.
PROFILE_SUFFIXES = (".yml", ".yaml", ".md")
_MAX_DEPTH = 40

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A profile file parsed into plain data, with the line of every key and list item."""

    source: str
    """The file's path as shown in messages (relative to the site's config file)."""
    stem: str
    data: dict[str, Any]
    lines: dict[Path_, int] = field(default_factory=dict)
    """Line (1-based) of each path, e.g. ``("topics", 2)``; the root is ``()``."""
    digest: str = ""

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest located parent."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases (they make alias bombs possible)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed in profile files",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


#: libyaml's parser, when PyYAML was built with it.
_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)

_STR_TAG = Resolver.DEFAULT_SCALAR_TAG
_SEQUENCE_TAG = Resolver.DEFAULT_SEQUENCE_TAG
_MAPPING_TAG = Resolver.DEFAULT_MAPPING_TAG
#: Resolvers registered for any first character (PyYAML ships none), tried after those of the first one.
_ANY_FIRST: tuple[tuple[str, Any], ...] | None = tuple(Resolver.yaml_implicit_resolvers.get(None, ())) or None
#: PyYAML's implicit resolvers by first character (YAML 1.1: yes/no, 0x1F, 2026-03-18...), as imported.
_IMPLICIT_RESOLVERS: dict[str, tuple[tuple[str, Any], ...]] = {
    first: tuple(resolvers) + (_ANY_FIRST or ())
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    if first is not None
}

_construct_str = SafeConstructor.yaml_constructors[_STR_TAG]
#: Constructors (by id) whose result depends only on the scalar's text and is immutable: memoised by (tag, text).
_IMMUTABLE_RESULTS = frozenset(
    id(SafeConstructor.yaml_constructors[f"tag:yaml.org,2002:{name}"])
    for name in ("null", "bool", "int", "float", "timestamp")
)
#: Plain scalars already resolved to a tag, and scalars already constructed (years, dates and booleans
#: repeat across thousands of files). Each is cleared when it reaches _MEMO_MAX entries.
_RESOLVED: dict[str, str] = {}
_CONSTRUCTED: dict[tuple[str, str], Any] = {}
_MEMO_MAX = 4096
_UNKNOWN = object()

if _CParser is not None:

    class _FastLoader(_CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """A SafeLoader on libyaml's parser and composer: the same nodes, ten times faster.

        It is only given text without ``&``, which therefore has no anchors and no aliases, and only
        well-formed files are read this way: on any error the pure-Python loader reads the file again,
        so messages do not depend on whether libyaml is installed. (The parsers differ in a few corners
        of flow collections, where libyaml reads what PyYAML's scanner refuses or misreads:
        ``{a: b?c}``, ``[!!int, x]``.)
        """

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        # libyaml's composer calls these three for every node: they were a fifth of the loading time.
        # Resolver's own versions, with the resolvers as imported and no path resolvers (PyYAML ships
        # none), come down to the lines below.
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                if implicit[0]:
                    resolvers = _IMPLICIT_RESOLVERS.get(value[:1], _ANY_FIRST)
                    if resolvers is not None:
                        # Keys (title, name, note...) repeat in every file; their regexes run once.
                        tag = _RESOLVED.get(value)
                        if tag is None:
                            tag = next((found for found, regexp in resolvers if regexp.match(value)), _STR_TAG)
                            if len(_RESOLVED) >= _MEMO_MAX:
                                _RESOLVED.clear()
                            _RESOLVED[value] = tag
                        return tag
                return _STR_TAG
            return _SEQUENCE_TAG if kind is SequenceNode else _MAPPING_TAG


_Parsed = tuple[Any, dict[Path_, int], list[Problem]]


def _parse_well_formed(text: str, source: str, offset: int) -> _Parsed | None:
    """:func:`parse_yaml` through libyaml; ``None`` when libyaml is missing or the YAML has an error."""
    # Without "&" there can be no anchor, hence no alias either. libyaml accepts tabs where PyYAML
    # refuses them, so text with tabs is left to PyYAML too.
    if _CParser is None or "&" in text or "\t" in text:
        return None
    loader = _FastLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except (yaml.YAMLError, RecursionError):
            return None
        if root is None:
            return None
        return _Converter(source, loader, offset).convert_root(root)
    finally:
        loader.dispose()


class _Converter:
    """Nodes -> plain data, the line of every key and item, and the problems YAML itself would hide."""

    def __init__(self, source: str, loader: Any, line_offset: int) -> None:
        self.source = source
        self.loader = loader
        self.base = 1 + line_offset
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.constructors: dict[Any, Any] = loader.yaml_constructors
        # construct_object makes a str scalar its text, unless a constructor for str was registered.
        self.str_tag = _STR_TAG if self.constructors.get(_STR_TAG) is _construct_str else None

    def convert_root(self, root: Node) -> _Parsed:
        value = self.convert(root, ())
        self.lines[()] = root.start_mark.line + self.base
        return value, self.lines, self.problems

    def problem(self, node: Node, path: Path_, message: str) -> None:
        line = node.start_mark.line + self.base
        self.problems.append(Problem(self.source, line, dotted(path) or None, message))

    def convert(self, node: Node, path: Path_, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            self.problem(node, path, "nested too deeply")
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        lines = self.lines
        base = self.base
        # Most values are strings one level down: they are taken here, without a call per value.
        str_tag = self.str_tag if depth < _MAX_DEPTH else None
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                child = (*path, index)
                lines[child] = item.start_mark.line + base
                if item.tag == str_tag and isinstance(item, ScalarNode):
                    items.append(item.value)
                else:
                    items.append(self.convert(item, child, depth + 1))
            return items
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, path, "a key must be plain text")
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                self.problem(
                    key_node,
                    child,
                    f"duplicate key '{key}' (first at line {lines[child]}); "
                    "YAML would silently keep only the last value",
                )
                continue
            lines[child] = key_node.start_mark.line + base
            if value_node.tag == str_tag and isinstance(value_node, ScalarNode):
                result[key] = value_node.value
            else:
                result[key] = self.convert(value_node, child, depth + 1)
        return result

    def scalar(self, node: ScalarNode, path: Path_) -> Any:
        tag = node.tag
        construct = self.constructors.get(tag)
        # The same as construct_object for these tags, without its bookkeeping: a str is the node's text,
        # and the other plain types are immutable values of the text alone.
        if construct is _construct_str:
            return node.value
        memo = id(construct) in _IMMUTABLE_RESULTS
        if memo:
            key = (tag, node.value)
            known = _CONSTRUCTED.get(key, _UNKNOWN)  # one look-up: safe if another thread clears the memo
            if known is not _UNKNOWN:
                return known
        try:
            value = self.loader.construct_object(node, deep=True)
        except Exception as error:  # noqa: BLE001
            # PyYAML's scalar constructors raise whatever Python raises on odd input: ValueError for
            # 2026-13-45, IndexError for an empty '!!int', AttributeError for a bad '!!timestamp'...
            detail = getattr(error, "problem", None) or str(error) or type(error).__name__
            self.problem(node, path, f"'{node.value}' cannot be read: {detail}")
            return _Invalid(str(node.value))
        if memo:
            if len(_CONSTRUCTED) >= _MEMO_MAX:
                _CONSTRUCTED.clear()
            _CONSTRUCTED[key] = value
        return value


class _Invalid(str):
    """A scalar YAML could not construct; already reported, so validation stays quiet about it."""


def is_invalid(value: object) -> bool:
    """Whether ``value`` is a placeholder for a scalar that was already reported as unreadable."""
    return isinstance(value, _Invalid)


def dotted(path: Path_) -> str:
    """A path as editors write it: ``signature_works[2].url``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse_yaml(text: str, source: str, line_offset: int = 0) -> tuple[Any, dict[Path_, int], list[Problem]]:
    """Parse one YAML document into plain data with the line of each path, collecting problems."""
    parsed = _parse_well_formed(text, source, line_offset)
    if parsed is not None:
        return parsed
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as error:
        # The reader refuses control characters (and a few others) before parsing starts.
        line = text[: error.position].count("\n") + 1 + line_offset
        message = f"the character U+{error.character:04X} is not allowed in YAML"
        hint = "delete it, or write it as an escape in a quoted string"
        return None, {}, [Problem(source, line, None, message, hint=hint)]
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            if error.context_mark and mark and mark.index >= len(text.rstrip()):
                # "Unexpected end of file" points past the last line; where the open bracket or quote
                # started is what the editor needs.
                mark = error.context_mark
            at = mark.line + 1 + line_offset if mark else None
            message = " ".join(str(part) for part in (error.context, error.problem) if part)
            return None, {}, [Problem(source, at, None, f"not valid YAML: {message}")]
        except yaml.YAMLError as error:
            return None, {}, [Problem(source, None, None, f"not valid YAML: {error}")]
        except RecursionError:
            return None, {}, [Problem(source, None, None, "not valid YAML: nested too deeply")]
        if root is None:
            return None, {}, []
        return _Converter(source, loader, line_offset).convert_root(root)
    finally:
        loader.dispose()


def _split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split ``---\\nYAML\\n---\\nbody`` into (yaml, body, line of the body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


def parse_document(raw: bytes, source: str, stem: str, digest: str = "") -> tuple[Document | None, list[Problem]]:
    """Parse one profile file (YAML, or Markdown with YAML front matter) into a :class:`Document`."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(source, line, None, "the file is not UTF-8 text", hint="save it as UTF-8")]
    if "\x00" in text:
        return None, [Problem(source, None, None, "the file is not text (it contains NUL bytes)")]
    body: str | None = None
    body_line = 0
    offset = 0
    if source.endswith(".md"):
        split = _split_front_matter(text)
        if split is None:
            return None, [
                Problem(
                    source,
                    1,
                    None,
                    "a Markdown profile must start with YAML front matter between '---' lines",
                )
            ]
        text, body, body_line = split
        offset = 1
    if not text.strip():
        return None, [
            Problem(source, None, None, "the file is empty", hint="a profile needs at least name and summary")
        ]
    value, lines, problems = parse_yaml(text, source, offset)
    if problems and value is None:
        return None, problems
    if not isinstance(value, dict):
        got = type_name(value)
        return None, [
            *problems,
            Problem(source, lines.get(()), None, f"expected a mapping of keys (name: ..., summary: ...), got {got}"),
        ]
    if body is not None and body.strip():
        if "bio" in value:
            problems.append(
                Problem(source, lines.get(("bio",)), "bio", "given both in front matter and as the Markdown body")
            )
        else:
            value["bio"] = body.strip("\n")
            lines[("bio",)] = body_line
    return Document(source, stem, value, lines, digest), problems


def type_name(value: object) -> str:
    """How a YAML value's type is named in messages: 'a number', 'a boolean (yes/no/true/false)'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean (yes/no/true/false)"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def iter_profile_files(folder: Path) -> Iterator[Path]:
    """Profile files in ``folder`` and its subfolders, sorted; files starting with ``_`` or ``.`` are not profiles."""
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(PROFILE_SUFFIXES) and not name.startswith((".", "_")):
                yield Path(root) / name
