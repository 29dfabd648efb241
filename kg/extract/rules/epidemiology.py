"""Relation rules for epidemiology statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.numbers import NumberMention
from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, Candidate, cues, ref, rule
from kg.extract.rules.performance import distinct
from kg.extract.sentence import Ref, SentenceView

RATE_CUES = [("hasIncidence", r"\bincidence\b"), ("hasPrevalence", r"\bprevalence\b"), ("hasMetastasisRate", r"\bmetasta\w* (?:rate|in)\b"),
             ("hasRecurrenceRate", r"\brecurrence\b"), ("hasProportion", r"\b(?:occur\w* in|account\w* for|seen in|found in|affect\w*|comprise\w*|represent\w*|of (?:all )?(?:cases|patients))\b")]


@rule("epidemiology.rate", "epidemiology", 0.8)
def epidemiology_rate(view: SentenceView) -> Iterable[Candidate]:
    """A lesion with a rate: "an incidence of 10-12%", "occur in 40% of patients with cancer"."""
    listed = {number.start for _lesion, number in _bracketed_rates(view) + _respective_rates(view)[0]}
    listed |= {n.start for n in view.numbers if POPULATION_HAS.match(view.text, n.end)}
    for number in (n for n in view.numbers if n.unit == "percent" and n.start not in listed):
        clause_start, _end = view.clause_of(number.start)
        window = view.text[max(0, number.start - 60) : number.end + 40]
        predicate = next((p for p, cue in RATE_CUES if re.search(cue, window, re.I)), None)
        subject = view.subject_before(number.start)
        context = view.text[max(0, min(clause_start, number.start - 60)) : number.end + 40]
        if predicate is None or subject is None or re.search(r"sensitivity|specificity|accuracy|false[- ](?:negative|positive)|\bpredict", context, re.I):
            continue
        if _subject_is_modifier(view, subject, number.start):
            continue
        yield Candidate(
            "epidemiology", subject, predicate, value=number.value, value_max=number.value_max, unit="percent",
            hedge=view.hedge(number.start - 12, number.end), span=(clause_start, number.end),
            qualifiers={k: v for k, v in {"population": _population(view, number), "reference": view.reference(), "study": view.study()}.items() if v},
        )


SHARE_OF = re.compile(r"\s*of\s+(?:all\s+)?(?:the\s+)?(?:these\s+)?")
SHARE_CAUSE = re.compile(
    r"\s+(?:(?:are|is|were|was)\s+)?(?:\w+\s+)?(?:due\s+to|caused\s+by|secondary\s+to|attributable\s+to|from|aris\w*\s+from|originat\w*\s+(?:from|in))\s+(?:an?\s+|the\s+)?$",
    re.I)


@rule("epidemiology.share_due_to", "epidemiology", 0.8)
def epidemiology_share_due_to(view: SentenceView) -> Iterable[Candidate]:
    """The share of a lesion that one cause makes up: "about 20% of spinal metastases are due to breast
    carcinoma" gives the cause's proportion, with the lesion as its target.
    """
    for number in (n for n in view.numbers if n.unit == "percent"):
        of = SHARE_OF.match(view.text, number.end)
        wholes = [m for m in view.of(*LESION, specific=False) if of and m.start == of.end()]
        if not wholes:
            continue
        whole = wholes[0]
        causes = [m for m in view.of(*LESION) if m.start > whole.end and SHARE_CAUSE.search(view.text[whole.end : m.start])]
        if causes:
            yield Candidate(
                "epidemiology", ref(causes[0]), "hasProportion", value=number.value, value_max=number.value_max, unit="percent",
                hedge=view.hedge(max(0, number.start - 12), number.end), span=(number.start, causes[0].end),
                qualifiers={k: v for k, v in {"target": ref(whole), "reference": view.reference(), "study": view.study()}.items() if v},
            )


RATE_NOUN = r"(?:incidence|prevalence|rates?|frequency|proportion|percentage|share|risk)"
MODIFIED_SUBJECT = re.compile(
    rf"(?:\b(?!{RATE_NOUN}\b)[\w-]+\s+(?:of|from)|\b(?:patients|cases|individuals|people|adults|children|those)\s+(?:with|having|of))\s+(?:[\w-]+\s+){{0,2}}$",
    re.I)


def _subject_is_modifier(view: SentenceView, subject: Ref, position: int) -> bool:
    """Whether the lesion a rate would be given to only qualifies another noun ("seeding of systemic
    cancer accounts for 5%") or names the population ("0.5% of patients with cancer"), so the rate is
    not the lesion's. "The incidence of X is 10%" keeps X as the subject.
    """
    mentions = [m for m in view.mentions if m.concept is subject.concept and m.end <= position]
    if not mentions:
        return False
    start, _end = view.clause_of(mentions[0].start)
    return bool(MODIFIED_SUBJECT.search(view.text[start : mentions[0].start]))


BRACKETED_RATE = re.compile(r"\s*\(\s*(?:~|∼|about\s+|up\s+to\s+)?$")
LIST_RATE_CUES = [("hasMetastasisRate", r"\brates?\s+of\s+(?:\w+\s+)?metasta\w*|\bmetasta\w*\s+rates?\b")] + RATE_CUES[:2]


@rule("epidemiology.rate_list", "epidemiology", 0.8)
def epidemiology_rate_list(view: SentenceView) -> Iterable[Candidate]:
    """Lesions listed each with a rate in brackets after a rate cue: "tumours with a high rate of bone
    metastasis include breast carcinoma (70%), prostate carcinoma (85%) and thyroid carcinoma (40%)".

    Each rate belongs to the lesion written right before its bracket. Without a rate cue before the
    list the figures are shares of something the sentence may not name, so they go to review.
    """
    owned = _bracketed_rates(view)
    if not owned:
        return
    first = min(lesion.start for lesion, _number in owned)
    lead = view.text[:first]
    predicate = next((p for p, cue in LIST_RATE_CUES if re.search(cue, lead, re.I)), None)
    for lesion, number in owned:
        yield Candidate(
            "epidemiology", ref(lesion), predicate or "hasProportion", value=number.value, value_max=number.value_max, unit="percent",
            hedge=view.hedge(lesion.start, number.end), span=(lesion.start, number.end), reliability=0.8 if predicate else 0.6,
            qualifiers={k: v for k, v in {"reference": view.reference(), "study": view.study()}.items() if v},
        )


SPREAD_RATE_CUE = ("hasMetastasisRate", r"\brates?\s+of\s+(?:\w+\s+)?(?:metasta\w*|spread|dissemination|seeding)\b")


@rule("epidemiology.rates_respectively", "epidemiology", 0.8)
def epidemiology_rates_respectively(view: SentenceView) -> Iterable[Candidate]:
    """Lesions and rates listed in the same order with "respectively": "melanoma and lung carcinoma have
    the highest rates of spread to the leptomeninges, at 20% and 10%, respectively", "breast and prostate
    carcinoma account for 20% and 10% of spinal metastases, respectively" (the lesion after "of" is what
    the shares are of). A rate cue is required; the counts of lesions and of rates must agree."""
    pairs, predicate = _respective_rates(view)
    if not pairs:
        return
    of = SHARE_OF.match(view.text, pairs[-1][1].end)
    wholes = [m for m in view.of(*LESION, specific=False) if of and m.start == of.end()]
    for lesion, number in pairs:
        yield Candidate(
            "epidemiology", ref(lesion), predicate, value=number.value, value_max=number.value_max, unit="percent",
            hedge=view.hedge(lesion.start, lesion.end), span=(lesion.start, lesion.end),
            qualifiers={k: v for k, v in {"target": ref(wholes[0]) if wholes else None, "reference": view.reference(), "study": view.study()}.items() if v},
        )


def _respective_rates(view: SentenceView) -> tuple[list[tuple[Mention, NumberMention]], str | None]:
    """The (lesion, rate) pairs a "respectively" sentence gives, with the rate's predicate; none when the
    lesions before the first rate and the rates do not pair one to one."""
    percents = [n for n in view.numbers if n.unit == "percent"]
    if len(percents) < 2 or not re.search(r"\brespectively\b", view.text, re.I):
        return [], None
    window = view.text[: percents[-1].end + 40]
    predicate = next((p for p, cue in [SPREAD_RATE_CUE, *RATE_CUES] if re.search(cue, window, re.I)), None)
    start, _end = view.clause_of(percents[0].start)
    lesions = distinct([m for m in view.of(*LESION) if start <= m.start and m.end <= percents[0].start and not m.concept.broad])
    if predicate is None or len(lesions) != len(percents):
        return [], None
    return list(zip(lesions, percents)), predicate


def _bracketed_rates(view: SentenceView) -> list[tuple[Mention, NumberMention]]:
    """Lesions each followed at once by a bracketed percentage, when the sentence lists two or more."""
    pairs = []
    for number in (n for n in view.numbers if n.unit == "percent"):
        lesions = [m for m in view.of(*LESION) if m.end <= number.start and BRACKETED_RATE.fullmatch(view.text[m.end : number.start])]
        if lesions and not lesions[-1].concept.broad:
            pairs.append((lesions[-1], number))
    return pairs if len(pairs) >= 2 else []


POPULATION_HAS = re.compile(
    r"\s*of\s+(?P<population>(?:all\s+)?(?:the\s+|these\s+)?(?:patients|individuals|people|adults|children|men|women)\b[^,;.]{0,50}?)\s+"
    r"(?:will\s+|may\s+|eventually\s+|ultimately\s+)*(?:have|has|develop|develops|harbou?r|harbou?rs)\s+(?:an?\s+)?", re.I)


@rule("epidemiology.population_has", "epidemiology", 0.8)
def epidemiology_population_has(view: SentenceView) -> Iterable[Candidate]:
    """A share of a population that has or develops a lesion: "about 30% of patients with cancer develop
    spinal metastases" gives the lesion's prevalence in that population."""
    for number in (n for n in view.numbers if n.unit == "percent"):
        match = POPULATION_HAS.match(view.text, number.end)
        if match is None:
            continue
        lesions = [m for m in view.of(*LESION) if m.start == match.end() and not m.concept.broad]
        if lesions:
            yield Candidate(
                "epidemiology", ref(lesions[0]), "hasPrevalence", value=number.value, value_max=number.value_max, unit="percent",
                hedge=view.hedge(max(0, number.start - 16), number.end), span=(number.start, lesions[0].end),
                qualifiers={k: v for k, v in {"population": match.group("population"), "reference": view.reference(), "study": view.study()}.items() if v},
            )


def _population(view: SentenceView, number: NumberMention) -> str | None:
    """The population a figure is about, as written ("of patients with cancer")."""
    match = re.match(r"\s*of\s+((?:all\s+)?(?:patients|cases|individuals|people|adults|children|autopsies)[^,;.]{0,50})", view.text[number.end :], re.I)
    return match.group(1).strip() if match else None


@rule("epidemiology.age", "epidemiology", 0.8, general_only=True)
def epidemiology_age(view: SentenceView) -> Iterable[Candidate]:
    """A median or mean age: "the median age at diagnosis is 54 years"."""
    for cue in cues(view, r"\b(?:median|mean|average|peak)\s+age\b"):
        numbers = [n for n in view.numbers if n.start > cue.end() and n.unit == "year" and n.start - cue.end() < 40]
        subject = view.subject_before(cue.start()) or view.anaphor_ref()
        if numbers and subject is not None:
            yield Candidate("epidemiology", subject, "hasMedianAge", value=numbers[0].value, value_max=numbers[0].value_max, unit="year", span=(cue.start(), numbers[0].end))


@rule("epidemiology.frequency_word", "epidemiology", 0.7, general_only=True)
def epidemiology_frequency_word(view: SentenceView) -> Iterable[Candidate]:
    """A lesion called common or rare: "Cavernous hemangioma is a common vascular lesion"."""
    for cue in cues(view, r"\b(?:is|are)\s+(?:an?\s+|the\s+)?(?:\w+,\s+)*(?:very\s+|relatively\s+|extremely\s+|exceedingly\s+)?(common|rare|uncommon|unusual|frequent)\b"):
        subject = view.subject_before(cue.start())
        if subject is None or _head_is_elsewhere(view, cue.start()):
            continue
        if not re.search(r"\bmost\b|\b(?:site|finding|feature|cause|location|presentation)s?\b", view.text[cue.start() : cue.end() + 20], re.I):
            word = cue.group(1).lower()
            yield Candidate("epidemiology", subject, "hasPrevalence", text=word, hedge=word, span=(cue.start(), cue.end()))


def _head_is_elsewhere(view: SentenceView, position: int) -> bool:
    """Whether the clause's first lesion before a position only modifies another noun ("aggression of
    hemangiomas is rare", "seeding of systemic cancer is unusual"): then the rarity is not the lesion's.
    """
    start, _end = view.clause_of(position)
    lesions = [m for m in view.of(*LESION) if start <= m.start and m.end <= position]
    if not lesions:
        return False
    return bool(re.search(r"\b(?:of|in|into|from|with|by)\s+(?:[\w-]+\s+){0,2}$", view.text[start : lesions[0].start], re.I))
