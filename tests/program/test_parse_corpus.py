"""The parser gives exactly what it gave before its rewrite for speed, on a fixed corpus.

See ``parse_corpus.py``: about 3,000 inputs (bundled and fixture jobs, and seeded mutations of
them as text and bytes) and a digest of the Program or the diagnostics each gave.
"""

from __future__ import annotations

from parse_corpus import digest, load, outcome


def test_every_input_parses_as_before() -> None:
    inputs, expected = load()
    assert len(inputs) == len(expected) > 3000
    changed = [(k, outcome(data)) for k, (data, want) in enumerate(zip(inputs, expected,
                                                                         strict=True))
               if digest(outcome(data)) != want]
    assert not changed, (f"{len(changed)} inputs parse differently, e.g. input "
                         f"{changed[0][0]}:\n{changed[0][1][:2000]}")


def test_the_corpus_holds_programs_and_errors() -> None:
    inputs, _ = load()
    outcomes = [outcome(data) for data in inputs[:40]]
    assert sum(o.startswith("program") for o in outcomes) >= 10
    assert sum(o.startswith("error") for o in outcomes) >= 5
    assert any(isinstance(data, bytes) for data in inputs)
