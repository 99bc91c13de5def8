"""``medkg query``: named queries, .rq files or inline SPARQL, against any backend."""

from __future__ import annotations

import argparse

from . import add_project_options, add_store_option, positive_seconds, project_of, within

ORDER = 20
DEFAULT_QUERY_TIMEOUT = 300.0


def cmd_query(args: argparse.Namespace) -> int:
    from ..errors import MedkgError
    from ..query import FORMATS, check_read_only, format_result, named_queries, parse_params, resolve_query, run
    from ..store import open_store
    from ..vocab import PREFIXES

    if args.list:
        for q in named_queries().values():
            params = " ".join(f"[{p.name}={p.default}]" if p.default else f"[{p.name}]" for p in q.params)
            print(f"{q.name}\t{q.summary}" + (f"  params: {params}" if params else ""))
        return 0
    if args.prefixes:
        for prefix, ns in PREFIXES.items():
            print(f"{prefix}:\t{ns}")
        return 0
    if not args.query:
        raise MedkgError("give a named query, a .rq file or SPARQL text (medkg query --list shows the named ones)")
    if args.format not in FORMATS:
        raise MedkgError(f"unknown format {args.format!r}")
    # a wrong query is reported before a store is opened (or built)
    query, params = resolve_query(args.query), parse_params(args.param)
    check_read_only(query.text, allow_service=args.allow_service)
    store = open_store(args.endpoint or args.store, project=project_of(args), allow_service=args.allow_service)
    try:
        result = within(args.timeout, lambda: run(query, store, params=params), what="the query")
        print(format_result(result, args.format))
    finally:
        store.close()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from ..query import FORMATS

    p = sub.add_parser("query", help="run a named query, a .rq file or inline SPARQL (read-only)")
    p.add_argument("query", nargs="?", help="a named query (see --list), a .rq file, or SPARQL text")
    p.add_argument("--list", action="store_true", help="list the named queries, one per line: name, then its question")
    p.add_argument("--prefixes", action="store_true", help="list the predeclared prefixes")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable; VALUE may be ent:x, a slug, a label, an IRI, or a,b,c)")
    p.add_argument("--format", default="table", choices=FORMATS, help="output format (default: table)")
    p.add_argument("--endpoint", metavar="URL", help="run against this SPARQL 1.1 endpoint")
    p.add_argument("--timeout", type=positive_seconds, default=DEFAULT_QUERY_TIMEOUT, metavar="SECONDS",
                   help=f"stop the query after this many seconds (default: {DEFAULT_QUERY_TIMEOUT:g})")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE calls reach other endpoints (refused by default: medkg makes no network requests)")
    add_store_option(p)
    add_project_options(p)
    p.set_defaults(func=cmd_query)
