"""Rendering planned pages with the templates, without MkDocs: sections, escaping, links, overrides."""

from __future__ import annotations

import copy
import locale
from pathlib import Path
from typing import Any

import pytest
from helpers import FULL_PROFILE, OTHER_PROFILES, Site, normalised_text, soup

from mkdocs_profiles.labels import DEFAULT_LABELS, merge_labels
from mkdocs_profiles.markdown_text import MarkdownRenderer
from mkdocs_profiles.pipeline import Options, build_plan
from mkdocs_profiles.plan import PageSettings, SitePlan
from mkdocs_profiles.render import Renderer, RenderSettings

#: The profile page's sections in the sample's order, as (heading id, heading text) of the <h2>s.
SECTION_ORDER = [
    ("organizations", "Organizations"),
    ("topics", "Topics"),
    ("about", "About This Page"),
    ("known-for", "Known For"),
    ("start-here", "Start Here"),
    ("signature-works", "Signature Works"),
    ("supporting-sources", "Supporting Sources"),
    ("related", "Related Researchers"),
]


def make_plan(tmp_path: Path, profiles: dict[str, dict[str, Any]] | None = None, **pages: Any) -> SitePlan:
    site = Site(tmp_path)
    for stem, data in (profiles or {"ada-lovelace": FULL_PROFILE, **OTHER_PROFILES}).items():
        site.profile(stem, data)
    options = Options(
        profiles_dir=tmp_path / "profiles",
        base_dir=tmp_path,
        pages=PageSettings(**pages),
        labels=merge_labels(None),
    )
    result = build_plan(options)
    assert result.plan is not None, [str(p) for p in result.problems]
    return result.plan


def material_icons() -> list[Path]:
    import material

    return [Path(material.__file__).parent / "templates" / ".icons"]


def render(plan: SitePlan, kind: str, key: str | None = None, **settings: Any) -> Any:
    settings.setdefault("labels", merge_labels(None))
    settings.setdefault("icon_dirs", material_icons())
    renderer = Renderer(plan, RenderSettings(**settings))
    return soup(renderer.render(plan.page(kind, key)))


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> SitePlan:
    return make_plan(tmp_path_factory.mktemp("render"))


def test_the_profile_page_holds_every_section_of_the_sample_in_order(plan: SitePlan) -> None:
    page = render(plan, "profile", "ada-lovelace")
    text = normalised_text(page)
    # The header, in the sample's order: summary, label, badge, name, focus, role.
    header = [
        FULL_PROFILE["summary"],
        "Researcher Profile",
        "Editor reviewed",
        "Ada Lovelace",
        FULL_PROFILE["focus"],
        FULL_PROFILE["role"],
        "One of the clearest researchers to follow.",
    ]
    positions = [text.find(fragment) for fragment in header]
    assert -1 not in positions, dict(zip(header, positions, strict=True))
    assert positions == sorted(positions)
    assert [(h["id"], normalised_text(h)) for h in page.find_all("h2")] == SECTION_ORDER
    assert page.find("h1").get_text(strip=True) == "Ada Lovelace"
    # The summary opens the page.
    assert text.startswith(FULL_PROFILE["summary"])


def test_each_section_keeps_the_sample_explanation_under_its_heading(plan: SitePlan) -> None:
    page = render(plan, "profile", "ada-lovelace")
    for ident, key in [
        ("known-for", "known_for_intro"),
        ("start-here", "start_here_intro"),
        ("signature-works", "signature_works_intro"),
        ("supporting-sources", "supporting_sources_intro"),
        ("related", "related_intro"),
    ]:
        heading = page.find("h2", id=ident)
        following = heading.find_next_sibling()
        assert normalised_text(following) == DEFAULT_LABELS[key]
    assert "Canonical papers, project pages, or repositories that anchor this profile." in normalised_text(page)
    about = page.find("h2", id="about").find_next_sibling()
    assert normalised_text(about) == DEFAULT_LABELS["about_text"]


def test_last_reviewed_prints_the_date_in_words_whatever_the_machine_locale(plan: SitePlan) -> None:
    previous = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            text = normalised_text(render(plan, "profile", "ada-lovelace"))
            assert "Last reviewed March 18, 2026" in text
            time = render(plan, "profile", "ada-lovelace").find("time")
            assert time["datetime"] == "2026-03-18"
    finally:
        locale.setlocale(locale.LC_TIME, previous)


def test_dates_follow_the_site_language(plan: SitePlan) -> None:
    assert "18. März 2026" in normalised_text(render(plan, "profile", "ada-lovelace", language="de"))


def test_known_for_is_numbered_from_01_with_inline_markdown(plan: SitePlan) -> None:
    items = render(plan, "profile", "ada-lovelace").find("h2", id="known-for").find_next("ol").find_all("li")
    assert [normalised_text(li) for li in items] == [
        "01 Model compression",
        "02 Efficient AI systems",
        "03 Notes on the engine",
    ]
    assert items[0].find("em").get_text() == "compression"
    assert items[0].find("p") is None  # inline: no paragraph inside the list item


def test_works_show_title_link_kind_year_venue_and_note(plan: SitePlan) -> None:
    section = render(plan, "profile", "ada-lovelace").find("h2", id="start-here").find_next("ul")
    work = section.find("li")
    link = work.find("a")
    assert link["href"] == "https://arxiv.org/abs/2309.17453"
    assert link.get_text(strip=True) == "Efficient Streaming Language Models with Attention Sinks"
    text = normalised_text(work)
    for fragment in ("Paper", "2024", "ICLR 2024", "StreamingLLM, the anchor of this page."):
        assert fragment in text
    assert work.find("svg") is not None, "each work shows an icon for its kind"


def test_each_work_kind_gets_its_own_icon(plan: SitePlan) -> None:
    page = render(plan, "profile", "ada-lovelace")
    icons = {
        li["class"][-1]: str(li.find("svg"))
        for li in page.find_all("li")
        if any(c.startswith("pf-work--") for c in li.get("class", []))
    }
    assert {"pf-work--paper", "pf-work--repository", "pf-work--website"} <= set(icons)
    assert len(set(icons.values())) == len(icons)


def test_links_are_icon_links(plan: SitePlan) -> None:
    header = render(plan, "profile", "ada-lovelace").find("header")
    links = {a["href"]: a for a in header.find_all("a")}
    assert set(links) == {"https://example.org/ada", "https://github.com/ada"}
    assert all(a.find("svg") is not None for a in links.values())
    assert links["https://github.com/ada"].get("title") == "GitHub"


def test_organizations_and_topics_link_to_their_pages(plan: SitePlan) -> None:
    page = render(plan, "profile", "ada-lovelace")
    topics = page.find("h2", id="topics").find_next("ul").find_all("a")
    assert [(a["href"], normalised_text(a)) for a in topics] == [
        ("../../topics/long-context/", "Long context"),
        ("../../topics/quantization/", "Quantization"),
    ]
    organizations = page.find("h2", id="organizations").find_next("ul").find_all("a")
    assert [a["href"] for a in organizations] == ["../../organizations/mit/", "../../organizations/nvidia/"]


def test_related_cards_curated_first_with_note_then_computed_with_reasons(plan: SitePlan) -> None:
    cards = (
        render(plan, "profile", "ada-lovelace").find("h2", id="related").find_next("ul").find_all("li", recursive=False)
    )
    names = [normalised_text(card.find("a")) for card in cards]
    assert names[0] == "Grace Hopper"
    assert "Curated note about Grace." in normalised_text(cards[0])
    assert names[1] == "Carol Shaw"  # shares a work (another URL form), an organization and a topic
    reason = normalised_text(cards[1])
    assert "Shares:" in reason and "1 work" in reason and "MIT" in reason and "Long context" in reason
    assert cards[1].find("a")["href"] == "../carol-shaw/"
    assert "Games on tiny machines." in normalised_text(cards[1])  # the summary
    assert names[2:] == ["Hal Hacker"]  # shares only a topic
    assert "Ada Lovelace" not in names and "Draftina Secretova" not in names


def test_a_minimal_profile_leaves_empty_sections_out(plan: SitePlan) -> None:
    page = render(plan, "profile", "bob-barker")
    assert [h["id"] for h in page.find_all("h2")] == ["about"]
    text = normalised_text(page)
    for absent in (
        "Editor reviewed",
        "Last reviewed",
        "Known For",
        "Start Here",
        "Organizations",
        "Topics",
        "Related",
    ):
        assert absent not in text
    assert page.find("ol") is None
    assert page.find("header").find("a") is None  # no links


def test_text_from_profile_files_is_escaped_everywhere(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    data = copy.deepcopy(FULL_PROFILE)
    data.update(name=evil, summary=evil + " summary", focus=evil, role=evil, topics=[evil], organizations=[evil])
    data["start_here"][0].update(title=evil, venue=evil, note=evil)
    data["related"] = []
    other = {"name": "Other " + evil, "summary": evil, "topics": [evil]}
    plan = make_plan(tmp_path, {"ada": data, "other": other})
    renderer = Renderer(plan, RenderSettings(labels=merge_labels(None)))
    for page in plan.pages:
        html = renderer.render(page)
        assert "<script>" not in html, page.src_uri
    page = soup(renderer.render(plan.page("profile", "ada")))
    assert page.find("h1").get_text(strip=True) == evil
    assert page.find("script") is None


def test_bio_markdown_is_rendered_but_raw_html_and_unsafe_links_are_not(tmp_path: Path) -> None:
    bio = (
        "Some **bold** text and [a link](https://example.org).\n\n"
        "<img src=x onerror=alert(1)> and <b>raw</b>\n\n"
        "[click](javascript:alert(1)) [data](data:text/html,x)\n\n"
        "<div markdown>\n*inside*\n</div>\n"
    )
    plan = make_plan(
        tmp_path,
        {"ada": {"name": "Ada", "summary": "x", "bio": bio, "known_for": ["<i>raw</i> [x](javascript:y)"]}},
    )
    markdown = MarkdownRenderer(["attr_list", "md_in_html", "admonition"], {})
    page = render(plan, "profile", "ada", markdown=markdown)
    assert page.find("strong").get_text() == "bold"
    assert page.find("a", href="https://example.org") is not None
    for tag in ("img", "b", "div.pf-bio div", "i"):
        assert not page.select(tag), tag
    assert "<img src=x onerror=alert(1)>" in page.get_text()
    assert all(not a.get("href", "").lower().startswith(("javascript", "data")) for a in page.find_all("a"))
    assert "click" in page.get_text()


def test_bio_uses_the_site_markdown_extensions(tmp_path: Path) -> None:
    bio = '!!! note "Heads up"\n    Inside an admonition.\n'
    plan = make_plan(tmp_path, {"ada": {"name": "Ada", "summary": "x", "bio": bio}})
    without = render(plan, "profile", "ada")
    assert not without.select("div.admonition")
    page = render(plan, "profile", "ada", markdown=MarkdownRenderer(["admonition"], {}))
    assert page.select_one("div.admonition.note .admonition-title").get_text() == "Heads up"


def test_labels_can_be_overridden(plan: SitePlan) -> None:
    labels = merge_labels({"known_for": "Famous For", "about_text": "Custom about text.", "shares": "In common:"})
    page = render(plan, "profile", "ada-lovelace", labels=labels)
    assert normalised_text(page.find("h2", id="known-for")) == "Famous For"
    assert "Custom about text." in normalised_text(page)
    assert "In common:" in normalised_text(page) and "Shares:" not in normalised_text(page)


def test_unknown_label_keys_are_refused() -> None:
    with pytest.raises(KeyError, match="knwon_for"):
        merge_labels({"knwon_for": "x"})


def test_the_directory_lists_every_published_profile_by_name(plan: SitePlan) -> None:
    page = render(plan, "directory")
    names = [normalised_text(li.find("a")) for li in page.select("li.pf-person")]
    assert names == ["Ada Lovelace", "Bob Barker", "Carol Shaw", "Grace Hopper", "Hal Hacker"]
    ada = page.select("li.pf-person")[0]
    assert FULL_PROFILE["focus"] in normalised_text(ada) and FULL_PROFILE["summary"] in normalised_text(ada)
    grace = page.select("li.pf-person")[3]
    assert "Rear admiral" in normalised_text(grace)  # the role when there is no focus
    assert ada.find("a")["href"] == "ada-lovelace/"


def test_topic_index_counts_and_topic_pages_list_people(plan: SitePlan) -> None:
    index = render(plan, "topics")
    entries = {normalised_text(li.find("a")): normalised_text(li) for li in index.select("li")}
    assert "4 profiles" in entries["Long context"]  # Long context / long-context / Long Context merged
    assert "1 profile" in entries["Quantization"] and "1 profiles" not in entries["Quantization"]
    assert "Draftonly Topic" not in entries
    topic = render(plan, "topic", "longcontext")
    assert normalised_text(topic.find("h1")) == "Long context"
    assert [normalised_text(li.find("a")) for li in topic.select("li.pf-person")] == [
        "Ada Lovelace",
        "Carol Shaw",
        "Grace Hopper",
        "Hal Hacker",
    ]
    assert topic.select("li.pf-person a")[0]["href"] == "../../profiles/ada-lovelace/"


def test_organization_index_and_pages(plan: SitePlan) -> None:
    index = render(plan, "organizations")
    entries = {normalised_text(li.find("a")): normalised_text(li) for li in index.select("li")}
    assert "2 profiles" in entries["MIT"] and "1 profile" in entries["Navy"]
    assert "Draftonly Org" not in entries
    page = render(plan, "organization", "mit")
    assert [normalised_text(li.find("a")) for li in page.select("li.pf-person")] == [
        "Ada Lovelace",
        "Carol Shaw",
    ]


def test_links_without_directory_urls(tmp_path: Path) -> None:
    plan = make_plan(tmp_path, use_directory_urls=False)
    page = render(plan, "profile", "ada-lovelace")
    hrefs = [a["href"] for a in page.find_all("a") if not a["href"].startswith("http")]
    assert "../topics/long-context.html" in hrefs
    assert "../organizations/mit.html" in hrefs
    assert "carol-shaw.html" in hrefs and "grace-hopper.html" in hrefs
    directory = render(plan, "directory")
    assert directory.select("li.pf-person a")[0]["href"] == "ada-lovelace.html"


def test_url_prefixes_are_configurable(tmp_path: Path) -> None:
    plan = make_plan(tmp_path, profiles_url="people", topics_url="research/areas", organizations_url="labs")
    assert plan.page("profile", "ada-lovelace").url == "people/ada-lovelace/"
    assert plan.page("topic", "longcontext").url == "research/areas/long-context/"
    page = render(plan, "profile", "ada-lovelace")
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "../../research/areas/long-context/" in hrefs and "../../labs/mit/" in hrefs


def test_a_template_file_in_a_site_folder_overrides_the_packaged_one(plan: SitePlan, tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "directory.html").write_text("<p id='mine'>{{ profiles | length }} people</p>")
    page = render(plan, "directory", template_dirs=[tmp_path])
    assert normalised_text(page) == "5 people"


def test_a_single_block_can_be_overridden(plan: SitePlan, tmp_path: Path) -> None:
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "profile.html").write_text(
        '{% extends "profiles/layouts/profile.html" %}'
        '{% block known_for %}<h2 id="mine">Mine: {{ profile.known_for | length }}</h2>{% endblock %}'
    )
    page = render(plan, "profile", "ada-lovelace", template_dirs=[tmp_path])
    ids = [h["id"] for h in page.find_all("h2")]
    assert "mine" in ids and "known-for" not in ids
    assert normalised_text(page.find("h2", id="mine")) == "Mine: 3"
    assert ids.index("mine") == ids.index("about") + 1  # in the block's place
    assert "Start Here" in normalised_text(page)
