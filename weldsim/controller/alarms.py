"""Alarms: why the simulated controller stopped the robot, as data.

An :class:`Alarm` is a frozen record: the kind, where (job line and column, time, sample), the
joint concerned, what happened (a :class:`~weldsim.i18n.Message`) and the fixes a teacher would
give (more messages). Front ends render them with :func:`weldsim.i18n.render`; the catalogue is
``weldsim/locale/<lang>/LC_MESSAGES/alarms.po`` (keys ``ctl.*``).
"""

from __future__ import annotations

from dataclasses import dataclass

from weldsim.i18n import Message, Qty

__all__ = ["ALARM_KINDS", "FIXES", "Alarm", "alarm_from_problem", "collision_alarm",
           "wire_touch_alarm"]

ALARM_KINDS: tuple[str, ...] = (
    "joint_limit",
    "unreachable",
    "speed",
    "jump",
    "weave_speed",
    "config_change",
    "collision",
    "wire_touch",
    "undefined_frame",
)
"""What stops the robot:

* ``joint_limit``: a point or a path sample needs a joint past its limit;
* ``unreachable``: a pose no arm configuration (or none in the ``CONF`` asked) reaches;
* ``speed``: a joint cannot keep up even with the move slowed by the planner's largest factor;
* ``jump``: a joint jumps between two samples (a singularity or a change of IK branch);
* ``weave_speed``: the weave alone drives a joint beyond its speed;
* ``config_change``: the arm configuration changes inside a ``MOVEL``/``MOVEC``;
* ``collision``: the arm or the torch hits the work, a clamp, the table or the arm itself;
* ``wire_touch``: the contact tip is at or inside the work (CTWD <= 0): the wire stubs in;
* ``undefined_frame``: a position in a user frame the exercise does not define.
"""

_FIX_KEYS: dict[str, tuple[str, ...]] = {
    "joint_limit": ("ctl.fix.roll", "ctl.fix.conf", "ctl.fix.split", "ctl.fix.approach"),
    "unreachable": ("ctl.fix.reach", "ctl.fix.roll", "ctl.fix.conf"),
    "speed": ("ctl.fix.roll", "ctl.fix.split", "ctl.fix.slower"),
    "jump": ("ctl.fix.roll", "ctl.fix.conf", "ctl.fix.split"),
    "weave_speed": ("ctl.fix.weave", "ctl.fix.roll"),
    "config_change": ("ctl.fix.conf", "ctl.fix.roll", "ctl.fix.split"),
    "collision": ("ctl.fix.clear", "ctl.fix.approach"),
    "wire_touch": ("ctl.fix.ctwd", "ctl.fix.approach"),
    "undefined_frame": ("ctl.fix.frame",),
}
FIXES: dict[str, tuple[Message, ...]] = {
    kind: tuple(Message.of(k) for k in keys) for kind, keys in _FIX_KEYS.items()}
"""The fixes a teacher gives for each alarm kind, most useful first."""

# the planner's problem (kind, message key) -> alarm kind
_SPEED_KINDS = {"ctl.speed": "speed", "ctl.jump": "jump", "ctl.weave": "weave_speed"}
_PROBLEM_KINDS = {"joint_limit": "joint_limit", "unreachable": "unreachable",
                  "config_flip": "config_change", "undefined_frame": "undefined_frame"}


@dataclass(frozen=True, slots=True)
class Alarm:
    """The controller stopped the robot.

    Attributes
    ----------
    kind : str
        One of :data:`ALARM_KINDS`.
    line : int
        Job line of the instruction it stopped in (1-based).
    column : int
        Column of that instruction (1-based), 0 when unknown.
    time_s : float
        When (s from the start): the time of the first sample the robot could not execute.
    sample : int
        Index of that sample; the robot stopped on the sample before it (for a collision:
        on it, the first sample in contact, whose touch trips the collision sensor).
    joint : int
        The joint concerned (1..6), 0 when none.
    message : Message
        What happened (``ctl.<kind>``), with its numbers as parameters.
    fixes : tuple of Message
        What a teacher would tell the trainee to change, most useful first.
    """

    kind: str
    line: int
    column: int
    time_s: float
    sample: int
    joint: int
    message: Message
    fixes: tuple[Message, ...]

    @property
    def values(self) -> dict[str, object]:
        """The numbers of the message (``value``, ``limit``, ``pct``, ``depth`` ...)."""
        return self.message.args

    @property
    def headline(self) -> Message:
        """``"the robot stopped at line N: <message>"``."""
        return Message.of("ctl.stopped", line=self.line, reason=self.message)

    def to_json(self) -> dict:
        """A JSON-ready dict (messages as ``{"key", "params"}``)."""
        return {"kind": self.kind, "line": self.line, "column": self.column,
                "time_s": round(self.time_s, 3), "sample": self.sample, "joint": self.joint,
                "message": self.message.to_json(),
                "fixes": [f.to_json() for f in self.fixes]}


def alarm_from_problem(problem) -> Alarm:
    """The alarm of a planner problem (a :class:`~weldsim.motion.MotionProblem` whose
    ``severity`` is ``"alarm"``)."""
    message = problem.message
    if problem.kind == "speed_limit":
        kind = _SPEED_KINDS[message.key]
    else:
        kind = _PROBLEM_KINDS[problem.kind]
    return Alarm(kind, problem.line, problem.column, problem.time_s, problem.sample,
                 problem.joint, message, FIXES[kind])


def collision_alarm(contact, column: int) -> Alarm:
    """The alarm of the first contact (a :class:`~weldsim.sim.ContactEvent` with its
    ``sample``)."""
    message = Message.of("ctl.collision", link=contact.link.replace("_", " "),
                         other=contact.other, depth=Qty(contact.depth_mm, "mm", 1))
    return Alarm("collision", contact.line, column, contact.start_s, contact.sample, 0,
                 message, FIXES["collision"])


def wire_touch_alarm(line: int, column: int, time_s: float, sample: int,
                     ctwd_mm: float) -> Alarm:
    """The alarm of the contact tip at or inside the work (CTWD <= 0)."""
    message = Message.of("ctl.wire_touch", ctwd=Qty(ctwd_mm, "mm", 1))
    return Alarm("wire_touch", line, column, time_s, sample, 0, message, FIXES["wire_touch"])
