"""The `mkdocs-profiles` command line: new, check (text, github, json, --stale) and schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import REPOSITORY
from helpers import Site, find_problem

from mkdocs_profiles.cli import SCHEMA_COPY, main
from mkdocs_profiles.jsonschema import schema_text
from mkdocs_profiles.load import parse_document
from mkdocs_profiles.schema import PROFILE_FIELDS
from mkdocs_profiles.validate import validate_document

#: 2026-06-01 00:00 UTC: the build date of the --stale tests.
JUNE_2026 = "1780272000"


def run(site: Site, *args: str, env: dict[str, str] | None = None) -> Result:
    """Run the command line in the site's folder, as an editor would from the repository root."""
    cwd = os.getcwd()
    os.chdir(site.root)
    try:
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(cwd)


# new ----------------------------------------------------------------------------------------------------
def test_new_writes_every_key_commented_with_the_schema_line(small_site: Site) -> None:
    result = run(small_site, "new", "Song Han")
    assert result.exit_code == 0, result.output
    path = small_site.root / "profiles" / "song-han.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=./{SCHEMA_COPY}"
    data = yaml.safe_load(text)
    assert list(data) == [f.name for f in PROFILE_FIELDS], "every key present, in the format's order"
    assert data["name"] == "Song Han"
    assert data["slug"] == "song-han"
    for spec in PROFILE_FIELDS:
        # Each key is explained by the comment right above it (its description from schema.py).
        first_words = " ".join(spec.description.split()[:4])
        before = text.split(f"\n{spec.name}:", 1)[0]
        assert first_words in " ".join(line.lstrip("# ") for line in before.splitlines()[-3:]), spec.name
    # The schema it points at is written beside it, and is the package's schema.
    assert (small_site.root / "profiles" / SCHEMA_COPY).read_text(encoding="utf-8") == schema_text()
    assert "profiles/song-han.yml" in result.output


def test_a_new_profile_only_lacks_its_summary(small_site: Site) -> None:
    run(small_site, "new", "Song Han")
    path = small_site.root / "profiles" / "song-han.yml"
    failed = run(small_site, "check")
    assert failed.exit_code == 1
    assert "error: profiles/song-han.yml:" in failed.output and "summary: is empty" in failed.output
    path.write_text(
        path.read_text(encoding="utf-8").replace("summary:\n", "summary: Efficient AI.\n"), encoding="utf-8"
    )
    passed = run(small_site, "check")
    assert passed.exit_code == 0, passed.output


def test_new_refuses_to_overwrite(small_site: Site) -> None:
    path = small_site.root / "profiles" / "ada-lovelace.yml"
    before = path.read_bytes()
    result = run(small_site, "new", "Ada Lovelace")
    assert result.exit_code != 0
    assert "profiles/ada-lovelace.yml already exists" in result.output
    assert path.read_bytes() == before
    # A Markdown profile of the same slug counts too: the two files would clash.
    small_site.profile("song-han", "---\nname: Song Han\nsummary: S.\n---\n", suffix=".md")
    clash = run(small_site, "new", "Song Han")
    assert clash.exit_code != 0 and "song-han.md already exists" in clash.output
    assert not (small_site.root / "profiles" / "song-han.yml").exists()


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Łukasz Kaiser", "lukasz-kaiser"),
        ("Yann LeCun", "yann-lecun"),
        ("Jürgen Schmidhuber", "jurgen-schmidhuber"),
        ("O'Neil, Cathy", "o-neil-cathy"),
    ],
)
def test_new_transliterates_names_to_readable_slugs(small_site: Site, name: str, stem: str) -> None:
    result = run(small_site, "new", name)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((small_site.root / "profiles" / f"{stem}.yml").read_text(encoding="utf-8"))
    assert data["name"] == name and data["slug"] == stem


def test_new_markdown_writes_front_matter_and_an_empty_body(small_site: Site) -> None:
    result = run(small_site, "new", "Song Han", "--markdown")
    assert result.exit_code == 0, result.output
    raw = (small_site.root / "profiles" / "song-han.md").read_bytes()
    document, problems = parse_document(raw, "profiles/song-han.md", "song-han")
    assert problems == [] and document is not None
    assert "bio" not in document.data, "the Markdown body is the bio"
    assert set(document.data) == {f.name for f in PROFILE_FIELDS} - {"bio"}
    document.data["summary"] = "Efficient AI."
    profile, more = validate_document(document)
    assert more == [] and profile is not None and profile.slug == "song-han"


def test_new_uses_the_profiles_dir_of_the_config_given_with_f(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    site.write_config(plugins=["search", {"profiles": {"profiles_dir": "people"}}])
    site.doc("index.md", "# Home\n")
    elsewhere = Site(tmp_path)  # run from the parent folder
    result = run(elsewhere, "new", "Grace Hopper", "-f", "site/mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "people" / "grace-hopper.yml").is_file()
    assert "site/people/grace-hopper.yml" in result.output


def test_new_refuses_a_bad_slug(small_site: Site) -> None:
    result = run(small_site, "new", "Index", "--slug", "index")
    assert result.exit_code == 2 and "cannot be a slug" in result.output


# check --------------------------------------------------------------------------------------------------
BROKEN = "name: Bob\nsummary: S.\ntopics: Quantization\nstart_here:\n  - title: T\n    kind: paperback\n"
HINT = "write a list: one '- item' per line"


@pytest.fixture
def reviewed_site(site: Site) -> Site:
    """A site of our own whose review dates are known: fresh, never, old, older, and an old draft."""
    site.doc("index.md", "# Home\n")
    site.profile(
        "ada-lovelace",
        {"name": "Ada Lovelace", "summary": "S.", "last_reviewed": "2026-03-18", "editor_reviewed": True},
    )
    site.profile("bob-barker", {"name": "Bob Barker", "summary": "S."})
    site.profile("grace-hopper", {"name": "Grace Hopper", "summary": "S.", "last_reviewed": "2024-01-01"})
    site.profile(
        "carol-shaw",
        {"name": "Carol Shaw", "summary": "S.", "last_reviewed": "2025-05-01", "editor_reviewed": True},
    )
    site.profile("dora-draft", {"name": "Dora Draft", "summary": "S.", "last_reviewed": "2020-01-01", "draft": True})
    site.write_config()
    return site


def test_check_passes_on_a_good_site(small_site: Site) -> None:
    result = run(small_site, "check")
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.replace("0 error(s)", "")


def test_check_passes_on_the_repository_example_site(tmp_path: Path) -> None:
    result = run(Site(tmp_path), "check", "-f", str(REPOSITORY / "mkdocs.yml"))
    assert result.exit_code == 0, result.output


def test_check_prints_the_builds_messages_and_fails(small_site: Site) -> None:
    small_site.profile("bob-barker", BROKEN)
    result = run(small_site, "check")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(lines) == 2
    assert lines[0] == f"error: profiles/bob-barker.yml:3: topics: expected a list of text, got text ({HINT})"
    assert lines[1].startswith("error: profiles/bob-barker.yml:6: start_here[0].kind: unknown kind 'paperback'")
    # The very same text is what `mkdocs build` prints.
    build = small_site.run()
    assert build.returncode != 0
    for line in lines:
        assert line[len("error: ") :] in build.output


def test_check_reports_broken_profile_links_in_the_docs(small_site: Site) -> None:
    small_site.doc(
        "team.md",
        "---\ntitle: Team\n---\n\n# Team\n\nSee [](profile:ada-lovelace) and [x](profile:nobody).\n",
    )
    result = run(small_site, "check")
    assert result.exit_code == 0, "a broken link is a warning"
    assert "warning: docs/team.md:7: broken link 'profile:nobody'" in result.output
    assert run(small_site, "check", "--strict").exit_code == 1


def test_check_github_format_annotates_each_line(small_site: Site) -> None:
    small_site.profile("bob-barker", BROKEN)
    small_site.profile("carol-shaw", {"name": "Carol", "summary": "S.", "related": ["nobody-here"]})
    result = run(small_site, "check", "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"::error file=profiles/bob-barker.yml,line=3,title=topics::expected a list of text, got text ({HINT})" in lines
    )
    assert any(
        line.startswith(
            "::error file=profiles/bob-barker.yml,line=6,title=start_here[0].kind::unknown kind 'paperback'"
        )
        for line in lines
    )
    assert "::warning file=profiles/carol-shaw.yml,line=4,title=related::no profile has the slug 'nobody-here'" in lines
    assert all(line.startswith("::") for line in lines), "nothing else on stdout"


def test_check_github_format_escapes_what_github_would_misread(small_site: Site) -> None:
    small_site.profile("bob-barker", "name: Bob\nsummary: S.\nlinks:\n  homepage: 'ftp://a,b:c'\n")
    line = run(small_site, "check", "--format", "github").output.splitlines()[0]
    assert line.startswith("::error file=profiles/bob-barker.yml,line=4,title=links.homepage::")
    assert "'ftp://a,b:c' is not an http or https URL" in line  # the message part keeps ',' and ':'


def test_check_json_format_is_machine_readable(reviewed_site: Site) -> None:
    reviewed_site.profile("bob-barker", BROKEN)
    result = run(reviewed_site, "check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False and report["errors"] == 2 and report["warnings"] == 0
    assert report["files"] == 5 and report["profiles"] == 4
    first = report["problems"][0]
    assert first == {
        "file": "profiles/bob-barker.yml",
        "line": 3,
        "field": "topics",
        "message": "expected a list of text, got text",
        "hint": HINT,
        "severity": "error",
        "text": f"profiles/bob-barker.yml:3: topics: expected a list of text, got text ({HINT})",
    }


def test_check_validates_catalog_files_too(small_site: Site) -> None:
    small_site.write("profiles/_topics.yml", "Long context:\n  descripton: Typo.\n")
    result = run(small_site, "check", "--format", "json")
    problem = json.loads(result.output)["problems"][0]
    assert (problem["file"], problem["line"], problem["field"]) == (
        "profiles/_topics.yml",
        2,
        "Long context.descripton",
    )
    assert "did you mean 'description'" in problem["hint"]


def test_check_stale_lists_overdue_reviews_oldest_first(reviewed_site: Site) -> None:
    small_site = reviewed_site
    env = {"SOURCE_DATE_EPOCH": JUNE_2026}
    text = run(small_site, "check", "--stale", env=env)
    assert text.exit_code == 0, "overdue reviews are listed, not failed"
    listed = [line.strip() for line in text.output.splitlines() if line.startswith("  ")]
    # Bob was never reviewed; Grace is older than Carol; Ada (2026-03-18) is fresh; the draft is not published.
    assert [line.split(":")[0] for line in listed] == [
        "profiles/bob-barker.yml",
        "profiles/grace-hopper.yml",
        "profiles/carol-shaw.yml",
    ]
    assert "Grace Hopper: last reviewed 2024-01-01, 882 days ago" in listed[1]
    report = json.loads(run(small_site, "check", "--stale", "--format", "json", env=env).output)
    assert report["build_date"] == "2026-06-01"
    assert [(r["slug"], r["state"], r["editor_reviewed"]) for r in report["stale"]] == [
        ("bob-barker", "never", False),
        ("grace-hopper", "due", False),
        ("carol-shaw", "due", True),
    ]
    github = run(small_site, "check", "--stale", "--format", "github", env=env).output.splitlines()
    assert (
        github[1]
        == "::notice file=profiles/grace-hopper.yml,title=Review due::Grace Hopper: last reviewed 2024-01-01, 882 days ago (more than 365)"
    )


def test_check_stale_follows_review_max_age(reviewed_site: Site) -> None:
    reviewed_site.write_config(plugins=["search", {"profiles": {"review_max_age": 30}}])
    report = json.loads(
        run(reviewed_site, "check", "--stale", "--format", "json", env={"SOURCE_DATE_EPOCH": JUNE_2026}).output
    )
    assert "ada-lovelace" in [r["slug"] for r in report["stale"]]  # reviewed 2026-03-18, 75 days before


def test_check_without_the_plugin_says_so(site: Site) -> None:
    site.write_config(plugins=["search"])
    site.doc("index.md", "# Home\n")
    result = run(site, "check")
    assert result.exit_code == 1 and "does not enable the profiles plugin" in result.output


def test_check_with_a_missing_config_says_so(site: Site) -> None:
    result = run(site, "check", "-f", "nowhere.yml")
    assert result.exit_code != 0 and "nowhere.yml" in result.output


def test_check_reports_bad_plugin_options_as_the_build_does(small_site: Site) -> None:
    small_site.write_config(plugins=["search", {"profiles": {"labels": {"no_such_label": "x"}}}])
    result = run(small_site, "check")
    assert result.exit_code == 1 and "no_such_label" in result.output


# schema -------------------------------------------------------------------------------------------------
def test_schema_prints_the_shipped_schema(site: Site) -> None:
    result = run(site, "schema")  # needs no mkdocs.yml
    assert result.exit_code == 0
    assert result.output == schema_text()


def test_schema_for_catalog_files(site: Site) -> None:
    topics = json.loads(run(site, "schema", "--for", "topics").output)
    assert topics["title"] == "mkdocs-profiles topics"


def test_schema_write_puts_the_copy_beside_the_profiles(small_site: Site) -> None:
    result = run(small_site, "schema", "--write")
    assert result.exit_code == 0, result.output
    copy = small_site.root / "profiles" / SCHEMA_COPY
    assert copy.read_text(encoding="utf-8") == schema_text()
    # An outdated copy is pointed out by check, without failing it.
    copy.write_text("{}\n", encoding="utf-8")
    checked = run(small_site, "check")
    assert checked.exit_code == 0 and "is out of date" in checked.output


def test_the_command_is_installed_with_the_package(tmp_path: Path) -> None:
    executable = Path(sys.executable).with_name("mkdocs-profiles")
    assert executable.is_file(), "reinstall: pip install -e '.[test]'"
    done = subprocess.run(
        [str(executable), "check", "-f", str(REPOSITORY / "mkdocs.yml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "profile files checked: 0 error(s)" in done.stderr


def test_problem_lines_match_the_core(small_site: Site) -> None:
    # Guards the test above against both sides drifting together: the core's own message for this file.
    from helpers import problems_of

    find_problem(
        problems_of(BROKEN, "profiles/bob-barker.yml"),
        "profiles/bob-barker.yml:3: topics:",
        "expected a list of text",
        HINT,
    )
