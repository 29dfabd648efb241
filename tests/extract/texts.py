"""Short texts written for the extraction tests, run through the extractor and read back as tuples.

The rule tests each invent a sentence or two, wrap them in a one-document "paper" and compare what the
extractor keeps with the facts the sentence states. These helpers are that wrapping and that reading,
shared so that every test file builds its papers and its tuples the same way.
"""

from __future__ import annotations

from kg.documents import Document
from kg.extract.pipeline import Extraction, Extractor

TEST_TITLE = "extraction test"


def text_document(text: str, *, kind: str = "review", title: str | None = None) -> Document:
    """A one-document paper made of ``text``, for a test to extract from.

    Args:
        text: The paper's text; without ``title`` it is the whole document, its own first line included.
        kind: The paper's kind in its metadata: "review" or "case report".
        title: The paper's title. When given it is both the metadata title and the document's first
            paragraph, so that the text reads as a section of a paper on that subject; otherwise the
            metadata title is a neutral name that names no concept.

    Returns:
        The document.
    """
    body = text if title is None else f"{title}\n\n{text}\n"
    metadata = {"title": title or TEST_TITLE, "kind": kind, "file": "extraction_test.txt"}
    return Document("extraction_test", body, metadata=metadata)


def extract_text(extractor: Extractor, text: str, *, kind: str = "review", title: str | None = None) -> Extraction:
    """What the extractor finds in the paper :func:`text_document` makes of ``text``, ``kind`` and ``title``."""
    return extractor.extract(text_document(text, kind=kind, title=title))


def facts(statements: list[dict], *, negation: bool = False) -> set[tuple]:
    """The statements as (subject, predicate, what they state[, negated]) tuples, easy to compare.

    What a statement states is its object (a term), else its value (a number), else its text.

    Args:
        statements: Statements of an extraction, such as its ``accepted`` or ``review`` list.
        negation: Whether each tuple ends with whether the statement is negated, for tests where a
            "not" matters.

    Returns:
        One tuple per distinct statement.
    """
    return {_fact(statement, negation) for statement in statements}


def accepted(
    extractor: Extractor, text: str, *, kind: str = "review", title: str | None = None, negation: bool = False
) -> set[tuple]:
    """The facts (see :func:`facts`) of the statements the extractor accepts from a short text.

    Args:
        extractor: The extractor under test.
        text: The text, as for :func:`extract_text`.
        kind: The paper's kind, as for :func:`extract_text`.
        title: The paper's title, as for :func:`extract_text`.
        negation: Whether each tuple ends with the statement's negation flag.

    Returns:
        One tuple per distinct accepted statement.
    """
    return facts(extract_text(extractor, text, kind=kind, title=title).accepted, negation=negation)


def individual_types(extraction: Extraction) -> dict[str, str]:
    """The class of each case individual (the patient, the lesion, a figure's lesion ...) by its id."""
    return {individual["id"]: individual["type"] for individual in extraction.individuals}


def _fact(statement: dict, negation: bool) -> tuple:
    """One statement as a tuple; see :func:`facts`."""
    stated = statement.get("object", statement.get("value", statement.get("text")))
    fact = (statement["subject"], statement["predicate"], stated)
    return (*fact, bool(statement.get("negated"))) if negation else fact
