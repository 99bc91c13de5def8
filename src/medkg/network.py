"""RDF → networkx views that keep the evidence.

:func:`to_networkx` turns a knowledge graph (any :mod:`medkg.store` backend, or an rdflib
graph or dataset) into a :class:`networkx.MultiDiGraph` in one pass over its quads — no
query per node — so it scales with the store.

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
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

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
    return _entity_view(_quads(kg))


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


def _entity_view(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> nx.MultiDiGraph:
    props: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    claims: list[Node] = []
    for s, p, o, _ in quads:
        values = props[s][p]
        if o not in values:  # the same triple may sit in several named graphs
            values.append(o)
        if p == RDF.type and o == MEDKG.Claim and s not in claims:
            claims.append(s)

    def one(node: Node, prop: Node) -> Node | None:
        values = props.get(node, {}).get(prop)
        return values[0] if values else None

    def label(node: Node) -> str:
        value = one(node, RDFS.label)
        return str(value) if value is not None else (local_name(node) or str(node))

    def positions(claim: Node) -> tuple[int | None, int | None]:
        target = one(claim, MEDKG.evidenceTarget)
        for selector in props.get(target, {}).get(OA.hasSelector, []):
            start, end = one(selector, OA.start), one(selector, OA.end)
            if start is not None:
                return int(start), int(end)
        return None, None

    G = nx.MultiDiGraph()

    def add_node(node: Node) -> str:
        key = str(node)
        if key not in G:
            types = sorted({local_name(t) for t in props.get(node, {}).get(RDF.type, [])
                            if str(t).startswith(MEDKG_NS)})
            G.add_node(key, label=label(node), type=next((t for t in _TYPE_ORDER if t in types), "Entity"),
                       types=types, xrefs=sorted(str(x) for x in props.get(node, {}).get(MEDKG.xref, [])),
                       facts=[])
        return key

    for claim in sorted(claims, key=str):
        s, p, o = one(claim, RDF.subject), one(claim, RDF.predicate), one(claim, RDF.object)
        source = one(claim, MEDKG.statedIn)
        if s is None or p is None or o is None:
            continue
        start, end = positions(claim)
        negated = one(claim, MEDKG.negated)
        negated = bool(negated is not None and negated.toPython() is True)
        certainty = local_name(one(claim, MEDKG.certainty))
        evidence = {
            "predicate": str(p),
            "relation": local_name(p),
            "label": label(p),
            "family": label(one(p, MEDKG.family)) if one(p, MEDKG.family) is not None else None,
            "claim": str(claim),
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
            "supported_by": sorted(str(x) for x in props.get(claim, {}).get(MEDKG.supportedBy, [])),
            "disputed_by": sorted(str(x) for x in props.get(claim, {}).get(MEDKG.disputedBy, [])),
            "conflicts_with": sorted(str(x) for x in props.get(claim, {}).get(MEDKG.conflictsWith, [])),
        }
        subject = add_node(s)
        if isinstance(o, Literal):
            G.nodes[subject]["facts"].append(
                {"relation": evidence["relation"], "label": evidence["label"], "value": o.toPython(),
                 "quote": evidence["quote"], "source": evidence["source"], "claim": evidence["claim"],
                 "certainty": certainty})
        else:
            G.add_edge(subject, add_node(o), key=str(claim), **evidence)
    return G


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)
