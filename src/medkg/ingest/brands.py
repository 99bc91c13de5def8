"""Brand names an article gives for a drug, so that "Celebrex blocks …" is about *celecoxib*.

Drug pages and news reports name a drug by its brand far more often than by its generic
name, and no shipped vocabulary lists brands. Articles do say which is which, in a few
fixed ways: "Celebrex (celecoxib)", "duloxetine (Cymbalta)", "Neurontin, Gralise, Horizant
(gabapentin)", "sold under the brand name Cymbalta", "also known as …". Each such pairing,
where one side is a drug the lexicon knows and the other a capitalised name it does not
know, becomes an alias of that drug for this article only (the lexicon is per article).
"""

from __future__ import annotations

import re

from .lexicon import Entity, Lexicon

_NAME = r"[A-Z][A-Za-z0-9-]{2,}(?:\s+(?:CR|XR|ER|SR|XL|DR|IR|[A-Z]{2,3}))?"
#: "Brand (generic)" or "Brand, Brand and Brand (generic)".
_BRANDS_THEN_GENERIC = re.compile(rf"(?P<brands>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*)\s*\((?P<inner>[^()]{{3,60}})\)")
#: "generic (Brand)" or "generic (Brand, Brand)".
_GENERIC_THEN_BRANDS = re.compile(rf"\b(?P<generic>[a-z][a-z-]{{3,}})\s*\((?P<brands>{_NAME}(?:\s*(?:,|or|and)\s*{_NAME})*)\)")
#: "sold under the brand name(s) A and B", "brand names include A, B".
_SOLD_AS = re.compile(
    rf"(?:brand\s+names?|trade\s+names?|marketed\s+as|sold\s+as|also\s+known\s+as)\s+(?:include\s+|are\s+|is\s+)?"
    rf"(?P<brands>{_NAME}(?:\s*(?:,|and|or)\s*{_NAME})*)")


def _names(group: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*(?:,|\band\b|\bor\b)\s*", group) if n.strip()]


def add_brand_aliases(text: str, title: str, lexicon: Lexicon) -> dict[str, Entity]:
    """Alias every brand the article (or its title) pairs with a known drug; returns them.

    >>> from rdflib import Graph
    >>> lex = Lexicon(Graph())
    >>> lex.entities["celecoxib"] = Entity("celecoxib", "celecoxib", frozenset({"Drug", "Entity"}))
    >>> lex._names[("celecoxib",)] = "celecoxib"
    >>> sorted(add_brand_aliases("Celebrex (celecoxib) is an NSAID.", "", lex))
    ['Celebrex']
    >>> lex.lookup("celebrex").label
    'celecoxib'
    """
    added: dict[str, Entity] = {}

    def pair(brands: list[str], generic: str) -> None:
        drug = lexicon.lookup(generic)
        if drug is None or not drug.is_a("Drug", "DrugClass"):
            return
        for b in brands:
            if lexicon.lookup(b) is None and lexicon.alias(b, drug):
                added[b] = drug

    for source in (title, text):
        for m in _BRANDS_THEN_GENERIC.finditer(source):
            pair(_names(m.group("brands")), m.group("inner"))
            # "duloxetine (Cymbalta)" written with a capital: the brand is inside
            inner = _names(m.group("inner"))
            if all(re.fullmatch(_NAME, n) for n in inner):
                last = m.group("brands").split(",")[-1].strip()
                pair(inner, last)
        for m in _GENERIC_THEN_BRANDS.finditer(source):
            pair(_names(m.group("brands")), m.group("generic"))
        for m in _SOLD_AS.finditer(source):
            before = source[max(0, m.start() - 200):m.start()]
            drugs = [d for d in re.findall(r"[A-Za-z][a-z-]{3,}", before) if (e := lexicon.lookup(d)) and e.is_a("Drug")]
            if drugs:
                pair(_names(m.group("brands")), drugs[-1])
    return added
