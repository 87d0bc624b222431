"""The SQLite gradebook: attempts, look-up of an already graded job, history."""

from __future__ import annotations

import pytest

from weldsim.errors import WeldsimError
from weldsim.grading.gradebook import Gradebook, history


def _row(name, sha, score, status="graded"):
    return {"name": name, "file": f"{name}.job", "status": status, "score": score,
            "passed": score is not None and score >= 70, "level": "B" if score else None,
            "worst": ["", "", ""], "cycle_time_s": 40.0, "errors": "", "report": None,
            "json": None, "scenario": "t-fillet-2f", "scenario_version": 1, "sha256": sha}


def test_record_find_and_history(tmp_path):
    path = tmp_path / "book.sqlite"
    with Gradebook(path) as book:
        book.record(_row("ana", "a1", 55.0), "/r/ana.json")
        book.record(_row("ana", "a2", None, "invalid"))
        book.record(_row("ana", "a3", 91.0))
        book.record(_row("ana", "a4", 80.0))
        book.record(_row("budi", "b1", 72.0))
        book.record({**_row("gita", None, None), "status": "refused"})  # not an attempt
    with Gradebook(path, create=False) as book:
        assert book.find("ana", "t-fillet-2f", 1, "a3")["score"] == 91.0
        assert book.find("ana", "t-fillet-2f", 2, "a3") is None  # another exercise version
        assert book.find("budi", "t-fillet-2f", 1, "a3") is None
        attempts = book.attempts()
        assert len(attempts) == 5 and attempts[0].report == "/r/ana.json"
        assert attempts[0].graded_at.endswith("Z") and attempts[0].graded_at[10] == "T"
        assert len(book.attempts(trainee="budi")) == 1
        assert not book.attempts(scenario="lap-2f")
    ana, budi = history(attempts)
    assert (ana.trainee, budi.trainee) == ("ana", "budi")
    assert [a.score for a in ana.attempts] == [55.0, None, 91.0, 80.0]
    assert ana.best.score == 91.0 and ana.latest.score == 80.0


def test_missing_or_foreign_file_is_an_error(tmp_path):
    with pytest.raises(WeldsimError, match="no such gradebook"):
        Gradebook(tmp_path / "none.sqlite", create=False)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(WeldsimError, match="not a weldsim gradebook"):
        Gradebook(junk, create=False)
