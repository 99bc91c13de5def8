"""medkg: a provenance-first knowledge graph of medical conditions, drugs and evidence.

The public API::

    import medkg
    result = medkg.build()            # check the curated graph, derive, write build/
    medkg.validate()                  # the same checks, nothing written
    kg = medkg.load()                 # the built graph (any backend: store="oxigraph", a URL …)
    medkg.query(kg, "contraindications")   # a named query, a .rq file or SPARQL
    G = medkg.to_networkx(kg)         # entities as nodes, claims as evidence-carrying edges
    medkg.treatment_options(G, "sciatica")  # analyses as DataFrames (medkg.analysis)
"""

from __future__ import annotations

# the submodule medkg.query is loaded before the function medkg.query is defined below, so
# that its later (lazy) imports do not rebind the package attribute to the module
from . import query as _query_module  # noqa: F401
from .analysis import (
    alternatives,
    claims_frame,
    conflicts,
    edges_frame,
    explain_connection,
    nodes_frame,
    safety_check,
    treatment_options,
)
from .build import BuildResult, build
from .curated import Project
from .errors import Finding, InputError, MedkgError, QueryError, ValidationError
from .network import to_networkx
from .store import QueryResult, Store, open_store

__version__ = "0.1.0"


def validate(project: Project = Project(), *, include_drafts: bool = False) -> BuildResult:
    """Run every check of :func:`build` and return the result without writing anything."""
    return build(project, include_drafts=include_drafts, write=False)


def load(store: str | None = None, *, project: Project = Project(), allow_service: bool = False) -> Store:
    """The knowledge graph: the built output (built from the sources first when there is
    none), in the backend named by ``store`` (``"memory"``, ``"oxigraph"``, ``"oxigraph-memory"``, a URL …).
    Its queries make no network requests unless ``allow_service=True`` lets ``SERVICE`` through."""
    return open_store(store, project=project, allow_service=allow_service)


def query(kg: Store, query: str, *, params: dict[str, str | list[str]] | None = None) -> QueryResult:
    """Run a named query, a ``.rq`` file or SPARQL text (read-only) with bound parameters."""
    from .query import run

    values = {k: [v] if isinstance(v, str) else list(v) for k, v in (params or {}).items()}
    return run(query, kg, params=values)


__all__ = [
    "QueryResult",
    "Store",
    "load",
    "open_store",
    "query",
    "to_networkx",
    "alternatives",
    "claims_frame",
    "conflicts",
    "edges_frame",
    "explain_connection",
    "nodes_frame",
    "safety_check",
    "treatment_options",
    "BuildResult",
    "Finding",
    "InputError",
    "MedkgError",
    "Project",
    "QueryError",
    "ValidationError",
    "build",
    "validate",
]
