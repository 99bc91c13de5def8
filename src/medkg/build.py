"""The build pipeline: parse → check quotes and hashes → validate → derive → write.

Nothing is written unless every check passes, and every output file is replaced
atomically, so a failed or interrupted build leaves ``build/`` exactly as it was.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, URIRef

from .curated import Curated, Project, load_curated
from .describe import describe
from .derive import (
    citation_flags,
    claim_facts,
    conflict_triples,
    entailed_triples,
    exact_match_triples,
    quote_selectors,
    truthy_triples,
)
from .errors import ValidationError
from .html import html_page
from .network import to_networkx
from .rdfio import new_dataset, new_graph, serialize, serialize_trig, write_atomically
from .sources import Anchor, Source, load_sources
from .validate import anchor_quotes, blank_node_depth, duplicate_identifiers, shacl, undefined_terms
from .vocab import DERIVED_GRAPH, ENTITIES_GRAPH, MEDKG, source_graph

TURTLE_FILE = "medkg.ttl"
TRIG_FILE = "medkg.trig"
VOID_FILE = "void.ttl"
HTML_FILE = "medkg.html"


@dataclass
class Checked:
    """Curated input that passed every check, with each quote's anchor."""

    curated: Curated
    sources: dict[URIRef, Source]
    anchors: dict[URIRef, Anchor]


@dataclass
class BuildResult:
    """The built dataset, the files written and the figures of the summary."""

    dataset: Dataset
    written: list[Path] = field(default_factory=list)
    stats: dict[str, object] = field(default_factory=dict)

    def summary(self) -> str:
        s = self.stats
        lines = [f"{s['triples']} triples ({s['quads']} quads in {s['graphs']} named graphs)"]
        lines.append(f"{s['claims']} claims:")
        lines += [f"  {n:4d}  {src}" for src, n in s["claims_per_source"].items()]
        lines.append(f"{s['entities']} entities:")
        lines += [f"  {n:4d}  {t}" for t, n in s["entities_per_type"].items()]
        flagged = s["flagged_citations"]
        lines.append(f"{s['publications']} cited publications, {len(flagged)} without identifier (flagged):")
        lines += [f"        {label}" for label in flagged]
        lines.append(f"{s['conflicts']} conflicts ({s['cross_source_conflicts']} across sources)")
        if self.written:
            lines.append("wrote " + ", ".join(str(p) for p in self.written))
        return "\n".join(lines)


def check(project: Project = Project(), *, include_drafts: bool = False) -> Checked:
    """Run every check on the curated files; raise on the first file that cannot be parsed
    and on any finding (all findings together, as one :class:`ValidationError`)."""
    curated = load_curated(project, include_drafts=include_drafts)
    data = curated.data()
    sources, findings = load_sources(data, project.graph)
    findings += undefined_terms(curated)
    findings += duplicate_identifiers(curated)
    anchors, quote_findings = anchor_quotes(curated, sources)
    findings += quote_findings
    findings += blank_node_depth(curated)
    findings += shacl(curated)
    if findings:
        raise ValidationError(findings)
    return Checked(curated, sources, anchors)


def assemble(checked: Checked) -> Dataset:
    """The output dataset: curated named graphs plus everything derived."""
    curated = checked.curated
    ds = new_dataset()
    for name, graph in curated.named_graphs().items():
        ds.graph(name).__iadd__(graph)
    data = curated.data()
    claims = claim_facts(data)
    asserted: set = set()
    for name, triples in truthy_triples(claims).items():
        g = ds.graph(name)
        for t in triples:
            g.add(t)
        asserted |= triples
    for c in claims:
        where = checked.anchors.get(c.iri)
        if where is not None:
            g = ds.graph(source_graph(c.source))
            for t in quote_selectors(c.iri, c.source, where):
                g.add(t)
    derived = ds.graph(DERIVED_GRAPH)
    for t in (
        entailed_triples(asserted, data, curated.ontology)
        | conflict_triples(claims, curated.ontology)
        | citation_flags(data)
        | exact_match_triples(data)
    ):
        derived.add(t)
    return ds


def union_graph(ds: Dataset) -> Graph:
    """Every triple of every named graph, merged."""
    g = new_graph()
    for quad_graph in ds.graphs():
        g += quad_graph
    return g


def statistics(ds: Dataset, union: Graph | None = None) -> dict[str, object]:
    """The figures of the build summary (and of the dataset description); ``union`` is
    the merged dataset when the caller already has it."""
    union = union_graph(ds) if union is None else union
    curated_entities = ds.graph(ENTITIES_GRAPH)
    claims = list(union.subjects(RDF.type, MEDKG.Claim))
    per_source = Counter(_local(union.value(c, MEDKG.statedIn)) for c in claims)
    entities = set(union.subjects(RDF.type, MEDKG.Entity))
    per_type: Counter[str] = Counter()
    for e in entities:
        for t in curated_entities.objects(e, RDF.type):  # as curated, not the derived super-classes
            per_type[_local(t)] += 1
    pubs = sorted(set(union.subjects(MEDKG.lacksIdentifier, None)))
    flagged = sorted(str(union.value(p, RDFS.label)) for p in pubs
                     if union.value(p, MEDKG.lacksIdentifier).toPython() is True)
    conflicts = list(union.subjects(RDF.type, MEDKG.Conflict))
    return {
        "triples": len(union),
        "quads": sum(len(g) for g in ds.graphs()),
        "graphs": sum(1 for g in ds.graphs() if len(g)),
        "claims": len(claims),
        "claims_per_source": dict(sorted(per_source.items())),
        "entities": len(entities),
        "entities_per_type": dict(sorted(per_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "publications": len(pubs),
        "flagged_citations": flagged,
        "conflicts": len(conflicts),
        "cross_source_conflicts": sum(
            1 for c in conflicts if union.value(c, MEDKG.crossSource).toPython() is True),
    }


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def build(project: Project = Project(), *, include_drafts: bool = False, write: bool = True,
          html: bool = True) -> BuildResult:
    """Check, derive and (unless ``write=False``) write ``medkg.ttl``, ``medkg.trig`` and
    the dataset description ``void.ttl``, and (unless ``html=False``) the graph page ``medkg.html``."""
    checked = check(project, include_drafts=include_drafts)
    ds = assemble(checked)
    union = union_graph(ds)  # merged once: the summary and medkg.ttl both need it
    result = BuildResult(dataset=ds, stats=statistics(ds, union))
    if write:
        out = project.refuse_curated(project.build)
        files = [
            (out / TURTLE_FILE, serialize(union, "turtle")),
            (out / TRIG_FILE, serialize_trig(ds)),
            (out / VOID_FILE, serialize(describe(union), "turtle")),
        ]
        if html:
            files.append((out / HTML_FILE, html_page(to_networkx(ds)).encode("utf-8")))
        write_atomically(files)
        result.written = [p for p, _ in files]
    return result
