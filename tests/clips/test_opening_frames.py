"""Graphical units of Opening: the last frame of each beat, played on its own, against
committed control data in tests/clips/control_data/opening/. Regenerate after an intended
visual change: ``nice .venv/bin/pytest tests/clips/test_opening_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import pytest
from helpers import cached_latex
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.opening import Opening

__module_test__ = "opening"
pytestmark = pytest.mark.render


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
