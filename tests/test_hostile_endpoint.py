"""The endpoint under attack, loopback only, every loop bounded in count and time: runaway
queries, updates, ways out of the graph (SERVICE, FROM, LOAD), malformed and oversized
requests, slow and idle connections, a full waiting list, too many connections, many
clients at once. No hostile request may print a traceback (checked after every test)."""

from __future__ import annotations

import json
import select as select_module
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from medkg.endpoint import MAX_BODY, MAX_CONNECTIONS, MAX_WAITING, READ_TIMEOUT, REQUEST_DEADLINE

from helpers import descendants, endpoint_process, exchange, loopback_listener, prepared_store, read_response

CONTRA = ("SELECT ?c WHERE { <https://w3id.org/medkg/entity/amitriptyline> "
          "<https://w3id.org/medkg/ontology#contraindicatedIn> ?c } ORDER BY ?c")
EXPECTED = sorted(f"https://w3id.org/medkg/entity/{x}" for x in
                  ("glaucoma", "heart-disease", "liver-disease", "seizures", "urinary-retention"))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ONE_WORKER_TIMEOUT = 5
UPDATE = ("INSERT DATA { <https://w3id.org/medkg/entity/planted> <https://w3id.org/medkg/ontology#treats> "
          "<https://w3id.org/medkg/entity/sciatica> }")


@pytest.fixture(scope="module")
def store(built, tmp_path_factory) -> Path:
    return prepared_store(built, tmp_path_factory.mktemp("endpoint"))


@pytest.fixture(scope="module")
def server(store):
    with endpoint_process(store, timeout_s=2) as server:
        yield server


@pytest.fixture(scope="module")
def endpoint(server) -> str:
    return server.base


@pytest.fixture(scope="module")
def one_worker(store):
    """A server with a single query worker: easy to fill."""
    with endpoint_process(store, timeout_s=ONE_WORKER_TIMEOUT, workers=1) as server:
        yield server


@pytest.fixture(autouse=True)
def no_traceback(server):
    yield
    assert "Traceback" not in server.stderr()


def send(base: str, path: str = "/query", *, params: dict | None = None, body: bytes | None = None,
         content_type: str | None = None, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """One request as a client sends it: (status, headers, body), error statuses included."""
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    headers = {"Accept": "application/sparql-results+json"}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def ways(text: str, param: str = "query") -> dict[str, dict]:
    """The three ways the protocol carries a query (or an update): GET, a form, a body."""
    body_type = "application/sparql-query" if param == "query" else "application/sparql-update"
    return {"GET": {"params": {param: text}},
            "form": {"body": urllib.parse.urlencode({param: text}).encode(),
                     "content_type": "application/x-www-form-urlencoded"},
            "body": {"body": text.encode(), "content_type": body_type}}


def post_runaway(base: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    return send(base, body=RUNAWAY.encode(), content_type="application/sparql-query", timeout=timeout)


def select(base: str, query: str, *, timeout: float = 30) -> list[str]:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(f"{base}/query", data=data,
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = json.loads(resp.read())
    var = body["head"]["vars"][0]
    return [b[var]["value"] for b in body["results"]["bindings"]]


def readable(sock: socket.socket) -> bool:
    return bool(select_module.select([sock], [], [], 0)[0])


def post_head(*lines: str) -> bytes:
    """The head of a POST of a query, with the given header lines (Content-Length or not)."""
    head = ["POST /query HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/sparql-query", *lines]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")


# --- queries that run away, update, or reach out ------------------------------------------


def test_runaway_query_is_stopped_by_the_timeout_and_the_server_keeps_answering(endpoint):
    started = time.monotonic()
    status, _, _ = post_runaway(endpoint, timeout=60)
    assert status == 503
    assert time.monotonic() - started < 30  # the 2 s timeout, not the query, ended it
    assert select(endpoint, CONTRA) == EXPECTED


def test_update_is_refused_and_changes_nothing(endpoint):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = select(endpoint, count)
    for path in ("/update", "/query"):
        req = urllib.request.Request(f"{endpoint}{path}", data=urllib.parse.urlencode(
            {"update": "DELETE WHERE { ?s ?p ?o }"}).encode())
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=10)
        assert e.value.code == 403
    assert select(endpoint, count) == before


@pytest.mark.parametrize("how", ["GET", "form", "body"])
@pytest.mark.parametrize("param", ["query", "update"])
@pytest.mark.parametrize("path", ["/query", "/update"])
def test_an_update_is_403_however_it_is_sent(endpoint, path, param, how):
    status, _, body = send(endpoint, path, **ways(UPDATE, param)[how])
    assert status == 403, body


WAYS_OUT = {
    "SERVICE": "SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/sparql> { ?s ?p ?o } }",
    "SERVICE SILENT": "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:PORT/sparql> { ?s ?p ?o } }",
    "escaped SERVICE": "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:PORT/sparql> { ?s ?p ?o } }",
    "FROM": "SELECT * FROM <http://127.0.0.1:PORT/x> WHERE { ?s ?p ?o }",
    "FROM NAMED": "SELECT * FROM NAMED <http://127.0.0.1:PORT/x> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD": "LOAD <http://127.0.0.1:PORT/x>",
}


@pytest.mark.parametrize("how", ["GET", "form", "body"])
@pytest.mark.parametrize("name", WAYS_OUT)
def test_a_way_out_of_the_graph_is_403_and_nothing_is_fetched(endpoint, name, how):
    # CORS lets any web page send this; the endpoint must not become its HTTP client
    with loopback_listener() as (port, connected):
        status, headers, body = send(endpoint, **ways(WAYS_OUT[name].replace("PORT", str(port)))[how])
        assert (status, headers["Content-Type"]) == (403, "text/plain; charset=utf-8"), body
        assert b"not allowed" in body and len(body.decode().strip().splitlines()) == 1
        assert not connected(0.2), "the endpoint connected to the URL in the query"


# --- malformed and oversized requests -----------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "-1", "+5", "5x", "1e3", "0x10", "5, 5", "\xb2", ""])
def test_a_content_length_that_is_not_digits_is_400(server, value):
    answer = exchange(server.port, post_head(f"Content-Length: {value}") + b"ASK {}")
    assert answer is not None, "the connection was dropped without an answer"
    assert answer[0] == 400 and answer[1].get("Connection") == "close"


def test_two_content_lengths_are_400(server):
    answer = exchange(server.port, post_head("Content-Length: 6", "Content-Length: 60") + b"ASK {}")
    assert answer is not None and answer[0] == 400


def test_a_negative_content_length_cannot_stream_past_the_body_limit(server):
    chunk, sent = b"#" * 65536, 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(post_head("Content-Length: -1"))
        # stream up to 4 MiB (4 × the limit) until the server answers or hangs up
        while sent < 4 * MAX_BODY and not readable(sock):
            try:
                sent += sock.send(chunk)
            except OSError:
                break
        answer = read_response(sock)
    assert answer is not None and answer[0] == 400


@pytest.mark.parametrize("length", [MAX_BODY + 1, 10**30])
def test_a_body_over_the_limit_is_413_without_reading_it(server, length):
    started = time.monotonic()
    answer = exchange(server.port, post_head(f"Content-Length: {length}"))  # the body never comes
    assert answer is not None and answer[0] == 413
    assert time.monotonic() - started < 2


def test_a_post_without_content_length_is_411(server):
    answer = exchange(server.port, post_head() + b"ASK {}")
    assert answer is not None and answer[0] == 411


def test_a_chunked_post_is_411(server):
    # the protocol's clients send a Content-Length; chunked bodies are not read at all
    answer = exchange(server.port, post_head("Transfer-Encoding: chunked") + b"6\r\nASK {}\r\n0\r\n\r\n")
    assert answer is not None and answer[0] == 411


def test_a_malformed_request_line_and_garbage_get_an_answer_or_a_close(server, endpoint):
    for data in (b"\x00\xff\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"BREW /query HTTP/1.1\r\n\r\n",
                 b"GET /query HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n"):
        answer = exchange(server.port, data)
        assert answer is None or 400 <= answer[0] < 600
    assert select(endpoint, CONTRA) == EXPECTED


def test_malformed_query_gets_a_client_error_and_the_server_stays_up(endpoint):
    with pytest.raises(urllib.error.HTTPError) as e:
        select(endpoint, "SELECT ?x WHERE { ?x ")
    assert e.value.code == 400
    assert select(endpoint, CONTRA) == EXPECTED


# --- slow, idle and too many connections ----------------------------------------------------


def test_slow_and_idle_connections_are_closed_on_time(server):
    """Trickled headers and bodies are cut at the request deadline, however steadily the
    bytes come; silent and idle keep-alive connections at the read timeout."""
    endless_head = b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"a" * 1000
    endless_body = post_head("Content-Length: 1000") + b"#" * 1000
    kinds = {"trickled headers": endless_head, "trickled body": endless_body, "silent": b"",
             "idle keep-alive": b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"}
    conns = []
    for kind, data in kinds.items():
        for _ in range(5):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            if kind == "idle keep-alive":
                sock.sendall(data)
                data = b""
            conns.append({"kind": kind, "sock": sock, "todo": data, "closed": None})
    started = time.monotonic()
    try:
        while time.monotonic() - started < REQUEST_DEADLINE + 3 and any(c["closed"] is None for c in conns):
            for c in (c for c in conns if c["closed"] is None):
                try:
                    if readable(c["sock"]) and not c["sock"].recv(65536, socket.MSG_DONTWAIT):
                        c["closed"] = time.monotonic() - started
                    elif c["todo"]:  # one byte per round: never quiet long enough for the read timeout
                        c["sock"].send(c["todo"][:1])
                        c["todo"] = c["todo"][1:]
                except OSError:
                    c["closed"] = time.monotonic() - started
            time.sleep(0.25)
    finally:
        for c in conns:
            c["sock"].close()
    closed = {kind: [c["closed"] for c in conns if c["kind"] == kind] for kind in kinds}
    for kind in ("silent", "idle keep-alive"):
        assert all(t is not None and t < READ_TIMEOUT + 1.5 for t in closed[kind]), (kind, closed)
    for kind in ("trickled headers", "trickled body"):
        assert all(t is not None and READ_TIMEOUT < t < REQUEST_DEADLINE + 1.5 for t in closed[kind]), (kind, closed)


def test_connections_beyond_the_cap_are_refused_at_once(one_worker):
    held = []
    try:
        for _ in range(MAX_CONNECTIONS):
            held.append(socket.create_connection(("127.0.0.1", one_worker.port), timeout=5))
        time.sleep(0.5)  # every one is accepted
        started = time.monotonic()
        answer = exchange(one_worker.port, b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert answer is None or (answer[0] == 503 and int(answer[1]["Retry-After"]) > 0), answer
        assert time.monotonic() - started < 1
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + 5  # the slots come back as the server sees the closes
    while send(one_worker.base, params={"query": "ASK {}"}, timeout=5)[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.2)


# --- runaway clients, the waiting list, the workers -------------------------------------------


def test_two_runaway_clients_do_not_hold_up_a_simple_query(endpoint):
    stop = time.monotonic() + 6

    def runaway_client() -> int:
        sent = 0
        while time.monotonic() < stop and sent < 10:
            assert post_runaway(endpoint)[0] == 503
            sent += 1
        return sent

    with ThreadPoolExecutor(2) as attackers:
        running = [attackers.submit(runaway_client) for _ in range(2)]
        time.sleep(1)  # both runaway queries hold a worker
        latencies = []
        while time.monotonic() < stop - 1 and len(latencies) < 40:
            started = time.monotonic()
            assert select(endpoint, CONTRA, timeout=30) == EXPECTED
            latencies.append(time.monotonic() - started)
            time.sleep(0.1)
        assert all(r.result() > 0 for r in running)
    assert max(latencies) < 2, latencies


def test_the_wait_for_a_worker_counts_in_the_timeout(one_worker):
    def timed(_: int) -> tuple[int, float]:
        started = time.monotonic()
        return post_runaway(one_worker.base)[0], time.monotonic() - started

    # three runaway queries for one worker: each is stopped by its own timeout, not after the others'
    with ThreadPoolExecutor(3) as clients:
        answers = list(clients.map(timed, range(3)))
    assert all(status == 503 for status, _ in answers)
    assert max(elapsed for _, elapsed in answers) < ONE_WORKER_TIMEOUT + 1.5, answers


def test_a_full_waiting_list_is_503_at_once_with_retry_after(one_worker):
    # one runaway query holds the only worker; MAX_WAITING more wait for it
    with ThreadPoolExecutor(MAX_WAITING + 1) as clients:
        held = [clients.submit(post_runaway, one_worker.base) for _ in range(MAX_WAITING + 1)]
        time.sleep(2)  # all of them are in (a loaded machine may take a while), none has timed out
        started = time.monotonic()
        status, headers, _ = send(one_worker.base, params={"query": CONTRA}, timeout=10)
        elapsed = time.monotonic() - started
        answers = [h.result()[0] for h in held]
    assert (status, elapsed < 1) == (503, True), elapsed
    assert int(headers["Retry-After"]) > 0
    assert set(answers) == {503}
    assert select(one_worker.base, CONTRA) == EXPECTED


def test_stopping_the_server_ends_its_workers_even_mid_query(store):
    with endpoint_process(store, timeout_s=60) as server:
        client = threading.Thread(target=quietly, args=(post_runaway, server.base, 15), daemon=True)
        client.start()
        time.sleep(1.5)  # the runaway query is running in a worker
        workers = descendants(server.proc.pid)
        assert workers
    deadline = time.monotonic() + 5
    while running(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not running(workers)
    client.join(15)


def quietly(work, *args) -> None:
    try:
        work(*args)
    except Exception:  # the server was stopped under it
        pass


def running(pids: set[int]) -> set[int]:
    """The processes of ``pids`` still running (not ended, not a zombie)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def test_many_clients_at_once_all_get_correct_answers(endpoint, record_property):
    clients, per_client = 32, 50

    def client(_: int) -> int:
        ok = 0
        for _ in range(per_client):
            assert select(endpoint, CONTRA, timeout=30) == EXPECTED
            ok += 1
        return ok

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        answered = sum(pool.map(client, range(clients)))
    elapsed = time.monotonic() - started
    assert answered == clients * per_client
    throughput = answered / elapsed
    record_property("queries_per_second", round(throughput, 1))
    print(f"\n{answered} queries from {clients} concurrent clients in {elapsed:.1f} s: {throughput:.0f} queries/s")
