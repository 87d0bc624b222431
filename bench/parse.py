"""Benchmark: parse a generated, realistic 10,000-line job (targets: at most 0.5 s, and
2 MiB/s of job text).

Run ``python bench/parse.py [lines]``. Times are wall clock and CPU (process) time: on a
shared machine the CPU time is the parser's own cost. The job has the shape of a recorded
multi-seam program: condition tables, a block of taught positions (Cartesian in a user
frame, some joint), then seams of approach / arc on / weave / weld moves / crater / depart,
with comments, so every part of the parser (lexer, units, ranges, references, ordering
rules) does its usual work.
Prints the best of a few runs, per line and in total, and the writer's time for reference;
the CPU time per byte of jobs of several sizes (flat: linear); then the CPU time per byte of
the large inputs (0.5-1 MiB) ``bench/fuzz.py`` builds: a bundled
job repeated, mutated here and there (mostly errors: many JOB and END statements), without NUL
bytes (refused at once).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's weldsim
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/fuzz.py

from weldsim.program import JobError, parse_job, write_job

TARGET_S = 0.5
TARGET_MIB_S = 2.0


def generate_job(lines: int = 10_000) -> str:
    """A valid job of about ``lines`` lines."""
    out = [
        "; generated benchmark job: multi-seam fillet welds on a fixture",
        "JOB BENCH_10K",
        "ROBOT fd-b4",
        "TOOL 1",
        "ASC 1 I=260A U=27.5V S=45cm/min WFS=9.5m/min GAS=MAG FLOW=15L/min",
        "ASC 2 I=180A U=21V S=35cm/min GAS=CO2",
        "AEC 1 I=180A U=22V T=0.5s",
        "WVC 1 PATTERN=TRIANGLE AMP=2.5mm FREQ=1.5Hz",
        "+ DWELL=0.1,0,0.1 ANGLE=5deg",
        "FRAME USER1",
    ]
    seam = 0
    n = 1
    while len(out) < lines - 12:
        seam += 1
        x0 = (seam % 50) * 20.0
        base = n
        out.append(f"; seam {seam}")
        out.append(f"P{base} = X({x0:.1f}, 35, 35, 134.56, -7.05, 7.11, CONF=NUT)   ; approach")
        out.append(f"P{base + 1} = X({x0 + 5:.1f}, 0, 0, 134.56, -7.05, 7.11)")
        out.append(f"P{base + 2} = X({x0 + 125.5:.1f}, 0.25, 0, 134.56, -7.05, 7.11)")
        out.append(f"P{base + 3} = X({x0 + 245:.1f}, 0, 0, 134.56, -7.05, 7.11)")
        out.append(f"P{base + 4} = J({seam % 90}, -20.5, 35, 0, 55.25, {seam % 45})")
        out.append(f"MOVEP P{base + 4} R=40%")
        out.append(f"MOVEP P{base} R=30%")
        out.append(f"MOVEL P{base + 1} S=100mm/s")
        out.append(f"AS {1 + seam % 2}")
        out.append("WS 1")
        out.append(f"MOVEL P{base + 2}")
        out.append(f"MOVEC X({x0 + 180:.1f}, 5, 0, 134.56, -7.05, 7.11) P{base + 3} S=40cm/min")
        out.append("WE")
        out.append("AE 1")
        out.append("DELAY 0.2s")
        out.append(f"MOVEL P{base} S=150mm/s")
        n += 5
        if n > 9990:
            n = 1
            out.append("END")
            return "\n".join(out) + "\n"  # position numbers exhausted
    out.append("END")
    return "\n".join(out) + "\n"


def main(lines: int = 10_000) -> float:
    text = generate_job(lines)
    count = text.count("\n")
    program = parse_job(text, "bench.job")  # warm-up, and proof that the job is valid
    runs, cpu = [], []
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        parse_job(text, "bench.job")
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    best, best_cpu = min(runs), min(cpu)
    mib = len(text.encode()) / (1 << 20)
    start = time.perf_counter()
    write_job(program)
    write_s = time.perf_counter() - start
    print(f"job: {count} lines, {len(text.encode()) / 1024:.0f} KiB, "
          f"{len(program.instructions)} instructions, {len(program.positions)} positions")
    print(f"parse: {best:.3f} s total (best of {len(runs)}), {best / count * 1e6:.1f} us/line "
          f"(target {TARGET_S} s: {'met' if best <= TARGET_S else 'MISSED'})")
    print(f"throughput: {mib / best:.2f} MiB/s wall, {mib / best_cpu:.2f} MiB/s CPU "
          f"({best_cpu / (mib * (1 << 20)) * 1e6:.2f} us/byte CPU; target {TARGET_MIB_S} MiB/s: "
          f"{'met' if mib / best_cpu >= TARGET_MIB_S else 'MISSED'})")
    print(f"write: {write_s:.3f} s total, {write_s / count * 1e6:.1f} us/line")
    linearity()
    fuzz_like()
    return best


def linearity(sizes: tuple[int, ...] = (2_500, 10_000, 30_000), runs: int = 3) -> None:
    """CPU time per byte of generated jobs of several sizes (best of ``runs``): flat when the
    parser is linear."""
    parts = []
    for lines in sizes:
        text = generate_job(lines)
        size = len(text.encode())
        cpu = []
        for _ in range(runs):
            start = time.process_time()
            parse_job(text, "bench.job")
            cpu.append(time.process_time() - start)
        parts.append(f"{text.count(chr(10))} lines {min(cpu) / size * 1e6:.2f}")
    print("linear: us/byte CPU by size: " + ", ".join(parts))


def fuzz_like(count: int = 6, seed: int = 17) -> None:
    """CPU time per byte of ``count`` large inputs as bench/fuzz.py builds them (without
    their NUL bytes, so that they are parsed)."""
    from fuzz import large_input, reference_jobs

    rng = random.Random(seed)
    refs = [text for _, text in reference_jobs()]
    worst, total_bytes, total_cpu = 0.0, 0, 0.0
    for _ in range(count):
        text = large_input(rng, refs, rng.choice([512 << 10, 768 << 10, (1 << 20) - 4096]))
        text = text.replace("\x00", "")  # a NUL byte is refused before any parsing
        size = len(text.encode("utf-8", "surrogatepass"))
        start = time.process_time()
        try:
            parse_job(text, "fuzz.job")
        except JobError:
            pass
        cpu = time.process_time() - start
        worst = max(worst, cpu / size * 1e6)
        total_bytes += size
        total_cpu += cpu
    mib = total_bytes / (1 << 20)
    print(f"large fuzz inputs (no NUL): {count} of 0.5-1 MiB, {mib / total_cpu:.2f} MiB/s CPU, "
          f"slowest {worst:.2f} us/byte CPU")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
