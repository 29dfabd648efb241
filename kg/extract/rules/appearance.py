"""Relation rules for imaging_appearance statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognise import Mention
from kg.extract.rules.base import SITE, Candidate, ref, rule, simple
from kg.extract.sentence import Ref, SentenceView

APPEARANCE_PREDICATES = {"signal": "hasSignal", "enhancement": "hasEnhancement", "density": "hasDensity", "finding": "hasImagingFinding"}
SEQUENCE_SHORTHAND = re.compile(r"\bT([12])(?:W|-?weighted)?\b")
ADJACENT_SEQUENCE = re.compile(r"\bT([12])(?:W|-?weighted)?\s+$")


@rule("appearance.lesion_looks", "imaging_appearance", 0.8)
def appearance_lesion_looks(view: SentenceView) -> Iterable[Candidate]:
    """A lesion described by signal, enhancement, density or a finding, with the sequence or modality it is seen on."""
    narrative = view.is_case or view.is_caption
    for look in view.of("signal", "enhancement", "density", "finding"):
        subject = view.subject_before(look.start) or (view.anaphor_ref() if narrative else None)
        if subject is None or (look.category == "finding" and not narrative and not _describes(view, subject, look)):
            continue
        qualifiers = {"sequence": sequence_near(view, look), "figure": _figure_near(view, look)}
        if look.category in ("density", "finding", "enhancement") or qualifiers["sequence"] is None:
            qualifiers["modality"] = modality_near(view, look)
        if look.category == "enhancement" and qualifiers["sequence"] is not None and "T1" not in qualifiers["sequence"].name:
            qualifiers["sequence"], qualifiers["modality"] = None, qualifiers["modality"] or Ref("MRI")
        qualifiers.update(technique_fallback(view, look.category, qualifiers))
        if qualifiers.get("sequence") is None and qualifiers.get("modality") is None:
            continue
        qualifiers["referenceTissue"] = _reference_tissue(view, look)
        yield simple(view, "imaging_appearance", subject, APPEARANCE_PREDICATES[look.category], look, look.start, **qualifiers)


DEFAULT_MODALITY = {"signal": "MRI", "density": "CT"}


def technique_fallback(view: SentenceView, category: str, qualifiers: dict) -> dict:
    """A sequence or modality for an appearance whose sentence names none.

    The technique named last before the sentence in its section (a caption's "T2-weighted image shows
    ..." or the paragraph's "On MRI ...") is the one the finding is seen on; failing that, a signal
    intensity is by definition an MR finding and a density a CT one. The graph requires one of them
    for every appearance statement.
    """
    if qualifiers.get("sequence") is not None or qualifiers.get("modality") is not None:
        return {}
    context = view.context_technique
    if context is not None:
        return {"sequence" if context.category == "sequence" else "modality": ref(context)}
    if category in DEFAULT_MODALITY:
        return {"modality": Ref(DEFAULT_MODALITY[category])}
    return {}


def _describes(view: SentenceView, subject: Ref, look: Mention) -> bool:
    """Whether a finding is said of the subject ("shows", "with", "demonstrates") rather than merely named."""
    start, _end = view.clause_of(look.start)
    before = view.text[start : look.start].lower()
    return bool(re.search(r"\b(?:show\w*|with|demonstrat\w*|reveal\w*|ha[sd]|have|display\w*|exhibit\w*|caus\w*|produc\w*|appear\w*|seen as|present\w* as)\b", before))


def sequence_near(view: SentenceView, look: Mention) -> Ref | None:
    """The MR sequence a signal is read on: the one written right before it ("T2 hyperintense"), else the
    nearest one after it in the clause ("on T1W"), else the one before it.
    """
    start, end = view.clause_of(look.start)
    adjacent = ADJACENT_SEQUENCE.search(view.text[max(start, look.start - 16) : look.start])
    if adjacent:
        return Ref(f"T{adjacent.group(1)}Weighted")
    sequences = [m for m in view.of("sequence") if start <= m.start < end]
    following = [m for m in sequences if m.start >= look.end and m.start - look.end <= 40]
    preceding = [m for m in sequences if m.end <= look.start]
    chosen = following[:1] or preceding[-1:]
    if chosen:
        return ref(chosen[0])
    window = view.text[max(start, look.start - 12) : min(end, look.end + 16)]
    shorthand = SEQUENCE_SHORTHAND.search(window)
    if shorthand:
        return Ref(f"T{shorthand.group(1)}Weighted")
    return None


def modality_near(view: SentenceView, look: Mention) -> Ref | None:
    """The imaging modality named in the same clause, if any."""
    start, end = view.clause_of(look.start)
    modalities = [m for m in view.of("modality") if start <= m.start < end]
    return ref(modalities[0]) if modalities else None


def _figure_near(view: SentenceView, look: Mention) -> str | None:
    """The figure cited right after a finding ("(Figure 2)"), if any."""
    match = re.match(r"[^()]{0,40}?\(\s*Fig(?:ure)?s?\.?\s*(\d+[A-Za-z]?)", view.text[look.end :])
    return match.group(1) if match else None


def _reference_tissue(view: SentenceView, look: Mention) -> Ref | None:
    """The tissue a signal or density is compared with ("relative to muscle", "compared with disc")."""
    tail = view.text[look.end : look.end + 40]
    match = re.search(r"\b(?:relative to|compared (?:with|to)|than|to)\s+(?:the\s+)?(?:normal\s+|adjacent\s+)?", tail)
    if not match:
        return None
    at = look.end + match.end()
    tissue = [m for m in view.mentions if m.start == at and m.category in SITE]
    return ref(tissue[0]) if tissue else None
