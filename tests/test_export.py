"""Exports: each format reads back with its usual library and holds what the build holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import RDF, SKOS, Dataset, Graph, URIRef

import medkg
from medkg.build import TRIG_FILE
from medkg.derive import expand_curie
from medkg.errors import InputError
from medkg.export import FORMATS, export, jsonld_context
from medkg.rdfio import serialize_trig
from medkg.vocab import BIOLINK, MEDKG, PREFIXES

from helpers import ROOT, run_cli

ENT = "https://w3id.org/medkg/entity/"
GLAUCOMA_CAUTION = "claim:sciatica-caution-glaucoma"
MULTILINE_CLAIM = "https://w3id.org/medkg/claim/sciatica-common-ae-drowsiness"


@pytest.fixture(scope="session")
def exported(built, tmp_path_factory) -> Path:
    """Every format of the real build, written once into one directory."""
    out = tmp_path_factory.mktemp("export")
    for name in FORMATS:
        target = out if name == "csv" else out / "medkg" if name == "kgx" else out / f"medkg.{name}"
        export(built.dataset, format=name, output=target)
    return out


@pytest.fixture(scope="session")
def entity_view(built) -> nx.MultiDiGraph:
    return medkg.to_networkx(built.dataset)


def kgx_table(path: Path) -> pd.DataFrame:
    """A KGX TSV read the way KGX's TsvSource reads it."""
    return pd.read_csv(path, sep="\t", quoting=3, dtype=str, keep_default_na=False, lineterminator="\n")


# --- RDF -------------------------------------------------------------------------------


@pytest.mark.parametrize("name, rdf_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_triple_formats_read_back_to_exactly_the_built_triples(exported, built, kg, name, rdf_format):
    g = Graph().parse(exported / f"medkg.{name}", format=rdf_format)
    assert len(g) == built.stats["triples"]
    assert set(g) == set(kg)


def _quads(path: Path, rdf_format: str) -> set:
    ds = Dataset()
    ds.parse(path, format=rdf_format)
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads()}


@pytest.mark.parametrize("name, rdf_format", [("nq", "nquads"), ("trig", "trig")])
def test_quad_formats_keep_every_named_graph(exported, built, name, rdf_format):
    quads = _quads(exported / f"medkg.{name}", rdf_format)
    assert len(quads) == built.stats["quads"]
    names = {str(g) for *_, g in quads}
    assert "https://w3id.org/medkg/graph/source/amitriptyline-sciatica" in names and len(names) == built.stats["graphs"]


@pytest.mark.parametrize("name, rdf_format", [("nq", "nquads"), ("trig", "trig")])
def test_quad_formats_read_back_to_exactly_the_built_quads(exported, built, name, rdf_format):
    expected = {(s, p, o, g.identifier) for g in built.dataset.graphs() for s, p, o in g}
    assert _quads(exported / f"medkg.{name}", rdf_format) == expected


def test_ntriples_lines_are_sorted(exported, built):
    lines = (exported / "medkg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == built.stats["triples"]


# --- JSON-LD ---------------------------------------------------------------------------


def test_jsonld_reads_as_plain_json(exported):
    doc = json.loads((exported / "medkg.jsonld").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in doc["@graph"]}
    drug = nodes["ent:amitriptyline"]
    assert drug["label"] == "amitriptyline" and "Drug" in drug["type"]
    assert drug["xref"] == "drugbank:DB00321"
    claim = nodes[GLAUCOMA_CAUTION]
    assert claim["type"] == "Claim"
    assert (claim["subject"], claim["predicate"], claim["object"]) == ("ent:amitriptyline", "cautionIn",
                                                                       {"id": "ent:glaucoma"})
    assert claim["source"] == "src:amitriptyline-sciatica" and claim["certainty"] == "Asserted"
    assert claim["quote"].startswith("Individuals with certain pre-existing conditions")
    dose = next(n for n in nodes.values() if n.get("predicate") == "startingDose" and n.get("object") == "10-25 mg")
    assert dose["subject"] == "ent:amitriptyline-nerve-pain-regimen"
    assert doc["@context"] == jsonld_context()["@context"]


def test_jsonld_context_declares_the_project_prefixes_and_only_ontology_terms(kg):
    context = jsonld_context()["@context"]
    assert {p: context[p] for p in PREFIXES} == PREFIXES
    medkg_terms = {d["@id"] if isinstance(d, dict) else d for d in context.values()}
    medkg_terms = {t.split(":", 1)[1] for t in medkg_terms if isinstance(t, str) and t.startswith("medkg:")}
    assert {"statedIn", "quote", "certainty", "xref"} <= medkg_terms
    undefined = [t for t in sorted(medkg_terms) if (MEDKG._NS[t], RDF.type, None) not in kg]
    assert undefined == []


# --- GraphML ---------------------------------------------------------------------------


def test_graphml_reads_back_with_networkx_as_the_entity_view(exported, entity_view):
    G = nx.read_graphml(exported / "medkg.graphml")
    assert isinstance(G, nx.MultiDiGraph)
    assert (G.number_of_nodes(), G.number_of_edges()) == (entity_view.number_of_nodes(),
                                                          entity_view.number_of_edges())
    ami, glaucoma = ENT + "amitriptyline", ENT + "glaucoma"
    edges = G.get_edge_data(ami, glaucoma)
    assert sorted(d["relation"] for d in edges.values()) == ["cautionIn", "contraindicatedIn"]
    caution = edges["https://w3id.org/medkg/claim/sciatica-caution-glaucoma"]
    assert (caution["start"], caution["end"], caution["negated"]) == (8643, 8828, False)
    assert caution["efficacy"] == ""  # None becomes "", GraphML has no null
    assert G.nodes[glaucoma]["xrefs"].split("; ") == entity_view.nodes[glaucoma]["xrefs"]
    scalar = (str, int, float, bool)
    assert all(isinstance(v, scalar) for _, d in G.nodes(data=True) for v in d.values())
    assert all(isinstance(v, scalar) for *_, d in G.edges(data=True) for v in d.values())


# --- CSV for pandas and Neo4j --------------------------------------------------------------


def test_csv_has_neo4j_headers_and_reads_with_pandas(exported, entity_view):
    nodes = pd.read_csv(exported / "nodes.csv", keep_default_na=False)
    edges = pd.read_csv(exported / "edges.csv", keep_default_na=False)
    assert len(nodes) == entity_view.number_of_nodes() and len(edges) == entity_view.number_of_edges()
    assert {"id:ID", ":LABEL", "label", "xrefs:string[]"} <= set(nodes.columns)
    assert {":START_ID", ":END_ID", ":TYPE", "claim", "quote", "source", "certainty",
            "start:int", "negated:boolean"} <= set(edges.columns)
    assert set(edges[":START_ID"]) | set(edges[":END_ID"]) <= set(nodes["id:ID"])
    ami = nodes.set_index("id:ID").loc[ENT + "amitriptyline"]
    assert "Drug" in ami[":LABEL"].split(";") and ami["label"] == "amitriptyline"
    assert edges["negated:boolean"].dtype == bool and edges["start:int"].dtype.kind == "i"
    claim = edges.set_index("claim").loc[MULTILINE_CLAIM]
    assert claim["quote"] == "Common Side Effects:\n\n  • Drowsiness or fatigue"  # line breaks survive
    assert claim[":TYPE"] == "commonAdverseEffect"


# --- KGX -----------------------------------------------------------------------------------


def test_kgx_reads_as_kgx_reads_it_with_biolink_terms(exported, entity_view, kg):
    nodes, edges = kgx_table(exported / "medkg_nodes.tsv"), kgx_table(exported / "medkg_edges.tsv")
    assert len(nodes) == entity_view.number_of_nodes() and len(edges) == entity_view.number_of_edges()
    assert {"id", "category", "name", "xref"} <= set(nodes.columns)
    assert {"id", "subject", "predicate", "object", "knowledge_level", "agent_type",
            "primary_knowledge_source", "publications", "supporting_text"} <= set(edges.columns)
    by_id = nodes.set_index("id")
    assert by_id.loc["ent:amitriptyline", "category"] == "biolink:Drug"
    assert by_id.loc["ent:glaucoma", "category"].split("|")[0] == "biolink:Disease"
    assert "DOID:1686" in by_id.loc["ent:glaucoma", "xref"].split("|")
    assert all(c.startswith("biolink:") for cell in nodes["category"] for c in cell.split("|"))
    assert set(edges["subject"]) | set(edges["object"]) <= set(nodes["id"])

    contraindicated = edges[(edges.subject == "ent:amitriptyline") & (edges.object == "ent:glaucoma")]
    assert set(contraindicated.predicate) == {"biolink:contraindicated_in"}
    caution = contraindicated.set_index("id").loc[GLAUCOMA_CAUTION]
    assert caution["original_predicate"] == "medkg:cautionIn"  # mapped through its super-property
    assert caution["primary_knowledge_source"] == "src:amitriptyline-sciatica"
    assert caution["supporting_text"].startswith("Individuals with certain pre-existing conditions")
    assert (caution["knowledge_level"], caution["agent_type"]) == ("knowledge_assertion", "manual_agent")

    # every relation the ontology aligns to Biolink itself is exported as that Biolink predicate
    for relation, predicate in set(zip(edges.original_predicate, edges.predicate)):
        own = sorted(o for o in kg.objects(MEDKG._NS[relation.split(":")[1]], SKOS.exactMatch)
                     if str(o).startswith(str(BIOLINK)))
        if own:
            assert predicate == "biolink:" + own[0].removeprefix(str(BIOLINK)), relation
        assert predicate.startswith("biolink:")
    studies = edges.set_index("id").loc["claim:stenosis-amitriptyline-treats-stenosis-studies"]
    assert studies["publications"] == "PMID:20345358"


# --- identifiers ----------------------------------------------------------------------------


def test_every_xref_expands_to_an_exact_match_iri(kg):
    xrefs = sorted(kg.subject_objects(MEDKG.xref))
    assert len(xrefs) >= 100
    unresolved = [(str(e), str(x)) for e, x in xrefs
                  if expand_curie(str(x)) is None or (e, SKOS.exactMatch, URIRef(expand_curie(str(x)))) not in kg]
    assert unresolved == []
    assert (URIRef(ENT + "glaucoma"), SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/DOID_1686")) in kg


# --- determinism ------------------------------------------------------------------------------

_EXPORT_ALL = """
import sys, medkg
from pathlib import Path
from medkg.export import FORMATS, export
kg = medkg.load(project=medkg.Project(root=Path(sys.argv[1])))
for name in FORMATS:
    export(kg, format=name, output=sys.argv[2] + "/" + ("" if name == "csv" else "medkg" if name == "kgx" else "medkg." + name))
"""


def test_every_export_is_byte_identical_across_runs_and_hash_seeds(mini, tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        subprocess.run([sys.executable, "-c", _EXPORT_ALL, str(mini), str(out)], check=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outputs[0]) == 10 and outputs[0] == outputs[1]


# --- output paths -------------------------------------------------------------------------------


def test_missing_directory_is_refused_and_nothing_is_written(built, tmp_path):
    target = tmp_path / "missing" / "medkg.ttl"
    with pytest.raises(InputError, match=r"medkg.ttl: cannot write: directory .*missing does not exist$"):
        export(built.dataset, format="ttl", output=target)
    assert not (tmp_path / "missing").exists()


def test_a_directory_where_a_file_is_expected_is_refused(built, tmp_path):
    (tmp_path / "medkg.ttl").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        export(built.dataset, format="ttl", output=tmp_path / "medkg.ttl")
    (tmp_path / "x_edges.csv").mkdir()
    with pytest.raises(InputError, match="x_edges.csv: cannot write: is a directory"):
        export(built.dataset, format="csv", output=tmp_path / "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["medkg.ttl", "x_edges.csv"]  # no x_nodes.csv either


def _unwritable_directory(tmp_path: Path) -> Path:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        tempfile.TemporaryFile(dir=locked).close()
    except OSError:
        return locked
    # root ignores permission bits; sysfs refuses new files even to root
    sysfs = Path("/sys")
    try:
        tempfile.TemporaryFile(dir=sysfs).close()
    except OSError:
        return sysfs
    pytest.skip("no unwritable directory available")


def test_an_unwritable_directory_is_refused_without_leftovers(built, tmp_path):
    where = _unwritable_directory(tmp_path)
    with pytest.raises(InputError, match=r"cannot write: Permission denied|cannot write: Read-only"):
        export(built.dataset, format="kgx", output=where / "medkg-export-test")
    assert not list(where.glob("medkg-export-test*")) and not list(where.glob(".medkg-export-test*"))


def test_an_existing_output_is_replaced_whole(built, tmp_path):
    target = tmp_path / "medkg.nt"
    target.write_text("old content that is longer than nothing\n" * 10_000)
    assert export(built.dataset, format="nt", output=target) == [target]
    text = target.read_text(encoding="utf-8")
    assert "old content" not in text and len(text.splitlines()) == built.stats["triples"]
    assert [p.name for p in tmp_path.iterdir()] == ["medkg.nt"]


def test_two_file_formats_take_a_directory_or_a_prefix(built, tmp_path):
    assert [p.name for p in export(built.dataset, format="kgx", output=tmp_path)] == [
        "medkg_nodes.tsv", "medkg_edges.tsv"]
    assert [p.name for p in export(built.dataset, format="csv", output=tmp_path / "kg")] == [
        "kg_nodes.csv", "kg_edges.csv"]
    with pytest.raises(InputError, match="does not exist"):
        export(built.dataset, format="csv", output=str(tmp_path / "nodir") + "/")


# --- the command --------------------------------------------------------------------------------


def test_cli_exports_from_the_built_graph(mini, tmp_path):
    medkg.build(medkg.Project(root=mini))
    done = run_cli("export", "--format", "nq", "--output", str(tmp_path / "kg.nq"), "--root", str(mini))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {tmp_path / 'kg.nq'}"
    exported = Dataset()
    exported.parse(tmp_path / "kg.nq", format="nquads")
    built = Dataset()
    built.parse(mini / "build" / "medkg.trig", format="trig")
    assert len(list(exported.quads())) == len(list(built.quads())) > 0


def test_cli_reports_a_bad_output_path_in_one_line(mini, tmp_path):
    done = run_cli("export", "--format", "jsonld", "--output", str(tmp_path / "no" / "kg.jsonld"),
                   "--root", str(mini))
    assert done.returncode == 1
    assert done.stderr == f"medkg: error: {tmp_path / 'no' / 'kg.jsonld'}: cannot write: directory {tmp_path / 'no'} does not exist\n"
    assert not (tmp_path / "no").exists()


# --- verbatim text through build/medkg.trig, which every store loads --------------------------------


def test_multi_line_quotes_survive_the_build_load_and_export(built, tmp_path):
    project = medkg.Project(root=ROOT, build_dir=tmp_path)
    (tmp_path / TRIG_FILE).write_bytes(serialize_trig(built.dataset))  # as medkg.build writes it
    exported = export(medkg.load(project=project), format="nt", output=tmp_path / "kg.nt")[0]
    g = Graph().parse(exported, format="nt")
    assert str(g.value(URIRef(MULTILINE_CLAIM), MEDKG.quote)) == "Common Side Effects:\n\n  • Drowsiness or fatigue"
