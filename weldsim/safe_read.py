"""Read a file only when it is a regular file of bounded size: the one reader of user files.

A job, a report or a key named by a user may be a folder, a FIFO (opening it waits for a
writer), a device (``/dev/zero`` never ends) or a file far too large. :func:`read_regular`
looks at what the path is before it opens it, so a FIFO or a device is never opened; opens a
regular file without waiting (``O_NONBLOCK``), checks again on the open file (it may have been
swapped meanwhile), and reads at most ``limit + 1`` bytes, so nothing is read without bound.
Each refusal is a :class:`Refused` that says which kind it is; the callers turn it into their
own located message (the pendant's, the job loader's, ``verify``'s) and exit code, with
:func:`refusal_reason` (why, in the reader's language) as its reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from weldsim.i18n import Message, Qty

__all__ = ["DEVICE", "FIFO", "FOLDER", "MISSING", "NOT_REGULAR", "TOO_LARGE", "UNREADABLE",
           "Refused", "os_reason", "read_regular", "refusal_reason"]

MISSING = "missing"
"""There is no file at the path."""
FOLDER = "folder"
FIFO = "fifo"
DEVICE = "device"
NOT_REGULAR = "not regular"
"""Another file that is not a regular one (a socket...)."""
TOO_LARGE = "too large"
UNREADABLE = "unreadable"
"""The system refused to tell or to read (no permission, an I/O error...)."""

_CHUNK = 1 << 20  # bytes read at a time


class Refused(Exception):
    """A file :func:`read_regular` does not read, and why.

    Attributes
    ----------
    path : pathlib.Path
    kind : str
        :data:`MISSING`, :data:`FOLDER`, :data:`FIFO`, :data:`DEVICE`, :data:`NOT_REGULAR`,
        :data:`TOO_LARGE` or :data:`UNREADABLE`.
    reason : str
        The system's words (``strerror``) for :data:`MISSING` and :data:`UNREADABLE`, else "".
    size : int or None
        For :data:`TOO_LARGE`: the size found [bytes] (the file's size, or more than the
        limit when it grew while being read).
    limit : int
        The limit it was read with [bytes].
    errno : int or None
        The system's error number for :data:`MISSING` and :data:`UNREADABLE` (so a caller
        can word the usual reasons in the user's language), else None.
    """

    def __init__(self, path: Path, kind: str, limit: int, reason: str = "",
                 size: int | None = None, errno: int | None = None) -> None:
        super().__init__(f"{path}: {kind}")
        self.path = path
        self.kind = kind
        self.limit = limit
        self.reason = reason
        self.size = size
        self.errno = errno


_OS_REASONS = {errno.ENOENT: "modes.os.no_file", errno.EACCES: "modes.os.no_permission",
               errno.EPERM: "modes.os.no_permission", errno.EISDIR: "modes.os.is_folder",
               errno.ENOTDIR: "modes.os.no_file", errno.ELOOP: "modes.os.link_loop",
               errno.ENAMETOOLONG: "modes.os.name_too_long"}


def os_reason(exc: OSError) -> Message | str:
    """Why the system refused a file, as a message for the usual reasons (missing, no
    permission, a folder); else the system's own text."""
    key = _OS_REASONS.get(exc.errno)
    return Message.of(key) if key else str(exc.strerror or exc)


def refusal_reason(exc: Refused) -> Message | str:
    """Why :func:`read_regular` refused a file, as a message in the reader's language: too
    large (with the limit), a folder, not a regular file (a pipe or a device), or the system's
    reason (:func:`os_reason`) for a missing or unreadable one."""
    if exc.kind == TOO_LARGE:
        return Message.of("modes.read.too_large", limit=Qty(exc.limit, "", 0))
    if exc.kind == FOLDER:
        return Message.of("modes.read.folder")
    if exc.kind in (MISSING, UNREADABLE):
        return os_reason(OSError(exc.errno, exc.reason))
    return Message.of("modes.read.not_regular")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return DEVICE
    return NOT_REGULAR


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (links followed), at most ``limit`` of them.

    Parameters
    ----------
    path : str or pathlib.Path
    limit : int
        Largest size read [bytes]; a larger file is refused before it is read, and one that
        grows past it while being read is refused too.

    Returns
    -------
    bytes

    Raises
    ------
    Refused
        No file, not a regular file (never opened then), too large, or unreadable.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise Refused(path, MISSING, limit, exc.strerror or str(exc),
                      errno=exc.errno) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise Refused(path, UNREADABLE, limit, getattr(exc, "strerror", None) or str(exc),
                      errno=getattr(exc, "errno", None)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(path, _kind(info.st_mode), limit)
    if info.st_size > limit:
        raise Refused(path, TOO_LARGE, limit, size=info.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: even a FIFO swapped in now never waits
    except FileNotFoundError as exc:
        raise Refused(path, MISSING, limit, exc.strerror or str(exc),
                      errno=exc.errno) from None
    except OSError as exc:
        raise Refused(path, UNREADABLE, limit, exc.strerror or str(exc),
                      errno=exc.errno) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # swapped since the look above
            raise Refused(path, _kind(mode), limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Refused(path, UNREADABLE, limit, exc.strerror or str(exc),
                      errno=exc.errno) from None
    finally:
        os.close(fd)
    if size > limit:  # it grew while being read
        raise Refused(path, TOO_LARGE, limit, size=size)
    return b"".join(chunks)
