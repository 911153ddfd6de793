"""Beats 4.5-4.7 of the video: why high dimensions hold so much, superposition, SAEs, next.

Every histogram, count, bound, arrow and cosine comes from mathcore (random_angles, capacity,
toy_model, sae), computed from the clip's config; the slow parts (the capacity search, the toy
models and the autoencoder, about 15 s) are cached in the project cache.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Axes,
    Create,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    GrowFromPoint,
    Indicate,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    Succession,
    Text,
    Transform,
    VGroup,
    Write,
    config,
)

import mathcore
from mathcore import capacity as cap
from mathcore import random_angles as ra
from mathcore.sae import match_features, train_sae
from mathcore.toy_model import ToyModel, hidden_activations, train_toy_model
from scenes.app.paths import cache_dir
from scenes.config import fill, load_model
from scenes.config.high_dimensions import HighDimensionsConfig
from scenes.visual import frame, style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    AngleHistogram,
    ColumnTable,
    fit_width,
    fitted_text,
    label_text,
    tex_percent,
    tex_thousands,
)
from scenes.visual.marks import mark_overlay

CACHE_VERSION = 2
ANGLE_RANGE = (0.0, 180.0, 30.0)
# The narrow frames (9:16, 1:1) stack a plot and its readout instead of setting them side by side.
TICK_ROOM = 0.9  # left of a plot: its y axis's tick labels
ANGLES_TOP_GAP = 0.9  # from the title down to the stacked histogram: its axis label above it
CAPACITY_TOP_GAP = 1.3  # from the title down to the stacked capacity plot: a model's label
ANGLES_RESERVED = 2.2  # under the histogram: its x axis, its label and the readout
ANGLES_PANEL_DROP = 1.3  # from the histogram's axes down to the readout (past the x label)
TOY_TOP = 1.9  # from the frame's top to the stacked toy plane: the title and a feature label
TOY_NARROW_LEFT = 0.65  # the stacked plane sits left of centre: "neuron 1" goes on its right
CAPACITY_TICK_ROOM = 1.4  # left of the capacity plot: the 10^k ticks and the rotated y label
CAPACITY_PANEL_DROP = 1.5  # from the plot's x axis to the panel under it: numbers, label, gap
NARROW_MIN_HEIGHT = 2.2
# The square frame has room for the toy plane and one short panel under it, not for a title:
# the plane is smaller and starts near the top, the title is left to the narration.
TOY_SQUARE_SIZE = 3.0
CAPACITY_SQUARE_DROP = 0.95  # under the square frame's capacity plot: its numbers and label
TOY_SQUARE_TOP = 1.05  # from the frame's top to the square plane: "neuron 2", a feature label
NARROW_MAX_HEIGHT = 5.0
PORTRAIT_MAX_HEIGHT = 6.5  # the tall frame has the height: its plots use it
TOY_PORTRAIT_SIZE = 4.2  # the toy plane in the tall frame, "neuron 1" a margin inside the frame
NUMBER_ROOM = 0.4  # right of a narrow frame's plot: its last axis number, half outside the axis
TOY_WORD_ROOM = 1.2  # under the toy panel: the word "superposition" and its gap
PORTRAIT_TEXT_GROW = 1.3  # the toy panels and the up-next list in the tall frame (it has room)
SAE_LENGTH = 0.75  # the autoencoder's arrows, in the toy plane's units (features reach ~1)
SAE_TRUTH_OPACITY = 0.45  # the true features' arrows, under the learned ones
SAE_VERTICAL = 0.35  # a feature closer than this (|cos| with the x axis) to vertical


def cached(kind: str, inputs: dict[str, Any], compute: Callable[[], Any]) -> Any:
    """``compute()`` (JSON-able), stored in the project cache under a hash of ``inputs``."""
    key = json.dumps({**inputs, "kind": kind, "v": CACHE_VERSION}, sort_keys=True)
    path = cache_dir() / f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
    if path.is_file():
        return json.loads(path.read_text())
    value = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    with os.fdopen(handle, "w") as out:
        json.dump(value, out)
    os.replace(scratch, path)
    return value


def scientific(log10_value: float) -> str:
    """A lower bound 10^x as LaTeX ``m \\times 10^{k}``, the mantissa rounded down."""
    exponent = math.floor(log10_value)
    mantissa = math.floor(10 ** (log10_value - exponent) * 10) / 10
    return rf"{mantissa:.1f} \times 10^{{{exponent}}}"


SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def plain_scientific(log10_value: float) -> str:
    """:func:`scientific` as plain text for a caption: ``m × 10ᵏ`` with a superscript k."""
    exponent = math.floor(log10_value)
    mantissa = math.floor(10 ** (log10_value - exponent) * 10) / 10
    return f"{mantissa:.1f} × 10{str(exponent).translate(SUPERSCRIPTS)}"


def align_baselines(labels: Sequence[Mobject]) -> None:
    """Shift one-line labels so their glyphs stand on the first label's baseline (aligning
    bottoms or centres would lift a label with descenders, "proven" or "1,213", above one
    without)."""

    def baseline(label: Mobject) -> float:
        glyphs = label.family_members_with_points()
        return float(np.median([glyph.get_bottom()[1] for glyph in glyphs]))

    base = baseline(labels[0])
    for label in labels[1:]:
        label.shift(UP * (base - baseline(label)))


def keep_inside(label: Mobject) -> Mobject:
    """Shift ``label`` left or right, if need be, to keep the edge margin on both sides."""
    edge = config.frame_width / 2 - style.EDGE_BUFFER
    label.shift(LEFT * max(0.0, label.get_right()[0] - edge))
    return label.shift(RIGHT * max(0.0, -edge - label.get_left()[0]))


def unbroken_equations(words: str) -> str:
    """Glue ``x = n`` together with no-break spaces, so wrapping never leaves ``d`` at the end
    of one line and ``= 232`` at the start of the next."""
    return re.sub(r"(\S+) ([=<>≤≥]) (\S+)", "\\1\u00a0\\2\u00a0\\3", words)


class HighDimensions(BeatScene[HighDimensionsConfig]):
    """Random angles narrowing, capacity measured and bounded, toy superposition, an SAE."""

    config_class = HighDimensionsConfig

    def prepare(self) -> None:
        c = self.clip
        a = c.angles
        self.spreads = [ra.angle_spread(d, a.samples, a.bins, a.share, c.seed) for d in a.dims]
        k = c.capacity
        counts = cached(
            "capacity",
            {"eps": k.epsilon, "dims": list(k.dims), "draws": k.draws, "seed": c.seed},
            lambda: [cap.measure_capacity(d, k.epsilon, c.seed, k.draws).count for d in k.dims],
        )
        self.measured = [(d, int(n)) for d, n in zip(k.dims, counts, strict=True)]
        self.models = [(load_model(name).name, load_model(name).d_model) for name in k.models]
        toy = cached("toy-sae", {"toy": asdict(c.toy_model), "seed": c.seed}, self.train_toy)
        self.toy_models = [
            ToyModel(np.array(w), np.array(b), s, 0.0)
            for w, b, s in zip(toy["weights"], toy["biases"], c.toy_model.sparsities, strict=True)
        ]
        self.sae_history = [np.array(h) for h in toy["history"]]
        self.sae_cosines = np.array(toy["cosines"])
        self.samples = np.array(toy["samples"])[: style.SAMPLE_DOTS]

    def train_toy(self) -> dict[str, Any]:
        """Train the toy model per sparsity and an SAE on the sparsest one's activations."""
        toy, seed = self.clip.toy_model, self.clip.seed
        models = [
            train_toy_model(
                len(toy.features),
                toy.dims,
                s,
                seed,
                toy.steps,
                importance_decay=toy.importance_decay,
            )
            for s in toy.sparsities
        ]
        hidden = hidden_activations(models[-1], toy.sae_samples, seed + 1)
        sae = train_sae(hidden, len(toy.features), seed, l1=toy.sae_l1, steps=toy.sae_steps)
        chosen, cosines = match_features(models[-1].weights, sae.decoder)
        live = hidden[np.linalg.norm(hidden, axis=1) > style.TINY][: style.SAMPLE_DOTS]
        return {
            "weights": [m.weights.tolist() for m in models],
            "biases": [m.bias.tolist() for m in models],
            "history": [h[:, chosen].tolist() for h in sae.history],
            "cosines": cosines.tolist(),
            "samples": live.tolist(),
        }

    def title(self, words: str) -> Text:
        line = fitted_text(words, self.content_width(), self.clip.colours.text, style.LABEL_SIZE)
        return line.to_edge(UP, buff=style.EDGE_BUFFER)

    @staticmethod
    def content_width() -> float:
        """The widest a picture may be in this frame, margins kept."""
        return min(style.CONTENT_WIDTH, config.frame_width - 2 * style.EDGE_BUFFER)

    def picture_height(self, landscape: float, top: float, reserved: float) -> float:
        """A plot's height: ``landscape`` in the wide frame; in the narrow ones what is left
        between ``top`` and the caption once ``reserved`` (the labels and the readout stacked
        under it) is taken, up to :data:`NARROW_MAX_HEIGHT` (:data:`PORTRAIT_MAX_HEIGHT` in
        the tall frame)."""
        if frame.is_landscape():
            return landscape
        room = top - self.caption_top() - reserved
        most = PORTRAIT_MAX_HEIGHT if frame.is_portrait() else NARROW_MAX_HEIGHT
        return max(NARROW_MIN_HEIGHT, min(most, room))

    # -- 4.5a: random angles ---------------------------------------------------------------

    def spread_parts(self, index: int, histogram: AngleHistogram) -> VGroup:
        """The d label, the readout and the shaded 90° ± w band for dimension ``index``."""
        c, spread = self.clip, self.spreads[index]
        axes = histogram.get_axes()
        dim = label_text(
            fill(c.text.dim_label, n=mathcore.thousands(spread.dim)),
            c.colours.text,
            style.TITLE_SIZE,
        )
        words = fill(
            c.text.spread, share=mathcore.percent(c.angles.share, 0), degrees=f"{spread.within():g}"
        )
        readout = fitted_text(
            words, style.PANEL_WIDTH / 2 + 0.4, style.BOUND_COLOUR, style.BODY_SIZE
        )
        low = max(0.0, 90.0 - spread.within())
        corner, top = axes.c2p(low, 0), axes.c2p(180.0 - low, axes.y_range[1])
        band = Rectangle(
            width=max(top[0] - corner[0], style.TINY), height=top[1] - corner[1], stroke_width=0
        ).set_fill(style.BOUND_COLOUR, style.SPREAD_OPACITY)
        band.move_to(corner, aligned_edge=LEFT + DOWN)
        if frame.is_landscape():
            panel = VGroup(dim, readout).arrange(DOWN, aligned_edge=LEFT, buff=style.SECTION_GAP)
            panel.next_to(axes, RIGHT, buff=style.WIDE_GAP).align_to(axes, UP)
        else:  # under the x axis's label
            panel = VGroup(dim, readout).arrange(RIGHT, buff=style.SECTION_GAP)
            panel.next_to(axes, DOWN, buff=ANGLES_PANEL_DROP).align_to(axes, LEFT)
            keep_inside(panel)
        return VGroup(panel, band)

    @beat
    def beat_angles(self) -> None:
        self.clear_stage()
        c = self.clip
        top = math.ceil(10 * max(s.shares.max() for s in self.spreads)) / 10
        first = self.spreads[0]
        title = self.title(c.text.angles_title)
        top_edge = title.get_bottom()[1] - ANGLES_TOP_GAP
        histogram = AngleHistogram(
            first.bin_edges,
            first.shares,
            x_range=ANGLE_RANGE,
            top=top,
            width=(
                style.ANGLES_WIDTH
                if frame.is_landscape()
                else self.content_width() - TICK_ROOM - NUMBER_ROOM
            ),
            height=self.picture_height(style.ANGLES_HEIGHT, top_edge, ANGLES_RESERVED),
        )
        if frame.is_landscape():
            histogram.move_to(LEFT * 1.9 + DOWN * 0.1)
        else:  # stacked: the histogram under the title, its readout under it
            histogram.move_to(RIGHT * TICK_ROOM / 2)
            histogram.align_to(UP * top_edge, UP)
        axes = histogram.get_axes()
        x_label = label_text(c.text.angles_x, style.MUTED, style.SMALL_SIZE)
        x_label.next_to(axes.x_axis, DOWN, buff=0.5)
        keep_inside(x_label)
        y_label = label_text(c.text.angles_axis, style.MUTED, style.SMALL_SIZE)
        y_label.next_to(axes, UP, aligned_edge=LEFT, buff=style.ITEM_GAP)
        top_tick = MathTex(tex_percent(top), font_size=style.SMALL_SIZE, color=style.MUTED)
        top_tick.next_to(axes.c2p(0, top), LEFT, buff=style.ITEM_GAP)
        panel, band = self.spread_parts(0, histogram)
        self.play(
            FadeIn(title),
            Create(axes),
            FadeIn(y_label, top_tick, x_label),
            run_time=self.seconds(style.MEDIUM),
        )
        bars = histogram.get_bars()
        self.until_sentence(1)  # random pairs, their angles counted
        self.play(
            AnimationGroup(*(GrowFromEdge(b, DOWN) for b in bars), lag_ratio=style.LAG),
            FadeIn(panel[0]),
            run_time=self.seconds(style.LONG),
        )
        self.until_sentence(2)  # on a plane: flat
        self.add(band)
        self.play(FadeIn(band), FadeIn(panel[1]), run_time=self.seconds(style.MEDIUM))
        later = len(self.spreads) - 2  # dimensions after the plane and 3-D
        for index in range(1, len(self.spreads)):
            if index <= 2:
                self.until_sentence(index + 2)  # 3-D, then each step up
            seconds = self.sentence_seconds(4) * 0.9 / max(later, 1)
            new_panel, new_band = self.spread_parts(index, histogram)
            self.play(  # the readout's words are replaced, not morphed glyph by glyph
                Transform(bars, histogram.bars_for(self.spreads[index].shares)),
                Succession(FadeOut(panel), FadeIn(new_panel)),
                Transform(band, new_band),
                run_time=max(self.seconds(style.MEDIUM), seconds if index > 1 else 0.0),
            )
            panel = new_panel
        self.until_sentence(5)  # almost perpendicular
        self.play(Indicate(panel[1], color=style.BOUND_COLOUR), run_time=self.seconds(style.LONG))

    # -- 4.5b: capacity --------------------------------------------------------------------

    def capacity_axes(self, top_edge: float = 0.0, reserved: float = 0.0) -> Axes:
        """The d axis and the log-count axis; in the narrow frames as wide as the frame allows
        and as tall as the room from ``top_edge`` down leaves, once ``reserved`` (what is
        stacked under it) is taken."""
        k = self.clip.capacity
        top = math.ceil(
            max(
                cap.guaranteed_log10(k.plot_dim, k.epsilon),
                *(math.log10(n) for _, n in self.measured),
            )
        )
        axes = Axes(
            x_range=[0, k.plot_dim, style.CAPACITY_X_TICK],
            y_range=[0, top, 1],
            x_length=(
                style.CAPACITY_PLOT_WIDTH
                if frame.is_landscape()
                else self.content_width() - CAPACITY_TICK_ROOM - NUMBER_ROOM
            ),
            y_length=self.picture_height(style.CAPACITY_PLOT_HEIGHT, top_edge, reserved),
            axis_config={"color": style.AXES, "include_tip": False},
            x_axis_config={"include_numbers": True, "font_size": style.SMALL_SIZE},
        )
        if frame.is_landscape():
            axes.move_to(DOWN * 0.05)
            return axes.shift(RIGHT * (style.CAPACITY_PLOT_LEFT - axes.get_left()[0]))
        left = style.EDGE_BUFFER - config.frame_width / 2 + CAPACITY_TICK_ROOM
        axes.align_to(UP * top_edge, UP)
        return axes.shift(RIGHT * (left - axes.get_left()[0]))

    def capacity_curves(self, axes: Axes) -> tuple[VGroup, VGroup, VGroup, VGroup]:
        """Perpendicular line, bound (solid where measured, dashed beyond), dots, y ticks."""
        k = self.clip.capacity
        last = max(k.dims)

        def bound(d: float) -> float:
            return cap.guaranteed_log10(max(2, round(d)), k.epsilon)

        perpendicular = axes.plot(
            math.log10, x_range=[2, k.plot_dim], color=style.PERPENDICULAR_COLOUR
        )
        solid = axes.plot(bound, x_range=[2, last, 2], color=style.BOUND_COLOUR)
        beyond = axes.plot(bound, x_range=[last, k.plot_dim, 4], color=style.BOUND_COLOUR)
        dots = VGroup(
            *(
                Dot(axes.c2p(d, math.log10(n)), color=style.MEASURED_COLOUR)
                for d, n in self.measured
            )
        )
        ticks = VGroup(
            *(
                MathTex(rf"10^{{{p}}}", font_size=style.SMALL_SIZE).next_to(
                    axes.c2p(0, p), LEFT, buff=style.ITEM_GAP
                )
                for p in range(0, int(axes.y_range[1]) + 1, 2)
            )
        )
        bound_group = VGroup(solid, DashedVMobject(beyond, num_dashes=30))
        return VGroup(perpendicular), bound_group, dots, ticks

    def model_marks(self, axes: Axes) -> VGroup:
        """Models within the plot: a dashed line up to the bound at their d, and a label."""
        k, marks = self.clip.capacity, VGroup()
        for name, dim in self.models:
            if dim > k.plot_dim:
                continue
            power = cap.guaranteed_log10(dim, k.epsilon)
            point = axes.c2p(dim, power)
            line = DashedLine(axes.c2p(dim, 0), point, color=style.MUTED)
            words = unbroken_equations(
                fill(self.clip.text.model_mark, model=name, n=mathcore.thousands(dim))
            )
            label = VGroup(
                label_text(words, style.TEXT, style.SMALL_SIZE),
                MathTex(
                    r"\ge " + scientific(power), font_size=style.MATH_SIZE, color=style.BOUND_COLOUR
                ),
            )
            label.arrange(DOWN, aligned_edge=RIGHT, buff=style.ITEM_GAP)
            label.next_to(point, UP, buff=style.ITEM_GAP)
            label.align_to(point, RIGHT)
            marks.add(VGroup(line, Dot(point, color=style.BOUND_COLOUR), label))
        return marks

    def capacity_legend(self) -> VGroup:
        """What the curve, the dots and the yellow curve stand for."""
        c = self.clip
        return VGroup(
            *(
                VGroup(
                    Line(ORIGIN, RIGHT * 0.5, color=colour, stroke_width=6),
                    label_text(words, colour, style.SMALL_SIZE),
                ).arrange(RIGHT, buff=style.ITEM_GAP)
                for colour, words in (
                    (style.PERPENDICULAR_COLOUR, c.text.perpendicular),
                    (style.MEASURED_COLOUR, c.text.measured),
                    (style.BOUND_COLOUR, c.text.bound),
                )
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.CAPACITY_LEGEND_GAP)

    def legend_beside(self, legend: Mobject, x_label: Mobject) -> bool:
        """Whether the tall frame's legend fits left of the x axis's label (right-aligned
        under the plot, the last axis number jutting out past the axis), the gap kept."""
        room = self.content_width() - NUMBER_ROOM / 2 - x_label.width - style.SECTION_GAP
        return legend.width <= room

    def legend_room(self, legend: Mobject, x_label: Mobject) -> float:
        """The height the legend adds under the plot: none in the wide and square frames
        (it stands in the plot's empty top left); in the tall frame, what it reaches below
        the x axis's label beside it, or its whole height (and a gap) under the label."""
        if not frame.is_portrait():
            return 0.0
        if self.legend_beside(legend, x_label):
            return max(0.0, legend.height - x_label.height)
        return legend.height + style.SECTION_GAP

    def place_legend(self, legend: Mobject, axes: Axes, x_label: Mobject, y_label: Mobject) -> None:
        """In the plot's top left (only the y axis runs there, the extrapolated bound climbs
        to the right) in the wide and square frames. In the tall frame the plot is too
        narrow for that: under it, left of the x axis's label if it fits (under the rotated
        y label), else under the label; the frame's left margin kept."""
        if not frame.is_portrait():
            legend.move_to(axes.c2p(0, axes.y_range[1]), aligned_edge=UP + LEFT)
            legend.shift(RIGHT * 0.2 + DOWN * 0.25)
            return
        if self.legend_beside(legend, x_label):
            top = min(x_label.get_top()[1], y_label.get_bottom()[1] - style.ITEM_GAP)
            legend.move_to(UP * top, aligned_edge=UP)
        else:
            legend.next_to(x_label, DOWN, buff=style.SECTION_GAP)
        legend.align_to(RIGHT * (style.EDGE_BUFFER - config.frame_width / 2), LEFT)

    def capacity_panel(self) -> VGroup:
        """The last measured rows, the looseness note and the models beyond the plot."""
        c, k = self.clip, self.clip.capacity
        headers = c.text.table_header.split()
        rows = [
            (
                f"{headers[0]} = {d}",
                [
                    tex_thousands(d),
                    tex_thousands(n),
                    tex_thousands(cap.guaranteed_count(d, k.epsilon)),
                ],
                style.TEXT,
            )
            for d, n in self.measured[-3:]
        ]
        table = ColumnTable(headers[1:], rows, font_size=style.SMALL_SIZE)
        align_baselines(table.headers)
        for cells in table.values:
            align_baselines(cells)
        crossover = cap.crossover_dim(k.epsilon)
        loose = fitted_text(
            unbroken_equations(fill(c.text.loose, n=mathcore.thousands(crossover))),
            style.CAPACITY_PANEL_WIDTH if frame.is_landscape() else self.content_width(),
            style.BOUND_COLOUR,
            style.SMALL_SIZE,
        )
        beyond = VGroup()
        for name, dim in self.models:
            if dim <= k.plot_dim:
                continue
            power = cap.guaranteed_log10(dim, k.epsilon)
            words = unbroken_equations(
                fill(c.text.model_mark, model=name, n=mathcore.thousands(dim))
            )
            beyond.add(
                VGroup(
                    label_text(words, style.TEXT, style.SMALL_SIZE),
                    MathTex(
                        r"\ge " + scientific(power),
                        font_size=style.MATH_SIZE,
                        color=style.BOUND_COLOUR,
                    ),
                ).arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)
            )
        note = label_text(c.text.extrapolated, style.MUTED, style.SMALL_SIZE)
        extra = VGroup(*beyond, note).arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)
        return VGroup(table, loose, extra)

    @beat
    def beat_capacity(self) -> None:
        self.clear_stage()
        c, k = self.clip, self.clip.capacity
        words = fill(
            c.text.capacity_title,
            epsilon=f"{k.epsilon:g}",
            degrees=f"{cap.tolerance_angle_deg(k.epsilon):.1f}",
        )
        title = self.title(unbroken_equations(words))
        panel = self.capacity_panel().arrange(DOWN, aligned_edge=LEFT, buff=style.SECTION_GAP)
        if not frame.is_landscape():
            fit_width(panel, self.content_width())
        top_edge = title.get_bottom()[1] - CAPACITY_TOP_GAP
        legend = self.capacity_legend()
        x_label = label_text(c.text.capacity_x, style.MUTED, style.SMALL_SIZE)
        # The square frame has no room for the panel under the plot: its table is left out
        # and its notes come as captions.
        if self.square():
            axes = self.capacity_axes(top_edge, CAPACITY_SQUARE_DROP)
        else:
            under = self.legend_room(legend, x_label)
            axes = self.capacity_axes(top_edge, panel.height + CAPACITY_PANEL_DROP + under)
        perpendicular, bound, dots, ticks = self.capacity_curves(axes)
        x_label.next_to(axes.x_axis, DOWN, buff=0.45).align_to(axes, RIGHT)
        y_label = label_text(c.text.capacity_y, style.MUTED, style.SMALL_SIZE).rotate(math.pi / 2)
        y_label.next_to(ticks, LEFT, buff=style.ITEM_GAP)
        self.place_legend(legend, axes, x_label, y_label)
        if frame.is_landscape():
            self.beside(axes, panel, gap=style.SECTION_GAP)
        else:  # under the plot (and the tall frame's legend), from the frame's left margin
            above = VGroup(x_label, legend) if frame.is_portrait() else x_label
            panel.next_to(above, DOWN, buff=style.SECTION_GAP)
            panel.align_to(RIGHT * (style.EDGE_BUFFER - config.frame_width / 2), LEFT)
        table, loose, beyond = panel
        marks = self.model_marks(axes)
        self.play(
            FadeIn(title),
            Create(axes),
            FadeIn(ticks, x_label, y_label),
            run_time=self.seconds(style.MEDIUM),
        )
        # Dimensions where the search found no more than the d perpendicular axes, and beyond.
        low = [i for i, (d, n) in enumerate(self.measured) if n <= d]
        high = [i for i in range(len(self.measured)) if i not in low]
        self.until_sentence(1)  # low dimensions: the axes only
        self.play(Create(perpendicular), FadeIn(legend[0]), run_time=self.seconds(style.MEDIUM))
        self.play(
            FadeIn(VGroup(*(dots[i] for i in low)), lag_ratio=0.3),
            FadeIn(legend[1]),
            run_time=self.seconds(style.MEDIUM),
        )
        self.until_sentence(2)  # past a hundred, many more
        self.play(
            FadeIn(VGroup(*(dots[i] for i in high)), lag_ratio=0.3),
            run_time=self.seconds(style.LONG),
        )
        if self.square():  # the table's last row, in words
            d, n = self.measured[-1]
            found = f"d = {d}: {mathcore.thousands(n)} {c.text.measured}"
            self.show_caption(unbroken_equations(found))
        else:
            self.play(FadeIn(table), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(3)  # the proven bound
        self.play(Create(bound[0]), FadeIn(legend[2]), run_time=self.seconds(style.LONG))
        self.until_sentence(4)  # loose, but carried out to the real models
        if self.square():
            self.show_caption(self.loose_words())
        else:
            self.play(FadeIn(loose), run_time=self.seconds(style.MEDIUM))
        self.play(Create(bound[1]), run_time=self.seconds(style.LONG))
        if self.square():
            self.play(FadeIn(marks), run_time=self.seconds(style.MEDIUM))
            self.show_caption(self.beyond_words())
        else:
            self.play(FadeIn(marks), FadeIn(beyond), run_time=self.seconds(style.MEDIUM))

    def loose_words(self) -> str:
        """The note that the proven bound is loose, as one line of words."""
        crossover = cap.crossover_dim(self.clip.capacity.epsilon)
        return unbroken_equations(fill(self.clip.text.loose, n=mathcore.thousands(crossover)))

    def beyond_words(self) -> str:
        """The models beyond the plot and what the extrapolated bound promises them, as
        words (``GPT-3: d = 12,288 ≥ 1.2 × 10⁴⁵``), for a caption."""
        c, k = self.clip, self.clip.capacity
        parts = []
        for name, dim in self.models:
            if dim <= k.plot_dim:
                continue
            power = cap.guaranteed_log10(dim, k.epsilon)
            words = fill(c.text.model_mark, model=name, n=mathcore.thousands(dim))
            parts.append(f"{words}: ≥ {plain_scientific(power)}")
        return unbroken_equations("; ".join([*parts, c.text.extrapolated]))

    # -- 4.6: superposition in a toy model -------------------------------------------------

    @staticmethod
    def square() -> bool:
        """The square frame: neither wide nor tall."""
        return not frame.is_landscape() and not frame.is_portrait()

    def toy_title(self, words: str) -> list[Mobject]:
        """The toy pictures' title, except in the square frame (no room): a list to fade in."""
        return [] if self.square() else [self.title(words)]

    def toy_plane(self) -> tuple[Axes, VGroup]:
        extent = list(style.TOY_RANGE)
        size = TOY_SQUARE_SIZE if self.square() else style.TOY_PLANE_SIZE
        if frame.is_portrait():
            size = TOY_PORTRAIT_SIZE
        axes = Axes(
            x_range=extent,
            y_range=extent,
            x_length=size,
            y_length=size,
            axis_config={"color": style.AXES, "include_ticks": False, "include_tip": False},
        )
        if frame.is_landscape():
            axes.move_to(LEFT * 3.4 + DOWN * 0.2)
        elif self.square():  # near the top, the short panel under it
            axes.move_to(UP * (config.frame_height / 2 - TOY_SQUARE_TOP - size / 2))
        else:  # under the title, the panel stacked under it
            top = config.frame_height / 2 - TOY_TOP
            axes.move_to(LEFT * TOY_NARROW_LEFT + UP * (top - size / 2))
        # The neurons' names go beyond every feature label of every state, on the axes' lines.
        centre = axes.c2p(0, 0)
        labels = [p[1] for m in self.toy_models for p in self.feature_arrows(axes, m.weights)]
        right = max([axes.get_right()[0], *(lab.get_right()[0] for lab in labels)])
        top = max([axes.get_top()[1], *(lab.get_top()[1] for lab in labels)])
        text = self.clip.text
        names = VGroup(
            label_text(text.neuron_x, style.MUTED, style.SMALL_SIZE),
            label_text(text.neuron_y, style.MUTED, style.SMALL_SIZE),
        )
        names[0].move_to(np.array([right + style.ITEM_GAP, centre[1], 0]), aligned_edge=LEFT)
        names[1].move_to(np.array([centre[0], top + style.ITEM_GAP, 0]), aligned_edge=DOWN)
        return axes, names

    def place_panel(self, plane: VGroup, panel: Mobject) -> None:
        """The panel beside the plane in the wide frame, under it in the narrow ones (below
        every feature label the plane can show)."""
        if frame.is_landscape():
            self.beside(plane, panel, gap=style.WIDE_GAP)
            return
        axes = plane[0]
        assert isinstance(axes, Axes)
        labels = [p[1] for m in self.toy_models for p in self.feature_arrows(axes, m.weights)]
        bottom = min([axes.get_bottom()[1], *(label.get_bottom()[1] for label in labels)])
        gap = style.ITEM_GAP if self.square() else style.SECTION_GAP
        if frame.is_portrait():  # room under the plane (and the word under the panel): grow
            room = bottom - gap - self.caption_top() - TOY_WORD_ROOM
            panel.scale(max(1.0, min(PORTRAIT_TEXT_GROW, room / panel.height)))
        fit_width(panel, self.content_width())
        panel.move_to(UP * (bottom - gap), aligned_edge=UP)
        panel.align_to(RIGHT * (style.EDGE_BUFFER - config.frame_width / 2), LEFT)

    def feature_arrows(self, axes: Axes, weights: np.ndarray) -> VGroup:
        """One labelled arrow per feature (columns of W); features the model dropped (shorter
        than style.DROPPED_NORM) are hidden."""
        group = VGroup()
        for index, (name, (x, y)) in enumerate(
            zip(self.clip.toy_model.features, weights.T, strict=True)
        ):
            colour = style.FEATURE_COLOURS[index % len(style.FEATURE_COLOURS)]
            length = math.hypot(x, y)
            direction = np.array([x, y, 0.0]) / max(length, style.TINY)
            end = axes.c2p(float(x), float(y)) if length > style.GROWN else axes.c2p(0.02, 0)
            arrow = Arrow(
                axes.c2p(0, 0), end, buff=0, color=colour, stroke_width=style.ARROW_STROKE
            )
            label = label_text(name, colour, style.BODY_SIZE)
            # Far enough along the arrow that the label's box clears the tip, at any angle.
            reach = abs(direction[0]) * label.width / 2 + abs(direction[1]) * label.height / 2
            label.move_to(end + direction * (style.LABEL_BUFFER + reach))
            pair = VGroup(arrow, label)
            if length < style.DROPPED_NORM:
                pair.set_opacity(0.0)
            group.add(pair)
        return group

    def sparsity_readout(self, model: ToyModel) -> VGroup:
        kept = int(np.sum(model.feature_norms() >= style.DROPPED_NORM))
        total = len(self.clip.toy_model.features)
        words = fill(self.clip.text.kept, n=kept, share=total)
        readout = VGroup(
            MathTex(rf"S = {model.sparsity:.2f}", font_size=style.TITLE_MATH_SIZE),
            label_text(words, self.clip.colours.text, style.BODY_SIZE),
        )
        if self.square():
            return readout.arrange(RIGHT, buff=style.SECTION_GAP)
        return readout.arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)

    @beat
    def beat_toy_model(self) -> None:
        self.clear_stage()
        c = self.clip
        title = self.toy_title(fill(c.text.toy_title, n=len(c.toy_model.features)))
        axes, names = self.toy_plane()
        formula = MathTex(
            r"h = W x,\quad x' = \mathrm{ReLU}(W^{\top} h + b)", font_size=style.MATH_SIZE
        )
        width, size = (
            (self.content_width(), style.SMALL_SIZE) if self.square() else (5.6, style.BODY_SIZE)
        )
        definition = fitted_text(c.text.sparsity, width, style.MUTED, size)
        readout = self.sparsity_readout(self.toy_models[0])
        gap = style.ITEM_GAP if self.square() else style.SECTION_GAP
        panel = VGroup(formula, definition, readout).arrange(DOWN, aligned_edge=LEFT, buff=gap)
        self.place_panel(VGroup(axes, names), panel)
        arrows = self.feature_arrows(axes, self.toy_models[0].weights)
        self.play(
            *(FadeIn(t) for t in title),
            Create(axes),
            FadeIn(names),
            run_time=self.seconds(style.MEDIUM),
        )
        self.until_sentence(1)  # five features through two neurons and back out
        self.play(Write(formula), run_time=self.seconds(style.LONG))
        self.until_sentence(2)  # what S means
        self.play(FadeIn(definition), FadeIn(readout), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(3)  # every feature present: two kept
        self.play(
            GrowFromPoint(arrows, axes.c2p(0, 0)),
            run_time=self.seconds(style.LONG),
        )
        self.until_sentence(4)  # rarer features: more packed in
        rarer = self.toy_models[1:]
        seconds = self.sentence_seconds(4) * 0.8 / max(len(rarer), 1)
        for model in rarer:
            new_readout = self.sparsity_readout(model)  # at the size the panel was given
            new_readout.scale(readout[0].height / new_readout[0].height)
            new_readout.move_to(readout, aligned_edge=LEFT)
            self.play(
                Transform(arrows, self.feature_arrows(axes, model.weights)),
                Transform(readout, new_readout),
                run_time=max(self.seconds(style.LONG), seconds),
            )
        self.until_sentence(5)  # each feature a mix of both neurons
        self.play(FadeIn(self.mix_marks(axes, readout)), run_time=self.seconds(style.MEDIUM))

    def mix_marks(self, axes: Axes, below: VGroup) -> VGroup:
        """The coordinates on both neurons (dashed) of the feature using both the most, and
        the word for it, under ``below``."""
        weights = self.toy_models[-1].weights
        balanced = int(np.argmax(np.min(np.abs(weights), axis=0)))  # on both neurons most
        x, y = (float(v) for v in weights[:, balanced])
        tip = axes.c2p(x, y)
        word = label_text(self.clip.text.superposition, style.TEXT, style.LABEL_SIZE)
        if self.square():  # no room under the panel: the free top right corner
            word.to_corner(UP + RIGHT, buff=style.EDGE_BUFFER)
        else:
            word.next_to(below, DOWN, aligned_edge=LEFT, buff=style.SECTION_GAP)
        return VGroup(
            DashedLine(tip, axes.c2p(x, 0), color=style.MUTED),
            DashedLine(tip, axes.c2p(0, y), color=style.MUTED),
            word,
        )

    # -- 4.6b: a sparse autoencoder --------------------------------------------------------

    def sae_arrows(self, axes: Axes, decoder: np.ndarray) -> VGroup:
        """The autoencoder's directions (columns of its decoder) as thin arrows of one
        length, :data:`SAE_LENGTH`, shorter than the features' arrows: a learned direction
        lying on its feature shows as a bright arrow inside the feature's faint one."""
        norms = np.maximum(np.linalg.norm(decoder, axis=0), style.TINY)
        return VGroup(
            *(
                Arrow(
                    axes.c2p(0, 0),
                    axes.c2p(float(x) * SAE_LENGTH, float(y) * SAE_LENGTH),
                    buff=0,
                    color=style.SAE_COLOUR,
                    stroke_width=style.ARROW_STROKE / 2,
                )
                for x, y in (decoder / norms).T
            )
        )

    def cosine_labels(self, axes: Axes, truth: VGroup) -> VGroup:
        """cos(learned, true) beside each feature's name, in its colour, on the side away
        from the origin (right of a name on the right, left of one on the left, under or
        over one near the vertical axis), where the learned arrow points."""
        labels = VGroup()
        weights = self.toy_models[-1].weights
        kept = self.toy_models[-1].feature_norms() >= style.DROPPED_NORM
        for index, ((_arrow, name), cos) in enumerate(zip(truth, self.sae_cosines, strict=True)):
            if not kept[index]:
                continue
            colour = style.FEATURE_COLOURS[index % len(style.FEATURE_COLOURS)]
            value = MathTex(
                mathcore.fixed(float(cos), style.DECIMALS), font_size=style.MATH_SIZE, color=colour
            )
            x, y = (float(v) for v in weights[:, index])
            if abs(x) >= SAE_VERTICAL * math.hypot(x, y):
                value.next_to(name, RIGHT if x > 0 else LEFT, buff=style.ITEM_GAP)
            else:  # beside a name on the vertical axis (over or under it is the panel's room)
                value.next_to(name, RIGHT, buff=style.ITEM_GAP)
            edge = config.frame_width / 2 - style.EDGE_BUFFER
            if value.get_left()[0] < -edge or value.get_right()[0] > edge:  # under it, then
                value.next_to(name, DOWN, buff=style.ITEM_GAP / 2)
            labels.add(value)
        return labels

    @beat
    def beat_autoencoder(self) -> None:
        self.clear_stage()
        c = self.clip
        title = self.toy_title(c.text.sae_title)
        axes, names = self.toy_plane()
        truth = self.feature_arrows(axes, self.toy_models[-1].weights)
        kept = self.toy_models[-1].feature_norms() >= style.DROPPED_NORM
        for (arrow, _name), shown in zip(truth, kept, strict=True):
            arrow.set_opacity(SAE_TRUTH_OPACITY if shown else 0.0)
        cosines = self.cosine_labels(axes, truth)  # shown last
        dots = VGroup(
            *(
                mark_overlay(
                    Dot(axes.c2p(float(x), float(y)), radius=style.SAMPLE_DOT, color=style.MUTED)
                )
                for x, y in self.samples
            )
        )
        formula = MathTex(
            r"f = \mathrm{ReLU}(E h + c),\quad \hat h = D f", font_size=style.MATH_SIZE
        )
        key = VGroup(
            Arrow(ORIGIN, RIGHT * 0.6, buff=0, color=style.SAE_COLOUR, stroke_width=3),
            label_text(c.text.sae_cosines, style.MUTED, style.SMALL_SIZE),
        ).arrange(RIGHT, buff=style.ITEM_GAP)
        term = label_text(c.text.sae_name, style.BOUND_COLOUR, style.LABEL_SIZE)
        gap = style.ITEM_GAP if self.square() else style.SECTION_GAP
        panel = VGroup(formula, key, term).arrange(DOWN, aligned_edge=LEFT, buff=gap)
        self.place_panel(VGroup(axes, names), panel)
        self.play(
            *(FadeIn(t) for t in title),
            Create(axes),
            FadeIn(names, truth),
            run_time=self.seconds(style.MEDIUM),
        )
        self.until_sentence(1)  # the tool's name
        self.play(Write(term), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(2)  # trained on the neurons' activations
        self.play(FadeIn(dots, lag_ratio=style.LAG), run_time=self.seconds(style.LONG))
        self.play(FadeIn(formula), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(3)  # its directions swing onto the features
        learned = self.sae_arrows(axes, self.sae_history[0])
        self.play(GrowFromPoint(learned, axes.c2p(0, 0)), run_time=self.seconds(style.MEDIUM))
        steps = len(self.sae_history) - 1
        seconds = self.sentence_seconds(3) * 0.5 / max(steps, 1)
        for decoder in self.sae_history[1:]:
            self.play(
                Transform(learned, self.sae_arrows(axes, decoder)),
                run_time=max(self.seconds(style.SHORT), seconds),
            )
        self.until_sentence(4)  # the cosine of each learned direction with its feature
        self.play(FadeIn(key), run_time=self.seconds(style.SHORT))
        for value in cosines:
            self.play(FadeIn(value, scale=1.3), run_time=self.seconds(style.SHORT))

    # -- 4.7: up next ----------------------------------------------------------------------

    @beat
    def beat_up_next(self) -> None:
        self.clear_stage()
        c = self.clip
        heading = label_text(c.text.up_next, c.colours.text, style.TITLE_SIZE)
        topics = VGroup(
            *(
                label_text(f"•  {topic}", style.FEATURE_COLOURS[i % 8], style.LABEL_SIZE)
                for i, topic in enumerate(c.up_next_topics)
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        whole = VGroup(heading, topics).arrange(DOWN, buff=style.TITLE_GAP).move_to(UP * 0.4)
        if frame.is_portrait():
            whole.scale(PORTRAIT_TEXT_GROW)
        self.play(Write(heading), run_time=self.seconds(style.LONG))
        self.until_sentence(1)  # the topics, named one after another
        seconds = self.sentence_seconds(1) / max(len(topics), 1)
        for topic in topics:
            self.play(FadeIn(topic, shift=RIGHT * 0.3), run_time=self.seconds(style.SHORT))
            if seconds > self.seconds(style.SHORT) + style.TINY:
                self.wait(seconds - self.seconds(style.SHORT))
