"""Cues of what a condition is: the body parts it affects, the kind of disease it is ("X is
an inflammatory disease"), what "may also be present" on its page, and labelled fact lines.

Encyclopedia and government pages say where a disease strikes in a few ways — "primarily
affects joints", "may also affect other parts of the body, including skin, eyes, lungs",
"the wrist and hands are involved" — and summarise a disease or drug in labelled lines
("Symptoms: Warm, swollen, painful joints", "Complications: …", "Medication: …"). The
body parts listed are often missing from the shipped anatomy table, so after such a cue
each listed noun phrase is an anatomical structure, grounded if known. The subject must be
a disease named in the sentence or what "It"/"The disease" stands for; never when the
sentence is about a drug.
"""

from __future__ import annotations

import re

from .context import CONDITION, TREATMENT, View, list_entities

AFFECTS = re.compile(
    r"\b(?:(?:primarily|mainly|mostly|usually|typically|often|commonly|may\s+also|can\s+also|also|may|can)\s+)?"
    r"(?:affects?|affecting|involves?)\s+(?:the\s+)?"
    r"(?:(?:other|many|several|different)\s+parts\s+of\s+the\s+body,?\s+(?:including|such\s+as|like)\s+)?", re.I)
INVOLVED = re.compile(r"\s+(?:are|is)\s+(?:most\s+)?(?:commonly\s+|often\s+|typically\s+|usually\s+)?(?:involved|affected)\b", re.I)
_PEOPLE = re.compile(r"^(?:people|patients|adults|children|women|men|about|up\s+to|\d|more|the\s+way|how|your\s+ability)",
                     re.I)
#: "Symptoms: A, B", "Complications: …": the label names the relation, the topic is the subject.
FIELD = re.compile(r"^(?P<label>Symptoms|Signs(?:\s+and\s+symptoms)?|Complications|Causes|Risk\s+factors|"
                   r"Medications?|Treatments?|Side\s+effects|Uses|Indications|Drug\s+class)\s*:\s+", re.I)
_FIELD_RELATION = {
    "symptoms": ("symptomOf", "Symptom", False), "signs": ("symptomOf", "Symptom", False),
    "complications": ("complicationOf", "Condition", False), "causes": ("causes", "CausalFactor", False),
    "risk factors": ("riskFactorFor", "CausalFactor", False), "medication": ("treats", "Drug", True),
    "medications": ("treats", "Drug", True), "treatment": ("treats", "Therapy", True), "treatments": ("treats", "Therapy", True),
    "side effects": ("adverseEffect", "AdverseEffect", True), "uses": ("treats", "Condition", True),
    "indications": ("treats", "Condition", True), "drug class": ("memberOfDrugClass", "DrugClass", True),
}


#: "more likely to occur in people over age 60", "most often in females", "common among older adults".
POPULATION = re.compile(
    r"\b(?:(?:more|most|less)\s+)?(?:likely|common|often|frequent|prevalent)\s+(?:to\s+(?:occur|develop|happen|affect)\s+)?"
    r"(?:in|among)\s+(?P<pop>(?:people|adults|women|men|females|males|children|teenagers|those|individuals|patients|"
    r"older\s+adults|the\s+elderly|young\s+adults)\b(?:\s+(?:over|under|aged|older\s+than|younger\s+than|age)\s+"
    r"(?:age\s+)?\d+(?:\s+(?:years|and\s+older))?)?)", re.I)
#: "lasts for more than a month", "may last for months or years", "lasting 3 months or longer".
DURATION = re.compile(
    r"\blast(?:s|ing)?\s+(?:for\s+)?(?P<v>(?:more|less|longer)\s+than\s+(?:a|an|one|two|three|\d+)\s+\w+"
    r"|(?:several\s+|many\s+)?(?:hours|days|weeks|months|years)(?:\s+(?:or|to)\s+(?:even\s+)?(?:months|years|a\s+lifetime))?"
    r"|(?:a|an|\d+)\s+(?:hours?|days?|weeks?|months?|years?)(?:\s+or\s+(?:longer|more))?"
    r"|up\s+to\s+[\w\s-]{3,20}?(?=[,.;]|$)|(?:from\s+)?\d+\s+(?:to|-)\s+\d+\s+(?:hours|days|weeks|months|years))", re.I)


#: "a common and chronic disorder characterized by widespread pain, fatigue and …".
CHARACTERIZED = re.compile(r"\b(?:characteri[sz]ed|marked|defined)\s+by\s+(?:an?\s+|the\s+)?", re.I)


#: "Brain imaging is required to exclude …", "X-rays … may support a diagnosis": the test before the cue.
DIAGNOSED_WITH = re.compile(r"\s+(?:(?:is|are|may\s+be|can\s+be)\s+)?(?:(?:very\s+)?(?:crucial|key|required|needed|important|"
                            r"essential|used|helpful|useful)\s+)?(?:for|in|to)\s+(?:the\s+)?(?:diagnos\w*|confirm\w*|exclude)"
                            r"|\s+(?:may|can)\s+(?:support|confirm)\s+(?:a|the)\s+diagnosis", re.I)
#: "The diagnosis is mostly based on a person's signs and X-rays", "diagnosed with a blood test".
DIAGNOSIS_BY = re.compile(r"\b(?:diagnosis\s+is\s+(?:\w+\s+)?(?:based\s+on|made\s+(?:with|by))|diagnosed\s+(?:with|by|using)|"
                          r"tests?\s+(?:used\s+)?to\s+diagnose\s+\w+\s+include)\s+(?:an?\s+|the\s+)?", re.I)


#: "RA is an inflammatory disease that …", "X is considered a rheumatic condition", "CTS is the most common
#: entrapment neuropathy": the kind of disease the condition is (``subtypeOf``) — the noun phrase up to its head.
IS_A_KIND = re.compile(
    r"\b(?:is|are)\s+(?:(?:also\s+)?(?:considered|classified\s+as|known\s+as|regarded\s+as)\s+)?"
    r"(?:an?|the\s+most\s+common|one\s+of\s+the\s+most\s+common)\s+"
    r"(?P<kind>(?:[\w-]+,?\s+(?:and\s+)?){0,3}?(?:disease|disorder|condition|syndrome|neuropathy|infection|illness))s?\b"
    r"(?!\s+(?:of|in\s+which|where)\b)", re.I)
#: Modifiers that say how common, grave or long a disease is, not what kind it is ("a common and chronic disorder").
_NOT_A_KIND = re.compile(r"^(?:(?:common|chronic|rare|serious|severe|painful|debilitating|long-lasting|lifelong|complex|"
                         r"medical|health|mild|progressive|potentially|very|often|[\w]+-related|and),?\s+)+", re.I)


#: "Fever and low energy may also be present", "Fatigue and headaches can also occur": on a condition's page,
#: what the sentence opens with is a symptom of it.
PRESENT = re.compile(r"\s+(?:may|can|might|often|usually|commonly)\s+(?:also\s+)?(?:be\s+present|occur|develop|appear)\s*[.,;]",
                     re.I)


class ConditionCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: anatomy lists and labelled fields."""

    def _condition_subject(self, v: View, pos: int):
        named = [m.entity for m in v.main_subject(("Disease",), pos)]
        if named:
            return named[0]
        if v.condition_anaphor or re.match(r"(?:It|The\s+(?:disease|illness|disorder|condition))\b", v.text[v.main:]):
            return self.topic_condition if self.topic_drug is None or not self._about_drug(v) else None
        return None

    def _anatomy(self, v: View) -> None:
        if self._about_drug(v):
            return
        for cue in AFFECTS.finditer(v.text):
            subject = self._condition_subject(v, cue.start())
            if subject is None or _PEOPLE.match(v.text[cue.end():]) or re.search(
                    r"\b(?:not|never|n[’']t)\s+(?:\w+\s+)?$", v.text[max(0, cue.start() - 20):cue.start()]):
                continue
            end = v.clause_end(cue.end())
            for part in list_entities(v, self.lexicon, cue.end(), end, ("AnatomicalStructure",), "AnatomicalStructure"):
                if len(part.label.split()) <= 3 and not part.is_a(*CONDITION, *TREATMENT):
                    self.emit(v, subject, "affectsAnatomy", part, cue.start(), rule="affects-anatomy", confidence=0.65)
        m = INVOLVED.search(v.text)
        if m and self.topic_condition is not None and self.topic_drug is None:
            start = v.main
            lead = re.match(r"(?:Most\s+commonly|Usually|Typically|Often),?\s+", v.text[start:])
            start += lead.end() if lead else 0
            for part in list_entities(v, self.lexicon, start, m.start(), ("AnatomicalStructure",), "AnatomicalStructure"):
                if len(part.label.split()) <= 3 and not part.is_a(*CONDITION, *TREATMENT):
                    self.emit(v, self.topic_condition, "affectsAnatomy", part, m.start(), rule="involved", confidence=0.6)

    def _epidemiology(self, v: View) -> None:
        if self._about_drug(v):
            return
        for cue in POPULATION.finditer(v.text):
            subject = self._condition_subject(v, cue.start()) or (
                self.topic_condition if re.match(r"(?:It|Onset|The\s+(?:age|onset))\b", v.text[v.main:]) else None)
            if subject is None:
                continue
            phrase = " ".join(cue.group("pop").split())
            population = self.lexicon.ground(phrase) or self.lexicon.new_entity(phrase, "Population")
            self.emit(v, subject, "affectsPopulation", population, cue.start(), rule="population-likely", confidence=0.65)
        for cue in DURATION.finditer(v.text):
            subject = self._condition_subject(v, cue.start()) or (
                self.topic_condition if re.match(r"(?:The|This)\s+(?:pain|symptoms?|condition)\b", v.text[v.main:]) else None)
            if subject is not None:
                self.emit(v, subject, "duration", " ".join(cue.group("v").split()), cue.start(), rule="lasts",
                          confidence=0.65)

    def _diagnosis(self, v: View) -> None:
        if self.topic_condition is None or self._about_drug(v) or v.of(TREATMENT):
            return
        subject = self._condition_subject(v, len(v.text)) or self.topic_condition
        m = DIAGNOSED_WITH.search(v.text)
        if m and m.start() > v.main and not re.search(r"\b(?:not|no)\b", v.text[v.main:m.start()]):
            for e in list_entities(v, self.lexicon, v.main, m.start(), ("DiagnosticProcedure",), "DiagnosticProcedure"):
                if len(e.label.split()) <= 6:
                    self.emit(v, subject, "diagnosedBy", e, m.start(), rule="diagnosed-with", confidence=0.6)
        m = DIAGNOSIS_BY.search(v.text)
        if m:
            for e in list_entities(v, self.lexicon, m.end(), v.clause_end(m.end()), ("DiagnosticProcedure",),
                                   "DiagnosticProcedure"):
                if len(e.label.split()) <= 6:
                    self.emit(v, subject, "diagnosedBy", e, m.start(), rule="diagnosis-by", confidence=0.6)

    def _characterized(self, v: View) -> None:
        for cue in CHARACTERIZED.finditer(v.text):
            subject = self._condition_subject(v, cue.start()) or (
                self.topic_condition if v.of(("Disease",), 0, cue.start()) else None)
            if subject is None or self._about_drug(v):
                continue
            for e in list_entities(v, self.lexicon, cue.end(), v.clause_end(cue.end()), CONDITION, "Symptom"):
                if e.key != subject.key:
                    self.emit(v, e, "symptomOf", subject, cue.start(), rule="characterized-by", confidence=0.7)

    def _kind(self, v: View) -> None:
        """"X is a [kind of] disease": only when X is a disease named first in the sentence (or
        "It" for the topic condition), and the phrase says more than how common or grave it is."""
        if self._about_drug(v):
            return
        for cue in IS_A_KIND.finditer(v.text):
            # the disease right before "is" ("Also like arthritis, fibromyalgia is …" is of fibromyalgia)
            before = [m for m in v.of(("Disease",), 0, cue.start()) if re.fullmatch(
                r"\s*(?:\([^)]{1,20}\)\s*)?", v.text[m.end:cue.start()])]
            subject = before[-1].entity if before else (
                self._condition_subject(v, cue.start()) if re.fullmatch(r"(?:It|The\s+(?:disease|illness|disorder|condition))\s*",
                                                                       v.text[v.main:cue.start()]) else None)
            phrase = " ".join(cue.group("kind").split())
            if subject is None or not _NOT_A_KIND.sub("", phrase).strip() or len(_NOT_A_KIND.sub("", phrase).split()) < 2:
                continue
            words = phrase.split()
            while len(words) > 2 and _NOT_A_KIND.match(words[0] + " "):
                words.pop(0)
            phrase = " ".join(words)
            kind = self.lexicon.ground(phrase) or self.lexicon.new_entity(phrase, "Disease")
            if kind.key != subject.key and not kind.is_a(*TREATMENT):
                self.emit(v, subject, "subtypeOf", kind, cue.start(), rule="is-a-kind", confidence=0.6)

    def _condition_page(self) -> bool:
        """Whether the page is about its topic condition: the title names it and no topic drug."""
        title = self.title.lower()
        return self.topic_condition is not None and self.topic_condition.label.lower() in title and (
            self.topic_drug is None or self.topic_drug.label.lower() not in title)

    def _present(self, v: View) -> None:
        """Only on a page about a condition (no topic drug) and in a sentence that names no
        treatment: on a drug's page "Nausea may occur" is a side effect."""
        if not self._condition_page() or v.of(TREATMENT) or self._about_drug(v):
            return
        m = PRESENT.search(v.text)
        if m is None or m.start() <= v.main:
            return
        for e in list_entities(v, self.lexicon, v.main, m.start(), CONDITION, "Symptom"):
            if e.key != self.topic_condition.key and not e.is_a("Disease"):
                self.emit(v, e, "symptomOf", self.topic_condition, m.start(), rule="may-be-present", confidence=0.6)

    def _fields(self, v: View) -> None:
        m = FIELD.match(v.text)
        if not m:
            return
        predicate, kind, drug_first = _FIELD_RELATION[" ".join(m.group("label").lower().split())]
        if drug_first:
            topic = self.topic_drug
            types = {"Drug": TREATMENT, "Therapy": TREATMENT, "DrugClass": ("DrugClass",)}.get(kind, CONDITION)
        else:
            topic, types = self.topic_condition, CONDITION + ("CausalFactor",)
        if predicate == "treats" and kind in ("Drug", "Therapy"):
            for e in list_entities(v, self.lexicon, m.end(), len(v.text), TREATMENT, kind):
                self.emit(v, e, "treats", self.topic_condition, m.start(), rule="field", confidence=0.6)
            return
        if topic is None:
            return
        for e in list_entities(v, self.lexicon, m.end(), len(v.text), types, kind):
            if e.label.lower() in ("unknown", "none", "n/a", "varies", "other"):
                continue
            if drug_first:
                self.emit(v, topic, predicate, e, m.start(), rule="field", confidence=0.6)
            else:
                self.emit(v, e, predicate, topic, m.start(), rule="field", confidence=0.6)
