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

:func:`evaluate_gold` (``--gold DIR``) scores instead against hand-annotated gold facts of
real articles (read by :mod:`medkg.ingest.gold`): a draft matches a gold fact when its
subject's and its object's names match the fact's (:func:`~medkg.ingest.gold.labels_match`),
whatever the relation; the strict counts require the relation too. Precision of a page =
matched drafts / drafts, recall = gold facts matched by a draft / gold facts.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Node, URIRef
from rdflib.namespace import SKOS

from ..build import check
from ..curated import Project, load_curated
from ..errors import MedkgError, ValidationError
from ..rdfio import parse_turtle
from ..vocab import MEDKG, SRC
from .draft import ingest
from .gold import Page, labels_match, load_gold

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


# -- scoring against hand-annotated gold facts of real articles (--gold) ---------------------------------

@dataclass
class PageScore:
    """Counts for one gold page; ``strict`` counts also require the relation to match."""

    slug: str
    kind: str
    evidence_only: bool
    drafts: int = 0
    matched: int = 0
    gold: int = 0
    found: int = 0
    matched_strict: int = 0
    found_strict: int = 0
    quotes_not_verbatim: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.drafts if self.drafts else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_precision(self) -> float:
        return self.matched_strict / self.drafts if self.drafts else 0.0

    @property
    def strict_recall(self) -> float:
        return self.found_strict / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"slug": self.slug, "kind": self.kind, "evidence_only": self.evidence_only,
                "drafts": self.drafts, "matched": self.matched, "precision": round(self.precision, 3),
                "gold": self.gold, "found": self.found, "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "strict": {"matched": self.matched_strict, "precision": round(self.strict_precision, 3),
                           "found": self.found_strict, "recall": round(self.strict_recall, 3)},
                "quotes_not_verbatim": self.quotes_not_verbatim}


@dataclass
class GoldEvaluation:
    """Scores per gold page (worst first by F1), their macro means and micro totals, and
    the findings of the project's checks on the drafts (``invalid``; empty when valid or
    not checked)."""

    pages: list[PageScore]
    invalid: list[str] = field(default_factory=list)

    def _mean(self, attr: str) -> float:
        return sum(getattr(p, attr) for p in self.pages) / len(self.pages) if self.pages else 0.0

    def total(self) -> PageScore:
        """The micro totals: every page's counts summed."""
        t = PageScore("total", "", any(p.evidence_only for p in self.pages))
        for p in self.pages:
            for name in ("drafts", "matched", "gold", "found", "matched_strict", "found_strict", "quotes_not_verbatim"):
                setattr(t, name, getattr(t, name) + getattr(p, name))
        return t

    def table(self) -> str:
        """One row per page, worst F1 first, then the macro means and the micro totals."""
        head = (f"{'page':<38} {'kind':<15} {'text':<13} {'drafts':>6} {'matched':>7} {'precision':>9} {'gold':>5} "
                f"{'found':>5} {'recall':>6}  {'matched*':>8} {'prec*':>5} {'found*':>6} {'recall*':>7}")
        rows = [head, "-" * len(head)]
        for s in self.pages:
            rows.append(f"{s.slug:<38} {s.kind:<15} {'evidence-only' if s.evidence_only else 'full':<13} "
                        + self._figures(s))
        rows.append("-" * len(head))
        rows.append(f"{f'mean over {len(self.pages)} pages (macro)':<68} {'':>6} {'':>7} "
                    f"{self._mean('precision'):>9.2f} {'':>5} {'':>5} {self._mean('recall'):>6.2f}  {'':>8} "
                    f"{self._mean('strict_precision'):>5.2f} {'':>6} {self._mean('strict_recall'):>7.2f}")
        total = self.total()
        rows.append(f"{'total (micro)':<68} " + self._figures(total))
        only = sum(p.evidence_only for p in self.pages)
        rows += ["", "* strict: the relation must match too.",
                 f"evidence-only pages (text not committed; only their evidence sentences were ingested): "
                 f"{only} of {len(self.pages)}",
                 f"draft quotes not verbatim in the page text: {total.quotes_not_verbatim}"]
        if self.invalid:
            rows.append(f"drafts failing the project's checks: {len(self.invalid)} finding"
                        f"{'s' if len(self.invalid) != 1 else ''}")
            rows += ["  " + f for f in self.invalid]
        return "\n".join(rows)

    @staticmethod
    def _figures(s: PageScore) -> str:
        return (f"{s.drafts:>6} {s.matched:>7} {s.precision:>9.2f} {s.gold:>5} {s.found:>5} {s.recall:>6.2f}  "
                f"{s.matched_strict:>8} {s.strict_precision:>5.2f} {s.found_strict:>6} {s.strict_recall:>7.2f}")

    def as_json(self) -> str:
        total = self.total().as_dict()
        for key in ("slug", "kind", "evidence_only"):
            del total[key]
        return json.dumps({
            "macro": {"pages": len(self.pages), "precision": round(self._mean("precision"), 3),
                      "recall": round(self._mean("recall"), 3),
                      "strict": {"precision": round(self._mean("strict_precision"), 3),
                                 "recall": round(self._mean("strict_recall"), 3)}},
            "micro": total,
            "pages": [p.as_dict() for p in self.pages],
            "invalid": self.invalid,
        }, indent=2)


def _labels(node: Node, graphs: tuple[Graph, ...]) -> list[str]:
    """The names of a claim's subject or object: a literal's own text; an entity's
    ``rdfs:label`` and ``skos:altLabel``, a publication's ``rdfs:label`` and ``medkg:citedAs``
    (from the draft and from the project's graph)."""
    if isinstance(node, Literal):
        return [str(node)]
    names = sorted({str(o) for g in graphs for prop in (RDFS.label, SKOS.altLabel, MEDKG.citedAs)
                    for o in g.objects(node, prop)})
    return names or [str(node).rsplit("/", 1)[-1].replace("-", " ")]


def score_page(page: Page, drafted: Graph, graph: Graph) -> PageScore:
    """Score one page's draft against its gold facts (:func:`~medkg.ingest.gold.labels_match`
    on subject and object; the strict counts also require the same relation)."""
    score = PageScore(page.slug, page.kind, page.evidence_only, gold=len(page.facts))
    graphs = (drafted, graph)
    hit, hit_strict = [False] * len(page.facts), [False] * len(page.facts)
    for claim in sorted(drafted.subjects(RDF.type, MEDKG.Claim)):
        s, p, o = (drafted.value(claim, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        subjects, objects, relation = _labels(s, graphs), _labels(o, graphs), _local(str(p))
        quote = drafted.value(claim, MEDKG.quote)
        score.drafts += 1
        score.quotes_not_verbatim += quote is None or str(quote) not in page.text
        matched = matched_strict = False
        for n, fact in enumerate(page.facts):
            if any(labels_match(x, fact.subject) for x in subjects) and \
                    any(labels_match(x, fact.object) for x in objects):
                matched = hit[n] = True
                if relation == fact.relation:
                    matched_strict = hit_strict[n] = True
        score.matched += matched
        score.matched_strict += matched_strict
    score.found, score.found_strict = sum(hit), sum(hit_strict)
    return score


def evaluate_gold(project: Project, paths: list[Path], *, validate: bool = True) -> GoldEvaluation:
    """Ingest every gold page with default options and score its drafts against its gold facts.

    Each page is ingested (title and slug from the page) into a temporary copy of the
    project's ontology and graph, without ``graph/drafts/``; a page whose text is not
    committed is ingested as its evidence sentences, each once, in order of first
    appearance, separated by blank lines. With ``validate``, the drafts are also run
    through the project's checks; their findings are kept in the result (every page is
    still scored), each naming the draft as ``graph/drafts/<slug>.ttl``.
    """
    curated = load_curated(project)
    relations = {_local(str(r)) for r in curated.ontology.subjects(MEDKG.family, None)}
    pages = load_gold(paths, relations)
    graph = curated.data()
    scores = []
    with tempfile.TemporaryDirectory(prefix="medkg-eval-gold-") as tmp:
        fresh = Project(root=Path(tmp) / "project")
        shutil.copytree(project.ontology, fresh.ontology)
        shutil.copytree(project.graph, fresh.graph, ignore=shutil.ignore_patterns("drafts"))
        texts = Path(tmp) / "texts"
        texts.mkdir()
        for page in pages:
            article = texts / f"{page.slug}.txt"
            article.write_bytes(page.text.encode("utf-8"))
            result = ingest(fresh, article, title=page.title, slug=page.slug)
            scores.append(score_page(page, parse_turtle(result.draft_path), graph))
        invalid = []
        if validate:
            try:
                check(fresh, include_drafts=True)
            except ValidationError as e:
                invalid = [str(f).replace(str(fresh.root) + "/", "") for f in e.findings]
    scores.sort(key=lambda s: (s.f1, s.slug))
    return GoldEvaluation(scores, invalid)
