"""The refresher's numbers as drawn: each beat records the numbers it puts on screen
(``scene.shown``), and here a dry run of the beats (nothing drawn) checks that every displayed
sum adds up as displayed and that the vector read out in the prediction beat is the one the
flow beat produced, for the default clip and for a second fact, prompt and model."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cached_latex
from manim import tempconfig

from scenes.app.layout import draw_nothing
from scenes.clips.transformer_refresher import TransformerRefresher
from scenes.config import load_clip

pytestmark = pytest.mark.render

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = [
    ROOT / "configs" / "transformer_refresher.yaml",
    ROOT / "tests" / "configs" / "transformer_refresher_second.yaml",
]


def fixed(value: float) -> str:
    return f"{value:.2f}"


@pytest.mark.parametrize("path", CONFIGS, ids=["default", "second"])
def test_displayed_numbers_add_up(path: Path) -> None:
    clip = load_clip(path)
    with tempconfig({"dry_run": True, "verbosity": "ERROR", **cached_latex()}):
        # skip_animations: each animation jumps to its end (a dry run alone would still
        # step through every frame of every animation).
        scene = TransformerRefresher(clip, skip_animations=True)  # type: ignore[arg-type]
        draw_nothing(scene)  # skip mode would still draw every animation's end
        scene.setup()
        scene.play_beats(["embeddings", "flow", "prediction", "context_knowledge", "mlp_share"])
    shown = scene.shown
    # The prediction starts from the stream the flow produced (not the raw embedding), and
    # reads it out after the final normalisation: each entry divided by the length shown.
    assert shown["prediction_stream"] == shown["flow_output"]
    assert shown["prediction_input"] != shown["embeddings"]
    length = shown["final_length"][0]
    for raw, unit in zip(shown["prediction_stream"], shown["prediction_input"], strict=True):
        half = 0.5 * 10.0**-scene.clip.display.decimals  # rounding of a shown entry
        slack = half + half / length + abs(raw) * 0.005 / length**2 + 1e-9
        assert abs(raw / length - unit) <= slack
    # The stream sums of the context beat, x + Δ = x', add up as displayed, entry by entry,
    # and its last stream is the flow's output for the last name (the same numbers).
    sums = shown["stream_sums"]
    assert len(sums) >= 3 * 4 * len(shown["embeddings"])  # 2 layers x 2 blocks, + the rest
    for start in range(0, len(sums), 3):
        x, delta, total = sums[start : start + 3]
        assert fixed(x + delta) == fixed(total)
    assert shown["absorbed_stream"] == shown["flow_last_name"]
    # exp of each displayed logit is the displayed exp; their displayed sum is the Σ shown.
    for logit, value in zip(shown["logits"], shown["exps"], strict=True):
        assert fixed(2.718281828459045 ** float(fixed(logit))) == fixed(value)
    assert fixed(sum(float(fixed(v)) for v in shown["exps"])) == fixed(shown["exp_sum"][0])
    # Each share is the displayed exp over the displayed sum, and the shares add up to 100%.
    for value, percent in zip(shown["exps"], shown["percents"], strict=True):
        assert abs(100 * value / shown["exp_sum"][0] - percent) < 1
    assert sum(shown["percents"]) == shown["percent_sum"][0] == 100
    assert sum(shown["part_percents"]) == 100
    best = shown["percents"].index(max(shown["percents"]))
    assert clip.candidates[best] == clip.fact.attribute  # type: ignore[attr-defined]
    # The flow's normalisation shows lengths that were really rescaled to 1.
    assert all(n > 0 for n in shown["norms_1"])


def test_wrap_rows_keeps_order_and_width() -> None:
    from manim import Square, VGroup

    from scenes.clips.transformer_refresher import wrap_rows

    items = VGroup(*(Square(side_length=1.0) for _ in range(7)))
    wrap_rows(items, width=3.5, gap=0.2, line_gap=0.3)
    lines: dict[float, list[float]] = {}
    for item in items:  # the items' x, by line (their y)
        lines.setdefault(round(float(item.get_y()), 6), []).append(float(item.get_x()))
    assert [len(xs) for _, xs in sorted(lines.items(), reverse=True)] == [3, 3, 1]
    for xs in lines.values():
        assert xs == sorted(xs)  # reading order within a line
        assert max(xs) - min(xs) + 1.0 <= 3.5
    ys = [float(item.get_y()) for item in items]
    assert ys == sorted(ys, reverse=True)  # later items never on an earlier line


@pytest.mark.parametrize(
    ("text", "width", "hyphens"),
    [
        ("extreme ironing competitions", 3.4, False),
        ("extreme ironing competitions", 1.9, False),
        ("underwater basket weaving", 2.6, False),
        ("Featherstonehaugh-Cholmondely", 2.6, True),
        ("basketball", 1.0, False),
    ],
)
def test_break_lines_breaks_between_words_only(text: str, width: float, hyphens: bool) -> None:
    from scenes.clips.transformer_refresher import break_lines
    from scenes.visual import style
    from scenes.visual.components import label_text

    lines = break_lines(text, width, style.SMALL_SIZE, hyphens)
    # Joined back (a line ending in the text's own hyphen joins without a space): the text,
    # so no word was cut and no hyphen added.
    joined = "".join(line + ("" if line.endswith("-") else " ") for line in lines).strip()
    assert joined == text
    widths = [label_text(line, style.TEXT, style.SMALL_SIZE).width for line in lines]
    if all(label_text(w, style.TEXT, style.SMALL_SIZE).width <= width for w in text.split()):
        assert max(widths) <= width
    assert not (len(lines) >= 2 and len(lines[-1].split()) == 1 and len(lines[-2].split()) >= 2)
    # The fewest lines: one line fewer would not fit (or would leave an orphan).
    if len(lines) > 1 and " " in text and not hyphens:
        assert label_text(text, style.TEXT, style.SMALL_SIZE).width > width
