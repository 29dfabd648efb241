"""Errors of the SPARQL endpoint, each with the HTTP status it is answered with.

They cross from query worker processes to the HTTP process by pickling, so each keeps the single
``message`` argument. Store failures (:class:`kg.store.StoreError`) are answered with 503.
"""

from __future__ import annotations


class SparqlRequestError(Exception):
    """A request the endpoint refuses; the message is sent to the client as plain text."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadSparqlRequest(SparqlRequestError):
    """The request breaks the SPARQL Protocol: no query, two queries, an unknown format."""


class UnsupportedContentType(SparqlRequestError):
    """A POST body in a media type the SPARQL Protocol does not define for queries."""

    status = 415


class QuerySyntaxError(SparqlRequestError):
    """The query does not parse; the message gives line and column."""


class UnknownGraph(SparqlRequestError):
    """FROM, FROM NAMED, default-graph-uri or named-graph-uri names a graph the store lacks."""


class ReadOnlyViolation(SparqlRequestError):
    """A SPARQL Update request (INSERT, DELETE, LOAD, CLEAR ...): the endpoint is read-only."""

    status = 403


class ForbiddenFeature(SparqlRequestError):
    """A query feature the endpoint refuses to evaluate, such as SERVICE."""

    status = 403


class NotAcceptable(SparqlRequestError):
    """No result format the endpoint offers matches the Accept header."""

    status = 406


class QueryTimeout(SparqlRequestError):
    """The query ran past the time limit and its worker process was killed."""

    status = 503


class QueryWorkerFailed(SparqlRequestError):
    """The worker process died while evaluating (for example, past its memory limit)."""

    status = 503


class ServiceBusy(SparqlRequestError):
    """Every query worker stayed busy for as long as a request may wait."""

    status = 503
