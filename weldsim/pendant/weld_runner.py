"""The one place the pendant welds and scores a job: :class:`Welder`.

A weld calls :func:`weldsim.exercise.run_exercise` on the job text — the same score
``weldsim run SCENARIO JOB`` gives for the saved file. It runs in the pendant's background
thread (:mod:`weldsim.pendant.worker`), never in the window's.

One cell per pendant for its welds: the :class:`Welder` owns a :class:`~weldsim.sim.Cell`
of its own, built once and reused by every weld (``run_exercise`` resets it; the results are
those of a fresh cell). It is not the cell the window's thread uses for the collision checks
of the motion on screen: pybullet is not thread-safe, and the weld runs while that motion
plays, so sharing one would either stall the window or mix up the two. Every use of the
welder's cell holds the welder's lock, so it is safe from any thread.

Start-up: :meth:`Welder.prepare` builds the cell and welds the exercise's reference job on it
once, which loads the weld's modules and the kernels it calls from numba's cache; the pendant
runs it in its background thread while the window opens (:meth:`Worker.warm
<weldsim.pendant.worker.Worker.warm>`), so the first weld costs what any later one does.
"""

from __future__ import annotations

import threading
from pathlib import Path

__all__ = ["WELD_KERNEL_MODULES", "Welder", "run_alarm", "weld_and_score"]

WELD_KERNEL_MODULES: tuple[str, ...] = (
    "weldsim.kinematics._kernels",
    "weldsim.motion._kernels",
    "weldsim.sim._kernels",
    "weldsim.weld._kernels",
    "weldsim.scoring._kernels",
)
"""Kernel modules a weld calls (planning, the cell's checks, the bead, the score)."""

_CLOSE_TIMEOUT_S = 10.0
"""How long :meth:`Welder.close` waits for a weld still running before leaving the cell to
the process's end (the worker thread is a daemon)."""


class Welder:
    """The pendant's welds on one exercise, on one reused cell.

    Parameters
    ----------
    scenario : Scenario
    robot : Robot
        The scenario's robot, already loaded.
    """

    def __init__(self, scenario, robot):
        self.scenario = scenario
        self.robot = robot
        self._cell = None
        self._closed = False
        self._lock = threading.Lock()
        self.cells_built = 0  # for tests: one per pendant

    def _ensure_cell(self):
        """The welder's cell, built on first use (call with the lock held)."""
        if self._closed:
            from weldsim.errors import WeldsimError

            raise WeldsimError("the pendant is closed")
        if self._cell is None:
            from weldsim.sim import Cell

            self._cell = Cell(self.scenario, self.robot)
            self.cells_built += 1
        return self._cell

    def prepare(self) -> None:
        """Make the first weld as quick as any later one: build the cell and weld the
        exercise's reference job on it once (its result is dropped), which imports the weld's
        modules and loads the kernels it calls from numba's cache; an exercise without a
        reference job loads every recorded kernel of :data:`WELD_KERNEL_MODULES` instead.
        Never raises: what fails here is met again, and reported, by the weld itself."""
        try:
            with self._lock:
                if self._closed:
                    return
                cell = self._ensure_cell()
                job = getattr(self.scenario, "reference_job", None)
                if job is not None and Path(job).is_file():
                    from weldsim.exercise import run_exercise

                    run_exercise(self.scenario, job, robot=self.robot, cell=cell)
                    return
            from weldsim.prepare import load_recorded

            load_recorded(WELD_KERNEL_MODULES)
        except Exception:  # a warm-up: the weld itself reports the real problem
            return

    def weld(self, name: str, text: str, mode: str | None = None):
        """Plan, simulate, weld and score job ``text`` (file name ``name``) in coaching
        ``mode`` (``"practice"``/``"exam"``, recorded in the result).

        Returns
        -------
        ExerciseRun
            ``.card`` the score; ``.alarm`` (when the controller stopped the robot) read with
            :func:`run_alarm`.
        """
        from weldsim.exercise import run_exercise

        with self._lock:
            cell = self._ensure_cell()
            return run_exercise(self.scenario, name, data=text.encode("utf-8"),
                                robot=self.robot, cell=cell, mode=mode)

    def close(self) -> None:
        """Free the cell (after a weld still running, for at most a few seconds)."""
        if not self._lock.acquire(timeout=_CLOSE_TIMEOUT_S):
            self._closed = True
            return
        try:
            self._closed = True
            if self._cell is not None:
                self._cell.close()
                self._cell = None
        finally:
            self._lock.release()


def weld_and_score(scenario, name: str, text: str, robot, cell=None, mode=None):
    """Weld and score job ``text`` once, on ``cell`` (the caller's, used in the caller's
    thread) or on a cell built for it. The pendant uses its :class:`Welder` instead.

    Returns
    -------
    ExerciseRun
    """
    from weldsim.exercise import run_exercise

    return run_exercise(scenario, name, data=text.encode("utf-8"), robot=robot, cell=cell,
                        mode=mode)


def run_alarm(run):
    """The alarm a run stopped on (the robot stopped at a line), or None."""
    return getattr(run, "alarm", None)
