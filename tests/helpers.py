"""Helpers shared by test modules: reading subtitle files, the caches graphical tests use, and
the pacing rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scenes.app.paths import cache_dir
from scenes.visual.timeline import BeatTiming

if TYPE_CHECKING:
    from av.container.core import Chapter
    from av.video.stream import VideoStream

# A sentence is said in about 4-7 s; a step of the picture per sentence keeps stills below this
# (tests/test_pacing.py).
LONGEST_STILL = 8.0


def cached_latex() -> dict[str, str]:
    """``custom_config`` for manim's ``frames_comparison``: compile LaTeX and Pango text into
    the project's cache (one per pytest-xdist worker) instead of a fresh folder per test,
    which would compile every formula again in every test."""
    return {"tex_dir": str(cache_dir() / "tex"), "text_dir": str(cache_dir() / "text")}


def srt_cues(text: str) -> list[tuple[float, float, str]]:
    """(start, end, words) of every cue of a SubRip file."""

    def seconds(clock: str) -> float:
        hours, minutes, rest = clock.split(":")
        secs, millis = rest.split(",")
        return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000

    cues = []
    for block in text.strip().split("\n\n"):
        _number, times, words = block.split("\n", 2)
        start, end = times.split(" --> ")
        cues.append((seconds(start), seconds(end), " ".join(words.split())))
    return cues


def too_still(timeline: list[BeatTiming], pacing: float) -> list[str]:
    """The beats of a played clip whose longest still stretch exceeds the limit, described.
    The layout test (tests/test_layout.py) plays every shipped clip once and checks both its
    layout and this, so that no clip is played twice for the two checks; tests/test_pacing.py
    tests the rule."""
    limit = LONGEST_STILL * pacing
    return [
        f"{beat.name}: {beat.longest_still():.1f} s still of {beat.duration:.1f} s"
        f" (limit {limit:.1f})"
        for beat in timeline
        if beat.longest_still() > limit
    ]


def stream_seconds(stream: VideoStream) -> float:
    """A video stream's length in seconds: its frame count over its average frame rate."""
    assert stream.average_rate is not None, "the stream has no frame rate"
    return float(stream.frames / stream.average_rate)


def chapter_start(chapter: Chapter) -> float:
    """A container chapter's start in seconds: its start times its time base."""
    assert chapter["time_base"] is not None, "the chapter has no time base"
    return float(chapter["start"] * chapter["time_base"])
