"""Helpers shared by test modules: reading subtitle files, and the caches graphical tests use."""

from __future__ import annotations

from scenes.app.paths import cache_dir


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
