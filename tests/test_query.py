"""Named SPARQL queries: their answers on the curated graph, parameters, formats, errors, backends.

Each content test asks a named query the question a researcher would ask and checks the
facts, the source that states them and its words. One shared test runs every named query on
the rdflib (memory) and the Oxigraph store and requires the same rows from both.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import RDF

import medkg
from medkg.build import TRIG_FILE
from medkg.cli import main
from medkg.query import NamedQuery, bind, format_result, named_queries, run, short
from medkg.rdfio import serialize_trig
from medkg.store import open_store
from medkg.vocab import ENT, MEDKG, PREFIXES

from helpers import ROOT, run_cli

QUERIES = sorted(named_queries())
SCIATICA = "src:amitriptyline-sciatica"
STENOSIS = "src:amitriptyline-spinal-stenosis"

# beyond the defaults: several values, other types, other entities (for the cross-backend test)
PARAM_CASES = [
    ("patient-safety", {"patient": ["glaucoma", "heart-disease"]}),
    ("alternatives", {"condition": ["sciatica"]}),
    ("entities", {"type": ["medkg:Condition"]}),
    ("claims-about", {"entity": ["glaucoma"]}),
    ("source-claims", {"source": [STENOSIS]}),
    ("drugs-for-condition", {"condition": ["spinal-stenosis"]}),
]


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def project_root(built, tmp_path_factory) -> Path:
    """A project directory whose build/ holds this session's build, as ``medkg build`` writes it."""
    root = tmp_path_factory.mktemp("query-project")
    (root / "build").mkdir()
    (root / "build" / TRIG_FILE).write_bytes(serialize_trig(built.dataset))
    return root


@pytest.fixture(scope="session")
def project(project_root) -> medkg.Project:
    return medkg.Project(root=ROOT, build_dir=project_root / "build")


@pytest.fixture(scope="session")
def memory(project):
    return open_store("memory", project=project)


@pytest.fixture(scope="session")
def oxigraph(project):
    store = open_store(f"oxigraph:{project.build / 'ox'}", project=project)
    yield store
    store.close()


@pytest.fixture(scope="session")
def answer(memory):
    """``answer(name, **params)``: the rows of a named query on the memory store, as dicts of
    short strings (``ent:x``, ``medkg:y``, literal text, ``""`` when unbound); memoised."""
    cache: dict = {}

    def ask(name: str, **params: str | list[str]) -> list[dict[str, str]]:
        values = {k: [v] if isinstance(v, str) else list(v) for k, v in params.items()}
        key = (name, tuple(sorted((k, tuple(v)) for k, v in values.items())))
        if key not in cache:
            result = run(name, memory, params=values)
            cache[key] = [{k: short(v) for k, v in r.items()} for r in result.records()]
        return cache[key]

    return ask


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``medkg`` in this process (the same entry point as the command) and capture it."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def strings(result) -> list[tuple[str, ...]]:
    return sorted(tuple("" if v is None else str(v) for v in row) for row in result.rows)


# --- every named query ---------------------------------------------------------------


def test_the_named_queries_cover_the_competency_questions():
    assert {"drugs-for-condition", "mechanisms", "contraindications", "side-effects", "alternatives",
            "claim-publications", "unidentified-publications", "conflicts", "claims-about",
            "shared-treatments", "patient-safety"} <= set(QUERIES)
    assert len(QUERIES) >= 14


@pytest.mark.parametrize("name", QUERIES)
def test_named_query_states_its_question_first_and_orders_its_rows(name):
    query = named_queries()[name]
    assert query.text.startswith("#+ summary: ") and query.summary[-1] in "?.", name
    assert "ORDER BY" in query.text  # deterministic output
    assert all(f"?{p.name}" in query.text for p in query.params)  # a declared parameter is used


@pytest.mark.parametrize("name, params", [(n, {}) for n in QUERIES] + PARAM_CASES,
                         ids=[*QUERIES, *(f"{n}-{'-'.join(v[0] for v in p.values())}" for n, p in PARAM_CASES)])
def test_named_query_answers_the_same_on_memory_and_oxigraph(name, params, memory, oxigraph):
    on_memory, on_oxigraph = run(name, memory, params=params), run(name, oxigraph, params=params)
    assert on_memory.rows, f"{name} answers nothing on the curated graph"
    # a parameter is bound by a trailing VALUES clause, so it must be a projected variable
    assert {p.name for p in named_queries()[name].params} <= set(on_memory.vars)
    assert on_memory.vars == on_oxigraph.vars
    assert strings(on_memory) == strings(on_oxigraph)


# --- what the named queries answer -----------------------------------------------------


def test_drugs_for_sciatica_with_the_evidence_for_each(answer):
    rows = answer("drugs-for-condition")  # default: ent:sciatica
    assert {r["condition"] for r in rows} == {"ent:sciatica"}
    assert {r["drug"] for r in rows} == {"ent:amitriptyline", "ent:gabapentin", "ent:pregabalin", "ent:nsaids"}
    facts = {(r["drug"], r["relation"], r["for"], r["certainty"], r["negated"], r["source"]) for r in rows}
    assert ("ent:amitriptyline", "medkg:offLabelUseFor", "ent:sciatica", "medkg:Asserted", "false", SCIATICA) in facts
    assert ("ent:amitriptyline", "medkg:laterLineTreatmentFor", "ent:sciatica", "medkg:Typical", "false",
            SCIATICA) in facts
    # "not a first-line treatment" is kept, marked negated
    assert ("ent:amitriptyline", "medkg:firstLineTreatmentFor", "ent:sciatica", "medkg:Asserted", "true",
            SCIATICA) in facts
    assert ("ent:amitriptyline", "medkg:treats", "ent:sciatica", "medkg:Doubted", "false", SCIATICA) in facts
    assert ("ent:gabapentin", "medkg:usedFor", "ent:sciatica", "medkg:Typical", "false", SCIATICA) in facts
    # chronic sciatica is a subtype; neuropathic pain counts where sciatica is the claim's context
    assert ("ent:amitriptyline", "medkg:laterLineTreatmentFor", "ent:chronic-sciatica") in {f[:3] for f in facts}
    assert ("ent:amitriptyline", "medkg:treats", "ent:neuropathic-pain") in {f[:3] for f in facts}
    cited = [r for r in rows if r["supportedBy"]]
    assert [(r["relation"], r["certainty"], r["supportedBy"]) for r in cited] == [
        ("medkg:treats", "medkg:Limited", "pub:sciatica-review-cited-trial")]
    assert all(r["quote"] for r in rows)


def test_drugs_for_neuropathic_pain_show_the_cochrane_review_disputing(answer):
    rows = answer("drugs-for-condition", condition="ent:neuropathic-pain")
    disputed = [r for r in rows if r["disputedBy"]]
    assert [(r["drug"], r["certainty"], r["efficacy"], r["disputedBy"]) for r in disputed] == [
        ("ent:amitriptyline", "medkg:Doubted", "medkg:EfficacyNoRobustEvidence", "pub:cochrane-review-2015")]
    assert "no robust, unbiased evidence" in disputed[0]["quote"]
    supported = {r["supportedBy"] for r in rows}
    assert {"pub:smith-2020", "pub:johnson-2019", "pub:cochrane-review-2015"} <= supported


def test_mechanisms_of_amitriptyline_and_what_they_act_on(answer):
    rows = answer("mechanisms", drug="amitriptyline")
    acts = {(r["mechanism"], r["action"], r["target"], r["source"]) for r in rows}
    for source in (SCIATICA, STENOSIS):
        assert ("ent:reuptake-inhibition", "medkg:actsOn", "ent:serotonin", source) in acts
        assert ("ent:reuptake-inhibition", "medkg:actsOn", "ent:norepinephrine", source) in acts
        assert ("ent:pain-signal-modulation", "", "", source) in acts
    assert ("ent:sodium-channel-blockade", "medkg:inhibits", "ent:sodium-channels", STENOSIS) in acts
    assert ("", "medkg:increases", "ent:serotonin", SCIATICA) in acts  # acted on directly
    assert {r["drug"] for r in rows} == {"ent:amitriptyline"}
    assert [r["mechanism"] for r in answer("mechanisms", drug="gabapentin")] == ["ent:nerve-signal-blunting"]


def test_contraindications_and_cautions_of_amitriptyline_with_source_and_quote(answer):
    rows = answer("contraindications")
    assert {r["condition"] for r in rows} == {"ent:glaucoma", "ent:heart-disease", "ent:liver-disease",
                                              "ent:seizures", "ent:urinary-retention"}
    glaucoma = {(r["relation"], r["source"]): r["quote"] for r in rows if r["condition"] == "ent:glaucoma"}
    assert set(glaucoma) == {("medkg:cautionIn", SCIATICA), ("medkg:contraindicatedIn", STENOSIS)}
    assert glaucoma[("medkg:cautionIn", SCIATICA)].startswith("Individuals with certain pre-existing conditions")
    assert "glaucoma" in glaucoma[("medkg:contraindicatedIn", STENOSIS)]
    assert answer("contraindications", drug="gabapentin") == []


def test_side_effects_common_serious_rare_per_source(answer):
    rows = answer("side-effects")
    facts = {(r["kind"], r["effect"], r["source"]) for r in rows}
    assert ("medkg:seriousAdverseEffect", "ent:serotonin-syndrome", STENOSIS) in facts
    assert ("medkg:commonAdverseEffect", "ent:dry-mouth", SCIATICA) in facts
    assert ("medkg:commonAdverseEffect", "ent:dry-mouth", STENOSIS) in facts
    assert ("medkg:rareAdverseEffect", "ent:heart-rhythm-changes", SCIATICA) in facts
    serotonin = next(r for r in rows if r["effect"] == "ent:serotonin-syndrome")
    assert "serotonin syndrome" in serotonin["quote"]
    warning = {r["effect"]: r["warningSign"] for r in rows}
    assert warning["ent:confusion"] == "true" and warning["ent:dry-mouth"] == "false"
    gabapentin = answer("side-effects", drug="gabapentin")
    assert {r["effect"] for r in gabapentin} == {"ent:dizziness", "ent:drowsiness", "ent:fatigue", "ent:weight-gain"}
    assert {r["kind"] for r in gabapentin} == {"medkg:commonAdverseEffect"}


def test_alternatives_to_amitriptyline_with_class_and_side_effects(answer):
    stenosis = {r["alternative"]: r for r in answer("alternatives")}  # defaults: amitriptyline, spinal stenosis
    assert set(stenosis) == {"ent:analgesics", "ent:anticonvulsants", "ent:antidepressants",
                             "ent:muscle-relaxants", "ent:nsaids"}
    assert stenosis["ent:nsaids"]["sideEffects"] == "GI bleeding, stomach upset"
    assert {r["source"] for r in stenosis.values()} == {STENOSIS}
    sciatica = {r["alternative"]: r for r in answer("alternatives", condition="sciatica")}
    assert {"ent:gabapentin", "ent:pregabalin"} <= set(sciatica)
    gabapentin = sciatica["ent:gabapentin"]
    assert gabapentin["classes"] == "anticonvulsants"
    assert gabapentin["sideEffects"] == "dizziness, drowsiness, fatigue, weight gain"
    assert gabapentin["source"] == SCIATICA and gabapentin["quote"]


def test_claims_rest_on_publications_and_smith_et_al_is_flagged(answer):
    rows = answer("claim-publications")
    smith = [r for r in rows if r["publication"] == "pub:smith-2020"]
    assert [(r["lacksIdentifier"], r["stance"], r["subject"], r["relation"], r["object"], r["source"])
            for r in smith] == [("true", "medkg:supportedBy", "ent:amitriptyline", "medkg:treats",
                                 "ent:neuropathic-pain", STENOSIS)]
    cochrane = {(r["stance"], r["relation"]) for r in rows if r["publication"] == "pub:cochrane-review-2015"}
    assert ("medkg:disputedBy", "medkg:treats") in cochrane and ("medkg:supportedBy", "medkg:treats") in cochrane
    orbai = [r for r in rows if r["publication"] == "pub:orbai-meyerhoff-2010"]
    assert [r["lacksIdentifier"] for r in orbai] == ["false"]  # it has a PMID
    assert {r["publication"] for r in answer("claim-publications", publication="pub:smith-2020")} == {
        "pub:smith-2020"}


def test_unidentified_publications_with_the_words_that_cite_them(answer, built):
    rows = {r["publication"]: r for r in answer("unidentified-publications")}
    assert len(rows) == len(built.stats["flagged_citations"]) == 8
    assert rows["pub:smith-2020"]["citedAs"] == "Smith et al., 2020"
    assert rows["pub:smith-2020"]["citedIn"] == STENOSIS and rows["pub:smith-2020"]["claims"] == "1"
    assert rows["pub:cochrane-review-2015"]["claims"] == "3"
    assert "pub:orbai-meyerhoff-2010" not in rows


def test_conflicts_show_both_sides_with_sources_certainty_efficacy_and_quotes(answer, built):
    rows = answer("conflicts")
    assert len(rows) == built.stats["conflicts"]
    certainty = [r for r in rows if r["kind"] == "medkg:CertaintyConflict" and r["sourceB"] == STENOSIS]
    assert certainty, "the Cochrane review against the stenosis article"
    for r in certainty:
        assert (r["subject"], r["relation"], r["object"]) == ("ent:amitriptyline", "medkg:treats",
                                                              "ent:neuropathic-pain")
        assert (r["sourceA"], r["certaintyA"], r["efficacyA"]) == (SCIATICA, "medkg:Doubted",
                                                                   "medkg:EfficacyNoRobustEvidence")
        assert "no robust, unbiased evidence" in r["quoteA"] and r["certaintyB"] == "medkg:Asserted"
    efficacy = {(r["efficacyA"], r["efficacyB"]) for r in rows if r["kind"] == "medkg:EfficacyConflict"}
    assert ("medkg:EfficacyLimited", "medkg:EfficacyModerateToHigh") in efficacy
    summary = answer("conflict-summary")
    assert sum(int(r["conflicts"]) for r in summary) == built.stats["conflicts"]
    assert sum(int(r["acrossSources"]) for r in summary) == built.stats["cross_source_conflicts"]


def test_claims_about_an_entity_as_subject_object_or_context(answer, kg):
    glaucoma = answer("claims-about", entity="glaucoma")
    assert {(r["role"], r["subject"], r["relation"], r["source"]) for r in glaucoma} == {
        ("object", "ent:amitriptyline", "medkg:cautionIn", SCIATICA),
        ("object", "ent:amitriptyline", "medkg:contraindicatedIn", STENOSIS),
        ("object", "ent:eye-pain", "medkg:symptomOf", SCIATICA),
        ("object", "ent:vision-changes", "medkg:symptomOf", SCIATICA),
    }
    roles = {"subject": RDF.subject, "object": RDF.object, "context": MEDKG.context}
    for entity, present in (("amitriptyline", {"subject", "object"}), ("spinal-stenosis", set(roles))):
        rows = answer("claims-about", entity=entity)
        assert {r["role"] for r in rows} == present
        for role, link in roles.items():
            expected = {short(c) for c in kg.subjects(link, ENT[entity])}
            assert {r["claim"] for r in rows if r["role"] == role} == expected


def test_conditions_sharing_a_treatment_with_sciatica(answer):
    shared = {(r["otherCondition"], r["treatment"]) for r in answer("shared-treatments")}
    assert {("ent:neuropathic-pain", "ent:gabapentin"), ("ent:neuropathic-pain", "ent:pregabalin"),
            ("ent:spinal-stenosis", "ent:nsaids"), ("ent:spinal-stenosis", "ent:surgery"),
            ("ent:depression", "ent:amitriptyline")} <= shared
    assert "ent:sciatica" not in {c for c, _ in shared}


def test_patient_safety_for_sciatica_with_glaucoma_and_heart_disease(answer):
    rows = answer("patient-safety", condition="sciatica", patient=["glaucoma", "heart-disease"])
    assert {(r["drug"], r["patient"], r["relation"], r["source"]) for r in rows} == {
        ("ent:amitriptyline", "ent:glaucoma", "medkg:cautionIn", SCIATICA),
        ("ent:amitriptyline", "ent:glaucoma", "medkg:contraindicatedIn", STENOSIS),
        ("ent:amitriptyline", "ent:heart-disease", "medkg:cautionIn", SCIATICA),
        ("ent:amitriptyline", "ent:heart-disease", "medkg:contraindicatedIn", STENOSIS),
    }
    caution = next(r for r in rows if r["relation"] == "medkg:cautionIn" and r["patient"] == "ent:glaucoma")
    assert caution["quote"] == ("Individuals with certain pre-existing conditions, such as some heart problems, "
                                "glaucoma, liver issues, or a history of seizures, should consult their doctor "
                                "before taking amitriptyline.")
    assert caution["claim"] == "claim:sciatica-caution-glaucoma"
    assert answer("patient-safety", patient="depression") == []  # nothing to warn about
    assert {r["contraindication"] for r in rows} == {"ent:glaucoma", "ent:heart-disease"}
    everything = answer("patient-safety")  # no patient given: every warning, ?patient empty
    assert {r["patient"] for r in everything} == {""}
    assert {r["contraindication"] for r in everything} == {"ent:glaucoma", "ent:heart-disease", "ent:liver-disease",
                                                           "ent:seizures", "ent:urinary-retention"}


def test_dosing_source_claims_entities_and_evidence_summary(answer, built):
    dosing = {(r["aspect"], r["value"], r["source"]) for r in answer("dosing")}
    assert ("medkg:startingDose", "10-25 mg", STENOSIS) in dosing
    assert ("medkg:timeToFullEffect", "6 to 8 weeks", SCIATICA) in dosing
    assert ("medkg:withdrawalSymptom", "ent:nausea", SCIATICA) in dosing
    per_source = built.stats["claims_per_source"]
    assert len(answer("source-claims")) == per_source["amitriptyline-sciatica"]
    assert len(answer("source-claims", source=STENOSIS)) == per_source["amitriptyline-spinal-stenosis"]
    drugs = {r["entity"]: r["xref"] for r in answer("entities")}
    assert len(drugs) == 6 and drugs["ent:amitriptyline"] == "drugbank:DB00321"
    conditions = {(r["entity"], r["xref"]) for r in answer("entities", type="medkg:Condition")}
    assert ("ent:glaucoma", "DOID:1686") in conditions
    evidence = {r["condition"]: r for r in answer("evidence-summary")}
    neuropathic = evidence["ent:neuropathic-pain"]
    assert int(neuropathic["claims"]) == max(int(r["claims"]) for r in evidence.values())
    assert (neuropathic["sources"], neuropathic["doubted"]) == ("2", "1") and int(neuropathic["inConflict"]) > 0
    assert evidence["ent:sciatica"]["negated"] == "1"


# --- parameters ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["ent:glaucoma", "glaucoma", "Glaucoma",
                                   "https://w3id.org/medkg/entity/glaucoma"])
def test_entity_parameter_as_curie_slug_label_or_iri(value, answer):
    rows = answer("claims-about", entity=value)
    assert {r["entity"] for r in rows} == {"ent:glaucoma"} and len(rows) == 4


@pytest.mark.parametrize("name", ["heart problems", "Heart Condition"])
def test_label_or_synonym_parameter_finds_the_entity(name, answer):
    # "heart problems" is ent:heart-disease's label, "heart condition" a synonym
    assert {r["entity"] for r in answer("claims-about", entity=name)} == {"ent:heart-disease"}


def test_cli_binds_several_values_and_iri_parameters(capsys, project_root):
    code, out, err = cli(capsys, "query", "patient-safety", "--param", "patient=glaucoma,ent:heart-disease",
                         "--param", "condition=sciatica", "--root", str(project_root), "--store", "oxigraph",
                         "--format", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4
    assert {r["patient"] for r in rows} == {PREFIXES["ent"] + "glaucoma", PREFIXES["ent"] + "heart-disease"}
    code, out, _ = cli(capsys, "query", "entities", "--param", "type=medkg:DrugClass", "--root",
                       str(project_root), "--store", "oxigraph", "--format", "tsv")
    assert code == 0 and "\tNSAIDs\tNDFRT:N0000175721" in out


# --- the command: list, prefixes, formats ---------------------------------------------


def test_list_prints_one_line_per_named_query_name_first_then_question():
    done = run_cli("query", "--list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == QUERIES
    for line in lines:
        name, question = line.split("\t", 1)
        assert question.startswith(named_queries()[name].summary)
    assert any(line.startswith("patient-safety\t") and "[patient]" in line for line in lines)


def test_prefixes_lists_every_predeclared_prefix(capsys):
    code, out, _ = cli(capsys, "query", "--prefixes")
    assert code == 0
    assert dict(line.split("\t") for line in out.splitlines()) == {f"{p}:": ns for p, ns in PREFIXES.items()}


def formatted(capsys, project_root, fmt: str) -> str:
    code, out, err = cli(capsys, "query", "contraindications", "--format", fmt, "--root", str(project_root),
                         "--store", "oxigraph")
    assert (code, err) == (0, "")
    return out


def test_format_table(capsys, project_root):
    lines = formatted(capsys, project_root, "table").splitlines()
    assert lines[0].split() == ["drug", "condition", "relation", "certainty", "source", "quote"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split()[:3] == ["ent:amitriptyline", "ent:glaucoma", "medkg:cautionIn"]
    assert lines[-1] == "(7 rows)"


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_format_csv_and_tsv_give_full_iris_and_whole_quotes(capsys, project_root, fmt, delimiter):
    rows = list(csv.DictReader(io.StringIO(formatted(capsys, project_root, fmt)), delimiter=delimiter))
    assert len(rows) == 7
    first = rows[0]
    assert first["condition"] == PREFIXES["ent"] + "glaucoma"
    assert first["relation"] == PREFIXES["medkg"] + "cautionIn"
    assert first["quote"].endswith("should consult their doctor before taking amitriptyline.")


def test_format_md_is_a_markdown_table(capsys, project_root):
    lines = formatted(capsys, project_root, "md").splitlines()
    assert lines[0] == "| drug | condition | relation | certainty | source | quote |"
    assert lines[1] == "|---|---|---|---|---|---|"
    assert len(lines) == 2 + 7 and all(line.startswith("| ent:amitriptyline | ") for line in lines[2:])


def assert_w3c_sparql_json(doc: dict) -> None:
    """The structure of https://www.w3.org/TR/sparql11-results-json/ for a SELECT result."""
    assert set(doc) == {"head", "results"}
    assert isinstance(doc["head"]["vars"], list) and all(isinstance(v, str) for v in doc["head"]["vars"])
    assert set(doc["results"]) == {"bindings"} and isinstance(doc["results"]["bindings"], list)
    for binding in doc["results"]["bindings"]:
        assert set(binding) <= set(doc["head"]["vars"])
        for term in binding.values():
            assert term["type"] in ("uri", "literal", "bnode") and isinstance(term["value"], str)
            extra = set(term) - {"type", "value"}
            assert extra <= {"xml:lang", "datatype"} and len(extra) <= 1
            assert not extra or term["type"] == "literal"


def test_format_json_is_w3c_sparql_results_json(capsys, project_root):
    doc = json.loads(formatted(capsys, project_root, "json"))
    assert_w3c_sparql_json(doc)
    assert doc["head"]["vars"] == ["drug", "condition", "relation", "certainty", "source", "quote"]
    first = doc["results"]["bindings"][0]
    assert first["condition"] == {"type": "uri", "value": PREFIXES["ent"] + "glaucoma"}
    assert first["quote"]["type"] == "literal" and "glaucoma" in first["quote"]["value"]


def test_json_keeps_datatypes_and_ask_is_a_boolean(memory):
    doc = json.loads(format_result(run("conflict-summary", memory), "json"))
    assert_w3c_sparql_json(doc)
    count = doc["results"]["bindings"][0]["conflicts"]
    assert count["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    ask = run("ASK { ent:amitriptyline medkg:cautionIn ent:glaucoma }", memory)
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}


def test_inline_sparql_and_rq_files_run_with_their_parameters(tmp_path, memory):
    path = tmp_path / "mine.rq"
    path.write_text("#+ summary: What does a drug interact with?\n#+ param: drug entity ent:amitriptyline\n"
                    "SELECT ?drug ?other WHERE { ?drug medkg:interactsWith ?other } ORDER BY ?other\n",
                    encoding="utf-8")
    assert [(short(d), short(o)) for d, o in run(str(path), memory).rows] == [
        ("ent:amitriptyline", "ent:other-medicines")]
    inline = run("SELECT ?c WHERE { ent:amitriptyline medkg:cautionIn ?c } ORDER BY ?c", memory)
    assert [short(r[0]) for r in inline.rows] == ["ent:glaucoma", "ent:heart-disease", "ent:liver-disease",
                                                  "ent:seizures"]


# --- errors: one line, exit 1, no traceback ---------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["nosuch"], "unknown named query 'nosuch'"),
    (["side-effect"], "did you mean side-effects?"),
    (["missing/query.rq"], "query file not found: missing/query.rq"),
    (["side-effects", "--param", "nosuch=x"], "unknown parameter nosuch for query side-effects (its parameters: drug)"),
    (["side-effects", "--param", "drug=no-such-entity"], "cannot read 'no-such-entity' as an IRI or a known entity"),
    (["side-effects", "--param", "drug"], "a parameter is NAME=VALUE"),
    (["SELECT ?x WHERE { ?x ?y }"], "SPARQL syntax error: line 1"),
])
def test_query_errors_are_one_clear_line(capsys, project_root, args, message):
    code, out, err = cli(capsys, "query", *args, "--root", str(project_root), "--store", "oxigraph")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("medkg: error: ") and message in err


def test_a_real_command_reports_an_unknown_query_without_traceback():
    done = run_cli("query", "nosuch")
    assert done.returncode == 1
    assert done.stderr == ("medkg: error: unknown named query 'nosuch'; medkg query --list shows them\n")


@pytest.mark.parametrize("update", [
    "INSERT DATA { ent:a ent:b ent:c }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH graph:derived",
    "CREATE GRAPH <http://example.org/g>",
])
def test_sparql_update_is_refused(capsys, project_root, memory, update):
    before = set(memory.quads())
    code, out, err = cli(capsys, "query", update, "--root", str(project_root), "--store", "oxigraph")
    assert code == 1 and out == ""
    assert err == "medkg: error: SPARQL Update is not allowed: medkg is read-only " \
                  "(use SELECT, ASK, CONSTRUCT or DESCRIBE)\n"
    with pytest.raises(medkg.QueryError, match="read-only"):
        run(update, memory)
    assert set(memory.quads()) == before


def test_construct_is_turtle_with_the_project_prefixes(memory):
    result = run("CONSTRUCT { ent:glaucoma rdfs:label ?l } WHERE { ent:glaucoma rdfs:label ?l }", memory)
    text = format_result(result, "table")
    assert "@prefix ent: <https://w3id.org/medkg/entity/> ." in text
    assert 'ent:glaucoma rdfs:label "glaucoma"@en .' in text


def test_a_values_line_binds_its_parameters_inside_the_sub_query(memory):
    """``#+ values: NAME`` puts that parameter's VALUES where the line is (here inside the
    sub-query, which engines evaluate on its own); the others open the WHERE group."""
    query = NamedQuery.parse("t", "#+ summary: t?\n#+ param: condition entity ent:sciatica\n#+ param: drug entity\n"
                                  "SELECT ?condition ?drug WHERE {\n"
                                  "  { SELECT DISTINCT ?drug ?condition WHERE {\n"
                                  "      #+ values: condition\n"
                                  "      ?c rdf:subject ?drug ; rdf:object ?condition } }\n"
                                  "} ORDER BY ?drug")
    text = bind(query, {"drug": ["amitriptyline", "gabapentin"]}, memory)
    inner = text.index("#+ values: condition")
    assert text.index("VALUES (?condition) { (<https://w3id.org/medkg/entity/sciatica>) }") > inner
    assert text.index("VALUES (?drug) {") < inner  # at the start of the outer WHERE group
    assert text.count("VALUES") == 2
    rows = {tuple(short(v) for v in row) for row in memory.query(text).rows}
    assert rows == {("ent:sciatica", "ent:amitriptyline"), ("ent:sciatica", "ent:gabapentin")}
