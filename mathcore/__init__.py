"""Pure math for the llmfacts clips: numpy and scipy only, never manim.

Every number a scene shows is computed here from the clip's config.
"""

from mathcore.activations import ACTIVATIONS, activation, gelu, gelu_tanh, relu
from mathcore.directions import NamedDirections, named_directions, span_coordinates
from mathcore.display import (
    fixed,
    layer_grid,
    neuron_values,
    percent,
    ratio_label,
    rounded_label,
    sample_weights,
    shown_indices,
    signed_terms,
    thousands,
)
from mathcore.embeddings import ToyEmbeddings, toy_embeddings
from mathcore.geometry import (
    angle_deg,
    normalize_rows,
    pairwise_angle_histogram,
    rms_cosine_bound,
    welch_bound,
)
from mathcore.mlp import MLPTrace, MLPWeights, mlp_forward
from mathcore.params import (
    MatrixSize,
    ModelShape,
    ParameterCount,
    bias_count,
    count_parameters,
    layer_counts,
    mlp_matrices,
    shape_problems,
)
from mathcore.projection import camera_axes, project
from mathcore.readout import logits, softmax
from mathcore.toyfact import (
    FACT_NEURON,
    Probe,
    ToyFact,
    build_toy_fact,
    sequence_trace,
    token_features,
)
from mathcore.walkthrough import (
    DisplayedPass,
    Equation,
    ProbeRow,
    Walkthrough,
    displayed_pass,
    group_by_value,
    half_plane_in_box,
    rounded,
    scaled_columns,
    units,
    walkthrough_numbers,
    whole_levels,
)

__all__ = [
    "ACTIVATIONS",
    "FACT_NEURON",
    "DisplayedPass",
    "Equation",
    "MLPTrace",
    "MLPWeights",
    "MatrixSize",
    "ModelShape",
    "NamedDirections",
    "ParameterCount",
    "Probe",
    "ProbeRow",
    "ToyEmbeddings",
    "ToyFact",
    "Walkthrough",
    "activation",
    "angle_deg",
    "bias_count",
    "build_toy_fact",
    "camera_axes",
    "count_parameters",
    "displayed_pass",
    "fixed",
    "gelu",
    "gelu_tanh",
    "group_by_value",
    "half_plane_in_box",
    "layer_counts",
    "layer_grid",
    "logits",
    "mlp_forward",
    "mlp_matrices",
    "named_directions",
    "neuron_values",
    "normalize_rows",
    "pairwise_angle_histogram",
    "percent",
    "project",
    "ratio_label",
    "relu",
    "rms_cosine_bound",
    "rounded",
    "rounded_label",
    "sample_weights",
    "scaled_columns",
    "sequence_trace",
    "shape_problems",
    "shown_indices",
    "signed_terms",
    "softmax",
    "span_coordinates",
    "thousands",
    "token_features",
    "toy_embeddings",
    "units",
    "walkthrough_numbers",
    "welch_bound",
    "whole_levels",
]
