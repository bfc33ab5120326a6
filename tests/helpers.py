"""Small sites in temporary folders, built with MkDocs in-process or as a subprocess, and ways to read them.

Shared by the test files; the fixtures in ``conftest.py`` hand out :class:`Site` objects.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

#: A profile with every field of the format, the way the sample page has them.
FULL_PROFILE: dict[str, Any] = {
    "name": "Ada Lovelace",
    "summary": "A strong systems page because her notes anticipate general-purpose computing.",
    "focus": "Analytical engines + long-context stability",
    "role": "Associate professor at MIT and distinguished scientist at NVIDIA",
    "bio": "One of the clearest researchers to follow.\n\nShe wrote **the first program** and the [notes](https://example.org/notes).",
    "organizations": ["MIT", "NVIDIA"],
    "topics": ["Long context", "Quantization"],
    "known_for": ["Model *compression*", "Efficient AI systems", "Notes on the engine"],
    "start_here": [
        {
            "title": "Efficient Streaming Language Models with Attention Sinks",
            "url": "https://arxiv.org/abs/2309.17453",
            "kind": "paper",
            "year": 2024,
            "venue": "ICLR 2024",
            "note": "StreamingLLM, the anchor of this page.",
        }
    ],
    "signature_works": [
        {"title": "SmoothQuant", "url": "https://arxiv.org/abs/2211.10438", "kind": "paper", "year": 2023},
        {
            "title": "streaming-llm",
            "url": "https://github.com/mit-han-lab/streaming-llm",
            "kind": "repository",
        },
    ],
    "supporting_sources": [{"title": "Lab page", "url": "https://hanlab.mit.edu", "kind": "website"}],
    "related": [{"profile": "grace-hopper", "note": "Curated note about Grace."}],
    "links": {"homepage": "https://example.org/ada", "github": "https://github.com/ada"},
    "editor_reviewed": True,
    "last_reviewed": "2026-03-18",
}

#: A few more people: Grace (curated), Carol (shares a work, written as another URL form), Bob (minimal),
#: Hal (a third spelling of "Long context"), and a draft that must not appear anywhere.
OTHER_PROFILES: dict[str, dict[str, Any]] = {
    "grace-hopper": {
        "name": "Grace Hopper",
        "summary": "Compilers before anyone called them that.",
        "role": "Rear admiral",
        "topics": ["long-context", "Compilers"],
        "organizations": ["Navy"],
    },
    "carol-shaw": {
        "name": "Carol Shaw",
        "summary": "Games on tiny machines.",
        "focus": "Tiny machines",
        "topics": ["Long context"],
        "organizations": ["MIT"],
        "signature_works": [
            {"title": "StreamingLLM (pdf)", "url": "http://www.arxiv.org/pdf/2309.17453v2", "kind": "paper"}
        ],
    },
    "bob-barker": {"name": "Bob Barker", "summary": "Minimal profile with nothing else."},
    "hal-hacker": {"name": "Hal Hacker", "summary": "Spells topics his own way.", "topics": ["Long Context"]},
    "dora-draft": {
        "name": "Draftina Secretova",
        "summary": "Unpublished draft summary.",
        "topics": ["Draftonly Topic", "Long context"],
        "organizations": ["Draftonly Org"],
        "draft": True,
    },
}


def base_config(**overrides: Any) -> dict[str, Any]:
    """The ``mkdocs.yml`` of a small Material site with search and profiles, updated with ``overrides``."""
    config: dict[str, Any] = {
        "site_name": "Test Site",
        "site_url": "https://example.org/",
        "theme": {"name": "material"},
        "plugins": ["search", "profiles"],
    }
    config.update(overrides)
    return config


def profiles_plugin(**options: Any) -> list[Any]:
    """A ``plugins`` list with search and profiles configured with ``options``."""
    return ["search", {"profiles": options}] if options else ["search", "profiles"]


@dataclass
class Run:
    """The outcome of ``mkdocs build`` run as a subprocess."""

    returncode: int
    output: str
    """stdout and stderr together."""


@dataclass
class Site:
    """A site in a temporary folder: ``mkdocs.yml``, ``docs/``, ``profiles/``; built into ``site/``."""

    root: Path
    config: dict[str, Any] = field(default_factory=base_config)

    # Writing ---------------------------------------------------------------------------------------
    def write(self, relative: str, content: str | bytes) -> Path:
        """Write a file under the site's folder (parents created)."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def profile(self, stem: str, data: Mapping[str, Any] | str | bytes, suffix: str = ".yml") -> Path:
        """Write ``profiles/<stem><suffix>``: a mapping as YAML, text and bytes as they are."""
        if isinstance(data, Mapping):
            data = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False)
        return self.write(f"profiles/{stem}{suffix}", data)

    def doc(self, relative: str, content: str) -> Path:
        """Write a hand-written page under ``docs/``."""
        return self.write(f"docs/{relative}", content)

    def write_config(self, **overrides: Any) -> Path:
        """Write ``mkdocs.yml`` from :attr:`config` updated with ``overrides``."""
        self.config.update(overrides)
        return self.write("mkdocs.yml", yaml.safe_dump(self.config, allow_unicode=True, sort_keys=False))

    def populate(self) -> Site:
        """The standard small site: a home page, the full profile and the others (one a draft)."""
        self.doc("index.md", "# Home\n\nWelcome.\n")
        self.profile("ada-lovelace", FULL_PROFILE)
        for stem, data in OTHER_PROFILES.items():
            self.profile(stem, data)
        self.write_config()
        return self

    # Building --------------------------------------------------------------------------------------
    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def build(self, strict: bool = True, **overrides: Any) -> Path:
        """Build in-process with MkDocs' ``build()`` (``--strict`` by default); return the site folder."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        if overrides or not (self.root / "mkdocs.yml").exists():
            self.write_config(**overrides)
        if not (self.root / "docs").is_dir():
            (self.root / "docs").mkdir()
        config = load_config(str(self.root / "mkdocs.yml"), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return self.site_dir

    def run(self, *args: str) -> Run:
        """Run ``mkdocs build <args>`` in a subprocess, as a user would; never raises on failure."""
        if not (self.root / "mkdocs.yml").exists():
            self.write_config()
        if not (self.root / "docs").is_dir():
            (self.root / "docs").mkdir()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return Run(done.returncode, done.stdout + done.stderr)

    # Reading ---------------------------------------------------------------------------------------
    def page_file(self, url: str) -> Path:
        """The HTML file of a site URL such as ``profiles/ada/`` or ``profiles/ada.html``."""
        path = self.site_dir / url
        return path / "index.html" if url == "" or url.endswith("/") else path

    def html(self, url: str) -> BeautifulSoup:
        """The parsed HTML of the page at ``url``."""
        return soup(self.page_file(url).read_text(encoding="utf-8"))

    def article(self, url: str) -> Any:
        """The page's ``<article>`` (Material's content area)."""
        found = self.html(url).find("article")
        assert found is not None, f"no <article> in {url}"
        return found


def soup(text: str) -> BeautifulSoup:
    """HTML parsed with the standard library's parser (no lxml needed)."""
    return BeautifulSoup(text, "html.parser")


def html_files(folder: Path) -> Iterator[Path]:
    """Every HTML file under ``folder``, sorted."""
    yield from sorted(folder.rglob("*.html"))


def text_files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` that is text (HTML, JSON, XML, JS, CSS...), sorted."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".css", ".txt"):
            yield path


def is_local(url: str) -> bool:
    """Whether ``url`` points inside the site (no scheme, no host, not a bare fragment)."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def resolve_link(site_dir: Path, page: Path, href: str) -> Path:
    """The file a relative ``href`` on the HTML file ``page`` points to (``a/`` means ``a/index.html``)."""
    path = unquote(urlsplit(href).path)
    base = page.parent.relative_to(site_dir).as_posix()
    target = posixpath.normpath(posixpath.join(base, path))
    resolved = site_dir / target
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def broken_links(site_dir: Path, page: Path) -> list[str]:
    """Local ``href``/``src`` values of ``page`` that are root-absolute or resolve to no file."""
    problems = []
    document = soup(page.read_text(encoding="utf-8"))
    for element in document.find_all(["a", "link", "script", "img", "source"]):
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if not value or not is_local(value):
                continue
            if value.startswith("/"):
                problems.append(f"{value} (absolute path)")
            elif not resolve_link(site_dir, page, value).is_file():
                problems.append(value)
    return problems


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder`` with size and modification time, to prove nothing changed."""
    result = {}
    for path in sorted(folder.rglob("*")):
        stat = path.stat()
        result[path.relative_to(folder).as_posix()] = (
            stat.st_size if path.is_file() else -1,
            stat.st_mtime_ns,
        )
    return result


def normalised_text(element: Any) -> str:
    """An element's text with whitespace collapsed."""
    return " ".join(element.get_text(" ").split())


def problems_of(text: str | bytes, source: str = "profiles/ada.yml") -> list[Any]:
    """Every problem the core finds in one profile file: parsing, then validation of what could be parsed."""
    from mkdocs_profiles.load import parse_document
    from mkdocs_profiles.validate import validate_document

    raw = text.encode("utf-8") if isinstance(text, str) else text
    document, problems = parse_document(raw, source, Path(source).stem)
    if document is not None:
        problems = problems + validate_document(document)[1]
    return problems


def find_problem(problems: list[Any], where: str, *fragments: str) -> Any:
    """The one problem whose message starts with ``where`` (``file:line: field:``) and contains ``fragments``.

    Fails listing every problem found, so a wrong line or field is easy to see.
    """
    matches = [p for p in problems if str(p).startswith(where) and all(f in str(p) for f in fragments)]
    listed = "\n".join(str(p) for p in problems) or "(none)"
    assert len(matches) == 1, f"expected one problem at {where!r} containing {fragments}, got:\n{listed}"
    return matches[0]
