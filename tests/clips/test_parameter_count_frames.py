"""Graphical units of ParameterCount: the last frame of each beat, played on its own, for the
default GPT-3 config and for Llama 3 8B and Mixtral 8x7B (tests/configs/parameter_count_*.yaml),
against committed control data in tests/clips/control_data/parameter_count/. Regenerate after
an intended visual change:
``nice .venv/bin/pytest tests/clips/test_parameter_count_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.parameter_count import ParameterCount
from scenes.config import load_clip

__module_test__ = "parameter_count"
pytestmark = pytest.mark.render

CONFIGS = Path(__file__).parents[1] / "configs"
SHIPPED = Path(__file__).parents[2] / "configs" / "parameter_count.yaml"


class LlamaCount(ParameterCount):
    """Llama 3 8B: a gated MLP's three matrices, grouped-query attention, full convention."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_clip(CONFIGS / "parameter_count_llama.yaml"), **kwargs)  # type: ignore[arg-type]


class PortraitCount(ParameterCount):
    """The shipped clip in the vertical 9:16 frame (the tally stacks its rows)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(load_clip(SHIPPED), aspect="9:16")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


class MixtralCount(ParameterCount):
    """Mixtral 8x7B: eight experts per layer, total against active parameters."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_clip(CONFIGS / "parameter_count_mixtral.yaml"), **kwargs)  # type: ignore[arg-type]


@frames_comparison(custom_config=cached_latex(), base_scene=ParameterCount)
def test_matrices(scene: ParameterCount) -> None:
    scene.play_beats(["matrices"])


@frames_comparison(custom_config=cached_latex(), base_scene=ParameterCount)
def test_product(scene: ParameterCount) -> None:
    scene.play_beats(["product"])


@frames_comparison(custom_config=cached_latex(), base_scene=ParameterCount)
def test_layers(scene: ParameterCount) -> None:
    scene.play_beats(["layers"])


@frames_comparison(custom_config=cached_latex(), base_scene=ParameterCount)
def test_tally(scene: ParameterCount) -> None:
    scene.play_beats(["tally"])


class SquareLlamaCount(ParameterCount):
    """Llama 3 8B in the square 1:1 frame: three matrices shrink into a row without sizes."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(load_clip(CONFIGS / "parameter_count_llama.yaml"), aspect="1:1")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


class PortraitMixtralCount(ParameterCount):
    """Mixtral 8x7B in the 9:16 frame: the table, then a page with the total and the active."""

    def __init__(self, **kwargs: Any) -> None:
        path = CONFIGS / "parameter_count_mixtral.yaml"
        clip = dataclasses.replace(load_clip(path), aspect="9:16")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


@frames_comparison(custom_config=cached_latex(), base_scene=LlamaCount)
def test_llama_matrices(scene: LlamaCount) -> None:
    scene.play_beats(["matrices"])


@frames_comparison(custom_config=cached_latex(), base_scene=LlamaCount)
def test_llama_product(scene: LlamaCount) -> None:
    scene.play_beats(["product"])


@frames_comparison(custom_config=cached_latex(), base_scene=LlamaCount)
def test_llama_tally(scene: LlamaCount) -> None:
    scene.play_beats(["tally"])


@frames_comparison(custom_config=cached_latex(), base_scene=MixtralCount)
def test_mixtral_layers(scene: MixtralCount) -> None:
    scene.play_beats(["layers"])


@frames_comparison(custom_config=cached_latex(), base_scene=MixtralCount)
def test_mixtral_tally(scene: MixtralCount) -> None:
    scene.play_beats(["tally"])


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitCount)
def test_portrait_tally(scene: PortraitCount) -> None:
    scene.play_beats(["tally"])


@frames_comparison(custom_config=cached_latex(), base_scene=SquareLlamaCount)
def test_square_llama_product(scene: SquareLlamaCount) -> None:
    scene.play_beats(["product"])


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitMixtralCount)
def test_portrait_mixtral_tally(scene: PortraitMixtralCount) -> None:
    scene.play_beats(["tally"])
