"""The teach pendant's logic: modes, servo, deadman, jog, teach, edit, step check, play, weld
and alarms. No drawing and no pygame; time passes only in :meth:`Pendant.tick`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from weldsim.errors import UnreachableError, WeldsimError
from weldsim.kinematics import load_robot, matrix_to_rpy
from weldsim.pendant import files
from weldsim.pendant.editor import MOVES, JobEditor
from weldsim.pendant.forms import FormError, build_condition
from weldsim.pendant.jog import cartesian_step, pose_in_frame
from weldsim.pendant.state import (
    FRAMES_FIXED,
    SPEED_LEVELS,
    STEP_JOINT_PCT,
    STEP_LINEAR_M_S,
    Alarm,
    Mode,
)
from weldsim.program import (
    ArcEnd,
    ArcStart,
    CartesianPosition,
    Delay,
    JointPosition,
    MoveC,
    MoveL,
    MoveP,
    Program,
    WeaveEnd,
    WeaveStart,
)
from weldsim.program.units import to_si
from weldsim.scenarios.loader import load_scenario

__all__ = ["Pendant"]

_JUMP_RAD = 0.35
"""A Cartesian jog step that needs more joint travel than this [rad] passes a singularity."""

_PROBLEM_ALARMS = {"joint_limit": "alarm.joint_limit_line", "unreachable": "alarm.unreachable",
                   "singularity": "alarm.singular", "config_flip": "alarm.singular",
                   "speed_limit": "alarm.speed_limit"}


@dataclass
class _Run:
    """A motion being played: a trajectory and where in it the robot is."""

    trajectory: object
    kind: str                    # "step", "play", "home"
    line: int = 0                # job line for a step
    t: float = 0.0
    index: int = 0
    then: object = None          # a callable run when it finishes


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
        Where the job is saved.
    cell : bool or Cell
        True: build the pybullet cell for collision checks; False: none (no collision
        checks); or a Cell to use.
    recovery_dir : pathlib.Path or None
        Folder of autosave files (None: no autosave).

    Attributes
    ----------
    q : ndarray, shape (6,)
        Joint angles now [rad].
    alarms : list of Alarm
        Active alarms (motion is refused until :meth:`reset_alarms`).
    messages : list of Alarm
        Information for the status line (last first).
    last_run : ExerciseRun or None
        The last weld's result (``last_run.card`` is the score).
    """

    def __init__(self, scenario, robot=None, *, editor: JobEditor | None = None,
                 job_path: Path | None = None, cell=True, recovery_dir: Path | None = None):
        self.scenario = scenario
        self.robot = robot if robot is not None else load_robot(scenario.robot)
        self.tool = scenario.tool
        self.user_frames = scenario.user_frames_base()
        self.home_q = np.array(scenario.home_q, dtype=float)
        self.q = self.home_q.copy()
        self.editor = editor or JobEditor(_job_name(scenario.id), self.robot.id, self.tool)
        self.job_path = Path(job_path) if job_path is not None else None
        self.recovery_dir = recovery_dir
        self.saved_revision = self.editor.revision
        self._cell = None if cell is True else (cell or None)
        self._want_cell = cell is True
        self.mode = Mode.TEACH
        self.servo = False
        self.deadman = False
        self.frames = FRAMES_FIXED + tuple(sorted(self.user_frames))
        self.frame = "JOINT"
        self._teach_frame = "BASE"
        self.speed_index = 2
        self.override_pct = 100.0
        self.weld_enabled = False
        self.alarms: list[Alarm] = []
        self.messages: list[Alarm] = []
        self.last_run = None
        self.run: _Run | None = None
        self.time_s = 0.0
        self._jog: tuple[int, int] | None = None
        self._movec_via = None
        self._contact_depth = 0.0

    @classmethod
    def open(cls, scenario_id: str, job_path: Path | None = None, **kwargs) -> Pendant:
        """A pendant on a bundled exercise (or scenario file), with a job file if given."""
        scenario = load_scenario(scenario_id)
        editor = None
        if job_path is not None and Path(job_path).exists():
            editor = JobEditor.from_text(files.read_text(Path(job_path)), Path(job_path).name)
        return cls(scenario, editor=editor, job_path=job_path, **kwargs)

    @property
    def cell(self):
        """The pybullet cell that checks collisions (built on first use, so that the window
        opens before pybullet has loaded), or None without collision checks."""
        if self._cell is None and self._want_cell:
            from weldsim.sim import Cell

            self._cell = Cell(self.scenario, self.robot)
            self._cell.set_q(self.q)
        return self._cell

    def close(self) -> None:
        """Free the cell."""
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
        return self.run is not None or (self._jog is not None and not self.speed.inching)

    @property
    def jog_key(self) -> tuple[int, int] | None:
        """``(axis, sign)`` of the jog key held now (continuous levels), None otherwise."""
        return self._jog

    @property
    def dirty(self) -> bool:
        """True when the job has changes not saved to :attr:`job_path`."""
        return self.editor.revision != self.saved_revision

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
    def alarm(self, key: str, line: int = 0, **args) -> None:
        """Raise an alarm: the robot stops."""
        self.alarms.append(Alarm(key, args, line))
        self._jog = None
        self.run = None

    def note(self, key: str, line: int = 0, **args) -> None:
        """Show an information message."""
        self.messages.insert(0, Alarm(key, args, line))
        del self.messages[20:]

    def reset_alarms(self) -> None:
        """Acknowledge the alarms (RESET)."""
        self.alarms.clear()

    def _may_move(self, teach_only: bool = True) -> bool:
        if self.alarms:
            self.alarms.append(Alarm("alarm.reset_first"))
            return False
        if teach_only and self.mode is not Mode.TEACH:
            self.alarm("alarm.need_teach")
            return False
        if not self.servo:
            self.alarm("alarm.servo_off")
            return False
        if self.mode is Mode.TEACH and not self.deadman:
            self.alarm("alarm.deadman")
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
            self.alarms.append(Alarm("alarm.reset_first"))
            return
        self.servo = True

    def servo_off(self) -> None:
        """Servo OFF: the robot stops."""
        self.stop()
        self.servo = False

    def set_deadman(self, held: bool) -> None:
        """Hold or release the enable switch; releasing it stops a TEACH-mode motion at once."""
        self.deadman = bool(held)
        if not held and self.mode is Mode.TEACH and self.moving:
            self._jog = None
            self.run = None
            self.note("info.stopped_deadman")

    def set_frame(self, frame: str) -> None:
        """Choose the jog frame: JOINT, BASE, TOOL or USER<n>."""
        if frame not in self.frames:
            raise ValueError(f"frame must be one of {', '.join(self.frames)}, got {frame!r}")
        self._jog = None
        self.frame = frame
        if frame.startswith("USER"):
            self._teach_frame = frame

    def cycle_frame(self) -> None:
        """Next jog frame."""
        self.set_frame(self.frames[(self.frames.index(self.frame) + 1) % len(self.frames)])

    def set_speed(self, index: int) -> None:
        """Choose the jog speed level (0 inching .. 3 high)."""
        self._jog = None
        self.speed_index = max(0, min(len(SPEED_LEVELS) - 1, int(index)))

    def set_override(self, pct: float) -> None:
        """Speed override of step and play, 10-100 %."""
        self.override_pct = float(min(100.0, max(10.0, pct)))

    def set_weld(self, on: bool) -> None:
        """Arc ON (weld) or dry run for the next play."""
        self.weld_enabled = bool(on)

    # -- jog --------------------------------------------------------------------------------
    def jog_press(self, axis: int, sign: int) -> None:
        """Press a jog key: axis 0-5 (J1-J6, or X Y Z RX RY RZ in a Cartesian frame),
        sign +1 or -1. Inching moves one step now; the other levels move in :meth:`tick`."""
        if not self._may_move():
            return
        self.run = None
        if self.speed.inching:
            amount = self.speed.inch_rad if (self.frame == "JOINT" or axis >= 3) \
                else self.speed.inch_m
            self._jog_step(axis, sign * amount)
        else:
            self._jog = (int(axis), 1 if sign > 0 else -1)

    def jog_release(self) -> None:
        """Release the jog key."""
        self._jog = None

    def _jog_step(self, axis: int, amount: float) -> bool:
        q = self.q
        if self.frame == "JOINT":
            q_new = q.copy()
            q_new[axis] += amount
        else:
            T = cartesian_step(self.tcp_base(), self.frame, axis, amount, self.user_frames)
            try:
                q_new = self.robot.ik_nearest(T, q, tool=self.tool)
            except UnreachableError:
                self.alarm("alarm.unreachable_jog")
                return False
            if np.max(np.abs(q_new - q)) > _JUMP_RAD:
                self.alarm("alarm.singular_jog")
                return False
            before, after = self.robot.singularities(q), self.robot.singularities(q_new)
            if after.any and _closer(before, after):
                self.alarm("alarm.singular_jog")
                return False
        ok = np.asarray(self.robot.within_limits(q_new))
        if not ok.all():
            bad = [i for i in range(6) if not _joint_ok(self.robot, q_new, i)]
            j = bad[0] if bad else axis
            self.alarm("alarm.joint_limit", joint=j + 1)
            return False
        return self._move_to(q_new)

    def _move_to(self, q_new: np.ndarray, line: int = 0) -> bool:
        """Put the robot at ``q_new`` unless it collides going deeper; False when stopped."""
        q_old = self.q
        self.q = np.asarray(q_new, dtype=float)
        contacts = self._contacts()
        if contacts:
            depth = max(c[3] for c in contacts)
            if depth > self._contact_depth + 1e-6 or self.run is not None:
                link, other = contacts[0][0], contacts[0][1]
                self._contact_depth = depth
                self.alarm("alarm.collision", line=line, link=link.replace("_", " "),
                           other=other)
                return False
            self._contact_depth = depth
        else:
            self._contact_depth = 0.0
        del q_old
        return True

    def _contacts(self) -> list:
        if self.cell is None:
            return []
        self.cell.set_q(self.q)
        return self.cell.contacts_now()

    # -- time -------------------------------------------------------------------------------
    def tick(self, dt: float) -> None:
        """Let ``dt`` seconds pass: continuous jog and played motions advance."""
        self.time_s += dt
        if self._jog is not None:
            if not (self.servo and (self.deadman or self.mode is Mode.PLAY)):
                self._jog = None
            else:
                axis, sign = self._jog
                lvl = self.speed
                if self.frame == "JOINT":
                    vmax = float(self.robot.spec.joints.max_speed_rad_s[axis])
                    amount = min(lvl.angular_rad_s, vmax) * dt
                else:
                    amount = (lvl.linear_m_s if axis < 3 else lvl.angular_rad_s) * dt
                if not self._jog_step(axis, sign * amount):
                    self._jog = None
        if self.run is not None:
            self._advance(dt)

    def _advance(self, dt: float) -> None:
        run = self.run
        if self.mode is Mode.TEACH and not self.deadman:
            self.run = None
            return
        traj = run.trajectory
        n = len(traj.t)
        run.t += dt * self.override_pct / 100.0
        target = min(n - 1, math.floor(run.t * traj.rate_hz))
        for i in range(run.index + 1, target + 1):
            line = int(traj.line[i]) or run.line
            if not self._move_to(traj.q[i], line):
                return
            run.index = i
            if run.kind == "play":
                self._set_play_line(line)
        if run.index >= n - 1:
            self.run = None
            if run.then is not None:
                run.then()

    def _set_play_line(self, line: int) -> None:
        idx = self.editor.index_of_line(line)
        if idx is not None and idx != self.editor.cursor:
            self.editor.set_cursor(idx)

    def stop(self) -> None:
        """Stop any motion (HOLD)."""
        self._jog = None
        self.run = None

    # -- teaching ---------------------------------------------------------------------------
    def _teach_position(self, number: int | None):
        """The current pose as a Cartesian position in the teach frame (the jog frame if it
        is a user frame, else the user frame last jogged in, else BASE), with the arm
        configuration."""
        frame = self.frame if self.frame.startswith("USER") else self._teach_frame
        T = pose_in_frame(self.tcp_base(), frame, self.user_frames)
        # rounded to 0.001 mm and 0.001 deg so that the job text reads short
        xyz = tuple(to_si(round(float(v) * 1000.0, 3) + 0.0, "mm") for v in T[:3, 3])
        rpy = tuple(to_si(round(math.degrees(v), 3) + 0.0, "deg")
                    for v in matrix_to_rpy(T[:3, :3]))
        return CartesianPosition(xyz, rpy, frame, self.robot.configuration(self.q), number)

    def _editable(self) -> bool:
        if not self.editor.editable:
            self.alarm("alarm.job_errors", line=self.editor.diagnostics[0].line)
            return False
        if self.moving:
            self.alarm("alarm.busy")
            return False
        return True

    def record(self, kind: str = "MOVEL", *, speed: float | None = None,
               unit: str = "mm/s") -> None:
        """Teach the current pose: insert ``MOVEP`` (``speed`` in %), ``MOVEL`` or ``MOVEC``
        (``speed`` in ``unit``; None: the default) after the current line. ``MOVEC`` takes
        the point marked with :meth:`mark_via` as its via point."""
        if not self._editable():
            return
        pos = self._teach_position(self.editor.next_number())
        if kind == "MOVEP":
            ins = MoveP(pos, float(speed) if speed is not None else 20.0)
        elif kind == "MOVEL":
            ins = MoveL(pos, _speed_m_s(speed, unit), unit if speed is not None else "mm/s")
        elif kind == "MOVEC":
            if self._movec_via is None:
                self.alarm("alarm.no_via")
                return
            via = replace(self._movec_via, number=pos.number)
            pos = replace(pos, number=pos.number + 1)
            ins = MoveC(via, pos, _speed_m_s(speed, unit), unit if speed is not None else "mm/s")
            self._movec_via = None
        else:
            raise ValueError(f"kind must be MOVEP, MOVEL or MOVEC, got {kind!r}")
        self.editor.insert(ins)
        self._changed()

    def mark_via(self) -> None:
        """Remember the current pose as the via point of the next MOVEC."""
        self._movec_via = self._teach_position(None)
        self.note("info.via_marked")

    def modify(self) -> None:
        """Re-teach the current move to the current pose (same kind and speed)."""
        if not self._editable():
            return
        c = self.editor.cursor
        ins = self.editor.instructions[c] if c >= 0 else None
        if not isinstance(ins, MOVES):
            self.alarm("alarm.not_a_move", line=self.editor.current_line)
            return
        pos = self._teach_position(self.editor.next_number())
        new = replace(ins, end=pos) if isinstance(ins, MoveC) else replace(ins, target=pos)
        self.editor.replace_current(new)
        self._changed()

    def insert_condition(self, kind: str, values: dict | None = None) -> None:
        """Insert ``AS``, ``AE`` or ``WS`` with a filled form (see :mod:`.forms`), or ``WE``."""
        if not self._editable():
            return
        if kind == "WE":
            self.editor.insert(WeaveEnd())
            self._changed()
            return
        types = {"AS": ArcStart, "AE": ArcEnd, "WS": WeaveStart}
        try:
            cond = build_condition(kind, values or {})
        except FormError as exc:
            f = exc.field
            self.alarm("alarm.out_of_range", field=f.name, value=exc.value,
                       lo=f"{f.lo:g}", hi=f"{f.hi:g}", unit=f.unit)
            return
        cond = replace(cond, number=self.editor.condition_number(types[kind], cond))
        self.editor.insert(types[kind](cond))
        self._changed()

    def insert_delay(self, seconds: float) -> None:
        """Insert ``DELAY``."""
        if self._editable():
            self.editor.insert(Delay(float(seconds)))
            self._changed()

    def delete(self) -> None:
        """Delete the current line."""
        if self._editable() and self.editor.cursor >= 0:
            self.editor.delete_current()
            self._changed()

    def move_line(self, delta: int) -> None:
        """Move the current line up (-1) or down (+1)."""
        if self._editable():
            try:
                self.editor.move_current(delta)
            except IndexError:
                return
            self._changed()

    def cursor(self, delta: int) -> None:
        """Select the line above (-1) or below (+1)."""
        self.editor.set_cursor(self.editor.cursor + delta)

    def goto_line(self, line: int) -> None:
        """Select the instruction at (or before) a job line."""
        idx = self.editor.index_of_line(line)
        if idx is not None:
            self.editor.set_cursor(idx)

    def undo(self) -> None:
        """Undo the last edit."""
        if not self.moving and self.editor.undo():
            self._changed()

    def redo(self) -> None:
        """Redo the last undone edit."""
        if not self.moving and self.editor.redo():
            self._changed()

    def _changed(self) -> None:
        if self.recovery_dir is not None:
            files.autosave(self.recovery_dir, self._recovery_key(), self.editor.text)

    def _recovery_key(self) -> str:
        return str(self.job_path.resolve()) if self.job_path else f"new:{self.scenario.id}"

    # -- files ------------------------------------------------------------------------------
    def save(self, path: Path | None = None) -> Path:
        """Save the job (atomically); a job with errors is saved too."""
        path = Path(path) if path is not None else self.job_path
        if path is None:
            path = Path.cwd() / f"{self.editor.name}.job"
        files.save_text(path, self.editor.text)
        self.job_path = path
        self.saved_revision = self.editor.revision
        if self.recovery_dir is not None:
            files.discard_recovery(self.recovery_dir, self._recovery_key())
            files.discard_recovery(self.recovery_dir, f"new:{self.scenario.id}")
        self.note("info.saved", path=path.name)
        return path

    def load_text(self, text: str, name: str = "<job>") -> None:
        """Replace the job with text (open, or restore a recovery file)."""
        self.stop()
        self.editor = JobEditor.from_text(text, name)
        self.saved_revision = -1

    # -- step check and play ----------------------------------------------------------------
    def _program(self) -> Program | None:
        program = self.editor.program()
        if program is None:
            d = self.editor.diagnostics[0] if self.editor.diagnostics else None
            self.alarm("alarm.job_errors", line=d.line if d else 0)
        return program

    def _plan(self, program: Program, start_q) -> object | None:
        from weldsim.motion import plan  # imported on first use: a faster start

        try:
            traj = plan(program, self.robot, home_q=start_q, user_frames=self.user_frames)
        except WeldsimError as exc:
            self.alarm("alarm.cannot_plan", line=program.line, detail=str(exc))
            return None
        if traj.problems:
            p = traj.problems[0]
            self.alarm(_PROBLEM_ALARMS.get(p.kind, "alarm.unreachable"), line=p.line,
                       detail=p.detail)
            return None
        return traj

    def step(self, direction: int) -> None:
        """Step check: move to the next (+1) or previous (-1) taught point at the check
        speed (MOVEL/MOVEC at most 100 mm/s, MOVEP at most 10 %), only while the deadman
        is held. Arc, weave and delay lines are passed over without welding."""
        if not self._may_move() or self._program() is None:
            return
        ins_all = self.editor.instructions
        c = self.editor.cursor
        if direction > 0:
            if c + 1 >= len(ins_all):
                self.note("info.end_of_job")
                return
            k = c + 1
            ins = ins_all[k]
            if not isinstance(ins, MOVES):
                self.editor.set_cursor(k)
                return
            mini = _check_move(ins)
        else:
            prev = [i for i in range(c - 1, -1, -1) if isinstance(ins_all[i], MOVES)]
            k = prev[0] if prev else -1
            mine = ins_all[c] if c >= 0 else None
            if k < 0:
                target = JointPosition(tuple(self.home_q))
            else:
                p = ins_all[k]
                target = p.end if isinstance(p, MoveC) else p.target
            target = replace(target, number=None)
            if isinstance(mine, MoveP) or k < 0:
                mini = MoveP(target, STEP_JOINT_PCT)
            else:
                mini = MoveL(target, STEP_LINEAR_M_S)
        line = self.editor.lines[k] if k >= 0 else 0
        traj = self._plan(Program("STEP", (mini,), line=line), self.q)
        if traj is None:
            if self.alarms:
                self.alarms[-1] = replace(self.alarms[-1], line=line)
            return
        self.editor.set_cursor(k)
        self.run = _Run(traj, "step", line=line)

    def play(self) -> None:
        """Run the whole job from the start (START): in PLAY mode, dry or with the arc
        (:meth:`set_weld`); in TEACH mode a dry test run with the deadman held. The robot
        first goes home at 20 %. A weld is scored with :func:`weldsim.exercise.run_exercise`
        on the job text, the same as ``weldsim run`` on the saved file."""
        if not self._may_move(teach_only=False):
            return
        program = self._program()
        if program is None:
            return
        welding = self.weld_enabled and self.mode is Mode.PLAY
        if welding:
            from weldsim.exercise import run_exercise

            name = self.job_path.name if self.job_path else f"{self.editor.name}.job"
            try:
                result = run_exercise(self.scenario, name, data=self.editor.text.encode(),
                                      robot=self.robot)
            except WeldsimError as exc:
                self.alarm("alarm.cannot_plan", detail=str(exc))
                return
            if result.trajectory.problems:
                p = result.trajectory.problems[0]
                self.alarm(_PROBLEM_ALARMS.get(p.kind, "alarm.unreachable"), line=p.line,
                           detail=p.detail)
                return
            traj = result.trajectory
        else:
            result = None
            traj = self._plan(program, self.home_q)
            if traj is None:
                return
        self.last_run = None

        def finished() -> None:
            if result is not None:
                self.last_run = result
                self.note("info.weld_done", score=f"{result.card.score:.1f}")
            else:
                self.note("info.play_done")

        def start_job() -> None:
            self.editor.set_cursor(-1)
            self.run = _Run(traj, "play", then=finished)

        if np.allclose(self.q, self.home_q, atol=1e-6):
            start_job()
            return
        home = self._plan(Program("HOME", (MoveP(JointPosition(tuple(self.home_q)), 20.0),)),
                          self.q)
        if home is not None:
            self.run = _Run(home, "home", then=start_job)


# --------------------------------------------------------------------------------------------


def _job_name(scenario_id: str) -> str:
    name = "".join(ch if ch.isalnum() else "_" for ch in scenario_id.upper())
    return name[:32] if name[:1].isalpha() else ("J" + name)[:32]


def _speed_m_s(speed: float | None, unit: str) -> float | None:
    from weldsim.program import SPEED_UNITS

    return None if speed is None else float(speed) / SPEED_UNITS[unit]


def _joint_ok(robot, q, i: int) -> bool:
    return robot.lower[i] - 1e-9 <= q[i] <= robot.upper[i] + 1e-9


def _closer(before, after) -> bool:
    """True when a jog brings the arm nearer a singularity it is within."""
    return ((after.wrist and after.wrist_rad < before.wrist_rad)
            or (after.elbow and after.elbow_rad < before.elbow_rad)
            or (after.shoulder and after.shoulder_m < before.shoulder_m))


def _literal(pos):
    return replace(pos, number=None)


def _check_move(ins):
    """The move of a step check: the instruction at the check speed, literal positions."""
    if isinstance(ins, MoveP):
        return MoveP(_literal(ins.target), min(ins.speed_pct, STEP_JOINT_PCT))
    speed = min(ins.speed_m_s or STEP_LINEAR_M_S, STEP_LINEAR_M_S)
    if isinstance(ins, MoveL):
        return MoveL(_literal(ins.target), speed)
    return MoveC(_literal(ins.via), _literal(ins.end), speed)
