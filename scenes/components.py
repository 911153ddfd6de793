"""Reusable visuals shared by every clip, modelled on manim's ``mobject/matrix.py``.

Each component is a VGroup subclass with documented parameters and ``get_*`` methods that hand
back the parts a scene points at, highlights or animates. Colours and sizes default to
``scenes.style``; numbers always come from the caller (computed by mathcore).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Arrow,
    DecimalNumber,
    Line,
    MathTex,
    Text,
    VGroup,
)

import mathcore
from scenes import style


def label_text(
    text: str,
    colour: str = style.TEXT,
    font_size: float = style.BODY_SIZE,
    wrap: int | None = None,
) -> Text:
    """Text in the project's font (Pango: any Unicode name renders), wrapped at ``wrap``
    characters per line if given."""
    if wrap is not None:
        text = textwrap.fill(text, wrap)
    return Text(text, font=style.FONT, font_size=font_size, color=colour)


def fitted_text(
    text: str, max_width: float, colour: str = style.TEXT, font_size: float = style.BODY_SIZE
) -> Text:
    """Text no wider than ``max_width``: wrapped onto more lines first (so long names stay
    legible), shrunk only if a single word is still too wide."""
    label = label_text(text, colour, font_size)
    chars = len(text)
    while label.width > max_width and chars > style.MIN_WRAP:
        chars = max(style.MIN_WRAP, int(chars * max_width / label.width))
        label = label_text(text, colour, font_size, wrap=chars)
        chars -= 1
    fit_width(label, max_width)
    return label


def caption(text: str, colour: str = style.MUTED) -> Text:
    """A subtitle-like line (wrapped if long) along the bottom edge of the frame."""
    line = fitted_text(text, style.CAPTION_WIDTH, colour, style.SMALL_SIZE)
    return line.to_edge(DOWN, buff=style.EDGE_BUFFER)


def fit_width(mobject: VGroup | Text | MathTex, max_width: float) -> VGroup | Text | MathTex:
    """Shrink ``mobject`` to ``max_width`` if it is wider (never enlarge); returns it."""
    if mobject.width > max_width:
        mobject.scale_to_fit_width(max_width)
    return mobject


def align_left_edges(mobjects: Sequence[VGroup | MathTex | Text], x: float) -> None:
    """Move each mobject sideways so that its left edge sits at ``x`` (a table column)."""
    for mobject in mobjects:
        mobject.shift((x - mobject.get_left()[0]) * RIGHT)


class VectorView3D(VGroup):
    """A 3-D view of a few vectors from the origin, drawn with an orthographic projection.

    Drawing the projection ourselves (instead of using ThreeDScene) keeps every label upright
    and in the frame, and lets the view sit beside flat text.

    Parameters
    ----------
    vectors
        Name → 3-D coordinates (unit vectors for feature directions).
    colours
        Name → colour of that vector's arrow and label.
    symbols
        Name → LaTeX shown at the arrow's tip (e.g. ``\\vec{M}``).
    azimuth, elevation
        The camera's angles in degrees (see :mod:`mathcore.projection`).
    unit
        Screen length of one unit of the 3-D space.
    axis_length
        Half-length of each drawn coordinate axis, in units of the 3-D space.
    """

    def __init__(
        self,
        vectors: Mapping[str, Sequence[float]],
        colours: Mapping[str, str],
        symbols: Mapping[str, str],
        azimuth: float = style.VIEW_AZIMUTH,
        elevation: float = style.VIEW_ELEVATION,
        unit: float = style.VIEW_UNIT,
        axis_length: float = style.VIEW_AXIS_LENGTH,
    ) -> None:
        super().__init__()
        self.unit = unit
        self.azimuth = azimuth
        self.elevation = elevation
        self._coords = {name: np.asarray(v, dtype=float) for name, v in vectors.items()}
        self._axis_ends = axis_length * np.vstack([np.eye(3), -np.eye(3)])
        self.axes = VGroup(
            *(
                Line(ORIGIN, RIGHT, color=style.AXES, stroke_width=style.AXIS_STROKE)
                for _ in range(3)
            )
        )
        self.arrows = {
            name: Arrow(ORIGIN, RIGHT, buff=0, color=colours[name], stroke_width=style.ARROW_STROKE)
            for name in self._coords
        }
        self.labels = {
            name: MathTex(symbols[name], color=colours[name], font_size=style.LABEL_SIZE)
            for name in self._coords
        }
        self.add(self.axes, *self.arrows.values(), *self.labels.values())
        self.set_view(azimuth, elevation)

    def _screen(self, point: np.ndarray) -> np.ndarray:
        x, y, _depth = mathcore.project(point, self.azimuth, self.elevation)
        return self._origin + self.unit * (x * RIGHT + y * UP)

    def set_view(self, azimuth: float, elevation: float) -> VectorView3D:
        """Re-project every part for a camera at ``azimuth`` and ``elevation`` (degrees)."""
        self._origin = self.get_origin() if hasattr(self, "_origin") else ORIGIN.copy()
        self.azimuth, self.elevation = azimuth, elevation
        for index, line in enumerate(self.axes):
            start = self._screen(self._axis_ends[index + 3])
            line.put_start_and_end_on(start, self._screen(self._axis_ends[index]))
        for name, coords in self._coords.items():
            tip = self._screen(coords)
            self.arrows[name].put_start_and_end_on(self._origin, tip)
            outward = tip - self._origin
            outward = outward / max(float(np.linalg.norm(outward)), style.TINY)
            self.labels[name].move_to(tip + style.LABEL_BUFFER * outward)
        return self

    def get_origin(self) -> np.ndarray:
        """Screen position of the 3-D origin (the axes' crossing point)."""
        return self.axes[0].get_center()

    def get_arrow(self, name: str) -> Arrow:
        """The arrow drawn for vector ``name``."""
        return self.arrows[name]

    def get_label(self, name: str) -> MathTex:
        """The tip label of vector ``name``."""
        return self.labels[name]

    def get_axes(self) -> VGroup:
        """The three coordinate axes."""
        return self.axes


class DotProductReadout(VGroup):
    """``\\vec{A} \\cdot \\vec{B} = value`` with the value as a DecimalNumber.

    Parameters
    ----------
    left, right
        LaTeX of the two factors.
    value
        The dot product (computed by mathcore).
    left_colour, right_colour
        Colours of the two factors.
    decimals
        Digits shown after the decimal point.
    """

    def __init__(
        self,
        left: str,
        right: str,
        value: float,
        left_colour: str = style.TEXT,
        right_colour: str = style.TEXT,
        decimals: int = style.DECIMALS,
        font_size: float = style.MATH_SIZE,
    ) -> None:
        super().__init__()
        # Round first so that a tiny negative number does not show as "-0.00".
        value = round(value, decimals) + 0.0
        self.formula = MathTex(left, r"\cdot", right, "=", font_size=font_size)
        self.formula[0].set_color(left_colour)
        self.formula[2].set_color(right_colour)
        self.value = DecimalNumber(
            value, num_decimal_places=decimals, font_size=font_size, include_sign=value < 0
        )
        self.value.next_to(self.formula, RIGHT, buff=style.ITEM_GAP)
        self.add(self.formula, self.value)

    def get_formula(self) -> MathTex:
        """The ``A · B =`` part."""
        return self.formula

    def get_value(self) -> DecimalNumber:
        """The number, for highlighting or animating."""
        return self.value


class Legend(VGroup):
    """Rows of ``symbol = meaning``, one per feature, left-aligned.

    Parameters
    ----------
    entries
        (LaTeX symbol, words, colour) per row; words are set with Pango so any name renders.
    max_width
        Rows wider than this are shrunk to fit.
    """

    def __init__(
        self,
        entries: Sequence[tuple[str, str, str]],
        max_width: float = style.PANEL_WIDTH,
        font_size: float = style.BODY_SIZE,
    ) -> None:
        super().__init__()
        for symbol, words, colour in entries:
            symbol_part = MathTex(symbol, "=", font_size=style.MATH_SIZE).set_color(colour)
            room = max_width - symbol_part.width - style.ITEM_GAP
            words_part = fitted_text(words, room, colour, font_size)
            row = VGroup(symbol_part, words_part).arrange(RIGHT, buff=style.ITEM_GAP)
            # Keep the symbol level with the first line of wrapped words.
            symbol_part.align_to(words_part, UP)
            self.add(row)
        self.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    def get_row(self, index: int) -> VGroup:
        """Row ``index`` (symbol, '=', words)."""
        return self[index]


class AngleReadout(MathTex):
    """``≈ 88.3°``: an angle in degrees (computed by mathcore), rounded for display.

    Parameters
    ----------
    degrees
        The angle.
    decimals
        Digits after the decimal point.
    """

    def __init__(
        self,
        degrees: float,
        decimals: int = style.ANGLE_DECIMALS,
        font_size: float = style.MATH_SIZE,
        colour: str = style.MUTED,
    ) -> None:
        super().__init__(
            rf"\approx {degrees:.{decimals}f}^\circ", font_size=font_size, color=colour
        )
        self.degrees = degrees
