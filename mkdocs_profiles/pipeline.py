"""The whole core in order: load -> validate -> catalog -> relate -> plan pages. Renders on demand.

Front ends (the MkDocs plugin, the command line, the benchmark) call :func:`build_plan`; nothing here
imports MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import build_catalog
from .freshness import ReviewSettings
from .load import iter_profile_files, parse_document
from .model import Profile
from .plan import PageSettings, SitePlan, plan_pages
from .problems import Problem
from .relate import RelateSettings, relate
from .terms import apply_aliases, load_term_definitions
from .validate import validate_document


@dataclass(frozen=True)
class Options:
    """Everything the core needs to know about a site, whichever front end drives it."""

    profiles_dir: Path
    base_dir: Path
    """Messages show file paths relative to this folder (the folder of ``mkdocs.yml``)."""
    pages: PageSettings = field(default_factory=PageSettings)
    relate: RelateSettings = field(default_factory=RelateSettings)
    labels: dict[str, str] = field(default_factory=dict)
    include_drafts: bool = False
    language: str = "en"
    """Language of labels and dates (Material's ``theme.language``), e.g. for an exporter."""
    review: ReviewSettings = field(default_factory=ReviewSettings)
    """When a profile's review is due (the build date and the allowed age)."""


@dataclass
class ProfileCache:
    """Validated profiles by file content, so a rebuild under ``mkdocs serve`` only redoes edited files."""

    entries: dict[tuple[str, str], tuple[Profile | None, list[Problem]]] = field(default_factory=dict)
    hits: int = 0
    """Files found unchanged, over the cache's life."""
    misses: int = 0
    """Files parsed and validated because they were new or changed, over the cache's life."""
    shared: int = 0
    """Files another process parsed and validated for this one, over the cache's life."""

    def get(self, source: str, digest: str) -> tuple[Profile | None, list[Problem]] | None:
        """The validated profile of ``source`` if its content (``digest``) was seen before."""
        entry = self.entries.get((source, digest))
        if entry is not None:
            self.hits += 1
        return entry

    def put(self, source: str, digest: str, value: tuple[Profile | None, list[Problem]]) -> None:
        """Remember what parsing and validating ``source`` with this content gave."""
        self.misses += 1
        self.entries[(source, digest)] = value

    def adopt(self, source: str, digest: str, value: tuple[Profile | None, list[Problem]]) -> None:
        """Take an entry another process parsed and validated (counted in ``shared``, not ``misses``)."""
        if (source, digest) not in self.entries:
            self.shared += 1
            self.entries[(source, digest)] = value

    def keep_only(self, keys: Iterable[tuple[str, str]]) -> None:
        """Forget files that were deleted or changed, so the cache does not grow forever."""
        wanted = set(keys)
        self.entries = {k: v for k, v in self.entries.items() if k in wanted}


@dataclass
class Result:
    """What :func:`build_plan` produced: the plan (``None`` when there are errors) and every problem."""

    plan: SitePlan | None
    problems: list[Problem]
    profiles: list[Profile]
    timings: dict[str, float]
    fingerprint: str = ""
    """Digest of every input the plan was built from (profile files and topic/organization files), so two
    processes can tell whether they read the same files."""


def _display_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` in forward slashes, as messages show files (absolute when outside)."""
    text, root = str(path), str(base)
    if root not in ("", ".") and text.startswith(root) and text[len(root) : len(root) + 1] == os.sep:
        # The same as relative_to for the normalised paths os.walk gives, several times faster.
        return text[len(root) + 1 :].replace(os.sep, "/")
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


Entry = tuple[Profile | None, list[Problem]]
"""What reading one profile file gave: the validated profile (``None`` on errors) and its problems."""


def load_file(
    path: Path, options: Options, cache: ProfileCache | None = None
) -> tuple[str, str | None, Entry, tuple[float, float]]:
    """Read, parse and validate one profile file, or take it from ``cache`` when its content is unchanged.

    Returns the file as messages name it, the digest of its content (``None`` when the file cannot be
    read: the entry then holds that problem and is not cached), the entry, and the seconds spent loading
    and validating.
    """
    start = time.perf_counter()
    source = _display_path(path, options.base_dir)
    try:
        raw = path.read_bytes()
    except OSError as error:
        unreadable = Problem(source, None, None, f"cannot be read: {error.strerror}")
        return source, None, (None, [unreadable]), (time.perf_counter() - start, 0.0)
    digest = hashlib.sha1(raw).hexdigest()
    cached = cache.get(source, digest) if cache else None
    if cached is not None:
        return source, digest, cached, (time.perf_counter() - start, 0.0)
    document, found = parse_document(raw, source, path.stem, digest)
    middle = time.perf_counter()
    profile = None
    # A file with a duplicate key or an unreadable date is still validated, so all its problems
    # show in one run (unreadable values are placeholders validation stays quiet about).
    if document is not None:
        profile, more = validate_document(document)
        found = found + more
    # Problems of one file in the order of its lines, as an editor goes through them (file-wide ones first).
    found = sorted(found, key=lambda problem: problem.line or 0)
    entry = (profile, found)
    if cache is not None:
        cache.put(source, digest, entry)
    return source, digest, entry, (middle - start, time.perf_counter() - middle)


def load_profiles(
    options: Options,
    cache: ProfileCache | None = None,
    timings: dict[str, float] | None = None,
    seen: list[tuple[str, str]] | None = None,
    known: dict[str, str] | None = None,
) -> tuple[list[Profile], list[Problem]]:
    """Read and validate every profile file, reporting every problem of every file.

    ``seen`` receives each readable file as (source, digest of its content). ``known`` gives the digest
    of files read into ``cache`` earlier in this build (by source): they are taken from the cache
    without being read again.
    """
    timings = timings if timings is not None else {}
    profiles: list[Profile] = []
    problems: list[Problem] = []
    seen = seen if seen is not None else []
    load_time = validate_time = 0.0
    folder = options.profiles_dir
    if not folder.is_dir():
        return [], [
            Problem(
                _display_path(folder, options.base_dir),
                None,
                None,
                "the profiles folder does not exist",
                hint="create it, or set the plugin's profiles_dir option",
            )
        ]
    for path in iter_profile_files(folder):
        early = None
        if known and cache is not None:
            source = _display_path(path, options.base_dir)
            digest = known.get(source)
            early = cache.entries.get((source, digest)) if digest is not None else None
        if early is not None:
            assert digest is not None
            cached, spent = early, (0.0, 0.0)
        else:
            source, digest, cached, spent = load_file(path, options, cache)
        load_time += spent[0]
        validate_time += spent[1]
        profile, found = cached
        if digest is not None:
            seen.append((source, digest))
        problems.extend(found)
        if profile is not None:
            profiles.append(profile)
    if cache is not None:
        cache.keep_only(seen)
    timings["load"] = timings.get("load", 0.0) + load_time
    timings["validate"] = timings.get("validate", 0.0) + validate_time
    return profiles, problems


def build_plan(
    options: Options,
    cache: ProfileCache | None = None,
    *,
    with_related: bool = True,
    known: dict[str, str] | None = None,
) -> Result:
    """Run the core: load, validate, check profiles against each other, relate, and plan the pages.

    ``with_related=False`` leaves related researchers out of the plan, for a front end that has them
    rendered elsewhere (see :mod:`mkdocs_profiles.parallel`); ``known`` is passed to :func:`load_profiles`.
    """
    timings: dict[str, float] = {}
    seen: list[tuple[str, str]] = []
    profiles, problems = load_profiles(options, cache, timings, seen, known)
    start = time.perf_counter()
    definitions, more = load_term_definitions(options.profiles_dir, options.base_dir)
    problems.extend(more)
    fingerprint = hashlib.sha1(repr((seen, definitions)).encode()).hexdigest()
    catalog, more = build_catalog(
        apply_aliases(profiles, definitions), include_drafts=options.include_drafts, definitions=definitions
    )
    problems.extend(more)
    timings["catalog"] = time.perf_counter() - start
    if any(p.is_error for p in problems):
        return Result(None, problems, profiles, timings, fingerprint)
    start = time.perf_counter()
    related = relate(catalog, options.relate) if with_related else {}
    timings["relate"] = time.perf_counter() - start
    start = time.perf_counter()
    plan = plan_pages(catalog, related, options.pages, options.labels)
    timings["plan"] = time.perf_counter() - start
    return Result(plan, problems, profiles, timings, fingerprint)
