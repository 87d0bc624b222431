"""weldsim: an arc-welding robot training simulator.

A virtual teach pendant, the job language, exact kinematics of 6-axis welding arms, a physical
cell in pybullet, a weld process model and scoring like a welding instructor's.
"""

from weldsim._cache import configure_numba_cache

configure_numba_cache()

from weldsim.errors import WeldsimError  # noqa: E402  (the cache must be set before numba loads)

__version__ = "0.1.0"
__all__ = ["WeldsimError", "__version__"]
