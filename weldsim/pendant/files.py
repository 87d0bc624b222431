"""Job files on disk: atomic save, and autosave recovery files.

Saving writes a temporary file in the job's folder and renames it over the job with
:func:`os.replace`, so a crash never leaves half a job. Every change to the job is also
written to a recovery file in the user's data folder (``platformdirs.user_data_dir("weldsim")
/ "recovery"``), one per job (named by a hash of the job's path, or of ``new:<scenario>`` for a
job not saved yet); saving deletes it. After a crash the pendant finds it and offers it back.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from weldsim.atomic import write_atomic

__all__ = [
    "autosave",
    "default_recovery_dir",
    "discard_recovery",
    "find_recovery",
    "read_text",
    "save_text",
]


def default_recovery_dir() -> Path:
    """``<user data dir>/weldsim/recovery`` (created on first autosave)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("weldsim", appauthor=False)) / "recovery"


def read_text(path: Path) -> str:
    """A job file's text (UTF-8, BOM tolerated)."""
    return Path(path).read_bytes().decode("utf-8-sig")


def save_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temp file in the same folder, then replace)."""
    write_atomic(path, text.encode("utf-8"), make_parents=True)


def _recovery_path(folder: Path, key: str) -> Path:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return Path(folder) / f"{digest}.json"


def autosave(folder: Path, key: str, text: str) -> Path:
    """Write the recovery file of job ``key`` (its path, or ``new:<scenario>``)."""
    path = _recovery_path(folder, key)
    save_text(path, json.dumps({"schema_version": 1, "key": key, "text": text}))
    return path


def find_recovery(folder: Path, key: str) -> str | None:
    """The job text autosaved for ``key``, None when there is none."""
    path = _recovery_path(folder, key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("text") if data.get("key") == key else None


def discard_recovery(folder: Path, key: str) -> None:
    """Delete the recovery file of ``key`` (after a save, or when the user declines it)."""
    _recovery_path(folder, key).unlink(missing_ok=True)
