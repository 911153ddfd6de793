"""``--aspect``, ``--theme`` and ``--format`` on ``previews``, ``slides`` and ``episode`` (the
same meaning and checks as on ``render``), the theme in every output name, and progress: one
plain line per beat off a terminal, a progress bar on one.

The rendering tests use one or two quick beats of ToyDirections at low quality and check what
a viewer gets: the pixel size of the ratio, the theme's background, the files side by side."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import av
import numpy as np
import pytest
from helpers import chapter_start
from PIL import Image

from scenes.app.cli import load_all, main, one_look
from scenes.config.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
LLMFACTS = Path(sys.executable).parent / "llmfacts"
COMMANDS = ("render", "previews", "slides", "episode")


def llmfacts(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """The CLI off a terminal, output as bytes (text mode would hide carriage returns)."""
    return subprocess.run(
        [str(LLMFACTS), *map(str, args)], capture_output=True, check=False, cwd=ROOT
    )


def on_a_terminal(*args: str | Path) -> tuple[int, bytes]:
    """The CLI with stdout and stderr on a pseudo-terminal of 24 x 100: exit code, output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [str(LLMFACTS), *map(str, args)],
        stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, cwd=ROOT,
    )  # fmt: skip
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    os.close(master)
    return process.wait(timeout=60), data


def copy_config(folder: Path, name: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_text((ROOT / "tests" / "configs" / name).read_text() + extra)
    return target


def size_of(video: Path) -> tuple[int, int]:
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        return stream.codec_context.width, stream.codec_context.height


def first_frame(video: Path) -> np.ndarray:
    with av.open(str(video)) as container:
        frame = next(container.decode(video=0))
        return frame.to_ndarray(format="rgb24").astype(float)


def background(pixels: np.ndarray) -> np.ndarray:
    """The most common colour of a frame (H x W x 3): its background."""
    colours, counts = np.unique(pixels.reshape(-1, 3).round(), axis=0, return_counts=True)
    return np.asarray(colours[counts.argmax()], dtype=float)


def theme_background(name: str) -> np.ndarray:
    colour = load_theme(name).colours.background
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def luminance(rgb: np.ndarray) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 values)."""
    c = rgb / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


# -- the same checks as render, before anything is written ---------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_a_ratio_without_a_layout_is_refused_as_render_refuses_it(
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scenes.config import MLPWalkthroughConfig

    # Every shipped clip has all three layouts now: take the square one away from one.
    monkeypatch.setattr(MLPWalkthroughConfig, "LAYOUTS", ("16:9", "9:16"))
    config = ROOT / "configs" / "mlp_walkthrough.yaml"
    args = [command, str(config), "--aspect", "1:1", "--output", str(tmp_path / "out")]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"{config}: aspect: expected '16:9' or '9:16' (the frame shapes MLPWalkthrough has"
        " layouts for), got '1:1' (str)\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("option", "value"), [("--aspect", "4:3"), ("--theme", "sepia"), ("--progress-bar", "x")]
)
def test_bad_values_are_usage_errors_on_every_command(
    command: str, option: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = ROOT / "configs" / "toy_directions.yaml"
    with pytest.raises(SystemExit) as exited:
        main([command, str(config), option, value, "--output", str(tmp_path / "out")])
    assert exited.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith(f"llmfacts {command}: error: argument {option}: invalid choice:")
    assert f"'{value}'" in error
    assert not (tmp_path / "out").exists()


def test_episode_formats_are_the_ones_with_chapters(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("gif", "png"):
        with pytest.raises(SystemExit) as exited:
            main(["episode", str(ROOT / "configs" / "toy_directions.yaml"), "--format", fmt])
        assert exited.value.code == 2
        assert "argument --format: invalid choice" in capsys.readouterr().err


def test_episode_refuses_clips_of_two_shapes_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    square = copy_config(tmp_path / "configs", "preview_toy.yaml", '\naspect: "1:1"\n')
    wide = copy_config(tmp_path / "configs", "preview_reading.yaml")
    assert main(["episode", str(wide), str(square), "--output", str(tmp_path / "out")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{square}: aspect: expected '16:9' as in {wide}")
    assert lines[0].endswith("or pass --aspect), got '1:1'")
    assert not (tmp_path / "out").exists()
    # --aspect makes them one shape: accepted (checked here without rendering).
    assert one_look(load_all([wide, square], "9:16")) is None
    assert one_look(load_all([wide, square], None, "light")) is not None


def test_a_previews_key_and_record_are_per_look(tmp_path: Path) -> None:
    """A preview in another ratio or theme has its own key and its own record, so it never
    counts as the default look's (or replaces its record)."""
    from scenes.app.previews import input_key, preview_file, up_to_date

    config = copy_config(tmp_path, "preview_reading.yaml")
    keys = {input_key(config, stem, "code", "presets") for stem in ("low", "low-light", "low-9x16")}
    assert len(keys) == 3
    assert preview_file("low-9x16-light") == "low-9x16-light.preview.json"
    (tmp_path / "low.mp4").write_bytes(b"")
    (tmp_path / "low.preview.json").write_text(json.dumps({"key": "k", "beats": []}))
    assert up_to_date(tmp_path, "k", "low")
    assert not up_to_date(tmp_path, "k", "low-light")


# -- rendered: previews ----------------------------------------------------------------------


@pytest.mark.render
def test_previews_in_a_ratio_and_theme_beside_the_default(tmp_path: Path) -> None:
    """A 9:16 light preview, off a terminal (a line per beat, no carriage return), then the
    default look on a terminal (a progress bar, no beat lines): both sit side by side, each
    with its own record, and the gallery shows both."""
    config = copy_config(tmp_path / "configs", "preview_reading.yaml")
    out = tmp_path / "out"
    done = llmfacts(
        "previews", config, "--aspect", "9:16", "--theme", "light", "--output", out, "--jobs", "1"
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"\r" not in done.stdout + done.stderr
    lines = re.findall(rb"^    beat (\d)/(\d) (\w+) (\w+): [\d.]+ s of video", done.stdout, re.M)
    assert lines == [(b"1", b"1", b"preview_reading", b"reading")]
    folder = out / "preview_reading"
    stem = "low-9x16-light"
    assert size_of(folder / f"{stem}.mp4") == (480, 854)
    record = json.loads((folder / f"{stem}.preview.json").read_text())
    assert (record["aspect"], record["theme"], record["video"]) == ("9:16", "light", f"{stem}.mp4")
    last = folder / record["beats"][0]["stills"][-1]
    assert last.name == "00_reading.png" and last.parent.name == f"{stem}.stills"
    still = np.asarray(Image.open(last).convert("RGB"), dtype=float)
    assert still.shape[:2] == (854, 480)
    assert np.abs(background(still) - theme_background("light")).max() <= 2
    assert luminance(background(still)) > 0.8

    code, output = on_a_terminal("previews", config, "--output", out, "--jobs", "1")
    assert code == 0, output.decode(errors="replace")
    assert re.search(rb"\rpreviews: +\d+%\|", output), output  # tqdm's bar, redrawn in place
    assert b"    beat " not in output
    assert size_of(folder / "low.mp4") == (854, 480)
    assert luminance(background(first_frame(folder / "low.mp4"))) < 0.1
    assert size_of(folder / f"{stem}.mp4") == (480, 854)  # the other look is still there
    page = (out / "index.html").read_text()
    assert page.count("<video") == 2
    assert 'src="preview_reading/low.mp4"' in page
    assert f'src="preview_reading/{stem}.mp4"' in page


# -- rendered: slides ------------------------------------------------------------------------


@pytest.mark.render
def test_slides_in_a_square_light_look(tmp_path: Path) -> None:
    from manim_slides.config import PresentationConfig

    config = copy_config(tmp_path / "configs", "preview_reading.yaml")
    out = tmp_path / "out"
    done = llmfacts(
        "slides", config, "-q", "l", "--aspect", "1:1", "--theme", "light", "--output", out
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"\r" not in done.stdout + done.stderr
    assert re.search(rb"^    beat 1/1 reading: ", done.stdout, re.M), done.stdout
    clip = out / "preview_reading"
    assert (clip / "low-1x1-light.sections.json").is_file()
    deck = clip / "slides-1x1-light"
    assert (deck / "deck.html").is_file() and not (clip / "slides").exists()
    presentation = PresentationConfig.from_file(deck / "slides" / "ToyDirections.json")
    assert presentation.resolution == (480, 480)
    colour = presentation.background_color.as_rgb_tuple()[:3]
    assert np.array_equal(np.array(colour, dtype=float), theme_background("light"))
    (slide,) = presentation.slides
    assert slide.notes.startswith("A dot product")
    assert size_of(slide.file) == (480, 480)
    frame = first_frame(slide.file)
    assert np.abs(background(frame) - theme_background("light")).max() <= 3  # H.264 levels
    assert luminance(background(frame)) > 0.8


# -- rendered: episode -----------------------------------------------------------------------


@pytest.mark.render
def test_episode_in_webm_vertical_high_contrast(tmp_path: Path) -> None:
    """Two clips joined as a 9:16 high-contrast WebM: the container, the size, the
    background, chapters read back at their times, the files named by the stem."""
    configs = tmp_path / "configs"
    toy = copy_config(configs, "preview_toy.yaml")
    reading = copy_config(configs, "preview_reading.yaml")
    out = tmp_path / "out"
    done = llmfacts(
        "episode", reading, toy, "--aspect", "9:16", "--theme", "high-contrast",
        "--format", "webm", "--output", out,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert b"\r" not in done.stdout + done.stderr
    beats = re.findall(rb"^    beat (\d)/(\d) (\w+):", done.stdout, re.M)
    assert sorted(beats) == sorted(
        [(b"1", b"1", b"reading"), (b"1", b"2", b"directions"), (b"2", b"2", b"angles")]
    )
    stem = "low-9x16-high-contrast"
    episode = out / "episode" / f"{stem}.webm"
    assert episode.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # Matroska/WebM
    assert size_of(episode) == (480, 854)
    frame = first_frame(episode)
    assert np.abs(background(frame) - theme_background("high-contrast")).max() <= 3
    with av.open(str(episode)) as container:
        assert container.format.name.startswith("matroska")
        chapters = container.chapters()
    sections = [
        json.loads((out / name / f"{stem}.sections.json").read_text())
        for name in ("preview_reading", "preview_toy")  # one scene: the order given
    ]
    starts, offset = [], 0.0
    for index in sections:
        starts += [offset + s["start"] for s in index["sections"]]
        offset += index["duration"]
    assert [chapter_start(c) for c in chapters] == pytest.approx(starts, abs=0.1)
    assert len((out / "episode" / f"{stem}.chapters.txt").read_text().splitlines()) == 3
    assert (out / "episode" / f"{stem}.srt").is_file()
    assert (out / "episode" / f"{stem}.chapters.vtt").is_file()


@pytest.mark.render
def test_episode_on_a_terminal_draws_bars_and_keeps_other_looks(tmp_path: Path) -> None:
    config = copy_config(tmp_path / "configs", "preview_reading.yaml")
    out = tmp_path / "out"
    (out / "episode").mkdir(parents=True)
    other = out / "episode" / "low-light.mp4"
    other.write_bytes(b"an earlier episode in another look")
    code, output = on_a_terminal("episode", config, "--output", out)
    assert code == 0, output.decode(errors="replace")
    assert re.search(rb"\r[^\r\n]*\d+%\|", output), output  # manim's bars
    assert b"    beat 1/1" not in output
    assert sorted(p.name for p in (out / "episode").iterdir()) == [
        "low-light.mp4", "low.chapters.txt", "low.chapters.vtt", "low.mp4", "low.srt", "low.vtt",
    ]  # fmt: skip
    assert other.read_bytes() == b"an earlier episode in another look"
