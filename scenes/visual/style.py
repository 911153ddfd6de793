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

# Matrices and vectors of numbers (components.ArrayMatrix).
MATRIX_SIZE: Final = 24
MATRIX_DECIMALS: Final = 1
MATRIX_H_BUFF: Final = 0.55
MATRIX_V_BUFF: Final = 0.42
HIGHLIGHT: Final = "#FFFF00"
HIGHLIGHT_BUFF: Final = 0.08
HIGHLIGHT_OPACITY: Final = 0.18

# Blocks, neurons, graphs.
BLOCK: Final = "#9A72AC"
BLOCK_WIDTH: Final = 3.0
BLOCK_HEIGHT: Final = 1.0
BLOCK_CORNER: Final = 0.2
BLOCK_FILL: Final = 0.25
NEURON_RADIUS: Final = 0.16
NEURON_SPACING: Final = 0.14
GRAPH_X_RANGE: Final = (-3.0, 3.0, 1.0)
GRAPH_Y_RANGE: Final = (-1.0, 3.0, 1.0)
GRAPH_WIDTH: Final = 4.2
GRAPH_HEIGHT: Final = 2.4
DOT_RADIUS: Final = 0.08
EDGE_STROKE: Final = 1.5
EDGE_MAX_OPACITY: Final = 0.8
CELL_SIZE: Final = 0.32
CELL_GAP: Final = 0.06
LAYER_GAP: Final = 2.5
CONTENT_WIDTH: Final = 12.6  # widest a picture may be, margins kept
PICTURE_LIFT: Final = 0.4  # pictures sit a little above centre, leaving room for the caption
TITLE_MATH_SIZE: Final = 44
BRACE_TEXT_SCALE: Final = 0.6
BLOCK_FLASH: Final = 0.6
PRODUCT_BESIDE_WIDTH: Final = 7.6  # a matrix product that shares the frame with a side panel
ACTIVATION_TITLES: Final = {"relu": "ReLU", "gelu": "GELU", "gelu_tanh": "GELU (tanh)"}
HEADING_WIDTH: Final = 2.0  # widest a token heading over a column may be
CAPTION_ZONE: Final = 1.3  # height kept free at the bottom for captions
TOP_ROOM: Final = 1.4  # space above a picture for a brace and its label

# Parameter tallies (components.StackedBar).
BAR_WIDTH: Final = 12.0
BAR_HEIGHT: Final = 0.7
BAR_MIN_SEGMENT: Final = 0.05
BAR_OPACITY: Final = 0.75
COMPONENT_COLOURS: Final = {
    "embedding": "#58C4DD",
    "positional": "#9CDCEB",
    "attention": "#FFC857",
    "mlp": "#83C167",
    "router": "#C55F73",
    "norms": "#D4A5E6",
    "unembedding": "#FC6255",
}
LAYER_ICON: Final = 0.22
LAYER_ICONS_MAX: Final = 96
LAYER_ICONS_PER_ROW: Final = 24
COUNT_ROWS: Final = 5  # entries drawn of a real model's matrix
COUNT_COLUMNS: Final = 5
SMALL_SHARE_DECIMALS: Final = 3
LEGEND_WIDTH: Final = 7.5
LAG: Final = 0.02  # lag ratio when many small things appear one after another
WORDS_PER_MATH: Final = 0.8  # Pango text beside LaTeX looks the same size at this ratio

# Superposition pictures.
PLANE_SIZE: Final = 3.6
PLANE_RANGE: Final = (-1.5, 1.5, 1.0)
AXIS_DIRECTIONS_DEG: Final = (0.0, 90.0, 180.0, 270.0)
LOW_DIMS: Final = (2, 3)  # the dimensions a viewer can picture
ONE_VECTOR: Final = 1
HISTOGRAM_HEIGHT: Final = 3.2
ZOOM_SPAN: Final = 40.0  # windows narrower than this get the fine ticks
ZOOM_TICK: Final = 5.0
FULL_TICK: Final = 30.0
REVEAL_WIDTH: Final = 7.0
CAPACITY_WIDTH: Final = 6.0
CAPACITY_HEIGHT: Final = 4.0
CAPACITY_HEADROOM: Final = 1
CAPACITY_TICK: Final = 1
TOY_SHIFT: Final = 2.5
BAND_OPACITY: Final = 0.55

# Wider spacings, for pictures that need air between their parts.
WIDE_GAP: Final = 2 * SECTION_GAP
WIDER_GAP: Final = 3 * SECTION_GAP
MARGIN: Final = 2 * EDGE_BUFFER
WIDE_MARGIN: Final = 3 * EDGE_BUFFER
ICON_GAP: Final = 2 * CELL_GAP

# Next-token probabilities (components.ProbabilityBars).
PROBABILITY_WIDTH: Final = 5.0
PROBABILITY_HEIGHT: Final = 0.3
PROBABILITY_LABEL: Final = 2.6
LAYER_STACK: Final = 3  # attention/MLP pairs drawn before the "repeated n times" label
WORD_GAP: Final = 0.5  # between the words of a prompt
LAG_SLOW: Final = 0.2
ARROW_BUFF: Final = 0.12
PROBABILITY_WIDTH_SIDE: Final = 2.2  # bars beside another picture
LAST_VECTOR_WIDTH: Final = 6.4
