"""Atomic file writes: a temporary file in the same folder, flushed to disk, then
``os.replace``. A reader never sees half a file and a failed write leaves the old one intact
(the brief's "saves are atomic"). Used for jobs, reports, CSVs, URDFs and keys' neighbours."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from weldsim.errors import WeldsimError

__all__ = ["write_atomic"]


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
        # mkstemp opens with O_EXCL and a random name: never follows a planted link
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WeldsimError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WeldsimError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
