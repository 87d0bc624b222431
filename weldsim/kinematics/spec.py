"""Frozen descriptions of a robot model: OPW geometry, joints, links and tools.

All values are SI (m, rad, s, kg). The loader (:mod:`weldsim.kinematics.loader`) converts the
degrees and millimetres of the TOML files once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "LINK_NAMES",
    "JointSpec",
    "LinkSpec",
    "OPWParameters",
    "RobotSpec",
    "ToolSpec",
]

#: The rigid bodies of the arm, base to flange; ``links.<name>`` in the TOML files.
LINK_NAMES = ("base", "turret", "upper_arm", "elbow", "forearm", "wrist", "flange")


@dataclass(frozen=True, slots=True)
class OPWParameters:
    """The seven OPW lengths (m) and the map from model angles to OPW angles.

    OPW angle = ``sign_corrections * q - offsets_rad`` (the rule of the opw_kinematics
    library), with ``q`` the model's joint angles (rad).
    """

    a1: float
    a2: float
    b: float
    c1: float
    c2: float
    c3: float
    c4: float
    offsets_rad: np.ndarray = field(repr=False)  # (6,)
    sign_corrections: np.ndarray = field(repr=False)  # (6,) of +1.0 / -1.0

    def as_array(self) -> np.ndarray:
        """``[a1, a2, b, c1, c2, c3, c4]`` as float64 (the layout the kernels take)."""
        return np.array([self.a1, self.a2, self.b, self.c1, self.c2, self.c3, self.c4])


@dataclass(frozen=True, slots=True)
class JointSpec:
    """Limits of the six joints, arrays of shape ``(6,)`` in model angles."""

    lower_rad: np.ndarray
    upper_rad: np.ndarray
    max_speed_rad_s: np.ndarray
    max_accel_rad_s2: np.ndarray


@dataclass(frozen=True, slots=True)
class LinkSpec:
    """Body of one link for the 3D and collision model."""

    name: str
    radius_m: float
    mass_kg: float


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A tool of the tool table.

    Attributes
    ----------
    T_flange_tcp : numpy.ndarray
        ``(4, 4)`` pose of the TCP (wire tip at nominal stick-out) in the flange frame.
        Tool +Z is the wire axis toward the work; the torch neck is on the tool's -X side.
    stick_out_m : float
        Contact tip to wire tip (the contact tip is this far behind the TCP along -Z).
    """

    number: int
    name: str
    T_flange_tcp: np.ndarray = field(repr=False)
    neck_angle_rad: float
    stick_out_m: float
    nozzle_diameter_m: float
    body_diameter_m: float
    mass_kg: float


@dataclass(frozen=True, slots=True)
class RobotSpec:
    """A complete robot model as read from its TOML file."""

    id: str
    name: str
    payload_kg: float
    repeatability_mm: float
    opw: OPWParameters
    joints: JointSpec
    links: tuple[LinkSpec, ...]
    tools: tuple[ToolSpec, ...]
    source: str = ""

    def tool(self, number: int) -> ToolSpec:
        """The tool with this number (0 is the bare flange)."""
        if number == 0:
            return FLANGE_TOOL
        for t in self.tools:
            if t.number == number:
                return t
        from weldsim.errors import InvalidInputError

        known = ", ".join(str(t.number) for t in self.tools)
        raise InvalidInputError(
            f"robot {self.id!r} has no tool {number}; its tools are 0 (flange), {known}"
        )

    def link(self, name: str) -> LinkSpec:
        """The link body with this name (one of :data:`LINK_NAMES`)."""
        for link in self.links:
            if link.name == name:
                return link
        raise KeyError(name)


FLANGE_TOOL = ToolSpec(
    number=0,
    name="flange",
    T_flange_tcp=np.eye(4),
    neck_angle_rad=0.0,
    stick_out_m=0.0,
    nozzle_diameter_m=0.0,
    body_diameter_m=0.0,
    mass_kg=0.0,
)
