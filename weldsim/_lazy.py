"""Package attributes loaded on first use (PEP 562), for a quick start-up.

A package ``__init__`` that re-exports its modules' names imports every module (and numba,
scipy or pybullet behind them) as soon as any of them is asked for: ``weldsim --help`` would
pay for the planner. :func:`lazy_exports` gives the package a module ``__getattr__`` that
imports a name's module the first time the name is read, and keeps it (the next read is an
ordinary attribute).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(package: str, namespace: dict, exports: Mapping[str, str]
                 ) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for package ``package`` (its ``globals()`` is
    ``namespace``) that load each name of ``exports`` (name -> module) on first use.

    >>> __getattr__, __dir__ = lazy_exports(__name__, globals(), {"plan": "weldsim.motion.planner"})
    """

    def __getattr__(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__
