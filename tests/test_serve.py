"""``medkg serve``: a standard SPARQL client and ``medkg query --endpoint`` get the answers the
local store gives for every named query; updates are refused; a bad query is one HTTP error."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

import medkg
from medkg import serve
from medkg.build import TRIG_FILE
from medkg.cli import main, parser
from medkg.endpoint import main as endpoint_main, parser as endpoint_parser
from medkg.errors import MedkgError
from medkg.query import bind, named_queries, resolve_query, run
from medkg.rdfio import serialize_trig
from medkg.store import open_store, prologue

from helpers import ROOT, running_endpoint

QUERIES = sorted(named_queries())
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
PLANTED = "<https://w3id.org/medkg/entity/planted> <https://w3id.org/medkg/ontology#treats> " \
          "<https://w3id.org/medkg/entity/sciatica>"



@pytest.fixture(scope="module")
def project(built, tmp_path_factory) -> medkg.Project:
    """A project whose build/ holds this session's build (no second build)."""
    out = tmp_path_factory.mktemp("serve-build")
    (out / TRIG_FILE).write_bytes(serialize_trig(built.dataset))
    return medkg.Project(root=ROOT, build_dir=out)


@pytest.fixture(scope="module")
def endpoint(project, tmp_path_factory):
    """The server's query URL; the server is stopped however the tests end."""
    with running_endpoint(project, tmp_path_factory.mktemp("serve") / "store") as base:
        yield base + "/query"


@pytest.fixture(scope="module")
def local(project):
    return open_store("memory", project=project)


def sparqlwrapper_select(url: str, text: str) -> dict:
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery(text)
    return client.query().convert()


def values(doc: dict) -> list[tuple[str, ...]]:
    """SPARQL JSON results as sorted rows of values (``""`` for unbound)."""
    names = doc["head"]["vars"]
    return sorted(tuple(b.get(v, {}).get("value", "") for v in names) for b in doc["results"]["bindings"])


def local_values(result) -> list[tuple[str, ...]]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result.rows)


def post(url: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": content_type,
                                                          "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.mark.parametrize("name", QUERIES)
def test_named_query_answers_the_same_over_http_as_locally(name, endpoint, local, capsys):
    expected = run(name, local)
    assert expected.rows
    # a standard client, sent the query as medkg binds it (predeclared prefixes written out)
    text = prologue() + bind(resolve_query(name), {}, local)
    doc = sparqlwrapper_select(endpoint, text)
    assert doc["head"]["vars"] == expected.vars
    assert values(doc) == local_values(expected)
    # the command
    assert main(["query", "--endpoint", endpoint, name, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and values(json.loads(out)) == local_values(expected)


def test_parameters_are_bound_the_same_way_over_http(endpoint, capsys):
    code = main(["query", "--endpoint", endpoint, "patient-safety", "--param", "patient=glaucoma,heart problems",
                 "--format", "json"])
    out, _ = capsys.readouterr()
    rows = json.loads(out)["results"]["bindings"]
    assert code == 0 and len(rows) == 4
    assert {r["patient"]["value"].rsplit("/", 1)[1] for r in rows} == {"glaucoma", "heart-disease"}
    assert {r["relation"]["value"].rsplit("#", 1)[1] for r in rows} == {"cautionIn", "contraindicatedIn"}


def test_an_update_is_refused_and_the_graph_is_unchanged(endpoint):
    before = values(sparqlwrapper_select(endpoint, COUNT))
    base = endpoint.rsplit("/", 1)[0]
    insert = f"INSERT DATA {{ GRAPH <https://w3id.org/medkg/graph/derived> {{ {PLANTED} }} }}"
    status, _ = post(f"{base}/update", insert.encode(), "application/sparql-update")
    assert status in (400, 401, 403, 405)
    status, _ = post(f"{base}/update", urllib.parse.urlencode({"update": insert}).encode(),
                     "application/x-www-form-urlencoded")
    assert status in (400, 401, 403, 405)
    status, _ = post(f"{base}/update", b"DROP ALL", "application/sparql-update")
    assert status in (400, 401, 403, 405)
    # nor is an update accepted at the query URL
    status, _ = post(endpoint, insert.encode(), "application/sparql-query")
    assert 400 <= status < 500
    assert values(sparqlwrapper_select(endpoint, COUNT)) == before
    assert int(before[0][0]) > 10_000
    assert sparqlwrapper_select(endpoint, f"ASK {{ {PLANTED} }}")["boolean"] is False


def test_the_command_refuses_an_update_before_sending_it(endpoint, capsys):
    assert main(["query", "--endpoint", endpoint, "CLEAR ALL"]) == 1
    assert "SPARQL Update is not allowed" in capsys.readouterr().err


def test_a_bad_query_is_an_http_error_and_the_server_answers_the_next(endpoint, local):
    status, body = post(endpoint, b"SELEC ?x WHERE { ?x ?y ?z }", "application/sparql-query")
    assert status == 400 and body
    expected = local_values(run("contraindications", local))
    text = prologue() + bind(resolve_query("contraindications"), {}, local)
    assert values(sparqlwrapper_select(endpoint, text)) == expected


BAD_OPTIONS = [("--timeout", v) for v in ("nan", "inf", "-inf", "-1", "0", "3600.5", "1e308", "abc", "")] + \
              [("--workers", v) for v in ("0", "65", "-1", "1.5", "x")] + \
              [("--port", v) for v in ("0", "65536", "-1", "http")]


@pytest.mark.parametrize(("option", "value"), BAD_OPTIONS)
def test_an_unusable_option_is_a_one_line_usage_error_before_anything_starts(option, value, capsys, tmp_path):
    # before: --timeout nan dropped every connection, -1 killed a worker per query
    for run, prog in ((lambda argv: main(["serve", *argv, "--root", str(tmp_path)]), "medkg serve"),
                      (lambda argv: endpoint_main(["--location", str(tmp_path / "none"), *argv]),
                       "python -m medkg.endpoint")):
        with pytest.raises(SystemExit) as e:
            run([f"{option}={value}"])
        assert e.value.code == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert err.strip().splitlines()[-1].startswith(f"{prog}: error: argument {option}: ")
    assert not (tmp_path / "build").exists()  # nothing was built or served
    keyword = {"--timeout": "timeout_s", "--workers": "workers", "--port": "port"}[option]
    with pytest.raises(MedkgError):  # nor through the Python API
        serve.command(tmp_path, **{"host": "127.0.0.1", "port": 7878, "timeout_s": 30, keyword: value})


@pytest.mark.parametrize(("option", "value", "parsed"), [
    ("--timeout", "0.5", 0.5), ("--timeout", "3600", 3600.0), ("--workers", "1", 1), ("--workers", "64", 64),
    ("--port", "1", 1), ("--port", "65535", 65535)])
def test_the_bounds_themselves_are_accepted(option, value, parsed):
    name = option.strip("-")
    assert getattr(parser().parse_args(["serve", option, value]), name) == parsed
    assert getattr(endpoint_parser().parse_args(["--location", "x", option, value]), name) == parsed
