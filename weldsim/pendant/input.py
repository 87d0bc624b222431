"""The one input handler: keyboard, mouse and gamepad events become pendant actions.

Keyboard (shown on the soft keys as well): Space deadman (hold); 1-6 jog axis + and
Q W E R T Y jog axis - (hold; one step per press when inching); Tab frame; PgUp/PgDn jog
speed; +/- override; F1 help; F2 Servo ON/OFF; F3 Teach/Play; F5/F6/F7 record
MOVEP/MOVEL/MOVEC; F8 via point; F9/F10/F11 AS/AE/WS form; F12 WE; Ctrl+M modify; Del
delete; F4 teach speed form (MOVEP R %, MOVEL/MOVEC speed); Ctrl+E the current move's
speed; Ctrl+D DELAY; Ctrl+G the last score again; Ctrl+Up/Down scroll the alarms;
Ctrl+Z/Ctrl+Y undo/redo; Up/Down line; Alt+Up/Down move the line; Left/Right step
back/forward; Enter start; Esc stop; Ctrl+W arc on/off; Ctrl+R reset; Ctrl+S save;
Ctrl+L language; V next camera; Ctrl+Q quit.

Gamepad (when one is plugged in): left/right shoulder deadman; left stick X/Y and right stick
Y jog axes 1-3 (in the jog frame); B stop; Start start.
"""

from __future__ import annotations

import pygame

__all__ = ["JOG_MINUS", "JOG_PLUS", "InputHandler"]

JOG_PLUS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6)
"""Jog + keys of axes 1-6."""
JOG_MINUS = (pygame.K_q, pygame.K_w, pygame.K_e, pygame.K_r, pygame.K_t, pygame.K_y)
"""Jog - keys of axes 1-6."""

_PLAIN = {
    pygame.K_TAB: "frame", pygame.K_PAGEUP: "speed_up", pygame.K_PAGEDOWN: "speed_down",
    pygame.K_EQUALS: "override_up", pygame.K_PLUS: "override_up", pygame.K_KP_PLUS:
    "override_up", pygame.K_MINUS: "override_down", pygame.K_KP_MINUS: "override_down",
    pygame.K_F1: "help", pygame.K_F2: "servo", pygame.K_F3: "mode", pygame.K_F4: "form_SPEED",
    pygame.K_F5: "movep", pygame.K_F6: "movel", pygame.K_F7: "movec", pygame.K_F8: "via",
    pygame.K_F9: "form_AS", pygame.K_F10: "form_AE", pygame.K_F11: "form_WS",
    pygame.K_F12: "we", pygame.K_DELETE: "delete", pygame.K_UP: "cursor_up",
    pygame.K_DOWN: "cursor_down", pygame.K_LEFT: "step_back", pygame.K_RIGHT: "step_fwd",
    pygame.K_LEFTBRACKET: "step_back", pygame.K_RIGHTBRACKET: "step_fwd",
    pygame.K_RETURN: "start", pygame.K_KP_ENTER: "start", pygame.K_ESCAPE: "stop",
    pygame.K_v: "view",
}
_CTRL = {pygame.K_m: "modify", pygame.K_z: "undo", pygame.K_y: "redo", pygame.K_w: "weld",
         pygame.K_r: "reset", pygame.K_s: "save", pygame.K_l: "lang", pygame.K_q: "quit",
         pygame.K_e: "form_LINESPEED", pygame.K_d: "form_DELAY", pygame.K_g: "score"}
_ALT = {pygame.K_UP: "line_up", pygame.K_DOWN: "line_down"}


class InputHandler:
    """Turns pygame events into ``(action, arg)`` pairs.

    Parameters
    ----------
    hit_test : callable
        ``hit_test(pos) -> (action, arg) or None`` for a mouse click (the screen layout's).

    Attributes
    ----------
    deadman_sources : set of str
        What holds the deadman now (``"key"``, ``"mouse"``, ``"pad"``): it is held while any is.
    """

    def __init__(self, hit_test, in_alarms=None):
        self.hit_test = hit_test
        self.in_alarms = in_alarms
        self.deadman_sources: set[str] = set()
        self._jog_key = None
        self._mouse_action = None
        self._pad_axis = None

    def _deadman(self, source: str, held: bool) -> list:
        before = bool(self.deadman_sources)
        (self.deadman_sources.add if held else self.deadman_sources.discard)(source)
        after = bool(self.deadman_sources)
        if after == before:
            return []
        return [("deadman_on", None)] if after else [("deadman_off", None)]

    def handle(self, event) -> list[tuple[str, object]]:
        """The actions of one event (often none)."""
        t = event.type
        if t == pygame.KEYDOWN:
            return self._key_down(event)
        if t == pygame.KEYUP:
            if event.key == pygame.K_SPACE:
                return self._deadman("key", False)
            if event.key == self._jog_key:
                self._jog_key = None
                return [("jog_release", None)]
            return []
        if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.hit_test(event.pos)
            if hit is None:
                return []
            if hit[0] == "deadman":
                self._mouse_action = "deadman"
                return self._deadman("mouse", True)
            if hit[0] == "jog":
                self._mouse_action = "jog"
            return [hit]
        if t == pygame.MOUSEBUTTONUP and event.button == 1:
            what, self._mouse_action = self._mouse_action, None
            if what == "deadman":
                return self._deadman("mouse", False)
            if what == "jog":
                return [("jog_release", None)]
            return []
        if t == pygame.MOUSEWHEEL:
            pos = getattr(event, "pos", None) or pygame.mouse.get_pos()
            if self.in_alarms is not None and self.in_alarms(pos):
                return [("alarm_scroll", -int(event.y))]
            return [("zoom", 1.1 ** event.y)]
        if t == pygame.MOUSEMOTION and event.buttons[2]:
            return [("orbit", event.rel)]
        if t == pygame.MOUSEMOTION and event.buttons[1]:
            return [("pan", event.rel)]
        if t in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
            return self._pad_button(event, t == pygame.JOYBUTTONDOWN)
        if t == pygame.JOYAXISMOTION:
            return self._pad_axis_motion(event)
        if t == pygame.QUIT:
            return [("quit", None)]
        return []

    def _key_down(self, event) -> list:
        key, mod = event.key, event.mod
        if key == pygame.K_SPACE:
            return self._deadman("key", True)
        if mod & pygame.KMOD_CTRL:
            if key in (pygame.K_UP, pygame.K_DOWN):
                return [("alarm_scroll", -1 if key == pygame.K_UP else 1)]
            return [(_CTRL[key], None)] if key in _CTRL else []
        if mod & pygame.KMOD_ALT:
            return [(_ALT[key], None)] if key in _ALT else []
        if key in JOG_PLUS or key in JOG_MINUS:
            plus = key in JOG_PLUS
            axis = (JOG_PLUS if plus else JOG_MINUS).index(key)
            self._jog_key = key
            return [("jog", (axis, 1 if plus else -1))]
        return [(_PLAIN[key], None)] if key in _PLAIN else []

    def _pad_button(self, event, down: bool) -> list:
        if event.button in (4, 5):
            return self._deadman(f"pad{event.button}", down)
        if down and event.button == 1:
            return [("stop", None)]
        if down and event.button == 7:
            return [("start", None)]
        return []

    def _pad_axis_motion(self, event) -> list:
        axes = {0: 0, 1: 1, 3: 2}
        if event.axis not in axes:
            return []
        axis = axes[event.axis]
        if abs(event.value) < 0.5:
            if self._pad_axis == axis:
                self._pad_axis = None
                return [("jog_release", None)]
            return []
        if self._pad_axis is not None:
            return []
        self._pad_axis = axis
        return [("jog", (axis, 1 if event.value > 0 else -1))]
