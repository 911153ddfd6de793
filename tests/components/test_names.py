"""Names fitted legibly: broken at spaces and hyphens, hyphenated visibly, never too small."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenes.visual.components.names import MIN_READABLE_SIZE, name_lines, name_text

LONG = [
    "Wilhelmina-Alexandra Fernandez",
    "Oyelaran-Kowalczyk-Abernathie",
    "Abcdefghijklmnopqrstuvwxyzabcd",
    "synchronised underwater hockey",
]


def rejoin(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text += line if not text or text.endswith("-") else " " + line
    return text


@given(
    st.lists(st.text("abcdefghij-", min_size=1, max_size=14), min_size=1, max_size=4),
    st.integers(2, 20),
)
def test_lines_fit_and_give_the_text_back(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = name_lines(text, width)
    assert all(len(line) <= width for line in lines)

    # Without hyphens and spaces (which it adds or moves), the letters come back in order.
    def letters(words: str) -> str:
        return words.replace("-", "").replace(" ", "")

    assert letters(rejoin(lines)) == letters(text)
    assert all(line for line in lines)


def test_breaks_prefer_spaces_then_hyphens_then_visible_hyphens() -> None:
    assert name_lines("Wilhelmina-Alexandra Fernandez", 20) == [
        "Wilhelmina-Alexandra",
        "Fernandez",
    ]
    assert name_lines("Oyelaran-Kowalczyk-Abernathie", 20) == ["Oyelaran-Kowalczyk-", "Abernathie"]
    assert name_lines("Abcdefghijklmnopqrstuvwxyzabcd", 16) == [
        "Abcdefghijklmno-",
        "pqrstuvwxyzabcd",
    ]
    assert name_lines("Michael", 3) == ["Mi-", "ch-", "ael"]


@pytest.mark.parametrize("name", LONG)
@pytest.mark.parametrize("width", [2.4, 3.8, 6.0])
def test_name_text_fits_and_stays_readable(name: str, width: float) -> None:
    label = name_text(name, width)
    assert label.width <= width + 1e-6
    assert label.font_size >= MIN_READABLE_SIZE - 1e-6


def test_short_names_keep_their_size() -> None:
    assert name_text("Michael", 5.0, font_size=30).font_size == pytest.approx(30)
