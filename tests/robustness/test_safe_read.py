"""The one reader of user files: regular files of bounded size, everything else refused.

``weldsim.safe_read.read_regular`` serves the job loader, the pendant and ``verify``/keys;
each turns a refusal into its own message (checked in their own tests; a few here).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from weldsim import safe_read
from weldsim.errors import WeldsimError
from weldsim.grading.signing import read_report
from weldsim.i18n import render
from weldsim.pendant.files import JobFileError, read_job_file
from weldsim.program import JobError, JobLimits, load_job
from weldsim.safe_read import Refused, read_regular, refusal_reason

POSIX = pytest.mark.skipif(os.name == "nt", reason="FIFOs and devices")


def refusal(path: Path, limit: int = 100) -> Refused:
    with pytest.raises(Refused) as info:
        read_regular(path, limit)
    return info.value


def why(found: Refused, lang: str = "en") -> str:
    return render(refusal_reason(found), lang)


def test_a_regular_file_up_to_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.job"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    assert read_regular(str(path), 1000) == b"x" * 100
    (tmp_path / "empty").write_bytes(b"")
    assert read_regular(tmp_path / "empty", 0) == b""


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "a.job"
    path.write_bytes(b"x" * 101)
    found = refusal(path)
    assert (found.kind, found.size, found.limit) == (safe_read.TOO_LARGE, 101, 100)
    assert why(found) == "it is larger than 100 bytes"
    assert why(found, "id") == "ukurannya lebih dari 100 byte"


def test_missing_and_folder(tmp_path: Path) -> None:
    found = refusal(tmp_path / "none.job")
    assert found.kind == safe_read.MISSING and why(found) == os.strerror(errno.ENOENT)
    assert why(found, "id") == "berkas atau folder itu tidak ada"
    found = refusal(tmp_path)
    assert found.kind == safe_read.FOLDER and why(found) == "it is a folder"
    assert why(found, "id") == "itu sebuah folder"


@POSIX
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.job"
    os.mkfifo(fifo)
    found = refusal(fifo)  # (opening it would wait for ever: it is never opened)
    assert found.kind == safe_read.FIFO and why(found) == "it is not a regular file"
    assert why(found, "id") == "itu bukan berkas biasa (pipe atau perangkat)"


@POSIX
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_not_read_without_end() -> None:
    found = refusal(Path("/dev/zero"), limit=1 << 20)
    assert found.kind == safe_read.DEVICE


@POSIX
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_gives_the_systems_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.job"
    path.write_bytes(b"JOB A\nEND\n")
    path.chmod(0)
    found = refusal(path)
    assert found.kind == safe_read.UNREADABLE and why(found) == os.strerror(errno.EACCES)
    assert why(found, "id") == "tidak ada izin untuk membukanya"


@POSIX
def test_each_caller_keeps_its_own_words(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.job"
    os.mkfifo(fifo)
    with pytest.raises(WeldsimError, match=r"pipe.job: cannot read the job: it is not a "
                                            r"regular file"):
        load_job(fifo)
    with pytest.raises(JobFileError) as info:
        read_job_file(fifo)
    assert info.value.message.key == "file.fifo"
    with pytest.raises(WeldsimError, match="cannot read the report: it is not a regular file"):
        read_report(fifo)
    # the job loader: a folder in the reader's words, a large file as a located job error
    with pytest.raises(WeldsimError, match="cannot read the job: it is a folder") as folder:
        load_job(tmp_path)
    assert folder.value.text("id") == f"{tmp_path}: job tidak bisa dibaca: itu sebuah folder"
    big = tmp_path / "big.job"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(JobError, match="too large"):
        load_job(big, limits=JobLimits(max_bytes=1000))
    assert read_job_file(tmp_path / "none.job") is None  # the pendant creates it on save
