"""Shared by the ingest cue tests: read a short text with the project's graph entities
(no reference tables, so that what is asserted does not depend on them) and list the
claims as (subject label, relation, object label, cue)."""

from __future__ import annotations

import copy
from functools import lru_cache

from medkg.curated import Project, load_curated
from medkg.ingest.citations import Citation
from medkg.ingest.lexicon import Entity, Lexicon
from medkg.ingest.relations import extract
from medkg.ingest.segment import segment

from helpers import ROOT


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    curated = load_curated(Project(root=ROOT))
    lexicon = Lexicon(curated.ontology)
    lexicon.add_graph(curated.data())
    return lexicon


def label(x) -> str:
    if isinstance(x, Entity):
        return x.label
    if isinstance(x, Citation):
        return x.label or x.cited_as
    return str(x)


def read(text: str, title: str = "") -> list[tuple[str, str, str, str]]:
    found, _ = extract(text, segment(text), copy.deepcopy(_lexicon()), title=title)
    return [(label(f.subject), f.predicate, label(f.object), f.rule) for f in found]


def pairs(text: str, title: str = "") -> set[tuple[str, str]]:
    return {(s.lower(), o.lower()) for s, _, o, _ in read(text, title)}


def found(text: str, title: str = ""):
    return extract(text, segment(text), copy.deepcopy(_lexicon()), title=title)[0]
