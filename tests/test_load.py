"""Reading profile files: every kind of unreadable input becomes a located problem, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import find_problem, problems_of

from mkdocs_profiles.load import dotted, iter_profile_files, parse_document, parse_yaml
from mkdocs_profiles.pipeline import Options, ProfileCache, load_profiles
from mkdocs_profiles.problems import Problem

SOURCE = "profiles/ada.yml"


def parse(text: str | bytes, source: str = SOURCE) -> tuple[object, list[Problem]]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_document(raw, source, Path(source).stem)


def test_a_good_file_keeps_every_value_and_the_line_of_every_key_and_item() -> None:
    document, problems = parse(
        "name: Ada\n"
        "summary: First programmer.\n"
        "topics:\n"
        "  - Engines\n"
        "  - Notes\n"
        "signature_works:\n"
        "  - title: Notes\n"
        "    url: https://example.org/notes\n"
    )
    assert problems == []
    assert document is not None
    assert document.data["topics"] == ["Engines", "Notes"]  # type: ignore[attr-defined]
    assert document.line(("topics", 1)) == 5  # type: ignore[attr-defined]
    assert document.line(("signature_works", 0, "url")) == 8  # type: ignore[attr-defined]
    # A path that was never written falls back to its nearest located parent.
    assert document.line(("signature_works", 0, "year")) == 7  # type: ignore[attr-defined]


def test_malformed_yaml_is_located() -> None:
    _, problems = parse("name: Ada\nsummary: fine\ntopics: [one, two\nrole: x\n")
    problem = find_problem(problems, "profiles/ada.yml:", "not valid YAML")
    assert problem.line in (3, 4), str(problem)
    assert problem.file == SOURCE


def test_tab_indentation_is_a_located_yaml_error() -> None:
    _, problems = parse("name: Ada\nsummary: x\ntopics:\n\t- one\n")
    problem = find_problem(problems, "profiles/ada.yml:4:", "not valid YAML")
    assert problem.line == 4


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte() -> None:
    _, problems = parse(b"name: Ada\nsummary: Caf\xe9 in Latin-1\n")
    problem = find_problem(problems, "profiles/ada.yml:2:", "not UTF-8")
    assert problem.hint and "UTF-8" in problem.hint


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    document, problems = parse(b"\xef\xbb\xbfname: Ada\nsummary: x\n")
    assert problems == []
    assert document is not None


@pytest.mark.parametrize("text", ["", "   \n\n", "\n"])
def test_an_empty_file_is_reported(text: str) -> None:
    document, problems = parse(text)
    assert document is None
    problem = find_problem(problems, "profiles/ada.yml", "empty")
    assert "name and summary" in str(problem)


def test_a_file_of_only_comments_is_reported_not_crashed_on() -> None:
    document, problems = parse("# nothing here yet\n")
    assert document is None
    assert len(problems) == 1
    assert str(problems[0]).startswith("profiles/ada.yml")


def test_a_top_level_list_is_reported_with_its_line() -> None:
    _, problems = parse("- name: Ada\n  summary: x\n")
    find_problem(problems, "profiles/ada.yml:1:", "expected a mapping", "got a list")


def test_a_top_level_scalar_is_reported() -> None:
    _, problems = parse("just some text\n")
    find_problem(problems, "profiles/ada.yml:1:", "expected a mapping", "got text")


def test_duplicate_keys_are_refused_naming_both_lines() -> None:
    _, problems = parse("name: Ada\nsummary: first\ntopics: [a]\nsummary: second\n")
    problem = find_problem(problems, "profiles/ada.yml:4: summary:", "duplicate key 'summary'")
    assert "line 2" in str(problem)


def test_duplicate_keys_inside_a_work_are_refused() -> None:
    text = "name: Ada\nsummary: x\nstart_here:\n  - title: A\n    url: https://a.org\n    url: https://b.org\n"
    _, problems = parse(text)
    find_problem(problems, "profiles/ada.yml:6: start_here[0].url:", "duplicate key 'url'", "line 5")


def test_an_impossible_date_becomes_a_located_message_not_a_value_error() -> None:
    # PyYAML's timestamp constructor raises a bare ValueError for month 13.
    _, problems = parse("name: Ada\nsummary: x\nlast_reviewed: 2026-13-45\n")
    find_problem(problems, "profiles/ada.yml:3: last_reviewed:", "2026-13-45")


def test_an_impossible_day_is_located() -> None:
    _, problems = parse("name: Ada\nsummary: x\nlast_reviewed: 2026-02-30\n")
    find_problem(problems, "profiles/ada.yml:3: last_reviewed:", "2026-02-30")


def test_an_unreadable_scalar_is_not_reported_twice() -> None:
    problems = problems_of("name: Ada\nsummary: x\nlast_reviewed: 2026-13-45\n")
    assert [p.field for p in problems] == ["last_reviewed"], [str(p) for p in problems]


@pytest.mark.parametrize(
    "text",
    [
        # The classic "billion laughs": each level doubles the one before.
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "name: *h\nsummary: x\n",
        "name: &n Ada\nsummary: *n\n",
    ],
    ids=["billion-laughs", "simple-alias"],
)
def test_anchors_and_aliases_are_refused(text: str) -> None:
    document, problems = parse(text)
    assert document is None
    problem = find_problem(problems, "profiles/ada.yml:1:", "anchors and aliases")
    assert problem.line == 1


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    text = "name: Ada\nsummary: x\nbio: " + "[" * 3000 + "]" * 3000 + "\n"
    _, problems = parse(text)
    assert problems, "a 3000-deep list should be refused"
    assert all(str(p).startswith("profiles/ada.yml") for p in problems)


def test_nul_bytes_are_refused() -> None:
    document, problems = parse(b"name: Ada\x00\nsummary: x\n")
    assert document is None
    find_problem(problems, "profiles/ada.yml", "NUL")


def test_markdown_profile_takes_its_body_as_bio_with_the_body_line() -> None:
    document, problems = parse("---\nname: Ada\nsummary: x\n---\n\nShe wrote **notes**.\n", "profiles/ada.md")
    assert problems == []
    assert document is not None
    assert document.data["bio"] == "She wrote **notes**."  # type: ignore[attr-defined]
    assert document.line(("bio",)) in (5, 6)  # type: ignore[attr-defined]
    assert document.line(("summary",)) == 3  # type: ignore[attr-defined]


def test_markdown_profile_without_front_matter_is_reported() -> None:
    _, problems = parse("# Ada\n\nNo front matter.\n", "profiles/ada.md")
    find_problem(problems, "profiles/ada.md:1:", "front matter")


def test_markdown_profile_with_bio_twice_is_reported() -> None:
    _, problems = parse("---\nname: Ada\nsummary: x\nbio: one\n---\nTwo.\n", "profiles/ada.md")
    find_problem(problems, "profiles/ada.md:4: bio:", "both")


def test_dotted_paths_read_like_the_file() -> None:
    assert dotted(("signature_works", 2, "url")) == "signature_works[2].url"
    assert dotted(("links", "github")) == "links.github"
    assert dotted(()) == ""


def test_parse_yaml_returns_lines_relative_to_an_offset() -> None:
    value, lines, problems = parse_yaml("name: Ada\nsummary: x\n", "profiles/ada.md", line_offset=1)
    assert problems == []
    assert value == {"name": "Ada", "summary": "x"}
    assert lines[("summary",)] == 3


def test_profile_files_are_found_recursively_sorted_and_skip_private_ones(tmp_path: Path) -> None:
    for name in (
        "b.yml",
        "a.yaml",
        "c.md",
        "_partial.yml",
        ".hidden.yml",
        "notes.txt",
        "team/d.yml",
        "_drafts/e.yml",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("name: x\n")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_profile_files(tmp_path)]
    assert found == ["a.yaml", "b.yml", "c.md", "team/d.yml"]


# Every problem of every file, in one run -----------------------------------------------------------------

BAD_FILES: dict[str, bytes] = {
    "broken-yaml.yml": b"name: Ada\nsummary: [unclosed\n",
    "latin1.yml": b"name: Ren\xe9\nsummary: x\n",
    "empty.yml": b"",
    "a-list.yml": b"- name: Ada\n",
    "missing.yml": b"name: Only A Name\n",
    "wrong-types.yml": b"name: yes\nsummary: x\ntopics: 3\n",
    "duplicate.yml": b"name: Ada\nsummary: x\nname: Again\n",
    "unknown.yml": b"name: Ada\nsummary: x\ntopcis: [a]\n",
    "bad-date.yml": b"name: Ada\nsummary: x\nlast_reviewed: 2026-13-45\n",
    "script-url.yml": b"name: Ada\nsummary: x\nstart_here:\n  - title: T\n    url: javascript:alert(1)\n",
    "bad-slug.yml": b"name: Ada\nsummary: x\nslug: Not_A_Slug\n",
    "bomb.yml": b"name: &a Ada\nsummary: *a\n",
    "good.yml": b"name: Good Person\nsummary: Fine.\n",
}

EXPECTED: list[tuple[str, str]] = [
    ("profiles/broken-yaml.yml:2:", "not valid YAML"),
    ("profiles/latin1.yml:1:", "not UTF-8"),
    ("profiles/empty.yml", "empty"),
    ("profiles/a-list.yml:1:", "got a list"),
    ("profiles/missing.yml:1:", "missing required key 'summary'"),
    ("profiles/wrong-types.yml:1: name:", "got a boolean"),
    ("profiles/wrong-types.yml:3: topics:", "expected a list of text, got a number"),
    ("profiles/duplicate.yml:3: name:", "duplicate key"),
    ("profiles/unknown.yml:3: topcis:", "did you mean 'topics'?"),
    ("profiles/bad-date.yml:3: last_reviewed:", "2026-13-45"),
    ("profiles/script-url.yml:5: start_here[0].url:", "not an http or https URL"),
    ("profiles/bad-slug.yml:3: slug:", "not a slug"),
    ("profiles/bomb.yml:1:", "anchors and aliases"),
]


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name, raw in BAD_FILES.items():
        (folder / name).write_bytes(raw)
    profiles, problems = load_profiles(Options(profiles_dir=folder, base_dir=tmp_path))
    for where, fragment in EXPECTED:
        find_problem(problems, where, fragment)
    assert {p.file for p in problems} == {f"profiles/{name}" for name in BAD_FILES if name != "good.yml"}
    assert [p.name for p in profiles if p.slug == "good"] == ["Good Person"]


def test_a_file_with_a_load_problem_is_still_validated(tmp_path: Path) -> None:
    # A duplicate key or an impossible date must not hide the file's other problems.
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "ada.yml").write_text(
        "name: Ada\nsummary: x\nlast_reviewed: 2026-13-45\ntopics: 3\ntopcis: [a]\nname: B\n"
    )
    _, problems = load_profiles(Options(profiles_dir=folder, base_dir=tmp_path))
    find_problem(problems, "profiles/ada.yml:3: last_reviewed:", "2026-13-45")
    find_problem(problems, "profiles/ada.yml:4: topics:", "expected a list of text")
    find_problem(problems, "profiles/ada.yml:5: topcis:", "did you mean 'topics'?")
    find_problem(problems, "profiles/ada.yml:6: name:", "duplicate key")


def test_a_missing_profiles_folder_is_one_clear_problem(tmp_path: Path) -> None:
    profiles, problems = load_profiles(Options(profiles_dir=tmp_path / "nowhere", base_dir=tmp_path))
    assert profiles == []
    find_problem(problems, "nowhere", "does not exist")


def test_the_cache_reuses_unchanged_files_and_forgets_edited_ones(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "ada.yml").write_text("name: Ada\nsummary: x\n")
    (folder / "bob.yml").write_text("name: Bob\nsummary: y\n")
    options = Options(profiles_dir=folder, base_dir=tmp_path)
    cache = ProfileCache()
    load_profiles(options, cache)
    assert cache.hits == 0
    (folder / "bob.yml").write_text("name: Bob Edited\nsummary: y\n")
    profiles, _ = load_profiles(options, cache)
    assert cache.hits == 1
    assert sorted(p.name for p in profiles) == ["Ada", "Bob Edited"]
    assert len(cache.entries) == 2


def test_lines_in_markdown_front_matter_count_from_the_top_of_the_file() -> None:
    text = "---\nname: Ada\nsummary: x\ntopics: 3\nlast_reviewed: 2026-13-45\n---\nBody.\n"
    problems = problems_of(text, "profiles/ada.md")
    find_problem(problems, "profiles/ada.md:4: topics:", "expected a list of text")
    find_problem(problems, "profiles/ada.md:5: last_reviewed:", "2026-13-45")


def test_problems_of_one_file_are_listed_by_line(tmp_path: Path) -> None:
    from mkdocs_profiles.pipeline import Options, load_profiles

    folder = tmp_path / "profiles"
    folder.mkdir()
    # Found in this order: the duplicate key while parsing (line 5), then validation (lines 2, 3, 4).
    (folder / "messy.yml").write_text(
        "name: Messy\nsummary: 12\ntopics: Not a list\nyear_of_birth: 1900\nname: Again\n", encoding="utf-8"
    )
    _, problems = load_profiles(Options(profiles_dir=folder, base_dir=tmp_path))
    lines = [p.line for p in problems]
    assert len(problems) >= 4 and lines == sorted(lines), [str(p) for p in problems]
