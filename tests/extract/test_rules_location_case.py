"""Lesion location, case frame and treatment rules on sentences written for these tests (none taken
from the corpus papers).

Each test states one general shape of radiology or case-report prose and checks the statements the
extractor accepts from it: one that shows the reading, and one that shows a near miss is not read.
"""

from __future__ import annotations

from tests.extract.texts import accepted, text_document


def case_report(extractor, body: str) -> set[tuple]:
    """The accepted facts, with negation, of a case report whose title names a chordoma."""
    return accepted(extractor, "Sacral chordoma: a case report\n\n" + body, kind="case report", negation=True)


def test_an_effect_verb_ends_the_phrase_of_a_location_verb(extractor):
    facts = accepted(
        extractor,
        "Imaging\n\nFigure 3: Axial MR image shows a lobulated mass in the paraspinal muscles extending into the epidural space displacing the spinal cord.\n",
        negation=True,
    )
    assert ("case:figure-3-lesion", "extendsInto", "EpiduralSpace", False) in facts
    assert not any(o == "SpinalCord" for _s, p, o, _n in facts if p in ("locatedIn", "extendsInto", "canInvolve"))


def test_extension_from_a_site_is_where_the_lesion_came_from(extractor):
    facts = accepted(
        extractor,
        "Spread\n\nSchwannomas may reach the neural foramen by extension from the spinal canal.\n",
        negation=True,
    )
    assert not any(p == "extendsInto" and o == "SpinalCanal" for _s, p, o, _n in facts)


def test_a_lesion_class_being_divided_into_kinds_is_not_placed(extractor):
    text = "Compartments\n\nExtradural lesions can be divided into epidural lesions and those arising from the vertebral body.\n"
    facts = accepted(extractor, text, negation=True)
    assert not any(s == "ExtraduralLesion" and o == "VertebralBody" for s, _p, o, _n in facts)
    placed = accepted(extractor, "Compartments\n\nChordomas usually arise from the sacrum.\n", negation=True)
    assert ("Chordoma", "locatedIn", "Sacrum", False) in placed


def test_a_lesion_of_an_earlier_sentence_glued_to_this_one_is_not_its_subject(extractor):
    text = "Spread\n\nLook for a paraspinal component. richly vascular marrow gives a predilection for spread to the proximal long bones.\n"
    facts = accepted(extractor, text, negation=True)
    assert not any(o == "ProximalLongBones" for _s, _p, o, _n in facts)


def test_a_site_the_lesion_lies_over_is_a_region_not_a_site(extractor):
    facts = case_report(
        extractor,
        "A 61-year-old woman presented with back pain. MRI showed an extradural lesion at L2. "
        "A second mass was found in the skin over the upper lumbar spine.\n",
    )
    assert ("case:lesion", "locatedIn", "Skin", False) in facts
    assert ("case:lesion", "inRegion", "LumbarRegion", False) in facts
    assert ("case:lesion", "locatedIn", "LumbarSpine", False) not in facts


def test_a_region_word_before_a_site_gives_the_case_lesion_its_region(extractor):
    facts = accepted(
        extractor,
        "Imaging\n\nFigure 5: Sagittal STIR image shows a hyperintense lesion in an upper lumbar vertebral body.\n",
        negation=True,
    )
    assert ("case:figure-5-lesion", "locatedIn", "VertebralBody", False) in facts
    assert ("case:figure-5-lesion", "inRegion", "LumbarRegion", False) in facts
    segment = accepted(
        extractor,
        "Imaging\n\nFigure 6: Sagittal STIR image shows a hyperintense lesion in the lumbar spine.\n",
        negation=True,
    )
    assert not any(p == "inRegion" for _s, p, _o, _n in segment)


def test_coordinated_sites_after_a_finding_each_place_the_figure_lesion(extractor):
    text = "Imaging\n\nFigure 2: Sagittal STIR image shows abnormal enhancement, mainly in the sacrum and in the ribs and proximal long bones.\n"
    facts = accepted(extractor, text, negation=True)
    assert {
        ("case:figure-2-lesion", "locatedIn", site, False) for site in ("Sacrum", "Rib", "ProximalLongBones")
    } <= facts
    apart = accepted(
        extractor,
        "Imaging\n\nFigure 3: Sagittal STIR image shows abnormal enhancement in the sacrum and a cyst near the ribs.\n",
        negation=True,
    )
    assert ("case:figure-3-lesion", "locatedIn", "Rib", False) not in apart


def test_a_bare_signal_of_a_caption_places_its_lesion_and_the_site_it_is_part_of(extractor):
    text = "Imaging\n\nFigure 9: Sagittal T1-weighted image shows low signal in the pedicle of the L2 vertebra.\n"
    facts = accepted(extractor, text, negation=True)
    assert ("case:figure-9-lesion", "locatedIn", "Pedicle", False) in facts
    assert ("case:figure-9-lesion", "locatedIn", "Vertebra", False) in facts


def test_the_appearance_of_a_site_does_not_place_a_lesion(extractor):
    text = "Imaging\n\nFigure 4: Axial T2-weighted image shows a blurred appearance of the nerve roots in the lower thecal sac.\n"
    facts = accepted(extractor, text, negation=True)
    assert not any(o == "ThecalSac" for _s, _p, o, _n in facts)


def test_a_denied_lesion_class_in_case_narrative_is_no_general_location(extractor):
    text = (
        "Chordoma\n\nA 61-year-old woman presented with sacral pain. There was no evidence of metastases "
        "in the liver on CT.\n"
    )
    facts = accepted(extractor, text, kind="case report", negation=True)
    assert not any(s == "Metastasis" and p == "locatedIn" for s, p, _o, _n in facts)


def test_a_compartment_word_before_the_case_lesion_places_it(extractor):
    facts = case_report(
        extractor,
        "A 44-year-old man presented with leg weakness. MRI showed an extramedullary, extradural enhancing mass at T8.\n",
    )
    assert ("case:lesion", "locatedIn", "ExtraduralSite", False) in facts
    assert ("case:lesion", "locatedIn", "IntramedullarySite", True) in facts


def test_the_staging_of_the_case_denies_spread_to_each_organ(extractor):
    facts = case_report(
        extractor,
        "A 61-year-old woman presented with sacral pain. MRI showed an extradural lesion at S2. "
        "There was no evidence of metastases in the liver or lungs on CT.\n",
    )
    assert ("case:lesion", "metastasizesTo", "Liver", True) in facts
    assert ("case:lesion", "metastasizesTo", "Lung", True) in facts
    assert ("case:lesion", "metastasizesTo", "Liver", False) not in facts


def test_histology_of_the_case_lesion_and_its_size(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI showed an 8 cm extradural lesion at L1. "
        "Histology showed spindle-shaped cells and high cellularity.\n",
    )
    assert ("case:lesion", "hasHistologicFinding", "SpindleShapedCells", False) in facts
    assert ("case:lesion", "hasHistologicFinding", "HighCellularity", False) in facts
    assert ("case:lesion", "hasSize", 8, False) in facts
    general = accepted(
        extractor, "Histology\n\nChordomas show high cellularity and spindle-shaped cells.\n", negation=True
    )
    assert not any(s.startswith("case:") for s, _p, _o, _n in general)


def test_the_case_lesion_compressing_a_structure_causes_its_compression(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI showed an extradural lesion compressing the thecal sac at L1.\n",
    )
    assert ("case:lesion", "causes", "ThecalSacCompression", False) in facts
    scan = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI showed an extradural lesion at L1. The brace was compressing the skin.\n",
    )
    assert not any(p == "causes" for _s, p, _o, _n in scan)


def test_complications_of_the_patient_and_of_an_operation(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI showed an extradural lesion at L1. "
        "He underwent surgical resection, but intraoperative bleeding was heavy. "
        "Wound dehiscence was treated with a skin graft.\n",
    )
    assert ("case:surgical-resection", "hasComplication", "IntraoperativeHemorrhage", False) in facts
    assert ("case:patient", "hasComplication", "IntraoperativeHemorrhage", False) not in facts
    assert ("case:patient", "hasComplication", "WoundDehiscence", False) in facts


def test_the_case_lesion_is_treated_with_the_treatments_the_patient_underwent_for_review(extractor):
    paper = text_document(
        "Sacral chordoma: a case report\n\nA 50-year-old man presented with back pain. "
        "MRI showed an extradural lesion at L1. He underwent embolization. Two days later he underwent "
        "surgical resection. A skin graft was then performed.\n",
        kind="case report",
    )
    extraction = extractor.extract(paper)
    facts = {(s["subject"], s["predicate"], s.get("object"), bool(s.get("negated"))) for s in extraction.review}
    assert not any(s["predicate"] == "treatedWith" for s in extraction.accepted)
    assert ("case:lesion", "treatedWith", "case:embolization", False) in facts
    assert ("case:lesion", "treatedWith", "case:surgical-resection", False) in facts
    assert ("case:lesion", "treatedWith", "case:mri", False) not in facts
    assert ("case:lesion", "treatedWith", "case:skin-graft", False) not in facts


def test_a_procedure_named_first_as_earlier_is_evidenced_where_it_is_told_as_done(extractor):
    paper = text_document(
        "Sacral chordoma: a case report\n\nA 50-year-old man presented with back pain. "
        "After surgery, an extradural lesion was seen at L1 on MRI. In our case, surgery was performed without problems.\n",
        kind="case report",
    )
    surgery = [
        s for s in extractor.extract(paper).accepted if s["predicate"] == "underwent" and s["object"] == "case:surgery"
    ]
    assert len(surgery) == 1 and surgery[0]["quote"].startswith("In our case, surgery was performed")


def test_an_outcome_of_the_tumour_is_the_case_lesion_outcome(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI showed an extradural lesion at L1. "
        "A later MRI revealed enlargement of the tumour.\n",
    )
    assert ("case:lesion", "hasOutcome", "Progression", False) in facts
    assert ("case:patient", "hasOutcome", "Progression", False) not in facts


def test_drugs_given_in_the_case_treat_the_case_lesion_but_contrast_does_not(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI with gadolinium showed an extradural lesion at L1. "
        "He was treated with two cycles of cisplatin and ifosfamide.\n",
    )
    assert ("case:lesion", "treatedWith", "Cisplatin", False) in facts
    assert ("case:lesion", "treatedWith", "Ifosfamide", False) in facts
    assert ("case:lesion", "treatedWith", "Gadolinium", False) not in facts


def test_a_general_treatment_is_the_one_the_cue_names(extractor):
    facts = accepted(
        extractor, "Treatment\n\nChordomas are treated with surgical resection and radiation therapy.\n", negation=True
    )
    assert ("Chordoma", "treatedWith", "SurgicalResection", False) in facts and (
        "Chordoma",
        "treatedWith",
        "RadiationTherapy",
        False,
    ) in facts
    choice = accepted(
        extractor,
        "Treatment\n\nFor chordomas, complete surgical resection appears to be the treatment of choice.\n",
        negation=True,
    )
    assert ("Chordoma", "treatedWith", "CompleteSurgicalResection", False) in choice
    loose = accepted(
        extractor,
        "Treatment\n\nIn chordomas the follow-up times after therapy varied widely, and chemotherapy trials are lacking.\n",
        negation=True,
    )
    assert not any(p == "treatedWith" for _s, p, _o, _n in loose)
    series = accepted(
        extractor,
        "Chordoma: a case report\n\nA 50-year-old man presented with back pain.\n\n"
        "Figure 1: All patients were treated with radiation therapy.\n",
        kind="case report",
        negation=True,
    )
    assert ("case:lesion", "treatedWith", "RadiationTherapy", False) not in series


def test_a_site_said_to_be_involved_by_a_lesion_places_it_and_spared_denies_it(extractor):
    facts = accepted(
        extractor, "Chordoma\n\nThe sacrum is most often involved in chordoma, and the clivus less so.\n", negation=True
    )
    assert ("Chordoma", "locatedIn", "Sacrum", False) in facts
    spared = accepted(
        extractor, "Lymphoma\n\nIn epidural lymphoma, the vertebral body may often be spared.\n", negation=True
    )
    assert ("EpiduralLymphoma", "canInvolve", "VertebralBody", True) in spared
    assert ("EpiduralLymphoma", "canInvolve", "VertebralBody", False) not in spared


def test_a_site_compared_against_is_not_where_the_lesion_lies(extractor):
    facts = accepted(
        extractor,
        "Abscess\n\nEpidural abscesses involve the posterior epidural space more often than the anterior epidural space.\n",
        negation=True,
    )
    assert ("EpiduralAbscess", "canInvolve", "PosteriorEpiduralSpace", False) in facts
    assert not any(o == "AnteriorEpiduralSpace" for _s, _p, o, _n in facts)


def test_lesions_listed_as_those_that_involve_a_site_are_each_placed_there(extractor):
    facts = accepted(
        extractor,
        "Epidural lesions\n\nLesions that may involve the epidural space include epidural lymphoma and epidural hematoma.\n",
        negation=True,
    )
    assert ("EpiduralLymphoma", "canInvolve", "EpiduralSpace", False) in facts
    assert ("EpiduralHematoma", "canInvolve", "EpiduralSpace", False) in facts
    plain = accepted(
        extractor, "Epidural lesions\n\nLesions near the epidural space include epidural lymphoma.\n", negation=True
    )
    assert ("EpiduralLymphoma", "canInvolve", "EpiduralSpace", False) not in plain


def test_a_procedure_told_again_after_an_earlier_mention_is_a_new_one(extractor):
    paper = text_document(
        "Sacral chordoma: a case report\n\nA 50-year-old man presented with back pain. "
        "After lumbar MRI, an extradural lesion was seen at L1. Therefore, another MRI was done for the upper spine.\n",
        kind="case report",
    )
    underwent = {s["object"] for s in extractor.extract(paper).accepted if s["predicate"] == "underwent"}
    assert {"case:mri", "case:mri-2"} <= underwent


def test_a_review_caption_names_the_primary_of_its_figure_lesion(extractor):
    facts = accepted(
        extractor,
        "Imaging\n\nFigure 5: Sagittal T1-weighted image shows metastatic melanoma lesions in the L2 vertebral body.\n",
        negation=True,
    )
    assert ("case:figure-5-lesion", "hasPrimaryTumour", "Melanoma", False) in facts
    plain = accepted(extractor, "Imaging\n\nFigure 6: Axial CT of the chest shows a lung carcinoma.\n", negation=True)
    assert not any(p == "hasPrimaryTumour" for _s, p, _o, _n in plain)


def test_an_imaging_study_done_with_a_treatment_is_not_a_procedure_of_its_own(extractor):
    paper = text_document(
        "Sacral chordoma: a case report\n\nA 50-year-old man presented with back pain. MRI showed an extradural lesion at L1. "
        "Two days later an angiogram with embolization was performed.\n",
        kind="case report",
    )
    underwent = {s["object"] for s in extractor.extract(paper).accepted if s["predicate"] == "underwent"}
    assert "case:embolization" in underwent
    assert not any(o.startswith("case:angiography") for o in underwent)


def test_what_the_past_history_holds_is_not_the_presentation(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with leg weakness. His past medical history was significant for back pain ten years prior.\n",
    )
    assert ("case:patient", "presentsWith", "ExtremityWeakness", False) in facts
    assert ("case:patient", "presentsWith", "BackPain", False) not in facts


def test_lesions_along_a_site_and_a_focus_word_after_the_preposition(extractor):
    along = accepted(
        extractor,
        "Imaging\n\nFigure 3: Sagittal T1-weighted image shows small nodular lesions along the cauda equina.\n",
        negation=True,
    )
    assert ("case:figure-3-lesion", "locatedIn", "CaudaEquina", False) in along
    both = accepted(
        extractor,
        "Imaging\n\nFigure 4: Sagittal T1-weighted image shows low signal in not only the pedicle but also the lamina.\n",
        negation=True,
    )
    assert {
        ("case:figure-4-lesion", "locatedIn", "Pedicle", False),
        ("case:figure-4-lesion", "locatedIn", "Lamina", False),
    } <= both


def test_spread_into_a_site_is_extension_and_spread_to_is_not_read_here(extractor):
    facts = accepted(extractor, "Chordoma\n\nChordomas may spread into the epidural space.\n", negation=True)
    assert ("Chordoma", "extendsInto", "EpiduralSpace", False) in facts
    far = accepted(extractor, "Chordoma\n\nChordomas may spread to the lung.\n", negation=True)
    assert ("Chordoma", "extendsInto", "Lung", False) not in far


def test_the_case_lesion_named_as_the_cause_of_a_complaint(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI showed an extradural lesion at L1, "
        "and it was the cause of the back pain.\n",
    )
    assert ("case:lesion", "causes", "BackPain", False) in facts
    other = case_report(
        extractor,
        "A 50-year-old man presented with back pain. MRI showed an extradural lesion at L1. "
        "A fall was the cause of the back pain.\n",
    )
    assert ("case:lesion", "causes", "BackPain", False) not in other


def test_a_bracketed_pointer_and_a_side_of_the_site_do_not_hide_the_site(extractor):
    pointer = accepted(
        extractor,
        "Imaging\n\nFigure 2: Sagittal T1-weighted image shows enhancing lesions (arrows) along the cauda equina.\n",
        negation=True,
    )
    assert ("case:figure-2-lesion", "locatedIn", "CaudaEquina", False) in pointer
    side = accepted(
        extractor,
        "Imaging\n\nFigure 3: Axial T2-weighted image shows a hyperintense mass in the left side of the spinal canal.\n",
        negation=True,
    )
    assert ("case:figure-3-lesion", "locatedIn", "SpinalCanal", False) in side
    away = accepted(
        extractor,
        "Imaging\n\nFigure 4: Axial T2-weighted image shows a hyperintense mass (arrow), with a normal spinal canal.\n",
        negation=True,
    )
    assert ("case:figure-4-lesion", "locatedIn", "SpinalCanal", False) not in away


def test_a_sensory_level_at_a_named_level_is_an_examination_finding(extractor):
    facts = case_report(
        extractor,
        "A 50-year-old man presented with leg weakness. MRI showed an extradural lesion at T8. "
        "The sensory examination revealed a T6 sensory level.\n",
    )
    assert ("case:patient", "hasExamFinding", "SensoryLevel", False) in facts
    assert ("case:lesion", "atLevel", "T6", False) not in facts


def test_extension_told_as_a_noun_with_the_lesion_after_it(extractor):
    facts = accepted(
        extractor, "Chordoma\n\nExtension of chordomas into the epidural space is common.\n", negation=True
    )
    assert ("Chordoma", "extendsInto", "EpiduralSpace", False) in facts
    origin = accepted(
        extractor,
        "Chordoma\n\nThe extension of chordomas is often large, and the epidural space is spared.\n",
        negation=True,
    )
    assert ("Chordoma", "extendsInto", "EpiduralSpace", False) not in origin
