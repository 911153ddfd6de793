"""Config of the ToyDirections clip (beat 1.7: the toy assumptions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from scenes.config.common import FLOAT_BYTES, SMALL_ARRAYS_BYTES, ClipConfig, FactConfig
from scenes.config.schema import option, short_repr

FEATURES = 3  # first name, last name, attribute


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsSpace:
    """The toy embedding space the three feature directions live in."""

    d_model: int = option(3, low=3, doc="dimension of the embedding space")
    tilt: float = option(0.08, low=0.0, high=0.5, doc="how far from exactly perpendicular")


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsText:
    """Words on screen; {first_name}, {last_name} and {attribute} are filled in from the fact."""

    title: str = option("The toy assumptions", max_length=60)
    first_name_label: str = option("first name {first_name}", max_length=60)
    last_name_label: str = option("last name {last_name}", max_length=60)
    attribute_label: str = option("{attribute}", max_length=60)
    encoding_label: str = option("{first_name} {last_name}", max_length=70)
    angles_heading: str = option("Nearly perpendicular", max_length=60)
    encoding_note: str = option(
        "An earlier attention block moved {first_name} into the {last_name} token",
        max_length=120,
    )


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsConfig(ClipConfig):
    """Beat 1.7: three nearly perpendicular feature directions and a vector encoding a name."""

    SCENE: ClassVar[str] = "scenes.clips.toy_directions:ToyDirections"
    BEATS: ClassVar[tuple[str, ...]] = ("directions", "angles", "encoding")

    fact: FactConfig = field(default_factory=FactConfig)
    toy: ToyDirectionsSpace = field(default_factory=ToyDirectionsSpace)
    text: ToyDirectionsText = field(default_factory=ToyDirectionsText)

    def memory_bytes(self) -> int:
        """Peak bytes of prepare()'s math (named_directions, encode, span_coordinates): five
        3 x d float64 arrays, 5 * 3 * 8 d bytes. named_directions holds four at once (the
        Gaussian draw, its QR copy and factor, the tilted copy: measured 96 d bytes); the
        fifth covers the encoded vector and the points span_coordinates projects."""
        return 5 * FEATURES * self.toy.d_model * FLOAT_BYTES + SMALL_ARRAYS_BYTES

    def sizes_text(self) -> str:
        return f"d_model={short_repr(self.toy.d_model)}"
