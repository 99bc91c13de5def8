"""Noun phrases of a list after (or before) a cue, for the general sentence frames.

A frame's object is "every noun phrase the list names": split on commas and coordinations,
trimmed of determiners, qualifiers and definitions, and kept only when it reads like a name
(no verb, no pronoun, at most six words). The rules are the ones real pages needed: a
definition inside a list ("drowsiness, which is feeling sleepy, dry mouth") is skipped, a
category before its examples ("complications, such as A, B") is not an item, adjectives
before one head are one name ("swollen, red, hot and stiff joints"), a shared head stays whole
("weight gain or loss").
"""

from __future__ import annotations

import re

from .context import _GENERIC_HEADS, _SHARED, _VAGUE, split_list
from .lexicon import clean_phrase

#: The head of a name that can only be a condition ("esophageal stricture", "kidney failure", "CRPS"'s
#: "complex regional pain syndrome"): a name no table knows is drafted as a condition only with one.
CONDITION_HEAD = re.compile(r"(?:itis|osis|emia|pathy|algia|oma|disease|disorder|syndrome|stricture|infection|failure|cancer|"
                            r"injury|reflux|ulcer|attack|deficiency|insufficiency|hypertension|diabetes|esophagus|damage|"
                            r"neuralgia|arthritis|pain|fever|sclerosis)s?$", re.I)

#: Where a noun-phrase list ends: a clause, a condition or a purpose begins.
_LIST_END = re.compile(
    r"[;:\[\]]|\.(?:\s|$)|\s[–—-]\s|(?<!,)\s+(?:which|who|that)\b|(?<!\bwhich)(?<!\bwho)(?<!\bthat)\s+(?:have|has|had|is|are|was|"
    r"were|can|may|might|will|should|could|would|must)\s+(?=\w)|,?\s+(?:when|while|if|because|but|so|although|though|whereas|unless|"
    r"until|since|after|before|(?:in|among|for)\s+(?=(?:patients|people|adults|children|those|individuals|women|men)\b)|"
    r"by\s+(?=\d|one|two|half|about|a\s+third|more|up|nearly|around)|as\s+well\s+as\s+(?=\w+ing)|leading|causing|making|resulting|helping|"
    r"especially|particularly|in\s+(?:some|rare|many|most)\s+"
    r"(?:cases|people|patients)|among|compared|than|according|during|by\s+(?:blocking|increasing)|to\s+(?:help|reduce)|"
    r"according)\b", re.I)

_LEAD_WORDS = re.compile(
    r"^(?:(?:and|or|also|as\s+well\s+as|the|a|an|your|their|his|her|its|some|other|certain|any|more|less|very|such|symptoms?\s+of|signs?\s+of|"
    r"(?:an?\s+)?(?:increased|higher|greater|small|slight)\s+risk\s+of|(?:the\s+)?setting\s+of|(?:a\s+)?history\s+of|"
    r"things?\s+like|conditions?\s+(?:like|such\s+as)|types?\s+of|forms?\s+of|including|include|like|e\.g\.,?|even|"
    r"sometimes|possibly|potentially|severe\s+cases\s+of|feelings?\s+of|episodes?\s+of|(?:the\s+)?relief\s+of|"
    r"(?:the\s+)?signs\s+and\s+symptoms\s+of|(?:a\s+)?(?:number|variety|range|host|couple|wide\s+range)\s+of|such\s+as|(?:also\s+)?(?:called|known\s+as|named)|treating|relieving|reducing|managing|easing|controlling|combating|fighting|"
    r"preventing)\s+)+", re.I)

_TAIL_WORDS = re.compile(r"\s+(?:in\s+(?:some|rare|a\s+few|many)\b.*|as\s+well|too|also|and\s+others?|or\s+others?|"
                         r"etc\.?|and\s+so\s+on|at\s+times|sometimes|in\s+some\s+people)$", re.I)

_VERBS = frozenset(
    "is are was were be been being can may might will would should could has have had does do did take takes taking took "
    "cause causes caused include includes included help helps make makes get gets tell talk call stop start used use uses "
    "seek keep avoid know occur occurs occurred reported found showed shows work works need needs it they you we he she "
    "this these those there here which who what when where why how not".split())

GENERIC_WORDS = frozenset(
    "symptoms symptom side effects effect problems problem issues issue things thing conditions condition others other "
    "patients people persons users participants drug drugs medicine medicines medication medications "
    "treatment treatments something anything everything some all many most few none one two three body adverse "
    "benefit benefits relief improvement improvements results result prophylaxis prevention management use "
    "therapy provider providers doctor doctors physician pharmacist nurse team enzyme substance chemical protein "
    "year years day days week weeks month months time risk risks onset caution care".split())

_ADVERBS = frozenset("probably possibly likely usually often also always never really just only generally typically "
                     "sometimes frequently commonly rarely".split())

_VAGUE_EFFECT = _VAGUE | {"withdrawal", "adverse", "side", "unwanted", "unpleasant", "bad", "unusual"}

#: The head of a phrase naming people ("non-Hispanic white women", "older adults").
POPULATION_HEAD = re.compile(r"\b(?:people|persons|adults|children|kids|teens|teenagers|adolescents|infants|babies|women|men|"
                              r"girls|boys|elderly|seniors|individuals|whites|blacks|Asians|Americans|Hispanics|veterans|"
                              r"smokers|athletes|workers|mothers|females|males)$", re.I)

def noun_phrases(text: str, start: int, end: int, *, before: bool = False, lexicon=None) -> list[tuple[int, int]]:
    """Spans of the noun phrases a list names in ``text[start:end]`` (after a cue, or before it
    with ``before``), each trimmed of leading determiners and trailing qualifiers; items that
    do not read like a name (a verb, a pronoun, more than six words) are dropped.

    >>> t = "Common side effects include drowsiness, which is feeling sleepy, dry mouth, and weight gain in some people."
    >>> [t[a:b] for a, b in noun_phrases(t, 28, len(t))]
    ['drowsiness', 'dry mouth', 'weight gain']
    >>> t = "Nausea, vomiting, and constipation can occur"
    >>> [t[a:b] for a, b in noun_phrases(t, 0, 34, before=True)]
    ['Nausea', 'vomiting', 'constipation']
    """
    if before:
        # the list is the sentence's subject: it starts after the last clause break before the cue
        breaks = [m.end() for m in re.finditer(r"[;:]\s*|,\s+(?:but|so|while)\s+|\.\s+|^(?:[A-Z]\w*ly|However|Also|"
                                               r"Additionally|In\s+addition|Other\s+than\s+that|In\s+rare\s+cases),\s+",
                                               text[:end])]
        start = max([start] + [b for b in breaks if b <= end])
    else:
        stop = _LIST_END.search(text, start, end)
        end = stop.start() if stop else end
    out = []
    items = split_list(text, start, end)
    if len(items) > 2 and len(text[items[-1][0]:items[-1][1]].split()) > 1 and all(
            len(text[x:y].split()) == 1 and (lexicon is None or lexicon.ground(text[x:y]) is None) for x, y in items[:-1]):
        # "swollen, red, hot and stiff joints": one head, many words before it
        whole = (items[0][0], items[-1][1])
        return [whole] if is_name(text[whole[0]:whole[1]]) else []
    for n, (a, b) in enumerate(items):
        piece = text[a:b]
        if n + 1 < len(items) and re.match(r"(?:such\s+as|including|like|e\.g\.)\s", text[items[n + 1][0]:items[n + 1][1]]):
            continue  # "serious complications, such as A, B": the category is not one of them
        if re.match(r"(?:which|who|that)\b", piece, re.I):
            if re.match(r"\w+\s+(?:is|are)\s+(?:an?\s+|the\s+)?\w+(?:\s+\w+){0,5}$", piece):
                continue  # "drowsiness, which is feeling sleepy, dry mouth": a definition inside the list
            break  # "fibromyalgia, which has symptoms of …": the list has ended
        lead = _LEAD_WORDS.match(piece)
        if lead:
            a += lead.end()
        tail = _TAIL_WORDS.search(text[a:b])
        if tail:
            b = a + tail.start()
        while b > a and text[b - 1] in " .,!?\"'”":
            b -= 1
        while a < b and text[a] in " \"'“":
            a += 1
        for x, y in _coordinated(text, a, b, lexicon):
            if is_name(unbracketed(text[x:y])):
                out.append((x, y))
        inner = re.search(r"\((?:e\.g\.,?|such\s+as|including|like)\s+([^()]+)\)\s*$", text[a:b])
        if inner:  # "thrombotic events (e.g., MI, stroke)": the examples are named too
            out += noun_phrases(text, a + inner.start(1), a + inner.end(1), lexicon=lexicon)
    return out

def _coordinated(text: str, a: int, b: int, lexicon) -> list[tuple[int, int]]:
    """One item, or its parts when it coordinates two names ("tiredness and dizziness",
    "recent heart attacks or severe liver disease"); not when the last part is one word after a
    longer one ("weight gain or loss", "swelling of the hands and feet": a shared head or
    complement), nor when the whole is a known name or shares a head ("bright or flashing lights").
    """
    piece = text[a:b]
    m = re.search(r"\s+(?:and|or|and/or)\s+", piece)
    if not m or (lexicon is not None and lexicon.ground(piece) is not None) or _SHARED.match(clean_phrase(piece)):
        return [(a, b)]
    left, right = piece[:m.start()], piece[m.end():]
    if len(right.split()) > 1 and re.search(r"(?:ed|ous|ful|ive|al|ic|ary)$", left.split()[-1], re.I) and \
            (lexicon is None or lexicon.ground(left) is None):
        return [(a, b)]  # "intense pulsing or throbbing pain": two ways of saying what the one head is
    if len(right.split()) == 1 and len(left.split()) > 1 and not (
            lexicon is not None and lexicon.ground(right) is not None and lexicon.ground(left) is not None):
        return [(a, b)]
    if len(left.split()) == 1 and len(right.split()) > 1 and (lexicon is None or lexicon.ground(left) is None) \
            and not re.search(r"(?:ness|ion|ity|ment|ache|ia|sis|ism|ure|ing)$", left.strip(), re.I) \
            and not POPULATION_HEAD.search(left.strip()):
        return [(a, b)]  # "compressed or irritated sciatic nerve": two words for one head
    return [(a, a + m.start())] + _coordinated(text, a + m.end(), b, lexicon)

_PREPOSITIONS = frozenset("after before in on at of during within from over into with without by for to about following while when "
                          "if because unless until although though whereas "
                          "than as per via".split())

def unbracketed(phrase: str) -> str:
    """A trailing abbreviation or gloss is not part of a name: "gastrointestinal bleeding (GI bleeding)"."""
    return re.sub(r"\s*\([^()]*\)$", "", phrase)

def is_name(phrase: str) -> bool:
    words = re.findall(r"[\w'’-]+", phrase)
    if not words or len(words) > 6 or not any(c.isalpha() for c in phrase):
        return False
    low = [w.lower() for w in words]
    if any(w in _VERBS for w in low) or all(w in GENERIC_WORDS for w in low):
        return False
    if low[0].endswith("ly") and low[0] not in ("family", "early", "belly", "jelly", "daily", "elderly"):
        return False  # "gradually", "rarely": a manner, not a name
    if low[-1] in _GENERIC_HEADS and all(w in _VAGUE_EFFECT for w in low[:-1]) or re.search(r"\b(?:1[89]|20)\d\d\b", phrase):
        return False  # "some common side effects", "serious problems": no name
    if low[0] in _PREPOSITIONS:
        return False  # "after a head injury": a circumstance, not a name
    if any(w in _ADVERBS for w in low) or (len(low) > 1 and low[0] == "a" and low[1] in GENERIC_WORDS):
        return False  # "learning about depression probably", "a year or two": not a name
    if low[0] in ("dose", "doses", "dosage", "dosages") or low[-1] in ("including", "such", "like", "include"):
        return False  # "doses of 300 milligrams" is how much, "symptoms including" is a lead-in
    return not phrase[0].isdigit() and low[0] not in ("same", "different", "benefit", "relief", "full", "several", "various",
                                                      "numerous", "multiple") and not low[-1] in ("of", "and", "or", "with", "the", "a", "to", "in")
