"""Pure math for the llmfacts clips: numpy and scipy only, never manim.

Every number a scene shows is computed here from the clip's config.
"""

from mathcore.activations import ACTIVATIONS, activation, gelu, gelu_tanh, relu
from mathcore.directions import NamedDirections, named_directions, span_coordinates
from mathcore.embeddings import ToyEmbeddings, toy_embeddings
from mathcore.geometry import (
    angle_deg,
    normalize_rows,
    pairwise_angle_histogram,
    rms_cosine_bound,
    welch_bound,
)
from mathcore.mlp import MLPTrace, MLPWeights, mlp_forward
from mathcore.projection import camera_axes, project
from mathcore.readout import logits, softmax
from mathcore.toyfact import Probe, ToyFact, build_toy_fact

__all__ = [
    "ACTIVATIONS",
    "MLPTrace",
    "MLPWeights",
    "NamedDirections",
    "Probe",
    "ToyEmbeddings",
    "ToyFact",
    "activation",
    "angle_deg",
    "build_toy_fact",
    "camera_axes",
    "gelu",
    "gelu_tanh",
    "logits",
    "mlp_forward",
    "named_directions",
    "normalize_rows",
    "pairwise_angle_histogram",
    "project",
    "relu",
    "rms_cosine_bound",
    "softmax",
    "span_coordinates",
    "toy_embeddings",
    "welch_bound",
]
