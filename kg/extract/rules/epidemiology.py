"""Relation rules for epidemiology statements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.numbers import NUMBER, NumberMention, to_number
from kg.extract.recognise import Mention
from kg.extract.rules.base import LESION, SITE, Candidate, cues, ref, rule
from kg.extract.rules.location import site_of_share
from kg.extract.rules.metastasis import Item, primary_items
from kg.extract.rules.performance import distinct
from kg.extract.sentence import Ref, SentenceView

# "affect an estimated 2% of patients with cancer": the share of a population that has the lesion, its prevalence.
AFFECTS_POPULATION = (
    r"\baffect\w*(?=\s+(?:an?\s+estimated\s+|about\s+|approximately\s+|up\s+to\s+|only\s+|roughly\s+)?\d[^%]{0,12}%"
    r"\s+of\s+(?:all\s+)?(?:the\s+)?(?:patients|individuals|people|adults|children|men|women)\b)"
)
RATE_CUES = [
    ("hasIncidence", r"\bincidence\b"),
    ("hasPrevalence", rf"\bprevalence\b|{AFFECTS_POPULATION}"),
    ("hasMetastasisRate", r"\bmetasta\w* (?:rate|in)\b|\brates?\s+of\s+(?:\w+\s+)?metasta\w*"),
    ("hasRecurrenceRate", r"\brecurrence\b"),
    (
        "hasProportion",
        rf"(?!{AFFECTS_POPULATION})"
        r"\b(?:occur\w* in|account\w* for|seen in|found in|affect\w*|comprise\w*|represent\w*|constitut\w*|ma(?:ke|kes"
        r"|de|king) up|of (?:all )?(?:cases|patients)|in (?:rare |some |a few |few )?cases|of the time)\b",
    ),
]


def rate_predicate(view: SentenceView, number: NumberMention) -> str | None:
    """The rate a percentage gives, from the rate cue written nearest to it.

    At most 60 characters away, and no further than 40 characters past it. A lesion that "affects" a share of a group
    of people has that prevalence, whatever cue stands nearer.
    """
    if any(0 <= number.start - m.end() <= 25 for m in re.finditer(AFFECTS_POPULATION, view.text, re.I)):
        return "hasPrevalence"
    found = []
    for predicate, cue in RATE_CUES:
        for match in re.finditer(cue, view.text[: number.end + 40], re.I):
            distance = number.start - match.end() if match.end() <= number.start else max(0, match.start() - number.end)
            if distance <= 60:
                found.append((distance, predicate))
    return min(found)[1] if found else None


# "... affect 1% of patients with cancer and comprise 3% of cord tumours": a second verb of the same subject.
SHARED_SUBJECT = re.compile(
    r"\s+(?:of|in)\s+[^,;.%]{1,80}?\s+and\s+(?:\w+ly\s+|also\s+)?(?:comprise|constitute|account\s+for|represent"
    r"|make\s+up|affect|occur\s+in)\s+(?:(?:about|approximately|an\s+estimated|up\s+to|only)\s+)?",
    re.I,
)
LIST_CONTINUES = re.compile(
    r"(?:\s+in\s+[^,;%]{1,80})?\s*,?\s*(?:and\s+|or\s+)?(?:(?:about|approximately|up\s+to|~|∼)\s*)?$", re.I
)


@rule("epidemiology.rate", "epidemiology", 0.8)
def epidemiology_rate(view: SentenceView) -> Iterable[Candidate]:
    """A lesion with a rate: "an incidence of 10-12%", "occur in 40% of patients with cancer".

    Figures listed after the first ("4% in patients with X, 5% in those with Y and 1% in Z") keep its subject and rate,
    each with its own population.
    """
    listed = {number.start for _lesion, number in _bracketed_rates(view) + _respective_rates(view)[0]}
    listed |= {n.start for n in view.numbers if POPULATION_HAS.match(view.text, n.end)}
    listed |= {n.start for n in view.numbers if n.kind == "fraction" and site_of_share(view, n) is not None}
    listed |= {number.start for _site, number in _bracketed_site_shares(view)}
    previous: tuple[NumberMention, str, Ref] | None = None
    for number in (n for n in view.numbers if n.unit == "percent" and n.start not in listed):
        clause_start, _end = view.clause_of(number.start)
        predicate, subject = (
            rate_predicate(view, number),
            view.subject_before(number.start) or _finding_subject(view, clause_start, number.start),
        )
        context = view.text[max(0, min(clause_start, number.start - 60)) : number.end + 40]
        if previous is not None and LIST_CONTINUES.fullmatch(view.text[previous[0].end : number.start]):
            predicate, subject, anchor = previous[1], previous[2], previous[0].start
        elif (
            previous is not None
            and predicate is not None
            and SHARED_SUBJECT.fullmatch(view.text[previous[0].end : number.start])
        ):
            subject, anchor = previous[2], previous[0].start
        elif predicate is None or subject is None or _subject_is_modifier(view, subject, number.start):
            continue
        elif _same_subject_as_before(view, previous, subject, number):
            anchor = previous[0].start
        else:
            anchor = _subject_start(view, subject, number.start, clause_start)
        if re.search(r"sensitivity|specificity|accuracy|false[- ](?:negative|positive)|\bpredict", context, re.I):
            continue
        previous = (number, predicate, subject)
        value, unit, series = _figure(number)
        yield Candidate(
            "epidemiology",
            subject,
            predicate,
            value=value,
            value_max=number.value_max,
            unit=unit,
            hedge=view.hedge(number.start - 12, number.end),
            span=(anchor, number.end),
            qualifiers={
                k: v
                for k, v in {
                    "population": _population(view, number) or series,
                    "reference": view.reference(),
                    "study": view.study(),
                }.items()
                if v
            },
        )


COUNT_OF_SERIES = re.compile(r"(?P<n>\d+)\s*/\s*(?P<of>\d+)")


def _figure(number: NumberMention) -> tuple[float, str, str | None]:
    """The value, unit and series a rate figure states.

    A percentage as it is; a count over a series ("4/9 cases") as that count of cases, the series size kept as the
    population, since a paper that counts its cases states how many, not a percentage it never wrote.
    """
    count = COUNT_OF_SERIES.match(number.text) if number.kind == "fraction" else None
    if count is None:
        return number.value, "percent", None
    return float(count.group("n")), "case", f"{count.group('of')} cases"


def _same_subject_as_before(
    view: SentenceView, previous: tuple[NumberMention, str, Ref] | None, subject: Ref, number: NumberMention
) -> bool:
    """Whether a figure goes on about the lesion of the sentence's figure before it, naming no other lesion between.

    "The recurrence rate of X is 50% and the literature reports rates of metastasis of 23%": the second figure is as
    surely X's as the first, however far X was named (the lesion a rate counts, "metastasis", is no new subject).
    """
    if previous is None or previous[2].name != subject.name:
        return False
    between = [m for m in view.of(*LESION, specific=False) if previous[0].end <= m.start and m.end <= number.start]
    return all(RATE_OF.search(view.text, 0, m.start) for m in between)


# "rates of metastasis": the lesion a rate counts, not a new subject.
RATE_OF = re.compile(r"\b(?:rates?|risk|incidence|frequency)\s+of\s+(?:\w+\s+)?$", re.I)


SEEN = re.compile(r"\s+(?:is|are)\s+(?:\w+\s+)?(?:seen|found|present|observed|detected)\b", re.I)


def _finding_subject(view: SentenceView, clause_start: int, position: int) -> Ref | None:
    """A finding a clause opens with and says is seen some share of the time, when no lesion is named before the figure.

    For example "bone destruction is seen in up to 80% of cases".
    """
    findings = [m for m in view.of("finding") if clause_start <= m.start and m.end <= position]
    if (
        findings
        and re.fullmatch(r"\W*(?:the\s+|an?\s+)?", view.text[clause_start : findings[0].start], re.I)
        and SEEN.match(view.text, findings[0].end)
    ):
        return ref(findings[0])
    return None


def _subject_start(view: SentenceView, subject: Ref, position: int, clause_start: int) -> int:
    """Where the rate's subject is written before a position (the clause start when it is not named there).

    So that the statement's confidence weighs how far the figure stands from what it is about.
    """
    named = [m.start for m in view.mentions if m.concept is subject.concept and m.end <= position]
    return max(named[-1], clause_start) if named and subject.concept is not None else clause_start


SHARE_OF = re.compile(r"\s*of\s+(?:all\s+)?(?:the\s+)?(?:these\s+)?")
SHARE_CAUSE = re.compile(
    r"\s+(?:(?:are|is|were|was)\s+)?(?:\w+\s+)?(?:due\s+to|caused\s+by|secondary\s+to|attributable\s+to|from"
    r"|aris\w*\s+from|originat\w*\s+(?:from|in))\s+(?:an?\s+|the\s+)?$",
    re.I,
)


@rule("epidemiology.share_due_to", "epidemiology", 0.8)
def epidemiology_share_due_to(view: SentenceView) -> Iterable[Candidate]:
    """The share of a lesion that one cause makes up.

    "about 20% of spinal metastases are due to breast carcinoma" gives the cause's proportion, with the lesion as its
    target.
    """
    for number in (n for n in view.numbers if n.unit == "percent"):
        of = SHARE_OF.match(view.text, number.end)
        wholes = [m for m in view.of(*LESION, specific=False) if of and m.start == of.end()]
        if not wholes:
            continue
        whole = wholes[0]
        causes = [
            m for m in view.of(*LESION) if m.start > whole.end and SHARE_CAUSE.search(view.text[whole.end : m.start])
        ]
        if causes:
            yield Candidate(
                "epidemiology",
                ref(causes[0]),
                "hasProportion",
                value=number.value,
                value_max=number.value_max,
                unit="percent",
                hedge=view.hedge(max(0, number.start - 12), number.end),
                span=(number.start, causes[0].end),
                qualifiers={
                    k: v
                    for k, v in {"target": ref(whole), "reference": view.reference(), "study": view.study()}.items()
                    if v
                },
            )


RATE_NOUN = r"(?:incidence|prevalence|rates?|frequency|proportion|percentage|share|risk)"
MODIFIED_SUBJECT = re.compile(
    rf"(?:\b(?!(?:{RATE_NOUN}|series|studies|reviews)\b)[\w-]+\s+(?:of|from)|\b(?:patients|cases|individuals|people"
    rf"|adults|children|those)\s+(?:with|having|of))\s+(?:[\w-]+\s+){{0,2}}$",
    re.I,
)


def _subject_is_modifier(view: SentenceView, subject: Ref, position: int) -> bool:
    """Whether the lesion a rate would be given to only qualifies another noun or names the population.

    Then the rate is not the lesion's: "seeding of systemic cancer accounts for 5%", "0.5% of patients with
    cancer". "The incidence of X is 10%" keeps X as the subject.
    """
    mentions = [m for m in view.mentions if m.concept is subject.concept and m.end <= position]
    if not mentions:
        return False
    start, _end = view.clause_of(mentions[0].start)
    return bool(MODIFIED_SUBJECT.search(view.text[start : mentions[0].start]))


BRACKETED_RATE = re.compile(r"\s*\(\s*(?:~|∼|about\s+|up\s+to\s+)?$")
LIST_RATE_CUES = [("hasMetastasisRate", r"\brates?\s+of\s+(?:\w+\s+)?metasta\w*|\bmetasta\w*\s+rates?\b")] + RATE_CUES[
    :2
]


@rule("epidemiology.rate_list", "epidemiology", 0.8)
def epidemiology_rate_list(view: SentenceView) -> Iterable[Candidate]:
    """Lesions listed each with a rate in brackets after a rate cue.

    "tumours with a high rate of bone metastasis include breast carcinoma (70%), prostate carcinoma (85%) and thyroid
    carcinoma (40%)".

    Each rate belongs to the lesion written right before its bracket. Without a rate cue before the
    list the figures are shares of something the sentence may not name, so they go to review.
    """
    owned = _bracketed_rates(view)
    if not owned:
        return
    first = min(lesion.start for lesion, _number in owned)
    lead = view.text[:first]
    predicate = next((p for p, cue in LIST_RATE_CUES if re.search(cue, lead, re.I)), None)
    target = _spread_target(view, lead) if predicate == "hasMetastasisRate" else None
    for lesion, number in owned:
        yield Candidate(
            "epidemiology",
            lesion.ref,
            predicate or "hasProportion",
            value=number.value,
            value_max=number.value_max,
            unit="percent",
            hedge=view.hedge(lesion.start, number.end),
            span=(lesion.start, number.end),
            reliability=0.8 if predicate else 0.6,
            qualifiers={
                k: v for k, v in {"target": target, "reference": view.reference(), "study": view.study()}.items() if v
            },
        )


def _spread_target(view: SentenceView, lead: str) -> Ref | None:
    """Where the listed tumours spread, from the rate cue before the list ("a high rate of metastasis to bone")."""
    cue = re.search(r"\bmetasta\w*\s+(?:\w+\s+)?to\s+(?:the\s+)?", lead, re.I)
    sites = [m for m in view.of(*SITE, specific=False) if cue and m.start == cue.end()]
    return ref(sites[0]) if sites else None


SPREAD_RATE_CUE = ("hasMetastasisRate", r"\brates?\s+of\s+(?:\w+\s+)?(?:metasta\w*|spread|dissemination|seeding)\b")


@rule("epidemiology.rates_respectively", "epidemiology", 0.8)
def epidemiology_rates_respectively(view: SentenceView) -> Iterable[Candidate]:
    """Lesions and rates listed in the same order with "respectively".

    "melanoma and lung carcinoma have the highest rates of spread to the leptomeninges, at 20% and 10%, respectively",
    "breast and prostate carcinoma account for 20% and 10% of spinal metastases, respectively" (the lesion after "of" is
    what the shares are of). A rate cue is required; the counts of lesions and of rates must agree.
    """
    pairs, predicate = _respective_rates(view)
    if not pairs:
        return
    of = SHARE_OF.match(view.text, pairs[-1][1].end)
    wholes = [m for m in view.of(*LESION, specific=False) if of and m.start == of.end()]
    for lesion, number in pairs:
        yield Candidate(
            "epidemiology",
            ref(lesion),
            predicate,
            value=number.value,
            value_max=number.value_max,
            unit="percent",
            hedge=view.hedge(lesion.start, lesion.end),
            span=(lesion.start, lesion.end),
            qualifiers={
                k: v
                for k, v in {
                    "target": ref(wholes[0]) if wholes else None,
                    "reference": view.reference(),
                    "study": view.study(),
                }.items()
                if v
            },
        )


def _respective_rates(view: SentenceView) -> tuple[list[tuple[Mention, NumberMention]], str | None]:
    """The (lesion, rate) pairs a "respectively" sentence gives, with the rate's predicate.

    None when the lesions before the first rate and the rates do not pair one to one.
    """
    percents = [n for n in view.numbers if n.unit == "percent"]
    if len(percents) < 2 or not re.search(r"\brespectively\b", view.text, re.I):
        return [], None
    window = view.text[: percents[-1].end + 40]
    predicate = next((p for p, cue in [SPREAD_RATE_CUE, *RATE_CUES] if re.search(cue, window, re.I)), None)
    start, _end = view.clause_of(percents[0].start)
    lesions = distinct(
        [m for m in view.of(*LESION) if start <= m.start and m.end <= percents[0].start and not m.concept.broad]
    )
    if predicate is None or len(lesions) != len(percents):
        return [], None
    return list(zip(lesions, percents, strict=True)), predicate


ORGAN_LIST_LEAD = re.compile(
    r"\b(?:tumou?rs?|cancers?|carcinomas?|primar(?:y|ies)(?:\s+tumou?rs?)?)\s+(?:of|from|in)\s+(?:the\s+)?$", re.I
)


def _bracketed_rates(view: SentenceView) -> list[tuple[Item, NumberMention]]:
    """Primary tumours or lesions each followed at once by a bracketed percentage, when the sentence lists two or more.

    An organ word counts as its carcinoma ("tumours of the breast (72%), prostate (84%)") only in a list that opens with
    a named tumour or with "tumours of": elsewhere "lung (31%)" may well be where something lies.
    """
    lesions = [Item(ref(m), m.start, m.end) for m in view.of(*LESION) if not m.concept.broad]
    items = sorted({(i.start, i.end): i for i in lesions + primary_items(view)}.values(), key=lambda i: i.start)
    pairs = []
    for number in (n for n in view.numbers if n.unit == "percent"):
        before = [
            i for i in items if i.end <= number.start and BRACKETED_RATE.fullmatch(view.text[i.end : number.start])
        ]
        if before:
            pairs.append((before[-1], number))
    if pairs and pairs[0][0].ref.concept is None and not ORGAN_LIST_LEAD.search(view.text[: pairs[0][0].start]):
        pairs = [(item, number) for item, number in pairs if item.ref.concept is not None]
    return pairs if len(pairs) >= 2 else []


POPULATION_HAS = re.compile(
    r"\s*of\s+(?P<population>(?:all\s+)?(?:the\s+|these\s+)?(?:patients|individuals|people|adults|children|men"
    r"|women)\b[^,;.]{0,50}?)\s+"
    r"(?:will\s+|may\s+|eventually\s+|ultimately\s+)*(?:have|has|develop|develops|harbou?r|harbou?rs)\s+(?:an?\s+)?",
    re.I,
)


@rule("epidemiology.population_has", "epidemiology", 0.8)
def epidemiology_population_has(view: SentenceView) -> Iterable[Candidate]:
    """A share of a population that has or develops a lesion.

    "about 30% of patients with cancer develop spinal metastases" gives the lesion's prevalence in that population.
    """
    for number in (n for n in view.numbers if n.unit == "percent"):
        match = POPULATION_HAS.match(view.text, number.end)
        if match is None:
            continue
        lesions = [m for m in view.of(*LESION) if m.start == match.end() and not m.concept.broad]
        if lesions:
            yield Candidate(
                "epidemiology",
                ref(lesions[0]),
                "hasPrevalence",
                value=number.value,
                value_max=number.value_max,
                unit="percent",
                hedge=view.hedge(max(0, number.start - 16), number.end),
                span=(number.start, lesions[0].end),
                qualifiers={
                    k: v
                    for k, v in {
                        "population": match.group("population"),
                        "reference": view.reference(),
                        "study": view.study(),
                    }.items()
                    if v
                },
            )


def _population(view: SentenceView, number: NumberMention) -> str | None:
    """The population a figure is about, as written ("of patients with cancer", "in patients with lymphoma")."""
    match = re.match(
        r"\s*(?:of|in)\s+((?:all\s+)?(?:patients|cases|individuals|people|adults|children"
        r"|autopsies)[^,;.\[%]{0,50}?)\s*(?:\[|,|;|\.|$|\s(?:and|or)\s+(?:about\s+|up\s+to\s+)?\d)",
        view.text[number.end :],
        re.I,
    )
    return match.group(1).strip() if match else None


def _population_subject(view: SentenceView, position: int) -> Ref | None:
    """What a figure about a group of patients (a median age, a sex ratio) describes.

    The lesion named before it, else the paragraph's topic. A group figure is never about one case's patient, so where
    the sentence is read as case narrative the topic stands in for the case lesion. A caption shows one patient's
    images, and the topic there is too often a figure's lesion, so captions give none.
    """
    if view.is_caption:
        return None
    subject = view.subject_before(position)
    if subject is not None and not subject.is_case:
        return subject
    return Ref(view.topic.name, view.topic, anaphoric=True) if view.topic is not None else None


@rule("epidemiology.age", "epidemiology", 0.9)
def epidemiology_age(view: SentenceView) -> Iterable[Candidate]:
    """A median or mean age: "the median age at diagnosis is 54 years", "the mean patient age was 60 years".

    A paper states the age of the patients with the disease it is about, so the paragraph's topic stands
    for an unnamed subject. A group figure has no other candidate subject, unlike the sentences the topic
    penalty was measured on, so the rule starts high enough (0.9) for such a statement to be accepted.
    """
    for cue in cues(view, r"\b(?:median|mean|average|peak)\s+(?:patient\s+)?age\b"):
        subject = _population_subject(view, cue.start())
        between = AGE_BETWEEN.match(view.text, cue.end())
        if between is not None and subject is not None:
            yield Candidate(
                "epidemiology",
                subject,
                "hasMedianAge",
                value=float(between.group("low")),
                value_max=float(between.group("high")),
                unit="year",
                hedge=view.hedge(cue.start(), between.end()),
                span=(between.start("low"), between.end()),
            )
            continue
        numbers = [n for n in view.numbers if n.start > cue.end() and n.unit == "year" and n.start - cue.end() < 40]
        if numbers and subject is not None:
            yield Candidate(
                "epidemiology",
                subject,
                "hasMedianAge",
                value=numbers[0].value,
                value_max=numbers[0].value_max,
                unit="year",
                span=(cue.start(), numbers[0].end),
            )


# "The median age ... lies between 60 and 70 years": a range the number reader takes for its upper end alone.
AGE_BETWEEN = re.compile(
    r"[^.;]{0,50}?\b(?:is|was|lies|lay|falls?|ranges?|ranged)\s+between\s+(?P<low>\d+(?:\.\d+)?)\s+and\s+"
    r"(?P<high>\d+(?:\.\d+)?)\s+years\b",
    re.I,
)
SEX_RATIO = re.compile(
    r"\b(?P<phrase>(?:men|males|women|females|boys|girls)\s+are\s+(?:affected|involved)\s+(?:about\s+|approximately\s+"
    r"|roughly\s+|nearly\s+|almost\s+)?(?:twice|three\s+times|\d+(?:\.\d+)?\s+times)\s+as\s+(?:often|commonly"
    r"|frequently)\s+as\s+(?:women|females|men|males|girls|boys)"
    r"|(?:men|males|women|females|boys|girls)\s+are\s+(?:affected|involved)\s+(?:(?:slightly|somewhat|much|far"
    r"|rather)\s+)?(?:more|less)\s+(?:often|commonly|frequently)\s+than\s+(?:women|females|men|males|girls|boys))\b"
    r"|\b(?:male|female)[- ]to[- ](?:male|female)\s+ratio\s+(?:was|is|of|were)\s+(?:about\s+"
    r"|approximately\s+)?(?P<text>\d+(?:\.\d+)?\s*(?:to|:)\s*\d+(?:\.\d+)?)"
    r"|\b(?P<word>(?:(?:slight|strong|marked|clear|mild)\s+)?(?:male|female)\s+(?:preference|predominance|preponderance"
    r"|predilection))\b",
    re.I,
)


@rule("epidemiology.sex_ratio", "epidemiology", 0.9)
def epidemiology_sex_ratio(view: SentenceView) -> Iterable[Candidate]:
    """How the sexes share a disease: "the male to female ratio was 3 to 2", "there is a slight female predominance".

    Also in words: "women are affected twice as often as men", "men are affected slightly more often than women".

    The ratio is kept as written; an unnamed subject is the paragraph's topic, as for ages.
    """
    for cue in SEX_RATIO.finditer(view.text):
        subject = _population_subject(view, cue.start())
        if subject is not None and not re.search(r"\bno\s+(?:\w+\s+)?$", view.text[: cue.start()], re.I):
            text = " ".join((cue.group("text") or cue.group("word") or cue.group("phrase")).split()).lower()
            yield Candidate("epidemiology", subject, "hasSexRatio", text=text, span=(cue.start(), cue.end()))


REPORTED_COUNT = re.compile(
    rf"\b(?P<n>\d+|{NUMBER})\s+(?:(?:such|similar|other|previous|additional)\s+)?(?:patients"
    rf"|cases)\b(?P<middle>[^.;]{{0,60}}?)"
    r"\b(?:have|has|had)\s+been\s+(?:previously\s+)?(?:reported|described|published)\b(?:\s+(?:to\s+have|with|of))?",
    re.I,
)
# "with only nine cases (including ours) reported to date": the count closes a sentence on the lesion named before.
# A citation number may stick to the last word ("to date1,7-12").
REPORTED_TO_DATE = re.compile(
    rf"\b(?:only\s+)?(?P<n>\d+|{NUMBER})\s+(?:(?:such|similar|other|previous|additional)\s+)?(?:patients|cases)"
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:have|has)\s+been\s+)?(?:reported|described|published)\s+(?:to\s+date|so\s+far"
    r"|until\s+now|in\s+the\s+(?:English\s+)?literature)(?![A-Za-z])",
    re.I,
)
FEW_REPORTS = re.compile(
    r"\b(?:there\s+(?:have|has)\s+been\s+|only\s+)(?P<text>(?:very\s+|a\s+)?few\s+(?:case\s+)?reports)\s+(?:of|on"
    r"|describing)\s+(?:an?\s+|the\s+)?",
    re.I,
)


@rule("epidemiology.reported_cases", "epidemiology", 0.8)
def epidemiology_reported_cases(view: SentenceView) -> Iterable[Candidate]:
    """How many cases of a rare lesion the literature holds.

    "nine patients have been reported to have X", "12 cases of X have been described", "there have been few case reports
    of X", and a count closing a sentence on the lesion named before it: "X is rare, with only nine cases reported to
    date".
    """
    for cue in REPORTED_COUNT.finditer(view.text):
        lesions = [m for m in view.of(*LESION) if cue.start("middle") <= m.start and m.end <= cue.end("middle")]
        lesions = (
            lesions
            or [m for m in view.of(*LESION) if m.start >= cue.end() and view.same_clause(cue.end(), m.start)][:1]
        )
        if lesions and not lesions[0].concept.broad and not re.search(r"\bnot\b", cue.group(0), re.I):
            yield Candidate(
                "epidemiology",
                ref(lesions[0]),
                "hasIncidence",
                value=to_number(cue.group("n")),
                unit="case",
                span=(cue.start(), max(cue.end(), lesions[0].end)),
            )
    claimed = {cue.start("n") for cue in REPORTED_COUNT.finditer(view.text)}
    for cue in REPORTED_TO_DATE.finditer(view.text):
        subject = view.subject_before(cue.start())
        if cue.start("n") in claimed or subject is None or subject.is_case or re.search(r"\bnot\b", cue.group(0), re.I):
            continue
        yield Candidate(
            "epidemiology",
            subject,
            "hasIncidence",
            value=to_number(cue.group("n")),
            unit="case",
            span=(cue.start(), cue.end()),
        )
    for cue in FEW_REPORTS.finditer(view.text):
        lesions = [m for m in view.of(*LESION) if m.start == cue.end() and not m.concept.broad]
        if lesions:
            text = " ".join(cue.group("text").split()).lower()
            yield Candidate(
                "epidemiology",
                ref(lesions[0]),
                "hasIncidence",
                text=text,
                hedge=text,
                span=(cue.start(), lesions[0].end),
            )


REPORTED_IN = re.compile(r"\b(?:have|has)\s+(?:also\s+)?been\s+(?:reported|described|observed|seen)\s+in\s+", re.I)
SETTING_CATEGORIES = (
    "disorder",
    "primary",
    "treatment",
    "drug",
    "state",
    "age",
    "procedure",
    "clinical",
    "complication",
)


@rule("epidemiology.reported_in", "epidemiology", 0.75, general_only=True)
def epidemiology_reported_in(view: SentenceView) -> Iterable[Candidate]:
    """The settings a lesion has been reported in.

    "spontaneous hematomas have been reported in patients on anticoagulation, in those with coagulopathy and in
    pregnancy" associates the lesion with each of them; every setting of the list is as sure as the first.
    """
    for cue in REPORTED_IN.finditer(view.text):
        subject = view.subject_before(cue.start())
        if subject is None or re.search(r"\bnot\s+$|\bnever\s+$", view.text[: cue.start()], re.I):
            continue
        _start, end = view.clause_of(cue.end())
        settings = [
            m
            for m in view.mentions
            if cue.end() <= m.start < end
            and m.category in SETTING_CATEGORIES
            and not (m.concept.broad or m.concept.generic)
            and m.concept.name != subject.name
        ]
        for setting in settings:
            yield Candidate(
                "epidemiology",
                subject,
                "associatedWith",
                object=ref(setting),
                negated=view.is_negated(setting),
                hedge=view.hedge(max(0, cue.start() - 20), cue.end()),
                span=(cue.start(), settings[0].end),
            )


@rule("epidemiology.frequency_word", "epidemiology", 0.7, general_only=True)
def epidemiology_frequency_word(view: SentenceView) -> Iterable[Candidate]:
    """A lesion called common or rare: "Cavernous hemangioma is a common vascular lesion".

    When the sentence goes on to give a figure or reports for it, the word only hedges those, and when it is common "in"
    another lesion it holds only there: both go to review. Rare "in children" holds for that group, kept as the
    population.
    """
    for cue in cues(
        view,
        r"\b(?:is|are)\s+(?:an?\s+|the\s+)?(?:\w+,\s+)*(?:very\s+|relatively\s+|extremely\s+|exceedingly\s+)?(common"
        r"|rare|uncommon|unusual|frequent)\b",
    ):
        subject = view.subject_before(cue.start())
        if subject is None or _head_is_elsewhere(view, cue.start()):
            continue
        if not (re.search(r"\bmost\b", cue.group(0), re.I) or RANKED_NOUN.match(view.text, cue.end())):
            word = cue.group(1).lower()
            qualified = QUALIFIED_BY_FIGURE.match(view.text, cue.end()) or QUALIFIED_BY_REPORTS.match(
                view.text, cue.end()
            )
            setting = [m for m in view.of(*LESION) if IN_SETTING.fullmatch(view.text[cue.end() : m.start])]
            group = [m for m in view.of(*GROUP_CATEGORIES) if IN_SETTING.fullmatch(view.text[cue.end() : m.start])]
            population = f"patients with {setting[0].text}" if setting else group[0].text if group else None
            yield Candidate(
                "epidemiology",
                subject,
                "hasPrevalence",
                text=word,
                hedge=word,
                span=(cue.start(), cue.end()),
                reliability=0.6 if qualified or setting else 0.0,
                qualifiers={"population": population} if population else {},
            )


# "a common site", "a rare cause of": the word ranks a site, cause or finding of the lesion, not the lesion. "A
# common trap" or "a frequent pitfall" ranks a mistake readers make with it, which says nothing of how often it occurs.
RANKED_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:site|finding|feature|cause|location|presentation|manifestation|pitfall|trap|error"
    r"|mistake|misdiagnosis|dilemma|challenge)s?\b",
    re.I,
)
# "frequent in multiple myeloma": how often the subject goes with another lesion, which a rule of that
# relation reads; as a prevalence it holds only in that population.
IN_SETTING = re.compile(r"\s+(?:in|among)\s+(?:patients\s+with\s+)?(?:the\s+|an?\s+)?(?:[\w-]+\s+)?", re.I)
# "rare, representing 8.5% of ...", "uncommon and accounts for 1% of ..." or "rare but have been reported in ...": the
# word hedges the figure or the reports that follow, which carry the fact; on its own it mostly repeats them.
QUALIFIED_BY_FIGURE = re.compile(
    r"\s*,\s*(?:\w+\s+)?(?:representing|accounting\s+for|comprising|making\s+up|constituting)\s+(?:only\s+|about\s+"
    r"|approximately\s+)?\d"
    r"|\s*,?\s+and\s+(?:\w+\s+)?(?:represents?|accounts?\s+for|comprises?|makes?\s+up|constitutes?)\s+(?:only\s+"
    r"|about\s+|approximately\s+)?\d",
    re.I,
)
QUALIFIED_BY_REPORTS = re.compile(
    r"\s*,?\s*but\s+(?:\w+\s+)?(?:have|has)\s+been\s+(?:reported|described|seen|observed)\b", re.I
)


MOST_COMMON_KIND = re.compile(
    r"\b(?:is|are)\s+the\s+(?P<phrase>(?:(?:second|third)\s+)?(?:most\s+(?:common|frequent)|commonest)\s+(?!(?:sites?"
    r"|locations?|causes?|findings?|features?|presentations?|sources?|origins?|primar(?:y|ies)\s+(?:of|for))\b)"
    r"(?P<what>[^,;.]{3,80}?))(?=\s*(?:[,;.]|$|\b(?:and|but|while|whereas|which)\b))",
    re.I,
)


@rule("epidemiology.most_common_kind", "epidemiology", 0.75, general_only=True)
def epidemiology_most_common_kind(view: SentenceView) -> Iterable[Candidate]:
    """A lesion ranked the most common of its kind.

    "ependymoma is the most common primary cord tumour of adults" gives its prevalence in those words. The ranked kind
    must be a lesion, so that "the most common site" or "cause" is left to the rules of those relations.
    """
    for cue in MOST_COMMON_KIND.finditer(view.text):
        kinds = [m for m in view.of(*LESION, specific=False) if cue.start("what") <= m.start < cue.end("what")]
        subject = view.subject_before(cue.start())
        if (
            kinds
            and subject is not None
            and subject.name != kinds[0].concept.name
            and not _head_is_elsewhere(view, cue.start())
        ):
            text = " ".join(cue.group("phrase").split()).lower()
            yield Candidate(
                "epidemiology", subject, "hasPrevalence", text=text, hedge="most common", span=(cue.start(), cue.end())
            )


def _head_is_elsewhere(view: SentenceView, position: int) -> bool:
    """Whether the clause's first lesion before a position only modifies another noun.

    For example "aggression of hemangiomas is rare", "seeding of systemic cancer is unusual": then the rarity is not
    the lesion's.
    """
    start, _end = view.clause_of(position)
    lesions = [m for m in view.of(*LESION) if start <= m.start and m.end <= position]
    if not lesions:
        return False
    return bool(
        re.search(r"\b(?:of|in|into|from|with|by)\s+(?:[\w-]+\s+){0,2}$", view.text[start : lesions[0].start], re.I)
    )


GROUP_CUE = re.compile(
    r"\b(?:(?:typically|usually|mainly|mostly|predominantly|commonly|often|chiefly|primarily|preferentially)\s+)?"
    r"(?:affects?|(?:occurs?|arises?|develops?)\s+(?:\w+ly\s+)?(?:in|during)|(?:is|are)\s+(?:\w+ly\s+)?(?:seen|found"
    r"|encountered|diagnosed)\s+(?:\w+ly\s+)?(?:in|during)|"
    r"(?:is|are)\s+(?:much\s+)?more\s+(?:common|frequent|prevalent)\s+(?:in|among|during))\s+(?:the\s+)?(?:(?:young"
    r"|older|elderly|middle-aged)\s+)?",
    re.I,
)
GROUP_CATEGORIES = ("age",)


@rule("epidemiology.affects_group", "epidemiology", 0.8, general_only=True)
def epidemiology_affects_group(view: SentenceView) -> Iterable[Candidate]:
    """A lesion that goes with an age group.

    "Ewing sarcoma typically affects children", "chordoma is more common in older adults", "cavernous hemangiomas occur
    mostly during childhood". The group follows the cue at once; the lesion is the clause's subject. A sex goes with a
    ratio, which its own rule reads.
    """
    for cue in GROUP_CUE.finditer(view.text):
        group = next((m for m in view.of(*GROUP_CATEGORIES) if m.start == cue.end()), None)
        subject = view.subject_before(cue.start()) if group is not None else None
        if subject is not None and not _head_is_elsewhere(view, cue.start()):
            yield Candidate(
                "epidemiology",
                subject,
                "associatedWith",
                ref(group),
                hedge=view.hedge(cue.start(), cue.end()),
                span=(cue.start(), group.end),
            )


RARE_ENTITY = re.compile(
    r"\b(?:this|these|such\s+an?|such)\s+(?P<word>rare|uncommon|unusual|exceedingly\s+rare|very\s+rare)\s+"
    r"(?:[\w-]+\s+)?(?:pathology|pathologies|disorders?|diseases?|entity|entities|tumou?rs?|lesions?|conditions?"
    r"|neoplasms?)\b",
    re.I,
)
INCIDENCE_IS_RARE = re.compile(
    r"\b(?:the\s+)?(?:incidence|occurrence)\s+of\s+(?:this|these|the|such)\s+(?:[\w-]+\s+)?(?:pathology|disorder"
    r"|disease|entity|tumou?r|lesion|condition|neoplasm)s?\s+(?:is|are|remains?)\s+"
    r"(?:(?:very|extremely|exceedingly)\s+)?"
    r"(?P<word>rare|low|uncommon)\b",
    re.I,
)


@rule("epidemiology.rare_entity", "epidemiology", 0.75)
def epidemiology_rare_entity(view: SentenceView) -> Iterable[Candidate]:
    """A lesion the paper calls rare in passing: "this uncommon pathology", "the incidence of this tumour is rare".

    The words point back at the lesion the paper is about: a case report's lesion class, else the paragraph's topic.
    """
    for cue in list(RARE_ENTITY.finditer(view.text)) + list(INCIDENCE_IS_RARE.finditer(view.text)):
        subject = _reported_lesion(view, cue.group(0))
        if subject is not None:
            word = " ".join(cue.group("word").split()).lower()
            yield Candidate(
                "epidemiology", subject, "hasIncidence", text=word, hedge=word, span=(cue.start(), cue.end())
            )


def _reported_lesion(view: SentenceView, written: str) -> Ref | None:
    """The lesion class a demonstrative points back at: the case report's lesion, else the paragraph's topic."""
    named_case = view.case_lesion is not None and not view.case_lesion.grouping
    concept = view.case_lesion if named_case else view.topic
    if concept is None:
        return None
    return Ref(concept.name, concept, anaphoric=True, written=written)


SITE_THEN_SHARE = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:(?:more|less|most)\s+(?:often|commonly|frequently)\s+)?"
    r"(?:\(\s*(?:~|∼|about\s+|approximately\s+)?|(?:involved|affected)\s+in\s+(?:~|∼|about\s+|approximately\s+)?)",
    re.I,
)
SHARE_THEN_LESION = re.compile(
    r"\s*(?:\)\s*(?:involved|affected)\s+in\s+|of\s+(?:cases\s+of\s+|patients\s+with\s+)?)"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?",
    re.I,
)
COMPARED_SHARE = re.compile(r"\s*,?\s+(?:as\s+)?(?:compared\s+(?:to|with)|versus|vs\.?)\s+(?:~|∼|about\s+)?", re.I)
SHARE_IN_SITE = re.compile(r"\s+in\s+(?:the\s+)?", re.I)


@rule("epidemiology.site_share", "epidemiology", 0.8)
def epidemiology_site_share(view: SentenceView) -> Iterable[Candidate]:
    """The share of a lesion found at a site.

    "The thoracic spine is more often (~60%) involved in epidural cord compression, as compared to ~30% in the lumbar
    spine", "the thoracic spine is involved in 70% of cases of X", "X occur in the thoracic spine (70%) and the lumbar
    spine (20%)". Each figure is the lesion's proportion with its site as the target.
    """
    for number in (n for n in view.numbers if n.unit == "percent" and n.kind == "percent"):
        before = [s for s in view.of(*SITE) if s.end <= number.start]
        site = before[-1] if before and SITE_THEN_SHARE.fullmatch(view.text[before[-1].end : number.start]) else None
        link = SHARE_THEN_LESION.match(view.text, number.end) if site is not None else None
        lesion = next((m for m in view.of(*LESION) if link and m.start == link.end()), None)
        if lesion is None:
            continue
        yield _site_share(view, ref(lesion), number, site, lesion.end)
        compared = COMPARED_SHARE.match(view.text, lesion.end)
        other = next((n for n in view.numbers if compared and n.start == compared.end() and n.unit == "percent"), None)
        place = SHARE_IN_SITE.match(view.text, other.end) if other is not None else None
        other_site = next((s for s in view.of(*SITE) if place and s.start == place.end()), None)
        if other_site is not None:
            yield _site_share(view, ref(lesion), other, other_site, lesion.end)
    for site, number in _bracketed_site_shares(view):
        subject = view.subject_before(site.start)
        if subject is not None and not subject.is_case:
            yield _site_share(view, subject, number, site, number.end)


BRACKET_AFTER_SITE = re.compile(r"\s*\(\s*(?:~|∼|about\s+|approximately\s+)?")


def _bracketed_site_shares(view: SentenceView) -> list[tuple[Mention, NumberMention]]:
    """Sites each followed at once by a bracketed percentage: "in the thoracic spine (70%), the lumbar spine (20%)".

    Only after a verb of place, so that the figures are the shares of the lesion at each site.
    """
    pairs = []
    for number in (n for n in view.numbers if n.unit == "percent" and n.kind == "percent"):
        before = [s for s in view.of(*SITE) if s.end <= number.start]
        if before and BRACKET_AFTER_SITE.fullmatch(view.text[before[-1].end : number.start]):
            if PLACE_VERB.search(view.text, view.clause_of(before[-1].start)[0], before[-1].start):
                pairs.append((before[-1], number))
    return pairs


PLACE_VERB = re.compile(
    r"\b(?:occur\w*|aris\w*|locat\w*|found|seen|involv\w*|affect\w*|distribut\w*|lie|lies|situated)\b", re.I
)


def _site_share(view: SentenceView, subject: Ref, number: NumberMention, site: Mention, end: int) -> Candidate:
    """A lesion's proportion at a site, as a candidate whose evidence runs from the site or figure to ``end``."""
    return Candidate(
        "epidemiology",
        subject,
        "hasProportion",
        value=number.value,
        value_max=number.value_max,
        unit="percent",
        span=(min(site.start, number.start), max(end, number.end)),
        qualifiers={
            k: v for k, v in {"target": ref(site), "reference": view.reference(), "study": view.study()}.items() if v
        },
    )
