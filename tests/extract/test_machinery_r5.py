"""Shared machinery of round 5: sure pronouns, the topic as a lesion, quoted and glued words, negation scope.

Anaphora: an opening "they" right after a sentence whose subject was the topic is no guess; a disorder that
is no lesion does not become the topic; a sentence naming the paper's own lesion brings the topic back to
it. Recognition: a term with a quoted word, a word PDF extraction glued to an abbreviation. Negation: scope
ends where a new event or a conclusion starts, and a "without" inside one list item does not reach the
next item. Case narrative: "the nodule", "a collection" are the patient's lesion.

Every sentence is written for these tests (none is taken from a paper or a development set). Each
behaviour is checked both ways: that the machinery reads the construction, and that it leaves alone the
text that only looks like it.
"""

from __future__ import annotations

from kg.extract.negation import negated_mentions
from kg.extract.phrases import phrase_mentions
from kg.extract.pipeline import CONFIDENCE_THRESHOLD, join_fragments
from tests.extract.texts import accepted, extract_text, text_document

CHORDOMA = "Sacral chordoma"
ON_THE_TOPIC = "Chordomas grow from notochordal remnants in the sacrum."
BRIGHT = "They are usually hyperintense on T2-weighted images."
ABSCESS = "A 61-year-old man had back pain. MRI showed a {} in the epidural space."


def confidences(extraction) -> dict[tuple, float]:
    """Each statement of an extraction (accepted or in review) as (subject, predicate, object) -> confidence."""
    return {(s["subject"], s["predicate"], s.get("object")): s["confidence"] for s in extraction.statements}


def negated_words(extractor, text: str) -> dict[str, bool]:
    """Each concept the lexicon finds in ``text``, as written, with whether the sentence negates it."""
    mentions = phrase_mentions(text, extractor.lexicon.recognise(text), extractor.lexicon)
    negated = negated_mentions(text, mentions)
    return {m.text: k in negated for k, m in enumerate(mentions)}


def test_pronoun_after_a_sentence_on_the_topic_is_sure(extractor):
    extraction = extract_text(extractor, f"{ON_THE_TOPIC} {BRIGHT}", title=CHORDOMA)
    assert confidences(extraction)[("Chordoma", "hasSignal", "Hyperintense")] >= CONFIDENCE_THRESHOLD


def test_pronoun_opening_a_new_paragraph_stays_a_guess(extractor):
    extraction = extract_text(extractor, f"{ON_THE_TOPIC}\n\n{BRIGHT}", title=CHORDOMA)
    assert confidences(extraction)[("Chordoma", "hasSignal", "Hyperintense")] < CONFIDENCE_THRESHOLD


def test_pronoun_after_a_sentence_without_the_topic_as_subject_stays_a_guess(extractor):
    text = "Sacral pain is the usual complaint. They are usually hyperintense on T2-weighted images."
    extraction = extract_text(extractor, text, title=CHORDOMA)
    assert confidences(extraction)[("Chordoma", "hasSignal", "Hyperintense")] < CONFIDENCE_THRESHOLD


def test_pronoun_after_a_pronoun_on_the_topic_is_sure(extractor):
    text = f"{ON_THE_TOPIC} {BRIGHT} They often extend into the epidural space."
    extraction = extract_text(extractor, text, title=CHORDOMA)
    assert confidences(extraction)[("Chordoma", "extendsInto", "EpiduralSpace")] >= CONFIDENCE_THRESHOLD


def test_pronoun_after_a_pronoun_for_a_technique_stays_a_guess(extractor):
    text = (
        f"{ON_THE_TOPIC} CT myelography is an option when MRI cannot be done. It shows the thecal sac. "
        "It is usually hyperintense on T2-weighted images."
    )
    extraction = extract_text(extractor, text, title=CHORDOMA)
    assert confidences(extraction)[("Chordoma", "hasSignal", "Hyperintense")] < CONFIDENCE_THRESHOLD


def test_a_disorder_that_is_no_lesion_does_not_become_the_topic(extractor):
    text = "Nerve root compression is common. They are usually hyperintense on T2-weighted images."
    extraction = extract_text(extractor, text, title=CHORDOMA)
    said = confidences(extraction)
    assert ("NerveRootCompression", "hasSignal", "Hyperintense") not in said
    assert ("Chordoma", "hasSignal", "Hyperintense") in said


def test_naming_the_papers_lesion_brings_the_topic_back(extractor):
    text = (
        "Chordomas arise in the sacrum. Schwannomas may also compress the cord. "
        "MRI had a sensitivity of 90% for chordoma. The main differential diagnosis is vertebral metastasis."
    )
    facts = accepted(extractor, text, title=CHORDOMA)
    assert ("Chordoma", "hasDifferential", "OsseousMetastasis") in facts
    assert ("Schwannoma", "hasDifferential", "OsseousMetastasis") not in facts


def test_topic_follows_another_lesion_when_the_papers_lesion_is_not_named(extractor):
    text = (
        "Chordomas arise in the sacrum. Schwannomas may also compress the cord. "
        "MRI had a sensitivity of 90%. The main differential diagnosis is vertebral metastasis."
    )
    facts = accepted(extractor, text, title=CHORDOMA)
    assert ("Chordoma", "hasDifferential", "OsseousMetastasis") not in facts


def test_quoted_word_inside_a_term_is_read(lexicon):
    text = "Most “atypical” hemangiomas grow beyond the vertebral body."
    found = {m.concept.name: m.text for m in lexicon.recognise(text)}
    assert found["AtypicalVertebralHemangioma"] == "atypical” hemangiomas"


def test_quotes_around_a_whole_phrase_keep_its_words_apart(lexicon):
    found = {m.concept.name for m in lexicon.recognise("The word “atypical” was used for every hemangioma.")}
    assert "AtypicalVertebralHemangioma" not in found
    assert "Hemangioma" in found or "VertebralHemangioma" in found


def test_word_glued_to_an_abbreviation_is_read_with_it(lexicon):
    text = "On STIRsequences the lesion was bright."
    mentions = lexicon.recognise(text)
    stir = [m for m in mentions if m.concept.name == "STIR"]
    assert stir and text[stir[0].start : stir[0].end] == stir[0].text == "STIRsequences"


def test_word_with_one_capital_is_not_cut(lexicon):
    assert not any(m.concept.name == "STIR" for m in lexicon.recognise("The Stirling scale was used."))


def test_negation_stops_where_the_next_event_starts(extractor):
    words = negated_words(extractor, "No response was seen and ultimately there was progression of the paraparesis.")
    assert words["progression"] is False


def test_negation_still_covers_a_list_after_and(extractor):
    words = negated_words(extractor, "There was no fever and no paraparesis.")
    assert words["fever"] is True and words["paraparesis"] is True


def test_negation_stops_before_a_conclusion(extractor):
    text = "Histology showed no mitotic activity, establishing a grade II tumour."
    words = negated_words(extractor, text)
    assert words["grade II"] is False


def test_negated_sign_does_not_negate_what_it_would_suggest(extractor):
    words = negated_words(extractor, "No flow voids were found to suggest an arteriovenous fistula.")
    assert words["flow voids"] is True
    assert not any(negated for written, negated in words.items() if "fistula" in written)


def test_without_inside_a_list_item_does_not_reach_the_next_item(extractor):
    text = "CT may show lytic lesions, cord expansion without a clear cause, or diffuse leptomeningeal enhancement."
    words = negated_words(extractor, text)
    assert words["diffuse leptomeningeal enhancement"] is False


def test_without_opening_a_list_negates_the_whole_list(extractor):
    text = "The mass enhanced without calcification, cord expansion, or leptomeningeal enhancement."
    words = negated_words(extractor, text)
    assert words["calcification"] is True
    assert words["leptomeningeal enhancement"] is True


def case_view(extractor, text: str, index: int):
    """The view of sentence ``index`` of a case report, marked as case narrative and with its lesion nouns read."""
    document = text_document(text, kind="case report", title="Conus hemangioblastoma")
    view = extractor._view(join_fragments(document)[index])
    view.is_case = True
    extractor._name_lesion_nouns(view)
    return view


def test_nodule_in_case_narrative_is_the_case_lesion(extractor):
    text = (
        "A 52-year-old woman presented with leg weakness. MRI showed an enhancing nodule in the conus medullaris. "
        "The nodule was hyperintense on T2-weighted images."
    )
    facts = accepted(extractor, text, kind="case report", title="Conus hemangioblastoma")
    assert ("case:lesion", "locatedIn", "ConusMedullaris") in facts
    assert ("case:lesion", "hasSignal", "Hyperintense") in facts


def test_collection_in_case_narrative_is_read_as_the_lesion(extractor):
    view = case_view(extractor, ABSCESS.format("loculated collection"), 2)
    names = {m.text: m.concept.name for m in view.mentions}
    assert names["collection"] == "Lesion"


def test_collection_of_something_is_not_the_lesion(extractor):
    view = case_view(extractor, ABSCESS.format("collection of fluid"), 2)
    assert not any(m.concept.name == "Lesion" for m in view.mentions)


def test_a_title_from_a_file_name_names_the_topic(extractor):
    document = text_document("They are usually hyperintense on T2-weighted images.")
    document.metadata["title"] = "vertebral_hemangioma"
    said = confidences(extractor.extract(document))
    assert ("VertebralHemangioma", "hasSignal", "Hyperintense") in said
    assert ("Hemangioma", "hasSignal", "Hyperintense") not in said


def test_a_title_naming_no_lesion_gives_no_topic(extractor):
    document = text_document("They are usually hyperintense on T2-weighted images.")
    document.metadata["title"] = "imaging_review"
    assert not confidences(extractor.extract(document))
