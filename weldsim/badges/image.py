"""The badge picture, drawn by code: a medal in the achievement's colour with its label, a weld
bead and a ribbon naming the ISO 5817 level, as SVG (small, for inside the credential) and PNG.

Deterministic: the same achievement gives the same bytes (no dates, fixed ids, text kept as
text in the SVG).
"""

from __future__ import annotations

import io

__all__ = ["BADGE_PX", "badge_png", "badge_svg"]

BADGE_PX = 512
"""Width and height of the PNG badge (pixels)."""

_AMBER = "#f2a900"
_AMBER_DARK = "#b87800"
_PAPER = "#fbfaf6"


def _mix(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` towards ``other`` (both ``#rrggbb``)."""
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def _figure(label: str, color: str, ribbon: str, top: str):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.patches import (
        Arc,
        Circle,
        FancyBboxPatch,
        Polygon,
        Rectangle,
        RegularPolygon,
    )

    fig = Figure(figsize=(BADGE_PX / 100, BADGE_PX / 100), dpi=100)
    fig.patch.set_alpha(0.0)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.axis("off")
    dark = _mix(color, "#000000", 0.35)
    light = _mix(color, "#ffffff", 0.85)
    # a 24-point rosette behind the medal, the rings and the face
    ax.add_patch(RegularPolygon((0.5, 0.53), 24, radius=0.47, facecolor=dark, edgecolor="none"))
    ax.add_patch(RegularPolygon((0.5, 0.53), 24, radius=0.47, orientation=3.14159 / 24,
                                facecolor=dark, edgecolor="none"))
    ax.add_patch(Circle((0.5, 0.53), 0.425, facecolor=color, edgecolor="none"))
    ax.add_patch(Circle((0.5, 0.53), 0.385, facecolor=_AMBER, edgecolor="none"))
    ax.add_patch(Circle((0.5, 0.53), 0.365, facecolor=_PAPER, edgecolor="none"))
    ax.add_patch(Circle((0.5, 0.53), 0.335, facecolor="none", edgecolor=light, linewidth=2.0))
    ax.text(0.5, 0.775, top, ha="center", va="center", fontsize=17, fontweight="bold",
            color=dark, family="DejaVu Sans")
    # the weld bead between two plates, seen from above: a band with its ripples
    plate = _mix(color, "#9aa3ad", 0.7)
    ax.add_patch(Rectangle((0.25, 0.648), 0.5, 0.05, facecolor=plate, edgecolor="none"))
    ax.add_patch(Rectangle((0.25, 0.588), 0.5, 0.05, facecolor=_mix(plate, "#ffffff", 0.25),
                           edgecolor="none"))
    ax.add_patch(FancyBboxPatch((0.29, 0.618), 0.42, 0.04,
                                boxstyle="round,pad=0,rounding_size=0.02",
                                facecolor=_AMBER, edgecolor=_AMBER_DARK, linewidth=1.2))
    for k in range(11):
        ax.add_patch(Arc((0.3 + k * 0.037, 0.638), 0.05, 0.04, theta1=-75, theta2=75,
                         edgecolor=_AMBER_DARK, linewidth=1.3))
    ax.text(0.5, 0.46, label, ha="center", va="center", fontsize=84, fontweight="bold",
            color=color, family="DejaVu Sans")
    # the ribbon across the lower part, with notched tails
    tail = dict(facecolor=_AMBER_DARK, edgecolor="none")
    ax.add_patch(Polygon([(0.06, 0.27), (0.2, 0.27), (0.2, 0.17), (0.06, 0.17), (0.1, 0.22)],
                         **tail))
    ax.add_patch(Polygon([(0.94, 0.27), (0.8, 0.27), (0.8, 0.17), (0.94, 0.17), (0.9, 0.22)],
                         **tail))
    ax.add_patch(Rectangle((0.14, 0.19), 0.72, 0.11, facecolor=_AMBER, edgecolor="none"))
    ax.text(0.5, 0.245, ribbon, ha="center", va="center", fontsize=21, fontweight="bold",
            color="#2b2b2b", family="DejaVu Sans")
    return fig


def badge_svg(label: str, color: str, ribbon: str, top: str = "weldsim") -> bytes:
    """The badge as an SVG document (UTF-8 bytes).

    Parameters
    ----------
    label : str
        At most 4 characters in the middle (``"2F"``).
    color : str
        Main colour, ``#rrggbb``.
    ribbon : str
        Text on the ribbon (``"ISO 5817 · C"``).
    top : str
        Small text above the bead.
    """
    import matplotlib

    fig = _figure(label, color, ribbon, top)
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "weldsim-badge",
                                "svg.image_inline": True}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None},
                    transparent=True)
    return buf.getvalue()


def badge_png(label: str, color: str, ribbon: str, top: str = "weldsim") -> bytes:
    """The badge as a :data:`BADGE_PX` square PNG with a transparent background."""
    fig = _figure(label, color, ribbon, top)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, transparent=True, metadata={"Software": None})
    return buf.getvalue()
