"""The robot cell in pybullet (the only package that imports pybullet).

>>> from weldsim.sim import Cell
>>> with Cell(scenario) as cell:
...     trace = cell.play(trajectory)       # contacts, wire-axis ray casts, CTWD
...     image = cell.render("iso")          # (H, W, 3) uint8, headless
"""

from weldsim.sim.cell import COLLISION_TOLERANCE_M, RAY_LENGTH_M, Cell, SimulationError
from weldsim.sim.render import CAMERAS, render
from weldsim.sim.trace import Contact, ContactEvent, Trace

__all__ = [
    "CAMERAS",
    "COLLISION_TOLERANCE_M",
    "RAY_LENGTH_M",
    "Cell",
    "Contact",
    "ContactEvent",
    "SimulationError",
    "Trace",
    "render",
]
