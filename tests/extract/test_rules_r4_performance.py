"""Round-4 diagnostic performance and pitfall rules, on sentences written for these tests (none from the corpus).

They cover what a text says about a technique without naming it in the sentence (a measure or a
drawback of the technique its section or paragraph is about), lesions a technique misses, techniques a
lesion can be evaluated with, and a technique's advantages; each test also shows the near miss its
rule must leave alone.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text

TITLE = "Imaging of spinal lesions"
METASTASES = "Imaging of spinal metastases"


def values(found: set[tuple], predicate: str) -> set[tuple]:
    """The (subject, value) pairs of the facts with a predicate."""
    return {(s, v) for s, p, v in found if p == predicate}


def test_a_measure_in_a_sentence_naming_no_technique_belongs_to_the_one_just_discussed(extractor):
    measure = "One series reported a sensitivity of 85% in breast cancer patients but only 40% in lymphoma patients."
    text = f"Contrast-enhanced MRI of the neuraxis was reviewed in 60 patients with leptomeningeal disease. {measure}"
    found = accepted(extractor, text, title=TITLE)
    assert values(found, "hasSensitivity") == {("GadoliniumEnhancedMRI", 85), ("GadoliniumEnhancedMRI", 40)}
    alone = accepted(extractor, measure, title=TITLE)
    assert not values(alone, "hasSensitivity")


def test_the_section_heading_technique_outranks_another_sequence_named_in_passing(extractor):
    text = (
        "3.2. T1-Weighted Spin-Echo Imaging\n\n"
        "Unlike T2-weighted images, these images show fatty marrow as bright. "
        "Marrow darker than the adjacent discs was abnormal with an accuracy of 92% in one series.\n"
    )
    found = accepted(extractor, text, title=TITLE)
    assert values(found, "hasAccuracy") == {("T1WeightedSpinEcho", 92)}


def test_a_modality_named_under_a_sequence_heading_is_what_the_text_now_discusses(extractor):
    text = (
        "3.4. Diffusion-Weighted Imaging\n\n"
        "One group compared MRI examinations with biopsy results in 30 vertebrae. "
        "In vertebrae without tumour there was a high false-positive rate.\n"
    )
    found = accepted(extractor, text, title=TITLE)
    limitations = {s for s, p, _v in found if p == "hasLimitation"}
    assert limitations == {"MRI"}


def test_false_negatives_with_lesions_fall_on_the_technique_of_the_section(extractor):
    text = (
        "2.1. Bone Scintigraphy\n\n"
        "The tracer collects wherever osteoblastic activity rises. "
        "False-negative scans are most frequent with multiple myeloma and renal cell carcinoma.\n"
    )
    found = accepted(extractor, text, title=TITLE)
    assert ("MultipleMyeloma", "mayBeObscuredOn", "BoneScintigraphy") in found
    assert ("RenalCellCarcinoma", "mayBeObscuredOn", "BoneScintigraphy") in found
    unnamed = accepted(
        extractor, "False-negative scans are most frequent with multiple myeloma and renal cell carcinoma.", title=TITLE
    )
    assert not any(p == "mayBeObscuredOn" for _s, p, _o in unnamed)


def test_a_lesion_class_above_the_topic_that_a_technique_misses_is_the_topic(extractor):
    found = accepted(extractor, "Small metastatic deposits may be missed on radiographs.", title=METASTASES)
    assert ("SpinalMetastasis", "mayBeObscuredOn", "Radiography") in found
    narrower = accepted(extractor, "Small osseous metastases may be missed on radiographs.", title=METASTASES)
    assert ("OsseousMetastasis", "mayBeObscuredOn", "Radiography") in narrower


def test_a_nonspecific_finding_is_a_limitation_of_the_technique_discussed(extractor):
    text = (
        "2.1. Bone Scintigraphy\n\n"
        "Since the tracer collects wherever bone turnover rises, increased uptake may be nonspecific. "
        "Positive scans need correlation with radiographs because of this lack of specificity.\n"
    )
    found = accepted(extractor, text, title=TITLE)
    limitations = {(s, v) for s, p, v in found if p == "hasLimitation"}
    assert ("BoneScintigraphy", "increased uptake may be nonspecific") in limitations
    assert (
        "BoneScintigraphy",
        "Positive scans need correlation with radiographs because of this lack of specificity",
    ) in limitations


def test_a_nonspecific_symptom_is_not_a_limitation_of_a_technique(extractor):
    text = "MRI of the lumbar spine was obtained in all patients. Back pain is nonspecific in this population."
    found = accepted(extractor, text, title=TITLE)
    assert not any(p == "hasLimitation" for _s, p, _v in found)


def test_a_measure_named_twice_takes_the_values_after_its_last_mention_with_their_populations(extractor):
    text = (
        "Sensitivity differs between tumour types, with MRI showing a sensitivity of 90% in patients with breast "
        "cancer but only 60% in patients with lymphoma and leukemia for leptomeningeal metastases."
    )
    statements = extract_text(extractor, text, title=TITLE).accepted
    measured = {
        (s["value"], s["qualifiers"].get("population"), s["confidence"] >= 0.8)
        for s in statements
        if s["predicate"] == "hasSensitivity"
    }
    assert measured == {(90, "patients with breast cancer", True), (60, "patients with lymphoma and leukemia", True)}
    targets = {s["qualifiers"].get("target") for s in statements if s["predicate"] == "hasSensitivity"}
    assert targets == {"LeptomeningealCarcinomatosis"}


def test_measures_listed_once_each_pair_with_values_in_order(extractor):
    found = accepted(
        extractor, "CT had a sensitivity and specificity of 70% and 95% for osteolytic metastases.", title=TITLE
    )
    assert ("CT", "hasSensitivity", 70) in found and ("CT", "hasSpecificity", 95) in found


def test_a_lesion_evaluated_with_techniques_is_what_they_are_used_for(extractor):
    found = accepted(
        extractor,
        "Treated disease can be evaluated with other modalities such as FDG PET and diffusion-weighted imaging.",
        title=METASTASES,
    )
    assert {("FDGPET", "usedFor", "SpinalMetastasis"), ("DWI", "usedFor", "SpinalMetastasis")} <= found
    named = accepted(extractor, "Vertebral hemangiomas are often studied with CT.", title=TITLE)
    assert ("CT", "usedFor", "VertebralHemangioma") in named
    patients = accepted(extractor, "All patients were evaluated with MRI before surgery.", title=METASTASES)
    assert not any(p == "usedFor" for _s, p, _o in patients)


def test_a_technique_advantage_is_the_words_after_the_cue(extractor):
    found = accepted(
        extractor,
        "Although MDCT provides excellent spatial resolution of cortical bone, small marrow deposits may be missed.",
        title=TITLE,
    )
    assert ("MDCT", "hasAdvantage", "excellent spatial resolution of cortical bone") in found
    conjoined = accepted(
        extractor, "CT gives superb depiction of the cortex and allows detection of cortical destruction.", title=TITLE
    )
    assert ("CT", "hasAdvantage", "superb depiction of the cortex") in conjoined


def test_this_sequence_stands_for_the_one_under_discussion(extractor):
    text = (
        "2.9. Fat Suppression Techniques\n\n"
        "STIR nulls the signal of fat. This sequence can be obtained on any MR scanner, but it is slow.\n"
    )
    found = accepted(extractor, text, title=TITLE)
    assert ("STIR", "hasAdvantage", "can be obtained on any MR scanner") in found
    useful_for = accepted(extractor, "STIR is very useful for marrow oedema.", title=TITLE)
    assert not any(p == "hasAdvantage" for _s, p, _o in useful_for)


def test_a_technique_performed_to_rule_out_a_finding_detects_it(extractor):
    found = accepted(
        extractor,
        "Radiographs may be performed before surgery to exclude a pathologic fracture. "
        "CT myelography can be used to rule out an epidural abscess.",
        title=TITLE,
        negation=True,
    )
    assert ("Radiography", "detects", "PathologicFracture", False) in found
    assert ("CTMyelography", "detects", "EpiduralAbscess", False) in found
    unable = accepted(extractor, "MRI cannot rule out an epidural abscess.", title=TITLE)
    assert not any(p == "detects" for _s, p, _o in unable)


def test_what_is_subtle_in_cases_of_a_lesion_makes_that_lesion_obscured(extractor):
    found = accepted(
        extractor, "Calcification may be subtle on MRI and better seen on CT in cases of meningioma.", title=TITLE
    )
    assert ("Meningioma", "mayBeObscuredOn", "MRI") in found
    unrelated = accepted(extractor, "Calcification may be subtle on MRI; meningiomas enhance avidly.", title=TITLE)
    assert not any(p == "mayBeObscuredOn" for _s, p, _o in unrelated)


def test_what_a_lesion_may_complicate_is_what_it_can_cause(extractor):
    found = accepted(
        extractor,
        "The rich vascularity of this tumour may complicate biopsy and resection given its tendency to bleed.",
        title="Spinal hemangioblastoma",
    )
    assert ("Hemangioblastoma", "canCause", "complicate biopsy and resection") in found
    lesionless = accepted(extractor, "Metal hardware may complicate the reading of postoperative images.", title=TITLE)
    assert not any(p == "canCause" for _s, p, _o in lesionless)


def test_assessing_the_risk_of_an_outcome_is_a_use_not_a_detection(extractor):
    found = accepted(extractor, "CT allows a rough assessment of the risk of vertebral collapse.", title=TITLE)
    assert ("CT", "usedFor", "VertebralCollapse") in found
    assert ("CT", "detects", "VertebralCollapse") not in found
    plain = accepted(extractor, "CT allows assessment of osteolytic metastases.", title=TITLE)
    assert ("CT", "detects", "OsteolyticMetastasis") in plain


def test_lesions_appreciated_with_this_sequence_are_detected_by_the_sequence_named_before(extractor):
    found = accepted(
        extractor,
        "STIR images are the most useful in patients with suspected cord compression, because vertebral metastases "
        "are most often appreciated with this MR sequence.",
        title=TITLE,
    )
    assert ("STIR", "detects", "OsseousMetastasis") in found
    assert ("MRI", "detects", "OsseousMetastasis") not in found
    assert not any(p == "detects" and o == "CordCompression" for _s, p, o in found)


def test_a_nonspecific_test_the_recogniser_does_not_know_is_not_put_on_the_technique_discussed(extractor):
    text = "MRI of the whole spine was performed. CSF analysis is nonspecific but helps exclude myelitis."
    found = accepted(extractor, text, title=TITLE)
    assert not any(p == "hasLimitation" for _s, p, _v in found)
    signal = accepted(extractor, "MRI of the whole spine was performed. The marrow signal is nonspecific.", title=TITLE)
    assert ("MRI", "hasLimitation", "The marrow signal is nonspecific") in signal


def test_a_technique_raising_the_sensitivity_for_a_lesion_detects_it(extractor):
    found = accepted(extractor, "DWI increases the sensitivity for cord infarction.", title=TITLE)
    assert ("DWI", "detects", "CordInfarction") in found
    compared = accepted(
        extractor, "SPECT improves the sensitivity of planar bone scintigraphy for vertebral metastases.", title=TITLE
    )
    assert ("SPECT", "moreSensitiveThan", "BoneScintigraphy") in compared
    assert ("SPECT", "detects", "OsseousMetastasis") not in compared


def test_a_value_after_a_reason_clause_is_not_the_measure(extractor):
    found = accepted(
        extractor,
        "The sensitivity of radiography is low, as 50% of trabecular bone must be lost before a lesion is visible.",
        title=TITLE,
    )
    assert not values(found, "hasSensitivity")
    listed = accepted(extractor, "The specificity did not differ (CT: 97%; MRI: 96%).", title=TITLE)
    assert {("CT", 97), ("MRI", 96)} <= values(listed, "hasSpecificity")


def test_an_advantage_of_a_technique_is_not_its_limitation(extractor):
    found = accepted(extractor, "An advantage of MRI is the absence of ionizing radiation.", title=TITLE)
    assert ("MRI", "hasAdvantage", "the absence of ionizing radiation") in found
    assert not any(p == "hasLimitation" for _s, p, _v in found)
    drawback = accepted(extractor, "One disadvantage of CT is the radiation dose to young patients.", title=TITLE)
    assert ("CT", "hasLimitation", "the radiation dose to young patients") in drawback


def test_the_most_sensitive_technique_for_a_lesion_detects_it(extractor):
    found = accepted(extractor, "MRI is the most sensitive technique for intramedullary tumours.", title=TITLE)
    assert ("MRI", "detects", "IntramedullarySpinalCordTumour") in found
    patients = accepted(extractor, "MRI is a useful tool in patients with back pain.", title=TITLE)
    assert not any(p in ("detects", "usedFor") for _s, p, _o in patients)


def test_a_technique_unreliable_or_falsely_negative_for_a_lesion_may_miss_it(extractor):
    unreliable = accepted(extractor, "CT is unreliable for the detection of leptomeningeal disease.", title=TITLE)
    assert ("LeptomeningealLesion", "mayBeObscuredOn", "CT") in unreliable
    assert not any(p == "detects" for _s, p, _o in unreliable)
    negative = accepted(extractor, "Bone scintigraphy may be falsely negative in purely lytic myeloma.", title=TITLE)
    assert ("MultipleMyeloma", "mayBeObscuredOn", "BoneScintigraphy") in negative


def test_lesions_a_study_evaluated_with_a_technique_say_nothing_of_its_use(extractor):
    found = accepted(extractor, "All osseous metastases were evaluated with CT and MRI.", title=METASTASES)
    assert not any(p == "usedFor" for _s, p, _o in found)
    general = accepted(extractor, "Osseous metastases are best evaluated with MRI.", title=METASTASES)
    assert ("MRI", "usedFor", "OsseousMetastasis") in general


def test_a_high_signal_a_sequence_gives_is_no_advantage(extractor):
    found = accepted(extractor, "T2-weighted images give a high signal for fluid and oedema.", title=TITLE)
    assert not any(p == "hasAdvantage" for _s, p, _v in found)


def test_a_normal_tissue_that_can_look_like_a_lesion_mimics_it(extractor):
    found = accepted(
        extractor, "In heavy smokers, red marrow may mimic marrow metastases on T1-weighted images.", title=TITLE
    )
    assert ("HematopoieticMarrow", "mimics", "Metastasis") in found
    lesion = accepted(extractor, "Metastases in the vertebral body may mimic a hemangioma.", title=TITLE)
    assert not any(p == "mimics" and s == "VertebralBody" for s, p, _o in lesion)


def test_a_comparison_may_name_its_target_between_the_cue_and_the_other_technique(extractor):
    found = accepted(
        extractor, "MRI is more sensitive for the detection of small epidural metastases than CT.", title=TITLE
    )
    assert ("MRI", "moreSensitiveThan", "CT") in found
    verb = accepted(extractor, "CT better demonstrates intratumoral calcification than MRI.", title=TITLE)
    assert ("CT", "superiorTo", "MRI") in verb


def test_a_technique_that_helps_plan_a_treatment_is_used_for_it(extractor):
    found = accepted(
        extractor,
        "Spinal angiography can help to plan preoperative embolization of hypervascular tumours.",
        title=TITLE,
    )
    assert ("SpinalAngiography", "usedFor", "PreoperativeEmbolization") in found
    unnamed = accepted(extractor, "Treatment planning requires a multidisciplinary team.", title=TITLE)
    assert not any(p == "usedFor" for _s, p, _o in unnamed)


def test_a_lesion_easily_overlooked_after_its_appearance_is_obscured_on_that_sequence(extractor):
    found = accepted(
        extractor,
        "On T2-weighted images, meningiomas may be isointense to the cord and easily overlooked.",
        title=TITLE,
    )
    assert ("Meningioma", "mayBeObscuredOn", "T2Weighted") in found
    growing = accepted(
        extractor, "On T2-weighted images, meningiomas are isointense and often grow slowly.", title=TITLE
    )
    assert not any(p == "mayBeObscuredOn" for _s, p, _o in growing)


def test_common_mr_artifacts_are_recognised_and_can_mimic_a_lesion(extractor, lexicon):
    text = "CSF pulsation artifact, Gibbs artifact, chemical shift artifact and motion artifact"
    names = {m.concept.name for m in lexicon.recognise(text)}
    assert {"CSFFlowArtifact", "TruncationArtifact", "ChemicalShiftArtifact", "MotionArtifact"} <= names
    found = accepted(extractor, "Truncation artifact can mimic a syrinx on sagittal T2-weighted images.", title=TITLE)
    assert ("TruncationArtifact", "mimics", "Syringomyelia") in found


def test_a_lesion_misinterpreted_as_another_mimics_it(extractor):
    found = accepted(extractor, "Schwannomas may be misinterpreted as meningiomas.", title=TITLE)
    assert ("Schwannoma", "mimics", "Meningioma") in found
    correct = accepted(extractor, "Schwannomas were correctly interpreted as nerve sheath tumours.", title=TITLE)
    assert not any(p == "mimics" for _s, p, _o in correct)


def test_a_technique_to_evaluate_a_lesion_detects_it(extractor):
    found = accepted(
        extractor, "MRI remains the best technique to evaluate the extent of epidural tumour.", title=TITLE
    )
    assert ("MRI", "detects", "EpiduralMetastasis") in found
    study = accepted(extractor, "We assessed osteolytic metastases with CT.", title=TITLE)
    assert not any(p in ("detects", "usedFor") for _s, p, _o in study)


def test_a_sensitive_method_for_detecting_a_lesion_is_one_statement(extractor):
    found = accepted(
        extractor, "Bone scintigraphy is the most sensitive method for detecting skeletal metastases.", title=TITLE
    )
    about = [(s, p, o) for s, p, o in found if s == "BoneScintigraphy" and o == "BoneMetastasis"]
    assert len(about) == 1


def test_the_share_of_lesions_a_technique_finds_or_misses_is_its_sensitivity_or_false_negative_rate(extractor):
    found = accepted(extractor, "MRI detects up to 95% of epidural metastases.", title=TITLE)
    assert ("MRI", "hasSensitivity", 95) in found
    missed = accepted(extractor, "In one series CT missed 30% of lytic metastases.", title=TITLE)
    assert ("CT", "hasFalseNegativeRate", 30) in missed
    patients = accepted(extractor, "Back pain was reported by 60% of patients before MRI.", title=TITLE)
    assert not values(patients, "hasSensitivity")


def test_a_finding_heading_a_measure_owns_it_rather_than_the_technique_discussed(extractor):
    text = "MRI of the spine was performed. Pedicle erosion has a specificity of 90% for metastatic disease."
    found = accepted(extractor, text, title=TITLE)
    assert values(found, "hasSpecificity") == {("PedicleErosion", 90)}


def test_a_detection_rate_is_a_sensitivity(extractor):
    found = accepted(extractor, "Whole-body MRI had a detection rate of 92% for bone metastases.", title=TITLE)
    assert ("WholeBodyMRI", "hasSensitivity", 92) in found
    growth = accepted(extractor, "Whole-body MRI use grew at a rate of 12% a year.", title=TITLE)
    assert not values(growth, "hasSensitivity")


def test_findings_nonspecific_in_a_because_clause_are_the_named_technique_limitation(extractor):
    text = "Preoperative diagnosis of epidural lymphoma is difficult because the MRI findings are nonspecific."
    found = accepted(extractor, text, title=TITLE)
    assert ("MRI", "hasLimitation", "the MRI findings are nonspecific") in found


def test_a_technique_rarely_helpful_for_a_lesion_does_not_detect_it(extractor):
    found = accepted(extractor, "Bone scintigraphy is rarely helpful in lymphoma.", title=TITLE)
    assert not any(p in ("detects", "usedFor") for _s, p, _o in found)
    helpful = accepted(extractor, "Bone scintigraphy is helpful in detecting skeletal metastases.", title=TITLE)
    assert ("BoneScintigraphy", "detects", "BoneMetastasis") in helpful
