"""A class folder with every kind of file a batch must cope with (shared by the grading and
the command-line tests)."""

from __future__ import annotations

import os
import shutil

import pytest

from weldsim.scenarios.loader import load_scenario

SCENARIO = "t-fillet-2f"

#: file name -> (status, passed) expected of its row
EXPECTED = {
    "ana.job": ("graded", True),
    "budi.job": ("graded", True),
    "citra.job": ("graded", False),
    "dewi.job": ("invalid", False),
    "eka.job": ("invalid", False),
    "fajar.job": ("invalid", False),
    "gita.job": ("refused", False),
}


def make_class_folder(folder, outside):
    """Good jobs, a faulty one, a syntax error, an empty file, a binary file and a link to
    a job outside the folder; returns the folder."""
    reference = load_scenario(SCENARIO).reference_job
    text = reference.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(reference, folder / "ana.job")
    (folder / "budi.job").write_text(text.replace("; above the start", "; start"),
                                     encoding="utf-8")
    (folder / "citra.job").write_text(text.replace("S=42cm/min", "S=84cm/min"),
                                      encoding="utf-8")
    (folder / "dewi.job").write_text(text.replace("MOVEL P4", "MOVEQ P4"), encoding="utf-8")
    (folder / "eka.job").write_bytes(b"")
    (folder / "fajar.job").write_bytes(b"JOB X\x00\x01\x02\xff\nEND\n")
    (folder / "notes.txt").write_text("not a job", encoding="utf-8")
    outside.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(reference, outside / "secret.job")
    try:
        os.symlink(outside / "secret.job", folder / "gita.job")
    except (OSError, NotImplementedError):  # Windows without the symlink privilege
        pytest.skip("symbolic links are not available")
    return folder

