"""Fixtures for the links to RadLex and other ontologies.

* ``linked_dataset``: the real ontology with the curated mappings and the RadLex import added by
  the build stage, in an rdflib dataset (named graphs as in a release).
* ``project_copy``: the real ``ontology/`` folder copied to a temporary project, for commands that
  write files.
* ``radlex_endpoint``: a real Oxigraph SPARQL server (the ``oxigraph`` CLI from PyPI) on a free
  loopback port, serving a small fixture in RadLex's own shape; parametrised over RadLex 4.4's and
  4.3's IRI and annotation forms.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph

from kg.config import Settings
from kg.mappings import add_external_links
from kg.namespaces import MAPPINGS_GRAPH, ONTOLOGY_GRAPH, RADLEX_GRAPH, bind_prefixes
from tests.support import free_port, oxigraph_cli, oxigraph_read_only_server

DATA = Path(__file__).resolve().parent / "data"
ENDPOINT_FIXTURES = {
    "radlex-4.4": DATA / "radlex-4.4-shape.ttl",
    "radlex-4.3": DATA / "radlex-4.3-shape.ttl",
}


@pytest.fixture(scope="session")
def ontology_graph(settings) -> Graph:
    """The hand-edited ontology, parsed once."""
    return Graph().parse(settings.ontology_file, format="turtle")


@pytest.fixture(scope="session")
def linked_dataset(settings, ontology_graph) -> Dataset:
    """The ontology graph plus what the build's linking stage adds (mappings, RadLex import)."""
    dataset = Dataset()
    bind_prefixes(dataset)
    onto = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology_graph:
        onto.add(triple)
    add_external_links(dataset, ontology_graph, settings)
    return dataset


@pytest.fixture(scope="session")
def linked_store(linked_dataset) -> pyoxigraph.Store:
    """The linked dataset in an in-memory pyoxigraph store, the engine the server queries."""
    store = pyoxigraph.Store()
    for name in (ONTOLOGY_GRAPH, MAPPINGS_GRAPH, RADLEX_GRAPH):
        triples = linked_dataset.graph(name).serialize(format="nt").encode("utf-8")
        store.load(
            triples, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(str(name))
        )
    return store


@pytest.fixture(scope="session")
def linked_select(linked_store):
    """A ``select`` function over the store, as the browser passes one (rows of lexical values)."""

    def select(query: str) -> list[dict[str, str]]:
        solutions = linked_store.query(query, use_default_graph_as_union=True)
        names = [variable.value for variable in solutions.variables]
        return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]

    return select


def copy_project(source: Settings, target: Path) -> Settings:
    """Copy the ontology folder (edit file, mappings, imports) to ``target``; its settings."""
    ontology_dir = target / "ontology"
    shutil.copytree(
        source.ontology_file.parent, ontology_dir, ignore=shutil.ignore_patterns("checks", "shapes")
    )
    return Settings(
        ontology_file=ontology_dir / source.ontology_file.name, build_dir=target / "build"
    )


@pytest.fixture
def project_copy(settings, tmp_path) -> Settings:
    """Settings of a temporary copy of the project's ontology folder."""
    return copy_project(settings, tmp_path / "copy")


@pytest.fixture
def closed_url() -> str:
    """A SPARQL URL on a loopback port where nothing listens: an endpoint that is down."""
    return f"http://127.0.0.1:{free_port()}/query"


@pytest.fixture(scope="session", params=sorted(ENDPOINT_FIXTURES))
def radlex_endpoint(request, tmp_path_factory) -> Iterator[str]:
    """A read-only Oxigraph server on loopback with a RadLex-shaped fixture; yields its URL."""
    executable = oxigraph_cli()
    location = tmp_path_factory.mktemp(f"oxigraph-{request.param}")
    subprocess.run(
        [
            executable,
            "load",
            "--location",
            str(location),
            "--file",
            str(ENDPOINT_FIXTURES[request.param]),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with oxigraph_read_only_server(location) as url:
        yield url
