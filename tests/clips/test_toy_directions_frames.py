"""Graphical units of ToyDirections: the last frame of each beat, played on its own (which
also checks that every beat can be presented alone; the reading beat also in 9:16), against
committed control data in tests/clips/control_data/toy_directions/. Regenerate after an intended
visual change:
``nice .venv/bin/pytest tests/clips/test_toy_directions_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.toy_directions import ToyDirections
from scenes.config import load_clip

__module_test__ = "toy_directions"
pytestmark = pytest.mark.render

SHIPPED = Path(__file__).parents[2] / "configs" / "toy_directions.yaml"


class PortraitToy(ToyDirections):
    """The shipped clip in the vertical 9:16 frame (the scene sets the frame from its config)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(load_clip(SHIPPED), aspect="9:16")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


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


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitToy)
def test_portrait_reading(scene: PortraitToy) -> None:
    scene.play_beats(["reading"])
