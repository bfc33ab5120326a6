"""The performance benchmark: the plugin against the same pages written by hand.

    .venv/bin/python bench/run.py --sizes 1000 10000 --runs 3

For each size N it generates N synthetic profiles (``bench/generate.py``), builds the site through
the plugin once and writes every page the plugin generated into an ordinary Material site as plain
Markdown files (block-level HTML, with the same titles, descriptions, assets and nav shape: profile,
topic and organization pages out of the nav). Then it builds (a) the plugin site and (b) the
hand-written site in alternation, each build in a fresh process, and prints the median build time of
each, their ratio, the plugin's own time by phase, and peak memory. At N = 1,000 (``--extras-at``) it
also measures ``nav_profiles: true`` and a ``mkdocs serve`` rebuild after a one-file edit; at the
largest N it times related researchers alone, with smaller N to show how the cost grows.

Everything goes to ``bench/results/`` (git-ignored): the sites, one JSON file per job and
``summary.json`` with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import generate_profiles  # noqa: E402

#: The Material configuration both sites share: what a real directory site would use.
SITE_CONFIG = """\
site_name: Benchmark directory
site_url: https://example.org/directory/
theme:
  name: material
  features:
    - navigation.sections
    - navigation.indexes
    - search.suggest
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
"""
#: Where the plugin puts its index pages; the nav of both sites holds these and the home page only.
INDEX_PAGES = ["profiles/index.md", "topics/index.md", "organizations/index.md"]
HOME = "# Benchmark directory\n\nA synthetic directory of researchers, built to time the profiles plugin.\n"


def _run(job: str, first: Path, second: Path) -> float:
    """Run one job of ``build_once.py`` in a fresh process; the wall time of the whole process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(BENCH / "build_once.py"), job, str(first), str(second)], check=True)
    return time.perf_counter() - start


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_plugin_site(folder: Path, count: int, seed: int, nav_profiles: bool = False) -> dict[str, int]:
    """A site whose profile pages come from the plugin; returns the shape of the generated data."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    plugin = "  - profiles:\n      nav_profiles: true" if nav_profiles else "  - profiles"
    (folder / "mkdocs.yml").write_text(SITE_CONFIG + f"plugins:\n  - search\n{plugin}\n", encoding="utf-8")
    shape = generate_profiles(folder / "profiles", count, seed)
    return {"profiles": shape.profiles, "topics": shape.topics, "organizations": shape.organizations}


def write_inprocess_site(plugin_site: Path, folder: Path) -> None:
    """The plugin site with ``parallel: false`` (no worker process), reading the same docs and profiles."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    plugin = f"  - profiles:\n      profiles_dir: ../{plugin_site.name}/profiles\n      parallel: false\n"
    config = SITE_CONFIG + f"docs_dir: ../{plugin_site.name}/docs\nplugins:\n  - search\n{plugin}"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")


def write_handwritten_site(plugin_site: Path, folder: Path) -> int:
    """The plugin's generated pages as an ordinary site with the same nav shape; returns the page count."""
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    _run("export", plugin_site, docs)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    extras = _read(folder / "extras.json")
    nav = "nav:\n  - index.md\n  - Profiles:\n" + "".join(f"      - {page}\n" for page in INDEX_PAGES)
    # The profile, topic and organization pages are left out of the nav, as the plugin leaves them.
    not_in_nav = "not_in_nav: |\n  /profiles/*\n  /topics/*\n  /organizations/*\n"
    lines = [SITE_CONFIG, "plugins:\n  - search\n", nav, not_in_nav]
    for key in ("extra_css", "extra_javascript"):
        if extras[key]:
            lines.append(f"{key}:\n" + "".join(f"  - {uri}\n" for uri in extras[key]))
    (folder / "mkdocs.yml").write_text("".join(lines), encoding="utf-8")
    return sum(1 for _ in docs.rglob("*.md"))


def alternate(sites: dict[str, Path], runs: int, results: Path) -> dict[str, list[dict[str, Any]]]:
    """Build each site ``runs`` times, alternating which goes first, each build in a new process."""
    measured: dict[str, list[dict[str, Any]]] = {name: [] for name in sites}
    names = list(sites)
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            out = results / f"{name}-run{run + 1}.json"
            wall = _run("build", sites[name], out)
            data = _read(out)
            data["wall_seconds"] = wall
            measured[name].append(data)
            worker = f" + worker {data['children_peak_mib']:5.0f} MiB" if data.get("children_peak_mib") else ""
            line = f"  run {run + 1} {name:12} {data['seconds']:8.2f} s  peak {data['peak_mib']:7.0f} MiB{worker}"
            print(line, flush=True)
            if data["warnings"]:
                print(f"    {len(data['warnings'])} warning(s), first: {data['warnings'][0]}")
    return measured


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _own_time(run: dict[str, Any]) -> float:
    """Seconds spent inside the plugin's event handlers, all of them (build_plan, files, render...)."""
    return float(sum(run["hooks"].values()))


def summarise(measured: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Medians of each site, their ratios, and the plugin's own time by phase."""
    plugin, hand = measured["plugin"], measured["handwritten"]
    phases = sorted({phase for run in plugin for phase in run["phases"]})
    summary = {
        "plugin_seconds": _median(plugin, "seconds"),
        "handwritten_seconds": _median(hand, "seconds"),
        "plugin_runs": [round(run["seconds"], 2) for run in plugin],
        "handwritten_runs": [round(run["seconds"], 2) for run in hand],
        "plugin_peak_mib": _median(plugin, "peak_mib"),
        "worker_peak_mib": statistics.median(run.get("children_peak_mib", 0.0) for run in plugin),
        "worker_cpu_seconds": statistics.median(run.get("children_cpu_seconds", 0.0) for run in plugin),
        "handwritten_peak_mib": _median(hand, "peak_mib"),
        "plugin_together_peak_mib": statistics.median(run.get("together_peak_mib", 0.0) for run in plugin),
        "handwritten_together_peak_mib": statistics.median(run.get("together_peak_mib", 0.0) for run in hand),
        "phases": {phase: statistics.median(run["phases"].get(phase, 0.0) for run in plugin) for phase in phases},
        "plugin_own_seconds": statistics.median(_own_time(run) for run in plugin),
        "hooks": {
            hook: statistics.median(run["hooks"].get(hook, 0.0) for run in plugin)
            for hook in sorted({hook for run in plugin for hook in run["hooks"]})
        },
        "warnings": sum(len(run["warnings"]) for runs in measured.values() for run in runs),
    }
    summary["ratio"] = summary["plugin_seconds"] / summary["handwritten_seconds"]
    # The worker's memory adds to the build's while both run: what the machine must have is the most both
    # held at one moment (sampled), at most the sum of their own peaks.
    summary["memory_ratio"] = summary["plugin_together_peak_mib"] / summary["handwritten_together_peak_mib"]
    summary["memory_ratio_of_sum_of_peaks"] = (summary["plugin_peak_mib"] + summary["worker_peak_mib"]) / summary[
        "handwritten_peak_mib"
    ]
    summary["own_share"] = summary["plugin_own_seconds"] / summary["plugin_seconds"]
    # Pairwise ratios of runs made side by side tell how much of the spread is the machine.
    summary["pairwise_ratios"] = [round(p["seconds"] / h["seconds"], 3) for p, h in zip(plugin, hand, strict=True)]
    inprocess = measured.get("in-process")
    if inprocess:
        seconds = _median(inprocess, "seconds")
        summary["in_process"] = {
            "seconds": seconds,
            "runs": [round(run["seconds"], 2) for run in inprocess],
            "ratio": seconds / summary["handwritten_seconds"],
            "own_seconds": statistics.median(_own_time(run) for run in inprocess),
            "own_share": statistics.median(_own_time(run) / run["seconds"] for run in inprocess),
            "peak_mib": _median(inprocess, "peak_mib"),
            "together_peak_mib": statistics.median(run.get("together_peak_mib", 0.0) for run in inprocess),
            "phases": {
                phase: statistics.median(run["phases"].get(phase, 0.0) for run in inprocess)
                for phase in sorted({phase for run in inprocess for phase in run["phases"]})
            },
        }
    return summary


def print_summary(size: int, summary: dict[str, Any]) -> None:
    """The figures of one size, as the issue asks for them."""
    print(f"\nN = {size:,}")
    print(f"  plugin build       median {summary['plugin_seconds']:8.2f} s   runs {summary['plugin_runs']}")
    print(f"  hand-written build median {summary['handwritten_seconds']:8.2f} s   runs {summary['handwritten_runs']}")
    print(f"  ratio plugin / hand-written {summary['ratio']:.3f}   (run by run: {summary['pairwise_ratios']})")
    phases = "  ".join(f"{name} {seconds:.2f}" for name, seconds in summary["phases"].items())
    print(f"  plugin phases (s): {phases}")
    print(
        f"  plugin's own time in all its hooks {summary['plugin_own_seconds']:.2f} s"
        f" = {summary['own_share']:.1%} of the build"
    )
    print(
        f"  worker process: {summary['worker_cpu_seconds']:.2f} s of CPU on the other core, peak"
        f" {summary['worker_peak_mib']:.0f} MiB"
    )
    print(
        f"  peak memory, both processes at one moment: plugin {summary['plugin_together_peak_mib']:.0f} MiB,"
        f" hand-written {summary['handwritten_together_peak_mib']:.0f} MiB, ratio {summary['memory_ratio']:.2f}"
    )
    print(
        f"  peak memory of each process: plugin build {summary['plugin_peak_mib']:.0f} MiB + worker"
        f" {summary['worker_peak_mib']:.0f} MiB, hand-written {summary['handwritten_peak_mib']:.0f} MiB"
        f" (sum of peaks: ratio {summary['memory_ratio_of_sum_of_peaks']:.2f})"
    )
    inprocess = summary.get("in_process")
    if inprocess:
        phases = "  ".join(f"{name} {seconds:.2f}" for name, seconds in inprocess["phases"].items())
        print(
            f"  in process (parallel: false): median {inprocess['seconds']:.2f} s (runs {inprocess['runs']}),"
            f" ratio {inprocess['ratio']:.3f}, own time {inprocess['own_seconds']:.2f} s"
            f" = {inprocess['own_share']:.1%}, peak {inprocess['peak_mib']:.0f} MiB"
        )
        print(f"    phases (s): {phases}")
    if summary["warnings"]:
        print(f"  WARNINGS: {summary['warnings']} in all builds (see the JSON files)")


def measure_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Generate, export and build one size; the summary of its figures."""
    folder = args.out / f"n{size}"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\n== N = {size:,}: generating profiles and the hand-written copy", flush=True)
    shape = write_plugin_site(folder / "plugin", size, args.seed)
    pages = write_handwritten_site(folder / "plugin", folder / "handwritten")
    print(
        f"  {shape['profiles']:,} profiles, {shape['topics']:,} topics, {shape['organizations']:,} organizations;"
        f" {pages:,} Markdown pages in the hand-written site",
        flush=True,
    )
    sites = {"plugin": folder / "plugin", "handwritten": folder / "handwritten"}
    if not args.skip_in_process:
        write_inprocess_site(folder / "plugin", folder / "in-process")
        sites["in-process"] = folder / "in-process"
    measured = alternate(sites, args.runs, folder)
    summary = summarise(measured)
    summary["shape"] = shape
    summary["pages"] = pages
    print_summary(size, summary)
    return summary


def measure_nav(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """What ``nav_profiles: true`` costs: the same plugin site with every profile in the nav, side by side."""
    folder = args.out / f"n{size}"
    print(f"\n== N = {size:,}: nav_profiles false against true", flush=True)
    write_plugin_site(folder / "plugin-nav", size, args.seed, nav_profiles=True)
    measured = alternate({"nav-false": folder / "plugin", "nav-true": folder / "plugin-nav"}, args.runs, folder)
    result = {
        "nav_false_seconds": _median(measured["nav-false"], "seconds"),
        "nav_true_seconds": _median(measured["nav-true"], "seconds"),
        "nav_false_peak_mib": _median(measured["nav-false"], "peak_mib"),
        "nav_true_peak_mib": _median(measured["nav-true"], "peak_mib"),
    }
    result["ratio"] = result["nav_true_seconds"] / result["nav_false_seconds"]
    print(
        f"  nav_profiles: false {result['nav_false_seconds']:.2f} s, true {result['nav_true_seconds']:.2f} s,"
        f" ratio {result['ratio']:.2f}; peak memory {result['nav_false_peak_mib']:.0f} against"
        f" {result['nav_true_peak_mib']:.0f} MiB"
    )
    return result


def measure_serve(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """A serve rebuild after a one-file edit, with the plugin instance and its cache kept, as serve does."""
    folder = args.out / f"n{size}"
    print(f"\n== N = {size:,}: serve rebuild after editing one profile", flush=True)
    rebuilds = []
    for run in range(args.runs):
        out = folder / f"serve-run{run + 1}.json"
        _run("serve", folder / "plugin", out)
        rebuilds.append(_read(out))
    result = {
        "first_seconds": statistics.median(r["first_seconds"] for r in rebuilds),
        "rebuild_seconds": statistics.median(r["rebuild_seconds"] for r in rebuilds),
        "rebuild_runs": [round(r["rebuild_seconds"], 2) for r in rebuilds],
        "parsed_on_rebuild": max(r["parsed_on_rebuild"] for r in rebuilds),
        "parsed_on_first_build": rebuilds[0]["parsed_on_first_build"],
        "same_plugin_instance": all(r["same_plugin_instance"] for r in rebuilds),
        "first_load_validate": statistics.median(
            r["first_phases"]["load"] + r["first_phases"]["validate"] for r in rebuilds
        ),
        "rebuild_load_validate": statistics.median(
            r["rebuild_phases"]["load"] + r["rebuild_phases"]["validate"] for r in rebuilds
        ),
    }
    print(
        f"  first build {result['first_seconds']:.2f} s, rebuild after one edit {result['rebuild_seconds']:.2f} s"
        f" (runs {result['rebuild_runs']}); files parsed: {result['parsed_on_first_build']} then"
        f" {result['parsed_on_rebuild']}; load+validate {result['first_load_validate']:.3f} s then"
        f" {result['rebuild_load_validate']:.3f} s; plugin kept across rebuilds: {result['same_plugin_instance']}"
    )
    return result


def measure_relate(sizes: list[int], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Related researchers alone at several sizes, to show the cost grows with shared items, not N²."""
    print("\n== related researchers alone", flush=True)
    found = []
    for size in sizes:
        folder = args.out / f"relate-n{size}"
        plugin_site = args.out / f"n{size}" / "plugin" / "profiles"
        profiles = plugin_site if plugin_site.is_dir() else folder / "profiles"
        if profiles is not plugin_site:
            generate_profiles(profiles, size, args.seed)
        out = args.out / f"relate-n{size}.json"
        _run("relate", profiles, out)
        data = _read(out)
        found.append(data)
        print(
            f"  N = {size:>6,}: {data['median_seconds']:.3f} s (median of 5, min {data['min_seconds']:.3f} s);"
            f" largest topic or organization held by {data['largest_topic_or_organization']:,} profiles"
        )
    return found


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs-material": metadata.version("mkdocs-material"),
        "pyyaml_libyaml": _libyaml(),
        "platform": platform.platform(),
    }


def _libyaml() -> bool:
    import yaml  # noqa: PLC0415

    return bool(getattr(yaml, "__with_libyaml__", False))


def main() -> None:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="numbers of profiles")
    parser.add_argument("--runs", type=int, default=3, help="builds of each site per size (alternating)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic profiles")
    parser.add_argument("--out", type=Path, default=BENCH / "results", help="where sites and figures go")
    parser.add_argument("--extras-at", type=int, default=1000, help="size at which nav and serve are measured")
    parser.add_argument("--relate-sizes", type=int, nargs="*", default=None, help="sizes for relate alone")
    parser.add_argument("--skip-extras", action="store_true", help="only the plugin against hand-written builds")
    parser.add_argument(
        "--skip-in-process", action="store_true", help="do not also build the plugin site with parallel: false"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    report: dict[str, Any] = {"machine": machine(), "runs": args.runs, "sizes": {}}
    print(json.dumps(report["machine"]))
    for size in args.sizes:
        report["sizes"][str(size)] = measure_size(size, args)
        if not args.skip_extras and size == args.extras_at:
            report["nav"] = {"size": size, **measure_nav(size, args)}
            report["serve"] = {"size": size, **measure_serve(size, args)}
    if not args.skip_extras:
        largest = max(args.sizes)
        relate_sizes = (
            args.relate_sizes if args.relate_sizes is not None else sorted({largest // 4, largest // 2, largest})
        )
        report["relate"] = measure_relate([s for s in relate_sizes if s > 0], args)
    report["load_average_at_end"] = os.getloadavg()
    (args.out / "summary.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"\nFigures written to {args.out / 'summary.json'}")


if __name__ == "__main__":
    main()
