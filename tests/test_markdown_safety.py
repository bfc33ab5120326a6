"""Profile Markdown uses the site's extensions, except those that read files from the build machine."""

from __future__ import annotations

from pathlib import Path

import markdown

from mkdocs_profiles.markdown_text import MarkdownRenderer


def test_snippets_cannot_pull_files_into_a_bio(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE\n", encoding="utf-8")
    bio = 'Before.\n\n--8<-- "secret.txt"\n\nAfter.'
    configs = {"pymdownx.snippets": {"base_path": [str(tmp_path)]}}
    # The same extension does include the file in ordinary Markdown, so the check below can fail.
    assert "TOP-SECRET-VALUE" in markdown.markdown(bio, extensions=["pymdownx.snippets"], extension_configs=configs)
    rendered = MarkdownRenderer(["pymdownx.snippets", "tables"], configs).block(bio)
    assert "TOP-SECRET-VALUE" not in rendered
    assert "Before." in rendered and "After." in rendered


def test_other_site_extensions_still_apply() -> None:
    rendered = MarkdownRenderer(["tables"]).block("| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<table>" in rendered
