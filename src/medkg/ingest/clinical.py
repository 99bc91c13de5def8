"""Cues of what a condition is: symptoms, complications, causes, risk factors, aggravating
factors, types, diagnosis, where it is felt and whom it affects.

Methods of :class:`~medkg.ingest.relations.Reader` (a mixin). None of them runs on a
sentence about a drug (``_about_drug``): "It works … in the brain" does not make the
article's condition affect the brain.
"""

from __future__ import annotations

import re

from . import cues
from .context import CONDITION, TREATMENT, View, list_entities
from .lexicon import Entity


#: "… is a [kind of] disease that (can) cause …" right before the cause verb.
KIND_THAT = re.compile(r"\b(?:disease|disorder|condition|syndrome|illness)\s+that\s+(?:(?:can|may|often|usually|commonly)\s+)?$",
                       re.I)


class ClinicalCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: symptoms, causes, complications, types, diagnosis of a condition."""

    def _clinical(self, v: View) -> None:
        disease = [m.entity for m in v.main_subject(("Disease",))]
        about_drug = self._about_drug(v)
        for cue in cues.SYMPTOMS_INCLUDE.finditer(v.text):
            of = v.of(("Disease",), cue.start(), cue.end())
            target = of[0].entity if of else (self._condition_just_named(v) or self.disease(v, explicit=False))
            if not of and cue.group().lower().endswith(" is"):
                # "The main symptom is …": of what the page is about, only when its title names it
                target = self.topic_condition
                if target is None or target.label.lower() not in self.title.lower():
                    continue
            listed = bool(re.search(r"\binclud|\bsuch\s+as|\bis$", cue.group(), re.I)) and not about_drug
            for e in self._symptom_list(v, cue.end(), new=listed):
                self.emit(v, e, "symptomOf", target, cue.start(), rule="symptoms-include")
            self._places(v, target, cue.end(), len(v.text))
        for cue in cues.SYMPTOM_OF.finditer(v.text):
            for c in v.after(cue.end(), CONDITION)[:1]:
                for s in v.of(CONDITION, 0, cue.start()):
                    self.emit(v, s.entity, "symptomOf", c.entity, cue.start(), rule="symptom-of")
        complication = bool(cues.UNTREATED.search(self._block_text(v)))
        for cue in cues.CAUSE_VERB.finditer(v.text) if not about_drug else ():
            if re.search(r"\b(?:the|root|these|those|its|main|common|what|of|possible|underlying|other)\s+$", v.text[:cue.start()], re.I):
                continue  # "what causes", "the root causes": a noun or a question, not a claim
            named = v.main_subject(CONDITION + ("CausalFactor", "AnatomicalStructure"), cue.start())
            subject = named[0].entity if named else None
            may_cause = subject is not None and not subject.is_a("AnatomicalStructure")
            if not may_cause:
                if v.pronoun and v.pronoun.startswith("This") and not v.condition_anaphor:
                    continue  # "This can cause …": what the last sentence said does it, not a condition
                if v.pronoun or v.condition_anaphor:
                    subject = self.disease(v, explicit=False)
                    may_cause = True
                elif v.of(TREATMENT, 0, cue.start()):
                    continue  # a treatment's effect, not a condition's symptom
                else:  # "Some people may feel …", "The spinal canal getting narrower can cause …"
                    subject = self.disease(v, explicit=False)
            if subject is None:
                continue
            if subject.is_a("Disease") and not complication and KIND_THAT.search(v.text, 0, cue.start()):
                # "an inflammatory disease that causes pain, swelling, and loss of function in the joints":
                # what the disease causes is what it presents with, each item a whole noun phrase
                for o in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "Symptom"):
                    if not o.is_a("Disease") and o.key != subject.key:
                        self.emit(v, o, "symptomOf", subject, cue.start(), rule="disease-that-causes", confidence=0.65)
                continue
            # "People with X may have A, B and C": an explicit list of what the disease brings
            people = bool(re.match(r"(?:In\s+addition,?\s+)?(?:people|patients|those|adults|children|individuals)\s+"
                                   r"(?:with|who\s+have)\b", v.text[v.main:]) and re.search(
                r"\b(?:feel|experience|have|notice|develop)$", cue.group()))
            for o in self._symptom_list(v, cue.end(), clause=True, outcomes=complication, new=people):
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
        if about_drug:
            return
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

    def _symptom_list(self, v: View, start: int, *, clause: bool = False, outcomes: bool = False,
                      new: bool = False) -> list[Entity]:
        """Symptoms listed from ``start``, with "pain … in the lower back and legs" read as
        *lower back pain* and *leg pain* when the lexicon knows those. With ``new`` (after an
        explicit "Symptoms include"), an item no table knows is drafted as a symptom, so that
        "a loss of energy" is not dropped beside a known "fatigue"."""
        end = v.clause_end(start) if clause else len(v.text)
        types = CONDITION + (("Outcome",) if outcomes else ())
        named = v.of(types, start, end)
        if not named or new:
            items = list_entities(v, self.lexicon, start, end, types, "Symptom" if new else None)
            if not named:
                return items
            known = {m.entity.key for m in v.of(("Entity",), start, end, nested=True)}
            extra = [e for e in items if e.key not in known and e.origin == "new"]
        else:
            extra = []
        places = [a for a in v.of(("AnatomicalStructure",), start, end) if re.search(r"\bin\s+(?:the|their|your)\s+", v.text[start:a.start])]
        out: list[Entity] = []
        for m in named:
            composed = [self.lexicon.lookup(f"{v.text[a.start:a.end]} {v.text[m.start:m.end]}") for a in places]
            composed = [c for c in composed if c is not None and c.is_a("Symptom")]
            out += composed or [m.entity]
        return list(dict.fromkeys(out + extra))

    def _etiology(self, v: View, continued: bool) -> None:
        for cue in cues.CAUSED_BY.finditer(v.text):
            effects = [m.entity for m in v.main_subject(CONDITION, cue.start())] or [
                e for e in [self.disease(v, explicit=False)] if e]
            bare = re.fullmatch(r"\s*([A-Z][\w-]+)\s*", v.text[v.main:cue.start()])
            if bare and not v.of(("Entity",), v.main, cue.start()) and bare.group(1).lower() not in ("it", "this", "they"):
                continue  # "Shingles is caused by …" with *shingles* unknown: of that, not of the topic
            named = v.main_subject(CONDITION, cue.start())
            # "Shingles is caused by the varicella zoster virus": a disease named right before an explicit
            # "is caused by" — an unknown cause is drafted as a whole noun phrase
            explicit = bool(named) and re.match(r"\s*(?:\([^)]{1,20}\)\s*)?(?:is|are)\s+(?:(?:often|usually|mostly|mainly|"
                                                 r"commonly|typically|most\s+often|sometimes)\s+)?(?:caused|triggered)\s+by\b",
                                                 v.text[named[-1].end:cue.end()]) is not None
            start = cue.end()
            factors = re.match(r"\s*(?:a\s+number\s+of\s+|several\s+|many\s+|various\s+)?(?:different\s+)?(?:factors|things|triggers)"
                               r",?\s+(?:including|such\s+as|like)\s+", v.text[cue.end():])
            if factors:  # "triggered by a number of different factors, including stress, …"
                start = cue.end() + factors.end()
                effects = [e for e in effects if all(m.entity.key != e.key for m in v.of(CONDITION, start))]
                explicit = bool(effects)
            causes = list_entities(v, self.lexicon, start, v.clause_end(start), ("Condition", "CausalFactor"),
                                   "CausalFactor" if explicit else None)
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
        if continued or self._about_drug(v):
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
