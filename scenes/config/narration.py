"""The narration track: words for every beat, and how long they take to say and to read.

Pure Python (no manim). The beat engine uses these figures to pace each beat (a beat lasts at
least as long as its narration takes to speak), to keep each caption on screen for at least its
reading time, and to cut the narration into subtitle cues, one per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from scenes.config.schema import option

NarrationMode = Literal["captions", "subtitles", "both", "none"]
# A sentence ends at . ! ? or … followed by a space (or the end); abbreviations are rare in
# narration, and a wrong split only makes two shorter cues.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
MIN_CUE_SECONDS = 1.0
NARRATION_LENGTH = 1200


def words_in(text: str) -> int:
    """Words in ``text``, counted as runs of non-space characters (at least 1)."""
    return max(1, len(text.split()))


def sentences(text: str) -> tuple[str, ...]:
    """``text`` cut into sentences, whitespace tidied; empty text gives no sentence."""
    tidy = " ".join(text.split())
    return tuple(s for s in SENTENCE_END.split(tidy) if s)


@dataclass(frozen=True, kw_only=True)
class NarrationConfig:
    """What is said over each beat, and how it is shown.

    ``mode``: ``captions`` burns the narration into the picture, one sentence at a time, along
    the bottom; ``subtitles`` writes it only to the ``.srt``/``.vtt`` files beside the video;
    ``both`` does both; ``none`` neither (the beats are still paced by it).
    """

    mode: Literal["captions", "subtitles", "both", "none"] = option(
        "subtitles", doc="captions | subtitles | both | none"
    )
    words_per_minute: float = option(150.0, low=60.0, high=400.0, doc="speaking rate")
    reading_words_per_second: float = option(
        3.0, low=1.0, high=10.0, doc="how fast a viewer reads a caption"
    )
    beats: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}),
        metadata={
            "max_length": NARRATION_LENGTH,
            "multiline": True,
            "doc": "beat name -> what is said over it",
        },
    )

    @property
    def burnt_in(self) -> bool:
        """Whether the narration is drawn into the picture."""
        return self.mode in ("captions", "both")

    @property
    def subtitled(self) -> bool:
        """Whether the narration is written to subtitle files."""
        return self.mode in ("subtitles", "both")

    def speaking_seconds(self, text: str) -> float:
        """Seconds it takes to say ``text`` at ``words_per_minute`` (at least one second)."""
        return max(MIN_CUE_SECONDS, 60.0 * words_in(text) / self.words_per_minute)

    def reading_seconds(self, text: str) -> float:
        """Seconds a viewer needs to read ``text`` (at least one second)."""
        return max(MIN_CUE_SECONDS, words_in(text) / self.reading_words_per_second)

    def cue_seconds(self, sentence: str) -> float:
        """How long a sentence's cue stays up: long enough to say it and to read it."""
        return max(self.speaking_seconds(sentence), self.reading_seconds(sentence))
