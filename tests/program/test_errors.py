"""One broken job per rule of the Errors section: exactly the expected located messages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from program_jobs import EXAMPLE, messages, wrap

from weldsim.program import JobError, JobLimits, parse_job

# lines 2-4 of a wrapped job; the body after it starts on line 5
TABLES = ("ASC 1 I=200A U=20V S=5\nAEC 1 I=150A U=18V T=0.2\n"
          "WVC 1 PATTERN=SINE AMP=2 FREQ=2\n")
HOME = "J(0, 0, 0, 0, 90, 0)"

CASES = {
    # -- unknown instruction, missing or malformed arguments ------------------------------
    "unknown instruction": (wrap("DELAYY 2"), ["t.job:2:1: error: unknown instruction 'DELAYY'"]),
    "not an instruction": (wrap("12 P1"),
                           ["t.job:2:1: error: expected an instruction, found '12'"]),
    "missing position": (wrap("MOVEL"), ["t.job:2:6: error: missing position"]),
    "bad position": (wrap("MOVEL Q1"), ["t.job:2:7: error: expected a position, found 'Q1'"]),
    "too few values": (wrap("P1 = X(1, 2, 3)"),
                       ["t.job:2:6: error: X(...) needs 6 values, found 3"]),
    "too many values": (wrap("P1 = J(1, 2, 3, 4, 5, 6, 7)"),
                        ["t.job:2:26: error: too many values in J(...)"]),
    "missing paren": (wrap("P1 = J(1, 2, 3, 4, 5, 6"),
                      ["t.job:2:24: error: missing ')' after J(..."]),
    "missing =": (wrap("P1 J(1, 2, 3, 4, 5, 6)"), ["t.job:2:4: error: expected '=' after P1"]),
    "bad conf": (wrap("P1 = X(0, 0, 0, 0, 0, 0, CONF=NUX)"),
                 ["t.job:2:31: error: CONF=NUX is not a configuration"]),
    "missing condition": (wrap("AS\nAE I=100 U=18 T=0"),
                          ["t.job:2:3: error: AS needs a condition number or values"]),
    "missing key": (wrap("ASC 1 I=200 U=20"), ["t.job:2:1: error: ASC is missing S="]),
    "unknown key": (wrap("ASC 1 I=200 U=20 S=5 SPEED=3"),
                    ["t.job:2:22: error: unknown argument 'SPEED' for ASC"]),
    "key twice": (wrap("AEC 1 I=200 U=20 T=1 T=2"), ["t.job:2:22: error: T= is given twice"]),
    "not a number": (wrap("DELAY nan"),
                     ["t.job:2:7: error: expected a number for DELAY, found 'nan'"]),
    "exponent": (wrap("DELAY 1e3"), ["t.job:2:8: error: unknown unit 'e3' for DELAY"]),
    "bad pattern": (wrap("WVC 1 PATTERN=ZIGZAG AMP=2 FREQ=2"),
                    ["t.job:2:15: error: PATTERN=ZIGZAG is not one of SINE, TRIANGLE, "
                     "TRAPEZOID, CIRCLE"]),
    "bad dwell": (wrap("WVC 1 PATTERN=SINE AMP=2 FREQ=2 DWELL=0.1,0.2"),
                  ["t.job:2:46: error: DWELL needs three values: left, centre, right"]),
    "wrong key for alias": (wrap("MOVL P1 S=10\nP1 = " + HOME),
                            ["t.job:2:9: error: unknown argument 'S' for MOVL"]),
    "extra argument": (wrap("DELAY 1 2"), ["t.job:2:9: error: unexpected '2' after DELAY"]),
    # -- units and ranges -------------------------------------------------------------------
    "wrong kind of unit": (wrap("ASC 1 I=200A U=20V S=27V"),
                           ["t.job:2:24: error: wrong kind of unit for S: 'V' is a voltage, "
                            "S takes a speed"]),
    "unknown unit": (wrap("MOVEL " + HOME + " S=10km/h"),
                     ["t.job:2:32: error: unknown unit 'km/h' for S"]),
    "R above 100": (wrap("MOVEP " + HOME + " R=150%"),
                    ["t.job:2:30: error: R=150% is out of range: 1 to 100 %"]),
    "negative speed": (wrap("MOVEL " + HOME + " S=-100mm/s"),
                       ["t.job:2:30: error: S=-100mm/s is negative: a speed must be greater "
                        "than 0"]),
    "too fast": (wrap("MOVEL " + HOME + " S=3m/min\nMOVEL " + HOME + " S=3000"),
                 ["t.job:3:30: error: S=3000 is out of range: 0.1 to 2000 mm/s"]),
    "current above power source": (wrap("ASC 1 I=400A U=20V S=5"),
                                   ["t.job:2:9: error: I=400A is above the power source's "
                                    "maximum of 350 A"]),
    "voltage": (wrap("AEC 2 I=100 U=80V T=0"), ["t.job:2:15: error: U=80V is out of range: "
                                                 "8 to 45 V"]),
    "amplitude": (wrap("WVC 1 PATTERN=SINE AMP=40mm FREQ=2"),
                  ["t.job:2:24: error: AMP=40mm is out of range: 0.1 to 15 mm"]),
    "condition number": (wrap("ASC 100 I=200 U=20 S=5"),
                         ["t.job:2:5: error: ASC number 100 is out of range 1-99"]),
    "position number": (wrap("P10000 = " + HOME),
                        ["t.job:2:1: error: position number 10000 is out of range 1-9999"]),
    "joint sanity": (wrap("P1 = J(0, 0, 900, 0, 0, 0)"),
                     ["t.job:2:14: error: j3=900 is out of range: -720 to 720 deg"]),
    # -- declarations ---------------------------------------------------------------------
    "undeclared position": (wrap("MOVEP P5"), ["t.job:2:7: error: P5 is not declared"]),
    "duplicate position": (wrap(f"P1 = {HOME}\nP1 = {HOME}"),
                           ["t.job:3:1: error: P1 is already declared (line 2)"]),
    "undeclared condition": (wrap(TABLES + "AS 4\nAE 1"),
                             ["t.job:5:4: error: ASC 4 is not declared"]),
    "duplicate condition": (wrap(TABLES + "AEC 1 I=150A U=18V T=0.2"),
                            ["t.job:5:5: error: AEC 1 is already declared (line 3)"]),
    # -- ordering rules -------------------------------------------------------------------
    "MOVEP inside a weld": (wrap(TABLES + f"AS 1\nMOVEP {HOME}\nAE 1"),
                            ["t.job:6:1: error: MOVEP inside a weld (the arc is on since line 5)"]),
    "AS while arc on": (wrap(TABLES + "AS 1\nARCON 1\nAE 1"),
                        ["t.job:6:1: error: ARCON while the arc is already on (since line 5)"]),
    "AE while arc off": (wrap(TABLES + "AE 1"), ["t.job:5:1: error: AE while the arc is off"]),
    "WS while weaving": (wrap(TABLES + "AS 1\nWS 1\nWS 1\nWE\nAE 1"),
                         ["t.job:7:1: error: WS while already weaving (since line 6)"]),
    "WE while not weaving": (wrap(TABLES + "AS 1\nWVOF\nAE 1"),
                             ["t.job:6:1: error: WVOF while not weaving"]),
    "weaving with arc off": (wrap(TABLES + "WS 1\nWE"),
                             ["t.job:5:1: error: WS while the arc is off: weaving is only "
                              "allowed while the arc is on"]),
    "AE while weaving": (wrap(TABLES + "AS 1\nWS 1\nAE 1"),
                         ["t.job:7:1: error: AE while weaving (since line 6)"]),
    "ends with arc on": (wrap(TABLES + "AS 1"),
                         ["t.job:6:1: error: the job ends with the arc on (AS at line 5 has "
                          "no AE)"]),
    # -- structure ------------------------------------------------------------------------
    "empty": ("", ["t.job:1:1: error: the job is empty"]),
    "only comments": ("; nothing\nREM here\n", ["t.job:1:1: error: the job is empty"]),
    "no JOB": ("TOOL 1\nEND\n", ["t.job:1:1: error: the job must start with 'JOB <name>'"]),
    "JOB not first": ("TOOL 1\nJOB A\nEND\n",
                      ["t.job:2:1: error: JOB must be the first statement"]),
    "two JOBs": ("JOB A\nJOB B\nEND\n",
                 ["t.job:2:1: error: a second JOB statement (the job began at line 1)"]),
    "no END": ("JOB A\nDELAY 1\n", ["t.job:2:1: error: missing END: the job must end with END"]),
    "after END": ("JOB A\nEND\n; fine\nMOVEP P1\n",
                  ["t.job:4:1: error: only comments may follow END"]),
    "END argument": ("JOB A\nEND now\n", ["t.job:2:5: error: unexpected 'now' after END"]),
    "bad name": ("JOB 1st\nEND\n", ["t.job:1:5: error: '1st' is not a valid job name"]),
    "long name": ("JOB " + "A" * 33 + "\nEND\n",
                  ["t.job:1:5: error: '" + "A" * 33 + "' is not a valid job name"]),
    "no name": ("JOB\nEND\n", ["t.job:1:4: error: JOB needs a name"]),
    "TOOL range": (wrap("TOOL 0"), ["t.job:2:6: error: tool number 0 is out of range 1-63"]),
    "TOOL late": (wrap(f"MOVEP {HOME}\nTOOL 2"),
                  ["t.job:3:1: error: TOOL must come before the first position, condition "
                   "or instruction"]),
    "TOOL twice": (wrap("TOOL 1\nTOOL 2"), ["t.job:3:1: error: TOOL is given twice (first at "
                                            "line 2)"]),
    "ROBOT without id": (wrap("ROBOT"), ["t.job:2:6: error: ROBOT needs a robot id"]),
    "bad FRAME": (wrap("FRAME WORLD"), ["t.job:2:7: error: FRAME WORLD is not a frame"]),
    "FRAME range": (wrap("FRAME USER64"),
                    ["t.job:2:7: error: user frame 64 is out of range 1-63"]),
    # -- lexical ---------------------------------------------------------------------------
    "unexpected character": (wrap("MOVEP P1 R=10% @\nP1 = " + HOME),
                             ["t.job:2:16: error: unexpected character '@'"]),
    "orphan continuation": (wrap("; note\n+ DWELL=0,0,0"),
                            ["t.job:3:1: error: a '+' continuation line must follow a "
                             "statement"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule(name: str) -> None:
    text, expected = CASES[name]
    assert messages(text) == expected


def test_hints() -> None:
    with pytest.raises(JobError) as info:
        parse_job(wrap("ARCONN 1\nASC 1 I=200 U=20 S=27V"), "t.job")
    text = str(info.value)
    assert text.splitlines() == [
        "t.job:2:1: error: unknown instruction 'ARCONN'",
        "hint: did you mean ARCON?",
        "t.job:3:22: error: wrong kind of unit for S: 'V' is a voltage, S takes a speed",
        "hint: use mm/s, cm/min or m/min (a bare number is mm/s)",
    ]


def test_every_error_is_reported() -> None:
    broken = EXAMPLE.replace("R=40%", "R=150%").replace("MOVEL P3", "MOVEL P9").replace(
        "S=45cm/min", "S=45V").replace("AE 1", "AE 1 X=2")
    assert messages(broken, "demo.job") == [
        "demo.job:6:26: error: wrong kind of unit for S: 'V' is a voltage, S takes a speed",
        "demo.job:12:12: error: R=150% is out of range: 1 to 100 %",
        "demo.job:15:7: error: P9 is not declared",
        "demo.job:16:6: error: unexpected 'X' after AE",
    ]


def test_errors_on_continuation_lines_point_into_them() -> None:
    text = wrap("WVC 1 PATTERN=SINE\n+ AMP=2 FREQ=99\n+   DWELL=0,0,5")
    assert messages(text) == [
        "t.job:3:14: error: FREQ=99 is out of range: 0.1 to 10 Hz",
        "t.job:4:15: error: DWELL=5 is out of range: 0 to 2 s",
    ]


def test_errors_of_a_broken_declaration_do_not_cascade() -> None:
    text = wrap("P1 = X(1, 2)\nASC 1 I=999 U=20 S=5\nMOVEP P1\nAS 1\nAE I=100 U=18 T=0")
    assert messages(text) == [
        "t.job:2:6: error: X(...) needs 6 values, found 2",
        "t.job:3:9: error: I=999 is above the power source's maximum of 350 A",
    ]


def test_limits_change_the_ranges() -> None:
    text = wrap("ASC 1 I=320 U=20 S=5")
    parse_job(text)
    with pytest.raises(JobError, match=r"maximum of 300 A"):
        parse_job(text, limits=JobLimits(max_current_a=300.0))


def test_diagnostics_are_capped() -> None:
    text = wrap("\n".join("FOO" for _ in range(50)))
    found = messages(text.encode(), "t.job")
    limited = pytest.raises(JobError)
    with limited as info:
        parse_job(text, limits=JobLimits(max_diagnostics=10))
    assert len(found) == 50
    assert len(info.value.diagnostics) == 11
    assert info.value.diagnostics[-1].message == "too many errors; stopped after 10"


def test_job_error_is_a_weldsim_error() -> None:
    from weldsim.errors import WeldsimError

    with pytest.raises(WeldsimError):
        parse_job("nonsense")


# -- the decimal comma and the errors in the trainee's language ----------------------------

COMMA_CASES = {
    "voltage": (wrap("ASC 1 I=200A U=27,5V S=42cm/min"), (2, 18), "U=27,5V", "U=27.5V"),
    "bare speed": (wrap("MOVEL " + HOME + " S=12,5"), (2, 32), "S=12,5", "S=12.5"),
    "speed unit": (wrap("MOVEL " + HOME + " S=1,5m/min"), (2, 31), "S=1,5m/min", "S=1.5m/min"),
    "percent": (wrap("MOVEP " + HOME + " R=12,5%"), (2, 32), "R=12,5%", "R=12.5%"),
    "spaced unit": (wrap("MOVEL " + HOME + " S=27,5 cm/min"), (2, 32), "S=27,5 cm/min",
                    "S=27.5 cm/min"),
    "next argument": (wrap("ASC 1 U=27,5 I=200 S=5"), (2, 11), "U=27,5", "U=27.5"),
    "delay": (wrap("DELAY 0,5"), (2, 8), "DELAY 0,5", "DELAY 0.5"),
    "timer": (wrap("TIMER T=0,5"), (2, 10), "T=0,5", "T=0.5"),
    "weave": (wrap("WVC 1 PATTERN=SINE AMP=2,5mm FREQ=1,5Hz"), (2, 25), "AMP=2,5mm",
              "AMP=2.5mm"),
}


@pytest.mark.parametrize("name", list(COMMA_CASES))
def test_decimal_comma_says_to_write_a_point(name: str) -> None:
    text, (line, column), typed, fixed = COMMA_CASES[name]
    with pytest.raises(JobError) as info:
        parse_job(text, "t.job")
    first = info.value.diagnostics[0]
    assert (first.line, first.column) == (line, column)  # at the comma
    assert first.message == f"decimal comma in {typed}: write a point, {fixed}"
    assert first.hint == f"job files use a point for decimals on every computer: {fixed}"
    assert first.format("id").splitlines() == [
        f"t.job:{line}:{column}: kesalahan: {typed} memakai koma desimal: tulis dengan titik, "
        f"{fixed}",
        "petunjuk: berkas job selalu memakai titik untuk desimal, di komputer mana pun: "
        f"{fixed}"]
    assert text[_offset(text, line, column)] == ","


def _offset(text: str, line: int, column: int) -> int:
    return sum(len(t) + 1 for t in text.split("\n")[:line - 1]) + column - 1


def test_the_job_format_stays_point_only() -> None:
    """A comma between values is still a separator: only digits touching a comma on both
    sides after KEY= or DELAY read as a decimal comma."""
    parse_job(wrap("WVC 1 PATTERN=SINE AMP=2 FREQ=2 DWELL=0.1,0,0.1"))
    parse_job(wrap("P1 = J(0,5,0,0,90,0)\nMOVEP P1"))
    assert messages(wrap("ASC 1 I=200 U=27, 5 S=5")) == [
        "t.job:2:17: error: unexpected ',' after U="]
    assert "decimal comma" not in "\n".join(messages(wrap("TOOL 1,5")))


@pytest.mark.parametrize("name", list(CASES))
def test_every_error_in_indonesian(name: str) -> None:
    """Each error (and its hint) has its Indonesian text, located the same, with no English
    in it."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
    from english_check import english_in

    text, _ = CASES[name]
    with pytest.raises(JobError) as info:
        parse_job(text, "t.job")
    for d in info.value.diagnostics:
        assert d.msg is not None, d  # a message, not only English text
        shown = d.format("id")
        assert shown.startswith(f"t.job:{d.line}:{d.column}: kesalahan: ")
        assert not english_in(shown), (shown, english_in(shown))
        assert d.format("en") == d.format() == str(d)
    assert info.value.text("en") == str(info.value)
