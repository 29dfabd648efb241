"""Normalise the hedge words papers write ("usually", "often", "rare", "may") to frequency levels.

The levels are individuals of ``sk:FrequencyLevel`` in the ontology. Patterns are tried from the
most specific to the least, so "most commonly" is *usually*, "less commonly" is *sometimes* and
"uncommon" is *rarely* although each contains "common".
"""

from __future__ import annotations

import re

from kg.namespaces import SK

HEDGE_LEXICON: list[tuple[str, str]] = [
    ("Always", r"\balways\b|\binvariabl[ey]\b|\ball\b"),
    ("Rarely", r"\brare(ly)?\b|\bunusual\b|\buncommon(ly)?\b|\bseldom\b|\bfew\b|\bexceedingly\b|\bvery rarely\b"),
    ("Sometimes", r"\bless common(ly)?\b|\bless often\b|\bsometimes\b|\boccasional(ly)?\b|\bvariable\b|\bin some\b"),
    ("Usually", r"\busually\b|\btypical(ly)?\b|\bmost(ly)?\b|\bcharacteristic(ally)?\b|\bgeneral(ly)?\b|\btends? to\b|\bpredominantly\b|\bmajority\b|\bstrongly\b"),
    ("Often", r"\boften\b|\bcommon(ly)?\b|\bfrequent(ly)?\b"),
    ("Possibly", r"\bmay\b|\bcan\b|\bmight\b|\bcould\b|\bpossibl[ey]\b|\breported(ly)?\b|\bappears?\b|\bprobabl[ey]\b|\bsuggest|\bthought\b|\bspeculated\b|\bconsidered\b|\bpresumably\b|\bnot specific\b|\bnonspecific\b"),
]

_COMPILED = [(level, re.compile(pattern, re.I)) for level, pattern in HEDGE_LEXICON]


def normalise_hedge(hedge: str | None):
    """Return the ``sk:`` frequency level of a hedge as written, or None when it names none."""
    if not hedge:
        return None
    for level, pattern in _COMPILED:
        if pattern.search(hedge):
            return SK[level]
    return None
