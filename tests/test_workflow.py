"""The GitHub Actions workflow (.github/workflows/previews.yml), checked offline: valid against
the GitHub-workflow schema check-jsonschema ships, its clip matrix is configs/, its steps are
make targets that exist, its caches are where the code keeps them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "previews.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())
    return loaded


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return found


def test_workflow_is_valid_against_the_github_schema() -> None:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "run-on:", 1))
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1


def test_matrix_is_every_config(workflow: dict[str, Any], tmp_path: Path) -> None:
    """Run the listing step as the runner would; its list is configs/*.yaml, and the
    preview job's matrix is that list."""
    (step,) = [s for s in steps(workflow, "clips") if s.get("id") == "list"]
    output = tmp_path / "github_output"
    env = {**os.environ, "GITHUB_OUTPUT": str(output)}
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT, env=env, check=True)
    (line,) = output.read_text().splitlines()
    name, _, value = line.partition("=")
    assert name == "clips"
    clips = json.loads(value)
    assert clips == sorted(p.stem for p in (ROOT / "configs").glob("*.yaml"))
    assert clips
    assert workflow["jobs"]["clips"]["outputs"]["clips"] == "${{ steps.list.outputs.clips }}"
    matrix = workflow["jobs"]["preview"]["strategy"]["matrix"]
    assert matrix["clip"] == "${{ fromJSON(needs.clips.outputs.clips) }}"


def test_steps_are_make_targets(workflow: dict[str, Any]) -> None:
    """Each job's work is a make target a person would run; each exists (make -n)."""
    commands = [s["run"] for job in workflow["jobs"] for s in steps(workflow, job) if "run" in s]
    makes = [c for c in commands if c.startswith("make ")]
    assert makes == [
        "make test",
        "make preview CLIP=configs/${{ matrix.clip }}.yaml",
        "make gallery",
    ]
    clip = sorted((ROOT / "configs").glob("*.yaml"))[0]
    for command in ("make -n test", f"make -n preview CLIP=configs/{clip.name}", "make -n gallery"):
        result = subprocess.run(command.split(), cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    dry = subprocess.run(
        ["make", "-n", "preview", f"CLIP=configs/{clip.name}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert f"llmfacts previews configs/{clip.name}" in dry


def test_caches_are_where_the_code_keeps_them(
    workflow: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from scenes.app.experiment import cache_root
    from scenes.app.paths import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", workflow["env"]["XDG_CACHE_HOME"])
    cached = [
        path.strip()
        for s in steps(workflow, "preview")
        if s.get("uses", "").startswith("actions/cache@")
        for path in s["with"]["path"].split("\n")
        if path.strip()
    ]
    for needed in (cache_dir() / "tex", cache_dir() / "text", cache_root()):
        assert str(needed) in cached
    assert "/github/home/.cache/pip" in cached
    assert "renders/previews/${{ matrix.clip }}" in cached
