"""Beat 1.7 of the video: the toy assumptions.

Three nearly perpendicular unit directions, first name (M), last name (J) and attribute (B),
in a 3-D view; their pairwise dot products and the angles computed from the dot products as
displayed, the view turning to face each pair's plane (the third arrow then points straight
at the viewer and fades) so the angle is seen at its true size, drawn as an arc coloured
half by half like its two arrows, with its size beside it; a vector E read along M with M
laid across the screen as a ruler in units of its own length: E's perpendicular (square
on screen too, since M lies in the screen's plane) lands where the dot product says, and
the band of mathcore.directions.reading_band the value falls in (about 1 or more, yes;
about 0 or less, no; partial between) lights under the ruler and in the panel as E moves;
the full name, E·M = E·J = 1 and (M + J)·E = 2; and attention carrying M from the first
name's token, along an arc, onto the tip of the last name's vector, which becomes M + J
(drawn in the plane of the two names) while its M reading goes from 0 to 1. Every number
comes from mathcore.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    PI,
    RIGHT,
    UP,
    ArcBetweenPoints,
    Arrow,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    MathTex,
    Mobject,
    MoveAlongPath,
    TransformFromCopy,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
)

import mathcore
from mathcore.directions import (
    arc_between,
    camera_angles,
    facing_camera,
    path_point,
    projection_onto,
    reading_band,
    turn_camera,
)
from mathcore.geometry import displayed_angle
from scenes.config import ToyDirectionsConfig, fill
from scenes.visual import frame, style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    DotProductReadout,
    NameBoxes,
    VectorView3D,
    align_left_edges,
    caption,
    fit_width,
    label_text,
    name_text,
)
from scenes.visual.marks import mark_overlay

FEATURES = ("first", "last", "attribute")
BANDS = ("yes", "no", "partial")  # the status lines' order: is, is not, in between
PAIRS = (("first", "last"), ("first", "attribute"), ("last", "attribute"))
TOKEN_BOX_WIDTH = 4.2
TOKEN_GAP = 2.6
SHADOW_STROKE = 9.0
PORTRAIT_VIEW_UNIT = 2.5
LEGEND_ROOM = 2.0  # a legend taller than this (wrapped long names) makes way for the rows
ANGLE_RADIUS = 0.45  # of the arcs marking the angles, in the view's units
ARC_SAMPLES = 25
ARC_STROKE = 6.0
DIMMED = 0.3  # opacity of what steps back (a direction not being read, an unlit band)
READING_LEAD = 2  # the reading beat's sentences before the one that goes with stop 1
RULER_ROOM = 0.25  # the ruler along M reaches this far (in units of M) past -1, 1 and E
BAND_DROP = 0.14  # the reading bands run this far under M's line (scene units)
BAND_STROKE = 8.0
TICK = 0.1  # half-length of the ruler's ticks
FOOT_RADIUS = 0.07
CORNER = 0.16  # side of the right-angle mark where E's perpendicular meets M's line


class TurningView(VectorView3D):
    """A :class:`VectorView3D` whose camera can be any rotation (rows right, up, back), not
    only an azimuth and an elevation: facing a plane straight on with a chosen direction
    pointing right (mathcore.directions.facing_camera), and turning smoothly between two such
    cameras (mathcore.directions.turn_camera)."""

    def set_view(self, azimuth: float, elevation: float) -> TurningView:
        """The camera at ``azimuth`` and ``elevation`` (degrees), as the base view has it."""
        return self.set_camera(mathcore.camera_axes(azimuth, elevation))

    def set_camera(self, camera: np.ndarray) -> TurningView:
        """Re-project every part for ``camera`` (a 3 × 3 rotation, rows right, up, back)."""
        self.camera_matrix = np.asarray(camera, dtype=float)
        super().set_view(*camera_angles(self.camera_matrix))
        # An axis seen end-on shrinks to (nearly) a point; stretched back out by rescaling,
        # its rounding errors would bend it: redraw each axis from its two ends instead.
        for index, line in enumerate(self.axes):
            ends = (self._axis_ends[index + 3], self._axis_ends[index])
            line.set_points_as_corners([self._screen(end) for end in ends])
        return self

    def _screen(self, point: np.ndarray) -> np.ndarray:
        x, y, _depth = self.camera_matrix @ np.asarray(point, dtype=float)
        screen: np.ndarray = self._origin + self.unit * (x * RIGHT + y * UP)
        return screen


class ToyDirections(BeatScene[ToyDirectionsConfig]):
    """Three feature directions, reading a vector by its dot products, and a vector that
    encodes "first name + last name" because attention moved the first name into it."""

    config_class = ToyDirectionsConfig

    def prepare(self) -> None:
        fact, colours, toy = self.clip.fact, self.clip.colours, self.clip.toy
        # Keyed by role, not by name: two roles may share a name in a remix.
        directions = mathcore.named_directions(FEATURES, toy.d_model, self.clip.seed, toy.tilt)
        self.directions = directions
        # The full name is the sum of the two name directions, and each token's vector its
        # own name's direction: being only nearly perpendicular, they read about 1 and about
        # 0 (1 + M·J, M·B + J·B), as the readouts show.
        first, last = directions["first"], directions["last"]
        full = first + last
        stops = [
            directions.encode({"first": s.first, "last": s.last, "attribute": s.attribute})
            for s in toy.stops
        ]
        tokens = [first, last]
        points = [*directions.vectors, full, *stops, *tokens]
        coords = mathcore.span_coordinates(directions.vectors, points)
        self.coords = dict(zip((*FEATURES, "encoding"), coords[:4], strict=True))
        # E's path: the reading stops, then the full name (the next beat's vector).
        self.path = np.array([*coords[4 : 4 + len(stops)], coords[3]])
        self.token_vectors = tokens
        self.token_coords = [coords[-2], coords[-1]]
        self.full = full
        symbols = (fact.first_symbol, fact.last_symbol, fact.attribute_symbol, "E")
        self.symbol = {k: rf"\vec{{{s}}}" for k, s in zip(self.coords, symbols, strict=True)}
        self.colour = dict(
            zip(
                self.coords,
                (colours.first_name, colours.last_name, colours.attribute, colours.combined),
                strict=True,
            )
        )
        self.title = label_text(self.clip.text.title, colours.text, style.TITLE_SIZE)
        self.title.to_edge(UP, buff=style.EDGE_BUFFER)
        self.layout_frame()
        self.view = TurningView(self.coords, self.colour, self.symbol, unit=self.view_unit)
        self.standard = mathcore.camera_axes(
            style.VIEW_AZIMUTH + style.VIEW_SWING, style.VIEW_ELEVATION
        )  # the view the directions beat leaves, and the one the angles beat comes back to
        self.view.shift(self.view_centre)
        self.home = self.view.get_origin()  # the reading beat alone slides the view aside
        self.legend = self.legend_rows()
        self.place_in_panel(self.legend, below=self.panel_anchor)
        # Where the legend cannot share the panel with a beat's rows (square and tall frames,
        # names long enough to wrap), it makes way for them; the arrows keep their labels.
        self.legend_yields = not frame.is_landscape() or self.legend.height > LEGEND_ROOM
        self.panel_content: list[Mobject] = []
        self.t = ValueTracker(0.0)
        self.opacity = dict.fromkeys(FEATURES, 1.0)  # of each feature's arrow and label
        self.label_moved = False  # M's label under its arrow, clear of the reading ruler
        self.arcs: list[VGroup] = []  # the angles beat's arcs, one per pair

    def layout_frame(self) -> None:
        """Where the 3-D view and the text panel go in this frame: side by side in the wide
        frame (and, smaller, in the square one); the view over the panel in the tall one."""
        width, height = config.frame_width, config.frame_height
        reach = 1.25 * style.VIEW_AXIS_LENGTH  # the view's half-size, in units of its space
        if frame.is_landscape():
            self.view_unit = style.VIEW_UNIT
            self.view_centre = style.PICTURE_CENTER_X * RIGHT + style.PICTURE_CENTER_Y * UP
            self.panel_left, self.panel_width = style.PANEL_LEFT_X, style.PANEL_WIDTH
            self.panel_anchor: Mobject = self.title
        elif frame.is_portrait():  # the view as wide as the frame allows, the panel under it
            self.view_unit = min(PORTRAIT_VIEW_UNIT, (width / 2 - style.EDGE_BUFFER) / reach)
            top = self.title.get_bottom()[1] - style.ITEM_GAP
            self.view_centre = (top - reach * self.view_unit) * UP
            self.panel_left = style.EDGE_BUFFER - width / 2
            self.panel_width = width - 2 * style.EDGE_BUFFER
            floor = top - 2 * reach * self.view_unit
            self.panel_anchor = Line(LEFT, RIGHT).set_y(floor)
        else:  # square: a smaller view on the left, a narrow panel beside it
            self.view_unit = 1.1
            room = 1.5 * self.view_unit  # the view's half-width, E = M + J's label included
            self.view_centre = (style.EDGE_BUFFER - width / 2 + room) * RIGHT
            self.view_centre = self.view_centre + (self.title.get_bottom()[1] - height / 2) / 2 * UP
            self.panel_left = self.view_centre[0] + room + style.ITEM_GAP
            self.panel_width = width / 2 - style.EDGE_BUFFER - self.panel_left
            self.panel_anchor = self.title
        # The square panel has no room for the legend beside a beat's rows: they replace it.
        self.square = not (frame.is_landscape() or frame.is_portrait())

    def content_anchor(self) -> Mobject:
        """What a beat's panel rows go under: the legend, or (square) the title, the legend
        making way for them."""
        return self.panel_anchor if self.legend_yields else self.legend

    def make_way(self) -> None:
        """Where the legend yields, fade it out to give its room to the beat's rows."""
        shown = self.legend_on_screen()
        if self.legend_yields and shown:
            self.play(FadeOut(*shown), run_time=self.seconds(style.SHORT))

    def legend_on_screen(self) -> list[Mobject]:
        """The legend's rows on screen (the directions beat brings them in one by one)."""
        on_screen = self.get_mobject_family_members()
        return [row for row in self.legend if row in on_screen]

    def legend_rows(self) -> VGroup:
        """``M = Michael  first name`` per feature: the name on one line (fitted, at least
        20 px), its role beside it, or under it when the name is long."""
        fact, text = self.clip.fact, self.clip.text
        names = (fact.first_name, fact.last_name, fact.attribute)
        roles = (text.first_name_label, text.last_name_label, text.attribute_label)
        rows = VGroup()
        for key, name, role in zip(FEATURES, names, roles, strict=True):
            symbol = MathTex(self.symbol[key], "=", font_size=style.MATH_SIZE)
            symbol.set_color(self.colour[key])
            room = self.panel_width - symbol.width - style.ITEM_GAP
            word = name_text(name, room, self.colour[key])
            tag = label_text(fill(role, fact), style.MUTED, style.SMALL_SIZE)
            if word.width + style.ITEM_GAP + tag.width <= room:
                tag.next_to(word, RIGHT, buff=style.ITEM_GAP).align_to(word, DOWN)
            else:
                fit_width(tag, room).next_to(word, DOWN, buff=style.ITEM_GAP / 2, aligned_edge=LEFT)
            words = VGroup(word, tag)
            row = VGroup(symbol, words).arrange(RIGHT, buff=style.ITEM_GAP)
            symbol.align_to(word, UP)
            rows.add(row)
        return rows

    # -- numbers ---------------------------------------------------------------------------

    def shown(self, value: float) -> float:
        """``value`` rounded as every readout displays it (sums are computed from these)."""
        return round(float(value), self.clip.toy.decimals) + 0.0

    def dot(self, a: str, b: str) -> float:
        """The dot product of two of the clip's vectors (by role), as displayed.

        E (``encoding``) is the full name M + J, so X · E is displayed as the sum of the
        displayed X · M and X · J: a sum the viewer can check from the numbers shown (rounding
        X · (M + J) itself could differ from that sum by one in the last digit)."""
        if b == "encoding" and a != "encoding":
            a, b = b, a
        if a == "encoding" and b != "encoding":
            return self.shown(self.dot(b, "first") + self.dot(b, "last"))
        return self.shown(float(self.coords[a] @ self.coords[b]))

    def moving_point(self) -> np.ndarray:
        """E's 3-D coordinates at the tracker's parameter."""
        return path_point(self.path, self.t.get_value())

    def reading(self) -> float:
        """E · M for the moving E, as displayed."""
        value, _foot = projection_onto(self.moving_point(), self.coords["first"])
        return self.shown(value)

    # -- layout helpers --------------------------------------------------------------------

    def place_in_panel(self, group: VGroup, below: Mobject, floor: float | None = None) -> VGroup:
        """Left-align ``group`` in the right-hand text panel, below ``below``; rows too wide
        are shrunk one by one (words were already wrapped to the panel's width)."""
        for row in group:
            fit_width(row, self.panel_width)
        group.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        group.next_to(below, DOWN, buff=style.SECTION_GAP)
        bottom = self.caption_top() if floor is None else floor
        room = group.get_top()[1] - bottom
        if group.height > room:
            group.scale_to_fit_height(room).next_to(below, DOWN, buff=style.SECTION_GAP)
        group.set_x(self.panel_left + group.width / 2)
        return group

    def show_setting(self) -> None:
        """Put the title, axes, feature arrows and legend on screen if a beat starts alone."""
        arrows = [self.view.get_arrow(k) for k in FEATURES]
        labels = [self.view.get_label(k) for k in FEATURES]
        self.bring_in(self.title, self.view.get_axes(), *arrows, *labels)
        if not self.legend_yields:  # else the beat's rows take the legend's place
            self.bring_in(self.legend)

    def clear_panel(self) -> None:
        """Fade out the previous beat's panel rows and marks, if any are on screen."""
        on_screen = self.get_mobject_family_members()
        shown = [m for m in self.panel_content if m in on_screen]
        self.panel_content = []
        if shown:
            self.play(FadeOut(*shown), run_time=self.seconds(style.SHORT))

    def readout(self, a: str, b: str, value: float | None = None) -> DotProductReadout:
        """``a · b = value`` (by default the clip's dot product of the two roles)."""
        shown = self.dot(a, b) if value is None else self.shown(value)
        return DotProductReadout(
            self.symbol[a],
            self.symbol[b],
            shown,
            self.colour[a],
            self.colour[b],
            decimals=self.clip.toy.decimals,
        )

    # -- beats -----------------------------------------------------------------------------

    @beat
    def beat_directions(self) -> None:
        self.play(
            Write(self.title), Create(self.view.get_axes()), run_time=self.seconds(style.MEDIUM)
        )
        self.until_sentence(1)  # one direction per feature
        each = max(self.seconds(style.MEDIUM), 0.8 * self.sentence_seconds(1) / len(FEATURES))
        for index, key in enumerate(FEATURES):
            self.play(
                GrowArrow(self.view.get_arrow(key)),
                FadeIn(self.view.get_label(key)),
                FadeIn(self.legend[index]),
                run_time=each,
            )
        self.until_sentence(2)  # as the view turns ...
        self.turn_camera()

    def turn_camera(self) -> None:
        """Swing the camera round so the viewer sees that the arrows live in 3-D."""
        turn = max(self.seconds(style.LONG), 0.9 * self.sentence_seconds(2))
        self.turn_view(self.standard, run_time=turn)

    def turn_view(
        self,
        camera: np.ndarray,
        *animations: Any,
        run_time: float,
        fades: dict[str, float] | None = None,
        origin: np.ndarray | None = None,
        arcs: dict[VGroup, float] | None = None,
    ) -> None:
        """Turn the view's camera to ``camera`` along the shortest turn while ``animations``
        play; ``fades`` maps features to the opacity their arrow and label end at (a face-on
        view fades out the arrow it looks straight down, and a later turn brings it back);
        the view slides to put its origin at ``origin`` on the way, if given; ``arcs`` maps
        angle arcs to the opacity they end at."""
        start = self.view.camera_matrix.copy()
        ends, arc_ends = fades or {}, arcs or {}
        begin = {key: self.opacity[key] for key in ends}
        arc_begin = {arc: arc[0].get_stroke_opacity() for arc in arc_ends}
        first = self.view.get_origin()
        slide = np.zeros(3) if origin is None else origin - first

        def step(view: Mobject, alpha: float) -> None:
            assert isinstance(view, TurningView)
            view.shift(first + alpha * slide - view.get_origin())
            view.set_camera(turn_camera(start, camera, alpha))
            for key, end in ends.items():
                self.set_feature_opacity(key, begin[key] + (end - begin[key]) * alpha)
            for arc, end in arc_ends.items():
                arc.set_stroke(opacity=arc_begin[arc] + (end - arc_begin[arc]) * alpha)

        # The animation runs on the view's part drawn first (the view itself is not on the
        # scene, only the parts shown so far): manim then redraws every part each frame.
        parts = set(self.view.get_family())
        anchor = next((m for m in self.get_mobject_family_members() if m in parts), self.t)
        turn = UpdateFromAlphaFunc(anchor, lambda _m, alpha: step(self.view, alpha))
        self.play(turn, *animations, run_time=run_time)
        step(self.view, 1.0)  # where animations are skipped, land on the end all the same

    def set_feature_opacity(self, key: str, opacity: float) -> None:
        """Fade a feature's arrow and label to ``opacity``."""
        self.opacity[key] = opacity
        self.view.get_arrow(key).set_opacity(opacity)
        self.view.get_label(key).set_opacity(opacity)

    def settle_view(self) -> None:
        """The view as the directions beat leaves it (for a beat played on its own)."""
        if self.view.azimuth == style.VIEW_AZIMUTH:
            self.view.set_camera(self.standard)

    @beat
    def beat_angles(self) -> None:
        self.settle_view()
        self.show_setting()
        self.clear_panel()
        self.make_way()
        heading, rows, note = self.angle_panel()
        self.play(FadeIn(heading), run_time=self.seconds(style.SHORT))
        arrows = [self.view.get_arrow(k) for k in FEATURES]
        self.play(
            *(Indicate(arrow, color=style.HIGHLIGHT, scale_factor=1.0) for arrow in arrows),
            run_time=self.seconds(style.LONG),
        )
        self.until_sentence(1)  # each pair turned to lie flat on the screen
        said = self.sentence_seconds(1) + self.sentence_seconds(2)
        each = max(self.seconds(2 * style.LONG), 0.95 * said / len(PAIRS))
        label: Mobject | None = None
        self.arcs = []
        for pair, row in zip(PAIRS, rows, strict=True):
            label = self.face_pair(pair, row, label, each)
        self.until_sentence(3)  # back to the usual view: all three close to ninety degrees
        leaving = [] if label is None else [FadeOut(label)]
        back, arcs = dict.fromkeys(FEATURES, 1.0), dict.fromkeys(self.arcs, 1.0)
        self.turn_view(
            self.standard, *leaving, fades=back, arcs=arcs, run_time=self.seconds(style.LONG)
        )
        self.play(
            *(Indicate(row[1], color=style.HIGHLIGHT) for row in rows), FadeIn(note),
            run_time=self.seconds(style.MEDIUM),
        )  # fmt: skip

    def angle_panel(self) -> tuple[Mobject, VGroup, Mobject]:
        """The heading, one row per pair (written as the view faces that pair) and the note,
        placed in the panel."""
        colour = self.clip.colours.text
        heading = name_text(self.clip.text.angles_heading, self.panel_width, colour)
        rows = VGroup(*(self.angle_row(a, b) for a, b in PAIRS))
        note = name_text(self.clip.text.angle_note, self.panel_width, colour, style.SMALL_SIZE)
        self.place_in_panel(VGroup(heading, *rows, note), below=self.content_anchor())
        readouts, angles = [row[0] for row in rows], [row[1] for row in rows]
        if not self.square:
            align_left_edges(angles, max(r.get_right()[0] for r in readouts) + style.SECTION_GAP)
        self.panel_content = [heading, *rows, note]
        return heading, rows, note

    def face_pair(
        self, pair: tuple[str, str], row: VMobject, previous: Mobject | None, each: float
    ) -> Mobject:
        """Turn the view to look straight at the plane of ``pair`` (the first arrow pointing
        right, the third, nearly along the line of sight, faded out), draw the angle's arc
        with its size beside it while the panel writes the pair's row; return that label. The
        arcs drawn before step back (they come back as the view returns to its usual angle)."""
        a, b = pair
        fades = {k: (1.0 if k in pair else 0.0) for k in FEATURES}
        leaving = [] if previous is None else [FadeOut(previous)]
        camera = facing_camera(self.coords[a], self.coords[b])
        earlier = dict.fromkeys(self.arcs, 0.0)
        self.turn_view(camera, *leaving, fades=fades, arcs=earlier, run_time=0.4 * each)
        arc = self.angle_arc(a, b)
        self.arcs.append(arc)
        label = self.arc_label(a, b)
        self.panel_content.append(arc)
        self.play(Create(arc), Write(row), FadeIn(label), run_time=0.35 * each)
        self.wait(0.25 * each)
        return label

    def angle_arc(self, a: str, b: str) -> VGroup:
        """The angle between the arrows of ``a`` and ``b``, drawn as an arc in the view
        (mathcore.directions.arc_between, projected like the arrows, following the camera),
        its first half in ``a``'s colour and its second in ``b``'s: it says which pair it
        measures."""
        points = arc_between(self.coords[a], self.coords[b], ANGLE_RADIUS, samples=ARC_SAMPLES)
        middle = len(points) // 2
        arc = VGroup()
        for key, piece in ((a, points[: middle + 1]), (b, points[middle:])):
            half = VMobject(color=self.colour[key], stroke_width=ARC_STROKE)

            def follow(mobject: Mobject, piece: np.ndarray = piece) -> None:
                assert isinstance(mobject, VMobject)
                mobject.set_points_smoothly([self.view.point_at(p) for p in piece])

            follow(half)
            half.add_updater(follow)
            arc.add(mark_overlay(half))  # drawn between the two arrows it measures
        return mark_overlay(arc)

    def arc_label(self, a: str, b: str) -> Mobject:
        """The angle's size (as in the panel's row) just beyond the middle of its arc."""
        _shown, degrees = displayed_angle(self.dot(a, b), self.clip.toy.decimals)
        label = MathTex(
            rf"{degrees:.{style.ANGLE_DECIMALS}f}^\circ",
            font_size=style.LABEL_SIZE,
            color=self.clip.colours.text,
        )
        middle = self.coords[a] / np.linalg.norm(self.coords[a])
        middle = middle + self.coords[b] / np.linalg.norm(self.coords[b])
        point = self.view.point_at(ANGLE_RADIUS * middle / np.linalg.norm(middle))
        way = point - self.view.get_origin()
        way = way / max(float(np.linalg.norm(way)), style.TINY)
        reach = abs(way[0]) * label.width / 2 + abs(way[1]) * label.height / 2
        return label.move_to(point + (style.ITEM_GAP + reach) * way)

    def angle_row(self, a: str, b: str) -> VGroup:
        """``a · b = c`` and ``θ = arccos c ≈ 87.1°`` with θ computed from the shown c."""
        shown, degrees = displayed_angle(self.dot(a, b), self.clip.toy.decimals)
        angle = MathTex(
            rf"\theta \approx {degrees:.{style.ANGLE_DECIMALS}f}^\circ",
            font_size=style.MATH_SIZE,
            color=style.MUTED,
        )
        row = VGroup(self.readout(a, b, shown), angle)
        if self.square:  # the angle under its dot product
            return row.arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP / 2)
        return row.arrange(RIGHT, buff=style.SECTION_GAP)

    def reading_camera(self) -> np.ndarray:
        """The view for reading E along M: M across the screen pointing right (so a
        perpendicular onto its line looks perpendicular on screen too), B up, J away."""
        return facing_camera(self.coords["first"], self.coords["attribute"])

    @beat
    def beat_reading(self) -> None:
        self.settle_view()
        self.show_setting()
        self.clear_panel()
        self.make_way()
        self.t.set_value(0.0)
        colour = self.clip.colours.text
        heading = name_text(self.clip.text.reading_heading, self.panel_width, colour)
        live = self.live_readout()
        statuses = self.status_lines()
        self.place_in_panel(VGroup(heading, live, statuses), below=self.content_anchor())
        self.play(FadeIn(heading), run_time=self.seconds(style.SHORT))
        self.until_sentence(1)  # M laid across the screen, marked like a ruler
        fades = {"first": 1.0, "last": 0.0, "attribute": DIMMED}
        self.turn_view(
            self.reading_camera(), fades=fades, origin=self.ruler_origin(),
            run_time=self.seconds(style.LONG),
        )  # fmt: skip
        ruler = self.reading_ruler()
        self.panel_content = [heading, live, statuses, *ruler]
        self.show_ruler(ruler)
        marks = self.moving_marks()
        self.panel_content.extend(marks[2:])
        arrow = marks[0]
        assert isinstance(arrow, Arrow)
        self.play(GrowArrow(arrow), FadeIn(marks[1]), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(2)  # the perpendicular, the shadow, the dot product
        self.play(Create(marks[2]), FadeIn(marks[5]), run_time=self.seconds(style.MEDIUM))
        self.play(Create(marks[3]), FadeIn(marks[4], live), run_time=self.seconds(style.MEDIUM))
        self.bring_to_front(self.view.get_arrow("first"))  # M's arrow over E's shadow
        self.play(FadeIn(statuses), run_time=self.seconds(style.MEDIUM))
        for stop in range(1, len(self.clip.toy.stops)):
            self.until_sentence(stop + READING_LEAD)  # stop k with the sentence reading it
            self.play(self.t.animate.set_value(stop), run_time=self.seconds(style.LONG))
            self.refresh(*marks, live[1], statuses, ruler)

    def show_ruler(self, ruler: VGroup) -> None:
        """Draw the ruler along M and move M's label under its arrow, clear of the ruler."""
        label = self.view.get_label("first")
        middle = self.view.point_at(self.coords["first"] / 2)
        below = ruler[1].get_bottom()[1] - style.ITEM_GAP / 2 - label.height / 2
        self.play(
            Create(ruler[0]), FadeIn(ruler[1:]),
            label.animate.move_to(np.array([middle[0], below, 0.0])),
            run_time=self.seconds(style.MEDIUM),
        )  # fmt: skip
        self.label_moved = True

    def reading_ruler(self) -> VGroup:
        """M's line marked like a ruler in units of M's length: the line, the three bands of
        mathcore.directions.reading_band just under it (the one E's reading falls in lit, in
        the colour of its panel line), and the whole numbers with their ticks."""
        low, high = self.ruler_span()
        tol, m = self.clip.toy.tolerance, self.coords["first"]

        def at(value: float) -> np.ndarray:
            return self.view.point_at(value * m)

        along = at(1.0) - at(0.0)
        across = np.array([along[1], -along[0], 0.0]) / max(float(np.linalg.norm(along)), 1e-9)
        line = Line(at(low), at(high), color=style.MUTED, stroke_width=style.AXIS_STROKE)
        edges = ((1.0 - tol, high), (low, tol), (tol, 1.0 - tol))  # in BANDS' order
        colours = (style.POSITIVE, style.NEGATIVE, style.MUTED)  # as the panel's lines
        bands = VGroup(
            *(
                Line(at(a) + BAND_DROP * across, at(b) + BAND_DROP * across, color=c,
                     stroke_width=BAND_STROKE)
                for (a, b), c in zip(edges, colours, strict=True)
            )
        )  # fmt: skip

        def light(group: Mobject) -> None:
            lit = BANDS.index(reading_band(self.reading(), tol))
            for index, band in enumerate(group.submobjects):
                band.set_stroke(opacity=1.0 if index == lit else DIMMED)

        bands.add_updater(light)
        light(bands)
        ticks, numbers = VGroup(), VGroup()
        for whole in range(int(np.ceil(low)), int(np.floor(high)) + 1):
            point = at(float(whole))
            ticks.add(Line(point - TICK * across, point + TICK * across, color=style.MUTED))
            number = MathTex(str(whole), font_size=style.LABEL_SIZE)
            number.set_color(style.MUTED)
            drop = BAND_DROP + style.ITEM_GAP / 2 + number.height / 2
            numbers.add(number.move_to(point + drop * across))
        return VGroup(line, mark_overlay(bands), ticks, numbers)

    def ruler_origin(self) -> np.ndarray:
        """Where the view's origin goes for the reading beat: where it is, or slid sideways
        as far as needed (never past the frame's left edge) to keep the ruler and E's label
        clear of the panel beside the view, or of the frame's right edge."""
        low, high = self.ruler_span()
        left = self.home[0] + low * self.view.unit
        right = self.home[0] + high * self.view.unit + RULER_ROOM
        half = config.frame_width / 2 - style.EDGE_BUFFER
        beside = frame.is_landscape() or self.square
        limit = self.panel_left - style.ITEM_GAP if beside else half
        slide = min(0.0, limit - right)
        slide = max(slide, -half - left)
        return np.asarray(self.home + slide * RIGHT)

    def ruler_span(self) -> tuple[float, float]:
        """The stretch of M's line the ruler covers, in units of M: -1 to 1 at least, and
        every reading stop with a little room."""
        readings = [stop.first for stop in self.clip.toy.stops]
        return min(-1.0, *readings) - RULER_ROOM, max(1.0, *readings) + RULER_ROOM

    def refresh(self, *groups: Mobject) -> None:
        """Run the updaters once (they do not run when animations are skipped)."""
        for group in groups:
            group.update()

    def live_readout(self) -> VGroup:
        """``M · E = <value>``, the value following the moving E."""
        formula = MathTex(
            self.symbol["first"], r"\cdot", self.symbol["encoding"], "=",
            font_size=style.MATH_SIZE,
        )  # fmt: skip
        formula[0].set_color(self.colour["first"])
        formula[2].set_color(self.colour["encoding"])
        value = DecimalNumber(
            self.reading(),
            num_decimal_places=self.clip.toy.decimals,
            include_sign=True,
            font_size=style.MATH_SIZE,
        )
        value.next_to(formula, RIGHT, buff=style.ITEM_GAP)
        value.add_updater(lambda m: m.set_value(self.reading()))
        return VGroup(formula, value)

    def status_lines(self) -> VGroup:
        """The three ways to read the value; the one that applies is lit, the others dim."""
        text, fact = self.clip.text, self.clip.fact
        words = (text.is_feature, text.not_feature, text.in_between)
        colours = (style.POSITIVE, style.NEGATIVE, style.MUTED)
        room = self.panel_width
        lines = VGroup(
            *(name_text(fill(w, fact), room, c) for w, c in zip(words, colours, strict=True))
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)

        def light(group: Mobject) -> None:
            lit = BANDS.index(reading_band(self.reading(), self.clip.toy.tolerance))
            for index, line in enumerate(group.submobjects):
                line.set_opacity(1.0 if index == lit else 0.25)

        lines.add_updater(light)
        light(lines)
        return lines

    def moving_marks(self) -> list[VMobject]:
        """E's arrow and label, E's perpendicular onto M's line with its right-angle mark,
        and the shadow along M (ending in a dot at the foot) whose signed length is E · M;
        each follows the tracker, and the camera, on its own."""
        view, colour, m = self.view, self.colour, self.coords["first"]
        e_arrow = Arrow(ORIGIN, RIGHT, buff=0, color=colour["encoding"], stroke_width=5)
        e_label = MathTex(
            self.symbol["encoding"], color=colour["encoding"], font_size=style.LABEL_SIZE
        )
        drop = DashedLine(ORIGIN, RIGHT, color=colour["encoding"], stroke_width=3)
        shadow = Line(ORIGIN, RIGHT, color=colour["encoding"], stroke_width=SHADOW_STROKE)
        foot_dot = Dot(radius=FOOT_RADIUS, color=colour["encoding"])
        corner = VMobject(color=colour["encoding"], stroke_width=2)

        def tip() -> np.ndarray:
            return view.point_at(self.moving_point())

        def outward() -> np.ndarray:
            way = tip() - view.get_origin()
            return np.asarray(way / max(float(np.linalg.norm(way)), style.TINY))

        def foot() -> np.ndarray:
            return view.point_at(projection_onto(self.moving_point(), m)[1]) + 1e-4 * RIGHT

        def square(mark: Mobject) -> None:
            assert isinstance(mark, VMobject)
            along, up = view.point_at(m) - view.get_origin(), tip() - foot()
            rise = float(np.linalg.norm(up))
            along = along / max(float(np.linalg.norm(along)), style.TINY)
            up = up / max(rise, style.TINY)
            base = foot()
            mark.set_points_as_corners(
                [base + CORNER * up, base + CORNER * (up - along), base - CORNER * along]
            )
            mark.set_stroke(opacity=1.0 if rise > 2 * CORNER else 0.0)

        e_arrow.add_updater(lambda a: a.put_start_and_end_on(view.get_origin(), tip()))
        e_label.add_updater(lambda a: self.place_clear(a, tip(), outward()))
        drop.add_updater(lambda a: a.put_start_and_end_on(tip(), foot()))
        shadow.add_updater(lambda a: a.put_start_and_end_on(view.get_origin(), foot()))
        foot_dot.add_updater(lambda a: a.move_to(foot()))
        corner.add_updater(square)
        self.marks = [e_arrow, e_label, drop, shadow, foot_dot, mark_overlay(corner)]
        for mark in self.marks[2:]:
            mark_overlay(mark)  # on M's line and the ruler, on purpose
        self.refresh(*self.marks)
        return self.marks

    def place_clear(self, label: Mobject, tip: np.ndarray, outward: np.ndarray) -> None:
        """Put E's label beyond its tip, or (when that spot covers a direction's label or
        arrowhead or, in the square frame, reaches into the panel) turned a quarter or half
        turn round it."""
        others: list[Mobject] = [self.view.get_label(k) for k in FEATURES]
        others += [self.view.get_arrow(k).get_tip() for k in FEATURES]
        left = np.array([-outward[1], outward[0], 0.0])
        turns = (outward, left, -left, -outward)
        for way in turns:
            label.move_to(tip + style.LABEL_BUFFER * way)
            clear = not any(boxes_meet(label, other) for other in others)
            if clear and not (self.square and label.get_right()[0] > self.panel_left):
                return
        label.move_to(tip + style.LABEL_BUFFER * outward)

    @beat
    def beat_full_name(self) -> None:
        self.settle_view()
        self.show_setting()
        self.clear_panel()
        marks = getattr(self, "marks", None)
        if marks is None or marks[0] not in self.mobjects:
            self.t.set_value(len(self.clip.toy.stops) - 1)
            marks = self.moving_marks()
            self.add(*marks[:2])
        self.return_label()
        back = dict.fromkeys(FEATURES, 1.0)
        end = self.t.animate.set_value(len(self.path) - 1)
        self.turn_view(
            self.standard, end, fades=back, origin=self.home, run_time=self.seconds(style.LONG)
        )
        self.refresh(*marks)
        for mark in marks:
            mark.clear_updaters()
        self.show_full_name_panel(VGroup(*marks[:2]))

    def return_label(self) -> None:
        """M's label back beyond its arrow's tip, from under the arrow where the reading beat
        put it."""
        if not self.label_moved:
            return
        label, tip = self.view.get_label("first"), self.view.point_at(self.coords["first"])
        way = tip - self.view.get_origin()
        way = way / max(float(np.linalg.norm(way)), style.TINY)
        home = tip + style.LABEL_BUFFER * way
        self.play(label.animate.move_to(home), run_time=self.seconds(style.SHORT))
        self.label_moved = False

    def show_full_name_panel(self, marks: VGroup) -> None:
        """E's meaning, its three readouts, the M + J arrow and the sum as displayed."""
        text, fact = self.clip.text, self.clip.fact
        words = fill(text.encoding_label, fact)
        meaning = name_text(words, self.panel_width, self.colour["encoding"])
        readouts = [self.readout(k, "encoding") for k in FEATURES]
        total = self.sum_line()
        note = name_text(text.sum_note, self.panel_width, self.clip.colours.text, style.SMALL_SIZE)
        self.place_in_panel(VGroup(meaning, *readouts, total, note), below=self.panel_anchor)
        self.panel_content = [meaning, *readouts, total, note, *marks]
        leaving = self.legend_on_screen()
        self.play(*map(FadeOut, leaving), FadeIn(meaning), run_time=self.seconds(style.SHORT))
        self.until_sentence(1)  # it reads about one along each name, about zero along B
        each = max(self.seconds(style.MEDIUM), 0.8 * self.sentence_seconds(1) / len(readouts))
        for readout in readouts:
            self.play(Write(readout), run_time=each)
        self.until_sentence(2)  # the two name readings add up
        self.play(
            *(Indicate(r, color=style.HIGHLIGHT) for r in readouts[:2]),
            run_time=self.seconds(style.LONG),
        )
        summed = self.sum_arrows()
        self.panel_content.extend(summed)
        self.play(GrowArrow(summed[0]), run_time=self.seconds(style.LONG))
        self.until_sentence(3)  # along M + J, E reads about two
        self.play(Write(total), run_time=self.seconds(style.LONG))
        self.play(FadeIn(note), run_time=self.seconds(style.MEDIUM))

    def sum_line(self) -> MathTex:
        """``(M + J) · E = 1.00 + 1.00 = 2.00``: the sum of the two readouts as displayed."""
        m_e, j_e = self.dot("first", "encoding"), self.dot("last", "encoding")
        decimals = self.clip.toy.decimals
        total = self.shown(m_e + j_e)
        symbol = self.symbol
        line = MathTex(
            r"(", symbol["first"], "+", symbol["last"], r")\cdot", symbol["encoding"],
            rf"= {mathcore.fixed(m_e, decimals)} + {mathcore.fixed(j_e, decimals)}",
            rf"= {mathcore.fixed(total, decimals)}",
            font_size=style.MATH_SIZE,
        )  # fmt: skip
        line[1].set_color(self.colour["first"])
        line[3].set_color(self.colour["last"])
        line[5].set_color(self.colour["encoding"])
        if self.square:  # on three lines: the product, the readings added, the sum
            parts = VGroup(*(VGroup(*line.submobjects[a:b]) for a, b in ((0, 6), (6, 7), (7, 8))))
            parts.arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP / 2)
        return line

    def sum_arrows(self) -> list[Arrow]:
        """J placed at M's tip: it lands where E points, since E is (nearly) M + J."""
        view, m, j = self.view, self.coords["first"], self.coords["last"]
        moved = Arrow(
            view.point_at(m), view.point_at(m + j), buff=0, color=self.colour["last"],
            stroke_width=3,
        )  # fmt: skip
        return [moved]

    @beat
    def beat_attention(self) -> None:
        self.clear_stage()
        self.panel_content = []
        fact, text = self.clip.fact, self.clip.text
        colours = (self.colour["first"], self.colour["last"])
        room = config.frame_width - 2 * style.EDGE_BUFFER
        gap = min(TOKEN_GAP, room / 6)
        width = min(TOKEN_BOX_WIDTH, (room - gap) / 2)
        tokens = NameBoxes((fact.first_name, fact.last_name), colours, width, gap=gap)
        over = style.WIDE_GAP if frame.is_landscape() or frame.is_portrait() else 1.0
        tokens.next_to(self.title, DOWN, buff=over)  # room for the attention arc
        columns = [self.token_column(v) for v in self.token_vectors]
        note = caption(fill(text.encoding_note, fact), self.clip.colours.text)
        origins = self.place_token_pictures(tokens, columns, note)
        arrows = [
            self.flat_arrow(origin, self.token_coords[i], colours[i])
            for i, origin in enumerate(origins)
        ]
        if frame.is_portrait():  # under the pictures, not at the foot of the tall frame
            note.next_to(VGroup(*columns), DOWN, buff=style.WIDE_GAP).set_x(0)
        self.bring_in(self.title)
        self.play(FadeIn(tokens), run_time=self.seconds(style.MEDIUM))
        for arrow, column in zip(arrows, columns, strict=True):  # each token, its own vector
            self.play(GrowArrow(arrow), FadeIn(column), run_time=self.spread(0, 2))
        arc, carrier = self.attention_arc(tokens, arrows[0])
        self.until_sentence(1)  # attention carried the first name over
        self.play(Create(arc[0]), FadeIn(arc[1]), run_time=self.seconds(style.MEDIUM))
        riding = carrier.get_center() - carrier[0].get_center()  # the arrow itself on the arc
        self.play(
            carrier.animate.move_to(arc[0].get_start() + riding), run_time=self.seconds(style.SHORT)
        )
        self.play(MoveAlongPath(carrier, arc[0].copy().shift(riding)), run_time=self.spread(1, 2))
        landing = origins[1] + self.flat(self.token_coords[1]) + self.flat(self.token_coords[0]) / 2
        self.play(carrier.animate.move_to(landing), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(2)  # its first-name reading rises from zero to one
        self.raise_reading(carrier, columns)
        self.until_sentence(3)  # only now: the full name
        full = self.flat_arrow(origins[1], self.coords["encoding"], self.colour["encoding"])
        self.play(GrowArrow(full), run_time=self.seconds(style.MEDIUM))
        self.play(
            Indicate(full, color=style.HIGHLIGHT, scale_factor=1.0), FadeIn(note),
            run_time=self.seconds(style.MEDIUM),
        )  # fmt: skip

    def raise_reading(self, carrier: VGroup, columns: list[VGroup]) -> None:
        """The carried M arrow flies into the last-name token's readouts, which become those
        of M + J: the first-name reading goes from about 0 to about 1, and the others move by
        M's small overlap with their directions."""
        readouts = list(columns[1])
        olds, news = [], []
        for key, readout in zip(FEATURES, readouts, strict=True):
            assert isinstance(readout, DotProductReadout)
            old = readout.get_value()
            new = self.readout(key, "encoding").get_value()
            olds.append(old)
            news.append(new.move_to(old, aligned_edge=LEFT))
        self.play(Indicate(readouts[0], color=style.HIGHLIGHT), run_time=self.seconds(style.SHORT))
        self.play(
            TransformFromCopy(carrier[0], news[0]),
            *(FadeOut(old, shift=UP) for old in olds),
            *(FadeIn(new, shift=UP) for new in news[1:]),
            run_time=self.seconds(style.MEDIUM),
        )
        self.remove(*news)  # now parts of the readouts, which are on screen
        for readout, old, new in zip(readouts, olds, news, strict=True):
            assert isinstance(readout, DotProductReadout)
            readout.remove(old)
            readout.add(new)
            readout.value = new
        # Fading a part out took its readout off the scene (manim splits a parent when one
        # of its parts is removed): put the readouts, now holding the new values, back whole.
        self.add(*readouts)
        self.play(Indicate(readouts[0], color=style.HIGHLIGHT), run_time=self.seconds(style.MEDIUM))

    def spread(self, sentence: int, steps: int) -> float:
        """Run time of each of ``steps`` animations sharing sentence ``sentence``."""
        return max(self.seconds(style.SHORT), 0.8 * self.sentence_seconds(sentence) / steps)

    def flat(self, point: np.ndarray) -> np.ndarray:
        """A point of the view's space as 2-D screen offset in the plane of the two name
        directions (mathcore.span_coordinates: M along x, J nearly straight up; lengths and
        the angle between them kept), at the token pictures' scale."""
        names = [self.coords["first"], self.coords["last"]]
        x, y = mathcore.span_coordinates(names, [point])[0]
        return np.array([x, y, 0.0]) * self.token_unit

    def flat_arrow(self, origin: np.ndarray, point: np.ndarray, colour: str) -> Arrow:
        """An arrow from ``origin`` to the screen offset of ``point``."""
        end = origin + self.flat(point)
        return Arrow(
            origin, end, buff=0, color=colour, stroke_width=6,
            max_tip_length_to_length_ratio=0.2,
        )  # fmt: skip

    def place_token_pictures(
        self, tokens: NameBoxes, columns: list[VGroup], note: Mobject
    ) -> list[np.ndarray]:
        """Under each token, its vector drawn in the plane of the two names (the origin
        returned) and its three readouts: beside the picture in the wide frame; under it in
        a narrow one, the picture as large as the room down to the note (tall frame) or the
        captions (square) allows."""
        self.token_unit = 1.0
        first, last = (self.flat(v) for v in self.token_coords)
        points = [np.zeros(3), first, last, first + last, self.flat(self.coords["encoding"])]
        low, high = np.min(points, axis=0), np.max(points, axis=0)
        top = tokens.get_bottom()[1] - style.SECTION_GAP
        if frame.is_landscape():
            self.token_unit = 1.5
        else:
            floor = self.caption_top()
            if frame.is_portrait():
                floor += note.height + style.WIDE_GAP
            room = top - floor - 2 * style.SECTION_GAP - columns[0].height
            width = tokens.get_box(0).width
            self.token_unit = min(2.4, width / 1.2 / (high - low)[0], room / (high - low)[1])
        low, high = low * self.token_unit, high * self.token_unit
        size = high - low
        origins = []
        for index, column in enumerate(columns):
            box = tokens.get_box(index)
            if frame.is_landscape():
                centre = np.array([box.get_left()[0] + size[0] / 2, top - size[1] / 2, 0.0])
                column.move_to(centre).align_to(box, RIGHT)
            else:
                centre = np.array([box.get_x(), top - size[1] / 2, 0.0])
                column.next_to(centre + size[1] / 2 * DOWN, DOWN, buff=style.SECTION_GAP)
                column.set_x(box.get_x())
            origins.append(centre - (low + high) / 2)
        return origins

    def token_column(self, vector: np.ndarray) -> VGroup:
        """The three readouts of one token's vector (first name, last name, attribute)."""
        directions = self.directions
        rows = [
            self.readout(k, "encoding", float(directions.vectors[i] @ vector))
            for i, k in enumerate(FEATURES)
        ]
        return VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)

    def attention_arc(self, tokens: NameBoxes, first: Arrow) -> tuple[VGroup, VGroup]:
        """An arc over the tokens from the first name's box to the last name's, labelled, and
        a copy of the first token's arrow, labelled M, that the arc carries over."""
        start, end = tokens.get_box(0).get_top(), tokens.get_box(1).get_top()
        arc = ArcBetweenPoints(start, end, angle=-PI / 4, color=style.MUTED, stroke_width=3)
        label = label_text(self.clip.text.attention, style.MUTED, style.SMALL_SIZE)
        # Under the arc's top, between the boxes: the carried arrow and its symbol ride over it.
        label.next_to(arc.point_from_proportion(0.5), DOWN, buff=style.ITEM_GAP)
        arrow = first.copy()
        symbol = MathTex(
            self.symbol["first"], color=self.colour["first"], font_size=style.MATH_SIZE
        )
        symbol.next_to(arrow, UP, buff=style.ITEM_GAP / 2)
        carrier = mark_overlay(VGroup(arrow, symbol))  # rides over the arc and onto J's tip
        for part in carrier.family_members_with_points():
            mark_overlay(part)
        return VGroup(arc, label), carrier


def boxes_meet(a: Mobject, b: Mobject, margin: float = 0.05) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` (grown by ``margin``) overlap."""
    return bool(
        np.all(a.get_corner(DOWN + LEFT)[:2] - margin < b.get_corner(UP + RIGHT)[:2])
        and np.all(b.get_corner(DOWN + LEFT)[:2] - margin < a.get_corner(UP + RIGHT)[:2])
    )
