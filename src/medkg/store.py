"""Backends behind one interface, chosen by a string (as oaklib's ``get_adapter``).

=====================  ==========================================================
``"memory"``           rdflib ``Dataset`` in memory, read from ``build/medkg.trig``
                       (built in memory first when there is no build). The default.
``"oxigraph"``         Oxigraph on disk via pyoxigraph, in ``build/oxigraph/``: loaded
``"oxigraph:PATH"``    once from ``medkg.trig``, reopened instantly afterwards.
``"oxigraph-memory"``  Oxigraph in memory: loaded from ``medkg.trig`` on every open
                       (about 7 s per 10⁵ claims), the fastest to query; for a notebook
                       or a batch job over a big graph, not for many short commands.
``"http(s)://…"``      any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB,
                       Virtuoso), queried over the SPARQL 1.1 Protocol.
=====================  ==========================================================

Every backend answers the same SPARQL with the default graph as the union of all named
graphs, returns :class:`QueryResult` rows of rdflib terms, and yields the same quads, so
everything above this module (queries, networkx views, HTML, exports) is backend-agnostic.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .curated import Project
from .errors import InputError, MedkgError, QueryError
from .guard import check_closed
from .vocab import PREFIXES

# rdflib would fetch the IRI of a FROM clause (http:, file: …) into the dataset; medkg
# refuses FROM anyway (medkg.guard), and this keeps rdflib closed even if it is reached
import rdflib.plugins.sparql as _rdflib_sparql  # noqa: E402

_rdflib_sparql.SPARQL_LOAD_GRAPHS = False

#: Most rows a query may return to Python (the whole answer is held in memory).
MAX_ROWS = 1_000_000

Quad = tuple[Node, Node, Node, Node | None]


@dataclass
class QueryResult:
    """The answer to a query: SELECT rows, an ASK boolean, or CONSTRUCT/DESCRIBE triples."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def records(self) -> list[dict[str, Node | None]]:
        """Rows as dictionaries keyed by variable name."""
        return [dict(zip(self.vars, row)) for row in self.rows]


class Store(Protocol):
    """What every backend offers."""

    name: str

    def query(self, sparql: str) -> QueryResult: ...

    def quads(self) -> Iterator[Quad]: ...

    def close(self) -> None: ...


def prologue() -> str:
    """``PREFIX`` lines for the predeclared prefixes (a query may redeclare any of them)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# --- rdflib in memory ---------------------------------------------------------


class MemoryStore:
    """rdflib's in-memory ``Dataset``; simple, and fine for graphs of a few 10⁵ triples."""

    name = "memory"
    allow_service = False

    def __init__(self, dataset: Dataset):
        dataset.default_union = True
        self.dataset = dataset

    def query(self, sparql: str) -> QueryResult:
        check_closed(sparql, allow_service=self.allow_service)
        with _query_errors():
            # rdflib evaluates lazily: errors (a bad regex …) surface while rows are read
            return _from_rdflib_result(self.dataset.query(prologue() + sparql))

    def quads(self) -> Iterator[Quad]:
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            yield s, p, o, (g.identifier if isinstance(g, Graph) else g)

    def close(self) -> None:
        pass


def _from_rdflib_result(result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        _check_rows(len(result.graph))
        return QueryResult("graph", graph=result.graph)
    names = [str(v) for v in result.vars]
    rows = []
    for row in result:
        rows.append(tuple(row[i] if i < len(row) else None for i in range(len(names))))
        _check_rows(len(rows))
    return QueryResult("select", vars=names, rows=rows)


def _check_rows(n: int) -> None:
    if n > MAX_ROWS:
        raise QueryError(f"the answer has more than {MAX_ROWS:,} rows: add a LIMIT, or write a narrower query")


@contextlib.contextmanager
def _query_errors() -> Iterator[None]:
    """Every failure of a query engine as one :class:`QueryError` line."""
    try:
        yield
    except MedkgError:
        raise
    except SyntaxError as e:  # pyoxigraph
        raise QueryError(f"SPARQL syntax error: {_one_line(e)}") from None
    except MemoryError:
        raise QueryError("out of memory while answering the query: add a LIMIT, or write a narrower query") from None
    except RecursionError:
        raise QueryError("the query is nested too deeply to answer") from None
    except Exception as e:  # rdflib raises pyparsing, re.error, ValueError, TypeError …; pyoxigraph OSError …
        raise QueryError(f"SPARQL error: {_one_line(e)}") from None


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return (text[:400] + "…") if len(text) > 400 else (text or type(e).__name__)


# --- Oxigraph on disk ---------------------------------------------------------------


class OxigraphStore:
    """A pyoxigraph store: on disk (RocksDB: persistent, reopened instantly) or in memory
    (loaded on each open; several times faster to query)."""

    allow_service = False

    def __init__(self, store, *, name: str = "oxigraph"):  # a pyoxigraph.Store
        self.store = store
        self.name = name

    def query(self, sparql: str) -> QueryResult:
        check_closed(sparql, allow_service=self.allow_service)
        with _query_errors():
            return self._query(sparql)

    def _query(self, sparql: str) -> QueryResult:
        import pyoxigraph as ox

        result = self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            g = Graph()
            for t in result:
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
                _check_rows(len(g))
            return QueryResult("graph", graph=g)
        names = [v.value for v in result.variables]
        converted: dict = {}  # IRIs, sources, certainties … repeat from row to row: convert each once

        def convert(term):
            if term is None:
                return None
            found = converted.get(term)
            if found is None:
                found = converted[term] = to_rdflib(term)
            return found

        columns = range(len(names))
        rows = []
        for solution in result:
            rows.append(tuple(convert(solution[i]) for i in columns))
            if len(rows) > MAX_ROWS:
                _check_rows(len(rows))
        return QueryResult("select", vars=names, rows=rows)

    def quads(self) -> Iterator[Quad]:
        import pyoxigraph as ox

        names: dict = {}  # predicates and graph names repeat: convert each once
        for q in self.store.quads_for_pattern(None, None, None, None):
            p, g = q.predicate, q.graph_name
            if p not in names:
                names[p] = to_rdflib(p)
            if g not in names:
                names[g] = None if isinstance(g, ox.DefaultGraph) else to_rdflib(g)
            yield to_rdflib(q.subject), names[p], to_rdflib(q.object), names[g]

    def close(self) -> None:
        del self.store


def to_rdflib(term) -> Node | None:
    """A pyoxigraph term as the rdflib term with the same value."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unsupported term {term!r}")


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


MARKER = "loaded-from.sha256"


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _loaded_from(marker: Path, trig: Path) -> bool:
    """Whether the store was loaded from ``trig`` as it is now. The marker holds the file's
    SHA-256 and its size and modification time: when those match, the file is not read
    again (hashing 10⁶ claims' TriG takes seconds; a reopen should not)."""
    if not marker.exists():
        return False
    digest, _, stamp = marker.read_text().strip().partition("\n")
    return stamp == _stamp(trig) or digest == _digest(trig)


def _is_medkg_store(location: Path) -> bool:
    """Whether ``location`` is a store medkg loaded: its marker (a SHA-256 line) and
    RocksDB's ``CURRENT`` file are there, and nothing but files."""
    marker = location / MARKER
    try:
        first = marker.read_text(encoding="ascii").partition("\n")[0]
    except (OSError, UnicodeDecodeError):
        return False
    return (re.fullmatch(r"[0-9a-f]{64}", first) is not None and (location / "CURRENT").is_file()
            and all(p.is_file() and not p.is_symlink() for p in location.iterdir()))


def check_store_location(location: Path) -> None:
    """Refuse a location where loading a store would replace something medkg did not make:
    an existing file or link, or a directory with content that is not a medkg store."""
    if location.is_symlink() or (location.exists() and not location.is_dir()):
        raise InputError(location, "not a directory: oxigraph:PATH names a new directory or a store medkg made")
    if location.is_dir() and any(location.iterdir()) and not _is_medkg_store(location):
        raise InputError(location, f"exists and is not an Oxigraph store made by medkg (no {MARKER}); medkg never "
                                   "replaces a directory it did not create: name a new directory")


def open_oxigraph(location: Path, trig: Path, *, read_only: bool = True):
    """Open the Oxigraph store at ``location``, (re)loading it from ``trig`` when it was
    loaded from other content. The load goes to a fresh directory that replaces the old
    one only when complete, so an interrupted load never leaves a half-filled store; an
    existing directory is replaced only when it is a store medkg made
    (:func:`check_store_location`). Loads of one location are serialised by a lock file
    beside it, so two commands at once never remove each other's store."""
    import fcntl

    import pyoxigraph as ox

    location = Path(location)
    check_store_location(location)
    marker = location / MARKER
    if not _loaded_from(marker, trig):
        location.parent.mkdir(parents=True, exist_ok=True)
        with open(location.parent / f".{location.name}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            check_store_location(location)  # another process may have loaded it meanwhile
            if not _loaded_from(marker, trig):
                _load_into(location, trig)
    return ox.Store.read_only(str(location)) if read_only else ox.Store(str(location))


def _load_into(location: Path, trig: Path) -> None:
    import pyoxigraph as ox

    fresh = Path(tempfile.mkdtemp(dir=location.parent, prefix=f".{location.name}.new."))
    old: Path | None = None
    try:
        stamp, digest = _stamp(trig), _digest(trig)
        store = ox.Store(str(fresh))
        # lenient: the TriG is the build's own output, already validated and written by rdflib
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG, lenient=True)
        store.flush()
        store.optimize()
        del store
        (fresh / MARKER).write_text(f"{digest}\n{stamp}\n")
        if location.exists():  # a medkg store (checked) or an empty directory: set aside, then removed
            old = Path(tempfile.mkdtemp(dir=location.parent, prefix=f".{location.name}.old."))
            os.replace(location, old / "store")
        os.replace(fresh, location)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def load_oxigraph_memory(trig: Path):
    """A pyoxigraph store in memory holding ``trig`` (the build's output, hence lenient)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG, lenient=True)
    return store


# --- remote SPARQL endpoint ---------------------------------------------------------


class EndpointStore:
    """Any SPARQL 1.1 Protocol endpoint, through rdflib's SPARQL connector.

    Queries are sent as they are, with the predeclared prefixes prepended; the endpoint is
    expected to treat its default graph as the union of the named graphs (``medkg serve``
    does; for Fuseki use ``tdb:unionDefaultGraph``, for GraphDB/Virtuoso their equivalent).
    """

    name = "endpoint"
    allow_service = False

    def __init__(self, url: str, *, timeout: float = 60):
        from rdflib.plugins.stores.sparqlconnector import SPARQLConnector

        self.url = url
        self.connector = SPARQLConnector(query_endpoint=url, returnFormat="json", method="POST_FORM",
                                         timeout=timeout)

    def query(self, sparql: str) -> QueryResult:
        from urllib.error import HTTPError, URLError

        check_closed(sparql, allow_service=self.allow_service)
        try:
            result = self.connector.query(prologue() + sparql)
        except HTTPError as e:
            body = e.read().decode("utf-8", "replace") if hasattr(e, "read") else ""
            raise QueryError(f"endpoint {self.url} answered {e.code}: {_one_line(Exception(body or e.reason))}") from None
        except (URLError, OSError) as e:
            raise QueryError(f"cannot reach endpoint {self.url}: {_one_line(e)}") from None
        except Exception as e:
            raise QueryError(f"endpoint {self.url}: {_one_line(e)}") from None
        return _from_rdflib_result(result)

    def quads(self) -> Iterator[Quad]:
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in result.rows:
            yield s, p, o, g

    def close(self) -> None:
        pass


# --- the factory -----------------------------------------------------------------------


def open_store(spec: str | None = None, *, project: Project = Project(), allow_service: bool = False) -> Store:
    """Open a backend by name: ``"memory"`` (default), ``"oxigraph"``, ``"oxigraph:PATH"``,
    ``"oxigraph-memory"`` or the URL of a SPARQL endpoint. Its queries may use ``SERVICE``
    only with ``allow_service=True`` (see :mod:`medkg.guard`).

    >>> open_store("nosuch")
    Traceback (most recent call last):
    ...
    medkg.errors.MedkgError: unknown store 'nosuch': use memory, oxigraph, oxigraph:PATH, oxigraph-memory or an http(s) URL
    """
    store = _open(spec or "memory", project)
    store.allow_service = allow_service
    return store


def _open(spec: str, project: Project) -> Store:
    if spec.startswith(("http://", "https://")):
        return EndpointStore(spec)
    if spec == "memory":
        return MemoryStore(load_dataset(project))
    if spec == "oxigraph-memory":
        return OxigraphStore(load_oxigraph_memory(built_trig(project)), name="oxigraph-memory")
    if spec == "oxigraph" or spec.startswith("oxigraph:"):
        path = spec.partition(":")[2]
        if ":" in spec and not path.strip():
            raise MedkgError("oxigraph: needs a directory after the colon (oxigraph:PATH)")
        location = Path(path) if ":" in spec else project.build / "oxigraph"
        check_store_location(location)
        project.refuse_curated(location)
        return OxigraphStore(open_oxigraph(location, built_trig(project)))
    raise MedkgError(f"unknown store {spec!r}: use memory, oxigraph, oxigraph:PATH, oxigraph-memory or an http(s) URL")


def built_trig(project: Project) -> Path:
    """``build/medkg.trig``, building it first if there is none."""
    from .build import TRIG_FILE, build

    trig = project.build / TRIG_FILE
    if not trig.exists():
        build(project)
    return trig


def load_dataset(project: Project = Project()) -> Dataset:
    """The built dataset: read from ``build/medkg.trig``, or built in memory if absent."""
    from .build import TRIG_FILE, build
    from .rdfio import new_dataset

    trig = project.build / TRIG_FILE
    if trig.exists():
        ds = new_dataset()
        ds.parse(trig, format="trig")
        return ds
    return build(project, write=False).dataset
