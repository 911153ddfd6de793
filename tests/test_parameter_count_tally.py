"""ParameterCount's tally adds up as displayed in every frame: the counts the table shows for
the counted rows sum to the total it shows, in 16:9 (ColumnTable) and 9:16/1:1 (StackedTable),
for every model preset of the tests; and in a narrow frame no row leaves the frame."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from manim import config, tempconfig

from scenes.clips.parameter_count import ParameterCount
from scenes.config import ParameterCountConfig, load_clip
from scenes.config.common import Aspect

ROOT = Path(__file__).parents[1]
CONFIGS = [
    ROOT / "configs" / "parameter_count.yaml",
    ROOT / "tests" / "configs" / "parameter_count_llama.yaml",
    ROOT / "tests" / "configs" / "parameter_count_mixtral.yaml",
]


def shown_number(tex: str) -> int:
    """A count as the table writes it: ``175,181,291,520``."""
    return int(tex.replace(",", "").replace("{", "").replace("}", "").strip())


@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1"])
@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_displayed_counts_add_up_to_displayed_total(path: Path, aspect: Aspect) -> None:
    clip = load_clip(path)
    assert isinstance(clip, ParameterCountConfig)
    with tempconfig({"dry_run": True}):
        scene = ParameterCount(dataclasses.replace(clip, aspect=aspect))
        scene.setup()  # computes the counts (prepare)
        table = scene.table()
        counted = len(scene.counted)
        shown = [shown_number(table.get_value(i, 1).tex_string) for i in range(counted)]
        total = shown_number(table.get_value(counted, 1).tex_string)
        assert sum(shown) == total
        half_width = config.frame_width / 2
        scene.fit_stage(table)
        assert table.get_left()[0] >= -half_width and table.get_right()[0] <= half_width
        # the counts stand in one right-aligned column under each other
        rights = [table.get_value(i, 1).get_right()[0] for i in range(counted + 1)]
        assert max(rights) - min(rights) < 1e-6
