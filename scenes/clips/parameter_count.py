"""Beats 3.1-3.3 of the video: counting the parameters, for GPT-3 or any configured model.

Every digit and every symbolic factor comes from mathcore.params, computed from the preset:
the MLP's matrices drawn to scale, multiplied out, the biases' share, the MLPs over all layers
and their share, then the whole model's table (total against active for a mixture of experts).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UL,
    UP,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Line,
    MathTex,
    Rectangle,
    ReplacementTransform,
    Square,
    Transform,
    TransformFromCopy,
    VGroup,
    VMobject,
    Write,
    config,
)

from mathcore import layer_grid, mlp_matrices, percent, ratio_label
from mathcore import params as pm
from scenes.config import ParameterCountConfig, fill
from scenes.visual import frame, style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    ColumnTable,
    StackedTable,
    fit_height_between,
    fit_width,
    label_text,
    tex_thousands,
)
from scenes.visual.components.counts import ScaledMatrix, align_baselines, symbolic_tex

# Matrix symbols by the role mathcore.mlp_matrices gives them.
MATRIX_TEX = {"up": r"W_{\uparrow}", "down": r"W_{\downarrow}", "gate": r"W_{\text{gate}}"}
SIZE_TEX = {"d_mlp": r"d_{\text{mlp}}", "d_model": r"d_{\text{model}}"}


class ParameterCount(BeatScene[ParameterCountConfig]):
    """One MLP block's matrices to scale, multiplied out, all layers, then the whole model."""

    config_class = ParameterCountConfig

    def prepare(self) -> None:
        self.shape = self.clip.model.to_shape()
        self.rows = pm.tally_rows(self.shape, self.clip.convention)
        self.counted = [row for row in self.rows if row.counted]
        self.outside = [row for row in self.rows if not row.counted]
        self.total = pm.tally_total(self.rows)
        self.matrices = mlp_matrices(self.shape)
        self.one_matrix = pm.matrix_count(self.shape)
        self.block = self.one_matrix.value * len(self.matrices)
        self.mlp = pm.mlp_total(self.shape)
        self.picture: VGroup | None = None

    def narration_values(self) -> dict[str, object]:
        """Every count the narration and captions may say, computed from the preset."""
        return {
            "model": self.shape.name,
            "aspect": ratio_label(self.shape.d_mlp, self.shape.d_model),
            "matrix_count": pm.spoken_count(self.one_matrix.value),
            "block_count": pm.spoken_count(self.block),
            "layers": self.shape.n_layers,
            "experts": self.shape.n_experts,
            "mlp_count": pm.spoken_count(self.mlp.value),
            "mlp_share": percent(self.mlp.value / self.total, 0),
            "total": pm.spoken_count(self.total),
        }

    def say(self, template: str) -> None:
        """Caption a text template from the config, the computed values filled in."""
        self.show_caption(self.fill(template))

    def fill(self, template: str) -> str:
        """A text template with the model's name and counts filled in."""
        return fill(template, None, **self.narration_values())

    def matrix_picture(self) -> VGroup:
        """The MLP's matrices side by side, all at one scale (rows and columns true)."""
        if self.picture is None:
            self.picture = self.drawn_matrices(style.COUNT_HEIGHT)
        return self.picture

    def drawn_matrices(
        self, longest: float, stacked: bool | None = None, sized: bool = True
    ) -> VGroup:
        """The matrices at the scale that draws the longest side ``longest`` units long, in
        a row, or ``stacked`` (by default outside the wide frame) the wide ones under the
        tall ones; without their braced sizes unless ``sized`` (each: body and name)."""
        unit = longest / max(max(m.rows, m.columns) for m in self.matrices)
        drawn: list[VGroup] = [
            ScaledMatrix(
                MATRIX_TEX[m.name], m.rows, m.columns, unit,
                self.size_tex(m.rows), self.size_tex(m.columns),
                colour=style.COMPONENT_COLOURS["mlp"],
            )
            for m in self.matrices
        ]  # fmt: skip
        if not sized:
            drawn = [VGroup(d.get_body(), d.get_labels()[0]) for d in drawn]
        picture = VGroup(*drawn).arrange(RIGHT, buff=style.WIDE_GAP, aligned_edge=UP)
        if (not frame.is_landscape()) if stacked is None else stacked:
            tall = [d for d, m in zip(drawn, self.matrices, strict=True) if m.rows > m.columns]
            wide = [d for d in drawn if d not in tall]
            rows = [VGroup(*group).arrange(RIGHT, buff=style.WIDE_GAP, aligned_edge=UP)
                    for group in (tall, wide) if group]  # fmt: skip
            VGroup(*rows).arrange(DOWN, buff=style.WIDE_GAP)
        return self.fit_stage(picture)

    def fit_stage(self, picture: VGroup) -> VGroup:
        """Shrink ``picture`` (if needed) into the frame above the caption, centred there."""
        top = config.frame_height / 2 - style.EDGE_BUFFER
        fit_width(picture, self.content_width())
        fit_height_between(picture, top, self.caption_top())
        return picture.move_to(((top + self.caption_top()) / 2) * UP)

    def fill_stage(self, picture: VGroup) -> VGroup:
        """Grow (or shrink) ``picture`` to the widest or tallest it may be above the caption."""
        top = config.frame_height / 2 - style.EDGE_BUFFER
        picture.scale(
            min(self.content_width() / picture.width, (top - self.caption_top()) / picture.height)
        )
        return self.fit_stage(picture)

    def content_width(self) -> float:
        """The widest a picture may be in this frame, margins kept."""
        return min(style.CONTENT_WIDTH, config.frame_width - 2 * style.EDGE_BUFFER)

    def size_tex(self, size: int) -> str:
        """``d_mlp = 49,152``: the size's name (from the shape) and its value."""
        name = "d_model" if size == self.shape.d_model else "d_mlp"
        return rf"{SIZE_TEX[name]} = {tex_thousands(size)}"

    @beat
    def beat_matrices(self) -> None:
        self.clear_stage()
        picture = self.matrix_picture()
        self.say(self.clip.text.matrices)
        tall = [
            m for m, size in zip(picture, self.matrices, strict=True) if size.rows > size.columns
        ]
        for matrix in picture:
            if matrix in tall:
                self.until_sentence(1)
                self.play(GrowFromEdge(matrix.get_body(), UL), run_time=self.seconds(style.MEDIUM))
                self.play(FadeIn(matrix.get_labels()), run_time=self.seconds(style.MEDIUM))
                self.play(
                    Indicate(matrix.get_labels()[2], color=style.HIGHLIGHT),
                    run_time=self.seconds(style.MEDIUM),
                )
                continue
            # The same shape turned on its side: a tall matrix's copy rotates into place.
            self.until_sentence(-1)
            self.turn_into(tall[-1].get_body() if tall else None, matrix.get_body())
            self.play(FadeIn(matrix.get_labels()), run_time=self.seconds(style.MEDIUM))

    def turn_into(self, source: Rectangle | None, body: Rectangle) -> None:
        """A copy of ``source`` turns a quarter and lands as ``body`` (its transpose), or
        ``body`` grows from its corner when there is no tall matrix to turn."""
        if source is None:
            self.play(GrowFromEdge(body, UL), run_time=self.seconds(style.LONG))
            return
        turning = source.copy()
        self.play(
            Transform(turning, body.copy(), path_arc=-PI / 2),
            run_time=self.seconds(style.LONG),
        )
        self.remove(turning)
        self.add(body)

    def product_lines(self) -> VGroup:
        """Per matrix: symbol = rows × columns = factors = count; the block; its biases."""
        one = self.one_matrix
        lines = VGroup()
        for matrix in self.matrices:
            lines.add(
                self.flow(
                    MathTex(
                        rf"{MATRIX_TEX[matrix.name]}: {tex_thousands(matrix.rows)} \times "
                        rf"{tex_thousands(matrix.columns)}",
                        font_size=style.MATH_SIZE,
                    ),
                    MathTex(
                        rf"= {symbolic_tex(one)} = {tex_thousands(one.value)}",
                        font_size=style.MATH_SIZE,
                    ),
                )
            )
        block = self.fill(self.clip.text.block)
        lines.add(
            VGroup(
                label_text(f"{block}:", style.COMPONENT_COLOURS["mlp"], style.LABEL_SIZE),
                MathTex(
                    rf"{len(self.matrices)} \times {tex_thousands(one.value)}"
                    rf" = {tex_thousands(self.block)}",
                    font_size=style.MATH_SIZE,
                ),
            ).arrange(RIGHT, buff=style.ITEM_GAP)
        )
        lines.add(self.bias_line())
        fit_width(lines, self.content_width())
        return lines.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    def bias_line(self) -> VGroup:
        """The MLP's biases, with their (negligible) share of the block."""
        text = self.clip.text
        biases = pm.mlp_bias_count(self.shape)
        if not biases.value:
            return VGroup(label_text(text.no_biases, style.MUTED, style.LABEL_SIZE))
        share = percent(biases.value / self.block, style.SMALL_SHARE_DECIMALS)
        colour = style.left_out_colour()
        head = VGroup(
            label_text(f"{text.biases}:", colour, style.LABEL_SIZE),
            MathTex(
                rf"{symbolic_tex(biases)} = {tex_thousands(biases.value)}",
                font_size=style.MATH_SIZE,
                color=colour,
            ),
        ).arrange(RIGHT, buff=style.ITEM_GAP)
        note = f"({share} {text.of_block}: {text.negligible})"
        return self.flow(head, label_text(note, colour, style.LABEL_SIZE))

    def flow(self, first: VMobject, rest: VMobject) -> VGroup:
        """Two parts of one line: side by side in the wide frame, the second under the
        first (indented) in a narrower one."""
        if frame.is_landscape():
            return VGroup(first, rest).arrange(RIGHT, buff=style.ITEM_GAP)
        rest.next_to(first, DOWN, buff=style.ITEM_GAP, aligned_edge=LEFT)
        return VGroup(first, rest.shift(2 * style.ITEM_GAP * RIGHT))

    @beat
    def beat_product(self) -> None:
        picture = self.matrix_picture()
        self.bring_in(picture)
        lines = self.product_lines()
        fit_width(lines, self.content_width())
        # In the square frame the products need the height: the matrices shrink into a row.
        square = not (frame.is_landscape() or frame.is_portrait())
        longest = style.COUNT_HEIGHT * style.COUNT_SHRINK * (0.6 if square else 1.0)
        # More than two matrices in that row leave no room for readable sizes: they go (the
        # lines below state them) and only the bodies and names shrink into the row.
        sized = not square or len(self.matrices) <= 2
        small = self.drawn_matrices(longest, stacked=frame.is_portrait(), sized=sized)
        target = VGroup(small, lines)
        self.fit_stage(target.arrange(DOWN, buff=style.SECTION_GAP))
        self.say(self.clip.text.product)
        if not sized:
            sizes = [VGroup(*m.get_labels()[1:]) for m in picture]
            self.play(FadeOut(*sizes), run_time=self.seconds(style.SHORT))
            named = [VGroup(m.get_body(), m.get_labels()[0]) for m in picture]
            self.play(
                *(Transform(m, t) for m, t in zip(named, small, strict=True)),
                run_time=self.seconds(style.MEDIUM),
            )
        else:
            self.play(Transform(picture, small), run_time=self.seconds(style.MEDIUM))
        # The first matrix under the first sentence, the others and the block's sum under the
        # next-to-last one, the biases under the last.
        block_sentence = max(0, self.sentence_count() - 2)
        for index, (matrix, line) in enumerate(zip(picture, lines, strict=False)):
            self.until_sentence(0 if index == 0 else block_sentence)
            self.play(
                Indicate(matrix.get_body(), color=style.HIGHLIGHT, scale_factor=1.05),
                run_time=self.seconds(style.SHORT),
            )
            self.play(TransformFromCopy(matrix.get_body(), line), run_time=self.seconds(style.LONG))
        block_line, bias_line = lines[len(self.matrices)], lines[len(self.matrices) + 1]
        self.play(Write(block_line), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(-1)
        self.play(Write(bias_line), run_time=self.seconds(style.LONG))

    def sentence_count(self) -> int:
        """How many sentences the beat's narration has."""
        return sum(1 for cue in self.current_beat.cues if cue.kind == "narration")

    def layer_icons(self) -> VGroup:
        """One icon per layer (a stack of n_experts squares for a mixture of experts), in a
        balanced grid, an ellipsis standing for any layers left out."""
        shown, elided, per_row = layer_grid(
            self.shape.n_layers, style.LAYER_ICONS_MAX, self.icons_per_row()
        )
        experts = self.shape.n_experts
        side = style.LAYER_ICON if experts == 1 else style.LAYER_ICON / 2

        def icon() -> VGroup:
            squares = (
                Square(side, color=style.COMPONENT_COLOURS["mlp"], fill_opacity=style.BAR_OPACITY)
                for _ in range(experts)
            )
            return VGroup(*squares).arrange(DOWN, buff=style.CELL_GAP / 2)

        icons = VGroup(*(icon() for _ in range(shown)))
        if elided:
            icons.add(MathTex(r"\cdots", font_size=style.MATH_SIZE))
        return icons.arrange_in_grid(cols=per_row, buff=style.ICON_GAP)

    def icons_per_row(self) -> int:
        """Layer icons per row: the style's number, fewer when the frame is too narrow."""
        if frame.is_landscape():
            return style.LAYER_ICONS_PER_ROW
        fitting = int(self.content_width() / (style.LAYER_ICON + style.ICON_GAP))
        return max(1, min(style.LAYER_ICONS_PER_ROW, fitting))

    def layer_label(self) -> VGroup:
        """``96 layers`` (and ``× 8 experts``) beside the grid."""
        text = self.clip.text
        lines = [text.layer_count] + ([text.expert_count] if self.shape.n_experts > 1 else [])
        colour = style.COMPONENT_COLOURS["mlp"]
        return VGroup(*(label_text(self.fill(line), colour, style.LABEL_SIZE) for line in lines))

    @beat
    def beat_layers(self) -> None:
        self.clear_stage()
        colour = style.COMPONENT_COLOURS["mlp"]
        icons = self.layer_icons()
        label = self.layer_label().arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        grid = VGroup(icons, label).arrange(
            RIGHT if frame.is_landscape() else DOWN, buff=style.SECTION_GAP
        )
        block = MathTex(tex_thousands(self.block), font_size=style.MATH_SIZE, color=colour)
        per_block = label_text(self.clip.text.per_block, colour, style.LABEL_SIZE)
        head = VGroup(block, per_block).arrange(RIGHT, buff=style.ITEM_GAP)
        tally = self.layer_lines()
        self.fit_stage(VGroup(head, grid, tally).arrange(DOWN, buff=style.WIDE_GAP))
        # One block's square under its count, then a copy for every block of every layer; the
        # square itself becomes the first layer's block (simple squares: copying the formula
        # 96 times made this the slowest animation of the clip).
        squares = [square for item in icons if isinstance(item, VGroup) for square in item]
        seed = squares[0].copy().next_to(block, DOWN, buff=style.ITEM_GAP)
        text = self.clip.text
        self.say(text.layers_moe if self.shape.n_experts > 1 else text.layers)
        self.play(FadeIn(head), FadeIn(seed), run_time=self.seconds(style.MEDIUM))
        self.play(
            *(TransformFromCopy(seed, square) for square in squares[1:]),
            ReplacementTransform(seed, squares[0]),
            *(FadeIn(item) for item in icons if not isinstance(item, VGroup)),
            run_time=self.seconds(style.LONG) * 1.5,
        )
        self.play(FadeIn(label, shift=LEFT), run_time=self.seconds(style.MEDIUM))
        self.until_sentence(1)
        self.play(
            TransformFromCopy(VGroup(block, label), tally[0]), run_time=self.seconds(style.LONG)
        )
        for line in tally[1:]:
            self.play(FadeIn(line, shift=DOWN), run_time=self.seconds(style.LONG))

    def layer_lines(self) -> VGroup:
        """block × layers (× experts) = the MLPs' total, its factors, and its share."""
        experts = self.shape.n_experts
        times = rf"\times {experts}" if experts > 1 else ""
        lines = VGroup(
            MathTex(
                rf"{tex_thousands(self.block)} {times} \times {self.shape.n_layers} = "
                rf"{tex_thousands(self.mlp.value)}",
                font_size=style.MATH_SIZE,
            ),
            MathTex(rf"= {symbolic_tex(self.mlp)}", font_size=style.MATH_SIZE),
            label_text(
                f"{percent(self.mlp.value / self.total)} {self.clip.text.of_total}",
                style.COMPONENT_COLOURS["mlp"],
                style.LABEL_SIZE,
            ),
        ).arrange(DOWN, buff=style.ROW_GAP)
        return fit_width(lines, self.content_width())

    def row_label(self, row: pm.TallyRow) -> str:
        """The component's name; a negligible row says so, and whether it is counted."""
        text = self.clip.text
        label = getattr(text, f"row_{row.component}")
        if not row.counted:
            return f"{label} ({text.not_counted})"
        return f"{label} ({text.negligible})" if row.negligible else label

    def table(self) -> ColumnTable | StackedTable:
        """The whole model: component, factors, parameters (every row from mathcore), the
        total of the counted rows as displayed, then the rows left out of it (negligible)."""
        text = self.clip.text

        def cells(row: pm.TallyRow) -> tuple[str, list[str], str]:
            colour = style.COMPONENT_COLOURS.get(row.component, style.left_out_colour())
            if not row.counted:
                colour = style.left_out_colour()
            return (
                self.row_label(row),
                [symbolic_tex(row.count), tex_thousands(row.count.value)],
                colour,
            )

        rows = [cells(row) for row in self.counted]
        rows.append((text.total, [r"\Sigma", tex_thousands(self.total)], self.clip.colours.text))
        rows.extend(cells(row) for row in self.outside)
        if not frame.is_landscape():
            return StackedTable([text.factors, text.parameters], rows, self.content_width())
        table = ColumnTable([text.factors, text.parameters], rows)
        align_baselines(table.get_header(0), table.get_header(1))
        return table

    def active_line(self) -> VGroup:
        """Mixture of experts: the MLP row and the total with only the experts a token uses."""
        rows = pm.tally_rows(self.shape, self.clip.convention, active=True)
        mlp = next(row.count for row in rows if row.component == "mlp")
        text = self.clip.text
        mlp_label = label_text(
            f"{text.active_mlp}:", style.COMPONENT_COLOURS["mlp"], style.LABEL_SIZE
        )
        total_label = label_text(f"{text.active}:", self.clip.colours.text, style.LABEL_SIZE)
        total = MathTex(tex_thousands(pm.tally_total(rows)), font_size=style.MATH_SIZE)
        if not frame.is_landscape():  # a line each: label, factors, count, label, total
            factors = MathTex(symbolic_tex(mlp), font_size=style.MATH_SIZE)
            count = MathTex(rf"= {tex_thousands(mlp.value)}", font_size=style.MATH_SIZE)
            lines = VGroup(mlp_label, factors, count, total_label, total)
            lines.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
            factors.shift(2 * style.ITEM_GAP * RIGHT)
            right = max(m.get_right()[0] for m in lines)
            for value in (count, total):
                value.align_to(np.array([right, 0.0, 0.0]), RIGHT)
            return lines
        return VGroup(
            mlp_label,
            MathTex(
                rf"{symbolic_tex(mlp)} = {tex_thousands(mlp.value)}", font_size=style.MATH_SIZE
            ),
            total_label,
            total,
        ).arrange_in_grid(rows=2, cols=2, col_alignments="rl", buff=(style.ITEM_GAP, style.ROW_GAP))

    @beat
    def beat_tally(self) -> None:
        self.clear_stage()
        table = self.table()
        picture = VGroup(table)
        # A mixture of experts: the tokens' share under the table, or in a narrow frame (too
        # short for both) on a page of its own with the total.
        paged = self.shape.n_experts > 1 and not frame.is_landscape()
        if self.shape.n_experts > 1 and not paged:
            picture.add(self.active_line())
        picture.arrange(DOWN, buff=style.SECTION_GAP)
        natural = table.height
        self.fill_stage(picture)
        self.say(self.clip.text.tally)
        self.play(
            FadeIn(table.get_header(0), table.get_header(1)), run_time=self.seconds(style.SHORT)
        )
        count = len(self.counted)
        # The rows one by one, spread over the sentence that names them.
        each = max(self.seconds(style.SHORT), 0.8 * self.sentence_seconds(0) / count)
        for index in range(count):
            cells = [table.get_value(index, k) for k in range(2)]
            self.play(FadeIn(table.get_label(index), *cells), run_time=each)
        self.until_sentence(1)
        for index in range(count):  # each count in terms of the model's sizes
            self.play(
                Indicate(table.get_value(index, 0), color=style.HIGHLIGHT),
                run_time=max(self.seconds(style.SHORT), 0.8 * self.sentence_seconds(1) / count),
            )
        self.until_sentence(2)
        rule = self.add_up(table, count)
        self.until_sentence(3)
        # The left-out rows one by one, spread over the sentence that says why.
        outside = range(count + 1, count + 1 + len(self.outside))
        each = max(
            self.seconds(style.MEDIUM), 0.6 * self.sentence_seconds(3) / max(1, len(outside))
        )
        for index in outside:
            cells = [table.get_value(index, k) for k in range(2)]
            self.play(FadeIn(table.get_label(index), *cells), run_time=each)
        if len(picture) > 1:
            self.play(FadeIn(picture[1]), run_time=self.seconds(style.LONG))
        if paged:
            self.active_page(table, rule, count, natural / table.height)

    def active_page(
        self, table: ColumnTable | StackedTable, rule: Line, count: int, grow: float
    ) -> None:
        """The table's other rows give way; its total rises (back to full size, ``grow``
        times its size in the table) and the active parameters appear under it."""
        total = VGroup(table.get_label(count), table.get_value(count, 1))
        landing = total.copy().scale(grow)
        active = self.active_line()
        self.fit_stage(VGroup(landing, active).arrange(DOWN, buff=style.SECTION_GAP))
        rest = [m for m in table.submobjects if m not in total.submobjects]
        self.play(
            FadeOut(rule, *rest),
            Transform(total, landing),
            run_time=self.seconds(style.LONG),
        )
        self.play(FadeIn(active, shift=UP), run_time=self.seconds(style.LONG))

    def add_up(self, table: ColumnTable | StackedTable, count: int) -> Line:
        """The rule under the counted rows, and their sum sliding down into the total row
        (returns the rule)."""
        # The rule halfway between the last counted row and the total, across the table.
        above = VGroup(table.get_label(count - 1), table.get_value(count - 1, 1))
        below = VGroup(table.get_label(count), table.get_value(count, 1))
        y = (above.get_bottom()[1] + below.get_top()[1]) / 2
        rule = Line(
            np.array([below.get_left()[0], y, 0.0]), np.array([below.get_right()[0], y, 0.0])
        )
        self.play(Write(rule), run_time=self.seconds(style.SHORT))
        self.play(
            FadeIn(table.get_label(count)),
            *(
                TransformFromCopy(
                    VGroup(*(table.get_value(i, k) for i in range(count))),
                    table.get_value(count, k),
                )
                for k in (0, 1)
            ),
            run_time=self.seconds(style.LONG),
        )
        self.play(
            Indicate(table.get_value(count, 1), color=style.HIGHLIGHT),
            run_time=self.seconds(style.MEDIUM),
        )
        return rule
