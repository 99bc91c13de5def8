"""How sure a draft claim is: an ordering aid for the curator, recorded as ``medkg:draftConfidence``.

Not a calibrated probability. It starts from how precise the cue is — a labelled list
("Serious side effects:") or "is used to treat" says exactly what it means, a fallback
that takes the article's topic or a pronoun's referent can be wrong — and is lowered when
the claim rests on drafted (ungrounded) entities, on hedged wording or on a negation, so
that sorting a draft by confidence puts the claims most worth checking last.
"""

from __future__ import annotations

from .lexicon import Entity

#: Base confidence of a cue (the rule name a claim records as ``medkg:draftCue``).
_BASE = {
    "side-effects": 0.85, "effects-list": 0.8, "labelled-effects": 0.8, "table-effects": 0.8, "common-effects": 0.75,
    "indication": 0.8, "usedFor": 0.75, "treats": 0.7, "primary": 0.8, "off-label": 0.8, "first-line": 0.8,
    "second-line": 0.75, "class": 0.85, "class-called": 0.85, "is-a-class": 0.8, "type-called": 0.8, "type-of": 0.7,
    "approved-as": 0.8, "contraindicated": 0.8, "caution": 0.7, "interacts": 0.75, "withdrawal": 0.75,
    "dosing": 0.75, "dose": 0.7, "dose-amount": 0.75, "symptoms-include": 0.8, "symptoms-list": 0.7,
    "warning-list": 0.7, "study": 0.75, "sample-size": 0.8, "reported": 0.6, "outcome": 0.6, "no-better-than": 0.8,
    "compared-with": 0.7, "example": 0.75, "caused-by": 0.65, "causes": 0.6, "causes-symptom": 0.6,
    "anatomy": 0.55, "affects-anatomy": 0.65, "involved": 0.6, "population": 0.6, "population-likely": 0.65,
    "lasts": 0.65, "field": 0.6, "mechanism": 0.65, "works-by": 0.7, "increases": 0.7, "alternative": 0.6,
    "alternative-treatment": 0.6, "aggravates": 0.55, "continuation": 0.6, "recommended-list": 0.65,
    "key-approach": 0.6, "plan-includes": 0.6, "guidelines": 0.6, "not-recommended": 0.75, "monitoring": 0.7,
    "warning": 0.65, "drug-causes": 0.6, "improves": 0.6, "prevents": 0.65,
}
_DEFAULT = 0.6


def confidence(rule: str, subject: object, obj: object, *, certainty: str = "Asserted", negated: bool = False,
               base: float | None = None) -> float:
    """The confidence of a claim drafted by ``rule``, in [0.05, 0.95], rounded to 0.05.

    >>> new = Entity("x", "x", frozenset({"Symptom"}), origin="new")
    >>> known = Entity("y", "y", frozenset({"Drug"}), origin="graph")
    >>> confidence("side-effects", known, known), confidence("side-effects", known, new)
    (0.85, 0.75)
    >>> confidence("anatomy", known, new, certainty="Possible")
    0.35
    """
    value = base if base is not None else _BASE.get(rule.split("-topic")[0], _DEFAULT)
    for x in (subject, obj):
        if isinstance(x, Entity) and x.origin == "new":
            value -= 0.1
    if rule.endswith("-topic"):
        value -= 0.1  # the article's topic stood in for an unnamed subject or object
    if certainty in ("Possible", "Limited", "Doubted"):
        value -= 0.1
    if negated:
        value -= 0.05
    return round(min(0.95, max(0.05, value)) * 20) / 20
