"""What the build derives: plain triples, selectors, entailments, conflicts, flags, matches."""

from __future__ import annotations

from rdflib import RDF, SKOS, Literal, URIRef

import medkg
from medkg.build import union_graph
from medkg.derive import ClaimFacts, conflict_kind, expand_curie
from medkg.vocab import CLAIM, DERIVED_GRAPH, ENT, MEDKG, PUB, source_graph, SRC

from helpers import ROOT, edit


def build(root):
    return medkg.build(medkg.Project(root=root), write=False).dataset


def test_only_firm_positive_claims_become_plain_triples(mini):
    ds = build(mini)
    g = ds.graph(source_graph(SRC["mini"]))
    assert (ENT["drug-x"], MEDKG.contraindicatedIn, ENT["glaucoma"]) in g
    assert (ENT["drug-x"], MEDKG.treats, ENT["pain"]) in g  # stated by the possible and the asserted claims
    edit(mini, "graph/claims/mini.ttl", "medkg:certainty medkg:Possible ;", "medkg:certainty medkg:Doubted ;")
    edit(mini, "graph/claims/mini.ttl", "medkg:certainty medkg:Asserted ; medkg:efficacy medkg:EfficacyHigh .",
         "medkg:certainty medkg:Asserted ; medkg:negated true .")
    g = build(mini).graph(source_graph(SRC["mini"]))
    assert (ENT["drug-x"], MEDKG.treats, ENT["pain"]) not in g


def test_super_properties_and_super_classes_are_materialised(mini):
    derived = build(mini).graph(DERIVED_GRAPH)
    assert (ENT["drug-y"], MEDKG.comparedWith, ENT["drug-x"]) in derived  # betterToleratedThan ⊑ comparedWith
    assert (ENT["glaucoma"], RDF.type, MEDKG.Condition) in derived        # Disease ⊑ Condition
    assert (ENT["glaucoma"], RDF.type, MEDKG.Entity) in derived


def test_conflict_is_derived_with_its_kind_and_both_claims(mini):
    g = union_graph(build(mini))
    conflicts = list(g.subjects(RDF.type, MEDKG.Conflict))
    assert len(conflicts) == 1
    c = conflicts[0]
    assert set(g.objects(c, MEDKG.conflictingClaim)) == {CLAIM["mini-no-evidence"], CLAIM["mini-works-well"]}
    assert g.value(c, MEDKG.conflictKind) == MEDKG.CertaintyConflict
    assert g.value(c, MEDKG.crossSource) == Literal(False)
    assert (CLAIM["mini-works-well"], MEDKG.conflictsWith, CLAIM["mini-no-evidence"]) in g


def _claim(name, *, negated=False, certainty=MEDKG.Asserted, efficacy=None, source="a"):
    return ClaimFacts(CLAIM[name], ENT.x, MEDKG.treats, ENT.y, SRC[source], negated, certainty, efficacy)


def test_conflict_rules():
    from medkg.curated import load_curated

    ontology = load_curated(medkg.Project(root=ROOT)).ontology
    kind = lambda a, b: conflict_kind(a, b, ontology)  # noqa: E731
    assert kind(_claim("a"), _claim("b", negated=True)) == MEDKG.PolarityConflict
    assert kind(_claim("a"), _claim("b", certainty=MEDKG.Doubted)) == MEDKG.CertaintyConflict
    assert kind(_claim("a", certainty=MEDKG.Possible), _claim("b", certainty=MEDKG.Doubted)) is None
    assert kind(_claim("a", certainty=MEDKG.Possible, efficacy=MEDKG.EfficacyHigh),
                _claim("b", certainty=MEDKG.Limited, efficacy=MEDKG.EfficacyLimited)) == MEDKG.EfficacyConflict
    assert kind(_claim("a", efficacy=MEDKG.EfficacyHigh), _claim("b", efficacy=MEDKG.EfficacyModerateToHigh)) is None
    assert kind(_claim("a", efficacy=MEDKG.EfficacyVariable), _claim("b", efficacy=MEDKG.EfficacyLimited)) is None


def test_publications_are_flagged_by_whether_they_carry_an_identifier(mini):
    derived = build(mini).graph(DERIVED_GRAPH)
    assert (PUB["review-2020"], MEDKG.lacksIdentifier, Literal(True)) in derived
    edit(mini, "graph/entities.ttl", 'medkg:year "2020"^^xsd:gYear ;', 'medkg:year "2020"^^xsd:gYear ; medkg:pmid "12345" ;')
    derived = build(mini).graph(DERIVED_GRAPH)
    assert (PUB["review-2020"], MEDKG.lacksIdentifier, Literal(False)) in derived


def test_xrefs_become_exact_matches_through_the_bioregistry(mini):
    derived = build(mini).graph(DERIVED_GRAPH)
    assert (ENT["glaucoma"], SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/DOID_1686")) in derived
    assert expand_curie("drugbank:DB00321") == "https://go.drugbank.com/drugs/DB00321"
    assert expand_curie("UBERON:0001130") == "http://purl.obolibrary.org/obo/UBERON_0001130"
