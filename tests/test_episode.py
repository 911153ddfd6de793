"""The whole lecture as one file: clips joined in order, a chapter per beat that players read
back with its time, one subtitle file, the description's chapter list, and faststart."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from helpers import chapter_start, srt_cues

from scenes.app.episode import RenderedClip, build_episode, description_list, scene_title
from scenes.app.render import video_seconds
from scenes.app.subtitles import TimedCue, to_srt
from scenes.config import load_clip

LLMFACTS = Path(sys.executable).parent / "llmfacts"


def top_level_atoms(video: Path) -> list[str]:
    """The MP4's top-level box types, in file order."""
    data, atoms, at = video.read_bytes(), [], 0
    while at + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        if size == 1:
            size = struct.unpack(">Q", data[at + 8 : at + 16])[0]
        atoms.append(kind.decode("latin-1"))
        at += size if size else len(data)
    return atoms


def fake_render(folder: Path, beats: dict[str, int], cue: str) -> RenderedClip:
    """A clip's render as the renderer leaves it: one video per beat joined, the index, the
    subtitles; beat lengths in frames at 10 fps."""
    folder.mkdir(parents=True)
    with av.open(str(folder / "low.mp4"), mode="w") as out:
        stream = out.add_stream("libx264", rate=10)
        stream.width = stream.height = 64
        stream.pix_fmt = "yuv420p"
        for frames in beats.values():
            for _ in range(frames):
                image = np.zeros((64, 64, 3), dtype=np.uint8)
                for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                    out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    sections, start = [], 0.0
    for name, frames in beats.items():
        sections.append({"name": name, "start": start, "end": start + frames / 10, "file": ""})
        start += frames / 10
    index = {"scene": "X", "sections": sections}
    (folder / "low.sections.json").write_text(json.dumps(index))
    (folder / "low.srt").write_text(to_srt([TimedCue(0.5, 1.5, cue)]))
    return RenderedClip.from_folder(folder, "low", folder.name.title())


def test_chapters_read_back_with_their_times(tmp_path: Path) -> None:
    first = fake_render(tmp_path / "first", {"prompt": 25, "stack_view": 15}, "Hello.")
    second = fake_render(tmp_path / "second", {"rows_as_questions": 30}, "Again.")
    video = build_episode([first, second], "low", tmp_path / "episode")
    length_first = video_seconds(first.video)
    with av.open(str(video)) as container:
        chapters = container.chapters()
    titles = [c["metadata"]["title"] for c in chapters]
    assert titles == ["First: Prompt", "First: Stack view", "Second: Rows as questions"]
    starts = [chapter_start(c) for c in chapters]
    assert starts == pytest.approx([0.0, 2.5, length_first], abs=0.01)
    assert video_seconds(video) == pytest.approx(
        length_first + video_seconds(second.video), abs=0.05
    )
    assert top_level_atoms(video).index("moov") < top_level_atoms(video).index("mdat")
    cues = srt_cues((video.parent / "low.srt").read_text())
    assert [(round(s, 2), text) for s, _e, text in cues] == [
        (0.5, "Hello."),
        (round(length_first + 0.5, 2), "Again."),
    ]
    listing = (video.parent / "low.chapters.txt").read_text().splitlines()
    assert listing == [
        "0:00 First: Prompt",
        "0:02 First: Stack view",
        "0:04 Second: Rows as questions",
    ]
    vtt = (video.parent / "low.chapters.vtt").read_text()
    assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == 3


def test_description_list_uses_hours_past_an_hour() -> None:
    from scenes.app.episode import Chapter

    text = description_list([Chapter("A", 0, 10), Chapter("B", 3725.4, 3800)])
    assert text == "0:00 A\n1:02:05 B\n"


@pytest.mark.parametrize(
    ("scene", "title"),
    [("MLPWalkthrough", "MLP walkthrough"), ("TransformerRefresher", "Transformer refresher")],
)
def test_scene_titles(scene: str, title: str) -> None:
    assert scene_title(scene) == title


@pytest.mark.render
def test_episode_command_joins_clips_in_the_video_order(repo_root: Path, tmp_path: Path) -> None:
    files = []
    for name in ("parameter_count", "toy_directions"):  # given out of the video's order
        shipped = repo_root / "configs" / f"{name}.yaml"
        first_beat = load_clip(shipped).beat_order[0]
        files.append(tmp_path / f"{name}.yaml")
        files[-1].write_text(shipped.read_text() + f"\nbeats: [{first_beat}]\n")
    done = subprocess.run(
        [str(LLMFACTS), "episode", *map(str, files), "-q", "l", "--output", str(tmp_path / "out")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    episode = tmp_path / "out" / "episode" / "low.mp4"
    with av.open(str(episode)) as container:
        titles = [c["metadata"]["title"] for c in container.chapters()]
    assert [t.split(":")[0] for t in titles] == ["Toy directions", "Parameter count"]
    toy = video_seconds(tmp_path / "out" / "toy_directions" / "low.mp4")
    params = video_seconds(tmp_path / "out" / "parameter_count" / "low.mp4")
    assert video_seconds(episode) == pytest.approx(toy + params, abs=0.1)
