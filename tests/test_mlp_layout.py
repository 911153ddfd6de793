"""The MLP walkthrough's square frame keeps its numbers legible (its second fact's layout in
every ratio: tests/test_second_facts_layout.py; the shipped config's: tests/test_layout.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from scenes.app import layout
from scenes.app.layout import check_clip
from scenes.config import load_clip

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
