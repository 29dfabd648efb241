"""Case-report phrasings every spine case report uses, on sentences written for these tests.

Each test gives a short invented case report and checks the statements the extractor accepts: one
phrasing the rule must read, and a close phrasing it must not read the same way.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text

TITLE = "Schwannoma of the lumbar spine: a case report\n\nCASE PRESENTATION\n\n"
BONE_TITLE = "Lymphoma of a lumbar vertebra: a case report\n\nCASE PRESENTATION\n\n"
OPENING = "A 52-year-old woman presented with low back pain. "


def case(extractor, body: str, title: str = TITLE) -> set[tuple]:
    """The accepted facts, with negation, of a case report that opens with a presentation and then says ``body``."""
    return accepted(extractor, title + OPENING + body + "\n", kind="case report", negation=True)


def test_a_limb_that_became_weak_is_extremity_weakness(extractor):
    facts = case(extractor, "Over two weeks her left arm had become weak.")
    assert ("case:patient", "presentsWith", "ExtremityWeakness", False) in facts


def test_a_limb_that_was_not_weak_is_not_weakness(extractor):
    facts = case(extractor, "Her legs were not weak.")
    assert not any(o == "ExtremityWeakness" and not n for _s, _p, o, n in facts)


def test_an_upgoing_plantar_with_its_side_is_an_extensor_plantar_response(extractor):
    facts = case(extractor, "Examination showed an upgoing left plantar response.")
    assert ("case:patient", "hasExamFinding", "ExtensorPlantarResponse", False) in facts


def test_sense_and_power_told_as_a_clause_are_exam_findings(extractor):
    facts = case(extractor, "On examination vibration sense was absent at the knees, while power was preserved in all limbs.")
    assert ("case:patient", "hasExamFinding", "AbsentVibrationSense", False) in facts
    assert ("case:patient", "hasExamFinding", "PreservedStrength", False) in facts


def test_power_that_was_not_preserved_is_not_preserved_strength(extractor):
    facts = case(extractor, "On examination power was not preserved in the legs.")
    assert not any(o == "PreservedStrength" for _s, _p, o, _n in facts)


def test_a_symptom_the_patient_described_is_a_presentation(extractor):
    facts = case(extractor, "She also described a band-like sensation around the chest.")
    assert ("case:patient", "presentsWith", "BandLikeThoracicSensation", False) in facts


def test_a_deficit_that_resolved_is_neurological_improvement(extractor):
    facts = case(extractor, "After the operation her numbness resolved within days.")
    assert ("case:patient", "hasOutcome", "ImprovedNeurologically", False) in facts


def test_a_deficit_that_did_not_resolve_is_no_improvement_of_ours(extractor):
    facts = case(extractor, "After the operation her numbness never resolved.")
    assert ("case:patient", "hasOutcome", "ImprovedNeurologically", False) not in facts


def test_free_of_disease_denies_recurrence(extractor):
    facts = case(extractor, "She underwent resection of the tumour. She remained free of disease at three years.")
    assert ("case:patient", "hasOutcome", "Recurrence", True) in facts


def test_no_recurrence_on_follow_up_is_accepted_negated(extractor):
    facts = case(extractor, "She underwent resection of the tumour. At two years there was no recurrence.")
    assert ("case:patient", "hasOutcome", "Recurrence", True) in facts
    assert ("case:patient", "hasOutcome", "Recurrence", False) not in facts


def test_a_compressed_cord_is_cord_compression_by_the_case_lesion(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at L1. The conus was displaced and the cord was compressed.")
    assert ("case:lesion", "causes", "SpinalCordCompression", False) in facts


def test_a_cord_that_was_not_compressed_denies_compression(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at L1. The cord was not compressed.")
    assert ("case:lesion", "causes", "SpinalCordCompression", True) in facts
    assert ("case:lesion", "causes", "SpinalCordCompression", False) not in facts


def test_diagnoses_that_were_considered_are_the_case_differentials(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at L1. Meningioma and ependymoma were considered.")
    assert ("case:lesion", "hasDifferential", "Meningioma", False) in facts
    assert ("case:lesion", "hasDifferential", "Ependymoma", False) in facts


def test_a_diagnosis_not_considered_is_no_differential(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at L1. Meningioma was not considered.")
    assert not any(p == "hasDifferential" and o == "Meningioma" for _s, p, o, _n in facts)


def test_a_finding_that_argues_against_a_diagnosis_tells_it_apart(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at L1. The absent dural tail argued against meningioma.")
    assert ("case:lesion", "distinguishedFrom", "Meningioma", False) in facts


def test_structures_said_intact_deny_their_destruction(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body, but the cortex was intact and the vertebra had not collapsed.",
                 BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "CorticalDestruction", True) in facts
    assert ("case:lesion", "hasImagingFinding", "VertebralCollapse", True) in facts
    assert ("case:lesion", "locatedIn", "VertebralBody", False) in facts


def test_a_destroyed_cortex_is_not_read_as_intact(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body, and the cortex was destroyed.", BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "CorticalDestruction", True) not in facts


def test_marrow_replacement_uptake_and_no_other_lesion(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body. On MRI the L2 marrow was diffusely replaced. "
                 "FDG PET/CT showed intense uptake at L2 and no other lesion.", BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "DiffuseMarrowInfiltration", False) in facts
    assert ("case:lesion", "hasImagingFinding", "IncreasedGlucoseMetabolism", False) in facts
    assert ("case:lesion", "hasImagingFinding", "SolitaryLesion", False) in facts


def test_uptake_without_a_pet_scan_is_not_glucose_metabolism(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body. A bone scan showed intense uptake at L2.", BONE_TITLE)
    assert not any(o == "IncreasedGlucoseMetabolism" for _s, _p, o, _n in facts)


def test_displacing_the_cord_is_mass_effect_and_a_cord_without_edema_denies_it(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at T9 displacing the spinal cord. The cord contained no edema.")
    assert ("case:lesion", "hasImagingFinding", "MassEffect", False) in facts
    assert ("case:lesion", "hasImagingFinding", "CordEdema", True) in facts


def test_a_part_that_does_not_enhance_leaves_the_lesion_enhancing(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at T9. After contrast it enhanced avidly, with central areas that did not enhance.")
    assert not any(p == "hasEnhancement" and n for _s, p, _o, n in facts)
    assert any(p == "hasEnhancement" and not n for _s, p, _o, n in facts)


def test_a_fronted_comparison_gives_the_reference_tissue(extractor):
    text = (TITLE + OPENING + "MRI showed an intradural extramedullary mass at T9. "
            "Compared with the spinal cord, the mass was hypointense on T1-weighted images.\n")
    signals = [s for s in extract_text(extractor, text, kind="case report").accepted if s["predicate"] == "hasSignal"]
    assert signals and all(s.get("qualifiers", {}).get("referenceTissue") == "SpinalCord" for s in signals)


def test_a_lesion_arising_from_a_rootlet_arises_from_the_nerve_root(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at L3. At surgery the tumour arose from a ventral nerve rootlet and was removed.")
    assert ("case:lesion", "arisesFrom", "NerveRoot", False) in facts


def test_a_pronoun_forming_a_sign_in_the_case_is_the_case_lesion(extractor):
    facts = case(extractor, "MRI showed a mass in the ventral epidural space at T6, where it formed a draped curtain sign.")
    assert ("case:lesion", "showsSign", "DrapedCurtainSign", False) in facts


def test_a_bracketed_lesion_owns_the_look_before_it(extractor):
    text = ("Infection\n\nRim enhancement around a necrotic core (abscess) or diffuse enhancement (phlegmon) may be seen "
            "after contrast on MRI.\n")
    facts = accepted(extractor, text, negation=True)
    assert ("Phlegmon", "hasEnhancement", "DiffuseEnhancement", False) in facts
    assert ("Abscess", "hasEnhancement", "DiffuseEnhancement", False) not in facts


def test_schwannoma_is_a_benign_nerve_sheath_tumour(lexicon):
    schwannoma = next(c for c in lexicon.concepts.values() if c.name == "Schwannoma")
    assert {"NerveSheathTumour", "BenignNeoplasm"} <= schwannoma.ancestors


def test_a_region_word_on_the_cord_gives_a_lesion_class_its_region(extractor):
    facts = accepted(extractor, "Cord tumours\n\nSchwannomas are rarely found in the thoracic cord.\n", negation=True)
    assert ("Schwannoma", "inRegion", "ThoracicRegion", False) in facts


def test_a_region_word_on_an_image_gives_no_region(extractor):
    facts = accepted(
        extractor,
        "Cord tumours\n\nSchwannomas are rarely found in the spinal cord on thoracic MR images.\n",
        negation=True,
    )
    assert not any(p == "inRegion" for _s, p, _o, _n in facts)


def test_a_complete_response_at_the_end_of_treatment_is_the_patient_outcome(extractor):
    facts = case(extractor, "She underwent radiotherapy. PET/CT at the end of treatment showed a complete metabolic response.")
    assert ("case:patient", "hasOutcome", "TreatmentSuccess", False) in facts


def test_a_lesion_arising_from_a_bone_lies_in_it(extractor):
    facts = accepted(
        extractor, "Bone tumours\n\nChordomas commonly arise from the clivus or the sacrum.\n", negation=True
    )
    assert ("Chordoma", "locatedIn", "Sacrum", False) in facts
    assert ("Chordoma", "arisesFrom", "Sacrum", False) not in facts


def test_pain_worse_lying_down_is_supine_exacerbated_pain(extractor):
    facts = case(extractor, "She described thoracic pain that was worse when lying down.")
    assert ("case:patient", "presentsWith", "SupineExacerbatedPain", False) in facts


def test_pain_worse_on_standing_is_not_supine_exacerbated_pain(extractor):
    facts = case(extractor, "She described thoracic pain that was worse on standing.")
    assert not any(o == "SupineExacerbatedPain" for _s, _p, o, _n in facts)


def test_destruction_of_a_named_bone_is_bone_destruction(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body. There was destruction of the L2 pedicle.", BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "BoneDestruction", False) in facts


def test_no_destruction_of_a_bone_denies_it(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body, with no destruction of the pedicles.", BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "BoneDestruction", False) not in facts


def test_the_case_lesion_itself_considered_is_not_its_own_differential(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at L1. The schwannoma was considered resectable.")
    assert not any(p == "hasDifferential" for _s, p, _o, _n in facts)


def test_common_names_of_deficits_are_recognised(extractor):
    facts = case(extractor, "She reported leg weakness, urinary retention and decreased sensation below the umbilicus.")
    assert {("case:patient", "presentsWith", "ExtremityWeakness", False), ("case:patient", "presentsWith", "BladderSymptoms", False),
            ("case:patient", "presentsWith", "SensoryLoss", False)} <= facts


def test_a_finding_named_by_its_verb_is_said_of_the_lesion_before_it(extractor):
    facts = accepted(extractor, "Cord tumours\n\nOn MRI, ependymomas usually expand the cord.\n", negation=True)
    assert ("Ependymoma", "hasImagingFinding", "CordEnlargement", False) in facts


def test_a_verb_finding_of_another_clause_is_not_the_lesion_finding(extractor):
    text = "Cord tumours\n\nOn MRI, ependymomas are hyperintense on T2-weighted images, whereas a syrinx may expand the cord.\n"
    facts = accepted(extractor, text, negation=True)
    assert ("Ependymoma", "hasImagingFinding", "CordEnlargement", False) not in facts


def test_a_level_bounding_a_sensory_deficit_is_not_the_lesion_level(extractor):
    facts = case(extractor, "Examination showed decreased sensation below T10. MRI showed an intradural extramedullary mass at T6.")
    assert ("case:lesion", "atLevel", "T6", False) in facts
    assert ("case:lesion", "atLevel", "T10", False) not in facts


def test_a_bone_said_not_destroyed_denies_bone_destruction(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body. The pedicles were not eroded.", BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "BoneDestruction", True) in facts
    assert ("case:lesion", "hasImagingFinding", "BoneDestruction", False) not in facts


def test_a_signal_change_in_the_cord_is_not_the_lesion_signal(extractor):
    facts = case(extractor, "MRI showed an intradural extramedullary mass at C4 that was isointense on T2-weighted images. "
                 "The cord was displaced, with T2 hyperintensity in the cord at C4.")
    assert ("case:lesion", "hasSignal", "Isointense", False) in facts
    assert ("case:lesion", "hasSignal", "Hyperintense", False) not in facts
    assert ("case:lesion", "locatedIn", "SpinalCord", False) not in facts


def test_a_sensory_level_at_a_level_is_not_the_lesion_level(extractor):
    facts = case(extractor, "Examination showed a sensory level at T10. MRI showed an intradural extramedullary mass at T6.")
    assert ("case:lesion", "atLevel", "T10", False) not in facts


def test_a_cortex_said_destroyed_is_bone_destruction(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body, and the posterior cortex was partly destroyed.", BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "BoneDestruction", False) in facts


def test_a_fracture_the_case_imaging_shows_is_a_finding_of_the_case_lesion(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body. Radiography showed a vertebral compression fracture of L2.",
                 BONE_TITLE)
    assert ("case:lesion", "hasImagingFinding", "VertebralCompressionFracture", False) in facts


def test_a_fracture_without_imaging_is_not_read_as_a_finding(extractor):
    facts = case(extractor, "CT showed a permeative pattern in the L2 vertebral body. She had had a vertebral compression fracture of L4 years before.",
                 BONE_TITLE)
    assert not any(o == "VertebralCompressionFracture" for _s, _p, o, _n in facts)


def test_spasticity_that_improved_is_neurological_improvement(extractor):
    facts = case(extractor, "After surgery her spasticity improved.")
    assert ("case:patient", "hasOutcome", "ImprovedNeurologically", False) in facts
