r"""Read corpus documents: repair PDF artefacts with a map back to the original offsets, split sections and sentences.

The corpus holds PDF-extracted text with ligatures (``ﬁ``), letter-spaced words (``5 3 - y e a r-old``),
words hyphenated across lines (``hemangioperi-\ncytoma``) and ragged white space. Curators quote the
repaired text; every offset the graph stores refers to the original file, so each repair keeps, for
every character of the repaired text, the span of original characters it came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

import pysbd

from kg.errors import DocumentError

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}

# One-to-one character folds used only for matching quotes, so indices stay aligned.
MATCH_FOLDS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "∼": "~", "\u00a0": " "})

HYPHEN_BREAK = re.compile(r"(?<=[a-z])-[ \t]*\n\s*(?=[a-z])")
LETTER_SPACED = re.compile(r"(?<!\S)(?P<run>(?:\S ){2,}\S)(?!\S)(?: (?P<tail>[a-z][\w-]*))?")
WHITESPACE_RUN = re.compile(r"\s+")

NUMBERED_HEADING = re.compile(r"^[ \t]*(\d+(?:\.\d+)*\.)[ \t]+([A-Z][^\n.]{1,70}?)(?:\.|$)", re.M)
CAPS_HEADING = re.compile(r"^[ \t]*((?:CASE\s+REPORT|DISCUSSION|CONCLUSIONS?|Conclusions?|ABSTRACT|RÉSUMÉ))\b", re.M)
FIGURE_CAPTION = re.compile(r"^[ \t]*(?:\[image: \][ \t]*)?(Figure[ \t]+\d+)[ \t]*:", re.M)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass
class MappedText:
    """A text whose every character knows the span of the original file it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def identity(cls, original: str) -> MappedText:
        """Map an original text onto itself."""
        return cls(original, list(range(len(original))), list(range(1, len(original) + 1)))

    def substitute(self, pattern: re.Pattern, replace) -> MappedText:
        """Replace every match of ``pattern`` by ``replace(match)``, keeping the offset map.

        Characters of a replacement map to the whole original span of the match, except when the
        replacement keeps the match's characters in order minus some (a deletion), where each kept
        character keeps its own span.
        """
        text, starts, ends, last = [], [], [], 0
        for match in pattern.finditer(self.text):
            text.append(self.text[last : match.start()])
            starts.extend(self.starts[last : match.start()])
            ends.extend(self.ends[last : match.start()])
            self._emit(match, replace(match), text, starts, ends)
            last = match.end()
        text.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        return MappedText("".join(text), starts, ends)

    def _emit(self, match, replacement: str, text: list, starts: list, ends: list) -> None:
        """Append a replacement's characters with their original spans."""
        kept = _subsequence_positions(replacement, match.group(0))
        text.append(replacement)
        for k, char in enumerate(replacement):
            if kept is not None:
                position = match.start() + kept[k]
                starts.append(self.starts[position])
                ends.append(self.ends[position])
            else:
                starts.append(self.starts[match.start()])
                ends.append(self.ends[match.end() - 1])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original ``(start, end)`` offsets of the repaired span ``[start, end)``."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}-{end} outside text of length {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def position_of(self, original_offset: int) -> int:
        """Return the index of the first repaired character at or after an original offset."""
        return bisect.bisect_left(self.starts, original_offset)


def _subsequence_positions(short: str, long: str) -> list[int] | None:
    """Positions of ``short``'s characters in ``long`` when ``short`` is ``long`` with characters removed."""
    positions, j = [], 0
    for char in short:
        while j < len(long) and long[j] != char:
            j += 1
        if j == len(long):
            return None
        positions.append(j)
        j += 1
    return positions


def _close_letter_spacing(match: re.Match) -> str:
    """Join a run of single characters printed with spaces between them (``y e a r`` -> ``year``).

    The word fragment that completes the run on the same line is glued on (``e m e rgency`` ->
    ``emergency``). A leading one-letter word (``A``, ``a``, ``I``) followed by a digit is kept
    apart: ``A 5 3 - y e a r-old`` is "A 53-year-old".
    """
    tokens = match.group("run").split(" ")
    head = ""
    if tokens[0] in {"A", "a", "I"} and tokens[1][:1].isdigit():
        head, tokens = tokens[0] + " ", tokens[1:]
    return head + "".join(tokens) + (match.group("tail") or "")


def normalise(original: str) -> MappedText:
    """Repair PDF artefacts of an extracted text, keeping a map to the original offsets.

    Steps, in order: expand ligatures, join words hyphenated across a line break, close
    letter-spaced words, fold every run of white space to one space, strip the ends.
    """
    mapped = MappedText.identity(original)
    mapped = mapped.substitute(re.compile("|".join(LIGATURES)), lambda m: LIGATURES[m.group(0)])
    mapped = mapped.substitute(HYPHEN_BREAK, lambda m: "")
    mapped = mapped.substitute(LETTER_SPACED, _close_letter_spacing)
    mapped = mapped.substitute(WHITESPACE_RUN, lambda m: " ")
    return _strip(mapped)


def _strip(mapped: MappedText) -> MappedText:
    """Drop leading and trailing spaces."""
    text = mapped.text
    left = len(text) - len(text.lstrip(" "))
    right = len(text.rstrip(" "))
    return MappedText(text[left:right], mapped.starts[left:right], mapped.ends[left:right])


def fold_for_matching(text: str) -> str:
    """Fold typographic quotes and dashes one-to-one, so a typed quote matches the printed one."""
    return normalise_quote(text).translate(MATCH_FOLDS)


def normalise_quote(quote: str) -> str:
    """Normalise a curator's quote the way documents are normalised (ligatures, white space)."""
    return normalise(quote).text


@dataclass(frozen=True)
class Section:
    """A titled region of a document, in original offsets."""

    index: int
    title: str
    start: int
    end: int
    is_caption: bool = False
    heading_end: int | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its text as repaired and its span in the original file."""

    index: int
    text: str
    start: int
    end: int
    section: Section


@dataclass
class Document:
    """One corpus document: the original text, its repaired form, its sections and sentences."""

    doc_id: str
    original: str
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.original.strip():
            raise DocumentError(f"{self.doc_id}: the document is empty")

    @cached_property
    def mapped(self) -> MappedText:
        """The repaired text with its offset map."""
        return normalise(self.original)

    @cached_property
    def folded(self) -> str:
        """The repaired text folded for quote matching (same length and indices as ``mapped.text``)."""
        return self.mapped.text.translate(MATCH_FOLDS)

    @cached_property
    def sections(self) -> list[Section]:
        """Sections found from numbered and capitalised headings and figure captions."""
        return find_sections(self.original)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences split by pysbd within each section, in document order."""
        return split_sentences(self)

    def section_at(self, original_offset: int) -> Section:
        """Return the section holding an original offset (captions win over the body they interrupt)."""
        holding = [s for s in self.sections if s.start <= original_offset < s.end]
        captions = [s for s in holding if s.is_caption]
        return (captions or holding or [self.sections[0]])[-1]

    def sentence_at(self, original_offset: int) -> Sentence:
        """Return the sentence whose original span holds an offset (or the nearest one before it)."""
        starts = [s.start for s in self.sentences]
        index = max(bisect.bisect_right(starts, original_offset) - 1, 0)
        return self.sentences[index]


def find_sections(original: str) -> list[Section]:
    """Cut a document into body sections at headings, and caption sections at ``Figure N:`` lines.

    A caption runs from its ``Figure N:`` to the next blank line; a body section runs to the next
    heading. Text before the first heading is the section ``front matter``.
    """
    headings = sorted(
        [(m.start(), f"{m.group(1)} {m.group(2).strip()}", m.end()) for m in NUMBERED_HEADING.finditer(original)]
        + [(m.start(), m.group(1).strip(), m.end()) for m in CAPS_HEADING.finditer(original)]
    )
    bounds = [(0, "front matter", None)] + [(at, _title(t), e) for at, t, e in headings if at > 0]
    sections = []
    for i, (start, title, heading_end) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(original)
        sections.append(Section(len(sections) + 1, title, start, end, heading_end=heading_end))
    captions = list(FIGURE_CAPTION.finditer(original))
    for i, m in enumerate(captions):
        brk = PARAGRAPH_BREAK.search(original, m.end())
        end = min(brk.start() if brk else len(original), captions[i + 1].start() if i + 1 < len(captions) else len(original))
        sections.append(Section(len(sections) + 1, _title(m.group(1)), m.start(), end, is_caption=True))
    return sorted(sections, key=lambda s: (s.start, s.is_caption))


def _title(raw: str) -> str:
    """A heading as a reader sees it: artefacts repaired, white space folded."""
    return normalise(raw).text


def _segments(document: Document) -> list[tuple[int, int]]:
    """Original-offset segments that sentences must not cross: section and caption boundaries."""
    cuts = {0, len(document.original)}
    for section in document.sections:
        cuts.update((section.start, section.end))
        if section.heading_end is not None:
            cuts.add(section.heading_end)
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if document.original[a:b].strip()]


def _sentence_spans(segmenter, text: str, is_heading: bool) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of a segment; a heading is one sentence, whatever its full stops."""
    if is_heading:
        stripped = text.strip()
        return [(text.index(stripped), stripped)] if stripped else []
    spans = []
    for span in segmenter.segment(text):
        sentence = span.sent.strip()
        if sentence:
            spans.append((text.index(sentence, span.start), sentence))
    return spans


def split_sentences(document: Document) -> list[Sentence]:
    """Split the repaired text into sentences with pysbd, segment by segment, keeping original spans."""
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    mapped = document.mapped
    headings = {(s.start, s.heading_end) for s in document.sections if s.heading_end is not None}
    sentences: list[Sentence] = []
    for seg_start, seg_end in _segments(document):
        lo, hi = mapped.position_of(seg_start), mapped.position_of(seg_end)
        if lo >= hi:
            continue
        for offset, text in _sentence_spans(segmenter, mapped.text[lo:hi], is_heading=(seg_start, seg_end) in headings):
            local = lo + offset
            start, end = mapped.original_span(local, local + len(text))
            sentences.append(Sentence(len(sentences) + 1, text, start, end, document.section_at(start)))
    return sentences
