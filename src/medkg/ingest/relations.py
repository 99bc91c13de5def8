"""The reader of an article: from its segments and mentions to draft claims.

:class:`Reader` holds what every cue needs — the article's mentions (with brand names
and unknown drug names added to the lexicon, names widened to whole noun phrases), its
topic, what pronouns refer to, and ``emit`` — and runs the cues, which live in one module
per kind of fact:

- :mod:`.therapeutic` — drug class, indications in running text, lines of treatment,
  mechanism, comparisons, recommendations;
- :mod:`.indications` — "used to treat A, B and C", approvals, "X is an SNRI", with
  the listed conditions and classes drafted as whole noun phrases;
- :mod:`.safety` — side effects (sentences and lists), contraindications, cautions,
  interactions, warnings, withdrawal, dosing phrases;
- :mod:`.clinical` and :mod:`.conditions` — what a condition is: symptoms, causes,
  complications, anatomy, population, duration, labelled fact lines;
- :mod:`.findings` — studies, sample sizes, comparators, efficacy direction, outcomes,
  dose amounts;
- :mod:`.tables` — table rows read with their header.

Precision first: a claim's subject and object are named in the same sentence (or a list
item and its lead-in); a pronoun or "this medicine" may stand for the article's topic,
nothing else may; a sentence about a drug yields no claims about what a condition does.
Every claim records its cue (``rule``) and a confidence (:mod:`.confidence`).

:func:`extract` runs every cue over every segment and returns :class:`Found` claims in
text order, each with its quote span, certainty, hedges, negation and citations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from . import cues
from .abbreviations import add_abbreviations, add_title_condition
from .brands import add_brand_aliases
from .citations import Citation, find_citations, refers_back
from .clinical import ClinicalCues
from .conditions import ConditionCues
from .confidence import confidence
from .context import CONDITION, DEFINITE, DRUG, TREATMENT, Focus, Found, View, list_entities
from .drugnames import add_defined_drugs, add_unknown_drugs
from .frames import FrameCues
from .findings import FindingCues
from .hedging import Firmness, firmness, is_negated
from .indications import IndicationCues
from .lexicon import Entity, Lexicon
from .phrases import widen
from .safety import SafetyCues
from .segment import Segment
from .tables import TableCues
from .therapeutic import TherapeuticCues

_GENERIC = frozenset({"side-effects"})  # a category word, never a claim's object by itself


class Reader(TherapeuticCues, IndicationCues, SafetyCues, ClinicalCues, ConditionCues, FindingCues, TableCues, FrameCues):
    """Reads one article: mentions, topic, focus, and the claims every pattern finds."""

    def __init__(self, text: str, segments: list[Segment], lexicon: Lexicon, *, title: str = ""):
        self.text = text
        self.title = title
        self.segments = segments
        self.lexicon = lexicon
        self.new_drugs = add_unknown_drugs(title + "\n" + text, lexicon)
        self.brands = add_brand_aliases(text, title, lexicon)
        self.abbreviations = add_abbreviations(text, lexicon)
        add_title_condition(text, title, lexicon)
        self.new_drugs += add_defined_drugs(text, lexicon)
        self.mentions = [widen(text, lexicon.match(text, s.start, s.end), lexicon, s.start, s.end) for s in segments]
        self.citations = find_citations(text, headings=[(s.start, s.end) for s in segments if s.kind == "heading"])
        self.topic_drug = self._topic(DRUG, title)
        self.topic_condition = self._topic(("Disease",), title) or self._topic(CONDITION, title)
        self._title_condition(title)
        #: what the article is about when it is not a drug ("Epidural steroid injections for …")
        self.topic_treatment = self.topic_drug or self._topic(("Therapy",), title)
        self.focus = Focus()
        self.found: list[Found] = []
        self._view_start = 0
        self.regimens: dict[str, Entity] = {}
        # a relation left open by "… several factors." for the next "These include …" to complete
        self._pending: tuple[str, int] | None = None
        self._pending_target: Entity | None = None
        self._last_citation: Citation | None = None

    def _topic(self, types: tuple[str, ...], title: str) -> Entity | None:
        counts: Counter[str] = Counter()
        for ms in self.mentions:
            for m in ms:
                if not m.nested and m.entity.is_a(*types):
                    counts[m.entity.key] += 1
        for m in self.lexicon.match(title):
            if m.entity.is_a(*types):
                counts[m.entity.key] += 3
        if not counts:
            return None
        best = max(counts.items(), key=lambda kv: (kv[1], -self._first_position(kv[0])))
        return self.lexicon.entities[best[0]]

    def _title_condition(self, title: str) -> None:
        """A title that names a condition as a whole noun phrase ("Postherpetic neuralgia") names
        the topic, even when no table knows the phrase and the text mentions a known disease
        ("shingles") more often: the page is about what its title says."""
        if not title or (self.topic_condition is not None and self.topic_condition.label.lower() in title.lower()):
            return
        named = [m for m in widen(title, self.lexicon.match(title), self.lexicon, 0, len(title))
                 if not m.nested and m.entity.is_a(*CONDITION)]
        if named and len(named[0].entity.label.split()) >= 2 and self.text.lower().count(named[0].entity.label.lower()) >= 2:
            self.topic_condition = named[0].entity

    def _first_position(self, key: str) -> int:
        for ms in self.mentions:
            for m in ms:
                if m.entity.key == key:
                    return m.start
        return len(self.text)

    # -- driver --------------------------------------------------------------------------------

    def read(self) -> list[Found]:
        for seg, mentions in zip(self.segments, self.mentions):
            if seg.kind == "heading":
                continue
            view = View(seg, mentions, self._quote_span(seg), self._context(seg))
            before = self._view_start = len(self.found)
            if seg.kind == "row":
                self._table_row(view)
            else:
                self._sentence(view)
            self._attach(view, before)
            self._update_focus(view)
        return self._merged()

    def _context(self, seg: Segment) -> str:
        if seg.lead is not None:
            return self.segments[seg.lead].text
        return ""

    def _quote_span(self, seg: Segment) -> tuple[int, int]:
        """Curation rule 2: a short list item is quoted from its list's lead-in to the item."""
        if seg.kind == "item" and seg.lead is not None and seg.first_in_block and len(seg.text.split()) <= 12:
            return self.segments[seg.lead].start, seg.end
        return seg.start, seg.end

    def _update_focus(self, view: View) -> None:
        at = view.seg.index
        if view.pronoun is None:
            m = view.first_subject_mention()
            if m is not None:
                self.focus.push(m.entity, at)
            else:
                definite = self._definite(view)
                if definite is not None:
                    self.focus.push(definite, at)
        if not view.plural_pronoun:
            self.focus.plural = [m.entity for m in view.mentions if not m.nested and m.entity.is_a(*TREATMENT)]
        diseases = [m.entity for m in view.mentions if m.entity.is_a("Disease")]
        if diseases:
            self.focus.condition = (diseases[-1], at)

    def _definite(self, view: View) -> Entity | None:
        """"This program helps …" after "… a rehab program": the entity named just before the noun."""
        m = DEFINITE.match(view.text[view.main:])
        if not m:
            return None
        noun = m.group("noun")
        for mentions in reversed(self.mentions[max(0, view.seg.index - 2):view.seg.index]):
            for x in reversed(mentions):
                after = self.text[x.end:x.end + 30].split()
                surface = self.text[x.start:x.end].lower().split()
                if (after and after[0].lower().strip(".,") == noun) or (surface and surface[-1] == noun):
                    return x.entity
        return None

    def resolve(self, types: tuple[str, ...], *, topic: bool = False, at: int | None = None, span: int = 3,
                strict: bool = False) -> Entity | None:
        """What a pronoun of the wanted kind refers to: a main-clause subject of the last few
        segments; else (if ``topic``) the article's topic drug or condition."""
        for n, (e, i) in enumerate(self.focus.recent):
            if at is not None and at - i > span:
                break
            if e.is_a(*types):
                return e
            if n == 0 and at is not None and strict:
                return None  # "It" is the latest subject; of another kind, it refers to nothing wanted here
        if topic:
            if set(types) & set(DRUG) or "Therapy" in types:
                return self.topic_drug
            return self.topic_condition
        return None

    def subjects(self, view: View, pos: int, types: tuple[str, ...], *, topic: bool = False) -> list[Entity]:
        """The subject(s) of a cue at ``pos``: the main clause's, a pronoun's referent, the
        list item's label, or the topic."""
        found = view.main_subject(types, pos)
        if found:
            return [m.entity for m in found]
        if view.plural_pronoun and self.focus.plural and any(e.is_a(*types) for e in self.focus.plural):
            return [e for e in self.focus.plural if e.is_a(*types)]
        if view.condition_anaphor and self.focus.condition and self.focus.condition[0].is_a(*types):
            return [self.focus.condition[0]]
        definite = self._definite(view)
        if definite is not None and definite.is_a(*types):
            return [definite]
        label = view.of(types, 0, view.label_end)
        if label:
            return [label[0].entity]
        if view.pronoun or topic:
            e = self.resolve(types, topic=topic, at=view.seg.index, strict=bool(view.pronoun) and not topic)
            return [e] if e else []
        return []

    def disease(self, view: View, *, explicit: bool = True) -> Entity | None:
        """The condition a clinical statement is about: named, referred to, or the topic."""
        if explicit:
            named = [m.entity for m in view.of(("Disease",))]
            if named:
                return named[0]
        if view.condition_anaphor and self.focus.condition:
            return self.focus.condition[0]
        e = self.resolve(("Disease",), at=view.seg.index, span=1 if not view.pronoun else 3)
        if e is None and self.topic_drug is not None and self.focus.condition is not None \
                and view.seg.index - self.focus.condition[1] <= 1:
            # on a drug's page, "Symptoms include …" right after "… may cause serotonin syndrome" is about that
            return self.focus.condition[0]
        return e or self.topic_condition

    def _condition_just_named(self, view: View) -> Entity | None:
        """On a drug's page, the condition (not a symptom) the sentence before named last:
        "… may cause serotonin syndrome. Symptoms include …" are that condition's."""
        if self.topic_drug is None or not view.seg.index:
            return None
        named = [m.entity for m in self.mentions[view.seg.index - 1] if not m.nested and m.entity.is_a("Condition")
                 and (m.entity.is_a("Disease") or not m.entity.is_a("Symptom"))]
        return named[-1] if named else None

    def emit(self, view: View, subject, predicate: str, obj, pos: int, *, negatable: bool = False,
             rule: str = "", quote: tuple[int, int] | None = None, firm: Firmness | None = None,
             eff: str | None = None, confidence: float | None = None) -> None:
        if subject is None or obj is None:
            return
        if isinstance(obj, Entity) and (obj.key in _GENERIC and predicate != "requiresMonitoring"):
            return
        if isinstance(subject, Entity) and subject.key in _GENERIC:
            return
        if isinstance(subject, Entity) and isinstance(obj, Entity) and subject.key == obj.key:
            return
        negated = False
        if negatable:
            start = view.clause(pos)[0]
            negated = is_negated(view.text[start:pos])
        self.found.append(Found(
            subject=subject, predicate=predicate, object=obj, quote=quote or view.quote,
            firmness=firm or view.firmness_at(pos), negated=negated, efficacy=eff, rule=rule,
            confidence=confidence,
        ))

    def _attach(self, view: View, since: int) -> None:
        """Citations and population of the segment, on every claim it produced."""
        cites = [c for c in self.citations if view.base <= c.start < view.seg.end]
        if not cites and refers_back(view.text) and self._last_citation is not None:
            cites = [self._last_citation]
        pop = None
        q = cues.QUALIFIER_POPULATION.search(view.text)
        if q:
            inner = [m for m in view.mentions if m.entity.is_a("Population") and q.start() <= m.start < q.end()]
            pop = inner[0].entity if inner else None
        for i in range(since, len(self.found)):
            f = self.found[i]
            if isinstance(f.subject, Citation):
                continue
            changes = {}
            if pop is not None:
                changes["population"] = pop
            if cites:
                keys = tuple(c.key for c in cites)
                if f.firmness.certainty == "Doubted" and cues.DISPUTES.search(view.text):
                    changes["disputed_by"] = keys
                else:
                    changes["supported_by"] = keys
            if changes:
                self.found[i] = replace(f, **changes)
        for c in cites:
            self._last_citation = c

    def _merged(self) -> list[Found]:
        """One claim per triple and quote, in text order; every drafted regimen linked to its drug."""
        for drug_key, regimen in self.regimens.items():
            if regimen.key == drug_key:
                continue  # no regimen of the graph: the dose facts are the drug's own
            if not any(f.predicate == "hasDosingRegimen" and f.object == regimen for f in self.found):
                first = next((f for f in self.found if f.subject == regimen), None)
                if first is not None:
                    self.found.append(Found(self.lexicon.entities[drug_key], "hasDosingRegimen", regimen, first.quote,
                                            first.firmness, rule="dose"))
        seen: dict[tuple, Found] = {}
        for f in self.found:
            f = replace(f, confidence=confidence(f.rule, f.subject, f.object, certainty=f.firmness.certainty,
                                                 negated=f.negated, base=f.confidence))
            key = (_id(f.subject), f.predicate, _id(f.object), f.quote)
            if key not in seen:
                seen[key] = f
        return sorted(seen.values(), key=lambda f: (f.quote, f.predicate, _id(f.subject), _id(f.object)))


    def _sentence(self, v: View) -> None:
        continued = self._continuation(v)
        if v.seg.kind == "item" and v.seg.lead is not None:
            self._list_item(v)
        self._classes(v)
        self._examples(v)
        self._therapeutic(v)
        self._indications(v)
        self._drug_class(v)
        self._lines_of_treatment(v)
        self._safety(v)
        self._adverse_effects(v)
        self._dosing(v)
        self._mechanism(v)
        self._comparisons(v)
        self._clinical(v)
        self._etiology(v, continued)
        self._recommendations(v)
        self._evidence(v)
        self._findings(v)
        self._anatomy(v)
        self._epidemiology(v)
        self._characterized(v)
        self._kind(v)
        self._present(v)
        self._drugs_such_as(v)
        self._diagnosis(v)
        self._users(v)
        self._caution_if(v)
        self._fields(v)
        self._frames(v, self._view_start)

    def _continuation(self, v: View) -> bool:
        """"These include A, B and C." completes the previous sentence's open relation."""
        m = cues.CONTINUATION.match(v.text)
        pending, self._pending = self._pending, None
        if not m or pending is None:
            return False
        predicate, seg_index = pending
        prev = self.segments[seg_index]
        quote = (prev.start, v.seg.end)
        target = self._pending_target
        if predicate in ("causes", "riskFactorFor", "aggravates"):
            for e in list_entities(v, self.lexicon, m.end(), len(v.text), ("Condition", "CausalFactor"), "CausalFactor"):
                self.emit(v, e, predicate, target, m.end(), quote=quote, rule="continuation",
                          firm=firmness(prev.text + " " + v.text))
        elif predicate in ("warningSignOf", "complicationOf"):
            for e in list_entities(v, self.lexicon, m.end(), len(v.text), CONDITION + ("Outcome",), "Symptom"):
                self.emit(v, e, predicate, target, m.end(), quote=quote, rule="continuation",
                          firm=firmness(prev.text + " " + v.text))
        return True

    def _open(self, v: View, predicate: str, target: Entity | None) -> None:
        if target is not None:
            self._pending = (predicate, v.seg.index)
            self._pending_target = target

    def _about_drug(self, v: View) -> bool:
        """Whether the sentence is about a drug (named first, "It" for one, a side-effects
        list): what a condition does or where it is felt is then not what it says."""
        first = v.first_subject_mention()
        if first is not None and first.entity.is_a(*TREATMENT):
            return True
        if v.pronoun and not v.condition_anaphor and self.focus.recent and self.focus.recent[0][0].is_a(*TREATMENT):
            return True
        return bool(cues.SIDE_EFFECTS.search(v.text) or (v.context and cues.SIDE_EFFECTS.search(v.context))
                    or cues.WITHDRAWAL.search(v.text))

    def _block_text(self, v: View) -> str:
        # segments are in text order and a block is contiguous: walk back from this one
        # (scanning every segment for each call made reading quadratic in the article)
        parts, i = [], v.seg.index
        while i >= 0 and self.segments[i].block == v.seg.block:
            parts.append(self.segments[i].text)
            i -= 1
        return " ".join(reversed(parts))


def _id(x) -> str:
    if isinstance(x, Entity):
        return "e:" + x.key
    if isinstance(x, Citation):
        return "p:" + x.key
    return "l:" + str(x)


def extract(text: str, segments: list[Segment], lexicon: Lexicon, *, title: str = "") -> tuple[list[Found], Reader]:
    """Draft claims for an article; the :class:`Reader` keeps its citations and topic."""
    reader = Reader(text, segments, lexicon, title=title)
    return reader.read(), reader
