"""Render a parsed clip through manim's Python API, atomically.

The video is written under a hidden temporary folder inside the output folder and moved to
``<output>/<clip>/<quality>.mp4`` only once manim has finished, so an interrupted or failed
render never leaves a half-written file where a user (or a CI job) looks for the clip.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scenes.config import ClipConfig, scene_class

QUALITIES = {
    "low": "low_quality",
    "medium": "medium_quality",
    "high": "high_quality",
    "4k": "fourk_quality",
}


def cache_dir() -> Path:
    """Where compiled LaTeX and text are kept between renders (XDG cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "llmfacts"


@dataclass(frozen=True)
class RenderResult:
    """Where the finished video is, and the sections (beats) it holds."""

    video: Path
    sections: tuple[str, ...]


def last_frame_png(video: Path, png: Path) -> None:
    """Decode ``video`` and save its last frame as ``png``."""
    import av

    with av.open(str(video)) as container:
        frame = None
        for frame in container.decode(video=0):  # noqa: B007 - we want the last one
            pass
        if frame is None:
            raise RuntimeError(f"{video} holds no frames")
        frame.to_image().save(png)


def render_clip(
    clip: ClipConfig, name: str, quality: str, output_dir: Path, stills: bool = False
) -> RenderResult:
    """Render ``clip`` at ``quality`` to ``output_dir/name/quality.mp4``; return where it is.

    With ``stills``, the last frame of every section (beat) is also saved as
    ``output_dir/name/quality.stills/NN_<beat>.png``.
    """
    from manim import tempconfig

    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / name / f"{quality}.mp4"
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=f".partial-{name}-") as scratch:
        settings = {
            "quality": QUALITIES[quality],
            "media_dir": scratch,
            "tex_dir": str(cache_dir() / "tex"),
            "text_dir": str(cache_dir() / "text"),
            "save_sections": True,
            "output_file": name,
            "background_color": clip.colours.background,
            "verbosity": "WARNING",
            "disable_caching": True,
        }
        with tempconfig(settings):
            scene = scene_class(clip)(clip)
            scene.render()
            produced = Path(scene.renderer.file_writer.movie_file_path)
            writer = scene.renderer.file_writer
            sections = tuple(s.name for s in writer.sections)
            section_videos = [
                writer.sections_output_dir / s.video for s in writer.sections if s.video
            ]
        final.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(scratch) / final.name
        shutil.move(produced, staged)
        index = Path(scratch) / "sections.json"
        index.write_text(json.dumps({"clip": name, "sections": list(sections)}, indent=2) + "\n")
        # Same file system (the scratch folder is inside output_dir): each rename is atomic.
        os.replace(index, final.with_suffix(".sections.json"))
        if stills:
            still_dir = Path(scratch) / "stills"
            still_dir.mkdir()
            for number, (section, video) in enumerate(zip(sections, section_videos, strict=True)):
                last_frame_png(video, still_dir / f"{number:02d}_{section}.png")
            target = final.with_suffix(".stills")
            shutil.rmtree(target, ignore_errors=True)
            os.replace(still_dir, target)
        os.replace(staged, final)
    return RenderResult(final, sections)
