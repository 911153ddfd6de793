"""The shipped clip configs and presets, importable as ``scenes.shipped_configs`` (see
pyproject.toml) so that an installed wheel carries them; nothing to import here."""
