"""Hostile queries and parameters: injection attempts, odd files, random values.

Parameters are bound as escaped RDF terms in a VALUES clause; whatever text arrives, it
is either bound as a term (and comes back unchanged) or refused with a QueryError.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from medkg.errors import MedkgError, QueryError
from medkg.query import NamedQuery, bind, check_read_only, run, to_term

from helpers import run_cli

ECHO = NamedQuery.parse("echo", "#+ param: text literal\nSELECT ?text WHERE {}\n")
ENTITY = NamedQuery.parse("entity", "#+ param: e entity\nSELECT ?e WHERE {}\n")


@pytest.fixture(scope="module")
def store(built):
    from medkg.store import MemoryStore

    return MemoryStore(built.dataset)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=80))
def test_a_literal_parameter_comes_back_exactly_as_given(store, text):
    if not text.strip():
        return
    try:
        result = run(ECHO, store, params={"text": [text]})
    except QueryError as e:  # SPARQL itself decodes \u escapes before parsing
        assert "\\u" in text.lower() and "may not contain" in str(e)
        return
    assert result.rows == [(Literal(text.strip()),)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60))
def test_an_entity_parameter_is_an_iri_term_or_a_query_error(store, text):
    try:
        term = to_term(text, "entity", store)
    except QueryError as e:
        assert "\n" not in str(e)
        return
    assert isinstance(term, URIRef)
    bound = bind(ENTITY, {"e": [text]}, store)
    check_read_only(bound)  # still one well-formed read-only query
    assert store.query(bound).rows == [(term,)]


@pytest.mark.parametrize("value", [
    "x> } ; DROP ALL ; <y",
    "ent:a> . ?s ?p ?o } #",
    "<https://w3id.org/medkg/entity/a> } INSERT DATA { <a:a> <a:b> <a:c> } #",
    "http://example.org/a b",
    'glaucoma" } DELETE WHERE { ?s ?p ?o } #',
])
def test_injection_attempts_are_refused_or_bound_as_a_single_term(store, value):
    before = len(store.dataset)
    try:
        result = run(ENTITY, store, params={"e": [value]})
    except QueryError:
        pass
    else:
        assert len(result.rows) == 1 and isinstance(result.rows[0][0], URIRef)
    assert len(store.dataset) == before


@pytest.mark.parametrize("args, message", [
    (["query", "SELECT ?x WHERE { ?x ?y }"], "SPARQL syntax error"),
    (["query", "no-such-query"], "unknown named query 'no-such-query'"),
    (["query", "missing/file.rq"], "query file not found: missing/file.rq"),
    (["query", "contraindications", "--param", "nope=1"], "unknown parameter nope for query contraindications"),
    (["query", "contraindications", "--param", "drug"], "a parameter is NAME=VALUE"),
    (["query", "contraindications", "--param", "drug=no such entity anywhere"], "cannot read 'no such entity anywhere'"),
    (["query", "CLEAR ALL"], "SPARQL Update is not allowed"),
])
def test_bad_queries_are_one_clear_line_with_exit_1(args, message):
    done = run_cli(*args)
    assert done.returncode == 1, done.stdout
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert message in done.stderr


def test_a_query_file_that_is_not_utf8_or_is_a_directory_is_named(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_bytes(b"SELECT \xff WHERE {}")
    folder = tmp_path / "folder.rq"
    folder.mkdir()
    for path in (bad, folder):
        done = run_cli("query", str(path))
        assert done.returncode == 1 and f"cannot read query file {path}" in done.stderr


def test_a_nul_byte_is_a_syntax_error():
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        check_read_only("SELECT * WHERE { ?s ?p ?o } \x00")


def test_a_huge_query_is_refused_cleanly():
    with pytest.raises(MedkgError):
        check_read_only("SELECT * WHERE { " + "?s ?p ?o . " * 20000 + " ?x }")
