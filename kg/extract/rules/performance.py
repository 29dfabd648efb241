"""Relation rules for diagnostic_performance statements.

What a technique finds ("MRI allows detection of marrow infiltration"), what it is used for ("bone
scintigraphy is the standard method for screening for skeletal metastases"), how it compares with
another ("CT is better than radiography for ..."), its measured sensitivity, specificity,
accuracy or false-negative rate, and its advantages written out as text ("MDCT provides excellent
spatial resolution"). A sentence that names no technique speaks of the one its section discusses
(:func:`discussed_technique`).

The rules read techniques as noun-phrase units: adjacent mentions ("gadolinium-enhanced T1-weighted
MRI", "magnetic resonance (MR) imaging") are one technique, named by its most specific term, and a
technique governed by a preposition ("registered with CT", "than CT") is never the subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.numbers import NumberMention
from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, TECHNIQUE, Candidate, cues, ref, rule, simple
from kg.extract.rules.differential import compartment_lesion
from kg.extract.sentence import Ref, SentenceView

WORSE = re.compile(
    r"\b(less sensitive|less specific|less accurate|less reliable|inferior|worse)\b[^.;]{0,30}?\b(?:than|to)\b", re.I
)
COMPARISON = (
    r"\b(more sensitive|more specific|more accurate|more reliable|more effective|superior|better|outperform\w*|earlier"
    r"|sooner)\b"
    r"[^.;]{0,60}?\b(?:than|to|over)\b"
)
VALUE_THEN_TECHNIQUE = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?(?:by|with|on|for|using)\s+(?:the\s+)?", re.I)
MEASURES = {
    "sensitivity": "hasSensitivity",
    "specificity": "hasSpecificity",
    "accuracy": "hasAccuracy",
    "false negative": "hasFalseNegativeRate",
    "detection rate": "hasSensitivity",
}
MEASURE_WORD = re.compile(r"\b(sensitivity|specificity|accuracy|false[- ]negative|detection\s+rate)\b", re.I)

UNIT_GAP = re.compile(r"[\s()\-]*")
COORDINATION_GAP = re.compile(
    r"\s*\)?\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|and/or|as well as|plus)\s+)(?:(?:either"
    r"|both)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}",
    re.I,
)
GOVERNED = re.compile(
    r"\b(?:with|by|than|to|versus|vs\.?|over|unlike|on|after|like|against|outperform\w*|surpass\w*)\s+(?:the\s+"
    r"|an?\s+)?$",
    re.I,
)
# "whole-body MRI outperforms bone scintigraphy": a comparison whose verb takes the other technique as its object.
TRANSITIVE_COMPARISON = re.compile(r"\b(?:outperform\w*|surpass\w*)\s+(?:the\s+|an?\s+)?", re.I)
DEMONSTRATIVE = re.compile(r"\b(?:this|these|those|such)\s+(?:[\w-]+\s+)?$", re.I)
OPENING_SUBORDINATE = re.compile(r"\s*(?:although|though|while|whereas|unlike|if|when|because|since)\b[^,]*,", re.I)
PRONOUN_SUBJECT = re.compile(r"\b(?:it|they|this technique|this modality|this sequence)\b", re.I)

DETECTION_VERB = re.compile(
    r"\b(?:detect|detects|detecting|identify|identifies|identifying|depict|depicts|depicting|visuali[sz]e|visuali[sz]es"
    r"|visuali[sz]ing"
    r"|delineate|delineates|delineating|recogni[sz]e|recogni[sz]es|recogni[sz]ing|diagnose|diagnoses|diagnosing"
    r"|evaluate|evaluates|evaluating|assess|assesses|assessing)\b",
    re.I,
)
DETECTION_NOUN = re.compile(
    r"\b(?<!differential )(?P<noun>detection|identification|visuali[sz]ation|depiction|delineation|diagnosis"
    r"|characteri[sz]ation|assessment"
    r"|evaluation|recognition|screening|work-?up|staging)\s+(?:of|for)\b",
    re.I,
)
# "assessment of the risk of fracture": a technique that weighs a risk is used for that outcome, it does not detect it.
RISK_AFTER = re.compile(r"\s*(?:the\s+)?risk\s+of\s+(?:an?\s+|the\s+)?", re.I)
CHOICE_CUE = re.compile(r"\b(?:of\s+choice|(?:gold\s+)?standard)\s+(?:for|in)\b", re.I)
INDICATION_CUE = re.compile(
    r"\b(?:indicated|recommended|warranted|preferred)\s+(?:in"
    r"|for)\s+(?:(?:all\s+)?patients\s+with\s+(?:(?:clinically\s+)?(?:suspected|known|possible)\s+)?)?",
    re.I,
)
SUITED_CUE = re.compile(
    r"\b(?:sensitive|useful|helpful|valuable|effective|suited|ideal)\s+(?:(?:technique|modality|method|test|tool"
    r"|sequence|examination|study)\s+)?(?:for|in)\b(?!\s+(?:the\s+)?(?:patients?|children|adults)\b)",
    re.I,
)
SEEING_CUES = ("visuali", "depict", "delineat")
USE_CUES = (
    "screening",
    "workup",
    "work-up",
    "staging",
    "of choice",
    "standard",
    "gold",
    "indicated",
    "recommended",
    "warranted",
    "preferred",
)
CLINICAL_CUES = ("evaluation", "assessment", "work")
NEGATIVE_FRAME = re.compile(
    r"\b(?:no|not|never|cannot|difficult|hard|unable|fails?|failed|impossible|limited|poor|insensitive|risk|advantage"
    r"|benefit|compared|unreliable|inadequate|insufficient|unhelpful|unsuitable|useless|rarely|seldom"
    r"|replaced|superseded|supplanted|abandoned)\b[^.;]{0,30}$",
    re.I,
)
USE_FRAME = re.compile(
    r"\b(?:is|are|was|were|remains?|has been|have been|be)\s+(?:[\w-]+\s+){0,5}?(?:modality|modalities|method|methods"
    r"|technique|techniques|tool|tools"
    r"|test|tests|examination|study|studies|procedure|choice|standard)\s+(?:for|in)\s+(?:the\s+)?$",
    re.I,
)
MEASURE_WORDS = re.compile(r"\b(?:sensitivity|specificity|accuracy)\b|%")
TARGET_STOP = re.compile(
    r"\b(?:than|versus|vs|compared|before|after|while|whereas|rather|instead|unlike|because|since|although|though|when"
    r"|if|where|patients?"
    r"|setting|due|caused|secondary|which|that|who|but|however|may|might|can|could|should|would|is|are|was|were|will"
    r"|has|have|had"
    r"|making|allowing|using|by|with|risk)\b|[;:]",
    re.I,
)
TARGET_GAP = 45
REASON_BETWEEN = re.compile(r"[,;]\s*(?:as|because|since|so|when|if|whereas|while)\b", re.I)
PATIENTS_WITH = re.compile(
    r"\b(?:patients|children|adults|cases|those)\s+with\s+(?:(?:known|suspected|an?)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:and|or)\s+)?$",
    re.I,
)
POPULATION_AFTER = re.compile(
    r"\s+(?:\([^)]{0,20}\)\s+)?in\s+((?:patients|children|adults|cases|those)\s+with\s+[^,;.()\[\]]+?)"
    r"(?=\s+(?:but|whereas|while|versus|vs|compared|than|respectively|for|at|on|by|using|after)\b|\s+and\s+(?:only\s+)?[\d(]|\s*[,;.(\[]|$)",
    re.I,
)
# A measure given in a sentence that names no technique belongs to the technique the text discusses,
# which is a guess across sentences: lower than the measure rule's own reliability, still above the threshold.
CARRIED_TECHNIQUE_RELIABILITY = 0.75
# A value set against the subject's after two measures were named: the measure it gives is a guess.
AMBIGUOUS_COMPARISON_RELIABILITY = 0.6
COMPARISON_GAP = re.compile(r"\b(?:against|versus|vs\.?|compared\s+(?:with|to))\s", re.I)

PASSIVE_DETECTED = re.compile(
    r"\b(?:are|is|be|were|was)\s+(?:(?:well|clearly|readily|easily|reliably|better|best|usually|often|typically"
    r"|most often)\s+)?"
    r"(?:demonstrable|demonstrated|detectable|detected|identifiable|identified|depicted|visuali[sz]ed|delineated"
    r"|appreciated"
    r"|diagnosed|confirmed|(?:better|best|well)\s+seen)\s+"
    r"(?:by|on|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$",
    re.I,
)
# "this sequence", "this MR sequence": a technique named by pointing back, which the recogniser finds no term in.
POINTING_TECHNIQUE = re.compile(
    r"\b(?:this|these|such)\s+(?:[\w-]+\s+){0,2}?(?:sequences?|techniques?|modalit(?:y|ies)|methods?|examinations?)\b",
    re.I,
)
# Where the passive's own clause begins inside a longer one: "X is useful in ..., because metastases are seen with it".
SUBORDINATOR = re.compile(r"\b(?:because|since|as|while|whereas|where|when|although|though|if)\b", re.I)
MISSED = re.compile(
    r"\b(?:will be|would be|are|were|is|was|may be|can be|remain)\s+(?:\w+\s+)?(?:missed|unidentified|undetected"
    r"|overlooked|occult|not (?:detected|identified|seen|visible|depicted))"
    r"\s+(?:by|on|with)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,1}?$",
    re.I,
)
MEASURE_COMPARISON = re.compile(
    r"\b(sensitivity|specificity|accuracy)\b[^.;]{0,40}?\b(higher|greater|better|superior|lower|worse"
    r"|inferior)\s+(?:for|with|of|on|in|using)\b",
    re.I,
)
IMPROVED_MEASURE = re.compile(
    r"\b(?:improv\w*|increas\w*|enhanc\w*|rais\w*)\s+(?:both\s+)?(?:the\s+)?(sensitivity|specificity"
    r"|accuracy)\b[^.;]{0,40}?\bof\b",
    re.I,
)
UNSTATED_COMPARISON = re.compile(
    r"\b(?:(?:is|are)\s+(?:\w+\s+)?better\s+(?:at|for|in|suited)|best\s+(?:delineat|depict|show|demonstrat|visuali"
    r"|detect|assess|evaluat|suited|seen)\w*"
    r"|better\s+(?:seen|delineated|depicted|visuali[sz]ed|demonstrated|assessed|evaluated|shown"
    r"|characteri[sz]ed)\s+(?:on|with|by|at))\b",
    re.I,
)
NO_ADVANTAGE = re.compile(
    r"\bno\s+(?:significant\s+|additional\s+)?(?:advantage|benefit|improvement)\b[^.;]{0,80}?\b(?:compared\s+(?:with"
    r"|to)|over|relative\s+to|versus)\b",
    re.I,
)
COORDINATED_CUE = re.compile(r"[^.;]{0,60}?\b(?:and|or)\s+(?:(?:also|in|for|as)\s+)?(?:the\s+)?", re.I)
CONJOINED_PREDICATE = re.compile(r"\b(?:and|but)\s+(?:was|were|is|are|has|have|had|can|could|may|also)\b", re.I)
FINDING_VERB = re.compile(r"\b(?:detect|identif|recogni[sz]|show|demonstrat|depict|reveal|visuali[sz])\w*", re.I)
ELIDED_SUBJECT = re.compile(r"\s*(?:was|were|is|are|has|have|had|may|might|can|could|would|will)\b", re.I)


@dataclass(frozen=True)
class Technique:
    """One technique as written: adjacent mentions of a noun phrase, named by its most specific term."""

    mention: Mention
    start: int
    end: int
    last_start: int

    @property
    def ref(self) -> Ref:
        """The reference of the unit's most specific term."""
        return ref(self.mention)


def technique_units(view: SentenceView) -> list[Technique]:
    """The techniques of a sentence as noun-phrase units, left to right.

    A unit of upper-level terms only is left out.
    """
    groups: list[list[Mention]] = []
    for mention in view.of(*TECHNIQUE):
        if groups and UNIT_GAP.fullmatch(view.text[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    units = []
    for group in groups:
        specific = [m for m in group if not m.concept.broad]
        if specific:
            best = max(specific, key=lambda m: m.concept.depth)
            units.append(Technique(best, group[0].start, group[-1].end, group[-1].start))
    return units


def clause_span(view: SentenceView, position: int) -> tuple[int, int]:
    """The clause of a position, with an opening subordinate clause ("Although X ..., Y ...") split off at its comma.

    And running on through "not only ... but also ...", which joins phrases, not clauses.
    """
    start, end = view.clause_of(position)
    while re.search(r"\bnot\s+only\b", view.text[start:end], re.I) and (
        joint := re.match(r",?\s*but\s+also\b", view.text[end:], re.I)
    ):
        end = view.clause_of(end + joint.end())[1]
    opening = OPENING_SUBORDINATE.match(view.text, start)
    if opening and opening.end() <= end:
        if position >= opening.end():
            start = opening.end()
        else:
            end = opening.end() - 1
    return start, end


def subject_techniques(view: SentenceView, position: int, units: list[Technique] | None = None) -> list[Technique]:
    """The technique(s) a clause says something about before a position.

    The last unit not governed by a preposition and not a demonstrative ("this pathology"), with the units coordinated
    with it ("T1-weighted and STIR images").
    """
    units = technique_units(view) if units is None else units
    start, _end = clause_span(view, position)
    free = [u for u in units if start <= u.start and u.end <= position and not _governed(view, u)]
    if not free:
        return []
    chosen = [free[-1]]
    for unit in reversed(free[:-1]):
        if not COORDINATION_GAP.fullmatch(view.text[unit.end : chosen[0].start]):
            break
        chosen.insert(0, unit)
    return chosen


def _governed(view: SentenceView, unit: Technique) -> bool:
    """Whether a preposition or a demonstrative comes right before a technique ("than CT", "this pathology")."""
    before = view.text[max(0, unit.start - 30) : unit.start]
    return bool(GOVERNED.search(before) or DEMONSTRATIVE.search(before))


def targets_after(view: SentenceView, position: int, categories: tuple[str, ...]) -> list[Mention]:
    """The specific disorders or findings listed right after a cue.

    The coordinated noun phrase that follows it, ending at the clause end, a verb, a comparison, a preposition that
    starts a new phrase ("in patients with", "before", "by"), another technique or a long gap.
    """
    _start, end = clause_span(view, position)
    found, last = [], position
    for mention in view.mentions:
        if mention.start < position:
            continue
        gap = view.text[last : mention.start]
        if (
            mention.start >= end
            or len(gap) > TARGET_GAP
            or TARGET_STOP.search(gap)
            or (mention.category in TECHNIQUE and mention.category not in categories)
        ):
            break
        if (
            mention.category in categories
            and not mention.concept.broad
            and not mention.concept.generic
            and not _site_as_modifier(view, mention)
        ):
            found.append(mention)
        last = max(last, mention.end)
    return found


def _site_as_modifier(view: SentenceView, mention: Mention) -> bool:
    """Whether a site only qualifies the noun after it ("marrow disease"): the thing seen is that noun, not the site."""
    return mention.category == "site" and not re.match(
        r"\s*(?:$|[,.;)]|(?:and|or|with|in|of|at|as|on)\b)", view.text[mention.end :], re.I
    )


def _anchor(view: SentenceView, subject: Technique, cue_start: int) -> int:
    """Where the subject stands for distance.

    Its last word ("bone scans (bone scintigraphy)"), or what stands in for it nearer the cue: a pronoun ("making it a
    sensitive method") or the conjunction of a second predicate ("... and was shown to detect").
    """
    stand_ins = [
        *PRONOUN_SUBJECT.finditer(view.text, subject.end, cue_start),
        *CONJOINED_PREDICATE.finditer(view.text, subject.end, cue_start),
    ]
    return max((m.start() for m in stand_ins), default=subject.last_start)


def _candidate(
    view: SentenceView, subject: Technique, predicate: str, target: Mention, anchor: int, head_end: int, **extra
) -> Candidate:
    """A statement about a technique and one listed target; distance is measured to the head of the list."""
    clause = view.clause_of(target.start)
    return Candidate(
        kind="diagnostic_performance",
        subject=subject.ref,
        predicate=predicate,
        object=ref(target),
        hedge=view.hedge(clause[0], target.end),
        negated=extra.pop("negated", view.is_negated(target)),
        qualifiers={k: v for k, v in {"study": view.study(), **extra}.items() if v is not None},
        span=(min(anchor, target.start), max(head_end, anchor)),
    )


@rule("performance.measure_value", "diagnostic_performance", 0.85)
def performance_measure_value(view: SentenceView) -> Iterable[Candidate]:
    """A technique's sensitivity, specificity or accuracy with its value: "MRI has a sensitivity of 98.5%"."""
    measures = list(MEASURE_WORD.finditer(view.text))
    percents = [n for n in view.numbers if n.unit == "percent"]
    if not measures or not percents:
        return
    technique = (
        _technique_for(view, measures[0].start())
        or _sign_for(view, measures[0].start())
        or _finding_for(view, measures[0].start())
    )
    reliability = None
    if technique is None:
        discussed = discussed_technique(view)
        if discussed is None:
            return
        technique, reliability = ref(discussed), CARRIED_TECHNIQUE_RELIABILITY
    owners = _owners_of_values(view, percents)
    target = _target(view, technique)
    compared = _compared_values(view.text, percents)
    several = len({m.group(1).lower() for m in measures}) > 1
    for measure, number in _pair_measures(measures, percents, view.text):
        if number.start in owners and owners[number.start] is None:
            continue
        value_reliability = reliability
        if number.start in compared and several:
            if number.start not in owners:
                continue
            measure, value_reliability = measures[0], AMBIGUOUS_COMPARISON_RELIABILITY
        predicate = MEASURES[re.sub(r"[\s-]+", " ", measure.group(1).lower())]
        yield Candidate(
            "diagnostic_performance",
            owners.get(number.start, technique),
            predicate,
            value=number.value,
            value_max=number.value_max,
            unit="percent",
            hedge=view.hedge(measure.start(), number.end),
            span=(measure.start(), number.end),
            qualifiers={
                k: v
                for k, v in {
                    "target": target,
                    "study": view.study(),
                    "reference": view.reference(),
                    "population": _population_after(view, number),
                }.items()
                if v is not None
            },
            reliability=value_reliability or 0.0,
        )


def _compared_values(text: str, percents: list[NumberMention]) -> set[int]:
    """Where the values set against the sentence's own stand: "91% and 84%, against 68% for CT and 39% for XR".

    Values after "against", "versus" or "compared with" are results set against the subject's. When the
    sentence named more than one measure, which of them such a value gives is left unsaid, and it belongs to
    the technique written with it, never to the sentence's subject.
    """
    starts, comparing = set(), False
    for previous, number in zip([None, *percents], percents):
        gap = text[previous.end if previous else 0 : number.start]
        comparing = comparing or bool(previous and COMPARISON_GAP.search(gap))
        if comparing:
            starts.add(number.start)
    return starts


def discussed_technique(view: SentenceView) -> Mention | None:
    """The technique a sentence that names none speaks of: the one its section is about.

    That is the technique its section heading names ("2.7 T1-weighted spin-echo sequence"), unless the text
    has since named a kind of it ("STIR" under "Fat suppression techniques") or widened from a sequence to
    a modality ("MRI scans" under "Diffusion-weighted imaging", where the text now speaks of the whole
    examination); without such a heading it is the technique named last before the sentence. Another
    sequence named in passing since the heading (a T2-weighted sequence mentioned for contrast under a
    T1-weighted heading) does not replace the heading's.
    """
    context, section = view.context_technique, view.section_technique
    if section is None or section.concept.generic:
        return context
    if context is None:
        return section
    narrowed = context.concept.name == section.concept.name or section.concept.name in context.concept.ancestors
    widened = context.category == "modality" and section.category == "sequence"
    return context if narrowed or widened else section


def _pair_measures(
    measures: list[re.Match], percents: list[NumberMention], text: str
) -> list[tuple[re.Match, NumberMention]]:
    """Pair measures with values: in order when the counts agree ("sensitivity and specificity of 90% and 85%").

    Else the next value after each. A measure named twice ("a difference in sensitivity ..., with a sensitivity
    of 90% in A but only 55% in B") is no list to pair in order: its values follow its last mention. No value is
    paired across a reason or circumstance clause ("sensitivity is low, as 50% of the bone must be lost": that
    value is not the measure's).
    """
    names = {m.group(1).lower() for m in measures}
    listed = len(names) == len(measures)
    if listed and len(measures) == len(percents) and all(m.start() < percents[0].start for m in measures):
        pairs = list(zip(measures, percents))
    else:
        pairs = []
        for k, measure in enumerate(measures):
            limit = measures[k + 1].start() if k + 1 < len(measures) else 10**9
            pairs += [(measure, n) for n in percents if measure.end() <= n.start < limit]
    return [(m, n) for m, n in pairs if not REASON_BETWEEN.search(text, m.end(), n.start)]


def _owners_of_values(view: SentenceView, percents: list[NumberMention]) -> dict[int, Ref | None]:
    """The technique each value belongs to, where the sentence says so.

    A technique written right before the value ("lower for MDCT (66.2%) than for MRI (98.5%)", "MDCT: 99.3%; MRI:
    98.9%") or right after it ("89% by CT"), or techniques and values listed in the same order with "respectively". A
    listed technique combined with another ("PET registered with CT") names a hybrid the sentence does not name, so its
    value has no owner (``None``) and is left out.
    """
    units = technique_units(view)
    owners: dict[int, Ref | None] = {}
    for number in percents:
        before = [
            u for u in units if u.end <= number.start and re.fullmatch(r"\s*[(:]\s*", view.text[u.end : number.start])
        ]
        after = [
            u
            for u in units
            if u.start >= number.end and VALUE_THEN_TECHNIQUE.fullmatch(view.text[number.end : u.start])
        ]
        if before or after:
            owners[number.start] = (before[-1:] or after)[0].ref
    if owners or not re.search(r"\brespectively\b", view.text, re.I):
        return owners
    listed = [u for u in units if u.end <= percents[0].start and not _governed(view, u)]
    if len(listed) == len(percents) > 1:
        ends = [u.start for u in listed[1:]] + [percents[0].start]
        for unit, end, number in zip(listed, ends, percents):
            hybrid = any(unit.end <= u.start < end and _governed(view, u) for u in units)
            owners[number.start] = None if hybrid else unit.ref
    return owners


def distinct(mentions: list[Mention]) -> list[Mention]:
    """Mentions in order, each concept once."""
    seen, kept = set(), []
    for mention in mentions:
        if mention.concept.name not in seen:
            seen.add(mention.concept.name)
            kept.append(mention)
    return kept


def _sign_for(view: SentenceView, position: int) -> Ref | None:
    """A named sign whose performance a sentence gives when it names no technique: "the halo sign ...

    (sensitivity, 75%)".
    """
    signs = [m for m in view.of("sign") if m.end <= position]
    return ref(signs[0]) if signs else None


def _finding_for(view: SentenceView, position: int) -> Ref | None:
    """A finding heading the clause of a measure that names no technique: "pedicle erosion has a specificity of 90%"."""
    start, _end = clause_span(view, position)
    findings = [m for m in view.of("finding") if start <= m.start and m.end <= position]
    if findings and CLAUSE_OPENING.fullmatch(view.text[start : findings[0].start]):
        return ref(findings[0])
    return None


def _technique_for(view: SentenceView, position: int) -> Ref | None:
    """The technique a measure belongs to: the last one named before it, else the first after it."""
    units = technique_units(view)
    free = [u for u in units if not _governed(view, u)] or units
    before = [u for u in free if u.end <= position]
    chosen = before[-1:] or free[:1]
    return chosen[0].ref if chosen else None


def _target(view: SentenceView, technique: Ref) -> Ref | None:
    """What a technique detects in the sentence: its first specific disorder or finding.

    A disorder the patients have ("in patients with lymphoma") says whom a figure holds for, not what is detected.
    """
    targets = [
        m
        for m in view.of(*LESION, "finding")
        if m.concept.name != technique.name and not m.concept.broad and not _of_patients(view, m)
    ]
    return ref(targets[0]) if targets else None


def _of_patients(view: SentenceView, mention: Mention) -> bool:
    """Whether a mention names what patients have: "patients with breast cancer"."""
    return bool(PATIENTS_WITH.search(view.text[max(0, mention.start - 40) : mention.start]))


def _population_after(view: SentenceView, number: NumberMention) -> str | None:
    """The population a value is given for, written right after it: "85% in patients with breast cancer"."""
    match = POPULATION_AFTER.match(view.text, number.end)
    return match.group(1) if match else None


@rule("performance.missed_share", "diagnostic_performance", 0.85, general_only=True)
def performance_missed_share(view: SentenceView) -> Iterable[Candidate]:
    """A false-negative rate said as the share a technique misses: "up to 30% of lesions are missed on radiographs"."""
    percents = [n for n in view.numbers if n.unit == "percent"]
    for unit in technique_units(view):
        start, _end = clause_span(view, unit.start)
        cue = MISSED.search(view.text[start : unit.start])
        before = [n for n in percents if start <= n.start and n.end <= start + cue.start()] if cue else []
        if before:
            number = before[-1]
            yield Candidate(
                "diagnostic_performance",
                unit.ref,
                "hasFalseNegativeRate",
                value=number.value,
                value_max=number.value_max,
                unit="percent",
                hedge=view.hedge(number.start, unit.end),
                span=(number.start, unit.end),
                qualifiers={
                    k: v for k, v in {"study": view.study(), "reference": view.reference()}.items() if v is not None
                },
            )


@rule("performance.comparison", "diagnostic_performance", 0.8)
def performance_comparison(view: SentenceView) -> Iterable[Candidate]:
    """One technique better than another.

    "MRI is more sensitive than bone scintigraphy for ...", "CT can recognise a lesion months earlier than radiography",
    or worse, which ranks them the other way round ("radiography is less sensitive than CT"). A clause that leaves its
    subject unsaid ("..., but was superior to T2-weighted imaging") takes the sentence's first technique.
    """
    units = technique_units(view)
    for cue in cues(view, COMPARISON):
        subjects = subject_techniques(view, cue.start(), units)
        elided = [] if subjects else _elided_subject(view, cue.start(), units)
        after = [u for u in units if u.start >= cue.end() and view.same_clause(u.start, cue.end())]
        if not (subjects or elided) or not after or _merely_earlier(view, cue, (subjects or elided)[-1]):
            continue
        predicate = "moreSensitiveThan" if "sensitive" in cue.group(1).lower() else "superiorTo"
        anchor = view.clause_of(cue.start())[0] if elided else None
        yield _comparison(view, (subjects or elided)[-1], predicate, after[0], anchor=anchor)
    for cue in TRANSITIVE_COMPARISON.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        others = [u for u in units if u.start == cue.end()]
        if subjects and others:
            yield _comparison(view, subjects[-1], "superiorTo", others[0])
    for cue in WORSE.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        after = [u for u in units if u.start >= cue.end() and view.same_clause(u.start, cue.end())]
        if subjects and after:
            predicate = "moreSensitiveThan" if "sensitive" in cue.group(1).lower() else "superiorTo"
            yield _comparison(view, after[0], predicate, subjects[-1])


def _merely_earlier(view: SentenceView, cue: re.Match, subject: Technique) -> bool:
    """Whether "earlier than" only orders events in time rather than saying the technique finds something sooner.

    Order in time: "CT, performed earlier than MRI, ..."; finding sooner: "CT can recognise a lesion months earlier
    than radiography".
    """
    return cue.group(1).lower() in ("earlier", "sooner") and not FINDING_VERB.search(
        view.text, subject.end, cue.start()
    )


def _elided_subject(view: SentenceView, position: int, units: list[Technique]) -> list[Technique]:
    """The subject of a clause that opens with its verb after "but"/"and" ("..., but was considered superior").

    The sentence's first free technique.
    """
    start, _end = view.clause_of(position)
    if start == 0 or not ELIDED_SUBJECT.match(view.text, start):
        return []
    free = [u for u in units if u.end <= start and not _governed(view, u)]
    return free[:1]


def _comparison(
    view: SentenceView,
    better: Technique,
    predicate: str,
    other: Technique,
    negated: bool = False,
    anchor: int | None = None,
) -> Candidate:
    """A comparison statement between two technique units, with the sentence's first specific target.

    ``anchor`` is where the subject stands when the clause does not write it there: the start of a
    clause that leaves its subject unsaid, or the cue of a construction that binds the object to it.
    """
    target = _target(view, better.ref)
    qualifiers = {k: v for k, v in {"target": target, "study": view.study()}.items() if v is not None}
    start, end = min(better.start, other.start), max(better.end, other.end)
    if anchor is not None:
        start, end = min(anchor, other.start), max(anchor, other.end)
    return Candidate(
        "diagnostic_performance",
        better.ref,
        predicate,
        object=other.ref,
        negated=negated,
        hedge=view.hedge(start, end),
        qualifiers=qualifiers,
        span=(start, end),
    )


@rule("performance.measure_comparison", "diagnostic_performance", 0.8)
def performance_measure_comparison(view: SentenceView) -> Iterable[Candidate]:
    """A measure higher or lower for one technique than another.

    "sensitivity was lower for CT (70%) than for MRI (95%)".
    """
    units = technique_units(view)
    for cue in MEASURE_COMPARISON.finditer(view.text):
        first = [u for u in units if u.start >= cue.end()][:1]
        than = (
            re.compile(r"\b(?:than|versus|vs\.?|compared (?:with|to))\b", re.I).search(view.text, first[0].end)
            if first
            else None
        )
        second = [u for u in units if than and u.start >= than.end()][:1]
        if not second or second[0].mention.concept.name == first[0].mention.concept.name:
            continue
        higher = cue.group(2).lower() in ("higher", "greater", "better", "superior")
        better, worse = (first[0], second[0]) if higher else (second[0], first[0])
        predicate = "moreSensitiveThan" if cue.group(1).lower() == "sensitivity" else "superiorTo"
        yield _comparison(view, better, predicate, worse)


@rule("performance.improved_measure", "diagnostic_performance", 0.8)
def performance_improved_measure(view: SentenceView) -> Iterable[Candidate]:
    """A technique that improves another's measure: "SPECT improves the sensitivity of planar bone scanning"."""
    units = technique_units(view)
    for cue in IMPROVED_MEASURE.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        other = [u for u in units if u.start >= cue.end() and view.same_clause(u.start, cue.end())][:1]
        if subjects and other and subjects[-1].mention.concept.name != other[0].mention.concept.name:
            predicate = "moreSensitiveThan" if cue.group(1).lower() == "sensitivity" else "superiorTo"
            yield _comparison(view, subjects[-1], predicate, other[0])


@rule("performance.unstated_comparison", "diagnostic_performance", 0.75, general_only=True)
def performance_unstated_comparison(view: SentenceView) -> Iterable[Candidate]:
    """A technique said to be better or best at something where the sentence names just one other technique.

    That is the technique to compare it with: "CT best shows the cortex, whereas MRI is better at assessing soft
    tissue", "calcification may be subtle on MRI and better seen on CT".
    """
    units = technique_units(view)
    names = {u.mention.concept.name for u in units}
    if (
        len(names) != 2
        or re.search(r"\b(?:than|superior to|compared)\b", view.text, re.I)
        or _sequence_of(*distinct([u.mention for u in units]))
    ):
        return
    for cue in UNSTATED_COMPARISON.finditer(view.text):
        if cue.group(0).lower().startswith("better") and re.search(r"(?:on|with|by|at)$", cue.group(0), re.I):
            better = [
                u
                for u in units
                if u.start >= cue.end()
                and re.fullmatch(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?", view.text[cue.end() : u.start])
            ][:1]
        else:
            better = subject_techniques(view, cue.start(), units)[-1:]
        if better:
            other = next(u for u in units if u.mention.concept.name != better[0].mention.concept.name)
            yield _comparison(view, better[0], "superiorTo", other)


def _sequence_of(first: Mention, second: Mention) -> bool:
    """Whether one of two techniques is a sequence of the other, an MR examination ("on MRI, ...

    better seen on T1-weighted images").
    """
    categories = {first.category, second.category}
    modality = first if first.category == "modality" else second
    return categories == {"sequence", "modality"} and (
        modality.concept.name == "MRI" or "MRI" in modality.concept.ancestors
    )


@rule("performance.no_advantage", "diagnostic_performance", 0.8, general_only=True)
def performance_no_advantage(view: SentenceView) -> Iterable[Candidate]:
    """A technique with no advantage over another, as a negated comparison.

    "DWI showed no advantage compared with T1-weighted imaging". The pattern itself ties the cue to the other technique,
    so the distance that lowers confidence is only the one from the subject to the cue.
    """
    units = technique_units(view)
    for cue in NO_ADVANTAGE.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        other = [u for u in units if u.start >= cue.end()][:1]
        if (
            subjects
            and other
            and re.fullmatch(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?", view.text[cue.end() : other[0].start])
        ):
            subject_to_cue = cue.start() - subjects[-1].start
            yield _comparison(
                view,
                subjects[-1],
                "superiorTo",
                other[0],
                negated=True,
                anchor=max(subjects[-1].start, other[0].start - subject_to_cue),
            )


@rule("performance.detects", "diagnostic_performance", 0.85, general_only=True)
def performance_detects(view: SentenceView) -> Iterable[Candidate]:
    """What a technique detects or is used for, with the technique as the clause's subject.

    "CT can detect cortical destruction", "MRI allows direct visualisation of the bone marrow", "whole-body MRI is an
    alternative for the detection of metastases, myeloma and lymphoma".

    A technique described as a means ("a modality for the evaluation of back pain", "the standard
    method for screening for ...") is *used for* its targets, and so are those of a cue coordinated
    with such a one ("... or in the evaluation of degenerative change"), as is a symptom evaluated;
    otherwise the technique *detects* them. A technique that assesses "the risk of" something is used
    for it. Not in figure captions (they tell what one image shows), not when the cue is framed as a
    failure or a comparison ("difficult to detect", "unreliable for the detection of", "no advantage in
    the detection of"), and not when the clause compares the technique with another ("... earlier than
    radiography"), which the comparison rule reads.
    """
    if view.is_caption:
        return
    units = technique_units(view)
    framed: list[tuple[re.Match, Technique]] = []
    suited = [
        c
        for c in SUITED_CUE.finditer(view.text)
        if not (
            DETECTION_NOUN.match(view.text, _skip_article(view.text, c.end()))
            or DETECTION_VERB.match(view.text, _skip_article(view.text, c.end()))
        )
    ]
    found = [
        *DETECTION_VERB.finditer(view.text),
        *DETECTION_NOUN.finditer(view.text),
        *CHOICE_CUE.finditer(view.text),
        *INDICATION_CUE.finditer(view.text),
        *suited,
    ]
    cues_found = sorted(found, key=lambda c: c.start())
    for cue in cues_found:
        subjects = subject_techniques(view, cue.start(), units)
        if (
            not subjects
            or _framed_against(view, subjects[-1], cue)
            or _compared_after(view, cue, units)
            or _in_role(view, cue)
        ):
            continue
        word = cue.group(0).lower()
        earlier = [
            c
            for c, subject in framed
            if subject == subjects[-1] and COORDINATED_CUE.fullmatch(view.text[c.end() : cue.start()])
        ]
        risk = RISK_AFTER.match(view.text, cue.end())
        use_frame = (
            word.startswith(USE_CUES)
            or bool(USE_FRAME.search(view.text[subjects[-1].end : cue.start()]))
            or bool(earlier)
            or risk is not None
        )
        if use_frame:
            framed.append((cue, subjects[-1]))
        categories = (
            LESION
            + ("finding",)
            + (("site",) if word.startswith(SEEING_CUES) else ())
            + (("clinical",) if word.startswith(CLINICAL_CUES) or use_frame else ())
        )
        targets = targets_after(view, risk.end() if risk else cue.end(), categories)[:4]
        if not targets:
            yield from _compartment_detection(view, subjects, cue, use_frame)
            continue
        for subject in subjects:
            anchor = earlier[-1].start() if earlier else _anchor(view, subject, cue.start())
            for target in targets:
                predicate = "usedFor" if use_frame or target.category == "clinical" else "detects"
                yield _candidate(view, subject, predicate, target, anchor, targets[0].end)


def _compartment_detection(
    view: SentenceView, subjects: list[Technique], cue: re.Match, use_frame: bool
) -> Iterable[Candidate]:
    """Detection of a general lesion word right after a cue that its site makes a compartment's lesion.

    For example "can detect even small lesions in the intradural extramedullary space":
    *IntraduralExtramedullaryLesion*.
    """
    head = next((m for m in view.of(*LESION, specific=False) if 0 <= m.start - cue.end() <= 25), None)
    if head is None or not re.fullmatch(
        r"\s*(?:(?:the|an?|even|all|small|large|tiny|multiple)\s+)*", view.text[cue.end() : head.start], re.I
    ):
        return
    named = compartment_lesion(view, head)
    if named is None:
        return
    for subject in subjects:
        yield Candidate(
            "diagnostic_performance",
            subject.ref,
            "usedFor" if use_frame else "detects",
            named,
            hedge=view.hedge(subject.start, head.end),
            span=(_anchor(view, subject, cue.start()), head.end),
        )


def _skip_article(text: str, position: int) -> int:
    """The position after the spaces and article that follow a position."""
    return re.compile(r"\s*(?:(?:the|a|an)\s+)?", re.I).match(text, position).end()


def _in_role(view: SentenceView, cue: re.Match) -> bool:
    """Whether the cue ends a "plays a role in the diagnosis of" phrase, which :func:`performance_role_in` reads."""
    return any(role.start() < cue.end() <= role.end() + 4 for role in ROLE.finditer(view.text))


def _framed_against(view: SentenceView, subject: Technique, cue: re.Match) -> bool:
    """Whether the words between a technique and its cue deny or weigh the detection.

    For example "difficult to detect", "no advantage in the detection of".
    """
    between = view.text[subject.end : cue.start()]
    comparison = re.search(COMPARISON, between, re.I)
    compared = comparison is not None and not CONJOINED_PREDICATE.search(between, comparison.end())
    return bool(
        NEGATIVE_FRAME.search(between)
        or MEASURE_WORDS.search(between)
        or compared
        or re.search(r"\b(?:be|been|being)\s+$", between, re.I)
    )


def _compared_after(view: SentenceView, cue: re.Match, units: list[Technique]) -> bool:
    """Whether the clause goes on to compare with another technique ("recognise a lesion earlier than radiography")."""
    _start, end = clause_span(view, cue.end())
    comparison = re.compile(COMPARISON, re.I).search(view.text, cue.end(), end)
    return bool(comparison and any(comparison.end() <= u.start < end for u in units))


@rule("performance.detected_by", "diagnostic_performance", 0.8, general_only=True)
def performance_detected_by(view: SentenceView) -> Iterable[Candidate]:
    """The passive of :func:`performance_detects`.

    "bony involvement and cord compression are demonstrable by MRI", "most cases are diagnosed by CSF cytology or
    biopsy", "epidural abscesses are best seen on contrast-enhanced T1-weighted images". Plain "seen on" is left out: it
    mostly says how a lesion looks, not that the technique finds it. The lesions found are those of the passive's own
    clause ("..., because metastases are appreciated with this sequence"), and "this sequence" is the technique the
    sentence named before.
    """
    units = technique_units(view)
    agents = [(unit.start, [unit, *_coordinated_after(view, units[k + 1 :], unit)]) for k, unit in enumerate(units)]
    for phrase in POINTING_TECHNIQUE.finditer(view.text):
        if not any(u.start <= phrase.end() and phrase.start() <= u.end for u in units):
            agents.append((phrase.start(), []))
    for position, techniques in sorted(agents, key=lambda a: a[0]):
        start, _end = view.clause_of(position)
        cue = PASSIVE_DETECTED.search(view.text[start:position])
        if cue is None:
            continue
        if not techniques or DEMONSTRATIVE.search(view.text[max(0, position - 30) : position]):
            techniques = _pointed_back(view, [u for u in units if u.end <= start + cue.start()])
        at = start + cue.start()
        subordinate = [m.end() for m in SUBORDINATOR.finditer(view.text, start, at)]
        start = max([start, *subordinate])
        targets = [m for m in view.of(*LESION, "finding") if start <= m.start and m.end <= at and not m.concept.broad][
            :4
        ]
        for technique in techniques:
            for target in targets:
                if not _modifies_earlier(view, target, start):
                    yield simple(
                        view,
                        "diagnostic_performance",
                        technique.ref,
                        "detects",
                        target,
                        target.start,
                        study=view.study(),
                    )
        return


def _pointed_back(view: SentenceView, earlier: list[Technique]) -> list[Technique]:
    """What "this sequence" or "this MR imaging sequence" stands for: the technique the sentence named before it.

    Else the one the text discusses.
    """
    free = [u for u in earlier if not _governed(view, u)]
    if free:
        return free[:1]
    discussed = discussed_technique(view)
    if discussed is None:
        return []
    return [Technique(discussed, discussed.start, discussed.end, discussed.start)]


def _coordinated_after(view: SentenceView, units: list[Technique], first: Technique) -> list[Technique]:
    """The technique units coordinated after a first one ("by CSF cytology or biopsy")."""
    chosen, last = [], first
    for unit in units:
        if not re.fullmatch(
            r"\s*,?\s*(?:and|or|and/or)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?", view.text[last.end : unit.start], re.I
        ):
            break
        chosen.append(unit)
        last = unit
    return chosen


def _modifies_earlier(view: SentenceView, mention: Mention, start: int) -> bool:
    """Whether a mention only says where an earlier one comes from ("compression from epidural tumour").

    A share of cases ("most cases of X") or "the diagnosis of X" still names what is detected.
    """
    before = view.text[start : mention.start]
    if re.search(
        r"\b(?:cases|majority|most|many|some|number|half|all|diagnosis|detection)\s+of\s+(?:the\s+)?$", before, re.I
    ):
        return False
    return bool(re.search(r"\b(?:from|of|due\s+to|by)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", before, re.I))


GUIDE = re.compile(r"\b(?:guide|guides|guiding|plan|plans|planning)\s+(?:the\s+|an?\s+)?", re.I)
NOT_MEASURE = re.compile(
    r"\b(?:is|are)\s+not\s+(?:very\s+|entirely\s+|always\s+|sufficiently\s+)?(specific|sensitive)\b", re.I
)
INVERTED_CHOICE = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:procedure|technique|modality|test|examination|investigation|method|study)\s+"
    r"(?:of\s+choice|(?:most|best)\s+(?:helpful|useful|sensitive|suited|accurate|valuable))\s+(?:in|for)\b",
    re.I,
)
THEN_IS = re.compile(r"[^.;]{0,40}?\b(?:is|remains)\s+(?:the\s+|an?\s+)?$", re.I)


@rule("performance.guides", "diagnostic_performance", 0.8, general_only=True)
def performance_guides(view: SentenceView) -> Iterable[Candidate]:
    """A technique used to guide a procedure or to plan a procedure or treatment.

    "CT is used to guide percutaneous biopsy", "angiography helps to plan preoperative embolisation". A treatment
    "guided" by imaging ("guiding radiation treatment") is not one the technique serves as a means, so only planning
    takes treatments.
    """
    if view.is_caption:
        return
    units = technique_units(view)
    for cue in GUIDE.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        planned = cue.group(0).lower().startswith("plan")
        procedures = targets_after(view, cue.end(), ("procedure", "treatment") if planned else ("procedure",))[:1]
        for subject in subjects:
            for procedure in procedures:
                yield _candidate(
                    view, subject, "usedFor", procedure, _anchor(view, subject, cue.start()), procedure.end
                )


@rule("performance.not_specific", "diagnostic_performance", 0.8, general_only=True)
def performance_not_specific(view: SentenceView) -> Iterable[Candidate]:
    """A technique said not to be specific or sensitive, as its limitation: "MRI is not specific for this tumour"."""
    units = technique_units(view)
    for cue in NOT_MEASURE.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        if subjects and cue.start() - subjects[-1].end < 30:
            yield Candidate(
                "diagnostic_performance",
                subjects[-1].ref,
                "hasLimitation",
                text=f"not {cue.group(1).lower()}",
                span=(subjects[-1].start, cue.end()),
                qualifiers={k: v for k, v in {"study": view.study()}.items() if v is not None},
            )


@rule("performance.inverted_choice", "diagnostic_performance", 0.8, general_only=True)
def performance_inverted_choice(view: SentenceView) -> Iterable[Candidate]:
    """The technique named last after what it is best for.

    "the modality of choice for suspected cord compression is MRI", "the test most useful in confirming the diagnosis of
    X is Y". A detection word before the target ("diagnosis of") makes it *detects*, else the technique is *used for*
    it.
    """
    units = technique_units(view)
    for cue in INVERTED_CHOICE.finditer(view.text):
        targets = targets_after(view, cue.end(), LESION + ("finding",))[:4]
        named = [
            u
            for u in units
            if targets and u.start > targets[-1].end and THEN_IS.fullmatch(view.text[targets[-1].end : u.start])
        ][:1]
        if not named:
            continue
        detection = DETECTION_NOUN.search(view.text, cue.end(), targets[0].start)
        predicate = "detects" if detection else "usedFor"
        for target in targets:
            yield _candidate(view, named[0], predicate, target, cue.start(), named[0].end)


PREDICTS = re.compile(r"\b(?P<accurately>accurately\s+)?(?:predicts?|indicates?)\b", re.I)
CLAUSE_OPENING = re.compile(r"\W*(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}?", re.I)
IN_SHARE = re.compile(r"[^.;]{0,40}?\bin\s+(?:(?:up\s+to|about|approximately|only|nearly|roughly)\s+)?", re.I)
OF_CASES = re.compile(r"\s+of\s+(?:the\s+)?(?:cases|patients|lesions|instances)\b", re.I)
SHARE_REPRESENTS = re.compile(r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$", re.I)
REPRESENTS = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:represent|prove\s+to\s+be|turn\s+out\s+to\s+be|are\s+due\s+to)\b", re.I
)


@rule("performance.predictive_share", "diagnostic_performance", 0.8, general_only=True)
def performance_predictive_share(view: SentenceView) -> Iterable[Candidate]:
    """How often a finding means a lesion.

    "pedicle erosion predicts epidural disease in 30% of cases" (the finding suggests the lesion, with that share),
    "morphologic criteria accurately predict malignancy in 90% of cases" (an accuracy), "only half of solitary foci
    represent metastases" said as a percentage (the finding's share).
    """
    percents = [n for n in view.numbers if n.unit == "percent"]
    for cue in PREDICTS.finditer(view.text):
        finding = _opening_finding(view, cue.start())
        if finding is None:
            continue
        targets = targets_after(view, cue.end(), LESION)[:1]
        after = targets[0].end if targets else cue.end()
        share = [
            n
            for n in percents
            if n.start >= after and IN_SHARE.fullmatch(view.text[after : n.start]) and OF_CASES.match(view.text, n.end)
        ][:1]
        if cue.group("accurately"):
            yield from (_share(view, finding, "hasAccuracy", n) for n in share)
            continue
        if targets:
            yield simple(
                view, "diagnostic_performance", ref(finding), "suggests", targets[0], finding.start, study=view.study()
            )
        yield from (_share(view, finding, "hasProportion", n) for n in share)
    for number in percents:
        findings = [
            m
            for m in view.of("finding", "sign")
            if m.start >= number.end and SHARE_REPRESENTS.fullmatch(view.text[number.end : m.start])
        ][:1]
        if findings and REPRESENTS.match(view.text, findings[0].end):
            yield _share(view, findings[0], "hasProportion", number)


def _opening_finding(view: SentenceView, position: int) -> Mention | None:
    """The finding or sign that opens the clause of a position ("Pedicle erosion on radiographs predicts ...")."""
    start, _end = clause_span(view, position)
    first = [m for m in view.mentions if start <= m.start < position][:1]
    if (
        first
        and first[0].category in ("finding", "sign")
        and CLAUSE_OPENING.fullmatch(view.text[start : first[0].start])
    ):
        return first[0]
    return None


def _share(view: SentenceView, finding: Mention, predicate: str, number: NumberMention) -> Candidate:
    """A finding's share or accuracy as a percentage."""
    return Candidate(
        "diagnostic_performance",
        ref(finding),
        predicate,
        value=number.value,
        value_max=number.value_max,
        unit="percent",
        hedge=view.hedge(finding.start, number.end),
        span=(finding.start, number.end),
        qualifiers={k: v for k, v in {"study": view.study(), "reference": view.reference()}.items() if v is not None},
    )


PREFERRED_OVER = re.compile(
    r"\s*,?\s*(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?", re.I
)
CONSISTENT_WITH = re.compile(
    r"\b(?:provides?|gives?|shows?|yields?)\s+(?:\w+\s+){0,2}?(?:findings|features|appearances?)\s+"
    r"(?:consistent\s+with|suggestive\s+of|characteristic\s+of|typical\s+of)\s+(?:(?:a|an"
    r"|the)\s+)?(?:diagnosis\s+of\s+)?",
    re.I,
)


@rule("performance.preferred_over", "diagnostic_performance", 0.75, general_only=True)
def performance_preferred_over(view: SentenceView) -> Iterable[Candidate]:
    """A technique named in place of another.

    "quantitative ADC maps, instead of qualitative DWI, ...", "CT rather than radiography should be used for ...".
    """
    units = technique_units(view)
    for first, second in zip(units, units[1:]):
        if (
            PREFERRED_OVER.fullmatch(view.text[first.end : second.start])
            and first.mention.concept.name != second.mention.concept.name
        ):
            yield _comparison(view, first, "superiorTo", second)


REPLACED = re.compile(
    r"\b(?:has|have|had)\s+(?:(?:largely|widely|now|increasingly|mostly|almost\s+entirely|in\s+large\s+part)\s+)?"
    r"(?:replaced|superseded|supplanted)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?",
    re.I,
)


@rule("performance.replaced", "diagnostic_performance", 0.8, general_only=True)
def performance_replaced(view: SentenceView) -> Iterable[Candidate]:
    """Techniques that have taken another's place: "whole-body MRI and PET/CT have largely replaced radiography".

    Each technique of the subject is preferred to the one replaced, which follows the verb within a few words.
    """
    units = technique_units(view)
    for cue in REPLACED.finditer(view.text):
        replaced = [u for u in units if u.start == cue.end()]
        subjects = subject_techniques(view, cue.start(), units)
        for subject in subjects if replaced else []:
            if subject.mention.concept.name != replaced[0].mention.concept.name:
                yield _comparison(view, subject, "superiorTo", replaced[0], anchor=cue.start())


@rule("performance.consistent_with", "diagnostic_performance", 0.75, general_only=True)
def performance_consistent_with(view: SentenceView) -> Iterable[Candidate]:
    """A technique whose findings point to a lesion.

    "MRI may provide findings consistent with a diagnosis of schwannoma".
    """
    if view.is_caption:
        return
    units = technique_units(view)
    for cue in CONSISTENT_WITH.finditer(view.text):
        named = subject_techniques(view, cue.start(), units)
        subjects = named or _elided_subject(view, cue.start(), units)
        targets = targets_after(view, cue.end(), LESION)[:1]
        if subjects and targets:
            anchor = _anchor(view, subjects[-1], cue.start()) if named else view.clause_of(cue.start())[0]
            yield _candidate(view, subjects[-1], "suggests", targets[0], anchor, targets[0].end)


FORMER_LATTER_BETTER = re.compile(
    r"\bthe\s+(?P<which>former|latter)\b(?:\s+(?:sequence|technique|modality|method|one|test))?\s+(?:being|is|has"
    r"|having|offers|provides)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:more\s+(?:rapid|sensitive|accurate|specific|robust|reliable)|faster|quicker|advantages?"
    r"|preferred|superior|better)\b",
    re.I,
)
SAME_MEASURE = re.compile(
    r"\b(?:(?:similar|comparable|equivalent|equal|the\s+same)\s+(?:[\w-]+\s+){0,2}?(?:conspicuity|conspicuousness"
    r"|sensitivity|accuracy|number\s+of\s+lesions|detection\s+rate)"
    r"|(?:conspicuity|conspicuousness|sensitivity|accuracy|detection\s+rate)\s+(?:[\w-]+\s+){0,4}?(?:is|was|are"
    r"|were)\s+(?:[\w-]+\s+)?(?:similar|comparable|equivalent|equal|the\s+same))\b",
    re.I,
)
SAID_EQUAL_RELIABILITY = 0.85
PAIR_GAP = re.compile(
    r"[\s)]*(?:images?\s+|sequences?\s+)?(?:and|or|versus|vs\.?)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?", re.I
)


@rule("performance.pair_contrast", "diagnostic_performance", 0.8, general_only=True)
def performance_pair_contrast(view: SentenceView) -> Iterable[Candidate]:
    """Two techniques named as a pair and then told apart by "the former" or "the latter".

    "lesions are as conspicuous on A and B, but the former has practical advantages" (A over B), "A and B find the same
    number of lesions, the latter being faster" (B over A). A pair said to do equally well is a negated "more sensitive
    than", from the one the sentence prefers (else the first named); its negation is written out ("similar", "the same
    number"), not guessed from a scope, so it starts from a higher reliability that offsets the usual cost of negation.
    """
    units = technique_units(view)
    pairs = [
        (a, b)
        for a, b in zip(units, units[1:])
        if PAIR_GAP.fullmatch(view.text[a.end : b.start]) and a.mention.concept.name != b.mention.concept.name
    ]
    if len(pairs) != 1:
        return
    first, second = pairs[0]
    preferred = FORMER_LATTER_BETTER.search(view.text, second.end)
    better, other = (second, first) if preferred and preferred.group("which").lower() == "latter" else (first, second)
    if preferred:
        yield _comparison(view, better, "superiorTo", other, anchor=preferred.start())
    same = SAME_MEASURE.search(view.text)
    if same:
        equal = _comparison(view, better, "moreSensitiveThan", other, negated=True, anchor=same.start())
        equal.reliability = SAID_EQUAL_RELIABILITY
        yield equal


ROLE = re.compile(
    r"\b(?:plays?|has|have)\s+an?\s+(?:[\w-]+\s+){0,2}?role\s+in\s+(?:the\s+)?(?:not\s+only\s+)?(?:the\s+)?"
    r"(?:diagnosis|detection|evaluation|assessment|staging|screening|work-?up|characteri[sz]ation|management"
    r"|follow-up)\b",
    re.I,
)


CONSPICUITY = re.compile(
    r"\b(?:increas|improv|enhanc|heighten)\w*\s+the\s+(?:conspicuity|visibility|detectability"
    r"|detection)\s+of\s+(?:the\s+)?"
    r"|\bmak\w*\s+(?P<between>[^,;.]{3,60}?)\s+more\s+(?:evident|conspicuous|visible|apparent|obvious)\b",
    re.I,
)


@rule("performance.conspicuity", "diagnostic_performance", 0.8, general_only=True)
def performance_conspicuity(view: SentenceView) -> Iterable[Candidate]:
    """A technique that makes a lesion easier to see.

    "fat suppression increases the conspicuity of enhancing metastases", "fat-saturated images make lesions in the
    epidural space more evident". The technique heads the clause; the lesion follows "conspicuity of" or stands between
    "make" and "more".
    """
    if view.is_caption:
        return
    units = technique_units(view)
    for cue in CONSPICUITY.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        if not subjects:
            continue
        start, end = (
            (cue.start("between"), cue.end("between"))
            if cue.group("between")
            else (cue.end(), clause_span(view, cue.end())[1])
        )
        heads = [m for m in view.of(*LESION, "finding", specific=False) if start <= m.start < end]
        if not heads:
            continue
        head = heads[0]
        target = compartment_lesion(view, head) or (None if head.concept.broad or head.concept.generic else ref(head))
        if target is not None:
            yield Candidate(
                "diagnostic_performance",
                subjects[-1].ref,
                "detects",
                target,
                hedge=view.hedge(subjects[-1].start, head.end),
                span=(_anchor(view, subjects[-1], cue.start()), head.end),
            )


@rule("performance.role_in", "diagnostic_performance", 0.85, general_only=True)
def performance_role_in(view: SentenceView) -> Iterable[Candidate]:
    """A technique with a role in the diagnosis or management of a lesion.

    "imaging plays a central role in the diagnosis of spinal metastases". The technique may be the general word
    ("imaging"), since the sentence says exactly that.
    """
    if view.is_caption:
        return
    for cue in ROLE.finditer(view.text):
        start, _end = clause_span(view, cue.start())
        named = [
            m
            for m in view.of(*TECHNIQUE, specific=False)
            if start <= m.start
            and m.end <= cue.start()
            and not GOVERNED.search(view.text[max(0, m.start - 30) : m.start])
        ]
        targets = [
            m
            for m in view.of(*LESION)
            if m.start > cue.end() and view.same_clause(m.start, cue.end()) or _joined_clause(view, cue.end(), m)
        ]
        targets = [m for m in targets if not m.concept.broad][:2]
        if named and targets:
            subject = Technique(named[-1], named[-1].start, named[-1].end, named[-1].start)
            for target in targets:
                yield _candidate(view, subject, "usedFor", target, subject.start, targets[0].end)


def _joined_clause(view: SentenceView, position: int, mention: Mention) -> bool:
    """Whether a mention after a position lies in the same clause once "not only ... but also" is read as one."""
    start, end = clause_span(view, position)
    return position <= mention.start < end


# Present or modal only: "lesions were evaluated with CT" reports what one study did, not what a technique is for.
PASSIVE_EVALUATED = re.compile(
    r"\b(?:be|is|are)\s+(?:\w+\s+)?(?:evaluated|assessed|imaged|studied|investigated|examined|staged"
    r"|monitored|followed(?:\s+up)?|characteri[sz]ed)\s+(?:with|by|using)\s+",
    re.I,
)
EXAMPLES_GAP = re.compile(
    r"\s*(?:(?:the|an?|other|further)\s+)?(?:[\w-]+\s+){0,3}?(?:(?:such\s+as|including|like|e\.g\.,?)\s+)?", re.I
)


@rule("performance.evaluated_with", "diagnostic_performance", 0.8, general_only=True)
def performance_evaluated_with(view: SentenceView) -> Iterable[Candidate]:
    """A lesion said to be evaluated with techniques, which are then used for it.

    "Treated disease can be evaluated with other modalities such as FDG PET and perfusion MRI", "the extent of
    the tumour is best assessed with MRI". The lesion is the one the clause names before the cue; a general
    word ("disease", "lesions") stands for the lesion the text is about.
    """
    if view.is_caption:
        return
    units = technique_units(view)
    for cue in PASSIVE_EVALUATED.finditer(view.text):
        first = [u for u in units if u.start >= cue.end() and EXAMPLES_GAP.fullmatch(view.text[cue.end() : u.start])]
        subject = _evaluated_lesion(view, cue.start())
        if not first or subject is None:
            continue
        for technique in [first[0], *_coordinated_after(view, units[units.index(first[0]) + 1 :], first[0])]:
            yield Candidate(
                "diagnostic_performance",
                technique.ref,
                "usedFor",
                subject,
                hedge=view.hedge(clause_span(view, cue.start())[0], cue.end()),
                span=(cue.start(), first[0].end),
                qualifiers={k: v for k, v in {"study": view.study()}.items() if v is not None},
            )


def _evaluated_lesion(view: SentenceView, position: int) -> Ref | None:
    """The lesion a clause speaks of before a position: its specific lesion, else the topic for a general word."""
    start, _end = clause_span(view, position)
    named = [m for m in view.of(*LESION, specific=False) if start <= m.start and m.end <= position]
    specific = [m for m in named if not m.concept.broad]
    if specific:
        return ref(specific[0])
    if named and view.topic is not None:
        return Ref(view.topic.name, view.topic, anaphoric=True, written=named[0].text)
    return None


ADVANTAGE_CUE = re.compile(
    r"\b(?:provides?|offers?|affords?|gives?|yields?)\s+(?=(?:an?\s+|the\s+)?(?:excellent|superb|high|good|better"
    r"|greater|improved|superior)\s+(?!(?:signal|intensity|uptake|density|attenuation)\b))"
    r"|\b(?=can\s+be\s+(?:obtained|performed|acquired|done)\s+(?:on|with|in)\s+(?:any|all|most|every)\b)"
    r"|\b(?:is|are)\s+(?=(?:very|particularly|especially|extremely)\s+useful\b(?!\s+(?:for|in)\b))",
    re.I,
)
POINTING_BACK = re.compile(
    r"\b(?:(?:this|these|such)\s+(?:sequences?|techniques?|methods?|modalit(?:y|ies)|examinations?|scans?)|it|they)\s+$",
    re.I,
)
ADVANTAGE_TEXT_WORDS = 3
# "... provides superb delineation and allows detection of ...": the advantage ends where a second predicate starts.
SECOND_PREDICATE = re.compile(
    r",?\s+(?:and|but)\s+(?:also\s+)?(?:enables?|allows?|permits?|is|are|has|have|can|may|makes?)\b", re.I
)


@rule("performance.advantage", "diagnostic_performance", 0.75, general_only=True)
def performance_advantage(view: SentenceView) -> Iterable[Candidate]:
    """A technique's advantage as the words that state it.

    "MDCT provides excellent spatial resolution of bony structures", "this sequence can be obtained on any
    scanner", "this sequence is very useful". The technique heads the clause, or "this sequence", "it" stand
    for the one the text discusses. The advantage runs from the cue to the end of the clause.
    """
    if view.is_caption:
        return
    units = technique_units(view)
    for cue in ADVANTAGE_CUE.finditer(view.text):
        start, end = clause_span(view, cue.start())
        text = SECOND_PREDICATE.split(view.text[cue.end() : end])[0].strip().rstrip(".,;: ")
        if len(text.split()) < ADVANTAGE_TEXT_WORDS:
            continue
        subjects = subject_techniques(view, cue.start(), units)
        if subjects:
            subject, anchor = subjects[-1].ref, subjects[-1].start
        elif POINTING_BACK.search(view.text, start, cue.start()) and (discussed := discussed_technique(view)):
            subject, anchor = ref(discussed), cue.start()
        else:
            continue
        yield Candidate(
            "diagnostic_performance",
            subject,
            "hasAdvantage",
            text=text,
            span=(anchor, cue.end()),
            qualifiers={k: v for k, v in {"study": view.study()}.items() if v is not None},
        )


EXCLUSION_CUE = re.compile(
    r"\b(?:to|in\s+order\s+to)\s+(?:exclude|rule\s+out|ensure\s+(?:that\s+there\s+is\s+)?(?:no|the\s+absence\s+of)"
    r"|check\s+for|look\s+for|search\s+for)\s+(?:(?:any|an?|the|possible|associated)\s+)*",
    re.I,
)


@rule("performance.excludes", "diagnostic_performance", 0.8, general_only=True)
def performance_excludes(view: SentenceView) -> Iterable[Candidate]:
    """A technique performed to rule a finding out, which it therefore detects.

    "a flow study may be performed before intrathecal therapy to ensure no obstruction of CSF flow", "CT myelography
    is used to rule out an epidural abscess". The technique heads the clause; the findings follow the cue. The "no"
    or "rule out" of the cue is the purpose of the study, not a negation of what it detects, and the cue binds the
    findings to itself, so only the distance from the technique to the cue weighs.
    """
    if view.is_caption:
        return
    units = technique_units(view)
    for cue in EXCLUSION_CUE.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        targets = targets_after(view, cue.end(), LESION + ("finding",))[:3]
        if not subjects or not targets or _framed_against(view, subjects[-1], cue):
            continue
        for subject in subjects:
            anchor = _anchor(view, subject, cue.start())
            for target in targets:
                candidate = _candidate(view, subject, "detects", target, anchor, cue.end(), negated=False)
                candidate.span = (anchor, cue.end())
                yield candidate


RAISED_MEASURE_FOR = re.compile(
    r"\b(?:increas|improv|enhanc|rais|heighten)\w*\s+(?:both\s+)?(?:the\s+)?(?:diagnostic\s+)?(?:sensitivity"
    r"|specificity|accuracy|detection\s+rate)\s+(?:for|in|of)\s+(?:the\s+)?(?:(?:detection|diagnosis|identification"
    r"|detecting|diagnosing|identifying)\s+(?:of\s+)?)?(?:(?:an?|the|small|early)\s+)*",
    re.I,
)


@rule("performance.raises_measure_for", "diagnostic_performance", 0.8, general_only=True)
def performance_raises_measure_for(view: SentenceView) -> Iterable[Candidate]:
    """A technique that raises the sensitivity or accuracy for a lesion, which it therefore detects.

    "diffusion-weighted imaging increases the sensitivity for early cord ischaemia". When another technique follows
    the cue instead ("improves the sensitivity of planar scintigraphy"), it is a comparison, read elsewhere.
    """
    if view.is_caption:
        return
    units = technique_units(view)
    for cue in RAISED_MEASURE_FOR.finditer(view.text):
        subjects = subject_techniques(view, cue.start(), units)
        targets = targets_after(view, cue.end(), LESION + ("finding",))[:3]
        if not subjects or not targets or _framed_against(view, subjects[-1], cue):
            continue
        for subject in subjects:
            anchor = _anchor(view, subject, cue.start())
            for target in targets:
                yield _candidate(view, subject, "detects", target, anchor, targets[0].end)


SHARE_VERB = re.compile(
    r"\b(?P<verb>detects?|detected|detecting|identif(?:y|ies|ied|ying)|depicts?|depicted|depicting|reveals?|revealed"
    r"|revealing|miss(?:es|ed|ing)?|fail(?:s|ed)?\s+to\s+detect)\s+(?:(?:up\s+to|about|approximately|nearly|only"
    r"|over|more\s+than|almost|roughly)\s+)?$",
    re.I,
)
SHARE_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+)?", re.I)


@rule("performance.detected_share", "diagnostic_performance", 0.8, general_only=True)
def performance_detected_share(view: SentenceView) -> Iterable[Candidate]:
    """The share of lesions a technique finds or misses, as its sensitivity or false-negative rate.

    "MRI detects up to 95% of epidural metastases", "..., detecting up to 50% of cases", "CT missed 30% of lytic
    lesions". The technique is the clause's subject; what it finds, if named, follows "of".
    """
    units = technique_units(view)
    for number in (n for n in view.numbers if n.unit == "percent"):
        cue = SHARE_VERB.search(view.text[max(0, number.start - 40) : number.start])
        of = SHARE_OF.match(view.text, number.end)
        if cue is None or of is None:
            continue
        at = max(0, number.start - 40) + cue.start()
        subjects = subject_techniques(view, at, units)
        if not subjects:
            continue
        missed = cue.group("verb").lower().startswith(("miss", "fail"))
        targets = targets_after(view, of.end(), LESION + ("finding",))[:1]
        qualifiers = {"target": ref(targets[0]) if targets else None, "study": view.study()}
        yield Candidate(
            "diagnostic_performance",
            subjects[-1].ref,
            "hasFalseNegativeRate" if missed else "hasSensitivity",
            value=number.value,
            value_max=number.value_max,
            unit="percent",
            hedge=view.hedge(at, number.end),
            span=(_anchor(view, subjects[-1], at), number.end),
            qualifiers={k: v for k, v in qualifiers.items() if v is not None},
        )


OF_CHOICE_ALONE = re.compile(
    r"\s+(?:is|remains|has\s+become)\s+(?:now\s+)?the\s+(?:[\w-]+\s+){0,2}?(?:modality|method|technique|investigation"
    r"|examination|test|study)\s+of\s+choice\s*(?:[.;]|$)",
    re.I,
)


@rule("performance.choice_for_topic", "diagnostic_performance", 0.8, general_only=True)
def performance_choice_for_topic(view: SentenceView) -> Iterable[Candidate]:
    """A technique called "the imaging method of choice" with no target: it is used for the paragraph's lesion.

    "MRI is the imaging method of choice." in a text about one disease; "... of choice for X" names its own
    target and is read by the other performance rules.
    """
    techniques = [m for m in view.of("modality", "sequence", "technique") if m.start == _first_word(view)]
    if not techniques or view.of(*LESION):
        return
    choice = OF_CHOICE_ALONE.match(view.text, techniques[0].end)
    topic = view.anaphor_ref()
    if choice is None or topic is None:
        return
    yield Candidate(
        "diagnostic_performance",
        ref(techniques[0]),
        "usedFor",
        topic,
        qualifiers={k: v for k, v in {"study": view.study()}.items() if v is not None},
        span=(techniques[0].start, techniques[0].end),
    )


def _first_word(view: SentenceView) -> int:
    """Where the sentence's first word starts."""
    return len(view.text) - len(view.text.lstrip(" \t\n\"'“‘("))
