"""Read a document page: the paper's original text with every evidence span highlighted.

The text comes from the corpus file the graph names (``sk:fileName`` in the corpus folder,
``kg.config.Settings().corpus_dir`` unless the app's ``CORPUS_DIR`` says otherwise); it is used
only when its SHA-256 and length match the ``sk:sha256`` and ``sk:characterCount`` the release
recorded, since the evidence offsets refer to
exactly that file. The text is cut at every sentence, section and evidence boundary; each piece
is escaped on its own and wrapped in markup built here, so nothing from the document is ever
trusted as HTML. Evidence spans are selected by URL fragments ``#s<start>-<end>`` (offsets in
Unicode code points, end exclusive, as in ``oa:TextPositionSelector``).
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from kg.namespaces import SK
from server.entity_view import PREFIXES, RDF
from server.page_queries import iri, select

DOCUMENT_FIELDS = {
    "http://purl.org/dc/terms/title": "title",
    "http://purl.org/dc/terms/bibliographicCitation": "citation",
    "http://purl.org/dc/terms/type": "kind",
    "http://purl.org/dc/terms/identifier": "identifier",
    "https://w3id.org/spinekg/ontology/fileName": "file_name",
    "https://w3id.org/spinekg/ontology/sha256": "sha256",
    "https://w3id.org/spinekg/ontology/characterCount": "character_count",
}


class DocumentTextUnavailable(Exception):
    """The corpus file of a document is missing or differs from the one the graph was built from."""


@dataclass(frozen=True)
class Span:
    """A range of the original text, end exclusive."""

    start: int
    end: int

    @property
    def key(self) -> str:
        """The span's URL fragment and element id, ``s<start>-<end>``."""
        return f"s{self.start}-{self.end}"


@dataclass
class StatementSummary:
    """What the evidence panel says about one statement stated by a span."""

    iri: str
    subject: str
    predicate: str
    object: str | None
    value: str | None
    unit: str | None
    text: str | None
    hedge: str | None
    negated: bool


@dataclass
class Section:
    """A section heading of the document, for the table of contents."""

    iri: str
    label: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        """The element id of the section's start in the text."""
        return f"section-{self.start}"


@dataclass
class DocumentView:
    """Everything a document page shows."""

    iri: str
    fields: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    evidence: dict[str, list[StatementSummary]] = field(default_factory=dict)
    text_html: Markup | None = None
    text_problem: str | None = None
    statement_count: int = 0

    @property
    def title(self) -> str:
        """The document's title, or its IRI when it has none."""
        return self.fields.get("title", self.iri)


def read_document(document: str, corpus_dir: Path) -> DocumentView:
    """Read a document's description, sections, evidence spans and highlighted text."""
    ref = iri(document)
    view = DocumentView(document)
    for row in select(f"SELECT ?p ?o WHERE {{ {ref} ?p ?o }}"):
        name = DOCUMENT_FIELDS.get(row["p"].value)
        if name:
            view.fields.setdefault(name, row["o"].value)
    view.sections = _sections(ref)
    sentences = [
        Span(int(row["start"].value), int(row["end"].value))
        for row in select(
            f"""{PREFIXES} SELECT ?start ?end WHERE {{
  ?s sk:inDocument {ref} ; a sk:Sentence ; sk:startOffset ?start ; sk:endOffset ?end
}}"""
        )
    ]
    view.evidence = _evidence(ref)
    view.statement_count = len(
        {summary.iri for group in view.evidence.values() for summary in group}
    )
    try:
        text = document_text(corpus_dir, view.fields)
    except DocumentTextUnavailable as problem:
        view.text_problem = str(problem)
        return view
    spans = [_span_of(key) for key in view.evidence]
    view.text_html = highlight(text, spans, sentences, view.sections)
    return view


def _sections(ref: str) -> list[Section]:
    rows = select(
        f"""{PREFIXES} SELECT ?sec ?label ?start ?end WHERE {{
  ?sec sk:inDocument {ref} ; a sk:Section ; rdfs:label ?label ;
       sk:startOffset ?start ; sk:endOffset ?end
}}"""
    )
    sections = [
        Section(r["sec"].value, r["label"].value, int(r["start"].value), int(r["end"].value))
        for r in rows
    ]
    return sorted(sections, key=lambda section: (section.start, section.end))


SUMMARY_PROPERTIES = {
    RDF + "subject": "subject",
    RDF + "predicate": "predicate",
    RDF + "object": "object",
    str(SK.value): "value",
    str(SK.unit): "unit",
    str(SK.textValue): "text",
    str(SK.hedge): "hedge",
    str(SK.negated): "negated",
}


def _evidence(ref: str) -> dict[str, list[StatementSummary]]:
    """The statements each evidence span of the document states, keyed by the span's fragment.

    Two simple queries (spans, then the statements' summary properties) evaluate several times
    faster than one query with an OPTIONAL per property.
    """
    spans = select(
        f"""{PREFIXES} SELECT ?st ?start ?end WHERE {{
  ?st prov:wasDerivedFrom {ref} ; sk:evidence ?ev .
  ?ev oa:hasTarget/oa:hasSelector ?position .
  ?position oa:start ?start ; oa:end ?end .
}}"""
    )
    values = " ".join(f"<{prop}>" for prop in SUMMARY_PROPERTIES)
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    for row in select(
        f"""{PREFIXES} SELECT ?st ?p ?o WHERE {{
  VALUES ?p {{ {values} }} ?st prov:wasDerivedFrom {ref} ; ?p ?o
}}"""
    ):
        fields[row["st"].value][SUMMARY_PROPERTIES[row["p"].value]] = row["o"].value
    by_span: dict[str, list[StatementSummary]] = {}
    for row in sorted(
        spans, key=lambda r: (int(r["start"].value), int(r["end"].value), r["st"].value)
    ):
        statement = fields.get(row["st"].value, {})
        if "subject" not in statement or "predicate" not in statement:
            continue
        key = Span(int(row["start"].value), int(row["end"].value)).key
        by_span.setdefault(key, []).append(
            StatementSummary(
                iri=row["st"].value,
                subject=statement["subject"],
                predicate=statement["predicate"],
                object=statement.get("object"),
                value=statement.get("value"),
                unit=statement.get("unit"),
                text=statement.get("text"),
                hedge=statement.get("hedge"),
                negated=statement.get("negated") in ("true", "1"),
            )
        )
    return by_span


def _span_of(key: str) -> Span:
    start, end = key[1:].split("-")
    return Span(int(start), int(end))


_TEXTS: dict[tuple[Path, str], str] = {}
_TEXTS_LOCK = threading.Lock()


def document_text(corpus_dir: Path, fields: dict[str, str]) -> str:
    """Return a document's original text, checked against the release's checksum and length.

    Raises:
        DocumentTextUnavailable: if the file is missing, or its checksum or length differ.
    """
    name, expected = fields.get("file_name"), fields.get("sha256", "")
    if not name or Path(name).name != name:
        raise DocumentTextUnavailable("the graph names no usable corpus file for this document")
    path = Path(corpus_dir) / name
    with _TEXTS_LOCK:
        cached = _TEXTS.get((path, expected))
    if cached is not None:
        return cached
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentTextUnavailable(
            f"the corpus file {name} cannot be read: {error.strerror}"
        ) from None
    if hashlib.sha256(data).hexdigest() != expected:
        raise DocumentTextUnavailable(
            f"the corpus file {name} differs from the one this release was built from "
            "(SHA-256 mismatch)"
        )
    text = data.decode("utf-8")
    if fields.get("character_count") and int(fields["character_count"]) != len(text):
        raise DocumentTextUnavailable(
            f"the corpus file {name} does not have the length the release recorded"
        )
    with _TEXTS_LOCK:
        _TEXTS[(path, expected)] = text
    return text


def highlight(
    text: str, evidence: list[Span], sentences: list[Span], sections: list[Section]
) -> Markup:
    """Write the text as HTML: evidence spans as ``<mark>``, anchors for spans and sections.

    Every piece of document text passes through :func:`markupsafe.escape`; the markup around it
    is built from escaped attribute values only.

    Args:
        text: the original document text.
        evidence: the evidence spans, any overlap allowed.
        sentences: the sentence spans, so that a sentence can be selected by its fragment too.
        sections: the sections, each given an anchor where it starts.
    """
    length = len(text)
    valid = sorted(
        {s for s in evidence if 0 <= s.start < s.end <= length}, key=lambda s: (s.start, s.end)
    )
    targets = {
        span.key: span for span in [*valid, *sentences] if 0 <= span.start < span.end <= length
    }
    section_starts = [s for s in sections if 0 <= s.start <= length]
    cuts = sorted(
        {
            0,
            length,
            *(s.start for s in targets.values()),
            *(s.end for s in targets.values()),
            *(s.start for s in section_starts),
        }
    )
    anchors_at: dict[int, list[str]] = {}
    for section in section_starts:
        anchors_at.setdefault(section.start, []).append(section.anchor)
    for span in sorted(targets.values(), key=lambda s: (s.start, s.end)):
        anchors_at.setdefault(span.start, []).append(span.key)
    opening: dict[int, list[Span]] = {}
    for span in valid:
        opening.setdefault(span.start, []).append(span)
    active: dict[str, Span] = {}
    parts: list[Markup] = []
    for left, right in zip(cuts, cuts[1:]):
        for anchor in anchors_at.get(left, ()):
            parts.append(Markup('<span class="anchor" id="{}"></span>').format(anchor))
        active.update((span.key, span) for span in opening.get(left, ()))
        for key in [key for key, span in active.items() if span.end <= left]:
            del active[key]
        parts.append(_segment(text[left:right], left, right, list(active)))
    return Markup("").join(parts)


def _segment(piece: str, left: int, right: int, covering: list[str]) -> Markup:
    if covering:
        return Markup(
            '<mark class="ev" data-o="{}" data-e="{}" data-ev="{}" tabindex="0">{}</mark>'
        ).format(left, right, " ".join(covering), escape(piece))
    return Markup('<span data-o="{}" data-e="{}">{}</span>').format(left, right, escape(piece))
