"""One sentence as the relation rules see it: its concepts, levels, numbers, negations and context.

A rule asks questions of a :class:`SentenceView` ("which disorder comes before this word?", "which
sites follow the cue, in the same clause?", "what hedge words lie between these two?") instead of
scanning text itself, so that every rule reads the same way and the clause logic lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.levels import LevelMention
from kg.extract.negation import hedge_words
from kg.extract.numbers import NumberMention
from kg.extract.recognise import Concept, Mention, fold_word

CLAUSE_BREAK = re.compile(
    r";|:|\.\s|, (?:while|whereas|but|however|although|though|so(?=\s)|and (?:it|they|the|this|these))\b|\bwhile\b"
    r"|\bwhereas\b"
    r"|\bbut\b|\bhowever\b|\bwhich\b"
)
ANAPHOR = re.compile(r"^\W*(?:this|these|such|the|those|that|it|they)\b", re.I)
PRONOUN = re.compile(r"it|they|this|these|those", re.I)
DEMONSTRATIVE_OPENING = re.compile(
    r"\W*(?:this|these|such|those)\s+(?:(?!(?:of|in|on|with|for|to|by|at|from|as|is|are|was|were|be|may|can|and|or|that"
    r"|which)\s)[a-z-]+\s+){0,2}",
    re.I,
)
DEFINITE_BEFORE = re.compile(r"\b(?:the|this|these|such|those)\s+(?:\w+\s+)?$", re.I)
DEMONSTRATIVE_WORD = re.compile(r"\b(?:this|these|such|that|those)\s+(?:\w+\s+)?$", re.I)
BARE_OPENING = re.compile(r"\W*(?:the\s+)?", re.I)
# "A focal lesion is ...", "Small lesions may ...": a sentence's opening generic noun phrase, with one adjective that
# does not set it apart from the paragraph's lesion (as "other", "benign" or "secondary" would).
GENERIC_OPENING = re.compile(
    r"\W*(?:an?\s+)?(?!(?:other|another|benign|malignant|primary|secondary|metastatic|similar|different|some|many"
    r"|most|few|several|additional|adjacent|neighbou?ring|larger|smaller)\b)[a-z][a-z-]+\s+",
    re.I,
)
STUDY = re.compile(r"\b([A-Z][A-Za-z'’-]+(?: and [A-Z][A-Za-z'’-]+)? et al\.?)")
REFERENCE = re.compile(r"\[(\d+(?:\s*[,–-]\s*\d+)*)\]")
FIGURE_LESION = "case:figure-"
# Lesions named by the compartment they lie in: in a case report they describe the case lesion.
COMPARTMENT_LESIONS = {
    "OsseousLesion",
    "ExtraduralLesion",
    "EpiduralLesion",
    "IntraduralExtramedullaryLesion",
    "IntramedullaryLesion",
    "LeptomeningealLesion",
    "ParaspinalLesion",
}


@dataclass(frozen=True)
class Ref:
    """A subject or object: an ontology term (``name`` its local name) or a case individual (``case:<id>``).

    ``anchored`` marks an anaphoric subject whose antecedent is certain: an opening "they" or "it"
    right after a sentence of the same paragraph whose subject was that same lesion (see
    :func:`kg.extract.pipeline.anchor_pronoun_subjects`).
    """

    name: str
    concept: Concept | None = None
    anaphoric: bool = False
    written: str | None = field(default=None, compare=False)
    anchored: bool = field(default=False, compare=False)

    @property
    def is_case(self) -> bool:
        """Whether this names a case individual."""
        return self.name.startswith("case:")

    @property
    def named_by_noun(self) -> bool:
        """Whether an anaphoric reference was written as a noun phrase rather than a pronoun or not at all.

        The phrase either heads its clause ("These lesions ...", "Lesions tend to ...") or is a
        demonstrative one anywhere in the sentence ("the differential diagnosis of this disease").

        Such a phrase says what kind of thing it stands for and that it points back, so it rarely misses
        the topic; a pronoun ("it", "they") or a sentence that names no lesion at all is a weaker guess.
        """
        return self.anaphoric and self.written is not None and not PRONOUN.fullmatch(self.written)


@dataclass
class SentenceView:
    """A sentence with everything found in it.

    Besides what the sentence itself names, the pipeline sets its context: ``topic`` (the lesion
    "it" stands for), ``case_lesion``, ``context_technique`` (the sequence or modality named last
    before it in its section) and ``section_technique`` (the one its section heading names, such as
    "2.2. Nuclear Medicine"; its offsets are the heading's, not the sentence's).
    """

    index: int
    text: str
    mentions: list[Mention]
    levels: list[LevelMention]
    numbers: list[NumberMention]
    negated: set[int]
    section: str
    is_caption: bool = False
    is_case: bool = False
    topic: Concept | None = None
    case_lesion: Concept | None = None
    case_lesion_name: str = "case:lesion"
    context_technique: Mention | None = None
    section_technique: Mention | None = None
    notes: dict = field(default_factory=dict)

    def of(self, *categories: str, specific: bool = True) -> list[Mention]:
        """Mentions of the given categories, left to right (without upper-level terms when ``specific``)."""
        return [m for m in self.mentions if m.category in categories and not (specific and m.concept.generic)]

    def is_negated(self, mention: Mention) -> bool:
        """Whether NegEx puts the mention in a negation's scope."""
        return self.mentions.index(mention) in self.negated

    def clause_of(self, position: int) -> tuple[int, int]:
        """The character span of the clause holding a position (clauses end at ';', ':', 'while', 'but' ...)."""
        start, end = 0, len(self.text)
        for match in CLAUSE_BREAK.finditer(self.text):
            if match.end() <= position:
                start = match.end()
            elif match.start() >= position:
                end = match.start()
                break
        return start, end

    def same_clause(self, a: int, b: int) -> bool:
        """Whether two positions lie in one clause."""
        return self.clause_of(a) == self.clause_of(min(max(b, 0), len(self.text) - 1 if self.text else 0))

    def hedge(self, start: int, end: int) -> str | None:
        """Hedge words written in a span of the sentence."""
        return hedge_words(self.text[max(0, start) : end])

    def study(self) -> str | None:
        """The study the sentence cites by name ("Buhmann et al."), if any."""
        match = STUDY.search(self.text)
        return match.group(1).rstrip(".") if match else None

    def reference(self) -> str | None:
        """The paper's own citation marker in brackets ("[14]"), if any."""
        match = REFERENCE.search(self.text)
        return match.group(0) if match else None

    def subject_before(self, position: int, categories=("disorder", "primary")) -> Ref | None:
        """The disorder the sentence speaks about before a position: the first specific one of its clause.

        A general word ("this lesion", "these tumours", "the mass") stands for the case's lesion in a case
        report and for the paragraph's topic elsewhere. A figure caption that names no lesion ("foci of
        increased uptake in the ribs") describes the lesion its figure shows.
        """
        start, _end = self.clause_of(position)
        candidates = [m for m in self.mentions if m.category in categories and m.end <= position]
        in_clause = [m for m in candidates if m.start >= start]
        pool = in_clause or candidates[:1]
        for mention in pool:
            if self._is_case_lesion(mention):
                return self.case_lesion_ref
            if self._describes_topic(mention):
                nearest = mention is pool[-1]
                written = self._anaphor_words(start, position, [mention])
                return self._topic_ref(written or (self._definite_phrase(mention) if nearest else None))
            if not mention.concept.broad and not _is_anaphoric(self.text, mention):
                return Ref(mention.concept.name, mention.concept)
        if pool or ANAPHOR.match(self.text[start:position]) or self._shows_figure_lesion():
            written = self._anaphor_words(start, position, pool)
            if written is None and all(_is_anaphoric(self.text, m) for m in pool):
                written = self._demonstrative_phrase()
            return self._topic_ref(written)
        return None

    def _shows_figure_lesion(self) -> bool:
        """Whether the sentence is a review's figure caption naming no lesion: what it shows is the figure's lesion.

        A case report's captions show its case, whose narrative rules find the patient.
        """
        named = self.of("disorder", "primary", specific=False)
        return self.is_caption and self.case_lesion_name.startswith(FIGURE_LESION) and not named

    def _anaphor_words(self, start: int, position: int, pool: list[Mention]) -> str | None:
        """The words standing for the subject, if the sentence wrote any.

        They are a general noun phrase heading its clause after a demonstrative ("These lesions", "Such
        tumours"), as a bare plural ("Lesions"), or in general text as a generic phrase with one plain
        adjective ("A focal lesion", "Small lesions": one of the kind the paragraph is on), else a pronoun
        opening it ("They"), else ``None``.
        """
        for mention in pool:
            clause_start = self.clause_of(mention.start)[0]
            opening = self.text[clause_start : mention.start]
            plural = fold_word(mention.text.split()[-1]) != mention.text.split()[-1].lower()
            bare = (plural or self._describes_topic(mention)) and BARE_OPENING.fullmatch(opening)
            lesion_word = mention.category in ("disorder", "primary")
            generic = lesion_word and self._stands_alone() and GENERIC_OPENING.fullmatch(opening)
            if DEMONSTRATIVE_OPENING.fullmatch(opening) or bare or generic:
                return self.text[clause_start : mention.end].strip(" ,")
        pronoun = re.match(r"\W*(it|they)\b", self.text[start:position], re.I)
        return pronoun.group(1) if pronoun else None

    def _stands_alone(self) -> bool:
        """Whether a general sentence names no particular lesion a generic phrase could be weighed against.

        "An enhancing lesion ... may be a plaque, an infarct or a metastasis" is about telling lesions apart;
        with no other lesion named, "a focal lesion" can only be one of the paragraph's.
        """
        if self.is_case or self.is_caption:
            return False
        return not any(not m.concept.broad for m in self.of("disorder", "primary", specific=False))

    def _definite_phrase(self, mention: Mention) -> str | None:
        """The definite noun phrase a mention heads ("the tumour", "these deposits"), if it has one.

        A definite general word for the topic says which thing it means, like a demonstrative, when it is
        the lesion nearest the words the statement is read from ("the mean time for the tumour to
        metastasize"); one further back ("although this tumour is rare, it belongs among lesions causing
        ...") is not what those words are about.
        """
        determiner = DEFINITE_BEFORE.search(self.text[max(0, mention.start - 24) : mention.start])
        return determiner.group(0) + mention.text if determiner else None

    def points_back(self) -> bool:
        """Whether the sentence names a lesion by a demonstrative ("this disease", "these tumours").

        Such a sentence goes on about the lesion before it, whatever else it names.
        """
        lesions = self.of("disorder", "primary", specific=False)
        return any(m.concept.broad and _is_anaphoric(self.text, m) for m in lesions)

    def _describes_topic(self, mention: Mention) -> bool:
        """Whether a definite mention of a class above the topic stands for the topic.

        In a paragraph on intramedullary metastases, "the metastatic deposits" are those metastases.
        """
        if self.topic is None or self.is_case or self.is_caption:
            return False
        above = mention.concept.name != self.topic.name and mention.concept.name in self.topic.ancestors
        return above and bool(DEFINITE_BEFORE.search(self.text[max(0, mention.start - 24) : mention.start]))

    def _is_case_lesion(self, mention: Mention) -> bool:
        """In case narrative, a mention of the case lesion's class (or a class above it) is the case lesion.

        In a review's figure caption any lesion named is one the figure shows in its patient, so it is
        the figure's lesion rather than its class in general.
        """
        if not (self.is_case or self.is_caption) or self.case_lesion is None:
            return False
        name = mention.concept.name
        if name == self.case_lesion.name or (name in self.case_lesion.ancestors and not mention.concept.generic):
            return True
        in_review_caption = self.is_caption and not self.is_case
        if in_review_caption and "Lesion" in mention.concept.ancestors and mention.category == "disorder":
            return True
        return name in COMPARTMENT_LESIONS

    @property
    def case_lesion_ref(self) -> Ref:
        """The case's lesion (or, in a review's caption, the figure's lesion) as a subject or object."""
        return Ref(self.case_lesion_name, self.case_lesion)

    def anaphor_ref(self) -> Ref | None:
        """What the sentence speaks of when a rule finds no subject in it.

        That is the case lesion in case narrative, else the topic, noted as written by a demonstrative
        phrase when the sentence has one ("the differential diagnosis of this disease").
        """
        return self._topic_ref(self._demonstrative_phrase() or self._definite_topic_phrase())

    def _definite_topic_phrase(self) -> str | None:
        """A definite general lesion word for the topic anywhere in the sentence ("the mean age of the tumour")."""
        for mention in self.of("disorder", "primary", specific=False):
            if mention.concept.broad and self._describes_topic(mention):
                return self._definite_phrase(mention)
        return None

    def _topic_ref(self, written: str | None) -> Ref | None:
        """What "this lesion", "it", "the tumour" stands for: the case lesion in case narrative, else the topic.

        A figure caption of a review shows one patient's lesion, not the paragraph's topic in general,
        so there it stands for that figure's lesion (``case:figure-3-lesion``) when the pipeline set one.
        ``written`` keeps the words that stood for it, which weigh how sure the guess is.
        """
        if self.is_case or self.is_caption:
            if self.case_lesion is None:
                return None
            return Ref(self.case_lesion_name, self.case_lesion, anaphoric=True, written=written)
        if self.topic is not None:
            return Ref(self.topic.name, self.topic, anaphoric=True, written=written)
        return None

    def _demonstrative_phrase(self) -> str | None:
        """A general lesion word after a demonstrative anywhere in the sentence ("the nature of this tumour").

        With it the sentence says outright that it speaks of the lesion before it.
        """
        for mention in self.of("disorder", "primary", specific=False):
            demonstrative = _demonstrative_before(self.text, mention)
            if mention.concept.broad and demonstrative is not None:
                return demonstrative.group(0) + mention.text
        return None


def _is_anaphoric(text: str, mention: Mention) -> bool:
    """Whether a mention is preceded by a demonstrative ("this lesion", "these tumors")."""
    return _demonstrative_before(text, mention) is not None


def _demonstrative_before(text: str, mention: Mention) -> re.Match | None:
    """The demonstrative (and at most one word) just before a mention: "this " of "this lesion"."""
    return DEMONSTRATIVE_WORD.search(text[max(0, mention.start - 24) : mention.start])
