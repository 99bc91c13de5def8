"""Draft files: the claims drafted from a new article, as reviewable Turtle.

A draft file ``graph/drafts/<slug>.ttl`` holds, in this order: the source's description
(``medkg:SourceArticle`` with title, URL, file and SHA-256 — no capture date unless one is
given, so the same text always gives the same bytes), the publications it cites, the
entities new to the graph (from a vocabulary, with ``medkg:xref``; or ``medkg:ungrounded``),
and one ``medkg:Claim`` per drafted fact in text order, each marked ``medkg:draft true`` and
``medkg:draftMethod``, with the cue that drafted it (``medkg:draftCue``, also as a comment)
and how sure that cue is (``medkg:draftConfidence``, 0–1), so a curator can sort and reject
quickly; both stay on an accepted claim as provenance. Claims have the same
shape as curated ones, so the file validates with the project's own checks.

:func:`ingest` copies the article into ``graph/sources/`` and writes the draft;
:func:`accept` moves a reviewed draft into ``graph/claims/``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..curated import Project, load_curated
from ..errors import InputError, MedkgError
from ..rdfio import parse_turtle, read_utf8, write_atomically
from ..sources import QuoteNotFound, anchor, sha256_of
from ..vocab import ENT, MEDKG, PUB, SRC
from .citations import Citation
from .context import Found
from .lexicon import Entity, Lexicon, reference_vocab, slugify
from .relations import Reader, extract
from .segment import segment

#: Largest article ingest reads (a long web page is 50 kB of text).
MAX_ARTICLE_BYTES = 2 << 20
#: Version of the drafting method, recorded on every draft claim.
METHOD_VERSION = "0.2.0"
DRAFT_METHOD = f"medkg-ingest {METHOD_VERSION} lexicon+patterns"
_DRAFT_MARK = "    medkg:draft true ;\n"
_HEADER_DRAFT = "# Draft claims of src:{slug}"
_HEADER_REVIEW = "# Review every claim, then accept the file with `medkg accept-draft {slug}`"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PREFIXES = """@prefix medkg:   <https://w3id.org/medkg/ontology#> .
@prefix ent:     <https://w3id.org/medkg/entity/> .
@prefix claim:   <https://w3id.org/medkg/claim/> .
@prefix src:     <https://w3id.org/medkg/source/> .
@prefix pub:     <https://w3id.org/medkg/publication/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <https://schema.org/> .
"""


@dataclass
class IngestResult:
    """What :func:`ingest` wrote and drafted."""

    slug: str
    source_path: Path
    draft_path: Path
    claims: int
    per_relation: dict[str, int] = field(default_factory=dict)
    new_entities: list[str] = field(default_factory=list)
    ungrounded: list[str] = field(default_factory=list)
    publications: list[str] = field(default_factory=list)
    without_identifier: list[str] = field(default_factory=list)
    source_written: bool = True

    def summary(self) -> str:
        lines = [f"{self.claims} draft claims ({', '.join(f'{n} {p}' for p, n in self.per_relation.items())})"]
        lines.append(f"{len(self.new_entities)} entities new to the graph ({len(self.ungrounded)} ungrounded)")
        lines.append(f"{len(self.publications)} cited publications, {len(self.without_identifier)} without identifier")
        lines.append(f"source: {self.source_path}" + ("" if self.source_written else " (already there, identical)"))
        return "\n".join(lines)


def _n3(value: str) -> str:
    return Literal(value).n3()


def _iri(value: str) -> str:
    """An http(s) address as a Turtle IRI term, or a one-line error: every term of a draft
    is written by rdflib (``n3()``), never pasted, and an address must be a valid IRI."""
    if len(value) > 2000 or not re.fullmatch(r"https?://[^\s<>\"{}|\\^`\x00-\x20\x7f]+", value):
        raise MedkgError(f"not a valid http(s) address: {value[:100]!r}")
    return URIRef(value).n3()


def _comment(value: str) -> str:
    """Text for a ``#`` comment: one line, whatever line breaks the text held."""
    return " ".join(value.split())


def _qname(iri: URIRef) -> str:
    for ns, prefix in ((str(ENT), "ent:"), (str(PUB), "pub:"), (str(SRC), "src:"), (str(MEDKG._NS), "medkg:")):
        text = str(iri)
        if text.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_][\w.-]*", text[len(ns):]) and not text.endswith("."):
            return prefix + text[len(ns):]
    return f"<{iri}>"


#: Longest quotePrefix/quoteSuffix a draft writes; a quote that needs more is not drafted.
MAX_CONTEXT = 200


def _unique_context(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The shortest prefix (or else suffix) that makes ``text[start:end]`` unique in
    ``text``; ``("", "")`` when it is unique already, ``None`` when no context of up to
    :data:`MAX_CONTEXT` characters tells it apart. Linear in the text for each quote: the
    other occurrences are found once, then compared character by character outwards."""
    exact = text[start:end]
    others, at = [], text.find(exact)
    while at >= 0 and len(others) <= 1000:
        if at != start:
            others.append(at)
        at = text.find(exact, at + 1)
    if not others:
        return "", ""
    if len(others) > 1000:
        return None
    need = 1 + max(_equal_run(lambda k: text[start - k:start], lambda k: text[o - k:o], min(start, o))
                   for o in others)
    if need <= min(MAX_CONTEXT, start):
        return text[start - need:start], ""
    need = 1 + max(_equal_run(lambda k: text[end:end + k], lambda k: text[o + len(exact):o + len(exact) + k],
                              len(text) - max(end, o + len(exact))) for o in others)
    if need <= min(MAX_CONTEXT, len(text) - end):
        return "", text[end:end + need]
    return None


def _equal_run(mine, theirs, room: int) -> int:
    """The largest k ≤ min(room, MAX_CONTEXT) with ``mine(k) == theirs(k)`` (both are
    slices growing outwards from a quote), by binary search over slice comparisons."""
    lo, hi = 0, min(room, MAX_CONTEXT)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mine(mid) == theirs(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def draft_turtle(text: str, found: list[Found], reader: Reader, *, slug: str, title: str, url: str | None,
                 sha256: str, graph: Graph, ontology: Graph, captured_on: str | None = None) -> str:
    """The Turtle text of a draft file (deterministic: the same inputs give the same bytes)."""
    relations = {str(s)[len(str(MEDKG._NS)):] for s in ontology.subjects(MEDKG.family, None)}
    classes = {str(s)[len(str(MEDKG._NS)):] for s in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class"))}
    source = SRC[slug]
    pubs = _publications(found, reader, graph, slug)
    out = [_HEADER_DRAFT.format(slug=slug) + f" ({_comment(title)}), drafted by {DRAFT_METHOD}.",
           _HEADER_REVIEW.format(slug=slug) + "; it is not part of the graph until then.",
           "# Quotes are exact spans of graph/sources/" + slug + ".txt; the build derives their offsets.", "",
           _PREFIXES]
    if (source, RDF.type, MEDKG.SourceArticle) not in graph:
        out.append("# --- the source -------------------------------------------------------------")
        lines = [f"src:{slug} a medkg:SourceArticle", f"rdfs:label {_n3(title)}", f"dcterms:title {_n3(title)}"]
        if url:
            lines.append(f"schema:url {_iri(url)}")
        lines += [f"medkg:sourceFile {_n3(f'sources/{slug}.txt')}", f"medkg:sha256 {_n3(sha256)}"]
        if captured_on:
            kind = XSD.gYearMonth if re.fullmatch(r"\d{4}-\d{2}", captured_on) else XSD.date
            lines.append(f"medkg:capturedOn {Literal(captured_on, datatype=kind).n3()}".replace(str(XSD), "xsd:")
                         .replace("<xsd:", "xsd:").replace(">", ""))
        lines.append(f"dcterms:format {_n3('text/plain; charset=utf-8')}")
        out.append(_block(lines))
    described = [(iri, c) for iri, c in sorted(pubs.values(), key=lambda p: (p[1].start, str(p[0])))
                 if (iri, RDF.type, None) not in graph]
    if described:
        out.append("# --- publications the article cites (only what it gives; no identifier = flagged) ----")
        for iri, c in described:
            lines = [f"{_qname(iri)} a medkg:{c.kind}", f"rdfs:label {_n3(c.label)}", f"medkg:citedIn src:{slug}",
                     f"medkg:citedAs {_n3(c.cited_as)}"]
            if c.year:
                lines.append(f'medkg:year "{c.year}"^^xsd:gYear')
            if c.authors:
                lines.append(f"medkg:authors {_n3(c.authors)}")
            if c.pmid:
                lines.append(f"medkg:pmid {_n3(c.pmid)}")
            if c.doi:
                lines.append(f"medkg:doi {_n3(c.doi)}")
            if c.url:
                lines.append(f"schema:url {_iri(c.url)}")
            out.append(_block(lines))
    for iri, c in sorted(pubs.values(), key=lambda p: str(p[0])):
        if (iri, RDF.type, None) in graph:  # a publication the graph knows (same PMID or DOI), cited again
            out.append(_block([f"{_qname(iri)} medkg:citedIn src:{slug}", f"medkg:citedAs {_n3(c.cited_as)}"]))
    entities = sorted({e.key: e for f in found for e in (f.subject, f.object, f.population)
                       if isinstance(e, Entity) and e.origin != "graph"}.values(), key=lambda e: e.key)
    if entities:
        out.append("# --- entities new to the graph (from a vocabulary, or ungrounded) --------------")
        taken_xrefs = {str(x) for x in graph.objects(None, MEDKG.xref)}
        for e in entities:
            types = sorted(t for t in e.declared if t in classes) or ["Entity"]
            lines = [f"ent:{e.key} a " + ", ".join(f"medkg:{t}" for t in types), f"rdfs:label {Literal(e.label, lang='en').n3()}"]
            # a cross-reference the graph or an earlier entity already has is left out: the
            # Disease Ontology gives some ICD-10/MeSH codes to several diseases, and one
            # identifier on two entities is a validation finding
            xrefs = [x for x in e.xrefs if x not in taken_xrefs]
            taken_xrefs.update(xrefs)
            if xrefs:
                lines.append("medkg:xref " + ", ".join(_n3(x) for x in xrefs))
            if e.origin == "new":
                lines.append("medkg:ungrounded true")
            out.append(_block(lines))
    out.append("# --- draft claims, in text order -------------------------------------------------")
    for n, f in enumerate(found, 1):
        if f.predicate not in relations:
            raise MedkgError(f"internal error: {f.predicate!r} is not a relation of the ontology")
        start, end = f.quote
        prefix, suffix = _unique_context(text, start, end)
        lines = [f"claim:{slug}-{n:03d} a medkg:Claim",
                 f"rdf:subject {_ref(f.subject, pubs)}",
                 f"rdf:predicate medkg:{f.predicate}",
                 f"rdf:object {_ref(f.object, pubs)}",
                 f"medkg:statedIn src:{slug}",
                 f"medkg:quote {_n3(text[start:end])}"]
        if prefix:
            lines.append(f"medkg:quotePrefix {_n3(prefix)}")
        if suffix:
            lines.append(f"medkg:quoteSuffix {_n3(suffix)}")
        lines.append(f"medkg:certainty medkg:{f.firmness.certainty}")
        if f.firmness.hedges:
            lines.append("medkg:hedge " + ", ".join(_n3(h) for h in f.firmness.hedges))
        if f.negated:
            lines.append("medkg:negated true")
        if f.efficacy:
            lines.append(f"medkg:efficacy medkg:{f.efficacy}")
        if f.population is not None:
            lines.append(f"medkg:population ent:{f.population.key}")
        for key in f.supported_by:
            lines.append(f"medkg:supportedBy {_qname(pubs[key][0])}")
        for key in f.disputed_by:
            lines.append(f"medkg:disputedBy {_qname(pubs[key][0])}")
        lines += ["medkg:draft true", f"medkg:draftMethod {_n3(DRAFT_METHOD)}"]
        if f.rule:  # which cue made it and how sure it is: a curator sorts and rejects by these
            lines.append(f"medkg:draftCue {_n3(f.rule)}")
        if f.confidence is not None:
            lines.append(f"medkg:draftConfidence {f.confidence:.2f}")
        out.append(f"# cue: {_comment(f.rule)}\n" + _block(lines))
    return "\n".join(out).rstrip() + "\n"


def _block(lines: list[str]) -> str:
    return lines[0] + " ;\n" + "".join(f"    {line} ;\n" for line in lines[1:-1]) + f"    {lines[-1]} .\n" \
        if len(lines) > 1 else lines[0] + " .\n"


def _ref(x: Entity | Citation | str, pubs: dict[str, tuple[URIRef, Citation]]) -> str:
    if isinstance(x, Entity):
        return f"ent:{x.key}"
    if isinstance(x, Citation):
        return _qname(pubs[x.key][0])
    return _n3(x)


def _publications(found: list[Found], reader: Reader, graph: Graph, slug: str) -> dict[str, tuple[URIRef, Citation]]:
    """IRI of each cited publication: the graph's when it has the same PMID or DOI, else a new one."""
    used = {c.key for f in found for c in (f.subject, f.object) if isinstance(c, Citation)}
    used |= {k for f in found for k in (*f.supported_by, *f.disputed_by)}
    out = {}
    for c in reader.citations:
        if c.key not in used and not c.has_identifier:
            continue  # a described study no claim rests on is not worth a node
        known = None
        for prop, value in ((MEDKG.pmid, c.pmid), (MEDKG.doi, c.doi)):
            if value:
                known = next(iter(sorted(graph.subjects(prop, Literal(value)))), None) or known
        out[c.key] = (known or PUB[f"{slug}-{c.key}"], c)
    return out


def ingest(project: Project, article: Path, *, title: str, url: str | None = None,
           vocab: list[Path] | tuple[Path, ...] = reference_vocab(),
           slug: str | None = None, captured_on: str | None = None, force: bool = False) -> IngestResult:
    """Copy an article into the project and draft its claims into ``graph/drafts/<slug>.ttl``.

    Parameters
    ----------
    project : Project
        The project (its entities ground the mentions; nothing curated is changed).
    article : Path
        The article as UTF-8 text; copied byte for byte to ``graph/sources/<slug>.txt``.
    title, url : str
        The article's title and address, recorded on the drafted ``medkg:SourceArticle``.
    vocab : sequence of Path
        Vocabulary files (Hetionet nodes TSV, DOID or SYMP labels TSV) to ground mentions
        the graph does not know, in order. Default: the reference tables shipped with medkg
        (:func:`~medkg.ingest.lexicon.reference_vocab`); ``()`` for none, or
        ``(*reference_vocab(), extra)`` to add one.
    slug : str, optional
        The source's name (default: the article file's name, slugified).
    captured_on : str, optional
        Capture date (``YYYY-MM`` or ``YYYY-MM-DD``); never taken from the clock.
    force : bool
        Overwrite a draft file that differs from the one drafted now (a reviewed draft
        would be lost, so this is refused by default).

    Returns
    -------
    IngestResult
    """
    data, text = read_utf8(article, limit=MAX_ARTICLE_BYTES)
    if not text.strip():
        raise InputError(article, "the article is empty")
    slug = slug or slugify(article.stem)
    if not _SLUG.fullmatch(slug):
        raise MedkgError(f"invalid slug {slug!r}: use lower-case letters, digits and hyphens")
    if captured_on is not None:
        check_date(captured_on)
    if not title.strip() or len(title) > 1000:
        raise MedkgError("the title must be 1 to 1000 characters")
    if url is not None:
        _iri(url)

    graph_dir = project.graph
    source_path = graph_dir / "sources" / f"{slug}.txt"
    draft_path = graph_dir / "drafts" / f"{slug}.ttl"
    claims_path = graph_dir / "claims" / f"{slug}.ttl"
    if source_path.exists() and source_path.read_bytes() != data:
        raise InputError(source_path, "a different text is already stored under this name; it is never "
                                      "overwritten (choose another --slug)")
    if claims_path.exists():
        raise InputError(claims_path, "this source's claims were already accepted; nothing drafted")
    curated = load_curated(project)
    graph = curated.data()
    lexicon = Lexicon(curated.ontology)
    lexicon.add_graph(graph)
    for path in vocab:
        lexicon.add_vocab(Path(path))
    found, reader = extract(text, segment(text), lexicon, title=title)
    # a quote that no short context makes unique could not be anchored: it is not drafted
    found = [f for f in found if _unique_context(text, *f.quote) is not None]
    turtle = draft_turtle(text, found, reader, slug=slug, title=title, url=url, sha256=sha256_of(data),
                          graph=graph, ontology=curated.ontology, captured_on=captured_on)
    body = turtle.encode("utf-8")
    drafted = _parsed(turtle, draft_path)  # before anything is written: a failed ingest leaves no file
    if draft_path.exists() and draft_path.read_bytes() != body and not force:
        raise InputError(draft_path, "a different draft exists (reviewed or edited?); pass --force to replace it")
    files = [] if source_path.exists() else [(source_path, data)]
    files.append((draft_path, body))
    write_atomically(files)
    new = sorted({str(e)[len(str(ENT)):] for e in drafted.subjects(RDF.type, None) if str(e).startswith(str(ENT))})
    ungrounded = sorted(str(e)[len(str(ENT)):] for e in drafted.subjects(MEDKG.ungrounded, Literal(True)))
    pubs = sorted({c.cited_as for c in reader.citations if (None, MEDKG.citedAs, Literal(c.cited_as)) in drafted})
    flagged = sorted({c.cited_as for c in reader.citations if not c.has_identifier and c.cited_as in pubs})
    per = Counter(f.predicate for f in found)
    return IngestResult(slug, source_path, draft_path, len(found),
                        dict(sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))), new, ungrounded, pubs, flagged,
                        source_written=len(files) == 2)


def check_date(value: str) -> None:
    """A capture date: a real ``YYYY-MM`` or ``YYYY-MM-DD`` (so the draft's ``xsd:date`` is valid).

    >>> check_date("2026-02-30")
    Traceback (most recent call last):
    ...
    medkg.errors.MedkgError: invalid capture date '2026-02-30': use a real date, YYYY-MM or YYYY-MM-DD
    """
    try:
        if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
            raise ValueError
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        raise MedkgError(f"invalid capture date {value!r}: use a real date, YYYY-MM or YYYY-MM-DD") from None


def _parsed(turtle: str, path: Path) -> Graph:
    """The draft as rdflib reads it, checked to hold only what medkg drafted: every subject
    is the source, a publication, an entity or a claim of the draft's own namespaces (a
    title or address could otherwise have smuggled in a triple)."""
    g = Graph()
    try:
        g.parse(data=turtle, format="turtle")
    except Exception as e:
        raise MedkgError(f"{path}: internal error: the draft is not valid Turtle ({' '.join(str(e).split())[:200]}); "
                         "nothing was written") from None
    own = (str(SRC), str(PUB), str(ENT), "https://w3id.org/medkg/claim/")
    strays = sorted({str(s) for s in g.subjects() if not str(s).startswith(own)})
    if strays:
        raise MedkgError(f"{path}: internal error: the draft describes {strays[0]!r}, which medkg did not draft; "
                         "nothing was written")
    return g


def accept(project: Project, slug: str) -> tuple[Path, int]:
    """Move a reviewed draft to ``graph/claims/<slug>.ttl``, without its draft markers.

    ``medkg:draft true`` is removed from every claim (it is no longer a draft);
    ``medkg:draftMethod`` stays as provenance, and so does ``medkg:ungrounded`` on drafted
    entities. The whole project is validated with the accepted file in place first (in a
    temporary copy); only then is the file written and the draft removed. An existing
    claims file is never overwritten.

    Returns
    -------
    tuple
        The claims file written and its number of claims.
    """
    draft_path = project.graph / "drafts" / f"{slug}.ttl"
    target = project.graph / "claims" / f"{slug}.ttl"
    if not draft_path.is_file():
        raise InputError(draft_path, "no such draft")
    if target.exists():
        raise InputError(target, "already exists; a claims file is never overwritten")
    text = draft_path.read_text(encoding="utf-8")
    accepted = _without_draft_marks(text, slug)
    before, after = parse_turtle(draft_path), Graph()
    after.parse(data=accepted, format="turtle")
    expected = set(before) - set(before.triples((None, MEDKG.draft, None)))
    if set(after) != expected:
        raise MedkgError(f"{draft_path}: cannot remove the draft markers safely (was the layout edited?); "
                         "remove every 'medkg:draft true' by hand and move the file to graph/claims/")
    with tempfile.TemporaryDirectory(prefix="medkg-accept-") as tmp:
        copy = Project(root=Path(tmp))
        shutil.copytree(project.ontology, copy.ontology)
        shutil.copytree(project.graph, copy.graph, ignore=shutil.ignore_patterns("drafts"))
        (copy.graph / "claims").mkdir(exist_ok=True)
        (copy.graph / "claims" / f"{slug}.ttl").write_text(accepted, encoding="utf-8")
        from ..build import check

        check(copy)
    if target.exists():
        raise InputError(target, "already exists; a claims file is never overwritten")
    write_atomically([(target, accepted.encode("utf-8"))])
    draft_path.unlink()
    return target, len(set(after.subjects(RDF.type, MEDKG.Claim)))


def _without_draft_marks(text: str, slug: str) -> str:
    text = text.replace(_DRAFT_MARK, "")
    text = re.sub(r"\s*;\s*medkg:draft\s+true\s*(?=[;.])", "", text)
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith(_HEADER_REVIEW.format(slug=slug)):
            continue
        if line.startswith(_HEADER_DRAFT.format(slug=slug)):
            line = line.replace("# Draft claims of", "# Claims of", 1).rstrip("\n").rstrip(".") + \
                ", accepted after review.\n"
        lines.append(line)
    return "".join(lines)
