"""numba's decorators for weldsim's kernels, and a lean load of those kernels from the cache.

Every ``_kernels.py`` module takes ``njit`` and ``prange`` from here, so importing any of them
installs :func:`install_lean_cache_load` first.

Why a lean load
---------------
numba loads a cached kernel in ``Cache.load_overload``, which first calls
``target_context.refresh()``: it imports and registers numba's whole implementation library
(numpy's array functions, ``np.linalg`` -- which imports all of ``scipy.linalg`` and, through
it, ``numpy.f2py`` --, typed containers, random generators, jitclass, ...). That is what a
*compilation* needs; loading finished machine code does not. On the 2-core machine the refresh
cost 0.61 s of a warm ``weldsim demo``'s 2.1 s (``python bench/startup.py``), and every batch
worker and pendant paid it again. numba's developers proposed the same restriction
(numba/numba#9806, "Only refresh target_context if objmode is used").

What a cached weldsim kernel needs to run is what :func:`_lean_load_overload` does: numba's
runtime (NRT) initialised -- its allocation symbols are what compiled array code calls --,
then numba's own ``_load_overload``, which rebuilds the code library, re-runs the kernel's
recorded ``reload_init`` hooks (the thread pool of ``parallel=True`` kernels) and makes the
entry point. numba's helper symbols (math, errors, ``_helperlib``) are registered when
``numba.core.base`` is imported, before any kernel exists. Nothing else changes:

- a kernel that is not in the cache (a new signature, a changed source) is compiled by numba's
  usual path, whose ``CompilerBase`` refreshes the context itself;
- kernels of other packages (a user's own ``@njit`` in the same process) keep numba's own load;
- :envvar:`WELDSIM_NUMBA_FULL_LOAD` set to ``1`` keeps numba's own load for weldsim too (for
  diagnosing a numba upgrade).

weldsim's kernels call no hashing, typed containers, ``np.linalg`` or ``np.random`` (whose
symbols only the refresh would register); ``tests/test_jit.py`` loads every recorded kernel
this way in a fresh process and checks the results against numba's own load, so a kernel that
starts to need more fails there, not on a teacher's laptop. The hook is installed only when
the numba internals it relies on are present (``Cache.load_overload``, ``_load_overload``,
``_guard_against_spurious_io_errors``, ``rtsys.initialize``); otherwise numba's load is kept.
"""

from __future__ import annotations

import os

from numba import njit, prange
from numba.core import caching
from numba.core.runtime import nrt

from weldsim._cache import announce_fallback

__all__ = ["install_lean_cache_load", "lean_cache_load_installed", "njit", "prange"]

_PACKAGE = "weldsim."
_numba_load_overload = caching.Cache.load_overload


def _is_weldsim_kernel(cache) -> bool:
    func = getattr(cache, "_py_func", None)
    return (getattr(func, "__module__", None) or "").startswith(_PACKAGE)


def _lean_load_overload(self, sig, target_context):
    """``Cache.load_overload`` without the context refresh, for weldsim's kernels only."""
    if not _is_weldsim_kernel(self):
        return _numba_load_overload(self, sig, target_context)
    nrt.rtsys.initialize(target_context)
    with self._guard_against_spurious_io_errors():
        return self._load_overload(sig, target_context)


def _supported() -> bool:
    return all((
        callable(getattr(caching.Cache, "load_overload", None)),
        callable(getattr(caching.Cache, "_load_overload", None)),
        callable(getattr(caching.Cache, "_guard_against_spurious_io_errors", None)),
        callable(getattr(getattr(nrt, "rtsys", None), "initialize", None)),
    ))


def lean_cache_load_installed() -> bool:
    """Whether weldsim's kernels are loaded the lean way in this process."""
    return caching.Cache.load_overload is _lean_load_overload


def install_lean_cache_load() -> bool:
    """Install the lean load (idempotent); returns whether it is in place."""
    if os.environ.get("WELDSIM_NUMBA_FULL_LOAD") == "1" or not _supported():
        return False
    caching.Cache.load_overload = _lean_load_overload
    return True


install_lean_cache_load()
# A program that imports weldsim itself hears here, as its first kernels load, that the compile
# cache could not go where NUMBA_CACHE_DIR said (the command line has said it already).
announce_fallback()
