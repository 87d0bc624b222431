"""Safe output names: a trainee's file stem turned into a name that can only land in ``--out``.

A job's file name is chosen by a trainee. Before it names a report it is reduced to letters,
digits, ``-``, ``_`` and ``.``; it never starts with a dot, never ends with a dot or a space,
never is a reserved Windows device name (``CON``, ``NUL``, ``COM1``...), and is at most
:data:`MAX_STEM` characters long. A stem that had to be changed gets a short hash of the
original, so two different trainees never share a report.
"""

from __future__ import annotations

import hashlib

__all__ = ["MAX_STEM", "display_text", "safe_stem", "unique_stems"]

MAX_STEM = 80
"""Longest output stem [characters] (well inside Windows' 260-character paths)."""

_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
)


def display_text(text: str) -> str:
    """``text`` with undecodable file-name bytes (lone surrogates) shown as U+FFFD.

    On POSIX a file name may hold bytes that are not UTF-8; Python keeps them as lone
    surrogates, which cannot be written to a UTF-8 file or a database.
    """
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return text.encode("utf-8", "replace").decode("utf-8")


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
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    if cleaned != stem:
        digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cleaned = f"{cleaned}-{digest}"
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
