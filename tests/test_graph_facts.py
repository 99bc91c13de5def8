"""Facts the two articles state, asked of the built graph in SPARQL.

Each test is a question a researcher would ask; the answer must come back with the
source that states it. Quotes are checked to be verbatim spans at their offsets.
"""

from __future__ import annotations

import pytest
from rdflib import Literal

from medkg.vocab import PREFIXES

SCIATICA = "https://w3id.org/medkg/source/amitriptyline-sciatica"
STENOSIS = "https://w3id.org/medkg/source/amitriptyline-spinal-stenosis"
HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def ask(kg, body: str) -> bool:
    return bool(kg.query(HEADER + "ASK {" + body + "}").askAnswer)


def rows(kg, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in r) for r in kg.query(HEADER + query)}


def claimed(kg, s: str, p: str, o: str, source: str) -> bool:
    """Some claim of ``source`` states ``s p o`` (p may be a sub-property)."""
    return ask(kg, f"""?c a medkg:Claim ; rdf:subject {s} ; rdf:predicate/rdfs:subPropertyOf* {p} ;
                       rdf:object {o} ; medkg:statedIn <{source}> ; medkg:quote ?q .""")


@pytest.mark.parametrize(
    "s, p, o, source",
    [
        ("ent:amitriptyline", "medkg:contraindicatedIn", "ent:glaucoma", SCIATICA),
        ("ent:amitriptyline", "medkg:contraindicatedIn", "ent:glaucoma", STENOSIS),
        ("ent:amitriptyline", "medkg:cautionIn", "ent:seizures", SCIATICA),
        ("ent:amitriptyline", "medkg:cautionIn", "ent:liver-disease", SCIATICA),
        ("ent:amitriptyline", "medkg:contraindicatedIn", "ent:urinary-retention", STENOSIS),
        ("ent:amitriptyline", "medkg:memberOfDrugClass", "ent:tricyclic-antidepressants", SCIATICA),
        ("ent:amitriptyline", "medkg:memberOfDrugClass", "ent:tricyclic-antidepressants", STENOSIS),
        ("ent:amitriptyline", "medkg:offLabelUseFor", "ent:sciatica", SCIATICA),
        ("ent:amitriptyline", "medkg:offLabelUseFor", "ent:neuropathic-pain", STENOSIS),
        ("ent:amitriptyline", "medkg:primaryIndicationFor", "ent:depression", SCIATICA),
        ("ent:amitriptyline", "medkg:hasMechanism", "ent:reuptake-inhibition", SCIATICA),
        ("ent:amitriptyline", "medkg:hasMechanism", "ent:sodium-channel-blockade", STENOSIS),
        ("ent:reuptake-inhibition", "medkg:actsOn", "ent:serotonin", SCIATICA),
        ("ent:reuptake-inhibition", "medkg:actsOn", "ent:norepinephrine", SCIATICA),
        ("ent:amitriptyline", "medkg:commonAdverseEffect", "ent:dry-mouth", SCIATICA),
        ("ent:amitriptyline", "medkg:commonAdverseEffect", "ent:drowsiness", STENOSIS),
        ("ent:amitriptyline", "medkg:seriousAdverseEffect", "ent:heart-rhythm-changes", SCIATICA),
        ("ent:amitriptyline", "medkg:seriousAdverseEffect", "ent:serotonin-syndrome", STENOSIS),
        ("ent:amitriptyline", "medkg:withdrawalSymptom", "ent:nausea", SCIATICA),
        ("ent:gabapentin", "medkg:betterToleratedThan", "ent:amitriptyline", SCIATICA),
        ("ent:gabapentin", "medkg:alternativeTo", "ent:amitriptyline", SCIATICA),
        ("ent:anticonvulsants", "medkg:alternativeTo", "ent:amitriptyline", STENOSIS),
        ("ent:nsaids", "medkg:firstLineTreatmentFor", "ent:acute-pain", SCIATICA),
        ("ent:bed-rest", "medkg:notRecommendedFor", "ent:sciatica", SCIATICA),
        ("ent:nerve-compression", "medkg:causes", "ent:sciatica", SCIATICA),
        ("ent:lumbar-spinal-stenosis", "medkg:subtypeOf", "ent:spinal-stenosis", STENOSIS),
        ("ent:spinal-stenosis", "medkg:diagnosedBy", "ent:mri", STENOSIS),
        ("ent:aging", "medkg:causes", "ent:spinal-stenosis", STENOSIS),
        ("ent:osteoarthritis", "medkg:riskFactorFor", "ent:spinal-stenosis", STENOSIS),
        ("ent:bladder-control-loss", "medkg:warningSignOf", "ent:spinal-stenosis", STENOSIS),
        ("ent:amitriptyline", "medkg:combinedWith", "ent:physical-therapy", STENOSIS),
        ("pub:smith-2020", "medkg:sampleSize", "?n", STENOSIS),
    ],
)
def test_article_fact_is_a_claim_of_its_source(kg, s, p, o, source):
    assert claimed(kg, s, p, o, source)


def test_plain_triples_answer_the_quick_query(kg):
    found = rows(kg, "SELECT ?c WHERE { ent:amitriptyline medkg:contraindicatedIn ?c }")
    assert {f"{PREFIXES['ent']}{x}" for x in ("glaucoma", "heart-disease", "urinary-retention",
                                                "liver-disease", "seizures")} <= {r[0] for r in found}


def test_glaucoma_caution_is_in_the_sciatica_named_graph(built):
    from rdflib import URIRef
    from medkg.vocab import ENT, MEDKG, source_graph

    g = built.dataset.graph(source_graph(URIRef(SCIATICA)))
    assert (ENT["amitriptyline"], MEDKG.cautionIn, ENT["glaucoma"]) in g


def test_dosing_figures_are_the_articles_words(kg):
    values = rows(kg, "SELECT ?p ?v WHERE { ent:amitriptyline medkg:hasDosingRegimen ?r . ?r ?p ?v . FILTER isLiteral(?v) }")
    assert (PREFIXES["medkg"] + "timeToFullEffect", "6 to 8 weeks") in values
    assert (PREFIXES["medkg"] + "startingDose", "10-25 mg") in values
    assert (PREFIXES["medkg"] + "timeToOnset", "within a week or two") in values


def test_orbai_meyerhoff_is_recorded_with_the_details_the_article_gives(kg):
    details = rows(kg, """SELECT ?pmid ?journal ?vol ?issue ?pages ?year WHERE {
        pub:orbai-meyerhoff-2010 medkg:pmid ?pmid ; medkg:journal ?journal ; medkg:volume ?vol ;
            medkg:issue ?issue ; medkg:pages ?pages ; medkg:year ?year ; medkg:lacksIdentifier false }""")
    assert details == {("20345358", "Bull NYU Hosp Jt Dis", "68", "1", "22-24", "2010")}


def test_citations_without_identifier_are_flagged_not_dropped(kg):
    flagged = {r[0].rsplit("/", 1)[-1] for r in rows(kg, "SELECT ?p WHERE { ?p medkg:lacksIdentifier true }")}
    assert {"smith-2020", "johnson-2019", "cochrane-review-2015", "stenosis-clinical-trial-2019",
            "clinical-pain-management-review", "sciatica-review-cited-trial"} <= flagged
    assert "orbai-meyerhoff-2010" not in flagged
    assert ask(kg, 'pub:johnson-2019 medkg:citedAs "Johnson et al., 2019" .')
    assert claimed(kg, "pub:johnson-2019", "medkg:sampleSize", "?n", STENOSIS)


def test_cochrane_review_disputes_efficacy_in_neuropathic_pain(kg):
    assert ask(kg, f"""?c rdf:subject ent:amitriptyline ; rdf:predicate medkg:treats ;
        rdf:object ent:neuropathic-pain ; medkg:statedIn <{SCIATICA}> ;
        medkg:certainty medkg:Doubted ; medkg:disputedBy pub:cochrane-review-2015 .""")


def test_the_neuropathic_pain_disagreement_is_a_queryable_conflict(kg):
    pairs = rows(kg, """SELECT ?kind ?ea ?eb WHERE {
        ?x a medkg:Conflict ; medkg:crossSource true ; medkg:conflictKind ?kind ;
           medkg:aboutSubject ent:amitriptyline ; medkg:aboutObject ent:neuropathic-pain ;
           medkg:conflictingClaim ?a, ?b .
        ?a medkg:statedIn src:amitriptyline-sciatica . ?b medkg:statedIn src:amitriptyline-spinal-stenosis .
        OPTIONAL { ?a medkg:efficacy ?ea } OPTIONAL { ?b medkg:efficacy ?eb } }""")
    kinds = {p[0].rsplit("#", 1)[-1] for p in pairs}
    assert {"CertaintyConflict", "EfficacyConflict"} <= kinds
    ratings = {p[2].rsplit("#", 1)[-1] for p in pairs}
    assert {"EfficacyModerateToHigh", "EfficacyHigh"} <= ratings


def test_negated_claims_are_kept_but_not_asserted(kg):
    assert ask(kg, f"""?c rdf:subject ent:amitriptyline ; rdf:predicate medkg:firstLineTreatmentFor ;
        rdf:object ent:sciatica ; medkg:negated true ; medkg:statedIn <{SCIATICA}> .""")
    assert not ask(kg, "ent:amitriptyline medkg:firstLineTreatmentFor ent:sciatica .")


def test_sources_are_described_with_hash_and_dates(kg):
    assert ask(kg, f"""<{STENOSIS}> medkg:lastUpdated "2025-11-04"^^xsd:date ;
        medkg:sha256 "6c76d0ddaafcfbe0f7ee8e34035b1b47da1ef9b1f90efc90d8879b6722b94700" .""")
    assert ask(kg, f'<{SCIATICA}> dcterms:title "Does Amitriptyline Help Sciatica? A Comprehensive Guide" .')


def test_every_quote_is_the_verbatim_span_at_its_offsets(built, kg):
    from medkg.vocab import MEDKG, OA

    texts = {str(iri): (built_root() / "graph" / str(kg.value(iri, MEDKG.sourceFile))).read_text(encoding="utf-8")
             for iri in kg.subjects(MEDKG.sourceFile, None)}
    checked = 0
    for claim, quote in kg.subject_objects(MEDKG.quote):
        target = kg.value(claim, MEDKG.evidenceTarget)
        source = str(kg.value(target, OA.hasSource))
        position = next(s for s in kg.objects(target, OA.hasSelector) if str(s).endswith("#position"))
        start, end = (int(kg.value(position, p)) for p in (OA.start, OA.end))
        assert texts[source][start:end] == str(quote), claim
        checked += 1
    assert checked == built.stats["claims"] >= 150


def built_root():
    from helpers import ROOT

    return ROOT


def test_both_articles_contribute_many_claims(built):
    per_source = built.stats["claims_per_source"]
    assert per_source["amitriptyline-sciatica"] >= 80
    assert per_source["amitriptyline-spinal-stenosis"] >= 100
