"""The transformer refresher with a second fact (and another model), and with names of 30
characters, lays out cleanly in every ratio the clip has a layout for: no overlap, nothing out
of the frame, no text under 20 px at 720p, no word split or orphaned (the shipped config is
checked by tests/test_layout.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.app.layout import check_clip
from scenes.config import load_clip

CONFIGS = Path(__file__).resolve().parent / "configs"
CLIPS = {
    "second": CONFIGS / "transformer_refresher_second.yaml",
    "long_names": CONFIGS / "transformer_refresher_long_names.yaml",
}


@pytest.mark.render  # plays the whole clip (no video): the slow tier
@pytest.mark.parametrize("ratio", ["16:9", "9:16", "1:1"])
@pytest.mark.parametrize("name", sorted(CLIPS))
def test_refresher_has_no_layout_finding(name: str, ratio: str) -> None:
    path = CLIPS[name]
    clip = load_clip(path)
    assert ratio in clip.LAYOUTS
    findings = check_clip(clip, str(path), ratios=[ratio])
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)
