"""Fact presets (configs/facts/) and the fact's cross-field rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scenes.config import ConfigError, FactConfig, load_clip
from scenes.config.common import (
    FACT_PRESET_DIR,
    RESERVED_SYMBOLS,
    fact_presets,
    fill,
    load_fact,
)


def clip_with(tmp_path: Path, fact_yaml: str, scene: str = "ToyDirections") -> Path:
    path = tmp_path / "clip.yaml"
    path.write_text(f"scene: {scene}\nfact: {fact_yaml}\n", encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_clip(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_at_least_three_presets_each_valid_and_distinct() -> None:
    names = fact_presets()
    assert len(names) >= 3 and "michael-jordan" in names
    facts = [load_fact(name) for name in names]
    assert len({fact.full_name for fact in facts}) == len(facts)
    for fact in facts:
        assert fact.probes, "every preset names people who share one of the names"
        shared = [p for p in fact.probes if fact.first_name == p.first_name]
        shared += [p for p in fact.probes if fact.last_name == p.last_name]
        assert len(shared) == len(fact.probes), "each probe shares the first or the last name"


def test_default_fact_is_the_michael_jordan_preset() -> None:
    assert load_fact("michael-jordan") == FactConfig()


@pytest.mark.parametrize("name", ["michael-jordan", "miles-davis", "marie-curie"])
def test_clip_takes_a_preset_name(tmp_path: Path, name: str) -> None:
    clip = load_clip(clip_with(tmp_path, name))
    assert clip.fact == load_fact(name)  # type: ignore[attr-defined]


SHIPPED = Path(__file__).parents[1] / "configs"
FACT_PRESETS = sorted(p.stem for p in (SHIPPED / "facts").glob("*.yaml"))
# (The refresher's prediction also lists candidate words, which must include the attribute: a
# remix of it changes both, and its config check says so in one line.)
CLIPS_WITH_A_FACT = sorted(
    p
    for p in SHIPPED.glob("*.yaml")
    if "\nfact:" in p.read_text() and "\ncandidates:" not in p.read_text()
)


@pytest.mark.parametrize("preset", FACT_PRESETS)
@pytest.mark.parametrize("shipped", CLIPS_WITH_A_FACT, ids=[p.stem for p in CLIPS_WITH_A_FACT])
def test_every_fact_preset_fits_every_clip_that_tells_a_fact(
    tmp_path: Path, shipped: Path, preset: str
) -> None:
    # No preset may use a letter a clip writes for something else (the MLP clip's C).
    text = re.sub(r"(?m)^fact:.*$", f"fact: {preset}", shipped.read_text())
    config = tmp_path / shipped.name
    config.write_text(text)
    assert load_clip(config).fact == load_fact(preset)  # type: ignore[attr-defined]


def test_inline_keys_override_the_preset(tmp_path: Path) -> None:
    clip = load_clip(clip_with(tmp_path, "{preset: miles-davis, attribute: cornet}"))
    fact = clip.fact  # type: ignore[attr-defined]
    assert fact.attribute == "cornet" and fact.first_name == "Miles"
    assert fact.probes == load_fact("miles-davis").probes


def test_inline_mapping_without_preset_keeps_defaults(tmp_path: Path) -> None:
    fact = load_clip(clip_with(tmp_path, "{first_name: Ada}")).fact  # type: ignore[attr-defined]
    assert fact.first_name == "Ada" and fact.last_name == FactConfig().last_name


def test_every_clip_with_a_fact_resolves_presets() -> None:
    from scenes.config import CLIP_CONFIGS
    from scenes.config.schema import parse

    with_fact = [c for c in CLIP_CONFIGS.values() if "fact" in c.__dataclass_fields__]
    assert len(with_fact) >= 3
    for cls in with_fact:
        raw = cls.prepare_raw({"scene": cls.scene_name(), "fact": "miles-davis"}, "x.yaml")
        clip = parse(cls, raw, "x.yaml")
        assert clip.fact == load_fact("miles-davis"), cls  # type: ignore[attr-defined]


def test_unknown_preset_lists_known_ones(tmp_path: Path) -> None:
    path = clip_with(tmp_path, "michael-jordon")
    known = ", ".join(fact_presets())
    assert error_for(path) == (
        f"{path}: fact: expected a fact preset ({known}) (did you mean 'michael-jordan'?),"
        " got 'michael-jordon' (str)"
    )
    path = clip_with(tmp_path, "{preset: ../models/gpt2-small}")
    assert f"{path}: fact.preset: expected a fact preset ({known})" in error_for(path)


def test_a_fact_that_is_neither_name_nor_mapping(tmp_path: Path) -> None:
    path = clip_with(tmp_path, "[1, 2]")
    assert error_for(path).endswith("or a mapping, got [1, 2] (list)")


def test_override_error_names_the_clip_file(tmp_path: Path) -> None:
    path = clip_with(tmp_path, "{preset: miles-davis, atribute: x}")
    message = error_for(path)
    assert message.startswith(f"{path}: fact.atribute: expected one of")
    assert "did you mean 'attribute'?" in message


@pytest.mark.parametrize("symbol", RESERVED_SYMBOLS)
def test_reserved_symbol_is_refused(tmp_path: Path, symbol: str) -> None:
    path = clip_with(tmp_path, f"{{attribute_symbol: {symbol}}}")
    reserved = ", ".join(RESERVED_SYMBOLS)
    assert error_for(path) == (
        f"{path}: fact.attribute_symbol: expected a symbol other than {reserved}"
        f" (used on screen), got '{symbol}' (str)"
    )


def test_same_symbol_twice_is_refused(tmp_path: Path) -> None:
    path = clip_with(tmp_path, "{preset: marie-curie, attribute_symbol: K}")
    assert error_for(path) == (
        f"{path}: fact.attribute_symbol: expected a symbol different from last_symbol 'K',"
        " got 'K' (str)"
    )


def test_symbols_differing_in_case_are_distinct() -> None:
    FactConfig(first_symbol="B", last_symbol="J", attribute_symbol="e").check("x")
    with pytest.raises(ConfigError):
        FactConfig(first_symbol="B", last_symbol="J", attribute_symbol="b").check("x")


def test_clip_reserves_its_own_symbols() -> None:
    with pytest.raises(ConfigError, match="other than E, W, b, h, Q"):
        FactConfig(first_symbol="Q").check("x", reserved=(*RESERVED_SYMBOLS, "Q"))


def test_probe_equal_to_the_fact_is_refused(tmp_path: Path) -> None:
    path = clip_with(tmp_path, "{probes: [{first_name: Michael, last_name: Jordan}]}")
    assert "fact.probes[0]: expected a name other than the fact's own" in error_for(path)


def test_broken_preset_file_names_that_file(tmp_path: Path) -> None:
    bad = FACT_PRESET_DIR / "zz-test-broken.yaml"
    bad.write_text("fact:\n  first_symbol: E\n", encoding="utf-8")
    try:
        message = error_for(clip_with(tmp_path, "zz-test-broken"))
    finally:
        bad.unlink()
    assert message.startswith(f"{bad}: fact.first_symbol: expected a symbol other than E")


def test_fill_knows_verb_and_relation() -> None:
    fact = load_fact("miles-davis")
    text = fill("{first_name} {last_name} {relation} ___ / {verb} {attribute}", fact)
    assert text == "Miles Davis played the ___ / played the trumpet"
    assert fact.prompt_words()[:2] == ("Miles", "Davis")
    assert fact.statement() == "Miles Davis played the trumpet"
