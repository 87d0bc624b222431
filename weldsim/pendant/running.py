"""Running the job: step check and Start, as on the real controller.

* **Step check** (TEACH, deadman held) moves to the next / previous taught point at the check
  speed; a step interrupted (deadman released, Stop) is finished by the next step in the same
  direction, it is never skipped.
* **Start** runs the job from the cursor line (the top when the cursor is before the first
  line). There is no hidden move: the first move, from wherever the robot stands, is the
  job's own first move line, run at the check speed like a real robot's first line after a
  cursor change; the rest runs at the programmed speeds.
* A run with the arc (PLAY, Arc ON, from the top) is welded and scored in the background by
  :class:`weldsim.pendant.weld_runner.Welder` (one reused cell) while the motion plays; the
  score comes when both have finished.

Planning, welding and scoring run off the window's thread (:mod:`weldsim.pendant.worker`);
:attr:`Pendant.progress` names what is running for the progress line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from weldsim.errors import WeldsimError
from weldsim.pendant.editor import MOVES
from weldsim.pendant.state import STEP_JOINT_PCT, STEP_LINEAR_M_S, Alarm, Mode
from weldsim.pendant.weld_runner import run_alarm
from weldsim.program import JointPosition, MoveC, MoveL, MoveP, Program

__all__ = ["Runner"]

_PROBLEM_ALARMS = {"joint_limit": "alarm.joint_limit_line", "unreachable": "alarm.unreachable",
                   "singularity": "alarm.singular", "config_flip": "alarm.config_flip",
                   "speed_limit": "alarm.speed_limit"}


@dataclass
class _Run:
    """A motion being played: a trajectory and where in it the robot is."""

    trajectory: object
    kind: str                    # "step" or "play"
    line: int = 0                # job line of a step
    t: float = 0.0
    index: int = 0
    then: object = None          # a callable run when it finishes


def _literal(pos):
    return replace(pos, number=None)


def check_move(ins):
    """A move at the check speed (MOVEL/MOVEC at most 100 mm/s, MOVEP at most 10 %), with
    literal positions."""
    if isinstance(ins, MoveP):
        return MoveP(_literal(ins.target), min(ins.speed_pct, STEP_JOINT_PCT), line=ins.line)
    speed = min(ins.speed_m_s or STEP_LINEAR_M_S, STEP_LINEAR_M_S)
    if isinstance(ins, MoveL):
        return MoveL(_literal(ins.target), speed, line=ins.line)
    return MoveC(_literal(ins.via), _literal(ins.end), speed, line=ins.line)


class Runner:
    """Step check and Start of a :class:`~weldsim.pendant.controller.Pendant` (``p``)."""

    def __init__(self, pendant):
        self.p = pendant
        self.run: _Run | None = None
        self.interrupted: tuple[int, int] | None = None   # (direction, instruction index)
        self._weld = None            # the weld's result once scored
        self._weld_wanted = False    # a weld is being scored for the run playing
        self._motion_done = False
        self._step_target: tuple[int, int] | None = None
        self._plans: list = []       # plan jobs of the motion being started
        self._weld_job = None

    # -- state --------------------------------------------------------------------------------
    @property
    def moving(self) -> bool:
        return self.run is not None

    def cancel(self) -> None:
        """Stop the motion and forget its pending plans (a stop, an alarm). A weld whose
        motion has finished is still scored (turning the key to TEACH does not lose it);
        one stopped before its end is dropped."""
        if self.run is not None and self.run.kind == "step":
            self.interrupted = self._step_target
        self.run = None
        self.p.worker.cancel(self._plans)
        self._plans = []
        if not self._motion_done:
            self._weld_wanted = False
            if self._weld_job is not None:
                self.p.worker.cancel([self._weld_job])
                self._weld_job = None

    # -- planning -----------------------------------------------------------------------------
    def _problem_alarm(self, traj) -> Alarm | None:
        if not traj.problems:
            return None
        prob = traj.problems[0]
        return Alarm(_PROBLEM_ALARMS.get(prob.kind, "alarm.unreachable"),
                     {"detail": prob.detail}, prob.line)

    def _plan_job(self, program: Program, start_q, line: int, then) -> None:
        """Plan in the background; start the motion when the plan is back."""
        from weldsim.motion import plan  # imported on first use: a faster start

        p = self.p
        robot, frames = p.robot, p.user_frames

        def work():
            return plan(program, robot, home_q=start_q, user_frames=frames)

        def done(traj):
            alarm = self._problem_alarm(traj)
            if alarm is not None:
                p.raise_alarm(alarm if alarm.line else replace(alarm, line=line))
                self._weld_wanted = False
                return
            then(traj)

        def failed(exc):
            self._weld_wanted = False
            if isinstance(exc, WeldsimError):
                p.alarm("alarm.cannot_plan", line=line or program.line, detail=str(exc))
            else:
                raise exc

        self._plans.append(p.worker.submit("info.planning", work, done, failed))

    # -- step check ---------------------------------------------------------------------------
    def step(self, direction: int) -> None:
        """Step check: move to the next (+1) or previous (-1) taught point at the check
        speed, only while the deadman is held; an interrupted step in the same direction is
        finished first. Arc, weave and delay lines are passed over without welding; going
        back from the first move returns home."""
        p = self.p
        if p.busy or self.moving:
            p.note("hint.busy")
            return
        if not p.may_move() or p.program() is None:
            return
        ins_all = p.editor.instructions
        c = p.editor.cursor
        resume = self.interrupted if (self.interrupted and self.interrupted[0] == direction) \
            else None
        self.interrupted = None
        if direction > 0:
            k = resume[1] if resume else c + 1
            if k >= len(ins_all):
                p.note("info.end_of_job")
                return
            ins = ins_all[k]
            if not isinstance(ins, MOVES):
                p.editor.set_cursor(k)
                return
            mini = check_move(ins)
        else:
            if resume:
                k = resume[1]
            else:
                prev = [i for i in range(c - 1, -1, -1) if isinstance(ins_all[i], MOVES)]
                k = prev[0] if prev else -1
            mine = ins_all[c] if c >= 0 else None
            if k < 0:
                target = JointPosition(tuple(p.home_q))
            else:
                prev_ins = ins_all[k]
                target = prev_ins.end if isinstance(prev_ins, MoveC) else prev_ins.target
            target = replace(target, number=None)
            if isinstance(mine, MoveP) or k < 0:
                mini = MoveP(target, STEP_JOINT_PCT)
            else:
                mini = MoveL(target, STEP_LINEAR_M_S)
        line = p.editor.lines[k] if k >= 0 else 0
        self._step_target = (direction, k)

        def go(traj):
            if not p.may_move(quiet=True):
                return
            p.editor.set_cursor(k)
            self.run = _Run(traj, "step", line=line, then=self._step_finished)

        self._plan_job(Program("STEP", (mini,), line=line), p.q.copy(), line, go)

    def _step_finished(self) -> None:
        self.interrupted = None
        self._step_target = None

    # -- Start --------------------------------------------------------------------------------
    def start(self) -> None:
        """Start: run the job from the cursor line (see the module's notes)."""
        p = self.p
        if p.busy or self.moving:
            p.note("hint.busy")
            return
        if not p.may_move(teach_only=False):
            return
        program = p.program()
        if program is None:
            return
        ins_all = program.instructions
        k0 = max(0, p.editor.cursor)
        if k0 >= len(ins_all):
            p.note("info.end_of_job")
            return
        rest = list(ins_all[k0:])
        first = next((i for i, ins in enumerate(rest) if isinstance(ins, MOVES)), None)
        if first is not None:
            rest[first] = check_move(rest[first])
        sub = replace(program, instructions=tuple(rest))
        self.interrupted = None
        welding = p.weld_enabled and p.mode is Mode.PLAY
        from_top = not any(isinstance(ins, MOVES) for ins in ins_all[:k0])
        self._weld = None
        self._motion_done = False
        self._weld_wanted = welding and from_top
        p.last_run = None
        if welding and not from_top:
            p.note("info.no_score_mid_job")
        first_line = ins_all[k0].line
        start_q = p.q.copy()
        if first is None or first + 1 >= len(rest):
            self._plan_job(sub, start_q, first_line, self._play_go(k0, self._motion_finished))
        else:
            self._two_stage(sub, first, start_q, first_line, k0)
        if self._weld_wanted:
            self._submit_weld()

    def _play_go(self, k0: int, then):
        p = self.p

        def go(traj):
            if not p.may_move(teach_only=False, quiet=True):
                self._weld_wanted = False
                return
            p.editor.set_cursor(k0)
            self.run = _Run(traj, "play", then=then)

        return go

    def _two_stage(self, sub: Program, first: int, start_q, first_line: int, k0: int) -> None:
        """Plan the job's first move alone and start it at once; plan the whole job behind
        it and continue on that plan (the planner stops at every point, so the whole plan's
        first move is the same samples)."""
        state = {"prefix_done": None, "prefix": None}
        prefix = replace(sub, instructions=sub.instructions[:first + 1])

        def prefix_end():
            state["prefix_done"] = state["prefix"]

        def go_prefix(traj):
            state["prefix"] = traj
            self._play_go(k0, prefix_end)(traj)

        def go_full(traj):
            run = self.run
            if run is not None and run.kind == "play" and run.trajectory is state["prefix"]:
                run.trajectory, run.then = traj, self._motion_finished
            elif state["prefix_done"] is not None and run is None:
                n = len(state["prefix_done"].t)
                self.run = _Run(traj, "play", t=(n - 1) / traj.rate_hz, index=n - 1,
                                then=self._motion_finished)

        self._plan_job(prefix, start_q, first_line, go_prefix)
        self._plan_job(sub, start_q, first_line, go_full)

    def _submit_weld(self) -> None:
        p = self.p
        welder, text = p.welder, p.editor.text
        name = p.job_path.name if p.job_path else f"{p.editor.name}.job"
        mode = p.coaching.mode

        def work():
            return welder.weld(name, text, mode)

        def done(result):
            if not self._weld_wanted:
                return
            alarm = run_alarm(result)
            if alarm is not None:
                self.run = None
                self._weld_wanted = False
                p.raise_alarm(_alarm_of_run(alarm))
                return
            prob = self._problem_alarm(result.trajectory)
            if prob is not None:
                self.run = None
                self._weld_wanted = False
                p.raise_alarm(prob)
                return
            self._weld = result
            self._finish_weld()

        def failed(exc):
            self._weld_wanted = False
            self.run = None
            if isinstance(exc, WeldsimError):
                p.alarm("alarm.cannot_plan", detail=str(exc))
            else:
                raise exc

        self._weld_job = p.worker.submit("info.welding", work, done, failed)

    def _motion_finished(self) -> None:
        self._motion_done = True
        if self._weld_wanted:
            self._finish_weld()
        else:
            self.p.note("info.play_done")

    def _finish_weld(self) -> None:
        if self._motion_done and self._weld is not None and self._weld_wanted:
            result, self._weld, self._weld_wanted = self._weld, None, False
            self.p.last_run = result
            self.p.note("info.weld_done", score=f"{result.card.score:.1f}")

    @property
    def scoring(self) -> bool:
        """True when the motion has finished and the score is still being computed."""
        return self._weld_wanted and self._motion_done

    # -- time ---------------------------------------------------------------------------------
    def advance(self, dt: float) -> None:
        """Let the motion run ``dt`` seconds (times the override)."""
        p = self.p
        run = self.run
        if run is None:
            return
        if p.mode is Mode.TEACH and not p.deadman:
            self.cancel()
            return
        traj = run.trajectory
        n = len(traj.t)
        run.t += dt * p.override_pct / 100.0
        target = min(n - 1, math.floor(run.t * traj.rate_hz))
        for i in range(run.index + 1, target + 1):
            line = int(traj.line[i]) or run.line
            if not p.move_to(traj.q[i], line):
                return
            run.index = i
            if run.kind == "play":
                idx = p.editor.index_of_line(line)
                if idx is not None and idx != p.editor.cursor:
                    p.editor.set_cursor(idx)
        if run.index >= n - 1 and self.run is run:
            self.run = None
            if run.then is not None:
                run.then()


def _alarm_of_run(alarm) -> Alarm:
    """A controller alarm carried by a run (``run.alarm``) as a pendant alarm."""
    if isinstance(alarm, Alarm):
        return alarm
    line = int(getattr(alarm, "line", 0) or 0)
    message = getattr(alarm, "message", None)
    if message is not None and hasattr(message, "key"):
        return Alarm("alarm.controller", {"detail": message}, line)
    return Alarm("alarm.controller", {"detail": str(alarm)}, line)
