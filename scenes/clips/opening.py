"""The video's opening (0:00-2:15): where might a language model keep a fact?

A prompt goes into a model and the fact's attribute comes out into the blank; the model's
parameters as a sea of numbers with their count (mathcore.count_parameters of the model
preset); the researchers' finding that facts seem to live in the MLPs; the transformer as a
stack of alternating attention and MLP blocks with a vector flowing up through it, the MLPs
highlighted with their share of the parameters; the MLP's formula (simple) against its
numbers (hard to read); and the plan: one block storing one fact.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    ChangeDecimalToValue,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    Mobject,
    Square,
    Text,
    Transform,
    VGroup,
    Write,
    config,
)

import mathcore
from scenes.config import OpeningConfig, fill
from scenes.visual import style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import BlockIcon, label_text, name_text
from scenes.visual.marks import mark_overlay

MONO = "DejaVu Sans Mono"
PROMPT_SIZE = 36
SEA_SIZE = 24
BLOCK_W = 3.4
BLOCK_H = 0.55
BLOCK_GAP = 0.22
CELLS = 5  # cells of the little vector that flows through the blocks
ATTENTION_COLOUR = style.LAST_NAME
MLP_COLOUR = style.COMBINED


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

    def narration_values(self) -> dict[str, object]:
        return {"model": self.clip.model.name, "n": self.clip.model.n_layers}

    def words(self, template: str, **values: object) -> str:
        """A text template filled with the fact, the model's name and ``values``."""
        return fill(template, self.clip.fact, model=self.clip.model.name, **values)

    # -- prompt ---------------------------------------------------------------------------

    def prompt_line(self) -> tuple[Text, VGroup, Line]:
        """The prompt followed by the attribute, the attribute's glyphs, and the blank line
        under where the attribute will land."""
        fact = self.clip.fact
        line = name_text(
            f"{fact.prompt()} {fact.attribute}", style.CONTENT_WIDTH, style.TEXT, PROMPT_SIZE
        ).move_to(2.0 * UP)
        glyphs = len("".join(fact.attribute.split()))
        answer = VGroup(*line.submobjects[-glyphs:]).set_color(self.clip.colours.attribute)
        blank = Line(answer.get_corner(DOWN + LEFT), answer.get_corner(DOWN + RIGHT))
        blank.set_color(style.MUTED).shift(0.08 * DOWN)
        return line, answer, blank

    @beat
    def beat_prompt(self) -> None:
        self.clear_stage()
        line, answer, blank = self.prompt_line()
        question = VGroup(*(g for g in line.submobjects if g not in answer.submobjects))
        model = BlockIcon(self.clip.text.model_box, width=4.4, height=1.2).move_to(1.2 * DOWN)
        self.play(Write(question), Create(blank), run_time=self.seconds(style.LONG))
        self.play(FadeIn(model, shift=UP), run_time=self.seconds(style.MEDIUM))
        going_in = question.copy()
        for glyph in going_in.family_members_with_points():
            mark_overlay(glyph)  # seen going into the model
        self.play(
            going_in.animate.scale(0.2).move_to(model).set_opacity(0),
            run_time=self.seconds(style.MEDIUM),
        )
        self.remove(going_in)
        self.play(
            Indicate(model.get_box(), color=style.HIGHLIGHT), run_time=self.seconds(style.SHORT)
        )
        coming_out = answer.copy().move_to(model)
        for glyph in coming_out.family_members_with_points():
            mark_overlay(glyph)  # seen coming out of the model
        self.play(FadeIn(coming_out), run_time=self.seconds(style.SHORT))
        self.play(
            Transform(coming_out, answer), FadeOut(blank), run_time=self.seconds(style.MEDIUM)
        )
        self.remove(coming_out)
        self.add(answer)
        self.wait(self.seconds(style.PAUSE))

    # -- parameters -----------------------------------------------------------------------

    def sea(self) -> VGroup:
        """Rows of the sampled parameters in a monospaced font, filling the upper frame."""
        decimals = self.clip.sea.decimals
        width = decimals + 4  # sign, digit, point, decimals and a space
        rows = VGroup(
            *(
                Text(
                    " ".join(mathcore.fixed(v, decimals).rjust(width - 1) for v in row),
                    font=MONO,
                    font_size=SEA_SIZE,
                    color=style.MUTED,
                )
                for row in self.sea_values
            )
        ).arrange(DOWN, buff=style.ITEM_GAP)
        if rows.width > style.CONTENT_WIDTH:
            rows.scale_to_fit_width(style.CONTENT_WIDTH)
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
        label = label_text(self.words(self.clip.text.parameters), style.TEXT, style.BODY_SIZE)
        tally = VGroup(counter, label).arrange(DOWN, buff=style.ITEM_GAP)
        tally.next_to(sea, DOWN, buff=style.SECTION_GAP)
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
        question = name_text(
            self.words(self.clip.text.question), style.CONTENT_WIDTH, self.clip.colours.attribute
        ).next_to(tally, DOWN, buff=style.SECTION_GAP)
        self.play(Write(question), run_time=self.seconds(style.MEDIUM))

    # -- the finding ----------------------------------------------------------------------

    def example_rows(self) -> VGroup:
        """``name → attribute`` per example, names right-aligned against the arrows."""
        rows = VGroup()
        self.arrows: list[Arrow] = []
        for example in self.clip.examples:
            name = name_text(example.name, 5.0, self.clip.colours.text, style.BODY_SIZE)
            answer = name_text(example.attribute, 4.0, self.clip.colours.attribute)
            arrow = Arrow(LEFT, RIGHT, buff=0, color=style.MUTED, stroke_width=3)
            self.arrows.append(arrow)
            rows.add(VGroup(name, arrow, answer).arrange(RIGHT, buff=style.ITEM_GAP))
        rows.arrange(DOWN, buff=style.ROW_GAP)
        for row in rows:
            row.shift((rows.get_center()[0] - row[1].get_center()[0]) * RIGHT)
        return rows

    @beat
    def beat_finding(self) -> None:
        self.clear_stage()
        text = self.clip.text
        source = name_text(
            self.words(text.source), style.CONTENT_WIDTH, style.TEXT, style.LABEL_SIZE
        )
        topic = label_text(self.words(text.source_topic), style.MUTED, style.BODY_SIZE)
        head = VGroup(source, topic).arrange(DOWN, buff=style.ITEM_GAP)
        head.next_to(self.title_top * UP, DOWN, buff=0)
        rows = self.example_rows().next_to(head, DOWN, buff=style.SECTION_GAP)
        finding = name_text(
            self.words(text.finding), style.CONTENT_WIDTH, MLP_COLOUR, style.LABEL_SIZE
        )
        finding.next_to(rows, DOWN, buff=style.WIDE_GAP)
        self.play(FadeIn(head, shift=DOWN), run_time=self.seconds(style.MEDIUM))
        for row, arrow in zip(rows, self.arrows, strict=True):
            self.play(FadeIn(row[0]), run_time=self.seconds(style.SHORT))
            self.play(
                GrowArrow(arrow), FadeIn(row[2], shift=RIGHT), run_time=self.seconds(style.SHORT)
            )
        self.play(Write(finding), run_time=self.seconds(style.MEDIUM))

    # -- the stack ------------------------------------------------------------------------

    def stack(self) -> VGroup:
        """Attention and MLP blocks alternating, bottom to top."""
        text = self.clip.text
        blocks = VGroup()
        for _ in range(self.clip.layers_shown):
            blocks.add(BlockIcon(text.attention, BLOCK_W, BLOCK_H, ATTENTION_COLOUR))
            blocks.add(BlockIcon(text.mlp, BLOCK_W, BLOCK_H, MLP_COLOUR))
        blocks.arrange(UP, buff=BLOCK_GAP).move_to(2.8 * LEFT + 0.2 * UP)
        return blocks

    def flowing_vector(self) -> VGroup:
        """A little column of cells standing for one token's vector."""
        cells = VGroup(
            *(
                Square(style.CELL_SIZE, color=style.FIRST_NAME, fill_opacity=0.6 - 0.1 * i)
                for i in range(CELLS)
            )
        ).arrange(DOWN, buff=style.CELL_GAP / 2)
        return cells

    @beat
    def beat_stack(self) -> None:
        self.clear_stage()
        blocks = self.stack()
        vector = self.flowing_vector().next_to(blocks, DOWN, buff=style.ITEM_GAP)
        vector.set_x(blocks.get_left()[0] - style.SECTION_GAP)
        self.play(
            LaggedStart(*(GrowFromCenter(b) for b in blocks), lag_ratio=style.LAG_SLOW),
            FadeIn(vector),
            run_time=self.seconds(style.LONG),
        )
        for block in blocks:
            self.play(
                vector.animate.set_y(block.get_center()[1]),
                Indicate(block.get_box(), color=style.HIGHLIGHT, scale_factor=1.05),
                run_time=self.seconds(style.SHORT),
            )
        notes = self.stack_notes(blocks)
        mlps = [blocks[i].get_box() for i in range(1, len(blocks), 2)]
        self.play(
            *(box.animate.set_fill(MLP_COLOUR, opacity=0.7) for box in mlps),
            run_time=self.seconds(style.MEDIUM),
        )
        for note in notes:
            self.play(FadeIn(note, shift=LEFT), run_time=self.seconds(style.MEDIUM))

    def stack_notes(self, blocks: VGroup) -> list[Mobject]:
        """What each kind of block is, and how often the pair repeats in the model."""
        text, n = self.clip.text, self.clip.model.n_layers
        room = config.frame_width / 2 - style.EDGE_BUFFER - blocks.get_right()[0] - 1.4
        notes: list[Mobject] = []
        for index, words, colour in (
            (len(blocks) - 2, self.words(text.attention_note), ATTENTION_COLOUR),
            (len(blocks) - 1, self.words(text.mlp_note, n=self.mlp_share), MLP_COLOUR),
        ):
            label = name_text(words, room, colour)
            label.next_to(blocks[index], RIGHT, buff=1.2)
            arrow = Arrow(label.get_left(), blocks[index].get_right(), buff=0.1, color=colour)
            notes.append(VGroup(arrow, label))
        repeat = name_text(self.words(text.repeat, n=n), room + 1.2, style.MUTED)
        repeat.next_to(blocks, RIGHT, buff=style.SECTION_GAP).align_to(blocks, DOWN)
        notes.append(repeat)
        return notes

    # -- simple and hard ------------------------------------------------------------------

    def formula(self) -> MathTex:
        """The MLP: two matrix products with a clipping function between."""
        return MathTex(
            r"W_\downarrow\,", r"\mathrm{ReLU}", r"(", r"W_\uparrow", r"\vec{E}",
            r"+ \vec{b}_\uparrow", r")", r"+ \vec{b}_\downarrow",
            font_size=style.TITLE_MATH_SIZE,
        )  # fmt: skip

    @beat
    def beat_simple_hard(self) -> None:
        self.clear_stage()
        text = self.clip.text
        block = BlockIcon(text.mlp, BLOCK_W, BLOCK_H * 1.6, MLP_COLOUR).to_edge(UP, buff=0.8)
        formula = self.formula().next_to(block, DOWN, buff=style.SECTION_GAP)
        simple = label_text(self.words(text.simple), style.POSITIVE, style.LABEL_SIZE)
        simple.next_to(formula, DOWN, buff=style.ITEM_GAP)
        rows, columns = min(4, self.clip.sea.rows), min(7, self.clip.sea.columns)
        numbers = VGroup(
            *(
                Text(
                    " ".join(mathcore.fixed(v, 2).rjust(5) for v in self.sea_values[r, :columns]),
                    font=MONO, font_size=SEA_SIZE, color=style.MUTED,
                )
                for r in range(rows)
            )
        ).arrange(DOWN, buff=style.ITEM_GAP / 2)  # fmt: skip
        numbers.next_to(simple, DOWN, buff=style.SECTION_GAP)
        hard = label_text(self.words(text.hard), style.NEGATIVE, style.LABEL_SIZE)
        hard.next_to(numbers, DOWN, buff=style.ITEM_GAP)
        self.play(FadeIn(block), run_time=self.seconds(style.SHORT))
        self.play(Write(formula), run_time=self.seconds(style.LONG))
        self.play(FadeIn(simple, shift=UP), run_time=self.seconds(style.SHORT))
        self.play(
            LaggedStart(*(FadeIn(r) for r in numbers), lag_ratio=style.LAG_SLOW),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(
            Indicate(numbers, color=style.NEGATIVE),
            FadeIn(hard),
            run_time=self.seconds(style.MEDIUM),
        )

    # -- the plan -------------------------------------------------------------------------

    @beat
    def beat_plan(self) -> None:
        self.clear_stage()
        fact, colours = self.clip.fact, self.clip.colours
        plan = name_text(
            self.words(self.clip.text.plan), style.CONTENT_WIDTH, style.TEXT, style.LABEL_SIZE
        )
        plan.next_to(self.title_top * UP, DOWN, buff=0)
        block = BlockIcon(self.clip.text.mlp, BLOCK_W, 1.6, MLP_COLOUR).move_to(0.3 * DOWN)
        vector = mark_overlay(self.flowing_vector()).next_to(block, LEFT, buff=2.0)
        name = name_text(fact.full_name, 3.6, colours.combined).next_to(vector, DOWN)
        statement = name_text(fact.statement(), style.CONTENT_WIDTH, colours.attribute)
        statement.next_to(plan, DOWN, buff=style.ITEM_GAP)
        self.play(FadeIn(plan), FadeIn(block), run_time=self.seconds(style.MEDIUM))
        self.play(FadeIn(vector), FadeIn(name), run_time=self.seconds(style.SHORT))
        out = mark_overlay(vector.copy().set_color(colours.attribute).move_to(block))
        self.play(
            vector.animate.move_to(block).set_opacity(0), FadeOut(name),
            run_time=self.seconds(style.MEDIUM),
        )  # fmt: skip
        self.remove(vector)  # taken in by the block
        self.play(
            Indicate(block.get_box(), color=style.HIGHLIGHT), run_time=self.seconds(style.SHORT)
        )
        out_label = name_text(f"+ {fact.attribute}", 3.6, colours.attribute)
        self.play(out.animate.next_to(block, RIGHT, buff=2.0), run_time=self.seconds(style.MEDIUM))
        out_label.next_to(out, DOWN)
        self.play(FadeIn(out_label), Write(statement), run_time=self.seconds(style.MEDIUM))
        self.wait(self.seconds(style.PAUSE))
