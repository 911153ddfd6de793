"""The config loader: valid files parse; every hostile kind gets its one exact line."""

from pathlib import Path

import pytest

from scenes.config import CLIP_CONFIGS, ToyDirectionsConfig, load_clip
from scenes.config.common import PLACEHOLDERS
from scenes.config.schema import ConfigError, describe

GOOD = "scene: ToyDirections\n"


def write(tmp_path: Path, content: str | bytes, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_clip(path)
    return str(caught.value)


def test_every_shipped_config_parses(repo_root: Path) -> None:
    files = sorted((repo_root / "configs").glob("*.yaml"))
    assert files
    for path in files:
        clip = load_clip(path)
        assert clip.beat_order


def test_defaults_and_overrides(tmp_path: Path) -> None:
    clip = load_clip(write(tmp_path, GOOD))
    assert isinstance(clip, ToyDirectionsConfig)
    assert clip.fact.first_name == "Michael" and clip.toy.d_model == 3
    assert clip.beat_order == ("directions", "angles", "reading", "full_name", "attention")
    text = GOOD + "beats: [attention, angles]\npacing: 2\nfact: {attribute: tennis}\n"
    clip = load_clip(write(tmp_path, text))
    assert isinstance(clip, ToyDirectionsConfig)
    assert clip.beat_order == ("attention", "angles")
    assert clip.pacing == 2.0 and clip.fact.attribute == "tennis"
    with pytest.raises(AttributeError):
        clip.pacing = 3.0  # type: ignore[misc]


HOSTILE = [
    ("toy:\n  d_model: abc\n", "toy.d_model: expected an integer >= 3, got 'abc' (str)"),
    ("toy:\n  d_model: 2\n", "toy.d_model: expected an integer >= 3, got 2 (int)"),
    ("toy:\n  d_model: 3.5\n", "toy.d_model: expected an integer >= 3, got 3.5 (float)"),
    ("toy:\n  d_model: true\n", "toy.d_model: expected an integer >= 3, got True (bool)"),
    ("toy:\n  tilt: .nan\n", "toy.tilt: expected a finite number, got nan (float)"),
    ("toy:\n  tilt: 2\n", "toy.tilt: expected a number from 0 to 0.5, got 2 (int)"),
    (
        "toy:\n  d_modle: 4\n",
        "toy.d_modle: expected one of d_model, tilt, decimals, tolerance, stops"
        " (did you mean 'd_model'?), got an unknown key",
    ),
    ("toy: [1, 2]\n", "toy: expected a mapping, got [1, 2] (list)"),
    ("pacing: fast\n", "pacing: expected a number from 0.1 to 10, got 'fast' (str)"),
    (
        "beats: [angle]\n",
        "beats[0]: expected one of directions, angles, reading, full_name, attention"
        " (did you mean 'angles'?), got 'angle' (str)",
    ),
    ("beats: []\n", "beats: expected at least one beat name, got an empty list"),
    (
        "beats: [angles, angles]\n",
        "beats: expected each beat at most once, got ['angles', 'angles'] (list)",
    ),
    (
        "fact:\n  first_name: " + "x" * 31 + "\n",
        "fact.first_name: expected text of 1 to 30 characters, got 31 characters",
    ),
    (
        "fact:\n  first_name: ''\n",
        "fact.first_name: expected text of 1 to 30 characters, got '' (str)",
    ),
    (
        "fact:\n  first_symbol: 'M_1'\n",
        "fact.first_symbol: expected 1 to 3 plain letters (used in LaTeX), got 'M_1' (str)",
    ),
    ("colours:\n  text: red\n", "colours.text: expected a colour like '#58C4DD', got 'red' (str)"),
    (
        "text:\n  title: 'Hi {name}'\n",
        "text.title: expected text whose {placeholders} are bare names among "
        + ", ".join(PLACEHOLDERS)
        + ", got 'Hi {name}' (str)",
    ),
    (
        "toy:\n  d_model: 100000000000\n",
        "toy: expected sizes needing at most 64.0 MiB of memory,"
        " got d_model=100000000000, which needs 18.9 TiB",
    ),
]


@pytest.mark.parametrize(("body", "message"), HOSTILE)
def test_hostile_values(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, GOOD + body)
    assert error_for(path) == f"{path}: {message}"


# Every registered clip, in the registry's (the video's) order.
SCENES = ", ".join(CLIP_CONFIGS)

HOSTILE_FILES = [
    (b"", "(top level): expected a mapping with a 'scene' key, got an empty file"),
    (b"- 1\n- 2\n", "(top level): expected a mapping with a 'scene' key, got [1, 2] (list)"),
    (
        b"description: hi\n",
        f"scene: expected one of {SCENES}, got nothing (null)",
    ),
    (
        b"scene: ToyDirection\n",
        f"scene: expected one of {SCENES} (did you mean 'ToyDirections'?),"
        " got 'ToyDirection' (str)",
    ),
    (
        b"scene: !!python/object/apply:os.system ['echo hi']\n",
        "(file): expected plain YAML without tags, got could not determine a constructor for"
        " the tag 'tag:yaml.org,2002:python/object/apply:os.system' at line 1",
    ),
    (
        b"scene: [unclosed\n",
        "(file): expected valid YAML, got did not find expected ',' or ']' at line 2, column 1",
    ),
    (
        b"scene: ToyDirections\x00\n",
        "(file): expected UTF-8 text, got binary data (NUL byte at offset 20)",
    ),
    (b"scene: Toy\xffDirections\n", "(file): expected UTF-8 text, got byte 0xff at offset 10"),
    (
        b"a: " + b"[" * 40 + b"]" * 40 + b"\n",
        "(file): expected at most 16 levels of nesting, got deeper nesting",
    ),
    (
        b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "(file): expected at most 16 levels of nesting, got deeper nesting",
    ),
    (b"x: " + b"a" * 300_000, "(file): expected a file of at most 256 KiB, got 293 KiB"),
]


@pytest.mark.parametrize(("content", "message"), HOSTILE_FILES)
def test_hostile_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = write(tmp_path, content)
    assert error_for(path) == f"{path}: {message}"


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    path = write(tmp_path, "scene: ToyDirections\n" + "\n".join(lines) + "\n")
    message = error_for(path)
    assert message in (
        f"{path}: (file): expected at most 10000 values, got more",
        f"{path}: a0: expected one of scene, description, seed, beats, pacing, colours, fact,"
        " toy, text, got an unknown key",
    )


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert (
        error_for(missing) == f"{missing}: (file): expected an existing YAML file, got no such file"
    )
    assert error_for(tmp_path) == f"{tmp_path}: (file): expected a YAML file, got a directory"


def test_same_config_same_numbers(tmp_path: Path) -> None:
    import mathcore

    clip = load_clip(write(tmp_path, GOOD + "toy: {d_model: 30}\nseed: 9\n"))
    assert isinstance(clip, ToyDirectionsConfig)
    names = (clip.fact.first_name, clip.fact.last_name, clip.fact.attribute)
    first = mathcore.named_directions(names, clip.toy.d_model, clip.seed, clip.toy.tilt)
    again = mathcore.named_directions(names, clip.toy.d_model, clip.seed, clip.toy.tilt)
    assert first.vectors.tobytes() == again.vectors.tobytes()


MLP = "scene: MLPWalkthrough\n"
MLP_HOSTILE = [
    (
        "prompt: [plays, the]\n",
        "prompt: expected a list of 2 to 10 tokens including the last name 'Jordan',"
        " got ['plays', 'the'] (list)",
    ),
    (
        "toy: {d_model: 5}\n",
        "toy.d_model: expected an integer >= 12 (one dimension per named feature and prompt"
        " word), got 5 (int)",
    ),
    ("probes: []\n", "probes: expected at least one probe name, got an empty list"),
    (
        "probes: [{first_name: Alexis}]\n",
        "probes[0].last_name: expected a value (this key is required), got nothing",
    ),
    (
        "probes: {first_name: Alexis}\n",
        "probes: expected a list, got {'first_name': 'Alexis'} (mapping)",
    ),
    ("activation: tanh\n", "activation: expected 'relu' or 'gelu', got 'tanh' (str)"),
    ("convention: rows\n", "convention: expected 'column' or 'row', got 'rows' (str)"),
    ("display: {rows: 40}\n", "display.rows: expected an integer from 3 to 10, got 40 (int)"),
    (
        "toy: {d_model: 100000, d_mlp: 100000}\n",
        "toy.d_model: expected an integer from 3 to 2048, got 100000 (int)",
    ),
    (
        "toy: {d_model: 2048, d_mlp: 8192}\n",
        "toy: expected sizes needing at most 64.0 MiB of memory,"
        " got d_model=2048, d_mlp=8192, which needs 261.0 MiB",
    ),
]


@pytest.mark.parametrize(("body", "message"), MLP_HOSTILE)
def test_mlp_hostile_values(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, MLP + body)
    assert error_for(path) == f"{path}: {message}"


SUP = "scene: Superposition\n"
SUP_HOSTILE = [
    (
        "histogram: {zoom_bins: 7}\n",
        "histogram.zoom_bins: expected a divisor of 400 (the window in 0.05-degree steps),"
        " got 7 (int)",
    ),
    (
        "histogram: {zoom_low: 95, zoom_high: 85}\n",
        "histogram.zoom_high: expected a number above histogram.zoom_low (95), got 85.0 (float)",
    ),
    (
        "experiment: {vectors: 200000, dims: 10000}\n",
        "experiment.vectors: expected sizes needing at most 512 MiB,"
        " got N=200000, d=10000, which needs 74.5 GiB",
    ),
    (
        "experiment: {vectors: 50000, dims: 1000, steps: 1000}\n",
        "experiment.vectors: expected sizes needing at most 512 MiB,"
        " got N=50000, d=1000, which needs 1.9 GiB",
    ),
    (
        "experiment: {vectors: 50000, dims: 100, steps: 1000}\n",
        "experiment.steps: expected at most 1.8e+13 multiply-adds (about 30 minutes),"
        " got 5.5e+14 for N=50000, d=100, steps=1000",
    ),
    (
        "cramming: {vectors: 40}\n",
        "cramming.vectors: expected an integer from 4 to 14, got 40 (int)",
    ),
    (
        "neurons: {count: 5, features: [a, b, c]}\n",
        "neurons.features: expected from 6 to 10 names (more than neurons.count), got 3 names",
    ),
]


@pytest.mark.parametrize(("body", "message"), SUP_HOSTILE)
def test_superposition_hostile_values(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, SUP + body)
    assert error_for(path) == f"{path}: {message}"


def test_fill_defines_every_allowed_placeholder() -> None:
    from scenes.config import FactConfig, fill

    # A remixer may put any allowed placeholder in any text: the clip fills what it knows.
    assert fill("{n}-D {model}{first_name}", n=2) == "2-D "
    assert fill("{first_name} plays {attribute}", FactConfig()) == "Michael plays basketball"
    assert fill("{model}", model="GPT-3") == "GPT-3"


REFRESHER = "scene: TransformerRefresher\n"
REFRESHER_HOSTILE = [
    (
        "candidates: [golf, tennis]\n",
        "candidates: expected a list including the fact's attribute 'basketball',"
        " got ['golf', 'tennis'] (list)",
    ),
    (
        "analogy: {a: princess}\n",
        "analogy.a: expected one of the analogy's words (man, woman, uncle, aunt, king, queen),"
        " got 'princess' (str)",
    ),
    (
        "analogy: {words: [{word: man, feature: [male]}]}\n",
        "analogy.words[0].feature: expected one of word, features (did you mean 'features'?),"
        " got an unknown key",
    ),
    (
        "d_model: 3\n",
        "d_model: expected an integer >= 11 (one per token, candidate and feature), got 3 (int)",
    ),
    (
        "model: gpt-3\n",
        "model: expected a preset (gpt2-small, gpt2-xl, gpt3-175b, llama2-7b, llama3-8b,"
        " mixtral-8x7b) or a mapping (did you mean 'gpt2-xl'?), got 'gpt-3' (str)",
    ),
]


@pytest.mark.parametrize(("body", "message"), REFRESHER_HOSTILE)
def test_refresher_hostile_values(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, REFRESHER + body)
    assert error_for(path) == f"{path}: {message}"


# -- hardening: text, keys, scene, duplicates, nesting, presets ------------------------------

CLEAN = "expected text without control characters or lone surrogates"
TEXT_HOSTILE = [
    # YAML escapes put control characters in text fields, mapping values, list items, keys.
    ('fact: {first_name: "Mi\\achael"}\n', f"fact.first_name: {CLEAN}, got 'Mi\\x07chael' (str)"),
    ('fact: {first_name: "Mi\\tke"}\n', f"fact.first_name: {CLEAN}, got 'Mi\\tke' (str)"),
    ('description: "one\\ntwo"\n', f"description: {CLEAN}, got 'one\\ntwo' (str)"),
    ('description: "one\\x85two"\n', f"description: {CLEAN}, got 'one\\x85two' (str)"),
    ('description: "one\\Ltwo"\n', f"description: {CLEAN}, got 'one\\u2028two' (str)"),
    (
        'narration: {beats: {angles: "said\\eloud"}}\n',
        f"narration.beats.angles: {CLEAN}, got 'said\\x1bloud' (str)",
    ),
    ('beats: ["angles\\x7f"]\n', f"beats[0]: {CLEAN}, got 'angles\\x7f' (str)"),
    ('"se\\bed": 1\n', f"'se\\x08ed': {CLEAN}, got 'se\\x08ed' (str)"),
    (
        'narration: {beats: {"ang\\x01les": hi}}\n',
        f"narration.beats.'ang\\x01les': {CLEAN}, got 'ang\\x01les' (str)",
    ),
    (
        "narration: {beats: {" + "a" * 101 + ": hi}}\n",
        "narration.beats.'" + "a" * 36 + "...: expected a key of at most 100 characters,"
        " got 101 characters",
    ),
    (
        "narration: {beats: {7: hi}}\n",
        "narration.beats.7: expected a text key, got 7 (int)",
    ),
]


@pytest.mark.parametrize(("body", "message"), TEXT_HOSTILE)
def test_text_refuses_control_characters(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, GOOD + body)
    assert error_for(path) == f"{path}: {message}"


def test_raw_control_character_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"scene: ToyDirections\ndescription: a\x07b\n")
    assert error_for(path) == (
        f"{path}: (file): {CLEAN}, got a control character (U+0007) at offset 35"
    )


def test_lone_surrogate_is_refused_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from scenes.config import schema

    path = write(tmp_path, GOOD + 'fact: {first_name: "\\ud800"}\n')
    # libyaml (the C loader) refuses the escape itself ...
    if yaml.__with_libyaml__:
        assert error_for(path) == (
            f"{path}: (file): expected valid YAML, got found invalid Unicode character escape"
            " code at line 2, column 23"
        )
    # ... the pure-Python loader builds the lone surrogate, and the text check refuses it.
    monkeypatch.setattr(schema, "StrictLoader", schema._PyStrictLoader)
    assert error_for(path) == f"{path}: fact.first_name: {CLEAN}, got '\\ud800' (str)"
    data = {"scene": "ToyDirections", "narration": {"beats": {"angles": "x\udfffy"}}}
    with pytest.raises(ConfigError) as caught:
        schema.parse(ToyDirectionsConfig, data, "x.yaml")
    assert str(caught.value) == f"x.yaml: narration.beats.angles: {CLEAN}, got 'x\\udfffy' (str)"


def test_the_c_loader_is_used_when_available() -> None:
    import yaml

    from scenes.config import schema

    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert issubclass(schema.StrictLoader, expected)
    assert issubclass(schema.StrictLoader, schema.StrictConstructor)


SCENE_HOSTILE = [
    ("scene: [ToyDirections]\n", "['ToyDirections'] (list)", " (did you mean 'ToyDirections'?)"),
    (
        "scene: {name: ToyDirections}\n",
        "{'name': 'ToyDirections'} (mapping)",
        " (did you mean 'ToyDirections'?)",
    ),
    ("scene: null\n", "nothing (null)", ""),
    ("scene:\n", "nothing (null)", ""),
    ("scene: 3\n", "3 (int)", ""),
]


@pytest.mark.parametrize(("body", "found", "hint"), SCENE_HOSTILE)
def test_scene_of_the_wrong_type(tmp_path: Path, body: str, found: str, hint: str) -> None:
    path = write(tmp_path, body)
    assert error_for(path) == (f"{path}: scene: expected one of {SCENES}{hint}, got {found}")


DUPLICATES = [
    ("scene: ToyDirections\nseed: 1\npacing: 2\nseed: 3\n", "'seed' again at line 4"),
    ("scene: ToyDirections\ntoy: {d_model: 4,\n  d_model: 5}\n", "'d_model' again at line 3"),
    ("scene: ToyDirections\nscene: MLPWalkthrough\n", "'scene' again at line 2"),
    ("scene: ToyDirections\n1: a\ntrue: b\n", "True again at line 3"),  # YAML 1.1: 1 == true
]


@pytest.mark.parametrize(("text", "found"), DUPLICATES)
def test_duplicate_keys_are_refused(tmp_path: Path, text: str, found: str) -> None:
    path = write(tmp_path, text)
    assert error_for(path) == f"{path}: (file): expected each key once in a mapping, got {found}"


def test_merge_keys_may_be_overridden(tmp_path: Path) -> None:
    text = "scene: ToyDirections\nfact: &f {first_name: Ada, last_name: Lovelace}\n"
    clip = load_clip(write(tmp_path, text))
    assert clip.fact.first_name == "Ada"  # type: ignore[attr-defined]
    from scenes.config.schema import read_yaml

    merged = write(tmp_path, "a: &a {x: 1, y: 2}\nb:\n  <<: *a\n  x: 3\n", "m.yaml")
    assert read_yaml(merged, "m.yaml") == {"a": {"x": 1, "y": 2}, "b": {"x": 3, "y": 2}}


def test_deep_nesting_is_refused_before_anything_is_constructed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scenes.config import schema

    def no_construction(*_args: object) -> None:
        raise AssertionError("constructed a document that is nested too deeply")

    monkeypatch.setattr(schema.StrictConstructor, "construct_document", no_construction)
    for depth in (17, 5000, 100_000):
        path = write(tmp_path, b"a: " + b"[" * depth + b"]" * depth + b"\n")
        assert error_for(path) == (
            f"{path}: (file): expected at most 16 levels of nesting, got deeper nesting"
        )


def test_nesting_limit_boundary(tmp_path: Path) -> None:
    from scenes.config.schema import read_yaml

    # The top mapping holds 16 nested lists: the innermost is 16 levels down, still allowed.
    ok = write(tmp_path, b"a: " + b"[" * 16 + b"]" * 16 + b"\n")
    assert read_yaml(ok, "ok.yaml") is not None
    # Aliases can nest without any brackets; the built value is checked too.
    lines = ["l0: &l0 [x]"] + [f"l{i}: &l{i} [*l{i - 1}]" for i in range(1, 20)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    assert error_for(path) == (
        f"{path}: (file): expected at most 16 levels of nesting, got deeper nesting"
    )


UNREADABLE = [
    ("seed: !!int abc\n", "(file): expected valid YAML, got an unreadable int at line 2"),
    ("seed: " + "9" * 5000 + "\n", "(file): expected valid YAML, got an unreadable int at line 2"),
    ("seed: 2024-13-45\n", "(file): expected valid YAML, got an unreadable timestamp at line 2"),
    ("? [a, b]\n: c\n", "(file): expected text keys, got a list or mapping as a key at line 2"),
    (
        "seed: 0x" + "f" * 5000 + "\n",
        "seed: expected an integer from 0 to 4294967295, got <a 20000-bit integer> (int)",
    ),
    (
        "toy: {d_model: 0x" + "f" * 5000 + "}\n",
        "toy: expected sizes needing at most 64.0 MiB of memory,"
        " got d_model=<a 20000-bit integer>, which needs over a million TiB",
    ),
    (
        "fact: {first_name: [0x" + "f" * 5000 + "]}\n",
        "fact.first_name: expected text of 1 to 30 characters,"
        " got <a value too large to show> (list)",
    ),
]


@pytest.mark.parametrize(("body", "message"), UNREADABLE)
def test_values_yaml_cannot_build_are_one_line(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, GOOD + body)
    assert error_for(path) == f"{path}: {message}"


LONG_NAME = "x" * 5000
PRESETS = "gpt2-small, gpt2-xl, gpt3-175b, llama2-7b, llama3-8b, mixtral-8x7b"
LONG_PRESETS = [
    (
        f"scene: ParameterCount\nmodel: {LONG_NAME}\n",
        f"model: expected a preset ({PRESETS}) or a mapping,"
        " got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (str)",
    ),
    (
        f"scene: TransformerRefresher\nmodel: {LONG_NAME}\n",
        "model: expected text of 1 to 60 characters, got 5000 characters",
    ),
    (
        "scene: TransformerRefresher\nmodel: ../../../etc/passwd\n",
        f"model: expected a preset ({PRESETS}) or a mapping, got '../../../etc/passwd' (str)",
    ),
    (
        "scene: ParameterCount\nmodel: ../models/gpt2-small\n",
        f"model: expected a preset ({PRESETS}) or a mapping (did you mean 'gpt2-small'?),"
        " got '../models/gpt2-small' (str)",
    ),
]


@pytest.mark.parametrize(("text", "message"), LONG_PRESETS)
def test_preset_names_are_checked_before_the_file_system(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    assert error_for(path) == f"{path}: {message}"


def test_long_model_file_name_is_one_short_line() -> None:
    from scenes.config import load_model

    for name in (LONG_NAME, "a/" + "b" * 300, "nul\x00byte", "tab\there"):
        with pytest.raises(ConfigError) as caught:
            load_model(name)
        message = str(caught.value)
        assert "\n" not in message and "File name too long" not in message
        assert len(message) < 600  # a name over 1024 characters is cut in the source too
        assert message.endswith(f", got {describe(name)}")  # the repr cut to 40 characters


def test_at_most_six_probes(tmp_path: Path) -> None:
    probes = ", ".join(f"{{first_name: F{i}, last_name: L{i}}}" for i in range(7))
    path = write(tmp_path, MLP + f"probes: [{probes}]\ntoy: {{d_model: 40}}\n")
    assert error_for(path) == (
        f"{path}: probes: expected at most 6 probes (one table row each), got 7 probes"
    )
