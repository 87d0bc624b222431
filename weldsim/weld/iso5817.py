"""ISO 5817 quality levels B, C, D for the imperfections the model produces (t > 3 mm).

Limits from ISO 5817:2014 Table 1 as transcribed in welding.md section 4 (the 2014 text's
layout was checked against a public preview: 2017 surface pore, 2025 end crater pipe, 401 lack
of fusion, 5011/5012 undercut). Symbols: ``t`` plate thickness, ``a`` nominal throat (for butt
welds the nominal weld thickness ``s = t``), ``b`` face width, ``h`` size of the imperfection
(mm). Where the table says "short imperfections", a long one is not permitted.

A *short imperfection* (ISO 5817 clause 3): imperfections of one kind whose total length is
at most 25 mm in any 100 mm of weld, or at most 25 % of the weld length for a weld shorter than
100 mm.

Level codes in arrays: 3 = B, 2 = C, 1 = D, 0 = worse than D.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "LEVELS",
    "LEVEL_CODES",
    "LIMITS",
    "Limit",
    "level_codes",
    "level_name",
    "limit_mm",
    "short_flags",
]

LEVELS: tuple[str, ...] = ("B", "C", "D")
"""Quality levels from stringent to moderate."""
LEVEL_CODES: dict[str | None, int] = {"B": 3, "C": 2, "D": 1, None: 0}


@dataclass(frozen=True, slots=True)
class Limit:
    """``h <= base + factor * ref``, at most ``cap`` (mm).

    Attributes
    ----------
    base, factor : float
    ref : str or None
        ``"t"``, ``"a"`` or ``"b"``; None for a fixed limit.
    cap : float
    permitted : bool
        False: not permitted at this level (any size fails).
    short_only : bool
        Permitted only as a short imperfection.
    """

    base: float = 0.0
    factor: float = 0.0
    ref: str | None = None
    cap: float = math.inf
    permitted: bool = True
    short_only: bool = False


_NP = Limit(permitted=False)
_UNLIMITED = Limit(base=math.inf)

LIMITS: dict[str, dict[str, Limit]] = {
    # undercut, continuous (5011) and intermittent (5012): same limits
    "5011": {"D": Limit(0.0, 0.2, "t", 1.0), "C": Limit(0.0, 0.1, "t", 0.5),
             "B": Limit(0.0, 0.05, "t", 0.5)},
    "5012": {"D": Limit(0.0, 0.2, "t", 1.0), "C": Limit(0.0, 0.1, "t", 0.5),
             "B": Limit(0.0, 0.05, "t", 0.5)},
    # excess weld metal (butt)
    "502": {"D": Limit(1.0, 0.25, "b", 10.0), "C": Limit(1.0, 0.15, "b", 7.0),
            "B": Limit(1.0, 0.1, "b", 5.0)},
    # excess convexity (fillet)
    "503": {"D": Limit(1.0, 0.25, "b", 5.0), "C": Limit(1.0, 0.15, "b", 4.0),
            "B": Limit(1.0, 0.1, "b", 3.0)},
    # overlap (5061 toe / 5062 root): D h <= 0.2 b; not permitted at C and B
    "506": {"D": Limit(0.0, 0.2, "b"), "C": _NP, "B": _NP},
    # sagging: the limits of 511 (welding.md section 4, row 509/511). welding.md marks the row
    # "short"; weldsim grades a long sagging by the same h limits (a sag grows with the pool, a
    # length rule would make a cliff at 25 mm; could not check the 2014 text for 509)
    "509": {"D": Limit(0.0, 0.25, "t", 2.0), "C": Limit(0.0, 0.1, "t", 1.0),
            "B": Limit(0.0, 0.05, "t", 0.5)},
    "510": {"D": _NP, "C": _NP, "B": _NP},
    # sagging / incompletely filled groove (short imperfections)
    "511": {"D": Limit(0.0, 0.25, "t", 2.0, short_only=True),
            "C": Limit(0.0, 0.1, "t", 1.0, short_only=True),
            "B": Limit(0.0, 0.05, "t", 0.5, short_only=True)},
    # excessive asymmetry of a fillet weld (unequal legs)
    "512": {"D": Limit(2.0, 0.2, "a"), "C": Limit(2.0, 0.15, "a"), "B": Limit(1.5, 0.15, "a")},
    # insufficient throat (short imperfections only; never at B)
    "5213": {"D": Limit(0.3, 0.1, "a", 2.0, short_only=True),
             "C": Limit(0.3, 0.1, "a", 1.0, short_only=True), "B": _NP},
    # excessive throat
    "5214": {"D": _UNLIMITED, "C": Limit(1.0, 0.2, "a", 4.0), "B": Limit(1.0, 0.15, "a", 3.0)},
    # surface pore (largest single pore d)
    "2017": {"D": Limit(0.0, 0.3, "a", 3.0), "C": Limit(0.0, 0.2, "a", 2.0), "B": _NP},
    # end crater pipe
    "2025": {"D": Limit(0.0, 0.2, "t", 2.0), "C": Limit(0.0, 0.1, "t", 1.0), "B": _NP},
    # lack of fusion: D short imperfections only, h <= 0.4 a, max 4 (ISO 5817:2014)
    "401": {"D": Limit(0.0, 0.4, "a", 4.0, short_only=True), "C": _NP, "B": _NP},
    # incomplete root penetration (single-side butt): D short only, h <= 0.2 t, max 2
    "402": {"D": Limit(0.0, 0.2, "t", 2.0, short_only=True), "C": _NP, "B": _NP},
}


def limit_mm(number: str, level: str, t: float, a: float, b, short: bool = True):
    """The largest ``h`` (mm) permitted at a level; -inf when not permitted.

    ``b`` may be an array (face width per bin); the result then has its shape.
    """
    lim = LIMITS[number][level]
    if not lim.permitted or (lim.short_only and not short):
        return np.full_like(np.asarray(b, dtype=np.float64), -np.inf) if np.ndim(b) else -math.inf
    ref = {"t": t, "a": a, "b": b, None: 0.0}[lim.ref]
    value = np.minimum(lim.base + lim.factor * np.asarray(ref, dtype=np.float64), lim.cap)
    return value if np.ndim(value) else float(value)


def level_codes(number: str, h, t: float, a: float, b=0.0, short: bool = True) -> np.ndarray:
    """Level code (3 B, 2 C, 1 D, 0 worse) met by imperfections of size ``h`` (mm, array)."""
    h = np.asarray(h, dtype=np.float64)
    b = np.broadcast_to(np.asarray(b, dtype=np.float64), h.shape)
    codes = np.zeros(h.shape, dtype=np.int64)
    for code, level in ((1, "D"), (2, "C"), (3, "B")):
        ok = h <= limit_mm(number, level, t, a, b if b.ndim else float(b), short)
        codes = np.where(ok & (codes == code - 1), code, codes)
    return codes


def level_name(code: int) -> str | None:
    """``"B"``, ``"C"``, ``"D"`` or None (worse than D) for a level code."""
    return {3: "B", 2: "C", 1: "D"}.get(int(code))


def short_flags(start_mm, end_mm, weld_length_mm: float) -> np.ndarray:
    """Which stretches of one imperfection kind are *short* in the sense of ISO 5817.

    Parameters
    ----------
    start_mm, end_mm : array_like, shape (K,)
        The stretches (mm along the seam).
    weld_length_mm : float
        Length of the weld (mm).
    """
    s = np.asarray(start_mm, dtype=np.float64)
    e = np.asarray(end_mm, dtype=np.float64)
    if weld_length_mm < 100.0:
        total = float(np.sum(e - s))
        return np.full(s.shape, total <= 0.25 * weld_length_mm)
    # the covered length is largest in a window that starts at a stretch start or ends at a
    # stretch end; check those windows [w, w + 100] against every stretch they touch
    w = np.concatenate((s, e - 100.0))[:, None]
    covered = np.clip(np.minimum(e, w + 100.0) - np.maximum(s, w), 0.0, None).sum(axis=1)
    touches = (w <= e) & (w + 100.0 >= s)
    worst = np.where(touches, covered[:, None], 0.0).max(axis=0, initial=0.0)
    return worst <= 25.0
