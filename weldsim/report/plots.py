"""The report's figures as inline SVG text, written by hand (:mod:`weldsim.report.svg`).

- :func:`seam_plots`: each technique parameter along the seam against its window;
- :func:`imperfection_map`: each seam as a bar, each imperfection's stretch coloured by level;
- :func:`score_histogram`: the class's scores;
- :func:`png_data_uri`, :func:`png_bytes`: an RGB picture as PNG (Pillow).

No plotting library: a figure is a few rectangles, lines and texts, deterministic (the same
run gives the same bytes); the six seam plots of a page take about 15 ms instead of the
~150 ms matplotlib needed (``python bench/report.py``), and the report path no longer imports
it. The figures use no ``id`` (clipping is a nested viewport), so any number of them can live
in one page.
"""

from __future__ import annotations

import base64
import io

import numpy as np

from weldsim.report.i18n import num, text
from weldsim.report.svg import Axes, Svg, esc, nice_ticks, tick_labels

__all__ = ["LEVEL_COLOURS", "PLOT_PARAMETERS", "imperfection_map", "png_bytes", "png_data_uri",
           "score_histogram", "seam_plots"]

#: Fill colour of a stretch by the ISO 5817 level it meets ("worse": worse than D).
LEVEL_COLOURS = {"B": "#7cc47f", "C": "#f2c94c", "D": "#f2994a", "worse": "#d64545",
                 "not_graded": "#9e9e9e"}
_FULL = "#b9e4bb"
_PART = "#fff3c4"
_ZERO = "#f8d0d0"
_EDGE = "#d9534f"
_NOMINAL = "#5a5a5a"
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

# A parameter plot, in user units: 370 x 190 (the page scales it to its card, about 340 px
# wide); the sizes are those of the matplotlib figures it replaces (3.7 x 1.9 in, 7 pt ticks).
_PLOT_SIZE = (370.0, 190.0)
_PLOT_BOX = (46.0, 26.0, 362.0, 152.0)  # left, top, right, bottom of the data area
_TITLE_SIZE = 12.0
_TICK_SIZE = 10.0
_LEGEND_SIZE = 9.0
_LINE_WIDTH = 1.9  # a pass's line
_EDGE_DASH = (4.4, 2.2)  # the zero edges
_NOMINAL_DASH = (0.9, 1.5)  # the window's nominal value


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
    if not b > a:  # a window without width: a unit either side
        a, b = lo - 1.0, hi + 1.0
    return a, b


def _runs(finite: np.ndarray) -> list[np.ndarray]:
    """The indices of each stretch of consecutive True values."""
    idx = np.flatnonzero(finite)
    if not idx.size:
        return []
    return np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)


def _band_plot(key: str, title: str, seam_ids: list[str], passes, window, scale: float,
               offset: float, lang: str) -> str:
    """One parameter along the seam: the window's bands (full marks, partial, zero), its zero
    edges dashed and its nominal value dotted, each pass as a line in its seam's colour.

    Parameters
    ----------
    key : str
        The figure's name for assistive technology (``plot-ctwd``), as the page's other
        figures (``imperfection-map``, ``cross-section``).
    title : str
    seam_ids : list of str
    passes : list (one per seam) of list of (s_mm, value) arrays
    window : weldsim.scenarios.spec.Window
        Drawn as ``offset + scale * value`` (the travel speed's window is a percentage of the
        WPS speed, drawn in mm/s).
    scale, offset : float
    lang : str
    """
    full = (offset + scale * window.full_lo, offset + scale * window.full_hi)
    zero = (offset + scale * window.zero_lo, offset + scale * window.zero_hi)
    data = [v for p in passes for _, v in p]
    y0, y1 = _limits(zero[0], zero[1], np.concatenate(data) if data else np.zeros(0))
    xmin, xmax = 0.0, 1.0
    for seam_passes in passes:
        for s, _ in seam_passes:
            s = s[np.isfinite(s)]
            if s.size:
                xmin, xmax = min(xmin, float(s.min())), max(xmax, float(s.max()))
    ax = Axes(_PLOT_BOX, (xmin, xmax + 0.01 * (xmax - xmin)), (y0, y1))
    g = Svg(*_PLOT_SIZE, cls="plot", label=key, font_size=_TICK_SIZE)
    g.text(ax.left, ax.top - 7.0, title, size=_TITLE_SIZE)
    g.open_clip(ax.left, ax.top, ax.right - ax.left, ax.bottom - ax.top)
    for lo, hi, colour in ((y0, zero[0], _ZERO), (zero[0], full[0], _PART),
                           (full[0], full[1], _FULL), (full[1], zero[1], _PART),
                           (zero[1], y1, _ZERO)):
        ax.hband(g, lo, hi, colour)
    for edge in zero:
        ax.hline(g, edge, _EDGE, 1.1, dash=_EDGE_DASH)
    ax.hline(g, offset + scale * window.nominal, _NOMINAL, 0.85, dash=_NOMINAL_DASH)
    names = [text(lang, "seam_label", seam=sid) for sid in seam_ids]
    for k, (name, seam_passes) in enumerate(zip(names, passes, strict=True)):
        colour = _SEAM_COLOURS[k % len(_SEAM_COLOURS)]
        for s, v in seam_passes:  # a gap in the data (NaN) breaks the line, as before
            for run in _runs(np.isfinite(s) & np.isfinite(v)):
                g.polyline(ax.x(s[run]), ax.y(v[run]), colour, _LINE_WIDTH, title=name)
    g.close_clip()
    ax.frame(g)
    step, ticks = nice_ticks(*ax.xlim, 6)
    ax.xticks(g, ticks, tick_labels(ticks, step, lang), size=_TICK_SIZE)
    step, ticks = nice_ticks(*ax.ylim, 4)
    ax.yticks(g, ticks, tick_labels(ticks, step, lang), size=_TICK_SIZE)
    g.text(ax.right, _PLOT_SIZE[1] - 4.0, text(lang, "along_seam_mm"), size=_TICK_SIZE,
           anchor="end", fill="#444")
    if len(names) > 1:
        _seam_legend(g, ax, names)
    return g.close()


def _text_width(s: str, size: float) -> float:
    """About how wide a text is drawn (DejaVu Sans averages 0.6 em a character)."""
    return 0.6 * size * len(s)


def _seam_legend(g: Svg, ax: Axes, names: list[str]) -> None:
    """Each seam's colour and name in a row at the top right inside the plot, on a light
    backing so that it reads over the bands."""
    size, handle, gap = _LEGEND_SIZE, 14.0, 9.0
    widths = [handle + 4.0 + _text_width(n, size) for n in names]
    total = sum(widths) + gap * (len(names) - 1)
    x = ax.right - 4.0 - total
    y = ax.top + 4.0 + size
    g.rect(x - 3.0, ax.top + 2.5, total + 6.0, size + 5.0, "#ffffff", opacity=0.75)
    for k, (name, width) in enumerate(zip(names, widths, strict=True)):
        colour = _SEAM_COLOURS[k % len(_SEAM_COLOURS)]
        g.line(x, y - 0.35 * size, x + handle, y - 0.35 * size, colour, _LINE_WIDTH)
        g.text(x + handle + 4.0, y, name, size=size)
        x += width + gap


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
        out.append((key, title, _band_plot(f"plot-{key}", title, seam_ids, passes, window,
                                           scale, offset, lang)))
    return out


def _level_key(imp) -> str:
    if not imp.graded:
        return "not_graded"
    return imp.level if imp.level in ("B", "C", "D") else "worse"


def imperfection_map(run, lang: str = "en") -> str:
    """Each seam as a bar (welded stretches dark), and below it one lane per imperfection
    type with each stretch coloured by the ISO 5817 level it meets; a legend of the levels.

    Written as SVG by hand (rectangles and labels; a plotting library would take 30 times
    longer); deterministic. Returns the ``<svg>`` element.
    """
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
                   f'<text x="{x + 16:.1f}" y="18">{esc(label)}</text>')
        x += 16 + 6.6 * len(label) + 18
    for row, (is_seam, label, stretches, length) in enumerate(lanes):
        y = top + row * lane_h
        weight = ' font-weight="bold"' if is_seam else ""
        out.append(f'<text x="{x0 - 8:.1f}" y="{y + 14:.1f}" text-anchor="end"{weight}>'
                   f'{esc(label)}</text>')
        out.append(f'<rect x="{x0:.1f}" y="{y + 3:.1f}" width="{length * sx:.2f}" '
                   f'height="{lane_h - 6:.1f}" fill="#eceff3" stroke="#b0b6bf" '
                   f'stroke-width="0.6"/>')
        for a, b, colour, tip in stretches:
            w = max((b - a) * sx, 3.0)  # a short stretch (a crater) stays visible
            title = f"<title>{esc(tip)}</title>" if tip else ""
            out.append(f'<rect x="{x0 + a * sx:.2f}" y="{y + 3:.1f}" width="{w:.2f}" '
                       f'height="{lane_h - 6:.1f}" fill="{colour}">{title}</rect>')
    # axis
    ya = top + lane_h * len(lanes) + 2.0
    out.append(f'<line x1="{x0:.1f}" y1="{ya:.1f}" x2="{x1:.1f}" y2="{ya:.1f}" '
               f'stroke="#555" stroke-width="0.8"/>')
    step, ticks = nice_ticks(0.0, xmax, 10)
    for tick, label in zip(ticks, tick_labels(ticks, step, lang), strict=True):
        xt = x0 + tick * sx
        out.append(f'<line x1="{xt:.1f}" y1="{ya:.1f}" x2="{xt:.1f}" y2="{ya + 4:.1f}" '
                   f'stroke="#555" stroke-width="0.8"/><text x="{xt:.1f}" y="{ya + 15:.1f}" '
                   f'text-anchor="middle" font-size="10">{label}</text>')
    out.append(f'<text x="{x0 - 8:.1f}" y="{ya + 15:.1f}" text-anchor="end" font-size="10" '
               f'fill="#444">{esc(text(lang, "along_seam_mm"))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def score_histogram(scores: list[float], passed: list[bool | None], lang: str = "en") -> str:
    """The class's scores in bins of 10 points, failed (below) and passed stacked; each bar
    tells its count when pointed at."""
    bins = np.arange(0.0, 101.0, 10.0)
    sc = np.asarray(scores, dtype=float)
    ok = np.asarray([bool(p) for p in passed], dtype=bool)
    n_pass, _ = np.histogram(np.clip(sc[ok], 0, 100), bins)
    n_fail, _ = np.histogram(np.clip(sc[~ok], 0, 100), bins)
    top = int(max((n_pass + n_fail).max(initial=0), 1))
    # 500 x 230 user units: the 5.0 x 2.3 in figure it replaces, in a card 620 px wide
    width, height = 500.0, 230.0
    ax = Axes((52.0, 30.0, 482.0, 184.0), (0.0, 100.0), (0.0, top * 1.15))
    g = Svg(width, height, cls="plot", label="histogram", font_size=_TICK_SIZE)
    failed, passed_label = text(lang, "hist_failed"), text(lang, "hist_passed")
    for k in range(len(bins) - 1):
        left, right = ax.x(bins[k] + 0.5), ax.x(bins[k + 1] - 0.5)
        span = f"{bins[k]:.0f}–{bins[k + 1]:.0f}"
        base = 0
        for n, colour, name in ((int(n_fail[k]), LEVEL_COLOURS["worse"], failed),
                                (int(n_pass[k]), LEVEL_COLOURS["B"], passed_label)):
            if n:
                g.rect(left, ax.y(base + n), right - left, ax.y(base) - ax.y(base + n), colour,
                       title=f"{span}: {n} {name}")
                base += n
    ax.frame(g, sides="lb")
    ax.xticks(g, list(bins), tick_labels(bins, 10.0, lang), size=_TICK_SIZE)
    step, ticks = nice_ticks(*ax.ylim, 5)
    if step < 1.0:  # whole trainees only
        step, ticks = 1.0, [float(k) for k in range(int(ax.ylim[1]) + 1)]
    ax.yticks(g, ticks, tick_labels(ticks, step, lang), size=_TICK_SIZE)
    g.text((ax.left + ax.right) / 2, ax.bottom + 28.0, text(lang, "hist_x"), size=10.5,
           anchor="middle")
    g.text(25.0, (ax.top + ax.bottom) / 2, text(lang, "hist_y"), size=10.5, anchor="middle",
           rotate=-90.0)
    x = ax.left + 10.0
    for colour, name in ((LEVEL_COLOURS["worse"], failed), (LEVEL_COLOURS["B"], passed_label)):
        g.rect(x, ax.top + 3.0, 20.0, 7.0, colour)
        g.text(x + 26.0, ax.top + 10.0, name, size=_TICK_SIZE)
        x += 26.0 + _text_width(name, _TICK_SIZE) + 18.0
    return g.close()


def png_bytes(image: np.ndarray) -> bytes:
    """An RGB(A) uint8 picture (H, W, 3|4) as PNG bytes.

    Encoded by Pillow (matplotlib's own dependency) as it comes: an RGB picture stays RGB
    (``matplotlib.image.imsave`` added an opaque alpha channel, a third more to compress and
    a larger file), zlib level 6, no text chunks, so the same picture gives the same bytes.
    """
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8)).save(buf, format="png",
                                                                     compress_level=6)
    return buf.getvalue()


def png_data_uri(image: np.ndarray) -> str:
    """An RGB(A) uint8 picture (H, W, 3|4) as a ``data:image/png;base64,`` URI
    (:func:`png_bytes`)."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(image)).decode("ascii")
