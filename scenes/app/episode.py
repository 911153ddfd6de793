"""The whole lecture as one file: clips joined in the video's order, a chapter per beat.

From the renders each clip already left (``<clip>/<quality>.mp4``, its ``sections.json`` and
subtitles), an episode folder gets:

- ``<quality>.mp4``: the clips joined without re-encoding, with MP4 chapter metadata (players
  list the beats) and the index at the front (faststart: a browser plays while loading);
- ``<quality>.chapters.vtt``: the same chapters as a WebVTT chapters track;
- ``<quality>.srt`` / ``.vtt``: one subtitle file for the whole, each clip's cues shifted;
- ``chapters.txt``: the list video sites read from a description (``0:00 Title``).

No manim import; the joining reuses the renderer's concat (same encoding for every clip).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scenes.app import subtitles
from scenes.app.outputs import ChapterMark, remux


@dataclass(frozen=True)
class Chapter:
    """One beat of the episode: its title and where it lies in the joined video."""

    title: str
    start: float
    end: float


@dataclass(frozen=True)
class RenderedClip:
    """One clip's render: its video, its sections index and (if narrated) its subtitles."""

    title: str
    video: Path
    index: dict[str, object]
    srt: Path | None

    @classmethod
    def from_folder(cls, folder: Path, quality: str, title: str) -> RenderedClip:
        index = json.loads((folder / f"{quality}.sections.json").read_text(encoding="utf-8"))
        srt = folder / f"{quality}.srt"
        return cls(title, folder / f"{quality}.mp4", index, srt if srt.is_file() else None)


def scene_title(scene: str) -> str:
    """A scene class's name as words: ``MLPWalkthrough`` -> ``MLP walkthrough``."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+", scene)
    return " ".join([words[0], *(w if w.isupper() else w.lower() for w in words[1:])])


def beat_title(name: str) -> str:
    """A beat's name as a chapter title: ``rows_as_questions`` -> ``Rows as questions``."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def episode_chapters(clips: Sequence[RenderedClip], durations: Sequence[float]) -> list[Chapter]:
    """A chapter per section of every clip, shifted by the clips before it. ``durations``
    are the clips' measured video lengths (what the join adds up), not the indexes' sums."""
    chapters = []
    offset = 0.0
    for clip, duration in zip(clips, durations, strict=True):
        sections = clip.index["sections"]
        assert isinstance(sections, list)
        for section in sections:
            chapters.append(
                Chapter(
                    f"{clip.title}: {beat_title(section['name'])}",
                    offset + float(section["start"]),
                    offset + float(section["end"]),
                )
            )
        offset += duration
    return chapters


def description_list(chapters: Sequence[Chapter]) -> str:
    """``0:00 Title`` lines, the form video sites read chapters from (first at 0:00)."""
    return "".join(f"{subtitles.minutes_seconds(c.start)} {c.title}\n" for c in chapters)


def chapters_vtt(chapters: Sequence[Chapter]) -> str:
    """A WebVTT chapters track (``<track kind="chapters">``)."""
    cues = [subtitles.TimedCue(c.start, c.end, c.title) for c in chapters]
    return subtitles.to_vtt(cues)


def read_srt(path: Path) -> list[subtitles.TimedCue]:
    """The cues of a SubRip file (as :func:`subtitles.to_srt` writes them)."""

    def seconds(clock: str) -> float:
        hours, minutes, rest = clock.split(":")
        secs, millis = rest.split(",")
        return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000

    cues = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        if not block.strip():
            continue
        _number, times, text = block.split("\n", 2)
        start, end = times.split(" --> ")
        cues.append(subtitles.TimedCue(seconds(start), seconds(end), text))
    return cues


def joined_cues(
    clips: Sequence[RenderedClip], durations: Sequence[float]
) -> list[subtitles.TimedCue]:
    """Every clip's subtitle cues, shifted onto the joined video."""
    cues = []
    offset = 0.0
    for clip, duration in zip(clips, durations, strict=True):
        if clip.srt is not None:
            for cue in read_srt(clip.srt):
                cues.append(subtitles.TimedCue(cue.start + offset, cue.end + offset, cue.text))
        offset += duration
    return cues


def remux_with_chapters(source: Path, target: Path, chapters: Sequence[Chapter]) -> None:
    """``source`` copied stream for stream into ``target`` with chapter metadata and the
    index first (faststart): :func:`scenes.app.outputs.remux`, the one place that does it."""
    marks = [ChapterMark(c.title, c.start, c.end) for c in chapters]
    remux([source], target, marks)


def build_episode(clips: Sequence[RenderedClip], quality: str, output: Path) -> Path:
    """Join ``clips`` (already in order) into the episode folder ``output``; all or nothing."""
    from scenes.app.render import concat_videos, video_seconds

    durations = [video_seconds(clip.video) for clip in clips]
    chapters = episode_chapters(clips, durations)
    output.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".partial-episode-{os.getpid()}-", dir=output.parent))
    try:
        joined = scratch / "joined.mp4"
        concat_videos([clip.video for clip in clips], joined)
        remux_with_chapters(joined, scratch / f"{quality}.mp4", chapters)
        joined.unlink()
        cues = joined_cues(clips, durations)
        if cues:
            (scratch / f"{quality}.srt").write_text(subtitles.to_srt(cues), encoding="utf-8")
            (scratch / f"{quality}.vtt").write_text(subtitles.to_vtt(cues), encoding="utf-8")
        (scratch / f"{quality}.chapters.vtt").write_text(chapters_vtt(chapters), encoding="utf-8")
        (scratch / "chapters.txt").write_text(description_list(chapters), encoding="utf-8")
        if output.exists():
            shutil.rmtree(output)
        os.replace(scratch, output)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return output / f"{quality}.mp4"
