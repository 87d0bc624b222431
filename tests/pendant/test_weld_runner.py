"""The pendant's welds: one reused cell per pendant, safe across threads, warmed at start-up
(weldsim.pendant.weld_runner.Welder and Worker.warm)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from weldsim.errors import WeldsimError
from weldsim.exercise import run_exercise
from weldsim.kinematics import load_robot
from weldsim.pendant.weld_runner import Welder
from weldsim.pendant.worker import Worker
from weldsim.report import report_json
from weldsim.scenarios.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fillet():
    return load_scenario("t-fillet-2f")


@pytest.fixture(scope="module")
def reference(fillet):
    text = fillet.reference_job.read_text(encoding="utf-8")
    fresh = run_exercise(fillet, "ref.job", data=text.encode("utf-8"))
    return text, report_json(fresh)


def test_welds_reuse_one_cell_and_give_a_fresh_cells_bytes(fillet, reference):
    text, fresh = reference
    welder = Welder(fillet, load_robot(fillet.robot))
    try:
        for _ in range(3):
            assert report_json(welder.weld("ref.job", text)) == fresh
        assert welder.cells_built == 1
    finally:
        welder.close()


def test_welds_from_two_threads_take_turns_on_the_one_cell(fillet, reference):
    text, fresh = reference
    welder = Welder(fillet, load_robot(fillet.robot))
    results, errors = [], []

    def weld():
        try:
            results.append(report_json(welder.weld("ref.job", text)))
        except Exception as exc:  # collected: a failure must show in the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=weld) for _ in range(2)]
    try:
        for t in threads:
            t.start()
        weld()
        for t in threads:
            t.join(300)
        assert not errors and results == [fresh] * 3
        assert welder.cells_built == 1
    finally:
        welder.close()


def test_a_closed_welder_refuses_to_weld_and_frees_its_cell(fillet, reference):
    welder = Welder(fillet, load_robot(fillet.robot))
    welder.prepare()
    assert welder.cells_built == 1 and welder._cell is not None
    welder.close()
    assert welder._cell is None
    with pytest.raises(WeldsimError):
        welder.weld("ref.job", reference[0])
    welder.prepare()                     # a warm-up after close does nothing, and no harm
    assert welder._cell is None
    welder.close()                       # closing twice is fine


def test_after_prepare_the_first_weld_loads_no_kernel():
    """In a fresh process: what the first weld needs from numba's cache is loaded by
    ``prepare`` (the pendant runs it while its window opens), none by the weld."""
    code = (
        "from numba.core import caching\n"
        "from weldsim.kinematics import load_robot\n"
        "from weldsim.pendant.weld_runner import Welder\n"
        "from weldsim.scenarios.loader import load_scenario\n"
        "s = load_scenario('t-fillet-2f')\n"
        "w = Welder(s, load_robot(s.robot))\n"
        "w.prepare()\n"
        "loads = []\n"
        "orig = caching.Cache.load_overload\n"
        "def counted(self, *a):\n"
        "    loads.append(1)\n"
        "    return orig(self, *a)\n"
        "caching.Cache.load_overload = counted\n"
        "run = w.weld('mine.job', s.reference_job.read_text(encoding='utf-8'))\n"
        "w.close()\n"
        "print(len(loads), w.cells_built, run.card.score)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ),
                         check=True, capture_output=True, text=True).stdout.split()
    assert out[0] == "0" and out[1] == "1", out


def test_a_warm_up_runs_first_in_the_background_and_is_not_a_job():
    worker = Worker(background=True)
    gate, order = threading.Event(), []

    def warm():
        gate.wait(60)
        order.append("warm")
        raise RuntimeError("a warm-up's failure is dropped")

    try:
        assert worker.warm(warm)
        assert not worker.busy and worker.label is None      # no progress line, no refusal
        done = []
        worker.submit("info.planning", lambda: order.append("job") or 42, done.append,
                      lambda exc: done.append(exc))
        assert worker.busy
        gate.set()
        worker.wait(60)
        assert order == ["warm", "job"] and done == [42] and not worker.busy
    finally:
        gate.set()
        worker.close()


def test_a_warm_up_waits_for_the_windows_first_frame():
    """The pendant polls its worker at every frame's tick: the warm-up starts at the second
    poll, after the first frame has been drawn, so it never delays that frame."""
    worker = Worker(background=True)
    started = threading.Event()
    try:
        worker.warm(started.set)
        worker.poll()                                   # the first frame's tick
        assert worker._thread is None and not started.is_set()
        worker.poll()                                   # the second: the first frame is drawn
        assert started.wait(60)
        late = threading.Event()
        worker.warm(late.set)                           # after that, a warm-up starts at once
        assert late.wait(60)
    finally:
        worker.close()


def test_a_closed_worker_never_starts_a_waiting_warm_up():
    worker = Worker(background=True)
    ran = []
    worker.warm(lambda: ran.append(1))
    worker.close()
    worker.poll()
    worker.poll()
    assert ran == [] and worker._thread is None


def test_without_a_background_thread_there_is_no_warm_up():
    worker = Worker(background=False)
    ran = []
    assert not worker.warm(lambda: ran.append(1))
    assert ran == [] and not worker.busy
