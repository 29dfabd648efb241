"""Review-side rules of round 3: sentences invented for these tests, none taken from a paper.

Each test states one general construction of radiology prose ("the differential diagnosis includes ..."
under a paper on one disease, "patients typically present with ...", an artifact that mimics a finding,
a study that "may be normal" early, a chain of causes) and checks both that the extractor reads it and
that a near sentence of another meaning is not misread.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, facts


def all_facts(extractor, text: str, title: str) -> set[tuple]:
    """The facts of every statement extracted from a review text under ``title``, accepted or left for review."""
    return facts(extract_text(extractor, text, title=title).statements)


def test_the_differential_diagnosis_without_of_is_the_differential_of_the_papers_disease(extractor):
    facts = accepted(
        extractor,
        "Chordomas are rare.\n\nDifferential diagnosis\n\nThe differential diagnosis includes multiple myeloma and "
        "lymphoma.",
        title="Sacral chordoma",
    )
    assert ("Chordoma", "hasDifferential", "MultipleMyeloma") in facts
    assert ("Chordoma", "hasDifferential", "Lymphoma") in facts


def test_a_differential_without_the_definite_article_is_not_taken_for_the_topics(extractor):
    facts = accepted(
        extractor,
        "Chordomas are rare. A wide differential includes multiple myeloma and lymphoma.",
        title="Sacral chordoma",
    )
    assert ("Chordoma", "hasDifferential", "MultipleMyeloma") not in facts


def test_a_list_goes_on_past_items_the_recogniser_does_not_know(extractor):
    text = "Vertebral lesions are common. The differential diagnosis includes a chordoma, a fibrous dysplasia with cortical thinning and a lymphoma."
    facts = accepted(extractor, text, title="Sacral lesions")
    assert any(p == "hasDifferential" and o == "Lymphoma" for _s, p, o in facts)


def test_a_list_stops_at_a_clause_with_a_verb_however_long_the_gap(extractor):
    text = "Vertebral lesions are common. The differential diagnosis includes a chordoma, and the patient was then treated with a lymphoma protocol."
    facts = accepted(extractor, text, title="Sacral lesions")
    assert not any(p == "hasDifferential" and o == "Lymphoma" for _s, p, o in facts)


def test_a_general_item_whose_examples_are_unknown_is_the_item_itself(extractor):
    text = "A 40-year-old man had neck pain. Radiographs showed a lytic lesion of the C5 vertebral body. The differential diagnosis included a primary bone malignancy such as adamantinoma."
    facts = accepted(extractor, text, title="Case", kind="case report")
    assert ("case:lesion", "hasDifferential", "PrimaryBonyMalignancy") in facts


def test_a_general_item_whose_examples_are_known_gives_way_to_them(extractor):
    text = "Meningiomas are common. The differential diagnosis includes primary bone malignancies such as chordoma."
    facts = accepted(extractor, text, title="Spinal meningioma")
    assert ("SpinalMeningioma", "hasDifferential", "Chordoma") in facts
    assert ("SpinalMeningioma", "hasDifferential", "PrimaryBonyMalignancy") not in facts


def test_patients_who_present_with_a_symptom_in_a_text_on_one_disease_are_its_patients(extractor):
    facts = accepted(
        extractor,
        "Spinal cord infarction is uncommon. Patients typically present with sudden paraparesis and loss of sensation.",
        title="Spinal cord infarction",
    )
    assert ("CordInfarction", "presentsWith", "Paraparesis") in facts
    assert ("CordInfarction", "presentsWith", "SensoryLoss") in facts


def test_patients_who_present_after_treatment_are_not_read_as_the_topics_presentation(extractor):
    facts = accepted(
        extractor,
        "Spinal cord infarction is uncommon. After surgery, the nurses noted paraparesis.",
        title="Spinal cord infarction",
    )
    assert ("CordInfarction", "presentsWith", "Paraparesis") not in facts


def test_an_imaging_artifact_that_mimics_a_finding_is_a_pitfall(extractor):
    facts = accepted(
        extractor,
        "On gradient-echo images, susceptibility artifact near the pedicle screws can mimic restricted diffusion.",
        title="Spinal imaging",
    )
    assert ("SusceptibilityArtifact", "mimics", "RestrictedDiffusion") in facts


def test_a_lesion_that_mimics_a_finding_is_not_an_artifact_pitfall(extractor):
    facts = accepted(
        extractor, "A schwannoma can mimic restricted diffusion on some sequences.", title="Spinal imaging"
    )
    assert not any(s == "SusceptibilityArtifact" for s, _p, _o in facts)
    assert ("Schwannoma", "mimics", "RestrictedDiffusion") not in {f for f in facts if f[0] == "SusceptibilityArtifact"}


def test_a_study_that_may_be_normal_in_a_named_disease_is_a_normal_study_pitfall(extractor):
    facts = all_facts(extractor, "Radiographs may be normal in early spondylodiscitis.", "Spinal infection")
    assert ("Spondylodiscitis", "hasImagingFinding", "NormalImagingStudy") in facts


def test_a_normal_finding_that_does_not_follow_a_technique_is_not_a_normal_study(extractor):
    facts = all_facts(extractor, "In spondylodiscitis the white cell count may be normal.", "Spinal infection")
    assert not any(o == "NormalImagingStudy" for _s, _p, o in facts)


def test_in_a_chain_of_causes_each_cause_is_the_noun_before_its_verb(extractor):
    facts = accepted(
        extractor,
        "In a dural arteriovenous fistula, the shunt causes venous hypertension, and venous hypertension causes cord "
        "edema.",
        title="Spinal vascular lesions",
    )
    assert ("SpinalDuralArteriovenousFistula", "causes", "VenousHypertension") in facts
    assert ("VenousHypertension", "causes", "CordEdema") in facts
    assert ("SpinalDuralArteriovenousFistula", "causes", "CordEdema") not in facts


def test_a_lesion_before_its_verb_is_left_to_the_usual_subject_search(extractor):
    facts = accepted(extractor, "Metastases of breast cancer can cause cord compression.", title="Spinal metastases")
    assert not any(s == "BreastCancer" and p in ("causes", "canCause") for s, p, _o in facts)


def test_every_lesion_listed_after_false_negative_is_as_sure_as_the_first(extractor):
    text = "Bone scintigraphy is widely used. False-negative scans occur with multiple myeloma (in about a quarter of cases), leukemia and lymphoma."
    facts = accepted(extractor, text, title="Spinal metastases")
    assert ("MultipleMyeloma", "mayBeObscuredOn", "BoneScintigraphy") in facts
    assert ("Lymphoma", "mayBeObscuredOn", "BoneScintigraphy") in facts


def test_a_lesion_after_the_list_has_ended_is_not_a_false_negative(extractor):
    text = "Bone scintigraphy is widely used. False-negative scans occur with multiple myeloma; in contrast, lymphoma is usually seen."
    facts = all_facts(extractor, text, "Spinal metastases")
    assert ("Lymphoma", "mayBeObscuredOn", "BoneScintigraphy") not in facts


def test_other_lesions_of_the_topics_compartment_are_its_differential(extractor):
    text = "Epidural metastases compress the cord. Other lesions that may involve the epidural space include epidural hematoma and epidural abscess."
    facts = accepted(extractor, text, title="Spinal metastases")
    assert ("EpiduralMetastasis", "hasDifferential", "EpiduralHematoma") in facts
    assert ("EpiduralLesion", "hasDifferential", "EpiduralHematoma") in facts


def test_other_lesions_of_another_compartment_are_not_the_topics_differential(extractor):
    text = "Vertebral body metastases are common. Other lesions that may involve the epidural space include epidural hematoma and epidural abscess."
    facts = all_facts(extractor, text, "Spinal metastases")
    assert not any(p == "hasDifferential" and s.endswith("Metastasis") for s, p, _o in facts)


def test_vocabulary_of_vascular_cord_disease_is_recognised(lexicon):
    text = "a dural AV fistula, a bony infarct in the vertebra and loss of pain and temperature sensation"
    names = {m.concept.name for m in lexicon.recognise(text)}
    assert {"SpinalDuralArteriovenousFistula", "AvascularNecrosis", "SensoryLoss"} <= names
    assert "Pain" not in names


def test_the_topic_written_by_its_last_word_is_what_a_lesion_is_told_from(extractor):
    text = "Spinal cord infarction is uncommon. Flow voids distinguish a vascular malformation from infarction."
    facts = accepted(extractor, text, title="Spinal cord infarction")
    assert ("SpinalVascularMalformation", "distinguishedFrom", "CordInfarction") in facts


def test_a_word_after_from_that_is_not_the_topics_name_is_not_the_topic(extractor):
    text = "Spinal cord infarction is uncommon. Flow voids distinguish a vascular malformation from inflammation."
    facts = all_facts(extractor, text, "Spinal cord infarction")
    assert not any(p == "distinguishedFrom" for _s, p, _o in facts)


def test_a_complication_seen_in_a_share_of_patients_with_a_lesion_is_its_complication(extractor):
    text = "Pathologic fracture is seen in about 15% of patients with multiple myeloma."
    facts = accepted(extractor, text, title="Spinal lesions")
    assert ("MultipleMyeloma", "hasComplication", "PathologicFracture") in facts


def test_a_tumour_seen_in_a_share_of_patients_with_a_cancer_is_not_a_complication(extractor):
    text = "Spinal metastases are seen in 30% of patients with breast cancer."
    facts = all_facts(extractor, text, "Spinal lesions")
    assert not any(p == "hasComplication" for _s, p, _o in facts)
