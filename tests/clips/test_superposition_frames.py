"""Graphical units of Superposition at test sizes (tests/configs/superposition_small.yaml): the
last frame of each beat, played on its own, against committed control data in
tests/clips/control_data/superposition/. Regenerate after an intended visual change (or after
the experiment's optimiser changes its results):
``nice .venv/bin/pytest tests/clips/test_superposition_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.superposition import Superposition
from scenes.config import load_clip

__module_test__ = "superposition"
pytestmark = pytest.mark.render

SMALL = Path(__file__).parents[1] / "configs" / "superposition_small.yaml"


class SmallSuperposition(Superposition):
    """The clip at test sizes (the default's 10,000-vector optimisation takes minutes)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_clip(SMALL), **kwargs)  # type: ignore[arg-type]


class VerticalSuperposition(Superposition):
    """The clip at test sizes in the vertical 9:16 frame (the scene sets the frame)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(load_clip(SMALL), aspect="9:16")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


class SquareSuperposition(Superposition):
    """The clip at test sizes in the square 1:1 frame (pictures shown in turn)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(load_clip(SMALL), aspect="1:1")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_neurons(scene: SmallSuperposition) -> None:
    scene.play_beats(["neurons"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_perpendicular(scene: SmallSuperposition) -> None:
    scene.play_beats(["perpendicular"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_nearly_perpendicular(scene: SmallSuperposition) -> None:
    scene.play_beats(["nearly_perpendicular"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_cramming(scene: SmallSuperposition) -> None:
    scene.play_beats(["cramming"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_experiment(scene: SmallSuperposition) -> None:
    scene.play_beats(["experiment"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_optimisation(scene: SmallSuperposition) -> None:
    scene.play_beats(["optimisation"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_reveal(scene: SmallSuperposition) -> None:
    scene.play_beats(["reveal"])


@frames_comparison(custom_config=cached_latex(), base_scene=VerticalSuperposition)
def test_nearly_perpendicular_vertical(scene: VerticalSuperposition) -> None:
    scene.play_beats(["nearly_perpendicular"])


@frames_comparison(custom_config=cached_latex(), base_scene=SquareSuperposition)
def test_reveal_square(scene: SquareSuperposition) -> None:
    scene.play_beats(["reveal"])


@frames_comparison(custom_config=cached_latex(), base_scene=VerticalSuperposition)
def test_perpendicular_vertical(scene: VerticalSuperposition) -> None:
    scene.play_beats(["perpendicular"])


@frames_comparison(custom_config=cached_latex(), base_scene=VerticalSuperposition)
def test_experiment_vertical(scene: VerticalSuperposition) -> None:
    scene.play_beats(["experiment"])  # each picture fills the width on its own


@frames_comparison(custom_config=cached_latex(), base_scene=SquareSuperposition)
def test_perpendicular_square(scene: SquareSuperposition) -> None:
    scene.play_beats(["perpendicular"])  # the plane, then space, each alone
