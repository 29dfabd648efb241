"""Relation rules: one named function per pattern, one module per statement kind.

Each rule reads a :class:`~kg.extract.sentence.SentenceView` and yields
:class:`~kg.extract.rules.base.Candidate` statements in the vocabulary of ``curation/README.md``
(subject, predicate, object or value, qualifiers). A rule is registered with ``@rule`` under its name
(recorded on every statement it makes, as ``rule:``) and its reliability, the share of its statements
we expect to be right; :mod:`kg.extract.pipeline` turns reliability, the distance between subject and
object and the clarity of negation into a confidence.

The rules are written against the ontology's categories and general English cue words ("occurs in",
"differential diagnosis includes", "sensitivity of N%"), never against the wording of one paper.
Importing this package registers every rule; their order does not matter, since the pipeline
keeps the most confident of equal statements.
"""

from kg.extract.rules import (  # noqa: F401  (imported to register their rules)
    appearance,
    case_frame,
    definition,
    differential,
    epidemiology,
    location,
    mechanism,
    metastasis,
    performance,
    pitfall,
    sign,
    treatment,
)
from kg.extract.rules.base import COMPARTMENT_SITES, RULES, Candidate, run_rules, simple

__all__ = ["COMPARTMENT_SITES", "RULES", "Candidate", "run_rules", "simple"]
