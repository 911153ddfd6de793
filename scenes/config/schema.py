"""Turn YAML into frozen dataclasses, refusing bad input with one clear line.

Pure Python (no manim): ``llmfacts check`` stays fast. A config dataclass declares each key as a
field with a type hint and, through :func:`option`, its default, range and documentation; the
parser walks the hints. Every error is a :class:`ConfigError`, printed as

    configs/x.yaml: toy.d_model: expected an integer >= 3, got 'abc' (str)
"""

from __future__ import annotations

import collections.abc
import dataclasses
import difflib
import math
import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_NODES = 10_000
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

T = TypeVar("T")


class ConfigError(Exception):
    """A user's mistake in a config file: where it is, what was expected, what was found."""

    def __init__(self, source: str, key_path: str, expected: str, found: str) -> None:
        super().__init__(f"{source}: {key_path}: expected {expected}, got {found}")
        self.source = source
        self.key_path = key_path
        self.expected = expected
        self.found = found


def describe(value: object) -> str:
    """A short description of a found value: its repr (cut to 40 characters) and its type."""
    if value is None:
        return "nothing (null)"
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    kind = {dict: "mapping", list: "list"}.get(type(value), type(value).__name__)
    return f"{text} ({kind})"


def option(
    default: Any = dataclasses.MISSING,
    *,
    low: float | None = None,
    high: float | None = None,
    max_length: int | None = None,
    colour: bool = False,
    pattern: tuple[str, str] | None = None,
    doc: str = "",
) -> Any:
    """A config field: its default and the range a value must lie in (inclusive).

    ``pattern`` is (regular expression, what it means in words) for text that must match it.
    """
    metadata = {
        "low": low,
        "high": high,
        "max_length": max_length,
        "colour": colour,
        "pattern": pattern,
        "doc": doc,
    }
    if isinstance(default, list | dict | set):
        raise TypeError("use a tuple or a dataclass for a mutable default")
    if dataclasses.is_dataclass(default):
        factory = type(default)
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def read_yaml(path: Path, source: str) -> object:
    """Read ``path`` as UTF-8 YAML with the safe loader, refusing anything hostile."""
    try:
        if path.is_dir():
            raise ConfigError(source, "(file)", "a YAML file", "a directory")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            expected = f"a file of at most {MAX_FILE_BYTES // 1024} KiB"
            raise ConfigError(source, "(file)", expected, f"{size / 1024:.0f} KiB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(source, "(file)", "an existing YAML file", "no such file") from None
    except PermissionError:
        raise ConfigError(source, "(file)", "a readable file", "permission denied") from None
    except OSError as error:
        raise ConfigError(
            source, "(file)", "a readable file", error.strerror or "an error"
        ) from None
    if b"\x00" in data:
        where = f"binary data (NUL byte at offset {data.index(0)})"
        raise ConfigError(source, "(file)", "UTF-8 text", where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        found = f"byte 0x{data[error.start]:02x} at offset {error.start}"
        raise ConfigError(source, "(file)", "UTF-8 text", found) from None
    try:
        loaded = yaml.safe_load(text)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line = f" at line {mark.line + 1}" if mark else ""
        found = f"{(error.problem or 'a tag').strip()}{line}"
        raise ConfigError(source, "(file)", "plain YAML without tags", found) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "a syntax error"
        raise ConfigError(source, "(file)", "valid YAML", f"{problem}{where}") from None
    except RecursionError:
        found = "deeper nesting"
        raise ConfigError(
            source, "(file)", f"at most {MAX_DEPTH} levels of nesting", found
        ) from None
    _check_shape(loaded, source)
    return loaded


def _check_shape(loaded: object, source: str) -> None:
    """Refuse absurdly nested or huge documents (aliases can multiply a small file)."""
    stack: list[tuple[object, int]] = [(loaded, 0)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH:
            expected = f"at most {MAX_DEPTH} levels of nesting"
            raise ConfigError(source, "(file)", expected, "deeper nesting")
        if nodes > MAX_NODES:
            raise ConfigError(source, "(file)", f"at most {MAX_NODES} values", "more")
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)


def parse(cls: type[T], data: object, source: str, path: str = "") -> T:
    """Build the dataclass ``cls`` from a YAML mapping, checking every key against its hints."""
    where = path or "(top level)"
    if not isinstance(data, dict):
        raise ConfigError(source, where, "a mapping", describe(data))
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
    for key in data:
        if not isinstance(key, str) or key not in fields:
            raise ConfigError(
                source, _join(path, str(key)), _key_hint(key, fields), "an unknown key"
            )
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for name, field in fields.items():
        key_path = _join(path, name)
        if name in data:
            values[name] = _convert(hints[name], data[name], field.metadata, source, key_path)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise ConfigError(source, key_path, "a value (this key is required)", "nothing")
    return cls(**values)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _key_hint(key: object, fields: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(str(key), list(fields), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"one of {', '.join(fields)}{hint}"


def _convert(hint: Any, value: object, meta: Mapping[str, Any], source: str, path: str) -> Any:
    """Check one value against its type hint and range; return it in its dataclass form."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _convert(inner, value, meta, source, path)
    if dataclasses.is_dataclass(hint):
        if isinstance(value, typing.cast(type, hint)):  # already parsed (e.g. a preset)
            return value
        return parse(typing.cast(type, hint), value, source, path)
    if origin is Literal:
        if value not in args:
            choices = " or ".join(repr(a) for a in args)
            raise ConfigError(source, path, choices, describe(value))
        return value
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            raise ConfigError(source, path, "a mapping", describe(value))
        converted: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ConfigError(source, f"{path}.{key}", "a text key", describe(key))
            converted[key] = _convert(args[1], item, meta, source, f"{path}.{key}")
        return types.MappingProxyType(converted)
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(source, path, "a list", describe(value))
        items = [_convert(args[0], v, meta, source, f"{path}[{i}]") for i, v in enumerate(value)]
        return tuple(items)
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(source, path, "true or false", describe(value))
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(source, path, _range_text("an integer", meta), describe(value))
        _check_range(value, meta, "an integer", source, path)
        return value
    if hint is float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ConfigError(source, path, _range_text("a number", meta), describe(value))
        if not math.isfinite(value):
            raise ConfigError(source, path, "a finite number", describe(value))
        _check_range(value, meta, "a number", source, path)
        return float(value)
    if hint is str:
        return _convert_text(value, meta, source, path)
    raise TypeError(f"unsupported config type {hint!r} at {path}")


def _convert_text(value: object, meta: Mapping[str, Any], source: str, path: str) -> str:
    if meta.get("colour"):
        if not isinstance(value, str) or not HEX_COLOUR.match(value):
            raise ConfigError(source, path, "a colour like '#58C4DD'", describe(value))
        return value.upper()
    if meta.get("pattern"):
        regex, meaning = meta["pattern"]
        if not isinstance(value, str) or not re.fullmatch(regex, value):
            raise ConfigError(source, path, meaning, describe(value))
        return value
    limit = meta.get("max_length")
    expected = f"text of 1 to {limit} characters" if limit else "non-empty text"
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(source, path, expected, describe(value))
    if limit and len(value) > limit:
        raise ConfigError(source, path, expected, f"{len(value)} characters")
    if any(ord(c) < 32 for c in value):
        raise ConfigError(source, path, "text without control characters", describe(value))
    return value


def _range_text(kind: str, meta: Mapping[str, Any]) -> str:
    low, high = meta.get("low"), meta.get("high")
    if low is not None and high is not None:
        return f"{kind} from {low:g} to {high:g}"
    if low is not None:
        return f"{kind} >= {low:g}"
    if high is not None:
        return f"{kind} <= {high:g}"
    return kind


def _check_range(value: float, meta: Mapping[str, Any], kind: str, source: str, path: str) -> None:
    low, high = meta.get("low"), meta.get("high")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ConfigError(source, path, _range_text(kind, meta), describe(value))
