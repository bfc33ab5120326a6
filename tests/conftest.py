"""Fixtures shared by every test file: small sites in temporary folders, built for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import Site

#: The repository's own site (documentation and live example).
REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty site folder: write ``mkdocs.yml``, pages and profiles, then ``build()`` or ``run()``."""
    return Site(tmp_path)


@pytest.fixture
def small_site(tmp_path: Path) -> Site:
    """The standard small site (a full profile, a few others, one draft), not built yet."""
    return Site(tmp_path).populate()


@pytest.fixture(scope="module")
def built_small_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The standard small site, built once per test module with ``--strict``. Read it, do not change it."""
    built = Site(tmp_path_factory.mktemp("small-site")).populate()
    built.build()
    return built


def copy_example_site(destination: Path) -> Site:
    """A copy of the repository's ``mkdocs.yml``, ``docs/`` and ``profiles/``: never build inside the repo."""
    shutil.copy2(REPOSITORY / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("docs", "profiles"):
        shutil.copytree(REPOSITORY / folder, destination / folder)
    return Site(destination, config={})


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's example site, copied to a temporary folder and built once with ``--strict``."""
    copied = copy_example_site(tmp_path_factory.mktemp("example-site"))
    copied.build(strict=True)
    return copied
