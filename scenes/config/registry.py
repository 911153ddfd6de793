"""The one registry of clips, and the loader that turns a clip file into its config.

Each config class names its scene (``SCENE``); the registry is just the list of config
classes, keyed by that scene's name. No manim import: ``llmfacts check`` stays fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from scenes.config.common import ClipConfig, one_of
from scenes.config.mlp_walkthrough import MLPWalkthroughConfig
from scenes.config.parameter_count import ParameterCountConfig
from scenes.config.schema import ConfigError, describe, parse, read_yaml, shown_source
from scenes.config.superposition import SuperpositionConfig
from scenes.config.toy_directions import ToyDirectionsConfig
from scenes.config.transformer_refresher import TransformerRefresherConfig

# In the video's order.
CLIP_CONFIGS: dict[str, type[ClipConfig]] = {
    cls.scene_name(): cls
    for cls in (
        TransformerRefresherConfig,
        ToyDirectionsConfig,
        MLPWalkthroughConfig,
        ParameterCountConfig,
        SuperpositionConfig,
    )
}


def load_clip(path: str | Path) -> ClipConfig:
    """Read, validate and parse one clip file; raise ConfigError naming what is wrong."""
    source = shown_source(str(path))  # a hostile command line's name is cut
    raw = read_yaml(Path(path), source)
    if not isinstance(raw, dict):
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(source, "(top level)", "a mapping with a 'scene' key", found)
    scene = raw.get("scene")
    if not isinstance(scene, str) or scene not in CLIP_CONFIGS:
        raise ConfigError(source, "scene", one_of(CLIP_CONFIGS, scene), describe(scene))
    config_class = CLIP_CONFIGS[scene]
    clip = parse(config_class, config_class.prepare_raw(raw, source), source)
    clip.check(source)
    return clip


def scene_class(clip: ClipConfig | type[ClipConfig]) -> Any:
    """The manim Scene class that renders ``clip`` (imports manim)."""
    module_name, _, class_name = clip.SCENE.partition(":")
    return getattr(importlib.import_module(module_name), class_name)
