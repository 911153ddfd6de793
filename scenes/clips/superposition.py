"""Beats 4.1-4.7 of the video: superposition, told truthfully.

The video says that after its optimisation all pairwise angles of 10,000 vectors in 100
dimensions lie between 89° and 91°. The Welch bound forbids that; re-running the video's own
objective shows the vectors collapsing onto near-duplicates instead. This clip shows the
video's picture, then the whole truth. Every histogram and number comes from mathcore (through
scenes.experiment, which caches the optimisation on disk).
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    GrowArrow,
    MathTex,
    Sector,
    Text,
    Transform,
    VGroup,
    Write,
)

import mathcore
from mathcore import superposition as sp
from mathcore.experiment import ExperimentSpec
from mathcore.toy_model import sparsity_sweep
from scenes.app.experiment import capacity_points, run_experiment
from scenes.config import SuperpositionConfig, fill
from scenes.visual import style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    AngleHistogram,
    NeuronLayer,
    ValueTable,
    VectorView3D,
    fitted_text,
    label_text,
    tex_percent,
)

FULL_RANGE = (0.0, 180.0)


class Superposition(BeatScene[SuperpositionConfig]):
    """Nearly perpendicular directions, the video's experiment and its correction, JL, SAEs."""

    config_class = SuperpositionConfig

    def prepare(self) -> None:
        c = self.clip
        exp = c.experiment
        spec = ExperimentSpec(exp.vectors, exp.dims, exp.steps, c.seed, "video")
        self.random = run_experiment(ExperimentSpec(exp.vectors, exp.dims, 0, c.seed, "video"))
        self.video = run_experiment(spec)
        self.coherence = run_experiment(
            ExperimentSpec(exp.vectors, exp.dims, exp.steps, c.seed, "coherence")
        )
        self.capacity = capacity_points(list(c.capacity.dims), c.capacity.epsilon, c.seed)
        toy = c.toy_model
        self.toy_models = sparsity_sweep(
            toy.features, toy.dims, list(toy.sparsities), c.seed, toy.steps
        )

    def say(self, template: str) -> None:
        self.show_caption(fill(template, self.clip.fact))

    def tex_number(self, value: float, decimals: int = style.DECIMALS) -> str:
        return mathcore.fixed(value, decimals)

    # -- 4.1 -------------------------------------------------------------------------------

    @beat
    def beat_neurons(self) -> None:
        self.clear_stage()
        c = self.clip
        one_hot = np.eye(c.neurons)[0]
        clean = NeuronLayer(one_hot, c.neurons, c.colours.combined)
        spread = NeuronLayer(
            sp.feature_as_neurons(c.neurons, c.seed), c.neurons, c.colours.combined
        )
        name = label_text(fill(c.text.feature, c.fact), c.colours.combined, style.LABEL_SIZE)
        VGroup(clean, name).arrange(RIGHT, buff=style.WIDE_GAP).move_to(UP * style.PICTURE_LIFT)
        spread.move_to(clean)
        self.play(FadeIn(clean), FadeIn(name), run_time=self.seconds(style.MEDIUM))
        self.say(c.text.neurons)
        self.play(Transform(clean, spread), run_time=self.seconds(style.LONG))

    # -- 4.2 -------------------------------------------------------------------------------

    def plane(self) -> Axes:
        """Small square axes for 2-D pictures."""
        size, extent = style.PLANE_SIZE, list(style.PLANE_RANGE)
        return Axes(
            x_range=extent, y_range=extent, x_length=size, y_length=size,
            axis_config={"color": style.AXES, "include_ticks": False, "include_tip": False},
        )  # fmt: skip

    def arrow_on(self, axes: Axes, angle_deg: float, colour: str, length: float = 1.0) -> Arrow:
        """An arrow from the origin of ``axes`` at ``angle_deg``."""
        tip = axes.c2p(
            length * math.cos(math.radians(angle_deg)), length * math.sin(math.radians(angle_deg))
        )
        return Arrow(axes.c2p(0, 0), tip, buff=0, color=colour, stroke_width=style.ARROW_STROKE)

    def perpendicular_pictures(self) -> tuple[VGroup, Axes, list[Arrow], VectorView3D]:
        """Two perpendicular arrows on a plane (the group, its plane and its arrows) beside
        three perpendicular arrows in a 3-D view."""
        colours = self.clip.colours
        plane = self.plane()
        x_axis, y_axis = style.AXIS_DIRECTIONS_DEG[:2]
        arrows = [
            self.arrow_on(plane, x_axis, colours.first_name),
            self.arrow_on(plane, y_axis, colours.last_name),
        ]
        flat = VGroup(plane, *arrows)
        basis = {"x": (1.0, 0.0, 0.0), "y": (0.0, 1.0, 0.0), "z": (0.0, 0.0, 1.0)}
        palette = {"x": colours.first_name, "y": colours.last_name, "z": colours.attribute}
        view = VectorView3D(basis, palette, {k: "" for k in basis}, unit=style.PLANE_SIZE / 2)
        VGroup(flat, view).arrange(RIGHT, buff=style.WIDER_GAP).move_to(UP * style.PICTURE_LIFT)
        return flat, plane, arrows, view

    @beat
    def beat_perpendicular(self) -> None:
        self.clear_stage()
        flat, plane, arrows, view = self.perpendicular_pictures()
        labels = VGroup(
            *(
                label_text(
                    fill(self.clip.text.at_most, n=dim), style.MUTED, style.BODY_SIZE
                ).next_to(picture, DOWN)
                for dim, picture in ((len(arrows), flat), (len(view.arrows), view))
            )
        )
        self.play(
            Create(plane), *(GrowArrow(a) for a in arrows), run_time=self.seconds(style.MEDIUM)
        )
        self.play(FadeIn(view), FadeIn(labels), run_time=self.seconds(style.MEDIUM))
        self.say(self.clip.text.perpendicular)

    # -- 4.3 -------------------------------------------------------------------------------

    @beat
    def beat_nearly_perpendicular(self) -> None:
        self.clear_stage()
        c = self.clip
        tol = c.tolerance_deg
        flat, plane, _arrows, _view = self.perpendicular_pictures()
        # Each axis allows a band of directions within 90° ± tol of it: around the other axis.
        bands = VGroup(*(self.band(plane, centre, tol) for centre in style.AXIS_DIRECTIONS_DEG))
        cases = [(d, d, c.text.next_to_axes) for d in style.LOW_DIMS]
        cases.append((c.experiment.dims, style.ONE_VECTOR, c.text.next_to_one))
        shares = [
            (fill(words, n=dim), sp.nearly_perpendicular_share(dim, existing, tol, c.seed))
            for dim, existing, words in cases
        ]
        header = fill(c.text.room, tolerance=f"{tol:g}")
        table = ValueTable(
            header, [(w, tex_percent(s), c.colours.text) for w, s in shares], style.PANEL_WIDTH
        )
        flat.to_edge(LEFT, buff=style.WIDE_MARGIN)
        self.beside(flat, table)
        self.play(FadeIn(flat), run_time=self.seconds(style.SHORT))
        self.play(FadeIn(bands), run_time=self.seconds(style.MEDIUM))
        self.play(FadeIn(table), run_time=self.seconds(style.MEDIUM))
        self.say(c.text.nearly)

    def band(self, plane: Axes, centre_deg: float, tolerance_deg: float) -> Sector:
        """A thin wedge of the directions within ``tolerance_deg`` of ``centre_deg``."""
        wedge = Sector(
            radius=plane.c2p(1, 0)[0] - plane.c2p(0, 0)[0],
            angle=math.radians(2 * tolerance_deg),
            start_angle=math.radians(centre_deg - tolerance_deg),
            color=style.HIGHLIGHT,
            fill_opacity=style.BAND_OPACITY,
        )
        return wedge.move_arc_center_to(plane.c2p(0, 0))

    # -- 4.4 -------------------------------------------------------------------------------

    def experiment_zoom(self) -> None:
        """The video's picture: random angles, then after its optimisation, 80°-100°."""
        h, c = self.clip.histogram, self.clip
        counts = [
            r.histogram(h.zoom_low, h.zoom_high, h.zoom_bins) for r in (self.random, self.video)
        ]
        histogram = AngleHistogram(
            np.linspace(h.zoom_low, h.zoom_high, h.zoom_bins + 1),
            counts[0],
            top=float(max(x.max() for x in counts)),
            colour=c.colours.first_name,
        )
        axes = histogram.get_axes()
        histogram.shift(UP * style.PICTURE_LIFT - axes.get_center())
        before, after = histogram.get_bars(), histogram.bars_for(counts[1])
        band = self.video.scalars["share_89_91"]
        claim = MathTex(
            rf"{tex_percent(band)} \text{{ of pairs within }} 89^\circ\text{{--}}91^\circ",
            font_size=style.MATH_SIZE,
        )
        claim.next_to(axes, UP, buff=style.ITEM_GAP)
        self.play(Create(axes), FadeIn(before), run_time=self.seconds(style.MEDIUM))
        self.say(c.text.experiment)
        self.play(Transform(before, after), run_time=self.seconds(style.LONG))
        self.play(Write(claim), run_time=self.seconds(style.SHORT))
        self.wait(self.seconds(style.PAUSE))
        self.clear_stage()

    def experiment_reveal(self) -> VGroup:
        """The whole 0°-180° range on a log axis, the collapse and the Welch bound."""
        h, c = self.clip.histogram, self.clip
        heights = sp.log_counts(self.video.histogram(*FULL_RANGE, h.full_bins))
        edges = np.linspace(*FULL_RANGE, h.full_bins + 1)
        histogram = AngleHistogram(
            edges, heights, width=style.REVEAL_WIDTH, colour=c.colours.first_name,
            log_step=style.CAPACITY_TICK,
        )  # fmt: skip
        # The axes go in the corner; the power-of-ten labels stand out left of them.
        axes = histogram.get_axes()
        corner = axes.copy().to_corner(UP + LEFT, buff=style.MARGIN)
        histogram.shift(corner.get_center() - axes.get_center())
        for index, left in enumerate(edges[:-1]):
            if left < sp.COLLAPSE_DEG or left >= FULL_RANGE[1] - sp.COLLAPSE_DEG:
                histogram.get_bar(index).set_fill(style.NEGATIVE)
        welch = mathcore.angle_deg(self.video.scalars["welch_bound"])
        marks = VGroup(
            *(
                DashedLine(axes.c2p(a, 0), axes.c2p(a, axes.y_range[1]), color=style.HIGHLIGHT)
                for a in (welch, FULL_RANGE[1] - welch)
            )
        )
        log_label = label_text(self.clip.text.pairs_axis, style.MUTED, style.SMALL_SIZE)
        log_label.next_to(axes, UP, aligned_edge=LEFT)
        self.play(
            Create(axes),
            FadeIn(log_label),
            FadeIn(histogram.get_tick_labels()),
            FadeIn(histogram.get_bars()),
            run_time=self.seconds(style.MEDIUM),
        )
        self.say(c.text.reveal)
        self.play(Create(marks), run_time=self.seconds(style.SHORT))
        return VGroup(histogram, log_label, marks)

    def power_ticks(self, axes: Axes, top: int) -> VGroup:
        """Labels 10^0, 10^1, ... beside a log10 axis."""
        return VGroup(
            *(
                MathTex(rf"10^{{{k}}}", font_size=style.SMALL_SIZE).next_to(axes.c2p(0, k), LEFT)
                for k in range(0, top + style.CAPACITY_TICK, style.CAPACITY_TICK)
            )
        )

    def comparison(self) -> ValueTable:
        """Worst pair and each vector's nearest partner: random, video's objective, honest."""
        rows = []
        text = self.clip.text
        for label, result, colour in (
            (text.random_start, self.random, style.MUTED),
            (text.video_objective, self.video, style.NEGATIVE),
            (text.coherence_objective, self.coherence, style.POSITIVE),
        ):
            s = result.scalars
            worst, nearest = s["max_abs_cos"], s["median_worst_partner_cos"]
            value = rf"{self.tex_number(worst)}\ \ \ {self.tex_number(nearest)}"
            rows.append((label, value, colour))
        rows.append(
            (text.welch, self.tex_number(self.video.scalars["welch_bound"]), style.HIGHLIGHT)
        )
        return ValueTable(text.columns, rows, style.PANEL_WIDTH)

    def collapse_note(self) -> Text:
        """How many pairs collapsed, and the smallest angle, in words from the config."""
        scalars = self.video.scalars
        words = fill(
            self.clip.text.collapsed,
            share=mathcore.percent(scalars["share_collapsed"]),
            degrees=f"{sp.COLLAPSE_DEG:g}",
            min_angle=f"{scalars['min_angle_deg']:.{style.ANGLE_DECIMALS}f}",
        )
        return fitted_text(words, style.REVEAL_WIDTH, style.NEGATIVE, style.BODY_SIZE)

    @beat
    def beat_experiment(self) -> None:
        self.clear_stage()
        self.experiment_zoom()
        reveal = self.experiment_reveal()
        table = self.comparison()
        self.beside(reveal, table)
        self.play(FadeIn(table), run_time=self.seconds(style.MEDIUM))
        self.play(FadeIn(self.collapse_note().next_to(reveal, DOWN, buff=style.SECTION_GAP)))
        self.say(self.clip.text.honest)

    # -- 4.5 -------------------------------------------------------------------------------

    def capacity_plot(self) -> VGroup:
        """log10(capacity) against d: the measured points and the random-construction bound."""
        cap, text = self.clip.capacity, self.clip.text
        dims = [d for d, _ in self.capacity]
        top = math.ceil(max(math.log10(n) for _, n in self.capacity)) + style.CAPACITY_HEADROOM
        right = max(dims) + style.CAPACITY_HEADROOM
        axes = Axes(
            x_range=[0, right, style.CAPACITY_TICK], y_range=[0, top, style.CAPACITY_TICK],
            x_length=style.CAPACITY_WIDTH, y_length=style.CAPACITY_HEIGHT,
            axis_config={"color": style.AXES, "include_tip": False},
            x_axis_config={"include_numbers": True, "font_size": style.SMALL_SIZE},
        )  # fmt: skip
        ticks = self.power_ticks(axes, top)
        bound = axes.plot(
            lambda d: sp.log10_capacity(d, cap.epsilon), x_range=[0, right], color=style.MUTED
        )
        dots = VGroup(
            *(
                Dot(axes.c2p(d, math.log10(n)), color=self.clip.colours.combined)
                for d, n in self.capacity
            )
        )
        x_label = label_text(text.capacity_x, style.MUTED, style.SMALL_SIZE).next_to(axes, DOWN)
        words = fill(text.capacity_y, epsilon=f"{cap.epsilon:g}")
        y_label = fitted_text(words, style.CAPACITY_WIDTH, style.MUTED, style.SMALL_SIZE)
        y_label.next_to(axes, UP, aligned_edge=LEFT)
        return VGroup(axes, ticks, bound, dots, x_label, y_label)

    def big_dims_panel(self) -> VGroup:
        """What the bound promises at the sizes of real models."""
        cap = self.clip.capacity
        note = label_text(
            fill(self.clip.text.big_dims, epsilon=f"{cap.big_epsilon:g}"),
            style.MUTED,
            style.SMALL_SIZE,
        )
        lines = [
            MathTex(
                rf"d = {mathcore.thousands(d)}:\ \ge 10^{{{power:.0f}}}",
                font_size=style.MATH_SIZE,
            )
            for d, power in ((d, sp.log10_capacity(d, cap.big_epsilon)) for d in cap.big_dims)
        ]
        return VGroup(note, *lines).arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    @beat
    def beat_capacity(self) -> None:
        self.clear_stage()
        plot, panel = self.capacity_plot(), self.big_dims_panel()
        axes, ticks, bound, dots, x_label, y_label = plot
        plot.to_edge(LEFT, buff=style.WIDE_MARGIN).shift(UP * style.PICTURE_LIFT)
        self.beside(plot, panel)
        self.play(
            Create(axes), FadeIn(ticks, x_label, y_label), run_time=self.seconds(style.MEDIUM)
        )
        self.play(
            Create(bound), FadeIn(dots, lag_ratio=style.LAG), run_time=self.seconds(style.MEDIUM)
        )
        self.play(FadeIn(panel), run_time=self.seconds(style.MEDIUM))
        self.say(self.clip.text.capacity)

    # -- 4.6 -------------------------------------------------------------------------------

    def toy_arrows(self, axes: Axes, model: mathcore.toy_model.ToyModel) -> list[Arrow]:
        """One arrow from the origin per feature: the columns of the toy model's weights."""
        colours = self.clip.colours
        arrows = []
        for x, y in model.weights.T:
            end = axes.c2p(float(x), float(y))
            arrows.append(
                Arrow(
                    axes.c2p(0, 0),
                    end,
                    buff=0,
                    color=colours.combined,
                    stroke_width=style.ARROW_STROKE,
                )
            )
        return arrows

    @beat
    def beat_superposition(self) -> None:
        self.clear_stage()
        c = self.clip
        axes = self.plane().move_to(UP * style.PICTURE_LIFT + LEFT * style.TOY_SHIFT)
        first_arrows = self.toy_arrows(axes, self.toy_models[0])
        arrows = VGroup(*first_arrows)
        label = MathTex(rf"S = {self.toy_models[0].sparsity:.2f}").next_to(axes, UP)
        self.play(
            Create(axes),
            *(GrowArrow(a) for a in first_arrows),
            FadeIn(label),
            run_time=self.seconds(style.MEDIUM),
        )
        self.say(c.text.superposition)
        for model in self.toy_models[1:]:
            new_label = MathTex(rf"S = {model.sparsity:.2f}").move_to(label)
            self.play(
                Transform(arrows, VGroup(*self.toy_arrows(axes, model))),
                Transform(label, new_label),
                run_time=self.seconds(style.MEDIUM),
            )
        gaps = sp.adjacent_angles_deg(self.toy_models[-1].feature_angles_deg())
        degrees = ",\\ ".join(f"{gap:.0f}^\\circ" for gap in gaps)
        side = VGroup(
            label_text(c.text.gaps, style.MUTED, style.SMALL_SIZE),
            MathTex(degrees, font_size=style.MATH_SIZE),
            fitted_text(c.text.autoencoders, style.PANEL_WIDTH, c.colours.text, style.LABEL_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.SECTION_GAP)
        self.beside(axes, side)
        self.play(FadeIn(side), run_time=self.seconds(style.MEDIUM))

    # -- 4.7 -------------------------------------------------------------------------------

    @beat
    def beat_up_next(self) -> None:
        self.clear_stage()
        c = self.clip
        title = label_text(c.text.up_next, c.colours.text, style.TITLE_SIZE)
        topics = fitted_text(
            c.text.up_next_topics, style.CONTENT_WIDTH, style.MUTED, style.LABEL_SIZE
        )
        VGroup(title, topics).arrange(DOWN, buff=style.SECTION_GAP).move_to(ORIGIN)
        self.play(Write(title), run_time=self.seconds(style.MEDIUM))
        self.play(FadeIn(topics), run_time=self.seconds(style.MEDIUM))
