"""Relation rules for differential statements."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, Candidate, after_in_clause, cues, ref, rule, simple
from kg.extract.sentence import Ref, SentenceView

# Normal tissue that imaging can take for a lesion, so that a differential list names it beside diseases: "the
# differential includes metastasis and focal fatty marrow".
NORMAL_VARIANTS = frozenset({"NormalBoneMarrow"})


@rule("differential.list", "differential", 0.8)
def differential_list(view: SentenceView) -> Iterable[Candidate]:
    """A differential diagnosis and what it includes, in either order.

    A list after "includes" may name normal tissue (:data:`NORMAL_VARIANTS`) among its diseases. Only a kind of lesion
    keeps it: the case lesion's differentials must be disorders, which normal marrow, an anatomical entity, cannot be.
    """
    cue = re.search(r"\bdifferential(?:\s+(?:diagnos[ie]s|considerations?))?\b", view.text, re.I)
    if cue is None:
        return
    of = re.match(r"\s+(?:\w+\s+){0,3}?(?:of|for)\s+(?:an?\s+|the\s+|this\s+|these\s+)?", view.text[cue.end() :])
    subject = None
    if of:
        subject = _differential_head(view, cue.end() + of.end())
    else:
        subject = _differential_setting(view, cue.start()) or _definite_differential(view, cue.start())
    subject = subject or view.anaphor_ref()
    if subject is None:
        return
    include = re.search(r"\b(?:include\w*|are|is|such as|consider\w*|comprise\w*)\b", view.text[cue.end() :], re.I)
    if include:
        start = cue.end() + include.end()
        items = view.of(*LESION) + ([] if subject.is_case else _normal_variants(view))
        listed = enumeration(view, sorted((m for m in items if m.start > start), key=lambda m: m.start), start)
    else:
        listed = [m for m in view.of(*LESION) if m.end <= cue.start()]
    for other in listed:
        if other.concept.name != subject.name:
            candidate = simple(view, "differential", subject, "hasDifferential", other, cue.start())
            candidate = replace(candidate, span=(cue.start(), start)) if include else candidate
            yield replace(candidate, reliability=INFERRED_SUBJECT_RELIABILITY) if subject.concept is None else candidate
    mimicked = _mimicked_there(view, subject)
    for other in listed if mimicked is not None else []:
        candidate = simple(view, "differential", mimicked, "hasDifferential", other, cue.start())
        yield replace(candidate, span=(cue.start(), start)) if include else candidate


def _normal_variants(view: SentenceView) -> list[Mention]:
    """The normal tissues a sentence names that imaging can take for a lesion (see :data:`NORMAL_VARIANTS`)."""
    return [m for m in view.of("site") if m.concept.ancestors & NORMAL_VARIANTS]


MIMICS_HEADING = re.compile(r"\b(?:mimic\w*|differential|look-?alikes?)\b", re.I)
METASTATIC_HEADING = re.compile(r"\bmetasta\w*", re.I)


def _mimicked_there(view: SentenceView, subject: Ref) -> Ref | None:
    """The metastasis whose mimics a differential of a described compartment lesion lists.

    Under a heading on the mimics of metastatic disease ("Mimics of spinal metastases", "Differential diagnosis of
    metastatic disease"), the differential of a lesion described by its look and compartment ("an intramedullary
    enhancing lesion") is the list of what mimics a metastasis there, *IntramedullaryMetastasis* by the ontology's
    naming (a name it does not declare is dropped when the statement is checked). A described lesion is a grouping
    class that the ontology places in a compartment; a named diagnosis is not read so.
    """
    concept = subject.concept
    if concept is None or not concept.grouping or concept.located_in is None or view.is_case:
        return None
    if not (MIMICS_HEADING.search(view.section) and METASTATIC_HEADING.search(view.section)):
        return None
    adjective = SITE_ADJECTIVE.get(concept.located_in)
    return Ref(f"{adjective}Metastasis", anaphoric=True, written=view.section) if adjective else None


# A subject the rule names by the ontology's naming convention (a compartment mass for its lesion) rather
# than reads in the text is not measured yet: its statements wait for review.
INFERRED_SUBJECT_RELIABILITY = 0.65


def _differential_head(view: SentenceView, position: int) -> Ref | None:
    """What a differential after "of" is for.

    The lesion or finding named there, past a word or two the recogniser does not know ("of a sacral chordoma"). A mass
    of a compartment ("an epidural mass", a broad finding) stands for the lesion of that compartment, which the ontology
    names alike (*EpiduralMass*, *EpiduralLesion*); a name it does not declare is dropped when the statement is checked.
    """
    heads = [
        m
        for m in view.of(*LESION, "finding", specific=False)
        if m.start >= position and re.fullmatch(r"(?:[\w-]+\s+){0,2}", view.text[position : m.start])
    ]
    if not heads:
        return None
    head = heads[0]
    if not head.concept.broad:
        return ref(head)
    compartment = re.fullmatch(r"([A-Z]\w+)Mass", head.concept.name)
    return Ref(f"{compartment.group(1)}Lesion") if compartment and head.category == "finding" else None


SETTING_LEAD = re.compile(
    r"\b(?:with|for|showing|shows|of|in)\s+(?:an?\s+|the\s+|this\s+|such\s+an?\s+)?(?:[\w-]+\s+){0,2}$", re.I
)


def _differential_setting(view: SentenceView, position: int) -> Ref | None:
    """The lesion or finding a differential is for when the sentence names it before the cue, as the setting.

    "in a patient with an intramedullary enhancing lesion, the differential includes ...", "for a solitary sclerotic
    focus, the differential diagnosis is ...". It must follow a preposition, so that the items of a list put before the
    cue ("A and B are the differential of ...") are not taken.
    """
    start = view.text.rfind(",", 0, position)
    settings = [
        m
        for m in view.of(*LESION, "finding")
        if m.end <= start and not m.concept.broad and SETTING_LEAD.search(view.text[: m.start])
    ]
    return ref(settings[-1]) if settings else None


DEFINITE_DIFFERENTIAL = re.compile(r"(?:^|[.;:]\s*)\W*the\s+(?:main\s+|principal\s+|imaging\s+)?$", re.I)


def _definite_differential(view: SentenceView, position: int) -> Ref | None:
    """The topic, for a clause that opens with "the differential diagnosis" and names no lesion it is of.

    "The differential diagnosis includes A, B and C" under a paper or section on one disease. The definite noun phrase
    says it is the differential of what the text is about, as "the differential diagnosis of this disease" would, so it
    is a written reference to the topic, not a bare guess.
    """
    if view.is_case or view.is_caption or not DEFINITE_DIFFERENTIAL.search(view.text[:position]):
        return None
    topic = view.anaphor_ref()
    return replace(topic, written=view.text[position : position + 22].strip()) if topic is not None else None


def enumeration(view: SentenceView, mentions: list[Mention], start: int) -> list[Mention]:
    """The mentions of a list that begins at a position ("includes A, B, and C").

    Each item follows the one before with only a comma, "and", "or" or a few words between, so the list ends where the
    clause does. Its items are as sure as its first, however long the list.
    """
    items, previous_end = [], start
    for mention in mentions:
        gap = LIST_ABBREVIATION.sub("", view.text[previous_end : mention.start])
        if (len(gap) > 40 and not _unknown_items(gap)) or re.search(r"[;.:]|\b(?:which|that|whereas|while|but)\b", gap):
            break
        items.append(mention)
        previous_end = mention.end
    return [m for m in items if not _heads_examples(view, m)]


# Items of a list the recogniser does not know, each an article-led noun phrase after a comma, "and" or
# "or": ", an osteoblastoma with cystic change and a ". With no verb in them the list goes on past them.
UNKNOWN_ITEMS = re.compile(
    r"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:an?|the"
    r"|other)\s+[\w-]+(?:\s+[\w-]+){0,5}?)+\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:an?\s+"
    r"|the\s+)?(?:[\w-]+\s+){0,2}"
)
FINITE_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|may|can|could|should|would|will|must|who)\b", re.I)


def _unknown_items(gap: str) -> bool:
    """Whether a long gap between two items of a list is only further items the recogniser did not name."""
    return len(gap) <= 100 and bool(UNKNOWN_ITEMS.fullmatch(gap)) and not FINITE_VERB.search(gap)


LIST_ABBREVIATION = re.compile(r"\b(?:i\.\s?e|e\.\s?g)\.,?", re.I)
EXAMPLES_AFTER = re.compile(r"\s*\(?\s*(?:such\s+as|including|e\.\s?g\.|i\.\s?e\.)\s", re.I)
PRIMARY_AFTER = re.compile(r"\s+(?:of|from)\s+(?:an?\s+|the\s+)?$", re.I)


def _heads_examples(view: SentenceView, mention: Mention) -> bool:
    """Whether a list item only introduces the items after it.

    "hypervascular pathologies such as ...", or names the metastases whose primary follows ("metastases of renal cell
    carcinoma"), so the examples or the primary are the items, not it. Examples the recogniser does not know leave the
    item that introduces them as the only one the text names ("a primary bone malignancy such as <rare tumour>").
    """
    following = [m for m in view.of(*LESION) if m.start >= mention.end]
    examples = EXAMPLES_AFTER.match(view.text[mention.end :])
    if examples:
        return bool(following) and following[0].start - (mention.end + examples.end()) <= 30
    return (
        "Metastasis" in mention.concept.ancestors
        and bool(following)
        and bool(PRIMARY_AFTER.fullmatch(view.text[mention.end : following[0].start]))
    )


@rule("differential.distinguish", "differential", 0.75)
def differential_distinguish(view: SentenceView) -> Iterable[Candidate]:
    """Two lesions told apart, with what tells them apart.

    "the lack of calcification may help separate A from B", "DWI helps differentiate between A and B".
    """
    for cue in cues(view, r"\b(?:distinguish\w*|differentiat\w*|separat\w*|discriminat\w*|tell\w* apart)\b"):
        if MEASURED_TASK.search(view.text, 0, cue.start()):
            continue
        pair = _between_pair(view, cue.end())
        if pair is not None:
            firsts, seconds = pair[:1], pair[1:]
        else:
            frm = re.search(r"\bfrom\b", view.text[cue.end() :])
            if frm is None:
                continue
            at = cue.end() + frm.start()
            firsts = [m for m in view.of(*LESION) if cue.end() <= m.start < at] or [
                m for m in view.of(*LESION) if m.end <= cue.start()
            ][-1:]
            seconds = after_in_clause(view, at, LESION, stop=())
            if firsts and (not seconds or _names_topic_by_its_kind(view, seconds[0])):
                yield from _told_from_topic(view, firsts[0], cue, at + len("from"))
                continue
        if not firsts or not seconds:
            continue
        discriminator = _discriminator(view, cue.start())
        denied = bool(CANNOT.search(view.text[max(0, cue.start() - 30) : cue.start()]))
        for second in seconds[:1] if pair is not None else enumeration(view, seconds, seconds[0].start):
            candidate = simple(
                view,
                "differential",
                ref(firsts[0]),
                "distinguishedFrom",
                second,
                firsts[0].start,
                discriminator=discriminator,
            )
            yield replace(candidate, negated=denied)


def _names_topic_by_its_kind(view: SentenceView, mention: Mention) -> bool:
    """Whether a lesion named by a general word is the topic, whose class lies below it.

    For example "infarction" in a text on spinal cord infarction: the text writes its topic by its last word.
    """
    topic = view.topic
    return topic is not None and mention.concept.name != topic.name and mention.concept.name in topic.ancestors


def _discriminator(view: SentenceView, position: int) -> Ref | None:
    """What tells two lesions apart: the last finding or sign named before the cue."""
    clues = [m for m in view.of("finding", "sign", "signal", "enhancement", "density") if m.end <= position]
    return ref(clues[-1]) if clues else None


HEAD_NOUN_AFTER = re.compile(r"\s+(?:the\s+|an?\s+)?([a-z]+)\b")


def _told_from_topic(view: SentenceView, first: Mention, cue: re.Match, position: int) -> Iterable[Candidate]:
    """A lesion told from the topic, which the text writes by the last word of its name alone.

    The recogniser finds nothing there: "... tell it from infarction" in a text on spinal cord infarction, "from
    chordoma" under "sacral chordoma". Only the noun right after "from", and only in a review, where the
    topic is the paper's disease; the short name says which thing it is, so it is a written reference.
    """
    topic = view.topic
    word = HEAD_NOUN_AFTER.match(view.text, position)
    if topic is None or word is None or view.is_case or view.is_caption or topic.name == first.concept.name:
        return
    head = topic.label.split()[-1].lower()
    if len(head) < 5 or word.group(1).lower().rstrip("s") != head.rstrip("s"):
        return
    negated = bool(CANNOT.search(view.text[max(0, cue.start() - 30) : cue.start()]))
    discriminator = _discriminator(view, cue.start())
    qualifiers = {"discriminator": discriminator} if discriminator is not None else {}
    yield Candidate(
        "differential",
        ref(first),
        "distinguishedFrom",
        Ref(topic.name, topic, anaphoric=True, written=word.group(1)),
        negated=negated,
        qualifiers=qualifiers,
        span=(first.start, word.end(1)),
    )


# "a sensitivity of 95% for separating A from B": the telling apart is the task a measure is given for,
# which the performance rules read with its target.
MEASURED_TASK = re.compile(r"\b(?:sensitivity|specificity|accuracy|predictive\s+value)\b[^.;]*\b(?:for|in)\s+$", re.I)


def _between_pair(view: SentenceView, position: int) -> list[Mention] | None:
    """The two lesions of "between A and B" right after a cue, if the text names them so."""
    between = re.match(r"\s+(?:\w+\s+){0,2}?between\s+(?:an?\s+|the\s+)?", view.text[position:], re.I)
    if between is None:
        return None
    start = position + between.end()
    pair = [m for m in view.of(*LESION) if m.start >= start][:2]
    if (
        len(pair) == 2
        and pair[0].start - start <= 15
        and re.fullmatch(
            r"\s*(?:and|or|versus|vs\.?)\s+(?:an?\s+|the\s+)?", view.text[pair[0].end : pair[1].start], re.I
        )
    ):
        return pair
    return None


# What denies that two lesions can be told apart; "the lack of calcification may help separate" denies nothing.
CANNOT = re.compile(
    r"\b(?:cannot|can\s*not|can't|could\s+not|not|unable\s+to|impossible\s+to|(?:difficult|hard|challenging)\s+to"
    r"|fail\w*\s+to)\s+(?:\w+\s+){0,2}$",
    re.I,
)
OVERLAP = re.compile(
    r"\b(?:show|shows|have|has|demonstrate|demonstrates)\s+(?:an?\s+)?(?:(?:considerable|substantial|significant|marked"
    r"|great|some)\s+)?(?:imaging\s+)?overlap\b|\boverlap\s+between\b",
    re.I,
)


@rule("differential.overlap", "differential", 0.75)
def differential_overlap(view: SentenceView) -> Iterable[Candidate]:
    """Two lesions whose appearances overlap.

    "benign compression fractures and malignant lesions can show a considerable overlap", "there is overlap between A
    and B". The first may look like the second.
    """
    for cue in OVERLAP.finditer(view.text):
        if cue.group(0).lower().startswith("overlap"):
            pair = [m for m in view.of(*LESION) if m.start >= cue.end()][:2]
        else:
            start, _end = view.clause_of(cue.start())
            pair = [m for m in view.of(*LESION) if start <= m.start and m.end <= cue.start()][:2]
        if (
            len(pair) == 2
            and re.fullmatch(r"\s*(?:,\s*)?(?:and|or)\s+(?:the\s+)?", view.text[pair[0].end : pair[1].start], re.I)
            and pair[0].concept.name != pair[1].concept.name
        ):
            yield simple(view, "differential", ref(pair[0]), "mimics", pair[1], pair[0].start)


@rule("differential.mimics", "differential", 0.75)
def differential_mimics(view: SentenceView) -> Iterable[Candidate]:
    """One lesion that looks like another: "Schmorl's nodes may mimic metastases", "may closely resemble"."""
    for cue in cues(
        view,
        r"\b(?:mimic\w*|simulat\w*|masquerad\w* as|mistaken for|confused with|resembl\w*|indistinguishable from)\b",
    ):
        subject = _antecedent(view, cue.start()) or view.subject_before(cue.start(), categories=LESION + ("finding",))
        objects = after_in_clause(view, cue.end(), LESION, stop=())
        if subject is not None and objects and objects[0].concept.name != subject.name:
            yield simple(view, "differential", subject, "mimics", objects[0], cue.start())


DEFINITE_HEAD = re.compile(r"\b(?:the|this|such\s+an?)\s+(?:lesion|mass|tumou?r|nodule)\s+(?:\w+\s+){0,3}$", re.I)


def _antecedent(view: SentenceView, position: int) -> Ref | None:
    """The lesion a definite "the lesion" or "the tumour" before a position points back to.

    It applies when an earlier clause of the same sentence names one: "..., and the lesion may then be mistaken for
    X". Only the
    last specific lesion named before it, so that a lesion of another sentence is not guessed.
    """
    start, _end = view.clause_of(position)
    head = DEFINITE_HEAD.search(view.text, _article_start(view.text, start), position)
    if head is None or view.is_case:
        return None
    earlier = [m for m in view.of(*LESION) if m.end <= head.start() and not m.concept.broad]
    return ref(earlier[-1]) if earlier else None


CONTRAST = re.compile(r",?\s*\b(?:whereas|while|in\s+contrast\s+to|unlike)\b\s*", re.I)
APPEARANCE = ("signal", "enhancement", "density", "finding", "sign")


@rule("differential.contrast", "differential", 0.75)
def differential_contrast(view: SentenceView) -> Iterable[Candidate]:
    """Two lesions set against each other by how they look.

    "metastases are bright on fat-suppressed images, whereas non-neoplastic lesions are dark". Each side must name an
    appearance, so that a contrast of frequency or treatment is not read as a way to tell them apart.
    """
    for cue in CONTRAST.finditer(view.text):
        first_clause = view.clause_of(max(0, cue.start() - 1))
        firsts = [m for m in view.of(*LESION) if first_clause[0] <= m.start and m.end <= cue.start()]
        seconds = [m for m in view.of(*LESION) if 0 <= m.start - cue.end() <= 25]
        if not firsts or not seconds or firsts[0].concept.name == seconds[0].concept.name:
            continue
        second_clause = view.clause_of(seconds[0].start)
        looks_first = [m for m in view.of(*APPEARANCE, specific=False) if firsts[0].end <= m.start < cue.start()]
        looks_second = [m for m in view.of(*APPEARANCE, specific=False) if seconds[0].end <= m.start < second_clause[1]]
        if looks_first and looks_second:
            yield simple(
                view,
                "differential",
                ref(firsts[0]),
                "distinguishedFrom",
                seconds[0],
                firsts[0].start,
                discriminator=ref(looks_first[0]),
            )


HELPFUL_CLUE = re.compile(
    r"\b(?:helpful|useful|valuable|important)\s+(?:in|for)\s+(?:(?:determining|deciding|establishing|confirming"
    r"|diagnosing|identifying|recogni[sz]ing)"
    r"\s+(?:if|whether|that)?\s*(?:the\s+lesion|it|this)?\s*(?:is|represents)?\s*"
    r"|(?:the\s+)?diagnosis\s+of\s+)(?:an?\s+|the\s+)?$",
    re.I,
)


@rule("differential.helpful_clue", "differential", 0.75)
def differential_helpful_clue(view: SentenceView) -> Iterable[Candidate]:
    """A finding that helps name the lesion.

    "flow voids along the cord surface are helpful in determining if the lesion is an arteriovenous malformation", "a
    fat-fluid level is useful in the diagnosis of X". The finding the clause opens with indicates the lesion named right
    after the cue; the clause being built around the cue, the distance that weighs is the cue's to the lesion.
    """
    for lesion in view.of(*LESION):
        cue = HELPFUL_CLUE.search(view.text[: lesion.start])
        if cue is None or lesion.concept.broad:
            continue
        start, _end = view.clause_of(cue.start())
        clues = [m for m in view.of(*APPEARANCE) if start <= m.start and m.end <= cue.start()]
        if clues:
            candidate = simple(view, "differential", ref(clues[0]), "indicates", lesion, clues[0].start)
            yield replace(candidate, span=(cue.start(), lesion.end))


INCLUDED_IN_DIFFERENTIAL = re.compile(
    r"\b(?:considered|included|includ\w+|listed|kept\s+in\s+mind|part)\s+(?:in"
    r"|of)\s+(?:the\s+)?differential(?:\s+diagnos[ie]s)?\s+(?:of|for)\s+(?:an?\s+|the\s+)?",
    re.I,
)
SETTING_OF_LESIONS = re.compile(
    r"\s*(?:causing|presenting\s+with|with|that\s+cause|producing)\s+(?:an?\s+|the\s+)?", re.I
)


@rule("differential.included_in", "differential", 0.8)
def differential_included_in(view: SentenceView) -> Iterable[Candidate]:
    """A lesion put in another's differential.

    "lymphoma should be considered in the differential diagnosis of an epidural mass", "it must be included in the
    differential diagnosis of lesions causing cord compression" (lesions in general causing a finding: the differential
    is the finding's).
    """
    for cue in INCLUDED_IN_DIFFERENTIAL.finditer(view.text):
        heads = [m for m in view.of(*LESION, "finding", specific=False) if 0 <= m.start - cue.end() <= 3]
        if not heads:
            continue
        head = heads[0]
        if head.concept.broad:
            setting = SETTING_OF_LESIONS.match(view.text, head.end)
            found = [
                m for m in view.of(*LESION, "finding") if setting and m.start == setting.end() and not m.concept.broad
            ]
            if not found:
                continue
            head = found[0]
        member = view.subject_before(cue.start())
        if member is not None and member.name != head.concept.name:
            yield Candidate(
                "differential",
                ref(head),
                "hasDifferential",
                member,
                hedge=view.hedge(0, cue.end()),
                span=(cue.start(), head.end),
            )


MAY_BE = re.compile(
    r"\b(?:may|might|could|can)\s+(?:also\s+|still\s+|instead\s+)?(?:be|represent|prove\s+to\s+be"
    r"|turn\s+out\s+to\s+be)\s+",
    re.I,
)
# What may stand between "may be" and the first lesion: an article and a noun of ("a plaque of", "a focus of").
LIST_LEAD = re.compile(r"(?:an?\s+|the\s+)?(?:[\w-]+\s+of\s+(?:an?\s+|the\s+)?)?", re.I)
# "a schwannoma-like lesion" only resembles the disease it names.
LIKENESS = re.compile(r"-?(?:like|type)\b", re.I)
DESCRIBED_HEAD = ("disorder", "primary", "finding")


@rule("differential.may_be", "differential", 0.8, general_only=True)
def differential_may_be(view: SentenceView) -> Iterable[Candidate]:
    """What a described lesion or finding may turn out to be.

    "a solitary sclerotic focus may represent a bone island, an osteoblastic metastasis or a healing fracture", "an
    enhancing mass in the epidural space could also be lymphoma or an abscess". The list must follow the verb at once
    and hold at least two lesions, or one when the clause says "also" (other lesions already in mind); the subject is
    the clause's described lesion or finding, not a named disease ("myeloma may be multiple").
    """
    for cue in MAY_BE.finditer(view.text):
        subject = described_subject(view, cue.start())
        yield from _possible_diagnoses(view, cue, subject)


def _possible_diagnoses(view: SentenceView, cue: re.Match, subject: Ref | None) -> Iterable[Candidate]:
    """The differential statements of a "may be A, B or C" list for a subject."""
    if subject is None:
        return
    lead = LIST_LEAD.match(view.text, cue.end())
    listed = [
        m
        for m in view.of(*LESION)
        if m.start >= cue.end() and not m.concept.broad and not LIKENESS.match(view.text, m.end)
    ]
    if not listed or listed[0].start != lead.end():
        return
    items = enumeration(view, listed, cue.end())
    if len(items) < 2 and "also" not in cue.group(0).lower():
        return
    for item in items:
        if item.concept.name != subject.name and item.concept is not subject.concept:
            yield simple(view, "differential", subject, "hasDifferential", item, cue.start())


# A class written with a general head noun ("a vertebral lesion", "a paraspinal mass") describes what is seen.
GENERAL_HEAD = re.compile(r"\b(?:lesions?|mass(?:es)?|foc(?:us|i)|abnormalit(?:y|ies)|nodules?|deposits?)$", re.I)
SITE_ADJECTIVE = {
    "SpinalCord": "Intramedullary",
    "EpiduralSpace": "Epidural",
    "VertebralBody": "Vertebral",
    "Sacrum": "Sacral",
    "IntraduralExtramedullarySpace": "IntraduralExtramedullary",
    "ParaspinalSoftTissue": "Paraspinal",
}
WITHIN_SITE = re.compile(r"\s+(?:within|in|of|inside)\s+(?:the\s+)?(?:spinal\s+)?$", re.I)


def described_subject(view: SentenceView, position: int) -> Ref | None:
    """The lesion or finding a clause describes before a position, when it is described rather than named as a disease.

    A specific finding or lesion class the text names with its modifiers ("an enhancing intramedullary lesion"), or a
    general head ("lesion", "mass") whose modifiers and site the ontology names together by its convention ("an
    enhancing lesion within the cord": *IntramedullaryEnhancingLesion*; a name the ontology does not declare is dropped
    when the statement is checked).
    """
    start, _end = view.clause_of(position)
    heads = [m for m in view.of(*DESCRIBED_HEAD, specific=False) if start <= m.start and m.end <= position]
    if not heads or not re.fullmatch(
        r"\W*(?:(?:an?|the|any|some)\s+)?(?:[\w-]+\s+){0,3}", view.text[start : heads[0].start], re.I
    ):
        return None
    head = heads[0]
    if not head.concept.broad and not head.concept.generic:
        described = (
            head.category == "finding"
            or GENERAL_HEAD.search(head.text)
            or _described_words(view.text[start : head.start])
        )
        return ref(head) if described else None
    modifiers = [w.capitalize() for w in _described_words(view.text[start : head.start])]
    sites = [
        m
        for m in view.of("site", specific=False)
        if head.end < m.start < position and WITHIN_SITE.search(view.text[head.end : m.start])
    ]
    site = SITE_ADJECTIVE.get(sites[0].concept.name) if sites else None
    return Ref(site + "".join(modifiers) + head.concept.name) if site is not None else None


def _described_words(text: str) -> list[str]:
    """The modifying words written before a head noun, without articles and quantifiers."""
    return [
        w
        for w in re.findall(r"[A-Za-z][\w-]*", text)
        if w.lower() not in ("a", "an", "the", "any", "some", "this", "that", "such")
    ]


def _article_start(text: str, position: int) -> int:
    """Where the article before a position begins, or the position when there is none."""
    article = re.search(r"\b(?:an?|the)\s*$", text[:position], re.I)
    return article.start() if article else position


UNLIKE = re.compile(r"^\W*(?:unlike|in\s+contrast\s+to|as\s+opposed\s+to)\s+(?:an?\s+|the\s+)?", re.I)


@rule("differential.unlike", "differential", 0.8, general_only=True)
def differential_unlike(view: SentenceView) -> Iterable[Candidate]:
    """A clause that opens by setting one lesion against another.

    "unlike metastases, myeloma rarely involves the pedicles", "in contrast to abscesses, tumours seldom cross the
    disc". The lesion after the comma is told apart from the one after the cue by what the clause says of it: an
    appearance or a site.
    """
    cue = UNLIKE.match(view.text)
    if cue is None:
        return
    others = [m for m in view.of(*LESION, specific=False) if m.start == cue.end()]
    comma = view.text.find(",", cue.end())
    if not others or comma < 0:
        return
    subjects = [m for m in view.of(*LESION) if comma < m.start <= comma + 25]
    if not subjects or subjects[0].concept.name == others[0].concept.name:
        return
    _start, end = view.clause_of(subjects[0].end)
    clues = [m for m in view.of(*APPEARANCE, "site", specific=False) if subjects[0].end <= m.start < end]
    if clues:
        discriminator = ref(clues[0]) if clues[0].category != "site" else None
        candidate = simple(
            view,
            "differential",
            ref(subjects[0]),
            "distinguishedFrom",
            others[0],
            cue.start(),
            discriminator=discriminator,
        )
        yield replace(candidate, span=(cue.start(), subjects[0].end))


LESIONS_OF_SITE = re.compile(
    r"\b(?:other\s+)?(?:lesions|entities|conditions|diseases|disorders|processes|masses)\s+(?:that|which)\s+(?:(?:may"
    r"|can|commonly|also|often)\s+)*"
    r"(?:involve|affect|occupy|occur\s+in|arise\s+in|be\s+found\s+in)\s+(?:the\s+)?$",
    re.I,
)
INCLUDE_AFTER = re.compile(r"\s+(?:include|includes|comprise|are)\s+", re.I)


@rule("differential.lesions_of_site", "differential", 0.8, general_only=True)
def differential_lesions_of_site(view: SentenceView) -> Iterable[Candidate]:
    """The lesions a compartment's lesion may be.

    "other lesions that may involve the epidural space include hematoma and abscess". Lesions of a compartment are, by
    the ontology's naming, its *...Lesion* class (*EpiduralLesion*); a compartment the ontology names no lesion class
    for gives nothing.
    """
    for site in view.of("site", specific=False):
        lead = LESIONS_OF_SITE.search(view.text[: site.start])
        include = INCLUDE_AFTER.match(view.text, site.end)
        adjective = SITE_ADJECTIVE.get(site.concept.name)
        if lead is None or include is None or adjective is None:
            continue
        listed = [m for m in view.of(*LESION) if m.start >= include.end() and not m.concept.broad]
        compartment_lesion = Ref(f"{adjective}Lesion")
        others = _other_than(view, lead, site)
        for item in enumeration(view, listed, include.end()):
            for owner in [compartment_lesion, *others]:
                if owner.name != item.concept.name:
                    candidate = simple(view, "differential", owner, "hasDifferential", item, lead.start())
                    yield replace(candidate, span=(lead.start(), include.end()))
        for other in others:
            yield Candidate(
                "differential",
                compartment_lesion,
                "hasDifferential",
                other,
                hedge=view.hedge(lead.start(), site.end),
                span=(lead.start(), include.end()),
            )


def _other_than(view: SentenceView, lead: re.Match, site: Mention) -> list[Ref]:
    """The lesion "other lesions" of a compartment are set against.

    The topic, when it lies in that compartment ("Other lesions that may involve the epidural space include ..." in a
    text on epidural metastases), so each of them is its differential too. A topic that lies elsewhere or nowhere in
    particular ("spinal metastases", "osseous metastases") stands for its kind in that compartment, which the ontology
    names by its convention (*EpiduralMetastasis*; a name it does not declare is dropped when the statement is checked):
    "other lesions" of the epidural space are set against the topic's lesions there.
    """
    if not lead.group(0).lower().startswith("other"):
        return []
    topic = view.anaphor_ref()
    if topic is None or topic.concept is None:
        return []
    written = lead.group(0).split()[1]
    if topic.concept.located_in == site.concept.name:
        return [replace(topic, written=written)]
    head = SITE_PREFIX.sub("", topic.name)
    adjective = SITE_ADJECTIVE.get(site.concept.name)
    if adjective is None or (head == topic.name and topic.concept.located_in is not None):
        return []
    return [Ref(adjective + head, anaphoric=True, written=written)]


# The site words the ontology's lesion names begin with ("SpinalMetastasis", "OsseousMetastasis"), so that the kind
# of lesion is the rest of the name.
SITE_PREFIX = re.compile(
    r"^(?:Spinal|Osseous|Vertebral|Bone|Epidural|Extradural|Intramedullary|IntraduralExtramedullary|Intradural"
    r"|Leptomeningeal|Paraspinal|Sacral)(?=[A-Z])"
)


FINDING_IN = re.compile(
    r"\b(?:may|can|might|could)\s+(?:also\s+)?(?:accompany|be\s+seen\s+(?:in|with)|occur\s+(?:in|with)|be\s+found\s+in"
    r"|be\s+caused\s+by|be\s+due\s+to)\s+",
    re.I,
)
FINDING_HEAD = ("finding", "sign")


@rule("differential.finding_in", "differential", 0.8, general_only=True)
def differential_finding_in(view: SentenceView) -> Iterable[Candidate]:
    """A finding that several lesions can give, so that it alone does not name one.

    "vertebra plana can be seen in histiocytosis, myeloma and metastasis", "increased uptake may accompany trauma,
    infection or arthritis". The finding heads the cue's clause, and the list names at least two lesions.
    """
    for cue in FINDING_IN.finditer(view.text):
        start, _end = view.clause_of(cue.start())
        findings = [m for m in view.of(*FINDING_HEAD) if start <= m.start and m.end <= cue.start()]
        listed = [
            m
            for m in view.of(*LESION)
            if m.start >= cue.end() and not m.concept.broad and not LIKENESS.match(view.text, m.end)
        ]
        if not findings or not listed or listed[0].start - cue.end() > 4:
            continue
        items = enumeration(view, listed, cue.end())
        if len(items) >= 2:
            for item in items:
                yield simple(view, "differential", ref(findings[0]), "hasDifferential", item, cue.start())


def compartment_lesion(view: SentenceView, head: Mention) -> Ref | None:
    """The compartment's lesion class that a general head and the site after it name together.

    "lesions in the epidural space" is *EpiduralLesion* (a name the ontology does not declare is dropped later).
    """
    if not (head.concept.broad or head.concept.generic):
        return None
    site = next(
        (
            m
            for m in view.of("site", specific=False)
            if 0 < m.start - head.end <= 20 and WITHIN_SITE.search(view.text[head.end : m.start])
        ),
        None,
    )
    adjective = SITE_ADJECTIVE.get(site.concept.name) if site is not None else None
    return Ref(f"{adjective}Lesion") if adjective else None


FAVOURS_OVER = re.compile(
    r"\b(?:favou?rs?|favou?ring|suggests?|points?\s+(?:to|toward))\s+(?:an?\s+"
    r"|the\s+)?(?P<first>[^,;.]{2,40}?)\s+(?:over|rather\s+than|instead\s+of)\s+(?:an?\s+|the\s+)?",
    re.I,
)
MORE_COMMON_IN = re.compile(
    r"\b(?:is|are)\s+(?:much\s+|far\s+)?(?:more\s+(?:common|frequent|typical|often\s+seen)|commoner)\s+in\s+(?:an?\s+"
    r"|the\s+)?(?P<first>[^,;.]{2,40}?)\s+than\s+(?:in\s+)?(?:an?\s+|the\s+)?",
    re.I,
)


@rule("differential.favours_over", "differential", 0.8, general_only=True)
def differential_favours_over(view: SentenceView) -> Iterable[Candidate]:
    """A finding that tells two lesions apart by pointing to one.

    "a dural tail favours meningioma over schwannoma", "calcification is more common in meningioma than in schwannoma".
    The lesion favoured is told apart from the other, with the finding the clause opens with as what tells them apart.
    """
    for pattern in (FAVOURS_OVER, MORE_COMMON_IN):
        for cue in pattern.finditer(view.text):
            firsts = [m for m in view.of(*LESION) if cue.start("first") <= m.start and m.end <= cue.end("first")]
            second = next((m for m in view.of(*LESION) if m.start == cue.end()), None)
            if len(firsts) != 1 or second is None or firsts[0].concept.name == second.concept.name:
                continue
            start, _end = view.clause_of(cue.start())
            clues = [m for m in view.of(*APPEARANCE) if start <= m.start and m.end <= cue.start()]
            if clues:
                candidate = simple(
                    view,
                    "differential",
                    ref(firsts[0]),
                    "distinguishedFrom",
                    second,
                    clues[0].start,
                    discriminator=ref(clues[0]),
                )
                yield replace(candidate, span=(clues[0].start, second.end))


FAVOURS = re.compile(
    r"\b(?:favou?rs?|favou?ring|(?:would|may|might|could|can|should|does|do|strongly)\s+favou?r)\s+(?:an?\s+"
    r"|the\s+)?(?:diagnosis\s+of\s+(?:an?\s+)?)?",
    re.I,
)
CLUE_CATEGORIES = ("finding", "sign", "lab", "clinical", "signal", "enhancement", "density")


@rule("differential.favours", "differential", 0.8, general_only=True)
def differential_favours(view: SentenceView) -> Iterable[Candidate]:
    """Clues that favour one diagnosis.

    "oligoclonal bands and a relapsing course favour a demyelinating process", "a fluid level would favour an aneurysmal
    bone cyst". Each clue named before the cue in its clause suggests the lesion named right after it; a negated clue
    suggests nothing.
    """
    for cue in FAVOURS.finditer(view.text):
        lesion = next((m for m in view.of(*LESION) if m.start == cue.end() and not m.concept.broad), None)
        if lesion is None:
            continue
        start, _end = view.clause_of(cue.start())
        clues = [
            m for m in view.of(*CLUE_CATEGORIES) if start <= m.start and m.end <= cue.start() and not view.is_negated(m)
        ]
        for clue in clues[:3]:
            candidate = simple(view, "differential", ref(clue), "suggests", lesion, clue.start)
            yield replace(candidate, span=(clue.start, lesion.end))


MAKES_MORE_LIKELY = re.compile(
    r"\b(?:would|may|might|could|can|should|will|does|do)?\s*(?:make|makes|render|renders)\s+(?:an?\s+|the\s+|this\s+)?"
    r"(?P<described>[^,;.]{3,60}?)\s+(?:much\s+|far\s+)?more\s+(?:suspicious\s+(?:for|of)|likely\s+to\s+be"
    r"|suggestive\s+of|concerning\s+for|worrisome\s+for)\s+(?:an?\s+|the\s+)?",
    re.I,
)


@rule("differential.makes_more_likely", "differential", 0.8, general_only=True)
def differential_makes_more_likely(view: SentenceView) -> Iterable[Candidate]:
    """A clue that makes a described lesion more likely to be one diagnosis.

    "bone metastases in a patient with a known cancer would make an enhancing cord lesion more suspicious for an
    intramedullary metastasis": the clue the clause opens with suggests the diagnosis, and the described lesion has it
    in its differential.
    """
    for cue in MAKES_MORE_LIKELY.finditer(view.text):
        diagnosis = next((m for m in view.of(*LESION) if m.start == cue.end() and not m.concept.broad), None)
        described = [
            m
            for m in view.of(*LESION, "finding")
            if cue.start("described") <= m.start and m.end <= cue.end("described")
        ]
        if diagnosis is None:
            continue
        start, _end = view.clause_of(cue.start())
        clues = [
            m
            for m in view.of(*CLUE_CATEGORIES, *LESION)
            if start <= m.start and m.end <= cue.start() and not view.is_negated(m)
        ]
        if clues and re.fullmatch(r"\W*(?:(?:an?|the)\s+)?", view.text[start : clues[0].start], re.I):
            clue = clues[0]
            if clue.concept.name != diagnosis.concept.name:
                candidate = simple(view, "differential", ref(clue), "suggests", diagnosis, clue.start)
                yield replace(candidate, span=(cue.start(), diagnosis.end))
        if (
            len(described) == 1
            and not described[0].concept.broad
            and described[0].concept.name != diagnosis.concept.name
        ):
            candidate = simple(view, "differential", ref(described[0]), "hasDifferential", diagnosis, cue.start())
            yield replace(candidate, span=(cue.start(), diagnosis.end))


# A case's weighed diagnosis set against the one its findings favoured: "an astrocytoma was the main alternative
# considered, but the sharp margins favoured an ependymoma", "a lymphoma was suspected, although the fluid level
# pointed to an aneurysmal bone cyst".
WEIGHED_IN_CASE = re.compile(
    r"\b(?:was|were)\s+(?:also\s+|initially\s+|first\s+)?(?:considered|suspected|entertained)\b"
    r"|\b(?:was|were)\s+(?:the\s+|an\s+)?(?:(?:main|chief|principal|leading|other|only|second)\s+)?alternatives?\b",
    re.I,
)
FAVOURED_INSTEAD = re.compile(
    r"\b(?:but|although|though|however|whereas)\b[^;.]*?\b(?:favou?red|pointed\s+(?:to|towards?)|suggested)\s+"
    r"(?:an?\s+|the\s+)?(?:diagnosis\s+of\s+(?:an?\s+)?)?",
    re.I,
)


@rule("differential.case_favoured_over", "differential", 0.75, case_only=True)
def differential_case_favoured_over(view: SentenceView) -> Iterable[Candidate]:
    """A diagnosis a case weighed, told apart from the one its findings favoured instead.

    "An astrocytoma was the main alternative considered, but the sharp margins favoured an ependymoma": the ependymoma
    is told apart from the astrocytoma, with the first finding named between the two as what tells them apart. A
    negated finding, or a sentence with no finding there, tells them apart by nothing the rule can name. The evidence
    is the finding and the diagnosis it favoured; the weighing ("was considered") hedges the other, not this.
    """
    for weighed in WEIGHED_IN_CASE.finditer(view.text):
        start, _end = view.clause_of(weighed.start())
        considered = [m for m in view.of(*LESION) if start <= m.start and m.end <= weighed.start()]
        cue = FAVOURED_INSTEAD.search(view.text, weighed.end())
        if not considered or considered[-1].concept.broad or cue is None:
            continue
        favoured = next((m for m in view.of(*LESION) if m.start == cue.end() and not m.concept.broad), None)
        if favoured is None or favoured.concept.name == considered[-1].concept.name:
            continue
        clues = [
            m
            for m in view.of(*APPEARANCE)
            if weighed.end() <= m.start and m.end <= cue.end() and not view.is_negated(m)
        ]
        if clues:
            candidate = simple(
                view,
                "differential",
                ref(favoured),
                "distinguishedFrom",
                considered[-1],
                clues[0].start,
                discriminator=ref(clues[0]),
            )
            candidate.negated, candidate.hedge = False, None
            yield replace(candidate, span=(clues[0].start, favoured.end))
