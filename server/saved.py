"""Blueprint "queries": the query page and the saved queries of ``queries/``.

A saved query is a ``.rq`` file whose first lines are ``#+`` headers, as grlc reads them::

    #+ title: Differential diagnosis of a lesion
    #+ description: What the papers list as mimics of vertebral metastasis, with the finding
    #+   that tells them apart.
    #+ expect: differential=sk:VertebralHemangioma
    #+ expect: sign=sk:HaloSign; sensitivity=75; specificity=99.5

``title`` and ``description`` are shown on the query page (a header line starting with ``#+`` and
spaces continues the one before). Each ``expect`` names one row the answer must contain: a
``;``-separated list of ``variable=value``, where a value is a prefixed name (``sk:HaloSign``) or
``<IRI>`` that must equal an IRI, a number that must equal a numeric literal, or text (optionally
in double quotes) that must equal a literal's text. The test suite runs every saved query against
the real release and checks its expectations (``tests/server/test_saved_queries.py``).

The page runs queries through the SPARQL endpoint's worker pool (same checks and time limit) and
shows SELECT results as a table whose IRIs link to their entity pages; the same results download
as SPARQL CSV or JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph
from flask import Blueprint, Flask, Response, current_app, render_template, request

from kg.config import Settings
from kg.errors import SpineKGError
from kg.namespaces import PREFIXES
from server import sparql
from server.errors import SparqlRequestError

bp = Blueprint("queries", __name__)

HEADER = re.compile(r"^#\+\s*(?P<key>[A-Za-z-]+)\s*:\s*(?P<value>.*)$")
CONTINUATION = re.compile(r"^#\+\s{2,}(?P<value>\S.*)$")
KNOWN_HEADERS = {"title", "description", "expect"}
PREFIX_LINES = "\n".join(
    f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items()
)
DEFAULT_QUERY = (
    PREFIX_LINES
    + """

SELECT ?statement ?subject ?predicate ?object WHERE {
  ?statement a sk:Statement ;
      rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
}
LIMIT 20
"""
)
DOWNLOADS = {
    "csv": ("csv", "turtle", "csv"),
    "json": ("json", "jsonld", "json"),
}


class SavedQueryError(SpineKGError):
    """A saved query file whose headers cannot be read."""

    exit_code = 2


@dataclass(frozen=True)
class Expectation:
    """One row a saved query's answer must contain, as ``variable -> expected value``."""

    bindings: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.bindings)

    def matched_by(
        self, row: dict[str, pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode]
    ) -> bool:
        """True when the row binds every variable to the expected value."""
        return all(name in row and value_matches(row[name], value) for name, value in self.bindings)


@dataclass(frozen=True)
class SavedQuery:
    """A query of ``queries/`` with its headers."""

    name: str
    title: str
    description: str
    text: str
    expectations: tuple[Expectation, ...] = field(default_factory=tuple)


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)


def load_saved_queries(folder: Path | None = None) -> list[SavedQuery]:
    """Read every ``*.rq`` of the folder (the app's ``QUERIES_DIR`` or ``queries/``), by name.

    Raises:
        SavedQueryError: when a file's headers are malformed.
    """
    folder = Path(folder) if folder else _queries_dir()
    return [read_saved_query(path) for path in sorted(folder.glob("*.rq"))]


def _queries_dir() -> Path:
    configured = current_app.config.get("QUERIES_DIR") if current_app else None
    return Path(configured) if configured else Settings.from_env().queries_dir


def read_saved_query(path: Path) -> SavedQuery:
    """Parse one saved query file.

    Raises:
        SavedQueryError: for an unknown header, a continuation with nothing to continue, a
            missing title, or an expectation that is not ``variable=value`` pairs.
    """
    headers: dict[str, list[str]] = {key: [] for key in KNOWN_HEADERS}
    body: list[str] = []
    last_key: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        continued = CONTINUATION.match(line)
        header = HEADER.match(line)
        if continued and last_key:
            headers[last_key][-1] += " " + continued["value"].strip()
        elif header:
            last_key = header["key"].lower()
            if last_key not in KNOWN_HEADERS:
                raise SavedQueryError(
                    f"{where}: unknown header '{header['key']}' (use {sorted(KNOWN_HEADERS)})"
                )
            headers[last_key].append(header["value"].strip())
        elif line.startswith("#+"):
            raise SavedQueryError(
                f"{where}: a '#+' line that is neither a header nor its continuation"
            )
        else:
            last_key = None
            body.append(line)
    if not headers["title"]:
        raise SavedQueryError(f"{path.name}: no '#+ title:' header")
    return SavedQuery(
        name=path.stem,
        title=headers["title"][0],
        description=" ".join(headers["description"]),
        text="\n".join(body).strip() + "\n",
        expectations=tuple(parse_expectation(text, path.name) for text in headers["expect"]),
    )


EXPECTATION_PART = re.compile(
    r'\s*\??(?P<name>\w+)\s*=\s*(?P<value>"(?:[^"\\]|\\.)*"|[^;"]*[^;"\s])\s*(?:;|$)'
)


def parse_expectation(text: str, where: str) -> Expectation:
    """Parse ``var=value; var="text; with semicolons"`` into an expectation.

    Raises:
        SavedQueryError: if the text is not a list of ``variable=value``.
    """
    bindings, position = [], 0
    while position < len(text):
        part = EXPECTATION_PART.match(text, position)
        if part is None or part.end() == position:
            raise SavedQueryError(f"{where}: expectation '{text}' is not 'variable=value; ...'")
        bindings.append((part["name"], part["value"]))
        position = part.end()
    if not bindings:
        raise SavedQueryError(f"{where}: empty expectation")
    return Expectation(tuple(bindings))


def value_matches(term, expected: str) -> bool:
    """True when an RDF term is the expected value (prefixed name, ``<IRI>``, number or text)."""
    expected_iri = _expand(expected)
    if expected_iri is not None:
        return isinstance(term, pyoxigraph.NamedNode) and term.value == expected_iri
    if not isinstance(term, pyoxigraph.Literal):
        return False
    number = _number(expected)
    if number is not None:
        actual = _number(term.value)
        return actual is not None and actual == number
    if len(expected) >= 2 and expected[0] == expected[-1] == '"':
        expected = re.sub(r"\\(.)", r"\1", expected[1:-1])
    return term.value == expected


def _expand(value: str) -> str | None:
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and re.fullmatch(r"[\w./-]*", local):
        return str(PREFIXES[prefix]) + local
    return None


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def missing_expectations(query: SavedQuery, rows: list[dict]) -> list[Expectation]:
    """The expectations of a saved query that no row of its answer satisfies."""
    return [
        expectation
        for expectation in query.expectations
        if not any(expectation.matched_by(row) for row in rows)
    ]


# --------------------------------------------------------------------------------------------
# The query page
# --------------------------------------------------------------------------------------------


@dataclass
class QueryOutcome:
    """What running the editor's query gave: a table, a boolean, or an error message."""

    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    error: str | None = None
    status: int = 200


@bp.get("/query")
def query_page() -> Response | tuple[str, int] | str:
    """Show the editor and the saved queries; run the query given as ``query`` or ``saved``.

    ``format=csv`` or ``format=json`` downloads the results instead (SPARQL CSV or JSON for
    SELECT, Turtle or JSON-LD for CONSTRUCT and DESCRIBE).
    """
    saved_queries = load_saved_queries()
    chosen = next((q for q in saved_queries if q.name == request.args.get("saved")), None)
    text = request.args.get("query") or (chosen.text if chosen else "")
    download = request.args.get("format")
    if text.strip() and download in DOWNLOADS:
        return _download(text, download, chosen.name if chosen else "results")
    outcome = _run(text) if text.strip() else None
    page = render_template(
        "queries/query.html",
        text=text or DEFAULT_QUERY,
        saved_queries=saved_queries,
        chosen=chosen,
        outcome=outcome,
    )
    return page, outcome.status if outcome else 200


def _run(text: str) -> QueryOutcome:
    """Run a query for the HTML table; a refused or failed query becomes a message."""
    try:
        answer = sparql.run_query(text, result_format="json", graph_format="ntriples")
    except SparqlRequestError as error:
        return QueryOutcome(error=error.message, status=error.status)
    outcome = QueryOutcome(truncated=answer.truncated)
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        outcome.variables = ["subject", "predicate", "object"]
        outcome.rows = [
            {"subject": t.subject, "predicate": t.predicate, "object": t.object}
            for t in pyoxigraph.parse(answer.body, format=pyoxigraph.RdfFormat.N_TRIPLES)
        ]
        return outcome
    results = pyoxigraph.parse_query_results(answer.body, format=pyoxigraph.QueryResultsFormat.JSON)
    if isinstance(results, pyoxigraph.QueryBoolean):
        outcome.boolean = bool(results)
        return outcome
    outcome.variables = [variable.value for variable in results.variables]
    outcome.rows = [
        {name: solution[name] for name in outcome.variables if solution[name] is not None}
        for solution in results
    ]
    return outcome


def _download(text: str, key: str, name: str) -> Response:
    result_format, graph_format, extension = DOWNLOADS[key]
    try:
        answer = sparql.run_query(text, result_format=result_format, graph_format=graph_format)
    except SparqlRequestError as error:
        return Response(error.message + "\n", status=error.status, mimetype="text/plain")
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        extension = "ttl" if key == "csv" else "jsonld"
    response = Response(answer.body, mimetype=answer.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    if answer.truncated:
        response.headers["X-SpineKG-Truncated"] = "true"
    return response
