"""The bounds a job is checked against (sizes of the file, ranges of values).

The value ranges are the **equipment's** setting ranges: the parser refuses only what no
welding machine or robot can be set to. Anything a machine can be set to (3 L/min of gas,
340 A on a 6 mm plate, 25 cm/min) parses, and the process model and the scenario's WPS judge
it (porosity, overlap, a setup point lost), so a trainee can make the real mistake and see
its consequence.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MAX_CONDITION_NUMBER", "MAX_POSITION_NUMBER", "JobLimits"]

MAX_POSITION_NUMBER = 9999
"""``P<n>``: n is 1-9999 (job-format.md)."""

MAX_CONDITION_NUMBER = 99
"""``ASC``/``AEC``/``WVC <n>``: n is 1-99 (job-format.md)."""


@dataclass(frozen=True, slots=True)
class JobLimits:
    """Limits of a job file and of the values in it.

    The defaults suit the Daihen-style 6-axis arms with a 350 A power source the training
    center uses. Ranges are inclusive. Positions only get a sanity bound here: whether the
    robot can reach them, within its joint limits, is checked by the motion planner, which
    knows the robot.

    Attributes
    ----------
    max_bytes : int
        Largest job file [bytes] (1 MiB).
    max_lines : int
        Most lines in a job file.
    max_diagnostics : int
        The parser stops after this many problems (and says so).
    min_current_a, max_current_a : float
        Welding and crater current [A]: the power source's setting range (10 A to its 350 A
        rating).
    min_voltage_v, max_voltage_v : float
        Arc voltage [V]: the power source's setting range.
    min_weld_speed_m_s, max_weld_speed_m_s : float
        Welding speed ``S=`` of an arc-start condition [m/s] (0.6 cm/min to 12 m/min: any
        speed the robot can be told to weld at; whether it suits the weld is the process
        model's and the WPS's judgement, never a syntax error).
    min_move_speed_m_s, max_move_speed_m_s : float
        TCP speed ``S=``/``V=`` of MOVEL/MOVEC [m/s] (0.1 mm/s to 2000 mm/s).
    min_wfs_m_min, max_wfs_m_min : float
        Wire feed speed [m/min].
    min_flow_l_min, max_flow_l_min : float
        Gas flow [L/min]: the flowmeter's scale, 0 (gas off) to 50. Too little or too much gas
        is a porosity the process model finds, not a syntax error.
    max_crater_time_s : float
        Crater fill time ``T=`` [s] (from 0).
    min_amplitude_m, max_amplitude_m : float
        Weave amplitude (half width) [m].
    min_frequency_hz, max_frequency_hz : float
        Weave frequency [Hz].
    max_dwell_s : float
        Each weave dwell [s] (from 0).
    max_weave_angle_rad : float
        Weave plane tilt, ``-max..+max`` [rad] (90 deg).
    max_delay_s : float
        ``DELAY`` [s] (from 0).
    min_speed_pct, max_speed_pct : float
        ``R=``/``VJ=`` [%].
    max_joint_rad : float
        Sanity bound on a joint angle in ``J(...)``, ``-max..+max`` [rad] (720 deg).
    max_coordinate_m : float
        Sanity bound on x, y, z in ``X(...)``, ``-max..+max`` [m].
    max_rotation_rad : float
        Sanity bound on rx, ry, rz in ``X(...)``, ``-max..+max`` [rad] (360 deg).
    max_tool : int
        ``TOOL <n>``: n is 1..max_tool.
    max_user_frame : int
        ``FRAME USER<n>``: n is 1..max_user_frame.
    """

    max_bytes: int = 1 << 20
    max_lines: int = 100_000
    max_diagnostics: int = 1000
    min_current_a: float = 10.0
    max_current_a: float = 350.0
    min_voltage_v: float = 8.0
    max_voltage_v: float = 45.0
    min_weld_speed_m_s: float = 0.0001
    max_weld_speed_m_s: float = 0.2
    min_move_speed_m_s: float = 0.0001
    max_move_speed_m_s: float = 2.0
    min_wfs_m_min: float = 0.5
    max_wfs_m_min: float = 25.0
    min_flow_l_min: float = 0.0
    max_flow_l_min: float = 50.0
    max_crater_time_s: float = 10.0
    min_amplitude_m: float = 0.0001
    max_amplitude_m: float = 0.015
    min_frequency_hz: float = 0.1
    max_frequency_hz: float = 10.0
    max_dwell_s: float = 2.0
    max_weave_angle_rad: float = 1.5707963267948966
    max_delay_s: float = 600.0
    min_speed_pct: float = 1.0
    max_speed_pct: float = 100.0
    max_joint_rad: float = 12.566370614359172
    max_coordinate_m: float = 10.0
    max_rotation_rad: float = 6.283185307179586
    max_tool: int = 63
    max_user_frame: int = 63
