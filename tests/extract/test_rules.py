"""Relation rules on sentences written for these tests (none taken from the corpus papers).

Each test states one general shape of radiology prose and checks the statements the extractor accepts
from it, so that a rule that stops reading the shape, or reads it the wrong way round, fails here.
"""

from __future__ import annotations

from kg.documents import Document
from kg.extract.evaluation import score_expected


def accepted(extractor, text: str, kind: str = "review") -> set[tuple]:
    """(subject, predicate, object or value) of the statements accepted from a short document."""
    paper = Document("rules_test", text, metadata={"title": "rules test", "kind": kind, "file": "rules_test.txt"})
    extraction = extractor.extract(paper)
    return {(s["subject"], s["predicate"], s.get("object", s.get("value"))) for s in extraction.accepted}


def individuals(extractor, text: str) -> dict[str, str]:
    paper = Document("rules_test", text, metadata={"title": "rules test", "kind": "review", "file": "rules_test.txt"})
    return {i["id"]: i["type"] for i in extractor.extract(paper).individuals}


def test_values_bracketed_after_each_technique_belong_to_that_technique(extractor):
    facts = accepted(extractor, "Imaging of bone metastases\n\nSpecificity was higher for MRI (96%) than for CT (81%) in the detection of bone metastases.\n")
    assert ("MRI", "hasSpecificity", 96) in facts and ("CT", "hasSpecificity", 81) in facts
    assert ("MRI", "hasSpecificity", 81) not in facts


def test_respectively_pairs_techniques_and_values_in_order(extractor):
    text = "Imaging of bone metastases\n\nBone scintigraphy and whole-body MRI reached a sensitivity of 78% and 93%, respectively, for bone metastases.\n"
    facts = accepted(extractor, text)
    assert ("BoneScintigraphy", "hasSensitivity", 78) in facts and ("WholeBodyMRI", "hasSensitivity", 93) in facts
    assert ("BoneScintigraphy", "hasSensitivity", 93) not in facts


def test_a_named_sign_carries_its_performance_when_no_technique_is_named(extractor):
    facts = accepted(extractor, "Signs of metastasis\n\nThe halo sign points to a metastasis (sensitivity, 70%; specificity, 97%).\n")
    assert {("HaloSign", "hasSensitivity", 70), ("HaloSign", "hasSpecificity", 97)} <= facts


def test_passive_caused_by_is_not_read_as_the_subject_causing_the_agent(extractor):
    facts = accepted(extractor, "Spinal cord compression\n\nSpinal cord compression is often caused by epidural metastasis.\n")
    assert not any(s == "SpinalCordCompression" and p in ("causes", "canCause") for s, p, _o in facts)
    assert ("EpiduralMetastasis", "causes", "SpinalCordCompression") in facts


def test_a_hedged_passive_cause_can_cause(extractor):
    facts = accepted(extractor, "Fracture\n\nA pathologic fracture may be secondary to an osteolytic metastasis.\n")
    assert ("OsteolyticMetastasis", "canCause", "PathologicFracture") in facts


def test_rarity_of_something_done_by_a_lesion_is_not_the_lesion_rarity(extractor):
    facts = accepted(extractor, "Hemangioma\n\nExtension of vertebral hemangiomas into the spinal canal is rare.\n")
    assert not any(p == "hasPrevalence" for _s, p, _o in facts)
    assert ("VertebralHemangioma", "hasPrevalence", None) not in facts


def test_a_lesion_called_rare_outright_is_still_read(extractor):
    paper = Document("rules_test", "Abscess\n\nSpinal epidural abscess is rare.\n", metadata={"title": "t", "kind": "review", "file": "t.txt"})
    statements = extractor.extract(paper).statements
    assert any(s["subject"] == "EpiduralAbscess" and s["predicate"] == "hasPrevalence" and s["text"] == "rare" for s in statements)


def test_is_a_needs_the_parent_as_the_predicate_noun_not_after_a_preposition(extractor):
    contiguous = accepted(extractor, "Metastasis\n\nEpidural metastasis is usually contiguous with a bone lesion.\n")
    assert not any(p.endswith("subClassOf") for _s, p, _o in contiguous)
    definition = accepted(extractor, "Metastasis\n\nAn epidural metastasis is a spinal metastasis.\n")
    assert ("EpiduralMetastasis", "subClassOf", "SpinalMetastasis") in definition


def test_a_review_caption_describes_its_own_figure_lesion(extractor):
    text = (
        "Imaging of bone metastases\n\nMetastases are common in the spine.\n\n"
        "Figure 4: Sagittal T1-weighted MR image shows a hypointense lesion in the L3 vertebral body.\n"
    )
    facts = accepted(extractor, text)
    assert ("case:figure-4-lesion", "hasSignal", "Hypointense") in facts
    assert ("case:figure-4-lesion", "atLevel", "L3") in facts
    assert ("case:figure-4-lesion", "locatedIn", "VertebralBody") in facts
    assert not any(s == "SpinalMetastasis" and p == "hasSignal" for s, p, _o in facts)
    assert individuals(extractor, text)["figure-4-lesion"] == "Lesion"


def test_position_words_between_preposition_and_site_are_skipped_but_a_site_named_with_them_is_kept(extractor):
    lower = accepted(extractor, "Imaging\n\nFigure 7: Axial T2-weighted image shows a hyperintense lesion in a lower thoracic vertebral body.\n")
    assert ("case:figure-7-lesion", "locatedIn", "VertebralBody") in lower
    posterior = accepted(extractor, "Imaging\n\nFigure 8: Axial T1-weighted image shows an isointense mass in the posterior epidural space.\n")
    assert ("case:figure-8-lesion", "locatedIn", "PosteriorEpiduralSpace") in posterior


def test_a_caption_naming_its_lesion_types_the_figure_lesion(extractor):
    text = "Imaging of bone metastases\n\nFigure 2: Axial CT image depicts a sclerotic osteoblastic metastasis in the T8 vertebral body.\n"
    assert individuals(extractor, text)["figure-2-lesion"] == "OsteoblasticMetastasis"


def test_a_sentence_opening_with_a_lesion_makes_it_the_topic(extractor):
    text = "Abscess\n\nEpidural abscess is usually contiguous with discitis. These lesions show peripheral enhancement on T1-weighted images.\n"
    paper = Document("rules_test", text, metadata={"title": "t", "kind": "review", "file": "t.txt"})
    statements = extractor.extract(paper).statements
    assert any(s["subject"] == "EpiduralAbscess" and s["predicate"] == "hasEnhancement" for s in statements)


CAPTION_TEXT = "Imaging of bone metastases\n\nFigure 1: Sagittal T1-weighted MR image shows a hypointense lesion in the L2 vertebral body.\n"


def _expected_file(tmp_path, signal: str):
    expected = tmp_path / "caption.yaml"
    expected.write_text(
        "document: rules_test\n"
        "individuals:\n"
        "  - {id: figure-1-lesion, type: OsteoblasticMetastasis, label: osteoblastic metastasis of figure 1}\n"
        "statements:\n"
        f"  - {{id: F1, kind: imaging_appearance, subject: \"case:figure-1-lesion\", predicate: hasSignal, object: {signal}, qualifiers: {{sequence: T1Weighted}}, quote: \"shows a hypointense lesion\"}}\n",
        encoding="utf-8",
    )
    return expected


def test_matcher_takes_a_figure_lesion_of_another_class_for_the_curated_one(extractor, ontology, tmp_path):
    paper = Document("rules_test", CAPTION_TEXT, metadata={"title": "t", "kind": "review", "file": "rules_test.txt"})
    scores = score_expected([(paper, _expected_file(tmp_path, "Hypointense"))], extractor, ontology)
    assert scores.overall()[1] == 1.0
    wrong = score_expected([(paper, _expected_file(tmp_path, "Hyperintense"))], extractor, ontology)
    assert wrong.overall()[1] == 0.0


def test_every_item_of_a_long_differential_list_is_accepted_and_the_list_ends_with_its_clause(extractor):
    text = (
        "Epidural abscess\n\nThe differential diagnosis of epidural abscess includes epidural hematoma, epidural metastasis, "
        "lymphoma and spondylodiscitis; chordoma is a different matter.\n"
    )
    facts = accepted(extractor, text)
    listed = {o for s, p, o in facts if s == "EpiduralAbscess" and p == "hasDifferential"}
    assert listed == {"EpiduralHematoma", "EpiduralMetastasis", "Lymphoma", "Spondylodiscitis"}


def test_a_coordinated_signal_list_keeps_one_statement_per_sequence(extractor):
    paper = Document("rules_test", "Abscess\n\nEpidural abscesses are mostly T1 hypointense, T2 hyperintense and peripherally enhancing.\n",
                     metadata={"title": "t", "kind": "review", "file": "t.txt"})
    statements = [s for s in extractor.extract(paper).accepted if s["subject"] == "EpiduralAbscess"]
    signals = {(s["object"], s["qualifiers"]["sequence"]) for s in statements if s["predicate"] == "hasSignal"}
    assert signals == {("Hypointense", "T1Weighted"), ("Hyperintense", "T2Weighted")}
    assert any(s["predicate"] == "hasEnhancement" for s in statements)


def test_a_share_of_a_lesion_due_to_a_cause_is_the_cause_proportion(extractor):
    paper = Document("rules_test", "Metastasis\n\nRoughly 15% of epidural metastases arise from lung carcinoma.\n",
                     metadata={"title": "t", "kind": "review", "file": "t.txt"})
    shares = [s for s in extractor.extract(paper).accepted if s["predicate"] == "hasProportion"]
    assert [(s["subject"], s["value"], s["qualifiers"]["target"]) for s in shares] == [("LungCarcinoma", 15, "EpiduralMetastasis")]


def test_a_lesion_demonstrating_signal_on_a_sequence_and_enhancement_gets_no_t2_enhancement(extractor):
    text = "Chordoma\n\nChordomas typically demonstrate hyperintense signal on T2-weighted images and heterogeneous enhancement.\n"
    paper = Document("rules_test", text, metadata={"title": "t", "kind": "review", "file": "t.txt"})
    found = {s["predicate"]: s for s in extractor.extract(paper).accepted if s["subject"] == "Chordoma"}
    assert found["hasSignal"]["object"] == "Hyperintense" and found["hasSignal"]["qualifiers"]["sequence"] == "T2Weighted"
    assert found["hasEnhancement"]["object"] == "HeterogeneousEnhancement"
    assert found["hasEnhancement"]["qualifiers"] == {"modality": "MRI"}
