"""A message's numbers in the JSON are the numbers its text shows: each quantity rounded to
the decimals it is rendered with, a float to 1 decimal, NaN as null; the measured data
fields keep their own precision."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from weldsim.exercise import run_exercise
from weldsim.i18n import Message, Qty, render
from weldsim.report import report_dict, report_json
from weldsim.scenarios.loader import load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fillet_jobs import t_fillet_job


def test_a_quantity_is_written_as_it_is_shown():
    msg = Message.of("finding.setup.voltage", value=Qty(27.499999999, "V", 1),
                     lo=Qty(24.0, "V", 1), hi=Qty(1.23456, "mm", 3), n=7, ratio=0.349999)
    params = msg.to_json()["params"]
    assert params["value"] == {"value": 27.5, "unit": "V"}
    assert params["hi"] == {"value": 1.235, "unit": "mm"}
    assert params["lo"] == {"value": 24.0, "unit": "V"}
    assert params["n"] == 7 and isinstance(params["n"], int)  # an int stays an int
    assert params["ratio"] == 0.3  # a float param renders with 1 decimal
    assert json.dumps(msg.to_json()) == json.dumps(
        Message.of("finding.setup.voltage", value=Qty(27.500000001, "V", 1),
                   lo=Qty(24.0, "V", 1), hi=Qty(1.2346, "mm", 3), n=7,
                   ratio=0.3000001).to_json())  # same text, same bytes


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_number_that_is_not_finite_is_null(value):
    params = Message.of("k", q=Qty(value, "mm", 1), f=value).to_json()["params"]
    assert params == {"q": {"value": None, "unit": "mm"}, "f": None}
    json.dumps(params, allow_nan=False)


def test_no_minus_zero():
    assert Message.of("k", q=Qty(-0.04, "mm", 1)).to_json()["params"]["q"]["value"] == 0.0
    assert json.dumps(Message.of("k", q=Qty(-0.04, "mm", 1)).to_json()) == \
        '{"key": "k", "params": {"q": {"value": 0.0, "unit": "mm"}}}'


def test_nested_messages_and_lists_are_rounded():
    inner = Message.of("k", q=Qty(1.04999, "mm", 2))
    params = Message.of("k", m=inner, qs=(Qty(0.123, "V", 1), Qty(9.99, "A", 0))
                        ).to_json()["params"]
    assert params["m"]["params"]["q"]["value"] == 1.05
    assert params["qs"] == [{"value": 0.1, "unit": "V"}, {"value": 10.0, "unit": "A"}]


def _qtys(message: Message):
    for _, value in message.params:
        if isinstance(value, Qty):
            yield value
        elif isinstance(value, Message):
            yield from _qtys(value)


def _json_values(data):
    if isinstance(data, dict):
        if set(data) == {"value", "unit"}:
            yield data["value"]
        for v in data.values():
            yield from _json_values(v)
    elif isinstance(data, list):
        for v in data:
            yield from _json_values(v)


@pytest.fixture(scope="module")
def faulty_run():
    """t-fillet-2f welded at 30 deg and 3 mm up: the measured angle (29.99999...) and offset
    (3.0000000000002) are quantities of the findings' messages."""
    s = load_scenario("t-fillet-2f")
    return run_exercise(s, "faulty.job", data=t_fillet_job(work_deg=30.0, aim_up_mm=3.0).encode())


def test_a_reports_message_numbers_match_its_text(faulty_run):
    card = faulty_run.card
    data = report_dict(faulty_run)
    assert data["findings"], "the run has no findings to check"
    unround = 0
    for finding, entry in zip(card.findings, data["findings"], strict=True):
        for name in ("what", "cause", "fix"):
            msg = getattr(finding, name)
            shown = [None if not math.isfinite(q.value) else round(q.value, q.digits) or 0.0
                     for q in _qtys(msg)]
            written = list(_json_values(entry["messages"][name]))
            assert written == shown, (name, written, shown)
            assert entry[name] == render(msg, "en")
            unround += sum(q.value != round(q.value, q.digits) for q in _qtys(msg))
    assert unround, "no quantity in any finding has more decimals than it shows"
    # a data field keeps the measured precision (4 decimals), not the text's
    means = [c["mean"] for c in data["criteria"].values() if c["mean"] is not None]
    assert any(round(m, 1) != m for m in means), means
    assert report_json(faulty_run) == report_json(faulty_run)  # same run, same bytes
