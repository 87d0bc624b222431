"""Kinematics benchmark: ``python bench/kinematics.py [--robot fd-b4] [--quick]``.

Prints, per pose: batched FK and IK (N = 1e5 and 1e6, one thread and all threads, the public
API with its input checks and the bare kernel), single-call latency, pybullet's
``calculateInverseKinematics`` on the same URDF (µs per solve and the fraction within 0.1 mm
and 0.1°), and numba's start-up on a cold and a warm cache (a new process that imports weldsim
and solves its first IK).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numba
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim.kinematics import _kernels as K
from weldsim.kinematics import load_robot
from weldsim.kinematics.poses import invert_pose


def best_of(fn, repeat: int = 5) -> float:
    """Smallest wall time of ``repeat`` calls (s)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def batched(robot, sizes, threads_all: int) -> None:
    rng = np.random.default_rng(0)
    T_ft = robot.spec.tool(1).T_flange_tcp
    T_tf = np.ascontiguousarray(invert_pose(T_ft))
    p, off, sgn, lo, hi = robot._p, robot._off, robot._sgn, robot._lo, robot._hi
    print(f"{'N':>9} {'threads':>7} {'FK µs/pose':>11} {'IK µs/pose':>11} "
          f"{'IK kernel µs':>13} {'FK numpy µs':>12}")
    for n in sizes:
        q = rng.uniform(robot.lower, robot.upper, size=(n, 6))
        T = robot.fk(q)
        sols = np.empty((n, 8, 6))
        ok = np.empty((n, 8), dtype=np.bool_)
        out = np.empty((n, 4, 4))
        numpy_fk = best_of(lambda q=q: _numpy_fk(robot, q), 2) / n * 1e6
        for threads in sorted({1, threads_all}):
            numba.set_num_threads(threads)
            fk = best_of(lambda q=q: robot.fk(q), 3) / n * 1e6
            ik = best_of(lambda T=T: robot.ik(T), 3) / n * 1e6
            kern = best_of(lambda T=T, sols=sols, ok=ok: K.ik_batch(
                T, p, off, sgn, lo, hi, T_tf, sols, ok), 3) / n * 1e6
            fk_k = best_of(lambda q=q, out=out: K.fk_batch(q, p, off, sgn, T_ft, out), 3)
            print(f"{n:>9.0e} {threads:>7} {fk:>11.3f} {ik:>11.3f} {kern:>13.3f} "
                  f"{numpy_fk:>12.3f}   (FK kernel {fk_k / n * 1e6:.3f})")
    numba.set_num_threads(threads_all)


def _numpy_fk(robot, q):
    """The same OPW FK written with numpy array operations (the peer for the FK kernel)."""
    o = robot.spec.opw
    t = q * robot._sgn - robot._off
    psi3 = np.arctan2(o.a2, o.c3)
    k = np.hypot(o.a2, o.c3)
    cx1 = o.c2 * np.sin(t[:, 1]) + k * np.sin(t[:, 1] + t[:, 2] + psi3) + o.a1
    cz1 = o.c2 * np.cos(t[:, 1]) + k * np.cos(t[:, 1] + t[:, 2] + psi3) + o.c1
    c1, s1 = np.cos(t[:, 0]), np.sin(t[:, 0])
    c23, s23 = np.cos(t[:, 1] + t[:, 2]), np.sin(t[:, 1] + t[:, 2])
    n = len(q)
    R0c = np.zeros((n, 3, 3))
    R0c[:, 0, 0], R0c[:, 0, 1], R0c[:, 0, 2] = c1 * c23, -s1, c1 * s23
    R0c[:, 1, 0], R0c[:, 1, 1], R0c[:, 1, 2] = s1 * c23, c1, s1 * s23
    R0c[:, 2, 0], R0c[:, 2, 2] = -s23, c23
    c4, s4, c5, s5 = np.cos(t[:, 3]), np.sin(t[:, 3]), np.cos(t[:, 4]), np.sin(t[:, 4])
    c6, s6 = np.cos(t[:, 5]), np.sin(t[:, 5])
    Rce = np.empty((n, 3, 3))
    Rce[:, 0, 0] = c4 * c5 * c6 - s4 * s6
    Rce[:, 0, 1] = -c4 * c5 * s6 - s4 * c6
    Rce[:, 0, 2] = c4 * s5
    Rce[:, 1, 0] = s4 * c5 * c6 + c4 * s6
    Rce[:, 1, 1] = -s4 * c5 * s6 + c4 * c6
    Rce[:, 1, 2] = s4 * s5
    Rce[:, 2, 0] = -s5 * c6
    Rce[:, 2, 1] = s5 * s6
    Rce[:, 2, 2] = c5
    T = np.zeros((n, 4, 4))
    T[:, :3, :3] = R0c @ Rce
    T[:, 0, 3] = cx1 * c1 + o.c4 * T[:, 0, 2]
    T[:, 1, 3] = cx1 * s1 + o.c4 * T[:, 1, 2]
    T[:, 2, 3] = cz1 + o.c4 * T[:, 2, 2]
    T[:, 3, 3] = 1.0
    return T @ robot.spec.tool(1).T_flange_tcp


def single_calls(robot) -> None:
    q = np.radians([10, 20, 5, 30, -60, 45])
    T = robot.fk(q)
    n = 20000
    for name, fn in (("fk(q)", lambda: robot.fk(q)), ("ik(T)", lambda: robot.ik(T)),
                     ("ik_nearest(T, q)", lambda: robot.ik_nearest(T, q))):
        fn()
        t = best_of(lambda fn=fn: [fn() for _ in range(n)], 3) / n * 1e6
        print(f"  {name:<18} {t:8.2f} µs per call")


def pybullet_peer(robot, n: int, ours_us: float) -> None:
    import pybullet as pb
    from scipy.spatial.transform import Rotation

    folder = Path(tempfile.mkdtemp(prefix="weldsim-bench-"))
    path = robot.write_urdf(folder)
    client = pb.connect(pb.DIRECT)
    body = pb.loadURDF(str(path), useFixedBase=True, physicsClientId=client)
    names = {pb.getJointInfo(body, i, physicsClientId=client)[12].decode(): i
             for i in range(pb.getNumJoints(body, physicsClientId=client))}
    tcp = names["tcp"]
    rng = np.random.default_rng(1)
    q_true = rng.uniform(robot.lower, robot.upper, size=(n, 6))
    targets = robot.fk(q_true)
    quats = Rotation.from_matrix(targets[:, :3, :3]).as_quat()  # x, y, z, w: pybullet's order
    home = np.radians([0, 10, 0, 0, -60, 0])
    variants = {
        "default settings": {},
        "maxNumIterations=200, residualThreshold=1e-9": {
            "maxNumIterations": 200, "residualThreshold": 1e-9},
    }
    for label, extra in variants.items():
        results = np.empty((n, 6))
        elapsed = 0.0
        for i in range(n):
            for j in range(6):
                pb.resetJointState(body, j, home[j], physicsClientId=client)
            t0 = time.perf_counter()
            sol = pb.calculateInverseKinematics(body, tcp, targets[i, :3, 3].tolist(),
                                                quats[i].tolist(), physicsClientId=client,
                                                **extra)
            elapsed += time.perf_counter() - t0
            results[i] = sol[:6]
        reached = robot.fk(results)
        pos = np.linalg.norm(reached[:, :3, 3] - targets[:, :3, 3], axis=1)
        rel = np.einsum("nji,njk->nik", reached[:, :3, :3], targets[:, :3, :3])
        ang = np.degrees(np.arccos(np.clip((np.trace(rel, axis1=1, axis2=2) - 1) / 2, -1, 1)))
        within = ((pos <= 1e-4) & (ang <= 0.1)).mean()
        per = elapsed / n * 1e6
        print(f"  pybullet.calculateInverseKinematics ({label}), {n} random poses from a home "
              f"pose: {per:.1f} µs per solve; {within * 100:.1f} % within 0.1 mm and 0.1° "
              f"(median error {np.median(pos) * 1000:.2f} mm, {np.median(ang):.2f}°); "
              f"weldsim is {per / ours_us:.0f}x faster per pose")
    pb.disconnect(client)
    print(f"  weldsim exact IK, all 8 solutions with limits, one thread: {ours_us:.3f} µs "
          "per pose, 100 % exact")


def startup() -> None:
    code = ("import time; t0 = time.perf_counter(); import numpy as np; "
            "from weldsim.kinematics import load_robot; r = load_robot('fd-b4'); "
            "q = r.ik_nearest(r.fk(np.zeros(6) + 0.3), np.zeros(6) + 0.29); "
            "print(time.perf_counter() - t0)")
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        for label in ("cold cache", "warm cache", "warm cache"):
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                  text=True, check=True)
            wall = time.perf_counter() - t0
            print(f"  new process, import + load robot + first FK/IK ({label}): "
                  f"{float(done.stdout):.2f} s inside, {wall:.2f} s wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--robot", default="fd-b4")
    parser.add_argument("--quick", action="store_true", help="N = 1e5 only, fewer pybullet solves")
    args = parser.parse_args()
    robot = load_robot(args.robot)
    threads = numba.config.NUMBA_NUM_THREADS
    print(f"robot {robot.id}; numba {numba.__version__}, {threads} threads; numpy "
          f"{np.__version__}")
    robot.ik(robot.fk(np.zeros((4, 6))))  # compile / load the kernels
    print("Batched, per pose:")
    sizes = (100_000,) if args.quick else (100_000, 1_000_000)
    batched(robot, sizes, threads)
    numba.set_num_threads(1)
    q = np.random.default_rng(0).uniform(robot.lower, robot.upper, size=(100_000, 6))
    T = robot.fk(q)
    ours = best_of(lambda: robot.ik(T), 3) / len(q) * 1e6
    numba.set_num_threads(threads)
    print("Single calls:")
    single_calls(robot)
    print("Peer:")
    pybullet_peer(robot, 500 if args.quick else 2000, ours)
    print("Start-up:")
    startup()


if __name__ == "__main__":
    main()
