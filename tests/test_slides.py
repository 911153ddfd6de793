"""Slides: a render's beats become a manim-slides presentation and an offline reveal.js deck.

The deck is loaded in headless Chromium from disk: every slide's video must load, the notes
must be the beats' narration, and nothing may be fetched from the network (lecture halls)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from browser import Page
from manim_slides.config import PresentationConfig

from scenes.app.slides import SlidesError, build_deck, reveal_dir
from scenes.config import load_clip

LLMFACTS = Path(sys.executable).parent / "llmfacts"


def write_video(path: Path, levels: list[int]) -> None:
    """A tiny video whose frame i is flat grey at ``levels[i]``."""
    with av.open(str(path), mode="w") as out:
        stream = out.add_stream("libx264", rate=10)
        stream.width = stream.height = 64
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": "0"}
        for level in levels:
            frame = np.full((64, 64, 3), level, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def frame_levels(path: Path) -> list[int]:
    with av.open(str(path)) as container:
        return [
            round(float(f.to_ndarray(format="rgb24").mean())) for f in container.decode(video=0)
        ]


@pytest.fixture
def rendered(tmp_path: Path) -> Path:
    """What a render leaves: two section videos and the sections index."""
    sections = tmp_path / "low.sections"
    sections.mkdir()
    write_video(sections / "00_first.mp4", [40, 80, 120, 160])
    write_video(sections / "01_second.mp4", [200, 150, 100])
    index = {
        "clip": "demo",
        "scene": "DemoScene",
        "quality": "low",
        "video": "low.mp4",
        "duration": 0.7,
        "sections": [
            {"name": "first", "start": 0.0, "end": 0.4, "file": "low.sections/00_first.mp4"},
            {"name": "second", "start": 0.4, "end": 0.7, "file": "low.sections/01_second.mp4"},
        ],
    }
    (tmp_path / "low.sections.json").write_text(json.dumps(index))
    return tmp_path / "low.sections.json"


NOTES = {"first": "Say the first thing.", "second": "Then the second."}


def test_presentation_file_is_what_manim_slides_reads(rendered: Path, tmp_path: Path) -> None:
    build_deck(rendered, NOTES, tmp_path / "deck", "#101418")
    config = PresentationConfig.from_file(tmp_path / "deck" / "slides" / "DemoScene.json")
    assert [s.notes for s in config.slides] == [NOTES["first"], NOTES["second"]]
    assert config.resolution == (64, 64)
    for slide, source in zip(config.slides, ("00_first", "01_second"), strict=True):
        original = frame_levels(rendered.parent / "low.sections" / f"{source}.mp4")
        assert frame_levels(slide.file) == original
        backwards = frame_levels(slide.rev_file)  # stepping back plays the beat backwards
        assert len(backwards) == len(original)
        assert np.allclose(backwards, original[::-1], atol=3)  # re-encoded: lossy by a level or two


def test_deck_plays_every_slide_offline_in_chromium(rendered: Path, tmp_path: Path) -> None:
    deck = build_deck(rendered, NOTES, tmp_path / "deck", "#101418")
    with Page() as page:
        page.open(deck)
        page.wait_for("typeof Reveal !== 'undefined' && Reveal.isReady()")
        assert page.evaluate("Reveal.getTotalSlides()") == 2
        for number in range(2):
            page.evaluate(f"Reveal.slide({number})")
            present = "document.querySelectorAll('.slide-background.present video')"
            page.wait_for(f"{present}.length === 1 && {present}[0].readyState === 4")
        notes = page.evaluate(
            "[...document.querySelectorAll('aside.notes')].map(n => n.textContent.trim())"
        )
        assert notes == [NOTES["first"], NOTES["second"]]
        assert page.console_errors == []
        assert page.remote_requests() == []
        styles = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
        assert styles and all(href.startswith("file:") for href in styles)


def test_missing_reveal_is_one_line_and_nothing_written(
    rendered: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLMFACTS_REVEAL_JS", str(tmp_path / "nowhere"))
    with pytest.raises(SlidesError) as caught:
        build_deck(rendered, NOTES, tmp_path / "deck", "#101418")
    assert "\n" not in str(caught.value) and "reveal.js" in str(caught.value)
    assert not (tmp_path / "deck").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".partial")] == []


def test_local_reveal_copy_is_installed_by_setup() -> None:
    assert (reveal_dir() / "dist" / "plugin" / "notes.js").is_file()


@pytest.mark.render
def test_slides_command_turns_a_clip_into_a_deck(repo_root: Path, tmp_path: Path) -> None:
    clip = load_clip(repo_root / "configs" / "parameter_count.yaml")
    first_beat = clip.beat_order[0]
    config = tmp_path / "lecture.yaml"
    config.write_text(
        (repo_root / "configs" / "parameter_count.yaml").read_text() + f"\nbeats: [{first_beat}]\n"
    )
    done = subprocess.run(
        [str(LLMFACTS), "slides", str(config), "-q", "l", "--output", str(tmp_path / "out")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "lecture" / "slides"
    presentation = PresentationConfig.from_file(folder / "slides" / "ParameterCount.json")
    assert len(presentation.slides) == 1
    assert presentation.slides[0].notes.strip()  # the beat's narration, as speaker notes
    with Page() as page:
        page.open(folder / "deck.html")
        page.wait_for("typeof Reveal !== 'undefined' && Reveal.isReady()")
        present = "document.querySelectorAll('.slide-background.present video')"
        page.wait_for(f"{present}.length === 1 && {present}[0].readyState === 4")
        assert page.console_errors == [] and page.remote_requests() == []
