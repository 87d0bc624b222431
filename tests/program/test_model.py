"""The data model: validation, equality without source places, poses."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.errors import InvalidInputError
from weldsim.program import (
    ArcStartCondition,
    CartesianPosition,
    Comment,
    JointPosition,
    MoveL,
    Program,
    WeaveCondition,
)


def test_equality_and_hash_ignore_source_place() -> None:
    a = JointPosition((0, 0, 0, 0, 0, 0), 3, line=4, column=2)
    b = JointPosition((0.0,) * 6, 3, line=9, column=1)
    assert a == b and hash(a) == hash(b)
    assert MoveL(a, 0.1, line=5) == MoveL(b, 0.1, line=50)
    assert Comment("x", line=1, inline=True) == Comment("x", line=7)
    assert JointPosition((0,) * 6, 3) != JointPosition((0,) * 6, 4)


def test_values_are_coerced_to_float_tuples() -> None:
    pos = CartesianPosition([1, 2, 3], [0, 0, 0], "USER4", "NUT", 2)
    assert pos.xyz_m == (1.0, 2.0, 3.0) and isinstance(pos.xyz_m, tuple)
    assert pos.user_frame == 4 and pos.name == "P2"
    assert CartesianPosition((0, 0, 0), (0, 0, 0)).user_frame is None


@pytest.mark.parametrize("build", [
    lambda: JointPosition((0,) * 5),
    lambda: JointPosition((0, 0, 0, 0, 0, math.nan)),
    lambda: JointPosition((0,) * 6, 0),
    lambda: CartesianPosition((0, 0, 0), (0, 0, 0), "WORLD"),
    lambda: CartesianPosition((0, 0, 0), (0, 0, 0), "USER0"),
    lambda: CartesianPosition((0, 0, 0), (0, 0, 0), conf="NUX"),
    lambda: ArcStartCondition(200, 20, 0.005, gas="ARGON"),
    lambda: ArcStartCondition(200, 20, math.inf),
    lambda: ArcStartCondition(200, 20, 0.005, number=100),
    lambda: WeaveCondition("ZIGZAG", 0.002, 2),
    lambda: MoveL(JointPosition((0,) * 6), 0.1, "km/h"),
    lambda: Comment("two\nlines"),
    lambda: Comment("trailing "),
    lambda: Program("1bad"),
    lambda: Program("A", robot="two words"),
    lambda: Program("A", positions=(JointPosition((0,) * 6),)),  # declared without number
    lambda: Program("A", positions=(JointPosition((0,) * 6, 1), JointPosition((1,) * 6, 1))),
])
def test_invalid_objects_are_refused(build) -> None:
    with pytest.raises(InvalidInputError):
        build()


def test_move_without_speed_has_canonical_unit() -> None:
    assert MoveL(JointPosition((0,) * 6), None, "cm/min").speed_unit == "mm/s"


def test_matrix_is_rz_ry_rx() -> None:
    rx, ry, rz = 0.3, -0.2, 1.1
    pose = CartesianPosition((0.1, 0.2, 0.3), (rx, ry, rz)).matrix()

    def rx_(a: float) -> np.ndarray:
        c, s = math.cos(a), math.sin(a)
        return np.array(((1, 0, 0), (0, c, -s), (0, s, c)))

    def ry_(a: float) -> np.ndarray:
        c, s = math.cos(a), math.sin(a)
        return np.array(((c, 0, s), (0, 1, 0), (-s, 0, c)))

    def rz_(a: float) -> np.ndarray:
        c, s = math.cos(a), math.sin(a)
        return np.array(((c, -s, 0), (s, c, 0), (0, 0, 1)))

    np.testing.assert_allclose(pose[:3, :3], rz_(rz) @ ry_(ry) @ rx_(rx), atol=1e-15)
    np.testing.assert_allclose(pose[:3, 3], (0.1, 0.2, 0.3))
    np.testing.assert_array_equal(pose[3], (0, 0, 0, 1))


def test_program_lookup() -> None:
    p = JointPosition((0,) * 6, 7)
    program = Program("A", positions=(p,))
    assert program.position(7) is p
    with pytest.raises(KeyError):
        program.position(8)


def _records() -> list[object]:
    """One record of every class the parser builds unchecked, with every field given."""
    from weldsim.program.model import (
        ArcEnd,
        ArcEndCondition,
        ArcStart,
        Delay,
        MoveC,
        MoveP,
        WeaveEnd,
        WeaveStart,
    )

    joint = JointPosition((0.1, -0.2, 0.3, 0.0, 1.5, -0.0), 12, line=4, column=2)
    cart = CartesianPosition((0.245, 0.0, -0.001), (2.3, -0.12, 0.12), "USER1", "NUT", 7,
                             line=5, column=1)
    literal = CartesianPosition((0.1, 0.2, 0.3), (0.0, 0.0, 0.0), "BASE", None, None,
                                line=9, column=13)
    asc = ArcStartCondition(260.0, 27.5, 0.0075, 9.5, "MAG", 15.0, 1, "cm/min", line=3, column=1)
    aec = ArcEndCondition(180.0, 22.0, 0.5, 1, line=4, column=1)
    wvc = WeaveCondition("SINE", 0.002, 1.5, (0.1, 0.0, 0.1), 0.1, 1, line=5, column=1)
    return [joint, cart, literal,
            MoveP(joint, 40.0, line=10, column=3), MoveP(cart, 20.0, line=11, column=1),
            MoveL(cart, 0.1, "mm/s", line=12, column=1), MoveL(joint, None, "mm/s", line=13),
            MoveC(literal, cart, 0.0075, "cm/min", line=14, column=1),
            MoveC(cart, joint, None, "mm/s", line=15, column=2),
            ArcStart(asc, line=16, column=1), ArcEnd(aec, line=17, column=1),
            WeaveStart(wvc, line=18, column=1), WeaveEnd(line=19, column=1),
            Delay(0.2, line=20, column=1)]


@pytest.mark.parametrize("record", _records(), ids=lambda r: type(r).__name__)
def test_an_unchecked_record_is_the_checked_one(record: object) -> None:
    """The parser's builder without checks makes the very record the class makes: same
    type, fields (places included), equality, hash and repr; and it keeps no __dict__."""
    from dataclasses import fields

    from weldsim.program.model import unchecked_builder

    cls = type(record)
    values = [getattr(record, f.name) for f in fields(cls)]
    built = unchecked_builder(cls)(*values)
    assert type(built) is cls
    assert built == record and hash(built) == hash(record) and repr(built) == repr(record)
    assert [getattr(built, f.name) for f in fields(cls)] == values
    assert not hasattr(built, "__dict__")
    with pytest.raises(AttributeError):
        built.line = 99  # type: ignore[misc]  # still frozen
