"""The weld process model: the bead along the seam and its imperfections with ISO 5817 levels.

Inputs are the weld conditions (:class:`WeldConditions`), the joint (:class:`JointGeometry`)
and the torch along the seam (:class:`WeldSamples`); :func:`simulate_bead` gives the
:class:`Bead` (legs, throat, face, penetration, heat input, t8/5 on a grid along the seam),
:func:`find_imperfections` the :class:`Imperfection` list (data: kind, ISO 6520 number,
location, size, ISO 5817 limits, cause, parameters; their words are
:mod:`weldsim.weld.messages`), :func:`weld_level` the level of the whole weld and
:func:`bead_score` the rubric's bead score. Units: mm, mm², A, V, mm/s, kJ/mm,
s, °C; every name carries its unit.
"""

from weldsim.weld.bead import (
    Bead,
    BeadSummary,
    design_throat_for_leg_mm,
    nominal_throat_mm,
    simulate_bead,
)
from weldsim.weld.conditions import (
    GASES,
    JOINT_TYPES,
    POSITIONS,
    WIRE_DIAMETERS_MM,
    WIRE_KINDS,
    WIRES_MM,
    JointGeometry,
    WeldConditions,
    WeldInputError,
    WeldSamples,
)
from weldsim.weld.imperfections import (
    CAUSES,
    KINDS,
    LOCATIONS,
    Imperfection,
    bead_score,
    find_imperfections,
    level_profile,
    weld_level,
)
from weldsim.weld.synergic import current_at_ctwd_a, wire_feed_m_min
from weldsim.weld.thermal import cooling_time_t85_s, heat_input_kj_mm

__all__ = [
    "CAUSES",
    "GASES",
    "JOINT_TYPES",
    "KINDS",
    "LOCATIONS",
    "POSITIONS",
    "WIRES_MM",
    "WIRE_DIAMETERS_MM",
    "WIRE_KINDS",
    "Bead",
    "BeadSummary",
    "Imperfection",
    "JointGeometry",
    "WeldConditions",
    "WeldInputError",
    "WeldSamples",
    "bead_score",
    "cooling_time_t85_s",
    "current_at_ctwd_a",
    "design_throat_for_leg_mm",
    "find_imperfections",
    "heat_input_kj_mm",
    "level_profile",
    "nominal_throat_mm",
    "simulate_bead",
    "weld_level",
    "wire_feed_m_min",
]
