"""Graphical units: the last frame of beats against committed control data.

Uses manim's ``frames_comparison`` (control data in tests/control_data/clips/); to
regenerate after an intended visual change: ``.venv/bin/pytest tests/test_graphical.py --set_test``.
Each beat is played on its own, which also checks that a beat can be presented alone.
"""

from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.mlp_walkthrough import MLPWalkthrough
from scenes.clips.parameter_count import ParameterCount
from scenes.clips.superposition import Superposition
from scenes.clips.toy_directions import ToyDirections
from scenes.clips.transformer_refresher import TransformerRefresher
from scenes.config import load_clip

__module_test__ = "clips"
pytestmark = pytest.mark.render


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_directions(scene: ToyDirections) -> None:
    scene.play_beats(["directions"])


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_angles(scene: ToyDirections) -> None:
    scene.play_beats(["angles"])


@frames_comparison(custom_config=cached_latex(), base_scene=ToyDirections)
def test_encoding(scene: ToyDirections) -> None:
    scene.play_beats(["directions", "angles", "encoding"])


@frames_comparison(custom_config=cached_latex(), base_scene=MLPWalkthrough)
def test_mlp_rows_as_questions(scene: MLPWalkthrough) -> None:
    scene.play_beats(["rows_as_questions"])


@frames_comparison(custom_config=cached_latex(), base_scene=MLPWalkthrough)
def test_mlp_bias(scene: MLPWalkthrough) -> None:
    scene.play_beats(["bias"])


@frames_comparison(custom_config=cached_latex(), base_scene=MLPWalkthrough)
def test_mlp_activation(scene: MLPWalkthrough) -> None:
    scene.play_beats(["activation"])


@frames_comparison(custom_config=cached_latex(), base_scene=MLPWalkthrough)
def test_mlp_summary(scene: MLPWalkthrough) -> None:
    scene.play_beats(["summary"])


@frames_comparison(custom_config=cached_latex(), base_scene=ParameterCount)
def test_parameter_tally(scene: ParameterCount) -> None:
    scene.play_beats(["tally"])


@frames_comparison(custom_config=cached_latex(), base_scene=ParameterCount)
def test_parameter_mlp_block(scene: ParameterCount) -> None:
    scene.play_beats(["mlp_block"])


SMALL_SUPERPOSITION = Path(__file__).parent / "configs" / "superposition_small.yaml"


class SmallSuperposition(Superposition):
    """The clip at test sizes (the defaults' 10,000-vector optimisation takes minutes)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_clip(SMALL_SUPERPOSITION), **kwargs)  # type: ignore[arg-type]


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_superposition_experiment(scene: SmallSuperposition) -> None:
    scene.play_beats(["experiment"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_superposition_capacity(scene: SmallSuperposition) -> None:
    scene.play_beats(["capacity"])


@frames_comparison(custom_config=cached_latex(), base_scene=SmallSuperposition)
def test_superposition_toy_model(scene: SmallSuperposition) -> None:
    scene.play_beats(["superposition"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_refresher_prediction(scene: TransformerRefresher) -> None:
    scene.play_beats(["prediction"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_refresher_directions(scene: TransformerRefresher) -> None:
    scene.play_beats(["directions"])
