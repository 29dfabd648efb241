"""Relation rules for pitfall statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.rules.base import LESION, TECHNIQUE, Candidate, ref, rule
from kg.extract.rules.differential import enumeration
from kg.extract.sentence import Ref, SentenceView

OBSCURED_CUE = re.compile(
    r"\b(?:(?:become|becomes|be|are|is)\s+obscured|(?:be|are|is)\s+(?:easily\s+)?(?:missed|overlooked)|"
    r"(?:difficult|hard)\s+to\s+(?:discern|detect|see|identify|delineate)|(?P<object_after>poor\s+at\s+(?:delineating|detecting|depicting|showing))|"
    r"(?:be|are|is)\s+subtle)\b", re.I)
FALSE_NEGATIVE_CUE = re.compile(r"\bfalse[- ]negative\s+(?:\w+\s+){0,4}?(?:with|in|for)\s+", re.I)
NORMAL_STUDY_CUE = re.compile(r"\b(?:(?:false\s+)?impression\s+of\s+a\s+normal|mimic\w*\s+a\s+normal|simulat\w*\s+a\s+normal)\s+(?:scan|study|examination|image)", re.I)


@rule("pitfall.obscured_on", "pitfall", 0.75)
def pitfall_obscured_on(view: SentenceView) -> Iterable[Candidate]:
    """A lesion a technique can miss: "metastases may become obscured on fat-suppressed images", "the
    radiograph is poor at delineating the lesion", "false-negative scans are common with myeloma"."""
    for cue in FALSE_NEGATIVE_CUE.finditer(view.text):
        technique = _technique_near(view, cue.start())
        for lesion in enumeration(view, [m for m in view.of(*LESION) if m.start >= cue.end()], cue.end()):
            if technique is not None:
                yield Candidate("pitfall", ref(lesion), "mayBeObscuredOn", technique, span=(cue.start(), lesion.end))
    for cue in OBSCURED_CUE.finditer(view.text):
        if cue.group("object_after"):
            after = [m for m in view.of(*LESION, specific=False) if 0 <= m.start - cue.end() <= 60]
            subject = view.subject_before(after[0].end) if after else None
        else:
            subject = view.subject_before(cue.start())
        technique = _technique_near(view, cue.start())
        if subject is not None and technique is not None:
            yield Candidate("pitfall", subject, "mayBeObscuredOn", technique, span=(cue.start(), cue.end()))


@rule("pitfall.normal_study", "pitfall", 0.75)
def pitfall_normal_study(view: SentenceView) -> Iterable[Candidate]:
    """Disease that makes a study look normal: "diffuse infiltration may create the impression of a normal study"."""
    for cue in NORMAL_STUDY_CUE.finditer(view.text):
        subject = view.subject_before(cue.start(), categories=("disorder", "primary", "finding", "sign"))
        if subject is not None:
            yield Candidate("pitfall", subject, "mimics", Ref("NormalImagingStudy"), span=(cue.start(), cue.end()))


def _technique_near(view: SentenceView, position: int) -> Ref | None:
    """The technique a pitfall is about: the one named nearest the cue, else the one the text is discussing."""
    techniques = view.of(*TECHNIQUE)
    if techniques:
        return ref(min(techniques, key=lambda m: min(abs(m.start - position), abs(m.end - position))))
    return ref(view.context_technique) if view.context_technique is not None else None
