"""Fetch an npm package's tarball without npm: what set-up uses for the slides' local reveal.js.

``make slides-assets`` runs ``python -m scenes.app.assets NAME VERSION INTEGRITY FOLDER``
with the venv's Python, so set-up needs nothing installed by hand (npm comes with the base
image, not with our set-up). The tarball comes straight from the npm registry
(``https://registry.npmjs.org/<name>/-/<name>-<version>.tgz``), its bytes are checked against
the Subresource-Integrity string pinned in the Makefile (``sha512-<base64 digest>``, what the
registry's metadata gives as ``dist.integrity``), and it is unpacked atomically: into a
scratch folder beside ``FOLDER``, then renamed into place. A failed download, a wrong digest,
a broken or hostile archive (absolute paths, ``..``, links out of the folder) or an
interruption leaves no ``FOLDER`` and no scratch behind; an existing ``FOLDER`` is replaced
only once the new copy is complete.

Standard library only (no manim, no third-party package), so it runs before anything else is
installed. ``npm_config_registry`` (npm's variable) points it at a mirror; the integrity
check makes the source irrelevant to what is installed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from collections.abc import Sequence
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"
# npm's own variables for another registry (a mirror), honoured the same way.
REGISTRY_ENV = ("npm_config_registry", "NPM_CONFIG_REGISTRY")
TIMEOUT = 60.0  # seconds without a byte before the download gives up
CHUNK = 1 << 16


class AssetError(Exception):
    """The asset could not be fetched or did not check out (one line for the user)."""


def tarball_url(name: str, version: str, registry: str = REGISTRY) -> str:
    """Where the npm registry keeps a package version's tarball (for a scoped package
    ``@scope/name`` the file is named after ``name`` alone)."""
    base = name.rpartition("/")[2]
    return f"{registry.rstrip('/')}/{name}/-/{base}-{version}.tgz"


def parse_integrity(integrity: str) -> tuple[str, bytes]:
    """A Subresource-Integrity string (``sha512-<base64>``) as its algorithm and digest."""
    algorithm, _, encoded = integrity.partition("-")
    if algorithm not in ("sha512", "sha384", "sha256") or not encoded:
        raise AssetError(
            "integrity: expected 'sha512-<base64 digest>' (npm's dist.integrity),"
            f" got {integrity!r}"
        )
    try:
        digest = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise AssetError(f"integrity: expected a base64 digest, got {encoded!r}") from None
    if len(digest) != hashlib.new(algorithm).digest_size:
        raise AssetError(
            f"integrity: expected a {algorithm} digest of {hashlib.new(algorithm).digest_size}"
            f" bytes, got {len(digest)}"
        )
    return algorithm, digest


def download(url: str, target: Path, integrity: str) -> None:
    """Download ``url`` into ``target`` and check its bytes against ``integrity``; on any
    failure ``target`` does not exist afterwards."""
    algorithm, expected = parse_integrity(integrity)
    digest = hashlib.new(algorithm)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response, target.open("wb") as out:
            while chunk := response.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except (OSError, ValueError) as error:  # URLError and HTTPError are OSErrors
        target.unlink(missing_ok=True)
        raise AssetError(f"{url}: (download): expected the tarball, got {error}") from None
    if digest.digest() != expected:
        target.unlink(missing_ok=True)
        found = f"{algorithm}-{base64.b64encode(digest.digest()).decode('ascii')}"
        raise AssetError(f"{url}: (integrity): expected {integrity}, got {found}")


def extract(tarball: Path, into: Path) -> Path:
    """Unpack an npm tarball into the folder ``into`` (which must exist) and return the
    package's folder (npm tarballs hold one top folder, ``package/``). Members that would
    land outside ``into`` or are links, devices and the like are refused (tarfile's ``data``
    filter)."""
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise AssetError(f"{tarball}: (archive): expected an npm tarball, got {error}") from None
    tops = list(into.iterdir())
    if len(tops) != 1 or not tops[0].is_dir():
        names = sorted(p.name for p in tops)
        raise AssetError(f"{tarball}: (archive): expected one top folder, got {names}")
    return tops[0]


def fetch_package(
    name: str,
    version: str,
    integrity: str,
    folder: Path,
    *,
    registry: str = REGISTRY,
    expect: Sequence[str] = (),
) -> Path:
    """Put npm package ``name@version`` into ``folder`` (its ``package/`` contents), checked
    against ``integrity`` and holding every relative path of ``expect``. All or nothing: an
    existing ``folder`` stays until the new copy is complete, and nothing else is left."""
    folder = folder.absolute()
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}.partial-", dir=folder.parent))
    old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
    try:
        tarball = scratch / "package.tgz"
        download(tarball_url(name, version, registry), tarball, integrity)
        unpacked = scratch / "unpacked"
        unpacked.mkdir()
        package = extract(tarball, unpacked)
        missing = [path for path in expect if not (package / path).exists()]
        if missing:
            raise AssetError(f"{name}@{version}: (contents): expected {missing}, got none")
        if folder.exists():
            os.replace(folder, old)  # a rename on one file system: never half a folder
        os.replace(package, folder)
    except BaseException:
        if old.exists() and not folder.exists():
            os.replace(old, folder)  # put the earlier copy back
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m scenes.app.assets NAME VERSION INTEGRITY FOLDER [EXPECTED_PATH ...]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 4:
        print(
            "usage: python -m scenes.app.assets NAME VERSION INTEGRITY FOLDER [EXPECTED_PATH ...]",
            file=sys.stderr,
        )
        return 2
    name, version, integrity, folder, *expect = args
    registry = next((os.environ[v] for v in REGISTRY_ENV if os.environ.get(v)), REGISTRY)
    try:
        where = fetch_package(
            name, version, integrity, Path(folder), registry=registry, expect=expect
        )
    except AssetError as error:
        print(f"setup: {name}@{version}: {error}", file=sys.stderr)
        return 1
    print(f"setup: {name}@{version} (checked {integrity.partition('-')[0]}) in {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
