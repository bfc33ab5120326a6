"""Search engines and link previews: JSON-LD, canonical URL, meta description, Open Graph and Twitter tags."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import FULL_PROFILE, Site, profiles_plugin

from mkdocs_profiles.seo import orcid_id, present_tags, script_json

HOSTILE_NAME = 'Eve </script><script>alert(1)</script> & "Mallory"'
HOSTILE_SUMMARY = "Breaks out with </script><!-- and \u2028 line separators & <b>tags</b>."


def jsonld(site: Site, url: str) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page, parsed."""
    return [json.loads(s.string) for s in site.html(url).find_all("script", type="application/ld+json")]


def meta(site: Site, url: str, **attributes: str) -> list[str]:
    """The ``content`` of every ``<meta>`` with these attributes (``property="og:title"``...)."""
    return [m["content"] for m in site.html(url).find_all("meta", attrs=attributes)]


def test_profile_page_has_profilepage_jsonld_with_the_person(built_small_site: Site) -> None:
    [data] = jsonld(built_small_site, "profiles/ada-lovelace/")
    url = "https://example.org/profiles/ada-lovelace/"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ProfilePage"
    assert data["url"] == url
    assert data["lastReviewed"] == "2026-03-18"
    assert data["dateModified"] == "2026-03-18"
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == FULL_PROFILE["name"]
    assert person["description"] == FULL_PROFILE["summary"]
    assert person["jobTitle"] == FULL_PROFILE["role"]
    assert [o["name"] for o in person["affiliation"]] == ["MIT", "NVIDIA"]
    assert [o["name"] for o in person["worksFor"]] == ["MIT", "NVIDIA"]
    assert all(o["@type"] == "Organization" for o in person["affiliation"])
    assert person["knowsAbout"] == FULL_PROFILE["topics"]
    assert sorted(person["sameAs"]) == sorted(FULL_PROFILE["links"].values())
    assert person["url"] == url
    assert "identifier" not in person  # no ORCID link on this profile


def test_profile_without_optional_fields_has_no_empty_keys(built_small_site: Site) -> None:
    [data] = jsonld(built_small_site, "profiles/bob-barker/")
    person = data["mainEntity"]
    assert set(person) == {"@type", "@id", "url", "name", "description"}
    assert "lastReviewed" not in data and "dateModified" not in data


def test_meta_description_canonical_and_social_tags(built_small_site: Site) -> None:
    url = "profiles/ada-lovelace/"
    page = built_small_site.html(url)
    summary = FULL_PROFILE["summary"]
    assert meta(built_small_site, url, name="description") == [summary]
    assert [link["href"] for link in page.find_all("link", rel="canonical")] == [f"https://example.org/{url}"]
    assert meta(built_small_site, url, property="og:type") == ["profile"]
    assert meta(built_small_site, url, property="og:title") == ["Ada Lovelace"]
    assert meta(built_small_site, url, property="og:description") == [summary]
    assert meta(built_small_site, url, property="og:url") == [f"https://example.org/{url}"]
    assert meta(built_small_site, url, property="og:site_name") == ["Test Site"]
    assert meta(built_small_site, url, name="twitter:card") == ["summary"]
    assert meta(built_small_site, url, name="twitter:title") == ["Ada Lovelace"]
    assert meta(built_small_site, url, name="twitter:description") == [summary]


def test_index_pages_get_tags_but_no_person(built_small_site: Site) -> None:
    for url in ("profiles/", "topics/", "organizations/", "topics/long-context/"):
        assert jsonld(built_small_site, url) == [], url
        assert meta(built_small_site, url, property="og:type") == ["website"], url
        assert len(meta(built_small_site, url, name="description")) == 1, url


def test_hand_written_pages_are_left_alone(built_small_site: Site) -> None:
    assert meta(built_small_site, "", property="og:title") == []
    assert jsonld(built_small_site, "") == []


def test_orcid_becomes_the_identifier(site: Site) -> None:
    site.profile(
        "ada",
        {
            "name": "Ada",
            "summary": "Short.",
            "links": {"orcid": "https://orcid.org/0000-0002-1825-0097", "github": "https://github.com/ada"},
        },
    )
    site.build()
    person = jsonld(site, "profiles/ada/")[0]["mainEntity"]
    assert person["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "ORCID",
        "value": "0000-0002-1825-0097",
        "url": "https://orcid.org/0000-0002-1825-0097",
    }
    assert "https://orcid.org/0000-0002-1825-0097" in person["sameAs"]


def test_hostile_text_cannot_break_out_of_the_head(site: Site) -> None:
    site.profile("eve", {"name": HOSTILE_NAME, "summary": HOSTILE_SUMMARY, "role": "</title><script>x()</script>"})
    site.build()
    text = site.page_file("profiles/eve/").read_text(encoding="utf-8")
    # Escaped everywhere: as &lt; in attributes and text, as \u003c inside the JSON-LD.
    assert "<script>alert(1)" not in text and "<script>x()" not in text
    [data] = jsonld(site, "profiles/eve/")
    assert data["mainEntity"]["name"] == HOSTILE_NAME
    assert data["mainEntity"]["description"] == HOSTILE_SUMMARY
    assert data["mainEntity"]["jobTitle"] == "</title><script>x()</script>"
    assert meta(site, "profiles/eve/", property="og:title") == [HOSTILE_NAME]
    assert meta(site, "profiles/eve/", name="twitter:description") == [HOSTILE_SUMMARY]
    assert meta(site, "profiles/eve/", name="description") == [HOSTILE_SUMMARY]
    scripts = site.html("profiles/eve/").find_all("script")
    assert not any("alert(1)" in (s.string or "") and s.get("type") != "application/ld+json" for s in scripts)


def test_without_site_url_there_is_no_canonical_and_no_absolute_url(site: Site) -> None:
    site.config.pop("site_url")
    site.profile("ada", {"name": "Ada", "summary": "Short."})
    site.build()
    [data] = jsonld(site, "profiles/ada/")
    assert "url" not in data and "url" not in data["mainEntity"]
    assert site.html("profiles/ada/").find_all("link", rel="canonical") == []
    assert meta(site, "profiles/ada/", property="og:url") == []
    assert meta(site, "profiles/ada/", property="og:title") == ["Ada"]


def test_seo_option_turns_the_tags_off(site: Site) -> None:
    site.config["plugins"] = profiles_plugin(seo=False)
    site.profile("ada", {"name": "Ada", "summary": "Short."})
    site.build()
    assert jsonld(site, "profiles/ada/") == []
    assert meta(site, "profiles/ada/", property="og:title") == []
    # Material's own description stays.
    assert meta(site, "profiles/ada/", name="description") == ["Short."]


def test_script_json_is_safe_inside_script_and_means_the_same() -> None:
    data = {"a": "</script><!-- & \u2028 >"}
    text = str(script_json(data))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_present_tags_sees_what_the_theme_and_social_plugin_write() -> None:
    head = (
        '<meta name="description" content="x"><link rel="canonical" href="y"><meta property="og:title" content="z" />'
    )
    found = present_tags(head)
    assert found.description and found.canonical and found.open_graph and not found.twitter
    assert not present_tags("<title>t</title>").description


def test_orcid_id_is_read_from_the_link() -> None:
    assert orcid_id("https://orcid.org/0000-0001-2345-678X") == "0000-0001-2345-678X"
    assert orcid_id("https://example.org/ada") is None


# Material's social plugin -----------------------------------------------------------------------------
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _imaging_problem() -> str | None:
    for module in ("PIL", "cairosvg"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install 'mkdocs-material[imaging]')"
    try:
        import cairosvg  # noqa: F401
    except OSError as error:  # the Cairo library itself is missing
        return f"cairosvg cannot load Cairo: {error}"
    if not (FONTS / "DejaVuSans.ttf").is_file():
        return f"no DejaVu fonts in {FONTS} (Debian's fonts-dejavu-core) to stand in for Google Fonts offline"
    return None


@pytest.mark.skipif(_imaging_problem() is not None, reason=str(_imaging_problem()))
def test_material_social_plugin_makes_cards_for_profile_pages(site: Site) -> None:
    # The social plugin downloads its font from Google Fonts unless the font is in its cache: put DejaVu
    # there under the theme's font name, so the test runs offline.
    cache = site.root / ".cache" / "plugin" / "social" / "fonts" / "Roboto"
    cache.mkdir(parents=True)
    for style, file in {"Regular": "DejaVuSans.ttf", "Bold": "DejaVuSans-Bold.ttf"}.items():
        shutil.copyfile(FONTS / file, cache / f"{style}.ttf")
    site.doc("index.md", "# Home\n")
    site.profile("tom", {"name": 'Tom & "Jerry" <Cat>', "summary": "Chases & is chased."})
    site.config["plugins"] = ["search", "social", "profiles"]
    site.build()
    card = site.site_dir / "assets" / "images" / "social" / "profiles" / "tom.png"
    assert card.is_file() and card.stat().st_size > 1000
    url = "profiles/tom/"
    # The plugin's cards replace ours: one og:title, from the social plugin, with the name intact.
    assert meta(site, url, property="og:title") == ['Tom & "Jerry" <Cat> - Test Site']
    assert meta(site, url, property="og:image") == ["https://example.org/assets/images/social/profiles/tom.png"]
    assert meta(site, url, property="twitter:card") == ["summary_large_image"]
    assert meta(site, url, name="twitter:card") == []
    assert len(jsonld(site, url)) == 1
