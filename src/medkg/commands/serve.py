"""``medkg serve``: a read-only SPARQL endpoint over the built graph."""

from __future__ import annotations

import argparse

from . import add_project_options, project_of

ORDER = 30


def cmd_serve(args: argparse.Namespace) -> int:
    from .. import serve

    proc = serve.start(project_of(args), host=args.host, port=args.port, timeout_s=args.timeout)
    url = serve.endpoint_url(args.host, args.port)
    print(f"SPARQL endpoint (read-only): {url}")
    print(f"query page: http://{args.host}:{args.port}/   stop with Ctrl-C", flush=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(10)
        return 0


def register(sub: argparse._SubParsersAction) -> None:
    from ..serve import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT_S

    p = sub.add_parser("serve", help="serve the built graph as a read-only SPARQL 1.1 endpoint (Oxigraph)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST}, this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    p.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT_S, help="per-query timeout in seconds")
    add_project_options(p)
    p.set_defaults(func=cmd_serve)
