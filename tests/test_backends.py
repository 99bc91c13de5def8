"""Every backend gives the same graph: the same quads, the same answer to every named query,
the same networkx entity view.

This is the one cross-backend suite. The backends are the rdflib ``Dataset`` in memory (the
reference), the Oxigraph store on disk, and a real SPARQL endpoint (``medkg serve``, an
Oxigraph server started here on a free port), all over one build written to a temporary
build directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import BNode

import medkg
from medkg import store as store_module
from medkg.build import TRIG_FILE
from medkg.query import named_queries, run
from medkg.store import MARKER, open_store

from helpers import ROOT, running_endpoint

# "endpoint" is `medkg serve` (pyoxigraph workers with a hard timeout); "oxigraph-server" is
# Oxigraph's own server (`oxigraph serve-read-only`, started by the tests)
BACKENDS = ("memory", "oxigraph", "oxigraph-memory", "endpoint", "oxigraph-server")
QUERIES = sorted(named_queries())
ENT = "https://w3id.org/medkg/entity/"



@pytest.fixture(scope="module")
def built_to_disk(tmp_path_factory) -> tuple[medkg.Project, dict]:
    """The real graph built into a temporary build directory, and the build's figures."""
    out = tmp_path_factory.mktemp("backends-build")
    result = medkg.build(medkg.Project(root=ROOT, build_dir=out))
    return medkg.Project(root=ROOT, build_dir=out), result.stats


@pytest.fixture(scope="module")
def project(built_to_disk) -> medkg.Project:
    return built_to_disk[0]


@pytest.fixture(scope="module")
def built_stats(built_to_disk) -> dict:
    return built_to_disk[1]


@pytest.fixture(scope="module")
def stores(project, tmp_path_factory):
    """Each backend by name; the endpoint's server is stopped however the tests end."""
    with (running_endpoint(project, tmp_path_factory.mktemp("endpoint") / "srv") as base,
          running_endpoint(project, tmp_path_factory.mktemp("oxigraph-server") / "srv", engine="oxigraph") as ox_base):
        opened = {
            "memory": open_store("memory", project=project),
            "oxigraph": open_store(f"oxigraph:{project.build / 'ox'}", project=project),
            "oxigraph-memory": open_store("oxigraph-memory", project=project),
            "endpoint": open_store(base + "/query", project=project),
            "oxigraph-server": open_store(ox_base + "/query", project=project),
        }
        try:
            yield opened
        finally:
            for store in opened.values():
                store.close()


def rows(result) -> list[tuple[str, ...]]:
    """A SELECT result as sorted rows of string values (``""`` when unbound)."""
    return sorted(tuple("" if v is None else str(v) for v in row) for row in result.rows)


def quads(store) -> list[tuple[str, ...]]:
    """Quads as strings; literals by their lexical form (Oxigraph keeps ``"9"^^xsd:nonNegativeInteger``
    as an ``xsd:integer``), blank nodes anonymous (each backend names them its own way)."""
    return sorted(tuple("_:" if isinstance(t, BNode) else str(t) for t in q) for q in store.quads())


def edges(G) -> dict:
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


@pytest.fixture(scope="module")
def reference(stores):
    """What the rdflib store (the reference) gives, computed once."""
    memory = stores["memory"]
    return {
        "quads": quads(memory),
        "answers": {name: run(name, memory) for name in QUERIES},
        "network": medkg.to_networkx(memory),
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_built_quad_and_nothing_else(backend, stores, reference, built_stats):
    found = quads(stores[backend]) if backend != "memory" else reference["quads"]
    assert len(found) == built_stats["quads"]
    graphs = {q[3] for q in found}
    assert len(graphs) == built_stats["graphs"]
    assert "https://w3id.org/medkg/graph/derived" in graphs
    assert found == reference["quads"]


@pytest.mark.parametrize("backend", BACKENDS[1:])
@pytest.mark.parametrize("name", QUERIES)
def test_named_query_gives_the_same_rows(name, backend, stores, reference):
    expected = reference["answers"][name]
    result = run(name, stores[backend])
    assert result.vars == expected.vars
    assert rows(result) == rows(expected)


def test_the_reference_answers_are_not_empty(reference):
    """The comparison above means something only if the default parameters find data."""
    empty = [name for name, result in reference["answers"].items() if not result.rows]
    assert empty == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_entity_view_is_the_same_on_every_backend(backend, stores, reference, built_stats):
    G = medkg.to_networkx(stores[backend]) if backend != "memory" else reference["network"]
    facts = sum(len(d["facts"]) for _, d in G.nodes(data=True))
    assert G.number_of_edges() + facts == built_stats["claims"]
    glaucoma = G.get_edge_data(ENT + "amitriptyline", ENT + "glaucoma")
    assert {d["relation"] for d in glaucoma.values()} == {"cautionIn", "contraindicatedIn"}
    assert all(isinstance(d["start"], int) and d["end"] > d["start"] for d in glaucoma.values())
    H = reference["network"]
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert edges(G) == edges(H)


def test_rdflib_graph_and_dataset_give_the_same_entity_view(kg, built, reference):
    """``to_networkx`` also takes plain rdflib objects: the union graph and the dataset."""
    H = reference["network"]
    for G in (medkg.to_networkx(kg), medkg.to_networkx(built.dataset)):
        assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
        assert edges(G) == edges(H)


def test_an_oxigraph_store_is_reopened_without_reloading_until_the_build_changes(project, tmp_path, monkeypatch):
    trig = tmp_path / "build" / TRIG_FILE
    trig.parent.mkdir()
    trig.write_bytes((project.build / TRIG_FILE).read_bytes())
    copy = medkg.Project(root=ROOT, build_dir=trig.parent)
    location = tmp_path / "ox"
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

    def open_and_count() -> tuple[int, int]:
        store = open_store(f"oxigraph:{location}", project=copy)
        try:
            return os.stat(location).st_ino, int(store.query(count).rows[0][0])
        finally:
            store.close()

    first, quads_before = open_and_count()
    assert (location / MARKER).exists()
    with monkeypatch.context() as m:  # the reopen neither reloads nor reads the TriG again
        m.setattr(store_module, "_digest", lambda path: pytest.fail(f"{path} was hashed on reopen"))
        assert open_and_count() == (first, quads_before)
    planted = f"<{ENT}planted> <https://w3id.org/medkg/ontology#treats> <{ENT}sciatica> ."
    with open(trig, "a", encoding="utf-8") as fh:  # a rebuild that adds one triple
        fh.write(f"\n<https://w3id.org/medkg/graph/derived> {{ {planted} }}\n")
    again, quads_after = open_and_count()
    assert again != first and quads_after == quads_before + 1
    leftovers = [p.name for p in Path(tmp_path).iterdir() if p.name.startswith(".ox.")]
    assert leftovers == [".ox.lock"]  # the loads' lock file only: no half-loaded or set-aside store
