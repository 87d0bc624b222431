"""The gradebook: every graded attempt of every trainee, in an SQLite file.

One table, ``attempts``; each attempt is inserted in its own transaction as soon as it is
graded, so a batch that is interrupted loses nothing. The reports stay deterministic: the time
of grading lives only here (``graded_at``, UTC, ISO 8601).

Each attempt records its ``mode`` (``practice`` or ``exam``). A gradebook written before the
mode was recorded gets the column when it is next opened for grading (its attempts count as
practice); opened only to be read (``create=False``) it is left as it is and read the same.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from weldsim.errors import WeldsimError
from weldsim.grading.worker import ROW_KEYS
from weldsim.i18n import Message

__all__ = ["MODES", "Attempt", "Gradebook", "GradebookError", "TraineeHistory", "history"]


class GradebookError(WeldsimError):
    """The gradebook cannot be read or written now (damaged, locked, disk full)."""


def _problem(path: Path, doing: str, exc: sqlite3.Error) -> GradebookError:
    """A plain message for an SQLite error while ``doing`` something with the gradebook."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        why = "locked"
    elif "malformed" in text or "not a database" in text or "corrupt" in text:
        why = "damaged"
    elif "full" in text:
        why = "full"
    elif "readonly" in text or "read-only" in text:
        why = "readonly"
    else:  # a reason without a plain wording: SQLite's own words, said to be SQLite's
        return GradebookError(message=Message.of(
            f"modes.gradebook.cannot_{doing.replace(' ', '_')}", path=str(path),
            why=Message.of("modes.gradebook.why.sqlite", detail=text)))
    return GradebookError(message=Message.of(
        f"modes.gradebook.cannot_{doing.replace(' ', '_')}", path=str(path),
        why=Message.of(f"modes.gradebook.why.{why}")))

def _reason(exc: sqlite3.Error) -> Message:
    """Why SQLite refused the file: the usual reasons (not a weldsim gradebook, damaged,
    locked, read-only) in the reader's words, any other in SQLite's, said to be SQLite's."""
    text = str(exc)
    if text.startswith("no such table") or text.startswith("no such column"):
        return Message.of("loaders.gradebook.no_attempts")
    for words, why in ((("locked", "busy"), "locked"),
                       (("malformed", "not a database", "corrupt"), "damaged"),
                       (("readonly", "read-only"), "readonly"),
                       (("unable to open",), "unusable")):
        if any(w in text for w in words):
            return Message.of(f"modes.gradebook.why.{why}")
    return Message.of("modes.gradebook.why.sqlite", detail=text)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee          TEXT    NOT NULL,
    scenario         TEXT    NOT NULL,
    scenario_version INTEGER NOT NULL,
    job_sha256       TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    score            REAL,
    passed           INTEGER NOT NULL,
    level            TEXT,
    report           TEXT,
    graded_at        TEXT    NOT NULL,
    row_json         TEXT    NOT NULL,
    mode             TEXT    NOT NULL DEFAULT 'practice'
);
CREATE INDEX IF NOT EXISTS attempts_key
    ON attempts (trainee, scenario, scenario_version, job_sha256);
"""
_GRADEBOOK_COLUMNS = frozenset({"trainee", "scenario", "scenario_version", "job_sha256",
                                "status", "score", "passed", "graded_at", "row_json"})
"""The columns every weldsim gradebook's ``attempts`` table has had (``mode`` came later)."""


def _foreign(db: sqlite3.Connection) -> Message | None:
    """Why the database is somebody else's (None for a weldsim gradebook or an empty file).

    A gradebook is a database whose ``attempts`` table has :data:`_GRADEBOOK_COLUMNS`; an
    empty database becomes one. Any other database (another program's file given by mistake)
    is refused before anything is written to it.
    """
    tables = {r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if "attempts" in tables:
        columns = {r[1] for r in db.execute("PRAGMA table_info(attempts)")}
        return (None if _GRADEBOOK_COLUMNS <= columns else
                Message.of("loaders.gradebook.other_attempts"))
    if tables:
        return Message.of("loaders.gradebook.other_tables", tables=", ".join(sorted(tables)))
    return None


_ADD_MODE = "ALTER TABLE attempts ADD COLUMN mode TEXT NOT NULL DEFAULT 'practice'"
"""The migration of a gradebook without the mode: its attempts were practice."""


@dataclass(frozen=True)
class Attempt:
    """One row of ``attempts``.

    Attributes
    ----------
    status : str
        ``graded`` or ``invalid`` (the job had errors: no score).
    score : float or None
    report : str or None
        Absolute path of the JSON report when one was written.
    graded_at : str
        UTC, ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.
    mode : str
        ``practice`` or ``exam`` (practice for attempts recorded before the mode was).
    """

    id: int
    trainee: str
    scenario: str
    scenario_version: int
    job_sha256: str
    status: str
    score: float | None
    passed: bool
    level: str | None
    report: str | None
    graded_at: str
    mode: str = "practice"


@dataclass(frozen=True)
class TraineeHistory:
    """A trainee's attempts at one exercise in one mode, oldest first, with the best and the
    latest (practice and exam attempts are two histories: an exam's best is not a practice
    run's)."""

    trainee: str
    scenario: str
    attempts: tuple[Attempt, ...]

    @property
    def mode(self) -> str:
        """``practice`` or ``exam``: the mode of every attempt of the history."""
        return self.attempts[0].mode

    @property
    def best(self) -> Attempt:
        """The highest score (the earliest of equals); an ungraded attempt only if all are."""
        return max(self.attempts, key=lambda a: (a.score if a.score is not None else -1.0,
                                                 -a.id))

    @property
    def latest(self) -> Attempt:
        return self.attempts[-1]


_COLUMNS = ("id, trainee, scenario, scenario_version, job_sha256, status, score, passed, "
            "level, report, graded_at")


def _attempt(r: tuple) -> Attempt:
    return Attempt(r[0], r[1], r[2], int(r[3]), r[4], r[5], r[6], bool(r[7]), r[8], r[9], r[10],
                   "exam" if r[11] == "exam" else "practice")


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Gradebook:
    """An open gradebook file (a context manager).

    Parameters
    ----------
    path : str or pathlib.Path
    create : bool
        Create the file (and its table) if missing; otherwise a missing file is an error.

    Raises
    ------
    WeldsimError
        The file is missing (``create=False``), cannot be opened, or is not a gradebook.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise WeldsimError(message=Message.of("cli.gradebook.missing", path=str(self.path)))
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise WeldsimError(message=Message.of("cli.gradebook.cannot_open", path=str(self.path),
                                                  reason=_reason(exc))) from None
        try:
            foreign = _foreign(self._db)
        except sqlite3.Error as exc:
            self._db.close()
            raise WeldsimError(message=Message.of("cli.gradebook.not_a_gradebook",
                                                  path=str(self.path),
                                                  reason=_reason(exc))) from None
        if foreign is not None:  # never add a table or a column to somebody else's database
            self._db.close()
            raise WeldsimError(message=Message.of("cli.gradebook.not_a_gradebook",
                                                  path=str(self.path), reason=foreign))
        try:
            if create:
                self._db.executescript(_SCHEMA)
            self._db.execute("SELECT count(*) FROM attempts").fetchone()
            self._has_mode = "mode" in {r[1] for r in self._db.execute(
                "PRAGMA table_info(attempts)")}
            if create and not self._has_mode:
                self._db.execute(_ADD_MODE)  # one statement: done or not, never half
                self._has_mode = True
        except sqlite3.Error as exc:
            self._db.close()
            raise WeldsimError(message=Message.of("cli.gradebook.not_writable",
                                                  path=str(self.path),
                                                  reason=_reason(exc))) from None

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass  # nothing is pending: every attempt was committed on its own

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def record(self, row: dict, report: str | None = None) -> None:
        """Insert a graded row (``graded`` or ``invalid`` with a ``sha256``) in one
        transaction; other rows (refused, unreadable) are not attempts and are ignored."""
        if row.get("sha256") is None or row["status"] not in ("graded", "invalid"):
            return
        try:
            self._insert(row, report)
        except sqlite3.Error as exc:
            raise _problem(self.path, "write to", exc) from None

    def _insert(self, row: dict, report: str | None) -> None:
        with self._db:  # commits, or rolls back on error
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO attempts (trainee, scenario, scenario_version, job_sha256, status, "
                "score, passed, level, report, graded_at, row_json, mode) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row["name"], row["scenario"], int(row["scenario_version"]), row["sha256"],
                 row["status"], row["score"], int(bool(row["passed"])), row["level"], report,
                 _utc_now(), json.dumps(row, ensure_ascii=False, sort_keys=True),
                 _mode(row.get("mode"))))

    @property
    def _mode_column(self) -> str:
        """The mode in a SELECT: the column, or practice in a gradebook without one."""
        return "mode" if self._has_mode else "'practice'"

    def find(self, trainee: str, scenario: str, version: int, sha256: str,
             mode: str = "practice") -> dict | None:
        """The row of the latest attempt with exactly this job in this ``mode``, or None
        (an exam is a new attempt even when the same job was graded as practice).

        Raises
        ------
        GradebookError
            The gradebook cannot be read (damaged, locked), or the row stored is not one.
        """
        try:
            r = self._db.execute(
                f"SELECT row_json, {self._mode_column} FROM attempts WHERE trainee = ? AND "
                "scenario = ? AND scenario_version = ? AND job_sha256 = ? AND "
                f"{self._mode_column} = ? ORDER BY id DESC LIMIT 1",
                (trainee, scenario, int(version), sha256, _mode(mode))).fetchone()
        except sqlite3.Error as exc:
            raise _problem(self.path, "read", exc) from None
        if r is None:
            return None
        try:
            row = json.loads(r[0])
        except (TypeError, ValueError, RecursionError):
            row = None
        if isinstance(row, dict) and "mode" not in row:
            row["mode"] = _mode(r[1])  # a row stored before the mode was recorded
        if not isinstance(row, dict) or not set(ROW_KEYS) <= set(row):
            raise GradebookError(message=Message.of("modes.gradebook.bad_row",
                                                    path=str(self.path)))
        return row

    def attempts(self, *, scenario: str | None = None,
                 trainee: str | None = None) -> list[Attempt]:
        """Attempts, oldest first, optionally of one exercise and/or one trainee."""
        sql, args = f"SELECT {_COLUMNS}, {self._mode_column} FROM attempts WHERE 1 = 1", []
        if scenario is not None:
            sql += " AND scenario = ?"
            args.append(scenario)
        if trainee is not None:
            sql += " AND trainee = ?"
            args.append(trainee)
        try:
            rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        except sqlite3.Error as exc:
            raise GradebookError(message=Message.of("cli.gradebook.not_a_gradebook",
                                                    path=str(self.path), reason=_reason(exc))
                                 ) from None
        return [_attempt(r) for r in rows]


def _mode(value) -> str:
    """``exam`` or ``practice`` (anything but exam is practice)."""
    return "exam" if value == "exam" else "practice"


MODES: tuple[str, ...] = ("practice", "exam")
"""The modes an attempt is recorded in, in the order the gradebook lists them."""


def history(attempts: list[Attempt]) -> list[TraineeHistory]:
    """Attempts grouped by trainee, exercise and mode, sorted by trainee, exercise, then
    practice before exam; each group keeps the attempts' order."""
    groups: dict[tuple[str, str, int], list[Attempt]] = {}
    for a in attempts:
        groups.setdefault((a.trainee, a.scenario, MODES.index(_mode(a.mode))), []).append(a)
    return [TraineeHistory(t, s, tuple(v)) for (t, s, _), v in sorted(groups.items())]
