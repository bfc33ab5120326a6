"""The JSON Schema: generated from the one definition, shipped, complete, and in agreement with the build."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPOSITORY
from helpers import FULL_PROFILE, problems_of

from mkdocs_profiles import jsonschema as profile_jsonschema
from mkdocs_profiles.cli import new_profile_text
from mkdocs_profiles.schema import LINK_KINDS, PROFILE_FIELDS, RELATED_FIELDS, WORK_FIELDS, WORK_KINDS

SHIPPED = Path(profile_jsonschema.__file__).with_name(profile_jsonschema.SCHEMA_FILE)


def _yaml_like_an_editor(text: str) -> Any:
    """Data as yaml-language-server sees it: YAML 1.2, where 2026-03-18 is text, not a date."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value.isoformat() if isinstance(value, datetime.date) else value

    return plain(yaml.safe_load(text))


def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SHIPPED.read_text(encoding="utf-8")))


def _schema_errors(data: Any) -> list[str]:
    """Where the schema finds mistakes, as dotted paths (``start_here.0.kind``), the deepest place of each."""
    return sorted(
        ".".join(str(p) for p in jsonschema.exceptions.best_match([e]).absolute_path) or "(root)"
        for e in _validator().iter_errors(data)
    )


def test_the_shipped_schema_is_generated_from_the_definition() -> None:
    # The one-definition rule: edit schema.py, then run `python -m mkdocs_profiles.jsonschema`.
    assert SHIPPED.read_text(encoding="utf-8") == profile_jsonschema.schema_text(), (
        "mkdocs_profiles/profile.schema.json is out of date: run `python -m mkdocs_profiles.jsonschema`"
    )
    assert profile_jsonschema.shipped_schema_text() == profile_jsonschema.schema_text()


def test_the_schema_is_valid_draft_07() -> None:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    for kind in ("topic", "organization"):
        jsonschema.Draft7Validator.check_schema(profile_jsonschema.catalog_schema(kind))


def _properties(schema: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, subschema) that is a named property, anywhere in the schema."""
    found = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.append((f"{path}.{name}".lstrip("."), sub))
        for key, sub in schema.items():
            if key != "properties" or not isinstance(sub, dict):
                found += _properties(sub, f"{path}.{key}" if key != "properties" else path)
            else:
                for name, inner in sub.items():
                    found += _properties(inner, f"{path}.{name}".lstrip("."))
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            found += _properties(sub, f"{path}[{index}]")
    return found


def test_every_key_has_a_description() -> None:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    properties = _properties(schema)
    assert len(properties) >= len(PROFILE_FIELDS) + len(WORK_FIELDS) + len(RELATED_FIELDS) + len(LINK_KINDS)
    missing = [path for path, sub in properties if not str(sub.get("description", "")).strip()]
    assert missing == []


def test_every_key_of_the_definition_is_in_the_schema_with_its_description() -> None:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert list(schema["properties"]) == [f.name for f in PROFILE_FIELDS]
    assert schema["required"] == [f.name for f in PROFILE_FIELDS if f.required]
    for spec in PROFILE_FIELDS:
        assert schema["properties"][spec.name]["description"] == spec.description
    work = schema["definitions"]["work"]
    assert {name: sub["description"] for name, sub in work["properties"].items()} == {
        f.name: f.description for f in WORK_FIELDS
    }
    assert work["required"] == ["title"]
    assert list(schema["properties"]["links"]["properties"]) == list(LINK_KINDS)
    assert work["properties"]["kind"]["enum"] == [*WORK_KINDS, None]


def test_every_example_profile_of_the_repository_is_valid() -> None:
    files = sorted((REPOSITORY / "profiles").glob("*.yml"))
    assert len(files) >= 10
    for path in files:
        if path.name.startswith("_"):
            continue
        assert _schema_errors(_yaml_like_an_editor(path.read_text(encoding="utf-8"))) == [], path.name


def test_the_full_profile_is_valid() -> None:
    assert _schema_errors(_yaml_like_an_editor(yaml.safe_dump(FULL_PROFILE))) == []


@pytest.mark.parametrize(
    ("mistake", "where"),
    [
        ("name: Ada\n", "(root)"),  # summary is missing
        ("name: Ada\nsummary: S\ntopic: [A]\n", "(root)"),  # unknown key
        ("name: Ada\nsummary: S\ntopics: Quantization\n", "topics"),
        ("name: Ada\nsummary: S\nslug: Ada Lovelace\n", "slug"),
        ("name: Ada\nsummary: S\nslug: index\n", "slug"),
        ("name: Ada\nsummary: S\nstart_here:\n  - title: T\n    kind: paperback\n", "start_here.0.kind"),
        ("name: Ada\nsummary: S\nstart_here:\n  - url: https://example.org\n", "start_here.0"),
        (
            "name: Ada\nsummary: S\nsignature_works:\n  - title: T\n    url: javascript:alert(1)\n",
            "signature_works.0.url",
        ),
        ("name: Ada\nsummary: S\nsignature_works:\n  - title: T\n    year: 99\n", "signature_works.0.year"),
        ("name: Ada\nsummary: S\nlinks:\n  myspace: https://example.org\n", "links"),
        ("name: Ada\nsummary: S\nrelated:\n  - profile: bob\n    why: x\n", "related.0"),
        ("name: Ada\nsummary: S\nlast_reviewed: March 2026\n", "last_reviewed"),
        ("name: Ada\nsummary: '   '\n", "summary"),
        ("name: Ada\nsummary: S\neditor_reviewed: sometimes\n", "editor_reviewed"),
    ],
)
def test_the_schema_and_the_build_reject_the_same_mistakes(mistake: str, where: str) -> None:
    assert where in _schema_errors(_yaml_like_an_editor(mistake))
    assert [p for p in problems_of(mistake) if p.is_error], "the build's validation accepts what the schema rejects"


def test_a_new_profile_is_valid_once_the_summary_is_filled_in() -> None:
    text = new_profile_text("Song Han", "song-han")
    assert text.startswith("# yaml-language-server: $schema=")
    # Only the required summary is left to fill in; every other empty key is fine as it is.
    assert _schema_errors(_yaml_like_an_editor(text)) == ["summary"]
    filled = text.replace("summary:\n", "summary: Efficient AI systems.\n")
    assert _schema_errors(_yaml_like_an_editor(filled)) == []
    assert problems_of(filled, "profiles/song-han.yml") == []


def test_catalog_schemas_accept_entries_and_refuse_unknown_keys() -> None:
    topics = jsonschema.Draft7Validator(profile_jsonschema.catalog_schema("topic"))
    organizations = jsonschema.Draft7Validator(profile_jsonschema.catalog_schema("organization"))
    entry = {
        "MIT": {
            "description": "A *university*.",
            "aliases": ["Massachusetts Institute of Technology"],
            "url": "https://mit.edu",
        }
    }
    assert list(organizations.iter_errors(entry)) == []
    assert list(organizations.iter_errors({"Long context": None})) == []
    assert list(topics.iter_errors(entry)) != []  # topics have no url


def test_the_example_sites_schema_copy_is_current() -> None:
    # profiles/_profile.schema.json is what the example profiles' editors complete against.
    copy = REPOSITORY / "profiles" / "_profile.schema.json"
    assert copy.read_text(encoding="utf-8") == profile_jsonschema.schema_text(), "run `mkdocs-profiles schema --write`"
