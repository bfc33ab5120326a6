"""``mkdocs-profiles export --out DIR``: the generated pages as plain Markdown, for other generators."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import Site
from mkdocs.utils.meta import get_data

from mkdocs_profiles.cli import main


def test_export_writes_every_generated_page_as_markdown(small_site: Site, tmp_path: Path) -> None:
    out = tmp_path / "exported"
    result = CliRunner().invoke(main, ["export", "-f", str(small_site.root / "mkdocs.yml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "profiles" / "ada-lovelace.md").read_text(encoding="utf-8")
    assert page.startswith("---\n") and get_data(page)[1]["title"] == "Ada Lovelace"
    assert '<h1 class="pf-name" id="pf-name">Ada Lovelace</h1>' in page
    assert (out / "profiles" / "index.md").is_file() and (out / "topics" / "index.md").is_file()
    # Drafts are not published, so they are not exported either.
    assert not (out / "profiles" / "dora-draft.md").exists()
    assert not [p for p in out.rglob("*.md") if "Unpublished draft summary" in p.read_text(encoding="utf-8")]
    # The profiles folder is only read.
    assert not (small_site.root / "profiles" / "index.md").exists()


def test_export_refuses_broken_profiles_and_says_where(small_site: Site, tmp_path: Path) -> None:
    small_site.profile("broken", "name: [unclosed\n")
    out = tmp_path / "exported"
    result = CliRunner().invoke(main, ["export", "-f", str(small_site.root / "mkdocs.yml"), "--out", str(out)])
    assert result.exit_code != 0
    assert "profiles/broken.yml:1" in result.output
    assert not out.exists() or not any(out.rglob("*.md"))
