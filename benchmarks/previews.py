"""``make bench``, previews part: the whole preview set rendered beat by beat across the cores
(``llmfacts previews``) against the same set rendered one clip at a time in one process (as
``llmfacts render`` does), measured in the same run; then an unchanged re-render; then, with
``--manim-caching``, what manim's own caching costs and saves on one clip.

Real-time factor (RTF) = wall time / total video duration, at low quality. Goal: previews'
RTF <= 0.25 on the machine's cores, and an unchanged re-render under 10 s. First every clip is
played once in manim's dry-run mode, so that LaTeX, text and the superposition experiment are
cached and neither timed run pays for them. The machine may be shared: the load average is
printed with the figures, and only ratios measured in one run mean much.

``python benchmarks/previews.py [CONFIG ...] [--jobs N] [--manim-caching]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from manim import config, tempconfig

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scenes.app.previews import build_previews  # noqa: E402
from scenes.app.render import (  # noqa: E402
    plan_clip,
    render_clip,
    shared_settings,
    video_seconds,
)
from scenes.config import load_clip, scene_class  # noqa: E402
from scenes.config.shipped import shipped_dir  # noqa: E402

GOAL_RTF = 0.25
GOAL_UNCHANGED = 10.0


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def one_at_a_time(configs: list[Path], out: Path) -> tuple[float, float]:
    """Every clip rendered in turn in this process: (wall seconds, video seconds)."""
    started, video = time.perf_counter(), 0.0
    for path in configs:
        clip_started = time.perf_counter()
        result = render_clip(load_clip(path), path.stem, "low", out)
        video += result.duration
        wall = time.perf_counter() - clip_started
        print(f"    {path.stem:24s} {wall:6.1f} s for {result.duration:6.1f} s of video")
    return time.perf_counter() - started, video


def manim_caching(path: Path, scratch: Path) -> None:
    """One clip rendered with manim's caching off, on (cold: every animation hashed, none
    found), and on again into the same media folder (warm: every animation found)."""
    clip = load_clip(path)

    def render(media: Path, disable: bool) -> float:
        settings = {
            **shared_settings(),
            "quality": "low_quality",
            "media_dir": str(media),
            "output_file": path.stem,
            "disable_caching": disable,
            "background_color": clip.colours.background,
        }
        started = time.perf_counter()
        with tempconfig(settings):
            scene = scene_class(clip)(clip)
            scene.render()
            seconds = video_seconds(Path(scene.renderer.file_writer.movie_file_path))
        wall = time.perf_counter() - started
        print(f"    {wall:6.1f} s for {seconds:5.1f} s of video")
        return wall

    print(f"manim's caching on {path.stem} (low quality), {load()}:")
    print("  off:", end="")
    off = render(scratch / "off", True)
    print("  on, nothing cached yet (what every render into a fresh folder pays):", end="")
    cold = render(scratch / "on", False)
    print("  on, everything cached (an unchanged re-render into the same folder):", end="")
    warm = render(scratch / "on", False)
    print(
        f"  caching on costs {cold - off:+.1f} s ({100 * (cold - off) / off:+.0f}%) on every render"
        " into a new media folder (every llmfacts render: each uses a fresh scratch folder);"
        f" even with every animation found it takes {warm - off:+.1f} s"
        f" ({100 * (warm - off) / off:+.0f}%) against caching off: verdict, keep it off"
        if warm >= off
        else f"  caching on costs {cold - off:+.1f} s on a new folder, saves {off - warm:.1f} s"
        " when everything is found"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("configs", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--manim-caching", action="store_true")
    args = parser.parse_args()
    configs = args.configs or sorted(shipped_dir().glob("*.yaml"))
    config.progress_bar = "none"
    with tempfile.TemporaryDirectory(prefix="llmfacts-bench-") as scratch:
        out = Path(scratch)
        print(f"previews: {len(configs)} clips; warming caches (dry runs) ...", flush=True)
        for path in configs:
            plan_clip(load_clip(path))
        print(f"one clip at a time (llmfacts render), {load()}:", flush=True)
        base_wall, base_video = one_at_a_time(configs, out / "one")
        shutil.rmtree(out / "one")
        print(f"previews (beats across the cores), {load()}:", flush=True)
        summary = build_previews(configs, out / "previews", "low", args.jobs, force=True)
        print(f"unchanged re-render (the command, from start to exit), {load()}:", flush=True)
        command = [str(Path(sys.executable).parent / "llmfacts"), "previews", *map(str, configs)]
        started = time.perf_counter()
        rerun = subprocess.run(
            [*command, "--output", str(out / "previews")], capture_output=True, text=True
        )
        again = time.perf_counter() - started
        print("    " + rerun.stdout.strip().splitlines()[-1])
        video = summary.video_seconds
        print(f"preview set: {len(configs)} clips, {video:.1f} s of video ({load()})")
        print(f"  one clip at a time:  {base_wall:7.1f} s wall, RTF {base_wall / base_video:.3f}")
        print(
            f"  previews, {summary.jobs} processes: {summary.wall_seconds:7.1f} s wall,"
            f" RTF {summary.wall_seconds / video:.3f}"
            f" ({base_wall / summary.wall_seconds:.2f}x faster)"
        )
        verdict = "met" if summary.wall_seconds / video <= GOAL_RTF else "NOT met"
        print(f"  goal: previews RTF <= {GOAL_RTF}: {verdict}")
        skipped = f"previews: 0 rendered, {len(configs)} up to date" in rerun.stdout
        verdict = "met" if again < GOAL_UNCHANGED and skipped else "NOT met"
        print(
            f"  unchanged re-render: {again:.2f} s (all skipped: {skipped});"
            f" goal < {GOAL_UNCHANGED:.0f} s: {verdict}"
        )
        if args.manim_caching:
            manim_caching(configs[0], out / "caching")
    return 0


if __name__ == "__main__":
    sys.exit(main())
