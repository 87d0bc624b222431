"""write_job: parse(write(parse(text))) == parse(text), on given and on generated Programs."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from program_jobs import EXAMPLE, RICH

from weldsim.program import (
    GASES,
    NAME_RE,
    WEAVE_PATTERNS,
    ArcEnd,
    ArcEndCondition,
    ArcStart,
    ArcStartCondition,
    CartesianPosition,
    Comment,
    Delay,
    JointPosition,
    MoveC,
    MoveL,
    MoveP,
    Program,
    WeaveCondition,
    WeaveEnd,
    WeaveStart,
    parse_job,
    write_job,
)
from weldsim.program.units import to_si


def test_example_round_trip_and_layout() -> None:
    program = parse_job(EXAMPLE)
    text = write_job(program)
    assert parse_job(text) == program
    assert write_job(parse_job(text)) == text  # the writer's output is a fixed point
    lines = text.splitlines()
    # comments stay where they were: the header comments first, inline ones on their line
    assert lines[0].startswith("; T-joint fillet weld")
    assert lines[2] == "JOB T_FILLET_DEMO"
    assert "P1 = X(-5, 35, 35, 134.56, -7.05, 7.11)  ; approach: 50 mm back along the torch " \
           "axis" in lines
    assert "ASC 1 I=260A U=27.5V S=45cm/min GAS=MAG" in lines
    assert lines.index("FRAME USER1") < lines.index(next(x for x in lines if x.startswith("P1")))
    assert lines[-1] == "END"


def test_rich_round_trip_joins_continuations_and_uses_fd_mnemonics() -> None:
    program = parse_job(RICH)
    text = write_job(program)
    assert parse_job(text) == program
    # the continuation is joined; its comment follows on a line of its own
    assert "WVC 5 PATTERN=TRIANGLE AMP=2.5mm FREQ=1.5Hz DWELL=0.1,0,0.1 ANGLE=10deg\n" \
           "; dwell at both edges\n" in text
    assert "MOVEP P10 R=50%" in text and "MOVJ" not in text and "ARCON" not in text
    assert "MOVEL P11 S=20cm/min" in text
    assert "AS I=200A U=21V S=30cm/min GAS=MAG" in text
    assert text.rstrip().endswith("END\n; trailing comment")
    assert text.startswith("; a job using every statement\nJOB rich-job_2\n")


def test_comments_before_and_after_statements_keep_their_order() -> None:
    text = "; one\nJOB A ; two\n; three\nDELAY 1 ; four\n; five\nEND ; six\n; seven\n"
    program = parse_job(text)
    again = parse_job(write_job(program))
    assert [c.text for c in again.comments] == [" one", " two", " three", " four", " five",
                                                " six", " seven"]
    assert [c.inline for c in again.comments] == [False, True, False, True, False, True, False]
    assert write_job(program) == ("; one\nJOB A  ; two\nTOOL 1\n; three\nDELAY 1s  ; four\n"
                                  "; five\nEND  ; six\n; seven\n")


# --------------------------------------------------------------------------------------------
# generated Programs: values are drawn as the decimals a job can hold, then converted to SI
# the way the parser does, so that every generated Program is one a job file can express.


def decimal(lo: int, hi: int, places: int = 3) -> st.SearchStrategy[float]:
    """A decimal in [lo, hi] with up to ``places`` fraction digits, as a float."""
    scale = 10 ** places
    return st.integers(lo * scale, hi * scale).map(
        lambda k: float(Decimal(k).scaleb(-places)))


# strategies are built once here (building them inside every draw is slow)
FRAMES = st.sampled_from(["BASE", "USER1", "USER7"])
CONFS = st.none() | st.sampled_from(["NUT", "FDB", "NDT"])
SPEED_UNITS = st.sampled_from(["mm/s", "cm/min", "m/min"])
JOINT_DEG = decimal(-360, 360)
COORD_MM = decimal(-3000, 3000)
ROT_DEG = decimal(-180, 180, 4)
MOVE_SPEED = {"mm/s": decimal(1, 2000, 1), "cm/min": decimal(1, 12000, 1),
              "m/min": decimal(1, 120, 2)}
WELD_SPEED = {"mm/s": decimal(1, 50, 1), "cm/min": decimal(6, 300, 1), "m/min": decimal(1, 3, 2)}
CURRENT = decimal(10, 350, 1)
VOLTAGE = decimal(8, 45, 1)
WFS = st.none() | decimal(1, 25, 1)
FLOW = decimal(5, 30, 1)
CRATER = decimal(0, 10, 2)
AMP_MM = decimal(1, 15, 2)
FREQ = decimal(1, 10, 2)
DWELL = decimal(0, 2, 2)
WEAVE_ANGLE = decimal(-90, 90, 1)
PERCENT = decimal(1, 100, 2)
DELAY = decimal(0, 600, 2)
NAMES = st.from_regex(NAME_RE, fullmatch=True)
ROBOTS = st.none() | st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?", fullmatch=True)
COMMENTS = st.lists(st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x00"), max_size=30,
).map(str.rstrip), max_size=3)
NUMBERS = st.lists(st.integers(1, 9999), unique=True, max_size=6)
TABLE_NUMBERS = st.lists(st.integers(1, 99), unique=True, max_size=3)


def draw_position(draw: st.DrawFn, number: int | None, frame: str | None = None):
    if draw(st.booleans()):
        return JointPosition(tuple(to_si(draw(JOINT_DEG), "deg") for _ in range(6)), number)
    xyz = tuple(to_si(draw(COORD_MM), "mm") for _ in range(3))
    rxyz = tuple(to_si(draw(ROT_DEG), "deg") for _ in range(3))
    return CartesianPosition(xyz, rxyz, frame or draw(FRAMES), draw(CONFS), number)


def draw_move_speed(draw: st.DrawFn) -> tuple[float | None, str]:
    if draw(st.booleans()):
        return None, "mm/s"
    unit = draw(SPEED_UNITS)
    return to_si(draw(MOVE_SPEED[unit]), unit), unit


def draw_asc(draw: st.DrawFn, number: int | None) -> ArcStartCondition:
    unit = draw(SPEED_UNITS)
    return ArcStartCondition(
        draw(CURRENT), draw(VOLTAGE), to_si(draw(WELD_SPEED[unit]), unit), draw(WFS),
        draw(st.sampled_from(GASES)), draw(FLOW), number, unit)


def draw_aec(draw: st.DrawFn, number: int | None) -> ArcEndCondition:
    return ArcEndCondition(draw(CURRENT), draw(VOLTAGE), draw(CRATER), number)


def draw_wvc(draw: st.DrawFn, number: int | None) -> WeaveCondition:
    return WeaveCondition(
        draw(st.sampled_from(WEAVE_PATTERNS)), to_si(draw(AMP_MM), "mm"), draw(FREQ),
        (draw(DWELL), draw(DWELL), draw(DWELL)), to_si(draw(WEAVE_ANGLE), "deg"), number)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    declared = [draw_position(draw, n) for n in draw(NUMBERS)]
    tables = [[make(draw, n) for n in draw(TABLE_NUMBERS)]
              for make in (draw_asc, draw_aec, draw_wvc)]

    def target():
        if declared and draw(st.booleans()):
            return draw(st.sampled_from(declared))
        return draw_position(draw, None)

    def condition(index: int, make):
        if tables[index] and draw(st.booleans()):
            return draw(st.sampled_from(tables[index]))
        return make(draw, None)

    instructions = []
    arc = weave = False
    for _ in range(draw(st.integers(0, 12))):
        choices = ["MoveL", "MoveC", "Delay"]
        choices += ["AE", "WS"] if arc and not weave else []
        choices += ["WE"] if weave else []
        choices += [] if arc else ["MoveP", "AS"]
        kind = draw(st.sampled_from(choices))
        if kind == "MoveP":
            instructions.append(MoveP(target(), draw(PERCENT)))
        elif kind == "MoveL":
            instructions.append(MoveL(target(), *draw_move_speed(draw)))
        elif kind == "MoveC":
            frame = draw(FRAMES)  # two literals of one statement share the FRAME in force
            via = draw_position(draw, None, frame)
            end = target() if draw(st.booleans()) else draw_position(draw, None, frame)
            if isinstance(end, CartesianPosition) and end.number is None:
                end = CartesianPosition(end.xyz_m, end.rxyz_rad, frame, end.conf)
            instructions.append(MoveC(via, end, *draw_move_speed(draw)))
        elif kind == "Delay":
            instructions.append(Delay(draw(DELAY)))
        elif kind == "AS":
            instructions.append(ArcStart(condition(0, draw_asc)))
            arc = True
        elif kind == "AE":
            instructions.append(ArcEnd(condition(1, draw_aec)))
            arc = False
        elif kind == "WS":
            instructions.append(WeaveStart(condition(2, draw_wvc)))
            weave = True
        else:
            instructions.append(WeaveEnd())
            weave = False
    if weave:
        instructions.append(WeaveEnd())
    if arc:
        instructions.append(ArcEnd(condition(1, draw_aec)))
    comments = tuple(Comment(t) for t in draw(COMMENTS))
    return Program(draw(NAMES), tuple(instructions), draw(ROBOTS), draw(st.integers(1, 63)),
                   tuple(declared), *tables, comments)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_write_then_parse_is_identity_on_generated_programs(program: Program) -> None:
    text = write_job(program)
    assert parse_job(text) == program
    assert write_job(parse_job(text)) == text
