"""The analyses answer the analysts' questions with the words and the source behind each answer."""

from __future__ import annotations

import pytest
from rdflib import RDFS, Graph

import medkg
from medkg.analysis import CERTAINTY_RANK, THERAPEUTIC, resolve, result_frame
from medkg.rdfio import new_dataset
from medkg.store import MemoryStore
from medkg.vocab import MEDKG

from helpers import ROOT

SCIATICA, STENOSIS = "src:amitriptyline-sciatica", "src:amitriptyline-spinal-stenosis"
TEXTS = {"src:" + p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "graph" / "sources").glob("*.txt")}


@pytest.fixture(scope="module")
def G(built):
    """The entity view of the real graph, built in memory from the curated files."""
    return medkg.to_networkx(built.dataset)


@pytest.fixture(scope="module")
def store(built):
    """A memory store over a copy of the build (a store makes its dataset's default graph the union)."""
    ds = new_dataset()
    for s, p, o, g in built.dataset.quads((None, None, None, None)):
        ds.graph(g.identifier if isinstance(g, Graph) else g).add((s, p, o))
    return MemoryStore(ds)


def verbatim(row) -> bool:
    """The row's quote is the span of its source at its offsets."""
    return TEXTS[row["source"]][row["start"]:row["end"]] == row["quote"]


# --- the resolver ----------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["https://w3id.org/medkg/entity/heart-disease", "ent:heart-disease", "heart-disease",
                                 "heart problems", "HEART PROBLEMS"])
def test_resolve_accepts_iri_curie_slug_and_label(G, ref):
    assert resolve(G, ref) == "https://w3id.org/medkg/entity/heart-disease"


def test_resolve_names_what_it_cannot_find(G):
    with pytest.raises(medkg.MedkgError, match="no node 'aspirin' in the graph"):
        medkg.treatment_options(G, "aspirin")


# --- the evidence on one edge --------------------------------------------------------------------


def test_amitriptyline_glaucoma_carries_quote_and_source_of_both_articles(G):
    edges = medkg.edges_frame(G)
    rows = edges[(edges.subject == "ent:amitriptyline") & (edges.object == "ent:glaucoma")]
    assert sorted(zip(rows.source, rows.relation)) == [(SCIATICA, "cautionIn"), (STENOSIS, "contraindicatedIn")]
    by_source = rows.set_index("source")
    assert by_source.loc[SCIATICA, "quote"].startswith("Individuals with certain pre-existing conditions")
    assert by_source.loc[STENOSIS, "quote"] == \
        "It’s not good for people with heart problems, glaucoma, or trouble with urination."
    assert all(verbatim(row) for _, row in rows.iterrows())


# --- treatment options ------------------------------------------------------------------------------


def test_treatment_options_for_sciatica_rank_amitriptyline_first_with_its_sources(G):
    options = medkg.treatment_options(G, "sciatica")
    best = options.iloc[0]
    assert best["treatment"] == "ent:amitriptyline"
    assert best["sources"] == [SCIATICA] and best["n_sources"] == 1
    assert best["best_certainty"] == "Asserted"
    # "Not a First-Line Treatment" and the doubted evidence count against it
    assert "not firstLineTreatmentFor" in best["relations"]
    assert best["claims_against"] == 2 and best["claims_for"] == 11
    assert best["publications_for"] == ["pub:sciatica-review-cited-trial"]
    assert set(best["efficacy"]) == {"EfficacyLimited", "EfficacyVariable"}
    labels = options["label"].tolist()
    assert {"gabapentin", "pregabalin", "NSAIDs", "physical therapy", "surgery"} <= set(labels)
    assert labels[-1] == "complete bed rest"  # only "not recommended": nothing for it
    assert options.iloc[-1]["claims_for"] == 0 and options.iloc[-1]["claims_against"] == 1


def test_treatment_options_are_sorted_by_sources_then_certainty(G):
    options = medkg.treatment_options(G, "spinal stenosis")
    keys = [(-n, -CERTAINTY_RANK.get(c, -1)) for n, c in zip(options.n_sources, options.best_certainty)]
    assert keys == sorted(keys)
    ami = options.set_index("label").loc["amitriptyline"]
    # the stenosis article's own claims, and (in the context of spinal stenosis) the comparison table
    assert ami["sources"] == [STENOSIS]
    assert "claim:stenosis-amitriptyline-treats-neuropathic-pain-comparison" in ami["claims"]
    assert "EfficacyHigh" in ami["efficacy"]


def test_subtypes_and_context_can_be_left_out(G):
    everything = medkg.treatment_options(G, "sciatica").set_index("label")
    direct = medkg.treatment_options(G, "sciatica", include_subtypes=False, include_context=False).set_index("label")
    assert direct.loc["amitriptyline", "claims_for"] < everything.loc["amitriptyline", "claims_for"]
    assert not any("chronic-sciatica" in c for c in direct.loc["amitriptyline", "claims"])


# --- safety -------------------------------------------------------------------------------------------


def test_safety_check_finds_caution_and_contraindication_with_quotes(G):
    rows = medkg.safety_check(G, drugs=["amitriptyline"], conditions=["glaucoma", "heart problems"])
    found = rows[rows.kind != "serious adverse effect"]
    assert sorted(zip(found.kind, found.condition, found.source)) == [
        ("caution", "ent:glaucoma", SCIATICA), ("caution", "ent:heart-disease", SCIATICA),
        ("contraindication", "ent:glaucoma", STENOSIS), ("contraindication", "ent:heart-disease", STENOSIS),
    ]
    assert set(found.patient_condition) == {"glaucoma", "heart problems"}
    for _, row in found.iterrows():
        assert ("glaucoma" in row["quote"]) and ("heart problems" in row["quote"])
        assert row["quote"] in TEXTS[row["source"]]
    # contraindications come before cautions
    assert rows.iloc[0]["kind"] == "contraindication"


def test_safety_check_lists_serious_adverse_effects_whatever_the_conditions(G):
    rows = medkg.safety_check(G, drugs="amitriptyline", conditions=["depression"])
    assert set(rows.kind) == {"serious adverse effect"}
    assert {"ent:serotonin-syndrome", "ent:suicidal-thoughts", "ent:heart-rhythm-changes"} <= set(rows.condition)
    serotonin = rows[rows.condition == "ent:serotonin-syndrome"].iloc[0]
    assert serotonin["source"] == STENOSIS and "serotonin syndrome" in serotonin["quote"]
    assert medkg.safety_check(G, drugs="gabapentin", conditions=["glaucoma"]).empty


# --- alternatives -------------------------------------------------------------------------------------


def test_alternatives_include_gabapentin_better_tolerated(G):
    alts = medkg.alternatives(G, "amitriptyline")
    gaba = alts[alts.alternative == "ent:gabapentin"]
    better = gaba[gaba.relation == "betterToleratedThan"]
    assert len(better) == 2 and set(better.favours) == {"ent:gabapentin"}
    assert set(better.statement) == {"gabapentin better tolerated than amitriptyline"}
    assert all(q in TEXTS[SCIATICA] for q in better.quote)
    assert {"alternativeTo", "comparableEfficacyTo", "fewerSideEffectsThan"} <= set(gaba.relation)
    assert {"ent:nsaids", "ent:muscle-relaxants", "ent:pregabalin"} <= set(alts.alternative)


def test_alternatives_for_a_condition_leave_out_other_contexts(G):
    alts = medkg.alternatives(G, "amitriptyline", condition="sciatica")
    # the NSAIDs etc. are alternatives "for spinal stenosis pain", gabapentin's listing for neuropathic pain
    assert set(alts.context.dropna()) == set()
    assert "ent:nsaids" not in set(alts.alternative)
    assert "betterToleratedThan" in set(alts.relation)


# --- paths --------------------------------------------------------------------------------------------


def test_explain_connection_from_gabapentin_to_glaucoma_goes_through_amitriptyline(G):
    steps = medkg.explain_connection(G, "gabapentin", "glaucoma")
    first = steps[steps.path == 1]
    assert first["from"].tolist() == ["ent:gabapentin", "ent:amitriptyline"]
    assert first["to"].tolist() == ["ent:amitriptyline", "ent:glaucoma"]
    assert first.direction.tolist() == ["→", "→"]
    assert all(first.quote.str.len() > 20) and set(first.source) == {SCIATICA}
    assert steps.path.max() == 3 and (steps.groupby("path").step.max() >= 2).all()


def test_explain_connection_shows_every_claim_when_asked_and_direction_when_reversed(G):
    steps = medkg.explain_connection(G, "glaucoma", "amitriptyline", max_paths=1, all_evidence=True)
    assert sorted(zip(steps.relation, steps.source)) == [("cautionIn", SCIATICA), ("contraindicatedIn", STENOSIS)]
    assert set(steps.direction) == {"←"}


def test_explain_connection_uses_only_asserted_claims(G):
    # amitriptyline is doubted as a recommended approach for spinal stenosis; the path must avoid that claim
    steps = medkg.explain_connection(G, "spinal stenosis", "amitriptyline", max_paths=5, all_evidence=True)
    assert "claim:stenosis-amitriptyline-recommended-doubted" not in set(steps.claim)
    assert steps.certainty.isin(["Asserted", "Typical", "Possible", "Limited"]).all()
    assert not steps.negated.any()


# --- conflicts ----------------------------------------------------------------------------------------


def test_conflicts_include_cochrane_against_the_stenosis_table(G, built):
    table = medkg.conflicts(G)
    assert len(table) == built.stats["conflicts"] == 9
    assert int(table.cross_source.sum()) == built.stats["cross_source_conflicts"]
    pair = table[(table.claim_a == "claim:sciatica-cochrane-no-robust-evidence")
                 & (table.claim_b == "claim:stenosis-amitriptyline-treats-neuropathic-pain-table")].iloc[0]
    assert (pair.subject, pair.relation, pair.object) == ("ent:amitriptyline", "treats", "ent:neuropathic-pain")
    assert pair.kind == "certainty" and pair.cross_source
    assert (pair.source_a, pair.certainty_a, pair.source_b, pair.efficacy_b) == \
        (SCIATICA, "Doubted", STENOSIS, "EfficacyModerateToHigh")
    assert "Cochrane review found no robust, unbiased evidence" in pair.quote_a
    assert "Moderate to High" in pair.quote_b


# --- frames -------------------------------------------------------------------------------------------


def test_nodes_frame(G):
    nodes = medkg.nodes_frame(G)
    assert list(nodes.columns) == ["node", "label", "type", "types", "xrefs", "out_degree", "in_degree", "n_facts",
                                   "sources"]
    assert len(nodes) == G.number_of_nodes() == 178
    assert nodes.node.is_unique and nodes.node.is_monotonic_increasing
    ami = nodes.set_index("node").loc["ent:amitriptyline"]
    assert ami.label == "amitriptyline" and ami.type == "Drug" and ami.xrefs == ["drugbank:DB00321"]
    assert nodes.n_facts.sum() == 33


def test_edges_frame(G):
    edges = medkg.edges_frame(G)
    assert len(edges) == G.number_of_edges() == 368
    assert {"claim", "subject", "relation", "object", "source", "quote", "certainty", "negated", "asserted",
            "supported_by", "disputed_by", "conflicts_with"} <= set(edges.columns)
    assert edges.claim.is_unique
    # two negated and four doubted claims, none of them with a literal object
    assert sorted(edges[~edges.asserted].claim.str.split("-").str[0]) == ["claim:sciatica"] * 3 + ["claim:stenosis"] * 3
    assert int(edges.negated.sum()) == 2 and int((edges.certainty == "Doubted").sum()) == 4
    assert all(verbatim(row) for _, row in edges.iterrows())


def test_claims_frame_has_one_row_per_claim_literals_included(store, built):
    claims = medkg.claims_frame(store)
    assert len(claims) == built.stats["claims"] == 401
    assert claims.claim.is_unique
    assert claims.source.value_counts().to_dict() == {STENOSIS: 228, SCIATICA: 173}
    assert int(claims.object_is_literal.sum()) == 33
    row = claims.set_index("claim").loc["claim:sciatica-time-to-full-effect"]
    assert (row.subject, row.relation, row.object, row.certainty, row.hedge) == \
        ("ent:amitriptyline-nerve-pain-regimen", "timeToFullEffect", "6 to 8 weeks", "Possible", "it can take")
    cochrane = claims.set_index("claim").loc["claim:sciatica-cochrane-no-robust-evidence"]
    assert cochrane.disputed_by == ["pub:cochrane-review-2015"] and cochrane.supported_by == []
    assert cochrane.certainty == "Doubted" and not cochrane.asserted
    assert len(cochrane.conflicts_with) == 6
    assert all(verbatim(row) for _, row in claims.iterrows())


def test_result_frame_turns_terms_into_curies_and_values(store):
    frame = result_frame(medkg.query(store, "SELECT ?source (COUNT(?c) AS ?n) WHERE { ?c medkg:statedIn ?source ; "
                                            "a medkg:Claim } GROUP BY ?source ORDER BY ?source"))
    assert frame.values.tolist() == [[SCIATICA, 173], [STENOSIS, 228]]


# --- the constants agree with the ontology --------------------------------------------------------------


def test_certainty_ranks_are_the_ontology_ranks(kg):
    assert CERTAINTY_RANK == {str(level).rsplit("#")[-1]: int(rank) for level, rank in kg.subject_objects(MEDKG.rank)}


def test_therapeutic_relations_are_treats_used_for_and_its_sub_relations(kg):
    used_for = {str(p).rsplit("#")[-1] for p in kg.transitive_subjects(RDFS.subPropertyOf, MEDKG.usedFor)}
    assert THERAPEUTIC == used_for | {"treats"}
