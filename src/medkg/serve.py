"""Start a read-only SPARQL 1.1 endpoint over the built graph, bound to localhost.

The server is :mod:`medkg.endpoint` (pyoxigraph in worker processes behind the standard
library's HTTP server, with a hard per-query timeout, bounded queues and connections, and
every query checked by :mod:`medkg.guard` first). Oxigraph's own server
(``oxigraph serve-read-only``) is no longer offered by ``medkg serve``: it answers
``SERVICE`` by fetching the named URL (a local listener saw its connection) and has no
switch to stop that, and its timeout did not stop every runaway query. Any SPARQL 1.1
endpoint, that one included, can still be *queried* with ``--store URL``.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .curated import Project
from .errors import MedkgError
from .store import built_trig, open_oxigraph

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30


def prepare_store(project: Project = Project(), location: Path | None = None) -> Path:
    """Load ``build/medkg.trig`` into the on-disk store (if not loaded yet); return its path."""
    location = location or project.build / "oxigraph"
    store = open_oxigraph(location, built_trig(project), read_only=False)
    del store  # release the lock before the server opens it
    return location


def start(project: Project = Project(), *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          timeout_s: float = DEFAULT_TIMEOUT_S, location: Path | None = None,
          workers: int | None = None, wait: float = 30.0) -> subprocess.Popen:
    """Start the endpoint and return once it accepts connections (the process runs on)."""
    cmd = command(prepare_store(project, location), host=host, port=port, timeout_s=timeout_s, workers=workers)
    return launch(cmd, host=host, port=port, wait=wait)


def launch(cmd: list[str], *, host: str, port: int, wait: float = 30.0, stderr=None) -> subprocess.Popen:
    """Run a server command and return once ``host:port`` accepts connections; its stderr
    goes to ``stderr`` (a binary file) or to a temporary file."""
    # stderr to a file, not a pipe: once a pipe nobody reads is full, the server's next
    # line to stderr would block it for good
    log = stderr if stderr is not None else tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = []
            if stderr is None:
                log.seek(0)
                err = log.read().decode("utf-8", "replace").strip().splitlines()
            raise MedkgError(f"the SPARQL server did not start: {err[-1] if err else 'exit ' + str(proc.returncode)}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise MedkgError(f"the SPARQL server did not answer on {host}:{port} within {wait:.0f} s")


def command(location: Path, *, host: str, port: int, timeout_s: float, workers: int | None = None) -> list[str]:
    """The server's command line (the bounds are checked here too, for callers of the API)."""
    from .endpoint import port_number, seconds, worker_count

    try:
        port_number(str(port))
        seconds(str(timeout_s))
        if workers is not None:
            worker_count(str(workers))
    except argparse.ArgumentTypeError as e:
        raise MedkgError(f"cannot serve: {e}") from None
    return [sys.executable, "-m", "medkg.endpoint", "--location", str(location),
            "--host", host, "--port", str(port), "--timeout", str(timeout_s),
            *(["--workers", str(workers)] if workers else [])]


def endpoint_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    return f"http://{host}:{port}/query"
