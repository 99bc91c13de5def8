"""medkg: a provenance-first knowledge graph of medical conditions, drugs and evidence.

The public API::

    import medkg
    result = medkg.build()            # check the curated graph, derive, write build/
    medkg.validate()                  # the same checks, nothing written
"""

from __future__ import annotations

from .build import BuildResult, build
from .curated import Project
from .errors import Finding, InputError, MedkgError, QueryError, ValidationError

__version__ = "0.1.0"


def validate(project: Project = Project(), *, include_drafts: bool = False) -> BuildResult:
    """Run every check of :func:`build` and return the result without writing anything."""
    return build(project, include_drafts=include_drafts, write=False)


__all__ = [
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
