"""Shared machinery of round 5b: which lesion a review's sentences speak of.

A new paragraph of a review falls back to the topic of its section (the paper's lesion, or the one the
heading names) instead of the lesion a side remark of the paragraph before named. A lesion a sentence on
the topic names further on ("Chordomas ..., whereas schwannomas ...") does not become the topic. A
sentence that opens with the bare head noun of the lesion the sentence before named ("... is vertebral
hemangioma. Hemangiomas are ...") speaks of that lesion, not of the general class. Recognition: a bare
word that names a quality of the patient ("thin") is not read inside a hyphenated compound or before an
imaging finding, where it describes something else.

Every sentence is written for these tests (none is taken from a paper or a development set). Each
behaviour is checked both ways: that the machinery reads the construction, and that it leaves alone the
text that only looks like it.
"""

from __future__ import annotations

from tests.extract.texts import extract_text, facts

PAIN = "Imaging of back pain"
HEMANGIOMA_NAMED = "The main differential diagnosis is vertebral hemangioma."
BRIGHT_HEMANGIOMAS = "hemangiomas are usually hyperintense on T2-weighted images."
CHORDOMA = "Spinal chordoma"
SIDE_REMARK = "Chordomas grow from notochordal remnants. Schwannomas are a differential diagnosis of them."
BRIGHT_TUMOURS = "These tumours are usually hyperintense on T2-weighted images."
BRIGHT_PRONOUN = "They are usually hyperintense on T2-weighted images."


def subjects_of_signal(extractor, text: str, title: str) -> set[str]:
    """The subjects of the hyperintense-signal statements extracted (accepted or in review) from ``text``."""
    extraction = extract_text(extractor, text, title=title)
    return {s for s, p, o in facts(extraction.statements) if p == "hasSignal" and o == "Hyperintense"}


def test_opening_head_noun_stands_for_the_lesion_just_named(extractor):
    text = f"{HEMANGIOMA_NAMED} {BRIGHT_HEMANGIOMAS.capitalize()}"
    assert subjects_of_signal(extractor, text, PAIN) == {"VertebralHemangioma"}


def test_head_noun_further_in_the_sentence_keeps_its_class(extractor):
    text = f"{HEMANGIOMA_NAMED} Unlike other tumours, {BRIGHT_HEMANGIOMAS}"
    assert subjects_of_signal(extractor, text, PAIN) == {"Hemangioma"}


def test_head_noun_in_a_new_paragraph_keeps_its_class(extractor):
    text = f"{HEMANGIOMA_NAMED}\n\n{BRIGHT_HEMANGIOMAS.capitalize()}"
    assert subjects_of_signal(extractor, text, PAIN) == {"Hemangioma"}


def test_new_paragraph_of_a_review_returns_to_the_papers_lesion(extractor):
    text = f"{SIDE_REMARK}\n\n{BRIGHT_TUMOURS}"
    assert subjects_of_signal(extractor, text, CHORDOMA) == {"Chordoma"}


def test_same_paragraph_keeps_the_lesion_it_moved_to(extractor):
    text = f"{SIDE_REMARK} {BRIGHT_TUMOURS}"
    assert subjects_of_signal(extractor, text, CHORDOMA) == {"Schwannoma"}


def test_new_paragraph_of_a_section_returns_to_the_lesion_its_heading_names(extractor):
    text = f"1. Chordoma\n\n{SIDE_REMARK}\n\n{BRIGHT_TUMOURS}"
    assert subjects_of_signal(extractor, text, PAIN) == {"Chordoma"}


def test_lesion_named_after_the_topic_in_a_sentence_on_it_does_not_take_the_topic_over(extractor):
    text = f"Chordomas are midline tumours, whereas schwannomas usually enhance at the rim. {BRIGHT_PRONOUN}"
    assert subjects_of_signal(extractor, text, CHORDOMA) == {"Chordoma"}


def test_lesion_a_sentence_opens_with_takes_the_topic_over(extractor):
    text = f"Schwannomas usually enhance at the rim, unlike chordomas. {BRIGHT_PRONOUN}"
    assert subjects_of_signal(extractor, text, CHORDOMA) == {"Schwannoma"}


def recognised(lexicon, text: str) -> set[str]:
    """The names of the concepts the lexicon finds in ``text``."""
    return {m.concept.name for m in lexicon.recognise(text)}


def test_patient_quality_word_is_read_when_it_describes_the_patient(lexicon):
    assert "ThinHabitus" in recognised(lexicon, "On examination she was a thin woman with leg weakness.")


def test_patient_quality_word_in_a_hyphenated_compound_is_not_read(lexicon):
    assert "ThinHabitus" not in recognised(lexicon, "The cyst has a thin-walled septum.")


def test_patient_quality_word_before_an_imaging_finding_is_not_read(lexicon):
    found = recognised(lexicon, "A thin hyperintensity runs along the cord.")
    assert "ThinHabitus" not in found and "Hyperintense" in found


def test_hyphenated_names_of_sites_and_drugs_are_still_read(lexicon):
    found = recognised(lexicon, "A dura-based mass showed contrast-enhanced rims.")
    assert {"DuraMater", "ContrastAgent"} <= found
