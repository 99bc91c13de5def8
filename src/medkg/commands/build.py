"""``medkg build`` and ``medkg validate``."""

from __future__ import annotations

import argparse

from . import add_project_options, project_of

ORDER = 10


def cmd_build(args: argparse.Namespace) -> int:
    from ..build import build

    result = build(project_of(args), include_drafts=args.include_drafts, html=not args.no_html)
    print(result.summary())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from ..build import build

    result = build(project_of(args), include_drafts=args.include_drafts, write=False)
    s = result.stats
    print(f"valid: {s['claims']} claims, {s['entities']} entities, {s['triples']} triples; nothing written")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="check the curated graph and write build/ (RDF and views)")
    add_project_options(p, out=True)
    p.add_argument("--include-drafts", action="store_true", help="include graph/drafts/ (unaccepted drafts)")
    p.add_argument("--no-html", action="store_true", help="do not write the graph page build/medkg.html")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="run every check of the build without writing anything")
    add_project_options(p)
    p.add_argument("--include-drafts", action="store_true", help="also validate graph/drafts/")
    p.set_defaults(func=cmd_validate)
