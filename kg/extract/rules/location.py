"""Relation rules for lesion_location statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, SITE, Candidate, after_in_clause, cues, rule, simple
from kg.extract.sentence import Ref, SentenceView

LOCATION_CUE = (
    r"\b(?:occur\w*|locat\w*|aris\w*|originat\w*|found|situated|lies?|appear\w*|seen|involv\w*|affect\w*|"
    r"extend\w*|extension|invad\w*|invasion|predilection for|confined|limited|detected|identified|present)\b"
    r"(?:\s+\w+ly)?(?:\s+(?:in|on|within|to|into|at|from|the))?"
)


@rule("location.cue_then_site", "lesion_location", 0.8)
def location_cue_then_site(view: SentenceView) -> Iterable[Candidate]:
    """A lesion, a location verb, then sites: "This lesion mostly occurs in the body of vertebral bones"."""
    for cue in cues(view, LOCATION_CUE):
        subject = view.subject_before(cue.start())
        if subject is None:
            continue
        word = cue.group(0).lower()
        predicate = "canInvolve" if re.match(r"involv|affect", word) else "extendsInto" if re.match(r"exten|invad|invasion", word) else "locatedIn"
        for site in after_in_clause(view, cue.end(), SITE):
            if site.concept.name != "VertebralLevel":
                yield simple(view, "lesion_location", subject, predicate, site, cue.start())
        for level_name in _levels_after(view, cue.end()):
            yield Candidate("lesion_location", subject, "atLevel", Ref(level_name), span=(cue.start(), cue.end()))


def _levels_after(view: SentenceView, position: int) -> list[str]:
    """Vertebral levels named after a position, in its clause."""
    _start, end = view.clause_of(position)
    return [name for mention in view.levels if position <= mention.start < end for name in mention.levels]


@rule("location.lesion_in_site", "lesion_location", 0.8)
def location_lesion_in_site(view: SentenceView) -> Iterable[Candidate]:
    """A lesion followed closely by "in the" and a site: "a mass in the spinal foramen"; a lesion named
    only by its head noun also by "of the": "a mass of the sacrum" (where "carcinoma of the breast"
    names the primary's organ, not where the lesion in the spine lies)."""
    for lesion in view.of(*LESION, specific=False):
        prepositions = r"in|within|at|of" if lesion.concept.broad else r"in|within|at"
        site = _site_right_after(view, lesion.end, prepositions)
        if site is None:
            continue
        subject = view.subject_before(lesion.end)
        if subject is not None:
            yield simple(view, "lesion_location", subject, "locatedIn", site, lesion.start)


SITE_MODIFIERS = r"upper|lower|mid|middle|distal|proximal|posterior|anterior|dorsal|ventral|left|right|adjacent|cervical|thoracic|lumbar|sacral"


def _site_right_after(view: SentenceView, position: int, prepositions: str) -> Mention | None:
    """The site a preposition names right after a position: "in the L2 vertebral body", "in a lower
    thoracic vertebral body" (an article, a level and position words may come between).
    """
    lead = re.compile(
        rf"\s+(?:{prepositions})\s+(?:the\s+|an?\s+)?(?:[CTLS]\d{{1,2}}(?:\s*(?:-|–|and)\s*[CTLS]?\d{{1,2}})?\s+)?(?:(?:{SITE_MODIFIERS})\s+){{0,3}}",
        re.I,
    )
    sites = [m for m in view.mentions if m.category in SITE and position < m.start <= position + 60 and lead.fullmatch(view.text[position : m.start])]
    return sites[0] if sites else None


@rule("location.by_definition", "lesion_location", 0.75, case_only=True)
def location_by_definition(view: SentenceView) -> Iterable[Candidate]:
    """The case lesion named by a compartment class ("an intramedullary lesion") lies where that class is defined to lie."""
    if view.case_lesion is None:
        return
    for mention in view.of(*LESION, specific=False):
        site = mention.concept.located_in
        if site and view.subject_before(mention.end) == Ref(view.case_lesion_name, view.case_lesion):
            yield Candidate("lesion_location", Ref(view.case_lesion_name, view.case_lesion), "locatedIn", Ref(site), span=(mention.start, mention.end))


@rule("location.finding_in_site", "lesion_location", 0.75, case_only=True)
def location_finding_in_site(view: SentenceView) -> Iterable[Candidate]:
    """In case narrative, a finding of the case lesion "of" or "in" a site places the lesion there:
    "lucency of the L2 vertebral body", "a mass in the posterior epidural space".
    """
    for look in view.of("finding", "density", "signal", "enhancement"):
        subject = view.subject_before(look.start) or view.anaphor_ref()
        if subject is None or not subject.is_case:
            continue
        site = _site_right_after(view, look.end, r"of|in|at|within|involving")
        if site is not None:
            yield simple(view, "lesion_location", subject, "locatedIn", site, look.start)
