"""Set-up's local reveal.js (``make slides-assets``, scenes/app/assets.py): the npm tarball
fetched with Python alone, checked against the pinned integrity, unpacked all or nothing.

Every test serves the tarball from a local folder laid out as the npm registry
(``file://`` URLs), so none needs the network."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from scenes.app import assets, slides
from scenes.app.assets import AssetError, fetch_package, parse_integrity, tarball_url

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = {
    "package/package.json": b'{"name": "demo"}',
    "package/dist/reveal.js": b"/* reveal */",
    "package/dist/plugin/notes.js": b"/* notes */",
}


def make_tarball(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    """A gzipped tarball holding ``members`` (name: bytes) and symbolic ``links``."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return buffer.getvalue()


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def registry_with(root: Path, name: str, version: str, data: bytes) -> str:
    """A folder laid out as the npm registry, holding one tarball; its file:// URL."""
    path = root / name / "-" / f"{name}-{version}.tgz"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    return root.as_uri()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_tarball_url_is_the_registrys() -> None:
    assert tarball_url("reveal.js", "6.0.1") == (
        "https://registry.npmjs.org/reveal.js/-/reveal.js-6.0.1.tgz"
    )
    assert tarball_url("@scope/pkg", "1.2.3", "https://mirror/") == (
        "https://mirror/@scope/pkg/-/pkg-1.2.3.tgz"
    )


def test_integrity_is_parsed_and_checked_for_its_length() -> None:
    data = b"anything"
    algorithm, digest = parse_integrity(integrity_of(data))
    assert (algorithm, digest) == ("sha512", hashlib.sha512(data).digest())
    for bad in (
        "md5-abc",
        "sha512-",
        "sha512-!!!",
        "sha512-" + base64.b64encode(b"short").decode(),
    ):
        with pytest.raises(AssetError):
            parse_integrity(bad)


def test_fetches_checks_and_unpacks(tmp_path: Path) -> None:
    data = make_tarball(PACKAGE)
    registry = registry_with(tmp_path / "registry", "demo", "1.0.0", data)
    home = tmp_path / "share"
    folder = fetch_package(
        "demo", "1.0.0", integrity_of(data), home / "demo", registry=registry,
        expect=["dist/reveal.js", "dist/plugin/notes.js"],
    )  # fmt: skip
    assert folder == (home / "demo").absolute()
    assert (folder / "dist" / "reveal.js").read_bytes() == b"/* reveal */"
    assert leftovers(home) == ["demo"]  # no scratch, no tarball


def test_wrong_digest_leaves_nothing_and_keeps_the_old_copy(tmp_path: Path) -> None:
    data = make_tarball(PACKAGE)
    registry = registry_with(tmp_path / "registry", "demo", "1.0.0", data)
    home = tmp_path / "share"
    (home / "demo").mkdir(parents=True)
    (home / "demo" / "old.txt").write_text("earlier copy")
    with pytest.raises(AssetError) as caught:
        fetch_package("demo", "1.0.0", integrity_of(data + b"x"), home / "demo", registry=registry)
    message = str(caught.value)
    assert "\n" not in message and "(integrity)" in message and integrity_of(data) in message
    assert leftovers(home) == ["demo"]
    assert leftovers(home / "demo") == ["old.txt"]


def test_missing_tarball_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    registry = (tmp_path / "empty").as_uri()
    home = tmp_path / "share"
    with pytest.raises(AssetError) as caught:
        fetch_package("demo", "1.0.0", integrity_of(b""), home / "demo", registry=registry)
    assert "\n" not in str(caught.value) and "(download)" in str(caught.value)
    assert leftovers(home) == []


@pytest.mark.parametrize(
    ("members", "links"),
    [
        ({**PACKAGE, "../escaped.js": b"x"}, {}),
        ({**PACKAGE, "/tmp/absolute.js": b"x"}, {}),
        (PACKAGE, {"package/dist/link.js": "/etc/passwd"}),
    ],
    ids=["dot-dot", "absolute", "link-out"],
)
def test_hostile_archive_is_refused(
    tmp_path: Path, members: dict[str, bytes], links: dict[str, str]
) -> None:
    data = make_tarball(members, links)
    registry = registry_with(tmp_path / "registry", "demo", "1.0.0", data)
    home = tmp_path / "deep" / "share"
    with pytest.raises(AssetError):
        fetch_package("demo", "1.0.0", integrity_of(data), home / "demo", registry=registry)
    assert leftovers(home) == []
    assert not (tmp_path / "deep" / "escaped.js").exists()


def test_incomplete_package_is_refused(tmp_path: Path) -> None:
    data = make_tarball({"package/package.json": b"{}"})
    registry = registry_with(tmp_path / "registry", "demo", "1.0.0", data)
    home = tmp_path / "share"
    with pytest.raises(AssetError) as caught:
        fetch_package(
            "demo", "1.0.0", integrity_of(data), home / "demo", registry=registry,
            expect=["dist/reveal.js"],
        )  # fmt: skip
    assert "dist/reveal.js" in str(caught.value)
    assert leftovers(home) == []


def makefile_value(name: str) -> str:
    match = re.search(rf"^{name} := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert match is not None, name
    return match.group(1)


def test_makefile_pins_the_version_slides_use_with_an_integrity() -> None:
    assert makefile_value("REVEAL_VERSION") == slides.REVEAL_VERSION
    algorithm, _digest = parse_integrity(makefile_value("REVEAL_INTEGRITY"))
    assert algorithm == "sha512"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_target_runs_the_fetch_without_npm(tmp_path: Path) -> None:
    """The real recipe, end to end, against a local registry (npm's own variable) and a
    local tarball, with a PATH that has no npm: the package lands in REVEAL_DIR, checked."""
    data = make_tarball(PACKAGE)
    registry = registry_with(tmp_path / "registry", "reveal.js", slides.REVEAL_VERSION, data)
    target = tmp_path / "share" / "reveal.js"
    bin_dir = tmp_path / "bin"  # make and the venv's python, nothing else
    bin_dir.mkdir()
    (bin_dir / "make").symlink_to(shutil.which("make") or "make")
    env = {"PATH": str(bin_dir), "npm_config_registry": registry, "HOME": str(tmp_path)}
    done = subprocess.run(
        [str(bin_dir / "make"), "-o", ".venv/.installed", "slides-assets",
         f"REVEAL_DIR={target}", f"REVEAL_INTEGRITY={integrity_of(data)}"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (target / "dist" / "plugin" / "notes.js").read_bytes() == b"/* notes */"
    assert leftovers(target.parent) == ["reveal.js"]
    # Done once, the target is up to date: nothing is fetched again.
    again = subprocess.run(
        [str(bin_dir / "make"), "-o", ".venv/.installed", "slides-assets",
         f"REVEAL_DIR={target}", "REVEAL_INTEGRITY=sha512-unused"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 0 and "scenes.app.assets" not in again.stdout, again.stdout


def test_command_line_reports_a_bad_digest_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_tarball(PACKAGE)
    registry = registry_with(tmp_path / "registry", "demo", "1.0.0", data)
    monkeypatch.setenv("npm_config_registry", registry)
    folder = tmp_path / "share" / "demo"
    assert assets.main(["demo", "1.0.0", integrity_of(b"other"), str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("setup: demo@1.0.0: ")
    assert not folder.exists()
