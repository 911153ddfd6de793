"""The MLP walkthrough with a second fact whose names are 30 characters long (and GELU, and
another model) lays out cleanly in every ratio the clip has a layout for: no overlap, nothing
out of the frame, no text under 20 px at 720p (the shipped config is checked by
tests/test_layout.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
