"""Weld test cases: the t-fillet-2f WPS, the T-joint, steady samples and a runner."""

from __future__ import annotations

from weldsim.weld import (
    JointGeometry,
    WeldConditions,
    WeldSamples,
    find_imperfections,
    simulate_bead,
)

SEAM_MM = 300.0
WPS_SPEED_MM_S = 420.0 / 60.0  # 42 cm/min


def wps(**changes) -> WeldConditions:
    """The t-fillet-2f WPS: 1.2 mm solid wire, MAG, 270 A, 28 V, 42 cm/min, crater fill."""
    kw = dict(current_a=270.0, voltage_v=28.0, speed_mm_s=WPS_SPEED_MM_S, wire_diameter_mm=1.2,
              gas="MAG", gas_flow_l_min=15.0, crater_current_a=180.0, crater_voltage_v=22.0,
              crater_time_s=0.5, stickout_mm=15.0)
    kw.update(changes)
    return WeldConditions(**kw)


def tee(**changes) -> JointGeometry:
    """10 mm T-joint, horizontal-vertical (PB), nominal throat 6 mm leg x 0.707."""
    kw = dict(joint="fillet_t", t1_mm=10.0, t2_mm=10.0, work_angle_deg=45.0, position="PB",
              design_throat_mm=6.0 * 0.5 * 2**0.5)
    kw.update(changes)
    return JointGeometry(**kw)


def steady(length_mm: float = SEAM_MM, **changes) -> WeldSamples:
    """A steady weld at the WPS speed from the seam start (changes override the torch)."""
    kw = dict(speed_mm_s=WPS_SPEED_MM_S)
    kw.update(changes)
    return WeldSamples.constant(length_mm, **kw)


def run(conditions=None, geometry=None, samples=None, seam_mm: float = SEAM_MM,
        required_level: str = "C"):
    """Simulate and inspect a weld: ``(bead, imperfections)``."""
    conditions = conditions or wps()
    geometry = geometry or tee()
    samples = samples or steady()
    bead = simulate_bead(conditions, geometry, samples)
    return bead, find_imperfections(bead, conditions, geometry, samples, seam_mm, required_level)


def kinds(imperfections) -> set[str]:
    return {imp.type for imp in imperfections}


