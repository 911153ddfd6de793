"""Beats 2.1-2.10 of the video: how an MLP block could store "Michael Jordan plays basketball".

Every number on screen comes from one mathcore forward pass over the configured toy weights
(W_up's first row = M + J, b_up's first entry = -1, W_down's first column = B). Each beat
clears the stage and builds its own picture, so it can be presented on its own.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Brace,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    MathTex,
    Mobject,
    SurroundingRectangle,
    Transform,
    VGroup,
    VMobject,
    Write,
    config,
)

import mathcore
from scenes.config import MLPWalkthroughConfig, fill
from scenes.visual import style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    ActivationGraph,
    ActivationGrid,
    ArrayMatrix,
    BlockIcon,
    DotProductReadout,
    EmbeddingColumn,
    MatrixProduct,
    NetworkDiagram,
    NeuronLayer,
    ValueTable,
    fit_height_between,
    fit_width,
    fitted_text,
    label_text,
    linear_combination,
)

FIRST = mathcore.FACT_NEURON


class MLPWalkthrough(BeatScene[MLPWalkthroughConfig]):
    """The MLP block, step by step, on a toy fact, with every value computed."""

    config_class = MLPWalkthroughConfig

    def prepare(self) -> None:
        c = self.clip
        fact = c.fact
        full = mathcore.Probe(
            f"{fact.first_name} {fact.last_name}", (fact.first_name, fact.last_name)
        )
        others = tuple(
            mathcore.Probe(f"{p.first_name} {p.last_name}", (p.first_name, p.last_name))
            for p in c.probes
        )
        self.toy = mathcore.build_toy_fact(
            fact.first_name, fact.last_name, fact.attribute, (full, *others),
            c.toy.d_model, c.toy.d_mlp, c.seed, c.toy.tilt, c.toy.noise, c.activation,
            extra_names=c.prompt,
        )  # fmt: skip
        self.full = self.toy.traces[FIRST]
        features = mathcore.token_features(c.prompt, fact.first_name, fact.last_name)
        self.sequence = mathcore.sequence_trace(self.toy, features, c.activation)
        # The token whose vector holds the full name (the last name's; config checks it is there).
        self.focus = c.prompt.index(fact.last_name)
        self.sym = {"M": fact.first_symbol, "J": fact.last_symbol, "B": fact.attribute_symbol}
        self.row_convention = c.convention == "row"

    # -- shared pieces ------------------------------------------------------------------

    def say(self, template: str) -> Mobject:
        """Caption a text template from the config, the fact's names filled in."""
        return self.show_caption(fill(template, self.clip.fact))

    def heading(self, tex: str) -> MathTex:
        """A formula across the top of the frame naming what the beat computes."""
        formula = MathTex(tex, font_size=style.MATH_SIZE, color=self.clip.colours.text)
        return formula.to_edge(UP, buff=style.EDGE_BUFFER)

    def column(self, values: np.ndarray, colour: str = style.TEXT) -> ArrayMatrix:
        """A vector drawn in the clip's convention: a column (video) or a row (code)."""
        display = self.clip.display
        if self.row_convention:
            matrix = ArrayMatrix(values[None, :], 1, display.columns, display.decimals)
            matrix.get_brackets().set_color(colour)
            return matrix
        return EmbeddingColumn(values, display.rows, display.decimals, colour)

    def entry(self, vector: ArrayMatrix, index: int) -> VMobject:
        """Entry ``index`` of a vector drawn by :meth:`column`."""
        return vector.get_entry(FIRST, index) if self.row_convention else vector.get_entry(index)

    def product(self, weights: np.ndarray, vector: np.ndarray, result: np.ndarray) -> MatrixProduct:
        """``W v = r`` (column convention) or ``vᵀ Wᵀ = rᵀ`` (row), at most the content width."""
        display = self.clip.display
        product = MatrixProduct(
            weights, vector, result, display.rows, display.columns, display.decimals,
            self.clip.convention,
        )  # fmt: skip
        return fit_width(product, style.CONTENT_WIDTH)

    def vector_sum(self, vectors: list[ArrayMatrix], operators: list[str]) -> VGroup:
        """``a + b = c``: side by side for columns, one line per vector for rows. The result
        is flat (vector, operator, vector, ...) so a beat can reveal it piece by piece."""
        parts: list[VMobject] = [vectors[0]]
        for operator, vector in zip(operators, vectors[1:], strict=True):
            parts += [MathTex(operator, font_size=style.MATH_SIZE), vector]
        group = VGroup(*parts)
        if not self.row_convention:
            return group.arrange(RIGHT, buff=style.ITEM_GAP)
        lines = [VGroup(vectors[0])] + [
            VGroup(parts[i], parts[i + 1]).arrange(RIGHT, buff=style.ITEM_GAP)
            for i in range(1, len(parts), 2)
        ]
        VGroup(*lines).arrange(DOWN, aligned_edge=RIGHT, buff=style.ROW_GAP)
        return group

    def probe_table(self, values: list[float], header: str) -> ValueTable:
        """``name  value`` for the full name and each probe, in the probes' colours."""
        rows = [
            (probe.label, mathcore.fixed(value, style.DECIMALS), self.probe_colour(index))
            for index, (probe, value) in enumerate(zip(self.toy.probes, values, strict=True))
        ]
        return ValueTable(header, rows)

    def probe_colour(self, index: int) -> str:
        """The full name in the 'combined' colour; the probes in the single names' colours."""
        colours = self.clip.colours
        palette = (colours.combined, colours.first_name, colours.last_name)
        return palette[index % len(palette)]

    def w_up_tex(self) -> str:
        return r"E^{\top} W_{\uparrow}^{\top}" if self.row_convention else r"W_{\uparrow} E"

    # -- beats --------------------------------------------------------------------------

    @beat
    def beat_flow(self) -> None:
        self.clear_stage()
        c, display = self.clip, self.clip.display
        shown = mathcore.shown_indices(len(c.prompt), display.tokens)
        tokens = [t for t in shown if t is not None]
        columns = VGroup(
            *(
                EmbeddingColumn(self.sequence.embedding[t], display.rows, display.decimals)
                for t in tokens
            )
        )
        columns.arrange(RIGHT, buff=style.SECTION_GAP)
        words = VGroup(
            *(
                fitted_text(c.prompt[t], columns[i].width + style.SECTION_GAP - style.ITEM_GAP)
                for i, t in enumerate(tokens)
            )
        )
        for word, column in zip(words, columns, strict=True):
            word.next_to(column, UP, buff=style.ITEM_GAP)
        picture = VGroup(words, columns)
        fit_width(picture, style.CONTENT_WIDTH).to_edge(UP, buff=style.EDGE_BUFFER)
        block = BlockIcon(c.text.block, width=picture.width)
        block.next_to(picture, DOWN, buff=style.WIDE_GAP)
        # Every vector goes down into the same block, separately: one arrow each.
        arrows = [
            Arrow(col.get_bottom(), [col.get_x(), block.get_top()[1], 0], buff=style.ARROW_BUFF)
            for col in columns
        ]
        self.play(FadeIn(picture), run_time=self.seconds(style.MEDIUM))
        self.play(
            FadeIn(block), *(GrowArrow(a) for a in arrows), run_time=self.seconds(style.SHORT)
        )
        focus = SurroundingRectangle(columns[tokens.index(self.focus)], color=style.HIGHLIGHT)
        self.play(Create(focus), run_time=self.seconds(style.SHORT))
        line = self.say(c.text.flow)
        # Every vector dips into the block at once, then comes back with the block's output
        # added: only the numbers change, which is cheap to animate.
        outputs = [
            EmbeddingColumn(self.sequence.residual[t], display.rows, display.decimals)
            for t in tokens
        ]
        for new, old in zip(outputs, columns, strict=True):
            new.match_height(old).move_to(old)
        self.play(
            *(
                Transform(o.get_entries(), n.get_entries())
                for o, n in zip(columns, outputs, strict=True)
            ),
            block.get_box().animate.set_fill(opacity=style.BLOCK_FLASH),
            run_time=self.seconds(style.LONG),
        )
        self.play(FadeOut(line), run_time=self.seconds(style.SHORT))
        self.say(c.text.added_back)

    @beat
    def beat_up_projection(self) -> None:
        self.clear_stage()
        title = self.heading(self.w_up_tex())
        group = self.product(self.toy.weights.w_up, self.full.embedding, self.full.up)
        result_entries = group.get_result().get_entries()
        result_entries.set_opacity(0)
        self.play(Write(title), FadeIn(group), run_time=self.seconds(style.MEDIUM))
        line = self.say(self.clip.text.up_projection)
        marker = SurroundingRectangle(group.get_output_weights(FIRST), color=style.HIGHLIGHT)
        self.play(
            Create(marker),
            Create(SurroundingRectangle(group.get_vector(), color=style.HIGHLIGHT)),
            run_time=self.seconds(style.SHORT),
        )
        for index in group.get_output_indices():
            if index is None:
                continue
            target = SurroundingRectangle(group.get_output_weights(index), color=style.HIGHLIGHT)
            self.play(
                Transform(marker, target),
                group.get_result_entry(index).animate.set_opacity(1),
                run_time=self.seconds(style.SHORT),
            )
        self.play(
            result_entries.animate.set_opacity(1), FadeOut(line), run_time=self.seconds(style.SHORT)
        )

    @beat
    def beat_rows_as_questions(self) -> None:
        self.clear_stage()
        m, j = self.sym["M"], self.sym["J"]
        group = self.product(self.toy.weights.w_up, self.full.embedding, self.full.up)
        fit_width(group, style.PRODUCT_BESIDE_WIDTH).to_edge(LEFT, buff=style.EDGE_BUFFER)
        fit_height_between(group, config.frame_height / 2 - style.TOP_ROOM, self.caption_top())
        row = group.get_output_weights(FIRST)
        brace = Brace(row, DOWN if self.row_convention else UP)
        label = MathTex(rf"\vec{{{m}}} + \vec{{{j}}}", font_size=style.MATH_SIZE)
        label.set_color(self.clip.colours.combined)
        brace.put_at_tip(label)
        self.play(FadeIn(group), run_time=self.seconds(style.MEDIUM))
        self.play(GrowFromCenter(brace), Write(label), run_time=self.seconds(style.MEDIUM))
        line = self.say(self.clip.text.question)
        directions = self.toy.directions
        m_dot = float(directions[self.clip.fact.first_name] @ self.full.embedding)
        j_dot = float(directions[self.clip.fact.last_name] @ self.full.embedding)
        work = MathTex(
            rf"(\vec{{{m}}} + \vec{{{j}}}) \cdot E = \vec{{{m}}} \cdot E + \vec{{{j}}} \cdot E",
            rf"= {m_dot:.{style.DECIMALS}f} + {j_dot:.{style.DECIMALS}f}",
            rf"= {self.full.up[FIRST]:.{style.DECIMALS}f}",
            font_size=style.MATH_SIZE,
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        table = self.probe_table(
            [float(t.up[FIRST]) for t in self.toy.traces], self.clip.text.row_one
        )
        side = VGroup(fit_width(work, style.PANEL_WIDTH), table).arrange(
            DOWN, aligned_edge=LEFT, buff=style.SECTION_GAP
        )
        self.beside(group, side)
        self.play(Write(work), run_time=self.seconds(style.LONG))
        self.play(FadeIn(table), FadeOut(line), run_time=self.seconds(style.MEDIUM))

    @beat
    def beat_bias(self) -> None:
        self.clear_stage()
        c = self.clip
        title = self.heading(self.w_up_tex() + r" + b_{\uparrow}")
        up, bias, pre = (
            self.column(v) for v in (self.full.up, self.toy.weights.b_up, self.full.pre_activation)
        )
        equation = self.vector_sum([up, bias, pre], ["+", "="])
        table = self.probe_table(
            [float(t.pre_activation[FIRST]) for t in self.toy.traces], c.text.entry_one
        )
        rows, columns = mathcore.thousands(c.model.d_mlp), mathcore.thousands(c.model.d_model)
        ratio = mathcore.ratio_label(c.model.d_mlp, c.model.d_model)
        shape = VGroup(
            MathTex(
                rf"W_{{\uparrow}}: {rows} \times {columns}"
                rf"\quad (\text{{rows}} = {ratio} \times d_{{\text{{model}}}})"
            ),
            label_text(
                fill(c.text.shape, c.fact, model=c.model.name), style.MUTED, style.SMALL_SIZE
            ),
        ).arrange(RIGHT, buff=style.ITEM_GAP)
        picture = VGroup(equation, table).arrange(RIGHT, buff=style.WIDE_GAP)
        fit_width(picture, style.CONTENT_WIDTH).next_to(title, DOWN, buff=style.SECTION_GAP)
        shape.next_to(picture, DOWN, buff=style.SECTION_GAP)
        self.play(Write(title), FadeIn(up), run_time=self.seconds(style.SHORT))
        self.play(FadeIn(equation[1:]), run_time=self.seconds(style.MEDIUM))
        marks = VGroup(
            *(
                SurroundingRectangle(self.entry(v, FIRST), color=style.HIGHLIGHT)
                for v in (bias, pre)
            )
        )
        self.play(Create(marks), run_time=self.seconds(style.SHORT))
        self.say(c.text.bias)
        self.play(FadeIn(table), FadeIn(shape), run_time=self.seconds(style.MEDIUM))

    @beat
    def beat_activation(self) -> None:
        self.clear_stage()
        c = self.clip
        other = "gelu" if c.activation == "relu" else "relu"
        main_graph = ActivationGraph(c.activation, colour=c.colours.text)
        side_graph = ActivationGraph(other, colour=style.MUTED)
        graphs = VGroup(main_graph, side_graph).arrange(RIGHT, buff=style.WIDE_GAP)
        graphs.to_edge(UP, buff=style.MARGIN)
        self.play(Create(main_graph), run_time=self.seconds(style.MEDIUM))
        dots = VGroup(
            *(
                Dot(
                    main_graph.point_for(float(trace.pre_activation[FIRST])),
                    color=self.probe_colour(i),
                    radius=style.DOT_RADIUS,
                )
                for i, trace in enumerate(self.toy.traces)
            )
        )
        table = self.probe_table(
            [float(t.neurons[FIRST]) for t in self.toy.traces], c.text.neuron_one
        )
        table.next_to(graphs, DOWN, buff=style.SECTION_GAP).align_to(graphs, LEFT)
        fit_height_between(table, table.get_top()[1], self.caption_top())
        self.play(FadeIn(dots), FadeIn(table), run_time=self.seconds(style.MEDIUM))
        self.say(c.text.activation)
        note = label_text(c.text.other_activation, style.MUTED, style.SMALL_SIZE)
        note.next_to(side_graph, DOWN, buff=style.ITEM_GAP)
        self.play(Create(side_graph), FadeIn(note), run_time=self.seconds(style.MEDIUM))

    @beat
    def beat_neurons(self) -> None:
        self.clear_stage()
        c, display = self.clip, self.clip.display
        layer = NeuronLayer(self.full.neurons, display.rows, c.colours.combined)
        values = self.column(self.full.neurons)
        left = VGroup(values, layer).arrange(RIGHT, buff=style.ITEM_GAP)
        network = NetworkDiagram(
            self.toy.weights.w_up,
            self.full.neurons,
            display.rows,
            display.rows,
            colour=c.colours.combined,
        )
        picture = VGroup(left, network).arrange(RIGHT, buff=style.WIDER_GAP)
        picture.move_to(UP * style.PICTURE_LIFT)
        up = (
            r"E^{\top} W_{\uparrow}^{\top} + b_{\uparrow}^{\top}"
            if self.row_convention
            else (r"W_{\uparrow} E + b_{\uparrow}")
        )
        title = self.heading(rf"h = \sigma({up})")
        self.play(Write(title), FadeIn(values), FadeIn(layer), run_time=self.seconds(style.MEDIUM))
        line = self.say(c.text.neurons)
        self.play(
            Create(network.get_edges()),
            FadeIn(network.get_inputs(), network.get_outputs()),
            FadeOut(line),
            run_time=self.seconds(style.LONG),
        )
        self.say(c.text.network)

    def w_down_tex(self) -> str:
        return r"h^{\top} W_{\downarrow}^{\top}" if self.row_convention else r"W_{\downarrow} h"

    @beat
    def beat_down_projection(self) -> None:
        self.clear_stage()
        c = self.clip
        title = self.heading(self.w_down_tex() + r" + b_{\downarrow}")
        group = self.product(self.toy.weights.w_down, self.full.neurons, self.full.down)
        # Read column by column: each column of W_down is scaled by its neuron and summed.
        column = group.get_input_weights(FIRST)
        label = MathTex(
            rf"\vec{{{self.sym['B']}}}", font_size=style.MATH_SIZE, color=c.colours.attribute
        )
        if self.row_convention:  # a row of W_down^T: name it left of the matrix
            marks = VGroup(label.next_to(group.get_matrix(), LEFT).match_y(column))
        else:
            brace = Brace(column, DOWN)
            brace.put_at_tip(label)
            marks = VGroup(brace, label)
        # Columns are numbered from 1 on screen, as in the video.
        indices = group.get_input_indices()
        coefficients = [None if i is None else float(self.full.neurons[i]) for i in indices]
        symbols = [None if i is None else f"C_{{{i + 1}}}" for i in indices]
        reading = linear_combination(coefficients, symbols, style.DECIMALS)
        fit_width(reading, style.CONTENT_WIDTH).next_to(
            VGroup(group, marks), DOWN, buff=style.SECTION_GAP
        )
        reading.set_x(group.get_x())
        picture = VGroup(group, marks, reading)
        picture.next_to(title, DOWN, buff=style.SECTION_GAP)
        fit_height_between(picture, picture.get_top()[1], self.caption_top())
        self.play(Write(title), FadeIn(group), run_time=self.seconds(style.MEDIUM))
        self.play(
            FadeIn(marks),
            Create(SurroundingRectangle(column, color=c.colours.attribute)),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(Write(reading), run_time=self.seconds(style.LONG))
        self.say(c.text.down_projection)

    @beat
    def beat_residual(self) -> None:
        self.clear_stage()
        c = self.clip
        title = self.heading(r"E + \text{MLP}(E)")
        parts = [
            self.column(v) for v in (self.full.embedding, self.full.output, self.full.residual)
        ]
        equation = self.vector_sum(parts, ["+", "="])
        directions = self.toy.directions
        names = (c.fact.first_name, c.fact.last_name, c.fact.attribute)
        colours = (c.colours.first_name, c.colours.last_name, c.colours.attribute)
        readouts = VGroup(
            *(
                DotProductReadout(
                    rf"\vec{{{self.sym[k]}}}",
                    r"E_{\text{out}}",
                    float(directions[n] @ self.full.residual),
                    colour,
                )
                for k, n, colour in zip(("M", "J", "B"), names, colours, strict=True)
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        picture = VGroup(equation, readouts).arrange(RIGHT, buff=style.WIDE_GAP)
        fit_width(picture, style.CONTENT_WIDTH).next_to(title, DOWN, buff=style.SECTION_GAP)
        self.play(Write(title), FadeIn(equation), run_time=self.seconds(style.MEDIUM))
        for readout in readouts:
            self.play(Write(readout), run_time=self.seconds(style.SHORT))
        self.say(c.text.residual)

    @beat
    def beat_parallel(self) -> None:
        self.clear_stage()
        c = self.clip
        grid = ActivationGrid(self.sequence.neurons, c.prompt, c.display.rows, c.colours.combined)
        neurons, tokens = mathcore.thousands(c.model.d_mlp), len(c.prompt)
        values = mathcore.thousands(mathcore.neuron_values(c.model.d_mlp, tokens))
        count = MathTex(
            rf"{neurons} \text{{ neurons}} \times {tokens} \text{{ tokens}} = {values}",
            font_size=style.MATH_SIZE,
        )
        label = label_text(
            fill(c.text.shape, c.fact, model=c.model.name), style.MUTED, style.SMALL_SIZE
        )
        VGroup(grid, VGroup(count, label).arrange(DOWN, buff=style.ITEM_GAP)).arrange(
            DOWN, buff=style.SECTION_GAP
        )
        fit_width(grid, style.CONTENT_WIDTH)
        self.play(FadeIn(grid.get_headings()), run_time=self.seconds(style.SHORT))
        self.play(
            *(FadeIn(grid.get_column(t)) for t in range(len(c.prompt))),
            run_time=self.seconds(style.MEDIUM),
        )
        self.play(Write(count), FadeIn(label), run_time=self.seconds(style.MEDIUM))
        self.say(c.text.parallel)

    @beat
    def beat_summary(self) -> None:
        self.clear_stage()
        c = self.clip
        if self.row_convention:
            parts = {
                "lhs": r"E_{\text{out}}^{\top} = E^{\top} + ",
                "up": r"\sigma(E^{\top} W_{\uparrow}^{\top} + b_{\uparrow}^{\top})",
                "down": r"W_{\downarrow}^{\top} + b_{\downarrow}^{\top}",
            }
            order: tuple[str, ...] = ("lhs", "up", "down")
        else:
            parts = {
                "lhs": r"E_{\text{out}} = E + ",
                "down": r"W_{\downarrow}",
                "up": r"\sigma(W_{\uparrow} E + b_{\uparrow})",
                "bias": r"+ b_{\downarrow}",
            }
            order = ("lhs", "down", "up", "bias")
        formula = MathTex(*(parts[k] for k in order), font_size=style.TITLE_MATH_SIZE)
        piece = dict(zip(order, formula, strict=True))
        fit_width(formula, style.CONTENT_WIDTH).move_to(UP * style.PICTURE_LIFT)
        self.play(Write(formula), run_time=self.seconds(style.LONG))
        up_words = f"{c.text.up_label}, {style.ACTIVATION_TITLES[c.activation]}"
        labels = VGroup()
        for key, words, side in (("up", up_words, DOWN), ("down", c.text.down_label, UP)):
            brace = Brace(piece[key], side)
            text = label_text(words, style.MUTED, style.SMALL_SIZE)
            brace.put_at_tip(text)
            labels.add(brace, text)
        self.play(FadeIn(labels), run_time=self.seconds(style.MEDIUM))
        self.say(c.text.summary)
