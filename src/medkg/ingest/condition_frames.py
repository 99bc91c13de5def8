"""General frames of what a condition is: its kind, how it is felt, where it strikes, whom it
affects, how common it is, how long it lasts, what raises its risk, sets it off or follows it.

Methods of :class:`~medkg.ingest.relations.Reader` (a mixin), called by the general frames of
:mod:`medkg.ingest.frames`, whose subjects and objects they use.
"""

from __future__ import annotations

import re

from .conditions import _NOT_A_KIND
from .context import CONDITION, DRUG, View
from .hedging import is_negated
from .lexicon import Entity
from .nounphrases import POPULATION_HEAD, is_name, noun_phrases, unbracketed

#: "Alcohol can trigger an attack", "Stress may worsen the symptoms": what aggravates a condition (list before).
_TRIGGERS = re.compile(r"\s+(?:(?:can|may|often|also|commonly|sometimes)\s+){0,2}(?:trigger|triggers|worsen|worsens|aggravate|"
                       r"aggravates|bring\s+on|brings\s+on|set\s+off)\s+(?:an?\s+|the\s+)?(?:attacks?|symptoms?|episodes?|"
                       r"flares?|it|them|pain|headaches?)?\b", re.I)
#: "D develops after A, B or C", "D may occur after an injury": what comes before a condition.
_AFTER = re.compile(r"\b(?:develops?|occurs?|appears?|starts?|begins?|happens?|can\s+(?:develop|occur|start|happen)|"
                    r"may\s+(?:develop|occur|start|happen))\s+(?:\w+\s+)?(?:after|following)\s+", re.I)
#: "D is severe pain that …", "It is manifested as a very intense headache": what a condition is felt as.
_MANIFESTS = re.compile(r"\b(?:is|are)\s+(?:often\s+|usually\s+|typically\s+)?(?:manifested|described|felt|experienced|"
                        r"characterized|marked)\s+(?:as|by)\s+", re.I)
#: "D usually affects an arm or a leg": where a condition is felt, or whom it affects.
_AFFECTS = re.compile(r"\b(?:(?:usually|mostly|mainly|often|commonly|typically|most\s+often|primarily)\s+)?affects?\s+", re.I)
#: "about 20 percent of people in the United States (have GERD)": how common a condition is.
_PREVALENCE = re.compile(
    r"(?P<v>(?:(?:about|approximately|nearly|around|roughly|an\s+estimated|estimated|more\s+than|over|up\s+to|close\s+to|"
    r"almost|at\s+least)\s+)?(?:\d[\d,.]*(?:\s*(?:to|-|–)\s*\d[\d,.]*)?(?:\s*(?:%|percent))?(?:\s+(?:million|billion))?|"
    r"one\s+in\s+\w+|half|a\s+third|one[- ]third|a\s+quarter|one[- ]quarter|two[- ]thirds)\s+(?:of\s+)?(?:all\s+|the\s+)?"
    r"(?:U\.?S\.?\s+)?(?:people|adults|children|women|men|Americans|persons|individuals|population|adult\s+population)\b"
    r"[^,.;]{0,50}?)(?=[,.;]|\s+(?:have|has|had|get|develop|experience|suffer|are|each|every|who|with|will)\b|$)", re.I)
#: "Gout is a common, painful form of arthritis", "depression, which is a mood disorder": what kind a condition is.
_FORM_OF = re.compile(r"(?:\b(?:is|are)|,\s+which\s+(?:is|are))\s+(?:(?:often\s+|also\s+|usually\s+)?(?:considered|classified\s+as|"
                      r"regarded\s+as|known\s+as)\s+)?(?:(?:a|an|one)\s+)?(?:(?:[\w-]+,?\s+){0,3}?(?:form|type|kind|subtype|"
                      r"variant|category)s?\s+of\s+)?", re.I)
#: "gout first attacks your big toe", "It can also attack ankles, heels, knees": where a condition strikes.
_ATTACKS = re.compile(r"\b(?:(?:first|often|usually|also|can|may|commonly|mostly)\s+){0,2}(?:attacks?|strikes?|involves?|damages?|"
                      r"occurs?\s+in|develops?\s+in)\s+", re.I)
#: "You are more likely to get gout if you:" / "at greater risk": who is at risk (list items or the clause).
_LIKELIER_IF = re.compile(r"\b(?:more\s+likely\s+to\s+(?:get|have|develop|be\s+diagnosed\s+with)|at\s+(?:a\s+)?(?:higher|"
                          r"greater|increased)\s+risk\s+(?:of|for)(?:\s+developing)?|risk\s+factors?\s+(?:for|of|include))\b",
                          re.I)
#: "can last from 15 minutes to a few hours": how long a condition or its attacks last.
_LASTS = re.compile(
    r"\b(?:lasts?|lasting|continues?|persists?)\s+(?:for\s+)?(?P<v>(?:from\s+|about\s+|up\s+to\s+|more\s+than\s+|at\s+least\s+)?"
    r"(?:\d[\d.,]*|a\s+few|several|one|two|three|four|five|six|seven|eight|nine|ten|a)\s*(?:(?:to|-|–|or)\s*(?:a\s+few\s+|"
    r"several\s+|\d[\d.,]*\s*)?)?(?:minutes?|hours?|days?|weeks?|months?|years?)(?:\s+(?:to|or)\s+(?:a\s+few\s+|several\s+|"
    r"\d[\d.,]*\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?))?)", re.I)
#: Body parts the shipped anatomy (Hetionet's UBERON subset) lacks, drafted without an identifier when a
#: condition "attacks" or "affects" them.
_BODY_PART = re.compile(r"\b(?:toes?|fingers?|thumbs?|ankles?|heels?|wrists?|esophagus|jaws?|gums?|teeth|tooth|throat|spine|"
                        r"shoulders?|scalp|nails?|tongue|bowels?|intestines?|eyelids?|pupils?|joints?|elbows?|knees?)$", re.I)
#: "most common in non-Hispanic white women": whom a condition affects most.
_COMMON_IN = re.compile(r"\b(?:more|most|less|especially|particularly)\s+(?:common|likely|prevalent|frequent)\s+(?:to\s+"
                        r"(?:occur|develop)\s+)?(?:in|among)\s+", re.I)
#: "Repetitive walking and jogging are risk factors for plantar fasciitis" (list before).
_ARE_RISK_FACTORS = re.compile(r"\s+(?:are|is)\s+(?:also\s+)?(?:a\s+|an\s+|the\s+)?(?:(?:main|major|common|known|important|"
                               r"significant)\s+)?risk\s+factors?\s+(?:for|of)\s+(?:developing\s+)?", re.I)
#: "a common condition that causes heel pain": what a condition brings.
_CONDITION_THAT = re.compile(r"\b(?:condition|disease|disorder|syndrome|infection|illness)\s+(?:that|which)\s+(?:often\s+|usually\s+|"
                             r"can\s+|may\s+)?(?:causes?|leads?\s+to|results?\s+in|produces?)\s+", re.I)
#: "A serious complication of shingles is PHN", "Complications of D include …".
_COMPLICATION = re.compile(r"\bcomplications?\s+of\s+(?P<of>[^,;:]{1,50}?)\s+(?:is|are|include|includes|can\s+include|may\s+include)"
                           r"\s*:?\s+", re.I)


class ConditionFrameCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: the condition frames."""

    def _condition_frames(self, v: View, since: int, side_passage: bool) -> None:
        """What a condition is felt as, where, after what, and what sets it off."""
        t = v.text
        if side_passage or self._about_drug(v):
            return
        for m in _TRIGGERS.finditer(t):
            condition = self._frame_condition(v, m.end(), named=t[m.end():m.end() + 40] or None) or self.topic_condition
            if condition is not None:
                self._frame_objects(v, since, condition, "aggravates", v.main, m.start(), "CausalFactor",
                                    ("Condition", "CausalFactor", "Substance", "Drug", "DrugClass"), before=True, inverse=True)
        if not re.search(r"\b(?:stud(?:y|ies)|trials?|participants|enrolled|randomi[sz]ed|volunteers)\b", t, re.I):
            for m in _PREVALENCE.finditer(t) if not v.of(DRUG) else ():
                named = [x for x in v.of(("Disease",)) if not x.nested]
                condition = named[0].entity if named else (self.disease(v, explicit=False) if v.pronoun or
                                                           v.condition_anaphor else None)
                if condition is not None:
                    self.emit(v, condition, "prevalence", " ".join(m.group("v").split()), m.start(),
                              rule="frame-prevalence", confidence=0.5)
        for m in _ARE_RISK_FACTORS.finditer(t):
            named = [x.entity for x in v.of(CONDITION, m.end(), m.end() + 60) if not x.nested]
            condition = named[0] if named else None
            if condition is not None:
                self._frame_objects(v, since, condition, "riskFactorFor", v.main, m.start(), "CausalFactor",
                                    ("Condition", "CausalFactor", "Therapy", "Substance"), before=True, inverse=True)
        for m in _CONDITION_THAT.finditer(t):
            condition = self._frame_condition(v, m.start(), subject_only=True, new=True)
            if condition is not None:
                self._frame_objects(v, since, condition, "symptomOf", m.end(), len(t), "Symptom", CONDITION, inverse=True)
        for m in _COMPLICATION.finditer(t):
            named = [x.entity for x in v.of(CONDITION, m.start("of"), m.end("of")) if not x.nested]
            if named:
                self._frame_objects(v, since, named[0], "complicationOf", m.end(), len(t), "Condition", CONDITION,
                                    inverse=True)
        for m in _FORM_OF.finditer(t):
            named = [x for x in v.of(CONDITION, 0, m.start()) if not x.nested]
            condition = named[-1].entity if named and m.group().lstrip().startswith(",") else (
                self._frame_condition(v, m.start(), subject_only=True, new=True))
            if condition is None:
                continue
            stop = re.search(r"[,.;:(]|\s(?:that|which|who|where|in\s+which|causing|characterized|marked|with|affecting)\b|$",
                             t[m.end():])
            phrase = t[m.end():m.end() + stop.start()].strip()
            kind = self.lexicon.ground(phrase)
            words = phrase.lower().split()
            if not is_name(phrase) or len(words) > 5 or (kind is not None and kind.key == condition.key) or \
                    re.fullmatch(r"(?:disease|disorder|condition|syndrome|illness|problem)s?", _NOT_A_KIND.sub("", phrase), re.I):
                continue  # "a common and chronic disorder": how common, not what kind
            head = self.lexicon.ground(words[-1]) if words else None
            felt = ("Symptom", "AdverseEffect")
            if kind is not None and kind.is_a(*felt) and not kind.is_a("Disease") or re.search(r"\bpain$", phrase) or (
                    kind is None and head is not None and head.is_a(*felt) and not head.is_a("Disease")):
                self.emit(v, kind or self.lexicon.new_entity(phrase, "Symptom"), "symptomOf", condition, m.end(),
                          rule="frame-is-felt-as", confidence=0.5)  # "CRPS is severe pain that …"
            elif kind is not None and kind.is_a("Disease") or re.search(r"\bof\s*$", m.group()) or re.search(
                    r"(?:disease|disorder|condition|syndrome|arthritis|infection|illness|neuropathy|cancer|headache)s?$", phrase):
                if not any(f.subject == condition and f.predicate == "subtypeOf" for f in self.found[since:]):
                    self.emit(v, condition, "subtypeOf", kind or self.lexicon.new_entity(phrase, "Disease"), m.end(),
                              rule="frame-subtype", confidence=0.5)
        for m in _COMMON_IN.finditer(t):
            condition = self._frame_condition(v, m.start(), subject_only=True)
            if condition is not None:
                self._anatomy_objects(v, since, condition, m.end())
        for m in _ATTACKS.finditer(t):
            condition = self._frame_condition(v, m.start(), subject_only=True)
            if condition is not None:
                self._anatomy_objects(v, since, condition, m.end())
        if self.topic_drug is None:
            for m in _LASTS.finditer(t):
                named = [x for x in v.of(CONDITION, 0, m.start()) if not x.nested]
                condition = named[0].entity if named else self.topic_condition
                if condition is not None:
                    self.emit(v, condition, "duration", " ".join(m.group("v").split()), m.start(), rule="frame-lasts",
                              confidence=0.5)
        context = self._item_lead(v)
        lead = _LIKELIER_IF.search(context) if context else None
        if lead is not None:
            named = [m.entity for m in self.lexicon.match(context[lead.end():]) if m.entity.is_a(*CONDITION)]
            condition = named[0] if named else self.topic_condition
            item = re.sub(r"^(?:are|is|be|being|have|has|having|had|get|getting|take|taking|drink|drinking|eat|eating|use|"
                          r"using)\s+", "", v.text.strip().rstrip("."), flags=re.I)
            if condition is not None and is_name(item) and len(item.split()) <= 7:
                self.emit(v, self.lexicon.ground(item) or self.lexicon.new_entity(item, "CausalFactor"), "riskFactorFor",
                          condition, 0, rule="frame-risk-item", confidence=0.5)
        for m in _AFTER.finditer(t):
            condition = self._frame_condition(v, m.start(), subject_only=True)
            if condition is not None:
                self._frame_objects(v, since, condition, "riskFactorFor", m.end(), len(t), "CausalFactor",
                                    CONDITION + ("CausalFactor", "Therapy"), inverse=True)
        for m in _MANIFESTS.finditer(t):
            condition = self._frame_condition(v, m.start(), subject_only=True)
            if condition is not None:
                self._frame_objects(v, since, condition, "symptomOf", m.end(), len(t), "Symptom", CONDITION, inverse=True)
        for m in _AFFECTS.finditer(t):
            condition = self._frame_condition(v, m.start(), subject_only=True)
            if condition is not None:
                self._anatomy_objects(v, since, condition, m.end())

    def _anatomy_objects(self, v: View, since: int, condition: Entity, start: int) -> None:
        """The body parts (or the people) a list after "affects"/"attacks" names; none when negated
        ("does not affect the joints")."""
        t = v.text
        if is_negated(t[v.clause(start)[0]:start]):
            return
        for a, b in noun_phrases(t, start, len(t), lexicon=self.lexicon):
            phrase = unbracketed(t[a:b])
            if re.match(r"(?:about|close\s+to|nearly|approximately|around|more\s+than|an\s+estimated|half|one\s+in|"
                        r"\d)", phrase, re.I):
                continue  # "affects close to half the U.S. adult population": how many, read as prevalence
            known = self.lexicon.ground(phrase)
            inside = v.of(("AnatomicalStructure", "Population"), a, b, nested=True)
            kind = known if known is not None else (inside[0].entity if inside else None)
            if kind is None and known is None and _BODY_PART.search(phrase) and len(phrase.split()) <= 3:
                kind = self.lexicon.new_entity(phrase, "AnatomicalStructure")  # "big toe": no table names it
            elif kind is None and known is None and POPULATION_HEAD.search(phrase):
                kind = self.lexicon.new_entity(phrase, "Population")  # "non-Hispanic white women"
            if kind is None or not kind.is_a("AnatomicalStructure", "Population"):
                continue
            entity = known or self.lexicon.new_entity(phrase, "AnatomicalStructure" if kind.is_a(
                "AnatomicalStructure") else "Population")
            predicate = "affectsAnatomy" if kind.is_a("AnatomicalStructure") else "affectsPopulation"
            if not any(f.subject == condition and f.object == entity for f in self.found[since:]):
                self.emit(v, condition, predicate, entity, a, rule=f"frame-{predicate}", confidence=0.5)
