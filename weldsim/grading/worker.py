"""Grade one trainee's job: the pure function that worker processes (or dask workers) run.

:func:`grade_file` reads the job safely, runs the exercise, writes the trainee's report into
the output folder and returns the row of results. It keeps no state between calls except
caches of what it loaded (the scenario, the signing key), so any process can run any job.
A job is only ever parsed, never executed.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from weldsim._runtime import lean
from weldsim.errors import WeldsimError
from weldsim.grading.files import RefusedFileError, read_job_in
from weldsim.grading.names import display_text, safe_stem
from weldsim.i18n import Message
from weldsim.program import JobError, JobLimits
from weldsim.safe_read import os_reason
from weldsim.scenarios.spec import attempt_mode

__all__ = ["ROW_KEYS", "STATUSES", "GradeOptions", "grade_file", "job_report_text"]

ROW_KEYS = ("name", "file", "status", "score", "passed", "level", "worst", "cycle_time_s",
            "errors", "report", "json", "scenario", "scenario_version", "sha256", "mode")
"""Keys of a result row (see :func:`grade_file`)."""

STATUSES = ("graded", "invalid", "refused", "unreadable", "internal")
"""``graded``: run and scored (passed or not); ``invalid``: the job has errors (located in
``errors``); ``refused``: a link out of the folder or not a file; ``unreadable``: the file
could not be read; ``internal``: a bug in weldsim while grading it."""


@dataclass(frozen=True)
class GradeOptions:
    """What every job of a batch is graded with.

    Attributes
    ----------
    folder : str
        The class folder (absolute): links out of it are refused.
    write_report : bool
        Write ``<stem>.json`` and ``<stem>.html`` into the output folder.
    lang : str
        Language of the people's reports (``"id"`` or ``"en"``).
    private_key_pem : bytes or None
        Sign the JSON reports with this Ed25519 key (PEM PKCS#8).
    mode : {"practice", "exam"}
        The mode of every attempt of the batch (the scenario's, or exam with ``--exam``:
        :func:`weldsim.scenarios.spec.attempt_mode`).
    """

    folder: str
    write_report: bool = True
    lang: str = "en"
    private_key_pem: bytes | None = None
    mode: str = "practice"


@functools.lru_cache(maxsize=4)
def _scenario(ref: str):
    from weldsim.scenarios.loader import load_scenario

    return load_scenario(ref)


@functools.lru_cache(maxsize=2)
def _cell(ref: str):
    """One cell per scenario per process, reused for every job (run_exercise resets it)."""
    from weldsim.sim import Cell

    return Cell(_scenario(ref))


@functools.lru_cache(maxsize=2)
def _private_key(pem: bytes):
    from weldsim.grading.signing import private_key_from_pem

    return private_key_from_pem(pem)


def job_report_text(run, private_key_pem: bytes | None = None) -> str:
    """The JSON report of a run, signed when a key is given (as ``weldsim run --json``)."""
    from weldsim.report import report_dict, report_json

    if private_key_pem is None:
        return report_json(run)
    from weldsim.grading.signing import report_text, sign_report

    return report_text(sign_report(report_dict(run), _private_key(private_key_pem)))


def _worst(card, lang: str = "en") -> list[str]:
    from weldsim.i18n import tr
    from weldsim.report.i18n import model_text

    out = []

    for f in card.worst(3):
        what = model_text(f.what, lang)
        out.append(tr("cli.grade.worst_line", lang, what=what, line=f.line) if f.line else what)
    return out + [""] * (3 - len(out))


def _diagnostics(exc: JobError, name: str, lang: str = "en") -> str:
    """The errors of a job, each ``file:line:column: message`` in ``lang``, one a line."""
    return "\n".join(f"{name}:{d.line}:{d.column}: {d.message_in(lang)}" for d in exc.errors)


@lean
def grade_file(scenario_ref: str, job_path: str, out_dir: str, options: GradeOptions, *,
               out_stem: str | None = None) -> dict:
    """Grade one job and write its report.

    Parameters
    ----------
    scenario_ref : str
        Exercise id or absolute path of a scenario TOML file.
    job_path : str
        The job (an entry of ``options.folder``).
    out_dir : str
        The output folder; the only place anything is written.
    options : GradeOptions
    out_stem : str, optional
        Stem of the report files (default: :func:`~weldsim.grading.names.safe_stem` of the
        job's stem); it must be a safe stem.

    Returns
    -------
    dict
        The row: ``name`` (trainee: the file's stem), ``file``, ``status`` (one of
        :data:`STATUSES`), ``score``, ``passed``, ``level`` (ISO 5817 level or None),
        ``worst`` (three strings, ``""`` where there are fewer faults), ``cycle_time_s``,
        ``errors`` (why it was not graded: located job errors, one a line; ``""`` when
        graded), ``report`` (the HTML report's path relative to ``out_dir``, or None),
        ``json`` (the JSON report's, or None), ``scenario``, ``scenario_version``,
        ``sha256`` of the job's bytes (None when unread), ``mode`` (``practice`` or
        ``exam``: the attempt's mode, the run's when it ran).

    Raises
    ------
    WeldsimError
        The scenario cannot be loaded (checked by the caller before a batch), or a report
        cannot be written.
    """
    path = Path(job_path)
    name = display_text(path.name)
    raw_stem = path.name[:-4] if path.name.lower().endswith(".job") else path.stem
    stem = out_stem or safe_stem(raw_stem)
    scenario = _scenario(scenario_ref)
    row = dict.fromkeys(ROW_KEYS)
    row.update(name=display_text(raw_stem), file=name, passed=False, worst=["", "", ""],
               errors="", scenario=scenario.id, scenario_version=scenario.version,
               mode=attempt_mode(scenario.coaching_mode, options.mode))
    try:
        data = read_job_in(path, options.folder, JobLimits())
    except RefusedFileError as exc:
        return {**row, "status": "refused", "errors": f"{name}: {exc.text(options.lang)}"}
    except JobError as exc:
        return {**row, "status": "invalid", "errors": _diagnostics(exc, name, options.lang)}
    except WeldsimError as exc:
        return {**row, "status": "unreadable", "errors": f"{name}: {exc.text(options.lang)}"}
    row["sha256"] = hashlib.sha256(data).hexdigest()
    from weldsim.exercise import run_exercise

    try:
        # the report names the job as it can be shown: a name that is not text, escaped
        run = run_exercise(scenario, path.with_name(name), data=data, cell=_cell(scenario_ref),
                           mode=row["mode"])
    except JobError as exc:
        return {**row, "status": "invalid", "errors": _diagnostics(exc, name, options.lang)}
    except WeldsimError as exc:  # the job cannot be run (say, a point out of reach)
        return {**row, "status": "invalid", "errors": f"{name}: {exc.text(options.lang)}"}
    card = run.card
    row.update(status="graded", mode=run.mode, score=round(float(card.score), 2),
               passed=bool(card.passed),
               level=card.iso5817_level, worst=_worst(card, options.lang),
               cycle_time_s=round(float(run.trajectory.cycle_time_s), 3))
    if options.write_report:
        from weldsim.atomic import write_atomic
        from weldsim.report.html import cell_picture, write_html_report

        out = Path(out_dir)
        text = job_report_text(run, options.private_key_pem)
        write_atomic(out / f"{stem}.json", text.encode("utf-8"))
        row["json"] = f"{stem}.json"
        try:
            picture = cell_picture(run, cell=_cell(scenario_ref))  # the cell that played it
            write_html_report(run, out / f"{stem}.html", lang=options.lang, picture=picture)
        except OSError as exc:
            raise WeldsimError(message=Message.of("cli.cannot_write",
                                                  path=str(out / f"{stem}.html"),
                                                  reason=os_reason(exc))) from None
        row["report"] = f"{stem}.html"
    return row
