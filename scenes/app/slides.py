"""Slides: a rendered clip as a manim-slides presentation, one slide per beat.

manim-slides (the presenting tool of Manim's ecosystem) reads a presentation file,
``slides/<Scene>.json``, listing each slide's video, its reversed video and speaker notes;
``manim-slides present`` plays it and ``manim-slides convert`` turns it into a reveal.js deck.
Its own way of writing that file is a ``Slide`` scene rendered by its ``render`` command, which
fails on manim 0.22 (``ManimConfig.write_to_movie``). We write the file ourselves from what a
render already leaves: the per-beat section videos and the narration of each beat (the speaker
notes), so any manim version our clips support can be presented.

The HTML deck must work in a lecture hall without internet: reveal.js is a local copy (set-up
fetches the npm package into the venv, see the Makefile's ``slides-assets``), copied beside the
deck, and the converter is pointed at it instead of a CDN.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

REVEAL_VERSION = "6.0.1"  # the version manim-slides' template is written against
REVEAL_ENV = "LLMFACTS_REVEAL_JS"  # a folder holding reveal.js's dist/, to use another copy


class SlidesError(Exception):
    """Something the deck needs is missing (one line for the user, exit 2)."""


@dataclass(frozen=True)
class Slide:
    """One beat as a slide: its video (relative to the sections index) and speaker notes."""

    name: str
    video: Path
    notes: str


def reveal_dir() -> Path:
    """The local reveal.js (the folder with ``dist/``): $LLMFACTS_REVEAL_JS, or the copy
    set-up put in the venv."""
    chosen = os.environ.get(REVEAL_ENV)
    folder = Path(chosen) if chosen else Path(sys.prefix) / "share" / "llmfacts" / "reveal.js"
    if not (folder / "dist" / "reveal.js").is_file():
        raise SlidesError(
            f"{folder}: (reveal.js): expected a local reveal.js {REVEAL_VERSION} with dist/, got "
            f"none; run `make slides-assets` or set {REVEAL_ENV}"
        )
    return folder


def slides_from_index(index_file: Path, notes: Mapping[str, str]) -> tuple[str, list[Slide]]:
    """The scene name and one slide per section of a render's ``<quality>.sections.json``."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    slides = [
        Slide(s["name"], index_file.parent / s["file"], notes.get(s["name"], ""))
        for s in index["sections"]
    ]
    if not slides:
        raise SlidesError(f"{index_file}: sections: expected at least one beat, got none")
    return str(index["scene"]), slides


def reverse_video(source: Path, target: Path) -> None:
    """``source`` played backwards (manim-slides plays it when the presenter steps back)."""
    import av

    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or Fraction(30)
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(stream)]
    with av.open(str(target), mode="w") as out:
        video = out.add_stream("libx264", rate=rate)
        video.width, video.height = frames[0].shape[1], frames[0].shape[0]
        video.pix_fmt = "yuv420p"
        for array in reversed(frames):
            for packet in video.encode(av.VideoFrame.from_ndarray(array, format="rgb24")):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)


def video_size(video: Path) -> tuple[int, int]:
    import av

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        return stream.codec_context.width, stream.codec_context.height


def write_presentation(scene: str, slides: Sequence[Slide], folder: Path, background: str) -> Path:
    """``folder/slides/<scene>.json`` and its videos, in manim-slides' presentation format
    (paths relative to ``folder``, as manim-slides resolves them)."""
    files = folder / "slides" / "files" / scene
    files.mkdir(parents=True)
    entries = []
    for number, slide in enumerate(slides):
        video = files / f"{number:02d}_{slide.name}.mp4"
        reverse = files / f"{number:02d}_{slide.name}.reversed.mp4"
        shutil.copyfile(slide.video, video)
        reverse_video(video, reverse)
        entries.append(
            {
                "file": str(video.relative_to(folder)),
                "rev_file": str(reverse.relative_to(folder)),
                "notes": slide.notes,
                "type": "video",
                "loop": False,
                "auto_next": False,
            }
        )
    config = {
        "slides": entries,
        "resolution": list(video_size(files / f"00_{slides[0].name}.mp4")),
        "background_color": background,
    }
    presentation = folder / "slides" / f"{scene}.json"
    presentation.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return presentation


def convert_to_html(scene: str, folder: Path, deck: Path, reveal: Path) -> None:
    """``manim-slides convert`` into ``deck`` with reveal.js from ``reveal`` copied beside it
    (the converter's ``cdn_url`` then points at that local folder)."""
    shutil.copytree(reveal / "dist", deck.parent / "reveal.js" / "dist")
    command = [
        sys.executable, "-m", "manim_slides", "convert", "--folder", str(folder / "slides"),
        "--to", "html", scene, str(deck),
        "-ccdn_url=reveal.js", f"-creveal_version={REVEAL_VERSION}",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=deck.parent)
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]
        raise SlidesError(f"{deck}: (manim-slides convert): expected a deck, got {last}")


def build_deck(index_file: Path, notes: Mapping[str, str], output: Path, background: str) -> Path:
    """A presentation folder ``output`` holding ``slides/`` (for ``manim-slides present``)
    and ``deck.html`` with its assets (for a browser). All or nothing: built in a scratch
    folder beside ``output`` and moved into place at the end."""
    try:
        import manim_slides  # noqa: F401
    except ImportError:
        raise SlidesError(
            "manim-slides: (import): expected the optional extra, got none installed; "
            "pip install 'llmfacts[slides]'"
        ) from None
    reveal = reveal_dir()
    scene, slides = slides_from_index(index_file, notes)
    output.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".partial-slides-{os.getpid()}-", dir=output.parent))
    try:
        write_presentation(scene, slides, scratch, background)
        convert_to_html(scene, scratch, scratch / "deck.html", reveal)
        if output.exists():
            shutil.rmtree(output)
        os.replace(scratch, output)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return output / "deck.html"
