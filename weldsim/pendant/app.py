"""The pendant window (pygame): the 3D view, the pendant panel, dialogs, and the frame loop
that feeds input (keyboard, mouse, gamepad or a script) to one handler.

Run it with ``weldsim pendant [SCENARIO]``; headless with ``SDL_VIDEODRIVER=dummy``.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path

import pygame

from weldsim.pendant import files, forms
from weldsim.pendant.actions import apply_action
from weldsim.pendant.controller import DiskChanged, Pendant
from weldsim.pendant.draw import COLORS, Fonts, Layout, draw_panel
from weldsim.pendant.i18n import LANGUAGES, Translator
from weldsim.pendant.input import InputHandler
from weldsim.pendant.overlays import (
    ConfirmDialog,
    FormDialog,
    InstructionsScreen,
    RecoveryDialog,
    ScoreScreen,
)
from weldsim.pendant.script import SCRIPT_DT, ScriptRunner
from weldsim.pendant.settings import remember_lang

__all__ = ["DEFAULT_SIZE", "PendantApp"]

DEFAULT_SIZE = (1280, 720)
"""Window size [px] at start; the window can be resized (the layout follows)."""

_IMMEDIATE = frozenset({"lang", "help", "view", "zoom", "orbit", "pan", "alarm_scroll",
                        "deadman"})
"""Actions that only change what is shown: never held back while the kernels load (every
other action is, in order and with its timing, see :meth:`PendantApp.do`)."""

_VIEW_PRESETS = ("iso", "front", "top", "torch")
_MODS = {"ctrl": pygame.KMOD_CTRL, "shift": pygame.KMOD_SHIFT, "alt": pygame.KMOD_ALT}


class PendantApp:
    """The pendant window.

    Parameters
    ----------
    pendant : Pendant
    lang : str
        ``"id"`` or ``"en"``.
    size : tuple of int
        Window size [px].
    script : list of dict, optional
        Steps of a script (see :mod:`weldsim.pendant.script`); time then runs at exactly
        1/60 s per frame.
    recovery : RecoveryOffer, optional
        Autosaved work found at start: the app shows it beside the saved file, both with
        their times, and offers the newer.
    show_instructions : bool
        Show the exercise's instructions first.
    record : pathlib.Path, optional
        Write the keyboard and mouse input of this session there as a script, with the time
        between events (``{"time": s}``), so a replay moves the robot the same distance.
    """

    def __init__(self, pendant: Pendant, *, lang: str = "id", size=DEFAULT_SIZE,
                 script: list | None = None, recovery=None,
                 show_instructions: bool = True, record: Path | None = None):
        pygame.display.init()
        pygame.font.init()
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("weldsim pendant")
        self.pendant = pendant
        self.tr = Translator(lang)
        self.layout = Layout(self.screen.get_size(), coaching=pendant.coaching.gauges_shown)
        self.fonts = Fonts()
        self._ribbons = (None, ())
        self.input = InputHandler(lambda pos: self.layout.hit(pos),
                                  lambda pos: self.layout.alarm_list.collidepoint(pos))
        self._deferred: list[tuple[str, object, float]] = []
        self._replaying = False
        self._replay_offset: float | None = None
        self._app_time = 0.0
        self.script = ScriptRunner(script) if script is not None else None
        self.dialogs: list = []
        self.frame_count = 0
        self.warp = 1
        self.running = True
        self.pressed: set[str] = set()
        self._view_preset = 0
        self.view = self._make_view()
        self._pads = []
        if pygame.joystick.get_init() or script is None:
            try:
                pygame.joystick.init()
                self._pads = [pygame.joystick.Joystick(i)
                              for i in range(pygame.joystick.get_count())]
            except pygame.error:
                self._pads = []
        if show_instructions:
            self.dialogs.append(InstructionsScreen(pendant.scenario))
        if recovery is not None:
            self.dialogs.append(RecoveryDialog(recovery))
        self._last_run = None
        self.record_path = Path(record) if record is not None else None
        self._recorded: list[dict] = []
        self._record_time = 0.0
        # numba loads the kinematics and 3D-view kernels on their first call (about a
        # second): do that beside the first frames, so the window opens at once; a script
        # waits for it, so that scripted runs stay deterministic.
        self._ready = threading.Event()          # everything a key press needs is loaded
        self._view_ready = threading.Event()     # the readout and the 3D view can be drawn
        self._warm_thread = None
        pendant.coaching.defer_process_start = True   # started by _warm_up, when it is done
        if script is None:
            self._warm_thread = threading.Thread(target=self._warm_up, name="pendant-warm-up",
                                                 daemon=True)
            self._warm_thread.start()
        else:
            self._warm_up()

    def _warm_up(self) -> None:
        """Load everything a first key press needs before it can be asked for: the numba
        kernels of the readout, the jog (inverse kinematics, singularities), the planner and
        the 3D view, and the collision cell. Motion keys pressed meanwhile wait (in order) and
        run when this is done; none is dropped."""
        try:
            p = self.pendant
            p.readout()
            if self.view is not None:
                r = self.layout.view
                self.view.draw(pygame.Surface((r.width, r.height)), p.q)
            self._view_ready.set()
            p.robot.ik(p.tcp_base(), tool=p.tool)
            p.robot.singularities(p.q)
            _ = p.cell
            _warm_planner(p)
            if p.coaching.gauges_shown:     # the gauges' code and its ray cast
                p.coaching.reading()
        finally:
            self._view_ready.set()
            self._ready.set()
            self.pendant.coaching.start_process()

    @property
    def ready(self) -> bool:
        """True once everything a key press needs has loaded (kernels, cell)."""
        return self._ready.is_set()

    @property
    def view_ready(self) -> bool:
        """True once the readout and the 3D view can be drawn (the first full frame)."""
        return self._view_ready.is_set()

    # -- the 3D view --------------------------------------------------------------------------
    def _make_view(self):
        try:
            from weldsim.pendant.view3d import View3D
        except ImportError:
            return None
        r = self.layout.view
        return View3D(self.pendant.scenario, self.pendant.robot, (r.width, r.height))

    def _draw_view(self):
        r = self.layout.view
        sub = self.screen.subsurface(r)
        if self.view is None or not self.view_ready:
            sub.fill(COLORS["view_bg"])
            img = self.fonts.big.render(self.tr("ui.view_loading"), True, COLORS["dim"])
            sub.blit(img, img.get_rect(center=(r.width // 2, r.height // 2)))
            return
        self.view.draw(sub, self.pendant.q, highlight=self._highlight(),
                       helpers=self.helpers(), caption=self.camera_caption)

    def camera_caption(self, preset: str, moved: bool) -> str:
        """The 3D view's camera caption in the window's language (``kamera: atas``)."""
        return self.tr("view.camera_moved" if moved else "view.camera",
                       name=self.tr(f"view.cam.{preset}"))

    def helpers(self):
        """The 3D view's coaching helpers now (None in exam mode): aim point, drop line
        with its length in the window's language, the predicted bead."""
        coach = self.pendant.coaching
        if not coach.active or not self.ready:   # the warm-up thread may still use the cell
            return None
        from weldsim.pendant._view.helpers import Helpers, drop_label

        reading = coach.reading()
        drop = coach.drop()
        if drop is None or not (math.isfinite(drop.mm) or drop.inside):
            drop_mm, foot, label, inside = None, None, "", False
        else:
            drop_mm = drop.mm if math.isfinite(drop.mm) else None
            foot, inside = drop.foot_m, drop.inside
            label = drop_label(drop, self.tr.lang, self.tr)
        return Helpers(aim_point_m=getattr(reading, "aim_point_m", None),
                       drop_point_m=foot, drop_mm=drop_mm, drop_label=label,
                       drop_inside=inside, predicted=self._predicted())

    def _predicted(self) -> tuple:
        """Ribbons of the predicted bead (made once per prediction)."""
        prediction = self.pendant.coaching.prediction
        if self._ribbons[0] is not prediction:
            from weldsim.pendant._view.helpers import ribbon

            ribbons = []
            for ps in getattr(prediction, "seams", ()) or ():
                r = ribbon(ps.points_m, _per_point_mm(ps.width_mm) / 1000.0, ps.level)
                if r is not None:
                    ribbons.append(r)
            self._ribbons = (prediction, tuple(ribbons))
        return self._ribbons[1]

    def _highlight(self):
        alarms = [a for a in self.pendant.alarms if a.key == "alarm.collision"]
        if not alarms:
            return None
        a = alarms[-1].args
        return {a["link"].replace(" ", "_"), a["other"]}

    # -- actions ------------------------------------------------------------------------------
    def do(self, name: str, arg=None) -> None:
        """Do one action (from the input handler, a dialog or a script). Actions that come
        before the kernels have loaded are held back and replayed once they have, in order
        and with the time between them (a jog key held 1 s still jogs 1 s); only the view
        and the language change at once."""
        p = self.pendant
        waiting = bool(self._deferred) or (not self.ready and name != "quit")
        if name not in _IMMEDIATE and not self._replaying and waiting:
            self._deferred.append((name, arg, self._app_time))
            return
        if name == "deadman":  # a soft key clicked: held by the mouse (see InputHandler)
            return
        if name.startswith("form_"):
            self._open_form(name[5:])
        elif name == "save":
            self._save(force=arg == "force")
        elif name == "lang":
            self.tr.lang = LANGUAGES[(LANGUAGES.index(self.tr.lang) + 1) % len(LANGUAGES)]
            if not remember_lang(self.tr.lang):
                p.note("info.lang_not_saved")
            p.note("info.lang")
        elif name == "score":
            if self._last_run is None:
                p.note("info.no_score")
            elif not any(isinstance(d, ScoreScreen) for d in self.dialogs):
                self.dialogs.append(ScoreScreen(self._last_run))
        elif name == "alarm_scroll":
            self.layout.alarm_scroll = max(0, self.layout.alarm_scroll + int(arg))
        elif name == "help":
            self.dialogs.append(InstructionsScreen(p.scenario))
        elif name == "view":
            self._view_preset = (self._view_preset + 1) % len(_VIEW_PRESETS)
            if self.view is not None:
                self.view.preset(_VIEW_PRESETS[self._view_preset])
        elif name in ("zoom", "orbit", "pan"):
            if self.view is not None:
                if name == "zoom":
                    self.view.zoom(arg)
                elif name == "orbit":
                    self.view.orbit(-arg[0] * 0.01, arg[1] * 0.01)
                else:
                    self.view.pan(*arg)
        elif name == "quit":
            if p.dirty and arg != "force" and self.script is None:
                self.dialogs.append(ConfirmDialog("ui.discard", ("quit", "force"), None))
            else:
                self.running = False
        elif name == "restore":
            p.load_text(arg, p.job_path.name)
            p.note("info.restored")
        elif name == "discard_recovery":
            if p.recovery_dir is not None:
                files.discard_recovery(p.recovery_dir, p.recovery_key())
        elif not apply_action(p, name, arg):
            raise ValueError(f"unknown action {name!r}")

    def _run_deferred(self) -> None:
        """Replay held-back actions whose time has come (see :meth:`do`)."""
        if not (self._deferred and self.ready):
            self._replay_offset = None
            return
        if self._replay_offset is None:
            self._replay_offset = self._app_time - self._deferred[0][2]
        self._replaying = True
        try:
            while self._deferred and \
                    self._deferred[0][2] + self._replay_offset <= self._app_time + 1e-9:
                name, arg, _ = self._deferred.pop(0)
                self.do(name, arg)
        finally:
            self._replaying = False

    def _save(self, force: bool = False) -> None:
        try:
            self.pendant.save(force=force)
        except DiskChanged:
            self.dialogs.append(ConfirmDialog("ui.disk_changed", ("save", "force"), None,
                                              str(self.pendant.job_path)))

    def _open_form(self, kind: str) -> None:
        p = self.pendant
        if kind in forms.FORMS:
            self.dialogs.append(FormDialog(kind, values=forms.wps_values(kind, p.scenario),
                                           windows=forms.wps_windows(kind, p.scenario)))
        elif kind == "SPEED":
            rs = p.record_speed

            def unit_changed(name, values):
                if name != "unit":
                    return None
                from weldsim.program import SPEED_UNITS

                old = "cm/min" if values["unit"] == "mm/s" else "mm/s"
                v = dict(values)
                v["linear"] = round(values["linear"] / SPEED_UNITS[old]
                                    * SPEED_UNITS[values["unit"]], 3)
                return forms.speed_fields(values["unit"]), v

            self.dialogs.append(FormDialog(
                "SPEED", forms.speed_fields(rs.unit),
                {"movep_pct": rs.movep_pct, "linear": rs.linear, "unit": rs.unit},
                action=lambda v: ("record_speed", v), on_change=unit_changed))
        elif kind == "LINESPEED":
            current = p.teacher.line_speed()
            if current is None:
                p.alarm("alarm.not_a_move", line=p.editor.current_line)
                return
            value, unit = current
            self.dialogs.append(FormDialog("LINESPEED", forms.line_speed_fields(value, unit),
                                           {"speed": value},
                                           action=lambda v: ("line_speed", v["speed"])))
        elif kind == "DELAY":
            self.dialogs.append(FormDialog("DELAY", forms.delay_fields(), {"seconds": 0.5},
                                           action=lambda v: ("delay", v["seconds"])))
        else:
            raise ValueError(f"unknown form {kind!r}")

    def resize(self, size) -> None:
        """Lay the window out again for a new size (the 3D view takes its new area)."""
        self.screen = pygame.display.get_surface() or self.screen
        scroll = self.layout.alarm_scroll
        self.layout = Layout(self.screen.get_size(), coaching=self.pendant.coaching.gauges_shown)
        self.layout.alarm_scroll = scroll

    def handle(self, event) -> None:
        """Route one pygame event: to the top dialog if one is open, else to the handler."""
        if event.type == pygame.QUIT:
            self.do("quit")
            return
        if event.type in (pygame.VIDEORESIZE, getattr(pygame, "WINDOWSIZECHANGED", -1)):
            self.resize(getattr(event, "size", None) or (event.x, event.y))
            return
        if (event.type == pygame.KEYDOWN and event.key == pygame.K_l
                and event.mod & pygame.KMOD_CTRL):
            self.do("lang")                       # on every screen, dialogs included
            return
        if self.dialogs:
            dialog = self.dialogs[-1]
            for action in dialog.handle(event):
                self.do(*action)
            if dialog.done and dialog in self.dialogs:
                self.dialogs.remove(dialog)
            if event.type == pygame.KEYUP and event.key == pygame.K_SPACE:
                for action in self.input.handle(event):  # never leave the deadman stuck
                    self.do(*action)
            return
        for action in self.input.handle(event):
            self.do(*action)

    # -- scripts ------------------------------------------------------------------------------
    def _script_step(self, step: dict) -> None:
        mods = step.get("mod", [])
        mods = [mods] if isinstance(mods, str) else mods
        mod = 0
        for m in mods:
            mod |= _MODS[m]
        if "key" in step:
            code = pygame.key.key_code(step["key"])
            kind = pygame.KEYDOWN if step.get("down", True) else pygame.KEYUP
            self.handle(pygame.event.Event(kind, key=code, mod=mod, unicode=""))
        elif "tap" in step:
            code = pygame.key.key_code(step["tap"])
            for _ in range(int(step.get("repeat", 1))):
                self.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=""))
                self.handle(pygame.event.Event(pygame.KEYUP, key=code, mod=mod, unicode=""))
        elif "text" in step:
            self.handle(pygame.event.Event(pygame.TEXTINPUT, text=str(step["text"])))
        elif "click" in step or "down" in step or "up" in step:
            pos = tuple(step.get("click") or step.get("down") or step.get("up"))
            button = int(step.get("button", 1))
            if "up" not in step:
                self.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
            if "down" not in step:
                self.handle(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        elif "warp" in step:
            self.warp = max(1, min(20, int(step["warp"])))
        elif "action" in step:
            self.do(step["action"], step.get("arg"))
        elif "screenshot" in step:
            self.draw()
            self.screenshot(Path(step["screenshot"]))
        elif step.get("quit"):
            self.running = False

    def _record(self, event) -> None:
        t = event.type
        if t in (pygame.KEYDOWN, pygame.KEYUP):
            step = {"key": pygame.key.name(event.key), "down": t == pygame.KEYDOWN}
            mods = [name for name, bit in _MODS.items() if event.mod & bit]
            if mods:
                step["mod"] = mods
        elif t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and event.button == 1:
            step = {"down" if t == pygame.MOUSEBUTTONDOWN else "up": list(event.pos)}
        elif t == pygame.TEXTINPUT:
            step = {"text": event.text}
        else:
            return
        if self._record_time > 0.0:
            self._recorded.append({"time": self._record_time})
            self._record_time = 0.0
        self._recorded.append(step)

    def save_recording(self) -> None:
        """Write the recorded input as a script (see :mod:`weldsim.pendant.script`)."""
        if self.record_path is None:
            return
        import json

        lines = ["# weldsim pendant recording: " + self.pendant.scenario.id]
        lines += [json.dumps(step) for step in self._recorded]
        files.save_text(self.record_path, "\n".join(lines) + "\n")

    # -- the loop -----------------------------------------------------------------------------
    def draw(self) -> None:
        """Draw one frame into the window surface."""
        self.screen.fill(COLORS["bg"])
        self._draw_view()
        draw_panel(self.screen, self.layout, self.fonts, self.pendant, self.tr,
                   pressed=self.pressed, deadman_held=self.pendant.deadman,
                   kinematics_ready=self.view_ready, coaching_ready=self.ready)
        for dialog in self.dialogs:
            dialog.draw(self.screen, self.fonts, self.tr)

    def screenshot(self, path: Path) -> None:
        """Save the window as PNG."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))

    def frame(self, dt: float | None = None) -> None:
        """One frame: input, time (``dt`` [s]; a scripted frame is 1/60 s times the warp),
        score screen, drawing."""
        p = self.pendant
        if self.script is not None:
            for step in self.script.frame(idle=not (p.moving or p.busy or p.coaching.busy)):
                self._script_step(step)
                if not self.running:
                    return
            dt = self.script.take_dt(SCRIPT_DT * self.warp)
        for event in pygame.event.get():
            if self.record_path is not None:
                self._record(event)
            self.handle(event)
        self._run_deferred()
        if self.script is not None:
            p.worker.wait()     # a script's frames never depend on the machine's speed
            p.coaching.tick()
            p.coaching.wait()
        p.tick(dt)
        self._app_time += dt
        if self.record_path is not None:
            self._record_time += dt
        run = p.last_run
        if run is not None and run is not self._last_run:
            self._last_run = run
            self.dialogs.append(ScoreScreen(run))
        self.draw()
        pygame.display.flip()
        self.frame_count += 1

    def run(self, *, frames: int | None = None, screenshot: Path | None = None,
            first_frame_hook=None) -> int:
        """Run until quit, the end of the script, or ``frames`` frames; returns frames run."""
        clock = pygame.time.Clock()
        while self.running:
            self.frame(None if self.script is not None else
                       min(0.1, clock.tick(60) / 1000.0))
            if self.frame_count == 1 and first_frame_hook is not None:
                first_frame_hook()
            if frames is not None and self.frame_count >= frames:
                break
            if self.script is not None and self.script.done and frames is None:
                break
        if screenshot is not None:
            self.draw()
            self.screenshot(screenshot)
        return self.frame_count

    def close(self) -> None:
        """Close the window, the background work and the pendant's cell."""
        if self._warm_thread is not None:
            self._warm_thread.join(timeout=30.0)
        self.save_recording()
        self.pendant.close()
        pygame.display.quit()



def _per_point_mm(width_mm):
    """A predicted width [mm], scalar or per point, as an array (NaN as 0)."""
    import numpy as np

    return np.nan_to_num(np.asarray(width_mm, dtype=float), nan=0.0)


def _warm_planner(pendant) -> None:
    """Plan a small move from the robot's pose so that the planner's kernels are loaded
    before the first Start or step check."""
    from weldsim.motion import plan
    from weldsim.program import JointPosition, MoveP, Program

    q = tuple(float(v) for v in pendant.home_q)
    plan(Program("WARM", (MoveP(JointPosition(q), 50.0),)), pendant.robot, home_q=pendant.q,
         user_frames=pendant.user_frames)
