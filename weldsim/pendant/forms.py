"""The condition forms (AS, AE, WS): fields with units and allowed ranges from
:class:`weldsim.program.JobLimits`, and the conditions they make."""

from __future__ import annotations

import math
from dataclasses import dataclass

from weldsim.program import JobLimits
from weldsim.program.model import (
    GASES,
    WEAVE_PATTERNS,
    ArcEndCondition,
    ArcStartCondition,
    WeaveCondition,
)

__all__ = ["FORMS", "Field", "FormError", "build_condition", "defaults"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a form.

    Attributes
    ----------
    name : str
        Key (also the message key ``field.<name>``).
    unit : str
        Unit shown on screen (``"A"``, ``"mm/s"``...); ``""`` for a choice.
    lo, hi : float
        Allowed range, inclusive, in ``unit``.
    default : float or str
    choices : tuple of str
        For a choice field (gas, pattern); empty for a number.
    step : float
        Change per +/- key press.
    """

    name: str
    unit: str
    lo: float
    hi: float
    default: float | str
    choices: tuple[str, ...] = ()
    step: float = 1.0


class FormError(ValueError):
    """A value outside its field's range: ``field``, ``value``, ``lo``, ``hi``, ``unit``."""

    def __init__(self, field: Field, value):
        super().__init__(f"{field.name}={value} outside {field.lo:g}-{field.hi:g} {field.unit}")
        self.field, self.value = field, value


def _forms(lim: JobLimits) -> dict[str, tuple[Field, ...]]:
    return {
        "AS": (
            Field("current", "A", lim.min_current_a, lim.max_current_a, 200.0, step=5.0),
            Field("voltage", "V", lim.min_voltage_v, lim.max_voltage_v, 22.0, step=0.5),
            Field("weld_speed", "cm/min", lim.min_weld_speed_m_s * 6000,
                  lim.max_weld_speed_m_s * 6000, 40.0, step=1.0),
            Field("gas", "", 0, 0, "MAG", choices=GASES),
            Field("flow", "L/min", lim.min_flow_l_min, lim.max_flow_l_min, 15.0, step=1.0),
        ),
        "AE": (
            Field("current", "A", lim.min_current_a, lim.max_current_a, 150.0, step=5.0),
            Field("voltage", "V", lim.min_voltage_v, lim.max_voltage_v, 19.0, step=0.5),
            Field("crater_time", "s", 0.0, lim.max_crater_time_s, 0.5, step=0.1),
        ),
        "WS": (
            Field("pattern", "", 0, 0, "SINE", choices=WEAVE_PATTERNS),
            Field("amplitude", "mm", lim.min_amplitude_m * 1000, lim.max_amplitude_m * 1000,
                  2.0, step=0.5),
            Field("frequency", "Hz", lim.min_frequency_hz, lim.max_frequency_hz, 1.5, step=0.1),
        ),
    }


FORMS: dict[str, tuple[Field, ...]] = _forms(JobLimits())
"""The fields of the AS, AE and WS forms."""


def defaults(kind: str) -> dict[str, float | str]:
    """A form's default values."""
    return {f.name: f.default for f in FORMS[kind]}


def _checked(kind: str, values: dict) -> dict:
    out = defaults(kind)
    out.update(values)
    for f in FORMS[kind]:
        v = out[f.name]
        if f.choices:
            if v not in f.choices:
                raise FormError(f, v)
        elif isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) \
                or not f.lo - 1e-9 <= v <= f.hi + 1e-9:
            raise FormError(f, v)
    return out


def build_condition(kind: str, values: dict, number: int | None = None):
    """The condition a filled form stands for.

    Parameters
    ----------
    kind : str
        ``"AS"``, ``"AE"`` or ``"WS"``.
    values : dict
        Field values in the fields' units (missing fields take their defaults).
    number : int, optional
        The table number.

    Raises
    ------
    FormError
        A value is outside its range.
    """
    v = _checked(kind, values)
    if kind == "AS":
        return ArcStartCondition(float(v["current"]), float(v["voltage"]),
                                 float(v["weld_speed"]) / 6000.0, gas=v["gas"],
                                 flow_l_min=float(v["flow"]), number=number,
                                 speed_unit="cm/min")
    if kind == "AE":
        return ArcEndCondition(float(v["current"]), float(v["voltage"]),
                               float(v["crater_time"]), number=number)
    return WeaveCondition(v["pattern"], float(v["amplitude"]) / 1000.0, float(v["frequency"]),
                          number=number)


def _lim() -> JobLimits:
    return JobLimits()


def speed_fields(unit: str) -> tuple[Field, ...]:
    """The teach speed form: MOVEP R [%], MOVEL/MOVEC speed in ``unit`` and the unit."""
    from weldsim.program import SPEED_UNITS

    lim, k = _lim(), SPEED_UNITS[unit]
    return (
        Field("movep_pct", "%", lim.min_speed_pct, lim.max_speed_pct, 20.0, step=5.0),
        Field("linear", unit, round(lim.min_move_speed_m_s * k, 6),
              round(lim.max_move_speed_m_s * k, 6), 50.0, step=5.0 if unit == "mm/s" else 30.0),
        Field("unit", "", 0, 0, unit, choices=("mm/s", "cm/min")),
    )


def line_speed_fields(value: float, unit: str) -> tuple[Field, ...]:
    """The form of the current move's speed (``%`` for MOVEP, else mm/s or cm/min)."""
    from weldsim.program import SPEED_UNITS

    lim = _lim()
    if unit == "%":
        return (Field("speed", "%", lim.min_speed_pct, lim.max_speed_pct, value, step=5.0),)
    k = SPEED_UNITS[unit]
    return (Field("speed", unit, round(lim.min_move_speed_m_s * k, 6),
                  round(lim.max_move_speed_m_s * k, 6), value,
                  step=5.0 if unit == "mm/s" else 30.0),)


def delay_fields() -> tuple[Field, ...]:
    """The DELAY form: seconds, 0 to the job language's limit."""
    return (Field("seconds", "s", 0.0, _lim().max_delay_s, 0.5, step=0.1),)


def check_values(fields: tuple[Field, ...], values: dict) -> dict:
    """``values`` checked against ``fields`` (missing ones take the defaults).

    Raises
    ------
    FormError
        A value outside its field's range or choices.
    """
    out = {f.name: f.default for f in fields}
    out.update(values)
    for f in fields:
        v = out[f.name]
        if f.choices:
            if v not in f.choices:
                raise FormError(f, v)
        elif isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) \
                or not f.lo - 1e-9 <= v <= f.hi + 1e-9:
            raise FormError(f, v)
    return out


def wps_values(kind: str, scenario) -> dict:
    """A form's starting values from the exercise's WPS (nominal current, voltage, speed,
    gas, flow for AS); the plain defaults where the WPS says nothing."""
    values = defaults(kind)
    wps = getattr(scenario, "wps", None)
    if wps is None or kind != "AS":
        return values
    values["current"] = float(wps.current_a.nominal)
    values["voltage"] = float(wps.voltage_v.nominal)
    values["weld_speed"] = round(float(wps.speed_mm_s.nominal) * 6.0, 3)
    if wps.gas in GASES:
        values["gas"] = wps.gas
    values["flow"] = float(wps.flow_l_min.nominal)
    return values


def wps_windows(kind: str, scenario) -> dict[str, tuple[float, float]]:
    """The WPS window of each field it covers, in the field's unit: ``{name: (lo, hi)}``
    (the AS form's current, voltage, weld speed and flow; nothing for the others)."""
    wps = getattr(scenario, "wps", None)
    if wps is None:
        return {}
    if kind == "AS":
        return {"current": (wps.current_a.min, wps.current_a.max),
                "voltage": (wps.voltage_v.min, wps.voltage_v.max),
                "weld_speed": (round(wps.speed_mm_s.min * 6.0, 3),
                               round(wps.speed_mm_s.max * 6.0, 3)),
                "flow": (wps.flow_l_min.min, wps.flow_l_min.max)}
    return {}
