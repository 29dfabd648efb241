"""Classify the case individuals of the corpus with HermiT, through owlready2.

The reasoner sees the hand-edited ontology (``ontology/spinekg-edit.ttl``) and the case ABox: the
patients, lesions and procedures of the case reports with the facts asserted about them. It does
not see the general-knowledge triples, which use classes as subjects (OWL 2 punning) and say what
is typical, not what is true of every member.

owlready2 does not read Turtle, so the ontology and the ABox are written together as N-Triples to
a temporary folder and loaded into a fresh :class:`owlready2.World` per call, which keeps calls
independent of each other and of owlready2's default world.

A case triple whose object is a class of the ontology (``case:tumour sk:locatedIn
sk:EpiduralSpace``) cannot be an OWL property assertion, because its object is not an individual.
It becomes the class assertion ``case:tumour : (locatedIn some EpiduralSpace)``, which is what the
curator means and what lets the defined compartment classes (``sk:ExtraduralLesion`` ...) classify
the lesion. A triple to an individual (``case:tumour sk:atLevel sk:T2``) stays a property assertion.

HermiT: http://www.hermit-reasoner.com/ ; owlready2 reasoning:
https://owlready2.readthedocs.io/en/latest/reasoning.html
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD


@dataclass
class ReasoningResult:
    """What HermiT concluded about the ontology and the case individuals.

    Attributes:
        consistent: False when the ontology with the ABox has no model.
        inferred: The new triples only: ``rdf:type`` of case individuals (every named class they
            belong to that the ABox did not assert), object property values HermiT derived between
            individuals, and ``rdfs:subClassOf`` between named classes that the ontology does not
            state.
        unsatisfiable: IRIs of named classes that can have no member.
        seconds: Wall time of loading and reasoning.
        explanation: For an inconsistent input, the reasoner's message; otherwise empty.
        ignored: ABox triples not given to the reasoner, because their predicate is not an object
            or datatype property of the ontology, their class is unknown, or their value does not
            fit the property's kind.
    """

    consistent: bool
    inferred: Graph
    unsatisfiable: list[str]
    seconds: float
    explanation: str = ""
    ignored: list[tuple] = field(default_factory=list)


@dataclass(frozen=True)
class _Vocabulary:
    """The named classes, properties and individuals the ontology declares."""

    classes: frozenset
    object_properties: frozenset
    datatype_properties: frozenset
    individuals: frozenset

    @classmethod
    def of(cls, ontology: Graph) -> _Vocabulary:
        """Collect the declarations of ``ontology``."""

        def typed(kind):
            return frozenset(s for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef))

        return cls(
            classes=typed(OWL.Class),
            object_properties=typed(OWL.ObjectProperty),
            datatype_properties=typed(OWL.DatatypeProperty),
            individuals=typed(OWL.NamedIndividual),
        )


def reason(ontology_ttl: Path, abox: Graph) -> ReasoningResult:
    """Run HermiT on the ontology plus a case ABox and return what it adds.

    Args:
        ontology_ttl: The Turtle ontology (the hand-edited file).
        abox: Case individuals with their ``rdf:type`` and ``sk:`` property triples.

    Returns:
        The reasoning result; an inconsistent input gives ``consistent=False`` and the reasoner's
        explanation rather than an exception.
    """
    started = time.perf_counter()
    ontology = Graph().parse(ontology_ttl, format="turtle")
    vocabulary = _Vocabulary.of(ontology)
    translated, ignored = translate_abox(abox, vocabulary)
    individuals = sorted(
        {s for s in translated.subjects(RDF.type, OWL.NamedIndividual)} - vocabulary.individuals
    )
    world = owlready2.World()
    try:
        with tempfile.TemporaryDirectory(prefix="spinekg-reason-") as tmp:
            source = Path(tmp) / "ontology-and-abox.nt"
            (ontology + translated).serialize(source, format="nt", encoding="utf-8")
            onto = world.get_ontology(source.as_uri()).load()
        asserted_parents = _named_parents(world, vocabulary.classes)
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as error:
            explanation = _explain(error, ontology, abox)
            return ReasoningResult(
                False, Graph(), [], time.perf_counter() - started, explanation, ignored
            )
        inferred = Graph()
        _add_types(inferred, world, individuals, translated)
        _add_property_values(inferred, world, individuals, translated, vocabulary)
        _add_subclasses(inferred, world, vocabulary.classes, asserted_parents)
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing)
        )
    finally:
        world.close()
    return ReasoningResult(
        True, inferred, unsatisfiable, time.perf_counter() - started, "", ignored
    )


def translate_abox(abox: Graph, vocabulary: _Vocabulary) -> tuple[Graph, list[tuple]]:
    """Turn the case triples into OWL 2 DL axioms the reasoner accepts.

    Args:
        abox: The case triples as the build asserts them.
        vocabulary: What the ontology declares.

    Returns:
        The translated triples, and the triples left out with the reason for each.
    """
    out = Graph()
    ignored: list[tuple] = []
    for s, p, o in abox:
        if not isinstance(s, URIRef):
            ignored.append((s, p, o, "subject is not an IRI"))
            continue
        reason_left_out = _translate(out, s, p, o, vocabulary)
        if reason_left_out:
            ignored.append((s, p, o, reason_left_out))
        else:
            out.add((s, RDF.type, OWL.NamedIndividual))
    return out, ignored


def _translate(out: Graph, s: URIRef, p: URIRef, o, vocabulary: _Vocabulary) -> str:
    """Add the OWL form of one case triple to ``out``; return why it was left out, or ''."""
    if p == RDF.type:
        if o == OWL.NamedIndividual:
            return ""
        if o in vocabulary.classes:
            out.add((s, RDF.type, o))
            return ""
        return "type is not a class of the ontology"
    if p in vocabulary.object_properties:
        if o in vocabulary.classes and o not in vocabulary.individuals:
            restriction = BNode()
            out.add((restriction, RDF.type, OWL.Restriction))
            out.add((restriction, OWL.onProperty, p))
            out.add((restriction, OWL.someValuesFrom, o))
            out.add((s, RDF.type, restriction))
            return ""
        if isinstance(o, URIRef):
            out.add((s, p, o))
            out.add((o, RDF.type, OWL.NamedIndividual))
            return ""
        return "object property with a literal value"
    if p in vocabulary.datatype_properties:
        if isinstance(o, Literal):
            out.add((s, p, o))
            return ""
        return "datatype property with a non-literal value"
    return "predicate is not an object or datatype property of the ontology"


def _named_parents(world: owlready2.World, classes: frozenset) -> dict[str, set[str]]:
    """Every named ancestor of every named class, before reasoning."""
    parents = {}
    for iri in classes:
        entity = world[str(iri)]
        if isinstance(entity, owlready2.ThingClass):
            parents[str(iri)] = {a.iri for a in entity.ancestors(include_self=False)}
    return parents


def _add_types(
    inferred: Graph, world: owlready2.World, individuals: list, translated: Graph
) -> None:
    """Add every named class of each case individual that the ABox did not assert."""
    for iri in individuals:
        entity = world[str(iri)]
        if entity is None:
            continue
        asserted = set(translated.objects(iri, RDF.type))
        for parent in entity.is_a:
            if not isinstance(parent, owlready2.ThingClass):
                continue
            for ancestor in parent.ancestors(include_self=True):
                node = URIRef(ancestor.iri)
                if node != OWL.Thing and node not in asserted:
                    inferred.add((iri, RDF.type, node))


def _add_property_values(
    inferred: Graph,
    world: owlready2.World,
    individuals: list,
    translated: Graph,
    vocabulary: _Vocabulary,
) -> None:
    """Add object property values between individuals that HermiT derived."""
    for iri in individuals:
        entity = world[str(iri)]
        if entity is None:
            continue
        for prop in entity.get_properties():
            prop_iri = URIRef(prop.iri)
            if prop_iri not in vocabulary.object_properties:
                continue
            for value in prop[entity]:
                if isinstance(value, owlready2.Thing):
                    triple = (iri, prop_iri, URIRef(value.iri))
                    if triple not in translated:
                        inferred.add(triple)


def _add_subclasses(
    inferred: Graph, world: owlready2.World, classes: frozenset, before: dict[str, set[str]]
) -> None:
    """Add subclass links between named classes that reasoning revealed."""
    for iri in classes:
        entity = world[str(iri)]
        if not isinstance(entity, owlready2.ThingClass):
            continue
        for parent in entity.is_a:
            if (
                isinstance(parent, owlready2.ThingClass)
                and parent.iri not in before.get(str(iri), set())
                and parent.iri != str(OWL.Thing)
            ):
                inferred.add((URIRef(iri), RDFS.subClassOf, URIRef(parent.iri)))


def _explain(
    error: owlready2.OwlReadyInconsistentOntologyError, ontology: Graph, abox: Graph
) -> str:
    """Say why the input has no model: the reasoner's message and the likely culprits in the ABox.

    HermiT reports only that no model exists; to point a curator at the statement to fix, the
    ABox is searched for the usual causes: an individual typed with two disjoint classes, a
    functional property with two values, a literal whose datatype the property's range
    excludes, and a subject or object that the property's domain or range makes impossible.
    """
    culprits = (
        _disjoint_type_clashes(ontology, abox)
        + _functional_clashes(ontology, abox)
        + _datatype_clashes(ontology, abox)
        + _domain_range_clashes(ontology, abox)
    )
    message = (
        str(error).strip() or "HermiT found the ontology with the case individuals inconsistent"
    )
    if culprits:
        message += "; likely cause(s): " + "; ".join(culprits)
    return message


def _named_ancestors(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """A named class with its named superclasses (asserted subclass and equivalence links)."""
    seen, todo = {cls}, [cls]
    while todo:
        current = todo.pop()
        linked = set(ontology.objects(current, RDFS.subClassOf)) | set(
            ontology.objects(current, OWL.equivalentClass)
        )
        linked |= set(ontology.subjects(OWL.equivalentClass, current))
        for parent in linked:
            if isinstance(parent, URIRef) and parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _disjoint_pairs(ontology: Graph) -> set[frozenset]:
    """Every pair of named classes the ontology declares disjoint."""
    pairs = {frozenset((a, b)) for a, b in ontology.subject_objects(OWL.disjointWith)}
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(axiom, OWL.members)))
        pairs |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1 :]}
    return pairs


def _disjoint_type_clashes(ontology: Graph, abox: Graph) -> list[str]:
    """Individuals whose asserted classes fall under two disjoint classes."""
    pairs = _disjoint_pairs(ontology)
    clashes = []
    for individual in sorted(set(abox.subjects(RDF.type, None))):
        types = {
            t
            for t in abox.objects(individual, RDF.type)
            if isinstance(t, URIRef) and t != OWL.NamedIndividual
        }
        ancestry = {t: _named_ancestors(ontology, t) for t in types}
        for pair in sorted(pairs, key=sorted):
            first, second = sorted(pair)
            holders = (
                [t for t in types if first in ancestry[t]],
                [t for t in types if second in ancestry[t]],
            )
            if holders[0] and holders[1]:
                clashes.append(
                    f"<{individual}> is typed {_names(holders[0])} and {_names(holders[1])}, "
                    f"but {_names([first])} and {_names([second])} are disjoint"
                )
    return clashes


def _functional_clashes(ontology: Graph, abox: Graph) -> list[str]:
    """Individuals with more than one value for a functional property."""
    clashes = []
    for prop in sorted(set(ontology.subjects(RDF.type, OWL.FunctionalProperty))):
        for individual in sorted(set(abox.subjects(prop, None))):
            values = sorted(abox.objects(individual, prop))
            if len(values) > 1:
                clashes.append(
                    f"<{individual}> has {len(values)} values for functional "
                    f"{_names([prop])}: {_names(values)}"
                )
    return clashes


NUMERIC_DATATYPES = frozenset(
    XSD[name]
    for name in (
        "decimal integer int long short byte nonNegativeInteger positiveInteger "
        "nonPositiveInteger negativeInteger unsignedInt unsignedLong unsignedShort unsignedByte"
    ).split()
)


def _datatype_clashes(ontology: Graph, abox: Graph) -> list[str]:
    """Literals whose datatype does not fit a numeric or string range of their property."""
    clashes = []
    for prop, declared in sorted(ontology.subject_objects(RDFS.range)):
        if declared not in NUMERIC_DATATYPES and declared != XSD.string:
            continue
        allowed = NUMERIC_DATATYPES if declared in NUMERIC_DATATYPES else {XSD.string, None}
        for individual, value in sorted(abox.subject_objects(prop)):
            if isinstance(value, Literal) and value.datatype not in allowed:
                clashes.append(
                    f"<{individual}> {_names([prop])} {value!r} does not fit the range "
                    f"{_names([declared])}"
                )
    return clashes


def _domain_range_clashes(ontology: Graph, abox: Graph) -> list[str]:
    """Subjects or objects whose classes are disjoint with every class a domain or range allows."""
    pairs = _disjoint_pairs(ontology)
    clashes = []
    for s, p, o in sorted(abox):
        for axis, node, word in ((RDFS.domain, s, "domain"), (RDFS.range, o, "range")):
            allowed = _allowed_classes(ontology, ontology.value(p, axis))
            kinds = (
                [node]
                if (node, RDF.type, OWL.Class) in ontology
                else list(abox.objects(node, RDF.type))
            )
            for kind in kinds:
                if (
                    isinstance(kind, URIRef)
                    and allowed
                    and all(_disjoint(ontology, pairs, kind, a) for a in allowed)
                ):
                    clashes.append(
                        f"<{s}> {_names([p])} {_names([o])}: {_names([kind])} is outside "
                        f"the {word} of {_names([p])} ({_names(allowed)})"
                    )
    return clashes


def _allowed_classes(ontology: Graph, declared) -> list[URIRef]:
    """The named classes of a domain or range: the class itself, or the members of its union."""
    if isinstance(declared, URIRef):
        return [declared]
    union = ontology.value(declared, OWL.unionOf) if declared is not None else None
    return [m for m in Collection(ontology, union) if isinstance(m, URIRef)] if union else []


def _disjoint(ontology: Graph, pairs: set[frozenset], first: URIRef, second: URIRef) -> bool:
    """Whether two named classes fall under a declared disjoint pair."""
    above_first, above_second = (
        _named_ancestors(ontology, first),
        _named_ancestors(ontology, second),
    )
    return any(frozenset((a, b)) in pairs for a in above_first for b in above_second)


def _names(terms) -> str:
    """Short names of terms for a message."""
    return ", ".join(str(t).rsplit("/", 1)[-1] for t in sorted(terms))
