"""Drug names no vocabulary knows, recognised by their nonproprietary-name stems.

A page about a drug newer than the shipped tables (or a class word like "gabapentinoids")
would otherwise be invisible: its sentences then lend their claims to whatever else is
named, the class or the condition. Generic drug names are built from the stems the USAN
and INN councils assign ("-triptan", "-gepant", "-coxib", "-oxetine", "-prazole", "-mab"),
so a word that ends in one of them, and that the lexicon does not know, is taken as a new
drug (a plural, "gabapentinoids", as a drug class); so is a capitalised name the page
defines as one ("Zavorin is a prescription medicine used to treat …"). This only adds names to the lexicon
of one article; it never renames a known entity.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon

#: Stems of generic drug names (suffixes; a selection of the most productive ones).
_STEMS = (
    "triptan", "ditan", "gepant", "coxib", "profen", "fenac", "oxicam", "oxetine", "afaxine", "ipramine", "triptyline",
    "azepam", "azolam", "zolam", "barbital", "prazole", "tidine", "statin", "sartan", "pril", "olol", "dipine",
    "semide", "thiazide", "gliptin", "gliflozin", "glutide", "formin", "mab", "cept", "tinib", "ciclib", "parib",
    "cycline", "mycin", "floxacin", "cillin", "conazole", "vir", "caine", "dronate", "lukast", "terol",
    "sone", "olone", "nidine", "setron", "pramine", "peridol", "apine", "idone", "piprazole", "tadine", "astine",
    "codone", "morphone", "orphine", "adol", "fentanil", "gabalin", "pentin", "trigine", "racetam", "amate",
    "clopidogrel", "grel", "parin", "xaban", "gatran", "navir", "buvir", "tegravir", "vudine", "lisib",
)
_WORD = re.compile(r"\b[A-Za-z][a-z]{4,}(?:oid)?s?\b")
_STEM = re.compile(r"(?:" + "|".join(sorted(_STEMS, key=len, reverse=True)) + r")(?P<cls>oids?)?(?P<pl>s)?$")
#: Common words that happen to end like a drug stem.
_NOT_DRUGS = frozenset(
    "april people person reason season poison prison nations nation because unlike include includes whose demand "
    "concept except accept intercept receptor receptors avoid devoid asteroid android steroid steroids "
    "thyroid adenoid adenoids hemorrhoid hemorrhoids mucus virus environ survivor survivors behavior saver "
    "reservoir boulevard".split()
)


#: "Zavorin is a prescription medicine …", "Zavorin (…) is used to treat …": a name the page defines as a drug.
_DEFINED = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[A-Z][a-z]{3,}(?:[- ][A-Z][a-z]+)?)(?:\s*\([^)]{1,60}\))?\s+(?:is|are)\s+(?:also\s+)?"
    r"(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:medicine|medication|drug|treatment|pill|injection)s?\b"
    r"|(?:used|approved|prescribed|indicated)\s+(?:to\s+treat|for)\b)", re.M)
_NOT_NAMES = frozenset("this that these those there it its they their which what here each every such some many most "
                       "other both".split())


def add_unknown_drugs(text: str, lexicon: Lexicon) -> list[str]:
    """Add each unknown word shaped like a generic drug name; return the names added.

    >>> from rdflib import Graph
    >>> lex = Lexicon(Graph())
    >>> add_unknown_drugs("Rimegepant and other gepants; gabapentinoids help; the poison is not.", lex)
    ['Rimegepant', 'gepants', 'gabapentinoids']
    >>> sorted(lex.lookup("gabapentinoid").declared), sorted(lex.lookup("rimegepant").declared)
    (['DrugClass'], ['Drug'])

    """
    added: list[str] = []
    seen: set[str] = set()
    for m in _WORD.finditer(text):
        word = m.group()
        low = word.lower()
        if low in seen or low in _NOT_DRUGS or len(low) < 6:
            continue
        seen.add(low)
        stem = _STEM.search(low)
        if stem is None or lexicon.lookup(word) is not None:
            continue
        if word[0].isupper() and m.start() > 0 and not re.search(r"(?:^|[.!?:]\s+|\n\s*)$", text[max(0, m.start() - 3):m.start()]):
            continue  # a capitalised word inside a sentence: a brand or a name, paired by brands.py if at all
        plural = bool(stem.group("pl") or stem.group("cls"))
        label = low if not word.isupper() else word
        entity = lexicon.new_entity(label, "DrugClass" if plural else "Drug")
        lexicon.alias(word, entity)
        added.append(word)
    return added


def add_defined_drugs(text: str, lexicon: Lexicon) -> list[str]:
    """Add each unknown capitalised name the page defines as a drug (run after brand names
    are paired, so that "Celebrex (celecoxib) is a …" stays *celecoxib*).

    >>> from rdflib import Graph
    >>> add_defined_drugs("Zavorin is a prescription medicine. This is used to treat pain.", Lexicon(Graph()))
    ['Zavorin']
    """
    added: list[str] = []
    for m in _DEFINED.finditer(text):
        name = m.group("name")
        if name.lower() not in _NOT_NAMES and lexicon.lookup(name) is None:
            lexicon.alias(name, lexicon.new_entity(name.lower(), "Drug"))
            added.append(name)
    return added
