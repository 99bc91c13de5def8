"""Every identifier in the graph exists in the reference vocabularies shipped with medkg.

The tables are package data (``src/medkg/data/``, a CC0 subset of Hetionet v1.0 and the
Disease Ontology written by ``tools/make_reference_vocab.py``), so these tests run on a
fresh clone with nothing beside it, and never skip.
"""

from __future__ import annotations

import csv
from functools import cache

import pytest
from rdflib import Graph

from medkg.ingest.lexicon import HETIONET_KINDS, reference_vocab
from medkg.vocab import MEDKG

from helpers import ROOT

TABLES = {p.name: p for p in reference_vocab()}


def _rows(name: str):
    with open(TABLES[name], encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


@cache
def known_ids() -> frozenset[str]:
    """Every identifier the shipped tables hold, written as the graph writes xrefs."""
    ids = set()
    for row in _rows("hetionet-nodes.tsv"):
        kind, _, local = row["id"].partition("::")
        ids.add(HETIONET_KINDS[kind][1] + local)  # drugbank:DB00321, UMLS:C0043352, DOID:1686, UBERON:…
    for row in _rows("doid-diseases.tsv"):
        ids.add(row["id"])
        ids.update(row["xrefs"].split())  # MESH:D005901, UMLS:C0017601
    for row in _rows("doid-symptoms.tsv"):
        ids.add(row["id"])  # SYMP:0000177
    return frozenset(ids)


def graph_xrefs() -> list[tuple[str, str]]:
    g = Graph().parse(ROOT / "graph" / "entities.ttl")
    return sorted((str(e).rsplit("/", 1)[-1], str(x)) for e, x in g.subject_objects(MEDKG.xref))


def test_the_vocabularies_are_read_correctly():
    ids = known_ids()
    assert {"drugbank:DB00321", "drugbank:DB00476", "DOID:1686", "MESH:D005901", "UMLS:C0043352",
            "DOID:6725", "NDFRT:N0000175721", "UBERON:0001021", "SYMP:0000177"} <= ids
    assert len(ids) > 30_000


@pytest.mark.parametrize("entity, xref", graph_xrefs())
def test_xref_exists_in_a_reference_vocabulary(entity, xref):
    assert xref in known_ids(), f"{entity}: {xref} is not in the shipped vocabularies (src/medkg/data/)"


def test_the_examples_of_the_vocab_readme_are_used():
    pairs = set(graph_xrefs())
    assert ("amitriptyline", "drugbank:DB00321") in pairs
    assert ("glaucoma", "DOID:1686") in pairs and ("glaucoma", "MESH:D005901") in pairs
    assert ("dry-mouth", "UMLS:C0043352") in pairs
    assert ("spinal-stenosis", "DOID:6725") in pairs
    assert len(pairs) >= 100 and len({entity for entity, _ in pairs}) >= 50
