"""The layout check (``llmfacts layout``): it finds each defect kind found by eye before it
existed (tests/fixtures/layout_defects.py reproduces one of each), stays quiet on a clean
picture and on intended overlays, and every shipped clip passes it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import too_still
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DecimalMatrix,
    FadeIn,
    MathTex,
    Rectangle,
    Scene,
    Sector,
    Text,
    ThreeDScene,
)
from PIL import Image

from scenes.app.cli import main
from scenes.app.layout import (
    MIN_GLYPH_PX,
    Finding,
    aspect_ratios,
    check_and_time,
    check_clip,
    check_scene,
    is_orphan,
    ratio_settings,
    split_word,
)
from scenes.config import load_clip
from scenes.config.common import ASPECTS, as_aspect
from scenes.config.registry import CLIP_CONFIGS
from scenes.config.schema import ConfigError
from scenes.visual.components import label_text
from scenes.visual.marks import mark_overlay, wrap_record

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONFIGS = sorted((Path(__file__).resolve().parents[1] / "configs").glob("*.yaml"))
CHECKED_AS = {"superposition.yaml": Path(__file__).parent / "configs" / "superposition_small.yaml"}
# Checked elsewhere, not played here again: the superposition clip's layout in every ratio is
# tests/test_superposition.py's test_shipped_config_lays_out_cleanly_with_its_own_words (the
# shipped config itself, with the small run's results; test_every_clip_is_checked makes sure
# it is there). Its 16:9 run stays here, for the pacing rule.
ELSEWHERE = {("superposition", "9:16"), ("superposition", "1:1")}
SHIPPED_CASES = [
    pytest.param(path, ratio, id=f"{path.stem}-{ratio}")
    for path in CONFIGS
    for ratio in ASPECTS
    if (path.stem, ratio) not in ELSEWHERE
]


@pytest.fixture
def fixture_clip(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Register the fixture clip (tests only) so that its YAML files load."""
    from fixtures.layout_defects import LayoutDefectsConfig

    monkeypatch.setitem(CLIP_CONFIGS, LayoutDefectsConfig.scene_name(), LayoutDefectsConfig)
    yield


@pytest.fixture(scope="module")
def defect_findings() -> list[Finding]:
    from fixtures.layout_defects import LayoutDefectsConfig

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(CLIP_CONFIGS, LayoutDefectsConfig.scene_name(), LayoutDefectsConfig)
        path = FIXTURES / "layout_defects.yaml"
        return check_clip(load_clip(path), str(path), ratios=["16:9"])  # as filed


# Each beat of the fixture, the kinds it must produce (and nothing else).
EXPECTED = {
    "bands": {"text-on-shape"},
    "probes": {"overlap"},
    "split_word": {"split-word"},
    "orphan": {"orphan"},
    "tiny_digits": {"small-text"},
    "out_of_frame": {"out-of-frame"},
    "clean": set(),
}


@pytest.mark.parametrize("beat", sorted(EXPECTED))
def test_fixture_beat_gives_exactly_its_defect(beat: str, defect_findings: list[Finding]) -> None:
    kinds = {f.kind for f in defect_findings if f.beat == beat}
    assert kinds == EXPECTED[beat], [f.line() for f in defect_findings if f.beat == beat]


def test_fixture_findings_name_the_mobjects(defect_findings: list[Finding]) -> None:
    by_beat = {f.beat: f for f in defect_findings}
    bands = by_beat["bands"]
    assert "Text 'next to 2 axes in 2-D" in bands.subject
    assert bands.other.startswith("Sector")
    assert bands.first == 2  # the table fades in over the bands: the beat's 2nd animation
    probes = {(f.subject, f.other) for f in defect_findings if f.beat == "probes"}
    assert ("Text 'Jordan'", "Text 'Michael'") in probes  # the labels on top of each other
    assert any(s.startswith("Dot") and o.startswith("Dot") for s, o in probes)  # the dots
    assert by_beat["split_word"].detail == "W|illiams"
    assert by_beat["orphan"].detail == "last line '± 1°'"
    tiny = by_beat["tiny_digits"]
    assert tiny.subject.startswith("DecimalNumber") and "and 47 more" in tiny.subject
    assert tiny.detail.startswith("8.0 px")  # the refresher's digits were 8 to 9 px
    assert "Text 'the predicted word'" in by_beat["out_of_frame"].subject
    assert "right edge" in by_beat["out_of_frame"].detail


def test_a_finding_is_one_line_with_clip_scene_beat_and_animation(
    defect_findings: list[Finding],
) -> None:
    line = next(f for f in defect_findings if f.beat == "orphan").line()
    path = FIXTURES / "layout_defects.yaml"
    assert line.startswith(f"{path} LayoutDefects beat orphan #2-3: orphan: Text 'Share of ")
    assert "\n" not in line
    # Persisting over the beat's animations, each finding is reported once.
    keys = [(f.beat, f.kind, f.subject, f.other) for f in defect_findings]
    assert len(keys) == len(set(keys))


def test_cli_exit_codes(
    fixture_clip: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    some = tmp_path / "some.yaml"
    some.write_text("scene: LayoutDefects\nbeats: [orphan, clean]\n")
    frames = tmp_path / "frames"
    assert main(["layout", str(some), "--frames", str(frames), "--aspect", "16:9"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith(f"{some} LayoutDefects beat orphan #1-2: orphan:")
    # The frame where the finding appeared, drawn at 720p with the orphan outlined in red.
    [png] = frames.iterdir()
    assert png.name == "some_16x9_orphan_01.png"
    with Image.open(png) as image:
        assert image.size == (1280, 720)
        assert (255, 0, 0) in {colour for _, colour in image.getcolors(1280 * 720) or []}
    assert main(["layout", str(FIXTURES / "layout_clean.yaml")]) == 0
    assert capsys.readouterr().out == ""
    bad = tmp_path / "bad.yaml"
    bad.write_text("scene: LayoutDefects\nbeats: [orphans]\n")
    assert main(["layout", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{bad}: beats[0]: expected one of bands, probes")
    assert captured.err.count("\n") == 1


# -- the rules, on small scenes --------------------------------------------------------------


def findings_of(build: type[Scene]) -> list[tuple[str, str, str]]:
    return [(f.kind, f.subject, f.other) for f in check_scene(build, "test")]


def words(text: str, size: float = 26) -> Text:
    return Text(text, font="DejaVu Sans", font_size=size)


class LabelOnBar(Scene):
    marked: bool | None = None  # None: not marked; True: on anything; False: on another bar

    def construct(self) -> None:
        bar = Rectangle(width=3, height=0.6, fill_opacity=0.75)
        other = Rectangle(width=1, height=0.6, fill_opacity=0.75).next_to(bar, DOWN)
        label = words("MLP").move_to(bar.get_right())  # half on the bar, half off
        if self.marked is True:
            mark_overlay(label)
        elif self.marked is False:
            mark_overlay(label, other)
        self.play(FadeIn(bar), FadeIn(other), FadeIn(label))


class MarkedOnAnything(LabelOnBar):
    marked = True


class MarkedOnAnother(LabelOnBar):
    marked = False


def test_a_label_half_on_a_bar_is_reported_unless_marked_as_an_overlay() -> None:
    assert findings_of(LabelOnBar) == [("text-on-shape", "Text 'MLP'", "Rectangle")]
    assert findings_of(MarkedOnAnything) == []
    # Marked as lying on another shape only: still reported on this one.
    assert findings_of(MarkedOnAnother) == [("text-on-shape", "Text 'MLP'", "Rectangle")]


class LabelInBox(Scene):
    def construct(self) -> None:
        box = Rectangle(width=3, height=1, fill_opacity=0.5)
        self.play(FadeIn(box), FadeIn(words("attention").move_to(box)))


class TextInWedgeCorner(Scene):
    """A text inside a wedge's box but clear of the wedge itself."""

    def construct(self) -> None:
        wedge = Sector(radius=3, angle=1.2, start_angle=0.2, fill_opacity=0.8)
        self.play(FadeIn(wedge), FadeIn(words("x", 20).move_to(wedge.get_corner(DOWN + RIGHT))))


class NearTexts(Scene):
    """Texts close together but not overlapping, and a word in a wrapped label's notch."""

    def construct(self) -> None:
        first = words("first line that is long\nshort")
        beside = words("notch", 20).next_to(first[-5:], RIGHT, buff=0.1).shift(DOWN * 0.05)
        under = words("under").next_to(first, DOWN, buff=0.05)
        self.play(FadeIn(first), FadeIn(beside), FadeIn(under))


def test_no_finding_for_backgrounds_empty_corners_and_near_misses() -> None:
    assert findings_of(LabelInBox) == []
    assert findings_of(TextInWedgeCorner) == []
    assert findings_of(NearTexts) == []


class OverlappingFormulas(Scene):
    def construct(self) -> None:
        formula = MathTex(r"W_\uparrow E", font_size=40)
        number = words("0.37").move_to(formula.get_right())
        self.play(FadeIn(formula), FadeIn(number))


def test_formula_and_text_overlap() -> None:
    assert findings_of(OverlappingFormulas) == [
        ("overlap", "MathTex 'W_\\uparrow E'", "Text '0.37'")
    ]


class MatricesOnTopOfEachOther(Scene):
    def construct(self) -> None:
        first = DecimalMatrix([[0.1, 0.2], [0.3, 0.4]])
        second = DecimalMatrix([[0.5, 0.6], [0.7, 0.8]]).shift(RIGHT * 0.1)
        speck = words("shrinking into a block").scale(0.01).to_edge(UP)
        self.play(FadeIn(first), FadeIn(second), FadeIn(speck))


def test_overlapping_components_are_one_finding_and_specks_are_not_text() -> None:
    found = check_scene(MatricesOnTopOfEachOther, "test")
    assert [f.kind for f in found] == ["overlap"]  # the speck is neither small nor overlapping
    assert found[0].subject.endswith("in DecimalMatrix")
    assert found[0].detail.startswith("and ") and "more overlapping pairs" in found[0].detail


class FixedLabelOff3D(ThreeDScene):
    def construct(self) -> None:
        self.set_camera_orientation(phi=1.2, theta=-0.8)
        inside = words("inside").to_corner(UP + LEFT)
        off = words("half off").move_to(RIGHT * 7.1)
        self.add_fixed_in_frame_mobjects(inside, off)
        self.play(FadeIn(inside), FadeIn(off))


def test_three_d_scene_fixed_in_frame_labels() -> None:
    found = findings_of(FixedLabelOff3D)
    assert [(kind, subject) for kind, subject, _ in found] == [("out-of-frame", "Text 'half off'")]


class Sizes(Scene):
    size = 22.0

    def construct(self) -> None:
        self.play(FadeIn(words("Caption 22", self.size)), FadeIn(MathTex("=").shift(UP)))


class TooSmall(Sizes):
    size = 14.0


def test_small_text_threshold_sits_between_captions_and_shrunk_digits() -> None:
    assert findings_of(Sizes) == []  # a caption's size passes; a lone "=" is not sized
    found = check_scene(TooSmall, "test")
    assert [f.kind for f in found] == ["small-text"]
    assert float(found[0].detail.split()[0]) < MIN_GLYPH_PX


def test_orphan_rule() -> None:
    assert is_orphan(["next to 2 axes within 90°", "± 1°"])
    assert is_orphan(["Context from attention, knowledge", "parameters"])
    assert not is_orphan(["Michael", "Jordan"])  # one word per line is balanced
    assert not is_orphan(["a caption on", "two lines"])
    assert not is_orphan(["one line"])


def test_split_word_rule() -> None:
    assert split_word("first name Williams", ["first", "name W", "illiams"]) == "W|illiams"
    assert split_word("first name Williams", ["first name", "Williams"]) is None
    assert split_word("a b", ["a b"]) is None


def test_label_text_records_its_wrap_for_the_check() -> None:
    label = label_text("Share of random directions within 90° ± 1°", wrap=38)
    record = wrap_record(label)
    assert record is not None
    source, lines = record
    assert source == "Share of random directions within 90° ± 1°"
    assert " ".join(lines) == source and len(lines) == 2
    assert wrap_record(label_text("one line")) is None


def test_every_clip_is_checked_in_every_ratio_its_own_first(fixture_clip: None) -> None:
    clip = load_clip(FIXTURES / "layout_clean.yaml")
    assert aspect_ratios(clip) == ["16:9", "9:16", "1:1"]
    square = dataclasses.replace(clip, aspect="1:1")
    assert aspect_ratios(square) == ["1:1", "16:9", "9:16"]
    assert ratio_settings("16:9") == {}  # manim's defaults: 14.22 x 8 units
    portrait = ratio_settings("9:16")
    assert portrait["pixel_width"] == 720 and portrait["pixel_height"] == 1280
    assert portrait["frame_width"] == pytest.approx(8.0)


# -- every shipped clip ----------------------------------------------------------------------


@pytest.mark.render  # plays whole clips (no video), a minute or so each: the slow tier
@pytest.mark.parametrize(("path", "ratio"), SHIPPED_CASES)
def test_shipped_clip_has_no_layout_finding_and_keeps_moving(path: Path, ratio: str) -> None:
    """No layout finding in this ratio; and, from the same dry run in 16:9, no beat holds a
    still picture too long (the pacing rule of tests/test_pacing.py)."""
    # The superposition clip's 10,000-vector experiment takes minutes to compute on a fresh
    # machine; its small test config plays the same beats with the same texts.
    path = CHECKED_AS.get(path.name, path)
    clip = load_clip(path)
    if ratio not in clip.LAYOUTS:  # no layout for this shape yet: refused, never drawn badly
        with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}: aspect: expected "):
            load_clip(path, aspect=ratio)
        return
    turned = dataclasses.replace(clip, aspect=as_aspect(ratio))
    findings, timeline = check_and_time(turned, str(path), ratio)
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)
    if ratio == "16:9":
        assert timeline, "the dry run recorded no beats"
        still = too_still(timeline, clip.pacing)
        assert not still, f"{path.name}: too long on a still picture: " + "; ".join(still)


def test_every_clip_is_checked() -> None:
    assert len(CONFIGS) >= 5  # the glob above found the shipped clips
    # What is left out above is checked by the superposition tests, in those very ratios.
    from test_superposition import test_shipped_config_lays_out_cleanly_with_its_own_words as there

    marks: list[pytest.Mark] = getattr(there, "pytestmark", [])
    ratios = {r for mark in marks if mark.name == "parametrize" for r in mark.args[1]}
    assert {ratio for stem, ratio in ELSEWHERE if stem == "superposition"} <= ratios
    assert {p.stem for p in CONFIGS} >= {stem for stem, _ in ELSEWHERE}


def test_the_command_remembers_an_unchanged_clip_and_replays_a_changed_one(
    fixture_clip: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scenes.app.layout as layout_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    played: list[str] = []
    real_check_scene = layout_module.check_scene

    def counting(*args: Any, **kwargs: Any) -> list[Finding]:
        played.append(args[3] if len(args) > 3 else kwargs.get("ratio", "16:9"))
        return real_check_scene(*args, **kwargs)

    monkeypatch.setattr(layout_module, "check_scene", counting)
    some = tmp_path / "some.yaml"
    some.write_text("scene: LayoutDefects\nbeats: [orphan, clean]\n")
    args = ["layout", str(some), "--aspect", "16:9"]
    assert main(args) == 1 and played == ["16:9"]
    assert main(args) == 1 and played == ["16:9"]  # remembered: not played again
    some.write_text("scene: LayoutDefects\nbeats: [clean]\n")
    assert main(args) == 0 and played == ["16:9", "16:9"]  # changed: played
    assert len(list((tmp_path / "cache" / "llmfacts" / "layout").glob("*.json"))) == 2


# -- the dry run's shortcut ------------------------------------------------------------------


@pytest.mark.render  # two dry runs of three refresher beats
def test_dry_run_skipping_starting_copies_sees_what_a_copying_run_sees(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dry run lets plain Transforms start from their mobject instead of a copy: every
    inspection (the boxes of every visible text and part) must be what it is with the copies.
    These beats hold Transforms, Indicates, FadeOuts of parts still on screen inside another
    group (FadeOut restores from its copy) and a TransformFromCopy."""
    import numpy as np

    from scenes.app import layout

    config = tmp_path / "refresher.yaml"
    shipped = (repo_root / "configs" / "transformer_refresher.yaml").read_text()
    config.write_text(shipped + "beats: [tokens, embeddings, flow]\n")
    clip = load_clip(config)
    collect = layout.collect

    def inspections() -> list[list[bytes]]:
        seen: list[list[bytes]] = []

        def recording(scene: Scene) -> Any:
            screen = collect(scene)
            boxes = [t.box for t in screen.texts] + [box for _, box in screen.leaves]
            seen.append(sorted(np.round(np.asarray(b, dtype=float), 3).tobytes() for b in boxes))
            return screen

        monkeypatch.setattr(layout, "collect", recording)
        assert check_clip(clip, "refresher", ratios=["16:9"]) == []
        return seen

    shortcut = inspections()
    monkeypatch.setattr(layout, "_skip_starting_copies", lambda scene: None)
    copying = inspections()
    assert len(shortcut) > 40
    assert shortcut == copying
