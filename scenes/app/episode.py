"""The whole lecture as one file: clips joined in the video's order, a chapter per beat.

From the renders each clip already left (``<clip>/<stem>.<format>``, its ``sections.json``
and subtitles; the stem is the quality, plus a ratio other than 16:9 and a theme other than
dark, as :func:`scenes.app.outputs.output_stem` names every render), an episode folder gets:

- ``<stem>.<format>`` (mp4, webm or mov): the clips joined without re-encoding, with chapter
  metadata (players list the beats); an MP4 or MOV with its index at the front (faststart: a
  browser plays while loading);
- ``<stem>.chapters.vtt``: the same chapters as a WebVTT chapters track;
- ``<stem>.srt`` / ``.vtt``: one subtitle file for the whole, each clip's cues shifted;
- ``<stem>.chapters.txt``: the list video sites read from a description (``0:00 Title``).

Episodes of other qualities, ratios, themes or formats sit beside each other in the folder.

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
    """One clip's render: its video, its sections index and (if narrated) its subtitles,
    all named by the render's ``stem``."""

    title: str
    video: Path
    index: dict[str, object]
    srt: Path | None

    @classmethod
    def from_folder(cls, folder: Path, stem: str, title: str) -> RenderedClip:
        index = json.loads((folder / f"{stem}.sections.json").read_text(encoding="utf-8"))
        video = index.get("video") or f"{stem}.mp4"  # the index names the video (its format)
        srt = folder / f"{stem}.srt"
        return cls(title, folder / str(video), index, srt if srt.is_file() else None)


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


def build_episode(clips: Sequence[RenderedClip], stem: str, output: Path) -> Path:
    """Join ``clips`` (already in order, one encoding: the same format, ratio and quality)
    into ``output/<stem>.<format>`` and its chapter and subtitle files. All or nothing: staged
    in a scratch folder, then moved in, replacing only an earlier episode with this stem and
    format (the video last)."""
    from scenes.app.render import concat_videos, publish, video_seconds

    extension = clips[0].video.suffix if clips else ".mp4"
    if any(clip.video.suffix != extension for clip in clips):
        raise ValueError(f"{output}: expected clips of one format, got {[c.video for c in clips]}")
    durations = [video_seconds(clip.video) for clip in clips]
    chapters = episode_chapters(clips, durations)
    output.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".partial-episode-{os.getpid()}-", dir=output))
    try:
        stage = scratch / "stage"
        stage.mkdir()
        joined = scratch / f"joined{extension}"
        concat_videos([clip.video for clip in clips], joined)
        primary = f"{stem}{extension}"
        remux_with_chapters(joined, stage / primary, chapters)
        cues = joined_cues(clips, durations)
        if cues:
            (stage / f"{stem}.srt").write_text(subtitles.to_srt(cues), encoding="utf-8")
            (stage / f"{stem}.vtt").write_text(subtitles.to_vtt(cues), encoding="utf-8")
        (stage / f"{stem}.chapters.vtt").write_text(chapters_vtt(chapters), encoding="utf-8")
        listing = description_list(chapters)
        (stage / f"{stem}.chapters.txt").write_text(listing, encoding="utf-8")
        publish(stage, output, stem, primary)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return output / primary
