"""Relation cue patterns: from an article's segments and mentions to draft claims.

Every pattern is a general cue of consumer-health writing — "side effects include …",
"should not take … if you have", "is often caused by", "works by", a list under
"Serious Side Effects:", a table whose header says "Efficacy" — applied to the entities
the lexicon found. Nothing here knows any particular article. The subject of a claim is
the first entity of the right kind in the main clause; failing that, what a leading
pronoun refers to (the latest main-clause subject of the right kind); failing that, for
the cues that allow it, the article's topic drug or condition (the most mentioned).

:func:`extract` runs every pattern over every segment and returns :class:`Found` claims
in text order, each with its quote span, certainty, hedges, negation and citations.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .citations import Citation, find_citations, refers_back
from . import cues
from .context import CONDITION, DEFINITE, DRUG, TREATMENT, Focus, Found, View, list_entities
from .hedging import Firmness, efficacy, firmness, is_negated
from .lexicon import Entity, Lexicon, Mention
from .segment import Segment

_GENERIC = frozenset({"side-effects"})  # a category word, never a claim's object by itself


class Reader:
    """Reads one article: mentions, topic, focus, and the claims every pattern finds."""

    def __init__(self, text: str, segments: list[Segment], lexicon: Lexicon, *, title: str = ""):
        self.text = text
        self.segments = segments
        self.lexicon = lexicon
        self.mentions = [lexicon.match(text, s.start, s.end) for s in segments]
        self.citations = find_citations(text, headings=[(s.start, s.end) for s in segments if s.kind == "heading"])
        self.topic_drug = self._topic(DRUG, title)
        self.topic_condition = self._topic(("Disease",), title) or self._topic(CONDITION, title)
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
        return e or self.topic_condition

    def emit(self, view: View, subject, predicate: str, obj, pos: int, *, negatable: bool = False,
             rule: str = "", quote: tuple[int, int] | None = None, firm: Firmness | None = None,
             eff: str | None = None) -> None:
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
            if not any(f.predicate == "hasDosingRegimen" and f.object == regimen for f in self.found):
                first = next((f for f in self.found if f.subject == regimen), None)
                if first is not None:
                    self.found.append(Found(self.lexicon.entities[drug_key], "hasDosingRegimen", regimen, first.quote,
                                            first.firmness, rule="dose"))
        seen: dict[tuple, Found] = {}
        for f in self.found:
            key = (_id(f.subject), f.predicate, _id(f.object), f.quote)
            if key not in seen:
                seen[key] = f
        return sorted(seen.values(), key=lambda f: (f.quote, f.predicate, _id(f.subject), _id(f.object)))

    # -- sentences -----------------------------------------------------------------------------

    def _sentence(self, v: View) -> None:
        continued = self._continuation(v)
        if v.seg.kind == "item" and v.seg.lead is not None:
            self._list_item(v)
        self._classes(v)
        self._examples(v)
        self._therapeutic(v)
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

    def _list_item(self, v: View) -> None:
        """A list item governed by its lead-in ("Common Side Effects:", "… recommended … include:")."""
        lead = v.context
        se = cues.SIDE_EFFECTS.search(lead) or re.search(r"\bside[- ]effects?\b", lead, re.I)
        if se and v.seg.first_in_block:
            predicate = _effect_predicate(lead)
            drug = next((m.entity for m in self.lexicon.match(lead) if m.entity.is_a(*DRUG)), None) or self.resolve(DRUG, topic=True)
            items = list_entities(v, self.lexicon, 0, len(v.text), CONDITION, "AdverseEffect")
            for e in items:
                self.emit(v, drug, predicate, e, 0, rule="effects-list")
                if cues.WARNING.search(lead):
                    self.emit(v, e, "warningSignOf", drug, 0, rule="effects-list")
            for a in cues.SYMPTOM_OF.finditer(v.text):
                for c in v.after(a.end(), CONDITION):
                    for e in items:
                        self.emit(v, e, "symptomOf", c.entity, a.end(), rule="symptom-of")
            return
        if cues.RECOMMENDED_LEAD.search(lead) and v.seg.first_in_block:
            label = re.match(r"([^:]{2,60}):\s", v.text)
            head = v.of(TREATMENT, 0, label.end()) if label else v.of(TREATMENT, 0, 40)
            condition = self.topic_condition
            for m in head[:1]:
                self.emit(v, condition, "recommendedApproach", m.entity, m.start, rule="recommended-list",
                          firm=firmness(lead + " " + v.text[: label.end() if label else len(v.text)]))

    def _classes(self, v: View) -> None:
        for drug in v.of(("Drug",)):
            for cls in v.of(("DrugClass",), drug.end):
                gap = v.text[drug.end:cls.start]
                if re.fullmatch(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}", gap) or re.fullmatch(
                        rf"\s+{cues._V}\s+(?:also\s+)?(?:an?|one\s+of\s+the|part\s+of\s+the|a\s+member\s+of\s+the)\s+(?:[\w-]+\s+){{0,2}}", gap):
                    self.emit(v, drug.entity, "memberOfDrugClass", cls.entity, cls.start, rule="class")
                break
        for m in cues.TYPE_CALLED.finditer(v.text):
            classes = v.after(m.end(), ("DrugClass",))
            subject = self.subjects(v, m.start(), ("Drug",))
            called = re.search(r"\bcalled\s+(?:an?\s+)?", v.text[m.end():])
            if classes and called:
                named = [c for c in classes if c.start >= m.end() + called.end()]
                parent = [c for c in classes if c.start < m.end() + called.end()]
                for c in named[:1]:
                    for s in subject:
                        self.emit(v, s, "memberOfDrugClass", c.entity, c.start, rule="type-called")
                    for p in parent[:1]:
                        self.emit(v, c.entity, "subtypeOf", p.entity, c.start, rule="type-called")
            elif classes:
                for s in subject:
                    self.emit(v, s, "memberOfDrugClass", classes[0].entity, classes[0].start, rule="type-of")
        for m in cues.APPROVED_AS.finditer(v.text):
            classes = v.of(("DrugClass",), m.end(), m.end() + 40)
            for s in self.subjects(v, m.start(), ("Drug",)):
                for c in classes[:1]:
                    self.emit(v, s, "memberOfDrugClass", c.entity, m.start(), rule="approved-as")

    def _examples(self, v: View) -> None:
        for head in v.mentions:
            if head.nested:
                continue
            m = re.match(r"\s*,?\s*\(?\s*(?:like|such\s+as|e\.g\.,?|for\s+example,?|including|for\s+instance,?)\s+",
                         v.text[head.end:])
            if not m:
                continue
            members, pos = [], head.end + m.end()
            for x in v.mentions:
                if x.nested or x.start < pos:
                    continue
                if not re.fullmatch(r"[\s,]*(?:(?:and|or)\s+)?", v.text[pos:x.start]):
                    break
                members.append(x)
                pos = x.end
            for x in members:
                if head.entity.is_a("DrugClass", "Therapy") and x.entity.is_a(*TREATMENT):
                    self.emit(v, head.entity, "example", x.entity, x.start, rule="example")
                elif (head.entity.is_a("Condition") and x.entity.is_a("Condition") and not head.entity.is_a("AdverseEffect")
                      and re.match(r"\s*,?\s*(?:like|such\s+as)\b", v.text[head.end:])):
                    self.emit(v, x.entity, "subtypeOf", head.entity, x.start, rule="like-subtype")

    def _therapeutic(self, v: View) -> None:
        for cue in cues.OFF_LABEL.finditer(v.text):
            drugs = [m.entity for m in v.of(DRUG)] or [e for e in [self.resolve(DRUG, topic=True)] if e]
            conditions = [m for m in v.of(CONDITION) if not m.entity.is_a("AdverseEffect")]
            for d in drugs[:1]:
                for c in conditions:
                    self.emit(v, d, "offLabelUseFor", c.entity, cue.start(), rule="off-label")
        for cue in cues.PRIMARY.finditer(v.text):
            for s in self.subjects(v, cue.start(), DRUG) or [self.resolve(DRUG, at=v.seg.index)]:
                for c in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "Disease"):
                    self.emit(v, s, "primaryIndicationFor", c, cue.start(), rule="primary")
        # this view's claims so far are the last ones found (scanning them all was quadratic)
        claimed = {(f.subject, f.object) for f in self.found[self._view_start:] if f.quote == v.quote
                   and f.predicate in ("offLabelUseFor", "primaryIndicationFor")}
        blocked = [(m.start(), m.end()) for p in (cues.CONTRAINDICATED, cues.KEY_APPROACH) for m in p.finditer(v.text)]
        for pattern, kind in ((cues.USED_FOR, "usedFor"), (cues.TREATS, "treats"), (cues.IMPROVES, "improves"), (cues.PREVENTS, "prevents")):
            for cue in pattern.finditer(v.text):
                if any(a <= cue.start() <= b + 1 for a, b in blocked):
                    continue  # "not good for people with …", "key in managing …": other relations
                if kind == "prevents" and re.search(r"withdrawal", v.text[cue.end():], re.I):
                    continue
                if kind != "prevents" and re.match(r"\s+prevent", v.text[cue.end():]):
                    continue  # "helps prevent …": what is prevented is not treated
                subjects = self.subjects(v, cue.start(), TREATMENT)
                objects = self._objects(v, cue.end())
                for s in subjects:
                    for o in objects:
                        if (s, o.entity) in claimed:
                            continue
                        if o.entity.is_a("Outcome"):
                            predicate = "improves" if kind in ("treats", "improves") else None
                        elif kind == "improves":
                            predicate = None
                        else:
                            predicate = kind
                        if predicate:
                            clause = v.text[v.clause(cue.start())[0]:v.clause_end(cue.end())]
                            eff = efficacy(clause) if predicate == "treats" else None
                            self.emit(v, s, predicate, o.entity, cue.start(), negatable=True, rule=kind,
                                      eff=eff if eff in ("EfficacyLimited", "EfficacyNoRobustEvidence", "EfficacyVariable") else None)
                named = v.main_subject(TREATMENT, cue.start()) or v.of(TREATMENT, 0, v.label_end)
                bare = re.match(r"\s*(?:(?:manage|with|control)\s+)?(?:(?:the|your|their)\s+)?(?:symptoms?\b|it\b|them\b)?[^\w]*$",
                                v.text[cue.end():v.clause_end(cue.end())].split(" and ")[0])
                if kind in ("treats", "usedFor") and not objects and named and bare and not v.of(CONDITION, cue.end()):
                    for s in named:  # "Acupuncture can also help.": with the article's condition
                        self.emit(v, s.entity, kind, self.topic_condition, cue.start(), rule=f"{kind}-topic")
    def _objects(self, v: View, start: int) -> list[Mention]:
        """Conditions and outcomes a cue acts on, without qualifiers ("pain from spinal stenosis")."""
        objects = v.after(start, CONDITION + ("Outcome",), nested=True)
        objects = [o for o in objects if not (o.nested and any(
            not p.nested and p.start <= o.start and o.end <= p.end and p.entity.is_a(*CONDITION) for p in objects))]
        kept: list[Mention] = []
        for o in objects:
            if kept and re.fullmatch(r"\s+(?:from|of|in|due\s+to|caused\s+by)\s+(?:the\s+)?", v.text[kept[-1].end:o.start]):
                continue
            kept.append(o)
        return kept

    def _lines_of_treatment(self, v: View) -> None:
        for cue in cues.FIRST_LINE.finditer(v.text):
            subjects = self.subjects(v, len(v.text), TREATMENT)
            if cue.start() < v.main:  # the cue is the item's label: the subject is the main clause's
                subjects = [m.entity for m in v.main_subject(TREATMENT)] or subjects
            conditions = [m.entity for m in v.of(CONDITION) if _governed(v, m) and not m.entity.is_a("AdverseEffect")]
            negated = is_negated(v.text[max(0, cue.start() - 30):cue.start()])
            for s in subjects:
                for c in conditions or [self.topic_condition]:
                    if c is not None:
                        self.found.append(Found(s, "firstLineTreatmentFor", c, v.quote, v.firmness_at(cue.start()),
                                                negated=negated, rule="first-line"))
        for cue in cues.LATER_LINE.finditer(v.text):
            a, b = cue.span()
            subjects = [m.entity for m in v.main_subject(TREATMENT, a) if not a <= m.start < b]
            if not subjects:
                subjects = self.subjects(v, a, TREATMENT, topic=True)
            governed = [m for m in v.of(CONDITION) if not a <= m.start < b and not m.entity.is_a("AdverseEffect")
                        and re.search(r"\b(?:for|of)\s+(?:\w+\s+){0,2}$", v.text[:m.start])
                        and not re.search(r"\bthan\b", v.text[max(0, m.start - 20):m.start])]
            start, end = v.clause(cue.start())
            targets = [m.entity for m in governed if start <= m.start < end] or [m.entity for m in governed]
            for s in subjects:
                for c in targets or [self.topic_condition]:
                    self.emit(v, s, "laterLineTreatmentFor", c, cue.start(), rule="later-line")

    def _safety(self, v: View) -> None:
        for cue in cues.CONTRAINDICATED.finditer(v.text):
            named = v.of(DRUG, cue.end(), cue.end() + 40)
            drug = [named[0].entity] if named else self.subjects(v, cue.start(), DRUG, topic=True)
            end = v.clause_end(cue.end())
            region = cues.CONTRA_OBJECT.search(v.text, cue.end() - 6, end)
            start = region.end() if region else cue.end()
            for e in list_entities(v, self.lexicon, start, end, CONDITION, "Condition"):
                for d in drug:
                    self.emit(v, d, "contraindicatedIn", e, cue.start(), rule="contraindicated")
        for cue in cues.CAUTION.finditer(v.text):
            named = v.of(DRUG, cue.start())
            drug = [m.entity for m in named] or self.subjects(v, cue.start(), DRUG, topic=True)
            such = re.search(r"\b(?:such\s+as|like|including)\s+", v.text[:cue.start()])
            if such:
                conditions = list_entities(v, self.lexicon, such.end(), cue.start(), CONDITION, "Condition")
            else:
                conditions = [m.entity for m in v.of(CONDITION, 0, cue.start())]
            for d in drug[:1]:
                for c in conditions:
                    self.emit(v, d, "cautionIn", c, cue.start(), rule="caution")
        for cue in cues.INTERACTS.finditer(v.text):
            end = v.clause_end(cue.end())
            plural = re.match(r"\s*(?:other\s+)?\w+s\b", v.text[cue.end():end])
            objects = list_entities(v, self.lexicon, cue.end(), end, DRUG, "DrugClass" if plural else "Drug")
            for s in self.subjects(v, cue.start(), DRUG, topic=True):
                for o in objects:
                    self.emit(v, s, "interactsWith", o, cue.start(), rule="interacts")
            for o in v.after(cue.end(), ("MolecularEntity",)):
                for s in self.subjects(v, cue.start(), DRUG):
                    self.emit(v, s, "actsOn", o.entity, cue.start(), rule="acts-on")
        for cue in cues.MONITORING.finditer(v.text):
            for s in self.subjects(v, cue.start(), DRUG, topic=True):
                for o in v.after(cue.end(), CONDITION):
                    self.emit(v, s, "requiresMonitoring", o.entity, cue.start(), rule="monitoring")
        for cue in cues.WARNING.finditer(v.text):
            after = v.after(cue.end(), CONDITION)
            target = self.disease(v)
            if after:
                for o in after:
                    self.emit(v, o.entity, "warningSignOf", target, cue.start(), rule="warning")
            else:
                self._open(v, "warningSignOf", target)

    def _adverse_effects(self, v: View) -> None:
        for cue in cues.SIDE_EFFECTS.finditer(v.text):
            drug = [m.entity for m in v.of(DRUG, 0, cue.start())][:1] or self.subjects(v, cue.start(), DRUG, topic=True)
            predicate = _effect_predicate(cue.group("q") or "")
            for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "AdverseEffect"):
                for d in drug:
                    self.emit(v, d, predicate, e, cue.start(), rule="side-effects")
        for cue in cues.CAUSE_VERB.finditer(v.text):
            drugs = [m.entity for m in v.main_subject(DRUG, cue.start())]
            if not drugs and (v.pronoun and not v.condition_anaphor) and not v.of(CONDITION, v.main, cue.start()):
                drugs = self.subjects(v, cue.start(), DRUG)
            clause = v.text[v.clause(cue.start())[0]:v.clause_end(cue.end())]
            qualifier = re.search(r"\b(?:common|commonly|often|serious|severe|rare|rarely)\b", clause, re.I)
            predicate = _effect_predicate(qualifier.group()) if qualifier else "adverseEffect"
            for d in drugs:
                for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "AdverseEffect"):
                    self.emit(v, d, predicate, e, cue.start(), rule="drug-causes")
        for cue in cues.LABELLED_EFFECTS.finditer(v.text):
            drug = self.subjects(v, cue.start(), DRUG, topic=True)
            end = v.text.find(".", cue.end())
            for e in list_entities(v, self.lexicon, cue.end(), end if end > 0 else len(v.text), CONDITION, None):
                for d in drug:
                    self.emit(v, d, _effect_predicate(cue.group("q")), e, cue.start(), rule="labelled-effects")
        for cue in cues.WITHDRAWAL.finditer(v.text):
            drug = self.subjects(v, cue.start(), DRUG, topic=True)
            if cue.group("list"):
                items = list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "AdverseEffect")
            else:
                named = self.lexicon.ground(cue.group()) or self.lexicon.new_entity("withdrawal symptoms", "AdverseEffect")
                items = [named]
            for d in drug:
                for e in items:
                    self.emit(v, d, "withdrawalSymptom", e, cue.start(), rule="withdrawal")

    def _regimen(self, drug: Entity) -> Entity:
        """The drug's dosing regimen: one of the graph's, named after the drug, else a new one."""
        if drug.key not in self.regimens:
            known = sorted(e.key for e in self.lexicon.entities.values()
                           if e.is_a("DosingRegimen") and e.origin == "graph" and e.label.lower().startswith(drug.label.lower()))
            self.regimens[drug.key] = (self.lexicon.entities[known[0]] if known
                                       else self.lexicon.new_entity(f"{drug.label} dosing", "DosingRegimen"))
        return self.regimens[drug.key]

    def _dosing(self, v: View) -> None:
        named = [m.entity for m in v.of(("Drug",))]
        drug = named[0] if named else self.resolve(("Drug",), topic=True)
        if drug is None:
            return
        if named and cues.DOSE_WORD.search(v.text):
            self.emit(v, drug, "hasDosingRegimen", self._regimen(drug), cues.DOSE_WORD.search(v.text).start(), rule="dose")
        for predicate, pattern, needs_context in cues.DOSING:
            if needs_context and not cues.DOSE_CONTEXT.search(v.text):
                continue
            for m in pattern.finditer(v.text):
                value = next((m.group(g) for g in ("mg", "v", "v2") if g in m.groupdict() and m.group(g)), None)
                if value:
                    self.emit(v, self._regimen(drug), predicate, " ".join(value.split()), m.start(), rule="dosing")

    def _mechanism(self, v: View) -> None:
        mechanisms = v.of(("Mechanism",))
        if mechanisms and cues.MECHANISM_CUE.search(v.text):
            for mech in mechanisms:
                for s in self.subjects(v, mech.start, TREATMENT):
                    self.emit(v, s, "hasMechanism", mech.entity, mech.start, rule="mechanism")
                for mol in v.of(("MolecularEntity",), mech.start, mech.end, nested=True):
                    if mol.nested:
                        self.emit(v, mech.entity, "actsOn", mol.entity, mol.start, rule="mechanism-target")
        for cue in cues.WORKS_BY.finditer(v.text):
            how = cue.group("how")
            if v.of(("Mechanism",), cue.start("how"), cue.end("how")) or not 1 < len(how.split()) <= 6:
                continue
            mechanism = self.lexicon.ground(how) or self.lexicon.new_entity(how, "Mechanism")
            for s in self.subjects(v, cue.start(), TREATMENT):
                self.emit(v, s, "hasMechanism", mechanism, cue.start(), rule="works-by")
        for cue in cues.INCREASES.finditer(v.text):
            for s in self.subjects(v, cue.start(), TREATMENT):
                for mol in v.after(cue.end(), ("MolecularEntity",)):
                    self.emit(v, s, "increases", mol.entity, cue.start(), rule="increases")

    def _comparisons(self, v: View) -> None:
        for cue in cues.ALTERNATIVE.finditer(v.text):
            if cue.group().lower().startswith("alternative"):
                ref = v.of(DRUG, cue.end(), cue.end() + 40)[:1]
                others = [m for m in v.of(TREATMENT) if m not in ref]
            else:
                ref = v.of(DRUG, 0, cue.start())[:1]
                others = v.after(cue.end(), TREATMENT)
            target = ref[0].entity if ref else self.resolve(DRUG, topic=True)
            for o in others:
                self.emit(v, o.entity, "alternativeTo", target, cue.start(), rule="alternative")
        for cue in cues.PART_OF.finditer(v.text):
            partners = v.of(TREATMENT, cue.start("partners"), cue.end("partners"))
            for s in self.subjects(v, len(v.text), TREATMENT):
                for p in partners:
                    self.emit(v, s, "combinedWith", p.entity, cue.start(), rule="part-of")
        for cue in cues.COMBINED.finditer(v.text):
            partners = v.after(cue.end(), TREATMENT)
            for s in self.subjects(v, cue.start(), TREATMENT):
                for p in partners:
                    self.emit(v, s, "combinedWith", p.entity, cue.start(), rule="combined")
        for pattern, predicate in ((cues.TOLERATED, "betterToleratedThan"), (cues.COMPARABLE, "comparableEfficacyTo"),
                                   (cues.FEWER_EFFECTS, "fewerSideEffectsThan")):
            for cue in pattern.finditer(v.text):
                other = v.of(DRUG, cue.end(), cue.end() + 30)[:1]
                target = other[0].entity if other else self.topic_drug
                for s in self.subjects(v, cue.start(), DRUG):
                    self.emit(v, s, predicate, target, cue.start(), rule="comparison")

    def _clinical(self, v: View) -> None:
        disease = [m.entity for m in v.main_subject(("Disease",))]
        for cue in cues.SYMPTOMS_INCLUDE.finditer(v.text):
            of = v.of(("Disease",), cue.start(), cue.end())
            target = of[0].entity if of else self.disease(v, explicit=False)
            for e in self._symptom_list(v, cue.end()):
                self.emit(v, e, "symptomOf", target, cue.start(), rule="symptoms-include")
            self._places(v, target, cue.end(), len(v.text))
        for cue in cues.SYMPTOM_OF.finditer(v.text):
            for c in v.after(cue.end(), CONDITION)[:1]:
                for s in v.of(CONDITION, 0, cue.start()):
                    self.emit(v, s.entity, "symptomOf", c.entity, cue.start(), rule="symptom-of")
        complication = bool(cues.UNTREATED.search(self._block_text(v)))
        for cue in cues.CAUSE_VERB.finditer(v.text):
            if re.search(r"\b(?:the|root|these|those|its|main|common|what|of|possible|underlying|other)\s+$", v.text[:cue.start()], re.I):
                continue  # "what causes", "the root causes": a noun or a question, not a claim
            named = v.main_subject(CONDITION + ("CausalFactor", "AnatomicalStructure"), cue.start())
            subject = named[0].entity if named else None
            may_cause = subject is not None and not subject.is_a("AnatomicalStructure")
            if not may_cause:
                if v.pronoun or v.condition_anaphor:
                    subject = self.disease(v, explicit=False)
                    may_cause = True
                elif v.of(TREATMENT, 0, cue.start()):
                    continue  # a treatment's effect, not a condition's symptom
                else:  # "Some people may feel …", "The spinal canal getting narrower can cause …"
                    subject = self.disease(v, explicit=False)
            if subject is None:
                continue
            for o in self._symptom_list(v, cue.end(), clause=True, outcomes=complication):
                if complication and subject.is_a("Disease"):
                    self.emit(v, o, "complicationOf", subject, cue.start(), rule="complication")
                elif o.is_a("Symptom") and subject.is_a("Disease"):
                    self.emit(v, o, "symptomOf", subject, cue.start(), rule="causes-symptom")
                elif may_cause and o.is_a("Condition") and not o.is_a("Symptom") and not subject.is_a("Symptom"):
                    self.emit(v, subject, "causes", o, cue.start(), rule="causes")
            if subject.is_a("Disease"):
                self._places(v, subject, cue.end(), v.clause_end(cue.end()))
        if complication:
            for cue in re.finditer(r"\bworsen(?:s|ing)?\b", v.text):
                subject = self.disease(v)
                for o in v.after(cue.start(), CONDITION):
                    self.emit(v, o.entity, "complicationOf", subject, cue.start(), rule="complication")
        for m in v.of(("Symptom",)):
            nxt = v.of(("Disease",), m.end, m.end + 25)
            if nxt and cues.FROM_CONDITION.match(v.text[m.end:nxt[0].start]) and not m.entity.is_a("Disease"):
                self.emit(v, m.entity, "symptomOf", nxt[0].entity, m.start, rule="symptom-from")
        for cue in cues.TYPES_OF.finditer(v.text):
            of = v.of(("Condition",), cue.start(), cue.end())
            parent = of[0].entity if of else self.disease(v, explicit=False)
            for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "Disease"):
                self.emit(v, e, "subtypeOf", parent, cue.start(), rule="types")
        for dx in v.of(("DiagnosticProcedure",)):
            self.emit(v, self.disease(v), "diagnosedBy", dx.entity, dx.start, rule="diagnosis")
        subject = disease[0] if disease else (self.disease(v, explicit=False) if v.pronoun or v.condition_anaphor else None)
        if subject is not None and cues.ANATOMY_CONDITION_CUE.search(v.text):
            for a in v.of(("AnatomicalStructure",), nested=True):
                if a.nested or cues.LOCATIVE.search(v.text[:a.start]):
                    self.emit(v, subject, "affectsAnatomy", a.entity, a.start, rule="anatomy")
        if cues.POPULATION_CUE.search(v.text):
            target = subject or (self.disease(v, explicit=False) if re.match(r"\s*(?:Most|Many)\s+cases\b", v.text) else None)
            for p in v.of(("Population",)):
                if target is not None and not cues.QUALIFIER_POPULATION.search(v.text[max(0, p.start - 20):p.end + 1]):
                    self.emit(v, target, "affectsPopulation", p.entity, p.start, rule="population")
        m = cues.MOST_COMMON.search(v.text)
        if m and disease:
            self.emit(v, disease[0], "prevalence", m.group("v"), m.start(), rule="prevalence")

    def _places(self, v: View, condition: Entity | None, start: int, end: int) -> None:
        """"… in the lower back, legs, and buttocks": where the condition's symptoms are felt."""
        for a in v.of(("AnatomicalStructure",), start, end):
            if re.search(r"\bin\s+(?:the|their|your)\s+", v.text[start:a.start]):
                self.emit(v, condition, "affectsAnatomy", a.entity, a.start, rule="anatomy-of-symptoms")

    def _symptom_list(self, v: View, start: int, *, clause: bool = False, outcomes: bool = False) -> list[Entity]:
        """Symptoms listed from ``start``, with "pain … in the lower back and legs" read as
        *lower back pain* and *leg pain* when the lexicon knows those."""
        end = v.clause_end(start) if clause else len(v.text)
        types = CONDITION + (("Outcome",) if outcomes else ())
        named = v.of(types, start, end)
        if not named:
            return list_entities(v, self.lexicon, start, end, types, None)
        places = [a for a in v.of(("AnatomicalStructure",), start, end) if re.search(r"\bin\s+(?:the|their|your)\s+", v.text[start:a.start])]
        out: list[Entity] = []
        for m in named:
            composed = [self.lexicon.lookup(f"{v.text[a.start:a.end]} {v.text[m.start:m.end]}") for a in places]
            composed = [c for c in composed if c is not None and c.is_a("Symptom")]
            out += composed or [m.entity]
        return list(dict.fromkeys(out))

    def _block_text(self, v: View) -> str:
        # segments are in text order and a block is contiguous: walk back from this one
        # (scanning every segment for each call made reading quadratic in the article)
        parts, i = [], v.seg.index
        while i >= 0 and self.segments[i].block == v.seg.block:
            parts.append(self.segments[i].text)
            i -= 1
        return " ".join(reversed(parts))

    def _etiology(self, v: View, continued: bool) -> None:
        for cue in cues.CAUSED_BY.finditer(v.text):
            effects = [m.entity for m in v.main_subject(CONDITION, cue.start())] or [
                e for e in [self.disease(v, explicit=False)] if e]
            causes = list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), ("Condition", "CausalFactor"), None)
            if not causes and cues.SEVERAL_FACTORS.search(v.text[cue.end():]):
                self._open(v, "causes", effects[0] if effects else None)
            for c in causes:
                for e in effects:
                    if not c.is_a("Symptom"):
                        self.emit(v, c, "causes", e, cue.start(), rule="caused-by")
        for cue in cues.RISK_FACTORS.finditer(v.text):
            of = v.of(("Disease",), cue.start(), cue.end())
            target = of[0].entity if of else self.resolve(("Disease",), topic=True)
            for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), ("Condition", "CausalFactor"), "CausalFactor"):
                self.emit(v, e, "riskFactorFor", target, cue.start(), rule="risk-factors")
        if continued:
            return
        for cue in cues.AGGRAVATES.finditer(v.text):
            if cue.group("obj"):
                targets = [m.entity for m in v.of(CONDITION, cue.start(), cue.end())]
            else:
                targets = [m.entity for m in v.after(cue.end(), CONDITION)]
            if not targets:
                continue
            subjects = [m.entity for m in v.of(("Condition", "CausalFactor"), 0, cue.start())]
            subjects = [s for s in subjects if s not in targets]
            if not subjects and cues.SEVERAL_FACTORS.search(v.text[:cue.start()]):
                self._open(v, "aggravates", targets[0])
            for s in subjects:
                self.emit(v, s, "aggravates", targets[0], cue.start(), rule="aggravates")

    def _recommendations(self, v: View) -> None:
        for cue in cues.KEY_APPROACH.finditer(v.text):
            subjects = [m.entity for m in v.main_subject(("Therapy", "DrugClass", "Drug"), cue.start())]
            if not subjects:
                continue
            named = v.of(("Disease",), cue.end())
            target = named[0].entity if named else self.topic_condition
            for s in subjects:
                self.emit(v, target, "recommendedApproach", s, cue.start(), rule="key-approach")
        for cue in cues.MEANS_USING.finditer(v.text):
            before = v.of(("Disease",), 0, cue.start())
            if before and re.search(r"\bmanag|\btreat", v.text[:cue.start()], re.I):
                for t in v.after(cue.end(), TREATMENT):
                    self.emit(v, before[0].entity, "recommendedApproach", t.entity, cue.start(), rule="means-using")
        for cue in cues.PLAN_INCLUDES.finditer(v.text):
            named = v.of(CONDITION, cue.start("cond"), cue.end("cond"))
            target = named[0].entity if named else None
            for t in v.after(cue.end(), TREATMENT):
                self.emit(v, t.entity, "usedFor", target, cue.start(), rule="plan-includes")
        for cue in cues.GUIDELINES.finditer(v.text):
            for t in v.after(cue.end(), TREATMENT):
                self.emit(v, self.topic_condition, "recommendedApproach", t.entity, cue.start(), rule="guidelines")
        for cue in cues.NOT_RECOMMENDED.finditer(v.text):
            named = v.of(("Disease",), cue.end())
            target = named[0].entity if named else self.topic_condition
            for s in v.main_subject(TREATMENT, cue.start()):
                self.emit(v, s.entity, "notRecommendedFor", target, cue.start(), rule="not-recommended")

    def _evidence(self, v: View) -> None:
        cites = [c for c in self.citations if v.base <= c.start < v.seg.end]
        back = refers_back(v.text)
        if not cites and back and self._last_citation is not None:
            report = cues.STUDY_REPORT.search(v.text)
            if report:
                self._report(v, self._last_citation, report)
            return
        for c in cites:
            if c.kind == "JournalArticle" and c.end - c.start > 80:  # a reference-list entry
                continue
            studied = [m.entity for m in v.of(("Drug", "DrugClass", "Therapy", "Condition")) if not m.entity.is_a("Symptom", "AdverseEffect")]
            if not any(e.is_a(*DRUG) for e in studied) or cues.COMPARABLE.search(v.text) or cues.TOLERATED.search(v.text):
                if self.topic_drug is not None:
                    studied.append(self.topic_drug)
            for e in dict.fromkeys(studied):
                self.emit(v, c, "studies", e, c.start - v.base, rule="study", firm=Firmness("Asserted"))
            report = cues.STUDY_REPORT.search(v.text, c.end - v.base)
            if report:
                self._report(v, c, report)

    def _report(self, v: View, c: Citation, report: re.Match) -> None:
        value = re.sub(r"^(?:it|they)\s+(?=\w)", "", report.group("v")).strip().rstrip(".")
        value = re.sub(r"\s*\([^)]*(?:PMID|doi|et al|\d{4})[^)]*\)\s*$", "", value, flags=re.I)
        if len(value.split()) >= 2:
            self.emit(v, c, "reportedOutcome", value, report.start(), rule="reported", firm=firmness(value))

    # -- tables ------------------------------------------------------------------------------------

    def _table_row(self, v: View) -> None:
        seg = v.seg
        if seg.lead is None:
            return  # the header row
        header = self.segments[seg.lead]
        heads = [self.text[a:b].lower() for a, b in header.cells]
        cells = [(a - v.base, b - v.base) for a, b in seg.cells]
        if len(heads) != len(cells) or not cells:
            return
        header_mentions = self.lexicon.match(self.text, header.start, header.end)
        first = v.of(("Entity",), *cells[0])
        row_drug = next((m.entity for m in first if m.entity.is_a(*DRUG)), None) or next(
            (m.entity for m in header_mentions if m.entity.is_a(*DRUG)), None) or self.topic_drug
        row_condition = next((m.entity for m in first if m.entity.is_a(*CONDITION)), None)
        row_cites = [c for c in self.citations if seg.start <= c.start < seg.end]
        for head, (a, b) in zip(heads, cells):
            cell = v.text[a:b]
            if re.search(r"\b(?:sample|participants|patients|subjects)\b|^n$", head) and row_cites:
                self.emit(v, row_cites[0], "sampleSize", cell, a, rule="table-sample", firm=Firmness("Asserted"))
            elif re.search(r"\b(?:outcome|result|finding)s?\b", head) and row_cites:
                self.emit(v, row_cites[0], "reportedOutcome", cell, a, rule="table-outcome", firm=firmness(cell))
            elif re.search(r"\b(?:study|trial|reference|source|author)s?\b", head) and row_cites:
                self.emit(v, row_cites[0], "studies", self.topic_drug, a, rule="table-study", firm=Firmness("Asserted"))
            elif re.search(r"\b(?:efficacy|effectiveness)\b", head):
                conditions = v.of(CONDITION, a, b) or [m for m in header_mentions if m.entity.is_a(*CONDITION)][-1:]
                target = row_condition or (conditions[0].entity if conditions else None)
                subject = row_drug if row_condition else next((m.entity for m in first if m.entity.is_a(*TREATMENT)), row_drug)
                self.emit(v, subject, "treats", target, a, rule="table-efficacy", eff=efficacy(cell),
                          firm=firmness(cell) if firmness(cell).certainty != "Possible" else Firmness("Asserted"))
            elif re.search(r"\bside[- ]effects?|adverse\b", head):
                subject = next((m.entity for m in first if m.entity.is_a(*TREATMENT)), None)
                for e in list_entities(v, self.lexicon, a, b, CONDITION, "AdverseEffect"):
                    self.emit(v, subject, _effect_predicate(head), e, a, rule="table-effects", firm=Firmness("Asserted"))
            elif re.search(r"\bexamples?\b", head):
                for m in v.of(TREATMENT, a, b):
                    for h in first:
                        self.emit(v, h.entity, "example", m.entity, a, rule="table-examples", firm=Firmness("Asserted"))
            elif re.search(r"\b(?:role|use|used|indication|best for)\b", head) and row_condition is not None:
                if cues.OFF_LABEL.search(cell):
                    self.emit(v, row_drug, "offLabelUseFor", row_condition, a, rule="table-role", firm=Firmness("Asserted"))
            elif re.search(r"\b(?:use|used|purpose|indication)\b", head):
                subject = next((m.entity for m in first if m.entity.is_a(*TREATMENT)), None)
                for m in v.of(CONDITION, a, b, nested=True):
                    self.emit(v, subject, "treats", m.entity, a, rule="table-use", firm=Firmness("Asserted"))
                for m in v.of(("Mechanism",), a, b):
                    self.emit(v, subject, "hasMechanism", m.entity, a, rule="table-use", firm=Firmness("Asserted"))
            elif re.search(r"\b(?:cause|factor)s?\b", head):
                targets = [m.entity for m in header_mentions if m.entity.is_a("Disease")]
                for m in v.of(("Condition", "CausalFactor"), a, b):
                    for t in targets[:1]:
                        self.emit(v, m.entity, "causes", t, a, rule="table-cause", firm=Firmness("Asserted"))
        for cue in cues.AGGRAVATES.finditer(v.text):
            targets = [m.entity for m in v.after(cue.end(), CONDITION)]
            for s in v.of(("Condition", "CausalFactor"), 0, cue.start()):
                if targets and s.entity not in targets:
                    self.emit(v, s.entity, "aggravates", targets[0], cue.start(), rule="table-aggravates",
                              firm=Firmness("Asserted"))


def _effect_predicate(qualifier: str) -> str:
    q = qualifier.lower()
    if re.search(r"\b(?:serious|severe|major)\b", q):
        return "seriousAdverseEffect"
    if re.search(r"\b(?:rare|rarely|uncommon)\b", q):
        return "rareAdverseEffect"
    return "commonAdverseEffect"


def _governed(v: View, m: Mention) -> bool:
    """A condition the sentence treats ("for X", "with X", "of X"), not one it mentions in passing."""
    return bool(re.search(r"\b(?:for|with|of|help\s+with|treat(?:ing)?)\s+(?:\w+\s+){0,2}$", v.text[:m.start]))


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
