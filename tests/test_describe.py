"""The dataset description (build/void.ttl) and CITATION.cff."""

from __future__ import annotations

import tomllib
from collections import Counter

import yaml
from rdflib import DCAT, DCTERMS, OWL, RDF, VOID, XSD, Graph, Literal, URIRef

import medkg
from medkg.build import union_graph
from medkg.describe import CC0, DATASET, DCAT_VERSION, describe, partition
from medkg.rdfio import new_graph
from medkg.vocab import MEDKG, SRC

from helpers import ROOT


def count(description: Graph, node: URIRef, prop: URIRef) -> int:
    value = description.value(node, prop)
    assert value is not None, f"{node} has no {prop}"
    return value.toPython()


def test_build_writes_a_description_whose_counts_are_the_graphs(mini):
    result = medkg.build(medkg.Project(root=mini))
    d = Graph().parse(mini / "build" / "void.ttl")
    g = Graph().parse(mini / "build" / "medkg.ttl")
    assert count(d, DATASET, VOID.triples) == len(g) == result.stats["triples"]
    assert count(d, DATASET, VOID.distinctSubjects) == len(set(g.subjects()))
    assert count(d, DATASET, VOID.distinctObjects) == len(set(g.objects()))
    assert count(d, partition("class", MEDKG.Claim), VOID.entities) == 5 == result.stats["claims"]

    classes = Counter(o for _, o in g.subject_objects(RDF.type))
    described = {d.value(p, VOID["class"]): count(d, p, VOID.entities) for p in d.objects(DATASET, VOID.classPartition)}
    assert described == dict(classes) and count(d, DATASET, VOID.classes) == len(classes)
    properties = Counter(p for _, p, _ in g)
    described = {d.value(p, VOID.property): count(d, p, VOID.triples)
                 for p in d.objects(DATASET, VOID.propertyPartition)}
    assert described == dict(properties) and count(d, DATASET, VOID.properties) == len(properties)


def test_the_real_graph_is_described_with_licence_rights_sources_and_version(kg):
    d = describe(kg)
    assert {DCAT.Dataset, VOID.Dataset} <= set(d.objects(DATASET, RDF.type))
    assert count(d, partition("class", MEDKG.Claim), VOID.entities) == 401
    assert count(d, DATASET, VOID.triples) == len(kg)
    assert count(d, DATASET, VOID.entities) == len({s for s in kg.subjects() if str(s).startswith("https://w3id.org/medkg/")})
    assert set(d.objects(DATASET, DCTERMS.source)) == {SRC["amitriptyline-sciatica"], SRC["amitriptyline-spinal-stenosis"]}
    assert d.value(DATASET, DCTERMS.license) == CC0
    assert "unknown" in str(d.value(DATASET, DCTERMS.rights))
    assert str(d.value(DATASET, OWL.versionInfo)) == str(d.value(DATASET, DCAT_VERSION)) == medkg.__version__
    assert d.value(DATASET, DCTERMS.title) is not None and d.value(DATASET, DCTERMS.description) is not None
    # the sources' capture date, never the time of the build
    assert d.value(DATASET, DCTERMS.created) == Literal("2026-11", datatype=XSD.gYearMonth)


def test_created_is_the_newest_capture_date_and_absent_without_one():
    g = new_graph()
    for name, captured in (("a", "2025-01"), ("b", "2026-03"), ("c", None)):
        g.add((SRC[name], RDF.type, MEDKG.SourceArticle))
        if captured:
            g.add((SRC[name], MEDKG.capturedOn, Literal(captured, datatype=XSD.gYearMonth)))
    assert describe(g).value(DATASET, DCTERMS.created) == Literal("2026-03", datatype=XSD.gYearMonth)
    g.remove((None, MEDKG.capturedOn, None))
    assert describe(g).value(DATASET, DCTERMS.created) is None


def test_the_description_has_no_blank_nodes(built):
    d = describe(union_graph(built.dataset))
    assert not [t for t in d if any(not isinstance(x, (URIRef, Literal)) for x in t)]


def test_citation_cff_is_valid_yaml_with_the_package_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "abstract"} <= set(cff)
    assert cff["authors"] == [{"name": "medkg developers"}]
    assert cff["license"] == "CC0-1.0"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert str(cff["version"]) == medkg.__version__ == pyproject["project"]["version"]
