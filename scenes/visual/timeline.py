"""What the beat engine records while a clip plays: when each beat starts and ends, and the
subtitle cues said or shown over it. Pure Python (no manim), so the renderer and the script
export can read it.

Times are seconds of scene time. A cue stores its offset from its beat's start, so the
renderer can place it on the real section times of the rendered video.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CueKind = Literal["narration", "caption"]


@dataclass(frozen=True)
class Cue:
    """One subtitle cue: a narration sentence, or a caption the clip put on screen."""

    beat: str
    start: float  # seconds after the beat's start
    end: float
    text: str
    kind: CueKind


@dataclass
class BeatTiming:
    """One beat as played: its name, start and end (scene time), and its cues."""

    name: str
    start: float
    end: float = 0.0
    narration: str = ""
    cues: list[Cue] = field(default_factory=list)
    # When the picture moved: (start, end) of each animation other than waits and caption
    # fades, in seconds after the beat's start.
    motion: list[tuple[float, float]] = field(default_factory=list)

    @property
    def duration(self) -> float:
        """How long the beat lasted."""
        return self.end - self.start

    def longest_still(self) -> float:
        """The longest stretch of the beat in which nothing but the captions moves (the final
        hold included): a viewer looking at a still picture while the narration goes on."""
        longest = 0.0
        reached = 0.0
        for start, end in sorted(self.motion):
            longest = max(longest, start - reached)
            reached = max(reached, end)
        return max(longest, self.duration - reached)

    def subtitle_cues(self) -> list[Cue]:
        """The cues written to subtitle files: the narration's sentences, or, for a beat with
        no narration, the captions it showed (so every beat has at least one cue)."""
        spoken = [cue for cue in self.cues if cue.kind == "narration"]
        return spoken or [cue for cue in self.cues if cue.kind == "caption"]
