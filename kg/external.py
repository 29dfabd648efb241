"""The external ontologies SpineKG links to: their CURIE prefixes, IRI forms and home pages.

One registry, :data:`ONTOLOGIES`, is the single place that knows that ``RADLEX:RID7111`` is
``http://radlex.org/RID/RID7111`` and that its page is RadLex's term browser. The curated mapping
file's ``curie_map`` is written from it, the build expands object CURIEs with it, and the lookup
reads any CURIE or IRI a user pastes (``RADLEX:RID7111``, ``http://www.radlex.org/RID/RID7111``,
``NCIT:C3086``, the native NCIt IRI ``...Thesaurus.owl#C3086``, ``UBERON_0001130``) back to one
canonical IRI.

IRI forms follow ``../shared/mappings/README.md``: OBO PURLs for the OBO ontologies and
``http://radlex.org/RID/`` (RadLex 4.4) for RadLex, with RadLex 4.3's ``http://www.radlex.org/RID/``
accepted on input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import SpineKGError

OBO = "http://purl.obolibrary.org/obo/"


class UnknownIdentifier(SpineKGError):
    """A CURIE or IRI that belongs to none of the linked ontologies."""

    exit_code = 2


@dataclass(frozen=True)
class ExternalOntology:
    """One ontology SpineKG links to.

    Attributes:
        prefix: The CURIE prefix used in the mapping file (``RADLEX``, ``NCIT``).
        name: The ontology's name as a reader knows it.
        iri_base: The canonical IRI base; CURIE ``PREFIX:local`` expands to ``iri_base + local``.
        home: A URL template of the term's page for readers, with ``{local}`` for the local id.
        alternate_bases: Other IRI bases of the same terms, accepted on input only.
        local_pattern: A regular expression every local id of the ontology matches.
    """

    prefix: str
    name: str
    iri_base: str
    home: str
    alternate_bases: tuple[str, ...] = ()
    local_pattern: str = r"\S+"

    def iri(self, local: str) -> str:
        """Return the canonical IRI of a local id."""
        return self.iri_base + local

    def curie(self, local: str) -> str:
        """Return the CURIE of a local id."""
        return f"{self.prefix}:{local}"

    def home_url(self, local: str) -> str:
        """Return the URL of the term's page in the ontology's own browser."""
        return self.home.format(local=local)


ONTOLOGIES: dict[str, ExternalOntology] = {
    o.prefix: o
    for o in (
        ExternalOntology(
            "RADLEX",
            "RadLex",
            "http://radlex.org/RID/",
            "https://radlex.org/RID/{local}",
            (
                "http://www.radlex.org/RID/",
                "https://radlex.org/RID/",
                "https://www.radlex.org/RID/",
            ),
            r"RID\d+",
        ),
        ExternalOntology(
            "NCIT",
            "NCI Thesaurus",
            OBO + "NCIT_",
            "https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncit/{local}",
            (
                "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl#",
                "https://purl.obolibrary.org/obo/NCIT_",
            ),
            r"C\d+",
        ),
        ExternalOntology(
            "UBERON",
            "Uberon",
            OBO + "UBERON_",
            OBO + "UBERON_{local}",
            ("https://purl.obolibrary.org/obo/UBERON_",),
            r"\d{7}",
        ),
        ExternalOntology(
            "FMA",
            "Foundational Model of Anatomy",
            OBO + "FMA_",
            OBO + "FMA_{local}",
            ("http://purl.org/sig/ont/fma/fma", "https://purl.obolibrary.org/obo/FMA_"),
            r"\d+",
        ),
        ExternalOntology(
            "CHEBI",
            "ChEBI",
            OBO + "CHEBI_",
            OBO + "CHEBI_{local}",
            ("https://purl.obolibrary.org/obo/CHEBI_",),
            r"\d+",
        ),
        ExternalOntology(
            "DOID",
            "Human Disease Ontology",
            OBO + "DOID_",
            OBO + "DOID_{local}",
            ("https://purl.obolibrary.org/obo/DOID_",),
            r"\d+",
        ),
        ExternalOntology(
            "MONDO",
            "Mondo Disease Ontology",
            OBO + "MONDO_",
            OBO + "MONDO_{local}",
            ("https://purl.obolibrary.org/obo/MONDO_",),
            r"\d{7}",
        ),
        ExternalOntology(
            "MAXO",
            "Medical Action Ontology",
            OBO + "MAXO_",
            OBO + "MAXO_{local}",
            ("https://purl.obolibrary.org/obo/MAXO_",),
            r"\d{7}",
        ),
        ExternalOntology(
            "HP",
            "Human Phenotype Ontology",
            OBO + "HP_",
            OBO + "HP_{local}",
            ("https://purl.obolibrary.org/obo/HP_",),
            r"\d{7}",
        ),
    )
}

RADLEX = ONTOLOGIES["RADLEX"]


@dataclass(frozen=True)
class ExternalId:
    """An identifier of a linked ontology, in canonical form."""

    ontology: ExternalOntology
    local: str

    @property
    def iri(self) -> str:
        """The canonical IRI."""
        return self.ontology.iri(self.local)

    @property
    def curie(self) -> str:
        """The CURIE, as the mapping file writes it."""
        return self.ontology.curie(self.local)

    @property
    def home_url(self) -> str:
        """The term's page in its ontology's browser."""
        return self.ontology.home_url(self.local)


def curie_map() -> dict[str, str]:
    """Return the CURIE prefix map of every linked ontology (prefix to canonical IRI base)."""
    return {prefix: o.iri_base for prefix, o in ONTOLOGIES.items()}


def from_curie(curie: str) -> ExternalId:
    """Read a CURIE of the mapping file (``RADLEX:RID3969``).

    Raises:
        UnknownIdentifier: the prefix is not a linked ontology or the local id has the wrong form.
    """
    prefix, sep, local = curie.partition(":")
    ontology = ONTOLOGIES.get(prefix.upper()) if sep else None
    if ontology is None or not re.fullmatch(ontology.local_pattern, local):
        raise UnknownIdentifier(
            f"{curie!r} is not an identifier of a linked ontology ({', '.join(ONTOLOGIES)})"
        )
    return ExternalId(ontology, local)


def from_iri(iri: str) -> ExternalId | None:
    """Return the external id an IRI names in any accepted form, or ``None``."""
    for ontology in ONTOLOGIES.values():
        for base in (ontology.iri_base, *ontology.alternate_bases):
            if iri.startswith(base):
                local = iri[len(base) :]
                if re.fullmatch(ontology.local_pattern, local):
                    return ExternalId(ontology, local)
    return None


def parse_identifier(text: str) -> ExternalId:
    """Read what a user pastes: a CURIE in any case, an IRI in any form, ``UBERON_0001130``.

    A bare RadLex id (``RID7111``) is read as RadLex: no other linked ontology uses that form.

    Raises:
        UnknownIdentifier: the text names no term of a linked ontology.
    """
    text = text.strip().strip("<>")
    if re.match(r"https?://", text):
        found = from_iri(text)
        if found is None:
            raise UnknownIdentifier(
                f"{text!r} is not an IRI of a linked ontology ({', '.join(ONTOLOGIES)})"
            )
        return found
    if re.fullmatch(r"RID\d+", text, flags=re.IGNORECASE):
        return ExternalId(RADLEX, text.upper())
    obo_style = re.fullmatch(r"([A-Za-z]+)_(\S+)", text)
    if obo_style and ":" not in text:
        text = f"{obo_style.group(1)}:{obo_style.group(2)}"
    prefix, _, local = text.partition(":")
    ontology = ONTOLOGIES.get(prefix.upper())
    if ontology is not None and ontology is RADLEX:
        local = local.upper()
    return from_curie(f"{prefix.upper()}:{local}")
