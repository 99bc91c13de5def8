"""What a query may do: read the graph, and nothing else.

medkg is closed by default: no query it runs opens a network connection or reads a file.
SPARQL has three ways out — ``SERVICE`` (a federated call), ``FROM``/``FROM NAMED`` (rdflib
fetches the named IRI, ``file:`` included) and ``LOAD`` (an update) — and Update changes
data. :func:`check_closed` refuses all of them, on every backend, before any engine sees
the text; ``allow_service=True`` (the CLI's ``--allow-service``) opts in to ``SERVICE``.

The check is lexical, so it costs one linear pass even for a query of a megabyte (rdflib's
parser takes about 1 ms per item of an ``IN`` list): comments, strings, IRIs, variables and
prefixed names are skipped, and what is left are the keywords. SPARQL decodes ``\\u`` and
``\\U`` escapes before it parses anything, so this check does too.

>>> check_closed("SELECT * WHERE { ?s <http://x/SERVICE> 'FROM' }")
>>> check_closed("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
medkg.errors.QueryError: SERVICE is not allowed: medkg makes no network requests (medkg query --allow-service opts in)
"""

from __future__ import annotations

import re

from .errors import QueryError

#: Longest query text accepted anywhere (the CLI, the Python API and the endpoint).
MAX_QUERY_CHARS = 1 << 20

_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<word>[^\W\d][\w.\-\u00b7]*)(?P<local>:(?:[\w.\-:]|%[0-9A-Fa-f]{2}|\\.)*)?
    | (?P<pname>:(?:[\w.\-:]|%[0-9A-Fa-f]{2}|\\.)*)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


def unescape(text: str) -> str:
    """The query as SPARQL parsers read it: ``\\uXXXX`` and ``\\UXXXXXXXX`` decoded first."""

    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _ESCAPE.sub(char, text) if "\\" in text else text


def keywords(text: str) -> list[str]:
    """The bare words of a query, upper-cased, in order: not inside comments, strings or
    IRIs, and not variables, language tags or prefixed names (``service:x`` is a name).

    >>> keywords('PREFIX s: <http://x#> SELECT ?from { ?s s:service "LOAD" } # DROP')
    ['PREFIX', 'SELECT']
    """
    return [word.upper() for word, _ in _keyword_spans(unescape(text))]


def _keyword_spans(text: str) -> list[tuple[str, int]]:
    """Each bare word of ``text`` (already unescaped) with its offset."""
    return [(m.group("word"), m.start()) for m in _TOKENS.finditer(text)
            if m.group("word") is not None and m.group("local") is None]


def operation(text: str) -> tuple[str, int] | None:
    """The query's form keyword (``SELECT``, ``ASK`` … or an update's), upper-cased, with
    its offset in :func:`unescape` of the text: the first bare word after the prologue.

    >>> operation("PREFIX a: <http://x#> ask { ?s a:p 'SELECT' }")
    ('ASK', 22)
    """
    return next(((w.upper(), at) for w, at in _keyword_spans(unescape(text)) if w.upper() not in ("PREFIX", "BASE")),
                None)


def check_size(text: str) -> None:
    """Refuse a query longer than :data:`MAX_QUERY_CHARS`."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update (its first operation keyword is an update's)."""
    op = operation(text)
    return op is not None and op[0] in UPDATE_KEYWORDS


def check_closed(text: str, *, allow_service: bool = False) -> None:
    """Raise a one-line :class:`QueryError` for a query that is too long, an update, or a
    way out of the graph (``SERVICE`` unless allowed, ``FROM``, ``FROM NAMED``, ``LOAD``)."""
    check_size(text)
    words = keywords(text)
    form = next((w for w in words if w not in ("PREFIX", "BASE")), None)
    if form in UPDATE_KEYWORDS or "LOAD" in words:
        raise QueryError("SPARQL Update is not allowed: medkg is read-only (use SELECT, ASK, CONSTRUCT or DESCRIBE)")
    if "SERVICE" in words and not allow_service:
        raise QueryError("SERVICE is not allowed: medkg makes no network requests "
                         "(medkg query --allow-service opts in)")
    if "FROM" in words:
        raise QueryError("FROM and FROM NAMED are not allowed: a query reads only medkg's own graph "
                         "(use GRAPH <name> { … } for one named graph)")
