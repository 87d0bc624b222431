"""The predicted bead: the weld moves taught so far, planned and welded before the arc strikes.

API (stable; the pendant's coaching view draws from it)
-------------------------------------------------------
``predict_bead(scenario, robot, job_text, *, upto_line=None, cache=None) -> Prediction``
    Plan the job being edited up to its last weld (``AS`` ... ``AE``) and run the bead model
    along the planned path. Never raises for a user's mistake: a parse error, a planning
    error or an alarm ends the prediction at the line before it and is given as
    :attr:`Prediction.problem` (located at :attr:`Prediction.problem_line`).
``Prediction``
    ``seams`` (one :class:`PredictedSeam` per seam the arc burned on, in seam order),
    ``lines`` (job lines of the arc-on moves and crater fills included), ``problem``
    (:class:`~weldsim.i18n.Message` or None), ``problem_line`` (int, 0 when none).
``PredictedSeam``
    ``seam`` (index in ``scenario.seams``), ``s_mm`` (N,) bin centres of the bead model's grid
    (mm along the seam), ``leg_lower_mm``, ``leg_upper_mm``, ``throat_mm``, ``width_mm`` (N,),
    ``level`` (N,) object array of the quality codes :data:`weldsim.pendant.view3d.BEAD_COLORS`
    colours by (``"B"``, ``"C"``, ``"D"``, or None below D: the ISO 5817 level each bin
    meets, from the worst graded imperfection over it), ``points_m`` (N, 3) bead centre points
    in the world frame of the cell and View3D (m; NaN where the bin is not welded, which
    View3D draws as a gap), and ``at(s_mm) -> {"leg_lower_mm", "leg_upper_mm",
    "throat_mm", "level"}`` (the nearest bin). ``View3D.draw(..., bead=(p.points_m,
    p.level))`` draws it.
``PredictionCache``
    Pass the same one to every call of one pendant session: moves whose instruction and start
    state are unchanged are not planned again, and parsed texts are reused. One cache serves
    one thread at a time.

One path with ``weldsim run``
-----------------------------
``weldsim run`` (:func:`weldsim.exercise.run_exercise`) parses the job, plans it until its
first alarm (:func:`weldsim.controller.execute`), plays it in the pybullet cell (contacts and
the wire's ray cast) into a :class:`~weldsim.sim.Trace`, measures the technique
(:func:`weldsim.scoring.technique_metrics`) and welds each seam
(:func:`weldsim.weld.seam_weld.weld_seam`). The prediction runs the same functions on the
same data, except for what needs the cell:

* contacts are not checked (a collision would stop the real run; the prediction does not see
  it);
* the wire axis is cast analytically against the workpiece solids
  (:mod:`weldsim.coaching.wire_ray`) instead of by pybullet; a contact tip at or in the work
  (CTWD <= 0) stops the prediction as it stops the controller.

The analytic cast is exact; pybullet's is exact on prism meshes and on box faces, but its
convex cast errs by up to about 1.4 mm near a box's edges (the root of a fillet lies on the
web's bottom edge) and on a cylinder's mantle. So a predicted bead has the run's bins, welded
bins, imperfections and ISO 5817 levels, with legs, throat and face width within 0.005 mm
(0.0025 mm measured on the bundled reference jobs; ``tests/coaching/test_predict.py``), and
equals bit for bit the bead of the run's own pipeline fed the analytic cast.

Cost (``bench/predict.py``): moving the end point of t-fillet-2f's 250 mm seam (one MOVEL,
9,000 samples) costs about 50 ms of CPU with the session's cache; a redraw with nothing
changed about 16 ms.

Only the moves up to the last ``AE`` are planned: what follows lays no metal. A job whose arc
is still on (an ``AS`` without its ``AE`` yet) is welded up to its last taught point, with no
crater fill.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace

import numba
import numpy as np

from weldsim.coaching.wire_ray import cast_wire
from weldsim.controller.alarms import alarm_from_problem, wire_touch_alarm
from weldsim.i18n import Message
from weldsim.jobs import JobContext, prepare_job
from weldsim.motion.planner import PlanningError, _Planner
from weldsim.motion.trajectory import MAX_SAMPLES, Trajectory
from weldsim.program import JobError
from weldsim.program.model import ArcEnd, ArcStart
from weldsim.scenarios.spec import Scenario
from weldsim.scoring import technique_metrics
from weldsim.sim.cell import RAY_LENGTH_M
from weldsim.sim.trace import Trace
from weldsim.weld.imperfections import level_profile
from weldsim.weld.iso5817 import level_name
from weldsim.weld.seam_weld import SeamWeld, weld_seam

__all__ = ["PredictedSeam", "Prediction", "PredictionCache", "predict_bead"]

#: The sample rate of the prediction: the controller's (Hz).
RATE_HZ = 250.0
#: The arc end put after an arc still on: no crater fill (0 s), so the weld ends at the last
#: taught point as it would if the arc went out there.
_OPEN_ARC_END = "AE I=100A U=18V T=0s"
_END_RE = re.compile(r"^\s*END\s*(;.*)?$", re.IGNORECASE)
#: How many times a prediction retries on a shorter prefix of the job after an error.
_MAX_RETRIES = 4


@dataclass(frozen=True, eq=False)
class PredictedSeam:
    """The bead predicted on one seam, on the bead model's grid.

    Attributes
    ----------
    seam : int
        Index in ``scenario.seams``.
    s_mm : ndarray, shape (N,)
        Bin centres along the seam (mm).
    leg_lower_mm, leg_upper_mm, throat_mm, width_mm : ndarray, shape (N,)
        Legs on the lower plate and on the upper face, throat and face width (mm; NaN where
        the bin is not welded; legs NaN on a butt joint).
    level : ndarray, shape (N,), object
        ISO 5817 level met on each bin: ``"B"``, ``"C"``, ``"D"`` or None (below D), the codes
        of :data:`weldsim.pendant.view3d.BEAD_COLORS`.
    points_m : ndarray, shape (N, 3)
        Bead centre points (world frame, m): the centroid of the fillet's cross-section (the
        root point for a butt joint); NaN where the bin is not welded.
    weld : SeamWeld
        The full weld model result (conditions, samples, bead, imperfections).
    """

    seam: int
    s_mm: np.ndarray
    leg_lower_mm: np.ndarray
    leg_upper_mm: np.ndarray
    throat_mm: np.ndarray
    width_mm: np.ndarray
    level: np.ndarray
    points_m: np.ndarray
    weld: SeamWeld = field(repr=False)

    def at(self, s_mm: float) -> dict:
        """The bead at the bin nearest ``s_mm`` (mm along the seam): ``leg_lower_mm``,
        ``leg_upper_mm``, ``throat_mm`` (float, NaN where not welded) and ``level``."""
        if not len(self.s_mm):
            return {"leg_lower_mm": float("nan"), "leg_upper_mm": float("nan"),
                    "throat_mm": float("nan"), "level": None}
        k = int(np.argmin(np.abs(self.s_mm - float(s_mm))))
        return {"leg_lower_mm": float(self.leg_lower_mm[k]),
                "leg_upper_mm": float(self.leg_upper_mm[k]),
                "throat_mm": float(self.throat_mm[k]), "level": self.level[k]}


@dataclass(frozen=True, eq=False)
class Prediction:
    """The beads the taught job would lay.

    Attributes
    ----------
    seams : tuple of PredictedSeam
        One per seam the arc burns on, in seam order.
    lines : tuple of int
        Job lines with the arc on (the weld moves and crater fills) that were predicted.
    problem : Message or None
        Why nothing, or only part, could be predicted: the job's first error, a planning
        error, the alarm that would stop the robot, an arc not yet ended, no weld yet.
    problem_line : int
        The job line of the problem (0 when there is none or it has no line).
    """

    seams: tuple[PredictedSeam, ...]
    lines: tuple[int, ...]
    problem: Message | None = None
    problem_line: int = 0


@dataclass
class _Move:
    """What planning one move appended: its chunks, problems and the state after it."""

    chunks: list
    problems: list  # (MotionProblem, sample offset from the move's first sample)
    q: np.ndarray
    T: np.ndarray
    phase: float
    samples: int
    derived: list = field(default_factory=list)  # per chunk: its trace columns, when made


class PredictionCache:
    """Planned moves and parsed jobs kept between predictions.

    A move is planned again only when its instruction (positions and conditions, not its line
    number), the next instruction (while weaving) or its start state (joints, pose, the arc and
    weave in force) changed: editing one point re-plans the moves into and out of it only.

    Parameters
    ----------
    max_samples : int
        Samples of planned motion kept, least recently used dropped first: about 0.4 kB each
        with their trace columns, so the default keeps some 50 MB (a dozen versions of a
        250 mm weld).
    """

    def __init__(self, max_samples: int = 120_000):
        self.max_samples = int(max_samples)
        self._moves: OrderedDict[tuple, _Move] = OrderedDict()
        self._held = 0
        self._jobs: OrderedDict[tuple, object] = OrderedDict()
        self.hits = 0
        self.misses = 0

    # -- moves ----------------------------------------------------------------------------
    def _get(self, key: tuple) -> _Move | None:
        move = self._moves.get(key)
        if move is not None:
            self._moves.move_to_end(key)
            self.hits += 1
        else:
            self.misses += 1
        return move

    def _put(self, key: tuple, move: _Move) -> None:
        self._moves[key] = move
        self._held += move.samples
        while self._held > self.max_samples and len(self._moves) > 1:
            _, old = self._moves.popitem(last=False)
            self._held -= old.samples

    # -- parsed jobs ----------------------------------------------------------------------
    def _job(self, key: tuple):
        found = self._jobs.get(key)
        if found is not None:
            self._jobs.move_to_end(key)
        return found

    def _put_job(self, key: tuple, value) -> None:
        self._jobs[key] = value
        while len(self._jobs) > 32:
            self._jobs.popitem(last=False)


class _CachedPlanner(_Planner):
    """The controller's planner, reusing moves already planned from the same start state."""

    def __init__(self, cache: PredictionCache, context: tuple, *args):
        super().__init__(*args)
        self.cache = cache
        self.context = context
        #: per appended chunk: (the move it came from, its index there), or None
        self.slots: list[tuple[_Move, int] | None] = []

    def append(self, chunk) -> None:
        if chunk.q.shape[0]:
            self.slots.append(None)
        super().append(chunk)

    def _key(self, kind: str, ins, nxt) -> tuple:
        st = self.state
        weld = self.tables.weld[st.weld] if st.weld >= 0 else None
        weaving = st.spec is not None
        return (kind, self.context, ins, nxt if weaving else None, st.q.tobytes(),
                st.T.tobytes(), weld, st.spec, st.phase if weaving else 0.0)

    def _memo(self, kind: str, ins, nxt, plan_it) -> None:
        key = self._key(kind, ins, nxt)
        move = self.cache._get(key)
        st = self.state
        if move is not None and st.n + move.samples <= MAX_SAMPLES:
            start = st.n
            for j, c in enumerate(move.chunks):
                self.append(replace(c, line=ins.line, weld=st.weld if c.weld >= 0 else -1,
                                    weave=st.weave if c.weave >= 0 else -1))
                self.slots[-1] = (move, j)
            column = self.columns.get(ins.line, 0)
            for p, offset in move.problems:
                sample = start + offset
                self.problems.append(replace(p, line=ins.line, column=column, sample=sample,
                                             time_s=sample * self.dt))
            st.q, st.T, st.phase = move.q.copy(), move.T.copy(), move.phase
            return
        n0, p0, start = len(self.chunks), len(self.problems), st.n
        plan_it()
        chunks = self.chunks[n0:]
        problems = [(p, p.sample - start) for p in self.problems[p0:]]
        move = _Move(chunks, problems, st.q.copy(), st.T.copy(), st.phase, st.n - start,
                     [None] * len(chunks))
        self.cache._put(key, move)
        for j in range(len(chunks)):
            self.slots[n0 + j] = (move, j)

    def move_p(self, ins) -> None:
        self._memo("P", ins, None, lambda: super(_CachedPlanner, self).move_p(ins))

    def move_cartesian(self, ins, nxt) -> None:
        self._memo("C", ins, nxt,
                   lambda: super(_CachedPlanner, self).move_cartesian(ins, nxt))


def _plan(ctx: JobContext, cache: PredictionCache) -> tuple[Trajectory, _CachedPlanner]:
    """:func:`weldsim.motion.plan` with ``until_alarm`` (as the controller plans), its moves
    reused from the cache; and the planner (its chunks and their cache slots)."""
    context = (ctx.robot.id, ctx.program.tool, RATE_HZ,
               tuple(sorted((k, v.tobytes()) for k, v in ctx.user_frames.items())))
    planner = _CachedPlanner(cache, context, ctx.program, ctx.robot, ctx.home_q,
                             ctx.user_frames, RATE_HZ, None)
    planner.until_alarm = True
    return planner.run(), planner


# -- the job text -----------------------------------------------------------------------------

def _first_error(exc: JobError):
    errors = exc.errors or exc.diagnostics
    return min(errors, key=lambda d: (d.line, d.column))


def _prefix_text(lines: list[str], cut: int, close_arc: bool) -> str:
    """The job's first ``cut`` lines, before its ``END``, closed with ``END`` (and an arc
    end without crater fill when ``close_arc``)."""
    body = []
    for text in lines[:cut]:
        if _END_RE.match(text):
            break
        body.append(text)
    if close_arc:
        body.append(_OPEN_ARC_END)
    body.append("END")
    return "\n".join(body) + "\n"


def _parse(scenario: Scenario, robot, lines: list[str], cut: int, cache: PredictionCache):
    """(JobContext or None, open-arc line or 0, JobError or None) of a prefix of the job."""
    key = (scenario.id, robot.id if robot is not None else None, tuple(lines[:cut]))
    found = cache._job(key)
    if found is not None:
        return found
    result = _parse_uncached(scenario, robot, lines, cut)
    cache._put_job(key, result)
    return result


def _parse_uncached(scenario, robot, lines, cut):
    text = _prefix_text(lines, cut, False)
    try:
        return prepare_job("<job>", scenario, robot, data=text.encode("utf-8")), 0, None
    except JobError as exc:
        errors = exc.errors or exc.diagnostics
        open_arc = [d for d in errors if d.msg is not None and d.msg.key == "job.ends_arc_on"]
        if len(open_arc) != len(errors):
            return None, 0, exc
        arc_line = int(open_arc[0].msg.args.get("line", 0))
    text = _prefix_text(lines, cut, True)
    try:
        return prepare_job("<job>", scenario, robot, data=text.encode("utf-8")), arc_line, None
    except JobError as exc:
        return None, 0, exc


def _job_message(diag) -> Message:
    detail = diag.msg if diag.msg is not None else diag.message
    return Message.of("predict.job_error", line=int(diag.line), detail=detail)


# -- the weld ---------------------------------------------------------------------------------

def _weld_part(program):
    """The program up to its last AE (None when it has no AS)."""
    ins = program.instructions
    if not any(isinstance(i, ArcStart) for i in ins):
        return None
    last = max((k for k, i in enumerate(ins) if isinstance(i, ArcEnd)), default=len(ins) - 1)
    return replace(program, instructions=tuple(ins[:last + 1]))


def _columns(ctx: JobContext, scenario: Scenario, q: np.ndarray) -> tuple:
    """The trace's columns of joint angles ``q`` (N, 6): ``T_world_tcp`` as the cell computes
    it and the wire cast (hit, point, normal, solid, ctwd_m). Row by row, so columns of
    pieces of a trajectory, joined, are those of the whole."""
    T_world_base = np.asarray(scenario.T_world_base, dtype=np.float64)
    T = T_world_base @ ctx.robot.fk(q, tool=ctx.program.tool)
    stick = ctx.robot.spec.tool(scenario.tool).stick_out_m
    return (T, *cast_wire(scenario, T, stick, RAY_LENGTH_M))


def _trace(ctx: JobContext, scenario: Scenario, trajectory: Trajectory,
           planner: _CachedPlanner | None = None):
    """The trace the cell would record (without contacts), and the first sample whose contact
    tip is at or in the work (-1 when none).

    With the planner that made ``trajectory``, the columns of each move are computed once and
    kept with the move in the cache."""
    n = len(trajectory.t)
    q = np.asarray(trajectory.q)
    if planner is None:
        cols = _columns(ctx, scenario, q)
    else:
        parts = [_columns(ctx, scenario, q[:1])]
        done = 1
        for chunk, slot in zip(planner.chunks, planner.slots, strict=True):
            if done >= n:
                break
            if slot is None:
                part = _columns(ctx, scenario, chunk.q)
            else:
                move, j = slot
                part = move.derived[j]
                if part is None:
                    part = move.derived[j] = _columns(ctx, scenario, chunk.q)
            parts.append(part)
            done += chunk.q.shape[0]
        cols = tuple(np.concatenate([p[c] for p in parts])[:n] for c in range(6))
    T, hit, point, normal, solid, ctwd = cols
    stick = ctx.robot.spec.tool(scenario.tool).stick_out_m
    trace = Trace(t=np.array(trajectory.t), q=np.array(q), T_world_tcp=T,
                  arc_on=np.array(trajectory.arc_on), line=np.array(trajectory.line),
                  ray_hit=hit, hit_point=point, hit_normal=normal, hit_solid=solid,
                  ctwd_m=ctwd, contacts=(), solid_names=tuple(x.name for x in scenario.solids),
                  stick_out_m=stick, ray_length_m=RAY_LENGTH_M)
    touching = np.flatnonzero(hit & (ctwd <= 0.0))
    return trace, int(touching[0]) if touching.size else -1


def _bead_points(scenario: Scenario, k: int, weld: SeamWeld) -> np.ndarray:
    """World points (N, 3) of the bead's centre line: the root point at each bin plus the
    centroid of the fillet triangle (``z1/3`` across the lower face, ``z2/3`` up the upper
    one); NaN where the bin is not welded."""
    from weldsim.scoring.seam_frame import is_closed, seam_frame

    seam = scenario.seams[k]
    bead = weld.bead
    length_mm = seam.length_m * 1000.0
    s = np.asarray(bead.s_mm, dtype=np.float64)
    s_on = np.mod(s, length_mm) if is_closed(seam) else np.clip(s, 0.0, length_mm)
    pts = np.asarray(seam.points_m, dtype=np.float64)
    cum = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    on_line = np.column_stack([np.interp(s_on / 1000.0, cum, pts[:, j]) for j in range(3)])
    out = np.full((len(s), 3), np.nan)
    welded = np.asarray(bead.welded)
    if not welded.any():
        return out
    frame = seam_frame(seam, on_line[welded])
    t, n_lo, n_up = frame.tangent, frame.lower_normal, frame.upper_normal
    lat = np.cross(t, n_lo)
    lat *= np.where(np.sum(lat * n_up, axis=1) > 0.0, -1.0, 1.0)[:, None]
    vert = np.cross(t, n_up)
    vert *= np.where(np.sum(vert * n_lo, axis=1) < 0.0, -1.0, 1.0)[:, None]
    parallel = np.abs(np.sum(n_lo * n_up, axis=1)) > np.cos(np.radians(10.0))
    z1 = np.nan_to_num(np.asarray(bead.leg_lower_mm)[welded]) / 3000.0
    z2 = np.nan_to_num(np.asarray(bead.leg_upper_mm)[welded]) / 3000.0
    z1[parallel] = 0.0
    z2[parallel] = 0.0
    out[welded] = frame.root_m + z1[:, None] * lat + z2[:, None] * vert
    return out


def _levels(weld: SeamWeld, length_mm: float) -> np.ndarray:
    """The quality code of each bin: the level of the stretch of :func:`level_profile` that
    holds its centre."""
    edges, codes = level_profile(weld.imperfections, length_mm)
    s = np.clip(np.asarray(weld.bead.s_mm, dtype=np.float64), 0.0, length_mm)
    k = np.clip(np.searchsorted(edges, s, side="right") - 1, 0, len(codes) - 1)
    names = np.empty(len(codes), dtype=object)
    names[:] = [level_name(int(c)) for c in codes]  # one per stretch, not per bin
    return names[k]


def _predicted(scenario: Scenario, weld: SeamWeld) -> PredictedSeam:
    bead = weld.bead
    length_mm = scenario.seams[weld.index].length_m * 1000.0

    def ro(x) -> np.ndarray:
        a = np.array(x, dtype=np.float64)
        a.setflags(write=False)
        return a

    level = _levels(weld, length_mm)
    level.setflags(write=False)
    points = _bead_points(scenario, weld.index, weld)
    points.setflags(write=False)
    return PredictedSeam(seam=weld.index, s_mm=ro(bead.s_mm), leg_lower_mm=ro(bead.leg_lower_mm),
                         leg_upper_mm=ro(bead.leg_upper_mm), throat_mm=ro(bead.throat_mm),
                         width_mm=ro(bead.face_width_mm), level=level, points_m=points,
                         weld=weld)


def weld_of(ctx: JobContext, scenario: Scenario, trajectory: Trajectory,
            planner: _CachedPlanner | None = None):
    """Trace, measure and weld a planned trajectory as :func:`weldsim.exercise.run_exercise`
    does, with the analytic wire cast.

    Returns
    -------
    trajectory, trace
        Up to the sample before the contact tip meets the work, as the controller stops.
    welds : tuple of SeamWeld
    touch : Alarm or None
        The wire-touch alarm that stopped it.
    """
    trace, i = _trace(ctx, scenario, trajectory, planner)
    touch = None
    if i >= 0:
        line = int(trace.line[i])
        columns = {ins.line: ins.column for ins in ctx.program.instructions}
        touch = wire_touch_alarm(line, columns.get(line, 0), float(trace.t[i]), i,
                                 float(trace.ctwd_m[i]) * 1000.0)
        trajectory = trajectory.head(i)
        trace = trace.head(i)
    welds: tuple[SeamWeld, ...] = ()
    if np.any(trace.arc_on):
        metrics = technique_metrics(trace, scenario, trajectory)
        stick_mm = ctx.robot.spec.tool(scenario.tool).stick_out_m * 1000.0
        welds = tuple(w for k in range(len(scenario.seams))
                      if (w := weld_seam(scenario, k, trajectory, metrics, stick_mm)) is not None)
    return trajectory, trace, welds, touch


# -- the prediction ---------------------------------------------------------------------------

def predict_bead(scenario: Scenario, robot, job_text: str, *, upto_line: int | None = None,
                 cache: PredictionCache | None = None) -> Prediction:
    """Predict the beads of the weld moves taught so far.

    Parameters
    ----------
    scenario : Scenario
        The exercise (its seams, solids, WPS, windows).
    robot : weldsim.kinematics.Robot or None
        The scenario's robot, when the caller holds it (loaded otherwise).
    job_text : str
        The job as edited (it may lack its ``AE`` or ``END``, or have errors).
    upto_line : int, optional
        Predict only the instructions on lines up to this one (step check, the cursor).
    cache : PredictionCache, optional
        Reuse planned moves between calls (keep one per editing session).

    Returns
    -------
    Prediction
        Never raises for a mistake in the job: the problem is returned, located at its line.

    Notes
    -----
    The numba kernels run on one thread here: a prediction is a few thousand samples, for
    which starting the parallel kernels' second thread costs more wall time than it saves on
    a busy 2-core machine (measured by ``bench/predict.py``), and the pendant's frame loop
    keeps the other core.
    """
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        return _predict(scenario, robot, job_text, upto_line, cache)
    finally:
        numba.set_num_threads(threads)


def _predict(scenario: Scenario, robot, job_text: str, upto_line: int | None,
             cache: PredictionCache | None) -> Prediction:
    if cache is None:
        cache = PredictionCache()
    if not scenario.welds or not scenario.seams:
        return Prediction((), (), Message.of("predict.no_seams"), 0)
    lines = job_text.splitlines()
    cut = len(lines) if upto_line is None else max(0, min(int(upto_line), len(lines)))
    problem: Message | None = None
    problem_line = 0
    for _ in range(_MAX_RETRIES):
        ctx, arc_line, error = _parse(scenario, robot, lines, cut, cache)
        if error is not None:
            diag = _first_error(error)
            if problem is None:
                problem, problem_line = _job_message(diag), int(diag.line)
            if diag.line <= 1 or diag.line - 1 >= cut:
                break
            cut = diag.line - 1
            continue
        assert ctx is not None
        program = _weld_part(ctx.program)
        if program is None:
            if problem is None:
                problem, problem_line = Message.of("predict.no_weld"), 0
            break
        ctx = replace(ctx, program=program)
        try:
            planned, planner = _plan(ctx, cache)
        except PlanningError as exc:
            if problem is None:
                problem = Message.of("predict.planning", line=int(exc.line),
                                     detail=str(exc).split(": error: ", 1)[-1])
                problem_line = int(exc.line)
            if exc.line <= 1 or exc.line - 1 >= cut:
                break
            cut = exc.line - 1
            continue
        trajectory = planned
        first = planned.first_alarm
        if first is not None:
            trajectory = planned.head(first.sample, keep=first)
            if problem is None:
                alarm = alarm_from_problem(first)
                problem = Message.of("predict.stopped", line=int(alarm.line),
                                     reason=alarm.message)
                problem_line = int(alarm.line)
        trajectory, _, welds, touch = weld_of(ctx, scenario, trajectory, planner)
        if touch is not None and problem is None:
            problem = Message.of("predict.stopped", line=touch.line, reason=touch.message)
            problem_line = touch.line
        if arc_line and problem is None:
            problem, problem_line = Message.of("predict.arc_open", line=arc_line), arc_line
        arc = np.asarray(trajectory.arc_on)
        used = tuple(int(v) for v in np.unique(np.asarray(trajectory.line)[arc]))
        if not welds and problem is None:
            problem = Message.of("predict.no_bead")
        return Prediction(tuple(_predicted(scenario, w) for w in welds), used, problem,
                          problem_line)
    return Prediction((), (), problem, problem_line)
