"""Shared fixtures: the real project, its build, and a tiny project to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import medkg
from medkg.build import union_graph

from helpers import FIXTURES, ROOT


@pytest.fixture(scope="session")
def built() -> medkg.BuildResult:
    """The real graph, built in memory (nothing written)."""
    return medkg.build(medkg.Project(root=ROOT), write=False)


@pytest.fixture(scope="session")
def kg(built):
    """The union of every named graph of the real build."""
    return union_graph(built.dataset)


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    """A copy of the real ontology with a five-claim graph, in a temporary project."""
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copytree(FIXTURES / "mini" / "graph", tmp_path / "graph")
    return tmp_path
