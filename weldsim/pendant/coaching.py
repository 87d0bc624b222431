"""Live technique coaching on the pendant: gauges, hint, weld conditions and the predicted
bead, in practice mode; nothing of it in exam mode.

* :meth:`PendantCoach.reading` is :meth:`weldsim.coaching.gauges.Coach.reading` at the
  pendant's joint angles, with the travel direction of the weld move at the cursor (see
  :func:`weld_context`), cached until the pose, the job or the cursor change, so a frame that
  changed nothing costs nothing.
* :meth:`PendantCoach.hint` is :meth:`Coach.hint` in the jog frame when a gauge is out, or
  when the wire tip is far from the seam (:attr:`PendantCoach.far`; then the hint leads to
  the seam's start and the panel greys the gauges, :mod:`weldsim.coaching.approach`).
* The predicted bead (:func:`weldsim.coaching.predict.predict_bead`, one
  :class:`PredictionCache` per pendant) is computed after every edit of the job (teach,
  Modify, delete, a condition, undo) in a prediction process of its own
  (:class:`~weldsim.pendant.predict_process.PredictionProcess`, started with the pendant
  when it works in the background), so it never holds the window's GIL: a frame never waits
  for it, and step check and Start never wait for a prediction either. When that process
  cannot start or dies, a background thread of its own (:class:`~weldsim.pendant.worker.
  Worker`) computes it instead, as does a pendant that works in the foreground (headless
  tests), and ``WELDSIM_PREDICT_PROCESS=0`` asks for the thread.

No drawing and no pygame here: :mod:`weldsim.pendant.draw` and
:mod:`weldsim.pendant.view3d` show what this computes.
"""

from __future__ import annotations

import math
import os
import sys
import time
import traceback
from dataclasses import dataclass

import numpy as np

from weldsim.errors import WeldsimError
from weldsim.i18n import Message
from weldsim.pendant.worker import Worker
from weldsim.program import ArcEnd, ArcStart, JointPosition
from weldsim.program.model import MoveC, MoveL, MoveP

__all__ = ["MODES", "PendantCoach", "WeldContext", "coaching_mode", "weld_context"]

MODES = ("practice", "exam")
"""Coaching modes: ``practice`` shows gauges, hints, the predicted bead and the 3D helpers;
``exam`` shows what a real pendant shows and nothing more."""

HINT_REFRESH_S = 0.25
"""While the robot moves, the coaching hint is renewed this often [s of pendant time] (and
at once when a gauge changes state): finding it probes every jog axis, several ms."""

_MIN_DIRECTION_M = 0.002
"""A travel direction is taken from a move at least this long [m] (shorter: the seam's)."""


def coaching_mode(scenario, exam: bool = False) -> str:
    """The mode of a pendant session: ``exam`` when asked for (``--exam``), else the
    scenario's ``coaching_mode`` (``practice`` when it has none)."""
    if exam:
        return "exam"
    mode = str(getattr(scenario, "coaching_mode", "practice") or "practice")
    return mode if mode in MODES else "practice"


@dataclass(frozen=True)
class WeldContext:
    """The weld move at the cursor.

    Attributes
    ----------
    direction_base : ndarray (3,) or None
        Travel direction in the robot base frame (unit), None when it is the seam's.
    source : str
        ``"line"`` (the weld move at the cursor: from the point before it to its end),
        ``"teach"`` (the next weld move: from the last taught point to the torch now) or
        ``"seam"`` (no weld move: the seam's own direction).
    condition : ArcStartCondition or None
        The AS condition the move would weld with (None outside AS ... AE).
    speed_m_s : float or None
        The move's welding speed [m/s] (its own, else the AS speed), None outside a weld.
    index : int
        Instruction index of the move (-1 for the next, untaught one).
    """

    direction_base: np.ndarray | None
    source: str
    condition: object = None
    speed_m_s: float | None = None
    index: int = -1


def _end(ins):
    return ins.end if isinstance(ins, MoveC) else ins.target


def _point_base(pos, robot, tool, user_frames, memo: dict | None = None) -> np.ndarray | None:
    """The TCP position [m, base frame] of a taught position (kept in ``memo``, by the
    position, when given)."""
    if memo is not None:
        if pos not in memo:
            memo[pos] = _point_base(pos, robot, tool, user_frames)
        return memo[pos]
    if isinstance(pos, JointPosition):
        return np.asarray(robot.fk(np.array(pos.q_rad), tool=tool))[:3, 3]
    T = pos.matrix()
    if pos.frame != "BASE":
        frame = user_frames.get(pos.frame)
        if frame is None:
            return None
        T = frame @ T
    return np.asarray(T[:3, 3], dtype=float)


def weld_context(instructions, cursor: int, tip_base, robot, tool, user_frames, *,
                 memo: dict | None = None) -> WeldContext:
    """The weld move at the cursor and its travel direction.

    Parameters
    ----------
    instructions : sequence
        The job's instructions.
    cursor : int
        Index of the current instruction (-1 before the first).
    tip_base : array_like (3,)
        The wire tip now [m, base frame].
    robot, tool, user_frames
        To place taught positions in the base frame.
    memo : dict, optional
        Taught positions already placed (filled as they are).

    Returns
    -------
    WeldContext
        The cursor's own weld move (MOVEL/MOVEC after AS, before AE): from the point before
        it to its end. Else, when an insert at the cursor would weld (the cursor is on AS or
        inside AS ... AE): from the last taught point to the torch now. Else the seam's.
    """
    return _context(_scan(instructions, cursor), cursor, lambda: tip_base, robot, tool,
                    user_frames, memo)


def _scan(instructions, cursor: int) -> tuple:
    """``(arc condition, last move's end before the cursor's line, the cursor's own weld
    move)`` of the job up to the cursor (what :func:`weld_context` needs of the job: the
    same until the job or the cursor change)."""
    arc = None
    last = None          # the last move's end before the cursor's line
    here = None          # the cursor's own move when it welds
    for k, ins in enumerate(instructions[:cursor + 1]):
        if isinstance(ins, ArcStart):
            arc = ins.condition
        elif isinstance(ins, ArcEnd):
            arc = None
        elif isinstance(ins, MoveL | MoveC | MoveP):
            if k == cursor and arc is not None and not isinstance(ins, MoveP):
                here = ins
            else:
                last = _end(ins)
    return arc, last, here


def _context(scan: tuple, cursor: int, tip_base, robot, tool, user_frames,
             memo: dict | None) -> WeldContext:
    """:func:`weld_context` from its :func:`_scan`; ``tip_base()`` gives the tip (asked for
    only when the direction is the one of the move about to be taught)."""
    arc, last, here = scan
    if arc is None:
        return WeldContext(None, "seam")
    start = _point_base(last, robot, tool, user_frames, memo) if last is not None else None
    if here is not None:
        end = _point_base(_end(here), robot, tool, user_frames, memo)
        speed = here.speed_m_s if here.speed_m_s is not None else arc.speed_m_s
        source, line = "line", cursor
    else:
        end = np.asarray(tip_base(), dtype=float)
        speed, source, line = arc.speed_m_s, "teach", -1
    direction = None
    if start is not None and end is not None:
        d = end - start
        n = float(np.linalg.norm(d))
        if n >= _MIN_DIRECTION_M:
            direction = d / n
    if direction is None:
        source = "seam"
    return WeldContext(direction, source, arc, speed, line)


_POLYLINES: dict = {}


def _polyline(seam):
    """``(segments, lengths, cumulative lengths)`` of a seam's polyline, or None (kept per
    seam)."""
    key = id(seam)
    got = _POLYLINES.get(key)
    if got is not None and got[0] is seam:
        return got[1]
    pts = np.asarray(getattr(seam, "points_m", ()), dtype=float)
    out = None
    if pts.ndim == 2 and len(pts) >= 2:
        seg = np.diff(pts, axis=0)
        length = np.linalg.norm(seg, axis=1)
        ok = length > 1e-12
        if ok.any():
            seg, length = seg[ok], length[ok]
            out = (seg / length[:, None], length, np.concatenate([[0.0], np.cumsum(length)]))
    _POLYLINES[key] = (seam, out)
    return out


def seam_tangent(seam, s_mm: float | None) -> np.ndarray | None:
    """Unit tangent (world) of a seam's polyline at ``s_mm`` along it (its start at None)."""
    poly = _polyline(seam)
    if poly is None:
        return None
    unit, _length, cum = poly
    if len(unit) == 1:
        return unit[0]
    s = 0.0 if s_mm is None or not math.isfinite(s_mm) else float(s_mm) / 1000.0
    i = min(max(int(np.searchsorted(cum, s, side="right")) - 1, 0), len(unit) - 1)
    return unit[i]


class PendantCoach:
    """The coaching of one :class:`~weldsim.pendant.controller.Pendant` (``p``).

    Parameters
    ----------
    pendant : Pendant
    mode : str
        ``"practice"`` or ``"exam"`` (see :data:`MODES`).

    Attributes
    ----------
    prediction : Prediction or None
        The predicted bead of the job as last edited (None before the first, in exam mode,
        or when the job has no AS).
    problem : Message or None
        Why there is no prediction (the prediction's own problem, or a job it cannot plan).
    worker : Worker
        The background thread of the predictions (separate from the pendant's, so step
        check and Start never wait for a prediction).
    """

    def __init__(self, pendant, mode: str = "practice"):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        self.p = pendant
        self.mode = mode
        self._coach = None
        self._coach_cell = None
        self._key = None
        self._reading = None
        self._context: WeldContext | None = None
        self._points: dict = {}      # taught positions placed in the base frame
        self._scan: tuple = (None, None)       # (job revision, cursor) -> _scan
        self._ctx_memo: tuple = (None, None)   # (job revision, cursor) -> WeldContext
        self._drop: tuple = (None, None)       # reading -> DropLine
        self._ray_solids = None
        self._direction_world: tuple = (None, None)
        self._hint_key = None
        self._hint = None
        self._hint_states: tuple = ()
        self._hint_time = -math.inf
        self.prediction = None
        self.problem: Message | None = None
        self.predicted_revision: int | None = None
        self._requested: tuple | None = None   # (id of the editor, its revision) asked for
        self._editor = None                    # that editor (held: its id stays its own)
        self._request_id = 0                   # of the newest prediction asked for
        self._answered_id = 0
        self._request_revision: int | None = None
        self._jobs: list = []
        self._cache = None
        self.travel_sign: int | None = None
        #: CPU time [s] of the last prediction where it ran (process or thread; for bench/).
        self.predict_cpu_s = float("nan")
        #: Its wall time [s] there (for bench/).
        self.predict_wall_s = float("nan")
        self.worker = Worker(pendant.worker.background)
        #: The prediction process (None: predictions run in :attr:`worker`).
        self.process = None
        if pendant.worker.background and self.active and pendant.scenario.seams and \
                os.environ.get("WELDSIM_PREDICT_PROCESS", "1") != "0":
            self._make_process()
        #: When True, the prediction process starts only at :meth:`start_process` (the
        #: window starts it once its own warm-up is done, so that a child importing weldsim
        #: and loading kernels on a 2-core machine delays neither the first frame nor the
        #: first keys); else at the first prediction asked for.
        self.defer_process_start = False

    def start_process(self) -> None:
        """Start the prediction process (in the background; at once when already started)."""
        if self.process is not None:
            self.process.start()

    def _make_process(self) -> None:
        from weldsim.pendant.predict_process import PredictionProcess

        try:
            self.process = PredictionProcess(self.p.scenario, self.p.robot,
                                             self._process_done, self._process_failed,
                                             start=False)
        except Exception as exc:   # e.g. a scenario that does not pickle: the thread then
            print(f"weldsim pendant: no prediction process ({exc!r}); predicting in a "
                  "thread of the window's process instead", file=sys.stderr)
            self.process = None

    # -- mode ---------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """True in practice mode: gauges, hint, predicted bead and 3D helpers are shown."""
        return self.mode == "practice"

    @property
    def gauges_shown(self) -> bool:
        """True when the technique panel is shown: practice mode on an exercise with a seam."""
        return self.active and bool(self.p.scenario.seams)

    @property
    def busy(self) -> bool:
        """True while a prediction is being computed."""
        return self.worker.busy or (self.process is not None and self.process.busy)

    @property
    def in_process(self) -> bool:
        """True while predictions go to the prediction process (not a thread)."""
        return self.process is not None and self.process.usable

    def wait(self, timeout: float | None = None) -> None:
        """Block until the prediction asked for last is in (a scripted run: the same frames
        on every machine)."""
        if self.process is not None:
            self.process.wait(timeout)
            self._check_process()
        self.worker.wait(timeout)

    # -- gauges -------------------------------------------------------------------------------
    def coach(self):
        """The :class:`~weldsim.coaching.gauges.Coach` of the exercise (made on first use;
        remade once the pendant's cell exists, so CTWD comes from its ray cast)."""
        cell = self.p.cell_if_built()
        if self._coach is None or (cell is not None and self._coach_cell is None):
            from weldsim.coaching.gauges import Coach

            old = self._coach
            self._coach = Coach(self.p.scenario, self.p.robot, cell=cell)
            if old is not None:   # the far state's history goes on (no switch at the swap)
                self._coach.was_far = old.was_far
            self._coach_cell = cell
            self._key = None
        return self._coach

    def context(self) -> WeldContext:
        """The weld move at the cursor (see :func:`weld_context`)."""
        self.reading()
        return self._context

    def reading(self):
        """The :class:`TechniqueReading` at the pendant's pose now (None in exam mode and on
        an exercise without a seam)."""
        if not self.gauges_shown:
            return None
        p = self.p
        coach = self.coach()
        self._editor = p.editor
        key = (p.q.tobytes(), id(p.editor), p.editor.revision, p.editor.cursor, id(coach))
        if key == self._key:
            return self._reading
        if len(self._points) > 512:
            self._points.clear()
        scan_key = (id(p.editor), p.editor.revision, p.editor.cursor)
        if self._scan[0] != scan_key:
            self._scan = (scan_key, _scan(p.editor.instructions, p.editor.cursor))
        ctx = self._context_memo(self._scan, p)
        sign, guessed = None, None
        if ctx.direction_base is not None and self._reading is not None:
            # the sense against the seam of the last reading: right unless the nearest seam
            # or its stretch changed, which the reading below tells
            guessed = self._sense(ctx, self._reading)
        reading = coach.reading(p.q, travel_sign=guessed)
        if ctx.direction_base is not None:
            sign = self._sense(ctx, reading)
            if (sign or 1) != (guessed or 1):
                reading = coach.reading(p.q, travel_sign=sign)
        self._reading, self._context, self._key = reading, ctx, key
        self.travel_sign = sign
        return reading

    def drop(self):
        """The drop line now (:class:`~weldsim.pendant._view.helpers.DropLine`: the reading's,
        made sensible when the wire tip is inside the work), None without a reading."""
        reading = self.reading()
        if reading is None:
            return None
        if self._drop[0] is not reading:
            from weldsim.pendant._view.helpers import drop_line
            from weldsim.sim.wire_cast import RaySolids

            if self._ray_solids is None:
                self._ray_solids = RaySolids.of(self.p.scenario)
            self._drop = (reading, drop_line(self._ray_solids, reading.tip_m, reading.drop_mm,
                                             reading.drop_point_m))
        return self._drop[1]

    def _context_memo(self, scan, p) -> WeldContext:
        """The weld context now: kept while the job and the cursor stay, unless it is the
        move about to be taught (which follows the torch)."""
        key, (arc, _last, here) = scan
        if arc is not None and here is None:     # "teach": from the last point to the torch
            return _context(scan[1], p.editor.cursor, lambda: p.tcp_base()[:3, 3], p.robot,
                            p.tool, p.user_frames, self._points)
        if self._ctx_memo[0] != key:
            self._ctx_memo = (key, _context(scan[1], p.editor.cursor, None, p.robot, p.tool,
                                            p.user_frames, self._points))
        return self._ctx_memo[1]

    def _sense(self, ctx: WeldContext, reading) -> int | None:
        """+1 when the weld move's direction runs with the reading's seam (at its place), -1
        against it, None without a seam tangent."""
        seam = self.seam_of(reading)
        tangent = seam_tangent(seam, getattr(reading, "s_mm", None)) if seam is not None \
            else None
        if tangent is None:
            return None
        key = ctx.direction_base.tobytes()
        if self._direction_world[0] != key:
            R = np.asarray(self.p.scenario.T_world_base, dtype=float)[:3, :3]
            self._direction_world = (key, R @ ctx.direction_base)
        return 1 if float(np.dot(self._direction_world[1], tangent)) >= 0.0 else -1

    @property
    def far(self) -> bool:
        """True when the wire tip is far from the seam (the reading's
        :class:`~weldsim.coaching.approach.Approach`): the panel greys the gauges and the
        hint leads to the seam's start."""
        reading = self.reading()
        return reading is not None and reading.far

    def hint(self):
        """The coaching hint (:class:`Hint`): far from the seam, the key that brings the wire
        tip toward the seam's start; else, when a gauge is outside its full-marks band (near
        or out), the key that brings it back; else None."""
        reading = self.reading()
        if reading is None or (not reading.far and
                               all(g.state in ("in", "none") for g in reading.gauges)):
            return None
        p = self.p
        key = (self._key, p.frame)
        if key == self._hint_key:
            return self._hint
        states = (reading.far, *(g.state for g in reading.gauges))
        # a hint probes the jog axes (several ms): while the robot moves it is renewed every
        # HINT_REFRESH_S, at once when a gauge changes state or the jog frame changes, and
        # at every pose the robot stands still at
        if (p.moving and self._hint_key is not None and self._hint_key[1] == p.frame
                and states == self._hint_states
                and p.time_s - self._hint_time < HINT_REFRESH_S):
            return self._hint
        self._hint = self.coach().hint(p.q, p.frame, reading=reading)
        self._hint_key, self._hint_states, self._hint_time = key, states, p.time_s
        return self._hint

    # -- the predicted bead -------------------------------------------------------------------
    def tick(self) -> None:
        """Take in a finished prediction; start one when the job changed since the last."""
        self.worker.poll()
        if self.process is not None:
            self.process.poll()
            self._check_process()
        if not self.active:
            return
        editor = self.p.editor
        revision = editor.revision
        if (id(editor), revision) != self._requested and self.p.scenario.seams:
            # a job opened is a new editor, whose revisions count from the start again
            self._editor, self._requested = editor, (id(editor), revision)
            self._request_id += 1
            self._submit(revision)

    def _submit(self, revision: int) -> None:
        p = self.p
        self.worker.cancel(self._jobs)   # an older job's result would be stale anyway
        self._jobs = []
        editor = p.editor
        # a job the editor rejects (opened with errors: text only; or edited into one) is
        # predicted too: up to the line before its error, which the panel names
        if editor.editable and not editor.diagnostics and \
                not any(isinstance(ins, ArcStart) for ins in editor.instructions):
            self.prediction, self.problem, self.predicted_revision = None, None, revision
            self._answered_id = self._request_id
            return
        text = p.editor.text
        self._request_revision = revision
        if self.in_process:
            if not self.defer_process_start:
                self.process.start()
            if self.process.submit(self._request_id, text):
                return
        self._submit_thread(self._request_id, revision, text)

    def _check_process(self) -> None:
        """When the process has failed: drop it, and predict its unanswered request in the
        thread."""
        process = self.process
        if process is None or process.usable:
            return
        self.process = None
        pending = process.pending_text()
        process.close()
        if pending is not None and pending[0] == self._request_id \
                and self._answered_id != self._request_id:
            self._submit_thread(pending[0], self._request_revision, pending[1])

    def _process_done(self, request_id, prediction, cpu_s, wall_s) -> None:
        if request_id != self._request_id:
            return
        self._answered_id = request_id
        self.predict_cpu_s, self.predict_wall_s = cpu_s, wall_s
        self.prediction = prediction
        self.problem = getattr(prediction, "problem", None)
        self.predicted_revision = self._request_revision

    def _process_failed(self, request_id, message, text, traceback_text) -> None:
        if request_id != self._request_id:
            return
        self._answered_id = request_id
        self.prediction = None
        self.predicted_revision = self._request_revision
        if message is not None:
            self.problem = message
        else:   # a bug, not the trainee's mistake: said so, and the pendant goes on
            print(traceback_text or text, file=sys.stderr)
            self.problem = Message.of("coachui.predict_internal")

    def _submit_thread(self, request_id: int, revision: int, text: str) -> None:
        from weldsim.coaching.predict import PredictionCache, predict_bead

        if self._cache is None:
            self._cache = PredictionCache()
        p = self.p
        scenario, robot, cache = p.scenario, p.robot, self._cache

        def work():
            c, w = time.thread_time(), time.perf_counter()
            out = predict_bead(scenario, robot, text, cache=cache)
            return out, time.thread_time() - c, time.perf_counter() - w

        def done(result):
            self._answered_id = request_id
            prediction, self.predict_cpu_s, self.predict_wall_s = result
            self.prediction = prediction
            self.problem = getattr(prediction, "problem", None)
            self.predicted_revision = revision

        def failed(exc):
            self._answered_id = request_id
            self.prediction = None
            self.predicted_revision = revision
            if isinstance(exc, WeldsimError):
                msg = getattr(exc, "message", None)
                self.problem = msg if isinstance(msg, Message) else \
                    Message.of("coachui.cannot_predict", detail=str(exc))
            else:   # a bug, not the trainee's mistake: said so, and the pendant goes on
                print(getattr(exc, "__traceback_text__", None)
                      or "".join(traceback.format_exception(exc)), file=sys.stderr)
                self.problem = Message.of("coachui.predict_internal")

        self._jobs.append(self.worker.submit("coachui.predicting", work, done, failed))

    def seam_of(self, reading):
        """The scenario's :class:`Seam` a reading is against (its ``seam`` is an index or
        the seam itself), or None."""
        seam = getattr(reading, "seam", None)
        seams = self.p.scenario.seams
        if isinstance(seam, int | np.integer):
            return seams[int(seam)] if 0 <= int(seam) < len(seams) else None
        if isinstance(seam, str):
            return next((s for s in seams if s.id == seam), None)
        return seam

    def seam_at_cursor(self):
        """``(PredictedSeam, s_mm)`` of the predicted bead where the torch is now, or None."""
        prediction, reading = self.prediction, self.reading()
        if prediction is None or reading is None:
            return None
        seam = self.seam_of(reading)
        if seam is None:
            return None
        for ps in getattr(prediction, "seams", ()) or ():
            if ps.seam is seam or ps.seam == seam.id or (
                    isinstance(ps.seam, int | np.integer)
                    and self.p.scenario.seams[int(ps.seam)] is seam) or \
                    getattr(ps.seam, "id", None) == seam.id:
                return ps, reading.s_mm
        return None

    def close(self) -> None:
        """Stop the prediction process and thread."""
        if self.process is not None:
            self.process.close()
        self.worker.close()
