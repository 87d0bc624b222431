"""The teach pendant: a small façade over its parts, each with one job.

* the robot's state, switches (TEACH/PLAY, Servo, deadman, frame, speed, override) and
  alarms: here;
* jogging: :mod:`weldsim.pendant.jogging`;
* teaching and editing: :mod:`weldsim.pendant.teaching`;
* step check, Start, weld and score: :mod:`weldsim.pendant.running` (planning and welding in
  the background, :mod:`weldsim.pendant.worker`; the one weld call,
  :mod:`weldsim.pendant.weld_runner`);
* files (open, save, autosave, recovery): :mod:`weldsim.pendant.files`.

No drawing and no pygame; time passes only in :meth:`Pendant.tick`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from weldsim.kinematics import load_robot, matrix_to_rpy
from weldsim.pendant import files
from weldsim.pendant.alarms import AlarmLog
from weldsim.pendant.coaching import PendantCoach, coaching_mode
from weldsim.pendant.editor import JobEditor
from weldsim.pendant.jog import pose_in_frame
from weldsim.pendant.jogging import Jogger
from weldsim.pendant.running import Runner
from weldsim.pendant.state import FRAMES_FIXED, SPEED_LEVELS, Alarm, Mode
from weldsim.pendant.teaching import Teacher
from weldsim.pendant.weld_runner import Welder
from weldsim.pendant.worker import Worker
from weldsim.program import Program
from weldsim.scenarios.loader import load_scenario

__all__ = ["DiskChanged", "Pendant"]


class DiskChanged(Exception):
    """Saving would overwrite a job file whose content changed on disk since the pendant
    opened or last saved it (another program or person wrote it): ask first."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = Path(path)


class Pendant:
    """The teach pendant and the robot it drives.

    Parameters
    ----------
    scenario : Scenario
        The exercise (robot, tool, home, user frames, cell).
    robot : Robot, optional
        The scenario's robot, if already loaded.
    editor : JobEditor, optional
        The job (a new empty one named after the scenario when None).
    job_path : pathlib.Path, optional
        Where the job is saved (default ``./<JOBNAME>.job``: the same name from the first
        edit on, so its autosave keeps one name).
    cell : bool or Cell
        True: build the pybullet cell for collision checks; False: none (no collision
        checks); or a Cell to use.
    recovery_dir : pathlib.Path or None
        Folder of autosave files (None: no autosave).
    background : bool
        Plan, weld and score in a background thread (the window); False runs them at once
        (headless use that steps time itself).
    exam : bool
        Exam mode: no gauges, hints, predicted bead or 3D helpers (see
        :mod:`weldsim.pendant.coaching`); otherwise the scenario's ``coaching_mode``
        (practice when it has none).

    Attributes
    ----------
    q : ndarray, shape (6,)
        Joint angles now [rad].
    alarms : AlarmLog
        Active alarms, first on top (motion is refused until :meth:`reset_alarms`).
    messages : list of Alarm
        Information for the status line (last first).
    last_run : ExerciseRun or None
        The last weld's result (``last_run.card`` is the score).
    """

    def __init__(self, scenario, robot=None, *, editor: JobEditor | None = None,
                 job_path: Path | None = None, cell=True, recovery_dir: Path | None = None,
                 background: bool = False, exam: bool = False):
        self.scenario = scenario
        self.robot = robot if robot is not None else load_robot(scenario.robot)
        self.tool = scenario.tool
        self.user_frames = scenario.user_frames_base()
        self.home_q = np.array(scenario.home_q, dtype=float)
        self.q = self.home_q.copy()
        self.editor = editor or JobEditor(_job_name(scenario.id), self.robot.id, self.tool)
        self.job_path = Path(job_path) if job_path is not None else \
            Path.cwd() / f"{self.editor.name}.job"
        self.disk = files.disk_state(self.job_path)
        self.opened_text: str | None = None     # the job file's text when opened
        self.recovery_dir = recovery_dir
        self.saved_revision = self.editor.revision
        self._cell = None if cell is True else (cell or None)
        self._want_cell = cell is True
        self.mode = Mode.TEACH
        self.servo = False
        self.deadman = False
        self.frames = FRAMES_FIXED + tuple(sorted(self.user_frames))
        self.frame = "JOINT"
        self.teach_frame = "BASE"
        self.speed_index = 2
        self.override_pct = 100.0
        self.weld_enabled = False
        self.alarms = AlarmLog()
        self.messages: list[Alarm] = []
        self.last_run = None
        self.time_s = 0.0
        self._contact_depth = 0.0
        self.worker = Worker(background)
        self.welder = Welder(scenario, self.robot)  # one cell for the welds, reused
        self.worker.warm(self.welder.prepare)       # built and warmed while the window opens
        self.jogger = Jogger(self)
        self.teacher = Teacher(self)
        self.runner = Runner(self)
        self.coaching = PendantCoach(self, coaching_mode(scenario, exam))

    @classmethod
    def open(cls, scenario_id: str, job_path: Path | None = None, **kwargs) -> Pendant:
        """A pendant on a bundled exercise (or scenario file) and its job file: ``job_path``,
        or ``./<JOBNAME>.job`` (reopened when it exists). The cursor is at the top.

        Raises
        ------
        JobFileError
            The job file is not a regular, bounded UTF-8 file (the message says which).
        """
        scenario = load_scenario(scenario_id)
        if job_path is None:
            job_path = Path.cwd() / f"{_job_name(scenario.id)}.job"
        job_path = Path(job_path)
        text = files.read_job_file(job_path)
        editor = None
        if text is not None:
            editor = JobEditor.from_text(text, job_path.name)
            editor.set_cursor(-1)
        pendant = cls(scenario, editor=editor, job_path=job_path, **kwargs)
        pendant.opened_text = text
        return pendant

    @property
    def cell(self):
        """The pybullet cell that checks collisions (built on first use, so that the window
        opens before pybullet has loaded), or None without collision checks."""
        if self._cell is None and self._want_cell:
            from weldsim.sim import Cell

            self._cell = Cell(self.scenario, self.robot)
            self._cell.set_q(self.q)
        return self._cell

    def cell_if_built(self):
        """The cell if it exists already (never builds it)."""
        return self._cell

    def close(self) -> None:
        """Stop the background work and free the cell."""
        self.worker.close()
        self.coaching.close()
        self.welder.close()
        if self._cell is not None:
            self._cell.close()
        self._cell = None
        self._want_cell = False

    # -- readouts ---------------------------------------------------------------------------
    @property
    def speed(self):
        """The jog speed level (:class:`SpeedLevel`)."""
        return SPEED_LEVELS[self.speed_index]

    @property
    def moving(self) -> bool:
        """True while a jog, step or play moves the robot."""
        return self.runner.moving or (self.jogger.key is not None and not self.speed.inching)

    @property
    def mode_name(self) -> str:
        """The coaching mode: ``"practice"`` or ``"exam"``."""
        return self.coaching.mode

    @property
    def busy(self) -> bool:
        """True while planning, welding or scoring runs in the background."""
        return self.worker.busy

    @property
    def progress(self) -> str | None:
        """Message key of the progress line (planning, welding, scoring), None when idle."""
        if self.runner.scoring:
            return "info.scoring"
        return self.worker.label

    @property
    def jog_key(self) -> tuple[int, int] | None:
        """``(axis, sign)`` of the jog key held now (continuous levels), None otherwise."""
        return self.jogger.key

    @property
    def run(self):
        """The motion playing (step or Start), None when none."""
        return self.runner.run

    @property
    def dirty(self) -> bool:
        """True when the job has changes not saved to :attr:`job_path`."""
        return self.editor.revision != self.saved_revision

    @property
    def record_speed(self):
        """The teach speed setting (:class:`~weldsim.pendant.state.RecordSpeed`)."""
        return self.teacher.record_speed

    def tcp_base(self) -> np.ndarray:
        """``T_base_tcp`` (4, 4) now."""
        return self.robot.fk(self.q, tool=self.tool)

    def readout(self, frame: str | None = None) -> dict:
        """Position shown on the screen: joints [deg] and the TCP [mm, deg] in ``frame``
        (the jog frame; JOINT and TOOL show BASE)."""
        frame = frame or self.frame
        shown = frame if frame.startswith("USER") else "BASE"
        T = pose_in_frame(self.tcp_base(), shown, self.user_frames)
        return {"joints_deg": np.degrees(self.q).tolist(), "frame": shown,
                "xyz_mm": (T[:3, 3] * 1000.0).tolist(),
                "rpy_deg": np.degrees(matrix_to_rpy(T[:3, :3])).tolist(),
                "conf": self.robot.configuration(self.q)}

    # -- alarms -----------------------------------------------------------------------------
    def raise_alarm(self, alarm: Alarm) -> None:
        """Raise an alarm: the robot stops (a repeat of an active one is counted)."""
        self.alarms.raise_(alarm)
        self.jogger.key = None
        self.runner.cancel()

    def alarm(self, key: str, line: int = 0, **args) -> None:
        """Raise an alarm by key: the robot stops."""
        self.raise_alarm(Alarm(key, args, line))

    def note(self, key: str, line: int = 0, **args) -> None:
        """Show an information message (a repeat of the newest one is counted)."""
        new = Alarm(key, args, line)
        if self.messages and (self.messages[0].key, self.messages[0].args,
                              self.messages[0].line) == (key, args, line):
            top = self.messages[0]
            self.messages[0] = Alarm(key, args, line, top.count + 1)
            return
        self.messages.insert(0, new)
        del self.messages[50:]

    def reset_alarms(self) -> None:
        """Acknowledge the alarms (RESET)."""
        self.alarms.clear()
        self._contact_depth = 0.0

    def may_move(self, teach_only: bool = True, *, jog: bool = False,
                 quiet: bool = False) -> bool:
        """Whether the robot may move now; says why not (a hint for a key pressed while an
        alarm is active or without the deadman; an alarm for servo off or the wrong mode).
        ``jog`` marks a jog key (the same rules)."""
        say = (lambda *a, **k: None) if quiet else self.note
        if self.alarms:
            say("info.reset_first")
            return False
        if teach_only and self.mode is not Mode.TEACH:
            if not quiet:
                self.alarm("alarm.need_teach")
            return False
        if not self.servo:
            if not quiet:
                self.alarm("alarm.servo_off")
            return False
        if self.mode is Mode.TEACH and not self.deadman:
            say("hint.deadman")      # as a real pendant: the key does nothing, no alarm
            return False
        return True

    # -- switches ---------------------------------------------------------------------------
    def set_mode(self, mode: Mode | str) -> None:
        """Turn the TEACH/PLAY key: the robot stops and the servo goes off, as on the real one."""
        mode = Mode(mode)
        if mode is not self.mode:
            self.stop()
            self.servo = False
            self.mode = mode

    def servo_on(self) -> None:
        """Servo ON (refused while an alarm is active)."""
        if self.alarms:
            self.note("info.reset_first")
            return
        self.servo = True

    def servo_off(self) -> None:
        """Servo OFF: the robot stops."""
        self.stop()
        self.servo = False

    def set_deadman(self, held: bool) -> None:
        """Hold or release the enable switch; releasing it stops a TEACH-mode motion at once."""
        self.deadman = bool(held)
        if not held and self.mode is Mode.TEACH and (self.moving or self.busy):
            self.jogger.key = None
            self.runner.cancel()
            self.note("info.stopped_deadman")

    def set_frame(self, frame: str) -> None:
        """Choose the jog frame: JOINT, BASE, TOOL or USER<n>."""
        if frame not in self.frames:
            raise ValueError(f"frame must be one of {', '.join(self.frames)}, got {frame!r}")
        self.jogger.key = None
        self.frame = frame
        if frame.startswith("USER"):
            self.teach_frame = frame

    def cycle_frame(self) -> None:
        """Next jog frame."""
        self.set_frame(self.frames[(self.frames.index(self.frame) + 1) % len(self.frames)])

    def set_speed(self, index: int) -> None:
        """Choose the jog speed level (0 inching .. 3 high)."""
        self.jogger.key = None
        self.speed_index = max(0, min(len(SPEED_LEVELS) - 1, int(index)))

    def set_override(self, pct: float) -> None:
        """Speed override of step and play, 10-100 %."""
        self.override_pct = float(min(100.0, max(10.0, pct)))

    def set_weld(self, on: bool) -> None:
        """Arc ON (weld) or dry run for the next play."""
        self.weld_enabled = bool(on)

    def stop(self) -> None:
        """Stop any motion (HOLD); pending plans and welds are dropped."""
        self.jogger.key = None
        self.runner.cancel()

    # -- jog --------------------------------------------------------------------------------
    def jog_press(self, axis: int, sign: int) -> None:
        """Press a jog key (see :meth:`Jogger.press`)."""
        self.jogger.press(axis, sign)

    def jog_release(self) -> None:
        """Release the jog key."""
        self.jogger.release()

    def move_to(self, q_new: np.ndarray, line: int = 0) -> bool:
        """Put the robot at ``q_new`` unless it collides going deeper; False when stopped."""
        self.q = np.asarray(q_new, dtype=float)
        contacts = self._contacts()
        if contacts:
            depth = max(c[3] for c in contacts)
            if depth > self._contact_depth + 1e-6 or self.runner.moving:
                link, other = contacts[0][0], contacts[0][1]
                self._contact_depth = depth
                self.alarm("alarm.collision", line=line, link=link.replace("_", " "),
                           other=other)
                return False
            self._contact_depth = depth
        else:
            self._contact_depth = 0.0
        return True

    def _contacts(self) -> list:
        if self.cell is None:
            return []
        self.cell.set_q(self.q)
        return self.cell.contacts_now()

    # -- time -------------------------------------------------------------------------------
    def tick(self, dt: float) -> None:
        """Let ``dt`` seconds pass: finished background work is taken in, the continuous
        jog and played motions advance."""
        self.time_s += dt
        self.worker.poll()
        self.jogger.tick(dt)
        self.runner.advance(dt)
        self.coaching.tick()

    # -- teaching and editing (see teaching.Teacher) ----------------------------------------
    def record(self, kind: str = "MOVEL", *, speed: float | None = None,
               unit: str | None = None) -> None:
        """Teach the current pose as MOVEP/MOVEL/MOVEC after the current line."""
        self.teacher.record(kind, speed=speed, unit=unit)

    def set_record_speed(self, movep_pct=None, linear=None, unit=None) -> None:
        """The teach speed setting for the next recorded moves."""
        self.teacher.set_record_speed(movep_pct, linear, unit)

    def set_line_speed(self, value: float) -> None:
        """Change the current move's speed (% for MOVEP, its unit for MOVEL/MOVEC)."""
        self.teacher.set_line_speed(value)

    def mark_via(self) -> None:
        """Remember the current pose as the via point of the next MOVEC."""
        self.teacher.mark_via()

    def modify(self) -> None:
        """Re-teach the current move in place (it keeps its point number)."""
        self.teacher.modify()

    def insert_condition(self, kind: str, values: dict | None = None) -> None:
        """Insert ``AS``, ``AE``, ``WS`` (with a form's values) or ``WE``."""
        self.teacher.insert_condition(kind, values)

    def insert_delay(self, seconds: float) -> None:
        """Insert ``DELAY``."""
        self.teacher.insert_delay(seconds)

    def delete(self) -> None:
        """Delete the current line."""
        self.teacher.delete()

    def move_line(self, delta: int) -> None:
        """Move the current line up (-1) or down (+1)."""
        self.teacher.move_line(delta)

    def undo(self) -> None:
        """Undo the last edit."""
        self.teacher.undo()

    def redo(self) -> None:
        """Redo the last undone edit."""
        self.teacher.redo()

    def cursor(self, delta: int) -> None:
        """Select the line above (-1) or below (+1)."""
        if not self.moving:
            self.runner.interrupted = None
            self.editor.set_cursor(self.editor.cursor + delta)

    def goto_line(self, line: int) -> None:
        """Select the instruction at (or before) a job line."""
        idx = self.editor.index_of_line(line)
        if idx is not None and not self.moving:
            self.runner.interrupted = None
            self.editor.set_cursor(idx)

    def changed(self) -> None:
        """After every edit: autosave; an interrupted step no longer points at its line."""
        self.runner.interrupted = None
        if self.recovery_dir is not None:
            files.autosave(self.recovery_dir, self.recovery_key(), self.editor.text)

    def recovery_key(self) -> str:
        """The autosave key of this job (its file's absolute path)."""
        return files.recovery_key(self.job_path)

    # -- files ------------------------------------------------------------------------------
    def recovery_offer(self) -> files.RecoveryOffer | None:
        """Autosaved work that differs from the job file (after a crash), or None."""
        return files.recovery_offer(self.recovery_dir, self.job_path, self.opened_text)

    def save(self, path: Path | None = None, *, force: bool = False) -> Path:
        """Save the job (atomically); a job with errors is saved too.

        Raises
        ------
        DiskChanged
            The file on disk changed since it was opened or last saved (or ``path`` is
            another, existing file) and ``force`` is False: ask, then save with
            ``force=True``.
        """
        path = Path(path) if path is not None else self.job_path
        if not force:
            now = files.disk_state(path)
            same_file = path.absolute() == self.job_path.absolute()
            expected = self.disk.sha256 if same_file else None
            if now.sha256 is not None and now.sha256 != expected:
                raise DiskChanged(path)
        files.save_text(path, self.editor.text)
        if self.recovery_dir is not None and path.absolute() != self.job_path.absolute():
            files.discard_recovery(self.recovery_dir, self.recovery_key())
        self.job_path = path
        self.disk = files.disk_state(path)
        self.opened_text = self.editor.text
        self.saved_revision = self.editor.revision
        if self.recovery_dir is not None:
            files.discard_recovery(self.recovery_dir, self.recovery_key())
        self.note("info.saved", path=path.name)
        return path

    def load_text(self, text: str, name: str = "<job>") -> None:
        """Replace the job with text (open, or restore a recovery file); cursor at the top."""
        self.stop()
        self.editor = JobEditor.from_text(text, name)
        self.editor.set_cursor(-1)
        self.saved_revision = -1
        self.runner.interrupted = None

    # -- step check and play (see running.Runner) -------------------------------------------
    def program(self) -> Program | None:
        """The job as a Program; None (and the alarm) when it has errors."""
        program = self.editor.program()
        if program is None:
            d = self.editor.diagnostics[0] if self.editor.diagnostics else None
            self.alarm("alarm.job_errors", line=d.line if d else 0)
        return program

    def step(self, direction: int) -> None:
        """Step check forward (+1) or back (-1)."""
        self.runner.step(direction)

    def play(self) -> None:
        """Start: run the job from the cursor line."""
        self.runner.start()

    start = play


# --------------------------------------------------------------------------------------------


def _job_name(scenario_id: str) -> str:
    name = "".join(ch if ch.isalnum() else "_" for ch in scenario_id.upper())
    return name[:32] if name[:1].isalpha() else ("J" + name)[:32]
