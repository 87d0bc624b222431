"""Fixtures of the badge tests: keys, an issuer, a gradebook and one issued badge (shared:
copy the badge folder before changing anything in it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from badge_cases import PASSING, make_gradebook, make_keys, write_issuer

from weldsim.badges import issue_badge, load_achievement, load_issuer
from weldsim.grading.signing import load_private_key, load_public_key

ISSUE_DATE = dt.date(2026, 12, 7)
"""Issue date of the shared badge (valid 3 years: the bundled achievement's valid_years)."""


@dataclass(frozen=True)
class World:
    private: Path
    public: Path
    other_public: Path
    other_private: Path
    issuer: Path
    gradebook: Path
    badge: Path

    @property
    def key(self):
        return load_private_key(self.private)[0]

    @property
    def pub(self):
        return load_public_key(self.public)


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    base = tmp_path_factory.mktemp("badges")
    private, public = make_keys(base / "keys")
    other_private, other_public = make_keys(base / "other-keys")
    issuer = write_issuer(base)
    gradebook = make_gradebook(base / "class", PASSING, private)
    out = base / "badge"
    issue_badge(achievement=load_achievement("robot-fillet-2f"), issuer=load_issuer(issuer),
                gradebook=gradebook, trainee="ani", private_key=load_private_key(private)[0],
                out_dir=out, issued=ISSUE_DATE, lang="en", display_name="Ani Wijaya")
    return World(private, public, other_public, other_private, issuer, gradebook, out)
