"""``weldsim keygen``, ``run --key`` and ``weldsim verify``: exit 0 genuine, 3 not, 2 unreadable."""

from __future__ import annotations

import json
import os
import stat

import pytest

from weldsim.cli import main
from weldsim.scenarios.loader import load_scenario


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    base = tmp_path_factory.mktemp("keys")
    assert main(["keygen", "--out", str(base / "keys")]) == 0
    job = load_scenario("t-fillet-2f").reference_job
    report = base / "ana.json"
    assert main(["run", "t-fillet-2f", str(job), "--json", str(report), "--key",
                 str(base / "keys" / "instructor.key")]) == 0
    return base, report


def test_keygen_files_and_modes(signed):
    base, _ = signed
    private = base / "keys" / "instructor.key"
    assert private.read_text(encoding="ascii").startswith("-----BEGIN PRIVATE KEY-----")
    if os.name != "nt":
        assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_keygen_refuses_to_overwrite(signed, capsys):
    base, _ = signed
    before = (base / "keys" / "instructor.key").read_bytes()
    assert main(["keygen", "--out", str(base / "keys")]) == 2
    assert "exists already" in capsys.readouterr().err
    assert (base / "keys" / "instructor.key").read_bytes() == before


def test_genuine_report_exits_0(signed, capsys):
    base, report = signed
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["signature"]["algorithm"] == "Ed25519" and data["passed"] is True
    assert main(["verify", str(report), "--key", str(base / "keys" / "instructor.pub")]) == 0
    assert "genuine" in capsys.readouterr().out


def test_signed_report_is_the_unsigned_one_plus_the_signature(signed, tmp_path):
    _, report = signed
    plain = tmp_path / "plain.json"
    job = load_scenario("t-fillet-2f").reference_job
    assert main(["run", "t-fillet-2f", str(job), "--json", str(plain)]) == 0
    unsigned = json.loads(report.read_text(encoding="utf-8"))
    del unsigned["signature"]
    assert json.dumps(unsigned, indent=2, ensure_ascii=False) + "\n" == \
        plain.read_text(encoding="utf-8")


def test_changed_score_exits_3(signed, tmp_path, capsys):
    base, report = signed
    changed = tmp_path / "changed.json"
    changed.write_text(report.read_text(encoding="utf-8").replace('"score": 100.0',
                                                                  '"score": 10.0', 1),
                       encoding="utf-8")
    assert changed.read_bytes() != report.read_bytes()
    assert main(["verify", str(changed), "--key", str(base / "keys" / "instructor.pub")]) == 3
    assert "changed" in capsys.readouterr().err


def test_other_key_and_unsigned_exit_3(signed, tmp_path, capsys):
    base, report = signed
    assert main(["keygen", "--out", str(tmp_path / "other")]) == 0
    assert main(["verify", str(report), "--key", str(tmp_path / "other" / "instructor.pub")]) == 3
    assert "another key" in capsys.readouterr().err
    unsigned = tmp_path / "unsigned.json"
    unsigned.write_text('{"score": 100.0}', encoding="utf-8")
    assert main(["verify", str(unsigned), "--key", str(base / "keys" / "instructor.pub")]) == 3
    assert "not signed" in capsys.readouterr().err


def test_unreadable_files_exit_2(signed, tmp_path, capsys):
    base, report = signed
    pub = str(base / "keys" / "instructor.pub")
    assert main(["verify", str(tmp_path / "missing.json"), "--key", pub]) == 2
    assert main(["verify", str(report), "--key", str(tmp_path / "missing.pub")]) == 2
    assert main(["verify", str(report), "--key", str(base / "keys" / "instructor.key")]) == 2
    assert main(["run", "t-fillet-2f", "x.job", "--key", pub]) == 2
    assert "Traceback" not in capsys.readouterr().err
