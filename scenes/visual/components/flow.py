r"""Tokens and the flow through a transformer: a prompt that can be cut into tokens, a
token's box, the attention / norm / MLP loop with its layer counter, and a 3-D view of arrows
between points (for an analogy).

As everywhere in components, the numbers come from the caller (computed by :mod:`mathcore`)::

    strip = PromptStrip(["Michael", "Jordan", "plays"])   # reads as one line of text
    strip.get_cut(0)                                     # the gap after "Michael"
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    UR,
    Arrow,
    CurvedArrow,
    DecimalNumber,
    Dot,
    Line,
    MathTex,
    RoundedRectangle,
    Text,
    VGroup,
    VMobject,
    config,
)
from numpy.typing import ArrayLike

import mathcore
from scenes.visual import style
from scenes.visual.components.names import name_text
from scenes.visual.components.text import fit_width, label_text

__all__ = [
    "ArrowSpace3D",
    "LayerLoop",
    "PromptStrip",
    "TokenTag",
]


class PromptStrip(VGroup):
    """A prompt set as ordinary text (one or more lines), made of one group of glyphs per
    token so that it can be cut between tokens.

    Lines break between tokens only; a line wider than ``max_width`` is shrunk.

    Parameters
    ----------
    tokens
        The tokens, in order (joined with spaces).
    max_width
        The widest a line may be.
    colour, font_size
        Colour and size of the glyphs.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        tokens: Sequence[str],
        max_width: float = style.CONTENT_WIDTH,
        colour: str | None = None,
        font_size: float = style.TITLE_SIZE,
        **kwargs: Any,
    ) -> None:
        colour = style.TEXT if colour is None else colour
        super().__init__(**kwargs)
        self.tokens = list(tokens)
        self.words: list[VGroup] = []
        self.lines = VGroup()
        for line_tokens in self._break_lines(max_width, colour, font_size):
            text = label_text(" ".join(line_tokens), colour, font_size)
            glyphs = list(text.submobjects)
            line = VGroup()
            start = 0
            for token in line_tokens:
                count = len("".join(token.split()))
                word = VGroup(*glyphs[start : start + count])
                start += count
                self.words.append(word)
                line.add(word)
            fit_width(line, max_width)
            self.lines.add(line)
        self.lines.arrange(DOWN, buff=style.ROW_GAP)
        self.add(self.lines)

    def _break_lines(self, max_width: float, colour: str, font_size: float) -> list[list[str]]:
        lines: list[list[str]] = [[]]
        for token in self.tokens:
            trial = [*lines[-1], token]
            if lines[-1] and label_text(" ".join(trial), colour, font_size).width > max_width:
                lines.append([token])
            else:
                lines[-1] = trial
        return lines

    def get_word(self, index: int) -> VGroup:
        """The glyphs of token ``index``.

        Parameters
        ----------
        index
            Index of the token.
        """
        return self.words[index]

    def get_cuts(self) -> list[Line]:
        """A vertical line through each gap between two tokens on the same line (where the
        text is cut), a little taller than the text."""
        cuts = []
        for line in self.lines:
            for left, right in itertools.pairwise(line):
                x = (left.get_right()[0] + right.get_left()[0]) / 2
                top = line.get_top()[1] + style.ITEM_GAP
                bottom = line.get_bottom()[1] - style.ITEM_GAP
                cuts.append(
                    Line(x * RIGHT + top * UP, x * RIGHT + bottom * UP, color=style.HIGHLIGHT)
                )
        return cuts


class TokenTag(VGroup):
    """One token in a rounded box (a name wraps or shrinks to ``max_width``).

    Parameters
    ----------
    token
        The token's text.
    colour
        Colour of the box's outline.
    max_width
        The widest the words may be.
    font_size
        Size of the words.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        token: str,
        colour: str | None = None,
        max_width: float = style.HEADING_WIDTH,
        font_size: float = style.BODY_SIZE,
        **kwargs: Any,
    ) -> None:
        colour = style.MUTED if colour is None else colour
        super().__init__(**kwargs)
        self.label = name_text(token, max_width, style.TEXT, font_size)
        self.box = RoundedRectangle(
            corner_radius=style.TOKEN_CORNER,
            width=self.label.width + 2 * style.TOKEN_PAD,
            height=self.label.height + 2 * style.TOKEN_PAD,
            color=colour,
            stroke_width=style.AXIS_STROKE,
        ).move_to(self.label)
        self.add(self.box, self.label)

    def get_box(self) -> RoundedRectangle:
        """The outline."""
        return self.box

    def get_label(self) -> Text:
        """The words."""
        return self.label


class LayerLoop(VGroup):
    """Attention → Norm → MLP in small boxes, an arrow looping back to the start, and a
    counter ``layer k of n``.

    Parameters
    ----------
    labels
        Words in the three boxes (attention, norm, MLP).
    colours
        Outline colours of the three boxes.
    n_layers
        How many times the loop runs (the model's layer count).
    layer_word, of_word
        The counter's words: ``<layer_word> k <of_word> n``.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        labels: Sequence[str],
        colours: Sequence[str],
        n_layers: int,
        layer_word: str = "layer",
        of_word: str = "of",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.boxes = VGroup()
        for label, colour in zip(labels, colours, strict=True):
            words = fit_width(label_text(label, style.TEXT, style.BODY_SIZE), style.STAGE_WIDTH)
            box = RoundedRectangle(
                corner_radius=style.TOKEN_CORNER,
                width=style.STAGE_WIDTH + 2 * style.TOKEN_PAD,
                height=style.STAGE_HEIGHT,
                color=colour,
            ).set_fill(colour, opacity=style.BLOCK_FILL)
            self.boxes.add(VGroup(box, words.move_to(box)))
        self.boxes.arrange(RIGHT, buff=style.SECTION_GAP)
        self.arrows = VGroup(
            *(
                Arrow(a.get_right(), b.get_left(), buff=style.ARROW_BUFF, stroke_width=3)
                for a, b in zip(self.boxes[:-1], self.boxes[1:], strict=True)
            )
        )
        self.loop = CurvedArrow(
            self.boxes[-1].get_bottom() + style.ARROW_BUFF * DOWN,
            self.boxes[0].get_bottom() + style.ARROW_BUFF * DOWN,
            angle=-style.LOOP_ANGLE,
            color=style.MUTED,
            tip_length=style.LOOP_TIP,
        )
        self.count = DecimalNumber(
            1, num_decimal_places=0, font_size=style.MATH_SIZE, color=style.HIGHLIGHT
        )
        self.layer_word = label_text(layer_word, style.MUTED, style.BODY_SIZE)
        self.total = label_text(f"{of_word} {mathcore.thousands(n_layers)}", style.MUTED)
        self.counter = VGroup(self.layer_word, self.count, self.total).arrange(
            RIGHT, buff=style.ITEM_GAP
        )
        self.counter.next_to(self.boxes, RIGHT, buff=style.SECTION_GAP)
        self.count.add_updater(lambda m: m.next_to(self.layer_word, RIGHT, buff=style.ITEM_GAP))
        self.total.add_updater(lambda m: m.next_to(self.count, RIGHT, buff=style.ITEM_GAP))
        self.add(self.boxes, self.arrows, self.loop, self.counter)

    def get_box(self, index: int) -> VMobject:
        """(outline, words) of stage ``index`` (0 attention, 1 norm, 2 MLP)."""
        return self.boxes[index]

    def get_count(self) -> DecimalNumber:
        """The layer number."""
        return self.count

    def get_loop(self) -> CurvedArrow:
        """The arrow from the last stage back to the first."""
        return self.loop


# A 3-D arrow's label goes beyond its tip: straight outward, or turned by the first of these
# angles (degrees) that keeps it clear of the other arrows and labels.
LABEL_TURNS = (0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180)
LABEL_MARGIN = 0.06  # clearance kept around a label
SHAFT_SAMPLES = 40  # points along a shaft tested against a label
SHAFT_WEIGHT = 0.5  # a shaft running wholly through a label costs this (square units)
FRAME_WEIGHT = 10.0  # per square unit of a label outside the frame


def box_of(centre: np.ndarray, mobject: VMobject, margin: float = 0.0) -> np.ndarray:
    """The box (left, bottom, right, top) of ``mobject`` moved to ``centre``, widened by
    ``margin`` on every side."""
    half = np.array([mobject.width / 2 + margin, mobject.height / 2 + margin])
    box: np.ndarray = np.concatenate([centre[:2] - half, centre[:2] + half])
    return box


def overlap_area(a: np.ndarray, b: np.ndarray) -> float:
    """The area two boxes (left, bottom, right, top) share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return float(max(width, 0.0) * max(height, 0.0))


class ArrowSpace3D(VGroup):
    r"""Arrows between points of a 3-D space, drawn with an orthographic projection that can
    turn (a rotating 3-D group whose labels stay upright).

    Each arrow runs from ``start`` to ``start + growth · (end − start)`` in the 3-D space;
    :meth:`set_arrow` moves one, :meth:`set_view` turns the whole picture.

    Parameters
    ----------
    arrows
        Name → (start, end) 3-D points.
    colours
        Name → colour of the arrow and its label.
    labels
        Name → words at the arrow's tip (Pango text: any word renders), or "" for none.
    azimuth, elevation
        The camera's angles in degrees (see :mod:`mathcore.projection`).
    unit
        Screen length of one unit of the 3-D space.
    axis_length
        Half-length of each drawn coordinate axis.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        arrows: Mapping[str, tuple[ArrayLike, ArrayLike]],
        colours: Mapping[str, str],
        labels: Mapping[str, str],
        azimuth: float = style.VIEW_AZIMUTH,
        elevation: float = style.VIEW_ELEVATION,
        unit: float = style.VIEW_UNIT,
        axis_length: float = style.VIEW_AXIS_LENGTH,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.unit, self.azimuth, self.elevation = unit, azimuth, elevation
        self.origin = ORIGIN.copy()
        self.geometry: dict[str, tuple[np.ndarray, np.ndarray, float]] = {
            name: (np.asarray(a, dtype=float), np.asarray(b, dtype=float), 1.0)
            for name, (a, b) in arrows.items()
        }
        self.axis_ends = axis_length * np.vstack([np.eye(3), -np.eye(3)])
        self.axes = VGroup(
            *(Line(LEFT, RIGHT, color=style.AXES, stroke_width=style.AXIS_STROKE) for _ in range(3))
        )
        self.arrows = {
            name: Arrow(LEFT, RIGHT, buff=0, color=colours[name], stroke_width=style.ARROW_STROKE)
            for name in arrows
        }
        self.tips = {name: Dot(radius=style.DOT_RADIUS, color=colours[name]) for name in arrows}
        self.labels = {
            name: label_text(labels[name], colours[name], style.BODY_SIZE)
            for name in arrows
            if labels.get(name)
        }
        self.label_turns: dict[str, int] = {}  # each label's side (an index of LABEL_TURNS)
        self.add(self.axes, *self.arrows.values(), *self.labels.values())
        self.redraw()

    def screen(self, point: ArrayLike) -> np.ndarray:
        """Where the 3-D ``point`` is drawn."""
        x, y, _depth = mathcore.project(np.asarray(point, float), self.azimuth, self.elevation)
        result: np.ndarray = self.origin + self.unit * (x * RIGHT + y * UP)
        return result

    def set_view(self, azimuth: float, elevation: float) -> ArrowSpace3D:
        """Turn the camera to ``azimuth`` and ``elevation`` (degrees) and redraw."""
        self.azimuth, self.elevation = azimuth, elevation
        return self.redraw()

    def set_arrow(
        self, name: str, start: ArrayLike, end: ArrayLike, growth: float = 1.0
    ) -> ArrowSpace3D:
        """Move arrow ``name`` to run from ``start`` towards ``end``, ``growth`` of the way."""
        self.geometry[name] = (np.asarray(start, float), np.asarray(end, float), growth)
        return self.redraw()

    def set_growth(self, name: str, growth: float) -> ArrowSpace3D:
        """Grow arrow ``name`` to ``growth`` of its length (drawn at the next redraw)."""
        start, end, _ = self.geometry[name]
        self.geometry[name] = (start, end, growth)
        return self

    def redraw(self) -> ArrowSpace3D:
        """Re-project every part from its 3-D geometry."""
        for index, line in enumerate(self.axes):
            line.put_start_and_end_on(
                self.screen(self.axis_ends[index + 3]), self.screen(self.axis_ends[index])
            )
        for name, (start, end, growth) in self.geometry.items():
            a = self.screen(start)
            b = self.screen(start + max(growth, style.TINY) * (end - start))
            if np.linalg.norm(b - a) < style.TINY:
                b = a + style.TINY * RIGHT
            self.arrows[name].put_start_and_end_on(a, b)
            self.arrows[name].set_opacity(1.0 if growth > style.GROWN else 0.0)
            self.tips[name].move_to(b)
        self.place_labels()
        return self

    def place_labels(self) -> None:
        """Put each label beyond its arrow's tip: straight outward (away from the origin) when
        that spot is clear, else turned as little as needed (:data:`LABEL_TURNS`) to keep off
        the arrows' tips and shafts, the labels placed before it and the frame's edges. A label
        keeps its side while that side stays clear, so it does not hop as the view turns."""
        placed: list[np.ndarray] = []  # boxes (left, bottom, right, top) of the shown labels
        for name, label in self.labels.items():
            shown = self.geometry[name][2] > 1 - style.GROWN
            label.set_opacity(1.0 if shown else 0.0)
            tip = self.tips[name].get_center()
            outward = tip - self.origin
            angle = float(np.arctan2(outward[1], outward[0]))
            previous = self.label_turns.get(name)
            order = [*([previous] if previous is not None else []), *range(len(LABEL_TURNS))]
            best, best_cost = order[0], np.inf
            for turn in order:
                cost = self.label_cost(name, self.label_spot(tip, angle, turn, label), placed)
                if cost < best_cost - style.TINY:
                    best, best_cost = turn, cost
                if cost <= 0.0:
                    break
            self.label_turns[name] = best
            label.move_to(self.label_spot(tip, angle, best, label))
            if shown:
                placed.append(box_of(label.get_center(), label))

    @staticmethod
    def label_spot(tip: np.ndarray, angle: float, turn: int, label: VMobject) -> np.ndarray:
        """The centre of ``label`` beyond ``tip`` in the direction ``angle`` (radians) turned
        by ``LABEL_TURNS[turn]``, far enough that the label's box clears the tip."""
        theta = angle + np.radians(LABEL_TURNS[turn])
        direction = np.array([np.cos(theta), np.sin(theta), 0.0])
        reach = abs(direction[0]) * label.width / 2 + abs(direction[1]) * label.height / 2
        spot: np.ndarray = tip + max(style.SPACE_LABEL_BUFFER, reach + style.ITEM_GAP) * direction
        return spot

    def label_cost(self, name: str, centre: np.ndarray, placed: list[np.ndarray]) -> float:
        """How badly label ``name`` centred at ``centre`` sits: the area it shares (with a
        small margin) with the visible arrows' tips and the labels already ``placed``, the area
        outside the frame, and the share of each visible shaft that runs through it."""
        label = self.labels[name]
        box = box_of(centre, label, LABEL_MARGIN)
        cost = 0.0
        for other in placed:
            cost += overlap_area(box, other)
        for arrow_name, arrow in self.arrows.items():
            if self.geometry[arrow_name][2] <= style.GROWN:
                continue  # hidden
            tip = arrow.get_tip()
            cost += overlap_area(box, np.r_[tip.get_corner(DL)[:2], tip.get_corner(UR)[:2]])
            points = np.linspace(arrow.get_start(), arrow.get_end(), SHAFT_SAMPLES)[:, :2]
            inside = np.all((points >= box[:2]) & (points <= box[2:]), axis=1)
            cost += SHAFT_WEIGHT * float(inside.mean())
        half_w, half_h = config.frame_width / 2, config.frame_height / 2
        frame_box = np.array([-half_w, -half_h, half_w, half_h])
        area = float((box[2] - box[0]) * (box[3] - box[1]))
        cost += FRAME_WEIGHT * (area - overlap_area(box, frame_box))
        return cost

    def get_arrow(self, name: str) -> Arrow:
        """The arrow ``name``."""
        return self.arrows[name]

    def get_label(self, name: str) -> Text:
        """The words at arrow ``name``'s tip."""
        return self.labels[name]

    def get_axes(self) -> VGroup:
        """The three coordinate axes."""
        return self.axes

    def get_math(self, tex: str, colour: str) -> MathTex:
        """A formula in this picture's size (for a label added by the scene)."""
        return MathTex(tex, font_size=style.MATH_SIZE, color=colour)
