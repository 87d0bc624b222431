"""The one place the pendant welds and scores a job: :func:`weld_and_score`.

It calls :func:`weldsim.exercise.run_exercise` on the job text — the same score
``weldsim run SCENARIO JOB`` gives for the saved file. It runs in the pendant's background
thread (see :mod:`weldsim.pendant.worker`), never in the window's.

When ``run_exercise`` takes the ``cell=`` keyword (the pendant's own :class:`~weldsim.sim.Cell`
instead of building another), set :data:`PASS_CELL` to True: this module is the only caller.
Mind that the weld then runs in the background thread on the cell the window's thread uses
for the collision checks of the motion on screen (pybullet is not thread-safe): either the
window's checks pause while the weld runs, or the cell gets a lock.
"""

from __future__ import annotations

import inspect

__all__ = ["PASS_CELL", "run_alarm", "weld_and_score"]

PASS_CELL: bool | None = False
"""Pass the pendant's cell to ``run_exercise``: True, False, or None (when its signature
has ``cell``)."""


def _takes_cell(fn) -> bool:
    if PASS_CELL is not None:
        return PASS_CELL
    try:
        return "cell" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _takes(fn, name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def weld_and_score(scenario, name: str, text: str, robot, cell=None, mode=None):
    """Plan, simulate, weld and score job ``text`` (file name ``name``) on the exercise.

    Parameters
    ----------
    scenario : Scenario
    name : str
        The job file's name (shown in findings).
    text : str
        The job text.
    robot : Robot
        The scenario's robot, already loaded.
    cell : Cell, optional
        The pendant's cell, passed when ``run_exercise`` takes one.
    mode : str, optional
        The coaching mode (``"practice"``/``"exam"``), passed when ``run_exercise`` takes
        ``mode`` so the result records it.

    Returns
    -------
    ExerciseRun
        ``.card`` the score; ``.alarm`` (when the controller stopped the robot) read with
        :func:`run_alarm`.
    """
    from weldsim.exercise import run_exercise

    kwargs = {"data": text.encode("utf-8"), "robot": robot}
    if cell is not None and _takes_cell(run_exercise):
        kwargs["cell"] = cell
    if mode is not None and _takes(run_exercise, "mode"):
        kwargs["mode"] = mode
    return run_exercise(scenario, name, **kwargs)


def run_alarm(run):
    """The alarm a run stopped on (the robot stopped at a line), or None."""
    return getattr(run, "alarm", None)
