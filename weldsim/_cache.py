"""Where numba keeps its compiled kernels.

numba's default cache lives next to the source, which is read-only when weldsim is installed
for all users (e.g. under ``Program Files`` on Windows); and when ``NUMBA_CACHE_DIR`` names a
folder numba cannot write, numba silently falls back to that package folder. So we always
point ``NUMBA_CACHE_DIR`` at a folder that can be written: the user's choice when it can be,
otherwise (with a warning) the user's cache folder (``%LOCALAPPDATA%\\weldsim\\Cache\\numba``
on Windows, ``~/.cache/weldsim/numba`` on Linux), otherwise a private folder in the temporary
folder. This must run before numba is imported, so ``weldsim/__init__.py`` calls it first.

The warning is said in the user's language, so it waits until the language is known: the
command line says it with ``--lang`` as soon as it has read its arguments
(:func:`announce_fallback`), and a program that imports weldsim itself hears it when its first
kernel module loads (:mod:`weldsim._jit`), in ``WELDSIM_LANG``, the saved choice, or
Indonesian. It is said once per process.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

__all__ = ["announce_fallback", "configure_numba_cache", "usable_folder"]

# (the folder asked for, the folder used) when NUMBA_CACHE_DIR could not be used and the
# warning has not been said yet; see announce_fallback
_pending: tuple[str, Path] | None = None


def usable_folder(folder: Path) -> bool:
    """Whether ``folder`` exists or can be made, and a file can be created in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".weldsim-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except (OSError, ValueError):
        return False
    return True


def _user_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("weldsim", appauthor=False)) / "numba"


def configure_numba_cache() -> Path:
    """Set ``NUMBA_CACHE_DIR`` to a folder that can be written, and return it.

    The user's ``NUMBA_CACHE_DIR`` is kept when it can be written; when it cannot, a warning
    names it (:func:`announce_fallback`) and the user's cache folder is used instead; never
    the package folder.

    Returns
    -------
    pathlib.Path
        The folder numba will use.
    """
    existing = os.environ.get("NUMBA_CACHE_DIR")
    if existing and usable_folder(Path(existing)):
        return Path(existing)
    folder = _user_folder()
    if not usable_folder(folder):
        fallback = Path(tempfile.gettempdir()) / f"weldsim-numba-{_user_tag()}"
        folder = fallback if usable_folder(fallback) else folder
    if existing:
        global _pending
        _pending = (existing, folder)
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    return folder


def announce_fallback(lang: str | None = None) -> None:
    """Say on stderr, once, that ``NUMBA_CACHE_DIR`` could not be used and where the compiled
    kernels are kept instead; nothing when it could be used or it has been said already.

    Parameters
    ----------
    lang : str, optional
        The language to say it in; by default :func:`weldsim.i18n.resolve_lang`'s.
    """
    global _pending
    if _pending is None:
        return
    asked, folder = _pending
    _pending = None
    from weldsim.i18n import resolve_lang, tr

    lang = resolve_lang(lang)
    print(f"weldsim: {tr('cli.warning', lang)}: "
          f"{tr('prepare.cache_fallback', lang, asked=asked, folder=str(folder))}",
          file=sys.stderr)


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")
