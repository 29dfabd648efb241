"""Relation rules for diagnostic_performance statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.numbers import NumberMention
from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, TECHNIQUE, Candidate, after_in_clause, cues, ref, rule, simple
from kg.extract.sentence import Ref, SentenceView

COMPARISON = r"\b(more sensitive|more specific|more accurate|superior|better|outperform\w*)\b[^.;]{0,30}?\b(?:than|to|over)\b"
MEASURES = {"sensitivity": "hasSensitivity", "specificity": "hasSpecificity", "accuracy": "hasAccuracy", "false negative": "hasFalseNegativeRate", "false-negative": "hasFalseNegativeRate"}


@rule("performance.measure_value", "diagnostic_performance", 0.85)
def performance_measure_value(view: SentenceView) -> Iterable[Candidate]:
    """A technique's sensitivity, specificity or accuracy with its value: "MRI has a sensitivity of 98.5%"."""
    measures = list(re.finditer(r"\b(sensitivity|specificity|accuracy|false[- ]negative)\b", view.text, re.I))
    percents = [n for n in view.numbers if n.unit == "percent"]
    if not measures or not percents:
        return
    technique = _technique_for(view, measures[0].start()) or _sign_for(view, measures[0].start())
    if technique is None:
        return
    owners = _owners_of_values(view, percents)
    target = _target(view, technique)
    for measure, number in _pair_measures(measures, percents):
        predicate = MEASURES[measure.group(1).lower().replace("-", " ") if "negative" in measure.group(1).lower() else measure.group(1).lower()]
        yield Candidate(
            "diagnostic_performance", owners.get(number.start, technique), predicate, value=number.value, value_max=number.value_max, unit="percent",
            hedge=view.hedge(measure.start(), number.end), span=(measure.start(), number.end),
            qualifiers={k: v for k, v in {"target": target, "study": view.study(), "reference": view.reference()}.items() if v is not None},
        )


def _pair_measures(measures: list[re.Match], percents: list[NumberMention]) -> list[tuple[re.Match, NumberMention]]:
    """Pair measures with values: in order when the counts agree ("sensitivity and specificity of 90% and 85%"), else the next value after each."""
    if len(measures) == len(percents) and all(m.start() < percents[0].start for m in measures):
        return list(zip(measures, percents))
    pairs = []
    for k, measure in enumerate(measures):
        limit = measures[k + 1].start() if k + 1 < len(measures) else 10**9
        pairs += [(measure, n) for n in percents if measure.end() <= n.start < limit]
    return pairs


def _owners_of_values(view: SentenceView, percents: list[NumberMention]) -> dict[int, Ref]:
    """The technique each value belongs to, where the sentence says so: a technique written right
    before the value ("lower for MDCT (66.2%) than for MRI (98.5%)", "MDCT: 99.3%; MRI: 98.9%"), or
    techniques and values listed in the same order with "respectively".
    """
    techniques = view.of(*TECHNIQUE)
    owners = {}
    for number in percents:
        before = [m for m in techniques if m.end <= number.start and re.fullmatch(r"\s*[(:]\s*", view.text[m.end : number.start])]
        if before:
            owners[number.start] = ref(before[-1])
    if owners or not re.search(r"\brespectively\b", view.text, re.I):
        return owners
    listed = distinct([m for m in techniques if m.end <= percents[0].start])
    if len(listed) == len(percents) > 1:
        owners = {number.start: ref(m) for m, number in zip(listed, percents)}
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
    """A named sign whose performance a sentence gives when it names no technique: "the halo sign ... (sensitivity, 75%)"."""
    signs = [m for m in view.of("sign") if m.end <= position]
    return ref(signs[0]) if signs else None


def _technique_for(view: SentenceView, position: int) -> Ref | None:
    """The technique a measure belongs to: the last one named before it, else the first after it."""
    techniques = view.of(*TECHNIQUE)
    before = [m for m in techniques if m.end <= position]
    chosen = before[-1:] or techniques[:1]
    return ref(chosen[0]) if chosen else None


def _target(view: SentenceView, technique: Ref) -> Ref | None:
    """What a technique detects in the sentence: its first specific disorder or finding."""
    targets = [m for m in view.of(*LESION, "finding") if m.concept.name != technique.name and not m.concept.broad]
    return ref(targets[0]) if targets else None


@rule("performance.comparison", "diagnostic_performance", 0.8)
def performance_comparison(view: SentenceView) -> Iterable[Candidate]:
    """One technique better than another: "MRI is more sensitive than bone scintigraphy for ..."."""
    for cue in cues(view, COMPARISON):
        before = [m for m in view.of(*TECHNIQUE) if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        after = after_in_clause(view, cue.end(), TECHNIQUE, stop=())
        if not before or not after:
            continue
        predicate = "moreSensitiveThan" if "sensitive" in cue.group(1).lower() else "superiorTo"
        target = _target(view, ref(before[-1]))
        yield simple(view, "diagnostic_performance", ref(before[-1]), predicate, after[0], before[-1].start, target=target, study=view.study())


@rule("performance.detects", "diagnostic_performance", 0.7, general_only=True)
def performance_detects(view: SentenceView) -> Iterable[Candidate]:
    """A technique that detects or shows a lesion: "bone scintigraphy detects osteoblastic metastases".

    Not in figure captions ("CT depicts a cortical break" tells what one image shows), not for the
    general word "imaging", and not for "the differential diagnosis", which names no detection.
    """
    if view.is_caption:
        return
    pattern = r"\b(?:detect\w*|identif\w*|depict\w*|visuali[sz]\w*|evaluat\w*|assess\w*|(?<!differential )diagnos\w*|characteri[sz]\w*|delineat\w*|sensitive (?:to|for)|useful (?:for|in))\b"
    for cue in cues(view, pattern):
        techniques = [m for m in view.of(*TECHNIQUE) if m.end <= cue.start() and view.same_clause(m.start, cue.start()) and not m.concept.broad]
        if not techniques or re.search(COMPARISON, view.text[techniques[0].start : cue.start()], re.I):
            continue
        for target in after_in_clause(view, cue.end(), LESION + ("finding",), stop=())[:4]:
            if not target.concept.broad:
                yield simple(view, "diagnostic_performance", ref(techniques[-1]), "detects", target, techniques[-1].start, study=view.study())


DETECTED_BY = re.compile(
    r"\b(?:are|is|be)\s+(?:(?:well|clearly|readily|easily|reliably|better|best)\s+)?"
    r"(?:demonstrable|demonstrated|detectable|detected|identifiable|identified|depicted|visuali[sz]ed|delineated|(?:better|best|well)\s+seen)\s+"
    r"(?:by|on|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$", re.I)


@rule("performance.detected_by", "diagnostic_performance", 0.75, general_only=True)
def performance_detected_by(view: SentenceView) -> Iterable[Candidate]:
    """The passive of :func:`performance_detects`: "bony involvement and cord compression are demonstrable
    by MRI", "epidural abscesses are best seen on contrast-enhanced T1-weighted images". Plain "seen
    on" is left out: it mostly says how a lesion looks, not that the technique finds it.
    """
    for technique in view.of(*TECHNIQUE):
        start, _end = view.clause_of(technique.start)
        cue = DETECTED_BY.search(view.text[start : technique.start])
        if cue is None:
            continue
        at = start + cue.start()
        for target in [m for m in view.of(*LESION, "finding") if start <= m.start and m.end <= at and not m.concept.broad][:4]:
            if not _modifies_earlier(view, target, start):
                yield simple(view, "diagnostic_performance", ref(technique), "detects", target, target.start, study=view.study())
        return


def _modifies_earlier(view: SentenceView, mention: Mention, start: int) -> bool:
    """Whether a mention only says where an earlier one comes from ("compression from epidural tumour")."""
    return bool(re.search(r"\b(?:from|of|due\s+to|by)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", view.text[start : mention.start], re.I))
