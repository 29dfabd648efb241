"""Which recognised concepts a sentence negates, by NegEx scope (negspacy on a blank spaCy pipeline).

negspacy implements NegEx (Chapman et al. 2001): a negation cue ("no", "without", "denied", "no
evidence of") negates the concepts after it up to a terminating word ("but", "however", "which")
or the end of the sentence; pseudo-negations ("no increase", "not only") negate nothing. It needs no
trained model: ``spacy.blank("en")`` gives the tokeniser, and the concepts found by
:mod:`kg.extract.recognise` are handed to it as entities. We add termination at ";", ":" and at
"with", "while", "whereas" so that "without calcification and with flow voids" negates only the
calcification, and at "and ultimately", "and later" ..., which start the next event; as the original
NegEx does, we keep a negation only within ``SCOPE_WINDOW``
tokens of its cue, so that "no trials exist for X, surgery appears to be the treatment of choice"
does not negate the surgery. "No further evidence of progression" negates the progression (NegEx lists
"no further" as a pseudo-negation; we do not), and a "free flap" is a reconstruction, not the
following negation "free" of "pain free". Scope also ends at a second predicate ("... and showed
intense enhancement") and at verbs that draw a conclusion from the negated finding ("absence of flow
voids favours a tumour", "no flow voids were seen to suggest a malformation", "no mitoses, establishing
a grade II tumour"); "neither X nor Y" negates both; "X is absent" and "X is not seen" negate the X
before them, while "absent" after a copula negates nothing after it; and "free" negates only the word it
follows ("pain free"), unless it is the "free of" that negates what follows. Hedge words are not NegEx's
business: :func:`hedge_words` finds them with the lexicon of :mod:`kg.hedges`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from negspacy.negation import Negex  # noqa: F401  (registers the "negex" factory)
from negspacy.termsets import termset
from spacy.tokens import Span

from kg.extract.recognise import Mention
from kg.hedges import HEDGE_LEXICON

SCOPE_WINDOW = 8
EXTRA_TERMINATION = [
    ";",
    ":",
    "with",
    "while",
    "whereas",
    "unlike",
    "rather than",
    "in contrast",
    "and was",
    "and were",
    "and he",
    "and she",
    "and showed",
    "and shows",
    "and demonstrated",
    "and demonstrates",
    "and revealed",
    "and had",
    "and has",
    "favours",
    "favors",
    "favour",
    "favor",
    "suggests",
    "suggesting",
    "indicates",
    "indicating",
    "supports",
    "distinguishes",
    "distinguish",
    "to suggest",
    "to indicate",
    "establishing",
    "confirming",
    "and ultimately",
    "and eventually",
    "and subsequently",
    "and later",
]
EXTRA_PRECEDING = [
    "lack of",
    "absent",
    "no sign of",
    "no evidence of",
    "free of",
    "negative for",
    "did not show",
    "does not",
    "do not",
    "did not",
    "not",
    "neither",
    "nor",
]
EXTRA_FOLLOWING = [
    "is absent",
    "are absent",
    "was absent",
    "were absent",
    "is not seen",
    "are not seen",
    "is not present",
    "are not present",
    "is not identified",
    "are not identified",
]
# A following cue that negates only the word it is written after: "pain free" frees the patient of pain, not of
# being a patient.
ADJACENT_ONLY = {"free"}
COPULAS = {"is", "are", "was", "were", "be", "been", "remains", "remained"}
EXTRA_PSEUDO = ["free flap", "free-flap", "free tissue transfer"]
DROPPED_PSEUDO = {"no further"}
HEDGES = re.compile("|".join(f"(?:{pattern})" for _level, pattern in HEDGE_LEXICON), re.I)
WEAK_HEDGE = re.compile(r"appears?|reported(?:ly)?|considered|thought|suggest\w*")
HEDGE_PHRASE = re.compile(
    r"\bin (?:rare|some|most|many|few) cases(?: \(about [^)]*\))?|\babout \d+(?:\.\d+)?%|\bup to\b", re.I
)


@lru_cache(maxsize=1)
def _pipeline():
    """A blank English pipeline with negspacy's NegEx component (built once)."""
    nlp = spacy.blank("en")
    patterns = termset("en_clinical").get_patterns()
    patterns["termination"] = sorted(set(patterns["termination"]) | set(EXTRA_TERMINATION))
    patterns["preceding_negations"] = sorted(set(patterns["preceding_negations"]) | set(EXTRA_PRECEDING))
    patterns["pseudo_negations"] = sorted((set(patterns["pseudo_negations"]) - DROPPED_PSEUDO) | set(EXTRA_PSEUDO))
    patterns["following_negations"] = sorted(set(patterns["following_negations"]) | set(EXTRA_FOLLOWING))
    nlp.add_pipe("negex", config={"neg_termset": patterns, "ent_types": [], "chunk_prefix": []})
    return nlp


def negated_mentions(text: str, mentions: list[Mention]) -> set[int]:
    """Indices (into ``mentions``) of the mentions the sentence negates."""
    if not mentions:
        return set()
    nlp = _pipeline()
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0
    spans, owners = [], []
    for index, mention in enumerate(mentions):
        span = doc.char_span(mention.start, mention.end, label="CONCEPT", alignment_mode="expand")
        if span is not None and not any(span.start < s.end and s.start < span.end for s in spans):
            spans.append(span)
            owners.append(index)
    doc.ents = [Span(doc, s.start, s.end, label="CONCEPT") for s in spans]
    negex = nlp.get_pipe("negex")
    doc = negex(doc)
    preceding, following, _terminating = negex.process_negations(doc)
    preceding = [cue for cue in preceding if not _predicative(doc, cue)]
    following = [cue for cue in following if not _free_of(doc, cue)]
    adjacent = [cue for cue in following if doc[cue[1]].lower_ in ADJACENT_ONLY]
    following = [cue for cue in following if cue not in adjacent]
    return {
        owners[k]
        for k, entity in enumerate(doc.ents)
        if entity._.negex
        and (_within_window(entity, preceding, following) or any(start == entity.end for _i, start, _e in adjacent))
        and not _past_list_item(doc, entity, preceding)
    }


def _past_list_item(doc, entity: Span, preceding: list) -> bool:
    """Whether a "without" inside one item of a list reaches into the next item, which it does not negate.

    In "masses in the subarachnoid space, hydrocephalus without a discernible cause, or diffuse
    enhancement" the "without" belongs to the hydrocephalus; the enhancement after ", or" is the list's
    next item. A list that the cue opens ("without calcification, haemorrhage, or necrosis") is all
    negated: there no comma stands before the cue.
    """
    cues = [cue for cue in preceding if cue[2] <= entity.start]
    if not cues:
        return False
    _id, start, end = max(cues, key=lambda cue: cue[2])
    if doc[start].lower_ != "without" or not any(t.text == "," for t in doc[:start]):
        return False
    between = doc[end : entity.start]
    return any(t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("or", "and") for t in between)


def _predicative(doc, cue: tuple) -> bool:
    """Whether a cue that negates what follows it stands after a copula and so negates what came before.

    "Enhancement is absent in the acute phase, and patchy enhancement may appear later": "absent" after
    "is" says the enhancement before it is missing, not the one after it.
    """
    _id, start, _end = cue
    return start > 0 and doc[start - 1].lower_ in COPULAS and doc[start].lower_ == "absent"


def _free_of(doc, cue: tuple) -> bool:
    """Whether a "free" that negates what comes before it ("pain free") is the "free of" that negates what follows."""
    _id, start, end = cue
    return doc[start].lower_ == "free" and end < len(doc) and doc[end].lower_ == "of"


def _within_window(entity: Span, preceding: list, following: list) -> bool:
    """Whether a negation cue lies within ``SCOPE_WINDOW`` tokens of the entity, as in the original NegEx."""
    before = any(0 <= entity.start - end <= SCOPE_WINDOW for _id, _start, end in preceding)
    after = any(0 <= start - entity.end <= SCOPE_WINDOW for _id, start, _end in following)
    return before or after


def hedge_words(text: str) -> str | None:
    """The hedge words of a text as written ("usually", "may", "in rare cases (about 1%)"), or None.

    Verbs the hedge lexicon counts as "possibly" ("appear", "reported") are dropped when a stronger
    hedge stands beside them: in "usually appear on the skin" the hedge is "usually".
    """
    phrase = HEDGE_PHRASE.search(text)
    if phrase:
        return phrase.group(0)
    words = [m.group(0).lower() for m in HEDGES.finditer(text) if m.group(0).strip()]
    if any(not WEAK_HEDGE.fullmatch(w) for w in words):
        words = [w for w in words if not WEAK_HEDGE.fullmatch(w)]
    return " ".join(dict.fromkeys(words)) or None
