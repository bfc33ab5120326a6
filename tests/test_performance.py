"""The fast paths of the core give the same answers as the plain ways they replaced.

Speed itself is measured by ``bench/run.py`` (docs/performance.md); these tests make sure that each
shortcut taken for it (pruned related researchers, libyaml, regex heading scans, a urlsplit-free URL
path, the serve cache) changes nothing a reader or an editor can see.
"""

from __future__ import annotations

import math
import posixpath
import random
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import Site
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_profiles import load
from mkdocs_profiles.catalog import build_catalog
from mkdocs_profiles.headings import anchor_ids, extract_headings
from mkdocs_profiles.model import Profile, RelatedRef, Work
from mkdocs_profiles.relate import _ENUMERATION_LIMIT, _SMALL_SITE, RelateSettings, relate
from mkdocs_profiles.slugs import term_key
from mkdocs_profiles.urls import _ARXIV, relative_url, work_identity

# --- related researchers -----------------------------------------------------------------------------


def _reference_relate(profiles: dict[str, Profile], settings: RelateSettings) -> dict[str, list[tuple[str, float]]]:
    """The definition, computed plainly: score every candidate, sort them all."""
    weights = {
        "work": settings.weight_works,
        "organization": settings.weight_organizations,
        "topic": settings.weight_topics,
    }
    items_of = {}
    for slug, profile in profiles.items():
        items: list[tuple[str, str]] = []
        for item in (
            [("work", work_identity(w.url)) for w in profile.works if w.url]
            + [("organization", term_key(n)) for n in profile.organizations]
            + [("topic", term_key(n)) for n in profile.topics]
        ):
            if item not in items:
                items.append(item)
        items_of[slug] = items
    holders: dict[tuple[str, str], list[str]] = {}
    for slug, items in items_of.items():
        for item in items:
            holders.setdefault(item, []).append(slug)
    count = len(profiles)
    limit = count * settings.ignore_share if count >= _SMALL_SITE else math.inf
    value = {
        item: weights[item[0]] * math.log(1 + count / len(members))
        for item, members in holders.items()
        if 2 <= len(members) <= limit and weights[item[0]] > 0
    }
    order = {slug: index for index, slug in enumerate(profiles)}
    result = {}
    for slug, profile in profiles.items():
        places = settings.max_related - len(profile.related)
        taken = {slug, *(ref.slug for ref in profile.related)}
        mine = [item for item in items_of[slug] if item in value]
        rare = [item for item in mine if len(holders[item]) <= _ENUMERATION_LIMIT]
        common = [item for item in mine if item not in rare]
        candidates = {other for item in rare for other in holders[item]} - taken
        if len(candidates) < places:
            for item in sorted(common, key=lambda i: (-value[i], i)):
                for other in holders[item]:
                    if len(candidates) >= places * 4:
                        break
                    if other not in taken:
                        candidates.add(other)
        scored = [(sum(value[i] for i in mine if other in holders[i]), other) for other in candidates]
        scored.sort(key=lambda entry: (-round(entry[0], 9), order[entry[1]]))
        result[slug] = [(other, round(score, 9)) for score, other in scored[: max(places, 0)]]
    return result


def _skewed_profiles(count: int, seed: int) -> list[Profile]:
    """Profiles with a few very common topics and organizations, a long tail, and co-authored works."""
    rng = random.Random(seed)
    topics = [f"Topic {n}" for n in range(max(8, count // 6))]
    organizations = [f"Lab {n}" for n in range(max(5, count // 10))]
    topic_weights = [1 / (rank + 1) ** 1.1 for rank in range(len(topics))]
    org_weights = [1 / (rank + 1) for rank in range(len(organizations))]
    papers = [f"https://arxiv.org/abs/2401.{n:05d}" for n in range(count // 2)]
    profiles = []
    for index in range(count):
        works = tuple(
            Work(f"Paper {url}", url if rng.random() < 0.7 else url.replace("/abs/", "/pdf/") + "v2", "paper")
            for url in {papers[(index + rng.randrange(6)) % len(papers)] for _ in range(rng.randint(0, 3))}
        )
        related = ()
        if rng.random() < 0.1:
            related = (RelatedRef(f"p{(index + 1 + rng.randrange(5)) % count:04d}", "Co-authors."),)
        profiles.append(
            Profile(
                slug=f"p{index:04d}",
                name=f"{rng.choice('ABCDEFGH')}. Person {rng.randrange(count // 3 + 1)}",  # many equal names: ties
                summary="A summary.",
                source=f"profiles/p{index:04d}.yml",
                topics=tuple(dict.fromkeys(rng.choices(topics, topic_weights, k=rng.randint(1, 6)))),
                organizations=tuple(dict.fromkeys(rng.choices(organizations, org_weights, k=rng.randint(1, 3)))),
                signature_works=tuple(sorted(works, key=lambda w: w.title)),
                related=tuple(r for r in related if r.slug != f"p{index:04d}"),
            )
        )
    return profiles


@pytest.mark.parametrize(
    ("count", "seed", "knobs"),
    [
        (12, 1, {}),
        (60, 2, {}),
        (600, 3, {}),  # topics and organizations held by more than 200: the pruned paths
        (600, 4, {"max_related": 12}),
        (600, 5, {"weight_topics": 0.0, "ignore_share": 0.9}),
        (900, 6, {"weight_works": 1.0, "weight_organizations": 1.0}),  # equal weights: more ties
    ],
)
def test_related_researchers_match_the_plain_definition(count: int, seed: int, knobs: dict[str, float]) -> None:
    catalog, _ = build_catalog(_skewed_profiles(count, seed))
    settings = RelateSettings(**knobs)
    if count >= 600:
        assert max(len(t.profiles) for t in catalog.topics.values()) > _ENUMERATION_LIMIT
    expected = _reference_relate(catalog.profiles, settings)
    found = relate(catalog, settings)
    for slug, entries in found.items():
        computed = [(e.slug, round(e.score, 9)) for e in entries if not e.curated]
        assert computed == expected[slug], slug
        for entry in entries:
            if not entry.curated:
                assert math.isclose(entry.score, sum(item.weight for item in entry.shared))
                weights = [item.weight for item in entry.shared]
                assert weights == sorted(weights, reverse=True)


def test_relate_leaves_the_cycle_collector_as_it_found_it() -> None:
    import gc

    catalog, _ = build_catalog(_skewed_profiles(30, 1))
    assert gc.isenabled()
    relate(catalog)
    assert gc.isenabled()
    gc.disable()
    try:
        relate(catalog)
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- reading YAML through libyaml ----------------------------------------------------------------------

TRICKY_YAML = [
    "name: x\nname: y\n",
    "a: 2026-13-45\n",
    "a: [1,\n",
    "a: &x 1\nb: *x\n",
    "a: *undefined\n",
    "- 1\n- 2\n",
    "a: {b: c, b: d}\n",
    "? [a]\n: 1\n",
    'a: "\\x00"\n',
    "a: 'it''s'\nb: |\n  multi\n  line\n",
    "a: 1\n---\nb: 2\n",
    "a:\tb\n",
    "a: !!python/object:os.system x\n",
    "a: !custom x\n",
    "# only a comment\n",
    "a: 1e3\nb: 0x1F\nc: yes\nd: ~\ne: 2026-01-01 10:00:00\n",
    "a: R&D\n",
    "name: Ada\nsummary: >\n  folded\n  text\n\ntopics:\n  - x\n  - y: [1, {z: 2}]\n",
]


@pytest.mark.skipif(load._CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(
    "text",
    TRICKY_YAML
    + [
        p.read_text(encoding="utf-8")
        for p in sorted((Path(__file__).resolve().parent.parent / "profiles").glob("*.yml"))
    ],
)
def test_libyaml_and_pure_python_read_the_same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = load.parse_yaml(text, "x.yml", 1)
    monkeypatch.setattr(load, "_CParser", None)
    assert repr(load.parse_yaml(text, "x.yml", 1)) == repr(fast)


# --- headings and anchors ------------------------------------------------------------------------------


class _ReferenceParser(HTMLParser):
    """What the regex scans replaced: html.parser, handling every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str, str]] = []
        self.ids: set[str] = set()
        self._current: tuple[int, str] | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" and found.get("id"):
            self._current, self._text = (int(tag[1]), str(found["id"])), []
        elif self._current and tag == "a" and "headerlink" in (found.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._current and tag == f"h{self._current[0]}":
            self.headings.append((*self._current, " ".join("".join(self._text).split())))
            self._current = None
        elif self._skip and tag == "a":
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._current and not self._skip:
            self._text.append(data)


def _flat(headings: list) -> list[tuple[int, str, str]]:  # type: ignore[type-arg]
    found = []
    for heading in headings:
        found.append((heading.level, heading.id, heading.title))
        found.extend(_flat(heading.children))
    return found


def test_heading_and_anchor_scans_agree_with_html_parser(built_small_site: Site) -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(built_small_site.site_dir.rglob("*.html"))]
    pages.append(
        '<h2 id="a">A &amp; B <a class="headerlink" href="#a">¶</a></h2><p>the id=5 <code>x id=3</code></p>'
        '<a name="n1">x</a><div data-id="q" title="an id=z" id="real"></div>'
        '<!-- <h2 id="hidden">x</h2> --><script id="s">var x = "<h3 id=\'no\'>"</script>'
        "<h3 id='single'>S <em>T</em></h3><h4 id=unquoted>U</h4><h5>no id</h5>"
    )
    for page in pages:
        reference = _ReferenceParser()
        reference.feed(page)
        reference.close()
        assert _flat(extract_headings(page)) == reference.headings
        assert anchor_ids(page) == reference.ids


# --- URLs ----------------------------------------------------------------------------------------------


def _reference_identity(url: str) -> str:
    """work_identity as it was, through urlsplit for every URL."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    if host in ("doi.org", "dx.doi.org") and path.startswith("/10."):
        return "doi:" + path[1:].lower()
    arxiv = _ARXIV.match(host + path)
    if arxiv:
        return "arxiv:" + arxiv.group(1)
    try:
        port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    except ValueError:
        port = ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"


def test_work_identity_without_urlsplit_agrees_with_urlsplit() -> None:
    rng = random.Random(7)
    hosts = [
        "www.Example.org",
        "arxiv.org",
        "export.arxiv.org",
        "doi.org",
        "dx.doi.org",
        "a-b.c",
        "ex.org:80",
        "ex.org:8080",
        "u@h.org",
        "[::1]",
        "h.org:x",
    ]
    tail = "aZ09.-/:?#@%\\ é_~10absvpdf"
    for _ in range(5000):
        url = rng.choice(["http", "https", "HTTPS"]) + "://" + rng.choice(hosts)
        url += "".join(rng.choice(tail) for _ in range(rng.randint(0, 16)))
        assert work_identity(url) == _reference_identity(url), url


def test_relative_urls_agree_with_posixpath() -> None:
    rng = random.Random(8)
    parts = ["profiles", "topics", "a", "index.html", "x.html", "", "ada-lovelace"]
    for _ in range(5000):
        target = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 3))) + rng.choice(["", "/", "#f"])
        base = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 3))) + rng.choice(["", "/"])
        if target.startswith("/") or base.startswith("/"):
            continue
        base_dir = base[:-1] if base.endswith("/") else posixpath.dirname(base)
        path, _, fragment = target.partition("#")
        expected = posixpath.relpath(path or ".", base_dir or ".")
        if path.endswith("/") or path == "":
            expected = expected + "/" if expected != "." else "./"
        assert relative_url(target, base) == expected + ("#" + fragment if fragment else ""), (target, base)


# --- mkdocs serve --------------------------------------------------------------------------------------


def test_a_serve_rebuild_reparses_only_the_edited_profile(small_site: Site) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def get_config():  # type: ignore[no-untyped-def]
        # What mkdocs serve does for each rebuild: load the configuration again.
        return load_config(str(small_site.root / "mkdocs.yml"))

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["profiles"]
    build(config)
    files = len(list((small_site.root / "profiles").glob("*.yml")))
    parsed, found = plugin.cache.misses, plugin.cache.hits

    edited = small_site.root / "profiles" / "grace-hopper.yml"
    data = yaml.safe_load(edited.read_text(encoding="utf-8"))
    data["summary"] = "Edited while serving."
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    config = get_config()
    build(config)

    assert config.plugins["profiles"] is plugin  # MkDocs keeps plugins that have on_startup
    assert plugin.cache.misses == parsed + 1
    assert plugin.cache.hits == found + files - 1
    page = (Path(config.site_dir) / "profiles" / "grace-hopper" / "index.html").read_text(encoding="utf-8")
    assert "Edited while serving." in page


@pytest.mark.parametrize(
    ("path", "base"),
    [
        ("/site/profiles/ada.yml", "/site"),
        ("/site/profiles/sub/ada.yml", "/site"),
        ("/site-two/profiles/ada.yml", "/site"),
        ("/elsewhere/profiles/ada.yml", "/site"),
        ("profiles/ada.yml", "."),
        ("/ada.yml", "/"),
        ("/site/ada.yml", "/site/"),
    ],
)
def test_display_paths_are_what_relative_to_gives(path: str, base: str) -> None:
    from mkdocs_profiles.pipeline import _display_path

    try:
        expected = Path(path).relative_to(Path(base)).as_posix()
    except ValueError:
        expected = Path(path).as_posix()
    assert _display_path(Path(path), Path(base)) == expected


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_folding_ascii_quickly_gives_what_the_full_fold_gives(text: str) -> None:
    import unicodedata

    from mkdocs_profiles.directory_filter import fold

    decomposed = unicodedata.normalize("NFKD", text.lower())
    expected = " ".join("".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).split())
    assert fold(text) == expected
