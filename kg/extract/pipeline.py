"""Run extraction over a document and write its statements in the curation file format.

For each sentence: recognise concepts, levels and numbers, mark negations, run the relation rules; then
score every candidate, keep one statement per fact (the most confident, first in the document on a tie),
and write it with the sentence as its quote and every other sentence that states the fact as further
evidence (``moreQuotes``), so that the build locates its evidence exactly as it locates a curator's. A
sentence sees the technique its section heading names (``section_technique``), and an imaging finding
whose rule named no technique takes the one the text gives it. A statement's confidence is its rule's
reliability, lowered when subject and object lie far apart, when the subject was resolved from "this
lesion" or "it", and when it is negated (NegEx scopes are less sure than the words they negate).
Statements at or above the threshold enter the graph; the others go to the review file. In a review or
study (not a case report) each figure caption gets a lesion of its own (``case:figure-<n>-lesion``),
since a caption shows one patient.

The topic that "these lesions" or "it" stand for starts as the lesion of the paper's title (a case
report's lesion, unless the case names no diagnosis and its lesion is just *lesion*), is reset at each
section to the lesion its heading names (else the paper's), and in a review at each new paragraph to that
section's lesion, follows the lesions the sentences name, and is left alone by figure captions, which show
one patient. A sentence opening with the bare head noun of a lesion the sentence before named ("...
vertebral metastasis. A metastasis usually ...") speaks of that lesion. The bare head noun of the
topic's name ("the fistula" in a paper on spinal dural arteriovenous fistula) names the topic, and a
sentence opening with "it" or "this technique" after one on an imaging technique speaks of that technique.

PDF layout cuts sentences: a figure caption set inside a sentence is read around (the sentence is
joined to its rest after the caption and quoted as its two fragments), and body text a caption's
section swallowed after such a cut is given back to the body.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from rdflib import Graph, URIRef
from tqdm import tqdm

from kg.config import Settings
from kg.curation import Vocabulary, locate_quote
from kg.documents import PARAGRAPH_BREAK, Document, Section, Sentence, fold_for_matching
from kg.extract.case import Compartments, Timeline, choose_case_lesion, mark_case_sentences
from kg.extract.levels import find_levels
from kg.extract.negation import negated_mentions
from kg.extract.numbers import find_numbers
from kg.extract.phrases import phrase_mentions
from kg.extract.recognise import Concept, Lexicon, Mention, fold_word, radlex_names
from kg.extract.rules import Candidate, run_rules
from kg.extract.rules.base import ref
from kg.extract.sentence import Ref, SentenceView
from kg.mappings import MappingPaths
from kg.namespaces import SK

CONFIDENCE_THRESHOLD = 0.7
TOPIC_PENALTY = 0.8
EXTRACTOR = "spinekg-extract"
SKIPPED_SECTIONS = re.compile(
    r"^(?:references?|bibliography|acknowledge?ments?|conflicts? of interest|funding)\b", re.I
)
UNKNOWN_TERM = re.compile(
    r"\b[A-Za-z][a-z]{3,}(?:oma|omas|itis|osis|oses|pathy|pathies|ectomy|otomy|plasty|graphy|emia|algia|plegia|paresis"
    r"|cele)\b|\b[A-Z]{2,6}\b"
)
PROGRESS_MIN_SENTENCES = 200
FIGURE_TITLE = re.compile(r"fig(?:ure)?\.?\s*(\d+)", re.I)
TECHNIQUE_CATEGORIES = ("modality", "sequence", "technique")
PRONOUN_OPENING = re.compile(
    r"\W*((?:it|they)\b|(?:this|these)\s+(?:sequences?|techniques?|modalit(?:y|ies)|methods?|examinations?)\b"
    r"|(?:this|these)\b(?=\s+(?:is|are|was|were|can|may|might|has|have|allows?|shows?|detects?|provides?"
    r"|demonstrates?)\b))",
    re.I,
)
EXPLETIVE_IT = re.compile(
    r"\W*it\s+(?:is|was|may be|can be|might be|will be|would be|has been|remains)\s+(?:\w+\s+)?\w+\s+(?:to|that)\b",
    re.I,
)
OPENING_PRONOUN = re.compile(
    r"\W*(?:(?:they|it)\b|these\b(?=\s+(?:are|were|is|may|can|might|have|show|tend|often|usually|typically|also"
    r"|commonly|frequently|rarely)\b))",
    re.I,
)
PRONOUN_WORD = re.compile(r"it|they|these", re.I)
OPENING_WORDS = re.compile(r"\W*(?:(?:the|a|an|most|many|some|all|both)\s+)?", re.I)
LESION_NOUN = re.compile(
    r"\b(?:a|an|the|this|that)\s+(?:[a-z-]+\s+){0,3}?(nodules?|lumps?|collections?)\b(?!\s+of\b)", re.I
)
MAX_HEADING_WORDS = 6
HEADING_BREAKER = re.compile(r"[.,;:!?]\s*$|[,;]")
HEADING_TAIL_WORDS = {"the", "a", "an", "of", "and", "or", "from", "with", "to", "in", "on", "for", "by", "at"}
RESUMED_TEXT = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[a-z])")
FINAL_STOP = re.compile(r"[.!?][\"'’”)\]]*$")
FINDING_PREDICATES = {"hasSignal", "hasEnhancement", "hasDensity", "hasImagingFinding", "showsSign"}
COMPARTMENT_LESION_OF_SITE = {
    "OsseousSite": "OsseousLesion",
    "ExtraduralSite": "ExtraduralLesion",
    "IntraduralExtramedullarySite": "IntraduralExtramedullaryLesion",
    "IntramedullarySite": "IntramedullaryLesion",
    "ParaspinalSite": "ParaspinalLesion",
    "LeptomeningealSite": "LeptomeningealLesion",
}
DESCRIBING_CATEGORIES = {"density", "signal", "enhancement", "finding"}
HEAD_NOUN_CATEGORIES = {
    "disorder",
    "primary",
    "clinical",
    "treatment",
    "procedure",
    "histology",
    "lab",
    "process",
    "complication",
    "drug",
    "technique",
}


@dataclass
class Extraction:
    """What extraction found in one document, ready to be written as YAML."""

    doc_id: str
    individuals: list[dict] = field(default_factory=list)
    accepted: list[dict] = field(default_factory=list)
    review: list[dict] = field(default_factory=list)
    unrecognised: Counter = field(default_factory=Counter)
    unlocated: int = 0

    @property
    def statements(self) -> list[dict]:
        """All statements, accepted first."""
        return self.accepted + self.review


class Extractor:
    """Extraction with the ontology's lexicon, built once and reused for every document."""

    def __init__(
        self,
        ontology: Graph,
        threshold: float = CONFIDENCE_THRESHOLD,
        extra_names: list[tuple[str, URIRef]] | None = None,
    ):
        """Build the lexicon; ``extra_names`` default to the RadLex labels of the project's exact RadLex links."""
        if extra_names is None:
            paths = MappingPaths.of(Settings.from_env())
            extra_names = radlex_names(paths.curated, paths.radlex_terms)
        self.lexicon = Lexicon.from_ontology(ontology, extra_names)
        self.by_name = {concept.name: concept for concept in self.lexicon.concepts.values()}
        self.vocabulary = Vocabulary(ontology)
        self.known = {str(t).rsplit("/", 1)[-1] for t in self.vocabulary.terms}
        self.compartments = Compartments(ontology)
        self.threshold = threshold
        self._head_words: dict[str, frozenset[str]] = {}

    def extract(self, document: Document, show_progress: bool = False) -> Extraction:
        """Extract the statements of one document."""
        sentences = resume_body_text(document, join_fragments(document))
        sentences = join_across_captions(name_plain_headings(document, sentences))
        bar = tqdm(
            total=len(sentences) * 2,
            desc=document.doc_id,
            unit="sentence",
            leave=False,
            disable=not show_progress or len(sentences) < PROGRESS_MIN_SENTENCES,
        )
        views = []
        for sentence in sentences:
            views.append(self._view(sentence))
            bar.update()
        is_case_report = "case" in str(document.metadata.get("kind", "")).lower() or any(
            re.search(r"year[- ]old", v.text) for v in views
        )
        if is_case_report:
            mark_case_sentences(views, [_new_paragraph(document, sentences, k) for k in range(len(sentences))])
            for view in views:
                if view.is_case:
                    self._split_described_lesions(view)
                    self._name_lesion_nouns(view)
        case_lesion = choose_case_lesion(views, _title_of(document), self.lexicon) if is_case_report else None
        if not is_case_report:
            self._assign_figure_lesions(views, sentences)
        timeline = Timeline()
        candidates: list[tuple[Candidate, Sentence]] = []
        named_case_lesion = case_lesion if case_lesion is not None and not case_lesion.grouping else None
        document_topic = named_case_lesion or self._named_lesion(_title_of(document))
        topic: Concept | None = document_topic
        technique, modality, section, body_section, section_technique = None, None, None, None, None
        antecedent, previous_section = None, None
        anchor: Concept | None = None
        section_topic: Concept | None = document_topic
        recent: list[Concept] = []
        for k, (view, sentence) in enumerate(zip(views, sentences)):
            if sentence.section != section:
                technique, modality, section = None, None, sentence.section
                section_technique = None if section.is_caption else self._named_technique(section.title)
            view.section_technique = section_technique
            if not view.is_caption and section != body_section:
                body_section = section
                topic = section_topic = self._named_lesion(section.title) or document_topic
            elif not view.is_caption and not is_case_report and _new_paragraph(document, sentences, k):
                topic = section_topic
            view.topic, view.context_technique = _narrowed(topic, document_topic), technique
            if is_case_report:
                view.case_lesion = case_lesion
            self._name_topic_by_head(view)
            if not view.is_caption:
                follows = section == previous_section and not _new_paragraph(document, sentences, k)
                _name_general_heads(view, recent if follows else [])
                recent = _lesions_named(view)
            named = view.of("sequence", "modality")
            technique = named[-1] if named else technique
            earlier_modality = modality
            modality = next(reversed(view.of("modality")), modality)
            pronoun = self._name_pronoun_technique(view, antecedent) if section == previous_section else None
            found = run_rules(view) + timeline.candidates(view)
            if pronoun is not None:
                _mark_resolved_pronoun(found, pronoun)
            if not view.is_caption:
                follows = section == previous_section and not _new_paragraph(document, sentences, k)
                anchor_pronoun_subjects(found, view, anchor if follows else None)
                anchor = sentence_subject(found, view)
                antecedent, previous_section = _technique_antecedent(found, view), section
            for candidate in found:
                _name_technique(candidate, view, earlier_modality)
            candidates += [(c, sentence) for c in found]
            if not view.is_caption:
                topic = _next_topic(found, topic, view, self.by_name, document_topic)
            bar.update()
        bar.close()
        extraction = Extraction(document.doc_id, unrecognised=_unrecognised(views))
        self._write(document, candidates, case_lesion, timeline, extraction)
        return extraction

    def _named_lesion(self, text: str) -> Concept | None:
        """The most specific lesion a title or heading names ("3.2 Epidural Metastases"), if any."""
        named = [
            m.concept
            for m in self.lexicon.recognise(text)
            if m.category in ("disorder", "primary") and not m.concept.broad
        ]
        return max(named, key=lambda c: c.depth) if named else None

    def _name_topic_by_head(self, view: SentenceView) -> None:
        """Add a mention of the topic where the sentence writes it by the head noun of its name alone.

        A paper on *spinal dural arteriovenous fistula* goes on with "the fistula drains into ..." or
        "fistulas of the sacrum are rare": the bare head stands for the topic, as "this lesion" does, but
        it also says which kind of lesion it means, so rules read it as a name. Only heads no concept is
        known by alone are read so (see :meth:`Lexicon.head_words`).
        """
        if view.topic is None:
            return
        heads = self._head_words.get(view.topic.name)
        if heads is None:
            heads = self._head_words[view.topic.name] = self.lexicon.head_words(view.topic)
        taken = [(m.start, m.end) for m in view.mentions] + [(lv.start, lv.end) for lv in view.levels]
        added = [
            Mention(view.topic, word.start(), word.end(), word.group(0))
            for word in re.finditer(r"[A-Za-z]+", view.text)
            if fold_word(word.group(0)) in heads and not any(s < word.end() and word.start() < e for s, e in taken)
        ]
        if added:
            view.mentions = sorted(view.mentions + added, key=lambda m: m.start)
            view.negated = negated_mentions(view.text, view.mentions)

    def _name_pronoun_technique(self, view: SentenceView, antecedent: Concept | None) -> Mention | None:
        """Add a mention of the technique an opening pronoun stands for, and return it.

        "CT myelography is an option when MRI cannot be done. It shows the thecal sac ...": a sentence
        opening with "it", "they", "this" or "this sequence" goes on about what the sentence before it
        spoke of, and when that was an imaging technique the pronoun names it. Lesions are left to the
        topic (see :meth:`SentenceView.subject_before`), and an "it" that stands for nothing ("it is
        important to ...") names nothing.
        """
        opening = PRONOUN_OPENING.match(view.text)
        if antecedent is None or opening is None or view.is_caption or EXPLETIVE_IT.match(view.text):
            return None
        inside = [m for m in view.mentions if m.start < opening.end()]
        if any(not (m.concept.broad or m.concept.generic) for m in inside):
            return None
        mention = Mention(antecedent, opening.start(1), opening.end(), view.text[opening.start(1) : opening.end()])
        view.mentions = [mention] + [m for m in view.mentions if m not in inside]
        view.negated = negated_mentions(view.text, view.mentions)
        return mention

    def _named_technique(self, heading: str) -> Mention | None:
        """The imaging technique a section heading names ("2.2. Nuclear Medicine", "MRI findings"), if any.

        A sentence under such a heading is about that technique even when it does not name it
        ("False-negative studies are most common with myeloma"). Upper-level terms ("Imaging
        Techniques and Pitfalls") name none; of two, the first is the heading's subject.
        """
        named = [
            m
            for m in self.lexicon.recognise(heading)
            if m.category in ("modality", "sequence", "technique") and not m.concept.broad and not m.concept.generic
        ]
        return named[0] if named else None

    def _assign_figure_lesions(self, views: list[SentenceView], sentences: list[Sentence]) -> None:
        """Give each figure caption of a review or study its own lesion, ``case:figure-<n>-lesion``.

        A caption shows one patient's images, so "a hypointense lesion in the L3 vertebral body" is
        about that patient's lesion, not about metastases in general. Its class is the most specific
        lesion the caption names ("metastatic breast cancer lesions"), else *lesion*.
        """
        by_figure: dict[str, list[SentenceView]] = {}
        for view, sentence in zip(views, sentences):
            number = FIGURE_TITLE.match(sentence.section.title) if view.is_caption else None
            if number:
                by_figure.setdefault(number.group(1), []).append(view)
        generic = self.lexicon.concepts.get(SK.Lesion)
        for number, caption in by_figure.items():
            named = [m.concept for v in caption for m in v.of("disorder", "primary") if not m.concept.broad]
            concept = max(named, key=lambda c: c.depth) if named else generic
            for view in caption:
                view.case_lesion, view.case_lesion_name = concept, f"case:figure-{number}-lesion"

    def _split_described_lesions(self, view: SentenceView) -> None:
        """In case narrative, read a lesion named by its look as that look and the case's lesion.

        For example "an expansile lytic lesion", "a sclerotic lesion".

        A lesion class named by an appearance word ("lytic lesion" for *osteolytic metastasis*) names a
        diagnosis in a review's general statements; in a case it describes what the patient's lesion
        looks like, whatever the diagnosis turns out to be.
        """
        mentions = []
        for mention in view.mentions:
            mentions += self._described_lesion_parts(mention) if mention.category == "disorder" else [mention]
        if len(mentions) != len(view.mentions):
            view.mentions = mentions
            view.negated = negated_mentions(view.text, mentions)

    def _name_lesion_nouns(self, view: SentenceView) -> None:
        """In case narrative, read "the nodule", "a collection", "the lump" as the patient's lesion.

        A report names its lesion by what it looks like until the diagnosis is known ("MRI showed an
        enhancing nodule in the conus", "the collection was hyperintense on T2-weighted images"), as it
        writes "the mass" or "the lesion". Such a head noun with a determiner and no lesion term of its
        own is read as *lesion*, which case narrative takes for the case lesion; "collection" then no
        longer counts as a fluid-collection finding of its own.
        """
        lesion = self.lexicon.concepts.get(SK.Lesion)
        if lesion is None:
            return
        taken = [m for m in view.mentions if m.category in ("disorder", "primary")]
        added = []
        for noun in LESION_NOUN.finditer(view.text):
            start, end = noun.span(1)
            if any(m.start < end and start < m.end for m in taken):
                continue
            added.append(Mention(lesion, start, end, noun.group(1)))
        if added:
            kept = [m for m in view.mentions if not any(a.start < m.end and m.start < a.end for a in added)]
            view.mentions = sorted(kept + added, key=lambda m: m.start)
            view.negated = negated_mentions(view.text, view.mentions)

    def _described_lesion_parts(self, mention: Mention) -> list[Mention]:
        """A look mention and a *lesion* mention for "lytic lesion", else the mention itself."""
        words = list(re.finditer(r"[\w-]+", mention.text))
        if len(words) < 2:
            return [mention]
        head_start = words[-1].start()
        head = self.lexicon.recognise(mention.text[head_start:])
        look = self.lexicon.recognise(mention.text[:head_start].strip())
        whole_head = (
            len(head) == 1 and head[0].concept.iri == SK.Lesion and head[0].end == len(mention.text) - head_start
        )
        whole_look = (
            len(look) == 1
            and look[0].category in DESCRIBING_CATEGORIES
            and look[0].end == len(mention.text[:head_start].strip())
        )
        if not (whole_head and whole_look):
            return [mention]
        at = mention.start
        return [
            Mention(look[0].concept, at, at + look[0].end, look[0].text),
            Mention(head[0].concept, at + head_start, mention.end, mention.text[head_start:]),
        ]

    def _view(self, sentence: Sentence) -> SentenceView:
        """Recognise everything in one sentence."""
        mentions = phrase_mentions(sentence.text, self.lexicon.recognise(sentence.text), self.lexicon)
        levels = find_levels(sentence.text)
        mentions = [m for m in mentions if not any(lv.start < m.end and m.start < lv.end for lv in levels)]
        return SentenceView(
            index=sentence.index,
            text=sentence.text,
            mentions=mentions,
            levels=levels,
            numbers=find_numbers(sentence.text),
            negated=negated_mentions(sentence.text, mentions),
            section=sentence.section.title,
            is_caption=sentence.section.is_caption,
        )

    def _write(
        self,
        document: Document,
        candidates: list[tuple[Candidate, Sentence]],
        case_lesion: Concept | None,
        timeline: Timeline,
        extraction: Extraction,
    ) -> None:
        """Score, de-duplicate, check and turn the candidates into statement mappings."""
        best: dict[tuple, tuple[float, Candidate, Sentence]] = {}
        places: dict[tuple, list[tuple[float, Sentence]]] = {}
        for candidate, sentence in candidates:
            if not self._resolvable(candidate) or _vague(candidate):
                continue
            key = _fact_key(candidate)
            score = confidence(candidate)
            places.setdefault(key, []).append((score, sentence))
            if key not in best or score > best[key][0]:
                best[key] = (score, candidate, sentence)
        kept = sorted(best.values(), key=lambda t: (t[2].index, t[1].rule))
        lesion_placed = case_lesion is not None and (
            self.compartments.placed_by_class(case_lesion.name)
            or any(
                c.subject.name == "case:lesion"
                and not c.negated
                and score >= self.threshold
                and c.object is not None
                and self.compartments.places(c.predicate, self._ancestors(c.object))
                for score, c, _s in kept
            )
        )
        declared_lesion = self._compartment_class(case_lesion, kept) if lesion_placed else None
        extraction.individuals = _individuals(document, declared_lesion, timeline)
        extraction.individuals += _figure_individuals(document, [c for _score, c, _s in kept])
        declared = {"case:" + i["id"] for i in extraction.individuals}
        decided_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        contradicted = _contradicted(kept, self.threshold)
        for score, candidate, sentence in kept:
            if any(r.is_case and r.name not in declared for r in _refs(candidate)):
                continue
            quote = _quote(document, sentence)
            if quote is None:
                extraction.unlocated += 1
                continue
            more = self._more_quotes(document, sentence, score, places[_fact_key(candidate)])
            mapping = _mapping(candidate, score, quote, more)
            if score >= self.threshold and id(candidate) not in contradicted and not _lacks_technique(candidate):
                mapping.update(decidedBy=f"{EXTRACTOR} (confidence >= {self.threshold:.2f})", decidedAt=decided_at)
                extraction.accepted.append(mapping)
            else:
                extraction.review.append(mapping)

    def _compartment_class(self, case_lesion: Concept, kept: list[tuple[float, Candidate, Sentence]]) -> Concept:
        """The class a case lesion is declared with.

        Its own, or, for a lesion the report gives no diagnosis the ontology knows (a grouping class such as *lesion*),
        the compartment class of the first site that places it ("a lytic lesion of the lamina" is an *osseous lesion*),
        as a curator would type it.
        """
        if not case_lesion.grouping:
            return case_lesion
        for score, candidate, _sentence in kept:
            if (
                candidate.subject.name != "case:lesion"
                or candidate.negated
                or score < self.threshold
                or candidate.object is None
                or not self.compartments.places(candidate.predicate, self._ancestors(candidate.object))
            ):
                continue
            for site, lesion_class in COMPARTMENT_LESION_OF_SITE.items():
                if site in self._ancestors(candidate.object) and lesion_class in self.by_name:
                    return self.by_name[lesion_class]
        return case_lesion

    def _more_quotes(
        self, document: Document, first: Sentence, score: float, places: list[tuple[float, Sentence]]
    ) -> list[dict]:
        """The other sentences that state a fact, as further evidence of its one statement.

        A paper often states a fact twice (abstract and body, caption and text); like a Wikidata
        statement with several references, the statement keeps one id and cites each sentence. A
        statement that enters the graph cites only the sentences that would have let it in alone,
        so a weak reading (a guessed "it") adds no evidence to a sure one.
        """
        floor = min(score, self.threshold)
        more, seen = [], {first.index}
        for place_score, sentence in sorted(places, key=lambda p: p[1].index):
            if sentence.index in seen or place_score < floor:
                continue
            seen.add(sentence.index)
            quote = _quote(document, sentence)
            if quote is not None:
                more.append(
                    {"quote": quote["text"], "occurrence": quote["occurrence"]}
                    if quote.get("occurrence")
                    else {"quote": quote["text"]}
                )
        return more

    def _ancestors(self, reference: Ref) -> frozenset:
        """The ancestor names of a referenced term (its own name included)."""
        concept = reference.concept or self.lexicon.concepts.get(SK[reference.name])
        return concept.ancestors if concept is not None else frozenset()

    def _resolvable(self, candidate: Candidate) -> bool:
        """Whether every term the candidate names is declared by the ontology (case individuals aside)."""
        names = [r.name for r in _refs(candidate) if not r.is_case]
        names += [v.name for v in candidate.qualifiers.values() if isinstance(v, Ref) and not v.is_case]
        return all(n in self.known or n in ("subClassOf",) for n in names) and candidate.predicate in self.known | {
            "subClassOf"
        }


EMPTY_HISTORY_PREDICATES = ("hasPastHistory", "hasFamilyHistory")


def _vague(candidate: Candidate) -> bool:
    """A statement whose object is an upper-level term ("treated with treatment") says nothing.

    A negated history ("past medical history was negative": no disorder) is the exception: the upper
    term is what it denies.

    Only lesions, symptoms, procedures and the like can be vague this way; a broad site ("the
    vertebral column") or value ("hyperintense") still says something.
    """
    target = candidate.object.concept if candidate.object is not None else None
    if target is None or candidate.object.is_case or candidate.predicate == "subClassOf":
        return False
    if candidate.negated and candidate.predicate in EMPTY_HISTORY_PREDICATES:
        return False
    return target.generic or (target.broad and target.category in HEAD_NOUN_CATEGORIES)


def _name_technique(candidate: Candidate, view: SentenceView, earlier_modality: Mention | None) -> None:
    """Give an imaging finding the technique it is seen with, when its rule named none.

    A finding means little without its technique, and the build's shapes ask every signal, density,
    enhancement, finding or sign to name its sequence or modality. The sentence's own technique
    nearest the finding comes first ("MRI showed ... hyperintense"), then the modality named last
    before it in the section ("On MRI ..." followed by "The discs kept their height"), then the one the
    section heading names ("Computed Tomography"). A sequence named in an earlier sentence is not
    carried over: what it showed was said there. Nor is anything carried into case narrative that
    tells an operation ("the tumour was removed together with its dural base"): what the surgeon saw
    is not what the images showed, so such a finding waits for review.
    """
    if not _lacks_technique(candidate):
        return
    here = view.of("sequence", "modality")
    nearest = min(here, key=lambda m: abs(m.start - candidate.span[0])) if here else None
    if nearest is None and view.is_case and view.of("treatment"):
        return
    technique = nearest or earlier_modality or view.section_technique
    if technique is not None:
        key = "sequence" if technique.category == "sequence" else "modality"
        candidate.qualifiers[key] = ref(technique)


def _lacks_technique(candidate: Candidate) -> bool:
    """Whether an imaging finding names neither sequence nor modality (the build would reject it)."""
    return candidate.predicate in FINDING_PREDICATES and not any(
        candidate.qualifiers.get(k) is not None for k in ("sequence", "modality")
    )


def _contradicted(kept: list[tuple[float, Candidate, Sentence]], threshold: float) -> set[int]:
    """The statements that would enter the graph against a surer statement of the opposite polarity.

    A negated statement and a positive one of the same triple cannot both enter the graph (its SHACL
    shapes forbid a direct triple that a statement denies), and a paper rarely means both: one was
    misread ("it enhanced, with small cysts that did not enhance"). The less confident goes to
    review, the negated one on a tie. Returns the ``id`` of each candidate to hold back.
    """
    positive: dict[tuple, float] = {}
    negated: dict[tuple, float] = {}
    for score, candidate, _sentence in kept:
        if score >= threshold and candidate.object is not None:
            side = negated if candidate.negated else positive
            key = _triple(candidate)
            side[key] = max(score, side.get(key, 0.0))
    held = set()
    for score, candidate, _sentence in kept:
        key = _triple(candidate) if candidate.object is not None else None
        if key in positive and key in negated:
            weaker_is_negated = positive[key] >= negated[key]
            if candidate.negated == weaker_is_negated:
                held.add(id(candidate))
    return held


def _triple(candidate: Candidate) -> tuple[str, str, str]:
    """The direct triple a statement with an object asserts (when not negated)."""
    return candidate.subject.name, candidate.predicate, candidate.object.name


def confidence(candidate: Candidate) -> float:
    """The rule's reliability, lowered for distance, for a topic resolved from "this lesion" or "it", and for negation.

    In case narrative "the lesion" is the case's lesion, which is no guess, so it costs nothing. Nor
    does a general noun phrase heading its clause ("These lesions are ...", "Lesions tend to be ..."):
    it says what it stands for, and all such subjects measured matched a curated statement. A subject
    taken from the paragraph's topic for a pronoun, or for a sentence that names no lesion, costs 20%,
    which sends the statements of rules up to 0.85 to review. Measured (round 4, the corpus and the
    development sets 2 and 3): 43 of 80 such statements matched; 36 of the 39 of rules of reliability
    0.9 did, but only 7 of the 41 of weaker rules (0.85 and below), so the penalty lets in just the sure
    band. A noun phrase for the topic (42 of 47 matched) costs nothing.

    Nor does an opening "they", "it" or "these" whose antecedent is sure, because the sentence before, in
    the same paragraph, had the topic as its subject (``Ref.anchored``, see :func:`anchor_pronoun_subjects`).
    Measured (round 5, the corpus and development sets 2 to 5, all statements including review): 10
    of 10 such statements matched an expected one, all from rules of reliability 0.75 to 0.8, while
    the other topic guesses of those rules matched 12 of 49.
    """
    start, end = candidate.span
    distance = max(0, end - start - 60)
    score = candidate.reliability * max(0.6, 1.0 - distance / 400)
    subject = candidate.subject
    if subject.anaphoric and not subject.is_case and not subject.named_by_noun and not subject.anchored:
        score *= TOPIC_PENALTY
    if candidate.negated:
        score *= 0.9
    return round(score, 3)


def _refs(candidate: Candidate) -> list[Ref]:
    """The subject and object of a candidate."""
    return [r for r in (candidate.subject, candidate.object) if r is not None]


def _fact_key(candidate: Candidate) -> tuple:
    """What makes two candidates the same fact: hyperintense on T1 and hyperintense on T2 are two."""
    target = candidate.object.name if candidate.object else (candidate.value, candidate.value_max, candidate.text)
    sequence = candidate.qualifiers.get("sequence")
    return (
        candidate.subject.name,
        candidate.predicate,
        target,
        candidate.negated,
        sequence.name if isinstance(sequence, Ref) else None,
    )


def statement_id(candidate: Candidate, sentence_index: int) -> str:
    """A stable id from what the statement says and where, so re-extraction gives the same ids."""
    digest = hashlib.sha1(repr((_fact_key(candidate), sentence_index)).encode()).hexdigest()[:8]
    return f"E{digest}"


def _mapping(candidate: Candidate, score: float, quote: dict, more_quotes: list[dict] | None = None) -> dict:
    """A statement in the curation file format, with how it was extracted and every sentence that states it."""
    mapping: dict = {
        "id": statement_id(candidate, quote["sentence"]),
        "kind": candidate.kind,
        "subject": candidate.subject.name,
        "predicate": candidate.predicate,
    }
    if candidate.object is not None:
        mapping["object"] = candidate.object.name
    elif candidate.value is not None:
        mapping["value"] = _number(candidate.value)
        if candidate.value_max is not None:
            mapping["valueMax"] = _number(candidate.value_max)
        mapping["unit"] = candidate.unit
    else:
        mapping["text"] = candidate.text
    if candidate.hedge:
        mapping["hedge"] = candidate.hedge
    if candidate.negated:
        mapping["negated"] = True
    qualifiers = {k: (v.name if isinstance(v, Ref) else v) for k, v in candidate.qualifiers.items() if v is not None}
    if qualifiers:
        mapping["qualifiers"] = qualifiers
    mapping["quote"] = quote["text"]
    if quote.get("occurrence"):
        mapping["occurrence"] = quote["occurrence"]
    if more_quotes:
        mapping["moreQuotes"] = more_quotes
    mapping.update(method="extracted", rule=candidate.rule, confidence=score)
    return mapping


def _number(value: float) -> int | float:
    """A whole number as an int, so YAML reads ``10`` not ``10.0``."""
    return int(value) if float(value).is_integer() else value


def _quote(document: Document, sentence: Sentence) -> dict | None:
    """The sentence as a quote the build can locate, with its occurrence when the text repeats it.

    A sentence joined across a caption is quoted as its two fragments, as a curator quotes it, when one
    occurrence number fits both.
    """
    if isinstance(sentence, JoinedSentence):
        parts = [_quote(document, part) for part in sentence.parts]
        if any(part is None for part in parts) or len({part["occurrence"] for part in parts}) > 1:
            return None
        texts = [part["text"] for part in parts]
        return {"text": texts, "occurrence": parts[0]["occurrence"], "sentence": sentence.index}
    needle = fold_for_matching(sentence.text)
    at = document.mapped.position_of(sentence.start)
    hits, position = [], document.folded.find(needle)
    while position != -1:
        hits.append(position)
        position = document.folded.find(needle, position + 1)
    if at not in hits:
        return None
    occurrence = hits.index(at) + 1 if len(hits) > 1 else None
    try:
        evidence = locate_quote(document, sentence.text, occurrence)
    except ValueError:
        return None
    if evidence.start != sentence.start:
        return None
    return {"text": sentence.text, "occurrence": occurrence, "sentence": sentence.index}


def _individuals(document: Document, case_lesion: Concept | None, timeline: Timeline) -> list[dict]:
    """The case individuals the statements may name: the patient, the lesion once placed, the procedures."""
    title = document.metadata.get("title", document.doc_id)
    if not timeline.individuals and case_lesion is None and not _mentions_patient(document):
        return []
    individuals = [{"id": "patient", "type": "Patient", "label": f"patient of {title}"}]
    if case_lesion is not None:
        individuals.append(
            {"id": "lesion", "type": case_lesion.name, "label": f"{case_lesion.label} of the patient of {title} (case)"}
        )
    for individual, concept in timeline.individuals.items():
        individuals.append(
            {"id": individual, "type": concept.name, "label": f"{concept.label} of the patient of {title} (case)"}
        )
    return individuals


def _figure_individuals(document: Document, kept: list[Candidate]) -> list[dict]:
    """The figure lesions (``case:figure-<n>-lesion``) the statements name, one individual each."""
    title = document.metadata.get("title", document.doc_id)
    figures = {}
    for candidate in kept:
        for reference in _refs(candidate):
            if reference.name.startswith("case:figure-") and reference.concept is not None:
                figures.setdefault(reference.name, reference.concept)
    return [
        {
            "id": name.removeprefix("case:"),
            "type": concept.name,
            "label": f"{concept.label} shown in {name.removeprefix('case:').rsplit('-', 1)[0].replace('-', ' ')}"
            f" of {title}",
        }
        for name, concept in figures.items()
    ]


def _title_of(document: Document) -> str:
    """The paper's title: from its metadata, else its first line when that reads like a title.

    A title taken from a file name ("cervical_ependymoma") is read with its underscores as spaces.
    """
    title = str(document.metadata.get("title", "")).replace("_", " ")
    first_line = document.original.strip().splitlines()[0].strip() if document.original.strip() else ""
    if len(first_line.split()) <= 20 and not first_line.endswith("."):
        title = f"{title}. {first_line}"
    return title


def _mentions_patient(document: Document) -> bool:
    """Whether the document tells of a patient of its own."""
    return bool(re.search(r"year[- ]old|\bthe patient\b|\bour patient\b", document.mapped.text, re.I))


def join_fragments(document: Document) -> list[Sentence]:
    """The document's sentences, with a fragment that goes on in lower case joined to the one before.

    The sentence splitter sometimes cuts inside a parenthesis such as "(Figure 1)"; a "sentence" whose
    predecessor has no final stop, or that starts with a lower-case word ("and hyperintense on T2W
    images"), is the rest of the one before it.
    """
    joined: list[Sentence] = []
    for sentence in (piece for s in document.sentences for piece in _split_at_paragraphs(document, s)):
        previous = joined[-1] if joined else None
        if previous is not None and _continues(document, previous, sentence):
            lo = document.mapped.position_of(previous.start)
            hi = document.mapped.position_of(sentence.end - 1) + 1
            joined[-1] = Sentence(
                previous.index, document.mapped.text[lo:hi], previous.start, sentence.end, previous.section
            )
        else:
            joined.append(sentence)
    return joined


def name_plain_headings(document: Document, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences, with the headings the document's sections missed made headings of what follows them.

    A heading without a number ("Pitfalls", "MRI appearance", "Case presentation") stands alone in its
    paragraph, is short, starts with a capital and ends without a stop; the section finder, which looks
    for numbered or capitalised headings, reads it as a sentence of the section before. Such a heading
    opens a section of its own, as a numbered one does: the topic and the technique the text speaks of
    start again there. The heading itself is no sentence and is left out.
    """
    named: list[Sentence] = []
    heading: Section | None = None
    for k, sentence in enumerate(sentences):
        if heading is not None and sentence.section.index != heading.index:
            heading = None
        if _is_plain_heading(document, sentences, k):
            section = sentence.section
            heading = Section(section.index, sentence.text, sentence.start, section.end, False, sentence.end)
            continue
        under_heading = heading is not None and not sentence.section.is_caption
        named.append(replace(sentence, section=heading) if under_heading else sentence)
    return named


def _is_plain_heading(document: Document, sentences: list[Sentence], k: int) -> bool:
    """Whether sentence ``k`` is a heading the section finder missed (see :func:`name_plain_headings`)."""
    sentence = sentences[k]
    if k == 0 or k + 1 >= len(sentences) or sentence.section.is_caption or sentence.start == sentence.section.start:
        return False
    words = sentence.text.split()
    if not 1 <= len(words) <= MAX_HEADING_WORDS or not sentence.text[:1].isupper():
        return False
    if HEADING_BREAKER.search(sentence.text):
        return False
    if words[-1].lower() in HEADING_TAIL_WORDS or sentence.text == sentence.section.title:
        return False
    before = document.original[sentences[k - 1].end : sentence.start]
    after = document.original[sentence.end : sentences[k + 1].start]
    return bool(PARAGRAPH_BREAK.search(before) and PARAGRAPH_BREAK.search(after))


@dataclass(frozen=True)
class JoinedSentence(Sentence):
    """A body sentence a figure caption cut in two, read as one: ``parts`` are its two fragments."""

    parts: tuple[Sentence, ...] = ()


def join_across_captions(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences worth reading, with each body sentence a caption cut joined to its rest.

    A PDF sets a figure where the page has room, often inside a sentence: "Breast and lung cancer may
    also" | Figure 8 caption | "show mixed lytic and sclerotic lesions". A body sentence left
    unfinished right before a caption goes on at the first body sentence after the caption(s), when
    that one starts in lower case in the same section. The joined sentence is read where its first part
    stands; its rest is read on its own too, since what it says alone still holds (a fact read from
    both is one statement).
    """
    kept = [s for s in sentences if _worth_reading(s)]
    joined: list[Sentence] = []
    for k, sentence in enumerate(kept):
        rest = _rest_after_captions(kept, k)
        if rest is None:
            joined.append(sentence)
            continue
        text = f"{sentence.text} {rest.text}"
        parts = (sentence, rest)
        joined.append(JoinedSentence(sentence.index, text, sentence.start, rest.end, sentence.section, parts))
    return joined


def _rest_after_captions(sentences: list[Sentence], k: int) -> Sentence | None:
    """The rest of sentence ``k`` when a caption cut it (see :func:`join_across_captions`), else None."""
    sentence = sentences[k]
    following = sentences[k + 1] if k + 1 < len(sentences) else None
    if sentence.section.is_caption or FINAL_STOP.search(sentence.text) or following is None:
        return None
    if not following.section.is_caption:
        return None
    rest = next((s for s in sentences[k + 1 :] if not s.section.is_caption), None)
    if rest is None or rest.section != sentence.section or not rest.text[:1].islower():
        return None
    return rest


def resume_body_text(document: Document, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with the body text a figure caption swallowed given back to the body.

    A PDF often sets a figure between the two halves of a body sentence ("the rarity of this disorder is
    apparent, with" | caption | "only nine cases reported to date. The median age was ..."). When the
    text after the caption runs on without a blank line, the caption's section swallows the rest of
    the body paragraph, and its sentences would be read as describing the figure's patient. The
    resumption shows itself: the last body sentence before the caption is unfinished, and inside the
    caption a full stop is followed by a word in lower case, which no caption sentence starts with. From
    there to the caption section's end the text is the body section's again.
    """
    resumed: list[Sentence] = []
    body: Sentence | None = None
    caption, body_section = None, None
    for sentence in sentences:
        if not sentence.section.is_caption:
            resumed.append(sentence)
            body, caption, body_section = sentence, None, None
            continue
        if sentence.section != caption:
            caption, body_section = sentence.section, None
        if body_section is not None:
            resumed.append(replace(sentence, section=body_section))
            continue
        cut = RESUMED_TEXT.search(sentence.text)
        if cut is None or body is None or FINAL_STOP.search(body.text):
            resumed.append(sentence)
            continue
        body_section = body.section
        resumed += _cut_caption(document, sentence, cut.end(), body_section)
    return resumed


def _cut_caption(document: Document, sentence: Sentence, at: int, body_section: Section) -> list[Sentence]:
    """A caption sentence cut where the body text resumes: the caption's part, then the body's part."""
    lo = document.mapped.position_of(sentence.start)
    caption_text, body_text = sentence.text[:at].rstrip(), sentence.text[at:]
    caption_end = document.mapped.ends[lo + len(caption_text) - 1]
    body_start = document.mapped.starts[lo + at]
    return [
        replace(sentence, text=caption_text, end=caption_end),
        Sentence(sentence.index, body_text, body_start, sentence.end, body_section),
    ]


def _split_at_paragraphs(document: Document, sentence: Sentence) -> list[Sentence]:
    """A "sentence" that spans a blank line (a title without a full stop and the text under it) cut in two."""
    cuts = [m.start() for m in PARAGRAPH_BREAK.finditer(document.original, sentence.start, sentence.end)]
    if not cuts:
        return [sentence]
    pieces = []
    bounds = [sentence.start] + [c for cut in cuts for c in (cut, cut)] + [sentence.end]
    for start, end in zip(bounds[::2], bounds[1::2]):
        raw = document.original[start:end]
        start, end = start + len(raw) - len(raw.lstrip()), end - (len(raw) - len(raw.rstrip()))
        if start >= end:
            continue
        lo, hi = document.mapped.position_of(start), document.mapped.position_of(end - 1) + 1
        pieces.append(Sentence(sentence.index, document.mapped.text[lo:hi].strip(), start, end, sentence.section))
    return pieces


def _continues(document: Document, previous: Sentence, sentence: Sentence) -> bool:
    """Whether a sentence is the rest of the one before.

    Same section and paragraph, not after a heading, and the one before has no final stop or this one starts in lower
    case.
    """
    if previous.section != sentence.section or previous.end <= (previous.section.heading_end or -1):
        return False
    if PARAGRAPH_BREAK.search(document.original[previous.end : sentence.start]):
        return False
    unfinished = not re.search(r"[.!?][\"'’”)\]]*$", previous.text)
    return unfinished or sentence.text[:1].islower()


def _worth_reading(sentence: Sentence) -> bool:
    """Sentences of the body and captions, not headings, reference lists or fragments."""
    return len(sentence.text.split()) >= 3 and not SKIPPED_SECTIONS.match(sentence.section.title)


def _new_paragraph(document: Document, sentences: list[Sentence], k: int) -> bool:
    """Whether a blank line separates sentence ``k`` from the one before it."""
    if k == 0:
        return True
    return bool(PARAGRAPH_BREAK.search(document.original[sentences[k - 1].end : sentences[k].start]))


def _next_topic(
    found: list[Candidate],
    topic: Concept | None,
    view: SentenceView,
    by_name: dict[str, Concept],
    document_topic: Concept | None = None,
) -> Concept | None:
    """The topic after a sentence, for the anaphora of the sentences that follow.

    It is the topic so far when the sentence points back to it ("the most important differential
    diagnosis of this disease"), else the lesion its statements are about when named outright, else
    the lesion the sentence opens with ("Epidural metastasis is often contiguous with ..." even when no
    rule read it), else the paper's own lesion (``document_topic``) when the sentence names it anywhere
    ("MRI had a sensitivity of 95% for spondylodiscitis" after a sentence on its epidural abscess), else
    the topic so far.

    When a statement ties a primary tumour to the metastasis it gives ("Prostate and bladder primaries
    commonly have blastic metastases"), the metastasis is the topic, not the primary.

    A lesion named after the topic in a sentence on the topic ("Extension of the infection into the
    epidural space is common, and an epidural abscess may compress the cord") is a side remark and does
    not take the topic over, unless it is a kind of the topic (see :func:`_side_lesion`).

    The pipeline does not call this for figure captions: a caption shows one patient and leaves the
    topic of the text around it alone.
    """
    if topic is not None and view.points_back():
        return topic
    for candidate in found:
        concept = candidate.subject.concept
        if concept is None or candidate.subject.anaphoric or candidate.subject.is_case:
            continue
        if _not_a_topic(concept, topic) or _side_lesion(concept, topic, view):
            continue
        gives = candidate.object is not None and candidate.kind == "primary_to_metastasis"
        caused = by_name.get(candidate.object.name) if gives else None
        if caused is not None and caused.category == "disorder" and not caused.broad:
            return caused
        if concept.category in ("disorder", "primary"):
            return concept
    opening = view.mentions[0] if view.mentions else None
    if opening is not None and opening.concept.category in ("disorder", "primary") and not opening.concept.broad:
        opens = re.fullmatch(r"\W*(?:(?:the|a|an|most|many|some)\s+)?", view.text[: opening.start])
        if opens and not _not_a_topic(opening.concept, topic):
            return opening.concept
    if document_topic is not None and any(m.concept.name == document_topic.name for m in view.mentions):
        return document_topic
    return topic


def _name_general_heads(view: SentenceView, specific: list[Concept]) -> None:
    """Read a sentence's opening bare general head noun as the more specific lesion the sentence before named.

    "The main differential is vertebral metastasis. A metastasis usually begins in the posterior
    body": the second sentence's subject is the vertebral metastasis, written by its head noun alone.
    A one-word lesion mention that opens the sentence and whose class is an ancestor of exactly one of
    ``specific`` (the lesions the sentence before, in the same paragraph, named) stands for that lesion.
    Where two could be meant, or the general noun stands further on ("unlike other metastases"), the
    mention keeps its general class: there the text speaks of the class.
    """
    changed = False
    mentions = []
    for mention in view.mentions:
        opens = OPENING_WORDS.fullmatch(view.text[: mention.start]) is not None
        meant = _specific_meaning(mention, specific) if opens else None
        changed = changed or meant is not None
        mentions.append(mention if meant is None else replace(mention, concept=meant))
    if changed:
        view.mentions = mentions


def _specific_meaning(mention: Mention, specific: list[Concept]) -> Concept | None:
    """The one concept of ``specific`` that a bare one-word lesion mention is a general name for, if any."""
    if mention.category not in ("disorder", "primary") or not re.fullmatch(r"[A-Za-z]+", mention.text):
        return None
    below = {c.name: c for c in specific if mention.concept.name in c.ancestors}
    return next(iter(below.values())) if len(below) == 1 else None


def _lesions_named(view: SentenceView) -> list[Concept]:
    """The lesions a sentence names, for the bare head nouns of the next sentence (see :func:`_name_general_heads`)."""
    return [m.concept for m in view.of("disorder", "primary") if not m.concept.broad and not m.concept.grouping]


def _side_lesion(concept: Concept, topic: Concept | None, view: SentenceView) -> bool:
    """Whether a sentence names ``concept`` only after its first lesion, the topic (or a class above it).

    Such a sentence is about the topic, with the other lesion in a side remark; a class above or below
    the topic is the topic itself, named more generally or more precisely, so it is never a side lesion.
    """
    if topic is None or concept.name == topic.name or topic.name in concept.ancestors:
        return False
    if concept.name in topic.ancestors:
        return False
    lesions = view.of("disorder", "primary")
    first = lesions[0].concept if lesions else None
    on_topic = first is not None and (first.name == topic.name or first.name in topic.ancestors)
    return on_topic and any(m.concept.name == concept.name for m in lesions)


def _not_a_topic(concept: Concept, topic: Concept | None) -> bool:
    """Whether a statement's subject cannot take the topic over from the lesion the text is on.

    The topic is what "they" and "these lesions" stand for, so it is a lesion: a disorder that is no
    lesion ("nerve root compression", "paraplegia") is something the lesion does, and a broad class
    ("cancer" in "the rate is 19% in patients with cancer") speaks of many lesions.
    """
    if topic is None:
        return False
    return concept.broad or concept.grouping or not ("Lesion" in concept.ancestors or concept.category == "primary")


def _technique_antecedent(found: list[Candidate], view: SentenceView) -> Concept | None:
    """The imaging technique a sentence speaks of, for an opening pronoun of the next: see ``_name_pronoun_technique``.

    It is the subject of the sentence's first statement about a technique, else the technique the
    sentence opens with ("CT myelography is a helpful technique ...").
    """
    for candidate in found:
        concept = candidate.subject.concept
        if concept is not None and concept.category in TECHNIQUE_CATEGORIES and not candidate.subject.is_case:
            return concept
    opening = view.mentions[0] if view.mentions else None
    if opening is not None and opening.category in TECHNIQUE_CATEGORIES and not opening.concept.broad:
        if re.fullmatch(r"\W*(?:(?:the|a|an)\s+)?", view.text[: opening.start]):
            return opening.concept
    return None


def _mark_resolved_pronoun(found: list[Candidate], pronoun: Mention) -> None:
    """Note on each statement whose subject came from a resolved pronoun that it is a guess, and its words."""
    for candidate in found:
        subject = candidate.subject
        if subject.name == pronoun.concept.name and not subject.anaphoric and candidate.span[0] <= pronoun.end:
            candidate.subject = Ref(subject.name, subject.concept, anaphoric=True, written=pronoun.text)


def sentence_subject(found: list[Candidate], view: SentenceView) -> Concept | None:
    """The lesion a sentence is about as its subject, for an opening "they" or "it" of the next sentence.

    It is the topic when the sentence itself opens with such a pronoun (a paragraph that goes on "They
    ... They ..."; not when the pronoun stood for an imaging technique), else the first lesion the
    sentence names that its statements have as their named subject, else the lesion it opens with
    ("Schwannomas arise from the nerve sheath"). A sentence that names its lesion only further on, as
    an object, has no subject to hand on. Only lesions count (see :func:`_not_a_topic`).
    """
    if view.is_case or view.is_caption:
        return None
    opening = OPENING_PRONOUN.match(view.text)
    if opening is not None and not EXPLETIVE_IT.match(view.text):
        stands_for_technique = any(
            m.start < opening.end() and m.category in TECHNIQUE_CATEGORIES for m in view.mentions
        )
        return None if stands_for_technique else view.topic
    subjects = {
        c.subject.name
        for c in found
        if c.subject.concept is not None and not c.subject.anaphoric and not c.subject.is_case
    }
    lesions = [m for m in view.of("disorder", "primary") if not _not_a_topic(m.concept, view.topic)]
    for mention in lesions:
        if mention.concept.name in subjects:
            return mention.concept
    if lesions and OPENING_WORDS.fullmatch(view.text[: lesions[0].start]):
        return lesions[0].concept
    return None


def anchor_pronoun_subjects(found: list[Candidate], view: SentenceView, anchor: Concept | None) -> None:
    """Mark the subjects an opening "they", "it" or "these" takes from the sentence before as sure (``anchored``).

    "Schwannomas arise from the nerve sheath. They are usually hyperintense on T2-weighted images":
    when the sentence before, in the same paragraph, had the topic as its subject, the pronoun can
    stand for nothing else, so its statements need not pay the penalty of a guessed topic (see
    :func:`confidence`). ``anchor`` is that sentence's subject (:func:`sentence_subject`), ``None``
    when there is none or it lies in another paragraph. A subject one class above the topic ("typical
    hemangiomas" in a paper on vertebral hemangioma) is the topic too, as :func:`_narrowed` reads it.
    """
    topic = view.topic
    if anchor is None or topic is None or view.is_case or view.is_caption:
        return
    if anchor.name != topic.name and anchor.name not in topic.ancestors:
        return
    if not OPENING_PRONOUN.match(view.text) or EXPLETIVE_IT.match(view.text):
        return
    for candidate in found:
        subject = candidate.subject
        pronoun = subject.written is None or PRONOUN_WORD.fullmatch(subject.written) is not None
        if subject.anaphoric and not subject.is_case and subject.name == topic.name and pronoun:
            candidate.subject = replace(subject, anchored=True)


def _narrowed(topic: Concept | None, document_topic: Concept | None) -> Concept | None:
    """The topic a sentence's anaphora stand for: the paper's own lesion when the running topic is a class above it.

    In a report on extradural cavernous hemangioma, "this disease" after a sentence on hemangiomas in
    general is still the paper's lesion.
    """
    if topic is None or document_topic is None or topic.name == document_topic.name:
        return topic
    if topic.name in document_topic.ancestors:
        return document_topic
    return topic


def _unrecognised(views: list[SentenceView]) -> Counter:
    """Words that look like medical terms (-oma, -itis, acronyms ...) that no concept of the ontology covers."""
    counts: Counter = Counter()
    for view in views:
        covered = [(m.start, m.end) for m in view.mentions] + [(lv.start, lv.end) for lv in view.levels]
        for match in UNKNOWN_TERM.finditer(view.text):
            if not any(s <= match.start() < e for s, e in covered):
                word = match.group(0)
                counts[word if word.isupper() else fold_word(word)] += 1
    return counts
