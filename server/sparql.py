"""Blueprint "sparql": the SPARQL 1.1 Protocol endpoint at /sparql and VoID at /void.

Implements https://www.w3.org/TR/sparql11-protocol/ for queries, read-only:

* ``GET /sparql?query=...``, ``POST`` with ``application/x-www-form-urlencoded`` (``query=``) and
  ``POST`` with ``application/sparql-query`` (the query as the body);
  ``default-graph-uri`` and ``named-graph-uri`` set the dataset, and must name graphs the store
  holds (400 otherwise). Without them, and without FROM in the query, the default graph is the
  union of all named graphs (``UNION_DEFAULT_GRAPH``).
* Results: SELECT and ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle,
  N-Triples, JSON-LD or RDF/XML; chosen by ``format=`` or by the Accept header
  (:mod:`server.formats`).
* ``GET /sparql`` without a query returns the SPARQL Service Description, in RDF or, for browsers,
  as an HTML page with a query form.

Status codes: 400 for syntax errors (with line and column), protocol mistakes and unknown graphs;
403 for SPARQL Update (also as ``update=`` or ``application/sparql-update``) and for SERVICE;
406 when no format matches Accept; 413 for a body or query string over ``MAX_CONTENT_LENGTH``;
415 for other POST media types; 503 when a query runs past ``QUERY_TIMEOUT`` (its worker process
is killed and replaced), when every worker is busy, or when the store is unavailable. A result
longer than ``MAX_RESULT_ROWS`` is cut to that many rows and carries ``X-SpineKG-Truncated: true``.
Every response of the blueprint allows any origin (CORS), the endpoint being read-only.
"""

from __future__ import annotations

import dataclasses

import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from werkzeug.datastructures import MIMEAccept, MultiDict
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from kg.store import (
    DatasetStatistics,
    StoreError,
    StoreSettings,
    UnknownBackend,
    backend_names,
    served_release_id,
)
from server.description import DESCRIPTION_PREFIXES, service_description, void_description
from server.errors import (
    BadSparqlRequest,
    ReadOnlyViolation,
    ServiceBusy,
    SparqlRequestError,
    UnsupportedContentType,
)
from server.formats import (
    DESCRIPTION_FORMATS,
    GRAPH_FORMATS,
    HTML,
    RESULT_FORMATS,
    FormatChoice,
    choose_format,
)
from server.query_execution import QueryRequest, QueryResponse, serialize_triples
from server.query_pool import PoolSettings, QueryPool, StatisticsJob, pool_for

bp = Blueprint("sparql", __name__)

EXTENSION = "spinekg.sparql"
FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
RETRY_AFTER_SECONDS = 5
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Expose-Headers": "X-SpineKG-Truncated",
    "Access-Control-Max-Age": "86400",
}
EXAMPLE_QUERY = """PREFIX sk: <https://w3id.org/spinekg/ontology/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?statement ?subject ?predicate ?object WHERE {
  ?statement a sk:Statement ;
      rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
} LIMIT 10"""


@dataclass
class SparqlState:
    """What the blueprint keeps per app: pool settings and the statistics of the served release."""

    pool_settings: PoolSettings
    lock: threading.Lock = field(default_factory=threading.Lock)
    statistics_release: str | None = None
    statistics: DatasetStatistics | None = None


def init_app(app: Flask) -> None:
    """Register the blueprint and the query pool settings read from the app's config.

    Raises:
        kg.store.UnknownBackend: if ``STORE_BACKEND`` names no registered backend.
    """
    store = StoreSettings(
        backend=app.config["STORE_BACKEND"],
        store_dir=Path(app.config["STORE_DIR"]) if app.config["STORE_DIR"] else None,
        endpoint=app.config["STORE_ENDPOINT"],
        timeout_seconds=float(app.config["STATISTICS_TIMEOUT"]),
    )
    if store.backend not in backend_names():
        raise UnknownBackend(
            f"STORE_BACKEND {store.backend!r} is not a store backend; "
            f"choose one of {', '.join(backend_names())}"
        )
    pool_settings = PoolSettings(
        store=store,
        processes=int(app.config["WORKER_PROCESSES"]),
        memory_limit_bytes=int(app.config["WORKER_MEMORY_LIMIT"]),
    )
    app.extensions[EXTENSION] = SparqlState(pool_settings=pool_settings)
    app.register_blueprint(bp)


def query_pool(app: Flask | None = None) -> QueryPool:
    """Return this process's query pool for the app, starting it on first use."""
    app = app or current_app
    return pool_for(app.extensions[EXTENSION].pool_settings)


def run_query(
    query: str, *, result_format: str = "json", graph_format: str = "turtle", trusted: bool = False
) -> QueryResponse:
    """Run a query through the worker pool with the endpoint's checks and limits.

    For other blueprints (the browser pages) that need query results inside a request.

    Args:
        query: the SPARQL query.
        result_format: format key for SELECT and ASK results (see :data:`RESULT_FORMATS`).
        graph_format: format key for CONSTRUCT and DESCRIBE results (see :data:`GRAPH_FORMATS`).
        trusted: True only for queries SpineKG's code writes from validated IRIs; skips the
            syntax-tree safety check but keeps the time, memory and row limits.

    Raises:
        SparqlRequestError: as the endpoint would answer it, with its ``status``.
        kg.store.StoreError: when the store is unavailable.
    """
    no_accept = MIMEAccept()
    formats = FormatChoice(
        results=choose_format(RESULT_FORMATS, no_accept, [result_format]),
        graph=choose_format(GRAPH_FORMATS, no_accept, [graph_format]),
    )
    job = dataclasses.replace(_query_request(query, None, None, formats), trusted=trusted)
    return query_pool().run(job, float(current_app.config["QUERY_TIMEOUT"]))


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """Answer a SPARQL query, or describe the service when the request carries none."""
    query, params = _read_protocol_request()
    if query is None:
        return _service_description_response()
    formats = FormatChoice.negotiate(request.accept_mimetypes, params.getlist("format"))
    job = _query_request(
        query,
        _graph_parameter(params, "default-graph-uri"),
        _graph_parameter(params, "named-graph-uri"),
        formats,
    )
    answer = query_pool().run(job, float(current_app.config["QUERY_TIMEOUT"]))
    response = Response(answer.body, mimetype=answer.media_type)
    if answer.truncated:
        response.headers["X-SpineKG-Truncated"] = "true"
    return response


@bp.route("/void", methods=["GET"])
def void() -> Response:
    """Describe the served release with VoID statistics, in the negotiated RDF format."""
    result_format = choose_format(
        GRAPH_FORMATS, request.accept_mimetypes, request.args.getlist("format")
    )
    triples = void_description(url_for("sparql.endpoint", _external=True), _statistics())
    body = serialize_triples(triples, result_format, DESCRIPTION_PREFIXES)
    return Response(body, mimetype=result_format.media_type)


@bp.after_request
def _allow_any_origin(response: Response) -> Response:
    response.headers.update(CORS_HEADERS)
    response.vary.add("Accept")
    return response


@bp.errorhandler(SparqlRequestError)
def _refused(error: SparqlRequestError) -> Response:
    response = _plain_text(error.message, error.status)
    if isinstance(error, ServiceBusy):
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@bp.errorhandler(StoreError)
def _store_failed(error: StoreError) -> Response:
    current_app.logger.error("store error: %s", error)
    return _plain_text(f"the store is unavailable: {error}", 503)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    if isinstance(error, RequestEntityTooLarge):
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        return _plain_text(f"the request is larger than the {limit} byte limit", 413)
    return _plain_text(error.description or error.name, error.code or 400)


def _plain_text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _read_protocol_request() -> tuple[str | None, MultiDict]:
    """Return the query (None when there is none) and the parameters that accompany it."""
    if len(request.query_string) > current_app.config["MAX_CONTENT_LENGTH"]:
        raise RequestEntityTooLarge()
    if request.method == "GET":
        params = request.args
        queries = params.getlist("query")
    elif request.mimetype == FORM_TYPE:
        params = request.values
        queries = params.getlist("query")
    elif request.mimetype == QUERY_TYPE:
        params = request.args
        queries = [request.get_data(as_text=True)] + params.getlist("query")
    elif request.mimetype == UPDATE_TYPE:
        raise ReadOnlyViolation(
            "this endpoint is read-only: application/sparql-update requests are not accepted"
        )
    else:
        raise UnsupportedContentType(
            f"POST bodies must be {FORM_TYPE} or {QUERY_TYPE}, not {request.mimetype or 'untyped'}"
        )
    if "update" in params:
        raise ReadOnlyViolation("this endpoint is read-only: the update parameter is not accepted")
    if len(queries) > 1:
        raise BadSparqlRequest("the request carries more than one query")
    if not queries:
        if request.method == "POST":
            raise BadSparqlRequest("the POST request carries no query")
        return None, params
    if not queries[0].strip():
        raise BadSparqlRequest("the query is empty")
    return queries[0], params


def _graph_parameter(params: MultiDict, name: str) -> tuple[str, ...] | None:
    values = params.getlist(name)
    return tuple(values) if values else None


def _query_request(
    query: str,
    default_graphs: tuple[str, ...] | None,
    named_graphs: tuple[str, ...] | None,
    formats: FormatChoice,
) -> QueryRequest:
    config = current_app.config
    return QueryRequest(
        text=query,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        formats=formats,
        max_rows=int(config["MAX_RESULT_ROWS"]),
        union_default_graph=bool(config["UNION_DEFAULT_GRAPH"]),
    )


def _service_description_response() -> Response:
    description_format = choose_format(
        DESCRIPTION_FORMATS, request.accept_mimetypes, request.args.getlist("format")
    )
    statistics = _statistics()
    endpoint_url = url_for("sparql.endpoint", _external=True)
    void_url = url_for("sparql.void", _external=True)
    if description_format is HTML:
        page = render_template(
            "sparql/service.html",
            endpoint_url=endpoint_url,
            void_url=void_url,
            statistics=statistics,
            result_formats=RESULT_FORMATS,
            graph_formats=GRAPH_FORMATS,
            example_query=EXAMPLE_QUERY,
            timeout_seconds=current_app.config["QUERY_TIMEOUT"],
            max_rows=current_app.config["MAX_RESULT_ROWS"],
        )
        return Response(page, mimetype=HTML.media_type)
    triples = service_description(
        endpoint_url, void_url, statistics, bool(current_app.config["UNION_DEFAULT_GRAPH"])
    )
    body = serialize_triples(triples, description_format, DESCRIPTION_PREFIXES)
    return Response(body, mimetype=description_format.media_type)


def _statistics() -> DatasetStatistics:
    """Return the served release's statistics, asked of a worker once per release."""
    state: SparqlState = current_app.extensions[EXTENSION]
    release_id = served_release_id(state.pool_settings.store)
    with state.lock:
        if state.statistics_release == release_id and state.statistics is not None:
            return state.statistics
    counted_release, statistics = query_pool().run(
        StatisticsJob(), float(current_app.config["STATISTICS_TIMEOUT"])
    )
    with state.lock:
        state.statistics_release, state.statistics = counted_release, statistics
    return statistics
