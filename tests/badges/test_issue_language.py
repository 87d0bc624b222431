"""What goes wrong while a badge is issued (the output cannot be written, an evidence report
is missing, the expiry is before the issue date) is told in the reader's language, never as
the system's English."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from badge_cases import Attempt, make_gradebook
from conftest import ISSUE_DATE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import english_in

from weldsim.badges import RuleNotMetError, issue_badge, load_achievement, load_issuer
from weldsim.errors import WeldsimError
from weldsim.i18n import render


def _issue(world, out, **kw):
    params = dict(achievement=load_achievement("robot-fillet-2f"),
                  issuer=load_issuer(world.issuer), gradebook=world.gradebook, trainee="ani",
                  private_key=world.key, out_dir=out, issued=ISSUE_DATE, lang="en")
    params.update(kw)
    return issue_badge(**params)


def test_an_output_that_cannot_be_written(world, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    with pytest.raises(WeldsimError) as err:
        _issue(world, blocker / "out")
    assert err.value.message.key == "loaders.badge.cannot_write"
    text = err.value.text("id")
    assert text.startswith(f"{blocker / 'out'}: badge tidak bisa ditulis: "), text
    assert not english_in(text.replace(str(tmp_path), "")), text


def test_a_missing_evidence_report_in_indonesian(world, tmp_path):
    book = make_gradebook(tmp_path / "class", [Attempt("eka", "t-fillet-2f", 90.0, True, "B"),
                                               Attempt("eka", "lap-2f", 90.0, True, "B")],
                          world.private)
    (tmp_path / "class" / "eka-lap-2f-1.json").unlink()
    with pytest.raises(RuleNotMetError) as err:
        _issue(world, tmp_path / "out", trainee="eka", gradebook=book)
    (missing,) = err.value.missing
    assert missing.key == "badge.evidence.unreadable"
    text = render(missing, "id")
    assert text.endswith("tidak bisa dibaca: berkas atau folder itu tidak ada"), text
    assert "No such file" in render(missing, "en")
    assert not english_in(text.replace(str(tmp_path), "")), text


def test_an_expiry_before_the_issue_date(world, tmp_path):
    with pytest.raises(WeldsimError) as err:
        _issue(world, tmp_path / "out", valid_until=ISSUE_DATE - dt.timedelta(days=1))
    assert err.value.message is not None
    assert "2026-12-06" in err.value.text("id")
    assert not english_in(err.value.text("id")), err.value.text("id")
    assert not (tmp_path / "out").exists()
