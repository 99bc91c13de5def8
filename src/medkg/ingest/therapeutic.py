"""Cues of what a treatment is and does: drug class, examples, indications in running text,
lines of treatment, mechanism, comparisons ("effectiveness appears similar to …") and
recommendations, and a condition page's treatment lists ("Treatment may include …",
"doctors recommend treatments including …", "stronger drugs such as A, B or C").

Methods of :class:`~medkg.ingest.relations.Reader` (a mixin): each reads one segment's
:class:`~medkg.ingest.context.View` and emits claims through ``self.emit``. The subject is
named in the sentence, or is what a pronoun stands for; a cue that lets the topic stand in
says so in its rule name (``…-topic``), which lowers the claim's confidence.
"""

from __future__ import annotations

import re

from . import cues
from .context import CONDITION, DRUG, TREATMENT, Found, View, governed as is_governed, list_entities
from .hedging import efficacy, is_negated
from .lexicon import Mention


class TherapeuticCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: treatments: class, indications in prose, lines of treatment, mechanism, comparisons."""

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
            conditions = [m.entity for m in v.of(CONDITION) if is_governed(v, m) and not m.entity.is_a("AdverseEffect")]
            negated = is_negated(v.text[max(0, cue.start() - 30):cue.start()])
            for s in subjects:
                for c in conditions or [self.topic_condition]:
                    if c is not None:
                        self.found.append(Found(s, "firstLineTreatmentFor", c, v.quote, v.firmness_at(cue.start()),
                                                negated=negated, rule="first-line"))
        for cue in cues.SECOND_LINE.finditer(v.text):
            subjects = [m.entity for m in v.main_subject(TREATMENT, cue.start())]
            for s in subjects:
                c = self.topic_condition
                named = [m.entity for m in v.of(("Disease",), cue.end()) if is_governed(v, m)]
                self.emit(v, s, "laterLineTreatmentFor", named[0] if named else c, cue.start(), rule="second-line",
                          confidence=0.75)
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
                for mol in v.after(cue.end(), ("MolecularEntity", "Drug")):  # serotonin is a compound too
                    if mol.entity.key != s.key:
                        self.emit(v, s, "increases", mol.entity, cue.start(), rule="increases")

    def _comparisons(self, v: View) -> None:
        for cue in cues.ALTERNATIVE.finditer(v.text):
            if cue.group().lower().startswith("alternative"):
                ref = v.of(DRUG, cue.end(), cue.end() + 40)[:1]
                others = [m for m in v.of(TREATMENT) if m not in ref]
            else:
                ref = v.of(DRUG, 0, cue.start())[:1]
                others = v.after(cue.end(), TREATMENT)
            if not ref and re.search(r"\balternative\s+(?:treatments?|therapies|options)\b", v.text, re.I):
                for o in others:  # "Other drugs such as A and B are alternative treatments": for the condition
                    self.emit(v, o.entity, "usedFor", self.topic_condition, cue.start(), rule="alternative-treatment",
                              confidence=0.6)
                continue
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

        for cue in cues.EFFICACY_SIMILAR_TO.finditer(v.text):
            named = v.of(DRUG, 0, cue.start())
            subject = named[-1].entity if named else self.topic_drug
            if subject is None:
                continue
            for o in v.of(DRUG, cue.end(), v.clause_end(cue.end())):
                if o.entity.key != subject.key:
                    self.emit(v, subject, "comparableEfficacyTo", o.entity, cue.start(), rule="similar-to")

    def _drugs_such_as(self, v: View) -> None:
        """On a condition's page, "Many patients will need stronger drugs such as A, B, or C", "… may
        help, such as A or B": the drugs listed are used for the condition — only with a verb of
        treating or needing, and never after "avoid", "not" or a side-effect word."""
        if not self._condition_page() or self._about_drug(v):
            return
        cue = re.search(r"\b(?:drugs|medicines|medications|painkillers|pain\s+relievers|treatments)[^.;:]{0,20}?,?\s+"
                        r"(?:such\s+as|like|including)\s+", v.text, re.I)
        if cue is None or not re.search(r"\b(?:need|needs|help|helps|relieve|treat|treated|prescribed|recommended|used|"
                                        r"ease|manage|control|enough|given|taken|options?)\b", v.text, re.I) or re.search(
                r"\b(?:avoid|not|n[’']t|never|side\s+effects?|risks?|interact\w*|overdose|abuse)\b", v.text, re.I):
            return
        for m in v.of(DRUG, cue.end(), v.clause_end(cue.end())):
            self.emit(v, m.entity, "usedFor", self.topic_condition, cue.start(), rule="drugs-such-as", confidence=0.6)

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
        for cue in cues.TREATMENTS_INCLUDE.finditer(v.text):
            if any(p.start() <= cue.start() < p.end() for p in cues.PLAN_INCLUDES.finditer(v.text)) or re.search(
                    r"\b(?:side\s+effects?|risks?|not|no)\b", v.text[:cue.start()], re.I):
                continue  # "Treatments for X include": read above; a sentence of risks or negation: no claim
            named = v.main_subject(CONDITION, cue.start())
            target = named[0].entity if named else (self.topic_condition if self.topic_drug is None else None)
            if target is None:
                continue
            for t in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), TREATMENT, "Therapy"):
                self.emit(v, t, "usedFor", target, cue.start(), rule="treatments-include", confidence=0.6)
        for cue in cues.GUIDELINES.finditer(v.text):
            for t in v.after(cue.end(), TREATMENT):
                self.emit(v, self.topic_condition, "recommendedApproach", t.entity, cue.start(), rule="guidelines")
        for cue in cues.NOT_RECOMMENDED.finditer(v.text):
            named = v.of(("Disease",), cue.end())
            if not named and re.match(r"\s*(?:for|in|to)\s+\w", v.text[cue.end():]):
                continue  # "not recommended for children": someone else, not the page's condition
            target = named[0].entity if named else self.topic_condition
            for s in v.main_subject(TREATMENT, cue.start()):
                self.emit(v, s.entity, "notRecommendedFor", target, cue.start(), rule="not-recommended")
