"""Load exercises (scenarios) from TOML, rejecting anything unknown, missing or impossible.

The format is described in ``docs/scenario-format.md``. Bundled scenarios live in
``weldsim/scenarios/data/<id>.toml`` with their reference program ``<id>.job`` beside them.
Every error names the file, the line and the key.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import numpy as np

from weldsim.errors import UnknownScenarioError
from weldsim.i18n import Message
from weldsim.kinematics import bundled_robot_ids, load_robot_spec, make_pose, rpy_to_matrix
from weldsim.scenarios.bounds import check_bounds
from weldsim.scenarios.geometry import polygon_signed_distance, solid_signed_distance
from weldsim.scenarios.spec import (
    COACHING_MODES,
    JOINT_TYPES,
    PRACTICE,
    SOLID_ROLES,
    WEAVE_PATTERNS,
    WELD_POSITIONS,
    BeadNominal,
    Range,
    Requirements,
    Rubric,
    Scenario,
    Seam,
    Solid,
    Target,
    Text,
    WeaveRequirement,
    Window,
    Wps,
)
from weldsim.tomlfile import StrictTable, bundled_ids, read_toml_file, resolve_bundled

__all__ = ["SCENARIOS_DIR", "bundled_scenario_ids", "load_scenario"]

#: Folder of the bundled scenarios.
SCENARIOS_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_VERSION = 1
#: A seam point may lie this far from the workpiece's surface (m).
SEAM_ON_WORK_TOL_M = 1.0e-3
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
_FRAME = re.compile(r"^user([1-9][0-9]?)$")
_DEFAULT_COLORS = {
    "workpiece": (0.62, 0.64, 0.67),
    "backing": (0.72, 0.45, 0.20),
    "fixture": (0.30, 0.32, 0.36),
    "clamp": (0.85, 0.55, 0.10),
    "table": (0.40, 0.42, 0.45),
    "marker": (0.90, 0.15, 0.15),
}
#: Windows of welding.md section 1, for those a scenario leaves out (weaving only).
_WEAVE_DEFAULTS = {"weave_amplitude_mm": (0.5, 1.5), "weave_frequency_pct": (10.0, 30.0)}
_TECHNIQUE = ("aim", "ctwd", "travel_speed", "work_angle", "travel_angle")


def bundled_scenario_ids() -> list[str]:
    """Ids of the scenarios shipped with weldsim, sorted."""
    return bundled_ids(SCENARIOS_DIR)


def load_scenario(scenario: str | Path) -> Scenario:
    """Read and check an exercise.

    Parameters
    ----------
    scenario : str or pathlib.Path
        A bundled id (``"t-fillet-2f"``) or the path of a TOML file.

    Raises
    ------
    UnknownScenarioError
        Neither a bundled id nor a path.
    ModelFileError
        Unreadable, not TOML, or an unknown, missing or impossible key; a seam off the
        workpiece; a WPS with min > max. The message gives the file, line and key.
    """
    path = resolve_bundled(scenario, SCENARIOS_DIR, "scenario", UnknownScenarioError)
    data, text = read_toml_file(path, "scenario file")
    check_bounds(data, str(path), text)  # before any value sizes an array
    top = StrictTable(data, "", str(path), text)
    return _Reader(top, path).read()


class _Reader:
    def __init__(self, top: StrictTable, path: Path):
        self.top = top
        self.path = path

    # -- helpers ----------------------------------------------------------------------------
    def text(self, key: str) -> Text:
        t = self.top.table(key)
        out = Text(en=t.string("en"), id=t.string("id"))
        t.finish()
        return out

    def range_(self, t: StrictTable, key: str, lo: float, hi: float) -> Range:
        r = t.table(key)
        vmin = r.number("min", lo=lo, hi=hi)
        vnom = r.number("nominal", lo=lo, hi=hi)
        vmax = r.number("max", lo=lo, hi=hi)
        r.finish()
        if vmin > vmax:
            raise t.fail(key, Message.of("modes.scen.min_above_max", min=f"{vmin:g}",
                                         max=f"{vmax:g}"))
        if not vmin <= vnom <= vmax:
            raise t.fail(key, Message.of("modes.scen.nominal_outside", nominal=f"{vnom:g}",
                                         min=f"{vmin:g}", max=f"{vmax:g}"))
        return Range(vmin, vnom, vmax)

    def pose(self, t: StrictTable, origin_key: str, frames: dict[str, np.ndarray]) -> np.ndarray:
        """``T_world_x`` from ``frame`` (optional, default world), ``origin_key`` (mm) and
        ``rpy_deg`` (optional)."""
        frame = self.frame_of(t, frames)
        xyz = t.vector(origin_key, 3) / 1000.0
        rpy = np.radians(t.vector("rpy_deg", 3)) if t.has("rpy_deg") else np.zeros(3)
        return frame @ make_pose(rpy_to_matrix(*rpy), xyz)

    def frame_of(self, t: StrictTable, frames: dict[str, np.ndarray]) -> np.ndarray:
        if not t.has("frame"):
            return np.eye(4)
        name = t.string("frame")
        if name == "world":
            return np.eye(4)
        if name not in frames:
            known = ", ".join(["world", *sorted(frames)])
            raise t.fail("frame", Message.of("modes.scen.unknown_frame", name=repr(name),
                                             known=known))
        return frames[name]

    # -- the file ----------------------------------------------------------------------------
    def read(self) -> Scenario:
        top = self.top
        version = top.integer("schema_version", lo=1, hi=1_000_000)
        if version != SCHEMA_VERSION:
            raise top.fail("schema_version", Message.of(
                "modes.scen.schema_version", version=str(version), supported=SCHEMA_VERSION))
        sid = top.string("id")
        if not _ID.match(sid):
            raise top.fail("id", Message.of("modes.scen.bad_id"))
        content_version = top.integer("version", lo=1, hi=1_000_000)
        title = self.text("title")
        instructions = self.text("instructions")
        difficulty = top.integer("difficulty", lo=1, hi=5)
        cycle_target = top.number("cycle_time_target_s", lo=0.0, hi=3600.0, lo_open=True)

        robot_id, tool, home_q, T_world_base = self.robot()
        frames = self.frames()
        solids = tuple(self.solid(t, frames) for t in top.tables("solids"))
        names = [s.name for s in solids]
        if len(set(names)) != len(names):
            raise top.fail("solids", Message.of("modes.scen.solid_names", names=str(names)))

        wps = self.wps() if top.has("wps") else None
        seams = tuple(self.seam(t, frames) for t in top.tables("seams")) if top.has(
            "seams") else ()
        if wps is not None and not seams:
            raise top.fail("seams", Message.of("modes.scen.needs_seams"))
        if seams and wps is None:
            raise top.fail("wps", Message.of("modes.scen.needs_wps"))
        self.check_seams_on_work(seams, solids, top)
        ids = [s.id for s in seams]
        if len(set(ids)) != len(ids):
            raise top.fail("seams", Message.of("modes.scen.seam_ids", ids=str(ids)))

        bead = self.bead() if top.has("bead") else None
        if wps is not None and bead is None:
            raise top.fail("bead", Message.of("modes.scen.needs_bead"))
        windows = self.windows() if top.has("windows") else {}
        if wps is not None and not windows:
            raise top.fail("windows", Message.of("modes.scen.needs_windows"))
        rubric = self.rubric() if top.has("rubric") else None
        if wps is not None and rubric is None:
            raise top.fail("rubric", Message.of("modes.scen.needs_rubric"))
        level = top.string("required_level", ("B", "C", "D")) if top.has(
            "required_level") else None
        if wps is not None and level is None:
            raise top.fail("required_level", Message.of("modes.scen.needs_level"))
        requirements = self.requirements(seams, wps) if top.has("requirements") else \
            Requirements(arc_on_seam_only=bool(seams),
                         crater_fill=bool(wps is not None and wps.crater_fill))
        targets = tuple(self.target(t, frames) for t in top.tables("targets")) if top.has(
            "targets") else ()
        if not seams and not targets:
            raise top.fail("targets", Message.of("modes.scen.needs_targets"))
        mode = self.coaching_mode() if top.has("coaching") else PRACTICE
        top.finish()
        return Scenario(
            id=sid, version=content_version, title=title, instructions=instructions,
            difficulty=difficulty, robot=robot_id, tool=tool, home_q=home_q,
            T_world_base=T_world_base, frames=frames, solids=solids, seams=seams, wps=wps,
            bead=bead, windows=windows, rubric=rubric, required_level=level,
            requirements=requirements,
            cycle_time_target_s=cycle_target, targets=targets, source=self.path.resolve(),
            coaching_mode=mode,
        )

    def coaching_mode(self) -> str:
        """``[coaching] mode``: ``practice`` (the default) or ``exam``."""
        t = self.top.table("coaching")
        mode = t.string("mode", COACHING_MODES) if t.has("mode") else PRACTICE
        t.finish()
        return mode

    def robot(self):
        t = self.top.table("robot")
        robot_id = t.string("id")
        if robot_id not in bundled_robot_ids():
            raise t.fail("id", Message.of("modes.scen.unknown_robot", robot=repr(robot_id),
                                          robots=", ".join(bundled_robot_ids())))
        spec = load_robot_spec(robot_id)
        tool = t.integer("tool", lo=0, hi=99)
        numbers = [tl.number for tl in spec.tools]
        if tool != 0 and tool not in numbers:
            raise t.fail("tool", Message.of("modes.scen.no_tool", robot=repr(robot_id),
                                            tool=tool,
                                            tools=", ".join(str(n) for n in numbers)))
        home = np.radians(t.vector("home_deg", 6))
        outside = (home < spec.joints.lower_rad - 1e-9) | (home > spec.joints.upper_rad + 1e-9)
        if outside.any():
            j = int(np.argmax(outside))
            raise t.fail("home_deg", Message.of(
                "modes.scen.home_outside", joint=j + 1, value=f"{np.degrees(home[j]):g}",
                lower=f"{np.degrees(spec.joints.lower_rad[j]):g}",
                upper=f"{np.degrees(spec.joints.upper_rad[j]):g}"))
        xyz = t.vector("base_position_mm", 3) / 1000.0 if t.has("base_position_mm") else np.zeros(3)
        rpy = np.radians(t.vector("base_rpy_deg", 3)) if t.has("base_rpy_deg") else np.zeros(3)
        t.finish()
        return robot_id, tool, home, make_pose(rpy_to_matrix(*rpy), xyz)

    def frames(self) -> dict[str, np.ndarray]:
        if not self.top.has("frames"):
            return {}
        ft = self.top.table("frames")
        frames = {}
        for name in list(ft.data):
            if not _FRAME.match(name):
                raise ft.fail(name, Message.of("modes.scen.frame_name"))
            t = ft.table(name)
            xyz = t.vector("origin_mm", 3) / 1000.0
            rpy = np.radians(t.vector("rpy_deg", 3))
            t.finish()
            frames[name] = make_pose(rpy_to_matrix(*rpy), xyz)
        ft.finish()
        return frames

    def solid(self, t: StrictTable, frames) -> Solid:
        name = t.string("name")
        role = t.string("role", SOLID_ROLES)
        shape = t.string("shape", ("box", "prism", "cylinder"))
        if t.has("color"):
            rgb = t.vector("color", 3)
            if ((rgb < 0) | (rgb > 1)).any():
                raise t.fail("color", Message.of("modes.scen.color"))
            rgba = (*map(float, rgb), 1.0)
        else:
            rgba = (*_DEFAULT_COLORS[role], 1.0)
        frame = self.frame_of(t, frames)
        kwargs: dict = {}
        if shape == "box":
            T = self.pose(t, "center_mm", frames)
            size = t.vector("size_mm", 3) / 1000.0
            if (size <= 0).any():
                raise t.fail("size_mm", Message.of("modes.scen.size"))
            kwargs["size_m"] = tuple(map(float, size))
        elif shape == "prism":
            T = frame
            profile = t.matrix("profile_yz_mm", 2, min_rows=3) / 1000.0
            x = t.vector("x_mm", 2) / 1000.0
            if not x[0] < x[1]:
                raise t.fail("x_mm", Message.of("modes.scen.x_range"))
            if not _convex(profile):
                raise t.fail("profile_yz_mm", Message.of("modes.scen.profile"))
            kwargs.update(profile_m=profile, x_range_m=(float(x[0]), float(x[1])))
        else:
            T = self.pose(t, "center_mm", frames)
            kwargs["radius_m"] = t.number("radius_mm", lo=0.0, hi=5000.0, lo_open=True) / 1000
            kwargs["length_m"] = t.number("length_mm", lo=0.0, hi=5000.0, lo_open=True) / 1000
            if t.has("inner_radius_mm"):
                inner = t.number("inner_radius_mm", lo=0.0, hi=5000.0) / 1000
                if inner >= kwargs["radius_m"]:
                    raise t.fail("inner_radius_mm", Message.of("modes.scen.inner_radius"))
                kwargs["inner_radius_m"] = inner
        t.finish()
        return Solid(name=name, role=role, shape=shape, T_world_solid=T, rgba=rgba, **kwargs)

    def seam(self, t: StrictTable, frames) -> Seam:
        sid = t.string("id")
        frame_name = t.string("frame") if t.has("frame") else "world"
        frame = self.frame_of(t, frames)
        kind = t.string("kind", ("line", "polyline", "circle"))
        R, o = frame[:3, :3], frame[:3, 3]
        extra: dict = {}
        if kind == "circle":
            c = t.vector("center_mm", 3) / 1000.0
            r = t.number("radius_mm", lo=0.0, hi=5000.0, lo_open=True) / 1000.0
            start = math.radians(t.number("start_deg", lo=-360.0, hi=360.0))
            sweep = math.radians(t.number("sweep_deg", lo=-360.0, hi=360.0))
            if sweep == 0.0:
                raise t.fail("sweep_deg", Message.of("modes.scen.sweep"))
            steps = max(2, math.ceil(abs(math.degrees(sweep)) / 0.5) + 1)
            a = start + np.linspace(0.0, sweep, steps)
            local = np.stack([c[0] + r * np.cos(a), c[1] + r * np.sin(a),
                              np.full_like(a, c[2])], axis=1)
            points = local @ R.T + o
            extra = dict(center_m=R @ c + o, axis=R[:, 2].copy(), radius_m=r, sweep_rad=sweep)
        else:
            local = t.matrix("points_mm", 3, min_rows=2) / 1000.0
            if kind == "line" and len(local) != 2:
                raise t.fail("points_mm", Message.of("modes.scen.line_points"))
            seg = np.linalg.norm(np.diff(local, axis=0), axis=1)
            if (seg < 1e-4).any():
                raise t.fail("points_mm", Message.of("modes.scen.points_apart"))
            points = local @ R.T + o
        joint = t.string("joint", JOINT_TYPES)
        thickness = t.vector("thickness_mm", 2)
        if ((thickness <= 0) | (thickness > 200)).any():
            raise t.fail("thickness_mm", Message.of("modes.scen.thickness"))
        gap = t.number("root_gap_mm", lo=0.0, hi=20.0) if t.has("root_gap_mm") else 0.0
        bevel = t.number("bevel_deg", lo=0.0, hi=90.0) if t.has("bevel_deg") else 0.0
        position = t.string("position", WELD_POSITIONS)
        normals = []
        for key in ("lower_normal", "upper_normal"):
            value = t.raw(key)
            if isinstance(value, str):
                if value not in ("radial", "-radial") or kind != "circle":
                    raise t.fail(key, Message.of("modes.scen.normal"))
                normals.append(value)
            else:
                v = t.vector(key, 3)
                if np.linalg.norm(v) < 1e-9:
                    raise t.fail(key, Message.of("modes.scen.zero_vector"))
                normals.append(R @ (v / np.linalg.norm(v)))
        t.finish()
        return Seam(id=sid, kind="circle" if kind == "circle" else "polyline",
                    frame=frame_name, points_m=points, joint=joint,
                    thickness_mm=(float(thickness[0]), float(thickness[1])), root_gap_mm=gap,
                    bevel_deg=bevel, position=position, lower_normal=normals[0],
                    upper_normal=normals[1], **extra)

    def check_seams_on_work(self, seams, solids, top: StrictTable) -> None:
        work = [s for s in solids if s.role == "workpiece"]
        for k, seam in enumerate(seams):
            if not work:
                raise top.fail("solids", Message.of("modes.scen.needs_workpiece"))
            pts = _densify(seam.points_m, 0.002)
            d = np.min([np.abs(solid_signed_distance(s, pts)) for s in work], axis=0)
            worst = int(np.argmax(d))
            if d[worst] > SEAM_ON_WORK_TOL_M:
                where = pts[worst] * 1000.0
                raise top.fail(f"seams[{k}]", Message.of(
                    "modes.scen.seam_off_work", seam=repr(seam.id),
                    point=f"({where[0]:.1f}, {where[1]:.1f}, {where[2]:.1f})",
                    distance=f"{d[worst] * 1000:.1f}"))

    def wps(self) -> Wps:
        t = self.top.table("wps")
        wire = t.string("wire")
        diameter = t.number("wire_diameter_mm", lo=0.6, hi=2.0)
        gas = t.string("gas", ("CO2", "MAG", "MIG"))
        current = self.range_(t, "current_a", 10.0, 600.0)
        voltage = self.range_(t, "voltage_v", 8.0, 50.0)
        speed = self.range_(t, "speed_cm_min", 1.0, 300.0)
        ctwd = self.range_(t, "ctwd_mm", 3.0, 40.0)
        flow = self.range_(t, "flow_l_min", 3.0, 40.0)
        wfs = self.range_(t, "wfs_m_min", 0.5, 30.0) if t.has("wfs_m_min") else None
        crater = t.boolean("crater_fill")
        t.finish()
        cm_min = 10.0 / 60.0  # 1 cm/min in mm/s
        speed_mm_s = Range(speed.min * cm_min, speed.nominal * cm_min, speed.max * cm_min)
        return Wps(wire, diameter, gas, current, voltage, speed_mm_s, ctwd, flow, wfs, crater)

    def bead(self) -> BeadNominal:
        t = self.top.table("bead")
        leg = t.number("leg_mm", lo=0.0, hi=30.0) if t.has("leg_mm") else 0.0
        throat = t.number("throat_mm", lo=0.0, hi=30.0) if t.has("throat_mm") else 0.0
        width = t.number("width_mm", lo=0.0, hi=60.0) if t.has("width_mm") else 0.0
        t.finish()
        if leg == 0.0 and throat == 0.0 and width == 0.0:
            raise self.top.fail("bead", Message.of("modes.scen.bead_empty"))
        if throat == 0.0 and leg > 0.0:
            # drawings give the throat in 0.5 mm steps below 0.707 leg (a 6 mm leg is a4)
            throat = max(0.5, math.floor(leg / math.sqrt(2.0) / 0.5 + 1e-9) * 0.5)
        return BeadNominal(leg, throat, width)

    def requirements(self, seams, wps) -> Requirements:
        """``[requirements]``: what the instructions demand (docs/scenario-format.md)."""
        t = self.top.table("requirements")
        if not seams:
            raise self.top.fail("requirements", Message.of("modes.scen.requirements"))
        on_seam = t.boolean("arc_on_seam_only") if t.has("arc_on_seam_only") else True
        crater = t.boolean("crater_fill") if t.has("crater_fill") else bool(
            wps is not None and wps.crater_fill)
        overlap = t.number("restart_overlap_mm", lo=0.0, hi=100.0) if t.has(
            "restart_overlap_mm") else 0.0
        order: tuple[str, ...] = ()
        if t.has("seam_order"):
            raw = t.raw("seam_order")
            ids = [s.id for s in seams]
            if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
                raise t.fail("seam_order", Message.of("modes.scen.seam_order"))
            unknown = [x for x in raw if x not in ids]
            if unknown:
                raise t.fail("seam_order", Message.of("modes.scen.unknown_seam",
                                                      seam=repr(unknown[0]),
                                                      seams=", ".join(ids)))
            if len(set(raw)) != len(raw):
                raise t.fail("seam_order", Message.of("modes.scen.seam_twice"))
            order = tuple(raw)
        weave = self.weave_requirement(t.table("weave")) if t.has("weave") else None
        t.finish()
        return Requirements(arc_on_seam_only=on_seam, crater_fill=crater, weave=weave,
                            restart_overlap_mm=overlap, seam_order=order)

    def weave_requirement(self, t: StrictTable) -> WeaveRequirement:
        pattern = t.string("pattern", WEAVE_PATTERNS) if t.has("pattern") else None
        bands = []
        for key, hi in (("amplitude_mm", 20.0), ("frequency_hz", 10.0)):
            band = t.vector(key, 2)
            if not (0.0 < band[0] <= band[1] <= hi):
                raise t.fail(key, Message.of("modes.scen.band", hi=f"{hi:g}"))
            bands.append((float(band[0]), float(band[1])))
        t.finish()
        return WeaveRequirement(pattern, bands[0], bands[1])

    def windows(self) -> dict[str, Window]:
        t = self.top.table("windows")
        out = {}
        names = ("aim_mm", "work_angle_deg", "travel_angle_deg", "ctwd_mm", "travel_speed_pct",
                 "weave_amplitude_mm", "weave_frequency_pct")
        for name in names:
            if t.has(name):
                out[name] = self.window(t.table(name), name)
            elif name in _WEAVE_DEFAULTS:
                full, zero = _WEAVE_DEFAULTS[name]
                out[name] = Window(0.0, -full, full, -zero, zero)
            else:
                raise t.fail(name, Message.of("modes.scen.missing_window"))
        t.finish()
        return out

    def window(self, t: StrictTable, name: str) -> Window:
        """``nominal`` (not for deviations), ``full`` and ``zero``: a half-width (±) around
        the nominal, or an absolute ``[low, high]`` band."""
        relative = name in ("aim_mm", "ctwd_mm", "travel_speed_pct", "weave_amplitude_mm",
                            "weave_frequency_pct")
        nominal = 0.0 if relative and not t.has("nominal") else t.number("nominal")
        bands = []
        for key in ("full", "zero"):
            raw = t.raw(key)
            if isinstance(raw, list):
                band = t.vector(key, 2)
                if not band[0] <= nominal <= band[1]:
                    raise t.fail(key, Message.of("modes.scen.band_nominal",
                                                 band=str(band.tolist()),
                                                 nominal=f"{nominal:g}"))
                bands.append((float(band[0]), float(band[1])))
            else:
                half = t.number(key, lo=0.0)
                bands.append((nominal - half, nominal + half))
        t.finish()
        (f0, f1), (z0, z1) = bands
        if not (z0 <= f0 and f1 <= z1):
            raise t.fail("zero", Message.of("modes.scen.zero_band"))
        return Window(nominal, f0, f1, z0, z1)

    def rubric(self) -> Rubric:
        t = self.top.table("rubric")
        groups = {g: t.number(g, lo=0.0, hi=100.0) for g in ("technique", "bead", "setup")}
        if abs(sum(groups.values()) - 100.0) > 1e-6:
            raise t.fail("setup", Message.of("modes.scen.groups_sum",
                                             total=f"{sum(groups.values()):g}"))
        tw_table = t.table("technique_weights")
        weights = {k: tw_table.number(k, lo=0.0, hi=100.0) for k in _TECHNIQUE}
        if tw_table.has("weave"):
            weights["weave"] = tw_table.number("weave", lo=0.0, hi=100.0)
        tw_table.finish()
        if sum(weights.values()) <= 0:
            raise t.fail("technique_weights", Message.of("modes.scen.weights"))
        pass_score = t.number("pass_score", lo=0.0, hi=100.0)
        excellent = t.number("excellent_score", lo=0.0, hi=100.0)
        if excellent < pass_score:
            raise t.fail("excellent_score", Message.of("modes.scen.excellent"))
        t.finish()
        return Rubric(groups, weights, pass_score, excellent)

    def target(self, t: StrictTable, frames) -> Target:
        name = t.string("name")
        frame = self.frame_of(t, frames)
        p = frame[:3, :3] @ (t.vector("position_mm", 3) / 1000.0) + frame[:3, 3]
        axis = t.vector("axis", 3)
        if np.linalg.norm(axis) < 1e-9:
            raise t.fail("axis", Message.of("modes.scen.zero_vector"))
        axis = frame[:3, :3] @ (axis / np.linalg.norm(axis))
        tol_mm = t.number("tolerance_mm", lo=0.0, hi=50.0, lo_open=True)
        tol_deg = t.number("tolerance_deg", lo=0.0, hi=90.0, lo_open=True)
        t.finish()
        return Target(name, p, axis, tol_mm, tol_deg)


def _densify(points: np.ndarray, step_m: float) -> np.ndarray:
    """The polyline's points with extra points so that none are more than ``step_m`` apart."""
    out = [points[:1]]
    for a, b in itertools.pairwise(points):
        n = max(1, int(np.ceil(np.linalg.norm(b - a) / step_m)))
        out.append(a + np.outer(np.arange(1, n + 1) / n, b - a))
    return np.vstack(out)


def _convex(poly: np.ndarray) -> bool:
    a = poly
    b = np.roll(poly, -1, axis=0)
    c = np.roll(poly, -2, axis=0)
    cross = (b[:, 0] - a[:, 0]) * (c[:, 1] - b[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - b[:, 0])
    area = 0.5 * np.sum(a[:, 0] * b[:, 1] - b[:, 0] * a[:, 1])
    return abs(area) > 1e-12 and (np.all(cross >= -1e-15) or np.all(cross <= 1e-15)) and (
        polygon_signed_distance(poly, poly.mean(axis=0, keepdims=True))[0] < 0)
