"""manim's text cache is written whole: parallel renders never read half a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import Text, tempconfig

from scenes.visual import atomic_text
from scenes.visual.components import text as text_components  # noqa: F401  (installs)


def test_a_failed_write_leaves_no_file_and_a_finished_one_appears_whole(tmp_path: Path) -> None:
    target = tmp_path / "glyphs.svg"

    def broken(name: str) -> str:
        Path(name).write_text("<svg")  # half a file, then the process dies
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_text._atomic(broken, 0)(str(target))
    assert list(tmp_path.iterdir()) == []  # neither an empty nor a partial file

    def whole(name: str) -> str:
        assert not target.exists()  # nobody can see the file while it is written
        Path(name).write_text("<svg></svg>")
        return name

    assert atomic_text._atomic(whole, 0)(str(target)) == str(target)
    assert target.read_text() == "<svg></svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["glyphs.svg"]


def test_manim_text_goes_through_the_atomic_writer(tmp_path: Path) -> None:
    with tempconfig({"media_dir": str(tmp_path), "text_dir": str(tmp_path / "text")}):
        word = Text("atomic")
    files = list((tmp_path / "text").iterdir())
    assert [p.suffix for p in files] == [".svg"] and files[0].stat().st_size > 100
    assert len(word.submobjects) == len("atomic")
    assert atomic_text.manimpango.text2svg.__wrapped__ is not None  # type: ignore[attr-defined]
