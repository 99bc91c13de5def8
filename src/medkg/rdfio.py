"""Reading and writing RDF files: clear parse errors, deterministic and atomic output."""

from __future__ import annotations

import glob
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import InputError
from .vocab import PREFIXES


def new_graph() -> Graph:
    """An empty graph with only the project's prefixes bound (no rdflib defaults)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def new_dataset() -> Dataset:
    """An empty dataset with the project's prefixes bound; the default graph is not a union."""
    ds = Dataset(default_union=False)
    ds.namespace_manager.bind_namespaces = "none"
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    return ds


#: Largest input file medkg reads (a curated Turtle file, a vocabulary, a query file).
MAX_INPUT_BYTES = 256 << 20


def read_utf8(path: Path, *, limit: int = MAX_INPUT_BYTES) -> tuple[bytes, str]:
    """A file's bytes and its text; an unreadable, oversized or non-UTF-8 file, or one that
    is not a regular file (a FIFO or a device would never end), is a one-line
    :class:`InputError` naming the file (and the line of the first bad byte). A UTF-8
    byte-order mark is accepted and is not part of the text."""
    try:
        if not path.is_file():
            raise InputError(path, "cannot read: not a regular file" if path.exists() else "cannot read: no such file")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    if len(data) > limit:
        raise InputError(path, f"too large: more than {limit:,} bytes")
    try:
        return data, data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, "not valid UTF-8", data[: e.start].count(b"\n") + 1) from None


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file, turning any failure into a one-line :class:`InputError`."""
    _, text = read_utf8(path)
    g = new_graph()
    try:
        g.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as e:
        why = getattr(e, "_why", "bad syntax")
        raise InputError(path, f"Turtle syntax error: {why}", e.lines + 1) from None
    except Exception as e:  # rdflib raises assorted types for bad IRIs, literals, prefixes
        raise InputError(path, f"Turtle error: {_one_line(e)}") from None
    return g


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return text[:300] or type(e).__name__


def serialize(graph: Graph, fmt: str) -> bytes:
    """Serialize a graph deterministically (rdflib sorts subjects, predicates and objects)."""
    return graph.serialize(format=fmt, encoding="utf-8")


def serialize_trig(ds: Dataset) -> bytes:
    """TriG with the named graphs in IRI order, each body as rdflib's sorted Turtle.

    rdflib's own TriG writer visits graphs in set order, which changes from run to run;
    composing sorted Turtle bodies keeps the output byte-identical for the same input.
    Bodies are not re-indented: a line may continue a multi-line literal.
    """
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    blocks = [prefixes]
    for g in sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier)):
        body = new_graph()
        body += g
        lines = body.serialize(format="turtle").split("\n")
        first = next(i for i, line in enumerate(lines) if line and not line.startswith("@prefix "))
        content = "\n".join(lines[first:]).strip("\n")  # only the leading prefix block is dropped
        blocks.append(f"<{g.identifier}> {{\n{content}\n}}\n")
    return "\n".join(blocks).encode("utf-8")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def check_output_file(path: Path, *, create_dirs: bool = True) -> None:
    """Refuse an output path that medkg must not replace: a directory, a symbolic link,
    a device, FIFO or socket (renaming over one would replace it with a plain file), or a
    path under a file; a missing directory is refused unless ``create_dirs``."""
    if path.is_symlink():
        raise InputError(path, "cannot write: is a symbolic link (medkg replaces only regular files; "
                               "name the file it points to)")
    if path.is_dir():
        raise InputError(path, "cannot write: is a directory (give a file name)")
    if path.exists() and not path.is_file():
        raise InputError(path, "cannot write: not a regular file (a device, FIFO or socket is never replaced)")
    blocker = next((a for a in path.parents if a.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise InputError(blocker, "cannot write: is a file, not a directory")
    if not create_dirs and not path.parent.is_dir():
        raise InputError(path, f"cannot write: directory {path.parent} does not exist")


_TMP = re.compile(r"\.(?P<pid>\d+)-[^.]*\.tmp$")


def _remove_stale(directory: Path, name: str) -> None:
    """Remove the temporary files a killed run left for ``name``: only those of processes
    that no longer exist, so two runs at once never delete each other's."""
    for stale in directory.glob(f".{glob.escape(name)}.*.tmp"):
        m = _TMP.search(stale.name)
        if m is None or _alive(int(m.group("pid"))):
            continue
        stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def write_atomically(files: Iterable[tuple[Path, bytes]], *, create_dirs: bool = True) -> None:
    """Write every file to a temporary name first, then move each into place.

    All contents are produced before this is called, so a failed build never touches the
    outputs; each file is then replaced atomically (``os.replace``), so a reader never sees
    a half-written file, even if the process is killed. Only regular files are replaced
    (see :func:`check_output_file`). Temporary files are named after the writing process;
    those left by a killed run are removed by the next one.
    """
    files = list(files)
    for path, _ in files:
        check_output_file(path, create_dirs=create_dirs)
    staged: list[tuple[str, Path]] = []
    current: Path | None = None
    try:
        for path, data in files:
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale(path.parent, path.name)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp")
            staged.append((tmp, path))
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes owner-only files; outputs are for sharing
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, path in staged:
            current = path
            check_output_file(path)  # still a regular file (or absent) just before the rename
            os.replace(tmp, path)
    except OSError as e:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(current or "output", f"cannot write: {e.strerror or e}") from None
    except InputError:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
