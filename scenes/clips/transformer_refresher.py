"""Beats 1.2-1.6 of the video: the transformer refresher (1.7 is ToyDirections).

The prompt is cut into tokens; each token becomes a column of numbers; the columns flow
through attention, a normalisation and the MLP, layer after layer (as many layers as the model
preset has); the last column is read out through the unembedding and a softmax; a toy
analogy shows that directions carry meaning; one vector soaks up context and knowledge; and
the MLPs hold most of the parameters. Every number comes from mathcore: the toy transformer
(mathcore.toy_transformer), the readout (mathcore.readout), the analogy (mathcore.analogy)
and the parameter count of the model preset (mathcore.params).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TypeVar

import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    ORIGIN,
    PI,
    RIGHT,
    UP,
    UR,
    Animation,
    AnimationGroup,
    Arrow,
    ChangeDecimalToValue,
    Create,
    CurvedArrow,
    DecimalNumber,
    FadeIn,
    FadeOut,
    FadeTransform,
    Group,
    GrowArrow,
    GrowFromEdge,
    Indicate,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    ShowPassingFlash,
    Succession,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    smooth,
)

import mathcore
from mathcore.analogy import analogy_picture
from mathcore.readout import largest_remainder, softmax_steps
from mathcore.toy_transformer import (
    STEPS,
    FlowSettings,
    FlowStep,
    Step,
    displayed_addition,
    toy_flow,
)
from scenes.config import TransformerRefresherConfig, fill, load_model
from scenes.config.transformer_refresher import LAYERS_STORED
from scenes.visual import frame, style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    ArrayMatrix,
    ArrowSpace3D,
    EmbeddingColumn,
    LayerLoop,
    PromptStrip,
    StackedBar,
    TokenTag,
    fit_width,
    fitted_text,
    label_text,
    name_text,
    number_entry,
)
from scenes.visual.components.text import fit_height_between
from scenes.visual.marks import mark_overlay, record_wrap

# The analogy's 3-D view in the narrow frames: above its panel in 9:16, smaller in 1:1.
PORTRAIT_VIEW_Y = 2.2  # the view's origin in 9:16
PORTRAIT_VIEW_DROP = 2.8  # from that origin down to the panel's top, below the vertical axis
SQUARE_UNIT = 1.5
SQUARE_VIEW_Y = 1.2  # the view's origin in 1:1, its panel under it
SQUARE_VIEW_DROP = 2.0
NARROW_MATRIX_COLUMNS = 3  # the unembedding's columns drawn in the narrow frames
NARROW_MATRIX_H_BUFF = 0.6
MIN_MATRIX_H_BUFF = 0.45  # the closest the unembedding's columns come, to make room for words
NARROW_ITEM_GAP = 0.12
NARROW_GAP = 0.45  # between the softmax table's columns in the narrow frames
NARROW_BAR_SCALE = 0.6
NARROW_METER_LABEL = 4.0  # the meter of context and knowledge in the narrow frames
NARROW_METER_WIDTH = 2.0
PAGE_SHRINK = 0.8  # a narrow frame's context stage shrunk more than this: its heading is paged
MAX_METER_EXTRA = 0.9  # the most the meter's bars give up for its names
METER_VALUE = 0.7  # room for a meter's value right of its bar
METER_TICK = 0.12  # length of a tick on the meter's scale
RENUMBER_DROP = 0.15  # how far a vector's numbers slide down as they change
METER_STROKE = 2.0  # the meter scale's line width
MIN_READOUT_LABEL = 1.4  # the narrowest a candidate word of the readout is wrapped into
PORTRAIT_TOKEN_SCALE = 1.4  # the tokens beat's tags in 9:16
PORTRAIT_TABLE_SCALE = 1.3  # the softmax table in 9:16, at most
PORTRAIT_TABLE_LIFT = 1.5
PORTRAIT_BAR_SCALE = 2.5  # the parameter bar's height in 9:16
# How long each step of play_step lasts, in paces (its run times added up), so that a step
# can be slowed to fill its sentence: attention 1 + 1 + 1 + 1.5 (gathered) + 1; norm 1 + 1 +
# 3.5 (feed) + 1; MLP 1 + 1 + 1 (and a short fade-in of its outputs).
STEP_PACES: dict[Step, float] = {"attention": 5.5, "norm": 6.5, "mlp": 3.0}
FILL_SHARE = 0.9  # of the sentence a step may fill (the rest leaves the picture a moment)
MAX_STRETCH = 2.0  # slower than this, motion drags
FEED_SCALE = 0.3  # the copies fed to the MLP, shrunk as they travel
WIDE_NOTE_WIDTH = 4.5  # widest a caption over Δ may be in the wide frame
WIDE_METER_LABEL = 2.7  # the meter's names and dot products in the wide frame
WIDE_METER_WIDTH = 1.9  # its longest bar there
ARC_TIP = 0.16  # arrowheads of the attention arrows
ANSWER_APPROACH = 0.8  # the answer arrow's last leg, coming in from right of the word
NARROW_ROW_ENTRIES = 4  # entries of a vector drawn as a row in the narrow frames (with "...")
NARROW_ROW_H_BUFF = 1.0
NARROW_TAG_WIDTH = 1.5  # widest a token tag left of its row may be
NARROW_ARC_ROOM = 0.75  # left of the tags: the attention arrows, then the lengths
NARROW_TOKEN_GAP = 0.5  # between the stacked tokens in 9:16
NARROW_TOKEN_GAP_SQUARE = 0.1  # and in 1:1
NARROW_TOP_GAP = 0.3  # from the layer loop down to the stacked tokens in 1:1


def first_half(t: float) -> float:
    """A rate that plays its animation in the first half of the time: an old number fading
    out before its replacement fades in (:func:`second_half`), so the two never overlap."""
    return smooth(min(1.0, 2.0 * t))


def second_half(t: float) -> float:
    """A rate that plays its animation in the second half of the time."""
    return smooth(max(0.0, 2.0 * t - 1.0))


def same_glyphs(a: Mobject, b: Mobject) -> bool:
    """Whether ``a`` and ``b`` draw the same shapes in the same places (the same numbers)."""
    parts_a, parts_b = a.family_members_with_points(), b.family_members_with_points()
    return len(parts_a) == len(parts_b) and all(
        p.points.shape == q.points.shape and np.allclose(p.points, q.points, atol=1e-6)
        for p, q in zip(parts_a, parts_b, strict=True)
    )


def stage_tints() -> tuple[str, str, str]:
    """The layer loop's stages (attention, norm, MLP) in the active theme's colours."""
    return (style.COMPONENT_COLOURS["attention"], style.NORM_COLOUR, style.COMPONENT_COLOURS["mlp"])


def wrap_rows(items: VGroup, width: float, gap: float, line_gap: float) -> VGroup:
    """Set ``items`` left to right in lines no wider than ``width`` (the next item starts a
    new line when it would not fit), each line centred, the lines stacked ``line_gap`` apart;
    returns ``items``, which keep their order (for the narrow frames)."""
    lines: list[list[VMobject]] = [[]]
    used = 0.0
    for item in items:
        extra = item.width + (gap if lines[-1] else 0.0)
        if lines[-1] and used + extra > width:
            lines.append([])
            used, extra = 0.0, item.width
        lines[-1].append(item)
        used += extra
    rows = VGroup(*(VGroup(*line).arrange(RIGHT, buff=gap, aligned_edge=UP) for line in lines))
    rows.arrange(DOWN, buff=line_gap)
    return items


M = TypeVar("M", bound=Mobject)


def break_lines(text: str, width: float, size: float, hyphens: bool = False) -> list[str]:
    """``text`` on the fewest lines no wider than ``width`` at font ``size``, broken between
    words only (with ``hyphens`` also after a hyphen the text already has: never inside a
    word), with no single word left on the last line under a line of several; of those, the
    split whose longest line is shortest. When a word alone is wider than ``width``, one
    piece a line (the caller shrinks)."""
    pieces: list[tuple[str, str]] = []  # (piece, what joins it to the next: " " or "")
    for word in text.split():
        parts = re.split(r"(?<=-)(?=.)", word) if hyphens else [word]
        pieces += [(part, "") for part in parts[:-1]] + [(parts[-1], " ")]
    widths: dict[str, float] = {}

    def measure(line: str) -> float:
        if line not in widths:
            widths[line] = label_text(line, style.TEXT, size).width
        return widths[line]

    def lines_of(breaks: tuple[int, ...]) -> list[str]:
        bounds = [0, *breaks, len(pieces)]
        return [
            "".join(p + j for p, j in pieces[a:b]).rstrip() for a, b in itertools.pairwise(bounds)
        ]

    for count in range(len(pieces)):
        splits = (lines_of(b) for b in itertools.combinations(range(1, len(pieces)), count))
        fits = [
            lines
            for lines in splits
            if all(measure(line) <= width for line in lines) and not orphaned(lines)
        ]
        if fits:
            return min(fits, key=lambda lines: max(measure(line) for line in lines))
    return [p for p, _ in pieces]


NAME_SIZES = (style.BODY_SIZE, style.SMALL_SIZE)  # a name's size, and its fallback


def fitted_name(
    name: str, room: float, colour: str, sizes: tuple[float, ...] = NAME_SIZES
) -> VMobject:
    """A name no wider than ``room``: broken only at spaces and its own hyphens
    (:func:`break_lines`), at the first of ``sizes`` where it fits (the body size, or the
    smallest readable size when a piece is still too wide at that), shrunk only when even
    the last does not fit."""
    for size in sizes:
        lines = break_lines(name, room, size, hyphens=True)
        text = label_text("\n".join(lines), colour, size)
        if text.width <= room:
            break
    return fit_width(text, room)


def common_name_size(names: Sequence[str], rooms: Sequence[float]) -> float:
    """The largest of :data:`NAME_SIZES` at which every name fits its room (each broken only
    at spaces and its own hyphens), or the smallest: names read as one set at one size."""
    for size in NAME_SIZES:
        if all(widest_piece(name, size) <= room for name, room in zip(names, rooms, strict=True)):
            return size
    return NAME_SIZES[-1]


def name_tag(name: str, room: float, colour: str) -> TokenTag:
    """A token's tag no wider than ``room``, its name broken as by :func:`fitted_name`."""
    inner = room - 2 * style.TOKEN_PAD
    for size in (style.BODY_SIZE, style.SMALL_SIZE):
        lines = break_lines(name, inner, size, hyphens=True)
        tag = TokenTag("\n".join(lines), colour, config.frame_width, size)
        if tag.width <= room:
            break
    return fit_width(tag, room)


def widest_piece(text: str, size: float) -> float:
    """Width at font ``size`` of the widest piece of ``text`` that :func:`break_lines` keeps
    whole (a word, or a part of one up to and including its hyphen)."""
    pieces = [p for word in text.split() for p in re.split(r"(?<=-)(?=.)", word)]
    return max(label_text(p, style.TEXT, size).width for p in pieces)


def keep_in_frame(mobject: M) -> M:
    """Slide ``mobject`` sideways, if it must, to keep its margin from the frame's edges."""
    edge = config.frame_width / 2 - style.EDGE_BUFFER
    mobject.shift(max(0.0, -edge - mobject.get_left()[0]) * RIGHT)
    mobject.shift(min(0.0, edge - mobject.get_right()[0]) * RIGHT)
    return mobject


def orphaned(lines: list[str]) -> bool:
    """One word alone on the last line under a line of several words."""
    return len(lines) >= 2 and len(lines[-1].split()) == 1 and len(lines[-2].split()) >= 2


class TransformerRefresher(BeatScene[TransformerRefresherConfig]):
    """From a prompt to a prediction, and why directions matter."""

    config_class = TransformerRefresherConfig

    def prepare(self) -> None:
        c, fact = self.clip, self.clip.fact
        shape = load_model(c.model).to_shape()
        self.model_name, self.n_layers = shape.name, shape.n_layers
        self.tokens = c.tokens
        f = c.flow
        settings = FlowSettings(f.strength, f.decay, f.focus, f.threshold, f.gain, f.brake, f.mix)
        self.flow = toy_flow(
            self.tokens,
            c.candidates,
            (fact.first_name, fact.last_name, fact.attribute),
            self.n_layers,
            c.d_model,
            c.seed,
            c.tilt,
            settings,
            detailed=min(LAYERS_STORED, self.n_layers),
        )
        space = self.flow.space
        self.readout_vector = self.flow.readout  # the final norm, as GPT does
        self.unembedding = c.sharpness * np.array([space[w] for w in c.candidates])
        self.softmax = softmax_steps(mathcore.logits(self.unembedding, self.readout_vector))
        words = {w.word: dict.fromkeys(w.features, 1.0) for w in c.analogy.words}
        vocabulary = mathcore.toy_embeddings(words, c.d_model, c.seed, c.analogy.noise)
        self.analogy = analogy_picture(vocabulary, c.analogy.a, c.analogy.b, c.analogy.c)
        count = mathcore.count_parameters(shape)
        mlp, attention = count.components["mlp"], count.components["attention"]
        self.parts = {"mlp": mlp, "attention": attention, "other": count.total - mlp - attention}
        self.part_percents = dict(
            zip(self.parts, largest_remainder(list(self.parts.values())), strict=False)
        )
        self.shown: dict[str, list[float]] = {}  # numbers drawn, by what they show (for tests)
        self.meter_top = 1.0  # the meter value drawn at full width (set by meter())
        self.meter_scale = 1.0  # how much the meter was shrunk to fit (set by soaking_stage())
        self.heading_paged = False  # the context beat's heading shown on its own first
        self.meter_extra = 0.0  # room the meter's names take from its bars (set by meter())

    def narration_values(self) -> dict[str, object]:
        return {"model": self.model_name}

    def words(self, template: str, **values: object) -> str:
        return fill(template, self.clip.fact, model=self.model_name, **values)

    def title(self, template: str, **values: object) -> Mobject:
        line = fitted_text(
            self.words(template, **values), self.content_width(), style.TEXT, style.LABEL_SIZE
        )
        return line.to_edge(UP, buff=style.EDGE_BUFFER)

    @staticmethod
    def content_width() -> float:
        """The widest a picture may be in this frame, margins kept."""
        return min(style.CONTENT_WIDTH, config.frame_width - 2 * style.EDGE_BUFFER)

    def token_colour(self, token: str) -> str:
        fact, colours = self.clip.fact, self.clip.colours
        return {fact.first_name: colours.first_name, fact.last_name: colours.last_name}.get(
            token, style.MUTED
        )

    def keep_only(self, *keep: Mobject) -> None:
        """Fade out everything but ``keep`` (and add what of ``keep`` is not on screen yet)."""
        family = {id(m) for k in keep for m in k.get_family()}
        leaving = [m for m in self.mobjects if id(m) not in family and m is not self._track]
        if leaving:
            self.play(*(FadeOut(m) for m in leaving), run_time=self.seconds(style.SHORT))
        self.bring_in(*keep)

    # -- tokens and columns ------------------------------------------------------------

    def token_tags(self) -> VGroup:
        """The tokens in boxes, side by side (the end of the cutting)."""
        tags = VGroup(*(TokenTag(t, self.token_colour(t)) for t in self.tokens))
        if frame.is_landscape():
            tags.arrange(RIGHT, buff=style.ITEM_GAP)
        elif frame.is_portrait():  # the tall frame: one token a line, larger, as they stack later
            tags.arrange(DOWN, buff=style.ROW_GAP).scale(PORTRAIT_TOKEN_SCALE)
        else:
            wrap_rows(tags, self.content_width(), style.ITEM_GAP, style.ROW_GAP)
        return fit_width(tags, self.content_width())

    def columns(self, vectors: np.ndarray, upright: bool | None = None) -> VGroup:
        """One vector per token: a column of numbers (the video's convention) in the wide
        frame, a row in the narrow ones, where the tokens are stacked (``upright`` forces
        columns)."""
        display = self.clip.display
        if upright is None:
            upright = frame.is_landscape()
        if upright:
            return VGroup(
                *(
                    EmbeddingColumn(
                        v, display.rows, display.decimals, self.token_colour(t), style.COLUMN_SIZE
                    )
                    for t, v in zip(self.tokens, vectors, strict=True)
                )
            )
        rows = VGroup()
        for token, vector in zip(self.tokens, vectors, strict=True):
            row = ArrayMatrix(
                np.asarray(vector)[None, :],
                1,
                min(display.rows, NARROW_ROW_ENTRIES),
                display.decimals,
                style.COLUMN_SIZE,
                h_buff=NARROW_ROW_H_BUFF,
            )
            row.get_brackets().set_color(self.token_colour(token))
            rows.add(row)
        return rows

    def sequence(self, vectors: np.ndarray) -> tuple[VGroup, VGroup]:
        """Token tags over their columns, in a row (wide frame), or each tag left of its
        vector, stacked top to bottom under the layer loop (narrow frames): (tags, vectors)."""
        tags = VGroup(*(TokenTag(t, self.token_colour(t)) for t in self.tokens))
        cols = self.columns(vectors)
        if not frame.is_landscape():
            return self.stacked_sequence(tags, cols)
        for tag, col in zip(tags, cols, strict=True):
            fit_width(tag, max(col.width, style.HEADING_WIDTH))
        pairs = VGroup(
            *(
                VGroup(t, c).arrange(DOWN, buff=style.ITEM_GAP)
                for t, c in zip(tags, cols, strict=True)
            )
        )
        pairs.arrange(RIGHT, buff=style.SECTION_GAP, aligned_edge=UP)
        fit_width(pairs, self.content_width())
        VGroup(tags, cols).move_to(style.PICTURE_LIFT * DOWN)
        return tags, cols

    def stacked_sequence(self, tags: VGroup, rows: VGroup) -> tuple[VGroup, VGroup]:
        """The narrow frames' sequence: tags left-aligned in a column, each vector a row to
        their right, the tokens top to bottom (room on the left for the attention arrows, on
        the right for the lengths), under where the layer loop goes."""
        for tag in tags:
            fit_width(tag, NARROW_TAG_WIDTH)
        gap = NARROW_TOKEN_GAP if frame.is_portrait() else NARROW_TOKEN_GAP_SQUARE
        pitch = max(r.height for r in rows) + gap
        tag_left = style.EDGE_BUFFER + NARROW_ARC_ROOM - config.frame_width / 2
        row_left = tag_left + max(t.width for t in tags) + style.ITEM_GAP
        for k, (tag, row) in enumerate(zip(tags, rows, strict=True)):
            tag.move_to(-k * pitch * UP).shift((tag_left - tag.get_left()[0]) * RIGHT)
            row.move_to(-k * pitch * UP).shift((row_left - row.get_left()[0]) * RIGHT)
        group = VGroup(tags, rows)
        top = self.loop_bottom() - (style.SECTION_GAP if frame.is_portrait() else NARROW_TOP_GAP)
        room = top - (-config.frame_height / 2 + style.EDGE_BUFFER + style.ITEM_GAP)
        if group.height > room:  # a long prompt: the stack shrinks to the room there is
            group.scale(room / group.height, about_edge=UP + LEFT)
        if frame.is_portrait():  # the height to spare: the stack in the middle of what is left
            top -= max(0.0, (room - group.height) / 2 - style.SECTION_GAP)
        group.shift((top - group.get_top()[1]) * UP)
        return tags, rows

    def loop_bottom(self) -> float:
        """Where the layer loop (at the top of the frame) ends, downwards."""
        return float(self.layer_loop().get_bottom()[1])

    def columns_like(self, vectors: np.ndarray, like: VGroup) -> VGroup:
        """New columns for ``vectors``, each placed where the matching one of ``like`` is."""
        fresh = self.columns(vectors)
        for new, old in zip(fresh, like, strict=True):
            new.scale_to_fit_height(old.height).move_to(old)
            if not frame.is_landscape():  # rows keep their left end
                new.align_to(old, LEFT)
        return fresh

    @beat
    def beat_tokens(self) -> None:
        self.clear_stage()
        heading = self.title(self.clip.text.tokens_title)
        strip = PromptStrip(self.tokens, self.content_width())
        self.play(FadeIn(heading), Write(strip), run_time=self.seconds(style.LONG))
        cuts = strip.get_cuts()
        for cut in cuts:
            cut.shift(style.KNIFE_RISE * UP)
        self.until_sentence(1)
        self.play(
            AnimationGroup(
                *(
                    Succession(
                        FadeIn(cut, run_time=0.2),
                        cut.animate.shift(style.KNIFE_RISE * DOWN).build(),
                    )
                    for cut in cuts
                ),
                lag_ratio=style.LAG_SLOW,
            ),
            run_time=max(self.seconds(style.LONG), self.sentence_seconds(1)),
        )
        tags = self.token_tags()
        self.until_sentence(2)
        self.play(
            *(
                ReplacementTransform(strip.get_word(i), tag.get_label())
                for i, tag in enumerate(tags)
            ),
            *(FadeOut(cut) for cut in cuts),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(*(Create(tag.get_box()) for tag in tags), run_time=self.seconds(style.SHORT))
        count = label_text(self.words(self.clip.text.token_count, n=len(self.tokens)), style.MUTED)
        count.next_to(tags, DOWN, buff=style.WIDE_GAP)
        self.until_sentence(3)
        self.play(FadeIn(count), run_time=self.seconds(style.SHORT))
        self.read_along(tags, self.sentence_seconds(3))
        self.tags: VGroup = tags

    def read_along(self, items: VGroup, seconds: float) -> None:
        """A highlight that visits ``items`` one after another (the row being read)."""
        mark = SurroundingRectangle(items[0], color=style.HIGHLIGHT, buff=style.ITEM_GAP / 2)
        step = max(self.seconds(style.SHORT), 0.8 * seconds / max(len(items), 1))
        self.play(Create(mark), run_time=self.seconds(style.SHORT))
        for item in items[1:]:
            target = SurroundingRectangle(item, color=style.HIGHLIGHT, buff=style.ITEM_GAP / 2)
            self.play(Transform(mark, target), run_time=step)
        self.play(FadeOut(mark), run_time=self.seconds(style.SHORT))

    @beat
    def beat_embeddings(self) -> None:
        tags = getattr(self, "tags", None) or self.token_tags()
        self.keep_only(tags)
        heading = self.title(self.clip.text.embeddings_title)
        target_tags, cols = self.sequence(self.flow.embeddings)
        self.play(
            FadeIn(heading),
            *(Transform(tag, target) for tag, target in zip(tags, target_tags, strict=True)),
            run_time=self.seconds(style.MEDIUM),
        )
        away = DOWN if frame.is_landscape() else RIGHT  # where a vector unrolls from its tag
        self.play(  # one vector after another: the token lights up, its numbers roll out of it
            AnimationGroup(
                *(
                    Succession(
                        Indicate(tag, color=style.HIGHLIGHT, scale_factor=1.1),
                        AnimationGroup(
                            TransformFromCopy(tag.get_box(), col.get_brackets()),
                            AnimationGroup(
                                *(
                                    FadeIn(entry, shift=0.4 * away)
                                    for line in col.get_mob_matrix()
                                    for entry in line
                                ),
                                lag_ratio=0.15,
                            ),
                        ),
                    )
                    for tag, col in zip(tags, cols, strict=True)
                ),
                lag_ratio=style.LAG_SLOW,
            ),
            run_time=max(self.seconds(style.LONG) * 2, 0.8 * self.sentence_seconds(0)),
        )
        self.remove(*(m for col in cols for m in col.get_family()))  # the parts, as one
        self.add(cols)
        note = label_text(self.words(self.clip.text.dimensions, n=self.clip.d_model), style.MUTED)
        if frame.is_landscape():
            note.next_to(cols, DOWN, buff=style.ITEM_GAP)
        else:  # over the stack, where the layer loop will come
            note.next_to(VGroup(target_tags, cols), UP, buff=style.SECTION_GAP).set_x(0)
        self.until_sentence(1)
        self.play(FadeIn(note), run_time=self.seconds(style.SHORT))
        self.play(
            Indicate(
                VGroup(*(self.ellipses(col) for col in cols if isinstance(col, ArrayMatrix))),
                color=style.HIGHLIGHT,
            ),
            run_time=self.seconds(style.LONG),
        )
        self.until_sentence(2)
        self.read_along(cols, self.sentence_seconds(2))
        self.shown["embeddings"] = self.entries(cols[-1])
        self.seq: tuple[VGroup, VGroup] = (tags, cols)

    @staticmethod
    def ellipses(column: ArrayMatrix) -> VGroup:
        """The dots standing for the entries left out of ``column`` (a column or a row)."""
        cells = column.mob_matrix
        return VGroup(
            *(
                cells[i][j]
                for i, r in enumerate(column.row_indices)
                for j, c in enumerate(column.column_indices)
                if r is None or c is None
            )
        )

    @staticmethod
    def entries(column: Mobject) -> list[float]:
        """The numbers drawn in a column (ellipsis left out)."""
        parts = column.get_entries() if isinstance(column, ArrayMatrix) else VGroup()
        return [float(m.get_value()) for m in parts if isinstance(m, DecimalNumber)]

    # -- the flow through the layers ---------------------------------------------------

    def layer_loop(self) -> LayerLoop:
        """Attention → Norm → MLP, looping back, with the layer counter, at the top."""
        text = self.clip.text
        loop = LayerLoop(
            (text.attention, text.norm, text.mlp), stage_tints(), self.n_layers, text.layer, text.of
        )
        if not frame.is_landscape():  # the counter over the blocks: the row fits the width
            loop.counter.next_to(loop.boxes, UP, buff=style.ITEM_GAP)
        loop.to_edge(UP, buff=style.EDGE_BUFFER)
        fit_width(loop, self.content_width())
        return loop

    def flow_stage(self) -> tuple[VGroup, VGroup, LayerLoop]:
        """The sequence on screen (from the embeddings beat, or built) and the layer loop."""
        seq = getattr(self, "seq", None)
        tags, cols = self.sequence(self.flow.embeddings) if seq is None else seq
        return tags, cols, self.layer_loop()

    def band(self, around: Mobject, colour: str) -> RoundedRectangle:
        """A translucent block drawn over ``around`` (the vectors inside a block)."""
        buff = style.ITEM_GAP if frame.is_landscape() else style.ITEM_GAP / 2
        box = SurroundingRectangle(around, color=colour, buff=buff, corner_radius=0.15)
        return box.set_fill(colour, opacity=style.HIGHLIGHT_OPACITY)

    def attention_arcs(self, tags: VGroup, weights: np.ndarray) -> VGroup:
        """An arrow from each earlier token to each later one (information only moves
        forward), as thick and opaque as its weight: over the tags in the wide frame, left of
        the stacked tags in the narrow ones."""
        arcs = VGroup()
        wide = frame.is_landscape()
        for i in range(1, len(tags)):
            for j in range(i):
                weight = float(weights[i, j])
                width = (
                    style.ARC_MIN_STROKE + (style.ARC_MAX_STROKE - style.ARC_MIN_STROKE) * weight
                )
                start, end = (
                    (tags[j].get_top() + 0.05 * UP, tags[i].get_top() + 0.05 * UP)
                    if wide
                    else (tags[j].get_left() + 0.05 * LEFT, tags[i].get_left() + 0.05 * LEFT)
                )
                arrow = CurvedArrow(
                    start,
                    end,
                    angle=-PI / 2 / (i - j) ** 0.5 if wide else PI / 3,
                    tip_length=ARC_TIP,
                    color=stage_tints()[0],
                )
                arrow.set_stroke(width=width, opacity=0.4 + 0.6 * weight)
                arrow.get_tip().set_fill(opacity=0.4 + 0.6 * weight).set_stroke(width=0)
                arcs.add(arrow)
        return arcs

    def play_step(
        self,
        layer: int,
        step: Step,
        tags: VGroup,
        cols: VGroup,
        loop: LayerLoop,
        fast: bool,
        fill: float = 0.0,
    ) -> None:
        """One step of one layer: its block over the vectors, the change, the block leaving;
        slowed down (up to :data:`MAX_STRETCH` times) to last most of ``fill`` seconds, the
        sentence that explains it, rather than finishing early and standing still."""
        index = ("attention", "norm", "mlp").index(step)
        record = self.flow.step(layer, step)
        pace = self.seconds(style.SHORT if fast else style.MEDIUM)
        pace = min(max(pace, FILL_SHARE * fill / STEP_PACES[step]), MAX_STRETCH * pace)
        if step == "mlp":
            blocks = VGroup(*(self.band(col, stage_tints()[2]) for col in cols))
        else:
            blocks = VGroup(self.band(VGroup(tags, cols), stage_tints()[index]))
        self.play(  # the block lights up in the loop and spreads over the vectors it works on
            Indicate(loop.get_box(index), color=stage_tints()[index], scale_factor=1.0),
            *(FadeIn(b, scale=1.04) for b in blocks),
            run_time=pace,
        )
        extra: list[Mobject] = []
        if step == "attention" and record.attention is not None:
            arcs = self.attention_arcs(tags, record.attention)
            self.play(Create(arcs), run_time=pace)
            self.play(
                *(ShowPassingFlash(self.path_of(a), time_width=0.5) for a in arcs),
                run_time=pace,
            )
            self.gathered(tags, cols, record.vectors, record.added, arcs, pace)
        elif step == "norm" and record.norms is not None:
            lengths = self.lengths_under(record.norms, blocks, cols)
            self.play(FadeIn(lengths), run_time=pace)
            self.feed(cols, record.normalised, loop.get_box(1), loop.get_box(2), pace)
            self.shown[f"norms_{layer}"] = [float(n) for n in record.norms]
            extra.append(lengths)
        elif step == "mlp":
            pieces = self.outputs(cols, record.added, loop.get_box(2))
            self.play(FadeIn(pieces), run_time=self.seconds(style.SHORT) / 2)
            self.renumber(
                cols,
                record.vectors,
                *(self.going_into(p, c) for p, c in zip(pieces, cols, strict=True)),
                run_time=pace,
            )
            self.remove(pieces)
        else:
            self.renumber(cols, record.vectors, run_time=pace)
        self.play(FadeOut(blocks), *(FadeOut(m) for m in extra), run_time=pace)

    def gathered(
        self,
        tags: VGroup,
        cols: VGroup,
        vectors: np.ndarray,
        added: np.ndarray,
        arcs: VGroup,
        pace: float,
    ) -> None:
        """What attention found for each token (but the first, which has nothing before it):
        a small vector appears where the arrows land on the token and comes down into the
        token's vector, which changes to ``vectors`` as the arrows fade."""
        tint = stage_tints()[0]
        side = UP if frame.is_landscape() else LEFT
        pieces = VGroup(
            *(
                keep_in_frame(
                    self.cells(self.vector_mob(values, tint), tint)
                    .scale(FEED_SCALE)
                    .next_to(tag, side, buff=style.TINY)
                )
                for tag, values in zip(tags[1:], added[1:], strict=True)
            )
        )
        for piece in pieces:
            mark_overlay(piece)
        self.play(FadeIn(pieces, scale=0.5), run_time=pace / 2)
        self.renumber(
            cols,
            vectors,
            FadeOut(arcs),
            *(self.going_into(p, c) for p, c in zip(pieces, cols[1:], strict=True)),
            run_time=pace,
        )
        self.remove(pieces)

    @staticmethod
    def going_into(piece: Mobject, column: Mobject) -> Animation:
        """``piece`` (what a block adds) moving into the top of ``column`` and vanishing there
        while the column's old numbers fade out, before the new ones fade in: drawn on top of
        the numbers, it read as a second, ghostly set of them."""
        moving = piece.animate.scale(0.5).move_to(column.get_top()).set_opacity(0.0).build()
        moving.rate_func = first_half
        return moving

    def renumber(
        self, cols: VGroup, vectors: np.ndarray, *alongside: Animation, run_time: float
    ) -> None:
        """``cols`` rewritten to ``vectors`` where they stand, with ``alongside`` played at
        the same time: the brackets fit the new numbers as the old numbers fade out, then the
        new ones fade in (a Transform of the whole column would morph each digit's glyph into
        another digit's, garbled midway; a crossfade would show both numbers at once)."""
        new = self.columns_like(vectors, cols)
        # A column whose numbers read the same (a first token, which attention leaves as it
        # is) keeps them on screen: only the ones that change fade out and in.
        changed = [
            (old, fresh)
            for old, fresh in zip(cols, new, strict=True)
            if not same_glyphs(old.get_entries(), fresh.get_entries())
        ]
        leaving = mark_overlay(VGroup(*(old.get_entries() for old, _ in changed)).copy())
        arriving = mark_overlay(VGroup(*(fresh.get_entries() for _, fresh in changed)).copy())
        silent = new.copy()  # the columns move to it with their changing numbers unseen
        for old, fresh in zip(cols, silent, strict=True):
            if any(old is o for o, _ in changed):
                old.get_entries().set_opacity(0.0)
                fresh.get_entries().set_opacity(0.0)
        self.add(leaving)
        self.play(
            Transform(cols, silent),
            # Both move down a little, the way the added vector comes in: pushed, not swapped.
            FadeOut(leaving, shift=RENUMBER_DROP * DOWN, rate_func=first_half),
            FadeIn(arriving, shift=RENUMBER_DROP * DOWN, rate_func=second_half),
            *alongside,
            run_time=run_time,
        )
        cols.become(new)
        self.remove(arriving)

    def feed(
        self, cols: VGroup, normalised: np.ndarray, norm_box: Mobject, mlp_box: Mobject, pace: float
    ) -> None:
        """The norm step: a copy of every vector rises into the Norm block, comes out
        rescaled to length 1 and goes on into the MLP block; the vectors stay as they are."""
        copies = self.columns_like(normalised, cols)
        small = VGroup(
            *(self.cells(c, style.NORM_COLOUR).scale(FEED_SCALE).move_to(norm_box) for c in copies)
        )
        for copy in small:  # each is on screen on its own, in the Norm block
            mark_overlay(copy)
        # The copy turns into cells where its vector is, then the cells rise into the block:
        # digits flying across the other vectors overlapped theirs (and digits morphed into
        # bars read as shredded glyphs).
        in_place = VGroup(*(mark_overlay(self.cells(c, style.NORM_COLOUR)) for c in copies))
        self.play(
            AnimationGroup(
                *(
                    FadeTransform(mark_overlay(col.copy()), cells)
                    for col, cells in zip(cols, in_place, strict=True)
                ),
                lag_ratio=0.1,
            ),
            run_time=pace,
        )
        # Shrunk where they are first, then up: copies rising at full size crossed the token
        # names and the other vectors' numbers.
        self.play(*(cells.animate.scale(FEED_SCALE) for cells in in_place), run_time=pace / 2)
        self.play(
            AnimationGroup(
                *(
                    ReplacementTransform(cells, copy)
                    for cells, copy in zip(in_place, small, strict=True)
                ),
                lag_ratio=0.1,
            ),
            run_time=pace,
        )
        self.play(
            small.animate.move_to(mlp_box).set_opacity(0.0),
            Indicate(mlp_box, color=stage_tints()[2], scale_factor=1.0),
            run_time=pace,
        )
        self.remove(small)

    def outputs(self, cols: VGroup, added: np.ndarray, mlp_box: Mobject) -> VGroup:
        """What the MLP computed from each copy, a small vector at its block (to be sent down
        onto each vector, where it is added)."""
        pieces = VGroup(
            *(
                self.cells(self.vector_mob(values, stage_tints()[2]), stage_tints()[2])
                .scale(FEED_SCALE)
                .move_to(mlp_box)
                for values in added
            )
        )
        for piece in pieces:
            mark_overlay(piece)
        return mark_overlay(pieces)

    @staticmethod
    def cells(vector: Mobject, colour: str) -> VGroup:
        """``vector`` drawn without digits, for when it is too small to read: its brackets
        and, in place of each number, a bar as wide as the number's size (a vector shrunk
        into a block is seen going in, its digits would be specks)."""
        assert isinstance(vector, ArrayMatrix)
        values = [
            float(m.get_value()) for m in vector.get_entries() if isinstance(m, DecimalNumber)
        ]
        top = max((abs(v) for v in values), default=1.0) or 1.0
        bars = VGroup()
        for entry in vector.get_entries():
            if not isinstance(entry, DecimalNumber):
                continue
            size = abs(float(entry.get_value())) / top
            bar = Rectangle(width=entry.width * (0.2 + 0.8 * size), height=0.6 * entry.height)
            tint = colour if entry.get_value() >= 0 else style.MUTED
            bars.add(
                bar.set_fill(tint, opacity=style.BAR_OPACITY).set_stroke(width=0).move_to(entry)
            )
        return VGroup(vector.get_brackets().copy().set_color(colour), bars)

    @staticmethod
    def path_of(arrow: VMobject) -> VMobject:
        """The line of ``arrow`` without its tip, in the highlight colour (for a flash)."""
        path = arrow.copy()
        path.pop_tips()
        return path.set_stroke(style.HIGHLIGHT)

    def lengths_under(self, norms: np.ndarray, blocks: VGroup, cols: VGroup) -> VGroup:
        """``‖x‖ = n`` under each column, below the block drawn over it (wide frame); in the
        narrow ones ``n`` right of each row, under one ``‖x‖`` heading."""
        if frame.is_landscape():
            lengths = VGroup(*(self.length_text(rf"\|x\| = {mathcore.fixed(n, 2)}") for n in norms))
            floor = blocks.get_bottom()[1] - style.ROW_GAP
            for length, col in zip(lengths, cols, strict=True):
                length.move_to(col.get_x() * RIGHT + floor * UP)
            return fit_width(lengths, self.content_width())
        lengths = VGroup(*(self.length_text(mathcore.fixed(n, 2)) for n in norms))
        x = blocks.get_left()[0] - style.ITEM_GAP / 2  # where the attention arrows were
        for length, row in zip(lengths, cols, strict=True):
            length.match_y(row).shift((x - length.get_right()[0]) * RIGHT)
        head = self.length_text(r"\|x\|").next_to(lengths[0], UP, buff=style.ITEM_GAP)
        return VGroup(*lengths, head.align_to(lengths[0], RIGHT))

    @staticmethod
    def length_text(tex: str) -> MathTex:
        """A length as the norm step shows it."""
        return MathTex(tex, font_size=style.READOUT_SIZE).set_color(style.NORM_COLOUR)

    @beat
    def beat_flow(self) -> None:
        tags, cols, loop = self.flow_stage()
        self.keep_only(tags, cols)
        self.play(FadeIn(loop), run_time=self.seconds(style.SHORT))
        detailed = min(LAYERS_STORED, self.n_layers)
        for layer in range(1, detailed + 1):
            if layer > 1:
                self.until_sentence(len(STEPS) + 1)  # the loop runs again
                self.play(
                    ChangeDecimalToValue(loop.get_count(), layer),
                    Indicate(loop.get_loop()),
                    run_time=self.seconds(style.SHORT),
                )
            for number, step in enumerate(STEPS):
                if layer == 1:
                    self.until_sentence(number + 1)  # the sentence naming the block
                fill = self.sentence_seconds(number + 1) if layer == 1 else 0.0
                self.play_step(layer, step, tags, cols, loop, fast=layer > 1, fill=fill)
        if self.n_layers > detailed:
            spins = [
                Indicate(box, color=c)
                for _ in range(3)
                for box, c in zip(loop.boxes, stage_tints(), strict=True)
            ]
            self.renumber(
                cols,
                self.flow.final,
                ChangeDecimalToValue(loop.get_count(), self.n_layers),
                Succession(*spins),
                run_time=self.seconds(style.LONG * 2),
            )
        self.point_at_last(tags, cols, loop)
        final = self.columns(self.flow.final)
        self.shown["flow_output"] = self.entries(final[-1])
        self.shown["flow_last_name"] = self.entries(
            final[self.tokens.index(self.clip.fact.last_name)]
        )
        self.last: tuple[VMobject, VMobject] = (tags[-1], cols[-1])

    def point_at_last(self, tags: VGroup, cols: VGroup, loop: LayerLoop) -> None:
        """Frame the last vector and say it goes on; where there is no room under it (the
        square frame), the loop, done, leaves and the stack rises to make some."""
        note = label_text(self.words(self.clip.text.last_vector), style.HIGHLIGHT, style.BODY_SIZE)
        fit_width(note, self.content_width())
        mark = SurroundingRectangle(cols[-1], color=style.HIGHLIGHT)
        floor = style.EDGE_BUFFER - config.frame_height / 2
        short = floor - (mark.get_bottom()[1] - style.ITEM_GAP - note.height)
        if short > 0:
            self.play(
                FadeOut(loop),
                VGroup(tags, cols).animate.shift(short * UP),
                run_time=self.seconds(style.SHORT),
            )
            mark.shift(short * UP)
        note.next_to(mark, DOWN, buff=style.ITEM_GAP).align_to(mark, RIGHT)
        if note.get_left()[0] < style.EDGE_BUFFER - config.frame_width / 2:
            note.set_x(0)
        self.play(Create(mark), FadeIn(note), run_time=self.seconds(style.SHORT))

    # -- the prediction ----------------------------------------------------------------

    def readout_product(self) -> tuple[VGroup, ArrayMatrix, EmbeddingColumn, MathTex, ArrayMatrix]:
        """words | W_U | x = logits, with the final vector as x; long words wrap into the room
        the product leaves them (so the digits keep their size)."""
        c = self.clip
        size = style.BODY_SIZE if frame.is_landscape() else style.SMALL_SIZE
        buff = style.ITEM_GAP if frame.is_landscape() else NARROW_ITEM_GAP
        vector = EmbeddingColumn(
            self.readout_vector,
            c.display.rows,
            c.display.decimals,
            self.token_colour(self.tokens[-1]),
            style.COLUMN_SIZE,
        )
        equals = MathTex("=", font_size=style.MATH_SIZE)
        logits = ArrayMatrix(
            self.softmax.logits.reshape(-1, 1), len(c.candidates), 1, 2, style.READOUT_SIZE
        )
        shown = c.display.rows if frame.is_landscape() else NARROW_MATRIX_COLUMNS
        spacing = {} if frame.is_landscape() else {"h_buff": NARROW_MATRIX_H_BUFF}
        rows = len(c.candidates)
        width = ArrayMatrix(self.unembedding, rows, shown, 1, style.MATRIX_SIZE, **spacing).width
        rest = width + vector.width + equals.width + logits.width + 4 * buff
        room = min(style.READOUT_LABEL, max(MIN_READOUT_LABEL, self.content_width() - rest))
        # Words wrap between words only: the room is at least the widest word (a word is never
        # hyphenated at a wrong point; if that makes the product too wide, all of it shrinks).
        widest = max(label_text(p, style.TEXT, size).width for w in c.candidates for p in w.split())
        if widest > room and not frame.is_landscape():  # the matrix's columns close up first
            closer = NARROW_MATRIX_H_BUFF - (widest - room) / max(shown - 1, 1)
            spacing["h_buff"] = max(MIN_MATRIX_H_BUFF, closer)
        labels = []
        for word in c.candidates:
            lines = break_lines(word, max(room, widest), size)
            text = label_text("\n".join(lines), style.TEXT, size)
            labels.append(record_wrap(text, word, lines))  # for the layout check
        gap = max(style.MATRIX_V_BUFF, max(label.height for label in labels) + style.ITEM_GAP)
        matrix = ArrayMatrix(
            self.unembedding, len(c.candidates), shown, 1, style.MATRIX_SIZE, v_buff=gap, **spacing
        )
        # The logits spaced as the matrix's rows, each level with the row it comes from.
        logits = ArrayMatrix(
            self.softmax.logits.reshape(-1, 1), rows, 1, 2, style.READOUT_SIZE, v_buff=gap
        )
        product = VGroup(matrix, vector, equals, logits).arrange(RIGHT, buff=buff)
        logits.shift((matrix.get_rows()[0].get_y() - logits.get_entries()[0].get_y()) * UP)
        words = VGroup()
        for label, row in zip(labels, matrix.get_rows(), strict=True):
            words.add(label.next_to(matrix, LEFT, buff=buff).match_y(row))
        fit_width(VGroup(words, product), self.content_width())
        return words, matrix, vector, equals, logits

    def softmax_table(self, words: VGroup) -> VGroup:
        """logit | exp | share rows next to the words, the sum under exp, then bars."""
        s, rows = self.softmax, range(len(self.clip.candidates))
        size = style.READOUT_SIZE
        logits = VGroup(*(number_entry(s.logits[i], 2, size) for i in rows))
        exps = VGroup(*(number_entry(s.exps[i], 2, size) for i in rows))
        shares = VGroup(*(MathTex(rf"{s.percents[i]}\%", font_size=size) for i in rows))
        bars = VGroup(*(self.bar(s.percents[i], i == s.best) for i in rows))
        columns = [logits, exps, shares, bars]
        x = words.get_right()[0] + style.SECTION_GAP
        for column in columns:
            for entry, word in zip(column, words, strict=True):
                entry.match_y(word)
            widest = max(entry.width for entry in column)
            for entry in column:  # numbers end on a common right edge, bars start on one
                entry.set_x(x + entry.width / 2 if column is bars else x + widest - entry.width / 2)
            x = column.get_right()[0] + (style.WIDE_GAP if frame.is_landscape() else NARROW_GAP)
        total = MathTex(
            r"\Sigma = " + mathcore.fixed(s.total, 2), font_size=size, color=style.MUTED
        )
        total.next_to(exps, DOWN, buff=style.ROW_GAP).align_to(exps, RIGHT)
        hundred = MathTex(rf"\Sigma = {sum(s.percents)}\%", font_size=size, color=style.MUTED)
        hundred.next_to(shares, DOWN, buff=style.ROW_GAP).align_to(shares, RIGHT)
        if not frame.is_landscape():  # the columns are close: the sums on two lines
            hundred.next_to(total, DOWN, buff=style.ITEM_GAP).align_to(shares, RIGHT)
        self.shown["logits"] = [float(v) for v in s.logits]
        self.shown["exps"] = [float(v) for v in s.exps]
        self.shown["exp_sum"] = [s.total]
        self.shown["percents"] = [float(p) for p in s.percents]
        self.shown["percent_sum"] = [float(sum(s.percents))]
        return VGroup(logits, exps, shares, bars, total, hundred)

    def bar(self, percent: int, best: bool) -> RoundedRectangle:
        """A bar as long as ``percent`` (the most likely word's in the attribute's colour)."""
        colour = self.clip.colours.attribute if best else style.MUTED
        full = style.PROBABILITY_WIDTH_SIDE * (1.0 if frame.is_landscape() else NARROW_BAR_SCALE)
        width = max(full * percent / 100, style.TINY)
        rect = RoundedRectangle(corner_radius=0.02, width=width, height=style.PROBABILITY_HEIGHT)
        rect.set_fill(colour, opacity=style.BAR_OPACITY).set_stroke(width=0)
        return rect

    @beat
    def beat_prediction(self) -> None:
        last = getattr(self, "last", None)
        if last is None:
            final_tags, final_cols = self.sequence(self.flow.final)
            last = (final_tags[-1], final_cols[-1])
            VGroup(*last).to_edge(RIGHT, buff=style.EDGE_BUFFER)
        self.keep_only(*last)
        prompt = self.prediction_prompt(self.clip.candidates[self.softmax.best])
        answer = prompt.get_word(len(self.tokens))
        answer.set_color(self.clip.colours.attribute).set_opacity(0.0)
        blank = Line(answer.get_corner(DL), answer.get_corner(DR), color=style.TEXT)
        words, matrix, vector, equals, logits = self.readout_product()
        self.under_prompt(VGroup(words, matrix, vector, equals, logits), blank)
        stream = EmbeddingColumn(
            self.flow.final[-1],
            self.clip.display.rows,
            self.clip.display.decimals,
            self.token_colour(self.tokens[-1]),
            style.COLUMN_SIZE,
        ).replace(vector, dim_to_match=1)
        self.shown["prediction_stream"] = self.entries(stream)
        self.shown["prediction_input"] = self.entries(vector)
        self.play(
            FadeIn(prompt),
            Create(blank),
            FadeOut(last[0]),
            ReplacementTransform(last[1], stream),
            run_time=self.seconds(style.MEDIUM),
        )
        self.until_sentence(1)
        rescale = self.final_norm(stream, vector)
        note = self.vocabulary_note(words, VGroup(words, matrix))
        self.play(
            FadeIn(matrix),
            FadeIn(words),
            FadeIn(note),
            FadeOut(rescale),
            run_time=self.seconds(style.MEDIUM),
        )
        self.row_by_row(matrix, vector, equals, logits)
        table = self.softmax_table(words.copy())
        left = style.EDGE_BUFFER - config.frame_width / 2
        target = VGroup(words.copy(), table).shift((left - words.get_left()[0]) * RIGHT)
        fit_width(target, self.content_width())
        if frame.is_portrait():  # the tall frame has room: larger, and closer to the prompt
            target.scale(min(PORTRAIT_TABLE_SCALE, self.content_width() / target.width))
            target.set_x(0).shift(PORTRAIT_TABLE_LIFT * UP)
        heads = self.headers(table)  # from the columns where they end up
        spot = self.settle_table(VGroup(target, heads), note, VGroup(prompt, blank))
        logits_shown = table[0]
        # The product goes first, so the logits do not slide across the matrix's digits.
        self.play(
            FadeOut(VGroup(matrix, vector, equals)),
            FadeOut(logits.get_brackets()),
            FadeOut(note) if spot is None else note.animate.move_to(spot),
            run_time=self.seconds(style.SHORT),
        )
        self.play(
            FadeIn(heads[0]),
            Transform(words, target[0]),
            ReplacementTransform(logits.get_entries(), logits_shown),
            run_time=self.seconds(style.MEDIUM),
        )
        exps, shares, bars, total, hundred = table[1], table[2], table[3], table[4], table[5]
        self.until_sentence(2)
        self.play(
            FadeIn(heads[1]),
            TransformFromCopy(logits_shown, exps),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(TransformFromCopy(exps, total), run_time=self.seconds(style.MEDIUM))
        self.play(
            FadeIn(heads[2]),
            TransformFromCopy(VGroup(exps, total), shares),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(
            FadeIn(hundred),
            *(GrowFromEdge(b, LEFT) for b in bars),
            run_time=self.seconds(style.MEDIUM),
        )
        self.until_sentence(3)
        self.land_prediction(
            answer, blank, words, bars, heads if spot is None else VGroup(heads, note)
        )

    def prediction_prompt(self, answer: str) -> PromptStrip:
        """The prompt and its answer (still hidden) at the top of the frame; in the narrow
        frames a long prompt is set smaller, down to the smallest readable size, so that it
        keeps to two lines if it can (room for the readout under it)."""
        sizes = [style.LABEL_SIZE]
        if not frame.is_landscape():
            sizes += [style.BODY_SIZE, style.SMALL_SIZE]
        for size in sizes:
            prompt = PromptStrip([*self.tokens, answer], self.content_width(), font_size=size)
            if len(prompt.lines) <= 2:
                break
        return prompt.to_edge(UP, buff=style.EDGE_BUFFER)

    def under_prompt(self, block: VGroup, blank: Mobject) -> None:
        """Place the readout ``block`` (words, W_U, x, =, logits) a little below the middle,
        or lower when its caption would come too close to the prompt's ``blank``; shrunk
        if it then reaches the bottom margin."""
        block.move_to(style.READOUT_DROP * DOWN)
        note = self.vocabulary_note(block[0], block)
        ceiling = blank.get_bottom()[1] - style.ITEM_GAP - note.height - style.ROW_GAP
        if block.get_top()[1] > ceiling:
            fit_height_between(block, ceiling, style.EDGE_BUFFER - config.frame_height / 2)

    def final_norm(self, stream: VMobject, vector: VMobject) -> VMobject:
        """The last stream divided by its length (GPT's final normalisation): its length is
        written under it, and the column turns into the normalised one; returns the note."""
        length = mathcore.fixed(float(np.linalg.norm(self.flow.final[-1])), 2)
        note = VGroup(
            MathTex(rf"\div {length}", font_size=style.READOUT_SIZE, color=style.NORM_COLOUR),
            fitted_text(
                self.words(self.clip.text.final_norm),
                min(self.content_width(), 4.0),
                style.NORM_COLOUR,
                style.SMALL_SIZE,
            ),
        ).arrange(DOWN, buff=style.ITEM_GAP / 2)
        note.next_to(stream, DOWN, buff=style.ITEM_GAP)
        if note.get_bottom()[1] < style.EDGE_BUFFER - config.frame_height / 2:
            note.next_to(stream, UP, buff=style.ITEM_GAP)
        self.shown["final_length"] = [float(length)]
        self.play(FadeIn(note), run_time=self.seconds(style.SHORT))
        self.play(ReplacementTransform(stream, vector), run_time=self.seconds(style.MEDIUM))
        return note

    def row_by_row(
        self, matrix: ArrayMatrix, vector: VMobject, equals: VMobject, logits: ArrayMatrix
    ) -> None:
        """Each word's logit is its row of the unembedding dotted with the vector: a frame
        walks down the rows while the vector is framed too, and each logit comes out of its
        row."""
        rows, entries = matrix.get_rows(), logits.get_entries()
        row_box = SurroundingRectangle(rows[0], color=style.HIGHLIGHT, buff=style.HIGHLIGHT_BUFF)
        column_box = SurroundingRectangle(vector, color=style.HIGHLIGHT, buff=style.HIGHLIGHT_BUFF)
        self.play(
            Write(equals),
            FadeIn(logits.get_brackets()),
            Create(row_box),
            Create(column_box),
            run_time=self.seconds(style.SHORT),
        )
        step = max(self.seconds(style.SHORT), 0.5 * self.sentence_seconds(1) / len(rows))
        for index, (row, entry) in enumerate(zip(rows, entries, strict=True)):
            if index:
                target = SurroundingRectangle(row, color=style.HIGHLIGHT, buff=style.HIGHLIGHT_BUFF)
                self.play(Transform(row_box, target), run_time=step / 2)
            # The logit appears level with its row (a copy of the row shrinking into it
            # crossed the row's own digits).
            self.play(FadeIn(entry, shift=style.ITEM_GAP * RIGHT), run_time=step / 2)
        self.play(FadeOut(row_box), FadeOut(column_box), run_time=self.seconds(style.SHORT))

    def vocabulary_note(self, words: Mobject, above: Mobject) -> VMobject:
        """The candidate words' caption (a toy vocabulary of n words) over ``above``, left
        aligned with the words."""
        note = fitted_text(
            self.words(self.clip.text.vocabulary_note, n=len(self.clip.candidates)),
            self.content_width(),
            style.MUTED,
            style.BODY_SIZE,
        )
        return note.next_to(above, UP, buff=style.ROW_GAP).align_to(words, LEFT)

    @staticmethod
    def settle_table(table: VGroup, note: Mobject, prompt: Mobject) -> np.ndarray | None:
        """Where the caption ``note`` goes: over ``table`` (the words, the softmax table and
        its headers), left aligned. When it would come closer than a gap to ``prompt``, the
        table is moved down first, as far as the captions' zone allows; None when even that
        leaves no room (very long names), and the caption is then let go."""
        spot = note.copy().next_to(table, UP, buff=style.ROW_GAP).align_to(table, LEFT)
        clash = spot.get_top()[1] - (prompt.get_bottom()[1] - style.ITEM_GAP)
        room = table.get_bottom()[1] - (frame.caption_zone() - config.frame_height / 2)
        drop = min(max(clash, 0.0), max(room, 0.0))
        table.shift(drop * DOWN)
        return None if clash > drop else spot.shift(drop * DOWN).get_center()

    def headers(self, table: VGroup) -> VGroup:
        """A header centred over each column of the placed ``table``: logits, e^x, and the
        probability over its percentages, or over the percentages and their bars together
        when it would come too close to the e^x header."""
        text = self.clip.text
        heads = VGroup(
            label_text(text.logits, style.MUTED, style.BODY_SIZE),
            MathTex(r"e^{x}", font_size=style.MATH_SIZE, color=style.MUTED),
            label_text(text.probability, style.MUTED, style.BODY_SIZE),
        )
        for head, column in zip(heads, table[:3], strict=True):
            head.next_to(column, UP, buff=style.ROW_GAP).set_x(column.get_x())
        if heads[2].get_left()[0] - heads[1].get_right()[0] < style.ITEM_GAP:
            heads[2].set_x(VGroup(table[2], table[3]).get_x())
        return heads

    @staticmethod
    def crosses(start: np.ndarray, end: np.ndarray, obstacle: Mobject) -> bool:
        """Whether the segment from ``start`` to ``end`` passes through the bounding box of
        ``obstacle`` widened by the arrow gap (checked at a hundred points along it)."""
        low = obstacle.get_corner(DL) - style.ARROW_BUFF
        high = obstacle.get_corner(UR) + style.ARROW_BUFF
        points = np.linspace(start, end, 100)[:, :2]
        inside = np.all((points >= low[:2]) & (points <= high[:2]), axis=1)
        return bool(inside.any())

    def answer_path(
        self, mark: Mobject, answer: Mobject, blank: Line, avoid: VGroup
    ) -> tuple[VGroup, Arrow]:
        """From the framed row to the blank: a straight arrow, unless it would cross one of
        ``avoid``; then out right of them, up to the answer's height and in to its right
        (returned as the legs before the arrow, none or one, and the arrow)."""
        colour = style.HIGHLIGHT
        straight = Arrow(mark.get_right(), blank.get_center(), buff=style.ARROW_BUFF, color=colour)
        if not any(self.crosses(straight.get_start(), straight.get_end(), m) for m in avoid):
            return VGroup(), straight
        x = max(mark.get_right()[0], avoid.get_right()[0]) + style.ITEM_GAP
        x = max(x, answer.get_right()[0] + ANSWER_APPROACH)  # in from the right of the word
        x = min(x, config.frame_width / 2 - style.EDGE_BUFFER / 2)
        corner = np.array([x, answer.get_y(), 0.0])
        tip_at = np.array([blank.get_right()[0] + style.ARROW_BUFF, answer.get_y(), 0.0])
        last = Arrow(corner, tip_at, buff=0, color=colour)
        stem = VMobject(color=colour, stroke_width=last.get_stroke_width())
        stem.set_points_as_corners([mark.get_right(), np.array([x, mark.get_y(), 0.0]), corner])
        return VGroup(stem), last

    def land_prediction(
        self, answer: VGroup, blank: Line, words: VMobject, bars: VMobject, avoid: VGroup
    ) -> None:
        """An arrow from the most likely word to the blank (around ``avoid``, the headers and
        the caption, when they are in the way), which the word then fills."""
        best = self.softmax.best
        mark = SurroundingRectangle(Group(words[best], bars[best]), color=style.HIGHLIGHT)
        legs, arrow = self.answer_path(mark, answer, blank, avoid)
        grow = Succession(*(Create(leg) for leg in legs), GrowArrow(arrow))
        self.play(Create(mark), grow, run_time=self.seconds(style.MEDIUM))
        self.play(answer.animate.set_opacity(1.0), run_time=self.seconds(style.SHORT))
        self.answer_arrow = VGroup(*legs, arrow)

    # -- directions carry meaning ------------------------------------------------------

    def analogy_view(self) -> ArrowSpace3D:
        p, colours = self.analogy, self.clip.colours
        zero = np.zeros(3)
        arrows = {
            "b": (zero, p.coords["b"]),
            "a": (zero, p.coords["a"]),
            "c": (zero, p.coords["c"]),
            "nearest": (zero, p.coords["nearest"]),
            "diff": (p.coords["b"], p.coords["a"]),
        }
        palette = {
            "b": colours.first_name,
            "a": colours.last_name,
            "c": colours.first_name,
            "nearest": colours.last_name,
            "diff": colours.attribute,
        }
        labels = {"b": p.b, "a": p.a, "c": p.c, "nearest": p.nearest, "diff": ""}
        square = not frame.is_landscape() and not frame.is_portrait()
        unit = SQUARE_UNIT if square else style.ANALOGY_UNIT
        view = ArrowSpace3D(arrows, palette, labels, unit=unit)
        for name in arrows:
            view.set_arrow(name, *arrows[name], growth=0.0)
        return view

    def place_analogy(self, view: ArrowSpace3D, panel: VGroup) -> None:
        """The 3-D view left of its panel in the wide frame, above it in the narrow ones (in
        the square one smaller, over a panel of three lines)."""
        if frame.is_landscape():
            view.origin = style.ANALOGY_X * RIGHT + style.PICTURE_LIFT * DOWN
            view.redraw()
            panel.move_to(
                (style.ANALOGY_PANEL_X + panel.width / 2) * RIGHT + style.PICTURE_LIFT * UP
            )
            return
        portrait = frame.is_portrait()
        view_y = PORTRAIT_VIEW_Y if portrait else SQUARE_VIEW_Y
        view.origin = UP * view_y
        view.redraw()
        if not portrait:  # the formula on one line, the nearest word and its cosine on one
            formula, nearest, cosine, _ = panel
            formula.arrange(RIGHT, buff=style.ITEM_GAP)
            VGroup(nearest, cosine).arrange(RIGHT, buff=style.WIDE_GAP)
            panel.arrange(DOWN, buff=style.ROW_GAP)
            fit_width(panel, self.content_width())
        drop = PORTRAIT_VIEW_DROP if portrait else SQUARE_VIEW_DROP
        panel.next_to(UP * (view_y - drop), DOWN, buff=0)
        panel.set_x(0)

    def analogy_panel(self) -> VGroup:
        p, text, colours = self.analogy, self.clip.text, self.clip.colours
        width = min(style.ANALOGY_PANEL_WIDTH, config.frame_width / 2 - style.EDGE_BUFFER)
        if not frame.is_landscape():
            width = self.content_width()
        formula = VGroup(
            name_text(f"E({p.a}) − E({p.b})", width, colours.attribute, style.BODY_SIZE),
            name_text(f"+ E({p.c})", width, colours.attribute, style.BODY_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)
        nearest = fitted_text(
            self.words(text.nearest) + f": {p.nearest}", width, colours.last_name, style.BODY_SIZE
        )
        cosine = MathTex(
            r"\cos = " + mathcore.fixed(p.cosine, 2),
            font_size=style.MATH_SIZE,
            color=colours.last_name,
        )
        note = fitted_text(self.words(text.toy_embedding), width, style.MUTED, style.BODY_SIZE)
        self.shown["cosine"] = [round(p.cosine, 2)]
        return VGroup(formula, nearest, cosine, note).arrange(
            DOWN, aligned_edge=LEFT, buff=style.ROW_GAP
        )

    @beat
    def beat_directions(self) -> None:
        self.clear_stage()
        view, panel = self.analogy_view(), self.analogy_panel()
        self.place_analogy(view, panel)
        grow = {name: ValueTracker(0.0) for name in view.geometry}
        slide, turn = ValueTracker(0.0), ValueTracker(style.VIEW_AZIMUTH)
        p = self.analogy

        def follow(_: Mobject) -> None:
            start = p.coords["b"] + slide.get_value() * (p.coords["c"] - p.coords["b"])
            for name, tracker in grow.items():
                view.set_growth(name, tracker.get_value())
            view.geometry["diff"] = (start, start + p.difference, grow["diff"].get_value())
            view.set_view(turn.get_value(), style.VIEW_ELEVATION)

        view.add_updater(follow)
        self.add(view)
        turned = style.VIEW_AZIMUTH + style.VIEW_TURN / 2
        self.play(
            *(grow[n].animate.set_value(1.0) for n in ("b", "a", "c")),
            turn.animate.set_value(turned),  # turning shows the arrows stand in 3-D
            run_time=max(self.seconds(style.LONG), self.sentence_seconds(0)),
        )
        self.until_sentence(2)  # the step from b to a
        self.play(
            grow["diff"].animate.set_value(1.0), FadeIn(panel[0]), run_time=self.seconds(style.LONG)
        )
        self.until_sentence(3)  # the same arrow, slid to c
        self.play(slide.animate.set_value(1.0), run_time=self.seconds(style.LONG))
        self.until_sentence(4)  # it ends beside the nearest word
        self.play(
            grow["nearest"].animate.set_value(1.0),
            FadeIn(panel[1:3]),
            run_time=self.seconds(style.MEDIUM),
        )
        self.until_sentence(5)
        self.play(
            turn.animate.set_value(style.VIEW_AZIMUTH + style.VIEW_TURN),
            FadeIn(panel[3]),
            run_time=max(self.seconds(style.LONG), self.sentence_seconds(5) * 0.7),
        )
        view.clear_updaters()

    # -- context and knowledge ---------------------------------------------------------

    def meter(self) -> tuple[VGroup, list[ValueTracker]]:
        """Bars for first name · x, last name · x and attribute · x of the last name's stream,
        with their values (a name and its dot product on one line, then the bar)."""
        fact, colours = self.clip.fact, self.clip.colours
        names = (fact.first_name, fact.last_name, fact.attribute)
        tints = (colours.first_name, colours.last_name, colours.attribute)
        column = self.flow.features[:, self.tokens.index(fact.last_name)]
        trackers = [ValueTracker(float(v)) for v in column[0]]
        self.meter_top = max(1.0, float(column.max()))
        self.meter_scale = 1.0
        self.meter_extra = 0.0
        dots = max(self.dot_label(n, style.TEXT).width for n in names) + style.ITEM_GAP
        piece = max(widest_piece(n, style.SMALL_SIZE) for n in names)
        self.meter_extra = min(max(0.0, piece + dots - self.meter_label()), MAX_METER_EXTRA)
        labels, bars, values = VGroup(), VGroup(), VGroup()
        dot_labels = [self.dot_label(name, tint) for name, tint in zip(names, tints, strict=True)]
        rooms = [self.meter_label() - dot.width - style.ITEM_GAP for dot in dot_labels]
        size = common_name_size(names, rooms)
        for name, tint, tracker, dot, room in zip(
            names, tints, trackers, dot_labels, rooms, strict=True
        ):
            words = fitted_name(name, room, tint, (size,))
            labels.add(VGroup(words, dot).arrange(RIGHT, buff=style.ITEM_GAP))
            bar = RoundedRectangle(
                corner_radius=0.02, width=self.meter_width(), height=style.PROBABILITY_HEIGHT
            )
            bars.add(bar.set_fill(tint, opacity=style.BAR_OPACITY).set_stroke(width=0))
            values.add(number_entry(tracker.get_value(), 2, style.READOUT_SIZE, tint))
        labels.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        # The scale under the bars only where there is room for it: the narrow frames stack
        # the sum and the meter, and a taller meter would shrink every digit below 20 px.
        marks = self.meter_scale_marks(labels) if frame.is_landscape() else VGroup()
        rows = VGroup(labels, bars, values, marks)
        for label, shape, value, tracker in zip(labels, bars, values, trackers, strict=True):
            self.meter_bar(shape, label, tracker.get_value())
            value.next_to(shape, RIGHT, buff=style.ITEM_GAP)
            shape.add_updater(lambda m, t=tracker, w=label: self.meter_bar(m, w, t.get_value()))
        return rows, trackers

    def meter_scale_marks(self, labels: VGroup) -> VGroup:
        """A scale under the bars: a line from 0 to the meter's full length, with ticks at 0
        and at 1 (a word fully present: its direction dotted with itself)."""
        left = labels.get_left()[0] + self.meter_label() + style.ITEM_GAP
        # under the last bar (level with its name's middle), not under a name broken on lines
        y = labels[-1].get_center()[1] - style.PROBABILITY_HEIGHT / 2 - style.ITEM_GAP
        unit = self.meter_width() / self.meter_top
        marks = VGroup(Line(left * RIGHT, (left + self.meter_width()) * RIGHT).shift(y * UP))
        for value in (0, 1):
            tick = Line(ORIGIN, METER_TICK * DOWN).move_to((left + unit * value) * RIGHT + y * UP)
            number = MathTex(str(value), font_size=style.READOUT_SIZE)
            marks.add(tick, number.next_to(tick, DOWN, buff=style.CELL_GAP))
        return marks.set_color(style.MUTED).set_stroke(width=METER_STROKE)

    def move_meter(
        self, rows: VGroup, trackers: list[ValueTracker], values: np.ndarray, run_time: float
    ) -> None:
        """The meter moving to ``values``: each bar grows or shrinks while its old number
        fades out, then the new one fades in, both riding on the bar's end (a Transform would
        morph each digit's glyph into another digit's)."""
        labels, bars, numbers, _ = rows
        moves: list[Animation] = []
        targets = VGroup()
        for label, bar, number, tracker, value in zip(
            labels, bars, numbers, trackers, values, strict=True
        ):
            end = bar.copy().clear_updaters()
            self.meter_bar(end, label, float(value))
            target = number_entry(float(value), 2, style.READOUT_SIZE, number.get_color().to_hex())
            target.scale(self.meter_scale).next_to(end, RIGHT, buff=style.ITEM_GAP)
            leaving = mark_overlay(number.copy())
            number.set_opacity(0.0)
            self.add(leaving)
            shift = target.get_center() - number.get_center()
            moves += [
                tracker.animate.set_value(float(value)).build(),
                FadeOut(leaving, shift=shift / 2, rate_func=first_half),
                FadeIn(mark_overlay(target), shift=shift / 2, rate_func=second_half),
                number.animate.move_to(target).build(),
            ]
            targets.add(target)
        self.play(*moves, run_time=run_time)
        for shown, new in zip(numbers, targets, strict=True):
            shown.become(new)
        self.remove(*targets)

    @staticmethod
    def dot_label(name: str, tint: str) -> MathTex:
        """What a meter bar measures: the word's direction (its initial) dotted with the
        stream x on the last name."""
        initial = name[0].upper() if name[0].isalpha() else "W"
        return MathTex(
            rf"\vec{{{initial}}} \cdot \vec{{x}}", font_size=style.READOUT_SIZE, color=tint
        )

    def meter_label(self) -> float:
        """Width of the meter's names and dot products (wider, and the bars shorter, when a
        name has a piece too long for it: names break only at spaces and hyphens)."""
        return (WIDE_METER_LABEL if frame.is_landscape() else NARROW_METER_LABEL) + self.meter_extra

    def meter_width(self) -> float:
        """Length of the longest meter bar."""
        full = WIDE_METER_WIDTH if frame.is_landscape() else NARROW_METER_WIDTH
        return full - self.meter_extra

    def meter_bar(self, bar: Mobject, words: Mobject, value: float) -> None:
        """Stretch ``bar`` to ``value`` (negative values draw nothing) beside ``words``; the
        largest value the beat shows fills the meter's width."""
        scale = self.meter_scale  # the meter may have been shrunk to fit the frame
        length = scale * self.meter_width() * max(value, 0.0) / self.meter_top
        bar.stretch_to_fit_width(max(length, style.TINY))
        left = words.get_left()[0] + scale * (self.meter_label() + style.ITEM_GAP)
        bar.move_to((left + bar.width / 2) * RIGHT + words.get_center()[1] * UP)

    def vector_mob(self, values: np.ndarray, colour: str) -> VMobject:
        """A vector drawn as in the flow: a column in the wide frame, a row in the narrow
        ones, its brackets in ``colour``."""
        display = self.clip.display
        if frame.is_landscape():
            return EmbeddingColumn(
                values, display.rows, display.decimals, colour, style.COLUMN_SIZE
            )
        row = ArrayMatrix(
            np.asarray(values)[None, :],
            1,
            min(display.rows, NARROW_ROW_ENTRIES),
            display.decimals,
            style.COLUMN_SIZE,
            h_buff=NARROW_ROW_H_BUFF,
        )
        row.get_brackets().set_color(colour)
        return row

    def soaking_stage(self) -> tuple[Mobject, LayerLoop, VGroup, VGroup, list[ValueTracker]]:
        """(heading, loop, the slots of x + Δ = x' with the tag, the meter, its trackers).

        The slots are placeholders: ``slots[0]`` the tag, then x, +, Δ, =, x' and the place
        of the caption under Δ. Wide frame: the sum side by side left, the meter right;
        narrow frames: the sum as stacked rows, the meter under it."""
        fact = self.clip.fact
        heading = self.title(self.clip.text.absorbing)
        loop = self.layer_loop()
        loop.next_to(
            heading, DOWN, buff=style.SECTION_GAP if frame.is_landscape() else style.ITEM_GAP
        )
        tint = self.token_colour(fact.last_name)
        sample = self.flow.embeddings[self.tokens.index(fact.last_name)]
        x, delta, new = (self.vector_mob(sample, tint) for _ in range(3))
        plus, equals = (
            MathTex("+", font_size=style.MATH_SIZE),
            MathTex("=", font_size=style.MATH_SIZE),
        )
        rows, trackers = self.meter()
        note = label_text("placeholder", style.MUTED, style.BODY_SIZE)  # where Δ is named
        if frame.is_landscape():
            VGroup(x, plus, delta, equals, new).arrange(RIGHT, buff=style.ITEM_GAP)
            reach = delta.get_left()[0] - x.get_right()[0] - style.ITEM_GAP / 2  # over the +
            tag = name_tag(fact.last_name, max(x.width + 2 * reach, style.HEADING_WIDTH), tint)
            tag.next_to(x, UP, buff=style.ITEM_GAP)
            total = VGroup(tag, x, plus, delta, equals, new)
            total.to_edge(LEFT, buff=style.MARGIN)
            total.shift((loop.get_bottom()[1] - style.SECTION_GAP - total.get_top()[1]) * UP)
            note.next_to(delta, UP, buff=style.ITEM_GAP)  # the tag's height: room above
            # right of the sum and of the longest caption over Δ (it reaches past Δ)
            reach = max(total.get_right()[0], delta.get_left()[0] + self.widest_note())
            rows.match_y(x).shift((reach + style.SECTION_GAP - rows.get_left()[0]) * RIGHT)
        else:
            room = max(NARROW_TAG_WIDTH, self.content_width() - x.width - style.ITEM_GAP)
            unbroken = widest_piece(fact.last_name, style.BODY_SIZE) + 2 * style.TOKEN_PAD
            tag = name_tag(fact.last_name, max(room, unbroken), tint)  # the stack shrinks
            VGroup(x, delta, new).arrange(DOWN, aligned_edge=LEFT, buff=style.ITEM_GAP)
            tag.next_to(x, LEFT, buff=style.ITEM_GAP)
            plus.next_to(delta, LEFT, buff=style.ITEM_GAP).align_to(tag, RIGHT)
            equals.next_to(new, LEFT, buff=style.ITEM_GAP).align_to(tag, RIGHT)
            total = VGroup(tag, x, plus, delta, equals, new)
            note.next_to(total, DOWN, buff=style.ITEM_GAP)
            full = self.meter_label() + self.meter_width() + 2 * style.ITEM_GAP + METER_VALUE
            rows.next_to(note, DOWN, buff=style.ROW_GAP)
            rows.shift((-full / 2 - rows.get_left()[0]) * RIGHT)  # room for the longest bar
            below = VGroup(total, note, rows)
            floor = style.EDGE_BUFFER - config.frame_height / 2
            top = loop.get_bottom()[1] - style.ITEM_GAP
            self.heading_paged = below.height > (top - floor) / PAGE_SHRINK
            if self.heading_paged:  # a long heading is shown on its own first: its room is free
                loop.to_edge(UP, buff=style.EDGE_BUFFER)
                top = loop.get_bottom()[1] - style.ITEM_GAP
            natural = rows.height
            fit_height_between(fit_width(below, self.content_width()), top, floor)
            self.meter_scale = rows.height / natural
            total.set_x(0)
        slots = VGroup(tag, x, plus, delta, equals, new, note)
        self.loop_floor = float(loop.get_bottom()[1])  # where a block's carried word may start
        return heading, loop, slots, rows, trackers

    def widest_note(self) -> float:
        """Width of the widest caption shown over Δ in the wide frame (context, knowledge,
        the later layers)."""
        text = self.clip.text
        return max(
            fitted_text(
                self.words(t, layers=self.n_layers - LAYERS_STORED),
                WIDE_NOTE_WIDTH,
                style.TEXT,
                style.BODY_SIZE,
            ).width
            for t in (text.context, text.knowledge, text.later_layers)
        )

    def open_stage(self, heading: Mobject, stage: VGroup) -> None:
        """Bring in the heading and the stage together, or, when the heading is paged (too
        tall to share the frame), the heading alone and then the stage in its place."""
        pace = self.seconds(style.MEDIUM)
        if not self.heading_paged:
            self.play(FadeIn(heading), *(FadeIn(m) for m in stage), run_time=pace)
            return
        self.play(FadeIn(heading), run_time=pace)
        self.play(FadeOut(heading), *(FadeIn(m) for m in stage), run_time=pace)

    def carrier(self, step: Step, box: Mobject, slots: VGroup) -> VMobject | None:
        """What a block pours into the stream, shown leaving the block: the first name from
        attention (context), the attribute from the MLP (knowledge); the norm adds nothing.

        In the wide frame it appears under the block and under the loop's arrow, clear of
        the tag (placed just under the block, it lay across the arrow's ends); the narrow
        frames have no room there, and it appears under the block."""
        fact, colours = self.clip.fact, self.clip.colours
        word = {
            "attention": (fact.first_name, colours.first_name),
            "mlp": (fact.attribute, colours.attribute),
        }
        if step not in word:
            return None
        name, tint = word[step]
        words = fitted_name(name, NARROW_METER_LABEL, tint).next_to(box, DOWN, buff=style.ITEM_GAP)
        if frame.is_landscape():
            tag = slots[0]
            words.next_to(self.loop_floor * UP, DOWN, buff=style.ITEM_GAP)
            words.set_x(max(box.get_x(), tag.get_right()[0] + style.ITEM_GAP + words.width / 2))
            return keep_in_frame(words)
        return mark_overlay(keep_in_frame(words))  # it flies into Δ

    @beat
    def beat_context_knowledge(self) -> None:
        self.clear_stage()
        index = self.tokens.index(self.clip.fact.last_name)
        heading, loop, slots, rows, trackers = self.soaking_stage()
        tag, x = slots[0], slots[1]
        first = self.last_name_vector(self.flow.embeddings[index]).move_to(x)
        x.become(first if frame.is_landscape() else first.align_to(x, LEFT))  # rows keep left
        self.open_stage(heading, VGroup(loop, tag, x, rows))
        self.until_sentence(0)  # only its own word so far
        self.play(Indicate(rows[0][1], color=style.HIGHLIGHT), run_time=self.seconds(style.LONG))
        stream = self.flow.embeddings[index]
        for layer in range(1, min(LAYERS_STORED, self.n_layers) + 1):
            if layer > 1:
                self.until_sentence(4)  # layer after layer
                self.play(
                    ChangeDecimalToValue(loop.get_count(), layer),
                    run_time=self.seconds(style.SHORT),
                )
            for stage, step in enumerate(STEPS):
                if layer == 1:
                    self.until_sentence(1 + stage)
                record = self.flow.step(layer, step)
                values = self.flow.features[self.flow.feature_index(layer, step), index]
                box = loop.get_box(stage)
                if step == "norm":
                    self.normalised_copy(box, loop.get_box(2), slots, x, record, index, layer > 1)
                    continue
                x = self.add_to_stream(box, step, slots, x, stream, record.vectors[index])
                self.move_meter(rows, trackers, values, run_time=self.seconds(style.SHORT))
                stream = record.vectors[index]
        if self.n_layers > LAYERS_STORED:
            x = self.other_layers(loop, slots, x, stream, rows, trackers)
        self.shown["absorbed"] = [round(float(v), 2) for v in self.flow.features[-1, index]]
        self.shown["absorbed_stream"] = self.entries(x)

    def other_layers(
        self,
        loop: LayerLoop,
        slots: VGroup,
        x: VMobject,
        stream: np.ndarray,
        rows: VGroup,
        trackers: list[ValueTracker],
    ) -> VMobject:
        """The layers after the stored ones, at once: the counter runs to the last layer,
        their summed Δ is added to x (returned) and the meter shows the final stream."""
        index = self.tokens.index(self.clip.fact.last_name)
        self.play(
            ChangeDecimalToValue(loop.get_count(), self.n_layers),
            Succession(
                *(Indicate(b, color=c) for b, c in zip(loop.boxes, stage_tints(), strict=True))
            ),
            run_time=self.seconds(style.MEDIUM),
        )
        x = self.add_to_stream(loop.boxes, None, slots, x, stream, self.flow.final[index])
        self.move_meter(
            rows, trackers, self.flow.features[-1, index], run_time=self.seconds(style.SHORT)
        )
        return x

    def add_to_stream(
        self,
        box: Mobject,
        step: Step | None,
        slots: VGroup,
        x: VMobject,
        before: np.ndarray,
        after: np.ndarray,
    ) -> VMobject:
        """A block's turn: its output Δ leaves the block (with the word it carries) into the
        Δ slot, x + Δ = x' is written with the digits adding up as shown, and x' slides into
        the place of x (returned). ``step`` None: the remaining layers at once."""
        plus, slot_delta, equals, slot_new, slot_note = slots[2:]
        _, shown_delta, shown_new = displayed_addition(before, after, self.clip.display.decimals)
        tint = stage_tints()[STEPS.index(step)] if step is not None else style.MUTED
        delta = self.vector_mob(shown_delta, tint).move_to(slot_delta)
        new = self.last_name_vector(shown_new).move_to(slot_new)
        if not frame.is_landscape():
            delta.align_to(slot_delta, LEFT)
            new.align_to(slot_new, LEFT)
        words = {
            "attention": self.clip.text.context,
            "mlp": self.clip.text.knowledge,
            None: self.clip.text.later_layers,
        }[step]
        note = fitted_text(
            self.words(words, layers=self.n_layers - LAYERS_STORED),
            min(
                self.content_width(),
                WIDE_NOTE_WIDTH if frame.is_landscape() else self.content_width(),
            ),
            tint if step is not None else style.MUTED,
            style.BODY_SIZE,
        )
        if frame.is_landscape():  # over Δ, starting at its left (the tag is left of it)
            note.move_to(slot_note, DOWN).align_to(delta, LEFT)
        else:
            keep_in_frame(note.move_to(slot_note, UP))
        carrier = self.carrier(step, box, slots) if step is not None else None
        light: list[Animation] = [Indicate(box, color=tint, scale_factor=1.0)] if step else []
        if carrier is not None:
            self.play(*light, FadeIn(carrier, shift=0.2 * DOWN), run_time=self.seconds(style.SHORT))
            # Into Δ's top and gone in the first half: shrinking onto Δ it lay over its digits.
            entering = carrier.animate.move_to(delta.get_top()).scale(0.4).set_opacity(0.0)
            light = [entering.build()]
            light[0].rate_func = first_half
        self.play(
            *light,
            # The block's output comes down out of it, digits whole (a box morphed into a
            # column of digits was a smear).
            FadeIn(delta, target_position=box),
            FadeIn(plus),
            run_time=self.seconds(style.MEDIUM),
        )
        if carrier is not None:
            self.remove(carrier)
        # x' is written beside them (never two columns of digits morphed into one another:
        # that showed garbled glyphs); the next move carries it into x's place. Δ's note
        # comes once Δ has landed (it would lie across Δ's digits on the way down).
        self.play(
            FadeIn(note),
            FadeIn(equals),
            FadeIn(new, shift=style.ITEM_GAP * RIGHT),
            run_time=self.seconds(style.MEDIUM),
        )
        triples = zip(self.entries(x), self.entries(delta), self.entries(new), strict=True)
        self.shown.setdefault("stream_sums", []).extend(v for t in triples for v in t)
        # x + Δ goes first, so that x' does not slide across Δ's digits into x's place.
        self.play(FadeOut(VGroup(x, plus, delta, equals, note)), run_time=self.seconds(style.SHORT))
        self.play(
            new.animate.move_to(x, aligned_edge=LEFT if not frame.is_landscape() else ORIGIN),
            run_time=self.seconds(style.SHORT),
        )
        return new

    def normalised_copy(
        self,
        box: Mobject,
        mlp_box: Mobject,
        slots: VGroup,
        stream: VMobject,
        record: FlowStep,
        index: int,
        fast: bool,
    ) -> None:
        """The norm step: a copy of x, divided by its length, appears in the Δ slot (x itself
        stays as it is, and so does the meter), and flies into the MLP block that reads it."""
        slot_delta, slot_note = slots[3], slots[6]
        assert record.norms is not None
        copy = self.vector_mob(record.normalised[index], style.NORM_COLOUR).move_to(slot_delta)
        if not frame.is_landscape():
            copy.align_to(slot_delta, LEFT)
        length = mathcore.fixed(float(record.norms[index]), 2)
        note = MathTex(
            rf"\vec{{x}} \div {length}", font_size=style.READOUT_SIZE, color=style.NORM_COLOUR
        )
        if frame.is_landscape():
            note.move_to(slot_note, DOWN).set_x(copy.get_x())
        else:
            note.move_to(slot_note, UP)
        pace = self.seconds(style.SHORT if fast else style.MEDIUM)
        self.play(Indicate(box, color=style.NORM_COLOUR, scale_factor=1.0), run_time=pace)
        ghost = stream.copy()  # x's copy slides over and fades as x ÷ length appears
        self.play(
            AnimationGroup(
                ghost.animate.move_to(copy).set_opacity(0).build(), FadeIn(copy), lag_ratio=0.5
            ),
            FadeIn(note),
            run_time=pace,
        )
        self.remove(ghost)
        self.shown.setdefault("normalised", []).extend(self.entries(copy))
        # Into the MLP as cells, like the flow's copies: its digits shrinking on the way were
        # specks.
        cells = mark_overlay(self.cells(copy, style.NORM_COLOUR))
        self.play(FadeTransform(copy, cells), FadeOut(note), run_time=pace / 2)
        self.play(cells.animate.scale(FEED_SCALE).move_to(mlp_box).set_opacity(0.0), run_time=pace)
        self.remove(cells)

    # -- where the parameters are ------------------------------------------------------

    @beat
    def beat_mlp_share(self) -> None:
        self.clear_stage()
        text = self.clip.text
        heading = self.title(text.params_title)
        colours = {
            "mlp": style.COMPONENT_COLOURS["mlp"],
            "attention": style.COMPONENT_COLOURS["attention"],
            "other": style.MUTED,
        }
        width = min(style.BAR_WIDTH, self.content_width())
        tall = PORTRAIT_BAR_SCALE if frame.is_portrait() else 1.0  # the tall frame's room
        bar = StackedBar(self.parts, colours, width, tall * style.SHARE_BAR_HEIGHT).move_to(
            style.PICTURE_LIFT * UP
        )
        names = {"mlp": text.mlp_part, "attention": text.attention_part, "other": text.other_part}
        labels = VGroup()
        for key in bar.get_names():
            segment = bar.get_segment(key)
            share = MathTex(
                rf"{self.part_percents[key]}\%", font_size=style.TITLE_MATH_SIZE, color=colours[key]
            )
            words = fitted_text(
                names[key],
                max(segment.width, style.SHARE_LABEL_WIDTH),
                colours[key],
                style.BODY_SIZE,
            )
            labels.add(VGroup(share, words).arrange(DOWN, buff=style.ITEM_GAP))
        labels.arrange(RIGHT, buff=style.SECTION_GAP)
        for key, label in zip(bar.get_names(), labels, strict=True):
            label.next_to(bar.get_segment(key), DOWN, buff=style.SECTION_GAP)
        self.spread(labels)
        total = label_text(
            self.words(text.params_total, n=mathcore.thousands(sum(self.parts.values()))),
            style.MUTED,
        )
        total.next_to(bar, UP, buff=style.SECTION_GAP)
        self.shown["part_percents"] = [float(self.part_percents[k]) for k in self.parts]
        self.play(FadeIn(heading), run_time=self.seconds(style.SHORT))
        self.until_sentence(1)  # tally and split
        self.play(FadeIn(total), run_time=self.seconds(style.SHORT))
        self.play(
            AnimationGroup(
                *(GrowFromEdge(bar.get_segment(k), LEFT) for k in bar.get_names()), lag_ratio=0.5
            ),
            run_time=max(self.seconds(style.LONG), self.sentence_seconds(1) * 0.6),
        )
        self.play(FadeIn(labels, lag_ratio=style.LAG_SLOW), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(2)  # the MLPs' share
        mlp = list(bar.get_names()).index("mlp")
        self.play(
            Indicate(VGroup(bar.get_segment("mlp"), labels[mlp]), color=style.HIGHLIGHT),
            run_time=self.seconds(style.LONG),
        )
        others = [k for k in bar.get_names() if k != "mlp"]
        self.play(
            *(bar.get_segment(k).animate.set_opacity(style.DIM_OPACITY) for k in others),
            *(
                labels[i].animate.set_opacity(style.DIM_OPACITY)
                for i, k in enumerate(bar.get_names())
                if k != "mlp"
            ),
            run_time=self.seconds(style.LONG),
        )

    @staticmethod
    def spread(labels: VGroup) -> None:
        """Push labels right until none overlaps the one before it, keeping them in frame."""
        for before, after in itertools.pairwise(labels):
            gap = after.get_left()[0] - before.get_right()[0] - style.ITEM_GAP
            if gap < 0:
                after.shift(-gap * RIGHT)
        right = config.frame_width / 2 - style.EDGE_BUFFER
        if labels.get_right()[0] > right:
            labels.shift((right - labels.get_right()[0]) * RIGHT)
        for before, after in itertools.pairwise(reversed(labels)):  # then back from the right
            gap = after.get_right()[0] - before.get_left()[0] + style.ITEM_GAP
            if gap > 0:
                after.shift(-gap * RIGHT)
        left = style.EDGE_BUFFER - config.frame_width / 2
        if labels.get_left()[0] < left:  # still too wide: shrink into the frame
            fit_width(labels, right - left).move_to(labels).set_x(0)

    def last_name_vector(self, values: np.ndarray) -> VMobject:
        """The stream on the last name's token, drawn as in the flow."""
        return self.vector_mob(values, self.token_colour(self.clip.fact.last_name))
