"""Findings of the differential diagnosis, and how what a user types becomes ontology terms.

A finding is written ``key=value,key=value`` on the command line, in URLs and in the API
(``signal=Hyperintense,sequence=T2Weighted``, ``site=extradural``,
``finding=calcification,present=no``).
One key names the kind of finding and its term; ``sequence``, ``reference``, ``modality`` and
``present`` qualify it. A value names a term of the field by IRI, ``sk:`` name, local name, label,
synonym or abbreviation, ignoring case, accents and punctuation, or by the start of the names of
exactly one term. What names no term comes back as :class:`Unrecognised` with suggestions, so that
nothing a user typed is dropped silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from kg.ddx_graph import SK_BASE, Context, local_name

#: Finding kinds: the field that names the finding's value, in the order a report describes a lesion
#: (the page's form offers them in this order).
KINDS = (
    "site",
    "level",
    "region",
    "signal",
    "enhancement",
    "density",
    "finding",
    "sign",
    "primary",
    "age",
    "sex",
)
QUALIFIERS = ("sequence", "reference", "modality", "present")
KEY_ALIASES = {"compartment": "site", "location": "site", "bone": "density", "seq": "sequence"}
FIELD_ROOTS = {
    "site": ("AnatomicalEntity",),
    "region": ("VertebralColumn",),
    "level": (),
    "signal": ("SignalIntensity",),
    "sequence": ("MRSequence",),
    "reference": ("AnatomicalEntity",),
    "enhancement": ("EnhancementPattern",),
    "density": ("CTDensity",),
    "finding": ("ImagingFinding",),
    "sign": ("NamedSign",),
    "modality": ("ImagingModality",),
    "primary": ("Neoplasm",),
    "sex": (),
}
FIELD_INDIVIDUALS = {"level": "VertebralLevel", "region": "SpinalRegion", "sex": "Sex"}
FIELD_TITLES = {
    "site": "compartment or site",
    "level": "vertebral level",
    "region": "spinal region",
    "signal": "signal",
    "sequence": "sequence",
    "reference": "reference tissue",
    "enhancement": "enhancement",
    "density": "CT density or bone change",
    "finding": "imaging finding",
    "sign": "named sign",
    "modality": "modality",
    "primary": "known primary tumour",
    "age": "age",
    "sex": "sex",
}
#: Kinds free text is tried against, in this order, when it carries no ``key=``.
FREE_TEXT_KINDS = ("finding", "enhancement", "density", "site", "level", "region", "primary", "sex")
YES = {"yes", "true", "present", "1", "y"}
NO = {"no", "false", "absent", "0", "n"}


@dataclass(frozen=True)
class Finding:
    """One thing the user states about the lesion; terms are full IRIs."""

    kind: str
    value: str | None = None
    sequence: str | None = None
    reference: str | None = None
    modality: str | None = None
    present: bool = True
    age: int | None = None

    def text(self) -> str:
        """The finding in the ``key=value,...`` syntax of the CLI and the URLs, with local names."""
        parts = [f"{self.kind}={self.age if self.kind == 'age' else local_name(self.value)}"]
        for name in ("sequence", "reference", "modality"):
            if getattr(self, name):
                parts.append(f"{name}={local_name(getattr(self, name))}")
        if not self.present:
            parts.append("present=no")
        return ",".join(parts)


@dataclass(frozen=True)
class Unrecognised:
    """Input that names no term the finding can use; reported, never dropped silently."""

    text: str
    field: str | None
    reason: str
    suggestions: tuple[tuple[str, str, str], ...] = ()
    """Terms that might have been meant: (IRI, label, the whole finding written with it)."""


def text_key(text: str) -> str:
    """Fold text for comparison: no accents, no case, words of letters and digits."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return " ".join(re.findall(r"[0-9a-z]+", plain))


class Vocabulary:
    """The terms each finding field accepts, found by IRI, name, label, synonym or abbreviation."""

    def __init__(self, context: Context):
        self._context = context
        self.terms: dict[str, frozenset[str]] = {
            name: self._field_terms(name) for name in FIELD_ROOTS
        }
        self._keys: dict[str, dict[str, set[str]]] = {
            name: self._index(terms) for name, terms in self.terms.items()
        }

    def _field_terms(self, name: str) -> frozenset[str]:
        ctx = self._context
        terms: set[str] = set()
        for root in FIELD_ROOTS[name]:
            iri = SK_BASE + root
            terms |= {iri} | ctx.descendants(iri)
        if name in FIELD_INDIVIDUALS:
            type_iri = SK_BASE + FIELD_INDIVIDUALS[name]
            terms |= {x for x, t in ctx.individual_types.items() if t == type_iri}
        return frozenset(term for term in terms if term.startswith(SK_BASE) and term in ctx.labels)

    def _index(self, terms: Iterable[str]) -> dict[str, set[str]]:
        keys: dict[str, set[str]] = defaultdict(set)
        for term in terms:
            for text in (local_name(term), *self._context.texts.get(term, ())):
                key = text_key(text)
                keys[key].add(term)
                keys[key.replace(" ", "")].add(term)
        return keys

    def resolve(self, field_name: str, text: str, unique_prefix: bool = True) -> str | Unrecognised:
        """Return the term of ``field_name`` that ``text`` names, or why none does.

        Text names a term when it is the term's IRI, ``sk:`` name or local name, or one of its
        labels, synonyms or abbreviations (ignoring case, accents and punctuation); with
        ``unique_prefix``, also when it starts the names of exactly one term of the field
        ("extradural" for the extradural site).
        """
        terms = self.terms[field_name]
        value = text.strip()
        iri = SK_BASE + value[3:] if value.startswith("sk:") else value
        if iri in terms:
            return iri
        if SK_BASE + value in terms:
            return SK_BASE + value
        key = text_key(value)
        matches = self._keys[field_name].get(key) or self._keys[field_name].get(
            key.replace(" ", "")
        )
        if matches:
            return self._preferred(matches, key)
        if unique_prefix:
            starting = self._word_prefix_matches(field_name, key)
            if len(starting) == 1:
                return next(iter(starting))
        reason = f"no {FIELD_TITLES[field_name]} of the ontology is called {value!r}"
        return Unrecognised(value, field_name, reason, self.suggest(field_name, value))

    def _word_prefix_matches(self, field_name: str, key: str) -> set[str]:
        """Terms of the field one of whose names starts with the words of ``key``."""
        if not key:
            return set()
        return {
            term
            for name_key, terms in self._keys[field_name].items()
            if name_key.startswith(key + " ")
            for term in terms
        }

    def _preferred(self, matches: set[str], key: str) -> str:
        labelled = [term for term in matches if text_key(self._context.label(term)) == key]
        pool = labelled or list(matches)
        return min(pool, key=lambda term: (len(self._context.label(term)), term))

    def suggest(
        self, field_name: str, text: str, limit: int = 5
    ) -> tuple[tuple[str, str, str], ...]:
        """Terms of the field whose names start with, contain or resemble ``text``.

        Returns:
            (IRI, label, field) for each, best first.
        """
        key = text_key(text)
        if not key:
            return ()
        ranked: dict[str, tuple] = {}
        for term in self.terms[field_name]:
            label = self._context.label(term)
            for name in (label, *self._context.texts.get(term, ())):
                name_key = text_key(name)
                if name_key.startswith(key):
                    tier = 0
                elif key in name_key:
                    tier = 1
                elif fuzz.ratio(key, name_key) >= 75:
                    tier = 2
                else:
                    continue
                rank = (tier, len(label), label)
                if term not in ranked or rank < ranked[term]:
                    ranked[term] = rank
        best = sorted(ranked, key=lambda term: ranked[term])[:limit]
        return tuple((term, self._context.label(term), field_name) for term in best)

    def complete(self, field_name: str, text: str, limit: int = 10) -> list[dict]:
        """Autocomplete suggestions for a form field: ``{"value", "label", "iri"}`` dicts."""
        if field_name not in self.terms:
            return []
        resolved = self.resolve(field_name, text) if text.strip() else None
        found = [(resolved, self._context.label(resolved))] if isinstance(resolved, str) else []
        for term, label, _ in self.suggest(field_name, text, limit):
            if term != resolved:
                found.append((term, label))
        return [
            {"value": local_name(term), "label": label, "iri": term}
            for term, label in found[:limit]
        ]


def parse_finding(text: str, vocabulary: Vocabulary) -> Finding | Unrecognised:
    """Read one finding: ``key=value,key=value`` (``signal=Hyperintense,sequence=T2Weighted``).

    Text without ``=`` is tried as a term of any finding kind ("calcification"); it must name a
    term exactly. Unknown keys, terms and ages come back as :class:`Unrecognised`.
    """
    text = text.strip()
    if "=" not in text:
        return _free_text_finding(text, vocabulary)
    fields: dict[str, str] = {}
    for part in (piece for piece in text.split(",") if piece.strip()):
        key, _, value = part.partition("=")
        key = KEY_ALIASES.get(key.strip().lower(), key.strip().lower())
        if key not in KINDS and key not in QUALIFIERS:
            return Unrecognised(
                text,
                key,
                f"{key!r} is not a finding field; use one of {', '.join(KINDS + QUALIFIERS)}",
            )
        fields[key] = value.strip()
    kinds = [key for key in fields if key in KINDS]
    if len(kinds) != 1:
        return Unrecognised(text, None, "a finding names exactly one of " + ", ".join(KINDS))
    return _finding_from_fields(text, kinds[0], fields, vocabulary)


def _free_text_finding(text: str, vocabulary: Vocabulary) -> Finding | Unrecognised:
    for kind in FREE_TEXT_KINDS:
        resolved = vocabulary.resolve(kind, text, unique_prefix=False)
        if isinstance(resolved, str):
            return Finding(kind=kind, value=resolved)
    suggestions = tuple(
        (iri, label, f"{kind}={local_name(iri)}")
        for kind in FREE_TEXT_KINDS
        for iri, label, _ in vocabulary.suggest(kind, text, 2)
    )[:5]
    return Unrecognised(
        text, None, f"{text!r} names no term of the ontology a finding can use", suggestions
    )


def _finding_from_fields(
    text: str, kind: str, fields: dict[str, str], vocabulary: Vocabulary
) -> Finding | Unrecognised:
    present = fields.get("present", "yes").lower()
    if present not in YES | NO:
        return Unrecognised(text, "present", f"present must be yes or no, not {present!r}")
    values: dict[str, object] = {"kind": kind, "present": present in YES}
    if kind == "age":
        if not fields["age"].isdigit() or not 0 <= int(fields["age"]) <= 130:
            return Unrecognised(
                text, "age", f"age must be a whole number of years, not {fields['age']!r}"
            )
        values["age"] = int(fields["age"])
    for name in (kind, "sequence", "reference", "modality"):
        if name == "age" or name not in fields:
            continue
        resolved = vocabulary.resolve(name, fields[name])
        if isinstance(resolved, Unrecognised):
            rewritten = tuple(
                (
                    iri,
                    label,
                    ",".join(
                        f"{key}={local_name(iri) if key == name else value}"
                        for key, value in fields.items()
                    ),
                )
                for iri, label, _ in resolved.suggestions
            )
            return replace(resolved, text=text, suggestions=rewritten)
        values["value" if name == kind else name] = resolved
    if kind == "signal" and "sequence" not in values:
        return Unrecognised(
            text, "sequence", "a signal needs the sequence it is seen on (sequence=...)"
        )
    return Finding(**values)
