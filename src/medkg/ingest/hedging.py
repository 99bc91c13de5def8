"""How firmly a clause states something: certainty, hedge words, negation, efficacy.

The levels follow the curation rules (graph/README.md, rule 4): ``Doubted`` ("no robust
evidence", "mixed"), ``Limited`` ("for some people", "a minority"), ``Possible`` ("may",
"can", "suggest"), ``Typical`` ("usually", "often"), else ``Asserted``. When cues of
several levels occur, the weakest level wins, in that order: "some people may feel" is
*Limited*, not merely *Possible*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Doubted", re.compile(
        r"\b(?:no (?:[\w-]+,? ){0,3}evidence|(?:is|are|remains?) mixed|mixed (?:evidence|results|views)|"
        r"(?:is|remains) unclear|(?:more|further|larger) (?:[\w-]+,? ){0,3}(?:research|studies|trials) "
        r"(?:is|are) needed|not (?:been )?proven|conflicting evidence)\b", re.I)),
    ("Limited", re.compile(
        r"\b(?:(?:for |in )?(?:only )?a (?:small )?(?:minority|subset|few)(?: of \w+)?|not everyone|"
        r"some (?:people|patients|individuals|adults|users|cases)|a subset of \w+|"
        r"(?:effectiveness|efficacy|response|results?) (?:varies|vary)|varies from person to person)\b", re.I)),
    ("Possible", re.compile(
        r"\b(?:may|might|can|could|possibly|potentially|perhaps|is thought to|are thought to|"
        r"suggests?|suggested|likely|sometimes)\b", re.I)),
    ("Typical", re.compile(
        r"\b(?:typically|usually|often|frequently|generally|commonly|mainly|mostly|normally|most)\b", re.I)),
)
_NEGATION = re.compile(r"\b(?:not|no longer|never|neither|nor)\b|n[’']t\b", re.I)
_EFFICACY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EfficacyNoRobustEvidence", re.compile(r"\bno (?:[\w-]+,? ){0,3}evidence\b", re.I)),
    ("EfficacyLimited", re.compile(r"\b(?:only )?(?:a )?(?:minority|subset)\b|\bnot everyone\b", re.I)),
    ("EfficacyModerateToHigh", re.compile(r"\bmoderate to high\b", re.I)),
    ("EfficacyVariable", re.compile(r"\b(?:variable|varies|vary)\b", re.I)),
    ("EfficacyHigh", re.compile(r"\bhigh\b", re.I)),
    ("EfficacyModerate", re.compile(r"\bmoderate\b", re.I)),
)


@dataclass(frozen=True)
class Firmness:
    """Certainty level (a ``medkg:`` concept's local name) and the hedge words, verbatim."""

    certainty: str
    hedges: tuple[str, ...] = ()


def firmness(text: str) -> Firmness:
    """The certainty of ``text`` and the hedge words that set it.

    Examples
    --------
    >>> firmness("Some people may feel tingling")
    Firmness(certainty='Limited', hedges=('Some people',))
    >>> firmness("Amitriptyline is often used when other treatments fail")
    Firmness(certainty='Typical', hedges=('often',))
    >>> firmness("The evidence is mixed").certainty
    'Doubted'
    """
    for level, pattern in _LEVELS:
        hits = [m.group() for m in pattern.finditer(text)]
        if hits:
            return Firmness(level, tuple(dict.fromkeys(hits)))
    return Firmness("Asserted")


def is_negated(text: str) -> bool:
    """Whether ``text`` (the words leading up to a relation cue) negates it.

    Examples
    --------
    >>> is_negated("it’s not usually the"), is_negated("it is usually the")
    (True, False)
    """
    return _NEGATION.search(text) is not None


def efficacy(text: str) -> str | None:
    """The efficacy level a rating phrase gives ("Moderate to High", "only a minority").

    Examples
    --------
    >>> efficacy("Moderate to High"), efficacy("High for neuropathic pain"), efficacy("soon")
    ('EfficacyModerateToHigh', 'EfficacyHigh', None)
    """
    for level, pattern in _EFFICACY:
        if pattern.search(text):
            return level
    return None
