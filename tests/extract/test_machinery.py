"""The machinery every rule shares: names from RadLex, metastasis heads, topic tracking and anaphora.

The sentences are written for these tests (none taken from the corpus papers). Each shape is checked
both ways: that the machinery resolves it, and that it does not reach past what the text says.
"""

from __future__ import annotations

import csv
import gzip

from kg.documents import Document
from kg.extract.negation import negated_mentions
from kg.extract.recognise import Lexicon, radlex_names
from kg.extract.sentence import Ref, SentenceView
from kg.namespaces import SK

SSSOM_COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification"]


def names(lexicon, text: str) -> list[str]:
    return [m.concept.name for m in lexicon.recognise(text)]


def statements(extractor, text: str) -> tuple[set[tuple], set[tuple]]:
    """(subject, predicate, object) of the accepted and of the review statements of a short review."""
    metadata = {"title": "machinery test", "kind": "review", "file": "machinery_test.txt"}
    paper = Document("machinery_test", text, metadata=metadata)
    extraction = extractor.extract(paper)
    accepted, review = ({(s["subject"], s["predicate"], s.get("object", s.get("value"))) for s in chosen}
                        for chosen in (extraction.accepted, extraction.review))
    return accepted, review


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
    text = ("1. Epidural abscess\n\nEpidural abscesses usually follow spondylodiscitis. "
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
