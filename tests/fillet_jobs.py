"""Jobs for t-fillet-2f with seeded faults, shared by the end-to-end tests."""

from __future__ import annotations


def t_fillet_job(*, work_deg: float = 45.0, travel_deg: float = 10.0, back_mm: float = 0.0,
                 aim_up_mm: float = 0.0, aim_out_mm: float = 0.0, speed: str = "42cm/min",
                 current_a: float = 270.0, voltage_v: float = 28.0, crater_s: float = 0.6,
                 start_x: float = 2.0, end_x: float = 248.0, arc_end_x: float | None = None,
                 flow: float = 18.0) -> str:
    """A t-fillet-2f job like the reference one, with the faults a test wants.

    ``work_deg`` from the base plate, ``travel_deg`` push positive, ``back_mm`` moves the weld
    points back along the torch axis (a longer CTWD), ``aim_up_mm`` up the web and
    ``aim_out_mm`` across the base plate, ``arc_end_x`` ends the arc early (mm along the seam).
    """
    import numpy as np

    from weldsim.kinematics import matrix_to_rpy

    w, a = np.radians(work_deg), np.radians(travel_deg)
    work_dir = np.array([0.0, -np.cos(w), -np.sin(w)])
    z = np.cos(a) * work_dir + np.sin(a) * np.array([1.0, 0.0, 0.0])
    ref = np.array([0.0, 0.0, -1.0])
    x = ref - (ref @ z) * z
    x /= np.linalg.norm(x)
    rpy = np.degrees(matrix_to_rpy(np.column_stack([x, np.cross(z, x), z])))
    offset = np.array([0.0, aim_out_mm, aim_up_mm]) - back_mm * z

    def pos(p):
        v = list(np.asarray(p, dtype=float)) + list(rpy)
        return "X(" + ", ".join(f"{c:.4f}" for c in v) + ")"

    start = np.array([start_x, 0.0, 0.0]) + offset
    end = np.array([end_x, 0.0, 0.0]) + offset
    approach = start - 50.0 * z
    depart = end - 50.0 * z
    lift = np.array([0.0, 40.0, 80.0])
    weld = "MOVEL P4"
    if arc_end_x is not None:
        mid = np.array([arc_end_x, 0.0, 0.0]) + offset
        weld = f"MOVEL {pos(mid)}\nAE 1\nMOVEL P4 S=50mm/s\nAS 1"
    return f"""JOB FAULTY
TOOL 1
FRAME USER1
ASC 1 I={current_a:g}A U={voltage_v:g}V S={speed} GAS=MAG FLOW={flow:g}
AEC 1 I=200A U=23V T={crater_s:g}s
P1 = {pos(approach + lift)}
P2 = {pos(approach)}
P3 = {pos(start)}
P4 = {pos(end)}
P5 = {pos(depart)}
P6 = {pos(depart + lift)}
P9 = J(0, 0, 0, 0, -60, 0)
MOVEP P1 R=30%
MOVEL P2 S=100mm/s
MOVEL P3 S=30mm/s
AS 1
{weld}
AE 1
MOVEL P5 S=30mm/s
MOVEL P6 S=100mm/s
MOVEP P9 R=30%
END
"""
