"""A profiles folder kept inside ``docs_dir`` is data: its files are neither published raw nor rendered as pages."""

from __future__ import annotations

from helpers import Site, html_files, profiles_plugin


def test_profiles_inside_docs_dir_are_not_published_as_files_or_pages(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    site.doc("people/ada.yml", "name: Ada Lovelace\nsummary: Wrote the first program.\n")
    site.doc("people/bob.md", "---\nname: Bob Babbage\nsummary: Built the engine.\n---\nHis *bio*.\n")
    out = site.build(plugins=profiles_plugin(profiles_dir="docs/people"))

    published = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert not [p for p in published if p.startswith("people/")], "raw profile files were copied into the site"
    assert "profiles/ada/index.html" in published
    assert "profiles/bob/index.html" in published
    # bob.md was rendered once, as a profile, with its body as the bio, not as a page of its own.
    bio = site.article("profiles/bob/").select_one(".pf-bio")
    assert bio is not None and bio.find("em").get_text() == "bio"
    assert all("people" not in page.relative_to(out).as_posix() for page in html_files(out))
