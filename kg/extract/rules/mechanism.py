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
        view, r"\b(?:caus(?!ed\s+by)\w*|lead\w* to|result\w* in|produc(?!ed\s+by)\w*|give\w* rise to|responsible for)\b"
    ):
        if any(a <= cue.start() < b for a, b in named_causes):
            continue
        head = _participle_head(view, cue)
        if head is not None and (head.concept.broad or head.concept.generic):
            continue
        subject = (
            ref(head)
            if head
            else _relative_antecedent(view, cue.start())
            or _process_before(view, cue)
            or view.subject_before(cue.start(), categories=LESION + ("finding", "process"))
        )
        if subject is None:
            continue
        hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[max(0, cue.start() - 16) : cue.start()], re.I)
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


COORDINATION = re.compile(r"\s*,?\s*(?:(?:and|or|and/or|as\s+well\s+as)\s+)?(?:(?:the|in|to)\s+)?")


def _names_finding(subject: Ref) -> bool:
    """Whether a cause is an imaging finding ("vertebral collapse").

    A symptom it leads to is its effect, not a presentation of a disease.
    """
    return subject.concept is not None and subject.concept.category == "finding"


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
    found = cues(view, r"\b(?:caused\s+by|due\s+to|secondary\s+to|resulting\s+from|produced\s+by|because\s+of)\b")
    for cue in found:
        effects = _effects_before(view, cue, found)
        if not effects:
            yield from _fronted_cause(view, cue)
            continue
        hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[effects[-1].end : cue.start()], re.I)
        predicate = "canCause" if hedged else "causes"
        causes = after_in_clause(view, cue.end(), LESION + ("process", "histology"), stop=())[:1]
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
    """A lesion's symptoms: "vertebral hemangioma is asymptomatic", "presents with back pain"."""
    for feature in view.of("clinical"):
        start, _end = view.clause_of(feature.start)
        before = view.text[start : feature.start]
        if not re.search(r"\b(?:present\w*|manifest\w*|is|are|becom\w*|with|cause\w*|includ\w*)\b", before, re.I):
            continue
        subject = view.subject_before(feature.start) or _patients_of_topic(view, start, feature.start)
        if subject is not None:
            yield simple(view, "clinical_feature", subject, "presentsWith", feature, feature.start)


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
    r"|observed)\s+)?in\s+association\s+with\b|\bassociated\s+with\b",
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
    r"|very\s+)?(?:poor|grim|dismal|unfavou?rable)\b",
    re.I,
)


@rule("clinical.prognosis", "clinical_feature", 0.8, general_only=True)
def clinical_prognosis(view: SentenceView) -> Iterable[Candidate]:
    """A poor prognosis said of the patients with a lesion.

    "the prognosis for patients with bone metastases is poor".
    """
    for cue in PROGNOSIS.finditer(view.text):
        lesions = [m for m in view.of(*LESION) if cue.start("who") <= m.start < cue.end("who") and not m.concept.broad]
        if lesions:
            yield Candidate(
                "clinical_feature",
                ref(lesions[-1]),
                "hasOutcome",
                Ref("PoorPrognosis"),
                span=(lesions[-1].start, cue.end()),
            )


CAUSE_OF = re.compile(
    r"\b(?:is|are)\s+(?:an?|the|one\s+of\s+the)\s+(?:(?:common|commonest|frequent|rare|additional|other|main|major"
    r"|leading|usual|recognized|known)\s+){0,2}(?:causes?|etiolog(?:y|ies)|aetiolog(?:y|ies)|sources?)\s+of\s+",
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
