"""The endpoint under stress: runaway queries, updates, many clients at once (loopback only)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

import medkg

from helpers import ROOT, running_endpoint

CONTRA = ("SELECT ?c WHERE { <https://w3id.org/medkg/entity/amitriptyline> "
          "<https://w3id.org/medkg/ontology#contraindicatedIn> ?c } ORDER BY ?c")
EXPECTED = sorted(f"https://w3id.org/medkg/entity/{x}" for x in
                  ("glaucoma", "heart-disease", "liver-disease", "seizures", "urinary-retention"))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"



@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("endpoint")
    project = medkg.Project(root=ROOT, build_dir=tmp / "build")
    medkg.build(project)
    with running_endpoint(project, tmp / "store", timeout_s=2) as base:
        yield base


def select(base: str, query: str, *, timeout: float = 30) -> list[str]:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(f"{base}/query", data=data,
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = json.loads(resp.read())
    var = body["head"]["vars"][0]
    return [b[var]["value"] for b in body["results"]["bindings"]]


def test_runaway_query_is_stopped_by_the_timeout_and_the_server_keeps_answering(endpoint):
    started = time.monotonic()
    with pytest.raises((urllib.error.HTTPError, json.JSONDecodeError, ValueError)):
        select(endpoint, RUNAWAY, timeout=60)
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
        assert 400 <= e.value.code < 500
    assert select(endpoint, count) == before


def test_malformed_query_gets_a_client_error_and_the_server_stays_up(endpoint):
    with pytest.raises(urllib.error.HTTPError) as e:
        select(endpoint, "SELECT ?x WHERE { ?x ")
    assert e.value.code == 400
    assert select(endpoint, CONTRA) == EXPECTED


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
