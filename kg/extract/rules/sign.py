"""Relation rules for sign statements.

What a sign or finding indicates or suggests, which lesions show a named sign (and on which technique), where a sign is
seen, and how a sign is defined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Mention
from kg.extract.rules.appearance import (
    SEQUENCE_SHORTHAND,
    clause_subject,
    modality_near,
    sequence_near,
    technique_fallback,
)
from kg.extract.rules.base import LESION, SITE, Candidate, after_in_clause, cues, ref, rule, simple
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
    marker of normal marrow"). Signs joined by "and" all take the cue.
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
        word = cue.group(0).lower()
        predicate = "suggests" if SUGGESTING_CUE.match(word) else "indicates"
        joined = _coordinated(view, _reading_of_first(view, signs))
        for sign in joined:
            if PROPORTION_BEFORE.search(view.text[: sign.start]):
                continue
            kind = "sign" if sign.category == "sign" else "imaging_appearance"
            inserted = INSERTED_DEFINITION.fullmatch(view.text[sign.end : cue.start()]) or not view.same_clause(
                sign.start, cue.start()
            )
            anchor = cue.start() if sign.category == "sign" and inserted else joined[-1].start
            for target in _indicated(view, cue.end(), sign):
                yield simple(view, kind, ref(sign), predicate, target, anchor)


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
    compatible, so "abnormal vessels" does not take their place as the subject.
    """
    kept = list(signs)
    while len(kept) > 1 and READ_AS.fullmatch(view.text[kept[-2].end : kept[-1].start]):
        kept.pop()
    return kept


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
        subject = clause_subject(view, sign.start)
        if subject is None or not SHOWING_VERB.search(view.text[: sign.start]):
            subject = _lesion_shown(view, sign)
        if subject is not None:
            qualifiers = {
                "modality": modality_near(view, sign),
                "sequence": sequence_near(view, sign) or _shorthand_in_clause(view, sign),
            }
            qualifiers.update(technique_fallback(view, "sign", qualifiers))
            if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
                yield simple(view, "sign", subject, "showsSign", sign, sign.start, **qualifiers)


SHOWING_VERB = re.compile(
    r"\b(?:show\w*|demonstrat\w*|produc\w*|exhibit\w*|display\w*|ha[sv]e?|with|resembl\w*|give\w*)\b", re.I
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
        if found is None or not view.same_clause(sign.start, found.end()):
            continue
        following = [m for m in view.mentions if m.start >= found.end() and m.category in LESION + SITE]
        if not following or following[0].start > found.end() + 30:
            continue
        if following[0].category in LESION and not following[0].concept.broad:
            qualifiers = {"modality": modality_near(view, sign), "sequence": sequence_near(view, sign)}
            qualifiers.update(technique_fallback(view, "sign", qualifiers))
            if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
                yield simple(view, "sign", ref(following[0]), "showsSign", sign, sign.start, **qualifiers)
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
