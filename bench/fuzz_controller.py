"""Fuzz campaign of the controller's front ends: ``python bench/fuzz_controller.py [N] [SEED]``.

N (default 300) mutated-but-parseable jobs, made from the bundled reference jobs (numbers of
positions and speeds nudged or scaled, a CONF added, lines dropped, duplicated or swapped;
only mutants that parse and fit their scenario are kept), each run through
``weldsim check --scenario`` and ``weldsim run`` in this process. A finding is a traceback, an
exit 1, an exit 2 without a ``file:line`` location, or ``check`` and ``run`` disagreeing (check
passes but run stops with an alarm, or run stops at a line check did not flag). Prints the
count of each outcome, the time per job and every finding; exit 1 when there is one.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim.cli import main
from weldsim.jobs import prepare_job
from weldsim.program import JobError
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _nudge(line: str, rng: random.Random) -> str:
    """Change one number of a line: a nudge, a scale or a sign flip."""
    found = list(_NUMBER.finditer(line))
    if not found:
        return line
    m = rng.choice(found)
    value = float(m.group())
    kind = rng.random()
    if kind < 0.5:
        new = value + rng.uniform(-60.0, 60.0)
    elif kind < 0.8:
        new = value * rng.choice([0.1, 0.5, 2.0, 5.0])
    else:
        new = -value
    return line[:m.start()] + f"{new:.2f}" + line[m.end():]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    body = [i for i, t in enumerate(lines) if t.strip() and not t.lstrip().startswith(";")
            and not t.startswith(("JOB", "END", "ROBOT", "TOOL"))]
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.choice(body)
        if op < 0.6:
            lines[i] = _nudge(lines[i], rng)
        elif op < 0.7 and lines[i].lstrip().startswith("P") and "X(" in lines[i]:
            lines[i] = lines[i].split(";")[0].rstrip().rstrip(")") + \
                f", CONF={rng.choice(['NUT', 'FUT', 'NDT', 'FDF'])})"
        elif op < 0.8:
            del lines[i]
            body = [b - (b > i) for b in body if b != i]
        elif op < 0.9:
            lines.insert(i, lines[i])
            body.append(max(body) + 1)
        else:
            j = rng.choice(body)
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


def _call(argv) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue() + err.getvalue()


def campaign(n: int, seed: int) -> int:
    rng = random.Random(seed)
    refs = [(sid, load_scenario(sid).reference_job.read_text(encoding="utf-8"))
            for sid in bundled_scenario_ids()]
    outcomes: Counter = Counter()
    findings: list[str] = []
    times = []
    made = 0
    with tempfile.TemporaryDirectory() as folder:
        while made < n:
            sid, ref = rng.choice(refs)
            text = mutate(ref, rng)
            try:
                prepare_job("m.job", sid, data=text.encode())
            except JobError:
                continue  # not parseable: not this campaign's subject
            path = Path(folder) / f"mutant{made:03d}.job"
            path.write_text(text, encoding="utf-8")
            made += 1
            t0 = time.perf_counter()
            c_code, c_out = _call(["check", str(path), "--scenario", sid, "--lang", "en"])
            r_code, r_out = _call(["run", sid, str(path), "--lang", "en"])
            times.append(time.perf_counter() - t0)
            located = re.compile(re.escape(str(path)) + r":\d+")
            for name, code, out in (("check", c_code, c_out), ("run", r_code, r_out)):
                if "Traceback" in out or code == 1:
                    findings.append(f"{path.name} ({sid}) {name}: exit {code}\n{out}")
                elif code == 2 and not located.search(out):
                    findings.append(f"{path.name} ({sid}) {name}: exit 2 unlocated\n{out}")
            alarm = re.search(r"ALARM: the robot stopped at line (\d+):", r_out)
            if c_code == 0 and alarm:
                findings.append(f"{path.name} ({sid}): check passed, run stopped\n{r_out}")
            if alarm and f"{path}:{alarm.group(1)}:" not in c_out:
                findings.append(f"{path.name} ({sid}): run stopped at line {alarm.group(1)}, "
                                f"check did not flag it\n{c_out}")
            outcomes[("check", c_code)] += 1
            outcomes[("run", r_code, "stopped" if alarm else "ran")] += 1
            if findings:
                (Path(__file__).parent / "fuzz_findings").mkdir(exist_ok=True)
                (Path(__file__).parent / "fuzz_findings" / path.name).write_text(
                    text, encoding="utf-8")
    print(f"{made} mutants, {sum(times) / len(times):.2f} s per job (check + run, wall)")
    for key, count in sorted(outcomes.items(), key=str):
        print(f"  {key}: {count}")
    print(f"findings: {len(findings)}")
    for f in findings:
        print("----\n" + f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(campaign(int(sys.argv[1]) if len(sys.argv) > 1 else 300,
                      int(sys.argv[2]) if len(sys.argv) > 2 else 1))
