// medkg graph page: draws the view with vis-network, then runs the side panel.
// Text from the articles (labels, quotes, titles) is only ever set with textContent,
// never parsed as HTML; vis-network's own tooltips (the HTML "title") are not used.
"use strict";

var MEDKG = JSON.parse(document.getElementById("medkg-data").textContent);
var nodes = new vis.DataSet(MEDKG.nodes);
var edges = new vis.DataSet(MEDKG.edges);
var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, MEDKG.options);
var medkgStable = false;  // true once the layout has settled and the physics stopped

var medkg = (function () {
  var details = document.getElementById("details");
  var status = document.getElementById("status");
  var searchResult = document.getElementById("search-result");
  var hiddenKinds = new Set(), hiddenFamilies = new Set();

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function row(parent, key, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    var line = el("div", null, "row");
    line.appendChild(el("span", key + ": ", "key"));
    line.appendChild(el("span", Array.isArray(value) ? value.join("; ") : String(value)));
    parent.appendChild(line);
  }

  function link(text, onClick) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function nodeLabel(id) {
    var n = nodes.get(id);
    return n ? n.label : id;
  }

  function familyColour(edge) {
    return edge.color && edge.color.color ? edge.color.color : "#94a3b8";
  }

  function claimCard(edge, current) {
    var ev = edge.evidence;
    var card = el("article", null, "claim" + (current ? " current" : ""));
    card.dataset.claim = edge.id;
    card.style.borderLeftColor = familyColour(edge);
    var head = el("div", null, "relation");
    head.appendChild(el("span", nodeLabel(edge.from) + " — " + ev.relation + " → " + nodeLabel(edge.to)));
    card.appendChild(head);
    card.appendChild(el("blockquote", "“" + ev.quote + "”"));
    row(card, "source", ev.source);
    row(card, "certainty", ev.certainty + (ev.hedge ? " (“" + ev.hedge + "”)" : ""));
    if (ev.negated) row(card, "negated", "the source says this does not hold");
    row(card, "efficacy", ev.efficacy);
    row(card, "context", ev.context);
    row(card, "population", ev.population);
    row(card, "supported by", ev.supported_by);
    row(card, "disputed by", ev.disputed_by);
    if (ev.conflicts_with.length) {
      var line = el("div", null, "row");
      line.appendChild(el("span", "conflicts with: ", "key"));
      ev.conflicts_with.forEach(function (other, i) {
        var shown = edges.get(other);
        var name = other.split("/").pop();
        if (i) line.appendChild(document.createTextNode("; "));
        line.appendChild(shown ? link(name + " (" + shown.evidence.source + ")", function () { select(other); })
                               : el("span", name));
      });
      card.appendChild(line);
    }
    row(card, "claim", edge.id);
    return card;
  }

  // Every claim between the two entities of an edge: the chosen one first.
  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) return;
    var pair = edges.get({filter: function (e) {
      return (e.from === edge.from && e.to === edge.to) || (e.from === edge.to && e.to === edge.from);
    }});
    pair.sort(function (a, b) { return (a.id === id ? -1 : b.id === id ? 1 : a.id < b.id ? -1 : 1); });
    var parts = [el("h2", nodeLabel(edge.from) + " → " + nodeLabel(edge.to)),
                 el("p", pair.length === 1 ? "1 claim" : pair.length + " claims between these two", "muted")];
    pair.forEach(function (e) { parts.push(claimCard(e, e.id === id)); });
    details.replaceChildren.apply(details, parts);
  }

  function showNode(id) {
    var node = nodes.get(id);
    if (!node) return;
    var parts = [el("h2", node.label)];
    var info = el("div");
    row(info, "type", node.type + " (" + node.kind + ")");
    row(info, "identifiers", node.xrefs);
    row(info, "IRI", node.id);
    parts.push(info);
    node.facts.forEach(function (f) {
      var card = el("article", null, "claim");
      card.appendChild(el("div", f.label + ": " + f.value, "relation"));
      card.appendChild(el("blockquote", "“" + f.quote + "”"));
      row(card, "source", f.source);
      row(card, "certainty", f.certainty);
      parts.push(card);
    });
    var connected = edges.get(network.getConnectedEdges(id));
    connected.sort(function (a, b) {
      var ka = a.evidence.relation + nodeLabel(a.from === id ? a.to : a.from) + a.id;
      var kb = b.evidence.relation + nodeLabel(b.from === id ? b.to : b.from) + b.id;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    parts.push(el("p", connected.length + " claim" + (connected.length === 1 ? "" : "s") + " (click one for its evidence):", "muted"));
    var list = el("ul", null, "links");
    connected.forEach(function (e) {
      var text = e.from === id ? e.evidence.relation + " → " + nodeLabel(e.to)
                               : nodeLabel(e.from) + " → " + e.evidence.relation;
      var item = el("li");
      item.appendChild(link(text, function () { select(e.id); }));
      item.appendChild(el("div", e.evidence.source, "muted"));
      list.appendChild(item);
    });
    parts.push(list);
    details.replaceChildren.apply(details, parts);
  }

  // Select a claim (edge) in the drawing and show its evidence.
  function select(edgeId) {
    network.selectEdges([edgeId]);
    showEdge(edgeId);
  }

  function counts() {
    var shownNodes = nodes.get({filter: function (n) { return !n.hidden; }});
    var visible = new Set(shownNodes.map(function (n) { return n.id; }));
    var shownEdges = edges.get({filter: function (e) { return !e.hidden && visible.has(e.from) && visible.has(e.to); }});
    status.textContent = "showing " + shownNodes.length + " of " + nodes.length + " entities, "
      + shownEdges.length + " of " + edges.length + " claims";
  }

  // Filters hide items through DataSet updates; the layout stays where it is.
  function applyFilters() {
    nodes.update(nodes.get().map(function (n) { return {id: n.id, hidden: hiddenKinds.has(n.kind)}; }));
    edges.update(edges.get().map(function (e) { return {id: e.id, hidden: hiddenFamilies.has(e.family)}; }));
    counts();
  }

  function setFilter(what, name, shown) {
    var set = what === "kind" ? hiddenKinds : hiddenFamilies;
    if (shown) set.delete(name); else set.add(name);
    var box = document.querySelector("input[data-" + what + "=\"" + CSS.escape(name) + "\"]");
    if (box) box.checked = shown;
    applyFilters();
  }

  // Search: matching entities (of those shown) are selected and brought into view, the others faded.
  function search(text) {
    var query = text.trim().toLowerCase();
    var matches = query ? nodes.get({filter: function (n) {
      return !n.hidden && n.label.toLowerCase().indexOf(query) >= 0;
    }}) : [];
    var ids = new Set(matches.map(function (n) { return n.id; }));
    nodes.update(nodes.get().map(function (n) { return {id: n.id, opacity: !query || ids.has(n.id) ? 1 : 0.2}; }));
    var found = Array.from(ids).sort();
    network.selectNodes(found, false);
    if (found.length) network.fit({nodes: found, animation: false, maxZoomLevel: 1.5});
    else network.fit({animation: false});
    searchResult.textContent = query ? found.length + " match" + (found.length === 1 ? "" : "es") : "";
    if (found.length === 1) showNode(found[0]);
    return found;
  }

  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { setFilter("kind", box.dataset.kind, box.checked); });
  });
  document.querySelectorAll("input[data-family]").forEach(function (box) {
    box.addEventListener("change", function () { setFilter("family", box.dataset.family, box.checked); });
  });
  document.getElementById("search").addEventListener("input", function (event) { search(event.target.value); });

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.on("hoverEdge", function (params) { showEdge(params.edge); });

  function settled() {
    network.setOptions({physics: false});
    // a small view fits at a large zoom; no need to draw its labels larger than life
    if (network.getScale() > 1) network.moveTo({scale: 1});
    medkgStable = true;
    document.body.dataset.stable = "true";  // waitable without script evaluation (the page's CSP forbids eval)
    counts();
    if (MEDKG.focus && nodes.get(MEDKG.focus)) {
      network.selectNodes([MEDKG.focus], false);
      showNode(MEDKG.focus);
    }
  }
  if (nodes.length) network.once("stabilizationIterationsDone", settled); else settled();

  return {showEdge: showEdge, showNode: showNode, select: select, search: search, setFilter: setFilter};
})();
