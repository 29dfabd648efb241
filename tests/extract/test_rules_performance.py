"""Diagnostic performance rules on sentences written for these tests (none taken from the corpus papers).

Each test states one general shape of radiology prose about what a technique finds, what it is used
for, how it compares with another, or how often it is right, and checks the statements the extractor
accepts from it; a second sentence shows the near miss the rule must leave alone.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text

TITLE = "Imaging of spinal lesions"


def test_adjacent_technique_words_are_one_technique_named_by_its_most_specific_term(extractor):
    found = accepted(
        extractor,
        "Gadolinium-enhanced T1-weighted MRI is superior to contrast-enhanced CT for leptomeningeal disease.",
        title=TITLE,
    )
    assert ("T1PostGadolinium", "superiorTo", "ContrastEnhancedCT") in found
    assert ("MRI", "superiorTo", "ContrastEnhancedCT") not in found


def test_earlier_than_another_technique_is_a_comparison_not_a_detection(extractor):
    found = accepted(extractor, "CT can show a lytic metastasis several months earlier than radiography.", title=TITLE)
    assert ("CT", "superiorTo", "Radiography") in found
    assert not any(p == "detects" for _s, p, _o in found)


def test_a_measure_higher_for_one_technique_than_another_ranks_them(extractor):
    higher = accepted(
        extractor, "Sensitivity was higher with MRI (94%) than with bone scintigraphy (71%) in our series.", title=TITLE
    )
    assert ("MRI", "moreSensitiveThan", "BoneScintigraphy") in higher
    lower = accepted(
        extractor, "Specificity was lower for CT than for MRI in the detection of marrow disease.", title=TITLE
    )
    assert ("MRI", "superiorTo", "CT") in lower and ("CT", "superiorTo", "MRI") not in lower


def test_a_technique_improving_the_sensitivity_of_another_is_more_sensitive(extractor):
    found = accepted(
        extractor, "SPECT increases the sensitivity of planar bone scintigraphy for vertebral metastases.", title=TITLE
    )
    assert ("SPECT", "moreSensitiveThan", "BoneScintigraphy") in found


def test_better_at_something_against_the_one_other_technique_named(extractor):
    found = accepted(
        extractor,
        "Radiographs show alignment well, whereas CT is better at depicting cortical destruction.",
        title=TITLE,
    )
    assert ("CT", "superiorTo", "Radiography") in found
    alone = accepted(extractor, "Sclerotic foci are better seen on CT.", title=TITLE)
    assert not any(p == "superiorTo" for _s, p, _o in alone)


def test_a_clause_without_its_subject_compares_the_sentence_subject(extractor):
    found = accepted(
        extractor,
        "In one series DWI added little for osteoblastic lesions but was superior to T2-weighted imaging.",
        title=TITLE,
    )
    assert ("DWI", "superiorTo", "T2Weighted") in found


def test_no_advantage_over_another_technique_is_a_negated_comparison(extractor):
    found = extract_text(
        extractor,
        "Whole-body MRI showed no advantage compared with bone scintigraphy for osteoblastic metastases.",
        title=TITLE,
    ).accepted
    comparisons = [s for s in found if s["predicate"] == "superiorTo"]
    assert [(s["subject"], s["object"], s.get("negated")) for s in comparisons] == [("WholeBodyMRI", "BoneScintigraphy", True)]


def test_a_share_of_lesions_missed_by_a_technique_is_its_false_negative_rate(extractor):
    found = accepted(extractor, "About 30% of vertebral metastases are missed on radiographs.", title=TITLE)
    assert ("Radiography", "hasFalseNegativeRate", 30) in found
    seen = accepted(extractor, "About 30% of vertebral metastases are seen on radiographs.", title=TITLE)
    assert not any(p == "hasFalseNegativeRate" for _s, p, _o in seen)


def test_a_technique_enabling_detection_detects_its_target_but_not_when_detection_is_difficult(extractor):
    assert ("CT", "detects", "CorticalDestruction") in accepted(
        extractor, "CT enables detection of cortical destruction.", title=TITLE
    )
    failing = accepted(extractor, "CT may fail to detect cortical destruction in osteoporotic bone.", title=TITLE)
    assert ("CT", "detects", "CorticalDestruction") not in failing


def test_coordinated_techniques_share_every_target_of_the_list(extractor):
    found = accepted(
        extractor,
        "Whole-body MRI and PET/CT are alternatives for the detection of bone metastases and multiple myeloma.",
        title=TITLE,
    )
    expected = {(t, "detects", o) for t in ("WholeBodyMRI", "PETCT") for o in ("BoneMetastasis", "MultipleMyeloma")}
    assert expected <= found


def test_a_technique_after_a_preposition_is_not_the_subject(extractor):
    found = accepted(extractor, "FDG PET registered with CT allows the detection of bone metastases.", title=TITLE)
    assert ("FDGPET", "detects", "BoneMetastasis") in found
    assert ("CT", "detects", "BoneMetastasis") not in found


def test_a_technique_described_as_a_means_is_used_for_its_targets(extractor):
    pain = accepted(extractor, "Radiography is the first-line modality for the evaluation of neck pain.", title=TITLE)
    assert ("Radiography", "usedFor", "NeckPain") in pain
    screening = accepted(
        extractor, "Bone scintigraphy remains the standard method for screening for bone metastases.", title=TITLE
    )
    assert ("BoneScintigraphy", "usedFor", "BoneMetastasis") in screening
    assert ("BoneScintigraphy", "detects", "BoneMetastasis") not in screening


def test_respectively_leaves_out_the_value_of_a_combined_technique(extractor):
    found = accepted(
        extractor,
        "FDG PET alone and FDG PET fused with CT reached a sensitivity of 80% and 95%, respectively.",
        title=TITLE,
    )
    assert ("FDGPET", "hasSensitivity", 80) in found
    assert not any(v == 95 for _s, _p, v in found)


def test_a_value_followed_by_its_technique_belongs_to_that_technique(extractor):
    found = accepted(extractor, "False-negative results occurred in 30% by CT and 10% by MRI.", title=TITLE)
    assert {("CT", "hasFalseNegativeRate", 30), ("MRI", "hasFalseNegativeRate", 10)} <= found
    assert ("CT", "hasFalseNegativeRate", 10) not in found


def test_a_passive_diagnosis_by_two_coordinated_procedures_names_both(extractor):
    found = accepted(
        extractor,
        "Most cases of leptomeningeal carcinomatosis are diagnosed by CSF cytology or leptomeningeal biopsy.",
        title=TITLE,
    )
    assert {("CSFCytology", "detects", "LeptomeningealCarcinomatosis"), ("LeptomeningealBiopsy", "detects", "LeptomeningealCarcinomatosis")} <= found


def test_a_technique_guiding_a_procedure_is_used_for_it(extractor):
    assert ("CT", "usedFor", "Biopsy") in accepted(
        extractor, "CT may be used to guide biopsy of a vertebral lesion.", title=TITLE
    )
    treatment = accepted(extractor, "CT may guide radiation treatment of the spine.", title=TITLE)
    assert not any(p == "usedFor" for _s, p, _o in treatment)


def test_a_technique_that_is_not_specific_has_that_limitation(extractor):
    assert ("MRI", "hasLimitation", "not specific") in accepted(
        extractor, "MRI is not specific for this tumour.", title=TITLE
    )
    praised = accepted(extractor, "MRI is specific and sensitive for epidural abscess.", title=TITLE)
    assert not any(p == "hasLimitation" for _s, p, _o in praised)


def test_the_modality_of_choice_named_after_its_target(extractor):
    found = accepted(
        extractor, "The imaging modality of choice for suspected spinal cord compression is MRI.", title=TITLE
    )
    assert ("MRI", "usedFor", "SpinalCordCompression") in found
    diagnosis = accepted(
        extractor,
        "The test most useful in confirming the diagnosis of leptomeningeal carcinomatosis is CSF cytology.",
        title=TITLE,
    )
    assert ("CSFCytology", "detects", "LeptomeningealCarcinomatosis") in diagnosis


def test_a_finding_predicting_a_lesion_in_a_share_of_cases(extractor):
    found = accepted(
        extractor, "Pedicle erosion on radiographs predicts epidural disease in 40% of cases.", title=TITLE
    )
    assert {("PedicleErosion", "suggests", "EpiduralLesion"), ("PedicleErosion", "hasProportion", 40)} <= found
    accuracy = accepted(
        extractor,
        "Morphologic criteria may accurately predict benign from malignant fractures in up to 90% of cases.",
        title=TITLE,
    )
    assert ("FractureMorphologicCriteria", "hasAccuracy", 90) in accuracy
    assert not any(p == "suggests" for _s, p, _o in accuracy)


def test_a_share_of_a_finding_that_represents_a_lesion(extractor):
    found = accepted(extractor, "However, only 30% of solitary foci of uptake represent metastases.", title=TITLE)
    assert ("SolitaryFocalUptake", "hasProportion", 30) in found


def test_a_detection_after_a_conjoined_comparison_still_counts_but_a_compared_detection_does_not(extractor):
    conjoined = accepted(
        extractor,
        "FDG PET is more sensitive than bone scintigraphy in lymphoma and was shown to detect early bone marrow "
        "involvement.",
        title=TITLE,
    )
    assert ("FDGPET", "detects", "BoneMarrowInvolvement") in conjoined
    compared = accepted(
        extractor, "FDG PET is better than bone scintigraphy for the detection of osteolytic metastases.", title=TITLE
    )
    assert ("FDGPET", "superiorTo", "BoneScintigraphy") in compared
    assert ("FDGPET", "detects", "OsteolyticMetastasis") not in compared


def test_the_target_list_ends_at_a_comparison(extractor):
    found = accepted(
        extractor,
        "FDG PET is more sensitive for detection of osteolytic metastases than of osteoblastic metastases.",
        title=TITLE,
    )
    assert ("FDGPET", "detects", "OsteolyticMetastasis") in found
    assert ("FDGPET", "detects", "OsteoblasticMetastasis") not in found


def test_a_figure_caption_showing_a_lesion_is_not_a_detection_claim(extractor):
    text = "Figure 2: Sagittal CT depicts cortical destruction of the L2 vertebral body."
    assert not any(p == "detects" for _s, p, _o in accepted(extractor, text, title=TITLE))


def test_a_technique_replaced_by_another_is_not_said_to_detect(extractor):
    found = accepted(
        extractor,
        "Myelography has been largely replaced by MRI for the evaluation of spinal cord compression.",
        title=TITLE,
    )
    assert not any(s == "Myelography" for s, _p, _o in found)


def test_a_technique_named_instead_of_another_is_preferred(extractor):
    found = accepted(
        extractor,
        "Quantitative ADC mapping, instead of qualitative diffusion-weighted imaging, may help separate benign from "
        "malignant fractures.",
        title=TITLE,
    )
    assert ("ADCMap", "superiorTo", "DWI") in found
    listed = accepted(
        extractor,
        "ADC mapping and diffusion-weighted imaging may help separate benign from malignant fractures.",
        title=TITLE,
    )
    assert not any(p == "superiorTo" for _s, p, _o in listed)


def test_findings_consistent_with_a_lesion_suggest_it(extractor):
    found = accepted(
        extractor,
        "MRI is not specific but may provide findings consistent with a diagnosis of meningioma.",
        title=TITLE,
    )
    assert ("MRI", "suggests", "Meningioma") in found
    unrelated = accepted(extractor, "MRI may provide information on the extent of a meningioma.", title=TITLE)
    assert ("MRI", "suggests", "Meningioma") not in unrelated


def test_a_cue_coordinated_with_a_use_keeps_the_use(extractor):
    text = "Radiographs are a common modality for the evaluation of neck pain in the setting of trauma or in the evaluation of degenerative changes."
    found = accepted(extractor, text, title=TITLE)
    assert {("Radiography", "usedFor", "NeckPain"), ("Radiography", "usedFor", "DegenerativeChange")} <= found
    assert ("Radiography", "detects", "DegenerativeChange") not in found
    assert ("Radiography", "usedFor", "Trauma") not in found


def test_the_former_or_the_latter_of_a_pair_is_the_better_one(extractor):
    latter = extract_text(
        extractor,
        "Conventional spin echo (SE) and fast spin echo T2 sequences detect the same number of lesions, with the "
        "latter being a much faster sequence.",
        title=TITLE,
    ).accepted
    found = {(s["subject"], s["predicate"], s["object"], bool(s.get("negated"))) for s in latter}
    assert ("T2FastSpinEcho", "superiorTo", "ConventionalSpinEchoT2", False) in found
    assert ("T2FastSpinEcho", "moreSensitiveThan", "ConventionalSpinEchoT2", True) in found
    former = accepted(
        extractor,
        "Lesions are as conspicuous on STIR and T2-weighted images, but the former has several practical advantages.",
        title=TITLE,
    )
    assert ("STIR", "superiorTo", "T2Weighted") in former
    unranked = accepted(extractor, "STIR and T2-weighted images were acquired in every patient.", title=TITLE)
    assert not any(p in ("superiorTo", "moreSensitiveThan") for _s, p, _o in unranked)


def test_a_role_in_the_diagnosis_of_a_lesion_is_a_use_even_for_imaging_in_general(extractor):
    found = accepted(
        extractor,
        "Imaging plays a central role in not only the diagnosis but also the follow-up of spinal metastatic disease.",
        title=TITLE,
    )
    assert ("ImagingTechnique", "usedFor", "SpinalMetastasis") in found
    specific = accepted(extractor, "MRI has an important role in the evaluation of epidural metastases.", title=TITLE)
    assert ("MRI", "usedFor", "EpiduralMetastasis") in specific and ("MRI", "detects", "EpiduralMetastasis") not in specific
    treatment = accepted(extractor, "Surgery plays a major role in the management of spinal metastases.", title=TITLE)
    assert not any(p == "usedFor" for _s, p, _o in treatment)


def test_a_technique_done_earlier_than_another_is_not_better(extractor):
    found = accepted(extractor, "CT, performed two days earlier than MRI, was normal.", title=TITLE)
    assert ("CT", "superiorTo", "MRI") not in found


def test_a_technique_sensitive_or_useful_for_a_lesion_detects_it(extractor):
    assert ("MRI", "detects", "BoneMarrowInvolvement") in accepted(
        extractor, "MRI is highly sensitive for bone marrow involvement.", title=TITLE
    )
    artefact = accepted(extractor, "Fat saturation techniques are sensitive to susceptibility artifact.", title=TITLE)
    assert not any(p == "detects" for _s, p, _o in artefact)
    patients = accepted(extractor, "MRI is useful in patients with epidural metastases.", title=TITLE)
    assert not any(p == "detects" for _s, p, _o in patients)


def test_a_technique_less_sensitive_than_another_ranks_the_other_first(extractor):
    found = accepted(extractor, "Bone scintigraphy is less sensitive than MRI for osteolytic metastases.", title=TITLE)
    assert ("MRI", "moreSensitiveThan", "BoneScintigraphy") in found
    assert ("BoneScintigraphy", "moreSensitiveThan", "MRI") not in found


def test_a_technique_indicated_in_patients_with_a_suspected_lesion_is_used_for_it(extractor):
    found = accepted(extractor, "MRI is indicated in patients with suspected spinal cord compression.", title=TITLE)
    assert ("MRI", "usedFor", "SpinalCordCompression") in found
    assert ("MRI", "detects", "SpinalCordCompression") not in found


def test_the_diagnosis_of_a_lesion_confirmed_by_a_procedure_is_a_detection(extractor):
    found = accepted(
        extractor,
        "The diagnosis of leptomeningeal carcinomatosis is confirmed by CSF cytology in most cases.",
        title=TITLE,
    )
    assert ("CSFCytology", "detects", "LeptomeningealCarcinomatosis") in found
    source = accepted(
        extractor, "Compression from leptomeningeal carcinomatosis is confirmed by CSF cytology.", title=TITLE
    )
    assert ("CSFCytology", "detects", "LeptomeningealCarcinomatosis") not in source


def test_a_sequence_is_not_compared_with_the_examination_it_belongs_to(extractor):
    found = accepted(extractor, "On MRI, sclerotic lesions are better seen on T1-weighted images.", title=TITLE)
    assert not any(p == "superiorTo" for _s, p, _o in found)


def test_a_site_is_seen_only_when_it_is_not_a_modifier(extractor):
    assert ("MRI", "detects", "BoneMarrow") in accepted(
        extractor, "MRI allows direct visualization of bone marrow and its components.", title=TITLE
    )
    modifier = accepted(extractor, "MRI allows direct visualization of marrow disease.", title=TITLE)
    assert ("MRI", "detects", "BoneMarrow") not in modifier
