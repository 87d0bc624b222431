"""Achievements (what a badge recognises) and issuers (who awards it), read from TOML.

An achievement file names the badge in Indonesian and English, describes it, states its
criteria in words and as a :class:`Rule` over graded attempts, its image and its alignments
(curriculum or competency-standard codes). The format is in ``docs/badges.md``; the bundled
example is ``weldsim/badges/data/robot-fillet-2f.toml``. Every error names the file, the line
and the key (the readers of :mod:`weldsim.tomlfile`, as for scenarios and robots).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from weldsim.errors import WeldsimError
from weldsim.i18n import Message
from weldsim.tomlfile import (
    StrictTable,
    brief,
    bundled_ids,
    os_reason,
    read_toml_file,
    resolve_bundled,
)

__all__ = [
    "ACHIEVEMENTS_DIR",
    "ACHIEVEMENT_TYPES",
    "ATTEMPT_MODES",
    "ISO5817_LEVELS",
    "Achievement",
    "Alignment",
    "ExerciseRule",
    "Issuer",
    "PictureError",
    "Rule",
    "Text",
    "UnknownAchievementError",
    "bundled_achievement_ids",
    "level_at_least",
    "load_achievement",
    "load_issuer",
    "read_picture",
]

#: Folder of the bundled achievements.
ACHIEVEMENTS_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_VERSION = 1

ISO5817_LEVELS: tuple[str, ...] = ("D", "C", "B")
"""ISO 5817 quality levels from the least to the most stringent (D moderate, C intermediate,
B stringent)."""

ATTEMPT_MODES: tuple[str, ...] = ("any", "exam")
"""``any``: every graded attempt counts (practice or exam); ``exam``: only attempts the
gradebook records as taken in exam mode. The gradebook does not record a mode yet, and an
attempt without a recorded mode is practice, so an ``exam`` rule cannot be met today."""

ACHIEVEMENT_TYPES: tuple[str, ...] = (
    "Achievement", "Assessment", "Award", "Badge", "Certificate", "CertificateOfCompletion",
    "Certification", "Competency", "Course", "License", "MicroCredential")
"""The values of Open Badges 3.0's ``AchievementType`` that fit a weldsim badge."""

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_URL = re.compile(r"^https?://[^\s/]+\S*$")
_EXT_TYPE = re.compile(r"^ext:[A-Za-z0-9_-]+$")
_ALIGNMENT_TYPES = ("ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric",
                    "CFRubricCriterion", "CFRubricCriterionLevel", "CTDL")
_MAX_IMAGE_BYTES = 48 * 1024


class UnknownAchievementError(WeldsimError, LookupError):
    """An achievement id that is neither bundled nor a path to an achievement file."""


class PictureError(ValueError):
    """An achievement's own picture cannot carry a credential; ``problem`` says why."""

    def __init__(self, problem: Message) -> None:
        super().__init__(problem.key)
        self.problem = problem


def read_picture(file: Path) -> bytes:
    """The bytes of an achievement's own picture, checked to be one a credential can be baked
    into: a regular file of at most 48 KiB, a whole PNG (signature, chunks up to ``IEND``) or
    an SVG with an ``<svg>`` element, without a credential already.

    Raises
    ------
    PictureError
        Unreadable (missing, a folder, no permission), too large, damaged, or baked already;
        ``problem`` is the message (``loaders.po``).
    """
    from weldsim.badges import baking

    shown = str(file)
    try:
        with open(file, "rb") as fh:
            data = fh.read(_MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        raise PictureError(Message.of("loaders.badge.picture_unreadable", file=shown,
                                      reason=os_reason(exc))) from None
    if len(data) > _MAX_IMAGE_BYTES:
        raise PictureError(Message.of("loaders.badge.picture_large", file=shown))
    if file.suffix.lower() == ".png":
        if not baking.is_png(data):
            raise PictureError(Message.of("loaders.badge.picture_not_png", file=shown))
        if not baking.png_is_whole(data):
            raise PictureError(Message.of("loaders.badge.picture_damaged", file=shown))
        baked = baking.extract_png(data).problem != "none"
    else:
        if not baking.has_svg_element(data):
            raise PictureError(Message.of("loaders.badge.picture_not_svg", file=shown))
        baked = b"openbadges:credential" in data
    if baked:
        raise PictureError(Message.of("loaders.badge.picture_baked", file=shown))
    return data


@dataclass(frozen=True)
class Text:
    """A text in Indonesian and English."""

    id: str
    en: str

    def __call__(self, lang: str) -> str:
        """The text in ``lang`` (``"id"`` or ``"en"``)."""
        return self.id if lang == "id" else self.en


@dataclass(frozen=True)
class ExerciseRule:
    """What one exercise's attempt must reach to count.

    Attributes
    ----------
    exercise : str
        The exercise (scenario) id as the gradebook records it.
    min_score : float
        Lowest score that counts (0..100); the attempt must also have passed the exercise.
    min_level : str or None
        Least ISO 5817 level (``B``, ``C`` or ``D``; B is the most stringent), or None when
        the level does not matter (an exercise without welds has none).
    attempt_mode : str
        One of :data:`ATTEMPT_MODES`.
    """

    exercise: str
    min_score: float
    min_level: str | None
    attempt_mode: str


@dataclass(frozen=True)
class Rule:
    """Every listed exercise must have a counting attempt (see :class:`ExerciseRule`)."""

    exercises: tuple[ExerciseRule, ...]


@dataclass(frozen=True)
class Alignment:
    """A curriculum or competency-standard node the achievement aligns to (OB ``Alignment``);
    ``target_name`` and ``target_url`` are required by Open Badges 3.0."""

    target_name: str
    target_url: str
    target_code: str | None = None
    target_framework: str | None = None
    target_description: str | None = None
    target_type: str | None = None


@dataclass(frozen=True)
class Achievement:
    """An achievement file.

    Attributes
    ----------
    id : str
        Lower-case letters, digits and ``-``.
    version : int
        Raise it when the criteria change; it is part of the achievement's URI.
    image_file : pathlib.Path or None
        The instructor's own PNG or SVG picture, or None for the drawn badge (``image_label``
        on ``image_color``).
    valid_years : int or None
        Years a credential stays valid from its issue date; None: no expiry.
    """

    id: str
    version: int
    achievement_type: str
    name: Text
    description: Text
    criteria: Text
    rule: Rule
    image_label: str
    image_color: str
    image_file: Path | None
    alignments: tuple[Alignment, ...]
    valid_years: int | None
    source: Path

    @property
    def uri(self) -> str:
        """The achievement's URI (``urn:weldsim:achievement:<id>:v<version>``)."""
        return f"urn:weldsim:achievement:{self.id}:v{self.version}"


@dataclass(frozen=True)
class Issuer:
    """The issuer's profile (who awards the badge: the school or training centre).

    Attributes
    ----------
    id : str
        A URI that identifies the issuer (its web address, or a ``did:``).
    """

    id: str
    name: str
    url: str | None = None
    email: str | None = None
    description: str | None = None


def level_at_least(level: str | None, required: str | None) -> bool:
    """Whether ISO 5817 ``level`` is ``required`` or more stringent (True when none is)."""
    if required is None:
        return True
    if level not in ISO5817_LEVELS:
        return False
    return ISO5817_LEVELS.index(level) >= ISO5817_LEVELS.index(required)


def bundled_achievement_ids() -> list[str]:
    """Ids of the achievements shipped with weldsim, sorted."""
    return bundled_ids(ACHIEVEMENTS_DIR)


def load_achievement(ref: str | Path) -> Achievement:
    """Read and check an achievement (a bundled id or a TOML path).

    Raises
    ------
    UnknownAchievementError
        Neither a bundled id nor a path.
    ModelFileError
        Unreadable, not TOML, or an unknown, missing or impossible key; the message gives the
        file, line and key.
    """
    path = resolve_bundled(ref, ACHIEVEMENTS_DIR, "achievement", UnknownAchievementError)
    data, text = read_toml_file(path, "achievement file")
    top = StrictTable(data, "", str(path), text)
    version = top.integer("schema_version", lo=1, hi=1_000_000)
    if version != SCHEMA_VERSION:
        raise top.fail("schema_version", Message.of("loaders.file.schema_version",
                                                     version=version,
                                                     supported=SCHEMA_VERSION))
    aid = top.string("id")
    if not _ID.match(aid):
        raise top.fail("id", Message.of("loaders.badge.id", value=brief(aid)))
    content_version = top.integer("version", lo=1, hi=1_000_000)
    kind = top.string("achievement_type", ACHIEVEMENT_TYPES) if top.has(
        "achievement_type") else "Badge"
    name, description, criteria = (_text(top, k) for k in ("name", "description", "criteria"))
    rule = _rule(top.table("rule"))
    label, color, image_file = _image(top.table("image"), path)
    alignments = tuple(_alignment(t) for t in top.tables("alignments", min_count=0)) \
        if top.has("alignments") else ()
    valid_years = top.integer("valid_years", lo=1, hi=100) if top.has("valid_years") else None
    top.finish()
    return Achievement(aid, content_version, kind, name, description, criteria, rule, label,
                       color, image_file, alignments, valid_years, path.resolve())


def load_issuer(path: str | Path) -> Issuer:
    """Read and check an issuer profile (TOML: ``id``, ``name``, optional ``url``, ``email``,
    ``description``).

    Raises
    ------
    ModelFileError
        Unreadable, not TOML, or a bad, missing or unknown key (located).
    """
    path = Path(path)
    data, text = read_toml_file(path, "issuer file")
    top = StrictTable(data, "", str(path), text)
    iid = top.string("id")
    if not _URI.match(iid):
        raise top.fail("id", Message.of("loaders.badge.issuer_id", value=brief(iid)))
    name = top.string("name")
    url = _optional_url(top, "url")
    email = top.string("email") if top.has("email") else None
    if email is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        raise top.fail("email", Message.of("loaders.badge.email", value=brief(email)))
    description = top.string("description") if top.has("description") else None
    top.finish()
    return Issuer(iid, name, url, email, description)


def _text(top: StrictTable, key: str) -> Text:
    t = top.table(key)
    out = Text(id=t.string("id").strip(), en=t.string("en").strip())
    t.finish()
    return out


def _rule(t: StrictTable) -> Rule:
    min_score = t.number("min_score", lo=0.0, hi=100.0, unit="")
    min_level = t.string("min_level", ISO5817_LEVELS) if t.has("min_level") else None
    mode = t.string("attempt_mode", ATTEMPT_MODES) if t.has("attempt_mode") else "any"
    exercises = []
    for e in t.tables("exercises"):
        eid = e.string("id")
        if not _ID.match(eid):
            raise e.fail("id", Message.of("loaders.badge.exercise_id", value=brief(eid)))
        exercises.append(ExerciseRule(
            eid,
            e.number("min_score", lo=0.0, hi=100.0, unit="") if e.has("min_score")
            else min_score,
            e.string("min_level", ISO5817_LEVELS) if e.has("min_level") else min_level,
            e.string("attempt_mode", ATTEMPT_MODES) if e.has("attempt_mode") else mode))
        e.finish()
    ids = [e.exercise for e in exercises]
    twice = next((i for n, i in enumerate(ids) if i in ids[:n]), None)
    if twice is not None:
        raise t.fail("exercises", Message.of("loaders.badge.exercise_twice",
                                             exercise=brief(twice)))
    t.finish()
    return Rule(tuple(exercises))


def _image(t: StrictTable, path: Path) -> tuple[str, str, Path | None]:
    label = t.string("label").strip() if t.has("label") else ""
    if len(label) > 4:
        raise t.fail("label", Message.of("loaders.badge.label_long", label=brief(label)))
    color = t.string("color") if t.has("color") else "#1d4e89"
    if not _COLOR.match(color):
        raise t.fail("color", Message.of("loaders.badge.color", value=brief(color)))
    file = None
    if t.has("file"):
        name = t.string("file")
        file = (path.parent / name).resolve()
        if file.suffix.lower() not in (".png", ".svg"):
            raise t.fail("file", Message.of("loaders.badge.picture_kind", name=brief(name)))
        try:
            read_picture(file)
        except PictureError as exc:
            raise t.fail("file", exc.problem) from None
    if not label and file is None:
        raise t.fail("label", Message.of("loaders.badge.needs_label"))
    t.finish()
    return label, color, file


def _optional_url(t: StrictTable, key: str) -> str | None:
    if not t.has(key):
        return None
    url = t.string(key)
    if not _URL.match(url):
        raise t.fail(key, Message.of("loaders.badge.url", value=brief(url)))
    return url


def _alignment(t: StrictTable) -> Alignment:
    name = t.string("target_name")
    url = _optional_url(t, "target_url")
    if url is None:
        raise t.fail("target_url", Message.of("loaders.badge.alignment_url"))
    code = t.string("target_code") if t.has("target_code") else None
    framework = t.string("target_framework") if t.has("target_framework") else None
    description = t.string("target_description") if t.has("target_description") else None
    kind = t.string("target_type") if t.has("target_type") else None
    if kind is not None and kind not in _ALIGNMENT_TYPES and not _EXT_TYPE.match(kind):
        raise t.fail("target_type", Message.of("loaders.badge.target_type", value=brief(kind),
                                               choices=", ".join(_ALIGNMENT_TYPES)))
    t.finish()
    return Alignment(name, url, code, framework, description, kind)

