"""Graphical units of ToyDirections: the last frame of each beat, played on its own (which
also checks that every beat can be presented alone), against committed control data in
tests/clips/control_data/toy_directions/. Regenerate after an intended visual change:
``nice .venv/bin/pytest tests/clips/test_toy_directions_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import pytest
from helpers import cached_latex
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.toy_directions import ToyDirections

__module_test__ = "toy_directions"
pytestmark = pytest.mark.render


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_directions(scene: ToyDirections) -> None:
    scene.play_beats(["directions"])


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_angles(scene: ToyDirections) -> None:
    scene.play_beats(["angles"])


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_reading(scene: ToyDirections) -> None:
    scene.play_beats(["reading"])


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_full_name(scene: ToyDirections) -> None:
    scene.play_beats(["full_name"])


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_attention(scene: ToyDirections) -> None:
    scene.play_beats(["attention"])
