"""Review-side rules written to generalise: sentences invented for these tests, none taken from a paper.

Each test states one general construction of radiology prose (a described lesion that "may be" one of
several diseases, a lesion "unlike" another, a finding that "can mask" a lesion on a sequence ...) and
checks both that the extractor reads it and that a near sentence of another meaning is not misread.
"""

from __future__ import annotations

from tests.extract.texts import accepted

TITLE = "Spinal lesions"


def test_described_lesion_that_may_be_several_diseases_has_each_as_differential(extractor):
    facts = accepted(
        extractor,
        "An enhancing lesion inside the cord could be a cord infarct or an intramedullary metastasis.",
        title=TITLE,
    )
    assert ("IntramedullaryEnhancingLesion", "hasDifferential", "CordInfarction") in facts
    assert ("IntramedullaryEnhancingLesion", "hasDifferential", "IntramedullaryMetastasis") in facts


def test_a_named_disease_that_may_be_multiple_is_not_a_differential(extractor):
    facts = accepted(
        extractor, "Myeloma may be solitary or multiple, and lymphoma may be primary or secondary.", title=TITLE
    )
    assert not any(p == "hasDifferential" for _s, p, _o in facts)


def test_may_be_with_a_single_item_needs_also(extractor):
    facts = accepted(
        extractor,
        "A paraspinal mass may be a schwannoma-like lesion, but a vertebral lesion may be multiple myeloma.",
        title=TITLE,
    )
    assert not any(p == "hasDifferential" for _s, p, _o in facts)


def test_unlike_sets_one_lesion_against_another_by_its_appearance(extractor):
    facts = accepted(
        extractor,
        "Unlike osteoblastic metastases, vertebral hemangiomas are hyperintense on T1-weighted images.",
        title=TITLE,
    )
    assert ("VertebralHemangioma", "distinguishedFrom", "OsteoblasticMetastasis") in facts


def test_unlike_without_an_appearance_or_site_is_not_a_differential(extractor):
    facts = accepted(
        extractor, "Unlike osteoblastic metastases, vertebral hemangiomas rarely need treatment.", title=TITLE
    )
    assert not any(p == "distinguishedFrom" for _s, p, _o in facts)


def test_the_lesion_mistaken_for_another_is_the_one_named_earlier_in_the_sentence(extractor):
    text = "Lymphoma of the spine\n\nLymphoma often involves the vertebral body. On radiographs a chordoma may look aggressive, and the lesion may then be mistaken for a metastasis."
    facts = accepted(extractor, text, title=TITLE)
    assert ("Chordoma", "mimics", "Metastasis") in facts
    assert ("Lymphoma", "mimics", "Metastasis") not in facts


def test_something_that_can_mask_a_lesion_on_a_sequence_makes_it_obscured_there(extractor):
    facts = accepted(extractor, "On STIR images the surrounding marrow edema can mask a small metastasis.", title=TITLE)
    assert ("Metastasis", "mayBeObscuredOn", "STIR") in facts


def test_a_technique_that_masks_nothing_by_itself_is_not_the_hider(extractor):
    facts = accepted(extractor, "CT may obscure the fine detail of the marrow in myeloma.", title=TITLE)
    assert not any(p == "mayBeObscuredOn" for _s, p, _o in facts)


def test_a_share_that_a_lesion_makes_up_is_its_proportion(extractor):
    facts = accepted(extractor, "Chordomas make up 2-4% of primary malignant bone tumours.", title=TITLE)
    assert ("Chordoma", "hasProportion", 2.0) in facts or ("Chordoma", "hasProportion", 2) in facts


def test_rarity_followed_by_most_often_is_still_read(extractor):
    facts = accepted(extractor, "Intramedullary metastases are rare and usually arise from breast cancer.", title=TITLE)
    assert ("IntramedullaryMetastasis", "hasPrevalence", "rare") in facts


def test_a_rare_cause_ranks_a_cause_not_the_lesion(extractor):
    facts = accepted(extractor, "Chordoma is a rare cause of sacral destruction in adults.", title=TITLE)
    assert ("Chordoma", "hasPrevalence", "rare") not in facts


def test_most_common_member_of_a_class_is_not_restated_as_a_definition(extractor):
    facts = accepted(extractor, "Ependymoma is the most common primary cord tumour in adults.", title=TITLE)
    assert ("Ependymoma", "subClassOf", "PrimaryCordTumour") not in facts


def test_plain_is_a_definition_still_read(extractor):
    facts = accepted(extractor, "Ependymoma is a primary cord tumour of the ependymal lining.", title=TITLE)
    assert ("Ependymoma", "subClassOf", "PrimaryCordTumour") in facts


def test_telling_apart_that_a_measure_is_given_for_is_left_to_the_measure(extractor):
    facts = accepted(
        extractor,
        "DWI had a specificity of 88% for differentiating osteoporotic from malignant fractures.",
        title=TITLE,
    )
    assert ("DWI", "hasSpecificity", 88) in facts or ("DiffusionWeightedImaging", "hasSpecificity", 88) in facts
    assert not any(p == "distinguishedFrom" for _s, p, _o in facts)


def test_lesions_that_involve_a_compartment_are_the_differential_of_its_lesion(extractor):
    facts = accepted(
        extractor,
        "Other lesions that can occupy the epidural space include epidural hematoma and epidural abscess.",
        title=TITLE,
    )
    assert ("EpiduralLesion", "hasDifferential", "EpiduralHematoma") in facts
    assert ("EpiduralLesion", "hasDifferential", "EpiduralAbscess") in facts


def test_lesions_of_a_compartment_without_a_list_give_no_differential(extractor):
    facts = accepted(extractor, "Lesions that involve the epidural space are often painful.", title=TITLE)
    assert not any(p == "hasDifferential" for _s, p, _o in facts)


def test_a_finding_several_lesions_can_give_has_them_as_differential(extractor):
    facts = accepted(extractor, "Marrow edema can be seen in trauma and metastasis.", title=TITLE)
    assert ("BoneMarrowEdema", "hasDifferential", "Trauma") in facts
    assert ("BoneMarrowEdema", "hasDifferential", "Metastasis") in facts


def test_a_finding_seen_in_one_lesion_is_not_a_differential(extractor):
    facts = accepted(extractor, "Marrow edema can be seen in metastasis.", title=TITLE)
    assert not any(p == "hasDifferential" for _s, p, _o in facts)


def test_a_technique_that_raises_conspicuity_detects_the_lesion(extractor):
    facts = accepted(extractor, "Fat suppression increases the conspicuity of enhancing metastases.", title=TITLE)
    assert ("FatSuppressionTechnique", "detects", "Metastasis") in facts


def test_a_technique_that_makes_compartment_lesions_evident_detects_that_compartment_lesion(extractor):
    facts = accepted(extractor, "Fat saturation makes lesions in the epidural space more evident.", title=TITLE)
    assert any(p == "detects" and o == "EpiduralLesion" for _s, p, o in facts)


def test_conspicuity_of_a_general_head_without_a_site_says_nothing(extractor):
    facts = accepted(extractor, "Fat suppression increases the conspicuity of abnormalities.", title=TITLE)
    assert not any(p == "detects" for _s, p, _o in facts)


def test_a_described_class_that_may_be_several_lesions_has_them_as_differential(extractor):
    facts = accepted(extractor, "A vertebral lesion in an older adult may be a metastasis or myeloma.", title=TITLE)
    assert ("OsseousLesion", "hasDifferential", "Metastasis") in facts
    assert ("OsseousLesion", "hasDifferential", "MultipleMyeloma") in facts


def test_two_lesions_joined_before_an_association_are_each_associated(extractor):
    facts = accepted(
        extractor, "Epidural abscess or phlegmon is commonly seen in association with spondylodiscitis.", title=TITLE
    )
    assert ("EpiduralAbscess", "associatedWith", "Spondylodiscitis") in facts
    assert ("Phlegmon", "associatedWith", "Spondylodiscitis") in facts


def test_a_technique_detecting_lesions_of_a_compartment_detects_that_compartment_lesion(extractor):
    facts = accepted(
        extractor,
        "Gadolinium-enhanced MRI can detect small lesions in the intradural extramedullary space.",
        title=TITLE,
    )
    assert ("GadoliniumEnhancedMRI", "detects", "IntraduralExtramedullaryLesion") in facts


def test_a_technique_detecting_lesions_of_a_site_without_a_compartment_class_detects_nothing_vague(extractor):
    facts = accepted(extractor, "MRI can detect lesions in the pedicle.", title=TITLE)
    assert not any(p == "detects" and o in ("Lesion", "PedicleLesion") for _s, p, o in facts)


def test_a_technique_that_may_miss_a_lesion_obscures_it(extractor):
    facts = accepted(extractor, "Bone scintigraphy may miss purely lytic myeloma lesions.", title=TITLE)
    assert ("MultipleMyeloma", "mayBeObscuredOn", "BoneScintigraphy") in facts


def test_a_technique_normal_early_in_a_disease_obscures_it(extractor):
    facts = accepted(extractor, "Radiographs may be normal in early spondylodiscitis.", title=TITLE)
    assert ("Spondylodiscitis", "mayBeObscuredOn", "Radiography") in facts


def test_a_technique_normal_in_patients_with_a_symptom_obscures_nothing(extractor):
    facts = accepted(extractor, "Radiographs may be normal in patients with back pain.", title=TITLE)
    assert not any(p == "mayBeObscuredOn" for _s, p, _o in facts)


def test_a_finding_more_common_in_one_lesion_than_another_tells_them_apart(extractor):
    facts = accepted(extractor, "Calcification is more common in meningioma than in schwannoma.", title=TITLE)
    assert ("Meningioma", "distinguishedFrom", "Schwannoma") in facts


def test_a_lesion_more_common_in_one_population_is_no_differential(extractor):
    facts = accepted(extractor, "Meningioma is more common in women than in men.", title=TITLE)
    assert not any(p == "distinguishedFrom" for _s, p, _o in facts)


def test_a_sign_that_favours_one_lesion_over_another_tells_them_apart(extractor):
    facts = accepted(extractor, "The dural tail sign favours meningioma over schwannoma.", title=TITLE)
    assert ("Meningioma", "distinguishedFrom", "Schwannoma") in facts


def test_a_form_of_a_class_is_its_subclass_when_the_ontology_agrees(extractor):
    assert ("OsteoblasticMetastasis", "subClassOf", "BoneMetastasis") in accepted(
        extractor, "Osteoblastic metastasis is a form of bone metastasis.", title=TITLE
    )
    facts = accepted(extractor, "Astrocytoma is a type of cord infarction.", title=TITLE)
    assert not any(p == "subClassOf" for _s, p, _o in facts)


def test_a_spread_through_a_venous_plexus_is_venous_spread(extractor):
    facts = accepted(extractor, "Metastases reach the spine mainly through the venous plexus of Batson.", title=TITLE)
    assert ("Metastasis", "spreadsVia", "VenousSpreadViaBatsonPlexus") in facts


def test_a_route_adverb_after_a_verb_of_spread_is_the_route(extractor):
    facts = accepted(extractor, "Most spinal metastases spread hematogenously.", title=TITLE)
    assert ("SpinalMetastasis", "spreadsVia", "HematogenousSpread") in facts


def test_a_structure_named_without_a_verb_of_spread_gives_no_route(extractor):
    facts = accepted(
        extractor, "Leptomeningeal carcinomatosis is diagnosed through the cerebrospinal fluid.", title=TITLE
    )
    assert not any(p == "spreadsVia" for _s, p, _o in facts)


def test_a_term_defined_as_words_has_them_as_its_definition(extractor):
    facts = accepted(
        extractor, "The term \"halo sign\" refers to a rim of high T2 signal around a lesion.", title=TITLE
    )
    assert ("HaloSign", "definedAs", "a rim of high T2 signal around a lesion") in facts


def test_a_term_that_refers_to_a_word_or_two_is_no_definition(extractor):
    facts = accepted(extractor, "Treatment refers to surgery.", title=TITLE)
    assert not any(p == "definedAs" for _s, p, _o in facts)


def test_a_technique_whose_role_is_unanswered_has_that_limitation(extractor):
    facts = accepted(extractor, "The role of whole-body MRI in staging still remains unanswered.", title=TITLE)
    assert any(s == "WholeBodyMRI" and p == "hasLimitation" for s, p, _o in facts)


def test_a_technique_whose_value_is_established_has_no_limitation(extractor):
    facts = accepted(extractor, "The value of whole-body MRI in staging is well established.", title=TITLE)
    assert not any(p == "hasLimitation" for _s, p, _o in facts)


def test_a_lesion_placed_in_a_compartment_that_may_be_several_lesions_is_that_compartment_lesion(extractor):
    facts = accepted(extractor, "A lesion within the cord may be an ependymoma or an astrocytoma.", title=TITLE)
    assert ("IntramedullaryLesion", "hasDifferential", "Ependymoma") in facts
    assert not any(s == "Lesion" for s, _p, _o in facts)
    several = accepted(extractor, "A lesion may be an ependymoma or an astrocytoma.", title=TITLE)
    assert not any(p == "hasDifferential" for _s, p, _o in several)


def test_clues_that_favour_a_diagnosis_suggest_it(extractor):
    facts = accepted(
        extractor, "Oligoclonal bands and waxing and waning symptoms would favour a demyelinating process.", title=TITLE
    )
    assert ("OligoclonalBands", "suggests", "DemyelinatingDisease") in facts
    assert ("WaxingAndWaningSymptoms", "suggests", "DemyelinatingDisease") in facts


def test_favouring_a_treatment_suggests_no_lesion(extractor):
    facts = accepted(extractor, "Surgeons favour resection of ependymoma.", title=TITLE)
    assert not any(p == "suggests" for _s, p, _o in facts)


def test_a_second_verb_with_a_figure_keeps_the_subject_of_the_first(extractor):
    facts = accepted(
        extractor,
        "Intramedullary metastases affect about 1% of patients with cancer and comprise 2-4% of all intramedullary "
        "tumours.",
        title=TITLE,
    )
    assert ("IntramedullaryMetastasis", "hasProportion", 2.0) in facts or ("IntramedullaryMetastasis", "hasProportion", 2) in facts
    assert not any(s == "MalignantNeoplasm" for s, _p, _o in facts)


def test_a_lesion_told_apart_from_a_list_is_told_apart_from_each(extractor):
    facts = accepted(extractor, "Schwannoma should be differentiated from meningioma and neurofibroma.", title=TITLE)
    assert ("Schwannoma", "distinguishedFrom", "Meningioma") in facts
    assert ("Schwannoma", "distinguishedFrom", "Neurofibroma") in facts


def test_difficult_to_tell_apart_is_not_stated_as_told_apart(extractor):
    facts = accepted(extractor, "Atypical hemangioma is difficult to distinguish from metastasis.", title=TITLE)
    assert ("AtypicalVertebralHemangioma", "distinguishedFrom", "Metastasis") not in facts


def test_a_lesion_occult_on_a_technique_is_obscured_there(extractor):
    facts = accepted(extractor, "Early metastases may be occult on radiographs.", title=TITLE)
    assert ("Metastasis", "mayBeObscuredOn", "Radiography") in facts


def test_a_lesion_not_visible_on_a_technique_is_obscured_there(extractor):
    facts = accepted(extractor, "Small epidural metastases are often not visible on CT.", title=TITLE)
    assert ("EpiduralMetastasis", "mayBeObscuredOn", "CT") in facts


def test_a_lesion_not_seen_in_a_place_is_not_obscured(extractor):
    facts = accepted(extractor, "Metastases are not seen in the disc on MRI.", title=TITLE)
    assert not any(p == "mayBeObscuredOn" for _s, p, _o in facts)


def test_a_technique_insensitive_to_a_lesion_may_miss_it(extractor):
    facts = accepted(extractor, "Bone scintigraphy is insensitive to purely lytic myeloma.", title=TITLE)
    assert ("MultipleMyeloma", "mayBeObscuredOn", "BoneScintigraphy") in facts


def test_a_symptom_called_the_presenting_one_of_a_lesion_is_its_presentation(extractor):
    facts = accepted(
        extractor, "Back pain is the presenting symptom in 90% of patients with spinal metastases.", title=TITLE
    )
    assert ("SpinalMetastasis", "presentsWith", "BackPain") in facts
    assert ("Schwannoma", "presentsWith", "Radiculopathy") in accepted(
        extractor, "Radiculopathy is the first sign of a schwannoma.", title=TITLE
    )


def test_a_symptom_common_in_a_population_is_no_lesion_presentation(extractor):
    facts = accepted(
        extractor, "Back pain is the most common complaint in the elderly, and metastases are rare.", title=TITLE
    )
    assert not any(p == "presentsWith" for _s, p, _o in facts)


def test_a_symptom_a_finding_leads_to_is_its_effect_not_a_presentation(extractor):
    facts = accepted(extractor, "Vertebral collapse may lead to neurological deficit.", title=TITLE)
    assert ("VertebralCollapse", "canCause", "NeurologicDeficit") in facts
    assert not any(p == "presentsWith" for _s, p, _o in facts)


def test_a_lesion_that_occurs_mostly_in_an_age_group_is_associated_with_it(extractor):
    facts = accepted(extractor, "Cavernous hemangiomas occur mostly during childhood.", title=TITLE)
    assert ("CavernousHemangioma", "associatedWith", "Childhood") in facts


def test_a_symptom_in_an_age_group_gives_no_lesion_association(extractor):
    facts = accepted(extractor, "Back pain in children is often due to spondylolysis.", title=TITLE)
    assert not any(p == "associatedWith" and o == "Childhood" for _s, p, o in facts)


def test_a_technique_that_outperforms_another_is_superior_and_the_other_is_no_subject(extractor):
    facts = accepted(
        extractor, "Whole-body MRI outperforms bone scintigraphy in detecting bone metastases.", title=TITLE
    )
    assert ("WholeBodyMRI", "superiorTo", "BoneScintigraphy") in facts
    assert ("BoneScintigraphy", "detects", "BoneMetastasis") not in facts


def test_a_definition_leaves_out_its_citation(extractor):
    facts = accepted(extractor, "Ependymoma is defined as a glial tumour of the ependymal lining [7].", title=TITLE)
    assert ("Ependymoma", "definedAs", "a glial tumour of the ependymal lining") in facts


def test_the_commonest_of_a_kind_is_ranked_like_the_most_common(extractor):
    facts = accepted(extractor, "Schwannoma is the commonest intradural extramedullary tumour.", title=TITLE)
    assert any(s == "Schwannoma" and p == "hasPrevalence" for s, p, _o in facts)
    site = accepted(extractor, "The thoracic spine is the commonest site of metastasis.", title=TITLE)
    assert not any(p == "hasPrevalence" for _s, p, _o in site)
