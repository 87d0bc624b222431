"""Safe output names: a trainee's file stem turned into a name that can only land in ``--out``.

A job's file name is chosen by a trainee. Before it names a report it is reduced to letters,
digits, ``-``, ``_`` and ``.``; it never starts with a dot, never ends with a dot or a space,
never is a reserved Windows device name (``CON``, ``NUL``, ``COM1``...) nor the name of a
page of the batch itself (``index``: the class page), and is at most :data:`MAX_STEM`
characters long. A stem that had to be changed gets a short hash of the
original, so two different trainees never share a report.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["BATCH_STEMS", "MAX_STEM", "display_path", "display_text", "safe_stem",
           "unique_stems"]

MAX_STEM = 80
"""Longest output stem [characters] (well inside Windows' 260-character paths)."""

_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
)


BATCH_STEMS = frozenset({"index"})
"""Stems of the batch's own pages in the output folder (``index.html``: the class page),
which no trainee's report may take (compared ignoring case)."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def display_text(text: str) -> str:
    """``text`` as it can be shown and stored: itself when it is text; otherwise with its
    undecodable bytes escaped (``\\xff``) and a hash of the original, ``bad\\xffname
    [1a2b3c4d]``, so that two such names are never shown (or graded) as one.

    On POSIX a file name may hold bytes that are not UTF-8; Python keeps them as lone
    surrogates, which cannot be written to a UTF-8 file or a database.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        escaped = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte (Windows names)
        escaped = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return f"{escaped} [{_digest(text)}]"


def display_path(path: str | Path) -> Path:
    """``path`` with its file name as :func:`display_text` shows it (the folder unchanged):
    the name a report gives a job whose file name is not text."""
    path = Path(path)
    return path.with_name(display_text(path.name)) if path.name else path


def safe_stem(stem: str) -> str:
    """A file stem that is safe as a report name in any folder, on any system.

    Parameters
    ----------
    stem : str
        The job file's name without ``.job``.

    Returns
    -------
    str
        ``stem`` itself when it is already safe; otherwise the cleaned stem followed by ``-``
        and the first 8 hex digits of the SHA-256 of the original.
    """
    cleaned = "".join(c if (c.isalnum() and c.isprintable()) or c in "-_." else "_"
                      for c in stem)
    cleaned = cleaned.lstrip(".").rstrip(". ")[:MAX_STEM].rstrip(". ") or "job"
    if cleaned.split(".")[0].upper() in _RESERVED or cleaned.casefold() in BATCH_STEMS:
        cleaned = "_" + cleaned
    if cleaned != stem:
        cleaned = f"{cleaned}-{_digest(stem)}"
    return cleaned


def unique_stems(stems: list[str]) -> list[str]:
    """:func:`safe_stem` of each stem, made unique ignoring case (``-2``, ``-3``... in order).

    Windows and macOS folders ignore case, so ``Ana`` and ``ana`` would share one report.
    """
    seen: set[str] = set()
    out = []
    for stem in stems:
        base = safe_stem(stem)
        name, k = base, 1
        while name.casefold() in seen:
            k += 1
            name = f"{base}-{k}"
        seen.add(name.casefold())
        out.append(name)
    return out
