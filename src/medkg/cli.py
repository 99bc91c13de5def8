"""The ``medkg`` command: thin sub-commands over the library functions.

Each group of sub-commands lives in a module of :mod:`medkg.commands` with a
``register(subparsers)`` function and an ``ORDER`` for ``--help``; they are discovered,
so adding a command touches no other file. Every :class:`~medkg.errors.MedkgError`
becomes one message on stderr and exit status 1, with no traceback; a usage error exits
with 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from . import commands
from .commands import Abandoned
from .errors import MedkgError


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="medkg",
        description="A provenance-first knowledge graph of conditions, drugs and evidence.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = [importlib.import_module(f"{commands.__name__}.{m.name}")
               for m in pkgutil.iter_modules(commands.__path__)]
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 99), m.__name__)):
        module.register(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except Abandoned as e:
        # a query engine still runs in a thread that cannot be stopped: end the process now
        print(f"medkg: {'error: ' if str(e) != 'interrupted' else ''}{e}", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130 if str(e) == "interrupted" else 1)
    except MedkgError as e:
        print(f"medkg: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("medkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except MemoryError:
        print("medkg: error: out of memory", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
