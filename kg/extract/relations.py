"""Relation rules: one named function per pattern, grouped by the statement kind it produces.

Each rule reads a :class:`~kg.extract.sentence.SentenceView` and yields :class:`Candidate` statements
in the vocabulary of ``curation/README.md`` (subject, predicate, object or value, qualifiers). A rule
is registered with its name (recorded on every statement it makes, as ``rule:``) and its reliability,
the share of its statements we expect to be right; :mod:`kg.extract.pipeline` turns reliability,
the distance between subject and object and the clarity of negation into a confidence.

The rules are written against the ontology's categories and general English cue words ("occurs in",
"differential diagnosis includes", "sensitivity of N%"), never against the wording of one paper.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from kg.extract.numbers import NumberMention
from kg.extract.recognise import Mention
from kg.extract.sentence import Ref, SentenceView

COMPARTMENT_SITES = {"ExtraduralSite", "IntraduralExtramedullarySite", "IntramedullarySite", "OsseousSite", "ParaspinalSite", "LeptomeningealSite"}
SITE = ("site", "region")
LESION = ("disorder", "primary")
TECHNIQUE = ("modality", "sequence", "technique", "procedure")


@dataclass
class Candidate:
    """A statement a rule proposes, before it is scored and written."""

    kind: str
    subject: Ref
    predicate: str
    object: Ref | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    text: str | None = None
    hedge: str | None = None
    negated: bool = False
    qualifiers: dict = field(default_factory=dict)
    span: tuple[int, int] = (0, 0)
    rule: str = ""
    reliability: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A named relation rule with the reliability its statements start from."""

    name: str
    kind: str
    reliability: float
    function: Callable[[SentenceView], Iterable[Candidate]]
    case_only: bool = False
    general_only: bool = False


RULES: list[Rule] = []


def rule(name: str, kind: str, reliability: float, *, case_only: bool = False, general_only: bool = False):
    """Register a rule function under a name."""

    def register(function):
        RULES.append(Rule(name, kind, reliability, function, case_only, general_only))
        return function

    return register


def run_rules(view: SentenceView) -> list[Candidate]:
    """Every candidate of every rule that applies to the sentence, each stamped with its rule."""
    candidates = []
    for entry in RULES:
        if (entry.case_only and not (view.is_case or view.is_caption)) or (entry.general_only and view.is_case):
            continue
        for candidate in entry.function(view):
            candidate.rule = entry.name
            candidate.reliability = candidate.reliability or entry.reliability
            candidate.kind = candidate.kind or entry.kind
            candidates.append(candidate)
    return candidates


def ref(mention: Mention) -> Ref:
    """The reference of a mentioned concept."""
    return Ref(mention.concept.name, mention.concept)


def cues(view: SentenceView, pattern: str) -> list[re.Match]:
    """Matches of a cue pattern in the sentence (case-insensitive)."""
    return list(re.finditer(pattern, view.text, re.I))


def after_in_clause(view: SentenceView, position: int, categories, *, stop=LESION, specific=True) -> list[Mention]:
    """Mentions of ``categories`` after a position in its clause, up to the next mention of ``stop``."""
    _start, end = view.clause_of(position)
    found = []
    for mention in view.mentions:
        if mention.start < position or mention.start >= end:
            continue
        if mention.category in stop and mention.category not in categories and found:
            break
        if mention.category in categories and not (specific and mention.concept.generic):
            found.append(mention)
    return found


def span_of(anchor: int, mention: Mention | None) -> tuple[int, int]:
    """Character span from a cue or subject position to an object mention, to weigh distance."""
    if mention is None:
        return anchor, anchor
    return min(anchor, mention.start), max(anchor, mention.end)


def simple(view: SentenceView, kind: str, subject: Ref, predicate: str, obj: Mention, anchor: int, **qualifiers) -> Candidate:
    """A candidate whose object is a mentioned concept, with its negation and the hedge words around it."""
    start, end = span_of(anchor, obj)
    clause = view.clause_of(obj.start)
    return Candidate(
        kind=kind,
        subject=subject,
        predicate=predicate,
        object=ref(obj),
        hedge=view.hedge(clause[0], end),
        negated=view.is_negated(obj),
        qualifiers={k: v for k, v in qualifiers.items() if v is not None},
        span=(start, end),
    )


# --- lesion_location ------------------------------------------------------------------------------

LOCATION_CUE = (
    r"\b(?:occur\w*|locat\w*|aris\w*|originat\w*|found|situated|lies?|appear\w*|seen|involv\w*|affect\w*|"
    r"extend\w*|extension|invad\w*|invasion|predilection for|confined|limited|detected|identified|present)\b"
    r"(?:\s+\w+ly)?(?:\s+(?:in|on|within|to|into|at|from|the))?"
)


@rule("location.cue_then_site", "lesion_location", 0.8)
def location_cue_then_site(view: SentenceView) -> Iterable[Candidate]:
    """A lesion, a location verb, then sites: "This lesion mostly occurs in the body of vertebral bones"."""
    for cue in cues(view, LOCATION_CUE):
        subject = view.subject_before(cue.start())
        if subject is None:
            continue
        word = cue.group(0).lower()
        predicate = "canInvolve" if re.match(r"involv|affect", word) else "extendsInto" if re.match(r"exten|invad|invasion", word) else "locatedIn"
        for site in after_in_clause(view, cue.end(), SITE):
            if site.concept.name != "VertebralLevel":
                yield simple(view, "lesion_location", subject, predicate, site, cue.start())
        for level_name in _levels_after(view, cue.end()):
            yield Candidate("lesion_location", subject, "atLevel", Ref(level_name), span=(cue.start(), cue.end()))


def _levels_after(view: SentenceView, position: int) -> list[str]:
    """Vertebral levels named after a position, in its clause."""
    _start, end = view.clause_of(position)
    return [name for mention in view.levels if position <= mention.start < end for name in mention.levels]


@rule("location.lesion_in_site", "lesion_location", 0.8)
def location_lesion_in_site(view: SentenceView) -> Iterable[Candidate]:
    """A lesion followed closely by "in the" and a site: "a mass in the spinal foramen"; a lesion named
    only by its head noun also by "of the": "a mass of the sacrum" (where "carcinoma of the breast"
    names the primary's organ, not where the lesion in the spine lies)."""
    for lesion in view.of(*LESION, specific=False):
        prepositions = r"in|within|at|of" if lesion.concept.broad else r"in|within|at"
        site = _site_right_after(view, lesion.end, prepositions)
        if site is None:
            continue
        subject = view.subject_before(lesion.end)
        if subject is not None:
            yield simple(view, "lesion_location", subject, "locatedIn", site, lesion.start)


SITE_MODIFIERS = r"upper|lower|mid|middle|distal|proximal|posterior|anterior|dorsal|ventral|left|right|adjacent|cervical|thoracic|lumbar|sacral"


def _site_right_after(view: SentenceView, position: int, prepositions: str) -> Mention | None:
    """The site a preposition names right after a position: "in the L2 vertebral body", "in a lower
    thoracic vertebral body" (an article, a level and position words may come between).
    """
    lead = re.compile(
        rf"\s+(?:{prepositions})\s+(?:the\s+|an?\s+)?(?:[CTLS]\d{{1,2}}(?:\s*(?:-|–|and)\s*[CTLS]?\d{{1,2}})?\s+)?(?:(?:{SITE_MODIFIERS})\s+){{0,3}}",
        re.I,
    )
    sites = [m for m in view.mentions if m.category in SITE and position < m.start <= position + 60 and lead.fullmatch(view.text[position : m.start])]
    return sites[0] if sites else None


@rule("location.by_definition", "lesion_location", 0.75, case_only=True)
def location_by_definition(view: SentenceView) -> Iterable[Candidate]:
    """The case lesion named by a compartment class ("an intramedullary lesion") lies where that class is defined to lie."""
    if view.case_lesion is None:
        return
    for mention in view.of(*LESION, specific=False):
        site = mention.concept.located_in
        if site and view.subject_before(mention.end) == Ref(view.case_lesion_name, view.case_lesion):
            yield Candidate("lesion_location", Ref(view.case_lesion_name, view.case_lesion), "locatedIn", Ref(site), span=(mention.start, mention.end))


@rule("location.finding_in_site", "lesion_location", 0.75, case_only=True)
def location_finding_in_site(view: SentenceView) -> Iterable[Candidate]:
    """In case narrative, a finding of the case lesion "of" or "in" a site places the lesion there:
    "lucency of the L2 vertebral body", "a mass in the posterior epidural space".
    """
    for look in view.of("finding", "density", "signal", "enhancement"):
        subject = view.subject_before(look.start) or view.anaphor_ref()
        if subject is None or not subject.is_case:
            continue
        site = _site_right_after(view, look.end, r"of|in|at|within|involving")
        if site is not None:
            yield simple(view, "lesion_location", subject, "locatedIn", site, look.start)


# --- imaging_appearance --------------------------------------------------------------------------

APPEARANCE_PREDICATES = {"signal": "hasSignal", "enhancement": "hasEnhancement", "density": "hasDensity", "finding": "hasImagingFinding"}
SEQUENCE_SHORTHAND = re.compile(r"\bT([12])(?:W|-?weighted)?\b")
ADJACENT_SEQUENCE = re.compile(r"\bT([12])(?:W|-?weighted)?\s+$")


@rule("appearance.lesion_looks", "imaging_appearance", 0.8)
def appearance_lesion_looks(view: SentenceView) -> Iterable[Candidate]:
    """A lesion described by signal, enhancement, density or a finding, with the sequence or modality it is seen on."""
    narrative = view.is_case or view.is_caption
    for look in view.of("signal", "enhancement", "density", "finding"):
        subject = view.subject_before(look.start) or (view.anaphor_ref() if narrative else None)
        if subject is None or (look.category == "finding" and not narrative and not _describes(view, subject, look)):
            continue
        qualifiers = {"sequence": _sequence_near(view, look), "figure": _figure_near(view, look)}
        if look.category in ("density", "finding", "enhancement") or qualifiers["sequence"] is None:
            qualifiers["modality"] = _modality_near(view, look)
        if look.category == "enhancement" and qualifiers["sequence"] is not None and "T1" not in qualifiers["sequence"].name:
            qualifiers["sequence"], qualifiers["modality"] = None, qualifiers["modality"] or Ref("MRI")
        qualifiers.update(technique_fallback(view, look.category, qualifiers))
        if qualifiers.get("sequence") is None and qualifiers.get("modality") is None:
            continue
        qualifiers["referenceTissue"] = _reference_tissue(view, look)
        yield simple(view, "imaging_appearance", subject, APPEARANCE_PREDICATES[look.category], look, look.start, **qualifiers)


DEFAULT_MODALITY = {"signal": "MRI", "density": "CT"}


def technique_fallback(view: SentenceView, category: str, qualifiers: dict) -> dict:
    """A sequence or modality for an appearance whose sentence names none.

    The technique named last before the sentence in its section (a caption's "T2-weighted image shows
    ..." or the paragraph's "On MRI ...") is the one the finding is seen on; failing that, a signal
    intensity is by definition an MR finding and a density a CT one. The graph requires one of them
    for every appearance statement.
    """
    if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
        return {}
    context = view.context_technique
    if context is not None:
        return {"sequence" if context.category == "sequence" else "modality": ref(context)}
    if category in DEFAULT_MODALITY:
        return {"modality": Ref(DEFAULT_MODALITY[category])}
    return {}


def _describes(view: SentenceView, subject: Ref, look: Mention) -> bool:
    """Whether a finding is said of the subject ("shows", "with", "demonstrates") rather than merely named."""
    start, _end = view.clause_of(look.start)
    before = view.text[start : look.start].lower()
    return bool(re.search(r"\b(?:show\w*|with|demonstrat\w*|reveal\w*|ha[sd]|have|display\w*|exhibit\w*|caus\w*|produc\w*|appear\w*|seen as|present\w* as)\b", before))


def _sequence_near(view: SentenceView, look: Mention) -> Ref | None:
    """The MR sequence a signal is read on: the one written right before it ("T2 hyperintense"), else the
    nearest one after it in the clause ("on T1W"), else the one before it.
    """
    start, end = view.clause_of(look.start)
    adjacent = ADJACENT_SEQUENCE.search(view.text[max(start, look.start - 16) : look.start])
    if adjacent:
        return Ref(f"T{adjacent.group(1)}Weighted")
    sequences = [m for m in view.of("sequence") if start <= m.start < end]
    following = [m for m in sequences if m.start >= look.end and m.start - look.end <= 40]
    preceding = [m for m in sequences if m.end <= look.start]
    chosen = following[:1] or preceding[-1:]
    if chosen:
        return ref(chosen[0])
    window = view.text[max(start, look.start - 12) : min(end, look.end + 16)]
    shorthand = SEQUENCE_SHORTHAND.search(window)
    if shorthand:
        return Ref(f"T{shorthand.group(1)}Weighted")
    return None


def _modality_near(view: SentenceView, look: Mention) -> Ref | None:
    """The imaging modality named in the same clause, if any."""
    start, end = view.clause_of(look.start)
    modalities = [m for m in view.of("modality") if start <= m.start < end]
    return ref(modalities[0]) if modalities else None


def _figure_near(view: SentenceView, look: Mention) -> str | None:
    """The figure cited right after a finding ("(Figure 2)"), if any."""
    match = re.match(r"[^()]{0,40}?\(\s*Fig(?:ure)?s?\.?\s*(\d+[A-Za-z]?)", view.text[look.end :])
    return match.group(1) if match else None


def _reference_tissue(view: SentenceView, look: Mention) -> Ref | None:
    """The tissue a signal or density is compared with ("relative to muscle", "compared with disc")."""
    tail = view.text[look.end : look.end + 40]
    match = re.search(r"\b(?:relative to|compared (?:with|to)|than|to)\s+(?:the\s+)?(?:normal\s+|adjacent\s+)?", tail)
    if not match:
        return None
    at = look.end + match.end()
    tissue = [m for m in view.mentions if m.start == at and m.category in SITE]
    return ref(tissue[0]) if tissue else None


# --- sign ----------------------------------------------------------------------------------------

INDICATION_CUE = r"\b(?:indicat\w*|represent\w*|characteristic (?:of|for)|typical (?:of|for)|specific (?:of|for)|pathognomonic (?:of|for)|diagnostic of|suggest\w*|consistent with|compatible with|favou?r\w*|point\w* to)\b"


@rule("sign.indicates", "sign", 0.8)
def sign_indicates(view: SentenceView) -> Iterable[Candidate]:
    """A sign or finding, then "indicates" / "suggests" / "characteristic of", then a disorder."""
    for cue in cues(view, INDICATION_CUE):
        signs = [m for m in view.of("sign", "finding", "signal", "enhancement") if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        if not signs:
            continue
        sign = signs[-1]
        word = cue.group(0).lower()
        predicate = "suggests" if re.match(r"suggest|consistent|compatible|favou?r|point", word) else "indicates"
        kind = "sign" if sign.category == "sign" else "imaging_appearance"
        for target in after_in_clause(view, cue.end(), LESION + ("finding",), stop=())[:3]:
            if target.concept.name != sign.concept.name:
                yield simple(view, kind, ref(sign), predicate, target, sign.start)


@rule("sign.shown_by", "sign", 0.75)
def sign_shown_by(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that shows a named sign: "hemangiomas show the corduroy sign"."""
    for sign in view.of("sign"):
        subject = view.subject_before(sign.start)
        if subject is not None and re.search(r"\b(?:show\w*|demonstrat\w*|produc\w*|exhibit\w*|display\w*|ha[sv]e?|with|resembl\w*|give\w*)\b", view.text[: sign.start], re.I):
            qualifiers = {"modality": _modality_near(view, sign), "sequence": _sequence_near(view, sign)}
            qualifiers.update(technique_fallback(view, "sign", qualifiers))
            if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
                yield simple(view, "sign", subject, "showsSign", sign, sign.start, **qualifiers)


# --- diagnostic_performance ------------------------------------------------------------------------

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
    listed = _distinct([m for m in techniques if m.end <= percents[0].start])
    if len(listed) == len(percents) > 1:
        owners = {number.start: ref(m) for m, number in zip(listed, percents)}
    return owners


def _distinct(mentions: list[Mention]) -> list[Mention]:
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
    """A technique that detects or shows a lesion: "bone scintigraphy detects osteoblastic metastases"."""
    pattern = r"\b(?:detect\w*|identif\w*|depict\w*|visuali[sz]\w*|evaluat\w*|assess\w*|diagnos\w*|characteri[sz]\w*|delineat\w*|sensitive (?:to|for)|useful (?:for|in))\b"
    for cue in cues(view, pattern):
        techniques = [m for m in view.of(*TECHNIQUE) if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        if not techniques or re.search(COMPARISON, view.text[techniques[0].start : cue.start()], re.I):
            continue
        for target in after_in_clause(view, cue.end(), LESION + ("finding",), stop=())[:4]:
            if not target.concept.broad:
                yield simple(view, "diagnostic_performance", ref(techniques[-1]), "detects", target, techniques[-1].start, study=view.study())


# --- epidemiology ----------------------------------------------------------------------------------

RATE_CUES = [("hasIncidence", r"\bincidence\b"), ("hasPrevalence", r"\bprevalence\b"), ("hasMetastasisRate", r"\bmetasta\w* (?:rate|in)\b"),
             ("hasRecurrenceRate", r"\brecurrence\b"), ("hasProportion", r"\b(?:occur\w* in|account\w* for|seen in|found in|affect\w*|comprise\w*|represent\w*|of (?:all )?(?:cases|patients))\b")]


@rule("epidemiology.rate", "epidemiology", 0.8)
def epidemiology_rate(view: SentenceView) -> Iterable[Candidate]:
    """A lesion with a rate: "an incidence of 10-12%", "occur in 40% of patients with cancer"."""
    for number in (n for n in view.numbers if n.unit == "percent"):
        clause_start, _end = view.clause_of(number.start)
        window = view.text[max(0, number.start - 60) : number.end + 40]
        predicate = next((p for p, cue in RATE_CUES if re.search(cue, window, re.I)), None)
        subject = view.subject_before(number.start)
        if predicate is None or subject is None or re.search(r"sensitivity|specificity|accuracy", window, re.I):
            continue
        yield Candidate(
            "epidemiology", subject, predicate, value=number.value, value_max=number.value_max, unit="percent",
            hedge=view.hedge(number.start - 12, number.end), span=(clause_start, number.end),
            qualifiers={k: v for k, v in {"population": _population(view, number), "reference": view.reference(), "study": view.study()}.items() if v},
        )


SHARE_OF = re.compile(r"\s*of\s+(?:all\s+)?(?:the\s+)?(?:these\s+)?")
SHARE_CAUSE = re.compile(
    r"\s+(?:(?:are|is|were|was)\s+)?(?:\w+\s+)?(?:due\s+to|caused\s+by|secondary\s+to|attributable\s+to|from|aris\w*\s+from|originat\w*\s+(?:from|in))\s+(?:an?\s+|the\s+)?$",
    re.I)


@rule("epidemiology.share_due_to", "epidemiology", 0.8)
def epidemiology_share_due_to(view: SentenceView) -> Iterable[Candidate]:
    """The share of a lesion that one cause makes up: "about 20% of spinal metastases are due to breast
    carcinoma" gives the cause's proportion, with the lesion as its target.
    """
    for number in (n for n in view.numbers if n.unit == "percent"):
        of = SHARE_OF.match(view.text, number.end)
        wholes = [m for m in view.of(*LESION, specific=False) if of and m.start == of.end()]
        if not wholes:
            continue
        whole = wholes[0]
        causes = [m for m in view.of(*LESION) if m.start > whole.end and SHARE_CAUSE.search(view.text[whole.end : m.start])]
        if causes:
            yield Candidate(
                "epidemiology", ref(causes[0]), "hasProportion", value=number.value, value_max=number.value_max, unit="percent",
                hedge=view.hedge(max(0, number.start - 12), number.end), span=(number.start, causes[0].end),
                qualifiers={k: v for k, v in {"target": ref(whole), "reference": view.reference(), "study": view.study()}.items() if v},
            )


def _population(view: SentenceView, number: NumberMention) -> str | None:
    """The population a figure is about, as written ("of patients with cancer")."""
    match = re.match(r"\s*of\s+((?:all\s+)?(?:patients|cases|individuals|people|adults|children|autopsies)[^,;.]{0,50})", view.text[number.end :], re.I)
    return match.group(1).strip() if match else None


@rule("epidemiology.age", "epidemiology", 0.8, general_only=True)
def epidemiology_age(view: SentenceView) -> Iterable[Candidate]:
    """A median or mean age: "the median age at diagnosis is 54 years"."""
    for cue in cues(view, r"\b(?:median|mean|average|peak)\s+age\b"):
        numbers = [n for n in view.numbers if n.start > cue.end() and n.unit == "year" and n.start - cue.end() < 40]
        subject = view.subject_before(cue.start()) or view.anaphor_ref()
        if numbers and subject is not None:
            yield Candidate("epidemiology", subject, "hasMedianAge", value=numbers[0].value, value_max=numbers[0].value_max, unit="year", span=(cue.start(), numbers[0].end))


@rule("epidemiology.frequency_word", "epidemiology", 0.7, general_only=True)
def epidemiology_frequency_word(view: SentenceView) -> Iterable[Candidate]:
    """A lesion called common or rare: "Cavernous hemangioma is a common vascular lesion"."""
    for cue in cues(view, r"\b(?:is|are)\s+(?:an?\s+|the\s+)?(?:\w+,\s+)*(?:very\s+|relatively\s+|extremely\s+|exceedingly\s+)?(common|rare|uncommon|unusual|frequent)\b"):
        subject = view.subject_before(cue.start())
        if subject is None or _head_is_elsewhere(view, cue.start()):
            continue
        if not re.search(r"\bmost\b|\b(?:site|finding|feature|cause|location|presentation)s?\b", view.text[cue.start() : cue.end() + 20], re.I):
            word = cue.group(1).lower()
            yield Candidate("epidemiology", subject, "hasPrevalence", text=word, hedge=word, span=(cue.start(), cue.end()))


def _head_is_elsewhere(view: SentenceView, position: int) -> bool:
    """Whether the clause's first lesion before a position only modifies another noun ("aggression of
    hemangiomas is rare", "seeding of systemic cancer is unusual"): then the rarity is not the lesion's.
    """
    start, _end = view.clause_of(position)
    lesions = [m for m in view.of(*LESION) if start <= m.start and m.end <= position]
    if not lesions:
        return False
    return bool(re.search(r"\b(?:of|in|into|from|with|by)\s+(?:[\w-]+\s+){0,2}$", view.text[start : lesions[0].start], re.I))


# --- primary_to_metastasis ---------------------------------------------------------------------------


def _is_metastasis(mention: Mention) -> bool:
    return "Metastasis" in mention.concept.ancestors


def _is_primary(mention: Mention) -> bool:
    names = mention.concept.ancestors
    return mention.category in LESION and not _is_metastasis(mention) and bool(names & {"Carcinoma", "MalignantNeoplasm", "PrimaryTumour", "Sarcoma", "Lymphoma"})


@rule("metastasis.spreads_to", "primary_to_metastasis", 0.8)
def metastasis_spreads_to(view: SentenceView) -> Iterable[Candidate]:
    """A tumour that metastasises or spreads to a site: "hemangiopericytoma metastatic to the spine"."""
    for cue in cues(view, r"\b(?:metasta\w+|spread\w*|seed\w*|disseminat\w*)\s+(?:\w+\s+){0,2}?(?:to|into)\b"):
        subject = view.subject_before(cue.start())
        if subject is None:
            continue
        for site in after_in_clause(view, cue.end(), SITE):
            yield simple(view, "primary_to_metastasis", subject, "metastasizesTo", site, cue.start(), route=_route(view, site.end))


def _route(view: SentenceView, position: int) -> Ref | None:
    """The route of spread named after a position in its clause ("by local invasion", "via Batson's plexus")."""
    routes = after_in_clause(view, position, ("route",), stop=())
    return ref(routes[0]) if routes else None


@rule("metastasis.from_primary", "primary_to_metastasis", 0.8)
def metastasis_from_primary(view: SentenceView) -> Iterable[Candidate]:
    """Metastases and their primary: "metastases from breast cancer", "due to lung cancer in 50% of cases"."""
    for metastasis in (m for m in view.mentions if _is_metastasis(m)):
        _start, end = view.clause_of(metastasis.end)
        tail = view.text[metastasis.end : end]
        cue = re.match(r"\s*(?:\w+\s+){0,6}?(?:from|due to|secondary to|originat\w* (?:from|in)|aris\w* from|of)\s+", tail)
        if cue is None:
            continue
        for primary in after_in_clause(view, metastasis.end + cue.start(), LESION, stop=())[:4]:
            if _is_primary(primary):
                yield simple(view, "primary_to_metastasis", ref(metastasis), "hasPrimaryTumour", primary, metastasis.start)


@rule("metastasis.route", "primary_to_metastasis", 0.75)
def metastasis_route(view: SentenceView) -> Iterable[Candidate]:
    """How a tumour spreads: "spread via the venous plexus", "by direct extension"."""
    for route in view.of("route"):
        if not re.search(r"\b(?:via|through|by|route|spread\w*|extension|along)\b", view.text[max(0, route.start - 30) : route.start], re.I):
            continue
        subject = view.subject_before(route.start)
        if subject is not None:
            yield simple(view, "primary_to_metastasis", subject, "spreadsVia", route, route.start)


# --- differential ------------------------------------------------------------------------------------


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
    subject = subject or view.anaphor_ref()
    if subject is None:
        return
    include = re.search(r"\b(?:include\w*|are|is|such as|consider\w*|comprise\w*)\b", view.text[cue.end() :], re.I)
    if include:
        start = cue.end() + include.end()
        listed = _enumeration(view, [m for m in view.of(*LESION) if m.start > start], start)
    else:
        listed = [m for m in view.of(*LESION) if m.end <= cue.start()]
    for other in listed:
        if other.concept.name != subject.name:
            candidate = simple(view, "differential", subject, "hasDifferential", other, cue.start())
            yield replace(candidate, span=(cue.start(), start)) if include else candidate


def _enumeration(view: SentenceView, mentions: list[Mention], start: int) -> list[Mention]:
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


# --- pitfall ---------------------------------------------------------------------------------------------

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
        for lesion in _enumeration(view, [m for m in view.of(*LESION) if m.start >= cue.end()], cue.end()):
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


# --- treatment ------------------------------------------------------------------------------------------


@rule("treatment.treated_with", "treatment", 0.8, general_only=True)
def treatment_treated_with(view: SentenceView) -> Iterable[Candidate]:
    """A lesion and its treatment: "treated with radiation and surgery", "surgery is the treatment of choice"."""
    for cue in cues(view, r"\b(?:treat\w*|manag\w*|therap\w*|respond\w* to|cured by|controlled by|strategy)\b"):
        subject = view.subject_before(cue.start()) or view.anaphor_ref()
        if subject is None or subject.concept is None or subject.concept.category not in LESION:
            continue
        treatments = after_in_clause(view, cue.end(), ("treatment", "drug"), stop=())
        treatments += [m for m in view.of("treatment", "drug") if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        for treatment in treatments:
            yield simple(view, "treatment", subject, "treatedWith", treatment, cue.start())


# --- mechanism and clinical features -------------------------------------------------------------------------


@rule("mechanism.causes", "mechanism", 0.75, general_only=True)
def mechanism_causes(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that causes a condition: "can cause acute spinal cord compression"."""
    for cue in cues(view, r"\b(?:caus(?!ed\s+by)\w*|lead\w* to|result\w* in|produc(?!ed\s+by)\w*|give\w* rise to|responsible for)\b"):
        subject = view.subject_before(cue.start(), categories=LESION + ("finding", "process"))
        if subject is None:
            continue
        for effect in after_in_clause(view, cue.end(), LESION + ("clinical", "complication", "finding"), stop=())[:3]:
            if effect.concept.name == subject.name or effect.concept.broad:
                continue
            hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[max(0, cue.start() - 16) : cue.start()], re.I)
            kind = "clinical_feature" if effect.category == "clinical" else "mechanism"
            predicate = "presentsWith" if effect.category == "clinical" else "canCause" if hedged else "causes"
            yield simple(view, kind, subject, predicate, effect, cue.start())


@rule("mechanism.caused_by", "mechanism", 0.75, general_only=True)
def mechanism_caused_by(view: SentenceView) -> Iterable[Candidate]:
    """A finding or complication and the lesion behind it, in the passive: "cord compression is often caused
    by epidural metastasis", "a pathologic fracture secondary to a lytic metastasis".
    """
    for cue in cues(view, r"\b(?:caused\s+by|due\s+to|secondary\s+to|resulting\s+from|produced\s+by)\b"):
        start, _end = view.clause_of(cue.start())
        effects = [m for m in view.of(*LESION, "finding", "complication", "clinical") if start <= m.start and m.end <= cue.start() and not m.concept.broad]
        causes = after_in_clause(view, cue.end(), LESION + ("process",), stop=())[:1]
        if not effects or not causes or causes[0].start - cue.end() > 30 or causes[0].concept.name == effects[-1].concept.name:
            continue
        if _is_metastasis(effects[-1]) and _is_primary(causes[0]):
            continue
        hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[effects[-1].end : cue.start()], re.I)
        candidate = simple(view, "mechanism", ref(causes[0]), "canCause" if hedged else "causes", effects[-1], effects[-1].start)
        yield replace(candidate, negated=view.is_negated(effects[-1]) or view.is_negated(causes[0]))


@rule("clinical.presents_with", "clinical_feature", 0.75, general_only=True)
def clinical_presents_with(view: SentenceView) -> Iterable[Candidate]:
    """A lesion's symptoms: "vertebral hemangioma is asymptomatic", "presents with back pain"."""
    for feature in view.of("clinical"):
        start, _end = view.clause_of(feature.start)
        before = view.text[start : feature.start]
        if not re.search(r"\b(?:present\w*|manifest\w*|is|are|becom\w*|with|cause\w*|includ\w*)\b", before, re.I):
            continue
        subject = view.subject_before(feature.start)
        if subject is not None:
            yield simple(view, "clinical_feature", subject, "presentsWith", feature, feature.start)


# Outcomes that befall a lesion after treatment, which curators state as its complications.
LESION_COMPLICATIONS = {"Recurrence", "DelayedMetastasis"}


@rule("clinical.lesion_outcome", "clinical_feature", 0.75)
def clinical_lesion_outcome(view: SentenceView) -> Iterable[Candidate]:
    """The course of a kind of lesion: "hemangiopericytomas show a slow clinical evolution with a strong
    propensity to relapse" (a slow course; recurrence as a complication).

    Only in general statements: case narrative (past tense) tells the outcome of the patient instead.
    """
    if view.is_case and PAST_TENSE_WORD.search(view.text):
        return
    for outcome in view.of("outcome"):
        lesions = [m for m in view.of(*LESION) if m.end <= outcome.start and not m.concept.broad and view.same_clause(m.start, outcome.start)]
        if lesions:
            predicate = "hasComplication" if outcome.concept.name in LESION_COMPLICATIONS else "hasOutcome"
            yield simple(view, "clinical_feature", ref(lesions[0]), predicate, outcome, lesions[0].start)


# --- definition -------------------------------------------------------------------------------------------


DEFINITION_GAP = re.compile(
    r"\s*(?:(?:considered|thought|regarded|known)\s+(?:to\s+be\s+|as\s+)?)?(?:an?\s+|the\s+|one\s+of\s+the\s+)?"
    r"(?!(?:[\w-]+\s+){0,4}?(?:with|of|in|to|from|by|than|as|near|within)\b)(?:[\w-]+,?\s+){0,4}?$", re.I)


@rule("definition.is_a", "definition", 0.85)
def definition_is_a(view: SentenceView) -> Iterable[Candidate]:
    """"A is a (kind of) B" where the ontology agrees that B is above A: "Cavernous hemangioma is a common vascular lesion"."""
    for cue in cues(view, r"\b(?:is|are)\b|,\s+(?:an?|the)\b"):
        subjects = [m for m in view.of(*LESION) if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        if not subjects:
            continue
        subject = subjects[-1]
        _start, end = view.clause_of(cue.end())
        following = [m for m in view.mentions if cue.end() <= m.start < min(end, cue.end() + 60)]
        for parent in following:
            if not DEFINITION_GAP.match(view.text[cue.end() : parent.start]):
                break
            if parent.concept.name in subject.concept.ancestors and parent.concept.name != subject.concept.name and not parent.concept.generic:
                yield simple(view, "definition", ref(subject), "subClassOf", parent, subject.start)
                break


# --- case frame ------------------------------------------------------------------------------------------------

PATIENT = Ref("case:patient")


SUMMARY_SECTION = re.compile(r"\babstract\b|\bsummary\b|\br[ée]sum[ée]\b", re.I)
SUMMARY_RELIABILITY = 0.85


@rule("case.age_sex", "case_fact", 0.9, case_only=True)
def case_age_sex(view: SentenceView) -> Iterable[Candidate]:
    """The patient's age and sex: "a 40-year-old married man".

    An abstract says them too; the case report's own sentence is the better evidence, so the abstract's
    statement scores a little lower and gives way to it when both are found.
    """
    found = []
    for number in (n for n in view.numbers if n.kind == "age"):
        found.append(Candidate("case_fact", PATIENT, "hasAge", value=number.value, unit="year", span=(number.start, number.end)))
        found += [simple(view, "case_fact", PATIENT, "hasSex", sex, number.start) for sex in view.of("sex") if 0 <= sex.start - number.end <= 40]
        found += [simple(view, "case_fact", PATIENT, "hasDemographicFeature", feature, number.start)
                  for feature in view.of("demographic") if 0 <= feature.start - number.end <= 40]
    if SUMMARY_SECTION.search(view.section):
        for candidate in found:
            candidate.reliability = SUMMARY_RELIABILITY
    yield from found


NEGATIVE_HISTORY = re.compile(
    r"\b(?:(?P<family>family)|(?:past\s+)?medical|past)\s+history\s+(?:was|is)\s+(?:\w+\s+)?"
    r"(?:negative|non-?contributory|unremarkable|insignificant|irrelevant)\b", re.I)


@rule("case.negative_history", "case_fact", 0.85, case_only=True)
def case_negative_history(view: SentenceView) -> Iterable[Candidate]:
    """A history with nothing in it: "past medical history was negative", "family history was noncontributory"."""
    for match in NEGATIVE_HISTORY.finditer(view.text):
        predicate = "hasFamilyHistory" if match.group("family") else "hasPastHistory"
        yield Candidate("case_fact", PATIENT, predicate, Ref("Disorder"), negated=True, span=(match.start(), match.end()))


FOUND_CUE = re.compile(r"\b(?:detected|found|identified|discovered|seen|noted|show\w*|reveal\w*|demonstrat\w*|disclos\w*)\b", re.I)


@rule("case.has_lesion", "case_fact", 0.65, case_only=True)
def case_has_lesion(view: SentenceView) -> Iterable[Candidate]:
    """The patient has the case lesion, read where the narrative finds it ("a mass was detected in ...",
    "MRI revealed a lesion at T9"); the first such sentence gives the evidence.

    True but not always what a curator states (many write the lesion's findings only), and the first
    finding may be an earlier lesion of the patient, so it goes to review."""
    if view.case_lesion is None or not FOUND_CUE.search(view.text):
        return
    lesion = Ref(view.case_lesion_name, view.case_lesion)
    for mention in view.of(*LESION, specific=False):
        if view.subject_before(mention.end) == lesion and not view.is_negated(mention):
            yield Candidate("case_fact", PATIENT, "hasLesion", lesion, span=(mention.start, mention.end))
            return


NORMAL_RESULTS = re.compile(r"\b(?:normal|unremarkable|within normal limits|negative)\b", re.I)


@rule("case.laboratory", "case_fact", 0.8)
def case_laboratory(view: SentenceView) -> Iterable[Candidate]:
    """Laboratory tests reported normal in a case report: "laboratory work included a normal blood count
    and coagulation studies" (a sentence the narrative test may miss, as "studies" sounds general)."""
    if view.case_lesion is None or view.case_lesion_name != "case:lesion" or view.is_caption:
        return
    tests = [m for m in view.mentions if "LaboratoryTest" in m.concept.ancestors]
    normal = NORMAL_RESULTS.search(view.text)
    if tests and normal and re.search(r"\blaborator\w*|\blab\b|\bblood\b", view.text, re.I):
        yield Candidate("case_fact", PATIENT, "hasLaboratoryFinding", Ref("NormalLaboratoryResults"), span=(normal.start(), normal.end()))


@rule("case.presentation", "case_fact", 0.8, case_only=True)
def case_presentation(view: SentenceView) -> Iterable[Candidate]:
    """What the patient presented with, complained of, or denied."""
    exam = re.search(r"\bexam\w*\b|\bneurolog\w*\b", view.text, re.I)
    if not exam and not re.search(r"\b(?:present\w*|complain\w*|referred|(?:re)?admitted|history|report\w*|develop\w*|suffer\w*|denie[sd]|experienc\w*|noted)\b", view.text, re.I):
        yield from _exam_findings(view)
        return
    for history in re.finditer(r"\b(?:history of|known)\s+(?:an?\s+)?", view.text, re.I):
        for disorder in (m for m in view.of(*LESION) if m.start == history.end()):
            yield simple(view, "case_fact", PATIENT, "hasPastHistory", disorder, history.start())
    for feature in view.of("clinical"):
        if COURSE_WORD.match(view.text, feature.end):
            continue
        is_exam = bool(exam) or "ExamFinding" in feature.concept.ancestors
        yield simple(view, "case_fact", PATIENT, "hasExamFinding" if is_exam else "presentsWith", feature, feature.start)


COURSE_WORD = re.compile(r"\s+(?:\w+\s+){0,3}?(?:worsened|progressed|deteriorated|improved|resolved|recurred|returned)\b(?!\s+by\b)", re.I)


def _exam_findings(view: SentenceView) -> Iterable[Candidate]:
    """Findings only an examination makes ("the upper extremities were normal", "brisk reflexes"),
    told in the case narrative without the word "examination"."""
    for feature in view.of("clinical"):
        if "ExamFinding" in feature.concept.ancestors:
            yield simple(view, "case_fact", PATIENT, "hasExamFinding", feature, feature.start)


# Outcomes of one procedure rather than of the patient; :class:`kg.extract.case.Timeline` gives them to the procedure.
PROCEDURE_OUTCOMES = {"TreatmentSuccess", "AbortedSurgery", "PartialDecompression", "NoImprovement"}
PRESENT_OUTCOME = re.compile(r"\b(?:he|she|the patient|our patient)\s+(?:\w+\s+)?(?:remains|is)\b", re.I)
GENERAL_OUTCOME_RELIABILITY = 0.6


@rule("case.outcome", "case_fact", 0.75, case_only=True)
def case_outcome(view: SentenceView) -> Iterable[Candidate]:
    """How the case ended: outcomes named in the case narrative.

    Narrative tells outcomes in the past tense ("he died", "remained stable") or of the patient in the
    present ("he remains stable"); a present-tense sentence that does neither ("hemangiopericytomas show
    a slow clinical evolution") states general knowledge, so its outcomes go to review. An outcome of a
    procedure ("the surgery was aborted") is left to the timeline when the sentence names a procedure.
    """
    narrated = bool(PAST_TENSE_WORD.search(view.text) or PRESENT_OUTCOME.search(view.text))
    procedures = view.of("treatment", "procedure")
    for outcome in view.of("outcome"):
        if outcome.concept.name in PROCEDURE_OUTCOMES and procedures:
            continue
        candidate = simple(view, "case_fact", PATIENT, "hasOutcome", outcome, outcome.start, time=_outcome_time(view))
        if not narrated:
            candidate.reliability = GENERAL_OUTCOME_RELIABILITY
        yield candidate


PAST_TENSE_WORD = re.compile(r"\b(?:was|were|had|did|remained|became|\w+ed)\b", re.I)
OUTCOME_TIME = re.compile(r"\b(?:at|after)\s+(?:\w+\s+)?(?:\d+|\w+)\s+(?:days?|weeks?|months?|years?)(?:\s+later)?\b|\b(?:\w+\s+)(?:days?|weeks?|months?|years?)\s+later\b", re.I)


def _outcome_time(view: SentenceView) -> str | None:
    """When an outcome was seen, as written ("at six months", "two years later")."""
    match = OUTCOME_TIME.search(view.text)
    return match.group(0) if match else None


# A level naming a neurological level or a vessel or root, not where the lesion lies: "a T4 sensory level",
# "the T3 radicular artery", "the L5 nerve root".
NOT_LESION_LEVEL = re.compile(r"\s*(?:sensory\s+level|motor\s+level|dermatom\w*|(?:nerve\s+)?roots?\b|radicular|segmental\s+arter\w*)", re.I)


@rule("case.levels", "case_fact", 0.85, case_only=True)
def case_levels(view: SentenceView) -> Iterable[Candidate]:
    """The levels of the case's lesion: "at T11 & T12 vertebral levels", "the T2-T3 level"."""
    if view.case_lesion is None:
        return
    for mention in view.levels:
        if NOT_LESION_LEVEL.match(view.text, mention.end):
            continue
        for name in mention.levels:
            yield Candidate("case_fact", Ref(view.case_lesion_name, view.case_lesion), "atLevel", Ref(name), span=(mention.start, mention.end))


@rule("case.diagnosis", "case_fact", 0.8, case_only=True)
def case_diagnosis(view: SentenceView) -> Iterable[Candidate]:
    """The diagnosis the case reached: "Histology revealed a Grade II hemangiopericytoma"."""
    cue = re.search(r"\b(?:patholog\w*|histolog\w*|biopsy|diagnos\w*)\b[^.;]{0,40}?\b(?:was|were|revealed|showed|confirmed|of|as)\b", view.text, re.I)
    if cue is None:
        return
    for disorder in after_in_clause(view, cue.end(), LESION, stop=())[:1]:
        if not disorder.concept.broad:
            predicate = "hasInitialDiagnosis" if re.search(r"\b(?:first|initial)\b", view.text[: cue.end()], re.I) else "hasDiagnosis"
            yield simple(view, "case_fact", PATIENT, predicate, disorder, cue.start())
