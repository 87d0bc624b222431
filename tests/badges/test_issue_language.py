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


def test_a_credential_that_is_a_folder_in_indonesian(tmp_path, capsys, world):
    from weldsim.cli import main

    assert main(["badge", "verify", str(tmp_path), "--key", str(world.public),
                 "--lang", "id"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path}: tidak bisa dibaca: itu sebuah folder" in err, err
    assert not english_in(err.replace(str(tmp_path), "")), err


def test_evidence_signed_by_another_key_says_why_in_indonesian(world, tmp_path):
    import hashlib
    import json
    import shutil

    from weldsim.badges import vcjwt
    from weldsim.badges.verify import verify_token
    from weldsim.grading.signing import load_private_key, report_text, sign_report

    copy = tmp_path / "badge"
    shutil.copytree(world.badge, copy)
    path = copy / "evidence" / "lap-2f-v1.json"
    report = json.loads(path.read_text())
    path.write_text(report_text(sign_report(report, load_private_key(world.other_private)[0])))
    token = (copy / "credential.jwt").read_text(encoding="ascii").strip()
    claims = json.loads(vcjwt.split(token).payload)
    for e in claims["vc"]["evidence"]:
        if e["exerciseId"] == "lap-2f":
            e["reportSha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    v = verify_token(vcjwt.sign(claims, world.key), world.pub, folder=copy)
    (reason,) = v.reasons
    assert reason.key == "badge.verify.evidence_signature"
    text = render(reason, "id")
    assert not english_in(text.replace(str(tmp_path), "")), text
