"""Relation rules for sign statements.

What a sign or finding indicates or suggests, which lesions show a named sign (and on which technique), where a sign is
seen, and how a sign is defined; which findings support a diagnosis, what a lesion's finding resembles or is called,
and how often lesions show a sign.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Mention
from kg.extract.rules.appearance import (
    APPEARANCE_PREDICATES,
    SEQUENCE_SHORTHAND,
    clause_subject,
    modality_near,
    sequence_near,
    technique_fallback,
    unnamed_technique,
)
from kg.extract.rules.base import LESION, SITE, TECHNIQUE, Candidate, after_in_clause, cues, ref, rule, simple
from kg.extract.rules.differential import enumeration
from kg.extract.rules.metastasis import LIST_AFTER
from kg.extract.sentence import Ref, SentenceView

INDICATION_CUE = (
    r"\b(?:indicat\w*|marker (?:of|for)|hallmark (?:of|for)|represent\w*|characteristic (?:of|for)|typical (?:of|for)"
    r"|specific (?:of|for)|pathognomonic (?:of|for)"
    r"|diagnostic of|suggest\w*|consistent with|compatible with|favou?r\w*|point\w* to|signs? (?:of|for)|concerning for"
    r"|worrisome for|suspicious (?:of|for))\b"
)
SUGGESTING_CUE = re.compile(r"suggest|consistent|compatible|favou?r|point|concerning|worrisome|suspicious")
# What a named sign's sentence may put between the sign and its verb: a definition in brackets or
# between commas ("the fluid sign, a linear collection in a collapsed body, is characteristic of").
INSERTED_DEFINITION = re.compile(
    r"\s*(?:\([^()]{3,160}\)|,[^,;]{3,160},)\s*(?:is|are|was|were)?\s*(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I
)


@rule("sign.indicates", "sign", 0.8)
def sign_indicates(view: SentenceView) -> Iterable[Candidate]:
    """A sign or finding, then "indicates" / "suggests" / "characteristic of" / "signs of" / "concerning for".

    Then a disorder, finding or outcome (or, for a named sign, the tissue it shows: "the bull's-eye sign is a specific
    marker of normal marrow"). Signs joined by "and" all take the cue. A named sign given its definition between
    commas or brackets before the cue is the subject, not the looks of its definition.
    """
    for cue in cues(view, INDICATION_CUE):
        signs = [
            m
            for m in view.of("sign", "finding", "signal", "enhancement")
            if m.end <= cue.start()
            and view.same_clause(m.start, cue.start())
            and not _in_brackets(view, m.start, cue.start())
        ] or _relative_antecedent(view, cue.start())
        if not signs:
            continue
        defined = [
            m for m in signs if m.category == "sign" and INSERTED_DEFINITION.fullmatch(view.text[m.end : cue.start()])
        ]
        signs = defined[:1] or signs
        word = cue.group(0).lower()
        predicate = "suggests" if SUGGESTING_CUE.match(word) else "indicates"
        joined = _coordinated(view, _reading_of_first(view, signs))
        for sign in joined:
            if PROPORTION_BEFORE.search(view.text[: sign.start]) or _case_reasoning(view, sign, cue):
                continue
            kind = "sign" if sign.category == "sign" else "imaging_appearance"
            inserted = INSERTED_DEFINITION.fullmatch(view.text[sign.end : cue.start()]) or not view.same_clause(
                sign.start, cue.start()
            )
            anchor = cue.start() if sign.category == "sign" and inserted else joined[-1].start
            for target in _indicated(view, cue.end(), sign):
                candidate = simple(view, kind, ref(sign), predicate, target, anchor)
                if _absent_case_finding(view, sign, cue):
                    candidate.negated = False
                yield candidate


# "No flow voids were seen to suggest a malformation": the "no" denies the finding in this patient, while
# the purpose clause ("to suggest") states what the finding would have meant, which stays true.
SEEN_TO_SUGGEST = re.compile(
    r"\s+(?:(?:was|were|is|are)\s+)?(?:(?:seen|found|identified|present|noted|demonstrated|shown)\s+)?to\s+$", re.I
)


def _absent_case_finding(view: SentenceView, sign: Mention, cue: re.Match) -> bool:
    """Whether a negated finding is followed by a purpose clause naming what it would suggest.

    Then the negation belongs to the finding, not to the general relation between finding and diagnosis.
    """
    return view.is_negated(sign) and bool(SEEN_TO_SUGGEST.fullmatch(view.text[sign.end : cue.start()]))


OWNED_BEFORE = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+)?$", re.I)
OWNED_AFTER = re.compile(r"\s+of\s+the\s+(?:mass|lesion|tumou?r|collection|nodule)\b", re.I)


def _case_reasoning(view: SentenceView, sign: Mention, cue: re.Match) -> bool:
    """Whether case narrative weighs this patient's lesion by its own finding ("its sharp margins favoured X").

    That is the reasoning of one case, told in the past tense about the lesion's own feature, not a
    general statement of what the finding suggests.
    """
    if not view.is_case or not cue.group(0).lower().endswith("ed"):
        return False
    return bool(OWNED_BEFORE.search(view.text[: sign.start]) or OWNED_AFTER.match(view.text, sign.end))


def _indicated(view: SentenceView, after: int, sign: Mention) -> list[Mention]:
    """What a sign points to after its cue.

    Up to three lesions, findings or outcomes of the clause, not the population ("even in patients with cancer"); for a
    named sign, else the tissue right after.
    """
    targets = [
        t
        for t in after_in_clause(view, after, LESION + ("finding", "outcome"), stop=())[:3]
        if not POPULATION_BEFORE.search(view.text[: t.start])
    ]
    if not targets and sign.category == "sign":
        targets = [m for m in view.of(*SITE) if 0 <= m.start - after <= 30]
    return [t for t in targets if t.concept.name != sign.concept.name]


RELATIVE_OPENING = re.compile(r"\W*which\s+(?:is|are|was|were)\s+(?:\w+ly\s+)?$", re.I)


RELATIVE_CUE = re.compile(r"\W*which\s+(?:\w+ly\s+)?(?:may\s+|can\s+|might\s+)?$", re.I)
RIGHT_BEFORE_WHICH = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s*$")


def _relative_antecedent(view: SentenceView, cue_start: int) -> list[Mention]:
    """The sign or finding a relative clause speaks of.

    The finding right before ", which suggests ..." ("the mass shows a fluid level, which suggests ..."), or the named
    sign that opens the clause before "which is characteristic of ..." ("a fluid sign is seen in this vertebra, which is
    characteristic of").
    """
    start, _end = view.clause_of(cue_start)
    if start == 0:
        return []
    if RELATIVE_CUE.fullmatch(view.text[start - 5 : cue_start]):
        looks = [
            m
            for m in view.of("sign", "finding", "signal", "enhancement")
            if m.end <= start - 5 and RIGHT_BEFORE_WHICH.fullmatch(view.text[m.end : start - 5])
        ]
        if looks:
            return looks
    if not RELATIVE_OPENING.fullmatch(view.text[start - 5 : cue_start]):
        return []
    previous_start, _previous_end = view.clause_of(start - 6)
    opening = [m for m in view.mentions if previous_start <= m.start < start]
    first = opening[0] if opening else None
    if (
        first is None
        or first.category != "sign"
        or not re.fullmatch(r"\W*(?:the|an?)?\s*[\"“‘']?", view.text[previous_start : first.start], re.I)
    ):
        return []
    return [first]


# "only 50% of solitary foci represent metastases" gives a proportion, not an indication; "even in
# patients with cancer" names the population, not what the finding points to.
PROPORTION_BEFORE = re.compile(r"\d\s*%\s+of\s+(?:the\s+|these\s+)?(?:[\w-]+\s+){0,2}$", re.I)
POPULATION_BEFORE = re.compile(
    r"\b(?:patients?|those|individuals|subjects|people)\s+with\s+(?:an?\s+|the\s+|known\s+)*(?:[\w-]+\s+){0,2}$", re.I
)
READ_AS = re.compile(
    r"\s*,?\s*(?:represent\w*|reflect\w*|indicat\w*|suggest\w*)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}", re.I
)


def _reading_of_first(view: SentenceView, signs: list[Mention]) -> list[Mention]:
    """The signs with a finding that only says what the one before it shows dropped.

    In "flow voids representing abnormal vessels, compatible with a hypervascular lesion" the flow voids are what is
    compatible, so "abnormal vessels" does not take their place as the subject; nor does a look that only says where
    the first one lies ("peripheral enhancement around a necrotic core").
    """
    kept = list(signs)
    while len(kept) > 1 and (
        READ_AS.fullmatch(view.text[kept[-2].end : kept[-1].start])
        or ATTACHED.fullmatch(view.text[kept[-2].end : kept[-1].start])
    ):
        kept.pop()
    return kept


# "peripheral enhancement around a necrotic core suggests ...": the second look only places the first.
ATTACHED = re.compile(
    r"\s+(?:around|surrounding|within|inside|about|encircling|along)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?", re.I
)


COORDINATION_GAP = re.compile(r"\s*(?:,\s*|,?\s*(?:and|or)\s+)(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}", re.I)


def _coordinated(view: SentenceView, mentions: list[Mention]) -> list[Mention]:
    """The last mention and those joined to it by "and".

    "or" or commas ("the halo sign and diffuse hyperintensity are indicators of ..."): all are subjects of what follows,
    each as near to it as the last one.
    """
    joined = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if not COORDINATION_GAP.fullmatch(view.text[mention.end : joined[0].start]):
            break
        joined.insert(0, mention)
    return joined


def _in_brackets(view: SentenceView, position: int, end: int) -> bool:
    """Whether a position lies inside brackets that close before ``end`` (an aside, not the subject)."""
    opened = view.text.rfind("(", 0, position)
    return opened != -1 and view.text.rfind(")", opened, position) == -1 and view.text.find(")", position, end) != -1


SIGN_DEFINITION = re.compile(r"\s*\((?!\s*(?:fig|table|sensitivity|specificity|see|arrow|\d))([^()]{12,160})\)", re.I)


@rule("sign.defined_in_brackets", "sign", 0.75, general_only=True)
def sign_defined_in_brackets(view: SentenceView) -> Iterable[Candidate]:
    """A named sign with its definition in brackets right after it.

    "the target sign (a central bright dot within a dark lesion) ...", kept as written. Only a bracket that reads as a
    description counts (at least three words, no figures, not a figure or a measure cited).
    """
    for sign in view.of("sign"):
        match = SIGN_DEFINITION.match(view.text, sign.end)
        if match is None or len(match.group(1).split()) < 3 or re.search(r"\d", match.group(1)):
            continue
        yield Candidate("sign", ref(sign), "definedAs", text=match.group(1).strip(), span=(sign.start, match.end()))


FEATURES_OF = re.compile(
    r"\b(?:findings|features|signs|appearances?|clues)\s+(?:(?:have\s+been|are|were)\s+(?:\w+\s+){0,2}?(?:cited"
    r"|described|reported|proposed|used)\s+(?P<cited>to\s+suggest)\s+"
    r"|(?:(?P<suggest>suggestive\s+of|suggesting|that\s+suggest)|indicative\s+of|characteristic\s+of|typical\s+of"
    r"|specific\s+for|of)\s+)"
    r"(?:an?\s+|the\s+)?",
    re.I,
)
# What opens the list of features: "... include", "... are", or a colon
# ("features suggest a fracture: a convex border, ...").
LIST_OPENING = re.compile(rf"{LIST_AFTER.pattern}|\s*:\s*", re.I)
STAGE_WORDS = re.compile(r"(?:(?:acute|subacute|chronic|early|late)\s+)?", re.I)
FEATURE_CATEGORIES = ("finding", "sign", "signal", "density", "enhancement")


@rule("sign.features_of_list", "imaging_appearance", 0.8, general_only=True)
def sign_features_of_list(view: SentenceView) -> Iterable[Candidate]:
    """A list of findings that point to a lesion.

    "imaging features suggestive of a pathologic fracture include a convex posterior border and an epidural mass", "the
    most reliable signs of a malignant fracture are ...". Each finding of the list suggests (or indicates) the lesion.
    """
    for cue in FEATURES_OF.finditer(view.text):
        lesions = [
            m
            for m in view.of(*LESION)
            if m.start >= cue.end() and STAGE_WORDS.fullmatch(view.text[cue.end() : m.start])
        ]
        if not lesions:
            continue
        listed = LIST_OPENING.match(view.text, lesions[0].end)
        if listed is None:
            continue
        listable = FEATURE_CATEGORIES + (LESION if listed.group(0).strip() == ":" else ())
        items = enumeration(
            view,
            [
                m
                for m in view.mentions
                if m.start >= listed.end() and m.category in listable and m.concept.name != lesions[0].concept.name
            ],
            listed.end(),
        )
        predicate = "suggests" if cue.group("suggest") or cue.group("cited") else "indicates"
        for item in items:
            if item.concept.broad or item.concept.generic:
                continue
            kind = "sign" if item.category == "sign" else "imaging_appearance"
            candidate = simple(view, kind, ref(item), predicate, lesions[0], cue.start())
            yield replace(candidate, span=(cue.start(), listed.end()), negated=view.is_negated(item))


@rule("sign.shown_by", "sign", 0.75)
def sign_shown_by(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that shows a named sign.

    "hemangiomas show the corduroy sign"; in a caption, the lesion of the image that depicts it.
    """
    for sign in view.of("sign"):
        if _points_to_a_diagnosis(view, sign):
            continue
        subject = clause_subject(view, sign.start)
        if subject is None or not SHOWING_VERB.search(view.text[: sign.start]):
            subject = _lesion_shown(view, sign)
        if subject is not None:
            qualifiers = {
                "modality": modality_near(view, sign),
                "sequence": sequence_near(view, sign) or _shorthand_in_clause(view, sign),
            }
            qualifiers.update(technique_fallback(view, "sign", qualifiers))
            qualifiers.update(unnamed_technique(view, qualifiers))
            if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
                yield simple(view, "sign", subject, "showsSign", sign, sign.start, **qualifiers)


SHOWING_VERB = re.compile(
    r"\b(?:show\w*|demonstrat\w*|produc\w*|exhibit\w*|display\w*|ha[sv]e?|with|resembl\w*|give\w*|gave)\b", re.I
)
IMAGE_SHOWS = re.compile(
    r"\b(?:images?|scans?|MRI|MR|CT|radiographs?|views?|reformations?)\s*(?:\([a-z]\)\s*)?(?:shows?|depicts?"
    r"|demonstrates?|reveals?)\s+(?:the\s+|an?\s+)?[\"“‘']?$",
    re.I,
)
SIGN_IS_SEEN = re.compile(
    r"[\"”’']?\s+(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:demonstrated|seen|shown|present|noted|visible|evident"
    r"|depicted)\b",
    re.I,
)


def _points_to_a_diagnosis(view: SentenceView, sign: Mention) -> bool:
    """Whether the sign is the subject of its own clause's verb of indication.

    "whereas a fluid sign within the fractured body points to osteoporosis" says what the sign suggests
    (``sign.indicates`` reads it); the lesion named in the clause before does not show it.
    """
    return any(
        sign.end <= cue.start() <= sign.end + SIGN_TO_VERB_GAP and view.same_clause(sign.start, cue.start())
        for cue in cues(view, INDICATION_CUE)
    )


# How far a sign's verb may stand after it: a short phrase of place between ("within the collapsed body").
SIGN_TO_VERB_GAP = 40


def _lesion_shown(view: SentenceView, sign: Mention) -> Ref | None:
    """In a caption or case narrative.

    The lesion of the images that show a sign ("sagittal T2-weighted image depicts the halo sign", "a fluid sign is seen
    in this vertebral body"), or that "it" forms ("where it formed a draped curtain sign").
    """
    if not (view.is_case or view.is_caption):
        return None
    start, _end = view.clause_of(sign.start)
    if IMAGE_SHOWS.search(view.text[start : sign.start]) or SIGN_IS_SEEN.match(view.text, sign.end):
        return view.anaphor_ref()
    if view.is_case and view.case_lesion is not None and PRONOUN_FORMS.search(view.text[start : sign.start]):
        return view.case_lesion_ref
    return None


# In case narrative "it" forming or showing a sign is the case lesion: "where it formed a draped curtain sign".
PRONOUN_FORMS = re.compile(
    r"\b(?:it|which)\s+(?:\w+\s+)?(?:formed|forms|showed|shows|produced|produces|created|gave|displayed"
    r"|exhibited)\s+(?:an?\s+|the\s+)?[\"“‘']?$",
    re.I,
)


def _shorthand_in_clause(view: SentenceView, sign: Mention) -> Ref | None:
    """The sequence a sign's own description names in shorthand before it: the sign is seen on it.

    For example "a rim of bright T2 signal around them (a halo sign)".
    """
    start, _end = view.clause_of(sign.start)
    found = list(SEQUENCE_SHORTHAND.finditer(view.text, start, sign.start))
    return Ref(f"T{found[-1].group(1)}Weighted") if found else None


# "The sign is characteristic of X but is also seen in Y": the "but" clause goes on with the same subject.
SAME_SUBJECT_BUT = re.compile(r"^[^;:.]*\bbut\s+(?:is|are|may|can|has|have)\b[^;:.]*$", re.I)
SIGN_FOUND_IN = re.compile(
    r"[^;:.]{0,60}?\b(?:is|are|can\s+be|may\s+be|has\s+been|have\s+been)\s+(?:\w+\s+){0,2}?(?:found|seen|observed"
    r"|encountered|present)\s+in\s+(?:the\s+|an?\s+)?",
    re.I,
)


@rule("sign.found_in", "sign", 0.75, general_only=True)
def sign_found_in(view: SentenceView) -> Iterable[Candidate]:
    """A named sign said to be found in lesions or places.

    "the fluid sign is seen in acute osteoporotic fractures" (the fractures show it), "the pattern can be found in the
    brain, the spine, or both" (where the sign is seen).
    """
    for sign in view.of("sign"):
        found = SIGN_FOUND_IN.match(view.text, sign.end)
        if found is None or not (
            view.same_clause(sign.start, found.end()) or SAME_SUBJECT_BUT.search(view.text[sign.end : found.end()])
        ):
            continue
        following = [m for m in view.mentions if m.start >= found.end() and m.category in LESION + SITE]
        if not following or following[0].start > found.end() + 30:
            continue
        if following[0].category in LESION and not following[0].concept.broad:
            qualifiers = {"modality": modality_near(view, sign), "sequence": sequence_near(view, sign)}
            qualifiers.update(technique_fallback(view, "sign", qualifiers))
            qualifiers.update(unnamed_technique(view, qualifiers))
            lesions = [m for m in following if m.category in LESION]
            for lesion in enumeration(view, lesions, found.end()) or lesions[:1]:
                if not lesion.concept.broad:
                    yield simple(view, "sign", ref(lesion), "showsSign", sign, sign.start, **qualifiers)
        elif following[0].category in SITE:
            for site in enumeration(view, [m for m in following if m.category in SITE], found.end()):
                yield simple(view, "sign", ref(sign), "locatedIn", site, sign.start)


SIGN_DEFINED_BY_VERB = re.compile(
    r"[\"”’']?\s+(?:sign\s+)?(?:refers\s+to|describes|denotes|is\s+defined\s+as"
    r"|consists\s+of)\s+(?P<text>[^;:()\[\]]{12,160}?)\s*(?=[;:(\[]|\.(?:\s|$)|$)",
    re.I,
)


@rule("sign.defined_by_verb", "sign", 0.75, general_only=True)
def sign_defined_by_verb(view: SentenceView) -> Iterable[Candidate]:
    """A named sign defined by a verb.

    "the target sign refers to a central dot of high signal within a dark lesion" gives the definition as written, up to
    the end of its clause.
    """
    for sign in view.of("sign"):
        match = SIGN_DEFINED_BY_VERB.match(view.text, sign.end)
        if match is None or len(match.group("text").split()) < 3:
            continue
        yield Candidate(
            "sign", ref(sign), "definedAs", text=match.group("text").strip(), span=(sign.start, match.start("text"))
        )


SUPPORTS_DIAGNOSIS = re.compile(
    r"\b(?:helps?\s+(?:to\s+)?)?(?:supports?|supporting|favou?rs?)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?diagnosis"
    r"(?P<of>\s+of\s+(?:an?\s+|the\s+)?)?"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?P<of_helpful>helpful|useful)\s+(?:in|for)\s+(?:determining|diagnosing|establishing"
    r"|confirming|identifying)\b",
    re.I,
)
# "The key feature which supports the diagnosis of X is Y": the feature is named after the lesion.
FEATURE_THAT = re.compile(r"\b(?:features?|findings?|signs?|clues?)\s+(?:which|that)\s+$", re.I)
NAMED_AFTER = re.compile(r"\s*(?:is|are)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?$", re.I)
LOOKS = ("sign", "finding", "signal", "enhancement", "density")
# Said of the paragraph's lesion by "the diagnosis" itself, a sure pointer back, as sure as "there may be".
TOPIC_DIAGNOSIS_RELIABILITY = 0.9


@rule("sign.supports_diagnosis", "sign", 0.8)
def sign_supports_diagnosis(view: SentenceView) -> Iterable[Candidate]:
    """A finding that supports (or favours) the diagnosis of a lesion: it suggests the lesion, which shows it.

    "Marrow edema of the adjacent vertebra supports the diagnosis" (of the paragraph's lesion), "the
    feature that favours the diagnosis of X is its hypervascularity" (the feature named after the lesion),
    "flow voids with cord edema are helpful in determining that the lesion is an X" (every look of the
    subject, up to a lesion it names; that such a clue points to X is the differential rules' to say).
    """
    for cue in SUPPORTS_DIAGNOSIS.finditer(view.text):
        target, reliability = _diagnosed(view, cue)
        if target is None:
            continue
        for look in _supporting_looks(view, cue, target):
            sign_kind = "sign" if look.category == "sign" else "imaging_appearance"
            span = (min(look.start, cue.start()), max(look.end, cue.end()))
            hedge = view.hedge(*span)
            if cue.group("of_helpful") is None:
                yield Candidate(
                    sign_kind, ref(look), "suggests", target, hedge=hedge, span=span, reliability=reliability
                )
            predicate = "showsSign" if look.category == "sign" else APPEARANCE_PREDICATES[look.category]
            yield Candidate(
                sign_kind,
                target,
                predicate,
                ref(look),
                hedge=hedge,
                qualifiers=_technique(view, look),
                span=span if cue.group("of") else (look.start, look.end),
                reliability=reliability,
            )


def _diagnosed(view: SentenceView, cue: re.Match) -> tuple[Ref | None, float]:
    """The lesion a diagnosis cue names ("the diagnosis of X"), or the paragraph's lesion for a bare "the diagnosis"."""
    if cue.group("of") is None and cue.group("of_helpful") is None:
        topic = view.anaphor_ref()
        return topic, TOPIC_DIAGNOSIS_RELIABILITY
    reach = 20 if cue.group("of") is not None else 50
    _start, end = view.clause_of(cue.start())
    named = [m for m in view.of(*LESION) if 0 <= m.start - cue.end() <= reach and m.start < end]
    named = [m for m in named if not m.concept.broad]
    return (ref(named[0]), 0.0) if named else (None, 0.0)


def _supporting_looks(view: SentenceView, cue: re.Match, target: Ref) -> list[Mention]:
    """The looks that support the diagnosis: the subject of the cue's clause, or those named after the lesion."""
    if FEATURE_THAT.search(view.text[: cue.start()]):
        lesion_end = next((m.end for m in view.of(*LESION) if m.start >= cue.end()), cue.end())
        after = [m for m in view.of(*LOOKS) if m.start >= lesion_end]
        if after and NAMED_AFTER.fullmatch(view.text[lesion_end : after[0].start]):
            return [after[0]]
        return []
    start, _end = view.clause_of(cue.start())
    before = [m for m in view.mentions if start <= m.start and m.end <= cue.start() and m.category not in TECHNIQUE]
    if not before or before[0].category not in LOOKS or before[0].concept.generic:
        return []
    subject = []
    for mention in before:
        if mention.category in LESION:
            break
        if mention.category in LOOKS and not mention.concept.generic and mention.concept.name != target.name:
            subject.append(mention)
    return subject


def _coordinated_from_first(view: SentenceView, mentions: list[Mention]) -> list[Mention]:
    """The first look of a clause and the looks "and", "or" or commas join to it."""
    joined = [mentions[0]]
    for mention in mentions[1:]:
        if mention.category not in LOOKS or not COORDINATION_GAP.fullmatch(view.text[joined[-1].end : mention.start]):
            break
        joined.append(mention)
    return joined


def _technique(view: SentenceView, look: Mention) -> dict:
    """The sequence or modality a look is read on, from its sentence or the text before it."""
    qualifiers = {"modality": modality_near(view, look), "sequence": sequence_near(view, look)}
    qualifiers.update(technique_fallback(view, look.category, qualifiers))
    qualifiers.update(unnamed_technique(view, qualifiers))
    return {k: v for k, v in qualifiers.items() if v is not None}


RESEMBLES = re.compile(
    r"\b(?:resembl(?:e|es|ed|ing)|look(?:s|ed)?\s+like|giv(?:e|es|en|ing)(?:\s+rise\s+to)?|produc(?:e|es|ed|ing))\s+"
    r"(?:(?:an?|the)\s+)?[\"“‘']?$",
    re.I,
)


LISTED_NEXT = re.compile(r"(?:[^;:.]{0,40}?\s(?:and|or)|\s*,)\s+(?:an?\s+|the\s+)?[\"“‘']?$", re.I)


def _listed_after(view: SentenceView, signs: list[Mention]) -> list[Mention]:
    """The first sign and those listed after it ("a polka-dot appearance on axial images and a corduroy one ...")."""
    listed = [signs[0]]
    for sign in signs[1:]:
        if not view.same_clause(listed[-1].start, sign.start) or not LISTED_NEXT.fullmatch(
            view.text[listed[-1].end : sign.start]
        ):
            break
        listed.append(sign)
    return listed


# What may come before the finding that resembles a sign: "On axial CT, the ...".
RESEMBLING_OPENING = re.compile(r"\W*(?:(?:on|in)\s+[^,;]{1,40},\s*)?(?:the\s+|these\s+|its\s+|their\s+)?", re.I)


@rule("sign.resembled", "sign", TOPIC_DIAGNOSIS_RELIABILITY, general_only=True)
def sign_resembled(view: SentenceView) -> Iterable[Candidate]:
    """A finding heading its sentence that resembles a named sign: the paragraph's lesion shows both.

    "The thickened trabeculae resemble a polka-dot pattern or honeycomb on CT" speaks of the trabeculae of
    the lesion the paragraph is about; so it shows the signs named (all of a list joined by "or", "and"
    or commas) and has the finding.
    """
    named = [m for m in view.mentions if m.category not in TECHNIQUE]
    opening = named[0] if named else None
    if opening is None or opening.category != "finding" or opening.concept.generic:
        return
    if not RESEMBLING_OPENING.fullmatch(view.text[: opening.start]):
        return
    signs = [m for m in view.of("sign") if m.start > opening.end]
    if not signs or not RESEMBLES.search(view.text[opening.end : signs[0].start]):
        return
    if any(m.start < signs[0].start and m.category in LESION + ("sign",) for m in view.mentions[1:]):
        return
    topic = view.anaphor_ref()
    if topic is None:
        return
    qualifiers = _technique(view, signs[0])
    for sign in _listed_after(view, signs):
        yield Candidate("sign", topic, "showsSign", ref(sign), qualifiers=dict(qualifiers), span=(sign.start, sign.end))
    yield Candidate(
        "imaging_appearance",
        topic,
        "hasImagingFinding",
        ref(opening),
        qualifiers=_technique(view, opening),
        span=(opening.start, opening.end),
    )


SHARE_SHOWING = re.compile(
    r"\b(?:(?:up\s+to|about|approximately|around|nearly|almost)\s+)?(?P<value>\d+(?:\.\d+)?)\s*%\s+of\s+"
    r"(?:these\s+|those\s+|the\s+|all\s+|such\s+)?",
    re.I,
)
SHOWING_AFTER_LESION = re.compile(
    r"\s+(?:may\s+|can\s+|will\s+|also\s+)*(?:show|demonstrate|display|exhibit|have|has)\w*\s+(?:the\s+|an?\s+)?[\"“‘']?$",
    re.I,
)


@rule("sign.share_showing", "sign", 0.8, general_only=True)
def sign_share_showing(view: SentenceView) -> Iterable[Candidate]:
    """A share of lesions that show a named sign: how often the sign is seen in them.

    "Up to 30% of these fractures may show the vacuum sign" gives the sign a prevalence of 30 percent in
    those fractures.
    """
    for share in SHARE_SHOWING.finditer(view.text):
        lesions = [m for m in view.of(*LESION, specific=False) if m.start >= share.end()]
        if not lesions or not re.fullmatch(r"(?:[\w-]+\s+){0,3}", view.text[share.end() : lesions[0].start]):
            continue
        signs = [m for m in view.of("sign") if m.start > lesions[0].end]
        if not signs or not SHOWING_AFTER_LESION.fullmatch(view.text[lesions[0].end : signs[0].start]):
            continue
        subject = view.subject_before(lesions[0].end) if lesions[0].concept.broad else ref(lesions[0])
        qualifiers = {"population": view.text[share.end() : lesions[0].end].strip()}
        if subject is not None:
            qualifiers["target"] = subject
        yield Candidate(
            "sign",
            ref(signs[0]),
            "hasPrevalence",
            value=float(share.group("value")),
            unit="percent",
            hedge=view.hedge(share.start(), signs[0].start),
            qualifiers=qualifiers,
            span=(share.start(), signs[0].end),
        )


CALLED = re.compile(
    r"\b(?:(?:referred\s+to|known|described)\s+as|called|termed|named|dubbed)\s+(?:the\s+|an?\s+)?[\"“‘']?$", re.I
)


@rule("sign.named_look", "sign", TOPIC_DIAGNOSIS_RELIABILITY, general_only=True)
def sign_named_look(view: SentenceView) -> Iterable[Candidate]:
    """A look of the paragraph's lesion that the sentence names as a sign: the lesion shows that sign.

    "This enhancement pattern has been called the 'sugar coating' sign" in a paragraph about one lesion,
    when the sentence names no lesion before the sign.
    """
    signs = view.of("sign")
    if not signs:
        return
    start, _end = view.clause_of(signs[0].start)
    if not CALLED.search(view.text[start : signs[0].start]):
        return
    before = [m for m in view.mentions if start <= m.start and m.end <= signs[0].start]
    opening = before[0] if before else None
    if opening is None or opening.category not in ("enhancement", "signal", "finding", "density"):
        return
    if any(m.category in LESION for m in before):
        return
    topic = view.anaphor_ref()
    if topic is None:
        return
    qualifiers = _technique(view, signs[0])
    for sign in {m.concept.name: m for m in _coordinated_from_first(view, signs)}.values():
        yield Candidate("sign", topic, "showsSign", ref(sign), qualifiers=dict(qualifiers), span=(sign.start, sign.end))


SIGN_A_FINDING_IN = re.compile(
    r"[^;:.]{0,100}?\b(?:is|are)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:finding|feature)\s+(?:in|of)\s+"
    r"(?:the\s+|an?\s+)?",
    re.I,
)


@rule("sign.a_finding_in", "sign", 0.8, general_only=True)
def sign_a_finding_in(view: SentenceView) -> Iterable[Candidate]:
    """A named sign said to be a (common, typical) finding in lesions: they show it.

    "The vacuum sign ... is a frequent finding in chronic osteoporotic fractures", the lesion named after at
    most a few describing words ("acute and subacute").
    """
    for sign in view.of("sign"):
        found = SIGN_A_FINDING_IN.match(view.text, sign.end)
        if found is None or any(m.category == "sign" and sign.end <= m.start < found.end() for m in view.mentions):
            continue
        lesions = [m for m in view.of(*LESION) if m.start >= found.end()]
        if not lesions or lesions[0].concept.broad:
            continue
        if not re.fullmatch(r"(?:[\w-]+\s+){0,5}", view.text[found.end() : lesions[0].start]):
            continue
        qualifiers = _technique(view, sign)
        if qualifiers:
            yield simple(view, "sign", ref(lesions[0]), "showsSign", sign, sign.start, **qualifiers)


SEEN_IN_SHARE = re.compile(
    r"[\"”’']?\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:seen|present|found|observed|identified|noted|visible)\s+in\s+"
    r"(?:(?:up\s+to|about|approximately|around|nearly|almost)\s+)?(?P<value>\d+(?:\.\d+)?)\s*%\s+of\s+"
    r"(?:the\s+|all\s+)?",
    re.I,
)
CASES = re.compile(r"(?:cases|patients|tumou?rs|lesions)\b", re.I)


@rule("sign.seen_in_share", "sign", TOPIC_DIAGNOSIS_RELIABILITY, general_only=True)
def sign_seen_in_share(view: SentenceView) -> Iterable[Candidate]:
    """A named sign heading its sentence, seen in a share of cases: the lesion shows it that often.

    "A dural tail is seen in up to 60% of cases" (of the paragraph's lesion), "the fluid sign is present in
    40% of osteoporotic fractures" (of the lesion named).
    """
    signs = view.of("sign")
    if not signs or not re.fullmatch(r"\W*(?:the\s+|an?\s+)?[\"“‘']?", view.text[: signs[0].start], re.I):
        return
    seen = SEEN_IN_SHARE.match(view.text, signs[0].end)
    if seen is None:
        return
    named = [m for m in view.of(*LESION) if m.start >= seen.end() and not m.concept.broad]
    if named and re.fullmatch(r"(?:[\w-]+\s+){0,3}", view.text[seen.end() : named[0].start]):
        owner, reliability = ref(named[0]), 0.8
    elif CASES.match(view.text, seen.end()):
        owner, reliability = view.anaphor_ref(), TOPIC_DIAGNOSIS_RELIABILITY
    else:
        return
    if owner is None:
        return
    sign = signs[0]
    span = (sign.start, seen.end())
    qualifiers = _technique(view, sign)
    if qualifiers:
        yield Candidate(
            "sign",
            owner,
            "showsSign",
            ref(sign),
            qualifiers=qualifiers,
            span=(sign.start, sign.end),
            reliability=reliability,
        )
    yield Candidate(
        "sign",
        ref(sign),
        "hasPrevalence",
        value=float(seen.group("value")),
        unit="percent",
        hedge=view.hedge(*span),
        qualifiers={"target": owner},
        span=span,
        reliability=reliability,
    )


APPOSED_SIGN = re.compile(r"\s*,\s*(?:the|an?)\s+[\"“‘']?$", re.I)
APPOSITION_END = re.compile(r"[\"”’']?\s*(?:[,.;)]|and\b|$)", re.I)
LOOKS_BEFORE_SIGN = ("finding", "signal", "enhancement", "density")


@rule("sign.named_in_apposition", "sign", TOPIC_DIAGNOSIS_RELIABILITY, general_only=True)
def sign_named_in_apposition(view: SentenceView) -> Iterable[Candidate]:
    """A named sign set after a comma as the name of the look just described: the look's lesion shows it.

    "On axial CT the trabeculae appear as dense dots, the polka-dot sign" names the look of the lesion the
    sentence speaks of (the paragraph's, when it names none) with the sign.
    """
    for sign in view.of("sign"):
        before = view.text[: sign.start]
        apposed = APPOSED_SIGN.search(before)
        if apposed is None or not APPOSITION_END.match(view.text, sign.end):
            continue
        looks = [
            m
            for m in view.mentions
            if m.category in LOOKS_BEFORE_SIGN and m.end <= apposed.start() and apposed.start() - m.end <= 60
        ]
        if not looks or any(m.category == "sign" and m.end <= apposed.start() for m in view.mentions):
            continue
        owner = _owner_of_look(view, looks[0])
        if owner is not None:
            qualifiers = _technique_before(view, looks[0])
            yield Candidate("sign", owner, "showsSign", ref(sign), qualifiers=qualifiers, span=(sign.start, sign.end))


def _technique_before(view: SentenceView, look: Mention) -> dict:
    """The technique a look is read on when the sentence names one before it, else the one the text before gives.

    A technique named only later in the sentence belongs to a later clause ("..., and on radiographs ...").
    """
    named = [m for m in view.of("sequence", "modality") if m.end <= look.start]
    if named:
        return {"sequence" if named[-1].category == "sequence" else "modality": ref(named[-1])}
    context = view.context_technique
    if context is not None:
        return {"sequence" if context.category == "sequence" else "modality": ref(context)}
    return unnamed_technique(view, {})


def _owner_of_look(view: SentenceView, look: Mention) -> Ref | None:
    """The specific lesion named before a look in its sentence, else (none named) the paragraph's lesion."""
    named = [m for m in view.of(*LESION) if m.end <= look.start]
    if named:
        return None if named[-1].concept.broad else ref(named[-1])
    return view.anaphor_ref()


PRONOUN_GIVES = re.compile(
    r"(?:^|[,;]\s*(?:and|but|while|whereas)?\s*)(?:(?:on|in)\s+(?:[\w-]+\s+){1,3}?,?\s*)?(?:they|it|these\s+lesions"
    r"|these\s+tumou?rs)\s+(?:may\s+|can\s+|often\s+|typically\s+|usually\s+|also\s+|classically\s+)*"
    r"(?:give|gives|produce|produces|create|creates|show|shows|display|displays)\s+(?:an?\s+|the\s+)?[\"“‘']?$",
    re.I,
)


@rule("sign.pronoun_gives", "sign", TOPIC_DIAGNOSIS_RELIABILITY, general_only=True)
def sign_pronoun_gives(view: SentenceView) -> Iterable[Candidate]:
    """A pronoun for the paragraph's lesion that gives or produces a named sign, on the technique its clause opens with.

    "On radiographs they give a honeycomb pattern", "... and on CT these lesions produce a polka-dot
    appearance": the lesion the paragraph is about shows the sign on that technique.
    """
    for sign in view.of("sign"):
        gives = PRONOUN_GIVES.search(view.text[: sign.start])
        if gives is None:
            continue
        between = [m for m in view.mentions if gives.start() <= m.start and m.end <= sign.start]
        if any(m.category not in TECHNIQUE for m in between):
            continue
        if any(not m.concept.broad for m in view.of(*LESION)):
            continue
        topic = view.anaphor_ref()
        if topic is not None:
            yield Candidate(
                "sign", topic, "showsSign", ref(sign), qualifiers=_technique(view, sign), span=(gives.start(), sign.end)
            )
