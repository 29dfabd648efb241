"""Relation rules for pitfall statements.

Ways imaging misleads: lesions a technique misses or that something hides ("may be missed on radiographs",
"false-negative scans are common with myeloma"), studies that look normal, artifacts and normal tissue that mimic
disease, lesions read as other lesions, and a technique's drawbacks written out as text ("one disadvantage of CT is
...", "the uptake may be nonspecific").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognise import Mention
from kg.extract.rules.base import CITATION, LESION, TECHNIQUE, Candidate, ref, rule
from kg.extract.rules.differential import enumeration
from kg.extract.rules.performance import clause_span, discussed_technique
from kg.extract.sentence import Ref, SentenceView

OBSCURED_CUE = re.compile(
    r"\b(?:(?:become|becomes|be|are|is)\s+obscured|(?:be|are|is)\s+(?:easily\s+)?(?:missed|overlooked)|"
    r"(?:and|or)\s+(?:so\s+|thus\s+|then\s+)?(?:easily|often|sometimes)\s+(?:missed|overlooked)|"
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
        span = cue.span()
        if subject is None and (cases := _lesion_of_cases(view, cue.end())) is not None:
            subject, span = ref(cases), (cue.start(), cases.end)
        technique = _technique_near(view, cue.start())
        if subject is not None and technique is not None:
            yield Candidate("pitfall", narrowed_to_topic(view, subject), "mayBeObscuredOn", technique, span=span)


IN_CASES_OF = re.compile(r"\b(?:in|of)\s+(?:cases|patients|the\s+setting)\s+(?:of|with)\s+\W*(?:[\w-]+\W+){0,2}$", re.I)


def _lesion_of_cases(view: SentenceView, position: int) -> Mention | None:
    """The lesion a sentence names after a cue as the cases it speaks of.

    "Internal septa may be subtle on MRI in cases of atypical hemangioma": what is missed is a part of that lesion,
    so the lesion is what may be obscured.
    """
    return next(
        (
            m
            for m in view.of(*LESION)
            if m.start >= position and IN_CASES_OF.search(view.text[max(position, m.start - 60) : m.start])
        ),
        None,
    )


def narrowed_to_topic(view: SentenceView, subject: Ref) -> Ref:
    """A lesion class above the topic, written in text about the topic, as the topic.

    In a paper or section on spinal metastases, "metastatic lesions may be missed" speaks of spinal
    metastases, not of metastases anywhere in the body.
    """
    topic = view.topic
    if subject.is_case or subject.concept is None or topic is None or view.is_case:
        return subject
    return Ref(topic.name, topic) if subject.name in topic.ancestors else subject


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
    r"|\b(?:may|can|might|could|often)\s+(?:\w+\s+)?be\s+(?:normal|negative|unremarkable|falsely\s+negative"
    r"|false[- ]negative)\s+(?:in|with)\s+"
    r"|\b(?:cannot|can\s*not|may\s+not|does\s+not|do\s+not)\s+(?:reliably\s+|always\s+)?(?:detect|show|depict)\s+"
    r"|\b(?:is|are)\s+(?:relatively\s+|often\s+)?(?:insensitive|unreliable)\s+(?:to|for)\s+"
    r"(?:(?:the\s+)?(?:detection|diagnosis|identification)\s+of\s+)?",
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
    """The technique a pitfall is about: the one named nearest the cue, else the one the text is discussing.

    See :func:`kg.extract.rules.performance.discussed_technique`.
    """
    techniques = view.of(*TECHNIQUE)
    if techniques:
        return ref(min(techniques, key=lambda m: min(abs(m.start - position), abs(m.end - position))))
    discussed = discussed_technique(view)
    return ref(discussed) if discussed is not None else None


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
LIMITATION_TEXT_WORDS = 3


@rule("pitfall.limitation", "pitfall", 0.75)
def pitfall_limitation(view: SentenceView) -> Iterable[Candidate]:
    """A technique's drawback as the words that state it.

    "one disadvantage of CT is the radiation dose", "it is unfortunately time consuming", "the role of DWI remains
    controversial", "radiographs require at least 50% bone loss for detection", "bone scintigraphy may underestimate
    myeloma". Only techniques have limitations here, and the clause that the cue introduces must say something (three
    words or more). A drawback that is an artifact ("the beam hardening artifact") is stated as the artifact the
    technique can cause. The same words for an advantage ("an advantage of MRI is ...") state an advantage.
    """
    for cue in LIMITATION_CUE.finditer(view.text):
        _start, end = view.clause_of(cue.end())
        text = _limitation_text(view.text[cue.end() : end])
        limited = _limited_technique(view, cue)
        if limited is None or text is None:
            continue
        artifact = _artifact_named(view, cue.end(), end)
        if re.match(r"advantage", cue.group(0), re.I):
            yield Candidate("diagnostic_performance", limited[0], "hasAdvantage", text=text, span=limited[1])
        elif artifact is not None:
            yield Candidate("pitfall", limited[0], "canCause", ref(artifact), span=limited[1])
        else:
            yield Candidate("pitfall", limited[0], "hasLimitation", text=text, span=limited[1])
    for pattern in (UNSETTLED_VALUE, DETECTION_THRESHOLD, MISJUDGED):
        for cue in pattern.finditer(view.text):
            limited = _limited_technique(view, cue)
            if limited is None:
                continue
            understated = _understated_lesion(view, cue) if pattern is MISJUDGED else None
            if understated is not None:
                yield Candidate(
                    "pitfall",
                    understated,
                    "mayBeObscuredOn",
                    limited[0],
                    hedge=view.hedge(*cue.span()),
                    span=(min(limited[1][0], cue.start()), cue.end()),
                )
            text = _limitation_text(cue.group(0)) or cue.group(0)
            yield Candidate("pitfall", limited[0], "hasLimitation", text=text, span=limited[1])


# "underestimates the extent of disease", "may understage the tumour": what the technique shows less of than there is.
UNDERSTATED_DISEASE = re.compile(
    r"\b(?:underestimat|understag|underdiagnos)\w*\s+(?:(?:the\s+)?(?:extent|burden|spread|stage)\s+of\s+)?"
    r"(?:the\s+)?(?:(?P<general>disease|tumou?r|tumou?r\s+burden)\b)?",
    re.I,
)


def _understated_lesion(view: SentenceView, cue: re.Match) -> Ref | None:
    """The lesion a technique understates, when the limitation is that it shows less disease than there is.

    "Bone scintigraphy often underestimates the extent of disease" in a text on myeloma says, besides the
    limitation in its own words, that myeloma may be missed on it; the lesion is the one written after the
    verb, or for a general word ("disease") the topic.
    """
    words = UNDERSTATED_DISEASE.search(view.text, cue.start(), cue.end())
    if words is None:
        return None
    named = [m for m in view.of(*LESION) if m.start == words.end() and not m.concept.broad]
    if named:
        return ref(named[0])
    return view.anaphor_ref() if words.group("general") else None


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
    r"|(?:be\s+)?confused\s+with|(?:be\s+)?(?:misinterpreted|misdiagnosed|misread|misidentified|mistaken)\s+as)"
    r"\s+(?:an?\s+|the\s+)?",
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


NONSPECIFIC_CUE = re.compile(
    r"\b(?:(?:is|are|be|remains?)\s+(?:often\s+|usually\s+|relatively\s+|highly\s+|quite\s+)?(?:non-?specific|unspecific)"
    r"|(?:lack|absence)\s+of\s+specificity|(?:low|poor|limited)\s+specificity"
    r"|false[- ]positives?(?:\s+(?:rate|results?|findings?|studies|scans|diagnoses))?)\b",
    re.I,
)
IMAGE_CATEGORIES = ("signal", "finding", "enhancement", "sign", "density")
IMAGE_WORDS = re.compile(
    r"\b(?:uptake|scans?|images?|imaging|studies|study|findings?|signals?|appearances?|results?|abnormalit(?:y|ies)"
    r"|hypo-?intensity|hyper-?intensity|hypo-?density|hyper-?density|enhancement|accumulation|activity)\b",
    re.I,
)
# A reason clause inside the cue's clause ("diagnosis is difficult because the MRI findings are nonspecific"),
# not the preposition "because of".
REASON_CLAUSE = re.compile(r"\b(?:because|since|although|though|whereas|while)\b(?!\s+of\b)", re.I)
CLAUSE_LINK = re.compile(r"^\W*(?:(?:however|but|and|thus|therefore|yet)\b\W*)?", re.I)
PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|by|than|to|on|of|from|in|for|against|versus|after|before)\s+(?:[\w-]+\s+){0,2}$", re.I
)
VERB_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|may|might|can|could|should|would|will|must|do|does|did)\b", re.I
)


@rule("pitfall.nonspecific", "pitfall", 0.75, general_only=True)
def pitfall_nonspecific(view: SentenceView) -> Iterable[Candidate]:
    """A technique whose findings are nonspecific or falsely positive, as its limitation.

    "the uptake may be nonspecific", "because of this lack of specificity", "there was a high false-positive
    rate". The technique is the one heading the cue's clause as its subject, else the one the text discusses: such
    sentences mostly speak of the technique of their section without naming it, when what they call nonspecific is
    something it shows (uptake, signal, scans, findings). The limitation is the clause up to and including the cue,
    without an opening subordinate clause or the main clause that a "because" follows. A clause that opens with a
    lesion or a symptom ("back pain is nonspecific") says that of the disease, not of a technique.
    """
    for cue in NONSPECIFIC_CUE.finditer(view.text):
        start, _end = clause_span(view, cue.start())
        start = max([start, *(m.end() for m in REASON_CLAUSE.finditer(view.text, start, cue.start()))])
        text = _limitation_text(CLAUSE_LINK.sub("", view.text[start : cue.end()]))
        named = _clause_subject_technique(view, start, cue.start())
        discussed = discussed_technique(view) if named is None and _about_images(view, start, cue) else None
        if text is None or (named or discussed) is None or _said_of_disease(view, start, cue.start()):
            continue
        technique = named or discussed
        span = (technique.start, cue.end()) if named else cue.span()
        yield Candidate(
            "pitfall", ref(technique), "hasLimitation", text=text, hedge=view.hedge(start, cue.end()), span=span
        )


def _about_images(view: SentenceView, start: int, cue: re.Match) -> bool:
    """Whether what a clause calls nonspecific is what a technique shows: its uptake, signal, scans or findings.

    A false-positive rate is always a test's. Anything else ("CSF analysis is nonspecific") may belong to a test
    the recogniser does not know, so it is not put on the technique the text discusses.
    """
    if cue.group(0).lower().startswith("false"):
        return True
    imaging = [m for m in view.mentions if start <= m.start < cue.start() and m.category in IMAGE_CATEGORIES]
    return bool(imaging or IMAGE_WORDS.search(view.text, start, cue.start()))


def _said_of_disease(view: SentenceView, start: int, position: int) -> bool:
    """Whether a lesion or a symptom heads the clause: then that, not a technique, is what is nonspecific."""
    return any(
        m.category in (*LESION, "clinical") and _heads_clause(view, start, m)
        for m in view.mentions
        if start <= m.start < position
    )


def _clause_subject_technique(view: SentenceView, start: int, position: int) -> Mention | None:
    """The technique heading a clause as its subject, before a cue.

    "CT myelography has a high false-positive rate", not "scans need correlation with radiographs because of ...".
    """
    before = [m for m in view.of(*TECHNIQUE) if start <= m.start and m.end <= position]
    return before[0] if before and _heads_clause(view, start, before[0]) else None


def _heads_clause(view: SentenceView, start: int, mention: Mention) -> bool:
    """Whether a mention opens its clause's subject: no verb or preposition comes before it in the clause."""
    before = view.text[start : mention.start]
    return not (VERB_BEFORE.search(before) or PREPOSITION_BEFORE.search(before))


COMPLICATES_CUE = re.compile(
    r"\b(?:may|can|might|could|often|will|frequently)\s+(?:\w+\s+)?(?P<verb>complicate|hamper|hinder|impede)\s+", re.I
)
REASON_AFTER = re.compile(
    r"\s+(?:given|because|due\s+to|despite|since|as\s+in|when|where|which|owing\s+to|in\s+view\s+of)\b|[;:(]", re.I
)


@rule("pitfall.complicates", "pitfall", 0.75, general_only=True)
def pitfall_complicates(view: SentenceView) -> Iterable[Candidate]:
    """What a lesion's nature makes difficult: "the vascularity of this tumour may complicate biopsy and resection".

    The lesion is the clause's subject (its features or nature "of this tumour" stand for it); what it complicates is
    the rest of the clause, up to a reason or circumstance that follows ("given its tendency to recur").
    """
    for cue in COMPLICATES_CUE.finditer(view.text):
        subject = view.subject_before(cue.start())
        _start, end = view.clause_of(cue.end())
        words = REASON_AFTER.split(view.text[cue.end() : end])[0]
        text = _limitation_text(f"{cue.group('verb').lower()} {words}")
        if subject is not None and text is not None:
            yield Candidate(
                "pitfall", subject, "canCause", text=text, hedge=view.hedge(cue.start(), cue.end()), span=cue.span()
            )


@rule("pitfall.tissue_mimics", "pitfall", 0.75, general_only=True)
def pitfall_tissue_mimics(view: SentenceView) -> Iterable[Candidate]:
    """A normal tissue that can look like a lesion: "red marrow may mimic marrow metastases on T1-weighted images".

    The tissue heads the clause before the cue; what it mimics is the first lesion or finding within a few words
    after it. Lesions that mimic lesions are differentials, read by the differential rules.
    """
    for cue in MIMIC_CUE.finditer(view.text):
        start, _end = view.clause_of(cue.start())
        opening = [
            m for m in view.mentions if start <= m.start and m.end <= cue.start() and _heads_clause(view, start, m)
        ][:1]
        if not opening or opening[0].category != "site" or opening[0].concept.broad:
            continue
        mimicked = next(
            (m for m in view.of(*LESION, "finding") if 0 <= m.start - cue.end() <= 40 and not m.concept.broad), None
        )
        if mimicked is not None:
            yield Candidate(
                "pitfall",
                ref(opening[0]),
                "mimics",
                ref(mimicked),
                hedge=view.hedge(start, cue.end()),
                span=(opening[0].start, mimicked.end),
            )


MISREAD_CUE = re.compile(
    r"\b(?:be\s+)?(?:misinterpreted|misdiagnosed|misread|misidentified|mistaken)\s+as\s+(?:an?\s+|the\s+)?", re.I
)


@rule("pitfall.misread_as", "pitfall", 0.75, general_only=True)
def pitfall_misread_as(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that can be read as another: "a schwannoma may be misinterpreted as a meningioma".

    The lesion is the clause's subject; the one it is taken for follows the cue within a few words.
    """
    for cue in MISREAD_CUE.finditer(view.text):
        subject = view.subject_before(cue.start())
        taken_for = next(
            (m for m in view.of(*LESION, "finding") if 0 <= m.start - cue.end() <= 25 and not m.concept.broad), None
        )
        if subject is not None and taken_for is not None and subject.name != taken_for.concept.name:
            yield Candidate(
                "pitfall",
                narrowed_to_topic(view, subject),
                "mimics",
                ref(taken_for),
                hedge=view.hedge(view.clause_of(cue.start())[0], cue.end()),
                span=cue.span(),
            )
