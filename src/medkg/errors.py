"""Errors medkg reports to its users.

Every error the CLI can meet is a :class:`MedkgError` whose ``str()`` is one readable
line naming the file and line, the claim or the query at fault; the CLI prints it and
exits non-zero without a traceback. :class:`ValidationError` carries a list of findings,
printed one per line.
"""

from __future__ import annotations

from dataclasses import dataclass


class MedkgError(Exception):
    """Base class of the errors medkg reports to its users."""


class InputError(MedkgError):
    """A file that cannot be read or parsed."""

    def __init__(self, path: object, message: str, line: int | None = None):
        self.path, self.line, self.reason = str(path), line, message
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")


class QueryError(MedkgError):
    """A SPARQL query that cannot be run."""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found by validation: where, about what, and what is wrong."""

    where: str
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.focus}: {self.message}"


class ValidationError(MedkgError):
    """The graph breaks one or more rules; ``findings`` lists each."""

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(set(findings))
        n = len(self.findings)
        head = f"validation failed with {n} problem{'s' if n != 1 else ''}"
        super().__init__("\n".join([head, *("  " + str(f) for f in self.findings)]))
