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
    assert capsys.readouterr().out == f"{path}: ok (ToyDirections, 5 beats)\n"


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
    assert "    beats: directions, angles, reading, full_name, attention\n" in out


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
    assert "expected one of low, medium, high, 4k (or l, m, h, k), got 'ultra'" in result.stderr
    assert "Traceback" not in result.stderr


def test_params_with_an_absurd_name_is_one_line(tmp_path: Path) -> None:
    name = "x" * 5000
    result = subprocess.run(
        [str(LLMFACTS), "params", name], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stdout == ""
    cut = "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."
    assert result.stderr == (
        f"{cut}: (file): expected a YAML file or a preset (gpt2-small, gpt2-xl, gpt3-175b,"
        f" llama2-7b, llama3-8b, mixtral-8x7b), got {cut} (str)\n"
    )
    assert "File name too long" not in result.stderr


def test_check_with_an_absurd_file_name_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "y" * 5000]) == 2
    cut = "'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy..."
    assert capsys.readouterr().err == (
        f"{cut}: (file): expected a usable file name, got {cut} (str)\n"
    )


SUPERPOSITION_USAGE = [
    (["--seed", "-1"], "--seed: expected an integer from 0 to 4294967295, got -1"),
    (["--seed", "4294967296"], "--seed: expected an integer from 0 to 4294967295, got 4294967296"),
    (["--vectors", "1"], "--vectors: expected an integer >= 2, got 1"),
    (["--vectors", "-5"], "--vectors: expected an integer >= 2, got -5"),
    (["--dims", "0"], "--dims: expected an integer >= 1, got 0"),
    (["--steps", "-3"], "--steps: expected an integer >= 0, got -3"),
    (
        ["--vectors", "9" * 1000],
        "--vectors: expected sizes needing at most 512 MiB, got N=<a 3322-bit integer>, d=100,"
        " which needs over a million TiB",
    ),
]


@pytest.mark.parametrize(("args", "message"), SUPERPOSITION_USAGE)
def test_superposition_bad_sizes_are_one_line_and_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["superposition", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"llmfacts superposition: {message}\n"
    assert not any(tmp_path.iterdir())  # refused before anything was computed or cached


def test_superposition_negative_seed_from_the_shell(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [str(LLMFACTS), "superposition", "--seed", "-1", "--vectors", "10", "--dims", "3"],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "llmfacts superposition: --seed: expected an integer from 0 to 4294967295, got -1\n"
    )


def test_config_and_app_packages_do_not_import_manim() -> None:
    """`llmfacts check` and `list` stay fast: the config layer and the command line's modules
    never import manim (rendering imports it when it starts)."""
    code = (
        "import sys, scenes.config, scenes.app.cli, scenes.app.subtitles, scenes.visual.timeline;"
        " sys.exit('manim' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr


def test_python_dash_m_scenes_is_llmfacts(repo_root: Path) -> None:
    path = repo_root / "configs" / "toy_directions.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "scenes", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{path}: ok (ToyDirections, 5 beats)\n"
