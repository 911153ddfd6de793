"""The layout check, ``llmfacts layout FILE...``: what a viewer would see go wrong on screen.

Each clip is played with manim's skip-animations mode (a dry run: no frame is drawn, no video
written); after every animation (each ``play``, each ``wait``, so also every beat's end) what is
on screen is inspected, in every aspect ratio the clip allows (:func:`aspect_ratios`). One
line per finding::

    configs/x.yaml Superposition beat nearly_perpendicular #3: text-on-shape:
        Text 'next to 2 axes' <-> Sector in VGroup

(on one line).
``#3`` is the beat's third animation (``#3-5``: the finding lasts from the third to the fifth).
A finding is reported once per beat, at the first animation it appears in. The kinds:

``overlap``
    Two unrelated texts or formulas whose glyphs overlap by more than :data:`TOLERANCE` scene
    units in both directions (the whole boxes are compared first, then glyph by glyph, so a
    word sitting in the notch of a wrapped label is not reported). Parts of one text object
    (the glyphs of a Text, the parts of a MathTex, the digits of a DecimalNumber) are one text.
    Two :class:`~manim.Dot` markers on top of each other are an overlap too. Texts are
    :class:`~manim.Text`, :class:`~manim.MarkupText`, :class:`~manim.Paragraph`,
    :class:`~manim.SingleStringMathTex` (so :class:`~manim.MathTex` and :class:`~manim.Tex`)
    and :class:`~manim.DecimalNumber` (so :class:`~manim.Integer`); the captions and the
    narration track are Texts. Overlapping pairs between the same two kinds of component in
    one top-level mobject (columns of numbers on top of each other) are one finding: one pair
    named, the others counted.
    A text less than :data:`VANISHING_PX` tall at 720p is a speck mid-transition (a picture
    shrinking into a block) and is left out of every check but the frame's.
``text-on-shape``
    A text partly covered by a filled shape (fill opacity at least :data:`FILL_MIN`: a bar, a
    band, a dot, an arrow's tip). A text lying wholly inside a shape is on its background (a
    label in a box) and is not reported. Shapes are compared by their outline, not their box,
    so a wedge's empty corner does not count. Shapes are not compared with shapes (a histogram's
    bars touch on purpose), except dots.
``out-of-frame``
    Something visible reaching more than :data:`TOLERANCE` beyond an edge of the camera's frame,
    reported once per top-level mobject (its worst part). In a 3-D scene each point is first
    projected by the camera (``transform_points_pre_display``), and mobjects fixed in the frame
    are taken as they are.
``small-text``
    Text smaller than 20 px at 720p-equivalent. The size of a text is its em in pixels at 720p
    (pixels = scene units × 720 / the frame's shorter side, its height in 16:9), estimated
    from its tallest capital letter, digit or ascender (b, d, f, h, k, l), which is about
    0.7 em high: the rule is that glyph ≥ :data:`MIN_GLYPH_PX` (14 px; the project's guide
    words it as "a capital 20 px tall", which is stricter). For scale: a capital of a Text at
    font size 22 (our captions) is 20 px tall, of a MathTex at 24 (matrix entries) 15 px; the
    digits of the refresher's shrunk last vectors were 8 px. A text with none of those glyphs
    (``=``, ``\\cdots``, a lone ``x``) is not sized. Small texts are reported once per
    component (the nearest ancestor that is not a plain group), naming one, counting the rest.
``orphan`` and ``split-word``
    For texts that record how they were wrapped (:func:`scenes.visual.marks.record_wrap`, done
    by :func:`scenes.visual.components.label_text` and so by every wrapped label and caption):
    the last line holds a single word (a token with a letter or digit) while the line before
    holds several, or a word of the source is cut across two lines.

An intended overlay (a label on a coloured bar on purpose) is marked in the component with
:func:`scenes.visual.marks.mark_overlay` (``mark_overlay(label)`` for anything, or
``mark_overlay(label, bar)`` for that bar only); its overlaps are then not reported. Nothing
else is exempt: a text and its own highlight rectangle do not overlap (the highlight's fill is
below :data:`FILL_MIN`), and a text inside its box is on its background.

Speed: the dry run builds every mobject as a render would (LaTeX and Pango are cached) but draws
nothing (manim's renderer would draw each animation's end even in skip mode:
:func:`draw_nothing` stops it); each inspection computes every visible part's box once and
compares boxes vectorised, refining only the pairs whose boxes meet; a ``wait`` during which
nothing can change (no updaters) reuses the previous inspection.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scenes.config import ClipConfig, scene_class
from scenes.config.common import as_aspect
from scenes.visual.marks import is_overlay_with, wrap_record
from scenes.visual.timeline import BeatTiming

if TYPE_CHECKING:
    from manim import Camera, Mobject, Scene

TOLERANCE = 0.02  # scene units an overlap or overshoot may have unreported
MIN_GLYPH_PX = 14.0  # tallest capital/digit/ascender at 720p: 0.7 em of a 20 px em
VANISHING_PX = 4.0  # a text less tall than this at 720p is a speck mid-transition
REFERENCE_PIXEL_HEIGHT = 720
FILL_MIN = 0.2  # shapes filled at least this much can hide a text
MIN_AREA = 1e-3  # square units: a filled outline enclosing less covers nothing (a line)
DEFAULT_RATIO = "16:9"
DESCRIPTION_CHARS = 32
TALL_CHARS = frozenset("bdfhkl")
SAMPLES_PER_CURVE = 8
EDGE_STEP = 0.05  # outline points at most this far apart (scene units)
VISIBLE_ALPHA = 0.01
CACHE_VERSION = 1  # bump when a Finding changes shape
KINDS = ("overlap", "text-on-shape", "out-of-frame", "small-text", "orphan", "split-word")


def aspect_ratios(clip: ClipConfig) -> list[str]:
    """The aspect ratios ``clip`` can be rendered in, each checked on its own: its own first,
    then the others its config class has layouts for (``LAYOUTS``; ``aspect:`` or
    ``--aspect`` picks one when rendering)."""
    return [clip.aspect, *(ratio for ratio in clip.LAYOUTS if ratio != clip.aspect)]


def ratio_settings(ratio: str) -> dict[str, object]:
    """manim settings for a frame of ``ratio`` ("W:H"): its shorter side 8 units and 720 px,
    like manim's 16:9 frame (8 units high), for which nothing is changed. (A clip's scene sets
    its own frame from its config; this is for plain manim scenes.)"""
    from scenes.visual.frame import frame_settings

    if ratio == DEFAULT_RATIO:
        return {}
    return dict(frame_settings(ratio, REFERENCE_PIXEL_HEIGHT))


@dataclass
class Finding:
    """One defect, from the animation it first appears in to the last it lasts through."""

    clip: str
    scene: str
    ratio: str
    beat: str
    first: int
    kind: str
    subject: str
    other: str = ""
    detail: str = ""
    last: int = 0

    def line(self) -> str:
        """The finding as the command prints it."""
        where = f"#{self.first}" if self.last <= self.first else f"#{self.first}-{self.last}"
        scene = self.scene if self.ratio == DEFAULT_RATIO else f"{self.scene} ({self.ratio})"
        what = f"{self.subject} <-> {self.other}" if self.other else self.subject
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.clip} {scene} beat {self.beat} {where}: {self.kind}: {what}{detail}"


@dataclass(frozen=True)
class Problem:
    """A defect seen in one inspection (before it is matched with earlier animations)."""

    kind: str
    subject: str
    other: str = ""
    detail: str = ""
    # Where the mobjects are (left, bottom, right, top), to outline them on a saved frame.
    boxes: tuple[tuple[float, ...], ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.subject, self.other)


@dataclass
class LayoutObserver:
    """Inspects the scene after every animation and collects the findings of one clip."""

    clip: str
    scene: str
    ratio: str = DEFAULT_RATIO
    frames: Path | None = None  # save the frame where findings appear, outlined, here
    findings: list[Finding] = field(default_factory=list)
    _beat: str | None = None
    _index: int = 0
    _open: dict[tuple[str, str, str], Finding] = field(default_factory=dict)
    _last: list[Problem] = field(default_factory=list)

    def after_animation(self, scene: Scene) -> None:
        """Record what is wrong on screen now (called after each ``play`` and ``wait``)."""
        timeline = getattr(scene, "timeline", None)
        beat = timeline[-1].name if timeline else "(no beat)"
        if beat != self._beat:
            self._beat, self._index, self._open = beat, 0, {}
        self._index += 1
        problems = self._last if _unchanged_since_last(scene) else inspect_scene(scene)
        self._last = problems
        still: dict[tuple[str, str, str], Finding] = {}
        new: list[Problem] = []
        for problem in problems:
            finding = self._open.get(problem.key) or still.get(problem.key)
            if finding is None:
                finding = Finding(
                    self.clip, self.scene, self.ratio, beat, self._index,
                    problem.kind, problem.subject, problem.other, problem.detail,
                )  # fmt: skip
                self.findings.append(finding)
                new.append(problem)
            finding.last = self._index
            still[problem.key] = finding
        self._open = still
        if new and self.frames is not None:
            self.save_frame(scene, beat, new)

    def save_frame(self, scene: Scene, beat: str, problems: Sequence[Problem]) -> Path:
        """Draw the frame as it is now (the dry run draws none) and outline in red where
        ``problems`` are; saved as ``<frames>/<clip>_<ratio>_<beat>_<index>.png``."""
        from PIL import ImageDraw

        camera = _camera(scene)
        camera.reset()
        camera.capture_mobjects(scene.mobjects)
        image = camera.get_image().convert("RGB")
        width, height = image.size
        left, bottom, right, top = _frame_box(camera)
        draw = ImageDraw.Draw(image)
        for problem in problems:
            for x0, y0, x1, y1 in problem.boxes:
                corners = [  # 3 px outside the box, so the outline hides nothing
                    (x0 - left) / (right - left) * width - 3,
                    (top - y1) / (top - bottom) * height - 3,
                    (x1 - left) / (right - left) * width + 3,
                    (top - y0) / (top - bottom) * height + 3,
                ]
                draw.rectangle(corners, outline=(255, 0, 0), width=1)
        stem = Path(self.clip).stem
        ratio = self.ratio.replace(":", "x")
        assert self.frames is not None
        self.frames.mkdir(parents=True, exist_ok=True)
        path = self.frames / f"{stem}_{ratio}_{beat}_{self._index:02d}.png"
        image.save(path)
        return path


def _unchanged_since_last(scene: Scene) -> bool:
    """Whether the animation just played was a wait during which nothing could move."""
    from manim import Wait

    animations = getattr(scene, "animations", None) or []
    waits = all(isinstance(a, Wait) for a in animations)
    return bool(animations) and waits and not scene.should_update_mobjects()


def observed_scene_class(base: type[Scene], observer: LayoutObserver) -> type[Scene]:
    """A subclass of ``base`` whose every ``play`` (and so every ``wait``) ends by letting
    ``observer`` inspect the scene."""

    def play(self: Scene, *args: Any, **kwargs: Any) -> None:
        base.play(self, *args, **kwargs)
        observer.after_animation(self)

    return type(base.__name__, (base,), {"play": play, "__module__": base.__module__})


def check_clip(
    clip: ClipConfig,
    name: str,
    frames: Path | None = None,
    ratios: Sequence[str] | None = None,
    remember: bool = False,
) -> list[Finding]:
    """Play ``clip`` in every aspect ratio it allows, or in ``ratios`` (dry run, no video),
    and return what the layout check finds; ``name`` (the clip file) starts each finding's
    line. With ``frames``, the frame where findings appear is saved there with them
    outlined. With ``remember``, an unchanged clip's findings come from the cache
    (:class:`RememberedFindings`)."""
    from scenes.app.render import lock_svg_parsing

    lock_svg_parsing()  # dry runs share the LaTeX and text caches with renders running beside
    findings: list[Finding] = []
    for ratio in ratios or aspect_ratios(clip):
        turned = dataclasses.replace(clip, aspect=as_aspect(ratio))
        if frames is not None or not remember:
            findings.extend(check_scene(scene_class(turned), name, turned, ratio, frames))
            continue
        cache = remembered_findings(turned)
        found = cache.read(name)
        if found is None:
            found = check_scene(scene_class(turned), name, turned, ratio)
            cache.write(found)
        findings.extend(found)
    return findings


@dataclass(frozen=True)
class RememberedFindings:
    """The findings of one clip in one ratio, kept in the cache folder under a key of
    everything that decides them: the clip as parsed (fact, model, words, ratio), the code
    a render of it runs, this check's own code and manim's version. An unchanged clip is not
    played again (a whole-project check goes from minutes to a second); any edit plays it."""

    path: Path

    def read(self, name: str) -> list[Finding] | None:
        """The remembered findings, with ``name`` as their clip, or None."""
        try:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            return [Finding(**{**row, "clip": name}) for row in rows]
        except (OSError, ValueError, TypeError):
            return None

    def write(self, findings: Sequence[Finding]) -> None:
        """Remember ``findings`` (best effort: a cache that cannot be written costs time)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            scratch = self.path.with_suffix(f".{os.getpid()}.tmp")
            scratch.write_text(json.dumps([dataclasses.asdict(f) for f in findings]))
            os.replace(scratch, self.path)
        except OSError:
            pass


def remembered_findings(clip: ClipConfig) -> RememberedFindings:
    """Where the layout check of ``clip`` (in its ``aspect``) is remembered."""
    from scenes.app.paths import cache_dir
    from scenes.app.previews import code_version

    digest = hashlib.sha256(f"llmfacts layout {CACHE_VERSION}\n".encode())
    digest.update(code_version(clip.SCENE.partition(":")[0]).encode())
    for source in (Path(__file__), Path(__file__).parent / "render.py"):
        digest.update(source.read_bytes())
    digest.update(repr(clip).encode())
    return RememberedFindings(cache_dir() / "layout" / f"{digest.hexdigest()[:32]}.json")


def check_scene(
    base: type[Scene],
    name: str,
    clip: ClipConfig | None = None,
    ratio: str = DEFAULT_RATIO,
    frames: Path | None = None,
) -> list[Finding]:
    """Play the scene class ``base`` (given ``clip`` when it is a clip's scene) in a dry run
    and return the findings."""
    return _observed_run(base, name, clip, ratio, frames)[0]


def check_and_time(
    clip: ClipConfig, name: str, ratio: str = DEFAULT_RATIO
) -> tuple[list[Finding], list[BeatTiming]]:
    """One dry run of ``clip`` in ``ratio``: its layout findings and its beats' timeline
    (when each beat starts and ends, when its picture moves), so that the tests check layout
    and pacing without playing a clip twice."""
    return _observed_run(scene_class(clip), name, clip, ratio, None)


def _observed_run(
    base: type[Scene],
    name: str,
    clip: ClipConfig | None,
    ratio: str,
    frames: Path | None,
) -> tuple[list[Finding], list[BeatTiming]]:
    """Play ``base`` in a dry run under the layout observer: the findings and the timeline
    (empty for a scene that is not a clip's)."""
    from manim import tempconfig

    from scenes.app.render import shared_settings

    observer = LayoutObserver(name, base.__name__, ratio, frames)
    # Frames are drawn only when asked for; 720p is enough to look at them.
    pixels = {"pixel_width": 1280, "pixel_height": 720} if frames and ratio == DEFAULT_RATIO else {}
    observed = observed_scene_class(base, observer)
    with (
        tempfile.TemporaryDirectory(prefix="llmfacts-layout-") as scratch,
        tempconfig(
            {
                "dry_run": True,
                "progress_bar": "none",
                "media_dir": scratch,
                **shared_settings(),
                **pixels,
                **ratio_settings(ratio),
            }
        ),
    ):
        # A clip's scene takes its config first (BeatScene); manim's Scene takes no config.
        make: Callable[..., Scene] = observed
        scene = make(clip, skip_animations=True) if clip is not None else make(skip_animations=True)
        draw_nothing(scene)
        scene.render()
    timeline: list[BeatTiming] = list(getattr(scene, "timeline", []))
    return observer.findings, timeline


def draw_nothing(scene: Scene) -> None:
    """Keep ``scene``'s renderer from drawing: in skip mode manim's Cairo renderer still draws
    every animation's end (the still mobjects, then the moving ones, at the frame's full pixel
    size) and copies the pixels twice, for frames nobody writes: a third of a dry run's CPU
    time (the MLP walkthrough in 16:9, 41 s before, 28 s without). The check reads mobjects,
    never pixels (:meth:`LayoutObserver.save_frame` draws its own). The one effect of drawing
    the check depends on is kept: a 3-D camera's rotation matrix is set from its angles
    whenever it draws (the check projects points with it). Most of what is left is manim
    copying mobjects (each Transform deep-copies its mobject and its target)."""
    from manim import ThreeDCamera

    camera = _camera(scene)
    renderer = scene.renderer

    def update_frame(*args: Any, **kwargs: Any) -> None:
        if isinstance(camera, ThreeDCamera):
            camera.reset_rotation_matrix()

    def get_frame() -> np.ndarray:
        return camera.pixel_array  # not a frame of the video: there is no video

    # Instance attributes, so only this scene's renderer is changed.
    renderer.update_frame = update_frame  # type: ignore[method-assign]
    renderer.get_frame = get_frame  # type: ignore[method-assign]
    _skip_starting_copies(scene)


def _skip_starting_copies(scene: Scene) -> None:
    """Let a plain Transform start from its mobject itself instead of a deep copy of it.

    A Transform copies its mobject as it begins so that every frame can be interpolated from
    the start; in skip mode it is only ever interpolated at 0 (which leaves the mobject as it
    is) and at 1 (the target, whatever the start), so the copy is never read. It is skipped
    only for animations whose whole interpolation and clean-up are Transform's own (not
    TransformFromCopy, which runs backwards, nor FadeIn, which starts from a faded copy, nor
    FadeOut, which restores its mobject from the copy once removed) and whose rate starts at 0
    (a test compares every inspection of a clip with and without). The copies took about a
    seventh of a dry run's CPU time (the refresher in 16:9: 34.3 s with them, 29.9 without)."""
    from manim import Animation, AnimationGroup, Transform

    def plain(animation: Animation) -> bool:
        kind = type(animation)
        return (
            isinstance(animation, Transform)
            and kind.begin is Transform.begin
            and kind.create_starting_mobject is Animation.create_starting_mobject
            and kind.interpolate is Animation.interpolate
            and kind.interpolate_mobject is Animation.interpolate_mobject
            and kind.interpolate_submobject.__qualname__ == "Transform.interpolate_submobject"
            # FadeOut puts its mobject back as it started once removed: that reads the copy
            and kind.clean_up_from_scene is Transform.clean_up_from_scene
            and kind.finish.__qualname__ in ("Animation.finish", "_MethodAnimation.finish")
            and animation.rate_func(0.0) == 0.0
        )

    def without_copy(animation: Animation) -> None:
        if isinstance(animation, AnimationGroup):
            for part in animation.animations:
                without_copy(part)
        elif plain(animation):
            mobject = animation.mobject
            animation.create_starting_mobject = lambda: mobject  # type: ignore[method-assign]

    begin_animations = scene.begin_animations

    def begin_without_copies() -> None:
        for animation in scene.animations or []:
            without_copy(animation)
        begin_animations()

    scene.begin_animations = begin_without_copies  # type: ignore[method-assign]


# -- what is on screen ---------------------------------------------------------------------


@dataclass
class TextItem:
    """A text on screen: the mobject, its ancestors, its box and its glyphs' boxes."""

    mobject: Mobject
    chain: tuple[Mobject, ...]
    box: np.ndarray  # (4,): left, bottom, right, top
    glyphs: np.ndarray  # (n, 4)
    glyph_heights: np.ndarray  # (n,) heights of the glyphs that measure the size


@dataclass
class ShapeItem:
    """A filled shape on screen (a leaf mobject that is not part of a text)."""

    mobject: Mobject
    chain: tuple[Mobject, ...]
    box: np.ndarray
    points: np.ndarray  # its points as shown, for its outline
    _outline: tuple[np.ndarray, np.ndarray] | None = None

    def outline(self) -> tuple[np.ndarray, np.ndarray]:
        """The outline as segments (starts, ends), dense enough to test against glyphs."""
        if self._outline is None:
            self._outline = _outline_segments(self.mobject, self.points)
        return self._outline


@dataclass
class Screen:
    """Everything visible after one animation, measured once."""

    texts: list[TextItem] = field(default_factory=list)
    shapes: list[ShapeItem] = field(default_factory=list)
    dots: list[ShapeItem] = field(default_factory=list)
    # (top-level chain, box) of every visible leaf, for the frame check.
    leaves: list[tuple[tuple[Mobject, ...], np.ndarray]] = field(default_factory=list)


def inspect_scene(scene: Scene) -> list[Problem]:
    """Every layout problem visible in ``scene`` now."""
    camera = _camera(scene)
    screen = collect(scene)
    short_side = min(float(camera.frame_width), float(camera.frame_height))  # 720 px at 720p
    frame = _frame_box(camera)
    problems: list[Problem] = []
    per_unit = REFERENCE_PIXEL_HEIGHT / short_side
    # A text shrunk to a speck is mid-transition (a picture shrinking into a block): not text.
    texts = [t for t in screen.texts if (t.box[3] - t.box[1]) * per_unit >= VANISHING_PX]
    problems += text_overlaps(texts)
    problems += dot_overlaps(screen.dots)
    problems += texts_on_shapes(texts, screen.shapes)
    problems += out_of_frame(screen.leaves, frame)
    problems += small_texts(texts, per_unit)
    problems += wrapping(texts)
    unique: dict[tuple[str, str, str], Problem] = {}
    for problem in problems:
        unique.setdefault(problem.key, problem)
    return list(unique.values())


def _frame_box(camera: Camera) -> np.ndarray:
    """The camera's frame as (left, bottom, right, top) in scene units."""
    centre = np.asarray(camera.frame_center, dtype=float)[:2]
    half = np.array([camera.frame_width, camera.frame_height], dtype=float) / 2
    return np.concatenate([centre - half, centre + half])


def _camera(scene: Scene) -> Camera:
    from manim import Camera

    camera = scene.camera
    if not isinstance(camera, Camera):
        raise TypeError(f"{type(scene).__name__}: the layout check needs manim's Cairo renderer")
    return camera


def collect(scene: Scene) -> Screen:
    """Measure every visible text, filled shape, dot and leaf in ``scene``."""
    screen = Screen()
    project = _camera(scene).transform_points_pre_display
    for top in scene.mobjects:
        _walk(top, (top,), screen, project)
    return screen


def _walk(
    mobject: Mobject,
    chain: tuple[Mobject, ...],
    screen: Screen,
    project: Callable[[Mobject, np.ndarray], np.ndarray],
) -> None:
    from manim import Dot

    if _is_text(mobject):
        item = _text_item(mobject, chain, project)
        if item is not None:
            screen.texts.append(item)
            screen.leaves.append((chain, item.box))
        return
    if len(mobject.points) and _visible(mobject):
        points = project(mobject, mobject.points)
        box = _box(points)
        screen.leaves.append((chain, box))
        if _fill_alpha(mobject) >= FILL_MIN and _area(box) > 0:
            shape = ShapeItem(mobject, chain, box, points)
            screen.shapes.append(shape)
            if isinstance(mobject, Dot):
                screen.dots.append(shape)
    for part in mobject.submobjects:
        _walk(part, (*chain, part), screen, project)


def _text_types() -> tuple[type, ...]:
    from manim import DecimalNumber, MarkupText, Paragraph, SingleStringMathTex, Text

    return (Text, MarkupText, Paragraph, SingleStringMathTex, DecimalNumber)


def _is_text(mobject: Mobject) -> bool:
    return isinstance(mobject, _text_types())


def _text_item(
    mobject: Mobject,
    chain: tuple[Mobject, ...],
    project: Callable[[Mobject, np.ndarray], np.ndarray],
) -> TextItem | None:
    glyphs = [part for part in mobject.family_members_with_points() if _visible(part)]
    if not glyphs:
        return None
    boxes = np.array([_box(project(part, part.points)) for part in glyphs])
    box = np.array([*boxes[:, :2].min(axis=0), *boxes[:, 2:].max(axis=0)])
    heights = boxes[:, 3] - boxes[:, 1]
    measured = _measuring_glyphs(mobject, glyphs)
    return TextItem(mobject, chain, box, boxes, heights[measured])


def _measuring_glyphs(mobject: Mobject, glyphs: list[Mobject]) -> np.ndarray:
    """Indices of the glyphs whose height measures the text's size (capitals, digits,
    ascenders); all of them when they cannot be told apart; none for a text with none."""
    from manim import DecimalNumber, SingleStringMathTex, Text

    every = np.arange(len(glyphs))
    if isinstance(mobject, DecimalNumber):
        return every
    if isinstance(mobject, Text):
        chars = mobject.text  # Pango's glyphs, one per character that is not a space
        if len(chars) == len(mobject.submobjects) and len(glyphs) == len(chars):
            return np.array([i for i, ch in enumerate(chars) if _tall(ch)], dtype=int)
        return every if any(_tall(ch) for ch in chars) else every[:0]
    if isinstance(mobject, SingleStringMathTex):
        source = re.sub(r"\\[A-Za-z]+", "", mobject.get_tex_string())
        return every if any(_tall(ch) for ch in source) else every[:0]
    return every


def _tall(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in TALL_CHARS


def _visible(mobject: Mobject) -> bool:
    from manim import ImageMobject, PMobject, VMobject

    if not isinstance(mobject, VMobject):  # a ValueTracker has points, never drawn
        return isinstance(mobject, ImageMobject | PMobject)
    if _fill_alpha(mobject) > VISIBLE_ALPHA:
        return True
    stroke = mobject.stroke_rgbas
    return bool(mobject.stroke_width > 0 and len(stroke) and stroke[:, 3].max() > VISIBLE_ALPHA)


def _fill_alpha(mobject: Mobject) -> float:
    fill = getattr(mobject, "fill_rgbas", None)
    if fill is None or not len(fill):
        return 0.0
    return float(np.max(fill[:, 3]))


def _box(points: np.ndarray) -> np.ndarray:
    xy = points[:, :2]
    return np.concatenate([xy.min(axis=0), xy.max(axis=0)])


def _area(box: np.ndarray) -> float:
    return float((box[2] - box[0]) * (box[3] - box[1]))


def _overlaps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(len(a), len(b)) booleans: boxes overlapping by more than TOLERANCE both ways."""
    wide = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    high = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    result: np.ndarray = (wide > TOLERANCE) & (high > TOLERANCE)
    return result


def _exempt(a: tuple[Mobject, ...], b: tuple[Mobject, ...]) -> bool:
    """Whether an overlap between the mobjects at the ends of chains ``a`` and ``b`` is
    intended: marked as an overlay (on either, or an ancestor), or one inside the other."""
    if a[-1] in b or b[-1] in a:
        return True
    b_family = [*b, *b[-1].get_family()]
    a_family = [*a, *a[-1].get_family()]
    return any(is_overlay_with(m, b_family) for m in a) or any(
        is_overlay_with(m, a_family) for m in b
    )


# -- the checks ----------------------------------------------------------------------------


def text_overlaps(texts: Sequence[TextItem]) -> list[Problem]:
    """Texts whose glyphs overlap (boxes first, then glyph by glyph)."""
    if len(texts) < 2:
        return []
    boxes = np.array([t.box for t in texts])
    meets = np.triu(_overlaps(boxes, boxes), k=1)
    # Pairs grouped by the kinds of component they belong to, within each top-level mobject:
    # columns of numbers on top of each other are one finding (naming one pair and counting
    # the rest), not one per pair of numbers.
    groups: dict[tuple[object, ...], list[tuple[str, str, TextItem, TextItem]]] = {}
    for i, j in zip(*np.nonzero(meets), strict=True):
        a, b = texts[int(i)], texts[int(j)]
        if not _overlaps(a.glyphs, b.glyphs).any() or _exempt(a.chain, b.chain):
            continue
        ends = sorted(((id(t.chain[0]), type(_owner(t)).__name__) for t in (a, b)), key=str)
        first, second = sorted((_in_owner(a), _in_owner(b)))
        groups.setdefault((*ends[0], *ends[1]), []).append((first, second, a, b))
    problems = []
    for pairs in groups.values():
        first, second, a, b = min(pairs, key=lambda pair: (pair[0], pair[1]))
        more = f"and {len(pairs) - 1} more overlapping pairs there" if len(pairs) > 1 else ""
        boxes_shown = _boxes(*(t.box for pair in pairs for t in pair[2:]))
        problems.append(Problem("overlap", first, second, more, boxes_shown))
    return problems


def _owner(text: TextItem) -> Mobject:
    """The component a text belongs to (itself when it stands alone)."""
    return _component(text.chain[:-1]) if len(text.chain) > 1 else text.mobject


def _in_owner(text: TextItem) -> str:
    owner = _owner(text)
    if owner is text.mobject or type(owner).__name__ in ("VGroup", "Group", "VMobject"):
        return describe(text.mobject)
    return f"{describe(text.mobject)} in {describe(owner)}"


def dot_overlaps(dots: Sequence[ShapeItem]) -> list[Problem]:
    """Dots drawn on top of each other (discs closer than their radii allow)."""
    problems = []
    for i, a in enumerate(dots):
        for b in dots[i + 1 :]:
            centre_a, centre_b = (a.box[:2] + a.box[2:]) / 2, (b.box[:2] + b.box[2:]) / 2
            reach = (a.box[2] - a.box[0] + b.box[2] - b.box[0]) / 2
            gap = float(np.linalg.norm(centre_a - centre_b))
            if gap < reach - TOLERANCE and not _exempt(a.chain, b.chain):
                first, second = sorted((describe_part(a.chain), describe_part(b.chain)))
                detail = f"centres {gap:.2f} apart"
                boxes = _boxes(a.box, b.box)
                problems.append(Problem("overlap", first, second, detail, boxes))
    return problems


def texts_on_shapes(texts: Sequence[TextItem], shapes: Sequence[ShapeItem]) -> list[Problem]:
    """Texts partly covered by a filled shape (not lying wholly on it as on a background)."""
    if not texts or not shapes:
        return []
    meets = _overlaps(np.array([t.box for t in texts]), np.array([s.box for s in shapes]))
    problems = []
    for i, j in zip(*np.nonzero(meets), strict=True):
        text, shape = texts[int(i)], shapes[int(j)]
        if _exempt(text.chain, shape.chain):
            continue
        starts, ends = shape.outline()
        if _enclosed_area(starts, ends) < MIN_AREA or _on_background(text.box, starts, ends):
            continue  # a line's "fill" covers nothing; a text inside its box is on it
        if any(_rect_meets_outline(glyph, starts, ends) for glyph in text.glyphs):
            subject, other = describe(text.mobject), describe_part(shape.chain)
            boxes = _boxes(text.box, shape.box)
            problems.append(Problem("text-on-shape", subject, other, boxes=boxes))
    return problems


def out_of_frame(
    leaves: Sequence[tuple[tuple[Mobject, ...], np.ndarray]], frame: np.ndarray
) -> list[Problem]:
    """Top-level mobjects with a visible part beyond the frame; the worst part is named."""
    worst: dict[int, tuple[float, str, tuple[Mobject, ...], np.ndarray]] = {}
    sides = ("left", "bottom", "right", "top")
    for chain, box in leaves:
        beyond = np.concatenate([frame[:2] - box[:2], box[2:] - frame[2:]])
        worst_side = int(np.argmax(beyond))
        if beyond[worst_side] <= TOLERANCE:
            continue
        key = id(chain[0])
        if key not in worst or beyond[worst_side] > worst[key][0]:
            worst[key] = (float(beyond[worst_side]), sides[worst_side], chain, box)
    problems = []
    for amount, side, chain, box in worst.values():
        subject = describe_part(chain)
        detail = f"{amount:.2f} beyond the {side} edge"
        problems.append(Problem("out-of-frame", subject, "", detail, _boxes(box)))
    return problems


def small_texts(texts: Sequence[TextItem], pixels_per_unit: float) -> list[Problem]:
    """Texts under MIN_GLYPH_PX, grouped by the component they belong to."""
    groups: dict[int, list[tuple[float, TextItem]]] = {}
    owners: dict[int, Mobject] = {}
    for text in texts:
        if not len(text.glyph_heights):
            continue
        size = float(text.glyph_heights.max()) * pixels_per_unit
        if size >= MIN_GLYPH_PX:
            continue
        owner = _owner(text)
        groups.setdefault(id(owner), []).append((size, text))
        owners[id(owner)] = owner
    problems = []
    for key, members in groups.items():
        size, smallest = min(members, key=lambda member: member[0])
        others = f" and {len(members) - 1} more" if len(members) > 1 else ""
        owner = owners[key]
        where = "" if owner is smallest.mobject else f" in {describe(owner)}"
        problems.append(
            Problem(
                "small-text",
                f"{describe(smallest.mobject)}{others}{where}",
                "",
                f"{size:.1f} px glyphs at 720p, need {MIN_GLYPH_PX:g}",
                _boxes(*(member.box for _, member in members)),
            )
        )
    return problems


def wrapping(texts: Sequence[TextItem]) -> list[Problem]:
    """Wrapped texts with a single word on the last line, or a word cut in two."""
    problems = []
    for text in texts:
        record = wrap_record(text.mobject)
        if record is None:
            continue
        source, lines = record
        split = split_word(source, lines)
        if split is not None:
            boxes = _boxes(text.box)
            problems.append(Problem("split-word", describe(text.mobject), "", split, boxes))
        if is_orphan(lines):
            last = f"last line {lines[-1]!r}"
            problems.append(Problem("orphan", describe(text.mobject), "", last, _boxes(text.box)))
    return problems


def _boxes(*boxes: np.ndarray) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(v) for v in box) for box in boxes)


def _words(line: str) -> list[str]:
    """The words of a line: tokens with a letter or a digit (``±`` alone is not a word)."""
    return [token for token in line.split() if any(ch.isalnum() for ch in token)]


def is_orphan(lines: Sequence[str]) -> bool:
    """A single word on the last line under a line of several words."""
    lines = [line for line in lines if line.strip()]
    return len(lines) >= 2 and len(_words(lines[-1])) == 1 and len(_words(lines[-2])) >= 2


def split_word(source: str, lines: Sequence[str]) -> str | None:
    """``'Willi|ams'`` for the first word of ``source`` cut across two of ``lines``, else None."""
    shown = iter(word for line in lines for word in (*line.split(), "\n"))
    for word in source.split():
        piece = next(shown, "")
        while piece == "\n":
            piece = next(shown, "")
        if piece == word:
            continue
        rest = word.removeprefix(piece)
        return f"{piece}|{rest}" if piece and rest != word else f"{word!r} not shown whole"
    return None


def _on_background(box: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bool:
    """Whether the whole box lies inside the outline (a text on its own background)."""
    inner = box + np.array([TOLERANCE, TOLERANCE, -TOLERANCE, -TOLERANCE])
    corners = np.array([inner[[0, 1]], inner[[0, 3]], inner[[2, 1]], inner[[2, 3]]])
    if not _inside(corners, starts, ends).all():
        return False
    return not _points_in_rect(starts, inner).any()


def _rect_meets_outline(rect: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bool:
    """Whether the region inside the outline covers part of ``rect`` (shrunk by TOLERANCE)."""
    inner = rect + np.array([TOLERANCE, TOLERANCE, -TOLERANCE, -TOLERANCE])
    if inner[0] >= inner[2] or inner[1] >= inner[3]:
        return False
    if _points_in_rect(starts, inner).any():
        return True
    corners = np.array([inner[[0, 1]], inner[[0, 3]], inner[[2, 1]], inner[[2, 3]]])
    return bool(_inside(corners, starts, ends).any())


def _enclosed_area(starts: np.ndarray, ends: np.ndarray) -> float:
    """Area the outline encloses (shoelace; subpaths add up, holes aside)."""
    cross = starts[:, 0] * ends[:, 1] - ends[:, 0] * starts[:, 1]
    return float(abs(cross.sum()) / 2)


def _points_in_rect(points: np.ndarray, rect: np.ndarray) -> np.ndarray:
    x, y = points[:, 0], points[:, 1]
    result: np.ndarray = (x > rect[0]) & (x < rect[2]) & (y > rect[1]) & (y < rect[3])
    return result


def _inside(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Even-odd rule: which points lie inside the closed outline (segments starts→ends)."""
    px, py = points[:, None, 0], points[:, None, 1]
    ax, ay, bx, by = starts[None, :, 0], starts[None, :, 1], ends[None, :, 0], ends[None, :, 1]
    crosses = (ay > py) != (by > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_cross = ax + (py - ay) * (bx - ax) / (by - ay)
    result: np.ndarray = (np.sum(crosses & (px < x_cross), axis=1) % 2) == 1
    return result


def _outline_segments(mobject: Mobject, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The filled region's outline: each subpath's cubic curves sampled, closed, and cut into
    segments at most EDGE_STEP long."""
    from manim import VMobject

    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    paths = mobject.get_subpaths_from_points(points) if isinstance(mobject, VMobject) else [points]
    for path in paths:
        count = len(path) // 4
        if count == 0:
            continue
        curves = path[: 4 * count, :2].reshape(count, 4, 2)
        # Control polygons bound the curves: the longest sets how finely all are sampled.
        longest = float(np.linalg.norm(np.diff(curves, axis=1), axis=2).sum(axis=1).max())
        samples = max(SAMPLES_PER_CURVE, int(np.ceil(longest / EDGE_STEP)))
        t = np.linspace(0, 1, samples, endpoint=False)[:, None]
        weights = np.hstack([(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3])
        ring = np.einsum("sk,ckd->csd", weights, curves).reshape(-1, 2)
        starts.append(ring)
        ends.append(np.roll(ring, -1, axis=0))  # closed, as a fill closes it
    if not starts:
        empty = np.zeros((0, 2))
        return empty, empty
    return np.vstack(starts), np.vstack(ends)


# -- naming what is on screen --------------------------------------------------------------


def describe(mobject: Mobject) -> str:
    """``Text 'Michael Jordan'``: the class, and the words or the formula, cut short."""
    words = _words_of(mobject)
    name = type(mobject).__name__
    if words is None:
        return name
    words = " ".join(words.split())
    if len(words) > DESCRIPTION_CHARS:
        words = words[: DESCRIPTION_CHARS - 1] + "…"
    return f"{name} '{words}'"


def _words_of(mobject: Mobject) -> str | None:
    from manim import DecimalNumber, MarkupText, Paragraph, SingleStringMathTex, Text

    if isinstance(mobject, Text | MarkupText):
        return str(getattr(mobject, "original_text", mobject.text))
    if isinstance(mobject, SingleStringMathTex):
        return mobject.get_tex_string()
    if isinstance(mobject, DecimalNumber):
        return "".join(
            _words_of(part) or "" for part in mobject.submobjects if _is_text(part)
        ) or str(mobject.number)
    if isinstance(mobject, Paragraph):
        lines = getattr(mobject, "lines_text", None)  # Paragraph keeps its words as a Text
        return str(getattr(lines, "original_text", "")) or None
    return None


def describe_part(chain: tuple[Mobject, ...]) -> str:
    """A part and the component it belongs to: ``Sector in AngleHistogram``."""
    part = chain[-1]
    owner = _component(chain[:-1]) if len(chain) > 1 else None
    return describe(part) if owner is None else f"{describe(part)} in {describe(owner)}"


def _component(chain: tuple[Mobject, ...]) -> Mobject:
    """The nearest mobject of ``chain`` (from its end) that is not a plain group; the top one
    when all are."""
    from manim import Group, VGroup, VMobject

    plain = (VGroup, Group, VMobject)
    for mobject in reversed(chain):
        if type(mobject) not in plain:
            return mobject
    return chain[0]


def iter_lines(findings: Sequence[Finding]) -> Iterator[str]:
    """The lines the command prints."""
    for finding in findings:
        yield finding.line()
