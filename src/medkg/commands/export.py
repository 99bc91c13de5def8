"""``medkg export``: the built graph in the formats other tools read."""

from __future__ import annotations

import argparse

from . import add_project_options, add_store_option, project_of

ORDER = 25


def cmd_export(args: argparse.Namespace) -> int:
    from .. import load
    from ..export import export, output_paths

    project = project_of(args)
    for path in output_paths(args.format, args.output):  # a bad path fails before the graph is loaded
        project.refuse_curated(path)
    kg = load(args.store, project=project)
    try:
        written = export(kg, format=args.format, output=args.output)
    finally:
        kg.close()
    for path in written:
        print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from ..export import FORMATS

    formats = "\n".join(f"  {f.name:8} {f.summary}" for f in FORMATS.values())
    p = sub.add_parser(
        "export", help="write the built graph as Turtle, N-Quads, JSON-LD, GraphML, CSV, KGX …",
        description="Write the built graph in a standard format. An existing output file is replaced; "
                    "the output's directory must exist.",
        epilog=f"formats:\n{formats}\n\ncsv and kgx write two files: give a directory (out/ → out/nodes.csv) "
               "or a prefix (out/medkg → out/medkg_nodes.csv).",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", required=True, choices=list(FORMATS), metavar="FORMAT",
                   help=f"one of {', '.join(FORMATS)}")
    p.add_argument("--output", required=True, metavar="PATH",
                   help="output file (for csv and kgx: a directory or a file-name prefix)")
    add_store_option(p)
    add_project_options(p)
    p.set_defaults(func=cmd_export)
