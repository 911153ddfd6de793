"""Real renders through the CLI: the file, its frame size, its sections, its words."""

import json
import subprocess
import sys
from pathlib import Path

import av
import pytest
from helpers import srt_cues

from scenes.config import MLPWalkthroughConfig, ParameterCountConfig

pytestmark = pytest.mark.render

LLMFACTS = Path(sys.executable).parent / "llmfacts"


def render(config: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LLMFACTS), "render", str(config), "--output", str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
    )


def section_names(video: Path) -> list[str]:
    index = json.loads(video.with_suffix(".sections.json").read_text())
    return [section["name"] for section in index["sections"]]


def frame_size_and_count(video: Path) -> tuple[int, int, int]:
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(video=0))
        return stream.codec_context.width, stream.codec_context.height, frames


def test_toy_directions_renders_with_its_sections(repo_root: Path, tmp_path: Path) -> None:
    # The shipped clip at a quarter of its pace: every beat, in a quarter of the frames.
    config = tmp_path / "toy_directions.yaml"
    shipped = (repo_root / "configs" / "toy_directions.yaml").read_text()
    config.write_text(shipped + "\npacing: 0.25\n")
    result = render(config, tmp_path, "--stills")
    assert result.returncode == 0, result.stderr
    video = tmp_path / "toy_directions" / "low.mp4"
    width, height, frames = frame_size_and_count(video)
    assert (width, height) == (854, 480)
    assert frames > 15 * 5  # low quality is 15 fps; the clip lasts well over 5 s
    sections = section_names(video)
    assert sections == ["directions", "angles", "reading", "full_name", "attention"]
    stills = sorted(p.name for p in video.with_suffix(".stills").iterdir())
    assert stills == [
        "00_directions.png",
        "01_angles.png",
        "02_reading.png",
        "03_full_name.png",
        "04_attention.png",
    ]
    # Nothing but the finished files is left in the output folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["toy_directions", "toy_directions.yaml"]


MLP_BEATS = list(MLPWalkthroughConfig.BEATS)


def test_mlp_walkthrough_second_fact_renders_with_its_words_and_captions(
    test_configs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole clip for a second fact, rendered in-process with a scene that records every
    Text put on screen: all beats, the config's words (never the default fact's), and each
    caption kept up for its reading time."""
    from manim import Text

    from scenes.app import render as render_module
    from scenes.clips.mlp_walkthrough import MLPWalkthrough
    from scenes.config import load_clip

    shown: list[str] = []

    class Recording(MLPWalkthrough):
        def add(self, *mobjects):  # type: ignore[no-untyped-def]
            for mobject in mobjects:
                shown.extend(m.original_text for m in mobject.get_family() if isinstance(m, Text))
            return super().add(*mobjects)

    monkeypatch.setattr(render_module, "scene_class", lambda clip: Recording)
    # At a quarter of the pace: every beat and caption, in a quarter of the frames.
    config = tmp_path / "mlp_second_fact.yaml"
    config.write_text((test_configs / "mlp_second_fact.yaml").read_text() + "\npacing: 0.25\n")
    clip = load_clip(config)
    video = render_module.render_clip(clip, "mlp_second_fact", "low", tmp_path).video
    assert frame_size_and_count(video)[:2] == (854, 480)
    assert section_names(video) == MLP_BEATS
    words = "".join("".join(text.split()) for text in shown)  # wrapping adds line breaks
    for expected in (
        "Wilhelmina-AlexandraFernandez",
        "Oyelaran-Kowalczyk-Abernathie",
        "synchronisedunderwaterhockey",
        "Bartholomew",
        "inLlama38B",
        "GELU",
    ):
        assert expected in words
    assert "Michael" not in words and "basketball" not in words
    # No narration in this file: its captions are the subtitle cues, each kept on screen for
    # at least its reading time (3 words a second, 1 s minimum; times the pacing), at least
    # one per beat.
    cues = srt_cues(video.with_suffix(".srt").read_text())
    assert len(cues) >= len(MLP_BEATS)
    frame = 1 / 15
    for start, end, text in cues:
        needed = clip.pacing * clip.narration.reading_seconds(text)
        assert end - start >= needed - frame, (start, end, text)


def test_parameter_count_renders_for_llama3(tmp_path: Path) -> None:
    config = tmp_path / "llama.yaml"
    config.write_text("scene: ParameterCount\nmodel: llama3-8b\nconvention: full\npacing: 0.25\n")
    result = render(config, tmp_path, "--stills")
    assert result.returncode == 0, result.stderr
    video = tmp_path / "llama" / "low.mp4"
    assert frame_size_and_count(video)[:2] == (854, 480)
    sections = section_names(video)
    assert sections == list(ParameterCountConfig.BEATS)


def test_superposition_renders_all_beats(test_configs: Path, tmp_path: Path) -> None:
    config = tmp_path / "superposition_small.yaml"  # at a quarter of the pace
    config.write_text((test_configs / "superposition_small.yaml").read_text() + "\npacing: 0.25\n")
    result = render(config, tmp_path)
    assert result.returncode == 0, result.stderr
    video = tmp_path / "superposition_small" / "low.mp4"
    assert frame_size_and_count(video)[:2] == (854, 480)
    sections = section_names(video)
    assert sections == [
        "neurons",
        "perpendicular",
        "nearly_perpendicular",
        "cramming",
        "experiment",
        "optimisation",
        "reveal",
    ]


def frame_digests(video: Path) -> list[str]:
    import hashlib

    with av.open(str(video)) as container:
        return [
            hashlib.sha256(frame.to_ndarray().tobytes()).hexdigest()
            for frame in container.decode(video=0)
        ]


def test_same_config_same_frames_for_a_second_fact_and_a_beat_subset(
    test_configs: Path, tmp_path: Path
) -> None:
    """Two renders of one config give the same frames; a subset of beats plays in the order
    given; 30-character names render."""
    config = tmp_path / "subset.yaml"
    text = (test_configs / "toy_directions_long_names.yaml").read_text()
    config.write_text(text + "beats: [attention, angles]\n")
    first, second = tmp_path / "a", tmp_path / "b"
    assert render(config, first).returncode == 0
    result = render(config, second)
    assert result.returncode == 0, result.stderr
    video = first / "subset" / "low.mp4"
    assert frame_size_and_count(video)[:2] == (854, 480)
    assert section_names(video) == ["attention", "angles"]
    digests = frame_digests(video)
    assert digests == frame_digests(second / "subset" / "low.mp4")
    assert len(set(digests)) > 10  # the clip moves: this compares real content


def test_failed_render_leaves_nothing_behind(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from manim import Scene

    from scenes.app import render as render_module
    from scenes.config import load_clip

    class Broken(Scene):
        def __init__(self, clip: object, skip_animations: bool = False) -> None:
            super().__init__(skip_animations=skip_animations)

        def construct(self) -> None:
            self.wait(0.2)
            raise RuntimeError("scene failed half-way")

    monkeypatch.setattr(render_module, "scene_class", lambda clip: Broken)
    clip = load_clip(repo_root / "configs" / "toy_directions.yaml")
    with pytest.raises(RuntimeError, match="half-way"):
        render_module.render_clip(clip, "toy_directions", "low", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_transformer_refresher_renders_all_beats(repo_root: Path, tmp_path: Path) -> None:
    # The shipped clip at a quarter of its pace: every beat, with its narration, in less time.
    config = tmp_path / "transformer_refresher.yaml"
    shipped = (repo_root / "configs" / "transformer_refresher.yaml").read_text()
    config.write_text(shipped + "pacing: 0.25\n")
    result = render(config, tmp_path)
    assert result.returncode == 0, result.stderr
    video = tmp_path / "transformer_refresher" / "low.mp4"
    sections = section_names(video)
    assert sections == [
        "tokens",
        "embeddings",
        "flow",
        "prediction",
        "directions",
        "context_knowledge",
        "mlp_share",
    ]


def test_glyphs_forget_their_svg_paths_so_copies_are_cheap_and_equal() -> None:
    """Every render (and this suite, in conftest) patches SVG parsing: a formula's glyphs
    drop the parsed path they were built from, and a copy keeps every point."""
    import numpy as np
    from manim import MathTex
    from manim.mobject.svg.svg_mobject import SVGMobject, VMobjectFromSVGPath

    from scenes.app.render import lock_svg_parsing

    lock_svg_parsing()
    patched = SVGMobject.generate_mobject
    lock_svg_parsing()  # every render calls it again: it must not wrap twice (a self-deadlock)
    assert SVGMobject.generate_mobject is patched
    formula = MathTex(r"n_{\mathrm{layers}} \cdot 4 \cdot d_{\mathrm{model}}^2")
    glyphs = [part for part in formula.get_family() if isinstance(part, VMobjectFromSVGPath)]
    assert len(glyphs) >= 8
    assert all(glyph.path_obj is None for glyph in glyphs)
    copied = formula.copy()
    for original, copy in zip(formula.get_family(), copied.get_family(), strict=True):
        np.testing.assert_array_equal(original.points, copy.points)
    # A glyph's points come from its path: none may be empty after the path is gone.
    assert all(len(glyph.points) > 0 for glyph in glyphs)
