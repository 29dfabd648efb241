"""What every relation rule shares: the candidate statement, the registry, and the clause helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.extract.recognise import Mention
from kg.extract.sentence import Ref, SentenceView

COMPARTMENT_SITES = {
    "ExtraduralSite",
    "IntraduralExtramedullarySite",
    "IntramedullarySite",
    "OsseousSite",
    "ParaspinalSite",
    "LeptomeningealSite",
}
SITE = ("site", "region")
LESION = ("disorder", "primary")
TECHNIQUE = ("modality", "sequence", "technique", "procedure")
# A bracketed citation ("[12]", "[3, 5–7]"), left out of text a statement quotes as its value.
CITATION = re.compile(r"\s*\[[\d,\s–-]+\]")


@dataclass
class Candidate:
    """A statement a rule proposes, before it is scored and written."""

    kind: str
    subject: Ref
    predicate: str
    object: Ref | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    text: str | None = None
    hedge: str | None = None
    negated: bool = False
    qualifiers: dict = field(default_factory=dict)
    span: tuple[int, int] = (0, 0)
    rule: str = ""
    reliability: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A named relation rule with the reliability its statements start from."""

    name: str
    kind: str
    reliability: float
    function: Callable[[SentenceView], Iterable[Candidate]]
    case_only: bool = False
    general_only: bool = False


RULES: list[Rule] = []


def rule(name: str, kind: str, reliability: float, *, case_only: bool = False, general_only: bool = False):
    """Register a rule function under a name."""

    def register(function):
        RULES.append(Rule(name, kind, reliability, function, case_only, general_only))
        return function

    return register


def run_rules(view: SentenceView) -> list[Candidate]:
    """Every candidate of every rule that applies to the sentence, each stamped with its rule."""
    candidates = []
    for entry in RULES:
        if (entry.case_only and not (view.is_case or view.is_caption)) or (entry.general_only and view.is_case):
            continue
        for candidate in entry.function(view):
            candidate.rule = entry.name
            candidate.reliability = candidate.reliability or entry.reliability
            candidate.kind = candidate.kind or entry.kind
            candidates.append(candidate)
    return candidates


def ref(mention: Mention) -> Ref:
    """The reference of a mentioned concept."""
    return Ref(mention.concept.name, mention.concept)


def cues(view: SentenceView, pattern: str) -> list[re.Match]:
    """Matches of a cue pattern in the sentence (case-insensitive)."""
    return list(re.finditer(pattern, view.text, re.I))


def after_in_clause(view: SentenceView, position: int, categories, *, stop=LESION, specific=True) -> list[Mention]:
    """Mentions of ``categories`` after a position in its clause, up to the next mention of ``stop``."""
    _start, end = view.clause_of(position)
    found = []
    for mention in view.mentions:
        if mention.start < position or mention.start >= end:
            continue
        if mention.category in stop and mention.category not in categories and found:
            break
        if mention.category in categories and not (specific and mention.concept.generic):
            found.append(mention)
    return found


def span_of(anchor: int, mention: Mention | None) -> tuple[int, int]:
    """Character span from a cue or subject position to an object mention, to weigh distance."""
    if mention is None:
        return anchor, anchor
    return min(anchor, mention.start), max(anchor, mention.end)


def simple(
    view: SentenceView, kind: str, subject: Ref, predicate: str, obj: Mention, anchor: int, **qualifiers
) -> Candidate:
    """A candidate whose object is a mentioned concept, with its negation and the hedge words around it."""
    start, end = span_of(anchor, obj)
    clause = view.clause_of(obj.start)
    return Candidate(
        kind=kind,
        subject=subject,
        predicate=predicate,
        object=ref(obj),
        hedge=view.hedge(clause[0], end),
        negated=view.is_negated(obj),
        qualifiers={k: v for k, v in qualifiers.items() if v is not None},
        span=(start, end),
    )
