"""Clip configs: one YAML file per clip, parsed once into frozen dataclasses.

No manim import here, so ``llmfacts check`` and ``llmfacts list`` answer quickly. A file names
its scene under ``scene:``; the matching dataclass below says which keys it may hold, their
types, ranges and defaults. Each dataclass's ``BEATS`` is the clip's script: the beat names in
their default order, each a method of the scene.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from scenes import style
from scenes.schema import ConfigError, describe, option, parse, read_yaml

# Toy arrays are small; refuse any size whose arrays would not fit comfortably in memory.
MEMORY_LIMIT_BYTES = 2 * 1024**3
FLOAT_BYTES = 8
# Direction symbols go into LaTeX, so they are plain letters.
SYMBOL = (r"[A-Za-z]{1,3}", "1 to 3 plain letters (used in LaTeX)")


@dataclass(frozen=True, kw_only=True)
class FactConfig:
    """The fact the clip tells: "<first_name> <last_name> plays <attribute>"."""

    first_name: str = option("Michael", max_length=30, doc="first name feature")
    last_name: str = option("Jordan", max_length=30, doc="last name feature")
    attribute: str = option("basketball", max_length=30, doc="the fact's attribute")
    first_symbol: str = option("M", pattern=SYMBOL, doc="letter for the first-name direction")
    last_symbol: str = option("J", pattern=SYMBOL, doc="letter for the last-name direction")
    attribute_symbol: str = option("B", pattern=SYMBOL, doc="letter for the attribute direction")


@dataclass(frozen=True, kw_only=True)
class ColourConfig:
    """Colours of the named features and of the text, as '#RRGGBB'."""

    first_name: str = option(style.FIRST_NAME, colour=True)
    last_name: str = option(style.LAST_NAME, colour=True)
    attribute: str = option(style.ATTRIBUTE, colour=True)
    combined: str = option(style.COMBINED, colour=True)
    text: str = option(style.TEXT, colour=True)
    background: str = option(style.BACKGROUND, colour=True)


@dataclass(frozen=True, kw_only=True)
class ClipConfig:
    """Keys every clip has. Subclasses add their own sections and their ``BEATS``."""

    BEATS: ClassVar[tuple[str, ...]] = ()

    scene: str = option(doc="the scene class this file renders")
    description: str = option("", max_length=200, doc="one line for `llmfacts list`")
    seed: int = option(0, low=0, high=2**32 - 1, doc="seed for every random draw")
    beats: tuple[str, ...] | None = option(None, doc="beats to render, in order (default all)")
    pacing: float = option(1.0, low=0.1, high=10.0, doc="multiplies every run time")
    colours: ColourConfig = field(default_factory=ColourConfig)

    @property
    def beat_order(self) -> tuple[str, ...]:
        """The beats this clip renders: the config's list, or every beat in script order."""
        return self.beats if self.beats is not None else self.BEATS

    def memory_bytes(self) -> int:
        """Bytes the clip's arrays need; checked against MEMORY_LIMIT_BYTES before allocating."""
        return 0

    def sizes_text(self) -> str:
        """The sizes that memory_bytes depends on, for the error message."""
        return ""


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsSpace:
    """The toy embedding space the three feature directions live in."""

    d_model: int = option(3, low=3, doc="dimension of the embedding space")
    tilt: float = option(0.08, low=0.0, high=0.5, doc="how far from exactly perpendicular")


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsText:
    """Words on screen; {first_name}, {last_name} and {attribute} are filled in from the fact."""

    title: str = option("The toy assumptions", max_length=60)
    first_name_label: str = option("first name {first_name}", max_length=60)
    last_name_label: str = option("last name {last_name}", max_length=60)
    attribute_label: str = option("{attribute}", max_length=60)
    encoding_label: str = option("{first_name} {last_name}", max_length=70)
    angles_heading: str = option("Nearly perpendicular", max_length=60)
    encoding_note: str = option(
        "An earlier attention block moved {first_name} into the {last_name} token",
        max_length=120,
    )


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsConfig(ClipConfig):
    """Beat 1.7: three nearly perpendicular feature directions and a vector encoding a name."""

    BEATS: ClassVar[tuple[str, ...]] = ("directions", "angles", "encoding")

    fact: FactConfig = field(default_factory=FactConfig)
    toy: ToyDirectionsSpace = field(default_factory=ToyDirectionsSpace)
    text: ToyDirectionsText = field(default_factory=ToyDirectionsText)

    def memory_bytes(self) -> int:
        # Directions (3 × d), their QR workspace and the encoded vector: a few d-vectors.
        return 8 * self.toy.d_model * FLOAT_BYTES

    def sizes_text(self) -> str:
        return f"d_model={self.toy.d_model}"


SCENE_CONFIGS: dict[str, type[ClipConfig]] = {
    "ToyDirections": ToyDirectionsConfig,
}


def load_clip(path: str | Path) -> ClipConfig:
    """Read, validate and parse one clip file; raise ConfigError naming what is wrong."""
    source = str(path)
    raw = read_yaml(Path(path), source)
    if not isinstance(raw, dict):
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(source, "(top level)", "a mapping with a 'scene' key", found)
    scene = raw.get("scene")
    if scene not in SCENE_CONFIGS:
        expected = "one of " + ", ".join(SCENE_CONFIGS) + _did_you_mean(scene, SCENE_CONFIGS)
        raise ConfigError(source, "scene", expected, describe(scene))
    clip = parse(SCENE_CONFIGS[scene], raw, source)
    _check_beats(clip, source)
    _check_text_templates(raw, source)
    _check_memory(clip, source)
    return clip


def _did_you_mean(word: object, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_beats(clip: ClipConfig, source: str) -> None:
    if clip.beats is None:
        return
    if not clip.beats:
        raise ConfigError(source, "beats", "at least one beat name", "an empty list")
    for index, name in enumerate(clip.beats):
        if name not in clip.BEATS:
            expected = "one of " + ", ".join(clip.BEATS) + _did_you_mean(name, clip.BEATS)
            raise ConfigError(source, f"beats[{index}]", expected, describe(name))
    if len(set(clip.beats)) != len(clip.beats):
        raise ConfigError(source, "beats", "each beat at most once", describe(list(clip.beats)))


PLACEHOLDERS = ("first_name", "last_name", "attribute")


def _check_text_templates(raw: dict[str, Any], source: str) -> None:
    """Text templates may only use the fact's placeholders; refuse a typo before rendering."""
    texts = raw.get("text") or {}
    sample = dict.fromkeys(PLACEHOLDERS, "x")
    for key, template in texts.items():
        try:
            template.format(**sample)
        except (KeyError, IndexError, ValueError):
            expected = "text whose {placeholders} are " + ", ".join(PLACEHOLDERS)
            raise ConfigError(source, f"text.{key}", expected, describe(template)) from None


def _check_memory(clip: ClipConfig, source: str) -> None:
    needed = clip.memory_bytes()
    if needed > MEMORY_LIMIT_BYTES:
        expected = f"sizes needing at most {_human_bytes(MEMORY_LIMIT_BYTES)} of memory"
        found = f"{clip.sizes_text()}, which needs {_human_bytes(needed)}"
        raise ConfigError(source, "toy", expected, found)


def _human_bytes(count: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if count < 1024 or unit == "TiB":
            return f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable")


def fill(template: str, fact: FactConfig) -> str:
    """A text template with the fact's names filled in."""
    return template.format(
        first_name=fact.first_name, last_name=fact.last_name, attribute=fact.attribute
    )
