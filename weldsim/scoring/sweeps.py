"""One-parameter sweeps from a reference job: how the score answers one change at a time.

Each :class:`Sweep` edits the t-fillet-2f reference job's text (the weld points P3 and P4, or
the arc-start condition) to one value of one parameter: the aim across the base plate, the
CTWD along the torch axis, the work and the travel angle (the torch turned about the wire tip),
the travel speed, the current, the voltage and the gas flow. :func:`run_sweep` runs every step
(plan, play, weld, score) and :func:`cliffs` finds two neighbouring steps whose scores differ
by more than a limit without a gate starting between them: the rubric's "no cliffs" property,
tested in ``tests/scoring/test_sweeps.py`` and drawn by ``bench/sweeps.py``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from weldsim.scoring import severity

__all__ = ["JUMP_LIMIT", "SCENARIO", "SWEEPS", "Sweep", "SweepPoint", "cliffs", "run_sweep",
           "sweep_job"]

#: Largest score change between neighbouring steps without a gate (points).
JUMP_LIMIT = 15.0
#: The exercise the sweeps start from.
SCENARIO = "t-fillet-2f"
_WELD_POINTS = ("P3", "P4")
_X = re.compile(r"^(P\d+) = X\(([^)]*)\)(.*)$", re.MULTILINE)


def _rot(rx: float, ry: float, rz: float) -> np.ndarray:
    cx, sx, cy, sy, cz, sz = (math.cos(rx), math.sin(rx), math.cos(ry), math.sin(ry),
                              math.cos(rz), math.sin(rz))
    return np.array([[cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx],
                     [sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx],
                     [-sy, cy * sx, cy * cx]])


def _rpy(R: np.ndarray) -> tuple[float, float, float]:
    ry = -math.asin(max(-1.0, min(1.0, R[2, 0])))
    return math.atan2(R[2, 1], R[2, 2]), ry, math.atan2(R[1, 0], R[0, 0])


def _axis_rot(axis: np.ndarray, angle: float) -> np.ndarray:
    a = axis / np.linalg.norm(axis)
    K = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    return np.eye(3) + math.sin(angle) * K + (1 - math.cos(angle)) * K @ K


def _edit_points(text: str, edit: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple]
                 ) -> str:
    """Apply ``edit(p_mm, R, tip_mm) -> (p_mm, R)`` to the weld points P3 and P4 and to the
    approach and departure points P2 and P5 (``tip_mm``: the weld point each belongs to), so
    the torch still comes in and leaves along its own axis."""
    tips = {}
    for m in _X.finditer(text):
        if m.group(1) in _WELD_POINTS:
            tips[m.group(1)] = np.array([float(x) for x in m.group(2).split(",")[:3]])
    owner = {"P2": "P3", "P3": "P3", "P4": "P4", "P5": "P4"}

    def sub(m: re.Match) -> str:
        if m.group(1) not in owner:
            return m.group(0)
        parts = [x.strip() for x in m.group(2).split(",")]
        vals = [float(x) for x in parts[:6]]
        p, R = edit(np.array(vals[:3]), _rot(*np.radians(vals[3:6])), tips[owner[m.group(1)]])
        rpy = np.degrees(_rpy(R))
        body = ", ".join(f"{v:.4f}" for v in (*p, *rpy))
        rest = "".join(", " + x for x in parts[6:])
        return f"{m.group(1)} = X({body}{rest}){m.group(3)}"
    return _X.sub(sub, text)


def _aim(text: str, d: float) -> str:
    return _edit_points(text, lambda p, R, tip: (p + np.array([0.0, d, 0.0]), R))


def _ctwd(text: str, d: float) -> str:
    # the tip moves back along the torch axis: the CTWD grows by d
    return _edit_points(text, lambda p, R, tip: (p - d * R[:, 2], R))


def _turn(text: str, axis_of: Callable[[np.ndarray], np.ndarray], angle: float) -> str:
    """Turn the torch by ``angle`` (rad) about ``axis_of(wire axis)`` through the wire tip."""
    def edit(p, R, tip):
        Q = _axis_rot(axis_of(R[:, 2]), angle)
        return tip + Q @ (p - tip), Q @ R
    return _edit_points(text, edit)


def _work(text: str, d: float) -> str:
    # about the seam (USER1 X): + = steeper on the base plate
    return _turn(text, lambda z: np.array([1.0, 0.0, 0.0]), math.radians(d))


def _travel(text: str, d: float) -> str:
    # toward the travel (+X), about the axis normal to the seam and the wire: + = more push
    return _turn(text, lambda z: np.cross(np.array([1.0, 0.0, 0.0]), z), -math.radians(d))


def _condition(key: str, fmt: str) -> Callable[[str, float], str]:
    def apply(text: str, v: float) -> str:
        return re.sub(rf"^(ASC 1 .*?\b{key}=)[^ \n]+", lambda m: m.group(1) + fmt.format(v),
                      text, count=1, flags=re.MULTILINE)
    return apply


@dataclass(frozen=True)
class Sweep:
    """One parameter swept from the reference job.

    Attributes
    ----------
    name : str
    label : str
        Axis label with its unit.
    values : tuple of float
        The steps, in the label's unit (absolute where ``reference`` is the job's value).
    reference : float
        The reference job's value.
    apply : callable
        ``apply(job_text, value) -> job_text``.
    """

    name: str
    label: str
    values: tuple[float, ...]
    reference: float
    apply: Callable[[str, float], str] = field(repr=False)
    relative: bool = True


def _steps(lo: float, hi: float, step: float) -> tuple[float, ...]:
    n = round((hi - lo) / step)
    return tuple(round(lo + k * step, 6) for k in range(n + 1))


#: The sweeps of issue #11: aim 0.25 mm, CTWD 1 mm, work and travel angle 2.5 deg, travel
#: speed 5 %, current 10 A, voltage 1 V, gas flow 2 L/min steps.
SWEEPS: dict[str, Sweep] = {s.name: s for s in (
    Sweep("aim", "aim across the base plate (mm, + away from the web)", _steps(-2.0, 3.0, 0.25),
          0.0, _aim),
    Sweep("ctwd", "CTWD change (mm, + longer)", _steps(-5.0, 8.0, 1.0), 0.0, _ctwd),
    Sweep("work_angle", "work angle (deg)", _steps(25.0, 65.0, 2.5), 45.0,
          lambda t, v: _work(t, v - 45.0), relative=False),
    Sweep("travel_angle", "travel angle (deg, + push)", _steps(-15.0, 30.0, 2.5), 10.0,
          lambda t, v: _travel(t, v - 10.0), relative=False),
    Sweep("travel_speed", "travel speed (cm/min)", tuple(round(42.0 * (1 + 0.05 * k), 2)
                                                          for k in range(-8, 9)), 42.0,
          _condition("S", "{:g}cm/min"), relative=False),
    Sweep("current", "current (A)", _steps(200.0, 340.0, 10.0), 270.0,
          _condition("I", "{:g}A"), relative=False),
    Sweep("voltage", "voltage (V)", _steps(22.0, 34.0, 1.0), 28.0,
          _condition("U", "{:g}V"), relative=False),
    Sweep("gas_flow", "gas flow (L/min)", _steps(6.0, 30.0, 2.0), 18.0,
          _condition("FLOW", "{:g}"), relative=False),
)}


@dataclass(frozen=True)
class SweepPoint:
    """The graded run of one step."""

    value: float
    score: float
    passed: bool
    level: str | None
    groups: dict[str, float]
    criteria: dict[str, float]
    gates: tuple[str, ...]
    imperfections: dict[str, float]  # kind -> largest size (mm)
    error: str = ""


def sweep_job(sweep: Sweep, value: float, reference_text: str) -> str:
    """The reference job with the parameter set to ``value``."""
    return sweep.apply(reference_text, value)


def run_sweep(sweep: Sweep, values=None) -> list[SweepPoint]:
    """Run every step of a sweep on :data:`SCENARIO` (a job the parser refuses is a point
    with ``error`` and no score)."""
    from weldsim.exercise import run_exercise
    from weldsim.kinematics import load_robot
    from weldsim.program import JobError
    from weldsim.scenarios.loader import load_scenario

    scenario = load_scenario(SCENARIO)
    robot = load_robot(scenario.robot)
    text = scenario.reference_job.read_text(encoding="utf-8")
    out = []
    for v in (sweep.values if values is None else values):
        job = sweep_job(sweep, v, text)
        try:
            run = run_exercise(scenario, f"{sweep.name}.job", data=job.encode("utf-8"),
                               robot=robot)
        except JobError as exc:
            out.append(SweepPoint(v, math.nan, False, None, {}, {}, (), {}, str(exc)))
            continue
        card = run.card
        imps: dict[str, float] = {}
        for w in run.welds:
            for view in (severity.view(w, imp) for imp in w.imperfections):
                if view.graded:
                    imps[view.kind] = max(imps.get(view.kind, 0.0), view.size_mm)
        gates = tuple(sorted({_gate_event(g) for g in card.gates}))
        out.append(SweepPoint(v, card.score, card.passed, card.iso5817_level,
                              dict(card.groups), {k: c.score for k, c in card.criteria.items()},
                              gates, imps))
    return out


def _gate_event(gate) -> str:
    """A gate as an event: its kind, job line and time. A robot that stops at another line or
    time than in the neighbouring step is another stop (the score then follows how much was
    welded before it), so it counts as a gate starting between the steps."""
    if gate.time_s is None:
        return f"{gate.name} (line {gate.line})"
    return f"{gate.name} (line {gate.line}, {gate.time_s:.2f} s)"


def cliffs(points: list[SweepPoint], limit: float = JUMP_LIMIT) -> list[tuple[float, float, float]]:
    """Neighbouring steps whose scores differ by more than ``limit`` points with no gate
    starting or ending between them: ``(value_a, value_b, jump)``."""
    bad = []
    for a, b in itertools.pairwise(points):
        if a.error or b.error:
            continue
        jump = abs(b.score - a.score)
        if jump > limit and set(a.gates) == set(b.gates):
            bad.append((a.value, b.value, jump))
    return bad
