"""Run the ontology QC checks of ``ontology/checks``: SPARQL SELECTs that must return no rows.

The checks follow ROBOT ``verify``: each ``*-violation.rq`` file directly in the checks folder is
live, starts with a ``# description:`` line, and returns one row per offending term. Parked checks
live in ``checks/inactive/`` and are not run. See ``ontology/checks/README.md``.
ROBOT verify: https://robot.obolibrary.org/verify
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph

from kg.errors import SpineKGError

CHECK_SUFFIX = "-violation.rq"
DESCRIPTION_MARK = "# description:"


class CheckDefinitionError(SpineKGError):
    """A check file cannot be used: no description line, or a query that does not parse."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    Attributes:
        name: The file name without ``-violation.rq`` (``missing-label``).
        description: The sentence of the file's ``# description:`` line.
        rows: One dict per offending row, variable name to value as text; empty when it passes.
    """

    name: str
    description: str
    rows: list[dict[str, str]]

    @property
    def passed(self) -> bool:
        """Whether the check found nothing."""
        return not self.rows


def live_checks(checks_dir: Path) -> list[Path]:
    """The live check files, in name order."""
    return sorted(checks_dir.glob(f"*{CHECK_SUFFIX}"))


def run_checks(graph: Graph, checks_dir: Path) -> list[CheckResult]:
    """Run every live check of ``checks_dir`` on ``graph``.

    Args:
        graph: The ontology graph (the parsed edit file).
        checks_dir: The folder holding the ``*-violation.rq`` files.

    Returns:
        One result per check, in file name order.

    Raises:
        CheckDefinitionError: A check has no description line or its query does not parse.
    """
    return [run_check(graph, path) for path in live_checks(checks_dir)]


def run_check(graph: Graph, path: Path) -> CheckResult:
    """Run one check file on ``graph``."""
    text = path.read_text(encoding="utf-8")
    description = _description(path, text)
    try:
        result = graph.query(text)
    except ParseException as error:
        raise CheckDefinitionError(f"{path.name}: the query does not parse: {error}") from error
    variables = [str(v) for v in result.vars]
    rows = [
        {name: str(value) for name, value in zip(variables, row) if value is not None}
        for row in result
    ]
    return CheckResult(path.name.removesuffix(CHECK_SUFFIX), description, rows)


def _description(path: Path, text: str) -> str:
    """The sentence of the ``# description:`` line."""
    for line in text.splitlines():
        if line.startswith(DESCRIPTION_MARK):
            return line[len(DESCRIPTION_MARK) :].strip()
    raise CheckDefinitionError(f"{path.name}: no '{DESCRIPTION_MARK}' line")
