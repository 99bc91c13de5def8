"""Sub-commands of ``medkg``, one module per group (discovered by :mod:`medkg.cli`)."""

from __future__ import annotations

import argparse
import math
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import MedkgError

T = TypeVar("T")
#: Longest time limit a command accepts (a day): a bound that is still a bound.
MAX_SECONDS = 86400.0

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


def positive_seconds(text: str) -> float:
    """An argparse type: a finite number of seconds, more than 0 and at most a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {MAX_SECONDS:g} seconds, got {text!r}")
    return value


class Abandoned(MedkgError):
    """Work stopped by a time limit or Ctrl-C while a thread still runs it: the process
    must end without waiting for that thread (:func:`medkg.cli.main` sees to it)."""


def within(seconds: float, work: Callable[[], T], *, what: str) -> T:
    """Run ``work`` in a thread and return its result, or raise :class:`Abandoned` after
    ``seconds`` (or at Ctrl-C). Query engines cannot be interrupted from Python (Oxigraph
    runs in Rust; rdflib would need a check in every loop), but they run in a thread while
    this one waits, so the command stops on time and the process exits."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the waiting thread
            box["error"] = e

    thread = threading.Thread(target=target, name="medkg-work", daemon=True)
    thread.start()
    try:
        thread.join(seconds)
    except KeyboardInterrupt:
        raise Abandoned("interrupted") from None
    if thread.is_alive():
        raise Abandoned(f"{what} was stopped after {seconds:g} s (--timeout)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
