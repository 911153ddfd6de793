"""``llmfacts previews``: beats rendered in separate processes and joined, the gallery page
loaded from disk in headless Chromium, unchanged clips skipped, nothing partial on SIGTERM."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import av
import browser
import numpy as np
import pytest
from helpers import stream_seconds

pytestmark = pytest.mark.render

ROOT = Path(__file__).resolve().parents[1]
LLMFACTS = Path(sys.executable).parent / "llmfacts"
CONFIGS = ("preview_toy.yaml", "preview_reading.yaml")


def previews(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LLMFACTS), "previews", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """Two small clips (three beats) rendered as previews on two processes: (configs, out)."""
    base = tmp_path_factory.mktemp("previews")
    configs = base / "configs"
    configs.mkdir()
    for name in CONFIGS:
        shutil.copy(ROOT / "tests" / "configs" / name, configs / name)
    out = base / "out"
    result = previews(*sorted(configs.glob("*.yaml")), "--output", out, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "2 rendered, 0 up to date" in result.stdout
    yield configs, out


def frames(video: Path) -> list[np.ndarray]:
    with av.open(str(video)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def test_gallery_loads_from_disk_in_chromium(gallery: tuple[Path, Path]) -> None:
    """As a person opening index.html: every video plays to readyState 4 with its subtitles,
    every still loads, no console error, nothing but files on disk and inline data."""
    _, out = gallery
    previews_json = [json.loads(p.read_text()) for p in sorted(out.glob("*/low.preview.json"))]
    stills = sum(len(beat["stills"]) for p in previews_json for beat in p["beats"])
    assert stills == 3 * 3  # three stills for each of the three beats
    # Without --allow-file-access-from-files: what a double-click on the file gets.
    flags = tuple(f for f in browser.FLAGS if f != "--allow-file-access-from-files")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(browser, "FLAGS", flags)
        page = browser.Page(timeout=120)
    with page:
        page.open(out / "index.html")
        page.wait_for("[...document.images].every(i => i.complete)")
        page.wait_for("[...document.querySelectorAll('video')].every(v => v.readyState === 4)")
        page.wait_for(
            "[...document.querySelectorAll('video')]"
            ".every(v => v.textTracks.length === 1 && v.textTracks[0].cues"
            " && v.textTracks[0].cues.length > 0)"
        )
        videos = page.evaluate("document.querySelectorAll('video').length")
        widths = page.evaluate("[...document.images].map(i => i.naturalWidth)")
        cues = page.evaluate(
            "[...document.querySelectorAll('video')].map(v => v.textTracks[0].cues[0].text)"
        )
        captions = page.evaluate(
            "[...document.querySelectorAll('figcaption')].map(f => f.innerText)"
        )
        errors, remote = page.console_errors, page.remote_requests()
    assert videos == 2
    assert len(widths) == stills and all(width == 854 for width in widths)
    assert "Three arrows, one for each feature." in cues
    assert [c.split()[1] for c in captions] == ["reading", "directions", "angles"]
    assert errors == []
    assert remote == []


def test_joined_video_is_the_beats_in_order(gallery: tuple[Path, Path]) -> None:
    """Section times are the beat videos' real durations, end to end, and the subtitles sit
    inside their beats."""
    _, out = gallery
    index = json.loads((out / "preview_toy" / "low.sections.json").read_text())
    ends = 0.0
    for section in index["sections"]:
        with av.open(str(out / "preview_toy" / section["file"])) as container:
            length = stream_seconds(container.streams.video[0])
        assert section["start"] == pytest.approx(ends, abs=1e-3)
        assert section["end"] - section["start"] == pytest.approx(length, abs=1e-3)
        ends = section["end"]
    with av.open(str(out / "preview_toy" / "low.mp4")) as container:
        assert stream_seconds(container.streams.video[0]) == pytest.approx(ends, abs=1e-3)
    vtt = (out / "preview_toy" / "low.vtt").read_text()
    angles = index["sections"][1]
    start = f"00:00:{angles['start']:06.3f}"
    assert f"{start} --> " in vtt  # the second beat's sentence starts with its section


def test_beats_rendered_apart_give_the_frames_of_the_whole_clip(
    gallery: tuple[Path, Path], tmp_path: Path
) -> None:
    from scenes.app.render import render_clip
    from scenes.config import load_clip

    configs, out = gallery
    whole = render_clip(load_clip(configs / "preview_toy.yaml"), "whole", "low", tmp_path)
    joined, single = frames(out / "preview_toy" / "low.mp4"), frames(whole.video)
    assert len(joined) == len(single)
    assert all(np.array_equal(a, b) for a, b in zip(joined, single, strict=True))


def test_unchanged_clips_are_skipped_and_changed_ones_rendered(
    gallery: tuple[Path, Path],
) -> None:
    configs, out = gallery
    video = out / "preview_reading" / "low.mp4"
    before = video.stat().st_mtime_ns
    again = previews(*sorted(configs.glob("*.yaml")), "--output", out)
    assert again.returncode == 0, again.stderr
    assert "0 rendered, 2 up to date" in again.stdout
    assert video.stat().st_mtime_ns == before
    # One changed config: only that clip renders again.
    config = configs / "preview_reading.yaml"
    config.write_text(config.read_text().replace("pacing: 0.5", "pacing: 0.4"))
    changed = previews(*sorted(configs.glob("*.yaml")), "--output", out)
    assert changed.returncode == 0, changed.stderr
    assert "1 rendered, 1 up to date" in changed.stdout
    assert video.stat().st_mtime_ns != before
    (out / "index.html").unlink()
    assert previews("--gallery-only", "--output", out).returncode == 0
    page = (out / "index.html").read_text()
    assert page.count("<video") == 2


def test_sigterm_leaves_nothing_partial(tmp_path: Path) -> None:
    config = ROOT / "tests" / "configs" / "preview_toy.yaml"
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(LLMFACTS), "previews", str(config), "--output", str(out), "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 600
    while not list(out.glob(".partial-*/beats/.*")) and process.poll() is None:
        assert time.monotonic() < deadline, "no beat started"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "nothing was left half-written" in stderr
    assert [p.name for p in out.iterdir()] == []
