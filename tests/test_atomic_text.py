"""The text and LaTeX caches that every render shares: a file is put in place only whole, and a
cached file that is not whole (empty, cut short) is written again instead of breaking every
later render that needs the same text (a CI run once failed 17 tests on one empty text SVG)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from manim import MathTex, Text, config
from manim.mobject.svg import svg_mobject

import scenes.visual.components.text  # noqa: F401 - installs the atomic writers
from scenes.visual import atomic_text


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
