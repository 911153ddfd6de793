"""Manim's own command line renders what ``llmfacts render`` renders: a scene given no config
plays the shipped clip file, or the one $LLMFACTS_CONFIG names, with the same one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scenes.config import load_clip
from scenes.config.registry import CONFIG_ENV, default_clip
from scenes.config.toy_directions import ToyDirectionsConfig

BIN = Path(sys.executable).parent


def manim(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "manim"), *args], capture_output=True, text=True, env=env, cwd=cwd
    )


def test_a_scene_without_config_plays_the_shipped_file(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    shipped = load_clip(repo_root / "configs" / "toy_directions.yaml")
    assert default_clip(ToyDirectionsConfig, "ToyDirections") == shipped
    assert shipped != ToyDirectionsConfig(scene="ToyDirections")  # so the test means something


def test_the_environment_picks_another_file(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remix = tmp_path / "remix.yaml"
    remix.write_text("scene: ToyDirections\nseed: 11\n")
    monkeypatch.setenv(CONFIG_ENV, str(remix))
    assert default_clip(ToyDirectionsConfig, "ToyDirections").seed == 11


@pytest.mark.render
def test_bad_config_under_manim_is_one_line_and_exit_2(repo_root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scene: ToyDirections\ntoy:\n  d_model: abc\n")
    env = {**os.environ, CONFIG_ENV: str(bad)}
    done = manim(
        ["-ql", "-s", "--media_dir", str(tmp_path / "media"),
         str(repo_root / "scenes" / "clips" / "toy_directions.py"), "ToyDirections"],
        env, tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert f"{bad}: toy.d_model: expected an integer >= 3, got 'abc' (str)" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.render
def test_manim_and_llmfacts_render_the_same_frame(repo_root: Path, tmp_path: Path) -> None:
    shipped = repo_root / "configs" / "toy_directions.yaml"
    first_beat = load_clip(shipped).beat_order[0]
    config = tmp_path / "one_beat.yaml"
    config.write_text(shipped.read_text() + f"\nbeats: [{first_beat}]\n")
    env = {**os.environ, CONFIG_ENV: str(config)}
    done = manim(
        ["-ql", "-s", "--disable_caching", "--media_dir", str(tmp_path / "media"),
         str(repo_root / "scenes" / "clips" / "toy_directions.py"), "ToyDirections"],
        env, tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (by_manim,) = (tmp_path / "media" / "images").glob("**/*.png")
    done = subprocess.run(
        [str(BIN / "llmfacts"), "render", str(config), "-q", "l", "--stills",
         "--output", str(tmp_path / "out")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    by_llmfacts = tmp_path / "out" / "one_beat" / "low.stills" / f"00_{first_beat}.png"
    a = np.asarray(Image.open(by_manim).convert("RGB"), dtype=np.int16)
    b = np.asarray(Image.open(by_llmfacts).convert("RGB"), dtype=np.int16)
    assert a.shape == b.shape
    # The still is decoded from the H.264 video, manim's PNG is lossless: codec noise moves
    # pixels a little; another picture (another seed, another fact) moves some a lot.
    far = np.abs(a - b).max(axis=2) > 64
    print(f"pixels far apart: {far.mean():.5f}")
    assert far.mean() < 0.001
