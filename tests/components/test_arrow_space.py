"""ArrowSpace3D (scenes/visual/components/flow.py): each arrow's label sits beyond its tip, and
turns aside, when it must, to keep clear of the other arrows' tips and labels."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DL, UR

from scenes.visual.components import ArrowSpace3D
from scenes.visual.components.flow import LABEL_TURNS, box_of, overlap_area


def boxes_meet(a: np.ndarray, b: np.ndarray) -> bool:
    return overlap_area(a, b) > 0.0


def label_box(view: ArrowSpace3D, name: str) -> np.ndarray:
    label = view.get_label(name)
    return box_of(label.get_center(), label)


def tip_box(view: ArrowSpace3D, name: str) -> np.ndarray:
    tip = view.get_arrow(name).get_tip()
    return np.concatenate([tip.get_corner(DL)[:2], tip.get_corner(UR)[:2]])


def test_a_lone_label_sits_straight_out_beyond_its_tip() -> None:
    view = ArrowSpace3D({"a": ((0, 0, 0), (1, 0.2, 0.5))}, {"a": "#ffffff"}, {"a": "word"})
    tip = view.get_arrow("a").get_end()
    outward = tip - view.origin
    offset = view.get_label("a").get_center() - tip
    # On the ray from the origin through the tip, past the tip, and clear of it.
    assert outward[0] * offset[1] - outward[1] * offset[0] == pytest.approx(0.0, abs=1e-6)
    assert float(np.dot(outward, offset)) > 0
    assert not boxes_meet(label_box(view, "a"), tip_box(view, "a"))
    assert view.label_turns["a"] == LABEL_TURNS.index(0)


def test_labels_of_nearly_parallel_arrows_keep_off_each_others_tips() -> None:
    # Two arrows almost along one ray (the analogy's king and man): straight out, the longer
    # one's tip would sit under the shorter one's label.
    arrows = {"short": ((0, 0, 0), (0.6, 0.1, 0.9)), "long": ((0, 0, 0), (0.9, 0.1, 1.3))}
    colours = dict.fromkeys(arrows, "#ffffff")
    view = ArrowSpace3D(arrows, colours, {"short": "king", "long": "man"})
    for azimuth in np.linspace(-60.0, -100.0, 9):  # while the view turns
        view.set_view(float(azimuth), 20.0)
        for name, other in (("short", "long"), ("long", "short")):
            assert not boxes_meet(label_box(view, name), tip_box(view, other))
        assert not boxes_meet(label_box(view, "short"), label_box(view, "long"))


def test_a_clear_label_keeps_its_side_as_the_view_turns() -> None:
    arrows = {"short": ((0, 0, 0), (0.6, 0.1, 0.9)), "long": ((0, 0, 0), (0.9, 0.1, 1.3))}
    view = ArrowSpace3D(arrows, dict.fromkeys(arrows, "#ffffff"), {"short": "king", "long": ""})
    side = view.label_turns["short"]
    assert LABEL_TURNS[side] != 0  # turned aside from the other arrow's tip
    view.set_view(-61.0, 20.0)  # a small turn: the same side is still clear
    assert view.label_turns["short"] == side
