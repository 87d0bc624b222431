"""Byte-identity guard for speed work: ``python bench/identity.py record|check [FILE]``.

Runs a fixed set of jobs (every bundled scenario's reference job, the 60 s job of
``bench/run.py``, t-fillet-2f jobs with the seeded faults of ``tests/fillet_jobs.py``, jobs
that stop with an alarm) with a fresh cell and with one reused cell, and stores the SHA-256
of each JSON report (``record``), or compares them with the stored ones (``check``, exit 1 on
any difference). A speed change must leave every hash as it was: record on the commit before
the change (``git archive <commit> | tar -x -C /tmp/base``, copy this script there, run it
there), check on the change, on the same machine (the hashes are not meant to travel between
machines: a libm may round a last bit differently). The crash job is also played through to
its end, so its contact events (the loop that records them) are compared too.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def cases() -> list[tuple[str, str, bytes]]:
    """(label, scenario id, job bytes) of every job the guard runs."""
    from fillet_jobs import t_fillet_job

    from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

    out = []
    for sid in bundled_scenario_ids():
        s = load_scenario(sid)
        out.append((f"{sid}/reference", sid, s.reference_job.read_bytes()))
    ref = load_scenario("t-fillet-2f").reference_job.read_text(encoding="utf-8")
    out.append(("t-fillet-2f/60s", "t-fillet-2f", ref.replace("S=42cm/min", "S=25cm/min")
                .encode()))
    faults = {"good": {}, "work30": {"work_deg": 30.0}, "drag": {"travel_deg": -15.0},
              "long-ctwd": {"back_mm": 8.0}, "aim-up": {"aim_up_mm": 3.0},
              "aim-out": {"aim_out_mm": 3.0}, "slow": {"speed": "20cm/min"},
              "fast": {"speed": "90cm/min"}, "cold": {"current_a": 180.0, "voltage_v": 21.0},
              "hot": {"current_a": 330.0, "voltage_v": 33.0}, "no-crater": {"crater_s": 0.0},
              "short": {"arc_end_x": 120.0}, "low-gas": {"flow": 6.0},
              "short-seam": {"start_x": 30.0, "end_x": 200.0}}
    for label, kw in faults.items():
        out.append((f"t-fillet-2f/{label}", "t-fillet-2f", t_fillet_job(**kw).encode()))
    out.append(("t-fillet-2f/far", "t-fillet-2f",
                ref.replace("P4 = X(248, 0, 0,", "P4 = X(2480, 0, 0,").encode()))
    out.append(("t-fillet-2f/joint-limit", "t-fillet-2f",
                b"JOB A\nTOOL 1\nMOVEP J(0, 0, 0, 0, -140, 0) R=30%\nEND\n"))
    out.append(("t-fillet-2f/crash", "t-fillet-2f", crash_job(ref).encode()))
    return out


def crash_job(ref: str) -> str:
    """The reference job with a move through the web (as tests/report/test_plots.py)."""
    return ref.replace("MOVEL P2 S=100mm/s", "MOVEL P2 S=100mm/s\nMOVEL X(120, -30, 20, "
                       "-180, 45.86, 104) S=50mm/s\nMOVEL P2 S=100mm/s")


def contact_events() -> str:
    """Every contact event of the crash job played to its end (not stopped at the touch)."""
    from weldsim.jobs import prepare_job
    from weldsim.motion import plan
    from weldsim.scenarios.loader import load_scenario
    from weldsim.sim import Cell

    s = load_scenario("t-fillet-2f")
    ctx = prepare_job("crash.job", s, None,
                      data=crash_job(s.reference_job.read_text(encoding="utf-8")).encode())
    tr = plan(ctx.program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames)
    with Cell(s, ctx.robot) as cell:
        trace = cell.play(tr, until_contact=False)
    return repr(trace.contacts) + repr(trace.ctwd_m.tolist())


def digests() -> dict[str, str]:
    from weldsim.errors import WeldsimError
    from weldsim.exercise import run_exercise
    from weldsim.report import report_json
    from weldsim.scenarios.loader import load_scenario
    from weldsim.sim import Cell

    out: dict[str, str] = {}
    cells: dict[str, Cell] = {}
    for label, sid, data in cases():
        s = load_scenario(sid)
        cell = cells.setdefault(sid, Cell(s))
        for how, c in (("fresh", None), ("reused", cell)):
            try:
                text = report_json(run_exercise(s, "guard.job", data=data, cell=c))
            except WeldsimError as exc:
                text = f"{type(exc).__name__}: {exc}"
            out[f"{label} [{how}]"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for cell in cells.values():
        cell.close()
    out["t-fillet-2f/crash played through"] = hashlib.sha256(
        contact_events().encode("utf-8")).hexdigest()
    return out


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    path = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "bench" / "identity.json")
    now = digests()
    if mode == "record":
        path.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(now)} reports in {path}")
        return 0
    then = json.loads(path.read_text(encoding="utf-8"))
    bad = [k for k in sorted(set(now) | set(then)) if now.get(k) != then.get(k)]
    for k in bad:
        print(f"DIFFERENT: {k}")
    print(f"{len(now) - len(bad)} of {len(now)} reports identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
