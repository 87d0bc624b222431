"""Every reproducer of the scenario and signing faults says what is wrong in the reader's
language: in Indonesian with ``--lang id`` (no English sentence left), keeping its location
(file:line, key) and exit code (2 a user's mistake, 3 a report that is not genuine)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import english_in, foreign_in

from weldsim.cli import main
from weldsim.cli.keys import EXIT_NOT_GENUINE
from weldsim.i18n import catalog
from weldsim.scenarios.loader import SCENARIOS_DIR
from weldsim.tomlfile import _MAX_DIGITS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIOS = sorted((FIXTURES / "scenario").glob("*.toml"))
REPORTS = sorted((FIXTURES / "signing").glob("*.json"))
KEY = FIXTURES / "signing" / "instructor.pub"
REFERENCE_JOB = SCENARIOS_DIR / "t-fillet-2f.job"

# the located start of each message: file:line and, where there is one, the key
SCENARIO_WHERE = {
    "huge_int_number.toml": (11, "kunci 'cycle_time_target_s': bilangan 401 digit di luar "
                                 "batas (paling besar 3600 s: waktu paling lama satu jam)"),
    "huge_int_vector.toml": (43, "kunci 'robot.home_deg': bilangan 401 digit di luar batas"),
    "int_4301_digits.toml": (9, "bilangan lebih dari 4.300 digit di luar jangkauan"),
    "seam_1e7mm.toml": (76, "kunci 'seams[0].points_mm': 1e+07 mm di luar batas (paling "
                            "besar 20000 mm: sel las paling lebar 20 m)"),
    "seam_1e8mm.toml": (76, "kunci 'seams[0].points_mm': 1e+08 mm di luar batas"),
    "seam_1e9mm.toml": (76, "kunci 'seams[0].points_mm': 1e+09 mm di luar batas"),
    "seam_1e12mm.toml": (76, "kunci 'seams[0].points_mm': 1e+12 mm di luar batas"),
    "seam_1e308.toml": (76, "kunci 'seams[0].points_mm': -1e+308 mm di luar batas"),
    "user_frame_huge_offset.toml": (46, "kunci 'frames.user1.origin_mm': 1e+15 mm di luar "
                                        "batas"),
    "window_nominal_huge.toml": (101, "kunci 'windows.work_angle_deg.nominal': 1e+308 deg di "
                                      "luar batas (paling besar 720 deg: sudut paling besar "
                                      "dua putaran)"),
}
REPORT_REASON = {
    "deep_nesting.json": "bersarang lebih dari 64 tingkat",
    "dup_key_decoy_before.json": "kolom 'score' tertulis dua kali",
    "dup_signature_decoy.json": "kolom 'signature' tertulis dua kali",
    "genuine_lap.json": "asli: ditandatangani dengan kunci ini",
    "lone_surrogate.json": "U+D800, surrogate tunggal",
    "nan_value.json": "laporan berisi NaN, yang bukan angka JSON",
}


def test_every_reproducer_has_a_case():
    assert [p.name for p in SCENARIOS] == sorted(SCENARIO_WHERE)
    assert [p.name for p in REPORTS] == sorted(REPORT_REASON)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_a_scenario_reproducer_speaks_indonesian(path, capsys):
    code = main(["check", str(REFERENCE_JOB), "--scenario", str(path), "--lang", "id"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    line, message = SCENARIO_WHERE[path.name]
    assert f"weldsim: kesalahan: {path}:{line}: {message}" in err, err
    assert not english_in(err.replace(str(path), "")), err


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_a_scenario_reproducer_in_english_is_as_before(path, capsys):
    assert main(["check", str(REFERENCE_JOB), "--scenario", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{SCENARIO_WHERE[path.name][0]}: " in err
    assert not foreign_in(err.replace(str(path), ""), "en"), err


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_a_signing_reproducer_speaks_indonesian(path, capsys):
    code = main(["verify", str(path), "--key", str(KEY), "--lang", "id"])
    out = capsys.readouterr()
    text = out.out + out.err
    genuine = path.name == "genuine_lap.json"
    assert code == (0 if genuine else EXIT_NOT_GENUINE) and "Traceback" not in text
    assert REPORT_REASON[path.name] in text, text
    assert not english_in(text.replace(str(path), "")), text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_report_that_is_not_a_file_is_refused_in_indonesian(tmp_path, capsys):
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    cases = [(fifo, "itu bukan berkas biasa"), (tmp_path, "itu sebuah folder"),
             (tmp_path / "nope.json", "berkas atau folder itu tidak ada")]
    for path, reason in cases:
        assert main(["verify", str(path), "--key", str(KEY), "--lang", "id"]) == 2
        err = capsys.readouterr().err
        assert f"{path}: laporan tidak bisa dibaca: {reason}" in err, err
        assert not english_in(err.replace(str(path), "")), err


def test_the_digit_limit_in_the_catalogue_is_the_readers_limit():
    """The 4,300-digit limit is written in both languages' texts: pinned to the constant."""
    assert f"{_MAX_DIGITS:,}" in catalog("en")["modes.toml.too_many_digits"]
    assert f"{_MAX_DIGITS:,}".replace(",", ".") in catalog("id")["modes.toml.too_many_digits"]
