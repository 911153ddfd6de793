"""Graphical units of Opening: the last frame of each beat, played on its own (and the
simple_hard beat for a Llama preset, the prompt beat in the vertical 9:16 frame), against
committed control data in tests/clips/control_data/opening/. Regenerate after an intended
visual change: ``nice .venv/bin/pytest tests/clips/test_opening_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.opening import Opening
from scenes.config import load_clip

__module_test__ = "opening"
pytestmark = pytest.mark.render

SHIPPED = Path(__file__).parents[2] / "configs" / "opening.yaml"
SECOND = Path(__file__).parents[1] / "configs" / "opening_second_fact.yaml"


class LlamaOpening(Opening):
    """Miles Davis and Llama 3 8B: a gated MLP without biases."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_clip(SECOND), **kwargs)  # type: ignore[arg-type]


class PortraitOpening(Opening):
    """The shipped clip in the vertical 9:16 frame (the scene sets the frame from its config)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(load_clip(SHIPPED), aspect="9:16")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


@frames_comparison(custom_config=cached_latex(), base_scene=Opening)
def test_prompt(scene: Opening) -> None:
    scene.play_beats(["prompt"])


@frames_comparison(custom_config=cached_latex(), base_scene=Opening)
def test_parameters(scene: Opening) -> None:
    scene.play_beats(["parameters"])


@frames_comparison(custom_config=cached_latex(), base_scene=Opening)
def test_finding(scene: Opening) -> None:
    scene.play_beats(["finding"])


@frames_comparison(custom_config=cached_latex(), base_scene=Opening)
def test_stack(scene: Opening) -> None:
    scene.play_beats(["stack"])


@frames_comparison(custom_config=cached_latex(), base_scene=Opening)
def test_simple_hard(scene: Opening) -> None:
    scene.play_beats(["simple_hard"])


@frames_comparison(custom_config=cached_latex(), base_scene=Opening)
def test_plan(scene: Opening) -> None:
    scene.play_beats(["plan"])


@frames_comparison(custom_config=cached_latex(), base_scene=LlamaOpening)
def test_llama_simple_hard(scene: LlamaOpening) -> None:
    scene.play_beats(["simple_hard"])


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitOpening)
def test_portrait_finding(scene: PortraitOpening) -> None:
    scene.play_beats(["finding"])
