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
    """A lesion that causes a condition: "can cause acute spinal cord compression".

    The cause is the lesion a participle or relative clause hangs on ("a metastasis causing ...", "lesions that may
    result in ..."), else the one the clause opens with; the effects are the first after the cue and those coordinated
    with it. A figure caption shows one patient's lesion, which the appearance rules describe instead.
    """
    if view.is_caption:
        return
    named_causes = [m.span() for m in CAUSE_OF.finditer(view.text)]
    for cue in cues(
        view,
        r"\b(?:caus(?!ed\s+by)\w*|lead\w* to|result\w* in|produc(?!ed\s+by)\w*|give\w* rise to|responsible for"
        r"|predispos\w* to)\b",
    ):
        if any(a <= cue.start() < b for a, b in named_causes):
            continue
        head = _participle_head(view, cue)
        if head is not None and (head.concept.broad or head.concept.generic):
            continue
        link = _chained_effect(view, cue)
        subject = (
            ref(head)
            if head
            else ref(link)
            if link
            else _relative_antecedent(view, cue.start())
            or _process_before(view, cue)
            or view.subject_before(cue.start(), categories=LESION + ("finding", "process"))
        )
        if subject is None:
            continue
        hedged = re.search(
            r"\b(?:can|may|might|could)\b", view.text[max(0, cue.start() - 16) : cue.start()], re.I
        ) or cue.group(0).lower().startswith("predispos")
        for effect in _coordinated(
            view, after_in_clause(view, cue.end(), LESION + ("clinical", "complication", "finding", "process"), stop=())
        )[:3]:
            if (
                effect.concept.name == subject.name
                or effect.concept.broad
                or is_primary(effect)
                or _primary_and_its_metastasis(subject, effect)
            ):
                continue
            symptom_of_lesion = effect.category == "clinical" and not _names_finding(subject)
            kind = "clinical_feature" if symptom_of_lesion else "mechanism"
            predicate = "presentsWith" if symptom_of_lesion else "canCause" if hedged else "causes"
            yield simple(view, kind, subject, predicate, effect, cue.start())
        for compression in _compressions(view, cue.end()):
            yield replace(compression, subject=subject, predicate="canCause" if hedged else "causes")


VERB_LEAD = re.compile(
    r"\s*(?:(?:can|may|might|could|will|often|usually|frequently|then|in\s+turn|eventually|directly)\s+){0,3}", re.I
)


def _process_before(view: SentenceView, cue: re.Match) -> Ref | None:
    """A process or finding written right before the cause verb, as that verb's own subject.

    "..., and venous hypertension causes cord edema". In a chain of causes each link's cause is the noun just before its
    verb, not the lesion the clause began with. A lesion there is left to the usual subject search, which knows
    "metastases of breast cancer cause ..." means the metastases. A participle ("a soft tissue mass causing ...")
    describes the lesion instead, so it is left to that search too.
    """
    if cue.group(0).lower().endswith("ing"):
        return None
    position = cue.start()
    before = [m for m in view.mentions if m.end <= position]
    if not before or before[-1].category not in ("process", "finding") or before[-1].concept.broad:
        return None
    return ref(before[-1]) if VERB_LEAD.fullmatch(view.text[before[-1].end : position]) else None


COORDINATION = re.compile(
    r"\s*,?\s*(?:(?:and|or|and/or|as\s+well\s+as)\b\s*)?(?:,?\s*(?:rarely|occasionally|sometimes|less\s+commonly"
    r"|more\s+rarely|even|also|particularly|especially)\s*,?\s*)?(?:(?:the|in|to)\s+)?",
    re.I,
)


def _names_finding(subject: Ref) -> bool:
    """Whether a cause is a finding or a condition rather than a lesion ("vertebral collapse", "cord compression").

    A symptom it leads to is its effect, not a presentation of a disease.
    """
    concept = subject.concept
    return concept is not None and (concept.category == "finding" or "Lesion" not in concept.ancestors)


def _coordinated(view: SentenceView, effects: list[Mention]) -> list[Mention]:
    """The effects of one cause: the first after the cue and those joined to it by a comma, "and" or "or".

    So that "produces osteoclast stimulation for bone resorption" has one effect, not two.
    """
    chain = effects[:1]
    for effect in effects[1:]:
        if not COORDINATION.fullmatch(view.text[chain[-1].end : effect.start]):
            break
        chain.append(effect)
    return chain


def _participle_head(view: SentenceView, cue: re.Match) -> Mention | None:
    """The lesion a participle cue hangs on: the lesion just before "causing" is what causes, however general it is.

    For example "a metastasis causing cord compression", "lesions causing cord compression". A finding there ("a soft
    tissue mass causing ...") describes a lesion, which the usual subject search finds.
    """
    if not re.match(r"(?:causing|leading|resulting|producing)\b", cue.group(0), re.I):
        return None
    before = [m for m in view.mentions if m.category in LESION and m.end <= cue.start()]
    return before[-1] if before and re.fullmatch(r"\s*", view.text[before[-1].end : cue.start()]) else None


EFFECT_VERB = re.compile(r"\b(?:have|has|had|exert\w*|produc\w*|caus\w*|lead\w*\s+to|result\w*\s+in)\s+", re.I)
SITE_PHRASE = re.compile(r"\s*(?:(?:in|on|of|upon|within)\s+(?:the\s+)?(?:[\w-]+\s+){0,2})?", re.I)


def _chained_effect(view: SentenceView, cue: re.Match) -> Mention | None:
    """An effect that a participle goes on from, as the next link of a chain of causes.

    "the tumour may have mass effect on the cord leading to neurologic deterioration": the mass effect, itself what
    the tumour has, is what leads to the deterioration. The finding must follow a verb of having or causing in the
    clause without an article, as an effect does ("have mass effect"), so that a finding that names a part of the
    lesion ("have a soft tissue component causing ...") is left to the subject search.
    """
    if not re.match(r"(?:causing|leading|resulting|producing)\b", cue.group(0), re.I):
        return None
    start, _end = view.clause_of(cue.start())
    before = [m for m in view.mentions if start <= m.start and m.end <= cue.start() and m.category != "site"]
    if not before or before[-1].category not in ("finding", "process") or before[-1].concept.generic:
        return None
    finding = before[-1]
    verb = EFFECT_VERB.search(view.text, start, finding.start)
    gap = view.text[finding.end : cue.start()]
    sites_only = all(m.category == "site" for m in view.mentions if finding.end <= m.start < cue.start())
    if verb is None or not re.fullmatch(
        r"(?!(?:an?|the)\s)(?:[\w-]+\s+)?", view.text[verb.end() : finding.start], re.I
    ):
        return None
    return finding if sites_only and SITE_PHRASE.fullmatch(gap) else None


RELATIVE_PRONOUN = re.compile(
    r"\b(?:that|which)\s+(?:(?:can|may|might|could|will|often|usually|frequently)\s+){0,2}$", re.I
)
COMPRESSION_CUE = re.compile(r"\b(?:compression|impingement)\s+(?:of|on|upon)\s+(?:the\s+)?", re.I)


def _relative_antecedent(view: SentenceView, position: int) -> Ref | None:
    """The lesion a relative clause is about.

    "extradural lesions that may result in ..." is about the lesion just before "that", not the first lesion of the
    sentence.
    """
    pronoun = RELATIVE_PRONOUN.search(view.text[:position])
    if pronoun is None:
        return None
    relative = pronoun.start()
    before = [m for m in view.of(*LESION) if m.end <= relative and not m.concept.broad]
    close = [m for m in before if re.fullmatch(r"\s*(?:\([^)]*\))?\s*,?\s*", view.text[m.end : relative])]
    return ref(close[-1]) if close else None


def _compressions(view: SentenceView, position: int) -> list[Candidate]:
    """The compressions a cause leads to when the text names the structure, not the condition.

    "compression of the spinal cord or cauda equina" is spinal cord compression and cauda equina compression (the
    ontology names each compression after its structure; a structure without one is left out). When the recogniser
    already read the first ("compression of the spinal cord"), the list goes on after it.
    """
    cue = COMPRESSION_CUE.search(view.text, position)
    if cue is None or not view.same_clause(position, cue.start()) or cue.start() - position > 40:
        return []
    named = [m for m in view.mentions if m.start == cue.start() and m.end > cue.end()]
    found, previous_end = [], named[0].end if named else cue.end()
    for site in view.of("site"):
        if site.start < previous_end:
            continue
        if not re.fullmatch(r"\s*(?:(?:,|and|or|and/or)\s*)?(?:the\s+)?", view.text[previous_end : site.start], re.I):
            break
        found.append(
            Candidate(
                "mechanism",
                Ref(""),
                "causes",
                Ref(f"{site.concept.name}Compression"),
                span=(position, site.end),
                hedge=view.hedge(position, site.end),
            )
        )
        previous_end = site.end
    return found


def _primary_and_its_metastasis(subject: Ref, effect: Mention) -> bool:
    """Whether a primary tumour is said to cause a metastasis.

    The kind of its spread, which :func:`metastasis_primary_has_type` states, not a mechanism.
    """
    return (
        is_metastasis(effect)
        and subject.concept is not None
        and bool(subject.concept.ancestors & {"PrimaryTumour", "Carcinoma", "MalignantNeoplasm"})
        and "Metastasis" not in subject.concept.ancestors
    )


@rule("mechanism.caused_by", "mechanism", 0.75, general_only=True)
def mechanism_caused_by(view: SentenceView) -> Iterable[Candidate]:
    """A finding or complication and the lesion behind it, in the passive.

    "cord compression is often caused by epidural metastasis", "a pathologic fracture secondary to a lytic metastasis",
    "radiculopathy because of compression of nerve roots". A cause named after an earlier cue ("bone destruction,
    secondary to metastases, is caused by ...") is no effect of the next one; a cause put first ("Due to X, ...") is
    read by :func:`_fronted_cause`.
    """
    if view.is_caption:
        return
    found = cues(
        view, r"\b(?:caused\s+by|due\s+to|secondary\s+to|result(?:ing|s)?\s+from|produced\s+by|because\s+of)\b"
    )
    for cue in found:
        effects = _effects_before(view, cue, found)
        if not effects:
            yield from _fronted_cause(view, cue)
            continue
        hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[effects[-1].end : cue.start()], re.I)
        predicate = "canCause" if hedged else "causes"
        causes = after_in_clause(
            view, cue.end(), LESION + CAUSING_ACTS + ("process", "histology", "route", "finding"), stop=()
        )[:1]
        if causes and causes[0].category == "route":
            yield from _spread_route(view, effects[-1], causes[0], cue)
            continue
        if causes and causes[0].category in CAUSING_ACTS and "Neoplasm" in effects[-1].concept.ancestors:
            continue
        if causes and causes[0].start - cue.end() <= 30 and causes[0].concept.name != effects[-1].concept.name:
            if is_metastasis(effects[-1]) and is_primary(causes[0]):
                continue
            candidate = simple(view, "mechanism", ref(causes[0]), predicate, effects[-1], effects[-1].start)
            yield replace(candidate, negated=view.is_negated(effects[-1]) or view.is_negated(causes[0]))
        elif not causes or causes[0].start - cue.end() > 30:
            for compression in _compressions(view, cue.end()):
                yield replace(
                    compression,
                    subject=compression.object,
                    predicate=predicate,
                    object=ref(effects[-1]),
                    span=(effects[-1].start, compression.span[1]),
                )


# Acts that can cause a disorder: "epidural hematoma caused by surgery", "an infection secondary to a biopsy". No act
# causes a tumour: "metastases caused by embolization of tumour cells" names a process the recogniser reads as a
# treatment.
CAUSING_ACTS = ("treatment", "procedure")


def _spread_route(view: SentenceView, effect: Mention, route: Mention, cue: re.Match) -> Iterable[Candidate]:
    """A lesion that results from a route of spread spreads by that route.

    "Epidural abscess usually results from hematogenous spread of infection": the route is how the abscess arises.
    """
    if effect.category in LESION and route.start - cue.end() <= 30 and not route.concept.generic:
        candidate = simple(view, "mechanism", ref(effect), "spreadsVia", route, effect.start)
        yield replace(candidate, negated=view.is_negated(effect))


def _effects_before(view: SentenceView, cue: re.Match, found: list[re.Match]) -> list[Mention]:
    """The effects a passive cause cue may follow in its clause, without the causes earlier cues named."""
    start, _end = view.clause_of(cue.start())
    causes_named = [(c.end(), c.end() + 30) for c in found if c.end() <= cue.start()]
    return [
        m
        for m in view.of(*LESION, "finding", "complication", "clinical", "enhancement")
        if start <= m.start
        and m.end <= cue.start()
        and (not m.concept.broad or m.category == "finding")
        and not any(a <= m.start < b for a, b in causes_named)
    ]


FRONTED = re.compile(r"^\W*(?:due\s+to|because\s+of|owing\s+to|as\s+a\s+result\s+of|secondary\s+to)\s+", re.I)


def _fronted_cause(view: SentenceView, cue: re.Match) -> Iterable[Candidate]:
    """A cause put first: "Due to its extreme vascularity, the risk of hemorrhage is high".

    The cause stands between the cue and the comma, the effect is the first complication or finding after the comma.
    """
    fronted = FRONTED.match(view.text)
    if fronted is None or fronted.start(0) > cue.start() or fronted.end() < cue.end():
        return
    comma = view.text.find(",", cue.end())
    if comma == -1:
        return
    causes = [
        m
        for m in view.mentions
        if cue.end() <= m.start
        and m.end <= comma
        and m.category in LESION + ("finding", "process", "histology")
        and not m.concept.generic
    ]
    effects = [
        m
        for m in view.of("complication", "clinical", "finding", "disorder")
        if m.start > comma and view.same_clause(m.start, comma + 1)
    ]
    if causes and effects and causes[-1].concept.name != effects[0].concept.name:
        hedged = re.search(r"\b(?:risk|can|may|might|could)\b", view.text[comma : effects[0].start], re.I)
        yield simple(
            view, "mechanism", ref(causes[-1]), "canCause" if hedged else "causes", effects[0], causes[-1].start
        )


@rule("clinical.presents_with", "clinical_feature", 0.75, general_only=True)
def clinical_presents_with(view: SentenceView) -> Iterable[Candidate]:
    """A lesion's symptoms: "vertebral hemangioma is asymptomatic", "presents with back pain".

    A neurologic syndrome counts as well when the clause says the lesion presents with it ("presents with
    myelopathy or cauda equina syndrome"). Not in a clause that reads an image ("on T2-weighted images the lesion is
    thin"): what a sequence or modality shows is the lesion's appearance, not how the patient presents.
    """
    for feature in view.of("clinical") + _presenting_syndromes(view):
        start, _end = view.clause_of(feature.start)
        if any(start <= m.start < feature.start for m in view.of("sequence", "modality")):
            continue
        usual = _named_as_usual_symptom(view, start, feature)
        if usual is not None:
            yield usual
            continue
        before = view.text[start : feature.start]
        if not re.search(r"\b(?:present\w*|manifest\w*|is|are|becom\w*|with|cause\w*|includ\w*)\b", before, re.I):
            continue
        if INDICATION_BEFORE.search(before):
            continue
        subject = (
            _symptoms_of_topic(view, start, feature.start)
            or view.subject_before(feature.start)
            or _patients_of_topic(view, start, feature.start)
        )
        if subject is not None:
            yield simple(view, "clinical_feature", subject, "presentsWith", feature, feature.start)


SYMPTOM_OPENING = re.compile(
    r"\W*(?:the\s+)?(?:(?:most\s+)?(?:common(?:est)?|frequent|usual|typical|main|cardinal|initial|presenting|first|"
    r"leading)\s+)?(?:clinical\s+|presenting\s+|neurologic(?:al)?\s+)?(?:symptoms?|signs?|complaints?|features"
    r"|presentations?|manifestations?|findings)\s+(?:(?:include|includes|included|are|is|was|were|consists?\s+of"
    r"|comprises?)\b|[^,;]{0,40}?,\s+with\b)",
    re.I,
)


# "surgery is reserved for ... a progressing neurological deficit": a symptom that calls for a treatment.
INDICATION_BEFORE = re.compile(r"\b(?:reserved|indicated|recommended|required|needed)\s+(?:for|in|when)\b[^.;]*$", re.I)
SYMPTOM_HEAD = re.compile(r"\W*(?:the\s+)?(?:[\w-]+\s+)?")
USUAL_SYMPTOM_AFTER = re.compile(
    r"\s+(?:is|are|remains?)\s+(?:the|a)\s+(?:most\s+)?(?:usual|common(?:est)?|frequent|typical|main|cardinal|initial"
    r"|first|leading|dominant|presenting)\s+(?:(?:presenting|clinical|initial)\s+)?(?:symptom|complaint|presentation"
    r"|feature|manifestation)s?\b",
    re.I,
)


def _named_as_usual_symptom(view: SentenceView, start: int, feature: Mention) -> Candidate | None:
    """A symptom heading its clause that is called the usual presenting complaint: the paragraph's lesion presents so.

    "Back pain is the usual presenting complaint", "Radicular pain is the commonest symptom".
    """
    if view.is_case or view.is_caption or not SYMPTOM_HEAD.fullmatch(view.text[start : feature.start]):
        return None
    named = USUAL_SYMPTOM_AFTER.match(view.text, feature.end)
    topic = view.anaphor_ref()
    if named is None or topic is None or any(m.start < feature.start for m in view.of(*LESION)):
        return None
    subject = replace(topic, written=view.text[feature.start : named.end()])
    candidate = simple(view, "clinical_feature", subject, "presentsWith", feature, feature.start)
    return replace(candidate, hedge=view.hedge(feature.start, named.end()), span=(feature.start, feature.end))


def _symptoms_of_topic(view: SentenceView, start: int, position: int) -> Ref | None:
    """The topic, for a clause that opens with the symptoms themselves: "Symptoms include back pain and weakness".

    "The most common symptom is back pain", "Clinical presentation is insidious, with gait disturbance". Such a clause
    names no disease because it is about the one the text discusses, and its noun says so.
    """
    if view.is_case or view.is_caption:
        return None
    opening = SYMPTOM_OPENING.match(view.text, start)
    if opening is None or opening.end() > position or any(start <= m.start < position for m in view.of(*LESION)):
        return None
    topic = view.anaphor_ref()
    return replace(topic, written=opening.group(0).strip()) if topic is not None else None


PRESENTS_WITH = re.compile(r"\b(?:(?:present\w*|manifest\w*)\s+(?:with|as)|develop\w*)\s+", re.I)


def _presenting_syndromes(view: SentenceView) -> list[Mention]:
    """The neurologic syndromes listed right after "presents with" (adjectives such as "progressive" allowed)."""
    found = []
    for cue in PRESENTS_WITH.finditer(view.text):
        listed = [m for m in view.mentions if m.start >= cue.end() and view.same_clause(cue.end(), m.start)]
        previous_end = cue.end()
        for mention in listed:
            gap = view.text[previous_end : mention.start]
            if not re.fullmatch(r"\s*(?:,|and|or|and/or)?\s*(?:(?:an?|the)\s+)?(?:[\w-]+\s+)?", gap, re.I):
                break
            if mention.category == "disorder" and "NeurologicSyndrome" in mention.concept.ancestors:
                found.append(mention)
            elif mention.category != "clinical":
                break
            previous_end = mention.end
    return found


PATIENTS_PRESENT = re.compile(
    r"\W*(?:(?:most|many|affected|the|these|such)\s+)?(?:patients|individuals|people|children|adults)\s+"
    r"(?:(?:typically|usually|often|commonly|classically|frequently|may|can|most\s+often)\s+){0,2}(?:present"
    r"|manifest)\s+with\b",
    re.I,
)


def _patients_of_topic(view: SentenceView, start: int, position: int) -> Ref | None:
    """The topic, for a clause that opens with the patients and how they present and names no disease.

    "Patients typically present with sudden weakness" in a text on one disease speaks of the patients who have it. The
    noun phrase is written, so it is a reference to the topic rather than a bare guess; "patients with X present with"
    names its disease, which the usual subject search finds first.
    """
    if view.is_case or view.is_caption or not PATIENTS_PRESENT.match(view.text[start:position]):
        return None
    topic = view.anaphor_ref()
    return replace(topic, written="patients") if topic is not None else None


PRESENTING_FEATURE = re.compile(
    r"\b(?:is|are)\s+(?:the\s+|a\s+)?(?:most\s+)?(?:common(?:est)?\s+|frequent\s+|usual\s+|typical\s+)?(?:presenting"
    r"|initial|first|main|cardinal|leading)\s+"
    r"(?:symptom|sign|complaint|feature|manifestation)s?\s+(?:in|of)\s+(?P<whose>[^,;.]{0,60}?)$",
    re.I,
)


@rule("clinical.presenting_feature", "clinical_feature", 0.8, general_only=True)
def clinical_presenting_feature(view: SentenceView) -> Iterable[Candidate]:
    """A symptom named first and then called a lesion's presenting one.

    "back pain is the presenting symptom in 90% of patients with spinal metastases", "radiculopathy is the first sign of
    a schwannoma". The symptom (or syndrome) opens the clause.
    """
    for lesion in view.of(*LESION):
        cue = PRESENTING_FEATURE.search(view.text[: lesion.start])
        if cue is None or lesion.concept.broad:
            continue
        start, _end = view.clause_of(cue.start())
        features = [
            m
            for m in view.of("clinical", "disorder", "complication")
            if start <= m.start and m.end <= cue.start() and not m.concept.broad
        ]
        if features and re.fullmatch(
            r"\W*(?:(?:the|an?)\s+)?(?:[\w-]+\s+)?", view.text[start : features[0].start], re.I
        ):
            candidate = simple(view, "clinical_feature", ref(lesion), "presentsWith", features[0], features[0].start)
            yield replace(candidate, span=(features[0].start, lesion.end))


# Outcomes that befall a lesion after treatment, which curators state as its complications.
LESION_COMPLICATIONS = {"Recurrence", "DelayedMetastasis"}
# Words that open a clause of their own, so a lesion before them is not the one an outcome after them befalls.
SUBORDINATOR = re.compile(r"\b(?:as|when|if|because|since|unless|until)\b", re.I)


@rule("clinical.lesion_outcome", "clinical_feature", 0.75)
def clinical_lesion_outcome(view: SentenceView) -> Iterable[Candidate]:
    """The course of a kind of lesion.

    "hemangiopericytomas show a slow clinical evolution with a strong propensity to relapse" (a slow course; recurrence
    as a complication).

    Only in general statements: case narrative (past tense) tells the outcome of the patient instead.
    """
    if view.is_case and PAST_TENSE_WORD.search(view.text):
        return
    for outcome in view.of("outcome"):
        lesions = [
            m
            for m in view.of(*LESION)
            if m.end <= outcome.start
            and not m.concept.broad
            and view.same_clause(m.start, outcome.start)
            and not SUBORDINATOR.search(view.text[m.end : outcome.start])
        ]
        if lesions:
            predicate = "hasComplication" if outcome.concept.name in LESION_COMPLICATIONS else "hasOutcome"
            yield simple(view, "clinical_feature", ref(lesions[0]), predicate, outcome, lesions[0].start)


ASSOCIATION_CUE = re.compile(
    r"\b(?:(?:is|are)\s+)?(?:(?:often|commonly|frequently|usually|sometimes|typically)\s+)?(?:(?:seen|found|encountered"
    r"|observed)\s+)?in\s+association\s+with\b|\b(?:(?:is|are|may\s+be|can\s+be)\s+)?(?:(?:often|commonly"
    r"|frequently|usually|sometimes|typically|occasionally|strongly|also)\s+)?associated\s+with\b",
    re.I,
)
# What may stand between the first disorder and the cue: a second one it is coordinated with, a parenthesis.
ASSOCIATION_GAP = re.compile(r"\s*(?:(?:or|and)\s+[\w-]+\s*)?(?:\([^)]*\)\s*)?,?\s*")


@rule("clinical.associated_with", "clinical_feature", 0.75, general_only=True)
def clinical_associated_with(view: SentenceView) -> Iterable[Candidate]:
    """Two disorders that go together.

    "epidural abscess is often seen in association with spondylodiscitis", "an epidural hematoma associated with lung
    cancer". The first must stand right before the cue (a few words of "is often seen" between), so that "a mass with
    cord compression associated with ..." is not read; two joined there ("abscess or phlegmon is seen in association
    with ...") are each associated.
    """
    for cue in ASSOCIATION_CUE.finditer(view.text):
        before = [
            m
            for m in view.of(*LESION)
            if m.end <= cue.start()
            and not m.concept.broad
            and ASSOCIATION_GAP.fullmatch(view.text[m.end : cue.start()])
        ]
        after = [m for m in view.of(*LESION) if m.start >= cue.end() and not m.concept.broad]
        if not before or not after or not re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", view.text[cue.end() : after[0].start]):
            continue
        for first in before:
            if first.concept.name != after[0].concept.name:
                yield simple(view, "clinical_feature", ref(first), "associatedWith", after[0], first.start)


EVENT_IN_STATE = re.compile(
    r"\W*(?:this|it|such\s+(?:[\w-]+\s+)?(?:growth|expansion|enlargement|change|worsening))\s+(?:may\s+|can\s+)?"
    r"(?:happens?|occurs?|is\s+seen|develops?|tends?\s+to\s+occur)\s+(?:\w+ly\s+)?(?:in|during)\s+(?:the\s+)?",
    re.I,
)


@rule("clinical.event_in_state", "clinical_feature", 0.9, general_only=True)
def clinical_event_in_state(view: SentenceView) -> Iterable[Candidate]:
    """What the paragraph's lesion does, said to happen in a physiological state: the lesion goes with that state.

    "This happens particularly in pregnancy", "Such growth tends to occur during puberty": the sentence
    before told what the lesion does; this one names when, so the lesion is associated with the state.
    """
    event = EVENT_IN_STATE.match(view.text)
    if event is None or view.of(*LESION):
        return
    states = [m for m in view.of("state") if m.start == event.end()]
    topic = view.anaphor_ref()
    if states and topic is not None:
        yield simple(view, "clinical_feature", topic, "associatedWith", states[0], event.start())


EXPLAINS_WHY = re.compile(r"\s+(?:\w+\s+){0,2}?(?:explains?|accounts?\s+for\s+the\s+fact)\s+(?:why|that)\s+", re.I)
EXPLAINED_LOOKS = ("signal", "enhancement", "density", "finding")


@rule("mechanism.explains_why", "mechanism", 0.8, general_only=True)
def mechanism_explains_why(view: SentenceView) -> Iterable[Candidate]:
    """A component that "explains why" a lesion looks as it does causes that look.

    "Its high water content explains why the tumour is bright on T2-weighted images": water content causes
    the hyperintensity, read on the sequence the sentence names.
    """
    for cause in (m for m in view.mentions if m.category in ("site", "histology", "finding")):
        cue = EXPLAINS_WHY.match(view.text, cause.end)
        if cue is None:
            continue
        looks = [m for m in view.mentions if m.start >= cue.end() and m.category in EXPLAINED_LOOKS]
        if not looks:
            continue
        sequence = next((m for m in view.of("sequence") if m.start > looks[0].end), None)
        yield simple(
            view,
            "mechanism",
            ref(cause),
            "causes",
            looks[0],
            cause.start,
            sequence=ref(sequence) if sequence is not None else None,
        )


COMPLICATION_OF = re.compile(r"\b(?:complications?|sequelae)\s+of\s+", re.I)
FEATURES = ("clinical", "complication", "outcome", "disorder", "finding")


@rule("clinical.complication_of", "clinical_feature", 0.8, general_only=True)
def clinical_complication_of(view: SentenceView) -> Iterable[Candidate]:
    """A complication named as such: "cord compression is a rare complication of vertebral hemangioma".

    "neurologic deficit is one of the complications of this lesion". The lesion follows "complication of" (or is the one
    the text discusses after "this lesion"); the complication is what the clause opens with.
    """
    for cue in COMPLICATION_OF.finditer(view.text):
        lesion = next(
            (m for m in view.of(*LESION, specific=False) if m.start >= cue.end() and m.start - cue.end() <= 20), None
        )
        if lesion is None:
            continue
        owner = view.anaphor_ref() if lesion.concept.broad else ref(lesion)
        start, _end = view.clause_of(cue.start())
        features = [m for m in view.of(*FEATURES) if start <= m.start and m.end <= cue.start() and not m.concept.broad]
        if (
            owner is not None
            and features
            and re.search(r"\b(?:is|are|was|were|remains?)\b", view.text[features[0].end : cue.start()], re.I)
        ):
            yield simple(view, "clinical_feature", owner, "hasComplication", features[0], features[0].start)


TENDENCY = re.compile(
    r"\b(?:tendency|tendencies|propensity|predisposition|proclivity)\s+(?:to"
    r"|for)\s+(?P<what>(?:[\w-]+\s+){0,3}?(?:recur|relapse|metastasi[sz]e)(?:\s+and\s+(?:[\w-]+\s+){0,1}(?:recur"
    r"|relapse|metastasi[sz]e))?)\b",
    re.I,
)
TENDENCY_OUTCOMES = {
    "recur": "Recurrence",
    "relapse": "Recurrence",
    "metastasize": "Metastasis",
    "metastasise": "Metastasis",
}


@rule("clinical.tendency", "clinical_feature", 0.8, general_only=True)
def clinical_tendency(view: SentenceView) -> Iterable[Candidate]:
    """What a lesion tends to do after treatment, as a verb.

    "a strong tendency to both locally recur and metastasize" (recurrence and metastasis are its complications).
    """
    for cue in TENDENCY.finditer(view.text):
        start, _end = view.clause_of(cue.start())
        named = [m for m in view.of(*LESION) if start <= m.start and m.end <= cue.start() and not m.concept.broad]
        subject = ref(named[0]) if named else view.subject_before(cue.start())
        if subject is None:
            continue
        for word in re.findall(r"recur|relapse|metastasi[sz]e", cue.group("what"), re.I):
            outcome = TENDENCY_OUTCOMES[word.lower()]
            yield Candidate("clinical_feature", subject, "hasComplication", Ref(outcome), span=(cue.start(), cue.end()))


PROGNOSIS = re.compile(
    r"\bprognosis\s+(?:for|of|in)\s+(?P<who>[^,;]{0,60}?)\s+(?:is|remains|was)\s+(?:generally\s+|usually\s+"
    r"|very\s+)?(?P<how>poor|grim|dismal|unfavou?rable|good|excellent|favou?rable)\b",
    re.I,
)
GOOD_PROGNOSIS = {"good", "excellent", "favourable", "favorable"}


@rule("clinical.prognosis", "clinical_feature", 0.8, general_only=True)
def clinical_prognosis(view: SentenceView) -> Iterable[Candidate]:
    """A poor (or good) prognosis said of the patients with a lesion.

    "the prognosis for patients with bone metastases is poor", "the prognosis of spinal schwannoma is excellent".
    """
    for cue in PROGNOSIS.finditer(view.text):
        lesions = [m for m in view.of(*LESION) if cue.start("who") <= m.start < cue.end("who") and not m.concept.broad]
        if lesions:
            yield Candidate(
                "clinical_feature",
                ref(lesions[-1]),
                "hasOutcome",
                Ref("GoodPrognosis" if cue.group("how").lower() in GOOD_PROGNOSIS else "PoorPrognosis"),
                span=(lesions[-1].start, cue.end()),
            )


CAUSE_OF = re.compile(
    r"\b(?:is|are)\s+(?:an?|the|one\s+of\s+the|another)\s+(?:most\s+)?(?:(?:common|commonest|frequent|rare"
    r"|additional|other|main|major|leading|usual|recogni[sz]ed|known|important)\s+){0,2}(?:causes?|etiolog(?:y|ies)"
    r"|aetiolog(?:y|ies)|sources?)\s+of\s+",
    re.I,
)


@rule("mechanism.cause_of", "mechanism", 0.8, general_only=True)
def mechanism_cause_of(view: SentenceView) -> Iterable[Candidate]:
    """Causes named as such: "trauma is a common cause of epidural hematoma".

    "direct inoculation from procedures or trauma is an additional etiology of epidural abscess". What the clause names
    before the cue causes the disorder after it; a route of spread named there is how the disorder spreads.
    """
    for cue in CAUSE_OF.finditer(view.text):
        effect = next(
            (m for m in view.of(*LESION) if m.start >= cue.end() and m.start - cue.end() <= 20 and not m.concept.broad),
            None,
        )
        start, _end = view.clause_of(cue.start())
        named = [m for m in view.mentions if start <= m.start and m.end <= cue.start() and not m.concept.generic]
        if effect is None or not named:
            continue
        for cause in _sources(
            view, [m for m in named if m.category in LESION + ("procedure", "treatment", "process", "route", "finding")]
        ):
            if cause.concept.name == effect.concept.name:
                continue
            if cause.category == "route":
                yield simple(view, "mechanism", ref(effect), "spreadsVia", cause, cause.start)
            else:
                yield simple(view, "mechanism", ref(cause), "canCause", effect, cause.start)


def _sources(view: SentenceView, mentions: list[Mention]) -> list[Mention]:
    """The coordinated causes a clause opens with, a route and what it comes from counting as one list.

    "direct inoculation from procedures or trauma" names the route and both sources.
    """
    chain = mentions[:1]
    for mention in mentions[1:]:
        gap = view.text[chain[-1].end : mention.start]
        if not (
            COORDINATION.fullmatch(gap)
            or (chain[-1].category == "route" and re.fullmatch(r"\s*from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", gap, re.I))
        ):
            break
        chain.append(mention)
    return chain


TOLD_APART = re.compile(
    r"\b(?:distinguish\w*|differentiat\w*|separat\w*|discriminat\w*|tell\w*|recogni[sz]\w*)\b", re.I
)
EFFECT_FROM = re.compile(r"\s+(?:resulting\s+|arising\s+)?from\s+(?:an?\s+|the\s+)?$", re.I)


@rule("mechanism.effect_from", "mechanism", 0.75, general_only=True)
def mechanism_effect_from(view: SentenceView) -> Iterable[Candidate]:
    """An effect and the lesion it comes from, joined by "from".

    "neural compression from epidural tumour", "back pain from a vertebral fracture". A tumour from something
    ("metastases from breast carcinoma") is the spread of a primary, not an effect, and is left to the metastasis rules.
    """
    if view.is_caption:
        return
    lesions = view.of(*LESION)
    for effect in view.of(*LESION, "finding", "complication", "clinical", specific=True):
        if "Neoplasm" in effect.concept.ancestors or TOLD_APART.search(
            view.text[max(0, effect.start - 40) : effect.start]
        ):
            continue
        cause = next((m for m in lesions if m.start >= effect.end), None)
        if (
            cause is not None
            and EFFECT_FROM.fullmatch(view.text[effect.end : cause.start])
            and cause.concept.name != effect.concept.name
        ):
            yield simple(view, "mechanism", ref(cause), "causes", effect, effect.start)


FREQUENT_IN = re.compile(
    r"\b(?:is|are)\s+(?:(?:very|relatively|particularly|also)\s+)?(?:common|frequent|often\s+seen|frequently\s+seen"
    r"|commonly\s+seen)\s+in\s+(?:patients\s+with\s+)?(?:an?\s+|the\s+)?",
    re.I,
)


@rule("clinical.frequent_in", "clinical_feature", 0.75, general_only=True)
def clinical_frequent_in(view: SentenceView) -> Iterable[Candidate]:
    """A complication or symptom frequent in a disorder.

    "vertebral compression fractures are frequent in multiple myeloma", "back pain is common in patients with vertebral
    metastases". A tumour common in something ("metastases are common in breast cancer") is not its complication and is
    left out.
    """
    for cue in FREQUENT_IN.finditer(view.text):
        owner = next((m for m in view.of(*LESION) if 0 <= m.start - cue.end() <= 12 and not m.concept.broad), None)
        start, _end = view.clause_of(cue.start())
        features = [
            m
            for m in view.of(*LESION, "complication", "clinical")
            if start <= m.start and m.end <= cue.start() and not m.concept.broad
        ]
        if (
            owner is None
            or not features
            or "Neoplasm" in features[0].concept.ancestors
            or features[0].concept.name == owner.concept.name
        ):
            continue
        predicate = "presentsWith" if features[0].category == "clinical" else "hasComplication"
        yield simple(view, "clinical_feature", ref(owner), predicate, features[0], features[0].start)


SHARE_OF_PATIENTS_WITH = re.compile(
    r"\b(?:is|are)\s+(?:seen|found|observed|present)\s+in\s+(?:approximately\s+|about\s+|around\s+|up\s+to\s+"
    r"|nearly\s+)?"
    r"\d+(?:\.\d+)?\s*%?(?:\s*(?:–|-|to)\s*\d+(?:\.\d+)?\s*%)?\s+of\s+(?:all\s+)?(?:cases|patients)\s+(?:with|of"
    r"|having)\s+(?:an?\s+|the\s+)?",
    re.I,
)


@rule("clinical.share_with_complication", "clinical_feature", 0.8, general_only=True)
def clinical_share_with_complication(view: SentenceView) -> Iterable[Candidate]:
    """A complication that a share of the patients with a lesion have.

    "cord compression is seen in 10% of patients with vertebral metastases". The complication opens the clause, the
    lesion follows the share; a tumour there ("metastases are found in 30% of patients with cancer") is spread, not a
    complication.
    """
    for cue in SHARE_OF_PATIENTS_WITH.finditer(view.text):
        start, _end = view.clause_of(cue.start())
        effects = [
            m
            for m in view.of("disorder", "complication", "clinical")
            if start <= m.start and m.end <= cue.start() and not m.concept.broad
        ]
        lesion = next((m for m in view.of(*LESION) if 0 <= m.start - cue.end() <= 3 and not m.concept.broad), None)
        if (
            not effects
            or lesion is None
            or "Neoplasm" in effects[-1].concept.ancestors
            or effects[-1].concept.name == lesion.concept.name
        ):
            continue
        candidate = simple(view, "clinical_feature", ref(lesion), "hasComplication", effects[-1], effects[-1].start)
        yield replace(candidate, span=(effects[-1].start, lesion.end))


COMPLICATIONS_INCLUDING = re.compile(r"\b(?:complications?|sequelae)\s+of\s+", re.I)
LIST_OPENER = re.compile(
    r"\s*,?\s*(?:includ(?:e|es|ing)|such\s+as|like|e\.g\.,?|notably|namely)\s+(?:the\s+|an?\s+)?", re.I
)


@rule("clinical.complications_including", "clinical_feature", 0.8, general_only=True)
def clinical_complications_including(view: SentenceView) -> Iterable[Candidate]:
    """The complications of a disorder, listed after it.

    "the complications of meningitis, including arachnoiditis and hydrocephalus", "sequelae of discitis such as
    kyphosis". Each listed complication (a symptom, complication, finding or disorder, joined by commas, "and" or "or")
    is one of the disorder's.
    """
    for cue in COMPLICATIONS_INCLUDING.finditer(view.text):
        owner = next(
            (m for m in view.of(*LESION) if m.start >= cue.end() and m.start - cue.end() <= 20 and not m.concept.broad),
            None,
        )
        if owner is None:
            continue
        opener = LIST_OPENER.match(view.text, owner.end)
        if opener is None:
            continue
        listed = [m for m in view.of(*FEATURES) if m.start >= opener.end() and not m.concept.broad]
        if not listed or not re.fullmatch(r"(?:[\w-]+\s+)?", view.text[opener.end() : listed[0].start]):
            continue
        for complication in _coordinated(view, listed):
            if complication.concept.name != owner.concept.name:
                yield simple(view, "clinical_feature", ref(owner), "hasComplication", complication, owner.start)


RESISTS_INVASION = re.compile(
    r"\b(?:(?:is|are)\s+(?:(?:relatively|usually|generally|highly|often|typically)\s+)?(?:resistant\s+to|spared\s+by"
    r"|not\s+(?:invaded|involved|crossed)\s+by)|resists?)\s+(?:(?:the\s+)?(?:direct\s+)?(?:(?:tumou?r|metastatic"
    r"|neoplastic|malignant)\s+)?(?:invasion|involvement|spread|infiltration|extension))\b",
    re.I,
)


@rule("mechanism.resists_invasion", "mechanism", 0.85, general_only=True)
def mechanism_resists_invasion(view: SentenceView) -> Iterable[Candidate]:
    """A structure a lesion does not involve: "the avascular disc is resistant to tumour invasion".

    The structure is the site the clause names before the cue; the lesion is the one named after it ("resists invasion
    by metastases"), else what the sentence speaks of ("tumour invasion" in a text on one tumour is that tumour's).
    """
    if view.is_caption:
        return
    for cue in RESISTS_INVASION.finditer(view.text):
        start, end = view.clause_of(cue.start())
        sites = [m for m in view.of("site") if start <= m.start and m.end <= cue.start()]
        if not sites:
            continue
        named = [m for m in view.of(*LESION, specific=False) if cue.start() <= m.start < min(end, cue.end() + 30)]
        lesion = ref(named[0]) if named and not named[0].concept.broad else view.anaphor_ref()
        if lesion is None or lesion.concept is None or lesion.concept.category not in LESION:
            continue
        if named and named[0].concept.broad:
            lesion = replace(lesion, written=named[0].text)
        candidate = simple(view, "mechanism", lesion, "canInvolve", sites[-1], sites[-1].start)
        yield replace(candidate, negated=True, span=(sites[-1].start, cue.end()))


# How a sentence about a spread (not about a lesion) opens: "In some cases, ...", "Occasionally, ...".
SPREAD_OPENING = re.compile(
    r"\W*(?:(?:in\s+(?:some|most|rare|other|a\s+few|many)\s+(?:cases|patients|instances)|occasionally|alternatively"
    r"|rarely|less\s+(?:commonly|often)|more\s+rarely)\s*,?\s+)?",
    re.I,
)
THERE_MAY_BE = re.compile(r"there\s+(?:may|can|might|could|is|are)\s+(?:also\s+)?(?:be\s+)?", re.I)
MECHANISM_OF_SPREAD = re.compile(
    r"(?:the\s+)?(?:(?:usual|main|principal|common|most\s+common|likely|probable|presumed|proposed)\s+)?"
    r"(?:mechanism|route|mode|pathway)s?\s+of\s+(?:[\w-]+\s+){0,2}?(?:spread|dissemination|seeding)\b"
    r"[^,;]*?\b(?:is|are)\b",
    re.I,
)
# What says a spread that opens a clause happens: "... is also possible", "... has been described".
SPREAD_ASSERTED = re.compile(
    r"\b(?:is|are|has|have)\s+(?:also\s+)?(?:been\s+)?(?:possible|speculated|described|reported|proposed|suggested"
    r"|postulated|hypothesi[sz]ed|implicated|thought|believed|presumed)\b"
    r"|\b(?:is|are)\s+(?:also\s+)?(?:an?\s+|the\s+)?(?:(?:less|more|most)\s+)?(?:(?:common|frequent|usual|rare|uncommon"
    r"|unusual|important|main|principal|likely|recogni[sz]ed)\s+)?(?:route|mode|pathway)s?\b",
    re.I,
)
ADJACENT_EXTENSION = re.compile(
    r"(?:direct\s+)?extension\s+from\s+(?:an?\s+|the\s+)?(?:adjacent|contiguous|neighbou?ring|nearby|surrounding)\b",
    re.I,
)
# A passage that names its route: "via the perivascular spaces" is perivascular spread.
PASSAGE = re.compile(r"\b(?:via|through|along)\s+(?:the\s+)?(perivascular|perineural)\s+(?:spaces?|sheaths?)\b", re.I)
PASSAGE_ROUTES = {"perivascular": "PerivascularSpread", "perineural": "PerineuralSpread"}
# Lesions whose spread a route describes: tumours and infections.
SPREADING = {"Neoplasm", "InfectiousLesion", "Infection"}


@rule("mechanism.topic_spread", "mechanism", 0.9, general_only=True)
def mechanism_topic_spread(view: SentenceView) -> Iterable[Candidate]:
    """Routes of a spread the sentence is about, for the lesion the text is about.

    A clause may speak of a spread rather than a lesion: "In some cases there may be spread via the venous plexus",
    "Hematogenous dissemination from urinary sources is also possible", "The mechanism of spread to the cord is
    thought to be via the arterial route", "Extension from an adjacent tumour or perineural spread has been
    described". The spreading lesion is the topic (a tumour or an infection); each route the clause names is one of
    its routes, and a disorder the spread comes from ("from urinary sources") can cause it.
    """
    if view.is_caption:
        return
    topic = view.anaphor_ref()
    if topic is None or topic.concept is None or not topic.concept.ancestors & SPREADING:
        return
    start, end = view.clause_of(0)
    head = _spread_head(view, start, end)
    if head is None:
        return
    routes = [(ref(m), m.start, m.end) for m in view.of("route") if head <= m.start < end]
    routes += [
        (Ref(PASSAGE_ROUTES[p.group(1).lower()]), p.start(), p.end()) for p in PASSAGE.finditer(view.text, head, end)
    ]
    extension = ADJACENT_EXTENSION.match(view.text, head)
    if extension is not None:
        routes.append((Ref("DirectExtension"), extension.start(), extension.end()))
    hedge = view.hedge(start, end)
    for route, route_start, route_end in sorted(routes, key=lambda r: r[1]):
        yield Candidate("mechanism", topic, "spreadsVia", route, hedge=hedge, span=(route_start, route_end))
    yield from _spread_sources(view, topic, routes, end)


# A spreading subject with a verb of arrival and a named route is a sure pattern, even when the subject is the
# paragraph's lesion written as "the infection" or "it": as sure as a clause about a spread (topic_spread).
TOPIC_ROUTE_RELIABILITY = 0.9
REACHES_BY = re.compile(
    r"\b(?:reach(?:es|ed)?|spread(?:s)?|travel(?:s|led)?|seed(?:s|ed)?|arriv(?:es|ed)|gain(?:s|ed)\s+access\s+to)\b"
    r"[^,;()]{0,40}?$",
    re.I,
)


@rule("mechanism.reaches_by_route", "mechanism", 0.8, general_only=True)
def mechanism_reaches_by_route(view: SentenceView) -> Iterable[Candidate]:
    """A lesion said to reach, seed or travel to a place by a named route spreads by that route.

    "The infection usually reaches the disc through the bloodstream", "tumour cells travel to the spine
    by hematogenous spread": the subject of the verb (a lesion, or the paragraph's lesion written as a
    general word) is the one that spreads.
    """
    for route in view.of("route"):
        start, _end = view.clause_of(route.start)
        verb = REACHES_BY.search(view.text, start, route.start)
        if verb is None:
            continue
        subject = view.subject_before(verb.start())
        if subject is None or subject.concept is None or not subject.concept.ancestors & SPREADING:
            continue
        candidate = simple(view, "mechanism", subject, "spreadsVia", route, verb.start())
        yield replace(candidate, hedge=view.hedge(start, route.end), reliability=TOPIC_ROUTE_RELIABILITY)


def _spread_head(view: SentenceView, start: int, end: int) -> int | None:
    """Where the routes of a clause about a spread begin, or None when the clause is about something else.

    The clause opens with a route or an extension ("Hematogenous spread is possible"), with "there may be" and a
    route, or with "the mechanism of spread is"; no lesion of its own is named before the route.
    """
    position = SPREAD_OPENING.match(view.text, start).end()
    mechanism = MECHANISM_OF_SPREAD.match(view.text, position)
    if mechanism is not None:
        return mechanism.end()
    there = THERE_MAY_BE.match(view.text, position)
    opening_route = any(m.start == (there.end() if there else position) for m in view.of("route")) or bool(
        ADJACENT_EXTENSION.match(view.text, position)
    )
    if not opening_route:
        return None
    if there is None and not SPREAD_ASSERTED.search(view.text, position, end):
        return None
    return there.end() if there else position


def _spread_sources(view: SentenceView, topic: Ref, routes: list, end: int) -> Iterable[Candidate]:
    """The disorders a spread comes from ("dissemination from cardiac or urinary infection"), each a cause of the topic.

    Tumours a spread comes from are its primaries, which the metastasis rules read; the topic is the object here, a
    guess like any topic, so these statements start from a lower reliability.
    """
    for route, _route_start, route_end in routes:
        origin = re.match(r"\s+from\s+", view.text[route_end:end])
        if origin is None:
            continue
        for source in view.of("disorder"):
            if (
                route_end < source.start < end
                and not source.concept.broad
                and "Neoplasm" not in source.concept.ancestors
            ):
                if source.concept.name != topic.name:
                    candidate = simple(view, "mechanism", ref(source), "canCause", source, source.start)
                    yield replace(candidate, object=topic, reliability=SOURCE_RELIABILITY)


SOURCE_RELIABILITY = 0.75


COMPLICATED_BY = re.compile(
    r"\b(?:is|are|be|was|were)\s+(?:(?:often|frequently|commonly|occasionally|sometimes|rarely|usually|also)\s+)?"
    r"complicated\s+by\s+(?:the\s+|an?\s+)?",
    re.I,
)


@rule("clinical.complicated_by", "clinical_feature", 0.8, general_only=True)
def clinical_complicated_by(view: SentenceView) -> Iterable[Candidate]:
    """A disorder complicated by another: "epidural abscess may be complicated by meningitis".

    The disorder is the clause's lesion before the cue; each complication listed right after the cue is one of its.
    """
    for cue in COMPLICATED_BY.finditer(view.text):
        subject = view.subject_before(cue.start())
        listed = [m for m in view.of(*FEATURES) if m.start >= cue.end() and not m.concept.broad]
        if subject is None or not listed or listed[0].start != cue.end():
            continue
        for complication in _coordinated(view, listed):
            if complication.concept.name != subject.name:
                yield simple(view, "clinical_feature", subject, "hasComplication", complication, cue.start())


OCCURS_AFTER = re.compile(
    r"\b(?:occur|develop|aris|appear)\w*\s+(?:(?:spontaneously|rarely|occasionally|mostly|usually|typically|also|or"
    r"|and|even|most\s+often|commonly)\s+){0,3}(?:after|following)\s+(?:an?\s+|the\s+)?",
    re.I,
)


@rule("mechanism.occurs_after", "mechanism", 0.75, general_only=True)
def mechanism_occurs_after(view: SentenceView) -> Iterable[Candidate]:
    """A disorder that occurs after a procedure, which can thus cause it.

    "Epidural hematoma may occur spontaneously or after lumbar puncture", "arachnoiditis developing after surgery". A
    tumour that appears after a treatment is its recurrence or spread, not the treatment's effect, and is left out; so
    is a disorder the clause does not name ("it may occur after surgery"), which would make a guess the object.
    """
    for cue in OCCURS_AFTER.finditer(view.text):
        effect = view.subject_before(cue.start())
        acts = after_in_clause(view, cue.end(), CAUSING_ACTS, stop=LESION)
        if effect is None or effect.concept is None or not acts or acts[0].start != cue.end():
            continue
        if "Neoplasm" in effect.concept.ancestors or effect.is_case or effect.anaphoric:
            continue
        for act in _coordinated(view, acts):
            candidate = simple(view, "mechanism", ref(act), "canCause", act, cue.start())
            yield replace(candidate, object=effect)


CONSEQUENCE_OF = re.compile(
    r"\b(?:is|are)\s+(?:an?|the|one\s+of\s+the)\s+(?:(?:common|frequent|rare|known|recogni[sz]ed|late|direct|usual"
    r"|serious|major|main)\s+){0,2}(?:consequences?|results?|sequelae|sequela|manifestations?)\s+of\s+(?:an?\s+|the\s+)?",
    re.I,
)


@rule("mechanism.consequence_of", "mechanism", 0.8, general_only=True)
def mechanism_consequence_of(view: SentenceView) -> Iterable[Candidate]:
    """An effect named first and then called the consequence of a cause.

    "cord compression is a consequence of epidural abscess". The cause follows the cue; the effect is the first
    complication, symptom, finding or disorder of the clause. A symptom of a lesion is its presentation, as in
    :func:`mechanism_causes`.
    """
    for cue in CONSEQUENCE_OF.finditer(view.text):
        cause = next(
            (
                m
                for m in view.of(*LESION, "finding", "process", specific=False)
                if m.start >= cue.end() and m.start - cue.end() <= 20
            ),
            None,
        )
        start, _end = view.clause_of(cue.start())
        effects = [m for m in view.of(*FEATURES) if start <= m.start and m.end <= cue.start() and not m.concept.broad]
        if cause is None or not effects or effects[0].concept.name == cause.concept.name:
            continue
        owner = view.anaphor_ref() if cause.concept.broad else ref(cause)
        if owner is None:
            continue
        symptom = effects[0].category == "clinical" and not _names_finding(owner)
        kind, predicate = ("clinical_feature", "presentsWith") if symptom else ("mechanism", "causes")
        yield simple(view, kind, owner, predicate, effects[0], effects[0].start)


COMPRESS_VERB = re.compile(
    r"\b(?:compress(?:es|ed|ing)?|imping(?:es|ed|ing)?\s+(?:on|upon)|encroach(?:es|ed|ing)?\s+(?:on|upon))\s+"
    r"(?:the\s+|an?\s+)?(?:adjacent\s+|underlying\s+)?",
    re.I,
)
# The structures whose compression the ontology names after them.
COMPRESSED = {
    "SpinalCord": "SpinalCordCompression",
    "CaudaEquina": "CaudaEquinaCompression",
    "NerveRoot": "NerveRootCompression",
    "ThecalSac": "ThecalSacCompression",
}


@rule("mechanism.compresses", "mechanism", 0.8, general_only=True)
def mechanism_compresses(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that compresses a structure causes that structure's compression.

    "epidural tumour may compress the spinal cord", "a schwannoma impinging on the nerve root". The lesion is the one
    the clause names before the verb (for a participle, the one right before it); a structure without a compression
    class of its own is left out.
    """
    for cue in COMPRESS_VERB.finditer(view.text):
        site = next((m for m in view.of("site") if m.start == cue.end()), None)
        if site is None:
            continue
        compression = next((COMPRESSED[a] for a in COMPRESSED if a in site.concept.ancestors), None)
        subject = _compressing_lesion(view, cue)
        if compression is None or subject is None:
            continue
        hedged = re.search(r"\b(?:can|may|might|could)\s+(?:\w+\s+)?$", view.text[: cue.start()], re.I)
        yield Candidate(
            "mechanism",
            subject,
            "canCause" if hedged else "causes",
            Ref(compression),
            hedge=view.hedge(*view.clause_of(cue.start())),
            negated=view.is_negated(site),
            span=(cue.start(), site.end),
        )


def _compressing_lesion(view: SentenceView, cue: re.Match) -> Ref | None:
    """What compresses: the lesion a participle hangs on ("a mass compressing the cord"), else the clause's lesion.

    A participle after anything but a lesion ("those arising from bone and impinging on the sac") is left alone: what
    it hangs on is not named.
    """
    if not re.match(r"\w+ing\b", cue.group(0), re.I):
        return view.subject_before(cue.start())
    before = [m for m in view.of(*LESION, specific=False) if m.end <= cue.start()]
    if not before or not re.fullmatch(r"\s*", view.text[before[-1].end : cue.start()]):
        return None
    return view.subject_before(before[-1].end) if before[-1].concept.broad else ref(before[-1])
