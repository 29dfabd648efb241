"""Candidate links from SpineKG concepts to RadLex terms, found by name (``spinekg link radlex``).

Every label, exact synonym and abbreviation of every domain concept is matched against the 45,468
RadLex labels of the shipped table, in three stages, each tried only when the earlier ones found
nothing for that name:

1. **exact**: the name is a RadLex label, character for character;
2. **normalised**: the names agree once case, accents, hyphens and slashes, possessives, plurals,
   British and American spelling (tumour/tumor, haem-/hem-, -isation/-ization, disc/disk) and,
   in a second step, word order are set aside;
3. **fuzzy**: a scored match of the normalised names (rapidfuzz ``token_sort_ratio``) at or above
   :data:`FUZZY_CUTOFF`, for names of at least :data:`FUZZY_MIN_LENGTH` characters.

The candidates are written as an SSSOM mapping set with ``semapv:LexicalMatching`` and a
confidence that orders the stages (exact 1.0, normalised 0.9 / 0.85, fuzzy at most 0.8) and the
name's field (label, then exact synonym, then abbreviation). A curator accepts a candidate by
copying its row into ``ontology/mappings/spinekg.sssom.tsv``. :func:`evaluate` measures the top
candidate of each concept against the verified rows of the curated set.

rapidfuzz: https://rapidfuzz.github.io/RapidFuzz/ ; SEMAPV: https://w3id.org/semapv/vocab/
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rdflib import Graph

from kg.config import Settings
from kg.external import RADLEX
from kg.mappings import (
    LEXICAL,
    MANUAL,
    Concept,
    MappingPaths,
    MappingRow,
    curated_metadata,
    domain_concepts,
    read_curated,
    write_curated,
)
from kg.radlex import RADLEX_CREDIT, RadLexTable, load_table

FUZZY_CUTOFF = 90.0
FUZZY_MIN_LENGTH = 6
TOP_K = 3
STAGE_CONFIDENCE = {"exact": 1.0, "normalised": 0.9, "word order": 0.85}
FUZZY_CEILING = 0.8
FIELD_PENALTY = {"rdfs:label": 0.0, "oboInOwl:hasExactSynonym": 0.03, "sk:abbreviation": 0.08}
SHORT_NAME_LENGTH = 4
SHORT_NAME_PENALTY = 0.15
TOOL = "spinekg link radlex"

#: British (or variant) spelling -> the American spelling RadLex uses, applied to word parts.
SPELLING = (
    (r"tumour", "tumor"),
    (r"colour", "color"),
    (r"behaviour", "behavior"),
    (r"haem", "hem"),
    (r"oedem", "edem"),
    (r"oesophag", "esophag"),
    (r"aemia", "emia"),
    (r"ischaem", "ischem"),
    (r"anaesth", "anesth"),
    (r"paediatr", "pediatr"),
    (r"orthopaed", "orthoped"),
    (r"foet", "fet"),
    (r"aetiol", "etiol"),
    (r"isation$", "ization"),
    (r"ise$", "ize"),
    (r"ised$", "ized"),
    (r"centre$", "center"),
    (r"fibre$", "fiber"),
    (r"litre$", "liter"),
    (r"^grey$", "gray"),
    (r"^disc$", "disk"),
    (r"^discs$", "disks"),
    (r"artefact", "artifact"),
    (r"^sulph", "sulf"),
    (r"^programme$", "program"),
)
_SPELLING = tuple((re.compile(pattern), replacement) for pattern, replacement in SPELLING)
#: Plurals that the regular rules below do not undo.
IRREGULAR = {
    "vertebrae": "vertebra",
    "laminae": "lamina",
    "metastases": "metastasis",
    "foramina": "foramen",
    "bronchi": "bronchus",
    "ganglia": "ganglion",
    "diagnoses": "diagnosis",
    "analyses": "analysis",
    "phenomena": "phenomenon",
    "criteria": "criterion",
    "bursae": "bursa",
    "fasciae": "fascia",
    "indices": "index",
    "appendices": "appendix",
    "apices": "apex",
    "cortices": "cortex",
    "calculi": "calculus",
    "nuclei": "nucleus",
    "emboli": "embolus",
}
KEEP_S = ("ss", "us", "is", "ys", "xis", "sis", "ous")
STOP_WORDS = {"the", "a", "an"}


def normalise(text: str) -> str:
    """The comparison form of a name: lower case, plain letters, singular, American spelling."""
    text = (
        unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    text = re.sub(r"'s\b", "", text.casefold()).replace("'", "")
    words = re.sub(r"[^a-z0-9*+]+", " ", text).split()
    return " ".join(_singular(_american(word)) for word in words if word not in STOP_WORDS)


def word_order_key(normalised: str) -> str:
    """A normalised name with its words sorted, so that word order does not count."""
    return " ".join(sorted(normalised.split()))


@lru_cache(maxsize=65536)
def _american(word: str) -> str:
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=65536)
def _singular(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("inges"):
        return word[:-5] + "inx"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(KEEP_S):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Candidate:
    """One proposed link of a concept to a RadLex term."""

    concept: Concept
    rid: str
    radlex_label: str
    stage: str
    name: str
    name_field: str
    score: float
    confidence: float

    @property
    def predicate(self) -> str:
        """Exact and normalised matches propose an exact match; fuzzy ones a close match."""
        return "skos:closeMatch" if self.stage == "fuzzy" else "skos:exactMatch"

    def row(self) -> MappingRow:
        """The candidate as a row of the candidate set."""
        return MappingRow(
            subject_id=self.concept.curie,
            subject_label=self.concept.label,
            predicate_id=self.predicate,
            object_id=RADLEX.curie(self.rid),
            object_label=self.radlex_label,
            mapping_justification=LEXICAL,
            confidence=f"{self.confidence:.3f}",
            comment=f"{self.stage} match of {self.name_field} {self.name!r}"
            + (f" (token_sort_ratio {self.score:.1f})" if self.stage == "fuzzy" else ""),
        )


class RadLexIndex:
    """The RadLex labels in the three forms the stages compare."""

    def __init__(self, table: RadLexTable):
        self.exact: dict[str, list[str]] = defaultdict(list)
        self.normalised: dict[str, list[str]] = defaultdict(list)
        self.word_order: dict[str, list[str]] = defaultdict(list)
        for term in table.terms.values():
            key = normalise(term.label)
            self.exact[term.label].append(term.rid)
            self.normalised[key].append(term.rid)
            self.word_order[word_order_key(key)].append(term.rid)
        self.fuzzy_keys = list(self.word_order)
        self.table = table

    def match(self, concept: Concept, name: str, name_field: str) -> list[Candidate]:
        """The candidates for one name of a concept, from the first stage that finds any."""
        key = normalise(name)
        penalty = FIELD_PENALTY[name_field] + (
            SHORT_NAME_PENALTY if len(key) < SHORT_NAME_LENGTH else 0.0
        )
        for stage, rids in (
            ("exact", self.exact.get(name)),
            ("normalised", self.normalised.get(key)),
            ("word order", self.word_order.get(word_order_key(key))),
        ):
            if rids:
                return [
                    self._candidate(
                        concept,
                        rid,
                        stage,
                        name,
                        name_field,
                        100.0,
                        STAGE_CONFIDENCE[stage] - penalty,
                    )
                    for rid in rids
                ]
        if name_field == "sk:abbreviation" or len(key) < FUZZY_MIN_LENGTH:
            return []
        return self._fuzzy(concept, key, name, name_field, penalty)

    def _fuzzy(
        self, concept: Concept, key: str, name: str, name_field: str, penalty: float
    ) -> list[Candidate]:
        """Scored matches; ``ratio`` on word-sorted keys is rapidfuzz's ``token_sort_ratio``."""
        found = process.extract(
            word_order_key(key),
            self.fuzzy_keys,
            scorer=fuzz.ratio,
            processor=None,
            limit=TOP_K,
            score_cutoff=FUZZY_CUTOFF,
        )
        return [
            self._candidate(
                concept,
                rid,
                "fuzzy",
                name,
                name_field,
                score,
                FUZZY_CEILING * score / 100 - penalty,
            )
            for matched_key, score, _index in found
            for rid in self.word_order[matched_key]
        ]

    def _candidate(self, concept, rid, stage, name, name_field, score, confidence) -> Candidate:
        return Candidate(
            concept,
            rid,
            self.table.terms[rid].label,
            stage,
            name,
            name_field,
            score,
            round(confidence, 3),
        )


def link_concepts(
    concepts: Iterable[Concept], table: RadLexTable, top_k: int = TOP_K
) -> dict[str, list[Candidate]]:
    """The best candidates of every concept, best first.

    Ties in confidence go to the RadLex label closest to the concept's own label, then to the
    lower RID, so that "enhancement" beats "enhancing" for *contrast enhancement*.
    """
    index = RadLexIndex(table)
    result = {}
    for concept in concepts:
        best: dict[str, Candidate] = {}
        for name, name_field in concept.names:
            for candidate in index.match(concept, name, name_field):
                current = best.get(candidate.rid)
                if current is None or candidate.confidence > current.confidence:
                    best[candidate.rid] = candidate
        own = normalise(concept.label)
        ranked = sorted(
            best.values(),
            key=lambda c: (
                -c.confidence,
                -fuzz.token_sort_ratio(own, normalise(c.radlex_label)),
                int(c.rid[3:]),
            ),
        )
        if ranked:
            result[concept.curie] = ranked[:top_k]
    return result


@dataclass
class Evaluation:
    """How the top candidates compare with the verified RadLex rows of the curated set.

    The evaluated concepts are those the verified table covers (they have at least one verified
    row in any ontology, so their RadLex coverage was checked). A top candidate is correct when it
    is one of the concept's verified RadLex ids, exact or close.

    Attributes:
        concepts: Evaluated concepts.
        with_gold: Evaluated concepts with at least one verified RadLex id.
        proposed: Evaluated concepts with a top candidate.
        correct: Top candidates that are verified ids.
        correct_exact: Top candidates that are verified exact matches.
        errors: ``(concept, proposed id, verified ids)`` for every wrong top candidate.
        missed: Concepts with verified RadLex ids and no candidate.
    """

    concepts: int = 0
    with_gold: int = 0
    proposed: int = 0
    correct: int = 0
    correct_exact: int = 0
    errors: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of top candidates that are verified ids."""
        return self.correct / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        """Share of concepts with verified RadLex ids whose top candidate is one of them."""
        return self.correct / self.with_gold if self.with_gold else 0.0

    def lines(self) -> list[str]:
        """The evaluation as lines of text."""
        return [
            f"evaluated against the verified table: {self.concepts} concept(s), "
            f"{self.with_gold} with a verified RadLex id",
            f"top candidate precision: {self.precision:.3f} "
            f"({self.correct} of {self.proposed} proposed)",
            f"top candidate recall:    {self.recall:.3f} ({self.correct} of {self.with_gold}; "
            f"{self.correct_exact} of them verified exact matches)",
        ]


def evaluate(candidates: dict[str, list[Candidate]], verified: Iterable[MappingRow]) -> Evaluation:
    """Measure the top candidate of each verified concept against its verified RadLex ids."""
    gold: dict[str, set[str]] = defaultdict(set)
    gold_exact: dict[str, set[str]] = defaultdict(set)
    concepts = set()
    for row in verified:
        if row.mapping_justification != MANUAL:
            continue
        concepts.add(row.subject_id)
        if row.object_id.startswith(f"{RADLEX.prefix}:"):
            gold[row.subject_id].add(row.object_id)
            if row.predicate_id == "skos:exactMatch":
                gold_exact[row.subject_id].add(row.object_id)
    result = Evaluation(concepts=len(concepts), with_gold=sum(1 for c in concepts if gold[c]))
    for concept in sorted(concepts):
        top = candidates.get(concept, [])[:1]
        if not top:
            if gold[concept]:
                result.missed.append(concept)
            continue
        proposed = RADLEX.curie(top[0].rid)
        result.proposed += 1
        if proposed in gold[concept]:
            result.correct += 1
            result.correct_exact += proposed in gold_exact[concept]
        else:
            result.errors.append(
                (concept, f"{proposed} {top[0].radlex_label}", tuple(sorted(gold[concept])))
            )
    return result


@dataclass
class LinkRun:
    """The outcome of ``spinekg link radlex``."""

    candidates: dict[str, list[Candidate]]
    evaluation: Evaluation
    output: Path

    def lines(self) -> list[str]:
        """What the command prints."""
        rows = sum(len(c) for c in self.candidates.values())
        return [
            f"{rows} candidate(s) for {len(self.candidates)} concept(s) written to {self.output}",
            *self.evaluation.lines(),
        ]


def run_radlex_linking(settings: Settings, output: Path) -> LinkRun:
    """Match every concept against RadLex, write the candidates as SSSOM, and evaluate them."""
    paths = MappingPaths.of(settings)
    concepts = domain_concepts(Graph().parse(settings.ontology_file, format="turtle"))
    candidates = link_concepts(concepts.values(), load_table(paths.radlex_terms))
    write_candidates(output, candidates)
    return LinkRun(candidates, evaluate(candidates, read_curated(paths.curated)), output)


def write_candidates(path: Path, candidates: dict[str, list[Candidate]]) -> None:
    """Write the candidates as an SSSOM TSV that sssom-py reads."""
    metadata = curated_metadata({"license": "https://w3id.org/sssom/license/unspecified"})
    metadata.update(
        mapping_set_id="https://w3id.org/spinekg/mappings/radlex-candidates.sssom.tsv",
        mapping_set_title="SpineKG to RadLex lexical candidates",
        mapping_set_description=(
            "Candidates from `spinekg link radlex` for a curator to review; accepted rows are "
            "copied "
            "into ontology/mappings/spinekg.sssom.tsv. Not curated: do not load as links."
        ),
        mapping_date=date.today(),
        mapping_tool=TOOL,
        comment=RADLEX_CREDIT,
    )
    metadata["extension_definitions"] = [
        d for d in metadata["extension_definitions"] if d["slot_name"] == "source_file"
    ]
    write_curated(path, (c.row() for ranked in candidates.values() for c in ranked), metadata)
