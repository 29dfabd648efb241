"""Typed errors of the SpineKG pipeline, each with the exit code the CLI returns for it.

Exit codes (documented in the README): 0 success, 1 validation failed (the last good release is
kept), 2 bad input (document, curation or command line), 3 reasoning found the graph inconsistent,
4 internal or environment error.
"""

from __future__ import annotations


class SpineKGError(Exception):
    """Base class: every error the CLI reports as one clear line."""

    exit_code = 4


class DocumentError(SpineKGError):
    """A corpus document or its manifest entry is missing, empty, unreadable or altered."""

    exit_code = 2


class CurationError(SpineKGError):
    """A curation file states something the build cannot place: an unknown term, a quote not found."""

    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} curation problem(s):\n  " + "\n  ".join(problems))


class ValidationFailed(SpineKGError):
    """The graph failed SHACL validation or an ontology check; the last good release keeps serving."""

    exit_code = 1


class InconsistentGraph(SpineKGError):
    """The reasoner found the ontology with the case individuals inconsistent."""

    exit_code = 3
