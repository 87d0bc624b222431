"""Any input gives a Program or a JobError with bounded work; file limits, binary files, UTF-8.

Work is counted, not timed: :func:`work` counts the function calls (Python and built-in) a
parse makes, so "linear" is a ratio of counts at two sizes and "refused before reading" is a
small count, the same on any machine and under any load.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from program_jobs import EXAMPLE, RICH, messages

from weldsim.errors import WeldsimError
from weldsim.program import JobError, JobLimits, Program, load_job, parse_job, write_job

FUZZ = settings(max_examples=300, deadline=None,  # work is bounded by the tests below
                suppress_health_check=[HealthCheck.too_slow])


def work(action: Callable[[], object]) -> int:
    """The number of calls (Python functions and built-ins) ``action`` makes; its exceptions
    are swallowed (the tests check them separately)."""
    count = 0

    def profile(frame, event, arg) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    except Exception:
        pass
    finally:
        sys.setprofile(None)
    return count


def _parse(text: str | bytes, **kwargs) -> Callable[[], object]:
    return lambda: parse_job(text, **kwargs)


def assert_linear(make: Callable[[int], str | bytes], n: int, slack: float = 1.25) -> None:
    """Parsing ``make(4 * n)`` does at most ``4 * slack`` times the work of ``make(n)``."""
    small, large = work(_parse(make(n))), work(_parse(make(4 * n)))
    assert large <= 4 * slack * small + 1000, (small, large)


def outcome(data: str | bytes) -> Program | JobError:
    """Parse; the only exception allowed is JobError, and its text must be well formed."""
    try:
        program = parse_job(data, "f.job")
    except JobError as exc:
        assert exc.diagnostics, "a JobError carries at least one diagnostic"
        for line in str(exc).splitlines():
            assert line.startswith(("f.job:", "hint: ")), line
        return exc
    # anything that parses also survives the writer
    assert parse_job(write_job(program)) == program
    return program


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    outcome(text)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    outcome(data)


# pieces that make mutations likely to hit interesting paths
PIECES = st.sampled_from([
    "(", ")", ",", "=", ";", "%", "/", "+", "-", ".", " ", "\n", "\n+", "\t", "\r", "REM ",
    "P1", "P0", "J(", "X(", "CONF=", "NUT", "S=", "R=", "V=", "I=", "mm/s", "cm/min", "V",
    "A", "s", "1e5", "nan", "-0", "999999", "AS 1\n", "AE 1\n", "WS 1\n", "WE\n", "END\n",
    "JOB X\n", "FRAME USER2\n", "MOVEP P1\n", "é", "\ufeff", "\x00", "\u2028", "\x0c",
])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from([EXAMPLE, RICH]))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(PIECES | st.text(max_size=3))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        else:
            text = text[:at] + piece + text[at + len(piece):]
    return text


@FUZZ
@given(mutated())
def test_mutated_valid_jobs(text: str) -> None:
    outcome(text)
    outcome(text.encode("utf-8", errors="surrogatepass"))


def test_lines_of_many_tokens_are_linear() -> None:
    def make(n: int) -> str:
        return "JOB A\nMOVEP J(" + "1," * n + "1)\nEND\n"

    with pytest.raises(JobError, match="too many values"):
        parse_job(make(50_000))
    assert_linear(make, 12_500)
    # the values after the sixth are never read: the work is the lexer's, a few calls a token
    tokens = 2 * 50_000 + 4
    assert work(_parse(make(50_000))) <= 6 * tokens


@pytest.mark.parametrize("make", [
    lambda n: "JOB A" + " " * (9 * n) + "\nEND\n",
    lambda n: "JOB A\nMOVEP" + " \t" * (4 * n) + "J(0,0,0,0,0,0)\nEND\n",
    lambda n: "JOB A\n" + "JOB A\n" * (n // 5) + "END\n",
    lambda n: "JOB A\n" + "\u00e9" * (5 * n) + "\nEND\n",
    lambda n: "JOB A\n" + "MOVEP J(1,2,3,4,5,6) ; c\n" * (n // 10) + "END\n",
    lambda n: "JOB A\n" + "P1 = X(1,2,3,4,5,6)\n" * (n // 10) + "END\n",
], ids=["spaces", "tabs", "statements", "bad characters", "moves", "declarations"])
def test_long_runs_are_linear(make) -> None:
    """Long runs of white space, tokens, statements or bad characters: no quadratic path."""
    assert_linear(make, 25_000)


def test_many_invalid_bytes_are_located_with_bounded_work() -> None:
    def make(n: int) -> bytes:
        return b"JOB A\n;" + b"abc\xff" * n + b"\nEND\n"

    with pytest.raises(JobError) as info:
        parse_job(make(200_000))
    diags = info.value.diagnostics
    assert [(d.line, d.column) for d in diags[:3]] == [(2, 5), (2, 9), (2, 13)]
    assert len(diags) == 1000
    # the decoder stops at the diagnostics limit: 4 times the bytes, not 4 times the work
    assert work(_parse(make(200_000))) <= 2 * work(_parse(make(50_000))) + 1000


# -- limits -----------------------------------------------------------------------------------


def test_over_one_mib_is_refused_before_reading() -> None:
    data = b"JOB A\n" + b"; padding padding padding\n" * 50_000 + b"END\n"
    assert len(data) > 1 << 20
    assert work(_parse(data, filename="big.job")) < 500  # refused on its size, not lexed
    with pytest.raises(JobError) as info:
        parse_job(data, "big.job")
    (diag,) = info.value.diagnostics
    assert (diag.line, diag.column) == (1, 1)
    assert "too large" in diag.message and "1.00 MiB" in diag.message
    with pytest.raises(JobError, match="too large"):
        parse_job(data.decode(), "big.job")


def test_over_100000_lines_is_refused_before_lexing() -> None:
    data = "JOB A\n" + "\n" * 100_000 + "END\n"
    assert work(_parse(data.encode())) < 500  # counted, not split into statements
    with pytest.raises(JobError) as info:
        parse_job(data.encode())
    assert "more than 100,000 lines" in str(info.value)
    with pytest.raises(JobError, match="more than 100,000 lines"):
        parse_job(data)


def test_exactly_100000_lines_is_accepted() -> None:
    data = "JOB A\n" + ";\n" * 99_998 + "END\n"
    assert data.count("\n") == 100_000
    assert parse_job(data).name == "A"


def test_load_job_refuses_a_huge_file_without_reading_it(tmp_path) -> None:
    path = tmp_path / "huge.job"
    with path.open("wb") as handle:
        handle.seek(50 * (1 << 20))  # a 50 MiB sparse file
        handle.write(b"\n")
    with pytest.raises(JobError, match="too large"):
        load_job(path)
    assert work(lambda: load_job(path)) < 500  # refused on its size: nothing read


def test_load_job_missing_file_is_a_weldsim_error(tmp_path) -> None:
    with pytest.raises(WeldsimError, match="cannot read the job"):
        load_job(tmp_path / "nope.job")


def test_binary_file_is_refused_with_a_clear_message(tmp_path) -> None:
    path = tmp_path / "weld.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(JobError) as info:
        load_job(path)
    (diag,) = info.value.diagnostics
    assert diag.message == "this is not a text file (it contains a NUL character)"
    assert (diag.line, diag.column) == (3, 1)  # the NUL starts the third line


def test_invalid_utf8_is_located() -> None:
    data = b"JOB A\n; caf\xe9 latin-1\nMOVEP J(0,0,0,0,0,0) ; \xff\xfe\nEND\n"
    assert messages(data) == [
        "t.job:2:6: error: invalid UTF-8 (byte 0xE9)",
        "t.job:3:24: error: invalid UTF-8 (byte 0xFF)",
        "t.job:3:25: error: invalid UTF-8 (byte 0xFE)",
    ]


def test_utf8_comments_are_fine() -> None:
    program = parse_job("JOB A ; las sudut — ¡bien!\nEND\n".encode())
    assert program.comments[0].text == " las sudut — ¡bien!"


def test_limits_are_configurable() -> None:
    with pytest.raises(JobError, match="more than 3 lines"):
        parse_job("JOB A\n\n\nEND\n", limits=JobLimits(max_lines=3))
    with pytest.raises(JobError, match="too large"):
        parse_job("JOB A\nEND\n", limits=JobLimits(max_bytes=5))


def test_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_job(12)  # type: ignore[arg-type]
