"""Draw docs/img/torch-roll.png: one wire axis, three rolls of the torch about it (t-fillet-2f).

Run from the repository root: ``python docs/img/make_torch_roll.py``. The three poses are the
worked example of docs/job-format.md ("Torch roll and CONF"); the picture is rendered in the
cell (pybullet, tiny renderer) and laid out with matplotlib.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from weldsim.kinematics import load_robot, make_pose, rpy_to_matrix
from weldsim.scenarios.loader import load_scenario
from weldsim.sim import Cell
from weldsim.sim.render import camera_pose

OUT = Path(__file__).resolve().parent / "torch-roll.png"
#: (label, X(...) angles in USER1, CONF): the worked example's poses at the seam start.
POSES = (
    ("roll 0°: what 'scenarios show' prints", (165.2, 43.92, 83.16), "NUT"),
    ("rolled -15°: the reference program", (-180.0, 45.86, 104.0), "NUT"),
    ("rolled +85°: J4 and J5 turn far", (134.56, -7.05, 7.11), "NUT"),
)
W, H = 2400, 1800


def _pixel(p, eye, target, up, fov_deg):
    """Where a world point lands in the picture (x, y pixels)."""
    f = (target - eye) / np.linalg.norm(target - eye)
    s = np.cross(f, up)
    s /= np.linalg.norm(s)
    u = np.cross(s, f)
    d = p - eye
    t = math.tan(math.radians(fov_deg) / 2)
    x = (s @ d) / ((f @ d) * t * W / H)
    y = (u @ d) / ((f @ d) * t)
    return (x + 1) / 2 * W, (1 - y) / 2 * H


def main() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = load_scenario("t-fillet-2f")
    robot = load_robot(s.robot)
    T_world_user = s.frames["user1"]
    panels = []
    with Cell(s, robot) as cell:
        for label, angles, conf in POSES:
            T = T_world_user @ make_pose(rpy_to_matrix(*np.radians(angles)), np.zeros(3))
            q = robot.ik_nearest(T, np.radians([-17.5, 10.4, -44.1, -15.3, -40.4, -146.9]),
                                 s.tool, conf)
            cell.set_q(q)
            assert cell.contacts_now() == [], label
            image = cell.render("iso", W, H)
            eye, target, up, fov = camera_pose(cell, "iso")
            tcp = T[:3, 3]
            cx, cy = _pixel(tcp + np.array([0.0, 0.0, 0.17]), eye, target, up, fov)
            half_w, half_h = 330, 360
            x0 = int(np.clip(cx - half_w, 0, W - 2 * half_w))
            y0 = int(np.clip(cy - half_h, 0, H - 2 * half_h))
            angles_text = ", ".join(f"{a:g}" for a in angles)
            joints = ", ".join(f"{v:.1f}" for v in np.degrees(q))
            panels.append((image[y0:y0 + 2 * half_h, x0:x0 + 2 * half_w],
                           f"{label}\nX(0, 0, 0, {angles_text}, CONF={conf})\nJ({joints})"))
    fig, axes = plt.subplots(1, len(panels), figsize=(15, 7.0), dpi=80)
    for ax, (img, title) in zip(axes, panels, strict=True):
        ax.imshow(img)
        ax.set_title(title, fontsize=11, family="monospace")
        ax.axis("off")
    fig.suptitle("One wire axis z = (0.174, -0.696, -0.696) in USER1 (work angle 45°, push 10°): "
                 "the same weld, three torch rolls", fontsize=13)
    fig.tight_layout(rect=(0, 0, 1, 0.94))
    fig.savefig(OUT, metadata={"Software": None})
    print(OUT)


if __name__ == "__main__":
    main()
