"""One measured job of the benchmark, run by ``bench/run.py`` in a fresh process.

``build SITE OUT``      build the site once; write the timings and peak memory to OUT (JSON)
``export SITE DOCS``    build SITE (a plugin site) and write every page the plugin generated into DOCS
                        as an ordinary Markdown file, with the assets and data files it added
``serve SITE OUT``      build as ``mkdocs serve`` does, edit one profile, rebuild with the same plugin
``relate PROFILES OUT`` time related researchers alone on a folder of profiles

Each job runs in its own process so that peak memory (``ru_maxrss``) is the job's own.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

START = time.perf_counter()


class _Warnings(logging.Handler):
    """Counts warnings, as ``mkdocs build --strict`` would fail on them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _quiet_logging() -> _Warnings:
    counter = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    return counter


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _children() -> dict[str, float]:
    """Peak memory and CPU time of the build's child processes (the plugin's worker), once they ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"children_peak_mib": usage.ru_maxrss / 1024, "children_cpu_seconds": usage.ru_utime + usage.ru_stime}


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child_pids(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(child) for child in (task / "children").read_text().split()]
    except (OSError, ValueError):
        pass
    return found


class _MemorySampler(threading.Thread):
    """The most memory this process and its children (the plugin's worker) held at the same moment.

    ``ru_maxrss`` gives each process's own peak; the two peaks need not fall at the same time, so their
    sum overstates what the machine needs. This samples both every 20 ms (Linux /proc) and keeps the
    largest sum.
    """

    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(name="memory-sampler", daemon=True)
        self.interval = interval
        self.peak_kib = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        pid = os.getpid()
        while not self._stop_event.wait(self.interval):
            total = _rss_kib(pid) + sum(_rss_kib(child) for child in _child_pids(pid))
            self.peak_kib = max(self.peak_kib, total)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_kib / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _plugin(config: Any) -> Any | None:
    return config.plugins.get("profiles")


def _time_hooks(config: Any, plugin: Any, spent: dict[str, float]) -> None:
    """Wrap each of the plugin's event handlers so the time spent in all of them is known."""

    def timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        return wrapper

    for event, methods in config.plugins.events.items():
        for index, method in enumerate(methods):
            if getattr(method, "__self__", None) is plugin:
                methods[index] = timed(event, method)


def build(site: Path, out: Path) -> None:
    """Build ``site`` once and record how long it took, the plugin's phases and the peak memory."""
    warnings = _quiet_logging()
    from mkdocs.commands.build import build as mkdocs_build  # noqa: PLC0415 (timed from here)
    from mkdocs.config import load_config  # noqa: PLC0415

    imported = time.perf_counter()
    sampler = _MemorySampler()
    sampler.start()
    config = load_config(str(site / "mkdocs.yml"))
    plugin = _plugin(config)
    hooks: dict[str, float] = {}
    if plugin is not None:
        config.plugins.on_startup(command="build", dirty=False)
        _time_hooks(config, plugin, hooks)
    mkdocs_build(config)
    done = time.perf_counter()
    together = sampler.stop()
    result = {
        "seconds": done - imported,
        "process_seconds": done - START,
        "peak_mib": _peak_mib(),
        "cpu_seconds": _cpu_seconds(),
        **_children(),
        "together_peak_mib": together,
        "warnings": warnings.messages[:20],
        "phases": dict(plugin.timings) if plugin is not None else {},
        "hooks": hooks,
    }
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")


def export(site: Path, docs: Path) -> None:
    """Build the plugin site once and write what the plugin generated as hand-written files."""
    _quiet_logging()
    from mkdocs.commands.build import build as mkdocs_build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415

    from mkdocs_profiles.export import front_matter  # noqa: PLC0415

    config = load_config(str(site / "mkdocs.yml"))
    plugin = _plugin(config)
    added: list[Any] = []
    original = plugin.on_files

    def on_files(files: Any, *, config: Any) -> Any:
        before = {file.src_uri for file in files}
        files = original(files, config=config)
        added.extend(file for file in files if file.src_uri not in before)
        return files

    for event, methods in config.plugins.events.items():
        if event == "files":
            methods[:] = [on_files if getattr(m, "__self__", None) is plugin else m for m in methods]
    mkdocs_build(config)
    site_dir = Path(config.site_dir)
    for file in added:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        planned = plugin.generated.get(file.src_uri)
        if planned is not None:
            # The page exactly as the plugin rendered it, as block-level HTML in a Markdown file.
            body = plugin.page_renderer().render(planned)
            target.write_text(front_matter(planned) + "\n" + body, encoding="utf-8")
        else:
            target.write_bytes((site_dir / file.dest_uri).read_bytes())
    extras = {"extra_css": list(config.extra_css), "extra_javascript": [str(s) for s in config.extra_javascript]}
    (docs.parent / "extras.json").write_text(json.dumps(extras), encoding="utf-8")


def serve(site: Path, out: Path) -> None:
    """Build as ``mkdocs serve`` does, edit one profile, and rebuild the way serve rebuilds.

    ``mkdocs serve`` loads the configuration again for every rebuild; MkDocs keeps plugin instances
    that have ``on_startup`` across those loads, so the plugin's cache of parsed profiles survives.
    """
    _quiet_logging()
    import yaml  # noqa: PLC0415
    from mkdocs.commands.build import build as mkdocs_build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415

    def get_config() -> Any:
        return load_config(str(site / "mkdocs.yml"), site_dir=str(site / "serve-site"))

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    url = "http://127.0.0.1:8000/"
    start = time.perf_counter()
    mkdocs_build(config, serve_url=url)
    first = time.perf_counter() - start
    plugin = _plugin(config)
    first_phases = dict(plugin.timings)
    # Parsed by this process or by the worker (which sends what it parsed): every file once.
    parsed_before = plugin.cache.misses + plugin.cache.shared

    edited = sorted((site / "profiles").glob("*.yml"))[len(list((site / "profiles").glob("*.yml"))) // 2]
    original = edited.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(original)
        data["summary"] = "Edited under serve. " + data["summary"]
        edited.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        start = time.perf_counter()
        config = get_config()
        mkdocs_build(config, serve_url=url)
        rebuild = time.perf_counter() - start
    finally:
        edited.write_text(original, encoding="utf-8")
    again = _plugin(config)
    result = {
        "first_seconds": first,
        "rebuild_seconds": rebuild,
        "same_plugin_instance": again is plugin,
        "parsed_on_first_build": parsed_before,
        "parsed_on_rebuild": again.cache.misses + again.cache.shared - parsed_before,
        "first_phases": first_phases,
        "rebuild_phases": dict(again.timings),
        "edited": edited.name,
        "peak_mib": _peak_mib(),
    }
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")


def relate_only(profiles: Path, out: Path, repeat: int = 5) -> None:
    """Time :func:`mkdocs_profiles.relate.relate` alone, and count what it has to look at."""
    from mkdocs_profiles.catalog import build_catalog  # noqa: PLC0415
    from mkdocs_profiles.pipeline import Options, load_profiles  # noqa: PLC0415
    from mkdocs_profiles.relate import relate  # noqa: PLC0415

    loaded, _ = load_profiles(Options(profiles_dir=profiles, base_dir=profiles.parent))
    catalog, _ = build_catalog(loaded)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        relate(catalog)
        times.append(time.perf_counter() - start)
    holders: dict[tuple[str, str], int] = {}
    for profile in catalog.profiles.values():
        for key in {("t", t.casefold()) for t in profile.topics} | {("o", o.casefold()) for o in profile.organizations}:
            holders[key] = holders.get(key, 0) + 1
    result = {
        "profiles": len(catalog.profiles),
        "median_seconds": statistics.median(times),
        "min_seconds": min(times),
        "pairs_of_all_profiles": len(catalog.profiles) * (len(catalog.profiles) - 1) // 2,
        "largest_topic_or_organization": max(holders.values(), default=0),
    }
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")


def main(argv: list[str]) -> None:
    """Run the job named by the first argument."""
    job, first, second = argv[0], Path(argv[1]), Path(argv[2])
    jobs = {"build": build, "export": export, "serve": serve, "relate": relate_only}
    jobs[job](first, second)


if __name__ == "__main__":
    main(sys.argv[1:])
