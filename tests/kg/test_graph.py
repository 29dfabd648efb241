"""The real release of the three papers: evidence exactness, negation, export, gold coverage."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF

from kg.export import COLUMNS, export_to_string
from kg.namespaces import OA, SK


@pytest.fixture(scope="module")
def dataset(release) -> Dataset:
    """The release parsed back from its TriG."""
    data = Dataset(default_union=True)
    data.parse(release / "spinekg.trig", format="trig")
    return data


def test_every_quote_is_exactly_the_text_at_its_offsets(dataset, settings):
    texts = {}
    checked = 0
    for doc in dataset.subjects(RDF.type, SK.Document):
        path = settings.corpus_dir / str(dataset.value(doc, SK.fileName))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == str(dataset.value(doc, SK.sha256))
        texts[doc] = path.read_text(encoding="utf-8")
    for annotation in dataset.subjects(RDF.type, OA.Annotation):
        target = dataset.value(annotation, OA.hasTarget)
        text = texts[dataset.value(target, OA.hasSource)]
        selectors = list(dataset.objects(target, OA.hasSelector))
        start = next(int(dataset.value(s, OA.start)) for s in selectors if dataset.value(s, OA.start) is not None)
        end = next(int(dataset.value(s, OA.end)) for s in selectors if dataset.value(s, OA.end) is not None)
        exact = next(str(dataset.value(s, OA.exact)) for s in selectors if dataset.value(s, OA.exact) is not None)
        assert text[start:end] == exact, annotation
        checked += 1
    assert checked >= len(set(dataset.subjects(RDF.type, SK.Statement)))


def test_negated_statements_have_no_direct_triple_unless_another_statement_states_it(dataset):
    negated = list(dataset.subjects(SK.negated, Literal(True)))
    assert len(negated) >= 10
    stated = {(dataset.value(n, RDF.subject), dataset.value(n, RDF.predicate), dataset.value(n, RDF.object))
              for n in dataset.subjects(SK.negated, Literal(False))}
    for node in negated:
        s, p, o = (dataset.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if o is not None and (s, p, o) not in stated:
            assert (s, p, o) not in dataset, node


def test_hedges_survive_with_their_words_and_levels(dataset):
    hedged = {str(h) for h in dataset.objects(None, SK.hedge)}
    assert {"usually", "often"} <= {h.lower() for h in hedged}
    assert any(dataset.objects(None, SK.frequency))


def test_tsv_export_has_one_row_per_statement(release, dataset):
    rows = list(csv.reader(io.StringIO(export_to_string(release, "tsv")), delimiter="\t"))
    assert rows[0] == COLUMNS
    assert len(rows) - 1 == len(set(dataset.subjects(RDF.type, SK.Statement)))
    first = dict(zip(COLUMNS, rows[1]))
    assert int(first["end"]) > int(first["start"]) >= 0
    json.loads(first["qualifiers"])


def test_jsonl_export_parses(release):
    lines = export_to_string(release, "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert all(set(COLUMNS) == set(r) for r in records)
    assert any(r["negated"] for r in records)
