"""Import pybullet without its start-up banner.

pybullet's C code prints ``pybullet build time: ...`` on standard error when the module loads,
which reads like a warning to a teacher running ``weldsim demo``. The banner is written with C
stdio, so standard error's file descriptor is pointed at the null device while the module
loads, and C's buffers are flushed before it is restored. An import failure still raises
``ImportError`` as usual (Python exceptions do not go through the file descriptor).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

__all__ = ["pb"]


def _quiet_import():
    try:
        sys.stderr.flush()
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # no real stderr (e.g. captured): import
        import pybullet

        return pybullet
    libc = None
    if os.name == "posix":
        try:
            libc = ctypes.CDLL(None)
        except OSError:
            libc = None
    saved = os.dup(fd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
        import pybullet

        if libc is not None:
            libc.fflush(None)
    finally:
        os.dup2(saved, fd)
        os.close(saved)
        os.close(devnull)
    return pybullet


pb = _quiet_import()
