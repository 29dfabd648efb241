"""The ``spinekg`` command: a thin layer over the library, one call per command.

Exit codes: 0 success; 1 validation or ontology checks failed (the last good release is kept);
2 bad input (document, curation file, command line); 3 the reasoner found the graph inconsistent;
4 environment or internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.config import PROJECT_ROOT, Settings
from kg.ddx_cli import ddx
from kg.errors import SpineKGError
from kg.ingest_cli import ingest, review
from kg.link_cli import link

DEFAULT_GOLD = PROJECT_ROOT / "tests" / "data" / "gold" / "dev_facts.tsv"


def _fail(error: SpineKGError) -> None:
    """Print an error as the CLI reports it and exit with its code."""
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


@click.group()
@click.version_option(package_name="spinekg")
def cli() -> None:
    """SpineKG: build, check, export and serve the spinal lesion imaging knowledge graph."""


@cli.command()
@click.option("--quiet", is_flag=True, help="Print only the final report.")
def build(quiet: bool) -> None:
    """Build, reason over, validate and release the graph from corpus/ and curation/."""
    from kg.build import build as run_build

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"... {message}", err=True)

    try:
        report = run_build(Settings.from_env(), progress)
    except SpineKGError as error:
        _fail(error)
    click.echo("\n".join(report.lines()))


@cli.command(name="eval")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT_GOLD, show_default=True)
@click.option("--missed", is_flag=True, help="List every gold fact not covered.")
@click.option("--extraction", is_flag=True, help="Measure automatic extraction instead: precision and recall against the curated statements and the gold facts.")
@click.option("--with-review", is_flag=True, help="With --extraction: count the statements that would wait for review too.")
@click.option("--show", is_flag=True, help="With --extraction: list the false positives and the missed curated statements after the tables.")
def evaluate_command(gold: Path, missed: bool, extraction: bool, with_review: bool, show: bool) -> None:
    """Report the share of gold facts the curated statements cover, per kind (or, with --extraction, how extraction scores)."""
    if extraction:
        _evaluate_extraction(gold, with_review, show)
        return

    from kg.evaluate import ObjectNames, evaluate, individual_labels, read_gold

    ontology, documents, curation = _load_curated()
    coverage = evaluate(read_gold(gold), documents, curation.statements, ObjectNames(ontology, individual_labels(curation)))
    click.echo(f"{'kind':<24}{'covered':>8}{'total':>7}{'share':>8}")
    for kind, hit, total, share in coverage.table():
        click.echo(f"{kind:<24}{hit:>8}{total:>7}{share:>8.1%}")
    if missed:
        for kind, facts in sorted(coverage.missed.items()):
            for fact in facts:
                click.echo(f"MISSED {fact.fact_id} [{kind}] {fact.subject} | {fact.relation} | {fact.object} | {fact.evidence[:90]}")


def _load_curated():
    """The ontology, the corpus and its curated statements, or exit with the error."""
    from rdflib import Graph

    from kg.corpus import load_corpus
    from kg.curation import curate

    settings = Settings.from_env()
    try:
        ontology = Graph().parse(settings.ontology_file, format="turtle")
        documents = load_corpus(settings.corpus_dir)
        return ontology, documents, curate(documents, ontology, settings.curation_dir)
    except SpineKGError as error:
        _fail(error)


def _evaluate_extraction(gold: Path, with_review: bool, show: bool = False) -> None:
    """Run extraction alone over the corpus and print precision and recall tables."""
    from kg.evaluate import read_gold
    from kg.extract.evaluation import extract_all, format_table, mismatches, score_against_curation, score_against_gold

    ontology, documents, curation = _load_curated()
    extracted = extract_all(documents, ontology, "all" if with_review else "accepted")
    click.echo("\n".join(format_table("extraction vs curated statements", score_against_curation(extracted, curation, ontology))))
    click.echo("")
    click.echo("\n".join(format_table("extraction vs gold facts", score_against_gold(extracted, read_gold(gold), documents, ontology))))
    if show:
        click.echo("")
        click.echo("\n".join(mismatches(extracted, curation, ontology)))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["tsv", "jsonl", "ttl", "trig", "jsonld"]), default="tsv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: standard output).")
def export(fmt: str, output: Path | None) -> None:
    """Export the current release: statements as TSV or JSON lines, or the whole graph."""
    from kg.export import export as run_export
    from kg.release import current_release

    release = current_release(Settings.from_env().build_dir)
    if release is None:
        click.echo("error: no release yet; run `spinekg build` first", err=True)
        sys.exit(2)
    if output is None:
        run_export(release, fmt, sys.stdout)
        return
    with open(output, "w", encoding="utf-8") as out:
        run_export(release, fmt, out)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--rebuild", is_flag=True, help="Build a new release before serving.")
def serve(host: str, port: int, rebuild: bool) -> None:
    """Serve the browser and SPARQL endpoint, first building a release if the inputs changed since the last one."""
    from kg.build import build as run_build
    from kg.build import release_is_current
    from server.wsgi import serve as run_server

    settings = Settings.from_env()
    try:
        if rebuild or not release_is_current(settings):
            click.echo("\n".join(run_build(settings, lambda m: click.echo(f"... {m}", err=True)).lines()))
    except SpineKGError as error:
        _fail(error)
    run_server(host=host, port=port)


cli.add_command(link)
cli.add_command(ddx)
cli.add_command(ingest)
cli.add_command(review)


def main() -> None:
    """Entry point of the ``spinekg`` console script."""
    cli()
