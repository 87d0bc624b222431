"""Plain-words names, causes and fixes of the imperfections, in one table per language.

Keys: ``TITLES[lang][type]`` and ``TEXTS[lang][(type, cause)] = (cause, fix)``. Only English
exists now; an Indonesian table (``"id"``) goes next to it with the same keys, and
``tests/weld/test_texts.py`` checks every language has every key.
"""

from __future__ import annotations

__all__ = ["TEXTS", "TITLES", "cause_and_fix", "title"]

TITLES: dict[str, dict[str, str]] = {
    "en": {
        "undercut": "Undercut",
        "porosity": "Porosity (surface pores)",
        "lack_of_fusion": "Lack of fusion",
        "burn_through": "Burn-through",
        "humping": "Humping (bead in lumps)",
        "excess_convexity": "Too convex (excess weld metal)",
        "insufficient_throat": "Weld too small (throat too thin)",
        "excess_throat": "Weld too big (throat too thick)",
        "leg_asymmetry": "Unequal legs",
        "end_crater": "Crater at the weld end",
        "incomplete_weld": "Part of the seam not welded",
        "spatter": "Spatter",
    },
}

TEXTS: dict[str, dict[tuple[str, str], tuple[str, str]]] = {
    "en": {
        ("undercut", "arc_too_strong"): (
            "The arc melted a groove along the toe that the weld metal did not fill: the torch "
            "moved too fast for this current, or the current is too high for this weld size.",
            "Slow down to the WPS travel speed, or lower the current."),
        ("undercut", "voltage_high"): (
            "The arc is too long (voltage too high), so it melts the plate edge wide.",
            "Lower the voltage to the WPS value."),
        ("undercut", "work_angle"): (
            "The torch points too much at one plate, so the arc digs into that plate's toe.",
            "Hold the work angle at the WPS value (45 degrees in a T-joint)."),
        ("undercut", "weave_no_dwell"): (
            "The weave is wide and does not stop at the edges, so the edges are melted but "
            "not filled.",
            "Make the weave narrower or add a short dwell at each edge."),
        ("porosity", "ctwd_long"): (
            "The torch is too far from the work (long contact-tip-to-work distance): the gas "
            "no longer covers the pool and air gets in.",
            "Keep the contact tip at the WPS distance (about 15 mm) from the work."),
        ("porosity", "gas_flow"): (
            "The shielding gas flow is wrong: too little gas lets air in, too much makes it "
            "turbulent and pulls air in.",
            "Set the gas flow to the WPS value (15-20 L/min) and check the nozzle."),
        ("porosity", "travel_angle"): (
            "The torch leans too far along the seam (more than 20 degrees), so the gas blows "
            "away from the pool.",
            "Lean the torch about 10 degrees, pushing, never more than 20."),
        ("porosity", "too_fast"): (
            "The torch moves so fast that the gas cannot follow the pool.",
            "Slow down to the WPS travel speed."),
        ("lack_of_fusion", "aim_off_root"): (
            "The wire did not point at the root, so the weld metal lies on the plates without "
            "melting into the root.",
            "Aim the wire at the root line (within 0.5 mm)."),
        ("lack_of_fusion", "low_heat"): (
            "Too little heat reached the joint (current too low, too fast, or the contact tip "
            "too far away), so the weld did not melt into the plates.",
            "Use the WPS current and speed and keep the contact tip at the WPS distance."),
        ("lack_of_fusion", "pool_riding"): (
            "The torch moved so slowly that the molten pool ran ahead of the arc, and the arc "
            "melted the pool instead of the plates (cold lap).",
            "Move at the WPS travel speed so the arc stays at the front of the pool."),
        ("burn_through", "current_high_slow"): (
            "The arc melted through the plate: too much current for this thickness, or too "
            "slow.",
            "Lower the current or move faster; follow the WPS for this plate thickness."),
        ("burn_through", "gap_wide"): (
            "The gap between the plates is too wide, so the pool dropped through.",
            "Close the gap when fitting up, or use a backing."),
        ("humping", "too_fast"): (
            "At this high speed and current the molten metal gathers in lumps with valleys "
            "between them.",
            "Slow down to the WPS travel speed."),
        ("excess_convexity", "voltage_low"): (
            "The voltage is too low for the current, so the bead stands up narrow and round "
            "instead of wetting the plates.",
            "Raise the voltage to the WPS value."),
        ("excess_convexity", "too_fast"): (
            "The torch moved too fast, so the bead is narrow and round.",
            "Slow down to the WPS travel speed."),
        ("insufficient_throat", "too_fast"): (
            "The weld is too small because the torch moved too fast: less metal per millimetre.",
            "Slow down to the WPS travel speed."),
        ("insufficient_throat", "legs_unequal"): (
            "One leg is much shorter than the other, so the throat is too thin.",
            "Aim at the root and hold the work angle so both legs grow equally."),
        ("insufficient_throat", "bead_too_small"): (
            "The welding conditions give too little metal for this weld size (current or wire "
            "feed too low).",
            "Use the WPS current and wire feed."),
        ("excess_throat", "too_slow"): (
            "The torch moved too slowly, so too much metal went into the weld.",
            "Move at the WPS travel speed."),
        ("excess_throat", "bead_too_large"): (
            "The welding conditions give more metal than this weld needs (current or wire feed "
            "too high).",
            "Use the WPS current and wire feed."),
        ("excess_throat", "stop_or_overlap"): (
            "The torch stopped with the arc on, or welded the same place twice (restart over "
            "the bead), leaving a lump.",
            "Do not pause with the arc on; start a restart at the end crater, not on the bead."),
        ("leg_asymmetry", "aim"): (
            "The wire did not point at the root, so the metal went more onto one plate.",
            "Aim the wire at the root line (within 0.5 mm)."),
        ("leg_asymmetry", "work_angle"): (
            "The work angle is wrong, so the arc pushed the metal onto one plate.",
            "Hold the work angle at the WPS value (45 degrees in a T-joint)."),
        ("leg_asymmetry", "gravity"): (
            "The pool is too big for a horizontal fillet and sagged onto the lower plate.",
            "Make this size of weld in two passes, or lower the wire feed and go faster."),
        ("spatter", "ctwd"): (
            "The contact tip is too far from or too close to the work, so the arc is unstable.",
            "Keep the contact tip at the WPS distance (about 15 mm)."),
        ("spatter", "travel_angle"): (
            "The torch leans too far along the seam, so the arc is unstable.",
            "Lean the torch about 10 degrees, never more than 20."),
        ("spatter", "voltage_high"): (
            "The voltage is too high for the current (long arc): big drops fly off.",
            "Lower the voltage to the WPS value."),
        ("spatter", "voltage_low"): (
            "The voltage is too low for the current: the wire stubs into the pool and throws "
            "metal.",
            "Raise the voltage to the WPS value."),
        ("end_crater", "no_crater_fill"): (
            "The arc stopped without filling the crater, leaving a hollow at the weld end.",
            "Use crater fill at the arc end (AE with a crater time of about 0.5 s)."),
        ("end_crater", "crater_fill_short"): (
            "The crater fill was too short or its current too low to fill the hollow.",
            "Make the crater time longer or its current higher (about 60-70 % of the weld "
            "current for 0.5 s)."),
        ("incomplete_weld", "not_welded"): (
            "This part of the seam has no weld: the arc was off here.",
            "Start the arc at the seam start and end it at the seam end; do not leave gaps."),
    },
}


def title(kind: str, lang: str = "en") -> str:
    """The imperfection's name in a language."""
    return TITLES[lang][kind]


def cause_and_fix(kind: str, cause: str, lang: str = "en") -> tuple[str, str]:
    """``(cause, fix)`` in plain words for an imperfection kind and cause key."""
    return TEXTS[lang][(kind, cause)]
