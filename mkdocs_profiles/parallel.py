"""Building the generated pages in a second process, while the site generator builds everything else.

MkDocs builds one page after the other in one process, so on a machine with two or more cores the
plugin's own work can be taken off its path. A :class:`Worker` is started before MkDocs reads any file:

1. **Reading is shared.** The worker reads profile files from the start of the sorted list and sends what
   it parsed and validated; the front end reads from the end; they meet where the worker has got to. The
   front end then builds its plan from its cache, without related researchers (it does not render).
2. **The worker builds the same plan** from the same files, with related researchers, and sends its
   fingerprint (a digest of every file it read): when it differs from the front end's (a file changed in
   between), everything the worker sends is ignored.
3. **The worker renders** the data files, then every generated page in page order: HTML body, headings,
   anchors and head tags. MkDocs meanwhile converts and writes other pages; the front end attaches each
   rendered page when MkDocs gets to it.

Whatever goes wrong in the worker (it cannot start, a job cannot be sent, it fails, it dies), the front
end renders in process, so the site is the same either way; a test builds sites both ways and compares
them byte for byte.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .export import data_files
from .feed import feed_url
from .headings import anchor_ids, extract_headings, toc_tokens
from .json_export import json_url
from .load import iter_profile_files
from .markdown_text import MarkdownRenderer
from .pipeline import Options, ProfileCache, build_plan, load_file
from .plan import PlannedPage, SitePlan
from .render import Renderer, RenderSettings
from .seo import PresentTags, head_data

#: ``parallel: auto`` starts a worker for sites with at least this many profile files. Below, the worker's own
#: memory (about 60 MiB to start with) weighs more than the second or two it saves (see docs/performance.md).
AUTO_MIN_PROFILES = 5000

#: How many parsed files the worker sends at once while reading is shared.
_LOAD_BATCH = 32
#: Rendered pages are sent in batches of about this many characters.
_PAGE_BATCH_CHARS = 200_000


def available_cpus() -> int:
    """CPUs this process may run on (its affinity where the platform tells, else the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def wants_worker(setting: bool | str, profiles_dir: Path) -> bool:
    """Whether a build should render in a worker: ``True``, ``False`` or ``"auto"`` (many profiles, 2+ CPUs)."""
    if setting is True or setting is False:
        return setting
    if available_cpus() < 2:
        return False
    files = iter_profile_files(profiles_dir)
    return sum(1 for _ in itertools.islice(files, AUTO_MIN_PROFILES)) >= AUTO_MIN_PROFILES


@dataclass(frozen=True)
class HeadSettings:
    """What the head tags of generated pages need, and which tags the theme is expected to write itself."""

    site_url: str | None
    site_name: str
    feed_title: str
    site_description: bool = False
    """The site has a ``site_description``, which Material writes on pages without their own."""
    social: bool = False
    """A plugin (Material's social cards) writes Open Graph and Twitter tags."""

    def expected(self, page: PlannedPage) -> PresentTags:
        """The tags the theme will most likely have written on ``page``: the worker renders for these, and the
        front end uses that rendering only when the page really has them."""
        return PresentTags(
            description=bool(page.description) or self.site_description,
            canonical=bool(self.site_url),
            open_graph=self.social,
            twitter=self.social,
        )


@dataclass(frozen=True)
class DataSettings:
    """What the data files beside the pages (``profiles.json``, the Atom feed) need."""

    site_url: str | None
    site_name: str
    author: str | None = None
    feed: bool = True
    feed_max: int = 50
    json: bool = True


def data_file_uris(plan: SitePlan, data: DataSettings) -> list[str]:
    """The site paths :func:`~mkdocs_profiles.export.data_files` writes for ``plan``, without writing them."""
    uris = []
    if data.json:
        uris.append(json_url(plan))
    if data.feed and data.feed_max > 0 and any(p.last_reviewed for p in plan.catalog.profiles.values()):
        uris.append(feed_url(plan))
    return uris


def render_data_files(plan: SitePlan, data: DataSettings, labels: dict[str, str], language: str) -> dict[str, str]:
    """The data files of ``plan``, by site path."""
    return data_files(
        plan,
        site_url=data.site_url,
        site_name=data.site_name,
        labels=labels,
        language=language,
        author=data.author,
        feed=data.feed,
        feed_max=data.feed_max,
        json=data.json,
    )


def render_head(
    renderer: Renderer,
    page: PlannedPage,
    plan: SitePlan,
    settings: HeadSettings,
    *,
    language: str,
    present: PresentTags,
    feed: str | None,
) -> str:
    """The tags ``profiles/partials/head.html`` adds to the head of ``page``, given the tags already there."""
    head = head_data(
        page,
        plan,
        site_url=settings.site_url,
        site_name=settings.site_name,
        language=language,
        present=present,
        feed_url=feed,
        feed_title=settings.feed_title,
    )
    return renderer.render_template("profiles/partials/head.html", {"head": head})


@dataclass(frozen=True)
class Job:
    """Everything a worker needs, picklable: the core's options and how the site renders."""

    options: Options
    template_dirs: tuple[str, ...]
    icon_dirs: tuple[str, ...]
    markdown_extensions: tuple[Any, ...]
    markdown_configs: dict[str, Any]
    data: DataSettings
    head: HeadSettings | None
    """``None`` when the site does not want head tags (``seo: false``)."""

    def render_settings(self) -> RenderSettings:
        """The settings a front end in the worker's place would render with."""
        return RenderSettings(
            labels=self.options.labels,
            language=self.options.language,
            template_dirs=[Path(d) for d in self.template_dirs],
            icon_dirs=[Path(d) for d in self.icon_dirs],
            markdown=MarkdownRenderer(list(self.markdown_extensions), self.markdown_configs),
            review=self.options.review,
        )


@dataclass(frozen=True)
class RenderedPage:
    """One generated page as the worker rendered it."""

    body: str
    toc: list[dict[str, Any]]
    """Table-of-contents tokens of the page's headings (:func:`~mkdocs_profiles.headings.toc_tokens`)."""
    anchors: frozenset[str]
    head: str | None = None
    """Head tags, rendered for ``head_present``; ``None`` without SEO tags."""
    head_present: PresentTags | None = None


def render_page(renderer: Renderer, page: PlannedPage) -> tuple[str, list[dict[str, Any]], frozenset[str]]:
    """The body of ``page`` with its table-of-contents tokens and anchor ids: what a front end attaches."""
    body = renderer.render(page)
    return body, toc_tokens(extract_headings(body)), frozenset(anchor_ids(body))


class Pipes:
    """Two one-way pipes as one connection: what the worker and the front end talk through."""

    def __init__(self, reader: Connection, writer: Connection) -> None:
        self.reader = reader
        self.writer = writer

    def send(self, message: Any) -> None:
        self.writer.send(message)

    def send_bytes(self, data: bytes) -> None:
        self.writer.send_bytes(data)

    def recv(self) -> Any:
        return self.reader.recv()

    def poll(self, timeout: float = 0.0) -> bool:
        return self.reader.poll(timeout)

    def close(self) -> None:
        for end in (self.reader, self.writer):
            with contextlib.suppress(OSError):
                end.close()


# --- the worker process -------------------------------------------------------------------------------


def work(conn: Pipes, job: Job) -> None:
    """The worker process: share reading, plan, render. Never raises: failures are reported to the front end."""
    try:
        _work(conn, job)
    except BaseException:  # noqa: BLE001 (the front end renders in process instead; it must hear why)
        with contextlib.suppress(OSError, ValueError, pickle.PicklingError):
            conn.send(("failed", traceback.format_exc(limit=8)))
    finally:
        conn.close()


def _work(conn: Pipes, job: Job) -> None:
    options = job.options
    cache = ProfileCache()
    paths = list(iter_profile_files(options.profiles_dir))
    limit = len(paths)
    index = 0
    batch: list[tuple[str, str, Any]] = []
    while index < limit:
        while conn.poll():
            message = conn.recv()
            if message[0] == "frontier":
                limit = min(limit, message[1])
            elif message[0] == "stop":
                return
        if index >= limit:
            break
        source, digest, entry, _ = load_file(paths[index], options, cache)
        index += 1
        if digest is not None:
            batch.append((source, digest, entry))
        if len(batch) >= _LOAD_BATCH:
            conn.send(("loaded", index, batch))
            batch = []
    conn.send(("loaded", index, batch))

    result = build_plan(options, cache)
    if result.plan is None:
        conn.send(("failed", "the profile files have errors"))
        return
    plan = result.plan
    conn.send(("plan", result.fingerprint, result.timings))
    renderer = Renderer(plan, job.render_settings())
    start = time.perf_counter()
    texts = render_data_files(plan, job.data, options.labels, options.language)
    conn.send(("data", texts))
    feed = feed_url(plan) if feed_url(plan) in texts else None
    pending: list[tuple[str, RenderedPage]] = []
    size = 0
    for page in plan.pages:
        if conn.poll() and conn.recv()[0] == "stop":
            return
        body, toc, anchors = render_page(renderer, page)
        head = present = None
        if job.head is not None:
            present = job.head.expected(page)
            head = render_head(renderer, page, plan, job.head, language=options.language, present=present, feed=feed)
        pending.append((page.src_uri, RenderedPage(body, toc, anchors, head, present)))
        size += len(body)
        if size >= _PAGE_BATCH_CHARS:
            conn.send(("pages", pending))
            pending, size = [], 0
    conn.send(("pages", pending))
    conn.send(("done", {**result.timings, "render": time.perf_counter() - start}))


# --- the front end's side -------------------------------------------------------------------------------


@dataclass
class Worker:
    """The front end's handle on a worker process. Ask it for pages; ``None`` means: render it yourself."""

    process: subprocess.Popen[bytes]
    conn: Pipes
    expected: str | None = None
    failure: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    """The worker's own seconds by phase (load, validate, ..., render), once it is done."""
    _pages: dict[str, RenderedPage] = field(default_factory=dict)
    _data: dict[str, str] | None = None
    _fingerprint: str | None = None
    _closed: bool = False
    _lock: threading.Condition = field(default_factory=threading.Condition)
    _thread: threading.Thread | None = None
    _loaded: list[tuple[str, str, Any]] = field(default_factory=list)
    _loaded_upto: int = 0

    def __post_init__(self) -> None:
        # Receive from the start: the worker sends what it reads while MkDocs is still cleaning the site
        # folder, and would wait on a full pipe if nobody read it.
        self._thread = threading.Thread(target=self._receive, name="mkdocs-profiles-receiver", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, job: Job, on_failure: Callable[[str], None] | None = None) -> Worker | None:
        """Start a worker on ``job``; ``None`` when it cannot be started (the job does not pickle, ...).

        The worker is ``python -m mkdocs_profiles.parallel`` with two pipes, not a ``multiprocessing``
        child: that would import the front end's ``__main__`` again (a build script without a main guard
        would build the site a second time), or fork a process that has threads.
        """

        def fail(why: str) -> None:
            if on_failure:
                on_failure(why)

        if os.name != "posix":
            fail("a worker process needs POSIX pipes")
            return None
        try:
            data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 (any unpicklable Markdown extension or option)
            fail(f"the site's settings cannot be sent to another process ({error})")
            return None
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs_profiles.parallel", str(child_reads), str(child_writes)],
                pass_fds=(child_reads, child_writes),
                stdin=subprocess.DEVNULL,
                env=env,
            )
        except OSError as error:
            for fd in (child_reads, parent_writes, parent_reads, child_writes):
                os.close(fd)
            fail(f"a worker process cannot be started ({error})")
            return None
        os.close(child_reads)
        os.close(child_writes)
        conn = Pipes(Connection(parent_reads, writable=False), Connection(parent_writes, readable=False))
        worker = cls(process, conn)
        try:
            conn.send_bytes(data)
        except OSError as error:
            worker.stop()
            fail(f"the worker process did not take its job ({error})")
            return None
        return worker

    @property
    def failed(self) -> bool:
        """The worker cannot deliver: it failed, died, or read other files than the front end."""
        return self.failure is not None

    def _tell(self, message: tuple[Any, ...]) -> None:
        """Send the worker a message it may no longer need (it may have finished and gone already)."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(message)

    def share_load(self, options: Options, cache: ProfileCache, paths: Sequence[Path] | None = None) -> dict[str, str]:
        """Read profile files into ``cache`` from the end of the list, taking what the worker read from the start.

        Returns the digest of every file read, by source, for :func:`~mkdocs_profiles.pipeline.build_plan`
        (``known``): these files need not be read again.
        """
        known: dict[str, str] = {}
        paths = list(iter_profile_files(options.profiles_dir)) if paths is None else list(paths)
        front = len(paths)
        own = 0
        while True:
            # What the worker read arrives on the receiving thread (so it never waits for this one).
            with self._lock:
                arrived, self._loaded = self._loaded, []
                done = self._loaded_upto  # the worker has read paths[:done]
            for source, digest, entry in arrived:
                cache.adopt(source, digest, entry)
                known[source] = digest
            if done >= front or self.failed or self._closed:
                break
            front -= 1
            mine, read, _, _ = load_file(paths[front], options, cache)
            if read is not None:
                known[mine] = read
            own += 1
            if own % 16 == 0:
                self._tell(("frontier", front))
        self._tell(("frontier", front))
        return known

    def expect(self, fingerprint: str) -> None:
        """The front end's plan was built from inputs with ``fingerprint``: receive pages built from the same."""
        self.expected = fingerprint
        with self._lock:
            if self._fingerprint is not None and self._fingerprint != fingerprint:
                self._fail("the profile files changed while the site was being built")

    def _fail(self, why: str) -> None:
        # Called with the lock held.
        self.failure = self.failure or why
        self._pages.clear()
        self._data = None
        self._lock.notify_all()

    def _receive(self) -> None:
        while True:
            try:
                message = self.conn.recv()
            except Exception as error:  # noqa: BLE001 (EOF when the worker ends; anything else: stop using it)
                with self._lock:
                    if not isinstance(error, (EOFError, OSError)):
                        self._fail(f"cannot read what the worker sent ({type(error).__name__}: {error})")
                    self._closed = True
                    self._lock.notify_all()
                return
            with self._lock:
                kind = message[0]
                if self.failed:
                    pass
                elif kind == "plan":
                    self._fingerprint = message[1]
                    if self.expected is not None and message[1] != self.expected:
                        self._fail("the profile files changed while the site was being built")
                elif kind == "loaded":
                    self._loaded.extend(message[2])
                    self._loaded_upto = max(self._loaded_upto, message[1])
                elif kind == "data":
                    self._data = message[1]
                elif kind == "pages":
                    self._pages.update(message[1])
                elif kind == "done":
                    self.timings = message[1]
                elif kind == "failed":
                    self._fail(message[1])
                self._lock.notify_all()

    def _wait_for(self, ready: Callable[[], bool]) -> bool:
        with self._lock:
            while not (ready() or self.failed or self._closed):
                self._lock.wait(timeout=1.0)
                if self._thread is None or not self._thread.is_alive():
                    self._closed = True
            return ready() and not self.failed

    def page(self, src_uri: str) -> RenderedPage | None:
        """The rendered page at ``src_uri``, waiting for it if need be; ``None`` if the worker cannot deliver."""
        if self.failed:
            return None
        ready = self._pages.pop(src_uri, None)  # usually there already: no lock needed (dict.pop is atomic)
        if ready is not None:
            return ready
        if not self._wait_for(lambda: src_uri in self._pages):
            return None
        with self._lock:
            return self._pages.pop(src_uri, None)

    def data(self) -> dict[str, str] | None:
        """The data files by site path, waiting for them if need be; ``None`` if the worker cannot deliver."""
        if self.failed or not self._wait_for(lambda: self._data is not None):
            return None
        return self._data

    def stop(self) -> None:
        """Stop the worker and wait for it. After a build it has already finished; after an error it is ended."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(("stop",))
        try:
            self.process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout=5.0)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
        with contextlib.suppress(OSError):
            self.conn.close()


def main(argv: Sequence[str]) -> None:
    """``python -m mkdocs_profiles.parallel READ_FD WRITE_FD``: the worker, as :meth:`Worker.start` runs it."""
    conn = Pipes(Connection(int(argv[0]), writable=False), Connection(int(argv[1]), readable=False))
    try:
        job = conn.recv()
    except (EOFError, OSError):
        conn.close()
        return
    work(conn, job)


if __name__ == "__main__":
    # Run the worker from the module under its own name, so what it pickles (RenderedPage, ...) is
    # mkdocs_profiles.parallel.RenderedPage for the front end, not __main__.RenderedPage.
    from mkdocs_profiles.parallel import main as _main

    _main(sys.argv[1:])
