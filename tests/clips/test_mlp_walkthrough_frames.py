"""Graphical units of MLPWalkthrough: the last frame of each beat, played on its own (which
also checks that every beat can be presented alone, its pipeline docked), for the shipped
config and, for the beats that show names, the second fact (30-character names, GELU); two
beats in the vertical 9:16 frame; the widest beats in the square 1:1 frame, where they turn
pages (bias, threshold, rows as questions) or shrink their graph (and_gate), the summary, and
the beats whose digits grow there (up and down projection, neurons) or whose tokens are left
out behind an ellipsis (flow); and the flow beat stopped when the followed vector has gone
through the block and come out changed.
Control data in tests/clips/control_data/mlp_walkthrough/. Regenerate after an intended
visual change: ``nice .venv/bin/pytest tests/clips/test_mlp_walkthrough_frames.py --set_test -n 0``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_latex
from manim import config
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.clips.mlp_walkthrough import MLPWalkthrough
from scenes.config import load_clip

__module_test__ = "mlp_walkthrough"
pytestmark = pytest.mark.render

ROOT = Path(__file__).resolve().parents[2]


class Shipped(MLPWalkthrough):
    """The clip as shipped (configs/mlp_walkthrough.yaml)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = load_clip(ROOT / "configs" / "mlp_walkthrough.yaml")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


class SecondFact(MLPWalkthrough):
    """Long names, another sport, GELU, another model (tests/configs/mlp_second_fact.yaml)."""

    def __init__(self, **kwargs: Any) -> None:
        clip = load_clip(ROOT / "tests" / "configs" / "mlp_second_fact.yaml")
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


class Vertical(MLPWalkthrough):
    """The shipped clip in the vertical 9:16 frame (the scene sets the frame from its config):
    pictures side by side in 16:9 are stacked, the docked pipeline spans the frame's width."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(
            load_clip(ROOT / "configs" / "mlp_walkthrough.yaml"), aspect="9:16"
        )
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


class Square(MLPWalkthrough):
    """The shipped clip in the square 1:1 frame: as narrow as the vertical one, as short as the
    wide one; the widest pictures are shown a page at a time."""

    def __init__(self, **kwargs: Any) -> None:
        clip = dataclasses.replace(
            load_clip(ROOT / "configs" / "mlp_walkthrough.yaml"), aspect="1:1"
        )
        super().__init__(clip, **kwargs)  # type: ignore[arg-type]


class PageTurned(Exception):
    """Raised where a beat is stopped on purpose (the square threshold beat turning from its
    plane to its table; the flow beat once the followed vector is out of the block)."""


class SquarePlane(Square):
    """The square clip stopped at the end of the threshold beat's first page: the plane with
    its numbered ticks, the key to its initials, the fires side after the bias."""

    def carry(self, pairs: Sequence[tuple[Any, Any]], *others: Any) -> None:
        raise PageTurned


class FollowedOut(Shipped):
    """The flow beat stopped once the followed vector (the last name's) has gone into the
    block and come back out of it changed (green, E + MLP(E)), the others still above it."""

    passes = 0

    def pass_through(self, ins: Any, outs: Any, block: Any) -> None:
        if self.passes == 1:
            self.wait(0.1)  # a still frame: the whole picture drawn, not the last move alone
            raise PageTurned
        self.passes += 1
        super().pass_through(ins, outs, block)


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_flow(scene: Shipped) -> None:
    scene.play_beats(["flow"])


@frames_comparison(custom_config=cached_latex(), base_scene=FollowedOut)
def test_flow_followed_vector_out(scene: FollowedOut) -> None:
    with pytest.raises(PageTurned):  # the others are next: stop on the followed one, out
        scene.play_beats(["flow"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_pipeline(scene: Shipped) -> None:
    scene.play_beats(["pipeline"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_up_projection(scene: Shipped) -> None:
    scene.play_beats(["up_projection"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_rows_as_questions(scene: Shipped) -> None:
    scene.play_beats(["rows_as_questions"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_bias(scene: Shipped) -> None:
    scene.play_beats(["bias"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_threshold(scene: Shipped) -> None:
    scene.play_beats(["threshold"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_relu(scene: Shipped) -> None:
    scene.play_beats(["relu"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_and_gate(scene: Shipped) -> None:
    scene.play_beats(["and_gate"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_neurons(scene: Shipped) -> None:
    scene.play_beats(["neurons"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_down_projection(scene: Shipped) -> None:
    scene.play_beats(["down_projection"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_column_facts(scene: Shipped) -> None:
    scene.play_beats(["column_facts"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_down_bias(scene: Shipped) -> None:
    scene.play_beats(["down_bias"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_residual(scene: Shipped) -> None:
    scene.play_beats(["residual"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_parallel(scene: Shipped) -> None:
    scene.play_beats(["parallel"])


@frames_comparison(custom_config=cached_latex(), base_scene=Shipped)
def test_summary(scene: Shipped) -> None:
    scene.play_beats(["summary"])


@frames_comparison(custom_config=cached_latex(), base_scene=SecondFact)
def test_second_fact_threshold(scene: SecondFact) -> None:
    scene.play_beats(["threshold"])


@frames_comparison(custom_config=cached_latex(), base_scene=SecondFact)
def test_second_fact_and_gate(scene: SecondFact) -> None:
    scene.play_beats(["and_gate"])


@frames_comparison(custom_config=cached_latex(), base_scene=SecondFact)
def test_second_fact_column_facts(scene: SecondFact) -> None:
    scene.play_beats(["column_facts"])


@frames_comparison(custom_config=cached_latex(), base_scene=Vertical)
def test_vertical_bias(scene: Vertical) -> None:
    scene.play_beats(["bias"])


@frames_comparison(custom_config=cached_latex(), base_scene=Vertical)
def test_vertical_threshold(scene: Vertical) -> None:
    scene.play_beats(["threshold"])


@frames_comparison(custom_config=cached_latex(), base_scene=SecondFact)
def test_second_fact_flow(scene: SecondFact) -> None:
    scene.play_beats(["flow"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_bias(scene: Square) -> None:
    assert config.frame_height == config.frame_width  # laid out in the square frame
    scene.play_beats(["bias"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_threshold(scene: Square) -> None:
    assert config.frame_height == config.frame_width
    scene.play_beats(["threshold"])


@frames_comparison(custom_config=cached_latex(), base_scene=SquarePlane)
def test_square_threshold_plane(scene: SquarePlane) -> None:
    assert config.frame_height == config.frame_width
    with pytest.raises(PageTurned):  # the beat reaches its second page: stop on the first
        scene.play_beats(["threshold"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_and_gate(scene: Square) -> None:
    assert config.frame_height == config.frame_width
    scene.play_beats(["and_gate"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_summary(scene: Square) -> None:
    assert config.frame_height == config.frame_width
    scene.play_beats(["summary"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_rows_as_questions(scene: Square) -> None:
    assert config.frame_height == config.frame_width
    scene.play_beats(["rows_as_questions"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_flow(scene: Square) -> None:
    assert config.frame_height == config.frame_width  # four tokens and an ellipsis
    scene.play_beats(["flow"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_up_projection(scene: Square) -> None:
    assert config.frame_height == config.frame_width
    scene.play_beats(["up_projection"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_neurons(scene: Square) -> None:
    assert config.frame_height == config.frame_width
    scene.play_beats(["neurons"])


@frames_comparison(custom_config=cached_latex(), base_scene=Square)
def test_square_down_projection(scene: Square) -> None:
    assert config.frame_height == config.frame_width
    scene.play_beats(["down_projection"])
