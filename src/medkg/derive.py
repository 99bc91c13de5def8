"""What the build derives from the curated claims.

- the plain ("truthy") triple of every claim that is neither negated nor doubted, in the
  named graph of its source, so ``?drug medkg:contraindicatedIn ?c`` just works;
- W3C Web Annotation selectors locating each quote (``oa:TextQuoteSelector`` with
  prefix/suffix, ``oa:TextPositionSelector`` with code-point offsets);
- the super-property, symmetric and super-class triples the ontology implies (RDFS and
  OWL entailment restricted to the medkg namespace);
- conflicts between claims about the same triple (polarity, certainty, efficacy);
- ``medkg:lacksIdentifier`` on every cited publication, and ``skos:exactMatch`` IRIs for
  every xref, expanded through the Bioregistry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Node, URIRef

from .sources import Anchor
from .vocab import CONFLICT, MEDKG, OA, SCHEMA, source_graph

Triple = tuple[Node, Node, Node]

#: Certainty levels that state a triple firmly enough to oppose a doubt.
FIRM = frozenset({MEDKG.Asserted, MEDKG.Typical})


@dataclass(frozen=True)
class ClaimFacts:
    """The parts of a claim that derivation needs."""

    iri: URIRef
    subject: Node
    predicate: URIRef
    object: Node
    source: URIRef
    negated: bool
    certainty: URIRef | None
    efficacy: URIRef | None

    @property
    def asserts_triple(self) -> bool:
        """Whether the claim puts its triple forward (the truthy triple is asserted)."""
        return not self.negated and self.certainty != MEDKG.Doubted


def claim_facts(data: Graph) -> list[ClaimFacts]:
    """Every well-formed claim in ``data``, sorted by IRI."""
    facts = []
    for claim in sorted(data.subjects(RDF.type, MEDKG.Claim)):
        s, p, o = (data.value(claim, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        source = data.value(claim, MEDKG.statedIn)
        if s is None or not isinstance(p, URIRef) or o is None or not isinstance(source, URIRef):
            continue
        negated = data.value(claim, MEDKG.negated)
        facts.append(
            ClaimFacts(
                iri=claim, subject=s, predicate=p, object=o, source=source,
                negated=bool(negated is not None and negated.toPython() is True),
                certainty=data.value(claim, MEDKG.certainty),
                efficacy=data.value(claim, MEDKG.efficacy),
            )
        )
    return facts


def truthy_triples(claims: list[ClaimFacts]) -> dict[URIRef, set[Triple]]:
    """The plain triples each source asserts, keyed by the source's named graph."""
    by_graph: dict[URIRef, set[Triple]] = defaultdict(set)
    for c in claims:
        if c.asserts_triple:
            by_graph[source_graph(c.source)].add((c.subject, c.predicate, c.object))
    return by_graph


def quote_selectors(claim: URIRef, source: URIRef, where: Anchor) -> Iterator[Triple]:
    """Locate the quote with a Web Annotation specific resource and two selectors."""
    target = URIRef(f"{claim}#target")
    by_quote = URIRef(f"{claim}#quote")
    by_position = URIRef(f"{claim}#position")
    yield claim, MEDKG.evidenceTarget, target
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, source
    yield target, OA.hasSelector, by_quote
    yield target, OA.hasSelector, by_position
    yield by_quote, RDF.type, OA.TextQuoteSelector
    yield by_quote, OA.exact, Literal(where.exact)
    yield by_quote, OA.prefix, Literal(where.prefix)
    yield by_quote, OA.suffix, Literal(where.suffix)
    yield by_position, RDF.type, OA.TextPositionSelector
    yield by_position, OA.start, Literal(where.start, datatype=XSD.nonNegativeInteger)
    yield by_position, OA.end, Literal(where.end, datatype=XSD.nonNegativeInteger)


def _in_medkg(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(MEDKG._NS))


def _supers(ontology: Graph, relation: URIRef) -> dict[URIRef, frozenset[URIRef]]:
    """For each medkg term, its medkg super-terms along ``relation`` (transitively)."""
    terms = {t for t in ontology.subjects(relation, None) if _in_medkg(t)}
    return {
        t: frozenset(u for u in ontology.transitive_objects(t, relation) if u != t and _in_medkg(u))
        for t in terms
    }


def entailed_triples(asserted: set[Triple], data: Graph, ontology: Graph) -> set[Triple]:
    """Super-property and symmetric triples of the asserted ones, super-classes of types."""
    out: set[Triple] = set()
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    super_properties = _supers(ontology, RDFS.subPropertyOf)
    super_classes = _supers(ontology, RDFS.subClassOf)
    for s, p, o in asserted:
        for q in super_properties.get(p, ()):
            out.add((s, q, o))
        if p in symmetric and not isinstance(o, Literal):
            out.add((o, p, s))
    for node, cls in data.subject_objects(RDF.type):
        for sup in super_classes.get(cls, ()):
            out.add((node, RDF.type, sup))
    return out - asserted


def _efficacy_favour(efficacy: URIRef | None, ontology: Graph) -> bool | None:
    if efficacy is None:
        return None
    value = ontology.value(efficacy, MEDKG.favourable)
    return None if value is None else bool(value.toPython())


def conflict_kind(a: ClaimFacts, b: ClaimFacts, ontology: Graph) -> URIRef | None:
    """Why two claims about the same triple disagree, or ``None`` if they do not."""
    if a.negated != b.negated:
        return MEDKG.PolarityConflict
    if a.negated:
        return None
    doubted = {a.certainty == MEDKG.Doubted, b.certainty == MEDKG.Doubted}
    if doubted == {True, False} and (a.certainty in FIRM or b.certainty in FIRM):
        return MEDKG.CertaintyConflict
    favours = {_efficacy_favour(a.efficacy, ontology), _efficacy_favour(b.efficacy, ontology)}
    if {True, False} <= favours:
        return MEDKG.EfficacyConflict
    return None


def conflict_triples(claims: list[ClaimFacts], ontology: Graph) -> set[Triple]:
    """A ``medkg:Conflict`` node and ``medkg:conflictsWith`` links for each disagreeing pair."""
    groups: dict[Triple, list[ClaimFacts]] = defaultdict(list)
    for c in claims:
        groups[(c.subject, c.predicate, c.object)].append(c)
    out: set[Triple] = set()
    for (s, p, o), group in groups.items():
        for a, b in combinations(sorted(group, key=lambda c: c.iri), 2):
            kind = conflict_kind(a, b, ontology)
            if kind is None:
                continue
            node = CONFLICT[f"{a.iri.split('/')[-1]}--{b.iri.split('/')[-1]}"]
            out |= {
                (node, RDF.type, MEDKG.Conflict),
                (node, MEDKG.conflictKind, kind),
                (node, MEDKG.conflictingClaim, a.iri),
                (node, MEDKG.conflictingClaim, b.iri),
                (node, MEDKG.aboutSubject, s),
                (node, MEDKG.aboutPredicate, p),
                (node, MEDKG.aboutObject, o),
                (node, MEDKG.crossSource, Literal(a.source != b.source)),
                (a.iri, MEDKG.conflictsWith, b.iri),
                (b.iri, MEDKG.conflictsWith, a.iri),
            }
    return out


def citation_flags(data: Graph) -> set[Triple]:
    """``medkg:lacksIdentifier`` true or false on every publication."""
    out: set[Triple] = set()
    for pub in data.subjects(RDF.type, None):
        if not any(data.objects(pub, MEDKG.citedIn)):
            continue
        has_id = any(
            True for p in (MEDKG.pmid, MEDKG.doi, SCHEMA.url) for _ in data.objects(pub, p)
        )
        out.add((pub, MEDKG.lacksIdentifier, Literal(not has_id)))
    return out


@cache
def _converter():
    import bioregistry  # imported lazily: loading the registry takes a second

    return bioregistry.get_converter(uri_prefix_priority=["rdf", "default"])


def expand_curie(curie: str) -> str | None:
    """The canonical IRI of a CURIE via the Bioregistry (linked-data IRIs preferred).

    >>> expand_curie("DOID:1686")
    'http://purl.obolibrary.org/obo/DOID_1686'
    >>> expand_curie("MESH:D005901")
    'http://id.nlm.nih.gov/mesh/D005901'
    """
    return _converter().expand(curie)


def exact_match_triples(data: Graph) -> set[Triple]:
    """``skos:exactMatch`` from each entity to the IRI of each of its xrefs."""
    out: set[Triple] = set()
    for entity, xref in data.subject_objects(MEDKG.xref):
        iri = expand_curie(str(xref))
        if iri:
            out.add((entity, SKOS.exactMatch, URIRef(iri)))
    return out
