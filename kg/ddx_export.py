"""Write a differential-diagnosis result as JSON (the API), CSV (downloads) or a terminal table."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from kg.ddx import (
    Assessment,
    Candidate,
    DdxResult,
    DifferentialDiagnosis,
    Discriminator,
    Evidence,
    scoring_table,
)
from kg.ddx_findings import Finding


def result_to_json(result: DdxResult, engine: DifferentialDiagnosis) -> dict:
    """The result as a JSON-ready dictionary (the API's answer)."""
    return {
        "release": result.release_id,
        "findings": [_finding_json(f, engine) for f in result.findings],
        "unrecognised": [
            {
                "text": u.text,
                "field": u.field,
                "reason": u.reason,
                "suggestions": [
                    {"iri": iri, "label": label, "finding": finding}
                    for iri, label, finding in u.suggestions
                ],
            }
            for u in result.unrecognised
        ],
        "excluded_case_documents": list(result.excluded_case_documents),
        "scoring": scoring_table(),
        "candidates": [_candidate_json(c, engine) for c in result.candidates],
        "discriminators": [_discriminator_json(d, engine) for d in result.discriminators],
        "elapsed_ms": result.elapsed_ms,
    }


def _finding_json(finding: Finding, engine: DifferentialDiagnosis) -> dict:
    data = {k: v for k, v in asdict(finding).items() if v is not None}
    data["text"] = finding.text()
    data["label"] = engine.describe(finding)
    return data


def _evidence_json(item: Evidence, engine: DifferentialDiagnosis) -> dict:
    return {
        "stance": item.stance,
        "route": item.route,
        "weight": item.weight,
        "factors": [{"factor": name, "value": value} for name, value in item.factors],
        "reason": item.reason,
        "statement": item.statement,
        "subject": item.subject,
        "subject_label": engine.context.label(
            engine.context.case_class(item.subject) or item.subject
        ),
        "about": item.about,
        "hedge": item.hedge,
        "negated": item.negated,
        "document": item.document,
        "definition": engine.context.definitions.get(item.subject)
        if item.statement is None
        else None,
        "quotes": [
            {
                "text": q.text,
                "sentence": q.sentence,
                "document": q.document,
                "title": q.document_title,
                "start": q.start,
                "end": q.end,
                "fragment": q.fragment,
            }
            for q in item.quotes
        ],
    }


def _assessment_json(assessment: Assessment, engine: DifferentialDiagnosis) -> dict:
    return {
        "finding": assessment.finding.text(),
        "label": engine.describe(assessment.finding),
        "verdict": assessment.verdict,
        "score": assessment.score,
        "support": assessment.support,
        "contradiction": assessment.contradiction,
        "agreement": asdict(assessment.agreement),
        "supporting": [_evidence_json(i, engine) for i in assessment.supporting],
        "contradicting": [_evidence_json(i, engine) for i in assessment.contradicting],
    }


def _candidate_json(candidate: Candidate, engine: DifferentialDiagnosis) -> dict:
    return {
        "rank": candidate.rank,
        "iri": candidate.iri,
        "label": candidate.label,
        "score": candidate.score,
        "explains": candidate.count("explains") + candidate.count("mixed"),
        "contradicts": candidate.count("contradicts") + candidate.count("mixed"),
        "unknown": candidate.count("unknown"),
        "parts": [
            {"part": engine.describe(a.finding), "score": a.score} for a in candidate.assessments
        ]
        + (
            [{"part": "named in a differential list", "score": candidate.differential_score}]
            if candidate.differential
            else []
        ),
        "includes": [
            {"iri": iri, "label": engine.context.label(iri)} for iri in candidate.includes
        ],
        "findings": [_assessment_json(a, engine) for a in candidate.assessments],
        "differential": _evidence_json(candidate.differential, engine)
        if candidate.differential
        else None,
    }


def _discriminator_json(d: Discriminator, engine: DifferentialDiagnosis) -> dict:
    return {
        "finding": d.finding.text(),
        "label": engine.describe(d.finding),
        "source": d.source,
        "spread": d.spread,
        "statement": _evidence_json(d.statement, engine) if d.statement else None,
        "candidates": [
            {"iri": iri, "label": label, **_assessment_json(assessment, engine)}
            for iri, label, assessment in d.verdicts
        ],
    }


CSV_COLUMNS = (
    "rank",
    "candidate",
    "candidate_label",
    "score",
    "finding",
    "finding_label",
    "verdict",
    "part",
    "supporting",
    "conflicting",
    "papers",
    "best_statement",
    "best_reason",
    "best_quote",
    "best_document",
)


def result_to_csv(result: DdxResult, engine: DifferentialDiagnosis) -> str:
    """One row per candidate and finding (and per differential part), best evidence included."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for candidate in result.candidates:
        base = {
            "rank": candidate.rank,
            "candidate": candidate.iri,
            "candidate_label": candidate.label,
            "score": candidate.score,
        }
        for a in candidate.assessments:
            best = (a.supporting + a.contradicting)[:1]
            writer.writerow(
                {
                    **base,
                    "finding": a.finding.text(),
                    "finding_label": engine.describe(a.finding),
                    "verdict": a.verdict,
                    "part": a.score,
                    "supporting": a.agreement.supporting,
                    "conflicting": a.agreement.conflicting,
                    "papers": a.agreement.papers,
                    **_best_columns(best),
                }
            )
        if candidate.differential:
            writer.writerow(
                {
                    **base,
                    "finding": "",
                    "finding_label": "named in a differential list",
                    "verdict": "supports",
                    "part": candidate.differential_score,
                    "supporting": 1,
                    "conflicting": 0,
                    "papers": 1,
                    **_best_columns([candidate.differential]),
                }
            )
    return out.getvalue()


def _best_columns(best: list[Evidence]) -> dict:
    if not best:
        return {"best_statement": "", "best_reason": "", "best_quote": "", "best_document": ""}
    item = best[0]
    return {
        "best_statement": item.statement or "",
        "best_reason": item.reason,
        "best_quote": item.quotes[0].text if item.quotes else "",
        "best_document": item.document or "",
    }


def result_to_table(result: DdxResult, engine: DifferentialDiagnosis) -> str:
    """A plain-text ranking for the terminal: score, verdict counts, and each finding's part."""
    lines = [f"findings: {'; '.join(engine.describe(f) for f in result.findings) or '(none)'}"]
    for u in result.unrecognised:
        hint = (
            f" (did you mean: {', '.join(label for _, label, _ in u.suggestions)})"
            if u.suggestions
            else ""
        )
        lines.append(f"unrecognised: {u.text}: {u.reason}{hint}")
    if result.excluded_case_documents:
        lines.append(f"case lesions of {', '.join(result.excluded_case_documents)} left out")
    lines.append("")
    lines.append(f"{'rank':>4} {'score':>6}  {'fits':>4} {'against':>7} {'unknown':>7}  candidate")
    for c in result.candidates:
        also = (
            f"  (includes {', '.join(engine.context.label(i) for i in c.includes)})"
            if c.includes
            else ""
        )
        lines.append(
            f"{c.rank:>4} {c.score:>6.2f}  {c.count('explains') + c.count('mixed'):>4} "
            f"{c.count('contradicts') + c.count('mixed'):>7} {c.count('unknown'):>7}  "
            f"{c.label}{also}"
        )
        for a in c.assessments:
            best = (a.supporting + a.contradicting)[:1]
            why = f" - {best[0].reason}" if best else ""
            lines.append(
                f"{'':>14}{a.score:+.2f} {a.verdict:<11} {engine.describe(a.finding)}{why}"
            )
        if c.differential:
            lines.append(
                f"{'':>14}{c.differential_score:+.2f} {'differential':<11} {c.differential.reason}"
            )
    if result.discriminators:
        lines.append("")
        lines.append("what would tell the leading candidates apart:")
        for d in result.discriminators:
            takes = "; ".join(f"{label}: {a.verdict}" for _, label, a in d.verdicts)
            lines.append(f"  {engine.describe(d.finding)} [{d.source}] ({takes})")
    return "\n".join(lines) + "\n"


FORMATS = ("table", "json", "csv")


def render(result: DdxResult, engine: DifferentialDiagnosis, fmt: str) -> str:
    """Write a result as ``table`` (terminal), ``json`` (the API's answer) or ``csv``.

    Raises:
        ValueError: for a format not in :data:`FORMATS`.
    """
    if fmt == "json":
        return json.dumps(result_to_json(result, engine), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return result_to_csv(result, engine)
    if fmt == "table":
        return result_to_table(result, engine)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
