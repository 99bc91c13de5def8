"""Queries stay inside the graph: SERVICE, FROM, FROM NAMED and LOAD are refused on every
backend before an engine sees them, and nothing connects out (a local listener checks)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

import medkg
from medkg.errors import QueryError
from medkg.guard import MAX_QUERY_CHARS, check_closed, is_update, keywords
from medkg.query import check_read_only

from helpers import ROOT, run_cli


@pytest.fixture()
def listener():
    """A TCP listener on loopback; ``connections()`` says how many clients it accepted."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.3)
    port = sock.getsockname()[1]
    seen: list[object] = []

    def connections() -> int:
        while True:
            try:
                conn, _ = sock.accept()
            except (TimeoutError, socket.timeout):
                return len(seen)
            seen.append(conn)
            conn.close()

    yield port, connections
    sock.close()


def escapes(query: str) -> list[str]:
    return [
        query,
        query.replace("SERVICE", "service").replace("FROM", "from"),
        query.replace("SERVICE", "SERV\\u0049CE").replace("FROM", "FR\\u004FM"),
        "# a comment first\n" + query,
    ]


OUTSIDE = [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * FROM <http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "ASK FROM <file:///etc/passwd> {{ ?s ?p ?o }}",
    "CONSTRUCT {{ ?s ?p ?o }} FROM <http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}",
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    project = medkg.Project(root=ROOT, build_dir=tmp_path_factory.mktemp("guard") / "build")
    medkg.build(project, html=False)
    opened = [medkg.load(spec, project=project) for spec in ("memory", "oxigraph", "oxigraph-memory")]
    yield opened
    for store in opened:
        store.close()


@pytest.mark.parametrize("template", OUTSIDE)
def test_every_way_out_is_refused_on_every_backend_and_nothing_connects(stores, listener, template):
    port, connections = listener
    for query in escapes(template.format(port=port)):
        for store in stores:
            with pytest.raises(QueryError, match="not allowed"):
                medkg.query(store, query)
            with pytest.raises(QueryError, match="not allowed"):
                store.query(query)  # the store itself refuses, not only medkg.query
    assert connections() == 0


def test_the_cli_refuses_service_in_one_line_and_allow_service_opts_in(listener):
    port, connections = listener
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    done = run_cli("query", query, cwd=ROOT)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "SERVICE is not allowed" in done.stderr and "--allow-service" in done.stderr
    assert connections() == 0
    proc = subprocess.Popen([sys.executable, "-m", "medkg", "query", "--allow-service", "--timeout", "20", query],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, seen = time.monotonic() + 60, 0
    while time.monotonic() < deadline and not seen and proc.poll() is None:
        seen = connections()
    proc.kill()
    proc.wait(30)
    assert seen >= 1  # the switch really lets SERVICE through


def test_updates_are_refused_whatever_their_spelling():
    for update in ("CLEAR ALL", "PREFIX x: <http://x#> insert data { x:a x:b x:c }", "DROP GRAPH <http://x>",
                   "LOAD <http://127.0.0.1:9/x>", "DEL\\u0045TE WHERE { ?s ?p ?o }",
                   "WITH <http://x> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        assert is_update(update) or "LOAD" in update
        with pytest.raises(QueryError, match="SPARQL Update is not allowed"):
            check_closed(update)


def test_words_inside_names_strings_iris_and_comments_are_not_keywords():
    query = ('PREFIX service: <http://x/FROM#> SELECT ?from ?service WHERE { ?s service:load "SERVICE FROM" ; '
             '<http://x/SERVICE> \'\'\'FROM\nLOAD\'\'\' ; :from _:service } # SERVICE <http://x>')
    check_closed(query)
    assert keywords(query) == ["PREFIX", "SELECT", "WHERE"]


def test_a_query_over_the_size_limit_is_refused():
    with pytest.raises(QueryError, match="the limit is"):
        check_closed("ASK {}" + " " * MAX_QUERY_CHARS)


def test_a_long_in_list_is_checked_in_one_pass():
    """A query of 790 kB (rdflib's parser took minutes on such a list)."""
    items = ",".join(f'"{i}"' for i in range(100_000))
    query = f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o IN ({items})) }}"
    assert 750_000 < len(query) < MAX_QUERY_CHARS
    check_read_only(query)


def test_an_ask_is_syntax_checked_without_being_answered():
    values = " ".join(str(i) for i in range(300))
    # answering this on an empty store would enumerate 300³ rows; checking it must not
    check_read_only(f"ASK {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} FILTER(false) }}")
    with pytest.raises(QueryError, match="SPARQL syntax error: line 1"):
        check_read_only("ASK { ?s ?p }")


def test_engine_errors_are_one_line(stores):
    for store in stores:
        try:
            result = store.query('SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) } LIMIT 1')
        except QueryError as e:  # rdflib: an error; Oxigraph: the filter is false (SPARQL's rule)
            assert "\n" not in str(e)
        else:
            assert result.rows == []


def test_the_cli_stops_a_runaway_query_at_its_timeout():
    done = run_cli("query", "--store", "oxigraph-memory", "--timeout", "2",
                   "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", cwd=ROOT)
    assert done.returncode == 1 and "stopped after 2 s (--timeout)" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "abc"])
def test_a_timeout_must_be_a_finite_positive_number(value):
    done = run_cli("query", "--timeout", value, "ASK {}", cwd=ROOT)
    assert done.returncode == 2 and "--timeout" in done.stderr


def test_ctrl_c_stops_a_query_on_the_oxigraph_store(stores):
    import signal

    proc = subprocess.Popen([sys.executable, "-m", "medkg", "query", "--store", "oxigraph-memory",
                             "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(8)  # loaded and running
    proc.send_signal(signal.SIGINT)
    assert proc.wait(20) == 130
    assert proc.stderr.read().strip() == "medkg: interrupted"
