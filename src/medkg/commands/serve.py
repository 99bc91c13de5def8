"""``medkg serve``: a read-only SPARQL endpoint over the built graph."""

from __future__ import annotations

import argparse
import os

from . import add_project_options, project_of

ORDER = 30


def cmd_serve(args: argparse.Namespace) -> int:
    from .. import serve

    location = serve.prepare_store(project_of(args))
    cmd = serve.command(location, host=args.host, port=args.port, timeout_s=args.timeout,
                        workers=args.workers)
    print(f"SPARQL endpoint (read-only, {args.timeout:g} s per query): {serve.endpoint_url(args.host, args.port)}")
    print(f"query page: http://{args.host}:{args.port}/   stop with Ctrl-C", flush=True)
    os.execv(cmd[0], cmd)  # the server replaces this process: one process to stop, no orphans
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    from ..endpoint import DEFAULT_WORKERS, MAX_TIMEOUT, MAX_WORKERS, port_number, seconds, worker_count
    from ..serve import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT_S

    p = sub.add_parser("serve", help="serve the built graph as a read-only SPARQL 1.1 endpoint (Oxigraph)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST}, this machine only)")
    p.add_argument("--port", type=port_number, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    p.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help=f"per-query timeout, the wait for a worker included (more than 0, at most {MAX_TIMEOUT:g}; "
                        f"default: {DEFAULT_TIMEOUT_S})")
    p.add_argument("--workers", type=worker_count, default=None,
                   help=f"most query worker processes (1-{MAX_WORKERS}, default: {DEFAULT_WORKERS})")
    add_project_options(p)
    p.set_defaults(func=cmd_serve)
