"""Files that never lose work: the job reopened without --job, one autosave name per job file,
the newer of file and autosave offered after a crash, a file changed on disk not overwritten
without asking, user permissions, and only regular, bounded UTF-8 job files opened."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from weldsim.cli import main
from weldsim.pendant import Pendant, files
from weldsim.pendant.controller import DiskChanged

REPRO = Path("/work/shared/repro/pendant/latin1.job")
FIXTURES = Path(__file__).parent / "fixtures"


def teach(p: Pendant, n: int) -> None:
    """Record ``n`` MOVEL points, jogging +X in BASE between them."""
    p.servo_on()
    p.set_deadman(True)
    p.set_frame("BASE")
    p.set_speed(0)
    for _ in range(n):
        for _ in range(50):
            p.jog_press(0, +1)
            p.jog_release()
        p.record("MOVEL")


def moves(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.startswith(("MOVEL", "MOVEP")))


def test_the_issue_sequence_never_loses_work(tmp_path, monkeypatch):
    """Issue 13: no --job, teach, save, edit again, killed, started again: the saved job is
    reopened and the autosave offered (both times shown, the newer first); the autosave kept
    one name from the first edit to the last."""
    monkeypatch.chdir(tmp_path)
    rec = tmp_path / "rec"
    p = Pendant.open("t-fillet-2f", recovery_dir=rec, cell=False)
    assert p.job_path == tmp_path / "T_FILLET_2F.job"
    teach(p, 1)
    names_before = sorted(rec.glob("*.json"))
    teach(p, 2)
    p.save()
    saved = (tmp_path / "T_FILLET_2F.job").read_text(encoding="utf-8")
    assert moves(saved) == 3 and not list(rec.glob("*.json"))
    teach(p, 1)                                      # edited again, then "killed"
    names_after = sorted(rec.glob("*.json"))
    assert [n.name for n in names_after] == [n.name for n in names_before]
    del p

    again = Pendant.open("t-fillet-2f", recovery_dir=rec, cell=False)
    assert again.editor.text == saved               # the saved job, not an empty one
    assert again.editor.cursor == -1                # at the top: Step FWD goes to line 1
    offer = again.recovery_offer()
    assert offer is not None and moves(offer.text) == 4 and offer.file_text == saved
    assert offer.autosaved_at is not None and offer.file_mtime is not None
    assert offer.newer == "autosave"
    again.load_text(offer.text, again.job_path.name)
    again.save()
    assert moves((tmp_path / "T_FILLET_2F.job").read_text(encoding="utf-8")) == 4


def test_the_newer_saved_file_is_offered_first(tmp_path):
    job = tmp_path / "w.job"
    rec = tmp_path / "rec"
    p = Pendant.open("jog-basics", job, recovery_dir=rec, cell=False)
    teach(p, 1)
    p.save()
    teach(p, 1)                                      # autosaved, not saved
    later = job.stat().st_mtime + 0.0
    files.autosave(rec, p.recovery_key(), p.editor.text, now=later - 100.0)
    os.utime(job, (later, later))
    offer = Pendant.open("jog-basics", job, recovery_dir=rec, cell=False).recovery_offer()
    assert offer.newer == "file"


def test_saving_over_a_file_changed_on_disk_asks_first(tmp_path):
    job = tmp_path / "w.job"
    p = Pendant.open("jog-basics", job, cell=False)
    teach(p, 1)
    p.save()
    job.write_text(job.read_text(encoding="utf-8").replace("MOVEL", "MOVEP"), encoding="utf-8")
    teach(p, 1)
    with pytest.raises(DiskChanged):
        p.save()
    assert "MOVEP" in job.read_text(encoding="utf-8")   # untouched until the user says so
    p.save(force=True)
    assert moves(job.read_text(encoding="utf-8")) == 2
    # a job file that appeared after the pendant started is not overwritten silently
    other = tmp_path / "other.job"
    q = Pendant.open("jog-basics", other, cell=False)
    other.write_text("JOB X\nEND\n", encoding="utf-8")
    with pytest.raises(DiskChanged):
        q.save()


def test_saved_files_get_the_users_permissions(tmp_path):
    old = os.umask(0o022)
    os.umask(old)
    job = tmp_path / "perm.job"
    p = Pendant.open("jog-basics", job, cell=False)
    teach(p, 1)
    p.save()
    assert stat.S_IMODE(job.stat().st_mode) == 0o666 & ~old


# -- only regular, bounded, UTF-8 job files (issue 17, item 4) ---------------------------------


def run_cli(*argv) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "weldsim", "pendant", "jog-basics",
                           "--frames", "1", "--lang", "en", *argv],
                          env=dict(os.environ, SDL_VIDEODRIVER="dummy"), capture_output=True,
                          text=True, timeout=120)
    return proc.returncode, proc.stderr


def test_a_latin1_job_is_refused_with_its_line_and_byte():
    code, err = run_cli("--job", str(FIXTURES / "latin1.job"))
    assert code == 2, err
    assert "not UTF-8" in err and "line 2" in err and "0xE9" in err
    assert "Traceback" not in err


def test_a_folder_is_refused(tmp_path):
    code, err = run_cli("--job", str(tmp_path))
    assert code == 2 and "is a folder" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.job"
    os.mkfifo(fifo)
    code, err = run_cli("--job", str(fifo))       # the subprocess timeout catches a hang
    assert code == 2 and "FIFO" in err and "Traceback" not in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_without_reading_it():
    code, err = run_cli("--job", "/dev/zero")
    assert code == 2 and "is a device" in err and "Traceback" not in err


def test_reads_are_bounded(tmp_path):
    big = tmp_path / "big.job"
    big.write_bytes(b"JOB A\n" + b"; x\n" * 1000)
    with pytest.raises(files.JobFileError) as info:
        files.read_job_file(big, max_bytes=1000)
    assert info.value.message.key == "file.too_large"
    assert files.read_job_file(tmp_path / "missing.job") is None   # created on first save
    assert files.read_job_file(big, max_bytes=10_000).startswith("JOB A")


def test_the_repro_matches_the_fixture():
    if REPRO.exists():
        assert REPRO.read_bytes() == (FIXTURES / "latin1.job").read_bytes()


def test_the_cli_message_is_in_the_chosen_language(tmp_path, capsys):
    code = main(["pendant", "jog-basics", "--job", str(tmp_path), "--lang", "id",
                 "--frames", "1"])
    assert code == 2
    assert "adalah folder" in capsys.readouterr().err

