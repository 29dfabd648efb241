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

from kg.extract.recognise import Lexicon, Mention
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
COORDINATION = re.compile(r"\b([A-Za-z]+)\s*(?:,\s*|\s+(?:or|and|and/or)\s+)$")


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
    found += _coordinated(text, found, lexicon)
    return sorted(found, key=lambda m: m.start)


def _coordinated(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Concepts named by a word coordinated with a multi-word mention's first word: "bowel or bladder symptoms"."""
    added = []
    for mention in mentions:
        words = mention.text.split()
        if len(words) < 2:
            continue
        window_start = max(0, mention.start - 40)
        match = COORDINATION.search(text[window_start : mention.start])
        if match is None:
            continue
        phrase = " ".join([match.group(1)] + words[1:])
        start = window_start + match.start(1)
        for candidate in lexicon.recognise(phrase):
            if candidate.start == 0 and candidate.end == len(phrase) and candidate.concept != mention.concept:
                if not any(m.start <= start < m.end for m in mentions):
                    added.append(Mention(candidate.concept, start, start + len(match.group(1)), match.group(1)))
    return added
