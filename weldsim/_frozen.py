"""A mixin for frozen dataclasses of arrays (trajectories, traces, metrics): after
construction every numpy array field is made read-only, so a result cannot be changed by
accident after it was produced."""

from __future__ import annotations

from dataclasses import fields

import numpy as np

__all__ = ["ReadOnlyArrays"]


class ReadOnlyArrays:
    """Base of a dataclass whose numpy array fields become read-only in ``__post_init__``."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                value.setflags(write=False)
