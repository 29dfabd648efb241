"""Relation rules for case_fact (the case frame) statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.rules.base import LESION, Candidate, after_in_clause, rule, simple
from kg.extract.sentence import COMPARTMENT_LESIONS, Ref, SentenceView

PATIENT = Ref("case:patient")


SUMMARY_SECTION = re.compile(r"\babstract\b|\bsummary\b|\br[ée]sum[ée]\b", re.I)
SUMMARY_RELIABILITY = 0.85


@rule("case.age_sex", "case_fact", 0.9, case_only=True)
def case_age_sex(view: SentenceView) -> Iterable[Candidate]:
    """The patient's age and sex: "a 40-year-old married man".

    An abstract says them too; the case report's own sentence is the better evidence, so the abstract's
    statement scores a little lower and gives way to it when both are found.
    """
    found = []
    for number in (n for n in view.numbers if n.kind == "age"):
        found.append(
            Candidate("case_fact", PATIENT, "hasAge", value=number.value, unit="year", span=(number.start, number.end))
        )
        found += [
            simple(view, "case_fact", PATIENT, "hasSex", sex, number.start)
            for sex in view.of("sex")
            if 0 <= sex.start - number.end <= 40
        ]
        found += [
            simple(view, "case_fact", PATIENT, "hasDemographicFeature", feature, number.start)
            for feature in view.of("demographic")
            if 0 <= feature.start - number.end <= 40
        ]
    if SUMMARY_SECTION.search(view.section):
        for candidate in found:
            candidate.reliability = SUMMARY_RELIABILITY
    yield from found


NEGATIVE_HISTORY = re.compile(
    r"\b(?:(?P<family>family)|(?:past\s+)?medical|past)\s+history\s+(?:was|is)\s+(?:\w+\s+)?"
    r"(?:negative|non-?contributory|unremarkable|insignificant|irrelevant)\b",
    re.I,
)


@rule("case.negative_history", "case_fact", 0.85, case_only=True)
def case_negative_history(view: SentenceView) -> Iterable[Candidate]:
    """A history with nothing in it: "past medical history was negative", "family history was noncontributory"."""
    for match in NEGATIVE_HISTORY.finditer(view.text):
        predicate = "hasFamilyHistory" if match.group("family") else "hasPastHistory"
        yield Candidate(
            "case_fact", PATIENT, predicate, Ref("Disorder"), negated=True, span=(match.start(), match.end())
        )


FOUND_CUE = re.compile(
    r"\b(?:detected|found|identified|discovered|seen|noted|show\w*|reveal\w*|demonstrat\w*|disclos\w*)\b", re.I
)


@rule("case.has_lesion", "case_fact", 0.65, case_only=True)
def case_has_lesion(view: SentenceView) -> Iterable[Candidate]:
    """The patient has the case lesion.

    Read where the narrative finds it ("a mass was detected in ...", "MRI revealed a lesion at T9"); the first such
    sentence gives the evidence.

    True but not always what a curator states (many write the lesion's findings only), and the first
    finding may be an earlier lesion of the patient, so it goes to review.
    """
    if view.case_lesion is None or not FOUND_CUE.search(view.text):
        return
    lesion = view.case_lesion_ref
    for mention in view.of(*LESION, specific=False):
        if view.subject_before(mention.end) == lesion and not view.is_negated(mention):
            yield Candidate("case_fact", PATIENT, "hasLesion", lesion, span=(mention.start, mention.end))
            return


NORMAL_RESULTS = re.compile(r"\b(?:normal|unremarkable|within normal limits|negative)\b", re.I)


@rule("case.laboratory", "case_fact", 0.8)
def case_laboratory(view: SentenceView) -> Iterable[Candidate]:
    """Laboratory tests reported normal in a case report.

    "laboratory work included a normal blood count and coagulation studies" (a sentence the narrative test may miss, as
    "studies" sounds general).
    """
    if view.case_lesion is None or view.case_lesion_name != "case:lesion" or view.is_caption:
        return
    tests = [m for m in view.mentions if "LaboratoryTest" in m.concept.ancestors]
    normal = NORMAL_RESULTS.search(view.text)
    if tests and normal and re.search(r"\blaborator\w*|\blab\b|\bblood\b", view.text, re.I):
        yield Candidate(
            "case_fact",
            PATIENT,
            "hasLaboratoryFinding",
            Ref("NormalLaboratoryResults"),
            span=(normal.start(), normal.end()),
        )


PRESENTING_VERB = re.compile(
    r"\b(?:present\w*|complain\w*|referred|(?:re)?admitted|history|report\w*|develop\w*|suffer\w*|denie[sd]"
    r"|experienc\w*|noted|troubled|bothered|\d+-year-old"
    r"|describ\w*|notic\w*|felt|bec[oa]me)\b",
    re.I,
)


# What the patient did not have when first seen: "she had no bladder symptoms", "he did not have any fever".
HAD_NONE = re.compile(
    r"\b(?:had|has)\s+(?:had\s+)?no\b|\bdid\s+not\s+(?:have|complain)\b|\b(?:had|has)\s+not\s+had\b", re.I
)
# Words that place a sentence after the presentation, where "had no pain" tells an outcome: "at follow-up", "after
# surgery", "two weeks later", "on discharge".
LATER_IN_COURSE = re.compile(
    r"\b(?:follow-?up|later|after\w*|post-?\s?operative\w*|discharge\w*|since|now|remain\w*|at\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?))\b",
    re.I,
)
# A disorder the patient denies having had: "he reported no trauma", "she denied any previous injury".
DENIED_HISTORY = re.compile(
    r"\b(?:reported\s+no|denie[sd](?:\s+any)?|denying(?:\s+any)?)\s+(?:(?:previous|prior|recent|preceding)\s+)?"
    r"(?:history\s+of\s+)?(?:an?\s+)?",
    re.I,
)


# What opens a list of the patient's earlier disorders: "a history of", "known", "her medical history included", "she
# had undergone mastectomy for" (a disorder treated before the present illness).
HISTORY_LEAD = re.compile(
    r"\b(?:history\s+of|known|(?:medical|past)\s+history\s+(?:included|includes|comprised|was\s+notable\s+for))"
    r"\s+(?:an?\s+)?"
    r"|\bhad\s+(?:undergone|received|had|been\s+treated\s+with)\s+(?:[\w-]+\s+){0,4}?for\s+(?:(?:an?|the|her|his)\s+)?",
    re.I,
)
LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:(?:an?|the)\s+)?", re.I)


def _history(view: SentenceView) -> Iterable[Candidate]:
    """The patient's earlier disorders, or the family's ("no family history of malignancy")."""
    for history in HISTORY_LEAD.finditer(view.text):
        family = re.search(r"\bfamily\s+(?:medical\s+)?$", view.text[max(0, history.start() - 20) : history.start()])
        predicate = "hasFamilyHistory" if family else "hasPastHistory"
        for disorder in _listed_after(view, history.end()):
            yield simple(view, "case_fact", PATIENT, predicate, disorder, history.start())


def _listed_after(view: SentenceView, start: int) -> list:
    """The disorders listed from a position on: the one named there and those joined to it by commas, "and", "or"."""
    disorders = sorted(view.of(*LESION), key=lambda m: m.start)
    listed = [m for m in disorders if m.start == start]
    for mention in disorders:
        if listed and mention.start > listed[-1].end and LIST_JOIN.fullmatch(view.text[listed[-1].end : mention.start]):
            listed.append(mention)
    return listed


@rule("case.presentation", "case_fact", 0.8, case_only=True)
def case_presentation(view: SentenceView) -> Iterable[Candidate]:
    """What the patient presented with, complained of, denied or had before.

    "she presented with back pain", "she had no bladder symptoms", "a history of breast carcinoma", "she had undergone
    mastectomy for breast cancer".
    """
    exam = re.search(r"\bexam\w*\b|\bneurolog\w*\b", view.text, re.I)
    had_none = HAD_NONE.search(view.text) and not LATER_IN_COURSE.search(view.text)
    presenting = exam or had_none or PRESENTING_VERB.search(view.text)
    yield from _history(view)
    if not presenting:
        yield from _exam_findings(view)
        return
    for denial in DENIED_HISTORY.finditer(view.text):
        for disorder in (m for m in view.of("disorder") if m.start == denial.end() and not m.concept.broad):
            candidate = simple(view, "case_fact", PATIENT, "hasPastHistory", disorder, denial.start())
            candidate.negated = True
            yield candidate
    for feature in view.of("clinical"):
        if COURSE_WORD.match(view.text, feature.end) or _in_past_history(view, feature):
            continue
        is_exam = bool(exam) or "ExamFinding" in feature.concept.ancestors
        yield simple(
            view, "case_fact", PATIENT, "hasExamFinding" if is_exam else "presentsWith", feature, feature.start
        )


PAST_HISTORY = re.compile(r"\bhistory\s+(?:was\s+|is\s+)?(?:significant|notable|remarkable|positive)\s+for\b", re.I)
PRESENT_ILLNESS = re.compile(r"\b(?:presented|presents|complained|complains|was admitted|was referred|now)\b", re.I)


def _in_past_history(view: SentenceView, feature) -> bool:
    """Whether a feature is told as part of the patient's past history, not as what brought the patient now.

    For example "past medical history was significant for a painless mass five years prior".
    """
    start, _end = view.clause_of(feature.start)
    history = PAST_HISTORY.search(view.text, start, feature.start)
    return history is not None and not PRESENT_ILLNESS.search(view.text, history.end(), feature.start)


COURSE_WORD = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:worsened|progressed|deteriorated|improved|resolved|recurred|returned|gone|subsided"
    r"|settled|abated|disappeared)\b(?!\s+by\b)",
    re.I,
)


def _exam_findings(view: SentenceView) -> Iterable[Candidate]:
    """Findings only an examination makes ("the upper extremities were normal", "brisk reflexes").

    Told in the case narrative without the word "examination". A sentence that tells what an imaging study showed ("CT
    demonstrated a thin cortical shell") describes the images, not the patient.
    """
    if view.of("modality", "sequence"):
        return
    for feature in view.of("clinical"):
        if "ExamFinding" in feature.concept.ancestors:
            yield simple(view, "case_fact", PATIENT, "hasExamFinding", feature, feature.start)


# Outcomes of one procedure rather than of the patient; :class:`kg.extract.case.Timeline` gives them to the procedure.
PROCEDURE_OUTCOMES = {"TreatmentSuccess", "AbortedSurgery", "PartialDecompression", "NoImprovement"}
# What the tumour does rather than the patient: "there was progression". Its absence ("no further progression") is,
# like "no recurrence", the patient's state at follow-up.
TUMOUR_OUTCOMES = {"Progression"}
PRESENT_OUTCOME = re.compile(r"\b(?:he|she|the patient|our patient)\s+(?:\w+\s+)?(?:remains|is)\b", re.I)
GENERAL_OUTCOME_RELIABILITY = 0.6
# An outcome named as a possibility, not as what happened: "the risk of recurrence", "a chance of progression".
RISK_OF = re.compile(
    r"\b(?:risks?|chances?|likelihood|possibility|probability|danger)\s+of\s+(?:(?:a|an|further|later|local)\s+)?$",
    re.I,
)
RISK_REACH = 40


@rule("case.outcome", "case_fact", 0.8, case_only=True)
def case_outcome(view: SentenceView) -> Iterable[Candidate]:
    """How the case ended: outcomes named in the case narrative.

    Narrative tells outcomes in the past tense ("he died", "remained stable") or of the patient in the
    present ("he remains stable"); a present-tense sentence that does neither ("hemangiopericytomas show
    a slow clinical evolution") states general knowledge, so its outcomes go to review. An outcome of a
    procedure ("the surgery was aborted") is left to the timeline when the sentence names a procedure, and an outcome
    only feared ("the risk of progression to myeloma") did not happen.
    """
    narrated = bool(PAST_TENSE_WORD.search(view.text) or PRESENT_OUTCOME.search(view.text))
    procedures = [m for m in view.of("treatment", "procedure", "drug") if not (m.concept.generic or m.concept.broad)]
    for outcome in view.of("outcome"):
        if outcome.concept.name in PROCEDURE_OUTCOMES and procedures:
            continue
        if RISK_OF.search(view.text, max(0, outcome.start - RISK_REACH), outcome.start):
            continue
        candidate = simple(
            view,
            "case_fact",
            _outcome_bearer(view, outcome),
            "hasOutcome",
            outcome,
            outcome.start,
            time=_outcome_time(view, outcome.start),
        )
        candidate.negated = candidate.negated and not _negation_is_anothers(view, outcome)
        if outcome.concept.name in TUMOUR_OUTCOMES and not candidate.negated and view.case_lesion is not None:
            candidate.subject = view.case_lesion_ref
        if not narrated:
            candidate.reliability = GENERAL_OUTCOME_RELIABILITY
        yield candidate


NEGATION_WORD = re.compile(r"\b(?:no|not|without|never|nor|denie[sd]|absent|free\s+of|negative\s+for)\b", re.I)
NEGATION_REACH = 60


def _negation_is_anothers(view: SentenceView, mention) -> bool:
    """Whether the only negation words before a mention are part of the name of another concept.

    "No improvement was made and ultimately there was progression": the "no" is the outcome *no improvement*; it
    denies nothing that follows, though NegEx's scope runs on across "and".
    """
    words = list(NEGATION_WORD.finditer(view.text, max(0, mention.start - NEGATION_REACH), mention.start))
    return bool(words) and all(
        any(other.start <= word.start() < other.end for other in view.mentions if other != mention) for word in words
    )


WORSENED = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:worsened|deteriorated|progressed|became\s+worse|got\s+worse)\b(?!\s+by\b)", re.I
)


PRESENTING_REACH = 80


@rule("case.worsened", "case_fact", 0.75, case_only=True)
def case_worsened(view: SentenceView) -> Iterable[Candidate]:
    """Symptoms told as worsening in the course of the case are its complications.

    "there was progression as the bowel and bladder symptoms worsened", "her weakness deteriorated". The sentence that
    presents the patient tells what brought the patient ("pain that worsened over a month"), which the presentation
    rule reads, and "worse by lying supine" tells what aggravates a pain, not its course.
    """
    if view.is_caption:
        return
    for feature in view.of("clinical"):
        presenting = PRESENTING_VERB.search(view.text, max(0, feature.start - PRESENTING_REACH), feature.start)
        if presenting or not WORSENED.match(view.text, feature.end):
            continue
        candidate = simple(view, "case_fact", PATIENT, "hasComplication", feature, feature.start)
        candidate.negated = candidate.negated and not _negation_is_anothers(view, feature)
        if not candidate.negated:
            yield candidate


def _is_case_lesion(subject: Ref | None, lesion: Ref) -> bool:
    """Whether a resolved subject is the case lesion, named outright or as "the tumour"."""
    return subject is not None and subject.name == lesion.name


LESION_HEAD_OF = re.compile(r"\bof\s+(?:the|this|his|her)\s+(?:tumou?r|lesion|mass|neoplasm)s?$", re.I)
OF_THE = re.compile(r"\s+of\s+(?:the|his|her|this)\s+", re.I)


def _outcome_bearer(view: SentenceView, outcome) -> Ref:
    """Whose outcome it is: the case lesion's when the outcome is "of the tumour", else the patient's.

    For example "enlargement of the tumour", "regression of the mass".
    """
    if view.case_lesion is None:
        return PATIENT
    if LESION_HEAD_OF.search(outcome.text):
        return view.case_lesion_ref
    lead = OF_THE.match(view.text, outcome.end)
    if lead:
        lesion = view.case_lesion_ref
        named = next((m for m in view.of(*LESION, specific=False) if m.start == lead.end()), None)
        if named is not None and _is_case_lesion(view.subject_before(named.end), lesion):
            return lesion
    return PATIENT


PAST_TENSE_WORD = re.compile(r"\b(?:was|were|had|did|remained|became|\w+ed)\b", re.I)
OUTCOME_TIME = re.compile(
    r"\b(?:at|after)\s+(?:\w+\s+)?(?:\d+|\w+)\s+(?:days?|weeks?|months?|years?)(?:\s+later)?\b|\b(?:\w+\s+)(?:days?"
    r"|weeks?|months?|years?)\s+later\b"
    r"|\bat\s+(?:the\s+|her\s+|his\s+)?(?:\w+|\d+)[- ](?:day|week|month|year)\s+follow-?up\b",
    re.I,
)


def _outcome_time(view: SentenceView, position: int | None = None) -> str | None:
    """When an outcome was seen, as written ("at six months", "two years later").

    The time words of the outcome's own clause when it has some: in "her pain had improved at one month, but she died
    six months later" the death is six months later.
    """
    matches = list(OUTCOME_TIME.finditer(view.text))
    if position is not None:
        start, end = view.clause_of(position)
        matches = [m for m in matches if start <= m.start() < end] or matches
    return matches[0].group(0) if matches else None


# A level naming a neurological level or a vessel or root, not where the lesion lies: "a T4 sensory level",
# "the T3 radicular artery", "the L5 nerve root".
NOT_LESION_LEVEL = re.compile(
    r"\s*(?:sensory\s+level|motor\s+level|dermatom\w*|(?:nerve\s+)?roots?\b|radicular|segmental\s+arter\w*)", re.I
)


# A level that bounds a sensory deficit: "decreased sensation below T10", "numbness from L1 down".
SENSORY_LEVEL_BEFORE = re.compile(
    r"\b(?:sensation|sensory\s+(?:loss|deficit|change|level)s?|numbness|an(?:a)?esthesia|hyp(?:a)?o?esthesia|hypalgesia"
    r"|pinprick|dermatomes?)"
    r"\s+(?:\w+\s+){0,2}?(?:below|above|from|at|to)\s+(?:the\s+)?(?:level\s+of\s+)?$",
    re.I,
)


# A level that bounds a procedure's extent rather than the lesion: "pedicle screws from L1 to L3",
# "fusion from T10 to L2", "instrumentation at T4-T8".
HARDWARE_BEFORE = re.compile(
    r"\b(?:screws?|rods?|plates?|cages?|instrumentation|fixation|fusion|arthrodesis|grafts?"
    r"|constructs?)\s+(?:\w+\s+){0,2}?"
    r"(?:from|at|to|between|of|spanning)\s+(?:the\s+)?$",
    re.I,
)


# What may stand between a level and the treatment it names ("T6-T8 laminectomy", "C4-C7 decompressive laminectomy"),
# and between a treatment and the levels it spans ("radiotherapy to T6-T8", "laminectomy from T2 to T5"). A treatment
# "of" a level names the lesion's ("resection of the T7 lesion").
LEVEL_BEFORE_PROCEDURE = re.compile(r"[\s-]+(?:[\w-]+\s+)?", re.I)
PROCEDURE_BEFORE_LEVEL = re.compile(r"\s+(?:to|at|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)


def names_procedure_extent(view: SentenceView, level) -> bool:
    """Whether a level names where a treatment was done rather than where the lesion lies.

    The levels a treatment spans are the treatment's (the timeline gives them to it); the lesion's own levels are told
    where it is described.
    """
    return any(
        (0 < m.start - level.end <= 30 and LEVEL_BEFORE_PROCEDURE.fullmatch(view.text[level.end : m.start]))
        or (0 <= level.start - m.end <= 40 and PROCEDURE_BEFORE_LEVEL.fullmatch(view.text[m.end : level.start]))
        for m in view.of("treatment")
    )


def _level_of_another_lesion(view: SentenceView, level) -> bool:
    """Whether a level belongs to another lesion its clause speaks of, not to the case lesion.

    "A syrinx extended as far as C2", "a haemangioma was also seen at L2": the lesion named last before the level in its
    clause is another one. A general word ("the tumour", "the mass") or a lesion named by its compartment ("an
    intramedullary lesion") there stands for the case lesion.
    """
    start, _end = view.clause_of(level.start)
    named = [m for m in view.of(*LESION) if start <= m.start and m.end <= level.start]
    if not named:
        return False
    nearest, lesion = named[-1].concept, view.case_lesion
    related = nearest.name == lesion.name or nearest.name in lesion.ancestors or lesion.name in nearest.ancestors
    descriptive = nearest.broad or nearest.generic or nearest.grouping or nearest.name in COMPARTMENT_LESIONS
    return not (descriptive or related)


@rule("case.levels", "case_fact", 0.85, case_only=True)
def case_levels(view: SentenceView) -> Iterable[Candidate]:
    """The levels of the case's lesion.

    "at T11 & T12 vertebral levels", "the T2-T3 level"; not the levels a sensory deficit, the hardware of an operation
    or the operation itself spans ("pedicle screws from L1 to L3", "a C4-C7 laminectomy").
    """
    for mention in _lesion_levels(view):
        for name in mention.levels:
            yield Candidate(
                "case_fact",
                view.case_lesion_ref,
                "atLevel",
                Ref(name),
                span=(mention.start, mention.end),
            )


def _lesion_levels(view: SentenceView) -> list:
    """The level mentions of a sentence that give where the case lesion lies (see ``case_levels``)."""
    if view.case_lesion is None:
        return []
    return [
        mention
        for mention in view.levels
        if not (
            NOT_LESION_LEVEL.match(view.text, mention.end)
            or SENSORY_LEVEL_BEFORE.search(view.text, 0, mention.start)
            or HARDWARE_BEFORE.search(view.text, 0, mention.start)
            or names_procedure_extent(view, mention)
            or _level_of_another_lesion(view, mention)
            or BOUND_BEFORE_LEVEL.search(view.text, 0, mention.start)
        )
    ]


# A level named as a bound, not as a place: "the sacrum below S2" lies under S2, not at it.
BOUND_BEFORE_LEVEL = re.compile(r"\b(?:below|above|beneath|under|caudal\s+to|cranial\s+to)\s+(?:the\s+)?$", re.I)


def _within(view: SentenceView, a, b, reach: int) -> bool:
    """Whether two mentions lie in one clause, at most ``reach`` characters apart."""
    return a.start - b.end <= reach and b.start - a.end <= reach and view.same_clause(a.start, b.start)


# Findings only bone can show: a lytic or sclerotic lesion, destroyed bone. A lesion that shows one at a spinal level
# lies in the bone of that level.
BONE_ONLY_FINDINGS = {"Lucency", "Sclerosis", "BoneDestruction"}
BONE_FINDING_REACH = 60
WHOLE_BONES = {"Sacrum", "Vertebra", "OsseousSite"}


@rule("case.bone_at_level", "lesion_location", 0.85, case_only=True)
def case_bone_at_level(view: SentenceView) -> Iterable[Candidate]:
    """The bone a case lesion lies in, from a bone-only finding next to its level.

    "a lytic lesion centred on S3" lies in the sacrum, "a sclerotic focus at L2" in a vertebra: lysis, sclerosis and
    bone destruction happen only in bone, and the level says which bone. A level alone places nothing (a cord tumour
    at T6 is not in the vertebra), nor does a bone finding far from the level; a sentence that names the bone
    by its part ("a lytic lesion of the T7 vertebral body") is left to the location rules, which give the named part.
    """
    findings = [
        m
        for m in view.of("density", "finding", specific=False)
        if (m.concept.name in BONE_ONLY_FINDINGS or m.concept.ancestors & BONE_ONLY_FINDINGS)
        and not view.is_negated(m)
    ]
    if any(
        "OsseousSite" in m.concept.ancestors and m.concept.name not in WHOLE_BONES
        for m in view.of("site", specific=False)
    ):
        return
    for level in _lesion_levels(view):
        if not any(_within(view, level, finding, BONE_FINDING_REACH) for finding in findings):
            continue
        bones = {"Sacrum" if name.startswith("S") else "Vertebra" for name in level.levels}
        for bone in sorted(bones):
            yield Candidate(
                "lesion_location", view.case_lesion_ref, "locatedIn", Ref(bone), span=(level.start, level.end)
            )


# The words that reach the diagnosis after a long microscopy description: "..., establishing a WHO grade II
# ependymoma", "..., confirming the diagnosis of schwannoma"; the statement's evidence starts there. A hedge
# ("consistent with") does not reach one, so it keeps the distance from the microscopy cue.
REACHES_DIAGNOSIS = re.compile(
    r"\b(?:establish\w*|confirm\w*|diagnostic\s+of|proving)\s+(?:[\w-]+\s+){0,5}$",
    re.I,
)
SHOWN_TO_BE = re.compile(r"\b(?:shown|proven|proved|found|confirmed)\s+to\s+be\b", re.I)
GROUPING_WORD_REACH = 20


@rule("case.diagnosis", "case_fact", 0.8, case_only=True)
def case_diagnosis(view: SentenceView) -> Iterable[Candidate]:
    """The diagnosis the case reached.

    "Histology revealed a Grade II hemangiopericytoma", or the lesion removed and "shown to be" one ("it was resected
    and proved to be a schwannoma"). A grouping word before the name ("a primary Grade II hemangiopericytoma") is not
    the diagnosis; the name after it is.
    """
    cue = re.search(
        r"\b(?:patholog\w*|histolog\w*|histopatholog\w*|cytolog\w*|biopsy|diagnos\w*)\b[^.;]{0,40}?"
        r"\b(?:was|were|revealed|showed|confirmed|of|as)\b",
        view.text,
        re.I,
    ) or SHOWN_TO_BE.search(view.text)
    if cue is None:
        return
    named = [m for m in after_in_clause(view, cue.end(), LESION, stop=()) if not m.concept.broad]
    if len(named) > 1 and named[0].concept.grouping and named[1].start - named[0].end <= GROUPING_WORD_REACH:
        named = named[1:]
    for disorder in named[:1]:
        predicate = (
            "hasInitialDiagnosis"
            if re.search(r"\b(?:first|initial)\b", view.text[: cue.end()], re.I)
            else "hasDiagnosis"
        )
        reaching = REACHES_DIAGNOSIS.search(view.text, cue.end(), disorder.start)
        yield simple(view, "case_fact", PATIENT, predicate, disorder, reaching.start() if reaching else cue.start())


# A diagnosis the work-up set aside: "multiple myeloma was therefore excluded", "an abscess was ruled out".
EXCLUDED = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:(?:therefore|thus|then|also|subsequently|finally|confidently)\s+)?"
    r"(?:excluded|ruled\s+out)\b",
    re.I,
)


@rule("case.excluded", "case_fact", 0.8, case_only=True)
def case_excluded(view: SentenceView) -> Iterable[Candidate]:
    """A diagnosis the case excluded is one the patient does not have.

    "Multiple myeloma was therefore excluded" denies *multiple myeloma*; "could not be excluded" leaves it open (a
    differential, read by ``case.considered``), and so does a hedge ("was probably excluded").
    """
    if view.is_caption:
        return
    for verb in EXCLUDED.finditer(view.text):
        if re.search(r"\b(?:not|never|cannot)\s+(?:\w+\s+){0,2}$", view.text[: verb.start()], re.I):
            continue
        start, _end = view.clause_of(verb.start())
        named = [m for m in view.of(*LESION) if start <= m.start and m.end <= verb.start() and not m.concept.broad]
        for disorder in named:
            candidate = simple(view, "case_fact", PATIENT, "hasDiagnosis", disorder, disorder.start)
            candidate.negated = True
            yield candidate


# An imaging impression that favours a diagnosis before proof: "the appearance was most likely that of an acute
# epidural hematoma", "the findings were most in keeping with an abscess", "appearances favoured a schwannoma", "the
# lesion was thought to represent a metastasis".
IMPRESSION = re.compile(
    r"\b(?:appearances?|findings|features|picture|impression)\s+(?:(?:was|were)\s+(?:(?:most|more|very)\s+)?"
    r"(?:likely|probabl\w*|suggestive|consistent|in\s+keeping|compatible|typical)|favou?red|suggested)\b"
    r"|\b(?:lesion|mass|tumou?r|collection|appearances?|findings)\s+(?:was|were)\s+(?:initially\s+|first\s+)?"
    r"(?:thought|felt|presumed|believed)\s+to\s+(?:be|represent)\b",
    re.I,
)
IMPRESSION_REACH = 40


@rule("case.impression", "case_fact", 0.8, case_only=True)
def case_impression(view: SentenceView) -> Iterable[Candidate]:
    """The diagnosis an imaging impression favours is the patient's initial diagnosis.

    "The appearance was most likely that of an acute epidural hematoma". A sentence that also cites pathology is left to
    the diagnosis rule, and a denied impression ("the findings were not consistent with ...") names none.
    """
    if view.is_caption or re.search(r"\b(?:patholog|histolog|biopsy|cytolog)\w*", view.text, re.I):
        return
    for cue in IMPRESSION.finditer(view.text):
        named = [m for m in after_in_clause(view, cue.end(), LESION, stop=()) if not m.concept.broad]
        if named and named[0].start - cue.end() <= IMPRESSION_REACH and not view.is_negated(named[0]):
            yield simple(view, "case_fact", PATIENT, "hasInitialDiagnosis", named[0], cue.start())


# A microscopy result told in the sentence: "histology showed", "cytology revealed", "the pathology report".
MICROSCOPY_CUE = re.compile(r"\b(?:histolog|histopatholog|patholog|cytolog)\w*", re.I)
CELLS = re.compile(r"\bcells?$", re.I)


@rule("case.histology", "case_fact", 0.8, case_only=True)
def case_histology(view: SentenceView) -> Iterable[Candidate]:
    """What the microscope showed of the case lesion.

    "histology revealed high cellularity", or a case report's stain caption "H&E stain, staghorn vessels". Cells the
    ontology files as anatomy are findings too when a microscopy result names them ("histology showed clot without
    tumour cells" denies tumour cells).
    """
    if view.case_lesion is None or (view.is_caption and view.case_lesion_name != "case:lesion"):
        return
    lesion = view.case_lesion_ref
    for finding in view.of("histology"):
        yield simple(view, "case_fact", lesion, "hasHistologicFinding", finding, finding.start)
    cue = MICROSCOPY_CUE.search(view.text)
    for cells in (m for m in view.of("site") if cue and m.start > cue.end() and CELLS.search(m.text)):
        yield simple(view, "case_fact", lesion, "hasHistologicFinding", cells, cue.start())


# Complications of an operation rather than of the patient's course; the timeline gives them to the procedure.
PROCEDURE_COMPLICATION = re.compile(r"^(?:intra|peri|post)-?operative\b", re.I)


@rule("case.complication", "case_fact", 0.8, case_only=True)
def case_complication(view: SentenceView) -> Iterable[Candidate]:
    """Complications the patient had: "the wound dehiscence left a cutaneous defect".

    A complication of an operation named in the same sentence ("intraoperative bleeding") is left to the timeline.
    """
    if view.is_caption:
        return
    procedures = view.of("treatment", "procedure")
    for complication in view.of("complication"):
        if procedures and PROCEDURE_COMPLICATION.match(complication.concept.label):
            continue
        yield simple(view, "case_fact", PATIENT, "hasComplication", complication, complication.start)


# Words that make what follows a diagnosis weighed, not found: "the differential diagnosis included", "such as".
WEIGHING_CUE = re.compile(r"\bdifferential\b|\bconsider\w*|\bsuch as\b|\bmimic\w*", re.I)


@rule("case.metastases", "case_fact", 0.8, case_only=True)
def case_metastases(view: SentenceView) -> Iterable[Candidate]:
    """Where the case lesion has (or has not) spread, told in the staging of the case.

    "no evidence of metastases in the lungs or liver", "CT showed metastases in the lung". A case lesion that is itself
    a metastasis has spread from elsewhere: metastases found elsewhere are its primary's, not its own, so only their
    absence is read ("no evidence of remote metastases in the lungs" denies further spread of the case's disease). A
    metastasis only weighed ("the differential diagnosis included a metastasis and focal fatty marrow") has spread
    nowhere.
    """
    if view.case_lesion is None or view.is_caption:
        return
    lesion = view.case_lesion_ref
    is_metastasis = "Metastasis" in view.case_lesion.ancestors
    for metastasis in (m for m in view.of(*LESION, specific=False) if "Metastasis" in m.concept.ancestors):
        if is_metastasis and not view.is_negated(metastasis):
            continue
        if WEIGHING_CUE.search(view.text, view.clause_of(metastasis.start)[0], metastasis.start):
            continue
        for site in after_in_clause(view, metastasis.end, ("site",)):
            candidate = simple(view, "case_fact", lesion, "metastasizesTo", site, metastasis.start)
            candidate.negated = view.is_negated(metastasis)
            yield candidate


@rule("case.size", "case_fact", 0.8, case_only=True)
def case_size(view: SentenceView) -> Iterable[Candidate]:
    """The size of the case lesion written before it: "a 4 cm mass", "a 12-mm lesion"."""
    if view.case_lesion is None:
        return
    lesion = view.case_lesion_ref
    for size in (n for n in view.numbers if n.kind == "size" and n.unit in ("mm", "cm")):
        following = [m for m in view.of(*LESION, specific=False) if 0 <= m.start - size.end <= 25]
        if following and _is_case_lesion(view.subject_before(following[0].end), lesion):
            yield Candidate(
                "case_fact",
                lesion,
                "hasSize",
                value=size.value,
                value_max=size.value_max,
                unit=size.unit,
                span=(size.start, following[0].end),
            )


COMPRESSING = re.compile(r"\b(?:compress\w*|impinging on|imping\w* upon)\s+(?:on\s+)?(?:the\s+)?", re.I)


@rule("case.compression", "case_fact", 0.8, case_only=True)
def case_compression(view: SentenceView) -> Iterable[Candidate]:
    """The case lesion compressing a structure causes that structure's compression.

    "the mass compressing the spinal cord" causes *spinal cord compression*. So does what an imaging study of the case
    found compressing it when the sentence names no lesion ("MRI demonstrated a collection in the epidural space,
    compressing the spinal cord"): what the study found is the case's lesion.

    The ontology names each compression after the structure (``SpinalCordCompression``,
    ``ThecalSacCompression``); a structure without such a class gives a name the extractor drops as
    undeclared.
    """
    if view.case_lesion is None:
        return
    lesion = view.case_lesion_ref
    unnamed_finding = _imaging_finds_unnamed_lesion(view)
    for verb in COMPRESSING.finditer(view.text):
        site = next((m for m in view.mentions if m.start == verb.end() and m.category == "site"), None)
        subject = view.subject_before(verb.start())
        if site is not None and (_is_case_lesion(subject, lesion) or (subject is None and unnamed_finding)):
            yield Candidate(
                "case_fact", lesion, "causes", Ref(site.concept.name + "Compression"), span=(verb.start(), site.end)
            )


def _imaging_finds_unnamed_lesion(view: SentenceView) -> bool:
    """Whether a case sentence tells what an imaging study found but names no lesion ("MRI showed a collection")."""
    return bool(view.of("modality")) and bool(FOUND_CUE.search(view.text)) and not view.of(*LESION, specific=False)


PRIMARY_BEFORE = re.compile(
    r"(?:\bmetastatic\s+|\bfrom\s+(?:an?\s+|the\s+)?|\b(?:patient|woman|man|child)\s+with\s+(?:an?\s+|known\s+)?)$",
    re.I,
)
PRIMARY_AFTER = re.compile(r"\s+metasta\w*", re.I)


@rule("case.figure_primary", "case_fact", 0.8, case_only=True)
def case_figure_primary(view: SentenceView) -> Iterable[Candidate]:
    """The primary tumour of a figure's lesion, named as its origin in the caption.

    "metastatic breast cancer lesions", "from a melanoma metastasis", "in a patient with breast cancer".

    Only a review's figure lesion (``case:figure-<n>-lesion``) is read so: a case report's lesion and its
    primary are told by its narrative, where the caption repeats them.
    """
    if not view.is_caption or view.case_lesion is None or not view.case_lesion_name.startswith("case:figure-"):
        return
    lesion = view.case_lesion_ref
    for primary in view.of("primary"):
        if primary.concept.broad:
            continue
        named_as_origin = PRIMARY_BEFORE.search(view.text, 0, primary.start) or PRIMARY_AFTER.match(
            view.text, primary.end
        )
        if named_as_origin or primary.text.lower().startswith("metastatic"):
            yield simple(view, "case_fact", lesion, "hasPrimaryTumour", primary, primary.start)


CAUSE_OF = re.compile(
    r"\b(?:was|were|is|seemed to be|appeared to be)\s+(?:the\s+|a\s+)?(?:main\s+|likely\s+|probable\s+"
    r"|only\s+)?cause\s+of\s+",
    re.I,
)
PRONOUN_BEFORE = re.compile(r"\b(?:it|this|that)\s+$", re.I)


@rule("case.cause_of", "case_fact", 0.8, case_only=True)
def case_cause_of(view: SentenceView) -> Iterable[Candidate]:
    """The case lesion named as the cause of a complaint.

    "the mass was the cause of her back pain", "it was the likely cause of the weakness".
    """
    if view.case_lesion is None or view.is_caption:
        return
    lesion = view.case_lesion_ref
    for cue in CAUSE_OF.finditer(view.text):
        pronoun = PRONOUN_BEFORE.search(view.text, 0, cue.start())
        subject = view.subject_before(cue.start()) or (view.anaphor_ref() if pronoun else None)
        if not _is_case_lesion(subject, lesion):
            continue
        effects = after_in_clause(view, cue.end(), ("clinical", "complication", "finding", "disorder"), stop=())
        if effects and effects[0].start - cue.end() <= 30:
            yield simple(view, "case_fact", lesion, "causes", effects[0], cue.start())


# A change in how the bladder or bowel works, told as a clause: "no change in bladder function", "he denied any
# disturbance of bowel control".
SPHINCTER_FUNCTION = (
    r"\b(?:changes?|disturbances?|problems?|difficult(?:y|ies)|impairment|loss|dysfunction|alterations?)\s+"
    r"(?:of|in|with)\s+(?:(?:his|her|the)\s+)?{organ}\s+(?:function|control|habits?)\b"
)
NEGATION_BEFORE = re.compile(r"\b(?:no|not|without|nor|denie[sd]|denying)\s+(?:\w+\s+){0,2}$", re.I)
UNNEGATED_GAP = r"(?:(?!not\b|never\b)\w+\s+)?"
# Findings case narrative tells as a clause rather than by their name: "his fingers felt numb", "a band-like feeling
# around the chest", "his right leg had become weak",
# "an upgoing right plantar response", "the plantars were extensor", "vibration sense was absent", "power in the
# legs was preserved", "pinprick
# sensation was reduced below the umbilicus" (a sensory level), "pinprick sensation was diminished over the
# buttocks" (sensory loss).
PHRASED_FINDINGS = [
    (
        re.compile(r"\b(?:felt|feel|feels|were|was|became|had\s+become|went|gone)\s+(?:\w+\s+)?numb\b", re.I),
        "presentsWith",
        "SensoryLoss",
    ),
    (re.compile(SPHINCTER_FUNCTION.format(organ="bladder"), re.I), "presentsWith", "BladderSymptoms"),
    (re.compile(SPHINCTER_FUNCTION.format(organ="bowel"), re.I), "presentsWith", "BowelSymptoms"),
    (
        re.compile(
            r"\bband-?like\s+(?:\w+\s+)?(?:sensation|feeling|pain|tightness|discomfort)\s+(?:around|across|round)\s+"
            r"(?:the\s+|his\s+|her\s+)?(?:chest|trunk|thorax|abdomen|waist)\b",
            re.I,
        ),
        "presentsWith",
        "BandLikeThoracicSensation",
    ),
    (
        re.compile(
            r"\b(?:legs?|arms?|limbs?|(?:upper|lower)\s+(?:extremit(?:y|ies)|limbs?))\s+(?:\w+\s+){0,2}?"
            r"(?:was|were|had\s+become|became|felt|grew|had\s+grown)\s+" + UNNEGATED_GAP + r"weak(?:er)?\b",
            re.I,
        ),
        "presentsWith",
        "ExtremityWeakness",
    ),
    (
        re.compile(
            r"\bpain\s+(?:\w+\s+){0,2}?(?:worse(?:ned)?|exacerbated|aggravated|increased)\s+(?:by|when|on|in"
            r"|while)\s+(?:the\s+)?"
            r"(?:(?:he|she|they|the\s+patient)\s+)?"
            r"(?:supine\s+position|(?:lying|lay|lies|laid)(?:\s+(?:down|supine|flat))?|recumbency|recumbent\s+position)",
            re.I,
        ),
        "presentsWith",
        "SupineExacerbatedPain",
    ),
    (
        re.compile(
            r"\b(?:upgoing|extensor)\s+(?:(?:right|left|bilateral)\s+)?plantars?\b(?:\s+respons\w*|\s+reflex\w*)?"
            r"|\bplantars?(?:\s+respons\w*|\s+reflex\w*)?\s+(?:was|were)\s+(?:both\s+|bilaterally\s+)?"
            r"(?:upgoing|extensor)\b",
            re.I,
        ),
        "hasExamFinding",
        "ExtensorPlantarResponse",
    ),
    (
        re.compile(r"\bvibration(?:\s+sense)?\s+(?:was|were)\s+" + UNNEGATED_GAP + r"(?:absent|lost)\b", re.I),
        "hasExamFinding",
        "AbsentVibrationSense",
    ),
    (
        re.compile(
            r"\b(?:legs?|arms?|limbs?|(?:upper|lower)\s+(?:extremit(?:y|ies)|limbs?))\s+(?:were|was|had\s+become"
            r"|became)\s+" + UNNEGATED_GAP + r"spastic\b",
            re.I,
        ),
        "hasExamFinding",
        "Spasticity",
    ),
    (
        re.compile(
            r"\b(?:sensation|sensory\s+perception|pinprick|light\s+touch|temperature\s+sense)\s+(?:was|were)\s+"
            + UNNEGATED_GAP
            + r"(?:reduced|decreased|diminished|impaired|lost|absent)\s+below\b",
            re.I,
        ),
        "hasExamFinding",
        "SensoryLevel",
    ),
    (
        re.compile(
            r"\b(?:(?:pinprick|light[\s-]+touch|temperature|pain)\s+)?sensation\s+(?:was|were)\s+"
            + UNNEGATED_GAP
            + r"(?:reduced|decreased|diminished|impaired|lost|absent)\b(?!\s+below\b)",
            re.I,
        ),
        "hasExamFinding",
        "SensoryLoss",
    ),
    (
        re.compile(
            r"\b(?:motor\s+)?(?:power|strength)\s+(?:in\s+(?:the\s+|both\s+|all\s+|his\s+|her\s+)?(?:\w+\s+)?"
            r"(?:legs?|arms?|limbs?|hands?|extremit(?:y|ies))\s+)?(?:was|were|remained)\s+"
            + UNNEGATED_GAP
            + r"(?:preserved|normal|intact|full)\b",
            re.I,
        ),
        "hasExamFinding",
        "PreservedStrength",
    ),
    (
        re.compile(
            r"\b(?:proprioception|position\s+sense)\s+(?:was|were|remained)\s+"
            + UNNEGATED_GAP
            + r"(?:preserved|normal|intact)\b",
            re.I,
        ),
        "hasExamFinding",
        "PreservedProprioception",
    ),
]


@rule("case.phrased_finding", "case_fact", 0.8, case_only=True)
def case_phrased_finding(view: SentenceView) -> Iterable[Candidate]:
    """Symptoms and examination findings told as a clause rather than named.

    "his right leg had become weak", "an upgoing left plantar response", "vibration sense was absent at the ankles",
    "power was preserved". A symptom graded on the examiner's scale ("the left leg was weak (grade 4/5)") is an
    examination finding.
    """
    if view.is_caption:
        return
    for pattern, predicate, name in PHRASED_FINDINGS:
        for match in pattern.finditer(view.text):
            negated = bool(NEGATION_BEFORE.search(view.text, 0, match.start()))
            graded = predicate == "presentsWith" and EXAMINER_GRADE.match(view.text, match.end())
            yield Candidate(
                "case_fact",
                PATIENT,
                "hasExamFinding" if graded else predicate,
                Ref(name),
                negated=negated,
                span=(match.start(), match.end()),
            )


# A strength grade on the MRC scale right after a finding: "(grade 4/5)", ", 3/5 power", "(MRC 4/5)".
EXAMINER_GRADE = re.compile(r"[\s,(]*(?:(?:grade|MRC|power)\s+)?[0-5][+-]?\s*/\s*5\b", re.I)


# A treatment the case did not give: "adjuvant radiotherapy was not given", "no chemotherapy was administered".
WITHHELD_AFTER = re.compile(
    r"\s+(?:was|were)\s+not\s+(?:\w+\s+)?(?:given|performed|done|administered|offered|undertaken|carried\s+out)\b",
    re.I,
)
WITHHELD_AROUND = (
    re.compile(r"\bno\s+(?:[\w-]+\s+)?$", re.I),
    re.compile(r"\s+(?:was|were)\s+(?:\w+\s+)?(?:given|performed|done|administered|offered|undertaken)\b", re.I),
)


@rule("case.treatment_withheld", "case_fact", 0.8, case_only=True)
def case_treatment_withheld(view: SentenceView) -> Iterable[Candidate]:
    """A treatment the case report says was not given: the patient was not treated with it.

    "Adjuvant radiotherapy was not given", "no chemotherapy was administered". A treatment only "not yet" given or
    given "not until" later is no denial; neither is one told as given ("radiotherapy was given").
    """
    for treatment in view.of("treatment", "drug"):
        after = WITHHELD_AFTER.match(view.text, treatment.end)
        no_before = WITHHELD_AROUND[0].search(view.text, max(0, treatment.start - 20), treatment.start)
        given_after = WITHHELD_AROUND[1].match(view.text, treatment.end)
        if after is None and not (no_before and given_after):
            continue
        if re.match(r"\s+(?:yet|until)\b", view.text[(after or given_after).end() :], re.I):
            continue
        yield Candidate(
            "case_fact",
            PATIENT,
            "treatedWith",
            Ref(treatment.concept.name),
            negated=True,
            span=(treatment.start, (after or given_after).end()),
        )


# A sphincter said to work normally at presentation: "her bladder control was normal", "bowel function was intact".
NORMAL_SPHINCTER = re.compile(
    r"\b(?P<organ>bladder|bowel)\s+(?:function|control|habits?)\s+(?:was|were|remained)\s+(?:\w+\s+)?"
    r"(?:normal|intact|preserved|unaffected|unremarkable)\b",
    re.I,
)


@rule("case.normal_sphincter", "case_fact", 0.8, case_only=True)
def case_normal_sphincter(view: SentenceView) -> Iterable[Candidate]:
    """Bladder or bowel control told as normal at presentation denies bladder or bowel symptoms.

    "Her bladder control was normal" states *bladder symptoms* negated. Told later in the course ("at follow-up his
    bladder function was normal") it is an outcome, left to the outcome rules.
    """
    if view.is_caption or LATER_IN_COURSE.search(view.text):
        return
    for match in NORMAL_SPHINCTER.finditer(view.text):
        organ = match.group("organ").lower()
        yield Candidate(
            "case_fact",
            PATIENT,
            "presentsWith",
            Ref("BladderSymptoms" if organ == "bladder" else "BowelSymptoms"),
            negated=True,
            span=(match.start(), match.end()),
        )


NEUROLOGICAL_FUNCTION = (
    r"\b(?:strength|power|weakness|numbness|paraparesis|paraplegia|tetraparesis|quadriparesis|spasticity|ataxia"
    r"|myelopathy|"
    r"gait|walking|balance|sensation|sensory\s+(?:loss|deficits?)|"
    r"neurological\s+\w+|deficits?|(?:hand|arm|leg|limb|motor|sensory|sphincter|bladder|bowel)\s+function)\s+"
)
NEUROLOGICAL_RECOVERY = re.compile(
    NEUROLOGICAL_FUNCTION
    + r"(?:\w+\s+)?(?:improved|resolved|recovered|normali[sz]ed|disappeared|returned\s+to\s+normal)\b",
    re.I,
)
# A function that did not come back: "his bladder function never recovered", "the weakness did not improve".
NO_NEUROLOGICAL_RECOVERY = re.compile(
    NEUROLOGICAL_FUNCTION
    + r"(?:\w+\s+)?(?:never|did\s+not|has\s+not|had\s+not|failed\s+to)\s+(?:\w+\s+)?"
    r"(?:improved?|recover(?:ed)?|return(?:ed)?)\b",
    re.I,
)
# A follow-up that found no tumour back: "no residual or recurrent tumour", "without evidence of recurrent disease".
NO_RECURRENT_TUMOUR = re.compile(
    r"\b(?:no|without)\s+(?:evidence\s+of\s+)?(?:(?:residual|local)\s+(?:or\s+)?)?recurrent\s+"
    r"(?:tumou?r|disease|lesion|mass|neoplasm)\b",
    re.I,
)
DISEASE_FREE = re.compile(
    r"\b(?:remained|remains|was|is|has\s+been|has\s+remained)\s+(?:\w+\s+)?"
    r"(?:free\s+of\s+(?:disease|recurrence|tumou?r)|(?:disease|recurrence|tumou?r|relapse)[- ]free)\b",
    re.I,
)


@rule("case.phrased_outcome", "case_fact", 0.8, case_only=True)
def case_phrased_outcome(view: SentenceView) -> Iterable[Candidate]:
    """Outcomes told as a clause: "her numbness resolved", "his leg strength improved" (neurological improvement).

    "His bladder function never recovered" (no improvement).

    "she remained free of disease at two years", "MRI showed no residual or recurrent tumour" (no recurrence).
    """
    if view.is_caption:
        return
    time = _outcome_time(view)
    for match in NEUROLOGICAL_RECOVERY.finditer(view.text):
        if not NEGATION_BEFORE.search(view.text, 0, match.start()) and not re.search(
            r"\b(?:not|never)\b", match.group(0), re.I
        ):
            yield Candidate(
                "case_fact",
                PATIENT,
                "hasOutcome",
                Ref("ImprovedNeurologically"),
                span=(match.start(), match.end()),
                qualifiers={"time": time} if time else {},
            )
    for match in NO_NEUROLOGICAL_RECOVERY.finditer(view.text):
        yield Candidate(
            "case_fact",
            PATIENT,
            "hasOutcome",
            Ref("NoImprovement"),
            span=(match.start(), match.end()),
            qualifiers={"time": time} if time else {},
        )
    for match in (*DISEASE_FREE.finditer(view.text), *NO_RECURRENT_TUMOUR.finditer(view.text)):
        yield Candidate(
            "case_fact",
            PATIENT,
            "hasOutcome",
            Ref("Recurrence"),
            negated=True,
            span=(match.start(), match.end()),
            qualifiers={"time": time} if time else {},
        )


SITE_COMPRESSED = re.compile(
    r"\s+(?:was|were|is|appeared|became)\s+(?P<gap>(?:\w+\s+){0,2}?)(?:compressed|flattened|indented|effaced)\b", re.I
)


@rule("case.site_compressed", "case_fact", 0.8, case_only=True)
def case_site_compressed(view: SentenceView) -> Iterable[Candidate]:
    """A structure said to be compressed (flattened, indented, effaced) in the case's imaging.

    Such a structure is compressed by the case lesion: "the cord was compressed" causes *spinal cord compression*;
    "the cord was not compressed" denies it.
    """
    if view.case_lesion is None or view.is_caption:
        return
    lesion = view.case_lesion_ref
    for site in view.of("site"):
        verb = SITE_COMPRESSED.match(view.text, site.end)
        if verb is None:
            continue
        negated = bool(re.search(r"\b(?:not|never)\b", verb.group("gap"), re.I))
        yield Candidate(
            "case_fact",
            lesion,
            "causes",
            Ref(site.concept.name + "Compression"),
            negated=negated,
            span=(site.start, verb.end()),
        )


# A diagnosis weighed for the case lesion: "a metastasis was considered", "myeloma was also raised", "an astrocytoma
# was the main alternative",
# "a schwannoma and a meningioma were the main considerations",
# "a hemangioblastoma seemed less likely", "demyelination was thought improbable".
CONSIDERED = re.compile(
    r"\b(?:was|were)\s+(?:also\s+|initially\s+|first\s+|then\s+)?(?:considered|suspected|entertained|raised"
    r"|proposed|favou?red)\b"
    r"|\b(?:was|were)\s+(?:the\s+|an\s+)?(?:(?:main|chief|principal|leading|other|only|second)\s+)?"
    r"(?:alternatives?|considerations?|differentials?|differential\s+diagnos[ie]s)\b"
    r"|\b(?:was|were|seemed|appeared)\s+(?:(?:thought|felt|considered|judged|deemed)\s+(?:to\s+be\s+)?)?"
    r"(?:less\s+likely|unlikely|improbable|less\s+probable)\b",
    re.I,
)
# A weighing verb that ends its clause weighs the diagnosis itself ("chordoma was favoured, although ..."), even the
# one the case proved; one that goes on weighs something else ("the schwannoma was considered resectable").
WEIGHING_ENDS = re.compile(r"\s*(?:[,;.:]|$)", re.I)
# Curators differ on whether the diagnosis a case favoured and then proved is also one of its differentials: such a
# statement goes to review.
OWN_DIAGNOSIS_WEIGHED_RELIABILITY = 0.65
ARGUED_AGAINST = re.compile(
    r"\b(?:argued|argues|argue|spoke|speaks|weighed|weighs)\s+against\s+(?:an?\s+|the\s+)?", re.I
)


@rule("case.considered", "differential", 0.8, case_only=True)
def case_considered(view: SentenceView) -> Iterable[Candidate]:
    """Diagnoses a case report weighed for its lesion.

    "metastasis, myeloma and spondylodiscitis were considered", "a lymphoma seemed less likely" (differentials: a
    diagnosis judged less likely was still weighed, so it is not denied), and "the preserved disc height argued against
    spondylodiscitis" (a diagnosis told apart from it).
    """
    if view.case_lesion is None or view.is_caption:
        return
    lesion = view.case_lesion_ref
    for verb in CONSIDERED.finditer(view.text):
        if NEGATION_BEFORE.search(view.text, 0, verb.start()) or re.search(r"\bnot\b", verb.group(0), re.I):
            continue
        start, _end = view.clause_of(verb.start())
        weighed_alone = bool(WEIGHING_ENDS.match(view.text, verb.end()))
        for disorder in (m for m in view.of(*LESION) if start <= m.start and m.end <= verb.start()):
            own = _names_case_lesion(view, disorder)
            if not disorder.concept.broad and (weighed_alone or not own):
                candidate = simple(view, "differential", lesion, "hasDifferential", disorder, verb.start())
                candidate.negated = False
                if own:
                    candidate.reliability = OWN_DIAGNOSIS_WEIGHED_RELIABILITY
                yield candidate
    yield from _not_excluded(view, lesion)
    for cue in ARGUED_AGAINST.finditer(view.text):
        disorder = next((m for m in view.of(*LESION) if 0 <= m.start - cue.end() <= 4), None)
        if disorder is not None and not disorder.concept.broad:
            candidate = simple(view, "differential", lesion, "distinguishedFrom", disorder, cue.start())
            candidate.negated = False
            yield candidate


# A diagnosis left open: "an underlying tumour could not be excluded", "infection cannot be ruled out".
NOT_EXCLUDED = re.compile(
    r"\b(?:could|can|may|was|were)\s*not\s+(?:be\s+)?(?:entirely\s+|completely\s+|confidently\s+)?"
    r"(?:excluded|ruled\s+out)\b|\bcannot\s+(?:be\s+)?(?:entirely\s+|completely\s+)?(?:excluded|ruled\s+out)\b",
    re.I,
)


def _not_excluded(view: SentenceView, lesion: Ref) -> Iterable[Candidate]:
    """Diagnoses a case report could not exclude are its lesion's differentials.

    "A metastasis could not be ruled out": the "not" leaves the diagnosis open, it does not deny it.
    """
    for verb in NOT_EXCLUDED.finditer(view.text):
        start, _end = view.clause_of(verb.start())
        for disorder in (m for m in view.of(*LESION) if start <= m.start and m.end <= verb.start()):
            if not _names_case_lesion(view, disorder):
                candidate = simple(view, "differential", lesion, "hasDifferential", disorder, verb.start())
                candidate.negated = False
                yield candidate


def _names_case_lesion(view: SentenceView, disorder) -> bool:
    """Whether a lesion named in the case is the case lesion itself ("the schwannoma was considered resectable").

    By its own class or a class above it.
    """
    return disorder.concept.name == view.case_lesion.name or disorder.concept.name in view.case_lesion.ancestors


@rule("case.compression_named", "case_fact", 0.8, case_only=True)
def case_compression_named(view: SentenceView) -> Iterable[Candidate]:
    """A compression of a neural structure named in the case's imaging is caused by the case lesion.

    "the mass indented the sac, without compression of the cauda equina" denies *cauda equina compression*; "MRI showed
    spinal cord compression at T6" states it. Only a sentence that names an imaging study or the case lesion, and no
    other lesion, is read so.
    """
    if view.case_lesion is None or view.is_caption:
        return
    lesion = view.case_lesion_ref
    named = view.of(*LESION, specific=False)
    compressions = [m for m in named if "NeuralCompression" in m.concept.ancestors]
    others = [m for m in named if m not in compressions and not _is_case_lesion(view.subject_before(m.end), lesion)]
    if (
        not compressions
        or others
        or not (view.of("modality", "sequence") or len(named) > len(compressions) or _follows_finding(view))
    ):
        return
    for compression in compressions:
        yield simple(view, "case_fact", lesion, "causes", compression, compression.start)


def _follows_finding(view: SentenceView) -> bool:
    """Whether the sentence goes on with the imaging before it.

    It names a finding or a structure the lesion acts on ("the thecal sac was indented, without compression of ...").
    """
    return bool(view.of("finding", "site")) and bool(PAST_TENSE_WORD.search(view.text))


EARLIER_EVENT = re.compile(r"\bthere\s+had\s+been\s+(?P<no>no\s+(?:\w+\s+)?|an?\s+(?:\w+\s+)?|(?:\w+\s+)?)$", re.I)


@rule("case.earlier_event", "case_fact", 0.8, case_only=True)
def case_earlier_event(view: SentenceView) -> Iterable[Candidate]:
    """A disorder told in the pluperfect belongs to the patient's history.

    "there had been no injury" denies past trauma, "there had been a fall" states it.
    """
    if view.is_caption:
        return
    for disorder in view.of("disorder", "clinical"):
        lead = EARLIER_EVENT.search(view.text, 0, disorder.start)
        if lead is not None and not disorder.concept.broad:
            candidate = simple(view, "case_fact", PATIENT, "hasPastHistory", disorder, lead.start())
            candidate.negated = lead.group("no").lower().startswith("no")
            yield candidate


ABSENT_HISTORY = re.compile(
    r"\b(?:absence|lack)\s+of\s+(?:any\s+)?(?:known|previous|prior)\s+(?:history\s+of\s+)?(?:an?\s+)?", re.I
)


@rule("case.absent_history", "case_fact", 0.8, case_only=True)
def case_absent_history(view: SentenceView) -> Iterable[Candidate]:
    """A disorder the patient is said not to have had, wherever the narrative says it.

    "the absence of any known primary tumour made a metastasis less likely", "given the lack of previous trauma". The
    sentence often weighs a diagnosis rather than presents the patient, so it is read in any case sentence.
    """
    if view.is_caption:
        return
    for lead in ABSENT_HISTORY.finditer(view.text):
        disorder = next((m for m in view.of(*LESION, specific=False) if m.start == lead.end()), None)
        if disorder is not None:
            candidate = simple(view, "case_fact", PATIENT, "hasPastHistory", disorder, lead.start())
            candidate.negated = True
            yield candidate
