"""Drawing the technique panel (practice mode): one bar per gauge against its window, the
travel direction used, the weld conditions of the move at the cursor, the predicted bead at
the torch's place on the seam, and the coaching hint (pygame). Far from the seam
(:attr:`weldsim.pendant.coaching.PendantCoach.far`) the bars are grey, without markers or
values, under a calm line that says how far the seam's start is; the hint then leads there.

What it shows comes from :class:`weldsim.pendant.coaching.PendantCoach`; every text is a
message key of ``coachui.po`` or a :class:`~weldsim.i18n.Message` of the coaching package,
rendered in the window's language.
"""

from __future__ import annotations

import math

import pygame

from weldsim.i18n import Message, Qty, format_number

__all__ = ["GAUGE_RGB", "coach_panel_height", "draw_coaching", "gauge_bar", "predicted_at"]

GAUGE_RGB = {"in": (60, 190, 90), "near": (235, 190, 40), "out": (225, 60, 55),
             "none": (120, 126, 136)}
"""Colour of a gauge's marker and value by its state."""
_BAND_RGB = (40, 110, 60)
_NEAR_RGB = (92, 84, 44)
_BAR_RGB = (66, 74, 88)
_HINT_RGB = (255, 170, 60)
_GREY_NEAR_RGB = (74, 80, 92)
_GREY_BAND_RGB = (84, 90, 102)
"""Far from the seam the gauges are greyed: bars, window and band in shades of grey, no
marker, no value, no colour of a state."""
PANEL_RGB = (40, 45, 54)
"""The panel's background."""

_ROWS = 11   # title, six gauges, conditions, prediction, problem, hint (two lines)
_ROWS_COMPACT = 9   # title, six gauges, conditions, prediction or problem, hint (one line)
_COMPACT_BODY_H = 500
"""Right columns lower than this [px] (1024x600 windows) get the compact panel, so the job
keeps room for several lines."""


def _row_h(body_h: int) -> int:
    return 17 if body_h >= _COMPACT_BODY_H else 14


def coach_panel_height(body_h: int) -> int:
    """Height [px] of the panel in a right column ``body_h`` pixels high."""
    if body_h >= _COMPACT_BODY_H:
        return 8 + _row_h(body_h) * (_ROWS + 1)
    return 8 + _row_h(body_h) * (_ROWS_COMPACT + 1)


def gauge_bar(gauge, width: int, *, span_mm: float | None = None) -> dict:
    """Where a gauge's parts go on a bar ``width`` pixels wide.

    The bar spans the gauge's window (``low`` ... ``high``: where the score reaches zero) with
    a quarter of it spare on each side; ``full`` is the full-marks band (``full_low`` ...
    ``full_high``), ``band`` the whole window, ``target`` and ``value`` are x positions
    (the value clamped to the bar; ``clip`` -1 / +1 when it is off the bar's left / right
    end, else 0). A gauge without a window (``along``) spans ``0 ... span_mm`` when given.
    Missing values give None positions.
    """
    lo, hi = gauge.low, gauge.high
    full = (getattr(gauge, "full_low", None), getattr(gauge, "full_high", None))
    if (lo is None or hi is None) and span_mm is not None and span_mm > 0:
        lo, hi, full = 0.0, float(span_mm), (None, None)
    out = {"band": None, "full": None, "target": None, "value": None, "clip": 0}
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return out
    margin = 0.25 * max(hi - lo, 1e-9) if gauge.low is not None else 0.0
    a, b = lo - margin, hi + margin

    def x(v):
        return (v - a) / (b - a) * width

    out["band"] = (round(x(lo)), round(x(hi)))
    if full[0] is not None and full[1] is not None:
        out["full"] = (round(x(full[0])), round(x(full[1])))
    if gauge.target is not None and math.isfinite(gauge.target):
        out["target"] = round(min(max(x(gauge.target), 0), width))
    if gauge.value is not None and math.isfinite(gauge.value):
        xv = x(gauge.value)
        out["clip"] = -1 if xv < 0 else (1 if xv > width else 0)
        out["value"] = round(min(max(xv, 0), width))
    return out


def _unit(unit: str) -> str:
    return {"deg": "°", "°": "°"}.get(unit, f" {unit}" if unit else "")


def _fmt(v, unit: str, lang: str, digits: int = 1) -> str:
    if v is None or not math.isfinite(v):
        return "–"
    return format_number(v, digits, lang) + _unit(unit)


def predicted_at(predicted_seam, s_mm):
    """``(leg_lower, leg_upper, throat [mm], level)`` of a predicted seam at ``s_mm``, or
    None where there is no bead (outside the welded part)."""
    if s_mm is None or not math.isfinite(s_mm):
        return None
    at = getattr(predicted_seam, "at", None)
    rec = at(s_mm) if callable(at) else None
    if rec is None:
        return None
    if isinstance(rec, dict):
        get = rec.get
    else:
        def get(k, d=None):
            return getattr(rec, k, d)
    return (get("leg_lower_mm"), get("leg_upper_mm"), get("throat_mm"), get("level"))


def draw_coaching(surface, rect, fonts, p, tr, *, ready: bool = True) -> None:
    """Draw the technique panel of pendant ``p`` into ``rect``.

    Per frame only what moves is drawn: the panel's background with the gauges' labels,
    bars, windows and targets is one surface kept per exercise, seam, window size and
    language (:func:`_static_rows`); each text is rendered once per string (opaque, on the
    panel's colour: a plain copy to blit) and each message rendered once per value.
    """
    from weldsim.pendant.draw import COLORS as C

    compact = rect.height < coach_panel_height(_COMPACT_BODY_H)
    lh = _row_h(0 if compact else _COMPACT_BODY_H)
    x0, y = rect.left + 8, rect.top + 4
    lang = tr.lang
    small = fonts.small
    if not ready:
        surface.fill(PANEL_RGB, rect)
        surface.blit(_text(small, tr("coachui.loading"), C["dim"]), (x0, y))
        return
    coach = p.coaching
    reading = coach.reading()
    ctx = coach.context()
    gauges = tuple(getattr(reading, "gauges", ()) or ())[:6]
    span = getattr(reading, "seam_length_mm", None)
    far = bool(getattr(reading, "far", False))
    layout = _layout(coach, reading, gauges, fonts, tr, rect.size, lh, span, far)
    surface.blit(layout.panel, rect.topleft)
    surface.blit(_text(small, _head(ctx, p, tr), C["hl"]), (x0, y))
    y += lh + 2
    if not gauges:
        surface.blit(_text(small, tr("coachui.no_seam"), C["dim"]), (x0, y))
    value_right = rect.right - 8 - layout.target_w
    bar_left, bar_w = rect.left + layout.bar_x, layout.bar_w
    draw_rect, draw_polygon = pygame.draw.rect, pygame.draw.polygon
    if far:      # greyed gauges, no marks: how far the seam's start is, calmly, over them
        _draw_far(surface, small, tr, reading.approach, x0, y, rect.width - 16, lh)
        gauges = ()
    for g, (a, b) in zip(gauges, layout.spans, strict=False):
        color = GAUGE_RGB.get(g.state, GAUGE_RGB["none"])
        v = g.value
        if a is not None and v is not None and math.isfinite(v):
            xv = (v - a) / (b - a) * bar_w     # gauge_bar's x of the value
            top, bottom = y + 3, y + lh - 3
            if xv < 0 or xv > bar_w:
                d = -1 if xv < 0 else 1
                vx = bar_left + round(min(max(xv, 0), bar_w))
                tip = vx + 4 * d
                mid = top + (lh - 6) // 2     # the bar's centre line
                draw_polygon(surface, color, [(tip, mid), (tip - 8 * d, top),
                                              (tip - 8 * d, bottom)])
            else:
                vx = bar_left + round(xv)
                draw_rect(surface, color, (vx - 3, top - 1, 6, lh - 4), border_radius=2)
        vimg = _text(small, _fmt_cached(v, g.unit, lang), color)
        surface.blit(vimg, (value_right - vimg.get_width(), y))
        y += lh
    y = rect.top + 4 + (lh + 2) + 6 * lh
    bottom = 3 if compact else 5          # rows under the gauges
    width = rect.width - 16
    problem = _problem_message(coach)
    # the weld conditions of the move at the cursor (during step check: the line's); their
    # row stays empty without them, unless a problem needs the room
    if ctx is not None and ctx.condition is not None:
        surface.blit(_text(small, _conditions(ctx, tr), C["text"]), (x0, y))
        y += lh
        bottom -= 1
    elif problem is None:
        y += lh
        bottom -= 1
    if not (compact and problem is not None):
        surface.blit(_text(small, _fit(_prediction_text(coach, tr), small, width), C["text"]),
                     (x0, y))
        y += lh
        bottom -= 1
    hint = coach.hint()
    hint_lines = _hint_lines(hint, small, tr, width, compact) if hint is not None else []
    if problem is not None:
        # on the rows the hint leaves
        for line in _wrapped(tr, "! " + _said(tr, problem), small, width,
                             max(1, bottom - len(hint_lines))):
            surface.blit(_text(small, line, C["alarm"]), (x0, y))
            y += lh
    elif not compact:
        y += lh
    for k, line in enumerate(hint_lines):
        surface.blit(_text(small, line, _HINT_RGB), (x0, y + k * lh))


_STOPS = frozenset(("predict.job_error", "predict.planning", "predict.stopped"))
"""The prediction's problems that stop it at a line (the bead before it still drawn)."""


def _problem_message(coach):
    """The prediction's problem as the panel says it: a stop with a bead before it says
    that bead is still shown (``coachui.bead_before_shown``); None without a problem."""
    problem = coach.problem
    if problem is None:
        return None
    prediction = coach.prediction
    if prediction is not None and getattr(prediction, "seams", ()) and \
            getattr(problem, "key", None) in _STOPS:
        return Message.of("coachui.bead_before_shown", problem=problem)
    return problem


def _hint_lines(hint, font, tr, width: int, compact: bool) -> list[str]:
    """The hint's text, "→ " first, on two lines (one, cut, in the compact panel)."""
    from weldsim.pendant.draw import wrap

    text = "→ " + _said(tr, hint.message)
    key = (text, id(font), width, compact)
    if key not in _WRAPPED:
        if len(_WRAPPED) > 500:
            _WRAPPED.clear()
        lines = wrap(text, font, width)
        _WRAPPED[key] = lines[:2] if not compact else [_fit(" ".join(lines), font, width)]
    return _WRAPPED[key]


def _wrapped(tr, text: str, font, width: int, rows: int) -> list[str]:
    """``text`` wrapped to ``width`` on at most ``rows`` lines, the last cut with an ellipsis
    when more would be needed (kept)."""
    key = ("rows", text, id(font), width, rows)
    got = _WRAPPED.get(key)
    if got is None:
        from weldsim.pendant.draw import wrap

        lines = wrap(text, font, width)
        if len(lines) > rows:
            lines = [*lines[:rows - 1], _fit(" ".join(lines[rows - 1:]), font, width)]
        if len(_WRAPPED) > 500:
            _WRAPPED.clear()
        got = _WRAPPED[key] = lines
    return got


class _Layout:
    """What the panel draws the same every frame for one exercise, seam, size, language."""

    __slots__ = ("bar_w", "bar_x", "panel", "spans", "target_w")

    def __init__(self, panel, bar_x, bar_w, target_w, spans):
        self.panel, self.bar_x, self.bar_w, self.target_w, self.spans = (
            panel, bar_x, bar_w, target_w, spans)


_LAYOUTS: dict = {}


def _draw_far(surface, font, tr, approach, x0: int, y: int, width: int, lh: int) -> None:
    """The far-from-the-seam message (``coaching.approach.far``), wrapped on at most three
    lines across the middle rows of the six greyed gauge rows that start at ``y`` (calm: the
    panel's text colour, not an alarm's)."""
    from weldsim.pendant.draw import COLORS as C

    text = _said(tr, approach.message)
    key = ("far", text, id(font), width)
    lines = _WRAPPED.get(key)
    if lines is None:
        from weldsim.pendant.draw import wrap

        if len(_WRAPPED) > 500:
            _WRAPPED.clear()
        lines = _WRAPPED[key] = [_fit(t, font, width - 12)
                                 for t in wrap(text, font, width - 12)[:3]]
    top = y + (6 - len(lines)) // 2 * lh        # on whole gauge rows: none is cut
    surface.fill(PANEL_RGB, (x0 - 8, top, width + 16, len(lines) * lh))
    pygame.draw.line(surface, C["hl"], (x0 - 2, top + 2), (x0 - 2, top + len(lines) * lh - 3), 2)
    for k, line in enumerate(lines):
        surface.blit(_text(font, line, C["text"]), (x0 + 6, top + k * lh))


def _layout(coach, reading, gauges, fonts, tr, size, lh, span, far: bool = False) -> _Layout:
    """The kept :class:`_Layout`: the gauges' windows and labels are the coach's own (one per
    exercise), so the key is cheap; a change of any of them makes a new one. ``far``: the
    greyed panel (far from the seam: no window colours)."""
    key = (id(coach.coach()) if reading is not None else None, getattr(reading, "seam", None),
           tr.lang, size, lh, id(fonts), span, len(gauges), far)
    got = _LAYOUTS.get(key)
    if got is not None and got.spans is not None:
        return got
    labels, targets, label_w, target_w, value_w = _columns(gauges, fonts, tr, size[0])
    bar_x = label_w + 8
    bar_w = max(40, size[0] - 8 - target_w - value_w - 10 - bar_x)
    panel = _static_rows(gauges, labels, targets, fonts, size, lh, bar_x, bar_w, span, far)
    spans = []
    for g in gauges:     # the bar's ends in the gauge's units (see gauge_bar)
        lo, hi = g.low, g.high
        if (lo is None or hi is None) and g.name == "along" and span is not None and span > 0:
            lo, hi = 0.0, float(span)
        if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
            spans.append((None, None))
            continue
        margin = 0.25 * max(hi - lo, 1e-9) if g.low is not None else 0.0
        spans.append((lo - margin, hi + margin))
    if len(_LAYOUTS) > 32:
        _LAYOUTS.clear()
    got = _LAYOUTS[key] = _Layout(panel, bar_x, bar_w, target_w, tuple(spans))
    return got


_TEXTS: dict = {}


def _text(font, text: str, color) -> pygame.Surface:
    """``text`` rendered on the panel's colour (opaque: blitting it is a plain copy), kept."""
    key = (id(font), text, color)
    img = _TEXTS.get(key)
    if img is None:
        if len(_TEXTS) > 4000:
            _TEXTS.clear()
        img = _TEXTS[key] = font.render(text, True, color, PANEL_RGB)
    return img


_STRINGS: dict = {}


def _memo(key, make):
    got = _STRINGS.get(key)
    if got is None:
        if len(_STRINGS) > 4000:
            _STRINGS.clear()
        got = _STRINGS[key] = make()
    return got


def _fmt_cached(v, unit: str, lang: str) -> str:
    """:func:`_fmt` with one decimal, kept by the value's own one-decimal string."""
    if v is None or not math.isfinite(v):
        return "–"
    return _memo(("fmt", f"{v:.1f}", unit, lang), lambda: _fmt(v, unit, lang))


def _said(tr, message: Message) -> str:
    """:func:`_say`, kept per message and language (a message is immutable)."""
    try:
        return _memo(("say", tr.lang, message), lambda: _say(tr, message))
    except TypeError:     # a parameter that does not hash
        return _say(tr, message)


def _head(ctx, p, tr) -> str:
    source = getattr(ctx, "source", None)
    line = 0
    if source == "line":
        lines = p.editor.lines
        line = lines[ctx.index] if 0 <= ctx.index < len(lines) else 0

    def make():
        head = tr("coachui.title")
        if source == "line":
            head += "  ·  " + tr("coachui.dir_line", line=line)
        elif source == "teach":
            head += "  ·  " + tr("coachui.dir_teach")
        elif source is not None:
            head += "  ·  " + tr("coachui.dir_seam")
        return head

    return _memo(("head", tr.lang, source, line), make)


def _conditions(ctx, tr) -> str:
    cond = ctx.condition
    speed_unit = getattr(cond, "speed_unit", "mm/s")
    values = (cond.current_a, cond.voltage_v, ctx.speed_m_s or 0.0, speed_unit)

    def make():
        speed = Qty((ctx.speed_m_s or 0.0) * 6000.0, "cm/min", 0) \
            if speed_unit == "cm/min" else Qty((ctx.speed_m_s or 0.0) * 1000.0, "mm/s", 1)
        return _say(tr, Message.of("coachui.conditions", current=Qty(cond.current_a, "A", 0),
                                   voltage=Qty(cond.voltage_v, "V", 1), speed=speed))

    return _memo(("cond", tr.lang, values), make)


_COLUMNS: dict = {}


def _columns(gauges, fonts, tr, width: int):
    """Labels, targets and column widths of the gauge rows (the same every frame while the
    language and the windows stay: kept)."""
    key = (tr.lang, width, id(fonts), tuple((g.label, g.target, g.unit) for g in gauges[:6]))
    got = _COLUMNS.get(key)
    if got is None:
        lang = tr.lang
        labels = [_say(tr, g.label) if isinstance(g.label, Message) else str(g.label)
                  for g in gauges[:6]]
        label_w = min(max((fonts.small.size(t)[0] for t in labels), default=0) + 10,
                      int(0.42 * (width - 16)))
        targets = [f"({_fmt(g.target, g.unit, lang, 0 if g.unit in ('deg', '°') else 1)})"
                   if g.target is not None else "" for g in gauges[:6]]
        target_w = max((fonts.small.size(t)[0] for t in targets), default=0) + 8
        value_w = fonts.small.size("-888,8 mm")[0] + 4
        if len(_COLUMNS) > 64:
            _COLUMNS.clear()
        got = _COLUMNS[key] = (labels, targets, label_w, target_w, value_w)
    return got


_STATIC: dict = {}
_WRAPPED: dict = {}


def _static_rows(gauges, labels, targets, fonts, size, lh, bar_x, bar_w, span_mm,
                 far: bool = False):
    """The panel's background with what stays while the torch moves: the gauges' labels,
    bars, windows, target ticks and targets (kept until one of them changes). ``far``: all
    in grey: the window and the band as faint shades, no target tick."""
    from weldsim.pendant.draw import COLORS as C
    from weldsim.pendant.draw import render

    near_rgb, band_rgb = (_GREY_NEAR_RGB, _GREY_BAND_RGB) if far else (_NEAR_RGB, _BAND_RGB)
    label_rgb = C["dim"] if far else C["text"]
    key = (far, size, lh, bar_x, bar_w, span_mm, id(fonts), tuple(labels), tuple(targets),
           tuple((g.name, g.low, g.high, getattr(g, "full_low", None),
                  getattr(g, "full_high", None), g.target) for g in gauges[:6]))
    got = _STATIC.get(key)
    if got is not None:
        return got
    panel = pygame.Surface(size)
    panel.fill(PANEL_RGB)
    pygame.draw.line(panel, C["key_edge"], (0, 0), (size[0], 0), 1)
    y = 4 + lh + 2
    for g, label, target in zip(gauges[:6], labels, targets, strict=False):
        panel.blit(render(fonts.small, _fit(label, fonts.small, bar_x - 16), label_rgb), (8, y))
        bar = pygame.Rect(bar_x, y + 3, bar_w, lh - 6)
        pygame.draw.rect(panel, _BAR_RGB, bar, border_radius=3)
        pos = gauge_bar(g, bar_w, span_mm=span_mm if g.name == "along" else None)
        if pos["band"] is not None and g.low is not None:
            b0, b1 = pos["band"]
            pygame.draw.rect(panel, near_rgb, (bar.left + b0, bar.top, max(1, b1 - b0),
                                               bar.height))
        if pos["full"] is not None:
            b0, b1 = pos["full"]
            pygame.draw.rect(panel, band_rgb, (bar.left + b0, bar.top, max(1, b1 - b0),
                                               bar.height))
        if pos["target"] is not None and not far:
            tx = bar.left + pos["target"]
            pygame.draw.line(panel, (235, 235, 240), (tx, bar.top - 2), (tx, bar.bottom + 1))
        if target:
            timg = render(fonts.small, target, C["dim"])
            panel.blit(timg, (size[0] - 8 - timg.get_width(), y))
        y += lh
    if len(_STATIC) > 32:
        _STATIC.clear()
    _STATIC[key] = panel
    return panel


def _say(tr, message: Message) -> str:
    """A message in the window's language (its key when the catalogue lacks it, as
    :class:`~weldsim.pendant.i18n.Translator` shows a missing key: never a crash)."""
    try:
        return tr.render(message)
    except KeyError:
        return message.key


_FITTED: dict = {}


def _fit(text: str, font, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels (kept: the same texts come back
    every frame)."""
    key = (text, id(font), width)
    got = _FITTED.get(key)
    if got is not None:
        return got
    out = text
    if font.size(out)[0] > width:
        while len(out) > 4 and font.size(out + "…")[0] > width:
            out = out[:-1]
        out += "…"
    if len(_FITTED) > 2000:
        _FITTED.clear()
    _FITTED[key] = out
    return out


def _prediction_text(coach, tr) -> str:
    if coach.prediction is None and coach.problem is not None:
        return tr("coachui.no_prediction")
    if coach.prediction is None:
        return tr("coachui.predicting") if coach.busy else tr("coachui.no_weld_yet")
    line = int(getattr(coach.prediction, "problem_line", 0) or 0)
    if not getattr(coach.prediction, "seams", ()) and line > 0 and \
            getattr(coach.problem, "key", None) in _STOPS:
        return tr("coachui.no_bead_before", line=line)
    found = coach.seam_at_cursor()
    values = predicted_at(*found) if found is not None else None
    if values is None:
        return tr("coachui.predicted_not_here")
    lower, upper, throat, level = (None if isinstance(v, float) and not math.isfinite(v)
                                   else v for v in values)
    if throat is None and lower is None:
        return tr("coachui.predicted_not_here")
    return _memo(("predicted", tr.lang, lower, upper, throat, level), lambda: _say(tr, Message.of(
        "coachui.predicted", lower=Qty(lower, "mm", 1) if lower is not None else "–",
        upper=Qty(upper, "mm", 1) if upper is not None else "–",
        throat=Qty(throat, "mm", 1) if throat is not None else "–",
        level=str(level) if level is not None else tr("coachui.below_d"))))
