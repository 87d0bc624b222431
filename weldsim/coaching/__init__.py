"""Live technique coaching while teaching: gauges at the current pose and hints that say
which jog key brings a gauge back into its window. No drawing and no pygame: the pendant's
screens draw what this package computes.

API (stable; the pendant codes against it)
------------------------------------------
>>> from weldsim.coaching import Coach
>>> coach = Coach(scenario, robot)                 # or Coach(scenario, robot, cell=cell)
>>> r = coach.reading(q, travel_sign=None)         # TechniqueReading, every frame (<= 1 ms)
>>> r.gauge("work_angle").value, r.gauge("work_angle").state   # 44.8, "in"
>>> h = coach.hint(q, "TOOL", r)                   # Hint or None
>>> h.axis, h.sign, h.frame, render(h.message, "id")
>>> r.far, r.approach.start_mm                     # far from the seam: no gauge judged yet

* :class:`~weldsim.coaching.gauges.Coach`: ``reading(q, *, travel_sign)``,
  ``reading_at(T_world_tcp, *, travel_sign)`` (a planned or taught pose),
  ``hint(q, jog_frame, reading=None, *, travel_sign=None)``, ``window(name)``.
* :class:`~weldsim.coaching.gauges.TechniqueReading`: ``seam``, ``s_mm``,
  ``seam_length_mm``, ``gauges`` (in the order of :data:`GAUGE_NAMES`), ``tip_m``,
  ``aim_point_m``, ``drop_point_m``, ``drop_mm``, ``root_point_m`` (world frame, m),
  ``travel_sign``, ``off_seam_mm``, ``approach``, ``far``; ``gauge(name)``.
* :class:`~weldsim.coaching.approach.Approach`: ``far`` (the wire tip beyond
  :data:`~weldsim.coaching.approach.APPROACH_MM` of every seam, with hysteresis), ``seam``,
  ``seam_mm``, ``start_mm``, ``start_m``, ``message``. Far from the seam,
  :meth:`Coach.hint` gives the approach hint (``gauge`` ``"approach"``: the key that brings
  the wire tip toward the seam's start fastest).
* :class:`~weldsim.coaching.gauges.Gauge`: ``name``, ``value`` (deg / mm, NaN when not
  measurable), ``unit``, ``target``, ``low``/``high`` (the window's outer edges),
  ``state`` (``in`` / ``near`` / ``out`` / ``none``), ``label`` (a Message),
  ``full_low``/``full_high`` (the full-marks band).
* :class:`~weldsim.coaching.hints.Hint`: ``gauge``, ``axis`` (0..5 as the pendant's keys),
  ``sign``, ``frame``, ``message`` (a Message), ``rate``.

The gauges are the scoring's own per-sample metrics at one pose
(:mod:`weldsim.coaching.gauges` says how); the windows are the scenario's technique windows.
"""

from __future__ import annotations

from weldsim.coaching.approach import APPROACH_MM, Approach
from weldsim.coaching.gauges import GAUGE_NAMES, Coach, Gauge, TechniqueReading
from weldsim.coaching.hints import Hint

__all__ = ["APPROACH_MM", "GAUGE_NAMES", "Approach", "Coach", "Gauge", "Hint",
           "TechniqueReading"]
