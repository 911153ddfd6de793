"""The video's opening (0:00-2:15): where might a language model keep a fact?

A prompt goes into a model and the fact's attribute comes out into the blank; the model's
parameters as a sea of numbers with their count (mathcore.count_parameters of the model
preset); the researchers' finding that facts seem to live in the MLPs; the transformer as a
stack of alternating attention and MLP blocks with a vector flowing up through it, the MLPs
highlighted with their share of the parameters; the MLP's formula as the model preset has it
(plain or gated, with or without biases: simple) against its numbers (hard to read); and the
plan: one block storing one fact.

Every step of the picture starts with the narration sentence that explains it
(:meth:`~scenes.visual.beats.BeatScene.until_sentence`), and every position is computed from
the frame's size, so the clip reflows into 9:16 and 1:1.
"""

from __future__ import annotations

import re

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    ArcBetweenPoints,
    Arrow,
    Brace,
    ChangeDecimalToValue,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    Group,
    GrowArrow,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    ManimColor,
    MathTex,
    Mobject,
    ReplacementTransform,
    Square,
    SurroundingRectangle,
    Text,
    Transform,
    TransformFromCopy,
    VGroup,
    Write,
    config,
    interpolate_color,
    there_and_back,
)

import mathcore
from scenes.config import OpeningConfig, fill
from scenes.visual import frame, style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    BlockIcon,
    fit_height_between,
    fit_width,
    label_text,
    name_text,
)
from scenes.visual.marks import mark_overlay

MONO = "DejaVu Sans Mono"
PROMPT_SIZE = 36
SEA_SIZE = 24
BLOCK_W = 3.4
BLOCK_H = 0.55
BLOCK_GAP = 0.22
CELLS = 5  # cells of the little vector that flows through the blocks
FLOW_CELL = 0.24  # their size in the stack, small enough to fit between two blocks
SQUARE_BLOCK_W = 2.6
STACK_GAP = 0.4  # between the stacked blocks: room for the vector coming out of one
ARROW_LENGTH = 1.6
HARD_ROWS, HARD_COLUMNS = 4, 7  # the numbers shown beside the formula


class Opening(BeatScene[OpeningConfig]):
    """Where might a language model keep "<first> <last> <verb> <attribute>"?"""

    config_class = OpeningConfig

    def prepare(self) -> None:
        clip = self.clip
        self.count = mathcore.count_parameters(clip.model.to_shape(), clip.convention)
        share = self.count.components["mlp"] / self.count.total
        self.mlp_share = mathcore.percent(share, 0)
        sea = clip.sea
        self.sea_values = mathcore.sample_weights(sea.rows, sea.columns, clip.seed, sea.scale)
        self.title_top = config.frame_height / 2 - style.EDGE_BUFFER
        self.width = min(style.CONTENT_WIDTH, config.frame_width - 2 * style.EDGE_BUFFER)

    def narration_values(self) -> dict[str, object]:
        return {"model": self.clip.model.name, "n": self.clip.model.n_layers}

    def words(self, template: str, **values: object) -> str:
        """A text template filled with the fact, the model's name and ``values``."""
        return fill(template, self.clip.fact, model=self.clip.model.name, **values)

    def centre_if_tall(self, picture: Mobject) -> None:
        """In the vertical frame, centre ``picture`` in the room above the captions (rather
        than leaving the lower half empty); the wide and square frames keep it at the top."""
        if frame.is_portrait():
            picture.set_y((self.title_top + self.caption_top()) / 2)

    def spread(self, sentence: int, steps: int) -> float:
        """Run time of each of ``steps`` animations sharing sentence ``sentence``."""
        return max(self.seconds(style.SHORT), 0.8 * self.sentence_seconds(sentence) / steps)

    # -- prompt ---------------------------------------------------------------------------

    def prompt_line(self) -> tuple[Text, VGroup, Text]:
        """The prompt followed by the attribute, the attribute's glyphs (hidden until the
        model answers), and the blank written where the attribute will land."""
        fact = self.clip.fact
        line = name_text(
            f"{fact.prompt()} {fact.attribute}", self.width, self.clip.colours.text, PROMPT_SIZE
        )
        line.next_to(self.title_top * UP, DOWN, buff=style.WIDE_GAP)
        glyphs = len("".join(fact.attribute.split()))
        answer = VGroup(*line.submobjects[-glyphs:]).set_color(self.clip.colours.attribute)
        blank = label_text(self.clip.text.blank, self.clip.colours.text, PROMPT_SIZE)
        blank.next_to(answer.get_left(), RIGHT, buff=0).align_to(answer, DOWN)
        return line, answer, blank

    def name_glyphs(self, line: Text) -> tuple[VGroup, VGroup]:
        """The first name's and the last name's glyphs at the start of the prompt."""
        fact = self.clip.fact
        first = len("".join(fact.first_name.split()))
        last = len("".join(fact.last_name.split()))
        glyphs = line.submobjects
        return VGroup(*glyphs[:first]), VGroup(*glyphs[first : first + last])

    def prompt_model(self, line: Text) -> tuple[BlockIcon, Arrow, Arrow, Text]:
        """Under the prompt: an arrow into the model, the model, an arrow out of it and the
        word it predicts, centred in the room above the captions."""
        model = BlockIcon(self.clip.text.model_box, width=min(4.4, self.width), height=1.2)
        arrow_in, arrow_out = (
            Arrow(UP, DOWN, buff=0, color=style.MUTED, stroke_width=4).scale_to_fit_height(0.7)
            for _ in range(2)
        )
        colours = self.clip.colours
        guess = fit_width(
            label_text(self.clip.fact.attribute, colours.attribute, PROMPT_SIZE), self.width
        )
        column = VGroup(arrow_in, model, arrow_out, guess).arrange(DOWN, buff=0.12)
        column.set_y((line.get_bottom()[1] - style.SECTION_GAP + self.caption_top()) / 2)
        return model, arrow_in, arrow_out, guess

    @beat
    def beat_prompt(self) -> None:
        self.clear_stage()
        line, answer, blank = self.prompt_line()
        question = VGroup(*(g for g in line.submobjects if g not in answer.submobjects))
        model, arrow_in, arrow_out, guess = self.prompt_model(line)
        each = self.spread(0, 6)
        self.play(Write(question), Write(blank), run_time=each)
        self.play(FadeIn(model, shift=UP), GrowArrow(arrow_in), run_time=each)
        self.ask_model(VGroup(question, blank), model, each)
        self.play(GrowArrow(arrow_out), FadeIn(guess, shift=DOWN), run_time=each)  # its answer
        filling = mark_overlay(guess.copy())  # flies up over the model into the blank
        self.play(
            Transform(filling, answer), FadeOut(blank, shift=DOWN), run_time=each
        )  # fmt: skip
        self.remove(filling)
        self.add(answer)
        self.until_sentence(1)  # knowledge about one particular person ...
        self.play(FadeOut(VGroup(arrow_in, arrow_out, guess)), run_time=self.seconds(style.SHORT))
        self.link_name_to_answer(line, answer)
        self.until_sentence(2)  # ... so where is that fact kept?
        self.fact_into_model(line, model)

    def ask_model(self, prompt: VGroup, model: BlockIcon, run_time: float) -> None:
        """A copy of the prompt (blank and all) slides down the arrow and shrinks into the
        model, which works on it."""
        going_in = prompt.copy()
        for glyph in going_in.family_members_with_points():
            mark_overlay(glyph)  # seen going into the model
        self.play(
            going_in.animate.scale(0.2).move_to(model).set_opacity(0), run_time=run_time
        )  # fmt: skip
        self.remove(going_in)
        self.play(Indicate(model.get_box(), color=style.HIGHLIGHT), run_time=run_time)

    def link_name_to_answer(self, line: Text, answer: VGroup) -> None:
        """The name takes its features' colours and an arc ties it to what it is known for."""
        colours = self.clip.colours
        first, last = self.name_glyphs(line)
        self.play(
            first.animate.set_color(colours.first_name),
            last.animate.set_color(colours.last_name),
            run_time=self.seconds(style.MEDIUM),
        )
        name = VGroup(first, last)
        arc = ArcBetweenPoints(
            name.get_bottom() + 0.1 * DOWN, answer.get_bottom() + 0.1 * DOWN,
            angle=np.pi / 3 if name.get_x() < answer.get_x() else -np.pi / 3,
            color=colours.combined, stroke_width=4,
        )  # fmt: skip
        self.play(Create(arc), run_time=self.seconds(style.LONG))
        self.play(Indicate(answer, color=style.HIGHLIGHT), run_time=self.seconds(style.MEDIUM))
        self.link = arc

    def fact_into_model(self, line: Text, model: BlockIcon) -> None:
        """The fact (name and answer) sinks into the model, where it is somewhere: '?'."""
        fact = mark_overlay(VGroup(line.copy(), self.link.copy()))
        for glyph in fact.family_members_with_points():
            mark_overlay(glyph)
        self.play(
            fact.animate.scale(0.15).move_to(model).set_opacity(0),
            run_time=self.seconds(style.LONG),
        )
        self.remove(fact)
        where = Text("?", font_size=72, color=self.clip.colours.attribute)
        where.next_to(model, RIGHT, buff=style.ITEM_GAP)
        self.play(
            Write(where), Indicate(model.get_box(), color=style.HIGHLIGHT),
            run_time=self.seconds(style.MEDIUM),
        )  # fmt: skip

    # -- parameters -----------------------------------------------------------------------

    def sea(self) -> VGroup:
        """Rows of the sampled parameters in a monospaced font across the upper frame (as
        many columns as fit the frame's width at a readable size)."""
        decimals = self.clip.sea.decimals
        width = decimals + 4  # sign, digit, point, decimals and a space

        def rows_of(columns: int) -> VGroup:
            return VGroup(
                *(
                    Text(
                        " ".join(mathcore.fixed(v, decimals).rjust(width - 1) for v in row),
                        font=MONO, font_size=SEA_SIZE, color=self.clip.colours.text,
                    )
                    for row in self.sea_values[:, :columns]
                )
            ).arrange(DOWN, buff=style.ITEM_GAP)  # fmt: skip

        columns = self.sea_values.shape[1]
        rows = rows_of(columns)
        while rows.width > self.width and columns > 2:
            columns -= 1
            rows = rows_of(columns)
        rows.set_opacity(0.85)
        return rows.next_to(self.title_top * UP, DOWN, buff=0)

    @beat
    def beat_parameters(self) -> None:
        self.clear_stage()
        sea = self.sea()
        counter = DecimalNumber(
            self.count.total,
            num_decimal_places=0,
            group_with_commas=True,
            font_size=style.TITLE_MATH_SIZE,
        )
        label = name_text(self.words(self.clip.text.parameters), self.width, self.clip.colours.text)
        tally = VGroup(counter, label).arrange(DOWN, buff=style.ITEM_GAP)
        tally.next_to(sea, DOWN, buff=style.SECTION_GAP)
        question = name_text(
            self.words(self.clip.text.question), self.width, self.clip.colours.attribute
        ).next_to(tally, DOWN, buff=style.SECTION_GAP)
        self.centre_if_tall(VGroup(sea, tally, question))
        counter.set_value(0)  # grows from its left edge, where the full count will start
        self.play(
            LaggedStart(*(FadeIn(row) for row in sea), lag_ratio=style.LAG_SLOW),
            run_time=self.seconds(style.LONG),
        )
        self.play(FadeIn(tally), run_time=self.seconds(style.SHORT))
        self.play(
            ChangeDecimalToValue(counter, self.count.total), run_time=self.seconds(style.LONG)
        )
        counter.set_value(self.count.total)
        self.until_sentence(1)  # somewhere in this sea ...
        self.search(sea)
        self.play(Write(question), run_time=self.seconds(style.MEDIUM))

    def search(self, sea: VGroup) -> None:
        """A frame sweeps down the rows of numbers, looking for the fact."""
        looking = self.row_frame(sea, 0)
        self.play(Create(looking), run_time=self.seconds(style.SHORT))
        each = self.spread(1, len(sea)) * 0.7
        for index in range(1, len(sea)):  # a quick step to the next row, then a look along it
            self.play(Transform(looking, self.row_frame(sea, index)), run_time=each / 3)
            self.wait(2 * each / 3)
        self.play(FadeOut(looking), run_time=self.seconds(style.SHORT))

    def row_frame(self, sea: VGroup, index: int) -> SurroundingRectangle:
        """A frame around row ``index`` of ``sea``: as tall as that row's glyphs, as wide
        as the widest row (a row without a leading minus sign is narrower)."""
        row, buff = sea[index], style.HIGHLIGHT_BUFF
        box = SurroundingRectangle(row, color=style.HIGHLIGHT, buff=buff)
        box.stretch_to_fit_width(sea.width + 2 * buff).set_x(sea.get_x())
        return mark_overlay(box.set_y(row.get_y()))

    # -- the finding ----------------------------------------------------------------------

    def example_rows(self) -> VGroup:
        """``name → attribute`` per example: in the wide frame on one line, names
        right-aligned against the arrows; in a narrow one the name over its arrow."""
        rows = VGroup()
        self.arrows: list[Arrow] = []
        colours = self.clip.colours
        landscape = frame.is_landscape()
        side = (self.width - ARROW_LENGTH - 2 * style.ITEM_GAP) / 2 if landscape else self.width
        for example in self.clip.examples:
            name = name_text(example.name, side, colours.text, style.BODY_SIZE)
            room = side if landscape else side - ARROW_LENGTH - style.ITEM_GAP
            answer = name_text(example.attribute, room, colours.attribute)
            arrow = Arrow(LEFT, RIGHT, buff=0, color=style.MUTED, stroke_width=3)
            arrow.scale_to_fit_width(ARROW_LENGTH)
            self.arrows.append(arrow)
            pair = VGroup(arrow, answer).arrange(RIGHT, buff=style.ITEM_GAP)
            if not landscape:  # the name over its arrow and answer
                pair.next_to(name, DOWN, buff=2.5 * style.ITEM_GAP)  # room for 'how?'
            rows.add(VGroup(name, arrow, answer))
            if landscape:
                rows[-1].arrange(RIGHT, buff=style.ITEM_GAP)
        rows.arrange(DOWN, buff=style.ROW_GAP)
        if landscape:
            for row in rows:
                row.shift((rows.get_center()[0] - row[1].get_center()[0]) * RIGHT)
        return rows

    @beat
    def beat_finding(self) -> None:
        self.clear_stage()
        text, colours = self.clip.text, self.clip.colours
        source = name_text(self.words(text.source), self.width, colours.text, style.LABEL_SIZE)
        topic = name_text(self.words(text.source_topic), self.width, colours.text)
        head = VGroup(source, topic).arrange(DOWN, buff=style.ITEM_GAP)
        head.next_to(self.title_top * UP, DOWN, buff=0)
        rows = self.example_rows().next_to(head, DOWN, buff=style.SECTION_GAP)
        finding = name_text(self.words(text.finding), self.width, style.COMBINED, style.LABEL_SIZE)
        finding.next_to(rows, DOWN, buff=style.SECTION_GAP)
        fit_height_between(VGroup(head, rows, finding), self.title_top, self.caption_top())
        self.centre_if_tall(VGroup(head, rows, finding))
        self.play(FadeIn(head, shift=DOWN), run_time=self.seconds(style.MEDIUM))
        each = self.spread(0, 2 * len(rows) + 1)
        for row, arrow in zip(rows, self.arrows, strict=True):
            self.play(FadeIn(row[0]), run_time=each)
            self.play(GrowArrow(arrow), FadeIn(row[2], shift=RIGHT), run_time=each)
        self.until_sentence(1)  # how is not fully explained ...
        unknowns = [self.unknown(arrow) for arrow in self.arrows]
        self.play(
            LaggedStart(*(FadeIn(u, shift=DOWN) for u in unknowns), lag_ratio=0.3),
            run_time=self.seconds(style.LONG),
        )
        self.until_sentence(2)  # ... but the facts seem to live in the MLPs
        self.play(Write(finding), run_time=self.seconds(style.MEDIUM))
        blocks = [self.small_mlp(arrow) for arrow in self.arrows]
        self.play(
            *(ReplacementTransform(u, b) for u, b in zip(unknowns, blocks, strict=True)),
            run_time=self.seconds(style.LONG),
        )

    def unknown(self, arrow: Arrow) -> Text:
        """'how?' over an example's arrow: the mechanism was not explained."""
        words = label_text(self.clip.text.unknown, style.HIGHLIGHT, style.SMALL_SIZE)
        return words.next_to(arrow, UP, buff=0.05)

    def small_mlp(self, arrow: Arrow) -> BlockIcon:
        """A small MLP block on an example's arrow, which passes through it: where the fact
        seems to live."""
        block = BlockIcon(self.clip.text.mlp, ARROW_LENGTH * 0.7, 0.42, style.COMBINED)
        block.get_label().set(font_size=style.SMALL_SIZE)
        block.get_box().set_fill(self.clip.colours.background, opacity=1.0)  # hides the arrow
        return mark_overlay(block.move_to(arrow))

    # -- the stack ------------------------------------------------------------------------

    def stack(self) -> VGroup:
        """Attention and MLP blocks alternating, bottom to top, with room for the vector
        under and over them: left of the notes in the wide frame, in the upper part of a
        narrow one (the notes go under it). The boxes are opaque, so a vector passing
        through a block is hidden while inside it."""
        text, background = self.clip.text, self.clip.colours.background
        blocks = VGroup()
        # The tall frame uses its height (taller blocks, wider gaps); the square one keeps
        # the notes beside a smaller stack, as the wide one does.
        width, height, self.stack_gap = BLOCK_W, BLOCK_H, STACK_GAP
        if frame.is_portrait():
            width, height = min(BLOCK_W, self.width - 1.4), 1.5 * BLOCK_H
            self.stack_gap = 1.4 * STACK_GAP
        elif not frame.is_landscape():
            width, height, self.stack_gap = SQUARE_BLOCK_W, 0.8 * BLOCK_H, 0.85 * STACK_GAP
        for _ in range(self.clip.layers_shown):
            for words, colour in ((text.attention, style.LAST_NAME), (text.mlp, style.COMBINED)):
                block = BlockIcon(words, width, height, colour)
                block.get_box().set_fill(
                    interpolate_color(ManimColor(background), ManimColor(colour), style.BLOCK_FILL),
                    opacity=1.0,
                )
                blocks.add(block.set_z_index(1))
        blocks.arrange(UP, buff=self.stack_gap)
        room = self.stack_gap + FLOW_CELL  # the vector's place under and over the stack
        if not frame.is_portrait():
            top, bottom = self.title_top, self.caption_top()
            left = -config.frame_width / 2 + style.EDGE_BUFFER + width / 2
            x = 2.8 * LEFT if frame.is_landscape() else left * RIGHT
            return blocks.move_to(x + (top + bottom) / 2 * UP)
        blocks.next_to(self.title_top * UP, DOWN, buff=room)
        return blocks.set_x(0)

    def flowing_vector(self, way: np.ndarray = DOWN, size: float = style.CELL_SIZE) -> VGroup:
        """A little column (or, ``way`` RIGHT, row) of cells standing for one token's vector."""
        cells = VGroup(
            *(
                Square(size, color=style.FIRST_NAME, fill_opacity=0.6 - 0.1 * i)
                for i in range(CELLS)
            )
        ).arrange(way, buff=style.CELL_GAP / 2)
        return cells

    @beat
    def beat_stack(self) -> None:
        self.clear_stage()
        blocks = self.stack()
        vector = self.flowing_vector(RIGHT, FLOW_CELL)
        for cell in vector:
            mark_overlay(cell)  # passes behind the opaque blocks, hidden while inside
        vector.next_to(blocks, DOWN, buff=self.stack_gap)
        attention_note, mlp_note, repeat = self.stack_notes(blocks)
        self.centre_if_tall(Group(blocks, vector, attention_note, mlp_note, repeat))
        self.play(
            LaggedStart(*(GrowFromCenter(b) for b in blocks), lag_ratio=style.LAG_SLOW),
            FadeIn(vector, shift=UP),
            run_time=self.seconds(style.LONG),
        )
        self.until_sentence(1)  # a vector climbs through the stack ...
        self.climb(vector, blocks)
        self.play(GrowFromCenter(repeat[0]), FadeIn(repeat[1]), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(2)  # attention: last chapter
        attentions = [blocks[i].get_box() for i in range(0, len(blocks), 2)]
        self.play(
            *(flash(box, style.HIGHLIGHT) for box in attentions),
            FadeIn(attention_note, shift=LEFT),
            run_time=self.seconds(style.LONG),
        )
        self.until_sentence(3)  # the MLPs, most of the parameters
        mlps = [blocks[i].get_box() for i in range(1, len(blocks), 2)]
        self.play(
            *(box.animate.set_fill(style.COMBINED, opacity=0.7) for box in mlps),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(FadeIn(mlp_note, shift=LEFT), run_time=self.seconds(style.MEDIUM))

    def climb(self, vector: VGroup, blocks: VGroup) -> None:
        """The vector goes into each block in turn (hidden behind it while the block works
        on it) and comes out above it: after an attention block one cell has taken context
        from the other tokens (last-name colour), after an MLP one cell holds a recalled
        fact (attribute colour)."""
        each = self.spread(1, 2 * len(blocks))
        tints = (style.LAST_NAME, self.clip.colours.attribute)
        for index, block in enumerate(blocks):
            self.play(vector.animate.move_to(block), run_time=each)
            cell = vector[index % CELLS]
            self.play(
                flash(block.get_box(), style.HIGHLIGHT),
                cell.animate.set_fill(tints[index % 2], opacity=0.9),
                run_time=each / 2,
            )
            self.play(
                vector.animate.next_to(block, UP, buff=(self.stack_gap - FLOW_CELL) / 2),
                run_time=each / 2,
            )

    def stack_notes(self, blocks: VGroup) -> list[Mobject]:
        """What each kind of block is (an arrow to the top pair in the wide frame; under the
        stack in a narrow one), and how often the pair repeats in the model."""
        text = self.clip.text
        pairs = (
            (len(blocks) - 2, self.words(text.attention_note), style.LAST_NAME),
            (len(blocks) - 1, self.words(text.mlp_note, n=self.mlp_share), style.COMBINED),
        )
        if frame.is_portrait():
            lines = [name_text(words, self.width, colour) for _, words, colour in pairs]
            column = VGroup(*lines).arrange(DOWN, buff=style.ITEM_GAP)
            column.next_to(blocks, DOWN, buff=style.SECTION_GAP).set_x(0)
            room = config.frame_width / 2 - style.EDGE_BUFFER - blocks.get_right()[0] - 0.5
            return [lines[0], lines[1], self.repeat_brace(blocks, room)]
        room = config.frame_width / 2 - style.EDGE_BUFFER - blocks.get_right()[0] - 1.4
        notes: list[Mobject] = []
        for index, words, colour in pairs:
            label = name_text(words, room, colour)
            label.next_to(blocks[index], RIGHT, buff=1.2)
            arrow = Arrow(label.get_left(), blocks[index].get_right(), buff=0.1, color=colour)
            notes.append(VGroup(arrow, label))
        notes.append(self.repeat_brace(blocks, room + 0.7))
        return notes

    def repeat_brace(self, blocks: VGroup, room: float) -> VGroup:
        """A brace right of the bottom attention and MLP pair, labelled with how often the
        pair repeats in the model (the preset's layer count): the whole label beside it if
        it fits ``room``, else just '× n'."""
        n = self.clip.model.n_layers
        brace = Brace(VGroup(blocks[0], blocks[1]), RIGHT, color=self.clip.colours.text)
        colour = self.clip.colours.text
        label = label_text(self.words(self.clip.text.repeat, n=n), colour, style.BODY_SIZE)
        if label.width > room:  # no room for the words: say it short
            label = label_text(f"× {n}", colour, style.LABEL_SIZE)
        return VGroup(brace, label.next_to(brace, RIGHT, buff=style.ITEM_GAP))

    # -- simple and hard ------------------------------------------------------------------

    def formula(self) -> tuple[MathTex, list[list[int]]]:
        """The MLP as the model preset has it, and the parts to write in order: the first
        product(s), the function, the outer product (and the biases, if it has them).

        plain: ``W↓ f(W↑ E + b↑) + b↓``; gated: ``W↓ (f(W_gate E) ⊙ W↑ E)``."""
        model, text = self.clip.model, self.clip.text
        bias = model.biases
        if model.mlp == "gated":
            function = tex_name(text.gate_activation)
            parts = [
                r"W_\downarrow", r"\big(", function, r"(", r"W_{\text{gate}}\vec{E}", r")",
                r"\odot", r"W_\uparrow\vec{E}", r"\big)",
                r"+ \vec{b}_\downarrow" if bias else "",
            ]  # fmt: skip
            steps = [[4, 7], [2, 3, 5, 6], [0, 1, 8], [9]]
        else:
            parts = [
                r"W_\downarrow\,", tex_name(text.activation), r"(", r"W_\uparrow\vec{E}",
                r"+ \vec{b}_\uparrow" if bias else "", r")",
                r"+ \vec{b}_\downarrow" if bias else "",
            ]  # fmt: skip
            steps = [[3], [1, 2, 5], [0], [4, 6]]
        kept = [i for i, part in enumerate(parts) if part]
        tex = MathTex(*(parts[i] for i in kept), font_size=style.TITLE_MATH_SIZE)
        where = {old: new for new, old in enumerate(kept)}
        order = [[where[i] for i in step if i in where] for step in steps]
        return tex, [step for step in order if step]

    def hard_numbers(self) -> VGroup:
        """A few rows of the sampled weights: what the matrices really hold."""
        rows, columns = min(HARD_ROWS, self.clip.sea.rows), min(HARD_COLUMNS, self.clip.sea.columns)
        numbers = VGroup(
            *(
                Text(
                    " ".join(mathcore.fixed(v, 2).rjust(5) for v in self.sea_values[r, :columns]),
                    font=MONO, font_size=SEA_SIZE, color=self.clip.colours.text,
                )
                for r in range(rows)
            )
        ).arrange(DOWN, buff=style.ITEM_GAP / 2)  # fmt: skip
        if numbers.width > self.width:
            numbers.scale_to_fit_width(self.width)
        return numbers

    @beat
    def beat_simple_hard(self) -> None:
        self.clear_stage()
        text = self.clip.text
        block = BlockIcon(text.mlp, BLOCK_W, BLOCK_H * 1.6, style.COMBINED)
        formula, steps = self.formula()
        simple = label_text(self.words(text.simple), style.POSITIVE, style.LABEL_SIZE)
        numbers = self.hard_numbers()
        hard = label_text(self.words(text.hard), style.NEGATIVE, style.LABEL_SIZE)
        column = VGroup(block, formula, simple, numbers, hard).arrange(DOWN, buff=style.ITEM_GAP)
        fit_width(formula, self.width)
        fit_height_between(column, self.title_top, self.caption_top())
        column.set_y((self.title_top + self.caption_top()) / 2)
        self.play(FadeIn(block), run_time=self.seconds(style.SHORT))
        for step in steps:  # the products, the function, the outer product, the biases
            self.play(
                Write(VGroup(*(formula.submobjects[i] for i in step))),
                run_time=self.spread(0, len(steps)),
            )
        self.play(FadeIn(simple, shift=UP), run_time=self.seconds(style.SHORT))
        self.until_sentence(1)  # ... but what do the numbers mean?
        parts = formula.submobjects
        matrices = VGroup(*(parts[i] for i in steps[0]), parts[0])
        self.play(TransformFromCopy(matrices, numbers), run_time=self.seconds(style.LONG))
        self.play(Indicate(numbers, color=style.NEGATIVE), run_time=self.seconds(style.MEDIUM))
        self.play(FadeIn(hard, shift=UP), run_time=self.seconds(style.MEDIUM))

    # -- the plan -------------------------------------------------------------------------

    def paint_names(self, line: Text, attribute: bool = False) -> Text:
        """``line``, which starts with the fact's name, in the name's colours of the prompt
        beat (and, if ``attribute``, ending in the attribute's colour)."""
        colours = self.clip.colours
        first, last = self.name_glyphs(line)
        first.set_color(colours.first_name)
        last.set_color(colours.last_name)
        if attribute:
            glyphs = len("".join(self.clip.fact.attribute.split()))
            VGroup(*line.submobjects[-glyphs:]).set_color(colours.attribute)
        return line

    def plan_picture(self) -> tuple[BlockIcon, VGroup, VGroup, tuple[Arrow, Arrow]]:
        """The block, the name's vector and its label (before the block), the output
        vector and its label (after it) and the arrows in and out of the block: left to
        right in the wide frame, top to bottom in a narrow one."""
        fact, colours = self.clip.fact, self.clip.colours
        landscape = frame.is_landscape()
        into, out_of = (LEFT, RIGHT) if landscape else (UP, DOWN)
        room = 3.6 if landscape else self.width
        block = BlockIcon(self.clip.text.mlp, BLOCK_W, 1.6 if landscape else 1.0, style.COMBINED)
        gap = 2.0 if landscape else 0.9
        cells = DOWN if landscape else RIGHT  # along the flow's cross direction
        vector = mark_overlay(self.flowing_vector(cells)).next_to(block, into, buff=gap)
        name = self.paint_names(name_text(fact.full_name, room, colours.text))
        out = mark_overlay(self.flowing_vector(cells).set_color(colours.attribute))
        out.next_to(block, out_of, buff=gap)
        label = name_text(f"+ {fact.attribute}", room, colours.attribute)
        name.next_to(vector, DOWN if landscape else UP, buff=style.ITEM_GAP)
        label.next_to(out, DOWN, buff=style.ITEM_GAP)
        arrow_in, arrow_out = (
            Arrow(start.get_edge_center(out_of), end.get_edge_center(into), buff=0.12,
                  color=style.MUTED, stroke_width=4)
            for start, end in ((vector, block), (block, out))
        )  # fmt: skip
        return block, VGroup(vector, name), VGroup(out, label), (arrow_in, arrow_out)

    @beat
    def beat_plan(self) -> None:
        self.clear_stage()
        fact, colours, text = self.clip.fact, self.clip.colours, self.clip.text
        plan = name_text(self.words(text.plan), self.width, colours.text, style.LABEL_SIZE)
        statement = self.paint_names(name_text(fact.statement(), self.width, colours.text), True)
        credit = name_text(self.words(text.credit), self.width, colours.text, style.SMALL_SIZE)
        block, before, after, arrows = self.plan_picture()
        picture = VGroup(before, block, after, *arrows)
        square = not (frame.is_landscape() or frame.is_portrait())
        gap = style.ITEM_GAP if square else style.SECTION_GAP
        stage = VGroup(plan, statement, picture, credit).arrange(DOWN, buff=gap)
        fit_height_between(stage, self.title_top, self.caption_top())
        stage.set_y((self.title_top + self.caption_top()) / 2)
        self.play(FadeIn(plan), FadeIn(block), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(1)  # step by step, on one concrete case
        self.play(FadeIn(before), run_time=self.seconds(style.MEDIUM))
        going_in = mark_overlay(before[0].copy())  # the vector's copy goes into the block
        self.play(
            GrowArrow(arrows[0]), going_in.animate.move_to(block).set_opacity(0),
            run_time=self.seconds(style.MEDIUM),
        )  # fmt: skip
        self.remove(going_in)
        self.play(
            Indicate(block.get_box(), color=style.HIGHLIGHT), run_time=self.seconds(style.MEDIUM)
        )
        out = after[0]
        start = out.copy()
        out.move_to(block)
        self.play(GrowArrow(arrows[1]), Transform(out, start), run_time=self.seconds(style.MEDIUM))
        self.play(FadeIn(after[1]), Write(statement), run_time=self.seconds(style.LONG))
        self.until_sentence(2)  # the credit
        self.play(FadeIn(credit, shift=UP), run_time=self.seconds(style.MEDIUM))


def flash(box: Mobject, colour: str) -> Animation:
    """``box``'s outline lights up in ``colour`` and goes back: the block at work (its
    opaque fill keeps its colour, unlike Indicate, which would repaint it; nothing is left
    behind, unlike a passing flash, whose tail lingers at the path's start)."""
    lit = box.copy().set_stroke(colour, width=8)
    return Transform(box, lit, rate_func=there_and_back)


def tex_name(name: str) -> str:
    """A function's name as upright LaTeX text, characters LaTeX would read as commands
    left out (the name comes from the YAML)."""
    safe = re.sub(r"[^A-Za-z0-9 ()\-]", "", name) or "f"
    return rf"\mathrm{{{safe}}}"
