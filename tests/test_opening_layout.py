"""The opening with 30-character names and a long attribute lays out cleanly in every frame:
the predicted word under the model used to run 0.12 units past the left edge in 9:16 and 1:1."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.app.layout import check_clip
from scenes.config import load_clip

LONG_NAMES = Path(__file__).resolve().parent / "configs" / "opening_long_names.yaml"


@pytest.mark.render  # plays the whole clip (no video): the slow tier
@pytest.mark.parametrize("ratio", ["16:9", "9:16", "1:1"])
def test_long_names_have_no_layout_finding(ratio: str) -> None:
    clip = load_clip(LONG_NAMES)
    assert ratio in clip.LAYOUTS
    findings = check_clip(clip, str(LONG_NAMES), ratios=[ratio])
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)
