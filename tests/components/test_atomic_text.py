"""manim's text cache is written whole: parallel renders never read half a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import MathTex, Text, tempconfig

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


def test_a_formula_compiles_in_a_private_folder_and_only_its_svg_lands(tmp_path: Path) -> None:
    tex_dir = tmp_path / "tex"
    seen_while_compiling: list[list[str]] = []
    real = atomic_text.tex_mobject.tex_to_svg_file.__wrapped__  # type: ignore[attr-defined]

    def watched(*args: object) -> Path:
        seen_while_compiling.append(sorted(p.name for p in tex_dir.iterdir()))
        written: Path = real(*args)
        return written

    with tempconfig({"media_dir": str(tmp_path), "tex_dir": str(tex_dir)}):
        compiled = atomic_text._atomic_tex(watched)("x^2 + 1", "align*")
        again = atomic_text._atomic_tex(watched)("x^2 + 1", "align*")  # found, not compiled again
    # While compiling, the shared folder held only the private folder (no .tex, .dvi, .svg).
    assert len(seen_while_compiling) == 1
    assert [name.startswith(".") for name in seen_while_compiling[0]] == [True]
    assert compiled == again and compiled.parent == tex_dir
    assert [p.name for p in tex_dir.iterdir()] == [compiled.name]
    assert compiled.suffix == ".svg" and compiled.stat().st_size > 100


def test_a_failed_formula_leaves_nothing_in_the_tex_folder(tmp_path: Path) -> None:
    tex_dir = tmp_path / "tex"
    with (
        tempconfig({"media_dir": str(tmp_path), "tex_dir": str(tex_dir)}),
        pytest.raises(ValueError),
    ):
        MathTex(r"\notacommand")  # undefined: latex fails
    assert list(tex_dir.iterdir()) == []


def test_manim_formulas_go_through_the_atomic_compiler() -> None:
    assert atomic_text.tex_mobject.tex_to_svg_file.__wrapped__ is not None  # type: ignore[attr-defined]
