"""The beat-scene base: every clip is a script of short, named beats.

A beat is a method decorated with :func:`beat`. Calling it opens a section named after the beat
(``self.next_section(name)``) and then plays it, so a beat can be rendered, reordered or presented
on its own. ``construct()`` only runs the beats the clip's config lists, in that order; the names
and default order live in the config class's ``BEATS``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from manim import RIGHT, FadeIn, FadeOut, ManimColor, Mobject, Scene, config

from scenes.config import ClipConfig
from scenes.visual import style
from scenes.visual.components import caption, fit_height_between, fit_width

ClipT = TypeVar("ClipT", bound=ClipConfig)
BEAT_PREFIX = "beat_"


def beat(method: Callable[[Any], None]) -> Callable[[Any], None]:
    """Mark ``beat_<name>`` as a beat: calling it opens the section ``<name>`` first, and
    holds the beat's last frame afterwards so the viewer can read it (and so a still of the
    section's end shows every mobject on screen)."""
    name = method.__name__.removeprefix(BEAT_PREFIX)

    @functools.wraps(method)
    def run(self: BeatScene[Any]) -> None:
        self.next_section(name)
        method(self)
        self.wait(self.seconds(style.BEAT_HOLD))

    run.beat_name = name  # type: ignore[attr-defined]
    return run


class BeatScene(Scene, Generic[ClipT]):
    """A manim Scene driven by a parsed clip config.

    Subclasses set ``config_class`` and define one ``@beat`` method per name in its ``BEATS``;
    :meth:`prepare` computes everything the beats show (from mathcore) before the first beat.
    """

    config_class: ClassVar[type[ClipConfig]]

    def __init__(self, clip: ClipT | None = None, **kwargs: Any) -> None:
        # With no clip the scene tells its default story (the config class's defaults).
        default = self.config_class(scene=type(self).__name__)
        self.clip: ClipT = clip if clip is not None else default  # type: ignore[assignment]
        super().__init__(**kwargs)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "config_class" not in cls.__dict__:
            return
        for name in cls.config_class.BEATS:
            method = getattr(cls, BEAT_PREFIX + name, None)
            if getattr(method, "beat_name", None) != name:
                raise TypeError(f"{cls.__name__} lacks a @beat method {BEAT_PREFIX}{name}")

    def setup(self) -> None:
        self.camera.background_color = ManimColor(self.clip.colours.background)
        self.camera.init_background()
        self.prepare()

    def prepare(self) -> None:
        """Compute the clip's numbers (override); runs once before the first beat."""

    def construct(self) -> None:
        for name in self.clip.beat_order:
            getattr(self, BEAT_PREFIX + name)()

    def play_beats(self, names: tuple[str, ...] | list[str]) -> None:
        """Play only the named beats (for tests, stills and slides)."""
        for name in names:
            getattr(self, BEAT_PREFIX + name)()

    def bring_in(self, *mobjects: Mobject) -> None:
        """Add, without animation, whatever is not on screen yet, so that a beat played on
        its own starts from the picture the earlier beats would have left."""
        missing = [m for m in mobjects if m not in self.mobjects]
        if missing:
            self.add(*missing)

    def clear_stage(self) -> None:
        """Fade out whatever the previous beat left on screen (a beat that builds its own
        picture starts with this, so it can be played alone or in any order)."""
        if self.mobjects:
            self.play(FadeOut(*self.mobjects), run_time=self.seconds(style.SHORT))

    def show_caption(self, text: str) -> Mobject:
        """Fade in a subtitle-like line along the bottom edge, replacing the one on screen
        (two captions must never overlap); returns it."""
        line = caption(text, self.clip.colours.text)
        previous = getattr(self, "_caption", None)
        if previous is not None and previous in self.mobjects:
            self.play(FadeOut(previous), FadeIn(line), run_time=self.seconds(style.SHORT))
        else:
            self.play(FadeIn(line), run_time=self.seconds(style.SHORT))
        self._caption = line
        return line

    def caption_top(self) -> float:
        """The height above which pictures must stay, clear of a two-line caption."""
        return style.CAPTION_ZONE - config.frame_height / 2

    def beside(self, picture: Mobject, side: Mobject, gap: float = style.SECTION_GAP) -> None:
        """Put ``side`` right of ``picture``, ``gap`` apart, shrunk into the room left."""
        right_edge = config.frame_width / 2 - style.EDGE_BUFFER
        room = right_edge - picture.get_right()[0] - gap
        fit_width(side, room)
        side.next_to(picture, RIGHT, buff=gap)
        fit_height_between(side, picture.get_top()[1], self.caption_top())

    def seconds(self, base: float) -> float:
        """A run time from the style module, scaled by the clip's pacing."""
        return base * self.clip.pacing
