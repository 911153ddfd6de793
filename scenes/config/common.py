"""What every clip's config shares: the fact, the colours, the narration, the beat list, and
the rules that tie them together.

Each clip's config class (one module per clip in this package) subclasses :class:`ClipConfig`,
names its scene in ``SCENE`` ("module:Class", imported only when rendering), lists its beats in
``BEATS`` and checks its own cross-field rules in :meth:`ClipConfig.check`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Literal

from scenes.config.narration import NarrationConfig
from scenes.config.schema import ConfigError, describe, option, parse, read_yaml
from scenes.config.shipped import shipped_dir
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

FACT_PRESET_DIR = shipped_dir("facts")
# Checked before any file-system call: a preset name is a short plain file stem.
PRESET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Letters that already name something on screen: E the embedding, W a weight matrix, b a
# bias vector, h the hidden (neuron) vector. A fact symbol may not be one of them.
RESERVED_SYMBOLS = ("E", "W", "b", "h")
MAX_PROBES = 6
MAX_OTHER_FACTS = 4

# Every {placeholder} a text template may use; fill() defines all of them in every clip.
PLACEHOLDERS = (
    "first_name",
    "last_name",
    "attribute",
    "verb",
    "relation",
    "model",
    "n",
    "tolerance",
    "epsilon",
    "share",
    "degrees",
    "min_angle",
    # Superposition's experiment, from its config:
    "vectors",
    "dims",
    "times",
    # ParameterCount's counts, computed from the model preset:
    "aspect",
    "matrix_count",
    "block_count",
    "layers",
    "experts",
    "mlp_count",
    "mlp_share",
    "total",
)


@dataclass(frozen=True, kw_only=True)
class PersonName:
    """A person's name as two features: a first name and a last name."""

    first_name: str = option(max_length=NAME_LENGTH, doc="first name")
    last_name: str = option(max_length=NAME_LENGTH, doc="last name")

    @property
    def full_name(self) -> str:
        """``first_name last_name``."""
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, kw_only=True)
class FactConfig:
    """The fact the clips tell: "<first_name> <last_name> <verb> <attribute>".

    In the toy picture each of the three words is a direction in the embedding space, drawn
    as the vector ``\\vec{first_symbol}`` and so on. A clip file writes ``fact: <preset>``
    (a file stem in ``configs/facts/``), an inline mapping of these keys, or both:
    ``fact: {preset: miles-davis, attribute: cornet}`` reads the preset and then lets the
    inline keys replace the preset's (see :func:`resolve_fact`).
    """

    first_name: str = option("Michael", max_length=NAME_LENGTH, doc="first name feature")
    last_name: str = option("Jordan", max_length=NAME_LENGTH, doc="last name feature")
    attribute: str = option("basketball", max_length=NAME_LENGTH, doc="the fact's attribute")
    verb: str = option("plays", max_length=NAME_LENGTH, doc="verb of the statement")
    relation: str = option(
        "plays the sport of",
        max_length=60,
        doc="the prompt's words between the name and the predicted attribute",
    )
    first_symbol: str = option("M", pattern=SYMBOL, doc="letter for the first-name direction")
    last_symbol: str = option("J", pattern=SYMBOL, doc="letter for the last-name direction")
    attribute_symbol: str = option("B", pattern=SYMBOL, doc="letter for the attribute direction")
    probes: tuple[PersonName, ...] = option(
        (
            PersonName(first_name="Michael", last_name="Phelps"),
            PersonName(first_name="Alexis", last_name="Jordan"),
        ),
        doc="other people sharing one of the names (they must not trigger the fact)",
    )
    other_facts: tuple[str, ...] = option(
        ("Chicago Bulls", "number 23", "born in 1963"),
        max_length=NAME_LENGTH,
        doc="more facts about the person one down-projection column may also carry",
    )

    @property
    def full_name(self) -> str:
        """``first_name last_name``."""
        return f"{self.first_name} {self.last_name}"

    def statement(self) -> str:
        """The fact as a sentence: ``Michael Jordan plays basketball``."""
        return f"{self.full_name} {self.verb} {self.attribute}"

    def prompt(self) -> str:
        """The prompt whose next word is the attribute: ``Michael Jordan plays the sport of``."""
        return f"{self.full_name} {self.relation}"

    def prompt_words(self) -> tuple[str, ...]:
        """The prompt as words (a name is one word even if it holds a space or a hyphen)."""
        return (self.first_name, self.last_name, *self.relation.split())

    def symbols(self) -> dict[str, str]:
        """Role (``first_symbol``, ``last_symbol``, ``attribute_symbol``) to its letter."""
        return {
            "first_symbol": self.first_symbol,
            "last_symbol": self.last_symbol,
            "attribute_symbol": self.attribute_symbol,
        }

    def check(
        self, source: str, key_path: str = "fact", reserved: Iterable[str] = RESERVED_SYMBOLS
    ) -> None:
        """Refuse symbols that collide (with each other or with a letter ``reserved`` for
        something else on screen: E the embedding, W a weight matrix, b a bias, h a hidden
        vector), too many probes or other facts, and a probe that is the fact's own person."""
        taken = tuple(reserved)
        seen: dict[str, str] = {}
        for role, symbol in self.symbols().items():
            if symbol in taken:
                expected = "a symbol other than " + ", ".join(taken) + " (used on screen)"
                raise ConfigError(source, f"{key_path}.{role}", expected, describe(symbol))
            if symbol in seen:
                expected = f"a symbol different from {seen[symbol]} {symbol!r}"
                raise ConfigError(source, f"{key_path}.{role}", expected, describe(symbol))
            seen[symbol] = role
        if len(self.probes) > MAX_PROBES:
            expected = f"at most {MAX_PROBES} probe names"
            raise ConfigError(source, f"{key_path}.probes", expected, f"{len(self.probes)}")
        for index, probe in enumerate(self.probes):
            if probe.full_name == self.full_name:
                expected = f"a name other than the fact's own {self.full_name!r}"
                found = describe(probe.full_name)
                raise ConfigError(source, f"{key_path}.probes[{index}]", expected, found)
        if len(self.other_facts) > MAX_OTHER_FACTS:
            expected = f"at most {MAX_OTHER_FACTS} other facts"
            raise ConfigError(
                source, f"{key_path}.other_facts", expected, f"{len(self.other_facts)}"
            )


def fact_presets() -> list[str]:
    """Names of the fact presets (the stems of the files in ``configs/facts/``)."""
    return sorted(p.stem for p in FACT_PRESET_DIR.glob("*.yaml"))


def fact_preset_raw(name: object, source: str, key_path: str) -> dict[str, Any]:
    """The ``fact:`` mapping of preset ``name``, parsed and checked once (its errors name the
    preset's file); a ConfigError at ``key_path`` of ``source`` if there is no such preset."""
    choices = fact_presets()
    if not (
        isinstance(name, str)
        and PRESET_NAME.fullmatch(name)
        and (FACT_PRESET_DIR / f"{name}.yaml").is_file()
    ):
        hint = did_you_mean(name, choices) if isinstance(name, str) else ""
        expected = "a fact preset (" + ", ".join(choices) + ")" + hint
        raise ConfigError(source, key_path, expected, describe(name))
    path = FACT_PRESET_DIR / f"{name}.yaml"
    preset_source = str(path)
    raw = read_yaml(path, preset_source)
    if not isinstance(raw, dict) or not isinstance(raw.get("fact"), dict):
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(preset_source, "(top level)", "a mapping with a 'fact' mapping", found)
    parse(FactConfig, raw["fact"], preset_source, "fact").check(preset_source)
    return dict(raw["fact"])


def load_fact(name: str) -> FactConfig:
    """The fact of preset ``name`` (a ConfigError naming the known presets if there is none)."""
    return parse(FactConfig, fact_preset_raw(name, "fact preset", "(name)"), "fact preset")


def resolve_fact(value: object, source: str, key_path: str = "fact") -> object:
    """A clip's ``fact:`` value with its preset read in, ready for :func:`parse`.

    - ``fact: michael-jordan`` → the preset's mapping;
    - ``fact: {preset: michael-jordan, attribute: golf}`` → the preset's mapping with the
      inline keys replacing the preset's (inline wins; errors in them name the clip file);
    - ``fact: {first_name: ...}`` → unchanged (missing keys take FactConfig's defaults,
      which are the michael-jordan preset).
    """
    if isinstance(value, str):
        return fact_preset_raw(value, source, key_path)
    if isinstance(value, dict):
        if "preset" not in value:
            return value
        overrides = {k: v for k, v in value.items() if k != "preset"}
        return {**fact_preset_raw(value["preset"], source, f"{key_path}.preset"), **overrides}
    expected = "a fact preset (" + ", ".join(fact_presets()) + ") or a mapping"
    raise ConfigError(source, key_path, expected, describe(value))


def _dark(role: str) -> Any:
    """The dark theme's colour of ``role`` as a colour option's default."""
    return option(style.DARK[style.COLOUR_ROLES[role]], colour=True)


@dataclass(frozen=True, kw_only=True)
class ColourConfig:
    """Every colour role on screen, as '#RRGGBB': a theme's ``colours:`` sets them all, and a
    clip's ``colours:`` replaces single ones of its theme's (scenes.config.theme). The defaults
    are the dark theme's. Each role is a name in scenes.visual.style (style.COLOUR_ROLES)."""

    first_name: str = _dark("first_name")
    last_name: str = _dark("last_name")
    attribute: str = _dark("attribute")
    combined: str = _dark("combined")
    text: str = _dark("text")
    background: str = _dark("background")
    muted: str = _dark("muted")
    positive: str = _dark("positive")
    negative: str = _dark("negative")
    axes: str = _dark("axes")
    block: str = _dark("block")
    highlight: str = _dark("highlight")
    norm: str = _dark("norm")
    measured: str = _dark("measured")
    bound: str = _dark("bound")
    perpendicular: str = _dark("perpendicular")
    sae: str = _dark("sae")
    plain: str = _dark("plain")


@dataclass(frozen=True, kw_only=True)
class MatrixDisplay:
    """How much of each array is drawn; the rest is ellipses."""

    rows: int = option(6, low=3, high=10, doc="matrix rows shown")
    columns: int = option(6, low=3, high=10, doc="matrix columns shown")
    decimals: int = option(1, low=0, high=3, doc="digits after the point")
    tokens: int = option(6, low=2, high=8, doc="tokens shown side by side")


# The frame's shape: landscape, vertical (shorts) or square; see scenes/visual/frame.py
# (ClipConfig.aspect spells the same Literal out, which the schema parser reads).
Aspect = Literal["16:9", "9:16", "1:1"]
ASPECTS: Final[tuple[Aspect, ...]] = ("16:9", "9:16", "1:1")

# The theme a clip has when it names none: today's look (configs/themes/dark.yaml).
DEFAULT_THEME: Final = "dark"


def as_aspect(value: str) -> Aspect:
    """``value`` as an :data:`Aspect` (from the command line, where argparse checked it)."""
    for aspect in ASPECTS:
        if value == aspect:
            return aspect
    raise ValueError(f"expected one of {', '.join(ASPECTS)}, got {value!r}")


@dataclass(frozen=True, kw_only=True)
class ClipConfig:
    """Keys every clip has. Subclasses add their own sections, ``SCENE`` and ``BEATS``."""

    SCENE: ClassVar[str] = ""  # "module:Class" of the scene that renders this config
    BEATS: ClassVar[tuple[str, ...]] = ()
    # Letters this clip shows besides RESERVED_SYMBOLS; a fact symbol may not be one of them.
    SYMBOLS: ClassVar[tuple[str, ...]] = ()
    # The frame shapes this clip has layouts for (every one passes the layout check); a clip
    # without a square layout yet refuses aspect: "1:1" rather than render it badly.
    LAYOUTS: ClassVar[tuple[str, ...]] = ASPECTS

    scene: str = option(doc="the scene class this file renders")
    description: str = option("", max_length=200, doc="one line for `llmfacts list`")
    seed: int = option(0, low=0, high=2**32 - 1, doc="seed for every random draw")
    beats: tuple[str, ...] | None = option(None, doc="beats to render, in order (default all)")
    pacing: float = option(1.0, low=0.1, high=10.0, doc="multiplies every run time")
    aspect: Literal["16:9", "9:16", "1:1"] = option(
        "16:9", doc="the frame: 16:9, 9:16 (vertical) or 1:1 (square)"
    )
    theme: str = option(
        DEFAULT_THEME, max_length=64, doc="a theme in configs/themes/: dark, light, high-contrast"
    )
    colours: ColourConfig = field(default_factory=ColourConfig)
    narration: NarrationConfig = field(default_factory=NarrationConfig)

    @classmethod
    def scene_name(cls) -> str:
        """The name a clip file writes under ``scene:`` (the scene class's name)."""
        return cls.SCENE.rpartition(":")[2]

    @classmethod
    def prepare_raw(cls, raw: dict[str, Any], source: str) -> dict[str, Any]:
        """Resolve references in the raw mapping before parsing: the default reads the fact
        preset of a clip with a ``fact`` key (see :func:`resolve_fact`). A subclass that
        resolves more (e.g. a model preset) calls ``super().prepare_raw(raw, source)``."""
        if "fact" in raw and any(f.name == "fact" for f in dataclasses.fields(cls)):
            return {**raw, "fact": resolve_fact(raw["fact"], source)}
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
        self._check_aspect(source)
        self._check_fact(source)
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

    def _check_aspect(self, source: str) -> None:
        if self.aspect not in self.LAYOUTS:
            shapes = " or ".join(repr(shape) for shape in self.LAYOUTS)
            expected = f"{shapes} (the frame shapes {self.scene_name()} has layouts for)"
            raise ConfigError(source, "aspect", expected, describe(self.aspect))

    def _check_fact(self, source: str) -> None:
        fact = getattr(self, "fact", None)
        if isinstance(fact, FactConfig):
            fact.check(source, "fact", (*RESERVED_SYMBOLS, *self.SYMBOLS))

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
        names.update(
            first_name=fact.first_name,
            last_name=fact.last_name,
            attribute=fact.attribute,
            verb=fact.verb,
            relation=fact.relation,
        )
    names.update({key: str(value) for key, value in values.items()})
    return template.format_map(names)
