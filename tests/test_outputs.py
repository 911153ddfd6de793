"""Output formats: each format's real container (whatever a manim.cfg says), transparency,
faststart MP4s, per-beat files, file names per aspect ratio, and plain progress lines off a
terminal. Every render is one short beat at low quality."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from scenes.app.outputs import FormatError, OutputOptions, output_stem

LLMFACTS = Path(sys.executable).parent / "llmfacts"
ONE_BEAT = "scene: ToyDirections\nseed: 7\nbeats: [angles]\npacing: 0.25\n"
TWO_BEATS = "scene: ToyDirections\nseed: 7\nbeats: [angles, directions]\npacing: 0.25\n"


def llmfacts(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LLMFACTS), *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def clip_file(folder: Path, text: str = ONE_BEAT, name: str = "one") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text)
    return path


def container_of(path: Path) -> str:
    """What the bytes are, from their signature (never from the file's name)."""
    head = path.read_bytes()[:64]
    if head[4:8] == b"ftyp":
        return "mov" if head[8:12] == b"qt  " else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm" if b"webm" in head else "matroska"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return "unknown"


def top_level_atoms(path: Path) -> list[str]:
    """An MP4's top-level box types, in file order."""
    data, atoms, at = path.read_bytes(), [], 0
    while at + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        if size == 1:
            size = struct.unpack(">Q", data[at + 8 : at + 16])[0]
        atoms.append(kind.decode("latin-1"))
        at += size if size else len(data)
    return atoms


def first_frame_rgba(path: Path) -> np.ndarray:
    """The first frame with its alpha channel. VP9 keeps alpha in side data that only
    libvpx's decoder reads (ffmpeg's native vp9 decoder drops it)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.codec_context.name == "vp9":
            decoder = av.CodecContext.create("libvpx-vp9", "r")
            for packet in container.demux(stream):
                if packet.dts is None:
                    continue
                for frame in decoder.decode(packet):
                    return frame.to_ndarray(format="rgba")
            raise AssertionError(f"{path}: no frame")
        return next(container.decode(stream)).to_ndarray(format="rgba")


def edges_keep_their_colour(pixels: np.ndarray) -> float:
    """How bright the title's half-covered pixels are (the top tenth of the frame holds only
    the near-white title). With straight alpha an antialiased edge keeps the text's colour
    (about 240); the camera's premultiplied pixels written as they are would be about as dark
    as the edge is transparent (about 130 on average)."""
    top = pixels[: pixels.shape[0] // 10]
    alpha = top[..., 3]
    edges = top[(alpha > 40) & (alpha < 215)]
    assert len(edges) > 50
    return float(edges[:, :3].max(axis=1).mean())


def index_of(folder: Path, stem: str = "low") -> dict[str, object]:
    data = json.loads((folder / f"{stem}.sections.json").read_text())
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def default_render(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One render of ``ONE_BEAT`` in the default look (MP4, ``--aspect 16:9``, dark) with
    its per-beat files and stills, into ``<folder>/out/one``; returns the folder (which holds
    ``one.yaml``). Rendered once per test worker and shared by the tests that check this
    render's files (faststart) or put other looks beside it (a theme, the other ratios),
    instead of each rendering the same clip again. Those add files under other names, never
    change these."""
    folder = tmp_path_factory.mktemp("default_render")
    config = clip_file(folder)
    done = llmfacts("render", str(config), "--stills", "--sections", "--aspect", "16:9",
                    "--output", str(folder / "out"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder


# -- options, without rendering -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["mp4", "gif"])
def test_transparent_without_alpha_is_one_line_and_exit_2(tmp_path: Path, fmt: str) -> None:
    config = clip_file(tmp_path)
    done = llmfacts("render", str(config), "--format", fmt, "--transparent",
                    "--output", str(tmp_path / "out"))  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "llmfacts render: --transparent: expected a format with an alpha channel"
        f" (mov, webm or png), got --format {fmt}\n"
    )
    assert not (tmp_path / "out").exists()


def test_options_accept_alpha_formats_only_with_transparent() -> None:
    for fmt in ("mov", "webm", "png"):
        assert OutputOptions(fmt, transparent=True).transparent
    with pytest.raises(FormatError):
        OutputOptions("mp4", transparent=True)
    with pytest.raises(FormatError):
        OutputOptions("avi")  # type: ignore[arg-type]


def test_output_names_carry_a_non_default_ratio() -> None:
    assert output_stem("low", "16:9") == "low"
    assert output_stem("low", "9:16") == "low-9x16"
    assert output_stem("high", "1:1") == "high-1x1"
    assert len({output_stem("medium", a) for a in ("16:9", "9:16", "1:1")}) == 3


def test_output_names_carry_a_non_default_theme() -> None:
    from scenes.config.theme import themes

    assert output_stem("low", "16:9", "dark") == "low"
    assert output_stem("low", "16:9", "light") == "low-light"
    assert output_stem("low", "9:16", "light") == "low-9x16-light"
    assert output_stem("high", "1:1", "high-contrast") == "high-1x1-high-contrast"
    stems = {output_stem("low", a, t) for a in ("16:9", "9:16", "1:1") for t in themes()}
    assert len(stems) == 3 * len(themes())  # no two looks share a name


@pytest.mark.render
def test_a_theme_render_sits_beside_the_default_one(default_render: Path) -> None:
    """`--theme light` after a default render of the same quality and ratio: both videos,
    indexes, subtitles and stills stay, each with its own background."""
    config, out = default_render / "one.yaml", default_render / "out"
    done = llmfacts("render", str(config), "--stills", "--theme", "light", "--output", str(out))
    assert done.returncode == 0, done.stderr
    folder = out / "one"
    for stem, theme in (("low", "dark"), ("low-light", "light")):
        assert container_of(folder / f"{stem}.mp4") == "mp4"
        assert (folder / f"{stem}.srt").is_file()
        assert index_of(folder, stem)["theme"] == theme
        (still,) = (folder / f"{stem}.stills").iterdir()
        pixels = np.asarray(Image.open(still).convert("L"), dtype=float)
        background = np.median(pixels)
        assert background > 200 if theme == "light" else background < 40, (stem, background)


def test_vertical_high_quality_is_1080_by_1920() -> None:
    from scenes.visual.frame import pixel_size

    assert pixel_size("9:16", 1080) == (1080, 1920)
    assert pixel_size("16:9", 1080) == (1920, 1080)
    assert pixel_size("1:1", 1080) == (1080, 1080)


# -- renders ---------------------------------------------------------------------------------


@pytest.mark.render
def test_mp4_is_faststart_with_faststart_sections(default_render: Path) -> None:
    folder = default_render / "out" / "one"  # rendered with --sections
    index = index_of(folder)
    assert index["format"] == "mp4" and index["video"] == "low.mp4"
    sections = index["sections"]
    assert isinstance(sections, list) and [s["name"] for s in sections] == ["angles"]
    section = folder / sections[0]["file"]
    assert section.name == "00_angles.mp4"
    for video in (folder / "low.mp4", section):
        assert container_of(video) == "mp4"
        atoms = top_level_atoms(video)
        assert atoms.index("moov") < atoms.index("mdat"), (video, atoms)
    assert sections[0]["start"] == 0.0 and sections[0]["end"] == index["duration"]


@pytest.mark.render
@pytest.mark.parametrize("fmt", ["webm", "mov"])
def test_transparent_video_keeps_its_alpha(tmp_path: Path, fmt: str) -> None:
    config = clip_file(tmp_path)
    done = llmfacts("render", str(config), "--format", fmt, "--transparent", "--sections",
                    "--output", str(tmp_path / "out"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "one"
    section = folder / "low.sections" / f"00_angles.{fmt}"
    assert index_of(folder)["sections"] == [
        {"name": "angles", "start": 0.0, "end": index_of(folder)["duration"],
         "file": f"low.sections/{section.name}"}
    ]  # fmt: skip
    for video in (folder / f"low.{fmt}", section):
        assert container_of(video) == fmt
        pixels = first_frame_rgba(video)
        assert pixels.shape[:2] == (480, 854)
        alpha = pixels[..., 3]
        assert alpha[0, 0] == 0 and alpha[-1, -1] == 0  # the background is see-through
        assert alpha.max() == 255  # what is drawn is not
        assert (alpha == 0).mean() > 0.5
        assert edges_keep_their_colour(pixels) > 200
    if fmt == "mov":
        atoms = top_level_atoms(folder / "low.mov")
        assert atoms.index("moov") < atoms.index("mdat")


@pytest.mark.render
def test_gif_and_its_sections_are_gifs(tmp_path: Path) -> None:
    config = clip_file(tmp_path)
    done = llmfacts("render", str(config), "--format", "gif", "--sections",
                    "--output", str(tmp_path / "out"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "one"
    for gif in (folder / "low.gif", folder / "low.sections" / "00_angles.gif"):
        assert container_of(gif) == "gif"
        with Image.open(gif) as image:
            assert image.size == (854, 480)
            assert getattr(image, "n_frames", 1) > 10  # it moves
    assert index_of(folder)["video"] == "low.gif"


@pytest.mark.render
@pytest.mark.parametrize("transparent", [True, False])
def test_png_is_one_still_per_beat_named_by_beat(tmp_path: Path, transparent: bool) -> None:
    config = clip_file(tmp_path, TWO_BEATS)
    flags = ["--transparent"] if transparent else []
    done = llmfacts("render", str(config), "--format", "png", *flags,
                    "--output", str(tmp_path / "out"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "one"
    assert sorted(p.name for p in folder.iterdir()) == ["low.sections.json", "low.stills"]
    stills = sorted(p.name for p in (folder / "low.stills").iterdir())
    assert stills == ["00_angles.png", "01_directions.png"]
    index = index_of(folder)
    assert index["video"] is None
    assert [s["file"] for s in index["sections"]] == [f"low.stills/{n}" for n in stills]  # type: ignore[attr-defined]
    for name in stills:
        path = folder / "low.stills" / name
        assert container_of(path) == "png"
        with Image.open(path) as image:
            assert image.size == (854, 480)
            assert image.mode == ("RGBA" if transparent else "RGB")
            pixels = np.asarray(image)
        if transparent:
            assert pixels[0, 0, 3] == 0 and pixels[..., 3].max() == 255
            assert edges_keep_their_colour(pixels) > 200
        assert len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)) > 20  # drawn


@pytest.mark.render
def test_extension_matches_container_whatever_manim_cfg_says(tmp_path: Path) -> None:
    """A manim.cfg in the working folder asking for WebM changes neither the format of
    `low.mp4` nor where the files go."""
    work = tmp_path / "work"
    config = clip_file(work)
    (work / "manim.cfg").write_text(
        "[CLI]\nformat = webm\nmovie_file_extension = .webm\nsave_sections = False\n"
        "progress_bar = leave\nmedia_dir = ./elsewhere\n"
    )
    done = llmfacts("render", str(config), "--output", "out", cwd=work)
    assert done.returncode == 0, done.stderr
    assert container_of(work / "out" / "one" / "low.mp4") == "mp4"
    with av.open(str(work / "out" / "one" / "low.mp4")) as container:
        assert container.streams.video[0].codec_context.name == "h264"  # not VP9 in an MP4
    done = llmfacts("render", str(config), "--format", "webm", "--output", "out", cwd=work)
    assert done.returncode == 0, done.stderr
    webm = work / "out" / "one" / "low.webm"
    assert container_of(webm) == "webm"
    with av.open(str(webm)) as container:
        assert container.streams.video[0].codec_context.name == "vp9"
    assert sorted(p.name for p in work.iterdir()) == ["manim.cfg", "one.yaml", "out"]
    # Both renders sit side by side: another format does not remove the first one's video.
    assert container_of(work / "out" / "one" / "low.mp4") == "mp4"


@pytest.mark.render
def test_each_ratio_has_its_pixel_size_and_its_own_files(default_render: Path) -> None:
    config, out = default_render / "one.yaml", default_render / "out"
    sizes = {"16:9": (854, 480), "9:16": (480, 854), "1:1": (480, 480)}
    for aspect in sizes:
        if aspect == "16:9":
            continue  # default_render is this one (its files stay beside the others')
        done = llmfacts("render", str(config), "--aspect", aspect, "--output", str(out))
        assert done.returncode == 0, done.stderr
    folder = out / "one"
    for aspect, size in sizes.items():
        stem = output_stem("low", aspect)
        with av.open(str(folder / f"{stem}.mp4")) as container:
            stream = container.streams.video[0]
            assert (stream.width, stream.height) == size, aspect
        assert index_of(folder, stem)["aspect"] == aspect
        assert (folder / f"{stem}.srt").is_file()


def llmfacts_bytes(*args: str) -> tuple[int, bytes, bytes]:
    """Run the CLI with stdout and stderr captured as bytes (text mode would turn each
    carriage return into a newline)."""
    done = subprocess.run([str(LLMFACTS), *args], capture_output=True, check=False)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.render
def test_off_a_terminal_one_plain_line_per_beat(tmp_path: Path) -> None:
    config = clip_file(tmp_path, TWO_BEATS)
    code, out, err = llmfacts_bytes("render", str(config), "--output", str(tmp_path / "out"))
    assert code == 0, err.decode()
    assert b"\r" not in out and b"\r" not in err
    pattern = r"^    beat (\d)/(\d) (\w+): (\d+\.\d) s of video$"
    lines = re.findall(pattern, out.decode(), re.M)
    assert [(n, of, name) for n, of, name, _ in lines] == [
        ("1", "2", "angles"),
        ("2", "2", "directions"),
    ]
    index = index_of(tmp_path / "out" / "one")
    sections = index["sections"]
    assert isinstance(sections, list)
    for (*_, seconds), section in zip(lines, sections, strict=True):
        assert float(seconds) == pytest.approx(section["end"] - section["start"], abs=0.15)
        assert "file" not in section  # the per-beat files only with --sections
    assert not (tmp_path / "out" / "one" / "low.sections").exists()
    # Asked for, the bars are drawn (with their carriage returns) and the lines left out.
    code, out, err = llmfacts_bytes(
        "render", str(config), "--progress-bar", "display", "--output", str(tmp_path / "out")
    )
    assert code == 0, err.decode()
    assert b"\r" in err and b"    beat " not in out


CAPTIONED = """scene: ToyDirections
seed: 7
beats: [angles, directions]
pacing: 0.25
narration:
  mode: captions
  beats:
    angles: Every pair is nearly perpendicular. The dot products are close to zero.
    directions: Three arrows, one per feature.
"""


def last_frame(video: Path) -> np.ndarray:
    with av.open(str(video)) as container:
        *_, frame = container.decode(video=0)
        return frame.to_ndarray(format="rgb24")


@pytest.mark.render
def test_stills_are_the_last_frames_with_or_without_a_video(tmp_path: Path) -> None:
    """A beat's still is the video's last frame of that beat (burnt-in narration included),
    and the png format, which draws no other frame, gives the same picture."""
    config = clip_file(tmp_path, CAPTIONED)
    done = llmfacts("render", str(config), "--stills", "--sections",
                    "--output", str(tmp_path / "video"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = llmfacts("render", str(config), "--format", "png", "--output", str(tmp_path / "png"))
    assert done.returncode == 0, done.stderr
    video_dir, png_dir = tmp_path / "video" / "one", tmp_path / "png" / "one"
    for name in ("00_angles", "01_directions"):
        still = np.asarray(Image.open(video_dir / "low.stills" / f"{name}.png"), dtype=float)
        decoded = last_frame(video_dir / "low.sections" / f"{name}.mp4").astype(float)
        # H.264 in limited-range YUV shifts colours by a level or two and blurs edges; a
        # missing or different picture (the narration's ~1,000 bright pixels) differs by far
        # more than 64 levels in far more than 0.1 % of the frame.
        assert (np.abs(still - decoded).max(axis=2) > 64).mean() < 0.001, name
        band = slice(-still.shape[0] // 6, None)  # the narration line along the bottom
        assert (still[band].max(axis=2) > 128).sum() > 200, name
        png = np.asarray(Image.open(png_dir / "low.stills" / f"{name}.png"), dtype=float)
        assert np.array_equal(png, still), name  # skip mode reaches the very same picture


def test_straight_alpha_undoes_cairos_compositing() -> None:
    """Pixels composited as Cairo does (premultiplied, onto the background colour at alpha
    0) come back as the drawn colour; opaque and empty pixels are left as they were."""
    from scenes.app.outputs import straight_alpha

    rng = np.random.default_rng(3)
    drawn = rng.integers(0, 256, size=(40, 3)).astype(float)
    alpha = np.concatenate([[0.0, 1.0], rng.uniform(0.2, 1.0, size=38)])
    background = np.array([14.0, 17.0, 22.0])
    composite = alpha[:, None] * drawn + (1 - alpha[:, None]) * background
    pixels = np.concatenate([np.rint(composite), np.rint(255 * alpha)[:, None]], axis=1)
    out = straight_alpha(pixels.astype(np.uint8)[None], background.astype(np.uint8))[0]
    assert np.array_equal(out[:, 3], pixels[:, 3])
    assert np.array_equal(out[0, :3], background)  # nothing drawn: the background colour
    assert np.array_equal(out[1, :3], drawn[1])  # opaque: unchanged
    # Rounding to whole levels before dividing by alpha (>= 0.2) costs at most a few levels.
    assert np.abs(out[2:, :3] - drawn[2:]).max() <= 5
