"""Relation rules for lesion_location statements."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.numbers import NumberMention
from kg.extract.recognise import Mention
from kg.extract.rules.appearance import CORD_SIGNAL
from kg.extract.rules.base import LESION, SITE, Candidate, after_in_clause, cues, rule, simple
from kg.extract.rules.base import ref as ref_of
from kg.extract.sentence import Ref, SentenceView

LOCATION_CUE = (
    r"\b(?:occur\w*|loca(?:t|li[sz])\w*|aris\w*|arose|originat\w*|attached|found|situated|lies?|lying|appear(?:s|ed|ing)?"
    r"|seen|involv\w*|contained|cent(?:er|re)d|occup(?:y|ies|ied|ying)|fill(?:s|ed|ing)|favou?r(?:s|ed)?"
    r"|affect\w*|"
    r"extend\w*|extension|invad\w*|invasion|spread\w*(?=\s+into)|predilection for|confined|limited|detected|identified"
    r"|break(?:s|ing)?(?=\s+into)|broke(?=\s+into)|begins?(?=\s+in\b)|began(?=\s+in\b)|starts?(?=\s+in\b)"
    r"|spread\w*(?=\s+to\s+(?:the\s+)?(?:adjacent|neighbou?ring|contiguous|nearby|next)\b)"
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
    where such lesions lie. Sites listed each with its count over a series ("in 5/9 cases to the thoracic spine, in
    2/9 to the cervical spine") are each stated as surely as the first.
    """
    matches = cues(view, LOCATION_CUE)
    for k, cue in enumerate(matches):
        subject = _subject_of_cue(view, cue.start())
        predicate = _cue_predicate(cue.group(0).lower())
        if subject is None or predicate is None:
            continue
        end = _phrase_end(view, cue.end(), matches[k + 1].start() if k + 1 < len(matches) else len(view.text))
        series = SERIES_FIGURE.search(view.text, cue.start(), end)
        if subject.is_case and series:
            subject = _series_subject(view, cue.start())
            if subject is None:
                continue
        placed = [
            site
            for site in after_in_clause(view, cue.end(), SITE)
            if site.start < end
            and site.concept.name != "VertebralLevel"
            and not _beside(view, cue.end(), site)
            and not (not subject.is_case and _cord_named_for_its_region(view, site))
        ]
        for site in placed:
            candidate = simple(view, "lesion_location", subject, _origin_predicate(predicate, site), site, cue.start())
            if series:
                candidate.span = (cue.start(), max(cue.end(), placed[0].end))
            if not (_denied_in_case(view, candidate) or _staging_denial(view, candidate, cue.start())):
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
    spreads = bool(re.match(r"exten|invad|invasion|spread|break|broke", word))
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
# Verbs after which a site is what the lesion acts on, or what feeds the site it lies in ("the conus, a zone supplied by
# a radicular artery"), not where the lesion lies.
EFFECT_VERB = re.compile(
    r"\b(?:compress\w*|caus\w*|imping\w*|displac\w*|effac\w*|result\w*|leading|narrow\w*|destroy\w*|erod\w*"
    r"|supplied|fed|drained|perfused|innervated|vasculari[sz]ed)\b",
    re.I,
)


def _subject_of_cue(view: SentenceView, position: int) -> Ref | None:
    """The lesion a location verb speaks of, unless the lesion is only a class being divided into kinds.

    Or is named only in an earlier sentence the splitter glued to this one.
    """
    subject = view.subject_before(position) or _nominal_subject(view, position) or _pronoun_subject(view, position)
    if subject is not None and subject.anaphoric and _clinical_finding_heads(view, position):
        return None
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


def _clinical_finding_heads(view: SentenceView, position: int) -> bool:
    """Whether the last thing named before a location verb, in its clause, is a symptom or exam finding.

    "a sensory level to pinprick was found at T8" places the examiner's finding, not the lesion: the verb's
    subject is the finding, so no lesion is left for a pronoun or topic guess to fill in.
    """
    start, _end = view.clause_of(position)
    before = [m for m in view.mentions if start <= m.start and m.end <= position]
    return bool(before) and before[-1].category == "clinical"


SPREAD_OF_LESION = re.compile(
    r"(?:extension|invasion|spread)\s+of\s+(?P<article>the\s+|an?\s+|this\s+|these\s+)?", re.I
)


def _nominal_subject(view: SentenceView, position: int) -> Ref | None:
    """The lesion of a spread written as a noun: "extension of the tumour into the canal", "invasion of X into Y".

    A specific lesion named after "of" spreads; a general word ("the infection", "the tumour") stands for the
    paragraph's lesion.
    """
    nominal = SPREAD_OF_LESION.match(view.text, position)
    if nominal is None:
        return None
    named = [m for m in view.of(*LESION, specific=False) if m.start == nominal.end()]
    if not named:
        return None
    lesion = named[0].concept
    if not (lesion.broad or lesion.generic):
        return ref_of(named[0])
    topic = view.anaphor_ref()
    if topic is None or topic.is_case:
        return topic
    return replace(topic, written=view.text[nominal.end() - len(nominal.group("article") or "") : named[0].end])


PRONOUN_OPENING = re.compile(
    r"\W*(?:(?:from\s+there|then|later|thereafter|subsequently|eventually|in\s+adults|in\s+children),?\s+)?"
    r"(?:it|they)\s+(?:(?:then|also|often|usually|may|can|eventually|later)\s+)*"
    r"(?:[^;]*?,\s*(?:and\s+|but\s+)(?:then\s+)?(?:also\s+)?)?$",
    re.I,
)


def _pronoun_subject(view: SentenceView, position: int) -> Ref | None:
    """The paragraph's lesion for "it" or "they" opening a sentence that names no lesion.

    "From there it breaks into the disc, ... and then spreads to the neighbouring vertebra": both verbs have
    the pronoun for their subject.
    """
    if view.is_case or view.is_caption or any(m.start < position for m in view.of(*LESION, specific=False)):
        return None
    if not PRONOUN_OPENING.fullmatch(view.text[:position]):
        return None
    return view.anaphor_ref()


BESIDE = re.compile(
    r"\b(?:over|overlying|above|below|beneath|under|underneath|near|adjacent to|next to|abutting|than"
    r"|(?:antero|postero)?(?:anterior|posterior|lateral|medial|dorsal|ventral|superior|inferior|cranial|caudal)(?:ly)?"
    r"\s+to)\s+(?:the\s+"
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


REGION_OF_CORD_BEFORE = re.compile(r"\b(?:(?:upper|lower|mid)[- ]?)?(?:cervical|thoracic)\s+(?:spinal\s+)?$", re.I)


def _cord_named_for_its_region(view: SentenceView, site: Mention) -> bool:
    """Whether "the cervical cord" or "the lower thoracic cord" names a region, which the region rule states.

    In general text the region is the fact ("ependymomas lie in the cervical cord": in the cervical region);
    that the lesion lies in the cord is what the lesion's class already says.
    """
    return site.concept.name == "SpinalCord" and bool(
        REGION_OF_CORD_BEFORE.search(view.text[max(0, site.start - 30) : site.start])
    )


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


def _staging_denial(view: SentenceView, candidate: Candidate, position: int) -> bool:
    """Whether case narrative denies that any such lesion is at a site: "no evidence of metastases in the lungs".

    Where the lesion word itself is denied, the sentence searches the patient for other lesions (staging); it does not
    say where the case lesion is not, as "the tumour did not extend into the foramen" does.
    """
    if not (candidate.negated and view.is_case):
        return False
    start, _end = view.clause_of(position)
    lesions = [m for m in view.of(*LESION, specific=False) if start <= m.start and m.end <= position]
    return bool(lesions) and view.is_negated(lesions[-1])


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
        if site and _names_case_lesion(view, view.subject_before(mention.end)) and not _weighed(view, mention):
            yield Candidate(
                "lesion_location",
                view.case_lesion_ref,
                "locatedIn",
                Ref(site),
                span=(mention.start, mention.end),
            )


# An impression or a diagnosis weighed ("most likely that of an epidural hematoma", "an epidural abscess was
# considered") names what the lesion may be, not where the images showed it.
WEIGHED_BEFORE = re.compile(
    r"\b(?:likely|probabl[ey]|possibl[ey]|consistent\s+with|in\s+keeping\s+with|suggestive\s+of|suspicious\s+(?:of|for)"
    r"|favou?r(?:ed|ing)?|impression|differential|considered|suspected)\b[^.;]*$",
    re.I,
)
WEIGHED_AFTER = re.compile(
    r"[^.;]{0,30}?\b(?:could\s+not\s+be|cannot\s+be|was\s+not|were\s+not)\s+(?:excluded|ruled\s+out)|\s+(?:was|were)"
    r"\s+(?:considered|suspected|thought|favou?red)|\s+(?:seemed|appeared)\s+(?:\w+\s+)?(?:likely|unlikely)",
    re.I,
)


def _weighed(view: SentenceView, mention: Mention) -> bool:
    """Whether a lesion's name is a diagnosis weighed or inferred rather than the lesion described."""
    start, _end = view.clause_of(mention.start)
    return bool(WEIGHED_BEFORE.search(view.text[start : mention.start]) or WEIGHED_AFTER.match(view.text, mention.end))


def _names_case_lesion(view: SentenceView, subject: Ref | None) -> bool:
    """Whether a resolved subject is the case lesion, however it was written.

    The individual decides, not how the sentence reached it: "this vertebral hemangioma" resolved through
    the case as an anaphor is the same lesion as the one named outright.
    """
    return subject is not None and subject.name == view.case_lesion_ref.name


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


# "intradural extramedullary": one compartment, which the first word already names; the second is no denial of the cord.
INTRADURAL_BEFORE = re.compile(r"\bintra-?dural[\s,-]+$", re.I)


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
            if INTRADURAL_BEFORE.search(view.text, 0, word.start()):
                continue
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
        if _within_own_compartment(subject, site) or (
            subject.anaphoric and SHARE_OF_PATIENTS.match(view.text, verb.end())
        ):
            candidate.reliability = COMPARTMENT_AGREES_RELIABILITY
        compared = re.search(r"\b(?:more|less)\s+(?:often|commonly|frequently)\b", verb.group(0), re.I)
        if compared is not None:
            candidate.hedge = compared.group(0).lower()
            other = next((m for m in view.of(*SITE) if m.start >= verb.end()), None)
            if other is not None and view.same_clause(verb.end(), other.start):
                candidate.qualifiers["comparator"] = ref_of(other)
        yield candidate


# A topic taken for a sentence that names no lesion costs a fifth of a statement's confidence; a site inside the
# compartment the topic is defined to lie in ("the dorsal epidural space" for an epidural hematoma) confirms the guess,
# and so does a share of patients ("the spine is involved in most patients"): whose patients can only be the topic's.
COMPARTMENT_AGREES_RELIABILITY = 0.9
SHARE_OF_PATIENTS = re.compile(
    r"\s+in\s+(?:most|many|nearly\s+all|almost\s+all|the\s+majority\s+of|up\s+to\s+\d+%\s+of|\d+%\s+of|about\s+\d+%"
    r"\s+of)\s+(?:the\s+)?(?:patients|cases)\b",
    re.I,
)


def _within_own_compartment(subject: Ref, site: Mention) -> bool:
    """Whether a topic stood in for the lesion and the site lies in a part of the compartment the lesion is defined by.

    "The posterior epidural space is involved more often" in a paragraph on epidural abscess.
    """
    if not subject.anaphoric or subject.concept is None or subject.concept.located_in is None:
        return False
    compartment = subject.concept.located_in
    return site.concept.name != compartment and compartment in site.concept.ancestors


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
                yield simple(view, "lesion_location", ref_of(lesion), predicate, site, lesion.start)


NOMINAL_SPREAD = re.compile(
    r"\b(?P<noun>extension|invasion|spread|involvement|infiltration|aggression)\s+of\s+(?:the\s+|an?\s+)?$", re.I
)
# "extension of X into Y is rare": how often the spread happens, said after the place it reaches.
FREQUENCY_AFTER = re.compile(
    r"[^,;.()]{0,40}?\b(?:is|are)\s+(?:(?:very|extremely|relatively|quite)\s+)?(?P<word>rare|uncommon|unusual"
    r"|common|frequent|infrequent)\b",
    re.I,
)


@rule("location.nominal_extension", "lesion_location", 0.8)
def location_nominal_extension(view: SentenceView) -> Iterable[Candidate]:
    """Extension told as a noun with the lesion after it.

    "extension of vertebral hemangiomas into the spinal canal", "involvement of the pedicle by metastasis" is not this
    shape (the site comes first). A frequency word the clause ends on ("... into the epidural space is rare") is the
    hedge of the spread.
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
        run = _site_run(view, site)
        frequency = FREQUENCY_AFTER.match(view.text, run[-1].end)
        for each in run:
            candidate = simple(view, "lesion_location", subject, predicate, each, noun.start())
            if frequency is not None:
                candidate.hedge = frequency.group("word").lower()
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


# "in 5/9 cases", "in 40% of patients": a figure counted over a series, never about one patient's lesion.
SERIES_FIGURE = re.compile(
    r"\b(?:in|of)\s+(?:\d+\s*/\s*\d+|\d+(?:\.\d+)?\s*%\s+of)\s+(?:the\s+)?(?:cases|patients|lesions)\b", re.I
)


def _series_subject(view: SentenceView, position: int) -> Ref | None:
    """The lesion class a figure counted over a series speaks of.

    A series of cases is never the case at hand, so a lesion named in the clause stands for its class even in case
    narrative ("spinal metastases were found in 5/9 cases ..."); with none named, the paragraph's topic does.
    """
    start, _end = view.clause_of(position)
    named = [m for m in view.of(*LESION) if start <= m.start and m.end <= position and not m.concept.broad]
    if named:
        return ref_of(named[0])
    return Ref(view.topic.name, view.topic, anaphoric=True) if view.topic is not None else None


SHARE_COUNT = re.compile(r"(?P<n>\d+)\s*/\s*(?P<of>\d+)")
SHARE_THEN_SITE = re.compile(
    rf"\s+(?:cases|patients|lesions)\s+(?:(?:were|was)\s+)?(?:(?:located|locali[sz]ed|found|seen)\s+)?"
    rf"(?:to|in|at|within|involving)\s+(?:the\s+)?(?:(?:{SITE_MODIFIERS})\s+){{0,3}}",
    re.I,
)
SITE_THEN_SHARE = re.compile(r"\s*(?:,\s*)?(?:in\s+|\(\s*)", re.I)


@rule("location.series_share_by_site", "lesion_location", 0.8)
def location_series_share_by_site(view: SentenceView) -> Iterable[Candidate]:
    """How many cases of a series had the lesion at each site.

    "the lesions were located in 3/7 cases to the cervical spine and in 4/7 cases to the thoracic spine", also with the
    site first: "in the sacrum in 2/5 cases", "in the sacrum (2/5 cases)". Each count is a share of the lesion class
    with the site as its target; where it lies is left to the location verb's own rule.
    """
    for number in (n for n in view.numbers if n.kind == "fraction"):
        count = SHARE_COUNT.match(number.text)
        site = site_of_share(view, number)
        subject = _series_subject(view, number.start) if site is not None and count else None
        if subject is None:
            continue
        yield Candidate(
            "lesion_location",
            subject,
            "hasProportion",
            value=float(count.group("n")),
            unit="case",
            span=(min(number.start, site.start), max(number.end, site.end)),
            qualifiers={"target": ref_of(site), "population": f"{count.group('of')} cases"},
        )


def site_of_share(view: SentenceView, number: NumberMention) -> Mention | None:
    """The site a series count is given for: the one it introduces ("in 5/9 cases to the X") or the one it follows."""
    for site in view.of(*SITE):
        if site.start >= number.end and SHARE_THEN_SITE.fullmatch(view.text[number.end : site.start]):
            return site
    before = [site for site in view.of(*SITE) if site.end <= number.start]
    if before and SITE_THEN_SHARE.fullmatch(view.text[before[-1].end : number.start]):
        return before[-1]
    return None


WAYS_OF_INVOLVEMENT = re.compile(
    r"\b(?:involv\w*|affect\w*|occur\w*|present\w*)\b[^.;:]{0,40}?\bin\s+(?:two|three|four|five|several|\d)\s+"
    r"(?:different\s+|distinct\s+)?(?:ways|forms|patterns|manners|settings)\s*:",
    re.I,
)


@rule("location.ways_of_involvement", "lesion_location", 0.8)
def location_ways_of_involvement(view: SentenceView) -> Iterable[Candidate]:
    """The compartments a lesion involves, from the kinds of it a list names after "in N ways:".

    "lymphoma may involve the spine in three ways: (1) osseous lymphoma, (2) epidural lymphoma ..." says that lymphoma
    can involve the bone and the epidural space. Each listed kind must be below the lesion in the ontology; where it
    lies comes from its class, or else from the compartment word in its name ("intradural X").
    """
    for cue in WAYS_OF_INVOLVEMENT.finditer(view.text):
        subject = view.subject_before(cue.start())
        if subject is None or subject.concept is None:
            continue
        kinds = [
            m
            for m in view.of(*LESION)
            if m.start >= cue.end() and subject.concept.name in m.concept.ancestors and m.concept is not subject.concept
        ]
        for kind in kinds:
            site = kind.concept.located_in or _compartment_in_name(kind.text)
            if site is not None:
                yield Candidate("lesion_location", subject, "canInvolve", Ref(site), span=(cue.start(), kind.end))


def _compartment_in_name(name: str) -> str | None:
    """The compartment a lesion's written name puts it in by its first compartment word, if any."""
    word = re.search(
        r"\b(extra-?dural|epidural|intra-?medullary|intra-?dural|paraspinal|paravertebral|leptomeningeal|osseous)\b",
        name,
        re.I,
    )
    if word is None:
        return None
    key = word.group(1).lower().replace("-", "")
    return "OsseousSite" if key == "osseous" else COMPARTMENT_WORDS[key][0]


# Adjectives that name a site only in this phrase ("bony involvement"); a recognised site is read as itself.
INVOLVEMENT_ADJECTIVES = {"bony": "Bone", "osseous": "OsseousSite", "vertebral": "Vertebra", "skeletal": "Bone"}
WITH_INVOLVEMENT = re.compile(
    r"\b(?P<with>with|without)\s+"
    r"(?:(?:frequent|occasional|common|extensive|diffuse|early|late|secondary|associated)\s+)?"
    r"(?P<site>[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?P<noun>involvement|extension|invasion|infiltration|spread)\b",
    re.I,
)
# A clause opened by "which" hangs on the lesion written just before it.
RELATIVE_OPENING = re.compile(r"\s*,?\s*which", re.I)


@rule("location.with_involvement", "lesion_location", 0.8)
def location_with_involvement(view: SentenceView) -> Iterable[Candidate]:
    """A lesion said to come with (or without) involvement of a site: "meningiomas ... with bony involvement".

    "lymphoma with epidural involvement", "a schwannoma without foraminal involvement"; with extension, invasion or
    spread it reaches the site: "a chordoma with epidural extension". The lesion is the clause's subject, or the one a
    relative clause hangs on ("meningiomas, which may present with bony involvement").
    """
    for cue in WITH_INVOLVEMENT.finditer(view.text):
        site = _involved_site(view, cue)
        subject = _clause_or_antecedent_subject(view, cue.start()) if site is not None else None
        if subject is None or subject.name == site.name:
            continue
        yield Candidate(
            "lesion_location",
            subject,
            "canInvolve" if cue.group("noun").lower() == "involvement" else "extendsInto",
            site,
            negated=cue.group("with").lower() == "without",
            hedge=view.hedge(view.clause_of(cue.start())[0], cue.start()),
            span=(cue.start(), cue.end()),
        )


def _involved_site(view: SentenceView, cue: re.Match) -> Ref | None:
    """The site named before "involvement": a recognised site, else an adjective that stands for one."""
    for mention in view.of(*SITE):
        if cue.start("site") <= mention.start and mention.end <= cue.end("site"):
            return ref_of(mention)
    word = cue.group("site").lower().split()[-1].replace("-", "")
    if word in INVOLVEMENT_ADJECTIVES:
        return Ref(INVOLVEMENT_ADJECTIVES[word])
    site, lexically_negated = COMPARTMENT_WORDS.get(word, (None, True))
    return None if lexically_negated else Ref(site)


def _clause_or_antecedent_subject(view: SentenceView, position: int) -> Ref | None:
    """The lesion a clause speaks of: named in the clause, else the one its relative pronoun points back at."""
    start, _end = view.clause_of(position)
    in_clause = [m for m in view.of(*LESION) if start <= m.start and m.end <= position]
    if in_clause:
        return view.subject_before(position)
    before = [m for m in view.of(*LESION) if m.end <= start]
    if before and RELATIVE_OPENING.fullmatch(view.text[before[-1].end : start]):
        return ref_of(before[-1])
    return None


RANKED_SITE = re.compile(
    r"\b(?:is|are|was|were)\s+the\s+(?:second|third|fourth|fifth|next)\s+most\s+(?:common|frequent)\s+(?:\w+\s+)?"
    r"(?:sites?|locations?)\s+(?:of|for)\s+",
    re.I,
)
RANKED_AFTER = re.compile(r"\s*,?\s*(?:following|after|behind|surpassed\s+only\s+by|preceded\s+by)\s+(?:the\s+)?", re.I)


@rule("location.ranked_site_after", "lesion_location", 0.8)
def location_ranked_site_after(view: SentenceView) -> Iterable[Candidate]:
    """The sites a ranking names as ahead of the one it is about.

    "The spine is the third most common site of metastasis, following the lung and the liver" says metastases lie in
    the lung and the liver too (more often, even). The site being ranked is left to the rule of the ranking.
    """
    for cue in RANKED_SITE.finditer(view.text):
        lesion = next((m for m in view.of(*LESION, specific=False) if m.start == cue.end()), None)
        after = RANKED_AFTER.match(view.text, lesion.end) if lesion is not None else None
        if after is None:
            continue
        first = next((m for m in view.of(*SITE) if m.start == after.end()), None)
        if first is None:
            continue
        for site in _site_run(view, first):
            candidate = simple(view, "lesion_location", ref_of(lesion), "locatedIn", site, lesion.start)
            candidate.hedge = None
            yield candidate


ANYWHERE = re.compile(
    r"\b(?:occur\w*|aris\w*|develop\w*|be\s+found|be\s+seen|involve|affect)\s+(?P<where>anywhere\s+(?:in|along|within"
    r"|throughout)\s+(?:the\s+)?(?:body|spine|spinal\s+(?:canal|column|cord)|neuraxis|skeleton|vertebral\s+column))\b",
    re.I,
)


@rule("location.anywhere", "lesion_location", 0.8)
def location_anywhere(view: SentenceView) -> Iterable[Candidate]:
    """A lesion said to occur anywhere in a region: "may occur anywhere in the body".

    "can arise anywhere along the spine": no one site fits, so the place is kept as written.
    """
    for cue in ANYWHERE.finditer(view.text):
        subject = _subject_of_cue(view, cue.start())
        if subject is not None:
            yield Candidate(
                "lesion_location",
                subject,
                "canInvolve",
                text=" ".join(cue.group("where").split()).lower(),
                hedge=view.hedge(view.clause_of(cue.start())[0], cue.start()),
                negated=bool(re.search(r"\b(?:not|never|cannot)\s+(?:\w+\s+)?$", view.text[: cue.start()], re.I)),
                span=(cue.start(), cue.end()),
            )


SITE_SUBJECT_OPENING = re.compile(r"\W*(?:and\s+|but\s+)?(?:the\s+|its\s+)?(?:[\w-]+\s+){0,5}", re.I)
SITE_SUBJECT_VERB = re.compile(r"\s+(?:was|were|appeared|became|remained)\s+(?:\w+ly\s+)?", re.I)
OSSEOUS = "OsseousSite"


@rule("location.site_shows_look", "lesion_location", 0.75, case_only=True)
def location_site_shows_look(view: SentenceView) -> Iterable[Candidate]:
    """In case narrative, bone named as the subject of a signal, density or enhancement holds the case lesion.

    "The body and the left pedicle were isointense to muscle": the lesion's signal is read in the pedicle,
    so the lesion lies there. Only parts of the bone count: the cord or the soft tissue around a lesion
    may look abnormal for other reasons (edema, compression).
    """
    if view.case_lesion is None:
        return
    for look in view.of("signal", "density", "enhancement"):
        start, _end = view.clause_of(look.start)
        before = [m for m in view.mentions if start <= m.start and m.end <= look.start]
        if not before or any(m.category not in SITE for m in before):
            continue
        if not SITE_SUBJECT_OPENING.fullmatch(view.text[start : before[0].start]):
            continue
        if not SITE_SUBJECT_VERB.fullmatch(view.text[before[-1].end : look.start]):
            continue
        if OUTSIDE_STRUCTURE.search(view.text[start : before[-1].start]):
            continue
        for site in before:
            if OSSEOUS in site.concept.ancestors and not site.concept.broad:
                yield Candidate(
                    "lesion_location",
                    view.case_lesion_ref,
                    "locatedIn",
                    Ref(site.concept.name, site.concept),
                    span=(site.start, site.end),
                )
        break


OUTSIDE_STRUCTURE = re.compile(
    r"\b(?:surrounding|adjacent|neighbou?ring|remaining|normal|uninvolved|unaffected|other)\b", re.I
)
