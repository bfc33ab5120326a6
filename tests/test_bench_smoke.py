"""The benchmark in ``bench/`` still works: its generator, and one tiny run from the command line.

Nothing here is timed: the figures come from ``bench/run.py`` itself (see docs/performance.md).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import yaml

from mkdocs_profiles.pipeline import Options, load_profiles

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _generate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_generated_profiles_are_valid_skewed_and_reproducible(tmp_path: Path) -> None:
    generate = _generate_module()
    shape = generate.generate_profiles(tmp_path / "a" / "profiles", 400, seed=3)
    generate.generate_profiles(tmp_path / "b" / "profiles", 400, seed=3)

    first = sorted((tmp_path / "a" / "profiles").glob("*.yml"))
    assert len(first) == shape.profiles == 400
    assert [p.read_bytes() for p in first] == [
        p.read_bytes() for p in sorted((tmp_path / "b" / "profiles").glob("*.yml"))
    ]
    profiles, problems = load_profiles(Options(profiles_dir=tmp_path / "a" / "profiles", base_dir=tmp_path / "a"))
    assert problems == []
    assert len(profiles) == 400

    topics = Counter(topic for profile in profiles for topic in profile.topics)
    counts = sorted(topics.values(), reverse=True)
    assert counts[0] > 100  # a few topics are held by a large share of the people...
    assert counts[len(counts) // 2] * 8 < counts[0]  # ...and most by far fewer
    works = Counter(work.url for profile in profiles for work in profile.works)
    shared = [count for count in works.values() if count > 1]
    assert shared and max(shared) <= 6  # co-authored works are shared by small groups


def test_a_tiny_benchmark_run_prints_and_records_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results"
    command = [
        sys.executable,
        str(BENCH / "run.py"),
        "--sizes",
        "25",
        "--runs",
        "1",
        "--skip-extras",
        "--out",
        str(out),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "ratio plugin / hand-written" in run.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    figures = summary["sizes"]["25"]
    assert figures["warnings"] == 0
    assert figures["plugin_seconds"] > 0 and figures["handwritten_seconds"] > 0
    assert {"load", "validate", "relate", "render"} <= set(figures["phases"])
    assert figures["plugin_peak_mib"] > 0 and figures["handwritten_peak_mib"] > 0
    # The same plugin site built with parallel: false, from the same files, side by side.
    assert "in process (parallel: false)" in run.stdout
    assert figures["in_process"]["seconds"] > 0 and "render" in figures["in_process"]["phases"]
    in_process = yaml.safe_load((out / "n25" / "in-process" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {"profiles": {"profiles_dir": "../plugin/profiles", "parallel": False}} in in_process["plugins"]

    # The hand-written copy holds the plugin's pages as ordinary Markdown, out of the nav as in the plugin site.
    hand = out / "n25" / "handwritten"
    config = yaml.safe_load((hand / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "profiles" not in str(config["plugins"])
    assert figures["pages"] == len(list((hand / "docs").rglob("*.md")))
    page = next((hand / "docs" / "profiles").glob("*-*.md")).read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: ") and 'class="pf-page pf-page--profile"' in page
    built = (hand / "site" / "profiles" / "index.html").read_text(encoding="utf-8")
    assert "pf-page--directory" in built


def test_the_serve_job_reparses_only_the_edited_profile(tmp_path: Path) -> None:
    out = tmp_path / "results"
    subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "12", "--runs", "1", "--skip-extras", "--out", str(out)],
        capture_output=True,
        check=True,
        timeout=300,
    )
    site = out / "n12" / "plugin"
    before = {path.name: path.read_bytes() for path in (site / "profiles").glob("*.yml")}
    subprocess.run(
        [sys.executable, str(BENCH / "build_once.py"), "serve", str(site), str(tmp_path / "serve.json")],
        check=True,
        timeout=300,
    )
    result = json.loads((tmp_path / "serve.json").read_text(encoding="utf-8"))
    assert result["same_plugin_instance"] is True
    assert result["parsed_on_first_build"] == 12
    assert result["parsed_on_rebuild"] == 1
    # The edit is undone afterwards.
    assert before == {path.name: path.read_bytes() for path in (site / "profiles").glob("*.yml")}
