"""``export_markdown``: every generated page as plain Markdown, publishable by a site without the plugin."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
import yaml
from helpers import FULL_PROFILE, Site, broken_links, html_files, normalised_text

from mkdocs_profiles.export import ExportError, export_markdown, front_matter
from mkdocs_profiles.labels import merge_labels
from mkdocs_profiles.pipeline import Options, build_plan
from mkdocs_profiles.plan import PlannedPage
from mkdocs_profiles.render import RenderSettings

MATERIAL_ICONS = Path(material.__file__).parent / "templates" / ".icons"


def options_for(site: Site, language: str = "en") -> Options:
    return Options(
        profiles_dir=site.root / "profiles",
        base_dir=site.root,
        labels=merge_labels(None, language),
        language=language,
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def test_every_generated_page_is_written_with_front_matter(small_site: Site, tmp_path: Path) -> None:
    out = tmp_path / "exported"
    written = export_markdown(options_for(small_site), out, site_url="https://example.org/", site_name="Test Site")
    plan = build_plan(options_for(small_site)).plan
    assert plan is not None
    relative = {p.relative_to(out).as_posix() for p in written}
    assert {page.src_uri for page in plan.pages} <= relative
    assert {"assets/profiles/profiles.css", "assets/profiles/filter.js", "profiles/profiles.json"} <= relative
    assert "profiles/feed.xml" in relative
    assert all(path.is_file() for path in written)
    front, body = split_front_matter((out / "profiles" / "ada-lovelace.md").read_text(encoding="utf-8"))
    assert front == {"title": "Ada Lovelace", "description": FULL_PROFILE["summary"]}
    assert body.lstrip().startswith('<div class="pf-page pf-page--profile">')
    assert "Draftina" not in "".join(p.read_text(encoding="utf-8") for p in written if p.suffix == ".md")


def test_the_export_builds_as_a_plain_site_with_the_same_pages(small_site: Site, tmp_path: Path) -> None:
    small_site.build()
    out = tmp_path / "plain" / "docs"
    settings = RenderSettings(labels=merge_labels(None), icon_dirs=[MATERIAL_ICONS])
    export_markdown(options_for(small_site), out, settings, site_url="https://example.org/", site_name="Test Site")
    # A site that knows nothing of the plugin: Material, the exported folder as docs, our CSS and script.
    plain = Site(tmp_path / "plain")
    plain.doc("index.md", "# Home\n")
    plain.build(
        plugins=["search"],
        extra_css=["assets/profiles/profiles.css"],
        extra_javascript=["assets/profiles/filter.js"],
    )
    for url in ("profiles/ada-lovelace/", "profiles/", "topics/long-context/", "organizations/mit/"):
        ours = small_site.article(url).find("div", class_="pf-page")
        theirs = plain.article(url).find("div", class_="pf-page")
        assert theirs is not None, url
        assert normalised_text(theirs) == normalised_text(ours), url
        assert [a["href"] for a in theirs.find_all("a")] == [a["href"] for a in ours.find_all("a")], url
        assert plain.html(url).find("title").get_text() == small_site.html(url).find("title").get_text()
    for page in html_files(plain.site_dir):
        if page.name == "404.html":  # MkDocs writes it with root-absolute links on purpose
            continue
        assert broken_links(plain.site_dir, page) == [], page


def test_a_profile_error_exports_nothing(site: Site, tmp_path: Path) -> None:
    site.profile("ada", {"name": "Ada"})
    out = tmp_path / "out"
    with pytest.raises(ExportError) as raised:
        export_markdown(options_for(site), out)
    assert "missing required key 'summary'" in str(raised.value)
    assert raised.value.problems
    assert not out.exists()


def test_never_writes_into_the_profiles_folder(small_site: Site) -> None:
    with pytest.raises(ValueError, match="profiles folder"):
        export_markdown(options_for(small_site), small_site.root / "profiles" / "out")


def test_the_export_follows_the_language(small_site: Site, tmp_path: Path) -> None:
    export_markdown(options_for(small_site, "de"), tmp_path)
    front, body = split_front_matter((tmp_path / "profiles" / "index.md").read_text(encoding="utf-8"))
    assert front["title"] == "Profile"
    assert "18. März 2026" in (tmp_path / "profiles" / "ada-lovelace.md").read_text(encoding="utf-8")


def test_front_matter_escapes_html_and_survives_yaml() -> None:
    page = PlannedPage("profile", "x", "profiles/x.md", "profiles/x/", 'A <b> & "B": c', "d: e\n#f")
    front, body = split_front_matter(front_matter(page) + "\n")
    assert front == {"title": "A &lt;b&gt; &amp; &quot;B&quot;: c", "description": "d: e\n#f"}
