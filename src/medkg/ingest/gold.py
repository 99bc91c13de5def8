"""Gold facts of real articles (``medkg eval-ingest --gold DIR``): reading them and matching labels.

A gold folder holds one ``<slug>.json`` per page (``benchmarks/ingest-dev/FORMAT.md``) and,
where the licence allows, its text. :func:`load_gold` reads and checks every page, refusing
a malformed one with a one-line :class:`~medkg.errors.InputError` naming the file.
:func:`labels_match` is the whole judging rule for entity names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MedkgError
from ..rdfio import read_utf8

#: Keys every page must have, and every fact.
PAGE_KEYS = ("slug", "title", "url", "kind", "licence", "text", "topic", "facts")
FACT_KEYS = ("subject", "relation", "object", "evidence")
#: Largest gold JSON file read.
MAX_GOLD_BYTES = 4 << 20

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DETERMINERS = frozenset("the a an your this these that those its their".split())


@dataclass(frozen=True)
class Fact:
    """One hand-annotated fact: subject and object as the page words them."""

    subject: str
    relation: str
    object: str
    evidence: str


@dataclass(frozen=True)
class Page:
    """One annotated page and the text to ingest (the committed text, or its evidence)."""

    path: Path
    slug: str
    title: str
    kind: str
    facts: tuple[Fact, ...]
    text: str
    evidence_only: bool


def _tokens(label: str) -> tuple[str, ...]:
    """The normalised tokens of a label (see :func:`labels_match`)."""
    words = re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", label).casefold()).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return tuple(_stem(w) for w in words)


def _stem(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "neuropathies" ~ "neuropathy", "injuries" ~ "injury"
    if word.endswith("s") and not word.endswith(("ss", "us")):
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def labels_match(a: str, b: str) -> bool:
    """Whether two names of an entity match: equal, or one contained in the other, once normalised.

    Normalising: NFKC, casefold, every run of hyphens, punctuation or other non-word
    characters becomes one space; leading determiners (the, a, an, your, this, these, that,
    those, its, their) are dropped; each token longer than 3 characters loses a plural
    ending: "ies" becomes "y", else a trailing "s" (not of "ss" or "us") goes, then a trailing
    "e", so that "doses" ~ "dose", "classes" ~ "class", "viruses" ~ "virus", "SNRIs" ~ "SNRI" and
    "neuropathies" ~ "neuropathy". Two names match
    when their token sequences are equal, or the shorter's occurs contiguously in the
    longer's; except that a one-token name under 4 characters ("mg", "day", "ra") matches
    only an equal name. A name with no token matches nothing.

    >>> labels_match("dry mouth", "a dry mouth")
    True
    >>> labels_match("pregabalin", "Pregabalin (Lyrica)")
    True
    >>> labels_match("SNRIs", "serotonin-norepinephrine reuptake inhibitors (SNRI)")
    True
    >>> labels_match("doses", "the dose")
    True
    >>> labels_match("acquired peripheral neuropathies", "acquired peripheral neuropathy")
    True
    >>> labels_match("mouth pain", "dry mouth")
    False
    >>> labels_match("ra", "rheumatoid arthritis (ra)")
    False
    >>> labels_match("pain", "back pain")
    True
    >>> labels_match("the", "the")
    False
    """
    x, y = _tokens(a), _tokens(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if len(short) == len(long) or (len(short) == 1 and len(short[0]) < 4):
        return False
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def gold_files(paths: list[Path]) -> list[Path]:
    """The page files named: each path is a gold folder (its ``*.json``) or one ``.json`` file."""
    out: dict[Path, Path] = {}  # a file named twice (a folder and one of its pages) is read once
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.json"))
            if not found:
                raise InputError(path, "no gold page (*.json) in this folder")
        elif path.suffix == ".json" and path.is_file():
            found = [path]
        else:
            raise InputError(path, "not a gold folder or a .json gold page" if path.exists() else "no such file or folder")
        for f in found:
            out.setdefault(f.resolve(), f)
    return list(out.values())


def load_page(path: Path, relations: set[str]) -> Page:
    """Read and check one gold page; anything malformed is a one-line :class:`InputError`."""
    _, raw = read_utf8(path, limit=MAX_GOLD_BYTES)
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise InputError(path, f"not valid JSON ({e})") from None
    if not isinstance(data, dict):
        raise InputError(path, "not a gold page: a JSON object is expected")
    missing = [k for k in PAGE_KEYS if k not in data]
    if missing:
        raise InputError(path, f"missing key{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    for key in ("slug", "title", "kind"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise InputError(path, f"{key!r} must be a non-empty string")
    if not _SLUG.fullmatch(data["slug"]):
        raise InputError(path, f"invalid slug {data['slug']!r}: use lower-case letters, digits and hyphens")
    if not isinstance(data["facts"], list) or not data["facts"]:
        raise InputError(path, "'facts' must be a non-empty list")
    facts = []
    for n, f in enumerate(data["facts"], 1):
        if not isinstance(f, dict):
            raise InputError(path, f"fact {n}: a JSON object is expected")
        missing = [k for k in FACT_KEYS if k not in f]
        if missing:
            raise InputError(path, f"fact {n}: missing key{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
        bad = [k for k in FACT_KEYS if not isinstance(f[k], str) or not f[k].strip()]
        if bad:
            raise InputError(path, f"fact {n}: {bad[0]!r} must be a non-empty string")
        if f["relation"] not in relations:
            raise InputError(path, f"fact {n}: unknown relation {f['relation']!r} (not a relation of the ontology)")
        facts.append(Fact(f["subject"], f["relation"], f["object"], f["evidence"]))
    name = data["text"]
    if name is None:
        # the licence forbids committing the text: ingest the evidence, each sentence once
        text = "\n\n".join(dict.fromkeys(f.evidence for f in facts)) + "\n"
    else:
        if not isinstance(name, str) or Path(name).name != name or not name.endswith(".txt"):
            raise InputError(path, f"'text' must be null or a .txt file name in the same folder, got {name!r}")
        try:
            text = read_utf8(path.parent / name)[1]
        except InputError as e:
            raise InputError(path, f"text {name}: {e.reason}") from None
        for n, f in enumerate(facts, 1):
            if f.evidence not in text:
                raise InputError(path, f"fact {n}: evidence not verbatim in {name}: {f.evidence[:60]!r}")
    return Page(path, data["slug"], data["title"], data["kind"], tuple(facts), text, name is None)


def load_gold(paths: list[Path], relations: set[str]) -> list[Page]:
    """Every page of the gold folders or files named, checked, in file order; two pages with the same slug are refused."""
    pages: dict[str, Page] = {}
    for path in gold_files(paths):
        page = load_page(path, relations)
        if page.slug in pages:
            raise InputError(path, f"slug {page.slug!r} is also the slug of {pages[page.slug].path}")
        pages[page.slug] = page
    if not pages:
        raise MedkgError("no gold page to evaluate")
    return list(pages.values())
