"""Every saved query of ``queries/`` is a regression test against the real release.

Each must return the rows its ``#+ expect:`` headers name (facts of the papers). The query page,
its downloads and the header parser are tested here too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pyoxigraph
import pytest
import requests
from rdflib.namespace import RDFS

from kg.config import Settings
from kg.namespaces import SK
from server.saved import (
    SavedQueryError,
    load_saved_queries,
    missing_expectations,
    parse_expectation,
    read_saved_query,
    value_matches,
)

SAVED = load_saved_queries(Settings.from_env().queries_dir)
MINIMUM_SAVED_QUERIES = 15


def media_type(response: requests.Response) -> str:
    """The media type of a response, without parameters."""
    return response.headers["Content-Type"].split(";")[0].strip()


def run_saved(live, name: str) -> list[dict]:
    response = requests.get(
        f"{live.url}/query", params={"saved": name, "format": "json"}, timeout=60
    )
    assert response.status_code == 200, response.text
    results = pyoxigraph.parse_query_results(
        response.content, format=pyoxigraph.QueryResultsFormat.JSON
    )
    names = [variable.value for variable in results.variables]
    return [
        {name: solution[name] for name in names if solution[name] is not None}
        for solution in results
    ]


def test_there_are_enough_documented_saved_queries():
    assert len(SAVED) >= MINIMUM_SAVED_QUERIES
    for query in SAVED:
        assert query.title and query.description, query.name
        assert query.expectations, f"{query.name} asserts no expected answer"
    assert len({query.title for query in SAVED}) == len(SAVED)


@pytest.mark.parametrize("query", SAVED, ids=[query.name for query in SAVED])
def test_saved_query_returns_its_expected_answers(release_live, query):
    rows = run_saved(release_live, query.name)
    missing = missing_expectations(query, rows)
    assert not missing, f"{query.name}: no row has {[str(expectation) for expectation in missing]}"


def test_a_wrong_expectation_is_reported_missing(release_live):
    query = next(q for q in SAVED if q.name == "04-signs-sensitivity-specificity")
    rows = run_saved(release_live, query.name)
    wrong = replace(
        query, expectations=(parse_expectation("sign=sk:HaloSign; sensitivity=76", "test"),)
    )
    assert missing_expectations(wrong, rows) == list(wrong.expectations)
    right = replace(
        query, expectations=(parse_expectation("sign=sk:HaloSign; sensitivity=75.0", "test"),)
    )
    assert missing_expectations(right, rows) == []


def test_query_page_lists_saved_queries_and_prefills_prefixes(release_live, checked):
    response = checked(requests.get(f"{release_live.url}/query", timeout=30))
    assert response.status_code == 200
    page = response.text
    assert f"PREFIX sk: &lt;{SK}&gt;" in page
    for query in SAVED:
        assert f'href="/query?saved={query.name}#results"' in page
        assert query.title.replace("'", "&#39;") in page


def test_saved_query_page_shows_a_linked_table(release_live, checked):
    response = checked(
        requests.get(
            f"{release_live.url}/query", params={"saved": "06-differential-diagnosis"}, timeout=60
        )
    )
    assert response.status_code == 200
    table = response.text.split('<table class="results-table">', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">differential</th>' in table
    assert 'href="/ontology/VertebralHemangioma"' in table and ">vertebral hemangioma</a>" in table
    assert 'href="/query?format=csv&amp;saved=06-differential-diagnosis"' in response.text


def test_csv_and_json_downloads(release_live, checked):
    url = f"{release_live.url}/query"
    csv_response = checked(
        requests.get(
            url, params={"saved": "06-differential-diagnosis", "format": "csv"}, timeout=60
        )
    )
    assert media_type(csv_response) == "text/csv"
    assert 'filename="06-differential-diagnosis.csv"' in csv_response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.text)))
    assert {row["differential"] for row in rows} >= {
        str(SK.VertebralHemangioma),
        str(SK.DiscitisOsteomyelitis),
    }
    edited = f"SELECT ?label WHERE {{ <{SK.HaloSign}> <{RDFS.label}> ?label }}"
    json_response = checked(
        requests.get(url, params={"query": edited, "format": "json"}, timeout=60)
    )
    assert media_type(json_response) == "application/sparql-results+json"
    assert json_response.json()["results"]["bindings"][0]["label"]["value"] == "halo sign"


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("SELECT ?s WHERE { ?s ?p }", 400, "syntax error"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "read-only"),
    ],
)
def test_refused_queries_show_the_reason_on_the_page(release_live, checked, query, status, message):
    response = checked(
        requests.get(f"{release_live.url}/query", params={"query": query}, timeout=30)
    )
    assert response.status_code == status
    assert message in response.text
    assert "<textarea" in response.text, "the editor keeps the query to fix it"


def test_ask_and_construct_on_the_page(release_live, checked):
    ask = checked(
        requests.get(
            f"{release_live.url}/query",
            params={"query": f"ASK {{ <{SK.HaloSign}> ?p ?o }}"},
            timeout=30,
        )
    )
    assert "The answer is <strong>yes</strong>" in ask.text
    construct = f"CONSTRUCT {{ <{SK.HaloSign}> ?p ?o }} WHERE {{ <{SK.HaloSign}> ?p ?o }}"
    page = checked(
        requests.get(f"{release_live.url}/query", params={"query": construct}, timeout=30)
    )
    assert '<th scope="col">predicate</th>' in page.text and ">halo sign</a>" in page.text


def test_header_parser(tmp_path):
    path = tmp_path / "01-example.rq"
    path.write_text(
        "#+ title: An example\n#+ description: first line\n#+   continued\n"
        '#+ expect: a=sk:HaloSign; b=99.5; c="x; y"\nSELECT * WHERE { ?a ?b ?c }\n',
        encoding="utf-8",
    )
    query = read_saved_query(path)
    assert query.title == "An example"
    assert query.description == "first line continued"
    assert query.text == "SELECT * WHERE { ?a ?b ?c }\n"
    (expectation,) = query.expectations
    assert expectation.bindings == (("a", "sk:HaloSign"), ("b", "99.5"), ("c", '"x; y"'))
    assert value_matches(pyoxigraph.NamedNode(str(SK.HaloSign)), "sk:HaloSign")
    assert value_matches(
        pyoxigraph.Literal(
            "99.50", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
        ),
        "99.5",
    )
    assert value_matches(pyoxigraph.Literal("x; y"), '"x; y"')
    assert not value_matches(pyoxigraph.Literal("HaloSign"), "sk:HaloSign")


@pytest.mark.parametrize(
    "header",
    [
        "#+ titel: misspelt\n",
        "#+ title: t\n#+ expect: no equals sign\n",
        "#+ description: no title\n",
    ],
)
def test_malformed_headers_are_refused(tmp_path, header):
    path = tmp_path / "bad.rq"
    path.write_text(header + "SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(SavedQueryError, match="bad.rq"):
        read_saved_query(path)
