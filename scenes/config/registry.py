"""The one registry of clips, and the loader that turns a clip file into its config.

Each config class names its scene (``SCENE``); the registry is just the list of config
classes, keyed by that scene's name. No manim import: ``llmfacts check`` stays fast.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from scenes.config.common import ClipConfig, one_of
from scenes.config.high_dimensions import HighDimensionsConfig
from scenes.config.mlp_walkthrough import MLPWalkthroughConfig
from scenes.config.opening import OpeningConfig
from scenes.config.parameter_count import ParameterCountConfig
from scenes.config.schema import ConfigError, describe, parse, read_yaml, shown_source
from scenes.config.shipped import shipped_dir
from scenes.config.superposition import SuperpositionConfig
from scenes.config.theme import with_theme
from scenes.config.toy_directions import ToyDirectionsConfig
from scenes.config.transformer_refresher import TransformerRefresherConfig

# In the video's order.
CLIP_CONFIGS: dict[str, type[ClipConfig]] = {
    cls.scene_name(): cls
    for cls in (
        OpeningConfig,
        TransformerRefresherConfig,
        ToyDirectionsConfig,
        MLPWalkthroughConfig,
        ParameterCountConfig,
        SuperpositionConfig,
        HighDimensionsConfig,
    )
}


def load_clip(path: str | Path, theme: str | None = None, aspect: str | None = None) -> ClipConfig:
    """Read, validate and parse one clip file; raise ConfigError naming what is wrong.
    ``theme`` (``--theme``) and ``aspect`` (``--aspect``) replace the file's own."""
    source = shown_source(str(path))  # a hostile command line's name is cut
    raw = read_yaml(Path(path), source)
    if not isinstance(raw, dict):
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(source, "(top level)", "a mapping with a 'scene' key", found)
    scene = raw.get("scene")
    if not isinstance(scene, str) or scene not in CLIP_CONFIGS:
        raise ConfigError(source, "scene", one_of(CLIP_CONFIGS, scene), describe(scene))
    config_class = CLIP_CONFIGS[scene]
    if aspect is not None:
        raw = {**raw, "aspect": aspect}
    raw = with_theme(raw, source, theme)  # the theme's colours under the file's own
    clip = parse(config_class, config_class.prepare_raw(raw, source), source)
    clip.check(source)
    return clip


CONFIG_ENV = "LLMFACTS_CONFIG"  # the clip file a scene plays when manim's own CLI renders it


def default_clip(config_class: type[ClipConfig], scene: str) -> ClipConfig:
    """The config a scene plays when it is given none (``manim -ql scenes/clips/x.py X``):
    the file named by $LLMFACTS_CONFIG, else the shipped clip file for this scene, so plain
    manim renders what ``llmfacts render`` renders; a scene no file names (a test's) gets its
    config class's defaults."""
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        clip = load_clip(chosen)
        if clip.scene != scene:
            raise ConfigError(
                shown_source(chosen), "scene", f"'{scene}' (the scene being rendered)",
                describe(clip.scene),
            )  # fmt: skip
        return clip
    for path in sorted(shipped_dir().glob("*.yaml")):
        raw = read_yaml(path, shown_source(str(path)))
        if isinstance(raw, dict) and raw.get("scene") == scene:
            return load_clip(path)
    return config_class(scene=scene)


def scene_class(clip: ClipConfig | type[ClipConfig]) -> Any:
    """The manim Scene class that renders ``clip`` (imports manim)."""
    module_name, _, class_name = clip.SCENE.partition(":")
    return getattr(importlib.import_module(module_name), class_name)
