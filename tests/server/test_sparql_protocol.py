"""The SPARQL 1.1 Protocol at /sparql, spoken by real clients to a live server on loopback.

Answers are parsed back (SPARQL results, RDF) and compared with what the fixture release holds.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph
import pytest
import rdflib
import requests
from rdflib.compare import to_isomorphic
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, JSONLD, TURTLE, XML, SPARQLWrapper

from kg.namespaces import SD, SK, SKR, VOID
from server.errors import ReadOnlyViolation
from server.sparql import run_query

# rdflib's own TriG and JSON-LD parsers, and SPARQLWrapper's RDF conversion, call APIs that rdflib
# 7.6 deprecates; those warnings come from inside the libraries, not from this project.
pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]

ONTOLOGY_GRAPH = str(SKR["graph/ontology"])
INFERENCES_GRAPH = str(SKR["graph/inferences"])
DOCUMENT_GRAPH = str(SKR["graph/document/000_891c798bf44889b1"])

STATEMENT_OBJECTS = """
PREFIX sk: <https://w3id.org/spinekg/ontology/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?statement ?object WHERE {
  ?statement a sk:Statement ; rdf:object ?object .
} ORDER BY ?statement
"""
EXPECTED_STATEMENT_OBJECTS = [
    (str(SKR["statement/000_891c798bf44889b1/S001"]), str(SK.Isointense)),
    (str(SKR["statement/000_891c798bf44889b1/S002"]), str(SK.Hyperintense)),
]
ONTOLOGY_CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
HAS_EVIDENCE = "PREFIX sk: <https://w3id.org/spinekg/ontology/> ASK { ?s sk:evidence ?e }"
HAS_NO_SUCH_TRIPLE = "ASK { <http://example.org/a> <http://example.org/b> ?c }"


def _wrapper(live, query: str, return_format: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(live.endpoint)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(return_format)
    return wrapper


def _solutions(body: bytes, results_format: pyoxigraph.QueryResultsFormat) -> list[tuple[str, str]]:
    solutions = pyoxigraph.parse_query_results(body, format=results_format)
    return [(row["statement"].value, row["object"].value) for row in solutions]


@pytest.fixture(scope="module")
def ontology_graph(fixture_dataset) -> rdflib.Graph:
    """The fixture's ontology graph, what the CONSTRUCT of the ontology graph must give back."""
    graph = rdflib.Graph()
    for triple in fixture_dataset.graph(rdflib.URIRef(ONTOLOGY_GRAPH)):
        graph.add(triple)
    return graph


# --- SPARQLWrapper ---------------------------------------------------------------------------


def test_sparqlwrapper_select_json(live):
    results = _wrapper(live, STATEMENT_OBJECTS, JSON).query().convert()
    rows = [(b["statement"]["value"], b["object"]["value"]) for b in results["results"]["bindings"]]
    assert rows == EXPECTED_STATEMENT_OBJECTS


def test_sparqlwrapper_select_xml(live):
    document = _wrapper(live, STATEMENT_OBJECTS, XML).query().convert()
    results = document.getElementsByTagName("result")
    rows = [
        tuple(
            binding.getElementsByTagName("uri")[0].firstChild.data
            for binding in result.getElementsByTagName("binding")
        )
        for result in results
    ]
    assert rows == EXPECTED_STATEMENT_OBJECTS


@pytest.mark.parametrize("return_format", [JSON, XML])
@pytest.mark.parametrize(("query", "expected"), [(HAS_EVIDENCE, True), (HAS_NO_SUCH_TRIPLE, False)])
def test_sparqlwrapper_ask(live, return_format, query, expected):
    answer = _wrapper(live, query, return_format).query().convert()
    if return_format == JSON:
        assert answer["boolean"] is expected
    else:
        assert answer.getElementsByTagName("boolean")[0].firstChild.data == str(expected).lower()


@pytest.mark.parametrize("return_format", [TURTLE, XML, JSONLD])
def test_sparqlwrapper_construct(live, ontology_graph, return_format):
    converted = _wrapper(live, ONTOLOGY_CONSTRUCT, return_format).query().convert()
    if isinstance(converted, rdflib.Graph):
        graph = converted
    else:
        graph = rdflib.Graph().parse(data=converted, format="turtle")
    assert to_isomorphic(graph) == to_isomorphic(ontology_graph)


def test_sparqlwrapper_post(live):
    wrapper = _wrapper(live, STATEMENT_OBJECTS, JSON)
    wrapper.setMethod("POST")
    results = wrapper.query().convert()
    assert len(results["results"]["bindings"]) == 2


# --- rdflib's SPARQLStore --------------------------------------------------------------------


def test_rdflib_sparqlstore_reads_through_the_endpoint(live):
    graph = rdflib.Graph(SPARQLStore(live.endpoint))
    statements = set(graph.subjects(RDF.type, SK.Statement))
    assert statements == {
        SKR["statement/000_891c798bf44889b1/S001"],
        SKR["statement/000_891c798bf44889b1/S002"],
    }
    rows = list(graph.query(STATEMENT_OBJECTS))
    assert [(str(row.statement), str(row.object)) for row in rows] == EXPECTED_STATEMENT_OBJECTS


def test_rdflib_sparqlstore_named_graph_as_default_graph(live, fixture_dataset):
    graph = rdflib.Graph(SPARQLStore(live.endpoint), identifier=rdflib.URIRef(INFERENCES_GRAPH))
    assert set(graph.triples((None, None, None))) == set(
        fixture_dataset.graph(rdflib.URIRef(INFERENCES_GRAPH))
    )


# --- content negotiation ---------------------------------------------------------------------

SELECT_BY_ACCEPT = [
    (
        "application/sparql-results+json",
        "application/sparql-results+json",
        pyoxigraph.QueryResultsFormat.JSON,
    ),
    ("application/json", "application/sparql-results+json", pyoxigraph.QueryResultsFormat.JSON),
    (
        "application/sparql-results+xml",
        "application/sparql-results+xml",
        pyoxigraph.QueryResultsFormat.XML,
    ),
    ("text/tab-separated-values", "text/tab-separated-values", pyoxigraph.QueryResultsFormat.TSV),
    ("*/*", "application/sparql-results+json", pyoxigraph.QueryResultsFormat.JSON),
]


@pytest.mark.parametrize(("accept", "content_type", "results_format"), SELECT_BY_ACCEPT)
def test_select_by_accept(checked, live, accept, content_type, results_format):
    response = checked(
        requests.get(live.endpoint, params={"query": STATEMENT_OBJECTS}, headers={"Accept": accept})
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == content_type
    assert _solutions(response.content, results_format) == EXPECTED_STATEMENT_OBJECTS


def test_select_as_csv(checked, live):
    response = checked(
        requests.get(
            live.endpoint, params={"query": STATEMENT_OBJECTS}, headers={"Accept": "text/csv"}
        )
    )
    assert response.headers["Content-Type"].split(";")[0] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["statement", "object"]
    assert [tuple(row) for row in rows[1:]] == EXPECTED_STATEMENT_OBJECTS


SELECT_BY_FORMAT = [
    ("json", "application/sparql-results+json", pyoxigraph.QueryResultsFormat.JSON),
    ("xml", "application/sparql-results+xml", pyoxigraph.QueryResultsFormat.XML),
    ("tsv", "text/tab-separated-values", pyoxigraph.QueryResultsFormat.TSV),
]


@pytest.mark.parametrize(("format_name", "content_type", "results_format"), SELECT_BY_FORMAT)
def test_select_by_format_parameter_overrides_accept(
    checked, live, format_name, content_type, results_format
):
    response = checked(
        requests.get(
            live.endpoint,
            params={"query": STATEMENT_OBJECTS, "format": format_name},
            headers={"Accept": "text/csv"},
        )
    )
    assert response.headers["Content-Type"].split(";")[0] == content_type
    assert _solutions(response.content, results_format) == EXPECTED_STATEMENT_OBJECTS


def test_select_csv_by_format_parameter(checked, live):
    response = checked(
        requests.get(live.endpoint, params={"query": STATEMENT_OBJECTS, "format": "csv"})
    )
    assert response.headers["Content-Type"].split(";")[0] == "text/csv"
    assert response.text.splitlines()[0] == "statement,object"


CONSTRUCT_FORMATS = [
    ("text/turtle", "turtle", "text/turtle", "turtle"),
    ("application/n-triples", "ntriples", "application/n-triples", "nt"),
    ("application/ld+json", "jsonld", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "rdfxml", "application/rdf+xml", "xml"),
]


@pytest.mark.parametrize(
    ("accept", "format_name", "content_type", "rdflib_format"), CONSTRUCT_FORMATS
)
def test_construct_by_accept(
    checked, live, ontology_graph, accept, format_name, content_type, rdflib_format
):
    response = checked(
        requests.get(
            live.endpoint, params={"query": ONTOLOGY_CONSTRUCT}, headers={"Accept": accept}
        )
    )
    assert response.headers["Content-Type"].split(";")[0] == content_type
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert to_isomorphic(graph) == to_isomorphic(ontology_graph)


@pytest.mark.parametrize(
    ("accept", "format_name", "content_type", "rdflib_format"), CONSTRUCT_FORMATS
)
def test_construct_by_format_parameter(
    checked, live, ontology_graph, accept, format_name, content_type, rdflib_format
):
    response = checked(
        requests.get(
            live.endpoint,
            params={"query": ONTOLOGY_CONSTRUCT, "format": format_name},
            headers={"Accept": "text/plain;q=0.1"},
        )
    )
    assert response.headers["Content-Type"].split(";")[0] == content_type
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert to_isomorphic(graph) == to_isomorphic(ontology_graph)


def test_describe_returns_the_resource(checked, live):
    query = f"DESCRIBE <{SK.ExtraduralCavernousHemangioma}>"
    response = checked(
        requests.get(live.endpoint, params={"query": query}, headers={"Accept": "text/turtle"})
    )
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    assert (SK.ExtraduralCavernousHemangioma, SK.hasSignal, SK.Isointense) in graph


Q_VALUE_CASES = [
    (STATEMENT_OBJECTS, "application/sparql-results+xml;q=0.5, text/csv;q=0.9", "text/csv"),
    (
        STATEMENT_OBJECTS,
        "text/tab-separated-values;q=0.1, application/sparql-results+json;q=0.2",
        "application/sparql-results+json",
    ),
    (
        STATEMENT_OBJECTS,
        "*/*;q=0.1, application/sparql-results+xml",
        "application/sparql-results+xml",
    ),
    (
        ONTOLOGY_CONSTRUCT,
        "application/rdf+xml;q=0.3, application/n-triples;q=0.8",
        "application/n-triples",
    ),
    (ONTOLOGY_CONSTRUCT, "text/html, */*;q=0.1", "text/turtle"),
]


@pytest.mark.parametrize(("query", "accept", "content_type"), Q_VALUE_CASES)
def test_q_values_choose_the_format(checked, live, query, accept, content_type):
    response = checked(
        requests.get(live.endpoint, params={"query": query}, headers={"Accept": accept})
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == content_type


def test_no_acceptable_format_is_406(checked, live):
    response = checked(
        requests.get(
            live.endpoint, params={"query": STATEMENT_OBJECTS}, headers={"Accept": "image/png"}
        )
    )
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_format_for_the_other_query_form_is_400(checked, live):
    response = checked(
        requests.get(live.endpoint, params={"query": STATEMENT_OBJECTS, "format": "turtle"})
    )
    assert response.status_code == 400
    assert "format='turtle'" in response.text


# --- POST ------------------------------------------------------------------------------------


def test_post_form_encoded(checked, live):
    response = checked(
        requests.post(
            live.endpoint,
            data={"query": STATEMENT_OBJECTS},
            headers={"Accept": "application/sparql-results+json"},
        )
    )
    assert response.status_code == 200
    assert (
        _solutions(response.content, pyoxigraph.QueryResultsFormat.JSON)
        == EXPECTED_STATEMENT_OBJECTS
    )


def test_post_sparql_query_body(checked, live):
    response = checked(
        requests.post(
            live.endpoint,
            data=STATEMENT_OBJECTS.encode(),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+xml",
            },
        )
    )
    assert response.status_code == 200
    assert (
        _solutions(response.content, pyoxigraph.QueryResultsFormat.XML)
        == EXPECTED_STATEMENT_OBJECTS
    )


def test_post_sparql_query_body_with_graph_parameters_in_the_url(checked, live):
    response = checked(
        requests.post(
            live.endpoint,
            params={"default-graph-uri": INFERENCES_GRAPH},
            data=b"SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            headers={"Content-Type": "application/sparql-query"},
        )
    )
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "2"


# --- datasets --------------------------------------------------------------------------------


def _count(checked, live, query: str, **params) -> int:
    response = checked(requests.get(live.endpoint, params={"query": query, **params}))
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union_of_named_graphs(checked, live, fixture_dataset):
    quads = sum(len(graph) for graph in fixture_dataset.graphs())
    assert _count(checked, live, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == quads


def test_default_graph_uri_sets_the_default_graph(checked, live, fixture_dataset):
    expected = len(fixture_dataset.graph(rdflib.URIRef(ONTOLOGY_GRAPH)))
    assert (
        _count(
            checked,
            live,
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            **{"default-graph-uri": ONTOLOGY_GRAPH},
        )
        == expected
    )


def test_named_graph_uri_limits_the_named_graphs(checked, live):
    response = checked(
        requests.get(
            live.endpoint,
            params={
                "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                "named-graph-uri": [INFERENCES_GRAPH, DOCUMENT_GRAPH],
            },
        )
    )
    graphs = {binding["g"]["value"] for binding in response.json()["results"]["bindings"]}
    assert graphs == {INFERENCES_GRAPH, DOCUMENT_GRAPH}


def test_from_chooses_the_default_graph(checked, live, fixture_dataset):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{INFERENCES_GRAPH}> WHERE {{ ?s ?p ?o }}"
    assert _count(checked, live, query) == len(
        fixture_dataset.graph(rdflib.URIRef(INFERENCES_GRAPH))
    )


# --- limits and headers ----------------------------------------------------------------------


def test_results_past_the_row_limit_are_truncated_and_flagged(checked, live):
    response = checked(
        requests.get(live.endpoint, params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"})
    )
    assert response.headers["X-SpineKG-Truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == live.app.config["MAX_RESULT_ROWS"]


def test_construct_past_the_row_limit_is_truncated(checked, live):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = checked(
        requests.get(
            live.endpoint, params={"query": query}, headers={"Accept": "application/n-triples"}
        )
    )
    assert response.headers["X-SpineKG-Truncated"] == "true"
    assert (
        len(rdflib.Graph().parse(data=response.content, format="nt"))
        == live.app.config["MAX_RESULT_ROWS"]
    )


def test_results_within_the_row_limit_are_not_flagged(checked, live, fixture_dataset):
    query = f"SELECT * WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
    response = checked(requests.get(live.endpoint, params={"query": query}))
    assert "X-SpineKG-Truncated" not in response.headers
    assert len(response.json()["results"]["bindings"]) == len(
        fixture_dataset.graph(rdflib.URIRef(ONTOLOGY_GRAPH))
    )


def test_cors_on_get(checked, live):
    response = checked(
        requests.get(
            live.endpoint, params={"query": HAS_EVIDENCE}, headers={"Origin": "https://example.org"}
        )
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight(checked, live):
    response = checked(
        requests.options(
            live.endpoint,
            headers={
                "Origin": "https://example.org",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "Content-Type",
            },
        )
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert {"GET", "POST"} <= {
        method.strip() for method in response.headers["Access-Control-Allow-Methods"].split(",")
    }
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize("path", ["/sparql", "/void", "/no-such-page"])
def test_security_headers_on_every_response(checked, live, path):
    response = checked(requests.get(live.url + path))
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- service description and VoID -----------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ],
)
def test_service_description(checked, live, fixture_dataset, accept, rdflib_format):
    response = checked(requests.get(live.endpoint, headers={"Accept": accept}))
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == accept
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == rdflib.URIRef(live.endpoint)
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    result_formats = set(graph.objects(service, SD.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in result_formats
    assert rdflib.URIRef("http://www.w3.org/ns/formats/Turtle") in result_formats
    dataset = graph.value(service, SD.defaultDataset)
    named = {graph.value(entry, SD.name) for entry in graph.objects(dataset, SD.namedGraph)}
    expected = {
        g.identifier
        for g in fixture_dataset.graphs()
        if len(g) and isinstance(g.identifier, rdflib.URIRef)
    }
    assert named == expected


def test_service_description_page_for_browsers(checked, live):
    response = checked(
        requests.get(live.endpoint, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    )
    assert response.headers["Content-Type"].startswith("text/html")
    assert '<form action="' + live.endpoint + '"' in response.text
    assert DOCUMENT_GRAPH in response.text


@pytest.fixture(scope="module")
def void_graph(checked, live) -> rdflib.Graph:
    """The VoID description, parsed."""
    response = checked(requests.get(live.url + "/void", headers={"Accept": "text/turtle"}))
    assert response.status_code == 200
    return rdflib.Graph().parse(data=response.content, format="turtle")


def _int(graph: rdflib.Graph, node, predicate) -> int:
    return int(graph.value(node, predicate))


def test_void_counts_equal_direct_counts(void_graph, fixture_dataset, live):
    dataset = void_graph.value(predicate=VOID.sparqlEndpoint, object=rdflib.URIRef(live.endpoint))
    triples = {triple for graph in fixture_dataset.graphs() for triple in graph}
    assert _int(void_graph, dataset, VOID.triples) == len(triples)
    assert _int(void_graph, dataset, VOID.distinctSubjects) == len({s for s, _, _ in triples})
    assert _int(void_graph, dataset, VOID.properties) == len({p for _, p, _ in triples})
    assert _int(void_graph, dataset, VOID.classes) == len(
        {o for _, p, o in triples if p == RDF.type}
    )


def test_void_subsets_count_each_named_graph(void_graph, fixture_dataset, live):
    dataset = void_graph.value(predicate=VOID.sparqlEndpoint, object=rdflib.URIRef(live.endpoint))
    subsets = {
        void_graph.value(subset, SD.name): subset
        for subset in void_graph.objects(dataset, VOID.subset)
    }
    expected = {g.identifier: g for g in fixture_dataset.graphs() if len(g)}
    assert set(subsets) == set(expected)
    for name, subset in subsets.items():
        graph = expected[name]
        assert _int(void_graph, subset, VOID.triples) == len(graph)
        assert _int(void_graph, subset, VOID.distinctSubjects) == len(set(graph.subjects()))
        assert _int(void_graph, subset, VOID.classes) == len(set(graph.objects(None, RDF.type)))


def test_void_json_ld(checked, live):
    response = checked(requests.get(live.url + "/void", params={"format": "jsonld"}))
    assert response.headers["Content-Type"] == "application/ld+json"
    assert json.loads(response.text)


def test_run_query_serves_other_blueprints(live):
    with live.app.test_request_context():
        answer = run_query(STATEMENT_OBJECTS)
        graph_answer = run_query(ONTOLOGY_CONSTRUCT, graph_format="ntriples")
        with pytest.raises(ReadOnlyViolation):
            run_query("CLEAR ALL")
    assert answer.media_type == "application/sparql-results+json"
    assert _solutions(answer.body, pyoxigraph.QueryResultsFormat.JSON) == EXPECTED_STATEMENT_OBJECTS
    assert graph_answer.media_type == "application/n-triples"
