"""``medkg ingest``, ``medkg accept-draft`` and ``medkg eval-ingest``: draft claims from a new article."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_project_options, project_of

ORDER = 40


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..ingest.draft import ingest
    from ..ingest.lexicon import reference_vocab

    vocab = ([] if args.no_vocab else list(reference_vocab())) + [Path(v) for v in args.vocab]
    result = ingest(project_of(args), Path(args.article), title=args.title, url=args.url,
                    vocab=vocab, slug=args.slug, captured_on=args.captured_on, force=args.force)
    print(result.draft_path)
    print(result.summary())
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from ..ingest.draft import accept

    target, claims = accept(project_of(args), args.slug)
    print(f"accepted {claims} claims: {target} (draft removed)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import sys

    from ..ingest.evaluate import evaluate, evaluate_gold

    if args.gold:
        evaluation = evaluate_gold(project_of(args), [Path(g) for g in args.gold], validate=not args.no_validate)
    else:
        evaluation = evaluate(project_of(args), validate=not args.no_validate)
    print(evaluation.as_json() if args.format == "json" else evaluation.table())
    if getattr(evaluation, "invalid", None):  # --gold: every page is scored, then the failed checks fail the run
        n = len(evaluation.invalid)
        print(f"medkg: error: the drafts fail the project's checks ({n} finding{'s' if n != 1 else ''}, listed in the "
              "report; --no-validate to skip the checks)", file=sys.stderr)
        return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="copy a new article into graph/sources/ and draft its claims into graph/drafts/")
    p.add_argument("article", help="the article as UTF-8 text")
    p.add_argument("--title", required=True, help="the article's title")
    p.add_argument("--url", help="the article's address (recorded as schema:url)")
    p.add_argument("--vocab", action="append", default=[], metavar="FILE",
                   help="another vocabulary to ground new mentions in, after medkg's own reference tables "
                        "(Hetionet nodes TSV, or DOID or SYMP labels TSV; repeatable)")
    p.add_argument("--no-vocab", action="store_true",
                   help="do not use the reference vocabularies shipped with medkg (Hetionet, Disease Ontology); "
                        "only the graph's entities and any --vocab files ground mentions")
    p.add_argument("--slug", help="the source's name (default: the file name, slugified)")
    p.add_argument("--captured-on", metavar="DATE", help="capture date, YYYY-MM or YYYY-MM-DD (never the clock)")
    p.add_argument("--force", action="store_true", help="replace a draft that differs from the one drafted now")
    add_project_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("accept-draft", help="validate a reviewed draft and move it to graph/claims/")
    p.add_argument("slug", help="the draft's name (graph/drafts/SLUG.ttl)")
    add_project_options(p)
    p.set_defaults(func=cmd_accept)

    p = sub.add_parser("eval-ingest", help="draft the curated articles (or --gold pages) afresh and score the drafts "
                                          "against the curation (or the gold facts)")
    p.add_argument("--gold", action="append", default=[], metavar="DIR",
                   help="score against hand-annotated gold facts instead: a gold folder (one <slug>.json per page, "
                        "see benchmarks/ingest-dev/FORMAT.md) or one page's .json file (repeatable)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--no-validate", action="store_true", help="skip running the project's checks on the drafts")
    add_project_options(p)
    p.set_defaults(func=cmd_eval)
