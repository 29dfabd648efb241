"""The ``spinekg ddx`` command: differential diagnosis from findings, over the current release.

Exit codes as for every ``spinekg`` command: 0 success; 2 bad input (no finding could be read, no
release built yet); 4 environment or store error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.config import Settings
from kg.ddx import DEFAULT_LIMIT, engine_for_release
from kg.ddx_export import FORMATS, render
from kg.ddx_findings import KINDS, QUALIFIERS
from kg.errors import SpineKGError

RELEASE_FILE = "spinekg.trig"
STORE_FOLDER = "store"

FINDING_HELP = (
    "A finding as key=value pairs separated by commas, e.g. "
    "'signal=Hyperintense,sequence=T2Weighted' or 'site=ExtraduralSite'; repeat for each finding. "
    f"Keys: {', '.join(KINDS)} (one per finding) and {', '.join(QUALIFIERS)}. Values are ontology "
    "terms by local name, label or synonym ('T2-weighted', 'extradural'); text that names no term "
    "is reported as unrecognised."
)


@click.command()
@click.option("--finding", "-f", "findings", multiple=True, required=True, help=FINDING_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--exclude-cases-from",
    "excluded",
    multiple=True,
    metavar="DOCUMENT",
    help="Leave out the case-report lesions of this document (its id, e.g. 000_891c798bf44889b1).",
)
@click.option("--limit", type=click.IntRange(1, 100), default=DEFAULT_LIMIT, show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
def ddx(
    findings: tuple[str, ...], fmt: str, excluded: tuple[str, ...], limit: int, output: Path | None
) -> None:
    """Rank candidate lesions for imaging findings, with the evidence for every match."""
    settings = Settings.from_env()
    release = settings.current_release / RELEASE_FILE
    if not release.is_file():
        click.echo("error: no release yet; run `spinekg build` first", err=True)
        sys.exit(2)
    try:
        engine = engine_for_release(release.resolve(), settings.build_dir / STORE_FOLDER)
        result = engine.ask(findings, exclude_case_documents=excluded, limit=limit)
    except SpineKGError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    text = render(result, engine, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    for item in result.unrecognised:
        click.echo(f"unrecognised: {item.text}: {item.reason}", err=True)
    if not result.findings:
        click.echo("error: none of the findings could be read", err=True)
        sys.exit(2)
