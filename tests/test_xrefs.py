"""Every identifier in the graph exists in the reference vocabularies (../shared/vocab).

The vocabularies are not part of the repository, so these tests skip where ../shared is
absent (a user's clone); in CI it sits beside the clone and every xref is checked.
"""

from __future__ import annotations

import csv
from functools import cache

import pytest
from rdflib import Graph

from medkg.vocab import MEDKG

from helpers import ROOT, SHARED

VOCAB = SHARED / "vocab"
pytestmark = pytest.mark.skipif(not (VOCAB / "hetionet-v1.0-nodes.tsv").exists(),
                                reason=f"reference vocabularies not found at {VOCAB}")


def _rows(name: str):
    with open(VOCAB / name, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


@cache
def known_ids() -> frozenset[str]:
    """Every identifier the vocabularies hold, written as the graph writes xrefs."""
    ids = set()
    hetionet_prefix = {"Compound": "drugbank", "Side Effect": "UMLS", "Symptom": "MESH",
                       "Pharmacologic Class": "NDFRT", "Anatomy": None, "Disease": None}
    for row in _rows("hetionet-v1.0-nodes.tsv"):
        kind, _, local = row["id"].strip().partition("::")
        if kind in hetionet_prefix:
            prefix = hetionet_prefix[kind]
            ids.add(f"{prefix}:{local}" if prefix else local)
    for row in _rows("doid-HumanDO.tsv"):
        ids.add(row["id"].strip('"'))
    for row in _rows("doid-allXREFinDO.tsv"):
        prefix, _, local = row["xref"].strip('"').partition(":")
        prefix = {"UMLS_CUI": "UMLS"}.get(prefix, "SNOMEDCT" if prefix.startswith("SNOMEDCT") else prefix)
        ids.add(f"{prefix}:{local}")
    for row in _rows("doid-disease-symptom.tsv"):
        ids.add(row["symptom_id"])
    return frozenset(ids)


def graph_xrefs() -> list[tuple[str, str]]:
    g = Graph().parse(ROOT / "graph" / "entities.ttl")
    return sorted((str(e).rsplit("/", 1)[-1], str(x)) for e, x in g.subject_objects(MEDKG.xref))


def test_the_vocabularies_are_read_correctly():
    ids = known_ids()
    assert {"drugbank:DB00321", "DOID:1686", "MESH:D005901", "UMLS:C0043352", "DOID:6725"} <= ids


@pytest.mark.parametrize("entity, xref", graph_xrefs())
def test_xref_exists_in_a_reference_vocabulary(entity, xref):
    assert xref in known_ids(), f"{entity}: {xref} is not in {VOCAB}"


def test_the_examples_of_the_vocab_readme_are_used():
    pairs = set(graph_xrefs())
    assert ("amitriptyline", "drugbank:DB00321") in pairs
    assert ("glaucoma", "DOID:1686") in pairs and ("glaucoma", "MESH:D005901") in pairs
    assert ("dry-mouth", "UMLS:C0043352") in pairs
    assert ("spinal-stenosis", "DOID:6725") in pairs
    assert len(pairs) >= 100 and len({entity for entity, _ in pairs}) >= 50
