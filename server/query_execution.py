"""Evaluate one checked SPARQL query on a store and write its result, capped at a row limit.

This runs inside a query worker process (:mod:`server.query_pool`), so the time limit covers
parsing, evaluation and serialisation alike. pyoxigraph writes every format itself:

* SELECT: solutions stream into TSV (one solution per line, since TSV escapes line breaks) until
  one more than the row limit has arrived; the kept lines are parsed back and written in the
  requested format. Nothing beyond the limit is evaluated.
* CONSTRUCT and DESCRIBE: triples are taken up to one more than the limit and written with
  ``pyoxigraph.serialize``.
* ASK: the boolean is written as it is.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph

from kg.namespaces import PREFIXES
from kg.store import GraphStore, RemoteQueryRejected
from server.errors import BadSparqlRequest, QuerySyntaxError
from server.formats import Format, FormatChoice
from server.query_policy import check_protocol_graphs, check_query

TSV = pyoxigraph.QueryResultsFormat.TSV
PREFIXED_GRAPH_FORMATS = frozenset({"TURTLE", "RDF_XML"})


@dataclass(frozen=True)
class QueryRequest:
    """One query as the protocol layer received it (picklable, sent to a worker process).

    Attributes:
        text: the query text.
        default_graphs: ``default-graph-uri`` values, or None when the request gave none.
        named_graphs: ``named-graph-uri`` values, or None when the request gave none.
        formats: the negotiated result formats.
        max_rows: most solutions or triples to return.
        union_default_graph: let the default graph be the union of all graphs when neither the
            query nor the request names a dataset.
        trusted: the query was written by SpineKG's own code from validated IRIs (never from a
            client's text), so the syntax-tree safety check is skipped; the worker pool's time
            and memory limits still apply. Parsing with RDFLib costs more than evaluating.
    """

    text: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    formats: FormatChoice
    max_rows: int
    union_default_graph: bool
    trusted: bool = False

    @property
    def names_dataset(self) -> bool:
        """True when the request sets the dataset with the protocol's graph parameters."""
        return self.default_graphs is not None or self.named_graphs is not None


@dataclass(frozen=True)
class QueryResponse:
    """A written result."""

    body: bytes
    media_type: str
    form: str
    truncated: bool


def execute(store: GraphStore, request: QueryRequest) -> QueryResponse:
    """Check, evaluate and write one query.

    Raises:
        SparqlRequestError: for a refused query, an unknown graph or an unusable format.
        kg.store.StoreError: when the store fails.
    """
    if request.trusted:
        return _execute_trusted(store, request)
    graph_names = store.graph_names()
    check_protocol_graphs(request.default_graphs or (), graph_names, "default-graph-uri")
    check_protocol_graphs(request.named_graphs or (), graph_names, "named-graph-uri")
    checked = check_query(request.text, graph_names)
    result_format = request.formats.for_form(checked.form)
    dataset: dict = {}
    if request.names_dataset:
        # The protocol's dataset replaces the query's (SPARQL 1.1 Protocol, section 2.1.4).
        dataset = {
            "default_graphs": request.default_graphs or (),
            "named_graphs": request.named_graphs or (),
        }
    try:
        result = store.query(
            checked.text,
            union_default_graph=request.union_default_graph and not checked.names_dataset,
            **dataset,
        )
        body, truncated = write_result(result, result_format, request.max_rows)
    except SyntaxError as error:
        raise QuerySyntaxError(f"SPARQL syntax error: {error}") from None
    except RemoteQueryRejected as error:
        raise BadSparqlRequest(str(error)) from None
    return QueryResponse(
        body=body, media_type=result_format.media_type, form=checked.form, truncated=truncated
    )


def _execute_trusted(store: GraphStore, request: QueryRequest) -> QueryResponse:
    """Evaluate one of SpineKG's own queries over the union graph, without the safety parse."""
    try:
        result = store.query(request.text, union_default_graph=request.union_default_graph)
    except SyntaxError as error:
        raise QuerySyntaxError(f"SPARQL syntax error: {error}") from None
    form = _result_form(result)
    result_format = request.formats.for_form(form)
    body, truncated = write_result(result, result_format, request.max_rows)
    return QueryResponse(body=body, media_type=result_format.media_type, form=form, truncated=truncated)


def _result_form(result: object) -> str:
    """The query form a pyoxigraph result comes from."""
    if isinstance(result, pyoxigraph.QueryBoolean):
        return "ASK"
    if isinstance(result, pyoxigraph.QuerySolutions):
        return "SELECT"
    return "CONSTRUCT"


def write_result(result: object, result_format: Format, max_rows: int) -> tuple[bytes, bool]:
    """Write a query result in a format, keeping at most ``max_rows`` solutions or triples.

    Returns:
        The body and whether rows were cut off.

    Raises:
        BadSparqlRequest: if the result cannot be written in that format.
    """
    try:
        if isinstance(result, pyoxigraph.QueryBoolean):
            return result.serialize(format=_results_format(result_format)), False
        if isinstance(result, pyoxigraph.QuerySolutions):
            return _write_solutions(result, result_format, max_rows)
        return _write_triples(result, result_format, max_rows)
    except ValueError as error:
        raise BadSparqlRequest(
            f"the result cannot be written as {result_format.key}: {error}"
        ) from None


def _write_solutions(
    solutions: pyoxigraph.QuerySolutions, result_format: Format, max_rows: int
) -> tuple[bytes, bool]:
    capture = _LineCapture(max_lines=max_rows + 2)
    try:
        solutions.serialize(capture, format=TSV)
    except _EnoughLines:
        pass
    header, rows = capture.header_and_rows()
    truncated = len(rows) > max_rows
    kept = b"".join(row + b"\n" for row in rows[:max_rows])
    table = header + b"\n" + kept
    if result_format.oxigraph_name == "TSV":
        return table, truncated
    parsed = pyoxigraph.parse_query_results(table, format=TSV)
    return parsed.serialize(format=_results_format(result_format)), truncated


def _write_triples(
    triples: Iterable[pyoxigraph.Triple], result_format: Format, max_rows: int
) -> tuple[bytes, bool]:
    kept = list(itertools.islice(triples, max_rows + 1))
    truncated = len(kept) > max_rows
    return serialize_triples(kept[:max_rows], result_format), truncated


def serialize_triples(
    triples: Iterable[pyoxigraph.Triple],
    result_format: Format,
    extra_prefixes: Mapping[str, str] | None = None,
) -> bytes:
    """Write triples in an RDF format, with SpineKG's prefixes where the format uses them.

    Args:
        triples: the triples to write.
        result_format: one of :data:`server.formats.GRAPH_FORMATS`.
        extra_prefixes: prefixes to declare besides those of :data:`kg.namespaces.PREFIXES`.
    """
    rdf_format = getattr(pyoxigraph.RdfFormat, result_format.oxigraph_name)
    prefixes = None
    if result_format.oxigraph_name in PREFIXED_GRAPH_FORMATS:
        prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        prefixes.update(extra_prefixes or {})
    return pyoxigraph.serialize(triples, format=rdf_format, prefixes=prefixes)


def _results_format(result_format: Format) -> pyoxigraph.QueryResultsFormat:
    return getattr(pyoxigraph.QueryResultsFormat, result_format.oxigraph_name)


class _EnoughLines(Exception):
    """Raised into pyoxigraph's writer to stop serialising once enough rows have arrived."""


class _LineCapture(io.RawIOBase):
    """A binary sink that keeps what is written until it holds ``max_lines`` line breaks."""

    def __init__(self, max_lines: int):
        super().__init__()
        self._chunks: list[bytes] = []
        self._line_breaks = 0
        self._max_lines = max_lines

    def writable(self) -> bool:
        """Accept writes."""
        return True

    def write(self, data: bytes) -> int:
        """Keep a chunk; stop the writer once enough complete lines are held."""
        chunk = bytes(data)
        self._chunks.append(chunk)
        self._line_breaks += chunk.count(b"\n")
        if self._line_breaks >= self._max_lines:
            raise _EnoughLines
        return len(chunk)

    def header_and_rows(self) -> tuple[bytes, list[bytes]]:
        """Return the header line and the complete rows (a cut-off last line is dropped)."""
        lines = b"".join(self._chunks).split(b"\n")
        complete = lines[:-1]
        return complete[0], complete[1:]
