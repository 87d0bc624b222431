"""Plain values of the pendant: modes, jog frames, speed levels and alarms."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field

__all__ = [
    "FRAMES_FIXED",
    "JOG_AXES",
    "SPEED_LEVELS",
    "STEP_JOINT_PCT",
    "STEP_LINEAR_M_S",
    "Alarm",
    "Mode",
    "RecordSpeed",
    "SpeedLevel",
]


class Mode(enum.Enum):
    """The key switch: TEACH (jog, teach, step check; deadman needed) or PLAY (run the job)."""

    TEACH = "TEACH"
    PLAY = "PLAY"


@dataclass(frozen=True, slots=True)
class SpeedLevel:
    """A manual (jog) speed.

    Attributes
    ----------
    name : str
        ``"INCH"``, ``"LOW"``, ``"MED"`` or ``"HIGH"``.
    linear_m_s, angular_rad_s : float
        Continuous jog speed of the TCP [m/s] and of a joint or the tool orientation [rad/s];
        0 for inching.
    inch_m, inch_rad : float
        One inching step per key press [m] and [rad]; 0 for the continuous levels.
    """

    name: str
    linear_m_s: float
    angular_rad_s: float
    inch_m: float = 0.0
    inch_rad: float = 0.0

    @property
    def inching(self) -> bool:
        """True when one key press moves one step."""
        return self.inch_m > 0.0


SPEED_LEVELS: tuple[SpeedLevel, ...] = (
    SpeedLevel("INCH", 0.0, 0.0, inch_m=0.0001, inch_rad=math.radians(0.01)),
    SpeedLevel("LOW", 0.010, math.radians(2.0)),     # 10 mm/s, 2 deg/s
    SpeedLevel("MED", 0.050, math.radians(10.0)),    # 50 mm/s, 10 deg/s
    SpeedLevel("HIGH", 0.250, math.radians(30.0)),   # 250 mm/s (the 250 mm/s teach limit)
)
"""The speed levels, slowest first: inching 0.1 mm / 0.01 deg per press; LOW 10 mm/s and
2 deg/s; MED 50 mm/s and 10 deg/s; HIGH 250 mm/s and 30 deg/s (a joint never beyond its own
maximum speed)."""

FRAMES_FIXED: tuple[str, ...] = ("JOINT", "BASE", "TOOL")
"""Jog frames every robot has; the scenario's user frames (``USER1``...) follow them."""

JOG_AXES: dict[str, tuple[str, ...]] = {
    "JOINT": ("J1", "J2", "J3", "J4", "J5", "J6"),
    "CART": ("X", "Y", "Z", "RX", "RY", "RZ"),
}
"""Axis names of the six jog key pairs: joints, or Cartesian translation and rotation."""

STEP_LINEAR_M_S = 0.1
"""Step check speed cap for MOVEL/MOVEC [m/s] (100 mm/s), as the real pendant's check speed."""

STEP_JOINT_PCT = 10.0
"""Step check speed cap for MOVEP [% of the joint speed]."""


@dataclass(frozen=True, slots=True)
class RecordSpeed:
    """The speed a recorded move takes (the pendant's teach speed setting).

    Attributes
    ----------
    movep_pct : float
        MOVEP speed [% of the joints' maximum], 1-100.
    linear : float
        MOVEL / MOVEC speed in ``unit``.
    unit : str
        ``"mm/s"`` or ``"cm/min"``.
    """

    movep_pct: float = 20.0
    linear: float = 50.0
    unit: str = "mm/s"


@dataclass(frozen=True, slots=True)
class Alarm:
    """An alarm on the pendant's screen.

    Attributes
    ----------
    key : str
        Message key in the catalogs (``"alarm.joint_limit"``...).
    args : dict
        Values for the message's ``{placeholders}``.
    line : int
        The job line concerned (0 when none).
    count : int
        How many times it was raised while active (repeats are counted, not listed).
    """

    key: str
    args: dict = field(default_factory=dict)
    line: int = 0
    count: int = 1

    def text(self, tr) -> str:
        """The message in the language of ``tr`` (a :class:`~weldsim.pendant.i18n.Translator`),
        with its job line and how many times it was raised when more than once."""
        msg = tr(self.key, **self.args)
        if self.line:
            msg = f"{msg} ({tr('word.line')} {self.line})"
        return f"{msg}  x{self.count}" if self.count > 1 else msg
