"""Relation rules for treatment statements."""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.rules.base import LESION, Candidate, after_in_clause, cues, rule, simple
from kg.extract.sentence import SentenceView


@rule("treatment.treated_with", "treatment", 0.8, general_only=True)
def treatment_treated_with(view: SentenceView) -> Iterable[Candidate]:
    """A lesion and its treatment: "treated with radiation and surgery", "surgery is the treatment of choice"."""
    for cue in cues(view, r"\b(?:treat\w*|manag\w*|therap\w*|respond\w* to|cured by|controlled by|strategy)\b"):
        subject = view.subject_before(cue.start()) or view.anaphor_ref()
        if subject is None or subject.concept is None or subject.concept.category not in LESION:
            continue
        treatments = after_in_clause(view, cue.end(), ("treatment", "drug"), stop=())
        treatments += [m for m in view.of("treatment", "drug") if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        for treatment in treatments:
            yield simple(view, "treatment", subject, "treatedWith", treatment, cue.start())
