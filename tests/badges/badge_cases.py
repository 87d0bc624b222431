"""Gradebooks, signed reports, keys and issuers for the badge tests.

The reports carry the fields a badge relies on, as :func:`weldsim.report.report_dict` writes
them (scenario id and version, job SHA-256, score, passed, ISO 5817 level), signed with
:func:`weldsim.grading.signing.sign_report`; the gradebook rows are recorded through
:meth:`weldsim.grading.gradebook.Gradebook.record`, as ``weldsim grade`` does. Running the
real exercises would take minutes per attempt and test nothing more of the badges.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from weldsim.grading.gradebook import Gradebook
from weldsim.grading.signing import generate_keys, load_private_key, report_text, sign_report

ISSUER_TOML = """\
id = "https://smkn2-contoh.sch.id"
name = "SMK Negeri 2 Contoh, Teknik Pengelasan"
url = "https://smkn2-contoh.sch.id"
"""


@dataclass(frozen=True)
class Attempt:
    """One attempt to record: exercise, score, passed, level (and the job's text)."""

    trainee: str
    exercise: str
    score: float | None
    passed: bool
    level: str | None
    version: int = 1
    job: str = "JOB A\nEND\n"
    signed: bool = True
    status: str = "graded"
    mode: str = "practice"
    report_mode: str | None = None  # the mode the report says, when not the attempt's


def make_keys(folder: Path) -> tuple[Path, Path]:
    return generate_keys(folder)


def write_issuer(folder: Path) -> Path:
    path = folder / "issuer.toml"
    path.write_text(ISSUER_TOML, encoding="utf-8")
    return path


def report(a: Attempt) -> dict:
    sha = hashlib.sha256(a.job.encode()).hexdigest()
    return {
        "schema_version": 1, "weldsim_version": "0.1.0",
        "scenario": {"id": a.exercise, "version": a.version, "title": a.exercise,
                     "robot": "fd-b4", "required_level": "C"},
        "job": {"file": f"{a.trainee}.job", "name": "A", "sha256": sha},
        "score": a.score, "passed": a.passed, "excellent": False, "iso5817_level": a.level,
        "groups": {}, "criteria": {}, "metrics": {}, "defects": [], "events": [], "gates": [],
        "findings": [], "setup": [], "cycle_time_s": 30.0,
        "mode": a.report_mode or a.mode,
    }


def make_gradebook(folder: Path, attempts: list[Attempt], private_key: Path) -> Path:
    """A gradebook with ``attempts`` (in order) and their signed reports in ``folder``."""
    key, _ = load_private_key(private_key)
    folder.mkdir(parents=True, exist_ok=True)
    book_path = folder / "gradebook.sqlite"
    with Gradebook(book_path) as book:
        for n, a in enumerate(attempts):
            data = report(a)
            path = folder / f"{a.trainee}-{a.exercise}-{n}.json"
            text = report_text(sign_report(data, key)) if a.signed else report_text(data)
            path.write_text(text, encoding="utf-8")
            row = {"name": a.trainee, "scenario": a.exercise, "scenario_version": a.version,
                   "sha256": data["job"]["sha256"], "status": a.status, "score": a.score,
                   "passed": a.passed, "level": a.level, "mode": a.mode}
            book.record(row, str(path) if a.status == "graded" else None)
    return book_path


PASSING = [
    Attempt("ani", "t-fillet-2f", 64.0, False, "D"),
    Attempt("ani", "t-fillet-2f", 88.5, True, "C", job="JOB B\nEND\n"),
    Attempt("ani", "lap-2f", 92.25, True, "B"),
    Attempt("budi", "t-fillet-2f", 95.0, True, "B"),
    Attempt("budi", "lap-2f", 81.0, True, "D"),
]
"""Ani meets robot-fillet-2f (t-fillet-2f 88.5 C, lap-2f 92.25 B); Budi misses lap-2f's
level (D where C is needed)."""
