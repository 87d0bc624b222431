"""The virtual teach pendant.

The logic (:class:`Pendant`, the job editor, files, languages, scripts) imports no pygame and
is tested headless; only :mod:`weldsim.pendant.app` and the drawing modules import pygame.

>>> from weldsim.pendant import Pendant
>>> p = Pendant.open("jog-basics")
>>> p.servo_on(); p.set_deadman(True); p.jog_press(0, +1); p.tick(0.5); p.jog_release()
"""

from __future__ import annotations

from weldsim.pendant.controller import Pendant
from weldsim.pendant.state import (
    FRAMES_FIXED,
    SPEED_LEVELS,
    Alarm,
    Mode,
    SpeedLevel,
)

__all__ = ["FRAMES_FIXED", "SPEED_LEVELS", "Alarm", "Mode", "Pendant", "SpeedLevel"]
