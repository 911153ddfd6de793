"""``llmfacts`` from the outside: exit codes and exact messages, no tracebacks."""

import subprocess
import sys
from pathlib import Path

import pytest

from scenes.app.cli import main

LLMFACTS = Path(sys.executable).parent / "llmfacts"


def test_check_good_files(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo_root / "configs" / "toy_directions.yaml"
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok (ToyDirections, 3 beats)\n"


def test_check_bad_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("scene: ToyDirections\ntoy:\n  d_model: abc\n")
    result = subprocess.run(
        [str(LLMFACTS), "check", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"{bad}: toy.d_model: expected an integer >= 3, got 'abc' (str)\n"


def test_render_refuses_bad_input_before_writing_anything(tmp_path: Path, repo_root: Path) -> None:
    good = repo_root / "configs" / "toy_directions.yaml"
    missing = tmp_path / "missing.yaml"
    out = tmp_path / "out"
    result = subprocess.run(
        [str(LLMFACTS), "render", str(good), str(missing), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"{missing}: (file): expected an existing YAML file, got no such file\n"
    assert not out.exists()


def test_list(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(repo_root / "configs")]) == 0
    out = capsys.readouterr().out
    assert "toy_directions  [ToyDirections]  Three nearly perpendicular" in out
    assert "    beats: directions, angles, encoding\n" in out


def test_list_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err == f"{tmp_path}: (folder): expected clip files (*.yaml), got none\n"
    )


def test_bad_quality_is_a_usage_error(repo_root: Path) -> None:
    result = subprocess.run(
        [str(LLMFACTS), "render", "configs/toy_directions.yaml", "--quality", "ultra"],
        capture_output=True,
        text=True,
        check=False,
        cwd=repo_root,
    )
    assert result.returncode == 2
    assert "invalid choice: 'ultra'" in result.stderr
    assert "Traceback" not in result.stderr
