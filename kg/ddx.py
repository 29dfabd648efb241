"""Differential diagnosis from imaging findings, with the evidence for every match.

A user states findings (where the lesion is, its signal on each sequence, its enhancement, CT
density and bone change, named signs, a known primary tumour, age); each names an ontology term.
The graph's statements about lesion classes (and about the lesions of case reports) are matched
against each finding, and every candidate lesion gets, per finding, the statements that support
it, those that argue against it, or nothing (unknown). The score is a sum of small, visible parts.

How a statement counts (the weights are the constants below, and every result lists them):

* **Hedge.** A statement weighs what its normalised hedge says: always 1.0, usually 0.9, stated
  without a hedge 0.8, often 0.7, sometimes 0.5, may 0.4, rarely 0.2.
* **Negation.** A negated statement ("without calcification") argues against the finding it
  names and for the finding's absence.
* **Conflicting values.** A statement of a value the ontology declares disjoint from the finding's
  (T1-hypointense against T1-isointense; an intramedullary site against an extradural one) argues
  against the finding, but only when it holds usually, always, or without a hedge: "often
  hypointense" does not exclude isointense.
* **Subclasses.** A statement about the candidate itself counts fully. One about a subclass (a
  kind of the candidate: extradural cavernous hemangioma for cavernous hemangioma) counts 0.7.
  One about a broader class (spinal metastasis for epidural metastasis) is inherited at 0.6, and
  only for findings on which the candidate's own statements, its subclasses' and its cases' say
  nothing: what is said of a lesion itself outranks what is said of its family.
* **Definitions.** A class defined in the ontology to lie in a site (``locatedIn some Site``)
  supports a location finding in or around that site, and argues against a site of a disjoint
  compartment, with weight 1.0; such evidence cites the class definition, not a paper.
* **Cases.** A statement about the lesion of a case report supports the lesion's class at 0.5 of
  its weight (one patient); a single case never argues against anything. The lesions of chosen
  documents can be left out (``exclude_case_documents``), so a case report's own patient is never
  used to diagnose itself.
* **Values.** A statement of a narrower value (slightly hyperintense, dorsal epidural space)
  supports the finding fully; one of a broader value (contrast enhancement, for homogeneous
  enhancement) counts 0.5; so does a signal statement that names no sequence.
* **Agreement.** Per finding, the best supporting weight plus 0.1 for each further paper that
  supports it (at most 0.2), minus the same for the statements against it, is the finding's part.
* **Differential lists.** A candidate that a paper names in the differential diagnosis of a
  lesion defined to lie where the findings place this one gets 0.3 times that statement's weight.
* **Pointers.** "Thickened trabeculae indicate vertebral hemangioma", "the halo sign indicates
  metastasis": a finding that a statement says suggests or indicates a lesion supports it.
* **Clinical context.** A known primary tumour supports a metastasis class that the papers say
  arises from it (or from a broader kind of tumour), or one defined to lie where the papers say
  that primary spreads (0.7). An age supports or argues against a lesion the papers tie to an
  age group. The graph states nothing general about sex, so a sex finding stays unknown.

Candidates are lesion classes (``sk:Lesion`` and below) that some statement ties to a finding,
except those the ontology marks as too broad to be a diagnosis (``sk:groupingClass``) and the
defined compartment classes. A candidate whose broader or narrower class ranks above it is shown
inside that entry. The spine class of each region (``sk:regionClass``) and the years of each age
group (``sk:minimumAgeYears``, ``sk:maximumAgeYears``) come from the ontology too.

Findings and their parsing are in :mod:`kg.ddx_findings`, the SPARQL reads in
:mod:`kg.ddx_graph`, JSON, CSV and the terminal table in :mod:`kg.ddx_export`.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.ddx_findings import (
    FIELD_TITLES,
    KINDS,
    QUALIFIERS,
    Finding,
    Unrecognised,
    Vocabulary,
    parse_finding,
)
from kg.ddx_graph import (
    SK_BASE,
    Context,
    Quote,
    Select,
    StatementRecord,
    case_document,
    evidence_for,
    load_context,
    local_name,
    statement_details,
    statements_matching,
    statements_with_subjects,
    store_select,
)
from kg.store import StoreSettings, load_release, open_store

__all__ = [
    "FIELD_TITLES",
    "KINDS",
    "QUALIFIERS",
    "Finding",
    "Unrecognised",
    "Vocabulary",
    "parse_finding",
    "DifferentialDiagnosis",
    "DdxResult",
    "Candidate",
    "Assessment",
    "Evidence",
    "Agreement",
    "Discriminator",
    "engine_for_release",
    "scoring_table",
]

# --------------------------------------------------------------------------------------------
# Weights: one place, shown with every result
# --------------------------------------------------------------------------------------------

FREQUENCY_WEIGHTS = {
    "Always": 1.0,
    "Usually": 0.9,
    "Often": 0.7,
    "Sometimes": 0.5,
    "Possibly": 0.4,
    "Rarely": 0.2,
}
UNHEDGED_WEIGHT = 0.8
STRONG_RANK = 5
"""Frequency rank from which a statement of a conflicting value argues against a finding."""
ROUTE_FACTORS = {"direct": 1.0, "definition": 1.0, "subtype": 0.7, "inherited": 0.6}
CASE_FACTOR = 0.5
BROADER_VALUE_FACTOR = 0.5
UNSTATED_SEQUENCE_FACTOR = 0.5
SPREAD_FACTOR = 0.7
"""A known primary that spreads to the site a metastasis candidate is defined to lie in."""
AGREEMENT_STEP = 0.1
AGREEMENT_CAP = 0.2
DIFFERENTIAL_FACTOR = 0.3
DISCRIMINATOR_MIN_SPREAD = 0.3
DEFAULT_LIMIT = 10
DISCRIMINATED_CANDIDATES = 3
QUERY_CACHE_SIZE = 256
MAX_DISCRIMINATORS = 6
MAX_PROBES = 24


def scoring_table() -> dict:
    """The weights of the score, as every result reports them."""
    return {
        "frequency": {**FREQUENCY_WEIGHTS, "no hedge": UNHEDGED_WEIGHT},
        "conflicting values count from": "usually (rank 5), or no hedge",
        "route": {**ROUTE_FACTORS, "case": CASE_FACTOR},
        "broader value": BROADER_VALUE_FACTOR,
        "signal without a sequence": UNSTATED_SEQUENCE_FACTOR,
        "primary spreading to the candidate's site": SPREAD_FACTOR,
        "agreement per further paper": AGREEMENT_STEP,
        "agreement at most": AGREEMENT_CAP,
        "named in a differential list": DIFFERENTIAL_FACTOR,
    }


# --------------------------------------------------------------------------------------------
# Reading conventions the ontology does not state itself
# --------------------------------------------------------------------------------------------

#: Sequence branches that change what a signal means: a T1 signal after contrast or with fat
#: suppression is not compared with a plain T1 signal.
SEQUENCE_MODIFIERS = (SK_BASE + "T1PostGadolinium", SK_BASE + "FatSuppressionTechnique")
LESION_ROOT = SK_BASE + "Lesion"
METASTASIS_ROOT = SK_BASE + "Metastasis"

P = SK_BASE
LOCATION_PREDICATES = (P + "locatedIn", P + "extendsInto", P + "canInvolve")
FINDING_PREDICATES = (P + "hasImagingFinding", P + "showsSign")
INDICATOR_PREDICATES = (P + "suggests", P + "indicates")
DIFFERENTIAL_PREDICATE = P + "hasDifferential"
DISTINGUISHED_PREDICATE = P + "distinguishedFrom"
DESCRIPTIVE_PREDICATES = (
    P + "hasSignal",
    P + "hasEnhancement",
    P + "hasDensity",
    *FINDING_PREDICATES,
)

# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass
class Evidence:
    """One reason a candidate fits or does not fit a finding, with its weight and its source."""

    stance: str
    route: str
    weight: float
    factors: list[tuple[str, float]]
    reason: str
    statement: str | None
    subject: str
    document: str | None
    hedge: str | None = None
    negated: bool = False
    quotes: tuple[Quote, ...] = ()
    about: str = ""
    """The lesion class or case lesion the evidence speaks of (the subject, or the object of an
    indicator statement such as "halo sign indicates spinal metastasis")."""
    source: object = field(default=None, repr=False, compare=False)
    """The match the reason is written from when the evidence is shown (see ``_Hit``)."""

    def __post_init__(self) -> None:
        if not self.about:
            self.about = self.subject

    @property
    def document_id(self) -> str | None:
        """The corpus document id the evidence comes from (None for an ontology definition)."""
        return local_name(self.document) if self.document else None


@dataclass
class Agreement:
    """How many statements support and conflict with a finding, from how many papers."""

    supporting: int = 0
    conflicting: int = 0
    papers: int = 0

    def describe(self) -> str:
        """``"3 supporting, 0 conflicting, 2 papers"``."""
        papers = "paper" if self.papers == 1 else "papers"
        return (
            f"{self.supporting} supporting, {self.conflicting} conflicting, {self.papers} {papers}"
        )


@dataclass
class Assessment:
    """What the graph says about one finding for one candidate."""

    finding: Finding
    verdict: str
    support: float
    contradiction: float
    supporting: list[Evidence]
    contradicting: list[Evidence]
    agreement: Agreement

    @property
    def score(self) -> float:
        """The finding's part of the candidate's score."""
        return round(self.support - self.contradiction, 3)


@dataclass
class Candidate:
    """A candidate lesion with its score and its parts."""

    iri: str
    label: str
    assessments: list[Assessment]
    differential: Evidence | None = None
    includes: list[str] = field(default_factory=list)
    rank: int = 0

    @property
    def differential_score(self) -> float:
        """The part for being named in a paper's differential list."""
        return round(self.differential.weight, 3) if self.differential else 0.0

    @property
    def score(self) -> float:
        """The sum of the finding parts and the differential part."""
        return round(sum(a.score for a in self.assessments) + self.differential_score, 3)

    def count(self, verdict: str) -> int:
        """How many findings have the given verdict."""
        return sum(1 for a in self.assessments if a.verdict == verdict)


@dataclass
class Discriminator:
    """A finding that would tell leading candidates apart, with how each candidate takes it."""

    finding: Finding
    source: str
    spread: float
    verdicts: list[tuple[str, str, Assessment]]
    statement: Evidence | None = None


@dataclass
class DdxResult:
    """The answer to a differential-diagnosis question."""

    release_id: str
    findings: list[Finding]
    unrecognised: list[Unrecognised]
    candidates: list[Candidate]
    discriminators: list[Discriminator]
    excluded_case_documents: tuple[str, ...]
    elapsed_ms: float = 0.0


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """A statement matched to a finding, before it is tied to a candidate."""

    record: StatementRecord
    about: str
    stance: str
    factors: tuple[tuple[str, float], ...]
    reason: str | None
    """The reason in words, or None to write it from the statement's words once it is shown."""
    spread_site: str | None = None
    finding: Finding | None = None
    excludes: bool = False


def _remembering(select: Select, size: int) -> Select:
    """Keep the answers of the last ``size`` distinct queries: an engine reads one release only.

    The page asks again for every finding added, mostly the same queries; answers are shared,
    never changed by the caller.
    """
    answers: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
    lock = threading.Lock()

    def remembered(query: str) -> list[dict[str, str]]:
        with lock:
            if query in answers:
                answers.move_to_end(query)
                return answers[query]
        rows = select(query)
        with lock:
            answers[query] = rows
            while len(answers) > size:
                answers.popitem(last=False)
        return rows

    return remembered


class _RecordPool:
    """Statements fetched for one question, by the keys asked.

    Keys are (predicate, object) or (predicate, subject) pairs; the discriminators do not fetch
    again what the findings fetched.
    """

    def __init__(self) -> None:
        self.by_object: dict[tuple[str, str], list[StatementRecord]] = {}
        self.by_subject: dict[tuple[str, str], list[StatementRecord]] = {}

    @staticmethod
    def missing(keys: tuple[set[str], set[str]], known: dict) -> set[str]:
        """The terms of ``keys`` not yet fetched with every one of its predicates."""
        predicates, terms = keys
        return {term for term in terms if any((p, term) not in known for p in predicates)}

    def add(self, records, by_object: tuple, by_subject: tuple) -> None:
        """Keep fetched records under every key that was asked, found or not."""
        for predicates, terms, known in (
            (*by_object, self.by_object),
            (*by_subject, self.by_subject),
        ):
            for predicate in predicates:
                for term in terms:
                    known.setdefault((predicate, term), [])
        for record in records:
            if (record.predicate, record.object) in self.by_object:
                self.by_object[(record.predicate, record.object)].append(record)
            if (record.predicate, record.subject) in self.by_subject:
                self.by_subject[(record.predicate, record.subject)].append(record)

    def records(self, by_object: tuple, by_subject: tuple) -> list[StatementRecord]:
        """The fetched records under the keys asked, each once."""
        found: dict[str, StatementRecord] = {}
        for (predicates, terms), known in (
            (by_object, self.by_object),
            (by_subject, self.by_subject),
        ):
            for predicate in predicates:
                for term in terms:
                    for record in known.get((predicate, term), ()):
                        found[record.iri] = record
        return list(found.values())


@dataclass(frozen=True)
class _HitIndex:
    """The hits of one finding, by the class they are about (a case lesion's class for a case)."""

    by_class: dict[str, list[_Hit]]
    spread: list[_Hit]

    @classmethod
    def of(cls, hits: Iterable[_Hit], context: Context) -> _HitIndex:
        """Index hits by the class of what they are about."""
        by_class: dict[str, list[_Hit]] = {}
        spread: list[_Hit] = []
        for hit in hits:
            if hit.spread_site:
                spread.append(hit)
            else:
                by_class.setdefault(context.case_class(hit.about) or hit.about, []).append(hit)
        return cls(by_class, spread)

    def __iter__(self):
        yield from self.spread
        for hits in self.by_class.values():
            yield from hits

    def about(self, classes: Iterable[str]) -> list[_Hit]:
        """The hits about any of the classes, and every spread hit."""
        found = list(self.spread)
        for term in classes:
            found.extend(self.by_class.get(term, ()))
        return found


@dataclass(frozen=True)
class _ValueSets:
    """The terms a finding's value is compared with: narrower, broader, declared exclusive."""

    narrower: frozenset[str]
    broader: frozenset[str]
    excluding: frozenset[str]


@dataclass(frozen=True)
class _Relation:
    """How a statement's value stands to a finding's: same, narrower, broader, or excluding it."""

    direction: str
    excludes: bool = False
    weaker: str | None = None
    factors: tuple[tuple[str, float], ...] = ()


class DifferentialDiagnosis:
    """Rank candidate lesions for stated findings over one release.

    Build it with :meth:`load` (reads the release's context once); then :meth:`ask` or
    :meth:`diagnose` as often as needed. Thread-safe for reading.
    """

    def __init__(self, select: Select, context: Context):
        self._select = _remembering(select, QUERY_CACHE_SIZE)
        self.context = context
        self.vocabulary = Vocabulary(context)
        self._candidates = self._candidate_classes()
        self._spread_cache: dict[str, frozenset[str]] = {}
        self._value_cache: dict[str, _ValueSets] = {}
        self._sequence_cache: dict[tuple[str, str], bool] = {}

    @classmethod
    def load(cls, select: Select, release_id: str) -> DifferentialDiagnosis:
        """Read the release's context through ``select`` and build the engine."""
        return cls(select, load_context(select, release_id))

    @property
    def release_id(self) -> str:
        """The release the engine reads."""
        return self.context.release_id

    def _candidate_classes(self) -> frozenset[str]:
        ctx = self.context
        lesions = ctx.descendants(LESION_ROOT)
        return frozenset(
            c
            for c in lesions
            if c not in ctx.grouping_classes and c not in ctx.defined and c.startswith(SK_BASE)
        )

    def is_candidate_class(self, term: str) -> bool:
        """True when ``term`` is a lesion class the ranking may list."""
        return term in self._candidates

    # ---- asking -----------------------------------------------------------------------------

    def parse(self, texts: Sequence[str]) -> tuple[list[Finding], list[Unrecognised]]:
        """Read findings written as ``key=value,...`` texts; keep what cannot be read."""
        findings: list[Finding] = []
        unrecognised: list[Unrecognised] = []
        for text in texts:
            if not text.strip():
                continue
            parsed = parse_finding(text, self.vocabulary)
            if isinstance(parsed, Unrecognised):
                unrecognised.append(parsed)
            elif parsed not in findings:
                findings.append(parsed)
        return findings, unrecognised

    def canonical(self, texts: Sequence[str]) -> list[str]:
        """Each input as its finding's canonical text, or as typed when unreadable; no repeats."""
        written: list[str] = []
        for text in texts:
            if not text.strip():
                continue
            parsed = parse_finding(text, self.vocabulary)
            canonical = parsed.text() if isinstance(parsed, Finding) else text.strip()
            if canonical not in written:
                written.append(canonical)
        return written

    def ask(
        self,
        texts: Sequence[str],
        *,
        exclude_case_documents: Iterable[str] = (),
        limit: int = DEFAULT_LIMIT,
    ) -> DdxResult:
        """Parse the findings and diagnose; unreadable input is reported in the result."""
        started = time.perf_counter()
        findings, unrecognised = self.parse(texts)
        result = self.diagnose(findings, exclude_case_documents=exclude_case_documents, limit=limit)
        result.unrecognised = unrecognised
        result.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def diagnose(
        self,
        findings: Sequence[Finding],
        *,
        exclude_case_documents: Iterable[str] = (),
        limit: int = DEFAULT_LIMIT,
    ) -> DdxResult:
        """Rank candidates for the findings, with evidence, discriminators and quotes."""
        started = time.perf_counter()
        excluded = tuple(sorted(set(exclude_case_documents)))
        pool = _RecordPool()
        hits = self._hits_for(findings, pool)
        candidates = self._candidates_from(findings, hits)
        differential = self._differential_parts(findings, candidates)
        candidates |= {c for c in differential if self.is_candidate_class(c)}
        scored = [
            self._score(candidate, findings, hits, excluded, differential.get(candidate))
            for candidate in candidates
        ]
        ranked = self._fold(sorted(scored, key=_rank_key))[:limit]
        for position, candidate in enumerate(ranked, start=1):
            candidate.rank = position
        discriminators = self._discriminators(findings, ranked, excluded, pool)
        self._attach_quotes(ranked, discriminators)
        return DdxResult(
            release_id=self.release_id,
            findings=list(findings),
            unrecognised=[],
            candidates=ranked,
            discriminators=discriminators,
            excluded_case_documents=excluded,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
        )

    # ---- retrieval ----------------------------------------------------------------------------

    def weigh(
        self,
        candidate: str,
        findings: Sequence[Finding],
        *,
        exclude_case_documents: Iterable[str] = (),
    ) -> Candidate:
        """Weigh the findings for one chosen lesion class, ranked or not, with quotes."""
        excluded = tuple(sorted(set(exclude_case_documents)))
        hits = self._hits_for(findings)
        differential = self._differential_parts(findings, {candidate}).get(candidate)
        weighed = self._score(candidate, findings, hits, excluded, differential)
        self._attach_quotes([weighed], [])
        return weighed

    def _hits_for(
        self, findings: Sequence[Finding], pool: _RecordPool | None = None
    ) -> dict[Finding, _HitIndex]:
        """Fetch the statements the findings may touch (one query) and match them.

        With a ``pool``, statements fetched earlier for the same question are not asked again.
        """
        pool = pool if pool is not None else _RecordPool()
        by_object: tuple[set[str], set[str]] = (set(), set())
        by_subject: tuple[set[str], set[str]] = (set(), set())
        for finding in findings:
            predicates, objects = self._object_keys(finding)
            by_object[0].update(predicates)
            by_object[1].update(objects)
            predicates, subjects = self._subject_keys(finding)
            by_subject[0].update(predicates)
            by_subject[1].update(subjects)
        missing_objects = pool.missing(by_object, pool.by_object)
        missing_subjects = pool.missing(by_subject, pool.by_subject)
        if missing_objects or missing_subjects:
            fetched = statements_matching(
                self._select,
                by_object=(by_object[0], missing_objects),
                by_subject=(by_subject[0], missing_subjects),
            )
            pool.add(fetched, (by_object[0], missing_objects), (by_subject[0], missing_subjects))
        records = pool.records(by_object, by_subject)
        return {finding: self._match_all(finding, records) for finding in findings}

    def _match_all(self, finding: Finding, records: Iterable[StatementRecord]) -> _HitIndex:
        """Match the records that carry one of the finding's keys (the others cannot bear on it)."""
        predicates, objects = self._object_keys(finding)
        subject_predicates, subjects = self._subject_keys(finding)
        hits = [
            hit
            for record in records
            if (record.predicate in predicates and record.object in objects)
            or (record.predicate in subject_predicates and record.subject in subjects)
            for hit in self._match(finding, record)
        ]
        return _HitIndex.of(hits, self.context)

    def _value_family(self, value: str, exclusive: bool = True) -> set[str]:
        """A value, its broader and narrower terms, and (when asked) the values excluding it."""
        sets = self._value_sets(value)
        family = {value} | sets.narrower | sets.broader
        return family | sets.excluding if exclusive else family

    def _value_sets(self, value: str) -> _ValueSets:
        """The narrower, broader and excluding terms of a value (kept per value).

        A term excludes the value when the ontology declares it (or a class above it) disjoint
        with the value or a class above it.
        """
        if value not in self._value_cache:
            ctx = self.context
            lineage = {value} | ctx.ancestors(value)
            excluding: set[str] = set()
            for term in lineage:
                for other in ctx.disjoint_with(term):
                    excluding |= {other} | ctx.descendants(other)
            self._value_cache[value] = _ValueSets(
                narrower=frozenset(ctx.descendants(value)),
                broader=frozenset(ctx.ancestors(value)),
                excluding=frozenset(excluding),
            )
        return self._value_cache[value]

    def _object_keys(self, finding: Finding) -> tuple[tuple[str, ...], set[str]]:
        kind, value = finding.kind, finding.value
        if kind == "signal":
            return (P + "hasSignal",), self._value_family(value)
        if kind == "enhancement":
            return (P + "hasEnhancement",), self._value_family(value)
        if kind == "density":
            return (P + "hasDensity",), self._value_family(value)
        if kind in ("finding", "sign"):
            return FINDING_PREDICATES, self._value_family(value, exclusive=False)
        if kind == "site":
            return LOCATION_PREDICATES, self._value_family(value)
        if kind in ("level", "region"):
            return self._place_keys(finding)
        if kind == "age":
            return (P + "associatedWith",), set(self.context.age_ranges)
        if kind == "primary":
            return (P + "hasPrimaryTumour",), self._value_family(value, exclusive=False)
        return (), set()

    def _place_keys(self, finding: Finding) -> tuple[tuple[str, ...], set[str]]:
        region = self._region_of(finding)
        objects: set[str] = set()
        if finding.kind == "level":
            objects.add(finding.value)
        if region:
            objects.add(region)
            objects |= {level for level, r in self.context.level_region.items() if r == region}
            spine = self.context.region_class.get(region)
            if spine:
                objects |= {spine} | self.context.descendants(spine)
        return (P + "atLevel", P + "inRegion", P + "locatedIn"), objects

    def _region_of(self, finding: Finding) -> str | None:
        if finding.kind == "level":
            return self.context.level_region.get(finding.value)
        region_class = self.context.region_class
        if finding.value in region_class:
            return finding.value
        for region, spine in region_class.items():
            if self.context.is_a(finding.value, spine):
                return region
        return None

    def _subject_keys(self, finding: Finding) -> tuple[tuple[str, ...], set[str]]:
        if finding.kind in ("signal", "enhancement", "density", "finding", "sign"):
            return INDICATOR_PREDICATES, self._value_family(finding.value, exclusive=False)
        if finding.kind == "primary":
            return (P + "metastasizesTo",), {finding.value} | self.context.ancestors(finding.value)
        return (), set()

    # ---- matching a statement to a finding ---------------------------------------------------

    def _match(self, finding: Finding, record: StatementRecord) -> list[_Hit]:
        if record.predicate in INDICATOR_PREDICATES:
            return self._match_indicator(finding, record)
        if finding.kind == "primary" and record.predicate == P + "metastasizesTo":
            return self._match_spread(finding, record)
        relation = self._relation(finding, record)
        if relation is None:
            return []
        stance, factors = self._stance(finding, record, relation)
        if stance is None:
            return []
        hit = _Hit(
            record, record.subject, stance, tuple(factors), None, None, finding, relation.excludes
        )
        return [hit]

    def _relation(self, finding: Finding, record: StatementRecord) -> _Relation | None:
        """How the statement's object stands to the finding's value, if it bears on it at all."""
        if record.object is None:
            return None
        kind = finding.kind
        if kind == "signal" and record.predicate == P + "hasSignal":
            return self._signal_relation(finding, record)
        if kind == "enhancement" and record.predicate == P + "hasEnhancement":
            return self._value_relation(finding.value, record.object, exclusive=True)
        if kind == "density" and record.predicate == P + "hasDensity":
            return self._value_relation(finding.value, record.object, exclusive=True)
        if kind in ("finding", "sign") and record.predicate in FINDING_PREDICATES:
            return self._value_relation(finding.value, record.object, exclusive=False)
        if kind == "site" and record.predicate in LOCATION_PREDICATES:
            exclusive = record.predicate == P + "locatedIn"
            return self._value_relation(finding.value, record.object, exclusive=exclusive)
        if kind in ("level", "region"):
            return self._place_relation(finding, record)
        if kind == "age" and record.predicate == P + "associatedWith":
            return self._age_relation(finding, record)
        if kind == "primary" and record.predicate == P + "hasPrimaryTumour":
            return self._primary_relation(finding, record)
        return None

    def _value_relation(self, wanted: str, stated: str, exclusive: bool) -> _Relation | None:
        if stated == wanted:
            return _Relation("same")
        sets = self._value_sets(wanted)
        if stated in sets.narrower:
            return _Relation("narrower")
        if stated in sets.broader:
            return _Relation("broader", weaker=f"states the broader '{self.context.label(stated)}'")
        if exclusive and stated in sets.excluding:
            return _Relation("same", excludes=True)
        return None

    def _signal_relation(self, finding: Finding, record: StatementRecord) -> _Relation | None:
        factors: tuple[tuple[str, float], ...] = ()
        if record.sequences:
            if not any(self._sequences_comparable(s, finding.sequence) for s in record.sequences):
                return None
        else:
            factors = (("names no sequence", UNSTATED_SEQUENCE_FACTOR),)
        if finding.reference and record.references:
            if not any(self.context.related(r, finding.reference) for r in record.references):
                return None
        relation = self._value_relation(finding.value, record.object, exclusive=True)
        return replace(relation, factors=factors) if relation else None

    def _sequences_comparable(self, stated: str, wanted: str) -> bool:
        key = (stated, wanted)
        if key not in self._sequence_cache:
            ctx = self.context
            self._sequence_cache[key] = ctx.related(stated, wanted) and all(
                ctx.is_a(stated, branch) == ctx.is_a(wanted, branch)
                for branch in SEQUENCE_MODIFIERS
            )
        return self._sequence_cache[key]

    def _place_relation(self, finding: Finding, record: StatementRecord) -> _Relation | None:
        ctx = self.context
        region = self._region_of(finding)
        stated = record.object
        if record.predicate == P + "atLevel":
            if finding.kind == "level" and stated == finding.value:
                return _Relation("same")
            if finding.kind == "region" and region and ctx.level_region.get(stated) == region:
                return _Relation("narrower")
            return None
        names_region = (record.predicate == P + "inRegion" and stated == region) or (
            record.predicate == P + "locatedIn"
            and region in ctx.region_class
            and ctx.is_a(stated, ctx.region_class[region])
        )
        if not names_region:
            return None
        if finding.kind == "level":
            return _Relation("broader", weaker=f"states only the region, {ctx.label(stated)}")
        return _Relation("same")

    def _age_relation(self, finding: Finding, record: StatementRecord) -> _Relation | None:
        if record.object not in self.context.age_ranges:
            return None
        low, high = self.context.age_ranges[record.object]
        within = low <= finding.age and (high is None or finding.age <= high)
        return _Relation("same", excludes=not within)

    def _primary_relation(self, finding: Finding, record: StatementRecord) -> _Relation | None:
        """A lesion's stated primary covers the user's when the user's is a kind of it."""
        ctx = self.context
        if ctx.is_a(finding.value, record.object):
            return _Relation("same")
        if ctx.is_a(record.object, finding.value):
            return _Relation("broader", weaker=f"states the narrower '{ctx.label(record.object)}'")
        return None

    def _stance(
        self, finding: Finding, record: StatementRecord, relation: _Relation
    ) -> tuple[str | None, list[tuple[str, float]]]:
        """Supports, contradicts or neither; and the factors of a claim weaker than the finding.

        A positive statement of a broader value only partly supports a finding (0.5); a negated
        one ("no X") contradicts the finding when X is the finding's value or broader; a finding
        stated absent is contradicted by a usual statement of its value or a narrower one.
        """
        factors = list(relation.factors)
        weaker = [(relation.weaker, BROADER_VALUE_FACTOR)] if relation.weaker else []
        strong = self._strong(record)
        covers = relation.direction in ("same", "narrower")
        if relation.excludes:
            if record.negated or not finding.present or not strong:
                return None, factors
            return "contradicts", factors
        if record.negated and finding.present:
            return ("contradicts" if relation.direction != "narrower" else None), factors
        if record.negated:
            return "supports", factors + (
                []
                if relation.direction != "narrower"
                else [("denies only a narrower value", BROADER_VALUE_FACTOR)]
            )
        if finding.present:
            return "supports", factors + weaker
        return ("contradicts" if strong and covers else None), factors

    def _strong(self, record: StatementRecord) -> bool:
        if record.frequency is None:
            return True
        return self.context.frequency_rank.get(record.frequency, 0) >= STRONG_RANK

    def _match_indicator(self, finding: Finding, record: StatementRecord) -> list[_Hit]:
        if finding.kind not in ("signal", "enhancement", "density", "finding", "sign"):
            return []
        if record.negated or not finding.present or record.object is None:
            return []
        ctx = self.context
        factors: list[tuple[str, float]] = []
        if ctx.is_a(finding.value, record.subject):
            if finding.value != record.subject:
                factors.append(
                    (f"names the broader '{ctx.label(record.subject)}'", BROADER_VALUE_FACTOR)
                )
        elif not ctx.is_a(record.subject, finding.value):
            return []
        if finding.kind == "signal":
            if record.sequences and not any(
                self._sequences_comparable(s, finding.sequence) for s in record.sequences
            ):
                return []
            if not record.sequences:
                factors.append(("names no sequence", UNSTATED_SEQUENCE_FACTOR))
        verb = local_name(record.predicate)
        reason = f"{ctx.label(record.subject)} {verb} {ctx.label(record.object)}"
        return [_Hit(record, record.object, "supports", tuple(factors), reason)]

    def _match_spread(self, finding: Finding, record: StatementRecord) -> list[_Hit]:
        if record.negated or record.object is None or not finding.present:
            return []
        ctx = self.context
        reason = f"{ctx.label(record.subject)} spreads to the {ctx.label(record.object)}"
        return [_Hit(record, "", "supports", (), reason, spread_site=record.object)]

    def _reason(
        self, finding: Finding, record: StatementRecord, stance: str, excludes: bool
    ) -> str:
        claim = self.claim(record)
        if excludes:
            return f"{claim}, which excludes {self.describe(finding, bare=True)}"
        if record.negated and stance == "contradicts":
            return f"{claim}: the paper states the opposite"
        return claim

    # ---- describing -------------------------------------------------------------------------

    def claim(self, record: StatementRecord) -> str:
        """A statement as a phrase: ``epidural metastasis is hypointense on T1-weighted``."""
        ctx = self.context
        subject = ctx.label(ctx.case_class(record.subject) or record.subject)
        if ctx.case_class(record.subject):
            subject = f"a case of {subject} ({record.document_id})"
        verb = PREDICATE_PHRASES.get(record.predicate, ctx.label(record.predicate))
        obj = ctx.label(record.object) if record.object else ""
        where = [ctx.label(s) for s in sorted(record.sequences)] or [
            ctx.label(m) for m in sorted(record.modalities)
        ]
        text = f"{subject} {'not ' if record.negated else ''}{verb} {obj}".rstrip()
        if where:
            text += " on " + " / ".join(where)
        if record.references:
            text += " relative to " + " / ".join(ctx.label(r) for r in sorted(record.references))
        if record.hedge:
            text += f" ({record.hedge})"
        return text

    def describe(self, finding: Finding, bare: bool = False) -> str:
        """A finding in words: ``isointense on T1-weighted``, ``no calcification``, ``age 40``."""
        ctx = self.context
        if finding.kind == "age":
            return f"age {finding.age}"
        text = ctx.label(finding.value)
        if finding.kind == "signal":
            text = f"{text} on {ctx.label(finding.sequence)}"
            if finding.reference:
                text += f" relative to {ctx.label(finding.reference)}"
        elif finding.kind == "primary" and not bare:
            text = f"known primary: {text}"
        elif finding.kind == "level":
            text = f"at the {text}"
        elif finding.kind == "region":
            text = f"in the {text}"
        if finding.modality:
            text += f" ({ctx.label(finding.modality)})"
        return text if finding.present else f"no {text}"

    # ---- candidates and scoring ---------------------------------------------------------------

    def _candidates_from(
        self, findings: Sequence[Finding], hits: dict[Finding, _HitIndex]
    ) -> set[str]:
        ctx = self.context
        found: set[str] = set()
        for finding_hits in hits.values():
            for hit in finding_hits:
                if hit.spread_site:
                    found |= self._spread_candidates(hit.spread_site)
                    continue
                base = ctx.case_class(hit.about) or hit.about
                found |= {c for c in {base} | ctx.ancestors(base) if self.is_candidate_class(c)}
        for finding in findings:
            if finding.kind == "site" and finding.present:
                found |= {c for c in self._candidates if self._defined_near(c, finding.value)}
        return found

    def _spread_candidates(self, site: str) -> frozenset[str]:
        """Metastasis classes defined to lie in or around ``site`` (kept per site)."""
        if site not in self._spread_cache:
            ctx = self.context
            self._spread_cache[site] = frozenset(
                c
                for c in self._candidates
                if METASTASIS_ROOT in ctx.ancestors(c) and self._defined_near(c, site)
            )
        return self._spread_cache[site]

    def _sites_of(self, candidate: str) -> set[str]:
        ctx = self.context
        sites: set[str] = set()
        for term in {candidate} | ctx.ancestors(candidate):
            sites |= ctx.located_in.get(term, frozenset())
        return sites

    def _defined_near(self, candidate: str, site: str) -> bool:
        return any(self.context.related(own, site) for own in self._sites_of(candidate))

    def _route(
        self, about: str, candidate: str, excluded: tuple[str, ...]
    ) -> tuple[str, list[tuple[str, float]]] | None:
        ctx = self.context
        case_class = ctx.case_class(about)
        base = case_class or about
        if base == candidate:
            route = "direct"
        elif candidate in ctx.ancestors(base):
            route = "subtype"
        elif base in ctx.ancestors(candidate):
            route = "inherited"
        else:
            return None
        factors = []
        if route != "direct":
            word = "about a kind of it" if route == "subtype" else "inherited from a broader class"
            factors.append((f"{word}: {ctx.label(base)}", ROUTE_FACTORS[route]))
        if case_class:
            if route == "inherited" or case_document(about) in excluded:
                return None
            factors.append((f"one case ({case_document(about)})", CASE_FACTOR))
            return "case", factors
        return route, factors

    def _score(
        self,
        candidate: str,
        findings: Sequence[Finding],
        hits: dict[Finding, _HitIndex],
        excluded: tuple[str, ...],
        differential: Evidence | None,
    ) -> Candidate:
        assessments = [
            self.assess(candidate, finding, hits[finding], excluded) for finding in findings
        ]
        return Candidate(candidate, self.context.label(candidate), assessments, differential)

    def assess(
        self, candidate: str, finding: Finding, hits: _HitIndex, excluded: tuple[str, ...] = ()
    ) -> Assessment:
        """Weigh the statements matched to one finding for one candidate."""
        ctx = self.context
        relevant = hits.about({candidate} | ctx.ancestors(candidate) | ctx.descendants(candidate))
        items = [item for hit in relevant for item in self._items(candidate, hit, excluded)]
        items += self._definition_items(candidate, finding)
        own = [item for item in items if item.route != "inherited"]
        used = own or items
        supporting = sorted((i for i in used if i.stance == "supports"), key=_evidence_order)
        contradicting = sorted((i for i in used if i.stance == "contradicts"), key=_evidence_order)
        support, contradiction = _side_score(supporting), _side_score(contradicting)
        verdict = (
            "mixed"
            if supporting and contradicting
            else "explains"
            if supporting
            else "contradicts"
            if contradicting
            else "unknown"
        )
        agreement = Agreement(
            supporting=len({i.statement for i in supporting if i.statement}),
            conflicting=len({i.statement for i in contradicting if i.statement}),
            papers=len({i.document for i in supporting + contradicting if i.document}),
        )
        return Assessment(
            finding, verdict, support, contradiction, supporting, contradicting, agreement
        )

    def _items(self, candidate: str, hit: _Hit, excluded: tuple[str, ...]) -> list[Evidence]:
        record = hit.record
        if hit.spread_site:
            if candidate not in self._spread_candidates(hit.spread_site):
                return []
            factors = [
                (
                    f"spreads to the {self.context.label(hit.spread_site)}, where it lies",
                    SPREAD_FACTOR,
                )
            ]
            route = "spread"
        else:
            routed = self._route(hit.about, candidate, excluded)
            if routed is None:
                return []
            route, factors = routed
            if route == "case" and hit.stance != "supports":
                return []
        hedge_factor = (self._hedge_label(record), self._frequency_weight(record))
        all_factors = [hedge_factor, *factors, *hit.factors]
        weight = round(math.prod(value for _, value in all_factors), 3)
        return [
            Evidence(
                stance=hit.stance,
                route=route,
                weight=weight,
                factors=all_factors,
                reason=hit.reason or "",
                statement=record.iri,
                subject=record.subject,
                document=record.document,
                hedge=record.hedge,
                negated=record.negated,
                about=hit.about,
                source=hit if hit.reason is None else None,
            )
        ]

    def _definition_items(self, candidate: str, finding: Finding) -> list[Evidence]:
        if finding.kind != "site":
            return []
        ctx = self.context
        items: list[Evidence] = []
        for term in [
            candidate,
            *sorted(ctx.ancestors(candidate)),
            *sorted(ctx.descendants(candidate)),
        ]:
            own = term == candidate or term in ctx.ancestors(candidate)
            for site in sorted(ctx.located_in.get(term, ())):
                item = self._definition_item(candidate, term, site, finding, own)
                if item:
                    items.append(item)
        return items

    def _definition_item(
        self, candidate: str, term: str, site: str, finding: Finding, own: bool
    ) -> Evidence | None:
        ctx = self.context
        relation = self._value_relation(finding.value, site, exclusive=True)
        if relation is None:
            return None
        definition = StatementRecord(
            iri="",
            subject=term,
            predicate=P + "locatedIn",
            object=site,
            negated=False,
            frequency=SK_BASE + "Always",
            hedge=None,
            sequences=frozenset(),
            modalities=frozenset(),
            references=frozenset(),
            discriminators=frozenset(),
            document=None,
        )
        stance, factors = self._stance(finding, definition, relation)
        if stance is None or (stance == "contradicts" and not own):
            return None
        factors = [("ontology definition", 1.0), *factors]
        if not own:
            factors.append((f"about a kind of it: {ctx.label(term)}", ROUTE_FACTORS["subtype"]))
        reason = f"{ctx.label(term)} is defined to lie in the {ctx.label(site)}"
        if relation.excludes:
            reason += f", which excludes {self.describe(finding, bare=True)}"
        weight = round(math.prod(value for _, value in factors), 3)
        return Evidence(
            stance, "definition" if own else "subtype", weight, factors, reason, None, term, None
        )

    def _hedge_label(self, record: StatementRecord) -> str:
        if record.frequency is None:
            return "stated without a hedge"
        level = local_name(record.frequency).lower()
        return f"hedge '{record.hedge}' → {level}" if record.hedge else level

    def _frequency_weight(self, record: StatementRecord) -> float:
        if record.frequency is None:
            return UNHEDGED_WEIGHT
        return FREQUENCY_WEIGHTS.get(local_name(record.frequency), UNHEDGED_WEIGHT)

    # ---- differential lists -------------------------------------------------------------------

    def _differential_parts(
        self, findings: Sequence[Finding], known: set[str]
    ) -> dict[str, Evidence]:
        """Candidates named in the differential of a lesion defined to lie where the findings are.

        The class a paper names gets the part, and so do its subclasses already among ``known``.
        """
        ctx = self.context
        places = [f.value for f in findings if f.kind == "site" and f.present]
        if not places:
            return {}
        presentations = {
            term
            for term in ctx.located_in
            if any(ctx.related(site, place) for site in self._sites_of(term) for place in places)
        }
        records = statements_with_subjects(
            self._select, (DIFFERENTIAL_PREDICATE,), presentations, details=True
        )
        parts: dict[str, Evidence] = {}
        for record in records:
            if record.negated or record.object is None:
                continue
            for candidate in {record.object} | (ctx.descendants(record.object) & known):
                if candidate == record.subject:
                    continue
                item = self._differential_item(record, candidate, places)
                if candidate not in parts or item.weight > parts[candidate].weight:
                    parts[candidate] = item
        return parts

    def _differential_item(
        self, record: StatementRecord, candidate: str, places: list[str]
    ) -> Evidence:
        ctx = self.context
        factors = [
            (self._hedge_label(record), self._frequency_weight(record)),
            ("named in a differential list", DIFFERENTIAL_FACTOR),
        ]
        if candidate != record.object:
            factors.append((f"a kind of {ctx.label(record.object)}", ROUTE_FACTORS["subtype"]))
        sites = ", ".join(
            sorted(
                ctx.label(s)
                for s in self._sites_of(record.subject)
                if any(ctx.related(s, p) for p in places)
            )
        )
        reason = (
            f"named in the differential diagnosis of {ctx.label(record.subject)} "
            f"(defined to lie in the {sites}, where the findings place the lesion)"
        )
        weight = round(math.prod(value for _, value in factors), 3)
        return Evidence(
            "supports",
            "differential",
            weight,
            factors,
            reason,
            record.iri,
            record.subject,
            record.document,
            record.hedge,
        )

    # ---- ranking -------------------------------------------------------------------------------

    def _fold(self, ranked: list[Candidate]) -> list[Candidate]:
        """Show a candidate inside the entry of a broader or narrower class ranked above it."""
        kept: list[Candidate] = []
        for candidate in ranked:
            home = next((k for k in kept if self.context.related(candidate.iri, k.iri)), None)
            if home is None:
                kept.append(candidate)
            else:
                home.includes.append(candidate.iri)
        return kept

    # ---- discriminators ------------------------------------------------------------------------

    def _discriminators(
        self,
        findings: Sequence[Finding],
        ranked: list[Candidate],
        excluded: tuple[str, ...],
        pool: _RecordPool,
    ) -> list[Discriminator]:
        """Findings that would tell the leading candidates apart.

        First those a paper names (``distinguishedFrom`` with a ``discriminator``) for a leading
        candidate or a broader class of it; then those the leading candidates' own statements
        name, kept when the candidates' parts for them differ by at least
        :data:`DISCRIMINATOR_MIN_SPREAD`.
        """
        leading = [c.iri for c in ranked[:DISCRIMINATED_CANDIDATES]]
        if len(leading) < 2:
            return []
        family = set().union(
            *(({c} | self.context.ancestors(c)) - self.context.grouping_classes for c in leading)
        )
        own = self._own_subjects(leading, excluded)
        records = statements_matching(
            self._select,
            by_object=((DISTINGUISHED_PREDICATE,), family),
            by_subject=((DISTINGUISHED_PREDICATE, *DESCRIPTIVE_PREDICATES), family | own),
            details=True,
        )
        stated = self._stated_probes(findings, records, family)
        derived = [
            probe
            for probe in self._derived_probes(records, own)
            if probe not in stated and not any(self._same_question(probe, f) for f in findings)
        ]
        hits = self._hits_for([*stated, *derived], pool)
        found = [
            self._discriminator(probe, [r.subject, r.object], excluded, "stated", r, hits[probe])
            for probe, r in stated.items()
        ]
        found.sort(key=lambda d: -d.spread)
        more = [
            self._discriminator(probe, leading, excluded, "derived", None, hits[probe])
            for probe in derived
        ]
        more = [d for d in more if d.spread >= DISCRIMINATOR_MIN_SPREAD]
        more.sort(key=lambda d: (-d.spread, self.describe(d.finding)))
        return (found + more)[:MAX_DISCRIMINATORS]

    def _own_subjects(self, leading: list[str], excluded: tuple[str, ...]) -> set[str]:
        """The leading candidates, their subclasses and the case lesions of those classes."""
        ctx = self.context
        subjects: set[str] = set()
        for candidate in leading:
            subjects |= {candidate} | ctx.descendants(candidate)
        return subjects | {
            case
            for case, cls in ctx.case_types.items()
            if cls in subjects and case_document(case) not in excluded
        }

    def _stated_probes(
        self, findings: Sequence[Finding], records: Iterable[StatementRecord], family: set[str]
    ) -> dict[Finding, StatementRecord]:
        pairs: dict[Finding, StatementRecord] = {}
        for record in records:
            if (
                record.predicate != DISTINGUISHED_PREDICATE
                or record.negated
                or record.object is None
            ):
                continue
            if record.subject not in family and record.object not in family:
                continue
            for term in sorted(record.discriminators):
                probe = self._probe_for(term, record)
                if probe is not None and not any(self._same_question(probe, f) for f in findings):
                    pairs.setdefault(probe, record)
        return pairs

    def _derived_probes(self, records: Iterable[StatementRecord], own: set[str]) -> list[Finding]:
        """The findings the leading candidates' own statements name, strongest first.

        At most :data:`MAX_PROBES`, those whose statements hold most often: a large graph names
        many findings per lesion, and each probe is one more value to look up.
        """
        strength: dict[Finding, float] = {}
        for record in records:
            if record.predicate in DESCRIPTIVE_PREDICATES and record.subject in own:
                probe = self._probe_from_statement(record)
                if probe is not None:
                    weight = self._frequency_weight(record)
                    strength[probe] = max(weight, strength.get(probe, 0.0))
        ranked = sorted(strength, key=lambda probe: (-strength[probe], probe.text()))
        return ranked[:MAX_PROBES]

    def _same_question(self, probe: Finding, finding: Finding) -> bool:
        """True when a probe asks what a stated finding answers: same kind, related value."""
        if probe.kind != finding.kind or probe.sequence != finding.sequence:
            return False
        return self.context.related(probe.value, finding.value) if finding.value else False

    def _probe_for(self, term: str, record: StatementRecord) -> Finding | None:
        kind = self._kind_of(term)
        if kind is None:
            return None
        if kind == "signal":
            sequence = next(iter(sorted(record.sequences)), None) or self._sequence_for(
                record.subject, term
            )
            return Finding("signal", term, sequence=sequence) if sequence else None
        return Finding(kind, term)

    def _sequence_for(self, lesion: str, value: str) -> str | None:
        """The sequence on which the lesion's own statements place a signal value."""
        records = statements_with_subjects(self._select, (P + "hasSignal",), {lesion})
        sequences = sorted(
            s for r in records if r.object == value and not r.negated for s in r.sequences
        )
        return sequences[0] if sequences else None

    def _kind_of(self, term: str) -> str | None:
        for kind in ("signal", "enhancement", "density", "sign", "finding", "site"):
            if term in self.vocabulary.terms[kind]:
                return kind
        return None

    def _probe_from_statement(self, record: StatementRecord) -> Finding | None:
        if record.object is None:
            return None
        kind = {
            P + "hasSignal": "signal",
            P + "hasEnhancement": "enhancement",
            P + "hasDensity": "density",
        }.get(record.predicate, "finding")
        if kind == "signal":
            plain = [s for s in sorted(record.sequences) if s in self.vocabulary.terms["sequence"]]
            if not plain:
                return None
            return Finding("signal", record.object, sequence=plain[0])
        if kind == "finding" and record.object in self.vocabulary.terms["sign"]:
            kind = "sign"
        if record.object not in self.vocabulary.terms[kind]:
            return None
        return Finding(kind, record.object)

    def _discriminator(
        self,
        probe: Finding,
        candidates: Sequence[str],
        excluded: tuple[str, ...],
        source: str,
        record: StatementRecord | None,
        hits: _HitIndex | None = None,
    ) -> Discriminator:
        if hits is None:
            hits = self._hits_for([probe])[probe]
        verdicts = [
            (c, self.context.label(c), self.assess(c, probe, hits, excluded)) for c in candidates
        ]
        scores = [assessment.score for _, _, assessment in verdicts]
        statement = None
        if record is not None:
            statement = Evidence(
                "separates",
                "stated",
                self._frequency_weight(record),
                [(self._hedge_label(record), self._frequency_weight(record))],
                f"{self.claim(record)}, told apart by {self.context.label(probe.value)}",
                record.iri,
                record.subject,
                record.document,
                record.hedge,
            )
        return Discriminator(
            probe, source, round(max(scores) - min(scores), 3), verdicts, statement
        )

    # ---- quotes --------------------------------------------------------------------------------

    def _attach_quotes(
        self, candidates: list[Candidate], discriminators: list[Discriminator]
    ) -> None:
        """Give the evidence a result shows its quotes, hedge words and reason in words."""
        items = [item for c in candidates for item in _candidate_evidence(c)]
        for d in discriminators:
            items += [i for _, _, a in d.verdicts for i in a.supporting + a.contradicting]
            if d.statement:
                items.append(d.statement)
        statements = {i.statement for i in items if i.statement}
        quotes = evidence_for(self._select, statements)
        details = statement_details(self._select, {i.statement for i in items if i.source})
        for item in items:
            item.quotes = quotes.get(item.statement, ()) if item.statement else ()
            if item.source is not None:
                self._write_reason(item, details.get(item.statement, (None, frozenset())))

    def _write_reason(self, item: Evidence, details: tuple[str | None, frozenset[str]]) -> None:
        """Write the reason of a matched statement from its words: hedge and modalities."""
        hit: _Hit = item.source
        hedge, modalities = details
        record = replace(hit.record, hedge=hedge, modalities=modalities)
        item.hedge = hedge
        item.reason = self._reason(hit.finding, record, hit.stance, hit.excludes)
        item.factors = [(self._hedge_label(record), item.factors[0][1]), *item.factors[1:]]
        item.source = None

    # ---- evidence agreement of one lesion -----------------------------------------------------

    def agreement(self, lesion: str) -> list[tuple[Finding, str, Agreement]]:
        """Per finding the lesion's statements name: how many support, conflict, in how many papers.

        Own statements are those about the lesion, its subclasses and its case-report lesions;
        each finding is then weighed as the differential diagnosis weighs it (conflicts include
        negated statements and usual statements of an excluding value).
        """
        own = self._own_subjects([lesion], ())
        probes = self._derived_probes(
            statements_with_subjects(self._select, DESCRIPTIVE_PREDICATES, own), own
        )
        hits = self._hits_for(probes)
        rows = []
        for probe in probes:
            assessment = self.assess(lesion, probe, hits[probe])
            own = [
                i
                for i in assessment.supporting + assessment.contradicting
                if i.route != "inherited"
            ]
            if own:
                rows.append((probe, self.describe(probe), assessment.agreement))
        return sorted(rows, key=lambda row: (-row[2].supporting - row[2].conflicting, row[1]))


PREDICATE_PHRASES = {
    P + "hasSignal": "is",
    P + "hasEnhancement": "shows",
    P + "hasDensity": "is",
    P + "hasImagingFinding": "shows",
    P + "showsSign": "shows the",
    P + "locatedIn": "lies in the",
    P + "extendsInto": "extends into the",
    P + "canInvolve": "can involve the",
    P + "atLevel": "is at",
    P + "inRegion": "is in the",
    P + "associatedWith": "is associated with",
    P + "hasPrimaryTumour": "arises from",
    P + "hasDifferential": "has in its differential",
    P + "distinguishedFrom": "is told apart from",
    P + "metastasizesTo": "spreads to the",
}


def _side_score(items: list[Evidence]) -> float:
    """The best weight plus the agreement bonus for further papers."""
    if not items:
        return 0.0
    papers = len({i.document for i in items if i.document})
    bonus = min(AGREEMENT_CAP, AGREEMENT_STEP * max(0, papers - 1))
    return round(max(i.weight for i in items) + bonus, 3)


def _evidence_order(item: Evidence) -> tuple:
    return (-item.weight, item.route, item.statement or "")


def _rank_key(candidate: Candidate) -> tuple:
    return (
        -candidate.score,
        -candidate.count("explains"),
        candidate.count("contradicts"),
        candidate.label.casefold(),
        candidate.iri,
    )


def _candidate_evidence(candidate: Candidate) -> list[Evidence]:
    items = [i for a in candidate.assessments for i in a.supporting + a.contradicting]
    if candidate.differential:
        items.append(candidate.differential)
    return items


def engine_for_release(trig_path: Path, store_dir: Path) -> DifferentialDiagnosis:
    """Load a release into an embedded store (a no-op when already loaded) and build the engine.

    Raises:
        kg.store.ReleaseLoadError: if the release file is missing or invalid.
    """
    loaded = load_release(trig_path, store_dir)
    store = open_store(StoreSettings(store_dir=store_dir))
    return DifferentialDiagnosis.load(store_select(store), loaded.release_id)
