"""Relation rules for lesion_location statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognise import Mention
from kg.extract.rules.appearance import CORD_SIGNAL
from kg.extract.rules.base import LESION, SITE, Candidate, after_in_clause, cues, rule, simple
from kg.extract.rules.base import ref as ref_of
from kg.extract.sentence import Ref, SentenceView

LOCATION_CUE = (
    r"\b(?:occur\w*|locat\w*|aris\w*|arose|originat\w*|attached|found|situated|lies?|appear(?:s|ed|ing)?|seen|involv\w*"
    r"|affect\w*|"
    r"extend\w*|extension|invad\w*|invasion|spread\w*(?=\s+into)|predilection for|confined|limited|detected|identified"
    r"|present)\b"
    r"(?:\s+\w+ly)?(?:\s+(?:in|on|within|to|into|at|from|the))?"
)


@rule("location.cue_then_site", "lesion_location", 0.8)
def location_cue_then_site(view: SentenceView) -> Iterable[Candidate]:
    """A lesion, a location verb, then sites: "This lesion mostly occurs in the body of vertebral bones".

    Each cue reads only its own phrase, up to the next location verb or an effect verb ("extending to the
    epidural space compressing the cord" places the mass in the epidural space, not in the cord).
    "Extension from the bone" names where the lesion came from, not where it went, so it is not read as
    extension; a lesion class that is only being divided into kinds ("extradural lesions can be divided
    into ... those arising from the vertebra") does not itself arise there. In case narrative a lesion
    class denied somewhere ("no metastases in the lungs") tells the patient's staging, a case fact, not
    where such lesions lie.
    """
    matches = cues(view, LOCATION_CUE)
    for k, cue in enumerate(matches):
        subject = _subject_of_cue(view, cue.start())
        predicate = _cue_predicate(cue.group(0).lower())
        if subject is None or predicate is None:
            continue
        end = _phrase_end(view, cue.end(), matches[k + 1].start() if k + 1 < len(matches) else len(view.text))
        placed = [
            site
            for site in after_in_clause(view, cue.end(), SITE)
            if site.start < end and site.concept.name != "VertebralLevel" and not _beside(view, cue.end(), site)
        ]
        for site in placed:
            candidate = simple(view, "lesion_location", subject, _origin_predicate(predicate, site), site, cue.start())
            if not _denied_in_case(view, candidate):
                yield candidate
        if subject.is_case or REGION_ADJECTIVE_OF_CORD.search(view.text, cue.end(), end):
            yield from _regions(view, subject, cue.end(), end, placed)
        for level_name in _levels_after(view, cue.end()):
            yield Candidate("lesion_location", subject, "atLevel", Ref(level_name), span=(cue.start(), cue.end()))


def _cue_predicate(word: str) -> str | None:
    """The property a location verb states.

    None for extension "from" a site (where the lesion came from), *arises from* for a lesion that "arose from" or
    "originated from" a structure or is "attached to" it (a meningioma attached to the dura grows from it).
    """
    spreads = bool(re.match(r"exten|invad|invasion|spread", word))
    if spreads and re.search(r"\bfrom$", word):
        return None
    if re.match(r"aris|arose|originat", word) and re.search(r"\bfrom$", word) or re.match(r"attached\b.*\bto$", word):
        return "arisesFrom"
    return "canInvolve" if re.match(r"involv|affect", word) else "extendsInto" if spreads else "locatedIn"


# Where a lesion "arises from" a bone, a region or a compartment, it lies there; from a structure such
# as a nerve root or the dura, it grows out of that structure.
PLACE_SITES = {"OsseousSite", "Bone", "SpinalRegion", "VertebralColumn"} | {
    "ExtraduralSite",
    "IntraduralExtramedullarySpace",
    "IntramedullarySite",
    "ParaspinalSite",
}


def _origin_predicate(predicate: str, site: Mention) -> str:
    """*Arises from* for a structure a lesion grows out of, *located in* for a place it arises in."""
    if predicate == "arisesFrom" and (site.concept.ancestors & PLACE_SITES or site.concept.name in PLACE_SITES):
        return "locatedIn"
    return predicate


CLASS_DIVISION = re.compile(
    r"\b(?:divided|subdivided|classified|categori[sz]ed|grouped|separated|split)\s+(?:in)?to\b|\b(?:those|ones)\b"
    r"|\bcategor(?:y|ies)\b",
    re.I,
)
SENTENCE_JOIN = re.compile(r"[.!?]\s+(?=[A-Za-z])")
EFFECT_VERB = re.compile(
    r"\b(?:compress\w*|caus\w*|imping\w*|displac\w*|effac\w*|result\w*|leading|narrow\w*|destroy\w*|erod\w*)\b", re.I
)


def _subject_of_cue(view: SentenceView, position: int) -> Ref | None:
    """The lesion a location verb speaks of, unless the lesion is only a class being divided into kinds.

    Or is named only in an earlier sentence the splitter glued to this one.
    """
    subject = view.subject_before(position)
    if subject is None or subject.anaphoric:
        return subject
    named = [m for m in view.of(*LESION, specific=False) if m.end <= position]
    part_start = max((m.end() for m in SENTENCE_JOIN.finditer(view.text, 0, position)), default=0)
    if named and all(m.end <= part_start for m in named):
        return None
    last = named[-1] if named else None
    if last is not None and CLASS_DIVISION.search(view.text, last.end, position):
        return None
    return subject


BESIDE = re.compile(
    r"\b(?:over|overlying|above|below|beneath|under|underneath|near|adjacent to|next to|abutting|than)\s+(?:the\s+"
    r"|an?\s+)?(?:[\w-]+\s+){0,5}$",
    re.I,
)


def _beside(view: SentenceView, start: int, site: Mention) -> bool:
    """Whether a site is named as what the lesion lies over or beside, or as the other term of a comparison.

    Such a site is not where the lesion lies: "invading the muscles over the thoracic spine", "involved more often
    than the anterior epidural space".
    """
    return bool(BESIDE.search(view.text, start, site.start))


def _phrase_end(view: SentenceView, start: int, next_cue: int) -> int:
    """Where a location verb's phrase ends: at the next location verb or at an effect verb."""
    effect = EFFECT_VERB.search(view.text, start, next_cue)
    return effect.start() if effect else next_cue


REGION_WORDS = {
    "cervical": "CervicalRegion",
    "thoracic": "ThoracicRegion",
    "lumbar": "LumbarRegion",
    "sacral": "SacralRegion",
}
REGION_WORD = re.compile(r"\b(cervical|thoracic|lumbar|sacral)\b", re.I)
# "the cervical cord": a region word on the cord names the spinal region a lesion class lies in too.
REGION_ADJECTIVE_OF_CORD = re.compile(r"\b(?:cervical|thoracic)\s+(?:spinal\s+)?cord\b", re.I)


def _regions(view: SentenceView, subject: Ref, start: int, end: int, placed: list[Mention]) -> Iterable[Candidate]:
    """The spinal regions a case lesion lies in, from the region words of the sites after a cue or a preposition.

    "in a lower thoracic vertebral body", "over the lower cervical and upper thoracic spine".

    Only region words that belong to a site phrase count (the phrase ends at the last site before ``end``),
    so "on the sagittal lumbar MR image" names no region of the lesion. A region word inside a site the
    lesion is placed in ("in the thoracic spine") already says the region through that site.
    """
    sites = [m for m in view.mentions if m.category in SITE and start <= m.start and m.end <= end]
    if not sites:
        return
    for word in REGION_WORD.finditer(view.text, start, sites[-1].end):
        if any(m.start <= word.start() < m.end for m in placed):
            continue
        yield Candidate(
            "lesion_location", subject, "inRegion", Ref(REGION_WORDS[word.group(1).lower()]), span=(start, word.end())
        )


def _levels_after(view: SentenceView, position: int) -> list[str]:
    """Vertebral levels named after a position, in its clause."""
    _start, end = view.clause_of(position)
    return [name for mention in view.levels if position <= mention.start < end for name in mention.levels]


@rule("location.lesion_in_site", "lesion_location", 0.8)
def location_lesion_in_site(view: SentenceView) -> Iterable[Candidate]:
    """A lesion followed closely by "in the" and a site.

    "a mass in the spinal foramen"; a lesion named only by its head noun also by "of the": "a mass of the sacrum" (where
    "carcinoma of the breast" names the primary's organ, not where the lesion in the spine lies).
    """
    for lesion in view.of(*LESION, specific=False):
        prepositions = r"in|within|at|along|of" if lesion.concept.broad else r"in|within|at|along"
        site = _site_right_after(view, lesion.end, prepositions)
        if site is None:
            continue
        subject = view.subject_before(lesion.end)
        if subject is None:
            continue
        run = _site_run(view, site)
        yield from _placed(view, subject, run, lesion.start)
        if subject.is_case or REGION_ADJECTIVE_OF_CORD.search(view.text, lesion.end, run[-1].end):
            yield from _regions(view, subject, lesion.end, run[-1].end, run)


SITE_MODIFIERS = (
    r"upper|lower|mid|middle|distal|proximal|posterior|anterior|dorsal|ventral|left|right|adjacent|cervical|thoracic"
    r"|lumbar|sacral"
)


def _site_right_after(view: SentenceView, position: int, prepositions: str) -> Mention | None:
    """The site a preposition names right after a position.

    "in the L2 vertebral body", "in a lower thoracic vertebral body" (an article, a level and position words may come
    between), also after a focusing word: ", not only in the thoracic spine", "mainly in the sacrum", "in not only the
    L5 vertebral body", after a bracketed pointer ("lesions (arrows) along the cauda equina") and through a part of the
    site ("in the right side of the spinal canal").
    """
    lead = re.compile(
        rf"(?:\s*\([^()]*\))?\s*,?\s+(?:(?:{FOCUS_WORDS})\s+)?(?:{prepositions})\s+(?:(?:{FOCUS_WORDS})\s+)?(?:the\s+"
        rf"|an?\s+)?"
        rf"(?:(?:{SITE_MODIFIERS})\s+(?:side|part|portion|aspect)\s+of\s+(?:the\s+)?)?"
        rf"(?:[CTLS]\d{{1,2}}(?:\s*(?:-|–|and)\s*[CTLS]?\d{{1,2}})?\s+)?(?:(?:{SITE_MODIFIERS})\s+){{0,3}}",
        re.I,
    )
    sites = [
        m
        for m in view.mentions
        if m.category in SITE and position < m.start <= position + 60 and lead.fullmatch(view.text[position : m.start])
    ]
    return sites[0] if sites else None


FOCUS_WORDS = r"not only|both|mainly|mostly|chiefly|predominantly|particularly|especially|usually|typically"
SITE_LINK = re.compile(
    rf"(?:\s|,|\b(?:and|or|as well as|but also|{FOCUS_WORDS}|in|within|at|of|the|an?|{SITE_MODIFIERS})\b"
    rf"|[CTLS]\d{{1,2}}\b)*",
    re.I,
)


def _placed(view: SentenceView, subject: Ref, run: list[Mention], anchor: int) -> Iterable[Candidate]:
    """``locatedIn`` each site of a run; a coordinated site is as close to its anchor as the first one."""
    for site in run:
        candidate = simple(view, "lesion_location", subject, "locatedIn", site, anchor)
        candidate.span = (min(anchor, run[0].start), max(anchor, run[0].end))
        if not _denied_in_case(view, candidate):
            yield candidate


def _denied_in_case(view: SentenceView, candidate: Candidate) -> bool:
    """A lesion class denied somewhere in case narrative ("no metastases in the lungs").

    The patient's staging, a case fact, not a general statement on where such lesions lie.
    """
    return candidate.negated and view.is_case and not candidate.subject.is_case


def _site_run(view: SentenceView, first: Mention) -> list[Mention]:
    """A site with the sites coordinated after it, and the site it is part of.

    "in the posterior elements and the vertebral bodies", "in the ribs and sacrum", "the posterior cortex of the L3
    vertebral body".
    """
    run = [first]
    for mention in (m for m in view.mentions if m.start >= first.end):
        if not SITE_LINK.fullmatch(view.text[run[-1].end : mention.start]):
            break
        if mention.category in SITE:
            run.append(mention)
    return run


@rule("location.by_definition", "lesion_location", 0.75, case_only=True)
def location_by_definition(view: SentenceView) -> Iterable[Candidate]:
    """The case lesion named by a compartment class lies where that class is defined to lie.

    For example "an intramedullary lesion".
    """
    if view.case_lesion is None:
        return
    for mention in view.of(*LESION, specific=False):
        site = mention.concept.located_in
        if site and view.subject_before(mention.end) == view.case_lesion_ref:
            yield Candidate(
                "lesion_location",
                view.case_lesion_ref,
                "locatedIn",
                Ref(site),
                span=(mention.start, mention.end),
            )


@rule("location.finding_in_site", "lesion_location", 0.75, case_only=True)
def location_finding_in_site(view: SentenceView) -> Iterable[Candidate]:
    """In case narrative, a finding of the case lesion "of" or "in" a site places the lesion there.

    "lucency of the L2 vertebral body", "a mass in the posterior epidural space", "abnormal signal in the posterior
    elements and the vertebral bodies" (a bare "signal" counts here: in a case or a caption it is the lesion's signal).
    """
    for look in view.of("finding", "density", "signal", "enhancement", specific=False):
        subject = view.subject_before(look.start) or view.anaphor_ref()
        if subject is None or not subject.is_case:
            continue
        site = _site_right_after(view, look.end, r"of|in|at|within|involving")
        if site is None or (look.category == "signal" and CORD_SIGNAL.match(view.text, look.end)):
            continue
        run = _site_run(view, site)
        yield from _placed(view, subject, run, look.start)
        yield from _regions(view, subject, look.end, run[-1].end, run)


COMPARTMENT_WORDS = {
    "extradural": ("ExtraduralSite", False),
    "epidural": ("EpiduralSpace", False),
    "intramedullary": ("IntramedullarySite", False),
    "extramedullary": ("IntramedullarySite", True),
    "intradural": ("IntraduralExtramedullarySite", False),
    "paraspinal": ("ParaspinalSite", False),
    "paravertebral": ("ParaspinalSite", False),
    "leptomeningeal": ("LeptomeningealSite", False),
}
MASS_HEAD = re.compile(r"\b(?:mass|masses|component)$", re.I)
# "Extramedullary" denies the cord in its own word, surer than a negation scope, so it keeps its place in the graph.
LEXICAL_NEGATION_RELIABILITY = 0.8
COMPARTMENT_WORD = re.compile(
    r"\b(extra-?dural|epidural|intra-?medullary|extra-?medullary|intra-?dural|paraspinal|paravertebral|leptomeningeal)"
    r"(?=(?:[\s,]+[\w-]+){0,4}?\s*$)",
    re.I,
)


@rule("location.compartment_word", "lesion_location", 0.75, case_only=True)
def location_compartment_word(view: SentenceView) -> Iterable[Candidate]:
    """A compartment adjective before the case lesion puts it in that compartment.

    "an extradural vascular tumour", "an extramedullary soft tissue mass" (extramedullary: not in the cord). Only
    adjectives the recogniser did not already read as part of a lesion's name count, so "epidural lymphoma" is left to
    its class's definition, and an adjective before another lesion or a site belongs to that one. A finding that names a
    mass ("a soft tissue mass") is the case lesion too.
    """
    if view.case_lesion is None:
        return
    heads = [m for m in view.mentions if m.category in LESION or (m.category == "finding" and MASS_HEAD.search(m.text))]
    for mention in heads:
        subject = view.subject_before(mention.end) or view.anaphor_ref()
        if subject is None or not subject.is_case:
            continue
        window_start = max(0, mention.start - 60)
        previous = [m for m in view.mentions if window_start <= m.end <= mention.start and m.category in LESION + SITE]
        start = max([window_start] + [m.end for m in previous])
        for word in COMPARTMENT_WORD.finditer(view.text, start, mention.start):
            site, negated = COMPARTMENT_WORDS[word.group(1).lower().replace("-", "")]
            yield Candidate(
                "lesion_location",
                subject,
                "locatedIn",
                Ref(site),
                negated=negated,
                span=(word.start(), mention.end),
                reliability=LEXICAL_NEGATION_RELIABILITY if negated else 0.0,
            )


SITE_INVOLVED = re.compile(
    r"\s+(?:is|are|was|were|(?:may|can|might|will)\s+(?:\w+\s+)?be)\s+(?:\w+\s+){0,3}?(?:\([^)]*\)\s+)?"
    r"(?P<verb>involved|affected|spared)\b(?:\s+(?:more|less)\s+(?:often|commonly|frequently)\s+than\b)?",
    re.I,
)


@rule("location.site_is_involved", "lesion_location", 0.8)
def location_site_is_involved(view: SentenceView) -> Iterable[Candidate]:
    """A site said to be involved by a lesion.

    "the thoracic spine is most often involved in epidural cord compression"; a site said to be spared is not involved:
    "in epidural lymphoma the bone may be spared". The lesion is the one named after "in", "by" or "with", else the one
    the sentence named before the site, else the paragraph's topic.
    """
    for site in view.of(*SITE):
        verb = SITE_INVOLVED.match(view.text, site.end)
        if verb is None:
            continue
        subject = _involving_lesion(view, verb.end()) or view.subject_before(site.start) or view.anaphor_ref()
        if subject is None:
            continue
        candidate = simple(view, "lesion_location", subject, "canInvolve", site, site.start)
        if verb.group("verb").lower() == "spared":
            candidate.negated = True
        else:
            candidate.predicate = "locatedIn"
        yield candidate


def _involving_lesion(view: SentenceView, position: int) -> Ref | None:
    """The lesion named right after "involved in / by / with"."""
    lead = re.compile(r"\s+(?:in|by|with)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?", re.I)
    for mention in view.of(*LESION):
        if (
            mention.start > position
            and lead.fullmatch(view.text[position : mention.start])
            and not mention.concept.broad
        ):
            return ref_of(mention)
    return None


LESIONS_THAT = re.compile(
    r"\s+(?:that|which)\s+(?:may\s+|can\s+|commonly\s+|often\s+|typically\s+|usually\s+)?"
    r"(?P<verb>involve|affect|occur in|arise in|arise from|are found in|are located in)\s+(?:the\s+)?$",
    re.I,
)
INCLUDE = re.compile(r"\s+(?:include|includes|are|comprise)\b", re.I)


@rule("location.lesions_that_include", "lesion_location", 0.8)
def location_lesions_that_include(view: SentenceView) -> Iterable[Candidate]:
    """Lesions listed as the ones found at a site.

    "lesions that may involve the epidural space include epidural hematoma and epidural abscess" places each listed
    lesion at that site.
    """
    for head in (m for m in view.of(*LESION, specific=False) if m.concept.broad or m.concept.generic):
        sites = [
            m for m in view.of(*SITE) if m.start > head.end and LESIONS_THAT.fullmatch(view.text[head.end : m.start])
        ]
        if not sites:
            continue
        site = sites[0]
        if not INCLUDE.match(view.text, site.end):
            continue
        predicate = (
            "canInvolve"
            if re.match(r"involve|affect", LESIONS_THAT.fullmatch(view.text[head.end : site.start]).group("verb"), re.I)
            else "locatedIn"
        )
        for lesion in after_in_clause(view, site.end, LESION, stop=()):
            if not lesion.concept.broad:
                yield simple(
                    view, "lesion_location", ref_of(lesion), predicate, site, lesion.start
                )


NOMINAL_SPREAD = re.compile(
    r"\b(?P<noun>extension|invasion|spread|involvement|infiltration)\s+of\s+(?:the\s+|an?\s+)?$", re.I
)


@rule("location.nominal_extension", "lesion_location", 0.8)
def location_nominal_extension(view: SentenceView) -> Iterable[Candidate]:
    """Extension told as a noun with the lesion after it.

    "extension of vertebral hemangiomas into the spinal canal", "involvement of the pedicle by metastasis" is not this
    shape (the site comes first).
    """
    for lesion in view.of(*LESION):
        noun = NOMINAL_SPREAD.search(view.text, max(0, lesion.start - 40), lesion.start)
        if noun is None or lesion.concept.broad:
            continue
        site = _site_right_after(view, lesion.end, r"into|to|through|in")
        if site is None:
            continue
        predicate = "canInvolve" if noun.group("noun").lower() == "involvement" else "extendsInto"
        subject = ref_of(lesion)
        if view.is_case or view.is_caption:
            subject = view.subject_before(lesion.end) or subject
        for each in _site_run(view, site):
            candidate = simple(view, "lesion_location", subject, predicate, each, noun.start())
            if not _denied_in_case(view, candidate):
                yield candidate


LEVEL_SITE_LEAD = re.compile(r"\b(?:in|within|involving|of)\s+the\s+(?:(?:left|right|posterior|anterior)\s+)?$", re.I)


@rule("location.level_site", "lesion_location", 0.75, case_only=True)
def location_level_site(view: SentenceView) -> Iterable[Candidate]:
    """In the case's imaging, a bone site named with its level is where the case lesion lies.

    "CT showed a permeative pattern in the T10 vertebral body". Only a sentence that names an imaging technique and no
    lesion other than the case's own is read so.
    """
    if view.case_lesion is None or view.is_caption or not view.of("modality", "sequence"):
        return
    lesion = view.case_lesion_ref
    others = [m for m in view.of(*LESION, specific=False) if not (view.subject_before(m.end) or Ref("")).is_case]
    if others:
        return
    for level in view.levels:
        if not LEVEL_SITE_LEAD.search(view.text, 0, level.start):
            continue
        site = next(
            (m for m in view.of(*SITE) if m.start == level.end + 1 and "OsseousSite" in m.concept.ancestors), None
        )
        if site is not None:
            yield Candidate(
                "lesion_location",
                lesion,
                "locatedIn",
                ref_of(site),
                negated=view.is_negated(site),
                span=(level.start, site.end),
            )
