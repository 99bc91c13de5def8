"""Drafting claims from a new article: `medkg ingest`, `medkg accept-draft`, `medkg eval-ingest`.

The fixture article (tests/fixtures/ingest/gabapentin.txt) is new text, not one of the
curated articles; the vocabulary samples are rows copied from Hetionet and the Disease
Ontology in the shared reference files (Hetionet's with its CRLF line ends).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph, Literal, URIRef

import medkg
from medkg.build import check, union_graph
from medkg.errors import InputError, ValidationError
from medkg.ingest.draft import DRAFT_METHOD, accept, ingest
from medkg.ingest.evaluate import evaluate
from medkg.ingest.segment import segment
from medkg.rdfio import parse_turtle
from medkg.sources import anchor
from medkg.vocab import ENT, GRAPH, MEDKG, PUB, SRC

from helpers import FIXTURES, ROOT, run_cli

ARTICLE = FIXTURES / "ingest" / "gabapentin.txt"
TITLE = "Gabapentin for Sciatica: What You Should Know"
URL = "https://example.org/gabapentin-sciatica"
HETIONET = FIXTURES / "ingest" / "hetionet-nodes-sample.tsv"
DOID = FIXTURES / "ingest" / "doid-labels-sample.tsv"


def _project(root: Path) -> Path:
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "graph", root / "graph", ignore=shutil.ignore_patterns("drafts"))
    return root


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """The real project (copied) with the fixture article ingested, as a user would."""
    root = _project(tmp_path_factory.mktemp("ingest"))
    # graph entities only: what the reference tables add is tested with the vocabulary samples below
    done = run_cli("ingest", str(ARTICLE), "--title", TITLE, "--url", URL, "--no-vocab", "--root", str(root))
    assert done.returncode == 0, done.stderr
    draft = root / "graph" / "drafts" / "gabapentin.ttl"
    assert done.stdout.splitlines()[0] == str(draft)
    return root, parse_turtle(draft)


def _claims(g: Graph) -> dict[tuple, URIRef]:
    out = {}
    for c in g.subjects(RDF.type, MEDKG.Claim):
        s, p, o = (g.value(c, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        key = (str(s).rsplit("/", 1)[-1], str(p).rsplit("#", 1)[-1], str(o) if isinstance(o, Literal) else str(o).rsplit("/", 1)[-1])
        out[key] = c
    return out


# -- segmentation ----------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z.!?:|•-\n\r\t1(),’“”é\u00a0\u2028\u0301")) | st.characters(), max_size=300))
def test_segment_offsets_always_slice_back_to_the_segment_text(text):
    previous_end = 0
    for seg in segment(text):
        assert text[seg.start:seg.end] == seg.text
        assert seg.text and seg.text == seg.text.strip()
        assert seg.start >= previous_end
        previous_end = seg.end


def test_segmentation_keeps_list_and_table_context():
    text = ("Side Effects\n\nCommon side effects include:\n  • Dizziness\n\n  • Dry mouth\n"
            "| Study | Sample Size |\n| Lee et al., 2018 | 40 |\nIt may help. It may not.")
    segs = segment(text)
    kinds = [(s.kind, s.text) for s in segs]
    assert kinds[0] == ("heading", "Side Effects")
    lead = next(s for s in segs if s.text == "Common side effects include:")
    assert [s.lead for s in segs if s.kind == "item"] == [lead.index, lead.index]
    header = next(s for s in segs if s.text.startswith("| Study"))
    row = next(s for s in segs if s.text.startswith("| Lee"))
    assert row.lead == header.index and [text[a:b] for a, b in row.cells] == ["Lee et al., 2018", "40"]
    assert [s.text for s in segs[-2:]] == ["It may help.", "It may not."]


# -- what a draft says -----------------------------------------------------------------------------

def test_draft_has_the_expected_triples(drafted):
    _, g = drafted
    claims = _claims(g)
    expected = {
        ("gabapentin", "memberOfDrugClass", "anticonvulsants"),
        ("gabapentin", "offLabelUseFor", "sciatica"),
        ("gabapentin", "primaryIndicationFor", "epilepsy"),
        ("gabapentin", "commonAdverseEffect", "dizziness"),
        ("gabapentin", "commonAdverseEffect", "drowsiness"),
        ("gabapentin", "seriousAdverseEffect", "suicidal-thoughts"),
        ("suicidal-thoughts", "warningSignOf", "gabapentin"),
        ("gabapentin", "contraindicatedIn", "severe-kidney-disease"),
        ("gabapentin", "cautionIn", "depression"),
        ("gabapentin", "interactsWith", "opioids"),
        ("gabapentin", "withdrawalSymptom", "anxiety"),
        ("gabapentin", "withdrawalSymptom", "sweating"),
        # no regimen of the graph for gabapentin: the dose facts are the drug's own
        ("gabapentin", "startingDose", "300 mg"),
        ("gabapentin", "doseTiming", "at bedtime"),
        ("gabapentin", "timeToOnset", "within two weeks"),
        ("gabapentin", "timeToFullEffect", "4 to 6 weeks"),
        ("gabapentin", "discontinuation", "gradual reduction"),
        ("pregabalin", "alternativeTo", "gabapentin"),
        ("amitriptyline", "alternativeTo", "gabapentin"),
        ("gabapentin", "firstLineTreatmentFor", "acute-pain"),
        ("gabapentin-a-2019-clinical-trial", "studies", "gabapentin"),
        ("gabapentin-smith-et-al-2021", "reportedOutcome", "mixed evidence for gabapentin in sciatica"),
    }
    assert expected <= set(claims), sorted(expected - set(claims))
    for c in claims.values():
        assert (c, MEDKG.draft, Literal(True)) in g
        assert g.value(c, MEDKG.draftMethod) == Literal(DRAFT_METHOD)
        assert g.value(c, MEDKG.statedIn) == SRC["gabapentin"]
        # which cue drafted it and how sure it is, for sorting and rejecting quickly
        assert str(g.value(c, MEDKG._NS["draftCue"])).strip()
        assert 0 < float(g.value(c, MEDKG._NS["draftConfidence"])) <= 0.95
    effects = claims[("gabapentin", "commonAdverseEffect", "dizziness")]
    assert str(g.value(effects, MEDKG._NS["draftCue"])) in ("side-effects", "effects-list")
    assert float(g.value(effects, MEDKG._NS["draftConfidence"])) >= 0.7


def test_negation_certainty_and_hedges_come_from_the_wording(drafted):
    _, g = drafted
    claims = _claims(g)
    first_line = claims[("gabapentin", "firstLineTreatmentFor", "acute-pain")]
    assert g.value(first_line, MEDKG.negated) == Literal(True)
    assert str(g.value(first_line, MEDKG.quote)) == "It is not a first-line treatment for acute back pain."
    off_label = claims[("gabapentin", "offLabelUseFor", "sciatica")]
    assert g.value(off_label, MEDKG.certainty) == MEDKG.Typical
    assert set(map(str, g.objects(off_label, MEDKG.hedge))) == {"often"}
    onset = claims[("gabapentin", "timeToOnset", "within two weeks")]
    assert g.value(onset, MEDKG.certainty) == MEDKG.Limited
    assert "Some patients" in set(map(str, g.objects(onset, MEDKG.hedge)))
    mixed = claims[("gabapentin-smith-et-al-2021", "reportedOutcome", "mixed evidence for gabapentin in sciatica")]
    assert g.value(mixed, MEDKG.certainty) == MEDKG.Doubted
    assert g.value(claims[("gabapentin", "cautionIn", "depression")], MEDKG.certainty) == MEDKG.Asserted


def test_every_quote_is_a_unique_verbatim_span_of_the_article(drafted):
    root, g = drafted
    text = (root / "graph" / "sources" / "gabapentin.txt").read_text(encoding="utf-8")
    assert text == ARTICLE.read_text(encoding="utf-8")
    for c in g.subjects(RDF.type, MEDKG.Claim):
        quote = str(g.value(c, MEDKG.quote))
        a = anchor(text, quote, prefix=str(g.value(c, MEDKG.quotePrefix) or ""),
                   suffix=str(g.value(c, MEDKG.quoteSuffix) or ""))
        assert text[a.start:a.end] == quote
    effects = _claims(g)[("gabapentin", "commonAdverseEffect", "dizziness")]
    assert str(g.value(effects, MEDKG.quote)) == "Common side effects of gabapentin include:\n  • Dizziness"


def test_citations_become_publications_flagged_only_without_identifier(drafted):
    root, g = drafted
    smith, trial = PUB["gabapentin-smith-et-al-2021"], PUB["gabapentin-a-2019-clinical-trial"]
    assert g.value(smith, MEDKG.citedAs) == Literal("Smith et al., 2021")
    assert g.value(smith, MEDKG.pmid) == Literal("12345678")
    assert g.value(trial, MEDKG.citedAs) == Literal("A 2019 clinical trial")
    assert (trial, RDF.type, MEDKG._NS["ClinicalTrial"]) in g and g.value(trial, MEDKG.citedIn) == SRC["gabapentin"]
    treats = _claims(g)[("gabapentin", "treats", "leg-pain")]
    assert g.value(treats, MEDKG.supportedBy) == trial
    built = union_graph(medkg.build(medkg.Project(root=root), include_drafts=True, write=False).dataset)
    assert built.value(trial, MEDKG.lacksIdentifier) == Literal(True)
    assert built.value(smith, MEDKG.lacksIdentifier) == Literal(False)


def test_mentions_ground_to_graph_entities_and_new_ones_are_marked_ungrounded(drafted):
    _, g = drafted
    assert (ENT["gabapentin"], RDF.type, None) not in g  # the graph's entity, used, not redescribed
    assert (ENT["severe-kidney-disease"], RDF.type, MEDKG.Condition) in g
    assert g.value(ENT["severe-kidney-disease"], MEDKG.ungrounded) == Literal(True)
    assert str(g.value(ENT["severe-kidney-disease"], URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "severe kidney disease"
    assert (ENT["sweating"], RDF.type, MEDKG.AdverseEffect) in g
    assert g.value(ENT["sweating"], MEDKG.xref) is None


def test_source_is_described_in_the_draft_without_any_date(drafted):
    _, g = drafted
    src = SRC["gabapentin"]
    assert g.value(src, URIRef("https://schema.org/url")) == URIRef(URL)
    assert str(g.value(src, MEDKG.sha256)) == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert str(g.value(src, MEDKG.sourceFile)) == "sources/gabapentin.txt"
    assert g.value(src, MEDKG.capturedOn) is None


def test_the_draft_passes_the_projects_checks(drafted):
    root, _ = drafted
    checked = check(medkg.Project(root=root), include_drafts=True)
    assert len(checked.anchors) > 401


def test_drafts_stay_out_of_the_build_unless_asked(drafted):
    root, g = drafted
    n = len(set(g.subjects(RDF.type, MEDKG.Claim)))
    plain = medkg.build(medkg.Project(root=root), write=False)
    with_drafts = medkg.build(medkg.Project(root=root), include_drafts=True, write=False)
    assert plain.stats["claims"] == 401
    assert with_drafts.stats["claims"] == 401 + n
    assert len(with_drafts.dataset.graph(GRAPH["drafts/gabapentin"])) > 0


# -- grounding in a vocabulary ---------------------------------------------------------------------

def test_vocabulary_terms_ground_new_mentions_with_their_identifiers(tmp_path):
    root = _project(tmp_path)
    result = ingest(medkg.Project(root=root), ARTICLE, title=TITLE, vocab=[HETIONET, DOID])
    g = parse_turtle(result.draft_path)
    assert g.value(ENT["sweating"], MEDKG.xref) == Literal("UMLS:C0038990")
    assert g.value(ENT["sweating"], MEDKG.ungrounded) is None
    epilepsy = next(e for e in g.subjects(MEDKG.xref, Literal("DOID:1826")))
    assert (epilepsy, RDF.type, MEDKG.Disease) in g
    assert ("gabapentin", "primaryIndicationFor", str(epilepsy).rsplit("/", 1)[-1]) in _claims(g)
    assert (ENT["gabapentin"], RDF.type, None) not in g  # DB00996 is the graph's gabapentin already
    # "severe kidney disease" now names a vocabulary term inside it
    assert ("gabapentin", "contraindicatedIn", "kidney-disease") in _claims(g)
    assert g.value(ENT["kidney-disease"], MEDKG.xref) == Literal("DOID:557")
    assert not set(g.triples((None, MEDKG.ungrounded, None))) - {(ENT[k], MEDKG.ungrounded, Literal(True)) for k in (
        "calming-overactive-nerves", "opioids", "trouble-breathing", "300-mg-once-a-day")}
    check(medkg.Project(root=root), include_drafts=True)


def test_a_file_that_is_no_vocabulary_is_a_clear_error(tmp_path):
    root = _project(tmp_path)
    done = run_cli("ingest", str(ARTICLE), "--title", TITLE, "--vocab", str(ARTICLE), "--root", str(root))
    assert done.returncode == 1 and "not a vocabulary" in done.stderr and "Traceback" not in done.stderr


# -- safety: idempotent, never overwriting, curated files untouched ---------------------------------

def _snapshot(graph_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(graph_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(graph_dir.rglob("*")) if p.is_file()}


def test_ingest_twice_gives_the_same_bytes_and_touches_no_curated_file(tmp_path):
    root = _project(tmp_path)
    before = _snapshot(root / "graph")
    args = ("ingest", str(ARTICLE), "--title", TITLE, "--url", URL, "--root", str(root))
    first = run_cli(*args)
    draft = root / "graph" / "drafts" / "gabapentin.ttl"
    data = draft.read_bytes()
    second = run_cli(*args)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert draft.read_bytes() == data
    after = _snapshot(root / "graph")
    assert set(after) - set(before) == {"drafts/gabapentin.ttl", "sources/gabapentin.txt"}
    assert {k: after[k] for k in before} == before


def test_a_different_text_under_the_same_name_is_never_overwritten(tmp_path):
    root = _project(tmp_path)
    taken = root / "graph" / "sources" / "gabapentin.txt"
    taken.write_text("Another article entirely.\n", encoding="utf-8")
    done = run_cli("ingest", str(ARTICLE), "--title", TITLE, "--root", str(root))
    assert done.returncode == 1
    assert "never overwritten" in done.stderr and "Traceback" not in done.stderr
    assert taken.read_text(encoding="utf-8") == "Another article entirely.\n"
    assert not (root / "graph" / "drafts" / "gabapentin.ttl").exists()


def test_an_edited_draft_is_not_replaced_without_force(tmp_path):
    root = _project(tmp_path)
    project = medkg.Project(root=root)
    result = ingest(project, ARTICLE, title=TITLE)
    result.draft_path.write_text(result.draft_path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    with pytest.raises(InputError, match="--force"):
        ingest(project, ARTICLE, title=TITLE)
    assert ingest(project, ARTICLE, title=TITLE, force=True).draft_path.read_text(encoding="utf-8").endswith(".\n")


def test_a_sentence_that_occurs_twice_is_quoted_with_a_prefix(tmp_path):
    root = _project(tmp_path)
    article = tmp_path / "twice.txt"
    article.write_text("Gabapentin can cause dizziness.\n\nGabapentin can cause dizziness.\n", encoding="utf-8")
    result = ingest(medkg.Project(root=root), article, title="Twice")
    g = parse_turtle(result.draft_path)
    claims = list(g.subjects(RDF.type, MEDKG.Claim))
    assert len(claims) == 2
    assert sorted(bool(g.value(c, MEDKG.quotePrefix) or g.value(c, MEDKG.quoteSuffix)) for c in claims) == [True, True]
    check(medkg.Project(root=root), include_drafts=True)


def test_an_article_that_is_not_utf8_is_a_clear_error(tmp_path):
    root = _project(tmp_path)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 au lait.\n".encode("latin-1"))
    done = run_cli("ingest", str(bad), "--title", "x", "--root", str(root))
    assert done.returncode == 1 and "not valid UTF-8" in done.stderr


# -- accepting a draft -------------------------------------------------------------------------------

def test_accepting_moves_the_draft_to_claims_without_draft_marks(tmp_path):
    root = _project(tmp_path)
    project = medkg.Project(root=root)
    result = ingest(project, ARTICLE, title=TITLE, vocab=())
    n = result.claims
    done = run_cli("accept-draft", "gabapentin", "--root", str(root))
    assert done.returncode == 0, done.stderr
    target = root / "graph" / "claims" / "gabapentin.ttl"
    assert not result.draft_path.exists() and target.exists()
    g = parse_turtle(target)
    assert len(set(g.subjects(RDF.type, MEDKG.Claim))) == n
    assert not set(g.triples((None, MEDKG.draft, None)))
    assert len(set(g.triples((None, MEDKG.draftMethod, None)))) == n  # provenance is kept
    assert len(set(g.triples((None, MEDKG._NS["draftCue"], None)))) == n
    assert len(set(g.triples((None, MEDKG._NS["draftConfidence"], None)))) == n
    assert g.value(ENT["severe-kidney-disease"], MEDKG.ungrounded) == Literal(True)
    assert medkg.build(project, write=False).stats["claims"] == 401 + n
    again = run_cli("ingest", str(ARTICLE), "--title", TITLE, "--root", str(root))
    assert again.returncode == 1 and "already accepted" in again.stderr


def test_accepting_refuses_an_existing_target_and_an_invalid_draft(tmp_path):
    root = _project(tmp_path)
    project = medkg.Project(root=root)
    result = ingest(project, ARTICLE, title=TITLE)
    draft = result.draft_path.read_text(encoding="utf-8")
    target = root / "graph" / "claims" / "gabapentin.ttl"
    target.write_text("# a curator's file\n", encoding="utf-8")
    with pytest.raises(InputError, match="never overwritten"):
        accept(project, "gabapentin")
    assert target.read_text(encoding="utf-8") == "# a curator's file\n"
    target.unlink()
    result.draft_path.write_text(draft.replace("It is not a first-line", "It is not the first-line"), encoding="utf-8")
    with pytest.raises(ValidationError, match="quote not found"):
        accept(project, "gabapentin")
    assert result.draft_path.exists() and not target.exists()


# -- evaluation against the curated articles -----------------------------------------------------------

def test_eval_ingest_reaches_the_precision_and_recall_floor():
    evaluation = evaluate(medkg.Project(root=ROOT))
    assert evaluation.overall.curated == 401
    assert evaluation.overall.precision >= 0.7 and evaluation.overall.recall >= 0.7
    assert set(evaluation.per_source) == {"amitriptyline-sciatica", "amitriptyline-spinal-stenosis"}
    assert evaluation.per_relation["commonAdverseEffect"].found >= 10
    table = evaluation.table().splitlines()
    assert table[0].split() == ["relation", "drafts", "matched", "precision", "curated", "found", "recall"]
    assert table[-1].split()[0] == "overall"


def test_eval_ingest_json_reports_the_same_figures():
    done = run_cli("eval-ingest", "--format", "json", "--no-validate", "--root", str(ROOT))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    overall = report["overall"]
    assert overall["curated"] == 401
    assert overall["precision"] == round(overall["matched_drafts"] / overall["drafts"], 3)
    assert overall["recall"] == round(overall["found"] / overall["curated"], 3)
    assert sum(r["curated"] for r in report["relations"].values()) == 401
