"""Beats 4.1-4.4 of the video: superposition, told truthfully.

A neuron rarely stands for one feature; n dimensions hold only n perpendicular directions,
and relaxing "perpendicular" to "nearly" buys nothing in 2-D or 3-D (the wedges never meet, a
fourth direction stays 35° off, a live optimisation crams more vectors into 3-D only by
bringing lines close). Then the video's experiment: 10,000 random vectors in 100 dimensions,
their angles, the video's optimisation and its loss, the video's zoomed picture, and the
truth: collapsed pairs, the Welch bound, and an honest optimiser. Every number comes from
mathcore (the experiment through scenes.app.experiment, which caches it on disk).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import NamedTuple, TypeVar

import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Arrow,
    Axes,
    Brace,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    DoubleArrow,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    GrowFromPoint,
    Line,
    MathTex,
    Mobject,
    NumberLine,
    Polygon,
    Rectangle,
    RightAngle,
    Rotate,
    Square,
    Succession,
    SurroundingRectangle,
    Transform,
    Triangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    linear,
)

import mathcore
from mathcore import cramming, perpendicular
from mathcore import superposition as sp
from scenes.app.experiment import ExperimentResult, run_experiment
from scenes.config import SuperpositionConfig, fill
from scenes.visual import frame, style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    AngleHistogram,
    ArrayMatrix,
    ColumnTable,
    FeatureNeuronMap,
    LossCurve,
    MovingVectors3D,
    ToleranceWedge,
    fit_width,
    fitted_text,
    label_text,
    tex_percent,
)
from scenes.visual.components.arrays import VectorView3D
from scenes.visual.marks import mark_overlay

M = TypeVar("M", bound=Mobject)
FULL_RANGE = (0.0, 180.0)
BASIS = np.eye(3)
# A camera for the three axes of 3-D (mathcore.projection): every axis at least 0.6 of its
# length on screen, and the cube's diagonal (where the fourth direction ends) at least 20°
# from each on screen; turning by 180° gives the mirror view, as clear.
AXES_AZIMUTH = -40.0
AXES_ELEVATION = 15.0
PERP_ELEVATION = 25.0  # the perpendicular beat's 3-D view: the floor's right angle shows
PERP_AZIMUTH = 30.0  # it starts here and turns towards looking along x, so that the circle
PERP_SPIN = -3.0  # at 90° to x is seen open while the fourth runs round it (degrees/second)
PERP_FRAMES = 121  # positions along each one-more direction's path (every 3°)
PERP_PLANE_RANGE = (-1.3, 1.3, 1.0)
PERP_HEADING_WIDTH = 5.8  # the readout's heading, on one line
PERP_MARK = 0.3  # side of a right-angle mark in 3-D (units of the space)
PERP_CIRCLE_POINTS = 61
GROWN_LENGTH = 0.2  # an arrow fades in as it grows, fully seen from this length on
TINY_LENGTH = 1e-3  # an arrow not yet grown (never zero: its direction must stay defined)
MARK_PAIRS = ((0, 1), (0, 2), (1, 2))
MARKS_AT = ((), (0,), (1, 2))  # the marks that appear once axis k has grown
CRAM_ELEVATIONS = (10.0, 40.0)  # the cramming view's elevation, whatever the pair's plane
CRAM_TURNS = 60  # the cramming view turns at most this far (degrees) so every arrow shows
CRAM_SEPARATION = 15.0  # degrees between any two arrows on screen, once the run ends
CRAM_SHORTEST = 0.5  # the shortest an arrow may look, as a share of its length
CRAM_ARC_RADIUS = 0.4  # the arc marking the worst pair's angle (units of the 3-D space)
CRAM_SQUARE_UNIT = 1.3  # the cramming view in the square frame, beside its curve
CRAM_LABEL_CLEAR = 0.4  # an arrow within about 22° of the angle's label pushes it aside
CRAM_SQUARE_SHARE = 0.62  # the curve's axes there, as a share of the loss curve's size
REVEAL_HEADER_WIDTH = 4.0  # the reveal table's one header
MARGIN_SECONDS = 2.5  # the reveal's last step: the worst pair's margin over the Welch bound
PORTRAIT_GROW = 1.3  # the most a picture is enlarged to use the tall frame's height


def clear_view(vectors: np.ndarray, azimuth: float, elevation: float) -> tuple[float, float]:
    """The camera nearest (``azimuth``, ``elevation``) in which every arrow is seen: of
    azimuths within :data:`CRAM_TURNS` of it and elevations in :data:`CRAM_ELEVATIONS`, the
    first (nearest first) where every two arrows are at least :data:`CRAM_SEPARATION` degrees
    apart on screen and none is shorter than :data:`CRAM_SHORTEST`; else the clearest."""

    def clearance(view: tuple[float, float]) -> float:
        screen = mathcore.project(vectors, *view)[:, :2]
        lengths = np.hypot(screen[:, 0], screen[:, 1])
        angles = np.degrees(np.arctan2(screen[:, 1], screen[:, 0]))
        apart = np.abs((angles[:, None] - angles[None, :] + 180.0) % 360.0 - 180.0)
        np.fill_diagonal(apart, 360.0)
        return min(float(apart.min()), CRAM_SEPARATION * float(lengths.min()) / CRAM_SHORTEST)

    low, high = CRAM_ELEVATIONS
    views = [
        (azimuth + float(turn), float(e))
        for turn in np.linspace(-CRAM_TURNS, CRAM_TURNS, 2 * CRAM_TURNS // 5 + 1)
        for e in np.linspace(low, high, int(high - low) // 5 + 1)
    ]
    views.sort(key=lambda v: abs(v[0] - azimuth) + abs(v[1] - elevation))
    scores = [min(clearance(v), CRAM_SEPARATION) for v in views]
    return views[int(np.argmax(scores))]


def rescale_views(picture: Mobject, factor: float) -> None:
    """After ``picture`` was scaled by ``factor``: its 3-D views draw at that scale too when
    they are turned or moved later (their unit length is kept, not their drawn size)."""
    for part in picture.get_family():
        if isinstance(part, VectorView3D):
            part.unit *= factor


class FlatParts(NamedTuple):
    """The perpendicular beat's plane panel and the parts it animates."""

    panel: VGroup
    plane: Axes
    arrows: list[Arrow]
    names: VGroup
    mark: RightAngle
    probe: Arrow


class SpaceParts(NamedTuple):
    """The perpendicular beat's 3-D panel and the parts it animates."""

    panel: VGroup
    view: MovingVectors3D
    names: VGroup
    marks: VGroup
    circle: VMobject


class Superposition(BeatScene[SuperpositionConfig]):
    """Polysemantic neurons, (nearly) perpendicular directions, and the experiment corrected."""

    config_class = SuperpositionConfig

    @functools.cached_property
    def random(self) -> ExperimentResult:
        """The experiment's random start (its statistics), run or read from the cache."""
        return run_experiment(self.clip.spec("video", 0))

    @functools.cached_property
    def video(self) -> ExperimentResult:
        """After the video's objective (loaded only by the beats that show it)."""
        return run_experiment(self.clip.spec("video"))

    @functools.cached_property
    def coherence(self) -> ExperimentResult:
        """After the coherence objective (only the reveal shows it)."""
        return run_experiment(self.clip.spec("coherence"))

    def prepare(self) -> None:
        c = self.clip
        self.start = sp.random_unit_vectors(c.experiment.vectors, c.experiment.dims, c.seed)
        self.features = [fill(name, c.fact) for name in c.neurons.features]
        self.patterns = cramming.polysemantic_patterns(
            len(self.features), c.neurons.count, c.seed, c.neurons.threshold
        )
        self.cram = cramming.best_cram(
            c.cramming.vectors, 3, c.seed, c.cramming.tries, c.cramming.steps
        )
        self.jostle = cramming.jostle_path(style.JOSTLE_FRAMES, c.seed)
        self._following: list[tuple[DecimalNumber, Callable[[], float]]] = []

    def narration_values(self) -> dict[str, object]:
        """The tolerance, the crammed vectors' count, the fourth vector's best lean, and the
        experiment's size (vectors, dimensions, and how many times more vectors there are)."""
        experiment = self.clip.experiment
        return {
            "tolerance": f"{self.clip.tolerance_deg:g}",
            "n": self.clip.cramming.vectors,
            "degrees": f"{cramming.fourth_vector_bound_deg():.0f}",
            "vectors": f"{experiment.vectors:,}",
            "dims": f"{experiment.dims:,}",
            "times": f"{experiment.vectors / experiment.dims:,.3g}",
        }

    def say(self, template: str, **values: object) -> None:
        """Show a caption. A caption already on screen fades out first (once read), and only
        then does the new one fade in: two lines of words never overlap mid-fade."""
        old = self._caption
        if old is not None and old in self.mobjects and not self.clip.narration.burnt_in:
            self._fading_caption = True  # words, not a step of the picture
            self.play(FadeOut(old), run_time=self.seconds(style.SHORT) / 2)
            self._fading_caption = False
        self.show_caption(fill(template, self.clip.fact, **values))

    def picture_room(self) -> tuple[float, float]:
        """(top, bottom) of the room pictures may use, above the caption."""
        return config.frame_height / 2 - style.EDGE_BUFFER, self.caption_top()

    def place(self, picture: M) -> M:
        """Shrink ``picture`` into the room above the caption, whatever the frame's shape,
        and centre it there. In the tall frame a picture that leaves room is enlarged (up to
        :data:`PORTRAIT_GROW`, never past the width or the height) so the height is used."""
        top, bottom = self.picture_room()
        width, before = config.frame_width - 2 * style.EDGE_BUFFER, picture.width
        if frame.is_portrait():
            grow = min(PORTRAIT_GROW, width / picture.width, (top - bottom) / picture.height)
            picture.scale(max(grow, 1.0))
        fit_width(picture, width)
        if picture.height > top - bottom:
            picture.scale_to_fit_height(top - bottom)
        rescale_views(picture, picture.width / before)
        return picture.move_to(np.array([0.0, (top + bottom) / 2, 0.0]))

    def fill_width(self, picture: Mobject) -> None:
        """In the tall frame, one of two stacked pictures: enlarged up to
        :data:`PORTRAIT_GROW`, or shrunk, to the frame's width."""
        width = config.frame_width - 2 * style.EDGE_BUFFER
        factor = min(PORTRAIT_GROW, width / picture.width)
        picture.scale(factor)
        rescale_views(picture, factor)

    def span(self, sentence: int, share: float = 1.0, least: float = style.MEDIUM) -> float:
        """A run time lasting ``share`` of narration sentence ``sentence`` (at least
        ``least``, scaled by the pacing, so a clip without narration still moves)."""
        return max(self.seconds(least), share * self.sentence_seconds(sentence))

    # -- 4.1 -------------------------------------------------------------------------------

    @beat
    def beat_neurons(self) -> None:
        self.clear_stage()
        c, n = self.clip, self.clip.neurons.count
        clean_weights = np.zeros_like(self.patterns)
        clean_weights[:n, :n] = np.eye(n)
        clean = FeatureNeuronMap(self.features, clean_weights, c.colours.combined)
        real = FeatureNeuronMap(self.features, self.patterns, c.colours.combined)
        headings = self.map_headings(clean)
        self.place(VGroup(clean, headings))
        real.scale(clean.labels.height / real.labels.height)
        real.shift(clean.labels.get_center() - real.labels.get_center())
        self.play(FadeIn(clean.labels[:n]), FadeIn(headings[0]), run_time=self.span(0, 0.5))
        self.until_sentence(1)
        self.play(
            FadeIn(clean.neurons), FadeIn(headings[1]), Create(clean.edge_group),
            run_time=self.span(1, 0.6),
        )  # fmt: skip
        self.until_sentence(2)
        self.say(c.text.clean)
        for feature in range(n):
            self.light(clean, feature, self.span(2, 0.8 / n, style.SHORT))
        self.until_sentence(3)
        self.say(c.text.realistic)
        self.play(
            FadeIn(clean.labels[n:]), clean.edge_group.animate.become(real.edge_group),
            run_time=self.span(3, 0.8, style.LONG),
        )  # fmt: skip
        clean.weights = real.weights
        self.until_sentence(4)
        for feature in (0, len(self.features) - 1):
            self.light(clean, feature, self.span(4, 0.25, style.SHORT))
        self.show_polysemantic(clean)

    def map_headings(self, picture: FeatureNeuronMap) -> VGroup:
        """ "features" over the names, "neurons" over the circles."""
        text = self.clip.text
        over_labels = label_text(text.features_label, style.MUTED, style.SMALL_SIZE)
        over_neurons = label_text(text.neurons_label, style.MUTED, style.SMALL_SIZE)
        top = max(picture.labels.get_top()[1], picture.neurons.get_top()[1])
        over_labels.next_to(picture.labels, UP).set_y(top + style.ROW_GAP)
        over_neurons.next_to(picture.neurons, UP).set_y(top + style.ROW_GAP)
        return VGroup(over_labels, over_neurons)

    def light(self, picture: FeatureNeuronMap, feature: int, seconds: float) -> None:
        """Light one feature for about ``seconds``: its name, its lines, and each neuron as
        strongly as it takes part; then dim it again."""
        label, edges = picture.get_label(feature), picture.get_feature_edges(feature)
        pattern = picture.get_pattern(feature)
        glow = [picture.get_neuron(j).animate.set_fill(opacity=w) for j, w in enumerate(pattern)]
        step = seconds / 3
        self.play(
            label.animate.set_color(style.HIGHLIGHT),
            edges.animate.set_stroke(width=style.ARROW_STROKE),
            *glow,
            run_time=step,
        )
        self.wait(step)
        dim = [picture.get_neuron(j).animate.set_fill(opacity=0) for j in range(len(pattern))]
        self.play(
            label.animate.set_color(style.TEXT),
            edges.animate.set_stroke(width=style.EDGE_STROKE * 2),
            *dim,
            run_time=step,
        )

    def show_polysemantic(self, picture: FeatureNeuronMap) -> None:
        """Point at the neuron that takes part in the most features, and at those features."""
        neuron, features = cramming.busiest_neuron(self.patterns, self.clip.neurons.threshold)
        ring = SurroundingRectangle(picture.get_neuron(neuron), color=style.HIGHLIGHT)
        edges = VGroup(*(picture.get_edge(f, neuron) for f in features))
        labels = [picture.get_label(f).animate.set_color(style.HIGHLIGHT) for f in features]
        self.say(self.clip.text.polysemantic)
        self.play(
            Create(ring),
            edges.animate.set_stroke(style.HIGHLIGHT, width=style.ARROW_STROKE, opacity=1),
            picture.get_neuron(neuron).animate.set_fill(opacity=1),
            *labels,
            run_time=self.seconds(style.MEDIUM),
        )

    # -- 4.2 -------------------------------------------------------------------------------

    def plane(self) -> Axes:
        """Small square axes for 2-D pictures."""
        size, extent = style.PLANE_SIZE, list(style.PLANE_RANGE)
        return Axes(
            x_range=extent, y_range=extent, x_length=size, y_length=size,
            axis_config={"color": style.AXES, "include_ticks": False, "include_tip": False},
        )  # fmt: skip

    def arrow_on(self, axes: Axes, angle_deg: float, colour: str) -> Arrow:
        """A unit arrow from the origin of ``axes`` at ``angle_deg``."""
        tip = axes.c2p(math.cos(math.radians(angle_deg)), math.sin(math.radians(angle_deg)))
        return Arrow(axes.c2p(0, 0), tip, buff=0, color=colour, stroke_width=style.ARROW_STROKE)

    def basis_view(self, extra: np.ndarray | None = None) -> MovingVectors3D:
        """The three axes of 3-D as arrows (and one more vector, if given)."""
        colours = self.clip.colours
        palette = [colours.first_name, colours.last_name, colours.attribute]
        rows = BASIS if extra is None else np.vstack([BASIS, extra])
        if extra is not None:
            palette.append(colours.combined)
        return MovingVectors3D(
            rows, palette, unit=style.CRAM_UNIT, azimuth=AXES_AZIMUTH, elevation=AXES_ELEVATION
        )

    @beat
    def beat_perpendicular(self) -> None:
        self.clear_stage()
        (flat, plane, arrows, names, mark, probe), space = self.flat_panel(), self.space_panel()
        in_turn = self.in_turn(flat, space.panel, style.WIDE_GAP)
        view, space_names, marks, circle = space.view, space.names, space.marks, space.circle
        lengths = [ValueTracker(TINY_LENGTH) for _ in range(4)]
        fourth = ValueTracker(0)
        view.add_updater(self.space_updater(lengths, fourth, space_names, marks, circle))
        self.play(Create(plane), *([] if in_turn else [FadeIn(view)]), run_time=self.span(0))
        self.until_sentence(1)
        for arrow, name in zip(arrows, names, strict=True):
            self.play(GrowArrow(arrow), FadeIn(name), run_time=self.span(1, 0.25, style.SHORT))
        self.play(Create(mark), run_time=self.span(1, 0.15, style.SHORT))
        self.until_sentence(2)
        self.play(GrowArrow(probe), run_time=self.seconds(style.SHORT))
        turn = ValueTracker(0)
        probe.add_updater(lambda p: self.aim_probe(p, plane, turn))
        self.try_one_more(flat, turn, self.plane_path, self.span(2, 0.7, style.LONG))
        probe.clear_updaters()
        self.until_sentence(3)
        if in_turn:
            self.play(FadeOut(flat), run_time=self.seconds(style.SHORT))
            self.play(FadeIn(view), run_time=self.seconds(style.SHORT))
        for axis in range(3):
            shown = [FadeIn(space_names[axis])] + [FadeIn(marks[k]) for k in MARKS_AT[axis]]
            self.play(
                lengths[axis].animate.set_value(1), *shown, run_time=self.span(3, 0.25, style.SHORT)
            )
        self.until_sentence(4)
        self.play(FadeIn(circle), lengths[3].animate.set_value(1), run_time=self.span(4, 0.15))
        self.try_one_more(space.panel, fourth, self.space_path, self.span(4, 0.7, style.LONG))
        self.until_sentence(5)
        self.say(self.clip.text.general)
        self.wait(self.seconds(style.MEDIUM))

    def flat_panel(self) -> FlatParts:
        """The plane with the x and y arrows, their names, the right angle between them and a
        third (grey) arrow; beside it the third's angle to each axis; under it the verdict.
        The panel's parts: ((picture, verdict), readout)."""
        colours, size = self.clip.colours, style.PLANE_SIZE
        extent = list(PERP_PLANE_RANGE)
        plane = Axes(
            x_range=extent, y_range=extent, x_length=size, y_length=size,
            axis_config={"color": style.AXES, "include_ticks": False, "include_tip": False},
        )  # fmt: skip
        arrows = [
            self.arrow_on(plane, 0, colours.first_name),
            self.arrow_on(plane, 90, colours.last_name),
        ]
        names = VGroup(
            MathTex("x", color=colours.first_name, font_size=style.MATH_SIZE).next_to(
                arrows[0].get_end(), DOWN, buff=style.ITEM_GAP
            ),
            MathTex("y", color=colours.last_name, font_size=style.MATH_SIZE).next_to(
                arrows[1].get_end(), LEFT, buff=style.ITEM_GAP
            ),
        )
        mark = RightAngle(arrows[0], arrows[1], length=style.ITEM_GAP, color=style.MUTED)
        start = self.plane_path[0]
        probe = self.arrow_on(plane, math.degrees(math.atan2(start[1], start[0])), style.MUTED)
        picture = VGroup(plane, *arrows, names, mark, probe)
        panel = self.panel(picture, 2, self.clip.text.third, "xy")
        return FlatParts(panel, plane, arrows, names, mark, probe)

    def space_panel(self) -> SpaceParts:
        """The three axes of space as arrows (grown from nothing), with names, right-angle
        marks, the circle of directions at 90° to x and a fourth arrow running round it;
        beside it the fourth's angle to each axis; under it the verdict (the panel's parts:
        ((picture, verdict), readout)). An unseen square reserves the room the view turns in."""
        colours = self.clip.colours
        palette = [colours.first_name, colours.last_name, colours.attribute, style.MUTED]
        rows = np.vstack([BASIS, self.space_path[:1]]) * TINY_LENGTH
        view = MovingVectors3D(
            rows, palette, unit=style.CRAM_UNIT, azimuth=PERP_AZIMUTH, elevation=PERP_ELEVATION
        )
        radius = style.CRAM_UNIT * style.VIEW_AXIS_LENGTH  # the axes' reach, whatever the turn
        reach = Rectangle(
            width=2 * radius, height=2 * radius * math.cos(math.radians(PERP_ELEVATION)),
            stroke_width=0, stroke_opacity=0,
        ).move_to(view.get_origin())  # fmt: skip
        names = VGroup(
            *(
                MathTex(symbol, color=colour, font_size=style.MATH_SIZE)
                for symbol, colour in zip("xyz", palette, strict=False)
            )
        )
        marks = VGroup(
            *(VMobject(color=style.TEXT, stroke_width=style.ARROW_STROKE / 2) for _ in MARK_PAIRS)
        )
        circle = VMobject(color=style.MUTED, stroke_width=style.AXIS_STROKE)
        circle.set_stroke(opacity=style.FAINT)
        picture = VGroup(view, reach, names, marks, circle)
        self.draw_space(view, [TINY_LENGTH] * 4, 0, names, marks, circle)
        panel = self.panel(picture, 3, self.clip.text.fourth, "xyz")
        return SpaceParts(panel, view, names, marks, circle)

    def panel(self, picture: VGroup, dims: int, heading: str, symbols: str) -> VGroup:
        """A picture, under it the angle readout (its heading over one entry per axis, side
        by side, except the 3-D one in the tall frame: one under another, so that both panels
        fill its width at the same scale) and the verdict ("n-D: at most n perpendicular",
        shown at the end). Parts: picture, verdict, readout."""
        c = self.clip
        verdict = label_text(fill(c.text.at_most, n=dims), style.TEXT, style.BODY_SIZE)
        palette = [c.colours.first_name, c.colours.last_name, c.colours.attribute]
        rows = VGroup()
        for symbol, colour in zip(symbols, palette, strict=False):
            name = MathTex(rf"\angle({symbol})=", font_size=style.MATH_SIZE, color=colour)
            value = DecimalNumber(45, num_decimal_places=style.ANGLE_DECIMALS, unit=r"^{\circ}")
            value.scale(style.MATH_SIZE / value.font_size)
            rows.add(VGroup(name, value).arrange(RIGHT, buff=style.ITEM_GAP))
        if frame.is_portrait() and len(symbols) > 2:  # one under another: as wide as the
            rows.arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)  # plane's, same scale
        else:
            rows.arrange(RIGHT, buff=style.SECTION_GAP)
        width = max(rows.width, PERP_HEADING_WIDTH)
        title = fitted_text(heading, width, style.MUTED, style.SMALL_SIZE)
        readout = VGroup(title, rows).arrange(DOWN, buff=style.ITEM_GAP)
        VGroup(picture, readout, verdict).arrange(DOWN, buff=style.ITEM_GAP)
        return VGroup(picture, verdict, readout)

    @functools.cached_property
    def plane_path(self) -> np.ndarray:
        """The third direction in the plane: once round from 45°."""
        return perpendicular.plane_turn(PERP_FRAMES)

    @functools.cached_property
    def space_path(self) -> np.ndarray:
        """The fourth direction in space: once round the circle at 90° to x, from 45°."""
        return perpendicular.circle_perpendicular_to(0, PERP_FRAMES)

    def along(self, path: np.ndarray, tracker: ValueTracker) -> np.ndarray:
        """The row of ``path`` at the tracker's (fractional) frame."""
        return np.asarray(path[round(min(max(tracker.get_value(), 0), len(path) - 1))])

    def aim_probe(self, probe: Mobject, plane: Axes, turn: ValueTracker) -> None:
        """Point the plane's third arrow along its path at the tracker's frame."""
        x, y = self.along(self.plane_path, turn)
        probe.put_start_and_end_on(plane.c2p(0, 0), plane.c2p(x, y))

    def try_one_more(
        self, panel: VGroup, tracker: ValueTracker, path: np.ndarray, seconds: float
    ) -> None:
        """Show the readout, then run the one-more direction along ``path`` for ``seconds``
        while the readout follows its angle to each axis; then the verdict."""
        _picture, verdict, readout = panel
        values = [row[1] for row in readout[1]]
        for axis, value in enumerate(values):
            value.set_value(cramming.axis_angles_deg(path[0])[axis])
        self.play(FadeIn(readout), run_time=self.seconds(style.SHORT))
        for axis, value in enumerate(values):
            value.add_updater(
                lambda v, a=axis: v.set_value(
                    cramming.axis_angles_deg(self.along(path, tracker))[a]
                )
            )
        self.play(tracker.animate.set_value(len(path) - 1), run_time=seconds, rate_func=linear)
        for value in values:
            value.clear_updaters()
        self.play(FadeIn(verdict, shift=UP * style.ITEM_GAP), run_time=self.seconds(style.SHORT))

    def space_updater(
        self,
        lengths: list[ValueTracker],
        fourth: ValueTracker,
        names: VGroup,
        marks: VGroup,
        circle: VMobject,
    ) -> Callable[[Mobject, float], None]:
        """Turn the 3-D view steadily and redraw it from the trackers: each arrow's length
        (grown from nothing), the fourth arrow's place on its circle."""  # fmt: skip

        def update(view: Mobject, dt: float) -> None:
            assert isinstance(view, MovingVectors3D)
            view.azimuth += PERP_SPIN * dt
            scale = [t.get_value() for t in lengths]
            self.draw_space(view, scale, fourth.get_value(), names, marks, circle)

        return update

    def draw_space(
        self,
        view: MovingVectors3D,
        lengths: list[float],
        step: float,
        names: VGroup,
        marks: VGroup,
        circle: VMobject,
    ) -> None:
        """Put the 3-D picture's arrows (each ``lengths`` long, faded in as it grows; the
        fourth at ``step`` of its path), names, right-angle marks and circle where the view's
        camera sees them."""
        index = round(min(max(step, 0), len(self.space_path) - 1))
        rows = np.vstack([BASIS, self.space_path[index : index + 1]])
        view.set_vectors(rows * np.maximum(np.asarray(lengths), TINY_LENGTH)[:, None])
        for k, length in enumerate(lengths):
            view.get_arrow_at(k).set_opacity(min(1.0, max(length, 0.0) / GROWN_LENGTH))
        origin = view.get_origin()
        for axis, name in enumerate(names):
            tip = view.point_at(BASIS[axis])
            outward = tip - origin
            outward = outward / max(float(np.linalg.norm(outward)), style.TINY)
            name.move_to(tip + style.LABEL_BUFFER * outward)
        for (a, b), mark in zip(MARK_PAIRS, marks, strict=True):
            corner = perpendicular.right_angle_corner(BASIS[a], BASIS[b], PERP_MARK)
            mark.set_points_as_corners([view.point_at(p) for p in corner])
        ring = perpendicular.circle_perpendicular_to(0, PERP_CIRCLE_POINTS)
        circle.set_points_smoothly([view.point_at(p) for p in ring])

    def in_turn(self, first: VMobject, second: VMobject, gap: float) -> bool:
        """Lay out two pictures: side by side in the wide frame, one over the other in the
        tall one; in the square frame, with room for neither, each alone in the room above
        the caption, to be shown one after the other (then True)."""
        if (
            frame.is_portrait()
        ):  # each fills the width on its own: a wide one never shrinks the other
            for picture in (first, second):
                self.fill_width(picture)
        if frame.is_landscape() or frame.is_portrait():
            self.place(VGroup(first, second).arrange(self.beside_direction(), buff=gap))
            return False
        self.place(first)
        self.place(second)
        return True

    def beside_direction(self) -> np.ndarray:
        """Two pictures side by side, except in the vertical frame: one over the other (a
        square frame still has the width for two small pictures)."""
        return DOWN if frame.is_portrait() else RIGHT

    # -- 4.3 -------------------------------------------------------------------------------

    def wedges(self, plane: Axes) -> VGroup:
        """Where a direction is nearly perpendicular to the x arrow (around 90° and 270°) and
        to the tilted second arrow (around its angle − 90° and + 90°): thin wedges from the
        origin, longer than the arrows so that their ends show."""
        tol, colours = self.clip.tolerance_deg, self.clip.colours
        second = 90 + tol / 2
        return VGroup(
            *(
                ToleranceWedge(plane, centre, tol, radius=style.WEDGE_RADIUS, colour=colour)
                for centre, colour in (
                    (90, colours.first_name), (270, colours.first_name),
                    (second - 90, colours.last_name), (second + 90, colours.last_name),
                )
            )
        )  # fmt: skip

    def wedge_at(self, plane: Axes, centre: float) -> ToleranceWedge:
        """The wedge of directions within the tolerance of ``centre`` degrees."""
        return ToleranceWedge(plane, centre, self.clip.tolerance_deg, radius=style.WEDGE_RADIUS)

    def wedge_labels(self, wedge: ToleranceWedge) -> VGroup:
        """The wedge's two edges in degrees, each on its side of the wedge's far end."""
        tol = self.clip.tolerance_deg
        end = wedge.point_at(1.0)
        low = MathTex(rf"{90 - tol:g}^\circ", font_size=style.MATH_SIZE, color=style.MUTED)
        high = MathTex(rf"{90 + tol:g}^\circ", font_size=style.MATH_SIZE, color=style.MUTED)
        low.next_to(end, RIGHT, buff=style.ITEM_GAP).shift(DOWN * low.height / 2)
        high.next_to(end, LEFT, buff=style.ITEM_GAP).shift(DOWN * high.height / 2)
        return VGroup(low, high)

    def fourth_readout(self, view: MovingVectors3D, frame: ValueTracker) -> VGroup:
        """The fourth vector's angle to each axis, following its motion."""
        colours = self.clip.colours
        rows = VGroup()
        for axis, (symbol, colour) in enumerate(
            zip("xyz", (colours.first_name, colours.last_name, colours.attribute), strict=True)
        ):
            name = MathTex(rf"\angle({symbol})=", font_size=style.MATH_SIZE, color=colour)
            value = DecimalNumber(0, num_decimal_places=style.ANGLE_DECIMALS, unit=r"^{\circ}")
            value.scale(style.MATH_SIZE / value.font_size)
            value.set_value(cramming.axis_angles_deg(self.at(frame))[axis])
            self.follow(value, functools.partial(self.axis_angle, frame, axis))
            rows.add(VGroup(name, value).arrange(RIGHT, buff=style.ITEM_GAP))
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    def follow(self, value: DecimalNumber, source: Callable[[], float]) -> None:
        """Make ``value`` show ``source()`` while a later play moves what it reads (attached
        by start_following, so that fading the number in does not fight its updater)."""
        self._following.append((value, source))

    def start_following(self) -> None:
        """Attach the updaters queued by follow."""
        for value, source in self._following:
            value.add_updater(lambda v, f=source: v.set_value(f()))

    def stop_following(self) -> None:
        """Detach them again (the numbers keep their last values)."""
        for value, _source in self._following:
            value.clear_updaters()
        self._following = []

    def axis_angle(self, frame: ValueTracker, axis: int) -> float:
        """The fourth vector's angle to one axis at the tracker's frame."""
        return float(cramming.axis_angles_deg(self.at(frame))[axis])

    def at(self, frame: ValueTracker) -> np.ndarray:
        """The fourth vector at the tracker's (fractional) frame of its path."""
        index = round(min(max(frame.get_value(), 0.0), len(self.jostle) - 1.0))
        return np.asarray(self.jostle[index])

    def nearly_plane(self) -> tuple[VGroup, Axes]:
        """The plane (faint), two arrows 90° + tol/2 apart, the wedges where a third direction
        would be nearly perpendicular to each, and the 90° wedge's edges in degrees."""
        colours, tol = self.clip.colours, self.clip.tolerance_deg
        plane = self.plane()
        plane.set_stroke(opacity=style.FAINT)
        arrows = VGroup(
            self.arrow_on(plane, 0, colours.first_name),
            self.arrow_on(plane, 90 + tol / 2, colours.last_name),
        )
        edges = self.wedge_labels(self.wedge_at(plane, 90))
        return VGroup(plane, self.wedges(plane), arrows, edges), plane

    def wedge_inset(self, plane: Axes) -> VGroup:
        """A true magnification of the 90° wedge, drawn beside the plane: a small window on
        the wedge, the same window enlarged ``× zoom`` (so its 2 × tolerance opening reads as
        a wedge, not a line), the second arrow passing through it, and lines joining the two.
        Parts: window, joins, box, wedge, arrow, label."""
        tol, colours = self.clip.tolerance_deg, self.clip.colours
        origin = plane.c2p(0, 0)
        unit = float(plane.c2p(1, 0)[0] - origin[0])
        along = style.INSET_ALONG * style.WEDGE_RADIUS * unit
        side = style.INSET_SIDE
        zoom = cramming.nice_zoom(cramming.wedge_width(along, tol), style.INSET_FILL * side)
        seen = side / zoom
        centre = origin + along * UP
        box = Square(side, color=style.MUTED, stroke_width=style.AXIS_STROKE)
        box.next_to(plane, RIGHT, buff=style.SECTION_GAP).align_to(plane, UP)

        def enlarged(point: np.ndarray) -> np.ndarray:
            return np.asarray(box.get_center() + (point - centre) * zoom)

        def on_ray(angle_deg: float, height: float) -> np.ndarray:
            """Where the ray from the origin at ``angle_deg`` crosses ``height`` above it."""
            run = height / math.tan(math.radians(angle_deg))
            return np.asarray(origin + np.array([run, height, 0.0]))

        low, high = along - seen / 2, along + seen / 2
        corners = [on_ray(90 - tol, low), on_ray(90 - tol, high)]
        corners += [on_ray(90 + tol, high), on_ray(90 + tol, low)]
        wedge = Polygon(*(enlarged(p) for p in corners), color=colours.first_name)
        wedge.set_fill(colours.first_name, opacity=style.BAND_OPACITY).set_stroke(width=1)
        second = 90 + tol / 2
        arrow = Line(
            enlarged(on_ray(second, low)), enlarged(on_ray(second, high)),
            color=colours.last_name, stroke_width=style.ARROW_STROKE,
        )  # fmt: skip
        window = Square(seen, color=style.HIGHLIGHT, stroke_width=style.AXIS_STROKE)
        window.move_to(centre)
        joins = VGroup(
            Line(window.get_corner(UR), box.get_corner(UL)),
            Line(window.get_corner(DR), box.get_corner(DL)),
        ).set_stroke(style.HIGHLIGHT, width=style.AXIS_STROKE / 2, opacity=style.FAINT)
        box.set_stroke(style.HIGHLIGHT)
        label = MathTex(rf"\times {zoom}", font_size=style.MATH_SIZE, color=style.HIGHLIGHT)
        label.next_to(box, DOWN, buff=style.ITEM_GAP)
        return VGroup(window, joins, box, wedge, arrow, label)

    @beat
    def beat_nearly_perpendicular(self) -> None:
        self.clear_stage()
        c = self.clip
        flat, plane = self.nearly_plane()
        _plane, wedges, arrows, edges = flat
        inset = self.wedge_inset(plane)
        view = self.basis_view(self.jostle[:1])
        frame_value = ValueTracker(0)
        readout = VGroup(
            fitted_text(c.text.fourth, style.READOUT_WIDTH, style.MUTED, style.SMALL_SIZE),
            self.fourth_readout(view, frame_value),
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)
        title = label_text(fill(c.text.tolerance, tolerance=f"{c.tolerance_deg:g}"), style.MUTED)
        title.next_to(flat, UP, buff=style.ITEM_GAP)
        left = VGroup(title, flat, inset)
        right = VGroup(view, readout).arrange(RIGHT, buff=style.SECTION_GAP)
        in_turn = self.in_turn(left, right, style.SECTION_GAP)
        self.play(Create(plane), FadeIn(arrows), FadeIn(title), run_time=self.span(0))
        self.until_sentence(1)
        self.play(
            *(GrowFromPoint(w, w.get_apex()) for w in wedges), FadeIn(edges),
            run_time=self.span(1, 0.4),
        )  # fmt: skip
        window, joins, box, zoomed, second, label = inset
        self.play(Create(window), run_time=self.seconds(style.SHORT))
        self.play(
            Create(joins), Create(box), FadeIn(zoomed), Create(second), FadeIn(label),
            run_time=self.span(1, 0.3),
        )  # fmt: skip
        self.until_sentence(2)
        self.sweep_probe(plane)
        self.until_sentence(3)
        if in_turn:
            self.play(FadeOut(left), FadeOut(flat), run_time=self.seconds(style.SHORT))
        self.play(FadeIn(view), FadeIn(readout), run_time=self.seconds(style.MEDIUM))
        view.add_updater(lambda v: v.set_vectors(np.vstack([BASIS, self.at(frame_value)])))
        self.start_following()
        self.play(
            frame_value.animate.set_value(len(self.jostle) - 1),
            run_time=self.span(3, 0.8, style.LONG), rate_func=linear,
        )  # fmt: skip
        view.clear_updaters()
        self.stop_following()
        best = f"{cramming.fourth_vector_bound_deg():.{style.ANGLE_DECIMALS}f}"
        self.say(c.text.fourth_best, degrees=best, tolerance=f"{c.tolerance_deg:g}")

    def sweep_probe(self, plane: Axes) -> None:
        """A third direction turns once around the origin while the words say it never lies
        in both pairs of wedges at once."""
        probe = self.arrow_on(plane, 45, style.MUTED)
        self.play(GrowArrow(probe), run_time=self.seconds(style.SHORT))
        self.say(self.clip.text.no_third)
        self.play(
            Rotate(probe, angle=2 * math.pi, about_point=plane.c2p(0, 0)),
            run_time=self.span(2, 0.7, style.LONG), rate_func=linear,
        )  # fmt: skip

    # -- 4.3, continued: cramming -------------------------------------------------------------

    def cram_panel(self, step: ValueTracker) -> tuple[VGroup, Axes]:
        """How far the worst pair is from perpendicular, as a number and as a curve over the
        steps (smaller in the square frame, where the panel shares the width with the view)."""
        run, text = self.cram, self.clip.text
        name = label_text(text.worst_pair, style.MUTED, style.SMALL_SIZE)
        value = DecimalNumber(
            run.off_perpendicular_deg[0], num_decimal_places=style.ANGLE_DECIMALS,
            unit=r"^{\circ}",
        )  # fmt: skip
        self.follow(value, lambda: float(run.off_perpendicular_deg[self.step_of(step)]))
        square = not frame.is_landscape() and not frame.is_portrait()
        share = CRAM_SQUARE_SHARE if square else 0.8
        axes = Axes(
            x_range=[0, run.steps, run.steps // (2 if square else 4)], y_range=[0, 90, 30],
            x_length=style.LOSS_WIDTH * share, y_length=style.LOSS_HEIGHT * share,
            axis_config={"color": style.AXES, "include_tip": False, "font_size": style.NUMBER_SIZE},
            x_axis_config={"include_numbers": True},
            y_axis_config={
                "include_numbers": True,
                "decimal_number_config": {"num_decimal_places": 0, "unit": r"^{\circ}"},
            },
        )  # fmt: skip
        x_name = label_text(text.step_axis, style.MUTED, style.SMALL_SIZE).next_to(axes, DOWN)
        y_name = label_text(text.off_axis, style.MUTED, style.SMALL_SIZE)
        y_name.next_to(axes, UP, aligned_edge=LEFT, buff=style.ITEM_GAP)
        readout = VGroup(name, value).arrange(RIGHT)
        if square:
            readout.arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)
        panel = VGroup(readout, VGroup(axes, x_name, y_name))
        panel.arrange(DOWN, aligned_edge=LEFT, buff=style.SECTION_GAP)
        return panel, axes

    def worst_curve(self, axes: Axes) -> VMobject:
        """The worst pair's distance from perpendicular after each step of the run."""
        run = self.cram
        curve = axes.plot_line_graph(
            np.arange(run.steps + 1), run.off_perpendicular_deg, add_vertex_dots=False,
            line_color=style.HIGHLIGHT, stroke_width=style.ARROW_STROKE / 2,
        )["line_graph"]  # fmt: skip
        assert isinstance(curve, VMobject)
        return curve

    def step_of(self, step: ValueTracker) -> int:
        """The optimiser's step shown at the tracker's value."""
        return round(min(max(step.get_value(), 0.0), float(self.cram.steps)))

    def cram_view(self) -> MovingVectors3D:
        """The crammed arrows at the random start, from a camera that will end, once the
        view has turned during the run, facing the plane of the final worst pair (so that its
        angle is seen at its true size)."""
        run = self.cram
        colours = [style.CRAM_COLOURS[k % len(style.CRAM_COLOURS)] for k in range(len(run.final))]
        i, j = (int(k) for k in run.worst_pair[-1])
        facing = cramming.facing_view(run.final[i], run.final[j], *CRAM_ELEVATIONS)
        azimuth, elevation = clear_view(run.final, *facing)
        square = not frame.is_landscape() and not frame.is_portrait()
        unit = CRAM_SQUARE_UNIT if square else style.CRAM_UNIT
        return MovingVectors3D(
            run.vectors[0], colours, unit=unit, azimuth=azimuth - style.CRAM_SPIN,
            elevation=elevation,
        )  # fmt: skip

    def pair_angle(self, view: MovingVectors3D) -> VGroup:
        """The arc between the final worst pair's arrows, and the angle between them."""
        run = self.cram
        i, j = (int(k) for k in run.worst_pair[-1])
        a, b = run.final[i], run.final[j]
        points = cramming.arc_between(a, b, CRAM_ARC_RADIUS, 24)
        arc = VMobject(color=style.HIGHLIGHT, stroke_width=style.ARROW_STROKE / 2)
        arc.set_points_smoothly([view.point_at(p) for p in points])
        seen = cramming.arrow_angle_deg(a, b)
        label = MathTex(
            rf"{seen:.{style.ANGLE_DECIMALS}f}^\circ", font_size=style.MATH_SIZE,
            color=style.HIGHLIGHT,
        )  # fmt: skip
        middle = view.point_at(points[len(points) // 2])
        outward = middle - view.get_origin()
        outward = outward / max(float(np.linalg.norm(outward)), style.TINY)
        reach = abs(outward[0]) * label.width / 2 + abs(outward[1]) * label.height / 2
        label.move_to(middle + outward * (style.ITEM_GAP + reach))
        origin = view.get_origin()
        for k in range(len(run.final)):  # an arrow under the label: move it off to one side
            tip = view.get_arrow_at(k).get_end() - origin
            along = float(tip @ outward)
            across = float(tip[0] * outward[1] - tip[1] * outward[0])
            if k not in (i, j) and along > 0 and abs(across) < along * CRAM_LABEL_CLEAR:
                side = np.array([outward[1], -outward[0], 0.0]) * (1 if across < 0 else -1)
                label.shift(side * (label.width / 2 + style.ITEM_GAP))
                break
        return VGroup(mark_overlay(arc, view), mark_overlay(label, view))

    @beat
    def beat_cramming(self) -> None:
        self.clear_stage()
        c, run = self.clip, self.cram
        view = self.cram_view()
        step = ValueTracker(0)
        panel, axes = self.cram_panel(step)
        title = label_text(fill(c.text.cramming, n=len(run.final)), style.TEXT, style.LABEL_SIZE)
        gap = style.WIDE_GAP if frame.is_landscape() else style.SECTION_GAP
        pictures = VGroup(view, panel).arrange(self.beside_direction(), buff=gap)
        self.place(VGroup(title, pictures).arrange(DOWN, buff=style.SECTION_GAP))
        curve = self.worst_curve(axes)
        self.play(FadeIn(title), FadeIn(view), FadeIn(panel), run_time=self.span(0))
        self.until_sentence(1)
        azimuth = view.azimuth
        view.add_updater(
            lambda v: v.set_vectors(run.vectors[self.step_of(step)]).set_view(
                azimuth + style.CRAM_SPIN * step.get_value() / run.steps, v.elevation
            )
        )
        self.start_following()
        self.play(
            step.animate.set_value(run.steps), Create(curve),
            run_time=self.span(1, 1.0, 2 * style.LONG) + 0.6 * self.sentence_seconds(2),
            rate_func=linear,
        )  # fmt: skip
        view.clear_updaters()
        self.stop_following()
        i, j = (int(k) for k in run.worst_pair[-1])
        pair = VGroup(view.get_arrow_at(i), view.get_arrow_at(j))
        self.play(pair.animate.set_color(style.HIGHLIGHT), run_time=self.seconds(style.MEDIUM))
        arc, label = self.pair_angle(view)
        self.play(Create(arc), FadeIn(label), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(3)
        worst = f"{run.off_perpendicular_deg[-1]:.{style.ANGLE_DECIMALS}f}"
        self.say(c.text.cramming_result, degrees=worst)
        self.show_gap(axes)

    def show_gap(self, axes: Axes) -> None:
        """On the curve, the gap between where the worst pair ends and perpendicular (0°)."""
        run = self.cram
        end = axes.c2p(run.steps, float(run.off_perpendicular_deg[-1]))
        gap = DoubleArrow(
            end, axes.c2p(run.steps, 0), buff=0, color=style.HIGHLIGHT,
            stroke_width=style.ARROW_STROKE / 2, tip_length=style.ITEM_GAP,
        )  # fmt: skip
        self.play(GrowFromCenter(gap), run_time=self.seconds(style.LONG))

    # -- 4.4 -------------------------------------------------------------------------------

    def start_matrix(self) -> VGroup:
        """The random start: a few entries of the N x d matrix, with braces naming its sizes."""
        exp, text = self.clip.experiment, self.clip.text
        matrix = ArrayMatrix(
            self.start, style.START_SHOWN, style.START_SHOWN, decimals=2,
            font_size=style.START_MATRIX_SIZE,
        )  # fmt: skip
        left = Brace(matrix, LEFT)
        top = Brace(matrix, UP)
        rows = label_text(fill(text.vectors_brace, n=mathcore.thousands(exp.vectors)))
        columns = label_text(fill(text.dims_brace, n=mathcore.thousands(exp.dims)))
        rows.next_to(left, LEFT)
        columns.next_to(top, UP)
        return VGroup(matrix, left, top, rows, columns)

    def start_histogram(self) -> VGroup:
        """Angles of every pair at the random start, over 0°-180° on its own scale."""
        h, text = self.clip.histogram, self.clip.text
        counts = self.random.histogram(*FULL_RANGE, h.full_bins)
        histogram = AngleHistogram(
            np.linspace(*FULL_RANGE, h.full_bins + 1), counts, width=style.START_WIDTH,
            height=style.START_HEIGHT, colour=self.clip.colours.first_name, degrees=True,
            number_size=style.NUMBER_SIZE,
        )  # fmt: skip
        pairs = self.clip.experiment.vectors * (self.clip.experiment.vectors - 1) // 2
        heading = label_text(fill(text.pairs, n=mathcore.thousands(pairs)), style.TEXT)
        y_name = label_text(text.count_axis, style.MUTED, style.SMALL_SIZE)
        y_name.next_to(histogram.get_axes(), UP, aligned_edge=LEFT, buff=style.ITEM_GAP)
        heading.next_to(y_name, UP, aligned_edge=LEFT, buff=style.ITEM_GAP)
        x_name = label_text(text.angle_axis, style.MUTED, style.SMALL_SIZE)
        x_name.next_to(histogram, DOWN, buff=style.ITEM_GAP)
        return VGroup(histogram, heading, y_name, x_name)

    @beat
    def beat_experiment(self) -> None:
        self.clear_stage()
        matrix_group, histogram_group = self.start_matrix(), self.start_histogram()
        matrix, left, top, rows, columns = matrix_group
        histogram = histogram_group[0]
        assert isinstance(matrix, ArrayMatrix) and isinstance(histogram, AngleHistogram)
        in_turn = self.in_turn(matrix_group, histogram_group, style.SECTION_GAP)
        self.play(FadeIn(matrix), run_time=self.span(0))
        self.until_sentence(1)
        self.play(GrowFromCenter(left), FadeIn(rows), run_time=self.span(1, 0.4))
        self.play(GrowFromCenter(top), FadeIn(columns), run_time=self.span(1, 0.4))
        self.until_sentence(2)
        if not in_turn:
            self.play(Create(histogram.get_axes()), FadeIn(histogram_group[1:]))
        ranks = self.tick_ranks()
        ticks = [
            self.count_pair(matrix, histogram.get_axes(), p, rank, in_turn)
            for p, rank in zip(style.FIRST_PAIRS, ranks, strict=True)
        ]
        if in_turn:  # the matrix makes way for the histogram, which gets the pairs' ticks
            self.play(FadeOut(matrix_group), run_time=self.seconds(style.SHORT))
            self.play(Create(histogram.get_axes()), FadeIn(histogram_group[1:]))
            self.play(FadeIn(VGroup(*ticks), shift=DOWN * style.ITEM_GAP))
        self.play(  # the pairs' ticks give way to the bars that count them
            FadeIn(histogram.get_bars(), shift=UP * style.ITEM_GAP, lag_ratio=style.LAG),
            FadeOut(VGroup(*ticks)), run_time=self.span(2, 0.3, style.LONG),
        )  # fmt: skip
        self.say(self.clip.text.start)

    def start_angle(self, pair: tuple[int, int]) -> float:
        """The angle in degrees between two rows of the random start."""
        a, b = pair
        return mathcore.angle_deg(float(self.start[a] @ self.start[b]))

    def tick_ranks(self) -> list[int]:
        """Each measured pair's rank by angle, widest first: the widest pair gets the
        shortest tick, so every tick's label, written to its right, clears the others."""
        angles = [self.start_angle(p) for p in style.FIRST_PAIRS]
        order = sorted(range(len(angles)), key=lambda i: -angles[i])
        return [order.index(i) for i in range(len(angles))]

    def count_pair(
        self, matrix: ArrayMatrix, axes: Axes, pair: tuple[int, int], rank: int,
        later: bool = False,
    ) -> VGroup:  # fmt: skip
        """Frame two rows, write their angle under the matrix, and move it onto the
        histogram's axis as a labelled tick at that angle (where the pair is counted), the
        ``rank``-th tick one step taller than the last; ``later``: the histogram is not on
        screen yet, the labelled tick is returned to be shown with it."""
        a, b = pair
        angle = self.start_angle(pair)
        frames = VGroup(*(SurroundingRectangle(matrix.get_row(r)) for r in pair))
        value = MathTex(
            rf"\theta(v_{{{a + 1}}}, v_{{{b + 1}}}) = {angle:.{style.ANGLE_DECIMALS}f}^\circ",
            font_size=style.MATH_SIZE, color=style.HIGHLIGHT,
        )  # fmt: skip
        value.next_to(matrix, DOWN, buff=style.ITEM_GAP)
        top = axes.y_range[1] * style.TICK_SHARE * (rank + 1)
        tick = Line(
            axes.c2p(angle, 0), axes.c2p(angle, top), color=style.HIGHLIGHT,
            stroke_width=style.ARROW_STROKE / 2,
        )  # fmt: skip
        label = MathTex(
            rf"{angle:.{style.ANGLE_DECIMALS}f}^\circ", font_size=style.NUMBER_SIZE,
            color=style.HIGHLIGHT,
        )  # fmt: skip
        label.next_to(tick.get_end(), RIGHT, buff=style.ITEM_GAP / 2)
        self.play(Create(frames), Write(value), run_time=self.seconds(style.SHORT))
        if later:
            self.wait(self.seconds(style.SHORT))
            self.play(FadeOut(frames), FadeOut(value), run_time=self.seconds(style.SHORT) / 2)
        else:  # the angle travels to the histogram and stands as its tick
            self.play(
                Create(tick), FadeOut(frames), Transform(value, label),
                run_time=self.seconds(style.SHORT),
            )  # fmt: skip
            self.remove(value)
            self.add(label)
        return VGroup(tick, label)

    def loss_picture(self) -> tuple[LossCurve, VGroup]:
        """The video objective's loss per step, with its labels."""
        text = self.clip.text
        curve = LossCurve(self.video.losses)
        title = label_text(text.loss, style.TEXT).next_to(curve, UP, buff=style.ITEM_GAP)
        x_name = label_text(text.step_axis, style.MUTED, style.SMALL_SIZE)
        x_name.next_to(curve.get_axes(), DOWN, buff=style.SECTION_GAP)
        return curve, VGroup(title, x_name)

    def zoom_picture(self) -> VGroup:
        """The video's zoomed window, first with the random start's pairs (on the scale of the
        optimised ones, so both fit), and the 89°-91° band. Parts: band, histogram, claim,
        title, start title."""
        h, c = self.clip.histogram, self.clip
        edges = np.linspace(h.zoom_low, h.zoom_high, h.zoom_bins + 1)
        before = self.random.histogram(h.zoom_low, h.zoom_high, h.zoom_bins)
        after = self.video.histogram(h.zoom_low, h.zoom_high, h.zoom_bins)
        histogram = AngleHistogram(
            edges, before, top=float(max(before.max(), after.max())), width=style.START_WIDTH,
            colour=style.MUTED, degrees=True, number_size=style.NUMBER_SIZE,
        )  # fmt: skip
        axes = histogram.get_axes()
        low, high = sp.VIDEO_BAND_DEG
        window = Rectangle(
            width=axes.c2p(high, 0)[0] - axes.c2p(low, 0)[0], height=float(axes.y_length or 0),
            stroke_width=0, fill_color=style.HIGHLIGHT, fill_opacity=style.HIGHLIGHT_OPACITY / 2,
        ).move_to(axes.c2p((low + high) / 2, axes.y_range[1] / 2))  # fmt: skip
        edges_of = [
            DashedLine(window.get_corner(DOWN + s), window.get_corner(UP + s))
            for s in (LEFT, RIGHT)
        ]
        band = VGroup(window, *(e.set_color(style.HIGHLIGHT) for e in edges_of))
        band.set_z_index(-1)  # a window behind the bars, not one more bar
        share = tex_percent(self.video.scalars["share_89_91"])
        words = rf"\text{{ of pairs within }}{low:g}^\circ\text{{--}}{high:g}^\circ"
        claim = MathTex(share + words, font_size=style.MATH_SIZE)
        claim.next_to(histogram, UP, buff=style.ITEM_GAP)
        title = label_text(fill(c.text.zoom, n=c.experiment.steps), style.MUTED, style.SMALL_SIZE)
        title.next_to(claim, UP, buff=style.ITEM_GAP)
        start = label_text(c.text.random_start, style.MUTED, style.SMALL_SIZE).move_to(title)
        return VGroup(band, histogram, claim, title, start)

    @beat
    def beat_optimisation(self) -> None:
        self.clear_stage()
        curve, labels = self.loss_picture()
        zoom = self.zoom_picture()
        band, histogram, claim, title, start = zoom
        assert isinstance(histogram, AngleHistogram)
        loss = VGroup(curve, labels)
        in_turn = self.in_turn(loss, zoom, style.WIDE_GAP)
        h = self.clip.histogram
        optimised = self.video.histogram(h.zoom_low, h.zoom_high, h.zoom_bins)
        after = histogram.bars_for(optimised, self.clip.colours.first_name)
        if not in_turn:
            self.show_start(histogram, start, self.span(0, 0.4))
        self.play(
            Create(curve.get_axes()), FadeIn(curve.get_tick_labels()), FadeIn(labels),
            run_time=self.span(0, 0.3),
        )  # fmt: skip
        self.until_sentence(1)
        step = ValueTracker(1)
        dot = Dot(curve.point_at(1), color=style.HIGHLIGHT)
        dot.add_updater(lambda d: d.move_to(curve.point_at(step.get_value())))
        self.add(dot)
        self.play(
            Create(curve.get_curve()), step.animate.set_value(len(self.video.losses)),
            run_time=self.span(1, 0.9, 2 * style.LONG), rate_func=linear,
        )  # fmt: skip
        dot.clear_updaters()
        self.until_sentence(2)
        if in_turn:  # the loss makes way for the window, first with the random start
            self.play(FadeOut(loss), FadeOut(dot), run_time=self.seconds(style.SHORT))
            self.show_start(histogram, start, self.seconds(style.MEDIUM))
        self.play(  # the header changes with the bars it names
            Transform(histogram.get_bars(), after), Succession(FadeOut(start), FadeIn(title)),
            run_time=self.span(2, 0.4, style.LONG),
        )  # fmt: skip
        self.play(FadeIn(band), Write(claim), run_time=self.span(2, 0.3))

    def show_start(self, histogram: AngleHistogram, start: Mobject, seconds: float) -> None:
        """The zoomed window's axes and the random start's bars in it."""
        self.play(
            Create(histogram.get_axes()), FadeIn(start),
            FadeIn(histogram.get_bars(), shift=UP * style.ITEM_GAP, lag_ratio=style.LAG),
            run_time=seconds,
        )  # fmt: skip

    def reveal_histogram(self) -> VGroup:
        """The whole 0°-180° range on a log axis, collapsed pairs in red, the Welch bound."""
        h, c = self.clip.histogram, self.clip
        heights = sp.log_counts(self.video.histogram(*FULL_RANGE, h.full_bins))
        edges = np.linspace(*FULL_RANGE, h.full_bins + 1)
        histogram = AngleHistogram(
            edges, heights, width=style.REVEAL_HIST_WIDTH, height=style.REVEAL_HEIGHT,
            colour=c.colours.first_name, log_step=style.CAPACITY_TICK, degrees=True,
            number_size=style.NUMBER_SIZE,
        )  # fmt: skip
        axes = histogram.get_axes()
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
        mark_label = label_text(c.text.welch_mark, style.HIGHLIGHT, style.SMALL_SIZE)
        mark_label.next_to(marks[1].get_top(), RIGHT, buff=style.ITEM_GAP / 2)
        mark_label.align_to(marks[1], UP)
        log_label = label_text(c.text.pairs_axis, style.MUTED, style.SMALL_SIZE)
        log_label.next_to(histogram, UP, aligned_edge=LEFT)
        return VGroup(histogram, log_label, VGroup(marks, mark_label))

    def comparison(self) -> ColumnTable:
        """How close to perpendicular every pair stays, in degrees: random start, video's
        objective, coherence optimiser, and the Welch bound that no arrangement beats."""
        text = self.clip.text
        rows = []
        for label, result, colour in (
            (text.random_start, self.random, style.MUTED),
            (text.video_objective, self.video, style.NEGATIVE),
            (text.coherence_objective, self.coherence, style.POSITIVE),
        ):
            off = cramming.degrees_off_perpendicular(
                result.scalars["max_abs_cos"], style.ANGLE_DECIMALS
            )
            rows.append((label, [rf"{off:.{style.ANGLE_DECIMALS}f}^\circ"], colour))
        welch = cramming.degrees_off_perpendicular(
            self.video.scalars["welch_bound"], style.ANGLE_DECIMALS
        )
        rows.append((text.welch, [rf"\ge {welch:.{style.ANGLE_DECIMALS}f}^\circ"], style.HIGHLIGHT))
        return ColumnTable([text.worst_column], rows, header_width=REVEAL_HEADER_WIDTH)

    def reveal_notes(self) -> tuple[str, str, str]:
        """The three captions: the collapse in numbers, the coherence optimiser in one
        sentence, and its worst pair against the Welch bound in degrees."""
        c, scalars = self.clip, self.video.scalars
        collapsed = fill(
            c.text.collapsed, share=mathcore.percent(scalars["share_collapsed"]),
            degrees=f"{sp.COLLAPSE_DEG:g}",
            min_angle=f"{scalars['min_angle_deg']:.{style.ANGLE_DECIMALS}f}",
        )  # fmt: skip
        decimals = style.ANGLE_DECIMALS
        off = cramming.degrees_off_perpendicular(self.coherence.scalars["max_abs_cos"], decimals)
        bound = cramming.degrees_off_perpendicular(self.video.scalars["welch_bound"], decimals)
        against = fill(
            c.text.against_welch, degrees=f"{off:.{decimals}f}", tolerance=f"{bound:.{decimals}f}"
        )
        return collapsed, fill(c.text.coherence, c.fact), against

    def welch_line(self) -> VGroup:
        """The coherence optimiser's worst pair against the Welch bound, on a number line of
        angles wide enough to tell them apart: the bound's two angles dashed, the band
        between them (where no arrangement of this many vectors keeps all its pairs), and a
        marker at the worst pair's angle. Parts: line, band, dashes, marker, label."""
        scalars = self.coherence.scalars
        decimals = style.ANGLE_DECIMALS
        worst = 90.0 - cramming.degrees_off_perpendicular(scalars["max_abs_cos"], decimals)
        bound = mathcore.angle_deg(scalars["welch_bound"])
        low, high, step = cramming.window_around(worst, style.WELCH_STEPS)
        line = NumberLine(
            x_range=[low, high, step], length=style.WELCH_LINE_WIDTH,
            color=style.AXES, include_numbers=True, font_size=style.NUMBER_SIZE,
            decimal_number_config={"num_decimal_places": 0, "unit": r"^{\circ}"},
        )  # fmt: skip
        rise = style.WELCH_RISE
        band = Rectangle(
            width=line.n2p(180 - bound)[0] - line.n2p(bound)[0], height=rise,
            stroke_width=0, fill_color=style.HIGHLIGHT, fill_opacity=style.HIGHLIGHT_OPACITY,
        ).move_to(line.n2p(90), aligned_edge=DOWN)  # fmt: skip
        dashes = VGroup(
            *(
                DashedLine(line.n2p(a), line.n2p(a) + rise * UP, color=style.HIGHLIGHT)
                for a in (bound, 180 - bound)
            )
        )
        marker = Triangle(color=style.POSITIVE, fill_opacity=1, stroke_width=0)
        marker.scale_to_fit_height(style.ITEM_GAP).rotate(math.pi)
        marker.next_to(line.n2p(worst), UP, buff=0)
        label = MathTex(rf"{worst:.{decimals}f}^\circ", font_size=style.MATH_SIZE)
        label.set_color(style.POSITIVE).next_to(marker, UP, buff=style.ITEM_GAP / 2)
        return VGroup(line, band, dashes, marker, label)

    def reveal_layout(self, reveal: VGroup, table: ColumnTable, line: VGroup) -> bool:
        """The histogram on the left, the table and the worst pair on the right; one over
        the other in the vertical frame; in the square frame the table and line take the
        histogram's place later (returns True then)."""
        right = VGroup(table, line).arrange(DOWN, aligned_edge=LEFT, buff=style.WIDE_GAP)
        if frame.is_landscape():
            whole = VGroup(reveal, right).arrange(RIGHT, aligned_edge=UP, buff=style.WIDE_GAP)
        elif frame.is_portrait():
            whole = VGroup(reveal, right).arrange(DOWN, buff=style.WIDE_GAP)
        else:
            self.place(reveal)
            self.place(right)
            return True
        self.place(whole)
        return False

    @beat
    def beat_reveal(self) -> None:
        self.clear_stage()
        histogram, log_label, marks = reveal = self.reveal_histogram()
        table, line = self.comparison(), self.welch_line()
        collapsed, coherence, against = self.reveal_notes()
        in_turn = self.reveal_layout(reveal, table, line)
        assert isinstance(histogram, AngleHistogram)
        self.play(
            Create(histogram.get_axes()), FadeIn(log_label), FadeIn(histogram.get_tick_labels()),
            run_time=self.span(0, 0.5),
        )  # fmt: skip
        self.until_sentence(1)
        self.play(FadeIn(histogram.get_bars(), lag_ratio=style.LAG), run_time=self.span(1, 0.4))
        self.say(collapsed)
        self.until_sentence(2)
        self.play(Create(marks), run_time=self.span(2, 0.3))
        if in_turn:
            self.wait(self.span(2, 0.2, style.SHORT))
            self.play(FadeOut(reveal), run_time=self.seconds(style.SHORT))
        shown: list[VMobject] = [table.get_header(0)]
        for index in (0, 1, 3):
            shown += [table.get_label(index), table.get_value(index, 0)]
        self.play(FadeIn(VGroup(*shown), lag_ratio=style.LAG), run_time=self.span(2, 0.3))
        self.until_sentence(3)
        row = VGroup(table.get_label(2), table.get_value(2, 0))
        self.say(coherence)
        self.play(FadeIn(row), run_time=self.span(3, 0.4))
        self.until_sentence(4)
        number_line, band, dashes, marker, label = line
        self.play(Create(number_line), FadeIn(band), Create(dashes), run_time=self.span(4, 0.3))
        self.play(
            FadeIn(marker, shift=DOWN * style.ITEM_GAP), FadeIn(label), run_time=self.span(4, 0.3)
        )
        self.say(against)
        self.show_margin(number_line)

    def show_margin(self, line: Mobject) -> None:
        """Under the number line, how far the optimiser's worst pair sits outside the Welch
        bound: an arrow from the bound's nearer dash to the worst pair's angle."""
        assert isinstance(line, NumberLine)
        scalars = self.coherence.scalars
        worst = 90.0 - cramming.degrees_off_perpendicular(scalars["max_abs_cos"], 1)
        bound = mathcore.angle_deg(scalars["welch_bound"])
        below = DOWN * (style.WELCH_RISE + style.ITEM_GAP)
        gap = DoubleArrow(
            line.n2p(bound) + below, line.n2p(worst) + below, buff=0, color=style.POSITIVE,
            stroke_width=style.ARROW_STROKE / 2, tip_length=style.ITEM_GAP,
        )  # fmt: skip
        self.play(
            GrowFromPoint(gap, line.n2p(bound) + below), run_time=self.seconds(MARGIN_SECONDS)
        )
