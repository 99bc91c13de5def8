"""A read-only SPARQL 1.1 endpoint over the built graph, served by Oxigraph's own server.

No HTTP server is written here: ``oxigraph serve-read-only`` (the ``oxigraph`` package on
PyPI) implements the SPARQL 1.1 Protocol, a browser query page at ``/``, a per-query
timeout and concurrent requests. medkg only prepares the store and starts it bound to
localhost, with the default graph as the union of the named graphs.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from .curated import Project
from .errors import MedkgError
from .store import built_trig, open_oxigraph

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30


def oxigraph_binary() -> str:
    """The ``oxigraph`` server installed beside this Python (the ``oxigraph`` wheel)."""
    candidates = [Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")]
    for c in candidates:
        if c and Path(c).exists():
            return str(c)
    raise MedkgError("the oxigraph server is not installed: pip install oxigraph")


def prepare_store(project: Project = Project(), location: Path | None = None) -> Path:
    """Load ``build/medkg.trig`` into the on-disk store (if not loaded yet); return its path."""
    location = location or project.build / "oxigraph"
    store = open_oxigraph(location, built_trig(project), read_only=False)
    del store  # release the lock before the server opens it
    return location


def start(project: Project = Project(), *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          timeout_s: int = DEFAULT_TIMEOUT_S, location: Path | None = None,
          wait: float = 30.0) -> subprocess.Popen:
    """Start the endpoint and return once it accepts connections (the process runs on)."""
    location = prepare_store(project, location)
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location),
           "--bind", f"{host}:{port}", "--union-default-graph", "--timeout-s", str(timeout_s)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = (proc.stderr.read() or b"").decode("utf-8", "replace").strip().splitlines()
            raise MedkgError(f"the SPARQL server did not start: {err[-1] if err else 'exit ' + str(proc.returncode)}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise MedkgError(f"the SPARQL server did not answer on {host}:{port} within {wait:.0f} s")


def endpoint_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    return f"http://{host}:{port}/query"
