"""The built graph in the formats other tools read.

==========  ================================  ==================================================
format      files                             for
==========  ================================  ==================================================
``ttl``     one Turtle file                   any RDF tool; the union of all named graphs
``nt``      one N-Triples file                line-based loaders and ``sort``/``grep``/``diff``
``nq``      one N-Quads file                  triple stores, keeping the named graphs
``trig``    one TriG file                     triple stores, readable, named graphs kept
``jsonld``  one JSON-LD file                  JSON-LD processors and plain JSON code alike
``graphml`` one GraphML file                  networkx, Gephi, Cytoscape: the entity view
``csv``     ``nodes.csv``, ``edges.csv``      pandas and ``neo4j-admin database import``
``kgx``     ``*_nodes.tsv``, ``*_edges.tsv``  Biolink/KGX tools (NCATS Translator)
==========  ================================  ==================================================

Every output is sorted, so the same graph gives the same bytes, and is written through
:func:`medkg.rdfio.write_atomically`: an existing file is replaced whole, and a failed
export leaves nothing behind. An output path whose directory does not exist, is not
writable or is itself a directory is refused with a one-line :class:`InputError`.

The two-file formats take a directory (``out/`` → ``out/nodes.csv``) or a prefix
(``out/medkg`` → ``out/medkg_nodes.csv``); a KGX directory gets ``medkg_nodes.tsv``.

The JSON-LD is compacted with the context shipped as ``medkg/context.jsonld`` (included
in the file, so no network is needed to read it): keys are short names (``label``,
``type``, ``subject``, ``predicate``, ``object``, ``quote``, ``source``, ``certainty`` …),
English strings are plain JSON strings, and it reads back to exactly the same triples.

GraphML and CSV hold the entity view of :func:`medkg.to_networkx` (one node per entity,
one edge per claim with its evidence). GraphML attributes are scalars, so lists are
joined with ``"; "`` and a missing text is ``""``; the CSV files follow Neo4j's import
headers (``id:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, typed columns such
as ``start:int`` and ``supported_by:string[]`` with ``;`` between items; quotes may span
lines, so import with ``--multiline-fields=true``).

KGX uses CURIEs for ids, Biolink categories and predicates read from the ontology's
``skos:exactMatch``/``skos:closeMatch`` alignments (of the term, else of its nearest
super-class or super-property; ``biolink:NamedThing``/``biolink:related_to`` when there
is none), the medkg relation as ``original_predicate``, the quote as ``supporting_text``,
the source article as ``primary_knowledge_source`` and cited publications as PMIDs where
the article gives one. KGX reads TSV unquoted, so tabs and line breaks in a text become
spaces (as KGX's own writer does), and KGX splits a text at ``|`` (as in a quoted table
row); the verbatim quotes are in the RDF formats. Claims whose object is a literal
(doses, durations) have no KGX edge.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
from rdflib import RDFS, SKOS, Dataset, Graph, URIRef
from rdflib.term import Node

from .build import union_graph
from .errors import MedkgError
from .network import MEDKG_NS, to_networkx
from .rdfio import check_output_file, new_dataset, serialize, serialize_trig, write_atomically
from .vocab import BIOLINK, MEDKG, PREFIXES

CONTEXT_FILE = "context.jsonld"


@dataclass(frozen=True)
class Format:
    """An export format: what it is for, how it is rendered and which files it makes."""

    name: str
    summary: str
    render: Callable[[Dataset], tuple[bytes, ...]]
    #: file names of a two-file format, in the order ``render`` returns them; the names
    #: after a prefix are ``_`` + these (``nodes.csv`` → ``PREFIX_nodes.csv``)
    parts: tuple[str, ...] = ()
    #: prefix used when a two-file format is given a directory
    dir_prefix: str = ""


def export(kg: Any, *, format: str, output: Path | str) -> list[Path]:
    """Write the knowledge graph in ``format`` to ``output``; return the files written.

    Parameters
    ----------
    kg : a medkg store (``medkg.load()``) or an rdflib ``Dataset``
    format : one of :data:`FORMATS` (``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld``,
        ``graphml``, ``csv``, ``kgx``)
    output : a file, or for ``csv``/``kgx`` a directory or a file-name prefix

    Examples
    --------
    >>> import tempfile, medkg
    >>> kg = medkg.load()
    >>> with tempfile.TemporaryDirectory() as out:
    ...     [p.name for p in export(kg, format="kgx", output=out)]
    ['medkg_nodes.tsv', 'medkg_edges.tsv']
    >>> export(kg, format="ttl", output="no/such/dir/medkg.ttl")
    Traceback (most recent call last):
    ...
    medkg.errors.InputError: no/such/dir/medkg.ttl: cannot write: directory no/such/dir does not exist
    """
    paths = output_paths(format, output)
    contents = FORMATS[format].render(as_dataset(kg))
    write_atomically(zip(paths, contents))
    return paths


def output_paths(format: str, output: Path | str) -> list[Path]:
    """The files ``format`` writes for ``output``, each checked to be writable as a file.

    >>> [str(p) for p in output_paths("csv", "no/such/dir/medkg")]
    Traceback (most recent call last):
    ...
    medkg.errors.InputError: no/such/dir/medkg_nodes.csv: cannot write: directory no/such/dir does not exist
    >>> [str(p) for p in output_paths("kgx", ".")]
    ['medkg_nodes.tsv', 'medkg_edges.tsv']
    """
    fmt = FORMATS.get(format)
    if fmt is None:
        raise MedkgError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    # Path() drops a trailing "/", which says "a directory" as clearly as an existing one
    directory = str(output).endswith(("/", os.sep))
    output = Path(output)
    if not fmt.parts:
        paths = [output]
    elif directory or output.is_dir():
        paths = [output / (f"{fmt.dir_prefix}_{part}" if fmt.dir_prefix else part) for part in fmt.parts]
    else:
        paths = [output.with_name(f"{output.name}_{part}") for part in fmt.parts]
    for path in paths:
        check_output_file(path, create_dirs=False)
    return paths


def as_dataset(kg: Any) -> Dataset:
    """The quads of a medkg store (or an rdflib ``Dataset``, returned as is) as a ``Dataset``."""
    if isinstance(kg, Dataset):
        return kg
    ds = new_dataset()
    for s, p, o, g in kg.quads():
        ds.add((s, p, o, g) if g is not None else (s, p, o))
    return ds


# --- RDF ---------------------------------------------------------------------


def _turtle(ds: Dataset) -> tuple[bytes, ...]:
    return (serialize(union_graph(ds), "turtle"),)


def _sorted_lines(data: bytes) -> bytes:
    # one statement per line, so sorting the lines sorts the statements
    return b"".join(sorted(line + b"\n" for line in data.splitlines() if line.strip()))


def _ntriples(ds: Dataset) -> tuple[bytes, ...]:
    return (_sorted_lines(serialize(union_graph(ds), "nt")),)


def _nquads(ds: Dataset) -> tuple[bytes, ...]:
    return (_sorted_lines(ds.serialize(format="nquads", encoding="utf-8")),)


def _trig(ds: Dataset) -> tuple[bytes, ...]:
    return (serialize_trig(ds),)


@cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped with medkg (``medkg/context.jsonld``), as a dict.

    >>> jsonld_context()["@context"]["quote"]
    {'@id': 'medkg:quote', '@language': None}
    """
    return json.loads(files("medkg").joinpath(CONTEXT_FILE).read_text(encoding="utf-8"))


def _jsonld(ds: Dataset) -> tuple[bytes, ...]:
    context = jsonld_context()["@context"]
    doc = json.loads(union_graph(ds).serialize(format="json-ld", context=context))
    nodes = sorted((_sorted_json(node) for node in doc["@graph"]), key=lambda n: n["id"])
    first = ("id", "type", "label")  # the keys a reader looks for first, then the rest in order
    nodes = [{k: n[k] for k in sorted(n, key=lambda k: (k not in first, first.index(k) if k in first else 0, k))}
             for n in nodes]
    text = json.dumps({"@context": context, "@graph": nodes}, indent=2, ensure_ascii=False)
    return ((text + "\n").encode("utf-8"),)


def _sorted_json(value: Any) -> Any:
    """A JSON value with every array sorted (RDF values are sets; there are no RDF lists here)."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


# --- the entity view: GraphML and Neo4j CSV -----------------------------------------


def _entity_records(ds: Dataset) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges of the entity view, sorted, with facts as ``"relation: value"`` text."""
    G = to_networkx(ds)
    nodes = []
    for node in sorted(G.nodes):
        data = dict(G.nodes[node])
        data["facts"] = sorted(f"{f['relation']}: {f['value']}" for f in data["facts"])
        nodes.append({"id": node, **data})
    edges = [{"source_id": u, "target_id": v, **data}
             for u, v, _, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])]
    return nodes, edges


def _kinds(records: list[dict[str, Any]]) -> dict[str, str]:
    """Each attribute's kind (``bool``, ``int``, ``list`` or ``str``), from its values."""
    kinds: dict[str, str] = {}
    for record in records:
        for name, value in record.items():
            if value is None:
                kinds.setdefault(name, "str")
            elif isinstance(value, bool):
                kinds[name] = "bool"
            elif isinstance(value, int):
                kinds[name] = "int"
            elif isinstance(value, list):
                kinds[name] = "list"
            elif kinds.get(name) is None:
                kinds[name] = "str"
    return kinds


def _graphml(ds: Dataset) -> tuple[bytes, ...]:
    nodes, edges = _entity_records(ds)
    node_kinds, edge_kinds = _kinds(nodes), _kinds(edges)
    G = nx.MultiDiGraph()
    for record in nodes:
        G.add_node(record["id"], **_graphml_attributes(record, node_kinds, skip=("id",)))
    for record in edges:
        G.add_edge(record["source_id"], record["target_id"], key=record["claim"],
                   **_graphml_attributes(record, edge_kinds, skip=("source_id", "target_id")))
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer)
    return (buffer.getvalue(),)


def _graphml_attributes(record: dict[str, Any], kinds: dict[str, str], *, skip: tuple[str, ...]) -> dict:
    out = {}
    for name, value in record.items():
        if name in skip:
            continue
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        if value is None:
            if kinds[name] in ("int", "bool"):
                continue  # GraphML's "missing": the key's default, not a string in a number column
            value = ""
        out[name] = value
    return out


_NEO4J_SUFFIX = {"bool": ":boolean", "int": ":int", "list": ":string[]", "str": ""}


def _neo4j_column(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)  # Neo4j's default array delimiter
    return value


def _neo4j_csv(ds: Dataset) -> tuple[bytes, ...]:
    nodes, edges = _entity_records(ds)
    node_rows = [{"id:ID": n["id"], ":LABEL": ";".join(n["types"]) or "Entity",
                  **{k: v for k, v in n.items() if k != "id"}} for n in nodes]
    edge_rows = [{":START_ID": e["source_id"], ":END_ID": e["target_id"], ":TYPE": e["relation"],
                  **{k: v for k, v in e.items() if k not in ("source_id", "target_id")}} for e in edges]
    return _neo4j_table(node_rows), _neo4j_table(edge_rows)


def _neo4j_table(rows: list[dict[str, Any]]) -> bytes:
    kinds = _kinds(rows)
    # "id:ID", ":LABEL" … already carry their Neo4j meaning; property columns get their type
    header = {name: name if ":" in name else name + _NEO4J_SUFFIX[kinds[name]] for name in kinds}
    frame = pd.DataFrame([{header[k]: _neo4j_column(v) for k, v in row.items()} for row in rows],
                         columns=list(header.values()))
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


# --- KGX -------------------------------------------------------------------------------


def _curie_converter():
    import curies

    return curies.Converter.from_prefix_map(PREFIXES)


def _biolink(term: URIRef, graph: Graph, parent: URIRef) -> URIRef | None:
    """The Biolink term the ontology aligns ``term`` to, else its nearest ancestor's."""
    level, seen = [term], {term}
    while level:
        for match in (SKOS.exactMatch, SKOS.closeMatch):
            found = sorted(o for t in level for o in graph.objects(t, match) if str(o).startswith(str(BIOLINK)))
            if found:
                return found[0]
        level = sorted({p for t in level for p in graph.objects(t, parent) if isinstance(p, URIRef)} - seen)
        seen.update(level)
    return None


def _kgx(ds: Dataset) -> tuple[bytes, ...]:
    union = union_graph(ds)
    G = to_networkx(ds)
    converter = _curie_converter()

    def curie(iri: Node | str) -> str:
        return converter.compress(str(iri), passthrough=True)

    def biolink(iri: URIRef, parent: URIRef, fallback: URIRef) -> str:
        return curie(_biolink(iri, union, parent) or fallback)

    def publication(iri: str) -> str:
        pub = URIRef(iri)
        pmid, doi = union.value(pub, MEDKG.pmid), union.value(pub, MEDKG.doi)
        return f"PMID:{pmid}" if pmid is not None else f"doi:{doi}" if doi is not None else curie(pub)

    nodes = []
    for node in sorted(G.nodes):
        data = G.nodes[node]
        # the category of the most specific type first, then those of its other types
        types = [data["type"], *(t for t in data["types"] if t != data["type"])]
        mapped = [_biolink(URIRef(MEDKG_NS + t), union, RDFS.subClassOf) for t in types]
        categories = list(dict.fromkeys(curie(c) for c in mapped if c is not None)) or [curie(BIOLINK.NamedThing)]
        pmid = union.value(URIRef(node), MEDKG.pmid)
        xrefs = data["xrefs"] + ([f"PMID:{pmid}"] if pmid is not None else [])
        nodes.append({
            "id": curie(node),
            "category": "|".join(categories[:1] + sorted(categories[1:])),
            "name": data["label"],
            "iri": node,
            "xref": "|".join(xrefs),
            "synonym": "|".join(sorted(str(s) for s in union.objects(URIRef(node), SKOS.altLabel))),
        })
    drafts = {c for c, flag in union.subject_objects(MEDKG.draft) if flag.toPython() is True}
    edges = []
    for u, v, claim, e in G.edges(keys=True, data=True):
        predicate = URIRef(e["predicate"])
        edges.append({
            "id": curie(claim),
            "subject": curie(u),
            "predicate": biolink(predicate, RDFS.subPropertyOf, BIOLINK.related_to),
            "object": curie(v),
            "category": curie(BIOLINK.Association),
            "original_predicate": curie(predicate),
            "negated": e["negated"],
            "knowledge_level": "knowledge_assertion",
            "agent_type": "automated_agent" if URIRef(claim) in drafts else "manual_agent",
            "primary_knowledge_source": curie(e["source"]),
            "publications": "|".join(sorted(publication(p) for p in e["supported_by"])),
            "supporting_text": e["quote"],
            "certainty": curie(MEDKG_NS + e["certainty"]) if e["certainty"] else "",
            "efficacy": curie(MEDKG_NS + e["efficacy"]) if e["efficacy"] else "",
        })
    edges.sort(key=lambda r: (r["subject"], r["predicate"], r["object"], r["id"]))
    return _tsv(nodes), _tsv(edges)


def _tsv(rows: list[dict[str, Any]]) -> bytes:
    # KGX reads TSV unquoted (csv.QUOTE_NONE), so a field cannot hold a tab or a line
    # break; like KGX's own writer, turn them into spaces
    clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
    frame = pd.DataFrame([{k: v.translate(clean) if isinstance(v, str) else v for k, v in row.items()}
                          for row in rows])
    return frame.to_csv(sep="\t", index=False, lineterminator="\n", quoting=csv.QUOTE_NONE).encode("utf-8")


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("ttl", "Turtle, the union of all named graphs (any RDF tool)", _turtle),
    Format("nt", "N-Triples, one sorted triple per line (line-based loaders, diff, grep)", _ntriples),
    Format("nq", "N-Quads with the named graphs (triple stores: Oxigraph, Fuseki, GraphDB)", _nquads),
    Format("trig", "TriG with the named graphs (triple stores, human readers)", _trig),
    Format("jsonld", "JSON-LD compacted with medkg's context (JSON-LD tools and plain JSON)", _jsonld),
    Format("graphml", "GraphML of the entity view (networkx, Gephi, Cytoscape)", _graphml),
    Format("csv", "nodes.csv + edges.csv of the entity view (pandas, Neo4j import)", _neo4j_csv,
           parts=("nodes.csv", "edges.csv")),
    Format("kgx", "KGX TSV with Biolink categories and predicates (Translator tools)", _kgx,
           parts=("nodes.tsv", "edges.tsv"), dir_prefix="medkg"),
]}
