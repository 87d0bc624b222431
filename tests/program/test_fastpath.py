"""The usual statements read from the shape of their line give exactly what their tokens give.

``weldsim.program.fastpath`` lets the lexer recognise the usual one-line statements and the
parser read them without tokens. These tests parse each input twice, once as shipped and once
with no line recognised (every statement read token by token), and require the same outcome:
the same Program (every field, places included) or the same diagnostics in the same order.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from program_jobs import EXAMPLE, RICH

from weldsim.program import JobError, parse_job
from weldsim.program import lexer as lexer_module
from weldsim.program.lexer import ShapedLine, tokenize

NEVER = re.compile(r"(?!)")  # a SHAPED_LINE that matches no line


def outcome(data: str | bytes) -> str:
    try:
        return "program " + repr(parse_job(data, "f.job"))
    except JobError as exc:
        return "error\n" + "\n".join(repr(d) for d in exc.diagnostics)


def both(data: str | bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    fast = outcome(data)
    with monkeypatch.context() as patch:
        patch.setattr(lexer_module, "SHAPED_LINE", NEVER)
        slow = outcome(data)
    return fast, slow


HEADER = "JOB T\nFRAME USER1\nASC 1 I=200 U=20 S=30cm/min\nAEC 1 I=150 U=18 T=0.5\n" \
         "WVC 1 PATTERN=SINE AMP=2 FREQ=1\nP1 = X(1, 2, 3, 4, 5, 6)\nP2 = J(1, 2, 3, 4, 5, 6)\n"
# usual statements, their variants (case, spacing, aliases, units) and near misses (a value out
# of range, a wrong unit, a bad number, a glued word): every one must give the same outcome
STATEMENTS = [
    "P3 = X(245, 0, 0, 134.56, -7.05, 7.11)", "p3=x(1,2,3,4,5,6)",
    "P3 = X(1, 2, 3, 4, 5, 6, CONF=NUT)", "P3 = X(1,2,3,4,5,6,conf=fdb)",
    "P3 = J(0, -50, -55, 0, -50, 0)   ; home", "P3 = J(1,2,3,4,5,6,CONF=NUT)",
    "P3 = X(1, 2, 3, 4, 5, 6, CONF=NUX)", "P3 = X(1, 2, 3, 4, 5, 6, FLAGS=NUT)",
    "P3 = X(1, 2, 3, 4, 5)",
    "P3 = X(1, 2, 3, 4, 5, 6, 7)", "P3 = X(99999, 2, 3, 4, 5, 6)", "P3 = J(999, 2, 3, 4, 5, 6)",
    "P3 = X(1.5.2, 2, 3, 4, 5, 6)", "P3 = X(+1, -.5, 1., 0, -0, 6)", "P1 = X(1, 2, 3, 4, 5, 6)",
    "P0 = X(1, 2, 3, 4, 5, 6)", "P10000 = X(1, 2, 3, 4, 5, 6)", "P0003 = X(1, 2, 3, 4, 5, 6)",
    "P3 = X(1mm, 2, 3, 4, 5, 6)", "P3 = X (1, 2, 3, 4, 5, 6)", "P3 = X(1, 2, 3, 4, 5, 6) P1",
    "MOVEL P1", "movel p1 s=100mm/s", "MOVEL P1 S=100 mm / s", "MOVEL P1 S=45cm/min",
    "MOVEL P1 S=0.5m/min", "MOVEL P1 S=100", "MOVEL P1 S=0", "MOVEL P1 S=-5", "MOVEL P1 S=1e5",
    "MOVEL P1 S=100mm", "MOVEL P1 S=100%", "MOVEL P1 S=100mm/min", "MOVEL P1 S=99999",
    "MOVEL P1 R=50%", "MOVEL P1 V=10", "MOVL P1 V=10", "MOVL P1 S=10", "MOVEL P9", "MOVEL P1S=1",
    "MOVELP1", "MOVEL P1 S=100mm/s S=1", "MOVEL X(1, 2, 3, 4, 5, 6) S=10",
    "MOVEL J(1, 2, 3, 4, 5, 6)", "MOVEL Q(1, 2, 3, 4, 5, 6)", "MOVEL P1(1, 2, 3, 4, 5, 6)",
    "MOVEL X", "MOVEL P99999", "MOVEP P1", "MOVEP P1 R=40%", "MOVEP P1 R=40", "MOVEP P1 R=0%",
    "MOVEP P1 R=101%", "MOVEP P1 R=40s", "MOVEP P1 S=40", "MOVJ P1 VJ=50", "MOVJ P1 R=50",
    "MOVEP J(10, 0, 0, 0, 90, 0)", "MOVEC P1 P2", "MOVEC X(1, 2, 3, 4, 5, 6) P1 S=40cm/min",
    "MOVC P1 X(1,2,3,4,5,6) V=10", "MOVEC P1", "MOVEC P1 P2 P1", "AS 1", "as 1", "AS 2",
    "AS 0", "AS 100", "AS 1.5", "AS +1", "AS 01", "ARCON 1", "AE 1", "ARCOF 1", "WS 1", "WVON 1",
    "WE", "we", "WVOF", "WE 1", "DELAY 0.2s", "DELAY 0.2", "DELAY 0.2 S", "DELAY 601",
    "DELAY -1", "DELAY 0.5%", "DELAY 0.5mm", "DELAY 0,5", "DELAY 0.2s ; wait", "TIMER T=0.5",
    "  MOVEL P1 S=10\t; indented", "MOVEL P1\r", "MOVEL P1 ;a;b\r", "DELAY 1\x0c",
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_a_statement_reads_the_same_either_way(statement: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    for body in (f"{statement}\nAS 1\nWS 1\nMOVEL P2\nWE\nAE 1",
                 f"AS 1\nWS 1\n{statement}\nWE\nAE 1", f"{statement}\n+ S=10\nMOVEL P1"):
        fast, slow = both(HEADER + body + "\nEND\n", monkeypatch)
        assert fast == slow, (statement, fast, slow)


@pytest.mark.parametrize("job", [EXAMPLE, RICH], ids=["example", "rich"])
def test_the_shared_jobs_read_the_same_either_way(job: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for text in (job, job.replace("\n", "\r\n"), job.replace("\n", " ; c\n")):
        fast, slow = both(text, monkeypatch)
        assert fast == slow
        assert fast.startswith("program")


PIECES = st.sampled_from([
    "(", ")", ",", "=", ";", "%", "/", "+", "-", ".", " ", "\n", "\n+", "\t", "\r", "REM ",
    "P1", "P0", "J(", "X(", "CONF=", "NUT", "S=", "R=", "V=", "mm/s", "cm/min", "s", "1e5",
    "-0", "999999", "AS 1\n", "AE 1\n", "WS 1\n", "WE\n", "END\n", "MOVEL P1\n", "P3 = X(",
    "MOVEC ", "DELAY ", "1.", ".5", "é", "\x00",
])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from([EXAMPLE, RICH]))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        piece = draw(PIECES | st.text(max_size=3))
        if draw(st.booleans()):
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 12)):]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutated_jobs_read_the_same_either_way(text: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = both(text, monkeypatch)
    assert fast == slow


def test_the_usual_lines_make_no_tokens() -> None:
    lexed = tokenize(EXAMPLE)
    usual = [s for s in lexed.statements if s.word not in ("JOB", "END", "TOOL", "FRAME", "ASC",
                                                           "AEC")]
    assert len(usual) == 10
    assert all(s.shape is not None and s._tokens is None for s in usual)
    parse_job(EXAMPLE)
    # a continuation line takes the statement the token way
    lexed = tokenize("MOVEL P1\n+ S=10\n")
    assert lexed.statements[0].shape is None
    assert [t.text for t in lexed.statements[0].tokens] == ["MOVEL", "P1", "S", "=", "10"]


LINE_PIECES = ["(", ")", ",", "=", "%", "/", "+", "-", ".", " ", "\t", "\r", ";", "; c", "P1",
               "p02", "P", "J", "X", "x", "1", "-2.5", "+.5", "1.", "007", "S", "R", "V", "VJ",
               "CONF", "nut", "mm", "s", "cm/min", "MOVEL", "MOVEC", "MOVJ", "AS", "WE", "DELAY",
               "_", "é", "1e5", "REM"]


def test_a_shaped_line_holds_the_tokens_the_lexer_makes() -> None:
    """Every line of a usual shape is clean and splits into the very tokens (texts, kinds,
    places) and comment the line-by-line lexer makes of it: the shapes' patterns (possessive
    numbers and words, one group for several parts) never join or split a token otherwise."""
    rng = random.Random(17)
    shaped = 0
    for _ in range(4000):
        line = rng.choice(STATEMENTS)
        for _ in range(rng.randrange(3)):
            at = rng.randrange(len(line) + 1)
            if rng.random() < 0.7:
                line = line[:at] + rng.choice(LINE_PIECES) + line[at:]
            else:
                line = line[:at] + line[at + rng.randrange(1, 4):]
        if "\r" in line[:-1]:
            continue  # (a \r inside a comment: Comment refuses it, either way)
        fast = tokenize(line + "\n")
        if not any(type(stmt) is ShapedLine for stmt in fast.statements):
            continue
        shaped += 1
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(lexer_module, "SHAPED_LINE", NEVER)
            slow = tokenize(line + "\n")
        assert not fast.problems and not slow.problems, line
        assert [(s.line, s.column, s.word, s.tokens) for s in fast.statements] == [
            (s.line, s.column, s.word, s.tokens) for s in slow.statements], line
        assert [(c.text, c.line, c.inline) for c in fast.comments] == [
            (c.text, c.line, c.inline) for c in slow.comments], line
    assert shaped > 1000


def _seams(count: int) -> str:
    """A recorded program of ``count`` seams: declarations, moves, switches, comments."""
    lines = ["JOB SEAMS", "TOOL 1", "ASC 1 I=260A U=27.5V S=45cm/min", "AEC 1 I=180A U=22V T=0.5s",
             "WVC 1 PATTERN=SINE AMP=2mm FREQ=1.5Hz", "FRAME USER1"]
    for k in range(count):
        p = 4 * k + 1
        lines += [f"; seam {k}", f"P{p} = X({k % 50 * 20}, 35, 35, 134.56, -7.05, 7.11)  ; above",
                  f"P{p + 1} = X({k % 50 * 20 + 5}, 0, 0, 134.56, -7.05, 7.11, CONF=NUT)",
                  f"P{p + 2} = X({k % 50 * 20 + 245}, 0, 0, 134.56, -7.05, 7.11)",
                  f"P{p + 3} = J({k % 90}, -20.5, 35, 0, 55.25, 0)", f"MOVEP P{p + 3} R=40%",
                  f"MOVEL P{p + 1} S=100mm/s", "AS 1", "WS 1", f"MOVEL P{p + 2}",
                  f"MOVEC X({k % 50 * 20 + 180}, 5, 0, 134.56, -7.05, 7.11) P{p + 2} S=40cm/min",
                  "WE", "AE 1", "DELAY 0.2s", f"MOVEL P{p} S=150mm/s"]
    return "\n".join([*lines, "END", ""])


def test_a_recorded_program_costs_a_few_calls_a_line() -> None:
    """The work of the usual lines, counted (not timed): the token way made about 145 calls
    (Python functions and built-ins) a line of such a job, the shapes first about 40, now
    about 20 (references resolved at once, records built unchecked, fewer helpers)."""
    from test_robustness import work

    text = _seams(400)
    program = parse_job(text)
    assert len(program.positions) == 1600 and len(program.instructions) == 4000
    lines = text.count("\n")
    assert work(lambda: parse_job(text)) <= 25 * lines
    # and linear: four times the seams, four times the work (a little slack)
    assert work(lambda: parse_job(_seams(1600))) <= 4.2 * work(lambda: parse_job(text))
