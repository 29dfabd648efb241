"""Differential, mechanism, clinical feature, pitfall and definition rules on sentences written for these tests.

None of the sentences is taken from the corpus papers. Each test states one general construction of
radiology prose and checks what the extractor accepts from it, and each construction has a sentence
beside it that looks alike but must not be read the same way.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, text_document


def texts(extractor, text: str, predicate: str) -> dict[str, str]:
    """Subject to text object of the accepted statements with a text-valued predicate."""
    statements = extract_text(extractor, text).accepted
    return {s["subject"]: s["text"] for s in statements if s["predicate"] == predicate and "text" in s}


# definition


def test_examples_after_such_as_are_subclasses_when_the_ontology_agrees(extractor):
    found = accepted(
        extractor, "Cord tumours\n\nPrimary cord tumours such as ependymoma and astrocytoma are rare in adults.\n"
    )
    assert {("Ependymoma", "subClassOf", "PrimaryCordTumour"), ("Astrocytoma", "subClassOf", "PrimaryCordTumour")} <= found


def test_examples_the_ontology_puts_elsewhere_are_not_subclasses(extractor):
    found = accepted(extractor, "Epidural lesions\n\nEpidural lesions such as ependymoma are rare.\n")
    assert not any(p == "subClassOf" for _s, p, _o in found)


def test_a_class_that_includes_its_kinds(extractor):
    found = accepted(extractor, "Vascular tumours\n\nVascular tumours include hemangioma and hemangiopericytoma.\n")
    assert {("Hemangioma", "subClassOf", "VascularTumour"), ("Hemangiopericytoma", "subClassOf", "VascularTumour")} <= found


def test_what_a_differential_includes_is_not_a_kind_of_the_lesion(extractor):
    text = "Tumours\n\nThe differential of an epidural metastasis includes vascular tumours such as hemangioma.\n"
    found = accepted(extractor, text)
    assert not any(s == "VascularTumour" or o == "EpiduralMetastasis" for s, p, o in found if p == "subClassOf")


def test_the_kinds_a_class_is_divided_into(extractor):
    text = "Hemangiopericytoma\n\nSpinal hemangiopericytoma can be divided into intradural hemangiopericytoma and metastatic hemangiopericytoma.\n"
    found = accepted(extractor, text)
    assert ("IntraduralHemangiopericytoma", "subClassOf", "SpinalHemangiopericytoma") in found
    assert ("MetastaticHemangiopericytoma", "subClassOf", "SpinalHemangiopericytoma") in found


def test_an_upper_level_class_divided_into_kinds_states_nothing(extractor):
    found = accepted(
        extractor, "Lesions\n\nSpinal lesions can be divided into epidural lesions and intramedullary lesions.\n"
    )
    assert not any(p == "subClassOf" for _s, p, _o in found)


def test_benign_before_the_predicate_noun_puts_the_lesion_in_the_benign_branch(extractor):
    found = accepted(extractor, "Hemangioma\n\nVertebral hemangioma is a benign vascular tumour.\n")
    assert {("VertebralHemangioma", "subClassOf", "BenignNeoplasm"), ("VertebralHemangioma", "subClassOf", "VascularTumour")} <= found


def test_a_bare_head_noun_after_is_a_names_no_class(extractor):
    found = accepted(extractor, "Hemangiopericytoma\n\nHemangiopericytoma is an aggressive tumour.\n")
    assert not any(p == "subClassOf" for _s, p, _o in found)


def test_a_sign_named_in_parentheses_is_defined_by_the_words_before_it(extractor):
    defined = texts(extractor, "Signs\n\nMetastases may show a thin ring of high T2 signal around the lesion (a halo sign).\n", "definedAs")
    assert defined.get("HaloSign") == "a thin ring of high T2 signal around the lesion"


def test_an_abbreviation_in_parentheses_is_not_a_definition(extractor):
    found = accepted(extractor, "Sequences\n\nShort tau inversion recovery (STIR) images suppress the signal of fat.\n")
    assert not any(p == "definedAs" for _s, p, _o in found)


# pitfall


def test_a_disadvantage_of_a_technique_is_its_limitation(extractor):
    limits = texts(extractor, "Computed tomography\n\nOne disadvantage of CT is the radiation dose delivered to young patients.\n", "hasLimitation")
    assert limits.get("CT") == "the radiation dose delivered to young patients"


def test_unfortunately_after_it_is_introduces_a_limitation_of_the_technique_named_before(extractor):
    text = "Diffusion\n\nDiffusion-weighted imaging is widely available, but it is unfortunately sensitive to motion and susceptibility effects.\n"
    assert texts(extractor, text, "hasLimitation").get("DWI") == "sensitive to motion and susceptibility effects"


def test_an_artifact_named_as_the_disadvantage_is_caused_by_the_technique(extractor):
    found = accepted(
        extractor, "Artifacts\n\nA disadvantage of CT is the beam hardening artifact near metal hardware.\n"
    )
    assert ("CT", "canCause", "BeamHardeningArtifact") in found
    assert not any(p == "hasLimitation" for _s, p, _o in found)


def test_a_detection_threshold_is_a_limitation(extractor):
    limits = texts(extractor, "Radiography\n\nRadiographs require at least 30% loss of bone mineral for detection of a lytic lesion.\n", "hasLimitation")
    assert "30% loss of bone mineral" in limits.get("Radiography", "")


def test_limitation_cues_without_a_technique_state_nothing(extractor):
    text = "Surgery\n\nUnfortunately, the patient declined surgery for the lesion. The role of surgery remains controversial in these patients.\n"
    assert not any(p == "hasLimitation" for _s, p, _o in accepted(extractor, text))


# mechanism


def test_a_relative_clause_cause_belongs_to_the_lesion_before_that(extractor):
    text = "Compression\n\nIntradural lesions and extradural lesions that may result in compression of the spinal cord or cauda equina need urgent imaging.\n"
    found = accepted(extractor, text)
    assert {("ExtraduralLesion", "canCause", "SpinalCordCompression"), ("ExtraduralLesion", "canCause", "CaudaEquinaCompression")} <= found
    assert not any(s.startswith("Intradural") for s, p, _o in found if p in ("causes", "canCause"))


def test_a_figure_caption_describes_its_lesion_not_a_mechanism(extractor):
    found = accepted(
        extractor, "Figure 2: Sagittal T2-weighted image shows an epidural mass causing thecal sac compression.\n"
    )
    assert not any(p in ("causes", "canCause") for _s, p, _o in found)


def test_a_cause_has_one_effect_when_the_next_is_not_coordinated(extractor):
    found = accepted(extractor, "Myeloma\n\nMyeloma cells produce osteoclast stimulation for bone resorption.\n")
    assert ("MultipleMyeloma", "causes", "OsteoclastActivation") in found
    assert ("MultipleMyeloma", "causes", "BoneResorption") not in found


def test_a_cause_named_as_such(extractor):
    assert ("Trauma", "canCause", "EpiduralHematoma") in accepted(
        extractor, "Hematoma\n\nTrauma is a common cause of epidural hematoma.\n"
    )


def test_a_route_named_as_a_cause_is_how_the_disorder_spreads(extractor):
    found = accepted(
        extractor,
        "Abscess\n\nDirect inoculation from spinal surgery or trauma is a recognized cause of epidural abscess.\n",
    )
    assert ("EpiduralAbscess", "spreadsVia", "DirectInoculation") in found
    assert ("Trauma", "canCause", "EpiduralAbscess") in found


def test_a_cause_of_something_that_is_no_disorder_states_nothing(extractor):
    found = accepted(extractor, "Hematoma\n\nEpidural hematoma is a cause of concern in anticoagulated patients.\n")
    assert not any(p in ("causes", "canCause") for _s, p, _o in found)


# clinical feature


def test_two_disorders_seen_in_association(extractor):
    found = accepted(
        extractor, "Abscess\n\nSpinal epidural abscess is frequently seen in association with spondylodiscitis.\n"
    )
    assert ("EpiduralAbscess", "associatedWith", "Spondylodiscitis") in found


def test_association_with_an_outcome_is_not_between_disorders(extractor):
    found = accepted(
        extractor,
        "Metastasis\n\nAn epidural metastasis with marked thecal sac compression is associated with a poor outcome.\n",
    )
    assert not any(p == "associatedWith" for _s, p, _o in found)


def test_a_complication_named_as_such(extractor):
    found = accepted(
        extractor, "Hemangioma\n\nSpinal cord compression is a rare complication of vertebral hemangioma.\n"
    )
    assert ("VertebralHemangioma", "hasComplication", "SpinalCordCompression") in found


def test_complications_of_a_treatment_are_not_a_lesion_complication(extractor):
    found = accepted(extractor, "Surgery\n\nComplications of surgery were rare in this series.\n")
    assert not any(p == "hasComplication" for _s, p, _o in found)


def test_a_tendency_to_recur_and_metastasize(extractor):
    found = accepted(
        extractor,
        "Hemangiopericytoma\n\nHemangiopericytoma has a strong tendency to both locally recur and metastasize.\n",
    )
    assert {("Hemangiopericytoma", "hasComplication", "Recurrence"), ("Hemangiopericytoma", "hasComplication", "Metastasis")} <= found


def test_a_tendency_to_something_else_is_no_complication(extractor):
    found = accepted(extractor, "Hemangioma\n\nHemangiomas have a tendency to bleed during biopsy.\n")
    assert not any(p == "hasComplication" for _s, p, _o in found)


def test_a_poor_prognosis_for_patients_with_a_lesion(extractor):
    found = accepted(
        extractor, "Carcinomatosis\n\nThe prognosis of patients with leptomeningeal carcinomatosis is poor.\n"
    )
    assert ("LeptomeningealCarcinomatosis", "hasOutcome", "PoorPrognosis") in found


def test_a_good_prognosis_is_not_a_poor_one(extractor):
    found = accepted(extractor, "Hemangioma\n\nThe prognosis of patients with vertebral hemangioma is excellent.\n")
    assert not any(o == "PoorPrognosis" for _s, _p, o in found)


def test_an_outcome_in_a_clause_of_its_own_is_not_the_lesion_outcome(extractor):
    text = "Sclerotic metastases\n\nIt is hard to judge the response of sclerotic metastases as tumour progression may look like healing.\n"
    assert not any(p == "hasOutcome" for _s, p, _o in accepted(extractor, text))


# differential


def test_the_lack_of_a_finding_that_helps_distinguish_does_not_negate_the_distinction(extractor):
    text = ("Hemangiopericytoma\n\nThe absence of calcification can help distinguish hemangiopericytoma "
            "from meningioma.\n")
    found = extract_text(extractor, text).accepted
    assert any(s["subject"] == "Hemangiopericytoma" and s["predicate"] == "distinguishedFrom" and not s.get("negated") for s in found)


def test_cannot_distinguish_is_a_negated_distinction(extractor):
    found = extract_text(
        extractor, "Hemangiopericytoma\n\nCT cannot distinguish hemangiopericytoma from meningioma.\n"
    ).accepted
    assert not any(s["predicate"] == "distinguishedFrom" and not s.get("negated") for s in found)


def test_a_list_item_that_introduces_examples_or_a_primary_is_not_itself_listed(extractor):
    text = "Tumours\n\nThe differential diagnosis of hemangiopericytoma includes metastases of renal cell carcinoma and chordoma.\n"
    found = accepted(extractor, text)
    assert {("Hemangiopericytoma", "hasDifferential", "RenalCellCarcinoma"), ("Hemangiopericytoma", "hasDifferential", "Chordoma")} <= found
    assert ("Hemangiopericytoma", "hasDifferential", "Metastasis") not in found


def test_a_list_goes_on_after_such_as_and_i_e(extractor):
    text = "Intramedullary lesions\n\nThe differential diagnosis of an intramedullary enhancing lesion includes hypervascular lesions such as hemangioblastoma, i.e. ependymoma.\n"
    found = accepted(extractor, text)
    assert {("IntramedullaryEnhancingLesion", "hasDifferential", "Hemangioblastoma"), ("IntramedullaryEnhancingLesion", "hasDifferential", "Ependymoma")} <= found
    assert ("IntramedullaryEnhancingLesion", "hasDifferential", "HypervascularLesion") not in found


def test_two_lesions_whose_appearance_overlaps(extractor):
    found = accepted(
        extractor, "Fractures\n\nOsteoporotic compression fractures and metastases can show considerable overlap.\n"
    )
    assert ("OsteoporoticCompressionFracture", "mimics", "Metastasis") in found


def test_overlap_of_structures_is_no_mimicry(extractor):
    found = accepted(
        extractor, "Fractures\n\nOsteoporotic compression fractures show overlap of the endplates with metastases.\n"
    )
    assert not any(p == "mimics" for _s, p, _o in found)


def test_two_lesions_contrasted_by_their_appearance_are_told_apart(extractor):
    found = accepted(
        extractor, "Marrow\n\nOn STIR images metastases are hyperintense, whereas hemangiomas are hypointense.\n"
    )
    assert ("Metastasis", "distinguishedFrom", "Hemangioma") in found


def test_two_lesions_contrasted_by_frequency_are_not_told_apart(extractor):
    found = accepted(
        extractor, "Marrow\n\nMetastases are common in older adults, whereas hemangiomas are common in women.\n"
    )
    assert not any(p == "distinguishedFrom" for _s, p, _o in found)


def test_a_finding_helpful_in_determining_the_lesion_indicates_it(extractor):
    text = "Flow voids\n\nSerpentine flow voids on the cord surface are helpful in determining whether the lesion is a spinal arteriovenous malformation.\n"
    assert ("FlowVoid", "indicates", "SpinalArteriovenousMalformation") in accepted(extractor, text)


def test_a_finding_helpful_in_determining_something_else_indicates_nothing(extractor):
    found = accepted(
        extractor, "Flow voids\n\nSerpentine flow voids are helpful in determining the extent of the lesion.\n"
    )
    assert not any(p == "indicates" for _s, p, _o in found)


# mechanism, more shapes


def test_because_of_the_compression_of_a_structure(extractor):
    found = accepted(extractor, "Radiculopathy\n\nRadiculopathy may develop because of compression of nerve roots.\n")
    assert ("NerveRootCompression", "canCause", "Radiculopathy") in found


def test_because_of_a_lack_of_specificity_causes_nothing(extractor):
    found = accepted(
        extractor,
        "Positive scans\n\nPositive scans should be correlated with radiographs because of this lack of specificity.\n",
    )
    assert not any(p in ("causes", "canCause") for _s, p, _o in found)


def test_an_effect_from_a_lesion(extractor):
    found = accepted(extractor, "Compression\n\nCord compression from epidural metastasis needs urgent radiotherapy.\n")
    assert ("EpiduralMetastasis", "causes", "CordCompression") in found


def test_metastases_from_a_primary_are_no_effect_of_it(extractor):
    text = "Metastases\n\nMetastases from breast carcinoma are common. MRI helps differentiate benign fractures from metastases.\n"
    assert not any(p in ("causes", "canCause") for _s, p, _o in accepted(extractor, text))


def test_a_technique_prone_to_an_artifact_can_cause_it(extractor):
    found = accepted(
        extractor,
        "Fat suppression\n\nFat saturation techniques are prone to susceptibility artifact near metal implants.\n",
    )
    assert ("FatSuppressionTechnique", "canCause", "SusceptibilityArtifact") in found


def test_a_technique_sensitive_to_a_finding_does_not_cause_it(extractor):
    found = accepted(
        extractor,
        "Fat suppression\n\nFat saturation techniques are particularly sensitive to small amounts of edema.\n",
    )
    assert not any(p == "canCause" for _s, p, _o in found)


def test_a_cause_put_first_before_the_comma(extractor):
    text = "Hemangiopericytoma\n\nDue to its extreme vascularity, the high risk of intraoperative hemorrhage should be anticipated at surgery.\n"
    found = accepted(extractor, text)
    assert ("Hypervascularity", "canCause", "IntraoperativeHemorrhage") in found


def test_a_reason_put_first_that_names_no_finding_causes_nothing(extractor):
    found = accepted(extractor, "Hemangioma\n\nDue to the surgery, the patient missed the appointment.\n")
    assert not any(p in ("causes", "canCause") for _s, p, _o in found)


def test_the_risk_of_a_complication_at_a_treatment(extractor):
    found = accepted(extractor, "Surgery\n\nThe risk of postoperative bleeding after surgery is high.\n")
    assert ("Surgery", "hasComplication", "PostoperativeBleeding") in found


def test_a_risk_without_a_treatment_is_no_treatment_complication(extractor):
    found = accepted(extractor, "Hemangioma\n\nThe risk of malignant transformation is low in these lesions.\n")
    assert not any(p == "hasComplication" for _s, p, _o in found)


def test_a_sign_named_after_the_clause_that_describes_it(extractor):
    text = 'Signs\n\nTumour may spread beneath the posterior longitudinal ligament, resulting in the "draped curtain sign".\n'
    assert texts(extractor, text, "definedAs").get("DrapedCurtainSign") == "Tumour may spread beneath the posterior longitudinal ligament"


def test_a_lesion_called_by_a_name_is_no_sign_definition(extractor):
    found = accepted(extractor, "Signs\n\nThe lesion was called a hemangioma by the first reader.\n")
    assert not any(p == "definedAs" for _s, p, _o in found)


def test_a_name_given_to_something_the_text_only_points_back_to_defines_nothing(extractor):
    found = accepted(
        extractor, 'Signs\n\nThe latter enhancement pattern has been referred to as the "draped curtain sign".\n'
    )
    assert not any(p == "definedAs" for _s, p, _o in found)


def test_a_lesion_included_in_the_differential_of_what_lesions_cause(extractor):
    text = "Lymphoma\n\nLymphoma must be included in the differential diagnosis of lesions causing epidural spinal cord compression.\n"
    found = accepted(extractor, text)
    assert ("EpiduralSpinalCordCompression", "hasDifferential", "Lymphoma") in found
    assert not any(s == "Lymphoma" and p in ("causes", "canCause") for s, p, _o in found)


def test_a_differential_of_a_patient_names_no_lesion(extractor):
    found = accepted(extractor, "Report\n\nThe differential diagnosis of the patient was discussed at the meeting.\n")
    assert not any(p == "hasDifferential" for _s, p, _o in found)


def test_a_lesion_that_resembles_another_mimics_it(extractor):
    found = accepted(extractor, "Nodes\n\nSchmorl's nodes may closely resemble vertebral metastases on MRI.\n")
    assert ("SchmorlsNode", "mimics", "OsseousMetastasis") in found


def test_a_lesion_just_before_causing_is_what_causes(extractor):
    found = accepted(
        extractor, "Metastasis\n\nAn epidural metastasis causing cord compression needs urgent radiotherapy.\n"
    )
    assert ("EpiduralMetastasis", "causes", "CordCompression") in found


def test_a_finding_before_causing_describes_the_lesion_that_causes(extractor):
    found = accepted(
        extractor,
        "Mass\n\nIn this patient, lymphoma was found as an epidural soft tissue mass causing cord compression.\n",
    )
    assert ("Lymphoma", "causes", "CordCompression") in found
    assert not any(s == "SoftTissueMass" for s, p, _o in found if p in ("causes", "canCause"))


def test_a_name_given_to_what_an_author_described(extractor):
    text = "Pericytes\n\nZimmerman first described the cells on the surface of capillaries and named them pericytes.\n"
    assert texts(extractor, text, "definedAs").get("Pericyte") == "the cells on the surface of capillaries"


def test_naming_without_a_description_defines_nothing(extractor):
    found = accepted(extractor, "History\n\nThe authors reviewed the images and named them by date.\n")
    assert not any(p == "definedAs" for _s, p, _o in found)


def test_what_a_lesion_is_made_up_of_is_its_histologic_finding(extractor):
    text = "Hemangiopericytoma\n\nHemangiopericytoma is made up of neoplastic spindle-shaped cells arranged around vessels.\n"
    assert ("Hemangiopericytoma", "hasHistologicFinding", "SpindleShapedCells") in accepted(extractor, text)


def test_a_histologic_finding_with_no_lesion_to_belong_to_is_left_out(extractor):
    found = accepted(extractor, "Report\n\nThe report was made up of spindle-shaped cells of text.\n")
    assert not any(p == "hasHistologicFinding" for _s, p, _o in found)


def test_differentiating_between_two_lesions(extractor):
    text = "DWI\n\nDiffusion-weighted imaging helps differentiate between osteoporotic compression fractures and metastases.\n"
    assert ("OsteoporoticCompressionFracture", "distinguishedFrom", "Metastasis") in accepted(extractor, text)


def test_differentiating_between_groups_of_patients_tells_no_lesions_apart(extractor):
    text = "DWI\n\nDiffusion-weighted imaging helps differentiate between the two groups of patients with metastases.\n"
    assert not any(p == "distinguishedFrom" for _s, p, _o in accepted(extractor, text))


def test_a_differential_of_a_lesion_after_a_word_the_recogniser_does_not_know(extractor):
    text = "Chordoma\n\nThe differential diagnosis of a presacral chordoma includes metastasis and lymphoma.\n"
    found = accepted(extractor, text)
    assert {("Chordoma", "hasDifferential", "Metastasis"), ("Chordoma", "hasDifferential", "Lymphoma")} <= found


def test_the_differential_of_a_compartment_mass_is_that_of_its_lesion_and_waits_for_review(extractor):
    paper = text_document(
        "Masses\n\nThe differential diagnosis of an epidural mass includes epidural abscess and lymphoma.\n"
    )
    extraction = extractor.extract(paper)
    waiting = {(s["subject"], s["predicate"], s.get("object")) for s in extraction.review}
    assert {("EpiduralLesion", "hasDifferential", "EpiduralAbscess"), ("EpiduralLesion", "hasDifferential", "Lymphoma")} <= waiting
    assert not any(s["subject"] == "EpiduralLesion" for s in extraction.accepted)


def test_a_technique_that_underestimates_disease_has_a_limitation(extractor):
    text = "Scans\n\nBone scintigraphy may underestimate lymphoma because the deposits are often not hot.\n"
    assert "underestimate lymphoma" in texts(extractor, text, "hasLimitation").get("BoneScintigraphy", "")


def test_someone_who_underestimates_is_no_technique(extractor):
    found = accepted(extractor, "Scans\n\nClinicians may underestimate the extent of disease.\n")
    assert not any(p == "hasLimitation" for _s, p, _o in found)


def test_a_complication_frequent_in_a_disorder(extractor):
    found = accepted(extractor, "Myeloma\n\nVertebral compression fractures are frequent in multiple myeloma.\n")
    assert ("MultipleMyeloma", "hasComplication", "VertebralCompressionFracture") in found


def test_a_symptom_common_in_patients_with_a_lesion(extractor):
    found = accepted(extractor, "Metastases\n\nBack pain is common in patients with vertebral metastases.\n")
    assert ("OsseousMetastasis", "presentsWith", "BackPain") in found


def test_a_tumour_common_in_a_site_or_a_primary_is_no_complication(extractor):
    text = "Tumours\n\nMetastases are common in breast carcinoma. Hemangiomas are common in the thoracic spine.\n"
    assert not any(p in ("hasComplication", "presentsWith") for _s, p, _o in accepted(extractor, text))
