"""Scoring drafts against hand-annotated gold facts: `medkg eval-ingest --gold DIR`.

The fixture folder tests/fixtures/gold/ holds two short pages written for these tests: one
with its text committed (ibuprofen-basics) and one "evidence-only" page whose text is not
(naproxen-notes: only its evidence sentences are ingested).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

import medkg
from medkg.curated import load_curated
from medkg.errors import InputError
from medkg.ingest.evaluate import evaluate_gold, score_page
from medkg.ingest.gold import labels_match, load_gold, load_page

from helpers import FIXTURES, ROOT, run_cli

GOLD = FIXTURES / "gold"


@pytest.fixture(scope="module")
def relations() -> set[str]:
    from medkg.vocab import MEDKG

    ontology = load_curated(medkg.Project(root=ROOT)).ontology
    return {str(r).rsplit("#", 1)[-1] for r in ontology.subjects(MEDKG.family, None)}


# -- the matcher ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("dry mouth", "a dry mouth"),
    ("pregabalin", "pregabalin (Lyrica)"),
    ("Dry-Mouth", "dry mouth"),
    ("NSAID", "nonsteroidal anti-inflammatory drug (NSAID)"),
    ("NSAIDs", "NSAID"),
    ("stomach ulcers", "a stomach ulcer"),
    ("doses", "the dose"),
    ("classes", "class"),
    ("neuropathies", "neuropathy"),
    ("ﬁbromyalgia", "Fibromyalgia"),  # NFKC: the "fi" ligature
    ("pain", "chronic back pain"),
    ("your doctor", "doctor"),
    ("RA", "ra"),
])
def test_labels_that_match(a, b):
    assert labels_match(a, b) and labels_match(b, a)


@pytest.mark.parametrize("a, b", [
    ("dry mouth", "mouth dry"),             # order matters
    ("back pain", "back and leg pain"),     # not contiguous
    ("mouth pain", "dry mouth"),
    ("RA", "rheumatoid arthritis (RA)"),   # a short token matches only an equal name
    ("mg", "300 mg once a day"),
    ("pain", "paint"),                      # tokens, not characters
    ("the", "the"),                         # nothing left after the determiner
    ("", ""),
    ("arthritis", "arthritides"),
])
def test_labels_that_do_not_match(a, b):
    assert not labels_match(a, b) and not labels_match(b, a)


# -- reading gold pages ---------------------------------------------------------------------------------

def test_an_evidence_only_page_is_its_evidence_each_sentence_once(relations):
    page = load_page(GOLD / "naproxen-notes.json", relations)
    assert page.evidence_only and page.slug == "naproxen-notes" and len(page.facts) == 8
    sentences = page.text.rstrip("\n").split("\n\n")
    assert sentences[0] == "Naproxen is an NSAID used to treat arthritis pain."
    assert len(sentences) == len(set(sentences)) == 6
    committed = load_page(GOLD / "ibuprofen-basics.json", relations)
    assert not committed.evidence_only
    assert committed.text == (GOLD / "ibuprofen-basics.txt").read_text(encoding="utf-8")


def _malformed(tmp_path: Path, change) -> Path:
    for name in ("ibuprofen-basics.json", "ibuprofen-basics.txt"):
        shutil.copy(GOLD / name, tmp_path / name)
    path = tmp_path / "ibuprofen-basics.json"
    page = json.loads(path.read_text(encoding="utf-8"))
    change(page)
    path.write_text(json.dumps(page), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda p: p.pop("title"), "missing key: title"),
    (lambda p: p["facts"][1].pop("object"), "fact 2: missing key: object"),
    (lambda p: p["facts"][0].update(relation="cures"), "fact 1: unknown relation 'cures'"),
    (lambda p: p["facts"][2].update(evidence="It is used to treat headaches."), "fact 3: evidence not verbatim"),
    (lambda p: p.update(text="nowhere.txt"), "text nowhere.txt: cannot read: no such file"),
    (lambda p: p.update(text="../ibuprofen-basics.txt"), "'text' must be null or a .txt file name"),
    (lambda p: p.update(facts=[]), "'facts' must be a non-empty list"),
    (lambda p: p.update(slug="Ibuprofen Basics"), "invalid slug"),
])
def test_malformed_gold_is_refused_in_one_line_naming_the_file(tmp_path, relations, change, message):
    path = _malformed(tmp_path, change)
    with pytest.raises(InputError, match=message) as caught:
        load_gold([tmp_path], relations)
    assert str(caught.value).startswith(f"{path}: ")
    done = run_cli("eval-ingest", "--gold", str(tmp_path), "--root", str(ROOT))
    assert done.returncode == 1
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert message.split(":")[0] in done.stderr


def test_invalid_json_and_duplicate_slugs_are_refused(tmp_path, relations):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not valid JSON"):
        load_gold([bad], relations)
    assert len(load_gold([GOLD, GOLD / "naproxen-notes.json"], relations)) == 2  # the same file named twice
    shutil.copy(GOLD / "naproxen-notes.json", tmp_path / "copy.json")
    with pytest.raises(InputError, match="copy.json: slug 'naproxen-notes' is also the slug of"):
        load_gold([GOLD, tmp_path / "copy.json"], relations)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no gold page"):
        load_gold([tmp_path / "empty"], relations)
    with pytest.raises(InputError, match="no such file or folder"):
        load_gold([tmp_path / "missing"], relations)


# -- scoring ----------------------------------------------------------------------------------------------

DRAFT = """
@prefix medkg: <https://w3id.org/medkg/ontology#> .
@prefix ent:   <https://w3id.org/medkg/entity/> .
@prefix claim: <https://w3id.org/medkg/claim/> .
@prefix rdf:   <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .

ent:stomach-ulcers a medkg:Condition ; rdfs:label "stomach ulcers"@en ; medkg:ungrounded true .

claim:t-001 a medkg:Claim ; rdf:subject ent:ibuprofen ; rdf:predicate medkg:treats ; rdf:object ent:headache ;
    medkg:quote "It is used to treat back pain, headache and fever." .
claim:t-002 a medkg:Claim ; rdf:subject ent:ibuprofen ; rdf:predicate medkg:usedFor ; rdf:object ent:back-pain ;
    medkg:quote "It is used to treat back pain, headache and fever." .
claim:t-003 a medkg:Claim ; rdf:subject ent:ibuprofen ; rdf:predicate medkg:hasMechanism ;
    rdf:object "blocking the enzymes that make prostaglandins" ;
    medkg:quote "Ibuprofen works by blocking the enzymes that make prostaglandins." .
claim:t-004 a medkg:Claim ; rdf:subject ent:ibuprofen ; rdf:predicate medkg:contraindicatedIn ;
    rdf:object ent:stomach-ulcers ; medkg:quote "if you have a stomach ulcer" .
claim:t-005 a medkg:Claim ; rdf:subject ent:ibuprofen ; rdf:predicate medkg:commonAdverseEffect ;
    rdf:object ent:headache ; medkg:quote "headache" .
claim:t-006 a medkg:Claim ; rdf:subject ent:ibuprofen ; rdf:predicate medkg:interactsWith ;
    rdf:object ent:naproxen ; medkg:quote "Ibuprofen can interact with naproxen." .
"""


def test_a_page_is_scored_with_exact_counts(relations):
    """Six drafts of the ibuprofen page, judged one by one:

    1. ibuprofen treats headache — matches fact 3, relation too;
    2. ibuprofen usedFor back pain — matches fact 2 (treats) by labels, not strictly;
    3. hasMechanism, a literal object — matches fact 5 by the literal's text, strictly;
    4. contraindicatedIn "stomach ulcers" (a drafted entity's label) — matches fact 9, "a stomach ulcer";
    5. commonAdverseEffect headache — matches fact 3 by labels (the relation is not judged), not strictly;
    6. interactsWith naproxen — no gold fact; its quote is not in the page text.
    """
    page = load_page(GOLD / "ibuprofen-basics.json", relations)
    drafted = Graph().parse(data=DRAFT, format="turtle")
    graph = load_curated(medkg.Project(root=ROOT)).data()  # ent:ibuprofen, ent:headache, ent:back-pain are labelled there
    s = score_page(page, drafted, graph)
    assert (s.drafts, s.matched, s.gold, s.found) == (6, 5, 10, 4)
    assert (s.matched_strict, s.found_strict, s.quotes_not_verbatim) == (3, 3, 1)
    assert (s.precision, s.recall) == (5 / 6, 0.4)
    assert (s.strict_precision, s.strict_recall) == (0.5, 0.3)
    assert s.f1 == pytest.approx(2 * (5 / 6) * 0.4 / (5 / 6 + 0.4))


def test_no_drafts_is_precision_zero(relations):
    page = load_page(GOLD / "naproxen-notes.json", relations)
    s = score_page(page, Graph(), Graph())
    assert (s.drafts, s.precision, s.gold, s.found, s.recall, s.f1) == (0, 0.0, 8, 0, 0.0, 0.0)


def test_eval_ingest_gold_end_to_end():
    """Ingest the fixture pages for real and check the report's arithmetic; the drafts
    themselves depend on the ingest method, so only floors are asserted on them."""
    evaluation = evaluate_gold(medkg.Project(root=ROOT), [GOLD])
    pages = {p.slug: p for p in evaluation.pages}
    assert set(pages) == {"ibuprofen-basics", "naproxen-notes"}
    assert [p.f1 for p in evaluation.pages] == sorted(p.f1 for p in evaluation.pages)  # worst first
    ibuprofen, naproxen = pages["ibuprofen-basics"], pages["naproxen-notes"]
    assert (ibuprofen.evidence_only, ibuprofen.gold, naproxen.evidence_only, naproxen.gold) == (False, 10, True, 8)
    assert ibuprofen.found >= 7 and naproxen.found >= 3  # the simple sentences the ingest handles today
    assert ibuprofen.matched >= 8 and naproxen.matched >= 3
    assert all(p.quotes_not_verbatim == 0 for p in evaluation.pages)
    total = evaluation.total()
    assert (total.gold, total.drafts) == (18, ibuprofen.drafts + naproxen.drafts)

    done = run_cli("eval-ingest", "--gold", str(GOLD / "ibuprofen-basics.json"), "--gold",
                   str(GOLD / "naproxen-notes.json"), "--format", "json", "--no-validate", "--root", str(ROOT))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [p["slug"] for p in report["pages"]] == [p.slug for p in evaluation.pages]
    assert report["pages"][0] == evaluation.pages[0].as_dict()
    assert report["macro"]["precision"] == round((ibuprofen.precision + naproxen.precision) / 2, 3)
    assert report["macro"]["recall"] == round((ibuprofen.recall + naproxen.recall) / 2, 3)
    assert report["micro"]["found"] == ibuprofen.found + naproxen.found
    assert report["micro"]["recall"] == round(report["micro"]["found"] / 18, 3)

    table = run_cli("eval-ingest", "--gold", str(GOLD), "--no-validate", "--root", str(ROOT)).stdout.splitlines()
    assert table[0].split()[:9] == ["page", "kind", "text", "drafts", "matched", "precision", "gold", "found", "recall"]
    assert table[2].split()[:3] == [evaluation.pages[0].slug, evaluation.pages[0].kind,
                                    "evidence-only" if evaluation.pages[0].evidence_only else "full"]
    assert any(line.startswith("mean over 2 pages (macro)") for line in table)
    assert table[-1] == "draft quotes not verbatim in the page text: 0"


def test_drafts_failing_the_checks_are_reported_after_the_figures(monkeypatch, capsys):
    """Every page is still scored; the findings name the draft inside the project, not the
    temporary copy; the command prints the report, then fails."""
    import importlib

    from medkg.cli import main
    from medkg.errors import Finding, ValidationError

    evaluate_module = importlib.import_module("medkg.ingest.evaluate")

    def failing(project, *, include_drafts=False):
        where = f"{project.graph}/drafts/naproxen-notes.ttl:12"
        raise ValidationError([Finding(where, "ent:x", "identifier is given to 2 entities")])

    monkeypatch.setattr(evaluate_module, "check", failing)
    assert main(["eval-ingest", "--gold", str(GOLD / "naproxen-notes.json"), "--root", str(ROOT)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[2].startswith("naproxen-notes ")
    assert out.splitlines()[-2:] == ["drafts failing the project's checks: 1 finding",
                                     "  graph/drafts/naproxen-notes.ttl:12: ent:x: identifier is given to 2 entities"]
    assert err.startswith("medkg: error: the drafts fail the project's checks (1 finding")
    assert main(["eval-ingest", "--gold", str(GOLD / "naproxen-notes.json"), "--no-validate",
                 "--root", str(ROOT)]) == 0


def test_every_committed_gold_set_is_well_formed(relations):
    """The development and held-out sets of benchmarks/ load: every evidence is verbatim in its
    committed text, every relation is the ontology's, no slug is used twice across the sets."""
    folders = sorted((ROOT / "benchmarks").glob("ingest-*"))
    assert [f.name for f in folders] == ["ingest-dev", "ingest-holdout", "ingest-holdout2", "ingest-holdout3",
                                         "ingest-holdout4"]
    pages = load_gold(folders, relations)
    assert len(pages) == 66 and sum(not p.evidence_only for p in pages) >= 35
    assert all(len(p.facts) >= 10 for p in pages)
