"""The curated input: ontology and graph files, parsed one by one so errors name a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from .errors import InputError
from .rdfio import new_graph, parse_turtle
from .vocab import ENTITIES_GRAPH, GRAPH, MEDKG, ONTOLOGY_GRAPH, source_graph

SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class Project:
    """Where a medkg project keeps its curated files and its output."""

    root: Path = Path(".")
    graph_dir: Path | None = None
    ontology_dir: Path | None = None
    build_dir: Path | None = None

    @property
    def graph(self) -> Path:
        return self.graph_dir or self.root / "graph"

    @property
    def ontology(self) -> Path:
        return self.ontology_dir or self.root / "ontology"

    @property
    def build(self) -> Path:
        return self.build_dir or self.root / "build"

    def refuse_curated(self, path: Path | str) -> Path:
        """``path``, unless it is in (or is) the curated ``graph/`` or ``ontology/`` folder:
        generated output never goes there (a one-line :class:`InputError`).

        >>> Project(root=Path("/p")).refuse_curated("/p/graph/x.ttl")
        Traceback (most recent call last):
        ...
        medkg.errors.InputError: /p/graph/x.ttl: refused: inside the curated folder /p/graph (generated output never goes there)
        """
        path = Path(path)
        target = path.resolve()
        for curated in (self.graph, self.ontology):
            folder = curated.resolve()
            if target == folder or folder in target.parents:
                raise InputError(path, f"refused: inside the curated folder {curated} (generated output never goes there)")
        return path


@dataclass
class Curated:
    """Every curated file, parsed separately, and the named graph each triple belongs in."""

    ontology: Graph
    shapes: Graph
    files: dict[Path, Graph] = field(default_factory=dict)
    drafts: set[Path] = field(default_factory=set)
    _data: Graph | None = field(default=None, repr=False, compare=False)

    def data(self) -> Graph:
        """All curated data triples (not the ontology) in one graph, merged once: every
        check and the derivation read it, none changes it."""
        if self._data is None:
            self._data = new_graph()
            for fg in self.files.values():
                self._data += fg
        return self._data

    def file_of(self, node: URIRef) -> Path | None:
        """The first file (in sorted order) in which ``node`` is described."""
        for path, g in self.files.items():
            if (node, None, None) in g:
                return path
        return None

    def named_graphs(self) -> dict[URIRef, Graph]:
        """Split the curated triples into the named graphs of the output."""
        graphs: dict[URIRef, Graph] = {ONTOLOGY_GRAPH: self.ontology}
        for path, g in self.files.items():
            for s, p, o in g:
                target = ENTITIES_GRAPH
                source = g.value(s, MEDKG.statedIn) if isinstance(s, URIRef) else None
                if (s, RDF.type, MEDKG.Claim) in g and isinstance(source, URIRef):
                    target = source_graph(source)
                if path in self.drafts:
                    target = GRAPH["drafts/" + path.stem]
                graphs.setdefault(target, new_graph()).add((s, p, o))
        return graphs


def load_curated(project: Project, *, include_drafts: bool = False) -> Curated:
    """Parse the ontology, the shapes and every graph file (drafts only when asked)."""
    onto_dir, graph_dir = project.ontology, project.graph
    for d in (onto_dir, graph_dir):
        if not d.is_dir():
            raise InputError(d, "directory not found (run medkg from the project root, or pass --root)")
    ontology = new_graph()
    shapes = new_graph()
    for path in sorted(onto_dir.glob("*.ttl")):
        g = parse_turtle(path)
        if path.name == SHAPES_FILE:
            shapes += g
        else:
            ontology += g
    curated = Curated(ontology=ontology, shapes=shapes)
    for path in sorted(graph_dir.rglob("*.ttl")):
        rel = path.relative_to(graph_dir)
        is_draft = rel.parts[0] == "drafts"
        if is_draft and not include_drafts:
            continue
        curated.files[path] = parse_turtle(path)
        if is_draft:
            curated.drafts.add(path)
    return curated
