"""Dialogs drawn over the pendant (pygame): the exercise's instructions, a condition form, a
yes/no question and the score screen. Each has ``draw(surface, fonts, tr)`` and
``handle(event) -> list of (action, arg)``; ``done`` closes it."""

from __future__ import annotations

import numpy as np
import pygame

from weldsim.pendant.draw import COLORS, wrap
from weldsim.pendant.forms import FORMS
from weldsim.scenarios.spec import reflow

__all__ = ["ConfirmDialog", "FormDialog", "InstructionsScreen", "RecoveryDialog", "ScoreScreen"]


def _box(surface, rect, title, fonts):
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 150))
    surface.blit(shade, (0, 0))
    pygame.draw.rect(surface, COLORS["panel"], rect, border_radius=10)
    pygame.draw.rect(surface, COLORS["key_edge"], rect, 2, border_radius=10)
    img = fonts.big.render(title, True, COLORS["hl"])
    surface.blit(img, (rect.left + 20, rect.top + 14))


def _txt(value, tr) -> str:
    """A finding's text: a Message rendered in the pendant's language, else as it is."""
    return tr.render(value) if hasattr(value, "key") and hasattr(value, "params") \
        else str(value)


def _centered(surface, w, h):
    sw, sh = surface.get_size()
    return pygame.Rect((sw - w) // 2, (sh - h) // 2, w, h)


class InstructionsScreen:
    """The exercise's title and instructions, shown first."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.done = False

    def draw(self, surface, fonts, tr):
        sw, sh = surface.get_size()
        rect = _centered(surface, min(1000, sw - 40), min(460, sh - 30))
        _box(surface, rect, f"{tr('ui.instructions')}: {self.scenario.title.get(tr.lang)}",
             fonts)
        y = rect.top + 64
        text = reflow(self.scenario.instructions.get(tr.lang))
        for line in wrap(text, fonts.normal, rect.width - 40):
            surface.blit(fonts.normal.render(line, True, COLORS["text"]), (rect.left + 20, y))
            y += 24
        help_lines = wrap(tr("ui.help"), fonts.small, rect.width - 40)
        for k, line in enumerate(help_lines):
            surface.blit(fonts.small.render(line, True, COLORS["dim"]),
                         (rect.left + 20, rect.bottom - 46 - 18 * (len(help_lines) - k)))
        surface.blit(fonts.normal.render(tr("ui.press_to_start"), True, COLORS["hl"]),
                     (rect.left + 20, rect.bottom - 36))

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER,
                                                           pygame.K_ESCAPE, pygame.K_SPACE):
            self.done = True
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self.done = True
        return []


class ConfirmDialog:
    """A yes/no question; ``yes`` and ``no`` are the actions sent for each answer."""

    def __init__(self, key: str, yes, no, detail: str = ""):
        self.key, self.yes, self.no = key, yes, no
        self.detail = detail.split("\n")[:12]
        self.done = False

    def draw(self, surface, fonts, tr):
        rect = _centered(surface, min(720, surface.get_width() - 40),
                         170 + 18 * len(self.detail))
        _box(surface, rect, tr("ui.title"), fonts)
        y = rect.top + 70
        for line in wrap(tr(self.key), fonts.normal, rect.width - 40):
            surface.blit(fonts.normal.render(line, True, COLORS["text"]), (rect.left + 20, y))
            y += 24
        for line in self.detail:
            surface.blit(fonts.mono.render(line[:80], True, COLORS["dim"]), (rect.left + 28,
                                                                             y + 8))
            y += 18

    def handle(self, event):
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_y, pygame.K_RETURN):
                self.done = True
                return [self.yes] if self.yes else []
            if event.key in (pygame.K_n, pygame.K_ESCAPE):
                self.done = True
                return [self.no] if self.no else []
        return []


class RecoveryDialog:
    """After a crash: the autosave and the saved file, both with their times, the newer one
    offered first (Enter). A: use the autosave (also Y), F: keep the file (also N)."""

    def __init__(self, offer):
        self.offer = offer
        self.done = False

    @staticmethod
    def _when(stamp) -> str:
        import time

        if stamp is None:
            return "?"
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(stamp))

    def draw(self, surface, fonts, tr):
        o = self.offer
        rect = _centered(surface, min(760, surface.get_width() - 40), 230)
        _box(surface, rect, tr("ui.recover_title"), fonts)
        y = rect.top + 60
        for line in wrap(tr("ui.recover"), fonts.normal, rect.width - 40):
            surface.blit(fonts.normal.render(line, True, COLORS["text"]), (rect.left + 20, y))
            y += 22
        y += 10
        rows = [("autosave", tr("ui.recover_autosave", when=self._when(o.autosaved_at),
                                lines=len(o.text.splitlines()))),
                ("file", tr("ui.recover_file", when=self._when(o.file_mtime),
                            lines=len(o.file_text.splitlines())) if o.file_text is not None
                 else tr("ui.recover_no_file"))]
        for which, text in rows:
            newer = which == o.newer
            box = pygame.Rect(rect.left + 16, y - 4, rect.width - 32, 30)
            if newer:
                pygame.draw.rect(surface, COLORS["hl_bg"], box, border_radius=4)
            label = text + ("   <- " + tr("ui.newer") if newer else "")
            surface.blit(fonts.normal.render(label, True, COLORS["hl"] if newer else
                                             COLORS["text"]), (rect.left + 24, y))
            y += 36
        surface.blit(fonts.small.render(tr("ui.recover_keys"), True, COLORS["dim"]),
                     (rect.left + 20, rect.bottom - 30))

    def handle(self, event):
        if event.type != pygame.KEYDOWN:
            return []
        choice = {pygame.K_a: "autosave", pygame.K_y: "autosave", pygame.K_f: "file",
                  pygame.K_n: "file", pygame.K_RETURN: self.offer.newer,
                  pygame.K_KP_ENTER: self.offer.newer}.get(event.key)
        if choice is None:
            return []
        self.done = True
        if choice == "autosave":
            return [("restore", self.offer.text)]
        return [("discard_recovery", None)]


class FormDialog:
    """A form: fields with units and allowed ranges (the AS / AE / WS conditions, the teach
    speed, a move's speed, DELAY). Each number shows the machine's range and, where the
    exercise's WPS sets one, the WPS window beside it.

    Up/Down chooses a field, Left/Right changes it by its step (or the choice), digits type a
    value, Enter sends ``action(values)``, Esc cancels.

    Parameters
    ----------
    kind : str
        ``"AS"``, ``"AE"``, ``"WS"`` (conditions), or another form's name (title
        ``ui.form_<kind>``).
    fields : tuple of Field, optional
        The fields (default: the condition form's).
    values : dict, optional
        Starting values (default: the fields' defaults).
    windows : dict, optional
        WPS window per field name, ``(lo, hi)`` in the field's unit.
    action : callable, optional
        ``action(values) -> (name, arg)`` sent on Enter (default: insert the condition).
    on_change : callable, optional
        ``on_change(field_name, values) -> (fields, values) or None`` after a choice changes.
    """

    def __init__(self, kind: str, fields=None, values=None, windows=None, action=None,
                 on_change=None):
        self.kind = kind
        self.fields = tuple(fields) if fields is not None else FORMS[kind]
        self.values = dict(values) if values is not None else \
            {f.name: f.default for f in self.fields}
        self.windows = dict(windows or {})
        self.action = action or (lambda v, k=kind: ("insert", {"kind": k, "values": v}))
        self.on_change = on_change
        self.index = 0
        self.typed = ""
        self.done = False

    def _commit_typed(self):
        if self.typed:
            f = self.fields[self.index]
            try:
                self.values[f.name] = float(self.typed)
            except ValueError:
                pass
            self.typed = ""

    def draw(self, surface, fonts, tr):
        sw, _ = surface.get_size()
        w = min(760, sw - 40)
        rect = _centered(surface, w, 130 + 36 * len(self.fields))
        _box(surface, rect, tr(f"ui.form_{self.kind}"), fonts)
        x_value, x_range, x_wps = (rect.left + int(w * 0.34), rect.left + int(w * 0.56),
                                   rect.left + int(w * 0.78))
        head_y = rect.top + 48
        surface.blit(fonts.small.render(tr("ui.machine_range"), True, COLORS["dim"]),
                     (x_range, head_y))
        if self.windows:
            surface.blit(fonts.small.render(tr("ui.wps_window"), True, COLORS["on"]),
                         (x_wps, head_y))
        for i, f in enumerate(self.fields):
            y = rect.top + 72 + 36 * i
            if i == self.index:
                pygame.draw.rect(surface, COLORS["hl_bg"], (rect.left + 12, y - 4,
                                                            rect.width - 24, 32))
            v = self.values[f.name]
            value = self.typed + "_" if (i == self.index and self.typed) else \
                (v if f.choices else f"{v:g}")
            rng = " / ".join(f.choices) if f.choices else f"{f.lo:g} - {f.hi:g} {f.unit}"
            label = tr(f"field.{f.name}")
            surface.blit(fonts.normal.render(label, True, COLORS["text"]), (rect.left + 24, y))
            surface.blit(fonts.normal.render(f"{value} {f.unit}", True, COLORS["hl"]),
                         (x_value, y))
            surface.blit(fonts.small.render(rng, True, COLORS["dim"]), (x_range, y + 3))
            win = self.windows.get(f.name)
            if win is not None:
                inside = f.choices or win[0] <= float(v) <= win[1]
                surface.blit(fonts.small.render(f"{win[0]:g} - {win[1]:g} {f.unit}", True,
                                                COLORS["on"] if inside else COLORS["play"]),
                             (x_wps, y + 3))
        inserts = self.kind in (*FORMS, "DELAY")
        surface.blit(fonts.small.render(tr("ui.form_help" if inserts else "ui.form_help_apply"),
                                        True, COLORS["dim"]), (rect.left + 20, rect.bottom - 28))

    def handle(self, event):
        if event.type == pygame.TEXTINPUT:
            if all(ch in "0123456789.," for ch in event.text):
                self.typed += event.text.replace(",", ".")
            return []
        if event.type != pygame.KEYDOWN:
            return []
        f = self.fields[self.index]
        key = event.key
        if key == pygame.K_ESCAPE:
            self.done = True
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._commit_typed()
            self.done = True
            return [self.action(dict(self.values))]
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self._commit_typed()
            self.index = (self.index + (1 if key == pygame.K_DOWN else -1)) % len(self.fields)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            self._commit_typed()
            sign = 1 if key == pygame.K_RIGHT else -1
            if f.choices:
                k = f.choices.index(self.values[f.name])
                self.values[f.name] = f.choices[(k + sign) % len(f.choices)]
                if self.on_change is not None:
                    changed = self.on_change(f.name, dict(self.values))
                    if changed is not None:
                        self.fields, self.values = tuple(changed[0]), dict(changed[1])
            else:
                v = round(self.values[f.name] + sign * f.step, 6)
                self.values[f.name] = min(f.hi, max(f.lo, v))
        elif key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        return []


_WINDOWS = {"aim_lateral_mm": "aim_mm", "work_angle_deg": "work_angle_deg",
            "travel_angle_deg": "travel_angle_deg", "ctwd_mm": "ctwd_mm"}
_PLOTS = (("aim_lateral_mm", "crit.aim", "mm"), ("work_angle_deg", "crit.work_angle", "deg"),
          ("travel_angle_deg", "crit.travel_angle", "deg"), ("ctwd_mm", "crit.ctwd", "mm"),
          ("travel_speed_mm_s", "crit.travel_speed", "mm/s"))


class ScoreScreen:
    """The score after a weld: total, pass/fail, criteria, the three fixes that matter most
    (click one to go to its job line) and plots along the seam."""

    def __init__(self, run):
        self.run = run
        self.card = run.card
        self.done = False
        self.fix_rows: list[tuple[int, pygame.Rect]] = []
        self.close_rect = pygame.Rect(0, 0, 0, 0)

    def draw(self, surface, fonts, tr):
        card = self.card
        sw, sh = surface.get_size()
        rect = _centered(surface, min(1200, sw - 20), min(660, sh - 16))
        compact = rect.height < 640
        row_h = 19 if compact else 24
        left_w = min(560, int(rect.width * 0.5) - 30)
        _box(surface, rect, tr("ui.score"), fonts)
        color = COLORS["on"] if card.passed else COLORS["alarm"]
        surface.blit(fonts.huge.render(f"{card.score:.1f}", True, color),
                     (rect.left + 20, rect.top + 56))
        verdict = tr("ui.passed") if card.passed else tr("ui.failed")
        if card.iso5817_level:
            verdict += f"   ISO 5817: {card.iso5817_level}"
        surface.blit(fonts.big.render(verdict, True, color), (rect.left + 170, rect.top + 70))
        y = rect.top + 120
        surface.blit(fonts.normal.render(tr("ui.criteria"), True, COLORS["dim"]),
                     (rect.left + 20, y))
        y += 26
        for name, c in card.criteria.items():
            label = tr(f"crit.{name}")
            surface.blit((fonts.small if compact else fonts.normal).render(
                f"{label}", True, COLORS["text"]), (rect.left + 24, y))
            bar = pygame.Rect(rect.left + 190, y + 4, min(180, left_w - 290), 12)
            pygame.draw.rect(surface, COLORS["key"], bar)
            pygame.draw.rect(surface, COLORS["on"] if c.score >= 70 else COLORS["play"],
                             (bar.left, bar.top, int(bar.width * c.score / 100), bar.height))
            surface.blit(fonts.small.render(f"{c.score:.0f}  ({c.weight:g}%)", True,
                                            COLORS["text"]), (bar.right + 8, y + 2))
            y += row_h
        for gate in card.gates:
            surface.blit(fonts.small.render(f"! {gate.name}: {_txt(gate.detail, tr)}"[:90], True,
                                            COLORS["alarm"]), (rect.left + 24, y))
            y += 20
        alarm = getattr(self.run, "alarm", None)
        if alarm is not None:
            text = tr.render(alarm.message) if hasattr(alarm, "message") else str(alarm)
            surface.blit(fonts.small.render(f"! {text}"[:90], True, COLORS["alarm"]),
                         (rect.left + 24, y))
            y += 20
        y = max(y + 8, rect.top + (300 if compact else 330))
        surface.blit(fonts.normal.render(tr("ui.fixes"), True, COLORS["dim"]),
                     (rect.left + 20, y))
        y += 26
        self.fix_rows = []
        if not card.findings:
            surface.blit(fonts.small.render("-", True, COLORS["text"]), (rect.left + 24, y))
        for f in card.worst(3):
            where = f"{tr('word.line')} {f.line}: " if f.line else ""
            lines = wrap(f"{where}{_txt(f.what, tr)} - {_txt(f.fix, tr)}", fonts.small,
                         left_w - 20)
            lines = lines[:2 if compact else 3]
            row = pygame.Rect(rect.left + 16, y - 2, left_w, 18 * len(lines) + 6)
            pygame.draw.rect(surface, COLORS["key"], row, border_radius=4)
            for k, line in enumerate(lines):
                surface.blit(fonts.small.render(line, True, COLORS["hl"] if f.line else
                                                COLORS["text"]), (row.left + 6, y + 18 * k))
            self.fix_rows.append((f.line, row))
            y = row.bottom + 6
        px = rect.left + left_w + 40
        self._draw_plots(surface, fonts, tr, pygame.Rect(px, rect.top + 56, rect.right - px - 20,
                                                         rect.height - 110))
        self.close_rect = pygame.Rect(rect.right - 130, rect.bottom - 44, 110, 32)
        pygame.draw.rect(surface, COLORS["key"], self.close_rect, border_radius=6)
        img = fonts.normal.render(tr("ui.close"), True, COLORS["text"])
        surface.blit(img, img.get_rect(center=self.close_rect.center))

    def _draw_plots(self, surface, fonts, tr, area):
        m = self.run.metrics
        if m is None:
            return
        mask = np.asarray(m.arc_on) & np.asarray(m.on_seam)
        if not mask.any():
            return
        s = np.asarray(m.s_mm)[mask]
        windows = self.run.scenario.windows
        h = (area.height - 70) // len(_PLOTS)
        x0, x1 = float(np.nanmin(s)), float(np.nanmax(s))
        for k, (attr, label, unit) in enumerate(_PLOTS):
            box = pygame.Rect(area.left + 40, area.top + 20 + k * h, area.width - 50, h - 22)
            v = np.asarray(getattr(m, attr))[mask]
            ok = np.isfinite(v) & np.isfinite(s)
            surface.fill((26, 28, 34), box)
            surface.blit(fonts.small.render(f"{tr(label)} [{unit}]", True, COLORS["text"]),
                         (box.left, box.top - 16))
            if ok.sum() < 2:
                continue
            xs, ys = s[ok], v[ok]
            win = windows.get(_WINDOWS.get(attr, ""))
            lo, hi = float(ys.min()), float(ys.max())
            if win is not None:
                lo, hi = min(lo, win.full_lo), max(hi, win.full_hi)
            pad = max(0.1 * (hi - lo), 0.5)
            lo, hi = lo - pad, hi + pad

            def px(x, y, x0=x0, x1=x1, lo=lo, hi=hi, box=box):
                return (box.left + (x - x0) / max(x1 - x0, 1e-9) * box.width,
                        box.bottom - (y - lo) / (hi - lo) * box.height)

            if win is not None:
                top, bottom = px(x0, win.full_hi)[1], px(x0, win.full_lo)[1]
                pygame.draw.rect(surface, (40, 70, 45), (box.left, top, box.width,
                                                         max(1, bottom - top)))
            step = max(1, len(xs) // box.width)
            pts = [px(a, b) for a, b in zip(xs[::step], ys[::step], strict=True)]
            pygame.draw.lines(surface, COLORS["hl"], False, pts, 2)
            surface.blit(fonts.small.render(f"{hi:.1f}", True, COLORS["dim"]),
                         (area.left, box.top))
            surface.blit(fonts.small.render(f"{lo:.1f}", True, COLORS["dim"]),
                         (area.left, box.bottom - 12))
        axis = f"s = {x0:.0f} ... {x1:.0f} mm"
        surface.blit(fonts.small.render(axis, True, COLORS["dim"]),
                     (area.right - fonts.small.size(axis)[0] - 10, area.bottom - 30))

    def handle(self, event):
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for line, row in self.fix_rows:
                if row.collidepoint(event.pos) and line:
                    self.done = True
                    return [("goto_line", line)]
            if self.close_rect.collidepoint(event.pos):
                self.done = True
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            self.done = True
        return []
