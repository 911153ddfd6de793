"""What a render writes: its format, the files' names, and the one remux every MP4 goes through.

- Formats (``--format``): ``mp4`` (H.264), ``webm`` (VP9), ``gif``, ``mov`` (H.264, or
  QuickTime RLE with an alpha channel) and ``png`` (one still per beat, no video). The file's
  extension is always its container's: the format is set on every render, so a ``manim.cfg``
  in the working folder (``format = webm``) cannot change what is written under a name.
- ``--transparent`` needs a format with an alpha channel: ``mov``, ``webm`` or ``png``.
- A non-default aspect ratio and theme are part of the files' names (``low-9x16.mp4``,
  ``low-light.mp4``, ``low-1x1-high-contrast.srt``), so renders of one clip in several ratios
  and themes sit side by side (:func:`output_stem`).
- MP4 and MOV files are *faststart*: the index (``moov``) comes before the media data
  (``mdat``), so a browser starts playing before the whole file has arrived. :func:`remux`
  is the one place that writes them (renders, previews, the episode).

No manim import here; PyAV is imported by the functions that need it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Final, Literal

import numpy as np

from scenes.config.common import DEFAULT_THEME, ClipConfig

Format = Literal["mp4", "webm", "gif", "mov", "png"]
FORMATS: Final[tuple[Format, ...]] = ("mp4", "webm", "gif", "mov", "png")
TRANSPARENT_FORMATS: Final[tuple[Format, ...]] = ("mov", "webm", "png")
DEFAULT_FORMAT: Final[Format] = "mp4"
# The containers that hold chapters: what `llmfacts episode` can join the clips into.
CHAPTER_FORMATS: Final[tuple[Format, ...]] = ("mp4", "webm", "mov")
DEFAULT_ASPECT: Final = "16:9"
FASTSTART_SUFFIXES: Final = (".mp4", ".mov")
CHAPTER_TIME_BASE: Final = Fraction(1, 1000)  # chapters in milliseconds


class FormatError(ValueError):
    """A format and option that do not go together (one line for the user, exit 2)."""


@dataclass(frozen=True)
class OutputOptions:
    """What a render writes beside its index and subtitles.

    Parameters
    ----------
    format
        The container of the clip's video, or ``png`` for one still per beat instead.
    transparent
        Keep the background transparent (an alpha channel): ``mov``, ``webm`` or ``png``.
    sections
        Also write each beat as its own file (``<stem>.sections/NN_<beat>.<ext>``).
    stills
        Also save each beat's last frame as a PNG (``<stem>.stills/NN_<beat>.png``).
    """

    format: Format = DEFAULT_FORMAT
    transparent: bool = False
    sections: bool = False
    stills: bool = False

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise FormatError(
                f"--format: expected one of {', '.join(FORMATS)}, got {self.format!r}"
            )
        if self.transparent and self.format not in TRANSPARENT_FORMATS:
            raise FormatError(
                "--transparent: expected a format with an alpha channel (mov, webm or png),"
                f" got --format {self.format}"
            )

    @property
    def is_video(self) -> bool:
        """True unless the output is stills only (``png``)."""
        return self.format != "png"

    def video_name(self, stem: str) -> str:
        """The clip's file name: ``<stem>.<format>`` (for ``png``, the stills folder)."""
        return f"{stem}.{self.format}" if self.is_video else f"{stem}.stills"


def variant_suffix(aspect: str = DEFAULT_ASPECT, theme: str = DEFAULT_THEME) -> str:
    """What sets a render's names apart from the default look's: ``-<ratio>`` for a ratio
    other than 16:9 and ``-<theme>`` for a theme other than dark, in that order (``""``,
    ``-9x16``, ``-light``, ``-9x16-light``)."""
    suffix = "" if aspect == DEFAULT_ASPECT else f"-{aspect.replace(':', 'x')}"
    return suffix if theme == DEFAULT_THEME else f"{suffix}-{theme}"


def output_stem(quality: str, aspect: str = DEFAULT_ASPECT, theme: str = DEFAULT_THEME) -> str:
    """The name every file of a render starts with: the quality, then a ratio other than
    16:9 and a theme other than dark (``low``, ``low-9x16``, ``low-light``,
    ``high-1x1-high-contrast``), so no render replaces another ratio's or theme's."""
    return quality + variant_suffix(aspect, theme)


def clip_stem(quality: str, clip: ClipConfig) -> str:
    """:func:`output_stem` of a parsed clip (its ratio and theme, after any --aspect and
    --theme)."""
    return output_stem(quality, clip.aspect, clip.theme)


@dataclass(frozen=True)
class ChapterMark:
    """A chapter written into an MP4 by :func:`remux`: its title and times in seconds."""

    title: str
    start: float
    end: float


def remux(sources: Sequence[Path], target: Path, chapters: Sequence[ChapterMark] = ()) -> None:
    """Copy the video of ``sources`` (joined in order; one encoding) into ``target`` without
    re-encoding. The container follows ``target``'s extension; an MP4 or MOV gets its index
    first (``movflags=+faststart``) and ``chapters`` as chapter metadata.

    One source is read directly, keeping its timestamps; several are joined by libav's concat
    demuxer (as manim joins its partial movie files), their decoding timestamps recomputed
    across the joins."""
    import av

    if not sources:
        raise ValueError(f"{target}: nothing to write (no source videos)")
    options = {"movflags": "+faststart"} if target.suffix.lower() in FASTSTART_SUFFIXES else {}
    if len(sources) == 1:
        source = av.open(str(sources[0]))
    else:
        manifest = "".join(f"file {_quoted(video)}\n" for video in sources).encode()
        source = av.open(io.BytesIO(manifest), mode="r", format="concat", options={"safe": "0"})
    with source, av.open(str(target), mode="w", options=options) as out:
        stream = source.streams.video[0]
        copied = out.add_stream_from_template(template=stream)
        if chapters:
            out.set_chapters(
                [
                    {
                        "id": number + 1,
                        "start": round(c.start / CHAPTER_TIME_BASE),
                        "end": round(c.end / CHAPTER_TIME_BASE),
                        "time_base": CHAPTER_TIME_BASE,
                        "metadata": {"title": c.title},
                    }
                    for number, c in enumerate(chapters)
                ]
            )
        for packet in source.demux(stream):
            if packet.dts is None:  # the demuxer's flushing packets
                continue
            if len(sources) > 1:
                packet.dts = None  # let libav recompute it across the joins
            packet.stream = copied
            out.mux(packet)


def straight_alpha(pixels: np.ndarray, background: np.ndarray) -> np.ndarray:
    """A transparent frame as PNG and video encoders read it (straight alpha), from the
    pixels manim's Cairo camera leaves (``H × W × 4`` uint8).

    Cairo composites with premultiplied colours onto a background of colour ``b`` (the clip's,
    ``background``: 3 values 0–255) and alpha 0, so a pixel of alpha ``a`` (0–1) holds
    ``c = a·s + (1 − a)·b`` where ``s`` is the drawn colour. Written as it is, an edge or a
    thin glyph (``a`` < 1) comes out darker and tinted by ``b``; this returns
    ``s = (c − (1 − a)·b) / a`` (clipped to 0–255) and keeps ``b`` where ``a`` = 0. Opaque
    pixels are unchanged."""
    alpha = pixels[..., 3:4].astype(np.float32) / 255.0
    colour = pixels[..., :3].astype(np.float32)
    under = np.asarray(background, dtype=np.float32)[:3]
    drawn = (colour - (1.0 - alpha) * under) / np.maximum(alpha, 1e-6)
    out = pixels.copy()
    out[..., :3] = np.where(alpha > 0, np.clip(np.rint(drawn), 0, 255), under).astype(np.uint8)
    return out


def _quoted(path: Path) -> str:
    return "'" + path.resolve().as_posix().replace("'", "'\\''") + "'"
