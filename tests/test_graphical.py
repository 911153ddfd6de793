"""Graphical units: the last frame of each ToyDirections beat against committed control data.

Uses manim's ``frames_comparison`` (control data in tests/control_data/toy_directions/); to
regenerate after an intended visual change: ``.venv/bin/pytest tests/test_graphical.py --set_test``.
Each beat is played on its own, which also checks that a beat can be presented alone.
"""

from manim.utils.testing.frames_comparison import frames_comparison

from scenes.toy_directions import ToyDirections

__module_test__ = "toy_directions"


@frames_comparison(base_scene=ToyDirections)
def test_directions(scene: ToyDirections) -> None:
    scene.play_beats(["directions"])


@frames_comparison(base_scene=ToyDirections)
def test_angles(scene: ToyDirections) -> None:
    scene.play_beats(["angles"])


@frames_comparison(base_scene=ToyDirections)
def test_encoding(scene: ToyDirections) -> None:
    scene.play_beats(["directions", "angles", "encoding"])
