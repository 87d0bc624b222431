"""Atomic file writes: a temporary file in the same folder, flushed to disk, then
``os.replace``. A reader never sees half a file and a failed write leaves the old one intact
(the brief's "saves are atomic"). Used for jobs, reports, CSVs, URDFs and keys' neighbours.

The temporary file is ``.NAME.<pid>.<random>.tmp``, created with ``O_CREAT | O_EXCL`` (never
follows a planted link, never opens an existing file) and mode ``0o666`` less the umask: the
written file gets the user's normal permissions, or keeps those of the file it replaces. A
process killed mid-write leaves its temporary file behind; the next write of the same file
removes it (:func:`remove_orphans`), and a program removes those of its folders when it starts
(:func:`remove_orphans_in`: the pendant for its job's folder and its recovery folder, ``grade``
for its output folder).
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from pathlib import Path

from weldsim.errors import WeldsimError

__all__ = ["ORPHAN_AGE_S", "remove_orphans", "remove_orphans_in", "temp_name", "write_atomic"]

#: A temporary file whose writer cannot be asked whether it is alive (Windows, or an old
#: name without a pid) is an orphan once it is this old (s).
ORPHAN_AGE_S = 600.0
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(
    os, "O_NOFOLLOW", 0)


def temp_name(name: str) -> str:
    """A fresh temporary name for the file ``name``: ``.NAME.<pid>.<random>.tmp``."""
    return f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


_TEMP_NAME_RE = re.compile(r"\.(.+)\.[0-9]+\.[0-9a-f]{8}\.tmp\Z", re.DOTALL)
"""A name :func:`temp_name` makes; group 1 is the name of the file being written."""


def _writer_gone(pid_text: str, age_s: float) -> bool:
    """Whether the process that wrote a temporary file has ended (so the file is an orphan)."""
    if not pid_text.isdigit() or os.name == "nt":  # no pid, or no safe liveness test
        return age_s > ORPHAN_AGE_S
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # ours: another thread may be writing it
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return age_s > ORPHAN_AGE_S
    return False


def remove_orphans(path: str | Path) -> list[Path]:
    """Remove the temporary files earlier writes of ``path`` left behind (a killed writer).

    A temporary file is removed when its writer's process has ended, or (when that cannot be
    known) when it is older than :data:`ORPHAN_AGE_S`. Only regular files named
    ``.NAME.*.tmp`` in ``path``'s folder are considered; links are never followed.

    Returns
    -------
    list of pathlib.Path
        The files removed. Problems (a folder that cannot be listed) are ignored.
    """
    path = Path(path)
    prefix = f".{path.name}."
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        middle = name[len(prefix):-len(".tmp")]
        pid_text = middle.split(".", 1)[0] if "." in middle else ""
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if _writer_gone(pid_text, now - info.st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def remove_orphans_in(folder: str | Path) -> list[Path]:
    """Remove the temporary files killed writers left in ``folder``, whatever file they wrote.

    Only names :func:`temp_name` makes (``.NAME.<pid>.<8 hex digits>.tmp``) are considered,
    each as :func:`remove_orphans` does (its writer has ended, or it is old), so a user's own
    files are never touched. Call it when a program starts work in a folder it writes to.

    Returns
    -------
    list of pathlib.Path
        The files removed. Problems (a missing folder, one that cannot be listed) are ignored.
    """
    folder = Path(folder)
    try:
        names = sorted({match.group(1) for entry in os.scandir(folder)
                        if (match := _TEMP_NAME_RE.match(entry.name)) is not None})
    except OSError:
        return []
    removed: list[Path] = []
    for name in names:
        removed += remove_orphans(folder / name)
    return removed


def write_atomic(path: str | Path, data: bytes, *, protect: str | Path | None = None,
                 make_parents: bool = False) -> None:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : str or pathlib.Path
    data : bytes
    protect : str or pathlib.Path, optional
        A file that must not be overwritten (e.g. the job being read).
    make_parents : bool
        Create the folder when missing.

    Raises
    ------
    WeldsimError
        The file cannot be written (no such folder, no permission, a folder of that name), or
        it is ``protect``.
    """
    path = Path(path)
    if protect is not None and path.exists() and os.path.samefile(path, protect):
        raise WeldsimError(f"{path}: refusing to overwrite the job itself; give another file")
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        remove_orphans(path)
        keep_mode = _mode_of(path)
        fd, tmp = _create_temp(path)
    except OSError as exc:
        raise WeldsimError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if keep_mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), keep_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WeldsimError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_of(path: Path) -> int | None:
    """The permission bits of the regular file ``path`` replaces, None when there is none."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``: mode 0o666 less the umask, never a link."""
    for _ in range(100):
        tmp = path.parent / temp_name(path.name)
        try:
            return os.open(tmp, _CREATE, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")
