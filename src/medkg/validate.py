"""Validation: SHACL shapes plus the checks SHACL cannot express, as one list of findings.

The checks, each returning :class:`~medkg.errors.Finding` objects:

- :func:`undefined_terms` — a ``medkg:`` term used in the graph but not defined in the
  ontology (a typo), or an entity, claim, publication or source IRI used but never described;
- :func:`duplicate_identifiers` — one xref given to two entities, one claim IRI in two files;
- :func:`anchor_quotes` — every quote an exact, unique span of its (hash-checked) source,
  every citation's words present in the citing source;
- :func:`blank_node_depth` — blank nodes nested at most :data:`MAX_BLANK_DEPTH` deep
  (writers nest them recursively: a long chain would pass every other check and then
  fail the build);
- :func:`shacl` — the shapes in ``ontology/shapes.ttl`` (pySHACL).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from .curated import Curated
from .errors import Finding
from .sources import Anchor, QuoteNotFound, Source, anchor
from .vocab import BASE, CLAIM, ENT, MEDKG, PREFIXES, PUB, SRC

_DESCRIBED_NAMESPACES = (str(ENT), str(CLAIM), str(PUB), str(SRC))


def _short(node: object) -> str:
    """A compact name for messages: ``medkg:treats``, ``ent:glaucoma``, ``rdfs:label``."""
    text = str(node)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and ":" not in text[len(ns):]:
            return f"{prefix}:{text[len(ns):]}"
    return text


def _where(path: Path | None, needle: str | None = None) -> str:
    """``file:line`` of the first line mentioning ``needle`` (its local name), else the file."""
    if path is None:
        return "graph"
    if needle:
        local = re.split(r"[/#:]", needle)[-1]
        try:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if local and local in line:
                    return f"{path}:{number}"
        except (OSError, UnicodeDecodeError):
            pass
    return str(path)


def undefined_terms(curated: Curated) -> list[Finding]:
    """Terms in the medkg namespace not in the ontology; IRIs used but never described."""
    defined = set(curated.ontology.subjects())
    data = curated.data()
    described = set(data.subjects(RDF.type, None))
    onto_ns = str(MEDKG._NS)
    findings = []
    for path, g in curated.files.items():
        seen: set[URIRef] = set()
        for triple in g:
            for term in triple:
                if not isinstance(term, URIRef) or term in seen:
                    continue
                seen.add(term)
                text = str(term)
                if text.startswith(onto_ns) and term not in defined:
                    findings.append(Finding(_where(path, text), _short(term), "term is not defined in the ontology"))
                elif text.startswith(_DESCRIBED_NAMESPACES) and term not in described:
                    findings.append(Finding(_where(path, text), _short(term),
                                            "is used but never described (no rdf:type in any graph file)"))
                elif text.startswith(BASE) and not text.startswith((onto_ns, *_DESCRIBED_NAMESPACES)):
                    findings.append(Finding(_where(path, text), _short(term), "IRI is in no known medkg namespace"))
    return findings


def duplicate_identifiers(curated: Curated) -> list[Finding]:
    """One xref on two entities; one claim defined in two files."""
    findings = []
    holders: dict[str, set[URIRef]] = defaultdict(set)
    where: dict[str, Path] = {}
    claim_files: dict[URIRef, list[Path]] = defaultdict(list)
    for path, g in curated.files.items():
        for entity, xref in g.subject_objects(MEDKG.xref):
            holders[str(xref)].add(entity)
            where.setdefault(str(xref), path)
        for claim in g.subjects(RDF.type, MEDKG.Claim):
            claim_files[claim].append(path)
    for xref, entities in sorted(holders.items()):
        if len(entities) > 1:
            names = ", ".join(sorted(_short(e) for e in entities))
            findings.append(Finding(_where(where[xref], xref), xref,
                                    f"identifier is given to {len(entities)} entities ({names})"))
    for claim, paths in sorted(claim_files.items()):
        if len(paths) > 1:
            findings.append(Finding(str(paths[1]), _short(claim),
                                    f"claim is also defined in {paths[0]}; claim IRIs must be unique"))
    return findings


def anchor_quotes(curated: Curated, sources: dict[URIRef, Source]) -> tuple[dict[URIRef, Anchor], list[Finding]]:
    """Anchor every claim's quote in its source; check every citation's words."""
    anchors: dict[URIRef, Anchor] = {}
    findings = []
    for path, g in curated.files.items():
        for claim in sorted(g.subjects(RDF.type, MEDKG.Claim)):
            source = g.value(claim, MEDKG.statedIn)
            quote = g.value(claim, MEDKG.quote)
            if source is None or quote is None:
                continue  # reported by SHACL
            if source not in sources:
                if (source, RDF.type, MEDKG.SourceArticle) not in curated.data():
                    findings.append(Finding(_where(path, str(claim)), _short(claim),
                                            f"states source {_short(source)}, which is not a medkg:SourceArticle"))
                continue  # a missing or changed source file is reported once, by load_sources
            prefix = str(g.value(claim, MEDKG.quotePrefix) or "")
            suffix = str(g.value(claim, MEDKG.quoteSuffix) or "")
            try:
                anchors[claim] = anchor(sources[source].text, str(quote), prefix=prefix, suffix=suffix)
            except QuoteNotFound as e:
                findings.append(Finding(_where(path, str(claim)), _short(claim),
                                        f"{e} ({_short(source)}): {_preview(str(quote))}"))
        for pub, words in sorted(g.subject_objects(MEDKG.citedAs)):
            for source in g.objects(pub, MEDKG.citedIn):
                if source in sources and str(words) not in sources[source].text:
                    findings.append(Finding(_where(path, str(pub)), _short(pub),
                                            f"citation words not found in {_short(source)}: {_preview(str(words))}"))
    return anchors, findings


def _preview(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def shacl(curated: Curated) -> list[Finding]:
    """Validate the curated data against ``ontology/shapes.ttl`` with pySHACL."""
    if not len(curated.shapes):
        return []
    # The ontology is validated with the data so sh:class sees rdfs:subClassOf and the
    # concepts (certainty and efficacy levels) the claims point to.
    data = curated.data() + curated.ontology
    conforms, report, _ = pyshacl_validate(
        data,
        shacl_graph=curated.shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
    )
    if conforms:
        return []
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage) or "violates a shape"
        value = report.value(result, SH.value)
        text = str(message)
        if path is not None:
            text = f"{_short(path)}: {text}"
        if value is not None and isinstance(value, Literal | URIRef):
            text += f" (value: {_preview(str(value), 50)})"
        file = curated.file_of(focus) if isinstance(focus, URIRef) else None
        findings.append(Finding(_where(file, str(focus)), _short(focus), text))
    return findings


#: Deepest nesting of blank nodes accepted in a curated file (a claim's selectors nest 1).
MAX_BLANK_DEPTH = 32


def blank_node_depth(curated: Curated) -> list[Finding]:
    """Each file whose blank nodes nest (a blank node as object of another's triple) deeper
    than :data:`MAX_BLANK_DEPTH`, or in a cycle. Iterative, so any input is checked."""
    findings = []
    for path, g in curated.files.items():
        children: dict[BNode, list[BNode]] = defaultdict(list)
        for s, _, o in g:
            if isinstance(s, BNode) and isinstance(o, BNode):
                children[s].append(o)
        depth: dict[BNode, int] = {}
        for root in children:
            stack, on_path = [(root, iter(children[root]))], {root}
            while stack:
                node, todo = stack[-1]
                child = next(todo, None)
                if child is None:
                    stack.pop()
                    on_path.discard(node)
                    depth[node] = 1 + max((depth[c] for c in children.get(node, ())), default=0)
                elif child in on_path:
                    depth[child] = MAX_BLANK_DEPTH + 1  # a cycle: no writer can nest it
                elif child not in depth:
                    stack.append((child, iter(children.get(child, ()))))
                    on_path.add(child)
            if depth.get(root, 0) > MAX_BLANK_DEPTH:
                findings.append(Finding(str(path), "blank nodes",
                                        f"nested more than {MAX_BLANK_DEPTH} deep (or in a cycle); give the nodes IRIs"))
                break
    return findings
