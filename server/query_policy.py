"""What the endpoint agrees to evaluate: read-only queries over its own store, nothing else.

Every query is parsed with RDFLib's SPARQL 1.1 parser before pyoxigraph sees it, and the syntax
tree (not the text) is inspected:

* SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) is refused with 403;
* ``SERVICE`` anywhere in the query is refused with 403, because pyoxigraph would otherwise call
  the named endpoint over HTTP;
* ``FROM`` and ``FROM NAMED`` must name graphs the store holds (400 otherwise). pyoxigraph reads
  these from its own store and never fetches them, but a graph the store lacks is a mistake the
  client should hear about.

A query RDFLib cannot parse is refused even if pyoxigraph could evaluate it (SPARQL 1.2 syntax,
for instance), since its safety could not be checked. Syntax errors name line and column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from server.errors import ForbiddenFeature, QuerySyntaxError, ReadOnlyViolation, UnknownGraph

SPARQL_UPDATE_SPEC = "https://www.w3.org/TR/sparql11-update/"
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
)


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks.

    Attributes:
        text: the query as received.
        form: SELECT, CONSTRUCT, DESCRIBE or ASK.
        dataset_graphs: IRIs named by FROM and FROM NAMED, in order.
    """

    text: str
    form: str
    dataset_graphs: tuple[str, ...]

    @property
    def names_dataset(self) -> bool:
        """True when the query chooses its own dataset with FROM or FROM NAMED."""
        return bool(self.dataset_graphs)


@functools.lru_cache(maxsize=1024)
def check_query(text: str, graph_names: frozenset[str]) -> CheckedQuery:
    """Parse a query and refuse anything that writes, reaches out, or names unknown graphs.

    Accepted queries are remembered by text (refusals are not, being exceptions): pages send the
    same few query texts again and again, and parsing with RDFLib costs more than evaluating.

    Args:
        text: the query text.
        graph_names: the named graphs the store holds.

    Returns:
        The checked query, with its form and the graphs its dataset clause names.

    Raises:
        ReadOnlyViolation: the text is a SPARQL Update request.
        QuerySyntaxError: the text parses neither as a query nor as an update.
        ForbiddenFeature: the query uses SERVICE.
        UnknownGraph: FROM or FROM NAMED names a graph the store does not hold.
    """
    try:
        prologue, query = _parse(text)
    except ParseBaseException as query_error:
        _raise_if_update(text, query_error)
        raise QuerySyntaxError(_describe_syntax_error(query_error)) from None
    for node in _nodes(query):
        if node.name == "ServiceGraphPattern":
            raise ForbiddenFeature(
                f"SERVICE {_term_text(node.term)} is not allowed: this endpoint answers from its "
                "own store and never queries other endpoints"
            )
    dataset_graphs = _dataset_graphs(prologue, query)
    for iri in dataset_graphs:
        if iri not in graph_names:
            raise UnknownGraph(
                f"the query names graph <{iri}> in FROM or FROM NAMED, but the store holds no such "
                "graph; the service description lists the graphs it holds"
            )
    return CheckedQuery(
        text=text, form=query.name.removesuffix("Query").upper(), dataset_graphs=dataset_graphs
    )


def _parse(text: str) -> tuple[object, CompValue]:
    """Parse a query with RDFLib, turning the parser's recursion limit into a clear refusal.

    RDFLib's grammar recurses once per nesting level and per ``.``-separated pattern, so a very
    deep or very long query exhausts Python's recursion limit (raised in query workers, see
    :data:`server.query_pool.PARSER_RECURSION_LIMIT`).
    """
    try:
        return parseQuery(text)
    except RecursionError:
        raise QuerySyntaxError(
            "the query nests too deeply, or chains too many patterns with '.', for the SPARQL "
            "parser; split it into smaller queries"
        ) from None


def check_protocol_graphs(
    iris: tuple[str, ...], graph_names: frozenset[str], parameter: str
) -> None:
    """Refuse a ``default-graph-uri`` or ``named-graph-uri`` the store lacks.

    Raises:
        UnknownGraph: naming the first such graph and the parameter it came in.
    """
    for iri in iris:
        if iri not in graph_names:
            raise UnknownGraph(
                f"{parameter} names graph <{iri}>, but the store holds no such graph"
            )


def _raise_if_update(text: str, query_error: ParseBaseException) -> None:
    """Raise ReadOnlyViolation when the text is an update rather than a query.

    It is one when it parses as an update, or when the query grammar stopped at an update keyword
    (an update with a mistake in it is still an update, and the client should hear so).
    """
    try:
        parseUpdate(text)
    except (ParseBaseException, RecursionError):
        if _word_at(query_error).upper() not in UPDATE_KEYWORDS:
            return
    raise ReadOnlyViolation(
        "this endpoint is read-only: SPARQL Update requests (INSERT, DELETE, LOAD, CLEAR, DROP, "
        f"CREATE, ADD, MOVE, COPY) are not accepted ({SPARQL_UPDATE_SPEC})"
    )


def _describe_syntax_error(error: ParseBaseException) -> str:
    word = _word_at(error)
    found = repr(word) if word else "the end of the query"
    pointer = " " * (error.col - 1) + "^"
    return (
        f"SPARQL syntax error at line {error.lineno}, column {error.col}: {error.msg}, "
        f"found {found}\n{error.line}\n{pointer}"
    )


def _word_at(error: ParseBaseException) -> str:
    """Return the word of the query where the parser stopped, or '' at the end of the text."""
    rest = error.pstr[error.loc :].split(maxsplit=1)
    if not rest:
        return ""
    word = re.match(r"[^{}()<>]*", rest[0]).group()
    return word or rest[0][0]


def _nodes(tree: object) -> Iterator[CompValue]:
    """Yield every CompValue of a parse tree, depth first."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)


def _dataset_graphs(prologue: object, query: CompValue) -> tuple[str, ...]:
    base, prefixes = _read_prologue(prologue)
    graphs = []
    for clause in query.datasetClause or ():
        iri = clause.default if clause.default is not None else clause.named
        graphs.append(_resolve(iri, base, prefixes))
    return tuple(graphs)


def _read_prologue(prologue: object) -> tuple[str | None, dict[str, str]]:
    base: str | None = None
    prefixes: dict[str, str] = {}
    for declaration in prologue:
        if declaration.name == "Base":
            base = _absolute(str(declaration.iri), base)
        elif declaration.name == "PrefixDecl":
            prefixes[declaration.prefix or ""] = _absolute(str(declaration.iri), base)
    return base, prefixes


def _resolve(iri: object, base: str | None, prefixes: dict[str, str]) -> str:
    if isinstance(iri, CompValue) and iri.name == "pname":
        prefix = iri.prefix or ""
        if prefix not in prefixes:
            raise QuerySyntaxError(f"the prefix '{prefix}:' used in FROM is not declared")
        return prefixes[prefix] + (iri.localname or "")
    return _absolute(str(iri), base)


def _absolute(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base and ":" not in iri else iri


def _term_text(term: object) -> str:
    if isinstance(term, CompValue) and term.name == "pname":
        return f"{term.prefix or ''}:{term.localname or ''}"
    if type(term).__name__ == "Variable":
        return f"?{term}"
    return f"<{term}>"
