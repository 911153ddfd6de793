"""Shared pytest set-up.

Graphical tests use manim's ``frames_comparison``. Two things manim only does in its own test
suite are done here: register ``--set_test`` / ``--show_diff``, and let the tests run on Debian
12's cairo 1.16 (manim's helper skips below 1.18; our control frames are made with this cairo,
so the comparison is like with like). Any skipped test is turned into a failure: a graphical
test that silently does not run must never look green.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Generator
from pathlib import Path

import pytest
from pluggy import Result

# Two test workers already keep both cores busy (pytest-xdist -n 2); a BLAS thread pool in
# each on top would put four busy threads on two cores, and OpenBLAS threads spin while they
# wait (an experiment test took 5x as long with two threads per worker). Set here, before
# numpy is first imported; the workers and the renders they start inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
# Test modules in subfolders import the shared helpers (tests/helpers.py) too.
sys.path.insert(0, str(Path(__file__).resolve().parent))
TEST_CONFIGS = Path(__file__).resolve().parent / "configs"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--set_test", action="store_true", help="write control frames instead of comparing"
    )
    parser.addoption(
        "--show_diff", action="store_true", help="show a frame's difference on failure"
    )


def pytest_configure(config: pytest.Config) -> None:
    from manim.utils.testing import frames_comparison

    # Under pytest-xdist each worker keeps its own cache (compiled LaTeX, experiments): two
    # processes filling one cache at once could read each other's half-written files.
    # Compiled LaTeX and text are the exception: they are written atomically
    # (scenes/visual/atomic_text.py), so the workers share them and compile each formula once;
    # manim parses a cached SVG through a temporary copy beside it, so parsing one file takes
    # a lock shared by the workers (scenes.app.render.lock_svg_parsing).
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        os.environ["XDG_CACHE_HOME"] = str(base / f"llmfacts-tests-{worker}")
        own = base / f"llmfacts-tests-{worker}" / "llmfacts"
        own.mkdir(parents=True, exist_ok=True)
        for shared in ("tex", "text", "locks"):
            target = base / "llmfacts-tests-shared" / shared
            target.mkdir(parents=True, exist_ok=True)
            link = own / shared
            if not link.is_symlink():
                if link.exists():  # a folder from before the caches were shared
                    shutil.rmtree(link)
                link.symlink_to(target, target_is_directory=True)
        from scenes.app.render import lock_svg_parsing

        lock_svg_parsing()

    # Read at call time by frames_comparison's wrapper; 0 means "never skip for cairo".
    frames_comparison.MIN_CAIRO_VERSION = 0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Result[pytest.TestReport]]:
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped tests count as failures here: {reason}"


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def test_configs() -> Path:
    return TEST_CONFIGS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow (render) tests first, so that pytest-xdist's workers start on them and finish
    together instead of one worker running the longest render alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("render") is None)
