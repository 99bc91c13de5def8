"""The dataset description (VoID and DCAT) that the build writes as ``build/void.ttl``.

It says what the graph is (title, description, version, licence, the source articles it
quotes) and how big it is: triples, entities, distinct subjects and objects, and one
``void:classPartition`` per class and one ``void:propertyPartition`` per property, each
with its count (the ``medkg:Claim`` partition is the number of claims). Every figure is
counted from the graph it describes.

The description is deterministic, like the rest of the build: ``dcterms:created`` is the
newest capture date of the sources (``medkg:capturedOn``), never the time of the build,
and partitions are named by IRI (no blank nodes), so sorted Turtle is byte-identical.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from rdflib import DCAT, DCTERMS, OWL, RDF, VOID, Graph, Literal, URIRef

from .rdfio import new_graph
from .vocab import BASE, MEDKG, PREFIXES

DATASET = URIRef(BASE + "dataset")
URI_SPACE = BASE
CC0 = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
DCAT_VERSION = DCAT._NS["version"]  # DCAT 3; rdflib's DCAT namespace is DCAT 2

TITLE = "medkg: a provenance-first knowledge graph of medical conditions, drugs and evidence"
DESCRIPTION = (
    "Claims that consumer-health articles make about drugs and conditions, each a node with "
    "the asserted triple, the verbatim quote that makes it (anchored by W3C Web Annotation "
    "selectors), its certainty and the publications cited for or against it; plus the plain "
    "triples of the claims that are asserted, their ontology entailments, and the conflicts "
    "between claims. Named graphs: one per source article, the ontology, the entities and "
    "publications, and the derived triples."
)
RIGHTS = (
    "The graph (claims, entities, ontology and derived data) is dedicated to the public domain "
    "under CC0 1.0. It quotes short passages of third-party source articles as evidence; the "
    "rights in those articles are unknown and remain with their owners, and CC0 does not apply "
    "to the quoted text."
)
CREATOR = "medkg developers"


def describe(graph: Graph, *, version: str | None = None) -> Graph:
    """The VoID/DCAT description of ``graph`` (the union of the build's named graphs).

    Parameters
    ----------
    graph : the graph described; every count is taken from it
    version : the dataset version (default: ``medkg.__version__``)

    Examples
    --------
    >>> from medkg.vocab import CLAIM
    >>> g = new_graph()
    >>> for claim in ("a", "b"):
    ...     _ = g.add((CLAIM[claim], RDF.type, MEDKG.Claim)).add((CLAIM[claim], MEDKG.quote, Literal("…")))
    >>> d = describe(g, version="0.0.0")
    >>> d.value(DATASET, VOID.triples).toPython(), d.value(DATASET, VOID.entities).toPython()
    (4, 2)
    >>> d.value(partition("class", MEDKG.Claim), VOID.entities).toPython()
    2
    """
    if version is None:
        from . import __version__ as version

    d = new_graph()
    d.bind("dcat", DCAT)
    ds = DATASET
    for t in (DCAT.Dataset, VOID.Dataset):
        d.add((ds, RDF.type, t))
    d.add((ds, DCTERMS.title, Literal(TITLE, lang="en")))
    d.add((ds, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    d.add((ds, DCTERMS.creator, Literal(CREATOR)))
    d.add((ds, OWL.versionInfo, Literal(version)))
    d.add((ds, DCAT_VERSION, Literal(version)))
    d.add((ds, DCTERMS.license, CC0))
    d.add((ds, DCTERMS.rights, Literal(RIGHTS, lang="en")))
    sources = sorted(graph.subjects(RDF.type, MEDKG.SourceArticle))
    for source in sources:
        d.add((ds, DCTERMS.source, source))
    captured = sorted(graph.value(s, MEDKG.capturedOn) for s in sources
                      if graph.value(s, MEDKG.capturedOn) is not None)
    if captured:
        d.add((ds, DCTERMS.created, captured[-1]))

    subjects = set(graph.subjects())
    classes = Counter(o for _, o in graph.subject_objects(RDF.type))
    properties = Counter(p for _, p, _ in graph)
    d.add((ds, VOID.uriSpace, Literal(URI_SPACE)))
    d.add((ds, VOID.triples, Literal(len(graph))))
    d.add((ds, VOID.entities, Literal(sum(1 for s in subjects if str(s).startswith(URI_SPACE)))))
    d.add((ds, VOID.distinctSubjects, Literal(len(subjects))))
    d.add((ds, VOID.distinctObjects, Literal(len(set(graph.objects())))))
    d.add((ds, VOID.classes, Literal(len(classes))))
    d.add((ds, VOID.properties, Literal(len(properties))))
    for cls, n in classes.items():  # one rdf:type triple per subject and class: n subjects
        part = partition("class", cls)
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], cls))
        d.add((part, VOID.entities, Literal(n)))
    for prop, n in properties.items():
        part = partition("property", prop)
        d.add((ds, VOID.propertyPartition, part))
        d.add((part, VOID.property, prop))
        d.add((part, VOID.triples, Literal(n)))
    return d


def partition(kind: str, term: URIRef) -> URIRef:
    """The IRI of the class or property partition of ``term``: readable and stable.

    >>> partition("class", MEDKG.Claim)
    rdflib.term.URIRef('https://w3id.org/medkg/dataset#class-medkg-Claim')
    """
    curie = _converter().compress(str(term))
    name = curie.replace(":", "-") if curie else _escape(str(term))
    return URIRef(f"{DATASET}#{kind}-{name}")


@cache
def _converter():
    import curies

    return curies.Converter.from_prefix_map(PREFIXES)


def _escape(iri: str) -> str:
    from urllib.parse import quote

    return quote(iri, safe="")

