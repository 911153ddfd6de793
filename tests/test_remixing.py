"""REMIXING.md stays true: its YAML edits, replayed in order on the shipped MLP walkthrough
file, each give a valid clip that has what the step says; each command is one ``llmfacts``
accepts; each step's still is committed, at the size its frame's shape gives."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from scenes.app.cli import build_parser
from scenes.config import MLPWalkthroughConfig, load_clip

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "REMIXING.md"
BLOCK = re.compile(r"```(yaml|sh)\n(.*?)```", re.DOTALL)
STILL = re.compile(r"!\[[^\]]*\]\(([^)]+\.png)\)")


def steps() -> list[tuple[str, str]]:
    """The guide's numbered steps: (heading, body)."""
    parts = re.split(r"^## ", GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    return [(part.splitlines()[0], part) for part in parts]


def merged(base: dict[str, Any], edit: dict[str, Any]) -> dict[str, Any]:
    """``edit`` laid over ``base``, mappings merged key by key (as a person edits a file)."""
    result = dict(base)
    for key, value in edit.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def test_each_edit_gives_a_valid_clip_with_what_its_step_says(tmp_path: Path) -> None:
    shipped = ROOT / "configs" / "mlp_walkthrough.yaml"
    document = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    clips = []
    for _heading, body in steps():
        for kind, text in BLOCK.findall(body):
            if kind != "yaml":
                continue
            document = merged(document, yaml.safe_load(text))
            config = tmp_path / "mlp_walkthrough.yaml"
            config.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
            clip = load_clip(config)
            assert isinstance(clip, MLPWalkthroughConfig)
            clips.append(clip)
    assert len(clips) == 6
    two_beats, fact, model, light, vertical, narrated = clips
    assert two_beats.beat_order == ("bias", "summary")
    assert (fact.fact.first_name, fact.fact.last_name) == ("Marie", "Curie")
    assert model.model.name != two_beats.model.name
    assert light.theme == "light" and model.theme != "light"
    assert vertical.aspect == "9:16"
    assert narrated.narration.mode == "both"
    assert narrated.narration_for("bias") != vertical.narration_for("bias")


def test_each_command_is_one_llmfacts_accepts() -> None:
    commands = [
        shlex.split(line)
        for _heading, body in steps()
        for kind, text in BLOCK.findall(body)
        if kind == "sh"
        for line in text.splitlines()
        if line.strip()
    ]
    assert len(commands) == 7
    parser = build_parser()
    for words in commands:
        assert words[0] == "llmfacts"
        parser.parse_args(words[1:])  # exits (SystemExit) on a command it would refuse


@pytest.mark.parametrize("number", range(1, 7))
def test_each_step_has_its_still_at_its_size(number: int) -> None:
    heading, body = steps()[number]
    [still] = STILL.findall(body)
    with Image.open(ROOT / still) as image:
        width, height = image.size
    if number >= 5:  # from the vertical step on
        assert height > width, heading
    else:
        assert width > height, heading
