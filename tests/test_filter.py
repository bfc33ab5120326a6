"""The directory filter: complete without JavaScript, and filtering as you type in a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import CHROMIUM, chromium, serve
from helpers import OTHER_PROFILES, Site

from mkdocs_profiles.directory_filter import filter_text, fold
from mkdocs_profiles.model import Profile


def cards(site: Site) -> list[Any]:
    return site.article("profiles/").select("[data-pf-results] > ul > li")


def test_without_javascript_the_directory_is_complete_and_sorted(built_small_site: Site) -> None:
    article = built_small_site.article("profiles/")
    form = article.find("form", attrs={"data-pf-filter": True})
    assert form is not None and form.has_attr("hidden"), "the filter only appears when its script runs"
    names = [li.find("a").get_text() for li in cards(built_small_site)]
    published = ["Ada Lovelace", *(d["name"] for d in OTHER_PROFILES.values() if not d.get("draft"))]
    assert names == sorted(published, key=str.casefold)
    results = article.find(attrs={"data-pf-results": True})
    assert results["data-pf-count"] == results["data-pf-total"] == str(len(published))
    assert not any(li.has_attr("hidden") for li in cards(built_small_site))


def test_cards_carry_what_the_filter_searches(built_small_site: Site) -> None:
    ada = next(li for li in cards(built_small_site) if "Ada Lovelace" in li.get_text())
    text = ada["data-pf-text"]
    for fragment in (
        "ada lovelace",
        "long context",
        "quantization",
        "mit",
        "nvidia",
        "general-purpose computing",
    ):
        assert fragment in text, fragment
    assert ada["data-pf-topics"].split() == ["long-context", "quantization"]
    assert ada["data-pf-organizations"].split() == ["mit", "nvidia"]
    # Every chip names a topic or organization that has a page, by the same slug the cards use.
    form = built_small_site.article("profiles/").find("form")
    for chip in form.select("[data-pf-topic]"):
        assert (built_small_site.site_dir / "topics" / chip["data-pf-topic"] / "index.html").is_file()
    for chip in form.select("[data-pf-organization]"):
        assert (built_small_site.site_dir / "organizations" / chip["data-pf-organization"] / "index.html").is_file()
    # Other listings do not carry the filter's data.
    assert built_small_site.article("topics/long-context/").select("[data-pf-text]") == []


def test_folding_matches_what_the_script_does() -> None:
    assert fold("  Łukasz  MÜLLER\tÉcole ") == "łukasz muller ecole"
    profile = Profile(slug="lukasz-kaiser", name="Łukasz Kaiser", summary="Transformers.", source="x.yml")
    assert "lukasz kaiser" in filter_text(profile), "the transliterated slug makes 'lukasz' find 'Łukasz'"


# In a real browser -----------------------------------------------------------------------------------
PEOPLE = {
    "ada": {
        "name": "Ada Lovelace",
        "summary": "Notes on the engine.",
        "topics": ["Long context"],
        "organizations": ["MIT"],
    },
    "bob": {"name": "Bob Barker", "summary": "Minimal."},
    "carol": {"name": "Carol Shaw", "summary": "Games on tiny machines.", "organizations": ["MIT"]},
    "grace": {
        "name": "Grace Hopper",
        "summary": "Compilers first.",
        "topics": ["Compilers"],
        "organizations": ["Navy"],
    },
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = Site(tmp_path_factory.mktemp("filter-site"))
    site.doc("index.md", "# Home\n")
    for stem, data in PEOPLE.items():
        site.profile(stem, data)
    site.build()
    with serve(site.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with chromium() as launched:
        yield launched


def wait_count(page: Any, count: int) -> None:
    """Until the filter has shown ``count`` cards (the results may have no height when none match)."""
    page.wait_for_selector(f"[data-pf-results][data-pf-count='{count}']", state="attached", timeout=5000)


def visible_names(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-pf-results] li:not([hidden]) .pf-person__name a", "links => links.map(a => a.textContent)"
    )


def test_typing_and_chips_filter_the_directory(browser: Any, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "profiles/")
    page.wait_for_selector("form[data-pf-ready=true]")
    assert page.is_visible("form[data-pf-filter]")
    assert len(visible_names(page)) == 4
    page.fill("input[name=filter]", "CÓMPILERS")  # case and accents do not matter
    wait_count(page, 1)
    assert visible_names(page) == ["Grace Hopper"]
    assert "Showing 1 of 4 profiles" in page.inner_text(".pf-filter__status")
    page.fill("input[name=filter]", "zzz nothing")
    wait_count(page, 0)
    assert page.is_visible("[data-pf-empty]")
    page.click("[data-pf-clear]")
    wait_count(page, 4)
    # Chips: any pressed topic, and any pressed organization.
    page.click("[data-pf-organization=mit]")
    wait_count(page, 2)
    assert visible_names(page) == ["Ada Lovelace", "Carol Shaw"]
    page.click("[data-pf-organization=navy]")
    wait_count(page, 3)
    page.fill("input[name=filter]", "games")
    wait_count(page, 1)
    assert visible_names(page) == ["Carol Shaw"]
    # The filter is in the address, so reloading or sharing keeps it.
    assert "filter=games" in page.url and "organization=mit" in page.url
    page.reload()
    page.wait_for_selector("form[data-pf-ready=true]")
    wait_count(page, 1)
    assert page.get_attribute("[data-pf-organization=mit]", "aria-pressed") == "true"
    page.close()


def test_without_javascript_the_browser_shows_everyone(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "profiles/")
    assert not page.is_visible("form[data-pf-filter]")
    assert len(visible_names(page)) == 4
    context.close()


def test_matches_are_shown_a_page_at_a_time(browser: Any, served: str) -> None:
    # A keystroke at 10,000 profiles must not restyle thousands of cards, so the script shows a page of
    # matches (data-pf-page-size, 120 in the template) and a "Show more" button: here pages of 2.
    page = browser.new_page()
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () =>"
        " document.querySelector('[data-pf-results]').setAttribute('data-pf-page-size', '2'))"
    )
    page.goto(served + "profiles/")
    page.wait_for_selector("form[data-pf-ready=true]")
    assert visible_names(page) == ["Ada Lovelace", "Bob Barker"]
    assert page.get_attribute("[data-pf-results]", "data-pf-count") == "4"
    assert page.get_attribute("[data-pf-results]", "data-pf-shown") == "2"
    assert page.inner_text("[data-pf-more]") == "Show 2 more"
    page.click("[data-pf-more]")
    page.wait_for_selector("[data-pf-results][data-pf-shown='4']", state="attached")
    assert not page.is_visible("[data-pf-more]")
    page.fill("input[name=filter]", "a")  # a new filter starts again from the first page
    # The count is 4 before and after, so wait on what the new filter changes (waiting on the count raced).
    page.wait_for_selector("[data-pf-results][data-pf-shown='2']", state="attached", timeout=5000)
    assert page.get_attribute("[data-pf-results]", "data-pf-count") == "4"
    page.close()
