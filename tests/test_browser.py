"""The example site in a real browser: Debian's Chromium, driven by Playwright, against 127.0.0.1.

A profile page, a topic page and the directory render in Material with their sections visible; a reader
can click from a profile to a topic to another profile, filter the directory, switch to dark mode, and
read a profile on a phone without scrolling sideways. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    build_site,
    chromium,
    copy_example_site,
    new_page,
    requires_chromium,
    save_artifact,
    serve,
)

from mkdocs_profiles.model import Profile
from mkdocs_profiles.pipeline import Options, load_profiles
from mkdocs_profiles.slugs import term_key

pytestmark = [pytest.mark.browser, requires_chromium]

PROFILE_SECTIONS = {
    # section id on the page -> the profile field that makes it appear
    "organizations": "organizations",
    "topics": "topics",
    "known-for": "known_for",
    "start-here": "start_here",
    "signature-works": "signature_works",
    "supporting-sources": "supporting_sources",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Profile]]]:
    """The example site, built and served: its base URL and its published profiles."""
    root = tmp_path_factory.mktemp("example")
    config = copy_example_site(root)
    site = build_site(config)
    profiles, _ = load_profiles(Options(profiles_dir=root / "profiles", base_dir=root))
    with serve(site) as url:
        yield url, sorted((p for p in profiles if not p.draft), key=lambda p: p.sort_key)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as started:
        yield started


@pytest.fixture
def page(browser: Any, example: tuple[str, list[Profile]]) -> Iterator[Any]:
    opened = new_page(browser, example[0])
    yield opened
    assert opened.errors == [], f"JavaScript errors: {opened.errors}"
    opened.context.close()


def richest(profiles: list[Profile]) -> Profile:
    """The published profile with the most sections filled in (ties: first by name)."""

    def filled(profile: Profile) -> int:
        return sum(bool(getattr(profile, field)) for field in PROFILE_SECTIONS.values()) + bool(profile.bio)

    return max(profiles, key=lambda p: (filled(p), len(p.topics)))


def profile_url(profile: Profile) -> str:
    return f"profiles/{profile.slug}/"


def test_profile_page_renders_in_material_with_every_section(page: Any, example: tuple[str, list[Profile]]) -> None:
    profile = richest(example[1])
    page.goto(profile_url(profile))
    # Material's header and its JavaScript (which sets the scheme and wires the search) are there.
    assert page.locator("header.md-header").is_visible()
    page.wait_for_function("() => document.body.dataset.mdColorScheme !== undefined && typeof __md_get === 'function'")
    assert page.locator(".md-search__input").count() == 1
    article = page.locator("article.md-content__inner .pf-page--profile")
    assert article.is_visible()
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().strip() == profile.name
    assert page.locator(".pf-summary").inner_text().strip() == profile.summary
    for section, field in PROFILE_SECTIONS.items():
        if getattr(profile, field):
            assert page.locator(f"h2#{section}").is_visible(), f"section {section} is not visible"
        else:
            assert page.locator(f"h2#{section}").count() == 0, f"empty section {section} is shown"
    assert page.locator("h2#about").is_visible()
    # The plugin's stylesheet applies: the header is a card and topics are chips, not a bullet list.
    assert page.locator(".pf-header").evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert page.locator(".pf-chips").first.evaluate("e => getComputedStyle(e).display") == "flex"
    if profile.known_for:
        numbers = page.locator(".pf-known-for__number").all_inner_texts()
        assert numbers == [f"{n:02d}" for n in range(1, len(profile.known_for) + 1)]
    works = len(profile.works)
    assert page.locator("li.pf-work").count() == works
    assert page.locator("li.pf-work svg").count() == works, "every work shows its kind's icon"
    # Material's table of contents lists the generated sections.
    toc = page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
    assert any("Known For" in entry for entry in toc) or not profile.known_for


def test_topic_page_and_directory_render(page: Any, example: tuple[str, list[Profile]]) -> None:
    profiles = example[1]
    page.goto("profiles/")
    assert page.locator(".pf-page--directory").is_visible()
    names = [n.strip() for n in page.locator(".pf-directory .pf-person__name a").all_inner_texts()]
    assert names == [p.name for p in profiles], "the directory lists every published profile, by name"
    assert page.locator(".pf-directory li.pf-person").first.is_visible()

    profile = richest(profiles)
    topic = profile.topics[0]
    members = [p.name for p in profiles if term_key(topic) in {term_key(t) for t in p.topics}]
    page.goto(profile_url(profile))
    page.locator("ul.pf-chips a.pf-chip--topic").first.click()
    page.wait_for_url(re.compile(r"/topics/[^/]+/$"))
    assert page.locator(".pf-page--topic").is_visible()
    assert term_key(page.locator("h1").inner_text()) == term_key(topic)
    listed = [n.strip() for n in page.locator(".pf-person__name a").all_inner_texts()]
    assert sorted(listed) == sorted(members)
    assert page.locator("h2#people").is_visible()


def test_click_from_a_profile_to_a_topic_to_another_profile(page: Any, example: tuple[str, list[Profile]]) -> None:
    profiles = example[1]
    by_name = {p.name: p for p in profiles}
    counts = {}
    for p in profiles:
        for t in p.topics:
            counts[term_key(t)] = counts.get(term_key(t), 0) + 1
    start = next(p for p in profiles if any(counts[term_key(t)] > 1 for t in p.topics))
    shared = next(t for t in start.topics if counts[term_key(t)] > 1)

    page.goto(profile_url(start))
    # The chip shows the spelling most files use, which may not be this file's ("KV-cache", "KV cache").
    chip = next(c for c in page.locator("a.pf-chip--topic").all() if term_key(c.inner_text()) == term_key(shared))
    chip.click()
    page.wait_for_url(re.compile(r"/topics/[^/]+/$"))
    assert term_key(page.locator("h1").inner_text()) == term_key(shared)

    other = page.locator(".pf-person__name a").filter(has_not_text=start.name).first
    name = other.inner_text().strip()
    other.click()
    page.wait_for_url(re.compile(r"/profiles/[^/]+/$"))
    assert page.locator("h1").inner_text().strip() == name
    assert page.url.endswith(profile_url(by_name[name]))
    chips = [term_key(c) for c in page.locator("a.pf-chip--topic").all_inner_texts()]
    assert term_key(shared) in chips, "the other profile lists the topic we came through"


def test_directory_filter(page: Any, example: tuple[str, list[Profile]]) -> None:
    profiles = example[1]
    page.goto("profiles/")
    page.wait_for_load_state("load")
    field = page.locator(".pf-page input[type=search], .pf-page input[type=text], .pf-page [data-pf-filter] input")
    if field.count() == 0:
        pytest.skip("the directory page has no filter input (mkdocs_profiles/assets/filter.js is not in this build)")
    cards = page.locator(".pf-directory li.pf-person")
    total = cards.count()
    target = profiles[len(profiles) // 2]
    field.first.fill(target.name)
    page.wait_for_function(
        "([total]) => [...document.querySelectorAll('.pf-directory li.pf-person')]"
        ".filter(e => e.offsetParent !== null).length < total",
        arg=[total],
        timeout=5000,
    )
    visible = [c for c in cards.all() if c.is_visible()]
    assert any(target.name in c.inner_text() for c in visible)
    assert len(visible) < total
    field.first.fill("")
    page.wait_for_function(
        "([total]) => [...document.querySelectorAll('.pf-directory li.pf-person')]"
        ".filter(e => e.offsetParent !== null).length === total",
        arg=[total],
        timeout=5000,
    )


def test_dark_mode_switches_the_scheme_and_the_plugin_follows(page: Any, example: tuple[str, list[Profile]]) -> None:
    page.goto(profile_url(richest(example[1])))
    page.wait_for_function("() => typeof __md_get === 'function'")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    before = page.locator(".pf-header").evaluate("e => getComputedStyle(e).backgroundColor")
    name_before = page.locator(".pf-name").evaluate("e => getComputedStyle(e).color")
    toggle = page.locator("form[data-md-component=palette] label.md-header__button:visible")
    assert toggle.count() == 1, "Material's palette toggle is in the header"
    toggle.click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    after = page.locator(".pf-header").evaluate("e => getComputedStyle(e).backgroundColor")
    name_after = page.locator(".pf-name").evaluate("e => getComputedStyle(e).color")
    assert before != after, "the profile card follows the dark scheme"
    assert name_before != name_after, "the name follows the dark scheme"
    page.screenshot(path=save_artifact("profile-dark-1280.png"), full_page=True)


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_profile_screenshots_and_no_sideways_scroll(
    browser: Any, example: tuple[str, list[Profile]], width: int, height: int
) -> None:
    url, profiles = example
    page = new_page(browser, url, width=width, height=height)
    try:
        for path in (profile_url(richest(profiles)), "profiles/", f"topics/{_first_topic_slug(page)}"):
            page.goto(path)
            page.wait_for_load_state("load")
            scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert scroll[0] <= scroll[1], f"{path} scrolls sideways at {width}px: {scroll}"
            wide = page.evaluate(
                """() => [...document.querySelectorAll('.pf-page *')]
                    .filter(e => e.offsetParent !== null)
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))"""
            )
            assert wide == [], f"{path}: elements wider than the {width}px screen: {wide[:5]}"
        page.goto(profile_url(richest(profiles)))
        page.wait_for_load_state("load")
        shot = save_artifact(f"profile-{width}.png")
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 10_000
        assert page.errors == [], f"JavaScript errors: {page.errors}"
    finally:
        page.context.close()


def _first_topic_slug(page: Any) -> str:
    page.goto("topics/")
    href = page.locator(".pf-page a[href*='/']").first.get_attribute("href")
    return str(Path(href).name) + "/"
