"""Relation rules for mechanism and clinical_feature statements."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, Candidate, after_in_clause, cues, ref, rule, simple
from kg.extract.rules.case_frame import PAST_TENSE_WORD
from kg.extract.rules.metastasis import is_metastasis, is_primary
from kg.extract.sentence import Ref, SentenceView


@rule("mechanism.causes", "mechanism", 0.75, general_only=True)
def mechanism_causes(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that causes a condition: "can cause acute spinal cord compression"."""
    for cue in cues(view, r"\b(?:caus(?!ed\s+by)\w*|lead\w* to|result\w* in|produc(?!ed\s+by)\w*|give\w* rise to|responsible for)\b"):
        subject = view.subject_before(cue.start(), categories=LESION + ("finding", "process"))
        if subject is None:
            continue
        for effect in after_in_clause(view, cue.end(), LESION + ("clinical", "complication", "finding"), stop=())[:3]:
            if effect.concept.name == subject.name or effect.concept.broad or is_primary(effect) or _primary_and_its_metastasis(subject, effect):
                continue
            hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[max(0, cue.start() - 16) : cue.start()], re.I)
            kind = "clinical_feature" if effect.category == "clinical" else "mechanism"
            predicate = "presentsWith" if effect.category == "clinical" else "canCause" if hedged else "causes"
            yield simple(view, kind, subject, predicate, effect, cue.start())


def _primary_and_its_metastasis(subject: Ref, effect: Mention) -> bool:
    """Whether a primary tumour is said to cause a metastasis: the kind of its spread, which
    :func:`metastasis_primary_has_type` states, not a mechanism."""
    return is_metastasis(effect) and subject.concept is not None and bool(subject.concept.ancestors & {"PrimaryTumour", "Carcinoma", "MalignantNeoplasm"}) and "Metastasis" not in subject.concept.ancestors


@rule("mechanism.caused_by", "mechanism", 0.75, general_only=True)
def mechanism_caused_by(view: SentenceView) -> Iterable[Candidate]:
    """A finding or complication and the lesion behind it, in the passive: "cord compression is often caused
    by epidural metastasis", "a pathologic fracture secondary to a lytic metastasis".
    """
    for cue in cues(view, r"\b(?:caused\s+by|due\s+to|secondary\s+to|resulting\s+from|produced\s+by)\b"):
        start, _end = view.clause_of(cue.start())
        effects = [m for m in view.of(*LESION, "finding", "complication", "clinical") if start <= m.start and m.end <= cue.start() and not m.concept.broad]
        causes = after_in_clause(view, cue.end(), LESION + ("process",), stop=())[:1]
        if not effects or not causes or causes[0].start - cue.end() > 30 or causes[0].concept.name == effects[-1].concept.name:
            continue
        if is_metastasis(effects[-1]) and is_primary(causes[0]):
            continue
        hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[effects[-1].end : cue.start()], re.I)
        candidate = simple(view, "mechanism", ref(causes[0]), "canCause" if hedged else "causes", effects[-1], effects[-1].start)
        yield replace(candidate, negated=view.is_negated(effects[-1]) or view.is_negated(causes[0]))


@rule("clinical.presents_with", "clinical_feature", 0.75, general_only=True)
def clinical_presents_with(view: SentenceView) -> Iterable[Candidate]:
    """A lesion's symptoms: "vertebral hemangioma is asymptomatic", "presents with back pain"."""
    for feature in view.of("clinical"):
        start, _end = view.clause_of(feature.start)
        before = view.text[start : feature.start]
        if not re.search(r"\b(?:present\w*|manifest\w*|is|are|becom\w*|with|cause\w*|includ\w*)\b", before, re.I):
            continue
        subject = view.subject_before(feature.start)
        if subject is not None:
            yield simple(view, "clinical_feature", subject, "presentsWith", feature, feature.start)


# Outcomes that befall a lesion after treatment, which curators state as its complications.
LESION_COMPLICATIONS = {"Recurrence", "DelayedMetastasis"}


@rule("clinical.lesion_outcome", "clinical_feature", 0.75)
def clinical_lesion_outcome(view: SentenceView) -> Iterable[Candidate]:
    """The course of a kind of lesion: "hemangiopericytomas show a slow clinical evolution with a strong
    propensity to relapse" (a slow course; recurrence as a complication).

    Only in general statements: case narrative (past tense) tells the outcome of the patient instead.
    """
    if view.is_case and PAST_TENSE_WORD.search(view.text):
        return
    for outcome in view.of("outcome"):
        lesions = [m for m in view.of(*LESION) if m.end <= outcome.start and not m.concept.broad and view.same_clause(m.start, outcome.start)]
        if lesions:
            predicate = "hasComplication" if outcome.concept.name in LESION_COMPLICATIONS else "hasOutcome"
            yield simple(view, "clinical_feature", ref(lesions[0]), predicate, outcome, lesions[0].start)
