"""Sub-commands of ``medkg``, one module per group (discovered by :mod:`medkg.cli`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..curated import Project


def add_project_options(p: argparse.ArgumentParser, *, out: bool = False) -> None:
    p.add_argument("--root", default=".", help="project directory holding graph/ and ontology/ (default: .)")
    if out:
        p.add_argument("--out", help="output directory (default: ROOT/build)")


def add_store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", default=None, metavar="STORE",
                   help="backend: memory (default), oxigraph, oxigraph:PATH, oxigraph-memory, or a SPARQL endpoint URL")


def project_of(args: argparse.Namespace) -> Project:
    out = getattr(args, "out", None)
    return Project(root=Path(args.root), build_dir=Path(out) if out else None)
