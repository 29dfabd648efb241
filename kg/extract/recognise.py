"""Recognise the ontology's concepts in a sentence: labels, synonyms and abbreviations, longest match wins.

The dictionary is the ontology itself: every class and individual below ``sk:Entity`` is known by its
``rdfs:label``, its exact synonyms, its ``skos:altLabel`` and its ``sk:abbreviation``. Labels and text
are cut into the same normalised tokens (lower case, plural and British spellings folded, possessive
``'s`` dropped, hyphens ignored, a hyphenated word also tried joined: ``extra-dural`` = ``extradural``,
and so is a word a line-end hyphen broke: ``hemangioperi- cytoma`` = ``hemangiopericytoma``),
so that "metastases" finds *metastasis* and "tumours" finds *tumor*. Abbreviations and upper-case
label words (``CT``, ``T2W``, ``STIR``) match only with the same letter case, so that the word "ct" or
the name "Stir" does not. A token trie finds, from each position, the longest label that starts there;
the scan then resumes after it, so "epidural spinal cord compression" is one concept, not three.
A label ending in *metastasis* is also found with the heads radiology writes for it ("intramedullary
metastatic lesions", "metastatic deposits"), and a label naming a change of a structure also with the
change written first ("enlargement of the cord" for *cord enlargement*). A bare word naming a quality of
the patient ("thin" for *thin body habitus*) is not read inside a hyphenated compound ("thin-walled") or
before an imaging finding ("a thin hyperintensity").

A concept the curated mapping set links to RadLex by an exact match (``skos:exactMatch``) is also
known by that RadLex term's label ("intervertebral disk", "projection radiography"), ranked below the
ontology's own names so that a clash keeps the ontology's concept.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.mappings import read_curated
from kg.namespaces import OBOINOWL, SK
from kg.radlex import load_table

TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’]s\b)?|[^\sA-Za-z0-9]")
HYPHENS = {"-", "‐", "‑", "–"}
QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»"}
GLUED_WORDS = re.compile(r"([A-Z]{2,6})([a-z]{3,})")
IRREGULAR = {
    "metastases": "metastasis", "vertebrae": "vertebra", "leptomeninges": "leptomeninx",
    "meninges": "meninx", "foramina": "foramen", "diagnoses": "diagnosis", "bones": "bone",
    "analyses": "analysis", "media": "medium", "criteria": "criterion", "phenomena": "phenomenon", "foci": "focus",
}
SPELLING = [(re.compile(r"our$"), "or"), (re.compile(r"^haem"), "hem"), (re.compile(r"^oedem"), "edem"),
            (re.compile(r"aemia$"), "emia"), (re.compile(r"isation$"), "ization"), (re.compile(r"ise$"), "ize"),
            (re.compile(r"^homogenous$"), "homogeneous")]

# Categories a rule asks about, tried in this order: the first ancestor found names the category.
CATEGORIES = [
    ("sign", "NamedSign"), ("sequence", "MRSequence"), ("modality", "ImagingModality"),
    ("technique", "ImagingTechnique"), ("treatment", "Treatment"), ("procedure", "Procedure"),
    ("signal", "SignalIntensity"), ("density", "CTDensity"), ("enhancement", "EnhancementPattern"),
    ("histology", "HistologicFinding"), ("lab", "LaboratoryFinding"), ("finding", "ImagingFinding"),
    ("route", "SpreadRoute"), ("level", "VertebralLevel"), ("region", "SpinalRegion"),
    ("site", "AnatomicalEntity"), ("outcome", "Outcome"), ("complication", "Complication"),
    ("clinical", "ClinicalFeature"), ("drug", "Drug"), ("process", "PathologicProcess"),
    ("sex", "Sex"), ("primary", "PrimaryTumour"), ("disorder", "Disorder"), ("demographic", "DemographicFeature"),
    ("age", "AgeGroup"), ("state", "PhysiologicState"), ("device", "MedicalDevice"), ("patient", "Patient"),
    ("interval", "TimeInterval"),
]
LABEL_SOURCES = [
    (RDFS.label, 0),
    (SKOS.prefLabel, 0),
    (OBOINOWL.hasExactSynonym, 1),
    (SKOS.altLabel, 1),
    (SK.abbreviation, 1),
]
EXTRA_NAME_SOURCE = 2
HEAD_VARIANT_SOURCE = 1
CHANGE_NOUN = re.compile(r"(?:ion|ment|ening|ure|osis)$")
METASTATIC_HEADS = ("lesion", "deposit", "disease", "focus", "tumor")
RADLEX_PREFIX = "RADLEX:"
NOT_A_HEAD = re.compile(r"\b(?:of|in|with|to|from|for|on|by|and|or)\b", re.I)
PATIENT_QUALITY_CATEGORIES = frozenset({"clinical", "demographic", "state"})
IMAGING_NOUN_CATEGORIES = frozenset({"signal", "density", "enhancement", "finding", "sign", "histology"})
GENERAL_HEADS = {"body", "change", "component", "element", "involvement", "process", "growth", "node", "syndrome"}
MIN_HEAD_LENGTH = 5
END = "$"
BROAD_DESCENDANTS = 10


def fold_word(word: str) -> str:
    """Normalise one word: possessive dropped, lower case, irregular plurals, British spelling, plural -s."""
    word = re.sub(r"['’]s$", "", word).lower()
    if word in IRREGULAR:
        return IRREGULAR[word]
    word = _singular(word)
    for pattern, replacement in SPELLING:
        word = pattern.sub(replacement, word)
    return word


def _singular(word: str) -> str:
    """A regular English plural made singular (lesions -> lesion, bodies -> body); other words unchanged."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def is_case_sensitive(word: str) -> bool:
    """Abbreviation-like words (two or more capitals, or a capital with digits) keep their letter case."""
    capitals = sum(c.isupper() for c in word)
    return len(word) >= 2 and (capitals >= 2 or (capitals >= 1 and any(c.isdigit() for c in word)))


def word_key(word: str) -> str:
    """The trie key of a word of a label."""
    if is_case_sensitive(word):
        return "=" + re.sub(r"['’]s$", "", word)
    return fold_word(word)


def _unglued(match: re.Match) -> list[tuple[str, int, int]]:
    """A token as (text, start, end) pieces: an abbreviation glued to a lower-case word ("STIRsequences") is two."""
    glued = GLUED_WORDS.fullmatch(match.group(0))
    if glued is None:
        return [(match.group(0), match.start(), match.end())]
    cut = match.start() + glued.end(1)
    return [(glued.group(1), match.start(), cut), (glued.group(2), cut, match.end())]


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark of a text, with its character span.

    ``glued`` when a hyphen joins it to the next word ("extra-dural"); ``broken`` when a hyphen and a space
    part it from a next word in lower case, as a word hyphenated at a line end reads once the line break
    became a space ("hemangioperi- cytoma").
    """

    text: str
    start: int
    end: int
    glued: bool = False
    broken: bool = False


def tokenise(text: str) -> list[Token]:
    """Words and punctuation of a text; hyphens are dropped but mark the words they join.

    Quotation marks are dropped too, so that a term written with one word quoted ("“atypical”
    hemangiomas", "a “draped curtain” appearance") reads as the term; and a word PDF extraction glued
    to the abbreviation before it ("STIRsequences") is read as the two words. Spans stay those of the
    text as written.
    """
    raw = [piece for m in TOKEN.finditer(text) if m.group(0) not in QUOTES for piece in _unglued(m)]
    tokens: list[Token] = []
    for k, (word, start, end) in enumerate(raw):
        if word in HYPHENS:
            continue
        following = raw[k + 1] if k + 1 < len(raw) else None
        after = raw[k + 2] if k + 2 < len(raw) else None
        hyphen = bool(following and following[0] in HYPHENS and following[1] == end and after)
        glued = hyphen and after[1] == following[2]
        broken = (
            hyphen and after[1] > following[2] and text[following[2] : after[1]].isspace() and after[0][:1].islower()
        )
        tokens.append(Token(word, start, end, glued, broken))
    return tokens


@dataclass(frozen=True)
class Concept:
    """A term of the ontology as the recogniser knows it.

    ``grouping``: a lesion class too broad to be a diagnosis, ``sk:groupingClass``.
    """

    iri: URIRef
    name: str
    label: str
    category: str
    depth: int
    generic: bool
    broad: bool = False
    ancestors: frozenset = frozenset()
    located_in: str | None = None
    grouping: bool = False


@dataclass(frozen=True)
class Mention:
    """A concept found in a text: where, and as which words."""

    concept: Concept
    start: int
    end: int
    text: str

    @property
    def category(self) -> str:
        """The concept's category (``disorder``, ``site``, ``sequence`` ...)."""
        return self.concept.category


class Lexicon:
    """The ontology's concepts in a token trie."""

    def __init__(self, concepts: dict[URIRef, Concept], labels: list[tuple[str, URIRef, int]]):
        self.concepts = concepts
        self.trie: dict = {}
        self._rank: dict[int, tuple] = {}
        self.names: dict[URIRef, list[str]] = {}
        for label, iri, source in labels:
            if source < EXTRA_NAME_SOURCE:
                self.names.setdefault(iri, []).append(label)
            for keys in _label_variants(label):
                self._insert(keys, concepts[iri], (source, -concepts[iri].depth))
            for keys in _head_variants(label) + _inverted_variants(label):
                self._insert(keys, concepts[iri], (max(source, HEAD_VARIANT_SOURCE), -concepts[iri].depth))
        synonyms: dict[URIRef, list[str]] = {}
        for label, iri, source in labels:
            if 0 < source < EXTRA_NAME_SOURCE:
                synonyms.setdefault(iri, []).append(label)
        self.modifier_names = {iri: _modifier_names(self.names[iri], words) for iri, words in synonyms.items()}

    @classmethod
    def from_ontology(cls, ontology: Graph, extra_names: list[tuple[str, URIRef]] = ()) -> Lexicon:
        """Build the lexicon from an ontology graph, plus names other vocabularies give its terms.

        ``extra_names`` (name, term) rank below every name the ontology gives; a name of a term the
        lexicon does not hold (a vertebral level, an unknown IRI) is left out.
        """
        hierarchy = _Hierarchy(ontology)
        concepts: dict[URIRef, Concept] = {}
        labels: list[tuple[str, URIRef, int]] = []
        for term in hierarchy.domain_terms():
            if hierarchy.is_level(term):
                continue
            concept = hierarchy.concept(term)
            if concept is None:
                continue
            concepts[term] = concept
            for prop, source in LABEL_SOURCES:
                labels += [(str(o), term, source) for o in ontology.objects(term, prop) if len(str(o)) > 1]
        labels += [(name, term, EXTRA_NAME_SOURCE) for name, term in extra_names if term in concepts and len(name) > 1]
        return cls(concepts, labels)

    def head_words(self, concept: Concept) -> frozenset[str]:
        """The head nouns of a concept's names that no concept is known by alone, folded.

        *Spinal dural arteriovenous fistula* has the head "fistula": a paper on it writes "the fistula" or
        "fistulas usually lie ..." for it. A head that names a concept of
        its own ("metastasis" of *epidural metastasis*) is left to that concept, and so is a name whose last
        word is not its head ("carcinoma of the breast") or is a general noun ("demyelinating process").
        """
        heads = set()
        for name in self.names.get(concept.iri, ()):
            words = name.split()
            if len(words) < 2 or NOT_A_HEAD.search(name) or not words[-1].isalpha() or is_case_sensitive(words[-1]):
                continue
            head = fold_word(words[-1])
            if len(head) >= MIN_HEAD_LENGTH and head not in GENERAL_HEADS and not self.recognise(words[-1]):
                heads.add(head)
        return frozenset(heads)

    def _insert(self, keys: list[str], concept: Concept, rank: tuple) -> None:
        """Add one label's keys; on a clash keep the better-ranked concept (a label over a synonym, then the deeper)."""
        node = self.trie
        for key in keys:
            node = node.setdefault(key, {})
        held = node.get(END)
        if held is None or rank < self._rank[id(node)]:
            node[END] = concept
            self._rank[id(node)] = rank

    def recognise(self, text: str) -> list[Mention]:
        """Every concept of a text, left to right, each the longest label starting at its first word."""
        tokens = tokenise(text)
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            found = self._longest(tokens, i, self.trie, None)
            if found is None:
                i += 1
                continue
            end, concept = found
            if end == i + 1 and self._modifies_a_noun(tokens, i, concept):
                i += 1
                continue
            start_char, end_char = tokens[i].start, tokens[end - 1].end
            mentions.append(Mention(concept, start_char, end_char, text[start_char:end_char]))
            i = end
        return mentions

    def _modifies_a_noun(self, tokens: list[Token], i: int, concept: Concept) -> bool:
        """Whether the word at ``i`` names a patient quality by a bare modifier and here qualifies something else.

        *Thin body habitus* is also called "thin", the first word of its label; but "thin-walled
        channels" and "a thin hyperintensity" describe the channels and the signal, not the patient.
        Such a one-word name of a clinical feature is not read when a hyphen joins it to the next word or
        when the next words name an imaging finding (a signal, density, enhancement, sign or histologic
        finding). Names of findings, sites or drugs ("dura-based", "contrast-enhanced") are read as ever.
        """
        if concept.category not in PATIENT_QUALITY_CATEGORIES:
            return False
        if fold_word(tokens[i].text) not in self.modifier_names.get(concept.iri, frozenset()):
            return False
        if tokens[i].glued:
            return True
        following = self._longest(tokens, i + 1, self.trie, None)
        return following is not None and following[1].category in IMAGING_NOUN_CATEGORIES

    def _longest(self, tokens: list[Token], i: int, node: dict, best: tuple | None) -> tuple | None:
        """Longest (end index, concept) reachable from trie ``node`` reading tokens from ``i``."""
        if END in node and (best is None or i > best[0]):
            best = (i, node[END])
        if i >= len(tokens):
            return best
        for key, step in _keys_at(tokens, i):
            child = node.get(key)
            if child is not None:
                best = self._longest(tokens, i + step, child, best)
        return best


def radlex_names(mappings_file: Path, terms_file: Path) -> list[tuple[str, URIRef]]:
    """The RadLex label of every term the curated mapping set links to RadLex by an exact match.

    Close matches are left out: a RadLex term that means something a little different would make
    the recogniser find the wrong concept. Without a mapping set there are no such names.
    """
    rows = [
        r
        for r in read_curated(mappings_file)
        if r.predicate_id == "skos:exactMatch" and r.object_id.startswith(RADLEX_PREFIX)
    ]
    if not rows:
        return []
    table = load_table(terms_file)
    names = []
    for row in rows:
        label = table.label(row.object_id.removeprefix(RADLEX_PREFIX))
        if label and row.subject_id.startswith("sk:"):
            names.append((label, SK[row.subject_id.removeprefix("sk:")]))
    return names


def _modifier_names(names: list[str], synonyms: list[str]) -> frozenset[str]:
    """A concept's one-word synonyms that are the first word of a longer name of it ("thin" of "thin body habitus").

    Abbreviations and other case-sensitive words ("CT" of "CT scan") name the concept itself, not a quality of it.
    """
    single = {fold_word(n) for n in synonyms if len(n.split()) == 1 and not is_case_sensitive(n)}
    firsts = {fold_word(n.split()[0]) for n in names if len(n.split()) > 1}
    return frozenset(single & firsts)


def _keys_at(tokens: list[Token], i: int) -> list[tuple[str, int]]:
    """The keys the token at ``i`` can be read as, with how many tokens each consumes."""
    word = tokens[i].text
    keys = [(fold_word(word), 1), ("=" + re.sub(r"['’]s$", "", word), 1)]
    if (tokens[i].glued or tokens[i].broken) and i + 1 < len(tokens):
        joined = word + tokens[i + 1].text
        keys += [(fold_word(joined), 2), ("=" + joined, 2)]
    return keys


@lru_cache(maxsize=4096)
def _label_keys(label: str) -> tuple[str, ...]:
    """The keys of a label read as written."""
    return tuple(word_key(t.text) for t in tokenise(label))


def _label_variants(label: str) -> list[list[str]]:
    """A label's key sequences: as written and, for hyphenated words, joined."""
    variants = [list(_label_keys(label))]
    if any(h in label for h in HYPHENS):
        variants.append(list(_label_keys(re.sub(r"(?<=\w)[-‐‑–](?=\w)", "", label))))
    return [v for v in variants if v]


def _head_variants(label: str) -> list[list[str]]:
    """A label ending in *metastasis*, read with the heads radiology writes in its place.

    "Intramedullary metastasis" is also "intramedullary metastatic lesion" (or deposit, disease, focus, tumour).
    """
    keys = list(_label_keys(label))
    if not keys or keys[-1] != "metastasis":
        return []
    return [keys[:-1] + ["metastatic", head] for head in METASTATIC_HEADS]


def _inverted_variants(label: str) -> list[list[str]]:
    """A label naming a change of a structure, read the way prose often writes it: the change first.

    "Cord enlargement" is also "enlargement of the cord", "thecal sac compression" also "compression of
    the thecal sac".
    """
    words = label.split()
    if not 2 <= len(words) <= 4 or not CHANGE_NOUN.search(words[-1]) or any(is_case_sensitive(w) for w in words):
        return []
    keys = list(_label_keys(label))
    return [keys[-1:] + ["of"] + keys[:-1], keys[-1:] + ["of", "the"] + keys[:-1]]


class _Hierarchy:
    """Ancestors of the ontology's terms, to place each in a category."""

    def __init__(self, ontology: Graph):
        self.ontology = ontology
        self.entity = SK.Entity
        self.parents: dict[URIRef, set[URIRef]] = {}
        for child, parent in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(child, URIRef) and isinstance(parent, URIRef):
                self.parents.setdefault(child, set()).add(parent)
        for child, definition in ontology.subject_objects(OWL.equivalentClass):
            members = ontology.value(definition, OWL.intersectionOf) if isinstance(child, URIRef) else None
            for member in ontology.items(members) if members is not None else ():
                if isinstance(member, URIRef):
                    self.parents.setdefault(child, set()).add(member)
        self.top = {self.entity} | {c for c, ps in self.parents.items() if self.entity in ps}
        self.descendants: dict[URIRef, int] = {}
        for child in self.parents:
            for ancestor in self.ancestors(child):
                if ancestor != child:
                    self.descendants[ancestor] = self.descendants.get(ancestor, 0) + 1

    def ancestors(self, term: URIRef) -> dict[URIRef, int]:
        """Every ancestor of a class, or of an individual's classes, with its distance."""
        start = [term] if term in self.parents else list(self._types(term))
        seen = {t: 0 for t in start}
        queue = deque(start)
        while queue:
            current = queue.popleft()
            for parent in self.parents.get(current, ()):
                if parent not in seen:
                    seen[parent] = seen[current] + 1
                    queue.append(parent)
        return seen

    def _types(self, term: URIRef):
        return (t for t in self.ontology.objects(term, RDF.type) if isinstance(t, URIRef) and t != OWL.NamedIndividual)

    def domain_terms(self) -> list[URIRef]:
        """Classes and individuals that lie below ``sk:Entity``."""
        classes = [c for c in self.ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)]
        individuals = [i for i in self.ontology.subjects(RDF.type, OWL.NamedIndividual) if isinstance(i, URIRef)]
        return sorted(
            {t for t in classes + individuals if str(t).startswith(str(SK)) and self.entity in self.ancestors(t)}
        )

    def is_level(self, term: URIRef) -> bool:
        """Vertebral levels are found by :mod:`kg.extract.levels`, with their ranges."""
        return SK.VertebralLevel in self.ancestors(term) and term not in self.parents

    def concept(self, term: URIRef) -> Concept | None:
        """The concept of a term, with its category and depth."""
        ancestors = self.ancestors(term)
        names = {str(a).rsplit("/", 1)[-1] for a in ancestors} | {str(term).rsplit("/", 1)[-1]}
        category = next((cat for cat, root in CATEGORIES if root in names), "other")
        label = next((str(o) for o in self.ontology.objects(term, RDFS.label)), str(term).rsplit("/", 1)[-1])
        depth = ancestors.get(self.entity, 0)
        below = self.descendants.get(term, 0)
        broad = term in self.top or (depth <= 2 and below > 0) or (depth <= 3 and below >= BROAD_DESCENDANTS)
        grouping = any(str(o).lower() == "true" for o in self.ontology.objects(term, SK.groupingClass))
        return Concept(
            term,
            str(term).rsplit("/", 1)[-1],
            label,
            category,
            depth,
            term in self.top,
            broad,
            frozenset(names),
            self.defined_site(term),
            grouping,
        )

    def defined_site(self, term: URIRef) -> str | None:
        """The site a class is defined to lie in (``locatedIn some X`` in its definition or superclass axioms)."""
        for prop in (OWL.equivalentClass, RDFS.subClassOf):
            for node in self.ontology.objects(term, prop):
                site = self._restricted_site(node)
                if site is not None:
                    return site
        return None

    def _restricted_site(self, node) -> str | None:
        """``X`` of a ``locatedIn some X`` restriction, looking inside intersections."""
        if isinstance(node, URIRef):
            return None
        if self.ontology.value(node, OWL.onProperty) == SK.locatedIn:
            target = self.ontology.value(node, OWL.someValuesFrom)
            return str(target).rsplit("/", 1)[-1] if isinstance(target, URIRef) else None
        members = self.ontology.value(node, OWL.intersectionOf)
        if members is not None:
            for member in self.ontology.items(members):
                site = self._restricted_site(member)
                if site is not None:
                    return site
        return None
