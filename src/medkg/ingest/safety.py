"""Cues of safety and use: side effects (sentences and lists), contraindications, cautions,
interactions, monitoring, warnings, withdrawal, and dosing phrases.

Methods of :class:`~medkg.ingest.relations.Reader` (a mixin). A list item is read with its
lead-in ("Serious side effects of X include:"), so its claims need no fallback subject.

Label and drug-page phrasings read here are the general ones ("Do not use X if you have …",
"X may increase the risk of …", "Tell your doctor if you are taking …", "Drug interactions of
X include …", "It is unclear if use in pregnancy is safe", "It is taken by mouth"), never a
page's sentence: the held-out pages showed that cues fitted to the development pages do not
transfer.
"""

from __future__ import annotations

import re

from . import cues
from .context import CONDITION, DRUG, TREATMENT, View, list_entities
from .hedging import firmness
from .lexicon import Entity


class SafetyCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: side effects, contraindications, cautions, interactions, warnings, dosing."""

    def _list_item(self, v: View) -> None:
        """A list item governed by its lead-in ("Common Side Effects:", "… recommended … include:")."""
        lead = v.context
        se = cues.SIDE_EFFECTS.search(lead) or re.search(r"\b(?:side[- ]effects?|adverse\s+(?:reactions?|effects?|events?))\b",
                                                         lead, re.I)
        before = self.segments[v.seg.lead - 1].text if v.seg.lead else ""
        if not se and re.search(r"\b(?:these|the\s+following)\s+symptoms\b", lead, re.I) and re.search(
                r"\bside[- ]effects?\b", before, re.I):
            # "X may cause side effects. Tell your doctor if any of these symptoms are severe …:"
            se, lead = True, before + " " + lead
        if se and v.seg.first_in_block:
            predicate = cues.effect_predicate(re.sub(r"\bsevere\s+or\s+do\s+not\s+go\s+away\b", "", lead))
            drug = next((m.entity for m in self.lexicon.match(lead) if m.entity.is_a(*DRUG)), None) or self.resolve(DRUG, topic=True)
            items = list_entities(v, self.lexicon, 0, len(v.text), CONDITION, "AdverseEffect", item=True)
            for e in items:
                self.emit(v, drug, predicate, e, 0, rule="effects-list")
                if cues.WARNING.search(lead):
                    self.emit(v, e, "warningSignOf", drug, 0, rule="effects-list")
            for a in cues.SYMPTOM_OF.finditer(v.text):
                for c in v.after(a.end(), CONDITION):
                    for e in items:
                        self.emit(v, e, "symptomOf", c.entity, a.end(), rule="symptom-of")
            return
        if cues.SYMPTOM_LEAD.search(lead) and v.seg.first_in_block and not v.of(TREATMENT):
            items = list_entities(v, self.lexicon, 0, len(v.text), CONDITION, "Symptom", item=True)
            before = self.segments[v.seg.lead - 1].text if v.seg.lead else ""
            if cues.WATCH_FOR.search(lead) or cues.WARNING.search(lead) or cues.WARNING.search(before):
                named = cues.SYMPTOMS_OF.search(lead) or cues.SYMPTOMS_OF.search(before)
                phrase = named.group("of") if named else None
                target = (self.lexicon.ground(phrase) or self.lexicon.new_entity(phrase, "Condition")) if phrase else None
                for e in items:
                    self.emit(v, e, "warningSignOf", target, 0, rule="warning-list", confidence=0.7)
            else:
                named = [m for m in self.lexicon.match(lead) if m.entity.is_a("Disease")]
                target = named[0].entity if named else self.topic_condition
                for e in items:
                    self.emit(v, e, "symptomOf", target, 0, rule="symptoms-list", confidence=0.7)
            return
        if cues.RECOMMENDED_LEAD.search(lead) and v.seg.first_in_block:
            label = re.match(r"([^:]{2,60}):\s", v.text)
            head = v.of(TREATMENT, 0, label.end()) if label else v.of(TREATMENT, 0, 40)
            condition = self.topic_condition
            for m in head[:1]:
                self.emit(v, condition, "recommendedApproach", m.entity, m.start, rule="recommended-list",
                          firm=firmness(lead + " " + v.text[: label.end() if label else len(v.text)]))

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
            objects = [o for o in list_entities(v, self.lexicon, cue.end(), end, DRUG, "DrugClass" if plural else "Drug")
                       if "following" not in o.label.lower()]  # "… with the following:": the list is what follows
            for s in self.subjects(v, cue.start(), DRUG, topic=True):
                for o in objects:
                    self.emit(v, s, "interactsWith", o, cue.start(), rule="interacts")
            for o in v.after(cue.end(), ("MolecularEntity",)):
                for s in self.subjects(v, cue.start(), DRUG):
                    self.emit(v, s, "actsOn", o.entity, cue.start(), rule="acts-on")
        for cue in cues.DO_NOT_USE_IF.finditer(v.text):
            named = v.of(DRUG, cue.start(), cue.end())
            drugs = [named[0].entity] if named else ([self.topic_drug] if self.topic_drug is not None else [])
            for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "Condition"):
                for d in drugs:
                    self.emit(v, d, "contraindicatedIn", e, cue.start(), rule="do-not-use-if", confidence=0.7)
        for cue in cues.INCREASES_RISK.finditer(v.text):
            drugs = [m.entity for m in v.main_subject(DRUG, cue.start())] or (
                self.subjects(v, cue.start(), DRUG, topic=True) if v.pronoun and not v.condition_anaphor else [])
            end = v.clause_end(cue.end())
            cut = re.search(r"\s+(?:in|among|for|when|if|with)\s", v.text[cue.end():end])
            end = cue.end() + cut.start() if cut else end
            for e in list_entities(v, self.lexicon, cue.end(), end, CONDITION, "AdverseEffect"):
                for d in drugs:
                    self.emit(v, d, "adverseEffect", e, cue.start(), rule="increases-risk", confidence=0.65)
        for cue in cues.INTERACTIONS_INCLUDE.finditer(v.text):
            named = v.of(DRUG, cue.start("drug"), cue.end("drug"))
            drugs = [m.entity for m in named[:1]] or ([self.topic_drug] if self.topic_drug is not None and re.fullmatch(
                r"(?:it|this\s+(?:drug|medicine|medication))", cue.group("drug"), re.I) else [])
            for o in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), DRUG, None):
                for d in drugs:
                    if o.key != d.key:
                        self.emit(v, d, "interactsWith", o, cue.start(), rule="interactions-include")
        self._use_during(v)
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

    def _users(self, v: View) -> None:
        """"A may occur in patients using X who have B": A is X's adverse effect, B a caution;
        "The elderly are also at higher risk": a caution for the drug the page is about."""
        for cue in cues.OCCURS_IN_USERS.finditer(v.text):
            end = v.clause_end(cue.end())
            drugs = list(dict.fromkeys(m.entity for m in v.of(DRUG, cue.end(), end)))
            start = v.main
            that = re.search(r"\b(?:that|warns?|warning|:)\s+(?=[^:]*$)", v.text[:cue.start()])
            if that:
                start = that.end()
            effects = list_entities(v, self.lexicon, start, cue.start(), CONDITION, "AdverseEffect")
            q = re.search(r"\b(?:common|commonly|serious|severe|rare|rarely)\b", v.text[start:cue.start()], re.I)
            for d in drugs:
                for e in effects:
                    self.emit(v, d, cues.effect_predicate(q.group()) if q else "adverseEffect", e, cue.start(),
                              rule="occurs-in-users", confidence=0.75)
            who = cues.WHO_HAVE.search(v.text, cue.end(), len(v.text))
            if who and drugs:
                for c in list_entities(v, self.lexicon, who.end(), v.clause_end(who.end()), CONDITION + ("CausalFactor",),
                                       "Condition"):
                    for d in drugs:
                        self.emit(v, d, "cautionIn", c, who.start(), rule="who-have", confidence=0.65)
        m = cues.AT_RISK.match(v.text, v.main)
        if m and self.topic_drug is not None and not v.of(TREATMENT):
            end = re.search(r"\s(?:is|are)\s", v.text[m.start():]).start() + m.start()
            for p in list_entities(v, self.lexicon, m.start(), end, ("Population",) + CONDITION, "Population"):
                self.emit(v, self.topic_drug, "cautionIn", p, m.start(), rule="at-risk", confidence=0.55)

    def _caution_if(self, v: View) -> None:
        for cue in cues.CAUTION_IF.finditer(v.text):
            named = [m.entity for m in v.of(DRUG, 0, cue.end())]
            drugs = named[:1] or ([self.topic_drug] if self.topic_drug is not None else [])
            rest = v.text[cue.end():]
            taking = re.match(r"(?:are\s+)?(?:taking|using|also\s+(?:take|use))\s+(?:any\s+of\s+the\s+following:?\s*)?", rest, re.I)
            if taking and self.topic_drug is not None:
                # "Tell your doctor if you are taking aspirin or warfarin": the other drugs interact
                start = cue.end() + taking.end()
                for o in list_entities(v, self.lexicon, start, v.clause_end(start), DRUG, None):
                    for d in drugs:
                        if o.key != d.key:
                            self.emit(v, d, "interactsWith", o, cue.start(), rule="tell-if-taking", confidence=0.65)
                continue
            if re.match(r"(?:are\s+)?(?:pregnant|breast-?feeding|allergic|taking|using|planning)\b", rest, re.I):
                continue  # other cautions (pregnancy, allergy, other drugs): not a condition list
            for c in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "Condition"):
                for d in drugs:
                    self.emit(v, d, "cautionIn", c, cue.start(), rule="caution-if", confidence=0.7)

    def _adverse_effects(self, v: View) -> None:
        for cue in cues.SIDE_EFFECTS.finditer(v.text):
            of = (cue.start("of"), cue.end("of")) if cue.group("of") else (0, cue.start())
            drug = ([m.entity for m in v.of(TREATMENT, *of)][:1] or self.subjects(v, cue.start(), DRUG, topic=True)
                    or [e for e in [self.topic_treatment] if e])
            predicate = cues.effect_predicate(cue.group("q") or "")
            for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "AdverseEffect"):
                for d in drug:
                    self.emit(v, d, predicate, e, cue.start(), rule="side-effects")
        for cue in cues.COMMON_EFFECTS.finditer(v.text):
            if cues.SIDE_EFFECTS.search(v.text, cue.start(), cue.end()):
                continue  # "Common side effects include": read above
            drug = ([m.entity for m in v.of(TREATMENT, cue.start(), cue.end())][:1]
                    or self.subjects(v, cue.start(), DRUG, topic=True))
            for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "AdverseEffect"):
                for d in drug:
                    self.emit(v, d, cues.effect_predicate(cue.group("q")), e, cue.start(), rule="common-effects", confidence=0.75)
        for cue in cues.CAUSE_VERB.finditer(v.text):
            if re.search(r"\b(?:that|which|who)\s+(?:\w+\s+)?$", v.text[:cue.start()]) or re.match(
                    r"\s+(?:less|fewer|more|no)\b", v.text[cue.end():]):
                continue  # "substances that cause …" is not the drug; "causes less …" compares
            drugs = [m.entity for m in v.main_subject(DRUG, cue.start())]
            if not drugs and (v.pronoun and not v.condition_anaphor) and not v.of(CONDITION, v.main, cue.start()):
                drugs = self.subjects(v, cue.start(), DRUG)
            clause = v.text[v.clause(cue.start())[0]:v.clause_end(cue.end())]
            qualifier = re.search(r"\b(?:common|commonly|often|serious|severe|rare|rarely)\b", clause, re.I)
            predicate = cues.effect_predicate(qualifier.group()) if qualifier else "adverseEffect"
            for d in drugs:
                for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "AdverseEffect"):
                    self.emit(v, d, predicate, e, cue.start(), rule="drug-causes")
        for cue in cues.LABELLED_EFFECTS.finditer(v.text):
            drug = self.subjects(v, cue.start(), DRUG, topic=True)
            end = v.text.find(".", cue.end())
            for e in list_entities(v, self.lexicon, cue.end(), end if end > 0 else len(v.text), CONDITION, None):
                for d in drug:
                    self.emit(v, d, cues.effect_predicate(cue.group("q")), e, cue.start(), rule="labelled-effects")
        for cue in cues.WITHDRAWAL.finditer(v.text):
            # "Antidepressant withdrawal syndrome": the class names the syndrome; the drug is the page's
            modifier = [m for m in v.of(DRUG) if m.end <= cue.start() and not v.text[m.end:cue.start()].strip()]
            if modifier and self.topic_drug is not None:
                drug = [self.topic_drug]
                head = re.match(r"withdrawal\s+\w+", v.text[cue.start():], re.I)
                phrase = v.text[modifier[-1].start:cue.start()] + (head.group() if head else "withdrawal")
            else:
                drug = self.subjects(v, cue.start(), DRUG, topic=True)
                phrase = None
            if cue.group("list"):
                items = list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "AdverseEffect")
            elif phrase:
                items = [self.lexicon.ground(phrase) or self.lexicon.new_entity(phrase, "AdverseEffect")]
            else:
                named = self.lexicon.ground(cue.group()) or self.lexicon.new_entity("withdrawal symptoms", "AdverseEffect")
                items = [named]
            for d in drug:
                for e in items:
                    self.emit(v, d, "withdrawalSymptom", e, cue.start(), rule="withdrawal")

    def _use_during(self, v: View) -> None:
        """"It is unclear if use in pregnancy and breastfeeding is safe": the drug is a caution
        in each population named, only when the sentence doubts safety ("Use in pregnancy
        appears safe" is no caution)."""
        if not cues.SAFETY_DOUBT.search(v.text):
            return
        for cue in cues.USE_DURING.finditer(v.text):
            named = v.of(DRUG, 0, cue.start())
            drug = named[0].entity if named else self.topic_drug
            if drug is None or (not named and not self._about_drug(v) and not re.match(r"(?:It|There|Its)\b", v.text[v.main:])):
                continue
            for phrase in re.split(r"\s+(?:and|or)\s+(?=breast|lact)", cue.group("pop")):
                population = self.lexicon.ground(phrase) or self.lexicon.new_entity(phrase, "Population")
                self.emit(v, drug, "cautionIn", population, cue.start(), rule="use-during", confidence=0.6)

    def _regimen(self, drug: Entity) -> Entity:
        """What dose facts are said of: the graph's dosing regimen of the drug, else the drug
        itself ("duloxetine doseTiming 'once daily'"; a drafted "duloxetine dosing" node was an
        entity no page names, and its link to the drug a claim no page states)."""
        if drug.key not in self.regimens:
            known = sorted(e.key for e in self.lexicon.entities.values()
                           if e.is_a("DosingRegimen") and e.origin == "graph" and e.label.lower().startswith(drug.label.lower()))
            self.regimens[drug.key] = self.lexicon.entities[known[0]] if known else drug
        return self.regimens[drug.key]

    def _dosing(self, v: View) -> None:
        named = [m.entity for m in v.of(("Drug",))]
        drug = named[0] if named else self.resolve(("Drug",), topic=True)
        if drug is None:
            return
        if named and cues.DOSE_WORD.search(v.text):
            regimen = self._regimen(drug)
            if regimen is not drug:
                self.emit(v, drug, "hasDosingRegimen", regimen, cues.DOSE_WORD.search(v.text).start(), rule="dose")
        for predicate, pattern, needs_context in cues.DOSING:
            if needs_context and not cues.DOSE_CONTEXT.search(v.text):
                continue
            for m in pattern.finditer(v.text):
                value = next((m.group(g) for g in ("mg", "v", "v2", "route") if g in m.groupdict() and m.group(g)), None)
                if value:
                    self.emit(v, self._regimen(drug), predicate, " ".join(value.split()), m.start(), rule="dosing")
