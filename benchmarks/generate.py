"""Synthetic medkg corpora for benchmarks, shaped like the output of ``medkg build``.

The generator writes a *built* dataset directly (``<out>/claims-<N>/medkg.trig``, so the
directory can be used as a ``Project(build_dir=...)``): the real ontology in
``graph:ontology``; entities, source articles and publications in ``graph:entities``; one
named graph per source article with its claims, their truthy triples and W3C Web
Annotation selectors; and ``graph:derived`` with super-property, symmetric and
super-class entailments, conflicts, ``medkg:lacksIdentifier`` flags and
``skos:exactMatch`` IRIs — the same shapes and rules as :mod:`medkg.derive`.

Realistic shape: the real project's entities come first (amitriptyline is the most
frequent drug), then synthetic ones; drugs, conditions and every other kind of entity are
drawn with heavy-tailed (Zipf) frequencies; each article has a focus drug and condition;
relations and the kinds of their subject and object follow the curated claims' mix; a
few claims are negated, doubted or rated unfavourably, which creates conflicts. Each
article's text is generated from its claims' sentences, so every quote is a real span at
its recorded offsets and the article's SHA-256 is that of its text (``--texts`` writes the
texts out too).

Lines are written as text, never as rdflib objects, so 10⁶ claims take a few minutes
and little memory. The output depends only on ``--claims`` and ``--seed``.

Usage::

    python benchmarks/generate.py --claims 100000 [--seed 7] [--out benchmarks/data] [--texts]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
import time
from bisect import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate, combinations
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/medkg/"
M = BASE + "ontology#"
OA = "http://www.w3.org/ns/oa#"
RDF_NS = str(RDF)
RDFS_NS = str(RDFS)
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

CONTEXT_CHARS = 32  # as medkg.sources.CONTEXT_CHARS
ZIPF_S = 1.0

# relation: [(subject kind, object kind, weight)]; "literal:<kind>" objects are text values.
# Weights are the curated claims' counts (graph/claims/), so the mix follows the real data.
RELATIONS: dict[str, list[tuple[str, str, int]]] = {
    "treats": [("drug", "condition", 30), ("drugclass", "symptom", 6), ("therapy", "condition", 14),
               ("drug", "symptom", 3)],
    "usedFor": [("drug", "condition", 9), ("drugclass", "condition", 5), ("therapy", "condition", 9)],
    "firstLineTreatmentFor": [("drug", "condition", 4)],
    "laterLineTreatmentFor": [("drug", "condition", 6), ("therapy", "condition", 2)],
    "offLabelUseFor": [("drug", "condition", 7)],
    "primaryIndicationFor": [("drug", "condition", 2)],
    "adjuvantTherapyFor": [("drug", "condition", 1)],
    "improves": [("therapy", "outcome", 15), ("drug", "outcome", 8)],
    "prevents": [("therapy", "symptom", 1)],
    "notRecommendedFor": [("therapy", "condition", 1), ("drug", "condition", 1)],
    "recommendedApproach": [("condition", "therapy", 11), ("condition", "drug", 1)],
    "combinedWith": [("drug", "drug", 7), ("drug", "therapy", 3), ("therapy", "therapy", 2)],
    "commonAdverseEffect": [("drug", "symptom", 42), ("drugclass", "symptom", 7)],
    "seriousAdverseEffect": [("drug", "symptom", 16)],
    "rareAdverseEffect": [("drug", "symptom", 2)],
    "withdrawalSymptom": [("drug", "symptom", 7)],
    "cautionIn": [("drug", "condition", 4)],
    "contraindicatedIn": [("drug", "condition", 4)],
    "interactsWith": [("drug", "drug", 3)],
    "requiresMonitoring": [("drug", "symptom", 1)],
    "warningSignOf": [("symptom", "drug", 12), ("symptom", "condition", 4)],
    "actsOn": [("drug", "target", 2), ("mechanism", "target", 4)],
    "increases": [("drug", "target", 2)],
    "inhibits": [("drug", "target", 2)],
    "hasMechanism": [("drug", "mechanism", 12), ("therapy", "mechanism", 1)],
    "memberOfDrugClass": [("drug", "drugclass", 5)],
    "example": [("drugclass", "drug", 6), ("therapy", "therapy", 9)],
    "affectsAnatomy": [("condition", "anatomy", 14)],
    "affectsPopulation": [("condition", "population", 3)],
    "aggravates": [("condition", "condition", 4)],
    "causes": [("condition", "condition", 15), ("causal", "condition", 6)],
    "riskFactorFor": [("causal", "condition", 1), ("condition", "condition", 2)],
    "involvesMechanism": [("condition", "mechanism", 1)],
    "complicationOf": [("outcome", "condition", 2), ("condition", "condition", 1)],
    "diagnosedBy": [("condition", "diagnostic", 8)],
    "subtypeOf": [("condition", "condition", 5), ("drugclass", "drugclass", 3)],
    "symptomOf": [("symptom", "condition", 24)],
    "alternativeTo": [("drugclass", "drug", 5), ("drug", "drug", 2)],
    "betterToleratedThan": [("drug", "drug", 4)],
    "comparableEfficacyTo": [("drug", "drug", 1)],
    "fewerSideEffectsThan": [("drug", "drug", 1)],
    "hasDosingRegimen": [("drug", "regimen", 2)],
    "startingDose": [("regimen", "literal:dose", 2)],
    "titration": [("regimen", "literal:dose", 5)],
    "doseTiming": [("regimen", "literal:timing", 5)],
    "discontinuation": [("regimen", "literal:timing", 4)],
    "doseComparedTo": [("regimen", "literal:dose", 2)],
    "timeToOnset": [("regimen", "literal:time", 1)],
    "timeToFullEffect": [("regimen", "literal:time", 1)],
    "duration": [("condition", "literal:time", 1)],
    "prevalence": [("condition", "literal:share", 2)],
    "reportedOutcome": [("publication", "literal:outcome", 8)],
    "sampleSize": [("publication", "literal:size", 2)],
    "studies": [("publication", "drug", 8), ("publication", "condition", 2), ("publication", "therapy", 1)],
}
THERAPEUTIC = {"treats", "usedFor", "firstLineTreatmentFor", "laterLineTreatmentFor", "offLabelUseFor",
               "improves", "combinedWith", "alternativeTo"}

# entity kind → (medkg classes of the real entities that seed it, synthetic class, synthetic
# entities per 10⁶ claims, label suffixes)
KINDS: dict[str, tuple[tuple[str, ...], str, int, tuple[str, ...]]] = {
    "drug": (("Drug",), "Drug", 25_000, ("ine", "ol", "amab", "pril", "tide", "azole")),
    "drugclass": (("DrugClass",), "DrugClass", 1_000, (" inhibitors", " agonists", " blockers")),
    "condition": (("Disease", "Condition"), "Disease", 40_000, (" syndrome", " disease", "itis", " disorder")),
    "symptom": (("Symptom", "AdverseEffect"), "Symptom", 20_000, (" pain", " fatigue", "algia", " rash")),
    "therapy": (("NonDrugTherapy", "Therapy", "SurgicalProcedure", "TherapeuticProcedure"), "NonDrugTherapy",
                8_000, (" therapy", " training", " surgery")),
    "diagnostic": (("DiagnosticProcedure",), "DiagnosticProcedure", 2_000, (" scan", " test")),
    "mechanism": (("Mechanism",), "Mechanism", 4_000, (" modulation", " signalling")),
    "target": (("MolecularTarget", "Neurotransmitter"), "MolecularTarget", 3_000, (" receptor", " channel")),
    "anatomy": (("AnatomicalStructure",), "AnatomicalStructure", 2_000, (" nerve", " joint", " segment")),
    "population": (("Population",), "Population", 300, (" patients", " adults")),
    "outcome": (("Outcome",), "Outcome", 3_000, (" function", " quality of life", " mobility")),
    "causal": (("CausalFactor",), "CausalFactor", 2_000, (" exposure", " injury")),
    "regimen": (("DosingRegimen",), "DosingRegimen", 10_000, (" dosing",)),
}
REAL_SOURCES = ("amitriptyline-sciatica", "amitriptyline-spinal-stenosis")
PUBLICATION_TYPES = ("ClinicalStudy", "ClinicalTrial", "SystematicReview", "JournalArticle", "Review")
XREF_PREFIX = {"drug": ("drugbank:DB{:05d}", "https://go.drugbank.com/drugs/DB{:05d}"),
               "condition": ("DOID:{}", "http://purl.obolibrary.org/obo/DOID_{}"),
               "symptom": ("MESH:D{:06d}", "http://id.nlm.nih.gov/mesh/D{:06d}")}

CERTAINTY = [("Asserted", 60), ("Typical", 12), ("Possible", 20), ("Limited", 5), ("Doubted", 3)]
HEDGES = {"Typical": ("usually", "often", "commonly"), "Possible": ("may", "can", "might"),
          "Limited": ("for a minority of patients", "for some people"),
          "Doubted": ("there is no robust evidence that", "evidence is mixed on whether")}
EFFICACY = [("EfficacyHigh", 3), ("EfficacyModerateToHigh", 3), ("EfficacyModerate", 4), ("EfficacyVariable", 2),
            ("EfficacyLimited", 2), ("EfficacyNoRobustEvidence", 1)]
NEGATED_RATE = 0.01
SYLLABLES = ("ra", "lo", "mi", "ta", "ve", "zo", "ne", "pa", "ki", "su", "do", "ly", "fe", "gan", "tor", "bel")
LITERALS = {
    "dose": lambda r: f"{r.choice((5, 10, 25, 50, 75))}-{r.choice((100, 150, 200))} mg",
    "timing": lambda r: r.choice(("at night", "in the morning", "twice daily", "taper over 2 weeks",
                                  "with food")),
    "time": lambda r: f"{r.randint(1, 12)} weeks",
    "share": lambda r: f"{r.randint(1, 40)}% of adults",
    "outcome": lambda r: f"pain reduced by {r.randint(1, 9) * 10}%",
    "size": lambda r: f"n={r.randint(2, 400) * 10}",
}


def iri(text: str) -> str:
    return f"<{text}>"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    quoted = '"' + text.translate(_ESCAPES) + '"'
    if lang:
        return f"{quoted}@{lang}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def m(name: str) -> str:
    return f"<{M}{name}>"


A = iri(RDF_NS + "type")
LABEL = iri(RDFS_NS + "label")
TRUE = lit("true", XSD + "boolean")
FALSE = lit("false", XSD + "boolean")


class Zipf:
    """Draw indices 0..n-1 with probability proportional to 1/(rank+1)^s."""

    def __init__(self, n: int, s: float = ZIPF_S):
        self.cumulative = list(accumulate(1 / (k + 1) ** s for k in range(n)))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> int:
        return min(bisect(self.cumulative, rng.random() * self.total), len(self.cumulative) - 1)


def weighted(pairs):
    """A sampler over ``[(value, weight)]``."""
    values = [v for v, _ in pairs]
    cumulative = list(accumulate(w for _, w in pairs))
    return lambda rng: values[bisect(cumulative, rng.random() * cumulative[-1])]


@dataclass
class Entity:
    term: str  # <iri>
    label: str
    cls: str


@dataclass
class Ontology:
    lines: list[str]  # the ontology's triples, N-Triples
    relation_labels: dict[str, str]
    super_properties: dict[str, list[str]]  # medkg local name → medkg super-properties
    symmetric: set[str]
    super_classes: dict[str, list[str]]
    favourable: dict[str, bool]


def read_ontology() -> Ontology:
    g = Graph().parse(ROOT / "ontology" / "medkg.ttl")

    def local(t) -> str | None:
        return str(t)[len(M):] if str(t).startswith(M) else None

    def closure(relation) -> dict[str, list[str]]:
        out = {}
        for t in {t for t in g.subjects(relation, None) if local(t)}:
            ups = sorted(local(u) for u in g.transitive_objects(t, relation) if u != t and local(u))
            out[local(t)] = ups
        return out

    relations = {local(p) for p in g.subjects(URIRef(M + "family"), None)}
    unknown = set(RELATIONS) - relations
    if unknown:
        raise SystemExit(f"generate.py: not relations of ontology/medkg.ttl: {', '.join(sorted(unknown))}")
    return Ontology(
        lines=sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in g),
        relation_labels={r: str(g.value(URIRef(M + r), RDFS.label)) for r in RELATIONS},
        super_properties=closure(RDFS.subPropertyOf),
        symmetric={local(p) for p in g.subjects(RDF.type, OWL.SymmetricProperty) if local(p)},
        super_classes=closure(RDFS.subClassOf),
        favourable={local(e): bool(v.toPython()) for e, v in g.subject_objects(URIRef(M + "favourable"))},
    )


def real_entities() -> tuple[dict[str, list[tuple[str, str]]], Graph]:
    """The project's own entities by kind, most claimed first (so they are the hubs)."""
    g = Graph().parse(ROOT / "graph" / "entities.ttl")
    mentions = Counter(re.findall(r"ent:([\w.-]+)", " ".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "graph" / "claims").glob("*.ttl")))))
    kind_of = {cls: kind for kind, (classes, *_) in KINDS.items() for cls in classes}
    out: dict[str, list] = defaultdict(list)
    for e, cls in sorted(g.subject_objects(RDF.type)):
        kind = kind_of.get(str(cls)[len(M):])
        if kind:
            out[kind].append((str(e), str(cls)[len(M):]))
    for kind in out:
        out[kind].sort(key=lambda ec: (-mentions[ec[0].rsplit("/", 1)[1]], ec[0]))
    return out, g


def synthetic_name(index: int, suffix: str) -> str:
    syllables = []
    n = index
    for _ in range(3):
        n, r = divmod(n, len(SYLLABLES))
        syllables.append(SYLLABLES[r])
    while n:
        n, r = divmod(n - 1, len(SYLLABLES))
        syllables.append(SYLLABLES[r])
    return "".join(reversed(syllables)) + suffix


class Corpus:
    """The corpus: entity pools, then articles written one by one, then the derived graph."""

    def __init__(self, claims: int, seed: int):
        self.target = claims
        self.rng = random.Random(seed)
        self.ontology = read_ontology()
        self.pools: dict[str, list[Entity]] = {}
        self.zipf: dict[str, Zipf] = {}
        self.entity_lines: list[str] = []
        self.derived: set[str] = set()
        self.conflicts = 0
        self.asserted: set[tuple[str, str, str]] = set()
        self.groups: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)
        self.claims = 0
        self.sources = 0
        self.publications = 0
        self.relation = weighted([((rel, s, o), w) for rel, shapes in RELATIONS.items() for s, o, w in shapes])
        self.certainty = weighted(CERTAINTY)
        self.efficacy = weighted(EFFICACY)
        self._make_entities()

    # --- entities --------------------------------------------------------------------

    def _make_entities(self) -> None:
        real, g = real_entities()
        scale = self.target / 1_000_000
        for kind, (_, cls, per_million, suffixes) in KINDS.items():
            pool = []
            for e, real_cls in real.get(kind, []):
                pool.append(Entity(iri(e), str(g.value(URIRef(e), RDFS.label)), real_cls))
                for s, p, o in sorted(g.triples((URIRef(e), None, None))):
                    self.entity_lines.append(f"{s.n3()} {p.n3()} {o.n3()} .")
            for i in range(max(0, math.ceil(per_million * scale) - len(pool))):
                name = synthetic_name(i, suffixes[i % len(suffixes)])
                e = Entity(iri(f"{BASE}entity/{kind}-{i:06d}"), name, cls)
                pool.append(e)
                self._describe(e, kind, i)
            self.pools[kind] = pool
            self.zipf[kind] = Zipf(len(pool))
            for e in pool:
                self._super_classes(e.term, e.cls)

    def _describe(self, e: Entity, kind: str, i: int) -> None:
        out = self.entity_lines
        out.append(f"{e.term} {A} {m(e.cls)} .")
        out.append(f"{e.term} {LABEL} {lit(e.label, lang='en')} .")
        if i % 5 == 0:
            out.append(f"{e.term} <{SKOS}altLabel> {lit(e.label.split(' ')[0] + ' (alt)', lang='en')} .")
        if kind in XREF_PREFIX and i % 2 == 0:
            curie, url = XREF_PREFIX[kind]
            number = 10_000 + i
            out.append(f"{e.term} {m('xref')} {lit(curie.format(number))} .")
            self.derived.add(f"{e.term} <{SKOS}exactMatch> <{url.format(number)}> .")

    def _super_classes(self, term: str, cls: str) -> None:
        for sup in self.ontology.super_classes.get(cls, ()):
            self.derived.add(f"{term} {A} {m(sup)} .")

    def draw(self, kind: str) -> Entity:
        return self.pools[kind][self.zipf[kind].draw(self.rng)]

    # --- articles --------------------------------------------------------------------

    def write_articles(self, out, texts: Path | None) -> None:
        while self.claims < self.target:
            n = min(self.target - self.claims, 1 + int(self.rng.lognormvariate(3.4, 0.8)))
            self._article(out, n, texts)

    def _article(self, out, n: int, texts: Path | None) -> None:
        rng = self.rng
        # the first articles take the real ones' names, so queries' default parameters find them
        slug = REAL_SOURCES[self.sources] if self.sources < len(REAL_SOURCES) else f"article-{self.sources:06d}"
        self.sources += 1
        source = iri(f"{BASE}source/{slug}")
        focus = {"drug": self.draw("drug"), "condition": self.draw("condition")}
        pubs = [self._publication(slug, k, source) for k in range(min(6, int(rng.expovariate(0.6))))]
        claims = []
        for j in range(n):
            rel, s_kind, o_kind = self.relation(rng)
            while s_kind == "publication" and not pubs:
                rel, s_kind, o_kind = self.relation(rng)
            subject = rng.choice(pubs) if s_kind == "publication" else self._pick(s_kind, focus)
            if o_kind.startswith("literal:"):
                obj_text = LITERALS[o_kind[8:]](rng)
                obj = lit(obj_text)
            else:
                o = self._pick(o_kind, focus)
                obj, obj_text = o.term, o.label
            claims.append(self._claim(slug, j, rel, subject, obj, obj_text, pubs))
        title = f"{focus['drug'].label.capitalize()} for {focus['condition'].label}: a guide"
        text = self._text(title, claims)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if texts is not None:
            (texts / f"{slug}.txt").write_text(text, encoding="utf-8")
        e = self.entity_lines
        e.append(f"{source} {A} {m('SourceArticle')} .")
        e.append(f"{source} {LABEL} {lit(title)} .")
        e.append(f"{source} <{DCT}title> {lit(title)} .")
        e.append(f"{source} <{DCT}language> {lit('en')} .")
        e.append(f"{source} <{DCT}format> {lit('text/plain; charset=utf-8')} .")
        e.append(f"{source} {m('sha256')} {lit(sha)} .")
        e.append(f"{source} {m('sourceFile')} {lit(f'sources/{slug}.txt')} .")
        e.append(f"{source} {m('capturedOn')} {lit('2026-11', XSD + 'gYearMonth')} .")
        self._super_classes(source, "SourceArticle")
        out.write(f"<{BASE}graph/source/{slug}> {{\n")
        truthy: set[tuple[str, str, str]] = set()
        for c in claims:
            self._write_claim(out, c, source, text, truthy)
        out.write("}\n")
        self.claims += n

    def _pick(self, kind: str, focus: dict[str, Entity]) -> Entity:
        if kind in focus and self.rng.random() < 0.3:
            return focus[kind]
        return self.draw(kind)

    def _publication(self, slug: str, k: int, source: str) -> str:
        rng, e = self.rng, self.entity_lines
        pub = iri(f"{BASE}publication/{slug}-{k}")
        cls = rng.choice(PUBLICATION_TYPES)
        year = rng.randint(1990, 2025)
        e.append(f"{pub} {A} {m(cls)} .")
        e.append(f"{pub} {LABEL} {lit(f'{cls} cited in {slug} ({year})')} .")
        e.append(f"{pub} {m('citedIn')} {source} .")
        e.append(f"{pub} {m('citedAs')} {lit(f'a {year} study')} .")
        e.append(f"{pub} {m('year')} {lit(str(year), XSD + 'gYear')} .")
        has_id = rng.random() < 0.3
        if has_id:
            pmid = str(10_000_000 + self.publications)
            e.append(f"{pub} {m('pmid')} {lit(pmid)} .")
            e.append(f"{pub} <{SCHEMA}url> <https://pubmed.ncbi.nlm.nih.gov/{pmid}> .")
        self.derived.add(f"{pub} {m('lacksIdentifier')} {FALSE if has_id else TRUE} .")
        self._super_classes(pub, cls)
        self.publications += 1
        return pub

    def _claim(self, slug, j, rel, subject, obj, obj_text, pubs) -> dict:
        rng = self.rng
        certainty = self.certainty(rng)
        c = {"iri": iri(f"{BASE}claim/{slug}-{j:04d}"), "rel": rel, "s": subject, "o": obj,
             "certainty": certainty, "negated": rng.random() < NEGATED_RATE,
             "hedge": rng.choice(HEDGES[certainty]) if certainty in HEDGES else None,
             "efficacy": self.efficacy(rng) if rel == "treats" and rng.random() < 0.05 else None,
             "context": self.draw("condition").term if rel in THERAPEUTIC and rng.random() < 0.1 else None,
             "population": self.draw("population").term if rng.random() < 0.01 else None,
             "supported": rng.choice(pubs) if pubs and rng.random() < 0.15 else None,
             "disputed": rng.choice(pubs) if pubs and rng.random() < 0.01 else None,
             "comment": rng.random() < 0.3}
        s_label = subject.label if isinstance(subject, Entity) else "the study"
        verb = self.ontology.relation_labels[rel]
        sentence = f"{s_label} {'is not' if c['negated'] else ''} {verb} {obj_text}".replace("  ", " ")
        if c["hedge"]:
            sentence = (f"{c['hedge'].capitalize()} {sentence}" if certainty == "Doubted"
                        else f"{sentence}, {c['hedge']}")
        c["quote"] = sentence[0].upper() + sentence[1:] + f" (point {j + 1})."
        return c

    @staticmethod
    def _text(title: str, claims: list[dict]) -> str:
        parts, position = [title, "\n\n"], len(title) + 2
        for k, c in enumerate(claims):
            c["start"] = position
            parts.append(c["quote"])
            position += len(c["quote"])
            c["end"] = position
            gap = "\n\n" if k % 5 == 4 else " "
            parts.append(gap)
            position += len(gap)
        return "".join(parts)

    def _write_claim(self, out, c: dict, source: str, text: str, truthy: set) -> None:
        claim, rel = c["iri"], c["rel"]
        subject = c["s"].term if isinstance(c["s"], Entity) else c["s"]
        lines = [
            f"{claim} {A} {m('Claim')} .",
            f"{claim} <{RDF_NS}subject> {subject} .",
            f"{claim} <{RDF_NS}predicate> {m(rel)} .",
            f"{claim} <{RDF_NS}object> {c['o']} .",
            f"{claim} {m('statedIn')} {source} .",
            f"{claim} {m('quote')} {lit(c['quote'])} .",
            f"{claim} {m('certainty')} {m(c['certainty'])} .",
        ]
        if c["hedge"]:
            lines.append(f"{claim} {m('hedge')} {lit(c['hedge'])} .")
        if c["negated"]:
            lines.append(f"{claim} {m('negated')} {TRUE} .")
        for key, prop in (("efficacy", "efficacy"), ("context", "context"), ("population", "population"),
                          ("supported", "supportedBy"), ("disputed", "disputedBy")):
            if c[key]:
                value = m(c[key]) if key == "efficacy" else c[key]
                lines.append(f"{claim} {m(prop)} {value} .")
        if c["comment"]:
            lines.append(f"{claim} <{RDFS_NS}comment> {lit('Generated claim about ' + rel + '.')} .")
        base = claim[1:-1]
        target, by_quote, by_position = f"<{base}#target>", f"<{base}#quote>", f"<{base}#position>"
        start, end = c["start"], c["end"]
        lines += [
            f"{claim} {m('evidenceTarget')} {target} .",
            f"{target} {A} <{OA}SpecificResource> .",
            f"{target} <{OA}hasSource> {source} .",
            f"{target} <{OA}hasSelector> {by_quote} .",
            f"{target} <{OA}hasSelector> {by_position} .",
            f"{by_quote} {A} <{OA}TextQuoteSelector> .",
            f"{by_quote} <{OA}exact> {lit(text[start:end])} .",
            f"{by_quote} <{OA}prefix> {lit(text[max(0, start - CONTEXT_CHARS):start])} .",
            f"{by_quote} <{OA}suffix> {lit(text[end:end + CONTEXT_CHARS])} .",
            f"{by_position} {A} <{OA}TextPositionSelector> .",
            f"{by_position} <{OA}start> {lit(str(start), XSD + 'nonNegativeInteger')} .",
            f"{by_position} <{OA}end> {lit(str(end), XSD + 'nonNegativeInteger')} .",
        ]
        asserts = not c["negated"] and c["certainty"] != "Doubted"
        triple = (subject, rel, c["o"])
        if asserts and triple not in truthy:
            truthy.add(triple)
            self.asserted.add(triple)
            lines.append(f"{subject} {m(rel)} {c['o']} .")
        self.groups[triple].append((claim, source, c["negated"], c["certainty"], c["efficacy"]))
        out.write("\n".join(lines))
        out.write("\n")

    # --- derived ---------------------------------------------------------------------

    def derive(self) -> list[str]:
        """The derived graph: entailments, conflicts (as medkg.derive), flags and matches."""
        onto, out = self.ontology, self.derived
        asserted_lines = {f"{s} {m(p)} {o} ." for s, p, o in self.asserted}
        for s, p, o in self.asserted:
            for sup in onto.super_properties.get(p, ()):
                out.add(f"{s} {m(sup)} {o} .")
            if p in onto.symmetric and not o.startswith('"'):
                out.add(f"{o} {m(p)} {s} .")
        out -= asserted_lines
        for (s, p, o), group in self.groups.items():
            if len(group) < 2:
                continue
            for a, b in combinations(sorted(group), 2):
                kind = self._conflict_kind(a, b)
                if kind is None:
                    continue
                self.conflicts += 1
                node = f"<{BASE}conflict/{a[0][1:-1].rsplit('/', 1)[1]}--{b[0][1:-1].rsplit('/', 1)[1]}>"
                out.update((
                    f"{node} {A} {m('Conflict')} .",
                    f"{node} {m('conflictKind')} {m(kind)} .",
                    f"{node} {m('conflictingClaim')} {a[0]} .",
                    f"{node} {m('conflictingClaim')} {b[0]} .",
                    f"{node} {m('aboutSubject')} {s} .",
                    f"{node} {m('aboutPredicate')} {m(p)} .",
                    f"{node} {m('aboutObject')} {o} .",
                    f"{node} {m('crossSource')} {TRUE if a[1] != b[1] else FALSE} .",
                    f"{a[0]} {m('conflictsWith')} {b[0]} .",
                    f"{b[0]} {m('conflictsWith')} {a[0]} .",
                ))
        return sorted(out)

    def _conflict_kind(self, a: tuple, b: tuple) -> str | None:
        (_, _, a_neg, a_cert, a_eff), (_, _, b_neg, b_cert, b_eff) = a, b
        if a_neg != b_neg:
            return "PolarityConflict"
        if a_neg:
            return None
        firm = {"Asserted", "Typical"}
        if {a_cert == "Doubted", b_cert == "Doubted"} == {True, False} and (a_cert in firm or b_cert in firm):
            return "CertaintyConflict"
        favours = {self.ontology.favourable.get(a_eff), self.ontology.favourable.get(b_eff)}
        if {True, False} <= favours:
            return "EfficacyConflict"
        return None


def write_graph(fh, name: str, lines: list[str]) -> None:
    fh.write(f"<{BASE}graph/{name}> {{\n")
    fh.write("\n".join(lines))
    fh.write("\n}\n")


def generate(claims: int, *, seed: int = 7, out: Path = ROOT / "benchmarks" / "data",
             texts: bool = False) -> Path:
    """Write ``<out>/claims-<claims>/medkg.trig`` and return that build directory."""
    directory = out / f"claims-{claims}"
    directory.mkdir(parents=True, exist_ok=True)
    text_dir = None
    if texts:
        text_dir = directory / "sources"
        text_dir.mkdir(exist_ok=True)
    corpus = Corpus(claims, seed)
    partial = directory / ".medkg.trig.partial"
    with open(partial, "w", encoding="utf-8") as fh:  # TriG: the graphs' order does not matter
        write_graph(fh, "ontology", corpus.ontology.lines)
        corpus.write_articles(fh, text_dir)
        write_graph(fh, "entities", corpus.entity_lines)
        write_graph(fh, "derived", corpus.derive())
    partial.replace(directory / "medkg.trig")
    stats = {"claims": corpus.claims, "sources": corpus.sources, "publications": corpus.publications,
             "entities": sum(len(p) for p in corpus.pools.values()), "conflicts": corpus.conflicts, "seed": seed}
    (directory / "corpus.json").write_text(json.dumps(stats, indent=2) + "\n")
    return directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="number of claims (default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--texts", action="store_true", help="also write each article's text")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    directory = generate(args.claims, seed=args.seed, out=args.out, texts=args.texts)
    size = (directory / "medkg.trig").stat().st_size
    stats = json.loads((directory / "corpus.json").read_text())
    print(f"{directory / 'medkg.trig'}: {size / 1e6:.0f} MB in {time.perf_counter() - t0:.1f} s; "
          + ", ".join(f"{v} {k}" for k, v in stats.items() if k != "seed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
