"""General sentence frames: the plain phrasings every kind of health page uses, read last.

The cue modules read what they know well (a dose, a study, a table row). Pages the cues were
never tuned to showed that most facts they missed were stated in a handful of plain frames
whose object is a *list of noun phrases nothing in the vocabularies names*:

- "Common side effects of X include A, B and C." / "A and B are the most common side effects."
- "X can cause A or B." / "A, B and C were also reported." (in a side-effects passage)
- "X is used to treat A and B." / "X is approved for A." / "X is not recommended for A."
- "X should not be used in people with A." / "Do not take X with A."
- "Symptoms of D include A and B." / "D, which causes A and B" / "D is caused by A."

A frame gives the relation and where its subject is (named in the frame, the sentence's
subject, or the page's topic for "it"/"this medicine"); its object is every noun phrase of the
list after (or before) the cue, grounded in the lexicon or drafted as a new entity. A frame
adds only pairs no cue found in the same segment, at a lower confidence, so a curator can
sort them last. Methods of :class:`~medkg.ingest.relations.Reader` (a mixin); the frames of what a
condition is are in :mod:`medkg.ingest.condition_frames`, the noun phrases in
:mod:`medkg.ingest.nounphrases`.
"""

from __future__ import annotations

import re
from functools import cached_property

from . import cues
from .condition_frames import ConditionFrameCues
from .context import _VAGUE, CONDITION, DRUG, TREATMENT, View
from .hedging import is_negated
from .lexicon import Entity, clean_phrase
from .nounphrases import CONDITION_HEAD, GENERIC_WORDS, is_name, noun_phrases, unbracketed

_ADVERB = r"(?:(?:also|primarily|mainly|mostly|commonly|often|sometimes|usually|generally|typically|frequently|" \
          r"widely|currently|now|still|rarely|occasionally)\s+)?"
_MODAL = r"(?:(?:may|can|might|could|will|does|do|did|sometimes|also|commonly|often|rarely)\s+){0,2}"

#: "(common|serious …) side effects (of X) include …": the object list follows.
_EFFECTS_INCLUDE = re.compile(
    r"\b(?P<q>(?:(?:the\s+)?most\s+|more\s+|less\s+|very\s+)?(?:common|frequent|serious|severe|rare|uncommon|major|minor|"
    r"other|possible|additional|mild|dangerous|potential|reported)\s+)?(?:side[- ]effects?|adverse\s+(?:effects?|reactions?|"
    r"events?)|(?<=serious\s)effects|(?<=severe\s)effects|(?<=common\s)effects)(?P<of>\s+(?:of|from|with|associated\s+with|caused\s+by)\s+(?:taking\s+|using\s+)?[^,:;]{1,50}?)?\s+"
    r"(?:(?:may|can|might|could)\s+)?(?:include|includes|included|are|were|involve|involves|consist\s+of|such\s+as|can\s+be|"
    r"may\s+be|range\s+from)\s*:?\s+", re.I)
#: "A and B are (among) the most common side effects (of X)": the object list comes before.
_ARE_EFFECTS = re.compile(
    r"\s+(?:are|is|were|was)\s+(?:also\s+)?(?:among\s+)?(?:the\s+|some\s+of\s+the\s+|other\s+|possible\s+)?"
    r"(?P<q>(?:most\s+|more\s+|less\s+)?(?:common|frequent|frequently\s+reported|serious|severe|rare|possible|other)\s+)?"
    r"(?:side[- ]effects?|adverse\s+(?:effects?|reactions?|events?))\b", re.I)
#: "X can cause A": a drug's effect.
_CAN_CAUSE = re.compile(rf"\b{_MODAL}(?:cause[sd]?|produce[sd]?|lead\s+to|result\s+in|trigger)\s+(?!by\b)", re.I)
#: "A, B and C may also occur" — read only in a side-effects passage.
_OCCUR = re.compile(
    rf"\s+{_MODAL}(?:occur|happen|develop|arise|appear|be\s+(?:reported|seen|experienced)|(?:were|was|have\s+been)\s+"
    r"(?:also\s+)?(?:reported|seen|observed|noted)|come\s+up|be\s+(?:an\s+)?(?:issues?|problems?))\b", re.I)
#: "X is used to treat A", "X is approved for A", "X is prescribed for those with A".
_USED_FOR = re.compile(
    rf"\b(?:(?:is|are|was|were|be|been|has\s+been|have\s+been)\s+{_ADVERB}|(?:drug|medication|medicine|agent|antibiotic)s?\s+)"
    r"(?:(?:FDA[- ])?approved|used|prescribed|indicated|given|"
    r"recommended|taken|effective)\s+(?:(?:by\s+the\s+FDA\s+)?(?:in\s+\w+\s+)?)?(?:to\s+(?:help\s+)?(?:treat|relieve|manage|"
    r"control|ease|reduce|prevent)|in\s+the\s+(?:treatment|management|prevention)\s+of|"
    r"for(?:\s+(?:the\s+)?(?:(?:short|long)[- ]term\s+)?(?:treatment|relief|management|"
    r"prevention|control)\s+of)?(?:\s+(?:people|patients|those|adults|children|anyone)\s+(?:with|who\s+have|suffering\s+"
    r"from))?)\s+", re.I)
_TO_TREAT = re.compile(r"\b(?:(?:reduces?|treats?|relieves?|eases?|prevents?)\s+or\s+)?(?:treats?|to\s+treat|helps?\s+"
                       r"(?:treat|relieve)|relieves?)\s+", re.I)
#: "Increased risk of serious GI events" (a label's line), "NSAIDs have potential risks for bleeding": a drug's harm.
_RISK_OF = re.compile(r"(?:^(?:An?\s+)?(?:increased|higher|greater)\s+|\b(?:potential|serious|increased|higher|small|"
                      r"slight)\s+)risks?\s+(?:of|for)\s+(?:developing\s+|having\s+)?", re.I)
#: "Higher doses of statins cut the risk of heart attacks": what a treatment prevents.
_CUTS_RISK = re.compile(r"\b(?:reduces?|reduced|lowers?|lowered|cuts?|decreases?|decreased)\s+(?:the\s+|your\s+|their\s+)?"
                        r"(?:risk|chances?|likelihood|incidence|rates?)\s+(?:of|for)\s+(?:developing\s+|having\s+)?", re.I)
#: "A, B and C also were reported in clinical trials": effects of the page's drug (list before).
_REPORTED = re.compile(r"\s+(?:(?:also|were|was|have|has|been|commonly|frequently)\s+){1,3}(?:reported|observed|seen|noted)\b",
                       re.I)
#: "X is not recommended for A" / "X should not be used in people with A" / "X is contraindicated in A".
_NOT_FOR = re.compile(
    rf"\b(?:(?:is|are)\s+{_ADVERB}not\s+recommended|should\s+not\s+be\s+(?:used|taken|given|prescribed)|"
    r"(?:is|are)\s+(?:not\s+(?:safe|suitable)|contraindicated)|must\s+not\s+be\s+(?:used|taken|given))\s+"
    r"(?:for|in|by|during|to)\s+(?:(?:people|patients|persons|those|anyone|individuals|women|men|adults|children)\s+"
    r"(?:with|who\s+(?:have|has|are|had)|suffering\s+from)\s+(?:a\s+history\s+of\s+)?)?", re.I)
#: "Do not take X with A", "X should not be taken with A".
_NOT_WITH = re.compile(
    r"\b(?:do\s+not|don['’]t|never|should\s+not|must\s+not)\s+(?:be\s+)?(?:take|taken|use|used|combine|combined|mix|mixed)"
    r"\s+(?:[^,.;]{1,40}?\s+)?(?:with|together\s+with|alongside)\s+", re.I)
#: "Symptoms (of D) include A": a condition's symptoms.
_SYMPTOMS_INCLUDE = re.compile(
    r"\b(?P<q>(?:(?:more|less|most|very)\s+)?(?:common|main|typical|early|other|classic|usual|extreme|serious|severe|rare|"
    r"mild|frequent|additional|possible)\s+)?(?:symptoms|signs(?:\s+and\s+symptoms)?)"
    r"(?P<of>\s+of\s+[^,:;]{1,50}?)?(?:\s+(?:may\s+|can\s+|often\s+|usually\s+|typically\s+)?(?:include|includes|are:|involve|"
    r"consist\s+of)|,?\s+(?:including|such\s+as|like))\s*:?\s+", re.I)
#: "People with D (typically) experience A and B", "There may be symptoms of A".
_EXPERIENCE = re.compile(r"\b(?:(?:may|might|can|could|often|typically|usually|commonly|also|sometimes)\s+){0,2}"
                         r"(?:experience|suffer\s+from|have\s+symptoms\s+of)\s+", re.I)
_THERE_MAY_BE = re.compile(r"^(?:There|This)\s+(?:(?:also|may|can|might|could)\s+){1,2}(?:be|cause)\s+(?:symptoms\s+of\s+)?",
                           re.I)
#: "D, which causes A and B" / "D, which has symptoms of A" / "D is characterized by A".
_CONDITION_CAUSING = re.compile(
    r"(?:,\s+which\s+(?:is\s+(?:an?\s+)?[\w\s-]{1,40}?\s+)?|\s+(?:is|are)\s+)(?:causing|causes|has\s+symptoms\s+of|"
    r"characterized\s+by|marked\s+by)\s+", re.I)
#: "D is caused by A" / "Causes of D include A".
_CAUSED_BY = re.compile(r"\b(?:is|are|can\s+be|may\s+be|is\s+usually|is\s+often)\s+caused\s+by\s+", re.I)
_CAUSES_INCLUDE = re.compile(r"\b(?:(?:common|main|possible|other)\s+)?causes(?P<of>\s+of\s+[^,:;]{1,50}?)?\s+"
                             r"(?:may\s+|can\s+)?(?:include|are)\s*:?\s+", re.I)
_RISK_INCLUDE = re.compile(r"\brisk\s+factors(?P<of>\s+(?:of|for)\s+(?:developing\s+|getting\s+)?[^,:;]{1,50}?)?(?:\s+(?:may\s+|can\s+)?"
                           r"(?:include|are)|,\s+(?:including|such\s+as))\s*:?\s+", re.I)
#: "Chronic esophagitis increases the chance of developing A and B": a condition that leads to others.
_RAISES_RISK = re.compile(r"\b(?:(?:can|may|also|greatly|further)\s+)?(?:increases?|raises?|doubles?|triples?)\s+(?:the|your|a\s+person['’]s)\s+"
                          r"(?:risk|chances?|likelihood|odds)\s+(?:of|for)\s+(?:developing\s+|getting\s+|having\s+)?", re.I)
#: "X, sold as Y, is an antibiotic medication", "X serves as an atypical antidepressant": a drug's class.
_SALT = (r"(?:\s+(?:hydrochloride|hcl|sodium|potassium|calcium|tromethamine|citrate|sulfate|maleate|besylate|succinate|"
         r"tartrate|fumarate|mesylate|acetate|phosphate|bromide))?")
_IS_CLASS = re.compile(_SALT + r"(?:\s*[,(\[][^.;]{0,120}?)?,?\s+(?:is|was|serves\s+as|acts\s+as)\s+(?:also\s+)?(?:a|an)\s+", re.I)
_BELONGS = re.compile(r"\bbelongs?\s+to\s+(?:a|the)\s+(?:class|group|family)\s+of\s+(?:(?:drugs|medications|medicines)\s+"
                      r"(?:called|known\s+as)\s+)?", re.I)
#: "Metformin decreases hepatic glucose production, …, and improves insulin sensitivity": what a drug does.
_DRUG_ACTS = re.compile(r"\b(?P<verb>decreases|reduces|lowers|inhibits|blocks|suppresses|prevents|improves|increases|raises|"
                        r"boosts|relaxes|stops|slows|kills)\s+", re.I)
_BEFORE_VERB = re.compile(r"(?:\s+(?:is|was)\s+an?\s+[\w\s-]{1,50}?\s+(?:which|that))?"
                          r"[\s,]*(?:(?:also|further|significantly|markedly|both|and|\w+ly)[\s,]+)*"
                          r"(?:(?:decreases|reduces|lowers|inhibits|blocks|improves|increases)\s+[^,.;]{1,60},\s+(?:and\s+)?)*",
                          re.I)
_ACT_RELATION = {"improves": "improves", "increases": "increases", "raises": "increases", "boosts": "increases",
                 "prevents": "prevents"}
#: The head of a name that can only be a condition ("esophageal stricture", "kidney failure").
#: "X, a nonsteroidal anti-inflammatory drug (NSAID), is …": a drug's class in apposition.
_APPOSED_CLASS = re.compile(_SALT + r"\s*(?:\([^)]*\)\s*)?,\s+(?:is\s+)?(?:a|an)\s+(?P<cls>[^,;.]{3,80}?)\s*(?:\([^)]*\)\s*)?,", re.I)
_CLASS_NOUN = re.compile(r"\b(?:drug|medication|medicine|inhibitor|blocker|agonist|antagonist|analgesic|relaxant|steroid|triptan|"
                         r"corticosteroid|opioid|antidepressant|anticonvulsant|antibiotic|statin|agent|NSAID|SSRI|SNRI|"
                         r"antihistamine|antipsychotic|benzodiazepine|diuretic|anticoagulant|vaccine|hormone)s?$", re.I)

#: "This includes A, B and C" after a frame: the same relation, more objects.
_THESE_INCLUDE = re.compile(r"(?:This|These|They|Examples|Such\s+\w+)\s+(?:may\s+|can\s+|often\s+)?(?:includes?|including|are)\s*:?\s+")


#: Lead-ins of a drug page's lists: "Do not take this medication with any of the following:", "They need to know
#: if you have any of these conditions:", "You can help prevent the disease by:".
_INTERACTS_LEAD = re.compile(r"\b(?:(?:take|use|combine|mix)\s+(?:this|these|it|the)?\s*(?:\w+\s+)?with\s+(?:any\s+of\s+)?the\s+"
                             r"following|interacts?\s+with\s+the\s+following|(?:medicines|medications|drugs|products)\s+(?:that|"
                             r"which)\s+(?:may\s+|can\s+)?interact)", re.I)
_CAUTION_LEAD = re.compile(r"\b(?:know|tell\s+[^:]{0,40}?)\s+if\s+you\s+(?:have|are|had)\b[^:]*:?\s*$|\bany\s+of\s+these\s+"
                           r"conditions\s*:?\s*$", re.I)
_PREVENT_LEAD = re.compile(r"\b(?:prevent|(?:reduce|lower)\s+(?:your|the)\s+risk)\b[^:]*(?::|\bby)\s*$", re.I)


#: "comes in the form of an immediate-release tablet, …", "is available as": the forms a drug is given in.
_COMES_AS = re.compile(r"\b(?:comes?|is\s+available|are\s+available|is\s+supplied|are\s+supplied|is\s+sold|is\s+marketed)\s+"
                       r"(?:in\s+the\s+forms?\s+of|as|in)\s+", re.I)
#: "tablets contain 500 mg, 850 mg or 1000 mg": strengths.
_STRENGTH = re.compile(r"\b\d[\d,.]*\s*(?:mg|mcg|µg|g|mL|ml|units?|IU|milligrams?|micrograms?)\b(?:/(?:kg|mL|ml|day))?", re.I)
_DOSAGE_FORM = re.compile(r"\b(?:tablets?|capsules?|caplets?|solution|suspension|injections?|gel|cream|patch(?:es)?|spray|"
                          r"drops|syrup|liquid|powder|suppositor(?:y|ies)|inhaler|lozenges?|ointment|infusion)$", re.I)
#: "Take it at the same time every day", "administered orally without regard to meals": when a dose is taken.
_TIMING = re.compile(r"\b(?:take|taken|taking|administered|given|use|used)\b[^.;]{0,50}?(?P<v>at\s+the\s+same\s+time\s+(?:each|"
                     r"every)\s+day|without\s+regard\s+to\s+(?:food|meals)|with\s+or\s+without\s+(?:food|meals)|with\s+"
                     r"(?:food|a\s+meal|meals)|on\s+an\s+empty\s+stomach|at\s+bedtime|before\s+bed(?:time)?|in\s+the\s+"
                     r"(?:morning|evening))", re.I)
#: "Coadministration of P-gp inhibitors", "when combined with other serotonergic drugs": interactions.
_COMBINED = re.compile(r"\b(?:co-?administration|concomitant\s+use|combined\s+use|use)\s+(?:of\s+[^,;.]{1,30}?\s+)?(?:with|of)\s+"
                       r"|\b(?:when\s+|if\s+)?(?:combined|taken\s+together|used\s+together|taken)\s+with\s+", re.I)

#: "NSAIDs include aspirin, naproxen and ibuprofen": a class's members (the class is the subject).
_CLASS_INCLUDES = re.compile(r"\s+(?:(?:also\s+)?include|includes|such\s+as)\s+", re.I)
#: "It is in the triptan class of medications": a drug's class named before "class".
_IN_CLASS = re.compile(r"\b(?:is|are)\s+(?:in|part\s+of|one\s+of|a\s+member\s+of)\s+(?:the|a)\s+(?P<cls>[\w-]+(?:\s+[\w-]+){0,3}?)"
                       r"\s+(?:class|family|group)\s+of\s+(?:medications|medicines|drugs)\b", re.I)

#: "Unlike sulfonylureas, metformin …": a comparison the sentence opens with.
_UNLIKE = re.compile(r"^(?:Unlike|In\s+contrast\s+to|Compared\s+(?:with|to))\s+(?P<other>[^,]{2,60}),\s+", re.I)
#: "improvements in pain, global status and physical functioning": what a treatment was found to improve.
_IMPROVEMENT_IN = re.compile(r"\b(?:improvements?|gains?)\s+in\s+", re.I)

#: "Orally for symptomatic treatment of osteoarthritis", "approved … for the treatment of": an indication.
_FOR_TREATMENT_OF = re.compile(r"\bfor\s+(?:the\s+)?(?:symptomatic\s+|short[- ]term\s+|long[- ]term\s+|temporary\s+|acute\s+)?"
                               r"(?:treatment|relief|management|prevention|control)\s+of\s+", re.I)
#: "You can treat gout with medicines": what a condition is treated with.
_TREAT_WITH = re.compile(r"\b(?:treat|treated|treating|manage|managed|relieve|relieved|alleviated)\s+(?P<what>(?:[\w'’-]+\s+){0,4}?)"
                         r"(?:by\s+treatment\s+)?with\s+", re.I)


class FrameCues(ConditionFrameCues):
    """Mixin of :class:`~medkg.ingest.relations.Reader`: the general frames, read after every cue."""

    _last_frame: tuple | None = None

    def _frames(self, v: View, since: int) -> None:
        t = v.text
        if v.seg.kind == "row":
            return
        last, self._last_frame = self._last_frame, None
        m = _THESE_INCLUDE.match(t, v.main)
        if m and last is not None and last[0] == v.seg.index - 1:
            # "… used to treat a number of bacterial infections. This includes A, B and C."
            _, subject, predicate, new_class, types, inverse = last
            self._frame_objects(v, since, subject, predicate, m.end(), len(t), new_class, types, inverse=inverse)
        side_passage = bool(cues.SIDE_EFFECTS.search(t) or (v.context and cues.SIDE_EFFECTS.search(v.context))
                            or self._side_effect_heading(v))
        for m in _EFFECTS_INCLUDE.finditer(t):
            drug = self._frame_drug(v, m.start(), named=m.group("of"))
            if drug is not None:
                predicate = cues.effect_predicate(m.group("q") or "")
                self._frame_objects(v, since, drug, predicate, m.end(), len(t), "AdverseEffect", CONDITION)
        for m in _ARE_EFFECTS.finditer(t):
            drug = self._frame_drug(v, m.end(), after=m.end())
            if drug is not None:
                predicate = cues.effect_predicate(m.group("q") or "")
                self._frame_objects(v, since, drug, predicate, v.main, m.start(), "AdverseEffect", CONDITION, before=True)
        for m in _CAN_CAUSE.finditer(t):
            if re.search(r"\b(?:which|that|who|what|and)\s+(?:\w+\s+)?$|,\s*$", t[:m.start()]) or \
                    re.search(r"\b(?:which|that|who)\b", t[v.main:m.start()]):
                continue  # "activities in the brain that cause seizures": not the drug's doing
            drug = self._frame_drug(v, m.start(), subject_only=True)
            if drug is not None and (side_passage or self._subject_is_drug(v, m.start())):
                self._frame_objects(v, since, drug, "adverseEffect", m.end(), len(t), "AdverseEffect", CONDITION)
            elif not side_passage and not v.of(DRUG, 0, m.start()):
                # "It causes swollen, red, hot and stiff joints": what a condition does to the body
                condition = self._frame_condition(v, m.start(), subject_only=True, new=True)
                if condition is not None:
                    self._frame_objects(v, since, condition, "symptomOf", m.end(), len(t), "Symptom", CONDITION,
                                        inverse=True)
        if side_passage or (self.topic_drug is not None and self.topic_drug.is_a("Drug") and not v.of(TREATMENT)):
            for m in _OCCUR.finditer(t):
                drug = self._frame_drug(v, m.start(), topic_only=True)
                if drug is not None and not v.of(DRUG, 0, m.start()):
                    self._frame_objects(v, since, drug, "adverseEffect", v.main, m.start(), "AdverseEffect", CONDITION,
                                        before=True)
        for m in _RISK_OF.finditer(t):
            if re.search(r"\b(?:reduc|lower|cut|decreas|prevent)\w*\s+(?:the\s+|your\s+)?$", t[:m.start()], re.I):
                continue
            drug = self._frame_drug(v, m.start(), subject_only=True) if m.start() > v.main else self.topic_drug
            if drug is not None and (m.start() <= v.main or self._subject_is_drug(v, m.start())):
                self._frame_objects(v, since, drug, "adverseEffect", m.end(), len(t), "AdverseEffect", CONDITION)
        for m in _CUTS_RISK.finditer(t):
            subject = v.main_subject(TREATMENT, m.start())
            drug = subject[0].entity if subject else (self._frame_drug(v, m.start(), subject_only=True) if v.pronoun else None)
            if drug is not None:
                self._frame_objects(v, since, drug, "prevents", m.end(), len(t), "Condition", CONDITION)
        for m in _REPORTED.finditer(t):
            if self.topic_drug is not None and not v.of(DRUG, 0, m.start()) and not v.pronoun:
                self._frame_objects(v, since, self.topic_drug, "adverseEffect", v.main, m.start(), "AdverseEffect",
                                    CONDITION, before=True)
        for m in _FOR_TREATMENT_OF.finditer(t):
            if _USED_FOR.search(t, max(0, m.start() - 60), m.end()) or side_passage:
                continue  # read by the frame above
            drug = self._frame_drug(v, m.start(), subject_only=True) or (
                self.topic_drug if not v.of(TREATMENT, 0, m.start()) else None)
            if drug is not None:
                self._frame_objects(v, since, drug, "treats", m.end(), len(t), "Condition", CONDITION)
        for m in _TREAT_WITH.finditer(t):
            named = [x.entity for x in v.of(CONDITION, m.start(), m.start() + len(m.group())) if not x.nested]
            condition = named[0] if named else (self.disease(v, explicit=False) if re.search(
                r"\b(?:it|this|the\s+(?:condition|disease|attacks?|pain))\b", m.group("what"), re.I) else None)
            if condition is not None and not side_passage:
                self._frame_objects(v, since, condition, "usedFor", m.end(), len(t), "Therapy", TREATMENT, inverse=True)
        for m in list(_USED_FOR.finditer(t)) + list(_TO_TREAT.finditer(t)):
            drug = self._frame_drug(v, m.start(), subject_only=True) or self._new_class_subject(v, m.start())
            if drug is not None and not side_passage:
                self._frame_objects(v, since, drug, "treats", m.end(), len(t), "Condition", CONDITION)
        for m in _NOT_FOR.finditer(t):
            drug = self._frame_drug(v, m.start(), subject_only=True)
            if drug is not None:
                predicate = "contraindicatedIn" if re.search(r"contraindicated|must\s+not|should\s+not", m.group(), re.I) \
                    else "notRecommendedFor"
                self._frame_objects(v, since, drug, predicate, m.end(), len(t), "Condition", CONDITION + ("Population",))
        for m in _NOT_WITH.finditer(t):
            drug = self._frame_drug(v, m.start(), named_in=m.group())
            if drug is not None:
                self._frame_objects(v, since, drug, "interactsWith", m.end(), len(t), "Drug", DRUG + ("Substance",))
        for m in _SYMPTOMS_INCLUDE.finditer(t):
            if re.search(r"withdrawal\s+$|discontinuation\s+$", t[:m.start()], re.I) or cues.WITHDRAWAL.search(t):
                continue  # withdrawal symptoms: read by the withdrawal cues
            if side_passage:
                drug = self._frame_drug(v, m.start(), topic_only=True)
                if drug is not None:
                    self._frame_objects(v, since, drug, cues.effect_predicate(m.group("q") or ""), m.end(), len(t),
                                        "AdverseEffect", CONDITION)
                continue
            condition = self._frame_condition(v, m.start(), named=m.group("of"))
            if condition is not None:
                self._frame_objects(v, since, condition, "symptomOf", m.end(), len(t), "Symptom", CONDITION, inverse=True)
        for m in list(_EXPERIENCE.finditer(t)) + list(_THERE_MAY_BE.finditer(t)):
            if side_passage or self._about_drug(v):
                drug = self._frame_drug(v, m.start(), topic_only=True)
                if drug is not None and (side_passage or v.of(DRUG, 0, m.start())):
                    self._frame_objects(v, since, drug, "adverseEffect", m.end(), len(t), "AdverseEffect", CONDITION)
                continue
            named = [x for x in v.of(CONDITION, 0, m.start()) if not x.nested]
            condition = named[0].entity if named else self._frame_condition(v, m.start())
            if condition is not None:
                self._frame_objects(v, since, condition, "symptomOf", m.end(), len(t), "Symptom", CONDITION, inverse=True)
        for m in _CONDITION_CAUSING.finditer(t):
            named = [x for x in v.of(CONDITION, 0, m.start()) if not x.nested]
            if named and not side_passage:
                self._frame_objects(v, since, named[-1].entity, "symptomOf", m.end(), len(t), "Symptom", CONDITION,
                                    inverse=True)
        for m in list(_CAUSES_INCLUDE.finditer(t)) + list(_RISK_INCLUDE.finditer(t)):
            condition = self._frame_condition(v, m.start(), named=m.group("of"))
            predicate = "riskFactorFor" if m.group().lower().startswith("risk") else "causes"
            if condition is not None:
                self._frame_objects(v, since, condition, predicate, m.end(), len(t), "CausalFactor",
                                    CONDITION + ("CausalFactor",), inverse=True)
        for m in _RAISES_RISK.finditer(t):
            if v.of(DRUG, 0, m.start()) or side_passage:
                continue  # a drug's risk is a side effect: read by the safety cues
            condition = self._frame_condition(v, m.start(), subject_only=True, new=True)
            if condition is not None:
                self._frame_objects(v, since, condition, "riskFactorFor", m.end(), len(t), "Condition", CONDITION)
        for m in _CAUSED_BY.finditer(t):
            condition = self._frame_condition(v, m.start(), subject_only=True, new=True)
            if condition is not None:
                self._frame_objects(v, since, condition, "causes", m.end(), len(t), "CausalFactor",
                                    CONDITION + ("CausalFactor",), inverse=True)

        self._condition_frames(v, since, side_passage)
        self._item_frames(v, since)
        self._use_frames(v, since)
        self._comparison_frames(v, since)
        self._class_frames(v, since)
        if not side_passage:
            self._action_frames(v, since)

    def _use_frames(self, v: View, since: int) -> None:
        """Forms, strengths, timing of doses and combinations a drug page names."""
        t = v.text
        for m in _COMES_AS.finditer(t):
            drug = self._frame_drug(v, m.start(), subject_only=True)
            if drug is None:
                continue
            for a, b in noun_phrases(t, m.end(), len(t), lexicon=self.lexicon):
                form = unbracketed(t[a:b])
                if _DOSAGE_FORM.search(form) or re.search(r"\bform$", form):
                    self.emit(v, drug, "hasDosingRegimen", self.lexicon.new_entity(form, "DosingRegimen"), a,
                              rule="frame-form", confidence=0.5)
        if re.search(r"\b(?:contains?|strengths?|available|tablets?|capsules?)\b", t, re.I):
            named = [x.entity for x in v.of(("Drug",)) if not x.nested]
            drug = named[0] if named else (self.topic_drug if v.pronoun else None)
            taken = {_key(f.object) for f in self.found[since:] if f.predicate in ("hasDosingRegimen", "startingDose")}
            if drug is not None and not re.search(r"\b(?:stud(?:y|ies)|trials?|participants|compared|versus)\b", t, re.I):
                for m in _STRENGTH.finditer(t):
                    dose = self.lexicon.ground(m.group()) or self.lexicon.new_entity(m.group(), "DosingRegimen")
                    if dose.key not in taken and not any(m.group() in str(getattr(f.object, "label", ""))
                                                         for f in self.found[since:]):
                        self.emit(v, drug, "hasDosingRegimen", dose, m.start(), rule="frame-strength", confidence=0.5)
        for m in _TIMING.finditer(t):
            drug = self._frame_drug(v, m.start(), subject_only=True) or (
                self.topic_drug if re.match(r"\s*(?:Take|Use|Give)\b", t[v.main:]) else None)
            value = " ".join(m.group("v").split())
            if drug is not None and not any(f.predicate == "doseTiming" and f.object == value for f in self.found[since:]):
                self.emit(v, drug, "doseTiming", value, m.start("v"), rule="frame-timing", confidence=0.5)
        for m in _COMBINED.finditer(t):
            drug = self.topic_drug
            if drug is None or v.of(CONDITION, m.end(), min(len(t), m.end() + 40)):
                continue
            self._frame_objects(v, since, drug, "interactsWith", m.end(), len(t), "Drug", DRUG + ("Substance",))

    def _comparison_frames(self, v: View, since: int) -> None:
        """"Unlike sulfonylureas, metformin …"; "reported improvements in pain and sleep" of the page's drug."""
        t = v.text
        m = _UNLIKE.match(t)
        if m:
            after = [x for x in v.of(TREATMENT, m.end(), m.end() + 40) if not x.nested]
            other = self.lexicon.ground(m.group("other"))
            if other is None and _CLASS_NOUN.search(m.group("other").rstrip("s") + "s") and is_name(m.group("other")):
                other = self.lexicon.new_entity(m.group("other"), "DrugClass")
            if after and other is not None and other.is_a(*TREATMENT) and other.key != after[0].entity.key:
                self.emit(v, after[0].entity, "comparedWith", other, m.start("other"), rule="frame-unlike", confidence=0.5)
        for m in _IMPROVEMENT_IN.finditer(t):
            named = [x.entity for x in v.of(TREATMENT) if not x.nested]
            drug = named[0] if named else (self.topic_drug if not v.of(CONDITION, 0, m.start()) else None)
            if drug is not None and not is_negated(t[v.clause(m.start())[0]:m.start()]):
                self._frame_objects(v, since, drug, "improves", m.end(), len(t), "Outcome",
                                    ("Condition", "Outcome", "Symptom"))

    def _class_frames(self, v: View, since: int) -> None:
        """"X, a nonsteroidal anti-inflammatory drug (NSAID), …", "X, sold as Y, is an antibiotic
        medication", "X belongs to the class of aminoketones": the drug's class."""
        t = v.text
        first = v.first_subject_mention()
        for drug in v.of(("Drug",))[:1]:
            phrase = None
            m = _APPOSED_CLASS.match(t, drug.end)
            if m and _CLASS_NOUN.search(m.group("cls")):
                phrase, at = m.group("cls"), m.start("cls")
            m = _IS_CLASS.match(t, drug.end) if phrase is None and first is not None and first.entity == drug.entity else None
            if m:
                stop = re.search(r"[,.;:]|\s(?:used|that|which|who|for|to|with|in|and|primarily|fundamentally|sold)\b|$", t[m.end():])
                candidate = unbracketed(t[m.end():m.end() + stop.start()].strip())
                if _CLASS_NOUN.search(candidate) and not re.fullmatch(
                        r"(?:(?:prescription|new|common|popular|generic|powerful|safe|effective|different|strong)\s+)?"
                        r"(?:drugs?|medications?|medicines?|agents?)", candidate, re.I):
                    phrase, at = candidate, m.end()
            if phrase is not None and is_name(phrase) and len(phrase.split()) <= 6:
                self._emit_class(v, since, drug.entity, phrase, at)
        for m in _IN_CLASS.finditer(t):
            drug = self._frame_drug(v, m.start(), subject_only=True)
            if drug is not None and is_name(m.group("cls")):
                self._emit_class(v, since, drug, m.group("cls"), m.start("cls"))
        for m in _CLASS_INCLUDES.finditer(t):
            subject = v.main_subject(("DrugClass",), m.start())
            cls = subject[0].entity if subject and not re.search(r"[.;:]", t[subject[-1].end:m.start()]) else None
            if cls is None and v.plural_pronoun and self.focus.plural:
                cls = next((e for e in self.focus.plural if e.is_a("DrugClass")), None)
            if cls is None or all(w in GENERIC_WORDS or w in _VAGUE for w in cls.label.lower().split()):
                continue  # "other medications … such as dofetilide": no class
            for a, b in noun_phrases(t, m.end(), len(t), lexicon=self.lexicon):
                drug = self.lexicon.ground(unbracketed(t[a:b]))
                if drug is not None and drug.is_a("Drug") and drug.key != cls.key:
                    self.emit(v, drug, "memberOfDrugClass", cls, a, rule="frame-class-members", confidence=0.5)
        for m in _BELONGS.finditer(t):
            drug = self._frame_drug(v, m.start(), subject_only=True)
            stop = re.search(r"[,.;:]|\s(?:and|that|which|used|is)\b|$", t[m.end():])
            phrase = t[m.end():m.end() + stop.start()].strip()
            if drug is not None and is_name(phrase) and len(phrase.split()) <= 5:
                self._emit_class(v, since, drug, phrase, m.end())

    def _emit_class(self, v: View, since: int, drug: Entity, phrase: str, at: int) -> None:
        if any(f.subject == drug and f.predicate == "memberOfDrugClass" for f in self.found[since:]):
            return
        cls = self.lexicon.ground(phrase)
        if cls is None or not cls.is_a("DrugClass", "Drug"):
            cls = self.lexicon.new_entity(phrase, "DrugClass")
        if cls.key != drug.key:
            self.emit(v, drug, "memberOfDrugClass", cls, at, rule="frame-class", confidence=0.6)

    def _action_frames(self, v: View, since: int) -> None:
        """"Metformin decreases hepatic glucose production … and improves insulin sensitivity"."""
        t = v.text
        for m in _DRUG_ACTS.finditer(t):
            subject = v.main_subject(DRUG, m.start())
            if subject:
                drug, between = subject[0].entity, t[subject[-1].end:m.start()]
            elif v.pronoun and v.pronoun.startswith("It"):
                drug = self.resolve(DRUG, at=v.seg.index, span=1, strict=True)
                between = t[v.main + len(v.pronoun):m.start()]
            else:
                continue
            # only adverbs or the verb phrases coordinated before it between the drug and the verb
            if drug is None or not _BEFORE_VERB.fullmatch(between):
                continue
            relation = _ACT_RELATION.get(m.group("verb").lower(), "inhibits")
            end = re.search(r",?\s+(?:and\s+)?(?:decreases|reduces|lowers|inhibits|blocks|suppresses|prevents|improves|increases|"
                            r"raises|boosts|relaxes|stops|slows|kills)\b|[.;]|,\s+(?:thereby|which|while)|$", t[m.end():])
            self._frame_objects(v, since, drug, relation, m.end(), m.end() + end.start(), "Outcome",
                                ("Condition", "Outcome", "Mechanism", "MolecularEntity", "AnatomicalStructure"))


    def _item_frames(self, v: View, since: int) -> None:
        """A list item under a drug page's lead-in: what not to take it with, when to tell the
        doctor, what helps prevent the condition."""
        context = self._item_lead(v)
        if not context:
            return
        item = re.sub(r"[.;]\s*$", "", v.text.strip())
        head, _, examples = item.partition(", such as ")
        if not is_name(head) or len(head.split()) > 10:
            return
        if _INTERACTS_LEAD.search(context) and self.topic_drug is not None:
            other = self.lexicon.ground(head)
            other = other if other is not None and other.is_a(*TREATMENT, "Substance") else self.lexicon.new_entity(
                head, "DrugClass" if examples else "Drug")
            self.emit(v, self.topic_drug, "interactsWith", other, 0, rule="frame-interacts-item", confidence=0.6)
            for a, b in noun_phrases(item, len(head) + len(", such as "), len(item), lexicon=self.lexicon):
                named = self.lexicon.ground(item[a:b])
                if named is not None and named.is_a(*TREATMENT):
                    self.emit(v, other, "example", named, 0, rule="frame-example-item", confidence=0.6)
        elif _CAUTION_LEAD.search(context) and self.topic_drug is not None:
            known = self.lexicon.ground(head)
            condition = known if known is not None and known.is_a(*CONDITION, "Population") else \
                self.lexicon.new_entity(head, "Condition")
            self.emit(v, self.topic_drug, "cautionIn", condition, 0, rule="frame-caution-item", confidence=0.6)
        elif _PREVENT_LEAD.search(context) and self.topic_condition is not None and self.topic_drug is None:
            way = re.split(r"\s+(?:by|to|which|if|,)\b", head)[0]
            if is_name(way) or re.match(r"[A-Z]?[a-z]+ing\b", way):
                self.emit(v, self.lexicon.ground(way) or self.lexicon.new_entity(way, "NonDrugTherapy"), "prevents",
                          self.topic_condition, 0, rule="frame-prevents-item", confidence=0.5)

    def _item_lead(self, v: View) -> str:
        """The line a list item hangs from: its lead-in, or a lead-in the page set as a heading
        because it has no colon ("You are more likely to get gout if you")."""
        if v.seg.kind != "item":
            return ""
        if v.context:
            return v.context
        i = v.seg.index - 1
        while i >= 0 and self.segments[i].kind == "item":
            i -= 1
        return self.segments[i].text if i >= 0 and self.segments[i].kind == "heading" else ""


    # -- subjects ------------------------------------------------------------------------------

    def _side_effect_heading(self, v: View) -> bool:
        heading = self._headings_before[v.seg.index]
        return bool(heading and re.search(r"side[- ]effects?|adverse|reactions", heading, re.I))

    @cached_property
    def _headings_before(self) -> list[str | None]:
        """For each segment, the last heading before it: found once, not by walking back from every
        segment (which made a long page without headings quadratic)."""
        out, last = [], None
        for seg in self.segments:
            out.append(last)
            if seg.kind == "heading":
                last = seg.text
        return out

    def _frame_drug(self, v: View, pos: int, *, named: str | None = None, named_in: str | None = None,
                    after: int | None = None, subject_only: bool = False, topic_only: bool = False) -> Entity | None:
        """The drug a frame is about: named in it ("side effects *of X*"), the clause's subject,
        "it"/"this medicine" for the page's drug, or the page's drug when none is named."""
        if topic_only:
            return self.topic_drug
        if named:
            hit = [x for x in v.of(DRUG, pos, pos + len(named) + 40) if not x.nested]
            return hit[0].entity if hit else None
        if named_in:
            hit = [x for x in v.of(DRUG, pos, pos + len(named_in)) if not x.nested]
            if hit:
                return hit[0].entity
        if after is not None:
            hit = [x for x in v.of(DRUG, after, after + 60) if not x.nested and re.match(
                r"\s*(?:of|from|with|for)\s+(?:taking\s+|using\s+)?$", v.text[after:x.start])]
            if hit:
                return hit[0].entity
            return self.topic_drug
        subject = v.main_subject(DRUG, pos)
        if subject:
            return subject[0].entity
        before = v.text[v.main:pos]
        if v.pronoun or re.match(r"^\s*(?:it|(?:this|the|your)\s+(?:medicine|medication|drug|treatment))\b", before, re.I) \
                or (not subject_only and not v.of(("Entity",), v.main, pos)):
            return self.resolve(DRUG, topic=True, at=v.seg.index)
        if subject_only and not re.search(r"\w", before):
            return self.topic_drug  # an imperative or a list item: "Used to treat …", "Do not take with …"
        return None

    def _new_class_subject(self, v: View, pos: int) -> Entity | None:
        """"Opioids are sometimes used to treat …", "Pain relievers are medicines that relieve …": a
        class of treatments no table names, drafted from the sentence's subject."""
        head = re.sub(r"\s+(?:are|is)\s+(?:\w+\s+)?(?:medicines|medications|drugs)\s+(?:that|which)$", "",
                      v.text[v.main:pos].strip())
        if self.lexicon.ground(head) is not None or not is_name(head) or len(head.split()) > 4 or \
                not re.search(r"(?:s|ids|ics)$", head) or not (_CLASS_NOUN.search(head.rstrip("s") + "s") or
                                                            re.search(r"(?:relievers|killers|blockers|inhibitors)$", head, re.I)):
            return None
        return self.lexicon.new_entity(head, "DrugClass")

    def _subject_is_drug(self, v: View, pos: int) -> bool:
        return bool(v.main_subject(DRUG, pos) or v.pronoun and (
            self.focus.recent and self.focus.recent[0][0].is_a(*DRUG)
            or self.resolve(DRUG, at=v.seg.index, span=2, strict=True) is not None))

    def _frame_condition(self, v: View, pos: int, *, named: str | None = None, subject_only: bool = False,
                         new: bool = False) -> Entity | None:
        if named:
            hit = [x for x in v.of(CONDITION, pos, pos + len(named) + 60) if not x.nested]
            return hit[0].entity if hit else None
        subject = v.main_subject(CONDITION, pos)
        if subject and subject[0].entity.label.lower() in ("syndrome", "disease", "condition", "disorder", "illness"):
            return self.disease(v, explicit=False)  # "the syndrome develops after …": the one the page is about
        if subject:
            return subject[0].entity
        if v.condition_anaphor:
            return self.disease(v, explicit=False)
        head = unbracketed(v.text[v.main:pos].strip())
        if new and not v.pronoun and CONDITION_HEAD.search(head) and is_name(head) and len(head.split()) <= 5 \
                and not v.of(("Entity",), v.main, pos):
            return self.lexicon.new_entity(head, "Condition")  # "Esophageal strictures can lead to …": named, if unknown
        if v.pronoun:
            # "It causes …" only when the sentence before was about a condition (not "This", a whole statement)
            return self.resolve(CONDITION, at=v.seg.index, span=1, strict=True) if v.pronoun.startswith("It") else None
        if not subject_only and not v.of(("Entity",), v.main, pos):
            if self.topic_drug is not None:
                return self._condition_just_named(v)
            return self.topic_condition
        return None

    # -- objects -------------------------------------------------------------------------------

    def _frame_objects(self, v: View, since: int, subject: Entity, predicate: str, start: int, end: int,
                       new_class: str, types: tuple[str, ...], *, before: bool = False, inverse: bool = False) -> None:
        """Emit ``subject predicate item`` (``item predicate subject`` with ``inverse``) for every
        noun phrase of the list, unless a cue already paired the two in this segment."""
        self._last_frame = (v.seg.index, subject, predicate, new_class, types, inverse)
        done = {(_key(f.subject), _key(f.object)) for f in self.found[since:]}
        done |= {(b, a) for a, b in done}
        for a, b in noun_phrases(v.text, start, end, before=before, lexicon=self.lexicon):
            phrase = unbracketed(v.text[a:b])
            entity = self.lexicon.ground(phrase)
            if entity is not None and not entity.is_a(*types):
                continue  # names something of another kind
            if entity is None:
                inside = [x for x in v.of(("Entity",), a, b, nested=True)]
                if any(not x.entity.is_a(*types, "AnatomicalStructure", "BodySystem") for x in inside):
                    continue  # "amitriptyline and alcohol" is not one effect
                if any(x.start == a and x.end == b or (_key(subject), x.entity.key) in done for x in inside):
                    continue  # the cues read this name already (as it is, or without its qualifier)
                entity = self.lexicon.new_entity(clean_phrase(phrase), new_class)
            if entity.key == subject.key or (_key(subject), entity.key) in done:
                continue
            s, o = (entity, subject) if inverse else (subject, entity)
            self.emit(v, s, predicate, o, a, rule=f"frame-{predicate}", negatable=True, confidence=0.5)


def _key(x) -> str:
    return getattr(x, "key", None) or str(x)
