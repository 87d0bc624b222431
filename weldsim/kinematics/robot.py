"""The :class:`Robot`: forward and inverse kinematics, Jacobian and singularities of one model.

Units are SI (m, rad); poses are float64 ``(4, 4)`` arrays, ``T_base_tcp`` unless named
otherwise. ``tool`` numbers index the model's tool table (0 = the bare flange, default 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from weldsim.errors import InvalidInputError, UnreachableError
from weldsim.kinematics import _kernels as K
from weldsim.kinematics.loader import load_robot_spec
from weldsim.kinematics.poses import check_pose, invert_pose
from weldsim.kinematics.spec import RobotSpec

__all__ = [
    "SINGULARITY_THRESHOLDS",
    "Robot",
    "SingularityReport",
    "format_configuration",
    "load_robot",
    "parse_configuration",
]

#: Distances below which a pose counts as singular: wrist |q5| (rad), elbow angle from the
#: stretched arm (rad), shoulder: wrist centre from the J1 axis (m). Controllers warn at a
#: few degrees; 5 deg and 50 mm are conservative for teaching.
SINGULARITY_THRESHOLDS = (np.radians(5.0), np.radians(5.0), 0.05)

_FLAG_LETTERS = ("NF", "UD", "TB")


def parse_configuration(conf: str | None) -> np.ndarray:
    """Configuration flags as ``(3,)`` int64 ``[wrist, elbow, base]``, -1 where free.

    ``conf`` is three letters as in the job format: ``N``/``F``, ``U``/``D``, ``T``/``B``
    (e.g. ``"NUT"``), case-insensitive; ``None`` leaves all three free.
    """
    flags = np.full(3, -1, dtype=np.int64)
    if conf is None:
        return flags
    if not isinstance(conf, str) or len(conf) != 3:
        raise InvalidInputError(f"configuration must be three letters like 'NUT', got {conf!r}")
    for i, (letter, allowed) in enumerate(zip(conf.upper(), _FLAG_LETTERS, strict=True)):
        if letter not in allowed:
            raise InvalidInputError(
                f"configuration {conf!r}: letter {i + 1} must be {allowed[0]} or {allowed[1]}"
            )
        flags[i] = allowed.index(letter)
    return flags


def format_configuration(flags) -> str:
    """``[wrist, elbow, base]`` flags (0/1) as the three letters, e.g. ``"NUT"``."""
    return "".join(letters[int(f)] for letters, f in zip(_FLAG_LETTERS, flags, strict=True))


@dataclass(frozen=True, slots=True)
class SingularityReport:
    """How far joint angles are from the three singularities of a 6R spherical-wrist arm.

    Attributes are scalars for one ``q`` and ``(N,)`` arrays for ``(N, 6)``.

    Attributes
    ----------
    wrist_rad : float or numpy.ndarray
        ``|q5|`` from 0 or π: J4 and J6 align.
    elbow_rad : float or numpy.ndarray
        Angle between the forearm's line to the wrist centre and the stretched (or folded)
        arm: the wrist centre is at the edge of the workspace.
    shoulder_m : float or numpy.ndarray
        Distance of the wrist centre from the J1 axis: J1 cannot move it sideways.
    wrist, elbow, shoulder : bool or numpy.ndarray
        Each distance below its threshold (:data:`SINGULARITY_THRESHOLDS`).
    """

    wrist_rad: np.ndarray | float
    elbow_rad: np.ndarray | float
    shoulder_m: np.ndarray | float
    wrist: np.ndarray | bool
    elbow: np.ndarray | bool
    shoulder: np.ndarray | bool

    @property
    def any(self):
        """True where any of the three is singular."""
        return self.wrist | self.elbow | self.shoulder


class Robot:
    """Kinematics of one robot model.

    Parameters
    ----------
    spec : RobotSpec
        The model, normally from :func:`load_robot`.

    Notes
    -----
    Joint angles are the model's (ROS-Industrial convention, robots.md); OPW angle =
    ``sign_corrections * q - offsets``. Joints whose range exceeds ±180° get the equivalent
    angle (±2π) that lies inside their limits.
    """

    def __init__(self, spec: RobotSpec):
        self.spec = spec
        self._p = spec.opw.as_array()
        self._off = np.ascontiguousarray(spec.opw.offsets_rad, dtype=np.float64)
        self._sgn = np.ascontiguousarray(spec.opw.sign_corrections, dtype=np.float64)
        self._lo = np.ascontiguousarray(spec.joints.lower_rad, dtype=np.float64)
        self._hi = np.ascontiguousarray(spec.joints.upper_rad, dtype=np.float64)
        # nearest-solution metric: squared joint travel time at full speed
        self._weights = 1.0 / np.asarray(spec.joints.max_speed_rad_s, dtype=np.float64) ** 2
        self._tool_cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    # -- basics ---------------------------------------------------------------------------
    @property
    def id(self) -> str:
        """The model's id, e.g. ``"fd-b4"``."""
        return self.spec.id

    @property
    def lower(self) -> np.ndarray:
        """Lower joint limits (6,) in rad."""
        return self._lo.copy()

    @property
    def upper(self) -> np.ndarray:
        """Upper joint limits (6,) in rad."""
        return self._hi.copy()

    def __repr__(self) -> str:
        return f"Robot({self.spec.id!r}, tools={[t.number for t in self.spec.tools]})"

    def _tool(self, tool: int) -> tuple[np.ndarray, np.ndarray]:
        try:
            return self._tool_cache[tool]
        except KeyError:
            pass
        if isinstance(tool, bool) or not isinstance(tool, int | np.integer):
            raise InvalidInputError(f"tool must be a tool number, got {tool!r}")
        T_ft = np.ascontiguousarray(self.spec.tool(int(tool)).T_flange_tcp, dtype=np.float64)
        pair = (T_ft, np.ascontiguousarray(invert_pose(T_ft)))
        self._tool_cache[tool] = pair
        return pair

    @staticmethod
    def _check_q(q, name: str = "q") -> np.ndarray:
        try:
            arr = np.ascontiguousarray(q, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(f"{name} must be numeric joint angles: {exc}") from None
        if arr.shape[-1:] != (6,) or arr.ndim not in (1, 2):
            raise InvalidInputError(f"{name} must have shape (6,) or (N, 6), got {arr.shape}")
        if not np.isfinite(arr).all():
            raise InvalidInputError(f"{name} contains NaN or infinity")
        # Always a read-only view (no copy): the kernels only read q, and one array type per
        # argument means numba compiles one specialisation, not one for writable and one for
        # read-only callers' arrays (weldsim.prepare records exactly what is compiled).
        view = arr.view()
        view.flags.writeable = False
        return view

    def within_limits(self, q, tol: float = K.LIMIT_EPS):
        """True where every joint of ``q`` ((6,) or (N, 6), rad) is inside its limits."""
        arr = self._check_q(q)
        inside = (arr >= self._lo - tol) & (arr <= self._hi + tol)
        return inside.all(axis=-1) if arr.ndim == 2 else bool(inside.all())

    # -- forward --------------------------------------------------------------------------
    def fk(self, q, tool: int = 1) -> np.ndarray:
        """Pose of the tool's TCP in the base frame.

        Parameters
        ----------
        q : array_like
            Joint angles (rad), ``(6,)`` or ``(N, 6)``. Limits are not checked.
        tool : int
            Tool number (0 = flange).

        Returns
        -------
        numpy.ndarray
            ``T_base_tcp``, ``(4, 4)`` or ``(N, 4, 4)``.
        """
        arr = self._check_q(q)
        T_ft, _ = self._tool(tool)
        if arr.ndim == 1:
            out = np.empty((4, 4))
            K.fk_tcp(arr, self._p, self._off, self._sgn, T_ft, np.empty((4, 4)), out)
            return out
        out = np.empty((arr.shape[0], 4, 4))
        K.fk_batch(arr, self._p, self._off, self._sgn, T_ft, out)
        return out

    # -- inverse --------------------------------------------------------------------------
    def ik(self, T, tool: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """All closed-form solutions of a TCP pose.

        Parameters
        ----------
        T : array_like
            ``T_base_tcp``, ``(4, 4)`` or ``(N, 4, 4)``.
        tool : int
            Tool number (0 = flange).

        Returns
        -------
        sols : numpy.ndarray
            ``(8, 6)`` or ``(N, 8, 6)`` joint angles (rad). Row ``w*4 + a``: arm solution
            ``a`` (0, 1 front; 2, 3 back of the base), wrist solution ``w``. Rows whose arm
            solution does not exist are NaN; the others are returned even when outside the
            limits, with each joint's angle shifted by ±2π into its limits where possible.
        ok : numpy.ndarray
            ``(8,)`` or ``(N, 8)`` bool: the row exists and is inside every joint limit.

        Raises
        ------
        InvalidInputError
            ``T`` is not a valid pose (shape, NaN, non-orthonormal rotation).
        """
        Ts = check_pose(T)
        _, T_tf = self._tool(tool)
        if Ts.ndim == 2:
            sols = np.empty((8, 6))
            ok = np.empty(8, dtype=np.bool_)
            K.ik_all(Ts, self._p, self._off, self._sgn, self._lo, self._hi, T_tf, sols, ok)
            return sols, ok
        n = Ts.shape[0]
        sols = np.empty((n, 8, 6))
        ok = np.empty((n, 8), dtype=np.bool_)
        K.ik_batch(Ts, self._p, self._off, self._sgn, self._lo, self._hi, T_tf, sols, ok)
        return sols, ok

    def ik_nearest(self, T, q_ref, tool: int = 1, conf: str | None = None) -> np.ndarray:
        """The valid solution nearest ``q_ref``.

        "Nearest" minimises the joint travel time at full speed, ``sum((dq / v_max)**2)``;
        each joint takes the 2π-equivalent nearest ``q_ref`` that is inside its limits. At a
        wrist (shoulder) singularity J4 (J1) keeps its angle from ``q_ref``.

        Parameters
        ----------
        T : array_like
            ``T_base_tcp`` (4, 4).
        q_ref : array_like
            Reference joint angles (6,), rad.
        tool : int
            Tool number (0 = flange).
        conf : str, optional
            Required configuration flags, e.g. ``"NUT"`` (see :func:`parse_configuration`).

        Returns
        -------
        numpy.ndarray
            Joint angles (6,), rad.

        Raises
        ------
        UnreachableError
            No solution (with that configuration) lies inside the joint limits.
        """
        Tp = check_pose(T, allow_batch=False)
        ref = self._check_q(q_ref, "q_ref")
        if ref.ndim != 1:
            raise InvalidInputError(f"q_ref must have shape (6,), got {ref.shape}")
        flags = parse_configuration(conf)
        _, T_tf = self._tool(tool)
        out = np.empty(6)
        if not K.nearest(Tp, self._p, self._off, self._sgn, self._lo, self._hi, T_tf, ref,
                         self._weights, flags, out):
            where = np.array2string(Tp[:3, 3] * 1000.0, precision=1)
            extra = f" in configuration {conf.upper()}" if conf else ""
            raise UnreachableError(
                f"robot {self.id} cannot reach the pose at {where} mm (base frame){extra} "
                "within its joint limits"
            )
        return out

    def ik_path(self, T_seq, q_start, tool: int = 1,
                conf: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Nearest-solution IK along a sequence of poses.

        Each pose takes the valid solution nearest the previous sample's (the first: nearest
        ``q_start``), as a controller does along a path.

        Parameters
        ----------
        T_seq : array_like
            ``(N, 4, 4)`` ``T_base_tcp`` poses.
        q_start : array_like
            Joint angles (6,) the path starts from (rad).
        tool : int
            Tool number (0 = flange).
        conf : str, optional
            Configuration flags every sample must keep, e.g. ``"NUT"``.

        Returns
        -------
        q : numpy.ndarray
            ``(N, 6)`` joint angles, NaN where unreachable.
        ok : numpy.ndarray
            ``(N,)`` bool.
        """
        Ts = check_pose(T_seq)
        if Ts.ndim != 3:
            raise InvalidInputError(f"T_seq must have shape (N, 4, 4), got {Ts.shape}")
        ref = self._check_q(q_start, "q_start")
        if ref.ndim != 1:
            raise InvalidInputError(f"q_start must have shape (6,), got {ref.shape}")
        flags = parse_configuration(conf)
        _, T_tf = self._tool(tool)
        q = np.empty((Ts.shape[0], 6))
        ok = np.empty(Ts.shape[0], dtype=np.bool_)
        K.ik_path(Ts, self._p, self._off, self._sgn, self._lo, self._hi, T_tf, ref,
                  self._weights, flags, q, ok)
        return q, ok

    # -- configuration, Jacobian, singularities ------------------------------------------
    def configuration_flags(self, q) -> np.ndarray:
        """``[wrist, elbow, base]`` flags (0/1) of ``q``: (6,) -> (3,), (N, 6) -> (N, 3).

        wrist N (0) when the model's q5 <= 0, F (1) otherwise (as FANUC's NUT/FUT); elbow U (0)
        when the elbow is above the line from J2 to the wrist centre, D (1) below; base T (0)
        when the wrist centre is in front of the J1 axis, B (1) behind it.
        """
        arr = self._check_q(q)
        stack = arr.reshape(-1, 6)
        out = np.empty((stack.shape[0], 3), dtype=np.int64)
        K.config_flags_batch(stack, self._p, self._off, self._sgn, out)
        return out[0] if arr.ndim == 1 else out

    def configuration(self, q):
        """Configuration letters of ``q``: (6,) -> ``"NUT"``-style str, (N, 6) -> list."""
        flags = self.configuration_flags(q)
        if flags.ndim == 1:
            return format_configuration(flags)
        return [format_configuration(f) for f in flags]

    def jacobian(self, q, tool: int = 1) -> np.ndarray:
        """Geometric Jacobian at the TCP in the base frame.

        Returns ``(6, 6)`` (or ``(N, 6, 6)``): rows ``vx, vy, vz`` (m/s) then ``wx, wy, wz``
        (rad/s), columns the model's joint speeds (rad/s).
        """
        arr = self._check_q(q)
        T_ft, _ = self._tool(tool)
        stack = arr.reshape(-1, 6)
        out = np.empty((stack.shape[0], 6, 6))
        K.jacobian_batch(stack, self._p, self._off, self._sgn, T_ft, out)
        return out[0] if arr.ndim == 1 else out

    def singularities(self, q, thresholds=SINGULARITY_THRESHOLDS) -> SingularityReport:
        """Distances of ``q`` ((6,) or (N, 6), rad) from the wrist, elbow and shoulder
        singularities, and whether each is below its threshold."""
        arr = self._check_q(q)
        stack = arr.reshape(-1, 6)
        m = np.empty((stack.shape[0], 3))
        K.singularity_measures_batch(stack, self._p, self._off, self._sgn, m)
        if arr.ndim == 1:
            m0 = m[0]
            return SingularityReport(float(m0[0]), float(m0[1]), float(m0[2]),
                                     bool(m0[0] < thresholds[0]), bool(m0[1] < thresholds[1]),
                                     bool(m0[2] < thresholds[2]))
        return SingularityReport(m[:, 0], m[:, 1], m[:, 2], m[:, 0] < thresholds[0],
                                 m[:, 1] < thresholds[1], m[:, 2] < thresholds[2])

    # -- geometry ---------------------------------------------------------------------------
    def reach_m(self) -> float:
        """Largest horizontal distance of the wrist centre from the J1 axis (m):
        ``a1 + c2 + sqrt(a2² + c3²)`` (1.410 m for fd-b4, as robots.md computes)."""
        o = self.spec.opw
        return float(o.a1 + o.c2 + np.hypot(o.a2, o.c3))

    def write_urdf(self, folder) -> Path:
        """Write ``<id>.urdf`` generated from this model into ``folder``; return its path."""
        from weldsim.kinematics.urdf import write_urdf

        return write_urdf(self.spec, folder)


def load_robot(robot: str | Path = "fd-b4") -> Robot:
    """Load a robot model: a bundled id (``"fd-b4"``, ``"ma1440"``) or a TOML path."""
    return Robot(load_robot_spec(robot))
