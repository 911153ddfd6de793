"""fitted_text never leaves one word alone on the last line when a narrower wrap in as many
lines avoids it (the layout check's "orphan")."""

from __future__ import annotations

import textwrap

import pytest

from scenes.visual.components import fitted_text, label_text
from scenes.visual.marks import wrap_record

SENTENCE = "What comes out = what went in + the block's output"


def words(line: str) -> int:
    return sum(any(ch.isalnum() for ch in token) for token in line.split())


@pytest.mark.parametrize("max_width", [3.0, 4.0, 5.0, 6.0, 7.0])
def test_last_line_is_never_one_word_when_avoidable(max_width: float) -> None:
    text = fitted_text(SENTENCE, max_width)
    record = wrap_record(text)
    assert record is not None
    lines = record[1]
    assert [w for line in lines for w in line.split()] == SENTENCE.split()  # no word cut
    if len(lines) >= 2 and words(lines[-1]) == 1:
        # Only if no narrower wrap with as many lines avoids it.
        for chars in range(max(len(line) for line in lines) - 1, 7, -1):
            other = textwrap.wrap(SENTENCE, chars, break_long_words=False)
            if len(other) > len(lines):
                break
            assert words(other[-1]) == 1, (lines, other)
    assert text.width <= max_width + 1e-6


def test_the_orphan_a_greedy_wrap_makes_is_rebalanced() -> None:
    # 44 characters a line leaves "output" alone; the balanced wrap keeps two lines.
    greedy = textwrap.wrap(SENTENCE, 44, break_long_words=False)
    assert greedy[-1] == "output"
    width = label_text(greedy[0]).width + 0.01
    record = wrap_record(fitted_text(SENTENCE, width))
    assert record is not None
    assert len(record[1]) == 2 and words(record[1][-1]) > 1
