"""The plugin under ProperDocs, the maintained MkDocs 1.x fork, installed beside MkDocs 1.6.

ProperDocs is its own ``properdocs`` package and command; when it runs, it answers imports of ``mkdocs.*``
itself, so the plugin (and Material) work unchanged. The test extra installs it next to MkDocs.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from importlib.metadata import version

import pytest
from helpers import FULL_PROFILE, Site, normalised_text

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None,
    reason="ProperDocs is not installed: pip install -e '.[test]' installs it",
)


def properdocs_build(site: Site) -> subprocess.CompletedProcess[str]:
    site.write_config()
    (site.root / "docs").mkdir(exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    return subprocess.run(command, cwd=site.root, env=env, capture_output=True, text=True, timeout=180)


def test_the_plugin_builds_a_site_under_properdocs(small_site: Site) -> None:
    done = properdocs_build(small_site)
    assert done.returncode == 0, done.stdout + done.stderr
    page = small_site.html("profiles/ada-lovelace/")
    # It really was ProperDocs that built it, not MkDocs.
    generator = page.find("meta", attrs={"name": "generator"})["content"]
    assert f"ProperDocs {version('properdocs')}" in generator
    text = normalised_text(small_site.article("profiles/ada-lovelace/"))
    for section in (
        "Known For",
        "Start Here",
        "Signature Works",
        "Supporting Sources",
        "Related Researchers",
    ):
        assert section in text, section
    assert "Grace Hopper" in text
    [data] = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert data["mainEntity"]["name"] == FULL_PROFILE["name"]
    for relative in (
        "profiles/index.html",
        "topics/long-context/index.html",
        "profiles/feed.xml",
        "profiles/profiles.json",
    ):
        assert (small_site.site_dir / relative).is_file(), relative
    assert not (small_site.site_dir / "profiles" / "dora-draft").exists()


def test_profile_errors_fail_the_properdocs_build_too(site: Site) -> None:
    site.profile("ada", {"name": "Ada"})
    done = properdocs_build(site)
    assert done.returncode != 0
    assert "profiles/ada.yml" in done.stdout + done.stderr
    assert "missing required key 'summary'" in done.stdout + done.stderr
