"""Run the browser's queries through the SPARQL endpoint's worker pool.

The pages (entity, document, search, saved queries) read the store only with SPARQL, through
:func:`server.sparql.run_query`: the same read-only checks, time limit and row limit as the public
endpoint, evaluated by the same pyoxigraph worker processes. Answers come back serialised and are
parsed here into pyoxigraph terms (SELECT) or triples (CONSTRUCT).
"""

from __future__ import annotations

import pyoxigraph
from flask import current_app

from kg.store import iri_ref as iri  # noqa: F401  (re-exported for the page modules)
from kg.store import served_release_id as _store_release_id
from server import sparql
from server.query_execution import QueryResponse

Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
Row = dict[str, Term]


def select(query: str) -> list[Row]:
    """Run a SELECT query and return its solutions as dictionaries of bound variables.

    Raises:
        server.errors.SparqlRequestError: when the endpoint refuses or times out the query.
        kg.store.StoreError: when the store is unavailable.
    """
    answer = sparql.run_query(query, result_format="json")
    solutions = pyoxigraph.parse_query_results(
        answer.body, format=pyoxigraph.QueryResultsFormat.JSON
    )
    names = [variable.value for variable in solutions.variables]
    return [
        {name: solution[name] for name in names if solution[name] is not None}
        for solution in solutions
    ]


def select_rows(query: str) -> list[dict[str, str]]:
    """Run a SELECT query and return the lexical values of the bound variables."""
    return [{name: term.value for name, term in row.items()} for row in select(query)]


def construct(query: str, graph_format: str) -> QueryResponse:
    """Run a CONSTRUCT query and return its triples written in ``graph_format`` (a format key)."""
    return sparql.run_query(query, graph_format=graph_format)


def served_release_id() -> str:
    """Identify the release the store serves now, to key caches by release."""
    state = current_app.extensions[sparql.EXTENSION]
    return _store_release_id(state.pool_settings.store)
