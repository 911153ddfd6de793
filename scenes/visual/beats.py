"""The beat engine: every clip is a script of short, named beats, paced by its narration.

A beat is a method decorated with :func:`beat`. Calling it opens a section named after the beat
(so it can be rendered, cut or presented on its own), starts the beat's narration, plays the
beat, then holds until the narration has been said and the last caption read. ``construct()``
only runs the beats the clip's config lists, in that order; the names and default order live in
the config class's ``BEATS``.

Pace comes from the narration track (:mod:`scenes.config.narration`): a beat lasts at least as
long as its narration takes to say, each on-screen caption stays fully visible for at least its
reading time, and ``pacing`` scales all of it. What was said and shown, and when, is recorded in
``timeline`` (:mod:`scenes.visual.timeline`) for the subtitle files and the teleprompter script.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
from manim import (
    RIGHT,
    Animation,
    Camera,
    FadeIn,
    FadeOut,
    Group,
    ManimColor,
    Mobject,
    Scene,
    VGroup,
    VMobject,
    Wait,
    config,
)

from scenes.config import ClipConfig, fill
from scenes.config.narration import sentences
from scenes.config.registry import default_clip
from scenes.config.schema import ConfigError
from scenes.visual import frame, style
from scenes.visual.components import caption, fit_height_between, fit_width
from scenes.visual.theming import use_theme
from scenes.visual.timeline import BeatTiming, Cue

ClipT = TypeVar("ClipT", bound=ClipConfig)
BEAT_PREFIX = "beat_"
MIN_WAIT = 1e-6  # a shorter wait is rounding error (and manim warns about it)
BeatMethod = Callable[[Any], None]


def beat(method: BeatMethod) -> BeatMethod:
    """Mark ``beat_<name>`` as a beat: calling it opens the section ``<name>``, starts the
    beat's narration, plays the beat, and holds its last frame until the narration is said and
    the caption read (so a still of the section's end shows everything the beat put on screen)."""
    name = method.__name__.removeprefix(BEAT_PREFIX)

    @functools.wraps(method)
    def run(self: BeatScene[Any]) -> None:
        self.next_section(name)
        self.begin_beat(name)
        method(self)
        self.end_beat()

    run.beat_name = name  # type: ignore[attr-defined]
    return run


class NarrationTrack(VGroup):
    """The narration burnt into the picture: one sentence at a time along the bottom edge.

    Parameters
    ----------
    cues
        The beat's narration cues (times relative to the beat's start).
    colour
        Colour of the words.
    **kwargs
        Passed on to :class:`~manim.VGroup`.
    """

    def __init__(self, cues: Sequence[Cue], colour: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cues = list(cues)
        for cue in self.cues:
            self.add(caption(cue.text, colour))
        self.show_at(0.0)

    def show_at(self, seconds: float) -> NarrationTrack:
        """Show the sentence whose cue covers ``seconds`` after the beat's start (the last one
        once all have been said)."""
        current = len(self.cues) - 1
        for index, cue in enumerate(self.cues):
            if cue.start <= seconds < cue.end:
                current = index
                break
        for index, line in enumerate(self.submobjects):
            line.set_opacity(1.0 if index == current else 0.0)
        return self


class Dissolve(Animation):
    """Fade mobjects out in place and remove them: :class:`~manim.FadeOut` without its deep
    copies. Clearing the stage fades the whole picture, and copying it (twice, in FadeOut) was
    the largest cost of a beat's start. Afterwards the mobjects get their opacities back, as
    after FadeOut, so a later beat can show them again.

    Parameters
    ----------
    *mobjects
        What to fade out (VMobjects: their fill, stroke and background stroke fade).
    **kwargs
        Passed on to :class:`~manim.Animation`.
    """

    def __init__(self, *mobjects: Mobject, **kwargs: Any) -> None:
        self._group = Group(*mobjects)
        super().__init__(self._group, remover=True, **kwargs)
        self._colours: list[tuple[VMobject, list[np.ndarray]]] = []

    def create_starting_mobject(self) -> Mobject:
        return self._group  # nothing is interpolated from a copy

    def begin(self) -> None:
        self._colours = [
            (part, [array.copy() for array in _rgba_arrays(part)])
            for part in self._group.get_family()
            if isinstance(part, VMobject)
        ]
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        keep = 1.0 - self.rate_func(alpha)
        for part, originals in self._colours:
            for array, original in zip(_rgba_arrays(part), originals, strict=True):
                array[:, 3] = original[:, 3] * keep

    def clean_up_from_scene(self, scene: Scene) -> None:
        super().clean_up_from_scene(scene)
        self.interpolate_mobject(0.0)


def _rgba_arrays(part: VMobject) -> list[np.ndarray]:
    return [part.fill_rgbas, part.stroke_rgbas, part.background_stroke_rgbas]


class BeatScene(Scene, Generic[ClipT]):
    """A manim Scene driven by a parsed clip config.

    Subclasses set ``config_class`` and define one ``@beat`` method per name in its ``BEATS``;
    :meth:`prepare` computes everything the beats show (from mathcore) before the first beat.
    """

    config_class: ClassVar[type[ClipConfig]]

    def __init__(self, clip: ClipT | None = None, **kwargs: Any) -> None:
        # With no clip (manim's own CLI, tests) the scene plays the shipped clip file, or the
        # one $LLMFACTS_CONFIG names; a mistake in it is one line and exit 2, as in llmfacts.
        if clip is None:
            try:
                clip = default_clip(self.config_class, type(self).__name__)  # type: ignore[assignment]
            except ConfigError as error:
                print(error, file=sys.stderr)
                raise SystemExit(2) from None
        self.clip: ClipT = clip  # type: ignore[assignment]
        # Before manim builds the camera and the file writer, which read the frame's size.
        frame.apply_aspect(self.clip.aspect)
        self.timeline: list[BeatTiming] = []
        self._caption: Mobject | None = None
        self._caption_cue: tuple[str, float] | None = None  # (text, time fully shown)
        self._track: NarrationTrack | None = None
        self._fading_caption = False
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
        camera = self.camera
        # The clips render with Cairo: OpenGL's camera has no background to initialise.
        if not isinstance(camera, Camera):
            raise TypeError(f"{type(self).__name__} needs manim's Cairo renderer")
        use_theme(self.clip)  # style.TEXT etc. are this clip's theme's from here on
        camera.background_color = ManimColor(self.clip.colours.background)
        camera.init_background()
        self.prepare()

    def prepare(self) -> None:
        """Compute the clip's numbers (override); runs once before the first beat."""

    def narration_values(self) -> dict[str, object]:
        """Values for the narration's placeholders beyond the fact's names (override)."""
        return {}

    def construct(self) -> None:
        for name in self.clip.beat_order:
            getattr(self, BEAT_PREFIX + name)()

    def play_beats(self, names: Sequence[str]) -> None:
        """Play only the named beats (for tests, stills and slides)."""
        for name in names:
            getattr(self, BEAT_PREFIX + name)()

    # -- pace: narration and captions ---------------------------------------------------

    @property
    def current_beat(self) -> BeatTiming:
        """The beat being played."""
        return self.timeline[-1]

    def begin_beat(self, name: str) -> None:
        """Start a beat: plan its narration cues from now, and burn them in if asked."""
        fact = getattr(self.clip, "fact", None)
        words = fill(self.clip.narration_for(name), fact, **self.narration_values())
        timing = BeatTiming(name, start=self.time, narration=words)
        self.timeline.append(timing)
        offset = 0.0
        for sentence in sentences(words):
            length = self.seconds(self.clip.narration.cue_seconds(sentence))
            timing.cues.append(Cue(name, offset, offset + length, sentence, "narration"))
            # manim's own subtitle file, for whoever renders with the plain `manim` command.
            self.add_subcaption(sentence, duration=length, offset=offset)
            offset += length
        spoken = [cue for cue in timing.cues if cue.kind == "narration"]
        if self.clip.narration.burnt_in and spoken:
            track = NarrationTrack(spoken, self.clip.colours.text)
            track.add_updater(lambda m: m.show_at(self.time - timing.start))
            self._track = track
            self.add(track)

    def end_beat(self) -> None:
        """Hold until the caption on screen has been read and the narration said, then for
        the beat's final hold; record when the beat ended."""
        timing = self.current_beat
        self.await_caption_read()
        said = max((cue.end for cue in timing.cues if cue.kind == "narration"), default=0.0)
        remaining = said - (self.time - timing.start)
        if remaining > MIN_WAIT:
            self.wait(remaining)
        self.wait(self.seconds(style.BEAT_HOLD))
        if self._track is not None:
            self._track.clear_updaters()
            self.remove(self._track)
            self._track = None
        self.close_caption_cue()
        timing.end = self.time

    def until_sentence(self, index: int) -> None:
        """Hold the picture until the beat's narration reaches sentence ``index`` (counted from
        0), so each step of the picture starts with the words that explain it rather than all
        motion finishing under the first sentence. A negative index counts from the last
        sentence; past the end (a remixed narration with fewer sentences) means the last one.
        No wait when the narration is already there."""
        spoken = [cue for cue in self.current_beat.cues if cue.kind == "narration"]
        if not spoken:
            return
        cue = spoken[max(-len(spoken), min(index, len(spoken) - 1))]
        remaining = cue.start - (self.time - self.current_beat.start)
        if remaining > MIN_WAIT:
            self.wait(remaining)

    def sentence_seconds(self, index: int) -> float:
        """How long sentence ``index`` of the beat's narration takes to say (0 without
        narration), for an animation meant to last as long as the words it goes with."""
        spoken = [cue for cue in self.current_beat.cues if cue.kind == "narration"]
        if not spoken:
            return 0.0
        cue = spoken[max(-len(spoken), min(index, len(spoken) - 1))]
        return cue.end - cue.start

    def await_caption_read(self) -> None:
        """Wait, if needed, until the caption on screen has been visible for its reading time."""
        if self._caption_cue is None:
            return
        text, shown_at = self._caption_cue
        needed = self.seconds(self.clip.narration.reading_seconds(text))
        remaining = needed - (self.time - shown_at)
        if remaining > MIN_WAIT:
            self.wait(remaining)

    def close_caption_cue(self) -> None:
        """Record the caption on screen as a cue ending now."""
        if self._caption_cue is None:
            return
        text, shown_at = self._caption_cue
        start = self.current_beat.start
        cue = Cue(self.current_beat.name, shown_at - start, self.time - start, text, "caption")
        self.current_beat.cues.append(cue)
        self._caption_cue = None

    def play(self, *args: Any, **kwargs: Any) -> None:
        """manim's play, except that fading out the caption first waits until it has been
        read (beats fade their captions out as they move on); records when the picture moved
        (:attr:`BeatTiming.motion`)."""
        caption_line = self._caption if self._caption_cue is not None else None
        if caption_line is not None and any(self._removes(a, caption_line) for a in args):
            self.await_caption_read()
            self._timed_play(*args, **kwargs)
            self.close_caption_cue()
            return
        self._timed_play(*args, **kwargs)

    def _timed_play(self, *args: Any, **kwargs: Any) -> None:
        started = self.time
        super().play(*args, **kwargs)
        moved = not all(isinstance(a, Wait) for a in args) and not self._fading_caption
        if moved and self.timeline and self.current_beat.end == 0.0:
            beat_start = self.current_beat.start
            self.current_beat.motion.append((started - beat_start, self.time - beat_start))

    @staticmethod
    def _removes(item: object, target: Mobject) -> bool:
        return (
            isinstance(item, Animation)
            and item.remover
            # manim declares Animation.mobject as OpenGLMobject (its first, OpenGL-only
            # assignment), though with Cairo it is a Mobject like ``target``.
            and target in item.mobject.get_family()  # type: ignore[comparison-overlap]
        )

    # -- staging -------------------------------------------------------------------------

    def bring_in(self, *mobjects: Mobject) -> None:
        """Add, without animation, whatever is not on screen yet, so that a beat played on
        its own starts from the picture the earlier beats would have left."""
        missing = [m for m in mobjects if m not in self.mobjects]
        if missing:
            self.add(*missing)

    def clear_stage(self) -> None:
        """Fade out whatever the previous beat left on screen (a beat that builds its own
        picture starts with this, so it can be played alone or in any order). The narration
        of the beat now starting stays."""
        leaving = [m for m in self.mobjects if m is not self._track]
        if leaving:
            self.play(Dissolve(*leaving), run_time=self.seconds(style.SHORT))

    def show_caption(self, text: str) -> Mobject:
        """Fade in a subtitle-like line along the bottom edge, replacing the one on screen
        once that has been read (two captions never overlap); returns it. When the narration
        is burnt into the picture it owns the bottom edge, and the caption is not drawn."""
        if self.clip.narration.burnt_in:
            return VMobject()
        line = caption(text, self.clip.colours.text)
        previous = self._caption
        if previous is not None and previous in self.mobjects:
            self.await_caption_read()
            self.close_caption_cue()
            self._fading_caption = True  # a new line of words, not a step of the picture
            self.play(FadeOut(previous), FadeIn(line), run_time=self.seconds(style.SHORT))
        else:
            self.close_caption_cue()
            self._fading_caption = True
            self.play(FadeIn(line), run_time=self.seconds(style.SHORT))
        self._fading_caption = False
        self._caption = line
        self._caption_cue = (text, self.time)
        return line

    def caption_top(self) -> float:
        """The height above which pictures must stay, clear of a two-line caption."""
        return frame.caption_zone() - config.frame_height / 2

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
