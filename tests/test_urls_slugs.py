"""Slugs, term identity, work identity and relative page links."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_profiles.slugs import assign_term_slugs, is_slug, slugify, term_key
from mkdocs_profiles.urls import is_http_url, is_safe_href, page_url, relative_url, work_identity


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Song_Han", "song-han"),
        ("Song Han", "song-han"),
        ("Łukasz Kaiser", "lukasz-kaiser"),
        ("Łukasz", "lukasz"),
        ("Yann LeCun", "yann-lecun"),
        ("Jürgen Schmidhuber", "jurgen-schmidhuber"),
        ("Ørsted", "orsted"),
        ("  Long   context!  ", "long-context"),
        ("C++", "c"),
        ("KV-cache", "kv-cache"),
    ],
)
def test_slugify_transliterates_to_plain_slugs(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert is_slug(slug)


@given(st.text(max_size=40))
def test_slugify_always_gives_a_slug_or_nothing(text: str) -> None:
    result = slugify(text)
    assert result == "" or is_slug(result)


@pytest.mark.parametrize("text", ["song-han", "a", "gpt-4", "2024"])
def test_is_slug_accepts_plain_slugs(text: str) -> None:
    assert is_slug(text)


@pytest.mark.parametrize("text", ["Song-Han", "song_han", "song--han", "-a", "a-", "", "a b", "é"])
def test_is_slug_refuses_everything_else(text: str) -> None:
    assert not is_slug(text)


def test_term_keys_ignore_case_spaces_and_hyphens() -> None:
    spellings = [
        "Long context",
        "long-context",
        "Long Context",
        "LONG  CONTEXT",
        "long\u2011context",
        "long_context",
    ]
    assert {term_key(s) for s in spellings} == {"longcontext"}
    assert term_key("Long context") != term_key("Long contexts")


def test_names_that_slugify_alike_get_distinct_slugs() -> None:
    slugs = assign_term_slugs({"c": "C", "c++": "C++", "c#": "C#"})
    assert slugs["c"] == "c"  # the term spelled exactly like the slug keeps it
    assert len(set(slugs.values())) == 3
    assert all(is_slug(s) for s in slugs.values())


def test_term_slugs_are_stable_whatever_the_order() -> None:
    names = {"c": "C", "c++": "C++", "c#": "C#", "ai": "AI", "a.i.": "A.I."}
    forward = assign_term_slugs(names)
    backward = assign_term_slugs(dict(reversed(list(names.items()))))
    assert forward == backward


def test_adding_a_term_does_not_rename_the_term_that_owns_its_slug() -> None:
    before = assign_term_slugs({"c": "C", "rust": "Rust"})
    after = assign_term_slugs({"c": "C", "rust": "Rust", "c++": "C++"})
    assert before["c"] == after["c"] == "c"
    assert before["rust"] == after["rust"] == "rust"
    assert after["c++"] not in ("c", "rust")


def test_a_term_named_index_does_not_take_the_index_slug() -> None:
    slugs = assign_term_slugs({"index": "Index"})
    assert slugs["index"] != "index"
    assert is_slug(slugs["index"])


def test_a_term_with_no_letters_still_gets_a_slug() -> None:
    slugs = assign_term_slugs({"???": "???", "!!!": "!!!"})
    assert len(set(slugs.values())) == 2
    assert all(is_slug(s) for s in slugs.values())


# Work identity ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "urls",
    [
        [
            "https://example.org/paper",
            "http://example.org/paper",
            "https://www.example.org/paper/",
            "HTTPS://Example.ORG/paper",
        ],
        ["https://example.org/paper#section-2", "https://example.org/paper"],
        [
            "https://arxiv.org/abs/2309.17453",
            "https://arxiv.org/pdf/2309.17453",
            "https://arxiv.org/pdf/2309.17453.pdf",
            "http://www.arxiv.org/abs/2309.17453v2",
            "https://arxiv.org/pdf/2309.17453v3",
            "https://export.arxiv.org/abs/2309.17453",
            "https://arxiv.org/abs/2309.17453/",
        ],
        [
            "https://doi.org/10.1145/3600006.3613165",
            "http://dx.doi.org/10.1145/3600006.3613165",
            "https://www.doi.org/10.1145/3600006.3613165",
            "https://doi.org/10.1145/3600006.3613165/",
        ],
        ["https://github.com/mit-han-lab/streaming-llm", "https://www.github.com/mit-han-lab/streaming-llm/"],
    ],
)
def test_urls_of_the_same_work_compare_equal(urls: list[str]) -> None:
    assert len({work_identity(url) for url in urls}) == 1, {url: work_identity(url) for url in urls}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://arxiv.org/abs/2309.17453", "https://arxiv.org/abs/2309.17454"),
        ("https://example.org/a", "https://example.org/b"),
        ("https://example.org/a?id=1", "https://example.org/a?id=2"),
        ("https://a.example.org/x", "https://b.example.org/x"),
        ("https://doi.org/10.1145/1", "https://doi.org/10.1145/2"),
        ("https://example.org:8080/x", "https://example.org/x"),
    ],
)
def test_urls_of_different_works_stay_different(first: str, second: str) -> None:
    assert work_identity(first) != work_identity(second)


def test_old_style_arxiv_ids_keep_their_category() -> None:
    assert work_identity("https://arxiv.org/abs/hep-th/9901001v1") == work_identity(
        "https://arxiv.org/pdf/hep-th/9901001"
    )
    assert work_identity("https://arxiv.org/abs/hep-th/9901001") != work_identity(
        "https://arxiv.org/abs/hep-ph/9901001"
    )


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.org", True),
        ("mailto:a@x.org", True),
        ("../other/", True),
        ("#anchor", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
    ],
)
def test_safe_hrefs(url: str, safe: bool) -> None:
    assert is_safe_href(url) is safe


def test_is_http_url_needs_a_host() -> None:
    assert is_http_url("https://x.org")
    assert not is_http_url("https:///path")
    assert not is_http_url("https://x.org/a b")


# Page URLs and relative links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "directory_urls", "url"),
    [
        ("profiles/ada.md", True, "profiles/ada/"),
        ("profiles/ada.md", False, "profiles/ada.html"),
        ("profiles/index.md", True, "profiles/"),
        ("profiles/index.md", False, "profiles/index.html"),
        ("index.md", True, ""),
        ("index.md", False, "index.html"),
        ("people/team/ada.md", True, "people/team/ada/"),
    ],
)
def test_page_url_matches_mkdocs(src_uri: str, directory_urls: bool, url: str) -> None:
    assert page_url(src_uri, directory_urls) == url


def test_page_url_agrees_with_mkdocs_itself() -> None:
    from mkdocs.structure.files import File

    for directory_urls in (True, False):
        # (The site's root index.md is never generated: MkDocs calls its URL "./".)
        for src_uri in (
            "profiles/ada.md",
            "profiles/index.md",
            "topics/long-context.md",
            "a/index.md",
            "a/b/c.md",
        ):
            file = File(src_uri, "/docs", "/site", use_directory_urls=directory_urls)
            assert page_url(src_uri, directory_urls) == file.url, (src_uri, directory_urls)


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("profiles/bob/", "profiles/ada/", "../bob/"),
        ("topics/long-context/", "profiles/ada/", "../../topics/long-context/"),
        ("profiles/", "profiles/ada/", "../"),
        ("profiles/ada/", "profiles/", "ada/"),
        ("profiles/ada/", "profiles/ada/", "./"),
        ("profiles/", "", "profiles/"),
        ("", "profiles/ada/", "../../"),
        ("profiles/bob.html", "profiles/ada.html", "bob.html"),
        ("topics/long-context.html", "profiles/ada.html", "../topics/long-context.html"),
        ("profiles/index.html", "profiles/ada.html", "index.html"),
        ("profiles/ada.html", "index.html", "profiles/ada.html"),
        ("profiles/bob/#related", "profiles/ada/", "../bob/#related"),
    ],
)
def test_relative_url(target: str, base: str, expected: str) -> None:
    assert relative_url(target, base) == expected


@given(
    st.lists(st.sampled_from(["profiles", "topics", "a", "b-c"]), max_size=3),
    st.lists(st.sampled_from(["profiles", "topics", "a", "b-c"]), max_size=3),
    st.booleans(),
)
def test_relative_url_resolves_back_to_the_target(
    target_parts: list[str], base_parts: list[str], directory: bool
) -> None:
    def url(parts: list[str]) -> str:
        if directory:
            return "/".join(parts) + "/" if parts else ""
        return "/".join([*parts, "page.html"])

    target, base = url(target_parts), url(base_parts)
    link = relative_url(target, base)
    assert not link.startswith("/")
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base)
    resolved = posixpath.normpath(posixpath.join("/" + base_dir, link))
    assert resolved.rstrip("/") == ("/" + target).rstrip("/")
