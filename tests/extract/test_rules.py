"""Relation rules on sentences written for these tests (none taken from the corpus papers).

Each test states one general shape of radiology prose and checks the statements the extractor accepts
from it, so that a rule that stops reading the shape, or reads it the wrong way round, fails here.
"""

from __future__ import annotations

from kg.documents import Document
from kg.extract.evaluation import score_expected
from tests.extract.texts import accepted, extract_text, individual_types, text_document


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
    paper = text_document("Abscess\n\nSpinal epidural abscess is rare.\n")
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
    assert individual_types(extract_text(extractor, text))["figure-4-lesion"] == "Lesion"


def test_position_words_between_preposition_and_site_are_skipped_but_a_site_named_with_them_is_kept(extractor):
    lower = accepted(extractor, "Imaging\n\nFigure 7: Axial T2-weighted image shows a hyperintense lesion in a lower thoracic vertebral body.\n")
    assert ("case:figure-7-lesion", "locatedIn", "VertebralBody") in lower
    posterior = accepted(extractor, "Imaging\n\nFigure 8: Axial T1-weighted image shows an isointense mass in the posterior epidural space.\n")
    assert ("case:figure-8-lesion", "locatedIn", "PosteriorEpiduralSpace") in posterior


def test_a_caption_naming_its_lesion_types_the_figure_lesion(extractor):
    text = "Imaging of bone metastases\n\nFigure 2: Axial CT image depicts a sclerotic osteoblastic metastasis in the T8 vertebral body.\n"
    assert individual_types(extract_text(extractor, text))["figure-2-lesion"] == "OsteoblasticMetastasis"


def test_a_sentence_opening_with_a_lesion_makes_it_the_topic(extractor):
    text = "Abscess\n\nEpidural abscess is usually contiguous with discitis. These lesions show peripheral enhancement on T1-weighted images.\n"
    paper = text_document(text)
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
    paper = text_document(
        "Abscess\n\nEpidural abscesses are mostly T1 hypointense, T2 hyperintense and peripherally enhancing.\n"
    )
    statements = [s for s in extractor.extract(paper).accepted if s["subject"] == "EpiduralAbscess"]
    signals = {(s["object"], s["qualifiers"]["sequence"]) for s in statements if s["predicate"] == "hasSignal"}
    assert signals == {("Hypointense", "T1Weighted"), ("Hyperintense", "T2Weighted")}
    assert any(s["predicate"] == "hasEnhancement" for s in statements)


def test_a_share_of_a_lesion_due_to_a_cause_is_the_cause_proportion(extractor):
    paper = text_document("Metastasis\n\nRoughly 15% of epidural metastases arise from lung carcinoma.\n")
    shares = [s for s in extractor.extract(paper).accepted if s["predicate"] == "hasProportion"]
    assert [(s["subject"], s["value"], s["qualifiers"]["target"]) for s in shares] == [("LungCarcinoma", 15, "EpiduralMetastasis")]


def test_a_lesion_demonstrating_signal_on_a_sequence_and_enhancement_gets_no_t2_enhancement(extractor):
    text = "Chordoma\n\nChordomas typically demonstrate hyperintense signal on T2-weighted images and heterogeneous enhancement.\n"
    paper = text_document(text)
    found = {s["predicate"]: s for s in extractor.extract(paper).accepted if s["subject"] == "Chordoma"}
    assert found["hasSignal"]["object"] == "Hyperintense" and found["hasSignal"]["qualifiers"]["sequence"] == "T2Weighted"
    assert found["hasEnhancement"]["object"] == "HeterogeneousEnhancement"
    assert found["hasEnhancement"]["qualifiers"] == {"modality": "MRI"}


def test_a_differential_takes_the_lesion_named_as_its_setting(extractor):
    text = "Cord lesions\n\nWhen a scan shows an intramedullary enhancing lesion, the differential diagnosis includes ependymoma, astrocytoma and hemangioblastoma.\n"
    listed = {o for s, p, o in accepted(extractor, text) if s == "IntramedullaryEnhancingLesion" and p == "hasDifferential"}
    assert listed == {"Ependymoma", "Astrocytoma", "Hemangioblastoma"}


def test_a_list_put_before_the_differential_cue_is_not_its_setting(extractor):
    facts = accepted(extractor, "Cord lesions\n\nEpendymoma and astrocytoma are the usual differential of a cord mass.\n")
    assert not any(p == "hasDifferential" and s in ("Ependymoma", "Astrocytoma") for s, p, _o in facts)


def test_each_bracketed_rate_of_a_list_belongs_to_the_lesion_before_it(extractor):
    text = "Bone metastases\n\nPrimary tumours with a high rate of metastasis to bone include breast carcinoma (70%), prostate carcinoma (85%) and thyroid carcinoma (40%).\n"
    rates = {(s, o) for s, p, o in accepted(extractor, text) if p == "hasMetastasisRate"}
    assert rates == {("BreastCarcinoma", 70), ("ProstateCarcinoma", 85), ("ThyroidCarcinoma", 40)}


def test_bracketed_rates_without_a_rate_cue_wait_for_review(extractor):
    facts = accepted(extractor, "Series\n\nThe primary tumours were breast carcinoma (40%) and lung carcinoma (25%).\n")
    assert not any(p == "hasProportion" for _s, p, _o in facts)


def test_primaries_that_commonly_have_a_kind_of_metastasis_cause_it(extractor):
    facts = accepted(extractor, "Bone metastases\n\nProstate carcinoma and breast carcinoma commonly have blastic metastases.\n")
    assert {("ProstateCarcinoma", "causes", "OsteoblasticMetastasis"), ("BreastCarcinoma", "causes", "OsteoblasticMetastasis")} <= facts


def test_the_primaries_listed_after_a_kind_of_metastasis_cause_it(extractor):
    text = "Bone metastases\n\nPrimary tumours that typically produce lytic metastases are renal cell carcinoma, thyroid carcinoma and melanoma.\n"
    facts = accepted(extractor, text)
    assert {(p, "causes", "OsteolyticMetastasis") for p in ("RenalCellCarcinoma", "ThyroidCarcinoma", "Melanoma")} <= facts
    assert not any(s == "PrimaryTumour" and p == "causes" for s, p, _o in facts)


def test_a_primary_named_in_a_setting_is_not_said_to_cause_the_metastasis(extractor):
    facts = accepted(extractor, "Outcome\n\nPatients with lung carcinoma who develop lytic metastases have a poor outcome.\n")
    assert ("LungCarcinoma", "causes", "OsteolyticMetastasis") not in facts


def test_a_rate_of_a_process_of_a_lesion_is_not_the_lesion_rate(extractor):
    facts = accepted(extractor, "Seeding\n\nLeptomeningeal seeding of systemic cancer is unusual, accounting for 3% of spinal metastases.\n")
    assert not any(s == "MalignantNeoplasm" and p == "hasProportion" for s, p, _o in facts)


def test_the_lesion_after_incidence_of_keeps_its_rate(extractor):
    facts = accepted(extractor, "Hemangioma\n\nThe incidence of vertebral hemangioma is 10% in autopsy series.\n")
    assert ("VertebralHemangioma", "hasIncidence", 10) in facts


def test_a_disease_naming_the_population_gets_no_rate(extractor):
    facts = accepted(extractor, "Cord metastases\n\nThese lesions affect 2% of patients with cancer and comprise 5% of all cord tumours.\n")
    assert not any(s == "MalignantNeoplasm" for s, _p, _o in facts)


def test_a_predictive_figure_or_false_negative_share_is_no_epidemiology(extractor):
    text = ("Signs\n\nDiffuse sclerosis predicts epidural disease in 40% of cases.\n\n"
            "False-negative scans are most frequent with multiple myeloma (up to 20% of cases).\n")
    assert not any(p == "hasProportion" for _s, p, _o in accepted(extractor, text))


def test_a_distant_of_after_a_metastasis_does_not_name_its_primary(extractor):
    text = "Bone metastases\n\nA metastasis to the cord suggests an aggressive form of lung carcinoma.\n"
    assert ("Metastasis", "hasPrimaryTumour", "LungCarcinoma") not in accepted(extractor, text)


def test_a_named_sign_with_its_definition_between_commas_indicates_the_lesion(extractor):
    text = "Fractures\n\nThe fluid sign, a linear collection in a collapsed vertebral body, is characteristic of an osteoporotic compression fracture.\n"
    assert ("FluidSign", "indicates", "OsteoporoticCompressionFracture") in accepted(extractor, text)


def test_a_named_sign_defined_in_brackets_indicates_a_tissue(extractor):
    text = "Marrow\n\nThe bull's-eye sign (a bright focus in the middle of a bone lesion) is a specific marker of normal hematopoietic marrow.\n"
    paper = text_document(text)
    statements = extractor.extract(paper).accepted
    facts = {(s["subject"], s["predicate"], s.get("object", s.get("text"))) for s in statements}
    assert ("BullsEyeSign", "indicates", "HematopoieticMarrow") in facts
    assert ("BullsEyeSign", "definedAs", "a bright focus in the middle of a bone lesion") in facts
    assert not any(s == "Hyperintense" for s, _p, _o in facts)


def test_a_figure_cited_in_brackets_is_no_definition_of_a_sign(extractor):
    facts = accepted(extractor, "Hemangioma\n\nHemangiomas show the corduroy sign (Figure 3) on CT.\n")
    assert ("Hemangioma", "showsSign", "CorduroySign") in facts
    assert not any(p == "definedAs" for _s, p, _o in facts)


def test_a_sign_named_in_brackets_after_its_description_is_shown_on_the_sequence_described(extractor):
    paper = text_document(
        "Metastases\n\nSpinal metastases often show a rim of high T2 signal around them (a halo sign).\n"
    )
    shown = [s for s in extractor.extract(paper).accepted if s["predicate"] == "showsSign"]
    assert [(s["subject"], s["object"], s["qualifiers"].get("sequence")) for s in shown] == [("SpinalMetastasis", "HaloSign", "T2Weighted")]


def test_the_most_common_primaries_listed_after_a_metastasis_are_its_primaries(extractor):
    text = "Metastases\n\nThe most common primaries of spinal metastases are breast carcinoma, lung carcinoma and prostate carcinoma.\n"
    primaries = {o for s, p, o in accepted(extractor, text) if s == "SpinalMetastasis" and p == "hasPrimaryTumour"}
    assert primaries == {"BreastCarcinoma", "LungCarcinoma", "ProstateCarcinoma"}


def test_the_most_common_site_of_a_lesion_either_way_round(extractor):
    first = accepted(extractor, "Sites\n\nThe thoracic spine is the most common site of epidural metastases.\n")
    second = accepted(extractor, "Sites\n\nThe most common site of vertebral hemangioma is the thoracic spine.\n")
    assert ("EpiduralMetastasis", "locatedIn", "ThoracicSpine") in first
    assert ("VertebralHemangioma", "locatedIn", "ThoracicSpine") in second


def test_findings_demonstrable_by_a_technique_are_detected_by_it(extractor):
    text = "Imaging\n\nBoth cortical destruction and cord compression from epidural metastasis are demonstrable by MRI.\n"
    detected = {o for s, p, o in accepted(extractor, text) if s == "MRI" and p == "detects"}
    assert detected == {"CorticalDestruction", "CordCompression"}


def test_a_lesion_merely_seen_on_a_technique_is_not_said_to_be_detected(extractor):
    facts = accepted(extractor, "Imaging\n\nLytic metastases are seen on CT as areas of lucency.\n")
    assert not any(p == "detects" for _s, p, _o in facts)


def test_a_share_of_patients_who_develop_a_lesion_is_its_prevalence_in_them(extractor):
    paper = text_document("Metastases\n\nAbout 30% of patients with cancer eventually develop spinal metastases.\n")
    rates = [s for s in extractor.extract(paper).accepted if s["kind"] == "epidemiology"]
    assert [(s["subject"], s["predicate"], s["value"], s["qualifiers"]["population"]) for s in rates] == [
        ("SpinalMetastasis", "hasPrevalence", 30, "patients with cancer")]


def test_the_lesion_setting_a_population_share_gets_no_proportion(extractor):
    facts = accepted(extractor, "Metastases\n\nIn breast carcinoma, 70% of patients will have bone metastases at autopsy.\n")
    assert ("BoneMetastasis", "hasPrevalence", 70) in facts
    assert not any(s == "BreastCarcinoma" for s, _p, _o in facts)


def test_each_finding_listed_as_suggestive_of_a_lesion_suggests_it(extractor):
    text = ("Fractures\n\nImaging features suggestive of a pathologic fracture include a convex posterior border, "
            "an epidural mass and abnormal pedicle signal.\n\nThe most reliable signs of a malignant compression fracture are "
            "a paravertebral soft tissue mass and posterior element infiltration.\n")
    facts = accepted(extractor, text)
    assert {("ConvexPosteriorBorder", "suggests", "PathologicFracture"), ("AbnormalPedicleSignal", "suggests", "PathologicFracture")} <= facts
    assert {("ParavertebralSoftTissueMass", "indicates", "MalignantCompressionFracture"),
            ("PosteriorElementInfiltration", "indicates", "MalignantCompressionFracture")} <= facts


def test_a_stage_word_before_the_lesion_does_not_hide_it_from_a_feature_list(extractor):
    text = "Fractures\n\nFindings suggestive of acute osteoporotic compression fractures include a low signal band on T1-weighted images.\n"
    assert ("LowSignalBand", "suggests", "OsteoporoticCompressionFracture") in accepted(extractor, text)


def test_rates_given_respectively_pair_with_the_lesions_in_order(extractor):
    text = ("Spread\n\nMelanoma and lung carcinoma have the highest rates of spread to the leptomeninges, at 20% and 10%, respectively.\n\n"
            "Breast carcinoma and prostate carcinoma account for 25% and 15% of spinal metastases, respectively.\n")
    facts = accepted(extractor, text)
    assert {("Melanoma", "hasMetastasisRate", 20), ("LungCarcinoma", "hasMetastasisRate", 10)} <= facts
    assert {("BreastCarcinoma", "hasProportion", 25), ("ProstateCarcinoma", "hasProportion", 15)} <= facts
    assert ("BreastCarcinoma", "hasProportion", 15) not in facts


def test_a_caption_depicting_a_finding_says_nothing_of_what_the_technique_detects(extractor):
    facts = accepted(extractor, "Imaging\n\nFigure 2: Sagittal CT reformation depicts a cortical break in the L2 vertebral body.\n")
    assert not any(p == "detects" for _s, p, _o in facts)
    assert ("BoneScintigraphy", "detects", "OsteoblasticMetastasis") in accepted(extractor, "Imaging\n\nBone scintigraphy detects osteoblastic metastases.\n")


def test_a_route_of_spread_is_not_given_to_the_tumour_the_spread_starts_from(extractor):
    text = "Spread\n\nMetastatic spread from the primary tumour to the cord is mostly haematogenous via the arterial route.\n"
    assert not any(p == "spreadsVia" for _s, p, _o in accepted(extractor, text))
    assert ("Melanoma", "spreadsVia", "ArterialSpread") in accepted(extractor, "Spread\n\nMelanoma spreads to the leptomeninges via the arterial route.\n")


def test_coordinated_signs_each_indicate_what_follows(extractor):
    facts = accepted(extractor, "Signs\n\nThe halo sign and diffuse hyperintensity were strong indicators of metastatic disease.\n")
    assert ("HaloSign", "indicates", "Metastasis") in facts
    joined = accepted(extractor, "Signs\n\nLow signal on T1-weighted images with an epidural mass suggests a metastasis.\n")
    assert not any(s == "Hypointense" and p == "suggests" for s, p, _o in joined)
