"""Beat 1.7 of the video: the toy assumptions.

Three nearly perpendicular unit directions, first name (M), last name (J) and attribute (B),
in a 3-D view; their pairwise dot products and angles; and a vector E encoding the full name,
with M·E = J·E = 1 and B·E = 0. Every number comes from mathcore.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Mobject,
    ValueTracker,
    VGroup,
    Write,
    config,
)

import mathcore
from scenes.config import ToyDirectionsConfig, fill
from scenes.visual import style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    AngleReadout,
    DotProductReadout,
    Legend,
    VectorView3D,
    align_left_edges,
    caption,
    fit_width,
    label_text,
)

FEATURES = ("first", "last", "attribute")
PAIRS = (("first", "last"), ("first", "attribute"), ("last", "attribute"))


class ToyDirections(BeatScene[ToyDirectionsConfig]):
    """Three feature directions and a vector that encodes "first name + last name"."""

    config_class = ToyDirectionsConfig

    def prepare(self) -> None:
        fact, colours, text = self.clip.fact, self.clip.colours, self.clip.text
        directions = mathcore.named_directions(
            (fact.first_name, fact.last_name, fact.attribute),
            self.clip.toy.d_model,
            self.clip.seed,
            self.clip.toy.tilt,
        )
        encoding = directions.encode({fact.first_name: 1.0, fact.last_name: 1.0})
        # Keyed by role, not by name: two roles may share a name in a remix.
        self.vectors = dict(
            zip((*FEATURES, "encoding"), (*directions.vectors, encoding), strict=True)
        )
        symbols = (fact.first_symbol, fact.last_symbol, fact.attribute_symbol, "E")
        self.symbol = {k: rf"\vec{{{s}}}" for k, s in zip(self.vectors, symbols, strict=True)}
        self.colour = dict(
            zip(
                self.vectors,
                (colours.first_name, colours.last_name, colours.attribute, colours.combined),
                strict=True,
            )
        )
        coords = mathcore.span_coordinates(directions.vectors, list(self.vectors.values()))
        self.view = VectorView3D(
            dict(zip(self.vectors, coords, strict=True)), self.colour, self.symbol
        )
        self.view.shift(style.PICTURE_CENTER_X * RIGHT + style.PICTURE_CENTER_Y * UP)
        self.title = label_text(text.title, colours.text, style.TITLE_SIZE)
        self.title.to_edge(UP, buff=style.EDGE_BUFFER)
        labels = (text.first_name_label, text.last_name_label, text.attribute_label)
        self.legend = Legend(
            [
                (self.symbol[k], fill(w, fact), self.colour[k])
                for k, w in zip(FEATURES, labels, strict=True)
            ]
        )
        self.place_in_panel(self.legend, below=self.title)

    def dot(self, a: str, b: str) -> float:
        """The dot product of two of the clip's vectors (by role)."""
        return float(self.vectors[a] @ self.vectors[b])

    def place_in_panel(self, group: VGroup, below: Mobject, floor: float | None = None) -> VGroup:
        """Left-align ``group`` in the right-hand text panel, between ``below`` and ``floor``
        (default: the frame's bottom margin). Rows too wide for the panel are shrunk one by
        one; if long wrapped names make the whole too tall, it is shrunk to stay in frame."""
        for row in group:
            fit_width(row, style.PANEL_WIDTH)
        group.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        group.next_to(below, DOWN, buff=style.SECTION_GAP)
        bottom = style.EDGE_BUFFER - config.frame_height / 2 if floor is None else floor
        room = group.get_top()[1] - bottom
        if group.height > room:
            group.scale_to_fit_height(room).next_to(below, DOWN, buff=style.SECTION_GAP)
        group.set_x(style.PANEL_LEFT_X + group.width / 2)
        return group

    def show_setting(self) -> None:
        """Put the title, axes, feature arrows and legend on screen if a beat starts alone."""
        arrows = [self.view.get_arrow(k) for k in FEATURES]
        labels = [self.view.get_label(k) for k in FEATURES]
        self.bring_in(self.title, self.view.get_axes(), *arrows, *labels, self.legend)

    @beat
    def beat_directions(self) -> None:
        self.play(
            Write(self.title), Create(self.view.get_axes()), run_time=self.seconds(style.MEDIUM)
        )
        for index, key in enumerate(FEATURES):
            self.play(
                GrowArrow(self.view.get_arrow(key)),
                FadeIn(self.view.get_label(key)),
                FadeIn(self.legend.get_row(index)),
                run_time=self.seconds(style.MEDIUM),
            )
        self.turn_camera()

    def turn_camera(self) -> None:
        """Swing the camera round so the viewer sees that the arrows live in 3-D."""
        azimuth = ValueTracker(self.view.azimuth)
        self.view.add_updater(lambda view: view.set_view(azimuth.get_value(), view.elevation))
        self.play(
            azimuth.animate.increment_value(style.VIEW_SWING), run_time=self.seconds(style.LONG)
        )
        self.view.clear_updaters()
        # Updaters do not run when animations are skipped (sections, stills, tests): land on
        # the final view explicitly so every way of rendering shows the same picture.
        self.view.set_view(azimuth.get_value(), self.view.elevation)

    @beat
    def beat_angles(self) -> None:
        self.show_setting()
        heading = label_text(
            self.clip.text.angles_heading, self.clip.colours.text, style.LABEL_SIZE
        )
        rows = VGroup(
            *(
                VGroup(
                    DotProductReadout(
                        self.symbol[a],
                        self.symbol[b],
                        self.dot(a, b),
                        self.colour[a],
                        self.colour[b],
                    ),
                    AngleReadout(mathcore.angle_deg(self.dot(a, b))),
                ).arrange(RIGHT, buff=style.SECTION_GAP)
                for a, b in PAIRS
            )
        )
        self.panel_content = self.place_in_panel(VGroup(heading, *rows), below=self.legend)
        readouts, angles = [row[0] for row in rows], [row[1] for row in rows]
        align_left_edges(angles, max(r.get_right()[0] for r in readouts) + style.SECTION_GAP)
        self.play(FadeIn(heading), run_time=self.seconds(style.SHORT))
        for row in rows:
            self.play(Write(row), run_time=self.seconds(style.MEDIUM))

    @beat
    def beat_encoding(self) -> None:
        self.show_setting()
        self.clear_panel()
        text = self.clip.text
        note = caption(fill(text.encoding_note, self.clip.fact))
        meaning = Legend(
            [
                (
                    self.symbol["encoding"],
                    fill(text.encoding_label, self.clip.fact),
                    self.colour["encoding"],
                )
            ]
        )
        readouts = [
            DotProductReadout(
                self.symbol[k],
                self.symbol["encoding"],
                self.dot(k, "encoding"),
                self.colour[k],
                self.colour["encoding"],
            )
            for k in FEATURES
        ]
        floor = note.get_top()[1] + style.ROW_GAP
        self.panel_content = self.place_in_panel(VGroup(meaning, *readouts), self.legend, floor)
        self.panel_content.add(note)
        self.play(
            GrowArrow(self.view.get_arrow("encoding")),
            FadeIn(self.view.get_label("encoding")),
            FadeIn(meaning, note),
            run_time=self.seconds(style.MEDIUM),
        )
        for readout in readouts:
            self.play(Write(readout), run_time=self.seconds(style.MEDIUM))

    def clear_panel(self) -> None:
        """Fade out the previous beat's panel rows, if any are on screen."""
        shown = [row for row in getattr(self, "panel_content", []) if row in self.mobjects]
        if shown:
            self.play(FadeOut(*shown), run_time=self.seconds(style.SHORT))
