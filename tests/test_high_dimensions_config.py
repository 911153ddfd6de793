"""The HighDimensions config: shipped files load, bad values are refused with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.config import ConfigError, HighDimensionsConfig, load_clip

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "configs" / "high_dimensions.yaml"


def test_shipped_configs_load() -> None:
    for path in (SHIPPED, ROOT / "tests" / "configs" / "high_dimensions_second.yaml"):
        clip = load_clip(path)
        assert isinstance(clip, HighDimensionsConfig)
        assert set(clip.narration.beats) == set(HighDimensionsConfig.BEATS)


def test_narration_says_sparse_autoencoders() -> None:
    clip = load_clip(SHIPPED)
    assert isinstance(clip, HighDimensionsConfig)
    assert "sparse autoencoders" in clip.narration.beats["autoencoder"].lower()
    assert "sparse autoencoders" in clip.text.sae_name.lower()


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("angles:\n  bins: 44\n", "angles.bins"),
        ("angles:\n  dims: [10, 3]\n", "angles.dims"),
        ("capacity:\n  dims: [2, 900]\n", "capacity.dims[1]"),
        ("capacity:\n  plot_dim: 100\n", "capacity.plot_dim"),
        ("capacity:\n  models: [gpt9]\n", "capacity.models[0]"),
        ("toy_model:\n  features: [a, b]\n", "toy_model.features"),
        ("up_next_topics: []\n", "up_next_topics"),
    ],
)
def test_bad_values_name_their_key(tmp_path: Path, extra: str, key: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("scene: HighDimensions\n" + extra)
    with pytest.raises(ConfigError) as caught:
        load_clip(path)
    assert caught.value.key_path == key


def test_equations_are_not_broken_across_lines() -> None:
    import textwrap

    from scenes.clips.high_dimensions import unbroken_equations

    words = unbroken_equations("The proof is loose: below d until d = 232, and far below")
    assert "d\u00a0=\u00a0232" in words
    for width in range(10, 40):  # wherever the line breaks, "d = 232" stays on one line
        assert any("d\u00a0=\u00a0232" in line for line in textwrap.wrap(words, width))
