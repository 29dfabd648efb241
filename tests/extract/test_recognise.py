"""Concept, level and number recognition on short sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract.levels import find_levels
from kg.extract.numbers import find_numbers


def names(lexicon, text: str) -> list[str]:
    return [m.concept.name for m in lexicon.recognise(text)]


def test_longest_label_wins_over_its_parts(lexicon):
    assert names(lexicon, "It caused epidural spinal cord compression.") == ["EpiduralSpinalCordCompression"]


def test_plurals_and_spelling_variants_find_the_concept(lexicon):
    assert names(lexicon, "Metastases to the spine") == ["SpinalMetastasis"]
    assert names(lexicon, "vertebral hemangiomas and tumours") == ["VertebralHemangioma", "Neoplasm"]


def test_abbreviations_match_with_their_letter_case_only(lexicon):
    assert names(lexicon, "bright on T2W and STIR") == ["Hyperintense", "T2Weighted", "STIR"]
    assert "STIR" not in names(lexicon, "we stir the mixture")


def test_hyphenated_words_match_joined_or_apart(lexicon):
    assert names(lexicon, "a T1-weighted image") == names(lexicon, "a T1 weighted image") == ["T1Weighted"]
    assert names(lexicon, "an iso-intense mass") == ["Isointense", "Lesion"]


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("at T11 & T12 vertebral levels", [("T11", "T12")]),
        ("compressing the cord at the T2-T3 level", [("T2", "T3")]),
        ("the C4 and C5 vertebral bodies", [("C4", "C5")]),
        ("from L1 to L3", [("L1", "L2", "L3")]),
        ("fusion of T11-12", [("T11", "T12")]),
        ("lesions at C7 and S1", [("C7", "S1")]),
    ],
)
def test_levels_and_ranges(text, levels):
    assert [m.levels for m in find_levels(text)] == levels


def test_sequence_names_are_not_levels():
    assert find_levels("hyperintense on T2-weighted images and T1 hypointense") == []


def test_numbers_with_units():
    found = {(n.kind, n.value, n.value_max, n.unit) for n in find_numbers("an incidence of 10-12%, a 40-year-old man, four days later, a 3.5 cm mass, 4/9 cases")}
    assert found == {
        ("percent", 10.0, 12.0, "percent"),
        ("age", 40.0, None, "year"),
        ("duration", 4.0, None, "day"),
        ("size", 3.5, None, "cm"),
        ("fraction", 44.4, None, "percent"),
    }
