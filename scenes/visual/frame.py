"""The frame a clip is drawn in: 16:9 (landscape), 9:16 (vertical shorts) or 1:1 (square).

Whatever the ratio, the frame's shorter side is 8 scene units and the quality's shorter side in
pixels (480 low, 720 medium, 1080 high), so a font size gives the same pixel height in every
ratio and "20 px at 720p" means the same everywhere. A vertical frame is therefore 8 units wide
and about 14.2 high: layouts reflow into it (stacked rather than side by side) instead of being
shrunk. Beats ask this module where the room is (:func:`is_portrait`, :func:`caption_width`,
:func:`caption_zone`) at the time they build their picture, never at import time.
"""

from __future__ import annotations

from typing import Final

from manim import DOWN, RIGHT, config

from scenes.config.common import ASPECTS, Aspect
from scenes.visual import style

__all__ = ["ASPECTS", "Aspect", "apply_aspect", "caption_width", "caption_zone", "is_portrait"]
DEFAULT_ASPECT: Final[Aspect] = "16:9"
SHORT_SIDE_UNITS: Final = 8.0


def ratio(aspect: str) -> tuple[int, int]:
    """``"9:16"`` → ``(9, 16)``."""
    width, height = (int(part) for part in aspect.split(":"))
    return width, height


def pixel_size(aspect: str, short_side: int) -> tuple[int, int]:
    """Pixel width and height for ``aspect`` with ``short_side`` pixels on the shorter side
    (rounded to an even number, as H.264 needs): 9:16 at 1080 is 1080 × 1920."""
    width, height = ratio(aspect)
    long_side = short_side * max(width, height) / min(width, height)
    long_pixels = round(long_side / 2) * 2
    return (long_pixels, short_side) if width >= height else (short_side, long_pixels)


def frame_settings(aspect: str, short_side: int) -> dict[str, float | int]:
    """manim settings (pixel and frame sizes) for ``aspect`` at ``short_side`` pixels."""
    pixel_width, pixel_height = pixel_size(aspect, short_side)
    units_per_pixel = SHORT_SIDE_UNITS / min(pixel_width, pixel_height)
    return {
        "pixel_width": pixel_width,
        "pixel_height": pixel_height,
        "frame_width": pixel_width * units_per_pixel,
        "frame_height": pixel_height * units_per_pixel,
    }


def apply_aspect(aspect: str) -> None:
    """Set manim's config to draw ``aspect`` at the current quality (its shorter side kept):
    called by a clip's scene before manim builds its camera and file writer. Keeps manim's
    own pixel width when the ratio is unchanged (854 × 480 at low quality)."""
    short_side = min(config.pixel_width, config.pixel_height)
    width, height = ratio(aspect)
    current_landscape = config.pixel_width > config.pixel_height
    if width != height and (width > height) == current_landscape:
        settings: dict[str, float | int] = {
            "pixel_width": config.pixel_width,
            "pixel_height": config.pixel_height,
        }
        units_per_pixel = SHORT_SIDE_UNITS / short_side
        settings["frame_width"] = config.pixel_width * units_per_pixel
        settings["frame_height"] = config.pixel_height * units_per_pixel
    elif width != height and config.pixel_width != config.pixel_height:
        settings = frame_settings(aspect, short_side)  # turned: swap the sides
        settings["pixel_width"], settings["pixel_height"] = config.pixel_height, config.pixel_width
    else:
        settings = frame_settings(aspect, short_side)
    config.pixel_width = int(settings["pixel_width"])
    config.pixel_height = int(settings["pixel_height"])
    config.frame_height = float(settings["frame_height"])
    config.frame_width = float(settings["frame_width"])


def current_aspect() -> Aspect:
    """The ratio manim's config draws now (nearest of :data:`ASPECTS`)."""
    shape = config.frame_width / config.frame_height
    if shape > 1.2:
        return "16:9"
    return "9:16" if shape < 0.85 else "1:1"


def is_portrait() -> bool:
    """True in the vertical frame (taller than wide)."""
    return config.frame_height > config.frame_width * 1.2


def is_landscape() -> bool:
    """True in the wide frame."""
    return config.frame_width > config.frame_height * 1.2


def side_by_side() -> object:
    """The direction for two pictures next to each other: RIGHT in the wide frame, DOWN
    (stacked) in the square and vertical ones."""
    return RIGHT if is_landscape() else DOWN


def caption_width() -> float:
    """How wide a caption or narration line may be."""
    return min(style.CAPTION_WIDTH, config.frame_width - 2 * style.EDGE_BUFFER)


def caption_zone() -> float:
    """Height kept free at the bottom of the frame for captions."""
    return style.CAPTION_ZONE if is_landscape() else style.CAPTION_ZONE_NARROW
