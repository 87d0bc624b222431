"""Run hot paths lean: Python's cyclic garbage collector paused, numba's kernels on one thread.

Garbage collector
-----------------

Playing a trajectory, casting its wire rays and drawing a report build hundreds of thousands
of short-lived tuples and lists (pybullet's results, matplotlib's artists). Each 700 new
container objects start a collection, and every tenth of those walks the whole heap (numba,
scipy and matplotlib leave about 130,000 tracked objects in a warm process): on the 60 s weld
job of ``bench/run.py`` a third of the ray cast's CPU time was the collector, finding nothing.

:func:`paused_gc` switches the collector off for a block and back on after it (only if it was
on, and only when the outermost of nested or concurrent blocks ends); garbage made inside is
collected by the next collection after it. Reference counting still frees everything that is
not in a cycle at once, so memory stays bounded. Results are unchanged: the collector only
frees unreachable objects.

>>> with paused_gc():
...     results = pb.rayTestBatch(starts, ends)

Kernel threads
--------------
The forward and inverse kinematics kernels are ``parallel=True``. numba's OpenMP threads spin
after each parallel loop, waiting for more work: on the 2-core machine every call cost about
8 ms of CPU whatever its size (0.04 ms for 50 poses on one thread, 1.8 ms for 5,000), and a
job calls them several times. A job is one thread's work (a batch runs one job per core), so
:func:`serial_kernels` runs the kernels on the calling thread only. Each row of those kernels
is computed alone, so the numbers are the same on any number of threads.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

__all__ = ["freeze_warm_heap", "lean", "paused_gc", "serial_kernels"]

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector off inside the block (nestable, thread-safe)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def freeze_warm_heap() -> None:
    """Collect once, then move every object alive now out of the collector's sight
    (:func:`gc.freeze`): the modules, kernels and caches a long-lived worker loaded are never
    garbage, and later collections no longer walk them. For a process's start-up only."""
    gc.collect()
    gc.freeze()


@contextmanager
def serial_kernels() -> Iterator[None]:
    """numba's parallel kernels on one thread inside the block (for the calling thread only:
    numba keeps the thread count per thread); the count is restored after it."""
    import numba

    before = numba.get_num_threads()
    if before == 1:
        yield
        return
    numba.set_num_threads(1)
    try:
        yield
    finally:
        numba.set_num_threads(before)


def lean(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate a hot function: it runs with :func:`serial_kernels` and :func:`paused_gc`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with serial_kernels(), paused_gc():
            return fn(*args, **kwargs)

    return wrapper
