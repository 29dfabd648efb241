"""The frame of a case report: which sentences tell the case, what the case lesion is, and its timeline.

A case report interleaves the story of one patient with general knowledge. A sentence belongs to the
case narrative when it speaks of the patient ("the patient", "a 40-year-old man", "he", "our case"),
or follows such a sentence in the same paragraph in the past tense. The case lesion is the specific
lesion the narrative names where a diagnosis is reached ("pathology revealed ..."), else the one it
names most. The timeline is the procedures of the narrative in the order they are told, each a case
individual (``case:<procedure>``) that the patient ``underwent``, with the time words as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import OWL, RDFS

from kg.extract.recognise import Concept, Mention
from kg.extract.rules import COMPARTMENT_SITES, Candidate, simple
from kg.extract.rules.case_frame import (
    BOUND_BEFORE_LEVEL,
    HISTORY_LEAD,
    PROCEDURE_COMPLICATION,
    PROCEDURE_OUTCOMES,
)
from kg.extract.sentence import Ref, SentenceView
from kg.namespaces import SK

CASE_MARKER = re.compile(
    r"\b(?:year[- ]old|the patient|our patient|this patient|our case|in our case|the present case|he|she|his|her"
    r"|him)\b",
    re.I,
)
# Words of general statements. "Studies" of the literature, not a case's own tests ("laboratory studies revealed",
# "blood studies were normal").
GENERAL_MARKER = re.compile(
    r"\b(?:patients|cases|series|literature|reported|(?<!laboratory\s)(?<!blood\s)(?<!imaging\s)(?<!coagulation\s)"
    r"studies|is|are|may|can|should|must)\b",
    re.I,
)
STRICT_CASE_MARKER = re.compile(
    r"\b(?:year[- ]old|the patient|our patient|this patient|our case|in our case|the present case)\b", re.I
)
CASE_SECTION = re.compile(r"\bcase\b|\bpresentation\b|\bclinical history\b", re.I)
DISCUSSION = re.compile(r"\bdiscussion\b|\bconclusions?\b|\breview\b", re.I)
# Past tense: regular "-ed" forms and the irregular verbs case narrative uses ("the pain kept her awake",
# "the mass arose from the dura", "she felt numb", "it did not extend").
PAST_TENSE = re.compile(
    r"\b(?:was|were|had|did|underwent|showed|revealed|\w+ed|kept|found|arose|grew|felt|became|began|went|came|gave|took"
    r"|"
    r"made|lay|saw|fell|led|held|brought|sought|told|got|ran|bled|broke|shown|grown|seen|taken|given)\b",
    re.I,
)
DIAGNOSIS_CUE = re.compile(r"\b(?:patholog\w*|histolog\w*|biopsy|diagnos\w*|confirmed|revealed)\b", re.I)
ACTIVE_CUE = re.compile(
    r"\b(?:underw\w*|undert\w*|attempt\w*|receiv\w*|treated (?:with|by)|given|(?:started|began|commenced)"
    r"(?:\s+(?:on|with))?|had|required|through\s+(?:an?|the)|via\s+(?:an?|the))\s+(?:[\w-]+\s+){0,4}$",
    re.I,
)
PASSIVE_CUE = re.compile(
    r"^[^.;]{0,60}?\b(?:was|were)\s+(?:\w+\s+)?(?:perform\w*|done|obtain\w*|attempt\w*|made|carried out|undertaken"
    r"|given|started|administered|repeated)\b",
    re.I,
)
# Care the patient leaves hospital with: "discharged home with home care", "discharged on physiotherapy".
DISCHARGED_WITH = re.compile(r"\bdischarged\b[^.;]{0,60}?\b(?:with|on|to)\s+(?:[\w-]+\s+){0,2}$", re.I)
IMAGING_CUE = re.compile(r"^[^.;]{0,40}?\b(?:show\w*|demonstrat\w*|reveal\w*|confirm\w*|disclos\w*|depict\w*)\b", re.I)
REFERENCE_TO_EARLIER = re.compile(
    r"\b(?:after|following|post|since|before|prior to|despite)\s+(?:the\s+|his\s+|her\s+)?(?:\w+\s+)?$", re.I
)
AFTER_ANCHOR = re.compile(
    r"\b(?:hours?|days?|weeks?|months?|years?)\s+(?:after|following)\s+(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+)?$", re.I
)
REPEAT_CUE = re.compile(
    r"\b(?:second|third|another|again|repeat\w*|re-?\w+ed|follow-?up|control|further|new|subsequent)\b", re.I
)
SEQUENCE_CUE = re.compile(
    r"\b(?:then|later|after\w*|following|followed by|subsequent\w*|post-?\s?operative\w*|therefore|thereafter|next"
    r"|another|second|third|"
    r"again|repeat\w*|follow-?up|eventually|finally)\b",
    re.I,
)
COORDINATED_PROCEDURE = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:,|and|with|plus|as well as)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}", re.I
)
PROCEDURE_LEVEL_LEAD = re.compile(r"\s+(?:of|to|at|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)
PROCEDURE_LEVEL_RULE = "case.timeline.procedure_level"
PASSIVE_VERB = re.compile(r"(?:was|were)\s", re.I)
RESULT_CUE = re.compile(
    r"^[^.;]{0,40}?\b(?:was|were)\s+(?:\w+\s+)?(?:unremarkable|normal|negative|non-?diagnostic)\b", re.I
)
# When an event happened, as written: "four days later", "two days after the biopsy", "a few weeks after admission",
# "following surgery". A word before the interval belongs to it only when it measures it ("a few", "about two").
TIME_PHRASE = re.compile(
    r"\b(?:(?:(?:a|about|some|approximately|nearly|almost|over|only|just|another)\s+)?(?:\w+|\d+)\s+"
    r"(?:hours?|days?|weeks?|months?|years?)\s+(?:later|after\s+(?:(?:the|his|her|this|that)\s+)?[\w-]+"
    r"|prior(?:\s+to\s+(?:(?:the|his|her|this|that)\s+)?[\w-]+)?|before|earlier|ago)|"
    r"(?:following|after)\s+(?:the\s+)?(?!(?:an?|contrast|gadolinium|injection|administration)\b)\w+"
    r"|post-?\s?operatively|pre-?\s?operatively|at follow-?up)\b",
    re.I,
)
PROCEDURE_CATEGORIES = ("treatment", "procedure", "modality")
TIMELINE_RULE = "case.timeline"
TIMELINE_RELIABILITY = 0.8
EARLIER_EVENT_RELIABILITY = 0.72
SEQUENCE_RULE = "case.timeline.preceded_by"
SEQUENCE_RELIABILITY = 0.85
UNCUED_SEQUENCE_RELIABILITY = 0.6
PROCEDURE_OUTCOME_RULE = "case.timeline.procedure_outcome"
# An operation's partial success told as a clause: "some decompression was achieved", "partial decompression was
# obtained".
PARTIAL_DECOMPRESSION = re.compile(
    r"\b(?:some|partial|incomplete|limited)\s+(?:\w+\s+)?decompression\s+(?:was\s+|could\s+be\s+)?"
    r"(?:achieved|obtained|accomplished|possible)\b",
    re.I,
)
TREATED_WITH_RULE = "case.timeline.treated_with"
# True, but curators differ on stating it beside "the patient underwent ..." (some state both, many only
# the procedure), so it waits for review.
LESION_TREATMENT_RELIABILITY = 0.65
# Treatments that care for the patient or the wound rather than act on the lesion.
PATIENT_CARE = {"ReconstructiveSurgery", "HomeCare", "FollowUp", "TreatmentPlanning"}
# Care that follows the patient's stay rather than a step of the treatment: it comes after them all, not after one.
AFTERCARE = {"HomeCare", "FollowUp"}
PROCEDURE_COMPLICATION_RULE = "case.timeline.procedure_complication"


def mark_case_sentences(views: list[SentenceView], paragraph_breaks: list[bool]) -> None:
    """Set ``is_case`` on the sentences that tell the case (``paragraph_breaks[k]``: a blank line before sentence k).

    A paragraph tells the case when a sentence of it speaks of the patient, or when it follows such a
    paragraph and most of its sentences narrate (past tense, no general words such as "patients",
    "is", "may"). In such a paragraph every narrating sentence is case narrative. Discussion and
    conclusion sections tell the case only where they name the patient ("in our case").
    """
    paragraphs: list[list[SentenceView]] = []
    for view, new_paragraph in zip(views, paragraph_breaks):
        if new_paragraph or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(view)
    previous_case = False
    for paragraph in paragraphs:
        body = [v for v in paragraph if not v.is_caption]
        discussion = any(DISCUSSION.search(v.section) for v in body)
        marked = any(CASE_MARKER.search(v.text) or CASE_SECTION.search(v.section) for v in body)
        narrating = [v for v in body if _narrates(v)]
        is_case = (marked and not discussion) or (previous_case and not discussion and len(narrating) * 2 > len(body))
        for view in body:
            view.is_case = bool(STRICT_CASE_MARKER.search(view.text)) or (
                is_case and (_narrates(view) or bool(CASE_MARKER.search(view.text)))
            )
        if body:
            previous_case = is_case


def _narrates(view: SentenceView) -> bool:
    """A sentence that tells what happened (past tense) rather than what is generally true."""
    return bool(PAST_TENSE.search(view.text)) and not GENERAL_MARKER.search(view.text)


def choose_case_lesion(views: list[SentenceView], title: str, lexicon) -> Concept | None:
    """The lesion of the case: the one the title names, else the one named where a diagnosis is reached.

    Else the one an impression favours ("most likely X"), else the one the narrative names most, else *lesion* itself
    when the report names no diagnosis the ontology knows. A case report's title names its lesion most precisely
    ("extradural cavernous hemangioma of the thoracic spine"), where the narrative may name only its histology ("the
    pathology report was the cavernous hemangioma"). Diagnoses only weighed ("the differential diagnosis included ...",
    "although a tumour could not be excluded"), denied ones and grouping classes ("primary tumour") are not the case's;
    a clause that weighs one leaves the rest of its sentence standing.
    """
    in_title = [m.concept for m in lexicon.recognise(title) if _names_a_diagnosis(m)]
    if in_title:
        return in_title[0]
    narrative = [v for v in views if v.is_case or v.is_caption]
    reached = [(v, clause, m) for v in narrative for clause, m in _reached_diagnoses(v)]
    for cue in (DIAGNOSIS_CUE, IMPRESSION_CUE):
        cued = [m.concept for v, clause, m in reached if cue.search(v.text, *clause)]
        if cued:
            return cued[-1]
    counts = Counter(m.concept for _v, _clause, m in reached)
    if counts:
        return counts.most_common(1)[0][0]
    return _unnamed_lesion(narrative, lexicon)


# Clauses that weigh diagnoses rather than reach one: "the differential diagnosis included ...",
# "a metastasis was considered", "lymphoma was ruled out", "a tumour could not be excluded", "the findings were not
# consistent with a lymphoma".
WEIGHED_DIAGNOSES = re.compile(
    r"\bdifferential\b|\bconsider\w*|\bsuspect\w*|\bruled? out\b|\bexclud\w*|\bsuch as\b|\bmimic\w*"
    r"|\bnot\s+(?:\w+\s+)?(?:consistent|compatible|typical|suggestive|in\s+keeping)\b",
    re.I,
)
# An impression that favours one diagnosis without proof: "most likely", "in keeping with", "consistent with".
IMPRESSION_CUE = re.compile(
    r"\b(?:most likely|probabl[ey]|in keeping with|consistent with|compatible with|suggestive of|favou?r(?:ed|ing)?"
    r"|presum\w*|thought\s+to\s+(?:be|represent)|likely\s+to\s+(?:be|represent))\b",
    re.I,
)
# Where one part of a sentence ends and a concessive or contrasting one begins: "most likely X, although Y could not be
# excluded", "X; Y was considered", "X but not Y".
WEIGHING_BREAK = re.compile(r";|\.\s|,?\s+(?=\b(?:although|though|but|whereas|while)\b)", re.I)
SUBORDINATE_OPENING = re.compile(r"\W*(?:although|though|whereas|while)\b[^,]*,", re.I)


# A disorder of the patient's past, not the lesion the case is about: "a history of prostate cancer", "a known
# lymphoma", "previously treated for a breast carcinoma".
PAST_DISORDER_LEAD = re.compile(
    r"\b(?:history\s+of|known|previous(?:ly)?|prior|past|treated\s+for|in\s+remission\s+from)\s+"
    r"(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
PAST_DISORDER_REACH = 50


def _told_as_history(view: SentenceView, mention) -> bool:
    """Whether a disorder is named as part of the patient's past ("a history of X", "had undergone surgery for X")."""
    lead = PAST_DISORDER_LEAD.search(view.text, max(0, mention.start - PAST_DISORDER_REACH), mention.start)
    return lead is not None or any(h.end() == mention.start for h in HISTORY_LEAD.finditer(view.text, 0, mention.start))


def _reached_diagnoses(view: SentenceView) -> list[tuple[tuple[int, int], Mention]]:
    """The diagnoses a sentence names outside the clauses that only weigh one, each with the span of its clause.

    A disorder told as the patient's past ("a history of prostate cancer") is history, not a diagnosis reached.
    """
    out = []
    for start, end in _weighing_clauses(view.text):
        if WEIGHED_DIAGNOSES.search(view.text, start, end):
            continue
        out += [
            ((start, end), m)
            for m in view.of("disorder", "primary")
            if start <= m.start < end
            and _names_a_diagnosis(m)
            and not view.is_negated(m)
            and not _told_as_history(view, m)
        ]
    return out


def _weighing_clauses(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence's clauses, split where a contrast or concession begins.

    A clause that opens with a concession ("Although a tumour was considered, biopsy showed ...") ends at its first
    comma, so the main clause after it stands apart.
    """
    bounds = [0] + [b for m in WEIGHING_BREAK.finditer(text) for b in (m.start(), m.end())] + [len(text)]
    spans = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        opening = SUBORDINATE_OPENING.match(text, start, end)
        if opening:
            spans += [(start, opening.end()), (opening.end(), end)]
        else:
            spans.append((start, end))
    return [(start, end) for start, end in spans if start < end]


def _names_a_diagnosis(mention) -> bool:
    """Whether a mention names a lesion diagnosis.

    A specific lesion class, not a grouping one ("primary tumour", "neoplasm") that only sorts diagnoses, nor a disorder
    that is no lesion ("injury").
    """
    concept = mention.concept
    is_lesion = "Lesion" in concept.ancestors or mention.category == "primary"
    return is_lesion and not concept.broad and not concept.grouping


def _unnamed_lesion(narrative: list[SentenceView], lexicon) -> Concept | None:
    """The case lesion when the report names no diagnosis the ontology knows.

    *lesion* itself, when the narrative speaks of "the lesion" or "a mass". Its findings, place and treatment are still
    the case's.
    """
    lesion = lexicon.concepts.get(SK.Lesion)
    if lesion is None:
        return None
    named = any(m.concept.name == lesion.name for v in narrative for m in v.mentions)
    return lesion if named else None


@dataclass
class Timeline:
    """The procedures of a case in the order the narrative tells them.

    Each procedure told as done is a case individual the patient ``underwent``, with its place in the
    order (``order``) and the time words of its sentence. Procedures named together in one sentence
    ("CT and ultrasound") share a place; the procedures of each new place are ``precededBy`` the last
    procedure of the place before. Narrative order is usually time order, but not always (a flashback),
    so a ``precededBy`` whose sentence has no sequence word ("then", "later", "after",
    "postoperatively") goes to review.
    """

    individuals: dict[str, Concept] = field(default_factory=dict)
    orders: dict[str, int] = field(default_factory=dict)
    named_as_earlier: set[str] = field(default_factory=set)
    order: int = 0
    last: str | None = None
    step_preceding: str | None = None
    last_treatment: str | None = None
    last_treatment_sentence: int = -2

    def candidates(self, view: SentenceView) -> list[Candidate]:
        """The timeline statements of a narrative sentence: new procedures, their sequence, their outcomes."""
        if not view.is_case:
            return []
        out: list[Candidate] = []
        named_here: list[str] = []
        previous_end = 0
        step_cued = False
        anchored_step: tuple[int, str | None] = (-1, None)
        given = _chemotherapy_given(view)
        procedures = sorted(view.of(*PROCEDURE_CATEGORIES) + given, key=lambda m: m.start)
        procedures, came_after = _in_time_order(view, procedures)
        for mention in procedures:
            concept = CHEMOTHERAPY if mention in given else mention.concept
            if _guides_a_treatment(view, mention):
                continue
            known = self._known(concept)
            earlier = _names_earlier_event(view, mention) and known is None
            coordinated = previous_end > 0 and bool(
                COORDINATED_PROCEDURE.fullmatch(view.text[previous_end : mention.start])
            )
            told = mention in given or _is_event(view, mention)
            denied = mention not in given and _denied(view, mention)
            if denied or not (earlier or coordinated or told):
                if known is not None:
                    named_here.append(known)
                continue
            repeated = bool(REPEAT_CUE.search(view.text[max(0, mention.start - 30) : mention.start]))
            if known in self.named_as_earlier and not (earlier or repeated):
                named_here.append(known)
                out += self._told_as_done(view, mention, known)
                continue
            if known is not None and not repeated and not self._new_study(mention, known):
                named_here.append(known)
                continue
            cued_between = mention in came_after or bool(SEQUENCE_CUE.search(view.text[previous_end : mention.start]))
            order_before = self.order
            individual, preceding = self._place(concept, new_step=not named_here or cued_between)
            # Procedures named together ("four days later a free flap with a skin graft") share their step's cue.
            if self.order != order_before:
                step_cued = mention in came_after or _sequence_cued(view, mention, previous_end, procedures)
            named_here.append(individual)
            first_told = previous_end == 0
            previous_end = mention.end
            time = _time_words(view)
            candidate = simple(
                view, "case_fact", Ref("case:patient"), "underwent", mention, mention.start, order=self.order, time=time
            )
            candidate.object = Ref(f"case:{individual}", concept)
            candidate.negated = False
            candidate.rule = TIMELINE_RULE
            candidate.reliability = EARLIER_EVENT_RELIABILITY if earlier else TIMELINE_RELIABILITY
            out.append(candidate)
            self.orders[individual] = self.order
            if earlier:
                self.named_as_earlier.add(individual)
            out += _lesion_treatment(view, mention, individual, time)
            dated_step = mention.category != "modality" and first_told
            if dated_step:
                anchored_step = (self.order, self._anchor(view, procedures, individual))
            anchor = anchored_step[1] if anchored_step[0] == self.order else None
            if anchor is not None:
                preceding, step_cued = anchor, True
            if preceding is not None and not concept.ancestors & AFTERCARE:
                out.append(self._sequence(view, mention, individual, preceding, time, step_cued))
            out += _procedure_levels(view, mention, Ref(f"case:{individual}", concept))
        out += self._procedure_outcomes(view, named_here)
        out += self._procedure_complications(view, named_here)
        treatments = [i for i in named_here if self.individuals[i].category != "modality"]
        if treatments:
            self.last_treatment, self.last_treatment_sentence = treatments[-1], view.index
        return out

    def _told_as_done(self, view: SentenceView, mention, individual: str) -> list[Candidate]:
        """A procedure first named only as an earlier event and now told as done.

        Named first as "following surgery, ...", now "surgery was done": the sentence that tells it is the better
        evidence of ``underwent``.
        """
        self.named_as_earlier.discard(individual)
        candidate = simple(
            view,
            "case_fact",
            Ref("case:patient"),
            "underwent",
            mention,
            mention.start,
            order=self.orders.get(individual),
            time=_time_words(view),
        )
        candidate.object = Ref(f"case:{individual}", self.individuals[individual])
        candidate.rule, candidate.reliability = TIMELINE_RULE, TIMELINE_RELIABILITY
        return [candidate] + _lesion_treatment(view, mention, individual, candidate.qualifiers.get("time"))

    def _procedure_complications(self, view: SentenceView, named_here: list[str]) -> list[Candidate]:
        """``case:<procedure> hasComplication`` an operative complication told with the procedure.

        For example "a second resection was attempted, but intraoperative bleeding ...".
        """
        if not named_here:
            return []
        individual = named_here[-1]
        out = []
        for complication in view.of("complication"):
            if PROCEDURE_COMPLICATION.match(complication.concept.label):
                candidate = simple(
                    view,
                    "case_fact",
                    Ref(f"case:{individual}", self.individuals[individual]),
                    "hasComplication",
                    complication,
                    complication.start,
                )
                candidate.rule, candidate.reliability = PROCEDURE_COMPLICATION_RULE, TIMELINE_RELIABILITY
                out.append(candidate)
        return out

    def _known(self, concept: Concept) -> str | None:
        """The individual a procedure names when told before.

        The last of its class or of a class below it ("the surgery" after "the mass was resected").
        """
        specific = not (concept.generic or concept.broad)
        for individual in reversed(list(self.individuals)):
            named = self.individuals[individual]
            if named.name == concept.name or (specific and concept.name in named.ancestors):
                return individual
        return None

    def _anchor(self, view: SentenceView, procedures: list, individual: str) -> str | None:
        """The earlier procedure a time phrase counts from: "three weeks after the biopsy", "after the operation".

        A named anchor says which procedure came before better than narrative order, which may have told another
        procedure in between. A general word ("the operation") stands for the last procedure below it (the resection).
        Only treatments are placed this way: a follow-up scan "two years after the operation" dates the scan, which
        the narrative order already places. Only the first procedure a sentence tells, with those named together with
        it, is dated by its time phrase: in "radiotherapy was given from six weeks after surgery, followed by
        temozolomide" the drug follows radiotherapy.
        """
        for mention in procedures:
            if not AFTER_ANCHOR.search(view.text, max(0, mention.start - 40), mention.start):
                continue
            anchor = self._last_of(mention.concept)
            if anchor is not None and anchor != individual:
                return anchor
        return None

    def _last_of(self, concept: Concept) -> str | None:
        """The last individual of a procedure class or of a class below it."""
        for individual in reversed(list(self.individuals)):
            named = self.individuals[individual]
            if named.name == concept.name or concept.name in named.ancestors:
                return individual
        return None

    def _new_study(self, mention, known: str) -> bool:
        """Whether a procedure told as done again, after procedures of another kind, is a new one.

        The MRI that shows the tumour after radiotherapy is not the MRI that first found it, and the resection attempted
        after imaging and staging is not the one of five years before.
        """
        later = list(self.individuals)[list(self.individuals).index(known) + 1 :]
        imaging = mention.category == "modality"
        return any((self.individuals[i].category == "modality") != imaging for i in later)

    def _place(self, concept: Concept, new_step: bool) -> tuple[str, str | None]:
        """Mint the procedure's individual at the next place in the order, and say which procedure precedes its place.

        The place is the current one when the procedure is named together with the last.
        """
        if new_step or self.last is None:
            self.step_preceding = self.last
            self.order += 1
        individual = self._mint(concept)
        self.last = individual
        return individual, self.step_preceding

    def _sequence(
        self, view: SentenceView, mention, individual: str, preceding: str, time: str | None, cued: bool
    ) -> Candidate:
        """``case:<procedure> precededBy case:<the procedure before it>``, surer when a sequence word tells it."""
        candidate = simple(
            view,
            "case_fact",
            Ref(f"case:{individual}", self.individuals[individual]),
            "precededBy",
            mention,
            mention.start,
            time=time,
        )
        candidate.object = Ref(f"case:{preceding}", self.individuals[preceding])
        candidate.negated = False
        candidate.rule = SEQUENCE_RULE
        candidate.reliability = SEQUENCE_RELIABILITY if cued else UNCUED_SEQUENCE_RELIABILITY
        return candidate

    def _procedure_outcomes(self, view: SentenceView, named_here: list[str]) -> list[Candidate]:
        """``case:<procedure> hasOutcome`` the outcome a sentence gives the procedure it names.

        For example "the surgery was stopped", "surgery was done and it was successful". A scan that shows the outcome
        ("PET/CT showed a complete response") is how it was seen, not what had it: that outcome is the patient's, left
        to the case frame. A sentence that tells no procedure and names no scan, right after the one that told a
        treatment, tells how that treatment went ("A laminectomy was done. Some decompression was achieved.").
        """
        treatments = [i for i in named_here if self.individuals[i].category != "modality"]
        follows_treatment = self.last_treatment is not None and view.index == self.last_treatment_sentence + 1
        if not named_here and follows_treatment and not view.of("modality", "sequence"):
            treatments = [self.last_treatment]
        if not treatments:
            return []
        out = []
        individual = treatments[-1]
        for phrase in PARTIAL_DECOMPRESSION.finditer(view.text):
            out.append(
                Candidate(
                    "case_fact",
                    Ref(f"case:{individual}", self.individuals[individual]),
                    "hasOutcome",
                    Ref("PartialDecompression"),
                    span=(phrase.start(), phrase.end()),
                    rule=PROCEDURE_OUTCOME_RULE,
                    reliability=TIMELINE_RELIABILITY,
                )
            )
        for outcome in view.of("outcome"):
            if outcome.concept.name not in PROCEDURE_OUTCOMES:
                continue
            candidate = simple(
                view,
                "case_fact",
                Ref(f"case:{individual}", self.individuals[individual]),
                "hasOutcome",
                outcome,
                outcome.start,
            )
            candidate.rule, candidate.reliability = PROCEDURE_OUTCOME_RULE, TIMELINE_RELIABILITY
            out.append(candidate)
        return out

    def _mint(self, concept: Concept) -> str:
        """A new case individual id for a procedure (``surgery``, ``surgery-2`` ...)."""
        base = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", concept.name).lower()
        individual, n = base, 1
        while individual in self.individuals:
            n += 1
            individual = f"{base}-{n}"
        self.individuals[individual] = concept
        return individual


# A procedure told as coming before the one named first: "resection was preceded by embolization of the feeder".
PRECEDED_BY = re.compile(
    r"\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?preceded\s+by\s+(?:(?:a|an|the|his|her)\s+)?(?:[\w-]+\s+){0,3}", re.I
)
PRECEDED_BY_NEXT = re.compile(r"\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?preceded\s+by\b", re.I)
PRECEDED_BY_BEFORE = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:\w+\s+)?preceded\s+by\s+(?:(?:a|an|the|his|her)\s+)?(?:[\w-]+\s+){0,3}$", re.I
)


def _in_time_order(view: SentenceView, procedures: list) -> tuple[list, set]:
    """The procedures of a sentence in the order they happened, and those a "preceded by" puts after another.

    Narrative names them in the order they happened, except in "A was preceded by B", where B came first.
    """
    ordered = list(procedures)
    came_after = set()
    for later in procedures:
        earlier = next(
            (m for m in procedures if m.start > later.end and PRECEDED_BY.fullmatch(view.text[later.end : m.start])),
            None,
        )
        if earlier is not None:
            ordered.remove(earlier)
            ordered.insert(ordered.index(later), earlier)
            came_after.add(later)
    return ordered, came_after


# Sequence words that tell, after a procedure's name, that it came later: "the tumour was resected two days later",
# "MRI then showed".
LATER_AFTER = re.compile(
    r"^(?:\s+(?:was|were|is))?\s+then\b|^[^.;,]{0,40}?\b(?:later|afterwards?|thereafter|subsequently)\b", re.I
)


# Words in a procedure's name that place it after the one before: "postoperative radiotherapy", "adjuvant therapy".
AFTER_BY_NAME = re.compile(r"\b(?:post-?\s?operative|adjuvant|post-?surgical|completion)\b", re.I)


def _sequence_cued(view: SentenceView, mention, previous_end: int, procedures: list) -> bool:
    """Whether a sequence word tells that a procedure came after the one before it.

    The word stands before the procedure, after the procedure named before it in the sentence ("four days later an
    angiogram ...", "chemotherapy, followed by radiotherapy"), or right after it ("MRI then showed", "was resected two
    days later"). A word that places another procedure ("A, followed by B" for A) or belongs to something else
    ("enhancement after gadolinium") tells nothing about this one. A procedure whose own name places it after another
    ("postoperative radiotherapy", "adjuvant chemotherapy") carries its cue with it.
    """
    if SEQUENCE_CUE.search(view.text, previous_end, mention.start) or AFTER_BY_NAME.search(mention.text):
        return True
    following = [m.start for m in procedures if m.start >= mention.end]
    return bool(LATER_AFTER.match(view.text[mention.end : following[0] if following else len(view.text)]))


def _lesion_treatment(view: SentenceView, mention, individual: str, time: str | None) -> list[Candidate]:
    """``<case lesion> treatedWith case:<procedure>`` for a treatment that acts on the lesion.

    Such treatments are resection, radiotherapy, embolization, chemotherapy; not imaging, biopsy or the care of the
    patient or the wound (reconstruction, home care). It keeps the time words of the procedure's sentence.
    """
    concept = mention.concept
    if view.case_lesion is None or mention.category != "treatment" or concept.ancestors & PATIENT_CARE:
        return []
    on_lesion = _names_its_lesion(view, mention)
    candidate = Candidate(
        "treatment",
        view.case_lesion_ref,
        "treatedWith",
        Ref(f"case:{individual}", concept),
        qualifiers={"time": time} if time else {},
        span=on_lesion or (mention.start, mention.end),
        rule=TREATED_WITH_RULE,
        reliability=TIMELINE_RELIABILITY if on_lesion else LESION_TREATMENT_RELIABILITY,
    )
    return [candidate]


# A treatment's own words naming what it acted on: "resection of the nodule", "embolization of the tumour".
OF_THE_LESION = re.compile(
    r"\s+of\s+(?:the|this|that|his|her)\s+(?:[\w-]+\s+)?(?:tumou?r|lesion|mass|nodule|neoplasm|cyst|collection"
    r"|ha?ematoma|abscess)s?\b",
    re.I,
)


# The lesion named as what a passive treatment acted on: "the lesion was removed", "the tumour was then embolized".
THE_LESION_BEFORE = re.compile(
    r"\b(?:the|this|that|his|her)\s+(?:[\w-]+\s+)?(?:tumou?r|lesion|mass|nodule|neoplasm|cyst|collection"
    r"|ha?ematoma|abscess)s?\s+(?:(?:was|were)\s+(?:\w+\s+)?)?$",
    re.I,
)


def _names_its_lesion(view: SentenceView, mention) -> tuple[int, int] | None:
    """The span of a treatment's words when they name the lesion it acted on, else None.

    "resection of the nodule", "the lesion was removed in its entirety": such a treatment acts on the lesion by its own
    words, so stating ``treatedWith`` is no longer a curator's choice.
    """
    named = OF_THE_LESION.match(view.text, mention.end)
    if named:
        return mention.start, named.end()
    subject = THE_LESION_BEFORE.search(view.text, max(0, mention.start - 60), mention.start)
    passive = subject is not None and (
        PASSIVE_VERB.match(mention.text) or re.search(r"\b(?:was|were)\s", subject.group(0), re.I)
    )
    if passive:
        return subject.start(), mention.end
    return None


def _procedure_levels(view: SentenceView, mention, procedure: Ref) -> list[Candidate]:
    """The levels a procedure was done at.

    "embolization of the T3 radicular artery", "radiotherapy to the T2 and T3 area".
    """
    out = []
    for level in view.levels:
        if (
            0 <= level.start - mention.end <= 40
            and PROCEDURE_LEVEL_LEAD.fullmatch(view.text[mention.end : level.start])
            and not BOUND_BEFORE_LEVEL.search(view.text, 0, level.start)
        ):
            out += [
                Candidate(
                    "case_fact",
                    procedure,
                    "atLevel",
                    Ref(name),
                    span=(mention.start, level.end),
                    rule=PROCEDURE_LEVEL_RULE,
                    reliability=TIMELINE_RELIABILITY,
                )
                for name in level.levels
            ]
    return out


# Chemotherapy as the ontology declares it, for a case that names only the drugs it gave ("one cycle of cisplatin").
CHEMOTHERAPY = Concept(
    SK.Chemotherapy,
    "Chemotherapy",
    "chemotherapy",
    "treatment",
    depth=4,
    generic=False,
    ancestors=frozenset({"Chemotherapy", "Treatment", "Procedure", "Entity"}),
)
# What tells that drugs were given: "treated him with", "received", "was started on", "two cycles of", "six months of".
GIVING_CUE = re.compile(
    r"\b(?:treat(?:ed|ing)\s+(?:[\w-]+\s+){0,3}?with|receiv(?:ed|ing)|given|administered|started\s+on"
    r"|(?:cycles?|courses?|doses?|weeks?|months?)\s+of)\s+(?:[\w-]+\s+){0,4}?$",
    re.I,
)


def _chemotherapy_given(view: SentenceView) -> list[Mention]:
    """The chemotherapy a case tells by the drugs it gave ("he received two cycles of cisplatin and etoposide").

    The first cytotoxic drug told as given stands for the chemotherapy (:data:`CHEMOTHERAPY`), when the sentence does
    not name the chemotherapy itself, so the statement cites where the drugs are named.
    """
    if any("Chemotherapy" in m.concept.ancestors for m in view.of("treatment")):
        return []
    for drug in view.of("drug"):
        if "ChemotherapeuticAgent" not in drug.concept.ancestors or view.is_negated(drug):
            continue
        start, _end = view.clause_of(drug.start)
        if GIVING_CUE.search(view.text, start, drug.start):
            return [drug]
    return []


# Procedures that take a sample and laboratory tests, so that "the biopsy showed ..." or "a coagulation study showed
# ..." tells one done; "histology revealed" or "the examination demonstrated" tells a result of a procedure told
# elsewhere.
SAMPLING_PROCEDURES = {"Biopsy", "LumbarPuncture", "LaboratoryTest"}
# Procedures that take a sample from the patient, so that one whose result "was unremarkable" was done; a laboratory
# test said to be normal is a finding ("routine blood tests were normal"), read by the case frame.
SAMPLED_TISSUE = {"Biopsy", "LumbarPuncture"}
# A procedure told as the next event: "this was followed by laminectomy", "the biopsy was then followed by surgery".
FOLLOWED_BY = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?followed\s+by\s+(?:(?:a|an|the|his|her)\s+)?(?:[\w-]+\s+){0,3}$", re.I
)
FOLLOWED_BY_NEXT = re.compile(r"\s+(?:was|were)\s+(?:\w+\s+)?followed\s+by\b", re.I)
GUIDED_TREATMENT = re.compile(r"\s+(?:with|and)\s+(?:\w+\s+)?$|[\s-]+guided\s+(?:\w+\s+)?$", re.I)


def _guides_a_treatment(view: SentenceView, mention) -> bool:
    """Whether an imaging study is the way a treatment or procedure is done.

    For example "an angiogram with embolization", "CT-guided biopsy": the treatment is the procedure, the imaging
    part of it.
    """
    if mention.category != "modality":
        return False
    treatments = [m for m in view.of("treatment", "procedure") if m.start > mention.end]
    return bool(treatments) and bool(GUIDED_TREATMENT.fullmatch(view.text[mention.end : treatments[0].start]))


def _names_earlier_event(view: SentenceView, mention) -> bool:
    """Whether a procedure is named as done before the sentence's events ("after lumbar MRI, ...")."""
    return bool(REFERENCE_TO_EARLIER.search(view.text[: mention.start][-40:]))


def _is_event(view: SentenceView, mention) -> bool:
    """Whether a procedure is told as done here, not named as an earlier event or as a result.

    Done here: "underwent laminectomy", "a biopsy was performed", "MRI showed", "the biopsy showed", "a coagulation
    study showed", "a lumbar puncture was unremarkable", "this was followed by laminectomy", "biopsy was followed by
    ...", "resection was preceded by embolization"; an earlier event: "after surgery"; a result: "histology revealed".
    """
    before, after = view.text[: mention.start], view.text[mention.end :]
    if REFERENCE_TO_EARLIER.search(before[-40:]):
        return False
    if PASSIVE_VERB.match(mention.text) or FOLLOWED_BY.search(before[-80:]) or FOLLOWED_BY_NEXT.match(after):
        return True
    if PRECEDED_BY_BEFORE.search(before[-80:]) or PRECEDED_BY_NEXT.match(after):
        return True
    if ACTIVE_CUE.search(before[-60:]) or PASSIVE_CUE.search(after) or DISCHARGED_WITH.search(before[-80:]):
        return True
    if (mention.category == "modality" or mention.concept.ancestors & SAMPLED_TISSUE) and RESULT_CUE.search(after):
        return True
    showed = bool(IMAGING_CUE.search(after) or APPOSITIVE_THEN_RESULT.match(after))
    if mention.concept.ancestors & SAMPLING_PROCEDURES and showed:
        return True
    if mention.category == "treatment" and STARTED_AFTER.match(after):
        return True
    return mention.category == "modality" and (
        showed or bool(re.search(r"\b(?:on|at|by)\s+(?:[\w-]+\s+)?$", before[-20:], re.I))
    )


# A study or sampling told with what it showed after an aside between commas: "a core biopsy, taken from behind so that
# its track could be excised, showed ...".
APPOSITIVE_THEN_RESULT = re.compile(
    r"^[^,.;]{0,40},[^.;]{1,100}?,\s*(?:\w+\s+)?(?:show\w*|demonstrat\w*|reveal\w*|confirm\w*|disclos\w*|depict\w*)\b",
    re.I,
)
# A treatment told as started, right after its name or after an aside between commas: "radiotherapy began six weeks
# later", "adjuvant radiotherapy to the bed, 60 Gy in 30 fractions, started ...".
STARTED_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,4}?(?:\s*,[^.;]{1,60}?,)?\s+(?:(?:was|were)\s+)?(?:began|begun|started|commenced)\b", re.I
)
STUDY_AS_MEDIUM = re.compile(r"\b(?:on|at|by)\s+(?:(?:the|a|her|his)\s+)?(?:[\w-]+\s+)?$", re.I)
STUDY_SHOWED = re.compile(r"\s+(?:\w+\s+)?(?:show\w*|demonstrat\w*|reveal\w*|disclos\w*|depict\w*)\b", re.I)


def _denied(view: SentenceView, mention) -> bool:
    """Whether a procedure is negated ("no biopsy was taken").

    A study that opens a clause telling what it showed ("he had no pain and CT showed no recurrence") was done, whatever
    negation comes before: NegEx scopes run on across "and"; so was a study named as where nothing was seen ("no
    recurrence on follow-up MRI").
    """
    if not view.is_negated(mention) or _done_after_negated_clause(view, mention):
        return False
    if mention.category != "modality":
        return True
    return not (STUDY_SHOWED.match(view.text, mention.end) or STUDY_AS_MEDIUM.search(view.text, 0, mention.start))


NEGATION_WORD = re.compile(r"\b(?:no|not|never|without|neither|nor)\b", re.I)


def _done_after_negated_clause(view: SentenceView, mention) -> bool:
    """Whether a procedure told as done opens its own clause after a negated one.

    "The tumour had no plane of cleavage, so only a partial resection was carried out": NegEx runs on past the comma,
    but the resection was done; its own clause, from the last comma to the verb that tells it done, denies nothing.
    """
    opening = view.text.rfind(",", 0, mention.start) + 1
    return not NEGATION_WORD.search(view.text, opening, mention.start) and bool(
        DONE_NEXT.match(view.text, mention.end)
    )


DONE_NEXT = re.compile(
    r"\s+(?:was|were)\s+(?:(?!(?:not|never)\b)\w+\s+)?(?:perform\w*|done|carried\s+out|undertaken|given|started"
    r"|administered)\b",
    re.I,
)


def _time_words(view: SentenceView) -> str | None:
    """When the event happened, as the sentence writes it ("four days later", "following surgery")."""
    match = TIME_PHRASE.search(view.text)
    return match.group(0) if match else None


COMPARTMENT_LESIONS = (
    "OsseousLesion",
    "ExtraduralLesion",
    "IntraduralExtramedullaryLesion",
    "IntramedullaryLesion",
    "LeptomeningealLesion",
    "ParaspinalLesion",
)


class Compartments:
    """What places a case lesion in a spinal compartment, read from the ontology.

    The build's SHACL shape asks every case lesion to fall in a compartment (osseous, extradural ...),
    which the reasoner infers either from a statement that the lesion lies in a compartment site
    (``locatedIn`` or a sub-property such as ``extendsInto``: what a lesion extends into, it lies in),
    or from the lesion's class when the ontology places every member of it ("epidural abscess" lies
    in the epidural space). The pipeline declares a case lesion only when one of the two holds, as a
    curator would.
    """

    def __init__(self, ontology: Graph):
        """Read the sub-properties of ``locatedIn`` and the classes whose members lie in a compartment."""
        self.placing = frozenset(_local(p) for p in ontology.transitive_subjects(RDFS.subPropertyOf, SK.locatedIn))
        self._ontology = ontology

    def places(self, predicate: str, site_ancestors: frozenset) -> bool:
        """Whether "lesion <predicate> <site>" puts a lesion in a compartment."""
        return predicate in self.placing and bool(site_ancestors & COMPARTMENT_SITES)

    def placed_by_class(self, lesion_class: str) -> bool:
        """Whether the ontology puts every member of a lesion class in a compartment."""
        for ancestor in self._ontology.transitive_objects(SK[lesion_class], RDFS.subClassOf):
            if _local(ancestor) in COMPARTMENT_LESIONS:
                return True
            if any(self._restricts_to_compartment(r) for r in self._ontology.objects(ancestor, RDFS.subClassOf)):
                return True
        return False

    def _restricts_to_compartment(self, restriction) -> bool:
        """Whether a class expression is "placing-property some <compartment site>"."""
        on = self._ontology.value(restriction, OWL.onProperty)
        filler = self._ontology.value(restriction, OWL.someValuesFrom)
        if on is None or filler is None or _local(on) not in self.placing:
            return False
        return any(_local(a) in COMPARTMENT_SITES for a in self._ontology.transitive_objects(filler, RDFS.subClassOf))


def _local(iri) -> str:
    """The local name of an ontology IRI."""
    return str(iri).rsplit("/", 1)[-1]
