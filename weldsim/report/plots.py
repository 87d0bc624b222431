"""The report's figures as inline SVG text (matplotlib, Agg, deterministic).

- :func:`seam_plots`: each technique parameter along the seam against its window;
- :func:`imperfection_map`: each seam as a bar, each imperfection's stretch coloured by level;
- :func:`score_histogram`: the class's scores;
- :func:`png_data_uri`: an RGB picture as a ``data:image/png;base64,`` URI.

Figures are :class:`matplotlib.figure.Figure` objects on an Agg canvas (no pyplot, no
global backend switch) and saved
under fixed rc settings (``svg.hashsalt``, no date, text as ``<text>``), so the same run gives
the same bytes. Every ``id`` in an SVG gets a prefix of its own, so several SVGs can live in
one page without their clip paths clashing.
"""

from __future__ import annotations

import base64
import io
import re
import threading
from contextlib import contextmanager

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from weldsim.report.i18n import num, text

__all__ = ["LEVEL_COLOURS", "PLOT_PARAMETERS", "figure", "imperfection_map", "png_data_uri",
           "score_histogram", "seam_plots", "style", "svg_text"]

#: Fill colour of a stretch by the ISO 5817 level it meets ("worse": worse than D).
LEVEL_COLOURS = {"B": "#7cc47f", "C": "#f2c94c", "D": "#f2994a", "worse": "#d64545",
                 "not_graded": "#9e9e9e"}
_FULL = "#b9e4bb"
_PART = "#fff3c4"
_ZERO = "#f8d0d0"
_EDGE = "#d9534f"
_SEAM_COLOURS = ("#123f8c", "#7b1fa2", "#00695c", "#6d4c00")
#: The plotted parameters: (key, metric attribute, window name); the travel speed's window is
#: a percentage of the WPS speed.
PLOT_PARAMETERS = (
    ("aim_lateral", "aim_lateral_mm", "aim_mm"),
    ("aim_vertical", "aim_vertical_mm", "aim_mm"),
    ("work_angle", "work_angle_deg", "work_angle_deg"),
    ("travel_angle", "travel_angle_deg", "travel_angle_deg"),
    ("ctwd", "ctwd_mm", "ctwd_mm"),
    ("travel_speed", "travel_speed_mm_s", "travel_speed_pct"),
)
_MAX_POINTS = 600  # per pass along a seam: enough for a 1.5 Hz weave at 7 mm/s
_RC = {"svg.hashsalt": "weldsim", "svg.fonttype": "none", "font.size": 8.0,
       "font.family": ["DejaVu Sans", "sans-serif"], "axes.linewidth": 0.6,
       "xtick.major.width": 0.6, "ytick.major.width": 0.6, "path.simplify": True}


@contextmanager
def style(**extra):
    """Matplotlib's default settings plus the report's, whatever the process set globally
    (a page looks the same from every caller); restored on exit.

    The same as ``with rc_context(): rcdefaults(); rcParams.update({**_RC, **extra})``, and
    as fast as a dict copy: the settings that makes are validated once per ``extra`` and
    kept (validating all 300 of them took a tenth of a report's plots).
    """
    params = matplotlib.rcParams
    saved = dict(dict.items(params))
    saved.pop("backend", None)  # as rc_context: the backend is never reverted
    try:
        _set_raw(_style_state(tuple(sorted(extra.items()))))
        yield
    finally:
        dict.update(params, saved)


_STYLE_STATES: dict[tuple, dict] = {}
_STYLE_LOCK = threading.Lock()


def _style_state(extra: tuple) -> dict:
    """The raw ``rcParams`` after ``rcdefaults(); rcParams.update({**_RC, **extra})``."""
    with _STYLE_LOCK:
        state = _STYLE_STATES.get(extra)
        if state is None:
            with matplotlib.rc_context():
                matplotlib.rcdefaults()
                matplotlib.rcParams.update({**_RC, **dict(extra)})
                state = dict(dict.items(matplotlib.rcParams))
            if len(_STYLE_STATES) > 64:
                _STYLE_STATES.clear()
            _STYLE_STATES[extra] = state
        return state


def _set_raw(state: dict) -> None:
    """Make ``rcParams`` exactly ``state`` (already validated values; lists copied, so
    nothing done inside a style changes the kept state)."""
    params = matplotlib.rcParams
    dict.clear(params)
    dict.update(params, {k: list(v) if type(v) is list else v for k, v in state.items()})


def figure(width_in: float, height_in: float) -> Figure:
    """A new figure of the given size (inches); build and save it inside :func:`style`."""
    fig = Figure(figsize=(width_in, height_in), dpi=100)
    FigureCanvasAgg(fig)  # the Agg canvas, without pyplot or the global backend
    return fig


def svg_text(fig: Figure, key: str) -> str:
    """The figure as an ``<svg>`` element for inlining: no XML header, ids prefixed by
    ``key``, deterministic.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    key : str
        Letters, digits and ``-`` only; unique within the page.
    """
    buf = io.StringIO()
    with style(**{"svg.hashsalt": f"weldsim-{key}"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    if ids:
        def sub(m: re.Match) -> str:
            name = m.group(2)
            return f"{m.group(1)}{key}-{name}" if name in ids else m.group(0)
        svg = re.sub(r'(\bid="|url\(#|href="#)([^")]+)', sub, svg)
    # width/height in pt make the figure as big as drawn; let the page scale it
    svg = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1', svg, count=1)
    svg = svg.replace("<svg ", f'<svg class="plot" role="img" aria-label="{key}" ', 1)
    return svg.strip() + "\n"


def _passes(metrics, attr: str, seam: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(s_mm, value) of each arc-on pass over ``seam``, thinned to at most ``_MAX_POINTS``."""
    on = np.flatnonzero(metrics.arc_on & (metrics.seam == seam))
    if not on.size:
        return []
    breaks = np.flatnonzero(np.diff(on) > 1) + 1
    out = []
    values = getattr(metrics, attr)
    for idx in np.split(on, breaks):
        step = max(1, -(-idx.size // _MAX_POINTS))
        idx = idx[::step]
        out.append((metrics.s_mm[idx], values[idx]))
    return out


def _limits(lo: float, hi: float, data: np.ndarray) -> tuple[float, float]:
    """y limits: the zero band with a margin, widened to the data within reason."""
    span = hi - lo
    a, b = lo - 0.35 * span, hi + 0.35 * span
    data = data[np.isfinite(data)]
    if data.size:
        a = max(min(a, float(np.min(data)) - 0.2 * span), lo - 3.0 * span)
        b = min(max(b, float(np.max(data)) + 0.2 * span), hi + 3.0 * span)
    return a, b


def _tick_formatter(lang: str):
    """Matplotlib's tick labels with the language's decimal mark (``0,5`` in Indonesian)."""
    from matplotlib.ticker import ScalarFormatter

    class _Formatter(ScalarFormatter):
        def __call__(self, x, pos=None):
            label = super().__call__(x, pos)
            return label.replace(".", ",") if lang == "id" else label

    return _Formatter(useOffset=False)


def _fast_labels(fig: Figure, ax, title: str | None, xlabel: str, lang: str) -> None:
    """Title and x label as figure texts, few ticks: an axes title or label costs matplotlib
    a layout pass per figure (half the time of a small plot)."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(_tick_formatter(lang))
    ax.yaxis.set_major_formatter(_tick_formatter(lang))
    ax.tick_params(labelsize=7, length=2.5, pad=1.5)
    x0, y0, w, h = ax.get_position().bounds
    if title:
        fig.text(x0, y0 + h + 0.03, title, fontsize=8.5, ha="left", va="bottom")
    fig.text(x0 + w, 0.01, xlabel, fontsize=7, ha="right", va="bottom", color="#444444")


def _no_label_to_place(renderer) -> None:
    """Stands in for ``Axis._update_label_position`` on an axis whose label is empty: an empty
    label is never drawn, so where it would go needs no measuring of every tick label."""


class _BandFigure:
    """A parameter plot kept between reports: building a figure and its ticks costs matplotlib
    more than drawing it, so each (parameter, language, seams) figure is built once per thread
    and only its data, bands and limits change. The SVG is the same as a fresh figure's."""

    def __init__(self, title: str, seam_ids: tuple[str, ...], lang: str) -> None:
        with style():
            self._build(title, seam_ids, lang)

    def _build(self, title: str, seam_ids: tuple[str, ...], lang: str) -> None:
        self.fig = fig = figure(3.7, 1.9)
        self.ax = ax = fig.add_axes((0.12, 0.2, 0.855, 0.67))
        self.spans = [ax.axhspan(0.0, 1.0, color=c, lw=0)
                      for c in (_ZERO, _PART, _FULL, _PART, _ZERO)]
        self.zero = [ax.axhline(0.0, color=_EDGE, lw=0.8, ls=(0, (4, 2))) for _ in range(2)]
        self.nominal = ax.axhline(0.0, color="#5a5a5a", lw=0.6, ls=":")
        self.lines = [ax.plot([], [], color=_SEAM_COLOURS[k % len(_SEAM_COLOURS)], lw=1.4,
                              label=text(lang, "seam_label", seam=sid))[0]
                      for k, sid in enumerate(seam_ids)]
        _fast_labels(fig, ax, title, text(lang, "along_seam_mm"), lang)
        for axis in (ax.xaxis, ax.yaxis):  # no axis labels: nothing to place (a fifth of
            axis._update_label_position = _no_label_to_place  # a plot's time)
        if len(seam_ids) > 1:
            ax.legend(loc="upper right", fontsize=6.5, frameon=False, ncols=len(seam_ids),
                      handlelength=1.2)

    def draw(self, key: str, passes, window, scale: float, offset: float) -> str:
        full = (offset + scale * window.full_lo, offset + scale * window.full_hi)
        zero = (offset + scale * window.zero_lo, offset + scale * window.zero_hi)
        data = [v for p in passes for _, v in p]
        y0, y1 = _limits(zero[0], zero[1], np.concatenate(data) if data else np.zeros(0))
        for span, (lo, hi) in zip(self.spans, ((y0, zero[0]), (zero[0], full[0]), full,
                                               (full[1], zero[1]), (zero[1], y1)), strict=True):
            span.set_y(lo)
            span.set_height(hi - lo)
        for line, z in zip(self.zero, zero, strict=True):
            line.set_ydata([z, z])
        nominal = offset + scale * window.nominal
        self.nominal.set_ydata([nominal, nominal])
        xmin, xmax = 0.0, 1.0
        for line, seam_passes in zip(self.lines, passes, strict=True):
            if seam_passes:  # passes joined into one line, NaN between them
                s = np.concatenate([np.append(x, np.nan) for x, _ in seam_passes])
                v = np.concatenate([np.append(y, np.nan) for _, y in seam_passes])
                xmin = min(xmin, float(np.nanmin(s)))
                xmax = max(xmax, float(np.nanmax(s)))
            else:
                s = v = np.zeros(0)
            line.set_data(s, v)
        self.ax.set_ylim(y0, y1)
        self.ax.set_xlim(xmin, xmax + 0.01 * (xmax - xmin))
        return svg_text(self.fig, key)


_FIGURES = threading.local()


def _band_figure(key: str, title: str, seam_ids: tuple[str, ...], lang: str) -> _BandFigure:
    cache = getattr(_FIGURES, "cache", None)
    if cache is None:
        cache = _FIGURES.cache = {}
    k = (key, lang, seam_ids)
    if k not in cache:
        if len(cache) > 64:
            cache.clear()
        cache[k] = _BandFigure(title, seam_ids, lang)
    return cache[k]


def seam_plots(run, lang: str = "en") -> list[tuple[str, str, str]]:
    """The technique parameters along the seam, one small figure each.

    Parameters
    ----------
    run : weldsim.exercise.ExerciseRun
        A welding run (``run.metrics`` not None).
    lang : str

    Returns
    -------
    list of (key, title, svg)
        In :data:`PLOT_PARAMETERS` order; a parameter without a window is left out.
    """
    m = run.metrics
    s = run.scenario
    seam_ids = [seam.id for seam in s.seams]
    out = []
    for key, attr, window_name in PLOT_PARAMETERS:
        window = s.windows.get(window_name)
        if window is None:
            continue
        scale, offset = 1.0, 0.0
        if window_name == "travel_speed_pct":
            if s.wps is None:
                continue
            offset = s.wps.speed_mm_s.nominal
            scale = offset / 100.0
        passes = [_passes(m, attr, k) for k in range(len(seam_ids))]
        title = text(lang, f"plot_{key}")
        fig = _band_figure(key, title, tuple(seam_ids), lang)
        out.append((key, title, fig.draw(f"plot-{key}", passes, window, scale, offset)))
    return out


def _level_key(imp) -> str:
    if not imp.graded:
        return "not_graded"
    return imp.level if imp.level in ("B", "C", "D") else "worse"


def _nice_step(span: float, max_ticks: int = 10) -> float:
    """A 1-2-2.5-5 step giving at most ``max_ticks`` ticks over ``span``."""
    for e in range(-1, 6):
        for m in (1.0, 2.0, 2.5, 5.0):
            step = m * 10.0 ** e
            if span / step <= max_ticks:
                return step
    return 10.0 ** 6


def _tick_text(value: float, lang: str) -> str:
    """A tick of the map's axis: as few decimals as it needs, the language's decimal mark."""
    label = f"{value:g}"
    return label.replace(".", ",") if lang == "id" else label


def imperfection_map(run, lang: str = "en") -> str:
    """Each seam as a bar (welded stretches dark), and below it one lane per imperfection
    type with each stretch coloured by the ISO 5817 level it meets; a legend of the levels.

    Written as SVG by hand (rectangles and labels; a plotting library would take 30 times
    longer); deterministic. Returns the ``<svg>`` element.
    """
    from html import escape

    from weldsim.weld import KINDS

    s = run.scenario
    by_seam = {w.index: w for w in run.welds}
    cover = {c.seam: c for c in run.metrics.seams} if run.metrics is not None else {}
    lanes = []  # (is the seam bar, label, [(start, end, colour, tooltip)], length)
    for k, seam in enumerate(s.seams):
        length = seam.length_m * 1000.0
        welded = cover[k].welded if k in cover else ()
        lanes.append((True, text(lang, "map_seam", seam=seam.id),
                      [(a, b, "#4a4f57", "") for a, b in welded], length))
        weld = by_seam.get(k)
        imps = weld.imperfections if weld is not None else ()
        if weld is None:  # the arc never burned on this seam
            lanes.append((False, text(lang, "imp_incomplete_weld"),
                          [(0.0, length, LEVEL_COLOURS["worse"],
                            text(lang, "map_tip_unwelded", name=text(lang, "imp_incomplete_weld"),
                                 end=num(length, 0, lang)))],
                          length))
        for kind in KINDS:
            stretches = []
            for i in imps:
                if i.type != kind:
                    continue
                level = text(lang, f"map_level_{_level_key(i)}") if i.graded else text(
                    lang, "map_not_graded")
                tip = text(lang, "map_tip", name=text(lang, f"imp_{kind}"),
                           start=num(i.start_mm, 0, lang), end=num(i.end_mm, 0, lang),
                           size=num(i.size_mm, 1, lang), level=level)
                stretches.append((i.start_mm, i.end_mm, LEVEL_COLOURS[_level_key(i)], tip))
            if stretches:
                lanes.append((False, text(lang, f"imp_{kind}"), stretches, length))
    width, x0, x1 = 860.0, 175.0, 845.0
    lane_h, top = 20.0, 34.0
    height = top + lane_h * len(lanes) + 30.0
    xmax = max((lane[3] for lane in lanes), default=1.0)
    sx = (x1 - x0) / xmax
    out = [f'<svg class="map" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-label="imperfection-map" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">']
    # legend
    legend = [("#4a4f57", text(lang, "map_welded"))] + [
        (LEVEL_COLOURS[k], text(lang, f"map_level_{k}")) for k in ("B", "C", "D", "worse")] + [
        (LEVEL_COLOURS["not_graded"], text(lang, "map_not_graded"))]
    x = x0
    for colour, label in legend:
        out.append(f'<rect x="{x:.1f}" y="8" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{x + 16:.1f}" y="18">{escape(label)}</text>')
        x += 16 + 6.6 * len(label) + 18
    for row, (is_seam, label, stretches, length) in enumerate(lanes):
        y = top + row * lane_h
        weight = ' font-weight="bold"' if is_seam else ""
        out.append(f'<text x="{x0 - 8:.1f}" y="{y + 14:.1f}" text-anchor="end"{weight}>'
                   f'{escape(label)}</text>')
        out.append(f'<rect x="{x0:.1f}" y="{y + 3:.1f}" width="{length * sx:.2f}" '
                   f'height="{lane_h - 6:.1f}" fill="#eceff3" stroke="#b0b6bf" '
                   f'stroke-width="0.6"/>')
        for a, b, colour, tip in stretches:
            w = max((b - a) * sx, 3.0)  # a short stretch (a crater) stays visible
            title = f"<title>{escape(tip)}</title>" if tip else ""
            out.append(f'<rect x="{x0 + a * sx:.2f}" y="{y + 3:.1f}" width="{w:.2f}" '
                       f'height="{lane_h - 6:.1f}" fill="{colour}">{title}</rect>')
    # axis
    ya = top + lane_h * len(lanes) + 2.0
    out.append(f'<line x1="{x0:.1f}" y1="{ya:.1f}" x2="{x1:.1f}" y2="{ya:.1f}" '
               f'stroke="#555" stroke-width="0.8"/>')
    step = _nice_step(xmax)
    for tick in np.arange(0.0, xmax + 1e-6, step):
        xt = x0 + tick * sx
        out.append(f'<line x1="{xt:.1f}" y1="{ya:.1f}" x2="{xt:.1f}" y2="{ya + 4:.1f}" '
                   f'stroke="#555" stroke-width="0.8"/><text x="{xt:.1f}" y="{ya + 15:.1f}" '
                   f'text-anchor="middle" font-size="10">{_tick_text(tick, lang)}</text>')
    out.append(f'<text x="{x0 - 8:.1f}" y="{ya + 15:.1f}" text-anchor="end" font-size="10" '
               f'fill="#444">{escape(text(lang, "along_seam_mm"))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def score_histogram(scores: list[float], passed: list[bool | None], lang: str = "en") -> str:
    """The class's scores in bins of 10 points, passed and failed stacked."""
    bins = np.arange(0.0, 101.0, 10.0)
    sc = np.asarray(scores, dtype=float)
    ok = np.asarray([bool(p) for p in passed], dtype=bool)
    n_pass, _ = np.histogram(np.clip(sc[ok], 0, 100), bins)
    n_fail, _ = np.histogram(np.clip(sc[~ok], 0, 100), bins)
    with style():
        fig = _histogram_figure(bins, n_pass, n_fail, lang)
    return svg_text(fig, "histogram")


def _histogram_figure(bins, n_pass, n_fail, lang: str) -> Figure:
    fig = figure(5.0, 2.3)
    ax = fig.add_axes((0.1, 0.2, 0.86, 0.66))
    centres = bins[:-1] + 5.0
    ax.bar(centres, n_fail, width=9.0, color=LEVEL_COLOURS["worse"],
           label=text(lang, "hist_failed"))
    ax.bar(centres, n_pass, width=9.0, bottom=n_fail, color=LEVEL_COLOURS["B"],
           label=text(lang, "hist_passed"))
    ax.set_xlim(0, 100)
    ax.set_xticks(bins)
    top = int(max((n_pass + n_fail).max(initial=0), 1))
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(text(lang, "hist_x"), fontsize=7.5, labelpad=1)
    ax.set_ylabel(text(lang, "hist_y"), fontsize=7.5)
    ax.tick_params(labelsize=7, length=2.5, pad=1.5)
    ax.xaxis.set_major_formatter(_tick_formatter(lang))
    ax.legend(loc="upper left", fontsize=7, frameon=False, ncols=2)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def png_data_uri(image: np.ndarray) -> str:
    """An RGB(A) uint8 picture (H, W, 3|4) as a ``data:image/png;base64,`` URI.

    Encoded by Pillow (matplotlib's own dependency) as it comes: an RGB picture stays RGB
    (``matplotlib.image.imsave`` added an opaque alpha channel, a third more to compress and
    a larger file), zlib level 6, no text chunks, so the same picture gives the same bytes.
    """
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8)).save(buf, format="png",
                                                                     compress_level=6)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
