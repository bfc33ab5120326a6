"""Slugs chosen by editors never collide with the fixed ids of a generated page's sections."""

from __future__ import annotations

from collections import Counter

from helpers import Site


def test_slugs_named_like_sections_do_not_duplicate_ids(site: Site) -> None:
    site.doc("index.md", "# Home\n")
    # Profile slugs and a topic named like the section ids of profile and topic pages.
    for slug in ("topics", "about", "related", "known-for"):
        site.profile(slug, {"name": f"Person {slug}", "summary": "S.", "topics": ["People"], "organizations": ["Org"]})
    out = site.build()
    pages = [out / "profiles" / slug / "index.html" for slug in ("topics", "about", "related", "known-for")]
    pages.append(out / "topics" / "people" / "index.html")
    for page in pages:
        ids = Counter(str(e["id"]) for e in site.html(page.relative_to(out).parent.as_posix() + "/").find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == [], page
