"""Beats 2.1-2.10 of the video: how an MLP block could store "Michael Jordan plays basketball".

One pipeline diagram (E → W↑ → + b↑ → σ → W↓ → + b↓ → ⊕ → E_out) stays docked at the top
of the frame; each beat zooms out of its stage (its picture grows from the stage's box) and,
when the next beat starts, shrinks back into it. Every number on screen comes from
``mathcore.walkthrough_numbers`` (one record, rounded once, every displayed sum computed from
its displayed terms), so a value shown in two beats is the same value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Arrow,
    Axes,
    Brace,
    Circumscribe,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    GrowArrow,
    GrowFromCenter,
    GrowFromPoint,
    Indicate,
    Line,
    MathTex,
    Mobject,
    MoveAlongPath,
    Polygon,
    Rectangle,
    ReplacementTransform,
    Restore,
    Square,
    Succession,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    VGroup,
    VMobject,
    Write,
    config,
    rate_functions,
)

import mathcore
from scenes.config import MLPWalkthroughConfig, fill
from scenes.visual import frame, style
from scenes.visual.beats import BeatScene, Dissolve, beat
from scenes.visual.components import (
    ActivationGraph,
    ActivationGrid,
    ArrayMatrix,
    BlockIcon,
    EmbeddingColumn,
    MatrixProduct,
    MLPPipeline,
    NetworkDiagram,
    NeuronLayer,
    fit_height_between,
    fit_width,
    fitted_text,
    label_text,
    number_entry,
    tex_thousands,
)
from scenes.visual.motion import GrowOutOf, ShrinkInto

FIRST = mathcore.FACT_NEURON
M = TypeVar("M", bound=Mobject)
DOCK_WIDTH = 9.0  # the pipeline's width while docked at the top
DOCK_BUFF = 0.15
FRAME_MARGIN = 0.1  # closest a tag may come to the frame's side
NARROW_PIPELINE_GAP = 0.35  # between the pipeline's boxes in a narrow frame (arrows shorter)
NAME_WIDTH = 4.4  # widest a name may be in a table (a longer one: first name over last name)
SQUARE_TOKENS = 4  # tokens the flow beat draws in the square frame
NARROW_COLUMNS = 3  # columns of a matrix drawn in the square and vertical frames
SQUARE_ROWS = 4  # rows of a vector or matrix drawn in the square frame
NARROW_NAME_WIDTH = 3.0  # the same in the vertical frame
SQUARE_NAME_WIDTH = 3.4  # and in the square one, whose tables are short of height, not width
SQUARE_TABLE_GAPS = (0.3, 0.2)  # between a table's columns and rows in the square frame
SQUARE_GRAPH_WIDTH = 3.2  # the activation graph's axes in the square frame
SQUARE_GRAPH_HEIGHT = 1.8
SQUARE_PRODUCT_GAP = 0.15  # between a matrix product's parts in the square frame
SQUARE_LAYER_GAP = 1.8  # between the network's two layers in the square frame
# The pipeline in the square frame: gap between boxes, box height, room each side of a label
# (its labels keep 20 px glyphs once it spans the frame's width).
SQUARE_PIPELINE = (0.3, 0.7, 0.1)
SHRINK = 0.04  # a picture returning into its stage shrinks to this scale
MAX_ZOOM = 1.5  # a stage's picture is enlarged at most this much to fill the room
ZOOM_MATRIX_SIZE = 30  # entries of a matrix in a wide picture, which place() shrinks (>= 14 px)
EQUATION_SCALE = 0.4  # the down projection's column reading: its vectors, to the matrix's
ELLIPSIS_DOT = 0.03  # radius of the dots standing for a bar vector's left-out entries
BAR_MIN = 0.01  # width of a bar for 0 (a bar never has no width)
BAR_REACH = 2.2  # a bar vector is this many entries wide (its longest bar spans it)


@dataclass(frozen=True)
class Prepared:
    """Everything prepare() computes (pure: no manim), for the scene and the tests."""

    toy: mathcore.ToyFact
    sequence: mathcore.MLPTrace
    numbers: mathcore.Walkthrough
    tokens: tuple[mathcore.DisplayedPass, ...]  # every prompt token's pass, as displayed
    labels: tuple[str, ...]  # full name, probes, "neither"
    focus: int  # the prompt token followed (the last name's)
    tags: tuple[str, ...]  # each label's initials, as the plane marks its names


@dataclass(frozen=True)
class Term:
    """One term ``h_i [C_i]`` of the column reading: the neuron's value and its column as
    bars, on screen (``bars``, column i as is when it arrives), and the two shapes the bars
    take: scaled by h_i, and zero (the neuron off)."""

    coefficient: MathTex
    bars: VGroup
    scaled: VGroup
    zero: VGroup


@dataclass(frozen=True)
class Reading:
    """W↓h read column by column: the whole equation, its terms by neuron index, what each
    step of the matrix's drawn columns adds besides its term (``+``, ``⋯``), the equals
    sign, the result's bars, and the bars' common scale ``top``."""

    whole: VGroup
    terms: dict[int, Term]
    extras: list[VGroup]
    equals: MathTex
    result: VGroup
    top: float


def prepare_numbers(c: MLPWalkthroughConfig) -> Prepared:
    """The toy block, the focused vector's pass and every probe's entry 1, as displayed."""
    fact = c.fact
    full = mathcore.Probe(f"{fact.first_name} {fact.last_name}", (fact.first_name, fact.last_name))
    others = tuple(mathcore.Probe(f"{a} {b}", (a, b)) for a, b in c.probe_names())
    prompt = c.prompt_words()
    toy = mathcore.build_toy_fact(
        fact.first_name,
        fact.last_name,
        fact.attribute,
        (full, *others),
        c.toy.d_model,
        c.toy.d_mlp,
        c.seed,
        c.toy.tilt,
        c.toy.noise,
        c.activation,
        extra_names=prompt,
        other_facts=c.other_facts(),
    )
    features = mathcore.token_features(prompt, fact.first_name, fact.last_name)
    sequence = mathcore.sequence_trace(toy, features, c.activation)
    labels = (*(p.label for p in toy.probes), fill(c.text.neither, fact))
    vectors = [t.embedding for t in toy.traces] + [np.zeros(c.toy.d_model)]
    d = c.display.decimals
    numbers = mathcore.walkthrough_numbers(
        toy,
        toy.traces[0].embedding,
        labels,
        vectors,
        d,
        c.activation,
        (fact.first_name, fact.last_name, fact.attribute),
        (fact.attribute, *c.other_facts()),
    )
    tokens = tuple(mathcore.displayed_pass(toy, e, d, c.activation) for e in sequence.embedding)
    names = ((fact.first_name, fact.last_name), *c.probe_names(), labels[-1].split())
    return Prepared(
        toy, sequence, numbers, tokens, labels, prompt.index(fact.last_name), tuple(initials(names))
    )


class MLPWalkthrough(BeatScene[MLPWalkthroughConfig]):
    """The MLP block, step by step, on a toy fact, with every value computed."""

    config_class = MLPWalkthroughConfig

    def prepare(self) -> None:
        c = self.clip
        self.data = prepare_numbers(c)
        self.n = self.data.numbers
        self.sym = {"M": c.fact.first_symbol, "J": c.fact.last_symbol, "B": c.fact.attribute_symbol}
        self.row_convention = c.convention == "row"
        # In a narrow frame the pipeline spans the frame's width with shorter arrows, so that
        # its labels keep their size.
        gap = style.PIPELINE_GAP if frame.is_landscape() else NARROW_PIPELINE_GAP
        if self.is_square():  # tighter still: the square frame's room is short of height too
            gap, height, pad = SQUARE_PIPELINE
            self.pipeline = MLPPipeline(self.stage_labels(), box_height=height, gap=gap, pad=pad)
        else:
            self.pipeline = MLPPipeline(self.stage_labels(), gap=gap)
        self.content_key = ""

    def narration_values(self) -> dict[str, object]:
        return {"model": self.clip.model.name}

    # -- the pipeline: docking, zooming into a stage and back ----------------------------

    def stage_labels(self) -> list[tuple[str, str]]:
        act = style.ACTIVATION_TITLES[self.clip.activation]
        return [
            ("in", "E"),
            ("up", r"W_{\uparrow}"),
            ("bias_up", r"+\,b_{\uparrow}"),
            ("act", rf"\text{{{act}}}"),
            ("down", r"W_{\downarrow}"),
            ("bias_down", r"+\,b_{\downarrow}"),
            ("add", r"\oplus"),
            ("out", r"E_{\text{out}}"),
        ]

    def is_square(self) -> bool:
        """True in the square frame: as narrow as the vertical one, as short as the wide one."""
        return not frame.is_landscape() and not frame.is_portrait()

    def gap(self, wide: float) -> float:
        """``wide`` between the parts of a picture, SECTION_GAP in the square frame (its room
        is short both ways: a wide gap would shrink the numbers)."""
        return style.SECTION_GAP if self.is_square() else wide

    def page(self, old: Mobject, new: Mobject) -> None:
        """Turn the page (square frame): ``old`` leaves upwards, then ``new`` comes up in
        the same room."""
        self.play(FadeOut(old, shift=UP * style.ITEM_GAP), run_time=self.seconds(style.SHORT))
        self.play(FadeIn(new, shift=UP * style.ITEM_GAP), run_time=self.seconds(style.SHORT))

    def carry(self, pairs: Sequence[tuple[Mobject, Mobject]], *others: Animation) -> None:
        """Copies of each source travel into their target (hidden until then), which then
        fades in; ``others`` play alongside: a value moved to another picture, not retyped."""
        ghosts = [source.copy() for source, _ in pairs]
        for _, target in pairs:
            target.set_opacity(0)
        moves = [
            g.animate.scale(min(1.0, t.height / g.height, t.width / g.width)).move_to(t).build()
            for g, (_, t) in zip(ghosts, pairs, strict=True)
        ]
        self.play(*moves, *others, run_time=self.seconds(style.MEDIUM))
        self.remove(*ghosts)
        self.play(
            *(t.animate.set_opacity(1) for _, t in pairs), run_time=self.seconds(style.SHORT) / 2
        )

    def room_width(self) -> float:
        """The widest a picture may be in this frame (margins kept)."""
        return min(style.CONTENT_WIDTH, config.frame_width - 2 * style.EDGE_BUFFER)

    def side(self) -> np.ndarray:
        """Where a second picture goes: beside the first in a wide frame, under it otherwise."""
        return RIGHT if frame.is_landscape() else DOWN

    def arranged(self, parts: list[VMobject], buff: float, below: float = 0.0) -> VGroup:
        """``parts`` side by side or stacked, whichever :meth:`place` can draw larger in the
        room left above ``below`` more scene units (the frame's usual side on a tie)."""
        room_w = self.room_width()
        room_h = self.content_top() - self.caption_top() - below
        gaps = buff * (len(parts) - 1)
        widths, heights = [m.width for m in parts], [m.height for m in parts]
        across = min(room_w / (sum(widths) + gaps), room_h / max(heights), MAX_ZOOM)
        stacked = min(room_w / max(widths), room_h / (sum(heights) + gaps), MAX_ZOOM)
        if abs(across - stacked) < 1e-6:
            direction = self.side()
        else:
            direction = RIGHT if across > stacked else DOWN
        return VGroup(*parts).arrange(direction, buff=buff)

    def dock_width(self) -> float:
        """The pipeline's width while docked at the top: the frame's width in a narrow frame."""
        return min(DOCK_WIDTH, config.frame_width - 2 * DOCK_BUFF)

    def full_width(self) -> float:
        """The pipeline's width when it is the whole picture."""
        return max(self.room_width(), self.dock_width())

    def docked(self, pipeline: Any) -> Any:
        return pipeline.scale_to_fit_width(self.dock_width()).to_edge(UP, buff=DOCK_BUFF)

    def dock(self) -> None:
        """The pipeline at the top of the frame (animated there if it was elsewhere)."""
        if self.pipeline not in self.mobjects:
            self.add(self.docked(self.pipeline))
        elif (
            abs(self.pipeline.width - self.dock_width()) > style.TINY
            or abs(self.pipeline.get_top()[1] - (config.frame_height / 2 - DOCK_BUFF)) > style.TINY
        ):
            builder: Any = self.pipeline.animate
            self.play(self.docked(builder), run_time=self.seconds(style.MEDIUM))

    def content_top(self) -> float:
        """The top of the room under the docked pipeline (wherever the pipeline is now)."""
        docked_height = self.pipeline.height * self.dock_width() / self.pipeline.width
        return config.frame_height / 2 - DOCK_BUFF - docked_height - style.ITEM_GAP

    def leave(self) -> None:
        """Shrink the last beat's picture back into its stage; the caption fades."""
        keep = (self.pipeline, self._track, self._caption)
        parts = [m for m in self.mobjects if all(m is not k for k in keep)]
        on_screen = self.pipeline in self.mobjects
        animations: list[Any] = []
        if on_screen:
            animations += [
                self.pipeline.get_box(k).animate.set_stroke(
                    style.BLOCK, width=style.AXIS_STROKE * 2
                )
                for k in self.pipeline.get_keys()
            ]
        if self._caption is not None and self._caption in self.mobjects:
            animations.append(FadeOut(self._caption))
        if parts and self.content_key and on_screen:
            box = self.pipeline.get_box(self.content_key)
            # It fades as it shrinks: the shrunk picture must not stay on the box as a speck.
            animations.append(ShrinkInto(Group(*parts), box.get_center(), SHRINK))
        elif parts:
            animations.append(Dissolve(*parts))
        if animations:
            self.play(*animations, run_time=self.seconds(style.SHORT))
        self.remove(*parts)
        self.content_key = ""

    def zoom(self, key: str, *parts: VMobject) -> VGroup:
        """Open stage ``key``: light its box and grow ``parts`` out of it."""
        self.leave()
        self.dock()
        box = self.pipeline.get_box(key)
        content = VGroup(*parts)
        self.content_key = key
        self.play(
            box.animate.set_stroke(style.HIGHLIGHT, width=style.AXIS_STROKE * 3),
            GrowOutOf(content, box.get_center()),
            run_time=self.seconds(style.MEDIUM),
        )
        return content

    def place(self, picture: M) -> M:
        """Scale ``picture`` to fill the room between the docked pipeline and the caption zone
        (enlarged at most MAX_ZOOM times: the stage's zoom) and centre it there."""
        top, bottom = self.content_top(), self.caption_top()
        scale = min(self.room_width() / picture.width, (top - bottom) / picture.height, MAX_ZOOM)
        picture.scale(scale)
        return picture.move_to(((top + bottom) / 2) * UP)

    # -- shared pieces --------------------------------------------------------------------

    def say(self, template: str) -> Mobject:
        """Caption a text template from the config, the fact's names filled in."""
        return self.show_caption(fill(template, self.clip.fact, model=self.clip.model.name))

    def vec(self, key: str) -> str:
        return rf"\vec{{{self.sym[key]}}}"

    def colour(self, key: str) -> str:
        colours = self.clip.colours
        return {"M": colours.first_name, "J": colours.last_name, "B": colours.attribute}[key]

    def column(
        self, values: np.ndarray, colour: str | None = None, size: float = style.MATRIX_SIZE
    ) -> ArrayMatrix:
        """A vector drawn in the clip's convention: a column (video) or a row (code)."""
        colour = style.TEXT if colour is None else colour
        display = self.clip.display
        if self.row_convention:
            matrix = ArrayMatrix(values[None, :], 1, display.columns, display.decimals, size)
            matrix.get_brackets().set_color(colour)
            return matrix
        return EmbeddingColumn(values, self.shown_rows(), display.decimals, colour, size)

    def entry(self, vector: ArrayMatrix, index: int) -> VMobject:
        return vector.get_entry(FIRST, index) if self.row_convention else vector.get_entry(index)

    def shown_rows(self) -> int:
        """Rows of a vector or matrix drawn: fewer in the square frame, whose room is short
        (the numbers keep their size)."""
        rows = self.clip.display.rows
        square = not frame.is_landscape() and not frame.is_portrait()
        return min(rows, SQUARE_ROWS) if square else rows

    def shown_columns(self) -> int:
        """Columns of a matrix drawn: at most NARROW_COLUMNS in a narrow frame (its numbers
        keep their size; the product beside it must still fit the width)."""
        columns = self.clip.display.columns
        return columns if frame.is_landscape() else min(columns, NARROW_COLUMNS)

    def product(self, weights: np.ndarray, vector: np.ndarray, result: np.ndarray) -> MatrixProduct:
        d = self.clip.display
        product = MatrixProduct(
            mathcore.rounded(weights, d.decimals),
            vector,
            result,
            self.shown_rows(),
            self.shown_columns(),
            d.decimals,
            self.clip.convention,
            font_size=self.entry_size(),
        )
        if self.is_square() and not self.row_convention:  # closer: the width is what binds
            product.arrange(RIGHT, buff=SQUARE_PRODUCT_GAP)
        return product

    def entry_size(self, wide: float = style.MATRIX_SIZE) -> float:
        """Font size of the entries of a matrix or vector: ``wide``, or MATH_SIZE in the
        square frame, whose pictures are bound by its width: the entries grow, their columns'
        spacing does not, so once the picture is fitted the digits stay 20 px or taller."""
        return style.MATH_SIZE if self.is_square() else wide

    def vector_sum(self, vectors: list[ArrayMatrix], operators: list[str]) -> VGroup:
        """``a + b = c``: side by side (columns) or one vector per line (rows)."""
        parts: list[VMobject] = [vectors[0]]
        for operator, vector in zip(operators, vectors[1:], strict=True):
            parts += [MathTex(operator, font_size=style.MATH_SIZE), vector]
        group = VGroup(*parts)
        if not self.row_convention:
            return group.arrange(RIGHT, buff=style.ITEM_GAP)
        VGroup(*parts).arrange(DOWN, aligned_edge=RIGHT, buff=style.ITEM_GAP)
        return group

    def num(self, value: float, colour: str | None = None) -> MathTex:
        colour = style.TEXT if colour is None else colour
        return MathTex(
            mathcore.fixed(value, self.n.decimals), font_size=style.MATH_SIZE, color=colour
        )

    def name(self, index: int, numbered: bool = False) -> VMobject:
        """Name ``index`` in its colour: on one line if it fits in NAME_WIDTH, else broken
        between words or after a hyphen of the name (:func:`hyphen_lines`), never shrunk
        unless one piece alone is still too wide."""
        prefix = f"{index + 1} " if numbered else ""
        width = NAME_WIDTH if frame.is_landscape() else NARROW_NAME_WIDTH
        width = SQUARE_NAME_WIDTH if self.is_square() else width
        return self.broken(prefix + self.data.labels[index], width,
                           self.probe_colour(index), style.BODY_SIZE)  # fmt: skip

    def broken(self, words: str, width: float, colour: str, size: float) -> VMobject:
        """``words`` at ``size``, broken into lines (:func:`hyphen_lines`) if wider than
        ``width``; shrunk only if a piece alone is still too wide."""
        text = label_text(words, colour, size)
        if text.width > width:
            chars = max(style.MIN_WRAP, int(len(words) * width / text.width))
            text = label_text(hyphen_lines(words, chars), colour, size)
        return fit_width(text, width)

    def probe_colour(self, index: int) -> str:
        """The full name green, the probes in the names' colours, "neither" muted."""
        colours = self.clip.colours
        if index == 0:
            return colours.combined
        if index == len(self.data.labels) - 1:
            return style.MUTED
        return (colours.first_name, colours.last_name)[(index - 1) % 2]

    def emerge(self, source: Mobject, *targets: Mobject) -> None:
        """A copy of ``source`` travels, whole, into the place of each target (hidden until
        then) and fades there; then the targets fade in: digits never morph into other
        digits. A target already on screen as part of a picture stays part of it."""
        # In the highlight colour: a copy setting off from the very digits it copies read
        # as one number drawn over another ("0.0303").
        ghosts = [source.copy().set_color(style.HIGHLIGHT) for _ in targets]
        for target in targets:
            target.set_opacity(0)
        moves = [
            g.animate.scale(min(1.0, t.height / g.height, t.width / g.width))  # shrinks into it
            .move_to(t)
            .set_opacity(0)
            .build()
            for g, t in zip(ghosts, targets, strict=True)
        ]
        shows = [t.animate.set_opacity(1).build() for t in targets]
        self.play(
            AnimationGroup(AnimationGroup(*moves), AnimationGroup(*shows), lag_ratio=1),
            run_time=self.seconds(style.SHORT),
        )
        self.remove(*ghosts)

    def swap(self, old: Mobject, new: Mobject) -> AnimationGroup:
        """``old`` fades out where it is, then ``new`` fades in (in its place): a value
        replaced, never morphed glyph into glyph."""
        return AnimationGroup(
            old.animate.set_opacity(0).build(),
            FadeIn(new, shift=UP * style.ITEM_GAP / 2),
            lag_ratio=1,
        )

    def table(self, header: list[str], rows: list[list[VMobject]]) -> VGroup:
        """A grid: a header row of LaTeX, then rows of cells; names left, numbers right."""
        heads = [MathTex(h, font_size=style.MATH_SIZE, color=style.MUTED) for h in header]
        cells = [*heads, *(cell for row in rows for cell in row)]
        columns = len(header)
        return VGroup(*cells).arrange_in_grid(
            rows=len(rows) + 1,
            cols=columns,
            buff=SQUARE_TABLE_GAPS if self.is_square() else (style.SECTION_GAP, style.ROW_GAP),
            col_alignments="l" + "r" * (columns - 1),
        )

    # -- pace: each step of the picture starts with the sentence that explains it ----------

    def span(self, first: int, last: int | None = None) -> tuple[float, float]:
        """When sentence ``first`` starts and sentence ``last`` (default ``first``) ends, in
        seconds from the beat's start; indices clamp as in ``until_sentence``."""
        spoken = [cue for cue in self.current_beat.cues if cue.kind == "narration"]
        if not spoken:
            return 0.0, 0.0

        def pick(index: int) -> Any:
            return spoken[max(-len(spoken), min(index, len(spoken) - 1))]

        return pick(first).start, pick(first if last is None else last).end

    def at(self, first: int, fraction: float = 0.0, last: int | None = None) -> None:
        """Hold the picture until ``fraction`` of the way from the start of sentence ``first``
        to the end of sentence ``last`` (default: ``first``): a step of the picture starts
        with the words that explain it. No wait when that moment has passed."""
        start, end = self.span(first, last)
        remaining = start + fraction * (end - start) - (self.time - self.current_beat.start)
        if remaining >= 1 / config.frame_rate:  # a shorter wait is not one frame
            self.wait(remaining)

    def spread(self, first: int, last: int, count: int) -> list[float]:
        """Run time of each of ``count`` steps spread evenly over sentences first..last (a
        step takes at most half its share, so the picture settles between steps)."""
        start, end = self.span(first, last)
        share = (end - start) / max(count, 1)
        return [max(self.seconds(style.SHORT) / 2, share / 2)] * count

    # -- beats ----------------------------------------------------------------------------

    @beat
    def beat_flow(self) -> None:
        self.clear_stage()
        c = self.clip
        shown = self.flow_tokens()  # token indices, None where tokens are left out
        tokens = [t for t in shown if t is not None]
        columns = VGroup(*(self.token_column(t) for t in tokens))
        # A long word is broken into lines about as wide as its column, not wider (its
        # neighbours' words would touch it, or the row of tokens would have to shrink).
        per_row = -(-len(shown) // 2) if frame.is_portrait() else len(shown)
        width = max(columns[0].width, self.room_width() / per_row - style.SECTION_GAP)
        words = VGroup(
            *(self.broken(c.prompt_words()[t], width, style.TEXT, style.BODY_SIZE) for t in tokens)
        )
        for word, col in zip(words, columns, strict=True):
            word.next_to(col, UP, buff=style.ITEM_GAP)
        pairs = iter(VGroup(w, col) for w, col in zip(words, columns, strict=True))
        gaps = VGroup(*(MathTex(r"\cdots", font_size=style.MATH_SIZE) for t in shown if t is None))
        spots = iter(gaps)
        row = VGroup(*(next(pairs) if t is not None else next(spots) for t in shown))
        if frame.is_portrait():  # two rows of tokens in the vertical frame
            row.arrange_in_grid(rows=2, buff=(style.SECTION_GAP, style.WIDE_GAP))
        else:
            row.arrange(RIGHT, buff=style.SECTION_GAP, aligned_edge=DOWN)
        for dots in gaps:  # the left-out tokens: an ellipsis level with the columns
            dots.match_y(columns[0])
        picture = fit_width(VGroup(words, columns, gaps), self.room_width())
        # The block goes under the picture, above the caption zone.
        below = self.gap(style.WIDE_GAP)  # between the picture and the block
        bottom = self.caption_top() + style.BLOCK_HEIGHT + below + style.ITEM_GAP
        fit_height_between(picture, config.frame_height / 2 - style.EDGE_BUFFER, bottom)
        block = BlockIcon(c.text.block, width=picture.width).next_to(picture, DOWN, buff=below)
        self.play(FadeIn(picture), FadeIn(block), run_time=self.seconds(style.MEDIUM))
        self.say(c.text.flow)
        self.at(1)  # each column goes into the block on its own and comes back with the output
        focus = tokens.index(self.data.focus)
        outs = self.through_block(
            columns, block, [self.data.tokens[t].residual for t in tokens], focus
        )
        self.at(2)  # the one we follow, as it came out (the next beat opens the block for it)
        self.play(
            Create(SurroundingRectangle(outs[focus], color=style.HIGHLIGHT)),
            run_time=self.seconds(style.MEDIUM),
        )
        self.at(3)  # the one we follow stands for all of them
        others = [column for k, column in enumerate(outs) if k != focus]
        self.play(
            *(o.animate.set_opacity(0.3) for o in others), run_time=self.seconds(style.MEDIUM)
        )
        self.at(3, 0.6)
        self.play(*(o.animate.set_opacity(1) for o in others), run_time=self.seconds(style.MEDIUM))

    def token_column(self, token: int) -> EmbeddingColumn:
        """The embedding of prompt token ``token`` as it arrives at the block."""
        d = self.clip.display
        return EmbeddingColumn(
            self.data.tokens[token].embedding,
            self.shown_rows(),
            d.decimals,
            font_size=self.entry_size(),
        )

    def flow_tokens(self) -> list[int | None]:
        """The prompt tokens drawn, None for an ellipsis where tokens are left out: the
        display's count (:func:`mathcore.shown_indices`), four in the square frame (one row
        must fit its width), the followed token always among them."""
        count, shown = len(self.data.tokens), self.clip.display.tokens
        if not frame.is_landscape() and not frame.is_portrait():
            shown = min(shown, SQUARE_TOKENS)
        tokens = [t for t in mathcore.shown_indices(count, shown) if t is not None]
        if self.data.focus not in tokens:  # keep the followed one: it replaces the one before
            tokens = sorted({*tokens[:-2], self.data.focus, tokens[-1]})
        drawn: list[int | None] = []
        for t in tokens:  # an ellipsis wherever neighbours drawn are not neighbours in the prompt
            if drawn and t - int(drawn[-1] or 0) > 1:
                drawn.append(None)
            drawn.append(t)
        return drawn

    def through_block(
        self, columns: VGroup, block: BlockIcon, values: list[np.ndarray], first: int
    ) -> VGroup:
        """Column ``first`` goes down into ``block`` alone, seen going in, and comes back up
        out of it, changed: the column of its ``values`` (the input plus the block's output);
        then the others do the same, together, none waiting for another."""
        d = self.clip.display
        outs = VGroup(
            *(
                EmbeddingColumn(v, self.shown_rows(), d.decimals, self.clip.colours.combined,
                                self.entry_size())
                for v in values
            )
        )  # fmt: skip
        for out, col in zip(outs, columns, strict=True):
            out.scale_to_fit_height(col.height).move_to(col).save_state()
            out.scale(0.3).move_to(block).set_x(col.get_x()).set_opacity(0)  # out of the block
        self.pass_through([columns[first]], [outs[first]], block)
        rest = [k for k in range(len(columns)) if k != first]
        if rest:
            self.pass_through([columns[k] for k in rest], [outs[k] for k in rest], block)
        return outs

    def pass_through(self, ins: list[Mobject], outs: list[Mobject], block: BlockIcon) -> None:
        """``ins`` sink into ``block`` (one a moment after the other), the block works, and
        ``outs`` (saved in place, hidden in the block) come up out of it to their places."""
        self.play(
            AnimationGroup(*(self.into(column, block) for column in ins), lag_ratio=0.15),
            run_time=self.seconds(style.MEDIUM),
        )
        self.remove(*ins)
        self.play(Indicate(block.get_box(), color=style.HIGHLIGHT, scale_factor=1.05),
                  run_time=self.seconds(style.SHORT))  # fmt: skip
        self.play(
            AnimationGroup(*(Restore(out) for out in outs), lag_ratio=0.15),
            run_time=self.seconds(style.MEDIUM),
        )

    @staticmethod
    def into(column: Mobject, block: Mobject) -> Succession:
        """``column`` goes down until it dips into ``block``'s top edge, still readable, then
        sinks into the block and is gone."""
        dip = column.copy().scale(0.7)
        dip.move_to(block.get_top() + dip.height / 4 * DOWN).set_x(column.get_x())
        gone = column.copy().scale(0.2).move_to(block).set_x(column.get_x()).set_opacity(0)
        return Succession(
            Transform(column, dip, rate_func=rate_functions.ease_in_sine),
            Transform(column, gone, rate_func=rate_functions.ease_out_sine),
        )

    @beat
    def beat_pipeline(self) -> None:
        self.clear_stage()
        p = self.pipeline.scale_to_fit_width(self.full_width()).move_to(UP * style.PICTURE_LIFT)
        self.play(FadeIn(p, shift=UP * style.ITEM_GAP), run_time=self.seconds(style.MEDIUM))
        self.say(self.clip.text.pipeline)
        stages = self.pipeline.get_keys()[1:-1]  # named one by one by the second sentence
        for step, key in enumerate(stages):
            self.at(1, step / len(stages))
            self.play(Indicate(p.get_stage(key)), run_time=self.seconds(style.MEDIUM))
        self.at(2)  # our vector: one copy rides the skip connection, one goes through
        m_j = rf"{self.vec('M')} + {self.vec('J')}"
        tag = self.tag(m_j, self.clip.colours.combined).next_to(p.get_stage("in"), DOWN)
        self.inside(tag)
        self.play(FadeIn(tag, shift=RIGHT * style.ITEM_GAP), run_time=self.seconds(style.SHORT))
        skip = tag.copy()
        edge = config.frame_width / 2 - FRAME_MARGIN - skip.width / 2  # its centre's reach
        corners = [  # stop above the ⊕, not on it
            np.array([min(max(x, -edge), edge), y, z])
            for x, y, z in self.pipeline.get_skip_points()[:-1]
        ]
        self.play(
            MoveAlongPath(skip, VMobject().set_points_as_corners(corners)),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(
            skip.animate.next_to(p.get_stage("add"), DOWN), run_time=self.seconds(style.SHORT)
        )
        self.at(3)
        result = self.travel(tag, skip)
        self.at(4)  # the next beats open the stages one at a time, starting with W_up
        self.play(Circumscribe(result, color=style.HIGHLIGHT), run_time=self.seconds(style.MEDIUM))
        self.play(
            self.pipeline.get_box("up").animate.set_stroke(
                style.HIGHLIGHT, width=style.AXIS_STROKE * 3
            ),
            Indicate(p.get_stage("up"), color=style.HIGHLIGHT),
            run_time=self.seconds(style.MEDIUM),
        )

    def travel(self, tag: VGroup, skip: VGroup) -> VGroup:
        """``tag`` goes through the stages (W↓ turns it into the attribute's direction), then
        meets ``skip`` at the ⊕: what comes out holds both."""
        p = self.pipeline
        for key in p.get_keys()[1:-2]:
            self.play(tag.animate.next_to(p.get_stage(key), DOWN), Indicate(p.get_stage(key)),
                      run_time=self.seconds(style.SHORT))  # fmt: skip
            if key == "up":  # past W↑ it is no longer M + J but one value per neuron
                output = self.word_tag(self.clip.text.layer_out, self.clip.colours.text)
                self.play(self.swap(tag, output.move_to(tag)), run_time=self.seconds(style.SHORT))
                self.remove(tag)
                tag = output
            if key == "down":  # what the block computes: the attribute's direction
                output = self.tag(self.vec("B"), self.clip.colours.attribute).move_to(tag)
                self.play(self.swap(tag, output), run_time=self.seconds(style.SHORT))
                self.remove(tag)
                tag = output
        m_j = rf"{self.vec('M')} + {self.vec('J')}"
        result = self.tag(rf"{m_j} + {self.vec('B')}", self.clip.colours.attribute)
        self.inside(result.next_to(p.get_stage("out"), DOWN))
        meet = [m.animate.move_to(result).set_opacity(0).build() for m in (tag, skip)]
        self.play(AnimationGroup(AnimationGroup(*meet), FadeIn(result), lag_ratio=1),
                  Indicate(p.get_stage("add")), run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.remove(tag, skip)
        return result

    def inside(self, mobject: M) -> M:
        """Shift ``mobject`` sideways into the frame (a tag under an end stage of the pipeline
        in a narrow frame)."""
        edge = config.frame_width / 2 - FRAME_MARGIN
        if mobject.get_right()[0] > edge:
            mobject.shift((edge - mobject.get_right()[0]) * RIGHT)
        if mobject.get_left()[0] < -edge:
            mobject.shift((-edge - mobject.get_left()[0]) * RIGHT)
        return mobject

    def tag(self, tex: str, colour: str) -> VGroup:
        """A formula in a filled box: what the travelling vector holds at a stage."""
        return self.boxed(MathTex(tex, font_size=style.MATH_SIZE, color=colour), colour)

    def word_tag(self, words: str, colour: str) -> VGroup:
        """Words (from the config) in the same box as :meth:`tag`."""
        return self.boxed(label_text(words, colour, style.BODY_SIZE), colour)

    def boxed(self, label: VMobject, colour: str) -> VGroup:
        box = SurroundingRectangle(label, color=colour, buff=style.HIGHLIGHT_BUFF * 1.5)
        box.set_fill(self.clip.colours.background, opacity=1)
        return VGroup(box, label)

    @beat
    def beat_up_projection(self) -> None:
        p = self.n.focus
        group = self.product(self.data.toy.weights.w_up, p.embedding, p.up)
        title = MathTex(r"W_{\uparrow} E", font_size=style.MATH_SIZE)
        picture = self.place(VGroup(title, group).arrange(DOWN, buff=style.ITEM_GAP))
        result_entries = group.get_result().get_entries().set_opacity(0)
        self.zoom("up", picture)
        self.say(self.clip.text.up_projection)
        self.at(0, 0.5)  # "a big matrix filled with learned numbers"
        self.play(
            Circumscribe(group.get_matrix(), color=style.HIGHLIGHT),
            run_time=self.seconds(style.LONG),
        )
        self.at(1)  # one row at a time, each dotted with E
        marker = SurroundingRectangle(group.get_output_weights(FIRST), color=style.HIGHLIGHT)
        self.play(
            Create(marker),
            Create(SurroundingRectangle(group.get_vector(), color=style.HIGHLIGHT)),
            run_time=self.seconds(style.MEDIUM),
        )
        rows = [index for index in group.get_output_indices() if index is not None]
        for step, index in enumerate(rows):
            self.at(2, step / len(rows), last=3)
            target = SurroundingRectangle(group.get_output_weights(index), color=style.HIGHLIGHT)
            self.play(Transform(marker, target), run_time=self.seconds(style.SHORT))
            self.emerge(group.get_output_weights(index), group.get_result_entry(index))
        self.play(result_entries.animate.set_opacity(1), run_time=self.seconds(style.SHORT))

    @beat
    def beat_rows_as_questions(self) -> None:
        c = self.clip
        matrix = self.rounded_matrix(self.data.toy.weights.w_up)
        row = matrix.get_row(FIRST)
        label_m = MathTex(self.vec("M"), font_size=style.MATH_SIZE, color=self.colour("M"))
        label_mj = MathTex(
            rf"{self.vec('M')} + {self.vec('J')}",
            font_size=style.MATH_SIZE,
            color=c.colours.combined,
        )
        small, big = self.row_tables()
        questions = self.question_labels(matrix)
        if self.is_square():
            self.rows_pages(matrix, (label_m, label_mj), small, big, questions)
            return
        self.lay_out_rows(matrix, (label_m, label_mj), big, small, questions)
        alone = self.row_were_m(matrix)
        self.zoom("up", matrix)
        self.say(c.text.m_alone)
        self.play(Circumscribe(row, color=style.HIGHLIGHT), run_time=self.seconds(style.MEDIUM))
        self.at(1)  # row 1 = M alone: the table fills one name at a time
        self.play(FadeIn(label_m, shift=LEFT * style.ITEM_GAP), run_time=self.seconds(style.SHORT))
        self.fill_rows(small, 2, 1)
        self.at(2)
        self.say(c.text.m_plus_j)
        moves = zip(small, cells(big, 4, (0, 1)), strict=True)
        self.play(self.swap(label_m, label_mj), self.row_becomes(alone, row),
                  *(ReplacementTransform(a, b) for a, b in moves),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        matrix.remove(alone)
        for step, col in enumerate((2, 3)):  # the dot product splits: one part per name, the sum
            self.at(3, 0.25 * step)
            self.play(FadeIn(VGroup(*cells(big, 4, (col,))), lag_ratio=style.LAG_SLOW),
                      run_time=self.seconds(style.LONG))  # fmt: skip
        self.at(3, 0.55)  # the full name scores two
        self.play(Circumscribe(VGroup(*cells(big, 4, (0, 1, 2, 3), [0])), color=c.colours.combined),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        self.at(4)
        self.play(FadeOut(big), run_time=self.seconds(style.SHORT))
        self.play(FadeIn(questions, lag_ratio=style.LAG_SLOW), run_time=self.seconds(style.LONG))

    def row_were_m(self, matrix: ArrayMatrix) -> VGroup:
        """Row 1 of ``matrix`` as it would read were it M alone (the first name's direction),
        drawn in place of its own entries (hidden) and added to the matrix, until
        :meth:`row_becomes` shows the real row, M + J."""
        toy = self.data.toy
        weights = toy.weights.w_up.copy()
        weights[FIRST] = toy.directions[toy.first_name]
        real = matrix.get_row(FIRST)
        fresh = self.rounded_matrix(weights)
        alone = fresh.scale(matrix.height / fresh.height).get_row(FIRST)  # as laid out
        for mine, theirs in zip(alone, real, strict=True):
            mine.move_to(theirs, aligned_edge=RIGHT)
        real.set_opacity(0.0)
        matrix.add(alone)
        return alone

    def row_becomes(self, alone: VGroup, row: VGroup) -> AnimationGroup:
        """M's numbers in row 1 fade out, then the real row's (M + J) fade in: a value
        replaced, never morphed glyph into glyph."""
        return AnimationGroup(
            alone.animate.set_opacity(0.0).build(),
            row.animate.set_opacity(1.0).build(),
            lag_ratio=1,
        )

    def rows_pages(
        self, matrix: ArrayMatrix, labels: tuple[MathTex, MathTex], small: VGroup, big: VGroup,
        questions: VGroup,
    ) -> None:  # fmt: skip
        """The rows beat in the square frame, in three pages: W↑ with row 1's label; then
        the label, as ``row₁ =``, heads the table of dot products (M alone, then M + J);
        then W↑ again with the other rows' questions under it."""
        c, (label_m, label_mj) = self.clip, labels
        for label in labels:
            label.next_to(matrix, RIGHT, buff=style.ITEM_GAP).match_y(matrix.get_row(FIRST))
        questions.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        self.place(VGroup(matrix, *labels, questions.next_to(matrix, DOWN, style.SECTION_GAP)))
        home = label_mj.copy()
        word = MathTex(r"\text{row 1} =", font_size=style.MATH_SIZE)
        slot = label_mj.copy().next_to(word, RIGHT, buff=style.ITEM_GAP)
        heading = VGroup(word, slot)
        small.move_to(big, aligned_edge=LEFT + UP)
        self.place(VGroup(heading, VGroup(big, small)).arrange(DOWN, buff=style.SECTION_GAP))
        alone = self.row_were_m(matrix)
        self.zoom("up", matrix)
        self.say(c.text.m_alone)
        self.play(Circumscribe(matrix.get_row(FIRST), color=style.HIGHLIGHT),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.at(1)  # row 1 = M alone; the page turns to the table, filled one name at a time
        self.play(FadeIn(label_m, shift=LEFT * style.ITEM_GAP), run_time=self.seconds(style.SHORT))
        self.play(FadeOut(matrix, shift=UP * style.ITEM_GAP), FadeIn(word),
                  label_m.animate.match_height(slot).next_to(word, RIGHT, buff=style.ITEM_GAP),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        matrix.remove(alone)  # W↑ comes back with its real row 1, M + J
        matrix.get_row(FIRST).set_opacity(1.0)
        self.fill_rows(small, 2, 1, start=0.35)
        self.at(2)
        self.say(c.text.m_plus_j)
        label_mj.match_height(slot).move_to(slot, aligned_edge=LEFT)
        moves = zip(small, cells(big, 4, (0, 1)), strict=True)
        self.play(self.swap(label_m, label_mj), *(ReplacementTransform(a, b) for a, b in moves),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        self.remove(label_m)
        self.rows_sum(big)
        self.at(4)  # back to W↑: the other rows ask their own questions
        self.play(FadeOut(big, word, shift=UP * style.ITEM_GAP), FadeIn(matrix),
                  label_mj.animate.match_height(home).move_to(home),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.play(FadeIn(questions, lag_ratio=style.LAG_SLOW), run_time=self.seconds(style.LONG))

    def rows_sum(self, big: VGroup) -> None:
        """The dot product splits, one part per name, then the sum; the full name scores two."""
        for step, col in enumerate((2, 3)):
            self.at(3, 0.25 * step)
            self.play(FadeIn(VGroup(*cells(big, 4, (col,))), lag_ratio=style.LAG_SLOW),
                      run_time=self.seconds(style.LONG))  # fmt: skip
        self.at(3, 0.55)
        self.play(Circumscribe(VGroup(*cells(big, 4, (0, 1, 2, 3), [0])),
                               color=self.clip.colours.combined),
                  run_time=self.seconds(style.LONG))  # fmt: skip

    def row_tables(self) -> tuple[VGroup, VGroup]:
        """Row 1 = M alone: each name's M·E; row 1 = M + J: M·E + J·E = row₁·E."""
        n, combined = self.n, self.clip.colours.combined
        m_dot = rf"{self.vec('M')}\cdot E"
        small = self.table(
            ["", m_dot], [[self.name(i), self.num(r.m_dot)] for i, r in enumerate(n.probes)]
        )
        rows = [
            [self.name(i), self.num(r.m_dot), self.num(r.j_dot), self.num(r.up, combined)]
            for i, r in enumerate(n.probes)
        ]
        header = ["", m_dot, rf"+\,{self.vec('J')}\cdot E", r"=\text{row}_1\cdot E"]
        return small, self.table(header, rows)

    def rounded_matrix(self, weights: np.ndarray) -> ArrayMatrix:
        d = self.clip.display
        values = mathcore.rounded(weights, d.decimals)
        return ArrayMatrix(
            values,
            self.shown_rows(),
            self.shown_columns(),
            d.decimals,
            self.entry_size(ZOOM_MATRIX_SIZE),
        )

    def lay_out_rows(
        self, matrix: ArrayMatrix, labels: tuple[MathTex, MathTex], big: VGroup, small: VGroup,
        questions: VGroup,
    ) -> None:  # fmt: skip
        """The matrix, row 1's label beside it, then the table (or the questions, beside
        their rows); in a narrow frame the table goes under the matrix."""
        row = matrix.get_row(FIRST)
        for label in labels:
            label.next_to(matrix, RIGHT, buff=style.ITEM_GAP).match_y(row)
        beside = VGroup(matrix, labels[1])
        if frame.is_landscape():
            big.next_to(beside, RIGHT, buff=style.SECTION_GAP).match_y(matrix)
            questions.next_to(labels[1], RIGHT, buff=style.SECTION_GAP)
            for text, index in zip(questions, matrix.get_drawn_rows()[1:], strict=False):
                text.match_y(matrix.get_row(index))
        else:  # the table, then the questions, under the matrix
            big.next_to(beside, DOWN, buff=style.SECTION_GAP)
            questions.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
            questions.next_to(beside, DOWN, buff=style.SECTION_GAP)
        small.move_to(big, aligned_edge=LEFT + UP)
        self.place(VGroup(matrix, *labels, big, small, questions))

    def fill_rows(self, table: VGroup, width: int, first: int, start: float = 0.0) -> None:
        """Show ``table`` (built by :meth:`table` with ``width`` columns) header first, then
        one row at a time, spread over sentence ``first`` from ``start`` of the way."""
        count = len(table) // width
        for row in range(count):
            self.at(first, start + (0.8 - start) * row / count)
            part = VGroup(*table[row * width : (row + 1) * width])
            self.play(
                FadeIn(part, shift=DOWN * style.ITEM_GAP / 2), run_time=self.seconds(style.SHORT)
            )

    def question_labels(self, matrix: ArrayMatrix) -> VGroup:
        """The configured questions beside rows 2, 3, ... of the drawn matrix."""
        drawn = matrix.get_drawn_rows()[1:]
        labels = VGroup()
        for question, index in zip(self.clip.questions, drawn, strict=False):
            if frame.is_landscape():
                text = fitted_text(question, NAME_WIDTH * 1.4, style.MUTED, style.BODY_SIZE)
                labels.add(text.match_y(matrix.get_row(index)))
            else:  # a list under the matrix, each question naming its row
                words = f"{index + 1}: {question}"
                labels.add(fitted_text(words, self.room_width(), style.MUTED, style.BODY_SIZE))
        return labels

    @beat
    def beat_bias(self) -> None:
        c, n, p = self.clip, self.n, self.n.focus
        colour = c.colours.combined
        size = ZOOM_MATRIX_SIZE
        up, bias, pre = (
            self.column(p.up, size=size),
            self.column(p.b_up, style.HIGHLIGHT, size),
            self.column(p.pre, colour, size),
        )
        equation = self.vector_sum([up, bias, pre], ["+", "="])
        heading = MathTex(r"W_{\uparrow}E + b_{\uparrow}", font_size=style.MATH_SIZE)
        left = VGroup(heading, equation).arrange(DOWN, buff=style.ITEM_GAP)
        rows = [
            [self.name(i), self.num(r.up), self.num(p.b_up[FIRST]), self.num(r.pre, colour)]
            for i, r in enumerate(n.probes)
        ]
        table = self.table(["", r"\text{row}_1\cdot E", r"+\,b_1", r"=\text{entry 1}"], rows)
        shape = self.shape_line(r"W_{\uparrow}", self.clip.d_mlp(), c.model.d_model)
        if self.is_square():
            self.bias_pages((up, bias, pre), VGroup(heading, equation), table, shape)
            return
        top = self.arranged([left, table], style.WIDE_GAP, shape.height + style.SECTION_GAP)
        self.place(VGroup(top, shape).arrange(DOWN, buff=style.SECTION_GAP))
        equation[1:].set_opacity(0)
        self.zoom("bias_up", left)
        self.say(c.text.bias)
        self.at(0, 0.3)  # the bias vector comes in beside W↑E
        self.play(equation[1:4].animate.set_opacity(1), run_time=self.seconds(style.MEDIUM))
        self.at(1)  # its first entry: −1
        self.play(
            Circumscribe(self.entry(bias, FIRST), color=style.HIGHLIGHT),
            run_time=self.seconds(style.MEDIUM),
        )
        self.at(2)  # the sum, entry by entry, then entry 1 for every name
        self.emerge(VGroup(up, bias), equation[4])
        self.fill_rows(table, 4, 2, start=0.15)
        self.at(3)  # the real size of W↑
        self.play(FadeIn(shape, shift=UP * style.ITEM_GAP), run_time=self.seconds(style.MEDIUM))
        self.at(3, 0.5)
        self.play(Indicate(shape[0][1], color=style.HIGHLIGHT), run_time=self.seconds(style.LONG))

    def bias_pages(
        self, vectors: tuple[ArrayMatrix, ArrayMatrix, ArrayMatrix], left: VGroup, table: VGroup,
        shape: VGroup,
    ) -> None:  # fmt: skip
        """The bias beat in the square frame, in two pages: the sum W↑E + b↑ first, as large
        as in the wide frame; then its entry 1 carried into the full name's row of the
        table, the other names' rows below it, and the real size of W↑ under the table."""
        (up, bias, pre), equation = vectors, left[1]
        self.place(left)
        self.place(VGroup(table, shape).arrange(DOWN, buff=style.ITEM_GAP * 1.5))
        equation[1:].set_opacity(0)
        self.zoom("bias_up", left)
        self.say(self.clip.text.bias)
        self.at(0, 0.3)  # the bias vector comes in beside W↑E
        self.play(equation[1:4].animate.set_opacity(1), run_time=self.seconds(style.MEDIUM))
        self.at(1)  # its first entry: −1
        self.play(Circumscribe(self.entry(bias, FIRST), color=style.HIGHLIGHT),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.at(2)  # the sum, entry by entry; its entry 1 is the full name's row of the table
        self.emerge(VGroup(up, bias), pre)
        sources = [self.entry(v, FIRST) for v in vectors]
        header, first = VGroup(*table[:4]), VGroup(*table[4:8])
        leaving = FadeOut(left, shift=UP * style.ITEM_GAP)
        self.carry(list(zip(sources, table[5:8], strict=True)), leaving, FadeIn(header),
                   FadeIn(table[4]))  # fmt: skip
        self.add(header, first)
        for row in range(2, len(table) // 4):  # the other names, one row at a time
            self.at(2, 0.3 + 0.5 * (row - 2) / max(1, len(table) // 4 - 2))
            part = VGroup(*table[row * 4 : (row + 1) * 4])
            self.play(
                FadeIn(part, shift=DOWN * style.ITEM_GAP / 2), run_time=self.seconds(style.SHORT)
            )
        self.at(3)  # the real size of W↑
        self.play(FadeIn(shape, shift=UP * style.ITEM_GAP), run_time=self.seconds(style.MEDIUM))
        self.at(3, 0.5)
        self.play(Indicate(shape[0][1], color=style.HIGHLIGHT), run_time=self.seconds(style.LONG))

    def shape_line(self, tex: str, rows: int, columns: int) -> VGroup:
        """``W: rows × columns (rows = k × d_model)  in <model>``, from the model preset."""
        ratio = mathcore.ratio_label(rows, columns)
        formula = MathTex(
            rf"{tex}: {tex_thousands(rows)} \times {tex_thousands(columns)}",
            rf"\quad(\text{{rows}} = {ratio} \times d_{{\text{{model}}}})",
            font_size=style.MATH_SIZE,
        )
        words = label_text(
            fill(self.clip.text.shape, self.clip.fact, model=self.clip.model.name),
            style.MUTED,
            style.BODY_SIZE,
        )
        if frame.is_landscape():
            return VGroup(formula, words).arrange(RIGHT, buff=style.ITEM_GAP)
        if self.is_square():  # the size; the ratio and the model on one line under it
            words.next_to(formula[1], RIGHT, buff=style.ITEM_GAP)
            Group(formula[1], words).next_to(formula[0], DOWN, buff=style.ITEM_GAP)
            return VGroup(formula, words)
        formula.arrange(DOWN, buff=style.ITEM_GAP)  # narrow: the size, the ratio, the model
        return VGroup(formula, words).arrange(DOWN, buff=style.ITEM_GAP)

    @beat
    def beat_threshold(self) -> None:
        c, n = self.clip, self.n
        bias = float(n.focus.b_up[FIRST])
        square = self.is_square()  # numbered ticks; the shading is first the linear rule's
        linear = c.text.linear_side if square else None
        plane = NamePlane(self, n.levels, numbered=square, legend=linear)
        table = self.threshold_table()
        if self.is_square():
            self.threshold_pages(plane, table)
            return
        self.place(self.arranged([plane, table], style.WIDE_GAP))
        self.zoom("act", plane.get_axes())
        self.at(1)  # every name on the plane, marked by its initials
        self.play(FadeIn(VGroup(*cells(table, 4, (0,))), lag_ratio=style.LAG_SLOW),
                  run_time=self.seconds(style.SHORT))  # fmt: skip
        self.play(FadeIn(plane.get_dots(), scale=2), FadeIn(plane.get_labels()),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.at(2)  # row 1 reads along the diagonal: its value grows steadily that way
        self.play(GrowArrow(plane.get_arrow()), FadeIn(plane.get_arrow_label()),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        for step, level in enumerate(plane.get_levels()):  # the level lines, 0, 1, 2
            self.at(2, 0.25 + 0.5 * step / len(plane.get_levels()))
            line, value = level
            self.play(Create(line), FadeIn(value), run_time=self.seconds(style.SHORT))
        self.play(FadeIn(VGroup(*cells(table, 4, (1,))), lag_ratio=style.LAG_SLOW),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.at(3)  # read as it is: the half names get a partial yes
        self.say(c.text.threshold)
        region, boundary = plane.yes_side(0.0)
        self.play(FadeIn(region), Create(boundary), FadeIn(plane.get_legend()),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        halves = range(1, len(n.probes) - 1)
        self.play(*(table[4 * (i + 1) + 1].animate.set_color(style.NEGATIVE) for i in halves),
                  *(Indicate(plane.dot_of(i), color=style.NEGATIVE, scale_factor=1.6)
                    for i in halves), run_time=self.seconds(style.LONG))  # fmt: skip
        self.at(4)  # the bias moves the threshold; the clipping below it makes the yes or no
        self.say(c.text.threshold_fix)
        moved = plane.yes_side(-bias)
        self.play(Transform(region, moved[0]), Transform(boundary, moved[1]),
                  FadeIn(VGroup(*cells(table, 4, (2,))), lag_ratio=style.LAG_SLOW),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        self.at(4, 0.6)
        off = [plane.dot_of(i) for i, r in enumerate(n.probes) if r.pre <= 0]
        self.play(FadeIn(VGroup(*cells(table, 4, (3,))), lag_ratio=style.LAG_SLOW),
                  *(dot.animate.set_color(style.MUTED) for dot in off),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        self.at(5)  # only now a clean yes, for the full name alone
        self.play(Circumscribe(VGroup(*table[4:8]), color=c.colours.combined),
                  Indicate(plane.dot_of(0), color=c.colours.combined, scale_factor=1.6),
                  run_time=self.seconds(style.LONG))  # fmt: skip

    def threshold_pages(self, plane: NamePlane, table: VGroup) -> None:
        """The threshold beat in the square frame, in two pages: the plane, its ticks
        numbered and a key to its initials, tells the story (names, the diagonal, the level
        lines, the linear rule's side row₁·E > 0, then the bias moving that edge up to the
        half names: what is left, entry 1 > 0, is where the neuron fires); then each dot goes
        to its name in the table, which gives the same values as numbers."""
        c, n = self.clip, self.n
        bias = float(n.focus.b_up[FIRST])
        linear = plane.get_legend()
        fires = plane.region_legend(c.text.fires).move_to(linear, aligned_edge=LEFT)
        on_line = plane.line_legend(c.text.on_line)
        plane.add(fires, on_line)
        key = self.initials_key(plane)
        self.place(VGroup(plane, key).arrange(RIGHT, buff=style.SECTION_GAP))
        self.place(table)
        self.zoom("act", plane.get_axes())
        self.at(1)  # every name on the plane, marked by its initials, and the key to them
        self.play(FadeIn(plane.get_dots(), scale=2), FadeIn(plane.get_labels()),
                  FadeIn(key), run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.at(2)  # row 1 reads along the diagonal: its value grows steadily that way
        self.play(GrowArrow(plane.get_arrow()), FadeIn(plane.get_arrow_label()),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        for step, (line, value) in enumerate(plane.get_levels()):  # the level lines, 0, 1, 2
            self.at(2, 0.25 + 0.5 * step / len(plane.get_levels()))
            self.play(Create(line), FadeIn(value), run_time=self.seconds(style.SHORT))
        self.at(3)  # read as it is: the linear rule's side, the half names get a partial yes
        self.say(c.text.threshold)
        region, boundary = plane.yes_side(0.0)
        self.play(FadeIn(region), Create(boundary), FadeIn(linear),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        halves = range(1, len(n.probes) - 1)
        for i in halves:
            table[4 * (i + 1) + 1].set_color(style.NEGATIVE)
        self.play(*(Indicate(plane.dot_of(i), color=style.NEGATIVE, scale_factor=1.6)
                    for i in halves), run_time=self.seconds(style.LONG))  # fmt: skip
        self.at(4)  # the bias moves the edge up to the half names: now it is where it fires
        self.say(c.text.threshold_fix)
        moved = plane.yes_side(-bias)
        self.play(Transform(region, moved[0]), Transform(boundary, moved[1]),
                  FadeOut(linear), FadeIn(fires), FadeIn(on_line),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        off = [plane.dot_of(i) for i, r in enumerate(n.probes) if r.pre <= 0]
        self.play(*(dot.animate.set_color(style.MUTED) for dot in off),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.at(4, 0.7)  # next page: each dot goes to its name, the values beside it
        pairs = [(plane.dot_of(i), table[4 * (i + 1)]) for i in range(len(n.probes))]
        shown = VGroup(plane.get_axes(), plane.get_levels(), plane.get_arrow(),
                       plane.get_arrow_label(), plane.get_labels(), plane.get_dots(), key,
                       fires, on_line)  # fmt: skip
        self.carry(pairs, FadeOut(VGroup(shown, region, boundary)))
        for column in (1, 2, 3):
            self.play(FadeIn(VGroup(*cells(table, 4, (column,))), lag_ratio=style.LAG_SLOW),
                      run_time=self.seconds(style.SHORT))  # fmt: skip
        self.add(table)
        self.at(5)  # only now a clean yes, for the full name alone
        self.play(Circumscribe(VGroup(*table[4:8]), color=c.colours.combined),
                  run_time=self.seconds(style.LONG))  # fmt: skip

    def initials_key(self, plane: NamePlane) -> VGroup:
        """The plane's initials and the names they stand for, one name a row, as wide as the
        room beside the plane leaves once the plane fills the room's height (a name too
        wide breaks into lines)."""
        scale = min((self.content_top() - self.caption_top()) / plane.height, MAX_ZOOM)
        room = (self.room_width() - style.SECTION_GAP) / scale - plane.width - style.SECTION_GAP
        entries = []
        for i, tag in enumerate(self.data.tags):
            colour = self.probe_colour(i)
            mark = label_text(tag, colour, style.BODY_SIZE)
            width = room - mark.width - style.ITEM_GAP
            words = self.broken(self.data.labels[i], width, style.TEXT, style.BODY_SIZE)
            entries.append(VGroup(mark, words).arrange(RIGHT, buff=style.ITEM_GAP, aligned_edge=UP))
        return VGroup(*entries).arrange(DOWN, buff=style.ITEM_GAP, aligned_edge=LEFT)

    def threshold_table(self) -> VGroup:
        """Name, its linear value row₁·E (graded), entry 1 after the bias, and the activation
        of it (the yes or no)."""
        c = self.clip
        act = style.ACTIVATION_TITLES[c.activation]
        rows = [
            [self.name(i), self.num(r.up), self.num(r.pre),
             self.num(r.neuron, c.colours.combined)]
            for i, r in enumerate(self.n.probes)
        ]  # fmt: skip
        header = ["", r"\text{row}_1\cdot E", r"\text{entry 1}", rf"\text{{{act}}}"]
        return self.table(header, rows)

    def signed(self, value: float, decimals: int, colour: str) -> MathTex:
        return MathTex(mathcore.fixed(value, decimals), font_size=style.MATH_SIZE, color=colour)

    @beat
    def beat_relu(self) -> None:
        c, p = self.clip, self.n.focus
        pre, out = self.column(p.pre), self.column(p.neurons, c.colours.combined)
        graph = ActivationGraph(
            c.activation, (-1.5, 1.5, 0.5), (-0.5, 1.5, 0.5), colour=c.colours.text,
            **self.graph_size(),
        )  # fmt: skip
        if frame.is_landscape() or self.is_square():
            picture = VGroup(pre, graph, out).arrange(RIGHT, buff=self.gap(style.WIDE_GAP))
        else:  # the graph above, the entries going in on the left and out on the right
            columns = VGroup(pre, out).arrange(RIGHT, buff=graph.width / 2)
            picture = VGroup(graph, columns).arrange(DOWN, buff=style.WIDE_GAP)
        self.place(picture)
        drawn = out.get_drawn_rows() if not self.row_convention else out.get_drawn_columns()
        for index in drawn:  # the numbers come out of the graph; the ⋮ stays, as on the left
            self.entry(out, index).set_opacity(0)
        self.zoom("act", picture)
        self.say(c.text.relu)
        self.at(0, 0.45)  # negative values to zero, positive ones unchanged: the graph's two halves
        self.play(Indicate(graph.get_graph(), color=style.HIGHLIGHT),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        for step, index in enumerate(drawn):
            self.at(1, step / len(drawn), last=2)
            self.through_graph(
                graph, float(p.pre[index]), self.entry(pre, index), self.entry(out, index)
            )
        self.at(3)  # the smoother cousin on the same axes
        other = "gelu" if c.activation == "relu" else "relu"
        curve = graph.get_axes().plot(
            lambda x: float(mathcore.activation(other)(x)), color=style.MUTED
        )
        note = label_text(
            c.text.other_activation if other == "gelu" else "ReLU", style.MUTED, style.BODY_SIZE
        )
        note.next_to(graph.get_axes(), DOWN, buff=style.ITEM_GAP)
        self.play(Create(curve), FadeIn(note), run_time=self.seconds(style.LONG))

    def graph_size(self) -> dict[str, float]:
        """The activation graph's size: smaller in the square frame, where it shares the
        width with two columns (relu) or the height with the table (and_gate)."""
        if self.is_square():
            return {"width": SQUARE_GRAPH_WIDTH, "height": SQUARE_GRAPH_HEIGHT}
        return {}

    def through_graph(
        self, graph: ActivationGraph, x: float, source: VMobject, target: VMobject
    ) -> None:
        """A dot carries one entry onto the graph: up or down to f(x), then into the output;
        a clipped (negative) entry turns red on its way."""
        axes = graph.get_axes()
        dot = Dot(source.get_center(), radius=style.DOT_RADIUS, color=style.HIGHLIGHT)
        self.play(dot.animate.move_to(axes.c2p(x, 0)), run_time=self.seconds(style.SHORT))
        clipped = x < 0
        self.play(
            dot.animate.move_to(graph.point_for(x)).set_color(
                style.NEGATIVE if clipped else style.POSITIVE
            ),
            run_time=self.seconds(style.SHORT),
        )
        self.emerge(dot, target)
        if clipped:
            self.play(Indicate(target, color=style.NEGATIVE), run_time=self.seconds(style.SHORT))
        self.remove(dot)

    @beat
    def beat_and_gate(self) -> None:
        c, n = self.clip, self.n
        graph = ActivationGraph(
            c.activation, (-1.5, 1.5, 0.5), (-0.5, 1.5, 0.5), colour=c.colours.text,
            **self.graph_size(),
        )  # fmt: skip
        groups = mathcore.group_by_value(self.data.labels, [(r.pre,) for r in n.probes])
        dots, numbers = VGroup(), VGroup()
        for (x,), names in groups:
            colour = self.probe_colour(self.data.labels.index(names[0]))
            dots.add(Dot(graph.point_for(x), radius=style.DOT_RADIUS * 1.5, color=colour))
            tags = ", ".join(str(self.data.labels.index(n) + 1) for n in names)
            numbers.add(MathTex(tags, font_size=style.MATH_SIZE, color=colour))
        rows, table = self.gate_table()
        width = len(rows[0])
        for number, dot in zip(numbers, dots, strict=True):
            number.next_to(dot, UP + LEFT, buff=style.ITEM_GAP / 2)
        picture = VGroup(VGroup(graph, dots, numbers), table)
        self.place(self.arranged(list(picture), self.gap(style.WIDE_GAP)))
        # The dots start on the axis at their input and rise (or not) to the graph.
        targets = [dot.get_center() for dot in dots]
        for dot, ((x,), _) in zip(dots, groups, strict=True):
            dot.move_to(graph.get_axes().c2p(x, 0))
        self.zoom("act", graph, VGroup(*cells(table, width, tuple(range(width - 1)))))
        self.say(c.text.and_gate)
        full = next(k for k, (_, names) in enumerate(groups) if self.data.labels[0] in names)
        order = [full, *(k for k in range(len(groups)) if k != full)]
        for step, k in enumerate(order):  # the full name, then the others
            self.at(1 if step == 0 else 2, 0 if step == 0 else 0.6 * (step - 1) / len(order))
            names = groups[k][1]
            neuron_cells = [rows[self.data.labels.index(name)][-1] for name in names]
            heading = [FadeIn(table[width - 1])] if step == 0 else []  # "neuron 1"
            self.play(FadeIn(dots[k], scale=2), *heading, run_time=self.seconds(style.SHORT))
            self.play(dots[k].animate.move_to(targets[k]), FadeIn(numbers[k]),
                      run_time=self.seconds(style.MEDIUM))  # fmt: skip
            self.emerge(dots[k], *neuron_cells)
        self.at(3)  # a clean yes only for the full name: an AND gate
        self.play(Circumscribe(VGroup(*rows[0]), color=c.colours.combined),
                  Indicate(dots[full], color=c.colours.combined, scale_factor=1.6),
                  run_time=self.seconds(style.LONG))  # fmt: skip

    def gate_table(self) -> tuple[list[list[VMobject]], VGroup]:
        """Each name's M·E and J·E, entry 1 and neuron 1; the square frame, short of width,
        keeps entry 1 and neuron 1 (the two parts were the rows beat's and the threshold's)."""
        c, square = self.clip, self.is_square()
        rows = [
            [self.name(i, numbered=True),
             *([] if square else [self.num(r.m_dot), self.num(r.j_dot)]),
             self.num(r.pre), self.num(r.neuron, c.colours.combined)]
            for i, r in enumerate(self.n.probes)
        ]  # fmt: skip
        parts = [] if square else [rf"{self.vec(k)}\cdot E" for k in ("M", "J")]
        return rows, self.table(["", *parts, r"\text{entry 1}", r"\text{neuron 1}"], rows)

    @beat
    def beat_neurons(self) -> None:
        c, d, p = self.clip, self.clip.display, self.n.focus
        layer = NeuronLayer(p.neurons, self.shown_rows(), c.colours.combined)
        values = EmbeddingColumn(
            p.neurons, self.shown_rows(), d.decimals, c.colours.combined, self.entry_size()
        )
        left = VGroup(values, layer).arrange(RIGHT, buff=style.ITEM_GAP)
        layer.match_height(values.get_entries()).match_y(values)
        network = NetworkDiagram(
            self.data.toy.weights.w_up,
            p.neurons,
            self.shown_rows(),
            self.shown_rows(),
            layer_gap=SQUARE_LAYER_GAP if self.is_square() else style.LAYER_GAP,
            colour=c.colours.combined,
        )
        names = VGroup(
            label_text(c.text.layer_in, style.MUTED, style.BODY_SIZE).next_to(
                network.get_inputs(), DOWN
            ),
            MathTex(r"W_{\uparrow}", font_size=style.MATH_SIZE, color=style.MUTED).next_to(
                network.get_edges(), UP
            ),
            label_text(c.text.layer_out, style.MUTED, style.BODY_SIZE).next_to(
                network.get_outputs(), DOWN
            ),
        )
        # The matrix's name between the layers' names in the wide frame (over the lines it
        # stood under the pipeline's W↓ and read as its label); over the lines in the narrow
        # frames, where the layers stand too close for a third name between them.
        if frame.is_landscape():
            names[1].match_y(names[0]).set_x(network.get_edges().get_x())
        right = VGroup(network, names)
        self.place(self.arranged([left, right], self.gap(style.WIDER_GAP)))
        self.zoom("act", left)
        self.say(c.text.neurons)
        self.at(1)  # active: positive; inactive: zero
        self.play(Indicate(layer.get_active(), color=c.colours.combined),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        zeros = [values.get_entry(i) for i in values.get_drawn_rows() if p.neurons[i] <= 0]
        if zeros:
            self.at(1, 0.5)
            self.play(*(Indicate(z, color=style.MUTED) for z in zeros),
                      run_time=self.seconds(style.LONG))  # fmt: skip
        parts: list[list[Animation]] = [
            [FadeIn(network.get_inputs()), FadeIn(names[0])],
            [Create(network.get_edges()), FadeIn(names[1])],
            [TransformFromCopy(layer, network.get_outputs()), FadeIn(names[2])],
        ]
        for step, animations in enumerate(parts):  # inputs, weights as lines, the neurons
            self.at(2, 0.3 * step)
            self.play(*animations, run_time=self.seconds(style.LONG))

    @beat
    def beat_down_projection(self) -> None:
        c, n, p = self.clip, self.n, self.n.focus
        group = self.product(self.data.toy.weights.w_down, p.neurons, p.down)
        column = group.get_input_weights(FIRST)
        brace = Brace(column, DOWN)
        b_label = MathTex(self.vec("B"), font_size=style.MATH_SIZE, color=self.colour("B"))
        readout = MathTex(
            rf"{self.vec('B')}\cdot(W_{{\downarrow}}h) = ",
            mathcore.fixed(n.attribute_on, 2),
            font_size=style.MATH_SIZE,
        )
        reading = self.column_reading(group, p.neurons)
        brace.next_to(column, DOWN, buff=style.ITEM_GAP / 2)
        brace.put_at_tip(b_label)
        readout.align_to(group, RIGHT).match_y(b_label)  # beside the brace's label
        reading.whole.next_to(VGroup(b_label, readout), DOWN, buff=2 * style.ITEM_GAP)
        reading.whole.match_x(group)
        self.place(VGroup(group, brace, b_label, reading.whole, readout))
        self.zoom("down", group)
        self.at(0, 0.5)  # back to the embedding's size
        self.play(Circumscribe(group.get_result(), color=style.HIGHLIGHT),
                  run_time=self.seconds(style.LONG))  # fmt: skip
        for step, index in enumerate(group.get_input_indices()):  # each column times its neuron
            self.at(1, 0.75 * step / len(reading.extras))
            self.read_column(group, reading, step, index)
        self.at(1, 0.8)  # ... and the scaled columns add up to the result
        self.arrive([(group.get_result().get_entries(), reading.result)], FadeIn(reading.equals))
        self.at(2)  # column 1 is the attribute's direction
        self.say(c.text.down_projection)
        self.play(GrowFromCenter(brace), FadeIn(b_label, shift=UP * style.ITEM_GAP),
                  Indicate(reading.terms[FIRST].bars, color=self.colour("B")),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.play(Write(readout), run_time=self.seconds(style.LONG))
        self.at(3)
        self.switch_off(group, readout, reading)

    def column_reading(self, group: MatrixProduct, neurons: np.ndarray) -> Reading:
        """W↓h read column by column, without digits but the neurons' values:
        ``h₁ [C₁] + h₂ [C₂] + ⋯ + h_n [C_n] = [W↓h]``, each vector as bars (:meth:`bars`) on
        one scale; the terms follow the matrix's drawn columns, its ellipsis included."""
        weights, down = self.data.toy.weights.w_down, self.n.focus.down
        drawn = [i for i in group.get_input_indices() if i is not None]
        units = mathcore.scaled_columns(weights, np.ones(weights.shape[1]), drawn)
        scaled = mathcore.scaled_columns(weights, neurons, drawn)
        top = float(np.max(np.abs(np.concatenate([units.ravel(), scaled.ravel(), down]))))
        parts: list[VMobject] = []
        extras: list[VGroup] = []
        terms: dict[int, Term] = {}
        for step, index in enumerate(group.get_input_indices()):
            extras.append(VGroup(*([MathTex("+", font_size=style.MATH_SIZE)] if step else [])))
            parts += list(extras[-1])
            if index is None:
                extras[-1].add(MathTex(r"\cdots", font_size=style.MATH_SIZE))
                parts.append(extras[-1][-1])
                continue
            k, tint = drawn.index(index), self.colour("B") if index == FIRST else style.TEXT
            shapes = ((units[:, k], tint), (scaled[:, k], tint), (0 * units[:, k], style.MUTED))
            term = Term(
                self.coefficient(float(neurons[index])), *(self.bars(*s, top) for s in shapes)
            )
            terms[index] = term
            parts.append(
                VGroup(term.coefficient, term.bars).arrange(RIGHT, buff=style.ITEM_GAP / 2)
            )
        equals = MathTex("=", font_size=style.MATH_SIZE)
        result = self.bars(down, style.TEXT, top)
        whole = VGroup(*parts, equals, result).arrange(RIGHT, buff=style.ITEM_GAP)
        return Reading(whole, terms, extras, equals, result, top)

    def coefficient(self, value: float, colour: str | None = None) -> MathTex:
        """A neuron's value as the reading's coefficient: in brackets if negative (no
        ``+ −0.2``)."""
        text = mathcore.fixed(value, self.n.decimals)
        text = f"({text})" if text.startswith("-") else text
        colour = style.TEXT if colour is None else colour
        return MathTex(text, font_size=style.MATH_SIZE, color=colour)

    def bars(self, values: np.ndarray, colour: str, top: float) -> VGroup:
        """``values`` drawn as a vector without digits, EQUATION_SCALE times an entry's size:
        brackets around a faint middle line, and in place of each drawn entry a bar from that
        line, rightwards if positive, leftwards if negative, BAR_REACH entries wide at
        ``|value| = top``; the ellipsis as three dots."""
        vector = self.column(values, colour, self.entry_size())
        entries = vector.get_entries()
        indices = vector.column_indices if self.row_convention else vector.row_indices
        # As wide as "−1.00" whatever the values: a term keeps its width as its bars change.
        width = number_entry(-1.0, self.clip.display.decimals, self.entry_size()).width
        pitch = abs(entries[0].get_y() - entries[-1].get_y()) / max(len(entries) - 1, 1)
        left, right = vector.get_brackets()
        for bracket, side in ((left, LEFT), (right, RIGHT)):
            reach = width * BAR_REACH / 2 + style.ITEM_GAP / 2 + bracket.width / 2
            bracket.set_x(vector.get_x() + side[0] * reach)
        axis = Line(entries[0].get_top(), entries[-1].get_bottom(), stroke_width=1)
        cells = VGroup(axis.set_x(vector.get_x()).set_color(style.MUTED))
        for index, entry in zip(indices, entries, strict=True):
            if index is None:  # the ellipsis: dots, no glyph too small to read
                dots = VGroup(*(Dot(radius=ELLIPSIS_DOT) for _ in range(3)))
                dots.arrange(DOWN, buff=ELLIPSIS_DOT).move_to(entry).set_x(vector.get_x())
                cells.add(dots.set_color(colour))
                continue
            value = float(values[index])
            length = max(width * BAR_REACH / 2 * abs(value) / top, BAR_MIN)
            bar = Rectangle(width=length, height=min(pitch, entry.height * 2) * 0.8)
            bar.set_fill(colour, opacity=style.BAR_OPACITY).set_stroke(width=0)
            edge = LEFT if value >= 0 else RIGHT
            cells.add(
                bar.move_to(np.array([vector.get_x(), entry.get_y(), 0.0]), aligned_edge=edge)
            )
        return VGroup(VGroup(left, right), cells).scale(EQUATION_SCALE)

    def read_column(
        self, group: MatrixProduct, reading: Reading, step: int, index: int | None
    ) -> None:
        """One column of the reading: outlined with its neuron in the product, it travels
        down as bars, its neuron's value beside it; the bars then stretch by that value (a
        neuron at 0: they vanish, the term greys). For the ellipsis, ``+ ⋯`` appears."""
        extra, short = reading.extras[step], self.seconds(style.SHORT)
        if index is None:  # the matrix's elided columns, read as one "⋯"
            matrix = group.get_matrix()
            lines = matrix.get_rows() if self.row_convention else matrix.get_columns()
            self.play(Indicate(lines[step]), FadeIn(extra), run_time=short)
            return
        term, entry = reading.terms[index], group.get_vector_entry(index)
        column = group.get_input_weights(index)
        marks = VGroup(SurroundingRectangle(column, color=style.HIGHLIGHT),
                       SurroundingRectangle(entry, color=style.HIGHLIGHT))  # fmt: skip
        self.play(Create(marks), run_time=short)
        self.arrive([(column, term.bars), (entry, term.coefficient)], FadeIn(extra))
        off = abs(float(self.n.focus.neurons[index])) < style.TINY
        fades: list[Animation] = [FadeOut(marks)]
        if off:
            fades.append(term.coefficient.animate.set_color(style.MUTED).build())
        target = (term.zero if off else term.scaled).match_height(term.bars).move_to(term.bars)
        self.play(Transform(term.bars, target), *fades, run_time=short)

    def arrive(self, pairs: Sequence[tuple[Mobject, Mobject]], *others: Animation) -> None:
        """A copy of each source travels, whole, onto its target and fades there as the
        target fades in (a column's digits become its bars; a value its own copy: no digit
        morphs into another); ``others`` play alongside."""
        ghosts = [source.copy().set_color(style.HIGHLIGHT) for source, _ in pairs]  # copies
        moves = [
            g.animate.scale(min(1.0, t.height / g.height)).move_to(t).set_opacity(0).build()
            for g, (_, t) in zip(ghosts, pairs, strict=True)
        ]
        shows = [FadeIn(t) for _, t in pairs]
        self.play(*moves, *shows, *others, run_time=self.seconds(style.MEDIUM))
        self.remove(*ghosts)

    def switch_off(self, group: MatrixProduct, readout: MathTex, reading: Reading) -> None:
        """Neuron 1 goes to 0: its column no longer counts (its term in the reading vanishes);
        the result, its bars and B·(W↓h) change."""
        off, d = self.n.switched_off, self.clip.display
        self.say(self.clip.text.switched_off)
        old = group.get_vector_entry(FIRST)
        new = MathTex(
            mathcore.fixed(0.0, d.decimals), font_size=self.entry_size(), color=style.NEGATIVE
        ).match_height(old)  # the product was scaled to its room: as tall as the digit it replaces
        term = reading.terms[FIRST]
        zero = self.coefficient(0.0, style.NEGATIVE).match_height(term.coefficient)
        self.play(
            self.swap(old, new.move_to(old, aligned_edge=RIGHT)),
            self.swap(term.coefficient, zero.move_to(term.coefficient, aligned_edge=RIGHT)),
            group.get_input_weights(FIRST).animate.set_opacity(0.3),
            Transform(term.bars, term.zero.match_height(term.bars).move_to(term.bars)),
            run_time=self.seconds(style.MEDIUM),
        )
        result = self.product(self.data.toy.weights.w_down, off.neurons, off.down).get_result()
        result.match_height(group.get_result()).move_to(group.get_result())
        bars = self.bars(off.down, style.TEXT, reading.top).match_height(reading.result)
        value = MathTex(
            mathcore.fixed(self.n.attribute_off, 2), font_size=style.MATH_SIZE, color=style.NEGATIVE
        )
        value.move_to(readout[1], aligned_edge=LEFT)
        self.play(
            self.swap(group.get_result().get_entries(), result.get_entries()),
            Transform(reading.result, bars.move_to(reading.result)),
            self.swap(readout[1], value),
            run_time=self.seconds(style.MEDIUM),
        )

    @beat
    def beat_column_facts(self) -> None:
        c, n = self.clip, self.n
        column = EmbeddingColumn(n.column, self.shown_rows(), c.display.decimals, self.colour("B"))
        name = MathTex(r"C_1 =", font_size=style.MATH_SIZE)
        left = VGroup(name, column).arrange(RIGHT, buff=style.ITEM_GAP)
        facts = [c.fact.attribute, *c.other_facts()]
        rows = [
            [
                fitted_text(f, NAME_WIDTH, self.colour("B") if i == 0 else c.colours.text),
                MathTex(
                    rf"\cdot\, C_1 = {mathcore.fixed(n.column_readouts[f], 2)}",
                    font_size=style.MATH_SIZE,
                ),
            ]
            for i, f in enumerate(facts)
        ]
        table = VGroup(*(VGroup(*row).arrange(RIGHT, buff=style.ITEM_GAP) for row in rows))
        table.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        picture = self.place(self.arranged([left, table], self.gap(style.WIDE_GAP)))
        self.zoom("down", left)
        self.say(c.text.column_facts)
        self.at(0, 0.4)
        self.play(Circumscribe(column, color=self.colour("B")), run_time=self.seconds(style.LONG))
        for step, row in enumerate(table):  # one readout per fact, spread over the sentence
            self.at(1, 0.7 * step / len(table))
            self.play(  # the column, read along one more fact: its row slides out of it
                Indicate(column, color=self.colour("B"), scale_factor=1.05),
                FadeIn(row, shift=RIGHT * style.SECTION_GAP),
                run_time=self.seconds(style.MEDIUM),
            )
        self.remove(
            *(m for m in self.mobjects if m not in (self.pipeline, self._track, self._caption))
        )
        self.add(picture)

    @beat
    def beat_down_bias(self) -> None:
        c, p = self.clip, self.n.focus
        down, bias = self.column(p.down), self.column(p.b_down, style.HIGHLIGHT)
        out = self.column(p.output, c.colours.attribute)
        equation = self.vector_sum([down, bias, out], ["+", "="])
        heading = MathTex(
            r"W_{\downarrow}h", "+", r"b_{\downarrow}", "=", r"\text{MLP}(E)",
            font_size=style.MATH_SIZE,
        )  # fmt: skip
        picture = self.place(VGroup(heading, equation).arrange(DOWN, buff=style.SECTION_GAP))
        equation[1:].set_opacity(0)
        heading[1:].set_opacity(0)
        self.zoom("bias_down", picture)
        self.say(c.text.down_bias)
        self.at(0, 0.3)  # the second bias comes in
        self.play(
            equation[1:4].animate.set_opacity(1),
            heading[1:3].animate.set_opacity(1),
            run_time=self.seconds(style.MEDIUM),
        )
        self.at(1)  # the same every time: bookkeeping
        self.play(Circumscribe(bias, color=style.HIGHLIGHT), run_time=self.seconds(style.LONG))
        self.at(2)  # W↓h + b↓: the block's output
        self.emerge(VGroup(down, bias), equation[4])
        self.play(heading[3:].animate.set_opacity(1), run_time=self.seconds(style.MEDIUM))
        self.play(Indicate(out, color=c.colours.attribute), run_time=self.seconds(style.LONG))

    @beat
    def beat_residual(self) -> None:
        c, n, p = self.clip, self.n, self.n.focus
        e_in, out = self.column(p.embedding), self.column(p.output, c.colours.attribute)
        total = self.column(p.residual, c.colours.combined)
        equation = self.vector_sum([e_in, out, total], ["+", "="])
        heading = MathTex(r"E + \text{MLP}(E) = E_{\text{out}}", font_size=style.MATH_SIZE)
        names = (c.fact.first_name, c.fact.last_name, c.fact.attribute)
        readouts = VGroup(
            *(
                MathTex(
                    rf"{self.vec(k)}\cdot E_{{\text{{out}}}} = "
                    + mathcore.fixed(n.readouts[name], 2),
                    font_size=style.MATH_SIZE,
                    color=self.colour(k),
                )
                for k, name in zip("MJB", names, strict=True)
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        square = self.is_square()
        if square:  # two readouts a line, under the sum
            readouts.arrange_in_grid(cols=2, buff=(style.SECTION_GAP, style.ITEM_GAP),
                                     col_alignments="ll")  # fmt: skip
        buff = style.ITEM_GAP if square else style.SECTION_GAP
        left = VGroup(heading, equation).arrange(DOWN, buff=buff)
        self.place(self.arranged([left, readouts], self.gap(style.WIDE_GAP)))
        self.zoom("add", heading, out)
        self.say(c.text.residual)
        self.at(0, 0.3)  # the vector that came in arrives along the skip connection
        start = self.pipeline.get_stage("in").get_center()
        self.play(
            GrowFromPoint(e_in, start), FadeIn(equation[1]), run_time=self.seconds(style.LONG)
        )
        self.play(
            FadeIn(equation[3]), FadeIn(total.get_brackets()), run_time=self.seconds(style.SHORT)
        )
        drawn = total.get_drawn_rows() if not self.row_convention else total.get_drawn_columns()
        for step, index in enumerate(drawn):  # each entry: the two in its place, added
            self.at(1, 0.85 * step / len(drawn))
            self.emerge(
                VGroup(self.entry(e_in, index), self.entry(out, index)), self.entry(total, index)
            )
        self.add(total)
        for step, readout in enumerate(readouts):  # read along M, J, B
            self.at(2, 0.3 * step)
            self.play(
                FadeIn(readout, shift=RIGHT * style.ITEM_GAP), run_time=self.seconds(style.MEDIUM)
            )

    @beat
    def beat_parallel(self) -> None:
        c = self.clip
        prompt = c.prompt_words()
        headings = [self.grid_heading(word) for word in prompt]  # long names hyphenated
        grid = ActivationGrid(
            self.data.sequence.neurons, headings, self.shown_rows(), c.colours.combined
        )
        d_mlp, tokens = self.clip.d_mlp(), len(prompt)
        values = tex_thousands(mathcore.neuron_values(d_mlp, tokens))
        count = self.count_line(
            (tex_thousands(d_mlp), c.text.neurons_word), r"\times",
            (str(tokens), c.text.tokens), "=", (values, c.text.values_word),
        )  # fmt: skip
        words = label_text(
            fill(c.text.shape, c.fact, model=c.model.name), style.MUTED, style.BODY_SIZE
        )
        below = VGroup(count, words).arrange(DOWN, buff=style.ITEM_GAP)
        self.place(VGroup(grid, below).arrange(DOWN, buff=style.SECTION_GAP))
        self.zoom("act", grid.get_headings())
        self.say(c.text.parallel)
        self.at(0, 0.3)  # every token's neurons at once
        self.play(
            *(FadeIn(grid.get_column(t), shift=DOWN * style.ITEM_GAP) for t in range(tokens)),
            run_time=self.seconds(style.LONG),
        )
        self.at(1)  # a column is a token, a cell a neuron
        focus = self.data.focus
        token = VGroup(grid.get_headings()[focus], grid.get_column(focus))
        self.play(Circumscribe(token, color=style.HIGHLIGHT), run_time=self.seconds(style.LONG))
        self.at(1, 0.5)
        self.play(Indicate(grid.get_cell(focus, FIRST), color=style.HIGHLIGHT, scale_factor=1.5),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        for step, part in enumerate((count[:2], count[2:5], count[5:])):  # neurons × tokens
            self.at(2, 0.25 * step)
            self.play(Write(part), run_time=self.seconds(style.MEDIUM))
        self.play(FadeIn(words, shift=UP * style.ITEM_GAP), run_time=self.seconds(style.MEDIUM))

    def grid_heading(self, word: str) -> str:
        """A token as the activation grid sets it (small, at most HEADING_WIDTH wide): broken
        after its hyphens or between words if too wide, rather than shrunk."""
        text = label_text(word, style.TEXT, style.SMALL_SIZE)
        if text.width <= style.HEADING_WIDTH:
            return word
        return hyphen_lines(
            word, max(style.MIN_WRAP, int(len(word) * style.HEADING_WIDTH / text.width))
        )

    def count_line(self, *parts: tuple[str, str] | str) -> VGroup:
        """``49,152 neurons × 6 tokens = ...``: numbers in LaTeX, words (from YAML) in Pango."""
        pieces = VGroup()
        for part in parts:
            if isinstance(part, str):
                pieces.add(MathTex(part, font_size=style.MATH_SIZE))
                continue
            number, words = part
            pieces.add(MathTex(number, font_size=style.MATH_SIZE))
            pieces.add(label_text(words, style.TEXT, style.BODY_SIZE))
        return pieces.arrange(RIGHT, buff=style.ITEM_GAP)

    @beat
    def beat_summary(self) -> None:
        c = self.clip
        self.leave()
        self.dock()
        full = self.pipeline.copy().scale_to_fit_width(self.full_width())
        self.play(Transform(self.pipeline, full.to_edge(UP, buff=style.WIDE_MARGIN)),
                  run_time=self.seconds(style.MEDIUM))  # fmt: skip
        self.say(c.text.summary)
        stages = self.pipeline.get_keys()[1:-1]  # named in order by the first sentence
        for step, key in enumerate(stages):
            self.at(0, 0.15 + 0.75 * step / len(stages))
            self.play(Indicate(self.pipeline.get_stage(key)), run_time=self.seconds(style.MEDIUM))
        sizes, formula, model = self.summary_parts()
        self.at(1)  # the simple network of the earlier chapters, as one formula
        self.play(Write(formula), run_time=self.seconds(style.LONG) * 1.5)
        self.at(1, 0.6)
        self.play(Circumscribe(formula, color=style.HIGHLIGHT), run_time=self.seconds(style.LONG))
        self.at(2)  # the real sizes under each matrix
        self.play(FadeIn(sizes, shift=DOWN * style.ITEM_GAP), FadeIn(model),
                  run_time=self.seconds(style.LONG))  # fmt: skip

    def summary_parts(self) -> tuple[VGroup, MathTex, Mobject]:
        """The real sizes under W↑ and W↓ (staggered in a narrow frame, where they would
        touch), the model's name under them, and the block's formula below."""
        c = self.clip
        d_model, d_mlp = c.model.d_model, c.d_mlp()
        sizes = VGroup()
        for key, r, k in (("up", d_mlp, d_model), ("down", d_model, d_mlp)):
            size = MathTex(
                rf"{tex_thousands(r)} \times {tex_thousands(k)}",
                font_size=style.MATH_SIZE,
                color=style.MUTED,
            )
            buff = style.SECTION_GAP
            if len(sizes) and not frame.is_landscape():
                buff += sizes[0].height + style.ROW_GAP
            sizes.add(size.next_to(self.pipeline.get_stage(key), DOWN, buff=buff))
        act = style.ACTIVATION_TITLES[c.activation]  # named as on the diagram, not σ
        formula = MathTex(
            rf"E_{{\text{{out}}}} = E + W_{{\downarrow}}\,\text{{{act}}}"
            r"(W_{\uparrow} E + b_{\uparrow}) + b_{\downarrow}",
            font_size=style.TITLE_MATH_SIZE,
        )
        model = label_text(
            fill(c.text.shape, c.fact, model=c.model.name), style.MUTED, style.BODY_SIZE
        )
        model.next_to(sizes, DOWN, buff=style.ITEM_GAP).set_x(sizes.get_x())  # qualifies them
        fit_width(formula, self.room_width()).next_to(model, DOWN, buff=style.WIDE_GAP).set_x(0)
        fit_height_between(formula, formula.get_top()[1], self.caption_top())
        return sizes, formula, model


def cells(
    table: VGroup, width: int, columns: tuple[int, ...], rows: list[int] | None = None
) -> list[VMobject]:
    """Cells of a grid built by ``MLPWalkthrough.table`` (``width`` columns, a header row):
    those in ``columns``, header included, or only name rows ``rows`` (0 = the first name)."""
    count = len(table) // width
    picked = range(count) if rows is None else [r + 1 for r in rows]
    return [table[r * width + c] for r in picked for c in columns]


def initials(names: Sequence[Sequence[str]]) -> list[str]:
    """A short tag per name: the first letter of each of its parts ("Michael", "Jordan" →
    "MJ"), upper case; where two tags would coincide, every tag takes one more letter of
    each part ("MiJo") until they differ (or the parts run out)."""
    width = 1
    while True:
        tags = ["".join(part[:width].title() for part in parts) for parts in names]
        longest = max((len(part) for parts in names for part in parts), default=0)
        if len(set(tags)) == len(tags) or width >= longest:
            return tags
        width += 1


def hyphen_lines(text: str, chars: int) -> str:
    """``text`` in lines of at most ``chars`` characters, broken between words or after a
    hyphen the words already have ("Oyelaran-" over "Kowalczyk"); a piece longer than a
    line is cut with a hyphen of its own. Never a silent cut."""
    pieces: list[tuple[str, bool]] = []  # (piece, whether it starts a word)
    for word in text.split():
        parts = word.split("-")
        for k, part in enumerate(parts):
            piece = part + ("-" if k < len(parts) - 1 else "")
            starts = k == 0
            while len(piece) > chars:
                pieces.append((piece[: chars - 1] + "-", starts))
                piece, starts = piece[chars - 1 :], False
            pieces.append((piece, starts))
    lines: list[str] = []
    for piece, starts in pieces:
        joined = (lines[-1] + " " + piece if starts else lines[-1] + piece) if lines else piece
        if lines and len(joined) <= chars:
            lines[-1] = joined
        else:
            lines.append(piece)
    return "\n".join(lines)


class NamePlane(VGroup):
    """Names on a plane: across x = M·E, up y = J·E; the M + J direction as an arrow, the
    level lines x + y = k of row 1's linear value (row₁·E = M·E + J·E), and on demand the side
    where a threshold t is passed (x + y ≥ t, shaded, its boundary dashed).

    Each dot is labelled with its names' initials (numbers belong to the level lines and,
    if ``numbered``, the ticks); names at the same displayed point share one dot and one
    label (dots never overlap). ``legend`` says what the shading means (default: the
    clip's "fires" words).
    """

    BOX = (-0.5, 1.5, -0.5, 1.5)

    def __init__(
        self,
        scene: MLPWalkthrough,
        levels: tuple[int, ...],
        side: float = 4.2,
        numbered: bool = False,
        legend: str | None = None,
    ) -> None:
        super().__init__()
        x0, x1, y0, y1 = self.BOX
        self.axes = Axes(
            x_range=[x0, x1, 0.5],
            y_range=[y0, y1, 0.5],
            x_length=side,
            y_length=side,
            axis_config={"color": style.AXES, "include_tip": False},
        )
        x_label = MathTex(
            rf"{scene.vec('M')}\cdot E", font_size=style.MATH_SIZE, color=scene.colour("M")
        )
        y_label = MathTex(
            rf"{scene.vec('J')}\cdot E", font_size=style.MATH_SIZE, color=scene.colour("J")
        )
        x_label.next_to(self.axes.c2p(x1, y0), DOWN, buff=style.ITEM_GAP).align_to(self.axes, RIGHT)
        y_label.next_to(self.axes.c2p(x0, y1), UP, buff=style.ITEM_GAP).align_to(self.axes, LEFT)
        self.axes.add(x_label, y_label)
        if numbered:  # the ticks' values (the origin is marked by its dot)
            ticks = [x0 + 0.5 * i for i in range(round((x1 - x0) / 0.5) + 1)]
            # written as short as they go ("1", not "1.0"): narrow enough to clear the level
            # line x + y = 1, which leaves the tick at 1 beside its number
            shown: dict[float, str | float | VMobject] = {t: f"{t:g}" for t in ticks if t > 0}
            for axis in (self.axes.get_x_axis(), self.axes.get_y_axis()):
                axis.add_labels(shown, font_size=style.MATH_SIZE)
                axis.labels.set_color(style.MUTED)
        combined = scene.clip.colours.combined
        self.levels = VGroup(*(self.level_line(k, combined) for k in levels))
        points = [(r.m_dot, r.j_dot) for r in scene.n.probes]
        groups = mathcore.group_by_value(scene.data.labels, points)
        self.dots, self.labels = VGroup(), VGroup()
        self.dot_index: dict[int, Dot] = {}
        for (x, y), names in groups:
            colour = scene.probe_colour(scene.data.labels.index(names[0]))
            dot = Dot(self.axes.c2p(x, y), radius=style.DOT_RADIUS * 1.5, color=colour)
            # The names' initials (numbers are kept for the level lines): any name length
            # fits, shared points list all.
            tags = ", ".join(scene.data.tags[scene.data.labels.index(n)] for n in names)
            label = label_text(tags, colour, style.BODY_SIZE)
            self.place_label(label, dot, x, y)
            self.dots.add(dot)
            self.labels.add(label)
            for name in names:
                self.dot_index[scene.data.labels.index(name)] = dot
        tip = self.axes.c2p(1.25, 1.25)
        self.arrow = Arrow(self.axes.c2p(0, 0), tip, buff=0, color=combined)
        self.arrow_label = MathTex(
            rf"{scene.vec('M')}+{scene.vec('J')}", font_size=style.MATH_SIZE, color=combined
        ).next_to(tip, UP, buff=0.1)
        self.add(self.axes, self.levels, self.arrow, self.arrow_label, self.dots, self.labels)
        self.legend = self.region_legend(scene.clip.text.fires if legend is None else legend)
        self.add(self.legend)

    def region_legend(self, words: str) -> VGroup:
        """A swatch of the shading and what it means, below the plane's lowest label."""
        swatch = Square(style.ITEM_GAP * 1.2, stroke_color=style.POSITIVE,
                        stroke_width=style.AXIS_STROKE)  # fmt: skip
        swatch.set_fill(style.POSITIVE, opacity=style.HIGHLIGHT_OPACITY * 2)
        text = label_text(words, style.TEXT, style.BODY_SIZE)
        legend = VGroup(swatch, text).arrange(RIGHT, buff=style.ITEM_GAP)
        fit_width(legend, self.axes.width)
        return legend.next_to(self, DOWN, buff=style.ITEM_GAP).align_to(self.axes, LEFT)

    def line_legend(self, words: str) -> VGroup:
        """A dashed swatch and what its line means, under the region's legend."""
        size = style.ITEM_GAP * 1.2  # the swatch's size before the legend was fitted
        dash = DashedLine(ORIGIN, RIGHT * size, color=style.POSITIVE)
        text = label_text(words, style.TEXT, style.BODY_SIZE)
        legend = VGroup(dash, text).arrange(RIGHT, buff=style.ITEM_GAP)
        legend.scale(self.legend[0].width / size)  # as the region's legend was
        return legend.next_to(self.legend, DOWN, buff=style.ITEM_GAP).align_to(self.legend, LEFT)

    @staticmethod
    def place_label(label: Mobject, dot: Dot, x: float, y: float) -> None:
        """Beside the dot in a gap between the lines through it: the level line (slope -1),
        the axes (x = 0, y = 0), and the M + J arrow (slope 1) for a dot on the diagonal.
        A dot on the diagonal: level line and arrow leave the sides free, a label there
        clears both when its gap exceeds half its height; the origin (the axes too): below
        left. Off the diagonal: above right, clear of the level line and the axes."""
        gap = style.ITEM_GAP / 2
        if x == y and x == 0:
            label.next_to(dot, LEFT + DOWN, buff=gap)
        elif x == y:
            label.next_to(dot, LEFT if x > 0 else RIGHT, buff=gap + label.height / 2)
        else:
            label.next_to(dot, UP + RIGHT, buff=gap)

    def ends(self, a: float, b: float, c: float) -> list[tuple[float, float]]:
        """Where the line a x + b y + c = 0 meets the box's edges."""
        corners = mathcore.half_plane_in_box(a, b, c, self.BOX)
        ends: list[tuple[float, float]] = []
        for x, y in corners:  # a line through a corner: that corner is met twice
            on = abs(a * x + b * y + c) < 1e-9
            if on and all(abs(x - u) + abs(y - v) > 1e-9 for u, v in ends):
                ends.append((x, y))
        return ends

    def level_line(self, k: int, colour: str) -> VGroup:
        """The line x + y = k across the box, its value written just outside the box where
        the line leaves it on the right or at the bottom."""
        ends = self.ends(1.0, 1.0, -float(k))
        start, end = (self.axes.c2p(x, y) for x, y in ends[:2])
        line = Line(start, end, color=colour, stroke_width=style.AXIS_STROKE, stroke_opacity=0.6)
        x_end, y_end = max(ends[:2])  # the lower right end
        direction = RIGHT if x_end >= self.BOX[1] - 1e-9 else DOWN
        value = MathTex(str(k), font_size=style.MATH_SIZE, color=colour)
        value.next_to(self.axes.c2p(x_end, y_end), direction, buff=style.ITEM_GAP / 2)
        return VGroup(line, value)

    def yes_side(self, threshold: float) -> tuple[Polygon, DashedLine]:
        """The side x + y ≥ ``threshold`` shaded, and its boundary dashed."""
        corners = mathcore.half_plane_in_box(1.0, 1.0, -threshold, self.BOX)
        region = Polygon(*(self.axes.c2p(x, y) for x, y in corners), stroke_width=0)
        region.set_fill(style.POSITIVE, opacity=style.HIGHLIGHT_OPACITY)
        ends = self.ends(1.0, 1.0, -threshold)
        boundary = DashedLine(
            self.axes.c2p(*ends[0]), self.axes.c2p(*ends[-1]), color=style.POSITIVE
        )
        return region, boundary

    def get_axes(self) -> Axes:
        return self.axes

    def get_levels(self) -> VGroup:
        """One (line, value) pair per level line, lowest first."""
        return self.levels

    def get_dots(self) -> VGroup:
        return self.dots

    def get_labels(self) -> VGroup:
        return self.labels

    def dot_of(self, index: int) -> Dot:
        """The dot of name ``index`` (shared with the names at the same point)."""
        return self.dot_index[index]

    def get_legend(self) -> VGroup:
        """What the shaded side means (shown with the shading)."""
        return self.legend

    def get_arrow(self) -> Arrow:
        return self.arrow

    def get_arrow_label(self) -> MathTex:
        return self.arrow_label
