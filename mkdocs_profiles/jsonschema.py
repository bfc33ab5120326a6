"""The JSON Schema (draft-07) of profile files, generated from :mod:`mkdocs_profiles.schema`.

Editors get completion, hover help and inline errors from it through yaml-language-server (VS Code's
YAML extension, Neovim, Helix, JetBrains...). The package ships the generated file as
``mkdocs_profiles/profile.schema.json``; a test fails when that file and the definition differ, and
``python -m mkdocs_profiles.jsonschema`` rewrites it.

The schema helps while typing; the build's validation stays the judge (it also checks what a schema
cannot, such as duplicate slugs across files).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from .labels import DEFAULT_LABELS
from .schema import (
    LINK_KINDS,
    ORGANIZATION_FIELDS,
    PROFILE_FIELDS,
    RELATED_FIELDS,
    TOPIC_FIELDS,
    WORK_FIELDS,
    WORK_KINDS,
    Field,
)
from .slugs import RESERVED_SLUGS, SLUG_PATTERN

#: Where the generated schema ships inside the package.
SCHEMA_FILE = "profile.schema.json"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

_TEXT = {"type": "string", "pattern": r"\S"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
_URL = {"type": "string", "pattern": r"^[hH][tT][tT][pP][sS]?://[^\s/]", "format": "uri"}


def _slug() -> dict[str, Any]:
    return {"type": "string", "pattern": SLUG_PATTERN.pattern, "not": {"enum": sorted(RESERVED_SLUGS)}}


def _type(kind: str) -> dict[str, Any]:
    """The JSON Schema of one field type of :mod:`mkdocs_profiles.schema` (without its description)."""
    if kind in ("text", "markdown"):
        return dict(_TEXT)
    if kind == "slug":
        return _slug()
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "date":
        return dict(_DATE)
    if kind == "url":
        return dict(_URL)
    if kind == "year":
        return {"type": "integer", "minimum": 1000, "maximum": 2999}
    if kind == "work_kind":
        return {"type": "string", "enum": list(WORK_KINDS)}
    if kind in ("text_list", "markdown_list"):
        return {"type": "array", "items": dict(_TEXT)}
    if kind == "works":
        return {"type": "array", "items": {"$ref": "#/definitions/work"}}
    if kind == "related":
        return {"type": "array", "items": {"$ref": "#/definitions/related"}}
    if kind == "links":
        return _links()
    raise ValueError(f"no JSON Schema for the field type '{kind}'")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or nothing: optional keys may be left empty (``focus:``), as ``mkdocs-profiles new`` does.

    A type list rather than ``anyOf``, so editors report a mistake where it is, not on the whole key.
    """
    if "type" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    result = {**schema, "type": [schema["type"], "null"]}
    if "enum" in result:
        result["enum"] = [*result["enum"], None]
    return result


def _property(spec: Field) -> dict[str, Any]:
    schema = _type(spec.type)
    return {"description": spec.description, **(schema if spec.required else _nullable(schema))}


def _object(fields: tuple[Field, ...], description: str) -> dict[str, Any]:
    required = [spec.name for spec in fields if spec.required]
    result: dict[str, Any] = {
        "type": "object",
        "description": description,
        "properties": {spec.name: _property(spec) for spec in fields},
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def _links() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            kind: {
                "description": f"The person's {DEFAULT_LABELS['link_' + kind]} page: an http or https URL.",
                **_URL,
            }
            for kind in LINK_KINDS
        },
        "additionalProperties": False,
    }


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a profile file, from :data:`~mkdocs_profiles.schema.PROFILE_FIELDS`."""
    related = {
        "description": "A related profile: its slug, or {profile: slug, note: text}.",
        "anyOf": [
            {"description": "The related profile's slug.", **_slug()},
            _object(RELATED_FIELDS, "A related profile with a note on why."),
        ],
    }
    return {
        "$schema": DRAFT_07,
        "title": "mkdocs-profiles profile",
        **_object(PROFILE_FIELDS, "One researcher profile: a YAML file, or the front matter of a Markdown file."),
        "definitions": {
            "work": _object(WORK_FIELDS, "A paper, project, repository, talk... listed on the profile."),
            "related": related,
        },
    }


def catalog_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``_topics.yml`` (``kind="topic"``) or of ``_organizations.yml``."""
    fields = TOPIC_FIELDS if kind == "topic" else ORGANIZATION_FIELDS
    entry = _object(fields, f"One {kind}: the key is the {kind} as profiles spell it.")
    return {
        "$schema": DRAFT_07,
        "title": f"mkdocs-profiles {kind}s",
        "description": f"Names, descriptions and aliases of {kind}s, keyed as profiles spell them.",
        "type": "object",
        "additionalProperties": {"anyOf": [entry, {"type": "null"}]},
    }


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """A schema as the shipped file holds it: indented JSON with a final newline."""
    return json.dumps(schema if schema is not None else profile_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    """The schema file shipped in the package, as text."""
    return resources.files("mkdocs_profiles").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def write_shipped_schema() -> Path:
    """Regenerate the shipped schema file from the definition (for maintainers)."""
    path = Path(__file__).with_name(SCHEMA_FILE)
    path.write_text(schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_shipped_schema()}")
