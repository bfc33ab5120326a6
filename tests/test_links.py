"""Links from hand-written pages: [Song Han](profile:song-han), [](profile:...), topic: and organization:."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Site, broken_links, normalised_text

from mkdocs_profiles.links import resolve_links
from mkdocs_profiles.pipeline import Options, build_plan
from mkdocs_profiles.plan import PageSettings, SitePlan

PEOPLE = {
    "ada-lovelace": {
        "name": "Ada Lovelace",
        "summary": "S.",
        "topics": ["Long context"],
        "organizations": ["MIT"],
    },
    "grace-hopper": {"name": "Grace *Hopper* <b>", "summary": "S.", "topics": ["C", "C++"]},
    "dora-draft": {"name": "Dora Draft", "summary": "S.", "draft": True},
}


def make_site(site: Site) -> Site:
    for stem, data in PEOPLE.items():
        site.profile(stem, data)
    site.doc("index.md", "# Home\n")
    site.write_config()
    return site


def plan_of(site: Site, use_directory_urls: bool = True) -> SitePlan:
    options = Options(
        profiles_dir=site.root / "profiles",
        base_dir=site.root,
        pages=PageSettings(use_directory_urls=use_directory_urls),
        labels={
            "directory_title": "Profiles",
            "topics_title": "Topics",
            "organizations_title": "Organizations",
            "review_title": "Review status",
        },
    )
    result = build_plan(options)
    assert result.plan is not None, result.problems
    return result.plan


@pytest.fixture
def plan(site: Site) -> SitePlan:
    return plan_of(make_site(site))


# The pure function ---------------------------------------------------------------------------------------
def test_a_profile_link_becomes_a_relative_link_to_the_generated_page(plan: SitePlan) -> None:
    resolved = resolve_links("See [Ada](profile:ada-lovelace).", "guide/people.md", plan)
    assert resolved.markdown == "See [Ada](../profiles/ada-lovelace.md)."
    assert resolved.problems == () and resolved.resolved == 1
    top = resolve_links("See [Ada](profile:ada-lovelace).", "index.md", plan)
    assert top.markdown == "See [Ada](profiles/ada-lovelace.md)."


def test_an_empty_link_takes_the_name_with_markdown_and_html_kept_as_text(plan: SitePlan) -> None:
    resolved = resolve_links("[](profile:ada-lovelace) and [ ](profile:grace-hopper)", "index.md", plan)
    assert resolved.markdown == (
        "[Ada Lovelace](profiles/ada-lovelace.md) and [Grace \\*Hopper\\* &lt;b&gt;](profiles/grace-hopper.md)"
    )


def test_anchor_and_title_are_kept(plan: SitePlan) -> None:
    resolved = resolve_links('[Ada](profile:ada-lovelace#start-here "Her page")', "a/b/c.md", plan)
    assert resolved.markdown == '[Ada](../../profiles/ada-lovelace.md#start-here "Her page")'


def test_topic_and_organization_links_by_slug_or_by_spelling(plan: SitePlan) -> None:
    topic = plan.catalog.topics["longcontext"]
    c_plus_plus = plan.catalog.topics["c++"]
    assert topic.slug == "long-context" and c_plus_plus.slug != "c"  # "C" owns the plain slug
    markdown = f"[](topic:long-context) [](topic:LongContext) [](organization:mit) [C++](topic:{c_plus_plus.slug})"
    resolved = resolve_links(markdown, "index.md", plan)
    assert resolved.problems == ()
    assert resolved.markdown == (
        "[Long context](topics/long-context.md) [Long context](topics/long-context.md) "
        f"[MIT](organizations/mit.md) [C++](topics/{c_plus_plus.slug}.md)"
    )


def test_unknown_targets_are_warnings_naming_page_line_and_slug(plan: SitePlan) -> None:
    markdown = (
        "# Team\n\n[Ada](profile:ada-lovelce)\n[](topic:quantum)\n[x](organization:nasa)\n[Dora](profile:dora-draft)\n"
    )
    resolved = resolve_links(markdown, "team.md", plan, "docs/team.md", line_offset=3)
    assert resolved.markdown == markdown, "unknown targets are left as they are"
    assert [str(p) for p in resolved.problems] == [
        "docs/team.md:6: broken link 'profile:ada-lovelce': no profile has the slug 'ada-lovelce' (did you mean 'ada-lovelace'?)",
        "docs/team.md:7: broken link 'topic:quantum': no topic has the slug 'quantum'",
        "docs/team.md:8: broken link 'organization:nasa': no organization has the slug 'nasa'",
        "docs/team.md:9: broken link 'profile:dora-draft': the profile 'dora-draft' is a draft, so it is not published",
    ]
    assert all(not p.is_error for p in resolved.problems)
    assert all(p.line is None for p in resolve_links(markdown, "team.md", plan, line_offset=None).problems)


def test_code_is_left_alone(plan: SitePlan) -> None:
    markdown = (
        "Use `[](profile:ada-lovelace)` like this:\n\n"
        "```markdown\n[](profile:nobody)\n```\n\n"
        "~~~~\n```\n[](profile:nobody)\n~~~~\n\n"
        "    - list item\n\n"
        "Then [](profile:ada-lovelace)."
    )
    resolved = resolve_links(markdown, "index.md", plan)
    assert resolved.problems == ()
    assert resolved.markdown == markdown.replace(
        "Then [](profile:ada-lovelace)", "Then [Ada Lovelace](profiles/ada-lovelace.md)"
    )


def test_reference_definitions_and_images_and_other_links(plan: SitePlan) -> None:
    markdown = "[Ada][a] and ![pic](https://example.org/x.png) and [web](https://example.org/profile:x)\n\n[a]: profile:ada-lovelace\n"
    resolved = resolve_links(markdown, "index.md", plan)
    assert resolved.markdown == markdown.replace("[a]: profile:ada-lovelace", "[a]: profiles/ada-lovelace.md")


def test_links_follow_use_directory_urls_through_mkdocs(site: Site) -> None:
    # The rewritten target is the generated page's source file, so MkDocs turns it into the right URL.
    plan = plan_of(make_site(site), use_directory_urls=False)
    assert (
        resolve_links("[](profile:ada-lovelace)", "index.md", plan).markdown
        == "[Ada Lovelace](profiles/ada-lovelace.md)"
    )


# Built sites ---------------------------------------------------------------------------------------------
PAGE = """---
title: Team
---

# Team

Our people: [](profile:ada-lovelace), [Grace](profile:grace-hopper#about), the [](topic:long-context)
topic and [](organization:mit). Also [](profile:grace-hopper).

```
[](profile:not-resolved-in-code)
```
"""


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_built_links_reach_the_profile_pages(site: Site, use_directory_urls: bool) -> None:
    make_site(site)
    site.doc("guide/team.md", PAGE)
    site.build(use_directory_urls=use_directory_urls)
    url = "guide/team/" if use_directory_urls else "guide/team.html"
    article = site.article(url)
    links = {
        normalised_text(a): a["href"] for a in article.find_all("a") if a.get("href") and not a["href"].startswith("#")
    }
    up, suffix = ("../../", "/") if use_directory_urls else ("../", ".html")
    assert links["Ada Lovelace"] == f"{up}profiles/ada-lovelace{suffix}"
    assert links["Grace"] == f"{up}profiles/grace-hopper{suffix}#about"
    assert links["Long context"] == f"{up}topics/long-context{suffix}"
    assert links["MIT"] == f"{up}organizations/mit{suffix}"
    assert links["Grace *Hopper* <b>"] == f"{up}profiles/grace-hopper{suffix}", "the name is text, not markup"
    assert article.find("b") is None and article.find("em") is None
    assert "[](profile:not-resolved-in-code)" in article.get_text()
    assert broken_links(site.site_dir, site.page_file(url)) == []


def test_a_broken_profile_link_fails_a_strict_build(site: Site) -> None:
    make_site(site)
    site.doc("team.md", "---\ntitle: Team\n---\n\n# Team\n\nSee [Song Han](profile:song-han).\n")
    strict = site.run("--strict")
    assert strict.returncode != 0
    assert (
        "WARNING -  docs/team.md:7: broken link 'profile:song-han': no profile has the slug 'song-han'" in strict.output
    )
    lenient = site.run()
    assert lenient.returncode == 0, lenient.output
    assert "docs/team.md:7: broken link 'profile:song-han'" in lenient.output


def test_generated_pages_are_not_rewritten(site: Site, tmp_path: Path) -> None:
    # A bio may talk about "profile:x" as text; only hand-written pages are link-resolved.
    site.profile(
        "ada-lovelace",
        {"name": "Ada", "summary": "S.", "bio": "Writes `profile:nobody` and [x](profile:nobody)."},
    )
    site.doc("index.md", "# Home\n")
    site.build()
    assert "profile:nobody" in site.article("profiles/ada-lovelace/").get_text()
