"""Round-4 rules for mechanism, clinical feature and treatment statements, on sentences invented for these tests.

Each test states one general construction ("a combination of A and B", "all patients were treated with ...",
"A is the treatment of choice", "treatment options include ...", "follow-up is required because of recurrences",
"the complications of X include A and B", "X may be complicated by Y", "the disc resists tumour invasion", "spread
is thought to be via the arterial route", "X results from hematogenous spread", "Y is a consequence of X", "symptoms
include ...") and checks that the extractor reads it, and that a near sentence of another meaning is not misread.
The vocabulary these sentences need (vertebroplasty, fever, cauda equina syndrome ...) is checked too.
"""

from __future__ import annotations

from tests.extract.texts import accepted, extract_text, facts


def all_facts(extractor, text: str, title: str, kind: str = "review") -> set[tuple]:
    """The facts of every statement extracted from a text, accepted or left for review."""
    return facts(extract_text(extractor, text, title=title, kind=kind).statements)


def test_a_combination_of_surgery_and_radiotherapy_is_the_combined_treatment(extractor):
    found = accepted(
        extractor, "Spinal chordoma is usually treated with a combination of surgical resection and radiotherapy."
    )
    assert ("Chordoma", "treatedWith", "CombinedSurgeryAndRadiotherapy") in found
    assert ("Chordoma", "treatedWith", "SurgicalResection") in found


def test_a_combination_of_other_treatments_is_not_the_surgical_one(extractor):
    found = all_facts(
        extractor, "Spinal lymphoma is treated with a combination of chemotherapy and radiotherapy.", "Lymphoma"
    )
    assert ("Lymphoma", "treatedWith", "Chemotherapy") in found
    assert not any(o == "CombinedSurgeryAndRadiotherapy" for _s, _p, o in found)


def test_a_series_of_patients_is_treated_for_the_topic(extractor):
    found = accepted(
        extractor,
        "Chordomas arise from notochordal remnants. All patients were treated with surgical resection.",
        title="Sacral chordoma",
    )
    assert ("Chordoma", "treatedWith", "SurgicalResection") in found


def test_a_series_in_a_case_report_is_treated_for_the_case_disease_not_the_case_lesion(extractor):
    text = (
        "A 40-year-old man presented with back pain. MRI showed a sacral chordoma.\n\n"
        "Discussion\n\nSeven cases have been reported. All patients were treated with radiotherapy."
    )
    found = all_facts(extractor, text, "Sacral chordoma: a case report", kind="case report")
    assert ("Chordoma", "treatedWith", "RadiationTherapy") in found
    assert not any(s.startswith("case:") and o == "RadiationTherapy" for s, _p, o in found)


def test_a_treatment_called_the_treatment_of_choice_is_the_topics(extractor):
    found = accepted(
        extractor,
        "Vertebral hemangiomas are mostly incidental. Embolization is the treatment of choice.",
        title="Vertebral hemangioma",
    )
    assert ("VertebralHemangioma", "treatedWith", "Embolization") in found


def test_a_treatment_merely_mentioned_without_its_lesion_waits_for_review(extractor):
    found = accepted(
        extractor,
        "Vertebral hemangiomas are mostly incidental. Embolization is a rare treatment.",
        title="Vertebral hemangioma",
    )
    assert ("VertebralHemangioma", "treatedWith", "Embolization") not in found


def test_follow_up_required_because_of_recurrences(extractor):
    found = accepted(
        extractor,
        "In spinal chordoma, long-term follow-up is required because of frequent recurrences.",
        title="Chordoma",
    )
    assert ("Chordoma", "treatedWith", "FollowUp") in found
    assert ("Chordoma", "hasComplication", "Recurrence") in found


def test_a_follow_up_that_found_nothing_is_no_complication(extractor):
    paper = extract_text(
        extractor, "In spinal chordoma, follow-up imaging at one year showed no recurrence.", title="Chordoma"
    )
    found = facts(paper.statements, negation=True)
    assert not any(p == "hasComplication" and o == "Recurrence" and not negated for _s, p, o, negated in found)
    assert not any(o == "FollowUp" for _s, _p, o, _negated in found)


def test_the_complications_of_a_disorder_listed_after_including(extractor):
    found = accepted(
        extractor,
        "Spondylodiscitis is an infection of the disc. The complications of spondylodiscitis, including spinal cord "
        "compression and pathologic fracture, need urgent imaging.",
        title="Spondylodiscitis",
    )
    assert ("Spondylodiscitis", "hasComplication", "SpinalCordCompression") in found
    assert ("Spondylodiscitis", "hasComplication", "PathologicFracture") in found


def test_complications_of_a_disorder_without_a_list_name_no_complication(extractor):
    found = all_facts(
        extractor,
        "The complications of spondylodiscitis were rare, and spinal cord compression was seen in one patient.",
        "Spondylodiscitis",
    )
    assert ("Spondylodiscitis", "hasComplication", "SpinalCordCompression") not in found


def test_a_structure_resistant_to_tumour_invasion_is_not_involved_by_the_topic(extractor):
    found = accepted(
        extractor,
        "Vertebral metastases usually destroy the pedicle. The intervertebral disc is relatively resistant to tumour "
        "invasion.",
        title="Vertebral metastases",
        negation=True,
    )
    assert ("OsseousMetastasis", "canInvolve", "IntervertebralDisc", True) in found


def test_a_structure_resistant_to_a_drug_is_no_invasion(extractor):
    found = all_facts(
        extractor,
        "Vertebral metastases usually destroy the pedicle. The pedicle is resistant to radiotherapy.",
        "Vertebral metastases",
    )
    assert not any(p == "canInvolve" and o == "Pedicle" for _s, p, o in found)


def test_a_spread_that_may_be_via_named_routes_is_the_topics(extractor):
    found = accepted(
        extractor,
        "Melanoma often reaches the spinal cord. Occasionally, there may be lymphatic spread or spread via the "
        "perineural sheaths.",
        title="Melanoma",
    )
    assert ("Melanoma", "spreadsVia", "LymphaticSpread") in found
    assert ("Melanoma", "spreadsVia", "PerineuralSpread") in found


def test_the_mechanism_of_spread_is_the_topics_route(extractor):
    found = accepted(
        extractor,
        "Melanoma often reaches the spinal cord. The usual mode of spread to the cord is believed to be the arterial "
        "route.",
        title="Melanoma",
    )
    assert ("Melanoma", "spreadsVia", "ArterialSpread") in found


def test_a_spread_from_infected_organs_is_a_cause_of_the_infection_topic(extractor):
    found = accepted(
        extractor,
        "Epidural abscess is a surgical emergency. Hematogenous spread from a cardiac infection is also possible.",
        title="Spinal epidural abscess",
    )
    assert ("EpiduralAbscess", "spreadsVia", "HematogenousSpread") in found
    assert ("CardiacInfection", "canCause", "EpiduralAbscess") in found


def test_extension_from_an_adjacent_tumour_is_direct_extension(extractor):
    found = accepted(
        extractor,
        "Melanoma often reaches the spinal cord. Extension from a contiguous tumour has also been reported.",
        title="Melanoma",
    )
    assert ("Melanoma", "spreadsVia", "DirectExtension") in found


def test_a_route_that_opens_a_sentence_about_something_else_is_no_spread_of_the_topic(extractor):
    found = all_facts(
        extractor,
        "Melanoma often reaches the spinal cord. Lymphatic spread is usually accompanied by enlarged nodes.",
        "Melanoma",
    )
    assert ("Melanoma", "spreadsVia", "LymphaticSpread") not in found


def test_a_route_of_a_named_lesion_is_not_given_to_the_topic(extractor):
    found = all_facts(
        extractor,
        "Melanoma often reaches the spinal cord. In some cases, epidural abscess spreads hematogenously.",
        "Melanoma",
    )
    assert ("Melanoma", "spreadsVia", "HematogenousSpread") not in found


def test_a_clinical_word_read_on_an_image_is_no_presentation(extractor):
    found = all_facts(
        extractor,
        "On sagittal T2-weighted images the cord infarct is thin and hyperintense.",
        "Spinal cord infarction",
    )
    assert not any(p == "presentsWith" for _s, p, _o in found)
    presentation = accepted(extractor, "Vertebral hemangioma is usually asymptomatic.", title="Vertebral hemangioma")
    assert ("VertebralHemangioma", "presentsWith", "Asymptomatic") in presentation


def test_a_disorder_complicated_by_another(extractor):
    found = accepted(
        extractor,
        "Spondylodiscitis may be complicated by epidural abscess or, rarely, meningitis.",
        title="Spondylodiscitis",
    )
    assert ("Spondylodiscitis", "hasComplication", "EpiduralAbscess") in found
    assert ("Spondylodiscitis", "hasComplication", "Meningitis") in found


def test_complicated_without_by_names_no_complication(extractor):
    found = all_facts(
        extractor, "Spondylodiscitis is complicated to diagnose when meningitis is present.", "Spondylodiscitis"
    )
    assert not any(p == "hasComplication" and o == "Meningitis" for _s, p, o in found)


def test_a_lesion_that_results_from_a_route_spreads_by_it(extractor):
    found = accepted(
        extractor, "Epidural abscess usually results from hematogenous spread.", title="Spinal epidural abscess"
    )
    assert ("EpiduralAbscess", "spreadsVia", "HematogenousSpread") in found


def test_a_finding_that_results_from_a_lesion_is_caused_not_spread(extractor):
    found = accepted(extractor, "Vertebral collapse may result from an osteolytic metastasis.", title="Metastases")
    assert ("OsteolyticMetastasis", "canCause", "VertebralCollapse") in found
    assert not any(p == "spreadsVia" for _s, p, _o in found)


def test_a_disorder_caused_by_a_procedure(extractor):
    found = accepted(extractor, "Epidural hematoma is sometimes caused by a lumbar puncture.", title="Hematoma")
    assert ("LumbarPuncture", "causes", "EpiduralHematoma") in found


def test_effects_listed_with_an_adverb_between_are_each_caused(extractor):
    found = accepted(
        extractor,
        "Vertebral hemangiomas may cause back pain or, rarely, spinal cord compression.",
        title="Vertebral hemangioma",
    )
    assert ("VertebralHemangioma", "canCause", "SpinalCordCompression") in found


def test_a_lesion_that_requires_follow_up_is_treated_with_it(extractor):
    found = accepted(extractor, "Chordomas often recur and require long-term follow-up.", title="Chordoma")
    assert ("Chordoma", "treatedWith", "FollowUp") in found


def test_a_patient_lost_to_follow_up_is_no_treatment(extractor):
    found = all_facts(extractor, "Two patients with chordoma were lost to follow-up.", "Chordoma")
    assert ("Chordoma", "treatedWith", "FollowUp") not in found


def test_a_clause_opening_with_the_treatment_is_about_the_topic(extractor):
    found = accepted(
        extractor,
        "Epidural abscess is a surgical emergency. Treatment consists of surgical decompression and antibiotic "
        "therapy.",
        title="Spinal epidural abscess",
    )
    assert ("EpiduralAbscess", "treatedWith", "SurgicalDecompression") in found
    assert ("EpiduralAbscess", "treatedWith", "AntibioticTherapy") in found


def test_a_treatment_word_later_in_the_clause_is_no_opening(extractor):
    found = accepted(
        extractor,
        "Epidural abscess is a surgical emergency. Delays before treatment consist of imaging and surgical "
        "decompression.",
        title="Spinal epidural abscess",
    )
    assert ("EpiduralAbscess", "treatedWith", "SurgicalDecompression") not in found


def test_an_effect_the_lesion_has_leads_on_to_the_next(extractor):
    found = accepted(
        extractor,
        "An epidural metastasis can have mass effect on the spinal cord leading to neurologic deterioration.",
        title="Epidural metastasis",
    )
    assert ("MassEffect", "causes", "NeurologicDeterioration") in found
    assert ("EpiduralMetastasis", "presentsWith", "NeurologicDeterioration") not in found


def test_a_part_of_the_lesion_is_no_link_of_a_chain(extractor):
    found = all_facts(
        extractor,
        "An epidural metastasis can have a soft tissue component causing spinal cord compression.",
        "Epidural metastasis",
    )
    assert not any(s == "SoftTissueMass" for s, _p, _o in found)
    assert any(s == "EpiduralMetastasis" and o == "SpinalCordCompression" for s, _p, o in found)


def test_treatments_and_symptoms_of_everyday_spine_practice_are_recognised(lexicon):
    text = "percutaneous vertebroplasty, kyphoplasty, antimicrobial therapy, fever, paraplegia and quadriplegia"
    names = {m.concept.name for m in lexicon.recognise(text)}
    assert {"Vertebroplasty", "Kyphoplasty", "AntibioticTherapy", "Fever", "Paraplegia", "Tetraplegia"} <= names


def test_a_neurologic_syndrome_a_lesion_presents_with(extractor):
    found = accepted(
        extractor,
        "Epidural metastases present with back pain, progressive myelopathy or cauda equina syndrome.",
        title="Epidural metastasis",
    )
    assert ("EpiduralMetastasis", "presentsWith", "Myelopathy") in found
    assert ("EpiduralMetastasis", "presentsWith", "CaudaEquinaSyndrome") in found


def test_a_syndrome_named_apart_from_the_presentation_is_not_one(extractor):
    found = all_facts(
        extractor,
        "Epidural metastases present with back pain; myelopathy develops later in untreated patients.",
        "Epidural metastasis",
    )
    assert ("EpiduralMetastasis", "presentsWith", "Myelopathy") not in found


def test_the_treatment_of_choice_opening_a_clause_is_the_topics(extractor):
    found = accepted(
        extractor,
        "Meningiomas grow slowly. The treatment of choice is complete surgical resection.",
        title="Spinal meningioma",
    )
    assert ("SpinalMeningioma", "treatedWith", "CompleteSurgicalResection") in found


def test_a_treatment_called_curative_is_the_topics(extractor):
    found = accepted(
        extractor, "Meningiomas grow slowly. Surgical resection is curative in most cases.", title="Spinal meningioma"
    )
    assert ("SpinalMeningioma", "treatedWith", "SurgicalResection") in found


def test_a_curative_word_said_of_something_else_is_no_treatment_statement(extractor):
    paper = extract_text(
        extractor,
        "Meningiomas grow slowly. Imaging after surgical resection is successful in most cases.",
        title="Spinal meningioma",
    )
    assert not any(statement["rule"] == "treatment.curative" for statement in paper.statements)


def test_a_ranking_word_before_treatment_is_not_its_lesion(extractor):
    found = all_facts(
        extractor,
        "Meningiomas grow slowly. Embolization may be used as a primary treatment.",
        "Spinal meningioma",
    )
    assert not any(s == "PrimaryTumour" for s, _p, _o in found)
    assert ("SpinalMeningioma", "treatedWith", "Embolization") in found


def test_steroids_given_for_a_lesion_are_its_treatment(extractor):
    found = accepted(
        extractor,
        "Patients with spinal metastases are treated with radiotherapy and corticosteroids.",
        title="Spinal metastases",
    )
    assert ("SpinalMetastasis", "treatedWith", "Corticosteroid") in found


def test_no_treatment_word_causes_a_tumour(extractor):
    found = all_facts(
        extractor,
        "Intramedullary metastases are caused by arterial embolization of tumour cells.",
        "Intramedullary metastasis",
    )
    assert not any(s == "Embolization" for s, _p, _o in found)


def test_a_clause_opening_with_the_symptoms_is_about_the_topic(extractor):
    found = accepted(
        extractor,
        "Spinal meningiomas grow slowly. Symptoms include back pain and gait disturbance. The most common sign is "
        "weakness.",
        title="Spinal meningioma",
    )
    assert {
        ("SpinalMeningioma", "presentsWith", "BackPain"),
        ("SpinalMeningioma", "presentsWith", "GaitDisturbance"),
    } <= found
    assert ("SpinalMeningioma", "presentsWith", "Weakness") in found


def test_symptoms_of_a_named_disorder_are_that_disorders(extractor):
    found = accepted(
        extractor,
        "Spinal meningiomas grow slowly. Symptoms of epidural abscess include back pain and fever.",
        title="Spinal meningioma",
    )
    assert ("SpinalMeningioma", "presentsWith", "Fever") not in found
    assert ("EpiduralAbscess", "presentsWith", "Fever") in found


def test_a_lesion_whose_patients_develop_a_syndrome_presents_with_it(extractor):
    found = accepted(extractor, "Patients with meningiomas may develop myelopathy.", title="Spinal meningioma")
    assert ("Meningioma", "presentsWith", "Myelopathy") in found


def test_the_most_common_cause_of_a_disorder(extractor):
    found = accepted(
        extractor,
        "Trauma is the most common cause of epidural hematoma. Surgery is another recognised cause of epidural "
        "hematoma.",
        title="Epidural hematoma",
    )
    assert ("Trauma", "canCause", "EpiduralHematoma") in found
    assert ("Surgery", "canCause", "EpiduralHematoma") in found


def test_a_treatment_for_a_named_lesion_is_that_lesions_not_the_topics(extractor):
    found = accepted(
        extractor,
        "Schwannomas grow slowly. Radiotherapy is the mainstay of treatment for spinal lymphoma.",
        title="Spinal schwannoma",
    )
    assert ("Lymphoma", "treatedWith", "RadiationTherapy") in found
    assert ("Schwannoma", "treatedWith", "RadiationTherapy") not in found


def test_complete_excision_is_complete_resection(extractor):
    found = accepted(extractor, "Schwannomas can be cured by complete excision.", title="Spinal schwannoma")
    assert ("Schwannoma", "treatedWith", "CompleteSurgicalResection") in found


def test_a_disorder_occurring_after_a_procedure_can_be_caused_by_it(extractor):
    found = accepted(
        extractor, "Epidural hematoma may occur spontaneously or after lumbar puncture.", title="Epidural hematoma"
    )
    assert ("LumbarPuncture", "canCause", "EpiduralHematoma") in found


def test_a_tumour_appearing_after_a_treatment_is_not_caused_by_it(extractor):
    found = all_facts(
        extractor, "Spinal metastases may develop after surgery for breast carcinoma.", "Spinal metastases"
    )
    assert not any(s == "Surgery" and p == "canCause" for s, p, _o in found)


def test_a_finding_due_to_another_finding_is_caused_by_it(extractor):
    found = accepted(
        extractor, "A low ADC is expected in such tumours due to restricted diffusion.", title="Spinal metastases"
    )
    assert ("RestrictedDiffusion", "causes", "LowADC") in found


def test_a_finding_named_far_after_due_to_is_not_the_cause(extractor):
    found = all_facts(
        extractor,
        "A low ADC is expected due to the dense packing of many small cells within the tumour and restricted "
        "diffusion.",
        "Spinal metastases",
    )
    assert ("RestrictedDiffusion", "causes", "LowADC") not in found


def test_a_disorder_that_may_be_associated_with_another(extractor):
    found = accepted(
        extractor,
        "Hemangioblastomas may be associated with von Hippel-Lindau disease. A syrinx is frequently associated with "
        "hemangioblastoma.",
        title="Intramedullary tumours",
    )
    assert ("Hemangioblastoma", "associatedWith", "VonHippelLindauDisease") in found
    assert ("Syringomyelia", "associatedWith", "Hemangioblastoma") in found


def test_a_disorder_far_before_the_association_is_not_associated(extractor):
    found = all_facts(
        extractor,
        "Hemangioblastomas enhance avidly, and their cysts are usually associated with von Hippel-Lindau disease.",
        "Intramedullary tumours",
    )
    assert ("Hemangioblastoma", "associatedWith", "VonHippelLindauDisease") not in found


def test_a_good_prognosis_of_a_lesion(extractor):
    found = accepted(
        extractor, "The prognosis of spinal schwannoma is excellent after resection.", title="Spinal schwannoma"
    )
    assert ("Schwannoma", "hasOutcome", "GoodPrognosis") in found
    assert ("Schwannoma", "hasOutcome", "PoorPrognosis") not in found


def test_scoliosis_a_child_presents_with(extractor):
    found = accepted(
        extractor, "Astrocytomas in children often present with scoliosis.", title="Intramedullary tumours"
    )
    assert ("Astrocytoma", "presentsWith", "Scoliosis") in found


def test_treatment_options_listed_after_include(extractor):
    found = accepted(
        extractor,
        "Vertebral hemangiomas are common. Treatment options include vertebroplasty and embolization. Therapeutic "
        "options for spinal lymphoma include chemotherapy.",
        title="Vertebral hemangioma",
    )
    assert {
        ("VertebralHemangioma", "treatedWith", "Vertebroplasty"),
        ("VertebralHemangioma", "treatedWith", "Embolization"),
    } <= found
    assert ("Lymphoma", "treatedWith", "Chemotherapy") in found
    assert ("VertebralHemangioma", "treatedWith", "Chemotherapy") not in found


def test_a_treatment_indicated_is_the_topics_and_one_not_indicated_is_not(extractor):
    found = all_facts(
        extractor,
        "Vertebral hemangiomas are common. Vertebroplasty is indicated for painful lesions. Surgery is not indicated "
        "for incidental lesions.",
        "Vertebral hemangioma",
    )
    assert ("VertebralHemangioma", "treatedWith", "Vertebroplasty") in found
    assert ("VertebralHemangioma", "treatedWith", "Surgery") not in found


def test_an_effect_called_the_consequence_of_a_lesion(extractor):
    found = accepted(
        extractor, "Spinal cord compression is a consequence of epidural abscess.", title="Spinal epidural abscess"
    )
    assert ("EpiduralAbscess", "causes", "SpinalCordCompression") in found


def test_a_consequence_of_a_treatment_is_not_read_as_a_lesion_cause(extractor):
    found = all_facts(
        extractor, "Spinal cord compression is a consequence of delayed surgery.", "Spinal epidural abscess"
    )
    assert not any(p == "causes" and o == "SpinalCordCompression" for _s, p, o in found)


def test_a_condition_predisposing_to_a_disorder_can_cause_it(extractor):
    found = accepted(extractor, "Spondylodiscitis predisposes to epidural abscess.", title="Spinal epidural abscess")
    assert ("Spondylodiscitis", "canCause", "EpiduralAbscess") in found


def test_a_symptom_of_a_condition_is_its_effect_not_its_presentation(extractor):
    found = accepted(
        extractor, "Spinal cord compression by the abscess results in paraplegia.", title="Spinal epidural abscess"
    )
    assert ("SpinalCordCompression", "causes", "Paraplegia") in found
    assert ("SpinalCordCompression", "presentsWith", "Paraplegia") not in found


def test_conservative_management_is_a_treatment(extractor):
    found = accepted(
        extractor, "Small epidural hematomas may be treated with conservative management.", title="Epidural hematoma"
    )
    assert ("EpiduralHematoma", "treatedWith", "ConservativeManagement") in found


def test_a_treatment_reserved_for_some_cases_or_an_alternative_is_the_topics(extractor):
    found = accepted(
        extractor,
        "Vertebral hemangiomas are common. Surgery is reserved for cord compression. Vertebroplasty is an effective "
        "alternative.",
        title="Vertebral hemangioma",
    )
    assert ("VertebralHemangioma", "treatedWith", "Surgery") in found
    assert ("VertebralHemangioma", "treatedWith", "Vertebroplasty") in found


def test_an_imaging_technique_used_for_a_lesion_is_no_treatment(extractor):
    found = all_facts(
        extractor, "Vertebral hemangiomas are common. MRI is used for the diagnosis.", "Vertebral hemangioma"
    )
    assert not any(p == "treatedWith" for _s, p, _o in found)


def test_a_lesion_compressing_a_structure_causes_its_compression(extractor):
    found = accepted(
        extractor,
        "Epidural metastases may compress the spinal cord. A schwannoma impinging on the nerve root causes pain.",
        title="Spinal tumours",
    )
    assert ("EpiduralMetastasis", "canCause", "SpinalCordCompression") in found
    assert ("Schwannoma", "causes", "NerveRootCompression") in found


def test_a_structure_without_a_compression_class_is_left_out(extractor):
    found = all_facts(extractor, "Epidural metastases may compress the vertebral body.", "Spinal tumours")
    assert not any(o.endswith("Compression") for _s, _p, o in found if isinstance(o, str))


def test_a_participle_of_compression_after_no_lesion_names_no_cause(extractor):
    found = all_facts(
        extractor,
        "Extradural lesions include those arising from bone and impinging on the thecal sac.",
        "Spinal tumours",
    )
    assert not any(o == "ThecalSacCompression" for _s, _p, o in found)


def test_routes_of_spread_are_recognised_by_their_usual_names(lexicon):
    text = "haematogenous seeding, lymphatic dissemination, contiguous extension, CSF seeding and perineural extension"
    names = {m.concept.name for m in lexicon.recognise(text)}
    assert {"HematogenousSpread", "LymphaticSpread", "DirectExtension", "CSFDissemination", "PerineuralSpread"} <= names


def test_a_route_named_by_its_usual_name_is_read_in_a_spread_sentence(extractor):
    found = accepted(
        extractor,
        "Melanoma often reaches the spinal cord. CSF seeding has also been described.",
        title="Melanoma",
    )
    assert ("Melanoma", "spreadsVia", "CSFDissemination") in found
