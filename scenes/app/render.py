"""Render a parsed clip through manim's Python API, atomically.

Everything is written under a hidden scratch folder inside the output folder and moved to
``<output>/<clip>/`` only once manim has finished, so an interrupted or failed render never
leaves a half-written file where a user (or a CI job) looks for the clip. A render first removes
scratch folders that earlier renders of the same clip left behind when they were killed.

Every file's name starts with the *stem*: the quality, plus the aspect ratio when it is not
16:9 and the theme when it is not dark (``low``, ``low-9x16``, ``low-light``,
``low-9x16-light``; :func:`scenes.app.outputs.output_stem`). Beside the clip's video,
``<stem>.<format>`` (mp4, webm, gif or mov; :mod:`scenes.app.outputs`), it writes:

- ``<stem>.sections.json``: each section (beat) with its start and end, and its file when the
  per-beat files were asked for;
- with ``sections``, ``<stem>.sections/NN_<beat>.<format>``: each beat's own file;
- ``<stem>.srt`` and ``<stem>.vtt``: the narration (or captions) as subtitles, when the
  clip's narration mode asks for them;
- with ``stills``, ``<stem>.stills/NN_<beat>.png``: the last frame of every beat, taken from
  the renderer's own pixels (lossless; with an alpha channel when transparent).

The ``png`` format writes only the stills (and the index): the beats are played in manim's
skip mode (every state computed, no frame drawn or encoded) and drawn once at each beat's end.
MP4 and MOV files are remuxed with their index first (faststart) on the way into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from scenes.app import subtitles
from scenes.app.outputs import (
    FASTSTART_SUFFIXES,
    FORMATS,
    OutputOptions,
    clip_stem,
    remux,
    straight_alpha,
)
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
PARSE_ATTEMPTS = 40  # half a second apart: another process's slow write of a cache entry
# What a render of the previews and the slides publishes: the MP4 and a file per beat.
WITH_SECTIONS = OutputOptions(sections=True)
BeatReport = Callable[[int, int, BeatTiming], None]
"""Called as each beat ends: its index (from 0), the number of beats, the beat as played."""


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


def lock_svg_parsing() -> None:
    """Let processes that share the LaTeX and text caches work at the same time (every
    render calls it: ``llmfacts render``, the previews' workers, the dry runs).

    manim writes a compiled formula's or a text's SVG into the cache in place (another
    process seeing the file may read it half-written), and parses a cached SVG through a
    temporary copy beside it (``<name>_.svg``, deleted afterwards: two processes parsing one
    file at once delete each other's copy). Writing a cache entry here takes one lock for the
    whole cache; parsing takes a lock named after its file. The glyphs also forget the SVG
    paths they were made from (:func:`_forgetting_source_paths`), which only slowed copies."""
    import fcntl
    from xml.etree import ElementTree

    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject, text_mobject

    if getattr(SVGMobject.generate_mobject, "locked", False):
        return
    locks = cache_dir() / "locks"
    locks.mkdir(parents=True, exist_ok=True)

    def locked(
        method: Callable[..., Any],
        lock_name: Callable[..., str],
        read_again_on: tuple[type[Exception], ...] = (ElementTree.ParseError, FileNotFoundError),
    ) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            # A process without these locks (an older version, plain manim) may still be
            # writing the file, or remove our temporary copy while parsing the same one:
            # the SVG is read again a moment later.
            for attempt in range(PARSE_ATTEMPTS):
                try:
                    with open(locks / f"{lock_name(*args)}.lock", "a") as lock:
                        fcntl.flock(lock, fcntl.LOCK_EX)
                        return method(*args, **kwargs)
                except read_again_on:
                    if attempt == PARSE_ATTEMPTS - 1:
                        raise
                    time.sleep(0.5)
            raise AssertionError("unreachable")

        call.locked = True  # type: ignore[attr-defined]
        return call

    def by_file(mobject: SVGMobject) -> str:
        # The name as given, not get_file_path(): that raises while the file is missing, and
        # a missing file is what the attempts above wait out.
        return hashlib.sha256(str(mobject.file_name).encode()).hexdigest()[:24]

    def whole_cache(*_: Any) -> str:
        return "compile"

    SVGMobject.generate_mobject = _forgetting_source_paths(  # type: ignore[method-assign]
        # OSError too: manim's "could not find" while another process replaces the file.
        locked(SVGMobject.generate_mobject, by_file, (ElementTree.ParseError, OSError))
    )
    for cls in (text_mobject.Text, text_mobject.MarkupText):
        cls._text2svg = locked(cls._text2svg, whole_cache)  # type: ignore[method-assign]
    compile_tex = getattr(tex_mobject, "tex_to_svg_file")  # noqa: B009 - not re-exported
    setattr(tex_mobject, "tex_to_svg_file", locked(compile_tex, whole_cache))  # noqa: B010


def _forgetting_source_paths(generate: Callable[..., Any]) -> Callable[..., Any]:
    """``SVGMobject.generate_mobject``, then each glyph's parsed SVG path dropped.

    A glyph's points are made from its path once, when it is built; but manim keeps the
    path (a graph of segment objects) and every copy deep-copies it again, and every
    Transform, FadeIn and Indicate copies its mobject: a formula copied 12x slower, which
    made copying most of a table beat's render time. The points, and so the frames, are
    unchanged."""
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = generate(self, *args, **kwargs)
        for part in self.get_family():
            if isinstance(part, VMobjectFromSVGPath):
                part.path_obj = None
        return result

    # Marks the method as patched: lock_svg_parsing runs once per process however often it
    # is called (wrapping twice would take the same lock twice, and wait for itself).
    call.locked = True  # type: ignore[attr-defined]
    return call


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
    clip: ClipConfig,
    name: str,
    quality: str,
    output_dir: Path,
    stills: bool = False,
    *,
    output: OutputOptions | None = None,
    progress_bar: str | None = None,
    on_beat: BeatReport | None = None,
) -> RenderResult:
    """Render ``clip`` at ``quality`` into ``output_dir/name/``; return where it is.

    ``output`` chooses the format and the extra files (default: MP4 alone; ``stills`` adds
    the stills). ``progress_bar`` is manim's setting (``display``, ``leave`` or ``none``;
    default: manim's config); ``on_beat`` is called as each beat ends.

    Raises :class:`OutputError` when the output folder cannot be written.
    """
    options = output or OutputOptions()
    if stills and not options.stills:
        options = replace(options, stills=True)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_scratch(output_dir, name)
        scratch = tempfile.mkdtemp(dir=output_dir, prefix=f"{SCRATCH_PREFIX}{name}-{os.getpid()}-")
    except OSError as error:
        raise OutputError(output_dir, error) from None
    try:
        return _render_in(
            clip, name, quality, output_dir, Path(scratch), options, progress_bar, on_beat
        )
    except OSError as error:
        raise OutputError(output_dir, error) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _render_in(
    clip: ClipConfig,
    name: str,
    quality: str,
    output_dir: Path,
    scratch: Path,
    options: OutputOptions,
    progress_bar: str | None,
    on_beat: BeatReport | None,
) -> RenderResult:
    from manim import tempconfig

    stem = clip_stem(quality, clip)
    settings = _render_settings(clip, name, quality, scratch, sections=options.is_video)
    settings.update(format_settings(options, scratch))
    if progress_bar is not None:
        settings["progress_bar"] = progress_bar
    to_gif: Callable[[Path, Path], None] | None = None
    lock_svg_parsing()
    with tempconfig(settings):
        scene = scene_class(clip)(clip)
        if options.transparent:
            _straighten_output(scene)
        frames = _watch_beats(scene, on_beat, snapshots=options.stills or not options.is_video)
        scene.render()
        writer = scene.renderer.file_writer
        if options.is_video:
            produced = Path(writer.movie_file_path)
            sections = [s for s in writer.sections if s.video]
            section_videos = [writer.sections_output_dir / s.video for s in sections]
        if options.format == "gif":

            def to_gif(source: Path, target: Path) -> None:
                writer.combine_files([str(source)], target, create_gif=True)

    stage = scratch / "stage"
    stage.mkdir()
    primary = options.video_name(stem)
    if options.is_video:
        place_video(produced, stage / primary)
    else:
        section_videos = []
    timeline: list[BeatTiming] = scene.timeline
    spans = stage_outputs(
        clip, name, quality, stage, section_videos, timeline,
        stem=stem, options=options, to_gif=to_gif,
    )  # fmt: skip
    if frames:
        save_snapshots(frames, timeline, stage / f"{stem}.stills", options.transparent)
    final_dir = output_dir / name
    publish(stage, final_dir, stem, primary)
    return RenderResult(final_dir / primary, tuple(spans))


def format_settings(options: OutputOptions, scratch: Path) -> dict[str, object]:
    """manim settings that fix what is written and where, whatever a ``manim.cfg`` in the
    working folder says: the format (``png`` plays the beats in skip mode; the stills are
    taken by :func:`_watch_beats`), transparency, the default encoder for the format, every
    output folder inside ``scratch``, and no previews or partial renders."""
    media = scratch / "media"
    return {
        "format": options.format,
        "background_opacity": 0.0 if options.transparent else 1.0,
        "video_codec": "auto",
        "pixel_format": "auto",
        "video_encoder_options": {},
        "video_dir": str(media / "videos"),
        "sections_dir": str(media / "sections"),
        "partial_movie_dir": str(media / "partial"),
        "images_dir": str(media / "images"),
        "from_animation_number": 0,
        "upto_animation_number": -1,
        "dry_run": False,
        "preview": False,
        "live_preview": False,
        "show_in_file_browser": False,
        "log_to_file": False,
        "renderer": "cairo",
    }


def _watch_beats(scene: Any, on_beat: BeatReport | None, snapshots: bool) -> list[np.ndarray]:
    """Hook into ``scene`` (a BeatScene) at the end of every beat: report the beat to
    ``on_beat`` and, with ``snapshots``, keep the pixels (RGBA) of the beat's last frame.
    Returns the list the frames are appended to while the scene plays. A scene that is not a
    BeatScene is left alone.

    The last frame is the picture after the beat's final hold, drawn even in skip mode, before
    the beat engine takes the burnt-in narration line off: so it is what the video's last
    frame of the beat shows."""
    frames: list[np.ndarray] = []
    if not (hasattr(scene, "end_beat") and hasattr(scene, "timeline")):
        return frames
    plain_end_beat = scene.end_beat
    plain_wait = scene.wait
    count = len(scene.clip.beat_order)

    def draw() -> np.ndarray:
        scene.update_mobjects(0)  # updaters, as after a drawn animation (skip mode skips them)
        renderer = scene.renderer
        renderer.static_image = None  # draw every mobject, as manim does for its still
        renderer.update_frame(scene, ignore_skipping=True)
        # As the file writer gets them (opaque frames pass through unchanged).
        return straight_alpha(renderer.get_frame(), scene.camera.background[0, 0])

    def end_beat() -> None:
        held: list[np.ndarray] = []

        def wait(*args: Any, **kwargs: Any) -> None:
            plain_wait(*args, **kwargs)
            held[:] = [draw()]

        scene.wait = wait if snapshots else plain_wait
        try:
            plain_end_beat()
        finally:
            scene.wait = plain_wait
        if snapshots:
            frames.append(held[0] if held else draw())
        if on_beat is not None:
            on_beat(len(scene.timeline) - 1, count, scene.timeline[-1])

    scene.end_beat = end_beat
    return frames


def _straighten_output(scene: Any) -> None:
    """Give ``scene``'s file writer every frame with straight alpha
    (:func:`scenes.app.outputs.straight_alpha`); the renderer keeps its own pixels, which it
    reuses as the background of the next frames."""
    writer = scene.renderer.file_writer
    plain_write_frame = writer.write_frame

    def write_frame(pixels: np.ndarray, *, repeat: int = 1) -> None:
        plain_write_frame(straight_alpha(pixels, scene.camera.background[0, 0]), repeat=repeat)

    writer.write_frame = write_frame


def save_snapshots(
    frames: Sequence[np.ndarray], timeline: Sequence[BeatTiming], folder: Path, alpha: bool
) -> None:
    """Save each beat's last frame (renderer pixels, RGBA) as ``folder/NN_<beat>.png``:
    RGBA when ``alpha``, else RGB."""
    from PIL import Image

    folder.mkdir()
    for number, (pixels, beat) in enumerate(zip(frames, timeline, strict=True)):
        image = Image.fromarray(np.ascontiguousarray(pixels), mode="RGBA")
        (image if alpha else image.convert("RGB")).save(folder / still_name(number, beat.name, 1.0))


def place_video(source: Path, target: Path) -> None:
    """Move a finished video to ``target``; an MP4 or MOV is remuxed on the way, with its
    index first (faststart)."""
    if target.suffix.lower() in FASTSTART_SUFFIXES:
        remux([source], target)
        source.unlink()
    else:
        shutil.move(source, target)


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
    *,
    stem: str | None = None,
    options: OutputOptions = WITH_SECTIONS,
    to_gif: Callable[[Path, Path], None] | None = None,
) -> list[subtitles.Span]:
    """Beside the clip's video in ``stage`` (already there), stage everything a render
    publishes under ``stem`` (default: the quality): with ``options.sections`` the section
    videos (an MP4 remuxed faststart; converted by ``to_gif`` for a GIF), the sections index,
    the subtitles placed on the sections' real durations, and per beat the stills at
    ``still_fractions`` of its length (1.0 = its last frame). ``timeline`` holds one played
    beat per section, in order. For ``png`` (no video) the sections are the timeline's beats
    and the index points at the stills."""
    stem = stem or quality
    names = [beat.name for beat in timeline]
    if options.is_video:
        durations = [video_seconds(v) for v in section_videos]
        spans = subtitles.spans_from_durations(names, durations)
    else:
        spans = [subtitles.Span(b.name, b.start, b.end) for b in timeline]
    if still_fractions:
        still_dir = stage / f"{stem}.stills"
        still_dir.mkdir()
        for number, (span, video) in enumerate(zip(spans, section_videos, strict=True)):
            targets = {f: still_dir / still_name(number, span.name, f) for f in still_fractions}
            save_frames(video, targets)
    files: list[str | None] = [None] * len(spans)
    if options.sections and options.is_video:
        section_dir = stage / f"{stem}.sections"
        section_dir.mkdir()
        for number, (span, video) in enumerate(zip(spans, section_videos, strict=True)):
            target = section_dir / f"{number:02d}_{span.name}.{options.format}"
            if to_gif is not None:
                to_gif(video, target)
            else:
                place_video(video, target)
            files[number] = f"{section_dir.name}/{target.name}"
    elif not options.is_video:
        files = [f"{stem}.stills/{still_name(n, s.name, 1.0)}" for n, s in enumerate(spans)]
    _write_index(stage / f"{stem}.sections.json", clip, name, quality, stem, options, spans, files)
    if clip.narration.subtitled and options.is_video:
        cues = subtitles.place_cues(timeline, spans)
        (stage / f"{stem}.srt").write_text(subtitles.to_srt(cues), encoding="utf-8")
        (stage / f"{stem}.vtt").write_text(subtitles.to_vtt(cues), encoding="utf-8")
    return spans


def _write_index(
    path: Path,
    clip: ClipConfig,
    name: str,
    quality: str,
    stem: str,
    options: OutputOptions,
    spans: Sequence[subtitles.Span],
    files: Sequence[str | None],
) -> None:
    """``<stem>.sections.json``: the render's format and each section's name, start, end
    (seconds in the video) and, when it was written, its own file."""
    sections = []
    for span, file in zip(spans, files, strict=True):
        entry: dict[str, object] = {
            "name": span.name,
            "start": round(span.start, 3),
            "end": round(span.end, 3),
        }
        if file is not None:
            entry["file"] = file
        sections.append(entry)
    index = {
        "clip": name,
        "scene": clip.scene,
        "quality": quality,
        "aspect": clip.aspect,
        "theme": clip.theme,
        "format": options.format,
        "transparent": options.transparent,
        "video": options.video_name(stem) if options.is_video else None,
        "duration": round(spans[-1].end if spans else 0.0, 3),
        "sections": sections,
    }
    path.write_text(json.dumps(index, indent=2) + "\n")


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
        settings = _render_settings(clip, stem, quality, work, sections=True)
        settings.update(format_settings(WITH_SECTIONS, work))
        lock_svg_parsing()
        with tempconfig(settings):
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
    demuxer, as manim joins its partial movie files); an MP4 gets its index first."""
    remux(videos, output)


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
    section times and subtitles taken from the beats' real durations, named by the clip's
    stem (:func:`scenes.app.outputs.clip_stem`). Staged in ``scratch`` (a folder on the
    output's file system) and published at once."""
    ordered = sorted(beats, key=lambda b: b.index)
    if [b.index for b in ordered] != list(range(len(clip.beat_order))):
        raise ValueError(f"{name}: expected one video per beat, got {[b.index for b in beats]}")
    stem = clip_stem(quality, clip)
    primary = WITH_SECTIONS.video_name(stem)
    stage = scratch / "stage"
    stage.mkdir()
    concat_videos([b.video for b in ordered], stage / primary)
    spans = stage_outputs(
        clip,
        name,
        quality,
        stage,
        [b.video for b in ordered],
        [b.timing for b in ordered],
        still_fractions,
        stem=stem,
    )
    final_dir = output_dir / name
    publish(stage, final_dir, stem, primary)
    return RenderResult(final_dir / primary, tuple(spans))


def publish(stage: Path, final_dir: Path, stem: str, primary: str) -> None:
    """Move the staged files into ``final_dir``, replacing an earlier render with the same
    stem (another format's video of it stays). Every move is a rename on one file system;
    the clip's ``primary`` file goes last, so a video in place always has its index,
    subtitles and sections beside it. Stills alone (``png``) replace only what they write:
    the video's subtitles and sections stay."""
    created = not final_dir.exists()
    final_dir.mkdir(parents=True, exist_ok=True)
    videos = {f"{stem}.{fmt}" for fmt in FORMATS if fmt != "png"}
    try:
        for stale in final_dir.glob(f"{stem}.*"):
            if primary in videos and not (stage / stale.name).exists() and stale.name not in videos:
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        for item in sorted(stage.iterdir(), key=lambda p: p.name == primary):
            target = final_dir / item.name
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(item, target)
    except OSError:
        if created:  # a clip folder that did not exist before holds no half of a render
            shutil.rmtree(final_dir, ignore_errors=True)
        raise


def plan_clip(clip: ClipConfig) -> tuple[list[BeatTiming], list[subtitles.Span]]:
    """The clip's timeline without rendering a frame (manim's dry run): each beat's start and
    end and its narration. Times are scene times; a render's real section times match them to
    within a frame per animation."""
    from manim import tempconfig

    from scenes.app.layout import draw_nothing

    lock_svg_parsing()
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
        draw_nothing(scene)  # skip mode would still draw each animation's end
        scene.render()
    timeline: list[BeatTiming] = scene.timeline
    spans = [subtitles.Span(b.name, b.start, b.end) for b in timeline]
    return timeline, spans
