"""Drawing the pendant panel: status bar, readouts, job text, alarms and soft keys (pygame)."""

from __future__ import annotations

from pathlib import Path

import pygame

from weldsim.pendant.actions import SOFT_KEYS
from weldsim.pendant.coach_panel import coach_panel_height, draw_coaching
from weldsim.pendant.state import Mode
from weldsim.program import instruction_positions

__all__ = ["COLORS", "FONT_DIR", "MIN_SIZE", "Fonts", "Layout", "draw_panel", "render",
           "wrap"]

COLORS = {
    "bg": (34, 38, 46), "panel": (48, 54, 64), "text": (230, 232, 235), "dim": (150, 156, 166),
    "teach": (70, 150, 230), "play": (230, 150, 40), "on": (60, 190, 90), "off": (120, 126, 136),
    "alarm": (225, 60, 55), "hl": (250, 220, 90), "hl_bg": (80, 72, 30), "err_bg": (90, 34, 34),
    "key": (66, 74, 88), "key_edge": (110, 120, 138), "key_down": (95, 120, 90),
    "view_bg": (22, 24, 30),
}


MIN_SIZE = (960, 560)
"""The smallest window the layout is made for [px] (1024x600 netbooks fit)."""


class Layout:
    """Where everything is in a window of ``size`` (any size from :data:`MIN_SIZE` up; the
    layouts are checked by screenshot at 1366x700, 1280x720 and 1024x600)."""

    def __init__(self, size=(1280, 720), coaching: bool = False):
        w, h = max(int(size[0]), MIN_SIZE[0]), max(int(size[1]), MIN_SIZE[1])
        self.size = (w, h)
        self.top = pygame.Rect(0, 0, w, 34)
        n_keys = len(SOFT_KEYS)
        rows = 2 if w >= 1360 else 3
        per_row = -(-n_keys // rows)
        key_h = 44 if rows == 2 else 38
        keys_h = rows * (key_h + 4) + 4
        self.keys = pygame.Rect(0, h - keys_h, w, keys_h)
        right_w = max(400, int(w * 0.40))
        body_h = self.keys.top - self.top.bottom
        alarms_h = 92 if h >= 700 else 84
        self.view = pygame.Rect(0, self.top.bottom, w - right_w, body_h - alarms_h)
        self.alarms = pygame.Rect(0, self.view.bottom, w - right_w, alarms_h)
        # the jog pad (hold with the mouse): axis +/- for the six axes, right of the alarms
        self.jog_rects = []
        pad_w = min(42, (self.alarms.width // 2) // 6)
        pad_h = (alarms_h - 12) // 2
        self.pad_left = self.alarms.right - 6 * pad_w - 4
        for axis in range(6):
            for row, sign in enumerate((+1, -1)):
                self.jog_rects.append(((axis, sign), pygame.Rect(
                    self.pad_left + axis * pad_w, self.alarms.top + 4 + row * (pad_h + 4),
                    pad_w - 4, pad_h)))
        self.alarm_list = pygame.Rect(self.alarms.left, self.alarms.top,
                                      self.pad_left - self.alarms.left - 8, alarms_h)
        self.right = pygame.Rect(w - right_w, self.top.bottom, right_w, body_h)
        self.readout = pygame.Rect(self.right.left, self.right.top, right_w, 122)
        # the technique gauges (practice mode) between the readout and the job
        coach_h = coach_panel_height(body_h) if coaching else 0
        self.coach = pygame.Rect(self.right.left, self.readout.bottom, right_w, coach_h)
        self.job = pygame.Rect(self.right.left, self.coach.bottom, right_w,
                               body_h - self.readout.height - coach_h)
        kw = (w - 8) / per_row
        self.key_rects = []
        for i, (action, _, _) in enumerate(SOFT_KEYS):
            row, col = divmod(i, per_row)
            self.key_rects.append((action, pygame.Rect(int(4 + col * kw), self.keys.top + 4
                                                       + row * (key_h + 4), int(kw) - 4,
                                                       key_h)))
        self.job_line_h = 19
        self.job_rows: list[tuple[int, pygame.Rect]] = []
        self.alarm_scroll = 0

    def hit(self, pos):
        """The action under a click, or None."""
        for action, rect in self.key_rects:
            if rect.collidepoint(pos):
                return (action, None)
        for arg, rect in self.jog_rects:
            if rect.collidepoint(pos):
                return ("jog", arg)
        for line, rect in self.job_rows:
            if rect.collidepoint(pos):
                return ("goto_line", line)
        return None


def wrap(text: str, font, width: int) -> list[str]:
    """Split text into lines that fit ``width`` pixels (paragraphs kept)."""
    out = []
    for para in text.split("\n"):
        words, line = para.split(" "), ""
        for word in words:
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
"""The shipped fonts: DejaVu Sans and DejaVu Sans Mono (licence beside them)."""


class Fonts:
    """The fonts used: DejaVu Sans (every glyph distinct: "i" is not "l", on every OS) and
    DejaVu Sans Mono for numbers and the job text, shipped in ``weldsim/assets/fonts``."""

    def __init__(self):
        sans = str(FONT_DIR / "DejaVuSans.ttf")
        mono = str(FONT_DIR / "DejaVuSansMono.ttf")
        self.small = pygame.font.Font(sans, 13)
        self.normal = pygame.font.Font(sans, 15)
        self.big = pygame.font.Font(sans, 20)
        self.huge = pygame.font.Font(sans, 44)
        self.mono = pygame.font.Font(mono, 13)


_CACHE: dict = {}


def render(font, text: str, color) -> pygame.Surface:
    """``font.render`` with a cache (the soft keys and labels are the same every frame)."""
    key = (id(font), text, color)
    img = _CACHE.get(key)
    if img is None:
        if len(_CACHE) > 4000:
            _CACHE.clear()
        img = _CACHE[key] = font.render(text, True, color)
    return img


def _num(v: float) -> str:
    """A readout value: 2 decimals, never ``-0.00``."""
    return f"{round(v, 2) + 0.0:8.2f}"


def _text(surface, font, text, pos, color=COLORS["text"]):
    img = render(font, text, color)
    surface.blit(img, pos)
    return img.get_width()


def _badge(surface, font, text, x, y, bg):
    img = render(font, text, (255, 255, 255))
    rect = pygame.Rect(x, y, img.get_width() + 14, 24)
    pygame.draw.rect(surface, bg, rect, border_radius=5)
    surface.blit(img, (x + 7, y + 4))
    return rect.right + 8


def draw_panel(surface, layout: Layout, fonts: Fonts, pendant, tr, *, pressed=(),
               deadman_held=False, kinematics_ready=True, coaching_ready=True) -> None:
    """Draw everything but the 3D view and the dialogs (the position readout only once the
    kinematics kernels have loaded: before that it would hold up the first frame; the
    technique gauges once everything has loaded, the collision cell they cast on included)."""
    p = pendant
    C = COLORS
    surface.fill(C["bg"], layout.top)
    x = 8
    x = _badge(surface, fonts.normal, p.mode.value, x, 5,
               C["teach"] if p.mode is Mode.TEACH else C["play"])
    servo = tr("ui.on") if p.servo else tr("ui.off")
    x = _badge(surface, fonts.normal, f"{tr('ui.servo')} {servo}", x, 5,
               C["on"] if p.servo else C["off"])
    x = _badge(surface, fonts.normal, f"{tr('ui.deadman')}: "
               f"{tr('ui.held') if p.deadman else tr('ui.released')}", x, 5,
               C["on"] if p.deadman else C["off"])
    x = _badge(surface, fonts.normal, f"{tr('ui.frame')}: {p.frame}", x, 5, C["key"])
    x = _badge(surface, fonts.normal, f"{tr('ui.speed')}: {tr('speed.' + p.speed.name)}", x, 5,
               C["key"])
    x = _badge(surface, fonts.normal, f"{tr('ui.override')} {p.override_pct:.0f}%", x, 5,
               C["key"])
    x = _badge(surface, fonts.normal, tr("ui.weld_on") if p.weld_enabled else tr("ui.dry_run"),
               x, 5, C["alarm"] if p.weld_enabled else C["key"])
    if not p.coaching.active:
        x = _badge(surface, fonts.normal, tr("coachui.exam_badge"), x, 5, C["play"])
    title = f"{p.scenario.title.get(tr.lang)}  [{tr.lang.upper()}]"
    while fonts.small.size(title)[0] > layout.top.right - x - 8 and len(title) > 8:
        title = title[:-9] + "…" + title[-6:] if "…" not in title else \
            title[:title.index("…") - 1] + title[title.index("…"):]
    w = fonts.small.size(title)[0]
    if w <= layout.top.right - x - 8:
        _text(surface, fonts.small, title, (layout.top.right - w - 8, 10), C["dim"])
    if kinematics_ready:
        _draw_readout(surface, layout, fonts, p, tr)
    else:
        surface.fill(C["panel"], layout.readout)
    if layout.coach.height:
        draw_coaching(surface, layout.coach, fonts, p, tr,
                      ready=kinematics_ready and coaching_ready)
    _draw_job(surface, layout, fonts, p, tr)
    _draw_alarms(surface, layout, fonts, p, tr)
    _draw_jog_pad(surface, layout, fonts, p)
    _draw_keys(surface, layout, fonts, tr, pressed, deadman_held)


def _draw_readout(surface, layout, fonts, p, tr):
    C = COLORS
    r = layout.readout
    surface.fill(C["panel"], r)
    ro = p.readout()
    _text(surface, fonts.small, tr("ui.joints"), (r.left + 8, r.top + 6), C["dim"])
    for i, v in enumerate(ro["joints_deg"]):
        _text(surface, fonts.mono, f"J{i + 1} {_num(v)}", (r.left + 8 + (i % 3) * 128,
                                                          r.top + 24 + (i // 3) * 18))
    _text(surface, fonts.small, tr("ui.position", frame=ro["frame"]) + f"   {ro['conf']}",
          (r.left + 8, r.top + 62), C["dim"])
    vals = [*ro["xyz_mm"], *ro["rpy_deg"]]
    names = ("X", "Y", "Z", "RX", "RY", "RZ")
    for i, (n, v) in enumerate(zip(names, vals, strict=True)):
        _text(surface, fonts.mono, f"{n:>2} {_num(v)}", (r.left + 8 + (i % 3) * 128,
                                                       r.top + 80 + (i // 3) * 18))


def _draw_job(surface, layout, fonts, p, tr):
    C = COLORS
    r = layout.job
    surface.fill((26, 28, 34), r)
    ed = p.editor
    head = tr("ui.job", name=ed.name) + ("  " + tr("ui.unsaved") if p.dirty else "")
    _text(surface, fonts.normal, head, (r.left + 8, r.top + 4), C["hl"])
    lines = ed.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    errors = {d.line: d for d in ed.diagnostics}
    current = ed.current_line
    lh = layout.job_line_h
    top = r.top + 28
    footer = _footer_lines(ed, lines, fonts.mono, r.width - 16)
    bottom = r.bottom - 4 - (len(footer) * 17 + 8 if footer else 0)
    rows = (bottom - top) // lh
    first = 0
    if current and len(lines) > rows:
        first = max(0, min(len(lines) - rows, current - rows // 2))
    layout.job_rows = []
    for k in range(first, min(len(lines), first + rows)):
        number = k + 1
        y = top + (k - first) * lh
        row = pygame.Rect(r.left + 2, y, r.width - 4, lh)
        layout.job_rows.append((number, row))
        if number == current:
            surface.fill(C["hl_bg"], row)
        elif number in errors:
            surface.fill(C["err_bg"], row)
        color = C["hl"] if number == current else C["text"]
        _text(surface, fonts.mono, f"{number:4d} {lines[k]}"[:90], (r.left + 6, y + 2), color)
        if number in errors:
            msg = errors[number].message_in(tr.lang)
            w = fonts.mono.size(f"{number:4d} {lines[k]}")[0] + 16
            _text(surface, fonts.small, "<- " + msg, (r.left + min(w, r.width - 200), y + 2),
                  C["alarm"])
    if footer:
        box = pygame.Rect(r.left + 2, bottom + 2, r.width - 4, r.bottom - bottom - 4)
        surface.fill(C["panel"], box)
        for k, text in enumerate(footer):
            _text(surface, fonts.mono, text, (r.left + 8, box.top + 4 + 17 * k), C["hl"])


def _footer_lines(editor, lines: list[str], font, width: int) -> list[str]:
    """The full declarations of the current move's positions, wrapped (the job list cuts long
    lines at the panel's edge)."""
    c = editor.cursor
    if not 0 <= c < len(editor.instructions):
        return []
    out = []
    for pos in instruction_positions(editor.instructions[c]):
        if pos.number is None:
            continue
        prefix = f"P{pos.number} ="
        decl = next((ln.strip() for ln in lines if ln.strip().startswith(prefix)), None)
        if decl is not None:
            out.extend(wrap(decl, font, width))
    return out[:4]


_AXIS_NAMES = {"JOINT": ("J1", "J2", "J3", "J4", "J5", "J6"),
               "CART": ("X", "Y", "Z", "RX", "RY", "RZ")}


def _draw_jog_pad(surface, layout, fonts, p):
    names = _AXIS_NAMES["JOINT" if p.frame == "JOINT" else "CART"]
    active = p.jog_key
    for (axis, sign), rect in layout.jog_rects:
        down = active == (axis, sign)
        pygame.draw.rect(surface, COLORS["key_down"] if down else COLORS["key"], rect,
                         border_radius=5)
        img = render(fonts.small, f"{names[axis]}{'+' if sign > 0 else '-'}", COLORS["text"])
        surface.blit(img, img.get_rect(center=rect.center))


def alarm_rows(p, tr, font, width: int) -> list[tuple[str, tuple]]:
    """The alarm area's lines: every active alarm (first on top, wrapped, none dropped), the
    progress line of background work, then the latest messages."""
    C = COLORS
    rows = []
    for alarm in p.alarms:
        for k, line in enumerate(wrap("! " + alarm.text(tr), font, width)):
            rows.append(((line if k == 0 else "   " + line), C["alarm"]))
    if not p.alarms:
        rows.append((tr("ui.no_alarms"), C["dim"]))
    if p.progress:
        rows.append(("... " + tr(p.progress), C["hl"]))
    for msg in p.messages[:8]:
        rows.append((msg.text(tr), C["dim"]))
    return rows


def _draw_alarms(surface, layout, fonts, p, tr):
    C = COLORS
    r = layout.alarm_list
    surface.fill(C["panel"], layout.alarms)
    rows = alarm_rows(p, tr, fonts.small, r.width - 28)
    lh = 17
    visible = max(1, (r.height - 8) // lh)
    layout.alarm_scroll = max(0, min(getattr(layout, "alarm_scroll", 0),
                                     len(rows) - visible))
    first = layout.alarm_scroll
    surface.set_clip(r)
    y = r.top + 4
    for text, color in rows[first:first + visible]:
        _text(surface, fonts.small, text, (r.left + 8, y), color)
        y += lh
    surface.set_clip(None)
    if len(rows) > visible:  # a scroll bar: wheel or Ctrl+Up/Down over the list
        bar = pygame.Rect(r.right - 10, r.top + 4, 6, r.height - 8)
        pygame.draw.rect(surface, C["key"], bar, border_radius=3)
        h = max(8, bar.height * visible // len(rows))
        top = bar.top + (bar.height - h) * first // max(1, len(rows) - visible)
        pygame.draw.rect(surface, C["key_edge"], (bar.left, top, bar.width, h),
                         border_radius=3)


def _draw_keys(surface, layout, fonts, tr, pressed, deadman_held):
    C = COLORS
    surface.fill(C["bg"], layout.keys)
    for action, rect in layout.key_rects:
        label, shortcut = next((lab, sc) for a, lab, sc in SOFT_KEYS if a == action)
        down = action in pressed or (action == "deadman" and deadman_held)
        pygame.draw.rect(surface, C["key_down"] if down else C["key"], rect, border_radius=6)
        pygame.draw.rect(surface, C["key_edge"], rect, 1, border_radius=6)
        text = tr(label)
        img = render(fonts.small, text, C["text"])
        if img.get_width() > rect.width - 6:
            img = _fit(img, rect.width - 6)
        gap = max(0, (rect.height - img.get_height() * 2) // 3)
        surface.blit(img, (rect.centerx - img.get_width() // 2, rect.top + gap))
        sc = render(fonts.small, shortcut, C["dim"])
        surface.blit(sc, (rect.centerx - sc.get_width() // 2,
                          rect.bottom - gap - sc.get_height()))


_FIT: dict = {}


def _fit(img: pygame.Surface, width: int) -> pygame.Surface:
    key = (id(img), width)
    if key not in _FIT:
        _FIT[key] = pygame.transform.smoothscale(img, (width, img.get_height()))
    return _FIT[key]
