"""Torch reach table: ``python bench/torch_clearance.py [SCENARIO ...]``.

For each fillet/butt exercise, a job welds its first seam with the torch at work angles
around the joint's bisector (every 5 deg, +-20 deg) and CTWD 10, 15 and 20 mm (push 10 deg),
through the controller (``execute`` in the scenario's cell); the table gives per pose the
least torch-to-work clearance while the arc was on (mm; negative = overlap) and the alarm
the controller raised, if any (``collision@line:link>solid``). One line per pose, with its
CPU time. See docs/torch.md for what the numbers mean for the torch model.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "sim"))

from torch_reach_jobs import WELD_SPAN, reach  # noqa: E402

from weldsim.kinematics import load_robot  # noqa: E402
from weldsim.scenarios.loader import load_scenario  # noqa: E402
from weldsim.sim import Cell  # noqa: E402


def main(argv: list[str]) -> int:
    ids = argv or list(WELD_SPAN)
    for sid in ids:
        scenario = load_scenario(sid)
        robot = load_robot(scenario.robot)
        _, bisector = WELD_SPAN[sid]
        print(f"\n{sid}: work angle (deg) x CTWD (mm) -> clearance (mm) / alarm")
        with Cell(scenario, robot) as cell:
            for work in range(int(bisector) - 20, int(bisector) + 21, 5):
                cells = []
                t0 = time.process_time()
                for ctwd in (10.0, 15.0, 20.0):
                    r = reach(scenario, cell, work_deg=float(work), ctwd_mm=ctwd)
                    alarm = "ok"
                    if r.alarm_kind == "collision":
                        alarm = f"collision@{r.alarm_line}:{r.alarm_link}>{r.alarm_other}"
                    elif r.alarm_kind:
                        alarm = f"{r.alarm_kind}@{r.alarm_line}"
                    cells.append(f"{ctwd:4.0f}: {r.clearance_mm:6.2f} ({r.nearest}) {alarm}")
                dt = (time.process_time() - t0) / 3
                print(f"  {work:3d} | " + " | ".join(cells) + f"   [{dt:.2f} s/pose]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
