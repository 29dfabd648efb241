"""Relation rules for treatment statements."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, Candidate, cues, ref, rule, simple
from kg.extract.rules.mechanism import LESION_COMPLICATIONS
from kg.extract.sentence import Ref, SentenceView

TREATMENT_CUE = r"\b(?:treat\w*|manag\w*|therap\w*|respond\w* to|cured by|controlled by|strategy)\b"
TREATMENTS = ("treatment", "drug")
# Agents given to image a lesion, not to treat it.
IMAGING_AGENTS = {"ContrastAgent", "Radiotracer"}
SERIES = re.compile(r"\b(?:patients|cases|series)\b", re.I)
# What joins a treatment to the cue word after it: "surgery is the treatment of choice",
# "radiotherapy remains a good therapy".
COPULA_BEFORE_CUE = re.compile(
    r"\s+(?:is|are|was|were|remains?|appears? to be|seems? to be|has been|have been|(?:may|can|could|should)\s+"
    r"(?:also\s+)?be\s+used\s+as)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
# What may stand between the cue and its first treatment: "treated with", "treated surgically with a",
# "treatment of choice is".
CUE_TO_TREATMENT = re.compile(
    r"\s*(?:\w+ly\s+)?(?:with|by|to|using|of choice (?:is|was|remains)|(?:is|was|includes?|included|consists? of"
    r"|remains?)\b)?\s*"
    r"(?:(?:a|an|the|one|two|several|\w+ cycles? of|\w+ courses? of|combined|adjuvant|prompt|early|combination"
    r" of)\s+){0,3}",
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

    The lesion is, in this order: the one named right after the cue ("the treatment of choice for lymphoma"), the
    topic when the clause opens with a series of patients or with the treatment itself ("Treatment consists of ..."),
    the lesion the clause names before the cue (not a ranking word such as "primary treatment"), else the topic. A
    treatment called the good or usual one is surer than one merely mentioned, and "a combination of surgery and
    radiotherapy" also names the combined treatment.
    """
    for cue in cues(view, TREATMENT_CUE):
        modifier = TREATMENT_MODIFIER.search(view.text, 0, cue.start())
        subject = (
            _lesion_treated(view, cue)
            or _series_of_topic(view, cue.start())
            or _treatment_of_topic(view, cue)
            or view.subject_before(modifier.start() if modifier else cue.start())
            or view.anaphor_ref()
        )
        if subject is None or subject.concept is None or subject.concept.category not in LESION:
            continue
        if subject.is_case and SERIES.search(view.text):
            continue
        listed = OPTIONS_LIST.match(view.text, cue.start())
        after = _treatments_after(view, listed.end() if listed else cue.end())
        before = _treatments_before(view, cue.start())
        for treatment in after + before:
            candidate = simple(view, "treatment", subject, "treatedWith", treatment, cue.start())
            if treatment in before and _recommended(view, cue):
                candidate.reliability = RECOMMENDED_RELIABILITY
            yield candidate
        combined = _combination(view, cue.end(), after)
        if combined is not None:
            yield Candidate(
                "treatment",
                subject,
                "treatedWith",
                combined,
                span=(cue.start(), after[-1].end),
                hedge=view.hedge(0, cue.start()),
            )


# A series of patients named as the subject of a treatment verb ("all patients were treated with ..."), with no
# disease of its own.
SERIES_SUBJECT = re.compile(
    r"\W*(?:(?:all|most|many|the|these|such|our|affected)\s+)*(?:patients|cases)\s+(?:(?:were|are|have\s+been|had"
    r"\s+been|can\s+be|may\s+be|should\s+be|is|was)\s+)?(?:(?:usually|often|typically|successfully|then)\s+)?$",
    re.I,
)


def _series_of_topic(view: SentenceView, position: int) -> Ref | None:
    """The lesion a series of patients has, when the clause opens with them and names no disease.

    "All patients were treated with surgery" in a passage on one disease speaks of the patients who have it: in a
    review the topic; in a case report the class of the case's lesion, since a series there is the cases of the
    report's disease gathered from the literature (not the patient's own lesion, nor whatever the last sentence
    named). The noun is written, so the reference is not a bare guess.
    """
    start, _end = view.clause_of(position)
    if not SERIES_SUBJECT.fullmatch(view.text[start:position]):
        return None
    lesion = view.case_lesion or view.topic
    if lesion is None or lesion.category not in LESION:
        return None
    return Ref(lesion.name, lesion, anaphoric=True, written="patients")


# The word a treatment noun may carry before its lesion or its list: "treatment options for ...".
OPTIONS = r"(?:(?:options?|strateg(?:y|ies)|modalit(?:y|ies)|approach(?:es)?|choices?)\s+)?"
TREATED_LESION = re.compile(
    r"[\w-]*\s+(?:of\s+choice\s+)?" + OPTIONS + r"(?:for|of|in)\s+(?:(?:the|an?|all|most)\s+)?(?:patients\s+with\s+)?"
    r"(?:an?\s+|the\s+)?",
    re.I,
)
# A treatment noun whose treatments follow a verb: "treatment options for X include A and B".
OPTIONS_LIST = re.compile(
    r"[\w-]*\s+" + OPTIONS + r"(?:(?:for|of|in)\s+[^,;.]{0,60}?\s+)?(?:include|includes|are|consists?\s+of"
    r"|comprises?|involves?)\s+",
    re.I,
)


def _lesion_treated(view: SentenceView, cue: re.Match) -> Ref | None:
    """The lesion named right after a treatment noun: "the treatment for spinal lymphoma", "therapy of myeloma".

    A treatment said to be the treatment of a named lesion is that lesion's, whatever the sentence began with.
    """
    after = TREATED_LESION.match(view.text, cue.start())
    if after is None:
        return None
    named = [
        m
        for m in view.of(*LESION)
        if m.start >= after.end()
        and re.fullmatch(r"(?:[\w-]+\s+)?", view.text[after.end() : m.start])
        and not m.concept.broad
    ]
    return ref(named[0]) if named else None


# A word that ranks a treatment ("primary treatment", "first-line therapy"): not the lesion it treats, even where the
# recogniser reads "primary" as a primary tumour.
TREATMENT_MODIFIER = re.compile(r"\b(?:primary|first-line|initial|adjuvant|definitive|salvage|palliative)\s+$", re.I)
TREATMENT_OPENING = re.compile(
    r"\W*(?:the\s+)?(?:(?:usual|standard|primary|initial|definitive|current|optimal)\s+)?(?:treatment|management"
    r"|therapy|therapeutic)\s+(?:of\s+choice\s+)?" + OPTIONS + r"(?:consists?\s+of|includes?|involves?|comprises?"
    r"|relies\s+on|is|are)\b",
    re.I,
)


def _treatment_of_topic(view: SentenceView, cue: re.Match) -> Ref | None:
    """The topic, for a clause that opens with the treatment itself: "Treatment consists of surgery and antibiotics".

    Such a clause names no lesion because it is about the one the text discusses; the word "treatment" says so, so the
    reference is not a bare guess.
    """
    start, _end = view.clause_of(cue.start())
    opening = TREATMENT_OPENING.match(view.text, start)
    if opening is None or cue.start() >= opening.end():
        return None
    lesion = view.anaphor_ref()
    if lesion is None:
        return None
    return replace(lesion, written=cue.group(0))


# Treatments the ontology names as a combination of two others, by the classes of their parts.
COMBINED_TREATMENTS = {frozenset({"Surgery", "RadiationTherapy"}): "CombinedSurgeryAndRadiotherapy"}
COMBINATION_CUE = re.compile(r"\b(?:combination\s+of|combined)\s+$", re.I)


def _combination(view: SentenceView, position: int, treatments: list[Mention]) -> Ref | None:
    """The combined treatment "a combination of A and B" names, when the ontology has a class for it."""
    if len(treatments) < 2 or not COMBINATION_CUE.search(view.text[position : treatments[0].start]):
        return None
    for parts, combined in COMBINED_TREATMENTS.items():
        if all(any(part in t.concept.ancestors for t in treatments) for part in parts):
            return Ref(combined)
    return None


# A treatment called the good or usual one ("surgery is the treatment of choice", "radiotherapy is a good treatment
# option"): the sentence is about that treatment and nothing else, so the lesion it treats is surer than in a mention.
RECOMMENDING_WORD = re.compile(
    r"\b(?:good|standard|preferred|best|mainstay|first[- ]line|recommended|effective|optimal|definitive|usual"
    r"|primary)\s+(?:of\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
OF_CHOICE = re.compile(r"[\w-]*\s+of\s+choice\b", re.I)
RECOMMENDED_RELIABILITY = 0.9


def _recommended(view: SentenceView, cue: re.Match) -> bool:
    """Whether a treatment cue calls the treatment before it the good or usual one."""
    return bool(
        RECOMMENDING_WORD.search(view.text[max(0, cue.start() - 30) : cue.start()])
        or OF_CHOICE.match(view.text, cue.start())
    )


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


FOLLOW_UP_NEEDED = re.compile(
    r"\b(?:is|are|be|remains?)\s+(?:(?:therefore|thus|also|always|then|strongly)\s+)?(?:required|indicated|recommended"
    r"|necessary|mandatory|warranted|advised|advisable|needed|essential)\b",
    re.I,
)
# A lesion that needs a follow-up, in the active: "chordomas require long-term follow-up".
NEEDS_FOLLOW_UP = re.compile(
    r"\b(?:requir|need|warrant|necessitat|deserv)\w*\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
# What introduces the reason a follow-up is needed: "because of frequent recurrences", "for recurrence".
REASON = re.compile(r"\b(?:because\s+of|due\s+to|owing\s+to|given|in\s+view\s+of|for|to\s+detect)\b", re.I)


@rule("treatment.follow_up", "treatment", 0.85, general_only=True)
def treatment_follow_up(view: SentenceView) -> Iterable[Candidate]:
    """A follow-up called for, and the outcomes it watches for.

    "close follow-up of these patients is required because of frequent recurrences", "long-term surveillance is
    recommended for recurrence": the lesion is treated with follow-up, and the outcomes named as its reason (recurrence,
    delayed metastasis) are the lesion's complications. The lesion is the one the clause names first, else the topic
    (a guess, see :func:`_followed_lesion`).
    """
    for follow_up in view.of("treatment"):
        if "FollowUp" not in follow_up.concept.ancestors:
            continue
        start, end = view.clause_of(follow_up.start)
        needed = FOLLOW_UP_NEEDED.search(view.text, follow_up.end, end) or NEEDS_FOLLOW_UP.search(
            view.text[start : follow_up.start]
        )
        subject = _followed_lesion(view, follow_up)
        if needed is None or subject is None:
            continue
        yield simple(view, "treatment", subject, "treatedWith", follow_up, follow_up.start)
        for outcome in view.of("outcome"):
            between = view.text[follow_up.end : outcome.start]
            if follow_up.end <= outcome.start < end and REASON.search(between) and not view.is_negated(outcome):
                predicate = "hasComplication" if outcome.concept.name in LESION_COMPLICATIONS else "hasOutcome"
                candidate = simple(view, "clinical_feature", subject, predicate, outcome, follow_up.start)
                yield replace(candidate, span=(outcome.start, outcome.end))


def _followed_lesion(view: SentenceView, follow_up: Mention) -> Ref | None:
    """The lesion whose patients are followed: named in the clause before the follow-up, else the topic.

    The topic stays a guess even for "follow-up of these patients": measured on the corpus, the patients a discussion
    points back to were often those of a broader class than the running topic.
    """
    return view.subject_before(follow_up.start) or view.anaphor_ref()


CURATIVE = re.compile(
    r"\s+(?:is|are|remains?)\s+(?:(?:usually|often|generally|typically|frequently|highly|also)\s+)?(?:curative"
    r"|effective|successful|indicated|recommended|advocated|warranted|(?:reserved|kept)\s+for|used\s+(?:for|in|to\s+treat)"
    r"|(?:an?\s+)?(?:(?:effective|useful|good|reasonable)\s+)?(?:option|alternative))\b",
    re.I,
)


# A clause joined to the one before by a comma and a conjunction ("Most patients receive antibiotics, and
# surgery is reserved for ..."): its treatment opens the joined clause.
JOINED_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas)\s+", re.I)
# "reserved for abscess drainage": a lesion naming the act a treatment is for, not the lesion treated.
PROCEDURE_NOUN_AFTER = re.compile(r"\s+(?:drainage|evacuation|aspiration|decompression|removal)\b", re.I)


def _first_mention_start(view: SentenceView, start: int, cue: re.Match) -> int:
    """Where the first term between a clause start and a cue begins (the cue itself when there is none)."""
    return next((m.start for m in view.mentions if start <= m.start and m.end <= cue.start()), cue.start())


@rule("treatment.curative", "treatment", 0.9, general_only=True)
def treatment_curative(view: SentenceView) -> Iterable[Candidate]:
    """A treatment that opens its clause and is called curative, indicated or an option: "Resection is curative".

    An introductory phrase before a comma ("Beyond systemic therapy, radiotherapy is kept for painful lesions") does
    not open the clause: the treatment after the comma does.

    The lesion is the one named after it ("effective for painful hemangiomas"), else the topic of the text.
    """
    for cue in CURATIVE.finditer(view.text):
        start, end = view.clause_of(cue.start())
        joined = [m.end() for m in JOINED_CLAUSE.finditer(view.text, start, cue.start())]
        start = joined[-1] if joined else start
        comma = view.text.rfind(",", start, cue.start())
        if comma >= 0 and not TREATMENT_LINK.fullmatch(view.text[start : _first_mention_start(view, start, cue)]):
            start = comma + 1
        opening = [m for m in view.mentions if start <= m.start and m.end <= cue.start()]
        if not opening or any(m.category not in TREATMENTS for m in opening):
            continue
        if not TREATMENT_LINK.fullmatch(view.text[start : opening[0].start]):
            continue
        named = [
            m
            for m in view.of(*LESION)
            if cue.end() <= m.start < end and not m.concept.broad and not PROCEDURE_NOUN_AFTER.match(view.text, m.end)
        ]
        subject = ref(named[0]) if named else view.anaphor_ref()
        if subject is None or subject.concept is None or subject.concept.category not in LESION:
            continue
        for treatment in opening:
            if not treatment.concept.generic:
                yield simple(view, "treatment", subject, "treatedWith", treatment, treatment.start)
