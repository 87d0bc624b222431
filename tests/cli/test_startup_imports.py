"""Start-up hygiene: the command line, its parser and ``--help`` load no heavy dependency.

Each check runs in a fresh interpreter (this test process has imported everything already)
and reads ``sys.modules``; it bounds what is imported, not how long it takes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numba", "scipy", "pybullet", "matplotlib", "pygame", "babel", "rich", "cryptography",
         "llvmlite")


@pytest.fixture(autouse=True, scope="module")
def _compiled_catalogue():
    """The help texts come from the catalogue, which a process loads from its compiled cache
    (no Babel) once any process has read the .po files (the first command after installing
    or changing them parses them with Babel, once). Read them here, so that the fresh
    interpreters below find the cache whatever ran before."""
    from weldsim.i18n import LANGUAGES, catalog

    for lang in LANGUAGES:
        catalog(lang)


def _modules_after(code: str) -> set[str]:
    """Every module (dotted name) loaded after running ``code`` in a fresh interpreter."""
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _imported_after(code: str) -> set[str]:
    """The top-level packages loaded after running ``code`` in a fresh interpreter."""
    return {m.split(".")[0] for m in _modules_after(code)}


@pytest.mark.parametrize("code", [
    "import weldsim.cli",
    "from weldsim.cli import build_parser; build_parser()",
    "import contextlib, io\nfrom weldsim.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()): main(['--help'])",
    "import contextlib, io\nfrom weldsim.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()): main(['run', '--help'])",
    "import contextlib, io\nfrom weldsim.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['badge', 'issue', '--help', '--lang', 'id'])",
])
def test_the_parser_and_help_import_nothing_heavy(code):
    loaded = _imported_after(code)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_packages_lazy_names_are_their_all():
    import weldsim.kinematics as kinematics
    import weldsim.motion as motion
    import weldsim.report as report

    for package in (kinematics, motion, report):
        assert sorted(package.__all__) == sorted(package._EXPORTS)
        for name in package.__all__:
            assert getattr(package, name) is not None
            assert name in dir(package)
        with pytest.raises(AttributeError):
            package.no_such_name  # noqa: B018


def test_listing_robots_and_scenarios_does_not_load_numba():
    loaded = _imported_after("from weldsim.kinematics import bundled_robot_ids\n"
                             "from weldsim.scenarios.loader import bundled_scenario_ids\n"
                             "from weldsim.motion import DEFAULT_RATE_HZ\n"
                             "from weldsim.jobs import DEFAULT_HOME_DEG\n"
                             "assert bundled_robot_ids() and bundled_scenario_ids()")
    assert "numba" not in loaded


def test_a_demo_does_not_import_scipy_matplotlib_or_pygame():
    modules = _modules_after("import contextlib, io\nfrom weldsim.cli import main\n"
                             "with contextlib.redirect_stdout(io.StringIO()):\n"
                             "    assert main(['demo', '--lang', 'en']) == 0")
    loaded = {m.split(".")[0] for m in modules}
    assert "pybullet" in loaded and "numba" in loaded  # it did run the job
    assert not loaded & {"matplotlib", "pygame", "babel"}
    assert not {m for m in modules if m.startswith("scipy.spatial")}
