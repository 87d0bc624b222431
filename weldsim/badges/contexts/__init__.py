"""The JSON-LD contexts a credential uses, shipped so that nothing is fetched from the network.

- ``credentials-v2.jsonld``: the W3C Verifiable Credentials 2.0 context
  (``https://www.w3.org/ns/credentials/v2``; BSD-3-Clause, see ``credentials-v2.LICENSE``).
- ``ob-context-3.0.3.json``: the 1EdTech Open Badges 3.0.3 context.
- :data:`WELDSIM_CONTEXT`: weldsim's own terms (the evidence reports' file, hash, exercise),
  carried inline in every credential so that a JSON-LD processor needs no third document.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

__all__ = ["CONTEXTS_DIR", "OB_V3_CONTEXT", "SHIPPED", "VC_V2_CONTEXT", "WELDSIM_CONTEXT",
           "WELDSIM_VOCAB", "context_document", "document_loader"]

CONTEXTS_DIR = Path(__file__).resolve().parent
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
SHIPPED = {VC_V2_CONTEXT: "credentials-v2.jsonld", OB_V3_CONTEXT: "ob-context-3.0.3.json"}
"""URL of each shipped context -> its file in this folder."""

WELDSIM_VOCAB = "urn:weldsim:vocab#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
WELDSIM_CONTEXT = {
    "@protected": True,
    "exerciseId": {"@id": WELDSIM_VOCAB + "exerciseId"},
    "exerciseVersion": {"@id": WELDSIM_VOCAB + "exerciseVersion", "@type": _XSD + "integer"},
    "reportFile": {"@id": WELDSIM_VOCAB + "reportFile"},
    "reportSha256": {"@id": WELDSIM_VOCAB + "reportSha256"},
}
"""The inline context (third ``@context`` entry) of weldsim's evidence terms."""


@functools.cache
def _load(url: str) -> str:
    return (CONTEXTS_DIR / SHIPPED[url]).read_text(encoding="utf-8")


def context_document(url: str) -> dict:
    """The shipped context document of ``url``.

    Raises
    ------
    KeyError
        ``url`` is not a shipped context (nothing is ever fetched).
    """
    return json.loads(_load(url))


def document_loader(url: str, options: dict | None = None) -> dict:
    """A JSON-LD document loader (pyld's interface) over the shipped contexts only.

    Raises
    ------
    KeyError
        Any other URL: a credential that needs one is not a weldsim credential.
    """
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": context_document(url)}
