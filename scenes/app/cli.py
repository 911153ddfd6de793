"""``llmfacts``: list, check and render the clips.

A user's mistake (a bad config, a missing file) is one line on stderr and exit code 2, never a
traceback. Manim's progress bars are drawn only on a terminal; otherwise (a CI log, a pipe) a
render prints one plain line per beat instead.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import mathcore
from mathcore.experiment import ExperimentSpec
from scenes.app.outputs import (
    CHAPTER_FORMATS,
    DEFAULT_FORMAT,
    FORMATS,
    FormatError,
    OutputOptions,
    clip_stem,
    variant_suffix,
)
from scenes.config import ClipConfig, load_clip, load_model
from scenes.config.common import ASPECTS
from scenes.config.schema import ConfigError
from scenes.config.shipped import shipped_dir
from scenes.config.superposition import ExperimentConfig
from scenes.config.theme import themes
from scenes.visual.timeline import BeatTiming

EXIT_USAGE = 2
PROGRESS_BARS = ("display", "leave", "none")  # manim's spellings
# Manim's spellings (-ql, -qm, -qh, -qk) beside the long names.
QUALITY_ALIASES = {"l": "low", "m": "medium", "h": "high", "k": "4k"}


def quality_name(value: str) -> str:
    """``--quality``/``-q``: a long name or manim's one-letter alias."""
    name = QUALITY_ALIASES.get(value, value)
    if name not in QUALITY_ALIASES.values():
        raise argparse.ArgumentTypeError(
            f"expected one of low, medium, high, 4k (or l, m, h, k), got {value!r}"
        )
    return name


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llmfacts", description="Animated explainer clips: how might LLMs store facts."
    )
    parser.add_argument("--version", action="version", version=f"llmfacts {package_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser(
        "list", help="the clips in a folder (default: the shipped clips), with scene and beats"
    )
    listing.add_argument("folder", nargs="?", type=Path, default=None)
    init = commands.add_parser("init", help="copy the shipped configs into DIR to start a remix")
    init.add_argument("folder", type=Path, metavar="DIR")
    check = commands.add_parser("check", help="validate clip files (exit 0 or 2)")
    check.add_argument("files", nargs="+", type=Path)
    render = commands.add_parser(
        "render", help="render clips to DIR/<clip>/<quality>.<format> (see --format)"
    )
    render.add_argument("files", nargs="+", type=Path)
    render.add_argument(
        "-q", "--quality", type=quality_name, default="low", help="low|medium|high|4k or l|m|h|k"
    )
    render.add_argument("--output", type=Path, default=Path("renders"), metavar="DIR")
    add_look_options(render)
    render.add_argument(
        "--stills", action="store_true", help="also save each beat's last frame as a PNG"
    )
    render.add_argument(
        "--format", choices=FORMATS, default=DEFAULT_FORMAT,
        help="the video's container, or png for one still per beat (default: mp4)",
    )  # fmt: skip
    render.add_argument(
        "--transparent", action="store_true",
        help="transparent background (mov, webm or png)",
    )  # fmt: skip
    render.add_argument(
        "--sections", action="store_true",
        help="also write each beat as its own file, listed in <quality>.sections.json",
    )  # fmt: skip
    add_progress_option(render)
    slides = commands.add_parser(
        "slides",
        help="render clips and make each a presentation (one slide per beat) for manim-slides"
        " and a browser: DIR/<clip>/slides/deck.html (slides-9x16-light/ for another ratio"
        " or theme)",
    )
    slides.add_argument("files", nargs="+", type=Path)
    slides.add_argument("-q", "--quality", type=quality_name, default="medium")
    slides.add_argument("--output", type=Path, default=Path("renders"), metavar="DIR")
    add_look_options(slides)
    add_progress_option(slides)
    layout = commands.add_parser(
        "layout",
        help="play clips without rendering and report overlaps, text off the frame, text"
        " under 20 px at 720p and orphaned words (exit 1 if any)",
    )
    layout.add_argument("files", nargs="+", type=Path)
    layout.add_argument(
        "--frames", type=Path, default=None, metavar="DIR",
        help="save the frame where findings appear, outlined in red, as PNGs in DIR",
    )  # fmt: skip
    add_aspect_option(layout, "check this ratio only (default: 16:9, 9:16 and 1:1)")
    previews = commands.add_parser(
        "previews",
        help="render clips at preview quality, beats in parallel, into DIR/<clip>/ and a"
        " gallery DIR/index.html (unchanged clips are skipped)",
    )
    previews.add_argument("files", nargs="*", type=Path, help="default: every shipped clip")
    previews.add_argument("-q", "--quality", type=quality_name, default="low")
    previews.add_argument("--output", type=Path, default=Path("renders/previews"), metavar="DIR")
    previews.add_argument("-j", "--jobs", type=int, default=None, help="default: one per core")
    previews.add_argument("--force", action="store_true", help="render even unchanged clips")
    previews.add_argument(
        "--gallery-only",
        action="store_true",
        help="only write DIR/index.html from the previews already in DIR",
    )
    add_look_options(previews)
    add_progress_option(previews, "one bar of the beats")
    episode = commands.add_parser(
        "episode",
        help="render clips and join them in the video's order into one file with a chapter"
        " per beat: DIR/episode/<quality>.mp4, <quality>.chapters.txt, subtitles",
    )
    episode.add_argument("files", nargs="*", type=Path, help="default: every shipped clip")
    episode.add_argument("-q", "--quality", type=quality_name, default="low")
    episode.add_argument("--output", type=Path, default=Path("renders"), metavar="DIR")
    add_look_options(episode)
    episode.add_argument(
        "--format", choices=CHAPTER_FORMATS, default=DEFAULT_FORMAT,
        help="the episode's container, one that holds chapters (default: mp4)",
    )  # fmt: skip
    add_progress_option(episode)
    script = commands.add_parser(
        "script", help="a teleprompter script (Markdown): each beat's start time and narration"
    )
    script.add_argument("files", nargs="+", type=Path)
    script.add_argument("--output", type=Path, default=None, metavar="FILE")
    params = commands.add_parser("params", help="count a model's parameters by component")
    params.add_argument("model", metavar="FILE_OR_PRESET")
    params.add_argument("--convention", choices=("matrices", "full"), default="matrices")
    params.add_argument("--json", action="store_true", help="one JSON object on stdout")
    sup = commands.add_parser(
        "superposition", help="the video's optimisation of nearly perpendicular vectors"
    )
    # The same defaults as a clip file's `experiment:` section (one place for each number).
    defaults = ExperimentConfig()
    sup.add_argument("--vectors", type=int, default=defaults.vectors, metavar="N")
    sup.add_argument("--dims", type=int, default=defaults.dims, metavar="D")
    sup.add_argument("--steps", type=int, default=defaults.steps, metavar="S")
    sup.add_argument("--seed", type=int, default=0, metavar="K")
    sup.add_argument("--objective", choices=("video", "coherence"), default="video")
    sup.add_argument("--json", action="store_true", help="one JSON object on stdout")
    return parser


def load_all(
    files: Sequence[Path], aspect: str | None = None, theme: str | None = None
) -> list[tuple[Path, ClipConfig]]:
    """Parse every file first, so a typo in the last one stops the run before any render;
    ``aspect`` (``--aspect``) and ``theme`` (``--theme``) replace each file's own."""
    return [(path, load_clip(path, theme, aspect)) for path in files]


def add_aspect_option(command: argparse.ArgumentParser, help_text: str) -> None:
    """``--aspect 16:9|9:16|1:1``."""
    command.add_argument("--aspect", choices=ASPECTS, default=None, help=help_text)


def add_look_options(command: argparse.ArgumentParser) -> None:
    """``--aspect`` and ``--theme``, replacing each file's own, with the same meaning and
    checks on every command that renders (a clip without a layout for the ratio, or an
    unknown theme, is one line on stderr and exit 2)."""
    add_aspect_option(command, "the frame's shape (default: the file's aspect:, else 16:9)")
    command.add_argument(
        "--theme", choices=themes(), default=None,
        help="palette and font, from configs/themes/ (default: the file's theme:, else dark)",
    )  # fmt: skip


def add_progress_option(command: argparse.ArgumentParser, bars: str = "manim's bars") -> None:
    """``--progress-bar auto|display|leave|none``, as manim spells it."""
    command.add_argument(
        "--progress-bar", choices=("auto", *PROGRESS_BARS), default="auto",
        help=f"progress: {bars} (auto: on a terminal, else none and one line per beat)",
    )  # fmt: skip


def package_version() -> str:
    """The installed distribution's version (pyproject.toml is the one place it is written)."""
    try:
        return metadata.version("llmfacts")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def command_init(folder: Path) -> int:
    """Copy the shipped clips and presets into a new folder, the start of a remix."""
    if folder.exists() and any(folder.iterdir()):
        print(f"{folder}: (folder): expected a new or empty folder, got one with files in it;"
              " nothing was overwritten", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    source = shipped_dir()
    scratch = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        shutil.copytree(source, scratch, ignore=shutil.ignore_patterns("__*"))
        if folder.exists():
            folder.rmdir()
        scratch.rename(folder)  # all or nothing: a half-copied remix folder never appears
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    count = len(list(folder.glob("**/*.yaml")))
    print(f"copied {count} config files into {folder}; edit them, then: llmfacts render "
          f"{folder}/<clip>.yaml")  # fmt: skip
    return 0


def command_list(folder: Path | None) -> int:
    folder = shipped_dir() if folder is None else folder
    files = sorted(folder.glob("*.yaml"))
    if not files:
        print(f"{folder}: (folder): expected clip files (*.yaml), got none", file=sys.stderr)
        return EXIT_USAGE
    for path, clip in load_all(files):
        print(f"{path.stem}  [{clip.scene}]  {clip.description}")
        print(f"    beats: {', '.join(clip.beat_order)}")
    return 0


def command_check(files: Sequence[Path]) -> int:
    for path, clip in load_all(files):
        print(f"{path}: ok ({clip.scene}, {len(clip.beat_order)} beats)")
    return 0


def progress_setting(choice: str = "auto") -> str:
    """manim's ``progress_bar`` for ``--progress-bar``: ``auto`` draws bars only when both
    stdout and stderr (where the bars go) are a terminal, so no carriage returns land in a
    log or a pipe."""
    if choice != "auto":
        return choice
    return "display" if sys.stdout.isatty() and sys.stderr.isatty() else "none"


def print_beat(index: int, count: int, beat: BeatTiming) -> None:
    """One plain line as a beat ends (instead of progress bars): its number, name, length."""
    print(f"    beat {index + 1}/{count} {beat.name}: {beat.duration:.1f} s of video", flush=True)


def command_render(
    files: Sequence[Path],
    quality: str,
    output: Path,
    stills: bool,
    aspect: str | None = None,
    *,
    options: OutputOptions | None = None,
    progress: str = "auto",
    theme: str | None = None,
) -> int:
    from scenes.app.render import OutputError, render_clip

    chosen = options or OutputOptions()
    clips = load_all(files, aspect, theme)
    progress_bar = progress_setting(progress)
    for index, (path, clip) in enumerate(clips, start=1):
        print(
            f"[{index}/{len(clips)}] rendering {path} ({clip.scene}) at {quality} quality"
            f" as {chosen.format}{' (transparent)' if chosen.transparent else ''}",
            flush=True,
        )
        started = time.perf_counter()
        try:
            result = render_clip(
                clip, path.stem, quality, output, stills,
                output=chosen, progress_bar=progress_bar,
                on_beat=print_beat if progress_bar == "none" else None,
            )  # fmt: skip
        except OutputError as error:
            print(error, file=sys.stderr)
            return EXIT_USAGE
        elapsed = time.perf_counter() - started
        print(
            f"    wrote {result.video} ({len(result.sections)} sections,"
            f" {result.duration:.1f} s of video, rendered in {elapsed:.1f} s)",
            flush=True,
        )
    return 0


def render_options(args: argparse.Namespace) -> OutputOptions:
    """``--format``, ``--transparent``, ``--sections`` and ``--stills`` as one value
    (raises :class:`FormatError` for a format without an alpha channel and --transparent)."""
    return OutputOptions(args.format, args.transparent, args.sections, args.stills)


def command_slides(
    files: Sequence[Path],
    quality: str,
    output: Path,
    aspect: str | None = None,
    theme: str | None = None,
    progress: str = "auto",
) -> int:
    """Render each clip, then turn its beats into slides with the narration as speaker notes:
    ``DIR/<clip>/slides/``, or ``slides-9x16-light/`` for another ratio or theme."""
    from scenes.app.render import plan_clip
    from scenes.app.slides import SlidesError, build_deck, reveal_dir

    clips = load_all(files, aspect, theme)
    try:
        reveal_dir()  # before minutes of rendering, not after
        import manim_slides  # noqa: F401
    except SlidesError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except ImportError:
        print("manim-slides: (import): expected the optional extra, got none installed; "
              "pip install 'llmfacts[slides]'", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    for path, clip in clips:
        options = OutputOptions(sections=True)  # the slides are the beats' own videos
        code = command_render(
            [path], quality, output, stills=False, aspect=aspect, options=options,
            progress=progress, theme=theme,
        )  # fmt: skip
        if code:
            return code
        timeline, _spans = plan_clip(clip)
        notes = {
            beat.name: beat.narration or " ".join(c.text for c in beat.cues) for beat in timeline
        }
        folder = output / path.stem
        try:
            deck = build_deck(
                folder / f"{clip_stem(quality, clip)}.sections.json",
                notes,
                folder / f"slides{variant_suffix(clip.aspect, clip.theme)}",
                clip.colours.background,
            )
        except SlidesError as error:
            print(error, file=sys.stderr)
            return EXIT_USAGE
        print(f"    slides: {deck} (manim-slides present --folder {deck.parent / 'slides'} "
              f"{clip.scene})", flush=True)  # fmt: skip
    return 0


def one_look(clips: Sequence[tuple[Path, ClipConfig]]) -> str | None:
    """None when the clips share a ratio and a theme (they can be joined into one video);
    else the one-line error naming the first file that differs from the first one."""
    first_path, first = clips[0]
    for path, clip in clips[1:]:
        for key in ("aspect", "theme"):
            mine, theirs = getattr(clip, key), getattr(first, key)
            if mine != theirs:
                return (
                    f"{path}: {key}: expected {theirs!r} as in {first_path} (an episode has one"
                    f" {'frame shape' if key == 'aspect' else 'look'}; or pass --{key}),"
                    f" got {mine!r}"
                )
    return None


def command_episode(
    files: Sequence[Path],
    quality: str,
    output: Path,
    aspect: str | None = None,
    theme: str | None = None,
    *,
    video_format: str = DEFAULT_FORMAT,
    progress: str = "auto",
) -> int:
    """Render the clips, then join them, in the video's order, into one chaptered file:
    ``DIR/episode/<stem>.<format>`` (the stem as a render's: ``low``, ``low-9x16-light``)."""
    from scenes.app.episode import RenderedClip, build_episode, scene_title
    from scenes.config.registry import CLIP_CONFIGS

    chosen = list(files) or sorted(shipped_dir().glob("*.yaml"))
    order = list(CLIP_CONFIGS)
    clips = sorted(load_all(chosen, aspect, theme), key=lambda item: order.index(item[1].scene))
    problem = one_look(clips)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    options = OutputOptions(format=video_format)  # type: ignore[arg-type]  # argparse checked
    code = command_render(
        [path for path, _clip in clips], quality, output, stills=False, aspect=aspect,
        options=options, progress=progress, theme=theme,
    )  # fmt: skip
    if code:
        return code
    stem = clip_stem(quality, clips[0][1])
    rendered = [
        RenderedClip.from_folder(output / path.stem, stem, scene_title(clip.scene))
        for path, clip in clips
    ]
    video = build_episode(rendered, stem, output / "episode")
    print(f"episode: {video} ({len(clips)} clips); chapters for a description: "
          f"{video.parent / f'{stem}.chapters.txt'}", flush=True)  # fmt: skip
    return 0


def command_script(files: Sequence[Path], output: Path | None) -> int:
    """A teleprompter script (Markdown) per clip: each beat's start time and narration."""
    from scenes.app.render import plan_clip
    from scenes.app.subtitles import to_script

    pages = []
    for path, clip in load_all(files):
        timeline, spans = plan_clip(clip)
        pages.append(to_script(f"{path.stem} ({clip.scene})", timeline, spans))
    text = "\n".join(pages)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    return 0


def command_previews(args: argparse.Namespace) -> int:
    """Previews of every clip, beats rendered across the cores, and the gallery page."""
    from scenes.app.previews import Look, build_previews, write_gallery
    from scenes.app.render import OutputError

    if args.gallery_only:
        print(f"wrote {write_gallery(args.output)}")
        return 0
    files = args.files or sorted(shipped_dir().glob("*.yaml"))
    load_all(files, args.aspect, args.theme)  # a typo in any file stops the run at once
    look = Look(args.aspect, args.theme)
    progress = progress_setting(args.progress_bar)
    try:
        summary = build_previews(
            files, args.output, args.quality, args.jobs, args.force,
            look=look, progress=progress,
        )  # fmt: skip
    except OutputError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    rtf = summary.wall_seconds / summary.video_seconds if summary.video_seconds else 0.0
    print(
        f"previews: {len(summary.rendered)} rendered, {len(summary.skipped)} up to date,"
        f" {summary.video_seconds:.1f} s of video in {summary.wall_seconds:.1f} s wall"
        f" on {summary.jobs} processes (RTF {rtf:.2f}); gallery {args.output / 'index.html'}"
    )
    return 0


def command_layout(files: Sequence[Path], frames: Path | None, aspect: str | None = None) -> int:
    """The layout check (scenes/app/layout.py): one line per finding; 1 if any, else 0."""
    from scenes.app.layout import check_clip

    found = 0
    for path, clip in load_all(files, aspect):  # a shape the clip has no layout for: exit 2
        ratios = (aspect,) if aspect else None
        for finding in check_clip(clip, str(path), frames, ratios, remember=True):
            print(finding.line(), flush=True)
            found += 1
    return 1 if found else 0


def command_params(file_or_preset: str, convention: str, as_json: bool) -> int:
    shape = load_model(file_or_preset).to_shape()
    count = mathcore.count_parameters(shape, "full" if convention == "full" else "matrices")
    if as_json:
        fields = ("model", "convention", "total", "active_total", "components", "per_layer")
        print(json.dumps({key: getattr(count, key) for key in fields}))
        return 0
    print(f"{count.model}: {count.convention} convention")
    width = len(mathcore.thousands(count.total))
    print(f"  {'component':12s} {'parameters':>{width}s}   share")
    for name, value in count.components.items():
        share = 100 * value / count.total
        print(f"  {name:12s} {mathcore.thousands(value):>{width}s}  {share:6.2f}%")
    total = mathcore.thousands(count.total)
    print(f"  {'total':12s} {total:>{width}s}  ({mathcore.rounded_label(count.total)})")
    if count.active_total != count.total:
        active = mathcore.thousands(count.active_total)
        print(
            f"  {'active':12s} {active:>{width}s}  ({mathcore.rounded_label(count.active_total)}"
            f" with {shape.experts_per_token} of {shape.n_experts} experts per token)"
        )
    print(f"  per layer ({shape.n_layers} layers):")
    for name, value in count.per_layer.items():
        print(f"    {name:10s} {mathcore.thousands(value):>{width}s}")
    return 0


def command_superposition(args: argparse.Namespace) -> int:
    from scenes.app.experiment import run_experiment

    spec = ExperimentSpec(args.vectors, args.dims, args.steps, args.seed, args.objective)
    problem = spec.problem()
    if problem is not None:
        print(
            f"llmfacts superposition: --{problem.key}: expected {problem.expected},"
            f" got {problem.found}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    result = run_experiment(spec)
    summary = result.summary()
    if args.json:
        print(json.dumps({**summary, "from_cache": result.from_cache}))
        return 0
    source = "cached" if result.from_cache else "computed"
    sizes = f"N={spec.n_vectors}, d={spec.dim}, {spec.run_steps} steps"
    print(f"{spec.objective} objective, {sizes} ({source})")
    for key, value in summary.items():
        print(f"  {key:28s} {value:.6g}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "list":
            return command_list(args.folder)
        if args.command == "init":
            return command_init(args.folder)
        if args.command == "check":
            return command_check(args.files)
        if args.command == "params":
            return command_params(args.model, args.convention, args.json)
        if args.command == "superposition":
            return command_superposition(args)
        if args.command == "slides":
            return command_slides(
                args.files, args.quality, args.output, args.aspect, args.theme, args.progress_bar
            )
        if args.command == "episode":
            return command_episode(
                args.files, args.quality, args.output, args.aspect, args.theme,
                video_format=args.format, progress=args.progress_bar,
            )  # fmt: skip
        if args.command == "script":
            return command_script(args.files, args.output)
        if args.command == "layout":
            return command_layout(args.files, args.frames, args.aspect)
        if args.command == "previews":
            return command_previews(args)
        return command_render(
            args.files, args.quality, args.output, args.stills, args.aspect,
            options=render_options(args), progress=args.progress_bar, theme=args.theme,
        )  # fmt: skip
    except ConfigError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except FormatError as error:
        print(f"llmfacts {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("llmfacts: interrupted; nothing was left half-written", file=sys.stderr)
        return 130
    except Terminated:
        print("llmfacts: terminated; nothing was left half-written", file=sys.stderr)
        return 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM (sent by `timeout`, CI cancellation, process managers), raised like Ctrl-C so
    that every scratch folder and temporary file is cleaned up on the way out."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def run() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # `llmfacts params x | head`: the reader left; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    run()
