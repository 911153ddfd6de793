"""What every clip's config shares: the fact, the colours, the narration, the beat list, and
the rules that tie them together.

Each clip's config class (one module per clip in this package) subclasses :class:`ClipConfig`,
names its scene in ``SCENE`` ("module:Class", imported only when rendering), lists its beats in
``BEATS`` and checks its own cross-field rules in :meth:`ClipConfig.check`.
"""

from __future__ import annotations

import dataclasses
import difflib
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from scenes.config.narration import NarrationConfig
from scenes.config.schema import ConfigError, describe, option
from scenes.visual import style

# Toy pictures show a few rows of each array: 64 MiB holds a GPT-2-small-sized toy block
# (768 x 3072) and half a million toy dimensions, and the largest accepted sizes still run in
# well under a second (tests/test_budgets.py runs them and checks memory_bytes bounds them).
MEMORY_LIMIT_BYTES = 64 * 1024**2
FLOAT_BYTES = 8
SMALL_ARRAYS_BYTES = 512 * 1024  # small draws numpy does not scale in place, bookkeeping
TEXT_LENGTH = 120
NAME_LENGTH = 30
# Direction symbols go into LaTeX, so they are plain letters.
SYMBOL = (r"[A-Za-z]{1,3}", "1 to 3 plain letters (used in LaTeX)")

# Every {placeholder} a text template may use; fill() defines all of them in every clip.
PLACEHOLDERS = (
    "first_name",
    "last_name",
    "attribute",
    "model",
    "n",
    "tolerance",
    "epsilon",
    "share",
    "degrees",
    "min_angle",
)


@dataclass(frozen=True, kw_only=True)
class FactConfig:
    """The fact the clip tells: "<first_name> <last_name> plays <attribute>"."""

    first_name: str = option("Michael", max_length=NAME_LENGTH, doc="first name feature")
    last_name: str = option("Jordan", max_length=NAME_LENGTH, doc="last name feature")
    attribute: str = option("basketball", max_length=NAME_LENGTH, doc="the fact's attribute")
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
class MatrixDisplay:
    """How much of each array is drawn; the rest is ellipses."""

    rows: int = option(6, low=3, high=10, doc="matrix rows shown")
    columns: int = option(6, low=3, high=10, doc="matrix columns shown")
    decimals: int = option(1, low=0, high=3, doc="digits after the point")
    tokens: int = option(6, low=2, high=8, doc="tokens shown side by side")


@dataclass(frozen=True, kw_only=True)
class ClipConfig:
    """Keys every clip has. Subclasses add their own sections, ``SCENE`` and ``BEATS``."""

    SCENE: ClassVar[str] = ""  # "module:Class" of the scene that renders this config
    BEATS: ClassVar[tuple[str, ...]] = ()

    scene: str = option(doc="the scene class this file renders")
    description: str = option("", max_length=200, doc="one line for `llmfacts list`")
    seed: int = option(0, low=0, high=2**32 - 1, doc="seed for every random draw")
    beats: tuple[str, ...] | None = option(None, doc="beats to render, in order (default all)")
    pacing: float = option(1.0, low=0.1, high=10.0, doc="multiplies every run time")
    colours: ColourConfig = field(default_factory=ColourConfig)
    narration: NarrationConfig = field(default_factory=NarrationConfig)

    @classmethod
    def scene_name(cls) -> str:
        """The name a clip file writes under ``scene:`` (the scene class's name)."""
        return cls.SCENE.rpartition(":")[2]

    @classmethod
    def prepare_raw(cls, raw: dict[str, Any], source: str) -> dict[str, Any]:
        """Resolve references in the raw mapping before parsing (e.g. a model preset's
        name); the default changes nothing."""
        return raw

    @property
    def beat_order(self) -> tuple[str, ...]:
        """The beats this clip renders: the config's list, or every beat in script order."""
        return self.beats if self.beats is not None else self.BEATS

    def narration_for(self, beat_name: str) -> str:
        """The narration template of one beat ("" when the config gives none)."""
        return self.narration.beats.get(beat_name, "")

    def memory_bytes(self) -> int:
        """Bytes the clip's arrays need; checked against MEMORY_LIMIT_BYTES before allocating."""
        return 0

    def sizes_text(self) -> str:
        """The sizes that memory_bytes depends on, for the error message."""
        return ""

    def check(self, source: str) -> None:
        """Refuse combinations the per-key types and ranges cannot see. Subclasses add their
        own rules and call ``super().check(source)``."""
        self._check_beats(source)
        self._check_narration(source)
        self._check_templates(source)
        self._check_memory(source)

    def _check_beats(self, source: str) -> None:
        if self.beats is None:
            return
        if not self.beats:
            raise ConfigError(source, "beats", "at least one beat name", "an empty list")
        for index, name in enumerate(self.beats):
            if name not in self.BEATS:
                raise ConfigError(
                    source, f"beats[{index}]", one_of(self.BEATS, name), describe(name)
                )
        if len(set(self.beats)) != len(self.beats):
            found = describe(list(self.beats))
            raise ConfigError(source, "beats", "each beat at most once", found)

    def _check_narration(self, source: str) -> None:
        for name in self.narration.beats:
            if name not in self.BEATS:
                expected = "a beat name: " + one_of(self.BEATS, name)
                raise ConfigError(source, f"narration.beats.{name}", expected, "an unknown beat")

    def _check_templates(self, source: str) -> None:
        for key_path, template in self.templates():
            check_template(template, source, key_path)

    def templates(self) -> Iterator[tuple[str, str]]:
        """(key path, text) of every text template: the ``text`` section and the narration."""
        text = getattr(self, "text", None)
        if text is not None and dataclasses.is_dataclass(text):
            for item in dataclasses.fields(text):
                yield f"text.{item.name}", getattr(text, item.name)
        for name, words in self.narration.beats.items():
            yield f"narration.beats.{name}", words

    def _check_memory(self, source: str) -> None:
        needed = self.memory_bytes()
        if needed > MEMORY_LIMIT_BYTES:
            expected = f"sizes needing at most {human_bytes(MEMORY_LIMIT_BYTES)} of memory"
            found = f"{self.sizes_text()}, which needs {human_bytes(needed)}"
            raise ConfigError(source, "toy", expected, found)


def one_of(choices: Iterable[str], found: object) -> str:
    """``one of a, b, c (did you mean 'b'?)`` for an error message."""
    names = list(choices)
    return "one of " + ", ".join(names) + did_you_mean(found, names)


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ""."""
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def human_bytes(count: float) -> str:
    """``1.5 GiB``; absurd counts (a hostile size) are capped rather than overflowing."""
    if count >= 1024**4 * 10**6:
        return "over a million TiB"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if count < 1024 or unit == "TiB":
            return f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable")


def check_template(template: str, source: str, key_path: str) -> None:
    """Allow only bare ``{name}`` placeholders from PLACEHOLDERS: no attribute or index
    lookups, no conversions or format specs (``{x:>1000000000}`` would allocate gigabytes),
    and balanced braces (``{{`` and ``}}`` stand for literal braces)."""
    expected = "text whose {placeholders} are bare names among " + ", ".join(PLACEHOLDERS)
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise ConfigError(source, key_path, expected, describe(template)) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise ConfigError(source, key_path, expected, describe(template))


def fill(template: str, fact: FactConfig | None = None, **values: object) -> str:
    """A text template with the fact's names and ``values`` filled in.

    Every placeholder the config check allows is defined (as "" when this clip has no value
    for it), and every value is text: a template that passed :func:`check_template` cannot
    fail here.
    """
    names = dict.fromkeys(PLACEHOLDERS, "")
    if fact is not None:
        names.update(first_name=fact.first_name, last_name=fact.last_name, attribute=fact.attribute)
    names.update({key: str(value) for key, value in values.items()})
    return template.format_map(names)
