"""A read-only SPARQL 1.1 Protocol endpoint: pyoxigraph behind Python's standard HTTP server.

Why not ``oxigraph serve-read-only``? Its ``--timeout-s`` is advisory: measured here, a
``COUNT(*)`` over a four-way cross product ran past 40 s with a 2 s timeout, holding a
core. So queries run in a small pool of worker processes, each with the store opened
read-only; a query that overruns its timeout has its worker killed and replaced, and the
server answers ``503`` for it while the other workers go on answering.

Protocol (https://www.w3.org/TR/sparql11-protocol/): ``GET /query?query=…``, ``POST /query``
with a form (``query=…``) or a ``application/sparql-query`` body. Results are negotiated
from ``Accept``: SPARQL JSON (default), XML, CSV, TSV; graphs as Turtle (default) or
N-Triples. ``/update`` and any ``update=`` are refused with ``403``. ``GET /`` is a small
query page for a browser. The default graph is the union of the named graphs.
"""

from __future__ import annotations

import argparse
import html
import multiprocessing as mp
import queue
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .vocab import PREFIXES

MAX_BODY = 1 << 20  # a query longer than 1 MiB is refused

RESULT_FORMATS = {  # media type → pyoxigraph QueryResultsFormat name
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_FORMATS = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "text/plain": "N_TRIPLES"}


# --- worker processes -------------------------------------------------------------


def _worker(location: str, conn) -> None:
    """Answer queries sent over ``conn`` until it closes: (query, accept) → (status, type, body)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(location)
    conn.send("ready")
    while True:
        try:
            text, accept = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryBoolean | ox.QuerySolutions):
                media = _negotiate(accept, RESULT_FORMATS, "application/sparql-results+json")
                body = result.serialize(format=getattr(ox.QueryResultsFormat, RESULT_FORMATS[media]))
            else:
                media = _negotiate(accept, GRAPH_FORMATS, "text/turtle")
                body = ox.serialize(result, format=getattr(ox.RdfFormat, GRAPH_FORMATS[media]))
            conn.send((200, media, body))
        except SyntaxError as e:
            conn.send((400, "text/plain", f"SPARQL syntax error: {e}".encode()))
        except Exception as e:  # evaluation errors are the query's, not the server's
            conn.send((400, "text/plain", f"SPARQL error: {e}".encode()))


def _negotiate(accept: str, offered: dict[str, str], default: str) -> str:
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in offered:
            return media
    return default


class WorkerPool:
    """Worker processes with the store open; a stuck query costs its worker, not the server."""

    def __init__(self, location: str, size: int):
        self.location = location
        self.context = mp.get_context("spawn")  # never fork a threaded server
        self.idle: queue.Queue = queue.Queue()
        for _ in range(size):
            self.idle.put(self._spawn())

    def _spawn(self):
        parent, child = self.context.Pipe()
        proc = self.context.Process(target=_worker, args=(self.location, child), daemon=True)
        proc.start()
        child.close()
        # wait until the store is open, so a query's timeout never counts the worker's start-up
        if not parent.poll(120) or parent.recv() != "ready":
            proc.kill()
            raise RuntimeError(f"query worker could not open the store at {self.location}")
        return proc, parent

    def run(self, text: str, accept: str, timeout: float) -> tuple[int, str, bytes]:
        proc, conn = self.idle.get()
        try:
            conn.send((text, accept))
            if conn.poll(timeout):
                answer = conn.recv()
                self.idle.put((proc, conn))
                return answer
        except (EOFError, OSError, BrokenPipeError):
            pass
        proc.kill()
        proc.join()
        conn.close()
        self.idle.put(self._spawn())
        return 503, "text/plain", f"query stopped: it ran longer than the {timeout:g} s timeout".encode()

    def close(self) -> None:
        while not self.idle.empty():
            proc, conn = self.idle.get_nowait()
            conn.close()
            proc.kill()


# --- HTTP -----------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>medkg SPARQL</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:70em}}textarea{{width:100%;height:14em;font-family:monospace}}</style>
</head><body><h1>medkg SPARQL endpoint (read-only)</h1>
<p>POST or GET <code>/query</code> with <code>query=…</code>. Predeclared prefixes: {prefixes}.</p>
<form method="get" action="/query"><textarea name="query">{example}</textarea>
<p><label>Results as <select name="format"><option value="application/sparql-results+json">JSON</option>
<option value="text/csv">CSV</option><option value="text/tab-separated-values">TSV</option>
<option value="application/sparql-results+xml">XML</option></select></label>
<button type="submit">Run</button></p></form></body></html>"""

EXAMPLE = "SELECT ?condition WHERE { ent:amitriptyline medkg:contraindicatedIn ?condition }"


def make_handler(pool: WorkerPool, timeout: float):
    class Handler(BaseHTTPRequestHandler):
        server_version = "medkg-sparql"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: one line per request would drown the console
            pass

        def _send(self, status: int, media: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media + ("; charset=utf-8" if media.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, params: dict[str, list[str]], body_query: str | None = None) -> None:
            if "update" in params or urlparse(self.path).path.rstrip("/") == "/update":
                return self._send(403, "text/plain", b"this endpoint is read-only: SPARQL Update is refused")
            text = body_query if body_query is not None else (params.get("query") or [None])[0]
            if not text:
                return self._send(400, "text/plain", b"missing query parameter")
            accept = (params.get("format") or [self.headers.get("Accept", "")])[0]
            self._send(*pool.run(text, accept, timeout))

        def do_GET(self):
            url = urlparse(self.path)
            if url.path in ("", "/"):
                page = PAGE.format(prefixes=html.escape(", ".join(PREFIXES)), example=html.escape(EXAMPLE))
                return self._send(200, "text/html", page.encode())
            if url.path.rstrip("/") not in ("/query", "/update", "/sparql"):
                return self._send(404, "text/plain", b"not found: use /query")
            self._answer(parse_qs(url.query))

        def do_POST(self):
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._send(413, "text/plain", b"request too large")
            raw = self.rfile.read(length).decode("utf-8", "replace")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(url.query)
            if media == "application/sparql-update":
                return self._send(403, "text/plain", b"this endpoint is read-only: SPARQL Update is refused")
            if media == "application/sparql-query":
                return self._answer(params, raw)
            params.update(parse_qs(raw))
            self._answer(params)

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default backlog of 5 resets connections when many clients arrive at once


def serve_forever(location: str, host: str, port: int, timeout: float, workers: int) -> None:
    pool = WorkerPool(location, workers)
    server = Server((host, port), make_handler(pool, timeout))
    print(f"listening on http://{host}:{port}/query", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        pool.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m medkg.endpoint", description=__doc__.splitlines()[0])
    p.add_argument("--location", required=True, help="directory of the Oxigraph store")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run")
    p.add_argument("--workers", type=int, default=max(2, mp.cpu_count()), help="query worker processes")
    args = p.parse_args(argv)
    try:
        serve_forever(args.location, args.host, args.port, args.timeout, args.workers)
    except KeyboardInterrupt:
        return 0
    except OSError as e:
        print(f"medkg: error: cannot serve on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
