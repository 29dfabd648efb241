"""Find numbers with their units: percentages and ranges of them, ages, durations, sizes, fractions.

"10-12%" is 10 to 12 percent, "about 1%" is 1 percent (the hedge "about" stays in the text), "a
40-year-old man" is an age of 40 years, "five years later" a duration of 5 years (number words up to
ninety are read), "4/9 cases" a fraction, "3.2 cm" a size. Each mention keeps its span so a rule can
ask which concept it stands next to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
NUMBER = (
    r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted((w for w in WORD_NUMBERS if len(w) > 2), key=len, reverse=True)) + r")"
)
DASH = r"\s*(?:-|–|—|to)\s*"
TIME_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "hour": "hour"}

PATTERNS = [
    ("age", re.compile(rf"\b(?P<a>{NUMBER})[\s-]*(?:year|yr)s?[\s-]*old\b", re.I)),
    ("age", re.compile(r"\baged?\s+(?:of\s+)?(?P<a>\d+)\b", re.I)),
    (
        "percent",
        re.compile(rf"(?P<a>\d+(?:\.\d+)?)(?:\s*%?{DASH}(?P<b>\d+(?:\.\d+)?))?\s*(?:%|percent\b|per cent\b)", re.I),
    ),
    ("fraction", re.compile(r"\b(?P<a>\d+)\s*/\s*(?P<b>\d+)(?=\s+(?:cases|patients|lesions|studies))", re.I)),
    (
        "duration",
        re.compile(rf"\b(?P<a>{NUMBER})(?:{DASH}(?P<b>{NUMBER}))?[\s-]+(?P<unit>day|week|month|year|hour)s?\b", re.I),
    ),
    ("size", re.compile(rf"\b(?P<a>\d+(?:\.\d+)?)(?:{DASH}(?P<b>\d+(?:\.\d+)?))?\s*(?P<unit>mm|cm|ml|mL)\b")),
    ("field", re.compile(r"\b(?P<a>\d+(?:\.\d+)?)\s*(?P<unit>T)\b(?![-\w])")),
]


@dataclass(frozen=True)
class NumberMention:
    """A number (or range) with its unit, as found in a text."""

    start: int
    end: int
    text: str
    kind: str
    value: float
    value_max: float | None
    unit: str


def to_number(word: str) -> float:
    """A digit string ("12", "1,5") or a number word ("five") as a float."""
    word = word.lower()
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word])
    return float(word.replace(",", "."))


def find_numbers(text: str) -> list[NumberMention]:
    """Every number with a unit in a text, left to right; the first pattern to claim a span keeps it."""
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            mention = _mention(kind, match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _mention(kind: str, match: re.Match) -> NumberMention | None:
    """Turn a match into a mention, or None for what is not a quantity (a year such as 2010)."""
    value = to_number(match.group("a"))
    high = match.groupdict().get("b")
    value_max = to_number(high) if high else None
    unit = {"age": "year", "percent": "percent", "fraction": "ratio"}.get(kind)
    if unit is None:
        unit = TIME_UNITS.get(match.group("unit").lower(), match.group("unit"))
    if kind == "duration" and value > 200:
        return None
    if kind == "fraction":
        value, value_max = round(100 * value / value_max, 1) if value_max else value, None
        unit = "percent"
    return NumberMention(match.start(), match.end(), match.group(0), kind, value, value_max, unit)
