"""Profiles as Markdown: YAML front matter plus a Markdown body that is the bio, validated like YAML profiles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import FULL_PROFILE, Site, problems_of

OTHER = {
    "name": "Grace Hopper",
    "summary": "Compilers before anyone called them that.",
    "topics": ["Long context"],
}


def as_markdown(data: dict[str, Any]) -> str:
    """The same profile as a Markdown file: every key but bio in the front matter, the bio as the body."""
    front = {key: value for key, value in data.items() if key != "bio"}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + data["bio"] + "\n"


def build(root: Path, markdown: bool) -> Site:
    site = Site(root)
    site.doc("index.md", "# Home\n")
    site.profile("grace-hopper", OTHER)
    if markdown:
        site.profile("ada-lovelace", as_markdown(FULL_PROFILE), suffix=".md")
    else:
        site.profile("ada-lovelace", FULL_PROFILE)
    site.build()
    return site


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Site]:
    return build(tmp_path_factory.mktemp("yaml"), False), build(tmp_path_factory.mktemp("markdown"), True)


def test_a_markdown_and_a_yaml_profile_of_the_same_person_make_the_same_page(both: tuple[Site, Site]) -> None:
    from_yaml, from_markdown = both
    page_yaml = from_yaml.article("profiles/ada-lovelace/").find(class_="pf-page")
    page_markdown = from_markdown.article("profiles/ada-lovelace/").find(class_="pf-page")
    assert page_yaml is not None and page_markdown is not None
    assert str(page_markdown) == str(page_yaml)
    # ... and the bio really is there, rendered as Markdown (not an empty section that happens to match).
    bio = page_markdown.find(class_="pf-bio")
    assert bio.find("strong").get_text() == "the first program"
    for url in ("profiles/ada-lovelace/", "profiles/grace-hopper/", "profiles/", "topics/long-context/"):
        yaml_html, markdown_html = from_yaml.html(url), from_markdown.html(url)
        assert str(markdown_html.find(class_="pf-page")) == str(yaml_html.find(class_="pf-page")), url
        assert markdown_html.find("title").get_text() == yaml_html.find("title").get_text()
        description = markdown_html.find("meta", attrs={"name": "description"})
        assert description == yaml_html.find("meta", attrs={"name": "description"})


def test_both_forms_mix_in_one_site(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("ada-lovelace", FULL_PROFILE)
    site.profile(
        "grace-hopper",
        as_markdown({**OTHER, "bio": "She *found* the first bug.", "related": ["ada-lovelace"]}),
        suffix=".md",
    )
    site.build()
    grace = site.article("profiles/grace-hopper/")
    assert grace.find(class_="pf-bio").find("em").get_text() == "found"
    related = [a.get_text() for a in grace.select(".pf-related .pf-person__name a")]
    assert related[0] == "Ada Lovelace"
    assert [a.get_text() for a in site.article("profiles/").select(".pf-person__name a")][:2] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]


MISTAKES = [
    "topics: Quantization\n",
    "start_here:\n  - title: T\n    kind: paperback\n    url: javascript:alert(1)\n",
    "links:\n  myspace: https://example.org\n",
    "last_reviewed: 2026-13-45\n",
    "summary: again\n",
]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_validation_is_identical_for_both_forms(mistake: str) -> None:
    yaml_text = "name: Ada\nsummary: S.\n" + mistake
    markdown_text = "---\n" + yaml_text + "---\n\nThe bio.\n"
    from_yaml = problems_of(yaml_text, "profiles/ada.yml")
    from_markdown = problems_of(markdown_text, "profiles/ada.md")
    assert from_yaml, "the mistake must be found"

    # The same problems; lines move down by one for the opening '---', in messages too.
    def moved(message: str) -> str:
        return re.sub(r"line (\d+)", lambda m: f"line {int(m[1]) + 1}", message)

    assert [(p.line, p.field, p.message, p.hint) for p in from_markdown] == [
        (p.line + 1 if p.line else p.line, p.field, moved(p.message), p.hint) for p in from_yaml
    ]


def test_a_bio_in_both_places_is_an_error() -> None:
    problems = problems_of("---\nname: Ada\nsummary: S.\nbio: Short.\n---\n\nLong.\n", "profiles/ada.md")
    assert [str(p) for p in problems] == ["profiles/ada.md:4: bio: given both in front matter and as the Markdown body"]


def test_a_markdown_profile_without_front_matter_is_an_error() -> None:
    (problem,) = problems_of("# Ada\n\nNo front matter.\n", "profiles/ada.md")
    assert str(problem) == "profiles/ada.md:1: a Markdown profile must start with YAML front matter between '---' lines"


def test_a_markdown_profile_without_a_body_has_no_bio(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("ada-lovelace", "---\nname: Ada\nsummary: S.\n---\n", suffix=".md")
    site.build()
    assert site.article("profiles/ada-lovelace/").find(class_="pf-bio") is None
