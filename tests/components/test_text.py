"""Text and fitting components: structure tests, then one control frame per component."""

from __future__ import annotations

import pytest
from helpers import cached_latex
from manim import DOWN, MathTex, Scene, Square, Text, VGroup, config
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.visual import style
from scenes.visual.components import (
    Legend,
    ValueTable,
    align_left_edges,
    caption,
    fit_height_between,
    fit_width,
    fitted_text,
    label_text,
    linear_combination,
    tex_percent,
)

__module_test__ = "components"

LONG_NAME = "Michael Jeffrey Jordan of the Chicago Bulls"
LEGEND_ENTRIES = [
    (r"\vec{M}", "Michael", style.FIRST_NAME),
    (r"\vec{J}", "Jordan, a last name long enough to wrap onto a second line", style.LAST_NAME),
    (r"\vec{B}", "Basketball", style.ATTRIBUTE),
]
TABLE_ROWS = [
    ("Michael Jordan", "1.00", style.COMBINED),
    ("Michael Phelps, a name long enough to wrap", "0.00", style.FIRST_NAME),
    ("Alexis Jordan", "-0.50", style.LAST_NAME),
]


def lines_of(text: Text) -> list[str]:
    return text.original_text.split("\n")


class TestFitWidth:
    def test_never_enlarges(self) -> None:
        square = Square(side_length=1)
        assert fit_width(square, 2).width == pytest.approx(1)

    def test_shrinks_to_the_width(self) -> None:
        square = Square(side_length=4)
        fit_width(square, 2)
        assert square.width == pytest.approx(2)
        assert square.height == pytest.approx(2)

    def test_returns_the_same_object(self) -> None:
        text = label_text("Jordan")
        fitted: Text = fit_width(text, 0.5)
        assert fitted is text


class TestFitHeightBetween:
    @pytest.mark.parametrize(
        ("side", "expected_height"),
        [(4.0, 2.0), (1.0, 1.0)],
        ids=["shrinks", "never_enlarges"],
    )
    def test_fits_with_top_edge_at_top(self, side: float, expected_height: float) -> None:
        square = Square(side_length=side)
        result = fit_height_between(square, top=1.5, bottom=-0.5)
        assert result is square
        assert square.height == pytest.approx(expected_height)
        assert square.get_top()[1] == pytest.approx(1.5)


def test_align_left_edges() -> None:
    mobjects = [Square(side_length=s).shift(s * DOWN) for s in (0.5, 1.0, 2.0)]
    align_left_edges(mobjects, -3.0)
    for mobject in mobjects:
        assert mobject.get_left()[0] == pytest.approx(-3.0)


class TestLabelText:
    def test_wrap_breaks_between_words_only(self) -> None:
        text = label_text("Hohenzollern-Sigmaringen plays basketball", wrap=8)
        assert lines_of(text) == ["Hohenzollern-Sigmaringen", "plays", "basketball"]

    def test_kwargs_reach_text(self) -> None:
        assert label_text("Jordan", name="word").name == "word"


class TestFittedText:
    def test_short_text_is_left_alone(self) -> None:
        text = fitted_text("Jordan", 5.0)
        assert lines_of(text) == ["Jordan"]
        assert text.font_size == pytest.approx(style.BODY_SIZE)

    def test_long_name_wraps_rather_than_shrinks(self) -> None:
        text = fitted_text(LONG_NAME, 3.0)
        assert len(lines_of(text)) > 1
        assert text.width <= 3.0 + 1e-6
        assert text.font_size == pytest.approx(style.BODY_SIZE)

    @pytest.mark.parametrize("max_width", [1.0, 2.0, 3.0, 5.0])
    def test_never_splits_a_word(self, max_width: float) -> None:
        text = fitted_text(LONG_NAME, max_width)
        words = [word for line in lines_of(text) for word in line.split()]
        assert words == LONG_NAME.split()
        assert text.width <= max_width + 1e-6

    def test_one_word_too_wide_is_shrunk(self) -> None:
        text = fitted_text("Hohenzollern", 1.0)
        assert lines_of(text) == ["Hohenzollern"]
        assert text.width == pytest.approx(1.0)
        assert text.font_size < style.BODY_SIZE


def test_caption_sits_on_the_bottom_edge() -> None:
    line = caption("A subtitle")
    assert line.get_bottom()[1] == pytest.approx(-config.frame_height / 2 + style.EDGE_BUFFER)


def test_tex_percent_escapes_the_percent_sign() -> None:
    assert tex_percent(0.662) == r"66.2\%"


class TestLegend:
    def test_rows_align(self) -> None:
        legend = Legend(LEGEND_ENTRIES, max_width=4.0)
        rows = [legend.get_row(i) for i in range(len(LEGEND_ENTRIES))]
        lefts = [row.get_left()[0] for row in rows]
        assert lefts == pytest.approx([lefts[0]] * len(rows))
        tops = [row.get_top()[1] for row in rows]
        assert tops == sorted(tops, reverse=True)
        for row in rows:
            symbol, words = row
            assert symbol.get_top()[1] == pytest.approx(words.get_top()[1])
            assert row.width <= 4.0 + 1e-6

    def test_long_words_wrap(self) -> None:
        legend = Legend(LEGEND_ENTRIES, max_width=4.0)
        words = legend.get_row(1)[1]
        assert isinstance(words, Text)
        assert len(lines_of(words)) > 1

    def test_kwargs_reach_vgroup(self) -> None:
        assert Legend(LEGEND_ENTRIES, name="features").name == "features"


class TestValueTable:
    def test_values_form_a_column_level_with_their_labels(self) -> None:
        table = ValueTable("Dot product with the first row", TABLE_ROWS, max_width=5.0)
        values = [table.get_value(i) for i in range(len(TABLE_ROWS))]
        lefts = [value.get_left()[0] for value in values]
        assert lefts == pytest.approx([lefts[0]] * len(values))
        for index, value in enumerate(values):
            label = table.get_label(index)
            assert value.get_y() == pytest.approx(label.get_y())
            assert label.get_right()[0] < value.get_left()[0]
            assert table.get_row(index)[1] is value
        assert [v.get_tex_string() for v in values] == [v for _, v, _ in TABLE_ROWS]

    def test_header_on_top(self) -> None:
        table = ValueTable("Header", TABLE_ROWS)
        assert table.get_header().get_bottom()[1] > table.get_row(0).get_top()[1]

    def test_kwargs_reach_vgroup(self) -> None:
        assert ValueTable("Header", TABLE_ROWS, z_index=2).z_index == 2


class TestLinearCombination:
    def test_signs_and_ellipsis(self) -> None:
        tex = linear_combination([1.0, -0.5, None, 0.2], ["C_1", "C_2", None, "C_n"], 2)
        assert isinstance(tex, MathTex)
        assert tex.get_tex_string() == r"1.00\,C_1 - 0.50\,C_2 + \cdots + 0.20\,C_n"

    def test_kwargs_reach_mathtex(self) -> None:
        tex = linear_combination([1.0], ["C_1"], 1, font_size=20)
        assert tex.font_size == pytest.approx(20)


# -- graphical ---------------------------------------------------------------------------


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_legend(scene: Scene) -> None:
    scene.add(Legend(LEGEND_ENTRIES, max_width=6.0))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_value_table(scene: Scene) -> None:
    scene.add(ValueTable("Dot product with the first row", TABLE_ROWS, max_width=6.0))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_text_helpers(scene: Scene) -> None:
    wrapped = fitted_text(LONG_NAME, 3.0, style.FIRST_NAME)
    sum_ = linear_combination([1.0, -0.5, None, 0.2], ["C_1", "C_2", None, "C_n"], 2)
    scene.add(VGroup(wrapped, sum_).arrange(DOWN, buff=style.SECTION_GAP))
    scene.add(caption("A caption along the bottom edge"))
