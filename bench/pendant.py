"""Pendant benchmark (headless, SDL dummy driver), one command:

    python bench/pendant.py [--frames 300] [--warp 5]

Prints, at the default window size:

* time from start to the first frame (the panel; the 3D view says it is loading) and to the
  first full frame (3D view and readout), and the whole ``weldsim pendant --frames 1``;
* frames per second while jogging and while playing;
* Start -> first moving frame (the plan runs in the background; warm: the second Start);
* end of a weld -> score screen on t-fillet-2f's reference job (PLAY, Arc ON): the weld and
  score run in the background while the motion plays (at ``--warp`` times real time, as a
  script's warp), with the longest frame interval meanwhile — the window stays responsive;
* with the technique gauges on (practice mode, t-fillet-2f, the torch on the seam): frames
  per second jogging along the seam (wall clock, and from the window thread's CPU time per
  frame, which a loaded machine does not inflate), the gauges' cost per frame (reading,
  hint and panel drawing, CPU time) and the predicted bead's update after an edit of the
  250 mm seam's weld move (edit -> prediction in the window, and predict_bead's own time),
  in the pendant's prediction process and, for comparison, in a thread of the window's
  process (the old path), with the longest frame meanwhile. ``--coaching`` runs only these;
  the lines end with the load average.

Run it twice: the first run may fill the numba cache; the second gives the warm numbers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # this checkout's weldsim, as `python -m` from the root

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

CHILD = r"""
import sys, time
t0 = float(sys.argv[1])
from weldsim.pendant.app import PendantApp
from weldsim.pendant.controller import Pendant
p = Pendant.open("jog-basics", background=True)
app = PendantApp(p, lang="id")
app.frame(1 / 60)
first = time.time() - t0
while not app.view_ready:  # as the real loop: 60 frames/s at most
    time.sleep(1 / 60)
    app.frame(1 / 60)
full = time.time() - t0
while not app.ready:
    time.sleep(1 / 60)
    app.frame(1 / 60)
print(f"{first:.3f} {full:.3f} {time.time() - t0:.3f}")
app.close()
"""


def first_frame_s() -> tuple[float, float, float, float]:
    """Seconds from starting a fresh interpreter to the first frame, to the first full frame
    (3D view and readout), to "ready" (jog, planner and cell loaded: keys pressed before
    that wait), and for the whole ``weldsim pendant --frames 1`` process."""
    env = dict(os.environ)
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, repr(t0)], env=env, check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    first, full, ready = (float(v) for v in out.strip().splitlines()[-1].split())
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "weldsim", "pendant", "jog-basics", "--frames", "1"],
                   env=env, check=True, capture_output=True, cwd=ROOT)
    return first, full, ready, time.perf_counter() - t0


def _app(pendant):
    from weldsim.pendant.app import PendantApp

    app = PendantApp(pendant, show_instructions=False)
    app._ready.wait(120)
    return app


def fps(frames: int) -> tuple[float, float]:
    """Frames per second while jogging (J1 held, MED) and while playing t-fillet-2f's
    reference job (dry run, PLAY mode), drawing every frame."""
    from weldsim.pendant import Mode
    from weldsim.pendant.controller import Pendant
    from weldsim.scenarios.loader import load_scenario

    p = Pendant(load_scenario("jog-basics"), background=True)
    app = _app(p)
    p.servo_on()
    p.set_deadman(True)
    p.set_frame("USER1")
    app.frame(1 / 60)
    p.jog_press(0, +1)
    t = time.perf_counter()
    for _ in range(frames):
        app.frame(1 / 60)
        if not p.moving:
            p.reset_alarms()
            p.jog_press(0, -1)
    jog = frames / (time.perf_counter() - t)
    app.close()

    scenario = load_scenario("t-fillet-2f")
    p = Pendant(scenario, background=True)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    app = _app(p)
    p.set_mode(Mode.PLAY)
    p.servo_on()
    p.play()
    p.worker.wait(120)
    app.frame(1 / 60)
    t = time.perf_counter()
    for _ in range(frames):
        app.frame(1 / 60)
    play = frames / (time.perf_counter() - t)
    assert p.moving, "the job ended before the measurement did"
    app.close()
    return jog, play


def start_latency() -> list[float]:
    """Seconds from Start to the first frame in which the robot has moved (real frame loop),
    for four Starts of t-fillet-2f's reference job from its top (the first may be cold)."""
    import numpy as np

    from weldsim.pendant import Mode
    from weldsim.pendant.controller import Pendant
    from weldsim.scenarios.loader import load_scenario

    scenario = load_scenario("t-fillet-2f")
    p = Pendant(scenario, background=True)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    app = _app(p)
    p.set_mode(Mode.PLAY)
    p.servo_on()
    out = []
    for _ in range(4):
        settle = time.perf_counter()           # let a stopped run's plan finish first
        while time.perf_counter() - settle < 1.5:
            app.frame(1 / 60)
        p.editor.set_cursor(-1)
        p.q = p.home_q.copy()
        q0 = p.q.copy()
        t0 = time.perf_counter()
        last = t0
        app.do("start")
        while np.array_equal(p.q, q0):
            now = time.perf_counter()
            app.frame(now - last)
            last = now
            if now - t0 > 120:
                raise RuntimeError("the robot never moved")
        out.append(time.perf_counter() - t0)
        p.stop()
        app.frame(1 / 60)
    app.close()
    return out


def weld_to_score(warp: float) -> tuple[float, float, float, float]:
    """Play and weld t-fillet-2f's reference job (PLAY, Arc ON, override 100 %) in the
    window's real frame loop, the motion at ``warp`` times real time. Returns the motion's
    wall time, the weld's background time, the time from the end of the motion to the score
    screen, and the longest frame interval meanwhile [s]."""
    from weldsim.pendant import Mode
    from weldsim.pendant.controller import Pendant
    from weldsim.pendant.overlays import ScoreScreen
    from weldsim.scenarios.loader import load_scenario

    scenario = load_scenario("t-fillet-2f")
    p = Pendant(scenario, background=True)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    app = _app(p)
    p.set_mode(Mode.PLAY)
    p.servo_on()
    p.set_weld(True)
    t0 = last = time.perf_counter()
    app.do("start")
    worst = 0.0
    motion_end = weld_end = None
    while not any(isinstance(d, ScoreScreen) for d in app.dialogs):
        now = time.perf_counter()
        worst = max(worst, now - last)
        app.frame((now - last) * warp)
        last = now
        if motion_end is None and p.runner._motion_done:
            motion_end = time.perf_counter()
        if weld_end is None and p.runner._weld is not None:
            weld_end = time.perf_counter()
        if p.alarms or now - t0 > 600:
            raise RuntimeError(f"no score: {p.alarms}")
    shown = time.perf_counter()
    motion_end = motion_end or shown
    weld_end = weld_end or shown
    app.close()
    return motion_end - t0, weld_end - t0, shown - motion_end, worst


def _coached_pendant(exam: bool = False, tilt_rad: float = 0.0, process: bool = True):
    """t-fillet-2f with its reference job, the torch at the weld's start (practice mode, or
    exam: no coaching), the cursor on the weld move; ``tilt_rad`` turns the torch about
    USER1's X axis and lifts it 6 mm (gauges out of their windows: the hint is shown)."""
    import numpy as np

    from weldsim.pendant.controller import Pendant
    from weldsim.program import ArcEnd
    from weldsim.scenarios.loader import load_scenario

    scenario = load_scenario("t-fillet-2f")
    before = os.environ.get("WELDSIM_PREDICT_PROCESS")
    os.environ["WELDSIM_PREDICT_PROCESS"] = "1" if process else "0"
    try:
        p = Pendant(scenario, background=True, exam=exam)
    finally:
        if before is None:
            del os.environ["WELDSIM_PREDICT_PROCESS"]
        else:
            os.environ["WELDSIM_PREDICT_PROCESS"] = before
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    k = next(i for i, ins in enumerate(p.editor.instructions) if isinstance(ins, ArcEnd)) - 1
    p.editor.set_cursor(k)
    start = p.editor.instructions[k - 2].target          # P3, the arc start
    T = p.user_frames[start.frame] @ start.matrix()
    if tilt_rad:
        from weldsim.pendant.jog import axis_rotation

        U = p.user_frames[start.frame]
        T[:3, :3] = axis_rotation(U[:3, 0], tilt_rad) @ T[:3, :3]
        T[:3, 3] += 0.006 * U[:3, 2] + 0.004 * U[:3, 1]
    p.q = np.asarray(p.robot.ik_nearest(T, p.q, tool=p.tool), dtype=float)
    return p


def coaching_fps(frames: int, exam: bool = False, tilt_rad: float = 0.0
                 ) -> tuple[float, float]:
    """Jogging +X (along the seam, Low) in USER1 with the gauges, the hint, the 3D helpers
    and the predicted bead drawn (``exam``: none of them, for comparison): (wall frames/s,
    window-thread CPU ms per frame)."""
    p = _coached_pendant(exam, tilt_rad)
    app = _app(p)
    p.worker.wait(120)
    for _ in range(600):                 # the first prediction (cold cache) done
        app.frame(1 / 60)
        if p.coaching.prediction is not None or exam:
            break
        time.sleep(0.05)
    p.servo_on()
    p.set_deadman(True)
    p.set_frame("USER1")
    p.set_speed(1)
    p.jog_press(0, +1)
    app.frame(1 / 60)
    t, c = time.perf_counter(), time.thread_time()
    for _ in range(frames):
        app.frame(1 / 60)
    wall = frames / (time.perf_counter() - t)
    cpu_ms = (time.thread_time() - c) / frames * 1000.0
    assert p.moving and (exam or p.coaching.reading() is not None)
    app.close()
    return wall, cpu_ms


def gauge_cost(n: int = 200, tilt_rad: float = 0.0, far: bool = False) -> dict:
    """Cost per frame of the gauges while the pose changes every frame: the reading (and the
    travel direction), the hint, and drawing the panel; CPU and wall ms, median and 90th
    percentile, and the reading alone (CPU median). ``far``: the torch at home, far from the
    seam (greyed gauges, the approach hint)."""
    import numpy as np
    import pygame

    from weldsim.pendant.coach_panel import draw_coaching
    from weldsim.pendant.draw import Fonts, Layout
    from weldsim.pendant.i18n import Translator

    p = _coached_pendant(tilt_rad=tilt_rad, process=False)
    _ = p.cell                               # the CTWD of the cell's ray cast, as the window
    p.servo_on()
    p.set_deadman(True)
    if far:
        p.q = np.asarray(p.scenario.home_q, dtype=float).copy()
        assert p.coaching.far
    p.jog_press(0, +1)                       # moving: the hint is renewed every 0.25 s
    pygame.display.init()
    pygame.font.init()
    screen = pygame.Surface((1280, 720))
    lay, fonts, tr = Layout((1280, 720), coaching=True), Fonts(), Translator("id")
    q0 = p.q.copy()
    p.coaching.reading()
    draw_coaching(screen, lay.coach, fonts, p, tr)
    cpu, wall, reading, drawing = [], [], [], []
    for i in range(n):
        p.q = q0 + 1e-4 * np.sin(0.1 * i + np.arange(6))
        p.time_s += 1 / 60
        w, c = time.perf_counter(), time.thread_time()
        p.coaching.reading()
        p.coaching.drop()                    # the drop line of the 3D view
        r = time.thread_time()
        p.coaching.hint()
        h = time.thread_time()
        draw_coaching(screen, lay.coach, fonts, p, tr)
        e = time.thread_time()
        wall.append((time.perf_counter() - w) * 1000.0)
        cpu.append((e - c) * 1000.0)
        reading.append((r - c) * 1000.0)
        drawing.append((e - h) * 1000.0)
    p.close()
    for v in (cpu, wall, reading, drawing):
        v.sort()
    return {"cpu": cpu[n // 2], "cpu90": cpu[int(0.9 * n)], "wall": wall[n // 2],
            "wall90": wall[int(0.9 * n)], "reading": reading[n // 2], "panel": drawing[n // 2]}


def prediction_latency(edits: int = 6, process: bool = True):
    """Modify the weld's end point (P4, 1 mm back and forth along the seam) ``edits`` times in
    the real frame loop (60 frames/s at most), the prediction in its process (``process``) or
    in a thread of the window's process: seconds from the edit to its prediction in the
    window, the predicting side's CPU time for each, and predict_bead's own wall time for
    the same edits (one cache, warm); the 250 mm seam's length [mm]; the longest frame
    interval while predictions ran [s], and the longest frame's own work (wall and window
    thread CPU) [s]."""
    import numpy as np

    from weldsim.coaching.predict import PredictionCache, predict_bead

    p = _coached_pendant(process=process)
    app = _app(p)
    for _ in range(2400):                 # the first prediction (cold) done
        app.frame(1 / 60)
        if p.coaching.prediction is not None and not p.coaching.busy:
            break
        time.sleep(0.02)
    assert p.coaching.in_process == process, "the prediction process did not come up"
    end = p.editor.instructions[p.editor.cursor].target
    T = p.user_frames[end.frame] @ end.matrix()
    q_end = np.asarray(p.robot.ik_nearest(T, p.q, tool=p.tool), dtype=float)
    x = p.user_frames[end.frame][:3, 0]
    latencies, texts = [], []
    worst = work = work_cpu = 0.0
    frames_run = slow = 0
    cpu, side_wall = [], []
    for i in range(edits):
        T2 = T.copy()
        T2[:3, 3] += (0.001 if i % 2 == 0 else -0.001) * x
        p.q = np.asarray(p.robot.ik_nearest(T2, q_end, tool=p.tool), dtype=float)
        revision0 = p.editor.revision
        t0 = time.perf_counter()
        p.modify()
        assert p.editor.revision != revision0
        last = t0
        while p.coaching.predicted_revision != p.editor.revision:
            now = time.perf_counter()
            worst = max(worst, now - last)
            c = time.thread_time()
            app.frame(now - last)
            work_cpu = max(work_cpu, time.thread_time() - c)
            took = time.perf_counter() - now
            work = max(work, took)
            frames_run += 1
            slow += took > 1 / 60
            last = now
            if now - t0 > 60:
                raise RuntimeError("no prediction")
            time.sleep(max(0.0, 1 / 60 - (time.perf_counter() - now)))  # as clock.tick(60)
        latencies.append(time.perf_counter() - t0)
        cpu.append(p.coaching.predict_cpu_s)
        side_wall.append(p.coaching.predict_wall_s)
        texts.append(p.editor.text)
    scenario, robot = p.scenario, p.robot
    app.close()
    cache = PredictionCache()
    predict_bead(scenario, robot, texts[0], cache=cache)
    direct = []
    for text in texts[1:]:
        t0 = time.perf_counter()
        predict_bead(scenario, robot, text, cache=cache)
        direct.append(time.perf_counter() - t0)
    return {"latencies": latencies, "cpu": cpu, "side_wall": side_wall, "direct": direct,
            "length": scenario.seams[0].length_m * 1000.0, "worst": worst, "work": work,
            "work_cpu": work_cpu, "frames": frames_run, "slow": slow}


def _load() -> str:
    try:
        return "load average " + ", ".join(f"{v:.1f}" for v in os.getloadavg())
    except (AttributeError, OSError):
        return "load average n/a"


def _ms(values) -> str:
    return ", ".join(f"{v * 1000:.0f}" for v in values)


def coaching_report(frames: int) -> None:
    print(f"coaching figures on {os.cpu_count()} cores, {_load()}")
    wall, cpu_ms = coaching_fps(frames)
    print(f"jogging with gauges: {wall:.0f} frames/s at 1280x720 (wall clock); window thread "
          f"{cpu_ms:.1f} ms CPU per frame = {1000.0 / cpu_ms:.0f} frames/s of CPU "
          f"(target >= 60) [{_load()}]")
    wall, cpu_ms = coaching_fps(frames, tilt_rad=0.1)
    print(f"the same, torch tilted (gauges out, the hint shown): {wall:.0f} frames/s wall, "
          f"{cpu_ms:.1f} ms CPU per frame = {1000.0 / cpu_ms:.0f} frames/s of CPU")
    wall, cpu_ms = coaching_fps(frames, exam=True)
    print(f"the same in exam mode (no coaching): {wall:.0f} frames/s wall, {cpu_ms:.1f} ms CPU "
          "per frame")
    for tilt, far, what in ((0.0, False, "in their windows"), (0.1, False, "tilted, a hint"),
                            (0.0, True, "at home, far from the seam: greyed, approach hint")):
        g = gauge_cost(tilt_rad=tilt, far=far)
        print(f"gauges per frame ({what}): {g['cpu']:.2f} ms CPU median, {g['cpu90']:.2f} ms "
              f"90th percentile; wall {g['wall']:.2f} ms median, {g['wall90']:.2f} ms 90th "
              f"(reading and drop line {g['reading']:.2f} ms, panel {g['panel']:.2f} ms CPU; "
              f"target <= 1 ms) [{_load()}]")
    for process in (True, False):
        r = prediction_latency(process=process)
        where = "prediction process" if process else "thread (the old path)"
        print(f"predicted bead ({r['length']:.0f} mm seam) in a {where}: edit -> shown "
              f"{_ms(r['latencies'])} ms wall (median "
              f"{sorted(r['latencies'])[len(r['latencies']) // 2] * 1000:.0f}; target <= 100 "
              f"ms); predicting {_ms(r['cpu'])} ms CPU, {_ms(r['side_wall'])} ms wall there; "
              "predict_bead alone in this process "
              f"{_ms(r['direct'])} ms wall; while predicting: longest frame interval "
              f"{r['worst'] * 1000:.0f} ms (a frame is 17), longest frame's work "
              f"{r['work'] * 1000:.0f} ms wall / {r['work_cpu'] * 1000:.1f} ms CPU, frames whose "
              f"work took over 17 ms: {r['slow']} of {r['frames']} [{_load()}]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--warp", type=float, default=5.0)
    ap.add_argument("--coaching", action="store_true", help="only the coaching figures")
    args = ap.parse_args()
    if args.coaching:
        coaching_report(args.frames)
        return
    first, full, ready, process = first_frame_s()
    print(f"first frame:        {first:.2f} s after start (target <= 2 s)")
    print(f"first full frame:   {full:.2f} s (3D view and readout drawn)")
    print(f"ready for keys:     {ready:.2f} s (jog and planner kernels, collision cell; keys "
          "pressed before wait and keep their order and timing)")
    print(f"'weldsim pendant --frames 1': {process:.2f} s for the whole process")
    jog, play = fps(args.frames)
    print(f"jogging:            {jog:.0f} frames/s at 1280x720")
    print(f"playing (dry run):  {play:.0f} frames/s at 1280x720")
    starts = start_latency()
    warm = sorted(starts[1:])
    print(f"Start -> first moving frame: {starts[0]:.3f} s first; warm "
          f"{', '.join(f'{v:.3f}' for v in starts[1:])} s (median {warm[len(warm) // 2]:.3f}; "
          "target <= 0.3 s warm)")
    motion, weld, latency, worst = weld_to_score(args.warp)
    print(f"weld: motion {motion:.1f} s (x{args.warp:g}), weld+score in the background "
          f"{weld:.1f} s")
    print(f"end of weld -> score screen: {latency:.3f} s (target <= 1 s warm); longest frame "
          f"meanwhile {worst * 1000:.0f} ms")
    coaching_report(args.frames)


if __name__ == "__main__":
    main()
