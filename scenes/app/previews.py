"""``llmfacts previews``: every clip at preview quality, rendered across the cores, and a
gallery page (``index.html``) to watch them from disk.

Clips, and the beats within a clip, are independent: a run of beats renders on its own in a
separate process with the frames it has in the whole clip
(:func:`scenes.app.render.render_beats`), and the runs are joined into the clip's video
(:func:`scenes.app.render.join_beats`). The jobs go to a pool of worker processes, the longest
first: a short clip is one job, a long one is cut into runs of consecutive beats of about a
quarter of the set's expected work per core (each beat's render time last time, where known),
so that the cores finish together. A clip is joined and published as soon as its last beat is
done.

Beside each clip's files (as ``llmfacts render`` writes them, with three stills per beat: a
third of the way in, two thirds, and the last frame) lies ``<stem>.preview.json`` (the stem as
``render`` names files: ``low``, ``low-9x16-light``): the key of the render's inputs (config,
shipped presets, source code of ``scenes`` and ``mathcore``, manim's version, quality, ratio
and theme), the render time and the beats. A clip whose key is unchanged is not rendered
again; previews of one clip in several ratios or themes sit side by side. Everything is
staged in scratch folders and moved into place at once (nothing partial is left in the output
folder on an error, Ctrl-C or SIGTERM).

Off a terminal (a CI log, a pipe) a run prints one line per beat as it is done and one per
clip; on a terminal it draws one progress bar of the beats instead (``progress``, as manim
spells it: ``display``, ``leave`` or ``none``).

Processes share the caches of compiled LaTeX and text (writing an entry and parsing an SVG are
locked, see :func:`scenes.app.render.lock_svg_parsing`). The first time a clip is cut into
several jobs (per key), its first job runs alone before the others, so that what the clip
computes up front (the superposition experiment) is computed once and cached.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import multiprocessing
import os
import queue
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenes.app.paths import cache_dir
from scenes.config import ClipConfig, load_clip
from scenes.config.shipped import shipped_dir

PREVIEW_SUFFIX = ".preview.json"
RUN_FILE = "previews.json"
INDEX_FILE = "index.html"
STILL_FRACTIONS = (1 / 3, 2 / 3, 1.0)
KEY_VERSION = 2  # bump when what previews.py writes changes (its own code is not in the key)
SOURCE_PACKAGES = ("scenes", "mathcore")


# -- what a render depends on ----------------------------------------------------------------


RENDER_APP_MODULES = ("__init__", "render", "subtitles", "paths", "experiment")


def code_version(scene_module: str) -> str:
    """A hash of the code a clip's render runs, and manim's version: every ``.py`` file of
    ``scenes`` and ``mathcore`` (path and bytes), less the other clips' scene modules and
    the commands in ``scenes/app`` that a render does not run (so editing one clip, or
    another command, leaves the other clips' previews standing)."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"manim {version('manim')}\n".encode())
    root = Path(__file__).resolve().parents[2]
    own = root / (scene_module.replace(".", "/") + ".py")
    for package in SOURCE_PACKAGES:
        for source in sorted((root / package).rglob("*.py")):
            folder = source.parent.relative_to(root).as_posix()
            if folder == "scenes/clips" and source.stem != "__init__" and source != own:
                continue  # another clip's scene
            if folder == "scenes/app" and source.stem not in RENDER_APP_MODULES:
                continue  # a command a render does not run
            digest.update(source.relative_to(root).as_posix().encode() + b"\0")
            digest.update(source.read_bytes() + b"\0")
    return digest.hexdigest()


def shipped_presets_version() -> str:
    """A hash of the shipped presets a config may name (``configs/<folder>/*``: models,
    facts, themes)."""
    digest = hashlib.sha256()
    root = shipped_dir()
    for preset in sorted(p for p in root.glob("*/*") if p.is_file() and p.suffix != ".py"):
        digest.update(preset.relative_to(root).as_posix().encode() + b"\0")
        digest.update(preset.read_bytes() + b"\0")
    return digest.hexdigest()


def preview_file(stem: str) -> str:
    """The name of a preview's record: ``<stem>.preview.json``."""
    return stem + PREVIEW_SUFFIX


def input_key(config: Path, stem: str, code: str, presets: str) -> str:
    """The key of one preview's inputs: the config's bytes, the presets, the code, and the
    stem (quality, and the ratio and theme when the command line replaces the file's). Same
    key, same video."""
    digest = hashlib.sha256(f"llmfacts preview {KEY_VERSION} {stem}\n".encode())
    digest.update(code.encode() + b"\0" + presets.encode() + b"\0")
    digest.update(config.read_bytes())
    return digest.hexdigest()[:32]


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from ``path``, or None when it is missing or unreadable."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def write_json_atomic(path: Path, value: object) -> None:
    """Write ``value`` as JSON to ``path`` through a temporary file and a rename."""
    with tempfile.NamedTemporaryFile(
        "w", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    ) as handle:
        json.dump(value, handle, indent=2)
        handle.write("\n")
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)


def up_to_date(folder: Path, key: str, stem: str) -> bool:
    """Whether ``folder`` holds a finished preview named ``stem`` made from inputs with
    ``key``."""
    preview = read_json(folder / preview_file(stem))
    return (
        preview is not None
        and preview.get("key") == key
        and (folder / f"{stem}.mp4").is_file()
        and all(
            (folder / still).is_file()
            for beat in preview.get("beats", [])
            for still in beat.get("stills", [])
        )
    )


# -- the jobs, run in worker processes -------------------------------------------------------


def _init_worker() -> None:
    """Workers leave Ctrl-C to the parent (which stops them) and die at once on SIGTERM."""
    from manim import config

    from scenes.app.render import lock_svg_parsing

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    config.progress_bar = "none"
    lock_svg_parsing()  # every render does it; here before the first job, once per worker


def _chunk_job(config: Path, look: Look, quality: str, first: int, last: int, folder: Path) -> Any:
    from scenes.app.render import render_beats

    return render_beats(look.load(config), quality, first, last, folder)


# -- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """The ratio and theme given on the command line (``--aspect``, ``--theme``), replacing
    each file's own; None keeps the file's."""

    aspect: str | None = None
    theme: str | None = None

    def load(self, config: Path) -> ClipConfig:
        """The clip of ``config`` with this look."""
        return load_clip(config, self.theme, self.aspect)


@dataclass
class ClipRun:
    """One clip of a run: where it goes, its key, its beats as they finish."""

    config: Path
    name: str
    clip: ClipConfig
    key: str
    stem: str
    scratch: Path | None = None
    beats: dict[int, Any] = field(default_factory=dict)
    held: list[Chunk] = field(default_factory=list)
    started: float = 0.0

    @property
    def beat_count(self) -> int:
        return len(self.clip.beat_order)


@dataclass(frozen=True)
class RunSummary:
    """What a run did: clips rendered and skipped, wall time, video length."""

    rendered: tuple[str, ...]
    skipped: tuple[str, ...]
    wall_seconds: float
    video_seconds: float
    jobs: int


Report = Callable[[str], None]


def build_previews(
    configs: Sequence[Path],
    output: Path,
    quality: str = "low",
    jobs: int | None = None,
    force: bool = False,
    report: Report = print,
    *,
    look: Look | None = None,
    progress: str = "none",
) -> RunSummary:
    """Render every clip of ``configs`` whose inputs changed into ``output/<clip>/``, beat
    by beat in ``jobs`` processes (default: one per core), then write the gallery. ``look``
    replaces the files' ratio and theme; ``progress`` is ``none`` (a line per beat through
    ``report``) or a progress bar of the beats on stderr (``display``, ``leave``)."""
    from scenes.app.outputs import clip_stem
    from scenes.app.render import OutputError, remove_stale_scratch

    look = look or Look()
    started = time.perf_counter()
    workers = max(1, jobs or os.cpu_count() or 1)
    presets = shipped_presets_version()
    codes: dict[str, str] = {}
    runs, skipped = [], []
    for config in configs:
        clip = look.load(config)
        module = clip.SCENE.partition(":")[0]
        code = codes.setdefault(module, code_version(module))
        stem = clip_stem(quality, clip)
        key = input_key(config, stem, code, presets)
        if not force and up_to_date(output / config.stem, key, stem):
            skipped.append((config.stem, stem))
        else:
            runs.append(ClipRun(config, config.stem, clip, key, stem))
    try:
        output.mkdir(parents=True, exist_ok=True)
        for run in runs:
            remove_stale_scratch(output, run.name)
    except OSError as error:
        raise OutputError(output, error) from None
    if skipped:
        report(f"up to date: {', '.join(name for name, _stem in skipped)}")
    if runs:
        _render_runs(runs, output, quality, workers, report, look, progress)
    video = sum(
        float((read_json(output / name / preview_file(stem)) or {}).get("duration", 0.0))
        for name, stem in [(run.name, run.stem) for run in runs] + skipped
    )
    summary = RunSummary(
        tuple(run.name for run in runs),
        tuple(name for name, _stem in skipped),
        time.perf_counter() - started,
        video,
        workers,
    )
    if runs:
        write_json_atomic(
            output / RUN_FILE,
            {
                "clips": [c.stem for c in configs],
                "jobs": workers,
                "wall_seconds": round(summary.wall_seconds, 2),
                "video_seconds": round(summary.video_seconds, 3),
            },
        )
    write_gallery(output, [c.stem for c in configs])
    return summary


def _warm_marker(key: str) -> Path:
    return cache_dir() / "previews" / f"warm-{key}"


@dataclass(frozen=True)
class Chunk:
    """A job: beats ``first`` to ``last`` of one clip, and its expected cost."""

    run: ClipRun
    first: int
    last: int
    cost: float


def beat_costs(runs: Sequence[ClipRun], output: Path) -> dict[str, list[float]]:
    """Each beat's expected cost: its render seconds last time, where known; else the median
    of the known ones (1 when nothing is known)."""
    known: dict[str, dict[str, float]] = {}
    for run in runs:
        earlier = read_json(output / run.name / preview_file(run.stem)) or {}
        known[run.name] = {b["name"]: float(b["render_seconds"]) for b in earlier.get("beats", [])}
    values = sorted(v for beats in known.values() for v in beats.values())
    fallback = values[len(values) // 2] if values else 1.0
    return {
        run.name: [known[run.name].get(name, fallback) for name in run.clip.beat_order]
        for run in runs
    }


def plan_chunks(run: ClipRun, costs: Sequence[float], target: float) -> list[Chunk]:
    """Consecutive beats grouped into jobs of about ``target`` cost each (a short clip is one
    job; a long one is split, so that the cores finish together)."""
    chunks, first, total = [], 0, 0.0
    for index, cost in enumerate(costs):
        total += cost
        if total >= target or index == len(costs) - 1:
            chunks.append(Chunk(run, first, index, total))
            first, total = index + 1, 0.0
    return chunks


Events = queue.Queue[tuple[str, ClipRun, Any]]


def _post(events: Events, kind: str, run: ClipRun) -> Callable[[Any], None]:
    """A pool callback that reports ``kind`` for ``run`` with the job's result or error."""

    def post(value: Any) -> None:
        events.put((kind, run, value))

    return post


def beat_line(run: ClipRun, beat: Any) -> str:
    """The line a beat prints as it is done (off a terminal): its number, clip and name,
    its length and its render time."""
    return (
        f"    beat {beat.index + 1}/{run.beat_count} {run.name} {beat.timing.name}:"
        f" {beat.timing.duration:.1f} s of video, rendered in {beat.seconds:.1f} s"
    )


def _render_runs(
    runs: list[ClipRun],
    output: Path,
    quality: str,
    workers: int,
    report: Report,
    look: Look,
    progress: str = "none",
) -> None:
    import manim  # noqa: F401 - imported once here, so forked workers start with it
    from tqdm import tqdm  # type: ignore[import-untyped]  # manim depends on it

    from scenes.app.render import SCRATCH_PREFIX, OutputError

    for run in runs:
        try:
            prefix = f"{SCRATCH_PREFIX}{run.name}-{os.getpid()}-"
            run.scratch = Path(tempfile.mkdtemp(dir=output, prefix=prefix))
            (run.scratch / "beats").mkdir()
        except OSError as error:
            raise OutputError(output, error) from None
    costs = beat_costs(runs, output)
    target = sum(sum(c) for c in costs.values()) / (2 * workers)
    first_jobs, jobs = [], []
    for run in runs:
        chunks = plan_chunks(run, costs[run.name], target)
        if len(chunks) > 1 and not _warm_marker(run.key).exists():
            # Its first job fills the caches (prepare: experiments; LaTeX) for the others.
            first_jobs.append(chunks[0])
            run.held = chunks[1:]
        else:
            jobs += chunks
    jobs.sort(key=lambda chunk: -chunk.cost)
    events: Events = queue.Queue()
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker)

    def submit(chunk: Chunk) -> None:
        assert chunk.run.scratch is not None
        pool.apply_async(
            _chunk_job,
            (chunk.run.config, look, quality, chunk.first, chunk.last, chunk.run.scratch / "beats"),
            callback=_post(events, "beats", chunk.run),
            error_callback=_post(events, "error", chunk.run),
        )

    bar = None
    if progress != "none":  # one bar for the whole run (the workers draw none)
        total = sum(run.beat_count for run in runs)
        bar = tqdm(total=total, unit="beat", desc="previews", leave=progress == "leave")
    say = report if bar is None else bar.write  # a line printed above the bar
    try:
        for chunk in first_jobs + jobs:
            chunk.run.started = chunk.run.started or time.perf_counter()
            submit(chunk)
        remaining = len(first_jobs) + len(jobs) + sum(len(run.held) for run in runs)
        while remaining:
            kind, run, value = events.get()
            remaining -= 1
            if kind == "error":
                raise value
            for beat in sorted(value, key=lambda beat: beat.index):
                run.beats[beat.index] = beat
                if bar is None:
                    say(beat_line(run, beat))
            if bar is not None:
                bar.update(len(value))
            if run.held:
                marker = _warm_marker(run.key)
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
                for chunk in sorted(run.held, key=lambda chunk: -chunk.cost):
                    submit(chunk)
                run.held = []
            if len(run.beats) == run.beat_count:
                _finish(run, output, quality, say)
    finally:
        if bar is not None:
            bar.close()
        pool.terminate()
        pool.join()
        for run in runs:
            if run.scratch is not None:
                shutil.rmtree(run.scratch, ignore_errors=True)


def _finish(run: ClipRun, output: Path, quality: str, report: Report) -> None:
    """Join a clip's beats, publish it, and write its ``<stem>.preview.json`` last."""
    from scenes.app.render import join_beats, still_name

    assert run.scratch is not None
    final = output / run.name
    record = final / preview_file(run.stem)
    record.unlink(missing_ok=True)  # the old key must not outlive a failure
    beats = [run.beats[i] for i in range(run.beat_count)]
    result = join_beats(
        run.clip, run.name, quality, output, run.scratch, beats, still_fractions=STILL_FRACTIONS
    )
    render_seconds = sum(b.seconds for b in beats)
    stem = run.stem
    still_dir = f"{stem}.stills"
    preview = {
        "clip": run.name,
        "scene": run.clip.scene,
        "config": run.config.as_posix(),
        "quality": quality,
        "aspect": run.clip.aspect,
        "theme": run.clip.theme,
        "stem": stem,
        "key": run.key,
        "video": result.video.name,
        "subtitles": f"{stem}.vtt" if (final / f"{stem}.vtt").is_file() else None,
        "duration": round(result.duration, 3),
        "render_seconds": round(render_seconds, 2),
        "wall_seconds": round(time.perf_counter() - run.started, 2),
        "beats": [
            {
                "name": span.name,
                "start": round(span.start, 3),
                "end": round(span.end, 3),
                "render_seconds": round(beat.seconds, 2),
                "stills": [
                    f"{still_dir}/{still_name(number, span.name, f)}" for f in STILL_FRACTIONS
                ],
            }
            for number, (span, beat) in enumerate(zip(result.spans, beats, strict=True))
        ],
    }
    write_json_atomic(record, preview)
    shutil.rmtree(run.scratch, ignore_errors=True)
    run.scratch = None
    report(
        f"    wrote {result.video} ({run.beat_count} beats, {result.duration:.1f} s of video,"
        f" {render_seconds:.1f} s of beat renders, RTF {render_seconds / result.duration:.2f})"
    )


# -- the gallery -----------------------------------------------------------------------------


PAGE_STYLE = """
body { background: #111; color: #eee; font: 16px/1.4 sans-serif; margin: 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 0.3em; }
section.clip { border-top: 1px solid #444; padding-top: 1em; margin-top: 1.5em; }
video { max-width: min(854px, 100%); max-height: 480px; background: #000; }
table.figures td { padding: 0 1.2em 0 0; }
div.beats { display: flex; flex-wrap: wrap; gap: 1em; margin-top: 0.8em; }
figure.beat { margin: 0; }
figure.beat img { max-width: 240px; max-height: 240px; margin-right: 2px; }
figcaption { font-size: 0.9em; color: #bbb; }
.muted { color: #999; }
"""


def _seconds(value: float) -> str:
    minutes, seconds = divmod(value, 60)
    return f"{int(minutes)}:{seconds:04.1f}"


def _look(preview: dict[str, Any]) -> str:
    """The quality, and the ratio and theme when they are not the defaults."""
    from scenes.app.outputs import DEFAULT_ASPECT
    from scenes.config.common import DEFAULT_THEME

    parts = [str(preview["quality"])]
    if preview.get("aspect", DEFAULT_ASPECT) != DEFAULT_ASPECT:
        parts.append(str(preview["aspect"]))
    if preview.get("theme", DEFAULT_THEME) != DEFAULT_THEME:
        parts.append(f"{preview['theme']} theme")
    return ", ".join(parts)


def _clip_section(folder: Path, preview: dict[str, Any]) -> str:
    stem = preview.get("stem", preview["quality"])
    # One section per clip and look: the default look's id is the clip's name.
    name = html.escape(preview["clip"] + ("" if stem == preview["quality"] else f"-{stem}"))
    base = html.escape(folder.name)
    duration = float(preview["duration"])
    render_seconds = float(preview["render_seconds"])
    track = ""
    if preview.get("subtitles"):
        vtt = (folder / preview["subtitles"]).read_bytes()
        # A data: URL: Chromium refuses <track> files next to a page opened from disk.
        data = "data:text/vtt;base64," + base64.b64encode(vtt).decode("ascii")
        track = f'<track kind="subtitles" srclang="en" label="Narration" src="{data}" default>'
    video = f"{base}/{html.escape(preview['video'])}"
    stills = []
    for number, beat in enumerate(preview["beats"]):
        beat_name = html.escape(beat["name"])
        images = "".join(
            f'<img src="{base}/{html.escape(still)}" alt="{beat_name}, {label}" title="{label}">'
            for still, label in zip(beat["stills"], ("⅓", "⅔", "last frame"), strict=False)
        )
        stills.append(
            f'<figure class="beat" id="{name}-{beat_name}">{images}<figcaption>'
            f"{number + 1:02d} <b>{beat_name}</b> {_seconds(beat['start'])}–"
            f"{_seconds(beat['end'])}, rendered in {beat['render_seconds']:.1f} s"
            "</figcaption></figure>"
        )
    return f"""<section class="clip" id="{name}">
<h2>{html.escape(preview["clip"])} <span class="muted">({html.escape(preview["scene"])},
{html.escape(_look(preview))})</span></h2>
<video controls preload="auto" src="{video}">{track}</video>
<table class="figures"><tr>
<td>duration <b>{_seconds(duration)}</b></td>
<td>render time <b>{render_seconds:.1f} s</b> (its beats, summed)</td>
<td>real-time factor <b>{render_seconds / duration if duration else 0:.2f}</b></td>
<td>{len(preview["beats"])} beat{"s" if len(preview["beats"]) != 1 else ""}</td>
</tr></table>
<div class="beats">{"".join(stills)}</div>
</section>"""


def write_gallery(output: Path, names: Sequence[str] | None = None) -> Path:
    """Write ``output/index.html`` from the previews already in ``output`` (those of
    ``names``, in that order, or every folder with a ``<stem>.preview.json``; a clip's
    previews in several qualities, ratios or themes each get a section, shortest stem
    first). One self-contained page: no server, no network, no script; subtitles are
    embedded."""
    if names is None:
        names = sorted({p.parent.name for p in output.glob(f"*/*{PREVIEW_SUFFIX}")})
    sections, total_video, total_render = [], 0.0, 0.0
    for name in names:
        records = sorted(
            (output / name).glob(f"*{PREVIEW_SUFFIX}"), key=lambda p: (len(p.name), p.name)
        )
        for record in records:
            preview = read_json(record)
            if preview is None:
                continue
            sections.append(_clip_section(output / name, preview))
            total_video += float(preview["duration"])
            total_render += float(preview["render_seconds"])
    run = read_json(output / RUN_FILE)
    summary = (
        f"{len(sections)} previews, {_seconds(total_video)} of video; beat renders summed"
        f" {total_render:.0f} s"
    )
    if run is not None and total_video:
        wall = float(run["wall_seconds"])
        summary += (
            f"; last run: {wall:.0f} s wall on {run['jobs']} processes"
            f" (real-time factor {wall / total_video:.2f})"
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>llmfacts previews</title>
<style>{PAGE_STYLE}</style>
</head><body>
<h1>llmfacts previews</h1>
<p class="muted">{html.escape(summary)}</p>
{"".join(sections)}
</body></html>
"""
    index = output / INDEX_FILE
    with tempfile.NamedTemporaryFile(
        "w", dir=output, prefix=f".{INDEX_FILE}.", suffix=".tmp", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(page)
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, index)
    return index
