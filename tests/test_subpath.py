"""The example site published under a sub-path, as GitHub Pages does for a project site."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import copy_example_site
from helpers import Site, broken_links, html_files

SITE_URL = "https://example.github.io/project/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = copy_example_site(tmp_path_factory.mktemp("subpath-site"))
    config = site.root / "mkdocs.yml"
    text, count = re.subn(r"(?m)^site_url:.*$", f"site_url: {SITE_URL}", config.read_text(encoding="utf-8"))
    assert count == 1, "the example mkdocs.yml has one site_url line"
    config.write_text(text, encoding="utf-8")
    site.build(strict=True)
    return site


def test_every_internal_link_and_asset_resolves(subpath_site: Site) -> None:
    pages = [p for p in html_files(subpath_site.site_dir) if p.name != "404.html"]  # 404 is root-absolute on purpose
    assert len(pages) > 20
    problems = {p.relative_to(subpath_site.site_dir).as_posix(): broken_links(subpath_site.site_dir, p) for p in pages}
    assert {page: found for page, found in problems.items() if found} == {}
    # Our own assets are among them, linked from every page.
    directory = subpath_site.html("profiles/")
    assert directory.find("script", src=re.compile(r"assets/profiles/filter\.js$")) is not None
    assert directory.find("link", href=re.compile(r"assets/profiles/profiles\.css$")) is not None


def test_absolute_addresses_carry_the_sub_path(subpath_site: Site) -> None:
    profile = next(p for p in (subpath_site.site_dir / "profiles").iterdir() if (p / "index.html").is_file())
    url = f"profiles/{profile.name}/"
    page = subpath_site.html(url)
    assert [link["href"] for link in page.find_all("link", rel="canonical")] == [SITE_URL + url]
    assert [m["content"] for m in page.find_all("meta", property="og:url")] == [SITE_URL + url]
    [jsonld] = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert jsonld["url"] == SITE_URL + url
    feed = ET.parse(subpath_site.site_dir / "profiles" / "feed.xml").getroot()
    hrefs = [link.get("href", "") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert hrefs and all(href.startswith(SITE_URL) for href in hrefs)
    data = json.loads((subpath_site.site_dir / "profiles" / "profiles.json").read_text(encoding="utf-8"))
    assert data["pages"] and all(address.startswith(SITE_URL) for address in data["pages"].values())
    sitemap = ET.parse(subpath_site.site_dir / "sitemap.xml").getroot()
    locations = [loc.text or "" for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert SITE_URL + url in locations and all(loc.startswith(SITE_URL) for loc in locations)


def test_linked_files_exist_for_every_generated_data_file(subpath_site: Site) -> None:
    for relative in ("profiles/feed.xml", "profiles/profiles.json", "assets/profiles/filter.js"):
        assert Path(subpath_site.site_dir / relative).is_file(), relative
