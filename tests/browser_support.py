"""Helpers for the tests that look at a built site the way a reader, a browser or a crawler does.

They build the repository's example site (``mkdocs.yml``, ``docs/``, ``profiles/``) in a temporary
folder, never in the repository, serve a built site on 127.0.0.1, start Debian's Chromium through
Playwright, and read built HTML. Fixtures stay in the test modules; this module holds plain functions.
"""

from __future__ import annotations

import functools
import os
import posixpath
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent

#: Where screenshots and reports go (git-ignored); ``PROFILES_TEST_ARTIFACTS`` moves it.
ARTIFACTS = Path(os.environ.get("PROFILES_TEST_ARTIFACTS", REPO / "test-artifacts"))

#: What the example site is made of, copied into a temporary folder before each build.
EXAMPLE_SITE_PARTS = ("mkdocs.yml", "docs", "profiles", "overrides")


def _find_chromium() -> str | None:
    for candidate in (os.environ.get("PROFILES_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


#: Debian's Chromium, which ``.ci/run`` installs. Playwright's own browser download is never used.
CHROMIUM = _find_chromium()

#: Flags for Chromium on a machine with a closed network: without the background-networking ones it
#: keeps trying to reach Google's hosts. ``--no-sandbox`` because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

try:
    import playwright.sync_api  # noqa: F401

    _HAS_PLAYWRIGHT = True
except ImportError:  # pragma: no cover - the [test] extra installs it
    _HAS_PLAYWRIGHT = False

#: Marks a test that drives Chromium; skipped, saying why, only where the browser is missing.
requires_chromium = pytest.mark.skipif(
    CHROMIUM is None or not _HAS_PLAYWRIGHT,
    reason="Chromium is not installed (apt-get install chromium; .ci/run does it)"
    if CHROMIUM is None
    else "playwright is not installed (pip install -e '.[test]')",
)

BUILD_ENV = {
    # Material prints a long notice about MkDocs 2.0 on every build; it is not what these tests read.
    "NO_MKDOCS_2_WARNING": "1",
    # Fixed so that two builds are comparable byte for byte: the sitemap's <lastmod> and the review ages
    # are measured from the build date. 2026-10-01, after every review date of the example profiles.
    "SOURCE_DATE_EPOCH": "1790812800",
}


def copy_example_site(dest: Path) -> Path:
    """Copy the repository's example site into ``dest``; return the copied ``mkdocs.yml``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE_SITE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest / "mkdocs.yml"


def build_site(
    config_file: Path, site_dir: Path | None = None, *, strict: bool = True, env: dict[str, str] | None = None
) -> Path:
    """Run ``mkdocs build`` (strict by default) in its own process, as a user would; return the site folder.

    Fails the calling test with MkDocs' output when the build fails.
    """
    site_dir = site_dir or config_file.parent / "site"
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "-f",
        str(config_file),
        "-d",
        str(site_dir),
    ]
    if strict:
        command.append("--strict")
    result = build_process(command, env, cwd=config_file.parent)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return site_dir


def build_process(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a build command in ``cwd`` (the site's folder, as a user would) with the fixed environment."""
    full_env = {**os.environ, **BUILD_ENV, **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=full_env, cwd=cwd, timeout=300, check=False)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections it no longer needs when a test moves on; that is not a failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve the folder ``root`` on 127.0.0.1 at a free port, in a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Start Debian's Chromium, headless, through Playwright; yield the ``Browser``."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, base_url: str, *, width: int = 1280, height: int = 900, scheme: str = "light") -> Any:
    """A page in a fresh context that may only reach ``base_url``.

    Requests elsewhere (Material asks Google Fonts for Roboto) are refused, so nothing waits on a closed
    network, and recorded on ``page.outside``; JavaScript errors are recorded on ``page.errors``.
    """
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, base_url=base_url)
    errors: list[str] = []
    outside: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(base_url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)
    # Ten seconds is ages for a static page on loopback; a missing element should fail fast.
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.outside = outside
    return page


def save_artifact(name: str) -> Path:
    """The path of a test artifact called ``name``, its folder created."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


# Reading built HTML -------------------------------------------------------------------------------


def html_files(site_dir: Path) -> list[Path]:
    """Every HTML file of a built site, sorted."""
    return sorted(site_dir.rglob("*.html"))


def parse_html(path: Path) -> Any:
    """A built page as a BeautifulSoup tree (stdlib parser, so entities are decoded like a browser does)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_url_of(site_dir: Path, path: Path) -> str:
    """The site-relative URL of a built file: ``profiles/ada/index.html`` -> ``profiles/ada/index.html``."""
    return path.relative_to(site_dir).as_posix()


def resolve_link(site_dir: Path, page: Path, href: str, base_path: str = "/") -> tuple[Path, str] | None:
    """Where an internal link on ``page`` points in the built site: (file, fragment), or ``None`` if external.

    A folder means its ``index.html``, as a web server serves it. ``base_path`` is the path of the site's
    ``site_url``: MkDocs writes the links of ``404.html`` from it (``/project/assets/...``), since that
    page is served at any address; an absolute path outside it resolves outside the site.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        base_path = base_path if base_path.endswith("/") else base_path + "/"
        target = path[len(base_path) :] if path.startswith(base_path) else "../" + path.lstrip("/")
        target = posixpath.normpath(target) if target else "."
    elif path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(site_url_of(site_dir, page)), path))
    else:
        target = site_url_of(site_dir, page)
    file = site_dir / target
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)


def site_base_path(config_file: Path) -> str:
    """The path of ``site_url`` in a ``mkdocs.yml`` (``/project/``), or ``/`` without one."""
    import yaml

    class _Lenient(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold !ENV and !!python/name tags; only site_url is read here.
    _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    return urlsplit(str(config.get("site_url") or "/")).path or "/"
