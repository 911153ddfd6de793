"""The config loader: valid files parse; every hostile kind gets its one exact line."""

import time
from pathlib import Path

import pytest

from scenes.config import ToyDirectionsConfig, load_clip
from scenes.config.schema import ConfigError

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
    assert clip.beat_order == ("directions", "angles", "encoding")
    text = GOOD + "beats: [encoding, angles]\npacing: 2\nfact: {attribute: tennis}\n"
    clip = load_clip(write(tmp_path, text))
    assert clip.beat_order == ("encoding", "angles")
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
        "toy.d_modle: expected one of d_model, tilt (did you mean 'd_model'?), got an unknown key",
    ),
    ("toy: [1, 2]\n", "toy: expected a mapping, got [1, 2] (list)"),
    ("pacing: fast\n", "pacing: expected a number from 0.1 to 10, got 'fast' (str)"),
    (
        "beats: [angle]\n",
        "beats[0]: expected one of directions, angles, encoding (did you mean 'angles'?),"
        " got 'angle' (str)",
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
        "text.title: expected text whose {placeholders} are first_name, last_name, attribute,"
        " model, n, tolerance, epsilon, share, degrees, min_angle, got 'Hi {name}' (str)",
    ),
    (
        "toy:\n  d_model: 100000000000\n",
        "toy: expected sizes needing at most 2.0 GiB of memory,"
        " got d_model=100000000000, which needs 5.8 TiB",
    ),
]


@pytest.mark.parametrize(("body", "message"), HOSTILE)
def test_hostile_values(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, GOOD + body)
    assert error_for(path) == f"{path}: {message}"


HOSTILE_FILES = [
    (b"", "(top level): expected a mapping with a 'scene' key, got an empty file"),
    (b"- 1\n- 2\n", "(top level): expected a mapping with a 'scene' key, got [1, 2] (list)"),
    (
        b"description: hi\n",
        "scene: expected one of ToyDirections, MLPWalkthrough, ParameterCount, Superposition,"
        " TransformerRefresher,"
        " got nothing (null)",
    ),
    (
        b"scene: ToyDirection\n",
        "scene: expected one of ToyDirections, MLPWalkthrough, ParameterCount, Superposition,"
        " TransformerRefresher (did you mean 'ToyDirections'?), got 'ToyDirection' (str)",
    ),
    (
        b"scene: !!python/object/apply:os.system ['echo hi']\n",
        "(file): expected plain YAML without tags, got could not determine a constructor for"
        " the tag 'tag:yaml.org,2002:python/object/apply:os.system' at line 1",
    ),
    (
        b"scene: [unclosed\n",
        "(file): expected valid YAML, got expected ',' or ']', but got"
        " '<stream end>' at line 2, column 1",
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
    started = time.perf_counter()
    assert error_for(path) == f"{path}: {message}"
    assert time.perf_counter() - started < 2.0


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
        "toy.d_model: expected an integer >= 9 (one dimension per named feature and prompt"
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
        "toy: expected sizes needing at most 2.0 GiB of memory,"
        " got d_model=100000, d_mlp=100000, which needs 149.0 GiB",
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
        "experiment: expected sizes needing at most 2 GiB, got 44.7 GiB",
    ),
    (
        "experiment: {vectors: 50000, dims: 1000, steps: 1000}\n",
        "experiment: expected at most 4e+13 multiply-adds,"
        " got 3.8e+15 for N=50000, d=1000, steps=1000",
    ),
    (
        "capacity: {dims: [2, 40]}\n",
        "capacity.dims[1]: expected an integer from 2 to 12, got 40 (int)",
    ),
    ("toy_model: {dims: 3}\n", "toy_model.dims: expected an integer from 2 to 2, got 3 (int)"),
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
    ("d_model: 3\n", "d_model: expected an integer >= 5 (one per feature), got 3 (int)"),
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
