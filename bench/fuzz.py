"""Fuzz campaign: many parser inputs in-process, then end-to-end jobs through the CLI.

Run ``python bench/fuzz.py [--parser N] [--e2e N] [--parallel K] [--seed S] [--log FILE]``
from the project root (defaults: 100,000 parser inputs, 300 end-to-end jobs, 2 at a time).

1. **Parser**: mutations of the bundled reference jobs (numbers, units, lines, pieces of
   syntax, bytes), random text and bytes, and large inputs (0.5-1 MiB). Every input must give
   a Program or a JobError; anything else is counted as a traceback. Reports the slowest
   inputs in µs of CPU time per byte and the throughput on the large ones (CPU time: on a
   shared machine the wall time of one input is mostly the other processes').
2. **End to end**: mutated reference jobs (numbers scaled or pushed to extremes, lines
   deleted, duplicated or swapped, instructions inserted: long DELAYs, slow moves, frames...)
   through ``python -m weldsim check JOB --scenario S`` and ``python -m weldsim run S JOB
   --json -``, each in its own process under a memory limit (``resource.setrlimit`` of the
   address space, POSIX). Counts exit codes, tracebacks, hangs (the timeout) and the peak
   memory (max RSS) of every process.

Deterministic for a seed. Progress and the final counts go to stdout; ``--log`` writes one
JSON line per end-to-end job (the failing ones are worth a reproducer).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weldsim.program import JobError, parse_job  # noqa: E402
from weldsim.scenarios.loader import SCENARIOS_DIR, bundled_scenario_ids  # noqa: E402

#: Address-space limit of each end-to-end process (bytes): numba and pybullet reserve more
#: address space than they use, so this is above the 1 GB peak RSS each job must stay under.
ADDRESS_SPACE_LIMIT = 3 << 30
#: Peak resident memory any single job may reach (MB).
PEAK_RSS_LIMIT_MB = 1024
#: CPU time a command may use (s); beyond it the system stops it (RLIMIT_CPU): a hang.
CPU_LIMIT_S = 240
#: Wall-clock backstop (s) for a command that waits without using CPU; generous, as a shared
#: machine may give a process a small share of a core.
TIMEOUT_S = 1800.0

PIECES = [
    "(", ")", ",", "=", ";", "%", "/", "+", "-", ".", " ", "\n", "\n+", "\t", "\r", "REM ",
    "P1", "P0", "P99999", "J(", "X(", "CONF=", "NUT", "S=", "R=", "V=", "I=", "T=", "mm/s",
    "cm/min", "m/min", "V", "A", "s", "deg", "1e5", "nan", "inf", "-0", "999999",
    "9" * 5000, "0" * 400 + "1", "AS 1\n", "AE 1\n", "WS 1\n", "WE\n", "END\n", "JOB X\n",
    "FRAME USER2\n", "FRAME USER" + "1" * 4301 + "\n", "TOOL 9\n", "MOVEP P1\n",
    "DELAY 600\n", "é", "\ufeff", "\x00", "\u2028", "\x0c", "\ud800",
]
INSERTS = [
    "DELAY 600", "DELAY 0.01", "DELAY 59.9s", "MOVEL P1 S=0.1mm/s", "MOVEL P2 S=1mm/s",
    "MOVEL P1 S=1500mm/s", "FRAME USER1", "FRAME BASE", "WS 1", "WE", "AS 1", "AE 1",
    "MOVEP P1 R=1%", "MOVEC P1 P2 S=1cm/min", "TOOL 1",
]
NUMBER = re.compile(r"(?<![A-Za-z0-9_])-?[0-9]+(?:\.[0-9]*)?")


def reference_jobs() -> list[tuple[str, str]]:
    """``(scenario id, job text)`` of every bundled exercise with a reference job."""
    out = []
    for sid in bundled_scenario_ids():
        path = SCENARIOS_DIR / f"{sid}.job"
        if path.is_file():
            out.append((sid, path.read_text(encoding="utf-8")))
    return out


# -- parser ------------------------------------------------------------------------------------


def mutate_text(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        op = rng.random()
        piece = rng.choice(PIECES) if rng.random() < 0.8 else "".join(
            chr(rng.randint(1, 0x2FF)) for _ in range(rng.randint(1, 3)))
        if op < 0.4:
            text = text[:at] + piece + text[at:]
        elif op < 0.6:
            text = text[:at] + text[at + rng.randint(1, 30):]
        elif op < 0.8:
            text = text[:at] + piece + text[at + len(piece):]
        else:  # a number pushed somewhere
            text = NUMBER.sub(lambda m: rng.choice(
                [m.group(), "0", "-" + m.group(), m.group() * 3, "1" * rng.randint(20, 5000)]),
                text, count=rng.randint(1, 3))
    return text


def parser_input(rng: random.Random, refs: list[str], k: int) -> str | bytes:
    kind = k % 10
    if kind < 7:
        return mutate_text(rng, rng.choice(refs))
    if kind == 7:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
    if kind == 8:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 200)))
    data = mutate_text(rng, rng.choice(refs)).encode("utf-8", "surrogatepass")
    cut = rng.randint(0, len(data))
    return data[:cut] + bytes([rng.randrange(256)]) + data[cut:]


def large_input(rng: random.Random, refs: list[str], size: int) -> str:
    """About ``size`` bytes: a reference job's body repeated, mutated here and there."""
    body = rng.choice(refs)
    text = body
    while len(text) < size:
        text += mutate_text(rng, body) if rng.random() < 0.3 else body
    return text[:size]


def run_parser(count: int, seed: int) -> dict:
    rng = random.Random(seed)
    refs = [text for _, text in reference_jobs()]
    outcomes: Counter = Counter()
    failures: list[str] = []
    worst: list[tuple[float, int, int]] = []  # (us per byte, size, index)
    start = time.perf_counter()
    large_sizes = [512 << 10, 768 << 10, (1 << 20) - 4096]
    large_every = max(1, count // 60)
    total_large_bytes, total_large_s = 0, 0.0
    for k in range(count):
        large = k % large_every == 0
        data = large_input(rng, refs, rng.choice(large_sizes)) if large else \
            parser_input(rng, refs, k)
        t0 = time.process_time()  # CPU time: on a shared machine, wall time is the load's
        try:
            parse_job(data, "fuzz.job")
            outcomes["program"] += 1
        except JobError:
            outcomes["job error"] += 1
        except Exception as exc:
            outcomes["traceback"] += 1
            if len(failures) < 20:
                failures.append(f"input {k}: {type(exc).__name__}: {exc}"[:300])
        dt = time.process_time() - t0
        size = max(1, len(data.encode("utf-8", "surrogatepass") if isinstance(data, str)
                          else data))
        if large:
            total_large_bytes += size
            total_large_s += dt
        if size >= 4096:
            worst.append((dt / size * 1e6, size, k))
        if (k + 1) % 10_000 == 0:
            print(f"  parser: {k + 1:,} inputs, {time.perf_counter() - start:.0f} s",
                  flush=True)
    worst.sort(reverse=True)
    return {
        "inputs": count, "outcomes": dict(outcomes), "failures": failures,
        "seconds": time.perf_counter() - start,
        "large_inputs": len(range(0, count, large_every)),
        "large_mib_per_s_cpu": total_large_bytes / (1 << 20) / total_large_s if total_large_s
        else None,
        "slowest_us_per_byte_cpu": [(round(u, 3), s) for u, s, _ in worst[:5]],
        "over_1s_cpu": sum(1 for u, s, _ in worst if u * s > 1e6),
    }


# -- end to end --------------------------------------------------------------------------------


def mutate_job(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if line.strip() and not line.startswith(
        ("JOB", "END", ";"))]
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        if not body:
            break
        i = rng.choice(body)
        if op < 0.35:  # scale or push one number
            numbers = list(NUMBER.finditer(lines[i]))
            if numbers:
                m = rng.choice(numbers)
                value = float(m.group())
                new = rng.choice([value * 0.5, value * 0.9, value * 1.1, value * 2, value * 10,
                                  -value, 0.0, value + 0.001, value * 1000, 1e-3])
                lines[i] = lines[i][:m.start()] + f"{new:.4f}".rstrip("0").rstrip(".") + \
                    lines[i][m.end():]
        elif op < 0.5:
            del lines[i]
        elif op < 0.6:
            lines.insert(i, lines[i])
        elif op < 0.7:
            j = rng.choice(body)
            if j < len(lines):
                lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, rng.choice(INSERTS))
        body = [k for k, line in enumerate(lines) if line.strip() and not line.startswith(
            ("JOB", "END", ";"))]
    return "\n".join(lines)


def _limit_memory() -> None:  # in the child, before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S + 5))


def run_command(argv: list[str]) -> dict:
    """Run ``python -m weldsim ARGV``; exit code, traceback, hang, peak RSS (MB), CPU (s)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "weldsim", *argv], cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=err, preexec_fn=_limit_memory if os.name == "posix" else None)
        deadline = time.monotonic() + TIMEOUT_S
        hang = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                hang = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        hang = hang or proc.returncode in (-24, -9)  # SIGXCPU / SIGKILL: the CPU limit
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    last = ""
    if "Traceback" in text:
        last = [line for line in text.splitlines() if line.strip()][-1][:200]
    return {"code": proc.returncode, "traceback": "Traceback" in text, "last": last,
            "hang": hang, "rss_mb": usage.ru_maxrss / 1024.0,
            "cpu_s": usage.ru_utime + usage.ru_stime}


def run_e2e(count: int, seed: int, parallel: int, log: Path | None,
            part: tuple[int, int] | None = None) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(seed + 1)
    refs = reference_jobs()
    folder = Path(tempfile.mkdtemp(prefix="weldsim-fuzz-"))
    jobs = []
    for k in range(count):
        sid, text = rng.choice(refs)
        path = folder / f"fuzz{k:04d}.job"
        path.write_text(mutate_job(rng, text), encoding="utf-8", errors="surrogatepass")
        jobs.append((k, sid, path))
    if part is not None:  # one slice of the campaign (another process runs the rest)
        jobs = jobs[part[0]:part[1]]

    def one(item):
        k, sid, path = item
        check = run_command(["check", str(path), "--scenario", sid])
        run = run_command(["run", sid, str(path), "--json", "-"])
        return {"job": k, "scenario": sid, "file": str(path), "check": check, "run": run}

    results = []
    start = time.perf_counter()
    handle = log.open("a" if part else "w", encoding="utf-8") if log else None
    try:
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            for n, record in enumerate(pool.map(one, jobs), 1):
                results.append(record)
                if handle:
                    handle.write(json.dumps(record) + "\n")
                    handle.flush()
                if n % 10 == 0:
                    print(f"  e2e: {n}/{len(jobs)} jobs, {time.perf_counter() - start:.0f} s",
                          flush=True)
    finally:
        if handle:
            handle.close()
    return summarize(results, time.perf_counter() - start)


def summarize(results: list[dict], seconds: float) -> dict:
    """The counts of end-to-end records (see ``--log``)."""
    summary: dict = {"jobs": len(results), "seconds": seconds}
    for command in ("check", "run"):
        rows = [r[command] for r in results]
        summary[command] = {
            "exit_codes": dict(sorted(Counter(r["code"] for r in rows).items())),
            "tracebacks": sum(r["traceback"] for r in rows),
            "hangs": sum(r["hang"] for r in rows),
            "peak_rss_mb_max": round(max(r["rss_mb"] for r in rows), 1),
            "over_1gb": sum(r["rss_mb"] > PEAK_RSS_LIMIT_MB for r in rows),
            "cpu_s_max": round(max(r["cpu_s"] for r in rows), 1),
            "failures": sorted(Counter(r["last"] for r in rows if r["last"]).items()),
        }
    summary["mismatch_check_rejects_run_scores"] = sum(
        r["check"]["code"] == 2 and r["run"]["code"] == 0 for r in results)
    summary["mismatch_check_passes_run_refuses"] = sum(
        r["check"]["code"] == 0 and r["run"]["code"] == 2 for r in results)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parser", type=int, default=100_000, help="parser inputs")
    parser.add_argument("--e2e", type=int, default=300, help="end-to-end jobs")
    parser.add_argument("--parallel", type=int, default=2, help="end-to-end jobs at once")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--log", type=Path, help="JSON lines of the end-to-end jobs")
    parser.add_argument("--part", metavar="A:B",
                        help="run only end-to-end jobs A..B-1 (appending to --log), to share "
                        "a campaign between processes")
    parser.add_argument("--summarize", type=Path, nargs="+", metavar="LOG",
                        help="print the counts of end-to-end logs (the same job once) and stop")
    args = parser.parse_args()
    report = {}
    if args.summarize:
        records = {}
        for log in args.summarize:
            for line in log.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                records[record["job"]] = record
        report["e2e"] = summarize([records[k] for k in sorted(records)], float("nan"))
        print(json.dumps(report["e2e"], indent=2))
        args.parser = args.e2e = 0
    part = tuple(int(v) for v in args.part.split(":")) if args.part else None
    if args.parser:
        print(f"parser: {args.parser:,} inputs", flush=True)
        report["parser"] = run_parser(args.parser, args.seed)
        print(json.dumps(report["parser"], indent=2), flush=True)
    if args.e2e:
        print(f"end to end: {args.e2e} jobs, {args.parallel} at a time", flush=True)
        report["e2e"] = run_e2e(args.e2e, args.seed, args.parallel, args.log, part)
        print(json.dumps(report["e2e"], indent=2), flush=True)
    tracebacks = report.get("parser", {}).get("outcomes", {}).get("traceback", 0) + sum(
        report.get("e2e", {}).get(c, {}).get("tracebacks", 0) for c in ("check", "run"))
    hangs = sum(report.get("e2e", {}).get(c, {}).get("hangs", 0) for c in ("check", "run"))
    over = sum(report.get("e2e", {}).get(c, {}).get("over_1gb", 0) for c in ("check", "run"))
    print(f"TOTAL: {tracebacks} tracebacks, {hangs} hangs, {over} processes over "
          f"{PEAK_RSS_LIMIT_MB} MB peak memory")


if __name__ == "__main__":
    main()
