"""Locating curated quotes in the real documents, and normalising hedges."""

from __future__ import annotations

import pytest

from kg.curation import locate_quote
from kg.hedges import normalise_hedge
from kg.namespaces import SK


def test_quote_with_repaired_artefacts_maps_to_the_original_text(corpus):
    doc = corpus["001_629860b7f85b83dc"]
    evidence = locate_quote(doc, "A 53-year-old right-handed Caucasian male presented to the emergency department")
    assert doc.original[evidence.start : evidence.end] == evidence.exact
    assert evidence.exact.startswith("A 5 3 - y e a r-old") and "e m e rgency" in evidence.exact
    assert evidence.sentence.text.startswith("A 53-year-old")
    assert evidence.section.title == "CASE REPORT"


def test_typographic_quotes_and_dashes_are_matched_by_plain_ones(corpus):
    doc = corpus["002_d3f542460b4cce16"]
    evidence = locate_quote(doc, 'Sagittal T2-weighted MR image depicts the "halo sign"')
    assert "“halo sign”" in evidence.exact


def test_ambiguous_quote_needs_an_occurrence(corpus):
    doc = corpus["002_d3f542460b4cce16"]
    quote = "Batson’s paravertebral plexus, appears to be more important than the arterial route."
    with pytest.raises(ValueError, match="occurs 2 times"):
        locate_quote(doc, quote)
    first, second = locate_quote(doc, quote, 1), locate_quote(doc, quote, 2)
    assert first.start < second.start


def test_missing_quote_points_at_the_closest_text(corpus):
    doc = corpus["000_891c798bf44889b1"]
    with pytest.raises(ValueError, match="closest text") as error:
        locate_quote(doc, "The pathology report was the cavernous haemangioma.")
    assert "cavernous hemangioma" in str(error.value)


@pytest.mark.parametrize(
    ("hedge", "level"),
    [
        ("usually", "Usually"),
        ("most commonly", "Usually"),
        ("often (but not consistently)", "Often"),
        ("less commonly", "Sometimes"),
        ("less common", "Sometimes"),
        ("uncommon", "Rarely"),
        ("rare cases (about 1%)", "Rarely"),
        ("may", "Possibly"),
        ("always", "Always"),
    ],
)
def test_hedges_normalise_to_frequency_levels(hedge, level):
    assert normalise_hedge(hedge) == SK[level]


def test_no_hedge_has_no_level():
    assert normalise_hedge(None) is None
    assert normalise_hedge("at 1.5 T") is None
