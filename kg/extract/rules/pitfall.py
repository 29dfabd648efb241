"""Relation rules for pitfall statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, TECHNIQUE, Candidate, ref, rule
from kg.extract.rules.differential import enumeration
from kg.extract.sentence import Ref, SentenceView

OBSCURED_CUE = re.compile(
    r"\b(?:(?:become|becomes|be|are|is)\s+obscured|(?:be|are|is)\s+(?:easily\s+)?(?:missed|overlooked)|"
    r"(?:difficult|hard)\s+to\s+(?:discern|detect|see|identify|delineate)|(?P<object_after>poor\s+at\s+(?:delineating"
    r"|detecting|depicting|showing))|"
    r"(?:be|are|is)\s+subtle|(?:be|are|is|remains?)\s+(?:often\s+|frequently\s+"
    r"|usually\s+)?(?:radiographically\s+)?occult|"
    r"(?:be|are|is)\s+(?:often\s+|frequently\s+|usually\s+)?(?:not|poorly|hardly|rarely)\s+(?:visible|seen|detectable"
    r"|detected|depicted|shown)(?=\s+(?:on|with|by|using|at)\b))\b",
    re.I,
)
FALSE_NEGATIVE_CUE = re.compile(r"\bfalse[- ]negative\s+(?:\w+\s+){0,4}?(?:with|in|for)\s+", re.I)
NORMAL_STUDY_CUE = re.compile(
    r"\b(?:(?:false\s+)?impression\s+of\s+a\s+normal|mimic\w*\s+a\s+normal|simulat\w*\s+a\s+normal)\s+(?:scan|study"
    r"|examination|image)",
    re.I,
)


@rule("pitfall.obscured_on", "pitfall", 0.75)
def pitfall_obscured_on(view: SentenceView) -> Iterable[Candidate]:
    """A lesion a technique can miss: "metastases may become obscured on fat-suppressed images".

    "the radiograph is poor at delineating the lesion", "false-negative scans are common with myeloma".
    """
    for cue in FALSE_NEGATIVE_CUE.finditer(view.text):
        technique = _technique_near(view, cue.start())
        listed = enumeration(view, [m for m in view.of(*LESION) if m.start >= cue.end()], cue.end())
        for lesion in listed:
            if technique is not None:
                yield Candidate("pitfall", ref(lesion), "mayBeObscuredOn", technique, span=(cue.start(), listed[0].end))
    for cue in OBSCURED_CUE.finditer(view.text):
        if cue.group("object_after"):
            after = [m for m in view.of(*LESION, specific=False) if 0 <= m.start - cue.end() <= 60]
            subject = view.subject_before(after[0].end) if after else None
        else:
            subject = view.subject_before(cue.start())
        technique = _technique_near(view, cue.start())
        if subject is not None and technique is not None:
            yield Candidate("pitfall", subject, "mayBeObscuredOn", technique, span=(cue.start(), cue.end()))


HIDING_CUE = re.compile(r"\b(?:can|may|might|could|often|sometimes)\s+(?:\w+\s+)?(?:hide|mask|obscure|conceal)\b", re.I)


@rule("pitfall.hidden_by", "pitfall", 0.75)
def pitfall_hidden_by(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that something around it can hide on a technique.

    "on T2-weighted images the surrounding edema can mask the tumour", "fatty marrow may obscure small metastases on
    unenhanced T1 images". The lesion is the one the clause names, before or after the cue; the technique must be named
    in the clause.
    """
    for cue in HIDING_CUE.finditer(view.text):
        start, end = view.clause_of(cue.start())
        lesions = [m for m in view.of(*LESION) if start <= m.start < end and not m.concept.broad]
        techniques = [m for m in view.of(*TECHNIQUE) if start <= m.start < end]
        before = [m for m in view.mentions if start <= m.start and m.end <= cue.start()]
        if lesions and techniques and not (before and before[-1].category in TECHNIQUE):
            technique = min(techniques, key=lambda m: abs(m.start - cue.start()))
            yield Candidate(
                "pitfall",
                ref(lesions[0]),
                "mayBeObscuredOn",
                ref(technique),
                hedge=view.hedge(start, cue.end()),
                span=(
                    min(technique.start, lesions[0].start, cue.start()),
                    max(technique.end, lesions[0].end, cue.end()),
                ),
            )


MISSES_CUE = re.compile(
    r"\b(?:may|can|might|could|often|frequently|sometimes|will)\s+(?:\w+\s+)?(?:miss|fail\s+to\s+(?:detect|show"
    r"|depict))\s+"
    r"|\b(?:may|can|might|could|often)\s+(?:\w+\s+)?be\s+(?:normal|negative|unremarkable)\s+(?:in|with)\s+"
    r"|\b(?:cannot|can\s*not|may\s+not|does\s+not|do\s+not)\s+(?:reliably\s+|always\s+)?(?:detect|show|depict)\s+"
    r"|\b(?:is|are)\s+(?:relatively\s+|often\s+)?insensitive\s+(?:to|for)\s+",
    re.I,
)


@rule("pitfall.technique_misses", "pitfall", 0.8)
def pitfall_technique_misses(view: SentenceView) -> Iterable[Candidate]:
    """A technique that can miss a lesion, with the technique as the clause's subject.

    "bone scintigraphy may miss purely lytic myeloma", "radiographs may be normal in early spondylodiscitis". The lesion
    follows the cue within a few words; the technique is the last one named before it in its clause.
    """
    for cue in MISSES_CUE.finditer(view.text):
        start, _end = view.clause_of(cue.start())
        techniques = [m for m in view.of(*TECHNIQUE) if start <= m.start and m.end <= cue.start()]
        lesion = next((m for m in view.of(*LESION) if 0 <= m.start - cue.end() <= 30 and not m.concept.broad), None)
        if (
            techniques
            and lesion is not None
            and re.fullmatch(
                r"(?:(?:the|an?|some|small|early|purely|[\w-]+ic|[\w-]+al)\s+){0,3}",
                view.text[cue.end() : lesion.start],
                re.I,
            )
        ):
            yield Candidate(
                "pitfall",
                ref(lesion),
                "mayBeObscuredOn",
                ref(techniques[-1]),
                hedge=view.hedge(start, cue.end()),
                span=(techniques[-1].start, lesion.end),
            )


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


# Words that introduce a technique's drawback; the words after them, to the end of the clause, state it.
LIMITATION_CUE = re.compile(
    r"\b(?:(?:dis)?advantages?\s+of\s+(?P<named>[\w/-]+(?:\s+[\w/-]+)?)\s+(?:is|are)\s+(?:that\s+)?|"
    r"(?:drawbacks?|limitations?|shortcomings?|weakness(?:es)?)\s+of\s+(?P<named2>[\w/-]+(?:\s+[\w/-]+)?)\s+(?:is"
    r"|are)\s+(?:that\s+)?|"
    r"(?:is|are)\s+limited\s+by\s+|(?:is|are)\s+unfortunately\s+|unfortunately,?\s+(?:it|they|this)\s+(?:is|are)\s+|"
    r"there\s+is\s+(?=(?:an?\s+)?(?:[\w-]+\s+){0,3}risk\s+of\b))",
    re.I,
)
UNSETTLED_VALUE = re.compile(
    r"\b(?:utility|role|value|usefulness|benefit)\s+of\s+[^,;]*?\b(?:is|remains?)\s+(?:still\s+)?(?:controversial"
    r"|unclear|uncertain|debated|unproven|unanswered|unknown|undetermined|unresolved|not\s+established)\b",
    re.I,
)
DETECTION_THRESHOLD = re.compile(
    r"\b(?:necessitat|requir|need)\w*\b[^.;]*?\bat\s+(?:a\s+)?(?:minimum|least)\b[^.;]*?\bfor\s+(?:detection"
    r"|diagnosis)\b",
    re.I,
)
MISJUDGED = re.compile(
    r"\b(?:(?:may|can|might|could|often|tends?\s+to)\s+)?(?:underestimat|overestimat|understag|overstag"
    r"|underdiagnos)\w*\b[^;:]*",
    re.I,
)
ANAPHORIC_TECHNIQUE = re.compile(
    r"^\W*(?:this|the|these|such)\s+(?:sequences?|techniques?|methods?|modalit(?:y|ies)|examinations?|scans?)\b", re.I
)
CITATION = re.compile(r"\s*\[[\d,\s–-]+\]")
LIMITATION_TEXT_WORDS = 3


@rule("pitfall.limitation", "pitfall", 0.75)
def pitfall_limitation(view: SentenceView) -> Iterable[Candidate]:
    """A technique's drawback as the words that state it.

    "one disadvantage of CT is the radiation dose", "it is unfortunately time consuming", "the role of DWI remains
    controversial", "radiographs require at least 50% bone loss for detection", "bone scintigraphy may underestimate
    myeloma". Only techniques have limitations here, and the clause that the cue introduces must say something (three
    words or more). A drawback that is an artifact ("the beam hardening artifact") is stated as the artifact the
    technique can cause.
    """
    for cue in LIMITATION_CUE.finditer(view.text):
        _start, end = view.clause_of(cue.end())
        text = _limitation_text(view.text[cue.end() : end])
        limited = _limited_technique(view, cue)
        if limited is None or text is None:
            continue
        artifact = _artifact_named(view, cue.end(), end)
        if artifact is not None:
            yield Candidate("pitfall", limited[0], "canCause", ref(artifact), span=limited[1])
        else:
            yield Candidate("pitfall", limited[0], "hasLimitation", text=text, span=limited[1])
    for pattern in (UNSETTLED_VALUE, DETECTION_THRESHOLD, MISJUDGED):
        for cue in pattern.finditer(view.text):
            limited = _limited_technique(view, cue)
            if limited is not None:
                text = _limitation_text(cue.group(0)) or cue.group(0)
                yield Candidate("pitfall", limited[0], "hasLimitation", text=text, span=limited[1])


def _artifact_named(view: SentenceView, start: int, end: int) -> Mention | None:
    """The imaging artifact a limitation names as its head noun, within its first few words."""
    artifacts = [
        m
        for m in view.of("finding", specific=False)
        if start <= m.start < end and "ImagingArtifact" in m.concept.ancestors
    ]
    if artifacts and re.match(r"(?:the|an?)?\s*(?:[\w-]+\s+){0,3}$", view.text[start : artifacts[0].start], re.I):
        return artifacts[0]
    return None


def _limitation_text(words: str) -> str | None:
    """The words of a limitation without citations and the final stop, if they are enough to say something."""
    text = CITATION.sub("", words).strip().rstrip(".,;: ")
    return text if len(text.split()) >= LIMITATION_TEXT_WORDS else None


def _limited_technique(view: SentenceView, cue: re.Match) -> tuple[Ref, tuple[int, int]] | None:
    """The technique a limitation is about.

    With the span from it to the cue (the text being the cue's own clause, only that distance weighs): the technique the
    cue names ("disadvantage of CT"), else the first one the cue's clause or sentence names, else, after "this
    sequence", the one the text is discussing.
    """
    named = [g for g in cue.groups() if g]
    techniques = view.of(*TECHNIQUE)
    if named:
        inside = [m for m in techniques if cue.start() <= m.start < cue.end()]
        return (ref(inside[0]), cue.span()) if inside else None
    if ANAPHORIC_TECHNIQUE.match(view.text) and view.context_technique is not None:
        return ref(view.context_technique), cue.span()
    in_clause = [m for m in techniques if view.same_clause(m.start, cue.start())]
    chosen = (in_clause or techniques)[:1]
    return (ref(chosen[0]), (min(chosen[0].start, cue.start()), max(chosen[0].end, cue.start()))) if chosen else None


ARTIFACT_PRONE = re.compile(
    r"\b(?:is|are)\s+(?:(?:particularly|especially|very|highly|more)\s+)?(?:sensitive|prone|susceptible"
    r"|vulnerable)\s+to\s+",
    re.I,
)


@rule("pitfall.artifact_prone", "pitfall", 0.8)
def pitfall_artifact_prone(view: SentenceView) -> Iterable[Candidate]:
    """A technique that suffers an artifact.

    "fat saturation is particularly sensitive to susceptibility artifact from metal hardware", "gradient-echo sequences
    are prone to blooming artifact".
    """
    for cue in ARTIFACT_PRONE.finditer(view.text):
        techniques = [m for m in view.of(*TECHNIQUE) if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        artifact = next(
            (
                m
                for m in view.of("finding", specific=False)
                if 0 <= m.start - cue.end() <= 20 and "ImagingArtifact" in m.concept.ancestors
            ),
            None,
        )
        if techniques and artifact is not None:
            yield Candidate(
                "pitfall", ref(techniques[-1]), "canCause", ref(artifact), span=(techniques[-1].start, artifact.end)
            )


RISK_OF = re.compile(r"\b(?:risk|danger|hazard)\s+of\s+(?:an?\s+|the\s+)?", re.I)


@rule("pitfall.treatment_risk", "pitfall", 0.75, general_only=True)
def pitfall_treatment_risk(view: SentenceView) -> Iterable[Candidate]:
    """A complication a treatment or procedure risks.

    "the high risk of intraoperative hemorrhage should be anticipated at surgery", "the risk of bleeding during biopsy".
    The complication follows "risk of"; the treatment is the next one its clause names.
    """
    for cue in RISK_OF.finditer(view.text):
        complication = next((m for m in view.of("complication", "clinical") if 0 <= m.start - cue.end() <= 5), None)
        if complication is None:
            continue
        _start, end = view.clause_of(complication.start)
        treatment = next(
            (
                m
                for m in view.of("treatment", "procedure")
                if complication.end <= m.start < min(end, complication.end + 60)
            ),
            None,
        )
        if treatment is not None and not treatment.concept.broad:
            yield Candidate(
                "pitfall",
                ref(treatment),
                "hasComplication",
                ref(complication),
                span=(complication.start, treatment.end),
            )


MIMIC_CUE = re.compile(
    r"\b(?:mimic\w*|simulat\w*|resembl\w*|masquerad\w*\s+as|(?:be\s+)?mistaken\s+for"
    r"|(?:be\s+)?confused\s+with)\s+(?:an?\s+|the\s+)?",
    re.I,
)


@rule("pitfall.artifact_mimics", "pitfall", 0.8)
def pitfall_artifact_mimics(view: SentenceView) -> Iterable[Candidate]:
    """An imaging artifact that looks like a finding or a lesion.

    "chemical shift artifact may simulate a fracture line", "pulsation artifact can mimic an intradural lesion". The
    artifact is named in the clause before the cue, what it mimics right after it.
    """
    for cue in MIMIC_CUE.finditer(view.text):
        artifacts = [
            m
            for m in view.of("finding", specific=False)
            if m.end <= cue.start()
            and "ImagingArtifact" in m.concept.ancestors
            and view.same_clause(m.start, cue.start())
        ]
        mimicked = next((m for m in view.of(*LESION, "finding", "sign") if 0 <= m.start - cue.end() <= 25), None)
        if (
            artifacts
            and mimicked is not None
            and not mimicked.concept.broad
            and "ImagingArtifact" not in mimicked.concept.ancestors
        ):
            yield Candidate(
                "pitfall", ref(artifacts[-1]), "mimics", ref(mimicked), span=(artifacts[-1].start, mimicked.end)
            )


EARLY_NORMAL = re.compile(
    r"\b(?:may|can|might|could|is\s+often|are\s+often|is\s+frequently|are\s+frequently)\s+(?:still\s+|initially\s+"
    r"|remain\s+|be\s+)*(?:entirely\s+|completely\s+)?normal\b",
    re.I,
)


@rule("pitfall.normal_early_study", "pitfall", 0.75, general_only=True)
def pitfall_normal_early_study(view: SentenceView) -> Iterable[Candidate]:
    """A study that may look normal in a disease.

    "radiographs may be normal in the first weeks", "an MRI obtained early can be entirely normal". The clause opens
    with the technique; the disease is the one the clause names after it, else the one the text is about. A normal study
    is then a finding of that disease that misleads, which is why it is a pitfall rather than its appearance.
    """
    for cue in EARLY_NORMAL.finditer(view.text):
        start, end = view.clause_of(cue.start())
        techniques = [m for m in view.of(*TECHNIQUE) if start <= m.start < cue.start()]
        if not techniques or not re.fullmatch(
            r"\W*(?:(?:an?|the|initial|early|plain|conventional)\s+)*", view.text[start : techniques[0].start], re.I
        ):
            continue
        named = [m for m in view.of(*LESION) if cue.end() <= m.start < end and not m.concept.broad]
        subject = ref(named[0]) if named else view.anaphor_ref()
        if subject is not None:
            yield Candidate(
                "pitfall",
                subject,
                "hasImagingFinding",
                Ref("NormalImagingStudy"),
                span=(techniques[0].start, cue.end()),
            )
