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

import io
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def save_frames(video: Path, targets: Mapping[float, Path]) -> None:
    """Decode ``video`` once and save, for each fraction of its length in ``targets``, the
    frame there as a PNG (1.0 = the last frame; 1/3 = frame ⌊n/3⌋ of n frames)."""
    import av

    with av.open(str(video)) as container:
        count = container.streams.video[0].frames
        if count <= 0:  # not in the header: count them
            count = sum(1 for _ in container.decode(video=0))
            container.seek(0)
        if count <= 0:
            raise RuntimeError(f"{video} holds no frames")
        wanted: dict[int, list[Path]] = {}
        for fraction, png in targets.items():
            wanted.setdefault(min(count - 1, int(fraction * count)), []).append(png)
        last = None
        for number, frame in enumerate(container.decode(video=0)):
            last = frame
            for png in wanted.pop(number, []):
                # PyAV's stub leaves VideoFrame.to_image unannotated (it returns a PIL image).
                frame.to_image().save(png)  # type: ignore[no-untyped-call]
        for pngs in wanted.values():  # the header over-counted: use the last frame
            for png in pngs:
                if last is None:
                    raise RuntimeError(f"{video} holds no frames")
                last.to_image().save(png)  # type: ignore[no-untyped-call]


def last_frame_png(video: Path, png: Path) -> None:
    """Decode ``video`` and save its last frame as ``png``."""
    save_frames(video, {1.0: png})


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

    with tempconfig(_render_settings(clip, name, quality, scratch, sections=True)):
        scene = scene_class(clip)(clip)
        scene.render()
        writer = scene.renderer.file_writer
        produced = Path(writer.movie_file_path)
        sections = [s for s in writer.sections if s.video]
        section_videos = [writer.sections_output_dir / s.video for s in sections]
    stage = scratch / "stage"
    stage.mkdir()
    staged_video = stage / f"{quality}.mp4"
    shutil.move(produced, staged_video)
    spans = stage_outputs(
        clip,
        name,
        quality,
        stage,
        section_videos,
        scene.timeline,
        still_fractions=(1.0,) if stills else (),
    )
    final_dir = output_dir / name
    _publish(stage, final_dir, quality)
    return RenderResult(final_dir / f"{quality}.mp4", tuple(spans))


def _render_settings(
    clip: ClipConfig, name: str, quality: str, scratch: Path, sections: bool
) -> dict[str, object]:
    return {
        "quality": QUALITIES[quality],
        "media_dir": str(scratch / "media"),
        "save_sections": sections,
        "output_file": name,
        "background_color": clip.colours.background,
        **shared_settings(),
    }


def still_name(number: int, beat: str, fraction: float) -> str:
    """The file name of a beat's still: ``NN_<beat>.png`` for its last frame,
    ``NN_<beat>.at33.png`` for the frame a third of the way in, and so on."""
    if fraction >= 1.0:
        return f"{number:02d}_{beat}.png"
    return f"{number:02d}_{beat}.at{round(100 * fraction):02d}.png"


def stage_outputs(
    clip: ClipConfig,
    name: str,
    quality: str,
    stage: Path,
    section_videos: Sequence[Path],
    timeline: Sequence[BeatTiming],
    still_fractions: Sequence[float] = (),
) -> list[subtitles.Span]:
    """Beside ``stage/<quality>.mp4`` (already there), stage everything a render publishes:
    the section videos (moved in), the sections index, the subtitles placed on the sections'
    real durations, and per beat the stills at ``still_fractions`` of its length (1.0 = its
    last frame). ``timeline`` holds one played beat per section, in order."""
    names = [beat.name for beat in timeline]
    spans = subtitles.spans_from_durations(names, [video_seconds(v) for v in section_videos])
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
        "video": f"{quality}.mp4",
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
        cues = subtitles.place_cues(timeline, spans)
        (stage / f"{quality}.srt").write_text(subtitles.to_srt(cues), encoding="utf-8")
        (stage / f"{quality}.vtt").write_text(subtitles.to_vtt(cues), encoding="utf-8")
    if still_fractions:
        still_dir = stage / f"{quality}.stills"
        still_dir.mkdir()
        for number, (span, video) in enumerate(zip(spans, files, strict=True)):
            targets = {f: still_dir / still_name(number, span.name, f) for f in still_fractions}
            save_frames(video, targets)
    return spans


@dataclass(frozen=True)
class BeatVideo:
    """One beat rendered on its own (:func:`render_beats`): its video, the beat as played
    (for its subtitles) and the wall time its render took."""

    index: int
    video: Path
    timing: BeatTiming
    seconds: float


def render_beats(
    clip: ClipConfig, quality: str, first: int, last: int, folder: Path
) -> list[BeatVideo]:
    """Render beats ``first`` to ``last`` (inclusive) of the clip's beat order on their own,
    each into ``folder/NN_<beat>.mp4``, with the frames they have in the whole clip: the beats
    before them play in manim's skip mode (every state computed, nothing drawn or encoded),
    then they are drawn, and the beats after them do not play. Runs of beats rendered this
    way in separate processes and joined with :func:`join_beats` give the clip's video. Each
    beat's ``seconds`` is its share of the run's wall time, in proportion to its length."""
    from manim import tempconfig

    started = time.perf_counter()
    stem = f"{first:02d}-{last:02d}"
    work = Path(tempfile.mkdtemp(dir=folder, prefix=f".{stem}-"))
    try:
        with tempconfig(_render_settings(clip, stem, quality, work, sections=True)):
            scene = scene_class(clip)(clip)
            _play_only(scene, first, last)
            scene.render()
            writer = scene.renderer.file_writer
            produced = [writer.sections_output_dir / s.video for s in writer.sections if s.video]
        if len(produced) != last - first + 1:
            raise RuntimeError(f"expected {last - first + 1} beat videos, got {len(produced)}")
        videos = []
        for index, section_video in zip(range(first, last + 1), produced, strict=True):
            video = folder / f"{index:02d}_{clip.beat_order[index]}.mp4"
            shutil.move(section_video, video)
            videos.append(video)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lengths = [video_seconds(video) for video in videos]
    wall = time.perf_counter() - started
    return [
        BeatVideo(index, video, scene.timeline[index], wall * length / (sum(lengths) or 1.0))
        for index, video, length in zip(range(first, last + 1), videos, lengths, strict=True)
    ]


def _play_only(scene: Any, first: int, last: int) -> None:
    """Make ``scene`` (a BeatScene) play its beats up to ``last``, drawing only those from
    ``first`` on: each earlier beat's section is a skipped section (manim's
    ``skip_animations``)."""
    from manim.scene.section import DefaultSectionType

    from scenes.visual.beats import BEAT_PREFIX

    order = scene.clip.beat_order[: last + 1]
    skipping = [True]
    plain_next_section = scene.next_section

    def next_section(
        name: str = "unnamed",
        section_type: str = DefaultSectionType.NORMAL,
        skip_animations: bool = False,
    ) -> None:
        plain_next_section(name, section_type, skip_animations or skipping[0])

    def construct() -> None:
        for position, beat_name in enumerate(order):
            skipping[0] = position < first
            getattr(scene, BEAT_PREFIX + beat_name)()

    scene.next_section = next_section
    scene.construct = construct


def concat_videos(videos: Sequence[Path], output: Path) -> None:
    """Join videos of one encoding into ``output`` without re-encoding (PyAV's concat
    demuxer, as manim joins its partial movie files)."""
    import av

    def quoted(path: Path) -> str:
        return "'" + path.resolve().as_posix().replace("'", "'\\''") + "'"

    manifest = "".join(f"file {quoted(video)}\n" for video in videos).encode()
    with av.open(io.BytesIO(manifest), mode="r", format="concat", options={"safe": "0"}) as source:
        stream = source.streams.video[0]
        with av.open(str(output), mode="w") as target:
            joined = target.add_stream_from_template(template=stream)
            for packet in source.demux(stream):
                if packet.dts is None:  # the demuxer's flushing packets
                    continue
                packet.dts = None  # let libav recompute it across the joins
                packet.stream = joined
                target.mux(packet)


def join_beats(
    clip: ClipConfig,
    name: str,
    quality: str,
    output_dir: Path,
    scratch: Path,
    beats: Sequence[BeatVideo],
    still_fractions: Sequence[float] = (1.0,),
) -> RenderResult:
    """Join beats rendered by :func:`render_beats` (one per beat of the clip's order, in
    order) into ``output_dir/name/``: the same files :func:`render_clip` writes, with the
    section times and subtitles taken from the beats' real durations. Staged in ``scratch``
    (a folder on the output's file system) and published at once."""
    ordered = sorted(beats, key=lambda b: b.index)
    if [b.index for b in ordered] != list(range(len(clip.beat_order))):
        raise ValueError(f"{name}: expected one video per beat, got {[b.index for b in beats]}")
    stage = scratch / "stage"
    stage.mkdir()
    concat_videos([b.video for b in ordered], stage / f"{quality}.mp4")
    spans = stage_outputs(
        clip,
        name,
        quality,
        stage,
        [b.video for b in ordered],
        [b.timing for b in ordered],
        still_fractions,
    )
    final_dir = output_dir / name
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
