"""The ontology is complete and self-describing, and the code's terms exist in it."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from medkg.vocab import MEDKG

from helpers import ROOT

ONTOLOGY = Graph().parse(ROOT / "ontology" / "medkg.ttl")
NS = str(MEDKG._NS)
TERMS = sorted({s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)})


def test_every_term_the_code_uses_is_defined_in_the_ontology():
    used = [name for name in MEDKG.__annotations__]
    missing = [name for name in used if URIRef(NS + name) not in TERMS]
    assert not missing and len(used) > 50


def test_a_typo_in_a_term_is_an_error_not_a_wrong_iri():
    import pytest

    with pytest.raises(AttributeError):
        MEDKG.contraindicatdIn  # noqa: B018


def test_every_term_has_one_label_and_a_definition():
    for term in TERMS:
        assert len(list(ONTOLOGY.objects(term, RDFS.label))) == 1, term
        assert ONTOLOGY.value(term, SKOS.definition) is not None, term


def test_every_relation_has_a_family_so_views_can_colour_it():
    relations = set(ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty)) | set(ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty))
    claim_metadata = {MEDKG[n] for n in ("statedIn", "quote", "quotePrefix", "quoteSuffix", "certainty", "hedge",
                                         "negated", "efficacy", "context", "population", "supportedBy", "disputedBy")}
    families = {r for r in relations if ONTOLOGY.value(r, MEDKG.family) is not None}
    assert len(families) >= 50
    assert not families & claim_metadata


def test_the_ontology_covers_the_relations_the_issue_asks_for():
    for name in ("memberOfDrugClass", "primaryIndicationFor", "offLabelUseFor", "firstLineTreatmentFor", "treats",
                 "usedFor", "contraindicatedIn", "cautionIn", "commonAdverseEffect", "seriousAdverseEffect",
                 "hasMechanism", "startingDose", "doseTiming", "timeToFullEffect", "discontinuation",
                 "withdrawalSymptom", "alternativeTo", "comparedWith", "betterToleratedThan", "causes",
                 "riskFactorFor", "symptomOf", "diagnosedBy", "affectsAnatomy", "warningSignOf", "combinedWith"):
        assert URIRef(NS + name) in TERMS, name


def test_alignments_point_outside_the_project():
    aligned = 0
    for s, p, o in ONTOLOGY:
        if p in (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch) and not str(o).startswith(NS):
            assert str(o).startswith(("https://schema.org/", "https://w3id.org/biolink/vocab/", "http://www.w3.org/",
                                      "http://purl.org/dc/terms/")), o
            aligned += 1
    assert aligned >= 40


def test_the_classes_vocabulary_terms_are_drafted_as_exist():
    from medkg.ingest.lexicon import _LABEL_TABLE_CLASSES, HETIONET_KINDS

    classes = {cls for cls, _ in HETIONET_KINDS.values()} | set(_LABEL_TABLE_CLASSES.values())
    assert {"Drug", "Disease", "AdverseEffect", "Symptom", "AnatomicalStructure", "DrugClass"} <= classes
    for name in classes:
        assert (URIRef(NS + name), RDF.type, OWL.Class) in ONTOLOGY, name
