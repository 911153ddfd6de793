"""manim's text cache is written whole: parallel renders never read half a file; and a cached
file that is not whole (empty, cut short) is written again instead of breaking every later
render that needs the same text (a CI run once failed 17 tests on one empty text SVG)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from manim import MathTex, Text, config, tempconfig
from manim.mobject.svg import svg_mobject

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


@pytest.fixture
def own_caches(tmp_path: Path) -> Iterator[Path]:
    """Empty text and TeX folders for one test, and no SVG parsed in memory from before."""
    saved = config.text_dir, config.tex_dir
    config.text_dir = str(tmp_path / "text")
    config.tex_dir = str(tmp_path / "tex")
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    yield tmp_path
    config.text_dir, config.tex_dir = saved
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()


def test_svg_wholeness_is_its_closing_tag(tmp_path: Path) -> None:
    whole = tmp_path / "whole.svg"
    whole.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<g/>\n</svg>\n')
    cut = tmp_path / "cut.svg"
    cut.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<g/>\n')
    empty = tmp_path / "empty.svg"
    empty.write_bytes(b"")
    assert atomic_text.is_whole_svg(whole)
    assert not atomic_text.is_whole_svg(cut)
    assert not atomic_text.is_whole_svg(empty)
    assert not atomic_text.is_whole_svg(tmp_path / "missing.svg")


@pytest.mark.parametrize("damage", [b"", b'<svg xmlns="http://www.w3.org/2000/svg">\n<g>'])
def test_a_text_whose_cached_svg_is_not_whole_is_written_again(
    own_caches: Path, damage: bytes
) -> None:
    first = Text("Phelps")
    assert first.file_name is not None
    cached = Path(first.file_name)
    assert cached.parent == own_caches / "text" and atomic_text.is_whole_svg(cached)
    cached.write_bytes(damage)
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # parse the file again, not the copy in memory
    again = Text("Phelps")
    assert again.file_name is not None and Path(again.file_name) == cached
    assert atomic_text.is_whole_svg(cached)
    assert len(again) == len(first) == 6


def test_a_formula_whose_cached_svg_is_empty_is_compiled_again(own_caches: Path) -> None:
    first = MathTex(r"W_\uparrow")
    svgs = list((own_caches / "tex").glob("*.svg"))
    assert len(svgs) == 1
    svgs[0].write_bytes(b"")
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    again = MathTex(r"W_\uparrow")
    assert atomic_text.is_whole_svg(svgs[0])
    assert len(again.get_family()) == len(first.get_family())


def test_a_writer_that_leaves_an_incomplete_file_puts_nothing_in_place(tmp_path: Path) -> None:
    final = tmp_path / "text.svg"

    def pango_on_a_full_disk(name: str) -> str:
        Path(name).write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg">')  # no error raised
        return name

    write = atomic_text._atomic(pango_on_a_full_disk, 0)
    with pytest.raises(OSError) as caught:
        write(str(final))
    assert caught.value.errno == errno.EIO
    assert list(tmp_path.iterdir()) == []


STRAY_MOVE = '<path d="M 1 2 L 3 4 Z M 5 6 "/>'


def test_tidying_a_cached_text_svg_writes_nothing(tmp_path: Path) -> None:
    # manimpango's remove_last_M emptied the file and wrote it back each time a Text was
    # built: a process reading it then read an empty file (two CI runs failed on that).
    cached = tmp_path / "tidy.svg"
    cached.write_text('<svg>\n<path d="M 1 2 L 3 4 Z "/>\n</svg>\n')
    before = cached.stat()
    atomic_text.tidy_svg(str(cached))
    after = cached.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_tidying_a_new_text_svg_replaces_it_whole(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.svg"
    fresh.write_text(f"<svg>\n{STRAY_MOVE}\n</svg>\n")
    with open(fresh) as reader_before:  # a process that opened the file before the tidying
        atomic_text.tidy_svg(str(fresh))
        assert reader_before.read() == f"<svg>\n{STRAY_MOVE}\n</svg>\n"  # still whole
    assert fresh.read_text() == '<svg>\n<path d="M 1 2 L 3 4 Z "/>\n</svg>\n'
    assert [p.name for p in tmp_path.iterdir()] == ["fresh.svg"]


def test_tidying_removes_what_manimpango_removes(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.svg", tmp_path / "theirs.svg"
    for path in (ours, theirs):
        path.write_text(f"<svg>\n{STRAY_MOVE}\n{STRAY_MOVE}\n</svg>\n")
    atomic_text.tidy_svg(str(ours))
    assert atomic_text.manimpango_tidy is not None
    atomic_text.manimpango_tidy(str(theirs))
    assert ours.read_text() == theirs.read_text() != f"<svg>\n{STRAY_MOVE}\n</svg>\n"


def test_manim_text_tidies_through_the_atomic_writer() -> None:
    from manim.mobject.text import text_mobject

    assert vars(text_mobject)["PangoUtils"].remove_last_M is atomic_text.tidy_svg
