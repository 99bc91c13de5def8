"""Whole noun phrases: "muscle aches", not "aches"; "jaw pain", not "jaw".

The lexicon finds the names it knows, and health writing puts modifiers before them that
make a different thing: "muscle aches", "dental pain", "slurred speech", "stomach
bleeding". A claim whose object is the bare head ("aches") is wrong for a curator, so a
condition mention is widened leftwards over the words that modify it inside the same
noun phrase — stopping at punctuation, determiners, verbs and function words, intensity
words ("severe", "mild": they qualify, they do not name) and other mentions (except
anatomy, which names where the condition is: "jaw" + "pain"). The widened phrase is
grounded if the lexicon knows it, else drafted as a new entity of the head's kind.
"""

from __future__ import annotations

import re

from .lexicon import STOPWORDS, Entity, Lexicon, Mention

#: Words that never start or join a condition's name from the left.
_STOP = STOPWORDS | frozenset(
    "not no any some other more less most many much few several all both each every such very also only even just "
    "severe mild moderate serious common rare uncommon possible certain significant new usual unusual increased "
    "decreased higher lower reduced worse better early late sudden acute "
    "can may might will would should could must do does did have has had cause causes caused causing include "
    "includes including treat treats treated treating relieve relieves reduce reduces prevent prevents help helps "
    "experience experiences experienced feel feels felt suffer suffers suffering manage manages ease eases control "
    "controls develop develops notice get gets report reported lessen alleviate alleviates target targets cure cures "
    "worsen worsens trigger triggers avoid lower lowers raise raises block blocks stop stops relieving reducing "
    "treating managing preventing easing having getting feeling experiencing causing developing producing "
    "called known named termed "
    "like than if when while after before during about because which who whom whose what where how "
    "you we they he she it i me us them people patients patient adults children women men".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*$")
#: A condition name that is only a head word is worth widening.
_HEADS = ("Condition",)
#: Verbs that stand right before what they act on ("improve sleep quality", "diagnose stenosis").
_VERBS = frozenset(
    "improve enhance diagnose confirm make regain boost strengthen restore increase decrease promote reduce relieve "
    "fewer potentially cure heal address tackle limit minimise minimize".split())


def widen(text: str, mentions: list[Mention], lexicon: Lexicon, start: int = 0, end: int | None = None, *,
          max_words: int = 2) -> list[Mention]:
    """Mentions with each condition's name widened over its noun-phrase modifiers.

    >>> from rdflib import Graph
    >>> lex = Lexicon(Graph())
    >>> ache = Entity("ache", "ache", frozenset({"Symptom", "Condition", "Entity"}), declared=frozenset({"Symptom"}))
    >>> lex.entities["ache"] = ache
    >>> t = "relieves headaches, muscle aches, and severe aches"
    >>> [(t[m.start:m.end], m.entity.label) for m in widen(t, [Mention(27, 32, ache), Mention(45, 50, ache)], lex)]
    [('muscle aches', 'muscle aches'), ('aches', 'ache')]
    >>> [(m.entity.label, sorted(m.entity.declared)) for m in widen("Antiepileptic drugs help.", [], lex)]
    [('antiepileptic drugs', ['DrugClass'])]
    """
    mentions = _class_nouns(text, mentions, lexicon, start, len(text) if end is None else end)
    out: list[Mention] = []
    starts = {m.end: m for m in mentions if not m.nested}
    for m in mentions:
        if m.nested or not m.entity.is_a(*_HEADS) or m.entity.is_a("AnatomicalStructure"):
            out.append(m)
            continue
        at0, words = m.start, 0
        while words < max_words:
            gap = re.search(r"([A-Za-z][A-Za-z'’-]*)([ -])$", text[max(start, at0 - 40):at0])
            if not gap:
                break
            word = gap.group(1)
            at = at0 - len(gap.group())
            other = starts.get(at + len(word))
            if other is not None and other is not m and not other.entity.is_a("AnatomicalStructure"):
                break
            low = word.lower()
            if low in _STOP or low.endswith("ly") or word[0].isupper() or len(word) < 3:
                break
            if low in _VERBS:
                break
            if low.endswith(("ing", "ed")) and (words or not m.entity.is_a("Symptom", "AdverseEffect")):
                break  # "decreasing abnormal excitement": a verb, unless it describes a symptom ("stabbing pain")
            if re.search(r"[^su]s$", low) and not low.endswith(("ous", "ss", "is")):
                break  # "the body senses pain": modifiers of a name are singular ("muscle aches")
            at0, words = at, words + 1
        if at0 == m.start:
            out.append(m)
            continue
        phrase = text[at0:m.end]
        entity = lexicon.ground(phrase) or lexicon.new_entity(phrase, _kind(m.entity))
        out.append(Mention(at0, m.end, entity))
    # anatomy swallowed by a widened name is nested in it now
    wide = [(x.start, x.end) for x in out if x not in mentions]
    return sorted({x if not any(a <= x.start and x.end <= b and (a, b) != (x.start, x.end) for a, b in wide)
                   else Mention(x.start, x.end, x.entity, nested=True) for x in out},
                  key=lambda x: (x.start, -x.end, x.entity.key))


def _kind(head: Entity) -> str:
    for kind in ("AdverseEffect", "Symptom", "Disease", "Outcome"):
        if head.is_a(kind):
            return kind
    return "Condition"


_CLASS_NOUN = re.compile(r"[ -](?:drugs?|medications?|medicines?|agents?)\b", re.I)
_CLASS_ADJ = re.compile(r"\b(?P<adj>(?:anti-?[a-z]+|[a-z]+(?:ant|ics?)))\s+(?:drugs|medications|medicines|agents)\b", re.I)


def _class_nouns(text: str, mentions: list[Mention], lexicon: Lexicon, start: int, end: int) -> list[Mention]:
    """"Anticonvulsant drugs" is the class *anticonvulsants*; "antiepileptic drugs" a class
    even when no vocabulary lists it (the adjective of a drug class before "drugs")."""
    out = []
    for m in mentions:
        tail = _CLASS_NOUN.match(text, m.end)
        if tail and not m.nested and m.entity.is_a("DrugClass"):
            out.append(Mention(m.start, tail.end(), m.entity))
        else:
            out.append(m)
    taken = [(m.start, m.end) for m in out]
    for c in _CLASS_ADJ.finditer(text, start, end):
        if any(a < c.end() and c.start() < b for a, b in taken):
            continue
        phrase = c.group()
        entity = lexicon.ground(phrase) or lexicon.ground(c.group("adj") + "s")
        if entity is None and c.group("adj").lower().startswith("anti"):
            entity = lexicon.new_entity(phrase, "DrugClass")  # "antiepileptic drugs"; not "important drugs"
        if entity is None:
            continue
        if entity.is_a("DrugClass", "Drug"):
            out.append(Mention(c.start(), c.end(), entity))
    return out
