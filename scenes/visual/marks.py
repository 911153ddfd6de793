"""Marks a component leaves on its mobjects for the layout check (``llmfacts layout``).

Plain Python (no manim import): the marks are attributes set on a mobject, and they survive
``copy()`` (weak references are copied as they are).

- :func:`mark_overlay`: this mobject sits on top of something on purpose (a label on a
  coloured bar, a value inside a highlighted cell); the layout check does not report its
  overlaps, either with anything, or only with the mobjects named.
- :func:`record_wrap`: this text was wrapped from ``source`` into ``lines``; the layout check
  reports a word split mid-word and a single word left alone on the last line.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any, TypeVar

__all__ = ["is_overlay_with", "mark_overlay", "record_wrap", "wrap_record"]

OVERLAY_ATTRIBUTE = "layout_overlay"
WRAP_ATTRIBUTE = "layout_wrap"

T = TypeVar("T")


def mark_overlay(mobject: T, *over: Any) -> T:
    """Mark ``mobject`` (and everything in it) as an intended overlay; return it.

    Parameters
    ----------
    mobject
        What is drawn on top on purpose (a label on a bar, a mark on a curve).
    *over
        The mobjects it may cover (their parts too). With none, it may cover anything.
    """
    refs = tuple(weakref.ref(target) for target in over)
    setattr(mobject, OVERLAY_ATTRIBUTE, refs)
    return mobject


def is_overlay_with(mobject: object, other_family: Sequence[object]) -> bool:
    """Whether ``mobject`` is marked as an overlay that may cover a mobject whose family
    (itself and its ancestors, or itself and its parts) is ``other_family``."""
    refs = getattr(mobject, OVERLAY_ATTRIBUTE, None)
    if refs is None:
        return False
    if not refs:
        return True
    targets = [ref() for ref in refs]
    return any(any(part is target for target in targets) for part in other_family)


def record_wrap(mobject: T, source: str, lines: Sequence[str]) -> T:
    """Record that the text ``mobject`` shows ``source`` wrapped into ``lines``; return it.

    Parameters
    ----------
    mobject
        The text mobject (its glyphs show ``lines`` one under the other).
    source
        The words before wrapping.
    lines
        The lines as shown.
    """
    setattr(mobject, WRAP_ATTRIBUTE, (source, tuple(lines)))
    return mobject


def wrap_record(mobject: object) -> tuple[str, tuple[str, ...]] | None:
    """``(source, lines)`` recorded by :func:`record_wrap`, or None."""
    record = getattr(mobject, WRAP_ATTRIBUTE, None)
    if record is None:
        return None
    source, lines = record
    return str(source), tuple(str(line) for line in lines)
