"""medkg (Oxigraph, in memory and on disk) against plain rdflib, on the same generated graph, in one run.

Each side runs in its own process, so its peak memory (``ru_maxrss``, which counts native
memory such as RocksDB's and rdflib's alike) is its own:

- **medkg, Oxigraph in memory** (``open_store("oxigraph-memory")``, the like-for-like
  comparison with rdflib's in-memory ``Dataset``): load, every named query
  (``medkg.query.named_queries()``, default parameters bound, rows converted to rdflib
  terms as ``medkg query`` does), ``medkg.to_networkx`` (the entity view, with the evidence
  on every edge) and a focused HTML view (:mod:`medkg.html`) of the most frequent drug.
- **medkg, Oxigraph on disk** (``open_store("oxigraph:…")``, persistent): the first (bulk)
  load into a fresh directory, a reopen, and every named query.
- **rdflib**: ``Dataset.parse`` of the same TriG, rdflib's SPARQL engine on the same query
  texts, and ``rdflib.extras.external_graph_libs.rdflib_to_networkx_multidigraph`` on the
  union of the named graphs.

A query's time is the median of up to ``--repeats`` runs (fewer once ten seconds are
spent), each query run in a forked copy of its side's process (the in-memory sides) or a
fresh process on the loaded store (on disk, a reopen is instant), stopped after ``--cap``
seconds (rdflib) or ``--medkg-cap`` seconds (medkg) and then recorded as capped: the time
is a lower bound. Ratios are rdflib / medkg in memory. Results go to
``benchmarks/results/latest.json`` (the default run) or
``benchmarks/results/claims-<N>[-medkg-only].json``, and a Markdown table to stdout.

Usage::

    python benchmarks/bench.py [--scale 100000] [--medkg-only] [--repeats 5] [--cap 60]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SCALE = 100_000
FOCUS = "https://w3id.org/medkg/entity/amitriptyline"
REPEAT_BUDGET_S = 10.0

sys.path.insert(0, str(HERE))


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - t0


def repeat(run, repeats: int) -> tuple[list[float], int]:
    """Times of up to ``repeats`` runs of ``run()`` (which returns a row count)."""
    times, rows = [], 0
    while len(times) < repeats and (not times or sum(times) < REPEAT_BUDGET_S):
        rows, seconds = timed(run)
        times.append(seconds)
    return times, rows


# --- the medkg side -------------------------------------------------------------------


def medkg_side(data: Path, repeats: int, cap: float, skip_networkx: bool) -> dict:
    """Oxigraph in memory: load, queries (each in a forked copy), networkx, HTML."""
    import medkg

    project = medkg.Project(root=ROOT, build_dir=data)
    out: dict = {"version": medkg.__version__, "store": "oxigraph-memory"}
    store, out["load_s"] = timed(medkg.open_store, "oxigraph-memory", project=project)
    out["quads"] = len(store.store)
    out["peak_mb_after_load"] = peak_mb()
    queries = {}
    for name, text in bound_queries(store):
        times, rows, error = capped(lambda: len(store.query(text).rows), repeats, cap)
        queries[name] = {"text": text, "s": statistics.median(times) if times else (None if error else cap),
                         "runs": len(times), "rows": rows, "capped": not times and error is None}
        if error:
            queries[name]["error"] = error
        report("medkg (memory)", name, queries[name], cap)
    out["queries"] = queries
    out["peak_mb_after_queries"] = max(peak_mb(), peak_mb(resource.RUSAGE_CHILDREN))
    if not skip_networkx:
        G, out["networkx_s"] = timed(medkg.to_networkx, store)
        out["networkx_nodes"], out["networkx_edges"] = G.number_of_nodes(), G.number_of_edges()
        scratch = Path(tempfile.mkdtemp(dir=data, prefix="html-bench-"))
        try:
            out["html"] = html_view(G, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    store.close()
    out["peak_mb"] = max(peak_mb(), peak_mb(resource.RUSAGE_CHILDREN))
    return out


def medkg_disk_side(data: Path, repeats: int, cap: float) -> dict:
    """Oxigraph on disk: first (bulk) load, reopen, queries (each in a fresh process)."""
    import medkg

    project = medkg.Project(root=ROOT, build_dir=data)
    location = Path(tempfile.mkdtemp(dir=data, prefix="oxigraph-bench-"))
    shutil.rmtree(location)
    out: dict = {"version": medkg.__version__, "store": "oxigraph:PATH"}
    try:
        store, out["load_s"] = timed(medkg.open_store, f"oxigraph:{location}", project=project)
        out["peak_mb_after_load"] = peak_mb()
        store.close()
        store, out["reopen_s"] = timed(medkg.open_store, f"oxigraph:{location}", project=project)
        out["quads"] = len(store.store)
        queries = {}
        for name, text in bound_queries(store):
            queries[name] = medkg_query(location, project, name, text, repeats, cap)
            report("medkg (disk)", name, queries[name], cap)
        out["queries"] = queries
        store.close()
    finally:
        shutil.rmtree(location, ignore_errors=True)
    out["peak_mb"] = max(peak_mb(), peak_mb(resource.RUSAGE_CHILDREN))
    return out


def bound_queries(store):
    """Each named query's text with its default parameters bound, as ``medkg query`` runs it."""
    from medkg.query import bind, check_read_only, named_queries

    for name, query in named_queries().items():
        text = bind(query, {}, store)
        check_read_only(text)
        yield name, text


def report(side: str, name: str, q: dict, cap: float) -> None:
    shown = (q["error"] if q.get("error") else f">{cap:.0f} s (capped)" if q["capped"]
             else f"{q['s'] * 1000:.1f} ms")
    print(f"  {side} {name}: {shown}, {q['rows']} rows", file=sys.stderr, flush=True)


def medkg_query(location: Path, project, name: str, text: str, repeats: int, cap: float) -> dict:
    """Run one query in a fresh process on the loaded store (a reopen is instant), so that
    a slow one can be stopped after ``cap`` seconds and recorded as capped."""
    cmd = [sys.executable, __file__, "--side", "medkg-query", "--location", str(location),
           "--build-dir", str(project.build), "--repeats", str(repeats)]
    try:
        done = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return {"text": text, "s": cap, "runs": 0, "rows": None, "capped": True}
    except subprocess.CalledProcessError as e:  # e.g. killed for lack of memory
        last = (e.stderr or "").strip().splitlines()
        return {"text": text, "s": None, "runs": 0, "rows": None, "capped": False,
                "error": last[-1] if last else f"exit status {e.returncode}"}
    times, rows = json.loads(done.stdout)
    return {"text": text, "s": statistics.median(times), "runs": len(times), "rows": rows, "capped": False}


def medkg_query_child(location: Path, build_dir: Path, repeats: int) -> None:
    import medkg

    store = medkg.open_store(f"oxigraph:{location}", project=medkg.Project(root=ROOT, build_dir=build_dir))
    text = sys.stdin.read()
    print(json.dumps(repeat(lambda: len(store.query(text).rows), repeats)))


def html_view(G, scratch: Path) -> dict:
    """Time the focused HTML view of the most frequent drug, from the entity view."""
    try:
        from medkg.html import neighbourhood, render_html
    except ImportError:
        return {"available": False}
    t0 = time.perf_counter()
    H = neighbourhood(G, FOCUS, depth=1)
    path = render_html(H, scratch / "focus.html")
    seconds = time.perf_counter() - t0
    return {"available": True, "s": seconds, "focus": FOCUS, "depth": 1, "nodes": H.number_of_nodes(),
            "edges": H.number_of_edges(), "bytes": Path(path).stat().st_size,
            "truncated": H.graph.get("truncated")}


# --- the rdflib side ------------------------------------------------------------------


def rdflib_side(data: Path, texts: dict[str, str], repeats: int, cap: float, skip_networkx: bool) -> dict:
    import rdflib
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph
    from rdflib.graph import ReadOnlyGraphAggregate

    from medkg.store import prologue

    out: dict = {"version": rdflib.__version__}

    def load():
        ds = rdflib.Dataset()
        ds.parse(data / "medkg.trig", format="trig")
        ds.default_union = True  # as medkg: the default graph is the union of the named graphs
        return ds

    ds, out["load_s"] = timed(load)
    out["quads"] = sum(1 for _ in ds.quads((None, None, None, None)))
    out["peak_mb_after_load"] = peak_mb()
    queries = {}
    for name, text in texts.items():
        times, rows, error = capped(lambda: len(ds.query(prologue() + text)), repeats, cap)
        capped_out = not times and error is None
        queries[name] = {"s": statistics.median(times) if times else cap, "runs": len(times), "rows": rows,
                         "capped": capped_out, "error": error}
        shown = f">{cap:.0f} s (capped)" if capped_out else error or f"{queries[name]['s'] * 1000:.1f} ms"
        print(f"  rdflib {name}: {shown}, {rows} rows", file=sys.stderr)
    out["queries"] = queries
    if not skip_networkx:
        union = ReadOnlyGraphAggregate(list(ds.graphs()))
        G, out["networkx_s"] = timed(rdflib_to_networkx_multidigraph, union)
        out["networkx_nodes"], out["networkx_edges"] = G.number_of_nodes(), G.number_of_edges()
        del G
    # a query's peak is that of its forked copy of this process (the dataset included)
    out["peak_mb"] = max(peak_mb(), peak_mb(resource.RUSAGE_CHILDREN))
    return out


def capped(run, repeats: int, cap: float) -> tuple[list[float], int | None, str | None]:
    """Up to ``repeats`` runs in a forked child, all within ``cap`` seconds."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def child():
        try:
            times: list[float] = []
            while len(times) < repeats and (not times or sum(times) < REPEAT_BUDGET_S):
                rows, seconds = timed(run)
                times.append(seconds)
                send.send(("ok", seconds, rows))
        except Exception as e:  # report rdflib's error instead of a time
            send.send(("error", f"{type(e).__name__}: {' '.join(str(e).split())[:200]}", None))
        send.send(("done", None, None))

    process = ctx.Process(target=child)
    process.start()
    send.close()
    times, rows, error = [], None, None
    deadline = time.monotonic() + cap
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not receive.poll(remaining):
            break
        try:
            kind, value, count = receive.recv()
        except EOFError:
            break
        if kind == "ok":
            times.append(value)
            rows = count
        elif kind == "error":
            error = value
        else:
            break
    process.kill()
    process.join()
    return times, rows, error


# --- the run -------------------------------------------------------------------------


def run_side(args: argparse.Namespace, side: str, extra: list[str] = ()) -> dict:
    """Run one side in a fresh interpreter and return its report."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        cmd = [sys.executable, __file__, "--side", side, "--scale", str(args.scale), "--repeats",
               str(args.repeats), "--cap", str(args.cap), "--medkg-cap", str(args.medkg_cap),
               "--report", report.name, *extra]
        if args.skip_networkx:
            cmd.append("--skip-networkx")
        load_before = os.getloadavg()[0]
        subprocess.run(cmd, check=True)
        result = json.loads(Path(report.name).read_text())
    result["loadavg"] = [load_before, os.getloadavg()[0]]
    return result


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0].split()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": round(int(meminfo[1]) / 1024**2, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "pyoxigraph": metadata.version("pyoxigraph"), "rdflib": metadata.version("rdflib"),
            "networkx": metadata.version("networkx")}


def ratio(baseline: float | None, medkg: float | None) -> float | None:
    return round(baseline / medkg, 1) if baseline and medkg else None


def summarise(args, data: Path, corpus: dict, mk: dict, disk: dict, rl: dict | None) -> dict:
    queries = {}
    for name, q in mk["queries"].items():
        d = disk["queries"][name]
        entry = {"medkg_s": q["s"] and round(q["s"], 4), "medkg_capped": q.get("capped", False),
                 "medkg_rows": q["rows"],
                 "medkg_disk_s": d["s"] and round(d["s"], 4), "medkg_disk_capped": d.get("capped", False)}
        for side, e in (("medkg", q), ("medkg_disk", d)):
            if e.get("error"):
                entry[f"{side}_error"] = e["error"]
        if rl:
            r = rl["queries"][name]
            both_capped = r["capped"] and q.get("capped", False)
            entry.update({"rdflib_s": round(r["s"], 4), "rdflib_capped": r["capped"], "rdflib_rows": r["rows"],
                          "ratio": None if both_capped else ratio(r["s"], q["s"])})
            if r["error"]:
                entry["rdflib_error"] = r["error"]
            # the target: under 200 ms, or at least 20 times faster than rdflib
            entry["meets_target"] = bool(q["s"] is not None and not q.get("capped") and
                                         (q["s"] < 0.2 or (entry["ratio"] or 0) >= 20))
        queries[name] = entry
    html = mk.get("html", {})
    result = {
        "scale": {"claims": corpus["claims"], "triples": mk["quads"], "sources": corpus["sources"],
                  "entities": corpus["entities"], "conflicts": corpus["conflicts"], "seed": corpus["seed"]},
        "queries": queries,
        "medkg": {k: v for k, v in mk.items() if k != "queries"},
        "medkg_disk": {k: v for k, v in disk.items() if k != "queries"},
        "html_s": html.get("s") if html.get("available") else "not available",
        "machine": machine(),
        "command": "make bench" if not args.medkg_only and args.scale == DEFAULT_SCALE else
                   f"python benchmarks/bench.py --scale {args.scale}" + (" --medkg-only" if args.medkg_only else ""),
    }
    if rl:
        result["rdflib"] = {k: v for k, v in rl.items() if k != "queries"}
        result["ratios"] = {"load": ratio(rl["load_s"], mk["load_s"]),
                            "networkx": ratio(rl.get("networkx_s"), mk.get("networkx_s")),
                            "memory": ratio(rl["peak_mb"], mk["peak_mb"]),
                            "load_disk": ratio(rl["load_s"], disk["load_s"]),
                            "memory_disk": ratio(rl["peak_mb"], disk["peak_mb"])}
    return result


def table(result: dict) -> str:
    s, mk, disk, rl = result["scale"], result["medkg"], result["medkg_disk"], result.get("rdflib")
    ratios = result.get("ratios", {})

    def secs(x: float | None) -> str:
        return "—" if x is None else f"{x * 1000:.0f} ms" if x < 1 else f"{x:.1f} s"

    def shown(q: dict, side: str) -> str:
        if q.get(f"{side}_error"):
            return "error"
        return f"> {secs(q[f'{side}_s'])} (capped)" if q.get(f"{side}_capped") else secs(q[f"{side}_s"])

    head = (f"{s['claims']:,} claims, {s['triples']:,} quads ({s['sources']:,} sources, {s['entities']:,} entities, "
            f"{s['conflicts']:,} conflicts); {result['machine']['cpus']} cores, {result['machine']['memory_gb']} GB")
    rows = [("load (from the TriG)", secs(mk["load_s"]), secs(disk["load_s"]) + " (bulk load, once)",
             rl and secs(rl["load_s"]), ratios.get("load")),
            ("reopen (already loaded)", "—", secs(disk["reopen_s"]), rl and "—", None),
            ("peak memory", f"{mk['peak_mb'] / 1024:.1f} GB", f"{disk['peak_mb'] / 1024:.1f} GB",
             rl and f"{rl['peak_mb'] / 1024:.1f} GB", ratios.get("memory"))]
    if "networkx_s" in mk:
        rows.append(("networkx entity view (medkg: with evidence) / rdflib converter", secs(mk["networkx_s"]), "—",
                     rl and secs(rl["networkx_s"]), ratios.get("networkx")))
    for name, q in result["queries"].items():
        theirs = None
        if rl:
            theirs = (f"> {secs(q['rdflib_s'])} (capped)" if q["rdflib_capped"] else
                      "error" if q.get("rdflib_error") else secs(q["rdflib_s"]))
        rows.append((f"query `{name}` ({q['medkg_rows']} rows)", shown(q, "medkg"), shown(q, "medkg_disk"), theirs,
                     q.get("ratio") if not q.get("rdflib_error") else None))
    html = mk.get("html", {})
    if html.get("available"):
        cut = html.get("truncated")
        note = f", the {cut['shown']} most connected of {cut['of']} neighbours" if cut else ""
        rows.append((f"focused HTML view (amitriptyline, depth 1{note}: {html['nodes']} nodes, {html['edges']} claims)",
                     secs(html["s"]), "—", rl and "—", None))
    columns = "| | medkg: Oxigraph in memory | medkg: Oxigraph on disk |"
    lines = [head, "", columns + (" rdflib | rdflib / medkg in memory |" if rl else ""),
             "|---|---:|---:|" + ("---:|---:|" if rl else "")]
    for what, ours, on_disk, theirs, r in rows:
        theirs_capped, ours_capped = "capped" in (theirs or ""), "capped" in ours
        bound = "≥ " if theirs_capped and not ours_capped else "≤ " if ours_capped and not theirs_capped else ""
        ratio_text = "" if r is None else f"{bound}{r:g}×"
        lines.append(f"| {what} | {ours} | {on_disk} |" + (f" {theirs} | {ratio_text} |" if rl else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=DEFAULT_SCALE, help="claims in the generated graph")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--medkg-only", action="store_true", help="skip the rdflib baseline (for 10⁶ claims)")
    parser.add_argument("--skip-networkx", action="store_true", help="skip the networkx and HTML views")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds allowed per rdflib query")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--medkg-cap", type=float, default=600.0, help="seconds allowed per medkg query")
    parser.add_argument("--side", choices=("medkg", "medkg-disk", "medkg-query", "rdflib"), help=argparse.SUPPRESS)
    parser.add_argument("--location", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    data = HERE / "data" / f"claims-{args.scale}"

    if args.side == "medkg":
        args.report.write_text(json.dumps(medkg_side(data, args.repeats, args.medkg_cap, args.skip_networkx)))
        return 0
    if args.side == "medkg-disk":
        args.report.write_text(json.dumps(medkg_disk_side(data, args.repeats, args.medkg_cap)))
        return 0
    if args.side == "medkg-query":
        medkg_query_child(args.location, args.build_dir, args.repeats)
        return 0
    if args.side == "rdflib":
        texts = json.loads(args.texts.read_text())
        args.report.write_text(json.dumps(rdflib_side(data, texts, args.repeats, args.cap, args.skip_networkx)))
        return 0

    from generate import generate

    corpus_file = data / "corpus.json"
    if not (data / "medkg.trig").exists() or json.loads(corpus_file.read_text()).get("seed") != args.seed:
        print(f"generating {args.scale} claims …", file=sys.stderr)
        generate(args.scale, seed=args.seed, out=HERE / "data")
    corpus = json.loads(corpus_file.read_text())
    print("medkg side, Oxigraph in memory …", file=sys.stderr)
    mk = run_side(args, "medkg")
    print("medkg side, Oxigraph on disk …", file=sys.stderr)
    disk = run_side(args, "medkg-disk")
    rl = None
    if not args.medkg_only:
        with tempfile.NamedTemporaryFile("w", suffix=".json") as texts:
            json.dump({name: q["text"] for name, q in mk["queries"].items()}, texts)
            texts.flush()
            print("rdflib side …", file=sys.stderr)
            rl = run_side(args, "rdflib", ["--texts", texts.name])
    result = summarise(args, data, corpus, mk, disk, rl)
    out = args.out or HERE / "results" / ("latest.json" if not args.medkg_only and args.scale == DEFAULT_SCALE
                                          else f"claims-{args.scale}{'-medkg-only' if args.medkg_only else ''}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(table(result))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
