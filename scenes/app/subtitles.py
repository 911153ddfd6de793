"""Subtitles and the teleprompter script, from the beat engine's timeline.

Pure Python. Cue times are placed on the real section times of the rendered video: each beat's
cues keep their offset from the beat's start, and are cut at the beat's end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scenes.visual.timeline import BeatTiming


@dataclass(frozen=True)
class Span:
    """Where one beat (section) lies in the rendered video, in seconds."""

    name: str
    start: float
    end: float


@dataclass(frozen=True)
class TimedCue:
    """A subtitle cue placed on the video's time line."""

    start: float
    end: float
    text: str


def spans_from_durations(names: Sequence[str], durations: Sequence[float]) -> list[Span]:
    """Consecutive spans, one per section, from the sections' real durations."""
    spans, start = [], 0.0
    for name, duration in zip(names, durations, strict=True):
        spans.append(Span(name, start, start + duration))
        start += duration
    return spans


def place_cues(timeline: Sequence[BeatTiming], spans: Sequence[Span]) -> list[TimedCue]:
    """Every beat's subtitle cues, moved onto its span and cut at the span's end."""
    placed = []
    for beat, span in zip(timeline, spans, strict=True):
        for cue in sorted(beat.subtitle_cues(), key=lambda c: c.start):
            start = span.start + cue.start
            end = min(span.start + cue.end, span.end)
            if end > start:
                placed.append(TimedCue(start, end, cue.text))
    return placed


def _clock(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def to_srt(cues: Sequence[TimedCue]) -> str:
    """SubRip: numbered cues, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``."""
    blocks = [
        f"{number}\n{_clock(c.start, ',')} --> {_clock(c.end, ',')}\n{c.text}\n"
        for number, c in enumerate(cues, start=1)
    ]
    return "\n".join(blocks)


def to_vtt(cues: Sequence[TimedCue]) -> str:
    """WebVTT: the header, then ``HH:MM:SS.mmm --> HH:MM:SS.mmm`` cues."""
    blocks = [f"{_clock(c.start, '.')} --> {_clock(c.end, '.')}\n{c.text}\n" for c in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)


def minutes_seconds(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``), as video sites write chapter times."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def to_script(title: str, timeline: Sequence[BeatTiming], spans: Sequence[Span]) -> str:
    """A teleprompter script in Markdown: each beat with its start time and its narration."""
    lines = [f"# {title}", ""]
    for beat, span in zip(timeline, spans, strict=True):
        lines.append(f"## {minutes_seconds(span.start)} {beat.name}")
        lines.append(f"*{span.end - span.start:.1f} s*")
        lines.append("")
        lines.append(beat.narration or "*(no narration)*")
        lines.append("")
    return "\n".join(lines)
