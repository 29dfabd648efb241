"""Normalisation of PDF artefacts with offsets back to the original file, sections and sentences."""

from __future__ import annotations

import pytest

from kg.documents import Document, normalise

CASES = [
    ("A 5 3 - y e a r-old right-handed", "A 53-year-old right-handed"),
    ("presented to the\ne m e rgency department", "presented to the emergency department"),
    ("the term “hemangioperi-\ncytoma” after", "the term “hemangiopericytoma” after"),
    ("speciﬁcity and eﬃcacy", "specificity and efficacy"),
    ("chordomas. T h e\nprocedure", "chordomas. The procedure"),
    ("(2) intra-\n\nABSTRACT: Objective", "(2) intra- ABSTRACT: Objective"),
    ("  many   spaces\n\n and lines  ", "many spaces and lines"),
    ("P < 0.0001 and T1 T2 images", "P < 0.0001 and T1 T2 images"),
]


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_normalise_repairs_artefacts(original, expected):
    assert normalise(original).text == expected


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_every_repaired_word_maps_back_to_the_original_text_it_came_from(original, expected):
    mapped = normalise(original)
    at = 0
    for word in expected.split(" "):
        at = mapped.text.index(word, at)
        start, end = mapped.original_span(at, at + len(word))
        assert normalise(original[start:end]).text.replace(" ", "") == word.replace(" ", "")
        at += len(word)


def test_ligature_maps_to_its_single_original_character():
    mapped = normalise("speciﬁcity")
    start, end = mapped.original_span(5, 7)  # the "fi"
    assert "speciﬁcity"[start:end] == "ﬁ"


def test_empty_document_is_refused():
    from kg.errors import DocumentError

    with pytest.raises(DocumentError, match="empty"):
        Document("empty", "   \n ")


def test_sentences_cover_the_case_report_with_original_offsets(corpus):
    doc = corpus["001_629860b7f85b83dc"]
    texts = [s.text for s in doc.sentences]
    assert "He denied focal weakness, bowel or bladder symptoms." in texts
    age = next(s for s in doc.sentences if s.text.startswith("A 53-year-old"))
    assert doc.original[age.start : age.end].startswith("A 5 3 - y e a r-old")
    for sentence in doc.sentences:
        assert normalise(doc.original[sentence.start : sentence.end]).text == sentence.text


def test_figure_captions_are_their_own_sections(corpus):
    doc = corpus["002_d3f542460b4cce16"]
    captions = [s.title for s in doc.sections if s.is_caption]
    assert captions[:3] == ["Figure 1", "Figure 2", "Figure 3"]
    halo = next(s for s in doc.sentences if "depicts the “halo sign”" in s.text)
    assert halo.section.title == "Figure 6"
    body = next(s for s in doc.sentences if s.text.startswith("Metastases often (but not consistently)"))
    assert body.section.title == "2.8. T2-Weighted Sequences"


def test_sentences_do_not_cross_a_caption(corpus):
    doc = corpus["002_d3f542460b4cce16"]
    for sentence in doc.sentences:
        assert "Figure 6:" not in sentence.text or sentence.text.startswith("Figure 6:")
