"""Text templates: only bare {placeholders} from PLACEHOLDERS, in every text and narration.

str.format would otherwise run attribute and index lookups, conversions and format specs
chosen by whoever wrote the YAML (``{x:>1000000000}`` allocates a gigabyte); each class of
such template gets the one line below.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from scenes.config import CLIP_CONFIGS, ConfigError, fill, load_clip
from scenes.config.common import PLACEHOLDERS

EXPECTED = "expected text whose {placeholders} are bare names among " + ", ".join(PLACEHOLDERS)


def load_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_clip(path)
    message = str(caught.value)
    assert "\n" not in message
    prefix = f"{path}: "
    assert message.startswith(prefix)
    return message[len(prefix) :]


BAD_TEMPLATES = [
    ("unknown name", "Hi {name}", "'Hi {name}'"),
    ("attribute lookup", "{first_name.__class__}", "'{first_name.__class__}'"),
    ("index lookup", "{model[0]}", "'{model[0]}'"),
    ("format spec", "{first_name:>1000000000}", "'{first_name:>1000000000}'"),
    ("nested format spec", "{first_name:{n}}", "'{first_name:{n}}'"),
    ("conversion", "{first_name!r}", "'{first_name!r}'"),
    ("positional (empty)", "{} plays", "'{} plays'"),
    ("positional (number)", "{0} plays", "'{0} plays'"),
    ("unclosed brace", "{first_name plays", "'{first_name plays'"),
    ("lone closing brace", "first_name} plays", "'first_name} plays'"),
]


@pytest.mark.parametrize(
    ("template", "shown"), [case[1:] for case in BAD_TEMPLATES], ids=[c[0] for c in BAD_TEMPLATES]
)
def test_bad_template_in_text(tmp_path: Path, template: str, shown: str) -> None:
    body = f"scene: ToyDirections\ntext:\n  title: {template!r}\n"
    assert load_error(tmp_path, body) == f"text.title: {EXPECTED}, got {shown} (str)"


@pytest.mark.parametrize(
    ("template", "shown"), [case[1:] for case in BAD_TEMPLATES], ids=[c[0] for c in BAD_TEMPLATES]
)
def test_bad_template_in_narration(tmp_path: Path, template: str, shown: str) -> None:
    body = f"scene: ToyDirections\nnarration:\n  beats:\n    angles: {template!r}\n"
    assert load_error(tmp_path, body) == f"narration.beats.angles: {EXPECTED}, got {shown} (str)"


def test_long_bad_template_is_shown_cut(tmp_path: Path) -> None:
    template = "{first_name.x} " + "word " * 100
    body = f"scene: ToyDirections\nnarration:\n  beats:\n    angles: {template!r}\n"
    found = "'{first_name.x} word word word word w... (str)"  # the repr cut to 40 characters
    assert load_error(tmp_path, body) == f"narration.beats.angles: {EXPECTED}, got {found}"


def test_good_templates_pass_and_fill(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    title = "{{literal}} {first_name} {last_name} {attribute} {n}"
    path.write_text(f"scene: ToyDirections\ntext:\n  title: {title!r}\n")
    clip = load_clip(path)
    assert fill(clip.text.title, clip.fact, n=3) == "{literal} Michael Jordan basketball 3"  # type: ignore[attr-defined]


def text_fields() -> list[tuple[str, str]]:
    """(scene, field) for every field of every clip's ``text`` section."""
    cases = []
    for scene, config_class in CLIP_CONFIGS.items():
        text = getattr(config_class(scene=scene), "text")  # noqa: B009 (not on ClipConfig)
        cases += [(scene, item.name) for item in dataclasses.fields(text)]
    return cases


@pytest.mark.parametrize(("scene", "name"), text_fields())
def test_every_text_field_is_checked(tmp_path: Path, scene: str, name: str) -> None:
    body = f"scene: {scene}\ntext:\n  {name}: '{{model.x}}'\n"
    assert load_error(tmp_path, body) == f"text.{name}: {EXPECTED}, got '{{model.x}}' (str)"


@pytest.mark.parametrize("scene", list(CLIP_CONFIGS))
def test_every_beat_narration_is_checked(tmp_path: Path, scene: str) -> None:
    beat = CLIP_CONFIGS[scene].BEATS[-1]
    body = f"scene: {scene}\nnarration:\n  beats:\n    {beat}: '{{n!s}}'\n"
    assert load_error(tmp_path, body) == f"narration.beats.{beat}: {EXPECTED}, got '{{n!s}}' (str)"
