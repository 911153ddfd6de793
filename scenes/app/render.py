"""Render a parsed clip through manim's Python API, atomically.

Everything is written under a hidden scratch folder inside the output folder and moved to
``<output>/<clip>/`` only once manim has finished, so an interrupted or failed render never
leaves a half-written file where a user (or a CI job) looks for the clip. A render first removes
scratch folders that earlier renders of the same clip left behind when they were killed.

Beside ``<quality>.mp4`` it writes:

- ``<quality>.sections.json``: each section (beat) with its start, end and file;
- ``<quality>.sections/NN_<beat>.mp4``: each beat's own video, for cutting or presenting;
- ``<quality>.srt`` and ``<quality>.vtt``: the narration (or captions) as subtitles, when the
  clip's narration mode asks for them;
- with ``stills``, ``<quality>.stills/NN_<beat>.png``: the last frame of every beat.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scenes.app import subtitles
from scenes.app.paths import cache_dir
from scenes.config import ClipConfig, scene_class
from scenes.visual.timeline import BeatTiming

QUALITIES = {
    "low": "low_quality",
    "medium": "medium_quality",
    "high": "high_quality",
    "4k": "fourk_quality",
}
SCRATCH_PREFIX = ".partial-"


class OutputError(Exception):
    """The output folder cannot take the render (read-only, full, or not a folder)."""

    def __init__(self, folder: Path, error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        where = f" ({error.filename})" if error.filename else ""
        super().__init__(
            f"{folder}: (output): expected a writable folder with room for the video,"
            f" got {reason}{where}"
        )


def shared_settings() -> dict[str, object]:
    """manim settings every run shares: caches for compiled LaTeX and text, quiet logs, and
    no manim caching (its hashing of each animation costs more than it saves here)."""
    return {
        "tex_dir": str(cache_dir() / "tex"),
        "text_dir": str(cache_dir() / "text"),
        "verbosity": "WARNING",
        "disable_caching": True,
    }


@dataclass(frozen=True)
class RenderResult:
    """Where the finished video is, and where each section (beat) lies in it."""

    video: Path
    spans: tuple[subtitles.Span, ...]

    @property
    def sections(self) -> tuple[str, ...]:
        """The section (beat) names, in order."""
        return tuple(span.name for span in self.spans)

    @property
    def duration(self) -> float:
        """Seconds of video."""
        return self.spans[-1].end if self.spans else 0.0


def last_frame_png(video: Path, png: Path) -> None:
    """Decode ``video`` and save its last frame as ``png``."""
    import av

    with av.open(str(video)) as container:
        frame = None
        for frame in container.decode(video=0):  # noqa: B007 - we want the last one
            pass
        if frame is None:
            raise RuntimeError(f"{video} holds no frames")
        # PyAV's stub leaves VideoFrame.to_image unannotated (it returns a PIL image).
        frame.to_image().save(png)  # type: ignore[no-untyped-call]


def video_seconds(video: Path) -> float:
    """The real duration of a video file: its frames over its frame rate."""
    from manim.utils.commands import get_video_metadata

    return float(get_video_metadata(video)["duration"])


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_stale_scratch(output_dir: Path, name: str) -> None:
    """Remove scratch folders of clip ``name`` whose render process no longer runs (left by a
    render killed with SIGKILL, or by an older version that did not record its process)."""
    ours = re.compile(rf"{re.escape(SCRATCH_PREFIX + name)}-(?:(\d+)-)?[a-z0-9_]{{8}}")
    for folder in output_dir.glob(f"{SCRATCH_PREFIX}*"):
        match = ours.fullmatch(folder.name)
        if match is None:
            continue  # another clip's
        if match.group(1) is not None and _process_alive(int(match.group(1))):
            continue  # a render of this clip still running (e.g. in parallel)
        shutil.rmtree(folder, ignore_errors=True)


def render_clip(
    clip: ClipConfig, name: str, quality: str, output_dir: Path, stills: bool = False
) -> RenderResult:
    """Render ``clip`` at ``quality`` into ``output_dir/name/``; return where it is.

    Raises :class:`OutputError` when the output folder cannot be written.
    """
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_scratch(output_dir, name)
        scratch = tempfile.mkdtemp(dir=output_dir, prefix=f"{SCRATCH_PREFIX}{name}-{os.getpid()}-")
    except OSError as error:
        raise OutputError(output_dir, error) from None
    try:
        return _render_in(clip, name, quality, output_dir, Path(scratch), stills)
    except OSError as error:
        raise OutputError(output_dir, error) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _render_in(
    clip: ClipConfig, name: str, quality: str, output_dir: Path, scratch: Path, stills: bool
) -> RenderResult:
    from manim import tempconfig

    final_dir = output_dir / name
    settings = {
        "quality": QUALITIES[quality],
        "media_dir": str(scratch / "media"),
        "save_sections": True,
        "output_file": name,
        "background_color": clip.colours.background,
        **shared_settings(),
    }
    with tempconfig(settings):
        scene = scene_class(clip)(clip)
        scene.render()
        writer = scene.renderer.file_writer
        produced = Path(writer.movie_file_path)
        sections = [s for s in writer.sections if s.video]
        section_videos = [writer.sections_output_dir / s.video for s in sections]
    names = [s.name for s in sections]
    spans = subtitles.spans_from_durations(names, [video_seconds(v) for v in section_videos])
    stage = scratch / "stage"
    stage.mkdir()
    staged_video = stage / f"{quality}.mp4"
    shutil.move(produced, staged_video)
    section_dir = stage / f"{quality}.sections"
    section_dir.mkdir()
    files = []
    for number, (span, video) in enumerate(zip(spans, section_videos, strict=True)):
        target = section_dir / f"{number:02d}_{span.name}.mp4"
        shutil.move(video, target)
        files.append(target)
    index = {
        "clip": name,
        "scene": clip.scene,
        "quality": quality,
        "video": staged_video.name,
        "duration": round(spans[-1].end if spans else 0.0, 3),
        "sections": [
            {
                "name": span.name,
                "start": round(span.start, 3),
                "end": round(span.end, 3),
                "file": f"{section_dir.name}/{file.name}",
            }
            for span, file in zip(spans, files, strict=True)
        ],
    }
    (stage / f"{quality}.sections.json").write_text(json.dumps(index, indent=2) + "\n")
    if clip.narration.subtitled:
        cues = subtitles.place_cues(scene.timeline, spans)
        (stage / f"{quality}.srt").write_text(subtitles.to_srt(cues), encoding="utf-8")
        (stage / f"{quality}.vtt").write_text(subtitles.to_vtt(cues), encoding="utf-8")
    if stills:
        still_dir = stage / f"{quality}.stills"
        still_dir.mkdir()
        for number, (span, video) in enumerate(zip(spans, files, strict=True)):
            last_frame_png(video, still_dir / f"{number:02d}_{span.name}.png")
    _publish(stage, final_dir, quality)
    return RenderResult(final_dir / f"{quality}.mp4", tuple(spans))


def _publish(stage: Path, final_dir: Path, quality: str) -> None:
    """Move the staged files into ``final_dir``, replacing an earlier render of the same
    quality. Every move is a rename on one file system; the video goes last, so a video in
    place always has its index, subtitles and sections beside it."""
    final_dir.mkdir(parents=True, exist_ok=True)
    for stale in final_dir.glob(f"{quality}.*"):
        if not (stage / stale.name).exists() and stale.name != f"{quality}.mp4":
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    video = f"{quality}.mp4"
    for item in sorted(stage.iterdir(), key=lambda p: p.name == video):
        target = final_dir / item.name
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(item, target)


def plan_clip(clip: ClipConfig) -> tuple[list[BeatTiming], list[subtitles.Span]]:
    """The clip's timeline without rendering a frame (manim's dry run): each beat's start and
    end and its narration. Times are scene times; a render's real section times match them to
    within a frame per animation."""
    from manim import tempconfig

    with (
        tempfile.TemporaryDirectory(prefix="llmfacts-plan-") as scratch,
        tempconfig(
            {
                "dry_run": True,
                "progress_bar": "none",
                "media_dir": scratch,
                **shared_settings(),
            }
        ),
    ):
        scene = scene_class(clip)(clip, skip_animations=True)
        scene.render()
    timeline: list[BeatTiming] = scene.timeline
    spans = [subtitles.Span(b.name, b.start, b.end) for b in timeline]
    return timeline, spans
