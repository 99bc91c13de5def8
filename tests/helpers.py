"""Helpers for the tests (importable as ``helpers``: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Iterator
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


@contextlib.contextmanager
def running_endpoint(project, location: Path, **options) -> Iterator[str]:
    """A ``medkg serve`` endpoint on a free loopback port; its base URL, stopped on exit."""
    from medkg import serve

    port = free_port()
    proc = serve.start(project, port=port, location=location, **options)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
