"""Reusable visuals, grouped by family like manim's ``mobject`` package.

- :mod:`.text`: words, captions, and helpers that fit a mobject into its room;
- :mod:`.arrays`: matrices and vectors of computed numbers, products, dot products, 3-D views;
- :mod:`.networks`: blocks, neuron layers, activation graphs, weight diagrams;
- :mod:`.charts`: tallies, histograms, probability bars;
- :mod:`.tables`: tables of computed numbers, wide (columns) and narrow (stacked rows);
- :mod:`.spaces`: features against neurons, tolerance wedges, moving 3-D vectors, loss curves;
- :mod:`.names`: names of any length fitted legibly (shrunk, broken, hyphenated), name boxes;
- :mod:`.flow`: a prompt cut into tokens, the attention / norm / MLP loop, arrows in 3-D.

Each component takes its numbers from the caller (computed by mathcore), its colours and sizes
from :mod:`scenes.visual.style`, and hands back the parts a scene points at with ``get_*``.
"""

from scenes.visual.components.arrays import *  # noqa: F403
from scenes.visual.components.arrays import __all__ as _arrays
from scenes.visual.components.charts import *  # noqa: F403
from scenes.visual.components.charts import __all__ as _charts
from scenes.visual.components.flow import *  # noqa: F403
from scenes.visual.components.flow import __all__ as _flow
from scenes.visual.components.names import *  # noqa: F403
from scenes.visual.components.names import __all__ as _names
from scenes.visual.components.networks import *  # noqa: F403
from scenes.visual.components.networks import __all__ as _networks
from scenes.visual.components.spaces import *  # noqa: F403
from scenes.visual.components.spaces import __all__ as _spaces
from scenes.visual.components.tables import *  # noqa: F403
from scenes.visual.components.tables import __all__ as _tables
from scenes.visual.components.text import *  # noqa: F403
from scenes.visual.components.text import __all__ as _text

__all__ = [*_text, *_arrays, *_networks, *_charts, *_spaces, *_tables, *_names, *_flow]
