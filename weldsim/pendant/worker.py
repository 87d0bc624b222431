"""Work off the window's thread: planning, welding and scoring run in one background thread;
their results are handed back to the pendant in :meth:`Worker.poll`, which the pendant calls
from its own thread (in ``tick``), so the pendant's state is only ever changed there.

``Worker(background=False)`` runs each job at once in the caller's thread (headless tests
that step time themselves); :meth:`Worker.wait` lets a scripted run wait for a job so that
a script gives the same frames on every machine.

:meth:`Worker.warm` runs a warm-up (the pendant's: :meth:`Welder.prepare
<weldsim.pendant.weld_runner.Welder.prepare>`) in the background thread before any job, once
the window has drawn its first frame; it is no job: the pendant is not busy meanwhile and
nothing is handed back.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Job", "Worker"]


@dataclass
class Job:
    """A piece of work and what to do with its result.

    Attributes
    ----------
    label : str
        Message key of the progress line shown while it runs (``"info.planning"``...).
    fn : callable
        The work, run in the background thread; must not touch the pendant's state.
    done : callable
        ``done(result)`` run in the pendant's thread.
    failed : callable
        ``failed(exc)`` run in the pendant's thread when ``fn`` raised.
    """

    label: str
    fn: Callable[[], object]
    done: Callable[[object], None]
    failed: Callable[[BaseException], None]
    result: object = None
    error: BaseException | None = None
    cancelled: bool = False
    finished: threading.Event | None = None


@dataclass
class _Warm:
    """A warm-up queued ahead of the jobs (:meth:`Worker.warm`)."""

    fn: Callable[[], object]


class Worker:
    """One background thread running :class:`Job` s in order."""

    def __init__(self, background: bool = True):
        self.background = background
        self._todo: queue.Queue[Job | _Warm | None] = queue.Queue()
        self._done: queue.Queue[Job] = queue.Queue()
        self._pending: list[Job] = []
        self._thread: threading.Thread | None = None
        self._warm: list[_Warm] = []    # warm-ups waiting for the window's first frame
        self._polls = 0

    @property
    def busy(self) -> bool:
        """True while a job is queued, running, or waiting to be handed back."""
        return bool(self._pending)

    @property
    def label(self) -> str | None:
        """The progress line's key of the oldest job not handed back yet."""
        return self._pending[0].label if self._pending else None

    def submit(self, label: str, fn, done, failed) -> Job:
        """Run ``fn`` off the window's thread; ``done``/``failed`` follow in :meth:`poll`."""
        job = Job(label, fn, done, failed, finished=threading.Event())
        self._pending.append(job)
        if not self.background:
            self._run(job)
            self.poll()
            return job
        self._release_warm()
        self._start()
        self._todo.put(job)
        return job

    def _run(self, job: Job) -> None:
        try:
            job.result = job.fn()
        except Exception as exc:  # handed to the pendant's thread, which raises the alarm
            job.error = exc
            job.error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
        finally:
            job.finished.set()
            self._done.put(job)

    def warm(self, fn: Callable[[], object]) -> bool:
        """Run ``fn`` in the background thread once the window has drawn its first frame
        (at the second :meth:`poll`: the pendant polls at every frame's tick), so that it
        never delays that frame; ahead of any job (a job submitted earlier starts it at once,
        before itself). Its result and errors are dropped. Only with a background thread
        (False otherwise: without one, the first job pays for what ``fn`` would load)."""
        if not self.background:
            return False
        self._warm.append(_Warm(fn))
        if self._polls >= 2:
            self._release_warm()
        return True

    def _release_warm(self) -> None:
        """Queue the waiting warm-ups (ahead of the jobs queued after this)."""
        if self._warm:
            self._start()
            for item in self._warm:
                self._todo.put(item)
            self._warm = []

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="pendant-worker",
                                            daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            job = self._todo.get()
            if job is None:
                return
            if isinstance(job, _Warm):
                try:
                    job.fn()
                except Exception:  # a warm-up: the jobs themselves report real problems
                    pass
                continue
            if job.cancelled:
                job.finished.set()
                self._done.put(job)
                continue
            self._run(job)

    def poll(self) -> None:
        """Hand finished jobs back (in the caller's thread), oldest first."""
        self._polls += 1
        if self._polls == 2:
            self._release_warm()
        while True:
            try:
                job = self._done.get_nowait()
            except queue.Empty:
                return
            if job in self._pending:
                self._pending.remove(job)
            if job.cancelled:
                continue
            if job.error is not None:
                job.failed(job.error)
            else:
                job.done(job.result)

    def cancel_all(self) -> None:
        """Forget the results of every pending job (a stop): they are dropped when done."""
        self.cancel(list(self._pending))

    def cancel(self, jobs) -> None:
        """Forget the results of these jobs (dropped when done; a running one finishes)."""
        for job in jobs:
            job.cancelled = True
            if job in self._pending:
                self._pending.remove(job)

    def wait(self, timeout: float | None = None) -> None:
        """Block until every pending job has finished, then hand them back."""
        for job in list(self._pending):
            job.finished.wait(timeout)
        self.poll()

    def close(self) -> None:
        """Stop the thread after the running job (results not handed back)."""
        self._warm = []                 # a warm-up not started yet never starts
        self.cancel_all()
        if self._thread is not None and self._thread.is_alive():
            self._todo.put(None)
            self._thread.join(timeout=5.0)   # a daemon: a weld still running ends with us
