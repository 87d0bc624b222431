"""Grade many jobs at once: a pool of worker processes, or a dask cluster.

Both run the same pure :func:`~weldsim.grading.worker.grade_file`, one task per job, and hand
each row to a callback as soon as it is ready (for the gradebook and the progress bar); the
rows come back in the order of the jobs. A job whose grading raised (a weldsim bug) gets an
``internal`` row with the traceback instead of stopping the batch.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import multiprocessing.connection
import os
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from weldsim.atomic import remove_orphans_in
from weldsim.errors import WeldsimError
from weldsim.grading.files import JobFile
from weldsim.grading.names import display_text
from weldsim.grading.worker import ROW_KEYS, GradeOptions, grade_file
from weldsim.i18n import Message

__all__ = ["EXIT_ORPHANED", "MAX_WORKERS", "default_workers", "grade_with_dask",
           "grade_with_pool", "internal_row", "watch_parent"]

MAX_WORKERS = 61
"""Most worker processes (the limit of ``ProcessPoolExecutor`` on Windows)."""

OnRow = Callable[[int, dict], None]


def default_workers() -> int:
    """All the cores this process may use."""
    count = os.process_cpu_count() if hasattr(os, "process_cpu_count") else None
    if count is None and hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    return max(1, min(count or os.cpu_count() or 1, MAX_WORKERS))


def internal_row(job: JobFile, scenario_id: str, version: int, exc: BaseException,
                 mode: str = "practice") -> dict:
    """The row of a job whose grading failed inside weldsim: the traceback is in ``errors``."""
    row = dict.fromkeys(ROW_KEYS)
    text = "".join(traceback.format_exception(exc)).rstrip()
    row.update(name=job.trainee, file=job.file, status="internal", passed=False, mode=mode,
               worst=["", "", ""], scenario=scenario_id, scenario_version=version,
               errors=display_text(f"internal error in weldsim (please report it):\n{text}"))
    return row


def watch_parent() -> threading.Thread | None:
    """In a worker process: end this process as soon as its parent process has ended.

    A parent killed with ``kill -9`` (or ended by Windows' task manager) cannot stop its
    workers; without this they would live on, idle, holding hundreds of MB each. A daemon
    thread waits on the parent's sentinel (a handle that becomes ready when the parent
    ends, on every system) and then leaves with ``os._exit``. None in a process that has no
    multiprocessing parent.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return None
    sentinel = parent.sentinel

    def wait_then_exit() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(EXIT_ORPHANED)

    thread = threading.Thread(target=wait_then_exit, name="weldsim-watch-parent",
                              daemon=True)
    thread.start()
    return thread


EXIT_ORPHANED = 70
"""Exit status of a worker whose parent ended (EX_SOFTWARE: nobody reads it)."""


def _warm_up() -> None:
    """Worker start-up: watch the parent, import the exercise runner once (numba's cache,
    pybullet), then hide what is loaded from the garbage collector (it lives as long as the
    worker; see :func:`weldsim._runtime.freeze_warm_heap`)."""
    watch_parent()
    import weldsim.exercise  # noqa: F401
    from weldsim._runtime import freeze_warm_heap

    freeze_warm_heap()


def grade_with_pool(scenario_ref: str, jobs: Sequence[JobFile], out_dir: Path,
                    options: GradeOptions, *, workers: int, scenario_id: str, version: int,
                    on_row: OnRow) -> list[dict]:
    """Grade ``jobs`` with ``workers`` processes started with *spawn* (as on Windows).

    Parameters
    ----------
    scenario_ref : str
        Exercise id or absolute scenario path.
    jobs : sequence of JobFile
    out_dir : pathlib.Path
    options : GradeOptions
    workers : int
        At most :data:`MAX_WORKERS`; fewer are started for fewer jobs.
    scenario_id, version : str, int
        For the rows of jobs that failed internally.
    on_row : callable
        ``on_row(index, row)`` as each job finishes (in the main process).

    Returns
    -------
    list of dict
        The rows in the order of ``jobs``.
    """
    remove_orphans_in(out_dir)  # temporary files of a grade that was killed mid-write
    rows: list[dict | None] = [None] * len(jobs)
    if not jobs:
        return []
    context = multiprocessing.get_context("spawn")
    n = max(1, min(workers, MAX_WORKERS, len(jobs)))
    with cf.ProcessPoolExecutor(max_workers=n, mp_context=context,
                                initializer=_warm_up) as pool:
        try:
            futures = {pool.submit(grade_file, scenario_ref, str(job.path), str(out_dir),
                                   options, out_stem=job.out_stem): i
                       for i, job in enumerate(jobs)}
            for future in cf.as_completed(futures):
                i = futures[future]
                exc = future.exception()
                if exc is None:
                    rows[i] = future.result()
                elif isinstance(exc, WeldsimError):  # a report could not be written
                    raise exc
                else:
                    rows[i] = internal_row(jobs[i], scenario_id, version, exc, options.mode)
                on_row(i, rows[i])
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return rows


def grade_with_dask(address: str, scenario_ref: str, jobs: Sequence[JobFile], out_dir: Path,
                    options: GradeOptions, *, scenario_id: str, version: int,
                    on_row: OnRow) -> list[dict]:
    """Grade ``jobs`` on the dask cluster at ``address``, one task per job.

    The workers must see the class folder and the output folder at the same paths (one
    machine, or a shared drive) and have weldsim installed. dask is imported only here.

    Raises
    ------
    WeldsimError
        dask is not installed, or the scheduler cannot be reached.
    """
    try:
        from dask.distributed import Client, as_completed
        from distributed.comm.addressing import get_address_host_port
    except ImportError:
        raise WeldsimError(message=Message.of("modes.grade.no_dask")) from None
    remove_orphans_in(out_dir)  # temporary files of a grade that was killed mid-write
    try:  # checked first: a Client that fails on a malformed address hangs while it closes
        get_address_host_port(address)
    except ValueError as exc:
        raise WeldsimError(message=Message.of("modes.grade.bad_dask_address", address=address,
                                              detail=str(exc))) from None
    rows: list[dict | None] = [None] * len(jobs)
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise WeldsimError(message=Message.of("modes.grade.dask_unreachable", address=address,
                                              detail=str(exc))) from None
    with client:
        futures = [client.submit(grade_file, scenario_ref, str(job.path), str(out_dir),
                                 options, out_stem=job.out_stem, pure=False)
                   for job in jobs]
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for future in as_completed(futures):
                i = index[future.key]
                if future.status == "finished":
                    rows[i] = future.result()
                else:
                    exc = future.exception()
                    if isinstance(exc, WeldsimError):
                        raise exc
                    rows[i] = internal_row(jobs[i], scenario_id, version, exc, options.mode)
                on_row(i, rows[i])
        except BaseException:
            client.cancel(futures)
            raise
    return rows
