"""Accessibility of the generated pages: axe-core in Chromium, and structural checks on every page.

axe-core (the ``axe.min.js`` that the ``axe-playwright-python`` package ships, so nothing is fetched at
test time) runs on a profile, a topic, an organization and the directory page, and on the topic and
organization indexes, in the light and the dark scheme. A serious or critical violation whose element is
inside the plugin's markup (``.pf-page``) fails; violations elsewhere come from Material and are printed
and written to ``test-artifacts/axe-report.json`` without failing.

Without a browser, every generated page of the example site is checked for heading levels in order,
a name on every link, and badges that say what they mean in words (not by colour alone).
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    build_site,
    chromium,
    copy_example_site,
    html_files,
    new_page,
    parse_html,
    requires_chromium,
    save_artifact,
    serve,
    site_url_of,
)

FAILING_IMPACTS = ("serious", "critical")
PLUGIN_MARKUP = ".pf-page"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_example_site(tmp_path_factory.mktemp("a11y")))


def generated_pages(site: Path) -> list[Path]:
    """The pages the plugin made (those with its markup), not hand-written docs."""
    return [p for p in html_files(site) if parse_html(p).select_one(PLUGIN_MARKUP)]


def pages_to_audit(site: Path) -> dict[str, str]:
    """One page of each kind: name -> site-relative URL."""
    chosen: dict[str, str] = {}
    for page in generated_pages(site):
        kind = (parse_html(page).select_one(PLUGIN_MARKUP) or {}).get("class", [])
        modifier = next((c.removeprefix("pf-page--") for c in kind if c.startswith("pf-page--")), "")
        url = site_url_of(site, page).removesuffix("index.html")
        # Prefer the profile with the most to show, so every section of the template is audited.
        if modifier == "profile" and modifier in chosen:
            if len(page.read_bytes()) > len((site / chosen[modifier] / "index.html").read_bytes()):
                chosen[modifier] = url
        else:
            chosen.setdefault(modifier, url)
    return chosen


# Static structure, on every generated page --------------------------------------------------------------


def accessible_name(element: Any) -> str:
    """A link's accessible name, as far as the markup alone tells (aria-label, text, alt, title)."""
    if element.get("aria-label", "").strip():
        return str(element["aria-label"]).strip()
    parts = []
    for node in element.descendants:
        if isinstance(node, str):
            if not any(parent.get("aria-hidden") == "true" for parent in node.parents if hasattr(parent, "get")):
                parts.append(str(node))
        elif node.name == "img" and node.get("alt"):
            parts.append(str(node["alt"]))
    return " ".join("".join(parts).split()) or str(element.get("title", "")).strip()


def test_heading_levels_are_in_order(site: Path) -> None:
    problems = []
    for page in generated_pages(site):
        soup = parse_html(page)
        where = site_url_of(site, page)
        if len(soup.find_all("h1")) != 1:
            problems.append(f"{where}: {len(soup.find_all('h1'))} h1 elements")
        levels = [int(h.name[1]) for h in soup.select_one(PLUGIN_MARKUP).find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        if levels and levels[0] != 1:
            problems.append(f"{where}: the plugin's first heading is h{levels[0]}, not h1")
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"{where}: h{before} is followed by h{after}")
    assert problems == []


def test_every_link_has_a_name(site: Path) -> None:
    unnamed = []
    for page in generated_pages(site):
        for link in parse_html(page).select(f"{PLUGIN_MARKUP} a[href]"):
            if not accessible_name(link):
                unnamed.append(f"{site_url_of(site, page)}: {str(link)[:120]}")
    assert unnamed == []


def test_badges_say_what_they_mean_in_words(site: Path) -> None:
    """A chip or label carries text (its colour and icon only add to it)."""
    silent = []
    badges = 0
    for page in generated_pages(site):
        for badge in parse_html(page).select(f"{PLUGIN_MARKUP} .pf-chip, {PLUGIN_MARKUP} .pf-label"):
            badges += 1
            if not " ".join(badge.get_text().split()) and not badge.get("aria-label"):
                silent.append(f"{site_url_of(site, page)}: {str(badge)[:120]}")
    assert badges > 50
    assert silent == []


# axe-core in Chromium ---------------------------------------------------------------------------------

AXE_SCRIPT = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js")


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as started:
        yield started


@pytest.fixture(scope="module")
def audits(site: Path, served: str, browser: Any) -> dict[str, Any]:
    """axe-core's violations on each audited page, light and dark, split into the plugin's and Material's."""
    results: dict[str, Any] = {}
    script = AXE_SCRIPT.read_text(encoding="utf-8")
    for scheme in ("light", "dark"):
        page = new_page(browser, served, scheme=scheme)
        for kind, path in pages_to_audit(site).items():
            page.goto(path)
            page.wait_for_function("() => typeof __md_get === 'function'")
            page.add_script_tag(content=script)
            raw = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
            ours, theirs = [], []
            for violation in raw:
                for node in violation["nodes"]:
                    target = node["target"][0] if isinstance(node["target"][0], str) else ""
                    inside = page.evaluate(
                        "([sel, scope]) => { const e = sel && document.querySelector(sel);"
                        " return !!(e && e.closest(scope)); }",
                        [target, PLUGIN_MARKUP],
                    )
                    entry = {
                        "rule": violation["id"],
                        "impact": violation["impact"],
                        "help": violation["help"],
                        "target": node["target"],
                        "html": node["html"][:200],
                        "summary": node.get("failureSummary", "")[:300],
                    }
                    (ours if inside else theirs).append(entry)
            results[f"{kind} ({scheme}): {path}"] = {
                "plugin": ours,
                "material": theirs,
                "version": page.evaluate("axe.version"),
            }
        page.context.close()
    save_artifact("axe-report.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for name, found in results.items():
        for entry in found["material"]:
            print(
                f"axe, not failing (outside the plugin's markup) on {name}: "
                f"{entry['rule']} [{entry['impact']}] {entry['target']}"
            )
        for entry in found["plugin"]:
            print(
                f"axe, plugin markup, on {name}: {entry['rule']} [{entry['impact']}] {entry['target']}: "
                f"{entry['summary']}"
            )
    return results


@pytest.mark.browser
@requires_chromium
def test_axe_audits_every_kind_of_page(site: Path, audits: dict[str, Any]) -> None:
    audited = {name.split(" ")[0] for name in audits}
    assert {"profile", "topic", "organization", "directory"} <= audited, audited


@pytest.mark.browser
@requires_chromium
def test_no_serious_or_critical_axe_violation_in_the_plugins_markup(audits: dict[str, Any]) -> None:
    failing = [
        f"{name}: {e['rule']} [{e['impact']}] {e['target']}: {e['summary']}"
        for name, found in audits.items()
        for e in found["plugin"]
        if e["impact"] in FAILING_IMPACTS
    ]
    assert failing == [], "\n".join(failing)


@pytest.mark.browser
@requires_chromium
def test_badges_are_legible_in_both_schemes(site: Path, served: str, browser: Any) -> None:
    """The badges' words are rendered (not hidden), in the light and the dark scheme."""
    profile = pages_to_audit(site)["profile"]
    for scheme in ("light", "dark"):
        page = new_page(browser, served, scheme=scheme)
        page.goto(profile)
        badges = page.locator(f"{PLUGIN_MARKUP} .pf-chip, {PLUGIN_MARKUP} .pf-label")
        assert badges.count() > 0
        for badge in badges.all():
            if not badge.is_visible():
                continue
            assert badge.inner_text().strip(), f"a badge without words: {badge.evaluate('e => e.outerHTML')[:120]}"
            box = badge.bounding_box()
            assert box and box["width"] > 10 and box["height"] > 8
        page.context.close()
