"""The console of demo, export, keygen, verify and gradebook speaks the chosen language; an
error that carries a message is printed in it, its str() stays English."""

from __future__ import annotations

import json

from english_check import english_in

from weldsim.cli import main
from weldsim.errors import WeldsimError
from weldsim.i18n import Message


def test_weldsim_error_message():
    exc = WeldsimError(message=Message.of("cli.grade.no_folder", folder="kelas"))
    assert str(exc) == "kelas: no such folder"
    assert exc.text("id") == "kelas: folder tidak ada" and exc.text("en") == str(exc)
    plain = WeldsimError("plain English")
    assert plain.message is None and plain.text("id") == "plain English"


def test_demo_in_indonesian(capsys):
    assert main(["demo", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "nilai 100,0 / 100   LULUS (sangat baik)" in out
    assert "tidak ada kesalahan" in out
    assert not english_in(out), english_in(out)


def test_export_errors_in_indonesian(tmp_path, capsys):
    job = tmp_path / "budi.job"
    job.write_text("JOB B\nASC 1 I=200A U=27,5V S=42cm/min\nEND\n", encoding="utf-8")
    assert main(["export", str(job), "--format", "fanuc", "--lang", "id"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"{job}:2:18: kesalahan: U=27,5V memakai koma desimal: tulis dengan "
                      "titik, U=27.5V")
    assert err[1].startswith("petunjuk: berkas job selalu memakai titik")
    assert err[-1] == f"{job}: tidak diekspor"


def test_keys_and_gradebook_in_indonesian(tmp_path, capsys):
    keys = tmp_path / "keys"
    assert main(["keygen", "--out", str(keys), "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "(kunci privat: simpan rahasia" in out and "(kunci publik:" in out
    assert main(["keygen", "--out", str(keys), "--lang", "id"]) == 2
    assert "sudah ada; kunci tidak pernah ditimpa" in capsys.readouterr().err
    report = tmp_path / "r.json"
    report.write_text(json.dumps({"score": 1}), encoding="utf-8")
    assert main(["verify", str(report), "--key", str(keys / "instructor.pub"),
                 "--lang", "id"]) == 3
    assert capsys.readouterr().err == (f"{report}: TIDAK ASLI: laporan tidak ditandatangani "
                                       '(tidak ada kolom "signature")\n')
    assert main(["verify", str(report), "--key", str(keys / "instructor.key"),
                 "--lang", "id"]) == 2
    assert "bukan kunci publik PEM" in capsys.readouterr().err
    assert main(["gradebook", str(tmp_path / "none.sqlite"), "--lang", "id"]) == 2
    assert capsys.readouterr().err == (f"weldsim: kesalahan: {tmp_path / 'none.sqlite'}: "
                                       "buku nilai tidak ada\n")


def test_grade_follows_the_language_setting(tmp_path, capsys, monkeypatch):
    """No --lang and nothing saved: Indonesian (the one setting); the CSV's machine header
    stays English, the trainees' texts in it follow the language."""
    monkeypatch.delenv("WELDSIM_LANG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "config"))
    monkeypatch.setenv("COLUMNS", "200")  # rich: no folded headings
    jobs = tmp_path / "kelas"
    jobs.mkdir()
    (jobs / "budi.job").write_text("JOB B\nDELAY 0,5\nEND\n", encoding="utf-8")
    out = tmp_path / "hasil"
    assert main(["grade", "t-fillet-2f", str(jobs), "--out", str(out), "--workers", "1"]) == 0
    console = capsys.readouterr().out
    assert "1 berkas job: 0 dinilai (0 lulus), 1 tidak dinilai" in console
    csv = (out / "results.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0] == ("name,file,score,passed,level,worst_1,worst_2,worst_3,cycle_time_s,errors,"
                      "mode")
    assert "DELAY 0,5 memakai koma desimal: tulis dengan titik, DELAY 0.5" in csv[1]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in page and "Hasil kelas" in page
    assert main(["gradebook", str(out / "gradebook.sqlite")]) == 0
    listing = capsys.readouterr().out
    assert "peserta" in listing and "ada kesalahan" in listing
