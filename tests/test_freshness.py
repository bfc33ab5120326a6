"""Review freshness: "Review due" on old reviews, and the "Review status" page, measured from a fixed build date."""

from __future__ import annotations

import datetime

import pytest
from helpers import Site, normalised_text

from mkdocs_profiles.freshness import ReviewSettings, build_date, review_list, review_of
from mkdocs_profiles.model import Profile

JUNE_2026 = "1780272000"  # 2026-06-01 00:00:00 UTC
TODAY = datetime.date(2026, 6, 1)


def person(slug: str, reviewed: str | None, editor: bool = False, name: str | None = None) -> Profile:
    return Profile(
        slug,
        name or slug.title(),
        "S.",
        f"profiles/{slug}.yml",
        last_reviewed=datetime.date.fromisoformat(reviewed) if reviewed else None,
        editor_reviewed=editor,
    )


# The pure core -------------------------------------------------------------------------------------------
def test_the_build_date_comes_from_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": JUNE_2026}) == TODAY
    assert build_date({"SOURCE_DATE_EPOCH": str(int(JUNE_2026) - 1)}) == datetime.date(2026, 5, 31)
    assert build_date({}) == datetime.datetime.now(datetime.timezone.utc).date()


def test_due_means_older_than_the_allowed_age() -> None:
    settings = ReviewSettings(max_age_days=365, today=TODAY)
    exactly = review_of(person("a", "2025-06-01"), settings)
    assert (exactly.age_days, exactly.due, exactly.state) == (365, False, "current")
    one_more = review_of(person("b", "2025-05-31"), settings)
    assert (one_more.age_days, one_more.due, one_more.state) == (366, True, "due")
    never = review_of(person("c", None), settings)
    assert (never.age_days, never.due, never.state, never.needs_review) == (None, False, "never", True)
    assert review_of(person("d", "2020-01-01"), ReviewSettings(max_age_days=0, today=TODAY)).due is False, (
        "0 turns it off"
    )
    assert review_of(person("e", "2026-05-01"), ReviewSettings(max_age_days=30, today=TODAY)).due is True


def test_the_list_puts_never_reviewed_and_oldest_first() -> None:
    profiles = [
        person("fresh", "2026-05-01", editor=True),
        person("zed-old", "2023-01-01"),
        person("never", None),
        person("aa-old", "2023-01-01"),
        person("middle", "2025-01-01"),
    ]
    reviews = review_list(profiles, ReviewSettings(today=TODAY))
    assert [r.slug for r in reviews] == ["never", "aa-old", "zed-old", "middle", "fresh"]
    assert [r.state for r in reviews] == ["never", "due", "due", "due", "current"]


# Built sites -----------------------------------------------------------------------------------------------
@pytest.fixture
def reviewed_site(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_2026)
    site.doc("index.md", "# Home\n")
    site.profile(
        "ada-lovelace",
        {"name": "Ada Lovelace", "summary": "S.", "last_reviewed": "2026-03-18", "editor_reviewed": True},
    )
    site.profile("bob-barker", {"name": "Bob Barker", "summary": "S."})
    site.profile("grace-hopper", {"name": "Grace Hopper", "summary": "S.", "last_reviewed": "2024-01-01"})
    site.profile(
        "carol-shaw",
        {"name": "Carol Shaw", "summary": "S.", "last_reviewed": "2025-05-01", "editor_reviewed": True},
    )
    site.profile("dora-draft", {"name": "Dora Draft", "summary": "S.", "last_reviewed": "2020-01-01", "draft": True})
    site.write_config()
    return site


def chips(site: Site, slug: str) -> list[str]:
    about = site.article(f"profiles/{slug}/").find(class_="pf-reviewed")
    return [normalised_text(chip) for chip in about.select(".pf-chip--due")] if about else []


def test_an_old_review_marks_the_profile_review_due(reviewed_site: Site) -> None:
    reviewed_site.build()
    assert chips(reviewed_site, "grace-hopper") == ["Review due"]
    assert chips(reviewed_site, "carol-shaw") == ["Review due"]
    assert chips(reviewed_site, "ada-lovelace") == []
    about = reviewed_site.article("profiles/grace-hopper/").find(class_="pf-reviewed")
    assert about.find("time")["datetime"] == "2024-01-01", "the date is still shown"


def test_review_max_age_and_labels_are_options(reviewed_site: Site) -> None:
    reviewed_site.build(
        plugins=["search", {"profiles": {"review_max_age": 30, "labels": {"review_due": "Bitte prüfen"}}}]
    )
    assert chips(reviewed_site, "ada-lovelace") == ["Bitte prüfen"]
    reviewed_site.build(plugins=["search", {"profiles": {"review_max_age": 0}}])
    assert chips(reviewed_site, "grace-hopper") == []


def test_the_review_status_page_lists_overdue_first_with_editor_reviewed(reviewed_site: Site) -> None:
    reviewed_site.build()
    article = reviewed_site.article("review/")
    assert normalised_text(article.find("h1")) == "Review status"
    rows = [[normalised_text(cell) for cell in row.find_all("td")] for row in article.select("tbody tr")]
    assert rows == [
        ["Bob Barker", "—", "—", "No", "Not yet reviewed"],
        ["Grace Hopper", "January 1, 2024", "882 days ago", "No", "Review due"],
        ["Carol Shaw", "May 1, 2025", "396 days ago", "Yes", "Review due"],
        ["Ada Lovelace", "March 18, 2026", "75 days ago", "Yes", "Up to date"],
    ]
    assert "3 of 4 profiles need a review" in normalised_text(article)
    links = [a["href"] for a in article.select("tbody a")]
    assert links[0] == "../profiles/bob-barker/"


def test_the_review_page_is_left_out_of_the_nav_and_can_be_turned_off(reviewed_site: Site) -> None:
    reviewed_site.build()
    nav = reviewed_site.html("").select(".md-nav a")
    assert "Profiles" in [normalised_text(a) for a in nav]
    assert not any(a.get("href", "").rstrip("/").endswith("review") for a in nav)
    reviewed_site.build(plugins=["search", {"profiles": {"review_page": False}}])
    assert not (reviewed_site.site_dir / "review").exists()
    reviewed_site.build(plugins=["search", {"profiles": {"review_url": "editors/reviews"}}])
    assert (reviewed_site.site_dir / "editors" / "reviews" / "index.html").is_file()


def test_a_review_url_that_clashes_is_refused(reviewed_site: Site) -> None:
    reviewed_site.write_config(plugins=["search", {"profiles": {"review_url": "profiles"}}])
    result = reviewed_site.run()
    assert result.returncode != 0 and "review_url must be a folder of its own" in result.output


def test_a_review_url_inside_the_profiles_folder_is_refused(reviewed_site: Site) -> None:
    # profiles/review would be the page of a profile whose slug is "review".
    reviewed_site.write_config(plugins=["search", {"profiles": {"review_url": "profiles/review"}}])
    result = reviewed_site.run()
    assert result.returncode != 0
    assert "review_url: 'profiles/review' must not be inside profiles_url" in result.output
