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

INDICATION_CUE = r"\b(?:indicat\w*|marker (?:of|for)|hallmark (?:of|for)|represent\w*|characteristic (?:of|for)|typical (?:of|for)|specific (?:of|for)|pathognomonic (?:of|for)|diagnostic of|suggest\w*|consistent with|compatible with|favou?r\w*|point\w* to)\b"
# What a named sign's sentence may put between the sign and its verb: a definition in brackets or
# between commas ("the fluid sign, a linear collection in a collapsed body, is characteristic of").
INSERTED_DEFINITION = re.compile(r"\s*(?:\([^()]{3,160}\)|,[^,;]{3,160},)\s*(?:is|are|was|were)?\s*(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I)


@rule("sign.indicates", "sign", 0.8)
def sign_indicates(view: SentenceView) -> Iterable[Candidate]:
    """A sign or finding, then "indicates" / "suggests" / "characteristic of", then a disorder (or, for a
    named sign, the tissue it shows: "the bull's-eye sign is a specific marker of normal marrow")."""
    for cue in cues(view, INDICATION_CUE):
        signs = [m for m in view.of("sign", "finding", "signal", "enhancement") if m.end <= cue.start() and view.same_clause(m.start, cue.start())
                 and not _in_brackets(view, m.start, cue.start())]
        if not signs:
            continue
        word = cue.group(0).lower()
        predicate = "suggests" if re.match(r"suggest|consistent|compatible|favou?r|point", word) else "indicates"
        for sign in _coordinated(view, signs):
            kind = "sign" if sign.category == "sign" else "imaging_appearance"
            anchor = cue.start() if sign.category == "sign" and INSERTED_DEFINITION.fullmatch(view.text[sign.end : cue.start()]) else sign.start
            targets = after_in_clause(view, cue.end(), LESION + ("finding",), stop=())[:3]
            if not targets and sign.category == "sign":
                targets = [m for m in view.of(*SITE) if 0 <= m.start - cue.end() <= 30]
            for target in targets:
                if target.concept.name != sign.concept.name:
                    yield simple(view, kind, ref(sign), predicate, target, anchor)


COORDINATION_GAP = re.compile(r"\s*(?:,\s*|,?\s*(?:and|or)\s+)(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}", re.I)


def _coordinated(view: SentenceView, mentions: list[Mention]) -> list[Mention]:
    """The last mention and those joined to it by "and", "or" or commas ("the halo sign and diffuse
    hyperintensity are indicators of ..."): all are subjects of what follows."""
    joined = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if not COORDINATION_GAP.fullmatch(view.text[mention.end : joined[0].start]):
            break
        joined.insert(0, mention)
    return joined


def _in_brackets(view: SentenceView, position: int, end: int) -> bool:
    """Whether a position lies inside brackets that close before ``end`` (an aside, not the subject)."""
    opened = view.text.rfind("(", 0, position)
    return opened != -1 and view.text.rfind(")", opened, position) == -1 and view.text.find(")", position, end) != -1


SIGN_DEFINITION = re.compile(r"\s*\((?!\s*(?:fig|table|sensitivity|specificity|see|arrow|\d))([^()]{12,160})\)", re.I)


@rule("sign.defined_in_brackets", "sign", 0.75, general_only=True)
def sign_defined_in_brackets(view: SentenceView) -> Iterable[Candidate]:
    """A named sign with its definition in brackets right after it: "the target sign (a central bright
    dot within a dark lesion) ...", kept as written. Only a bracket that reads as a description counts
    (at least three words, no figures, not a figure or a measure cited)."""
    for sign in view.of("sign"):
        match = SIGN_DEFINITION.match(view.text, sign.end)
        if match is None or len(match.group(1).split()) < 3 or re.search(r"\d", match.group(1)):
            continue
        yield Candidate("sign", ref(sign), "definedAs", text=match.group(1).strip(), span=(sign.start, match.end()))


FEATURES_OF = re.compile(
    r"\b(?:findings|features|signs|appearances?|clues)\s+(?:(?P<suggest>suggestive\s+of|suggesting|that\s+suggest)|indicative\s+of|characteristic\s+of|typical\s+of|specific\s+for|of)\s+"
    r"(?:an?\s+|the\s+)?", re.I)
STAGE_WORDS = re.compile(r"(?:(?:acute|subacute|chronic|early|late)\s+)?", re.I)
FEATURE_CATEGORIES = ("finding", "sign", "signal", "density", "enhancement")


@rule("sign.features_of_list", "imaging_appearance", 0.8, general_only=True)
def sign_features_of_list(view: SentenceView) -> Iterable[Candidate]:
    """A list of findings that point to a lesion: "imaging features suggestive of a pathologic fracture
    include a convex posterior border and an epidural mass", "the most reliable signs of a malignant
    fracture are ...". Each finding of the list suggests (or indicates) the lesion.
    """
    for cue in FEATURES_OF.finditer(view.text):
        lesions = [m for m in view.of(*LESION) if m.start >= cue.end() and STAGE_WORDS.fullmatch(view.text[cue.end() : m.start])]
        if not lesions:
            continue
        listed = LIST_AFTER.match(view.text, lesions[0].end)
        if listed is None:
            continue
        items = _enumeration(view, [m for m in view.mentions if m.start >= listed.end() and m.category in FEATURE_CATEGORIES], listed.end())
        predicate = "suggests" if cue.group("suggest") else "indicates"
        for item in items:
            if item.concept.broad or item.concept.generic:
                continue
            kind = "sign" if item.category == "sign" else "imaging_appearance"
            candidate = simple(view, kind, ref(item), predicate, lesions[0], cue.start())
            yield replace(candidate, span=(cue.start(), listed.end()), negated=view.is_negated(item))


@rule("sign.shown_by", "sign", 0.75)
def sign_shown_by(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that shows a named sign: "hemangiomas show the corduroy sign"."""
    for sign in view.of("sign"):
        subject = view.subject_before(sign.start)
        if subject is not None and re.search(r"\b(?:show\w*|demonstrat\w*|produc\w*|exhibit\w*|display\w*|ha[sv]e?|with|resembl\w*|give\w*)\b", view.text[: sign.start], re.I):
            qualifiers = {"modality": _modality_near(view, sign), "sequence": _sequence_near(view, sign) or _shorthand_in_clause(view, sign)}
            qualifiers.update(technique_fallback(view, "sign", qualifiers))
            if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
                yield simple(view, "sign", subject, "showsSign", sign, sign.start, **qualifiers)


def _shorthand_in_clause(view: SentenceView, sign: Mention) -> Ref | None:
    """The sequence a sign's own description names in shorthand before it ("a rim of bright T2 signal
    around them (a halo sign)"): the sign is seen on it."""
    start, _end = view.clause_of(sign.start)
    found = list(SEQUENCE_SHORTHAND.finditer(view.text, start, sign.start))
    return Ref(f"T{found[-1].group(1)}Weighted") if found else None


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


# --- epidemiology ----------------------------------------------------------------------------------

RATE_CUES = [("hasIncidence", r"\bincidence\b"), ("hasPrevalence", r"\bprevalence\b"), ("hasMetastasisRate", r"\bmetasta\w* (?:rate|in)\b"),
             ("hasRecurrenceRate", r"\brecurrence\b"), ("hasProportion", r"\b(?:occur\w* in|account\w* for|seen in|found in|affect\w*|comprise\w*|represent\w*|of (?:all )?(?:cases|patients))\b")]


@rule("epidemiology.rate", "epidemiology", 0.8)
def epidemiology_rate(view: SentenceView) -> Iterable[Candidate]:
    """A lesion with a rate: "an incidence of 10-12%", "occur in 40% of patients with cancer"."""
    listed = {number.start for _lesion, number in _bracketed_rates(view) + _respective_rates(view)[0]}
    listed |= {n.start for n in view.numbers if POPULATION_HAS.match(view.text, n.end)}
    for number in (n for n in view.numbers if n.unit == "percent" and n.start not in listed):
        clause_start, _end = view.clause_of(number.start)
        window = view.text[max(0, number.start - 60) : number.end + 40]
        predicate = next((p for p, cue in RATE_CUES if re.search(cue, window, re.I)), None)
        subject = view.subject_before(number.start)
        context = view.text[max(0, min(clause_start, number.start - 60)) : number.end + 40]
        if predicate is None or subject is None or re.search(r"sensitivity|specificity|accuracy|false[- ](?:negative|positive)|\bpredict", context, re.I):
            continue
        if _subject_is_modifier(view, subject, number.start):
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


RATE_NOUN = r"(?:incidence|prevalence|rates?|frequency|proportion|percentage|share|risk)"
MODIFIED_SUBJECT = re.compile(
    rf"(?:\b(?!{RATE_NOUN}\b)[\w-]+\s+(?:of|from)|\b(?:patients|cases|individuals|people|adults|children|those)\s+(?:with|having|of))\s+(?:[\w-]+\s+){{0,2}}$",
    re.I)


def _subject_is_modifier(view: SentenceView, subject: Ref, position: int) -> bool:
    """Whether the lesion a rate would be given to only qualifies another noun ("seeding of systemic
    cancer accounts for 5%") or names the population ("0.5% of patients with cancer"), so the rate is
    not the lesion's. "The incidence of X is 10%" keeps X as the subject.
    """
    mentions = [m for m in view.mentions if m.concept is subject.concept and m.end <= position]
    if not mentions:
        return False
    start, _end = view.clause_of(mentions[0].start)
    return bool(MODIFIED_SUBJECT.search(view.text[start : mentions[0].start]))


BRACKETED_RATE = re.compile(r"\s*\(\s*(?:~|∼|about\s+|up\s+to\s+)?$")
LIST_RATE_CUES = [("hasMetastasisRate", r"\brates?\s+of\s+(?:\w+\s+)?metasta\w*|\bmetasta\w*\s+rates?\b")] + RATE_CUES[:2]


@rule("epidemiology.rate_list", "epidemiology", 0.8)
def epidemiology_rate_list(view: SentenceView) -> Iterable[Candidate]:
    """Lesions listed each with a rate in brackets after a rate cue: "tumours with a high rate of bone
    metastasis include breast carcinoma (70%), prostate carcinoma (85%) and thyroid carcinoma (40%)".

    Each rate belongs to the lesion written right before its bracket. Without a rate cue before the
    list the figures are shares of something the sentence may not name, so they go to review.
    """
    owned = _bracketed_rates(view)
    if not owned:
        return
    first = min(lesion.start for lesion, _number in owned)
    lead = view.text[:first]
    predicate = next((p for p, cue in LIST_RATE_CUES if re.search(cue, lead, re.I)), None)
    for lesion, number in owned:
        yield Candidate(
            "epidemiology", ref(lesion), predicate or "hasProportion", value=number.value, value_max=number.value_max, unit="percent",
            hedge=view.hedge(lesion.start, number.end), span=(lesion.start, number.end), reliability=0.8 if predicate else 0.6,
            qualifiers={k: v for k, v in {"reference": view.reference(), "study": view.study()}.items() if v},
        )


SPREAD_RATE_CUE = ("hasMetastasisRate", r"\brates?\s+of\s+(?:\w+\s+)?(?:metasta\w*|spread|dissemination|seeding)\b")


@rule("epidemiology.rates_respectively", "epidemiology", 0.8)
def epidemiology_rates_respectively(view: SentenceView) -> Iterable[Candidate]:
    """Lesions and rates listed in the same order with "respectively": "melanoma and lung carcinoma have
    the highest rates of spread to the leptomeninges, at 20% and 10%, respectively", "breast and prostate
    carcinoma account for 20% and 10% of spinal metastases, respectively" (the lesion after "of" is what
    the shares are of). A rate cue is required; the counts of lesions and of rates must agree."""
    pairs, predicate = _respective_rates(view)
    if not pairs:
        return
    of = SHARE_OF.match(view.text, pairs[-1][1].end)
    wholes = [m for m in view.of(*LESION, specific=False) if of and m.start == of.end()]
    for lesion, number in pairs:
        yield Candidate(
            "epidemiology", ref(lesion), predicate, value=number.value, value_max=number.value_max, unit="percent",
            hedge=view.hedge(lesion.start, lesion.end), span=(lesion.start, lesion.end),
            qualifiers={k: v for k, v in {"target": ref(wholes[0]) if wholes else None, "reference": view.reference(), "study": view.study()}.items() if v},
        )


def _respective_rates(view: SentenceView) -> tuple[list[tuple[Mention, NumberMention]], str | None]:
    """The (lesion, rate) pairs a "respectively" sentence gives, with the rate's predicate; none when the
    lesions before the first rate and the rates do not pair one to one."""
    percents = [n for n in view.numbers if n.unit == "percent"]
    if len(percents) < 2 or not re.search(r"\brespectively\b", view.text, re.I):
        return [], None
    window = view.text[: percents[-1].end + 40]
    predicate = next((p for p, cue in [SPREAD_RATE_CUE, *RATE_CUES] if re.search(cue, window, re.I)), None)
    start, _end = view.clause_of(percents[0].start)
    lesions = _distinct([m for m in view.of(*LESION) if start <= m.start and m.end <= percents[0].start and not m.concept.broad])
    if predicate is None or len(lesions) != len(percents):
        return [], None
    return list(zip(lesions, percents)), predicate


def _bracketed_rates(view: SentenceView) -> list[tuple[Mention, NumberMention]]:
    """Lesions each followed at once by a bracketed percentage, when the sentence lists two or more."""
    pairs = []
    for number in (n for n in view.numbers if n.unit == "percent"):
        lesions = [m for m in view.of(*LESION) if m.end <= number.start and BRACKETED_RATE.fullmatch(view.text[m.end : number.start])]
        if lesions and not lesions[-1].concept.broad:
            pairs.append((lesions[-1], number))
    return pairs if len(pairs) >= 2 else []


POPULATION_HAS = re.compile(
    r"\s*of\s+(?P<population>(?:all\s+)?(?:the\s+|these\s+)?(?:patients|individuals|people|adults|children|men|women)\b[^,;.]{0,50}?)\s+"
    r"(?:will\s+|may\s+|eventually\s+|ultimately\s+)*(?:have|has|develop|develops|harbou?r|harbou?rs)\s+(?:an?\s+)?", re.I)


@rule("epidemiology.population_has", "epidemiology", 0.8)
def epidemiology_population_has(view: SentenceView) -> Iterable[Candidate]:
    """A share of a population that has or develops a lesion: "about 30% of patients with cancer develop
    spinal metastases" gives the lesion's prevalence in that population."""
    for number in (n for n in view.numbers if n.unit == "percent"):
        match = POPULATION_HAS.match(view.text, number.end)
        if match is None:
            continue
        lesions = [m for m in view.of(*LESION) if m.start == match.end() and not m.concept.broad]
        if lesions:
            yield Candidate(
                "epidemiology", ref(lesions[0]), "hasPrevalence", value=number.value, value_max=number.value_max, unit="percent",
                hedge=view.hedge(max(0, number.start - 16), number.end), span=(number.start, lesions[0].end),
                qualifiers={k: v for k, v in {"population": match.group("population"), "reference": view.reference(), "study": view.study()}.items() if v},
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
        cue = re.match(r"\s*(?:(?:\w+\s+){0,6}?(?:from|due to|secondary to|originat\w* (?:from|in)|aris\w* from)|of)\s+", tail)
        if cue is None:
            continue
        for primary in after_in_clause(view, metastasis.end + cue.start(), LESION, stop=())[:4]:
            if _is_primary(primary):
                yield simple(view, "primary_to_metastasis", ref(metastasis), "hasPrimaryTumour", primary, metastasis.start)


MOST_COMMON = re.compile(
    r"\bmost\s+(?:common|frequent)\s+(?:(?P<primary>primar(?:y|ies)(?:\s+(?:tumou?rs?|sites?|cancers?))?|sources?|origins?)|(?P<site>sites?|locations?))"
    r"\s+(?:of|for)\s+(?:the\s+|an?\s+)?", re.I)
RANKED_BEFORE = re.compile(r"\s+(?:is|are|remains?)\s+(?:the\s+)?(?:(?:second|third|fourth|single)\s+)?$", re.I)
LISTED_AFTER = re.compile(r"\s*(?:,\s*)?(?:is|are|include|includes|remains?)\s+(?:the\s+)?", re.I)


@rule("metastasis.most_common", "primary_to_metastasis", 0.8)
def metastasis_most_common(view: SentenceView) -> Iterable[Candidate]:
    """The most common primary or site of a lesion, written either way round: "the most common primaries
    of spinal metastases are breast and lung carcinoma", "the thoracic spine is the most common site of
    epidural metastases". A primary is the metastasis's primary tumour; a site is where the lesion lies.
    Every item of a list is as sure as its first.
    """
    for cue in MOST_COMMON.finditer(view.text):
        wholes = [m for m in view.of(*LESION) if m.start == cue.end()]
        if not wholes:
            continue
        whole = wholes[0]
        wanted = LESION if cue.group("primary") else SITE
        after = LISTED_AFTER.match(view.text, whole.end)
        if after:
            items = _enumeration(view, [m for m in view.mentions if m.start >= after.end() and m.category in wanted], after.end())
        else:
            items = [m for m in view.mentions if m.category in wanted and RANKED_BEFORE.fullmatch(view.text[m.end : cue.start()])]
        for item in items:
            if cue.group("primary") and _is_metastasis(whole) and _is_primary(item):
                candidate = simple(view, "primary_to_metastasis", ref(whole), "hasPrimaryTumour", item, cue.start())
            elif cue.group("site") and item.category in SITE:
                candidate = simple(view, "lesion_location", ref(whole), "locatedIn", item, cue.start())
            else:
                continue
            span = (cue.start(), whole.end) if after else (item.start, whole.end)
            yield replace(candidate, hedge=" ".join(cue.group(0).split()[:2]).lower(), span=span)


TYPE_OF_METASTASIS_CUE = re.compile(
    r"\b(?P<hedge>typically|commonly|usually|often|frequently|mostly|mainly|predominantly)?\s*"
    r"\b(?:have|has|cause|causes|produce|produces|give\s+rise\s+to|gives\s+rise\s+to|develop|develops|form|forms)\s+(?:\w+\s+){0,2}?$", re.I)
LIST_AFTER = re.compile(r"\s+(?:are|is|include|includes|comprise)\s+(?:the\s+)?", re.I)


@rule("metastasis.primary_has_type", "primary_to_metastasis", 0.8)
def metastasis_primary_has_type(view: SentenceView) -> Iterable[Candidate]:
    """Primary tumours and the kind of metastasis they give: "prostate and breast carcinoma commonly have
    osteoblastic metastases"; or the list after it: "tumours that typically produce lytic metastases are
    renal cell carcinoma, thyroid carcinoma and melanoma". Only a metastasis of a named kind (lytic,
    blastic, ...) is read, since "breast carcinoma has metastases" says nothing new.
    """
    for metastasis in (m for m in view.mentions if _is_metastasis(m) and m.concept.name != "Metastasis"):
        start, _end = view.clause_of(metastasis.start)
        cue = TYPE_OF_METASTASIS_CUE.search(view.text[start : metastasis.start])
        if cue is None:
            continue
        at = start + cue.start()
        after = LIST_AFTER.match(view.text, metastasis.end)
        if after and re.search(r"\b(?:which|that)\s*$", view.text[start:at], re.I):
            primaries = _enumeration(view, [m for m in view.of(*LESION) if m.start >= after.end()], after.end())
        else:
            primaries = [m for m in view.of(*LESION) if start <= m.start and m.end <= at]
            if not primaries or view.text[primaries[-1].end : at].strip() or _enumeration(view, primaries, primaries[0].start) != primaries:
                continue
        for primary in (m for m in primaries if _is_primary(m) and not m.concept.broad):
            candidate = simple(view, "primary_to_metastasis", ref(primary), "causes", metastasis, primary.start)
            yield replace(candidate, hedge=cue.group("hedge").lower() if cue.group("hedge") else candidate.hedge)


@rule("metastasis.route", "primary_to_metastasis", 0.75)
def metastasis_route(view: SentenceView) -> Iterable[Candidate]:
    """How a tumour spreads: "spread via the venous plexus", "by direct extension"."""
    for route in view.of("route"):
        if not re.search(r"\b(?:via|through|by|route|spread\w*|extension|along)\b", view.text[max(0, route.start - 30) : route.start], re.I):
            continue
        subject = view.subject_before(route.start)
        if subject is not None and not _is_origin(view, subject, route.start):
            yield simple(view, "primary_to_metastasis", subject, "spreadsVia", route, route.start)


def _is_origin(view: SentenceView, subject: Ref, position: int) -> bool:
    """Whether the subject is named as where the spread starts ("spread from the primary tumour to the
    cord is haematogenous"): the route is the spread's, not that tumour's."""
    mentions = [m for m in view.mentions if m.concept is subject.concept and m.end <= position]
    return bool(mentions) and bool(re.search(r"\bfrom\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+)?$", view.text[: mentions[0].start], re.I))


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
    else:
        subject = _differential_setting(view, cue.start())
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
            if effect.concept.name == subject.name or effect.concept.broad or _is_primary(effect) or _primary_and_its_metastasis(subject, effect):
                continue
            hedged = re.search(r"\b(?:can|may|might|could)\b", view.text[max(0, cue.start() - 16) : cue.start()], re.I)
            kind = "clinical_feature" if effect.category == "clinical" else "mechanism"
            predicate = "presentsWith" if effect.category == "clinical" else "canCause" if hedged else "causes"
            yield simple(view, kind, subject, predicate, effect, cue.start())


def _primary_and_its_metastasis(subject: Ref, effect: Mention) -> bool:
    """Whether a primary tumour is said to cause a metastasis: the kind of its spread, which
    :func:`metastasis_primary_has_type` states, not a mechanism."""
    return _is_metastasis(effect) and subject.concept is not None and bool(subject.concept.ancestors & {"PrimaryTumour", "Carcinoma", "MalignantNeoplasm"}) and "Metastasis" not in subject.concept.ancestors


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
