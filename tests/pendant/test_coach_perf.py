"""The coaching's speed work, tested for behaviour (never for time): the prediction process
(only the latest edit, the window never predicts while it is up, it dies with its parent,
the thread takes over when it cannot start), the gauges' shortcuts giving the same values,
the panel's kept layout, and the drop line of a wire tip inside the work."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
import threading
import time
from multiprocessing import Pipe
from pathlib import Path

import numpy as np
import pytest

from weldsim.coaching import gauges as G
from weldsim.pendant import predict_process as PP
from weldsim.pendant._view.helpers import drop_line
from weldsim.pendant.controller import Pendant
from weldsim.program import load_job
from weldsim.scenarios.loader import load_scenario
from weldsim.scoring import _kernels as K
from weldsim.sim.wire_cast import RaySolids, cast_ray

ROOT = Path(__file__).resolve().parents[2]
BOUND_S = 300.0   # how long a child may take to come up on a loaded machine (a bound only)


@pytest.fixture(scope="module")
def fillet():
    return load_scenario("t-fillet-2f")


def _loaded(scenario, **kwargs) -> Pendant:
    p = Pendant(scenario, cell=False, **kwargs)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    return p


# -- the prediction process ------------------------------------------------------------------
def test_the_child_answers_only_the_newest_request():
    parent, child = Pipe()
    computed = []

    def predict(scenario, robot, text, cache):
        return f"bead of {text}"

    for k in range(1, 4):          # three edits before the child reads: two are stale
        parent.send((k, f"job {k}"))
    server = threading.Thread(target=PP.serve, args=(child, "scenario", "robot"),
                              kwargs={"predict": predict, "on_compute": computed.append})
    server.start()
    assert parent.recv() == ("ready", os.getpid())
    kind, request, prediction, cpu, wall = parent.recv()
    assert (kind, request, prediction) == ("done", 3, "bead of job 3")
    assert cpu >= 0.0 and wall >= 0.0
    parent.send((4, "job 4"))
    assert parent.recv()[:3] == ("done", 4, "bead of job 4")
    parent.send(None)
    server.join(30)
    assert not server.is_alive()
    assert computed == [3, 4]


def test_the_child_stops_at_the_end_of_its_pipe_and_reports_failures():
    parent, child = Pipe()

    def predict(scenario, robot, text, cache):
        raise RuntimeError("a bug")

    server = threading.Thread(target=PP.serve, args=(child, None, None),
                              kwargs={"predict": predict})
    server.start()
    assert parent.recv()[0] == "ready"
    parent.send((7, "x"))
    kind, request, message, text, tb = parent.recv()
    assert (kind, request, message, text) == ("failed", 7, None, "a bug")
    assert "RuntimeError" in tb
    parent.close()                 # the pendant's end gone: the loop ends
    server.join(30)
    assert not server.is_alive()


def test_the_window_keeps_one_request_in_flight_and_drops_stale_answers(fillet):
    got = []
    proc = PP.PredictionProcess(fillet, None, lambda *a: got.append(a), lambda *a: got.append(a),
                                start=False)
    proc.ready = True
    sent = []
    proc._conn = type("Conn", (), {"send": lambda self, m: sent.append(m),
                                   "poll": lambda self, t=0: False})()
    assert proc.submit(1, "a") and sent == [(1, "a")]
    assert proc.submit(2, "b") and proc.submit(3, "c")
    assert sent == [(1, "a")]            # one in flight; only the newest waits
    proc._take(("done", 1, "bead a", 0.01, 0.02))
    assert got == []                     # answer 1 is stale: 3 is waiting
    proc._send_waiting()
    assert sent == [(1, "a"), (3, "c")]
    proc._take(("done", 3, "bead c", 0.02, 0.03))
    assert got == [(3, "bead c", 0.02, 0.03)] and not proc.busy


def test_a_foreground_pendant_has_no_process(fillet):
    p = _loaded(fillet)
    assert p.coaching.process is None
    p.tick(1 / 60)
    assert p.coaching.prediction is not None
    p.close()


def test_with_the_process_up_the_window_never_predicts(fillet, monkeypatch):
    import weldsim.coaching.predict as predict

    def never(*args, **kwargs):
        raise AssertionError("predict_bead ran in the window's process")

    monkeypatch.setattr(predict, "predict_bead", never)
    p = _loaded(fillet, background=True)
    try:
        assert p.coaching.in_process
        p.tick(1 / 60)
        p.coaching.wait(BOUND_S)
        assert p.coaching.in_process, p.coaching.process.failed_reason
        assert p.coaching.prediction is not None and p.coaching.problem is None
        assert p.coaching.predicted_revision == p.editor.revision
        assert [s.seam for s in p.coaching.prediction.seams] == [0]
        pid = p.coaching.process.pid
        child = p.coaching.process.process
        # a weld's end out of reach: the prediction's problem comes back as a Message
        text = fillet.reference_job.read_text(encoding="utf-8")
        p.load_text(text.replace("P4 = X(248,", "P4 = X(2480,"), "far.job")
        p.tick(1 / 60)
        p.coaching.wait(BOUND_S)
        assert p.coaching.problem is not None and p.coaching.problem.key.startswith("predict.")
    finally:
        p.close()
    assert pid != os.getpid()
    assert not child.is_alive() and child.exitcode is not None


def test_the_child_exits_when_the_pendants_pipe_closes(fillet):
    proc = PP.PredictionProcess(fillet, None, lambda *a: None, lambda *a: None)
    proc.wait(BOUND_S)
    for _ in range(int(BOUND_S / 0.05)):
        proc.poll()
        if proc.ready:
            break
        time.sleep(0.05)
    assert proc.ready
    child = proc.process
    proc._conn.close()           # no stop message: only the end of the pipe
    child.join(BOUND_S)
    assert child.exitcode == 0
    proc.close()


KILLED_PARENT = textwrap.dedent("""
    import sys, time
    from weldsim.pendant.predict_process import PredictionProcess
    from weldsim.scenarios.loader import load_scenario

    if __name__ == "__main__":
        proc = PredictionProcess(load_scenario("t-fillet-2f"), None, print, print)
        while not proc.ready:
            proc.poll()
            time.sleep(0.05)
        print(proc.pid, flush=True)
        time.sleep(600)
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:   # a zombie (exited, not reaped yet by init) counts as gone
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and /proc: POSIX")
def test_the_child_dies_with_a_killed_pendant(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(KILLED_PARENT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT, env=env)
    try:
        child_pid = int(parent.stdout.readline())
        assert _alive(child_pid)
        parent.kill()               # SIGKILL: no atexit, no close()
        parent.wait()
        for _ in range(int(BOUND_S / 0.05)):
            if not _alive(child_pid):
                break
            time.sleep(0.05)
        assert not _alive(child_pid), "the prediction process outlived its pendant"
    finally:
        if parent.poll() is None:
            parent.kill()


def test_a_process_that_cannot_start_falls_back_to_the_thread(fillet, monkeypatch, capsys):
    class Broken:
        def start(self):
            raise OSError("no processes here")

    monkeypatch.setattr(PP.PredictionProcess, "_make_process", lambda self: Broken())
    p = _loaded(fillet, background=True)
    try:
        p.tick(1 / 60)
        for _ in range(int(BOUND_S / 0.05)):
            p.tick(1 / 60)
            if p.coaching.process is None:
                break
            time.sleep(0.05)
        assert p.coaching.process is None and not p.coaching.in_process
        p.coaching.wait(BOUND_S)
        p.tick(1 / 60)
        assert p.coaching.prediction is not None
        assert p.coaching.predicted_revision == p.editor.revision
    finally:
        p.close()
    assert "could not start" in capsys.readouterr().err


# -- the gauges: the same values, cheaper ----------------------------------------------------
def test_the_gauge_state_is_the_scoring_score_to_the_bit(fillet):
    for w in (fillet.windows[k] for k in ("work_angle_deg", "travel_angle_deg", "ctwd_mm",
                                          "aim_mm")):
        edges = [float(w.zero_lo), float(w.full_lo), float(w.full_hi), float(w.zero_hi)]
        values = [math.nan, -1e9, 1e9]
        for e in edges:
            values += [e, np.nextafter(e, -np.inf), np.nextafter(e, np.inf), e - 0.3, e + 0.3]
        for v in values:
            score = float(K.window_score(np.array([v]), *edges)[0])
            want = "out" if math.isnan(v) else (
                "in" if score >= 1.0 else ("near" if score > 0.0 else "out"))
            assert G._state(v, w) == want, (v, w)


def test_one_kernel_call_for_both_rays_gives_the_cells_ctwd(fillet):
    from weldsim.kinematics import load_robot
    from weldsim.sim import Cell

    robot = load_robot(fillet.robot)
    cell = Cell(fillet, robot)
    try:
        coach, alone = G.Coach(fillet, robot, cell=cell), G.Coach(fillet, robot)
        p = _loaded(fillet)
        k = next(i for i, ins in enumerate(p.editor.instructions)
                 if type(ins).__name__ == "ArcEnd") - 1
        target = p.editor.instructions[k].target
        T = p.user_frames[target.frame] @ target.matrix()
        q0 = np.asarray(robot.ik_nearest(T, p.q, tool=p.tool), dtype=float)
        for i in range(20):
            q = q0 + 0.02 * np.sin(i + np.arange(6))
            r = coach.reading(q)
            Tw = coach.world_tcp(q)
            hit, point, _n, _s, ctwd_m = cell.cast_wire(Tw[None])
            want = 1000.0 * float(ctwd_m[0]) if hit[0] else math.nan
            got = r.gauge("ctwd").value
            assert (math.isnan(want) and math.isnan(got)) or got == want
            if hit[0]:
                assert np.array_equal(r.aim_point_m, point[0])
            t, _ = cast_ray(RaySolids.of(fillet), r.tip_m, (0.0, 0.0, -1.0), G.DROP_RAY_M)
            assert (math.isnan(t) and math.isnan(r.drop_mm)) or r.drop_mm == 1000.0 * t
            assert alone.reading(q).values() == pytest.approx(r.values(), nan_ok=True)
    finally:
        cell.close()


def test_the_weld_context_kept_per_job_and_cursor_follows_the_torch(fillet):
    from weldsim.pendant.coaching import weld_context

    p = _loaded(fillet)
    coach = p.coaching
    for cursor in range(-1, len(p.editor.instructions)):
        p.editor.set_cursor(cursor)
        for dq in (0.0, 0.01, -0.02):
            p.q = np.array(fillet.home_q, dtype=float) + dq
            coach.reading()
            want = weld_context(p.editor.instructions, p.editor.cursor, p.tcp_base()[:3, 3],
                                p.robot, p.tool, p.user_frames)
            got = coach.context()
            assert got.source == want.source and got.index == want.index
            assert (got.direction_base is None) == (want.direction_base is None)
            if want.direction_base is not None:
                assert np.array_equal(got.direction_base, want.direction_base)
    p.close()


# -- the panel -------------------------------------------------------------------------------
def test_the_panel_draws_the_moving_markers_where_gauge_bar_puts_them(fillet):
    pygame = pytest.importorskip("pygame")
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from weldsim.pendant import coach_panel as CP
    from weldsim.pendant.draw import Fonts, Layout
    from weldsim.pendant.i18n import Translator

    pygame.display.init()
    pygame.font.init()
    p = _loaded(fillet)
    lay, fonts = Layout((1280, 720), coaching=True), Fonts()
    # over the seam: at home (far from it, 450 mm) the gauges are greyed, without markers
    user = fillet.user_frames_base()
    arc_start = next(q for q in load_job(fillet.reference_job).positions if q.number == 3)
    T = user[arc_start.frame] @ arc_start.matrix()
    p.q = np.asarray(p.robot.ik_nearest(T, p.q, tool=p.tool), dtype=float)
    p.q[4] += 0.05                                    # tilted a little: markers of each state
    assert not p.coaching.far
    for lang in ("id", "en"):
        tr = Translator(lang)
        screen = pygame.Surface((1280, 720))
        CP.draw_coaching(screen, lay.coach, fonts, p, tr)
        n = len(CP._LAYOUTS)
        p.q = p.q + 0.003
        CP.draw_coaching(screen, lay.coach, fonts, p, tr)
        assert len(CP._LAYOUTS) == n            # the layout is kept while the torch moves
        reading = p.coaching.reading()
        layout = list(CP._LAYOUTS.values())[-1]      # this language's
        lh = 17
        y = lay.coach.top + 4 + lh + 2
        for g in reading.gauges:
            pos = CP.gauge_bar(g, layout.bar_w, span_mm=reading.seam_length_mm
                               if g.name == "along" else None)
            if pos["value"] is not None and not pos["clip"]:
                x = lay.coach.left + layout.bar_x + pos["value"]
                colour = screen.get_at((x, y + lh // 2))[:3]
                assert colour == CP.GAUGE_RGB[g.state], (g.name, colour)
            y += lh
    p.close()


# -- the drop line ---------------------------------------------------------------------------
def _world(scenario, x_mm, y_mm, z_mm):
    U = np.asarray(scenario.T_world_base) @ scenario.user_frames_base()["USER1"]
    return (U @ np.array([x_mm / 1000.0, y_mm / 1000.0, z_mm / 1000.0, 1.0]))[:3]


@pytest.mark.parametrize(("where", "mm", "inside"), [
    ((125.0, 5.0, 3.0), 3.0, False),        # in the air, 3 mm above the flange
    ((125.0, -0.03, 2.95), 2.95, True),     # a hair into the web: still 2.95 mm high
    ((125.0, -4.0, 6.0), 6.0, True),        # deep in the web: its height above the flange
    ((125.0, 5.0, -0.4), -0.4, True),       # into the flange: 0.4 mm under its top
    ((125.0, 5.0, 0.0), 0.0, True),         # on the flange's top: touching
])
def test_the_drop_line_of_a_tip_in_the_work(fillet, where, mm, inside):
    solids = RaySolids.of(fillet)
    tip = _world(fillet, *where)
    t, _ = cast_ray(solids, tip, (0.0, 0.0, -1.0), G.DROP_RAY_M)
    drop = drop_line(solids, tip, 1000.0 * t, tip - t * np.array([0.0, 0.0, 1.0]))
    assert drop.inside is inside
    assert drop.mm == pytest.approx(mm, abs=1e-6)
    assert np.linalg.norm(drop.foot_m - tip) * 1000.0 == pytest.approx(abs(mm), abs=1e-6)
    assert drop.foot_m[2] - tip[2] == pytest.approx(-mm / 1000.0, abs=1e-9)


def test_the_pendants_drop_line_and_its_label(fillet):
    from weldsim.pendant._view.helpers import drop_label
    from weldsim.pendant.i18n import Translator

    p = _loaded(fillet)
    T = np.eye(4)
    k = next(i for i, ins in enumerate(p.editor.instructions)
             if type(ins).__name__ == "ArcEnd") - 1
    target = p.editor.instructions[k].target
    T = p.user_frames[target.frame] @ target.matrix()
    T[:3, 3] += p.user_frames["USER1"][:3, :3] @ np.array([0.0, -0.0003, 0.003])
    p.q = np.asarray(p.robot.ik_nearest(T, p.q, tool=p.tool), dtype=float)
    reading = p.coaching.reading()
    assert reading.drop_mm == 0.0                 # the raw ray starts inside the web
    drop = p.coaching.drop()
    assert drop.inside and drop.mm > 2.0
    assert drop_label(drop, "en", Translator("en")).endswith("mm · wire tip in the work")
    assert "masuk benda kerja" in drop_label(drop, "id", Translator("id"))
    p.close()


def test_a_tip_in_the_work_draws_the_drop_line_in_the_warning_colour():
    from weldsim.pendant._view.helpers import RGB, Helpers, live_lines

    tip, foot = np.zeros(3), np.array([0.0, 0.0, -0.003])
    for inside, kind in ((False, "drop"), (True, "drop_inside")):
        lines = live_lines(tip, Helpers(drop_point_m=foot, drop_mm=3.0, drop_label="3.0 mm",
                                        drop_inside=inside))
        assert [(ln.kind, ln.label) for ln in lines] == [(kind, "3.0 mm")]
        assert lines[0].rgb == RGB[kind]
    assert RGB["drop_inside"] != RGB["drop"]
    assert Helpers(drop_inside=True).signature() != Helpers().signature()


def test_a_deferred_process_starts_only_when_asked_and_then_answers(fillet):
    p = _loaded(fillet, background=True)
    try:
        p.coaching.defer_process_start = True      # as the window does until its warm-up
        p.tick(1 / 60)
        assert p.coaching.in_process and not p.coaching.process.started
        assert p.coaching.busy and p.coaching.prediction is None
        p.coaching.start_process()
        p.coaching.wait(BOUND_S)
        assert p.coaching.in_process and p.coaching.prediction is not None
        assert p.coaching.predicted_revision == p.editor.revision
    finally:
        p.close()
