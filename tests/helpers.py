"""Helpers for the tests (importable as ``helpers``: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``medkg`` in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "medkg", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout,
    )


def edit(root: Path, rel: Path | str, old: str, new: str) -> None:
    """Replace the first ``old`` with ``new`` in a project file (which must contain it)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_server_command(location: Path, port: int, timeout_s: float) -> list[str]:
    """Oxigraph's own server over a store, as another standard SPARQL endpoint for the
    backend tests (medkg does not start it: it would answer SERVICE by fetching)."""
    import math
    import shutil

    binary = Path(sys.executable).parent / "oxigraph"
    binary = str(binary) if binary.exists() else shutil.which("oxigraph")
    assert binary, "the oxigraph wheel provides the oxigraph server"
    return [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
            "--union-default-graph", "--timeout-s", str(math.ceil(timeout_s))]


@contextlib.contextmanager
def running_endpoint(project, location: Path, **options) -> Iterator[str]:
    """A ``medkg serve`` endpoint (or, with ``engine="oxigraph"``, Oxigraph's own server)
    on a free loopback port; its base URL, stopped on exit."""
    from medkg import serve

    port = free_port()
    if options.pop("engine", "medkg") == "oxigraph":
        proc = serve.launch(oxigraph_server_command(serve.prepare_store(project, location), port,
                                                    options.get("timeout_s", 30)), host="127.0.0.1", port=port)
    else:
        proc = serve.start(project, port=port, location=location, **options)
    with stopped_at_exit(proc):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def stopped_at_exit(proc: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """``proc``, terminated (killed if it lingers) however the block ends."""
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


# --- the endpoint under attack (loopback only) ----------------------------------------


def prepared_store(built, tmp: Path) -> Path:
    """An on-disk Oxigraph store of the session's build (no second build)."""
    import medkg
    from medkg import serve
    from medkg.build import TRIG_FILE
    from medkg.rdfio import serialize_trig

    (tmp / "build").mkdir(parents=True, exist_ok=True)
    (tmp / "build" / TRIG_FILE).write_bytes(serialize_trig(built.dataset))
    return serve.prepare_store(medkg.Project(root=ROOT, build_dir=tmp / "build"), tmp / "store")


class Endpoint:
    """A running ``python -m medkg.endpoint``: its port, process and stderr."""

    def __init__(self, proc: subprocess.Popen, port: int, log: Path):
        self.proc, self.port, self.log = proc, port, log
        self.base = f"http://127.0.0.1:{port}"

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def endpoint_process(location: Path, *, timeout_s: float = 2, workers: int | None = None,
                     wait: float = 30) -> Iterator[Endpoint]:
    """The medkg endpoint on a free loopback port with its stderr kept in a file (to look
    for tracebacks); stopped on exit however the test ends."""
    from medkg import serve

    port = free_port()
    cmd = serve.command(location, host="127.0.0.1", port=port, timeout_s=timeout_s, workers=workers)
    log = location.parent / f"endpoint-{port}.stderr"
    with open(log, "wb") as err:
        proc = serve.launch(cmd, host="127.0.0.1", port=port, wait=wait, stderr=err)
    with stopped_at_exit(proc):
        yield Endpoint(proc, port, log)


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes] | None:
    """One HTTP response from ``sock``: (status, headers, body), or None when the server
    closed the connection without answering. A server that neither answers nor closes
    raises the socket's timeout."""
    import http.client

    resp = http.client.HTTPResponse(sock)
    try:
        resp.begin()
        return resp.status, dict(resp.getheaders()), resp.read()
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        return None


def exchange(port: int, data: bytes, *, timeout: float = 5) -> tuple[int, dict[str, str], bytes] | None:
    """Send raw bytes to a loopback server and read one response (see :func:`read_response`)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (ConnectionResetError, BrokenPipeError):
            pass  # the server may answer and close before it has all of a refused body
        return read_response(sock)


@contextlib.contextmanager
def loopback_listener() -> Iterator[tuple[int, Callable[[float], bool]]]:
    """A listening socket on a free loopback port and ``connected(wait)``: whether anything
    connected to it (a connection waits in the backlog even if never accepted)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)

        def connected(wait: float) -> bool:
            listener.settimeout(wait)
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                return False
            conn.close()
            return True

        yield listener.getsockname()[1], connected


def descendants(pid: int) -> set[int]:
    """The processes below ``pid`` (Linux ``/proc``): the endpoint's query workers."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found
