"""What a render leaves beside the video (sections with times, subtitles, the script), how it
paces beats by their narration, and what it leaves when it cannot finish: nothing."""

import dataclasses
import errno
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import srt_cues

from scenes.app import render as render_module
from scenes.config import load_clip

pytestmark = pytest.mark.render
LLMFACTS = Path(sys.executable).parent / "llmfacts"
TOY_BEATS = ("directions", "angles", "reading", "full_name", "attention")
NARRATED = """scene: ToyDirections
seed: 7
narration:
  mode: subtitles
  beats:
    directions: Three arrows, one per feature. Each points its own way in space.
    angles: Every pair is nearly perpendicular. The dot products are close to zero.
    reading: A vector's shadow on a direction is its dot product.
    full_name: Both name readings are one.
    attention: "A vector for the whole name {first_name} {last_name}."
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LLMFACTS), *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_narrated_render_writes_sections_and_subtitles(tmp_path: Path) -> None:
    config = tmp_path / "narrated.yaml"
    config.write_text(NARRATED + "pacing: 0.5\n")  # every rule below, in half the frames
    result = run("render", str(config), "--sections", "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out" / "narrated"
    index = json.loads((folder / "low.sections.json").read_text())
    sections = index["sections"]
    assert [s["name"] for s in sections] == list(TOY_BEATS)
    # Sections tile the video: each starts where the last ended, and each file exists.
    assert sections[0]["start"] == 0.0
    for before, after in itertools.pairwise(sections):
        assert after["start"] == pytest.approx(before["end"], abs=1e-3)
    assert index["duration"] == pytest.approx(sections[-1]["end"], abs=1e-3)
    for section in sections:
        assert (folder / section["file"]).is_file()
    clip = load_clip(config)
    cues = srt_cues((folder / "low.srt").read_text())
    assert (folder / "low.vtt").read_text().startswith("WEBVTT\n\n")
    # One cue or more per beat, inside its beat; each cue up for its reading time (times the
    # pacing, which scales every time of the clip).
    for section in sections:
        inside = [c for c in cues if section["start"] - 1e-3 <= c[0] < section["end"]]
        assert inside, section["name"]
        for start, end, words in inside:
            assert end <= section["end"] + 1e-3
            needed = clip.pacing * clip.narration.reading_seconds(words)
            assert end - start >= needed - 0.07  # one frame
    assert "A vector for the whole name Michael Jordan." in [c[2] for c in cues]
    # A beat lasts at least as long as its narration takes to say (at the clip's pace).
    assert clip.pacing == 0.5
    for section in sections:
        said = sum(clip.narration.speaking_seconds(s) for s in _sentences(clip, section["name"]))
        assert section["end"] - section["start"] >= clip.pacing * said


def _sentences(clip: object, beat: str) -> tuple[str, ...]:
    from scenes.config.narration import sentences

    return sentences(clip.narration_for(beat))  # type: ignore[attr-defined]


def test_script_lists_beats_with_start_times(tmp_path: Path) -> None:
    config = tmp_path / "narrated.yaml"
    config.write_text(NARRATED)
    result = run("script", str(config))
    assert result.returncode == 0, result.stderr
    headings = [line for line in result.stdout.splitlines() if line.startswith("## ")]
    assert [h.split()[2] for h in headings] == list(TOY_BEATS)
    assert headings[0].split()[1] == "0:00"
    assert "Every pair is nearly perpendicular." in result.stdout


@pytest.mark.parametrize("fmt", ["mp4", "webm", "png"])
def test_sigterm_leaves_nothing_behind(repo_root: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(LLMFACTS), "render", str(repo_root / "configs" / "toy_directions.yaml"),
         "--output", str(out), "--format", fmt, "--sections"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    # Wait (without a time limit on the test's result) until the render has started writing.
    for _ in range(600):
        if out.exists() and any(p.name.startswith(".partial-") for p in out.iterdir()):
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate()
    assert process.returncode == 128 + signal.SIGTERM
    assert stderr.strip().splitlines()[-1] == "llmfacts: terminated; nothing was left half-written"
    assert list(out.iterdir()) == []


def test_a_render_removes_stale_scratch_of_the_same_clip_only(
    repo_root: Path, tmp_path: Path
) -> None:
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    stale = [
        tmp_path / f".partial-toy_directions-{dead}-abcd_123",
        tmp_path / ".partial-toy_directions-zyxw9876",
    ]
    running = tmp_path / f".partial-toy_directions-{os.getpid()}-live0000"
    other = tmp_path / f".partial-other-{dead}-abcd_123"
    for folder in (*stale, running, other):
        folder.mkdir()
        (folder / "part.mp4").write_bytes(b"half")
    render_module.remove_stale_scratch(tmp_path, "toy_directions")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, other.name])


def test_output_path_that_is_a_file_is_one_line(repo_root: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "renders"
    blocker.write_text("not a folder")
    result = run(
        "render", str(repo_root / "configs" / "toy_directions.yaml"), "--output", str(blocker)
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{blocker}: (output): expected a writable folder")
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize(
    ("code", "fmt", "step"),
    [
        (errno.ENOSPC, "mp4", "remux"),  # writing the faststart copy
        (errno.ENOSPC, "gif", "shutil.move"),  # moving the GIF and its sections
        (errno.EROFS, "png", "os.replace"),  # publishing the stills
    ],
)
def test_disk_full_or_read_only_is_one_line_and_leaves_nothing(
    repo_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    fmt: str,
    step: str,
) -> None:
    from scenes.app.outputs import OutputOptions

    def failing(*args: object) -> None:
        raise OSError(code, os.strerror(code), str(args[-1]))

    monkeypatch.setattr(f"scenes.app.render.{step}", failing)
    # One short beat is enough: the failure comes when the finished files are put in place.
    clip = dataclasses.replace(
        load_clip(repo_root / "configs" / "toy_directions.yaml"), beats=("angles",), pacing=0.25
    )
    options = OutputOptions(fmt, sections=fmt != "png", stills=True)  # type: ignore[arg-type]
    with pytest.raises(render_module.OutputError) as caught:
        render_module.render_clip(clip, "toy_directions", "low", tmp_path, output=options)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path}: (output): expected a writable folder")
    assert os.strerror(code) in message and "\n" not in message
    assert list(tmp_path.iterdir()) == []


def bottom_band_ink(video: Path, at_seconds: float) -> int:
    """Pixels brighter than the background in the bottom sixth of the frame at a time."""
    import av

    with av.open(str(video)) as container:
        average_rate = container.streams.video[0].average_rate
        assert average_rate is not None
        rate = float(average_rate)
        for index, frame in enumerate(container.decode(video=0)):
            if index >= at_seconds * rate:
                pixels = frame.to_ndarray(format="rgb24")
                band = pixels[-pixels.shape[0] // 6 :]
                return int((band.max(axis=2) > 128).sum())
    raise AssertionError("the video is shorter than asked")


@pytest.mark.parametrize(
    ("mode", "burnt", "subtitled"), [("captions", True, False), ("none", False, False)]
)
def test_narration_mode_burns_in_or_not(
    tmp_path: Path, mode: str, burnt: bool, subtitled: bool
) -> None:
    config = tmp_path / f"{mode}.yaml"
    config.write_text(NARRATED.replace("mode: subtitles", f"mode: {mode}") + "beats: [angles]\n")
    result = run("render", str(config), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    video = tmp_path / "out" / mode / "low.mp4"
    # The angles beat has no caption of its own: ink along the bottom is the narration.
    assert (bottom_band_ink(video, 2.0) > 200) == burnt
    assert video.with_suffix(".srt").exists() == subtitled
    assert video.with_suffix(".vtt").exists() == subtitled
