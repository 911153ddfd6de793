"""Clips with a second fact, names of 30 characters and long attributes lay out cleanly in
every ratio the clip has a layout for: no overlap, nothing out of the frame, no text under
20 px at 720p, no word split or orphaned (the shipped configs are checked by
tests/test_layout.py). Each of these once had a finding: the opening's predicted word past the
left edge in 9:16 and 1:1, the refresher's 3-D labels under other arrows' tips and its 1:1
context stage shrunk to 8 px, the MLP's square tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.app.layout import check_clip
from scenes.config import load_clip

CONFIGS = Path(__file__).resolve().parent / "configs"
FILES = [
    "opening_long_names.yaml",
    "mlp_second_fact.yaml",  # 30-character names, GELU, another model
    "transformer_refresher_second.yaml",
    "transformer_refresher_long_names.yaml",
]


@pytest.mark.render  # plays the whole clip (no video): the slow tier
@pytest.mark.parametrize("ratio", ["16:9", "9:16", "1:1"])
@pytest.mark.parametrize("name", FILES)
def test_clip_has_no_layout_finding(name: str, ratio: str) -> None:
    path = CONFIGS / name
    clip = load_clip(path)
    assert ratio in clip.LAYOUTS
    findings = check_clip(clip, str(path), ratios=[ratio])
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)
