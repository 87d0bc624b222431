"""A tiny SVG writer for the report's figures: boxes, lines, polylines, text, nice ticks.

The figures are written by hand (a plotting library cost a report a tenth of a second per
page and is no longer imported on the report path). Everything here is deterministic: the
same calls give the same bytes. Coordinates are SVG user units (y down), written with at
most two decimals (:func:`fmt`); text and attribute values are XML-escaped (:func:`esc`);
tick labels use the report language's decimal mark (:func:`tick_labels`).

>>> g = Svg(370, 190, cls="plot", label="CTWD (mm)")
>>> g.rect(10, 10, 100, 50, "#b9e4bb")
>>> g.text(10, 8, "CTWD (mm)", size=12)
>>> g.close()  # '<svg class="plot" ...>...</svg>\\n'

Clipping needs no ids: :meth:`Svg.open_clip` opens a nested ``<svg>`` viewport, which hides
what falls outside it, so any number of figures can share a page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from html import escape

import numpy as np

from weldsim.report.i18n import num

__all__ = ["FONT_FAMILY", "Axes", "Svg", "esc", "fmt", "nice_ticks", "points",
           "tick_digits", "tick_labels"]

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
"""The report's font (the page's CSS font first)."""

_MINUS = "\u2212"  # a typographic minus in tick labels (as plotting libraries write them)
_LIMIT = 1e6  # coordinates are clamped to +-this: a wild value never writes a huge number


_TRAILING = re.compile(r"\.?0+(?=[ ,]|$)")  # "12.50" -> "12.5", "3.00" -> "3"
_MINUS_ZERO = re.compile(r"(?<![\d.])-0(?=[ ,]|$)")


def _tidy(numbers: str) -> str:
    """Numbers written ``%.2f`` (one, or several separated by spaces or commas) without
    trailing zeros and without ``-0``."""
    return _MINUS_ZERO.sub("0", _TRAILING.sub("", numbers))


def fmt(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros, never ``-0``.

    Two decimals are a hundredth of a user unit (the figures are a few hundred units wide):
    far finer than a screen or a printer shows, and the same bytes on every platform.
    """
    s = f"{min(max(float(value), -_LIMIT), _LIMIT):.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s  # as _tidy, four times faster for one number


def points(xs: np.ndarray, ys: np.ndarray) -> str:
    """A ``points`` attribute: ``x,y x,y ...``, each number as :func:`fmt` writes it."""
    xs = np.clip(np.asarray(xs, dtype=float), -_LIMIT, _LIMIT).tolist()
    ys = np.clip(np.asarray(ys, dtype=float), -_LIMIT, _LIMIT).tolist()
    if len(xs) != len(ys):
        raise ValueError(f"{len(xs)} x values but {len(ys)} y values")
    return _tidy(" ".join(map("{:.2f},{:.2f}".format, xs, ys)))


def esc(value) -> str:
    """``value`` as text that is safe inside an element or a quoted attribute."""
    return escape(str(value), quote=True)


def nice_ticks(lo: float, hi: float, max_bins: int) -> tuple[float, list[float]]:
    """Round tick values over ``[lo, hi]``: a 1-2-2.5-5 step and its multiples inside.

    The step is the smallest that divides the span into at most ``max_bins`` steps (as
    matplotlib's ``MaxNLocator(nbins=max_bins, steps=[1, 2, 2.5, 5, 10])``).

    Returns
    -------
    step : float
    ticks : list of float
        The multiples of ``step`` within ``[lo, hi]`` (exact multiples: ``k * step``).
    """
    lo, hi = float(lo), float(hi)
    span = hi - lo
    if not (math.isfinite(lo) and math.isfinite(hi)) or span <= 0.0:
        return 1.0, ([lo] if math.isfinite(lo) else [])
    raw = span / max(max_bins, 1)
    decade = math.floor(math.log10(raw))
    step = 10.0 ** (decade + 1)  # ten times the decade always fits
    for m in (1.0, 2.0, 2.5, 5.0):
        if m * 10.0 ** decade >= raw * (1.0 - 1e-9):
            step = m * 10.0 ** decade
            break
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return step, [k * step for k in range(first, last + 1)]


def tick_digits(step: float) -> int:
    """The decimals a tick step needs: 0 for 50, 1 for 2.5, 2 for 0.25."""
    for digits in range(7):
        scaled = step * 10.0 ** digits
        if abs(scaled - round(scaled)) <= 1e-6 * max(1.0, scaled):
            return digits
    return 6


def tick_labels(ticks: Iterable[float], step: float, lang: str) -> list[str]:
    """Tick labels of one axis: all with the decimals the step needs, the language's decimal
    mark (``2,5`` in Indonesian), a typographic minus."""
    digits = tick_digits(step)
    return [num(t, digits, lang).replace("-", _MINUS) for t in ticks]


class Svg:
    """An ``<svg>`` element built piece by piece; :meth:`close` returns its text.

    Parameters
    ----------
    width, height : float
        The viewBox (user units); the page scales the figure (no width/height attributes).
    cls : str
        The element's class (``plot`` for the report's figures).
    label : str
        Its accessible name (``aria-label``).
    font_size : float
        The default text size, user units.
    """

    def __init__(self, width: float, height: float, *, cls: str, label: str,
                 font_size: float = 10.0) -> None:
        self._parts = [f'<svg class="{esc(cls)}" xmlns="http://www.w3.org/2000/svg" '
                       f'role="img" aria-label="{esc(label)}" '
                       f'viewBox="0 0 {fmt(width)} {fmt(height)}" '
                       f'font-family="{FONT_FAMILY}" font-size="{fmt(font_size)}">']
        self._open = 0

    def raw(self, element: str) -> None:
        """Add SVG text written elsewhere (already escaped)."""
        self._parts.append(element)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, *,
             stroke: str | None = None, stroke_width: float = 1.0, opacity: float | None = None,
             title: str | None = None) -> None:
        """A rectangle (top-left corner ``x, y``); a negative size is drawn as zero."""
        extra = (f' stroke="{stroke}" stroke-width="{fmt(stroke_width)}"' if stroke else "")
        if opacity is not None:
            extra += f' fill-opacity="{fmt(opacity)}"'
        body = f"><title>{esc(title)}</title></rect>" if title else "/>"
        self._parts.append(f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(max(w, 0.0))}" '
                           f'height="{fmt(max(h, 0.0))}" fill="{fill}"{extra}{body}')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float, *,
             dash: Sequence[float] | None = None) -> None:
        """A straight line, dashed when ``dash`` (on, off lengths) is given."""
        d = f' stroke-dasharray="{" ".join(fmt(v) for v in dash)}"' if dash else ""
        self._parts.append(f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
                           f'stroke="{stroke}" stroke-width="{fmt(width)}"{d}/>')

    def polyline(self, xs: np.ndarray, ys: np.ndarray, stroke: str, width: float, *,
                 title: str | None = None) -> None:
        """An open line through the points (same length arrays, user units, finite)."""
        body = f"><title>{esc(title)}</title></polyline>" if title else "/>"
        self._parts.append(f'<polyline points="{points(xs, ys)}" fill="none" stroke="{stroke}" '
                           f'stroke-width="{fmt(width)}" stroke-linejoin="round" '
                           f'stroke-linecap="round"{body}')

    def text(self, x: float, y: float, s: str, *, size: float | None = None,
             anchor: str = "start", fill: str | None = None, bold: bool = False,
             rotate: float | None = None) -> None:
        """A text whose baseline starts (``anchor``: or is centred, or ends) at ``x, y``."""
        attrs = f' font-size="{fmt(size)}"' if size is not None else ""
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if fill:
            attrs += f' fill="{fill}"'
        if bold:
            attrs += ' font-weight="bold"'
        if rotate is not None:
            attrs += f' transform="rotate({fmt(rotate)} {fmt(x)} {fmt(y)})"'
        self._parts.append(f'<text x="{fmt(x)}" y="{fmt(y)}"{attrs}>{esc(s)}</text>')

    def open_clip(self, x: float, y: float, w: float, h: float) -> None:
        """Start a region that hides what is drawn outside the box (a nested viewport whose
        user units are the outer ones); end it with :meth:`close_clip`."""
        self._parts.append(f'<svg x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}" '
                           f'viewBox="{fmt(x)} {fmt(y)} {fmt(w)} {fmt(h)}" overflow="hidden">')
        self._open += 1

    def close_clip(self) -> None:
        self._parts.append("</svg>")
        self._open -= 1

    def close(self) -> str:
        """The element's text (one element a line, a final newline)."""
        if self._open:
            raise RuntimeError("a clip region was left open")
        return "\n".join([*self._parts, "</svg>"]) + "\n"


class Axes:
    """A data box on a figure: maps data (x right, y up) to user units, draws the frame and
    the ticks.

    Parameters
    ----------
    box : (left, top, right, bottom)
        The plot area in user units.
    xlim, ylim : (low, high)
        The data shown at the box's edges.
    """

    def __init__(self, box: tuple[float, float, float, float],
                 xlim: tuple[float, float], ylim: tuple[float, float]) -> None:
        self.left, self.top, self.right, self.bottom = box
        self.xlim = (float(xlim[0]), float(xlim[1]))
        self.ylim = (float(ylim[0]), float(ylim[1]))
        xspan = self.xlim[1] - self.xlim[0]
        yspan = self.ylim[1] - self.ylim[0]
        self._sx = (self.right - self.left) / (xspan if xspan > 0 else 1.0)
        self._sy = (self.bottom - self.top) / (yspan if yspan > 0 else 1.0)

    def x(self, value):
        """User-unit x of data ``value`` (a float or an array)."""
        return self.left + (value - self.xlim[0]) * self._sx

    def y(self, value):
        """User-unit y of data ``value`` (a float or an array; up in data is down in SVG)."""
        return self.bottom - (value - self.ylim[0]) * self._sy

    def hband(self, g: Svg, lo: float, hi: float, fill: str) -> None:
        """A full-width band between data ``lo`` and ``hi``."""
        top, bottom = self.y(max(lo, hi)), self.y(min(lo, hi))
        g.rect(self.left, top, self.right - self.left, bottom - top, fill)

    def hline(self, g: Svg, value: float, stroke: str, width: float, *,
              dash: Sequence[float] | None = None) -> None:
        """A full-width line at data ``value``."""
        y = self.y(value)
        g.line(self.left, y, self.right, y, stroke, width, dash=dash)

    def frame(self, g: Svg, *, sides: str = "lbtr", width: float = 0.85,
              stroke: str = "#000") -> None:
        """The box's edges (``sides``: any of left, bottom, top, right)."""
        if sides == "lbtr":
            g.rect(self.left, self.top, self.right - self.left, self.bottom - self.top, "none",
                   stroke=stroke, stroke_width=width)
            return
        ends = {"l": (self.left, self.top, self.left, self.bottom),
                "b": (self.left, self.bottom, self.right, self.bottom),
                "t": (self.left, self.top, self.right, self.top),
                "r": (self.right, self.top, self.right, self.bottom)}
        for side in sides:
            g.line(*ends[side], stroke, width)

    def xticks(self, g: Svg, ticks: Sequence[float], labels: Sequence[str], *,
               size: float, length: float = 3.5, width: float = 0.85) -> None:
        """Ticks under the bottom edge, labels centred below them."""
        for value, label in zip(ticks, labels, strict=True):
            x = self.x(value)
            g.line(x, self.bottom, x, self.bottom + length, "#000", width)
            g.text(x, self.bottom + length + 1.5 + 0.8 * size, label, size=size,
                   anchor="middle")

    def yticks(self, g: Svg, ticks: Sequence[float], labels: Sequence[str], *,
               size: float, length: float = 3.5, width: float = 0.85) -> None:
        """Ticks left of the left edge, labels right-aligned before them."""
        for value, label in zip(ticks, labels, strict=True):
            y = self.y(value)
            g.line(self.left - length, y, self.left, y, "#000", width)
            g.text(self.left - length - 2.0, y + 0.35 * size, label, size=size, anchor="end")
