"""Dialogs drawn over the pendant (pygame): the exercise's instructions, a condition form, a
yes/no question and the score screen. Each has ``draw(surface, fonts, tr)`` and
``handle(event) -> list of (action, arg)``; ``done`` closes it."""

from __future__ import annotations

import numpy as np
import pygame

from weldsim.i18n import render
from weldsim.pendant.draw import COLORS, wrap
from weldsim.pendant.forms import FORMS, defaults
from weldsim.scenarios.spec import reflow

__all__ = ["ConfirmDialog", "FormDialog", "InstructionsScreen", "ScoreScreen"]


def _box(surface, rect, title, fonts):
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 150))
    surface.blit(shade, (0, 0))
    pygame.draw.rect(surface, COLORS["panel"], rect, border_radius=10)
    pygame.draw.rect(surface, COLORS["key_edge"], rect, 2, border_radius=10)
    img = fonts.big.render(title, True, COLORS["hl"])
    surface.blit(img, (rect.left + 20, rect.top + 14))


def _centered(surface, w, h):
    sw, sh = surface.get_size()
    return pygame.Rect((sw - w) // 2, (sh - h) // 2, w, h)


class InstructionsScreen:
    """The exercise's title and instructions, shown first."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.done = False

    def draw(self, surface, fonts, tr):
        rect = _centered(surface, 1000, 440)
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
        rect = _centered(surface, 720, 170 + 18 * len(self.detail))
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


class FormDialog:
    """The AS / AE / WS conditions form: fields with units and allowed ranges.

    Up/Down chooses a field, Left/Right changes it by its step (or the choice), digits type a
    value, Enter inserts the instruction, Esc cancels.
    """

    def __init__(self, kind: str):
        self.kind = kind
        self.fields = FORMS[kind]
        self.values = defaults(kind)
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
        rect = _centered(surface, 640, 110 + 36 * len(self.fields))
        _box(surface, rect, tr(f"ui.form_{self.kind}"), fonts)
        for i, f in enumerate(self.fields):
            y = rect.top + 62 + 36 * i
            if i == self.index:
                pygame.draw.rect(surface, COLORS["hl_bg"], (rect.left + 12, y - 4,
                                                            rect.width - 24, 32))
            value = self.typed + "_" if (i == self.index and self.typed) else \
                (self.values[f.name] if f.choices else f"{self.values[f.name]:g}")
            rng = " / ".join(f.choices) if f.choices else f"{f.lo:g} - {f.hi:g} {f.unit}"
            surface.blit(fonts.normal.render(tr(f"field.{f.name}"), True, COLORS["text"]),
                         (rect.left + 24, y))
            surface.blit(fonts.normal.render(f"{value} {f.unit}", True, COLORS["hl"]),
                         (rect.left + 250, y))
            surface.blit(fonts.small.render(rng, True, COLORS["dim"]), (rect.left + 420, y + 3))
        surface.blit(fonts.small.render(tr("ui.form_help"), True, COLORS["dim"]),
                     (rect.left + 20, rect.bottom - 28))

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
            return [("insert", {"kind": self.kind, "values": dict(self.values)})]
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self._commit_typed()
            self.index = (self.index + (1 if key == pygame.K_DOWN else -1)) % len(self.fields)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            self._commit_typed()
            sign = 1 if key == pygame.K_RIGHT else -1
            if f.choices:
                k = f.choices.index(self.values[f.name])
                self.values[f.name] = f.choices[(k + sign) % len(f.choices)]
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
        rect = _centered(surface, 1200, 660)
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
            surface.blit(fonts.normal.render(f"{label}", True, COLORS["text"]),
                         (rect.left + 24, y))
            bar = pygame.Rect(rect.left + 190, y + 4, 180, 14)
            pygame.draw.rect(surface, COLORS["key"], bar)
            pygame.draw.rect(surface, COLORS["on"] if c.score >= 70 else COLORS["play"],
                             (bar.left, bar.top, int(bar.width * c.score / 100), bar.height))
            surface.blit(fonts.small.render(f"{c.score:.0f}  ({c.weight:g}%)", True,
                                            COLORS["text"]), (bar.right + 8, y + 2))
            y += 24
        for gate in card.gates:
            detail = render(gate.detail, tr.lang)
            surface.blit(fonts.small.render(f"! {gate.name}: {detail}"[:70], True,
                                            COLORS["alarm"]), (rect.left + 24, y))
            y += 20
        y = max(y + 10, rect.top + 330)
        surface.blit(fonts.normal.render(tr("ui.fixes"), True, COLORS["dim"]),
                     (rect.left + 20, y))
        y += 26
        self.fix_rows = []
        if not card.findings:
            surface.blit(fonts.small.render("-", True, COLORS["text"]), (rect.left + 24, y))
        for f in card.worst(3):
            where = f"{tr('word.line')} {f.line}: " if f.line else ""
            lines = wrap(f"{where}{render(f.what, tr.lang)} - {render(f.fix, tr.lang)}",
                         fonts.small, 520)[:3]
            row = pygame.Rect(rect.left + 16, y - 2, 540, 20 * len(lines) + 6)
            pygame.draw.rect(surface, COLORS["key"], row, border_radius=4)
            for k, line in enumerate(lines):
                surface.blit(fonts.small.render(line, True, COLORS["hl"] if f.line else
                                                COLORS["text"]), (row.left + 6, y + 20 * k))
            self.fix_rows.append((f.line, row))
            y = row.bottom + 8
        self._draw_plots(surface, fonts, tr, pygame.Rect(rect.left + 600, rect.top + 56, 580,
                                                         560))
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
