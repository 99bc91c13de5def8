"""Reading context for the relation patterns: one segment with its mentions, clauses and
the entities a pronoun can refer to.

A :class:`View` is one segment (sentence, list item, table row) seen with positions
relative to its own text. It answers the questions every relation pattern asks: which
entities are named after a cue, in the same clause; who is the subject (the first entity
of the main clause, or what "it"/"they" refer to); what does a comma-separated list after
a cue name, grounding each item in the lexicon or drafting a new entity for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .citations import Citation
from .hedging import Firmness, firmness
from .lexicon import STOPWORDS, Entity, Lexicon, Mention, clean_phrase, stem, tokens
from .segment import Segment

#: Entity classes by the role they can play.
TREATMENT = ("Drug", "DrugClass", "Therapy")
DRUG = ("Drug", "DrugClass")
CONDITION = ("Condition",)

_CLAUSE_BREAK = re.compile(
    r";|\s[–—]\s|,\s+(?:but|while|though|although|whereas|which|so|because|leading to|causing|making|helping|"
    r"resulting in|especially|particularly|not just)\b|\s+but\s+|\s+because\b|\.\s",
)
_LEADERS = re.compile(
    r"(?:(?:[A-Z][\w’'/-]*(?:\s+[\w’'/-]+){0,5}:\s+)"  # a list item's label: "Physical Therapy: "
    r"|(?:(?:[A-Z]\w*ly|Yes|No|But|However|Sometimes|Often|Also|Rather|Furthermore|Additionally|Overall|Finally|Therefore|Thus|Still|Instead|"
    r"Otherwise|Indeed|Now|Then|Later|First|Second|Third|Fortunately|Unfortunately|Meanwhile|Moreover),\s+)"
    r"|(?:(?:Unlike|While|When|Whereas|Although|Though|If|Because|Since|As|After|Before|Despite|For|By|In|With|"
    r"Without|Like|Once|Until|Even|To|Over|including|such\s+as|especially|particularly|unlike|while|when)\b"
    r"[^,]{0,120},\s+))"
)
_VERBISH = (r"(?:is|was|are|were|can|may|might|will|would|could|should|also|helps?|makes?|puts?|means|leads?|includes?"
            r"|shows?|works?|has|have|need|needs|compresses|affects?|changes?)\b")
_PRONOUN = re.compile(
    rf"^(?:It|Its|It’s|It's|They|Their|Both|(?:This|These)\s+(?={_VERBISH})"
    r"|(?:The|This|These)\s+(?:medications?|medicines?|drugs?|treatments?|options?|therapies))\b"
)
_PLURAL_PRONOUN = re.compile(rf"^(?:They|Both|These\s+(?={_VERBISH})|These\s+(?:medications|medicines|drugs|treatments|options|therapies))\b")
#: "This program helps …": a definite noun phrase whose noun ends a mention's words just before.
DEFINITE = re.compile(r"^(?:This|These|The|That)\s+(?P<noun>[a-z]+)\b")
_CONDITION_ANAPHOR = re.compile(r"^(?:(?:This|The)\s+(?:condition|disease|disorder)\b"
                                r"|It(?:’s|'s|\s+is)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:condition|disease|disorder|illness|syndrome)\b)")
_SUBJECT_DETERMINERS = frozenset("the a an this that these those most many some other both all certain such each your "
                                 "their its our my chronic severe".split())
_EXAMPLE_BEFORE = re.compile(r"(?:\blike|\bsuch as|\be\.g\.,?|\bincluding|\bfor example,?|\bfor instance,?)\s*\(?\s*$")
_NOT_NP = frozenset(
    "is are was were be been can may might will would should could has have had does do did helps help "
    "include includes it they you we this that these those which who when if".split()
)


@dataclass(frozen=True)
class Found:
    """One drafted claim: the triple, where it is said, and how firmly.

    ``subject`` is an :class:`Entity` or a :class:`Citation` (for publication claims);
    ``object`` an :class:`Entity` or a string (a literal in the article's words).
    """

    subject: Entity | Citation
    predicate: str
    object: Entity | Citation | str
    quote: tuple[int, int]
    firmness: Firmness
    negated: bool = False
    efficacy: str | None = None
    population: Entity | None = None
    supported_by: tuple[str, ...] = ()
    disputed_by: tuple[str, ...] = ()
    rule: str = ""
    #: How sure the cue is (0–1): set by precise cues, else derived from the rule and grounding.
    confidence: float | None = None


@dataclass
class Focus:
    """What pronouns can refer to: the latest main-clause subjects (newest first, with the
    segment that named them), the treatments of the previous segment ("They …"), and the
    latest condition named anywhere ("This condition …")."""

    recent: list[tuple[Entity, int]] = field(default_factory=list)
    plural: list[Entity] = field(default_factory=list)
    condition: tuple[Entity, int] | None = None

    def push(self, entity: Entity, at: int) -> None:
        self.recent = [(entity, at), *[(e, i) for e, i in self.recent if e != entity]][:6]


class View:
    """One segment, with mentions and offsets relative to its text.

    Parameters
    ----------
    seg : Segment
        The segment.
    mentions : list[Mention]
        Mentions inside it (absolute offsets; converted).
    quote : tuple[int, int]
        The absolute span a claim from this segment quotes (the segment, or its list's
        lead-in through the item).
    context : str
        Text that governs the segment: the lead-in of its list or its table's header.
    """

    def __init__(self, seg: Segment, mentions: list[Mention], quote: tuple[int, int], context: str = ""):
        self.seg = seg
        self.text = seg.text
        self.base = seg.start
        self.mentions = [Mention(m.start - self.base, m.end - self.base, m.entity, m.nested) for m in mentions]
        self.quote = quote
        self.context = context
        self.main = self._main_start()
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.text)]

    # -- structure ---------------------------------------------------------------------------

    def _main_start(self) -> int:
        pos = 0
        while True:
            m = _LEADERS.match(self.text, pos)
            if not m or m.end() == pos:
                return pos
            pos = m.end()

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: between the nearest clause breaks."""
        start = max([b for b in self.breaks if b < pos], default=0)
        end = min([b for b in self.breaks if b >= pos], default=len(self.text))
        return start, end

    def clause_end(self, pos: int) -> int:
        return self.clause(pos)[1]

    @property
    def pronoun(self) -> str | None:
        m = _PRONOUN.match(self.text[self.main:])
        return m.group() if m else None

    @property
    def plural_pronoun(self) -> bool:
        return bool(_PLURAL_PRONOUN.match(self.text[self.main:]))

    @property
    def condition_anaphor(self) -> bool:
        return bool(_CONDITION_ANAPHOR.match(self.text[self.main:]))

    @property
    def label_end(self) -> int:
        """End of a list item's label ("Physical Therapy: …"), else 0."""
        m = re.match(r"[A-Z][\w’'/-]*(?:\s+[\w’'/-]+){0,5}:\s+", self.text)
        return m.end() if m and self.seg.kind == "item" else 0

    # -- mentions ----------------------------------------------------------------------------

    def of(self, types: tuple[str, ...], start: int = 0, end: int | None = None, *, nested: bool = False) -> list[Mention]:
        end = len(self.text) if end is None else end
        return [m for m in self.mentions if m.entity.is_a(*types) and start <= m.start and m.end <= end
                and (nested or not m.nested)]

    def after(self, pos: int, types: tuple[str, ...], *, nested: bool = False) -> list[Mention]:
        """Mentions of ``types`` from ``pos`` to the end of its clause."""
        return self.of(types, pos, self.clause_end(pos), nested=nested)

    def is_example(self, m: Mention) -> bool:
        """Whether ``m`` is an example of something before it ("NSAIDs like ibuprofen")."""
        return bool(_EXAMPLE_BEFORE.search(self.text[:m.start]))

    def main_subject(self, types: tuple[str, ...], before: int | None = None) -> list[Mention]:
        """The first mention(s) of ``types`` in the main clause before ``before``, with any
        coordinated with it ("NSAIDs and analgesics are …")."""
        before = len(self.text) if before is None else before
        clause_start = self.clause(before)[0] if before < len(self.text) else self.main
        start = clause_start if clause_start > self.main and self.of(types, clause_start, before) else self.main
        cands = self.of(types, start, before)
        heads = self.of(("Entity",), start, before)
        chosen = None
        for m in cands:
            head = next((h for h in heads if h.end <= m.start and h.entity.is_a(*types)), None)
            if self.is_example(m) and head is not None:
                continue  # "conservative treatments like NSAIDs": the head is the subject
            chosen = m
            break
        if chosen is None:
            return []
        group = [chosen]
        for m in cands:
            if m.start >= group[-1].end and re.fullmatch(r"[\s,]*(?:(?:and|or|as well as)\s+)?",
                                                          self.text[group[-1].end:m.start]):
                group.append(m)
        return group

    def first_subject_mention(self) -> Mention | None:
        """The entity in subject position: named within the main clause's first words."""
        for m in self.mentions:
            if m.nested or m.start < self.main:
                continue
            words = self.text[self.main:m.start].lower().split()
            if all(w.strip("“\"(") in _SUBJECT_DETERMINERS for w in words):
                return m
            return None
        return None

    # -- hedging -----------------------------------------------------------------------------

    def firmness_at(self, pos: int) -> Firmness:
        """Certainty of the clause around ``pos`` (with the governing lead-in for list items)."""
        start, end = self.clause(pos)
        text = self.text[start:end]
        if self.seg.kind == "item" and self.context:
            text = self.context + " " + text
        return firmness(text)


def governed(v: View, m: Mention) -> bool:
    """A condition the sentence treats ("for X", "with X", "of X"), not one it mentions in passing."""
    return bool(re.search(r"\b(?:for|with|of|help\s+with|treat(?:ing)?)\s+(?:\w+\s+){0,2}$", v.text[:m.start]))


def split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items of a list written as prose ("A, B, and C", "A or B").

    Examples
    --------
    >>> t = "include drowsiness, dry mouth (often), and weight gain or loss."
    >>> [t[a:b] for a, b in split_list(t, 8, len(t))]
    ['drowsiness', 'dry mouth (often)', 'weight gain or loss']
    """
    items, depth, cur = [], 0, start
    i = start
    while i < end:
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and c in ",;":
            items.append((cur, i))
            cur = i + 1
        i += 1
    items.append((cur, end))
    out = []
    for a, b in items:
        piece = text[a:b]
        lead = re.match(r"\s*(?:and|or)?\s*", piece)
        a += lead.end()
        while b > a and text[b - 1] in " .:!?":
            b -= 1
        if a < b:
            out.append((a, b))
    return out


_QUALIFIER = re.compile(r",?\s+(?:especially|particularly|mainly|mostly)\s+(?:on|in|at|around|when|if)\b")
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+(?:\w+\s+)?(?:symptom|sign|type|form|cause|kind)\s+of\b")


def list_entities(view: View, lexicon: Lexicon, start: int, end: int, types: tuple[str, ...], new_class: str | None,
                  *, allow_generic: bool = False, item: bool = False) -> list[Entity]:
    """The entities a list names in ``view.text[start:end]``.

    Each item is taken as a whole when it names one known entity ("weight gain or loss"),
    else split on "and"/"or"; an item that names nothing known becomes a new entity of
    ``new_class`` when it reads like a noun phrase (``new_class=None``: skipped).
    """
    out: list[Entity] = []
    cut = _APPOSITIVE.search(view.text, start, end) or _QUALIFIER.search(view.text, start, end)
    end = cut.start() if cut else end
    if item and new_class:
        whole = _shared_head(view, lexicon, start, end)
        if whole:
            entity = lexicon.ground(whole)
            return [entity if entity is not None and entity.is_a(*types) else lexicon.new_entity(whole, new_class)]
    for a, b in split_list(view.text, start, end):
        # "MAO inhibitors such as linezolid": the class and its example are both listed
        for x, y in _split_examples(view.text, a, b):
            out += _item_entities(view, lexicon, x, y, types, new_class, allow_generic)
    seen, unique = set(), []
    for e in out:
        if e.key not in seen:
            seen.add(e.key)
            unique.append(e)
    return unique


def _shared_head(view: View, lexicon: Lexicon, start: int, end: int) -> str | None:
    """A bullet item whose coordinated words all modify one head ("fast, pounding, or irregular
    heartbeat", "jaw, neck, and back muscle spasms"): the item is one name, not a list.

    Only when every word before the head names nothing but a body part, so that "nausea,
    drowsiness or dry mouth" stays three effects.
    """
    text = clean_phrase(view.text[start:end])
    parts = [p for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", text) if p]
    if len(parts) < 2 or len(text.split()) > 8 or len(parts[-1].split()) < 2:
        return None
    for p in parts[:-1]:
        if len(p.split()) != 1:
            return None
        known = lexicon.ground(p)
        if known is not None and not known.is_a("AnatomicalStructure"):
            return None
    return text


def _split_examples(text: str, a: int, b: int) -> list[tuple[int, int]]:
    m = re.search(r"\s+(?:such\s+as|including|like|e\.g\.,?)\s+", text[a:b])
    if not m:
        return [(a, b)]
    return [(a, a + m.start()), (a + m.end(), b)]


def _item_entities(view, lexicon, a, b, types, new_class, allow_generic) -> list[Entity]:
    piece = view.text[a:b].split("[")[0]  # a cross-reference "[see Warnings (5.1)]" ends the name
    piece = re.split(r",\s+(?:a|an|the)\s+\w+\s+of\b", piece)[0]  # an appositive: ", a symptom of …"
    # a qualifier is not part of the name: "spasticity due to multiple sclerosis", "skin, especially on the lips"
    piece = re.split(r"\s+(?:due\s+to|caused\s+by|associated\s+with|resulting\s+from|secondary\s+to)\s", piece)[0]
    whole = lexicon.ground(piece)
    if whole is not None and whole.is_a(*types):
        return [whole]
    if new_class and _SHARED.match(clean_phrase(piece)) and _noun_phrase(piece) and \
            lexicon.ground(clean_phrase(piece).split()[0]) is None:
        return [lexicon.new_entity(piece, new_class)]  # "bright or flashing lights", "hot and cold packs": one name
    inside = [m for m in view.of(types, a, a + len(piece), nested=True) if allow_generic or m.entity.key != "side-effects"]
    if inside:
        outer = [m for m in inside if not m.nested] or inside
        found = [m.entity for m in outer]
        if new_class and len(outer) == 1 and _adds_words(piece, outer[0].entity.label):
            # a loose match ("chronic musculoskeletal pain" found as *chronic pain*): the item names more
            return [lexicon.new_entity(piece, _kind_of(outer[0].entity, new_class))]
        # "anxiety and sweating": a coordinated part that names nothing known is new
        for part in re.split(r"\s+(?:and|or)\s+", piece):
            at = a + piece.find(part)
            if new_class and part.strip() and not view.of(("Entity",), at, at + len(part)) and _noun_phrase(part) \
                    and lexicon.ground(part) is None:
                found.append(lexicon.new_entity(part, new_class))
        return found
    known = view.of(("Entity",), a, a + len(piece))
    if known and new_class and all(m.entity.is_a("AnatomicalStructure") for m in known) and _noun_phrase(piece) \
            and _outside_words(view.text, a, a + len(piece), known):
        # "liver problems", "loss of function in the joints": a body part inside the name of an effect
        return [lexicon.new_entity(piece, new_class)]
    if known:
        return []  # names something of another kind
    out = []
    for part in re.finditer(r"[^/]+?(?=\s+(?:and|or)\s+|/|$)", piece):
        text = part.group().strip()
        text = re.sub(r"^(?:and|or)\s+", "", text)
        entity = lexicon.ground(text)
        if entity is not None:
            if entity.is_a(*types):
                out.append(entity)
        elif new_class and _noun_phrase(text):
            out.append(lexicon.new_entity(text, new_class))
    return out


#: Severity words qualify a named condition ("severe kidney disease" is *kidney disease*, graded).
_QUALIFIERS = frozenset("severe serious mild moderate major minor acute sudden significant extreme".split())
_NOT_IN_NAMES = frozenset("like such including some all any other conditions condition problems things".split())


def _adds_words(piece: str, label: str) -> bool:
    """Whether a list item that one mention spans has content words its entity's name lacks.

    >>> _adds_words("chronic musculoskeletal pain", "chronic pain"), _adds_words("blocks sodium channels", "sodium channel blockade")
    (True, False)
    """
    named = {stem(t) for _, _, t in tokens(label)}
    words = [t for _, _, t in tokens(clean_phrase(piece))]
    if not words or len(words) > 5 or any(t in STOPWORDS or t in _NOT_IN_NAMES for t in words):
        return False  # "X and Y", "conditions like X", "pain from this condition": not one name
    extra = {t for t in words if stem(t) not in named and t not in _QUALIFIERS}
    return bool(extra) and {stem(t) for t in words} >= named


def _kind_of(entity: Entity, default: str) -> str:
    for kind in ("AdverseEffect", "Symptom", "Disease"):
        if entity.is_a(kind):
            return kind
    return default


_GENERIC_HEADS = frozenset("symptom symptoms complication complications problem problems issue issues effect effects "
                           "condition conditions thing things side factor factors option options remedy remedies".split())
_VAGUE = frozenset("serious severe common rare other some many various possible mild bad new more these those any "
                   "certain side number variety range of a an the old-fashioned traditional simple related similar associated".split())


#: Coordinations that share a head or a complement: one name, not two ("bright or flashing lights" is not
#: *bright* and *flashing lights*; "lack of food or sleep" is not *lack of food* and *sleep*).
_SHARED = re.compile(r"^(?:[A-Za-z-]+\s+or\s+[A-Za-z-]+\s+[A-Za-z-]+|(?:hot|cold|warm|upper|lower|left|right|high|low|short|long|"
                     r"physical|mental|emotional|inner|outer|front)\s+and\s+[A-Za-z-]+\s+[A-Za-z-]+|[A-Za-z-]+\s+of\s+[A-Za-z-]+\s+or\s+[A-Za-z-]+)$", re.I)
_FUNCTION_WORDS = frozenset("a an the in on of to at and or with their your his her its".split())


def _outside_words(text: str, a: int, b: int, mentions) -> bool:
    """Whether ``text[a:b]`` has a content word outside the ``mentions`` ("problems" in "liver
    problems"; none in "the lower back")."""
    rest, at = [], a
    for m in mentions:
        rest.append(text[at:max(at, m.start)])
        at = max(at, m.end)
    rest.append(text[at:b])
    return any(w.lower() not in _FUNCTION_WORDS for w in re.findall(r"[A-Za-z]+", " ".join(rest)))


def _noun_phrase(text: str) -> bool:
    """Whether an unmatched list item reads like the name of something (not "serious problems")."""
    words = clean_phrase(text).split()
    if words and words[-1].lower() in _GENERIC_HEADS and all(w.lower() in _VAGUE for w in words[:-1]):
        return False
    return (0 < len(words) <= 5 and any(c.isalpha() for c in text)
            and not any(w.lower().strip(",.") in _NOT_NP or w.lower().endswith("ly") or w.lower() == "not" for w in words)
            and not words[0][0].isdigit())
