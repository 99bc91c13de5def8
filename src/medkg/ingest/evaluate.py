"""Scoring drafted claims against curated ones (``medkg eval-ingest``).

Each curated source is ingested as if it were new, into a temporary project that has the
ontology and the graph's entities but none of the curated claims, sources or publications.
A drafted claim *matches* a curated claim of the same source when subject, predicate and
object are equal: entities by IRI, literals after folding white space and case, and
publications after aligning each drafted publication to the curated one cited with
overlapping words (or the same PMID/DOI). Predicates must be equal: ``cautionIn`` is not
``contraindicatedIn`` and the adverse-effect sub-relations are distinct.

precision = matched drafts / drafts, recall = matched curated claims / curated claims,
per relation and overall.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Node, URIRef

from ..build import check
from ..curated import Project, load_curated
from ..errors import MedkgError
from ..rdfio import parse_turtle
from ..vocab import MEDKG, SRC
from .draft import ingest

Triple = tuple[str, str, str]


@dataclass
class Score:
    """Counts for one relation (or overall)."""

    drafts: int = 0
    matched_drafts: int = 0
    curated: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.matched_drafts / self.drafts if self.drafts else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.curated if self.curated else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"drafts": self.drafts, "matched_drafts": self.matched_drafts, "precision": round(self.precision, 3),
                "curated": self.curated, "found": self.found, "recall": round(self.recall, 3)}


@dataclass
class Evaluation:
    """Scores per source, per relation and overall."""

    per_source: dict[str, Score] = field(default_factory=dict)
    per_relation: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)

    def table(self) -> str:
        """A plain-text table: one row per relation (most curated claims first), then totals."""
        head = f"{'relation':<30} {'drafts':>6} {'matched':>7} {'precision':>9} {'curated':>7} {'found':>5} {'recall':>6}"
        rows = [head, "-" * len(head)]
        order = sorted(self.per_relation.items(), key=lambda kv: (-kv[1].curated, -kv[1].drafts, kv[0]))
        for name, s in order + [("-", None)] + sorted(self.per_source.items()) + [("overall", self.overall)]:
            if s is None:
                rows.append("-" * len(head))
                continue
            rows.append(f"{name:<30} {s.drafts:>6} {s.matched_drafts:>7} {s.precision:>9.2f} {s.curated:>7} "
                        f"{s.found:>5} {s.recall:>6.2f}")
        return "\n".join(rows)

    def as_json(self) -> str:
        return json.dumps({
            "overall": self.overall.as_dict(),
            "sources": {k: v.as_dict() for k, v in sorted(self.per_source.items())},
            "relations": {k: v.as_dict() for k, v in sorted(self.per_relation.items())},
        }, indent=2)


def _norm(node: Node) -> str:
    if isinstance(node, Literal):
        return "literal:" + " ".join(str(node).split()).casefold()
    return str(node)


def _claims(graph: Graph, source: URIRef, publications: dict[str, str]) -> list[Triple]:
    out = []
    for claim in sorted(graph.subjects(RDF.type, MEDKG.Claim)):
        if graph.value(claim, MEDKG.statedIn) != source:
            continue
        s, p, o = (graph.value(claim, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        out.append((publications.get(str(s), _norm(s)), str(p), publications.get(str(o), _norm(o))))
    return out


def _align(drafted: Graph, curated: Graph, source: URIRef) -> dict[str, str]:
    """Drafted publication IRI -> the curated publication the same source cites in overlapping words."""
    cited = [(p, str(w)) for p, w in curated.subject_objects(MEDKG.citedAs) if (p, MEDKG.citedIn, source) in curated]
    out = {}
    for pub, words in sorted(drafted.subject_objects(MEDKG.citedAs)):
        words = str(words)
        for p, w in sorted(cited):
            same_id = any(drafted.value(pub, prop) is not None and drafted.value(pub, prop) == curated.value(p, prop)
                          for prop in (MEDKG.pmid, MEDKG.doi))
            if words in w or w in words or same_id:
                out[str(pub)] = str(p)
                break
    return out


def evaluate(project: Project = Project(), *, validate: bool = True) -> Evaluation:
    """Draft every curated source afresh and score the drafts against its curated claims.

    The drafting project holds only the ontology and ``graph/entities.ttl``: grounding may
    use the graph's entities, never its claims. With ``validate``, the drafts are also run
    through the project's checks (they must be valid claims).
    """
    curated = load_curated(project)
    data = curated.data()
    sources = sorted(data.subjects(RDF.type, MEDKG.SourceArticle))
    if not sources:
        raise MedkgError(f"{project.graph}: no medkg:SourceArticle to evaluate against")
    evaluation = Evaluation()
    relations: dict[str, Score] = defaultdict(Score)
    with tempfile.TemporaryDirectory(prefix="medkg-eval-") as tmp:
        fresh = Project(root=Path(tmp))
        shutil.copytree(project.ontology, fresh.ontology)
        (fresh.graph / "sources").mkdir(parents=True)
        entities = project.graph / "entities.ttl"
        if entities.is_file():
            shutil.copy(entities, fresh.graph / "entities.ttl")
        for source in sources:
            slug = str(source)[len(str(SRC)):]
            article = project.graph / str(data.value(source, MEDKG.sourceFile))
            title = str(data.value(source, RDFS.label) or slug)
            result = ingest(fresh, article, title=title, slug=slug)
            drafted = parse_turtle(result.draft_path)
            pubs = _align(drafted, data, source)
            drafts = _claims(drafted, source, pubs)
            gold = _claims(data, source, {})
            score = Score()
            gold_set, draft_set = set(gold), set(drafts)
            for t in drafts:
                ok = t in gold_set
                score.drafts += 1
                score.matched_drafts += ok
                relations[_local(t[1])].drafts += 1
                relations[_local(t[1])].matched_drafts += ok
            for t in gold:
                ok = t in draft_set
                score.curated += 1
                score.found += ok
                relations[_local(t[1])].curated += 1
                relations[_local(t[1])].found += ok
            evaluation.per_source[slug] = score
        if validate:
            check(fresh, include_drafts=True)
    evaluation.per_relation = dict(relations)
    for s in evaluation.per_source.values():
        evaluation.overall.drafts += s.drafts
        evaluation.overall.matched_drafts += s.matched_drafts
        evaluation.overall.curated += s.curated
        evaluation.overall.found += s.found
    return evaluation


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]
