"""The GitHub Actions workflow that builds the site with --strict and deploys it to GitHub Pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from conftest import REPOSITORY

WORKFLOW = REPOSITORY / ".github" / "workflows" / "docs.yml"


def check_schema(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against the GitHub workflow schema it bundles (no network)."""
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        str(path),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def test_the_workflow_is_a_valid_github_workflow(tmp_path: Path) -> None:
    done = check_schema(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    # The check can fail: a job without runs-on is refused.
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: 3\n", encoding="utf-8")
    assert check_schema(broken).returncode != 0


def test_it_builds_strictly_with_the_readmes_command_and_deploys_to_pages() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    [install] = [line.strip() for line in readme.splitlines() if line.startswith("python3 -m venv")]
    assert "--strict" in install
    runs = [step.get("run", "") for step in steps(workflow, "build")]
    assert install in runs
    uses = {step.get("uses", "").split("@")[0]: step for step in steps(workflow, "build")}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "refs/heads/main" in deploy["if"]
    for step in steps(workflow, "build") + deploy["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), step["uses"]
