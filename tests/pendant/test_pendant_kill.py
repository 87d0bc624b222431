"""kill -9 at random moments during edits and saves, 30 times in a row on the same job: the
job file is always a complete job (the old or the new one), and no edit that was made is
lost — it is in the file or in an autosave the next start offers."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from weldsim.pendant import Pendant
from weldsim.program import parse_job

KILLS = 30

CHILD = r"""
import sys
from pathlib import Path
from weldsim.pendant import Pendant

job, rec = Path(sys.argv[1]), Path(sys.argv[2])
p = Pendant.open("jog-basics", job, recovery_dir=rec, cell=False)
offer = p.recovery_offer()
if offer is not None:                  # what a trainee does: take the offered work back
    p.load_text(offer.text, job.name)
    p.changed()
n = sum(1 for ln in p.editor.text.splitlines() if ln.startswith("MOVEP"))
print(f"start {n}", flush=True)
p.servo_on(); p.set_deadman(True); p.set_frame("JOINT"); p.set_speed(0)
p.editor.set_cursor(len(p.editor.instructions) - 1)
while True:
    for _ in range(3):
        p.jog_press(0, +1 if n % 2 else -1)
        p.jog_release()
    p.record("MOVEP")                  # autosaved before record() returns
    n += 1
    print(f"edit {n}", flush=True)
    if n % 3 == 0:
        p.save()
        print(f"saved {n}", flush=True)
"""


def count(text: str | None) -> int:
    return 0 if text is None else sum(1 for ln in text.splitlines() if ln.startswith("MOVEP"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kill -9 needs POSIX")
def test_kill_9_during_edits_and_saves_never_loses_work(tmp_path):
    job, rec = tmp_path / "k.job", tmp_path / "rec"
    rng = random.Random(13)
    made = 0          # edits reported done (autosaved) by the killed processes
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(job), str(rec)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            start = proc.stdout.readline()
            assert start.startswith("start"), proc.communicate()[1]
            assert int(start.split()[1]) >= made           # nothing lost at the restart
            for _ in range(rng.randrange(0, 5)):
                line = proc.stdout.readline()
                if line.startswith("edit"):
                    made = max(made, int(line.split()[1]))
            time.sleep(rng.uniform(0.0, 0.03))              # somewhere in an edit or save
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        for line in out.splitlines():
            if line.startswith("edit"):
                made = max(made, int(line.split()[1]))
        text = job.read_text(encoding="utf-8") if job.exists() else None
        if text is not None:
            parse_job(text, "k.job")                         # complete: it parses to END
            assert text.rstrip().endswith("END")
        p = Pendant.open("jog-basics", job, recovery_dir=rec, cell=False)
        offer = p.recovery_offer()
        kept = max(count(text), count(offer.text) if offer else 0)
        assert kept >= made, (kept, made)                    # every edit is somewhere
        if offer is not None:
            parse_job(offer.text, "autosave")
    assert made >= KILLS // 3         # the kills did land during real work
