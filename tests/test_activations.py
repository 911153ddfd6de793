"""Activations against closed forms and independent implementations."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import norm

import mathcore

finite = st.floats(min_value=-50, max_value=50, allow_nan=False)


@given(st.lists(finite, min_size=1, max_size=20))
def test_relu_is_max_with_zero(values: list[float]) -> None:
    assert mathcore.relu(values).tolist() == [v if v > 0 else 0.0 for v in values]


@given(finite)
def test_gelu_is_x_times_normal_cdf(x: float) -> None:
    # Independent: scipy's normal CDF instead of erf.
    assert mathcore.gelu(x) == pytest.approx(x * norm.cdf(x), abs=1e-12)


def test_gelu_published_values() -> None:
    # GELU(1) = Φ(1) = 0.8413447460685429; GELU(−1) = −(1 − Φ(1)).
    assert mathcore.gelu(1.0) == pytest.approx(0.8413447460685429, abs=1e-15)
    assert mathcore.gelu(-1.0) == pytest.approx(-0.15865525393145707, abs=1e-15)
    assert mathcore.gelu(0.0) == 0.0


def test_gelu_tanh_approximates_exact_gelu() -> None:
    x = np.linspace(-6, 6, 2001)
    # Hendrycks & Gimpel: the tanh form is within about 1e-3 of the exact form.
    assert np.max(np.abs(mathcore.gelu_tanh(x) - mathcore.gelu(x))) < 1e-3
    half = 0.5 * 1.0 * (1 + math.tanh(math.sqrt(2 / math.pi) * (1 + 0.044715)))
    assert mathcore.gelu_tanh(1.0) == pytest.approx(half, abs=1e-15)


def test_unknown_activation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        mathcore.activation("swish")
