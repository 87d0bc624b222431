"""Digital badges: Open Badges 3.0 credentials for passed exercises.

An achievement (TOML, :mod:`weldsim.badges.achievement`) states a rule over the gradebook's
attempts (:mod:`~weldsim.badges.rule`); when a trainee meets it, :func:`issue_badge` writes an
``OpenBadgeCredential`` on the Verifiable Credentials 2.0 data model
(:mod:`~weldsim.badges.credential`) signed as a VC-JWT with the instructor's Ed25519 key
(:mod:`~weldsim.badges.vcjwt`), baked into the badge picture (:mod:`~weldsim.badges.baking`,
:mod:`~weldsim.badges.image`), with a printable certificate
(:mod:`~weldsim.badges.certificate`) and the signed reports as evidence.
:func:`verify_credential_file` checks one (:mod:`~weldsim.badges.verify`). The JSON-LD
contexts ship in :mod:`weldsim.badges.contexts`: nothing needs the network.
"""

from weldsim.badges.achievement import (
    Achievement,
    Issuer,
    bundled_achievement_ids,
    load_achievement,
    load_issuer,
)
from weldsim.badges.issue import Issued, RuleNotMetError, issue_badge
from weldsim.badges.rule import RuleOutcome, check_rule
from weldsim.badges.verify import UnreadableCredentialError, Verdict, verify_credential_file

__all__ = ["Achievement", "Issued", "Issuer", "RuleNotMetError", "RuleOutcome",
           "UnreadableCredentialError", "Verdict", "bundled_achievement_ids", "check_rule",
           "issue_badge", "load_achievement", "load_issuer", "verify_credential_file"]
