"""Find vertebral levels and ranges of levels: "T2-T3", "T11-12", "T11 & T12", "C4 and C5", "L1 to L3".

A level is a region letter (C, T, L, S; "Th" and "D" are read as thoracic) and a number within that
region's count. Two levels joined by a dash, "to" or "through" make a range and every level between
them is returned, so "T11-T12" gives T11 and T12 and "C4 to C6" gives C4, C5, C6. Two levels joined
by "&", "and" or "/" are a list of those two ("T11 & T12", "C7 and S1"). The level names are the ontology's individuals
(``sk:T11``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.namespaces import SK

LIST_JOINS = {"&", "and", "/"}
REGION_SIZES = {"C": 7, "T": 12, "L": 5, "S": 5}
ORDER = [f"{r}{n}" for r, size in REGION_SIZES.items() for n in range(1, size + 1)]
_REGION = r"(?P<{g}r>C|Th|T|D|L|S)(?P<{g}n>\d{{1,2}})"
LEVEL_RANGE = re.compile(
    r"\b"
    + _REGION.format(g="a")
    + r"(?:\s*(?P<join>[-–/&]|\bto\b|\bthrough\b|\band\b)\s*(?:"
    + _REGION.format(g="b")
    + r"|(?P<bare>\d{1,2}))\b(?![-–]?weighted))?\b(?![-–]?weighted|W\b)"
)


@dataclass(frozen=True)
class LevelMention:
    """Levels named in a text: the span and every level it covers, in order."""

    start: int
    end: int
    text: str
    levels: tuple[str, ...]

    @property
    def iris(self) -> list:
        """The ontology individuals of the levels."""
        return [SK[name] for name in self.levels]


def _level(region: str, number: str) -> str | None:
    """The canonical level name, or None when the number does not exist in that region."""
    letter = {"Th": "T", "D": "T"}.get(region, region)
    n = int(number)
    return f"{letter}{n}" if 1 <= n <= REGION_SIZES[letter] else None


def find_levels(text: str) -> list[LevelMention]:
    """Every level or range of levels in a text, left to right."""
    found = []
    for match in LEVEL_RANGE.finditer(text):
        first = _level(match.group("ar"), match.group("an"))
        if first is None or _is_sequence_name(text, match):
            continue
        last = first
        if match.group("br"):
            last = _level(match.group("br"), match.group("bn")) or first
        elif match.group("bare"):
            last = _level(first[0], match.group("bare")) or first
        if (match.group("join") or "").lower() in LIST_JOINS:
            levels = tuple(dict.fromkeys((first, last)))
        else:
            levels = _between(first, last)
        found.append(LevelMention(match.start(), match.end(), match.group(0), levels))
    return found


def _is_sequence_name(text: str, match: re.Match) -> bool:
    """The names "T1" and "T2" before "-weighted", "W", "signal", "hyperintense" ... name MR sequences, not levels."""
    if match.group("ar") != "T" or match.group("an") not in {"1", "2"} or match.group("join"):
        return False
    after = text[match.end() : match.end() + 24].lower()
    before = text[max(0, match.start() - 16) : match.start()].lower()
    sequence_words = (
        "weight",
        "w ",
        "w)",
        "w,",
        "w.",
        "signal",
        "hyper",
        "hypo",
        "iso",
        "image",
        "sequence",
        "post",
        "pre",
        "fat",
        "flair",
        "and stir",
        "shortening",
        "prolongation",
    )
    return after.lstrip(" -–").startswith(sequence_words) or not re.search(
        r"level|vertebra|body|at |from |of ", before + after
    )


def _between(first: str, last: str) -> tuple[str, ...]:
    """Levels from ``first`` to ``last`` inclusive (in either order)."""
    i, j = ORDER.index(first), ORDER.index(last)
    if i > j:
        i, j = j, i
    return tuple(ORDER[i : j + 1])
