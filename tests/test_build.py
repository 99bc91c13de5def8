"""The build: its outputs, its determinism, and that a failure leaves build/ untouched."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph

import medkg
from medkg.errors import ValidationError
from medkg.vocab import DERIVED_GRAPH, ENTITIES_GRAPH, ONTOLOGY_GRAPH, GRAPH

from helpers import edit, run_cli


def test_build_writes_turtle_and_one_named_graph_per_source(mini):
    result = medkg.build(medkg.Project(root=mini))
    out = mini / "build"
    assert {"medkg.trig", "medkg.ttl", "void.ttl"} <= {p.name for p in out.iterdir()}
    ds = Dataset()
    ds.parse(out / "medkg.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {str(ONTOLOGY_GRAPH), str(ENTITIES_GRAPH), str(DERIVED_GRAPH), str(GRAPH["source/mini"])}
    merged = Graph().parse(out / "medkg.ttl")
    assert len(merged) == result.stats["triples"]
    assert len(merged) == len({(s, p, o) for s, p, o, _ in ds.quads()})


def test_summary_counts_claims_entities_flags_and_conflicts(mini):
    done = run_cli("build", "--root", str(mini))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "5 claims:" in out and "5  mini" in out
    assert "4 entities:" in out and "2  Drug" in out
    assert "1 cited publications, 1 without identifier (flagged):" in out and "A 2020 review" in out
    assert "1 conflicts (0 across sources)" in out


def test_output_is_byte_identical_across_runs_and_hash_seeds(mini):
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "medkg", "build", "--root", str(mini)],
                       check=True, capture_output=True, env=env, timeout=300)
        outputs.append({p.name: p.read_bytes() for p in (mini / "build").iterdir()})
    assert outputs[0] == outputs[1]


def test_failed_build_leaves_previous_output_exactly_as_it_was(mini):
    medkg.build(medkg.Project(root=mini))
    before = {p.name: p.read_bytes() for p in (mini / "build").iterdir()}
    edit(mini, "graph/claims/mini.ttl", '"Drug X may help with pain."', '"Drug X may cure pain."')
    with pytest.raises(ValidationError):
        medkg.build(medkg.Project(root=mini))
    after = {p.name: p.read_bytes() for p in (mini / "build").iterdir()}
    assert after == before


def test_validate_writes_nothing(mini):
    done = run_cli("validate", "--root", str(mini))
    assert done.returncode == 0 and done.stdout.startswith("valid: 5 claims")
    assert not (mini / "build").exists()


def test_curated_files_are_never_rewritten(mini):
    before = {p: p.read_bytes() for p in (mini / "graph").rglob("*") if p.is_file()}
    medkg.build(medkg.Project(root=mini))
    assert {p: p.read_bytes() for p in (mini / "graph").rglob("*") if p.is_file()} == before


def test_trig_keeps_multi_line_quotes_verbatim(mini):
    quote = "Drug X treats pain.\nDrug X works well for pain."
    claims = mini / "graph/claims/mini.ttl"
    claims.write_text(claims.read_text(encoding="utf-8") + f'''
claim:mini-two-lines a medkg:Claim ;
    rdf:subject ent:drug-x ; rdf:predicate medkg:treats ; rdf:object ent:pain ;
    medkg:statedIn src:mini ;
    medkg:quote """{quote}""" ;
    medkg:certainty medkg:Asserted .
''', encoding="utf-8")
    medkg.build(medkg.Project(root=mini))
    ds = Dataset(default_union=True)
    ds.parse(mini / "build" / "medkg.trig", format="trig")
    from medkg.vocab import CLAIM, MEDKG

    assert {str(q) for q in ds.objects(CLAIM["mini-two-lines"], MEDKG.quote)} == {quote}
