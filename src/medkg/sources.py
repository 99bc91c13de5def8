"""Source articles: their text, their hash, and anchoring quotes in them.

Quote matching policy (documented in the README, tested in ``tests/test_sources.py``):
a quote must be an exact span of its source, code point for code point. Nothing is
normalised — not curly quotes, dashes, non-breaking spaces, line breaks or case — because
a quote that was "cleaned up" is no longer the source's words. When an exact match fails
but a match exists after typographic normalisation, the error says so and shows the first
differing character, so the curator can fix the quote rather than guess.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from .errors import Finding
from .rdfio import MAX_INPUT_BYTES
from .vocab import MEDKG

#: Characters of context kept in a TextQuoteSelector's prefix and suffix.
CONTEXT_CHARS = 32

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2026": "...",
    }
)


@dataclass(frozen=True)
class Source:
    """A captured article: its IRI, file, text and recorded digest."""

    iri: URIRef
    path: Path
    text: str
    sha256: str


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in its source: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class QuoteNotFound(ValueError):
    """The quote does not occur (exactly once) in the text; the message says why."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_sources(graph: Graph, graph_dir: Path) -> tuple[dict[URIRef, Source], list[Finding]]:
    """Read every ``medkg:SourceArticle`` text and check it against its recorded hash."""
    sources: dict[URIRef, Source] = {}
    findings: list[Finding] = []
    for iri in sorted(graph.subjects(RDF.type, MEDKG.SourceArticle)):
        rel = graph.value(iri, MEDKG.sourceFile)
        digest = graph.value(iri, MEDKG.sha256)
        if rel is None or digest is None:
            continue  # SHACL reports the missing property
        path = graph_dir / str(rel)
        where = str(path)
        try:
            if path.exists() and not path.is_file():
                raise OSError(0, "not a regular file")
            with open(path, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
            if len(data) > MAX_INPUT_BYTES:
                raise OSError(0, f"larger than {MAX_INPUT_BYTES:,} bytes")
        except FileNotFoundError:
            findings.append(Finding(where, str(iri), "source file is missing"))
            continue
        except OSError as e:
            findings.append(Finding(where, str(iri), f"cannot read source file: {e.strerror}"))
            continue
        actual = sha256_of(data)
        if actual != str(digest):
            findings.append(
                Finding(where, str(iri), f"source file changed since curation: sha256 is {actual}, "
                        f"recorded {digest}")
            )
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            findings.append(Finding(where, str(iri), "source file is not valid UTF-8"))
            continue
        sources[iri] = Source(iri, path, text, actual)
    return sources, findings


def normalise_typography(text: str) -> str:
    """Fold the typographic variants that the matching policy does *not* forgive.

    Used only to explain a failed match; never to accept one.
    """
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def anchor(text: str, exact: str, *, prefix: str = "", suffix: str = "") -> Anchor:
    """Locate ``exact`` in ``text``, disambiguated by the optional ``prefix``/``suffix``.

    Returns the unique :class:`Anchor`; raises :class:`QuoteNotFound` when the quote is
    empty, absent or ambiguous.

    Examples
    --------
    >>> a = anchor("It may help. It may not.", "may", suffix=" not")
    >>> a.start, a.end
    (16, 19)
    >>> anchor("It may help.", "may hurt")
    Traceback (most recent call last):
    ...
    medkg.sources.QuoteNotFound: quote not found in the source text
    """
    if not exact:
        raise QuoteNotFound("quote is empty")
    needle = prefix + exact + suffix
    first = text.find(needle)
    if first < 0:
        raise QuoteNotFound(_explain_absence(text, exact, prefix, suffix))
    second = text.find(needle, first + 1)
    if second >= 0:
        count = text.count(needle)
        raise QuoteNotFound(
            f"quote occurs {count} times in the source text; add medkg:quotePrefix or "
            "medkg:quoteSuffix to choose one"
        )
    start = first + len(prefix)
    end = start + len(exact)
    return Anchor(
        start=start,
        end=end,
        exact=exact,
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def _explain_absence(text: str, exact: str, prefix: str, suffix: str) -> str:
    if (prefix or suffix) and exact in text:
        return "quote found, but not with the given medkg:quotePrefix/medkg:quoteSuffix"
    loose_text, loose_quote = normalise_typography(text), normalise_typography(exact)
    if loose_quote and loose_quote in loose_text:
        return "quote not found verbatim; it differs from the source only in typography " + _first_difference(
            text, exact
        )
    if exact.casefold() in text.casefold():
        return "quote not found verbatim; it differs from the source only in letter case"
    return "quote not found in the source text"


def _first_difference(text: str, exact: str) -> str:
    """Describe the first character where the quote departs from its longest partial match."""
    best_at, best_len = -1, -1
    start = text.find(exact[0])
    while start >= 0:
        n = 0
        while n < len(exact) and start + n < len(text) and text[start + n] == exact[n]:
            n += 1
        if n > best_len:
            best_at, best_len = start, n
        start = text.find(exact[0], start + 1)
    if best_at < 0:
        return "(quotes, dashes, spaces or line breaks)"
    got = exact[best_len] if best_len < len(exact) else ""
    want = text[best_at + best_len] if best_at + best_len < len(text) else ""
    return f"(at quote character {best_len}: source has {want!r}, quote has {got!r})"
