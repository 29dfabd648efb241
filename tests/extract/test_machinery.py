"""The machinery every rule shares: names from RadLex, metastasis heads, topic tracking and anaphora.

The sentences are written for these tests (none taken from the corpus papers). Each shape is checked
both ways: that the machinery resolves it, and that it does not reach past what the text says.
"""

from __future__ import annotations

import csv
import gzip

from kg.curation import Curation, Vocabulary, curate_document
from kg.documents import Document
from kg.extract import pipeline
from kg.extract.evaluation import located
from kg.extract.negation import negated_mentions
from kg.extract.recognise import Lexicon, radlex_names
from kg.extract.rules import Candidate
from kg.extract.sentence import Ref, SentenceView
from kg.namespaces import SK
from tests.extract.texts import extract_text, facts, text_document

SSSOM_COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification"]


def names(lexicon, text: str) -> list[str]:
    return [m.concept.name for m in lexicon.recognise(text)]


def statements(extractor, text: str) -> tuple[set[tuple], set[tuple]]:
    """The facts of the accepted and of the review statements of a short review."""
    extraction = extract_text(extractor, text)
    return facts(extraction.accepted), facts(extraction.review)


def caption_view(lexicon, text: str, *, topic=None) -> SentenceView:
    """A figure caption of a review whose figure shows a lesion of class *lesion*."""
    return SentenceView(index=0, text=text, mentions=lexicon.recognise(text), levels=[], numbers=[], negated=set(),
                        section="Figure 1", is_caption=True, topic=topic,
                        case_lesion=lexicon.concepts[SK.Lesion], case_lesion_name="case:figure-1-lesion")


def body_view(lexicon, text: str, topic_name: str) -> SentenceView:
    """A sentence of a review's body, in a paragraph whose topic is ``topic_name``."""
    return SentenceView(index=0, text=text, mentions=lexicon.recognise(text), levels=[], numbers=[], negated=set(),
                        section="2. Imaging", topic=lexicon.concepts[SK[topic_name]])


def test_radlex_labels_of_exactly_matched_concepts_are_recognised(lexicon):
    assert names(lexicon, "narrowing of the intervertebral disk") == ["IntervertebralDisc"]
    assert names(lexicon, "on projection radiography") == ["Radiography"]


def test_an_ontology_name_wins_over_a_radlex_label_it_shares(lexicon):
    assert names(lexicon, "severe cord compression") == ["CordCompression"]


def test_radlex_names_come_from_exact_radlex_matches_only(tmp_path):
    mappings = tmp_path / "mappings.sssom.tsv"
    with mappings.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(SSSOM_COLUMNS)
        writer.writerow(["sk:IntervertebralDisc", "intervertebral disc", "skos:exactMatch", "RADLEX:RID100",
                         "intervertebral disk", "semapv:LexicalMatching"])
        writer.writerow(["sk:ADCMap", "ADC map", "skos:closeMatch", "RADLEX:RID200",
                         "diffusion coefficient", "semapv:ManualMappingCuration"])
        writer.writerow(["sk:Pedicle", "pedicle", "skos:exactMatch", "FMA:300",
                         "pedicle of vertebra", "semapv:ManualMappingCuration"])
    table = tmp_path / "radlex.csv.gz"
    with gzip.open(table, "wt", encoding="utf-8", newline="") as handle:
        handle.write("label,rid,parent_rid\nintervertebral disk,RID100,RID1\ndiffusion coefficient,RID200,RID1\n")
    assert radlex_names(mappings, table) == [("intervertebral disk", SK.IntervertebralDisc)]


def test_an_extra_name_of_a_term_the_lexicon_lacks_is_left_out(ontology):
    extra = [("quizzical vertebra", SK.NoSuchTerm), ("vertebral bony ring", SK.VertebralBody)]
    lexicon = Lexicon.from_ontology(ontology, extra)
    assert names(lexicon, "a quizzical vertebra") == ["Vertebra"]
    assert names(lexicon, "the vertebral bony ring") == ["VertebralBody"]


def test_a_metastasis_is_found_under_the_heads_radiology_writes_for_it(lexicon):
    assert names(lexicon, "intramedullary metastatic deposits") == ["IntramedullaryMetastasis"]
    assert names(lexicon, "several epidural metastatic foci") == ["EpiduralMetastasis"]
    assert names(lexicon, "metastatic lesions") == ["Metastasis"]


def test_other_labels_do_not_take_the_metastatic_heads(lexicon):
    assert "IntramedullaryMetastasis" not in names(lexicon, "intramedullary lesions")
    assert names(lexicon, "vertebral hemangioma lesions")[0] == "VertebralHemangioma"


def test_a_demonstrative_subject_is_read_as_the_topic_and_accepted(extractor):
    text = ("1. Epidural abscess\n\nEpidural abscesses usually follow spondylodiscitis. "
            "These lesions are hyperintense on T2-weighted images.\n")
    accepted, _review = statements(extractor, text)
    assert ("EpiduralAbscess", "hasSignal", "Hyperintense") in accepted


def test_a_pronoun_subject_is_read_as_the_topic_but_waits_for_review(extractor):
    # A new paragraph: the sentence before is not there to say what "they" stands for (see test_machinery_r5).
    text = ("1. Epidural abscess\n\nEpidural abscesses usually follow spondylodiscitis.\n\n"
            "They are hyperintense on T2-weighted images.\n")
    accepted, review = statements(extractor, text)
    assert ("EpiduralAbscess", "hasSignal", "Hyperintense") in review
    assert ("EpiduralAbscess", "hasSignal", "Hyperintense") not in accepted


def test_a_sentence_pointing_back_with_this_disease_keeps_the_topic(extractor):
    text = ("1. Background\n\nVertebral hemangiomas are common benign lesions. "
            "Metastasis is the main differential diagnosis of this disease. "
            "These lesions are hyperintense on T1-weighted images.\n")
    accepted, review = statements(extractor, text)
    assert ("VertebralHemangioma", "hasSignal", "Hyperintense") in accepted
    assert ("Metastasis", "hasSignal", "Hyperintense") not in accepted | review


def test_a_section_heading_naming_a_lesion_sets_the_topic(extractor):
    text = ("1. Background\n\nVertebral hemangiomas are common benign lesions.\n\n"
            "2. Epidural abscess\n\nThese lesions are hyperintense on T2-weighted images.\n")
    accepted, review = statements(extractor, text)
    assert ("EpiduralAbscess", "hasSignal", "Hyperintense") in accepted
    assert ("VertebralHemangioma", "hasSignal", "Hyperintense") not in accepted | review


def test_a_figure_caption_leaves_the_topic_of_the_text_around_it(extractor):
    text = ("1. Epidural abscess\n\nEpidural abscesses usually follow spondylodiscitis.\n\n"
            "Figure 1: Sagittal image of a vertebral hemangioma in the L2 vertebral body.\n\n"
            "These lesions are hyperintense on T2-weighted images.\n")
    accepted, review = statements(extractor, text)
    assert ("EpiduralAbscess", "hasSignal", "Hyperintense") in accepted
    assert ("VertebralHemangioma", "hasSignal", "Hyperintense") not in accepted | review


def test_a_caption_naming_no_lesion_describes_the_figure_lesion(lexicon):
    text = "Axial CT shows soft tissue in the ventral epidural space."
    view = caption_view(lexicon, text)
    subject = view.subject_before(text.index("in the ventral"))
    assert subject is not None and subject.name == "case:figure-1-lesion"


def test_body_text_naming_no_lesion_has_no_figure_lesion(lexicon):
    text = "Axial CT shows soft tissue in the ventral epidural space."
    view = body_view(lexicon, text, "EpiduralAbscess")
    assert view.subject_before(text.index("in the ventral")) is None


def test_a_definite_description_of_a_class_above_the_topic_is_the_topic(lexicon):
    text = "The metastases are hyperintense on T2-weighted images."
    subject = body_view(lexicon, text, "IntramedullaryMetastasis").subject_before(text.index("are"))
    assert subject == Ref("IntramedullaryMetastasis", lexicon.concepts[SK.IntramedullaryMetastasis], anaphoric=True)
    assert subject.named_by_noun


def test_an_indefinite_mention_of_a_class_above_the_topic_is_not_the_topic(lexicon):
    text = "Metastases of any kind are hyperintense on T2-weighted images."
    subject = body_view(lexicon, text, "IntramedullaryMetastasis").subject_before(text.index("are"))
    assert subject is not None and subject.name != "IntramedullaryMetastasis"


def test_a_change_of_a_structure_is_found_written_change_first(lexicon):
    assert names(lexicon, "an enlargement of the cord") == ["CordEnlargement"]
    assert names(lexicon, "compression of the thecal sac") == ["ThecalSacCompression"]


def test_a_structure_named_after_of_alone_stays_a_structure(lexicon):
    assert names(lexicon, "the shape of the cord") == ["SpinalCord"]


def test_the_metastasis_a_primary_gives_becomes_the_topic_not_the_primary(extractor):
    text = ("1. Bone metastases\n\nProstate carcinoma and bladder carcinoma commonly have blastic metastases. "
            "These lesions are hyperintense on T2-weighted images.\n")
    accepted, review = statements(extractor, text)
    assert ("OsteoblasticMetastasis", "hasSignal", "Hyperintense") in accepted
    primaries = ("ProstateCarcinoma", "BladderCarcinoma")
    assert not any(s in primaries and p == "hasSignal" for s, p, _o in accepted | review)


def test_a_demonstrative_anywhere_in_the_sentence_marks_the_topic_as_written(lexicon):
    text = "Metastasis is the main differential diagnosis of this disease."
    pointing = body_view(lexicon, text, "VertebralHemangioma")
    silent = body_view(lexicon, "Surgery is a good treatment strategy.", "VertebralHemangioma")
    assert pointing.anaphor_ref().name == "VertebralHemangioma" and pointing.anaphor_ref().named_by_noun
    assert silent.anaphor_ref().name == "VertebralHemangioma" and not silent.anaphor_ref().named_by_noun


def test_general_lesions_beside_a_demonstrative_are_not_the_topic_written(lexicon):
    text = "Although this tumour is rare, it belongs in the differential diagnosis of lesions causing cord compression."
    subject = body_view(lexicon, text, "Hemangiopericytoma").subject_before(text.index("causing"))
    assert subject is not None and not subject.named_by_noun


def test_a_lesion_named_in_a_review_caption_is_the_figure_lesion(lexicon):
    text = "Additionally, there is a T1 hyperintense epidural abscess behind the vertebral body."
    subject = caption_view(lexicon, text).subject_before(text.index("behind"))
    assert subject is not None and subject.name == "case:figure-1-lesion"


def test_a_lesion_named_in_body_text_stays_its_class(lexicon):
    text = "Additionally, there is a T1 hyperintense epidural abscess behind the vertebral body."
    subject = body_view(lexicon, text, "VertebralHemangioma").subject_before(text.index("behind"))
    assert subject is not None and subject.name == "EpiduralAbscess"


def negated_names(lexicon, text: str) -> set[str]:
    mentions = lexicon.recognise(text)
    return {mentions[k].concept.name for k in negated_mentions(text, mentions)}


def test_no_further_evidence_negates_what_follows(lexicon):
    text = "There was no further evidence of progression of disease on imaging."
    assert "Progression" in negated_names(lexicon, text)


def test_a_free_flap_does_not_negate_the_wound_it_covers(lexicon):
    text = "Because of wound dehiscence, he required a latissimus dorsi free-flap."
    assert "WoundDehiscence" not in negated_names(lexicon, text)
    assert "Pain" in negated_names(lexicon, "After surgery the patient was pain free.")


REPEATED_FACT_REVIEW = """Vertebral haemangiomas: a review

Abstract

Vertebral hemangiomas are hyperintense on T1-weighted images.

1. Imaging

Most vertebral hemangiomas are found by chance. Vertebral hemangiomas are hyperintense on T1-weighted images because they contain fat.
"""


def hemangioma_signal(extraction) -> list[dict]:
    return [s for s in extraction.accepted if (s["subject"], s["predicate"], s.get("object")) == ("VertebralHemangioma", "hasSignal", "Hyperintense")]


def test_a_fact_stated_twice_is_one_statement_citing_both_sentences(extractor):
    document = text_document(REPEATED_FACT_REVIEW)
    extraction = extractor.extract(document)
    [statement] = hemangioma_signal(extraction)
    assert statement["quote"].startswith("Vertebral hemangiomas are hyperintense on T1-weighted images")
    assert [q["quote"] for q in statement["moreQuotes"]] == ["Vertebral hemangiomas are hyperintense on T1-weighted images because they contain fat."]
    [located_statement] = [s for s in located(document, extraction, extractor.vocabulary).statements if s.statement_id == statement["id"]]
    assert len({e.sentence.index for e in located_statement.evidence}) == 2


def test_a_fact_stated_once_cites_one_sentence_under_the_id_it_had(extractor):
    once = REPEATED_FACT_REVIEW.replace(" Vertebral hemangiomas are hyperintense on T1-weighted images because they contain fat.", "")
    [single] = hemangioma_signal(extract_text(extractor, once))
    [repeated] = hemangioma_signal(extract_text(extractor, REPEATED_FACT_REVIEW))
    assert "moreQuotes" not in single
    assert single["id"] == repeated["id"]


def test_a_weaker_reading_adds_no_evidence_to_an_accepted_statement(extractor):
    document = Document("machinery_test", REPEATED_FACT_REVIEW, metadata={"title": "machinery test", "kind": "review"})
    first, second = [s for s in pipeline.join_fragments(document) if s.text.startswith("Vertebral hemangiomas are hyperintense")]
    assert extractor._more_quotes(document, first, 0.8, [(0.8, first), (0.5, second)]) == []
    assert extractor._more_quotes(document, first, 0.8, [(0.8, first), (0.75, second)]) == [{"quote": second.text}]


def test_more_quotes_of_a_curation_file_are_evidence_each(ontology):
    document = Document("machinery_test", REPEATED_FACT_REVIEW, metadata={"title": "machinery test"})
    raw = {"id": "E1", "kind": "imaging_appearance", "subject": "VertebralHemangioma", "predicate": "hasSignal",
           "object": "Hyperintense", "quote": "Vertebral hemangiomas are hyperintense on T1-weighted images", "occurrence": 1,
           "moreQuotes": [{"quote": "because they contain fat"}]}
    result, problems = Curation(), []
    curate_document(document, [{"_file": "test.yaml", "statements": [raw]}], Vocabulary(ontology), result, problems)
    assert problems == []
    assert [e.exact for e in result.statements[0].evidence] == ["Vertebral hemangiomas are hyperintense on T1-weighted images", "because they contain fat"]


def test_a_more_quotes_item_without_its_quote_is_reported(ontology):
    document = Document("machinery_test", REPEATED_FACT_REVIEW, metadata={"title": "machinery test"})
    raw = {"id": "E1", "kind": "imaging_appearance", "subject": "VertebralHemangioma", "predicate": "hasSignal",
           "object": "Hyperintense", "quote": "because they contain fat", "moreQuotes": ["because they contain fat"]}
    result, problems = Curation(), []
    curate_document(document, [{"_file": "test.yaml", "statements": [raw]}], Vocabulary(ontology), result, problems)
    assert len(problems) == 1 and "moreQuotes" in problems[0]


CASE_WITH_EXTENSION = """Lymphoma of the spine: a case report

Case presentation

A 50-year-old man presented with back pain. MRI showed a mass at T8. The mass extended into the dorsal epidural space. The lesion was hypointense on T1-weighted images. Biopsy revealed lymphoma.
"""


def test_a_case_lesion_placed_by_what_it_extends_into_keeps_its_statements(extractor):
    extraction = extract_text(extractor, CASE_WITH_EXTENSION, kind="case report")
    assert any(i["id"] == "lesion" for i in extraction.individuals)
    assert ("case:lesion", "hasSignal", "Hypointense") in {(s["subject"], s["predicate"], s.get("object")) for s in extraction.accepted}


def test_a_case_lesion_nothing_places_is_not_declared(extractor):
    unplaced = CASE_WITH_EXTENSION.replace(" The mass extended into the dorsal epidural space.", "")
    extraction = extract_text(extractor, unplaced, kind="case report")
    assert not any(i["id"] == "lesion" for i in extraction.individuals)
    assert not any("case:lesion" in (s["subject"], s.get("object")) for s in extraction.statements)


def test_compartments_follow_the_sub_properties_of_located_in_and_the_classes_that_fix_a_site(extractor, lexicon):
    compartments = extractor.compartments
    dorsal_epidural = lexicon.concepts[SK.DorsalEpiduralSpace].ancestors
    assert compartments.places("extendsInto", dorsal_epidural) and compartments.places("locatedIn", dorsal_epidural)
    assert not compartments.places("canInvolve", dorsal_epidural)
    assert compartments.placed_by_class("EpiduralAbscess")
    assert not compartments.placed_by_class("Lymphoma")


SECTIONED_REVIEW = """Bone tumours of the spine: a review

1. Introduction

Spinal metastases are common in adults with cancer.

2. Computed Tomography

False-negative studies are frequent with small lesions.

3. Imaging Techniques and Pitfalls

Most lesions are seen on several studies.
"""


def test_a_sentence_sees_the_technique_its_section_heading_names(extractor, monkeypatch):
    seen = {}
    real_run_rules = pipeline.run_rules

    def recording(view):
        seen[view.text] = view.section_technique.concept.name if view.section_technique else None
        return real_run_rules(view)

    monkeypatch.setattr(pipeline, "run_rules", recording)
    extract_text(extractor, SECTIONED_REVIEW)
    assert seen["False-negative studies are frequent with small lesions."] == "CT"
    assert seen["Spinal metastases are common in adults with cancer."] is None
    assert seen["Most lesions are seen on several studies."] is None


def finding(predicate: str, **qualifiers) -> Candidate:
    return Candidate("imaging_appearance", Ref("Chordoma"), predicate, Ref("Hypointense"), qualifiers=dict(qualifiers), span=(0, 10))


def test_a_finding_without_technique_takes_the_sentence_then_the_section_technique(lexicon):
    view = body_view(lexicon, "Chordomas are hypointense on T1-weighted images.", "Chordoma")
    candidate = finding("hasSignal")
    pipeline._name_technique(candidate, view, None)
    assert candidate.qualifiers["sequence"].name == "T1Weighted"
    bare = body_view(lexicon, "Chordomas are hypointense.", "Chordoma")
    bare.section_technique = lexicon.recognise("Magnetic Resonance Imaging")[0]
    candidate = finding("hasSignal")
    pipeline._name_technique(candidate, bare, None)
    assert candidate.qualifiers["modality"].name == "MRI"


def test_a_finding_with_no_technique_anywhere_cannot_enter_the_graph(lexicon):
    candidate = finding("hasSignal")
    pipeline._name_technique(candidate, body_view(lexicon, "Chordomas are hypointense.", "Chordoma"), None)
    assert pipeline._lacks_technique(candidate)
    assert not pipeline._lacks_technique(finding("locatedIn"))


def test_of_a_positive_and_a_negated_reading_of_one_triple_the_weaker_waits(lexicon):
    sentence = Document("machinery_test", "Chordomas are hypointense.").sentences[0]
    positive, negated = finding("hasSignal", modality=None), finding("hasSignal")
    negated.negated = True
    held = pipeline._contradicted([(0.8, positive, sentence), (0.72, negated, sentence)], 0.7)
    assert held == {id(negated)}
    held = pipeline._contradicted([(0.75, positive, sentence), (0.9, negated, sentence)], 0.7)
    assert held == {id(positive)}
    assert pipeline._contradicted([(0.8, positive, sentence)], 0.7) == set()
