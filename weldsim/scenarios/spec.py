"""Frozen descriptions of an exercise: the cell, the workpiece, the seams, the WPS, the windows
and weights of the rubric.

Everything is SI and in the cell's ``world`` frame (the robot base frame is placed in it by
``T_world_base``), except the welding quantities that welders state in their own units
(A, V, mm, deg, cm/min are converted to mm/s): those names carry their unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "COACHING_MODES",
    "EXAM",
    "JOINT_TYPES",
    "PRACTICE",
    "SOLID_ROLES",
    "WEAVE_PATTERNS",
    "WELD_POSITIONS",
    "BeadNominal",
    "Range",
    "Requirements",
    "Rubric",
    "Scenario",
    "Seam",
    "Solid",
    "Target",
    "Text",
    "WeaveRequirement",
    "Window",
    "Wps",
    "attempt_mode",
    "reflow",
]

PRACTICE = "practice"
"""Coaching mode: the pendant shows the technique gauges and the predicted bead."""
EXAM = "exam"
"""Coaching mode: no gauges, no predicted bead; the attempt counts as an exam."""
COACHING_MODES: tuple[str, ...] = (PRACTICE, EXAM)
"""The modes an attempt is taken in (``[coaching] mode`` of a scenario, ``--exam``)."""


def attempt_mode(scenario_mode: str, requested: str | None = None) -> str:
    """The mode an attempt is taken in: the scenario's, or exam when exam is requested.

    A scenario in exam mode stays exam whatever is requested (a flag never downgrades an
    exam to practice); ``requested`` None means "as the scenario says".

    Raises
    ------
    weldsim.errors.InvalidInputError
        ``requested`` is not one of :data:`COACHING_MODES`.
    """
    if requested is not None and requested not in COACHING_MODES:
        from weldsim.errors import InvalidInputError
        from weldsim.i18n import Message

        raise InvalidInputError(message=Message.of(
            "modes.error.unknown_mode", mode=str(requested), modes=", ".join(COACHING_MODES)))
    if EXAM in (scenario_mode, requested):
        return EXAM
    return PRACTICE

_ITEM = re.compile(r"^\s*(\d+[.)]|[-*])\s")


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of a scenario text into paragraphs, one per line; list
    items (``1.``, ``-``) and blank lines start new ones, so a screen can wrap them to its
    width."""
    out: list[str] = []
    for line in text.strip().splitlines():
        if not line.strip():
            out.append("")
        elif out and out[-1] and not _ITEM.match(line):
            out[-1] += " " + line.strip()
        else:
            out.append(line.strip())
    return "\n".join(out)

JOINT_TYPES = ("fillet_t", "fillet_lap", "butt_v", "butt_square", "fillet_pipe_plate")
WELD_POSITIONS = ("PA", "PB", "PC", "PD", "PE", "PF", "PG")
#: ``workpiece`` bodies are welded and ray-cast; ``marker`` bodies are drawn only.
SOLID_ROLES = ("workpiece", "backing", "fixture", "clamp", "table", "marker")


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Indonesian (``id``) and English (``en``)."""

    en: str
    id: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("id" or "en"); English when unknown."""
        return self.id if lang == "id" else self.en


@dataclass(frozen=True, slots=True)
class Solid:
    """A rigid body of the cell.

    Attributes
    ----------
    shape : str
        ``box`` (``size_m`` full extents along its x, y, z), ``prism`` (``profile_m``: a convex
        polygon (K, 2) in its y-z plane, extruded along x from ``x_range_m[0]`` to
        ``x_range_m[1]``) or ``cylinder`` (``radius_m``, ``length_m`` along its z, centred;
        ``inner_radius_m`` > 0 makes a tube).
    T_world_solid : numpy.ndarray
        (4, 4) pose of the solid's own frame in the world.
    """

    name: str
    role: str
    shape: str
    T_world_solid: np.ndarray = field(repr=False)
    size_m: tuple[float, float, float] = (0.0, 0.0, 0.0)
    profile_m: np.ndarray | None = field(default=None, repr=False)
    x_range_m: tuple[float, float] = (0.0, 0.0)
    radius_m: float = 0.0
    inner_radius_m: float = 0.0
    length_m: float = 0.0
    rgba: tuple[float, float, float, float] = (0.55, 0.57, 0.6, 1.0)


@dataclass(frozen=True, slots=True)
class Seam:
    """A seam to weld, with the joint it belongs to.

    Attributes
    ----------
    points_m : numpy.ndarray
        (K, 3) world points of the root line, in welding order; a circle is sampled at
        0.5 degree steps (``center_m``, ``axis``, ``radius_m`` keep it exact).
    lower_normal, upper_normal : numpy.ndarray or str
        Outward normals (world) of the two faces the weld joins: the lower plate's face, from
        which the work angle is measured, and the other one. ``"radial"`` on a circular seam
        means the outward radial direction at each point.
    """

    id: str
    kind: str  # "polyline" or "circle"
    frame: str
    points_m: np.ndarray = field(repr=False)
    joint: str = "fillet_t"
    thickness_mm: tuple[float, float] = (10.0, 10.0)
    root_gap_mm: float = 0.0
    bevel_deg: float = 0.0
    position: str = "PB"
    lower_normal: np.ndarray | str = field(default="", repr=False)
    upper_normal: np.ndarray | str = field(default="", repr=False)
    center_m: np.ndarray | None = field(default=None, repr=False)
    axis: np.ndarray | None = field(default=None, repr=False)
    radius_m: float = 0.0
    sweep_rad: float = 0.0

    @property
    def length_m(self) -> float:
        """Length of the root line (m)."""
        if self.kind == "circle":
            return abs(self.sweep_rad) * self.radius_m
        return float(np.linalg.norm(np.diff(self.points_m, axis=0), axis=1).sum())

    def normals_at(self, points_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (lower, upper) face normals at world points (N, 3) of this seam: (N, 3) each."""
        n = len(points_m)
        out = []
        for normal in (self.lower_normal, self.upper_normal):
            if isinstance(normal, str):
                radial = points_m - self.center_m
                radial -= np.outer(radial @ self.axis, self.axis)
                radial /= np.linalg.norm(radial, axis=1, keepdims=True)
                out.append(radial if normal == "radial" else -radial)
            else:
                out.append(np.broadcast_to(normal, (n, 3)).copy())
        return out[0], out[1]


@dataclass(frozen=True, slots=True)
class Range:
    """An allowed range with its nominal value."""

    min: float
    nominal: float
    max: float

    def contains(self, value: float) -> bool:
        """Whether ``min <= value <= max``."""
        return self.min <= value <= self.max


@dataclass(frozen=True, slots=True)
class Wps:
    """The welding procedure window the exercise asks for."""

    wire: str
    wire_diameter_mm: float
    gas: str
    current_a: Range
    voltage_v: Range
    speed_mm_s: Range
    ctwd_mm: Range
    flow_l_min: Range
    wfs_m_min: Range | None
    crater_fill_required: bool


@dataclass(frozen=True, slots=True)
class BeadNominal:
    """The bead the exercise expects (mm); 0 where it does not apply.

    Attributes
    ----------
    leg_mm : float
        Nominal leg of a fillet (the WPS bead).
    throat_mm : float
        The drawing's throat ``a`` (an ``a4`` on the drawing is 4.0): what ISO 5817 judges an
        insufficient or excessive throat against. When the file gives only ``leg_mm`` it is
        ``0.707 leg`` rounded down to 0.5 mm, as drawings give it.
    width_mm : float
        Face width of a butt weld's cap.
    """

    leg_mm: float
    throat_mm: float
    width_mm: float


#: Weave patterns a job may program (``WVC ... PATTERN=``).
WEAVE_PATTERNS = ("SINE", "TRIANGLE", "TRAPEZOID", "CIRCLE")


@dataclass(frozen=True, slots=True)
class WeaveRequirement:
    """The weave an exercise asks for: the pattern and the windows the measured weave must
    stay in.

    Attributes
    ----------
    pattern : str or None
        One of :data:`WEAVE_PATTERNS`; None accepts any.
    amplitude_mm : tuple of (float, float)
        Window of the measured half peak-to-peak amplitude (mm).
    frequency_hz : tuple of (float, float)
        Window of the measured frequency (Hz).
    """

    pattern: str | None
    amplitude_mm: tuple[float, float]
    frequency_hz: tuple[float, float]


@dataclass(frozen=True, slots=True)
class Requirements:
    """What an exercise's instructions demand, checked on every run (an unmet requirement
    fails the run and costs points in proportion to how far it is missed).

    Attributes
    ----------
    arc_on_seam_only : bool
        The arc burns only on the seams: an arc away from the joint is a stray arc (ISO 6520
        601) and welding past a seam's end is a fault.
    crater_fill : bool
        Every arc end fills its crater (an arc-end condition with ``T > 0``).
    weave : WeaveRequirement or None
        Every pass weaves, as given.
    restart_overlap_mm : float
        On a seam welded in segments, each restart overlaps the end of the segment before by
        at least this much (mm); on a closed seam the last segment also overlaps the start of
        the first. 0: no minimum (a gap is still an unwelded stretch).
    seam_order : tuple of str
        Seam ids in the order they must be welded (empty: any order).
    """

    arc_on_seam_only: bool = True
    crater_fill: bool = True
    weave: WeaveRequirement | None = None
    restart_overlap_mm: float = 0.0
    seam_order: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Window:
    """A scoring window: full marks inside ``[full_lo, full_hi]``, falling linearly to 0 at
    ``zero_lo``/``zero_hi``, 0 beyond. Values in the metric's unit (mm, deg, mm/s, Hz)."""

    nominal: float
    full_lo: float
    full_hi: float
    zero_lo: float
    zero_hi: float


@dataclass(frozen=True, slots=True)
class Rubric:
    """Weights (0–100 within each group) and pass marks."""

    group_weights: dict[str, float]
    technique_weights: dict[str, float]
    pass_score: float
    excellent_score: float


@dataclass(frozen=True, slots=True)
class Target:
    """A point to touch with the wire tip (``jog-basics``)."""

    name: str
    position_m: np.ndarray = field(repr=False)
    axis: np.ndarray = field(repr=False)  # unit vector: the wire axis (tool +Z), world
    tolerance_mm: float = 2.0
    tolerance_deg: float = 5.0


@dataclass(frozen=True, slots=True)
class Scenario:
    """One exercise, as read from ``weldsim/scenarios/data/<id>.toml``."""

    id: str
    version: int
    title: Text
    instructions: Text
    difficulty: int
    robot: str
    tool: int
    home_q: np.ndarray = field(repr=False)
    T_world_base: np.ndarray = field(repr=False)
    frames: dict[str, np.ndarray] = field(repr=False)  # name -> T_world_frame
    solids: tuple[Solid, ...] = field(repr=False)
    seams: tuple[Seam, ...] = field(repr=False)
    wps: Wps | None = None
    bead: BeadNominal | None = None
    windows: dict[str, Window] = field(default_factory=dict, repr=False)
    rubric: Rubric | None = None
    required_level: str | None = None
    requirements: Requirements = field(default_factory=Requirements)
    cycle_time_target_s: float = 0.0
    targets: tuple[Target, ...] = field(default=(), repr=False)
    source: Path | None = None
    coaching_mode: str = PRACTICE
    """``practice`` or ``exam`` (``[coaching] mode``): whether the pendant coaches."""

    @property
    def welds(self) -> bool:
        """Whether the exercise is a welding exercise (it has seams)."""
        return bool(self.seams)

    @property
    def reference_job(self) -> Path | None:
        """The reference program ``<id>.job`` beside the scenario file, if there is one."""
        if self.source is None:
            return None
        path = self.source.with_suffix(".job")
        return path if path.is_file() else None

    def user_frames_base(self) -> dict[str, np.ndarray]:
        """User frames as ``T_base_user`` (what the motion planner takes), keyed ``USER<n>``."""
        T_base_world = np.linalg.inv(self.T_world_base)
        return {name.upper(): T_base_world @ T for name, T in self.frames.items()}
