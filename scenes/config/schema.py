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
import os
import re
import types
import typing
import unicodedata
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_NODES = 10_000
MAX_KEY_LENGTH = 100
PATH_BYTES = 4095  # Linux's PATH_MAX less the terminating NUL
NAME_BYTES = 255  # Linux's NAME_MAX, per path component
SHOWN_LENGTH = 40  # a found value's repr is cut to this many characters
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Unicode categories refused in any text: control characters (C0, DEL, C1), lone surrogates
# (YAML's "\ud800" makes one; it cannot even be printed), and line and paragraph separators
# (they would break the one-line messages and the captions like a newline).
BAD_TEXT_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
CLEAN_TEXT = "text without control characters or lone surrogates"
MERGE_TAG = "tag:yaml.org,2002:merge"

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
    kinds: dict[type, str] = {dict: "mapping", list: "list"}
    kind = kinds.get(type(value), type(value).__name__)
    return f"{short_repr(value)} ({kind})"


def short_repr(value: object) -> str:
    """repr(value) cut to SHOWN_LENGTH characters: a hostile file's value may be huge, and the
    repr escapes control characters, so the message stays one line."""
    if isinstance(value, int) and value.bit_length() > 64:
        return f"<a {value.bit_length()}-bit integer>"
    try:
        text = repr(value)
    except ValueError:  # an integer of over 4,300 digits somewhere inside
        return "<a value too large to show>"
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 3] + "..."
    return text


def is_clean_text(text: str) -> bool:
    """Whether ``text`` has no character of BAD_TEXT_CATEGORIES."""
    return not any(unicodedata.category(char) in BAD_TEXT_CATEGORIES for char in text)


def shown_key(key: object) -> str:
    """A mapping key as it appears in a key path: itself when it is short clean text, else
    its cut repr (a key path must stay one short line too)."""
    if isinstance(key, str) and len(key) <= SHOWN_LENGTH and is_clean_text(key):
        return key
    return short_repr(key)


def shown_source(name: str) -> str:
    """A file name as the start of a message: itself unless it is absurdly long or holds
    control characters (a hostile command line), then its cut repr."""
    if len(name) <= 1024 and is_clean_text(name):
        return name
    return short_repr(name)


def usable_path(name: str) -> bool:
    """Whether ``name`` can be handed to the file system: clean text (no control characters
    or lone surrogates, which also rules out NUL), at most PATH_BYTES bytes in all and
    NAME_BYTES per component (Linux's limits)."""
    if not name or not is_clean_text(name):
        return False
    encoded = os.fsencode(name)
    return len(encoded) <= PATH_BYTES and all(
        len(part) <= NAME_BYTES for part in encoded.split(b"/")
    )


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


class DuplicateKeyError(yaml.YAMLError):
    """A key written twice in one mapping (YAML would silently keep the last)."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key {key!r} at line {line}")
        self.key = key
        self.line = line


class UnreadableValueError(yaml.YAMLError):
    """A scalar its tag's constructor cannot build (``!!int abc``, a 5,000-digit integer,
    ``2024-13-45``): PyYAML raises plain ValueErrors for these."""

    def __init__(self, kind: str, line: int) -> None:
        super().__init__(f"unreadable {kind} at line {line}")
        self.kind = kind
        self.line = line


class StrictConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor that refuses duplicate keys and turns constructor crashes into
    YAML errors with a line number."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, OverflowError):
            kind = str(node.tag).rpartition(":")[2] or "value"
            raise UnreadableValueError(kind, node.start_mark.line + 1) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[Hashable] = set()
        for key_node, _value_node in node.value:
            if key_node.tag == MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
                continue  # merged keys may be overridden; complex keys are refused later
            key = self.construct_object(key_node)  # cached: built once for both passes
            if key in seen:
                raise DuplicateKeyError(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep)


class _PyStrictLoader(StrictConstructor, yaml.SafeLoader):
    """The pure-Python safe loader, strict."""


StrictLoader: type[yaml.SafeLoader | yaml.CSafeLoader] = _PyStrictLoader
if yaml.__with_libyaml__:

    class _CStrictLoader(StrictConstructor, yaml.CSafeLoader):
        """The C (libyaml) safe loader, strict: the same rules, several times faster."""

    StrictLoader = _CStrictLoader


def read_yaml(path: Path, source: str) -> object:
    """Read ``path`` as UTF-8 YAML with the safe loader, refusing anything hostile."""
    text = _read_text(path, source)
    try:
        _check_depth(text, source)
        loaded = yaml.load(text, Loader=StrictLoader)
    except DuplicateKeyError as error:
        found = f"{short_repr(error.key)} again at line {error.line}"
        raise ConfigError(source, "(file)", "each key once in a mapping", found) from None
    except UnreadableValueError as error:
        found = f"an unreadable {error.kind} at line {error.line}"
        raise ConfigError(source, "(file)", "valid YAML", found) from None
    except yaml.reader.ReaderError as error:  # a raw control character in the file
        code = error.character if isinstance(error.character, int) else ord(error.character)
        found = f"a control character (U+{code:04X}) at offset {error.position}"
        raise ConfigError(source, "(file)", CLEAN_TEXT, found) from None
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line = f" at line {mark.line + 1}" if mark else ""
        problem = (error.problem or "a tag").strip()
        if problem == "found unhashable key":
            raise ConfigError(
                source, "(file)", "text keys", f"a list or mapping as a key{line}"
            ) from None
        raise ConfigError(source, "(file)", "plain YAML without tags", f"{problem}{line}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "a syntax error"
        if "nesting depth" in problem:  # PyYAML >= 6.0.4 refuses it while scanning, first
            expected = f"at most {MAX_DEPTH} levels of nesting"
            raise ConfigError(source, "(file)", expected, "deeper nesting") from None
        context = getattr(error, "context", None)
        if context and problem.startswith("but "):  # "expected a single document ... but found"
            problem = f"{context} {problem}"
        raise ConfigError(source, "(file)", "valid YAML", f"{problem}{where}") from None
    except RecursionError:  # unreachable after _check_depth; kept as a last line of defence
        expected = f"at most {MAX_DEPTH} levels of nesting"
        raise ConfigError(source, "(file)", expected, "deeper nesting") from None
    _check_shape(loaded, source)
    return loaded


def _read_text(path: Path, source: str) -> str:
    """The file's text: refused if missing, a folder, too big, binary or not UTF-8."""
    if not usable_path(str(path)):
        raise ConfigError(source, "(file)", "a usable file name", describe(str(path)))
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
    except ValueError:  # a NUL byte or an unencodable character in the path
        raise ConfigError(source, "(file)", "a usable file name", "an unusable path") from None
    if b"\x00" in data:
        where = f"binary data (NUL byte at offset {data.index(0)})"
        raise ConfigError(source, "(file)", "UTF-8 text", where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        found = f"byte 0x{data[error.start]:02x} at offset {error.start}"
        raise ConfigError(source, "(file)", "UTF-8 text", found) from None


def _check_depth(text: str, source: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the parser's events, before anything is
    composed or constructed: both of those recurse once per level, while the event stream
    is read in a flat loop. (Aliases can still nest a built value: _check_shape sees that.)"""
    depth = 0
    for event in yaml.parse(text, Loader=StrictLoader):
        if isinstance(event, yaml.NodeEvent):  # a scalar, an alias or a collection's start
            if depth > MAX_DEPTH:
                expected = f"at most {MAX_DEPTH} levels of nesting"
                raise ConfigError(source, "(file)", expected, "deeper nesting")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


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
        if isinstance(key, str) and not is_clean_text(key):
            raise ConfigError(source, _join(path, shown_key(key)), CLEAN_TEXT, describe(key))
        if not isinstance(key, str) or key not in fields:
            raise ConfigError(
                source, _join(path, shown_key(key)), _key_hint(key, fields), "an unknown key"
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
            _check_key(key, source, f"{path}.{shown_key(key)}")
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


def _check_key(key: object, source: str, path: str) -> None:
    """A key of a free-form mapping (e.g. narration.beats) is short clean text."""
    if not isinstance(key, str):
        raise ConfigError(source, path, "a text key", describe(key))
    if not is_clean_text(key):
        raise ConfigError(source, path, CLEAN_TEXT, describe(key))
    if len(key) > MAX_KEY_LENGTH:
        expected = f"a key of at most {MAX_KEY_LENGTH} characters"
        raise ConfigError(source, path, expected, f"{len(key)} characters")


def _convert_text(value: object, meta: Mapping[str, Any], source: str, path: str) -> str:
    """Text of the right length and form, without control characters or lone surrogates
    (every text reaches the screen, a subtitle file or an error message)."""
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
    if meta.get("multiline"):
        # Narration may be written as a YAML block (`|`): line breaks and tabs are only
        # spacing there, and are tidied away when it is cut into sentences.
        value = " ".join(value.split())
    if not is_clean_text(value):
        raise ConfigError(source, path, CLEAN_TEXT, describe(value))
    return value


def _range_text(kind: str, meta: Mapping[str, Any]) -> str:
    low, high = meta.get("low"), meta.get("high")
    if low is not None and high is not None:
        return f"{kind} from {_bound_text(low)} to {_bound_text(high)}"
    if low is not None:
        return f"{kind} >= {_bound_text(low)}"
    if high is not None:
        return f"{kind} <= {_bound_text(high)}"
    return kind


def _bound_text(bound: float) -> str:
    """A range's end, short (``1e+06``) unless that would change it (``4294967295``)."""
    short = f"{bound:g}"
    return short if float(short) == bound else str(bound)


def _check_range(value: float, meta: Mapping[str, Any], kind: str, source: str, path: str) -> None:
    low, high = meta.get("low"), meta.get("high")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ConfigError(source, path, _range_text(kind, meta), describe(value))
