"""SPARQL for researchers: named ``.rq`` queries, parameters bound as RDF terms, formats.

A named query is a file in ``medkg/queries/`` headed by the question it answers::

    #+ summary: Which drugs are used for a condition, with the evidence for each?
    #+ param: condition entity ent:sciatica
    SELECT ... WHERE { ... }

``#+ param: NAME KIND [DEFAULT]`` declares a parameter: ``KIND`` is ``entity`` (an IRI,
given as ``ent:x``, a slug, a full IRI or a label), ``iri`` or ``literal``. Parameters are
bound by appending a SPARQL ``VALUES`` clause built from escaped RDF terms (never by
pasting text into the query), so the same query runs unchanged on every backend. A
parameter may take several values (``--param patient=glaucoma,heart-disease``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import InputError, MedkgError, QueryError
from .guard import MAX_QUERY_CHARS, check_closed, operation, unescape
from .rdfio import read_utf8
from .store import QueryResult, Store
from .vocab import ENT, PREFIXES

FORMATS = ("table", "csv", "tsv", "json", "md")
PARAM_KINDS = ("entity", "iri", "literal")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "entity"
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped with medkg (or read from a file), with its question and parameters."""

    name: str
    summary: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    @classmethod
    def parse(cls, name: str, text: str) -> NamedQuery:
        summary, params = "", []
        for line in text.splitlines():
            m = re.match(r"#\+\s*(\w+):\s*(.*)$", line.strip())
            if not m:
                continue
            key, value = m.group(1), m.group(2).strip()
            if key == "summary":
                summary = value
            elif key == "param":
                parts = value.split()
                if not parts or (len(parts) > 1 and parts[1] not in PARAM_KINDS):
                    raise QueryError(f"query {name}: bad parameter declaration {value!r}")
                params.append(Param(parts[0], parts[1] if len(parts) > 1 else "entity",
                                    " ".join(parts[2:]) or None))
        return cls(name, summary, text, tuple(params))


def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped in ``medkg/queries/``, by name."""
    out = {}
    for entry in sorted(resources.files("medkg.queries").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = NamedQuery.parse(name, entry.read_text(encoding="utf-8"))
    return out


def resolve_query(ref: str) -> NamedQuery:
    """A named query, a ``.rq`` file, or inline SPARQL."""
    queries = named_queries()
    if ref in queries:
        return queries[ref]
    # SPARQL text has whitespace ("LOAD <http://…>" names no file); a path with spaces ends in .rq
    if ref.endswith(".rq") or (("/" in ref or "\\" in ref) and not re.search(r"\s", ref)):
        path = Path(ref)
        if not path.exists():
            raise QueryError(f"query file not found: {ref}")
        try:
            _, text = read_utf8(path, limit=4 * MAX_QUERY_CHARS)
        except InputError as e:
            raise QueryError(f"cannot read query file {ref}: {e.reason}") from None
        return NamedQuery.parse(path.stem, text)
    if re.fullmatch(r"[\w-]+", ref):
        close = [n for n in queries if ref in n or n in ref]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise QueryError(f"unknown named query {ref!r}{hint}; medkg query --list shows them")
    return NamedQuery.parse("inline", ref)


def check_read_only(text: str, *, allow_service: bool = False) -> None:
    """Refuse what is not a closed read-only query (see :func:`medkg.guard.check_closed`),
    then raise a one-line :class:`QueryError` for a syntax error.

    Syntax is checked by Oxigraph's parser on an empty store (linear: a megabyte of query
    in half a second; rdflib's parser took minutes), so a wrong query is reported before
    a store is opened or built, whatever the backend.
    """
    check_closed(text, allow_service=allow_service)
    import pyoxigraph as ox

    # evaluation is lazy for SELECT, CONSTRUCT and DESCRIBE; an ASK would be answered (on
    # no data, but a cross product of VALUES still takes time), so it is checked as a SELECT
    checked, form = unescape(text), operation(text)
    if form is not None and form[0] == "ASK":
        checked = checked[:form[1]] + "SELECT *" + checked[form[1] + 3:]
    try:
        ox.Store().query(checked, prefixes=PREFIXES)
    except SyntaxError:
        try:
            ox.Store().query(text, prefixes=PREFIXES)  # the user's own text, for exact positions
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {_describe_parse_error(e)}") from None
    except Exception:  # not a syntax error (a store with no data raises none we must report)
        pass


def _describe_parse_error(e: Exception) -> str:
    text = " ".join(str(e).split())
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    if m:
        text = f"line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return text if len(text) <= 200 else text[:199] + "…"


def bind(query: NamedQuery, values: dict[str, list[str]], store: Store) -> str:
    """The query text with its parameters bound by a ``VALUES`` block.

    The block opens the query's ``WHERE`` group, so engines bind the parameter before they
    evaluate the rest (a trailing ``VALUES`` is joined only after the whole query has been
    answered for every value, measured 40× slower on Oxigraph at 10⁵ claims); a query whose
    ``WHERE`` cannot be found gets the standard trailing ``VALUES`` clause instead.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"unknown parameter {', '.join(unknown)} for query {query.name} (its parameters: {known})")
    names, terms = [], []
    for p in query.params:
        raw = values.get(p.name) or ([p.default] if p.default else None)
        if raw is None:
            continue
        if not re.search(rf"\?{re.escape(p.name)}\b", query.text):
            raise QueryError(f"query {query.name} declares parameter {p.name} but never uses ?{p.name}")
        names.append(p.name)
        terms.append([to_term(v, p.kind, store) for v in raw])
    if not names:
        return query.text
    bound = dict(zip(names, terms))
    text = query.text
    # "#+ values: NAME …" lines put those parameters' VALUES exactly there (e.g. inside a
    # sub-query: engines evaluate a sub-query on its own, so a binding that opens the WHERE
    # group comes too late to narrow it); the other parameters open the WHERE group
    placed: set[str] = set()
    for marker in reversed(list(VALUES_MARKER.finditer(text))):
        here = [n for n in marker.group("names").replace(",", " ").split() if n in bound]
        block = _values_block(here, [bound[n] for n in here])
        text = text[: marker.end()] + (f"\n{marker.group('indent')}{block}" if here else "") + text[marker.end():]
        placed.update(here)
    names = [n for n in names if n not in placed]
    if not names:
        return text
    block = _values_block(names, [bound[n] for n in names])
    at = where_group_start(text)
    if at is None:
        return f"{text.rstrip()}\n{block}\n"
    return f"{text[:at]}\n  {block}\n{text[at:]}"


VALUES_MARKER = re.compile(r"^(?P<indent>[ \t]*)#\+\s*values:\s*(?P<names>[\w ,-]*)$", re.MULTILINE)


def _values_block(names: list[str], terms: list[list[Node]]) -> str:
    body = " ".join("(" + " ".join(sparql_term(t) for t in row) + ")" for row in _cartesian(terms))
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def where_group_start(text: str) -> int | None:
    r"""Index just after the ``{`` that opens the outermost ``WHERE`` group, or ``None``.

    A small lexer skips comments, strings and IRIs (which may hold ``#`` or ``{``); for
    ``CONSTRUCT {template} WHERE {…}`` the template is skipped.

    >>> q = 'PREFIX a: <http://x#> # {not this}\nSELECT ?s WHERE { ?s a:p "{" }'
    >>> q[where_group_start(q):]
    ' ?s a:p "{" }'
    """
    i, n, depth, groups = 0, len(text), 0, []
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        elif ch == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]):
            i = text.index(">", i)
        elif ch == "{":
            if depth == 0:
                groups.append(i + 1)
            depth += 1
        elif ch == "}":
            depth -= 1
        i += 1
    if not groups:
        return None
    head = re.sub(r"#[^\n]*", "", text[: groups[0]]).upper()
    is_template = re.search(r"\bCONSTRUCT\s*\{$", head.rstrip()) is not None
    if is_template:
        return groups[1] if len(groups) > 1 else None
    return groups[0]


def _cartesian(columns: list[list[Node]]) -> list[tuple[Node, ...]]:
    rows: list[tuple[Node, ...]] = [()]
    for column in columns:
        rows = [row + (value,) for row in rows for value in column]
    return rows


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_term(term: Node) -> str:
    r"""An RDF term in SPARQL syntax, every control character escaped (SPARQL ``ECHAR``),
    so a bound value reads back the same on every engine (rdflib expands raw tabs).

    >>> print(sparql_term(Literal('say "hi"\tnow')))
    "say \"hi\"\tnow"
    """
    if isinstance(term, URIRef):
        if not _SAFE_IRI.match(str(term)):
            raise QueryError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        if re.search(r"\\[uU]", str(term)):
            # SPARQL decodes \u and \U escapes before parsing, even inside strings: such a
            # value cannot be written so that every engine reads it back unchanged
            raise QueryError(f"cannot bind {str(term)!r}: a value may not contain \\u or \\U")
        text = "".join(_ECHAR.get(ch, ch) for ch in str(term))
        suffix = f"@{term.language}" if term.language else (f"^^<{term.datatype}>" if term.datatype else "")
        return f'"{text}"{suffix}'
    raise QueryError(f"cannot bind {term!r}")


_SAFE_IRI = re.compile(r"^[^\s<>\"{}|\\^`]+$")


def to_term(value: str, kind: str, store: Store) -> Node:
    """Turn a parameter value into an RDF term (IRIs are checked, literals escaped)."""
    value = value.strip()
    if kind == "literal":
        return Literal(value)
    iri = _expand(value)
    if iri is None and kind == "entity":
        iri = _entity_by_name(value, store)
    if iri is None:
        raise QueryError(f"cannot read {value!r} as an IRI or a known entity")
    if not _SAFE_IRI.match(iri):
        raise QueryError(f"not a valid IRI: {iri!r}")
    return URIRef(iri)


def _expand(value: str) -> str | None:
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if re.match(r"^https?://", value):
        return value
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return None


def _entity_by_name(value: str, store: Store) -> str | None:
    """An entity whose slug, label or synonym is ``value`` (case-insensitive)."""
    if re.fullmatch(r"[\w.-]+", value):
        slug = ENT[value]
        if store.query(f"ASK {{ {sparql_term(slug)} a ?type }}").boolean:
            return str(slug)
    found = store.query(
        "SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?l . ?e a medkg:Entity . "
        f"FILTER(LCASE(STR(?l)) = LCASE({sparql_term(Literal(value))})) }} ORDER BY ?e"
    )
    matches = [str(r[0]) for r in found.rows]
    if len(matches) > 1:
        raise QueryError(f"{value!r} names {len(matches)} entities ({', '.join(matches)}); give the IRI")
    return matches[0] if matches else None


def run(ref: str | NamedQuery, store: Store, *, params: dict[str, list[str]] | None = None) -> QueryResult:
    """Resolve, check (read-only), bind and run a query."""
    query = ref if isinstance(ref, NamedQuery) else resolve_query(ref)
    check_read_only(query.text, allow_service=getattr(store, "allow_service", False))
    return store.query(bind(query, params or {}, store))


def parse_params(pairs: list[str]) -> dict[str, list[str]]:
    """``["condition=sciatica", "patient=glaucoma,heart-disease"]`` → a dict of value lists."""
    out: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise MedkgError(f"a parameter is NAME=VALUE, got {pair!r}")
        out.setdefault(name.strip(), []).extend(v for v in value.split(",") if v.strip())
    return out


# --- output formats --------------------------------------------------------------------


def short(term: Node | None) -> str:
    """A term for humans: prefixed IRIs, plain literal text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and re.fullmatch(r"[\w.-]*", text[len(ns):]):
                return f"{prefix}:{text[len(ns):]}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_result(result: QueryResult, fmt: str = "table", *, width: int = 60) -> str:
    """Render a result as ``table``, ``csv``, ``tsv``, ``json`` (W3C SPARQL 1.1 Query
    Results JSON) or ``md``."""
    if fmt not in FORMATS:
        raise MedkgError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns, override=True)
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "json":
        return json.dumps(_results_json(result), indent=2, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.vars)
        for row in result.rows:
            cells = [("" if t is None else str(t)) for t in row]
            if fmt == "tsv":
                cells = [" ".join(c.split()) for c in cells]
            writer.writerow(cells)
        return buf.getvalue().rstrip("\n")
    cells = [[_flat(short(t)) for t in row] for row in result.rows]
    if fmt == "md":
        head = "| " + " | ".join(result.vars) + " |"
        rule = "|" + "|".join("---" for _ in result.vars) + "|"
        body = ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        return "\n".join([head, rule, *body])
    clipped = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(v)] + [len(r[i]) for r in clipped]) for i, v in enumerate(result.vars)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(result.vars), line(["-" * w for w in widths]), *(line(r) for r in clipped)]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _results_json(result: QueryResult) -> dict:
    def term(t: Node) -> dict:
        if isinstance(t, URIRef):
            return {"type": "uri", "value": str(t)}
        if isinstance(t, BNode):
            return {"type": "bnode", "value": str(t)}
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype:
            out["datatype"] = str(t.datatype)
        return out

    bindings = [{v: term(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
    return {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
