"""The one place for colours, font sizes, spacing and timing defaults.

Plain Python (no manim import) so that the config parser can use these as its defaults.
Colours are hex strings; manim accepts them directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# -- The theme: palette, background and font ---------------------------------------------
# These names hold the ACTIVE theme's values (configs/themes/<name>.yaml, laid under a clip's own
# `colours:`). The values written here are the dark theme, today's look; a scene rebinds them
# with use() when it starts (scenes.config.theme.activate, from BeatScene.setup). So read them
# when drawing (`style.MUTED` inside a function); a default argument `colour=style.MUTED` or a
# module-level copy would keep the dark value whatever the theme (write `colour=None`, meaning
# the theme's, instead).
BACKGROUND = "#0E1116"
TEXT = "#ECECEC"
MUTED = "#8A8F98"
FIRST_NAME = "#58C4DD"  # blue
LAST_NAME = "#FFC857"  # yellow
ATTRIBUTE = "#FC6255"  # red
COMBINED = "#83C167"  # green: a vector encoding several features
POSITIVE = "#83C167"
NEGATIVE = "#FC6255"
AXES = "#5A6270"
BLOCK = "#9A72AC"  # blocks and neurons
HIGHLIGHT = "#FFFF00"  # boxes that point at an entry
NORM_COLOUR = "#D4A5E6"  # the refresher's normalisation stage
MEASURED_COLOUR = "#83C167"  # high dimensions: the measured capacity
BOUND_COLOUR = "#FFFF00"  # high dimensions: the Johnson-Lindenstrauss bound
PERPENDICULAR_COLOUR = "#ECECEC"  # high dimensions: exactly perpendicular directions
SAE_COLOUR = "#ECECEC"  # high dimensions: the sparse autoencoder's reconstruction
PLAIN = "#FFFFFF"  # anything drawn without a colour of its own (manim's default, WHITE)
# Parameter tallies (components.StackedBar), one colour per kind of weight.
COMPONENT_COLOURS: Mapping[str, str] = {
    "embedding": "#58C4DD",
    "positional": "#9CDCEB",
    "attention": "#FFC857",
    "mlp": "#83C167",
    "router": "#C55F73",
    "norms": "#D4A5E6",
    "unembedding": "#FC6255",
}
# Many directions at once: the superposition clip's crammed vectors, high dimensions' features.
CRAM_COLOURS: tuple[str, ...] = (
    "#58C4DD", "#FFC857", "#FC6255", "#83C167", "#9A72AC", "#D4A5E6", "#9CDCEB",
    "#C55F73", "#F0AC5F", "#5CD0B3", "#E07A5F", "#B8C4D6", "#A0E080", "#FFD9A0",
)  # fmt: skip
FEATURE_COLOURS: tuple[str, ...] = (
    "#58C4DD", "#FFC857", "#FC6255", "#83C167", "#D4A5E6", "#9CDCEB", "#C55F73", "#F0A35E",
)  # fmt: skip
FONT = "DejaVu Sans"  # every Text (Pango family name); LaTeX keeps its own fonts

# A theme file's `colours:` key (also a clip's) → the name here it sets.
COLOUR_ROLES: Final[Mapping[str, str]] = {
    "background": "BACKGROUND",
    "text": "TEXT",
    "muted": "MUTED",
    "first_name": "FIRST_NAME",
    "last_name": "LAST_NAME",
    "attribute": "ATTRIBUTE",
    "combined": "COMBINED",
    "positive": "POSITIVE",
    "negative": "NEGATIVE",
    "axes": "AXES",
    "block": "BLOCK",
    "highlight": "HIGHLIGHT",
    "norm": "NORM_COLOUR",
    "measured": "MEASURED_COLOUR",
    "bound": "BOUND_COLOUR",
    "perpendicular": "PERPENDICULAR_COLOUR",
    "sae": "SAE_COLOUR",
    "plain": "PLAIN",
}
THEMED: Final = (
    *COLOUR_ROLES.values(),
    "COMPONENT_COLOURS",
    "CRAM_COLOURS",
    "FEATURE_COLOURS",
    "FONT",
)
DARK: Final[Mapping[str, object]] = {name: globals()[name] for name in THEMED}


def use(values: Mapping[str, object]) -> None:
    """Make ``values`` (names of THEMED → colour, colours or font) the active theme's; names
    left out keep their value. ``use(DARK)`` brings back the dark theme."""
    unknown = sorted(set(values) - set(THEMED))
    if unknown:
        raise KeyError(f"not themed style names: {', '.join(unknown)}")
    globals().update(values)


def mix(first: str, second: str, fraction: float) -> str:
    """The colour ``fraction`` of the way from hex colour ``first`` to ``second``, per RGB
    channel. Channels are truncated to integers as manim's ``ManimColor.to_hex`` does, so a
    colour mixed here is the one ``interpolate_color`` would give."""
    channels = []
    for start in (1, 3, 5):
        a, b = (int(colour[start : start + 2], 16) / 255 for colour in (first, second))
        channels.append(int((a * (1 - fraction) + b * fraction) * 255))
    return "#" + "".join(f"{channel:02X}" for channel in channels)


def left_out_colour() -> str:
    """Rows a table counts but leaves out of its total (biases, normalisation): halfway from
    the theme's muted colour to its text colour, so brighter than muted in every theme, yet set
    apart from the counted rows."""
    return mix(MUTED, TEXT, 0.5)


# Type: font sizes in manim's units (Text/MathTex font_size).
TITLE_SIZE: Final = 40
LABEL_SIZE: Final = 30
BODY_SIZE: Final = 26
SMALL_SIZE: Final = 22
WRAP: Final = 38  # characters per line of wrapped small text
MIN_WRAP: Final = 8  # never wrap narrower than this; shrink instead
MATH_SIZE: Final = 34  # LaTeX glyphs run smaller than Pango's at the same size

# Spacing in scene units (the frame's shorter side is 8 units: 14.22 x 8 in 16:9, 8 x 14.22 in
# 9:16, 8 x 8 in 1:1; see scenes/visual/frame.py).
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
HIGHLIGHT_BUFF: Final = 0.08
HIGHLIGHT_OPACITY: Final = 0.18
DIM_OPACITY: Final = 0.45  # what steps back while the words point at something else

# Blocks, neurons, graphs.
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
EDGE_MIN_OPACITY: Final = 0.3  # a network's faintest weight line still shows on the background
NETWORK_EDGE_STROKE: Final = 2.5  # a network's weight lines (components.NetworkDiagram)
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
CAPTION_ZONE: Final = 1.3  # height kept free at the bottom for captions (two lines)
CAPTION_ZONE_NARROW: Final = 1.75  # the same in 9:16 and 1:1, where captions wrap into three
TOP_ROOM: Final = 1.4  # space above a picture for a brace and its label

# Parameter tallies (components.StackedBar).
BAR_WIDTH: Final = 12.0
BAR_HEIGHT: Final = 0.7
BAR_MIN_SEGMENT: Final = 0.05
BAR_OPACITY: Final = 0.75
LAYER_ICON: Final = 0.22
LAYER_ICONS_MAX: Final = 96
LAYER_ICONS_PER_ROW: Final = 24
COUNT_ROWS: Final = 5  # entries drawn of a real model's matrix
COUNT_COLUMNS: Final = 5
COUNT_HEIGHT: Final = 4.2  # the longest side of an MLP matrix drawn to scale
COUNT_SHRINK: Final = 0.55  # the matrices, once the products are written beside them
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
FEATURE_LABEL_WIDTH: Final = 3.4  # widest feature name beside the neurons
FEATURE_GAP: Final = 2.6  # from the feature names to the neurons
FEATURE_ROW_GAP: Final = 0.28
NEURON_GAP: Final = 0.45
LOSS_WIDTH: Final = 5.6
LOSS_HEIGHT: Final = 3.0
CRAM_UNIT: Final = 1.9  # screen length of a unit vector in the cramming view
CRAM_SPIN: Final = 120.0  # degrees the 3-D views turn while they move
JOSTLE_FRAMES: Final = 90  # positions of the fourth vector's path
READOUT_WIDTH: Final = 3.0  # the fourth vector's angle readout
START_SHOWN: Final = 5  # rows and columns drawn of the experiment's start matrix
START_WIDTH: Final = 4.4  # a histogram sharing the frame with another picture
COS_DECIMALS: Final = 3  # |cos| in the experiment's table
TABLE_HEADER_WIDTH: Final = 2.2  # widest a column header may be before it wraps
WEDGE_RADIUS: Final = 1.45  # tolerance wedges reach past the unit arrows (axis units)
FAINT: Final = 0.35  # opacity of guide lines that must not compete with the picture
START_HEIGHT: Final = 2.8
START_MATRIX_SIZE: Final = 32
NUMBER_SIZE: Final = 28  # axis numbers (LaTeX): at 22 their digits are under 14 px at 720p
REVEAL_HEIGHT: Final = 2.6
REVEAL_HIST_WIDTH: Final = 5.6
TABLE_GAP: Final = 0.45  # between the columns of a ColumnTable
REVEAL_NOTE_WIDTH: Final = 5.8
INSET_SIDE: Final = 1.8  # the magnified view of a tolerance wedge, beside its plane
INSET_ALONG: Final = 0.75  # where on the wedge (a share of its length) the window sits
INSET_FILL: Final = 0.35  # the magnified wedge's width, as a share of the inset
WELCH_LINE_WIDTH: Final = 5.4  # the number line of the worst pair against the Welch bound
WELCH_STEPS: Final = 6  # most steps between that line's numbers
WELCH_RISE: Final = 0.45  # height of its dashed marks and band
FIRST_PAIRS: Final = ((0, 1), (0, 2), (1, 2))  # pairs of the start matrix measured one by one
TICK_SHARE: Final = 0.25  # a measured pair's tick on a histogram's axis, as a share of its height

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

# The MLP block as a chain of stages (components.MLPPipeline).
PIPELINE_BOX: Final = 0.9
PIPELINE_GAP: Final = 0.55
PIPELINE_SKIP_RISE: Final = 0.7  # the skip connection's height above the boxes, in box heights
PIPELINE_ARROW_BUFF: Final = 0.04  # between a box and the arrow leaving or entering it
PIPELINE_TIP: Final = 0.2  # an arrowhead's length between stages (at most 0.6 of the arrow)

# The refresher's tokens and layer loop (components.flow).
TOKEN_CORNER: Final = 0.12
TOKEN_PAD: Final = 0.14
STAGE_WIDTH: Final = 1.5
STAGE_HEIGHT: Final = 0.6
LOOP_ANGLE: Final = 0.9  # radians the loop arrow bends through
LOOP_TIP: Final = 0.2
KNIFE_RISE: Final = 1.2  # how far above the text a cut starts
ARC_MAX_STROKE: Final = 8.0
ARC_MIN_STROKE: Final = 1.0
READOUT_SIZE: Final = 30  # digits of the prediction's readout (>= 20 px at 720p)
VIEW_TURN: Final = -40.0  # degrees the analogy's 3-D view turns in a beat (towards -100: the
# step and the arrow it is added to stay apart on screen; at +10 they line up)
ANALOGY_UNIT: Final = 2.3
ANALOGY_X: Final = -3.4
ANALOGY_PANEL_X: Final = 0.9
ANALOGY_PANEL_WIDTH: Final = 5.6
COLUMN_SIZE: Final = 28  # digits of the sequence's columns
READOUT_DROP: Final = 0.6
METER_LABEL: Final = 4.2
METER_WIDTH: Final = 3.0
SHARE_BAR_HEIGHT: Final = 1.0
GROWN: Final = 0.02  # an arrow grown less than this is hidden (its tip would be a speck)

# High dimensions clip (scenes/clips/high_dimensions.py).
ANGLES_WIDTH: Final = 8.0
ANGLES_HEIGHT: Final = 3.6
SPREAD_OPACITY: Final = 0.22
CAPACITY_PLOT_WIDTH: Final = 6.4
CAPACITY_PLOT_HEIGHT: Final = 3.8
CAPACITY_PLOT_LEFT: Final = -5.6
CAPACITY_PANEL_WIDTH: Final = 5.4
CAPACITY_LEGEND_GAP: Final = 0.15  # between the rows of the capacity legend
CAPACITY_X_TICK: Final = 200
TOY_PLANE_SIZE: Final = 4.0
TOY_RANGE: Final = (-1.4, 1.4, 1.0)
SAMPLE_DOT: Final = 0.03
SAMPLE_DOTS: Final = 150
DROPPED_NORM: Final = 0.3  # a toy feature shorter than this is not represented
SPACE_LABEL_BUFFER: Final = 0.6  # a 3-D arrow's label, beyond its tip
SHARE_LABEL_WIDTH: Final = 3.0
READOUT_LABEL: Final = 3.4  # widest a candidate word of the readout may be
