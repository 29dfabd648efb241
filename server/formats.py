"""Result formats of the SPARQL endpoint and how a request chooses one.

SELECT and ASK answer in the SPARQL results formats, CONSTRUCT and DESCRIBE (and the service
description and VoID) in RDF formats. A request chooses by the ``format`` parameter, which wins,
or by its Accept header with q-values (Werkzeug ``MIMEAccept.best_match``); with neither, the first
format of the list is used. See https://www.w3.org/TR/sparql11-protocol/#query-success.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept

from server.errors import BadSparqlRequest, NotAcceptable, SparqlRequestError

FORMATS_NS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    """One serialisation the endpoint writes.

    Attributes:
        key: short name, also the preferred value of the ``format`` parameter.
        media_type: the Content-Type of responses in this format.
        accepted_types: media types that select it in an Accept header or ``format`` value.
        names: further ``format`` parameter values that select it (SPARQLWrapper's among them).
        oxigraph_name: attribute of ``pyoxigraph.QueryResultsFormat`` or ``RdfFormat``.
        w3c_iri: the format's IRI at http://www.w3.org/ns/formats/, for ``sd:resultFormat``.
    """

    key: str
    media_type: str
    accepted_types: tuple[str, ...]
    names: tuple[str, ...]
    oxigraph_name: str
    w3c_iri: str | None


RESULT_FORMATS = (
    Format(
        "json",
        "application/sparql-results+json",
        ("application/sparql-results+json", "application/json"),
        ("json", "srj"),
        "JSON",
        FORMATS_NS + "SPARQL_Results_JSON",
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        ("application/sparql-results+xml", "application/xml", "text/xml"),
        ("xml", "srx"),
        "XML",
        FORMATS_NS + "SPARQL_Results_XML",
    ),
    Format("csv", "text/csv", ("text/csv",), ("csv",), "CSV", FORMATS_NS + "SPARQL_Results_CSV"),
    Format(
        "tsv",
        "text/tab-separated-values",
        ("text/tab-separated-values",),
        ("tsv",),
        "TSV",
        FORMATS_NS + "SPARQL_Results_TSV",
    ),
)

GRAPH_FORMATS = (
    Format(
        "turtle",
        "text/turtle",
        ("text/turtle", "application/turtle", "application/x-turtle", "text/n3"),
        ("turtle", "ttl", "n3"),
        "TURTLE",
        FORMATS_NS + "Turtle",
    ),
    Format(
        "ntriples",
        "application/n-triples",
        ("application/n-triples", "text/plain"),
        ("ntriples", "nt", "n-triples"),
        "N_TRIPLES",
        FORMATS_NS + "N-Triples",
    ),
    Format(
        "jsonld",
        "application/ld+json",
        ("application/ld+json", "application/x-json+ld", "application/json"),
        ("jsonld", "json-ld", "json"),
        "JSON_LD",
        FORMATS_NS + "JSON-LD",
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        ("application/rdf+xml", "application/xml", "text/xml"),
        ("rdfxml", "rdf+xml", "rdf", "xml"),
        "RDF_XML",
        FORMATS_NS + "RDF_XML",
    ),
)

HTML = Format("html", "text/html", ("text/html", "application/xhtml+xml"), ("html",), "", None)

#: What the service description page is offered in: RDF first, so that ``*/*`` gets Turtle,
#: and HTML for browsers, whose Accept header names text/html explicitly.
DESCRIPTION_FORMATS = (*GRAPH_FORMATS, HTML)


def choose_format(
    formats: Sequence[Format], accept: MIMEAccept, format_values: Sequence[str]
) -> Format:
    """Pick the response format of a request.

    Args:
        formats: the formats on offer, preferred first.
        accept: the request's parsed Accept header.
        format_values: the values of the ``format`` parameter (SPARQLWrapper sends a short name
            and, for some formats, a media type as well); the first one known wins.

    Returns:
        The chosen format.

    Raises:
        BadSparqlRequest: if ``format`` is given and none of its values is on offer.
        NotAcceptable: if the Accept header admits none of the formats on offer.
    """
    if format_values:
        for value in format_values:
            chosen = _format_named(formats, value)
            if chosen is not None:
                return chosen
        offered = ", ".join(fmt.key for fmt in formats)
        raise BadSparqlRequest(
            f"format={format_values[0]!r} is not offered for this query form; "
            f"choose one of {offered}"
        )
    if not accept:
        return formats[0]
    media_type = accept.best_match([media for fmt in formats for media in fmt.accepted_types])
    if media_type is None:
        offered = ", ".join(fmt.media_type for fmt in formats)
        raise NotAcceptable(
            f"no offered format matches the Accept header; this endpoint offers {offered}"
        )
    return next(fmt for fmt in formats if media_type in fmt.accepted_types)


def _format_named(formats: Sequence[Format], value: str) -> Format | None:
    wanted = value.split(";")[0].strip().lower()
    for fmt in formats:
        if wanted == fmt.key or wanted in fmt.names or wanted in fmt.accepted_types:
            return fmt
    return None


@dataclass(frozen=True)
class FormatChoice:
    """The negotiated format for each kind of result, decided before the query form is known.

    The HTTP process negotiates; the query worker, which parses the query, picks the entry for
    its form. An entry that could not be negotiated holds the error to report for that form.
    """

    results: Format | SparqlRequestError
    graph: Format | SparqlRequestError

    @classmethod
    def negotiate(cls, accept: MIMEAccept, format_values: Sequence[str]) -> FormatChoice:
        """Negotiate both kinds of result for one request."""
        return cls(
            results=_negotiated_or_error(RESULT_FORMATS, accept, format_values),
            graph=_negotiated_or_error(GRAPH_FORMATS, accept, format_values),
        )

    def for_form(self, form: str) -> Format:
        """Return the format for a query form (SELECT, ASK, CONSTRUCT, DESCRIBE).

        Raises:
            SparqlRequestError: the negotiation error for that form.
        """
        chosen = self.graph if form in ("CONSTRUCT", "DESCRIBE") else self.results
        if isinstance(chosen, SparqlRequestError):
            raise chosen
        return chosen


def _negotiated_or_error(
    formats: Sequence[Format], accept: MIMEAccept, format_values: Sequence[str]
) -> Format | SparqlRequestError:
    try:
        return choose_format(formats, accept, format_values)
    except SparqlRequestError as error:
        return error
