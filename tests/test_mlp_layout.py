"""The MLP walkthrough with a second fact whose names are 30 characters long (and GELU, and
another model) lays out cleanly in every ratio the clip has a layout for: no overlap, nothing
out of the frame, no text under 20 px at 720p (the shipped config is checked by
tests/test_layout.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from scenes.app import layout
from scenes.app.layout import check_clip
from scenes.config import load_clip

LONG_NAMES = Path(__file__).resolve().parent / "configs" / "mlp_second_fact.yaml"


@pytest.mark.render  # plays the whole clip (no video): the slow tier
@pytest.mark.parametrize("ratio", ["16:9", "9:16", "1:1"])
def test_long_names_have_no_layout_finding(ratio: str) -> None:
    clip = load_clip(LONG_NAMES)
    assert ratio in clip.LAYOUTS
    findings = check_clip(clip, str(LONG_NAMES), ratios=[ratio])
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)


SHIPPED = Path(__file__).resolve().parents[1] / "configs" / "mlp_walkthrough.yaml"
# The square frame's beats of matrices, tables and networks: their digits used to be fitted
# down to 14-17 px; they must keep about the guide's 20 px (a capital or digit at 720p): at
# least 19.5 px, what a MathTex at the project's MATH_SIZE measures (19.8 px) unshrunk.
SQUARE_GLYPH_PX = 19.5
SQUARE_NUMBER_BEATS = (
    "flow", "up_projection", "rows_as_questions", "neurons", "down_projection", "summary",
)  # fmt: skip


@pytest.mark.render
def test_square_numbers_are_20_px_tall(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "MIN_GLYPH_PX", SQUARE_GLYPH_PX)  # the check's own rule is 14 px
    clip = dataclasses.replace(load_clip(SHIPPED), beats=SQUARE_NUMBER_BEATS)
    findings = [f for f in check_clip(clip, str(SHIPPED), ratios=["1:1"]) if f.kind == "small-text"]
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)
