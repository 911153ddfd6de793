"""Config of the ToyDirections clip (beat 1.7: the toy assumptions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from scenes.config.common import FLOAT_BYTES, ClipConfig, FactConfig
from scenes.config.schema import option


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
        # Directions (3 × d), their QR workspace and the encoded vector: a few d-vectors.
        return 8 * self.toy.d_model * FLOAT_BYTES

    def sizes_text(self) -> str:
        return f"d_model={self.toy.d_model}"
