"""A fixed corpus of job inputs, and what the parser made of each before its rewrite for speed.

``fixtures/parse_corpus.json.gz`` holds the base jobs (every bundled and fixture job at the
time, the shared test jobs, a generated 2,000-line job) and, for every input, a digest of the
parser's outcome: the Program's repr, or every diagnostic's repr in order (place, English text,
catalogue message and parameters, hint). The inputs are the bases plus seeded mutations of them
(text and bytes: numbers, units, pieces of syntax, lines cut, bad bytes), made again here from
the stored bases, so the fixture stays small and independent of later edits to the bundled jobs.

``python tests/program/parse_corpus.py`` rewrites the fixture from the current parser: do it
only for an intended change of behaviour, and say so.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "fixtures" / "parse_corpus.json.gz"
SEED = 20261207
MUTANTS = 3000

PIECES = [
    "(", ")", ",", "=", ";", "%", "/", "+", "-", ".", " ", "\n", "\n+", "\t", "\r", "REM ",
    "rem", "P1", "P0", "P99999", "J(", "X(", "CONF=", "NUT", "S=", "R=", "V=", "I=", "T=",
    "mm/s", "cm/min", "m/min", "V", "A", "s", "deg", "1e5", "nan", "inf", "-0", "999999",
    "9" * 500, "0" * 400 + "1", "AS 1\n", "AE 1\n", "WS 1\n", "WE\n", "END\n", "JOB X\n",
    "FRAME USER2\n", "FRAME USER" + "1" * 431 + "\n", "TOOL 9\n", "MOVEP P1\n", "DELAY 600\n",
    "é", "\ufeff", "\x00", "\u2028", "\x0c", "\ud800", ",5", "27,5V", "  ", "\t+ ", "MOVJ",
    "TIMER T=", "VJ=", "WVC 1 ", "ASC 2 ", "AEC 3 ", "USER", "BASE", "#", "1.", ".5", "+1",
]
NUMBER = re.compile(r"(?<![A-Za-z0-9_])-?[0-9]+(?:\.[0-9]*)?")


def mutate(rng: random.Random, text: str) -> str:
    """One to six edits: a piece inserted or overwritten, a run deleted, numbers changed.

    A frozen copy of ``bench/fuzz.py``'s ``mutate_text`` (other pieces): the fuzz harness may
    change, the corpus must not."""
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
        else:
            text = NUMBER.sub(lambda m: rng.choice(
                [m.group(), "0", "-" + m.group(), m.group() * 3, "1" * rng.randint(20, 500)]),
                text, count=rng.randint(1, 3))
    return text


def inputs(bases: list[str]) -> list[str | bytes]:
    """The bases, then the seeded mutants (every fifth as bytes with one random byte)."""
    out: list[str | bytes] = list(bases)
    rng = random.Random(SEED)
    small = [b for b in bases if len(b) < 20_000]
    for k in range(MUTANTS):
        text = mutate(rng, rng.choice(small if k % 50 else bases))
        if k % 7 == 0:
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60))) + text
        if k % 5 == 0:
            data = text.encode("utf-8", "surrogatepass")
            cut = rng.randint(0, len(data))
            out.append(data[:cut] + bytes([rng.randrange(256)]) + data[cut:])
        else:
            out.append(text)
    return out


def outcome(data: str | bytes) -> str:
    """What the parser makes of ``data``, as text."""
    from weldsim.program import JobError, parse_job

    try:
        return "program " + repr(parse_job(data, "corpus.job"))
    except JobError as exc:
        return "error\n" + "\n".join(repr(d) for d in exc.diagnostics)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def load() -> tuple[list[str | bytes], list[str]]:
    """The inputs and the expected digests of their outcomes."""
    stored = json.loads(gzip.decompress(CORPUS.read_bytes()))
    return inputs(stored["bases"]), stored["expected"]


def _bases() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(HERE))
    from parse import generate_job
    from program_jobs import EXAMPLE, RICH

    bases = [EXAMPLE, RICH, generate_job(2000)]
    for folder in ("weldsim/scenarios/data", "tests/controller/data",
                   "tests/robustness/fixtures/parser", "tests/pendant/fixtures"):
        for path in sorted((ROOT / folder).glob("*.job")):
            bases.append(path.read_bytes().decode("utf-8", "surrogateescape"))
    return bases


def main() -> None:
    sys.path.insert(0, str(ROOT))
    bases = _bases()
    outcomes = [outcome(data) for data in inputs(bases)]
    CORPUS.parent.mkdir(exist_ok=True)
    raw = json.dumps({"bases": bases, "expected": [digest(o) for o in outcomes]},
                     ensure_ascii=True).encode("ascii")
    CORPUS.write_bytes(gzip.compress(raw, mtime=0))
    programs = sum(o.startswith("program") for o in outcomes)
    print(f"{len(outcomes)} inputs ({programs} programs), {CORPUS.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
