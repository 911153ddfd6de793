"""A scene's theme on screen: scenes.visual.style's colours and font, and manim's defaults.

scenes.config.theme.activate makes style serve the clip's theme (no manim there); this adds
what only manim can: anything a scene draws without a colour of its own (a ``MathTex("+")``,
a ``Line``) takes the theme's ``plain`` colour instead of manim's WHITE, which would vanish on
the light theme's white background.
"""

from __future__ import annotations

from manim import Dot, VMobject

from scenes.config import ClipConfig
from scenes.config.theme import activate
from scenes.visual import style

# Classes whose default colour is set: VMobject passes it on to every vectorised mobject (Text
# and MathTex ask a fresh VMobject for theirs); Dot names WHITE itself.
DEFAULTED = (VMobject, Dot)


def use_theme(clip: ClipConfig) -> None:
    """Draw ``clip`` in its theme from now on (BeatScene.setup calls this)."""
    activate(clip)
    for cls in DEFAULTED:
        cls.set_default()  # the original defaults first, so that settings never pile up
        cls.set_default(color=style.PLAIN)


def reset_theme() -> None:
    """The dark theme and manim's own defaults again (for tests that switch themes)."""
    style.use(style.DARK)
    for cls in DEFAULTED:
        cls.set_default()
