"""The one place for colours, font sizes, spacing and timing defaults.

Plain Python (no manim import) so that the config parser can use these as its defaults.
Colours are hex strings; manim accepts them directly.
"""

from __future__ import annotations

from typing import Final

# Palette: a dark background with 3Blue1Brown-like accents.
BACKGROUND: Final = "#0E1116"
TEXT: Final = "#ECECEC"
MUTED: Final = "#8A8F98"
FIRST_NAME: Final = "#58C4DD"  # blue
LAST_NAME: Final = "#FFC857"  # yellow
ATTRIBUTE: Final = "#FC6255"  # red
COMBINED: Final = "#83C167"  # green: a vector encoding several features
POSITIVE: Final = "#83C167"
NEGATIVE: Final = "#FC6255"
AXES: Final = "#5A6270"

# Type: font sizes in manim's units (Text/MathTex font_size).
FONT: Final = "DejaVu Sans"
TITLE_SIZE: Final = 40
LABEL_SIZE: Final = 30
BODY_SIZE: Final = 26
SMALL_SIZE: Final = 22
WRAP: Final = 38  # characters per line of wrapped small text
MIN_WRAP: Final = 8  # never wrap narrower than this; shrink instead
MATH_SIZE: Final = 34  # LaTeX glyphs run smaller than Pango's at the same size

# Spacing in scene units (the frame is 14.22 x 8 units).
EDGE_BUFFER: Final = 0.4
ITEM_GAP: Final = 0.25
ROW_GAP: Final = 0.35

# Timing: seconds before the pacing multiplier.
SHORT: Final = 0.6
MEDIUM: Final = 1.2
LONG: Final = 2.0
PAUSE: Final = 1.0
BEAT_HOLD: Final = 1.5  # every beat ends by holding its last frame this long

# Numbers: digits after the decimal point in readouts.
DECIMALS: Final = 2
ANGLE_DECIMALS: Final = 1

# Layout of a clip with a picture on the left and a text panel on the right.
PANEL_WIDTH: Final = 6.2
CAPTION_WIDTH: Final = 12.0
PANEL_LEFT_X: Final = 0.5
PICTURE_CENTER_X: Final = -3.6
PICTURE_CENTER_Y: Final = -0.1

# 3-D views drawn by components.VectorView3D (angles in degrees, lengths in scene units).
VIEW_AZIMUTH: Final = -60.0
VIEW_ELEVATION: Final = 20.0
VIEW_SWING: Final = 40.0  # how far the camera turns to show depth
VIEW_UNIT: Final = 2.2
VIEW_AXIS_LENGTH: Final = 1.1
AXIS_STROKE: Final = 2.0
ARROW_STROKE: Final = 5.0
LABEL_BUFFER: Final = 0.35
TINY: Final = 1e-9
TITLE_GAP: Final = 0.6  # between a title and what follows it
SECTION_GAP: Final = 0.7  # between blocks of a panel
