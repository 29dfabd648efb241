"""Relation rules for definition statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognise import Mention
from kg.extract.rules.base import CITATION, LESION, Candidate, cues, ref, rule, simple
from kg.extract.sentence import Ref, SentenceView

DEFINITION_GAP = re.compile(
    r"\s*(?:(?:considered|thought|regarded|known)\s+(?:to\s+be\s+|as\s+)?)?(?:an?\s+|the\s+|one\s+of\s+the\s+)?"
    r"(?!(?:[\w-]+\s+){0,4}?(?:with|of|in|to|from|by|than|as|near|within)\b)(?:[\w-]+,?\s+){0,4}?$",
    re.I,
)
# "a subtype of", "a rare variant of": the words that name a kind of the class after them.
KIND_OF = re.compile(
    r"\s*(?:an?\s+|the\s+|one\s+)?(?:(?:rare|common|distinct|special|histologic\w*|aggressive|benign|malignant)\s+)?"
    r"(?:sub)?(?:types?|variants?|forms?|kinds?|subsets?|subgroups?|categor(?:y"
    r"|ies))\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?",
    re.I,
)
# "the most common cord tumour": a ranking, whose statement is how common the lesion is, not what it is.
RANKING = re.compile(r"\b(?:most|least)\s+(?:common|frequent|usual|typical|prevalent)\b", re.I)
# Adjectives that put a lesion in the benign or malignant branch whatever noun follows them.
BEHAVIOUR_CLASSES = {"benign": "BenignNeoplasm", "malignant": "MalignantNeoplasm"}
EXAMPLES_CUE = re.compile(r"\s*[(,]?\s*(?:such\s+as|including|e\.\s?g\.,?|for\s+example,?)\s+$", re.I)
INCLUDE_CUE = re.compile(r"\s+(?:include|includes|comprise|comprises|encompass|encompasses)\s+$", re.I)
CLASSIFICATION_CUE = re.compile(
    r"\b(?:(?:can|may)\s+be\s+|is\s+|are\s+)?(?:divided|classified|subdivided|categori[sz]ed|grouped"
    r"|separated)\s+into\b"
    r"|\b(?:in|into)\s+(?:two|three|four|five|several)\s+(?:ways|types|forms|groups|categories|subtypes)\s*:",
    re.I,
)


@rule("definition.is_a", "definition", 0.85)
def definition_is_a(view: SentenceView) -> Iterable[Candidate]:
    """Statements "A is a (kind of) B" where the ontology agrees that B is above A.

    Example: "Cavernous hemangioma is a common vascular lesion".

    A bare head noun ("an aggressive tumour", "a lesion") names no class worth stating, and "benign" or
    "malignant" before the noun puts the subject in that branch too ("a benign vascular tumour").
    """
    for cue in cues(view, r"\b(?:is|are)\b|,\s+(?:an?|the)\b"):
        subjects = [m for m in view.of(*LESION) if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        if not subjects:
            continue
        subject = subjects[-1]
        _start, end = view.clause_of(cue.end())
        following = [m for m in view.mentions if cue.end() <= m.start < min(end, cue.end() + 60)]
        for parent in following:
            gap = view.text[cue.end() : parent.start]
            if not (DEFINITION_GAP.match(gap) or KIND_OF.fullmatch(gap)) or RANKING.search(gap):
                break
            yield from _behaviour_class(view, subject, gap + view.text[parent.start : parent.end])
            if _names_parent(view, subject, parent):
                yield simple(view, "definition", ref(subject), "subClassOf", parent, subject.start)
                break


def _names_parent(view: SentenceView, subject: Mention, parent: Mention) -> bool:
    """Whether a mention after "is a" names a class above the subject, in more than one bare word."""
    concept = parent.concept
    bare_noun = concept.broad and " " not in view.text[parent.start : parent.end].strip()
    return (
        concept.name in subject.concept.ancestors
        and concept.name != subject.concept.name
        and not concept.generic
        and not bare_noun
    )


def _behaviour_class(view: SentenceView, subject: Mention, words: str) -> Iterable[Candidate]:
    """The benign or malignant branch a predicate noun phrase names by its adjective, when the ontology agrees."""
    for adjective, parent in BEHAVIOUR_CLASSES.items():
        if (
            re.search(rf"\b{adjective}\b", words, re.I)
            and parent in subject.concept.ancestors
            and parent != subject.concept.name
        ):
            yield Candidate("definition", ref(subject), "subClassOf", Ref(parent), span=(subject.start, subject.end))


# "a malignancy of plasma cells", "a tumour arising from notochordal remnants": what a class above the lesion is
# narrowed by, up to the end of the noun phrase.
DIFFERENTIA = re.compile(
    r"\s+(?:of|arising\s+(?:from|in)|derived\s+from|originating\s+(?:from|in)|composed\s+of)\s+(?!the\b)"
    r"(?:(?!(?:and|or|but|which|that|with|in|who|whose)\b)[\w/-]+\s*){1,5}?(?=[,;.()]|\s+(?:and|or|but|which|that"
    r"|with|in|who|whose)\b|$)",
    re.I,
)
ARTICLE_BEFORE = re.compile(r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,3}$", re.I)
# "the commonest benign tumours of the spine" ranks the lesion among others of its place, it does not define it.
SUPERLATIVE = re.compile(r"\b(?:most|least|\w{3,}est)\b", re.I)


@rule("definition.genus_differentia", "definition", 0.8, general_only=True)
def definition_genus_differentia(view: SentenceView) -> Iterable[Candidate]:
    """A lesion defined by a class above it and what narrows that class: "X is a malignancy of plasma cells".

    The definition is the predicate noun phrase, from its article to the end of what follows "of", "arising from"
    or "derived from"; the class alone, without those words, is a subclass statement that ``definition.is_a``
    reads.
    """
    for cue in cues(view, r"\b(?:is|are)\b"):
        subjects = [m for m in view.of(*LESION) if m.end <= cue.start() and view.same_clause(m.start, cue.start())]
        if not subjects:
            continue
        subject = subjects[-1]
        for parent in view.mentions:
            if not cue.end() <= parent.start < cue.end() + 40:
                continue
            article = ARTICLE_BEFORE.search(view.text, cue.end(), parent.start)
            differentia = DIFFERENTIA.match(view.text, parent.end)
            ranked = SUPERLATIVE.search(view.text, cue.end(), parent.start)
            if article and differentia and not ranked and parent.concept.name in subject.concept.ancestors:
                text = " ".join(view.text[article.start() : differentia.end()].split())
                yield Candidate(
                    "definition", ref(subject), "definedAs", text=text, span=(subject.start, differentia.end())
                )
            break


@rule("definition.examples", "definition", 0.85)
def definition_examples(view: SentenceView) -> Iterable[Candidate]:
    """A class and its examples: "primary cord tumours (such as astrocytoma and ependymoma)".

    "vascular tumours include hemangioma and angiosarcoma". Each example the ontology puts below the class is a subclass
    of it; the ontology's agreement is what makes the reading safe.
    """
    lesions = view.of(*LESION, specific=False)
    for position, parent in enumerate(lesions):
        after = lesions[position + 1 :]
        if not after:
            continue
        gap = view.text[parent.end : after[0].start]
        if not (EXAMPLES_CUE.match(gap) or (INCLUDE_CUE.match(gap) and _opens_clause(view, parent))):
            continue
        for example in _listed(view, after):
            if parent.concept.name in example.concept.ancestors and example.concept.name != parent.concept.name:
                yield simple(view, "definition", ref(example), "subClassOf", parent, parent.start)


@rule("definition.classification", "definition", 0.8)
def definition_classification(view: SentenceView) -> Iterable[Candidate]:
    """The kinds a class is divided into.

    "spinal hemangiopericytoma can be divided into intradural and extradural forms", "X involves the spine in three
    ways: (1) A; (2) B". Each kind the ontology puts below the class named before the cue is a subclass of it.
    """
    for cue in CLASSIFICATION_CUE.finditer(view.text):
        before = [m for m in view.of(*LESION) if m.end <= cue.start()]
        if not before or before[-1].concept.broad:
            continue
        parent = before[-1]
        for kind in [m for m in view.of(*LESION) if m.start >= cue.end()]:
            if parent.concept.name in kind.concept.ancestors and kind.concept.name != parent.concept.name:
                yield simple(view, "definition", ref(kind), "subClassOf", parent, cue.start())


def _opens_clause(view: SentenceView, mention: Mention) -> bool:
    """Whether a mention is what its clause is about ("vascular tumours include ...").

    Not the object of a preposition ("the differential diagnosis of a vascular lesion includes ..." lists
    differentials).
    """
    start, _end = view.clause_of(mention.start)
    return not re.search(r"\b(?:of|for|in|with|differential)\b", view.text[start : mention.start], re.I)


def _listed(view: SentenceView, mentions: list[Mention]) -> list[Mention]:
    """The items of a list that starts with the first mention.

    Each follows the one before with only a comma, "and", "or" or a slash between, so the list ends where the sentence
    moves on.
    """
    items = mentions[:1]
    for mention in mentions[1:]:
        gap = view.text[items[-1].end : mention.start]
        if not re.fullmatch(r"\s*(?:,|/|\band\b|\bor\b|,\s*(?:and|or)\b)?\s*", gap):
            break
        items.append(mention)
    return items


# Terms a parenthesis names after the words that describe them: "a rim of bright signal (a halo sign)".
NAMED_TERM_CATEGORIES = ("sign", "finding")
NAMED_IN_PARENTHESES = re.compile(r"\(\s*(?:an?\s+|the\s+)?$", re.I)
DESCRIPTION_START = re.compile(
    r"(?:^|[,;:]\s*|\b(?:have|has|show|shows|demonstrate|demonstrates)\s+)(?=[^,;:]*$)", re.I
)


@rule("definition.named_in_parentheses", "definition", 0.75)
def definition_named_in_parentheses(view: SentenceView) -> Iterable[Candidate]:
    """A sign named in parentheses after the words that describe it.

    "diffuse uptake throughout the skeleton (super scan)", "a rim of bright signal around the lesion (a halo sign)". The
    description runs back to the verb or the start of the clause.
    """
    for term in view.of(*NAMED_TERM_CATEGORIES):
        opening = NAMED_IN_PARENTHESES.search(view.text[: term.start])
        if opening is None or not view.text[term.end :].lstrip().startswith(")"):
            continue
        head = view.text[: opening.start()].rstrip()
        starts = list(DESCRIPTION_START.finditer(head))
        description = head[starts[-1].end() :].strip() if starts else head
        if len(description.split()) >= 3:
            yield Candidate(
                "definition",
                ref(term),
                "definedAs",
                text=description,
                span=(term.start - len(description) - 2, term.end),
            )


NAMING_CUE = re.compile(
    r"(?:,\s*)?\b(?:resulting\s+in|giving(?:\s+(?:it|them))?|producing|creating|known\s+as|termed|called"
    r"|referred\s+to\s+as)\s+"
    r"(?:an?\s+|the\s+)?(?:so[- ]called\s+)?[“\"‘']?$",
    re.I,
)


@rule("definition.named_after", "definition", 0.75)
def definition_named_after(view: SentenceView) -> Iterable[Candidate]:
    """A sign named after the words that describe it.

    "tumour spreads under the ligament, resulting in the 'draped curtain sign'", "a rim of high signal, known as the
    halo sign". The description is the clause before the naming words.
    """
    for term in view.of("sign"):
        cue = NAMING_CUE.search(view.text[: term.start])
        if cue is None:
            continue
        start, _end = view.clause_of(cue.start())
        description = CLAUSE_OPENER.sub("", view.text[start : cue.start()]).strip(" ,;:")
        description = AUXILIARY_END.sub("", description)
        if len(description.split()) >= 3 and not POINTING_BACK.match(description):
            yield Candidate("definition", ref(term), "definedAs", text=description, span=(cue.start(), term.end))


CLAUSE_OPENER = re.compile(r"^\W*(?:and|or|then|thus|so)\s+", re.I)
AUXILIARY_END = re.compile(
    r"\s+(?:(?:is|are|was|were|has|have|had)\s+)?(?:been|being|be|is|are|was|were)?\s*(?:also|often|sometimes"
    r"|commonly)?\s*$",
    re.I,
)
# A description that only points back ("the latter pattern has been called ...") says nothing by itself.
POINTING_BACK = re.compile(r"^\W*(?:the\s+(?:latter|former|same)|this|these|that|those|such|it|they)\b", re.I)


NAMED_THEM = re.compile(
    r"\band\s+(?:named|called|termed|designated)\s+(?:them|it|these|this)\s+(?:as\s+)?(?:an?\s+|the\s+)?[“\"‘']?$", re.I
)
FOUND_VERB = re.compile(r"\b(?:described|identified|observed|reported|noted|discovered|found|recogni[sz]ed)\s+", re.I)


@rule("definition.named_them", "definition", 0.75)
def definition_named_them(view: SentenceView) -> Iterable[Candidate]:
    """A term given to what an author described.

    "Zimmerman described the cells around capillaries and named them pericytes". The description is what the verb of
    finding takes as its object.
    """
    for term in view.mentions:
        cue = NAMED_THEM.search(view.text[: term.start])
        if cue is None or term.concept.generic:
            continue
        verbs = list(FOUND_VERB.finditer(view.text, 0, cue.start()))
        description = view.text[verbs[-1].end() : cue.start()].strip(" ,;:") if verbs else ""
        if len(description.split()) >= 3:
            yield Candidate("definition", ref(term), "definedAs", text=description, span=(verbs[-1].start(), term.end))


HISTOLOGY_LEAD = re.compile(
    r"\b(?:made\s+up|composed|consist\w*|characteri[sz]ed|presence|formed)\s+(?:of|by)\s+(?:(?:an?|the|many|numerous"
    r"|abundant)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


@rule("definition.histology", "definition", 0.8)
def definition_histology(view: SentenceView) -> Iterable[Candidate]:
    """What a lesion is made of under the microscope.

    "the tumour is made up of neoplastic spindle-shaped cells", "enhancement because of the presence of sinusoidal
    channels". The histologic finding follows "made up of", "composed of", "characterized by" or "presence of"; the
    lesion is the one the clause is about.
    """
    for finding in view.of("histology"):
        cue = HISTOLOGY_LEAD.search(view.text[: finding.start])
        if cue is None:
            continue
        subject = view.subject_before(cue.start())
        if subject is not None:
            yield simple(view, "definition", subject, "hasHistologicFinding", finding, cue.start())


# Components a lesion is made of: besides histologic findings, the tissues and cells the ontology keeps
# as anatomical entities ("fat", "tumour cells"), which a make-up sentence names just the same.
TISSUE_COMPONENTS = frozenset(
    {
        "Fat",
        "SoftTissue",
        "Bone",
        "BloodVessel",
        "Pericyte",
        "EndothelialCell",
        "BasementMembrane",
        "TumourCell",
        "Water",
    }
)
MADE_OF = re.compile(
    r"\b(?P<verb>(?:made\s+up|composed|consist(?:s|ing)?)\s+(?:of|by)|interspersed\s+with|contains?|containing)\s+",
    re.I,
)
SCANT = re.compile(r"\b(?P<none>little|no|scant|scanty|minimal|sparse|hardly\s+any|few)\s+(?:[\w-]+\s+)?$", re.I)
COMPONENT_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:and|or|with|interspersed\s+with)\s+)?(?:(?:an?|the|some|many)\s+)?"
    r"(?:(?!(?:from|of|in|on|by|to|that|which|derived|arising|surrounded|seen|is|are|was|were)\b)[\w-]+\s+){0,2}",
    re.I,
)


@rule("definition.made_of", "definition", 0.8)
def definition_made_of(view: SentenceView) -> Iterable[Candidate]:
    """The tissues, cells and structures a lesion is said to consist of, contain or be interspersed with.

    "The tumour consists of vascular spaces interspersed with fat and thickened trabeculae", "Lipomas contain
    little fibrous tissue": each component is a histologic finding of the clause's lesion, negated after
    "little", "no" or "scant". After "contains" only tissues and histologic findings count: a lesion that
    contains an imaging finding ("contain fluid levels") is described on images, not under the microscope.
    """
    for cue in MADE_OF.finditer(view.text):
        subject = view.subject_before(cue.start())
        if subject is None:
            continue
        imaging_allowed = not cue.group("verb").lower().startswith("contain")
        for component in _components(view, cue.end(), imaging_allowed):
            if component.category == "histology" and HISTOLOGY_LEAD.search(view.text[: component.start]):
                continue
            scant = SCANT.search(view.text[max(0, component.start - 30) : component.start])
            yield Candidate(
                "definition",
                subject,
                "hasHistologicFinding",
                ref(component),
                hedge=view.hedge(view.clause_of(cue.start())[0], component.end),
                negated=scant is not None and scant.group("none").lower() != "few" or view.is_negated(component),
                span=(cue.start(), component.end),
            )


def _components(view: SentenceView, after: int, imaging_allowed: bool) -> list[Mention]:
    """The components listed right after a make-up cue, in order, while only list words and modifiers come between."""
    _start, end = view.clause_of(after)
    found, last = [], after
    for mention in view.mentions:
        if mention.start < after or mention.start >= end:
            continue
        gap = view.text[last : mention.start]
        if found and not COMPONENT_GAP.fullmatch(gap):
            break
        if not found and len(gap.split()) > 4:
            break
        if _is_component(mention, imaging_allowed):
            found.append(mention)
        elif mention.category not in ("clinical",):
            break
        last = mention.end
    return found


def _is_component(mention: Mention, imaging_allowed: bool) -> bool:
    """Whether a mention can be what a lesion is made of: a histologic finding, a tissue or cell, or a structure."""
    if mention.category == "histology" or mention.concept.name in TISSUE_COMPONENTS:
        return True
    return imaging_allowed and mention.category == "finding" and not mention.concept.generic


DEFINED_AS = re.compile(
    r"\s+(?:is|are)\s+(?:(?:usually|commonly|generally|broadly|best)\s+)?(?:defined\s+as|described\s+as"
    r"|understood\s+as)\s+|\s+(?:refers?|relates?)\s+to\s+",
    re.I,
)
TERM_LEAD = re.compile(r"\W*(?:the\s+)?(?:(?:term|word|name|expression)\s+)?[\"“‘']?$", re.I)
DEFINITION_WORDS = 3


@rule("definition.defined_as", "definition", 0.8, general_only=True)
def definition_defined_as(view: SentenceView) -> Iterable[Candidate]:
    """A term with the words that define it.

    "ependymoma is defined as a glial tumour of the ependymal lining", "the term vertebra plana refers to uniform
    collapse of a vertebral body". The term opens the clause (after "the term", if written); the definition is the rest
    of the clause, three words or more.
    """
    for term in view.mentions:
        start, _end = view.clause_of(term.start)
        if term.concept.generic or not TERM_LEAD.fullmatch(view.text[start : term.start]):
            continue
        cue = DEFINED_AS.match(view.text, term.end + (1 if view.text[term.end : term.end + 1] in "\"”’'" else 0))
        if cue is None:
            continue
        _start, end = view.clause_of(cue.end())
        description = CITATION.sub("", view.text[cue.end() : end]).strip().rstrip(".,;: ")
        if len(description.split()) >= DEFINITION_WORDS:
            yield Candidate("definition", ref(term), "definedAs", text=description, span=(term.start, cue.end()))


COMPOSITION_GAP = re.compile(
    r"\s*(?::\s*)?(?:(?:is|are|contains?|consists?\s+of|comprises?)\s+)?"
    r"(?:(?:about|approximately|roughly|up\s+to|~|∼)\s*)?",
    re.I,
)
COMPOSITION_LIST_GAP = re.compile(
    r"\s*,?\s*(?:(?:and|but|also|with)\s+)*(?:(?:about|approximately|roughly|up\s+to|~|∼)\s*)?", re.I
)


@rule("definition.composition", "definition", 0.8)
def definition_composition(view: SentenceView) -> Iterable[Candidate]:
    """What share of a tissue one component makes up: "yellow marrow 80% fat and 15% water", "red marrow is 40% fat".

    Each percentage is followed at once by the component; the tissue is written right before the first figure (with at
    most a verb of composition between), and figures listed after it keep it. A participle ("marrow containing 80%
    fat") only describes the tissue on the way to another statement, so it is not read.
    """
    tissue, last_end = None, 0
    for number in (n for n in view.numbers if n.unit == "percent" and n.kind == "percent"):
        component = next(
            (m for m in view.of("site") if m.start > number.end and not view.text[number.end : m.start].strip()), None
        )
        if component is None:
            continue
        named = [m for m in view.of("site") if m.end <= number.start and m is not component]
        if named and COMPOSITION_GAP.fullmatch(view.text[named[-1].end : number.start]):
            tissue = named[-1]
        elif tissue is None or not COMPOSITION_LIST_GAP.fullmatch(view.text[last_end : number.start]):
            tissue = None
            continue
        last_end = component.end
        yield Candidate(
            "definition",
            ref(tissue),
            "hasProportion",
            value=number.value,
            value_max=number.value_max,
            unit="percent",
            span=(tissue.start, component.end),
            qualifiers={"target": ref(component)},
        )


USE_OF = re.compile(
    r"\b(?:with\s+the\s+(?:use|help|aid)\s+of|by\s+means\s+of|using|with\s+the\s+development\s+of)\s+(?:the\s+)?", re.I
)
PROTOCOL_TECHNIQUES = ("sequence", "technique")


@rule("definition.uses_technique", "definition", 0.8)
def definition_uses_technique(view: SentenceView) -> Iterable[Candidate]:
    """The sequences or techniques an examination is done with.

    "whole body MR imaging ... with the use of fast gradient echo, T1-weighted and STIR sequences", "screening MRI using
    sagittal STIR". The examination is the modality named last before the cue, or else the section's own technique; the
    techniques are the list that follows the cue at once.
    """
    for cue in USE_OF.finditer(view.text):
        first = next(
            (m for m in view.of(*PROTOCOL_TECHNIQUES) if m.start >= cue.end() and _modifiers_only(view, cue.end(), m)),
            None,
        )
        if first is None:
            continue
        modalities = [m for m in view.of("modality") if m.end <= cue.start()]
        modality = modalities[-1] if modalities else view.section_technique
        if modality is None or modality.category != "modality":
            continue
        for technique in _listed(view, [first] + [m for m in view.of(*PROTOCOL_TECHNIQUES) if m.start > first.end]):
            yield simple(view, "definition", ref(modality), "usesTechnique", technique, cue.start())


def _modifiers_only(view: SentenceView, start: int, mention: Mention) -> bool:
    """Whether only a few plane or weighting words stand between a position and a mention ("sagittal STIR")."""
    return bool(PLANE_WORDS.fullmatch(view.text[start : mention.start]))


PLANE_WORDS = re.compile(r"(?:(?:sagittal|axial|coronal|fast|additional|dedicated)\s+){0,2}", re.I)
