"""Start a read-only SPARQL 1.1 endpoint over the built graph, bound to localhost.

The server is :mod:`medkg.endpoint` (pyoxigraph in worker processes behind the standard
library's HTTP server, with a hard per-query timeout). ``engine="oxigraph"`` starts
Oxigraph's own server (``oxigraph serve-read-only``) instead: faster to start, but its
timeout does not stop every runaway query (see :mod:`medkg.endpoint`).
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
          timeout_s: float = DEFAULT_TIMEOUT_S, location: Path | None = None,
          engine: str = "medkg", wait: float = 30.0) -> subprocess.Popen:
    """Start the endpoint and return once it accepts connections (the process runs on)."""
    cmd = command(prepare_store(project, location), host=host, port=port, timeout_s=timeout_s, engine=engine)
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


def command(location: Path, *, host: str, port: int, timeout_s: float, engine: str = "medkg",
            workers: int | None = None) -> list[str]:
    """The server's command line."""
    if engine == "oxigraph":
        return [oxigraph_binary(), "serve-read-only", "--location", str(location),
                "--bind", f"{host}:{port}", "--union-default-graph", "--timeout-s", str(int(timeout_s))]
    if engine == "medkg":
        return [sys.executable, "-m", "medkg.endpoint", "--location", str(location),
                "--host", host, "--port", str(port), "--timeout", str(timeout_s),
                *(["--workers", str(workers)] if workers else [])]
    raise MedkgError(f"unknown engine {engine!r}: use medkg or oxigraph")


def endpoint_url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    return f"http://{host}:{port}/query"
