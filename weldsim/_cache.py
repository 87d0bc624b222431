"""Where numba keeps its compiled kernels.

numba's default cache lives next to the source, which is read-only when weldsim is installed
for all users (e.g. under ``Program Files`` on Windows). We point ``NUMBA_CACHE_DIR`` at the
user's cache folder (``%LOCALAPPDATA%\\weldsim\\Cache\\numba`` on Windows,
``~/.cache/weldsim/numba`` on Linux) unless the user has set it. This must run before numba is
imported, so ``weldsim/__init__.py`` calls it first.
"""

from __future__ import annotations

import os
from pathlib import Path


def configure_numba_cache() -> Path:
    """Set ``NUMBA_CACHE_DIR`` to a user-writable folder unless already set.

    Returns
    -------
    pathlib.Path
        The folder numba will use.
    """
    existing = os.environ.get("NUMBA_CACHE_DIR")
    if existing:
        return Path(existing)
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("weldsim", appauthor=False)) / "numba"
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    return folder
