"""Named pendant actions: what a soft key, a keyboard key, a gamepad button or a script line
does. One table, used by the input handler and by scripts."""

from __future__ import annotations

from weldsim.pendant.state import Mode

__all__ = ["ACTIONS", "SOFT_KEYS", "apply_action"]

SOFT_KEYS: tuple[tuple[str, str, str], ...] = (
    # (action, message key of the label, keyboard shortcut shown on the key)
    ("servo", "key.servo", "F2"),
    ("mode", "key.mode", "F3"),
    ("frame", "key.frame", "Tab"),
    ("speed_up", "key.speed", "PgUp/Dn"),
    ("form_SPEED", "key.rec_speed", "F4"),
    ("movep", "key.movep", "F5"),
    ("movel", "key.movel", "F6"),
    ("movec", "key.movec", "F7"),
    ("via", "key.via", "F8"),
    ("modify", "key.modify", "Ctrl+M"),
    ("form_LINESPEED", "key.line_speed", "Ctrl+E"),
    ("form_DELAY", "key.delay", "Ctrl+D"),
    ("delete", "key.delete", "Del"),
    ("undo", "key.undo", "Ctrl+Z"),
    ("redo", "key.redo", "Ctrl+Y"),
    ("deadman", "key.deadman", "Space"),
    ("form_AS", "key.as", "F9"),
    ("form_AE", "key.ae", "F10"),
    ("form_WS", "key.ws", "F11"),
    ("we", "key.we", "F12"),
    ("step_back", "key.step_back", "Left"),
    ("step_fwd", "key.step_fwd", "Right"),
    ("start", "key.start", "Enter"),
    ("stop", "key.stop", "Esc"),
    ("weld", "key.weld", "Ctrl+W"),
    ("reset", "key.reset", "Ctrl+R"),
    ("save", "key.save", "Ctrl+S"),
    ("lang", "key.lang", "Ctrl+L"),
    ("score", "key.score", "Ctrl+G"),
    ("cursor_up", "key.up", "Up"),
    ("cursor_down", "key.down", "Down"),
)
"""The soft keys on the screen, in order."""


def apply_action(pendant, name: str, arg=None) -> bool:
    """Do a pendant action; False when ``name`` is not a pendant action (the app's own:
    forms, language, views, quit)."""
    p = pendant
    simple = {
        "servo": lambda: p.servo_off() if p.servo else p.servo_on(),
        "servo_on": p.servo_on,
        "servo_off": p.servo_off,
        "mode": lambda: p.set_mode(Mode.PLAY if p.mode is Mode.TEACH else Mode.TEACH),
        "frame": lambda: p.set_frame(arg) if arg else p.cycle_frame(),
        "speed_up": lambda: p.set_speed(p.speed_index + 1),
        "speed_down": lambda: p.set_speed(p.speed_index - 1),
        "speed": lambda: p.set_speed(int(arg)),
        "override_up": lambda: p.set_override(p.override_pct + 10),
        "override_down": lambda: p.set_override(p.override_pct - 10),
        "override": lambda: p.set_override(float(arg)),
        "movep": lambda: p.record("MOVEP", speed=arg),
        "movel": lambda: p.record("MOVEL", speed=arg),
        "movec": lambda: p.record("MOVEC", speed=arg),
        "record_speed": lambda: p.set_record_speed(**(arg or {})),
        "line_speed": lambda: p.set_line_speed(float(arg)),
        "via": p.mark_via,
        "modify": p.modify,
        "delete": p.delete,
        "undo": p.undo,
        "redo": p.redo,
        "we": lambda: p.insert_condition("WE"),
        "delay": lambda: p.insert_delay(float(arg if arg is not None else 0.5)),
        "step_fwd": lambda: p.step(+1),
        "step_back": lambda: p.step(-1),
        "start": p.play,
        "stop": p.stop,
        "weld": lambda: p.set_weld(not p.weld_enabled if arg is None else bool(arg)),
        "reset": p.reset_alarms,
        "cursor_up": lambda: p.cursor(-1),
        "cursor_down": lambda: p.cursor(+1),
        "line_up": lambda: p.move_line(-1),
        "line_down": lambda: p.move_line(+1),
        "goto_line": lambda: p.goto_line(int(arg)),
        "deadman_on": lambda: p.set_deadman(True),
        "deadman_off": lambda: p.set_deadman(False),
        "jog": lambda: p.jog_press(int(arg[0]), int(arg[1])),
        "jog_release": p.jog_release,
        "insert": lambda: p.insert_condition(arg["kind"], arg.get("values")),
    }
    fn = simple.get(name)
    if fn is None:
        return False
    fn()
    return True


ACTIONS: tuple[str, ...] = (
    "servo", "servo_on", "servo_off", "mode", "frame", "speed_up", "speed_down", "speed",
    "override_up", "override_down", "override", "movep", "movel", "movec", "via", "modify",
    "delete", "undo", "redo", "we", "delay", "step_fwd", "step_back", "start", "stop", "weld",
    "reset", "cursor_up", "cursor_down", "line_up", "line_down", "goto_line", "deadman_on",
    "deadman_off", "jog", "jog_release", "insert", "record_speed", "line_speed",
    # handled by the app
    "save", "lang", "form_AS", "form_AE", "form_WS", "form_SPEED", "form_LINESPEED",
    "form_DELAY", "score", "view", "help", "quit", "deadman", "alarm_scroll",
)
"""Every action name a script's ``{"action": ...}`` may use."""
