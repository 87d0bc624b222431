"""``verify``: only a document every JSON reader reads alike can be genuine (repro/signing);
only regular files of bounded size are read (a FIFO never blocks)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from weldsim.cli import main
from weldsim.errors import WeldsimError
from weldsim.grading.signing import (
    MAX_REPORT_BYTES,
    MAX_REPORT_DEPTH,
    load_public_key,
    read_report,
    verify_report,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "signing"
KEY = FIXTURES / "instructor.pub"
GENUINE = (FIXTURES / "genuine_lap.json").read_bytes()

# file -> the reason verify gives (exit 3)
NOT_GENUINE = {
    "nan_value.json": "the report holds NaN, which is not a JSON number",
    "lone_surrogate.json": "a string holds U+D800, a lone surrogate",
    "deep_nesting.json": f"nests objects and arrays more than {MAX_REPORT_DEPTH} deep",
    "dup_key_decoy_before.json": "the key 'score' is given twice in one object",
    "dup_signature_decoy.json": "the key 'signature' is given twice in one object",
}


def test_every_reproducer_has_a_case() -> None:
    names = {p.name for p in FIXTURES.glob("*.json")} - {"genuine_lap.json"}
    assert names == set(NOT_GENUINE)


def test_the_genuine_report_is_genuine(capsys) -> None:
    assert main(["verify", str(FIXTURES / "genuine_lap.json"), "--key", str(KEY)]) == 0


@pytest.mark.parametrize("name", sorted(NOT_GENUINE))
def test_reproducer_is_not_genuine_exit_3(name: str, capsys) -> None:
    assert main(["verify", str(FIXTURES / name), "--key", str(KEY)]) == 3
    err = capsys.readouterr().err
    assert "NOT GENUINE" in err and NOT_GENUINE[name] in err, err
    assert "Traceback" not in err


def _swap(old: bytes, new: bytes) -> bytes:
    assert GENUINE.count(old) >= 1
    return GENUINE.replace(old, new, 1)


@pytest.mark.parametrize(("data", "reason"), [
    (_swap(b'"score": 100.0', b'"score": Infinity'), "holds Infinity"),
    (_swap(b'"score": 100.0', b'"score": -Infinity'), "holds -Infinity"),
    (_swap(b'"score": 100.0', b'"score": 1e400'), "the number '1e400' is too large"),
    (_swap(b'"schema_version": 1,', b'"schema_version": 1, "schema_version": 1,'),
     "'schema_version' is given twice"),
    (b"[" * 70 + b"]" * 70, "nests objects and arrays more than 64 deep"),
    (b'{"a": "\\udfff"}', "lone surrogate"),
    (b'{"\\ud800": 1}', "lone surrogate"),  # in a key, too
    (b"\xff\xfe{}", "not UTF-8"),
])
def test_values_canonical_json_cannot_carry(data: bytes, reason: str) -> None:
    verdict = verify_report(data, load_public_key(KEY))
    assert not verdict.genuine
    assert reason in verdict.reason, verdict.reason


def test_duplicate_key_deep_inside(tmp_path: Path) -> None:
    report = json.loads(GENUINE)
    assert isinstance(report["scenario"], dict)
    data = GENUINE.replace(b'"scenario": {', b'"scenario": {"id": "x",', 1)
    verdict = verify_report(data, load_public_key(KEY))
    assert not verdict.genuine and "'id' is given twice" in verdict.reason


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    data = json.dumps({"note": "[" * 1000 + "{" * 1000}).encode()
    verdict = verify_report(data, load_public_key(KEY))
    assert "nests" not in verdict.reason and "not signed" in verdict.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFO")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)  # nobody writes: reading it would block for ever
    assert main(["verify", str(fifo), "--key", str(KEY)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    with pytest.raises(WeldsimError, match="not a regular file"):
        load_public_key(fifo)  # the key file, too


def test_a_folder_and_a_device_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WeldsimError, match="it is a folder"):
        read_report(tmp_path)
    if Path("/dev/zero").exists():
        with pytest.raises(WeldsimError, match="not a regular file"):
            read_report("/dev/zero")


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.seek(MAX_REPORT_BYTES + 1)  # sparse: no time, no disk
        handle.write(b"}")
    with pytest.raises(WeldsimError, match="larger than"):
        read_report(path)


def test_a_missing_report_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["verify", str(tmp_path / "nope.json"), "--key", str(KEY)]) == 2
    assert "cannot read the report" in capsys.readouterr().err
