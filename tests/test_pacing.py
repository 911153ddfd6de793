"""Motion spread over the narration: in every beat of every shipped clip, the picture moves
often enough that the viewer never looks at a still frame for long while the words go on.

The beat engine records when the picture moved (every animation but waits and caption fades);
a clip is played as a dry run (no frame drawn) and each beat's longest still stretch, the
final hold included, is compared with :data:`LONGEST_STILL` seconds at pacing 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.app.render import plan_clip
from scenes.config import load_clip
from scenes.visual.timeline import BeatTiming

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = sorted((ROOT / "configs").glob("*.yaml"))
# The superposition clip's 10,000-vector experiment takes minutes uncached; its small test
# config plays the same beats with the same narration.
PLAYED_AS = {"superposition.yaml": ROOT / "tests" / "configs" / "superposition_small.yaml"}
# A sentence is said in about 4-7 s; a step of the picture per sentence keeps stills below this.
LONGEST_STILL = 8.0


def test_longest_still_covers_gaps_and_the_final_hold() -> None:
    beat = BeatTiming("b", start=10.0, end=30.0)
    beat.motion = [(0.0, 1.0), (0.5, 2.0), (9.0, 10.0), (12.0, 14.0)]
    assert beat.longest_still() == pytest.approx(7.0)  # 2 → 9, more than the end's 14 → 20
    beat.motion.append((15.0, 19.0))
    assert beat.longest_still() == pytest.approx(7.0)  # 2 → 9 still
    beat.motion.append((3.0, 8.0))
    assert beat.longest_still() == pytest.approx(2.0)  # 10 → 12
    assert BeatTiming("still", start=0.0, end=5.0).longest_still() == pytest.approx(5.0)


@pytest.mark.render  # plays whole clips without drawing: seconds each, the slow tier
@pytest.mark.parametrize("path", CONFIGS, ids=[p.stem for p in CONFIGS])
def test_no_beat_leaves_the_viewer_on_a_still_picture(path: Path) -> None:
    clip = load_clip(PLAYED_AS.get(path.name, path))
    timeline, _spans = plan_clip(clip)
    limit = LONGEST_STILL * clip.pacing
    too_still = [
        f"{beat.name}: {beat.longest_still():.1f} s still of {beat.duration:.1f} s"
        for beat in timeline
        if beat.longest_still() > limit
    ]
    assert not too_still, f"{path.name}: longer than {limit:.1f} s still: " + "; ".join(too_still)
