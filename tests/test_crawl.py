"""The whole built example site: every internal link and anchor resolves, and builds are reproducible.

Two copies of the example site in different folders are built in separate processes; every HTML page is
parsed and every ``href``/``src`` that stays inside the site must reach a file, and its ``#anchor`` an
element with that id. The two outputs must be byte-identical, file for file.

The one input that would differ between two builds is the date: MkDocs writes the build date into the
sitemap's ``<lastmod>`` (and the gzipped sitemap's header), and the review status page counts the days
since each review from it. The builds therefore run with a fixed ``SOURCE_DATE_EPOCH``, as
reproducible-build tooling does, and a third build on another day pins down that those are the only
differences. Nothing else is exempt.
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from browser_support import (
    REPO,
    build_site,
    copy_example_site,
    html_files,
    parse_html,
    resolve_link,
    site_base_path,
    site_url_of,
)

URL_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "area": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example site built twice, from two copies in different folders."""
    sites = []
    for name in ("first", "second"):
        root = tmp_path_factory.mktemp(name)
        sites.append(build_site(copy_example_site(root)))
    return sites[0], sites[1]


@pytest.fixture(scope="module")
def base_path() -> str:
    return site_base_path(REPO / "mkdocs.yml")


@pytest.fixture(scope="module")
def site(two_builds: tuple[Path, Path]) -> Path:
    return two_builds[0]


def ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = parse_html(path)
        cache[path] = {str(e["id"]) for e in soup.find_all(id=True)} | {
            str(e["name"]) for e in soup.find_all("a", attrs={"name": True})
        }
    return cache[path]


def test_every_internal_link_and_anchor_resolves(site: Path, base_path: str) -> None:
    pages = html_files(site)
    assert len(pages) > 20, "the example site has profile, topic and organization pages"
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for page in pages:
        soup = parse_html(page)
        for tag, attribute in URL_ATTRIBUTES.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                href = str(element[attribute])
                if href.startswith(("mailto:", "tel:")):
                    continue
                target = resolve_link(site, page, href, base_path)
                if target is None:
                    continue
                checked += 1
                file, fragment = target
                where = f"{site_url_of(site, page)}: {tag} {attribute}={href!r}"
                if not file.resolve().is_relative_to(site.resolve()):
                    broken.append(f"{where} leaves the site")
                elif not file.is_file():
                    broken.append(f"{where} -> missing {file.relative_to(site)}")
                elif fragment and file.suffix == ".html" and fragment not in ids_of(file, ids):
                    broken.append(f"{where} -> no element with id {fragment!r} in {file.relative_to(site)}")
    assert checked > 1000
    assert broken == [], "broken internal links:\n" + "\n".join(broken[:50])


def test_no_page_has_duplicate_ids(site: Path) -> None:
    """An anchor must lead to one place: an id used twice on a page makes ``#id`` ambiguous."""
    duplicates = []
    for page in html_files(site):
        counts = Counter(str(e["id"]) for e in parse_html(page).find_all(id=True))
        duplicates += [f"{site_url_of(site, page)}: #{i} x{n}" for i, n in counts.items() if n > 1]
    assert duplicates == []


def test_every_page_is_reachable_from_the_home_page(site: Path, base_path: str) -> None:
    """No generated page is an orphan: following links from the home page reaches all of them."""
    start = site / "index.html"
    seen = {start}
    queue = [start]
    while queue:
        page = queue.pop()
        for element in parse_html(page).find_all("a", href=True):
            target = resolve_link(site, page, str(element["href"]), base_path)
            if target and target[0].suffix == ".html" and target[0].is_file() and target[0] not in seen:
                seen.add(target[0])
                queue.append(target[0])
    orphans = sorted(site_url_of(site, p) for p in html_files(site) if p not in seen and p.name != "404.html")
    assert orphans == []


def test_sitemap_and_search_index_point_at_built_pages(site: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        e.text or "" for e in ElementTree.parse(site / "sitemap.xml").getroot().iterfind("s:url/s:loc", namespace)
    ]
    assert locations
    prefix = posixpath.commonprefix(locations)
    prefix = prefix[: prefix.rfind("/") + 1]
    missing = [
        loc
        for loc in locations
        if not (site / loc[len(prefix) :] / "index.html").is_file() and not (site / loc[len(prefix) :]).is_file()
    ]
    assert missing == []
    assert any("/profiles/" in loc for loc in locations), "generated pages are in the sitemap"

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    ids: dict[Path, set[str]] = {}
    unresolved = []
    for doc in index["docs"]:
        path, _, fragment = doc["location"].partition("#")
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        if not file.is_file() or (fragment and fragment not in ids_of(file, ids)):
            unresolved.append(doc["location"])
    assert unresolved == []
    assert any(doc["location"].startswith("profiles/") for doc in index["docs"]), "generated pages are searchable"


def test_two_builds_of_the_same_input_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    files_first = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_second = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_first == files_second
    different = [str(name) for name in files_first if (first / name).read_bytes() != (second / name).read_bytes()]
    assert different == [], f"files that differ between two builds: {different}"
    assert len(files_first) > 50


def test_only_the_sitemap_and_review_ages_carry_the_build_date(two_builds: tuple[Path, Path], tmp_path: Path) -> None:
    """The exception above, pinned down: a build a day later differs in the sitemap and in day counts only."""
    first = two_builds[0]
    other_day = build_site(copy_example_site(tmp_path / "other-day"), env={"SOURCE_DATE_EPOCH": "1790899200"})
    different = sorted(
        p.relative_to(first).as_posix()
        for p in first.rglob("*")
        if p.is_file() and p.read_bytes() != (other_day / p.relative_to(first)).read_bytes()
    )
    assert {"sitemap.xml", "sitemap.xml.gz"} <= set(different)
    for name in set(different) - {"sitemap.xml", "sitemap.xml.gz"}:
        before = (first / name).read_text(encoding="utf-8").splitlines()
        after = (other_day / name).read_text(encoding="utf-8").splitlines()
        changed = [
            line
            for line in difflib.unified_diff(before, after, lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        not_ages = [line for line in changed if not re.search(r"\d+ days?\b", line)]
        assert not_ages == [], f"{name} changes with the build date beyond review ages: {not_ages[:5]}"
