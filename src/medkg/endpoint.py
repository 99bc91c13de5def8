"""A read-only SPARQL 1.1 Protocol endpoint: pyoxigraph behind Python's standard HTTP server.

Why not ``oxigraph serve-read-only``? Its ``--timeout-s`` is advisory: measured here, a
``COUNT(*)`` over a four-way cross product ran past 40 s with a 2 s timeout, holding a
core. So queries run in worker processes, each with the store opened read-only; a query
that overruns its timeout has its worker killed and replaced, and the server answers
``503`` for it while the other workers go on answering.

Protocol (https://www.w3.org/TR/sparql11-protocol/): ``GET /query?query=…``, ``POST /query``
with a form (``query=…``) or a ``application/sparql-query`` body. Results are negotiated
from ``Accept``: SPARQL JSON (default), XML, CSV, TSV; graphs as Turtle (default) or
N-Triples. ``GET /`` is a small query page for a browser. The default graph is the union
of the named graphs.

Any web page may query it (``Access-Control-Allow-Origin: *``), so no request is trusted.
Every query text passes :func:`medkg.guard.check_closed` before a worker sees it: an update
(at ``/update``, as ``update=``, or sent as a query) is ``403``, and so are the ways out of
the graph — ``SERVICE``, ``FROM``/``FROM NAMED``, ``LOAD`` — which would make the endpoint
fetch a URL for the page (no switch allows them here). The bounds:

- body: ``Content-Length`` is digits only (else ``400``) and at most 1 MiB (else ``413``,
  and the body is not read); a POST without one is ``411``, and so is one with
  ``Transfer-Encoding`` (chunked bodies are not read). Never more than the declared
  length is read.
- query text: at most :data:`medkg.guard.MAX_QUERY_CHARS` (1 Mi characters, ``413``).
- reading: no read waits more than 5 s, so an idle keep-alive connection is closed after
  5 s; a whole request, headers and body, must arrive within 10 s of the server starting
  to wait for it, however steadily its bytes trickle, or the connection is closed. A
  response must be taken within 30 s.
- connections: at most 512 at once; the next is answered ``503`` and closed.
- queries: the timeout (``--timeout``, 0 < t ≤ 3600 s, default 30) counts from the
  request, the wait for a worker included; at most 64 queries wait, and the next is
  ``503`` at once. Both of those ``503`` answers carry ``Retry-After``.
- workers: started on demand up to ``--workers`` (1–64, default 16), two kept idle ahead
  of need; a query still running after 1 s drops to the lowest CPU priority (its worker
  is replaced after it), so runaway queries do not slow the short ones. Workers end with
  the server, even in the middle of a query.

A malformed request gets an error status or a closed connection, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import math
import multiprocessing as mp
import os
import re
import select
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .errors import QueryError
from .guard import check_closed, check_size
from .vocab import PREFIXES

MAX_BODY = 1 << 20  # bytes of a request body
READ_TIMEOUT = 5.0  # seconds one read may wait (and an idle keep-alive connection lives)
REQUEST_DEADLINE = 10.0  # seconds to read one request, headers and body
SEND_TIMEOUT = 30.0  # seconds a client may take to accept a response
MAX_CONNECTIONS = 512
MAX_WAITING = 64  # queries waiting for a worker
RETRY_AFTER = 2  # seconds, suggested to a client turned away
MAX_TIMEOUT = 3600.0
MAX_WORKERS = 64
DEFAULT_WORKERS = 16
SPARE = 2  # idle workers kept ahead of need: starting one takes ~30 ms (forked), 0.6 s spawned
DEMOTE_AFTER = 1.0  # seconds a query runs at normal CPU priority
QUIET = 60.0  # seconds without a query after which surplus idle workers end

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

    _exit_with_server(conn)
    try:
        store = ox.Store.read_only(location)
    except OSError as e:  # the server says why, in one line
        conn.send(f"cannot open the store at {location}: {e}")
        return
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


def _exit_with_server(conn) -> None:
    """End this worker as soon as the server's end of ``conn`` closes, even mid-query: a
    query cannot be interrupted, and a worker outliving a killed server would run its
    runaway query forever. (Linux; elsewhere the server's shutdown kills its workers.)"""
    hangup = getattr(select, "POLLRDHUP", 0)
    if not hangup:
        return

    def watch() -> None:
        poller = select.poll()
        poller.register(conn.fileno(), hangup)
        poller.poll()
        os._exit(0)

    threading.Thread(target=watch, name="medkg-watch", daemon=True).start()


def _negotiate(accept: str, offered: dict[str, str], default: str) -> str:
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in offered:
            return media
    return default


class Busy(Exception):
    """No worker came free in time, or too many queries wait: ``503`` with ``Retry-After``."""


@dataclass(eq=False)
class _Worker:
    proc: mp.Process
    conn: object
    demoted: bool = False  # its priority cannot be raised again: it is not reused


class WorkerPool:
    """Worker processes with the store open, started as queries need them, up to ``most``.

    Workers are forked by a forkserver that has imported medkg and pyoxigraph once, so a
    new one is ready in ~30 ms: runaway queries each hold their own worker until their
    timeout, and the next query still finds a warm one.
    """

    def __init__(self, location: str, most: int, timeout: float):
        self.location, self.most, self.timeout = location, most, timeout
        # never fork the threaded server itself; a forkserver where there is one
        self.context = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        self.context.set_forkserver_preload(["medkg", "pyoxigraph", "http.server"])
        self.changed = threading.Condition()
        self.idle: list[_Worker] = []  # the most recently used last
        self.live: set[_Worker] = set()
        self.starting = self.waiting = 0
        self.closed = False
        self._put(self._start())  # the store opens, or the server does not start
        threading.Thread(target=self._keep_ahead, name="medkg-workers", daemon=True).start()

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        proc = self.context.Process(target=_worker, args=(self.location, child), daemon=True)
        proc.start()
        child.close()
        reason = f"query worker could not open the store at {self.location}"
        try:  # wait until the store is open, so a query's timeout never counts a start-up
            if parent.poll(120) and (reason := parent.recv()) == "ready":
                return _Worker(proc, parent)
        except (EOFError, OSError):
            pass
        proc.kill()
        parent.close()
        raise RuntimeError(reason)

    def _wanted(self) -> bool:
        """Whether to start a worker: fewer idle than SPARE plus the queries waiting."""
        ahead = len(self.idle) + self.starting
        return not self.closed and len(self.live) + self.starting < self.most and ahead < SPARE + self.waiting

    def _keep_ahead(self) -> None:
        """Start workers ahead of need; after a quiet spell, end the idle ones over SPARE."""
        while (job := self._next_job()) is not None:
            if isinstance(job, _Worker):
                self._retire(job)
            else:  # in parallel: runaway queries killed together are replaced together
                threading.Thread(target=self._start_one, name="medkg-start", daemon=True).start()

    def _start_one(self) -> None:
        try:
            self._put(self._start())
        except (RuntimeError, OSError) as e:  # the store went away? say so, and wait a little
            print(f"medkg: error: {e}", file=sys.stderr, flush=True)
            time.sleep(1)
        finally:
            with self.changed:
                self.starting -= 1
                self.changed.notify_all()

    def _next_job(self) -> str | _Worker | None:
        """Wait for work: ``"start"`` a worker, an idle worker to end, or None once closed."""
        with self.changed:
            while not self.closed:
                if self._wanted():
                    self.starting += 1
                    return "start"
                if not self.changed.wait(QUIET) and len(self.idle) > SPARE:
                    return self.idle.pop(0)  # the least recently used
            return None

    def _take(self, deadline: float) -> _Worker:
        with self.changed:
            if not self.idle and self.waiting >= MAX_WAITING:
                raise Busy(f"{MAX_WAITING} queries are already waiting for a query worker: try again shortly")
            self.waiting += 1
            self.changed.notify_all()  # a worker may be started for this query
            try:
                while not self.idle:
                    left = deadline - time.monotonic()
                    if left <= 0 or self.closed:
                        raise Busy(f"no query worker came free within the {self.timeout:g} s timeout")
                    self.changed.wait(left)
                return self.idle.pop()  # the most recently used: its caches are warm
            finally:
                self.waiting -= 1
                self.changed.notify_all()  # one fewer idle: another may be started

    def _put(self, worker: _Worker) -> None:
        with self.changed:
            if not self.closed:
                self.live.add(worker)
                self.idle.append(worker)
                self.changed.notify_all()
                return
        self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        worker.proc.kill()
        worker.conn.close()
        worker.proc.join(5)
        with self.changed:
            self.live.discard(worker)
            self.changed.notify_all()

    def _finishes(self, worker: _Worker, deadline: float) -> bool:
        """Whether the worker answers by the deadline. A query still running after
        DEMOTE_AFTER is most likely a runaway: its worker drops to the lowest CPU priority,
        so that the short queries and the server itself get the processors first."""
        if worker.conn.poll(max(0.0, min(DEMOTE_AFTER, deadline - time.monotonic()))):
            return True
        worker.demoted = True
        try:
            os.setpriority(os.PRIO_PROCESS, worker.proc.pid, 19)
        except (OSError, AttributeError):
            pass  # already gone, or not a POSIX system: the timeout still holds
        return worker.conn.poll(max(0.0, deadline - time.monotonic()))

    def run(self, text: str, accept: str, since: float) -> tuple[int, str, bytes]:
        """Run one query that arrived at ``since`` (``time.monotonic()``): its timeout counts
        from then. Raises :class:`Busy` if no worker comes free in time."""
        worker = self._take(since + self.timeout)
        try:
            worker.conn.send((text, accept))
            if self._finishes(worker, since + self.timeout):
                answer = worker.conn.recv()
                (self._retire if worker.demoted else self._put)(worker)
                return answer
            answer = 503, "text/plain", f"query stopped: the {self.timeout:g} s timeout ran out".encode()
        except (EOFError, OSError):
            answer = 500, "text/plain", b"the query worker failed while running this query"
        self._retire(worker)
        return answer

    def close(self) -> None:
        with self.changed:
            self.closed = True
            workers = list(self.live)
            self.changed.notify_all()
        for worker in workers:  # busy ones too: a runaway query ends with the server
            worker.proc.kill()
            worker.conn.close()


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
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
TOO_MANY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Retry-After: %d\r\nContent-Length: 39\r\nConnection: close\r\n\r\n"
            b"too many connections: try again shortly" % RETRY_AFTER)
DIGITS = re.compile(r"[0-9]+")


class _DeadlineReader(io.RawIOBase):
    """A socket as a file whose reads end at ``deadline``: each waits at most READ_TIMEOUT
    and never past the deadline, so bytes trickled one at a time cannot hold a thread."""

    def __init__(self, sock: socket.socket):
        self.sock, self.deadline = sock, math.inf

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive within its deadline")
        self.sock.settimeout(min(READ_TIMEOUT, left))
        return self.sock.recv_into(buffer)


def make_handler(pool: WorkerPool):
    class Handler(BaseHTTPRequestHandler):
        server_version = "medkg-sparql"
        protocol_version = "HTTP/1.1"
        default_request_version = "HTTP/1.0"  # not 0.9: a reply to a garbled request line has a status line
        disable_nagle_algorithm = True  # a response is two writes (head, body): send both now

        def setup(self):
            super().setup()
            self.rfile.close()  # replaced: every read goes through the deadline
            self.reader = _DeadlineReader(self.connection)
            self.rfile = io.BufferedReader(self.reader)

        def handle_one_request(self):
            self.reader.deadline = time.monotonic() + REQUEST_DEADLINE
            self.answered = False
            try:
                super().handle_one_request()
            except OSError:  # the client left, or was too slow: no one to answer
                self.close_connection = True
            except Exception as e:  # a bug of ours: answer it; a traceback per request would flood the log
                self.close_connection = True
                print(f"medkg: error: {getattr(self, 'requestline', '')!r}: {e!r}", file=sys.stderr, flush=True)
                if not self.answered:
                    with contextlib.suppress(OSError):
                        self._refuse(500, "internal error")

        def log_message(self, fmt, *args):  # quiet: one line per request would drown the console
            pass

        def _send(self, status: int, media: str, body: bytes, *headers: tuple[str, str]) -> None:
            self.answered = True
            self.connection.settimeout(SEND_TIMEOUT)  # the last read may have left it short
            self.send_response(status)
            self.send_header("Content-Type", media + ("; charset=utf-8" if media.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            for name, value in headers:
                self.send_header(name, value)  # ("Connection", "close") also ends the connection
            self.end_headers()
            self.wfile.write(body)

        def _text(self, status: int, message: str, *headers: tuple[str, str]) -> None:
            self._send(status, "text/plain", message.encode(), *headers)

        def _refuse(self, status: int, message: str) -> None:
            """Answer and close: the body, if any, is not read, and must not pass for a request."""
            self._text(status, message, ("Connection", "close"))

        def _answer(self, params: dict[str, list[str]], body_query: str | None = None) -> None:
            since = time.monotonic()
            if "update" in params or urlparse(self.path).path.rstrip("/") == "/update":
                return self._text(403, READ_ONLY)
            text = body_query if body_query is not None else (params.get("query") or [None])[0]
            if not text:
                return self._text(400, "missing query parameter")
            try:
                check_size(text)
            except QueryError as e:
                return self._text(413, str(e))
            try:
                check_closed(text)  # no update, no SERVICE, FROM or LOAD: nothing leaves the graph
            except QueryError as e:
                return self._text(403, str(e))
            accept = (params.get("format") or [self.headers.get("Accept", "")])[0]
            try:
                self._send(*pool.run(text, accept, since))
            except Busy as e:
                self._text(503, str(e), ("Retry-After", str(RETRY_AFTER)))

        def _body(self) -> bytes | None:
            """Exactly the declared body, or None once the request has been answered."""
            if "Transfer-Encoding" in self.headers:
                return self._refuse(411, "send the body with a Content-Length (chunked bodies are not read)")
            lengths = self.headers.get_all("Content-Length") or []
            if not lengths:
                return self._refuse(411, "a POST needs a Content-Length")
            if len(lengths) > 1 or not DIGITS.fullmatch(lengths[0]):
                return self._refuse(400, "Content-Length must be one number of bytes")
            if len(lengths[0]) > 12 or int(lengths[0]) > MAX_BODY:
                return self._refuse(413, f"the body is over the limit of {MAX_BODY:,} bytes")
            length = int(lengths[0])
            body = self.rfile.read(length)
            if len(body) < length:  # the client left mid-body
                self.close_connection = True
                return None
            return body

        def do_GET(self):
            if "Transfer-Encoding" in self.headers or self.headers.get("Content-Length", "0") != "0":
                self.close_connection = True  # a body is not read: it must not pass for the next request
            url = urlparse(self.path)
            if url.path in ("", "/"):
                page = PAGE.format(prefixes=html.escape(", ".join(PREFIXES)), example=html.escape(EXAMPLE))
                return self._send(200, "text/html", page.encode())
            if url.path.rstrip("/") not in ("/query", "/update", "/sparql"):
                return self._text(404, "not found: use /query")
            self._answer(parse_qs(url.query))

        def do_POST(self):
            raw = self._body()
            if raw is None:
                return
            text = raw.decode("utf-8", "replace")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(urlparse(self.path).query)
            if media == "application/sparql-update":
                return self._text(403, READ_ONLY)
            if media == "application/sparql-query":
                return self._answer(params, text)
            params.update(parse_qs(text))
            self._answer(params)

    return Handler


class Server(ThreadingHTTPServer):
    """A thread per connection, at most MAX_CONNECTIONS of them."""

    daemon_threads = True
    block_on_close = False  # stopping must not wait for a slow client or a running query
    request_queue_size = 256  # the default backlog of 5 resets connections when many clients arrive at once

    def __init__(self, address, handler):
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            return self._turn_away(request)
        try:
            super().process_request(request, client_address)
        except Exception:  # no thread to be had
            self.slots.release()
            self._turn_away(request)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def _turn_away(self, request) -> None:
        try:
            request.setblocking(False)  # the accepting thread never waits on a client
            request.send(TOO_MANY)
        except OSError:
            pass
        self.shutdown_request(request)

    def handle_error(self, request, client_address):
        pass  # the handler answers what can be answered; the rest is a closed connection


def serve_forever(location: str, host: str, port: int, timeout: float, workers: int = DEFAULT_WORKERS) -> None:
    pool = WorkerPool(location, workers, timeout)
    try:
        server = Server((host, port), make_handler(pool))
    except BaseException:
        pool.close()
        raise
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that `finally` ends the workers
    print(f"listening on http://{host}:{port}/query", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        pool.close()


# --- command line -----------------------------------------------------------------------


def seconds(text: str) -> float:
    """argparse type of a query timeout: a finite number of seconds, 0 < t ≤ MAX_TIMEOUT."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= MAX_TIMEOUT:  # false for nan too
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {MAX_TIMEOUT:g} seconds, got {text!r}")
    return value


def _whole(low: int, high: int):
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, got {text!r}")
        return value

    return whole


port_number = _whole(1, 65535)
worker_count = _whole(1, MAX_WORKERS)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m medkg.endpoint", description=__doc__.splitlines()[0])
    p.add_argument("--location", required=True, help="directory of the Oxigraph store")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=port_number, default=7878)
    p.add_argument("--timeout", type=seconds, default=30.0,
                   help=f"seconds a query may take, its wait for a worker included (at most {MAX_TIMEOUT:g})")
    p.add_argument("--workers", type=worker_count, default=DEFAULT_WORKERS,
                   help=f"most query worker processes (1-{MAX_WORKERS}, default {DEFAULT_WORKERS})")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        serve_forever(args.location, args.host, args.port, args.timeout, args.workers)
    except KeyboardInterrupt:
        return 0
    except OSError as e:
        print(f"medkg: error: cannot serve on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return 1
    except RuntimeError as e:  # the store cannot be opened
        print(f"medkg: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
