"""The report path loads no plotting library: ``weldsim run --report`` and a grade worker
write the HTML report (figures, picture) and the PNG in a fresh interpreter without
importing matplotlib (the figures are hand-written SVG, the PNG is Pillow's).

Each check runs in a fresh interpreter (this test process may have imported matplotlib for
something else) and reads ``sys.modules``; it bounds what is imported, not how long it takes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _modules_after(code: str) -> set[str]:
    """Every module (dotted name) loaded after running ``code`` in a fresh interpreter."""
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_weldsim_run_report_does_not_import_matplotlib(tmp_path):
    from weldsim.scenarios.loader import load_scenario

    job = load_scenario("t-fillet-2f").reference_job
    out = tmp_path / "out"
    loaded = _top(_modules_after(
        "import contextlib, io\nfrom weldsim.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['run', 't-fillet-2f', {str(job)!r}, '--report', {str(out)!r}, "
        "'--lang', 'id']) == 0"))
    stem = job.stem
    page = (out / f"{stem}.html").read_text(encoding="utf-8")
    assert page.count('<svg class="plot"') == 6 and "data:image/png;base64," in page
    assert (out / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "pybullet" in loaded  # it did play the job and render the picture
    assert "matplotlib" not in loaded


def test_a_grade_worker_does_not_import_matplotlib(tmp_path):
    from weldsim.scenarios.loader import load_scenario

    job = load_scenario("t-fillet-2f").reference_job
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    out.mkdir()  # the batch makes it before its workers start
    (folder / "ani.job").write_bytes(job.read_bytes())
    loaded = _top(_modules_after(
        "from weldsim.grading.worker import GradeOptions, grade_file\n"
        f"row = grade_file('t-fillet-2f', {str(folder / 'ani.job')!r}, {str(out)!r}, "
        f"GradeOptions(folder={str(folder)!r}, lang='id'))\n"
        "assert row['status'] == 'graded', row\n"
        "from weldsim.report.html import class_index_html\n"
        "assert '<svg class=\"plot\"' in class_index_html([row], lang='id')"))
    page = (out / "ani.html").read_text(encoding="utf-8")
    assert page.count('<svg class="plot"') == 6 and "data:image/png;base64," in page
    assert "matplotlib" not in loaded
