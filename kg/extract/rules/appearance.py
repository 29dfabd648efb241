"""Relation rules for imaging_appearance statements.

A look (signal, enhancement, density or imaging finding) is given to its owner: the lesion the wording
ties it to, else the clause's lesion, else (in captions and case narrative) the patient's lesion, else
the paragraph's lesion for a look only said to exist, to occur or to be typical. Besides the looks the
lexicon names, a look may be read from a verb and the structure it acts on ("destroy the posterior
cortex"), from a structure in a state ("the nerve roots may be thickened") or from a predicate adjective
("the deposits are solitary"). Looks that belong to something else (a rim, the edema a lesion causes,
another lesion the look names as an adjective, the lesions a primary tumour seeds) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Concept, Mention, fold_word
from kg.extract.rules.base import SITE, TECHNIQUE, Candidate, ref, rule, span_of
from kg.extract.sentence import Ref, SentenceView
from kg.namespaces import SK

APPEARANCE_PREDICATES = {
    "signal": "hasSignal",
    "enhancement": "hasEnhancement",
    "density": "hasDensity",
    "finding": "hasImagingFinding",
}
SEQUENCE_SHORTHAND = re.compile(r"\bT([12])(?:W|-?weighted)?\b")
ADJACENT_SEQUENCE = re.compile(r"\bT([12])(?:W|-?weighted)?\s+$")
SHORTHAND_AFTER = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?T([12])(?:W|-?weighted)?\b")


@rule("appearance.lesion_looks", "imaging_appearance", 0.8)
def appearance_lesion_looks(view: SentenceView) -> Iterable[Candidate]:
    """A lesion described by signal, enhancement, density or a finding, with the sequence or modality it is seen on.

    One candidate per sequence the look is read on ("T1-weighted (b) and T2-weighted (c) images show a
    hypointense lesion" gives two); a range written with a bare prefix ("hypo- to isointense") gives one
    per end. In a caption or case narrative, one lesion cannot be both hyper- and hypointense on one
    sequence: such a pair describes two lesions and is dropped.
    """
    narrative = view.is_case or view.is_caption
    found: list[Candidate] = []
    for look in (
        view.of("signal", "enhancement", "density", "finding")
        + _enhancing_verbs(view)
        + _densities_in_lesion_names(view)
        + _described_patterns(view)
        + _verb_phrased_findings(view)
        + _stated_structures(view)
        + _predicative_counts(view)
    ):
        if _belongs_elsewhere(view, look):
            continue
        subject, reliability = _who_has(view, look, narrative)
        if subject is None or _look_of_secondaries(view, subject, look):
            continue
        for owner in [subject] + _coordinated_subjects(view, subject, look):
            for sequence in sequences_near(view, look) or [None]:
                candidate = _appearance(view, owner, look, sequence)
                if candidate is not None:
                    candidate.reliability = reliability
                    found.append(candidate)
                    found += _prefix_range(view, look, candidate)
                    if candidate.object.name == look.concept.name:
                        found += _enhancement_modifiers(view, look, candidate)
    yield from _without_conflicts(found) if narrative else found


# "There may be subarachnoid nodules" in a paragraph about one lesion says the nodules are that
# lesion's: the sentence has no other candidate subject, so the topic is a safer guess than for a
# pronoun, and the statement starts high enough to stay in the graph after the topic penalty.
EXISTENTIAL_RELIABILITY = 0.9


def _who_has(view: SentenceView, look: Mention, narrative: bool) -> tuple[Ref | None, float]:
    """The subject of a look and the reliability its statement starts from (0.0: the rule's own).

    Wording that ties a look to its owner comes first ("hypointensity due to edema", "signal of
    metastatic disease"); then the clause's lesion (for a finding in general text, only when the
    sentence says it of the lesion); then, outside narrative, the paragraph's lesion for a look that
    is only said to exist.
    """
    subject = _tied_subject(view, look, narrative)
    if subject is not None:
        return subject, 0.0
    if narrative and _of_structure_outside(view, look):
        return None, 0.0
    if view.is_case and ELSEWHERE_AFTER.match(view.text, look.end):
        return CASE_PATIENT, 0.0
    if view.is_case and view.case_lesion is not None and _reason_against_a_diagnosis(view, look):
        return view.case_lesion_ref, 0.0
    if view.is_case and (kind := _kind_said_in_general(view, look)) is not None:
        return ref(kind), 0.0
    if not narrative and (said_to_occur(view, look) is not None or _named_as_typical(view, look)):
        return view.anaphor_ref(), EXISTENTIAL_RELIABILITY
    if not narrative and _pronoun_subject(view, look):
        return view.anaphor_ref(), 0.0
    if not narrative and (_adjacent_structure_shows(view, look) or _diseased_structure_is(view, look)):
        return view.anaphor_ref(), EXISTENTIAL_RELIABILITY
    if not narrative and is_stated_structure(look):
        start, end = view.clause_of(look.start)
        named = [m for m in view.of("disorder", "primary") if start <= m.start < end and not m.concept.broad]
        return (ref(named[0]), 0.0) if named else (view.anaphor_ref(), EXISTENTIAL_RELIABILITY)
    subject = _subject_of(view, look, narrative)
    if subject is not None and look.category == "finding" and not narrative and not _describes(view, look):
        subject = None
    if subject is None and not narrative:
        subject = _existential_topic(view, look)
        return subject, EXISTENTIAL_RELIABILITY
    return subject, 0.0


CASE_PATIENT = Ref("case:patient")
# "There was no leptomeningeal enhancement elsewhere in the canal": a look searched for away from the lesion
# is the patient's, not the lesion's.
ELSEWHERE_AFTER = re.compile(r"\s+(?:\w+\s+)?elsewhere\b", re.I)
OUTSIDE_OPENING = re.compile(
    r"\W*(?:(?:on|in)\s+[^,;]{1,40},\s*)?(?:the\s+)?(?:surrounding|adjacent|neighbou?ring|remaining|normal|uninvolved"
    r"|unaffected|rest\s+of\s+the)\s+(?:[\w-]+\s+)?$",
    re.I,
)


def _of_structure_outside(view: SentenceView, look: Mention) -> bool:
    """In case narrative, whether a signal, density or enhancement is said of a structure around the lesion.

    "The surrounding cord was hyperintense on T2-weighted images" describes the cord next to the lesion,
    not the lesion. Findings are left alone: edema of the surrounding cord is still told as the lesion's.
    """
    if look.category not in ("signal", "density", "enhancement"):
        return False
    start, _end = view.clause_of(look.start)
    sites = [m for m in view.mentions if start <= m.start and m.end <= look.start and m.category not in TECHNIQUE]
    if not sites or sites[0].category not in SITE:
        return False
    return bool(OUTSIDE_OPENING.fullmatch(view.text[start : sites[0].start]))


# "A hemangioblastoma seemed less likely because no flow voids were seen around the lesion": the diagnosis
# weighed is the clause's subject, but what was seen belongs to the patient's lesion.
WEIGHED_BECAUSE = re.compile(
    r"\b(?:seemed|appeared|was\s+(?:thought|considered|felt|deemed|judged))\s+(?:\w+\s+)?(?:less\s+likely|unlikely"
    r"|improbable|more\s+likely)\b[^;]*?\b(?:because|as|since)\b[^;]*$",
    re.I,
)
SEEN_AFTER = re.compile(r"\s+(?:was|were)\s+(?:\w+\s+)?(?:seen|found|noted|identified|present|demonstrated)\b", re.I)


def _reason_against_a_diagnosis(view: SentenceView, look: Mention) -> bool:
    """Whether a look was seen (or not) in the reason a case report gives for weighing a diagnosis.

    The reason is told as the look being seen ("because no flow voids were seen") or as its cause ("judged unlikely
    because of the mass effect").
    """
    before = view.text[: look.start]
    return bool(WEIGHED_BECAUSE.search(before) and (SEEN_AFTER.match(view.text, look.end) or BECAUSE_OF.search(before)))


BECAUSE_OF = re.compile(r"\b(?:because\s+of|owing\s+to|given)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?$", re.I)


def _kind_said_in_general(view: SentenceView, look: Mention) -> Mention | None:
    """In case narrative, the lesion kind a look is told of in general ("since ependymomas tend to be well marginated").

    A bare plural lesion name other than the patient's lesion's, heading a clause the look ends, speaks of
    that kind of lesion, the way a textbook would, not of the patient's lesion.
    """
    case_lesion = view.case_lesion
    for lesion in reversed(view.of("disorder", "primary")):
        if lesion.end > look.start or lesion.concept.broad:
            continue
        own = case_lesion is not None and (
            lesion.concept.name == case_lesion.name or lesion.concept.name in case_lesion.ancestors
        )
        last_word = lesion.text.split()[-1]
        plural = fold_word(last_word) != last_word.lower()
        opens = CLAUSE_OPENING.search(view.text[: lesion.start])
        said = GENERAL_PREDICATE.fullmatch(view.text[lesion.end : look.start])
        return lesion if plural and not own and opens and said else None
    return None


# Where a general statement may start: the sentence, or after a comma or a subordinating word.
CLAUSE_OPENING = re.compile(r"(?:^|[,;:]\s*|\b(?:since|because|as|while|whereas|but)\s+)$", re.I)
# What a general statement puts between the kind and the look: "tend to sit centrally and to be", "are usually".
GENERAL_PREDICATE = re.compile(
    r"\s+(?:(?:usually|typically|generally|often|commonly|classically)\s+)?(?:tend\s+to|are|have|show)\b[^.;()]{0,50}?",
    re.I,
)


def _look_of_secondaries(view: SentenceView, subject: Ref, look: Mention) -> bool:
    """Whether a primary tumour "shows" a look that is the adjective of lesions it seeds.

    "Breast cancer may show mixed lytic and sclerotic lesions" describes its metastases, not the primary.
    """
    if subject.concept is None or subject.concept.category != "primary" or view.is_case or view.is_caption:
        return False
    return any(
        m.start >= look.end and ADJECTIVE_GAP.fullmatch(view.text[look.end : m.start])
        for m in view.of("disorder", "primary")
    )


def _appearance(view: SentenceView, subject: Ref, look: Mention, sequence: Ref | None) -> Candidate | None:
    """The statement that a subject has a look, with the technique it is seen on.

    A look no technique can be given to is seen on an unnamed modality (the graph asks every appearance
    for one), except an effect on the structures around the lesion ("widen the cord", "destruction of
    the posterior cortex"), stated as caused by the lesion, which needs none, and what case narrative
    tells of an operation, which the surgeon saw rather than the images.
    """
    qualifiers = {"sequence": sequence, "figure": _figure_near(view, look)}
    if look.category in ("density", "finding", "enhancement") or sequence is None:
        qualifiers["modality"] = modality_near(view, look)
    if look.category == "enhancement" and sequence is not None and "T1" not in sequence.name:
        qualifiers["sequence"], qualifiers["modality"] = None, qualifiers["modality"] or Ref("MRI")
    qualifiers.update(technique_fallback(view, look.category, qualifiers))
    fallback = qualifiers.get("sequence")
    if look.category == "enhancement" and fallback is not None and "T1" not in fallback.name:
        qualifiers["sequence"], qualifiers["modality"] = None, qualifiers.get("modality") or Ref("MRI")
    predicate = APPEARANCE_PREDICATES[look.category]
    if qualifiers.get("sequence") is None and qualifiers.get("modality") is None:
        if look.category == "finding" and EFFECT_FINDINGS & look.concept.ancestors:
            predicate = "causes"
        else:
            qualifiers.update(unnamed_technique(view, qualifiers))
            if qualifiers.get("modality") is None:
                return None
            if look.concept.name in READ_ON_SEQUENCE:
                qualifiers["sequence"], qualifiers["modality"] = Ref(READ_ON_SEQUENCE[look.concept.name]), None
    qualifiers["referenceTissue"] = _reference_tissue(view, look)
    start, end = span_of(look.start, look)
    occurs = said_to_occur(view, look)
    absent = occurs is not None and occurs.group("absent") is not None
    return Candidate(
        kind="imaging_appearance",
        subject=subject,
        predicate=predicate,
        object=Ref("NoEnhancement") if absent and look.category == "enhancement" else _enhanced_structure(view, look),
        hedge=view.hedge(view.clause_of(look.start)[0], occurs.end() if occurs is not None else end),
        negated=(occurs is None and _negated(view, look)) or (absent and look.category != "enhancement"),
        qualifiers={k: v for k, v in qualifiers.items() if v is not None},
        span=(start, end),
    )


ENHANCED_CSF = re.compile(r"\s+of\s+(?:the\s+)?(?:CSF|cerebrospinal\s+fluid)\b", re.I)
ENHANCED_MENINGES = re.compile(
    r"\s+of\s+(?:the\s+)?(?:leptomeninges|meninges|pia(?:\s+mater)?|leptomeningeal\s+surfaces?)\b", re.I
)


def _enhanced_structure(view: SentenceView, look: Mention) -> Ref:
    """An enhancement named by the structure that enhances ("enhancement of the CSF" is CSF enhancement).

    Otherwise the look itself.
    """
    if look.category != "enhancement":
        return ref(look)
    if ENHANCED_CSF.match(view.text, look.end):
        return Ref("CSFEnhancement")
    if ENHANCED_MENINGES.match(view.text, look.end):
        diffuse = look.concept.name == "DiffuseEnhancement"
        return Ref("DiffuseLeptomeningealEnhancement" if diffuse else "LeptomeningealEnhancement")
    return ref(look)


# A look whose text names no technique at all is seen on imaging of some kind: the class of all modalities
# says so (as curators write it), rather than a guess.
UNNAMED_MODALITY = "ImagingModality"


def unnamed_technique(view: SentenceView, qualifiers: dict) -> dict:
    """The unnamed modality for a look or sign its text names no technique for (none in case operation narrative)."""
    if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
        return {}
    if view.is_case and view.of("treatment"):
        return {}
    return {"modality": Ref(UNNAMED_MODALITY)}


# Findings only one MR sequence shows, as a signal can only be seen on MRI.
READ_ON_SEQUENCE = {"RestrictedDiffusion": "DWI", "LowADC": "ADCMap", "FlowVoid": "MRSequence"}
# Findings that are what a lesion does to the structures around it: stated as caused by the lesion.
EFFECT_FINDINGS = frozenset({"BoneDestruction", "MassEffect", "NeuralCompression", "CordEnlargement"})


VERB_NEGATION = re.compile(r"\b(?:not|never|no|without|fails? to|failed to)\s+(?:\w+\s+)?$", re.I)


def _negated(view: SentenceView, look: Mention) -> bool:
    """Whether a look is negated: NegEx's scope for a recognised mention.

    A "not"/"never" right before an enhancing verb.
    """
    if look in view.mentions:
        return view.is_negated(look)
    return bool(VERB_NEGATION.search(view.text[max(0, look.start - 24) : look.start]))


# --- who has the look ---------------------------------------------------------------------------


def _tied_subject(view: SentenceView, look: Mention, narrative: bool) -> Ref | None:
    """A subject the wording itself ties to the look.

    The cause of a signal ("hypointensity due to edema"), the lesion the look is "of" ("decreased signal of metastatic
    disease", "a soft tissue mass, a common feature of chordomas"), or the lesion a look "is seen in" when no lesion
    comes before it ("low ADC values are found in pathologic fractures").
    """
    bracketed = _bracketed_lesion(view, look)
    if bracketed is not None:
        return bracketed
    cause = _cause_of_signal(view, look)
    if cause is not None or narrative:
        return cause
    owner = _lesion_right_after(view, look, LOOK_OF) or _lesion_right_after(view, look, FEATURE_OF)
    if owner is None and not _lesions_before(view, look):
        owner = _lesion_right_after(view, look, SEEN_IN)
    return ref(owner) if owner is not None and not owner.concept.broad else None


BRACKET_AFTER = re.compile(r"(?P<gap>[^()\n;,]{0,40}?)\(\s*(?:an?\s+|the\s+)?(?P<name>[^()]{2,40}?)\s*\)")
JOINING_WORD = re.compile(r"\b(?:or|and|but|whereas|while|than|versus|vs)\b", re.I)


def _bracketed_lesion(view: SentenceView, look: Mention) -> Ref | None:
    """The lesion named alone in brackets right after a look, which says whose look it is.

    "peripheral enhancement with a necrotic core (abscess) or diffuse enhancement (phlegmon)".
    """
    match = BRACKET_AFTER.match(view.text, look.end)
    if match is None or JOINING_WORD.search(match.group("gap")):
        return None
    named = [m for m in view.of("disorder", "primary") if m.start == match.start("name") and m.end == match.end("name")]
    return ref(named[0]) if named and not named[0].concept.broad else None


LOOK_OF = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:of|in)\s+(?:the\s+|an?\s+)?(?:[a-z-]+\s+){0,1}$", re.I)
FEATURE_OF = re.compile(
    r"\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:feature|finding|manifestation|hallmark"
    r"|characteristic)\s+of\s+(?:the\s+|an?\s+)?(?:[a-z-]+\s+){0,1}$",
    re.I,
)
SEEN_IN = re.compile(
    r"[^;:]{0,40}?\b(?:is|are|was|were|be|been)\s+(?:\w+\s+)?(?:seen|demonstrated|found|observed|noted|detected"
    r"|identified|encountered|present|reported|(?:more\s+|most\s+|less\s+)?(?:common|frequent|typical))\b"
    r"[^;:]{0,50}?\b(?:in|with|among|of)\s+(?:the\s+|an?\s+|most\s+|many\s+|some\s+)?(?:[a-z-]+\s+){0,2}$",
    re.I,
)


def _lesion_right_after(view: SentenceView, look: Mention, joint: re.Pattern) -> Mention | None:
    """The first lesion after the look in its clause whose words from the look fit ``joint`` in full.

    With nothing but techniques named between them and no population ("seen in patients with ...").
    """
    _start, end = view.clause_of(look.start)
    for lesion in view.of("disorder", "primary"):
        if look.end <= lesion.start < end and joint.fullmatch(view.text[look.end : lesion.start]):
            between = [
                m
                for m in view.mentions
                if look.end <= m.start
                and m.end <= lesion.start
                and m.category not in ("sequence", "modality", "technique", "level")
            ]
            return None if between or POPULATION_WITH.search(view.text[look.end : lesion.start]) else lesion
    return None


CAUSE_AFTER = re.compile(
    r"\s*(?:(?:is|are|was|were)\s+)?(?:due to|caused by|secondary to|because of|from|reflecting)\s+(?:the\s+|an?\s+)?",
    re.I,
)


def _cause_of_signal(view: SentenceView, look: Mention) -> Ref | None:
    """What a signal belongs to when the sentence names its cause.

    "hypointensity due to cord edema" is the edema's signal.
    """
    if look.category != "signal":
        return None
    cause = CAUSE_AFTER.match(view.text, look.end)
    if cause is None:
        return None
    named = [
        m
        for m in view.mentions
        if m.category in ("finding", "disorder", "primary") and cause.end() <= m.start <= cause.end() + 20
    ]
    return ref(named[0]) if named and not named[0].concept.broad else None


def _subject_of(view: SentenceView, look: Mention, narrative: bool) -> Ref | None:
    """Who has the look: the lesion of its own coordinated or relative clause, else the clause's subject.

    A coordinated clause: "benign fractures were isointense and pathologic fractures were hyperintense"; a relative
    clause: "..., which are hyperintense". After the clause's subject come (in narrative) the case lesion, then a
    tissue the sentence opens with.
    """
    if not narrative:
        lesions = _lesions_before(view, look)
        last = lesions[-1] if len(lesions) > 1 else None
        if (
            last is not None
            and not last.concept.broad
            and OWN_VERB.match(view.text, last.end)
            and CONJOINED.search(view.text[lesions[-2].end : last.start])
        ):
            return ref(last)
    subject = clause_subject(view, look.start)
    antecedent = None if narrative else _relative_antecedent(view, look)
    if antecedent is not None and not (
        subject is not None and subject.concept is not None and antecedent.concept.name in subject.concept.ancestors
    ):
        return ref(antecedent)
    return subject or (view.anaphor_ref() if narrative else _tissue_subject(view, look))


CONTRAST_BEFORE = re.compile(
    r"\b(?:unlike|in\s+contrast\s+(?:to|with)|compared\s+(?:with|to)|as\s+opposed\s+to|rather\s+than|than|versus"
    r"|vs\.?)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


def clause_subject(view: SentenceView, position: int) -> Ref | None:
    """The lesion a clause speaks about before a position, as :meth:`SentenceView.subject_before` finds it.

    But never one named only for contrast ("unlike metastases, hemangiomas are ...", "compared with benign fractures,
    malignant ones show ..."): then the next lesion of the clause.
    """
    subject = view.subject_before(position)
    if subject is None or subject.is_case or subject.anaphoric:
        return subject
    start, _end = view.clause_of(position)
    lesions = [
        m for m in view.of("disorder", "primary") if start <= m.start and m.end <= position and not m.concept.broad
    ]
    named = next((m for m in lesions if m.concept.name == subject.name), None)
    if named is None or not CONTRAST_BEFORE.search(view.text[max(0, named.start - 40) : named.start]):
        return subject
    others = [
        m
        for m in lesions
        if m.start > named.end and not CONTRAST_BEFORE.search(view.text[max(0, m.start - 40) : m.start])
    ]
    return ref(others[0]) if others else None


SUBJECT_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as)\s+)(?:the\s+|an?\s+)?", re.I)


def _coordinated_subjects(view: SentenceView, subject: Ref, look: Mention) -> list[Ref]:
    """The lesions joined to a named subject by "and".

    "or" or commas before the look ("both metastases and myeloma may appear hypointense"): each has the look too.
    """
    if subject.is_case or subject.anaphoric or view.is_case or view.is_caption:
        return []
    start, _end = view.clause_of(look.start)
    lesions = [m for m in view.of("disorder", "primary") if start <= m.start and m.end <= look.start]
    at = next((k for k, m in enumerate(lesions) if m.concept.name == subject.name), None)
    if at is None:
        return []
    joined, previous = [], lesions[at]
    for lesion in lesions[at + 1 :]:
        if lesion.concept.broad or not SUBJECT_JOIN.fullmatch(view.text[previous.end : lesion.start]):
            break
        joined.append(ref(lesion))
        previous = lesion
    return joined


RELATIVE_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s*which", re.I)


def _relative_antecedent(view: SentenceView, look: Mention) -> Mention | None:
    """The lesion a relative clause holding the look speaks of.

    The one right before ", which" ("more common than vertebral hemangiomas, which are hyperintense"), unless it only
    renames the sentence's subject by a broader class ("hemangiomas are benign vascular tumours, which are ...").
    """
    start, _end = view.clause_of(look.start)
    which = start - 5
    if which < 0 or view.text[which:start].lower() != "which":
        return None
    lesions = [
        m
        for m in view.of("disorder", "primary")
        if m.end <= which and RELATIVE_AFTER.fullmatch(view.text[m.end : which + 5])
    ]
    return lesions[-1] if lesions and not lesions[-1].concept.broad else None


CONJOINED = re.compile(
    r"(?:,\s*|\b(?:and|but|while|whereas)\s+)(?:the\s+|an?\s+|all\s+|most\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
OWN_VERB = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:is|are|was|were|appear\w*|become\w*|remain\w*|show\w*|demonstrat\w*|display\w*)\b", re.I
)


def _lesions_before(view: SentenceView, look: Mention) -> list[Mention]:
    """The lesions named in the look's clause before it."""
    start, _end = view.clause_of(look.start)
    return [m for m in view.of("disorder", "primary") if start <= m.start and m.end <= look.start]


DESCRIBING_VERB = re.compile(
    r"\b(?:show(?!n\s+to\b)\w*|with|demonstrat\w*|reveal\w*|ha[sd]|have|display\w*|exhibit\w*|caus\w*|produc\w*"
    r"|contain\w*|appear\w*|seen as|present\w* as)\b",
    re.I,
)
POPULATION_WITH = re.compile(
    r"\b(?:patients?|those|individuals|subjects|cases|people|men|women|children)\s+with\b", re.I
)
BLOCKING = ("disorder", "primary", "outcome", "process")
# "most metastatic lesions are 'hot'": a copula right before the finding says it of the lesion;
# "CT myelography may show metastatic disease as thickened nerve roots": a lesion shown as findings.
COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?[\"“‘']?$", re.I)
SHOWN_AS = re.compile(r"\s*as\b", re.I)


# A finding named by its verb ("widen the cord", "expands the cord") is said of the lesion before it.
VERB_FINDING = re.compile(
    r"(?:widen|expand|enlarge|displac|compress|erod|fill|destroy|cross|extend|indent)\w*\s+(?:the|through|into)\b", re.I
)
# What may stand between a lesion and such a verb: modal words and adverbs ("tend to", "do not", "rarely"),
# or a first predicate the verb is coordinated with ("span two segments and rarely enlarge the cord").
VERB_FINDING_GAP = re.compile(
    r"(?:^|\band\b|,)[\s,]*(?:\w+ly\s+|may\s+|can\s+|often\s+|also\s+|will\s+|tends?\s+to\s+|do(?:es)?\s+not\s+"
    r"|did\s+not\s+|never\s+|seldom\s+|sometimes\s+)*$",
    re.I,
)


def _joined_subjects(view: SentenceView, lesions: list[Mention]) -> list[Mention]:
    """The first lesion of a clause and those "and", "or" or commas join to it ("both ependymoma and astrocytoma").

    A general head noun right after it ("myeloma lesions") belongs to it.
    """
    joined = [lesions[0]]
    for lesion in lesions[1:]:
        gap = view.text[joined[-1].end : lesion.start]
        head = lesion.concept.broad and not gap.strip()
        if not (head or SUBJECT_JOIN.fullmatch(gap)):
            break
        joined.append(lesion)
    return joined


def _describes(view: SentenceView, look: Mention) -> bool:
    """Whether a finding is said of the clause's lesion ("shows", "with", "demonstrates") rather than merely named.

    The verb must stand between the lesion and the finding, not inside a population ("in patients
    with"), and no other lesion or outcome may come between them ("... fractures in patients with
    FDG-avid tumours", "sclerotic lesions, as progression with conversion ...").
    """
    start, _end = view.clause_of(look.start)
    lesions = _lesions_before(view, look)
    after = _joined_subjects(view, lesions)[-1].end if lesions else start
    between = POPULATION_WITH.sub(" ", view.text[after : look.start])
    shown_as = lesions and SHOWN_AS.match(between) and DESCRIBING_VERB.search(view.text[start : lesions[0].start])
    verb_named = VERB_FINDING.match(look.text) and VERB_FINDING_GAP.search(between)
    if not (DESCRIBING_VERB.search(between) or COPULA_BEFORE.search(between) or shown_as or verb_named):
        return False
    if not lesions:
        return True
    return not any(after <= m.start and m.end <= look.start and not m.concept.broad for m in view.of(*BLOCKING))


EXISTENTIAL = re.compile(
    r"(?:^\W*|,\s*|\b(?:on|in|at)\s+[\w-]+(?:\s+[\w-]+)?,?\s+)(?:(?:and|but|also|additionally|in addition|rarely"
    r"|occasionally|often),?\s+)?there\s+(?:is|are|(?:may|can|might|will|could)\s+(?:also\s+)?be|is\s+often"
    r"|are\s+often|is\s+usually|are\s+usually)\s+"
    r"(?:also\s+)?(?:an?\s+|the\s+|some\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "Enhancement is common", "patchy enhancement may appear in the subacute phase", "contrast enhancement
# is absent", "the areas of sclerosis may be nodular": a look said only to occur (or not), or only
# described, heading its clause.
LOOK_OCCURS = re.compile(
    r"\s+(?:(?:is|are)\s+(?:\w+ly\s+)?(?:(?P<absent>absent|lacking)|common|frequent|typical|usual|uncommon|unusual"
    r"|rare|infrequent|seen|present|noted|observed)"
    r"|(?:may|can|might|will|often|usually|typically|sometimes)\s+(?:also\s+)?(?:appear(?!\s+to\b)|occur|develop"
    r"|be\s+(?:seen|present|observed|noted))"
    r"|(?:appears?|occurs?|develops?)\s+(?:in|during|after|within|early|later)"
    r"|(?:is|are|may\s+be|can\s+be|tends?\s+to\s+be)\s+(?:\w+ly\s+)?(?:variable|nodular|mottled|patchy|diffuse|focal"
    r"|homogene?ous|heterogene?ous|mild|intense|avid|faint|subtle|marked|irregular|linear|multifocal|extensive))\b",
    re.I,
)
# A second look joined to the first before their verb ("cystic change and haemorrhage are frequent"), or an
# aside between the look and its verb ("calcification, best seen on CT, is present").
LOOK_JOINED = re.compile(
    r"\s+(?:and|or)\s+[\w-]+(?:\s+[\w-]+)?(?=\s+(?:are|may|can|might|will|often|usually))"
    r"|\s*,[^,;()]{3,40},(?=\s)"
    r"|\s+(?:after|with|following|on)\s+[\w-]+(?:\s+[\w-]+)?(?=\s+(?:is|are|may|can))",
    re.I,
)
CLAUSE_HEAD = re.compile(
    r"(?:^|[,;:]|\band\b|\bbut\b)\s*(?:(?:the|an?|some)\s+)?(?:(?:areas?|foci|regions?|zones?)\s+of\s+)?$", re.I
)


def said_to_occur(view: SentenceView, look: Mention) -> re.Match | None:
    """The words saying a look occurs, when it heads a clause that names no lesion of its own.

    In a paragraph about one lesion such a look ("enhancement is common", "patchy enhancement may appear
    in the subacute phase") is that lesion's, as surely as "there may be ..." says it.
    """
    joined = LOOK_JOINED.match(view.text, look.end)
    occurs = LOOK_OCCURS.match(view.text, joined.end() if joined else look.end)
    if occurs is None:
        return None
    start, end = view.clause_of(look.start)
    if not CLAUSE_HEAD.search(view.text[start : look.start]):
        return None
    named = [m for m in view.of("disorder", "primary") if start <= m.start < end and not m.concept.broad]
    return None if named else occurs


PRONOUN_OPENING = re.compile(
    r"\W*(?P<technique>(?:on|in|at|with)\s+(?:[\w-]+\s+){0,4}?[\w-]+,?\s+)(?:they|it)\s+(?:are|is|appear|may|can"
    r"|tend|typically|usually|often|show|shows|demonstrate|demonstrates|have|has)\b",
    re.I,
)


def _pronoun_subject(view: SentenceView, look: Mention) -> bool:
    """Whether "they" or "it" follows the technique a sentence opens with, as the subject of a look, naming no lesion.

    "On MRI they are hyperintense" speaks of the paragraph's lesion as "They are hyperintense" does; like
    any pronoun read as the topic, its statements start low enough to wait for review.
    """
    opening = PRONOUN_OPENING.match(view.text)
    if opening is None or opening.end() > look.start or not view.same_clause(opening.end(), look.start):
        return False
    named = [m for m in view.mentions if m.end <= opening.end()]
    if not named or any(m.category not in TECHNIQUE for m in named):
        return False
    return not any(not m.concept.broad for m in view.of("disorder", "primary"))


ADJACENT_OPENING = re.compile(
    r"\W*(?:(?:on|in)\s+[^,;]{1,40},\s*)?(?:the\s+)?(?:adjacent|involved|affected|contiguous|neighbou?ring"
    r"|surrounding)\s+(?:[\w-]+\s+)?$",
    re.I,
)


def _adjacent_structure_shows(view: SentenceView, look: Mention) -> bool:
    """Whether a sentence opens with the structures next to the lesion showing the look, and names no lesion.

    "The adjacent endplates demonstrate marrow edema and enhancement" tells the paragraph's lesion's look
    as seen in the bone around it.
    """
    sites = [m for m in view.mentions if m.end <= look.start and m.category not in TECHNIQUE]
    if not sites or sites[0].category not in SITE or not ADJACENT_OPENING.fullmatch(view.text[: sites[0].start]):
        return False
    if not DESCRIBING_VERB.search(view.text[sites[0].end : look.start]):
        return False
    return not any(not m.concept.broad for m in view.of("disorder", "primary"))


DISEASED_OPENING = re.compile(
    r"\W*(?:(?:on|in)\s+[^,;]{1,40},\s*)?(?:the\s+)?(?:infected|involved|affected|diseased|infiltrated)\s+(?:[\w-]+\s+)?$",
    re.I,
)
COPULA_TO_LOOK = re.compile(
    r"[^;:]*?\b(?:is|are|becomes?|appears?|remains?)\s+(?:\w+ly\s+)?(?:[^;:,]*?\s(?:and|or)\s+(?:\w+ly\s+)?)?$", re.I
)


def _diseased_structure_is(view: SentenceView, look: Mention) -> bool:
    """Whether a sentence opens with the structure the disease has taken over, said to look some way, naming no lesion.

    "The infected marrow on both sides of the disc is hypointense on T1-weighted images" describes the
    look of the disease the paragraph is about, as seen in the tissue it involves.
    """
    named = [m for m in view.mentions if m.end <= look.start and m.category not in TECHNIQUE]
    if not named or named[0].category not in SITE or not DISEASED_OPENING.fullmatch(view.text[: named[0].start]):
        return False
    last_site = [m for m in named if m.category in SITE][-1]
    if not COPULA_TO_LOOK.fullmatch(view.text[last_site.end : look.start]) or not view.same_clause(0, look.start):
        return False
    return not any(not m.concept.broad for m in view.of("disorder", "primary"))


TYPICAL_OPENING = re.compile(
    r"\W*(?:the\s+)?(?:most\s+)?(?:characteristic|typical|classic|usual|commonest|common)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:finding|appearance|feature|pattern)s?\s+(?:is|are|includes?)\s+",
    re.I,
)


def _named_as_typical(view: SentenceView, look: Mention) -> bool:
    """Whether a sentence opens "The characteristic MRI finding is ..." and names the look right after, no lesion.

    It states the typical look of the lesion the paragraph is about.
    """
    opening = TYPICAL_OPENING.match(view.text)
    if opening is None or look.start < opening.end() or look.start - opening.end() > 40:
        return False
    return not any(m.start < look.start and not m.concept.broad for m in view.of("disorder", "primary"))


TECHNIQUE_SHOWS = re.compile(r"\b(?:show|demonstrate|reveal|depict)s?\b", re.I)


def _existential_topic(view: SentenceView, look: Mention) -> Ref | None:
    """The paragraph's lesion for a look its clause only says exists or a technique shows without naming a lesion.

    A look the clause says exists: "there may be subarachnoid nodules"; one a technique shows: "MRI and CT may
    demonstrate hydrocephalus".
    """
    start, _end = view.clause_of(look.start)
    before = view.text[start : look.start]
    if EXISTENTIAL.search(before):
        return view.anaphor_ref()
    techniques = [
        m for m in view.of("modality", "sequence", specific=False) if start <= m.start and m.end <= look.start
    ]
    shows = TECHNIQUE_SHOWS.search(before)
    if (
        techniques
        and shows
        and techniques[0].start < start + shows.start()
        and not any(not m.concept.broad for m in view.of("disorder", "primary"))
    ):
        return view.anaphor_ref()
    return None


TISSUE_OPENING = re.compile(
    r"\W*(?:(?:thus|however|normally|similarly|therefore|in contrast|in adults|in children),?\s+)?"
    r"(?:(?:on|in)\s+(?:[\w-]+\s+){0,2}?(?:images?|scans?|sequences?|radiographs?|CT|MRI)\s*,?\s+)?(?:the\s+"
    r"|normal\s+)?",
    re.I,
)
TISSUE_VERB = re.compile(r"\b(?:is|are|appears?|exhibits?|shows?|has|have|demonstrates?)\b", re.I)


def _tissue_subject(view: SentenceView, look: Mention) -> Ref | None:
    """A tissue or finding that opens a sentence about signal.

    Density or (for a finding) enhancement ("hematopoietic marrow is hypointense to fat but hyperintense to muscle",
    "marrow replacement appears hypointense on T1-weighted images"): it is what looks so. A sentence that names a lesion
    ("the vertebral body is hypointense in metastatic disease") speaks of the lesion's look, not of the tissue's own.
    """
    if look.category not in ("signal", "density", "enhancement"):
        return None
    named = [m for m in view.mentions if m.category not in TECHNIQUE]
    opening = named[0] if named else None
    if (
        opening is None
        or opening is look
        or opening.concept.generic
        or not TISSUE_OPENING.fullmatch(view.text[: opening.start])
    ):
        return None
    tissue = opening.category in SITE and not opening.concept.broad and look.category != "enhancement"
    if not tissue and opening.category != "finding":
        return None
    between = [
        m
        for m in view.mentions
        if opening.end <= m.start and m.end <= look.start and m.category in ("disorder", "primary", "finding")
    ]
    lesions = [
        m
        for m in view.of("disorder", "primary", specific=False)
        if m.start < look.start or not (m.concept.broad or m.concept.generic)
    ]
    if between or lesions or not TISSUE_VERB.search(view.text[opening.end : look.start]):
        return None
    return ref(opening)


# --- looks the lexicon does not hold as such ------------------------------------------------------


ENHANCING_VERB = re.compile(
    r"(?<![-\w])enhanc(?:e|es|ed|ing)\b(?!\s+(?:the|a|an|its|their|this|these|conspicuity|detection|visuali[sz]ation|T1"
    r"|T2|MR\w*|CT|images?|scans?|sequences?|fat|with fat)\b)(?!-)",
    re.I,
)
CONTRAST_ENHANCEMENT = Concept(
    SK.ContrastEnhancement,
    "ContrastEnhancement",
    "contrast enhancement",
    "enhancement",
    3,
    False,
    True,
    frozenset({"ContrastEnhancement", "EnhancementPattern"}),
)


def _enhancing_verbs(view: SentenceView) -> list[Mention]:
    """Enhancement written as a verb the lexicon does not hold ("many of which enhance", "it enhanced heterogeneously").

    As contrast enhancement; not "enhanced T1-weighted images" nor "enhance the conspicuity".
    """
    covered = [(m.start, m.end) for m in view.mentions]
    found = []
    for match in ENHANCING_VERB.finditer(view.text):
        if not any(s <= match.start() < e for s, e in covered):
            found.append(Mention(CONTRAST_ENHANCEMENT, match.start(), match.end(), match.group(0)))
    return found


DENSITY_WORD = re.compile(r"(?:osteo)?(lytic|blastic)|(sclerotic)", re.I)
DENSITY_CONCEPTS = {
    name: Concept(SK[name], name, label, "density", 3, False, False, frozenset({name, "CTDensity"}))
    for name, label in (("Lucency", "lucency"), ("Sclerosis", "sclerosis"))
}


def _densities_in_lesion_names(view: SentenceView) -> list[Mention]:
    """In a caption or case narrative.

    The density a lesion's name states ("a large sclerotic lesion", "lytic metastases"): the patient's lesion has that
    density. Elsewhere the name only says what kind of lesion a sentence is about.
    """
    if not (view.is_case or view.is_caption):
        return []
    found = []
    for lesion in view.of("disorder", "primary", specific=False):
        word = DENSITY_WORD.match(view.text, lesion.start)
        if word is None or word.end() >= lesion.end or not view.text[word.end()].isspace():
            continue
        name = "Lucency" if word.group(1) and word.group(1).lower() == "lytic" else "Sclerosis"
        found.append(Mention(DENSITY_CONCEPTS[name], word.start(), word.end(), word.group(0)))
    return found


DESTROY = r"(?:destroy(?:s|ed|ing)?|erod(?:e|es|ed|ing))\s+(?:the\s+)?(?:adjacent\s+)?"
# A finding written as what the lesion does to a structure, for findings the lexicon names only as nouns.
VERB_PHRASES = [
    (re.compile(DESTROY + r"posterior\s+cort(?:ex|ices)\b", re.I), "PosteriorCortexDestruction"),
    (re.compile(DESTROY + r"(?:cort(?:ex|ices)|cortical\s+bone)\b", re.I), "CorticalDestruction"),
    (
        re.compile(
            DESTROY + r"(?:bone|vertebral\s+bod(?:y|ies)|vertebrae?|pedicles?|laminae?|posterior\s+elements?)\b", re.I
        ),
        "BoneDestruction",
    ),
    (
        re.compile(r"cross(?:es|ed|ing)?\s+the\s+(?:intervertebral\s+)?discs?(?:\s+spaces?)?\b", re.I),
        "TransdiscalExtension",
    ),
    (
        re.compile(
            r"expand(?:s|ed|ing)?\s+the\s+(?:vertebral\s+bod(?:y|ies)|vertebrae?|bone|pedicles?|laminae?"
            r"|posterior\s+elements?)\b",
            re.I,
        ),
        "ExpansileLesion",
    ),
    (re.compile(r"compress(?:es|ed|ing)?\s+the\s+(?:spinal\s+)?cord\b", re.I), "CordCompression"),
    (re.compile(r"(?:compress|displac|indent)(?:e|es|ed|ing)?\s+the\s+thecal\s+sac\b", re.I), "ThecalSacCompression"),
    (re.compile(r"displac(?:e|es|ed|ing)\s+the\s+(?:spinal\s+)?cord\b", re.I), "MassEffect"),
    (
        re.compile(
            r"extend(?:s|ed|ing)?\s+(?:through|into)\s+the\s+(?:neural\s+|intervertebral\s+)?foram(?:en|ina)\b", re.I
        ),
        "ForaminalExtension",
    ),
]
VERB_PHRASED_ANCESTORS = {
    "PosteriorCortexDestruction": {"CorticalDestruction", "BoneDestruction"},
    "CorticalDestruction": {"BoneDestruction"},
    "CordCompression": {"MassEffect"},
    "ThecalSacCompression": {"MassEffect"},
}


def _verb_phrased_findings(view: SentenceView) -> list[Mention]:
    """Findings written as a verb and the structure it acts on ("tend to destroy the posterior cortex").

    "do not cross the disc space" is transdiscal extension denied, "compressing the cord" cord compression.
    Each span is read once, by its first (most specific) phrase, and never where the lexicon already
    named a finding.
    """
    covered = [(m.start, m.end) for m in view.mentions if m.category == "finding"]
    found: list[Mention] = []
    for pattern, name in VERB_PHRASES:
        for match in pattern.finditer(view.text):
            spans = covered + [(m.start, m.end) for m in found]
            if any(s < match.end() and match.start() < e for s, e in spans):
                continue
            ancestors = frozenset({name, "ImagingFinding"} | VERB_PHRASED_ANCESTORS.get(name, set()))
            concept = Concept(SK[name], name, name, "finding", 3, False, False, ancestors)
            found.append(Mention(concept, match.start(), match.end(), match.group(0)))
    return found


STATE_VERB = (
    r"\s+(?:may\s+be|can\s+be|is|are|was|were|appears?|becomes?|become)\s+(?:(?:\w+ly|often|also|sometimes)\s+)?"
)
# A structure said to be in a state that is itself a finding: "the nerve roots may be thickened".
STATED_STRUCTURES = [
    (
        re.compile(r"\b(?:spinal\s+)?nerve\s+roots?" + STATE_VERB + r"(?:thickened|enlarged|clumped|nodular)\b", re.I),
        "ThickenedNerveRoots",
    ),
    (re.compile(r"\btrabeculae" + STATE_VERB + r"(?:thickened|coarsened|coarse)\b", re.I), "ThickenedTrabeculae"),
    (
        re.compile(r"\b(?:spinal\s+)?cord" + STATE_VERB + r"(?:enlarged|expanded|widened|swollen)\b", re.I),
        "CordEnlargement",
    ),
    (re.compile(r"\bvertebral\s+bod(?:y|ies)" + STATE_VERB + r"collapsed\b", re.I), "VertebralCollapse"),
    (
        re.compile(
            r"\b(?:neural\s+|intervertebral\s+)?foram(?:en|ina)" + STATE_VERB + r"(?:widened|enlarged|expanded)\b", re.I
        ),
        "ForaminalWidening",
    ),
    (re.compile(r"\bpedicles?" + STATE_VERB + r"(?:eroded|thinned|scalloped)\b", re.I), "PedicleErosion"),
    (
        re.compile(
            r"\bend[- ]?plates?" + STATE_VERB + r"(?:(?:indistinct|irregular|ill-defined)\s+(?:or|and)\s+)?eroded\b",
            re.I,
        ),
        "EndplateErosion",
    ),
    (
        re.compile(r"\b(?:vertebral\s+)?bod(?:y|ies)\s+(?:had|has|have)\s+(?:\w+ly\s+)?collapsed\b", re.I),
        "VertebralCollapse",
    ),
    (re.compile(r"\b(?:spinal\s+)?cord" + STATE_VERB + r"(?:displaced|deviated|shifted)\b", re.I), "MassEffect"),
]
STATED_ANCESTORS = {"PedicleErosion": {"OsseousErosion"}, "EndplateErosion": {"OsseousErosion"}}


def _stated_structures(view: SentenceView) -> list[Mention]:
    """Findings told as a structure in a state ("the nerve roots may be thickened", "the cord is expanded")."""
    found = []
    for pattern, name in STATED_STRUCTURES:
        for match in pattern.finditer(view.text):
            if any(m.category == "finding" and m.start < match.end() and match.start() < m.end for m in view.mentions):
                continue
            ancestors = frozenset({name, "ImagingFinding"} | STATED_ANCESTORS.get(name, set()))
            concept = Concept(SK[name], name, name, "finding", 3, False, False, ancestors)
            found.append(Mention(concept, match.start(), match.end(), match.group(0)))
    return found


SOLITARY = re.compile(
    r"\b(?:is|are|was|were|be)\s+(?:\w+ly\s+)?(?P<word>solitary|single)(?=\s*(?:[,;.)]|but\b|and\b|or\b|in\b|at\b|$))",
    re.I,
)
SOLITARY_LESION = Concept(
    SK.SolitaryLesion,
    "SolitaryLesion",
    "solitary lesion",
    "finding",
    3,
    False,
    False,
    frozenset({"SolitaryLesion", "ImagingFinding"}),
)


def _predicative_counts(view: SentenceView) -> list[Mention]:
    """A lesion said to be single by a predicate adjective ("the deposits are usually solitary")."""
    found = []
    for match in SOLITARY.finditer(view.text):
        start, end = match.start("word"), match.end("word")
        if not any(m.start < end and start < m.end for m in view.mentions):
            found.append(Mention(SOLITARY_LESION, start, end, match.group("word")))
    return found


def is_stated_structure(look: Mention) -> bool:
    """Whether a finding was read from a structure said to be in a state, not from its name."""
    return any(pattern.fullmatch(look.text) for pattern, _name in STATED_STRUCTURES)


MODIFIER = r"(intense|avid|homogen(?:e)?ous|heterogen(?:e)?ous|mild|peripheral|patchy|diffuse|focal|variable)"
MODIFIERS_BEFORE = re.compile(rf"\b{MODIFIER}(?:ly)?\s*,?\s*(?:(?:and\s+)?{MODIFIER}(?:ly)?\s+)?$", re.I)
ADVERB_AFTER = re.compile(rf"\s+(?:and\s+)?{MODIFIER}ly\b", re.I)
SECOND_ADVERB = re.compile(rf"\s*(?:,\s*)?(?:and\s+)?{MODIFIER}ly\b", re.I)
COPULA_MODIFIER = re.compile(
    rf"\s+(?:pattern\s+)?(?:is|are|was|were|tends?\s+to\s+be|may\s+be|can\s+be)\s+(?:\w+ly\s+)?{MODIFIER}\b", re.I
)
ENHANCEMENT_OF = {
    "intense": "IntenseEnhancement",
    "avid": "AvidEnhancement",
    "homogeneous": "HomogeneousEnhancement",
    "homogenous": "HomogeneousEnhancement",
    "heterogeneous": "HeterogeneousEnhancement",
    "heterogenous": "HeterogeneousEnhancement",
    "mild": "MildEnhancement",
    "peripheral": "PeripheralEnhancement",
    "patchy": "PatchyEnhancement",
    "diffuse": "DiffuseEnhancement",
    "focal": "FocalEnhancement",
    "variable": "VariableEnhancement",
}


def _described_patterns(view: SentenceView) -> list[Mention]:
    """An upper-level enhancement noun that a copula describes ("the enhancement pattern is variable").

    Read as contrast enhancement, whose modifier then names the kind.
    """
    return [
        Mention(CONTRAST_ENHANCEMENT, m.start, m.end, m.text)
        for m in view.mentions
        if m.category == "enhancement" and m.concept.generic and COPULA_MODIFIER.match(view.text, m.end)
    ]


def _enhancement_modifiers(view: SentenceView, look: Mention, candidate: Candidate) -> list[Candidate]:
    """The kinds of enhancement its modifiers add to an enhancement.

    "intense homogeneous enhancement" is intense enhancement too, "a heterogeneous enhancing mass", "enhanced
    heterogeneously" and "enhancement is typically heterogeneous" heterogeneous.
    """
    if look.category != "enhancement":
        return []
    words = []
    before = MODIFIERS_BEFORE.search(view.text[max(0, look.start - 40) : look.start])
    if before:
        words += [w for w in before.groups() if w]
    after = ADVERB_AFTER.match(view.text, look.end) or COPULA_MODIFIER.match(view.text, look.end)
    if after:
        words.append(after.group(1))
        second = SECOND_ADVERB.match(view.text, after.end())
        if second:
            words.append(second.group(1))
    names = dict.fromkeys(ENHANCEMENT_OF[w.lower()] for w in words)
    return [
        replace(candidate, object=Ref(name), qualifiers=dict(candidate.qualifiers))
        for name in names
        if name != look.concept.name
    ]


PREFIX_RANGE = re.compile(r"\b(hypo|hyper|iso)-\s*(?:to|or|and)\s+$", re.I)
PREFIX_TERMS = {
    "signal": {"hypo": "Hypointense", "hyper": "Hyperintense", "iso": "Isointense"},
    "density": {"hypo": "Hypodense", "hyper": "Hyperdense", "iso": "Isodense"},
}


def _prefix_range(view: SentenceView, look: Mention, candidate: Candidate) -> list[Candidate]:
    """The other end of a range written with a bare prefix: "hypo- to isointense" is hypointense too."""
    prefix = PREFIX_RANGE.search(view.text[max(0, look.start - 16) : look.start])
    terms = PREFIX_TERMS.get(look.category)
    if prefix is None or terms is None:
        return []
    name = terms[prefix.group(1).lower()]
    if name == candidate.object.name:
        return []
    return [replace(candidate, object=Ref(name), qualifiers=dict(candidate.qualifiers))]


# --- looks that are not the lesion's ----------------------------------------------------------------


RIM_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:rim|halo|ring|margin|capsule|wall|border|periphery)\b", re.I)
RIM_BEFORE = re.compile(r"\b(?:rim|halo|ring|margin|capsule|wall|border)\s+of\s+(?:[\w-]+\s+){0,2}$", re.I)
AGENT_BEFORE = re.compile(
    r"\b(?:by|given|despite|representing|reflecting)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
ADJECTIVE_GAP = re.compile(
    r"[\s-]*(?:(?!(?:of|in|on|at|to|for|by|from|with|as|than|and|or|but|the|an?)\b)[a-z]+[\s-]+){0,2}"
)


# "cystic areas that did not enhance": the look is said of a part of the lesion, in a relative clause.
PART_RELATIVE = re.compile(
    r"\b(?:areas?|portions?|parts?|components?|foci|regions?|cysts?|septa|septations?)\s+(?:that"
    r"|which)\s+(?:\w+\s+){0,2}$",
    re.I,
)


# "low-signal structures within the lesion": the signal of parts inside the lesion, not of the lesion.
INTERNAL_PART_AFTER = re.compile(
    r"[\s-]*(?:[\w-]+\s+)?(?:structures?|strands?|septa|septations?|lines?|foci|spots?|dots?|struts?)\s+"
    r"(?:within|inside)\b",
    re.I,
)


# "T2 hyperintensity in the cord": a signal change of the cord (edema, myelopathy), not of the lesion.
CORD_SIGNAL = re.compile(r"\s+(?:in|within|of)\s+the\s+(?:adjacent\s+|compressed\s+)?(?:spinal\s+)?cord\b", re.I)


SIGN_APPOSITION = re.compile(r"\s*(?:,[^,;()]*|\([^()]*)")


def _defines_a_sign(view: SentenceView, look: Mention) -> bool:
    """Whether a look lies in the definition a named sign is given between commas or in brackets.

    In "the target sign, a central focus of low signal surrounded by high signal, is typical of X" the
    signals describe the sign, not X.
    """
    for sign in view.of("sign"):
        if sign.end <= look.start and SIGN_APPOSITION.fullmatch(view.text[sign.end : look.start]):
            closing = "," if view.text[sign.end :].lstrip().startswith(",") else ")"
            return closing in view.text[look.end : look.end + 120]
    return False


def _belongs_elsewhere(view: SentenceView, look: Mention) -> bool:
    """Whether a look describes something other than the sentence's lesion.

    A signal of a rim ("a surrounding hyperintense rim", "a rim of bright T2 signal") is the rim's; a
    finding after "by" or "given" is an agent or a premise ("invasion by a paraspinal mass"), one after
    "representing" what another finding is read as ("flow voids representing vessels"); a density
    word in a sentence read on MR sequences names a kind of lesion ("blastic"), not a CT density; and
    outside case narrative a look written as the adjective of another lesion ("have lytic spinal
    metastases") describes that lesion, not the subject.
    """
    before = view.text[max(0, look.start - 40) : look.start]
    if look.category in ("signal", "enhancement") and PART_RELATIVE.search(before):
        return True
    if _defines_a_sign(view, look):
        return True
    if look.category == "signal" and CORD_SIGNAL.match(view.text, look.end):
        return True
    if look.category == "signal" and INTERNAL_PART_AFTER.match(view.text, look.end):
        return True
    if look.category == "signal" and (RIM_AFTER.match(view.text, look.end) or RIM_BEFORE.search(before)):
        return True
    if look.category == "finding" and AGENT_BEFORE.search(before):
        return True
    if look.category == "finding" and MADE_OF_BEFORE.search(view.text[view.clause_of(look.start)[0] : look.start]):
        return True
    if look.category == "density" and _read_on_mr(view):
        return True
    if _subject_of_an_inference(view, look):
        return True
    if view.is_case or view.is_caption:
        return _of_another_case_lesion(view, look)
    return any(
        m.start >= look.end and ADJECTIVE_GAP.fullmatch(view.text[look.end : m.start]) and not m.concept.broad
        for m in view.of("disorder", "primary")
    )


def _subject_of_an_inference(view: SentenceView, look: Mention) -> bool:
    """Whether a look heads its clause as what a reader infers from ("so low signal alone does not indicate ...").

    Such a clause weighs what the look means; with no lesion before it in its clause, the lesion of an earlier
    clause (or what that clause named) does not have it.
    """
    if not INFERENCE_AFTER.match(view.text, look.end):
        return False
    start, _end = view.clause_of(look.start)
    return not any(start <= m.start < look.start for m in view.of("disorder", "primary", specific=False))


# A look followed by a verb of inference: "low signal alone does not indicate", "enhancement on T1-weighted images
# suggests".
INFERENCE_AFTER = re.compile(
    r"\s+(?:on\s+(?:[\w-]+\s+){1,2}?(?:images?|sequences?|scans?)\s+)?(?:(?:alone|itself|only|by\s+itself)\s+)?"
    r"(?:(?:does|do|did)\s+not\s+|may\s+|can\s+|often\s+|usually\s+)?"
    r"(?:indicates?|suggests?|impl(?:y|ies)|means?|points?\s+to|favou?rs?)\b",
    re.I,
)


# What a lesion "consists of" or "is interspersed with" is its make-up under the microscope (a definition
# rule reads it), not a look on images.
MADE_OF_BEFORE = re.compile(
    r"\b(?:(?:made\s+up|composed|consists?|consisting)\s+of|interspersed\s+with)\b[^;:.]*$", re.I
)


LESION_WITH = re.compile(r"\s+with\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
WEIGHED_DIAGNOSES = re.compile(
    r"\bdifferential\s+diagnos[ie]s\s+(?:included|includes|was|were|of)\b|\bwas\s+considered\b", re.I
)


def _of_another_case_lesion(view: SentenceView, look: Mention) -> bool:
    """In case narrative, whether a look is written "with" a lesion other than the patient's.

    "The differential diagnosis included an osteoblastoma with secondary cystic change": the change is the
    osteoblastoma's, a diagnosis weighed, not the patient's lesion's, whether or not the lexicon knows it.
    """
    weighed = WEIGHED_DIAGNOSES.search(view.text[: look.start])
    if weighed and LESION_WITH.search(view.text[weighed.end() : look.start]):
        return True
    case_lesion = view.case_lesion
    for lesion in view.of("disorder", "primary"):
        if lesion.end <= look.start and LESION_WITH.fullmatch(view.text[lesion.end : look.start]):
            own = case_lesion is not None and (
                lesion.concept.name == case_lesion.name or lesion.concept.name in case_lesion.ancestors
            )
            return not (own or lesion.concept.broad)
    return False


def _read_on_mr(view: SentenceView) -> bool:
    """Whether a sentence names MR sequences and no modality that shows density (CT, radiographs)."""
    if not (view.of("sequence") or SEQUENCE_SHORTHAND.search(view.text)):
        return False
    return not any("MRI" not in m.concept.ancestors and "MRI" != m.concept.name for m in view.of("modality"))


def _without_conflicts(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates less any hyper- and hypointense pair said of one lesion on one sequence."""
    signals: dict[tuple, set[str]] = {}
    for c in candidates:
        if c.predicate == "hasSignal" and c.object is not None:
            signals.setdefault(_signal_key(c), set()).add(c.object.name)
    clashing = {key for key, names in signals.items() if {"Hyperintense", "Hypointense"} <= names}
    return [c for c in candidates if not (c.predicate == "hasSignal" and _signal_key(c) in clashing)]


def _signal_key(candidate: Candidate) -> tuple:
    """What two signals must share to clash: the subject and the sequence."""
    sequence = candidate.qualifiers.get("sequence")
    return candidate.subject.name, sequence.name if isinstance(sequence, Ref) else None


# --- the technique a look is seen on --------------------------------------------------------------


DEFAULT_MODALITY = {"signal": "MRI", "density": "CT"}


def technique_fallback(view: SentenceView, category: str, qualifiers: dict) -> dict:
    """A sequence or modality for an appearance whose sentence names none.

    A technique named elsewhere in the sentence ("T1-weighted image shows several lesions, some of which
    enhance"), else the technique named last before the sentence in its section (a caption's
    "T2-weighted image shows ..." or the paragraph's "On MRI ...") is the one the finding is seen on;
    failing that, a signal intensity is by definition an MR finding, a density a CT one, and an
    enhancement after gadolinium an MR one. The graph requires one of them for every appearance statement.
    Case narrative that tells an operation and names no technique ("the tumour was removed with its
    dural base") tells what the surgeon saw, so it borrows none.
    """
    if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
        return {}
    named = view.of("sequence", "modality")
    if named:
        return {"sequence" if named[0].category == "sequence" else "modality": ref(named[0])}
    if view.is_case and view.of("treatment"):
        return {}
    context = view.context_technique
    if context is not None:
        return {"sequence" if context.category == "sequence" else "modality": ref(context)}
    if category in DEFAULT_MODALITY:
        return {"modality": Ref(DEFAULT_MODALITY[category])}
    if category == "enhancement" and re.search(r"\bgadolinium\b|\bgadobutrol\b|\bgadopentetate\b", view.text, re.I):
        return {"modality": Ref("MRI")}
    return {}


SEQUENCE_JOIN = re.compile(r"-?\s*(?:\([^()]{1,12}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)", re.I)


def sequences_near(view: SentenceView, look: Mention) -> list[Ref]:
    """Every sequence a look is read on.

    The one :func:`sequence_near` finds, with the sequences coordinated with it ("T1-weighted (b) and T2-weighted (c)
    images show ...").
    """
    chosen = sequence_near(view, look)
    if chosen is None:
        return []
    start, end = view.clause_of(look.start)
    sequences = [m for m in view.of("sequence") if start <= m.start < end]
    at = next((k for k, m in enumerate(sequences) if m.concept.name == chosen.name), None)
    if at is None:
        return [chosen]
    group = [sequences[at]]
    for k in range(at - 1, -1, -1):
        if not SEQUENCE_JOIN.fullmatch(view.text[sequences[k].end : group[0].start]):
            break
        group.insert(0, sequences[k])
    for k in range(at + 1, len(sequences)):
        if not SEQUENCE_JOIN.fullmatch(view.text[group[-1].end : sequences[k].start]):
            break
        group.append(sequences[k])
    names = list(dict.fromkeys(m.concept.name for m in group))
    return [ref(next(m for m in group if m.concept.name == name)) for name in names]


def sequence_near(view: SentenceView, look: Mention) -> Ref | None:
    """The MR sequence a signal is read on.

    The one written right before it ("T2 hyperintense"), else the nearest one after it in the clause ("on T1W", "on T2"
    even when the lexicon misses the shorthand), else the one before it.
    """
    start, end = view.clause_of(look.start)
    adjacent = ADJACENT_SEQUENCE.search(view.text[max(start, look.start - 16) : look.start])
    if adjacent:
        return Ref(f"T{adjacent.group(1)}Weighted")
    sequences = [m for m in view.of("sequence") if start <= m.start < end]
    following = [m for m in sequences if m.start >= look.end and m.start - look.end <= 40]
    if following:
        return ref(following[0])
    shorthand_after = SHORTHAND_AFTER.match(view.text, look.end)
    if shorthand_after and shorthand_after.end() <= end:
        return Ref(f"T{shorthand_after.group(1)}Weighted")
    preceding = [m for m in sequences if m.end <= look.start]
    if preceding:
        return ref(preceding[-1])
    window_start = max(start, look.start - 12)
    for shorthand in SEQUENCE_SHORTHAND.finditer(view.text, window_start, min(end, look.end + 16)):
        if not any(level.start <= shorthand.start() < level.end for level in view.levels):
            return Ref(f"T{shorthand.group(1)}Weighted")
    return None


def modality_near(view: SentenceView, look: Mention) -> Ref | None:
    """The imaging modality named in the same clause, if any."""
    start, end = view.clause_of(look.start)
    modalities = [m for m in view.of("modality") if start <= m.start < end]
    return ref(modalities[0]) if modalities else None


def _figure_near(view: SentenceView, look: Mention) -> str | None:
    """The figure cited right after a finding ("(Figure 2)"), if any."""
    match = re.match(r"[^()]{0,40}?\(\s*Fig(?:ure)?s?\.?\s*(\d+[A-Za-z]?)", view.text[look.end :])
    return match.group(1) if match else None


def _reference_tissue(view: SentenceView, look: Mention) -> Ref | None:
    """The tissue a signal or density is compared with ("relative to muscle", "compared with disc")."""
    tail = view.text[look.end : look.end + 40]
    match = re.search(
        r"\b(?:relative to|compared (?:with|to)|than|to)\s+(?:the\s+)?(?P<adjective>(?:normal\s+|adjacent\s+)?)", tail
    )
    if not match:
        return _fronted_reference(view, look)
    starts = {look.end + match.start("adjective"), look.end + match.end()}
    tissue = [m for m in view.mentions if m.start in starts and m.category in SITE]
    return ref(tissue[0]) if tissue else None


FRONTED_REFERENCE = re.compile(
    r"\W*(?:compared\s+(?:with|to)|relative\s+to|in\s+comparison\s+(?:with|to))\s+(?:the\s+)?(?:normal\s+"
    r"|adjacent\s+)?",
    re.I,
)


def _fronted_reference(view: SentenceView, look: Mention) -> Ref | None:
    """The tissue a sentence opens by comparing with.

    "Compared with the spinal cord, the mass was isointense on T1 and hyperintense on T2" (a reference for every signal
    the sentence gives).
    """
    if look.category not in ("signal", "density"):
        return None
    opening = FRONTED_REFERENCE.match(view.text)
    if opening is None:
        return None
    tissue = [m for m in view.mentions if m.start == opening.end() and m.category in SITE and m.end < look.start]
    return ref(tissue[0]) if tissue else None


NO_BEFORE = re.compile(r"\b(?:no|without)\s+$", re.I)
# Findings case imaging tells as a clause about a structure rather than by their name.
PHRASED_IMAGING = [
    (
        re.compile(r"\bcort(?:ex|ices|ical\s+bone)\s+(?:was|were|remained|appeared)\s+(?:\w+\s+)?intact\b", re.I),
        "CorticalDestruction",
        True,
    ),
    (
        re.compile(
            r"\b(?:vertebra|vertebrae|vertebral\s+bod(?:y|ies))\s+(?:had|has|was|were"
            r"|did)\s+not\s+(?:\w+\s+)?collaps\w*",
            re.I,
        ),
        "VertebralCollapse",
        True,
    ),
    (
        re.compile(
            r"\bdiscs?\s+(?:\w+\s+){0,2}?(?:kept|retained|maintained|preserved)\s+(?:their|its)\s+(?:normal\s+)?height"
            r"|\b(?:preserved|normal|maintained)\s+disc\s+heights?\b"
            r"|\bdisc\s+(?:height|spaces?)\s+(?:was|were)\s+(?:\w+\s+)?(?:preserved|maintained|normal)\b",
            re.I,
        ),
        "LossOfDiscHeight",
        True,
    ),
    (
        re.compile(r"\bmarrow\s+(?:was|were|appeared)\s+diffusely\s+(?:replaced|infiltrated)\b", re.I),
        "DiffuseMarrowInfiltration",
        False,
    ),
    (
        re.compile(r"\bmarrow\s+(?:was|were|appeared)\s+(?:\w+\s+)?(?:replaced|infiltrated)\b", re.I),
        "MarrowReplacement",
        False,
    ),
    (
        re.compile(
            r"\bdestr(?:uction|oyed)\s+(?:of\s+)?(?:the\s+)?(?:[CTLS]\d{1,2}\s+)?"
            r"(?:vertebral\s+bod(?:y|ies)|vertebrae?|pedicles?|laminae?|posterior\s+elements?|bone|cortex)\b",
            re.I,
        ),
        "BoneDestruction",
        False,
    ),
    (
        re.compile(
            r"\b(?:vertebral\s+bod(?:y|ies)|vertebrae?|pedicles?|laminae?|posterior\s+elements?|cortex)\s+(?:was"
            r"|were)\s+not\s+"
            r"(?:\w+\s+)?(?:destroyed|eroded)\b",
            re.I,
        ),
        "BoneDestruction",
        True,
    ),
    (
        re.compile(
            r"\b(?:vertebral\s+bod(?:y|ies)|vertebrae?|pedicles?|laminae?|posterior\s+elements?|cortex)\s+(?:was"
            r"|were)\s+"
            r"(?:(?!not\b)\w+\s+)?(?:destroyed|eroded)\b",
            re.I,
        ),
        "BoneDestruction",
        False,
    ),
    (
        re.compile(
            r"\bcort(?:ex|ices|ical\s+(?:shell|bone|rim|margin))\s+(?:that\s+|which\s+)?(?:was|were|is|are|had\s+been)\s+"
            r"(?:\w+ly\s+)?(?P<no>not\s+)?(?:broken|breached|disrupted|interrupted|perforated)\b",
            re.I,
        ),
        "CorticalBreak",
        False,
    ),
    (
        re.compile(
            r"\b(?:(?:spinal\s+)?cord|conus(?:\s+medullaris)?|cauda\s+equina(?:\s+roots)?|nerve\s+roots|thecal\s+sac)\s+"
            r"(?:was|were|appeared)\s+(?:\w+ly\s+)?(?:[a-z]+\s+and\s+)?(?P<no>not\s+)?"
            r"(?:displaced|pushed|deviated|shifted)\b",
            re.I,
        ),
        "MassEffect",
        False,
    ),
    (
        re.compile(r"\bno\s+other\s+(?:lesions?|foci|sites?\s+of\s+(?:disease|involvement))\b", re.I),
        "SolitaryLesion",
        False,
    ),
    (
        re.compile(
            r"\bdisplac\w*\s+(?:the\s+)?(?:spinal\s+)?(?:cord|thecal\s+sac|conus(?:\s+medullaris)?|cauda\s+equina)\b",
            re.I,
        ),
        "MassEffect",
        False,
    ),
    (
        re.compile(
            r"\bcord\s+(?:was|were|showed|contained|had)\s+(?:(?!no\b)\w+\s+){0,4}?(?P<no>no\s+)?(?:o?edema"
            r"|swelling)\b",
            re.I,
        ),
        "CordEdema",
        False,
    ),
]
PET_UPTAKE = re.compile(
    r"\b(?:intense|increased|avid|marked|high|strong)\s+(?:FDG\s+|tracer\s+|radiotracer\s+)?(?:uptake|avidity)\b", re.I
)
PET_WORD = re.compile(r"\bPET\b|\bFDG\b", re.I)


@rule("appearance.phrased_finding", "imaging_appearance", 0.8, case_only=True)
def appearance_phrased_finding(view: SentenceView) -> Iterable[Candidate]:
    """Case imaging findings told as a clause rather than by name.

    "the cortex was intact" (no cortical destruction), "a cortical shell that was broken" (a cortical break),
    "the cord was pushed to the left" (mass effect), "the vertebra had not collapsed", "the discs kept their normal
    height" (no loss of disc height), "the marrow was diffusely replaced", "no other lesion", "displacing the cord"
    (mass effect), "the cord contained no edema", "destruction of the T2 vertebral body", and intense uptake on a PET
    scan (increased glucose metabolism). A caption says them of its own figure's lesion.
    """
    if view.case_lesion is None:
        return
    lesion = view.case_lesion_ref
    modality = next((ref(m) for m in view.of("modality")), None)
    qualifiers = {"modality": modality} if modality is not None else {}
    said: set[str] = set()
    for pattern, name, denies in PHRASED_IMAGING:
        for match in pattern.finditer(view.text):
            parent_said = name == "MarrowReplacement" and "DiffuseMarrowInfiltration" in said
            if parent_said:
                continue
            said.add(name)
            negated = denies or bool(match.groupdict().get("no")) or bool(NO_BEFORE.search(view.text, 0, match.start()))
            yield Candidate(
                "imaging_appearance",
                lesion,
                "hasImagingFinding",
                Ref(name),
                negated=negated,
                qualifiers=dict(qualifiers),
                span=(match.start(), match.end()),
            )
    if PET_WORD.search(view.text):
        for match in PET_UPTAKE.finditer(view.text):
            yield Candidate(
                "imaging_appearance",
                lesion,
                "hasImagingFinding",
                Ref("IncreasedGlucoseMetabolism"),
                qualifiers=dict(qualifiers),
                span=(match.start(), match.end()),
            )


FRACTURE = "VertebralCompressionFracture"


@rule("appearance.case_fracture", "imaging_appearance", 0.8, case_only=True)
def appearance_case_fracture(view: SentenceView) -> Iterable[Candidate]:
    """A vertebral fracture the case's imaging shows is a finding of the case lesion.

    For example "radiography showed a compression fracture of L2" in a myeloma case, unless the case lesion is
    itself the fracture. Only a sentence that names an imaging technique is read so, and only in a case report: a
    review's figure may show a fracture beside its lesion.
    """
    if view.case_lesion is None or view.case_lesion_name != "case:lesion":
        return
    if FRACTURE in view.case_lesion.ancestors or view.case_lesion.name == FRACTURE:
        return
    modalities = view.of("modality", "sequence")
    if not modalities:
        return
    lesion = view.case_lesion_ref
    for fracture in view.of("disorder", specific=False):
        if FRACTURE in fracture.concept.ancestors or fracture.concept.name == FRACTURE:
            yield Candidate(
                "imaging_appearance",
                lesion,
                "hasImagingFinding",
                ref(fracture),
                negated=view.is_negated(fracture),
                qualifiers={"modality": ref(modalities[0])},
                span=span_of(fracture.start, fracture),
            )


NORMAL_SEQUENCE = re.compile(
    r"\s*(?:images?|sequences?|imaging|signal)?\s*(?:are|is|may\s+be|can\s+be|will\s+be|remains?|appears?)\s+"
    r"(?:(?:\w+ly|often|also)\s+)?normal\b",
    re.I,
)


@rule("appearance.normal_sequence", "imaging_appearance", EXISTENTIAL_RELIABILITY, general_only=True)
def appearance_normal_sequence(view: SentenceView) -> Iterable[Candidate]:
    """A sequence said to look normal in a paragraph about one lesion: the lesion is isointense on it.

    "T1-weighted images are usually normal" says the lesion does not stand out from the tissue around it.
    Only a sentence that opens with the sequence and names no lesion.
    """
    sequences = view.of("sequence")
    if not sequences or not re.fullmatch(r"\W*(?:(?:the|on)\s+)?", view.text[: sequences[0].start], re.I):
        return
    normal = NORMAL_SEQUENCE.match(view.text, sequences[0].end)
    if normal is None or view.of("disorder", "primary", specific=False):
        return
    topic = view.anaphor_ref()
    if topic is None:
        return
    yield Candidate(
        "imaging_appearance",
        topic,
        "hasSignal",
        Ref("Isointense"),
        hedge=view.hedge(sequences[0].start, normal.end()),
        negated=bool(re.search(r"\bnot\b|\bnever\b", view.text[sequences[0].end : normal.end()], re.I)),
        qualifiers={"sequence": ref(sequences[0])},
        span=(sequences[0].start, normal.end()),
    )
