"""Markup in labels, quotes and titles is data: DataFrames (as notebooks show them) and
exports keep it as text. The HTML views are covered by tests/test_html.py."""

from __future__ import annotations

import json

import medkg

from helpers import edit

MARKUP = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def test_markup_in_a_label_is_escaped_where_notebooks_render_frames(mini):
    edit(mini, "graph/entities.ttl", 'rdfs:label "Drug X"@en', f'rdfs:label "{MARKUP}"@en')
    result = medkg.build(medkg.Project(root=mini), write=False)
    G = medkg.to_networkx(result.dataset)
    for frame in (medkg.nodes_frame(G), medkg.edges_frame(G)):
        html = frame.to_html()  # what Jupyter shows for a DataFrame
        assert "<script>" not in html and "<img" not in html
        assert MARKUP in frame.to_string() or "&lt;img src=x" in html
    assert any(d["label"] == MARKUP for _, d in G.nodes(data=True))


def test_markup_survives_as_text_in_sparql_json(mini):
    from medkg.query import format_result
    from medkg.store import MemoryStore

    edit(mini, "graph/entities.ttl", 'rdfs:label "Drug X"@en', f'rdfs:label "{MARKUP}"@en')
    store = MemoryStore(medkg.build(medkg.Project(root=mini), write=False).dataset)
    result = medkg.query(store, "SELECT ?l WHERE { ent:drug-x rdfs:label ?l }")
    decoded = json.loads(format_result(result, "json"))
    assert decoded["results"]["bindings"][0]["l"]["value"] == MARKUP
