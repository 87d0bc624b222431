"""Job files on disk: opening only what is a job, atomic saves, and autosave recovery.

Opening (:func:`read_job_file`) accepts only a regular file of at most
``JobLimits.max_bytes`` that is UTF-8 text; a folder, a FIFO, a device, a file too large or
one in another encoding is refused with a :class:`JobFileError` that says why (the read is
bounded, and a FIFO is never opened, so nothing can hang).

Saving writes a temporary file in the job's folder and renames it over the job with
:func:`os.replace`, so a crash never leaves half a job; the file gets the user's normal
permissions (``0o666`` less the umask).

Every change to the job is also written to a recovery file in the user's data folder
(``platformdirs.user_data_dir("weldsim") / "recovery"``), one per job file for the file's
whole life (named by a hash of the job's absolute path; a job not yet saved already has the
path it will be saved to), with the time it was written. Saving deletes it. After a crash the
pendant finds it (:func:`recovery_offer`) and offers the newer of the saved file and the
autosave, showing both times.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from weldsim import safe_read
from weldsim.atomic import remove_orphans_in, write_atomic
from weldsim.errors import WeldsimError
from weldsim.i18n import Message

__all__ = [
    "DiskState",
    "JobFileError",
    "RecoveryOffer",
    "autosave",
    "default_recovery_dir",
    "discard_recovery",
    "disk_state",
    "find_recovery",
    "read_job_file",
    "read_text",
    "recovery_key",
    "recovery_offer",
    "save_text",
]


class JobFileError(WeldsimError):
    """A job file the pendant will not open; :attr:`message` says why (a
    :class:`~weldsim.i18n.Message` of the ``file.*`` keys, rendered by the front end)."""

    def __init__(self, path: Path, message: Message):
        from weldsim.i18n import render

        self.path = Path(path)
        super().__init__(f"{path}: {render(message, 'en')}", message=message)


def default_recovery_dir() -> Path:
    """``<user data dir>/weldsim/recovery`` (created on first autosave)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("weldsim", appauthor=False)) / "recovery"


def _max_bytes() -> int:
    from weldsim.program import JobLimits

    return JobLimits().max_bytes


def read_job_file(path: Path, max_bytes: int | None = None) -> str | None:
    """The text of a job file, or None when there is no file there (it is created on save).

    Only a regular file of at most ``max_bytes`` (default ``JobLimits.max_bytes``) in UTF-8
    (a BOM is tolerated) is read; the file's type is checked before it is opened, so a FIFO
    or a device is never opened, and at most ``max_bytes + 1`` bytes are read. Temporary files
    that killed saves left in its folder are removed first (``atomic.remove_orphans_in``).

    Raises
    ------
    JobFileError
        A folder, a FIFO, a device or another non-regular file; a file too large; not UTF-8
        (with the line and byte of the first bad byte); a file that cannot be read.
    """
    path = Path(path)
    limit = _max_bytes() if max_bytes is None else int(max_bytes)
    remove_orphans_in(path.parent)  # temporary files of a save that was killed
    try:
        data = safe_read.read_regular(path, limit)
    except safe_read.Refused as exc:
        if exc.kind == safe_read.MISSING:
            return None
        if exc.kind == safe_read.TOO_LARGE:
            raise JobFileError(path, Message.of("file.too_large", path=str(path),
                                                size=exc.size, limit=limit)) from None
        if exc.kind == safe_read.UNREADABLE:
            raise JobFileError(path, Message.of("file.cannot_read", path=str(path),
                                                reason=safe_read.refusal_reason(exc))) from None
        raise JobFileError(path, Message.of(_REFUSAL_KEYS[exc.kind], path=str(path))) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise JobFileError(path, Message.of("file.not_utf8", path=str(path), line=line,
                                            byte=int(exc.start) + 1,
                                            value=f"0x{data[exc.start]:02X}")) from None


_REFUSAL_KEYS = {safe_read.FOLDER: "file.is_folder", safe_read.FIFO: "file.fifo",
                 safe_read.DEVICE: "file.device", safe_read.NOT_REGULAR: "file.not_regular"}
"""The message key that names a file that is not a regular one."""


def read_text(path: Path) -> str:
    """A job file's text (see :func:`read_job_file`); raises :class:`JobFileError` when
    there is none."""
    text = read_job_file(path)
    if text is None:
        raise JobFileError(path, Message.of("file.cannot_read", path=str(path),
                                            reason=Message.of("modes.os.no_file")))
    return text


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once at import: os.umask is process-wide and not thread-safe


def save_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temp file in the same folder, then replace),
    readable as the user's umask allows (``0o666 & ~umask``, as any editor's files)."""
    path = Path(path)
    write_atomic(path, text.encode("utf-8"), make_parents=True)
    try:  # write_atomic's mkstemp creates 0600; give the file the user's usual mode
        os.chmod(path, 0o666 & ~_UMASK)
    except OSError:
        pass


@dataclass(frozen=True, slots=True)
class DiskState:
    """What a job file on disk held when the pendant last read or wrote it.

    Attributes
    ----------
    sha256 : str or None
        Hash of its bytes; None when there was no file.
    mtime : float or None
        Its modification time [s since the epoch].
    """

    sha256: str | None
    mtime: float | None


def disk_state(path: Path | None) -> DiskState:
    """The :class:`DiskState` of ``path`` now (no file, or not a regular file: empty)."""
    if path is None:
        return DiskState(None, None)
    try:
        st = Path(path).stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > _max_bytes():
            return DiskState(None, None)
        data = Path(path).read_bytes()
    except OSError:
        return DiskState(None, None)
    return DiskState(hashlib.sha256(data).hexdigest(), st.st_mtime)


def recovery_key(job_path: Path) -> str:
    """The autosave key of a job file: its absolute path (the same before and after the
    first save, so the autosave keeps one name for the file's whole life)."""
    return str(Path(job_path).absolute())


def _recovery_path(folder: Path, key: str) -> Path:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return Path(folder) / f"{digest}.json"


def autosave(folder: Path, key: str, text: str, now: float | None = None) -> Path:
    """Write the recovery file of job ``key`` (see :func:`recovery_key`) with the time."""
    path = _recovery_path(folder, key)
    stamp = time.time() if now is None else float(now)
    save_text(path, json.dumps({"schema_version": 2, "key": key, "saved_at": stamp,
                                "text": text}))
    return path


def _read_recovery(folder: Path, key: str) -> dict | None:
    path = _recovery_path(folder, key)
    try:
        if not path.is_file() or path.stat().st_size > 4 * _max_bytes():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key \
            or not isinstance(data.get("text"), str):
        return None
    return data


def find_recovery(folder: Path, key: str) -> str | None:
    """The job text autosaved for ``key``, None when there is none."""
    data = _read_recovery(folder, key)
    return None if data is None else data["text"]


@dataclass(frozen=True, slots=True)
class RecoveryOffer:
    """Autosaved work found at start that differs from the job file.

    Attributes
    ----------
    text : str
        The autosaved job text.
    autosaved_at : float or None
        When it was autosaved [s since the epoch] (None for an autosave of an older version).
    file_text : str or None
        The job file's text (None: no file).
    file_mtime : float or None
        The job file's modification time [s since the epoch].
    newer : str
        ``"autosave"`` or ``"file"``: which of the two is newer (the one offered first).
    """

    text: str
    autosaved_at: float | None
    file_text: str | None
    file_mtime: float | None
    newer: str


def recovery_offer(folder: Path | None, job_path: Path, file_text: str | None
                   ) -> RecoveryOffer | None:
    """What to offer after a crash: None when there is no autosave of ``job_path`` or it
    holds the same text as the file; else both versions with their times. Called at start:
    temporary files killed autosaves left in ``folder`` are removed first."""
    if folder is None:
        return None
    remove_orphans_in(folder)  # temporary files of an autosave that was killed
    data = _read_recovery(folder, recovery_key(job_path))
    if data is None or data["text"] == file_text:
        return None
    at = data.get("saved_at")
    at = float(at) if isinstance(at, int | float) else None
    mtime = disk_state(job_path).mtime if file_text is not None else None
    newer = "file" if (mtime is not None and at is not None and mtime > at) else "autosave"
    return RecoveryOffer(data["text"], at, file_text, mtime, newer)


def discard_recovery(folder: Path, key: str) -> None:
    """Delete the recovery file of ``key`` (after a save, or when the user declines it)."""
    _recovery_path(folder, key).unlink(missing_ok=True)
