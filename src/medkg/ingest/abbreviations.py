"""Abbreviations a page defines, so that "GERD can cause …" is about the disease it spelled out.

Health pages name a condition in full once, with its abbreviation in brackets, and then use
the abbreviation: "Gastroesophageal reflux disease (GERD) is …", "complex regional pain
syndrome (CRPS)". The long form is found by the algorithm of Schwartz & Hearst (2003, "A
simple algorithm for identifying abbreviation definitions in biomedical text"): the shortest
run of words before the bracket whose letters contain the abbreviation's, in order, with the
first letter starting a word. The abbreviation then becomes, for this article only, an alias
of the entity the long form names, or of a drafted condition when the long form is a
condition's name no table knows ("gastroesophageal reflux").
"""

from __future__ import annotations

import re

from .lexicon import Entity, Lexicon
from .nounphrases import CONDITION_HEAD

_DEFINED = re.compile(r"(?P<before>[^.;:()\n]{1,120}?)\s+\((?P<short>[A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,4}s?)\)")


def long_form(short: str, before: str) -> str | None:
    """The words of ``before`` that ``short`` abbreviates (Schwartz & Hearst), or None.

    >>> long_form("GERD", "Gastroesophageal reflux disease")
    'Gastroesophageal reflux disease'
    >>> long_form("CRPS", "pain from complex regional pain syndrome")
    'complex regional pain syndrome'
    >>> long_form("ACE", "inhibits the angiotensin-converting enzyme") is None
    False
    >>> long_form("FDA", "approved by the agency") is None
    True
    """
    letters = [c.lower() for c in short.rstrip("s") if c.isalnum()] if len(short) > 2 else [c.lower() for c in short]
    words = before.split()
    for n in range(1, min(len(words), len(letters) + 5) + 1):
        candidate = " ".join(words[-n:])
        if _matches(letters, candidate.lower()):
            return candidate
    return None


def _matches(letters: list[str], text: str) -> bool:
    # right to left: each letter of the short form in order; the first one must start a word
    i = len(text) - 1
    for k in range(len(letters) - 1, -1, -1):
        c = letters[k]
        while i >= 0 and (text[i] != c or (k == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return text[0] == letters[0]


def add_abbreviations(text: str, lexicon: Lexicon) -> dict[str, Entity]:
    """Alias every abbreviation the text defines for a condition or drug; returns them."""
    added: dict[str, Entity] = {}
    for m in _DEFINED.finditer(text):
        short = m.group("short")
        if short in added or lexicon.lookup(short) is not None:
            continue
        full = long_form(short, m.group("before"))
        if full is None or len(full.split()) > 6:
            continue
        entity = lexicon.ground(full)
        if entity is None and CONDITION_HEAD.search(full):
            entity = lexicon.new_entity(full, "Condition")
        if entity is not None and entity.is_a("Condition", "Drug", "DrugClass") and lexicon.alias(short, entity, min_chars=2):
            added[short] = entity
    return added


_CONDITION_WORDS = r"(?:condition|disease|disorder|infection|syndrome|rash|pain|inflammation|illness|injury|problem)"


def add_title_condition(text: str, title: str, lexicon: Lexicon) -> Entity | None:
    """The condition a page's title names when no table knows it ("Shingles", "Plantar
    fasciitis"): drafted, so that the page's sentences about it are read, but only when the
    text treats it as a condition ("Shingles is a painful rash", "symptoms of shingles")."""
    name = re.sub(r"\s*\([^)]*\)", "", title).strip(" .:")
    words = name.split()
    if not 1 <= len(words) <= 4 or not all(re.fullmatch(r"[A-Za-z'’-]+", w) for w in words):
        return None
    if any(m.entity.is_a("Condition", "Drug", "DrugClass", "Therapy") for m in lexicon.match(name)):
        return None
    said = re.escape(name)
    if not re.search(rf"\b{said}\s+(?:is|are)\s+(?:an?\s+)?(?:[\w-]+\s+){{0,4}}?{_CONDITION_WORDS}|\b(?:symptoms|causes|"
                     rf"signs|treatment|diagnosis|risk\s+factors)\s+(?:of|for)\s+{said}\b|\bpeople\s+with\s+{said}\b",
                     text, re.I):
        return None
    return lexicon.new_entity(name, "Condition")
