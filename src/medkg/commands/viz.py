"""``medkg viz``: self-contained HTML views of the graph (see :mod:`medkg.html`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..html import MAX_NEIGHBOURS
from . import add_project_options, add_store_option, project_of

ORDER = 25


def cmd_viz(args: argparse.Namespace) -> int:
    from ..html import neighbourhood, render_html, source_view, treatment_map, truncation_note
    from ..network import to_networkx
    from ..rdfio import check_output_file
    from ..store import open_store

    if args.depth is not None and not args.entity:
        args.parser.error("--depth goes with --entity")
    if args.max_neighbours is not None and not args.entity:
        args.parser.error("--max-neighbours goes with --entity")
    if args.max_neighbours is not None and args.max_neighbours < 0:
        args.parser.error("--max-neighbours must be 0 (no limit) or more")
    project = project_of(args)
    path = Path(args.output) if args.output else None
    if path is not None:  # a bad path fails before the graph is loaded; a named file's folder must exist
        check_output_file(project.refuse_curated(path), create_dirs=False)
    store = open_store(args.store, project=project)
    try:
        G = to_networkx(store)
    finally:
        store.close()
    if args.entity:
        limit = MAX_NEIGHBOURS if args.max_neighbours is None else args.max_neighbours or None
        G = neighbourhood(G, args.entity, depth=1 if args.depth is None else args.depth, max_neighbours=limit)
    elif args.treatments:
        G = treatment_map(G, args.treatments)
    elif args.source:
        G = source_view(G, args.source)
    path = path or project.refuse_curated(project.build / f"{G.graph.get('name', 'medkg')}.html")
    render_html(G, path)
    note = truncation_note(G)
    capped = f" — {note} (--max-neighbours 0: all)" if note else ""
    print(f"wrote {path}: {G.number_of_nodes()} entities, {G.number_of_edges()} claims{capped} "
          "(opens offline in a browser)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("viz", help="write an HTML view of the graph (whole, or one entity, condition or source)",
                       description="Write a self-contained HTML page (opens offline) drawing the entity graph, "
                                   "or one focused view of it. Default: the whole graph, build/medkg.html.")
    view = p.add_mutually_exclusive_group()
    view.add_argument("--entity", metavar="ENTITY", help="an entity (slug, label or IRI) and its neighbourhood")
    view.add_argument("--treatments", metavar="CONDITION", help="what treats a condition, and on what evidence")
    view.add_argument("--source", metavar="SOURCE", help="every claim of one source article (slug or IRI)")
    p.add_argument("--depth", type=int, metavar="N", help="with --entity: how many claims away (default: 1)")
    p.add_argument("--max-neighbours", type=int, metavar="N",
                   help="with --entity: draw at most N entities around it, those linked to it by the most "
                        f"claims (default: {MAX_NEIGHBOURS}; 0: no limit, which a hub's thousands of "
                        "neighbours can make too large for a browser)")
    p.add_argument("--output", metavar="PATH", help="the file to write (default: build/<view>.html)")
    add_store_option(p)
    add_project_options(p)
    p.set_defaults(func=cmd_viz, parser=p)
