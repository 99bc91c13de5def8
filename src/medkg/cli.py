"""The ``medkg`` command: thin sub-commands over the library functions.

Every :class:`~medkg.errors.MedkgError` becomes a message on stderr and exit status 1,
with no traceback; a usage error exits with 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .curated import Project
from .errors import MedkgError


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.root)
    out = Path(args.out) if getattr(args, "out", None) else None
    return Project(root=root, build_dir=out)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(_project(args), include_drafts=args.include_drafts)
    print(result.summary())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .build import build

    result = build(_project(args), include_drafts=args.include_drafts, write=False)
    s = result.stats
    print(f"valid: {s['claims']} claims, {s['entities']} entities, {s['triples']} triples; nothing written")
    return 0


def _add_project_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=".", help="project directory holding graph/ and ontology/ (default: .)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="medkg",
        description="A provenance-first knowledge graph of conditions, drugs and evidence.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="check the curated graph and write build/ (RDF and views)")
    _add_project_options(p)
    p.add_argument("--out", help="output directory (default: ROOT/build)")
    p.add_argument("--include-drafts", action="store_true", help="include graph/drafts/ (unaccepted drafts)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="run every check of the build without writing anything")
    _add_project_options(p)
    p.add_argument("--include-drafts", action="store_true", help="also validate graph/drafts/")
    p.set_defaults(func=cmd_validate)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except MedkgError as e:
        print(f"medkg: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("medkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
