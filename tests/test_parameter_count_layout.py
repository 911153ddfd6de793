"""ParameterCount's narrow frames stay readable for the presets with more than GPT-3's two
matrices or one expert: the layout check (``llmfacts layout``) finds nothing in the 9:16 and
1:1 frames in the beats that once shrank their text below the limit (Llama 3 8B's and Mixtral
8x7B's product, Mixtral's tally). Only those beats are played, in a dry run without video."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from scenes.app.layout import check_and_time
from scenes.config import load_clip
from scenes.config.common import as_aspect

CONFIGS = Path(__file__).parent / "configs"
# Per test config, the beats whose narrow layouts shrank text (the others pass as they are).
NARROW_BEATS = {
    "parameter_count_llama.yaml": ("product",),
    "parameter_count_mixtral.yaml": ("product", "tally"),
}


@pytest.mark.render  # plays two beats of a clip per case (dry run): seconds, not minutes
@pytest.mark.parametrize("ratio", ["9:16", "1:1"])
@pytest.mark.parametrize("name", sorted(NARROW_BEATS))
def test_narrow_frames_have_no_layout_finding(name: str, ratio: str) -> None:
    path = CONFIGS / name
    clip = dataclasses.replace(load_clip(path), beats=NARROW_BEATS[name], aspect=as_aspect(ratio))
    findings, timeline = check_and_time(clip, str(path), ratio)
    assert [t.name for t in timeline] == list(NARROW_BEATS[name])  # the beats were played
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)
