"""Set-up for the components' tests.

manim's ``frames_comparison`` keeps control frames in ``control_data/<module>`` beside the test
module; here they live with the clips' ones, in ``tests/control_data/components/``. Only the
test modules of this folder are redirected.
"""

from __future__ import annotations

from pathlib import Path

from manim.utils.testing import frames_comparison

HERE = Path(__file__).resolve().parent
_manim_control_data_path = frames_comparison._control_data_path


def _control_data_path(
    test_file_path: str | None, module_name: str, test_name: str, setting_test: bool
) -> Path:
    if test_file_path is not None and Path(test_file_path).resolve().parent == HERE:
        # Seen from tests/, manim's rule gives tests/control_data/<module>.
        test_file_path = str(HERE.parent / Path(test_file_path).name)
    return _manim_control_data_path(test_file_path, module_name, test_name, setting_test)


# Looked up by name at call time inside frames_comparison's wrapper.
frames_comparison._control_data_path = _control_data_path
