"""The package works outside the checkout: a wheel installed into a fresh venv carries the
shipped configs and presets, its LICENSE, and a working ``llmfacts`` command."""

from __future__ import annotations

import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built offline with the venv's own setuptools."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, cwd=out,
    )  # fmt: skip
    (built,) = out.glob("llmfacts-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the checkout with only the wheel installed; its dependencies
    (manim, numpy, ...) are borrowed from this venv's site-packages through a plain path
    entry, which adds the folder but does not run its .pth files, so the checkout's editable
    install stays invisible."""
    venv = tmp_path_factory.mktemp("venv")
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=True)
    (purelib,) = venv.glob("lib/python3*/site-packages")
    (purelib / "borrowed_dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "-q", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    return venv


def run_installed(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(venv / "bin" / "llmfacts"), *args], capture_output=True, text=True, cwd=cwd
    )


def test_wheel_ships_configs_presets_and_licence(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT / "configs").as_posix() for p in ROOT.glob("configs/**/*.yaml")}
    assert shipped, "no configs found in the checkout"
    missing = {name for name in shipped if f"scenes/shipped_configs/{name}" not in names}
    assert not missing
    assert any(name.endswith("licenses/LICENSE") for name in names)


def test_installed_wheel_imports_from_site_packages(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import scenes; print(scenes.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    )  # fmt: skip
    assert str(installed) in where.stdout and str(ROOT) not in where.stdout


def test_installed_list_and_params_work_outside_checkout(installed: Path, tmp_path: Path) -> None:
    listing = run_installed(installed, "list", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    for clip in ROOT.glob("configs/*.yaml"):
        assert clip.stem in listing.stdout
    params = run_installed(installed, "params", "gpt3-175b", "--json", cwd=tmp_path)
    assert params.returncode == 0, params.stderr
    assert '"total"' in params.stdout


def test_installed_init_copies_shipped_configs(installed: Path, tmp_path: Path) -> None:
    target = tmp_path / "my-remix"
    done = run_installed(installed, "init", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    copied = {p.relative_to(target).as_posix() for p in target.glob("**/*.yaml")}
    shipped = {p.relative_to(ROOT / "configs").as_posix() for p in ROOT.glob("configs/**/*.yaml")}
    assert copied == shipped
    check = run_installed(installed, "check", *sorted(str(p) for p in target.glob("*.yaml")),
                          cwd=tmp_path)  # fmt: skip
    assert check.returncode == 0, check.stderr
    again = run_installed(installed, "init", str(target), cwd=tmp_path)
    assert again.returncode == 2 and again.stderr.count("\n") == 1  # never overwrites a remix


def test_version_flag(installed: Path, tmp_path: Path) -> None:
    shown = run_installed(installed, "--version", cwd=tmp_path)
    assert shown.returncode == 0 and shown.stdout.strip() == "llmfacts 0.1.0"
