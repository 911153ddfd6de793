"""Counting parameters: weight matrices drawn to scale, and counts written as factors.

A :class:`ScaledMatrix` is a rectangle whose height and width are the matrix's rows and
columns at one common scale, so that a 49,152 × 12,288 matrix is drawn four times taller than
wide and its transpose four times wider than tall.
"""

from __future__ import annotations

from typing import Any

from manim import DOWN, LEFT, PI, UP, Brace, MathTex, Rectangle, Text, VGroup

from mathcore.params import Product, SymbolicCount
from scenes.visual import style

__all__ = ["ScaledMatrix", "align_baselines", "baseline", "symbolic_tex"]

# Letters whose glyphs reach below the baseline (their bottoms are not the baseline).
DESCENDERS = set("gjpqyQ,;()[]{}|/_")

# How each size is written in formulas.
SYMBOL_TEX = {
    "n_vocab": r"n_{\text{vocab}}",
    "n_ctx": r"n_{\text{ctx}}",
    "d_model": r"d_{\text{model}}",
    "d_mlp": r"d_{\text{mlp}}",
    "d_kv": r"d_{\text{kv}}",
    "n_layers": r"n_{\text{layers}}",
    "n_experts": r"n_{\text{experts}}",
    "k_active": r"k_{\text{active}}",
}


def product_tex(product: Product) -> str:
    """``4 \\cdot d_model \\cdot d_model`` as LaTeX (whole numbers first, as given)."""
    shown = [f for f in product if f != 1] or [1]  # 1 · d_mlp is just d_mlp
    return r" \cdot ".join(SYMBOL_TEX[f] if isinstance(f, str) else str(f) for f in shown)


def symbolic_tex(count: SymbolicCount) -> str:
    """A symbolic count as LaTeX: ``common · (term + term)``, brackets only when needed."""
    terms = " + ".join(product_tex(t) for t in count.terms)
    if all(factor == 1 for factor in count.common):  # nothing, or 1 · (...): no common factor
        return terms
    common = product_tex(count.common)
    if len(count.terms) > 1:
        return rf"{common} \cdot ({terms})"
    return rf"{common} \cdot {terms}"


class ScaledMatrix(VGroup):
    """A weight matrix as a rectangle with its true aspect ratio, braced and labelled.

    Parameters
    ----------
    symbol
        The matrix's name in LaTeX, written inside the rectangle.
    rows, columns
        The matrix's real size.
    unit
        Scene units per row or column (the same for every matrix of one picture).
    rows_tex, columns_tex
        LaTeX labels of the left and top braces (``d_{mlp} = 49{,}152``).
    colour
        Fill and outline colour.
    **kwargs
        Passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        symbol: str,
        rows: int,
        columns: int,
        unit: float,
        rows_tex: str,
        columns_tex: str,
        colour: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.body = Rectangle(
            height=rows * unit, width=columns * unit, color=colour, fill_opacity=style.BAR_OPACITY
        )
        self.body.set_stroke(colour, width=2)
        name = MathTex(symbol, font_size=style.MATH_SIZE, color=style.BACKGROUND)
        self.symbol = name.move_to(self.body)
        if name.width > 0.8 * self.body.width or name.height > 0.8 * self.body.height:
            name.set_color(colour).next_to(self.body, DOWN, buff=style.ITEM_GAP)
        self.row_brace = Brace(self.body, LEFT, buff=style.CELL_GAP)
        self.row_label = MathTex(rows_tex, font_size=style.MATH_SIZE)
        if self.row_label.width <= self.body.height:  # upright along a tall side
            self.row_label.rotate(PI / 2)
        self.row_label.next_to(self.row_brace, LEFT, buff=style.CELL_GAP)
        self.column_brace = Brace(self.body, UP, buff=style.CELL_GAP)
        self.column_label = MathTex(columns_tex, font_size=style.MATH_SIZE)
        self.column_label.next_to(self.column_brace, UP, buff=style.CELL_GAP)
        self.labels = VGroup(
            self.symbol, self.row_brace, self.row_label, self.column_brace, self.column_label
        )
        self.add(self.body, self.labels)

    def get_body(self) -> Rectangle:
        """The rectangle drawn to scale."""
        return self.body

    def get_labels(self) -> VGroup:
        """The name, the braces and their size labels."""
        return self.labels


def baseline(text: Text) -> float:
    """The y of the last line's baseline: the lowest bottom among glyphs that sit on it
    (letters without descenders); the text's bottom when every glyph descends."""
    chars = [c for c in text.text if not c.isspace()]
    bottoms = [
        glyph.get_bottom()[1]
        for char, glyph in zip(chars, text.submobjects, strict=False)
        if char not in DESCENDERS
    ]
    return min(bottoms) if bottoms else float(text.get_bottom()[1])


def align_baselines(*texts: Text) -> None:
    """Shift ``texts`` vertically so that their (last) baselines match the first one's, as a
    line of print would set them ("parameters" and "as sizes" side by side)."""
    y = baseline(texts[0])
    for text in texts[1:]:
        text.shift(UP * (y - baseline(text)))
