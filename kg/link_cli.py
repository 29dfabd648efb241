"""The ``spinekg link`` command group: curated links, RadLex candidates, gaps, endpoint enrichment.

Commands (each one call into the library; exit codes as for ``spinekg``):

* ``spinekg link assign``: (re)assign ``sk:`` subjects to the verified mappings and refresh the
  RadLex import; run it whenever the ontology gains or renames terms.
* ``spinekg link import``: regenerate the RadLex seed list and import module from the curated set.
* ``spinekg link radlex [--output FILE]``: write lexical RadLex candidates as SSSOM and print their
  top-candidate precision and recall against the verified table.
* ``spinekg link gaps``: list the concepts without any external id.
* ``spinekg link --endpoint URL [--ontology RADLEX]``: enrich the linked terms of one ontology with
  labels, definitions and parents from a remote SPARQL endpoint.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.config import Settings
from kg.errors import SpineKGError
from kg.external import ONTOLOGIES

CANDIDATES_FILE = Path("links") / "radlex-candidates.sssom.tsv"


def _run(action):
    """Run a library call, printing a typed error as one line and exiting with its code."""
    try:
        return action()
    except SpineKGError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)


@click.group(invoke_without_command=True)
@click.option("--endpoint", metavar="URL", help="Enrich linked terms from this SPARQL endpoint.")
@click.option(
    "--ontology",
    "prefix",
    type=click.Choice(sorted(ONTOLOGIES)),
    default="RADLEX",
    show_default=True,
    help="Which linked ontology the endpoint serves.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=10.0,
    show_default=True,
    help="Seconds per request.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Retries after a failed request.",
)
@click.pass_context
def link(
    ctx: click.Context, endpoint: str | None, prefix: str, timeout: float, retries: int
) -> None:
    """Link SpineKG concepts to RadLex, NCIt, UBERON, MONDO and other ontologies."""
    if ctx.invoked_subcommand is not None:
        if endpoint is not None:
            raise click.UsageError(
                "--endpoint runs on its own; do not combine it with a subcommand"
            )
        return
    if endpoint is None:
        click.echo(ctx.get_help())
        return
    from kg.enrich import Endpoint, enrich

    report = _run(lambda: enrich(Settings.from_env(), Endpoint(endpoint, timeout, retries), prefix))
    click.echo("\n".join(report.lines()))


@link.command()
def assign() -> None:
    """Assign sk: subjects to the verified mappings and refresh the RadLex import."""
    from kg.mappings import assign_subjects

    click.echo("\n".join(_run(lambda: assign_subjects(Settings.from_env())).lines()))


@link.command(name="import")
def import_command() -> None:
    """Regenerate ontology/imports/radlex_terms.txt and radlex_import.ttl from the curated set."""
    from kg.mappings import MappingPaths, read_curated, refresh_radlex_import

    paths = MappingPaths.of(Settings.from_env())
    seeds, terms = _run(lambda: refresh_radlex_import(paths, read_curated(paths.curated)))
    click.echo(
        f"RadLex import: {seeds} seed(s), {terms} term(s) with ancestors, "
        f"written to {paths.radlex_import}"
    )


@link.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Candidate SSSOM file to write [default: build/links/radlex-candidates.sssom.tsv].",
)
def radlex(output: Path | None) -> None:
    """Propose RadLex links for every concept by its names; print precision and recall."""
    from kg.linking import run_radlex_linking

    settings = Settings.from_env()
    output = output or settings.build_dir / CANDIDATES_FILE
    click.echo("\n".join(_run(lambda: run_radlex_linking(settings, output)).lines()))


@link.command()
def gaps() -> None:
    """List the concepts that have no external id (this never fails the build)."""
    from kg.mappings import find_gaps

    click.echo("\n".join(_run(lambda: find_gaps(Settings.from_env())).lines()))
