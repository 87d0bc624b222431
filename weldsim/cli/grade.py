"""``weldsim grade SCENARIO FOLDER --out DIR``: grade a whole class's jobs at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from weldsim.errors import WeldsimError
from weldsim.i18n import Message, tr

__all__ = ["add_parser", "run"]

RESULTS_NAME = "results.csv"
GRADEBOOK_NAME = "gradebook.sqlite"


def add_parser(sub, lang: str) -> None:
    from weldsim.grading.batch import default_workers

    p = sub.add_parser("grade", help=tr("help.grade.help", lang),
                       description=tr("help.grade.description", lang),
                       epilog=tr("help.grade.epilog", lang))
    p.add_argument("scenario", metavar="SCENARIO", help=tr("help.arg.scenario", lang))
    p.add_argument("folder", metavar="FOLDER", help=tr("help.grade.folder", lang))
    p.add_argument("--out", metavar="DIR", required=True, help=tr("help.arg.out_dir", lang))
    p.add_argument("--workers", metavar="N", type=int, default=None,
                   help=tr("help.grade.workers", lang, workers=default_workers()))
    p.add_argument("--gradebook", metavar="FILE",
                   help=tr("help.grade.gradebook", lang, name=GRADEBOOK_NAME))
    p.add_argument("--resume", action="store_true", help=tr("help.grade.resume", lang))
    p.add_argument("--key", metavar="PRIVATE", help=tr("help.grade.key", lang))
    p.add_argument("--exam", action="store_true", help=tr("help.grade.exam", lang))
    p.add_argument("--no-report", action="store_true", help=tr("help.grade.no_report", lang))
    p.add_argument("--dask", metavar="ADDRESS", help=tr("help.grade.dask", lang))
    p.set_defaults(run=run)


def _scenario_ref(arg: str, scenario) -> str:
    """What the workers load: the bundled id, or the scenario file's absolute path."""
    from weldsim.scenarios.loader import SCENARIOS_DIR

    bundled = SCENARIOS_DIR / f"{arg}.toml"
    if scenario.source is not None and Path(scenario.source) == bundled:
        return arg
    return str(Path(scenario.source or arg).resolve())


def run(args: argparse.Namespace) -> int:
    from weldsim.cli.check import safe_output
    from weldsim.grading.batch import default_workers, grade_with_dask, grade_with_pool
    from weldsim.grading.files import list_jobs
    from weldsim.grading.results import write_results_csv
    from weldsim.grading.worker import GradeOptions
    from weldsim.scenarios.loader import load_scenario
    from weldsim.scenarios.spec import attempt_mode

    safe_output()
    workers = default_workers() if args.workers is None else args.workers
    if workers < 1:
        raise WeldsimError(message=Message.of("cli.grade.bad_workers", workers=workers))
    folder = Path(args.folder).absolute()
    if not folder.is_dir():
        raise WeldsimError(message=Message.of("cli.grade.no_folder", folder=str(args.folder)))
    scenario = load_scenario(args.scenario)
    mode = attempt_mode(scenario.coaching_mode, "exam" if args.exam else None)
    ref = _scenario_ref(args.scenario, scenario)
    pem = None
    if args.key:
        from weldsim.grading.signing import load_private_key

        _, pem = load_private_key(args.key)
    out = Path(args.out).absolute()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WeldsimError(message=Message.of("cli.grade.cannot_create_out",
                                              folder=str(args.out),
                                              reason=str(exc.strerror or exc))) from None
    jobs = list_jobs(folder)
    options = GradeOptions(folder=str(folder), write_report=not args.no_report, lang=args.lang,
                           private_key_pem=pem, mode=mode)
    book_path = Path(args.gradebook) if args.gradebook else out / GRADEBOOK_NAME
    ledger = _Ledger(book_path)  # a gradebook problem never costs the batch its results
    try:
        rows, todo = _resume(ledger, jobs, folder, scenario, mode) if args.resume else \
            ([None] * len(jobs), list(range(len(jobs))))
        todo_jobs = [jobs[i] for i in todo]
        with _Progress(len(todo_jobs), len(jobs) - len(todo_jobs), args.lang) as progress:
            def on_row(k: int, row: dict) -> None:
                report = str(out / row["json"]) if row["json"] else None
                ledger.record(row, report)
                progress.advance(row)

            common = dict(scenario_id=scenario.id, version=scenario.version, on_row=on_row)
            if args.dask:
                graded = grade_with_dask(args.dask, ref, todo_jobs, out, options, **common)
            else:
                graded = grade_with_pool(ref, todo_jobs, out, options, workers=workers,
                                         **common)
        for i, row in zip(todo, graded, strict=True):
            rows[i] = row
    finally:
        ledger.close()
    write_results_csv(rows, out / RESULTS_NAME)
    if not args.no_report:
        _write_index(rows, out, args.lang)
    _print_summary(rows, scenario, out, len(jobs) - len(todo), args.lang, mode)
    internal = any(r["status"] == "internal" for r in rows)
    if ledger.problem is not None:
        print(f"weldsim: {tr('cli.error', args.lang)}: "
              + tr("modes.grade.ledger_problem", args.lang,
                   problem=ledger.problem.text(args.lang), missed=ledger.missed),
              file=sys.stderr)
    return 1 if internal else 2 if ledger.problem is not None else 0


class _Ledger:
    """The gradebook of a batch, or the first problem it had: once the gradebook fails
    (damaged, locked, not a gradebook), the batch goes on without it and counts what it
    could not record."""

    def __init__(self, path: Path) -> None:
        from weldsim.grading.gradebook import Gradebook

        self.problem: WeldsimError | None = None
        self.missed = 0
        self.book = None
        try:
            self.book = Gradebook(path)
        except WeldsimError as exc:
            self.problem = exc

    def _fail(self, exc: WeldsimError) -> None:
        if self.problem is None:
            self.problem = exc
        if self.book is not None:
            self.book.close()
            self.book = None

    def find(self, *key) -> dict | None:
        if self.book is None:
            return None
        try:
            return self.book.find(*key)
        except WeldsimError as exc:
            self._fail(exc)
            return None

    def record(self, row: dict, report: str | None) -> None:
        if row.get("sha256") is None or row["status"] not in ("graded", "invalid"):
            return
        if self.book is not None:
            try:
                self.book.record(row, report)
                return
            except WeldsimError as exc:
                self._fail(exc)
        self.missed += 1

    def close(self) -> None:
        if self.book is not None:
            self.book.close()


def _write_index(rows: list[dict], out: Path, lang: str) -> None:
    """The class page ``index.html`` (an ungraded job shows neither passed nor failed)."""
    from weldsim.report.html import write_class_index

    keys = ("name", "file", "score", "passed", "level", "worst", "cycle_time_s", "errors",
            "report", "mode")
    index = [{k: (None if k == "passed" and r["status"] != "graded" else r.get(k))
              for k in keys} for r in rows]
    try:
        write_class_index(index, out, lang=lang)
    except OSError as exc:
        raise WeldsimError(message=Message.of("cli.cannot_write", path=str(out / "index.html"),
                                              reason=str(exc.strerror or exc))) from None


def _resume(book, jobs, folder: Path, scenario, mode: str) -> tuple[list, list[int]]:
    """Rows of jobs already in the gradebook (by trainee, exercise, version, SHA-256 and
    mode: a job graded as practice is graded again as an exam), and the indices of the jobs
    still to grade."""
    import hashlib

    from weldsim.grading.files import read_job_in
    from weldsim.program import JobLimits

    rows: list[dict | None] = [None] * len(jobs)
    todo = []
    for i, job in enumerate(jobs):
        try:
            data = read_job_in(job.path, folder, JobLimits())
        except WeldsimError:
            todo.append(i)  # graded again, so that its row says why
            continue
        sha = hashlib.sha256(data).hexdigest()
        rows[i] = book.find(job.trainee, scenario.id, scenario.version, sha, mode)
        if rows[i] is None:
            todo.append(i)
    return rows, todo


class _Progress:
    """A rich progress bar on standard error."""

    def __init__(self, total: int, skipped: int, lang: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._lang = lang
        self._progress = Progress(TextColumn(tr("cli.grade.grading", lang)), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(),
                                  TextColumn("{task.description}"),
                                  console=Console(stderr=True), transient=False)
        self._task = self._progress.add_task("", total=total)
        self._skipped = skipped

    def __enter__(self) -> _Progress:
        if self._skipped:
            self._progress.console.print(tr("cli.grade.resumed", self._lang,
                                            count=self._skipped))
        self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.stop()

    def advance(self, row: dict) -> None:
        self._progress.update(self._task, advance=1, description=row["file"])


def _print_summary(rows: list[dict], scenario, out: Path, skipped: int, lang: str,
                   mode: str = "practice") -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from weldsim.report.i18n import mode_name, model_text, num

    table = Table(title=escape(f"{scenario.title.get(lang)} [{scenario.id} "
                               f"v{scenario.version}]"))
    for name, justify in (("trainee", "left"), ("score", "right"), ("result", "left"),
                          ("level", "center"), ("note", "left")):
        table.add_column(tr(f"cli.grade.col_{name}", lang), justify=justify, overflow="fold")
    for r in rows:
        if r["status"] == "graded":
            result = (f"[green]{tr('cli.grade.passed', lang)}[/]" if r["passed"]
                      else f"[red]{tr('cli.grade.failed', lang)}[/]")
            note = model_text(r["worst"][0], lang) or tr("cli.grade.no_faults", lang)
            table.add_row(escape(r["name"]), num(r["score"], 1, lang), result,
                          r["level"] or "-", escape(note))
        else:
            first = (r["errors"] or "").splitlines()[0] if r["errors"] else ""
            table.add_row(escape(r["name"]), "-",
                          f"[yellow]{tr('cli.grade.status_' + r['status'], lang)}[/]", "-",
                          escape(first))
    console = Console(soft_wrap=False)
    console.print(table)
    console.print(tr("modes.summary", lang, mode=mode_name(mode, lang)), soft_wrap=True)
    graded = [r for r in rows if r["status"] == "graded"]
    passed = sum(r["passed"] for r in graded)
    console.print(tr("cli.grade.summary", lang, count=len(rows), graded=len(graded),
                     passed=passed, ungraded=len(rows) - len(graded))
                  + (tr("cli.grade.summary_resumed", lang, count=skipped) if skipped else "")
                  + tr("cli.grade.summary_results", lang,
                       path=escape(str(out / RESULTS_NAME))), soft_wrap=True)
    if any(r["status"] == "internal" for r in rows):
        print(f"weldsim: {tr('cli.grade.internal', lang)}", file=sys.stderr)
