"""The "sparql" store backend: a remote SPARQL server (Oxigraph's CLI server) behind the endpoint.

First the backend alone, compared with the embedded store holding the same release; then the
SpineKG endpoint configured with ``STORE_BACKEND="sparql"``, forwarding to the remote server and
still applying its own checks.
"""

from __future__ import annotations

import pytest
import requests

from kg.store import StoreSettings, open_store, served_release_id

ONTOLOGY_GRAPH = "https://w3id.org/spinekg/resource/graph/ontology"
OBJECTS = (
    "SELECT ?s ?o WHERE { GRAPH ?g { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o } }"
    " ORDER BY ?s"
)


@pytest.fixture(scope="module")
def stores(oxigraph_server):
    """The remote backend and the embedded store, serving the same release."""
    url, store_dir = oxigraph_server
    return open_store(StoreSettings(backend="sparql", endpoint=url)), open_store(
        StoreSettings(store_dir=store_dir)
    )


def test_remote_select_ask_construct_match_the_embedded_store(stores):
    remote, embedded = stores
    rows = [(row["s"].value, row["o"].value) for row in remote.query(OBJECTS)]
    assert rows == [(row["s"].value, row["o"].value) for row in embedded.query(OBJECTS)]
    assert len(rows) == 2
    assert bool(remote.query("ASK { GRAPH ?g { ?s ?p ?o } }"))
    assert not bool(remote.query("ASK { GRAPH ?g { <http://example.org/x> ?p ?o } }"))
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
    assert set(remote.query(construct)) == set(embedded.query(construct))


def test_remote_statistics_match_the_embedded_store(stores, oxigraph_server):
    remote, embedded = stores
    assert remote.statistics() == embedded.statistics()
    assert remote.graph_names() == embedded.graph_names()
    url, _ = oxigraph_server
    assert served_release_id(StoreSettings(backend="sparql", endpoint=url)) == url


def test_remote_backend_passes_the_protocol_dataset(stores):
    remote, embedded = stores
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    (remote_row,) = remote.query(query, default_graphs=[ONTOLOGY_GRAPH])
    (embedded_row,) = embedded.query(query, default_graphs=[ONTOLOGY_GRAPH])
    assert int(remote_row["n"].value) == int(embedded_row["n"].value) == 44


@pytest.fixture(scope="module")
def forwarding(start_server, oxigraph_server):
    """The SpineKG endpoint with the remote backend."""
    url, _ = oxigraph_server
    return start_server(STORE_BACKEND="sparql", STORE_ENDPOINT=url, QUERY_TIMEOUT=5)


def test_endpoint_forwards_queries_to_the_remote_server(checked, forwarding):
    response = checked(
        requests.get(forwarding.endpoint, params={"query": OBJECTS}, headers={"Accept": "text/csv"})
    )
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert lines[0] == "s,o"
    assert lines[1].endswith(",https://w3id.org/spinekg/ontology/Isointense")


def test_endpoint_with_remote_backend_still_refuses_updates_and_service(checked, forwarding):
    update = checked(requests.post(forwarding.endpoint, data={"query": "CLEAR ALL"}))
    assert update.status_code == 403
    service = checked(
        requests.get(
            forwarding.endpoint,
            params={"query": "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"},
        )
    )
    assert service.status_code == 403


def test_endpoint_with_remote_backend_describes_its_graphs(checked, forwarding):
    response = checked(
        requests.get(forwarding.url + "/void", headers={"Accept": "application/n-triples"})
    )
    assert response.status_code == 200
    assert f"<{ONTOLOGY_GRAPH}>" in response.text
