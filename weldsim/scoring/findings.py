"""Findings as data: what an instructor points out, cause first, with its consequences under it.

A :class:`Finding` holds :class:`weldsim.i18n.Message` s, never prose: the front ends render
them in the reader's language (``weldsim.i18n.render``). Keys live in the ``findings`` domain
(``findings.po`` of each language under ``weldsim/locale``).

:func:`group_consequences` hangs each consequence (an imperfection or a gate that a root cause
explains) under the finding that names its cause, so a trainee reads the job line to change
first and what it did to the weld under it; what no root cause explains stays a finding of
its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from weldsim.i18n import Message, Qty

__all__ = ["FINDING_KINDS", "Finding", "Gate", "group_consequences", "mm", "order_findings",
           "points_text"]

#: Kinds of finding, as the report labels them.
FINDING_KINDS = ("gate", "requirement", "setup", "technique", "defect", "program")


def mm(value: float, digits: int = 1) -> Qty:
    """A length in mm for a message."""
    return Qty(float(value), "mm", digits)


def points_text(names: Sequence[str]) -> str:
    """``"P3 and P4"``-style list of point names, language-neutral (``P3, P4``)."""
    return ", ".join(names)


@dataclass(frozen=True, slots=True)
class Gate:
    """Something that fails a run whatever its score.

    Attributes
    ----------
    name : str
        ``collision``, ``burn_through``, ``lack_of_fusion``, ``crack_risk``,
        ``targets_missed`` (and ``stopped``).
    line : int
        Job line (0 when none is known).
    time_s : float or None
    detail : Message
        What happened, where.
    cause : str
        Key of the model's cause when an imperfection made the gate (``aim_off_root``), else
        empty: it lets a root-cause finding take the gate as a consequence.
    start_mm, end_mm : float or None
        Where along the seam.
    seam : str or None
    """

    name: str
    line: int
    time_s: float | None
    detail: Message
    cause: str = ""
    start_mm: float | None = None
    end_mm: float | None = None
    seam: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A fault as an instructor points it out: what, where, why, the fix, and what it caused.

    Attributes
    ----------
    kind : str
        One of :data:`FINDING_KINDS`.
    name : str
        The gate, requirement, imperfection, criterion or setting.
    points : float
        Score points it cost, its consequences' included.
    line : int
        The job line to change (0 when none is known).
    start_mm, end_mm : float or None
        Where along the seam.
    seam : str or None
    what, cause, fix : Message
        The root cause in the trainee's terms (the line, the value written and wanted), why it
        matters, and which way to change it.
    consequences : tuple of Message
        What it did to the weld (imperfections, gates), each with its size and place.
    fails : bool
        It fails the run by itself (a gate, an unmet requirement, or a cause of either).
    """

    kind: str
    name: str
    points: float
    line: int
    start_mm: float | None
    end_mm: float | None
    seam: str | None
    what: Message
    cause: Message
    fix: Message
    consequences: tuple[Message, ...] = ()
    fails: bool = False

    def messages(self) -> tuple[Message, ...]:
        """Every message of the finding: what, cause, fix, then the consequences."""
        return (self.what, self.cause, self.fix, *self.consequences)


@dataclass(frozen=True, slots=True)
class Consequence:
    """Something a root cause may explain: a finding of its own unless a root takes it.

    Attributes
    ----------
    finding : Finding
        The finding it is when no root explains it.
    roots : tuple of str
        Names of the root findings that explain it, most likely first.
    """

    finding: Finding
    roots: tuple[str, ...]


def group_consequences(roots: list[Finding], consequences: list[Consequence]) -> list[Finding]:
    """Hang each consequence under the first root finding named in its ``roots`` (same seam
    or no seam), adding its points and its failing; the others stay findings of their own.

    Returns the root findings (updated) followed by the unexplained consequences.
    """
    by_name: dict[str, list[int]] = {}
    for i, f in enumerate(roots):
        by_name.setdefault(f.name, []).append(i)
    extra: dict[int, list[Finding]] = {}
    alone: list[Finding] = []
    for c in consequences:
        target = None
        for name in c.roots:
            for i in by_name.get(name, []):
                r = roots[i]
                if r.seam is None or c.finding.seam is None or r.seam == c.finding.seam:
                    target = i
                    break
            if target is not None:
                break
        if target is None:
            alone.append(c.finding)
        else:
            extra.setdefault(target, []).append(c.finding)
    out = []
    for i, r in enumerate(roots):
        under = extra.get(i, [])
        if under:
            r = replace(r, points=r.points + sum(f.points for f in under),
                        consequences=r.consequences + tuple(f.what for f in under),
                        fails=r.fails or any(f.fails for f in under))
        out.append(r)
    return out + alone


def order_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    """Failing findings first, then by points lost, then by job line."""
    return tuple(sorted(findings, key=lambda f: (not f.fails, -f.points, f.line, f.name)))
