"""Beats 3.1-3.3 of the video: counting the parameters, for GPT-3 or any configured model.

Every digit comes from mathcore.params: the MLP's matrices multiplied out, the MLP total over
all layers and its share, and the whole tally by component (total against active for a
mixture of experts).
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Brace,
    FadeIn,
    GrowFromEdge,
    MathTex,
    Square,
    Transform,
    VGroup,
    Write,
    config,
)

import mathcore
from scenes.config import ParameterCountConfig, fill
from scenes.visual import style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    ArrayMatrix,
    StackedBar,
    ValueTable,
    fit_height_between,
    fit_width,
    label_text,
    tex_percent,
)

# Matrix symbols by the role mathcore.mlp_matrices gives them.
MATRIX_TEX = {"up": r"W_{\uparrow}", "down": r"W_{\downarrow}", "gate": r"W_{\text{gate}}"}


class ParameterCount(BeatScene[ParameterCountConfig]):
    """One MLP block's matrices, all layers' MLPs, then the whole model's tally."""

    config_class = ParameterCountConfig

    def prepare(self) -> None:
        self.shape = self.clip.model.to_shape()
        self.count = mathcore.count_parameters(self.shape, self.clip.convention)
        self.matrices = mathcore.mlp_matrices(self.shape)
        self.biases = mathcore.bias_count(self.shape)["mlp"]

    def narration_values(self) -> dict[str, object]:
        return {"model": self.shape.name}

    def say(self, template: str) -> None:
        """Caption a text template from the config, the model's name filled in."""
        self.show_caption(fill(template, model=self.shape.name))

    def numbers(self, value: int) -> str:
        """``603,979,776 \\approx 604M`` as LaTeX."""
        return rf"{mathcore.thousands(value)} \approx \text{{{mathcore.rounded_label(value)}}}"

    def weight_matrix(self) -> VGroup:
        """W_up drawn with braces for its real rows and columns (entries are illustrative)."""
        up = next(m for m in self.matrices if m.name == "up")
        # One more sampled row and column than drawn, so that ellipses show the matrix is huge.
        corner = mathcore.sample_weights(
            style.COUNT_ROWS + 1, style.COUNT_COLUMNS + 1, self.clip.seed
        )
        matrix = ArrayMatrix(corner, style.COUNT_ROWS, style.COUNT_COLUMNS)
        parts = VGroup(matrix)
        for side, size in ((LEFT, up.rows), (UP, up.columns)):
            brace = Brace(matrix, side)
            label = MathTex(mathcore.thousands(size), font_size=style.MATH_SIZE)
            brace.put_at_tip(label)
            parts.add(brace, label)
        name = MathTex(MATRIX_TEX[up.name], font_size=style.TITLE_MATH_SIZE)
        return parts.add(name.next_to(matrix, DOWN))

    @beat
    def beat_mlp_block(self) -> None:
        self.clear_stage()
        picture = self.weight_matrix().to_edge(LEFT, buff=style.WIDE_MARGIN)
        lines = VGroup(*(self.matrix_line(m) for m in self.matrices))
        if self.shape.n_experts > 1:
            lines.add(MathTex(rf"\times\ {self.shape.n_experts} \text{{ experts}}"))
        lines.add(MathTex(rf"\text{{block}}: {self.numbers(self.count.per_layer['mlp'])}"))
        share = mathcore.percent(
            self.biases / self.count.per_layer["mlp"], style.SMALL_SHARE_DECIMALS
        )
        biases = (
            f"{self.clip.text.biases}: {mathcore.thousands(self.biases)} ({share})"
            if self.biases
            else self.clip.text.no_biases
        )
        lines.add(label_text(biases, style.MUTED, style.SMALL_SIZE))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        self.beside(picture, lines)
        self.play(FadeIn(picture), run_time=self.seconds(style.MEDIUM))
        for line in lines:
            self.play(Write(line), run_time=self.seconds(style.SHORT))
        text = self.clip.text
        self.say(text.gated_block if self.shape.mlp == "gated" else text.mlp_block)

    def matrix_line(self, matrix: mathcore.MatrixSize) -> MathTex:
        """``W: rows × columns = count``."""
        rows, columns = mathcore.thousands(matrix.rows), mathcore.thousands(matrix.columns)
        product = mathcore.thousands(matrix.count)
        return MathTex(rf"{MATRIX_TEX[matrix.name]}: {rows} \times {columns} = {product}")

    @beat
    def beat_layers(self) -> None:
        self.clear_stage()
        shown, elided, per_row = mathcore.layer_grid(
            self.shape.n_layers, style.LAYER_ICONS_MAX, style.LAYER_ICONS_PER_ROW
        )
        colour = style.COMPONENT_COLOURS["mlp"]
        icons = VGroup(
            *(
                Square(style.LAYER_ICON, color=colour, fill_opacity=style.BAR_OPACITY)
                for _ in range(shown)
            )
        )
        if elided:
            icons.add(MathTex(r"\cdots", font_size=style.MATH_SIZE))
        icons.arrange_in_grid(cols=per_row, buff=style.ICON_GAP)
        block = mathcore.thousands(self.count.per_layer["mlp"])
        mlp_total = self.numbers(self.count.components["mlp"])
        tally = VGroup(
            MathTex(rf"{block} \times {self.shape.n_layers} = {mlp_total}"),
            label_text(
                f"{mathcore.percent(self.count.share('mlp'))} {self.clip.text.of_total}",
                colour,
                style.LABEL_SIZE,
            ),
        ).arrange(DOWN, buff=style.ROW_GAP)
        VGroup(icons, tally).arrange(DOWN, buff=style.WIDE_GAP).move_to(UP * style.PICTURE_LIFT)
        fit_width(tally, style.CONTENT_WIDTH)
        self.play(FadeIn(icons, lag_ratio=style.LAG), run_time=self.seconds(style.LONG))
        self.play(Write(tally), run_time=self.seconds(style.MEDIUM))
        self.say(self.clip.text.layers)

    def labelled(self, words: str, value: int, size: float = style.MATH_SIZE) -> VGroup:
        """User words (Pango, so any character is safe) then ``count ≈ label`` (LaTeX)."""
        number = MathTex(self.numbers(value), font_size=size)
        text = label_text(f"{words}:", self.clip.colours.text, size * style.WORDS_PER_MATH)
        return VGroup(text, number).arrange(RIGHT, buff=style.ITEM_GAP)

    @beat
    def beat_tally(self) -> None:
        self.clear_stage()
        colours, count = style.COMPONENT_COLOURS, self.count
        bar = StackedBar(count.components, colours)
        names = bar.get_names()
        rows = [
            (
                name,
                rf"{mathcore.thousands(count.components[name])}\ "
                rf"({tex_percent(count.share(name))})",
                colours[name],
            )
            for name in names
        ]
        legend = ValueTable(
            fill(self.clip.text.tally, model=self.shape.name), rows, style.LEGEND_WIDTH
        )
        total = self.labelled(self.clip.text.total, count.total, style.TITLE_MATH_SIZE)
        picture = VGroup(total, bar, legend)
        if count.active_total != count.total:
            width = style.BAR_WIDTH * count.active_total / count.total
            active = StackedBar(count.active_components, colours, width)
            note = self.labelled(self.clip.text.active, count.active_total)
            picture.add(VGroup(note, active).arrange(DOWN, buff=style.ITEM_GAP))
        picture.arrange(DOWN, buff=style.SECTION_GAP)
        fit_width(picture, style.CONTENT_WIDTH)
        top = config.frame_height / 2 - style.EDGE_BUFFER
        bottom = -top
        fit_height_between(picture, top, bottom)
        number = total[1]
        running = number.copy()
        self.add(total[0])
        subtotal = 0
        for index, name in enumerate(names):
            subtotal += count.components[name]
            partial = MathTex(self.numbers(subtotal)).match_height(number).move_to(number, LEFT)
            self.play(
                GrowFromEdge(bar.get_segment(name), LEFT),
                FadeIn(legend.get_row(index)),
                Transform(running, partial),
                run_time=self.seconds(style.SHORT),
            )
        self.play(FadeIn(legend.header), run_time=self.seconds(style.SHORT))
        if len(picture) > len((total, bar, legend)):
            self.play(FadeIn(picture[-1]), run_time=self.seconds(style.MEDIUM))
