"""Analyses for the questions a clinician-researcher asks, over the evidence-keeping views.

Each function takes the entity view of :func:`medkg.to_networkx` first (``claims_frame``
takes the store) and returns a :class:`pandas.DataFrame` with one row per finding and the
words and the source behind it. Nodes may be named by IRI, CURIE (``ent:glaucoma``), slug
(``glaucoma``) or label (``heart problems``, case-insensitive) — see :func:`resolve`.
In the frames, IRIs are written as CURIEs (``ent:amitriptyline``, ``src:…``, ``claim:…``),
which every function accepts back.

A claim **counts as asserted** when it is neither negated nor doubted (the edge attribute
``asserted``, the same rule by which the build writes its plain triple).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import Literal, URIRef

from .errors import MedkgError
from .network import local_name
from .vocab import ENT, PREFIXES

if TYPE_CHECKING:  # pandas and the SPARQL machinery load on first use, so `import medkg` stays quick
    import pandas as pd

    from .store import QueryResult, Store

#: ``medkg:rank`` of each certainty level in the ontology (higher is firmer).
CERTAINTY_RANK = {"Asserted": 4, "Typical": 3, "Possible": 2, "Limited": 1, "Doubted": 0}

#: Relations from a treatment to a condition: ``treats``, ``usedFor`` and its sub-relations.
THERAPEUTIC = frozenset({
    "treats", "usedFor", "primaryIndicationFor", "offLabelUseFor", "firstLineTreatmentFor",
    "laterLineTreatmentFor", "adjuvantTherapyFor",
})
#: Relations from a condition to a treatment.
THERAPEUTIC_REVERSED = frozenset({"recommendedApproach"})
#: Relations from a treatment to a condition that speak against the treatment.
THERAPEUTIC_AGAINST = frozenset({"notRecommendedFor"})
#: Safety relations from a drug to a patient's condition, most severe first.
CONTRAINDICATIONS = {"contraindicatedIn": "contraindication", "cautionIn": "caution"}
#: Comparison relations between a drug and its alternatives; the subject of the
#: ``favouring`` ones is the one the source prefers.
COMPARISONS = frozenset({
    "alternativeTo", "comparedWith", "betterToleratedThan", "comparableEfficacyTo", "fewerSideEffectsThan",
})
FAVOURING = frozenset({"betterToleratedThan", "fewerSideEffectsThan"})


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def curie(iri: str | None) -> str | None:
    """An IRI as a CURIE where a medkg prefix fits (``ent:glaucoma``), else unchanged."""
    from .query import short

    return None if iri is None else short(URIRef(iri))


def resolve(G: nx.MultiDiGraph, ref: str) -> str:
    """The IRI of the node that ``ref`` names: an IRI, a CURIE, an entity slug or a label.

    Labels are matched case-insensitively and must name exactly one node.

    Examples
    --------
    >>> import medkg
    >>> from medkg.analysis import resolve
    >>> G = medkg.to_networkx(medkg.load())
    >>> [resolve(G, ref) for ref in ("ent:glaucoma", "glaucoma", "Heart Problems")]
    ['https://w3id.org/medkg/entity/glaucoma', 'https://w3id.org/medkg/entity/glaucoma', 'https://w3id.org/medkg/entity/heart-disease']
    >>> resolve(G, "aspirin")
    Traceback (most recent call last):
    ...
    medkg.errors.MedkgError: no node 'aspirin' in the graph: give its IRI, ent:slug, slug or label
    """
    ref = ref.strip()
    if ref in G:
        return ref
    prefix, sep, local = ref.partition(":")
    if sep and prefix in PREFIXES and PREFIXES[prefix] + local in G:
        return PREFIXES[prefix] + local
    if str(ENT) + ref in G:
        return str(ENT) + ref
    wanted = ref.casefold()
    matches = sorted(n for n, label in G.nodes(data="label") if label and label.casefold() == wanted)
    if len(matches) > 1:
        raise MedkgError(f"{ref!r} is the label of {len(matches)} nodes ({', '.join(map(curie, matches))}); give one")
    if not matches:
        raise MedkgError(f"no node {ref!r} in the graph: give its IRI, ent:slug, slug or label")
    return matches[0]


def _as_list(refs: str | Iterable[str]) -> list[str]:
    return [refs] if isinstance(refs, str) else list(refs)


def _subtype_closure(G: nx.MultiDiGraph, node: str, *, upwards: bool) -> set[str]:
    """``node`` with its subtypes (or, ``upwards``, its supertypes) along asserted ``subtypeOf``."""
    found, todo = {node}, [node]
    while todo:
        current = todo.pop()
        edges = G.out_edges(current, data=True) if upwards else G.in_edges(current, data=True)
        for u, v, d in edges:
            other = v if upwards else u
            if d["relation"] == "subtypeOf" and d["asserted"] and other not in found:
                found.add(other)
                todo.append(other)
    return found


def _label(G: nx.MultiDiGraph, node: str | None) -> str | None:
    return None if node is None else G.nodes[node]["label"] if node in G else local_name(node)


def _is_against(d: dict[str, Any]) -> bool:
    return not d["asserted"] or d["relation"] in THERAPEUTIC_AGAINST


def treatment_options(G: nx.MultiDiGraph, condition: str, *, include_subtypes: bool = True,
                      include_context: bool = True) -> pd.DataFrame:
    """Drugs and therapies for a condition, ranked by the evidence for them.

    A claim is about a treatment *for* the condition when it relates the treatment to the
    condition by ``treats``, ``usedFor`` or a sub-relation of it (``firstLineTreatmentFor``,
    ``laterLineTreatmentFor``, ``offLabelUseFor``, ``primaryIndicationFor``,
    ``adjuvantTherapyFor``), by ``notRecommendedFor``, or the condition to the treatment by
    ``recommendedApproach``. With ``include_subtypes`` claims about the condition's subtypes
    (``chronic sciatica`` for ``sciatica``) count too; with ``include_context`` so do
    therapeutic claims whose ``medkg:context`` is the condition (amitriptyline treats
    neuropathic pain, in the context of spinal stenosis).

    A claim speaks **for** the treatment when it is asserted (neither negated nor doubted)
    and **against** it otherwise, or when it says ``notRecommendedFor``.

    Parameters
    ----------
    G : the entity view (``medkg.to_networkx(kg)``)
    condition : the condition, as IRI, CURIE, slug or label
    include_subtypes : also count claims about subtypes of the condition
    include_context : also count therapeutic claims made in the context of the condition

    Returns
    -------
    pandas.DataFrame
        One row per treatment, best first. Columns: ``treatment``, ``label``, ``type``,
        ``n_sources`` and ``sources`` (the source articles with a claim for it),
        ``best_certainty`` (the firmest of those claims), ``claims_for``,
        ``claims_against``, ``publications_for`` and ``publications_against`` (cited
        publications the sources give as evidence for or against the claimed triples,
        ``supportedBy``/``disputedBy``; reversed for ``notRecommendedFor``),
        ``efficacy`` (ratings given), ``relations`` (``not …`` when negated), ``claims``.

    Notes
    -----
    The ranking is lexicographic, so that each criterion is readable in its column:
    more independent sources first; then the firmer best certainty
    (Asserted > Typical > Possible > Limited); then more claims for than against
    (negated, doubted and not-recommended claims count against); then more supporting
    than disputing publications; then the label.

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> options = medkg.treatment_options(G, "sciatica")
    >>> options[["label", "n_sources", "sources", "best_certainty", "claims_for", "claims_against"]][:3].values.tolist()
    [['amitriptyline', 1, ['src:amitriptyline-sciatica'], 'Asserted', 11, 2], ['gentle movement', 1, ['src:amitriptyline-sciatica'], 'Typical', 2, 0], ['spinal injections', 1, ['src:amitriptyline-sciatica'], 'Typical', 2, 0]]
    >>> options.iloc[0]["relations"]
    ['laterLineTreatmentFor', 'not firstLineTreatmentFor', 'offLabelUseFor', 'treats']
    >>> options.iloc[-1][["label", "relations"]].tolist()
    ['complete bed rest', ['notRecommendedFor']]
    """
    target = resolve(G, condition)
    targets = _subtype_closure(G, target, upwards=False) if include_subtypes else {target}
    per_treatment: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        relation = d["relation"]
        if relation in THERAPEUTIC | THERAPEUTIC_AGAINST and v in targets:
            per_treatment[u].append(d)
        elif relation in THERAPEUTIC_REVERSED and u in targets:
            per_treatment[v].append(d)
        elif include_context and relation in THERAPEUTIC and d["context"] in targets:
            per_treatment[u].append(d)

    rows = []
    for treatment, claims in per_treatment.items():
        pro = [d for d in claims if not _is_against(d)]
        con = [d for d in claims if _is_against(d)]
        # supportedBy/disputedBy speak for/against the claimed triple, negated or doubted or not;
        # only a "not recommended" triple is itself against the treatment
        pubs_for, pubs_against = set(), set()
        for d in claims:
            reverse = d["relation"] in THERAPEUTIC_AGAINST
            (pubs_against if reverse else pubs_for).update(d["supported_by"])
            (pubs_for if reverse else pubs_against).update(d["disputed_by"])
        best = max(pro, key=lambda d: CERTAINTY_RANK.get(d["certainty"], -1), default=None)
        rows.append({
            "treatment": curie(treatment),
            "label": _label(G, treatment),
            "type": G.nodes[treatment]["type"],
            "n_sources": len({d["source"] for d in pro}),
            "sources": sorted(curie(s) for s in {d["source"] for d in pro}),
            "best_certainty": best["certainty"] if best else None,
            "claims_for": len(pro),
            "claims_against": len(con),
            "publications_for": sorted(map(curie, pubs_for)),
            "publications_against": sorted(map(curie, pubs_against)),
            "efficacy": sorted({d["efficacy"] for d in claims if d["efficacy"]}),
            "relations": sorted({("not " if d["negated"] else "") + d["relation"] for d in claims}),
            "claims": sorted(curie(d["claim"]) for d in claims),
        })
    rows.sort(key=lambda r: (
        -r["n_sources"], -CERTAINTY_RANK.get(r["best_certainty"], -1), -(r["claims_for"] - r["claims_against"]),
        -(len(r["publications_for"]) - len(r["publications_against"])), r["label"].casefold(), r["treatment"],
    ))
    return _frame(rows, ["treatment", "label", "type", "n_sources", "sources", "best_certainty", "claims_for",
                         "claims_against", "publications_for", "publications_against", "efficacy", "relations",
                         "claims"])


_EVIDENCE_COLUMNS = ["certainty", "hedge", "negated", "source", "quote", "claim"]


def _evidence(d: dict[str, Any]) -> dict[str, Any]:
    return {"certainty": d["certainty"], "hedge": d["hedge"], "negated": d["negated"],
            "source": curie(d["source"]), "quote": d["quote"], "claim": curie(d["claim"])}


def safety_check(G: nx.MultiDiGraph, *, drugs: str | Iterable[str], conditions: str | Iterable[str] = (),
                 serious_adverse_effects: bool = True) -> pd.DataFrame:
    """What the sources say against giving these drugs to a patient with these conditions.

    A contraindication (``contraindicatedIn``) or caution (``cautionIn``) applies when its
    condition is one of the patient's or a supertype of one (a contraindication in spinal
    stenosis applies to lumbar spinal stenosis). Each drug's serious adverse effects
    (``seriousAdverseEffect``) are listed too, whatever the conditions.

    Parameters
    ----------
    G : the entity view (``medkg.to_networkx(kg)``)
    drugs : the drugs, each as IRI, CURIE, slug or label
    conditions : the patient's conditions, likewise
    serious_adverse_effects : also list each drug's serious adverse effects

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``drug``, ``drug_label``, ``kind`` (``contraindication``,
        ``caution``, ``serious adverse effect``), ``relation``, ``condition``,
        ``condition_label``, ``patient_condition`` (the patient's condition it applies
        to), ``certainty``, ``hedge``, ``negated``, ``source``, ``quote``, ``claim``.
        Sorted by drug, kind (most severe first), condition and source.

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> rows = medkg.safety_check(G, drugs=["amitriptyline"], conditions=["glaucoma", "heart problems"])
    >>> rows[rows.kind != "serious adverse effect"][["kind", "condition_label", "source"]].values.tolist()
    [['contraindication', 'glaucoma', 'src:amitriptyline-spinal-stenosis'], ['contraindication', 'heart problems', 'src:amitriptyline-spinal-stenosis'], ['caution', 'glaucoma', 'src:amitriptyline-sciatica'], ['caution', 'heart problems', 'src:amitriptyline-sciatica']]
    >>> print(rows.iloc[0]["quote"])
    It’s not good for people with heart problems, glaucoma, or trouble with urination.
    >>> sorted(set(rows[rows.kind == "serious adverse effect"]["condition_label"]))[:3]
    ['changes in vision', 'confusion', 'eye pain']
    """
    severity = {kind: i for i, kind in enumerate([*CONTRAINDICATIONS.values(), "serious adverse effect"])}
    patient = {c: _subtype_closure(G, c, upwards=True) for c in (resolve(G, r) for r in _as_list(conditions))}
    rows = []
    for drug in sorted({resolve(G, r) for r in _as_list(drugs)}):
        for _, condition, d in G.out_edges(drug, data=True):
            kind, applies_to = CONTRAINDICATIONS.get(d["relation"]), None
            if kind is not None:
                applies_to = sorted(c for c, supers in patient.items() if condition in supers)
                if not applies_to:
                    continue
            elif serious_adverse_effects and d["relation"] == "seriousAdverseEffect":
                kind = "serious adverse effect"
            else:
                continue
            rows.append({"drug": curie(drug), "drug_label": _label(G, drug), "kind": kind, "relation": d["relation"],
                         "condition": curie(condition), "condition_label": _label(G, condition),
                         "patient_condition": ", ".join(_label(G, c) for c in applies_to) if applies_to else None,
                         **_evidence(d)})
    rows.sort(key=lambda r: (r["drug"], severity[r["kind"]], r["condition_label"].casefold(), r["source"], r["claim"]))
    return _frame(rows, ["drug", "drug_label", "kind", "relation", "condition", "condition_label",
                         "patient_condition", *_EVIDENCE_COLUMNS])


def alternatives(G: nx.MultiDiGraph, drug: str, *, condition: str | None = None) -> pd.DataFrame:
    """Alternatives to a drug and how the sources compare them with it.

    Reads ``alternativeTo`` and ``comparedWith`` with its sub-relations
    (``betterToleratedThan``, ``comparableEfficacyTo``, ``fewerSideEffectsThan``) in either
    direction. With a ``condition``, claims made in the context of another condition are
    left out (claims without a context, and those in the context of the condition, its
    subtypes or supertypes, are kept).

    Parameters
    ----------
    G : the entity view (``medkg.to_networkx(kg)``)
    drug : the drug, as IRI, CURIE, slug or label
    condition : keep only claims that apply to this condition

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``alternative``, ``alternative_label``, ``relation``,
        ``statement`` (the claim in words, subject first), ``favours`` (the entity a
        ``betterToleratedThan``/``fewerSideEffectsThan`` claim prefers), ``context``,
        ``certainty``, ``hedge``, ``negated``, ``source``, ``quote``, ``claim``.

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> alts = medkg.alternatives(G, "amitriptyline")
    >>> sorted(set(alts["statement"][alts.alternative == "ent:gabapentin"]))
    ['gabapentin alternative to amitriptyline', 'gabapentin better tolerated than amitriptyline', 'gabapentin comparable efficacy to amitriptyline', 'gabapentin fewer side effects than amitriptyline']
    >>> print(alts[alts.relation == "comparableEfficacyTo"].iloc[0]["quote"])
    Some trials suggest gabapentin may have comparable efficacy with potentially fewer side effects.
    >>> sorted(set(medkg.alternatives(G, "amitriptyline", condition="spinal stenosis")["alternative_label"]))
    ['NSAIDs', 'analgesics', 'anticonvulsants', 'antidepressants', 'gabapentin', 'muscle relaxants', 'pregabalin']
    """
    center = resolve(G, drug)
    relevant = None
    if condition is not None:
        node = resolve(G, condition)
        relevant = _subtype_closure(G, node, upwards=False) | _subtype_closure(G, node, upwards=True)
    rows = []
    for subject, obj, d in [*G.in_edges(center, data=True), *G.out_edges(center, data=True)]:
        other = subject if obj == center else obj
        if d["relation"] not in COMPARISONS or other == center:
            continue
        if relevant is not None and d["context"] is not None and d["context"] not in relevant:
            continue
        favours = subject if d["relation"] in FAVOURING and not d["negated"] else None
        rows.append({
            "alternative": curie(other), "alternative_label": _label(G, other), "relation": d["relation"],
            "statement": f"{_label(G, subject)} {'not ' if d['negated'] else ''}{d['label']} {_label(G, obj)}",
            "favours": curie(favours), "context": curie(d["context"]), **_evidence(d),
        })
    rows.sort(key=lambda r: (r["alternative_label"].casefold(), r["relation"], r["source"], r["claim"]))
    return _frame(rows, ["alternative", "alternative_label", "relation", "statement", "favours", "context",
                         *_EVIDENCE_COLUMNS])


def explain_connection(G: nx.MultiDiGraph, a: str, b: str, *, max_paths: int = 3,
                       all_evidence: bool = False) -> pd.DataFrame:
    """The shortest chains of evidence that connect two nodes.

    Paths run over asserted claims (neither negated nor doubted) in either direction;
    parallel claims between two nodes make one step. Of the paths of equal length, those
    with the alphabetically first labels come first.

    Parameters
    ----------
    G : the entity view (``medkg.to_networkx(kg)``)
    a, b : the two nodes, as IRI, CURIE, slug or label
    max_paths : how many paths to return, shortest first
    all_evidence : one row per claim of each step instead of the firmest one

    Returns
    -------
    pandas.DataFrame
        One row per step (``path``, ``step`` from 1): ``from``, ``from_label``,
        ``relation``, ``direction`` (``→`` when the claim's subject is ``from``, else
        ``←``), ``to``, ``to_label``, ``n_claims`` (claims for the step), then the
        evidence: ``certainty``, ``hedge``, ``negated``, ``source``, ``quote``, ``claim``.
        Empty when the nodes are not connected.

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> steps = medkg.explain_connection(G, "gabapentin", "glaucoma", max_paths=1)
    >>> steps[["from_label", "relation", "direction", "to_label", "n_claims"]].values.tolist()
    [['gabapentin', 'alternativeTo', '→', 'amitriptyline', 6], ['amitriptyline', 'cautionIn', '→', 'glaucoma', 2]]
    >>> print(steps.iloc[1]["quote"][:60])
    Individuals with certain pre-existing conditions, such as so
    """
    start, end = resolve(G, a), resolve(G, b)
    columns = ["path", "step", "from", "from_label", "relation", "direction", "to", "to_label", "n_claims",
               *_EVIDENCE_COLUMNS]
    evidence: dict[frozenset[str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d["asserted"] and u != v:
            evidence[frozenset((u, v))].append((u, v, d))
    H = nx.Graph()
    H.add_nodes_from(sorted(G))  # a fixed insertion order keeps the search deterministic
    H.add_edges_from(sorted(tuple(sorted(pair)) for pair in evidence))
    if start == end or not nx.has_path(H, start, end):
        return _frame([], columns)
    # take every path as short as the max_paths-th one, so ties are broken by label, not search order
    candidates: list[list[str]] = []
    for path in islice(nx.shortest_simple_paths(H, start, end), 50 * max_paths):
        if len(candidates) >= max_paths and len(path) > len(candidates[max_paths - 1]):
            break
        candidates.append(path)
    candidates.sort(key=lambda p: (len(p), [_label(G, n).casefold() for n in p], p))
    rows = []
    for number, path in enumerate(candidates[:max_paths], start=1):
        for step, (x, y) in enumerate(zip(path, path[1:]), start=1):
            claims = sorted(evidence[frozenset((x, y))],
                            key=lambda e: (-CERTAINTY_RANK.get(e[2]["certainty"], -1), e[2]["source"], e[2]["claim"]))
            for u, _, d in claims if all_evidence else claims[:1]:
                rows.append({"path": number, "step": step, "from": curie(x), "from_label": _label(G, x),
                             "relation": d["relation"], "direction": "→" if u == x else "←", "to": curie(y),
                             "to_label": _label(G, y), "n_claims": len(claims), **_evidence(d)})
    return _frame(rows, columns)


def conflicts(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Claims that disagree about the same triple, side by side (one row per pair).

    The pairs are those the build linked by ``medkg:conflictsWith``. The kind is read off
    the two claims as the build decides it: *polarity* when one is negated, *certainty*
    when one is doubted, otherwise *efficacy* (a favourable against an unfavourable rating).

    Returns
    -------
    pandas.DataFrame
        ``subject``, ``subject_label``, ``relation``, ``object``, ``object_label``,
        ``kind``, ``cross_source``, then for each claim (suffix ``_a``, ``_b``, the
        claims in IRI order): ``claim``, ``source``, ``certainty``, ``negated``,
        ``efficacy``, ``quote``.

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> table = medkg.conflicts(G)
    >>> len(table), int(table["cross_source"].sum()), table["kind"].value_counts().to_dict()
    (9, 8, {'certainty': 6, 'efficacy': 3})
    >>> row = table.iloc[-1]
    >>> row[["subject_label", "relation", "object_label", "kind", "certainty_a", "certainty_b"]].tolist()
    ['amitriptyline', 'treats', 'neuropathic pain', 'certainty', 'Doubted', 'Asserted']
    >>> print(row["quote_a"][:75])
    A 2015 Cochrane review found no robust, unbiased evidence for amitriptyline
    >>> print(row["quote_b"])
    | Neuropathic Pain | Off-label use | Moderate to High |
    """
    by_claim = {d["claim"]: (u, v, d) for u, v, d in G.edges(data=True)}
    side = ["claim", "source", "certainty", "negated", "efficacy", "quote"]
    rows = []
    for claim_a, (u, v, a) in sorted(by_claim.items()):
        for claim_b in a["conflicts_with"]:
            if claim_b <= claim_a or claim_b not in by_claim:
                continue
            b = by_claim[claim_b][2]
            if a["negated"] != b["negated"]:
                kind = "polarity"
            elif "Doubted" in (a["certainty"], b["certainty"]):
                kind = "certainty"
            else:
                kind = "efficacy"
            row = {"subject": curie(u), "subject_label": _label(G, u), "relation": a["relation"],
                   "object": curie(v), "object_label": _label(G, v), "kind": kind,
                   "cross_source": a["source"] != b["source"]}
            for suffix, d in (("a", a), ("b", b)):
                row |= {f"{name}_{suffix}": value for name, value in _evidence(d).items() if name in side}
                row[f"efficacy_{suffix}"] = d["efficacy"]
            rows.append(row)
    return _frame(rows, ["subject", "subject_label", "relation", "object", "object_label", "kind", "cross_source",
                         *(f"{name}_{s}" for s in "ab" for name in side)])


def nodes_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """The nodes of the entity view as a table, one row per node, sorted by IRI.

    Columns: ``node`` (CURIE), ``label``, ``type``, ``types``, ``xrefs``, ``out_degree``
    and ``in_degree`` (claims about it as subject/object), ``n_facts`` (literal-valued
    claims), ``sources`` (source articles with a claim about it).

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> nodes = medkg.nodes_frame(G)
    >>> len(nodes) == G.number_of_nodes(), sorted(nodes[nodes.type == "Drug"]["label"])
    (True, ['acetaminophen', 'amitriptyline', 'gabapentin', 'ibuprofen', 'naproxen', 'pregabalin'])
    >>> nodes[nodes.node == "ent:glaucoma"][["label", "in_degree", "sources"]].values.tolist()
    [['glaucoma', 4, ['src:amitriptyline-sciatica', 'src:amitriptyline-spinal-stenosis']]]
    """
    rows = []
    for node, data in sorted(G.nodes(data=True)):
        sources = {d["source"] for *_, d in G.in_edges(node, data=True)}
        sources |= {d["source"] for *_, d in G.out_edges(node, data=True)} | {f["source"] for f in data["facts"]}
        rows.append({"node": curie(node), "label": data["label"], "type": data["type"], "types": data["types"],
                     "xrefs": data["xrefs"], "out_degree": G.out_degree(node), "in_degree": G.in_degree(node),
                     "n_facts": len(data["facts"]), "sources": sorted(map(curie, sources))})
    return _frame(rows, ["node", "label", "type", "types", "xrefs", "out_degree", "in_degree", "n_facts", "sources"])


_EDGE_COLUMNS = ["claim", "subject", "subject_label", "relation", "object", "object_label", "family", "source",
                 "certainty", "hedge", "negated", "asserted", "efficacy", "context", "population", "quote", "start",
                 "end", "supported_by", "disputed_by", "conflicts_with"]


def edges_frame(G: nx.MultiDiGraph) -> pd.DataFrame:
    """The claims between entities (the edges of the entity view), one row each, by claim IRI.

    Columns: ``claim``, ``subject``, ``subject_label``, ``relation``, ``object``,
    ``object_label``, ``family``, ``source``, ``certainty``, ``hedge``, ``negated``,
    ``asserted``, ``efficacy``, ``context``, ``population``, ``quote``, ``start``,
    ``end``, ``supported_by``, ``disputed_by``, ``conflicts_with``.

    Examples
    --------
    >>> import medkg
    >>> G = medkg.to_networkx(medkg.load())
    >>> edges = medkg.edges_frame(G)
    >>> len(edges) == G.number_of_edges(), edges["relation"].value_counts().head(3).to_dict()
    (True, {'treats': 55, 'commonAdverseEffect': 26, 'usedFor': 23})
    """
    rows = []
    for u, v, d in G.edges(data=True):
        rows.append({
            "claim": curie(d["claim"]), "subject": curie(u), "subject_label": _label(G, u), "relation": d["relation"],
            "object": curie(v), "object_label": _label(G, v), "family": d["family"], "source": curie(d["source"]),
            "certainty": d["certainty"], "hedge": d["hedge"], "negated": d["negated"], "asserted": d["asserted"],
            "efficacy": d["efficacy"], "context": curie(d["context"]), "population": curie(d["population"]),
            "quote": d["quote"], "start": d["start"], "end": d["end"],
            "supported_by": [curie(p) for p in d["supported_by"]], "disputed_by": [curie(p) for p in d["disputed_by"]],
            "conflicts_with": [curie(c) for c in d["conflicts_with"]],
        })
    rows.sort(key=lambda r: r["claim"])
    return _frame(rows, _EDGE_COLUMNS)


_CLAIMS_QUERY = """
SELECT ?claim ?subject ?predicate ?object ?source ?quote ?certainty ?hedge ?negated ?efficacy
       ?context ?population ?start ?end WHERE {
  ?claim a medkg:Claim ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?claim medkg:statedIn ?source }
  OPTIONAL { ?claim medkg:quote ?quote }
  OPTIONAL { ?claim medkg:certainty ?certainty }
  OPTIONAL { ?claim medkg:hedge ?hedge }
  OPTIONAL { ?claim medkg:negated ?negated }
  OPTIONAL { ?claim medkg:efficacy ?efficacy }
  OPTIONAL { ?claim medkg:context ?context }
  OPTIONAL { ?claim medkg:population ?population }
  OPTIONAL { ?claim medkg:evidenceTarget/oa:hasSelector ?selector . ?selector oa:start ?start ; oa:end ?end }
}
"""

_CLAIM_LINKS_QUERY = """
SELECT ?claim ?link ?target WHERE {
  VALUES ?link { medkg:supportedBy medkg:disputedBy medkg:conflictsWith }
  ?claim a medkg:Claim ; ?link ?target .
}
"""


def claims_frame(kg: Store) -> pd.DataFrame:
    """Every claim of the store, one row each, by claim IRI — literal-valued claims included.

    Parameters
    ----------
    kg : a medkg store (``medkg.load()``, any backend)

    Returns
    -------
    pandas.DataFrame
        ``claim``, ``subject``, ``relation``, ``object`` (a CURIE, or the literal's text),
        ``object_is_literal``, ``source``, ``quote``, ``certainty``, ``hedge``,
        ``negated``, ``asserted``, ``efficacy``, ``context``, ``population``, ``start``,
        ``end``, ``supported_by``, ``disputed_by``, ``conflicts_with``.

    Examples
    --------
    >>> import medkg
    >>> claims = medkg.claims_frame(medkg.load())
    >>> len(claims), claims["source"].value_counts().to_dict()
    (401, {'src:amitriptyline-spinal-stenosis': 228, 'src:amitriptyline-sciatica': 173})
    >>> claims[claims.relation == "timeToFullEffect"]["object"].tolist()
    ['6 to 8 weeks']
    """
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for claim, link, target in kg.query(_CLAIM_LINKS_QUERY).rows:
        links[(str(claim), local_name(link))].add(curie(str(target)))
    first: dict[str, dict[str, Any]] = {}
    records = sorted(kg.query(_CLAIMS_QUERY).records(), key=lambda r: tuple(str(v) for v in r.values()))
    for r in records:
        claim = str(r["claim"])
        if claim in first:  # a second selector or value: the first in sorted order is kept
            continue
        negated = r["negated"] is not None and r["negated"].toPython() is True
        certainty = local_name(r["certainty"])
        obj = r["object"]
        first[claim] = {
            "claim": curie(claim), "subject": curie(str(r["subject"])), "relation": local_name(r["predicate"]),
            "object": str(obj) if isinstance(obj, Literal) else curie(str(obj)),
            "object_is_literal": isinstance(obj, Literal), "source": curie(_str(r["source"])),
            "quote": _str(r["quote"]), "certainty": certainty, "hedge": _str(r["hedge"]), "negated": negated,
            "asserted": not negated and certainty != "Doubted", "efficacy": local_name(r["efficacy"]),
            "context": curie(_str(r["context"])), "population": curie(_str(r["population"])),
            "start": _int(r["start"]), "end": _int(r["end"]),
            **{column: sorted(links[(claim, link)]) for column, link in
               (("supported_by", "supportedBy"), ("disputed_by", "disputedBy"), ("conflicts_with", "conflictsWith"))},
        }
    rows = [first[c] for c in sorted(first)]
    return _frame(rows, ["claim", "subject", "relation", "object", "object_is_literal", "source", "quote",
                         "certainty", "hedge", "negated", "asserted", "efficacy", "context", "population", "start",
                         "end", "supported_by", "disputed_by", "conflicts_with"])


def _str(term: Any) -> str | None:
    return None if term is None else str(term)


def _int(term: Any) -> int | None:
    return None if term is None else int(term)


def result_frame(result: QueryResult) -> pd.DataFrame:
    """A SELECT result (``medkg.query(kg, …)``) as a DataFrame: IRIs as CURIEs, literals as
    Python values (numbers, booleans, text), unbound as ``None``.

    Examples
    --------
    >>> import medkg
    >>> from medkg.analysis import result_frame
    >>> kg = medkg.load()
    >>> result_frame(kg.query("SELECT ?drug WHERE { ?drug a medkg:Drug } ORDER BY ?drug LIMIT 2"))["drug"].tolist()
    ['ent:acetaminophen', 'ent:amitriptyline']
    """
    from .query import short

    if result.kind != "select":
        raise MedkgError(f"a {result.kind.upper()} result has no rows to tabulate; use a SELECT query")

    def value(term: Any) -> Any:
        if term is None:
            return None
        if isinstance(term, Literal):
            python = term.toPython()
            if isinstance(python, Decimal):
                return float(python)
            return python if isinstance(python, (bool, int, float, str)) else str(term)
        return short(term)

    return _frame([{v: value(t) for v, t in zip(result.vars, row)} for row in result.rows], list(result.vars))
