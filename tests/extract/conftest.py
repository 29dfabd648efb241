"""Fixtures of the extraction tests: the ontology's extractor, built once."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.extract.pipeline import Extractor


@pytest.fixture(scope="session")
def ontology(settings) -> Graph:
    """The project's ontology."""
    return Graph().parse(settings.ontology_file, format="turtle")


@pytest.fixture(scope="session")
def extractor(ontology) -> Extractor:
    """The extractor with the ontology's lexicon."""
    return Extractor(ontology)


@pytest.fixture(scope="session")
def lexicon(extractor):
    """The recogniser's lexicon."""
    return extractor.lexicon
