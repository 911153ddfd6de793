"""The copy-free animations show the same frames as the Transforms they replace, and copy
nothing."""

from __future__ import annotations

import numpy as np
import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Circle,
    GrowFromPoint,
    MathTex,
    Mobject,
    Square,
    VGroup,
    VMobject,
)

from scenes.visual.motion import GrowOutOf, ShrinkInto


def picture() -> VGroup:
    """A small stage picture: shapes and a formula, with some transparency of its own."""
    square = Square(side_length=1.5).shift(LEFT).set_fill(opacity=0.4)
    circle = Circle(radius=0.5).shift(RIGHT + UP).set_stroke(opacity=0.7)
    formula = MathTex(r"W_\uparrow \vec{E}").shift(DOWN)
    return VGroup(square, circle, formula)


def state(mobject: Mobject) -> list[np.ndarray]:
    """Every part's points and colours (with opacity), in family order."""
    out: list[np.ndarray] = []
    for part in mobject.family_members_with_points():
        assert isinstance(part, VMobject)
        out += [part.points.copy(), part.get_fill_rgbas(), part.get_stroke_rgbas()]
    return out


def assert_same(a: list[np.ndarray], b: list[np.ndarray]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_allclose(x, y, atol=1e-9)


def at(animation: Animation, alpha: float) -> None:
    animation.begin()
    animation.interpolate(alpha)


@pytest.mark.parametrize("alpha", [0.0, 0.3, 0.5, 1.0])
def test_shrink_into_is_the_animated_scale_move_and_fade(alpha: float) -> None:
    point, factor = np.array([3.0, 2.0, 0.0]), 0.2
    ours, theirs = picture(), picture()
    at(ShrinkInto(ours, point, factor), alpha)
    at(theirs.animate.scale(factor).move_to(point).fade(1).build(), alpha)
    assert_same(state(ours), state(theirs))


def test_shrink_into_ends_small_at_the_point_and_invisible() -> None:
    shrinking = picture()
    width, point = shrinking.width, np.array([-2.0, 1.0, 0.0])
    animation = ShrinkInto(shrinking, point, 0.25)
    animation.begin()
    animation.finish()
    np.testing.assert_allclose(shrinking.get_center(), point, atol=1e-9)
    assert shrinking.width == pytest.approx(0.25 * width)
    for part in shrinking.family_members_with_points():
        assert isinstance(part, VMobject)
        assert np.all(part.get_fill_opacities() == 0)
        assert np.all(part.get_stroke_opacities() == 0)


@pytest.mark.parametrize("alpha", [0.0, 0.4, 1.0])
def test_grow_out_of_is_grow_from_point(alpha: float) -> None:
    point = np.array([1.0, -2.0, 0.0])
    ours, theirs = picture(), picture()
    at(GrowOutOf(ours, point), alpha)
    at(GrowFromPoint(theirs, point), alpha)
    assert_same(state(ours), state(theirs))


def test_neither_copies_the_mobject(monkeypatch: pytest.MonkeyPatch) -> None:
    animations = (ShrinkInto(picture(), np.zeros(3), 0.5), GrowOutOf(picture(), UP))
    copies: list[Mobject] = []
    real_copy = Mobject.copy

    def counted(self: Mobject) -> Mobject:
        copies.append(self)
        return real_copy(self)

    monkeypatch.setattr(Mobject, "copy", counted)
    for animation in animations:
        animation.begin()
        animation.interpolate(0.5)
        animation.finish()
    assert copies == []


def test_grow_out_of_adds_its_mobject_to_the_scene() -> None:
    assert GrowOutOf(Square(), UP).is_introducer()
    assert not ShrinkInto(Square(), UP, 0.5).is_introducer()
