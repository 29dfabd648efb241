"""Relation rules for differential statements."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, Candidate, after_in_clause, cues, ref, rule, simple
from kg.extract.sentence import Ref, SentenceView


@rule("differential.list", "differential", 0.8)
def differential_list(view: SentenceView) -> Iterable[Candidate]:
    """A differential diagnosis and what it includes, in either order."""
    cue = re.search(r"\bdifferential(?:\s+(?:diagnos[ie]s|considerations?))?\b", view.text, re.I)
    if cue is None:
        return
    of = re.match(r"\s+(?:\w+\s+){0,3}?(?:of|for)\s+(?:an?\s+|the\s+|this\s+|these\s+)?", view.text[cue.end() :])
    subject = None
    if of:
        subject = _differential_head(view, cue.end() + of.end())
    else:
        subject = _differential_setting(view, cue.start())
    subject = subject or view.anaphor_ref()
    if subject is None:
        return
    include = re.search(r"\b(?:include\w*|are|is|such as|consider\w*|comprise\w*)\b", view.text[cue.end() :], re.I)
    if include:
        start = cue.end() + include.end()
        listed = enumeration(view, [m for m in view.of(*LESION) if m.start > start], start)
    else:
        listed = [m for m in view.of(*LESION) if m.end <= cue.start()]
    for other in listed:
        if other.concept.name != subject.name:
            candidate = simple(view, "differential", subject, "hasDifferential", other, cue.start())
            candidate = replace(candidate, span=(cue.start(), start)) if include else candidate
            yield replace(candidate, reliability=INFERRED_SUBJECT_RELIABILITY) if subject.concept is None else candidate


# A subject the rule names by the ontology's naming convention (a compartment mass for its lesion) rather
# than reads in the text is not measured yet: its statements wait for review.
INFERRED_SUBJECT_RELIABILITY = 0.65


def _differential_head(view: SentenceView, position: int) -> Ref | None:
    """What a differential after "of" is for: the lesion or finding named there, past a word or two the
    recogniser does not know ("of a sacral chordoma"). A mass of a compartment ("an epidural mass", a
    broad finding) stands for the lesion of that compartment, which the ontology names alike
    (*EpiduralMass*, *EpiduralLesion*); a name it does not declare is dropped when the statement is checked.
    """
    heads = [m for m in view.of(*LESION, "finding", specific=False) if m.start >= position and re.fullmatch(r"(?:[\w-]+\s+){0,2}", view.text[position : m.start])]
    if not heads:
        return None
    head = heads[0]
    if not head.concept.broad:
        return ref(head)
    compartment = re.fullmatch(r"([A-Z]\w+)Mass", head.concept.name)
    return Ref(f"{compartment.group(1)}Lesion") if compartment and head.category == "finding" else None


SETTING_LEAD = re.compile(r"\b(?:with|for|showing|shows|of|in)\s+(?:an?\s+|the\s+|this\s+|such\s+an?\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _differential_setting(view: SentenceView, position: int) -> Ref | None:
    """The lesion or finding a differential is for when the sentence names it before the cue, as the
    setting: "in a patient with an intramedullary enhancing lesion, the differential includes ...",
    "for a solitary sclerotic focus, the differential diagnosis is ...". It must follow a preposition,
    so that the items of a list put before the cue ("A and B are the differential of ...") are not taken.
    """
    start = view.text.rfind(",", 0, position)
    settings = [m for m in view.of(*LESION, "finding") if m.end <= start and not m.concept.broad and SETTING_LEAD.search(view.text[: m.start])]
    return ref(settings[-1]) if settings else None


def enumeration(view: SentenceView, mentions: list[Mention], start: int) -> list[Mention]:
    """The mentions of a list that begins at a position ("includes A, B, and C"): each item follows the one
    before with only a comma, "and", "or" or a few words between, so the list ends where the clause does.
    Its items are as sure as its first, however long the list.
    """
    items, previous_end = [], start
    for mention in mentions:
        gap = LIST_ABBREVIATION.sub("", view.text[previous_end : mention.start])
        if len(gap) > 40 or re.search(r"[;.:]|\b(?:which|that|whereas|while|but)\b", gap):
            break
        items.append(mention)
        previous_end = mention.end
    return [m for m in items if not _heads_examples(view, m)]


LIST_ABBREVIATION = re.compile(r"\b(?:i\.\s?e|e\.\s?g)\.,?", re.I)
EXAMPLES_AFTER = re.compile(r"\s*\(?\s*(?:such\s+as|including|e\.\s?g\.|i\.\s?e\.)\s", re.I)
PRIMARY_AFTER = re.compile(r"\s+(?:of|from)\s+(?:an?\s+|the\s+)?$", re.I)


def _heads_examples(view: SentenceView, mention: Mention) -> bool:
    """Whether a list item only introduces the items after it: "hypervascular pathologies such as ...",
    or names the metastases whose primary follows ("metastases of renal cell carcinoma"), so the
    examples or the primary are the items, not it."""
    after = view.text[mention.end :]
    if EXAMPLES_AFTER.match(after):
        return True
    following = [m for m in view.of(*LESION) if m.start >= mention.end]
    return "Metastasis" in mention.concept.ancestors and bool(following) and bool(PRIMARY_AFTER.fullmatch(view.text[mention.end : following[0].start]))


@rule("differential.distinguish", "differential", 0.75)
def differential_distinguish(view: SentenceView) -> Iterable[Candidate]:
    """Two lesions told apart, with what tells them apart: "the lack of calcification may help separate A from B",
    "DWI helps differentiate between A and B"."""
    for cue in cues(view, r"\b(?:distinguish\w*|differentiat\w*|separat\w*|discriminat\w*|tell\w* apart)\b"):
        pair = _between_pair(view, cue.end())
        if pair is not None:
            firsts, seconds = pair[:1], pair[1:]
        else:
            frm = re.search(r"\bfrom\b", view.text[cue.end() :])
            if frm is None:
                continue
            at = cue.end() + frm.start()
            firsts = [m for m in view.of(*LESION) if cue.end() <= m.start < at] or [m for m in view.of(*LESION) if m.end <= cue.start()][-1:]
            seconds = after_in_clause(view, at, LESION, stop=())
        if not firsts or not seconds:
            continue
        clues = [m for m in view.of("finding", "sign", "signal", "enhancement", "density") if m.end <= cue.start()]
        discriminator = ref(clues[-1]) if clues else None
        candidate = simple(view, "differential", ref(firsts[0]), "distinguishedFrom", seconds[0], firsts[0].start, discriminator=discriminator)
        yield replace(candidate, negated=bool(CANNOT.search(view.text[max(0, cue.start() - 30) : cue.start()])))


def _between_pair(view: SentenceView, position: int) -> list[Mention] | None:
    """The two lesions of "between A and B" right after a cue, if the text names them so."""
    between = re.match(r"\s+(?:\w+\s+){0,2}?between\s+(?:an?\s+|the\s+)?", view.text[position:], re.I)
    if between is None:
        return None
    start = position + between.end()
    pair = [m for m in view.of(*LESION) if m.start >= start][:2]
    if len(pair) == 2 and pair[0].start - start <= 15 and re.fullmatch(r"\s*(?:and|or|versus|vs\.?)\s+(?:an?\s+|the\s+)?", view.text[pair[0].end : pair[1].start], re.I):
        return pair
    return None


# What denies that two lesions can be told apart; "the lack of calcification may help separate" denies nothing.
CANNOT = re.compile(r"\b(?:cannot|can\s*not|can't|could\s+not|not|unable\s+to|impossible\s+to|fail\w*\s+to)\s+(?:\w+\s+){0,2}$", re.I)
OVERLAP = re.compile(r"\b(?:show|shows|have|has|demonstrate|demonstrates)\s+(?:an?\s+)?(?:(?:considerable|substantial|significant|marked|great|some)\s+)?(?:imaging\s+)?overlap\b|\boverlap\s+between\b", re.I)


@rule("differential.overlap", "differential", 0.75)
def differential_overlap(view: SentenceView) -> Iterable[Candidate]:
    """Two lesions whose appearances overlap: "benign compression fractures and malignant lesions can show a
    considerable overlap", "there is overlap between A and B". The first may look like the second."""
    for cue in OVERLAP.finditer(view.text):
        if cue.group(0).lower().startswith("overlap"):
            pair = [m for m in view.of(*LESION) if m.start >= cue.end()][:2]
        else:
            start, _end = view.clause_of(cue.start())
            pair = [m for m in view.of(*LESION) if start <= m.start and m.end <= cue.start()][:2]
        if len(pair) == 2 and re.fullmatch(r"\s*(?:,\s*)?(?:and|or)\s+(?:the\s+)?", view.text[pair[0].end : pair[1].start], re.I) and pair[0].concept.name != pair[1].concept.name:
            yield simple(view, "differential", ref(pair[0]), "mimics", pair[1], pair[0].start)


@rule("differential.mimics", "differential", 0.75)
def differential_mimics(view: SentenceView) -> Iterable[Candidate]:
    """One lesion that looks like another: "Schmorl's nodes may mimic metastases", "may closely resemble"."""
    for cue in cues(view, r"\b(?:mimic\w*|simulat\w*|masquerad\w* as|mistaken for|confused with|resembl\w*|indistinguishable from)\b"):
        subject = view.subject_before(cue.start(), categories=LESION + ("finding",))
        objects = after_in_clause(view, cue.end(), LESION, stop=())
        if subject is not None and objects and objects[0].concept.name != subject.name:
            yield simple(view, "differential", subject, "mimics", objects[0], cue.start())


CONTRAST = re.compile(r",?\s*\b(?:whereas|while|in\s+contrast\s+to|unlike)\b\s*", re.I)
APPEARANCE = ("signal", "enhancement", "density", "finding", "sign")


@rule("differential.contrast", "differential", 0.75)
def differential_contrast(view: SentenceView) -> Iterable[Candidate]:
    """Two lesions set against each other by how they look: "metastases are bright on fat-suppressed
    images, whereas non-neoplastic lesions are dark". Each side must name an appearance, so that a
    contrast of frequency or treatment is not read as a way to tell them apart."""
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
            yield simple(view, "differential", ref(firsts[0]), "distinguishedFrom", seconds[0], firsts[0].start, discriminator=ref(looks_first[0]))


HELPFUL_CLUE = re.compile(
    r"\b(?:helpful|useful|valuable|important)\s+(?:in|for)\s+(?:(?:determining|deciding|establishing|confirming|diagnosing|identifying|recogni[sz]ing)"
    r"\s+(?:if|whether|that)?\s*(?:the\s+lesion|it|this)?\s*(?:is|represents)?\s*|(?:the\s+)?diagnosis\s+of\s+)(?:an?\s+|the\s+)?$", re.I)


@rule("differential.helpful_clue", "differential", 0.75)
def differential_helpful_clue(view: SentenceView) -> Iterable[Candidate]:
    """A finding that helps name the lesion: "flow voids along the cord surface are helpful in determining
    if the lesion is an arteriovenous malformation", "a fat-fluid level is useful in the diagnosis of X".
    The finding the clause opens with indicates the lesion named right after the cue; the clause being
    built around the cue, the distance that weighs is the cue's to the lesion."""
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
    r"\b(?:considered|included|includ\w+|listed|kept\s+in\s+mind|part)\s+(?:in|of)\s+(?:the\s+)?differential(?:\s+diagnos[ie]s)?\s+(?:of|for)\s+(?:an?\s+|the\s+)?", re.I)
SETTING_OF_LESIONS = re.compile(r"\s*(?:causing|presenting\s+with|with|that\s+cause|producing)\s+(?:an?\s+|the\s+)?", re.I)


@rule("differential.included_in", "differential", 0.8)
def differential_included_in(view: SentenceView) -> Iterable[Candidate]:
    """A lesion put in another's differential: "lymphoma should be considered in the differential diagnosis
    of an epidural mass", "it must be included in the differential diagnosis of lesions causing cord
    compression" (lesions in general causing a finding: the differential is the finding's)."""
    for cue in INCLUDED_IN_DIFFERENTIAL.finditer(view.text):
        heads = [m for m in view.of(*LESION, "finding", specific=False) if 0 <= m.start - cue.end() <= 3]
        if not heads:
            continue
        head = heads[0]
        if head.concept.broad:
            setting = SETTING_OF_LESIONS.match(view.text, head.end)
            found = [m for m in view.of(*LESION, "finding") if setting and m.start == setting.end() and not m.concept.broad]
            if not found:
                continue
            head = found[0]
        member = view.subject_before(cue.start())
        if member is not None and member.name != head.concept.name:
            yield Candidate("differential", ref(head), "hasDifferential", member, hedge=view.hedge(0, cue.end()), span=(cue.start(), head.end))
