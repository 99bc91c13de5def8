"""Namespaces of the project and the terms the code uses.

``MEDKG`` is a :class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``: a typo
such as ``MEDKG.contraindicatdIn`` raises ``AttributeError`` instead of producing a wrong
IRI. ``tests/test_vocab.py`` checks that every term listed here is defined in
``ontology/medkg.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/medkg/"

ENT = Namespace(BASE + "entity/")
CLAIM = Namespace(BASE + "claim/")
SRC = Namespace(BASE + "source/")
PUB = Namespace(BASE + "publication/")
CONFLICT = Namespace(BASE + "conflict/")
GRAPH = Namespace(BASE + "graph/")

BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
SCHEMA = Namespace("https://schema.org/")

ONTOLOGY_GRAPH = GRAPH["ontology"]
ENTITIES_GRAPH = GRAPH["entities"]
DERIVED_GRAPH = GRAPH["derived"]


def source_graph(source: URIRef) -> URIRef:
    """The named graph that holds what one source article says."""
    return GRAPH["source/" + source.removeprefix(str(SRC))]


class MEDKG(DefinedNamespace):
    """The medkg ontology terms used by the code."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Entity: URIRef
    Claim: URIRef
    Conflict: URIRef
    SourceArticle: URIRef
    Publication: URIRef
    CertaintyLevel: URIRef
    EfficacyLevel: URIRef
    Drug: URIRef
    DrugClass: URIRef
    Condition: URIRef
    Disease: URIRef
    Symptom: URIRef
    AdverseEffect: URIRef
    Therapy: URIRef
    Procedure: URIRef
    Mechanism: URIRef
    AnatomicalStructure: URIRef
    DosingRegimen: URIRef
    Population: URIRef
    Outcome: URIRef
    CausalFactor: URIRef
    MolecularEntity: URIRef
    # concepts
    Asserted: URIRef
    Typical: URIRef
    Possible: URIRef
    Limited: URIRef
    Doubted: URIRef
    EfficacyHigh: URIRef
    EfficacyModerateToHigh: URIRef
    EfficacyModerate: URIRef
    EfficacyVariable: URIRef
    EfficacyLimited: URIRef
    EfficacyNoRobustEvidence: URIRef
    PolarityConflict: URIRef
    CertaintyConflict: URIRef
    EfficacyConflict: URIRef
    # claim properties
    statedIn: URIRef
    quote: URIRef
    quotePrefix: URIRef
    quoteSuffix: URIRef
    evidenceTarget: URIRef
    certainty: URIRef
    hedge: URIRef
    negated: URIRef
    efficacy: URIRef
    favourable: URIRef
    rank: URIRef
    context: URIRef
    population: URIRef
    supportedBy: URIRef
    disputedBy: URIRef
    draft: URIRef
    draftMethod: URIRef
    ungrounded: URIRef
    # conflicts
    conflictsWith: URIRef
    conflictingClaim: URIRef
    conflictKind: URIRef
    crossSource: URIRef
    aboutSubject: URIRef
    aboutPredicate: URIRef
    aboutObject: URIRef
    # sources and publications
    sha256: URIRef
    sourceFile: URIRef
    capturedOn: URIRef
    pmid: URIRef
    doi: URIRef
    citedAs: URIRef
    citedIn: URIRef
    lacksIdentifier: URIRef
    year: URIRef
    authors: URIRef
    # entities and relations
    xref: URIRef
    family: URIRef
    contraindicatedIn: URIRef
    cautionIn: URIRef
    treats: URIRef
    usedFor: URIRef
    adverseEffect: URIRef
    commonAdverseEffect: URIRef
    seriousAdverseEffect: URIRef
    rareAdverseEffect: URIRef
    alternativeTo: URIRef
    comparedWith: URIRef
    memberOfDrugClass: URIRef
    hasMechanism: URIRef
    combinedWith: URIRef
    offLabelUseFor: URIRef
    primaryIndicationFor: URIRef
    firstLineTreatmentFor: URIRef
    interactsWith: URIRef
    symptomOf: URIRef
    causes: URIRef
    diagnosedBy: URIRef
    studies: URIRef


OA = Namespace("http://www.w3.org/ns/oa#")

#: Prefixes predeclared in queries and used when writing Turtle.
PREFIXES: dict[str, str] = {
    "medkg": str(MEDKG._NS),
    "ent": str(ENT),
    "claim": str(CLAIM),
    "src": str(SRC),
    "pub": str(PUB),
    "conflict": str(CONFLICT),
    "graph": str(GRAPH),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": str(OA),
    "schema": str(SCHEMA),
    "biolink": str(BIOLINK),
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
}
