"""Relation rules for primary_to_metastasis statements."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, SITE, Candidate, after_in_clause, cues, ref, rule, simple
from kg.extract.rules.differential import enumeration
from kg.extract.sentence import Ref, SentenceView


def is_metastasis(mention: Mention) -> bool:
    return "Metastasis" in mention.concept.ancestors


def is_primary(mention: Mention) -> bool:
    names = mention.concept.ancestors
    return mention.category in LESION and not is_metastasis(mention) and bool(names & {"Carcinoma", "MalignantNeoplasm", "PrimaryTumour", "Sarcoma", "Lymphoma"})


@rule("metastasis.spreads_to", "primary_to_metastasis", 0.8)
def metastasis_spreads_to(view: SentenceView) -> Iterable[Candidate]:
    """A tumour that metastasises or spreads to a site: "hemangiopericytoma metastatic to the spine"."""
    for cue in cues(view, r"\b(?:metasta\w+|spread\w*|seed\w*|disseminat\w*)\s+(?:\w+\s+){0,2}?(?:to|into)\b"):
        subject = view.subject_before(cue.start())
        if subject is None:
            continue
        for site in after_in_clause(view, cue.end(), SITE):
            yield simple(view, "primary_to_metastasis", subject, "metastasizesTo", site, cue.start(), route=_route(view, site.end))


def _route(view: SentenceView, position: int) -> Ref | None:
    """The route of spread named after a position in its clause ("by local invasion", "via Batson's plexus")."""
    routes = after_in_clause(view, position, ("route",), stop=())
    return ref(routes[0]) if routes else None


@rule("metastasis.from_primary", "primary_to_metastasis", 0.8)
def metastasis_from_primary(view: SentenceView) -> Iterable[Candidate]:
    """Metastases and their primary: "metastases from breast cancer", "due to lung cancer in 50% of cases"."""
    for metastasis in (m for m in view.mentions if is_metastasis(m)):
        _start, end = view.clause_of(metastasis.end)
        tail = view.text[metastasis.end : end]
        cue = re.match(r"\s*(?:(?:\w+\s+){0,6}?(?:from|due to|secondary to|originat\w* (?:from|in)|aris\w* from)|of)\s+", tail)
        if cue is None:
            continue
        for primary in after_in_clause(view, metastasis.end + cue.start(), LESION, stop=())[:4]:
            if is_primary(primary):
                yield simple(view, "primary_to_metastasis", ref(metastasis), "hasPrimaryTumour", primary, metastasis.start)


MOST_COMMON = re.compile(
    r"\bmost\s+(?:common|frequent)\s+(?:(?P<primary>primar(?:y|ies)(?:\s+(?:tumou?rs?|sites?|cancers?))?|sources?|origins?)|(?P<site>sites?|locations?))"
    r"\s+(?:of|for)\s+(?:the\s+|an?\s+)?", re.I)
RANKED_BEFORE = re.compile(r"\s+(?:is|are|remains?)\s+(?:the\s+)?(?:(?:second|third|fourth|single)\s+)?$", re.I)
LISTED_AFTER = re.compile(r"\s*(?:,\s*)?(?:is|are|include|includes|remains?)\s+(?:the\s+)?", re.I)


@rule("metastasis.most_common", "primary_to_metastasis", 0.8)
def metastasis_most_common(view: SentenceView) -> Iterable[Candidate]:
    """The most common primary or site of a lesion, written either way round: "the most common primaries
    of spinal metastases are breast and lung carcinoma", "the thoracic spine is the most common site of
    epidural metastases". A primary is the metastasis's primary tumour; a site is where the lesion lies.
    Every item of a list is as sure as its first.
    """
    for cue in MOST_COMMON.finditer(view.text):
        wholes = [m for m in view.of(*LESION) if m.start == cue.end()]
        if not wholes:
            continue
        whole = wholes[0]
        wanted = LESION if cue.group("primary") else SITE
        after = LISTED_AFTER.match(view.text, whole.end)
        if after:
            items = enumeration(view, [m for m in view.mentions if m.start >= after.end() and m.category in wanted], after.end())
        else:
            items = [m for m in view.mentions if m.category in wanted and RANKED_BEFORE.fullmatch(view.text[m.end : cue.start()])]
        for item in items:
            if cue.group("primary") and is_metastasis(whole) and is_primary(item):
                candidate = simple(view, "primary_to_metastasis", ref(whole), "hasPrimaryTumour", item, cue.start())
            elif cue.group("site") and item.category in SITE:
                candidate = simple(view, "lesion_location", ref(whole), "locatedIn", item, cue.start())
            else:
                continue
            span = (cue.start(), whole.end) if after else (item.start, whole.end)
            yield replace(candidate, hedge=" ".join(cue.group(0).split()[:2]).lower(), span=span)


TYPE_OF_METASTASIS_CUE = re.compile(
    r"\b(?P<hedge>typically|commonly|usually|often|frequently|mostly|mainly|predominantly)?\s*"
    r"\b(?:have|has|cause|causes|produce|produces|give\s+rise\s+to|gives\s+rise\s+to|develop|develops|form|forms)\s+(?:\w+\s+){0,2}?$", re.I)
LIST_AFTER = re.compile(r"\s+(?:are|is|include|includes|comprise)\s+(?:the\s+)?", re.I)


@rule("metastasis.primary_has_type", "primary_to_metastasis", 0.8)
def metastasis_primary_has_type(view: SentenceView) -> Iterable[Candidate]:
    """Primary tumours and the kind of metastasis they give: "prostate and breast carcinoma commonly have
    osteoblastic metastases"; or the list after it: "tumours that typically produce lytic metastases are
    renal cell carcinoma, thyroid carcinoma and melanoma". Only a metastasis of a named kind (lytic,
    blastic, ...) is read, since "breast carcinoma has metastases" says nothing new.
    """
    for metastasis in (m for m in view.mentions if is_metastasis(m) and m.concept.name != "Metastasis"):
        start, _end = view.clause_of(metastasis.start)
        cue = TYPE_OF_METASTASIS_CUE.search(view.text[start : metastasis.start])
        if cue is None:
            continue
        at = start + cue.start()
        after = LIST_AFTER.match(view.text, metastasis.end)
        if after and re.search(r"\b(?:which|that)\s*$", view.text[start:at], re.I):
            primaries = enumeration(view, [m for m in view.of(*LESION) if m.start >= after.end()], after.end())
        else:
            primaries = [m for m in view.of(*LESION) if start <= m.start and m.end <= at]
            if not primaries or view.text[primaries[-1].end : at].strip() or enumeration(view, primaries, primaries[0].start) != primaries:
                continue
        for primary in (m for m in primaries if is_primary(m) and not m.concept.broad):
            candidate = simple(view, "primary_to_metastasis", ref(primary), "causes", metastasis, primary.start)
            yield replace(candidate, hedge=cue.group("hedge").lower() if cue.group("hedge") else candidate.hedge)


@rule("metastasis.route", "primary_to_metastasis", 0.75)
def metastasis_route(view: SentenceView) -> Iterable[Candidate]:
    """How a tumour spreads: "spread via the venous plexus", "by direct extension"."""
    for route in view.of("route"):
        if not re.search(r"\b(?:via|through|by|route|spread\w*|extension|along)\b", view.text[max(0, route.start - 30) : route.start], re.I):
            continue
        subject = view.subject_before(route.start)
        if subject is not None and not _is_origin(view, subject, route.start):
            yield simple(view, "primary_to_metastasis", subject, "spreadsVia", route, route.start)


def _is_origin(view: SentenceView, subject: Ref, position: int) -> bool:
    """Whether the subject is named as where the spread starts ("spread from the primary tumour to the
    cord is haematogenous"): the route is the spread's, not that tumour's."""
    mentions = [m for m in view.mentions if m.concept is subject.concept and m.end <= position]
    return bool(mentions) and bool(re.search(r"\bfrom\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+)?$", view.text[: mentions[0].start], re.I))
