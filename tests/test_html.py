"""HTML views (medkg.html, ``medkg viz``): content, safety, and the pages in a real browser.

The browser tests drive Debian's chromium (``/usr/bin/chromium``) with Playwright, with
every request that is not ``file://`` blocked and recorded; without chromium they skip.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

import medkg
from medkg.build import HTML_FILE
from medkg.errors import MedkgError
from medkg.html import (
    FAMILIES,
    LINE_STYLES,
    MAX_NEIGHBOURS,
    html_page,
    neighbourhood,
    render_html,
    resolve,
    script_json,
    source_view,
    treatment_map,
)

from helpers import ROOT, run_cli

ENT = "https://w3id.org/medkg/entity/"
SRC = "https://w3id.org/medkg/source/"
AMI, GLAUCOMA = ENT + "amitriptyline", ENT + "glaucoma"
SCIATICA_TITLE = "Does Amitriptyline Help Sciatica? A Comprehensive Guide"
GLAUCOMA_QUOTE = ("Individuals with certain pre-existing conditions, such as some heart problems, glaucoma, "
                  "liver issues, or a history of seizures, should consult their doctor before taking amitriptyline.")
CHROMIUM = Path("/usr/bin/chromium")
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def G(built) -> nx.MultiDiGraph:
    """The entity view of the real build (in memory)."""
    return medkg.to_networkx(built.dataset)


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path:
    """The real graph built (with its page) into a temporary directory."""
    out = tmp_path_factory.mktemp("build")
    result = medkg.build(medkg.Project(root=ROOT, build_dir=out))
    assert out / HTML_FILE in result.written
    return out


def page_data(html: str) -> dict:
    """The JSON the page draws from."""
    match = re.search(r'<script type="application/json" id="medkg-data">(.*?)</script>', html, re.S)
    assert match, "no data script in the page"
    return json.loads(match.group(1))


class _Resources(HTMLParser):
    """Every attribute that could load something, and every script and style body."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "data", "poster") and value is not None:
                self.links.append((tag, name, value))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


# --- the page, without a browser ------------------------------------------------------


def test_build_writes_a_self_contained_page(build_dir):
    html = (build_dir / HTML_FILE).read_text(encoding="utf-8")
    parsed = _Resources()
    parsed.feed(html)
    assert parsed.links == []  # no <script src>, <link href>, <img src>: everything is inline
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)
    assert not re.search(r"bootstrap|tom-select|cdnjs|jsdelivr|unpkg", html, re.I)  # pyvis's CDN links are gone
    assert "default-src 'none'" in html  # and the page forbids itself any fetch
    assert any("@version 9.1.2" in s and "vis-network" in s for s in parsed.scripts)  # vis-network inlined


def test_build_page_is_deterministic(build_dir, G):
    # two independent builds (this module's, and the session's in memory) give the same bytes
    assert (build_dir / HTML_FILE).read_text(encoding="utf-8") == html_page(G)


def test_page_holds_every_entity_and_claim_with_its_evidence(build_dir, G):
    data = page_data((build_dir / HTML_FILE).read_text(encoding="utf-8"))
    assert [n["id"] for n in data["nodes"]] == sorted(G.nodes, key=lambda n: (G.degree(n), n))
    assert sorted(e["id"] for e in data["edges"]) == sorted(k for _, _, k in G.edges(keys=True))
    assert data["options"]["layout"]["randomSeed"] == 1
    edge = next(e for e in data["edges"] if e["id"].endswith("/sciatica-caution-glaucoma"))
    assert (edge["from"], edge["to"], edge["family"]) == (AMI, GLAUCOMA, "safety")
    assert edge["evidence"]["quote"] == GLAUCOMA_QUOTE
    assert edge["evidence"]["source"] == SCIATICA_TITLE
    assert edge["color"]["color"] == FAMILIES["safety"] and edge["dashes"] is False
    assert "title" not in edge and all("title" not in n for n in data["nodes"])  # vis renders titles as HTML
    node = next(n for n in data["nodes"] if n["id"] == AMI)
    assert (node["label"], node["kind"], node["shape"], node["xrefs"]) == (
        "amitriptyline", "drug", "dot", ["drugbank:DB00321"])


def test_hedged_negated_and_conflicting_claims_are_dashed(G):
    edges = {e["id"].rsplit("/", 1)[1]: e for e in page_data(html_page(G))["edges"]}
    hedged, dotted = LINE_STYLES["hedged"][0], LINE_STYLES["negated"][0]
    assert edges["sciatica-not-first-line"]["dashes"] == dotted  # negated
    assert edges["sciatica-cochrane-no-robust-evidence"]["dashes"] == dotted  # doubted, and in conflict
    assert edges["sciatica-treats-sciatica-evidence-mixed"]["dashes"] == hedged  # doubted
    assert edges["sciatica-caution-glaucoma"]["dashes"] is False
    possible = [k.rsplit("/", 1)[1] for _, _, k, d in G.edges(keys=True, data=True)
                if d["certainty"] == "Possible" and not d["negated"] and not d["conflicts_with"]]
    assert possible and all(edges[c]["dashes"] == hedged for c in possible)
    assert edges["sciatica-cochrane-minority-relief"]["dashes"] == dotted  # limited, and in conflict
    assert edges["sciatica-cochrane-minority-relief"]["evidence"]["supported_by"] == [
        "Cochrane review (2015) on amitriptyline for neuropathic pain"]


def test_parallel_claims_fan_out():
    H = nx.MultiDiGraph()
    for n in "ab":
        H.add_node(n, label=n, type="Drug", types=["Drug"], xrefs=[], facts=[])
    for i, (u, v) in enumerate([("a", "b"), ("a", "b"), ("b", "a")]):
        H.add_edge(u, v, key=f"claim{i}", label="treats", family="therapeutic", quote="q", certainty="Asserted")
    offsets = set()
    for edge in page_data(html_page(H))["edges"]:
        curve = edge["smooth"]
        if curve is False:
            offsets.add(0)
            continue
        side = 1 if curve["type"] == "curvedCW" else -1
        offsets.add(side * curve["roundness"] * (1 if edge["from"] == "a" else -1))  # as seen from a to b
    assert len(offsets) == 3 and 0 in offsets  # one straight, the others on distinct curves


def test_script_json_cannot_close_its_script():
    text = str(script_json({"quote": SCRIPT_PAYLOAD + "<!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"quote": SCRIPT_PAYLOAD + "<!-- & \u2028"}


def test_hostile_text_is_escaped_in_the_file(tmp_path):
    html = render_html(hostile_graph(), tmp_path / "x.html", title=IMG_PAYLOAD + SCRIPT_PAYLOAD).read_text()
    assert IMG_PAYLOAD not in html and SCRIPT_PAYLOAD not in html and "alert(1)</script>" not in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;" in html
    assert page_data(html)["nodes"][1]["label"] == IMG_PAYLOAD + SCRIPT_PAYLOAD  # the data survives intact


# --- focused views ----------------------------------------------------------------------


def test_resolve_by_iri_slug_or_label(G):
    assert resolve(G, AMI) == resolve(G, "amitriptyline") == resolve(G, "Amitriptyline") == AMI
    assert resolve(G, "lumbar spinal stenosis") == ENT + "lumbar-spinal-stenosis"
    with pytest.raises(MedkgError, match=r"no entity 'glaucom' .*did you mean glaucoma"):
        resolve(G, "glaucom")


def test_neighbourhood(G):
    near = neighbourhood(G, "glaucoma", depth=1)
    assert set(near) == {GLAUCOMA} | set(G.successors(GLAUCOMA)) | set(G.predecessors(GLAUCOMA))
    assert AMI in near and "dry mouth" not in {G.nodes[n]["label"] for n in near}
    assert list(neighbourhood(G, "glaucoma", depth=0)) == [GLAUCOMA]
    H = neighbourhood(G, "amitriptyline", depth=1)
    assert set(H) == {AMI} | set(G.successors(AMI)) | set(G.predecessors(AMI))
    assert H.number_of_edges() == G.subgraph(H).number_of_edges()  # every claim among them
    assert (H.graph["name"], H.graph["focus"]) == ("entity-amitriptyline-depth1", AMI)
    assert set(neighbourhood(G, "glaucoma", depth=2)) == set().union(*(neighbourhood(G, n, depth=1) for n in near))
    with pytest.raises(MedkgError, match="depth"):
        neighbourhood(G, "glaucoma", depth=-1)


def test_treatment_map(G):
    H = treatment_map(G, "sciatica")
    labels = {H.nodes[n]["label"] for n in H}
    assert {"sciatica", "chronic sciatica", "amitriptyline", "gabapentin", "pregabalin", "NSAIDs",
            "physical therapy", "surgery", "complete bed rest"} <= labels
    assert "glaucoma" not in labels and "dry mouth" not in labels
    families = {d["family"] for _, _, d in H.edges(data=True)}
    assert families == {"therapeutic", "clinical", "comparison", "evidence"}  # clinical: the subtypeOf link
    claims = {k.rsplit("/", 1)[1] for _, _, k in H.edges(keys=True)}
    assert {"sciatica-cochrane-no-robust-evidence", "sciatica-not-first-line"} & claims  # the doubts are kept
    assert H.graph["name"] == "treatments-sciatica"
    with pytest.raises(MedkgError, match="'amitriptyline' is a Drug, not a condition"):
        treatment_map(G, "amitriptyline")


def test_source_view(G):
    H = source_view(G, "amitriptyline-sciatica")
    expected = [k for _, _, k, d in G.edges(keys=True, data=True) if d["source"] == SRC + "amitriptyline-sciatica"]
    assert sorted(k for _, _, k in H.edges(keys=True)) == sorted(expected)
    assert H.graph["title"] == f"Claims of “{SCIATICA_TITLE}”"
    with pytest.raises(MedkgError, match="sources: amitriptyline-sciatica, amitriptyline-spinal-stenosis"):
        source_view(G, "nope")


def random_graph(seed: int, nodes: int = 40, claims: int = 90) -> nx.MultiDiGraph:
    """A small entity view with parallel claims, self-loops and a few isolated entities."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(name="random")
    names = [ENT + f"e{i:02d}" for i in range(nodes)]
    for n in names:
        G.add_node(n, label=n.rsplit("/", 1)[1], type="Drug", types=["Drug"], xrefs=[], facts=[])
    for i in range(claims):
        u, v = rng.choice(names[:-3]), rng.choice(names[:-3])  # the last three have no claims
        G.add_edge(u, v, key=f"https://w3id.org/medkg/claim/c{i}", family="therapeutic", quote=f"q{i}")
    return G


def hub_graph(order: int = 0) -> nx.MultiDiGraph:
    """A hub with ten neighbours n0…n9, n<i> linked to it by i+1 claims (either way), except
    that n8 and n9 are both linked by 3 (a tie); x, far from the hub, is linked to n0 by 20
    claims; the neighbours have claims among themselves, and each reaches one leaf l<i> two
    claims from the hub. ``order`` shuffles the order in which all this is added."""
    hub = ENT + "hub"
    claims = []
    strength = {i: i + 1 for i in range(8)} | {8: 3, 9: 3}
    for i, k in strength.items():
        for j in range(k):
            pair = (hub, ENT + f"n{i}") if j % 2 == 0 else (ENT + f"n{i}", hub)
            claims.append((*pair, f"hub-n{i}-{j}"))
        claims.append((ENT + f"n{i}", ENT + f"l{i}", f"n{i}-l{i}"))
    for j in range(20):  # x is strongly tied to n0, weakly (not at all) to the hub
        claims.append((ENT + "x", ENT + "n0", f"x-n0-{j}"))
    claims.append((ENT + "x", ENT + "l9", "x-l9"))
    for i in range(9):
        claims.append((ENT + f"n{i}", ENT + f"n{i + 1}", f"n{i}-n{i + 1}"))
    claims += [(ENT + "n7", ENT + "n5", "n7-n5-a"), (ENT + "n7", ENT + "n5", "n7-n5-b"), (hub, hub, "hub-self")]
    nodes = sorted({n for u, v, _ in claims for n in (u, v)})
    if order:
        rng = random.Random(order)
        rng.shuffle(claims)
        rng.shuffle(nodes)
    G = nx.MultiDiGraph()
    for n in nodes:
        G.add_node(n, label=n.rsplit("/", 1)[1], type="Drug", types=["Drug"], xrefs=[], facts=[])
    for u, v, key in claims:
        G.add_edge(u, v, key="https://w3id.org/medkg/claim/" + key, family="therapeutic", quote=key,
                   source=SRC + "s", source_label="S", certainty="Asserted")
    return G


def same_graph(H: nx.MultiDiGraph, K: nx.MultiDiGraph) -> bool:
    """Same entities and claims, with the same data."""
    return (dict(H.nodes(data=True)) == dict(K.nodes(data=True))
            and sorted(H.edges(keys=True, data=True), key=str) == sorted(K.edges(keys=True, data=True), key=str))


@pytest.mark.parametrize("seed", range(6))
def test_uncapped_neighbourhood_is_the_ego_graph(seed):
    G = random_graph(seed)
    for focus in list(G)[::7] + [ENT + "e39"]:  # e39 has no claims
        for depth in range(4):
            H = neighbourhood(G, focus, depth=depth, max_neighbours=None)
            assert same_graph(H, nx.ego_graph(G, focus, radius=depth, undirected=True))
            assert "truncated" not in H.graph
            assert same_graph(neighbourhood(G, focus, depth=depth), H)  # under the default limit


def test_no_view_of_the_real_graph_is_capped(G):
    assert G.number_of_nodes() <= MAX_NEIGHBOURS  # so no neighbourhood can be
    for name in (AMI, GLAUCOMA, ENT + "sciatica"):
        for depth in (1, 2, 3):
            H = neighbourhood(G, name, depth=depth)
            assert "truncated" not in H.graph
            assert same_graph(H, nx.ego_graph(G, name, radius=depth, undirected=True))


def test_capped_neighbourhood_keeps_the_most_connected():
    G = hub_graph()
    H = neighbourhood(G, "hub", depth=1, max_neighbours=4)
    # n7 (8 claims), n6 (7), n5 (6), n4 (5); not n0, however tied to x and its neighbours
    assert set(H) == {ENT + n for n in ("hub", "n7", "n6", "n5", "n4")}
    assert H.graph["truncated"] == {"shown": 4, "of": 10}
    # every claim among the kept entities, parallel ones and the hub's self-loop included
    assert sorted(H.edges(keys=True)) == sorted(G.subgraph(H).edges(keys=True))
    assert {"n7-n5-a", "n7-n5-b", "hub-self", "n4-n5"} <= {k.rsplit("/", 1)[1] for _, _, k in H.edges(keys=True)}
    assert H.number_of_edges() == 8 + 7 + 6 + 5 + 1 + 3 + 2
    assert (H.graph["focus"], H.graph["name"]) == (ENT + "hub", "entity-hub-depth1")
    # ties (n8 and n9: 3 claims each, as n2) are broken by IRI
    assert set(neighbourhood(G, "hub", depth=1, max_neighbours=7)) - {ENT + "hub"} == {
        ENT + n for n in ("n7", "n6", "n5", "n4", "n3", "n2", "n8")}
    assert set(neighbourhood(G, "hub", depth=1, max_neighbours=0)) == {ENT + "hub"}
    assert "truncated" not in neighbourhood(G, "hub", depth=1, max_neighbours=10).graph  # exactly enough room
    with pytest.raises(MedkgError, match="max_neighbours"):
        neighbourhood(G, "hub", max_neighbours=-1)
    # a view of a capped view says only what it cuts itself
    assert "truncated" not in neighbourhood(H, "n7", depth=1, max_neighbours=None).graph


def test_capped_neighbourhood_fills_up_nearest_first():
    G = hub_graph()
    # depth 2: the ten neighbours fit, then the two of the 11 entities two claims away that are
    # linked to them by the most claims: x (20, to n0), then l0 (1, as every leaf, but first by IRI)
    H = neighbourhood(G, "hub", depth=2, max_neighbours=12)
    assert set(H) == {ENT + "hub", ENT + "x", ENT + "l0"} | {ENT + f"n{i}" for i in range(10)}
    assert H.graph["truncated"] == {"shown": 12, "of": 21}
    assert sorted(H.edges(keys=True)) == sorted(G.subgraph(H).edges(keys=True))
    # too many neighbours: nothing two claims away is kept, even if something is strongly tied
    assert ENT + "x" not in neighbourhood(G, "hub", depth=2, max_neighbours=9)


def test_capped_neighbourhood_is_deterministic():
    views = [neighbourhood(hub_graph(order), "hub", depth=depth, max_neighbours=limit)
             for order in range(4) for depth, limit in ((1, 7), (2, 12))]
    for i in range(2, len(views)):  # the same graph built in other orders gives the same view and page
        assert same_graph(views[i], views[i % 2]) and views[i].graph == views[i % 2].graph
        assert html_page(views[i]) == html_page(views[i % 2])


def test_the_page_says_a_view_is_capped(G):
    H = neighbourhood(hub_graph(), "hub", depth=1, max_neighbours=4)
    html = html_page(H)
    notice = re.search(r'<p id="notice" role="note">([^<]*)</p>', html)
    assert notice and notice.group(1) == ("Too many to draw: only the 4 most connected of 10 neighbours are shown, "
                                          "with every claim among them (medkg viz --max-neighbours N, 0 for all).")
    assert html.index('id="summary"') < notice.start() < html.index('id="status"')  # under the title
    assert len(page_data(html)["nodes"]) == 5
    assert 'id="notice"' not in html_page(neighbourhood(G, "amitriptyline"))
    assert 'id="notice"' not in html_page(G)


# --- the command ------------------------------------------------------------------------


def test_cli_viz_writes_the_view(tmp_path):
    out = tmp_path / "t.html"
    r = run_cli("viz", "--treatments", "sciatica", "--output", str(out), "--root", str(ROOT))
    assert r.returncode == 0, r.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    assert r.stdout.strip() == (f"wrote {out}: {len(data['nodes'])} entities, {len(data['edges'])} claims "
                                "(opens offline in a browser)")
    assert data["focus"] == ENT + "sciatica"
    assert {ENT + "gabapentin", ENT + "chronic-sciatica"} <= {n["id"] for n in data["nodes"]}


def test_cli_viz_errors(tmp_path):
    r = run_cli("viz", "--entity", "nope", "--output", str(tmp_path / "x.html"), "--root", str(ROOT))
    assert (r.returncode, r.stderr.strip()) == (1, "medkg: error: no entity 'nope' in the graph")
    r = run_cli("viz", "--depth", "2", "--root", str(ROOT))
    assert r.returncode == 2 and "--depth goes with --entity" in r.stderr
    r = run_cli("viz", "--max-neighbours", "5", "--root", str(ROOT))
    assert r.returncode == 2 and "--max-neighbours goes with --entity" in r.stderr
    r = run_cli("viz", "--entity", "glaucoma", "--max-neighbours", "-1", "--output", str(tmp_path / "x.html"),
                "--root", str(ROOT))
    assert r.returncode == 2 and "--max-neighbours must be 0 (no limit) or more" in r.stderr
    assert not (tmp_path / "x.html").exists()


def test_cli_viz_max_neighbours(tmp_path, G):
    out = tmp_path / "a.html"
    r = run_cli("viz", "--entity", "amitriptyline", "--max-neighbours", "5", "--output", str(out), "--root", str(ROOT))
    assert r.returncode == 0, r.stderr
    around = set(G.successors(AMI)) | set(G.predecessors(AMI))
    claims = {n: G.number_of_edges(AMI, n) + G.number_of_edges(n, AMI) for n in around}
    strongest = sorted(around, key=lambda n: (-claims[n], n))[:5]
    data = page_data(out.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {AMI, *strongest}
    assert len(data["edges"]) == G.subgraph([AMI, *strongest]).number_of_edges()
    assert r.stdout.strip() == (f"wrote {out}: 6 entities, {len(data['edges'])} claims — only the 5 most connected "
                                f"of {len(around)} neighbours (--max-neighbours 0: all) (opens offline in a browser)")
    assert f"only the 5 most connected of {len(around)} neighbours are shown" in out.read_text(encoding="utf-8")
    # 0: no limit (here the same as the default, which the real graph never reaches)
    r = run_cli("viz", "--entity", "amitriptyline", "--max-neighbours", "0", "--output", str(out), "--root", str(ROOT))
    assert r.returncode == 0, r.stderr
    everything = G.subgraph([AMI, *around]).number_of_edges()
    assert r.stdout.strip() == (f"wrote {out}: {len(around) + 1} entities, {everything} claims "
                                "(opens offline in a browser)")
    assert 'id="notice"' not in out.read_text(encoding="utf-8")
    r = run_cli("viz", "--help")
    assert "--max-neighbours N" in r.stdout and f"default: {MAX_NEIGHBOURS}; 0: no limit" in " ".join(r.stdout.split())


def test_build_no_html(mini, tmp_path):
    r = run_cli("build", "--no-html", "--root", str(mini))
    assert r.returncode == 0, r.stderr
    assert not (mini / "build" / HTML_FILE).exists() and (mini / "build" / "medkg.ttl").exists()
    r = run_cli("build", "--root", str(mini))
    assert r.returncode == 0, r.stderr
    assert f"build/{HTML_FILE}" in r.stdout.splitlines()[-1]
    mini_graph = medkg.to_networkx(medkg.build(medkg.Project(root=mini), write=False).dataset)
    assert len(page_data((mini / "build" / HTML_FILE).read_text())["edges"]) == mini_graph.number_of_edges() > 0


def test_viz_from_the_store_equals_the_build(build_dir, tmp_path):
    # the page drawn from build/medkg.trig (as `medkg viz` does) is the page the build wrote
    shutil.copy(build_dir / "medkg.trig", tmp_path / "medkg.trig")
    out = tmp_path / "viz.html"
    G = medkg.to_networkx(medkg.open_store("memory", project=medkg.Project(root=ROOT, build_dir=tmp_path)))
    render_html(G, out)
    assert out.read_bytes() == (build_dir / HTML_FILE).read_bytes()


# --- in a browser -------------------------------------------------------------------------


def hostile_graph() -> nx.MultiDiGraph:
    """Two entities and one claim whose texts are HTML and script."""
    H = nx.MultiDiGraph()
    H.add_node(ENT + "drug", label="a drug", type="Drug", types=["Drug", "Entity"], xrefs=[], facts=[])
    H.add_node(ENT + "evil", label=IMG_PAYLOAD + SCRIPT_PAYLOAD, type="Disease", types=["Disease"],
               xrefs=[SCRIPT_PAYLOAD], facts=[{"label": IMG_PAYLOAD, "value": SCRIPT_PAYLOAD, "quote": IMG_PAYLOAD,
                                                "source": SRC + "x", "certainty": "Asserted"}])
    H.add_edge(ENT + "drug", ENT + "evil", key="https://w3id.org/medkg/claim/evil", label=IMG_PAYLOAD,
               family="safety", quote=f"It says {IMG_PAYLOAD} and {SCRIPT_PAYLOAD}.", source=SRC + "x",
               source_label=SCRIPT_PAYLOAD, certainty="Possible", hedge=IMG_PAYLOAD, negated=False,
               supported_by=[], disputed_by=[], conflicts_with=[])
    return H


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("install Debian chromium: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()


class Opened:
    """A page loaded from file:// with the network cut off, and what it tried to do."""

    def __init__(self, browser, path: Path):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        # the page sets this when the layout is stable and the physics stopped (its CSP forbids
        # the eval behind wait_for_function, so wait on the DOM)
        self.page.wait_for_selector("body[data-stable=true]", state="attached", timeout=60_000)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def click_edge(self, claim: str) -> str:
        """Select a claim's edge and fire the network's click event; the panel's text."""
        self.page.evaluate("id => { network.selectEdges([id]); network.emit('click', {nodes: [], edges: [id]}); }",
                           claim)
        return self.page.inner_text("#details")

    def close(self):
        self.page.close()


@pytest.fixture()
def whole(browser, build_dir):
    opened = Opened(browser, build_dir / HTML_FILE)
    yield opened
    opened.close()


def test_page_loads_offline_and_draws_every_entity_and_claim(whole, G, tmp_path):
    counts = whole.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    nodes, edges = G.number_of_nodes(), G.number_of_edges()
    assert counts == [nodes, edges] and nodes > 150 and edges > 350
    assert whole.page.evaluate("network.physics.physicsEnabled") is False  # stabilised, then stopped
    assert whole.page.inner_text("#status") == f"showing {nodes} of {nodes} entities, {edges} of {edges} claims"
    from PIL import Image

    shot = Image.open(io.BytesIO(whole.page.screenshot())).convert("RGB")
    drawing = shot.crop((0, 0, shot.width - 400, shot.height))  # the graph, without the side panel
    colours = drawing.getcolors(maxcolors=1 << 20)
    inked = sum(n for n, rgb in colours if rgb != (255, 255, 255))
    assert len(colours) > 200 and inked > 0.03 * drawing.width * drawing.height
    assert whole.blocked == [] and whole.errors == [] and whole.dialogs == []


def test_clicking_a_claim_shows_its_evidence(whole):
    text = whole.click_edge("https://w3id.org/medkg/claim/sciatica-caution-glaucoma")
    assert whole.page.inner_text("#details h2") == "amitriptyline → glaucoma"
    assert whole.page.inner_text("#details h2 + p") == "2 claims between these two"
    assert f"“{GLAUCOMA_QUOTE}”" in text and f"source: {SCIATICA_TITLE}" in text and "certainty: Asserted" in text
    # the parallel claim of the other article is listed too
    assert "“It’s not good for people with heart problems, glaucoma, or trouble with urination.”" in text
    first = whole.page.locator("#details .claim").first
    assert first.get_attribute("data-claim").endswith("/sciatica-caution-glaucoma")
    text = whole.click_edge("https://w3id.org/medkg/claim/sciatica-cochrane-minority-relief")
    assert "supported by: Cochrane review (2015) on amitriptyline for neuropathic pain" in text
    assert "certainty: Limited (“" in text and "conflicts with: " in text
    assert whole.errors == [] and whole.blocked == []


def test_clicking_an_entity_with_the_mouse(whole):
    x, y = whole.page.evaluate("id => { const p = network.canvasToDOM(network.getPositions([id])[id]);"
                               " return [p.x, p.y]; }", AMI)
    whole.page.mouse.click(x, y)
    assert whole.page.inner_text("#details h2") == "amitriptyline"
    assert "identifiers: drugbank:DB00321" in whole.page.inner_text("#details")
    assert whole.page.evaluate("network.getSelectedNodes()") == [AMI]


def test_filters_and_search(whole, G):
    safety = sum(1 for _, _, d in G.edges(data=True) if d["family"] == "safety")
    whole.page.click("input[data-family=safety]")
    hidden = whole.page.evaluate("network.body.data.edges.get({filter: e => e.hidden}).map(e => e.family)")
    assert hidden == ["safety"] * safety and safety > 0
    nodes, edges = G.number_of_nodes(), G.number_of_edges()
    assert whole.page.inner_text("#status") == (f"showing {nodes} of {nodes} entities, "
                                                f"{edges - safety} of {edges} claims")
    whole.page.click("input[data-kind=publication]")
    publications = whole.page.evaluate("network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.type)")
    assert sorted(publications) == sorted(d["type"] for _, d in G.nodes(data=True) if "Publication" in d["types"])
    whole.page.fill("#search", "glauc")
    assert whole.page.evaluate("network.getSelectedNodes()") == [GLAUCOMA]
    assert whole.page.inner_text("#search-result") == "1 match"
    assert whole.page.inner_text("#details h2") == "glaucoma"
    whole.page.fill("#search", "stenosis")
    found = whole.page.evaluate("network.getSelectedNodes()")  # hidden entities (publications) are not searched
    assert sorted(found) == sorted(n for n, d in G.nodes(data=True)
                                   if "stenosis" in d["label"].lower() and "Publication" not in d["types"])
    assert len(found) >= 4
    assert whole.errors == []


def test_focused_view_in_the_browser(browser, G, tmp_path):
    path = render_html(treatment_map(G, "sciatica"), tmp_path / "t.html")
    opened = Opened(browser, path)
    try:
        assert opened.page.evaluate("network.body.data.edges.length") == treatment_map(G, "sciatica").number_of_edges()
        assert opened.page.inner_text("#details h2") == "sciatica"  # the focus is shown first
        assert opened.page.title() == "sciatica — treatments and their evidence"
        assert opened.blocked == [] and opened.errors == []
    finally:
        opened.close()


def test_capped_view_in_the_browser(browser, G, tmp_path):
    H = neighbourhood(G, "amitriptyline", max_neighbours=10)
    opened = Opened(browser, render_html(H, tmp_path / "capped.html"))
    try:
        assert opened.page.evaluate("network.body.data.nodes.length") == 11
        assert opened.page.is_visible("#notice")
        assert opened.page.inner_text("#notice").startswith(
            f"Too many to draw: only the 10 most connected of {H.graph['truncated']['of']} neighbours are shown")
        assert opened.blocked == [] and opened.errors == []
    finally:
        opened.close()


def test_hostile_text_is_shown_as_text(browser, tmp_path):
    title = IMG_PAYLOAD + SCRIPT_PAYLOAD
    opened = Opened(browser, render_html(hostile_graph(), tmp_path / "evil.html", title=title))
    try:
        page = opened.page
        assert page.title() == title and page.inner_text("#title") == title
        text = opened.click_edge("https://w3id.org/medkg/claim/evil")
        assert f"“It says {IMG_PAYLOAD} and {SCRIPT_PAYLOAD}.”" in text
        assert f"source: {SCRIPT_PAYLOAD}" in text and f"(“{IMG_PAYLOAD}”)" in text
        page.evaluate("id => medkg.showNode(id)", ENT + "evil")
        assert page.inner_text("#details h2") == title
        assert f"{IMG_PAYLOAD}: {SCRIPT_PAYLOAD}" in page.inner_text("#details")
        page.fill("#search", "img")
        assert page.evaluate("network.getSelectedNodes()") == [ENT + "evil"]
        assert page.evaluate("document.querySelectorAll('img').length") == 0  # no element was made of the text
        assert page.evaluate("document.scripts.length") == 3  # data, vis-network, the page's own
        assert opened.dialogs == [] and opened.errors == [] and opened.blocked == []
    finally:
        opened.close()
