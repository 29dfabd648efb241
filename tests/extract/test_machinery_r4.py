"""Shared machinery of round 4: what PDF layout cuts, anaphors and pronouns, coordinated lists.

PDF layout: body text a caption swallowed, a sentence a caption cut in two, headings the section finder
missed, a word a line-end hyphen broke. Anaphora: a definite word or the head noun of the topic's name,
a pronoun standing for the technique of the sentence before. Lists: "ovarian, testicular, and cervical
carcinomas".

Every sentence is written for these tests (none is taken from the corpus papers). Each behaviour is
checked both ways: that the machinery reads the construction, and that it leaves alone the text that
only looks like it.
"""

from __future__ import annotations

from kg.extract.evaluation import located
from kg.extract.negation import negated_mentions
from kg.extract.phrases import phrase_mentions
from kg.extract.pipeline import (
    PRONOUN_OPENING,
    confidence,
    join_across_captions,
    join_fragments,
    name_plain_headings,
    resume_body_text,
)
from kg.extract.rules import Candidate
from kg.extract.sentence import Ref, SentenceView
from kg.namespaces import SK
from tests.extract.texts import extract_text, facts, text_document

INTERRUPTED = (
    "Conus ependymoma in adults\n\n"
    "Ependymomas are the commonest intramedullary tumours of adults. "
    "Searching the literature for ependymoma of the conus, we found that it is uncommon, with\n\n"
    "Figure 1: Sagittal T2-weighted image of the conus. \n only twelve cases reported so far. "
    "The median patient age was 44 years. The male to female ratio was 2 to 1.\n"
)
FINISHED = (
    "Conus ependymoma in adults\n\n"
    "Ependymomas are the commonest intramedullary tumours of adults.\n\n"
    "Figure 1: Sagittal T2-weighted image of the conus. \n note the cyst above the tumour. "
    "The median patient age was 44 years.\n"
)



def cut_by_caption(rest: str) -> str:
    """A review whose sentence on T2 signal a figure caption interrupts, going on with ``rest``."""
    return (
        "Epidural metastases\n\nEpidural metastases compress the thecal sac. "
        "On T2-weighted images, epidural metastases are\n\n"
        "Figure 2: Sagittal T2-weighted image of the thoracic spine.\n\n" + rest + "\n"
    )


def sections(text: str) -> list[tuple[str, bool]]:
    """Each sentence of a review with whether it is read as a caption, after the body text is given back."""
    document = text_document(text)
    return [(s.text, s.section.is_caption) for s in resume_body_text(document, join_fragments(document))]


def body_view(lexicon, text: str, topic_name: str) -> SentenceView:
    """A sentence of a review's body, in a paragraph whose topic is ``topic_name``."""
    return SentenceView(
        index=0,
        text=text,
        mentions=lexicon.recognise(text),
        levels=[],
        numbers=[],
        negated=set(),
        section="2. Clinical features",
        topic=lexicon.concepts[SK[topic_name]],
    )


def test_body_text_after_a_caption_that_cut_a_sentence_is_body_again():
    read = sections(INTERRUPTED)
    assert ("Figure 1: Sagittal T2-weighted image of the conus.", True) in read
    assert ("only twelve cases reported so far.", False) in read
    assert ("The median patient age was 44 years.", False) in read
    assert ("The male to female ratio was 2 to 1.", False) in read


def test_a_caption_after_a_finished_sentence_stays_a_caption():
    read = sections(FINISHED)
    assert all(is_caption for text, is_caption in read if text.startswith(("Figure 1", "note", "The median")))


def test_a_figure_given_back_to_the_body_is_about_the_paper_lesion(extractor):
    extraction = extract_text(extractor, INTERRUPTED)
    assert {("Ependymoma", "hasMedianAge", 44), ("Ependymoma", "hasSexRatio", "2 to 1")} <= facts(extraction.accepted)


def test_a_figure_left_in_its_caption_is_not_about_the_paper_lesion(extractor):
    extraction = extract_text(extractor, FINISHED)
    assert ("Ependymoma", "hasMedianAge", 44) not in facts(extraction.accepted + extraction.review)


def test_a_definite_general_lesion_word_for_the_topic_is_a_written_reference(lexicon):
    view = body_view(lexicon, "The mean age of patients with the tumour was 40 years.", "Ependymoma")
    subject = view.anaphor_ref()
    assert subject.name == "Ependymoma"
    assert subject.written == "the tumour"
    assert subject.named_by_noun


def test_a_sentence_naming_no_lesion_gives_the_topic_as_a_bare_guess(lexicon):
    view = body_view(lexicon, "The mean age of patients was 40 years.", "Ependymoma")
    subject = view.anaphor_ref()
    assert subject.name == "Ependymoma"
    assert not subject.named_by_noun


def test_a_definite_word_for_a_lesion_outside_the_topic_is_no_reference_to_it(lexicon):
    view = body_view(lexicon, "The mean age of patients with the fracture was 70 years.", "Ependymoma")
    assert not view.anaphor_ref().named_by_noun


def test_head_words_are_the_heads_no_concept_is_known_by_alone(lexicon):
    assert lexicon.head_words(lexicon.concepts[SK.SpinalDuralArteriovenousFistula]) == {"fistula"}
    assert lexicon.head_words(lexicon.concepts[SK.EpiduralMetastasis]) == frozenset()
    assert lexicon.head_words(lexicon.concepts[SK.BreastCarcinoma]) == frozenset()


def test_the_head_noun_of_the_topic_stands_for_the_topic(extractor):
    extraction = extract_text(
        extractor, "On T1-weighted images the hematoma is isointense.", title="Epidural hematoma"
    )
    assert ("EpiduralHematoma", "hasSignal", "Isointense") in facts(extraction.accepted)


def test_a_head_noun_of_another_lesion_than_the_topic_names_nothing(extractor):
    text = "On T1-weighted images the hematoma is isointense."
    extraction = extract_text(extractor, text, title="Epidural metastasis")
    assert not any(fact[0] == "EpiduralHematoma" for fact in facts(extraction.accepted + extraction.review))


def test_an_opening_pronoun_stands_for_the_technique_of_the_sentence_before(extractor):
    text = (
        "CT myelography is a helpful technique when MRI cannot be done. "
        "It is more sensitive than radiography for the detection of epidural metastases."
    )
    extraction = extract_text(extractor, text)
    assert ("CTMyelography", "moreSensitiveThan", "Radiography") in facts(extraction.review)
    assert ("CTMyelography", "moreSensitiveThan", "Radiography") not in facts(extraction.accepted)


def test_a_demonstrative_technique_noun_stands_for_the_technique_before_without_doubt(extractor):
    text = "CT myelography is a helpful technique when MRI cannot be done. This technique detects epidural metastases."
    assert ("CTMyelography", "detects", "EpiduralMetastasis") in facts(extract_text(extractor, text).accepted)


def test_an_expletive_it_stands_for_no_technique(extractor):
    text = (
        "CT myelography is a helpful technique when MRI cannot be done. "
        "It is important to detect epidural metastases."
    )
    extraction = extract_text(extractor, text)
    assert not any(fact[0] == "CTMyelography" for fact in facts(extraction.accepted + extraction.review))


def test_a_pronoun_after_a_sentence_on_a_lesion_names_no_technique(extractor):
    text = (
        "Epidural metastases are common. "
        "It is more sensitive than radiography for the detection of cord compression."
    )
    extraction = extract_text(extractor, text)
    assert not any(fact[2] == "Radiography" for fact in facts(extraction.accepted + extraction.review))


def test_pronoun_openings_are_pronouns_and_technique_nouns_not_determiners_of_other_nouns():
    assert PRONOUN_OPENING.match("It allows assessment of the canal").group(1) == "It"
    assert PRONOUN_OPENING.match("This sequence can be obtained").group(1) == "This sequence"
    assert PRONOUN_OPENING.match("This is useful in the cervical spine").group(1) == "This"
    assert PRONOUN_OPENING.match("This continued growth destroys bone") is None
    assert PRONOUN_OPENING.match("These lesions may be dark") is None


def test_a_resolved_pronoun_costs_the_topic_penalty_and_a_technique_noun_does_not(lexicon):
    concept = lexicon.concepts[SK.CTMyelography]
    obj = Ref("Radiography", lexicon.concepts[SK.Radiography])

    def scored(written: str) -> float:
        subject = Ref(concept.name, concept, anaphoric=True, written=written)
        return confidence(Candidate("diagnostic_performance", subject, "moreSensitiveThan", obj, reliability=0.85))

    assert scored("It") < 0.7 <= scored("This technique")


def test_a_sentence_a_caption_cut_is_read_whole_and_quoted_as_its_two_fragments(extractor):
    document = text_document(cut_by_caption("hyperintense relative to the spinal cord."))
    extraction = extractor.extract(document)
    signal = [s for s in extraction.accepted if s["predicate"] == "hasSignal"]
    assert [(s["subject"], s["object"]) for s in signal] == [("EpiduralMetastasis", "Hyperintense")]
    fragments = ["On T2-weighted images, epidural metastases are", "hyperintense relative to the spinal cord."]
    assert signal[0]["quote"] == fragments
    evidence = [e for s in located(document, extraction, extractor.vocabulary).statements for e in s.evidence]
    assert any(document.original[e.start : e.end] == "hyperintense relative to the spinal cord." for e in evidence)


def test_a_capitalised_sentence_after_a_caption_is_no_rest_of_the_one_before():
    document = text_document(cut_by_caption("Hyperintense lesions are common."))
    read = [s.text for s in join_across_captions(resume_body_text(document, join_fragments(document)))]
    assert "On T2-weighted images, epidural metastases are" in read
    assert not any(text.startswith("On T2-weighted images, epidural metastases are ") for text in read)


def coordinated_names(lexicon, text: str) -> list[tuple[str, str]]:
    """The mentions of a text once clinical phrasings and coordinated heads are read, as (words, concept)."""
    return [(m.text, m.concept.name) for m in phrase_mentions(text, lexicon.recognise(text), lexicon)]


def test_every_word_of_a_comma_list_before_a_head_is_read_with_the_head(lexicon):
    names = coordinated_names(lexicon, "seen with ovarian, testicular, and cervical carcinomas")
    assert names == [
        ("ovarian", "OvarianCarcinoma"),
        ("testicular", "TesticularCarcinoma"),
        ("cervical carcinomas", "CervicalCarcinoma"),
    ]


def test_a_list_word_read_as_another_category_gives_way_to_the_list_reading(lexicon):
    assert ("lytic", "OsteolyticMetastasis") in coordinated_names(lexicon, "lytic and blastic metastases")


def test_a_list_word_that_names_nothing_with_the_head_is_left_as_it_was(lexicon):
    names = coordinated_names(lexicon, "metastases to the lung and bone marrow")
    assert ("lung", "Lung") in names and ("bone marrow", "BoneMarrow") in names


def test_a_coordinated_cause_is_read_as_a_concept_of_its_own(extractor):
    text = "Epidural abscess can be caused by genitourinary, cutaneous, or cardiac infection."
    assert ("GenitourinaryInfection", "canCause", "EpiduralAbscess") in facts(extract_text(extractor, text).accepted)


PLAIN_HEADINGS = (
    "Spinal cord infarction in adults\n\n"
    "Location\n\nInfarcts favour the conus medullaris.\n\n"
    "MRI appearance\n\nThe cord is swollen on T2-weighted images.\n\n"
    "Two years later, after discharge from the\n\nward she walked again.\n"
)


def headed(text: str) -> list[tuple[str, str]]:
    """Each sentence of a review with the title of the section it is read under."""
    document = text_document(text)
    return [(s.text, s.section.title) for s in name_plain_headings(document, join_fragments(document))]


def test_a_short_capitalised_line_alone_in_its_paragraph_heads_the_text_below_it():
    read = headed(PLAIN_HEADINGS)
    assert ("Infarcts favour the conus medullaris.", "Location") in read
    assert ("The cord is swollen on T2-weighted images.", "MRI appearance") in read
    assert not any(text in ("Location", "MRI appearance") for text, _title in read)


def test_a_line_cut_short_by_the_page_is_no_heading():
    read = dict(headed(PLAIN_HEADINGS))
    assert "Two years later, after discharge from the" in read
    assert read["ward she walked again."] == "MRI appearance"


def test_a_word_a_line_end_hyphen_broke_is_recognised_across_the_break(lexicon):
    text = "a recurrent hemangioperi- cytoma of the spine"
    mentions = [(m.text, m.concept.name, m.start) for m in lexicon.recognise(text)]
    assert ("hemangioperi- cytoma", "Hemangiopericytoma", text.index("hemangioperi")) in mentions


def test_a_hyphen_that_shares_a_prefix_between_two_words_joins_nothing(lexicon):
    assert [m.concept.name for m in lexicon.recognise("intra- and extradural lesions")] == ["ExtraduralLesion"]


def negated_words(lexicon, text: str) -> dict[str, bool]:
    """Each concept a sentence names, by its words, with whether the sentence negates it."""
    mentions = lexicon.recognise(text)
    negated = negated_mentions(text, mentions)
    return {m.text: k in negated for k, m in enumerate(mentions)}


def test_absent_after_a_copula_negates_what_comes_before_and_not_what_follows(lexicon):
    text = "Contrast enhancement is absent in the acute phase, and patchy enhancement may appear later."
    assert negated_words(lexicon, text) == {"Contrast enhancement": True, "patchy enhancement": False}


def test_a_conclusion_drawn_from_a_missing_finding_is_not_negated(lexicon):
    text = "Absence of flow voids favours a tumour over a vascular malformation."
    assert negated_words(lexicon, text) == {"flow voids": True, "tumour": False, "vascular malformation": False}


def test_neither_negates_its_item_and_a_second_predicate_ends_the_scope(lexicon):
    assert negated_words(lexicon, "The mass showed neither calcification nor cord edema.")["calcification"]
    words = negated_words(lexicon, "The lesion was free of calcification and showed intense enhancement.")
    assert words == {"lesion": False, "calcification": True, "intense enhancement": False}


def test_free_negates_only_the_word_it_follows(lexicon):
    assert negated_words(lexicon, "The patient was pain free after surgery.") == {
        "patient": False,
        "pain": True,
        "surgery": False,
    }
