"""Config of the ToyDirections clip (beat 1.7: the toy assumptions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from scenes.config.common import (
    FLOAT_BYTES,
    SMALL_ARRAYS_BYTES,
    TEXT_LENGTH,
    ClipConfig,
    FactConfig,
)
from scenes.config.schema import ConfigError, option, short_repr

FEATURES = 3  # first name, last name, attribute
MAX_STOPS = 6


@dataclass(frozen=True, kw_only=True)
class ReadingStop:
    """Where the moving vector E goes in the reading beat, given by its three readouts
    (dot products with the first-name, last-name and attribute directions)."""

    first: float = option(low=-1.5, high=1.5, doc="E · first-name direction")
    last: float = option(0.0, low=-1.5, high=1.5, doc="E · last-name direction")
    attribute: float = option(0.0, low=-1.5, high=1.5, doc="E · attribute direction")


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsSpace:
    """The toy embedding space the three feature directions live in."""

    d_model: int = option(3, low=3, doc="dimension of the embedding space")
    tilt: float = option(0.08, low=0.0, high=0.5, doc="how far from exactly perpendicular")
    decimals: int = option(2, low=1, high=4, doc="digits of every dot product shown")
    tolerance: float = option(
        0.1, low=0.0, high=0.45, doc="a reading within this of 1 (or above) is yes; of 0, no"
    )
    stops: tuple[ReadingStop, ...] = option(
        (
            ReadingStop(first=0.5, last=0.4, attribute=0.5),
            ReadingStop(first=1.0, last=0.3, attribute=0.5),
            ReadingStop(first=0.0, last=0.7, attribute=0.6),
            ReadingStop(first=-0.6, last=0.5, attribute=0.5),
            ReadingStop(first=1.3, last=0.8, attribute=0.6),
        ),
        doc="the path E follows while its first-name readout updates live",
    )


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsText:
    """Words on screen; {first_name}, {last_name} and {attribute} are filled in from the fact."""

    title: str = option("The toy assumptions", max_length=60)
    first_name_label: str = option("first name", max_length=60, doc="role beside the name")
    last_name_label: str = option("last name", max_length=60, doc="role beside the name")
    attribute_label: str = option("attribute", max_length=60, doc="role beside the word")
    angles_heading: str = option("Nearly perpendicular", max_length=60)
    angle_note: str = option("angle = arccos of the dot product as shown", max_length=TEXT_LENGTH)
    reading_heading: str = option("Reading a vector E", max_length=60)
    is_feature: str = option("about 1 or more: {first_name}", max_length=70)
    not_feature: str = option("about 0 or less: not {first_name}", max_length=70)
    in_between: str = option("in between: partly", max_length=70)
    encoding_label: str = option("E encodes {first_name} {last_name}", max_length=90)
    sum_note: str = option(
        "adding the two name directions adds their readings", max_length=TEXT_LENGTH
    )
    attention: str = option("attention", max_length=30)
    encoding_note: str = option(
        "An earlier attention block moved {first_name} into the {last_name} token",
        max_length=TEXT_LENGTH,
    )


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsConfig(ClipConfig):
    """Beat 1.7: three nearly perpendicular feature directions, reading a vector by its dot
    products, the full name M + J, and attention moving the first name into the last name's
    token."""

    SCENE: ClassVar[str] = "scenes.clips.toy_directions:ToyDirections"
    BEATS: ClassVar[tuple[str, ...]] = ("directions", "angles", "reading", "full_name", "attention")

    fact: FactConfig = field(default_factory=FactConfig)
    toy: ToyDirectionsSpace = field(default_factory=ToyDirectionsSpace)
    text: ToyDirectionsText = field(default_factory=ToyDirectionsText)

    def check(self, source: str) -> None:
        """The reading path has 2 to MAX_STOPS stops."""
        stops = len(self.toy.stops)
        if not 2 <= stops <= MAX_STOPS:
            expected = f"2 to {MAX_STOPS} stops"
            raise ConfigError(source, "toy.stops", expected, f"{stops} stops")
        super().check(source)

    def memory_bytes(self) -> int:
        """Peak bytes of prepare()'s math, float64 vectors of d entries: named_directions
        peaks at about 12 such vectors (the Gaussian draw, its QR copy and factor, the tilted
        copy); later the 3 directions, the encoded vectors (the full name, each reading stop,
        two tokens), the array span_coordinates stacks them into, and its 3-row basis are
        held at once, with a QR work copy: measured 23 vectors with four stops; 2 * 3 +
        2 (stops + 3) + 4 covers it."""
        vectors = max(12, 2 * FEATURES + 2 * (len(self.toy.stops) + 3) + 4)
        return vectors * self.toy.d_model * FLOAT_BYTES + SMALL_ARRAYS_BYTES

    def sizes_text(self) -> str:
        return f"d_model={short_repr(self.toy.d_model)}"
