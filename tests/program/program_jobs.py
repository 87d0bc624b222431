"""Shared jobs and helpers for the job-language tests."""

from __future__ import annotations

import pytest

from weldsim.program import JobError, parse_job

EXAMPLE = """\
; T-joint fillet weld, horizontal position. USER1: X along the seam, Y across the base
; plate away from the web, Z up; the root line is the X axis.
JOB T_FILLET_DEMO
TOOL 1
FRAME USER1
ASC 1 I=260A U=27.5V S=45cm/min GAS=MAG
AEC 1 I=180A U=22V T=0.5s
P1 = X(-5, 35, 35, 134.56, -7.05, 7.11)     ; approach: 50 mm back along the torch axis
P2 = X(5, 0, 0, 134.56, -7.05, 7.11)        ; seam start: work angle 45 deg, push 10 deg
P3 = X(245, 0, 0, 134.56, -7.05, 7.11)      ; seam end
P4 = X(255, 35, 35, 134.56, -7.05, 7.11)    ; depart
MOVEP P1 R=40%
MOVEL P2 S=100mm/s
AS 1
MOVEL P3
AE 1
MOVEL P4 S=150mm/s
END
"""
"""The example docs/job-format.md gave before it was rewritten to pass t-fillet-2f (this one leaves
both ends of that seam unwelded); kept verbatim as the parser's fixture."""

RICH = """\
REM a job using every statement
JOB rich-job_2
ROBOT fd-b4
TOOL 2
ASC 3 I=220 U=24.5 S=0.5m/min WFS=9.5m/min GAS=CO2 FLOW=18L/min
AEC 4 I=150A U=19V T=0.3s
WVC 5 PATTERN=TRIANGLE AMP=2.5mm FREQ=1.5Hz
+ DWELL=0.1,0,0.1 ANGLE=10deg   ; dwell at both edges
P10 = J(0, -30, 20, 0, 45, 0)
FRAME USER2
P11 = X(100, 200, 300, 180, 0, 90, CONF=FDB)
movj P10 vj=50
MOVL P11 V=20cm/min
ARCON 3
WVON 5
MOVC X(110, 210, 300, 180, 0, 90) X(120, 200, 300, 180, 0, 90)
WVOF
MOVEL P11 S=12
ARCOF 4
TIMER T=1.5
DELAY 2 s
AS I=200A U=21V S=30cm/min
WS PATTERN=SINE AMP=1.5 FREQ=2
WE
AE I=120A U=18V T=0.2s
FRAME BASE
MOVEP J(10, 0, 0, 0, 90, 0)
END
; trailing comment
"""
"""A job that uses every statement, alias and optional argument."""


def messages(text: str | bytes, filename: str = "t.job") -> list[str]:
    """The formatted diagnostics (``file:line:col: error: message``) of a job with errors."""
    with pytest.raises(JobError) as info:
        parse_job(text, filename)
    return [f"{d.file}:{d.line}:{d.column}: {d.severity}: {d.message}"
            for d in info.value.diagnostics]


def wrap(body: str) -> str:
    """``JOB T`` + body + ``END``: the body's first line is line 2."""
    return f"JOB T\n{body}\nEND\n"
