"""Animations that move a whole picture without copying it.

manim's Transform family (``.animate``, :class:`~manim.GrowFromPoint`) deep-copies its mobject
twice as it begins, once for the start and once for the target. A stage of the MLP clip holds
hundreds of glyphs, and those copies took about half of a dry run of the clip (profiled:
27 of 56 s in the clip's ``zoom`` and ``leave``). The animations here save only each part's
point array and colours (numpy copies) and compute every frame from them: the same frames as
the Transform they replace (a straight path, linear in ``alpha``), at a fraction of the cost.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import Animation, Mobject, VMobject
from manim.typing import Point3DLike

__all__ = ["GrowOutOf", "ShrinkInto"]


class _PointsAnimation(Animation):
    """Base: remembers the points (and, for VMobjects, the fill and stroke colours) of every
    part of ``mobject`` when it begins, instead of copying the mobject."""

    def create_starting_mobject(self) -> Mobject:
        # Nothing is copied: begin() keeps the arrays it needs.
        return Mobject()

    def begin(self) -> None:
        self.parts = [m for m in self.mobject.get_family() if len(m.points) > 0]
        self.start_points = [m.points.copy() for m in self.parts]
        self.start_colours = [
            (m.fill_rgbas.copy(), m.stroke_rgbas.copy(), m.background_stroke_rgbas.copy())
            if isinstance(m, VMobject)
            else None
            for m in self.parts
        ]
        super().begin()

    def get_all_mobjects(self) -> tuple[Mobject, ...]:
        assert isinstance(self.mobject, Mobject)
        return (self.mobject,)

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        for part, start, colours in zip(
            self.parts, self.start_points, self.start_colours, strict=True
        ):
            part.points = self.points_at(start, t)
            if colours is not None:
                assert isinstance(part, VMobject)
                opacity = self.opacity_at(t)
                for name, rgbas in zip(
                    ("fill_rgbas", "stroke_rgbas", "background_stroke_rgbas"), colours, strict=True
                ):
                    faded = rgbas.copy()
                    faded[:, 3] *= opacity
                    setattr(part, name, faded)

    def points_at(self, start: np.ndarray, t: float) -> np.ndarray:
        """Where the points that started at ``start`` are at time ``t`` (0 to 1, after the
        rate function)."""
        raise NotImplementedError

    def opacity_at(self, t: float) -> float:
        """How much of each part's starting opacity is left at time ``t``."""
        return 1.0


class ShrinkInto(_PointsAnimation):
    """Shrink ``mobject`` by ``factor`` into ``point`` (its centre ends there) while it fades
    out: what ``mobject.animate.scale(factor).move_to(point).fade(1)`` shows, without copying.

    Parameters
    ----------
    mobject
        What shrinks (a picture going back into the block it came from).
    point
        Where its centre ends.
    factor
        Its size at the end, as a fraction of its size now.
    kwargs
        Additional parameters to be passed on to :class:`~manim.Animation`.
    """

    def __init__(self, mobject: Mobject, point: Point3DLike, factor: float, **kwargs: Any) -> None:
        self.point = np.asarray(point, dtype=float)
        self.factor = factor
        super().__init__(mobject, **kwargs)

    def begin(self) -> None:
        self.centre = self.mobject.get_center().copy()
        super().begin()

    def points_at(self, start: np.ndarray, t: float) -> np.ndarray:
        end = self.point + self.factor * (start - self.centre)
        return (1 - t) * start + t * end

    def opacity_at(self, t: float) -> float:
        return 1.0 - t


class GrowOutOf(_PointsAnimation):
    """Grow ``mobject`` out of ``point`` to its own size and place: what
    :class:`~manim.GrowFromPoint` shows, without copying.

    Parameters
    ----------
    mobject
        What grows (it is added to the scene as the animation begins).
    point
        Where it grows from.
    kwargs
        Additional parameters to be passed on to :class:`~manim.Animation`.
    """

    def __init__(self, mobject: Mobject, point: Point3DLike, **kwargs: Any) -> None:
        self.point = np.asarray(point, dtype=float)
        super().__init__(mobject, introducer=True, **kwargs)

    def points_at(self, start: np.ndarray, t: float) -> np.ndarray:
        grown: np.ndarray = self.point + t * (start - self.point)
        return grown
