"""Motion spread over the narration: in every beat of every shipped clip, the picture moves
often enough that the viewer never looks at a still frame for long while the words go on.

The beat engine records when the picture moved (every animation but waits and caption fades);
a clip is played as a dry run (no frame drawn) and each beat's longest still stretch, the
final hold included, is compared with ``helpers.LONGEST_STILL`` seconds at pacing 1. Every
shipped clip is checked in tests/test_layout.py, in the same dry run as its layout.
"""

from __future__ import annotations

import pytest
from helpers import too_still

from scenes.visual.timeline import BeatTiming


def test_longest_still_covers_gaps_and_the_final_hold() -> None:
    beat = BeatTiming("b", start=10.0, end=30.0)
    beat.motion = [(0.0, 1.0), (0.5, 2.0), (9.0, 10.0), (12.0, 14.0)]
    assert beat.longest_still() == pytest.approx(7.0)  # 2 → 9, more than the end's 14 → 20
    beat.motion.append((15.0, 19.0))
    assert beat.longest_still() == pytest.approx(7.0)  # 2 → 9 still
    beat.motion.append((3.0, 8.0))
    assert beat.longest_still() == pytest.approx(2.0)  # 10 → 12
    assert BeatTiming("still", start=0.0, end=5.0).longest_still() == pytest.approx(5.0)


def test_too_still_names_only_the_beats_over_the_limit() -> None:
    moving = BeatTiming("moving", start=0.0, end=10.0)
    moving.motion = [(0.0, 3.0), (6.0, 10.0)]
    still = BeatTiming("still", start=10.0, end=30.0)
    still.motion = [(0.0, 2.0)]
    assert too_still([moving, still], pacing=1.0) == ["still: 18.0 s still of 20.0 s (limit 8.0)"]
    assert too_still([moving, still], pacing=2.5) == []  # slower pacing, longer allowance
