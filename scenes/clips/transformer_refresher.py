"""Beats 1.1-1.6 of the video: the transformer refresher (beat 1.7 is ToyDirections).

A prompt and the model's next-token probabilities; tokens and their embeddings; the
alternating attention and MLP blocks; the last vector read out as a prediction; an analogy
showing that directions carry meaning; and where the parameters live. Every number comes from
mathcore: toy directions, a toy unembedding and softmax, toy word embeddings, and the
parameter count of the configured model preset.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    GrowArrow,
    GrowFromEdge,
    MathTex,
    SurroundingRectangle,
    VGroup,
    Write,
)

import mathcore
from scenes.config import TransformerRefresherConfig, fill, load_model
from scenes.visual import style
from scenes.visual.beats import BeatScene, beat
from scenes.visual.components import (
    BlockIcon,
    EmbeddingColumn,
    Legend,
    ProbabilityBars,
    VectorView3D,
    fit_width,
    fitted_text,
    label_text,
    tex_percent,
)


class TransformerRefresher(BeatScene[TransformerRefresherConfig]):
    """From a prompt to a prediction, and why directions matter."""

    config_class = TransformerRefresherConfig

    def prepare(self) -> None:
        c = self.clip
        names = tuple(dict.fromkeys((*c.candidates, *c.prompt)))
        self.space = mathcore.named_directions(names, max(c.d_model, len(names)), c.seed, c.tilt)
        # Under the toy assumptions the last vector has soaked up the answer's direction.
        final = self.space.encode({c.fact.attribute: 1.0})
        unembedding = np.array([self.space[w] for w in c.candidates])
        scores = mathcore.logits(c.sharpness * unembedding, final)
        self.probabilities = mathcore.softmax(scores, c.temperature)
        self.embeddings = [self.space.encode({token: 1.0}) for token in c.prompt]
        words = {w.word: dict.fromkeys(w.features, 1.0) for w in c.analogy.words}
        self.vocabulary = mathcore.toy_embeddings(words, c.d_model, c.seed, c.analogy.noise)
        shape = load_model(c.model).to_shape()
        self.model_name, self.n_layers = shape.name, shape.n_layers
        self.mlp_share = mathcore.count_parameters(shape).share("mlp")

    def narration_values(self) -> dict[str, object]:
        return {"model": self.model_name}

    def say(self, template: str, **values: object) -> None:
        self.show_caption(fill(template, self.clip.fact, model=self.model_name, **values))

    def prompt_line(self) -> VGroup:
        """The prompt's tokens in boxes, then a blank for the next token."""
        words = VGroup(
            *(label_text(t, self.clip.colours.text, style.LABEL_SIZE) for t in self.clip.prompt)
        )
        words.add(label_text("___", style.MUTED, style.LABEL_SIZE))
        return fit_width(words.arrange(RIGHT, buff=style.WORD_GAP), style.CONTENT_WIDTH)

    def bars(self, width: float = style.PROBABILITY_WIDTH) -> ProbabilityBars:
        """The next-token probabilities of the candidates."""
        probabilities = list(self.probabilities)
        return ProbabilityBars(
            self.clip.candidates, probabilities, width, self.clip.colours.attribute
        )

    @beat
    def beat_prediction(self) -> None:
        self.clear_stage()
        line = self.prompt_line().to_edge(UP, buff=style.MARGIN)
        bars = self.bars().next_to(line, DOWN, buff=style.WIDE_GAP)
        self.play(FadeIn(line, lag_ratio=style.LAG_SLOW), run_time=self.seconds(style.MEDIUM))
        words_and_shares = VGroup(
            *(VGroup(word, share) for word, share in zip(bars.words, bars.shares, strict=True))
        )
        self.play(
            *(GrowFromEdge(bar, LEFT) for bar in bars.bars),
            FadeIn(words_and_shares),
            run_time=self.seconds(style.MEDIUM),
        )
        self.say(self.clip.text.prediction)

    def token_columns(self) -> VGroup:
        """Each prompt token above its embedding column."""
        display = self.clip.display
        pairs = VGroup()
        for token, vector in zip(self.clip.prompt, self.embeddings, strict=True):
            column = EmbeddingColumn(vector, display.rows, display.decimals)
            word = fitted_text(
                token, column.width + style.SECTION_GAP, self.clip.colours.text, style.BODY_SIZE
            )
            pairs.add(VGroup(word, column).arrange(DOWN, buff=style.ITEM_GAP))
        pairs.arrange(RIGHT, buff=style.SECTION_GAP, aligned_edge=DOWN)
        return fit_width(pairs, style.CONTENT_WIDTH)

    @beat
    def beat_tokens(self) -> None:
        self.clear_stage()
        pairs = self.token_columns().move_to(UP * style.PICTURE_LIFT)
        words = VGroup(*(word for word, _column in pairs))
        self.play(FadeIn(words), run_time=self.seconds(style.SHORT))
        self.play(
            *(FadeIn(column, shift=DOWN * style.ITEM_GAP) for _word, column in pairs),
            run_time=self.seconds(style.MEDIUM),
        )
        self.say(self.clip.text.tokens)

    @beat
    def beat_blocks(self) -> None:
        self.clear_stage()
        text = self.clip.text
        stack = VGroup()
        for _ in range(style.LAYER_STACK):
            stack.add(BlockIcon(text.attention, colour=style.COMPONENT_COLOURS["attention"]))
            stack.add(BlockIcon(text.mlp, colour=style.COMPONENT_COLOURS["mlp"]))
        stack.arrange(RIGHT, buff=style.SECTION_GAP)
        fit_width(stack, style.CONTENT_WIDTH).move_to(UP * style.PICTURE_LIFT)
        arrows = VGroup(
            *(Arrow(a.get_right(), b.get_left(), buff=style.ARROW_BUFF) for a, b in pairwise(stack))
        )
        repeat = label_text(
            fill(text.repeat, n=self.n_layers, model=self.model_name), style.MUTED, style.LABEL_SIZE
        )
        repeat.next_to(stack, DOWN, buff=style.SECTION_GAP)
        self.play(
            FadeIn(stack, lag_ratio=style.LAG_SLOW),
            Create(arrows),
            run_time=self.seconds(style.LONG),
        )
        self.play(FadeIn(repeat), run_time=self.seconds(style.SHORT))
        self.say(text.blocks)

    @beat
    def beat_last_vector(self) -> None:
        self.clear_stage()
        pairs = fit_width(self.token_columns(), style.LAST_VECTOR_WIDTH)
        pairs.to_edge(LEFT, buff=style.EDGE_BUFFER)
        last = pairs[-1][1]
        mark = SurroundingRectangle(last, color=style.HIGHLIGHT)
        bars = self.bars(style.PROBABILITY_WIDTH_SIDE)
        self.beside(pairs, bars, gap=style.WIDER_GAP)
        arrow = Arrow(mark.get_right(), bars.get_left(), buff=style.ITEM_GAP, color=style.HIGHLIGHT)
        self.play(FadeIn(pairs), run_time=self.seconds(style.SHORT))
        self.play(Create(mark), run_time=self.seconds(style.SHORT))
        self.play(GrowArrow(arrow), FadeIn(bars), run_time=self.seconds(style.MEDIUM))
        self.say(self.clip.text.last_vector)

    @beat
    def beat_directions(self) -> None:
        self.clear_stage()
        a, b, c = self.clip.analogy.a, self.clip.analogy.b, self.clip.analogy.c
        target, nearest = self.vocabulary.analogy(a, b, c)
        cosine = self.vocabulary.nearest(target, 1, exclude=(a, b, c))[0][1]
        basis = np.array([self.vocabulary[w] for w in (a, b, c)])
        points = np.array([self.vocabulary[a], self.vocabulary[b], self.vocabulary[c], target])
        coords = mathcore.span_coordinates(basis, points)
        colours = self.clip.colours
        keys = ("a", "b", "c", "target")
        palette = dict(
            zip(
                keys,
                (colours.first_name, colours.last_name, colours.attribute, colours.combined),
                strict=True,
            )
        )
        symbols = {k: rf"\vec{{{k[0]}}}" for k in keys}
        view = VectorView3D(dict(zip(keys, coords, strict=True)), palette, symbols)
        view.move_to(LEFT * style.TOY_SHIFT + UP * style.PICTURE_LIFT)
        legend = Legend(
            [(symbols[k], w, palette[k]) for k, w in zip(keys[:3], (a, b, c), strict=True)]
        )
        formula = MathTex(r"\vec{a} - \vec{b} + \vec{c} = \vec{t}", font_size=style.MATH_SIZE)
        words = (
            f"{self.clip.text.nearest}: {nearest} (cos {mathcore.fixed(cosine, style.DECIMALS)})"
        )
        result = label_text(words, colours.combined, style.BODY_SIZE)
        side = VGroup(legend, formula, result).arrange(
            DOWN, aligned_edge=LEFT, buff=style.SECTION_GAP
        )
        self.beside(view, side)
        self.play(FadeIn(view), run_time=self.seconds(style.MEDIUM))
        self.play(
            FadeIn(legend), Write(formula), FadeIn(result), run_time=self.seconds(style.MEDIUM)
        )
        self.say(self.clip.text.directions)

    @beat
    def beat_context_knowledge(self) -> None:
        self.clear_stage()
        text = self.clip.text
        share = MathTex(
            tex_percent(self.mlp_share),
            font_size=style.TITLE_MATH_SIZE,
            color=style.COMPONENT_COLOURS["mlp"],
        )
        words = label_text(
            fill(text.mlp_share, model=self.model_name), style.MUTED, style.LABEL_SIZE
        )
        VGroup(share, words).arrange(DOWN, buff=style.SECTION_GAP).move_to(UP * style.PICTURE_LIFT)
        self.play(Write(share), FadeIn(words), run_time=self.seconds(style.MEDIUM))
        self.say(text.knowledge)
