"""The ``spinekg ingest`` and ``spinekg review`` commands: add papers, decide on what waits for review."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.config import Settings
from kg.errors import SpineKGError


def _fail(error: SpineKGError) -> None:
    """One line per problem on standard error, then the error's exit code."""
    for line in str(error).splitlines():
        click.echo(f"error: {line.strip()}", err=True)
    sys.exit(error.exit_code)


@click.command()
@click.argument("papers", nargs=-1, type=click.Path(path_type=Path))
@click.option("--title", help="Title of the paper (default: from the sidecar, else the file name).")
@click.option("--citation", help="Citation of the paper as it should be shown.")
@click.option("--kind", help='Kind of paper, e.g. "case report" or "review".')
@click.option("--sidecar", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="YAML file with title, citation, kind (default: <paper>.yaml if present).")
@click.option("--replace", is_flag=True, help="Re-extract a paper already in the corpus, replacing its statements.")
@click.option("--no-build", is_flag=True, help="Extract only; do not rebuild the release.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0),
              help="Confidence from which an extracted statement enters the graph (default: the extractor's, "
                   "kg.extract.pipeline.CONFIDENCE_THRESHOLD); below it, it waits for review.")
@click.option("--quiet", is_flag=True, help="No progress messages.")
def ingest(papers: tuple[Path, ...], title, citation, kind, sidecar, replace: bool, no_build: bool, threshold: float, quiet: bool) -> None:
    """Add papers (.txt or .pdf, or folders of them): extract their statements and rebuild the release."""
    from kg.ingest import ingest as run_ingest

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"... {message}", err=True)

    try:
        report = run_ingest(list(papers), Settings.from_env(), overrides={"title": title, "citation": citation, "kind": kind},
                            sidecar=sidecar, replace=replace, build=not no_build, show_progress=not quiet,
                            progress=progress, **({"threshold": threshold} if threshold is not None else {}))
    except SpineKGError as error:
        _fail(error)
    click.echo("\n".join(report.lines()))


@click.group()
def review() -> None:
    """List, accept or reject extracted statements that wait for review."""


@review.command(name="list")
@click.argument("doc_id")
def list_command(doc_id: str) -> None:
    """Show the statements of a document that wait for review."""
    from kg.review import pending

    try:
        statements = pending(Settings.from_env(), doc_id)
    except SpineKGError as error:
        _fail(error)
    for s in statements:
        target = s.get("object", s.get("value", s.get("text")))
        negated = " (negated)" if s.get("negated") else ""
        click.echo(f"{s['id']}  {s['confidence']:.2f}  {s['kind']}: {s['subject']} {s['predicate']} {target}{negated}  [{s['rule']}]  \"{s['quote'][:80]}\"")
    click.echo(f"{len(statements)} statement(s) wait for review")


def _decide(decision: str, doc_id: str, statement_ids: tuple[str, ...], by: str, no_build: bool) -> None:
    from kg.review import decide

    try:
        decided = decide(Settings.from_env(), doc_id, list(statement_ids), decision, by, build=not no_build,
                         progress=lambda m: click.echo(f"... {m}", err=True))
    except SpineKGError as error:
        _fail(error)
    verb = "accepted" if decision == "accept" else "rejected"
    click.echo(f"{verb} {len(decided)} statement(s) of {doc_id} (decided by {by})")


@review.command()
@click.argument("doc_id")
@click.argument("statement_ids", nargs=-1, required=True)
@click.option("--by", required=True, help="Who decides (recorded in the graph as sk:decidedBy).")
@click.option("--no-build", is_flag=True, help="Do not rebuild the release now.")
def accept(doc_id: str, statement_ids: tuple[str, ...], by: str, no_build: bool) -> None:
    """Move statements into the graph, recording who decided and when."""
    _decide("accept", doc_id, statement_ids, by, no_build)


@review.command()
@click.argument("doc_id")
@click.argument("statement_ids", nargs=-1, required=True)
@click.option("--by", required=True, help="Who decides (kept in the review file).")
def reject(doc_id: str, statement_ids: tuple[str, ...], by: str) -> None:
    """Drop statements to the review file's rejected list, recording who decided and when."""
    _decide("reject", doc_id, statement_ids, by, no_build=True)
