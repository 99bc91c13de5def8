"""Cues of what a drug is for and what it is: indications, approvals and drug class.

These are the headline facts of a drug page ("Duloxetine is a prescription medicine used
to treat A, B and C", "FDA approved X for Y", "X is an SNRI", "X is in a group of
medications called Y"), and the conditions or classes they name are often unknown to
any vocabulary ("chronic musculoskeletal pain", "dual reuptake inhibitor"). So the
object is read as a whole noun phrase from the list after the cue, grounded where the
lexicon knows it and drafted as an ungrounded entity where it does not. The subject must
be named in the same sentence, or be what "It"/"This medicine" stands for.
"""

from __future__ import annotations

import re

from .context import DRUG, TREATMENT, CONDITION, View, list_entities

_ADV = r"(?:(?:also|often|usually|commonly|mainly|primarily|now|currently|only|first)\s+)*"
#: "used to treat", "approved to treat", "approved for", "indicated for (the treatment of)".
INDICATION = re.compile(
    rf"\b(?:(?:is|are|was|were|been|be|being)\s+{_ADV}(?:used|approved|indicated|prescribed|given)"
    rf"|(?:FDA|FDA-)?approved|approved\s+\w+|indicated"
    rf"|(?:medicine|medication|drug|pill|injection|treatment)s?\s+(?:that\s+is\s+|which\s+is\s+)?{_ADV}used(?=\s+to\s+treat))"
    r"(?:\s+by\s+the\s+(?:FDA|U\.S\.\s+Food\s+and\s+Drug\s+Administration))?"
    r"\s+(?:(?:to\s+(?:treat|relieve|manage|control|prevent|reduce)(?:\s+(?:the\s+)?(?:symptoms|pain)\s+of)?)"
    r"|for\s+(?:the\s+)?(?:(?:treatment|management|relief|short-term\s+relief)\s+of\s+)?"
    r"|in\s+the\s+(?:treatment|management)\s+of)\s*"
    r"|\b(?:(?:other|approved|common|main|primary|FDA-approved)\s+)+uses?\s+(?:include|includes|are|is)\s+",
    re.I,
)
#: "a variety of conditions including", "conditions such as": the list comes after.
_GENERIC_LEAD = re.compile(r"^(?:a\s+(?:variety|number|range)\s+of\s+)?(?:\w+\s+)?(?:conditions|disorders|diseases|"
                           r"problems|types\s+of\s+\w+)\s*,?\s*(?:including|such\s+as|like)\s+", re.I)
#: "X is in a group of medications called Y", "one of several drugs known as Y", "belongs to the Y class".
CLASS_CALLED = re.compile(
    r"\b(?:in|to|of)\s+(?:a|the)\s+(?:group|class|family|type)\s+of\s+(?:\w+\s+)?(?:medications|medicines|drugs)\s+"
    r"(?:called|known\s+as)\s+"
    r"|\b(?:is|are)\s+(?:also\s+)?(?:known\s+as|classified\s+as|called)\s+(?:an?\s+)(?=[^.;]*?(?:drug|medication|medicine|inhibitor|blocker|agonist|antagonist|analgesic|relaxant|steroid|opioid)s?\b)"
    r"|\bone\s+of\s+(?:several|many|a\s+group\s+of|the)\s+(?:\w+\s+)?(?:medications|medicines|drugs)\s+(?:called|known\s+as)\s+",
    re.I,
)
#: "X is a(n) Y" where Y is a drug class (its head says so when no vocabulary knows it).
IS_A = re.compile(r"\s+(?:is|are|was)\s+(?:also\s+)?(?:an?|one\s+of\s+the|a\s+type\s+of|a\s+kind\s+of)\s+")
_CLASS_HEAD = re.compile(r"\b(?:inhibitors?|blockers?|agonists?|antagonists?|analgesics?|antidepressants?|anticonvulsants?|"
                         r"relaxants?|steroids?|corticosteroids?|opioids?|NSAIDs?|SNRIs?|SSRIs?|triptans?|"
                         r"anti-inflammator(?:y|ies)(?:\s+drugs?)?|(?:\w+\s+)?drugs?|(?:\w+\s+)?medications?)\b", re.I)


_CLASS_BEFORE = re.compile(
    r"\b(?:the|a|an)\s+(?P<cls>(?:[\w–-]+\s+(?:and\s+)?){0,6}?(?:inhibitor|blocker|agonist|antagonist|antidepressant|"
    r"anticonvulsant|antiepileptic|analgesic|opioid|NSAID|SNRI|SSRI|relaxant|steroid|corticosteroid|triptan|antibiotic))"
    r"\s+$")


class IndicationCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: indications and drug class."""

    def _claimed_pairs(self, v: View) -> set[tuple[str, str]]:
        return {(getattr(f.subject, "key", ""), getattr(f.object, "key", str(f.object)))
                for f in self.found[self._view_start:] if f.quote == v.quote}

    def _indications(self, v: View) -> None:
        for cue in INDICATION.finditer(v.text):
            if re.search(r"\b(?:not|never)\s+(?:\w+\s+)?$", v.text[max(0, cue.start() - 12):cue.start()]):
                continue  # "not approved for use in children": another relation
            subjects = self.subjects(v, cue.start(), TREATMENT)
            if not subjects:
                continue
            start, end = cue.end(), v.clause_end(cue.end())
            lead = _GENERIC_LEAD.match(v.text[start:end])
            if lead:
                start += lead.end()
            if re.match(r"(?:use|people|patients|adults|children|those)\b", v.text[start:end], re.I):
                continue  # "approved for use in …", "for people who …": a population, not an indication
            objects = list_entities(v, self.lexicon, start, end, CONDITION + ("Outcome",), "Condition")
            claimed = self._claimed_pairs(v)
            for s in subjects:
                for o in objects:
                    if (s.key, o.key) not in claimed and not o.is_a(*TREATMENT):
                        self.emit(v, s, "treats", o, cue.start(), negatable=True, rule="indication", confidence=0.8)

    def _drug_class(self, v: View) -> None:
        self._class_before(v)
        claimed = self._claimed_pairs(v)
        for cue in CLASS_CALLED.finditer(v.text):
            cls = self._class_phrase(v, cue.end())
            for s in self.subjects(v, cue.start(), DRUG):
                if cls is not None and (s.key, cls.key) not in claimed:
                    self.emit(v, s, "memberOfDrugClass", cls, cue.start(), rule="class-called", confidence=0.85)
        for drug in v.of(("Drug",))[:1]:
            m = IS_A.match(v.text, drug.end)
            if not m or (v.first_subject_mention() or drug) is not drug:
                continue
            cls = self._class_phrase(v, m.end())
            if cls is not None and (drug.entity.key, cls.key) not in claimed and cls.key != drug.entity.key:
                self.emit(v, drug.entity, "memberOfDrugClass", cls, m.start(), rule="is-a-class", confidence=0.8)

    def _class_before(self, v: View) -> None:
        """"the dual serotonin and norepinephrine reuptake inhibitor milnacipran", "the opioid tramadol"."""
        for drug in v.of(("Drug",)):
            m = _CLASS_BEFORE.search(v.text[max(0, drug.start - 90):drug.start])
            if not m:
                continue
            phrase = m.group("cls")
            known = v.of(("DrugClass",), drug.start - len(m.group()) + m.start("cls"), drug.start)
            cls = known[-1].entity if known and known[-1].end >= drug.start - 2 else (
                self.lexicon.ground(phrase) or self.lexicon.new_entity(phrase, "DrugClass"))
            if cls.key != drug.entity.key:
                self.emit(v, drug.entity, "memberOfDrugClass", cls, drug.start, rule="class-before", confidence=0.75)

    def _class_phrase(self, v: View, start: int):
        """The drug class named at ``start``: a known class, else a phrase whose head is a class noun."""
        known = [m for m in v.of(("DrugClass",), start, start + 80) if not v.text[start:m.start].strip(" (")
                 or re.fullmatch(r"[\w\s–-]{0,60}", v.text[start:m.start])]
        end = re.search(r"[,.;:]|\s(?:used|that|which|who|for|to|with|in|and\s+(?:is|are|was))\b|$", v.text[start:])
        phrase = v.text[start:start + end.start()].strip()
        phrase = re.sub(r"^(?:prescription\s+)?", "", phrase)
        head = _CLASS_HEAD.search(phrase)
        if known and (not head or known[0].end - start >= head.end()):
            return known[0].entity
        if head and head.end() == len(re.sub(r"\s*\([^)]*\)\s*$", "", phrase)) and 1 <= len(phrase.split()) <= 7:
            if re.fullmatch(r"(?:\w+\s+)?(?:drugs?|medications?|medicines?)", phrase, re.I):
                return None  # "a prescription medicine", "a drug": no class
            return self.lexicon.ground(phrase) or self.lexicon.new_entity(phrase, "DrugClass")
        return known[0].entity if known else None
