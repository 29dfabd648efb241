"""NegEx scope through negspacy, on recognised concepts."""

from __future__ import annotations

import pytest

from kg.extract.negation import hedge_words, negated_mentions


def negated(lexicon, text: str) -> set[str]:
    mentions = lexicon.recognise(text)
    return {mentions[i].concept.name for i in negated_mentions(text, mentions)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The extradural lesion showed homogeneous enhancement without calcification.", {"Calcification"}),
        ("He denied focal weakness, bowel or bladder symptoms.", {"FocalWeakness", "BladderSymptoms"}),
        ("There was no evidence of remote metastases in the lungs.", {"Metastasis", "Lung"}),
        ("The mass was hyperintense on T2W images.", set()),
    ],
)
def test_negation_cues_negate_what_follows(lexicon, text, expected):
    assert negated(lexicon, text) == expected


def test_negation_stops_at_a_termination_word(lexicon):
    assert negated(lexicon, "There was no calcification, but flow voids were seen.") == {"Calcification"}


def test_negation_stays_near_its_cue(lexicon):
    text = "Although no randomized trials exist for this tumour in adults of any age group, radiotherapy appears to be the treatment of choice."
    assert "RadiationTherapy" not in negated(lexicon, text)


def test_hedge_words_are_kept_as_written():
    assert hedge_words("These tumors usually appear on the skin") == "usually"
    assert hedge_words("can become symptomatic in rare cases (about 1%)") == "in rare cases (about 1%)"
    assert hedge_words("The mass compresses the cord") is None
