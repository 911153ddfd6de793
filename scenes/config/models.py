"""Model shapes (``model:`` mappings) and the preset files in ``configs/models/``."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import mathcore
from scenes.config.common import did_you_mean
from scenes.config.schema import (
    ConfigError,
    describe,
    option,
    parse,
    read_yaml,
    shown_source,
    usable_path,
)
from scenes.config.shipped import shipped_dir

PRESET_DIR = shipped_dir("models")
# Checked before any file-system call: a preset name is a short plain file stem.
PRESET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True, kw_only=True)
class ModelShapeConfig:
    """A model's shape, as under ``model:`` in a preset (see mathcore.params for the math)."""

    name: str = option(max_length=40)
    vocab_size: int = option(low=1, high=10**8)
    context_length: int = option(low=1, high=10**8)
    d_model: int = option(low=1, high=10**6)
    n_layers: int = option(low=1, high=10**4)
    n_heads: int = option(low=1, high=10**4)
    n_kv_heads: int | None = option(None, low=1, high=10**4, doc="[n_heads]")
    d_mlp: int | None = option(None, low=1, high=10**7, doc="[4 * d_model]")
    mlp: Literal["plain", "gated"] = option()
    n_experts: int = option(1, low=1, high=1024)
    experts_per_token: int = option(1, low=1, high=1024)
    biases: bool = option()
    norm: Literal["layernorm", "rmsnorm", "none"] = option()
    positional: Literal["learned", "rotary", "none"] = option()
    tied_embeddings: bool = option()

    def to_shape(self) -> mathcore.ModelShape:
        """The pure-math shape, defaults filled in."""
        return mathcore.ModelShape(
            name=self.name,
            vocab_size=self.vocab_size,
            context_length=self.context_length,
            d_model=self.d_model,
            n_layers=self.n_layers,
            n_heads=self.n_heads,
            n_kv_heads=self.n_kv_heads if self.n_kv_heads is not None else self.n_heads,
            d_mlp=self.d_mlp if self.d_mlp is not None else 4 * self.d_model,
            mlp=self.mlp,
            n_experts=self.n_experts,
            experts_per_token=self.experts_per_token,
            biases=self.biases,
            norm=self.norm,
            positional=self.positional,
            tied_embeddings=self.tied_embeddings,
        )


def presets() -> list[str]:
    """Names of the model presets (their files' stems)."""
    return sorted(p.stem for p in PRESET_DIR.glob("*.yaml"))


def preset_path(name: str, source: str, key_path: str) -> Path:
    """The file of preset ``name``; a ConfigError at ``key_path`` if there is none."""
    if PRESET_NAME.fullmatch(name) and (PRESET_DIR / f"{name}.yaml").is_file():
        return PRESET_DIR / f"{name}.yaml"
    choices = presets()
    expected = "a preset (" + ", ".join(choices) + ") or a mapping" + did_you_mean(name, choices)
    raise ConfigError(source, key_path, expected, describe(name))


def load_model(file_or_preset: str | Path) -> ModelShapeConfig:
    """The ``model:`` mapping of a YAML file, or of the preset with that name.

    The name is checked before any file-system call, so a hostile command line (a name of
    5,000 characters, control characters) gets the usual one line, not the OS's error.
    """
    name = str(file_or_preset)
    if PRESET_NAME.fullmatch(name) and (PRESET_DIR / f"{name}.yaml").is_file():
        path = PRESET_DIR / f"{name}.yaml"
    else:
        path = _model_file(name)
    source = str(path)
    raw = read_yaml(path, source)
    if not isinstance(raw, dict) or "model" not in raw:
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(source, "(top level)", "a mapping with a 'model' key", found)
    return parse_model(raw["model"], source)


def _model_file(name: str) -> Path:
    """The file ``name`` names, refused with one line if it is no usable path or does not
    exist (a folder passes: read_yaml says it is a folder)."""
    choices = presets()
    expected = "a YAML file or a preset (" + ", ".join(choices) + ")"
    if not usable_path(name):
        hint = did_you_mean(name, choices)
        raise ConfigError(shown_source(name), "(file)", expected + hint, describe(name))
    path = Path(name)
    try:
        exists = path.is_file() or path.is_dir()
    except OSError as error:  # e.g. a file system with shorter names than Linux's
        problem = error.strerror or "an unusable path"
        if error.errno == errno.ENAMETOOLONG:
            problem = "a name too long for the file system"
        raise ConfigError(shown_source(name), "(file)", expected, problem) from None
    if not exists:
        raise ConfigError(name, "(file)", expected, "no such file or preset")
    return path


def parse_model(data: object, source: str) -> ModelShapeConfig:
    """Parse and cross-check a ``model:`` mapping."""
    model = parse(ModelShapeConfig, data, source, "model")
    check_model(model, source)
    return model


def check_model(model: ModelShapeConfig, source: str) -> None:
    """Refuse a shape whose sizes do not fit together (heads not dividing d_model, ...)."""
    problems = mathcore.shape_problems(model.to_shape())
    if problems:
        key, expected, found = problems[0]
        raise ConfigError(source, f"model.{key}", expected, describe(found))
