"""Fuzz harness (hypothesis, bounded examples, no deadlines) over the parser's numbers, the
scenario loader, ``verify`` and ``grade``'s file handling. The long campaign is
``bench/fuzz.py``; this one runs with the suite."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from weldsim.errors import WeldsimError
from weldsim.grading.files import list_jobs, read_job_in
from weldsim.grading.names import BATCH_STEMS, MAX_STEM, display_text, unique_stems
from weldsim.grading.results import results_csv
from weldsim.grading.signing import load_public_key, verify_report
from weldsim.program import JobError, JobLimits, parse_job
from weldsim.scenarios.loader import SCENARIOS_DIR, load_scenario

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# -- the parser's numbers ---------------------------------------------------------------------

DIGITS = st.one_of(
    st.integers(0, 10**30).map(str),
    st.integers(4_290, 4_400).map(lambda n: "7" * n),
    st.integers(1, 5_000).map(lambda n: "0" * n + "1"),
    st.sampled_from(["0", "00", "1.", ".5", "1e5", "-0", "+7", "9" * 20_000]),
)
TEMPLATES = [
    "JOB A\nTOOL {n}\nEND\n",
    "JOB A\nFRAME USER{n}\nEND\n",
    "JOB A\nP{n} = J(0, 0, 0, 0, -60, 0)\nMOVEP P{n}\nEND\n",
    "JOB A\nASC {n} I=200A U=20V S=40cm/min\nEND\n",
    "JOB A\nP1 = J(0, 0, 0, 0, -60, 0)\nMOVEP P1\nAS {n}\nAE {n}\nEND\n",
    "JOB A\nMOVEL X({n}, 0, {n}, 0, 0, 0) S={n}mm/s\nEND\n",
    "JOB A\nDELAY {n}\nEND\n",
    "JOB A\nMOVEP J({n}, {n}, 0, 0, -60, 0) R={n}%\nEND\n",
]


@FUZZ
@given(st.sampled_from(TEMPLATES), DIGITS)
def test_any_number_anywhere_is_a_program_or_a_located_error(template: str, digits: str) -> None:
    text = template.replace("{n}", digits)
    try:
        parse_job(text, "n.job")
    except JobError as exc:
        for diag in exc.diagnostics:
            assert diag.line >= 1 and diag.column >= 1
            assert len(diag.message) < 300, diag.message  # long numbers are cut


# -- the scenario loader ----------------------------------------------------------------------

SCENARIO_TEXT = (SCENARIOS_DIR / "t-fillet-2f.toml").read_text(encoding="utf-8")
NUMBER = re.compile(r"(?<=[=\[, ])-?[0-9]+(?:\.[0-9]+)?(?=[\],\n ])")
NUMBER_SPANS = [m.span() for m in NUMBER.finditer(SCENARIO_TEXT)]
EXTREME = st.one_of(
    st.sampled_from(["1e308", "-1e308", "1e400", "inf", "-inf", "nan", "0", "-0.0", "1e-320",
                     "9" * 4_301, "9" * 400, "-" + "9" * 30, "1e7", "1e15", "true", '"x"',
                     "[]", "{}"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**40), 10**40).map(str),
)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(NUMBER_SPANS), EXTREME), min_size=1, max_size=3,
                unique_by=lambda t: t[0]))
def test_scenario_values_give_a_scenario_or_a_located_error(tmp_path_factory, edits) -> None:
    text = SCENARIO_TEXT
    for (start, end), value in sorted(edits, reverse=True):
        text = text[:start] + value + text[end:]
    path = tmp_path_factory.mktemp("scn") / "s.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_scenario(path)
    except WeldsimError as exc:
        assert str(exc).startswith(str(path)), str(exc)
        assert len(str(exc)) < 1000


@FUZZ
@given(st.integers(0, len(SCENARIO_TEXT)), st.integers(0, 40),
       st.sampled_from(["", "[", "]", "=", '"', "\n", "[[seams]]\n", "x = 1\n", "\x00", "é",
                        "points_mm = [[0,0,0],[1e9,0,0]]\n", "[frames.user1]\n"]))
def test_damaged_scenario_text_gives_a_located_error(tmp_path_factory, at, cut, piece) -> None:
    text = SCENARIO_TEXT[:at] + piece + SCENARIO_TEXT[at + cut:]
    path = tmp_path_factory.mktemp("scn") / "s.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_scenario(path)
    except WeldsimError as exc:
        assert str(exc).startswith(str(path))


# -- verify -----------------------------------------------------------------------------------

KEY = load_public_key(FIXTURES / "signing" / "instructor.pub")
GENUINE = (FIXTURES / "signing" / "genuine_lap.json").read_bytes()
REPORT = json.loads(GENUINE)
JSON_PIECES = st.sampled_from([
    b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e999", b'"\\ud800"', b'"\\udfff"', b"[",
    b"]", b"{", b"}", b",", b":", b'"score": 12.0, ', b'"signature": {}, ', b'"a": 1, "a": 2',
    b"[" * 200, b"]" * 200, b"\xff", b"\x00", b" ", b"\n", b"0", b"-0", b"1e5", b"true",
])


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(GENUINE)), st.integers(0, 8), JSON_PIECES),
                min_size=1, max_size=4))
def test_verify_never_raises_and_genuine_means_what_every_reader_sees(edits) -> None:
    data = GENUINE
    for at, cut, piece in edits:
        data = data[:at] + piece + data[at + cut:]
    verdict = verify_report(data, KEY)
    assert verdict.reason
    if verdict.genuine:  # then any JSON reader sees exactly the signed report
        pairs: list = []
        json.loads(data, object_pairs_hook=lambda p: pairs.append(len(p) == len(dict(p)))
                   or dict(p))
        assert all(pairs)
        assert json.loads(data) == REPORT


# -- grade's file handling --------------------------------------------------------------------

NAME_BYTES = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
@FUZZ
@given(st.lists(NAME_BYTES, min_size=1, max_size=6, unique=True))
def test_any_file_names_are_shown_apart_and_reported_inside_out(tmp_path_factory,
                                                                names) -> None:
    folder = tmp_path_factory.mktemp("cls")
    stems = []
    for raw in names:
        path = os.path.join(os.fsencode(folder), raw + b".job")
        try:
            with open(path, "wb") as handle:
                handle.write(b"JOB A\nEND\n")
        except OSError:  # a name this file system refuses (too long)
            continue
        stems.append(raw)
    assume(stems)
    jobs = list_jobs(folder)
    shown = [j.trainee for j in jobs]
    assert len(set(shown)) == len(shown)  # never conflated
    for job in jobs:
        job.trainee.encode("utf-8")  # storable in the gradebook, the CSV, the reports
        job.file.encode("utf-8")
        assert read_job_in(job.path, folder, JobLimits()) == b"JOB A\nEND\n"
    outs = [j.out_stem for j in jobs]
    assert len({o.casefold() for o in outs}) == len(outs)
    out = tmp_path_factory.mktemp("out")
    for stem in outs:
        assert stem.casefold() not in BATCH_STEMS and len(stem) <= MAX_STEM + 20
        assert (out / f"{stem}.json").resolve().parent == out.resolve()
    rows = [{"name": j.trainee, "file": j.file, "score": None, "passed": False, "level": None,
             "worst": ["", "", ""], "cycle_time_s": None, "errors": ""} for j in jobs]
    read_back = list(csv.DictReader(io.StringIO(results_csv(rows))))
    assert len(read_back) == len(rows)


@FUZZ
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=8, unique=True))
def test_display_text_is_injective_and_storable(texts) -> None:
    shown = [display_text(t) for t in texts]
    assert len(set(shown)) == len(shown)
    for s in shown:
        s.encode("utf-8")
    stems = unique_stems(texts)
    assert len({s.casefold() for s in stems}) == len(stems)
