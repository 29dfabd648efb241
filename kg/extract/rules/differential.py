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
        heads = [m for m in view.of(*LESION, "finding", specific=False) if m.start == cue.end() + of.end()]
        if heads and not heads[0].concept.broad:
            subject = ref(heads[0])
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
            yield replace(candidate, span=(cue.start(), start)) if include else candidate


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
        gap = view.text[previous_end : mention.start]
        if len(gap) > 40 or re.search(r"[;.:]|\b(?:which|that|whereas|while|but)\b", gap):
            break
        items.append(mention)
        previous_end = mention.end
    return items


@rule("differential.distinguish", "differential", 0.75)
def differential_distinguish(view: SentenceView) -> Iterable[Candidate]:
    """Two lesions told apart, with what tells them apart: "the lack of calcification may help separate A from B"."""
    for cue in cues(view, r"\b(?:distinguish\w*|differentiat\w*|separat\w*|discriminat\w*|tell\w* apart)\b"):
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
        yield simple(view, "differential", ref(firsts[0]), "distinguishedFrom", seconds[0], firsts[0].start, discriminator=discriminator)


@rule("differential.mimics", "differential", 0.75)
def differential_mimics(view: SentenceView) -> Iterable[Candidate]:
    """One lesion that looks like another: "Schmorl's nodes may mimic metastases"."""
    for cue in cues(view, r"\b(?:mimic\w*|simulat\w*|masquerad\w* as|mistaken for|confused with)\b"):
        subject = view.subject_before(cue.start(), categories=LESION + ("finding",))
        objects = after_in_clause(view, cue.end(), LESION, stop=())
        if subject is not None and objects and objects[0].concept.name != subject.name:
            yield simple(view, "differential", subject, "mimics", objects[0], cue.start())
