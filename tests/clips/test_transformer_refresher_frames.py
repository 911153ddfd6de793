"""Graphical units of TransformerRefresher: the last frame of each beat, played on its own
(which also checks that every beat can be presented alone), against committed control data in
tests/clips/control_data/transformer_refresher/. Regenerate after an intended visual change:
``nice .venv/bin/pytest tests/clips/test_transformer_refresher_frames.py --set_test -n 0``.
The long-names tests play the clip with 30-character names; the portrait and square tests play
a beat in the vertical 9:16 and the square 1:1 frame.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim import config
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.transformer_refresher import TransformerRefresher
from scenes.config import load_clip

__module_test__ = "transformer_refresher"
pytestmark = pytest.mark.render

LONG_NAMES = (
    Path(__file__).resolve().parents[1] / "configs" / "transformer_refresher_long_names.yaml"
)


class LongNamesRefresher(TransformerRefresher):
    """The clip with 30-character names, another attribute and another model."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_clip(LONG_NAMES), **kwargs)  # type: ignore[arg-type]


class PortraitRefresher(TransformerRefresher):
    """The shipped clip in the vertical 9:16 frame (the scene sets the frame from its config)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = load_clip(
            Path(__file__).resolve().parents[2] / "configs" / "transformer_refresher.yaml"
        )
        super().__init__(dataclasses.replace(clip, aspect="9:16"), **kwargs)  # type: ignore[arg-type]


class SquareRefresher(TransformerRefresher):
    """The shipped clip in the square 1:1 frame (the tokens stacked, each vector a row)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = load_clip(
            Path(__file__).resolve().parents[2] / "configs" / "transformer_refresher.yaml"
        )
        super().__init__(dataclasses.replace(clip, aspect="1:1"), **kwargs)  # type: ignore[arg-type]


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_tokens(scene: TransformerRefresher) -> None:
    scene.play_beats(["tokens"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_embeddings(scene: TransformerRefresher) -> None:
    scene.play_beats(["embeddings"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_flow(scene: TransformerRefresher) -> None:
    scene.play_beats(["flow"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_prediction(scene: TransformerRefresher) -> None:
    scene.play_beats(["prediction"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_directions(scene: TransformerRefresher) -> None:
    scene.play_beats(["directions"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_context_knowledge(scene: TransformerRefresher) -> None:
    scene.play_beats(["context_knowledge"])


@frames_comparison(custom_config=cached_latex(), base_scene=TransformerRefresher)
def test_mlp_share(scene: TransformerRefresher) -> None:
    scene.play_beats(["mlp_share"])


@frames_comparison(custom_config=cached_latex(), base_scene=LongNamesRefresher)
def test_long_names_tokens(scene: LongNamesRefresher) -> None:
    scene.play_beats(["tokens"])


@frames_comparison(custom_config=cached_latex(), base_scene=LongNamesRefresher)
def test_long_names_flow(scene: LongNamesRefresher) -> None:
    scene.play_beats(["flow"])


@frames_comparison(custom_config=cached_latex(), base_scene=LongNamesRefresher)
def test_long_names_prediction(scene: LongNamesRefresher) -> None:
    scene.play_beats(["prediction"])


@frames_comparison(custom_config=cached_latex(), base_scene=LongNamesRefresher)
def test_long_names_context_knowledge(scene: LongNamesRefresher) -> None:
    scene.play_beats(["context_knowledge"])


@frames_comparison(custom_config=cached_latex(), base_scene=PortraitRefresher)
def test_portrait_prediction(scene: PortraitRefresher) -> None:
    assert config.frame_height > config.frame_width  # laid out in the vertical frame
    scene.play_beats(["prediction"])


@frames_comparison(custom_config=cached_latex(), base_scene=SquareRefresher)
def test_square_flow(scene: SquareRefresher) -> None:
    assert config.frame_height == config.frame_width  # laid out in the square frame
    scene.play_beats(["flow"])
