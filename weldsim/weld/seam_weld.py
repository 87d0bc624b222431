"""The weld made on one seam (:class:`SeamWeld`) and the adapter that builds it from the
per-sample technique measurements of a run (:func:`weld_seam`).

The adapter sees plain arrays (the technique metrics, the trajectory's condition indices and
times), never pybullet nor the orchestrator, so scoring and reports depend on this module only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from weldsim.weld.bead import Bead, design_throat_for_leg_mm, simulate_bead
from weldsim.weld.conditions import JointGeometry, WeldConditions, WeldSamples
from weldsim.weld.imperfections import Imperfection, find_imperfections

__all__ = ["NO_HIT_CTWD_MM", "SeamWeld", "weld_seam"]

NO_HIT_CTWD_MM = 40.0
"""CTWD given to the weld model where the wire axis meets nothing (mm): the arc would be far
too long there, which the model treats as the worst stick-out."""


@dataclass(frozen=True, eq=False)
class SeamWeld:
    """The weld made on one seam.

    Attributes
    ----------
    index : int
        The seam's index in the scenario.
    seam : weldsim.scenarios.spec.Seam
    conditions : WeldConditions
    geometry : JointGeometry
    samples : WeldSamples
        What the weld model saw: the torch along the seam, samples of continuous motion.
    samples_idx : numpy.ndarray
        Trace samples on this seam with the arc on (welding or crater fill).
    bead : Bead
    imperfections : tuple of Imperfection
    """

    index: int
    seam: object
    conditions: WeldConditions
    geometry: JointGeometry
    samples: WeldSamples
    samples_idx: np.ndarray
    bead: Bead
    imperfections: tuple[Imperfection, ...]


def _most_used(indices: np.ndarray) -> int:
    """The most frequent non-negative index (the lowest on a tie), -1 when there is none."""
    used = indices[indices >= 0]
    if not used.size:
        return -1
    return int(np.argmax(np.bincount(used)))


def weld_seam(scenario, k: int, trajectory, metrics, stick_out_mm: float) -> SeamWeld | None:
    """Simulate the bead on seam ``k`` of a run; None when the arc never burned on it.

    Parameters
    ----------
    scenario : weldsim.scenarios.spec.Scenario
        Its seams, WPS, windows (the nominal work angle), bead design and solids.
    k : int
        Seam index.
    trajectory : weldsim.motion.Trajectory
        What the robot executed: ``weld_condition``, ``crater_condition``, ``t`` and the
        condition tables.
    metrics : weldsim.scoring.TechniqueMetrics
        Per-sample measurements over the same samples: ``arc_on``, ``seam``, ``s_mm``,
        ``travel_speed_mm_s``, ``ctwd_mm``, angles, aim, weave (NaN where not measured).
    stick_out_mm : float
        The tool's nominal stick-out (mm).
    """
    seam = scenario.seams[k]
    idx = np.flatnonzero(metrics.arc_on & (metrics.seam == k))
    weld_cond = np.asarray(trajectory.weld_condition)[idx]
    if not np.any(weld_cond >= 0):
        return None
    start = trajectory.weld_conditions[_most_used(weld_cond)]
    crater_idx = _most_used(np.asarray(trajectory.crater_condition)[idx])
    end = trajectory.crater_conditions[crater_idx] if crater_idx >= 0 else None
    wps = scenario.wps
    conditions = WeldConditions.from_program(start, end, wire_diameter_mm=wps.wire_diameter_mm,
                                             stickout_mm=stick_out_mm)
    nominal_work = scenario.windows["work_angle_deg"].nominal
    design = None  # the drawing's throat (ISO 5817 judges the weld against it), else the leg's
    if scenario.bead is not None and scenario.bead.throat_mm > 0:
        design = scenario.bead.throat_mm
    elif scenario.bead is not None and scenario.bead.leg_mm > 0 and seam.joint.startswith(
            "fillet"):
        design = design_throat_for_leg_mm(scenario.bead.leg_mm)
    geometry = JointGeometry(
        joint=seam.joint, t1_mm=seam.thickness_mm[0], t2_mm=seam.thickness_mm[1],
        gap_mm=seam.root_gap_mm, bevel_deg=seam.bevel_deg,
        backing=any(s.role == "backing" for s in scenario.solids),
        work_angle_deg=nominal_work, position=seam.position, design_throat_mm=design,
    )
    length_mm = seam.length_m * 1000.0
    s = metrics.s_mm[idx]
    if seam.kind == "circle" and abs(abs(seam.sweep_rad) - 2 * np.pi) < 1e-9:
        s = np.mod(s, length_mm)  # a closed seam: a pass may run on past its start
    # a speed is a magnitude: rounding of a finite difference at rest can give -1e-12
    speed = np.maximum(np.nan_to_num(metrics.travel_speed_mm_s[idx], nan=0.0), 0.0)
    samples = WeldSamples(
        s_mm=s,
        speed_mm_s=speed,
        ctwd_mm=np.nan_to_num(metrics.ctwd_mm[idx], nan=NO_HIT_CTWD_MM),
        work_angle_deg=np.nan_to_num(metrics.work_angle_deg[idx], nan=nominal_work),
        travel_angle_deg=np.nan_to_num(metrics.travel_angle_deg[idx], nan=0.0),
        aim_lateral_mm=np.nan_to_num(metrics.aim_lateral_mm[idx], nan=0.0),
        aim_vertical_mm=np.nan_to_num(metrics.aim_vertical_mm[idx], nan=0.0),
        weave_amp_mm=np.nan_to_num(metrics.weave_amplitude_mm[idx], nan=0.0),
        weave_freq_hz=np.nan_to_num(metrics.weave_frequency_hz[idx], nan=0.0),
        arc_on=weld_cond >= 0,
        t_s=np.asarray(trajectory.t)[idx],
    )
    bead = simulate_bead(conditions, geometry, samples)
    imps = find_imperfections(bead, conditions, geometry, samples, length_mm,
                              scenario.required_level or "C")
    return SeamWeld(k, seam, conditions, geometry, samples, idx, bead, tuple(imps))
