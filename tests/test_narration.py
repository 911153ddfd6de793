"""The narration track: sentence cutting, speaking and reading times, cue placement, subtitle
and script formats, and the config rules around it. Pure: no manim, no rendering."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scenes.app import subtitles
from scenes.config import ConfigError, NarrationConfig, load_clip
from scenes.config.common import PLACEHOLDERS
from scenes.config.narration import sentences, words_in
from scenes.visual.timeline import BeatTiming, Cue

BEATS = ("directions", "angles", "reading", "full_name", "attention")


def test_sentences_are_cut_after_end_marks() -> None:
    text = "First one.  Second one!\nThird one? Fourth… Last"
    assert sentences(text) == ("First one.", "Second one!", "Third one?", "Fourth…", "Last")
    assert sentences("   ") == ()


@given(st.lists(st.text(alphabet="abc ", min_size=1, max_size=12), min_size=1, max_size=6))
def test_cutting_keeps_every_word(parts: list[str]) -> None:
    text = ". ".join(parts) + "."
    assert " ".join(sentences(text)).split() == text.split()


def test_speaking_and_reading_times() -> None:
    narration = NarrationConfig()
    thirty_words = " ".join(["word"] * 30)
    # 150 words a minute: 30 words take 12 s to say; 3 words a second: 10 s to read.
    assert narration.speaking_seconds(thirty_words) == pytest.approx(12.0)
    assert narration.reading_seconds(thirty_words) == pytest.approx(10.0)
    assert narration.cue_seconds(thirty_words) == pytest.approx(12.0)
    # Never under a second, however short.
    assert narration.reading_seconds("Hi") == 1.0
    assert narration.speaking_seconds("Hi") == 1.0
    fast = NarrationConfig(words_per_minute=300.0)
    assert fast.speaking_seconds(thirty_words) == pytest.approx(6.0)
    assert words_in("  a  b\nc ") == 3


def timeline() -> list[BeatTiming]:
    first = BeatTiming("one", start=0.0, end=5.0, narration="A. B.")
    first.cues += [Cue("one", 0.0, 2.0, "A.", "narration"), Cue("one", 2.0, 6.5, "B.", "narration")]
    second = BeatTiming("two", start=5.0, end=8.0)
    second.cues.append(Cue("two", 1.0, 2.5, "A caption", "caption"))
    return [first, second]


def test_cues_land_on_real_section_times_and_are_cut_at_the_beat_end() -> None:
    # The rendered sections last 5.2 s and 3.0 s (frames round the scene times).
    spans = subtitles.spans_from_durations(["one", "two"], [5.2, 3.0])
    placed = subtitles.place_cues(timeline(), spans)
    assert [(c.start, c.end, c.text) for c in placed] == [
        (0.0, 2.0, "A."),
        (2.0, 5.2, "B."),  # cut at its beat's end
        (6.2, 7.7, "A caption"),  # a beat without narration keeps its captions
    ]


def test_srt_and_vtt_formats() -> None:
    cues = [subtitles.TimedCue(0.0, 1.5, "Hello."), subtitles.TimedCue(61.25, 3725.0, "Bye.")]
    assert subtitles.to_srt(cues) == (
        "1\n00:00:00,000 --> 00:00:01,500\nHello.\n\n2\n00:01:01,250 --> 01:02:05,000\nBye.\n"
    )
    assert subtitles.to_vtt(cues) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello.\n\n00:01:01.250 --> 01:02:05.000\nBye.\n"
    )


def test_script_lists_each_beat_with_its_start_and_words() -> None:
    spans = subtitles.spans_from_durations(["one", "two"], [65.0, 3.0])
    script = subtitles.to_script("clip", timeline(), spans)
    assert script.startswith("# clip\n")
    assert "## 0:00 one\n*65.0 s*\n\nA. B.\n" in script
    assert "## 1:05 two\n*3.0 s*\n\n*(no narration)*\n" in script


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "x.yaml"
    path.write_text("scene: ToyDirections\n" + body)
    return path


def test_narration_parses(tmp_path: Path) -> None:
    clip = load_clip(
        write(tmp_path, "narration:\n  mode: both\n  beats:\n    angles: Hi {first_name}.\n")
    )
    assert clip.narration.mode == "both" and clip.narration.burnt_in and clip.narration.subtitled
    assert clip.narration_for("angles") == "Hi {first_name}."
    assert clip.narration_for("attention") == ""


def test_narration_may_be_a_literal_block(tmp_path: Path) -> None:
    body = "narration:\n  beats:\n    angles: |\n      First line.\n      \tSecond line.\n"
    clip = load_clip(write(tmp_path, body))
    assert clip.narration_for("angles") == "First line. Second line."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "narration:\n  beats:\n    angle: Hi.\n",
            "narration.beats.angle: expected a beat name: one of directions, angles, reading,"
            " full_name, attention (did you mean 'angles'?), got an unknown beat",
        ),
        (
            "narration:\n  mode: loud\n",
            "narration.mode: expected 'captions' or 'subtitles' or 'both' or 'none',"
            " got 'loud' (str)",
        ),
        (
            "narration:\n  beats: [a, b]\n",
            "narration.beats: expected a mapping, got ['a', 'b'] (list)",
        ),
        (
            "narration:\n  beats:\n    angles: 'Hi {first_name.upper}'\n",
            "narration.beats.angles: expected text whose {placeholders} are bare names among "
            + ", ".join(PLACEHOLDERS)
            + ", got 'Hi {first_name.upper}' (str)",
        ),
        (
            'narration:\n  beats:\n    angles: "Hi\\x07 there."\n',
            "narration.beats.angles: expected text without control characters or lone"
            " surrogates, got 'Hi\\x07 there.' (str)",
        ),
        (
            "narration:\n  words_per_minute: 10\n",
            "narration.words_per_minute: expected a number from 60 to 400, got 10 (int)",
        ),
    ],
)
def test_bad_narration_is_one_line(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        load_clip(path)
    assert str(caught.value) == f"{path}: {message}"


def test_every_shipped_clip_narrates_every_beat(repo_root: Path) -> None:
    for path in sorted((repo_root / "configs").glob("*.yaml")):
        clip = load_clip(path)
        missing = [name for name in clip.BEATS if not clip.narration_for(name).strip()]
        assert not missing, f"{path.name}: no narration for {missing}"
