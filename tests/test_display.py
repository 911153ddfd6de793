"""Display helpers: what is drawn of a big array, and how counts are written."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mathcore


@given(st.integers(1, 500), st.integers(3, 12))
def test_shown_indices(total: int, shown: int) -> None:
    indices = mathcore.shown_indices(total, shown)
    assert len(indices) == min(total, shown)
    numbers = [i for i in indices if i is not None]
    assert numbers == sorted(set(numbers)) and numbers[0] == 0 and numbers[-1] == total - 1
    assert (None in indices) == (total > shown)


def test_published_counts_written_both_ways() -> None:
    # The video's figures: W_up is 49,152 x 12,288; GPT-3 counts 175,181,291,520 weights.
    assert mathcore.thousands(49_152 * 12_288) == "603,979,776"
    assert mathcore.rounded_label(49_152 * 12_288) == "604M"
    assert mathcore.rounded_label(175_181_291_520) == "175B"
    assert mathcore.rounded_label(2 * 49_152 * 12_288) == "1.21B"
    assert mathcore.rounded_label(999_999_999) == "1B"
    assert mathcore.rounded_label(617_558_016) == "618M"
    assert mathcore.rounded_label(512) == "512"
    assert mathcore.ratio_label(49_152, 12_288) == "4"
    assert mathcore.ratio_label(14_336, 4_096) == "3.5"
    assert mathcore.neuron_values(49_152, 6) == 294_912


def test_fixed_and_signed_terms() -> None:
    assert mathcore.fixed(-1e-9, 2) == "0.00"
    assert mathcore.fixed(-0.456, 2) == "-0.46"
    assert mathcore.signed_terms([1.0, -0.5, 0.25], 2) == [
        ("", "1.00"),
        (" - ", "0.50"),
        (" + ", "0.25"),
    ]
    assert mathcore.signed_terms([-2.0], 1) == [("-", "2.0")]
    with pytest.raises(ValueError):
        mathcore.shown_indices(10, 2)
