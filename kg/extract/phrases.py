"""Clinical phrasings the ontology's labels do not spell out: verbs and predicates that name a concept.

Case narratives tell outcomes, procedures and examination findings with verbs ("he remained stable",
"the tumour recurred", "the mass was resected", "reflexes were brisk") where the ontology has noun
labels (*stable disease*, *recurrence*, *surgical resection*, *hyperreflexia*). This module adds a
mention of the concept for each such phrase, and reads coordinated heads ("bowel or bladder symptoms"
names *bowel symptoms* as well as *bladder symptoms*). The phrases are ordinary clinical English, listed
per concept, not the sentences of one paper.
"""

from __future__ import annotations

import re

from kg.extract.recognise import Concept, Lexicon, Mention
from kg.namespaces import SK

PHRASES: list[tuple[str, re.Pattern]] = [
    (
        "StableDisease",
        re.compile(
            r"\b(?:remain(?:ed|s)?|was|is|has been)\s+(?:clinically\s+|neurologically\s+|radiologically\s+)?stable\b",
            re.I,
        ),
    ),
    (
        "RecoveryWithoutNeurologicalComplaints",
        re.compile(
            r"\brecover(?:ed|s|y)?\s+without\s+(?:any\s+)?neurologic(?:al)?\s+(?:complaints?|deficits?|sequelae)\b",
            re.I,
        ),
    ),
    ("TreatmentSuccess", re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?successful\b", re.I)),
    ("AbortedSurgery", re.compile(r"\b(?:was|were)\s+(?:again\s+|then\s+)?(?:aborted|abandoned|stopped)\b", re.I)),
    ("Death", re.compile(r"\b(?:died|passed away)\b", re.I)),
    ("Recurrence", re.compile(r"\b(?:recurred|relapsed)\b", re.I)),
    ("SurgicalResection", re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?(?:resected|excised|removed)\b", re.I)),
    ("ReconstructiveSurgery", re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?reconstructed\b", re.I)),
    ("Biopsy", re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?biopsied\b", re.I)),
    ("Embolization", re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?embolized\b", re.I)),
    ("RadiationTherapy", re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?irradiated\b", re.I)),
    (
        "RadiatingPain",
        re.compile(
            r"\bradiat\w*\s+(?:in)?to\s+(?:the\s+|both\s+|his\s+|her\s+|one\s+)?(?:legs?|arms?|(?:lower"
            r"|upper) (?:limbs?|extremit\w+)|buttocks?|thighs?|shoulders?)\b|\bpain\s+(?:was\s+)?referred\s+to\b",
            re.I,
        ),
    ),
    (
        "Hyperreflexia",
        re.compile(
            r"\breflexes\s+(?:\w+\s+){0,2}(?:were|was)\s+(?:brisk|increased|exaggerated|\d\+)"
            r"|\bbrisk\s+(?:\w+\s+)?reflexes\b",
            re.I,
        ),
    ),
    ("NormalUpperExtremities", re.compile(r"\bupper (?:extremities|limbs)\s+(?:were|was)\s+normal\b", re.I)),
    ("NormalGait", re.compile(r"\bgait\b[^.;]{0,40}?\b(?:was|were)\s+normal\b", re.I)),
    (
        "NormalCranialNerveExam",
        re.compile(r"\bcranial nerves?\b[^.;]{0,20}?\b(?:was|were)\s+(?:normal|intact)\b", re.I),
    ),
]
COORDINATION = re.compile(r"\b([A-Za-z]+)\s*(?:,\s*(?:(?:and|or|and/or)\s+)?|\s+(?:or|and|and/or)\s+)$")
LIST_WINDOW = 80


def phrase_mentions(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The mentions with those of the phrases and coordinated heads added, left to right.

    A phrase mention replaces the shorter mentions inside it ("recovered without neurological
    complaints" is one outcome, not a *symptom*), and is not added where a longer mention already covers it.
    """
    found = list(mentions)
    for name, pattern in PHRASES:
        concept = lexicon.concepts.get(SK[name])
        if concept is None:
            continue
        for match in pattern.finditer(text):
            if any(m.start <= match.start() and match.end() <= m.end for m in found):
                continue
            found = [m for m in found if not (match.start() <= m.start and m.end <= match.end())]
            found.append(Mention(concept, match.start(), match.end(), match.group(0)))
    coordinated = _coordinated(text, found, lexicon)
    found = [m for m in found if not any(m.start <= c.start < m.end for c in coordinated)] + coordinated
    return sorted(found, key=lambda m: m.start)


def _coordinated(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Concepts named by words coordinated with a multi-word mention's first word.

    "bowel or bladder symptoms" names *bowel symptoms*; "ovarian, testicular, and cervical carcinomas" names
    *ovarian carcinoma* and *testicular carcinoma* too. The list is read back from the mention one
    word at a time, as far as its commas and conjunctions go; each word that names a concept with the
    mention's other words is a mention of that concept ("breast, lung, kidney and thyroid carcinoma":
    *breast carcinoma* and *lung carcinoma*, whatever "kidney carcinoma" is called). A word already read
    as a concept of another category gives way when the list makes it one of the mention's own ("lytic
    and blastic metastases": *osteolytic metastasis*, not *lucency*; "breast, lung and thyroid
    carcinoma": *lung carcinoma*, not the lung).
    """
    added: list[Mention] = []
    for mention in mentions:
        words = mention.text.split()
        if len(words) < 2:
            continue
        end = mention.start
        while True:
            window_start = max(0, end - LIST_WINDOW)
            match = COORDINATION.search(text[window_start:end])
            if match is None:
                break
            start = window_start + match.start(1)
            concept = _coordinated_concept(match.group(1), words[1:], mention, lexicon)
            held = [m for m in mentions if m.start <= start < m.end]
            if any(len(m.text.split()) > 1 for m in held):
                break
            if concept is not None and not any(m.category == concept.category for m in held):
                added.append(Mention(concept, start, start + len(match.group(1)), match.group(1)))
            end = start
    return added


def _coordinated_concept(word: str, rest: list[str], mention: Mention, lexicon: Lexicon) -> Concept | None:
    """The concept a coordinated word names with the rest of a mention ("testicular" + "carcinomas"), if any."""
    phrase = " ".join([word] + rest)
    for candidate in lexicon.recognise(phrase):
        if candidate.start == 0 and candidate.end == len(phrase) and candidate.concept != mention.concept:
            return candidate.concept
    return None
