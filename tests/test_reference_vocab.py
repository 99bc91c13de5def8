"""The reference vocabularies shipped with medkg (src/medkg/data/) and their use by `medkg ingest`.

The tables are a compact CC0 subset of Hetionet v1.0 and the Disease Ontology, written by
tools/make_reference_vocab.py; nothing here needs ../shared, and nothing skips.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal

from medkg.ingest import lexicon
from medkg.ingest.draft import ingest
from medkg.ingest.lexicon import Lexicon, reference_vocab
from medkg.rdfio import parse_turtle
from medkg.vocab import ENT, MEDKG

from helpers import FIXTURES, ROOT, run_cli

DATA = ROOT / "src" / "medkg" / "data"
TABLES = {p.name: p for p in reference_vocab()}
#: Three sentences about a drug the graph does not hold (duloxetine, DrugBank DB00476 in Hetionet).
ARTICLE = ("Duloxetine is an antidepressant that doctors also prescribe for chronic low back pain. "
           "Common side effects of duloxetine include nausea, dry mouth and sweating. "
           "People with glaucoma should talk to their doctor before taking duloxetine.\n")
TITLE = "Duloxetine for back pain"


def _rows(name: str) -> list[dict[str, str]]:
    with open(TABLES[name], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "medkg.ttl")


@pytest.fixture(scope="module")
def vocab_lexicon() -> Lexicon:
    """A lexicon of the shipped tables alone (no graph entities)."""
    lex = Lexicon(_ontology())
    for path in reference_vocab():
        lex.add_vocab(path)
    return lex


# -- the tables --------------------------------------------------------------------------------------

def test_the_tables_ship_inside_the_package_with_their_provenance():
    assert [p.parent for p in reference_vocab()] == [DATA] * 3 and all(p.is_file() for p in reference_vocab())
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for needed in ("CC0", "Hetionet", "v1.0", "Disease Ontology", "2026-08", "tools/make_reference_vocab.py",
                   "hetionet-v1.0-nodes.tsv", "doid-HumanDO.tsv", "doid-allXREFinDO.tsv", "No synonyms"):
        assert needed in readme, needed
    total = sum(p.stat().st_size for p in reference_vocab())
    assert total < 2_000_000, f"the shipped tables grew to {total:,} bytes"
    for path in reference_vocab():
        data = path.read_bytes()
        assert b"\r" not in data and b'"' not in data and data.endswith(b"\n")
    # the pyproject ships them in the wheel
    assert '"data/*.tsv"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_only_the_kinds_medkg_grounds_are_kept():
    kinds = {row["kind"] for row in _rows("hetionet-nodes.tsv")}
    assert kinds == set(lexicon.HETIONET_KINDS)  # no genes, pathways, processes …
    assert all(row["id"].startswith(row["kind"] + "::") for row in _rows("hetionet-nodes.tsv"))
    assert all(row["id"].startswith("DOID:") for row in _rows("doid-diseases.tsv"))
    assert all(row["id"].startswith("SYMP:") for row in _rows("doid-symptoms.tsv"))
    prefixes = {x.split(":", 1)[0] for row in _rows("doid-diseases.tsv") for x in row["xrefs"].split()}
    assert prefixes == {"MESH", "UMLS", "ICD10CM", "SNOMEDCT"}


def test_the_tables_hold_the_known_identifiers():
    hetionet = {row["id"]: (row["name"], row["kind"]) for row in _rows("hetionet-nodes.tsv")}
    assert hetionet["Compound::DB00321"] == ("Amitriptyline", "Compound")
    assert hetionet["Compound::DB00476"] == ("Duloxetine", "Compound")
    assert hetionet["Side Effect::C0043352"] == ("Dry mouth", "Side Effect")
    diseases = {row["id"]: (row["label"], row["xrefs"].split()) for row in _rows("doid-diseases.tsv")}
    assert diseases["DOID:1686"][0] == "glaucoma" and "MESH:D005901" in diseases["DOID:1686"][1]
    assert diseases["DOID:6725"][0] == "spinal stenosis"
    assert len(hetionet) > 8000 and len(diseases) > 12000 and len(_rows("doid-symptoms.tsv")) > 250


def test_the_tables_load_into_the_lexicon_with_their_identifiers(vocab_lexicon):
    lex = vocab_lexicon
    duloxetine = lex.lookup("duloxetine")
    assert duloxetine.xrefs == ("drugbank:DB00476",) and duloxetine.origin == "vocab" and duloxetine.is_a("Drug")
    assert lex.lookup("Amitriptyline").xrefs == ("drugbank:DB00321",)
    assert {"DOID:1686", "MESH:D005901"} <= set(lex.lookup("glaucoma").xrefs) and lex.lookup("glaucoma").is_a("Disease")
    assert "UMLS:C0043352" in lex.lookup("dry mouth").xrefs
    assert "DOID:6725" in lex.lookup("spinal stenosis").xrefs
    assert "SYMP:0000337" in lex.lookup("night sweats").xrefs and lex.lookup("night sweats").is_a("Symptom")


def test_every_name_of_the_tables_is_found(vocab_lexicon):
    """The tables are read with the lexicon's own folding of names (plurals, case, …)."""
    names = [row["name"] for row in _rows("hetionet-nodes.tsv")] + \
            [row["label"] for name in ("doid-diseases.tsv", "doid-symptoms.tsv") for row in _rows(name)]
    missing = [n for n in names if len(n) >= 4 and vocab_lexicon.lookup(n) is None]
    assert not missing and len(names) > 20_000


def test_the_lexicon_with_the_tables_loads_in_well_under_a_second():
    ontology = _ontology()
    graph = Graph().parse(ROOT / "graph" / "entities.ttl")
    lexicon._VOCAB_CACHE.clear()  # time a first load, as one `medkg ingest` does
    start = time.process_time()
    lex = Lexicon(ontology)
    lex.add_graph(graph)
    for path in reference_vocab():
        lex.add_vocab(path)
    seconds = time.process_time() - start
    assert seconds < 1.0, f"loading the shipped vocabularies took {seconds:.2f} s of CPU"  # about 0.3 s
    assert len(lex.entities) > 19_000


# -- the generator -----------------------------------------------------------------------------------

def test_the_generator_is_deterministic_and_keeps_only_what_medkg_uses(tmp_path):
    """A few rows copied from the public source tables (CRLF and quotes as in the sources)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "hetionet-v1.0-nodes.tsv").write_bytes(
        b"id\tname\tkind\r\nCompound::DB00476\tDuloxetine\tCompound\r\nGene::1\tA1BG\tGene\r\n"
        b"Side Effect::C0043352\tDry mouth\tSide Effect\r\nCompound::DB00321\tAmitriptyline\tCompound\r\n")
    (src / "doid-HumanDO.tsv").write_text(
        'id\tlabel\tsubClassOf\n"DOID:6725"\t"spinal stenosis"\t"spinal disease"\n"DOID:1686"\t"glaucoma"\t"eye disease"\n'
        '"DOID:1686"\t"glaucoma"\t"eye disease"\n', encoding="utf-8")
    (src / "doid-allXREFinDO.tsv").write_text(
        'id\tlabel\txref\n"DOID:1686"\t"glaucoma"\t"ICD9CM:365"\n"DOID:1686"\t"glaucoma"\t"MESH:D005901"\n'
        '"DOID:1686"\t"glaucoma"\t"UMLS_CUI:C0017601"\n"DOID:1686"\t"glaucoma"\t"SNOMEDCT_US_2025_09_01:155120009"\n'
        '"DOID:1686"\t"glaucoma"\t"NCI:C26782"\n', encoding="utf-8")
    (src / "doid-disease-symptom.tsv").write_text(
        "disease_id\tdisease_label\tsymptom_id\tsymptom_label\nDOID:0050127\tsinusitis\tSYMP:0000177\tweakness\n"
        "DOID:0050196\tVenezuelan hemorrhagic fever\tSYMP:0000177\tweakness\n", encoding="utf-8")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_reference_vocab.py"), str(src), "--out", str(out)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1]
    files = outs[0]
    assert set(files) == {"README.md", *TABLES}
    assert files["hetionet-nodes.tsv"] == (b"id\tname\tkind\nCompound::DB00321\tAmitriptyline\tCompound\n"
                                           b"Compound::DB00476\tDuloxetine\tCompound\n"
                                           b"Side Effect::C0043352\tDry mouth\tSide Effect\n")
    assert files["doid-diseases.tsv"] == (b"id\tlabel\txrefs\n"
                                          b"DOID:1686\tglaucoma\tMESH:D005901 SNOMEDCT:155120009 UMLS:C0017601\n"
                                          b"DOID:6725\tspinal stenosis\t\n")
    assert files["doid-symptoms.tsv"] == b"id\tlabel\nSYMP:0000177\tweakness\n"
    assert b"CC0" in files["README.md"]


def test_the_generator_names_a_missing_source_folder(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_reference_vocab.py"), str(tmp_path / "nowhere"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "missing hetionet-v1.0-nodes.tsv" in done.stderr
    assert not (tmp_path / "out").exists()


# -- medkg ingest uses them by default ----------------------------------------------------------------

@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    """A copy of the project (ontology and graph, no drafts) and the duloxetine article."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "graph", root / "graph", ignore=shutil.ignore_patterns("drafts"))
    article = tmp_path / "duloxetine.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return root, article


def _draft(root: Path, article: Path, *options: str) -> Graph:
    done = run_cli("ingest", str(article), "--title", TITLE, "--root", str(root), "--force", *options)
    assert done.returncode == 0, done.stderr
    return parse_turtle(root / "graph" / "drafts" / "duloxetine.ttl")


def _not_grounded(g: Graph, key: str) -> None:
    """``key`` has no identifier in the draft: unnamed, or a new entity marked ungrounded."""
    assert g.value(ENT[key], MEDKG.xref) is None
    if (ENT[key], RDF.type, None) in g:
        assert g.value(ENT[key], MEDKG.ungrounded) == Literal(True)


def test_the_drug_is_absent_from_the_graph():
    graph = Graph().parse(ROOT / "graph" / "entities.ttl")
    assert (ENT["duloxetine"], None, None) not in graph
    assert not list(graph.subjects(MEDKG.xref, Literal("drugbank:DB00476")))


def test_ingest_grounds_a_new_drug_with_its_drugbank_id_by_default(project):
    root, article = project
    g = _draft(root, article)
    assert g.value(ENT["duloxetine"], MEDKG.xref) == Literal("drugbank:DB00476")
    assert (ENT["duloxetine"], RDF.type, MEDKG.Drug) in g
    assert g.value(ENT["duloxetine"], MEDKG.ungrounded) is None
    assert ENT["duloxetine"] in {g.value(c, RDF.subject) for c in g.subjects(RDF.type, MEDKG.Claim)}


def test_no_vocab_turns_the_shipped_tables_off_and_vocab_still_reads_its_files(project):
    root, article = project
    g = _draft(root, article, "--no-vocab")
    _not_grounded(g, "duloxetine")  # at most a new entity marked ungrounded
    assert "DB00476" not in (root / "graph" / "drafts" / "duloxetine.ttl").read_text(encoding="utf-8")
    g = _draft(root, article, "--no-vocab", "--vocab", str(TABLES["hetionet-nodes.tsv"]))
    assert g.value(ENT["duloxetine"], MEDKG.xref) == Literal("drugbank:DB00476")


def test_vocab_adds_tables_after_the_shipped_ones(monkeypatch, tmp_path):
    """What ``medkg ingest`` hands to the drafting: shipped tables, then --vocab files."""
    import medkg.ingest.draft
    from medkg.cli import main

    given = []
    monkeypatch.setattr(medkg.ingest.draft, "ingest", lambda *a, vocab, **kw: given.append(list(vocab)) or _Result())
    extra = FIXTURES / "ingest" / "hetionet-nodes-sample.tsv"
    for options in ([], ["--vocab", str(extra)], ["--no-vocab"], ["--no-vocab", "--vocab", str(extra)]):
        assert main(["ingest", "article.txt", "--title", TITLE, "--root", str(tmp_path), *options]) == 0
    shipped = list(reference_vocab())
    assert given == [shipped, shipped + [extra], [], [extra]]


class _Result:
    draft_path = "draft.ttl"

    def summary(self) -> str:
        return ""


def test_the_python_api_uses_the_shipped_tables_unless_told_otherwise(project):
    root, article = project
    import medkg

    assert ingest.__kwdefaults__["vocab"] == reference_vocab()
    result = ingest(medkg.Project(root=root), article, title=TITLE, vocab=())
    _not_grounded(parse_turtle(result.draft_path), "duloxetine")
    result = ingest(medkg.Project(root=root), article, title=TITLE, force=True)
    assert "duloxetine" in result.new_entities and "duloxetine" not in result.ungrounded
