"""What the cell records while a trajectory plays: the :class:`Trace`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from weldsim._frozen import ReadOnlyArrays

__all__ = ["Contact", "ContactEvent", "Trace"]


class Contact(NamedTuple):
    """One penetration of the arm at one pose (what :meth:`Cell.contacts_now` returns).

    A named record that still unpacks as the ``(link, other, role, depth_m, position)`` tuple
    it replaces.
    """

    link: str
    other: str
    role: str
    depth_m: float
    position: tuple[float, float, float]


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
    sample : int
        Index of the first sample in contact (-1 when not recorded).
    """

    link: str
    other: str
    other_role: str
    line: int
    start_s: float
    end_s: float
    depth_mm: float
    position_m: tuple[float, float, float]
    sample: int = -1

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
    stop_contact : ContactEvent or None
        When played until the first contact: that contact (the trace ends on the sample in
        contact, and it is the only event), else None.
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
    stop_contact: ContactEvent | None = None

    def __len__(self) -> int:
        return int(self.t.shape[0])

    def head(self, n: int) -> Trace:
        """The first ``n`` samples (at least one): the trace of a robot stopped there."""
        n = max(1, min(int(n), len(self)))
        if n == len(self):
            return self
        arrays = {name: getattr(self, name)[:n].copy() for name in (
            "t", "q", "T_world_tcp", "arc_on", "line", "ray_hit", "hit_point", "hit_normal",
            "hit_solid", "ctwd_m")}
        end = float(self.t[n - 1])
        return Trace(**arrays, contacts=tuple(c for c in self.contacts if c.start_s <= end),
                     solid_names=self.solid_names, stick_out_m=self.stick_out_m,
                     ray_length_m=self.ray_length_m, stop_contact=self.stop_contact)

    @property
    def collided(self) -> bool:
        """Whether anything touched anything."""
        return bool(self.contacts)

    def collisions_with(self, role: str) -> tuple[ContactEvent, ...]:
        """Contact events with solids of one role (``workpiece``, ``clamp``, ``robot``...)."""
        return tuple(c for c in self.contacts if c.other_role == role)
