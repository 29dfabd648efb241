"""Diagnostic performance rules on sentences written for these tests (none taken from the corpus papers).

Each test states one general shape of radiology prose about what a technique finds, what it is used
for, how it compares with another, or how often it is right, and checks the statements the extractor
accepts from it; a second sentence shows the near miss the rule must leave alone.
"""

from __future__ import annotations

from kg.documents import Document


def statements(extractor, text: str) -> list[dict]:
    """The statements accepted from a short review that holds one paragraph."""
    paper = Document("performance_test", f"Imaging of spinal lesions\n\n{text}\n", metadata={"title": "performance test", "kind": "review", "file": "performance_test.txt"})
    return extractor.extract(paper).accepted


def facts(extractor, text: str) -> set[tuple]:
    """(subject, predicate, object, value or text) of the accepted statements."""
    return {(s["subject"], s["predicate"], s.get("object", s.get("value", s.get("text")))) for s in statements(extractor, text)}


def test_adjacent_technique_words_are_one_technique_named_by_its_most_specific_term(extractor):
    found = facts(extractor, "Gadolinium-enhanced T1-weighted MRI is superior to contrast-enhanced CT for leptomeningeal disease.")
    assert ("T1PostGadolinium", "superiorTo", "ContrastEnhancedCT") in found
    assert ("MRI", "superiorTo", "ContrastEnhancedCT") not in found


def test_earlier_than_another_technique_is_a_comparison_not_a_detection(extractor):
    found = facts(extractor, "CT can show a lytic metastasis several months earlier than radiography.")
    assert ("CT", "superiorTo", "Radiography") in found
    assert not any(p == "detects" for _s, p, _o in found)


def test_a_measure_higher_for_one_technique_than_another_ranks_them(extractor):
    higher = facts(extractor, "Sensitivity was higher with MRI (94%) than with bone scintigraphy (71%) in our series.")
    assert ("MRI", "moreSensitiveThan", "BoneScintigraphy") in higher
    lower = facts(extractor, "Specificity was lower for CT than for MRI in the detection of marrow disease.")
    assert ("MRI", "superiorTo", "CT") in lower and ("CT", "superiorTo", "MRI") not in lower


def test_a_technique_improving_the_sensitivity_of_another_is_more_sensitive(extractor):
    found = facts(extractor, "SPECT increases the sensitivity of planar bone scintigraphy for vertebral metastases.")
    assert ("SPECT", "moreSensitiveThan", "BoneScintigraphy") in found


def test_better_at_something_against_the_one_other_technique_named(extractor):
    found = facts(extractor, "Radiographs show alignment well, whereas CT is better at depicting cortical destruction.")
    assert ("CT", "superiorTo", "Radiography") in found
    alone = facts(extractor, "Sclerotic foci are better seen on CT.")
    assert not any(p == "superiorTo" for _s, p, _o in alone)


def test_a_clause_without_its_subject_compares_the_sentence_subject(extractor):
    found = facts(extractor, "In one series DWI added little for osteoblastic lesions but was superior to T2-weighted imaging.")
    assert ("DWI", "superiorTo", "T2Weighted") in found


def test_no_advantage_over_another_technique_is_a_negated_comparison(extractor):
    found = statements(extractor, "Whole-body MRI showed no advantage compared with bone scintigraphy for osteoblastic metastases.")
    comparisons = [s for s in found if s["predicate"] == "superiorTo"]
    assert [(s["subject"], s["object"], s.get("negated")) for s in comparisons] == [("WholeBodyMRI", "BoneScintigraphy", True)]


def test_a_share_of_lesions_missed_by_a_technique_is_its_false_negative_rate(extractor):
    found = facts(extractor, "About 30% of vertebral metastases are missed on radiographs.")
    assert ("Radiography", "hasFalseNegativeRate", 30) in found
    seen = facts(extractor, "About 30% of vertebral metastases are seen on radiographs.")
    assert not any(p == "hasFalseNegativeRate" for _s, p, _o in seen)


def test_a_technique_enabling_detection_detects_its_target_but_not_when_detection_is_difficult(extractor):
    assert ("CT", "detects", "CorticalDestruction") in facts(extractor, "CT enables detection of cortical destruction.")
    failing = facts(extractor, "CT may fail to detect cortical destruction in osteoporotic bone.")
    assert ("CT", "detects", "CorticalDestruction") not in failing


def test_coordinated_techniques_share_every_target_of_the_list(extractor):
    found = facts(extractor, "Whole-body MRI and PET/CT are alternatives for the detection of bone metastases and multiple myeloma.")
    expected = {(t, "detects", o) for t in ("WholeBodyMRI", "PETCT") for o in ("BoneMetastasis", "MultipleMyeloma")}
    assert expected <= found


def test_a_technique_after_a_preposition_is_not_the_subject(extractor):
    found = facts(extractor, "FDG PET registered with CT allows the detection of bone metastases.")
    assert ("FDGPET", "detects", "BoneMetastasis") in found
    assert ("CT", "detects", "BoneMetastasis") not in found


def test_a_technique_described_as_a_means_is_used_for_its_targets(extractor):
    pain = facts(extractor, "Radiography is the first-line modality for the evaluation of neck pain.")
    assert ("Radiography", "usedFor", "NeckPain") in pain
    screening = facts(extractor, "Bone scintigraphy remains the standard method for screening for bone metastases.")
    assert ("BoneScintigraphy", "usedFor", "BoneMetastasis") in screening
    assert ("BoneScintigraphy", "detects", "BoneMetastasis") not in screening


def test_respectively_leaves_out_the_value_of_a_combined_technique(extractor):
    found = facts(extractor, "FDG PET alone and FDG PET fused with CT reached a sensitivity of 80% and 95%, respectively.")
    assert ("FDGPET", "hasSensitivity", 80) in found
    assert not any(v == 95 for _s, _p, v in found)


def test_a_value_followed_by_its_technique_belongs_to_that_technique(extractor):
    found = facts(extractor, "False-negative results occurred in 30% by CT and 10% by MRI.")
    assert {("CT", "hasFalseNegativeRate", 30), ("MRI", "hasFalseNegativeRate", 10)} <= found
    assert ("CT", "hasFalseNegativeRate", 10) not in found


def test_a_passive_diagnosis_by_two_coordinated_procedures_names_both(extractor):
    found = facts(extractor, "Most cases of leptomeningeal carcinomatosis are diagnosed by CSF cytology or leptomeningeal biopsy.")
    assert {("CSFCytology", "detects", "LeptomeningealCarcinomatosis"), ("LeptomeningealBiopsy", "detects", "LeptomeningealCarcinomatosis")} <= found


def test_a_technique_guiding_a_procedure_is_used_for_it(extractor):
    assert ("CT", "usedFor", "Biopsy") in facts(extractor, "CT may be used to guide biopsy of a vertebral lesion.")
    treatment = facts(extractor, "CT may guide radiation treatment of the spine.")
    assert not any(p == "usedFor" for _s, p, _o in treatment)


def test_a_technique_that_is_not_specific_has_that_limitation(extractor):
    assert ("MRI", "hasLimitation", "not specific") in facts(extractor, "MRI is not specific for this tumour.")
    praised = facts(extractor, "MRI is specific and sensitive for epidural abscess.")
    assert not any(p == "hasLimitation" for _s, p, _o in praised)


def test_the_modality_of_choice_named_after_its_target(extractor):
    found = facts(extractor, "The imaging modality of choice for suspected spinal cord compression is MRI.")
    assert ("MRI", "usedFor", "SpinalCordCompression") in found
    diagnosis = facts(extractor, "The test most useful in confirming the diagnosis of leptomeningeal carcinomatosis is CSF cytology.")
    assert ("CSFCytology", "detects", "LeptomeningealCarcinomatosis") in diagnosis


def test_a_finding_predicting_a_lesion_in_a_share_of_cases(extractor):
    found = facts(extractor, "Pedicle erosion on radiographs predicts epidural disease in 40% of cases.")
    assert {("PedicleErosion", "suggests", "EpiduralLesion"), ("PedicleErosion", "hasProportion", 40)} <= found
    accuracy = facts(extractor, "Morphologic criteria may accurately predict benign from malignant fractures in up to 90% of cases.")
    assert ("FractureMorphologicCriteria", "hasAccuracy", 90) in accuracy
    assert not any(p == "suggests" for _s, p, _o in accuracy)


def test_a_share_of_a_finding_that_represents_a_lesion(extractor):
    found = facts(extractor, "However, only 30% of solitary foci of uptake represent metastases.")
    assert ("SolitaryFocalUptake", "hasProportion", 30) in found


def test_a_detection_after_a_conjoined_comparison_still_counts_but_a_compared_detection_does_not(extractor):
    conjoined = facts(extractor, "FDG PET is more sensitive than bone scintigraphy in lymphoma and was shown to detect early bone marrow involvement.")
    assert ("FDGPET", "detects", "BoneMarrowInvolvement") in conjoined
    compared = facts(extractor, "FDG PET is better than bone scintigraphy for the detection of osteolytic metastases.")
    assert ("FDGPET", "superiorTo", "BoneScintigraphy") in compared
    assert ("FDGPET", "detects", "OsteolyticMetastasis") not in compared


def test_the_target_list_ends_at_a_comparison(extractor):
    found = facts(extractor, "FDG PET is more sensitive for detection of osteolytic metastases than of osteoblastic metastases.")
    assert ("FDGPET", "detects", "OsteolyticMetastasis") in found
    assert ("FDGPET", "detects", "OsteoblasticMetastasis") not in found


def test_a_figure_caption_showing_a_lesion_is_not_a_detection_claim(extractor):
    text = "Figure 2: Sagittal CT depicts cortical destruction of the L2 vertebral body."
    assert not any(p == "detects" for _s, p, _o in facts(extractor, text))


def test_a_technique_replaced_by_another_is_not_said_to_detect(extractor):
    found = facts(extractor, "Myelography has been largely replaced by MRI for the evaluation of spinal cord compression.")
    assert not any(s == "Myelography" for s, _p, _o in found)


def test_a_technique_named_instead_of_another_is_preferred(extractor):
    found = facts(extractor, "Quantitative ADC mapping, instead of qualitative diffusion-weighted imaging, may help separate benign from malignant fractures.")
    assert ("ADCMap", "superiorTo", "DWI") in found
    listed = facts(extractor, "ADC mapping and diffusion-weighted imaging may help separate benign from malignant fractures.")
    assert not any(p == "superiorTo" for _s, p, _o in listed)


def test_findings_consistent_with_a_lesion_suggest_it(extractor):
    found = facts(extractor, "MRI is not specific but may provide findings consistent with a diagnosis of meningioma.")
    assert ("MRI", "suggests", "Meningioma") in found
    unrelated = facts(extractor, "MRI may provide information on the extent of a meningioma.")
    assert ("MRI", "suggests", "Meningioma") not in unrelated


def test_a_cue_coordinated_with_a_use_keeps_the_use(extractor):
    text = "Radiographs are a common modality for the evaluation of neck pain in the setting of trauma or in the evaluation of degenerative changes."
    found = facts(extractor, text)
    assert {("Radiography", "usedFor", "NeckPain"), ("Radiography", "usedFor", "DegenerativeChange")} <= found
    assert ("Radiography", "detects", "DegenerativeChange") not in found
    assert ("Radiography", "usedFor", "Trauma") not in found


def test_the_former_or_the_latter_of_a_pair_is_the_better_one(extractor):
    latter = statements(extractor, "Conventional spin echo (SE) and fast spin echo T2 sequences detect the same number of lesions, with the latter being a much faster sequence.")
    found = {(s["subject"], s["predicate"], s["object"], bool(s.get("negated"))) for s in latter}
    assert ("T2FastSpinEcho", "superiorTo", "ConventionalSpinEchoT2", False) in found
    assert ("T2FastSpinEcho", "moreSensitiveThan", "ConventionalSpinEchoT2", True) in found
    former = facts(extractor, "Lesions are as conspicuous on STIR and T2-weighted images, but the former has several practical advantages.")
    assert ("STIR", "superiorTo", "T2Weighted") in former
    unranked = facts(extractor, "STIR and T2-weighted images were acquired in every patient.")
    assert not any(p in ("superiorTo", "moreSensitiveThan") for _s, p, _o in unranked)


def test_a_role_in_the_diagnosis_of_a_lesion_is_a_use_even_for_imaging_in_general(extractor):
    found = facts(extractor, "Imaging plays a central role in not only the diagnosis but also the follow-up of spinal metastatic disease.")
    assert ("ImagingTechnique", "usedFor", "SpinalMetastasis") in found
    specific = facts(extractor, "MRI has an important role in the evaluation of epidural metastases.")
    assert ("MRI", "usedFor", "EpiduralMetastasis") in specific and ("MRI", "detects", "EpiduralMetastasis") not in specific
    treatment = facts(extractor, "Surgery plays a major role in the management of spinal metastases.")
    assert not any(p == "usedFor" for _s, p, _o in treatment)


def test_a_technique_done_earlier_than_another_is_not_better(extractor):
    found = facts(extractor, "CT, performed two days earlier than MRI, was normal.")
    assert ("CT", "superiorTo", "MRI") not in found


def test_a_technique_sensitive_or_useful_for_a_lesion_detects_it(extractor):
    assert ("MRI", "detects", "BoneMarrowInvolvement") in facts(extractor, "MRI is highly sensitive for bone marrow involvement.")
    artefact = facts(extractor, "Fat saturation techniques are sensitive to susceptibility artifact.")
    assert not any(p == "detects" for _s, p, _o in artefact)
    patients = facts(extractor, "MRI is useful in patients with epidural metastases.")
    assert not any(p == "detects" for _s, p, _o in patients)


def test_a_technique_less_sensitive_than_another_ranks_the_other_first(extractor):
    found = facts(extractor, "Bone scintigraphy is less sensitive than MRI for osteolytic metastases.")
    assert ("MRI", "moreSensitiveThan", "BoneScintigraphy") in found
    assert ("BoneScintigraphy", "moreSensitiveThan", "MRI") not in found


def test_a_technique_indicated_in_patients_with_a_suspected_lesion_is_used_for_it(extractor):
    found = facts(extractor, "MRI is indicated in patients with suspected spinal cord compression.")
    assert ("MRI", "usedFor", "SpinalCordCompression") in found
    assert ("MRI", "detects", "SpinalCordCompression") not in found


def test_the_diagnosis_of_a_lesion_confirmed_by_a_procedure_is_a_detection(extractor):
    found = facts(extractor, "The diagnosis of leptomeningeal carcinomatosis is confirmed by CSF cytology in most cases.")
    assert ("CSFCytology", "detects", "LeptomeningealCarcinomatosis") in found
    source = facts(extractor, "Compression from leptomeningeal carcinomatosis is confirmed by CSF cytology.")
    assert ("CSFCytology", "detects", "LeptomeningealCarcinomatosis") not in source


def test_a_sequence_is_not_compared_with_the_examination_it_belongs_to(extractor):
    found = facts(extractor, "On MRI, sclerotic lesions are better seen on T1-weighted images.")
    assert not any(p == "superiorTo" for _s, p, _o in found)


def test_a_site_is_seen_only_when_it_is_not_a_modifier(extractor):
    assert ("MRI", "detects", "BoneMarrow") in facts(extractor, "MRI allows direct visualization of bone marrow and its components.")
    modifier = facts(extractor, "MRI allows direct visualization of marrow disease.")
    assert ("MRI", "detects", "BoneMarrow") not in modifier
