"""Check a trainee's graded attempts against an achievement's rule.

For every exercise of the rule the best attempt that counts is chosen: graded in the mode the
rule asks for, passed, at or above the minimum score, at or above the ISO 5817 level, and with
a report that is the instructor's signed evidence of exactly that attempt (same exercise,
version, job and score). When an exercise has none, the outcome says what is missing, as
:class:`~weldsim.i18n.Message` data (the front end renders it).

The gradebook is only read (:class:`weldsim.grading.gradebook.Gradebook`); an attempt's mode
is the one the gradebook recorded (``weldsim grade --exam`` or a scenario in exam mode; an
attempt recorded before the gradebook kept the mode is practice). The signed report must
carry the same mode (a report without one is practice), so the evidence is of an exam too.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

from weldsim.badges.achievement import ExerciseRule, Rule, level_at_least
from weldsim.i18n import Message
from weldsim.safe_read import os_reason

__all__ = ["CountedAttempt", "RuleOutcome", "check_rule", "recorded_mode"]

PRACTICE = "practice"
EXAM = "exam"
_MAX_REPORT_BYTES = 16 << 20


@dataclass(frozen=True)
class CountedAttempt:
    """An attempt that meets its exercise's rule, with its evidence.

    Attributes
    ----------
    rule : ExerciseRule
    attempt_id : int
        The gradebook row.
    exercise_version : int
    score : float
    level : str or None
        ISO 5817 level reached.
    mode : str
        ``practice`` or ``exam``.
    report : bytes
        The signed JSON report, byte for byte as the grading wrote it.
    """

    rule: ExerciseRule
    attempt_id: int
    exercise_version: int
    score: float
    level: str | None
    mode: str
    report: bytes

    @property
    def report_sha256(self) -> str:
        return hashlib.sha256(self.report).hexdigest()


@dataclass(frozen=True)
class RuleOutcome:
    """``counted`` (one per exercise, in the rule's order) when met, else ``missing``."""

    counted: tuple[CountedAttempt, ...]
    missing: tuple[Message, ...]

    @property
    def met(self) -> bool:
        return not self.missing


def recorded_mode(attempt) -> str:
    """``exam`` or ``practice``: the mode the gradebook recorded for ``attempt``."""
    return EXAM if getattr(attempt, "mode", None) == EXAM else PRACTICE


def check_rule(rule: Rule, gradebook: str | Path, trainee: str, public_key) -> RuleOutcome:
    """Check ``trainee``'s attempts in ``gradebook`` against ``rule``.

    Parameters
    ----------
    rule : Rule
    gradebook : str or pathlib.Path
        The SQLite gradebook written by ``weldsim grade``; never written.
    trainee : str
        The trainee as the gradebook names them (their job file's stem).
    public_key : Ed25519PublicKey
        The instructor's key: every counted report must be signed with it.

    Raises
    ------
    WeldsimError
        The gradebook is missing or not a gradebook.
    """
    from weldsim.grading.gradebook import Gradebook

    path = Path(gradebook)
    with Gradebook(path, create=False) as book:
        attempts = book.attempts(trainee=trainee)
    counted, missing = [], []
    for ex in rule.exercises:
        mine = [a for a in attempts if a.scenario == ex.exercise]
        found, why = _best(ex, mine, trainee, public_key)
        if found is None:
            missing.append(why)
        else:
            counted.append(found)
    return RuleOutcome(tuple(counted), tuple(missing))


def _best(ex: ExerciseRule, attempts: list, trainee: str, key):
    """The best attempt of one exercise that counts, or (None, what is missing)."""
    m = dict(exercise=ex.exercise)
    if not attempts:
        return None, Message.of("badge.missing.no_attempt", trainee=trainee, **m)
    graded = [a for a in attempts if a.status == "graded" and a.score is not None]
    if not graded:
        return None, Message.of("badge.missing.not_graded", count=len(attempts), **m)
    if ex.attempt_mode == EXAM:
        graded = [a for a in graded if recorded_mode(a) == EXAM]
        if not graded:
            return None, Message.of("badge.missing.exam", **m)
    best_score = max(a.score for a in graded)
    passed = [a for a in graded if a.passed]
    if not passed:
        return None, Message.of("badge.missing.not_passed", best=float(best_score), **m)
    enough = [a for a in passed if a.score >= ex.min_score - 1e-9]
    if not enough:
        return None, Message.of("badge.missing.score", best=float(
            max(a.score for a in passed)), required=float(ex.min_score), **m)
    good = [a for a in enough if level_at_least(a.level, ex.min_level)]
    if not good:
        levels = sorted({a.level or "–" for a in enough})
        return None, Message.of("badge.missing.level", required=ex.min_level,
                                reached=", ".join(levels), **m)
    good.sort(key=lambda a: (-a.score, a.id))
    first_problem = None
    for a in good:
        report, problem = _evidence(a, key)
        if report is not None:
            return CountedAttempt(ex, a.id, a.scenario_version, float(a.score), a.level,
                                  recorded_mode(a), report), None
        first_problem = first_problem or problem
    return None, first_problem


def _evidence(attempt, key) -> tuple[bytes | None, Message | None]:
    """The attempt's signed report when it is genuine and about exactly this attempt."""
    from weldsim.grading.signing import verify_report

    m = dict(exercise=attempt.scenario, attempt=attempt.id)
    if not attempt.report:
        return None, Message.of("badge.evidence.no_report", **m)
    path = Path(attempt.report)
    try:
        with path.open("rb") as fh:
            data = fh.read(_MAX_REPORT_BYTES + 1)
    except OSError as exc:
        return None, Message.of("badge.evidence.unreadable", file=str(path),
                                reason=os_reason(exc), **m)
    if len(data) > _MAX_REPORT_BYTES:
        return None, Message.of("badge.evidence.unreadable", file=str(path),
                                reason=Message.of("loaders.badge.report_too_large"), **m)
    verdict = verify_report(data, key)
    if not verdict.genuine:
        return None, Message.of("badge.evidence.not_signed", file=str(path),
                                reason=verdict.message or verdict.reason, **m)
    report = json.loads(data.decode("utf-8"))
    if not _matches(report, attempt):
        return None, Message.of("badge.evidence.other_attempt", file=str(path), **m)
    return data, None


def _matches(report: dict, attempt) -> bool:
    """Whether a (genuine) report is the one of ``attempt``: it may have been replaced by a
    later grading into the same folder."""
    try:
        scenario, job = report["scenario"], report["job"]
        score = report["score"]
        return (scenario["id"] == attempt.scenario
                and int(scenario["version"]) == attempt.scenario_version
                and job["sha256"] == attempt.job_sha256
                and isinstance(score, int | float) and math.isclose(
                    float(score), float(attempt.score), abs_tol=0.005)
                and report.get("iso5817_level") == attempt.level
                and report.get("passed") is True
                and (EXAM if report.get("mode") == EXAM else PRACTICE) == recorded_mode(attempt))
    except (KeyError, TypeError, ValueError):
        return False
