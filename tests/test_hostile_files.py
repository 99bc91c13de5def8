"""Attacks on the user's files: mistyped stores and outputs, links, devices, FIFOs,
injected titles, failed ingests and builds racing each other.

The rule under test: medkg never deletes or replaces a path it did not create, never
writes into graph/ or ontology/ (but for ingest's new files), and a failed command leaves
every file as it was, with one line on stderr and exit status 1.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

import medkg
from medkg.errors import MedkgError
from medkg.rdfio import write_atomically

from helpers import FIXTURES, run_cli


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and link under ``root`` (relative path → content hash or link target)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


def one_line_error(done: subprocess.CompletedProcess, *needles: str) -> None:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    for needle in needles:
        assert needle in done.stderr, done.stderr


@pytest.fixture()
def built_mini(mini):
    medkg.build(medkg.Project(root=mini), html=False)
    return mini


# --- stores -------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["oxigraph:graph", "oxigraph:ontology", "oxigraph:.", "oxigraph:", "oxigraph:notes"])
def test_an_oxigraph_store_never_replaces_a_directory_medkg_did_not_make(built_mini, spec):
    (built_mini / "notes").mkdir()
    (built_mini / "notes" / "mine.txt").write_text("the user's own file")
    before = tree_digest(built_mini)
    done = run_cli("query", "--store", spec, "ASK {}", cwd=built_mini)
    one_line_error(done)
    assert "not an Oxigraph store made by medkg" in done.stderr or "needs a directory" in done.stderr
    assert tree_digest(built_mini) == before


def test_oxigraph_store_on_a_file_or_a_link_is_refused(built_mini):
    (built_mini / "afile").write_text("x")
    (built_mini / "alink").symlink_to(built_mini / "graph")
    before = tree_digest(built_mini)
    for spec in (f"oxigraph:{built_mini / 'afile'}", f"oxigraph:{built_mini / 'alink'}"):
        with pytest.raises(MedkgError, match="not a directory"):
            medkg.load(spec, project=medkg.Project(root=built_mini))
    assert tree_digest(built_mini) == before


def test_a_store_medkg_made_is_reloaded_in_place_and_a_new_directory_is_created(built_mini):
    project = medkg.Project(root=built_mini)
    for _ in range(2):  # the second open finds its own store and reuses it
        kg = medkg.load(f"oxigraph:{built_mini / 'stores' / 'kg'}", project=project)
        assert kg.query("ASK { ?s ?p ?o }").boolean
        kg.close()
    (built_mini / "build" / "medkg.trig").write_text((built_mini / "build" / "medkg.trig").read_text() + "\n")
    kg = medkg.load(f"oxigraph:{built_mini / 'stores' / 'kg'}", project=project)  # reloaded: content changed
    assert kg.query("ASK { ?s ?p ?o }").boolean
    kg.close()


# --- outputs ----------------------------------------------------------------------------


def test_outputs_never_replace_a_symlink_fifo_or_device(built_mini, tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    fifo = tmp_path / "fifo.ttl"
    os.mkfifo(fifo)
    for out, why in ((link, "symbolic link"), (fifo, "not a regular file"), (Path("/dev/null"), "not a regular file")):
        for args in (["export", "--format", "ttl", "--output", str(out)], ["viz", "--output", str(out)]):
            done = run_cli(*args, "--root", str(built_mini), timeout=120)
            one_line_error(done, why)
    assert link.is_symlink() and target.read_text() == "keep me"
    assert fifo.is_fifo() and Path("/dev/null").is_char_device()


@pytest.mark.parametrize("args", [
    ["build", "--out", "graph"],
    ["build", "--out", "ontology/sub"],
    ["export", "--format", "ttl", "--output", "graph/medkg.ttl"],
    ["viz", "--output", "ontology/medkg.html"],
])
def test_generated_output_never_goes_into_the_curated_folders(built_mini, args):
    before = tree_digest(built_mini / "graph") | {"o/" + k: v for k, v in tree_digest(built_mini / "ontology").items()}
    done = run_cli(*args, cwd=built_mini, timeout=120)
    one_line_error(done, "inside the curated folder")
    after = tree_digest(built_mini / "graph") | {"o/" + k: v for k, v in tree_digest(built_mini / "ontology").items()}
    assert after == before


def test_viz_and_export_both_refuse_a_missing_output_directory(built_mini):
    for args in (["export", "--format", "ttl", "--output", "no/such/x.ttl"], ["viz", "--output", "no/such/x.html"]):
        one_line_error(run_cli(*args, cwd=built_mini, timeout=120), "does not exist")
    assert not (built_mini / "no").exists()


def test_a_live_process_temporary_file_is_never_removed_by_another_writer(tmp_path):
    out = tmp_path / "out.ttl"
    live = tmp_path / f".out.ttl.{os.getpid()}-abc.tmp"  # this process is alive
    dead = tmp_path / ".out.ttl.999999999-abc.tmp"      # no such process
    live.write_text("in progress")
    dead.write_text("left by a killed run")
    write_atomically([(out, b"new")])
    assert out.read_bytes() == b"new" and live.exists() and not dead.exists()


def test_two_builds_at_once_in_one_directory_both_succeed(mini):
    cmd = [sys.executable, "-m", "medkg", "build", "--no-html", "--root", str(mini)]
    for _ in range(3):
        procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(300), p.stderr.read()) for p in procs]
        assert all(code == 0 for code, _ in results), results
    assert not list((mini / "build").glob(".*.tmp"))


# --- curated input ---------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_accepted(mini):
    path = mini / "graph" / "entities.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert medkg.validate(medkg.Project(root=mini)).stats["claims"] == 5


def test_a_long_blank_node_chain_is_a_finding_for_validate_and_build_alike(mini):
    chain = "".join(f"_:b{i} <http://www.w3.org/2000/01/rdf-schema#seeAlso> _:b{i + 1} .\n" for i in range(3000))
    (mini / "graph" / "chain.ttl").write_text("<https://w3id.org/medkg/entity/pain> "
                                              "<http://www.w3.org/2000/01/rdf-schema#seeAlso> _:b0 .\n" + chain)
    for command in ("validate", "build"):
        done = run_cli(command, "--root", str(mini), timeout=120)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "blank nodes: nested more than 32 deep" in done.stderr
    assert not (mini / "build").exists()


# --- ingest -------------------------------------------------------------------------------

ARTICLE = FIXTURES / "ingest" / "gabapentin.txt"


def test_a_title_or_address_cannot_add_a_triple_to_a_draft(mini):
    injected = ("Gabapentin\n<https://w3id.org/medkg/entity/a> <https://w3id.org/medkg/ontology#treats> "
                "<https://w3id.org/medkg/entity/b> .\n# ")
    done = run_cli("ingest", str(ARTICLE), "--title", injected, "--root", str(mini), timeout=120)
    assert done.returncode == 0, done.stderr
    draft = Graph().parse(mini / "graph" / "drafts" / "gabapentin.ttl")
    assert (URIRef("https://w3id.org/medkg/entity/a"), None, None) not in draft
    titles = [str(o) for o in draft.objects(None, URIRef("http://purl.org/dc/terms/title"))]
    assert titles == [injected]  # kept whole, as a literal


@pytest.mark.parametrize("option", [
    ["--url", "https://example.org/x> . <https://w3id.org/medkg/entity/a> <https://w3id.org/medkg/ontology#treats> <b"],
    ["--url", "javascript:alert(1)"],
    ["--captured-on", "2026-02-30"],
    ["--captured-on", "2026-13"],
    ["--title", " "],
])
def test_a_failed_ingest_leaves_no_file_behind(mini, option):
    before = tree_digest(mini)
    args = ["--title", "Gabapentin", *option] if option[0] != "--title" else option
    done = run_cli("ingest", str(ARTICLE), *args, "--root", str(mini), timeout=120)
    one_line_error(done)
    assert tree_digest(mini) == before
    assert run_cli("validate", "--include-drafts", "--root", str(mini)).returncode == 0


def test_ingest_refuses_a_fifo_instead_of_waiting_forever(mini, tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    one_line_error(run_cli("ingest", str(fifo), "--title", "x", "--root", str(mini), timeout=60), "not a regular file")


def test_ingest_of_a_long_article_finishes(mini, tmp_path):
    """200 kB of text (quadratic steps took 23 s here; now a few)."""
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join(f"Part {i}.\n\n" + ARTICLE.read_text() for i in range(120)))
    assert article.stat().st_size > 180_000
    done = run_cli("ingest", str(article), "--title", "Long", "--root", str(mini), timeout=120)
    assert done.returncode == 0, done.stderr
