"""Themes: the palette, background and font every clip draws with.

A theme is a file ``configs/themes/<name>.yaml`` (shipped: ``dark``, today's look; ``light``, for
print and projectors; ``high-contrast``, every colour at least 4.5:1 against the background):

.. code-block:: yaml

    description: Dark text on white, for print and projectors
    colours: {background: "#FFFFFF", text: "#1B1F24", ...}   # every role of ColourConfig
    series:                       # colours of things drawn many at a time
      features: ["#0B6E99", ...]
      cram: ["#0B6E99", ...]
      components: {embedding: "#0B6E99", ...}
    fonts: {text: DejaVu Sans}

A clip picks one with ``theme: light`` (default ``dark``; ``llmfacts render --theme`` replaces
it), and its own ``colours:`` keys replace single colours of the theme's
(:func:`with_theme` lays the one over the other before the clip is parsed). When a scene
starts, :func:`activate` makes scenes.visual.style serve the result. No manim import.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from scenes.config.common import (
    DEFAULT_THEME,
    PRESET_NAME,
    ClipConfig,
    ColourConfig,
    did_you_mean,
)
from scenes.config.schema import ConfigError, describe, option, parse, read_yaml
from scenes.config.shipped import shipped_dir
from scenes.visual import style

THEME_DIR = shipped_dir("themes")


@dataclass(frozen=True, kw_only=True)
class SeriesColours:
    """Colours of things drawn many at a time, used in turn."""

    features: tuple[str, ...] = option(colour=True, doc="high dimensions' feature directions")
    cram: tuple[str, ...] = option(colour=True, doc="the superposition clip's crammed vectors")
    components: Mapping[str, str] = option(
        colour=True, doc="parameter tallies, one per kind of weight"
    )


@dataclass(frozen=True, kw_only=True)
class ThemeFonts:
    """Fonts (Pango family names; LaTeX keeps its own)."""

    text: str = option(max_length=64, doc="every Text on screen")


@dataclass(frozen=True, kw_only=True)
class ThemeContrast:
    """The least contrast ratio (WCAG 2: 1 to 21) the theme promises against its background."""

    text: float = option(4.5, low=1.0, high=21.0, doc="every colour but the axes (4.5 = AA)")
    lines: float = option(3.0, low=1.0, high=21.0, doc="the axes (WCAG's 3 for graphics)")


@dataclass(frozen=True, kw_only=True)
class ThemeConfig:
    """One theme file: what it is for, its colours, its series of colours, its fonts and the
    contrast its colours keep against the background (checked when it is read)."""

    description: str = option(max_length=200, doc="what it is for")
    colours: ColourConfig
    series: SeriesColours
    fonts: ThemeFonts
    contrast: ThemeContrast = dataclasses.field(default_factory=ThemeContrast)

    def foreground(self) -> Iterator[tuple[str, str]]:
        """(key path, colour) of every colour drawn on the background: all but the
        background itself, series included."""
        for role in style.COLOUR_ROLES:
            if role != "background":
                yield f"colours.{role}", getattr(self.colours, role)
        for name in ("features", "cram"):
            for index, colour in enumerate(getattr(self.series, name)):
                yield f"series.{name}[{index}]", colour
        for kind, colour in self.series.components.items():
            yield f"series.components.{kind}", colour

    def check(self, source: str, raw_colours: Mapping[str, object]) -> None:
        """Every colour role set (a role left out would fall back to a dark colour), series
        not empty, one component colour per kind of weight the tallies draw, and every
        colour at least the promised contrast against the background."""
        for role in style.COLOUR_ROLES:
            if role not in raw_colours:
                expected = "a colour like '#58C4DD' (a theme sets every colour)"
                raise ConfigError(source, f"colours.{role}", expected, "nothing")
        background = self.colours.background
        for key_path, colour in self.foreground():
            least = self.contrast.lines if key_path == "colours.axes" else self.contrast.text
            ratio = contrast_ratio(colour, background)
            if ratio < least:
                expected = f"a colour at least {least:g}:1 against the background {background}"
                raise ConfigError(source, key_path, expected, f"{colour!r} at {ratio:.2f}:1")
        for name in ("features", "cram"):
            if not getattr(self.series, name):
                raise ConfigError(source, f"series.{name}", "at least one colour", "none")
        kinds = sorted(cast(Mapping[str, str], style.DARK["COMPONENT_COLOURS"]))
        if sorted(self.series.components) != kinds:
            expected = "a colour for each of " + ", ".join(kinds)
            found = describe(sorted(self.series.components))
            raise ConfigError(source, "series.components", expected, found)

    def style_values(self, colours: ColourConfig | None = None) -> dict[str, object]:
        """The values of scenes.visual.style's THEMED names for this theme, with ``colours``
        (a clip's, already laid over this theme's) in place of the theme's own."""
        chosen = colours if colours is not None else self.colours
        values: dict[str, object] = {
            name: getattr(chosen, role) for role, name in style.COLOUR_ROLES.items()
        }
        values["FEATURE_COLOURS"] = self.series.features
        values["CRAM_COLOURS"] = self.series.cram
        values["COMPONENT_COLOURS"] = dict(self.series.components)
        values["FONT"] = self.fonts.text
        return values


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``'#RRGGBB'``, from 0 (black) to 1 (white).

    Each sRGB channel c = value / 255 is made linear, c / 12.92 if c <= 0.04045 else
    ((c + 0.055) / 1.055) ** 2.4, and L = 0.2126 R + 0.7152 G + 0.0722 B.
    """
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, (L_lighter + 0.05) / (L_darker + 0.05): 1 for
    the same colour, 21 for black on white; text needs 4.5 for level AA."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def themes() -> list[str]:
    """Names of the shipped themes (the stems of the files in ``configs/themes/``)."""
    return sorted(path.stem for path in THEME_DIR.glob("*.yaml"))


def load_theme(name: object, source: str = "theme", key_path: str = "(name)") -> ThemeConfig:
    """The theme called ``name``; a ConfigError at ``key_path`` of ``source`` naming the known
    themes if there is none (errors inside a theme's file name that file)."""
    choices = themes()
    if not (isinstance(name, str) and PRESET_NAME.fullmatch(name) and name in choices):
        hint = did_you_mean(name, choices) if isinstance(name, str) else ""
        expected = "one of " + ", ".join(choices) + hint
        raise ConfigError(source, key_path, expected, describe(name))
    return _read_theme(name)


@functools.cache
def _read_theme(name: str) -> ThemeConfig:
    path = THEME_DIR / f"{name}.yaml"
    source = str(path)
    raw = read_yaml(path, source)
    if not isinstance(raw, dict):
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(source, "(top level)", "a mapping with a 'colours' mapping", found)
    theme = parse(ThemeConfig, raw, source)
    theme.check(source, raw["colours"])
    return theme


def with_theme(raw: dict[str, Any], source: str, theme: str | None = None) -> dict[str, Any]:
    """A clip file's mapping with its ``colours:`` laid over its theme's colours (the clip's
    keys win), ready for :func:`~scenes.config.schema.parse`. ``theme`` (``--theme``)
    replaces the file's ``theme:``."""
    if theme is not None:
        raw = {**raw, "theme": theme}
    chosen = load_theme(raw.get("theme", DEFAULT_THEME), source, "theme")
    own = raw.get("colours", {})
    if not isinstance(own, dict):
        return raw  # parse() refuses it with the usual message
    return {**raw, "colours": {**dataclasses.asdict(chosen.colours), **own}}


def activate(clip: ClipConfig) -> None:
    """Make scenes.visual.style serve ``clip``'s theme and colours (BeatScene.setup calls this
    when a scene starts; a clip built without a file gets its theme's series and font, and
    its own colours, which default to the dark theme's)."""
    style.use(load_theme(clip.theme).style_values(clip.colours))
