"""Full ``mkdocs build`` runs of real sites in temporary folders, checked in the generated HTML."""

from __future__ import annotations

import json
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_example_site
from helpers import (
    FULL_PROFILE,
    Site,
    broken_links,
    html_files,
    listing,
    normalised_text,
    profiles_plugin,
    soup,
    text_files,
)
from mkdocs.exceptions import Abort

GENERATED_FOLDERS = ("profiles", "topics", "organizations")


def in_order(text: str, fragments: list[str]) -> None:
    """Assert every fragment occurs in ``text``, each after the one before."""
    position = 0
    for fragment in fragments:
        found = text.find(fragment, position)
        assert found != -1, f"{fragment!r} missing after position {position} (or out of order)"
        position = found + len(fragment)


def generated_pages(site_dir: Path) -> list[Path]:
    return [p for folder in GENERATED_FOLDERS for p in html_files(site_dir / folder)]


def primary_nav(page: Any) -> Any:
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    return nav


def build_failure(site: Site, caplog: pytest.LogCaptureFixture, **overrides: Any) -> str:
    """Build a site that must fail; return what MkDocs logged."""
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        site.build(**overrides)
    return caplog.text


# The repository's own site ------------------------------------------------------------------------------


def test_the_example_site_builds_strict_with_a_page_per_published_profile(example_site: Site) -> None:
    repository_profiles = sorted(p.stem for p in (example_site.root / "profiles").glob("*.yml"))
    assert len(repository_profiles) >= 8
    built = sorted(p.parent.name for p in (example_site.site_dir / "profiles").glob("*/index.html"))
    drafts = [
        stem
        for stem in repository_profiles
        if "draft: true" in (example_site.root / "profiles" / f"{stem}.yml").read_text()
    ]
    assert built == sorted(set(repository_profiles) - set(drafts))
    for draft in drafts:
        assert not any(draft in path.read_text(encoding="utf-8") for path in text_files(example_site.site_dir))


def test_the_sample_researcher_page_holds_every_section_of_the_sample(example_site: Site) -> None:
    article = example_site.article("profiles/song-han/")
    in_order(
        normalised_text(article),
        [
            "A strong systems page because his work repeatedly shows up",
            "Researcher Profile",
            "Editor reviewed",
            "Song Han",
            "Streaming + long-context stability (attention sinks)",
            "Associate professor at MIT and distinguished scientist at NVIDIA",
            "One of the clearest researchers to follow for efficient AI systems",
            "Organizations",
            "Topics",
            "About This Page",
            "This profile is meant to help you get oriented quickly",
            "Last reviewed",
            "March 18, 2026",
            "Known For",
            "The ideas, systems, and research directions that make this person worth knowing.",
            "01",
            "Model compression and quantization",
            "06",
            "Long context",
            "Start Here",
            "Canonical papers, project pages, or repositories that anchor this profile.",
            "Signature Works",
            "Additional papers, projects, or repositories that help flesh out the profile.",
            "Supporting Sources",
            "Additional links that help verify and flesh out this profile.",
            "Related Researchers",
            "People worth exploring next because they share topics, labs, or source material",
        ],
    )
    cards = article.select("h2#related ~ div li.pf-person")
    assert [normalised_text(card.find("a")) for card in cards[:2]] == ["Guangxuan Xiao", "Ji Lin"]
    assert 2 < len(cards) <= 5


def test_the_example_site_links_all_resolve(example_site: Site) -> None:
    # (MkDocs writes 404.html with absolute links on purpose: it is served at any depth.)
    for page in [p for p in html_files(example_site.site_dir) if p.name != "404.html"]:
        assert broken_links(example_site.site_dir, page) == [], page


def test_the_example_site_builds_strict_from_the_command_line(tmp_path: Path) -> None:
    copied = copy_example_site(tmp_path)
    run = copied.run("--strict")
    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output and "Traceback" not in run.output
    assert (copied.site_dir / "profiles" / "song-han" / "index.html").is_file()


# The standard small site ----------------------------------------------------------------------------------


def test_a_full_profile_page_has_every_section_in_order(built_small_site: Site) -> None:
    article = built_small_site.article("profiles/ada-lovelace/")
    in_order(
        normalised_text(article),
        [
            FULL_PROFILE["summary"],
            "Researcher Profile",
            "Editor reviewed",
            "Ada Lovelace",
            FULL_PROFILE["focus"],
            FULL_PROFILE["role"],
            "One of the clearest researchers to follow.",
            "Organizations",
            "MIT",
            "NVIDIA",
            "Topics",
            "Long context",
            "Quantization",
            "About This Page",
            "Last reviewed",
            "March 18, 2026",
            "Known For",
            "01",
            "Model compression",
            "02",
            "03",
            "Start Here",
            "Efficient Streaming Language Models with Attention Sinks",
            "Signature Works",
            "SmoothQuant",
            "Supporting Sources",
            "Lab page",
            "Related Researchers",
            "Grace Hopper",
            "Curated note about Grace.",
            "Carol Shaw",
            "Shares:",
        ],
    )
    links = article.select("header a[href^='https://']")
    assert {a["href"] for a in links} == {"https://example.org/ada", "https://github.com/ada"}
    assert all(a.find("svg") is not None for a in links), "links are icon links"
    assert all(li.find("svg") is not None for li in article.select("li.pf-work")), "each work has a kind icon"
    # One h1: Material does not add a second title above the generated one.
    assert [normalised_text(h) for h in article.find_all("h1")] == ["Ada Lovelace"]


def test_empty_sections_are_left_out(built_small_site: Site) -> None:
    article = built_small_site.article("profiles/bob-barker/")
    assert [h.get("id") for h in article.find_all("h2")] == ["about"]
    text = normalised_text(article)
    for absent in (
        "Editor reviewed",
        "Last reviewed",
        "Known For",
        "Start Here",
        "Signature Works",
        "Related Researchers",
    ):
        assert absent not in text


def test_the_directory_lists_published_profiles_sorted_by_name(built_small_site: Site) -> None:
    article = built_small_site.article("profiles/")
    cards = article.select("li.pf-person")
    assert [normalised_text(card.find("a")) for card in cards] == [
        "Ada Lovelace",
        "Bob Barker",
        "Carol Shaw",
        "Grace Hopper",
        "Hal Hacker",
    ]
    assert "Tiny machines" in normalised_text(cards[2]) and "Games on tiny machines." in normalised_text(cards[2])


def test_topic_and_organization_indexes_with_counts(built_small_site: Site) -> None:
    topics = {
        normalised_text(li.find("a")): normalised_text(li) for li in built_small_site.article("topics/").select("li")
    }
    assert "4 profiles" in topics["Long context"]
    assert "1 profile" in topics["Compilers"]
    organizations = {
        normalised_text(li.find("a")): normalised_text(li)
        for li in built_small_site.article("organizations/").select("li")
    }
    assert "2 profiles" in organizations["MIT"] and "1 profile" in organizations["NVIDIA"]
    topic = built_small_site.article("topics/long-context/")
    assert normalised_text(topic.find("h1")) == "Long context"
    people = [normalised_text(li.find("a")) for li in topic.select("li.pf-person")]
    assert people == ["Ada Lovelace", "Carol Shaw", "Grace Hopper", "Hal Hacker"]
    org = built_small_site.article("organizations/mit/")
    assert [normalised_text(li.find("a")) for li in org.select("li.pf-person")] == [
        "Ada Lovelace",
        "Carol Shaw",
    ]


def test_related_cards_show_name_summary_and_why(built_small_site: Site) -> None:
    cards = built_small_site.article("profiles/ada-lovelace/").select("li.pf-person")
    grace, carol, hal = cards
    assert "Curated note about Grace." in normalised_text(grace)
    assert "Compilers before anyone called them that." in normalised_text(grace)
    reason = carol.select_one(".pf-person__reason")
    assert reason is not None and normalised_text(reason).startswith("Shares:")
    assert "1 work" in normalised_text(reason) and "MIT" in normalised_text(reason)
    assert normalised_text(hal.select_one(".pf-person__reason")) == "Shares: Long context"
    assert carol.find("a")["href"] == "../carol-shaw/"


def test_drafts_are_absent_everywhere_in_the_output(built_small_site: Site) -> None:
    site_dir = built_small_site.site_dir
    assert not (site_dir / "profiles" / "dora-draft").exists()
    assert not any("draftonly" in p.name for p in site_dir.rglob("*"))
    for path in text_files(site_dir):
        text = path.read_text(encoding="utf-8").lower()
        for secret in ("draftina", "dora-draft", "draftonly", "unpublished draft summary"):
            assert secret not in text, f"{secret} in {path}"
    assert (site_dir / "sitemap.xml").is_file() and (site_dir / "search" / "search_index.json").is_file()


def test_generated_pages_are_in_search_and_the_sitemap(built_small_site: Site) -> None:
    site_dir = built_small_site.site_dir
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"]: doc for doc in index["docs"]}
    for url in (
        "profiles/",
        "topics/",
        "organizations/",
        "profiles/ada-lovelace/",
        "topics/long-context/",
        "organizations/mit/",
    ):
        assert url in locations, url
    assert locations["profiles/ada-lovelace/"]["title"] == "Ada Lovelace"
    assert "Known For" in [doc["title"] for loc, doc in locations.items() if loc.startswith("profiles/ada-lovelace/#")]
    assert "first program" in json.dumps(index)  # the bio is searchable
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(site_dir / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)}
    for url in ("profiles/", "profiles/ada-lovelace/", "topics/long-context/", "organizations/mit/"):
        assert f"https://example.org/{url}" in locs


def test_generated_pages_have_a_table_of_contents(built_small_site: Site) -> None:
    page = built_small_site.html("profiles/ada-lovelace/")
    toc = page.select_one("nav.md-nav--secondary")
    assert toc is not None
    entries = [(a["href"], normalised_text(a)) for a in toc.find_all("a")]
    assert entries == [
        ("#organizations", "Organizations"),
        ("#topics", "Topics"),
        ("#about", "About This Page"),
        ("#known-for", "Known For"),
        ("#start-here", "Start Here"),
        ("#signature-works", "Signature Works"),
        ("#supporting-sources", "Supporting Sources"),
        ("#related", "Related Researchers"),
    ]
    for href, _ in entries:
        assert page.find(id=href[1:]) is not None


def test_pages_have_the_escaped_title_and_meta_description(built_small_site: Site) -> None:
    page = built_small_site.html("profiles/ada-lovelace/")
    assert page.title is not None and page.title.get_text() == "Ada Lovelace - Test Site"
    assert page.find("meta", attrs={"name": "description"})["content"] == FULL_PROFILE["summary"]


def test_every_local_link_resolves_with_directory_urls(built_small_site: Site) -> None:
    pages = generated_pages(built_small_site.site_dir)
    assert len(pages) >= 10
    for page in pages:
        assert broken_links(built_small_site.site_dir, page) == [], page


def test_the_stylesheet_is_published(built_small_site: Site) -> None:
    page = built_small_site.html("profiles/ada-lovelace/")
    sheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any(href.endswith("assets/profiles/profiles.css") for href in sheets)
    assert (built_small_site.site_dir / "assets" / "profiles" / "profiles.css").is_file()


def test_auto_nav_has_one_profiles_section_without_profile_pages(built_small_site: Site) -> None:
    for url in ("", "profiles/ada-lovelace/"):
        nav = primary_nav(built_small_site.html(url))
        hrefs = [a.get("href") for a in nav.find_all("a")]
        assert not any("ada-lovelace" in h or "carol-shaw" in h for h in hrefs), hrefs
        top_level = nav.find("ul", recursive=False).find_all("li", recursive=False)
        assert [normalised_text(li.find(["a", "label"])) for li in top_level] == ["Home", "Profiles"]
        assert "md-nav__item--nested" in top_level[1]["class"]
        # The section holds the directory, topics and organizations, in that order.
        texts = [normalised_text(a) for a in nav.find_all("a") if normalised_text(a)]
        in_order(" | ".join(texts), ["Profiles", "Topics", "Organizations"])
    index_nav = primary_nav(built_small_site.html(""))
    assert [a["href"] for a in index_nav.find_all("a") if normalised_text(a) in ("Topics", "Organizations")] == [
        "topics/",
        "organizations/",
    ]


# Sites built one way or another ---------------------------------------------------------------------------


def test_without_directory_urls_every_local_link_resolves(small_site: Site) -> None:
    site_dir = small_site.build(use_directory_urls=False)
    assert (site_dir / "profiles" / "ada-lovelace.html").is_file()
    assert (site_dir / "topics" / "long-context.html").is_file()
    assert (site_dir / "profiles" / "index.html").is_file()
    pages = generated_pages(site_dir)
    assert len(pages) >= 10
    for page in pages:
        assert broken_links(site_dir, page) == [], page
    article = small_site.article("profiles/ada-lovelace.html")
    hrefs = [a["href"] for a in article.find_all("a")]
    assert "carol-shaw.html" in hrefs and "../topics/long-context.html" in hrefs


def test_a_site_under_a_sub_path_uses_relative_links_only(small_site: Site) -> None:
    site_dir = small_site.build(site_url="https://example.github.io/project/sub/")
    for page in generated_pages(site_dir):
        assert broken_links(site_dir, page) == [], page
        for a in soup(page.read_text(encoding="utf-8")).select("article a[href]"):
            assert not a["href"].startswith("/"), (page, a["href"])
    page = small_site.html("profiles/ada-lovelace/")
    assert page.find("link", rel="canonical")["href"] == "https://example.github.io/project/sub/profiles/ada-lovelace/"
    assert "https://example.github.io/project/sub/profiles/ada-lovelace/" in (site_dir / "sitemap.xml").read_text()


def test_url_prefixes_are_configurable(small_site: Site) -> None:
    site_dir = small_site.build(
        plugins=profiles_plugin(profiles_url="people", topics_url="areas", organizations_url="labs")
    )
    assert (site_dir / "people" / "ada-lovelace" / "index.html").is_file()
    assert (site_dir / "areas" / "long-context" / "index.html").is_file()
    assert (site_dir / "labs" / "mit" / "index.html").is_file()
    assert not (site_dir / "profiles").exists()
    for folder in ("people", "areas", "labs"):
        for page in html_files(site_dir / folder):
            assert broken_links(site_dir, page) == [], page


@pytest.mark.parametrize(
    ("relative", "generated"),
    [
        ("profiles/index.md", "profiles/index.md"),  # same source path
        ("profiles/ada-lovelace/index.md", "profiles/ada-lovelace.md"),  # same URL, profiles/ada-lovelace/
        ("topics.md", "topics/index.md"),  # same URL, topics/
        ("organizations/mit.md", "organizations/mit.md"),
    ],
)
def test_a_conflict_with_a_hand_written_page_fails_naming_both(
    small_site: Site, caplog: pytest.LogCaptureFixture, relative: str, generated: str
) -> None:
    small_site.doc(relative, "# Hand-written\n")
    log = build_failure(small_site, caplog)
    assert f"'{generated}'" in log and f"'{relative}'" in log, log
    assert "Hand-written" not in "".join(p.read_text(encoding="utf-8") for p in html_files(small_site.site_dir))


def test_a_static_file_at_a_generated_page_path_is_a_conflict(
    small_site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    small_site.doc("topics/index.html", "<p>hand-written topics</p>\n")
    log = build_failure(small_site, caplog)
    assert "topics/index.html" in log and "topics/index.md" in log, log


def test_explicit_nav_places_generated_pages_by_path_and_stays_quiet_about_the_rest(
    small_site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    small_site.doc("extra.md", "# Extra\n")  # a hand-written page left out: MkDocs must still say so
    caplog.set_level(logging.INFO)
    nav = [{"Home": "index.md"}, {"People": "profiles/index.md"}, {"Ada": "profiles/ada-lovelace.md"}]
    small_site.build(strict=False, nav=nav)
    messages = [r.getMessage() for r in caplog.records if "not included in the" in r.getMessage()]
    assert len(messages) == 1, messages
    assert "extra.md" in messages[0]
    for generated in ("profiles/", "topics/", "organizations/", "carol-shaw"):
        assert generated not in messages[0]
    nav = primary_nav(small_site.html(""))
    links = {normalised_text(a): a["href"] for a in nav.find_all("a") if normalised_text(a)}
    assert links.get("People") == "profiles/"
    assert links.get("Ada") == "profiles/ada-lovelace/"
    assert "Topics" not in links and "Organizations" not in links
    assert (small_site.site_dir / "topics" / "index.html").is_file()  # built, just not in the nav


def test_nav_profiles_puts_profile_pages_in_the_nav(small_site: Site) -> None:
    small_site.build(plugins=profiles_plugin(nav_profiles=True))
    nav = primary_nav(small_site.html(""))
    hrefs = [a.get("href") for a in nav.find_all("a")]
    assert "profiles/ada-lovelace/" in hrefs and "profiles/bob-barker/" in hrefs
    assert not any("dora-draft" in h for h in hrefs)


def test_labels_can_be_overridden_in_mkdocs_yml(small_site: Site) -> None:
    labels = {
        "known_for": "Famous For",
        "nav_section": "People",
        "about_text": "Our own words.",
        "directory_title": "Everyone",
    }
    small_site.build(plugins=profiles_plugin(labels=labels))
    article = small_site.article("profiles/ada-lovelace/")
    assert normalised_text(article.find("h2", id="known-for")) == "Famous For"
    assert "Our own words." in normalised_text(article)
    nav = primary_nav(small_site.html(""))
    assert "People" in [normalised_text(label) for label in nav.find_all("label")]
    assert normalised_text(small_site.article("profiles/").find("h1")) == "Everyone"


def test_an_unknown_label_fails_the_build_naming_it(small_site: Site, caplog: pytest.LogCaptureFixture) -> None:
    log = build_failure(small_site, caplog, plugins=profiles_plugin(labels={"knwon_for": "x"}))
    assert "knwon_for" in log


def test_custom_dir_overrides_a_whole_template(small_site: Site) -> None:
    small_site.write(
        "overrides/profiles/profile.html",
        '<h1 id="own">Own template for {{ profile.name }}</h1>\n<h2 id="extra">Extra section</h2>\n',
    )
    small_site.build(theme={"name": "material", "custom_dir": "overrides"})
    page = small_site.html("profiles/ada-lovelace/")
    article = page.find("article")
    assert normalised_text(article.find("h1")) == "Own template for Ada Lovelace"
    assert "Known For" not in normalised_text(article)
    toc = page.select_one("nav.md-nav--secondary")
    assert [a["href"] for a in toc.find_all("a")] == ["#extra"]
    # Other pages keep the packaged templates.
    assert small_site.article("profiles/").select("li.pf-person")


def test_custom_dir_overrides_a_single_block(small_site: Site) -> None:
    small_site.write(
        "overrides/profiles/profile.html",
        '{% extends "profiles/layouts/profile.html" %}\n'
        '{% block known_for %}<h2 id="highlights">Highlights</h2>'
        "<p>{{ profile.known_for | length }} things</p>{% endblock %}\n",
    )
    small_site.build(theme={"name": "material", "custom_dir": "overrides"})
    page = small_site.html("profiles/ada-lovelace/")
    article = page.find("article")
    in_order(
        normalised_text(article),
        ["About This Page", "Highlights", "3 things", "Start Here", "Related Researchers"],
    )
    assert article.find("h2", id="known-for") is None
    toc = [a["href"] for a in page.select_one("nav.md-nav--secondary").find_all("a")]
    assert "#highlights" in toc and "#known-for" not in toc


def test_a_script_name_appears_only_escaped(site: Site) -> None:
    evil = "<script>alert(1)</script>"
    site.doc("index.md", "# Home\n")
    site.profile("evil", {"name": evil, "summary": f'Summary {evil} "quoted"', "topics": ["T"], "focus": evil})
    site.profile("other", {"name": "Other", "summary": "Plain.", "topics": ["T"]})
    site_dir = site.build(plugins=profiles_plugin(nav_profiles=True))
    # HTML, the sitemap and the search index (Material shows its titles as HTML); data exports hold raw text.
    for path in [*html_files(site_dir), site_dir / "sitemap.xml", site_dir / "search" / "search_index.json"]:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, path
    page = site.html("profiles/evil/")
    assert page.title is not None and page.title.get_text() == f"{evil} - Test Site"
    assert page.find("meta", attrs={"name": "description"})["content"] == f'Summary {evil} "quoted"'
    assert normalised_text(page.find("article").find("h1")) == evil
    nav_texts = [normalised_text(a) for a in primary_nav(page).find_all("a")]
    assert evil in nav_texts
    directory = site.article("profiles/")
    assert evil in [normalised_text(li.find("a")) for li in directory.select("li.pf-person")]
    related = site.article("profiles/other/")
    assert evil in [normalised_text(li.find("a")) for li in related.select("li.pf-person")]
    # Structured data may carry the name, but JSON-escaped so it cannot close the <script> element.
    for script in page.find_all("script"):
        if "alert(1)" in (script.string or ""):
            assert script.get("type") == "application/ld+json" and "<" not in script.string, script


def test_bio_uses_the_site_markdown_but_stays_safe(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    bio = (
        '!!! note "Heads up"\n    Inside an admonition.\n\n'
        "Some **bold**. <img src=x onerror=alert(1)> <b>raw</b>\n\n"
        "[click](javascript:alert(1))\n"
    )
    site.profile("ada", {"name": "Ada", "summary": "x", "bio": bio, "known_for": ["*Notes* <i>raw</i>"]})
    site.build(markdown_extensions=["admonition", "attr_list", "md_in_html"])
    article = site.article("profiles/ada/")
    assert normalised_text(article.select_one("div.admonition .admonition-title")) == "Heads up"
    assert article.find("strong") is not None
    assert article.find("img") is None and article.find("b") is None and article.find("i") is None
    assert "<img src=x onerror=alert(1)>" in article.get_text()
    assert all("javascript" not in (a.get("href") or "").lower() for a in article.find_all("a"))
    assert article.select_one("ol em") is not None


def test_the_plugin_never_writes_into_docs_or_profiles(small_site: Site) -> None:
    docs, profiles = small_site.root / "docs", small_site.root / "profiles"
    before = (listing(docs), listing(profiles))
    small_site.build()
    small_site.build(use_directory_urls=False)
    assert (listing(docs), listing(profiles)) == before
    assert (small_site.site_dir / "profiles" / "ada-lovelace.html").is_file()


def test_markdown_profile_files_are_published(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("ada", "---\nname: Ada\nsummary: x\n---\nShe wrote **notes**.\n", suffix=".md")
    site.build()
    assert site.article("profiles/ada/").find("strong").get_text() == "notes"


def test_a_site_without_profiles_folder_fails_clearly(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    site.doc("index.md", "# Home\n")
    log = build_failure(site, caplog)
    assert "profiles" in log and "does not exist" in log


# Bad input fails the build with a located message and no traceback ---------------------------------------

GOOD = b"name: Good Person\nsummary: Fine.\n"

BAD_INPUTS: list[tuple[str, bytes, list[str]]] = [
    ("broken.yml", b"name: Ada\nsummary: [unclosed\n", ["profiles/broken.yml:2:", "not valid YAML"]),
    ("latin1.yml", b"name: Ada\nsummary: Caf\xe9\n", ["profiles/latin1.yml:2:", "not UTF-8"]),
    ("empty.yml", b"", ["profiles/empty.yml: the file is empty"]),
    ("a-list.yml", b"- name: Ada\n  summary: x\n", ["profiles/a-list.yml:1:", "expected a mapping"]),
    ("missing.yml", b"name: Ada\n", ["profiles/missing.yml:1:", "missing required key 'summary'"]),
    (
        "boolean.yml",
        b"name: yes\nsummary: x\n",
        ["profiles/boolean.yml:1: name: expected text, got a boolean"],
    ),
    (
        "song-han.yml",
        b"name: Song Han\nsummary: x\ntopics: 12\n",
        ["profiles/song-han.yml:3: topics: expected a list of text, got a number"],
    ),
    (
        "duplicate.yml",
        b"name: Ada\nsummary: x\nname: Again\n",
        ["profiles/duplicate.yml:3: name: duplicate key 'name'"],
    ),
    (
        "unknown.yml",
        b"name: Ada\nsummary: x\ntopcis: [a]\n",
        ["profiles/unknown.yml:3: topcis: unknown key 'topcis'", "did you mean 'topics'?"],
    ),
    (
        "date.yml",
        b"name: Ada\nsummary: x\nlast_reviewed: 2026-13-45\n",
        ["profiles/date.yml:3: last_reviewed:", "2026-13-45"],
    ),
    (
        "script.yml",
        b"name: Ada\nsummary: x\nstart_here:\n  - title: T\n    url: javascript:alert(1)\n",
        ["profiles/script.yml:5: start_here[0].url:", "not an http or https URL"],
    ),
    (
        "link.yml",
        b"name: Ada\nsummary: x\nlinks:\n  x: 'javascript:alert(1)'\n",
        ["profiles/link.yml:4: links.x:", "not an http"],
    ),
    ("slug.yml", b"name: Ada\nsummary: x\nslug: Not_A_Slug\n", ["profiles/slug.yml:3: slug:", "not a slug"]),
    (
        "twin.yml",
        b"name: Twin\nsummary: x\nslug: good\n",
        ["profiles/twin.yml:3: slug: two profiles have the slug 'good'", "profiles/good.yml"],
    ),
    (
        "bomb.yml",
        b"a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nname: *b\nsummary: x\n",
        ["profiles/bomb.yml:1:", "anchors and aliases"],
    ),
]


@pytest.mark.parametrize(("name", "raw", "expected"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_fails_the_build_with_a_located_message(
    site: Site, name: str, raw: bytes, expected: list[str]
) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("good", GOOD)
    site.write(f"profiles/{name}", raw)
    run = site.run()
    assert run.returncode != 0, run.output
    for fragment in expected:
        assert fragment in run.output, run.output
    assert "Traceback" not in run.output
    assert not (site.site_dir / "profiles" / "good" / "index.html").exists()


def test_every_bad_file_is_reported_in_one_run(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("good", GOOD)
    for name, raw, _ in BAD_INPUTS:
        site.write(f"profiles/{name}", raw)
    run = site.run()
    assert run.returncode != 0
    assert "Traceback" not in run.output
    for _, _, expected in BAD_INPUTS:
        for fragment in expected:
            assert fragment in run.output, fragment


def test_a_related_entry_naming_no_profile_is_a_warning_that_fails_strict(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("good", GOOD)
    site.profile("ada", b"name: Ada\nsummary: x\nrelated:\n  - good\n  - nobody\n")
    relaxed = site.run()
    assert relaxed.returncode == 0, relaxed.output
    assert (
        "WARNING" in relaxed.output
        and "profiles/ada.yml:5: related: no profile has the slug 'nobody'" in relaxed.output
    )
    assert (site.site_dir / "profiles" / "ada" / "index.html").is_file()
    strict = site.run("--strict")
    assert strict.returncode != 0
    assert "profiles/ada.yml:5: related:" in strict.output
    assert "Traceback" not in relaxed.output + strict.output


def test_a_related_entry_naming_a_draft_is_a_warning(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("good", GOOD + b"draft: true\n")
    site.profile("ada", b"name: Ada\nsummary: x\nrelated: [good]\n")
    run = site.run()
    assert run.returncode == 0, run.output
    assert "profiles/ada.yml:3: related:" in run.output and "draft" in run.output
    assert "Good Person" not in (site.site_dir / "profiles" / "ada" / "index.html").read_text(encoding="utf-8")


def test_hand_written_pages_can_link_to_generated_pages_and_their_sections(
    small_site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    small_site.doc(
        "index.md",
        "# Home\n\nSee [Ada](profiles/ada-lovelace.md),"
        " [what she is known for](profiles/ada-lovelace.md#known-for),"
        " [all topics](topics/index.md) and [one](topics/long-context.md).\n",
    )
    validation = {"links": {"not_found": "warn", "anchors": "warn"}}
    small_site.build(validation=validation)  # strict: a link MkDocs cannot resolve would fail it
    links = {normalised_text(a): a["href"] for a in small_site.article("").find_all("a")}
    assert links["what she is known for"] == "profiles/ada-lovelace/#known-for"
    assert links["one"] == "topics/long-context/"
    # The check is real: an anchor that is not on the page still fails the strict build.
    small_site.doc("index.md", "# Home\n\n[Missing](profiles/ada-lovelace.md#no-such-section)\n")
    log = build_failure(small_site, caplog)
    assert "no-such-section" in log


def test_auto_nav_keeps_every_hand_written_page_and_reports_nothing_missing(
    small_site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    small_site.doc("guide/intro.md", "# Intro\n")
    small_site.doc("about.md", "# About\n")
    caplog.set_level(logging.INFO)
    small_site.build()
    assert not [r for r in caplog.records if "not included in the" in r.getMessage()]
    nav = primary_nav(small_site.html(""))
    hrefs = [a.get("href") for a in nav.find_all("a")]
    assert "about/" in hrefs and "guide/intro/" in hrefs
    texts = [normalised_text(a) for a in nav.find_all("a") if normalised_text(a)]
    in_order(" | ".join(texts), ["Home", "About", "Intro", "Profiles", "Topics", "Organizations"])
