"""The lexicon: the names entities go by, found in text, and grounding of new phrases.

Names come from the graph's entities (``rdfs:label``, ``skos:altLabel`` and the slug of the
IRI) and, optionally, from reference vocabularies (Hetionet's node table, the Disease
Ontology's label table). Matching is on word tokens, case-insensitive, with plurals and
possessives folded ("Legs" finds *legs*, "headaches" finds *headache*), longest match
first. Multi-word graph labels are also found with their words reordered or inflected
("blocks sodium channels" finds *sodium channel blockade*), inside a short window, because
consumer articles rarely use a curated label word for word.

Grounding order, for a phrase a relation pattern picked out: an entity of the graph (by
label, synonym or slug), else a vocabulary term (which brings its identifier as
``medkg:xref``), else a new entity marked ``medkg:ungrounded``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from ..errors import InputError
from ..rdfio import read_utf8
from ..vocab import ENT, MEDKG

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
STOPWORDS = frozenset(
    "a an the of in on at to for and or with by from into their your his her its our my "
    "this that these those is are was be been as".split()
)
#: Words that make a preceding condition name a modifier ("pain signals"), not a mention.
_MODIFIED_HEADS = frozenset(
    "signal pathway receptor neurotransmitter medication medicine drug killer score "
    "threshold component clinic specialist property effect".split()
)
_LEADING_FILLERS = frozenset(
    "a an the some certain any other more your their his her its such as like e.g including "
    "especially particularly".split()
)
#: Which mentions inside a longer one count: the anatomy a condition names ("compressed …
#: sciatic nerve"), the molecules and conditions a mechanism names ("reduce inflammation").
_NESTED = {
    "Mechanism": ("MolecularEntity", "Condition"),
    "Condition": ("AnatomicalStructure",),
}
#: Hetionet node kinds used for grounding: the medkg class and the CURIE prefix of the id.
HETIONET_KINDS = {
    "Compound": ("Drug", "drugbank:"),
    "Disease": ("Disease", ""),
    "Side Effect": ("AdverseEffect", "UMLS:"),
    "Symptom": ("Symptom", "MESH:"),
    "Anatomy": ("AnatomicalStructure", ""),
    "Pharmacologic Class": ("DrugClass", "NDFRT:"),
}
_VOCAB_MIN_CHARS = 4
#: Prefixes of the ids of an ``id``/``label`` table (Disease Ontology terms and symptoms).
_LABEL_TABLE_CLASSES = {"DOID:": "Disease", "SYMP:": "Symptom"}
#: The reference tables shipped in ``medkg/data`` (see its README), in loading order.
_REFERENCE_TABLES = ("hetionet-nodes.tsv", "doid-diseases.tsv", "doid-symptoms.tsv")


def reference_vocab() -> tuple[Path, ...]:
    """The reference vocabularies shipped with medkg, which ``medkg ingest`` uses by default.

    Compact CC0 subsets of Hetionet v1.0's node table and of the Human Disease Ontology
    (drugs with DrugBank ids, diseases with DOIDs and their MeSH, UMLS, ICD-10-CM and
    SNOMED CT xrefs, side effects, symptoms, pharmacologic classes, anatomy), in formats
    :meth:`Lexicon.add_vocab` reads; ``src/medkg/data/README.md`` gives their sources and
    how to regenerate them.

    Examples
    --------
    >>> [p.name for p in reference_vocab()]
    ['hetionet-nodes.tsv', 'doid-diseases.tsv', 'doid-symptoms.tsv']
    """
    data = Path(__file__).resolve().parents[1] / "data"
    return tuple(data / name for name in _REFERENCE_TABLES)


#: Parsed vocabulary files, by path, modification time and size (read once per process).
_VOCAB_CACHE: dict[tuple[str, int, int], dict] = {}


def _vocab_terms(path: Path) -> dict[tuple[str, ...], tuple[str, frozenset[str], frozenset[str], frozenset[str]]]:
    """The terms of a vocabulary file, by folded name: name, classes, own ids, other ids."""
    try:
        st = path.stat()
        cache_key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        cache_key = None  # read_utf8 says what is wrong
    if cache_key in _VOCAB_CACHE:
        return _VOCAB_CACHE[cache_key]
    lines = read_utf8(path)[1].splitlines()
    header = [h.strip().strip('"') for h in lines[0].split("\t")] if lines else []
    hetionet = header[:3] == ["id", "name", "kind"]
    labels = header[:2] == ["id", "label"]
    with_xrefs = header[:3] == ["id", "label", "xrefs"]
    norm: dict[str, str] = {}  # norm_token of each word, computed once
    terms: dict[tuple[str, ...], tuple[str, set[str], set[str], set[str]]] = {}
    for line in lines[1:]:
        cells = [c.strip().strip('"') for c in line.rstrip("\r").split("\t")]
        more: list[str] = []
        if hetionet and len(cells) >= 3:
            ident, name, kind = cells[:3]
            if kind not in HETIONET_KINDS:
                continue
            cls, prefix = HETIONET_KINDS[kind]
            curie = prefix + ident.split("::", 1)[1]
        elif labels and len(cells) >= 2 and cells[0][:5] in _LABEL_TABLE_CLASSES:
            curie, name, cls = cells[0], cells[1], _LABEL_TABLE_CLASSES[cells[0][:5]]
            if with_xrefs and len(cells) >= 3:
                more = cells[2].split()
        else:
            continue
        if len(name) < _VOCAB_MIN_CHARS and not (cls == "AnatomicalStructure" and name.isalpha() and name.islower()):
            continue  # "RA", "MS" would match words; "eye", "ear", "leg" are only body parts
        words = [m.group() for m in _TOKEN.finditer(name)]  # as _key(name), with norm_token memoised
        for w in words:
            if w not in norm:
                norm[w] = norm_token(w)
        folded = tuple(norm[w] for w in words)
        label, classes, ids, others = terms.setdefault(folded, (name, set(), set(), set()))
        classes.add(cls)
        ids.add(curie)
        others.update(more)
    if not terms:
        raise InputError(path, "not a vocabulary this command reads (Hetionet nodes TSV, or a TSV of DOID or "
                               "SYMP labels)")
    out = {k: (n, frozenset(c), frozenset(i), frozenset(o)) for k, (n, c, i, o) in sorted(terms.items())}
    if cache_key is not None:
        _VOCAB_CACHE[cache_key] = out
    return out


def norm_token(token: str) -> str:
    """A token folded for matching: lower case, straight apostrophe, no possessive, singular.

    Examples
    --------
    >>> [norm_token(t) for t in ("Legs", "patient’s", "glaucoma", "X-rays", "NSAIDs", "stress")]
    ['leg', 'patient', 'glaucoma', 'x-ray', 'nsaid', 'stress']
    """
    t = token.lower().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    if len(t) > 3 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is", "ous")):
        return t[:-1]
    return t


def stem(token: str) -> str:
    """A crude stem, for matching inflected and derived forms ("blocks", "blockade").

    Examples
    --------
    >>> [stem(t) for t in ("blocks", "blockade", "reduced", "reduces", "dampening", "narrowing")]
    ['block', 'block', 'reduc', 'reduc', 'dampen', 'narrow']
    """
    t = norm_token(token)
    for suffix in ("ation", "ition", "ing", "ade", "ed", "ion", "ment", "ness", "ly", "er", "e"):
        if t.endswith(suffix) and len(t) - len(suffix) >= 4:
            return t[: -len(suffix)]
    return t


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, folded token)`` of each word in ``text[start:end]``."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), norm_token(m.group())) for m in _TOKEN.finditer(text, start, end)]


def slugify(text: str) -> str:
    """A lower-case, hyphenated ASCII slug.

    Examples
    --------
    >>> slugify("Thoughts of suicide (or self-harm)!")
    'thoughts-of-suicide-or-self-harm'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _key(text: str) -> tuple[str, ...]:
    return tuple(t for _, _, t in tokens(text))


@dataclass(frozen=True)
class Entity:
    """An entity a mention can refer to.

    ``origin`` is ``"graph"`` (an entity of the project), ``"vocab"`` (a vocabulary term,
    new to the graph) or ``"new"`` (matched nothing: drafted as ``medkg:ungrounded``).
    ``types`` holds the local names of its classes and all their super-classes.
    """

    key: str
    label: str
    types: frozenset[str]
    xrefs: tuple[str, ...] = ()
    origin: str = "graph"
    declared: frozenset[str] = field(default=frozenset())

    @property
    def iri(self) -> URIRef:
        return ENT[self.key]

    def is_a(self, *classes: str) -> bool:
        return not self.types.isdisjoint(classes)


@dataclass(frozen=True)
class Mention:
    """An entity named at ``text[start:end]`` of the article."""

    start: int
    end: int
    entity: Entity
    nested: bool = False


class Lexicon:
    """Names of entities, matched in text, and the grounding of phrases to entities.

    Parameters
    ----------
    ontology : Graph
        The project ontology, for the super-classes of each entity type.
    """

    def __init__(self, ontology: Graph):
        self._supers: dict[str, frozenset[str]] = {}
        ns = str(MEDKG._NS)
        classes = {str(c)[len(ns):] for c in ontology.subjects(RDF.type, None) if str(c).startswith(ns)}
        for name in classes:
            seen, todo = {name}, [MEDKG._NS[name]]
            while todo:
                for sup in ontology.objects(todo.pop(), RDFS.subClassOf):
                    local = str(sup)[len(ns):] if str(sup).startswith(ns) else None
                    if local and local not in seen:
                        seen.add(local)
                        todo.append(MEDKG._NS[local])
            self._supers[name] = frozenset(seen)
        self.entities: dict[str, Entity] = {}
        self._names: dict[tuple[str, ...], str] = {}  # folded name -> entity key, graph first
        self._fuzzy: list[tuple[Counter, int, str]] = []
        self._fuzzy_sorted: list[tuple[Counter, int, str]] = []
        self._by_xref: dict[str, str] = {}
        self._max_len = 1

    # -- building ---------------------------------------------------------------------------

    def closure(self, classes: Iterable[str]) -> frozenset[str]:
        out: set[str] = set()
        for c in classes:
            out |= self._supers.get(c, {c})
        return frozenset(out)

    def _add_name(self, name: str, key: str) -> None:
        folded = _key(re.sub(r"\s*\([^)]*\)", "", name))
        if folded and folded not in self._names:
            self._names[folded] = key
            self._max_len = max(self._max_len, len(folded))

    def add_graph(self, graph: Graph) -> None:
        """Add every typed, labelled entity of ``graph`` (names, synonyms, slug)."""
        ns = str(MEDKG._NS)
        for node in sorted(set(graph.subjects(RDFS.label, None))):
            if not str(node).startswith(str(ENT)):
                continue
            declared = frozenset(str(t)[len(ns):] for t in graph.objects(node, RDF.type) if str(t).startswith(ns))
            types = self.closure(declared)
            if "Entity" not in types:
                continue
            key = str(node)[len(str(ENT)):]
            label = str(graph.value(node, RDFS.label))
            xrefs = tuple(sorted(str(x) for x in graph.objects(node, MEDKG.xref)))
            self.entities[key] = Entity(key, label, types, xrefs, "graph", declared)
            for x in xrefs:
                self._by_xref.setdefault(x, key)
            names = [label, *sorted(str(a) for a in graph.objects(node, SKOS.altLabel)), key.replace("-", " ")]
            for name in names:
                self._add_name(name, key)
                content = [stem(t) for _, _, t in tokens(name) if t not in STOPWORDS]
                if len(content) >= 2 and "(" not in name:
                    self._fuzzy.append((Counter(content), len(content), key))

    def add_vocab(self, path: Path) -> None:
        """Add the terms of a vocabulary file: Hetionet nodes, or DOID or SYMP labels (TSV).

        A label table (``id``, ``label``) may have a third column ``xrefs``: the term's
        other identifiers (MeSH, UMLS, ICD-10-CM, SNOMED CT), space-separated. They are
        recorded with the term but do not identify it (several DOIDs share a MeSH heading):
        a term is the graph's entity, or an earlier vocabulary's term, when its own id or
        its name is theirs; a name an earlier vocabulary already gave a term adds its
        classes and ids to that term.
        """
        import gc

        paused = gc.isenabled()
        gc.disable()  # some 50,000 small objects: the collector would walk the whole heap again and again
        try:
            self._add_vocab_terms(_vocab_terms(path))
        finally:
            if paused:
                gc.enable()

    def _add_vocab_terms(self, terms: dict) -> None:
        closures: dict[frozenset[str], frozenset[str]] = {}

        def closure(declared: frozenset[str]) -> frozenset[str]:
            if declared not in closures:
                closures[declared] = self.closure(declared)
            return closures[declared]

        def merge(key: str, classes: frozenset[str], ids: frozenset[str], others: frozenset[str]) -> None:
            """Add classes and ids to a vocabulary term (the graph's entities are never changed)."""
            old = self.entities[key]
            if old.origin == "vocab":
                declared = old.declared | classes
                self.entities[key] = Entity(key, old.label, closure(declared),
                                            tuple(sorted(set(old.xrefs) | ids | others)), "vocab", declared)
                for i in sorted(ids):
                    self._by_xref.setdefault(i, key)

        for folded, (name, classes, ids, others) in terms.items():  # sorted by folded name
            if folded in self._names:  # the graph's entity wins; an earlier vocabulary's term grows
                merge(self._names[folded], classes, ids, others)
                continue
            held = sorted(self._by_xref[i] for i in ids if i in self._by_xref)
            if held:  # a term the graph (or an earlier vocabulary) already has under another name
                self._names[folded] = held[0]
                merge(held[0], classes, ids, others)
                continue
            label = name if name[1:] != name[1:].lower() else name.lower()  # "Type 2 diabetes", "HIV"
            key = slugify(label)
            if key in self.entities and self.entities[key].origin == "graph":
                self._names[folded] = key  # same slug: the graph's entity
                continue
            if key in self.entities:  # the same term from another vocabulary file
                merge(key, classes, ids, others)
            else:
                declared = frozenset(classes)
                self.entities[key] = Entity(key, label, closure(declared), tuple(sorted(ids | others)), "vocab",
                                            declared)
                for i in sorted(ids):
                    self._by_xref.setdefault(i, key)
            self._names[folded] = key
            self._max_len = max(self._max_len, len(folded))

    # -- matching ---------------------------------------------------------------------------

    def alias(self, name: str, entity: Entity, *, min_chars: int = _VOCAB_MIN_CHARS) -> bool:
        """Let ``name`` (a brand an article gives, "Celebrex (celecoxib)") find ``entity``
        too, unless the name is already someone else's; whether it was added."""
        folded = _key(name)
        if not folded or folded in self._names or len(name) < min_chars:
            return False
        self._names[folded] = entity.key
        self._max_len = max(self._max_len, len(folded))
        return True

    def lookup(self, phrase: str) -> Entity | None:
        """The entity named exactly ``phrase`` (folded), if any."""
        key = self._names.get(_key(phrase))
        return self.entities.get(key) if key else None

    def match(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Mentions of known entities in ``text[start:end]``, sorted by position.

        Exact names first (longest match wins); then reordered or inflected multi-word
        graph names over words no exact match used; then, inside each multi-word mention,
        the anatomy and molecules it names ("compressed … sciatic nerve").
        """
        toks = tokens(text, start, end)
        folded = [t for _, _, t in toks]
        used = [False] * len(toks)
        found: list[tuple[int, int, str]] = []  # token index range and key
        i = 0
        while i < len(toks):
            for n in range(min(self._max_len, len(toks) - i), 0, -1):
                key = self._names.get(tuple(folded[i:i + n]))
                if key and not self._modifier(folded, i, n, text, toks):
                    found.append((i, i + n, key))
                    for k in range(i, i + n):
                        used[k] = True
                    i += n
                    break
            else:
                i += 1
        for a, b, key in self._elided(folded, text, toks):
            found = [f for f in found if not (a <= f[0] and f[1] <= b)]
            found.append((a, b, key))
            for k in range(a, b):
                used[k] = True
        fuzzy = self._fuzzy_matches(toks, used, text)
        found = [f for f in found if not any(a <= f[0] and f[1] <= b for a, b, _ in fuzzy)] + fuzzy
        found = self._drop_heads(found, text, toks)
        mentions = [Mention(toks[a][0], toks[b - 1][1], self.entities[k]) for a, b, k in found]
        nested = []
        for a, b, k in found:
            inner = _NESTED.get(next((t for t in _NESTED if self.entities[k].is_a(t)), ""), ())
            x = a
            while x < b:
                for y in range(b, x, -1):
                    key = self._names.get(tuple(folded[x:y]))
                    if (y - x) < (b - a) and key and self.entities[key].is_a(*inner):
                        nested.append(Mention(toks[x][0], toks[y - 1][1], self.entities[key], nested=True))
                        x = y - 1
                        break
                x += 1
        return sorted(set(mentions + nested), key=lambda m: (m.start, -m.end, m.entity.key))

    def _elided(self, folded: list[str], text: str, toks) -> list[tuple[int, int, str]]:
        """Names shortened by coordination: "back and leg pain", "loss of bladder or bowel control"."""
        out = []
        for c, word in enumerate(folded):
            if word not in ("and", "or") or c == 0 or c + 1 >= len(folded):
                continue
            if re.search(r"[,;|]", text[toks[c - 1][1]:toks[c + 1][0]]):
                continue
            done = False
            for m in range(1, 4):
                for k in range(0, 4):
                    if c - 1 - k < 0 or c + 2 + m > len(folded):
                        continue
                    prefix, suffix = folded[c - 1 - k:c - 1], folded[c + 2:c + 2 + m]
                    left = self._names.get(tuple(prefix + [folded[c - 1]] + suffix))
                    right = self._names.get(tuple(prefix + [folded[c + 1]] + suffix))
                    if left and right and left != right:
                        out += [(c - 1 - k, c, left), (c + 1, c + 2 + m, right)]
                        done = True
                        break
                if done:
                    break
        return out

    def _drop_heads(self, found, text, toks):
        """"spinal stenosis pain" names the condition: a one-word symptom right after it is its head."""
        found = sorted(found)
        out = []
        for f in found:
            prev = out[-1] if out else None
            if (prev and f[1] - f[0] == 1 and prev[1] == f[0] and self.entities[f[2]].is_a("Symptom")
                    and self.entities[prev[2]].is_a("Disease") and not text[toks[prev[1] - 1][1]:toks[f[0]][0]].strip()):
                continue
            out.append(f)
        return out

    def _modifier(self, folded: list[str], i: int, n: int, text: str, toks) -> bool:
        """A condition name used as a modifier ("nerve pain signals") names no condition."""
        nxt = i + n
        if nxt < len(folded) and folded[nxt] in _MODIFIED_HEADS:
            gap = text[toks[nxt - 1][1]:toks[nxt][0]]
            return gap.strip() in ("", "-")
        return False

    def _fuzzy_matches(self, toks, used: list[bool], text: str) -> list[tuple[int, int, str]]:
        stems = [stem(t) for _, _, t in toks]
        out: list[tuple[int, int, str]] = []
        taken = list(used)
        if len(self._fuzzy_sorted) != len(self._fuzzy):  # sorted once, not for every sentence
            self._fuzzy_sorted = sorted(self._fuzzy, key=lambda f: (-f[1], f[2]))
        for need, n, key in self._fuzzy_sorted:
            for a in range(len(toks)):
                if taken[a] or stems[a] not in need:
                    continue
                have: Counter = Counter()
                extra = 0
                for b in range(a, min(len(toks), a + 2 * n + 3)):
                    if re.search(r"[.;:!?|]", text[toks[b - 1][1]:toks[b][0]] if b > a else ""):
                        break
                    if stems[b] not in need and toks[b][2] not in STOPWORDS:
                        extra += 1
                        if extra > 1:
                            break
                    if stems[b] in need:
                        have[stems[b]] += 1
                    if not need - have:
                        if not all(taken[a:b + 1]):
                            out.append((a, b + 1, key))
                            for k in range(a, b + 1):
                                taken[k] = True
                        break
        return out

    # -- grounding --------------------------------------------------------------------------

    def ground(self, phrase: str) -> Entity | None:
        """The known entity a picked-out phrase names, ignoring leading determiners."""
        phrase = clean_phrase(phrase)
        entity = self.lookup(phrase)
        if entity is None:
            words = phrase.split()
            while words and words[0].lower() in _LEADING_FILLERS:
                words.pop(0)
                entity = self.lookup(" ".join(words))
                if entity:
                    break
        return entity

    def new_entity(self, phrase: str, cls: str) -> Entity:
        """A drafted entity for a phrase nothing grounds (or the one drafted before)."""
        words = clean_phrase(phrase).split()
        while len(words) > 1 and words[0].lower() in _LEADING_FILLERS:
            words.pop(0)
        label = " ".join(w if (w.isupper() and len(w) > 1) else w.lower() for w in words)
        key = slugify(label)
        old = self.entities.get(key)
        if old is not None and old.origin == "new":
            merged = Entity(key, old.label, self.closure(old.declared | {cls}), (), "new", old.declared | {cls})
            self.entities[key] = merged
            return merged
        n = 2
        base = key
        while key in self.entities:
            key = f"{base}-{n}"
            n += 1
        entity = Entity(key, label, self.closure({cls}), (), "new", frozenset({cls}))
        self.entities[key] = entity
        self._add_name(label, key)
        return entity


def clean_phrase(phrase: str) -> str:
    """A phrase without parentheticals, surrounding punctuation and extra spaces."""
    phrase = re.sub(r"\s*\([^)]*\)|\s*\[[^\]]*\]", "", phrase)
    phrase = re.sub(r"\s+", " ", phrase)
    return phrase.strip(" \t\n,.;:!?\"'“”‘’*-–—")
