"""Drafts while writing: `mkdocs serve` shows drafts, marked, `mkdocs build` leaves them out; serve watches
profiles, catalog files and overriding templates. Driven in-process, as `mkdocs serve` drives the plugin."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from helpers import Site, normalised_text

DRAFT = {"name": "Dora Draft", "summary": "Still being written.", "topics": ["Long context"], "draft": True}


def make_site(site: Site, **config: Any) -> Site:
    site.doc("index.md", "# Home\n")
    site.profile("ada-lovelace", {"name": "Ada Lovelace", "summary": "S.", "topics": ["Long context"]})
    site.profile("dora-draft", DRAFT)
    site.write("overrides/profiles/partials/.keep", "")
    site.write_config(theme={"name": "material", "custom_dir": "overrides"}, **config)
    return site


def build_as(site: Site, command: str) -> Any:
    """Build the site the way `mkdocs <command>` does, in-process; returns the loaded config."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(site.root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


def test_serve_shows_drafts_marked_as_drafts(site: Site) -> None:
    build_as(make_site(site), "serve")
    page = site.article("profiles/dora-draft/")
    assert [normalised_text(chip) for chip in page.select(".pf-header .pf-chip--draft")] == ["Draft"]
    cards = {normalised_text(card.find("a")): card for card in site.article("profiles/").select(".pf-person")}
    assert cards["Dora Draft"].select_one(".pf-chip--draft") is not None
    assert cards["Ada Lovelace"].select_one(".pf-chip--draft") is None
    topic = site.article("topics/long-context/")
    assert "Dora Draft" in normalised_text(topic)


def test_build_leaves_drafts_out(site: Site) -> None:
    build_as(make_site(site), "build")
    assert not (site.site_dir / "profiles" / "dora-draft").exists()
    assert "Dora Draft" not in normalised_text(site.article("profiles/"))
    assert "Dora Draft" not in (site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")


def test_drafts_on_serve_can_be_turned_off(site: Site) -> None:
    build_as(make_site(site, plugins=["search", {"profiles": {"drafts_on_serve": False}}]), "serve")
    assert not (site.site_dir / "profiles" / "dora-draft").exists()


def test_the_draft_label_can_be_translated(site: Site) -> None:
    build_as(make_site(site, plugins=["search", {"profiles": {"labels": {"draft": "Entwurf"}}}]), "serve")
    assert normalised_text(site.article("profiles/dora-draft/").select_one(".pf-chip--draft")) == "Entwurf"


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer: records what the plugin asks it to watch."""

    def __init__(self) -> None:
        self.watched: list[Path] = []

    def watch(self, path: str, func: Any = None, *, recursive: bool = True) -> None:
        self.watched.append(Path(path).resolve())


def test_serve_watches_profiles_catalog_files_and_template_overrides(site: Site) -> None:
    make_site(site)
    site.write("profiles/_topics.yml", "Long context:\n  description: Long inputs.\n")
    config = build_as(site, "serve")
    server = RecordingServer()
    config.plugins.on_serve(server, config=config, builder=lambda: None)
    edited = [
        site.root / "profiles" / "ada-lovelace.yml",
        site.root / "profiles" / "_topics.yml",
        site.root / "overrides" / "profiles" / "profile.html",
    ]
    for path in edited:
        assert any(path.resolve().is_relative_to(folder) for folder in server.watched), f"{path} is not watched"


def test_editing_a_profile_under_serve_asks_for_a_rebuild(site: Site) -> None:
    # The real live-reload server, without its HTTP loop: its file watcher must fire on a profile edit.
    from mkdocs.livereload import LiveReloadServer

    make_site(site)
    config = build_as(site, "serve")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site.site_dir))
    try:
        config.plugins.on_serve(server, config=config, builder=lambda: None)
        server.observer.start()
        time.sleep(0.3)
        for edited in ("profiles/ada-lovelace.yml", "overrides/profiles/profile.html"):
            server._want_rebuild = False
            (site.root / edited).write_text(
                (site.root / "profiles" / "ada-lovelace.yml").read_text() + "\n", encoding="utf-8"
            )
            deadline = time.monotonic() + 10
            while not server._want_rebuild and time.monotonic() < deadline:
                time.sleep(0.05)
            assert server._want_rebuild, f"editing {edited} did not ask for a rebuild"
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


@pytest.mark.parametrize("command", ["serve", "build"])
def test_drafts_are_validated_either_way(site: Site, command: str, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    make_site(site)
    site.profile("dora-draft", {**DRAFT, "topics": "Long context"})
    with pytest.raises(Abort):
        build_as(site, command)
    assert "profiles/dora-draft.yml:3: topics: expected a list of text, got text" in caplog.text
