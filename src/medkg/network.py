"""RDF → networkx views that keep the evidence.

:func:`to_networkx` turns a knowledge graph (any :mod:`medkg.store` backend, or an rdflib
graph or dataset) into a :class:`networkx.MultiDiGraph` by streaming its quads — one scan
per predicate it needs, never a query per node — so it scales with the store.

The **entity view** (default) has one node per entity or publication a claim is about
and one edge per claim, keyed by the claim's IRI, so several sources stating the same
triple give several parallel edges, each with its own evidence:

===================  ===============================================================
node attribute       meaning
===================  ===============================================================
``label``            the entity's label
``type``             its most specific medkg class (``Drug``, ``Disease`` …)
``types``            every medkg class it has (sorted)
``xrefs``            its standard identifiers (``DOID:1686`` …)
``facts``            claims whose object is a literal (doses, durations, sample
                     sizes), each a dict with ``relation``, ``value``, ``quote``,
                     ``source``, ``claim``, ``certainty``
===================  ===============================================================

===================  ===============================================================
edge attribute       meaning
===================  ===============================================================
``predicate``        the relation's IRI; ``relation`` its local name; ``label``
                     its label; ``family`` its relation family (``safety`` …)
``claim``            the claim's IRI
``quote``            the verbatim quote; ``start``/``end`` its offsets
``source``           the source article's IRI; ``source_label`` its title
``certainty``        ``Asserted`` … ``Doubted``; ``hedge`` the hedging words
``negated``          whether the claim denies the triple; ``asserted`` whether the
                     plain triple is asserted (neither negated nor doubted)
``efficacy``         an efficacy rating, if any; ``context``, ``population``
``supported_by``     cited publications for it; ``disputed_by`` against it
``conflicts_with``   claims it conflicts with
===================  ===============================================================

The **full view** has one node per IRI, blank node or literal and one edge per triple,
keyed by the predicate, with ``graph`` naming the named graph it came from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .store import MemoryStore, OxigraphStore, to_rdflib
from .vocab import MEDKG, OA

MEDKG_NS = str(MEDKG._NS)
VIEWS = ("entities", "full")

# most specific first: the first class an entity has names its type
_TYPE_ORDER = [
    "Drug", "DrugClass", "Disease", "AdverseEffect", "Symptom", "Condition", "SurgicalProcedure",
    "TherapeuticProcedure", "DiagnosticProcedure", "Procedure", "NonDrugTherapy", "Therapy",
    "Mechanism", "Neurotransmitter", "MolecularTarget", "MolecularEntity", "CausalFactor",
    "AnatomicalStructure", "Outcome", "Population", "DosingRegimen", "SystematicReview", "Review",
    "ClinicalTrial", "ClinicalStudy", "JournalArticle", "Publication", "SourceArticle", "Entity",
]


def _quads(kg: Any) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    if hasattr(kg, "quads") and not isinstance(kg, Graph):
        yield from kg.quads()  # a medkg store
    elif isinstance(kg, Dataset):
        for s, p, o, g in kg.quads((None, None, None, None)):
            yield s, p, o, getattr(g, "identifier", g)
    elif isinstance(kg, Graph):
        for s, p, o in kg:
            yield s, p, o, None
    else:
        raise TypeError(f"to_networkx needs a medkg store or an rdflib graph, not {type(kg).__name__}")


def local_name(iri: Node | None) -> str | None:
    if iri is None:
        return None
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(kg: Any, *, view: str = "entities") -> nx.MultiDiGraph:
    """The knowledge graph as a networkx ``MultiDiGraph`` (see the module docstring).

    Parameters
    ----------
    kg : a medkg store (``medkg.load()``), an rdflib ``Dataset`` or ``Graph``
    view : ``"entities"`` (claims as evidence-carrying edges) or ``"full"`` (every triple)

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> ami, glaucoma = "https://w3id.org/medkg/entity/amitriptyline", "https://w3id.org/medkg/entity/glaucoma"
    >>> sorted((d["relation"], d["source_label"]) for d in G.get_edge_data(ami, glaucoma).values())
    [('cautionIn', 'Does Amitriptyline Help Sciatica? A Comprehensive Guide'), ('contraindicatedIn', 'Amitriptyline for lumbar spinal stenosis (untitled capture)')]
    """
    if view == "full":
        return _full_view(_quads(kg))
    if view != "entities":
        raise ValueError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    return _entity_view(_entity_triples(kg))


def _full_view(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for s, p, o, g in quads:
        s_id, o_id = _node_id(s), _node_id(o)
        if o_id not in G:
            G.add_node(o_id, kind="literal" if isinstance(o, Literal) else "resource")
        if s_id not in G:
            G.add_node(s_id, kind="resource")
        G.add_edge(s_id, o_id, key=str(p), predicate=str(p), graph=None if g is None else str(g))
    return G


def _node_id(term: Node) -> str:
    return term.n3() if isinstance(term, Literal) else str(term)


#: The predicates the entity view reads. Only these are fetched: the selectors' text, the
#: truthy and derived triples and the ontology's definitions are most of a built graph.
ENTITY_PREDICATES: tuple[str, ...] = tuple(str(p) for p in (
    RDF.type, RDFS.label, MEDKG.xref, MEDKG.family, RDF.subject, RDF.predicate, RDF.object,
    MEDKG.statedIn, MEDKG.quote, MEDKG.certainty, MEDKG.hedge, MEDKG.negated, MEDKG.efficacy,
    MEDKG.context, MEDKG.population, MEDKG.supportedBy, MEDKG.disputedBy, MEDKG.conflictsWith,
    MEDKG.evidenceTarget, OA.hasSelector, OA.start, OA.end,
))

# IRIs and blank nodes as plain strings, literals as rdflib Literals
PlainTriple = tuple[str, str, "str | Literal"]

_TYPE, _CLAIM = str(RDF.type), str(MEDKG.Claim)
# never medkg classes, so never a node's type; three of a claim's four rdf:type triples
_SELECTOR_TYPES = ("SpecificResource", "TextQuoteSelector", "TextPositionSelector")


def _entity_triples(kg: Any) -> Iterator[PlainTriple]:
    """The triples of :data:`ENTITY_PREDICATES`, one predicate at a time where the store can."""
    if isinstance(kg, OxigraphStore):
        yield from _oxigraph_triples(kg.store)
        return
    if isinstance(kg, MemoryStore):
        kg = kg.dataset
    if isinstance(kg, Graph):
        for p in ENTITY_PREDICATES:
            pattern = (None, URIRef(p), None)
            # a Dataset's quads() covers every named graph, whatever its default graph is
            found = kg.quads((*pattern, None)) if isinstance(kg, Dataset) else kg.triples(pattern)
            for s, _, o, *_ in found:
                yield str(s), p, (o if isinstance(o, Literal) else str(o))
        return
    wanted = frozenset(ENTITY_PREDICATES)
    for s, p, o, _ in _quads(kg):
        if str(p) in wanted:
            yield str(s), str(p), (o if isinstance(o, Literal) else str(o))


def _oxigraph_triples(store) -> Iterator[PlainTriple]:
    """The same from a pyoxigraph store. Each term Oxigraph returns is a lookup in its string
    table — the main cost — so only subject and object are asked for, the selectors' own
    types are filtered out inside Oxigraph, IRIs stay strings and literals, which repeat
    (offsets, certainty words), are converted once."""
    import pyoxigraph as ox

    literal = lru_cache(maxsize=1 << 16)(to_rdflib)
    for p in ENTITY_PREDICATES:
        where = f"?s <{p}> ?o"
        if p == _TYPE:
            where += f" FILTER(?o NOT IN ({', '.join(f'<{OA[t]}>' for t in _SELECTOR_TYPES)}))"
        for s, o in store.query(f"SELECT ?s ?o WHERE {{ {where} }}", use_default_graph_as_union=True):
            yield s.value, p, (literal(o) if isinstance(o, ox.Literal) else o.value)

def _entity_view(triples: Iterable[PlainTriple]) -> nx.MultiDiGraph:
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    claims: set[str] = set()
    for s, p, o in triples:
        values = props[s][p]
        if o not in values:  # the same triple may sit in several named graphs
            values.append(o)
        if p == _TYPE and o == _CLAIM:
            claims.add(s)

    def one(node: str | None, prop: Node) -> str | Literal | None:
        values = props.get(node, {}).get(str(prop))
        return values[0] if values else None

    def every(node: str, prop: Node) -> list:
        return props.get(node, {}).get(str(prop), [])

    def label(node: str) -> str:
        value = one(node, RDFS.label)
        return str(value) if value is not None else (local_name(node) or str(node))

    def positions(claim: str) -> tuple[int | None, int | None]:
        for selector in every(one(claim, MEDKG.evidenceTarget), OA.hasSelector):
            start, end = one(selector, OA.start), one(selector, OA.end)
            if start is not None:
                return int(start), int(end)
        return None, None

    G = nx.MultiDiGraph()

    def add_node(node: str) -> str:
        if node not in G:
            types = sorted({local_name(t) for t in every(node, RDF.type) if t.startswith(MEDKG_NS)})
            G.add_node(node, label=label(node), type=next((t for t in _TYPE_ORDER if t in types), "Entity"),
                       types=types, xrefs=sorted(str(x) for x in every(node, MEDKG.xref)), facts=[])
        return node

    for claim in sorted(claims):
        s, p, o = one(claim, RDF.subject), one(claim, RDF.predicate), one(claim, RDF.object)
        source = one(claim, MEDKG.statedIn)
        if s is None or p is None or o is None:
            continue
        start, end = positions(claim)
        negated = one(claim, MEDKG.negated)
        negated = bool(isinstance(negated, Literal) and negated.toPython() is True)
        certainty = local_name(one(claim, MEDKG.certainty))
        family = one(p, MEDKG.family)
        evidence = {
            "predicate": str(p),
            "relation": local_name(p),
            "label": label(p),
            "family": label(family) if family is not None else None,
            "claim": claim,
            "quote": str(one(claim, MEDKG.quote) or ""),
            "start": start,
            "end": end,
            "source": str(source),
            "source_label": label(source) if source is not None else None,
            "certainty": certainty,
            "hedge": _text(one(claim, MEDKG.hedge)),
            "negated": negated,
            "asserted": not negated and certainty != "Doubted",
            "efficacy": local_name(one(claim, MEDKG.efficacy)),
            "context": _text(one(claim, MEDKG.context)),
            "population": _text(one(claim, MEDKG.population)),
            "supported_by": sorted(str(x) for x in every(claim, MEDKG.supportedBy)),
            "disputed_by": sorted(str(x) for x in every(claim, MEDKG.disputedBy)),
            "conflicts_with": sorted(str(x) for x in every(claim, MEDKG.conflictsWith)),
        }
        subject = add_node(str(s))
        if isinstance(o, Literal):
            G.nodes[subject]["facts"].append(
                {"relation": evidence["relation"], "label": evidence["label"], "value": o.toPython(),
                 "quote": evidence["quote"], "source": evidence["source"], "claim": evidence["claim"],
                 "certainty": certainty})
        else:
            G.add_edge(subject, add_node(o), key=claim, **evidence)
    return G


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)
