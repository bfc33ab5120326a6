"""The Atom feed of recently reviewed profiles and the ``profiles.json`` export."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import jsonschema
from helpers import FULL_PROFILE, OTHER_PROFILES, Site, profiles_plugin, resolve_link

from mkdocs_profiles.jsonschema import profile_schema

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check_atom(text: str) -> ET.Element:
    """Checks RFC 4287's rules for a feed and its entries, and that feedparser reads it as Atom 1.0."""
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{tag}")) == 1, tag
    assert RFC3339.match(feed.findtext(f"{A}updated") or "")
    assert feed.find(f"{A}author/{A}name") is not None  # so entries need no author of their own
    assert re.match(r"^[a-z][a-z0-9+.-]*:", feed.findtext(f"{A}id") or ""), "an id is an absolute IRI"
    ids = []
    for entry in feed.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        assert re.match(r"^[a-z][a-z0-9+.-]*:", entry.findtext(f"{A}id") or "")
        assert [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        ids.append(entry.findtext(f"{A}id"))
    assert len(ids) == len(set(ids)), "entry ids are unique"
    return feed


def test_the_feed_is_valid_atom_with_reviewed_profiles_newest_first(site: Site) -> None:
    site.profile("ada", {"name": "Ada", "summary": "First.", "last_reviewed": "2026-03-18", "topics": ["Compilers"]})
    site.profile("bob", {"name": "Bob", "summary": "Second <b>&</b>.", "last_reviewed": "2026-05-01"})
    site.profile("cy", {"name": "Cy", "summary": "Same day as Bob.", "last_reviewed": "2026-05-01"})
    site.profile("dee", {"name": "Dee", "summary": "Never reviewed."})
    site.profile("eve", {"name": "Eve", "summary": "Draft.", "last_reviewed": "2027-01-01", "draft": True})
    site.build()
    text = (site.site_dir / "profiles" / "feed.xml").read_text(encoding="utf-8")
    feed = check_atom(text)
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Bob", "Cy", "Ada"]
    assert feed.findtext(f"{A}updated") == "2026-05-01T00:00:00Z"
    assert [e.findtext(f"{A}updated") for e in entries] == ["2026-05-01T00:00:00Z"] * 2 + ["2026-03-18T00:00:00Z"]
    bob = entries[0]
    assert bob.findtext(f"{A}id") == "https://example.org/profiles/bob/"
    assert bob.find(f"{A}link").get("href") == "https://example.org/profiles/bob/"  # type: ignore[union-attr]
    assert bob.findtext(f"{A}summary") == "Second <b>&</b>."
    assert [c.get("term") for c in entries[2].findall(f"{A}category")] == ["Compilers"]
    self_link = [link.get("href") for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
    assert self_link == ["https://example.org/profiles/feed.xml"]
    # Every generated page links to it, relatively.
    for url in ("profiles/", "profiles/ada/", "topics/"):
        links = site.html(url).find_all("link", type="application/atom+xml")
        assert len(links) == 1, url
        assert (
            resolve_link(site.site_dir, site.page_file(url), links[0]["href"])
            == site.site_dir / "profiles" / "feed.xml"
        )


def test_without_site_url_links_are_relative_to_the_feed_and_ids_stay_absolute(site: Site) -> None:
    site.config.pop("site_url")
    site.profile("ada", {"name": "Ada", "summary": "First.", "last_reviewed": "2026-03-18"})
    site.build()
    path = site.site_dir / "profiles" / "feed.xml"
    feed = check_atom(path.read_text(encoding="utf-8"))
    [entry] = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}id", "").startswith("urn:uuid:")
    href = entry.find(f"{A}link").get("href")  # type: ignore[union-attr]
    assert href == "ada/"
    assert resolve_link(site.site_dir, path, href).is_file()
    first = path.read_bytes()
    site.build()
    assert path.read_bytes() == first, "ids and dates do not change between builds"


def test_no_reviewed_profile_means_no_feed_and_no_link(site: Site) -> None:
    site.profile("ada", {"name": "Ada", "summary": "Never reviewed."})
    site.build()
    assert not (site.site_dir / "profiles" / "feed.xml").exists()
    assert site.html("profiles/").find_all("link", type="application/atom+xml") == []


def test_feed_max_and_switching_things_off(site: Site) -> None:
    for day in range(1, 6):
        site.profile(f"p{day}", {"name": f"P{day}", "summary": "S.", "last_reviewed": f"2026-01-0{day}"})
    site.config["plugins"] = profiles_plugin(feed_max=2)
    site.build()
    feed = check_atom((site.site_dir / "profiles" / "feed.xml").read_text(encoding="utf-8"))
    assert [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")] == ["P5", "P4"]
    site.build(plugins=profiles_plugin(feed=False, json=False))
    assert not (site.site_dir / "profiles" / "feed.xml").exists()
    assert not (site.site_dir / "profiles" / "profiles.json").exists()


# profiles.json ---------------------------------------------------------------------------------------


def test_profiles_json_holds_every_published_profile_in_the_file_format(built_small_site: Site) -> None:
    document = json.loads((built_small_site.site_dir / "profiles" / "profiles.json").read_text(encoding="utf-8"))
    assert document["version"] == 1
    assert document["site_url"] == "https://example.org/"
    profiles = document["profiles"]
    published = {"ada-lovelace", *(slug for slug, data in OTHER_PROFILES.items() if not data.get("draft"))}
    assert {p["slug"] for p in profiles} == published
    assert [p["name"] for p in profiles] == sorted(p["name"] for p in profiles)
    ada = next(p for p in profiles if p["slug"] == "ada-lovelace")
    expected = {"slug": "ada-lovelace", **FULL_PROFILE}
    assert ada == expected
    assert document["pages"]["ada-lovelace"] == "https://example.org/profiles/ada-lovelace/"
    validator = jsonschema.Draft7Validator(profile_schema())
    for profile in profiles:
        errors = [e.message for e in validator.iter_errors(profile)]
        assert errors == [], profile["slug"]


def test_profiles_json_of_a_minimal_profile_has_no_defaults(built_small_site: Site) -> None:
    document = json.loads((built_small_site.site_dir / "profiles" / "profiles.json").read_text(encoding="utf-8"))
    bob = next(p for p in document["profiles"] if p["slug"] == "bob-barker")
    assert bob == {
        "name": "Bob Barker",
        "summary": "Minimal profile with nothing else.",
        "slug": "bob-barker",
    }
