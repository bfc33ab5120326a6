"""Rendering in a worker process (``parallel``) gives the very same site as rendering in process.

The worker is only worth it on big sites, but everything here forces it on small ones (``parallel: true``),
and compares with ``parallel: false``: byte for byte, and again when the worker cannot deliver (files
changed under it, settings that cannot be sent, a broken template, profile errors).
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_example_site
from helpers import Site, profiles_plugin

from mkdocs_profiles.parallel import (
    AUTO_MIN_PROFILES,
    DataSettings,
    Job,
    Worker,
    data_file_uris,
    render_data_files,
    render_page,
    wants_worker,
)
from mkdocs_profiles.pipeline import Options, ProfileCache, build_plan
from mkdocs_profiles.render import Renderer, RenderSettings

EPOCH = "1764000000"  # 2025-11-24: builds compared byte for byte need the same build date


def build(site: Site, **options: Any) -> Any:
    """Build ``site`` in process with the profiles plugin's ``options``; return the plugin instance."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    if site.config:
        plugins = site.config.get("plugins", ["search", "profiles"])
        kept = [p for p in plugins if p != "profiles" and not (isinstance(p, dict) and "profiles" in p)]
        earlier = next((p["profiles"] for p in plugins if isinstance(p, dict) and "profiles" in p), {})
        site.write_config(plugins=[*kept, {"profiles": {**earlier, **options}}])
    else:  # the example site: its mkdocs.yml is kept as written, with the plugin's options set in it
        text = (site.root / "mkdocs.example.yml").read_text(encoding="utf-8")
        lines = "".join(f"\n      {key}: {str(value).lower()}" for key, value in options.items())
        assert "\n  - profiles\n" in text
        (site.root / "mkdocs.yml").write_text(text.replace("\n  - profiles\n", f"\n  - profiles:{lines}\n"))
    config = load_config(str(site.root / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return config.plugins["profiles"]


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only, recursively."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only + compared.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def build_both_ways(site: Site, tmp_path: Path, **options: Any) -> tuple[Path, Path, Any]:
    """Build ``site`` in process and with a worker; return both site folders and the worker build's plugin."""
    build(site, parallel=False, **options)
    in_process = tmp_path / "in-process"
    shutil.move(site.site_dir, in_process)
    plugin = build(site, parallel=True, **options)
    return in_process, site.site_dir, plugin


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_the_example_site_is_byte_identical_with_a_worker(tmp_path: Path) -> None:
    (tmp_path / "example").mkdir()
    site = copy_example_site(tmp_path / "example")
    shutil.copy2(site.root / "mkdocs.yml", site.root / "mkdocs.example.yml")
    in_process, with_worker, plugin = build_both_ways(site, tmp_path)
    # The worker really rendered the pages (its phases are reported), and nothing was rendered twice.
    assert plugin.timings.get("worker_render", 0) > 0, plugin.timings
    assert plugin.result.plan.related == {}  # the front end neither related nor rendered: the worker did
    assert differences(in_process, with_worker) == []
    assert (with_worker / "profiles" / "song-han" / "index.html").is_file()


def test_a_small_site_with_every_feature_is_byte_identical(small_site: Site, tmp_path: Path) -> None:
    small_site.doc("about.md", "# About\n\nSee [Ada](profile:ada-lovelace) and [](topic:long-context).\n")
    small_site.write("profiles/_topics.yml", "Long context:\n  description: Models that read *a lot*.\n")
    small_site.write_config(site_description="A directory of test people.", theme={"name": "material"})
    in_process, with_worker, plugin = build_both_ways(small_site, tmp_path, feed_max=2)
    assert plugin.timings.get("worker_render", 0) > 0
    assert differences(in_process, with_worker) == []
    assert (with_worker / "profiles" / "feed.xml").is_file()


def options_of(root: Path) -> Options:
    return Options(profiles_dir=root / "profiles", base_dir=root, labels=_labels())


def _labels() -> dict[str, str]:
    from mkdocs_profiles.labels import merge_labels

    return merge_labels({}, "en")


def job_for(options: Options, **changes: Any) -> Job:
    fields: dict[str, Any] = {
        "options": options,
        "template_dirs": (),
        "icon_dirs": (),
        "markdown_extensions": ("toc",),
        "markdown_configs": {},
        "data": DataSettings(site_url="https://example.org/", site_name="Test"),
        "head": None,
    }
    fields.update(changes)
    return Job(**fields)


def test_the_worker_renders_what_the_front_end_would(small_site: Site) -> None:
    options = options_of(small_site.root)
    job = job_for(options)
    worker = Worker.start(job)
    assert worker is not None
    try:
        cache = ProfileCache()
        worker.share_load(options, cache)
        front = build_plan(options, cache, with_related=False)
        assert front.plan is not None and front.plan.related == {}
        worker.expect(front.fingerprint)
        full = build_plan(options)
        assert full.plan is not None
        renderer = Renderer(full.plan, job.render_settings())
        for page in front.plan.pages:
            rendered = worker.page(page.src_uri)
            assert rendered is not None, (page.src_uri, worker.failure)
            body, toc, anchors = render_page(renderer, page)
            assert (rendered.body, rendered.toc, rendered.anchors) == (body, toc, anchors)
        assert worker.data() == render_data_files(full.plan, job.data, options.labels, options.language)
    finally:
        worker.stop()
    assert worker.process.poll() is not None
    assert worker.timings.get("render", 0) > 0


def test_reading_is_shared_between_the_two_processes(tmp_path: Path) -> None:
    site = Site(tmp_path)
    for index in range(300):
        site.profile(f"person-{index:03d}", {"name": f"Person {index}", "summary": "Someone.", "topics": ["T"]})
    options = options_of(tmp_path)
    worker = Worker.start(job_for(options))
    assert worker is not None
    try:
        time.sleep(1.5)  # give the worker a head start, as MkDocs' own start of a build does
        cache = ProfileCache()
        worker.share_load(options, cache)
        result = build_plan(options, cache, with_related=False)
        assert not result.problems
        # Each file was parsed once by one of the two: the worker's entries were adopted, not re-parsed.
        assert cache.shared + cache.misses == 300
        assert cache.shared > 0
    finally:
        worker.stop()


def test_files_changed_under_the_worker_make_it_step_aside(small_site: Site, tmp_path: Path) -> None:
    other = Site(tmp_path / "other")
    shutil.copytree(small_site.root / "profiles", other.root / "profiles")
    other.profile("bob-barker", {"name": "Bob Barker", "summary": "Changed after the worker read it."})
    worker = Worker.start(job_for(options_of(small_site.root)))
    assert worker is not None
    try:
        options = Options(profiles_dir=other.root / "profiles", base_dir=small_site.root, labels=_labels())
        result = build_plan(options, ProfileCache(), with_related=False)
        assert result.plan is not None
        worker.expect(result.fingerprint)
        assert worker.page(result.plan.pages[0].src_uri) is None
        assert worker.failed and "changed" in (worker.failure or "")
    finally:
        worker.stop()


def test_settings_that_cannot_be_sent_mean_rendering_in_process(small_site: Site) -> None:
    reasons: list[str] = []
    job = job_for(options_of(small_site.root), markdown_configs={"toc": {"slugify": lambda text, sep: text}})
    assert Worker.start(job, on_failure=reasons.append) is None
    assert reasons and "cannot be sent" in reasons[0]


def test_a_worker_that_fails_leaves_the_site_unchanged(small_site: Site, tmp_path: Path) -> None:
    # A template that cannot render makes the worker fail on its first page; it says so, and ends.
    overrides = tmp_path / "overrides"
    (overrides / "profiles").mkdir(parents=True)
    (overrides / "profiles" / "directory.html").write_text("{{ no_such_variable }}\n", encoding="utf-8")
    options = options_of(small_site.root)
    job = job_for(options, template_dirs=(str(overrides),))
    worker = Worker.start(job)
    assert worker is not None
    try:
        cache = ProfileCache()
        worker.share_load(options, cache)
        result = build_plan(options, cache, with_related=False)
        assert result.plan is not None
        worker.expect(result.fingerprint)
        assert worker.page(result.plan.pages[0].src_uri) is None
        assert worker.failed and "no_such_variable" in (worker.failure or "")
    finally:
        worker.stop()
    assert worker.process.poll() is not None


def test_a_broken_template_fails_the_build_the_same_way(small_site: Site) -> None:
    small_site.write("overrides/profiles/partials/work.html", "{% if %}broken{% endif %}\n")
    small_site.write_config(theme={"name": "material", "custom_dir": "overrides"})
    outcomes = []
    for parallel in (False, True):
        small_site.write_config(plugins=profiles_plugin(parallel=parallel))
        started = time.monotonic()
        run = small_site.run("--strict")
        outcomes.append((run.returncode, "TemplateSyntaxError" in run.output, "work.html" in run.output))
        assert time.monotonic() - started < 60
    assert outcomes[0] == outcomes[1] == (1, True, True), outcomes


def test_profile_errors_are_reported_the_same_way(small_site: Site) -> None:
    small_site.profile("broken", "name: Broken\nsummary: [unclosed\n")
    small_site.profile("no-summary", {"name": "No Summary"})
    reports = []
    for parallel in (False, True):
        small_site.write_config(plugins=profiles_plugin(parallel=parallel))
        run = small_site.run("--strict")
        assert run.returncode == 1
        reports.append(sorted(line.strip() for line in run.output.splitlines() if "profiles/" in line))
    assert reports[0] == reports[1]
    assert any("broken.yml" in line for line in reports[0]) and any("no-summary.yml" in line for line in reports[0])


@pytest.mark.parametrize(
    "data",
    [
        DataSettings(site_url=None, site_name="S"),
        DataSettings(site_url="https://example.org/", site_name="S", feed=False),
        DataSettings(site_url=None, site_name="S", json=False),
        DataSettings(site_url=None, site_name="S", feed_max=0),
        DataSettings(site_url=None, site_name="S", feed=False, json=False),
    ],
)
def test_the_data_files_are_known_before_they_are_written(built_small_site: Site, data: DataSettings) -> None:
    options = options_of(built_small_site.root)
    plan = build_plan(options).plan
    assert plan is not None
    assert data_file_uris(plan, data) == list(render_data_files(plan, data, options.labels, "en"))


def test_a_site_without_review_dates_has_no_feed(site: Site) -> None:
    site.profile("a", {"name": "A", "summary": "No review date."})
    options = options_of(site.root)
    plan = build_plan(options).plan
    assert plan is not None
    data = DataSettings(site_url=None, site_name="S")
    assert data_file_uris(plan, data) == list(render_data_files(plan, data, options.labels, "en"))
    assert len(data_file_uris(plan, data)) == 1


def test_auto_starts_a_worker_only_for_big_sites(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for index in range(AUTO_MIN_PROFILES - 1):
        (folder / f"p{index}.yml").write_text("name: P\nsummary: S\n", encoding="utf-8")
    assert wants_worker("auto", folder) is False
    assert wants_worker(True, folder) is True
    (folder / "last.yml").write_text("name: P\nsummary: S\n", encoding="utf-8")
    assert wants_worker("auto", folder) is (
        len(os.sched_getaffinity(0)) >= 2 if hasattr(os, "sched_getaffinity") else True
    )
    assert wants_worker(False, folder) is False


def test_render_settings_of_a_job_match_the_plugin(small_site: Site) -> None:
    settings = job_for(options_of(small_site.root)).render_settings()
    assert isinstance(settings, RenderSettings)
    assert settings.labels["feed_title"]


def test_a_build_script_without_a_main_guard_builds_once(small_site: Site) -> None:
    # A multiprocessing child would import the script again and build a second time into the same folder.
    small_site.write_config(plugins=profiles_plugin(parallel=True))
    script = small_site.write(
        "build_site.py",
        "import json, logging, sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "logging.disable(logging.WARNING)\n"
        "config = load_config('mkdocs.yml')\n"
        "build(config)\n"
        "print('BUILT', json.dumps(config.plugins['profiles'].timings))\n",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, str(script)], cwd=small_site.root, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("BUILT") == 1
    timings = json.loads(done.stdout.split("BUILT", 1)[1])
    assert timings.get("worker_render", 0) > 0, done.stderr
    assert (small_site.site_dir / "profiles" / "ada-lovelace" / "index.html").is_file()


@pytest.mark.parametrize("parallel", [False, True])
def test_edit_this_page_opens_the_profile_file(small_site: Site, parallel: bool) -> None:
    small_site.write_config(
        repo_url="https://github.com/example/directory",
        edit_uri="edit/main/docs/",
        theme={"name": "material", "features": ["content.action.edit"]},
        plugins=profiles_plugin(parallel=parallel),
    )
    small_site.build()
    edit = small_site.html("profiles/ada-lovelace/").select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None
    assert edit["href"] == "https://github.com/example/directory/edit/main/profiles/ada-lovelace.yml"
    # Generated pages that have no file of their own get no edit link.
    assert small_site.html("topics/").select_one("a.md-content__button[href*='/edit/']") is None


def test_serve_rebuilds_with_a_worker_show_the_edit(small_site: Site) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    small_site.write_config(plugins=profiles_plugin(parallel=True))
    config = load_config(str(small_site.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
        plugin = config.plugins["profiles"]
        assert plugin.timings.get("worker_render", 0) > 0
        small_site.profile("bob-barker", {"name": "Bob Barker", "summary": "Edited while serving."})
        config = load_config(str(small_site.root / "mkdocs.yml"))
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
        again = config.plugins["profiles"]
        assert again is plugin and again.timings.get("worker_render", 0) > 0
        assert again.cache.misses + again.cache.shared >= 1
        summary = small_site.html("profiles/bob-barker/").select_one(".pf-summary")
        assert summary is not None and summary.get_text(strip=True) == "Edited while serving."
        # Drafts are shown under serve, rendered by the worker too.
        assert (small_site.site_dir / "profiles" / "dora-draft" / "index.html").is_file()
    finally:
        config.plugins.on_shutdown()
    assert plugin.worker is None  # stopped after each build
