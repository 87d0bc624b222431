"""What the cell records while a trajectory plays: the :class:`Trace`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from weldsim._frozen import ReadOnlyArrays

__all__ = ["ContactEvent", "Trace"]


@dataclass(frozen=True, slots=True)
class ContactEvent:
    """The arm or torch touching something, over consecutive samples.

    Attributes
    ----------
    link : str
        The robot's link (``link_1`` .. ``link_6``, ``torch``, ``base_link``).
    other : str
        What it touches: a solid's name (``web``, ``clamp``...) or ``robot:<link>`` for the
        arm touching itself.
    other_role : str
        The solid's role (``workpiece``, ``clamp``, ``table``...) or ``robot``.
    line : int
        Job line of the first sample in contact.
    start_s, end_s : float
        Time of the first and last sample in contact (s).
    depth_mm : float
        Deepest penetration over the event (mm, positive).
    position_m : tuple of float
        World position of the deepest contact point (m).
    """

    link: str
    other: str
    other_role: str
    line: int
    start_s: float
    end_s: float
    depth_mm: float
    position_m: tuple[float, float, float]

    def __str__(self) -> str:
        return (f"line {self.line} (t = {self.start_s:.2f} s): the {self.link} touches "
                f"{self.other} ({self.depth_mm:.1f} mm deep)")


@dataclass(frozen=True, eq=False)
class Trace(ReadOnlyArrays):
    """A trajectory as played in the cell. Arrays (N = samples) are read-only.

    Attributes
    ----------
    t : ndarray, shape (N,)
        Time (s).
    q : ndarray, shape (N, 6)
        Joint angles (rad) the arm took.
    T_world_tcp : ndarray, shape (N, 4, 4)
        TCP pose in the cell's world frame (m), from the arm's joint angles.
    arc_on : ndarray, shape (N,), bool
        The arc burns.
    line : ndarray, shape (N,), int64
        Job line of each sample.
    ray_hit : ndarray, shape (N,), bool
        The wire axis meets a workpiece solid within ``ray_length_m`` of the contact tip.
    hit_point : ndarray, shape (N, 3)
        Where it meets it (world, m); NaN without a hit.
    hit_normal : ndarray, shape (N, 3)
        Outward surface normal there; NaN without a hit.
    hit_solid : ndarray, shape (N,), int64
        Index into ``solid_names`` of the solid hit, -1 without a hit.
    ctwd_m : ndarray, shape (N,)
        Contact tip to work distance along the wire axis (m); NaN without a hit.
    contacts : tuple of ContactEvent
        In order of time.
    solid_names : tuple of str
        Names of the cell's solids, in the order ``hit_solid`` indexes.
    stick_out_m : float
        The tool's nominal stick-out: the contact tip is this far behind the TCP.
    ray_length_m : float
        How far the wire axis is cast from the contact tip (m).
    """

    t: np.ndarray
    q: np.ndarray
    T_world_tcp: np.ndarray
    arc_on: np.ndarray
    line: np.ndarray
    ray_hit: np.ndarray
    hit_point: np.ndarray
    hit_normal: np.ndarray
    hit_solid: np.ndarray
    ctwd_m: np.ndarray
    contacts: tuple[ContactEvent, ...]
    solid_names: tuple[str, ...]
    stick_out_m: float
    ray_length_m: float

    def __len__(self) -> int:
        return int(self.t.shape[0])

    @property
    def collided(self) -> bool:
        """Whether anything touched anything."""
        return bool(self.contacts)

    def collisions_with(self, role: str) -> tuple[ContactEvent, ...]:
        """Contact events with solids of one role (``workpiece``, ``clamp``, ``robot``...)."""
        return tuple(c for c in self.contacts if c.other_role == role)
