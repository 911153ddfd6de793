"""Themes (configs/themes/): contrast computed from the files' colours, a clip's theme and its
own colours, style serving the active theme, and one rendered beat per theme."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from scenes.config import load_clip
from scenes.config.common import ColourConfig
from scenes.config.schema import ConfigError
from scenes.config.theme import (
    _read_theme,
    activate,
    contrast_ratio,
    load_theme,
    relative_luminance,
    themes,
)
from scenes.visual import style

ROOT = Path(__file__).resolve().parents[1]
TEST_CONFIGS = Path(__file__).resolve().parent / "configs"
LLMFACTS = Path(sys.executable).parent / "llmfacts"
SHIPPED = ("dark", "high-contrast", "light")
AA_TEXT = 4.5  # WCAG 2 level AA, normal text
GRAPHICS = 3.0  # WCAG 2 non-text contrast (lines, shapes)


@pytest.fixture(autouse=True)
def dark_afterwards() -> Iterator[None]:
    """Every test leaves the dark theme and manim's defaults active (later tests in the same
    worker draw with them), and the theme cache as it found it."""
    yield
    from scenes.visual.theming import reset_theme

    reset_theme()
    _read_theme.cache_clear()


def theme_file(name: str) -> dict[str, object]:
    """A theme file's YAML, read directly (not through the code under test)."""
    raw = yaml.safe_load((ROOT / "configs" / "themes" / f"{name}.yaml").read_text())
    assert isinstance(raw, dict)
    return raw


def foreground(raw: dict[str, object]) -> dict[str, str]:
    """Every colour of a theme file drawn on its background, by key path."""
    colours = raw["colours"]
    series = raw["series"]
    assert isinstance(colours, dict) and isinstance(series, dict)
    found = {f"colours.{k}": v for k, v in colours.items() if k != "background"}
    for name in ("features", "cram"):
        found.update({f"series.{name}[{i}]": c for i, c in enumerate(series[name])})
    found.update({f"series.components.{k}": c for k, c in series["components"].items()})
    return found


# -- the WCAG formula -------------------------------------------------------------------------


def test_contrast_ratio_matches_published_values() -> None:
    """WCAG 2's examples and the figures every contrast checker prints: black on white 21:1,
    #777777 on white 4.48:1 (just fails AA), #767676 on white 4.54:1 (the lightest grey that
    passes), the same colour 1:1, and the order of the two colours does not matter."""
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000000") == pytest.approx(0.0)
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert round(contrast_ratio("#777777", "#FFFFFF"), 2) == 4.48
    assert round(contrast_ratio("#767676", "#FFFFFF"), 2) == 4.54
    assert contrast_ratio("#FFFFFF", "#767676") == contrast_ratio("#767676", "#FFFFFF")
    assert contrast_ratio("#58C4DD", "#58C4DD") == pytest.approx(1.0)


# -- the shipped themes ---------------------------------------------------------------------


def test_shipped_themes_are_the_three() -> None:
    assert tuple(themes()) == SHIPPED


def test_high_contrast_meets_aa_for_every_colour() -> None:
    raw = theme_file("high-contrast")
    background = raw["colours"]["background"]  # type: ignore[index]
    ratios = {key: contrast_ratio(c, background) for key, c in foreground(raw).items()}
    assert len(ratios) > 40  # every role and every series colour is counted
    low = {key: round(r, 2) for key, r in ratios.items() if r < AA_TEXT}
    assert not low, f"below 4.5:1 against {background}: {low}"


@pytest.mark.parametrize("name", ["dark", "light"])
def test_text_colours_meet_aa_and_axes_graphics_contrast(name: str) -> None:
    """Every colour that can be text (all but the axes' lines) is at least 4.5:1 against the
    background; the axes at least 3:1."""
    raw = theme_file(name)
    background = raw["colours"]["background"]  # type: ignore[index]
    for key, colour in foreground(raw).items():
        least = GRAPHICS if key == "colours.axes" else AA_TEXT
        assert contrast_ratio(colour, background) >= least, (name, key, colour)


def test_light_is_dark_on_light_with_darkened_accents() -> None:
    dark, light = theme_file("dark")["colours"], theme_file("light")["colours"]
    assert isinstance(dark, dict) and isinstance(light, dict)
    assert relative_luminance(light["background"]) > 0.8
    assert relative_luminance(light["text"]) < 0.1
    for role in ("first_name", "last_name", "attribute", "combined", "highlight", "muted"):
        assert relative_luminance(light[role]) < relative_luminance(dark[role]) / 2, role


def test_dark_theme_is_todays_look() -> None:
    """dark.yaml holds exactly the colours and font style.py draws with before any theme is
    applied, and ColourConfig's defaults are its colours."""
    dark = load_theme("dark")
    assert dark.style_values() == dict(style.DARK)
    assert dark.colours == ColourConfig()


def test_every_colour_role_is_an_option_and_a_style_name() -> None:
    roles = {field.name for field in dataclasses.fields(ColourConfig)}
    assert roles == set(style.COLOUR_ROLES)
    for name in style.THEMED:
        assert hasattr(style, name), name
    for name in SHIPPED:
        colours = theme_file(name)["colours"]
        assert isinstance(colours, dict), name
        assert set(colours) == roles, name


# -- a clip's theme and its own colours ----------------------------------------------------


def write_clip(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "clip.yaml"
    path.write_text("scene: ToyDirections\n" + extra)
    return path


def test_clip_colours_override_single_colours_of_its_theme(tmp_path: Path) -> None:
    path = write_clip(tmp_path, 'theme: light\ncolours:\n  attribute: "#112233"\n')
    light, contrast = load_theme("light").colours, load_theme("high-contrast").colours
    clip = load_clip(path)
    assert clip.theme == "light"
    assert clip.colours.attribute == "#112233"
    assert clip.colours.text == light.text
    assert clip.colours.background == light.background
    # --theme replaces the file's theme; the file's own colour still wins.
    other = load_clip(path, theme="high-contrast")
    assert other.theme == "high-contrast"
    assert other.colours.attribute == "#112233"
    assert other.colours.text == contrast.text
    assert other.colours.first_name == contrast.first_name


def test_clip_without_theme_is_dark(tmp_path: Path) -> None:
    clip = load_clip(write_clip(tmp_path, "seed: 1\n"))
    assert clip.theme == "dark"
    assert clip.colours == load_theme("dark").colours


def test_activate_makes_style_serve_the_clip_theme(tmp_path: Path) -> None:
    clip = load_clip(write_clip(tmp_path, 'theme: light\ncolours:\n  muted: "#333333"\n'))
    light = load_theme("light")
    activate(clip)
    assert light.colours.text == style.TEXT
    assert light.colours.background == style.BACKGROUND
    assert style.MUTED == "#333333"
    assert light.colours.highlight == style.HIGHLIGHT
    assert light.series.features == style.FEATURE_COLOURS
    assert style.COMPONENT_COLOURS["mlp"] == light.series.components["mlp"]
    assert light.fonts.text == style.FONT
    style.use(style.DARK)
    assert load_theme("dark").colours.text == style.TEXT


def test_unthemed_drawing_takes_the_theme_plain_colour(tmp_path: Path) -> None:
    """What a scene draws without a colour (manim's WHITE) follows the theme."""
    from manim import WHITE, Dot, Line, Text

    from scenes.visual.theming import reset_theme, use_theme

    use_theme(load_clip(write_clip(tmp_path, "theme: light\n")))
    plain = load_theme("light").colours.plain
    for mobject in (Line(), Dot(), Text("x")):
        assert mobject.color.to_hex().upper() == plain, type(mobject).__name__
    reset_theme()
    assert Line().color == WHITE and Text("x").color == WHITE


def test_no_themed_style_name_is_read_at_import() -> None:
    """A default argument (``colour=style.MUTED``) or a module-level copy of a themed name
    keeps the dark value whatever the theme: none in scenes/."""
    themed = set(style.THEMED)
    frozen = []
    for path in sorted((ROOT / "scenes").rglob("*.py")):
        if path.name == "style.py":
            continue
        tree = ast.parse(path.read_text())
        early: list[ast.AST] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                early += [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]
            if isinstance(node, ast.Module | ast.ClassDef):
                early += [s for s in node.body if isinstance(s, ast.Assign | ast.AnnAssign)]
        for part in early:
            for node in ast.walk(part):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in themed
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "style"
                ):
                    frozen.append(f"{path.relative_to(ROOT)}:{node.lineno} style.{node.attr}")
    assert not frozen, frozen


# -- mistakes ---------------------------------------------------------------------------------


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LLMFACTS), "check", str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("value", "tail"),
    [
        ("lite", " (did you mean 'light'?), got 'lite' (str)"),
        ("3", ", got 3 (int)"),
        ("../light", " (did you mean 'light'?), got '../light' (str)"),
    ],
)
def test_bad_theme_name_is_one_line_and_exit_2(tmp_path: Path, value: str, tail: str) -> None:
    path = write_clip(tmp_path, f"theme: {value}\n")
    result = check(path)
    assert result.returncode == 2
    assert result.stderr == f"{path}: theme: expected one of dark, high-contrast, light{tail}\n"


def test_bad_clip_colour_still_names_its_key(tmp_path: Path) -> None:
    path = write_clip(tmp_path, "theme: light\ncolours:\n  muted: grey\n")
    result = check(path)
    assert result.returncode == 2
    assert result.stderr == (
        f"{path}: colours.muted: expected a colour like '#58C4DD', got 'grey' (str)\n"
    )


@pytest.mark.parametrize(
    ("change", "key_path", "expected"),
    [
        (
            lambda raw: raw["colours"].pop("muted"),
            "colours.muted",
            "expected a colour like '#58C4DD' (a theme sets every colour), got nothing",
        ),
        (
            lambda raw: raw["colours"].update(muted="#AAAAAA"),
            "colours.muted",
            "expected a colour at least 4.5:1 against the background #FFFFFF, got '#AAAAAA'"
            " at 2.32:1",
        ),
        (
            lambda raw: raw["series"]["components"].pop("mlp"),
            "series.components",
            "expected a colour for each of attention, embedding, mlp, norms, positional, router,"
            " unembedding, got ['attention', 'embedding', 'norms', '... (list)",
        ),
    ],
)
def test_broken_theme_file_names_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: object, key_path: str, expected: str
) -> None:
    raw = theme_file("light")
    change(raw)  # type: ignore[operator]
    (tmp_path / "light.yaml").write_text(yaml.safe_dump(raw))
    monkeypatch.setattr("scenes.config.theme.THEME_DIR", tmp_path)
    _read_theme.cache_clear()
    with pytest.raises(ConfigError) as caught:
        load_theme("light")
    assert str(caught.value) == f"{tmp_path / 'light.yaml'}: {key_path}: {expected}"


# -- one rendered beat per theme --------------------------------------------------------------


def srgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


@pytest.mark.render
@pytest.mark.parametrize("name", SHIPPED)
def test_rendered_beat_has_the_theme_background_and_text(name: str, tmp_path: Path) -> None:
    """`llmfacts render --theme` of one short beat at low quality: the frame's background has
    the theme's luminance (dark themes < 0.1, light > 0.8) and colour, and text is drawn in
    the theme's text colour."""
    config = TEST_CONFIGS / "theme_toy.yaml"
    result = subprocess.run(
        [str(LLMFACTS), "render", str(config), "--theme", name, "--stills",
         "--output", str(tmp_path), "--progress-bar", "none"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stills = sorted((tmp_path / "theme_toy").glob("low*.stills/*.png"))  # low-light.stills
    assert stills, list(tmp_path.rglob("*"))
    pixels = np.asarray(Image.open(stills[-1]).convert("RGB"), dtype=float)
    theme = load_theme(name)
    # The background: the most common colour of the frame, and its luminance.
    colours, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    background = colours[counts.argmax()]
    assert np.abs(background - srgb(theme.colours.background)).max() <= 2
    luminance = relative_luminance("#" + "".join(f"{int(c):02X}" for c in background))
    if name == "light":
        assert luminance > 0.8
    else:
        assert luminance < 0.1
    # Text: pixels in the theme's text colour (the inside of the glyphs).
    near_text = np.abs(pixels - srgb(theme.colours.text)).max(axis=2) <= 6
    assert near_text.sum() > 100
