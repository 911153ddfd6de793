"""Text glyphs and TeX formulas cached atomically, so parallel renders never read a half-written
file.

manim renders each Text once to an SVG in its text folder (shared by every render: the previews
render beats in parallel processes) and reuses the file whenever it exists. manimpango writes
that file in place, so a second process can find it existing but still empty, and a render
killed mid-write leaves an empty file that every later render reads as a text with no glyphs.
Here Pango writes to a private name, and the file is renamed into place once complete (a
rename is atomic within a folder): a text file either does not exist yet or is whole.

TeX is compiled the same way: manim writes ``<hash>.tex``, ``.dvi`` and ``.svg`` in place in its
TeX folder and trusts any file it finds there, so two processes compiling one formula at once
(the test workers and the preview jobs share the folder) can read each other's half-written
DVI. Here each formula is compiled in a private folder inside the TeX folder and only the
finished SVG is renamed into place.

After reading a text's SVG, manim tidies it with manimpango's ``PangoUtils.remove_last_M``, which
opens the file for writing (emptying it) and writes it back, every time a Text is built, cached
or not. A process building the same text at that moment read an empty file; two at once could
write the empty read back, leaving an empty file for good (how a CI run once failed 17 tests,
and another failed when a healing process deleted the file being rewritten). Here the tidying
writes nothing when there is nothing to remove (a cached file was tidied when it was first
written), and otherwise writes a private copy renamed into place.

A file is renamed into place only if it is whole (it ends with ``</svg>``), and a cached file
that is not whole (an empty file left by an older version, or by a write that failed without
an error, such as a full disk under Pango) is deleted and written again when it is next
needed: one bad entry in a cache shared by every render must not break every later render.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import manimpango
from manim import config
from manim.mobject.text import tex_mobject, text_mobject
from manim.utils.tex import TexTemplate
from manim.utils.tex_file_writing import tex_hash
from manimpango.utils import PangoUtils

_installed = False
manimpango_tidy: Callable[[str], None] | None = None  # manimpango's own, once replaced
SVG_END = b"</svg>"
SVG_TAIL_BYTES = 64  # cairo ends with "</svg>\n", dvisvgm with "</svg>"


def is_whole_svg(path: Path) -> bool:
    """Whether the file at ``path`` ends with the closing ``</svg>`` tag, which cairo and
    dvisvgm write last: false for an empty file, a file cut short, or no file."""
    try:
        with open(path, "rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - SVG_TAIL_BYTES))
            return SVG_END in file.read()
    except FileNotFoundError:
        return False


def _put_in_place(written: Path, final: Path) -> None:
    """Rename the finished ``written`` to ``final``, refusing a file that is not whole."""
    if not is_whole_svg(written):
        raise OSError(errno.EIO, "an incomplete SVG was written (is the disk full?)", str(final))
    os.replace(written, final)


def _atomic(write: Callable[..., str], name_at: int) -> Callable[..., str]:
    """``write`` (a manimpango ``text2svg``), writing its file (positional argument
    ``name_at``) under a private name first and renaming it into place."""

    @functools.wraps(write)
    def written_whole(*args: Any, **kwargs: Any) -> str:
        final = Path(args[name_at])
        private = final.with_name(f".{final.name}.{os.getpid()}.partial")
        parts = list(args)
        parts[name_at] = str(private)
        try:
            write(*parts, **kwargs)
            _put_in_place(private, final)
        finally:
            private.unlink(missing_ok=True)
        return str(final)

    return written_whole


def _tex_svg_path(expression: str, environment: str | None, template: TexTemplate) -> Path:
    """Where manim keeps the SVG of ``expression``: ``<tex_dir>/<hash of the TeX code>.svg``,
    the name its own ``tex_to_svg_file`` gives it."""
    if environment is not None:
        code = template.get_texcode_for_expression_in_env(expression, environment)
    else:
        code = template.get_texcode_for_expression(expression)
    return config.get_dir("tex_dir") / f"{tex_hash(code)}.svg"


def _atomic_tex(compile_svg: Callable[..., Path]) -> Callable[..., Path]:
    """``compile_svg`` (manim's ``tex_to_svg_file``), run in a private folder inside the TeX
    folder; its finished SVG is renamed into place and the rest of the folder removed."""

    @functools.wraps(compile_svg)
    def compiled_whole(
        expression: str, environment: str | None = None, tex_template: TexTemplate | None = None
    ) -> Path:
        template = tex_template if tex_template is not None else config["tex_template"]
        final = _tex_svg_path(expression, environment, template)
        if is_whole_svg(final):
            return final
        final.unlink(missing_ok=True)  # not whole: written again below
        final.parent.mkdir(parents=True, exist_ok=True)
        private = Path(tempfile.mkdtemp(prefix=f".{final.stem}.", dir=final.parent))
        shared_dir = config.tex_dir
        try:
            config.tex_dir = str(private)
            written = compile_svg(expression, environment, template)
            _put_in_place(Path(written), final)
        finally:
            config.tex_dir = shared_dir
            shutil.rmtree(private, ignore_errors=True)
        return final

    return compiled_whole


LAST_MOVE = re.compile(r'Z M [^A-Za-z]*? "\/>')  # manimpango's own pattern


def tidy_svg(file_name: str) -> None:
    """manimpango's ``remove_last_M`` (a stray trailing ``M x y`` after each glyph's closing
    ``Z``, replaced by ``Z``), written atomically, and not written at all when the file has
    none: once tidied, a cached file is only ever read."""
    path = Path(file_name)
    content = path.read_text()
    tidied = LAST_MOVE.sub('Z "/>', content)
    if tidied == content:
        return
    private = path.with_name(f".{path.name}.{os.getpid()}.tidy")
    try:
        private.write_text(tidied)
        _put_in_place(private, path)
    finally:
        private.unlink(missing_ok=True)


def _healing(text2svg: Callable[..., str]) -> Callable[..., str]:
    """``text2svg`` (a Text's or MarkupText's ``_text2svg``, which reuses any file it finds
    under the text's hash), called again after deleting the file it returned if that file is
    not whole."""

    @functools.wraps(text2svg)
    def whole_file(*args: Any, **kwargs: Any) -> str:
        svg = text2svg(*args, **kwargs)
        if not is_whole_svg(Path(svg)):
            Path(svg).unlink(missing_ok=True)
            svg = text2svg(*args, **kwargs)
        return svg

    return whole_file


def install() -> None:
    """Route manim's Text and MarkupText through the atomic writers (once per process)."""
    global _installed
    if _installed:
        return
    # text2svg(settings, size, line_spacing, disable_liga, file_name, ...) and
    # MarkupUtils.text2svg(text, font, slant, weight, size, line_spacing, disable_liga,
    # file_name, ...): the file name is the 5th and the 8th argument.
    manimpango.text2svg = _atomic(manimpango.text2svg, 4)
    manimpango.MarkupUtils.text2svg = staticmethod(_atomic(manimpango.MarkupUtils.text2svg, 7))
    global manimpango_tidy
    # The class text_mobject calls (it imports it from manimpango.utils).
    manimpango_tidy = PangoUtils.remove_last_M  # kept for the tests' comparison
    PangoUtils.remove_last_M = staticmethod(tidy_svg)
    for cls in (text_mobject.Text, text_mobject.MarkupText):
        cls._text2svg = _healing(cls._text2svg)  # type: ignore[method-assign]
    # MathTex and Tex call the name tex_mobject imported.
    tex_mobject.tex_to_svg_file = _atomic_tex(tex_mobject.tex_to_svg_file)  # type: ignore[attr-defined]
    _installed = True
