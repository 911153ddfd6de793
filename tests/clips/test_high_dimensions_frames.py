"""Graphical units of HighDimensions (configs/high_dimensions.yaml): the last frame of each
beat, played on its own (and one beat in the vertical 9:16 frame), against committed control data in
tests/clips/control_data/high_dimensions/. Regenerate after an intended visual change (or after
the capacity search, the toy model or the autoencoder changes its results):
``nice .venv/bin/pytest tests/clips/test_high_dimensions_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim import config
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.high_dimensions import HighDimensions
from scenes.config import load_clip

__module_test__ = "high_dimensions"
pytestmark = pytest.mark.render

CONFIG = Path(__file__).parents[2] / "configs" / "high_dimensions.yaml"


class ShippedHighDimensions(HighDimensions):
    """The clip as shipped (its YAML: numbers, words and narration)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_clip(CONFIG), **kwargs)  # type: ignore[arg-type]


class PortraitHighDimensions(HighDimensions):
    """The shipped clip in the vertical 9:16 frame (the scene sets the frame from its config)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(load_clip(CONFIG), aspect="9:16")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


@frames_comparison(custom_config=cached_latex(), base_scene=ShippedHighDimensions)
def test_angles(scene: ShippedHighDimensions) -> None:
    scene.play_beats(["angles"])


@frames_comparison(custom_config=cached_latex(), base_scene=ShippedHighDimensions)
def test_capacity(scene: ShippedHighDimensions) -> None:
    scene.play_beats(["capacity"])


@frames_comparison(custom_config=cached_latex(), base_scene=ShippedHighDimensions)
def test_toy_model(scene: ShippedHighDimensions) -> None:
    scene.play_beats(["toy_model"])


@frames_comparison(custom_config=cached_latex(), base_scene=ShippedHighDimensions)
def test_autoencoder(scene: ShippedHighDimensions) -> None:
    scene.play_beats(["autoencoder"])


@frames_comparison(custom_config=cached_latex(), base_scene=ShippedHighDimensions)
def test_up_next(scene: ShippedHighDimensions) -> None:
    scene.play_beats(["up_next"])


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitHighDimensions)
def test_portrait_capacity(scene: PortraitHighDimensions) -> None:
    assert config.frame_height > config.frame_width  # laid out in the vertical frame
    scene.play_beats(["capacity"])


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitHighDimensions)
def test_portrait_angles(scene: PortraitHighDimensions) -> None:
    scene.play_beats(["angles"])  # the histogram uses the tall frame's height


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitHighDimensions)
def test_portrait_toy_model(scene: PortraitHighDimensions) -> None:
    scene.play_beats(["toy_model"])  # a bigger plane, bigger words under it


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitHighDimensions)
def test_portrait_up_next(scene: PortraitHighDimensions) -> None:
    scene.play_beats(["up_next"])
