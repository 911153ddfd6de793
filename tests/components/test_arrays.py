"""Array components: structure tests, then one control frame per component."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from helpers import cached_latex
from manim import DecimalNumber, MathTex, Scene, VMobject
from manim.utils.testing.frames_comparison import frames_comparison
from numpy.lib.stride_tricks import as_strided

from scenes.visual import style
from scenes.visual.components import (
    ELLIPSIS_TEX,
    AngleReadout,
    ArrayMatrix,
    DotProductReadout,
    EmbeddingColumn,
    MatrixProduct,
    VectorView3D,
    number_entry,
)

__module_test__ = "components"

ROWS, COLUMNS = 49_152, 12_288  # W_up of GPT-3


def gpt3_sized() -> np.ndarray:
    """A 49,152 x 12,288 array without allocating it: entry (r, c) = base[r + c]."""
    base = np.sin(np.arange(ROWS + COLUMNS) * 0.37) * 3.0
    view: np.ndarray = as_strided(base, shape=(ROWS, COLUMNS), strides=(8, 8), writeable=False)
    return view


def toy_weights() -> np.ndarray:
    return np.arange(-12, 12, dtype=float).reshape(6, 4) / 4


def entry_value(mobject: object) -> float:
    assert isinstance(mobject, DecimalNumber)
    return float(mobject.get_value())


class TestNumberEntry:
    def test_tiny_negative_shows_as_zero(self) -> None:
        entry = number_entry(-0.04, 1)
        assert entry.get_value() == 0.0
        assert math.copysign(1.0, entry.get_value()) == 1.0

    def test_kwargs_reach_decimal_number(self) -> None:
        assert number_entry(1.25, 2, include_sign=True).include_sign


@pytest.fixture(scope="module")
def matrix() -> ArrayMatrix:
    """A GPT-3-sized W_up drawn 5 x 5."""
    return ArrayMatrix(gpt3_sized(), 5, 5, decimals=2)


class TestArrayMatrix:
    def test_indices_of_drawn_rows_and_columns(self, matrix: ArrayMatrix) -> None:
        assert matrix.row_indices == [0, 1, 2, None, ROWS - 1]
        assert matrix.column_indices == [0, 1, 2, None, COLUMNS - 1]
        assert matrix.get_drawn_rows() == [0, 1, 2, ROWS - 1]
        assert matrix.get_drawn_columns() == [0, 1, 2, COLUMNS - 1]

    def test_ellipses_where_expected(self, matrix: ArrayMatrix) -> None:
        grid = matrix.get_mob_matrix()
        assert len(grid) == 5
        assert all(len(row) == 5 for row in grid)
        for r in range(5):
            for c in range(5):
                entry = grid[r][c]
                if r == 3 or c == 3:
                    assert isinstance(entry, MathTex)
                    assert entry.get_tex_string() == ELLIPSIS_TEX[(r == 3, c == 3)]
                else:
                    assert isinstance(entry, DecimalNumber)

    @pytest.mark.parametrize(
        ("row", "column"),
        [(0, 0), (1, 2), (ROWS - 1, 0), (2, COLUMNS - 1), (ROWS - 1, COLUMNS - 1)],
    )
    def test_get_entry_shows_the_rounded_number(
        self, matrix: ArrayMatrix, row: int, column: int
    ) -> None:
        expected = round(float(gpt3_sized()[row, column]), 2)
        entry = matrix.get_entry(row, column)
        assert entry_value(entry) == pytest.approx(expected)
        assert entry in list(matrix.get_row(row))
        assert entry in list(matrix.get_column(column))

    @pytest.mark.parametrize("index", [3, 100, ROWS - 2])
    def test_elided_rows_and_columns_raise_key_error(self, matrix: ArrayMatrix, index: int) -> None:
        with pytest.raises(KeyError):
            matrix.get_row(index)
        with pytest.raises(KeyError):
            matrix.get_column(index)
        with pytest.raises(KeyError):
            matrix.get_entry(index, 0)

    def test_row_keeps_its_ellipsis(self, matrix: ArrayMatrix) -> None:
        row = matrix.get_row(ROWS - 1)
        assert len(row) == 5
        assert isinstance(row[3], MathTex)

    def test_small_array_is_drawn_whole(self) -> None:
        matrix = ArrayMatrix(toy_weights(), 10, 10)
        assert matrix.row_indices == list(range(6))
        assert matrix.column_indices == list(range(4))
        assert len(matrix.get_entries()) == 24

    def test_kwargs_reach_matrix(self) -> None:
        matrix = ArrayMatrix(toy_weights(), 4, 4, left_bracket="(", right_bracket=")")
        assert matrix.left_bracket == "("
        assert ArrayMatrix(toy_weights(), 4, 4, v_buff=1.5).v_buff == 1.5


class TestEmbeddingColumn:
    def test_column_with_ellipsis_and_coloured_brackets(self) -> None:
        values = np.linspace(-1, 1, 100)
        column = EmbeddingColumn(values, 5, 2, style.FIRST_NAME)
        assert column.row_indices == [0, 1, 2, None, 99]
        assert column.column_indices == [0]
        assert entry_value(column.get_entry(99)) == pytest.approx(1.0)
        for bracket in column.get_brackets():
            assert bracket.get_color().to_hex().upper() == style.FIRST_NAME

    def test_kwargs_reach_array_matrix(self) -> None:
        assert EmbeddingColumn(np.ones(3), 3, name="E").name == "E"


class TestMatrixProduct:
    weights = toy_weights()  # 6 outputs x 4 inputs
    vector = np.array([1.0, -1.0, 0.5, 2.0])
    result = weights @ vector

    def product(self, convention: str) -> MatrixProduct:
        return MatrixProduct(
            self.weights,
            self.vector,
            self.result,
            5,
            5,
            2,
            convention,  # type: ignore[arg-type]
        )

    def test_column_convention_reads_w_v_equals_r(self) -> None:
        product = self.product("column")
        parts: list[VMobject] = [product.get_matrix(), product.get_vector()]
        parts += [product.get_equals(), product.get_result()]
        assert list(product.submobjects) == parts
        xs = [part.get_x() for part in parts]
        assert xs == sorted(xs)
        np.testing.assert_array_equal(product.get_matrix().values, self.weights)
        assert product.get_vector().values.shape == (4, 1)
        assert product.get_result().values.shape == (6, 1)

    def test_row_convention_stacks_v_wt_equals_rt(self) -> None:
        product = self.product("row")
        vector, matrix = product.get_vector(), product.get_matrix()
        equals, result = product.get_equals(), product.get_result()
        assert list(product.submobjects) == [vector, matrix, equals, result]
        np.testing.assert_array_equal(matrix.values, self.weights.T)
        assert vector.values.shape == (1, 4)
        assert result.values.shape == (1, 6)
        assert vector.get_y() > matrix.get_y() > result.get_y()
        assert equals.get_y() == pytest.approx(result.get_y())
        assert equals.get_x() < result.get_x()

    @pytest.mark.parametrize("convention", ["column", "row"])
    def test_weights_and_entries_by_array_index(self, convention: str) -> None:
        product = self.product(convention)
        matrix = product.get_matrix()
        output_row = product.get_output_weights(5)
        input_column = product.get_input_weights(1)
        # Output 5 is drawn after the ellipsis; input 1 is drawn in full (4 inputs).
        assert product.get_output_indices() == [0, 1, 2, None, 5]
        assert product.get_input_indices() == [0, 1, 2, 3]
        if convention == "column":
            assert list(output_row) == list(matrix.get_row(5))
            assert list(input_column) == list(matrix.get_column(1))
        else:
            assert list(output_row) == list(matrix.get_column(5))
            assert list(input_column) == list(matrix.get_row(1))
        expected = round(float(self.result[5]), 2)
        assert entry_value(product.get_result_entry(5)) == pytest.approx(expected)
        assert entry_value(product.get_vector_entry(3)) == pytest.approx(2.0)
        with pytest.raises(KeyError):
            product.get_result_entry(3)

    def test_bracket_colours(self) -> None:
        product = MatrixProduct(
            self.weights, self.vector, self.result, 5, 5, vector_colour=style.FIRST_NAME
        )
        bracket = product.get_vector().get_brackets()[0]
        assert bracket.get_color().to_hex().upper() == style.FIRST_NAME

    def test_unknown_convention(self) -> None:
        with pytest.raises(ValueError, match="convention"):
            self.product("diagonal")

    def test_kwargs_reach_vgroup(self) -> None:
        product = MatrixProduct(self.weights, self.vector, self.result, 5, 5, name="W_up E")
        assert product.name == "W_up E"


class TestDotProductReadout:
    def test_rounds_before_choosing_the_sign(self) -> None:
        assert not DotProductReadout("A", "B", -0.001).get_value().include_sign
        readout = DotProductReadout("A", "B", -0.5)
        assert readout.get_value().include_sign
        assert readout.get_value().get_value() == pytest.approx(-0.5)

    def test_value_right_of_formula(self) -> None:
        readout = DotProductReadout(r"\vec{M}", "E", 0.98, style.FIRST_NAME)
        assert readout.get_formula().get_right()[0] < readout.get_value().get_left()[0]
        assert readout.get_formula()[0].get_color().to_hex().upper() == style.FIRST_NAME

    def test_kwargs_reach_vgroup(self) -> None:
        assert DotProductReadout("A", "B", 1.0, z_index=3).z_index == 3


class TestAngleReadout:
    def test_rounded_degrees(self) -> None:
        readout = AngleReadout(88.26)
        assert "88.3" in readout.get_tex_string()
        assert readout.degrees == 88.26

    def test_kwargs_reach_mathtex(self) -> None:
        assert AngleReadout(90.0, name="angle").name == "angle"


BASIS = {"M": (1.0, 0.0, 0.0), "J": (0.0, 1.0, 0.0), "B": (0.0, 0.0, 1.0)}
BASIS_COLOURS = {"M": style.FIRST_NAME, "J": style.LAST_NAME, "B": style.ATTRIBUTE}
BASIS_SYMBOLS = {"M": r"\vec{M}", "J": r"\vec{J}", "B": r"\vec{B}"}


class TestVectorView3D:
    def view(self, **kwargs: Any) -> VectorView3D:
        return VectorView3D(BASIS, BASIS_COLOURS, BASIS_SYMBOLS, **kwargs)

    def test_arrows_start_at_the_origin_and_labels_sit_past_the_tips(self) -> None:
        view = self.view()
        origin = view.get_origin()
        for name in BASIS:
            arrow = view.get_arrow(name)
            np.testing.assert_allclose(arrow.get_start(), origin, atol=1e-6)
            tip = arrow.get_end()
            label = view.get_label(name).get_center()
            assert np.linalg.norm(label - origin) > np.linalg.norm(tip - origin)

    def test_set_view_keeps_the_origin(self) -> None:
        view = self.view()
        view.shift(np.array([2.0, 1.0, 0.0]))
        origin = view.get_origin().copy()
        assert view.set_view(30.0, 10.0) is view
        np.testing.assert_allclose(view.get_origin(), origin, atol=1e-6)
        np.testing.assert_allclose(view.get_arrow("M").get_start(), origin, atol=1e-6)

    def test_kwargs_reach_vgroup(self) -> None:
        assert self.view(name="features").name == "features"


# -- graphical ---------------------------------------------------------------------------


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_array_matrix(scene: Scene) -> None:
    scene.add(ArrayMatrix(gpt3_sized(), 5, 5, decimals=1))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_embedding_column(scene: Scene) -> None:
    scene.add(EmbeddingColumn(np.linspace(-1, 1, 100), 6, 2, style.FIRST_NAME))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_matrix_product(scene: Scene) -> None:
    weights = toy_weights()
    vector = np.array([1.0, -1.0, 0.5, 2.0])
    scene.add(MatrixProduct(weights, vector, weights @ vector, 5, 5, 1, "row"))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_dot_product_readout(scene: Scene) -> None:
    scene.add(DotProductReadout(r"\vec{M}", r"\vec{J}", -0.031, style.FIRST_NAME, style.LAST_NAME))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_angle_readout(scene: Scene) -> None:
    scene.add(AngleReadout(88.26))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_vector_view_3d(scene: Scene) -> None:
    scene.add(VectorView3D(BASIS, BASIS_COLOURS, BASIS_SYMBOLS))
