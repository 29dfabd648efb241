"""Relation rules for treatment statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, Candidate, cues, rule, simple
from kg.extract.sentence import SentenceView

TREATMENT_CUE = r"\b(?:treat\w*|manag\w*|therap\w*|respond\w* to|cured by|controlled by|strategy)\b"
TREATMENTS = ("treatment", "drug")
# Agents given to image a lesion, not to treat it.
IMAGING_AGENTS = {"ContrastAgent", "Radiotracer"}
SERIES = re.compile(r"\b(?:patients|cases|series)\b", re.I)
# What joins a treatment to the cue word after it: "surgery is the treatment of choice",
# "radiotherapy remains a good therapy".
COPULA_BEFORE_CUE = re.compile(
    r"\s+(?:is|are|was|were|remains?|appears? to be|seems? to be|has been|have been)\s+(?:[\w-]+\s+){0,3}$", re.I
)
# What may stand between the cue and its first treatment: "treated with", "treated surgically with a",
# "treatment of choice is".
CUE_TO_TREATMENT = re.compile(
    r"\s*(?:\w+ly\s+)?(?:with|by|to|using|of choice (?:is|was|remains)|(?:is|was|includes?|included|consists? of"
    r"|remains?)\b)?\s*"
    r"(?:(?:a|an|the|one|two|several|\w+ cycles? of|\w+ courses? of|combined|adjuvant|prompt|early)\s+){0,3}",
    re.I,
)
TREATMENT_LINK = re.compile(
    r"(?:\s|,|\b(?:and|or|and/or|with|plus|followed by|as well as|the|a|an|adjuvant|postoperative)\b)*", re.I
)


@rule("treatment.treated_with", "treatment", 0.8, general_only=True)
def treatment_treated_with(view: SentenceView) -> Iterable[Candidate]:
    """A lesion and its treatment: "treated with radiation and surgery", "surgery is the treatment of choice".

    The treatments are the ones the cue names: right after it ("treated with A, B and C") or joined to
    it by a verb ("A and B appear to be the treatment of choice"), not every treatment of the clause
    ("follow-up times post therapy" names no treatment of a lesion). A sentence about a series of patients
    ("all patients were treated with ...") does not tell how the case's own lesion was treated.
    """
    for cue in cues(view, TREATMENT_CUE):
        subject = view.subject_before(cue.start()) or view.anaphor_ref()
        if subject is None or subject.concept is None or subject.concept.category not in LESION:
            continue
        if subject.is_case and SERIES.search(view.text):
            continue
        for treatment in _treatments_after(view, cue.end()) + _treatments_before(view, cue.start()):
            yield simple(view, "treatment", subject, "treatedWith", treatment, cue.start())


@rule("treatment.case_drugs", "treatment", 0.8, case_only=True)
def treatment_case_drugs(view: SentenceView) -> Iterable[Candidate]:
    """Drugs given in the case ("she was treated with two cycles of A and B", "he received A").

    The case lesion was treated with each. Contrast agents and tracers are given to image, not to treat.
    """
    if view.case_lesion is None or view.is_caption:
        return
    lesion = view.case_lesion_ref
    for cue in cues(
        view, r"\b(?:treat\w*(?:\s+(?:him|her|the patient|this patient))?|receiv\w*|given|administered|started on)\b"
    ):
        for drug in _treatments_after(view, cue.end(), ("drug",)):
            if not drug.concept.ancestors & IMAGING_AGENTS:
                yield simple(view, "treatment", lesion, "treatedWith", drug, cue.start())


def _treatments_after(view: SentenceView, position: int, categories=TREATMENTS) -> list[Mention]:
    """The treatments a cue names right after it, with those coordinated with the first."""
    named = [m for m in view.mentions if m.start >= position and view.same_clause(position, m.start)]
    run: list[Mention] = []
    end = position
    for mention in named:
        gap = view.text[end : mention.start]
        if not (CUE_TO_TREATMENT.fullmatch(gap) if not run else TREATMENT_LINK.fullmatch(gap)):
            break
        if mention.category not in categories:
            break
        run.append(mention)
        end = mention.end
    return [m for m in run if not m.concept.generic]


def _treatments_before(view: SentenceView, position: int) -> list[Mention]:
    """The treatments a cue word is said of: "A and B appear to be the treatment of choice"."""
    link = COPULA_BEFORE_CUE.search(view.text, 0, position)
    if link is None:
        return []
    before = [m for m in view.mentions if m.end <= link.start() and view.same_clause(m.start, position)]
    run: list[Mention] = []
    end = link.start()
    for mention in reversed(before):
        if mention.category not in TREATMENTS or not TREATMENT_LINK.fullmatch(view.text[mention.end : end]):
            break
        run.insert(0, mention)
        end = mention.start
    return [m for m in run if not m.concept.generic]
