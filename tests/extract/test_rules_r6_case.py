"""Round 6 case-report constructions, tested on invented texts.

Each test reads one general construction and, beside it, a close wording that must not be read the
same way: a bone-only finding at a spinal level that places the case lesion in that bone, a level
named as a bound ("below S2"), a procedure told as done after an aside between commas or by a verb
of starting, the procedure a time phrase counts from ("three weeks after the biopsy"), a procedure
done in a clause after a negated one, and drugs given for a length of time.
"""

from __future__ import annotations

from tests.extract.texts import extract_text, facts, individual_types

TITLE = "Pain in an adult: a case report\n\nCASE REPORT\n\n"
OPENING = "A 66-year-old woman presented with low back pain. "


def case_extraction(extractor, body: str):
    """The extraction of a case report that opens with :data:`OPENING` and then says ``body``."""
    return extract_text(extractor, TITLE + OPENING + body + "\n", kind="case report")


def case_facts(extractor, body: str) -> set[tuple]:
    """The accepted (subject, predicate, object or value, negated) of such a case report."""
    return facts(case_extraction(extractor, body).accepted, negation=True)


def procedure_types(extractor, body: str) -> set[str]:
    """The classes of the case individuals of such a case report."""
    return set(individual_types(case_extraction(extractor, body)).values())


# --- a bone-only finding at a level places the case lesion in that bone ----------------------------------------------


def test_a_lytic_lesion_at_sacral_levels_lies_in_the_sacrum(extractor):
    found = case_facts(
        extractor,
        "CT showed a lytic lesion centred on S2 and S3. Biopsy confirmed the diagnosis of chordoma.",
    )
    assert ("case:lesion", "locatedIn", "Sacrum", False) in found
    assert ("case:lesion", "atLevel", "S2", False) in found


def test_a_sclerotic_lesion_at_a_lumbar_level_lies_in_a_vertebra(extractor):
    found = case_facts(
        extractor, "CT showed a sclerotic lesion at L3. Biopsy confirmed the diagnosis of osteosarcoma."
    )
    assert ("case:lesion", "locatedIn", "Vertebra", False) in found


def test_a_level_without_a_bone_finding_places_nothing_in_bone(extractor):
    found = case_facts(
        extractor,
        "MRI showed an enhancing mass at T6 that widened the cord. Histology confirmed the diagnosis of "
        "ependymoma.",
    )
    assert not any(p == "locatedIn" and o in {"Vertebra", "Sacrum"} for _s, p, o, _n in found)


def test_a_bone_finding_denied_places_nothing(extractor):
    found = case_facts(
        extractor,
        "MRI showed a mass at L1 in the spinal canal without bone destruction. Histology confirmed the diagnosis "
        "of schwannoma.",
    )
    assert ("case:lesion", "locatedIn", "Vertebra", False) not in found


def test_a_named_part_of_the_bone_is_left_to_the_location_rules(extractor):
    found = case_facts(
        extractor, "CT showed a lytic lesion of the L4 pedicle. Biopsy confirmed the diagnosis of osteoblastoma."
    )
    assert ("case:lesion", "locatedIn", "Vertebra", False) not in found


# --- a level named as a bound -----------------------------------------------------------------------------------------


def test_a_level_named_as_a_bound_is_neither_the_lesions_nor_the_operations(extractor):
    found = case_facts(
        extractor,
        "CT showed a lytic lesion centred on S4. Biopsy confirmed the diagnosis of chordoma. "
        "She then underwent resection of the sacrum below S3.",
    )
    assert not any(p == "atLevel" and o == "S3" for _s, p, o, _n in found)
    assert ("case:lesion", "atLevel", "S4", False) in found


# --- procedures told as done --------------------------------------------------------------------------------------


def test_a_biopsy_that_showed_something_after_an_aside_was_done(extractor):
    types = procedure_types(
        extractor,
        "MRI showed a mass at L2. A percutaneous biopsy, taken under local anaesthesia from a lateral approach, "
        "showed sheets of atypical cells.",
    )
    assert "Biopsy" in types


def test_a_biopsy_in_another_clause_than_the_aside_is_not_told_as_done(extractor):
    types = procedure_types(
        extractor,
        "MRI showed a mass at L2. A biopsy was discussed; the scan, read again by a second radiologist, showed a "
        "schwannoma.",
    )
    assert "Biopsy" not in types


def test_a_treatment_that_began_was_done(extractor):
    types = procedure_types(
        extractor,
        "MRI showed a mass at T9. It was resected. Adjuvant radiotherapy to the operative bed, 50 Gy in 25 "
        "fractions, began five weeks after the operation.",
    )
    assert "PostoperativeRadiotherapy" in types or "RadiationTherapy" in types


def test_pain_that_began_after_a_treatment_is_no_treatment(extractor):
    types = procedure_types(extractor, "MRI showed a mass at T9. Her pain began a week before admission.")
    assert "RadiationTherapy" not in types


def test_a_resection_done_after_a_negated_clause_was_done(extractor):
    found = case_facts(
        extractor,
        "MRI showed an intramedullary mass at T4. The tumour had no clear margin, so only a partial resection "
        "was carried out.",
    )
    assert any(p == "underwent" and "resection" in o for _s, p, o, _n in found)


def test_a_treatment_not_given_stays_denied(extractor):
    types = procedure_types(
        extractor,
        "MRI showed a mass at T4. It was resected completely. Adjuvant radiotherapy was not given.",
    )
    assert not any("Radiotherapy" in t or "RadiationTherapy" in t for t in types)


def test_drugs_given_for_months_are_chemotherapy(extractor):
    types = procedure_types(
        extractor,
        "MRI showed an astrocytoma at T4. Radiotherapy was given, followed by six months of temozolomide.",
    )
    assert "Chemotherapy" in types


# --- the procedure a time phrase counts from ----------------------------------------------------------------------


def test_a_treatment_timed_after_a_named_procedure_follows_that_procedure(extractor):
    found = case_facts(
        extractor,
        "MRI showed a mass at L2. A CT-guided biopsy was performed. A bone scan was then done. "
        "Two weeks after the biopsy she underwent resection of the tumour.",
    )
    assert ("case:surgical-resection", "precededBy", "case:biopsy", False) in found
    assert ("case:surgical-resection", "precededBy", "case:bone-scintigraphy", False) not in found


def test_a_treatment_without_a_named_anchor_follows_the_last_step(extractor):
    found = case_facts(
        extractor,
        "MRI showed a mass at L2. A CT-guided biopsy was performed. A bone scan was then done. "
        "Two weeks later she underwent resection of the tumour.",
    )
    assert ("case:surgical-resection", "precededBy", "case:bone-scintigraphy", False) in found
    assert ("case:surgical-resection", "precededBy", "case:biopsy", False) not in found


# --- diagnoses weighed ----------------------------------------------------------------------------------------------


def test_diagnoses_raised_are_differentials(extractor):
    found = case_facts(
        extractor,
        "CT showed a lytic lesion at L3. Lymphoma and metastasis were also raised. Biopsy confirmed the diagnosis "
        "of chordoma.",
    )
    assert ("case:lesion", "hasDifferential", "Lymphoma", False) in found
    assert ("case:lesion", "hasDifferential", "Metastasis", False) in found


def test_the_proved_diagnosis_favoured_beforehand_goes_to_review(extractor):
    extraction = case_extraction(
        extractor,
        "CT showed a lytic lesion at S3. Chordoma was favoured, although metastasis was also raised. Biopsy "
        "confirmed the diagnosis of chordoma.",
    )
    assert ("case:lesion", "hasDifferential", "Chordoma") not in facts(extraction.accepted)
    assert ("case:lesion", "hasDifferential", "Chordoma") in facts(extraction.review)
    assert ("case:lesion", "hasDifferential", "Metastasis") in facts(extraction.accepted)


def test_the_case_lesion_judged_otherwise_is_no_differential(extractor):
    extraction = case_extraction(
        extractor, "MRI showed a schwannoma at L1. The schwannoma was considered resectable. It was resected."
    )
    everything = facts(extraction.accepted) | facts(extraction.review)
    assert ("case:lesion", "hasDifferential", "Schwannoma") not in everything


# --- presentation and outcome told as clauses, and their words ------------------------------------------------------


def test_a_symptom_the_patient_had_not_had_is_denied(extractor):
    found = case_facts(extractor, "She had not had any fever. MRI showed a mass at L4.")
    assert ("case:patient", "presentsWith", "Fever", True) in found


def test_a_symptom_not_had_after_treatment_is_no_presentation(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at L4. It was resected. Two weeks after surgery she had not had any fever."
    )
    assert not any(p == "presentsWith" and o == "Fever" for _s, p, o, _n in found)


def test_constipation_and_straining_to_pass_urine_are_bowel_and_bladder_symptoms(extractor):
    found = case_facts(
        extractor, "She also reported constipation and straining to pass urine. MRI showed a mass at L1."
    )
    assert ("case:patient", "presentsWith", "BowelSymptoms", False) in found
    assert ("case:patient", "presentsWith", "BladderSymptoms", False) in found


def test_a_function_that_never_recovered_is_no_improvement(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at L1. It was resected. Her sphincter function never recovered."
    )
    assert ("case:patient", "hasOutcome", "NoImprovement", False) in found
    assert ("case:patient", "hasOutcome", "ImprovedNeurologically", False) not in found


def test_walking_that_improved_is_neurological_improvement(extractor):
    found = case_facts(extractor, "MRI showed a mass at L1. It was resected. Her walking improved within a month.")
    assert ("case:patient", "hasOutcome", "ImprovedNeurologically", False) in found
    assert ("case:patient", "hasOutcome", "NoImprovement", False) not in found


def test_a_patient_who_walks_without_aids_walks_independently(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at L1. It was resected. Her pain settled, and she walks without aids."
    )
    assert ("case:patient", "hasOutcome", "WalkingIndependently", False) in found


def test_chondrosarcoma_is_a_sarcoma_the_case_can_weigh(extractor, ontology):
    found = case_facts(
        extractor,
        "CT showed a lytic lesion at L2. Chondrosarcoma was also raised. Biopsy confirmed the diagnosis of chordoma.",
    )
    assert ("case:lesion", "hasDifferential", "Chondrosarcoma", False) in found


def test_sensation_diminished_over_an_area_is_sensory_loss(extractor):
    found = case_facts(
        extractor, "On examination, pinprick sensation was diminished over the left thigh. MRI showed a mass at L2."
    )
    assert ("case:patient", "hasExamFinding", "SensoryLoss", False) in found


def test_sensation_diminished_below_a_level_is_a_sensory_level_not_loss(extractor):
    found = case_facts(
        extractor, "On examination, pinprick sensation was diminished below T10. MRI showed a mass at T9."
    )
    assert ("case:patient", "hasExamFinding", "SensoryLevel", False) in found
    assert ("case:patient", "hasExamFinding", "SensoryLoss", False) not in found


def test_an_advancement_flap_is_reconstructive_surgery(extractor):
    types = procedure_types(
        extractor,
        "MRI showed a chordoma at S3. It was resected. The wound was later closed with a rotation flap, which "
        "was performed by the plastic surgeons.",
    )
    assert "ReconstructiveSurgery" in types


def test_bladder_control_normal_at_presentation_denies_bladder_symptoms(extractor):
    found = case_facts(extractor, "Her bowel function was normal. MRI showed a mass at L2.")
    assert ("case:patient", "presentsWith", "BowelSymptoms", True) in found


def test_bladder_function_normal_at_follow_up_is_no_presentation(extractor):
    found = case_facts(
        extractor, "MRI showed a mass at L2. It was resected. At follow-up her bladder function was normal."
    )
    assert ("case:patient", "presentsWith", "BladderSymptoms", True) not in found


def test_a_drug_that_followed_a_dated_treatment_follows_that_treatment(extractor):
    found = case_facts(
        extractor,
        "MRI showed an astrocytoma at T4. It was partially resected. Radiotherapy was given from four weeks after "
        "surgery, followed by six months of temozolomide.",
    )
    assert ("case:chemotherapy", "precededBy", "case:radiation-therapy", False) in found
    before_drug = {o for s, p, o, _n in found if s == "case:chemotherapy" and p == "precededBy"}
    assert before_drug == {"case:radiation-therapy"}


def test_procedures_named_together_share_the_procedure_their_time_phrase_counts_from(extractor):
    found = case_facts(
        extractor,
        "MRI showed a mass at T7. A CT-guided biopsy was performed. A bone scan was then done. She underwent "
        "decompression by T6-T8 laminectomy three days after the biopsy.",
    )
    operations = {"case:laminectomy", "case:surgical-decompression"}
    before = {o for s, p, o, _n in found if p == "precededBy" and s in operations}
    assert before == {"case:biopsy"}


def test_a_treatment_not_given_is_denied_to_the_patient(extractor):
    found = case_facts(extractor, "MRI showed a mass at T4. It was resected. Adjuvant chemotherapy was not given.")
    assert ("case:patient", "treatedWith", "Chemotherapy", True) in found


def test_a_treatment_given_is_not_denied(extractor):
    found = case_facts(extractor, "MRI showed a mass at T4. It was resected. Adjuvant chemotherapy was given.")
    assert ("case:patient", "treatedWith", "Chemotherapy", True) not in found


def test_weakness_graded_on_the_mrc_scale_is_an_examination_finding(extractor):
    found = case_facts(extractor, "Her right leg was weak (grade 3/5). MRI showed a mass at T10.")
    assert ("case:patient", "hasExamFinding", "ExtremityWeakness", False) in found


def test_weakness_told_by_the_patient_is_a_presentation(extractor):
    found = case_facts(extractor, "Over two months her right leg had become weak. MRI showed a mass at T10.")
    assert ("case:patient", "presentsWith", "ExtremityWeakness", False) in found
    assert ("case:patient", "hasExamFinding", "ExtremityWeakness", False) not in found


# --- a review's treatment kept for a lesion, after an introductory phrase -------------------------------------------

REVIEW_TITLE = "Lymphoma of the spine\n\nLymphoma of the spine often involves the vertebral bodies. "


def test_a_treatment_kept_for_lesions_after_an_introductory_phrase_treats_the_topic(extractor):
    found = facts(
        extract_text(
            extractor, REVIEW_TITLE + "Besides systemic chemotherapy, radiotherapy is kept for bulky lesions.\n"
        ).accepted
    )
    assert ("Lymphoma", "treatedWith", "RadiationTherapy") in found


def test_an_introductory_phrase_without_a_treatment_after_its_comma_treats_nothing(extractor):
    found = facts(
        extract_text(
            extractor, REVIEW_TITLE + "In elderly patients given radiotherapy, MRI is kept for new pain.\n"
        ).accepted
    )
    assert not any(p == "treatedWith" for _s, p, _o in found)
