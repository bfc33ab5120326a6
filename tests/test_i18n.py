"""Labels and dates follow Material's ``theme.language``; a site's ``labels`` still win."""

from __future__ import annotations

import datetime
import re
from importlib import resources

import pytest
import yaml
from helpers import FULL_PROFILE, Site, normalised_text, profiles_plugin

from mkdocs_profiles.labels import (
    DEFAULT_LABELS,
    format_long_date,
    merge_labels,
    resolve_locale,
    shipped_labels,
)

SHIPPED = sorted(
    path.name.removesuffix(".yml")
    for path in resources.files("mkdocs_profiles").joinpath("locales").iterdir()
    if path.name.endswith(".yml")
)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_the_required_languages_are_shipped() -> None:
    assert {"de", "fr", "es", "zh", "ja"} <= set(SHIPPED)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_label_is_translated_with_the_same_placeholders(language: str) -> None:
    text = resources.files("mkdocs_profiles").joinpath("locales", f"{language}.yml").read_text(encoding="utf-8")
    labels = yaml.safe_load(text)
    assert sorted(set(DEFAULT_LABELS) - set(labels)) == [], "missing keys"
    assert sorted(set(labels) - set(DEFAULT_LABELS)) == [], "unknown keys"
    for key, english in DEFAULT_LABELS.items():
        assert isinstance(labels[key], str) and labels[key].strip(), key
        assert placeholders(labels[key]) == placeholders(english), key


def test_merge_picks_the_language_and_overrides_win() -> None:
    assert merge_labels(None, "de")["known_for"] == "Bekannt für"
    assert merge_labels({"known_for": "Berühmt für"}, "de")["known_for"] == "Berühmt für"
    assert merge_labels(None, "de")["last_reviewed"] == "Zuletzt geprüft"
    assert merge_labels(None)["known_for"] == "Known For"
    # A regional variant takes its language; an unknown language is English.
    assert merge_labels(None, "de-CH")["known_for"] == "Bekannt für"
    assert merge_labels(None, "zh-Hant")["known_for"] == shipped_labels("zh")["known_for"]  # type: ignore[index]
    assert merge_labels(None, "pt-BR") == DEFAULT_LABELS
    with pytest.raises(KeyError, match="no_such_label"):
        merge_labels({"no_such_label": "x"}, "de")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "March 18, 2026"),
        ("de", "18. März 2026"),
        ("fr", "18 mars 2026"),
        ("es", "18 de marzo de 2026"),
        ("zh", "2026年3月18日"),
        ("ja", "2026年3月18日"),
        ("pt-BR", "18 de março de 2026"),
    ],
)
def test_dates_are_written_for_the_locale(language: str, expected: str) -> None:
    assert format_long_date(datetime.date(2026, 3, 18), resolve_locale(language)) == expected


def test_a_german_site_shows_german_labels_and_dates(small_site: Site) -> None:
    small_site.build(theme={"name": "material", "language": "de"})
    article = small_site.article("profiles/ada-lovelace/")
    text = normalised_text(article)
    for label in (
        "Forscherprofil",
        "Redaktionell geprüft",
        "Bekannt für",
        "Hier anfangen",
        "Wichtige Arbeiten",
        "Weitere Quellen",
        "Verwandte Forschende",
        "Über diese Seite",
        "Zuletzt geprüft",
    ):
        assert label in text, label
    assert "18. März 2026" in text
    assert "Known For" not in text and "March" not in text
    assert [h.get_text(strip=True) for h in article.find_all("h2")][:2] == ["Organisationen", "Themen"]
    directory = small_site.article("profiles/")
    assert directory.find("h1").get_text(strip=True) == "Profile"
    assert "Alle Personen dieses Verzeichnisses" in normalised_text(directory)
    assert small_site.article("profiles/").find("form")["data-pf-status"] == "{shown} von {total} Profilen"
    # The navigation section and Material's own chrome speak German too.
    html = small_site.page_file("profiles/ada-lovelace/").read_text(encoding="utf-8")
    assert '<html lang="de"' in html


def test_site_labels_override_the_translation_and_the_language_option_wins(small_site: Site) -> None:
    small_site.build(
        theme={"name": "material", "language": "de"},
        plugins=profiles_plugin(language="fr", labels={"start_here": "Commencez ici"}),
    )
    text = normalised_text(small_site.article("profiles/ada-lovelace/"))
    assert "Connu pour" in text and "Commencez ici" in text and "18 mars 2026" in text
    assert "Par où commencer" not in text


def test_japanese_site(small_site: Site) -> None:
    small_site.build(theme={"name": "material", "language": "ja"})
    text = normalised_text(small_site.article("profiles/ada-lovelace/"))
    assert "主な業績" in text and "2026年3月18日" in text
    assert FULL_PROFILE["name"] in text
