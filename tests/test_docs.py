"""The documentation stays true to the code.

Every plugin option, label key, profile key and template is documented; the error messages the docs
quote are the ones the plugin prints; and the configuration and template examples build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPOSITORY
from helpers import Site, normalised_text, profiles_plugin

from mkdocs_profiles.config import ProfilesConfig
from mkdocs_profiles.labels import DEFAULT_LABELS
from mkdocs_profiles.pipeline import Options, build_plan
from mkdocs_profiles.schema import LINK_KINDS, PROFILE_FIELDS, RELATED_FIELDS, WORK_FIELDS, WORK_KINDS

DOCS = REPOSITORY / "docs"
TEMPLATES = REPOSITORY / "mkdocs_profiles" / "templates"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def table_keys(text: str) -> set[str]:
    """The code in the first cell of every table row: ``| `name` |`` or ``| [`name`](#anchor) |``."""
    return set(re.findall(r"^\| \[?`([^`]+)`", text, flags=re.MULTILINE))


def code_blocks(text: str, language: str) -> list[tuple[str | None, str]]:
    """Fenced blocks of ``language`` at the left margin, as (title, code)."""
    pattern = rf'^```{language}(?: title="([^"]+)")?\n(.*?)^```$'
    return [(m.group(1), m.group(2)) for m in re.finditer(pattern, text, flags=re.MULTILINE | re.DOTALL)]


# Reference tables -------------------------------------------------------------------------------


def test_every_plugin_option_is_in_the_options_table() -> None:
    options = [name for name, _ in ProfilesConfig._schema]
    missing = [name for name in options if name not in table_keys(page("configuration.md"))]
    assert not missing, f"options missing from docs/configuration.md: {missing}"


def test_every_label_key_is_in_a_label_table() -> None:
    documented = table_keys(page("configuration.md"))
    missing = [key for key in DEFAULT_LABELS if key not in documented]
    assert not missing, f"label keys missing from docs/configuration.md: {missing}"
    text = page("configuration.md")
    for key, default in DEFAULT_LABELS.items():
        assert f"| `{key}` | {default} |" in text, f"the default of label {key!r} differs from the docs"


def test_every_key_of_the_profile_format_is_documented() -> None:
    documented = table_keys(page("profile-format.md"))
    names = [f.name for f in (*PROFILE_FIELDS, *WORK_FIELDS, *RELATED_FIELDS)] + list(WORK_KINDS) + list(LINK_KINDS)
    missing = [name for name in names if name not in documented]
    assert not missing, f"keys missing from docs/profile-format.md: {missing}"


def test_every_template_is_documented() -> None:
    text = page("templates.md")
    templates = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
    pages = [t for t in templates if t.count("/") == 1]  # profiles/<kind>.html; layouts/ and partials/ below
    partials = [t for t in templates if t.startswith("profiles/partials/")]
    missing = [t for t in pages + partials if f"`{t}`" not in text]
    assert not missing, f"templates missing from docs/templates.md: {missing}"


def test_every_block_of_every_layout_is_documented() -> None:
    text = page("templates.md")
    for layout in sorted((TEMPLATES / "profiles" / "layouts").glob("*.html")):
        blocks = re.findall(r"{%-?\s*block\s+(\w+)", layout.read_text(encoding="utf-8"))
        row = next((line for line in text.splitlines() if line.startswith(f"| `profiles/{layout.name}`")), None)
        assert row is not None, f"no row for profiles/{layout.name} in docs/templates.md"
        missing = [block for block in blocks if f"`{block}`" not in row]
        assert not missing, f"blocks of {layout.name} missing from docs/templates.md: {missing}"


# Error messages ---------------------------------------------------------------------------------

#: The broken files whose messages docs/profile-format.md quotes, one folder per run.
BROKEN_RUNS: dict[str, dict[str, str | bytes]] = {
    "block": {
        "ada-lovelace.yml": (
            "name: Ada Lovelace\n"
            "summary:\n"
            "focus: 42\n"
            "last_reviewed: March 2026\n"
            "start_here:\n"
            "  - url: https://example.org/notes\n"
            "    kind: paper\n"
            "  - title: Notes\n"
            "    url: ftp://example.org/notes\n"
            "    year: 18430\n"
            "  - Sketch of the Analytical Engine\n"
            "related:\n"
            "  - profile: charles-babbage\n"
            "    nota: Worked together\n"
            "  - {note: no profile}\n"
            "  - Charles Babbage\n"
            "links: https://example.org\n"
        ),
        "m.md": "---\nname: M\nsummary: S\nbio: x\n---\nBody\n",
        "nofront.md": "name: M\nsummary: S\n",
    },
    "errors": {
        "song-han.yml": (
            "name: Song Han\n"
            "summary: Efficient AI systems.\n"
            "topcis: [Quantization]\n"
            "topics: Quantization\n"
            "organizations:\n"
            "  - MIT\n"
            "  - 42\n"
            "editor_reviewed: yes please\n"
            "last_reviewed: 2026-13-45\n"
            "links:\n"
            "  homepage: javascript:alert(1)\n"
            "  twitter: https://x.com/songhan\n"
            "start_here:\n"
            "  - title: StreamingLLM\n"
            "    url: https://arxiv.org/abs/2309.17453\n"
            "    kind: preprint\n"
            '    year: "2024"\n'
        ),
        "yes.yml": "name: yes\nsummary: A boolean name.\nslug: Ada Lovelace\n",
        "dup.yml": "name: Ada\nsummary: One.\nsummary: Two.\n",
        "bad-yaml.yml": "name: [unclosed\nsummary: x\n",
        "empty.yml": "",
        "list.yml": "- name: A\n",
        "noname.yml": "summary: no name\n",
        "index.yml": "name: I\nsummary: S\n",
        "cafe.yml": b"name: Caf\xe9\nsummary: S\n",
        "bob.yml": "name: &n Bob\nsummary: *n\n",
    },
    "slugs": {
        "song-han.yml": "name: Song Han\nsummary: S\n",
        "ana.yml": "name: Ana\nsummary: S\nslug: song-han\n",
        "dr.yml": "name: Draft\nsummary: S\ndraft: true\n",
        "r.yml": "name: R\nsummary: S\nrelated:\n  - dr\n  - nobody-here\n",
    },
}


def messages_of(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    result = build_plan(Options(profiles_dir=folder, base_dir=tmp_path, labels=dict(DEFAULT_LABELS)))
    return [str(problem) for problem in result.problems]


@pytest.fixture(scope="module")
def real_messages(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    found: set[str] = set()
    for run, files in BROKEN_RUNS.items():
        found.update(messages_of(tmp_path_factory.mktemp(run), files))
    return found


def test_the_quoted_error_messages_are_the_real_ones(real_messages: set[str]) -> None:
    text = page("profile-format.md")
    quoted = re.findall(r"^\|[^|]+\| `(profiles/[^`]+)` \|$", text, flags=re.MULTILINE)
    assert len(quoted) > 15
    stale = [message for message in quoted if message not in real_messages]
    assert not stale, "messages in docs/profile-format.md the plugin does not print:\n" + "\n".join(stale)


def test_the_quoted_build_output_is_the_real_one(tmp_path: Path) -> None:
    text = page("profile-format.md")
    block = text[text.index("This is a real run") :]
    block = block[block.index("```text\n") : block.index("Aborted with a BuildError!")]
    lines = [line.strip() for line in block.splitlines() if line.startswith("  profiles/")]
    real = messages_of(tmp_path, BROKEN_RUNS["block"])
    assert lines == real
    assert f"profiles: {len(real)} problem(s) in profile files:" in block


# Examples ---------------------------------------------------------------------------------------


def plugin_examples() -> list[dict[str, Any]]:
    """The options of every ``mkdocs.yml`` example in docs/configuration.md that configures the plugin."""
    examples = []
    for _, code in code_blocks(page("configuration.md"), "yaml"):
        config = yaml.safe_load(code)
        for entry in (config or {}).get("plugins", []) if isinstance(config, dict) else []:
            if isinstance(entry, dict) and "profiles" in entry:
                examples.append(entry["profiles"])
    return examples


@pytest.mark.parametrize("options", plugin_examples(), ids=lambda options: ",".join(sorted(options)))
def test_the_configuration_examples_build(small_site: Site, options: dict[str, Any]) -> None:
    if "profiles_dir" in options:
        (small_site.root / "profiles").rename(small_site.root / "moved")
        target = small_site.root / options["profiles_dir"]
        target.parent.mkdir(parents=True, exist_ok=True)
        (small_site.root / "moved").rename(target)
    site_dir = small_site.build(plugins=profiles_plugin(**options))
    url = options.get("profiles_url", "profiles")
    assert (site_dir / url / "ada-lovelace" / "index.html").is_file()


def test_the_template_and_css_examples_work(small_site: Site) -> None:
    text = page("templates.md")
    written = []
    for title, code in code_blocks(text, "jinja") + code_blocks(text, "css"):
        if title and title.startswith(("overrides/", "docs/")):
            small_site.write(title, code)
            written.append(title)
    assert "overrides/profiles/profile.html" in written and "overrides/profiles/partials/work.html" in written
    css = next(title for title in written if title.endswith(".css"))
    small_site.build(
        theme={"name": "material", "custom_dir": "overrides"},
        extra_css=[css.removeprefix("docs/")],
    )
    page_html = small_site.html("profiles/ada-lovelace/")
    article = page_html.find("article")
    # The block override: Known For as a bulleted list, and a line after Related Researchers.
    assert article.find("ol", class_="pf-known-for") is None
    known_for = article.find("h2", id="known-for").find_next_sibling("ul")
    assert [normalised_text(li) for li in known_for.find_all("li")] == [
        "Model compression",
        "Efficient AI systems",
        "Notes on the engine",
    ]
    see_also = article.find("a", string="everyone in the directory")
    assert see_also["href"] == "../"
    # The partial override: year first, then the linked title.
    work = article.select_one("li.pf-work")
    assert normalised_text(work).startswith("2024 · Efficient Streaming Language Models")
    # The site's stylesheet comes after the plugin's, so it wins at equal specificity.
    sheets = [link["href"] for link in page_html.find_all("link", rel="stylesheet")]
    ours = next(i for i, href in enumerate(sheets) if href.endswith("profiles/profiles.css"))
    theirs = next(i for i, href in enumerate(sheets) if href.endswith(css.removeprefix("docs/")))
    assert ours < theirs
