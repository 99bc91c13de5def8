"""Self-contained HTML views of the entity graph, drawn with vis-network through pyvis.

Every page is one file that opens offline (``file://``, a double-click): pyvis builds the
vis-network nodes, edges and options, and the page inlines the vis-network library that
pyvis ships, its own stylesheet and a little vanilla JavaScript (``templates/graph.js``)
for the side panel — search, filters by kind of entity and by relation family, a legend,
and the evidence of whatever is clicked. Nothing is fetched from the network: pyvis's own
template links Bootstrap from a CDN even with ``cdn_resources="in_line"``, so the page is
rendered from medkg's template instead (``templates/graph.html``).

**Safety.** Labels, quotes and titles come from articles, so they are only ever shown as
text: the page template escapes everything it prints, the view's data travels as JSON in
a ``<script type="application/json">`` with every ``<`` written as ``\\u003c`` (so no
text can close the script), and the panel is filled with ``textContent``. No vis-network
``title`` (which vis renders as HTML) is set.

**Determinism.** Nodes are written in a fixed order (by number of claims, then IRI: hubs
last, so they are drawn on top), edges by IRI, JSON keys sorted, and the layout is seeded
(``layout.randomSeed``), so the same graph gives the same bytes and the same picture. The
physics runs until the layout is stable, then stops.

Views, each a function of the networkx entity view (:func:`medkg.to_networkx`):

==========================  =====================================================
:func:`neighbourhood`       an entity and everything within ``depth`` claims of it
                            (at most :data:`MAX_NEIGHBOURS`: the most connected)
:func:`treatment_map`       a condition (and its subtypes), what treats it, how the
                            treatments compare, and the publications behind them
:func:`source_view`         every claim one source article makes
==========================  =====================================================

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ent:a", label="amitriptyline", type="Drug", types=["Drug"], xrefs=[], facts=[])
>>> page = html_page(G, title="<one> & two")
>>> "<title>&lt;one&gt; &amp; two</title>" in page, "https://" in page.split("<script")[0]
(True, False)
"""

from __future__ import annotations

import copy
import difflib
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from .errors import MedkgError
from .network import local_name
from .rdfio import write_atomically
from .vocab import ENT, SRC

DEFAULT_TITLE = "medkg — entity graph"
#: Claims whose certainty is one of these are drawn dashed.
HEDGED = frozenset({"Possible", "Limited", "Doubted"})
#: Above this many claims, edges carry no text label (it would only add clutter).
EDGE_LABEL_LIMIT = 80
SPRING_LENGTH = 90
#: :func:`neighbourhood` keeps at most this many entities around its focus (the most
#: connected): more is too much for a browser to lay out. Above the real graph's 178 entities,
#: so none of its views is capped.
MAX_NEIGHBOURS = 200


@dataclass(frozen=True)
class Kind:
    """How one kind of entity is drawn: a colour, a vis-network shape, the classes it covers."""

    name: str
    colour: str
    shape: str
    classes: tuple[str, ...]


# First match wins, so a publication is never a "condition", an adverse effect never a
# plain condition; a node matches on any of its medkg classes (see network.py's ``types``).
KINDS = (
    Kind("drug", "#2563eb", "dot", ("Drug", "DrugClass", "DosingRegimen")),
    Kind("adverse effect", "#ea580c", "triangle", ("AdverseEffect",)),
    Kind("condition", "#dc2626", "square", ("Disease", "Condition", "Symptom")),
    Kind("therapy, procedure", "#16a34a", "diamond", ("Therapy", "NonDrugTherapy", "Procedure")),
    Kind("mechanism, molecule", "#7c3aed", "hexagon", ("Mechanism", "MolecularEntity")),
    Kind("anatomy", "#0d9488", "triangleDown", ("AnatomicalStructure",)),
    Kind("publication", "#ca8a04", "star", ("Publication",)),
    Kind("other", "#64748b", "dot", ()),
)

#: Edge colour of each relation family (``medkg:family``); relations without one are "other".
FAMILIES = {
    "therapeutic": "#15803d",
    "safety": "#dc2626",
    "pharmacology": "#7c3aed",
    "dosing": "#2563eb",
    "etiology": "#b45309",
    "clinical": "#0891b2",
    "comparison": "#db2777",
    "evidence": "#57534e",
    "other": "#94a3b8",
}

#: Dash patterns (vis-network ``dashes``) and what they mean, for edges and the legend.
LINE_STYLES = {
    "plain": (False, "asserted (or typical)"),
    "hedged": ([8, 6], "hedged: possible, limited or doubted"),
    "negated": ([2, 5], "negated, or in conflict with another claim"),
}

_SHAPE_ICONS = {  # 16×16 SVG for the legend, one per vis-network shape used above
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "triangle": '<polygon points="8,1.5 14.5,14 1.5,14"/>',
    "triangleDown": '<polygon points="1.5,2 14.5,2 8,14.5"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "hexagon": '<polygon points="4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8"/>',
    "star": '<polygon points="8,1 9.9,5.8 15,6 11,9.2 12.4,14.5 8,11.5 3.6,14.5 5,9.2 1,6 6.1,5.8"/>',
}

OPTIONS: dict[str, Any] = {
    # same seed, same layout: the picture does not change between builds or reloads
    "layout": {"randomSeed": 1, "improvedLayout": False},
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -160, "centralGravity": 0.03, "springLength": SPRING_LENGTH,
                             "springConstant": 0.05, "damping": 0.5, "avoidOverlap": 1},
        "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 25, "fit": True},
        "minVelocity": 1.0,
    },
    "nodes": {
        "borderWidth": 1.5,
        "font": {"size": 26, "face": "system-ui, sans-serif", "color": "#111827",
                 "strokeWidth": 4, "strokeColor": "#ffffff"},
        # hubs are drawn larger, with larger labels, so they stay legible when zoomed out
        "scaling": {"min": 10, "max": 40,
                    "label": {"enabled": True, "min": 26, "max": 42, "maxVisible": 42, "drawThreshold": 5}},
        "widthConstraint": {"maximum": 280},
    },
    "edges": {
        "width": 1.4,
        "selectionWidth": 4,
        "hoverWidth": 1.5,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
        "smooth": False,
        "font": {"size": 15, "color": "#374151", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
    },
    "interaction": {"hover": True, "hoverConnectedEdges": False, "tooltipDelay": 150, "keyboard": False},
}



def options_for(node_count: int) -> dict[str, Any]:
    """:data:`OPTIONS` for a view of ``node_count`` entities: a whole graph is seen zoomed
    out, so its labels are drawn larger than those of a small view seen at full size."""
    options = copy.deepcopy(OPTIONS)
    grow = min(1.0, node_count / 150)
    label = options["nodes"]["scaling"]["label"]
    label["min"] = options["nodes"]["font"]["size"] = round(15 + 11 * grow)
    label["max"] = label["maxVisible"] = round(24 + 18 * grow)
    return options


_TEMPLATES = resources.files("medkg") / "templates"
# the vis-network that pyvis ships (and its in_line mode inlines)
_VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


# --- focused views -------------------------------------------------------------------


def resolve(G: nx.MultiDiGraph, name: str) -> str:
    """The node of ``G`` that ``name`` means: its IRI, its slug (``amitriptyline``) or its
    label, in that order; a :class:`MedkgError` naming close matches if there is none.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://w3id.org/medkg/entity/low-back-pain", label="low back pain")
    >>> resolve(G, "low-back-pain") == resolve(G, "Low back pain") == "https://w3id.org/medkg/entity/low-back-pain"
    True
    """
    if name in G:
        return name
    if str(ENT) + name in G:  # not ENT[name]: rdflib warns about names that are no IRI
        return str(ENT) + name
    by_slug = [n for n in G if local_name(n) == name]
    if len(by_slug) == 1:
        return by_slug[0]
    by_label = [n for n in G if str(G.nodes[n].get("label", "")).casefold() == name.casefold()]
    if len(by_label) == 1:
        return by_label[0]
    names = sorted({local_name(n) for n in G} | {str(G.nodes[n].get("label", "")) for n in G})
    close = difflib.get_close_matches(name, names, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise MedkgError(f"no entity {name!r} in the graph{hint}")


def neighbourhood(G: nx.MultiDiGraph, node: str, *, depth: int = 1,
                  max_neighbours: int | None = MAX_NEIGHBOURS) -> nx.MultiDiGraph:
    """``node`` and every entity within ``depth`` claims of it (in either direction), with
    every claim among them.

    A hub's neighbourhood can hold thousands of entities, more than a browser can lay out.
    If there are more than ``max_neighbours`` entities around the focus (``None``: no
    limit), only the most strongly connected are kept, nearest first: every entity one
    claim away if they fit, else the ``max_neighbours`` of them linked to the focus by the
    most claims (ties broken by IRI); then, while room is left, the entities two claims
    away linked by the most claims to those kept, and so on. Every claim among the kept
    entities is drawn, and ``H.graph["truncated"]`` records ``{"shown": k, "of": n}``
    neighbours (the page says so: see :func:`truncation_note`).

    Examples
    --------
    >>> G = nx.MultiDiGraph([("ent:a", "ent:b"), ("ent:b", "ent:c"), ("ent:d", "ent:a")])
    >>> sorted(neighbourhood(G, "ent:b", depth=1)), sorted(neighbourhood(G, "ent:b", depth=2))
    (['ent:a', 'ent:b', 'ent:c'], ['ent:a', 'ent:b', 'ent:c', 'ent:d'])
    >>> G.add_edge("ent:b", "ent:c")  # a second claim: c is now more connected to b than a is
    1
    >>> H = neighbourhood(G, "ent:b", depth=2, max_neighbours=1)
    >>> sorted(H), H.graph["truncated"]
    (['ent:b', 'ent:c'], {'shown': 1, 'of': 3})
    """
    if depth < 0:
        raise MedkgError(f"depth must be 0 or more, not {depth}")
    if max_neighbours is not None and max_neighbours < 0:
        raise MedkgError(f"max_neighbours must be 0 or more (or None: no limit), not {max_neighbours}")
    focus = resolve(G, node)
    levels = _levels(G, focus, depth)
    found = sum(len(level) for level in levels[1:])
    if max_neighbours is None or found <= max_neighbours:
        kept = set().union(*levels)
    else:
        kept = {focus}
        for previous, level in zip(levels, levels[1:]):
            room = max_neighbours - (len(kept) - 1)
            if len(level) > room:
                level = _strongest(G, level, previous, room)
            kept.update(level)
            if len(level) == room:
                break
    # the subgraph induced by the kept entities, as nx.ego_graph(G, focus, radius=depth,
    # undirected=True) builds it (without copying the whole graph to an undirected one)
    H = G.subgraph(kept).copy()
    H.graph.pop("truncated", None)  # G's own, if G is a capped view itself
    if len(kept) - 1 < found:
        H.graph["truncated"] = {"shown": len(kept) - 1, "of": found}
    label = G.nodes[focus].get("label", local_name(focus))
    return _focused(G, H, focus=focus, title=f"{label} — neighbourhood (depth {depth})",
                    name=f"entity-{local_name(focus)}-depth{depth}")


def _levels(G: nx.MultiDiGraph, focus: str, depth: int) -> list[list[str]]:
    """The entities 0, 1, … ``depth`` claims away from ``focus`` (in either direction),
    breadth first: ``[[focus], [its neighbours], …]``, without empty levels."""
    levels = [[focus]]
    seen = {focus}
    while len(levels) <= depth:
        level = []
        for n in levels[-1]:
            for m in (*G.successors(n), *G.predecessors(n)):
                if m not in seen:
                    seen.add(m)
                    level.append(m)
        if not level:
            break
        levels.append(level)
    return levels


def _strongest(G: nx.MultiDiGraph, candidates: list[str], anchors: list[str], room: int) -> list[str]:
    """The ``room`` candidates linked to the kept ``anchors`` (the level before theirs) by
    the most claims, either way; ties broken by IRI."""
    wanted = set(candidates)
    claims: dict[str, int] = dict.fromkeys(candidates, 0)
    for anchor in anchors:
        for adjacency in (G.succ[anchor], G.pred[anchor]):
            for other, keys in adjacency.items():
                if other in wanted:
                    claims[other] += len(keys)
    return sorted(candidates, key=lambda n: (-claims[n], n))[:room]


def truncation_note(H: nx.MultiDiGraph) -> str | None:
    """What a capped :func:`neighbourhood` leaves out, in words (``None`` if nothing).

    >>> truncation_note(nx.MultiDiGraph(truncated={"shown": 200, "of": 2330}))
    'only the 200 most connected of 2330 neighbours'
    """
    truncated = H.graph.get("truncated")
    if not truncated:
        return None
    return f"only the {truncated['shown']} most connected of {truncated['of']} neighbours"


def treatment_map(G: nx.MultiDiGraph, condition: str) -> nx.MultiDiGraph:
    """What treats ``condition`` and on what evidence.

    The map holds the condition and its subtypes (``subtypeOf``, transitively), every
    therapeutic claim between them and anything (drugs, therapies, procedures; "not
    recommended for" included), the comparisons between those treatments, and the
    publications that study them or are cited by those claims.

    Examples
    --------
    >>> import medkg
    >>> H = treatment_map(medkg.to_networkx(medkg.load()), "sciatica")
    >>> {"gabapentin", "physical therapy", "chronic sciatica"} <= {H.nodes[n]["label"] for n in H}
    True
    """
    focus = resolve(G, condition)
    kind = kind_of(G.nodes[focus].get("types") or [G.nodes[focus].get("type", "Entity")])
    if kind.name not in ("condition", "adverse effect"):
        label = G.nodes[focus].get("label", local_name(focus))
        raise MedkgError(f"{label!r} is a {G.nodes[focus].get('type', 'Entity')}, not a condition "
                         "(for its neighbourhood use --entity)")
    conditions = {focus}
    frontier = [focus]
    while frontier:  # subtypes of subtypes
        current = frontier.pop()
        for sub, _, data in G.in_edges(current, data=True):
            if data.get("relation") == "subtypeOf" and sub not in conditions:
                conditions.add(sub)
                frontier.append(sub)
    keep: set[tuple[str, str, str]] = set()
    treatments: set[str] = set()
    cited: set[str] = set()
    for u, v, key, data in G.edges(keys=True, data=True):
        if data.get("relation") == "subtypeOf" and u in conditions and v in conditions:
            keep.add((u, v, key))
        elif data.get("family") == "therapeutic" and (u in conditions) != (v in conditions):
            keep.add((u, v, key))
            treatments.add(v if u in conditions else u)
            cited |= set(data.get("supported_by", [])) | set(data.get("disputed_by", []))
    if not keep:
        label = G.nodes[focus].get("label", local_name(focus))
        raise MedkgError(f"no treatment claims about {label!r} in the graph")
    drawn = conditions | treatments
    for u, v, key, data in G.edges(keys=True, data=True):
        comparison = data.get("family") == "comparison" and u in treatments and v in treatments
        evidence = data.get("family") == "evidence" and v in drawn and (u in cited or v in conditions)
        if comparison or evidence:
            keep.add((u, v, key))
    H = G.edge_subgraph(keep).copy()
    label = G.nodes[focus].get("label", local_name(focus))
    return _focused(G, H, focus=focus, title=f"{label} — treatments and their evidence",
                    name=f"treatments-{local_name(focus)}")


def source_view(G: nx.MultiDiGraph, source: str) -> nx.MultiDiGraph:
    """Every claim one source article makes (``source`` is its IRI or slug), and the
    entities they are about.

    Examples
    --------
    >>> import medkg
    >>> H = source_view(medkg.to_networkx(medkg.load()), "amitriptyline-sciatica")
    >>> {d["source_label"] for _, _, d in H.edges(data=True)}
    {'Does Amitriptyline Help Sciatica? A Comprehensive Guide'}
    """
    sources = {d.get("source"): d.get("source_label") for _, _, d in G.edges(data=True)}
    iri = source if source in sources else str(SRC) + source
    if iri not in sources:
        known = ", ".join(sorted(local_name(s) or "" for s in sources if s))
        raise MedkgError(f"no claims from source {source!r} in the graph (sources: {known})")
    keep = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d.get("source") == iri]
    H = G.edge_subgraph(keep).copy()
    return _focused(G, H, focus=None, title=f"Claims of “{sources[iri]}”", name=f"source-{local_name(iri)}")


def _focused(G: nx.MultiDiGraph, H: nx.MultiDiGraph, *, focus: str | None, title: str,
             name: str) -> nx.MultiDiGraph:
    """``H`` with what its page needs from ``G``: a title, a file name, the node to show
    first, and the labels of the publications its claims cite (they may lie outside it)."""
    cited = {p for _, _, d in H.edges(data=True) for p in d.get("supported_by", []) + d.get("disputed_by", [])}
    H.graph.update(title=title, name=name, focus=focus,
                   labels={p: G.nodes[p]["label"] for p in sorted(cited) if p in G})
    return H


# --- the page ------------------------------------------------------------------------


def kind_of(types: list[str] | tuple[str, ...]) -> Kind:
    """The :data:`KINDS` entry for a node with these medkg classes."""
    return next((k for k in KINDS if set(k.classes) & set(types)), KINDS[-1])


def line_style(evidence: dict[str, Any]) -> str:
    """``"negated"`` (also for claims in conflict), ``"hedged"`` or ``"plain"``."""
    if evidence.get("negated") or evidence.get("conflicts_with"):
        return "negated"
    if evidence.get("certainty") in HEDGED:
        return "hedged"
    return "plain"


def vis_network(G: nx.MultiDiGraph) -> Network:
    """The pyvis network of ``G``: one node per entity, one edge per claim, in a fixed
    order, each carrying the evidence the side panel shows."""
    labels = {n: str(d.get("label", local_name(n))) for n, d in G.nodes(data=True)}
    labels = {**G.graph.get("labels", {}), **labels}
    source_labels = {d.get("source"): d.get("source_label") for _, _, d in G.edges(data=True)}
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.options = options_for(G.number_of_nodes())  # a dict: pyvis's set_options() strips spaces from strings
    degree = dict(G.degree())  # once: a node's degree in a multigraph costs a pass over its neighbours
    for n in sorted(G, key=lambda n: (degree[n], n)):  # hubs last: drawn on top, their labels unhidden
        data = G.nodes[n]
        types = data.get("types") or [data.get("type", "Entity")]
        kind = kind_of(types)
        net.add_node(
            n, label=labels[n], shape=kind.shape, value=degree[n], kind=kind.name,
            type=data.get("type", "Entity"), types=list(types), xrefs=list(data.get("xrefs", [])),
            color={"background": kind.colour, "border": "#1f2937",
                   "highlight": {"background": kind.colour, "border": "#000000"},
                   "hover": {"background": kind.colour, "border": "#000000"}},
            facts=[{"label": f.get("label") or f.get("relation"), "value": str(f.get("value")),
                    "quote": f.get("quote"), "certainty": f.get("certainty"),
                    "source": source_labels.get(f.get("source")) or local_name(f.get("source"))}
                   for f in data.get("facts", [])],
        )
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    pairs: dict[frozenset[str], list[tuple[str, str]]] = defaultdict(list)
    for u, v, key, _ in edges:
        pairs[frozenset((u, v))].append((u, v))
    seen: dict[frozenset[str], int] = defaultdict(int)
    with_labels = G.number_of_edges() <= EDGE_LABEL_LIMIT
    # labels have the same size in every view, so a small view needs longer springs to keep them apart
    spring = SPRING_LENGTH * (1 + max(0.0, 1 - G.number_of_nodes() / 60))
    for u, v, key, d in edges:
        pair = frozenset((u, v))
        index = seen[pair]
        seen[pair] += 1
        family = d.get("family") if d.get("family") in FAMILIES else "other"
        colour = FAMILIES[family]
        style = line_style(d)
        evidence = {
            "relation": d.get("label") or d.get("relation"),
            "quote": d.get("quote"),
            "source": d.get("source_label") or local_name(d.get("source")),
            "certainty": d.get("certainty"),
            "hedge": d.get("hedge"),
            "negated": bool(d.get("negated")),
            "efficacy": d.get("efficacy"),
            "context": d.get("context"),
            "population": d.get("population"),
            "supported_by": [labels.get(p) or local_name(p) for p in d.get("supported_by", [])],
            "disputed_by": [labels.get(p) or local_name(p) for p in d.get("disputed_by", [])],
            "conflicts_with": list(d.get("conflicts_with", [])),
        }
        extra = {"label": evidence["relation"]} if with_labels else {}
        net.add_edge(
            u, v, id=key, family=family, style=style, evidence=evidence,
            color={"color": colour, "highlight": colour, "hover": colour, "opacity": 0.6},
            dashes=LINE_STYLES[style][0], smooth=_curve(index, reverse=(u, v) != pairs[pair][0]),
            # longer springs to hubs spread their many leaves over a wider ring, so labels overlap less
            length=round(spring + 14 * math.sqrt(max(degree[u], degree[v]))), **extra,
        )
    return net


def _curve(index: int, *, reverse: bool) -> dict[str, Any] | bool:
    """Parallel claims between one pair fan out: the first straight, then curved
    alternately to either side, further each time."""
    if index == 0:
        return False
    clockwise = (index % 2 == 1) != reverse  # a reversed edge's "clockwise" is the other side
    return {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW", "roundness": 0.18 * ((index + 1) // 2)}


def script_json(value: Any) -> Markup:
    """JSON safe inside an HTML ``<script>``: sorted keys, and ``<``, ``>``, ``&`` and the
    JavaScript line separators as escapes, so no string can end the script or open a comment.

    Examples
    --------
    >>> str(script_json({"q": "</script><!--"}))
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def html_page(G: nx.MultiDiGraph, *, title: str | None = None) -> str:
    """The self-contained HTML page of ``G`` (the entity view or one of the views above).

    ``title`` defaults to the view's own (``G.graph["title"]``) or :data:`DEFAULT_TITLE`.
    """
    title = title or G.graph.get("title") or DEFAULT_TITLE
    net = vis_network(G)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    kinds = {k.name: 0 for k in KINDS}
    for node in nodes:
        kinds[node["kind"]] += 1
    families = {f: 0 for f in FAMILIES}
    for edge in edges:
        families[edge["family"]] += 1
    sources = sorted({e["evidence"]["source"] for e in edges if e["evidence"]["source"]})
    data = {"nodes": nodes, "edges": edges, "options": net.options, "focus": G.graph.get("focus")}
    env = Environment(autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    template = env.from_string((_TEMPLATES / "graph.html").read_text(encoding="utf-8"))
    return template.render(
        title=title,
        summary=f"{len(nodes)} entities · {len(edges)} claims from {len(sources)} "
                f"source{'s' if len(sources) != 1 else ''}",
        notice=_notice(G),
        kinds=[(k, kinds[k.name], Markup(_icon(k.shape, k.colour))) for k in KINDS if kinds[k.name]],
        families=[(f, FAMILIES[f], n) for f, n in families.items() if n],
        line_styles=[(name, Markup(_line_icon(dashes)), meaning) for name, (dashes, meaning) in LINE_STYLES.items()],
        data=script_json(data),
        vis_css=Markup((_VIS / "vis-network.css").read_text(encoding="utf-8")),
        vis_js=Markup((_VIS / "vis-network.min.js").read_text(encoding="utf-8")),
        page_css=Markup((_TEMPLATES / "graph.css").read_text(encoding="utf-8")),
        page_js=Markup((_TEMPLATES / "graph.js").read_text(encoding="utf-8")),
    )


def _notice(G: nx.MultiDiGraph) -> str | None:
    """The page's warning that a view is capped (:func:`truncation_note`), if it is."""
    note = truncation_note(G)
    if note is None:
        return None
    return (f"Too many to draw: {note} are shown, with every claim among them "
            "(medkg viz --max-neighbours N, 0 for all).")


def _icon(shape: str, colour: str) -> str:
    return (f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="{colour}" '
            f'stroke="#1f2937" stroke-width="1">{_SHAPE_ICONS[shape]}</svg>')


def _line_icon(dashes: list[int] | bool) -> str:
    pattern = f' stroke-dasharray="{",".join(map(str, dashes))}"' if dashes else ""
    return (f'<svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true">'
            f'<line x1="1" y1="5" x2="33" y2="5" stroke="#374151" stroke-width="2"{pattern}/></svg>')


def render_html(G: nx.MultiDiGraph, path: Path | str, *, title: str | None = None) -> Path:
    """Write :func:`html_page` of ``G`` to ``path`` (atomically) and return the path."""
    path = Path(path)
    write_atomically([(path, html_page(G, title=title).encode("utf-8"))])
    return path
