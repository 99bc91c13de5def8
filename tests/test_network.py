"""The networkx views keep the evidence, and are the same whichever store they come from."""

from __future__ import annotations

from pathlib import Path

import pytest

import medkg
from medkg.store import open_store

from helpers import ROOT

ENT = "https://w3id.org/medkg/entity/"
SRC = "https://w3id.org/medkg/source/"
SCIATICA, STENOSIS = SRC + "amitriptyline-sciatica", SRC + "amitriptyline-spinal-stenosis"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def tmp_build(tmp_path_factory) -> tuple[medkg.Project, medkg.BuildResult]:
    """The real graph built into a temporary build directory (the repository's build/ is left alone)."""
    out = tmp_path_factory.mktemp("build")
    project = medkg.Project(root=ROOT, build_dir=out)
    return project, medkg.build(project)


@pytest.fixture(scope="module")
def memory(tmp_build):
    project, _ = tmp_build
    return open_store("memory", project=project)


@pytest.fixture(scope="module")
def oxigraph(tmp_build):
    project, _ = tmp_build
    store = open_store("oxigraph:" + str(Path(project.build) / "ox"), project=project)
    yield store
    store.close()


@pytest.fixture(scope="module")
def G(memory):
    return medkg.to_networkx(memory)


def test_parallel_edges_per_source_are_kept(G):
    edges = G.get_edge_data(ENT + "amitriptyline", ENT + "glaucoma")
    assert len(edges) == 2
    by_source = {d["source"]: d for d in edges.values()}
    assert set(by_source) == {SCIATICA, STENOSIS}
    assert by_source[SCIATICA]["relation"] == "cautionIn"
    assert by_source[STENOSIS]["relation"] == "contraindicatedIn"
    assert by_source[STENOSIS]["quote"] == \
        "It’s not good for people with heart problems, glaucoma, or trouble with urination."
    # each edge is keyed by its claim, and the key is the claim attribute
    assert all(key == d["claim"] for key, d in edges.items())


@pytest.mark.parametrize("origin", ["built in memory", "read from medkg.trig"])
def test_quote_offsets_point_into_the_source_text(origin, built, memory):
    G = medkg.to_networkx(built.dataset if origin == "built in memory" else memory)
    texts = {SRC + p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "graph" / "sources").glob("*.txt")}
    checked = 0
    for _, _, d in G.edges(data=True):
        assert texts[d["source"]][d["start"]:d["end"]] == d["quote"], d["claim"]
        checked += 1
    assert checked == G.number_of_edges() == 368


def test_literal_claims_are_facts_on_their_subject(G):
    facts = G.nodes[ENT + "amitriptyline-nerve-pain-regimen"]["facts"]
    full_effect = [f for f in facts if f["relation"] == "timeToFullEffect"]
    assert [f["value"] for f in full_effect] == ["6 to 8 weeks"]
    assert full_effect[0]["source"] == SCIATICA
    assert full_effect[0]["claim"] == "https://w3id.org/medkg/claim/sciatica-time-to-full-effect"
    assert full_effect[0]["certainty"] == "Possible"
    assert "it can take 6 to 8 weeks to experience the full effect" in full_effect[0]["quote"]


def test_edges_and_facts_together_are_every_claim(G, tmp_build):
    _, result = tmp_build
    n_facts = sum(len(facts) for _, facts in G.nodes(data="facts"))
    assert G.number_of_edges() + n_facts == result.stats["claims"] == 401


def test_negated_and_doubted_claims_are_edges_that_are_not_asserted(G):
    edges = G.get_edge_data(ENT + "amitriptyline", ENT + "sciatica").values()
    negated = [d for d in edges if d["negated"]]
    assert [d["relation"] for d in negated] == ["firstLineTreatmentFor"]
    assert not negated[0]["asserted"]
    doubted = [d for d in edges if d["certainty"] == "Doubted"]
    assert doubted and not any(d["asserted"] for d in doubted)


def test_full_view_has_one_edge_per_distinct_triple(memory, tmp_build):
    _, result = tmp_build
    full = medkg.to_networkx(memory, view="full")
    triples = {(s, p, o) for s, p, o, _ in memory.quads()}
    assert full.number_of_edges() == len(triples) == result.stats["triples"]
    # literals are nodes of their own in the full view, reached through the claim's rdf:object
    claim = "https://w3id.org/medkg/claim/sciatica-time-to-full-effect"
    assert full.nodes['"6 to 8 weeks"']["kind"] == "literal"
    assert full.has_edge(claim, '"6 to 8 weeks"', key="http://www.w3.org/1999/02/22-rdf-syntax-ns#object")


def test_unknown_view_is_refused(memory):
    with pytest.raises(ValueError, match="unknown view 'tree'"):
        medkg.to_networkx(memory, view="tree")


def _edges(G):
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


def test_memory_and_oxigraph_give_the_same_graphs(memory, oxigraph, G):
    H = medkg.to_networkx(oxigraph)
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert _edges(G) == _edges(H)

    # Oxigraph stores a literal of a derived XSD type as its primitive type (oa:start
    # "9234"^^xsd:nonNegativeInteger comes back as xsd:integer); everything else is identical
    def primitive(node: str) -> str:
        return node.replace(f"^^<{XSD}nonNegativeInteger>", f"^^<{XSD}integer>")

    full_memory, full_oxigraph = (medkg.to_networkx(s, view="full") for s in (memory, oxigraph))
    assert any("nonNegativeInteger" in n for n in full_memory)
    assert {primitive(n) for n in full_memory} == set(full_oxigraph.nodes)
    assert {(primitive(u), primitive(v), k) for u, v, k in full_memory.edges(keys=True)} \
        == set(full_oxigraph.edges(keys=True))
