"""Components of the tables family: cells placed where the numbers they hold are read."""

from __future__ import annotations

import pytest

from scenes.visual import style
from scenes.visual.components import ColumnTable, StackedTable


def test_column_table_aligns_values_under_their_headers() -> None:
    rows = [("first", ["0.1", "12.345"], "#FFFFFF"), ("a longer label", ["0.123", "1"], "#FF0000")]
    table = ColumnTable(["max |cos|", "median nearest |cos|"], rows)
    for column in range(2):
        right = table.get_header(column).get_right()[0]
        for row in range(2):
            assert table.get_value(row, column).get_right()[0] == pytest.approx(right)
            # Values sit right of every label, and below the headers.
            assert table.get_value(row, column).get_left()[0] > table.get_label(1).get_right()[0]
            assert (
                table.get_value(row, column).get_top()[1] < table.get_header(column).get_bottom()[1]
            )
    assert table.get_label(0).get_left()[0] == pytest.approx(table.get_label(1).get_left()[0])
    assert table.get_header(0).get_bottom()[1] == pytest.approx(table.get_header(1).get_bottom()[1])


def test_stacked_table_right_aligns_every_count_at_its_width() -> None:
    rows = [
        ("embedding", [r"n_\mathrm{vocab} \cdot d", "617{,}558{,}016"], "#FFFFFF"),
        ("a row whose label is much longer than the table is wide", [r"2 \cdot d", "1"], "#FF0000"),
    ]
    width = 5.0
    table = StackedTable(["as sizes", "parameters"], rows, width)
    assert table.get_header(1).get_right()[0] == pytest.approx(width)
    for row in range(2):
        label, factors, count = (
            table.get_label(row),
            table.get_value(row, 0),
            table.get_value(row, 1),
        )
        assert count.get_right()[0] == pytest.approx(width)
        # Each label on its own line, its factors indented under it, nothing past the width.
        assert factors.get_top()[1] < label.get_bottom()[1]
        assert factors.get_left()[0] == pytest.approx(label.get_left()[0] + 2 * style.ITEM_GAP)
        assert label.width <= width + 1e-6 and factors.get_right()[0] <= width + 1e-6
    # Rows go down the page in order.
    assert table.get_label(1).get_top()[1] < table.get_value(0, 1).get_bottom()[1]


def test_left_out_colour_lies_between_muted_and_text() -> None:
    from manim import ManimColor, interpolate_color

    mixed = interpolate_color(ManimColor(style.MUTED), ManimColor(style.TEXT), 0.5)
    assert style.left_out_colour().upper() == str(mixed.to_hex()).upper()
    assert style.mix("#000000", "#FFFFFF", 0.25) == "#3F3F3F"  # 63.75 truncated, as manim does
