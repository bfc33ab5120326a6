"""_topics.yml and _organizations.yml: display names, Markdown descriptions, aliases and URLs, validated."""

from __future__ import annotations

from helpers import Site, normalised_text

from mkdocs_profiles.model import Profile
from mkdocs_profiles.terms import TermDefinitions, apply_aliases, load_term_definitions, read_term_file

ORGANIZATIONS = """\
MIT:
  description: |
    The **Massachusetts Institute of Technology**, in Cambridge. <script>alert(1)</script>
  aliases:
    - Massachusetts Institute of Technology
    - M.I.T.
  url: https://www.mit.edu
NVIDIA:
"""

TOPICS = """\
long context:
  name: Long context
  description: Models that read *very* long inputs.
  aliases: [Long-context modelling]
"""


def problems(text: str, kind: str = "organization") -> list[str]:
    return [str(p) for p in read_term_file(text.encode(), f"profiles/_{kind}s.yml", kind)[1]]


# Reading and validating ------------------------------------------------------------------------------------
def test_entries_are_read_with_names_descriptions_aliases_and_urls() -> None:
    entries, found = read_term_file(ORGANIZATIONS.encode(), "profiles/_organizations.yml", "organization")
    assert found == []
    mit, nvidia = entries
    assert (mit.key, mit.name, mit.url, mit.line) == ("mit", "MIT", "https://www.mit.edu", 1)
    assert mit.aliases == ("Massachusetts Institute of Technology", "M.I.T.")
    assert mit.description is not None and mit.description.startswith("The **Massachusetts")
    assert (nvidia.name, nvidia.description, nvidia.aliases) == ("NVIDIA", None, ())


def test_an_alias_that_maps_to_two_entries_is_an_error() -> None:
    text = "MIT:\n  aliases: [Massachusetts Institute of Technology]\nHarvard:\n  aliases:\n    - Cambridge\n    - massachusetts-institute-of-technology\n"
    assert problems(text) == [
        "profiles/_organizations.yml:6: Harvard.aliases[1]: 'massachusetts-institute-of-technology' is already an alias "
        "of 'MIT' (line 1), so it would map to two entries (keep 'Massachusetts Institute of Technology' under one entry only)"
    ]


def test_an_alias_that_is_another_entry_is_an_error() -> None:
    text = "Google:\n  aliases: [DeepMind]\nDeepMind:\n  url: https://deepmind.google\n"
    assert problems(text) == [
        "profiles/_organizations.yml:2: Google.aliases[0]: 'DeepMind' is also the organization 'DeepMind' (line 3), "
        "so it would map to two entries (remove the alias, or merge the two entries)"
    ]


def test_two_entries_for_the_same_term_are_an_error() -> None:
    text = "Long context:\n  description: A.\nlong-context:\n  description: B.\n"
    assert problems(text, "topic") == [
        "profiles/_topics.yml:3: long-context: 'long-context' and 'Long context' (line 1) are the same topic "
        "(case, spaces and hyphens are ignored; merge the two entries)"
    ]


def test_entries_are_validated_like_profiles_with_file_line_and_field() -> None:
    text = "Quantization:\n  url: https://example.org\n  aliases: Quant\nPruning:\n  description: 3\n"
    assert problems(text, "topic") == [
        "profiles/_topics.yml:2: Quantization.url: unknown key 'url' (known keys: name, description, aliases)",
        "profiles/_topics.yml:3: Quantization.aliases: expected a list of text, got text (write a list: one '- item' per line)",
        "profiles/_topics.yml:5: Pruning.description: expected text, got a number (quote it if it is meant as text)",
    ]
    assert problems("MIT:\n  url: ftp://mit.edu\n") == [
        "profiles/_organizations.yml:2: MIT.url: 'ftp://mit.edu' is not an http or https URL"
    ]
    assert problems("- MIT\n")[0].startswith("profiles/_organizations.yml:1: expected a mapping")
    assert problems("MIT:\n  url: a\n  url: b\n")[0].startswith(
        "profiles/_organizations.yml:3: MIT.url: duplicate key 'url'"
    )
    assert problems("") == []


def test_a_file_with_errors_defines_nothing(site: Site) -> None:
    site.write("profiles/_topics.yml", "A:\n  aliases: [B]\nB:\n")
    site.write("profiles/_organizations.yml", ORGANIZATIONS)
    definitions, found = load_term_definitions(site.root / "profiles", site.root)
    assert [p.file for p in found] == ["profiles/_topics.yml"]
    assert definitions.entries["topic"] == {}
    assert set(definitions.entries["organization"]) == {"mit", "nvidia"}


def test_aliases_are_replaced_by_their_entry_in_profiles(site: Site) -> None:
    site.write("profiles/_organizations.yml", ORGANIZATIONS)
    definitions, _ = load_term_definitions(site.root / "profiles", site.root)
    profile = Profile(
        "ada",
        "Ada",
        "S.",
        "profiles/ada.yml",
        organizations=("massachusetts institute of technology", "MIT", "NVIDIA", "Other"),
    )
    (changed,) = apply_aliases([profile], definitions)
    assert changed.organizations == ("MIT", "NVIDIA", "Other"), "the alias becomes the entry, once"
    assert apply_aliases([profile], TermDefinitions()) == [profile]


# Built sites -------------------------------------------------------------------------------------------------
def build_site(site: Site) -> Site:
    site.doc("index.md", "# Home\n")
    site.write("profiles/_organizations.yml", ORGANIZATIONS)
    site.write("profiles/_topics.yml", TOPICS)
    site.profile(
        "ada-lovelace",
        {
            "name": "Ada Lovelace",
            "summary": "S.",
            "organizations": ["Massachusetts Institute of Technology"],
            "topics": ["long-context modelling"],
        },
    )
    site.profile(
        "grace-hopper",
        {
            "name": "Grace Hopper",
            "summary": "S.",
            "organizations": ["MIT", "NVIDIA"],
            "topics": ["Long Context"],
        },
    )
    site.build()
    return site


def test_organization_page_shows_description_url_and_everyone_under_an_alias(site: Site) -> None:
    build_site(site)
    article = site.article("organizations/mit/")
    assert article.find("h1").get_text() == "MIT"
    description = article.find(class_="pf-term-description")
    assert description.find("strong").get_text() == "Massachusetts Institute of Technology"
    assert "<script>" in description.get_text() and description.find("script") is None, "raw HTML is shown as text"
    assert article.find(class_="pf-term-url").find("a")["href"] == "https://www.mit.edu"
    people = [normalised_text(a) for a in article.select(".pf-person__name a")]
    assert people == ["Ada Lovelace", "Grace Hopper"]
    assert not (site.site_dir / "organizations" / "massachusetts-institute-of-technology").exists()


def test_topic_page_uses_the_display_name_and_description(site: Site) -> None:
    build_site(site)
    article = site.article("topics/long-context/")
    assert article.find("h1").get_text() == "Long context"
    assert article.find(class_="pf-term-description").find("em").get_text() == "very"
    assert len(article.select(".pf-person")) == 2
    assert site.article("organizations/nvidia/").find(class_="pf-term-description") is None
    # The profile's chips link to the entry's page under its display name.
    chips = {normalised_text(a): a["href"] for a in site.article("profiles/ada-lovelace/").select("a.pf-chip")}
    assert chips == {"MIT": "../../organizations/mit/", "Long context": "../../topics/long-context/"}


def test_related_researchers_see_through_aliases(site: Site) -> None:
    build_site(site)
    cards = site.article("profiles/ada-lovelace/").select(".pf-related .pf-person")
    assert [normalised_text(card.find("a")) for card in cards] == ["Grace Hopper"]
    assert "MIT" in normalised_text(cards[0].find(class_="pf-person__reason"))


def test_an_alias_conflict_fails_the_build_with_file_and_line(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.profile("ada-lovelace", {"name": "Ada", "summary": "S."})
    site.write("profiles/_organizations.yml", "MIT:\n  aliases: [Cambridge]\nHarvard:\n  aliases: [Cambridge]\n")
    run = site.run()
    assert run.returncode != 0
    assert "profiles/_organizations.yml:4: Harvard.aliases[0]: 'Cambridge' is already an alias of 'MIT'" in run.output
