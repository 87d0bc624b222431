"""Integers of more than 4,300 digits in a job: a located JobError, exit 2 (repro/parser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from weldsim.cli import main
from weldsim.program import JobError, load_job, parse_job

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parser"

# file -> (line, column, message)
EXPECTED = {
    "int_condition.job": (2, 4, "ASC number 111111111111... (4301 characters) is out of "
                                "range 1-"),
    "int_position_decl.job": (2, 1, "position number 111111111111... (4301 characters) is "
                                    "out of range 1-9999"),
    "int_position_ref.job": (2, 7, "position number 111111111111... (4301 characters) is "
                                   "out of range 1-9999"),
    "int_tool.job": (2, 6, "tool number 111111111111... (4301 characters) is out of range "
                           "1-"),
    "int_user_frame.job": (2, 7, "user frame 111111111111... (4301 characters) is out of "
                                 "range 1-"),
}


def test_every_reproducer_has_a_case() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.job")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_huge_integer_is_a_located_job_error(name: str) -> None:
    line, column, message = EXPECTED[name]
    with pytest.raises(JobError) as info:
        load_job(FIXTURES / name)
    first = info.value.diagnostics[0]
    assert (first.line, first.column) == (line, column)
    assert first.message.startswith(message), first.message
    assert len(first.message) < 120  # the number is cut, not copied whole


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_exits_2_with_the_place(name: str, capsys) -> None:
    assert main(["check", str(FIXTURES / name)]) == 2
    line, column, _ = EXPECTED[name]
    err = capsys.readouterr()
    assert f"{name}:{line}:{column}: error:" in err.out + err.err
    assert "Traceback" not in err.out + err.err


def test_leading_zeros_do_not_make_a_number_large() -> None:
    zeros = "0" * 5000
    program = parse_job(f"JOB A\nTOOL {zeros}2\nFRAME USER{zeros}3\n"
                        f"P{zeros}4 = X(1, 2, 3, 0, 0, 0)\nEND\n")
    assert program.tool == 2
    (position,) = program.positions
    assert (position.number, position.frame) == (4, "USER3")


@pytest.mark.parametrize("digits", [4_299, 4_300, 4_301, 50_000])
def test_any_number_of_digits_in_any_place(digits: int) -> None:
    big = "9" * digits
    text = (f"JOB A\nTOOL {big}\nFRAME USER{big}\nP{big} = J(0,0,0,0,0,0)\nASC {big} I=1 U=1 "
            f"S=1\nMOVEP P{big}\nMOVEL J({big},0,0,0,0,0) S={big}\nDELAY {big}\nEND\n")
    with pytest.raises(JobError) as info:
        parse_job(text)
    assert all("out of range" in d.message or "not declared" in d.message
               for d in info.value.diagnostics), [d.message for d in info.value.diagnostics]
