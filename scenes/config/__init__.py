"""Clip configs: one YAML file per clip, parsed once into frozen dataclasses.

``schema`` walks type hints and refuses bad input with one line; ``common`` holds what every
clip shares; one module per clip holds its config class (which names its scene and checks its
own cross-field rules); ``models`` reads model presets; ``registry`` is the one list of clips.
Importing this package never imports manim.
"""

from scenes.config.common import ClipConfig, FactConfig, fill
from scenes.config.high_dimensions import HighDimensionsConfig
from scenes.config.mlp_walkthrough import MLPWalkthroughConfig
from scenes.config.models import ModelShapeConfig, load_model, presets
from scenes.config.narration import NarrationConfig
from scenes.config.opening import OpeningConfig
from scenes.config.parameter_count import ParameterCountConfig
from scenes.config.registry import CLIP_CONFIGS, load_clip, scene_class
from scenes.config.schema import ConfigError
from scenes.config.superposition import SuperpositionConfig
from scenes.config.toy_directions import ToyDirectionsConfig
from scenes.config.transformer_refresher import TransformerRefresherConfig

__all__ = [
    "CLIP_CONFIGS",
    "ClipConfig",
    "ConfigError",
    "FactConfig",
    "HighDimensionsConfig",
    "MLPWalkthroughConfig",
    "ModelShapeConfig",
    "NarrationConfig",
    "OpeningConfig",
    "ParameterCountConfig",
    "SuperpositionConfig",
    "ToyDirectionsConfig",
    "TransformerRefresherConfig",
    "fill",
    "load_clip",
    "load_model",
    "presets",
    "scene_class",
]
