"""Relation rules for primary_to_metastasis statements.

Where a tumour spreads, by which route, after how long, which primary a metastasis comes from, and which primaries give
which kind of bone metastasis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.extract.numbers import NUMBER, to_number
from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, SITE, Candidate, after_in_clause, cues, ref, rule, simple
from kg.extract.rules.differential import enumeration
from kg.extract.sentence import ANAPHOR, Ref, SentenceView

# Radiology names a primary tumour by its organ inside a list of primaries ("breast, lung and kidney
# primaries", "tumours of the breast (72%), prostate (84%)"): the organ stands for its carcinoma.
# "cervical" is left out on purpose: in a spine paper it names the cervical spine far more often.
ORGAN_PRIMARIES = {
    "breast": "BreastCarcinoma",
    "lung": "LungCarcinoma",
    "lungs": "LungCarcinoma",
    "pulmonary": "LungCarcinoma",
    "kidney": "RenalCellCarcinoma",
    "kidneys": "RenalCellCarcinoma",
    "renal": "RenalCellCarcinoma",
    "thyroid": "ThyroidCarcinoma",
    "prostate": "ProstateCarcinoma",
    "prostatic": "ProstateCarcinoma",
    "bladder": "BladderCarcinoma",
    "nasopharynx": "NasopharyngealCarcinoma",
    "nasopharyngeal": "NasopharyngealCarcinoma",
    "oropharynx": "OropharyngealCarcinoma",
    "oropharyngeal": "OropharyngealCarcinoma",
    "adrenal": "AdrenalCarcinoma",
    "uterus": "UterineCarcinoma",
    "uterine": "UterineCarcinoma",
    "endometrial": "UterineCarcinoma",
    "pancreas": "PancreaticCarcinoma",
    "pancreatic": "PancreaticCarcinoma",
    "ovary": "OvarianCarcinoma",
    "ovaries": "OvarianCarcinoma",
    "ovarian": "OvarianCarcinoma",
    "testis": "TesticularCarcinoma",
    "testes": "TesticularCarcinoma",
    "testicular": "TesticularCarcinoma",
    "cervix": "CervicalCarcinoma",
    "colon": "GastrointestinalCarcinoma",
    "colorectal": "GastrointestinalCarcinoma",
    "rectum": "GastrointestinalCarcinoma",
    "stomach": "GastrointestinalCarcinoma",
    "gastric": "GastrointestinalCarcinoma",
}
ORGAN_WORD = re.compile(r"\b(?:" + "|".join(sorted(ORGAN_PRIMARIES, key=len, reverse=True)) + r")\b", re.I)
# The kind of bone metastasis a density word gives the lesion it qualifies ("lytic spinal metastases").
DENSITY_KINDS = {
    "Lucency": "OsteolyticMetastasis",
    "Sclerosis": "OsteoblasticMetastasis",
    "MixedLyticSclerotic": "MixedMetastasis",
}
KINDS = set(DENSITY_KINDS.values())
LIST_GAP = re.compile(r"(?:\s*\([^()]{0,30}\))?\s*(?:,\s*)?(?:(?:and|or|as well as)\s+)?(?:the\s+)?", re.I)
HEAD_NOUN = (
    r"(?:primar(?:y|ies)(?:\s+(?:tumou?rs?|sites?|cancers?))?|tumou?rs?|cancers?|carcinomas?|malignanc(?:y|ies))"
)
HEDGE = (
    r"(?:typically|commonly|usually|often|frequently|mostly|mainly|predominantly|classically|characteristically|also"
    r"|may|can|tend\s+to)"
)


def is_metastasis(mention: Mention) -> bool:
    """Whether a mention names a metastasis (any class under *metastasis*)."""
    return "Metastasis" in mention.concept.ancestors


def is_primary(mention: Mention) -> bool:
    """Whether a mention names a primary tumour (a malignant lesion that is not itself a metastasis)."""
    names = mention.concept.ancestors
    return (
        mention.category in LESION
        and not is_metastasis(mention)
        and bool(names & {"Carcinoma", "MalignantNeoplasm", "PrimaryTumour", "Sarcoma", "Lymphoma"})
    )


@dataclass(frozen=True)
class Item:
    """One primary tumour of a list: a named tumour, or an organ standing for its carcinoma."""

    ref: Ref
    start: int
    end: int


def primary_items(view: SentenceView) -> list[Item]:
    """Every primary tumour the sentence names, left to right: tumour mentions, and organ words outside them.

    A bare head noun ("primaries", "tumours", "cancer") names no tumour in particular and is left out.
    """
    tumours = [
        m
        for m in view.of(*LESION)
        if is_primary(m) and not m.concept.broad and not re.fullmatch(rf"(?:primary\s+)?{HEAD_NOUN}", m.text, re.I)
    ]
    lesions = view.of(*LESION, specific=False)
    items = [Item(ref(m), m.start, m.end) for m in tumours]
    for word in ORGAN_WORD.finditer(view.text):
        if not any(m.start <= word.start() < m.end for m in lesions):
            items.append(Item(Ref(ORGAN_PRIMARIES[word.group(0).lower()]), word.start(), word.end()))
    return sorted(items, key=lambda item: item.start)


def list_after(view: SentenceView, position: int) -> list[Item]:
    """The primaries listed from a position on ("are breast, lung, and kidney").

    Each joined to the one before by a comma, "and" or "or" (a bracketed figure after an item is allowed).
    """
    found, at = [], position
    for item in (i for i in primary_items(view) if i.start >= position):
        if not LIST_GAP.fullmatch(view.text[at : item.start]):
            break
        found.append(item)
        at = item.end
    return found


def list_before(view: SentenceView, position: int) -> list[Item]:
    """The primaries listed right before a position ("prostate, bladder and neuroblastoma| primaries")."""
    found, at = [], position
    for item in reversed([i for i in primary_items(view) if i.end <= position]):
        gap = view.text[item.end : at]
        if not (LIST_GAP.fullmatch(gap) if found else re.fullmatch(r"\s*", gap)):
            break
        found.insert(0, item)
        at = item.start
    return found


def metastasis_kind(view: SentenceView, mention: Mention) -> tuple[str, int] | None:
    """The kind of bone metastasis a lesion mention names, with where its phrase starts.

    "osteoblastic metastases", or a density word before a metastasis or lesion ("lytic spinal metastases",
    "blastic-appearing lesions", "mixed lytic and sclerotic lesions").
    """
    if mention.concept.name in KINDS:
        before = [
            m
            for m in view.mentions
            if m.category == "density"
            and m.end <= mention.start
            and re.fullmatch(r"\s*", view.text[m.end : mention.start])
        ]
        if before and before[-1].concept.name == "MixedLyticSclerotic":
            return "MixedMetastasis", before[-1].start
        return mention.concept.name, mention.start
    if not (is_metastasis(mention) or mention.concept.name == "Lesion"):
        return None
    densities = [m for m in view.mentions if m.category == "density" and m.end <= mention.start]
    if (
        densities
        and densities[-1].concept.name in DENSITY_KINDS
        and re.fullmatch(r"(?:-?appearing)?\s*", view.text[densities[-1].end : mention.start], re.I)
    ):
        return DENSITY_KINDS[densities[-1].concept.name], densities[-1].start
    return None


CAUSE_VERB = re.compile(
    rf"\b(?:{HEAD_NOUN}\s+)?(?P<rest>(?P<hedge>{HEDGE}(?:\s+{HEDGE})?\s+)?"
    r"(?:have|has|cause|causes|produce|produces|give\s+rise\s+to|gives\s+rise\s+to|give|gives|develop|develops|form"
    r"|forms|show|shows|result\s+in|results\s+in)\s+)$",
    re.I,
)
RELATIVE_CAUSE = re.compile(
    rf"\b{HEAD_NOUN}\s+(?:which|that)\s+(?P<hedge>{HEDGE}\s+)?(?:have|cause|produce|give\s+rise\s+to|develop|form"
    rf"|show)\s+$",
    re.I,
)
LIST_AFTER = re.compile(r"\s+(?:are|is|include|includes|comprise)\s+(?:the\s+)?", re.I)
SEEN_WITH = re.compile(
    rf",?\s+(?:which|that)?\s*(?:are|is)\s+(?P<hedge>{HEDGE}\s+)?(?:seen|found|encountered|observed)\s+(?:with|in)\s+",
    re.I,
)


@rule("metastasis.primary_has_type", "primary_to_metastasis", 0.8)
def metastasis_primary_has_type(view: SentenceView) -> Iterable[Candidate]:
    """Primary tumours and the kind of bone metastasis they give, in the three usual word orders.

    "prostate and bladder primaries commonly have blastic metastases"; "primary tumours that typically produce lytic
    metastases are breast, kidney and thyroid"; "mixed lytic and sclerotic lesions, which are seen with ovarian and
    cervical carcinomas". Only a metastasis of a named kind is read, since "breast carcinoma has metastases" says
    nothing new. A "lytic lesion" that is not called a metastasis is one only when a carcinoma gives it: myeloma's lytic
    lesions are its own.
    """
    for mention in view.of(*LESION, specific=False):
        kind = metastasis_kind(view, mention)
        if kind is None:
            continue
        name, start = kind
        clause_start, _end = view.clause_of(start)
        lead = view.text[:start]
        primaries, hedge = _causing_primaries(view, lead, mention.end)
        if "metasta" not in mention.text.lower():
            primaries = [p for p in primaries if p.ref.concept is None or "Carcinoma" in p.ref.concept.ancestors]
        for primary in primaries:
            yield Candidate(
                "primary_to_metastasis",
                primary.ref,
                "causes",
                object=Ref(name),
                hedge=hedge.strip().lower() if hedge else view.hedge(clause_start, mention.end),
                span=(min(primary.start, start), max(primary.end, mention.end))
                if len(primaries) == 1
                else (start, mention.end),
            )


def _causing_primaries(view: SentenceView, lead: str, end: int) -> tuple[list[Item], str | None]:
    """The primaries said to give the kind of metastasis written between ``len(lead)`` and ``end``.

    With the hedge of the saying; the first word order that yields a list wins.
    """
    relative, direct = RELATIVE_CAUSE.search(lead), CAUSE_VERB.search(lead)
    after, seen = LIST_AFTER.match(view.text, end), SEEN_WITH.match(view.text, end)
    if relative and after and (primaries := list_after(view, after.end())):
        return primaries, relative.group("hedge")
    if direct and (primaries := list_before(view, direct.start()) or list_before(view, direct.start("rest"))):
        return primaries, direct.group("hedge")
    if seen and (primaries := list_after(view, seen.end())) and primaries[-1].ref.concept is not None:
        return primaries, seen.group("hedge")
    return [], None


NOT_AN_ASSERTION = re.compile(
    r"\b(?:rates?|incidence|risk|frequency|likelihood|propensity|time|interval|period|chance)\s+(?:of|for)\b[^,;]*$",
    re.I,
)
RELATIVE_HEAD = re.compile(
    r",?\s*(?:which|that|who)\s+(?:(?:has|have|had|was|were|is|are|later|subsequently|then|also|eventually)\s+)*$", re.I
)


def spreading_subject(view: SentenceView, position: int) -> Ref | None:
    """What spreads, for a verb of spread at a position.

    The lesion a relative clause hangs on ("a sarcoma which metastasized to ..."), else the clause's lesion before it,
    else what "it"/"these tumours" stands for. None when the spread is only the object of a rate or a time ("the rate of
    spread to the leptomeninges", "the time for the tumour to metastasize"): that is no assertion.
    """
    start, _end = view.clause_of(position)
    lead = view.text[start:position]
    if NOT_AN_ASSERTION.search(lead):
        return None
    relative = RELATIVE_HEAD.search(view.text[:position])
    if relative and relative.end() == position:
        heads = [
            m
            for m in view.of(*LESION)
            if m.end <= relative.start() and re.fullmatch(r"\s*", view.text[m.end : relative.start()])
        ]
        if heads and not heads[-1].concept.broad:
            return view.subject_before(heads[-1].end) if view.is_case or view.is_caption else ref(heads[-1])
    if any(start <= m.start and m.end <= position for m in view.of(*LESION, specific=False)) or ANAPHOR.match(lead):
        return view.subject_before(position)
    return None


@rule("metastasis.spreads_to", "primary_to_metastasis", 0.8)
def metastasis_spreads_to(view: SentenceView) -> Iterable[Candidate]:
    """A tumour that metastasises or spreads to a site.

    "hemangiopericytoma metastatic to the spine", "prostate cancer can spread to the leptomeninges", with the route when
    one follows ("by local invasion").
    """
    for cue in cues(view, r"\b(?:metasta\w+|spread\w*|seed\w*|disseminat\w*)\s+(?:\w+\s+){0,2}?(?:to|into)\b"):
        subject = spreading_subject(view, cue.start())
        if subject is None:
            continue
        for site in after_in_clause(view, cue.end(), SITE):
            candidate = simple(
                view,
                "primary_to_metastasis",
                subject,
                "metastasizesTo",
                site,
                cue.start(),
                route=_route(view, site.end),
            )
            compartment = COMPARTMENT_WORD.search(view.text, cue.end(), site.start)
            yield (
                replace(candidate, object=Ref(COMPARTMENTS[compartment.group(1).lower()])) if compartment else candidate
            )


# A compartment word before a site names the compartment the tumour reached: "metastasized to the
# epidural spinal cord" is a spread into the epidural space, not into the cord.
COMPARTMENTS = {
    "epidural": "EpiduralSpace",
    "extradural": "EpiduralSpace",
    "subarachnoid": "SubarachnoidSpace",
    "leptomeningeal": "Leptomeninges",
}
COMPARTMENT_WORD = re.compile(r"\b(epidural|extradural|subarachnoid|leptomeningeal)\s+(?=[\w\s]{0,20}$)", re.I)


def _route(view: SentenceView, position: int) -> Ref | None:
    """The route of spread named after a position in its clause ("by local invasion", "via Batson's plexus")."""
    routes = after_in_clause(view, position, ("route",), stop=())
    return ref(routes[0]) if routes else None


SPREAD_VERB = re.compile(r"\b(?:metasta\w+|spread\w*|seed\w*|disseminat\w*|reach\w*|travel\w*|migrat\w*)\b", re.I)
ROUTE_MARKER = re.compile(r"\b(?:via|through|by|along)\s+(?:the\s+|an?\s+)?(?:[\w’'-]+\s+)?$", re.I)


@rule("metastasis.route", "primary_to_metastasis", 0.75)
def metastasis_route(view: SentenceView) -> Iterable[Candidate]:
    """How a tumour spreads: the route of a named tumour ("haematogenous spread of breast carcinoma").

    Or a route a verb of spread leads to ("metastases may reach the skeleton by direct invasion", "melanoma spreads to
    the leptomeninges via the arterial route"). A route after "presenting with", "invades" or "occurs" is no spread of
    the lesion, and the noun of an earlier route ("by hematogenous dissemination, or by ...") is no verb of spread.
    """
    for route in view.of("route"):
        of = re.match(r"\s+of\s+(?:the\s+|an?\s+)?", view.text[route.end :])
        owners = [m for m in view.of(*LESION) if of and m.start == route.end + of.end() and not m.concept.broad]
        if owners:
            yield simple(view, "primary_to_metastasis", ref(owners[0]), "spreadsVia", route, route.start)
            continue
        marker = ROUTE_MARKER.search(view.text[max(0, route.start - 40) : route.start])
        if marker is None:
            continue
        start, _end = view.clause_of(route.start)
        routes = view.of("route")
        verbs = [
            v
            for v in SPREAD_VERB.finditer(view.text, start, route.start)
            if not any(r.start <= v.start() < r.end for r in routes)
        ]
        if not verbs:
            continue
        subject = spreading_subject(view, verbs[-1].start())
        if subject is not None and not _is_origin(view, subject, route.start):
            yield simple(view, "primary_to_metastasis", subject, "spreadsVia", route, verbs[-1].start())


# The structure a spread passes through names its route.
ROUTE_OF_STRUCTURE = {
    "BatsonVenousPlexus": "VenousSpreadViaBatsonPlexus",
    "EpiduralVenousPlexus": "VenousSpreadViaBatsonPlexus",
    "CerebrospinalFluid": "CSFDissemination",
}
STRUCTURE_MARKER = re.compile(r"\b(?:via|through|by\s+way\s+of|within|in)\s+(?:the\s+)?$", re.I)
ADVERB_ROUTE = re.compile(r"\s+(?:mainly\s+|mostly\s+|usually\s+|chiefly\s+|primarily\s+)?$", re.I)


@rule("metastasis.route_structure", "primary_to_metastasis", 0.75)
def metastasis_route_structure(view: SentenceView) -> Iterable[Candidate]:
    """A route named by the structure a verb of spread passes through or by an adverb right after the verb.

    "metastases reach the spine through Batson's plexus", "tumour cells spread via the cerebrospinal fluid", "most
    spinal metastases spread hematogenously".
    """
    for verb in SPREAD_VERB.finditer(view.text):
        start, end = view.clause_of(verb.start())
        route = None
        adverb = next(
            (
                m
                for m in view.of("route")
                if ADVERB_ROUTE.fullmatch(view.text[verb.end() : m.start]) and m.text.lower().endswith("ly")
            ),
            None,
        )
        if adverb is not None:
            route, position = ref(adverb), adverb.start
        else:
            structure = next(
                (
                    m
                    for m in view.of("site", specific=False)
                    if verb.end() <= m.start < end
                    and m.concept.name in ROUTE_OF_STRUCTURE
                    and STRUCTURE_MARKER.search(view.text[verb.end() : m.start])
                ),
                None,
            )
            if structure is not None:
                route, position = Ref(ROUTE_OF_STRUCTURE[structure.concept.name]), structure.start
        if route is None:
            continue
        subject = spreading_subject(view, verb.start())
        if subject is not None and not _is_origin(view, subject, position):
            yield Candidate(
                "primary_to_metastasis",
                subject,
                "spreadsVia",
                route,
                hedge=view.hedge(start, end),
                span=(verb.start(), position),
            )


def _is_origin(view: SentenceView, subject: Ref, position: int) -> bool:
    """Whether the subject is named as where the spread starts: the route is the spread's, not that tumour's.

    For example "spread from the primary tumour to the cord is haematogenous".
    """
    mentions = [m for m in view.mentions if m.concept is subject.concept and m.end <= position]
    return bool(mentions) and bool(
        re.search(r"\bfrom\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+)?$", view.text[: mentions[0].start], re.I)
    )


FROM_PRIMARY = re.compile(
    r"\s*(?:\w+\s+){0,6}?(?:from|due to|secondary to|originat\w* (?:from|in)|aris\w* from|caused by|produced by)\s+"
)


@rule("metastasis.from_primary", "primary_to_metastasis", 0.8)
def metastasis_from_primary(view: SentenceView) -> Iterable[Candidate]:
    """Metastases and their primary.

    "metastases from breast cancer", "due to lung cancer in 50% of cases", "osteoblastic metastases are mostly caused by
    prostate carcinoma".

    "Metastases of renal cell carcinoma" is mostly a name for a lesion within a longer claim ("such as
    metastases of ..."), not the claim itself, so it goes to review.
    """
    for metastasis in (m for m in view.mentions if is_metastasis(m)):
        _start, end = view.clause_of(metastasis.end)
        tail = view.text[metastasis.end : end]
        cue = FROM_PRIMARY.match(tail)
        of = None if cue else re.match(r"\s*of\s+", tail)
        if cue is None and of is None:
            continue
        at = metastasis.end + (cue or of).start()
        for primary in after_in_clause(view, at, LESION, stop=())[:4]:
            if is_primary(primary):
                candidate = simple(
                    view, "primary_to_metastasis", ref(metastasis), "hasPrimaryTumour", primary, metastasis.start
                )
                yield replace(candidate, reliability=0.6) if of else candidate


MOST_COMMON = re.compile(
    r"\bmost\s+(?:common|frequent)\s+(?:(?P<primary>primar(?:y|ies)(?:\s+(?:tumou?rs?|sites?|cancers?))?|sources?"
    r"|origins?)|(?P<site>sites?|locations?))"
    r"\s+(?:of|for)\s+(?:the\s+|an?\s+)?",
    re.I,
)
RANKED_BEFORE = re.compile(r"\s+(?:is|are|remains?)\s+(?:the\s+)?(?:(?:second|third|fourth|single)\s+)?$", re.I)
LISTED_AFTER = re.compile(r"\s*(?:,\s*)?(?:is|are|include|includes|remains?)\s+(?:the\s+)?", re.I)


@rule("metastasis.most_common", "primary_to_metastasis", 0.8)
def metastasis_most_common(view: SentenceView) -> Iterable[Candidate]:
    """The most common primary or site of a lesion, written either way round.

    "the most common primaries of spinal metastases are breast and lung carcinoma", "the thoracic spine is the most
    common site of epidural metastases". A primary is the metastasis's primary tumour; a site is where the lesion lies.
    Every item of a list is as sure as its first.
    """
    for cue in MOST_COMMON.finditer(view.text):
        wholes = [m for m in view.of(*LESION) if m.start == cue.end()]
        if not wholes:
            continue
        whole = wholes[0]
        wanted = LESION if cue.group("primary") else SITE
        after = LISTED_AFTER.match(view.text, whole.end)
        if not after and cue.group("primary") and is_metastasis(whole):
            yield from _ranked_primaries(view, cue, whole)
            continue
        if after:
            items = enumeration(
                view, [m for m in view.mentions if m.start >= after.end() and m.category in wanted], after.end()
            )
        else:
            items = [
                m
                for m in view.mentions
                if m.category in wanted and RANKED_BEFORE.fullmatch(view.text[m.end : cue.start()])
            ]
        for item in items:
            if cue.group("primary") and is_metastasis(whole) and is_primary(item):
                candidate = simple(view, "primary_to_metastasis", ref(whole), "hasPrimaryTumour", item, cue.start())
            elif cue.group("site") and item.category in SITE:
                candidate = simple(view, "lesion_location", ref(whole), "locatedIn", item, cue.start())
            else:
                continue
            span = (cue.start(), whole.end) if after else (item.start, whole.end)
            yield replace(candidate, hedge=" ".join(cue.group(0).split()[:2]).lower(), span=span)


def _ranked_primaries(view: SentenceView, cue: re.Match, whole: Mention) -> Iterable[Candidate]:
    """The primaries listed before "are the most common primaries of <metastasis>", organs standing for carcinomas.

    "Breast, lung and prostate carcinoma are the most common primary tumours of epidural metastases". Every item is
    as sure as the one next to the cue.
    """
    ranked = RANKED_BEFORE.search(view.text, 0, cue.start())
    items = list_before(view, ranked.start()) if ranked is not None else []
    for item in items:
        yield Candidate(
            "primary_to_metastasis",
            ref(whole),
            "hasPrimaryTumour",
            item.ref,
            hedge=" ".join(cue.group(0).split()[:2]).lower(),
            span=(items[-1].start, whole.end),
        )


BETWEEN_RELIABILITY = 0.65
TIME_AFTER = re.compile(
    r"\bmetasta\w+\b[^;:]{0,60}?\b(?P<number>"
    + NUMBER
    + r")\s+(?P<unit>year|month|week)s?\s+(?:after|following|from)\b",
    re.I,
)
TIME_NOUN = re.compile(
    r"\b(?:time|interval|period|latency|delay)\b(?:[^;:.]{0,40}?\bto\s+metasta\w+"
    r"|[^;:.]{0,80}?\bbetween\b[^;:.]{0,60}?\b(?:primary|diagnosis)\b[^;:.]{0,60}?\bmetasta\w+)",
    re.I,
)


@rule("metastasis.time_to_metastasis", "primary_to_metastasis", 0.8)
def metastasis_time_to_metastasis(view: SentenceView) -> Iterable[Candidate]:
    """How long a tumour took to metastasise.

    "it metastasized to the spine five years after resection", "the mean time to metastasize was 5 years (range 1 to 12
    years)", "a period of up to 16 years between the diagnosis of the primary and the metastases". Each duration of such
    a sentence is read. The period "between" primary and metastasis rarely names the metastasising tumour itself, so
    unless the clause names it before the period ("a feature of this tumour is the long period between ...") it goes
    to review.
    """
    for cue in TIME_AFTER.finditer(view.text):
        subject = spreading_subject(view, cue.start())
        if subject is not None:
            yield Candidate(
                "primary_to_metastasis",
                subject,
                "hasTimeToMetastasis",
                value=to_number(cue.group("number")),
                unit=cue.group("unit").lower(),
                span=(cue.start(), cue.end()),
            )
    for cue in TIME_NOUN.finditer(view.text):
        start, _end = view.clause_of(cue.start())
        lesions = [m for m in view.of(*LESION) if start <= m.start and m.end <= cue.start() and not m.concept.broad]
        subject = view.subject_before(lesions[0].end) if lesions else view.anaphor_ref()
        durations = [
            n
            for n in view.numbers
            if n.kind == "duration"
            and n.unit in ("year", "month", "week")
            and n.start >= cue.start()
            and view.same_clause(cue.start(), n.start)
        ]
        between = "between" in cue.group(0).lower()
        for number in durations if subject is not None else []:
            yield Candidate(
                "primary_to_metastasis",
                subject,
                "hasTimeToMetastasis",
                value=number.value,
                value_max=number.value_max,
                unit=number.unit,
                hedge=view.hedge(cue.start(), number.end),
                span=(cue.start(), number.end),
                reliability=BETWEEN_RELIABILITY if between and not lesions else 0.0,
            )


# What a metastasis to a site is called, for a spread the sentence names only by where it goes ("spread to the
# leptomeninges" is leptomeningeal metastasis, "spread to the skeleton" bone metastasis).
SITE_METASTASES = {
    "Leptomeninges": "LeptomeningealCarcinomatosis",
    "Meninges": "LeptomeningealCarcinomatosis",
    "EpiduralSpace": "EpiduralMetastasis",
    "SpinalCord": "IntramedullaryMetastasis",
    "Bone": "BoneMetastasis",
    "Skeleton": "BoneMetastasis",
    "VertebralColumn": "SpinalMetastasis",
    "VertebralBody": "VertebralBodyMetastasis",
}
TO_SITE = re.compile(r"\s+(?:\w+\s+)?(?:to|into)\s+(?:the\s+)?$", re.I)
ROUTES_OF = re.compile(
    r"\b(?:routes?|pathways?|modes?|mechanisms?)\s+of\s+(?:metastatic\s+)?(?:spread|dissemination|metastasis|seeding)"
    r"\s+(?:to|into)\s+(?:the\s+)?",
    re.I,
)
ROUTES_LISTED = re.compile(r"\s*(?:include|includes|are|comprise|comprises)\b", re.I)


def _site_after(view: SentenceView, position: int) -> Mention | None:
    """The site a spread is said to reach right after a position ("... to the leptomeninges")."""
    return next(
        (
            m
            for m in view.of(*SITE, specific=False)
            if m.start >= position and TO_SITE.fullmatch(view.text[position : m.start])
        ),
        None,
    )


@rule("metastasis.route_to_site", "primary_to_metastasis", 0.8, general_only=True)
def metastasis_route_to_site(view: SentenceView) -> Iterable[Candidate]:
    """A route of spread to a site, where the sentence names no tumour: the route of the site's metastases.

    "lymphatic spread to the skeleton is rare" (bone metastases spread so, rarely); "the routes of dissemination to the
    meninges include hematogenous spread, direct extension and perineural migration" (each a route of leptomeningeal
    metastasis, as sure as the first). A sentence that names the spreading tumour is left to the rules that read it.
    """
    if not _about_tumour_spread(view):
        return
    listing = ROUTES_OF.search(view.text)
    if listing is not None:
        yield from _listed_routes(view, listing)
        return
    for route in view.of("route"):
        site = _site_after(view, route.end)
        if site is not None and site.concept.name in SITE_METASTASES:
            metastasis = Ref(SITE_METASTASES[site.concept.name])
            candidate = simple(view, "primary_to_metastasis", metastasis, "spreadsVia", route, route.start)
            yield replace(candidate, span=(route.start, site.end))


TUMOUR_WORD = re.compile(r"\b(?:tumou?rs?|cancers?|malignan\w*|metasta\w*|neoplas\w*)\b", re.I)


def _about_tumour_spread(view: SentenceView) -> bool:
    """Whether a sentence that names no particular tumour speaks of tumour spread.

    It names no lesion but a tumour in general ("foci of tumour"), or none at all in a text whose topic is a tumour.
    A sentence that names a lesion (a named tumour, an infection) leaves the spread to that lesion.
    """
    named = [m for m in view.of(*LESION) if not m.concept.broad]
    if named:
        return False
    topic = view.topic
    neoplastic = topic is not None and bool(topic.ancestors & {"Neoplasm", "Metastasis"})
    return bool(TUMOUR_WORD.search(view.text)) or neoplastic


def _listed_routes(view: SentenceView, listing: re.Match) -> Iterable[Candidate]:
    """The routes "the routes of spread to <site> include ...", each a route of the site's metastases."""
    site = next((m for m in view.of(*SITE, specific=False) if m.start == listing.end()), None)
    listed = ROUTES_LISTED.match(view.text, site.end) if site is not None else None
    if listed is None or site.concept.name not in SITE_METASTASES:
        return
    metastasis = Ref(SITE_METASTASES[site.concept.name])
    _start, end = view.clause_of(listed.end())
    for route in (r for r in view.of("route") if listed.end() <= r.start < end):
        candidate = simple(view, "primary_to_metastasis", metastasis, "spreadsVia", route, listing.start())
        yield replace(candidate, span=(listing.start(), listed.end()))


SEEN_IN_PRIMARIES = re.compile(
    r"\s+(?:(?:is|are)\s+)?(?:(?:most|more|also|usually|commonly|often|frequently|typically|mainly|mostly|chiefly)\s+)"
    r"{0,3}(?:found|seen|encountered|observed|occurs?|arises?)\s+(?:(?:most|more)\s+)?(?:(?:commonly|often|frequently)\s+)?"
    r"(?:in|with)\s+(?:(?:patients|those|adults|children|women|men)\s+with\s+)?(?:an?\s+)?",
    re.I,
)
CLAUSE_OPENING = re.compile(r"\W*(?:(?:the|these|such)\s+)?", re.I)


@rule("metastasis.seen_in_primaries", "primary_to_metastasis", 0.8, general_only=True)
def metastasis_seen_in_primaries(view: SentenceView) -> Iterable[Candidate]:
    """A metastasis said to be found in patients with certain primaries: those are its primary tumours.

    "Leptomeningeal metastases are most commonly seen in breast carcinoma, lung carcinoma and melanoma",
    "intramedullary metastases occur most often in patients with lung cancer". The metastasis heads its clause; "it"
    there stands for the topic when the topic is a metastasis. A grouping word ("primary tumours") is no primary.
    """
    for cue in SEEN_IN_PRIMARIES.finditer(view.text):
        start, _end = view.clause_of(cue.start())
        heads = [m for m in view.of(*LESION) if m.end == cue.start() and is_metastasis(m)]
        if heads and CLAUSE_OPENING.fullmatch(view.text[start : heads[0].start]):
            subject = ref(heads[0])
        elif re.fullmatch(r"\W*(?:it|they)", view.text[start : cue.start()], re.I):
            subject = view.anaphor_ref()
            if subject is None or subject.concept is None or "Metastasis" not in subject.concept.ancestors:
                continue
        else:
            continue
        items = [i for i in list_after(view, cue.end()) if i.ref.concept is None or not i.ref.concept.grouping]
        for item in items:
            yield Candidate(
                "primary_to_metastasis",
                subject,
                "hasPrimaryTumour",
                item.ref,
                hedge=view.hedge(cue.start(), cue.end()),
                span=(cue.start(), items[0].end),
            )
