"""Relation rules for definition statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.rules.base import LESION, Candidate, cues, ref, rule, simple
from kg.extract.sentence import SentenceView

DEFINITION_GAP = re.compile(
    r"\s*(?:(?:considered|thought|regarded|known)\s+(?:to\s+be\s+|as\s+)?)?(?:an?\s+|the\s+|one\s+of\s+the\s+)?"
    r"(?!(?:[\w-]+\s+){0,4}?(?:with|of|in|to|from|by|than|as|near|within)\b)(?:[\w-]+,?\s+){0,4}?$", re.I)


@rule("definition.is_a", "definition", 0.85)
def definition_is_a(view: SentenceView) -> Iterable[Candidate]:
    """"A is a (kind of) B" where the ontology agrees that B is above A: "Cavernous hemangioma is a common vascular lesion"."""
    for cue in cues(view, r"\b(?:is|are)\b|,\s+(?:an?|the)\b"):
        subjects = [m for m in view.of(*LESION) if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        if not subjects:
            continue
        subject = subjects[-1]
        _start, end = view.clause_of(cue.end())
        following = [m for m in view.mentions if cue.end() <= m.start < min(end, cue.end() + 60)]
        for parent in following:
            if not DEFINITION_GAP.match(view.text[cue.end() : parent.start]):
                break
            if parent.concept.name in subject.concept.ancestors and parent.concept.name != subject.concept.name and not parent.concept.generic:
                yield simple(view, "definition", ref(subject), "subClassOf", parent, subject.start)
                break
