"""Citations in an article: author-year, PMID, DOI, reference lines and described studies.

Each citation becomes a ``medkg:Publication`` node of the draft carrying only what the
article gives — the citing words verbatim (``medkg:citedAs``), a year, authors, a PMID or
DOI or URL when printed — so the build flags those without an identifier. Definite
references back ("The review noted that …") are not new publications: they resolve to
the latest citation of the same kind (see :func:`refers_back`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import slugify

_NAME = r"[A-Z][\w’'-]+"
_AUTHOR_YEAR = re.compile(
    rf"\(?(?P<authors>{_NAME}(?: et al\.?| (?:and|&) {_NAME}))[,]?\s*\(?(?P<year>(?:19|20)\d\d)[a-z]?\)?"
    rf"|\((?P<authors2>{_NAME}),?\s+(?P<year2>(?:19|20)\d\d)\)"
)
_PMID = re.compile(r"\bPMID:?\s*(?P<pmid>[1-9]\d{0,8})\b|pubmed\.ncbi\.nlm\.nih\.gov/(?P<pmid2>[1-9]\d{0,8})")
_DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/[^\s,;()]+[^\s,;().])", re.I)
_URL = re.compile(r"https?://[^\s)\]<>\"{}|\\^`]+[^\s)\]<>\"{}|\\^`.,;]")
_REFERENCE = re.compile(
    r"^(?P<authors>[A-Z][^\n()]{1,300}?)\s\((?P<year>(?:19|20)\d\d)[a-z]?\)\.\s+(?P<title>[^\n]+?[.?!])\s(?P<rest>[^\n]*)$",
    re.M,
)
_STUDY_NOUN = r"(?:study|trial|review|meta-analysis|analysis|survey)"
_STUDY_NOUNS = r"(?:studies|trials|reviews|meta-analyses|analyses|surveys)"
#: What researchers do in a trial: a described study needs no reporting verb when it has one of these.
_TRIAL_VERBS = (r"(?:randomi[sz]ed|assigned|enrolled|recruited|followed|compared|tested|involved|reveals?|revealed|"
                r"included|gave|treated)")
_REPORTS = (r"(?:found|find|finds|showed|shows|show|reported|reports|concluded|concludes|noted|notes|"
            r"suggests?|suggested|demonstrated|demonstrates|observed)")
# One described study is a citation when a reporting verb follows in its sentence; several
# ("Some trials") only when they are the verb's direct subject, not a vague "studies, including …".
_DESCRIBED = re.compile(
    rf"\b(?P<np>(?:(?:[Aa]n?|[Oo]ne)\s+(?:(?P<year>(?:19|20)\d\d)\s+)?(?:[\w-]+\s+){{0,3}}?{_STUDY_NOUN}\b"
    rf"(?:\s+(?:cited|published|reported)\s+in\s+(?:an?\s+{_STUDY_NOUN}|(?:the\s+)?(?:The\s+)?[A-Z][\w&-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w&-]*){{0,5}}))?"
    rf"(?=[^.]*?\b(?:{_REPORTS}|{_TRIAL_VERBS})\b|\s+(?:cited|published))"
    rf"|(?:[Ss]ome|[Ss]everal|[Tt]wo|[Tt]hree)\s+(?:(?P<year2>(?:19|20)\d\d)\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"{_STUDY_NOUNS}(?=\s+(?:also\s+)?{_REPORTS}\b)))"
)
_BACK = re.compile(rf"^(?:The|This|That|These)\s+(?:[\w-]+\s+)?(?P<noun>{_STUDY_NOUN}|studies|trials|reviews|authors)\b")
_ATTRIBUTION = re.compile(r"[”\"]\s*[–—-]\s*$")


@dataclass(frozen=True)
class Citation:
    """A publication as the article cites it; ``start``/``end`` locate ``cited_as``."""

    key: str
    cited_as: str
    start: int
    end: int
    kind: str = "Publication"
    label: str = ""
    year: str | None = None
    authors: str | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None

    @property
    def has_identifier(self) -> bool:
        return bool(self.pmid or self.doi or self.url)


def _kind(words: str) -> str:
    w = words.lower()
    if "cochrane" in w or "systematic review" in w or "meta-analys" in w:
        return "SystematicReview"
    if "trial" in w:
        return "ClinicalTrial"
    if "review" in w:
        return "Review"
    if "stud" in w or "survey" in w:
        return "ClinicalStudy"
    return "JournalArticle"


def find_citations(text: str, *, headings: list[tuple[int, int]] = ()) -> list[Citation]:
    """Every citation in ``text``, in order of position (overlapping forms merged).

    ``headings`` are the spans of heading lines; a heading right after a quotation that
    ends in a dash ("… side effects.” –") is taken as the quotation's attributed source.

    Examples
    --------
    >>> [(c.key, c.year, c.pmid) for c in find_citations("Pain fell (Smith et al., 2021; PMID 12345678).")]
    [('smith-et-al-2021', '2021', '12345678')]
    >>> [c.cited_as for c in find_citations("A 2015 Cochrane review found no evidence.")]
    ['A 2015 Cochrane review']
    """
    found: list[Citation] = []
    for m in _REFERENCE.finditer(text):
        rest = m.group("rest")
        pm, dm, um = _PMID.search(rest), _DOI.search(rest), _URL.search(rest)
        authors, year = m.group("authors").strip().rstrip(","), m.group("year")
        surnames = re.findall(r"([A-Z][\w’'-]+),\s(?:[A-Z]\.[- ]?)+", authors) or [re.match(r"[\w’'-]+", authors).group()]
        first = surnames[0]
        shown = " & ".join(surnames) if len(surnames) <= 2 else f"{first} et al."
        found.append(Citation(
            key=slugify(f"{first} {year}"), cited_as=m.group().rstrip(), start=m.start(), end=m.start() + len(m.group().rstrip()),
            kind="JournalArticle", label=f"{shown} ({year})",
            year=year, authors=authors,
            pmid=(pm.group("pmid") or pm.group("pmid2")) if pm else None,
            doi=dm.group("doi") if dm else None, url=um.group() if um else None,
        ))
    for m in _AUTHOR_YEAR.finditer(text):
        if _inside(m.start(), found):
            continue
        authors = m.group("authors") or m.group("authors2")
        year = m.group("year") or m.group("year2")
        words_start = m.start("authors") if m.group("authors") else m.start("authors2")
        words_end = m.end("year") if m.group("year") else m.end("year2")
        cited = text[words_start:words_end]
        near = text[words_end:words_end + 80].split("\n", 1)[0]
        pm, dm = _PMID.match(near.lstrip("; ,")) or _PMID.search(near[:30]), _DOI.search(near[:60])
        end = words_end
        label_authors = authors if authors.endswith(".") or "et al" not in authors else authors + "."
        described = re.search(rf"\b({_STUDY_NOUN}|{_STUDY_NOUNS})\s+(?:\w+\s+){{0,3}}$", text[max(0, m.start() - 40):m.start()])
        found.append(Citation(
            key=slugify(f"{authors} {year}"), cited_as=cited, start=words_start, end=end,
            kind=_kind(described.group(1)) if described else "JournalArticle",
            label=f"{label_authors} ({year})", year=year, authors=label_authors,
            pmid=(pm.group("pmid") or pm.group("pmid2")) if pm else None, doi=dm.group("doi") if dm else None,
        ))
    for m in _PMID.finditer(text):
        if _inside(m.start(), found) or _near(m.start(), found):
            continue
        pmid = m.group("pmid") or m.group("pmid2")
        found.append(Citation(key=f"pmid-{pmid}", cited_as=m.group(), start=m.start(), end=m.end(),
                              label=f"PMID {pmid}", pmid=pmid))
    for m in _DOI.finditer(text):
        if _inside(m.start(), found) or _near(m.start(), found):
            continue
        doi = m.group("doi")
        found.append(Citation(key=slugify(f"doi {doi}"), cited_as=m.group(), start=m.start(), end=m.end(),
                              label=f"doi:{doi}", doi=doi))
    for m in _DESCRIBED.finditer(text):
        if _inside(m.start("np"), found):
            continue
        words = m.group("np")
        found.append(Citation(
            key=slugify(words)[:60].strip("-"), cited_as=words, start=m.start("np"), end=m.end("np"),
            kind=_kind(words), label=words[0].upper() + words[1:], year=m.group("year") or m.group("year2"),
        ))
    for hs, he in headings:
        before = text[:hs].rstrip("\n ")
        if _ATTRIBUTION.search(before[-3:] if len(before) >= 3 else before) and not _inside(hs, found):
            words = text[hs:he]
            found.append(Citation(key=slugify(words)[:60], cited_as=words, start=hs, end=he, kind=_kind(words),
                                  label=words))
    found = _merge_identifiers(text, found)
    unique: dict[str, Citation] = {}
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        key, n = c.key, 2
        while key in unique and unique[key].cited_as != c.cited_as:
            key, n = f"{c.key}-{n}", n + 1
        if key not in unique:
            unique[key] = Citation(**{**c.__dict__, "key": key})
    return sorted(unique.values(), key=lambda c: c.start)


def _merge_identifiers(text: str, found: list[Citation]) -> list[Citation]:
    """A bare PMID or DOI later in the sentence of a citation without one is that citation's."""
    found = sorted(found, key=lambda c: c.start)
    out: list[Citation] = []
    for c in found:
        bare = c.kind == "Publication" and c.has_identifier
        prev = out[-1] if out else None
        if bare and prev is not None and not prev.has_identifier and not re.search(r"[.!?]\s+[A-Z]|\n", text[prev.end:c.start]):
            out[-1] = Citation(**{**prev.__dict__, "pmid": c.pmid, "doi": c.doi})
            continue
        out.append(c)
    return out


def _inside(pos: int, found: list[Citation]) -> bool:
    return any(c.start <= pos < c.end for c in found)


def _near(pos: int, found: list[Citation], distance: int = 40) -> bool:
    """An identifier printed right after a citation belongs to it."""
    return any(0 <= pos - c.end <= distance for c in found if c.pmid or c.doi or c.kind == "JournalArticle")


def refers_back(sentence: str) -> str | None:
    """The kind of publication a sentence refers back to ("The review noted …"), if any.

    Examples
    --------
    >>> refers_back("The review noted that it helps."), refers_back("Reviews vary.")
    ('Review', None)
    """
    m = _BACK.match(sentence)
    if not m:
        return None
    noun = m.group("noun").lower()
    return "Publication" if noun == "authors" else _kind(noun)
