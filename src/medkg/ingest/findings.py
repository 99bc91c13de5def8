"""Cues of trial reports and doses: sample sizes, comparators, efficacy direction, dose amounts.

News reports of trials and review summaries state a handful of facts in set phrasings:
how many took part ("assigned more than 1,600 people with …", "randomized 888 patients"),
what the drug was compared with ("… or a placebo", "compared with placebo"), which way the
finding went ("no better than placebo", "isn't any better at relieving … than a fake
pill", "as effective as"), and at what dose ("a maximum dose of 4,000 mg per day",
"100 mg per day", "30 mg once daily"). The study is the publication the sentence (or the
one it refers back to) describes; the dose becomes a dosing regimen named by its words.
"""

from __future__ import annotations

import re

from .citations import Citation, _kind, refers_back
from . import cues
from .context import DRUG, TREATMENT, View
from .lexicon import slugify
from .hedging import Firmness, firmness

_N = r"(?:(?:more\s+than|over|nearly|almost|about|around|approximately|some|roughly|fewer\s+than|under)\s+)?\d[\d,]*"
SAMPLE = re.compile(
    rf"\b(?P<v>{_N}\s+(?:(?:adult|older|elderly|young|healthy|adolescent|pediatric)\s+)?(?:people|patients|participants|adults|"
    r"women|men|children|subjects|volunteers|individuals|veterans|persons)|n\s*=\s*\d[\d,]*)\b", re.I)
#: "this systematic review", "the trial": a study the page is about, named without a citation.
THIS_STUDY = re.compile(r"\b(?P<np>(?:this|the|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:(?:new|recent|"
                        r"large|small|latest|systematic|randomi[sz]ed|double-blind|placebo-controlled|controlled|clinical|"
                        r"observational|pilot|multicenter|long-term|[\w-]+-phase|[\w-]+-year|Cochrane),?\s+(?:and\s+)?){0,4}"
                        r"(?:study|studies|trials?|review|meta-analysis|analysis))\b", re.I)
TRIALS_COUNT = re.compile(r"\b(?P<v>(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:[\w-]+,?\s+){0,3}?"
                          r"(?:trials|studies|RCTs))\b", re.I)
TRIAL_CONTEXT = re.compile(r"\b(?:study|studies|trial|trials|randomi[sz]ed|assigned|enrolled|recruited|participants|"
                           r"included|involving|involved|review|meta-analysis|compare|compared|evaluate|assess|investigate)\b",
                           re.I)
#: A finding in the report's words: "no significant difference in …", "pain was reduced by 6 points".
OUTCOME = re.compile(
    r"(?P<v>\bno\s+(?:statistically\s+)?(?:significant|meaningful|major|clinically\s+\w+|real)\s+differences?\s+"
    r"(?:in|between|regarding|for)\b[^,.;:]{2,80}"
    r"|\b[\w\s-]{3,40}?\s+(?:was|were)\s+(?:significantly\s+)?(?:reduced|improved|increased|decreased|lowered)\s+by\s+"
    r"(?:about\s+|around\s+|nearly\s+)?\d[\d.,]*\s*(?:%|percent|points?)[^,.;:]{0,40})", re.I)
#: "no better than placebo", "isn't any better at relieving X than a fake pill", "did not outperform placebo".
NO_BETTER = re.compile(
    r"\b(?:no|not\s+(?:any|much)|(?:is|are|was|were)n[’']t\s+(?:any|much)|(?:is|are|was|were)\s+not\s+(?:any|much)?)\s*"
    r"(?:better|more\s+effective)\b(?P<at>[^.;]{0,60}?)\s+than\s+(?:a\s+|the\s+)?(?P<cmp>placebo|fake\s+pills?|dummy\s+pills?|"
    r"sugar\s+pills?|sham\s+\w+|no\s+treatment)"
    r"|\b(?:did|does|do)\s+not\s+(?:outperform|beat)\s+(?:a\s+|the\s+)?(?P<cmp2>placebo|sham\s+\w+)", re.I)
COMPARED = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|or\s+(?:a|an|the)|or\s+to|or)\s+(?:a\s+|an\s+|the\s+)?"
                      r"(?P<cmp>placebo|dummy\s+pills?|fake\s+pills?|sham\s+\w+)", re.I)
DOSE = re.compile(
    r"\b(?P<v>(?:(?:a|the)\s+)?(?:(?:maximum|max|starting|initial|usual|recommended|daily|total|single|target|typical)\s+)"
    r"(?:daily\s+)?(?:dose|dosage)\s+(?:of\s+|is\s+)?(?:up\s+to\s+)?"
    r"\d[\d,.]*\s*(?:(?:-|–|to)\s*\d[\d,.]*\s*)?(?:mg|mcg|µg|g|mL|ml|units?|IU)\b(?:/kg)?"
    r"(?:\s*(?:per|a|/|each)\s*(?:day|dose|week|kg|night)|\s+(?:once|twice|three\s+times|four\s+times)\s+(?:a\s+|per\s+)?"
    r"(?:day|daily|week)|\s+(?:daily|weekly|nightly|at\s+bedtime)|\s+every\s+\d+(?:\s*(?:-|to)\s*\d+)?\s+hours)?"
    r"|\d[\d,.]*\s*(?:(?:-|–|to)\s*\d[\d,.]*\s*)?(?:mg|mcg|µg|g|mL|ml|units?|IU)\b(?:/kg)?"
    r"(?:\s*(?:per|a|/|each)\s*(?:day|week|night)|\s+(?:once|twice|three\s+times|four\s+times)\s+(?:a\s+|per\s+)?"
    r"(?:day|daily|week)|\s+(?:daily|weekly|nightly)|\s+every\s+\d+(?:\s*(?:-|to)\s*\d+)?\s+hours))", re.I)


#: Words of a sentence that reports research, not only cites it.
_REPORTS_RESEARCH = re.compile(r"\b(?:stud(?:y|ies|ied)|trials?|research(?:ers)?|review|meta-analys[ie]s|analys[ie]s|found|"
                               r"showed|shown|suggest(?:s|ed)?|evidence|participants|patients\s+(?:who|taking|given))\b", re.I)


class FindingCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: trials, comparators and doses."""

    def _placebo(self):
        return self.lexicon.ground("placebo") or self.lexicon.new_entity("placebo", "Therapy")

    def _studies_here(self, v: View):
        cites = [c for c in self.citations if v.base <= c.start < v.seg.end]
        if not cites and self._last_citation is not None and re.match(
                r"(?:The|This|That|In\s+the|In\s+this)\s+(?:[\w-]+\s+)?(?:study|trial|review|researchers|investigators)\b", v.text):
            cites = [self._last_citation]
        if not cites:
            m = THIS_STUDY.search(v.text)
            if m and TRIAL_CONTEXT.search(v.text[m.end():]):
                words = m.group("np")
                c = Citation(key=slugify(words)[:60].strip("-"), cited_as=words, start=v.base + m.start("np"),
                             end=v.base + m.end("np"), kind=_kind(words), label=words[0].upper() + words[1:])
                self.citations.append(c)
                self._last_citation = c
                cites = [c]
                for e in dict.fromkeys(x.entity for x in v.of(("Drug", "DrugClass", "Therapy", "Disease"))):
                    self.emit(v, c, "studies", e, m.start(), rule="study", firm=Firmness("Asserted"), confidence=0.7)
        return cites

    def _findings(self, v: View) -> None:
        cites = self._studies_here(v)
        drugs = [m.entity for m in v.of(DRUG)] or ([self.topic_drug] if self.topic_drug and cites else [])
        if cites and TRIAL_CONTEXT.search(v.text):
            for m in SAMPLE.finditer(v.text):
                if re.match(r"\s*%", v.text[m.end():]) or re.search(r"\bin\s+$", v.text[:m.start()]):
                    continue  # "in 33% of people", "in 10 people": a rate, not the sample
                self.emit(v, cites[0], "sampleSize", " ".join(m.group("v").split()), m.start(), rule="sample-size",
                          firm=Firmness("Asserted"), confidence=0.8)
                break
            for m in TRIALS_COUNT.finditer(v.text):
                self.emit(v, cites[0], "sampleSize", " ".join(m.group("v").split()), m.start(), rule="trials-count",
                          firm=Firmness("Asserted"), confidence=0.7)
        study = cites[0] if cites else self._last_citation
        if study is not None:
            for m in OUTCOME.finditer(v.text):
                value = re.sub(r"^(?:while|and|but|whereas|however|both)\s+", "", m.group("v").strip(), flags=re.I)
                self.emit(v, study, "reportedOutcome", value, m.start(), rule="outcome", confidence=0.6)
        for m in NO_BETTER.finditer(v.text):
            subjects = [x.entity for x in v.main_subject(TREATMENT, m.start())] or self.subjects(v, m.start(), TREATMENT)
            for s in subjects:
                self.emit(v, s, "comparableEfficacyTo", self._placebo(), m.start(), rule="no-better-than",
                          firm=Firmness("Asserted"), confidence=0.8)
        if cites or TRIAL_CONTEXT.search(v.text):
            for m in COMPARED.finditer(v.text):
                for s in [x.entity for x in v.of(TREATMENT, 0, m.start())][:2] or drugs[:1]:
                    if s.key != "placebo":
                        self.emit(v, s, "comparedWith", self._placebo(), m.start(), rule="compared-with", confidence=0.7)
        for m in DOSE.finditer(v.text):
            named = v.of(("Drug",), max(0, m.start() - 60), min(len(v.text), m.end() + 40))
            after = [x for x in named if x.start >= m.end() and re.match(r"\s+(?:of\s+)?$", v.text[m.end():x.start])]
            drug = (after or sorted(named, key=lambda x: abs(x.start - m.start())) or [None])[0]
            subject = drug.entity if drug else (self.topic_drug if self.topic_drug and self.topic_drug.is_a("Drug") else None)
            value = " ".join(m.group("v").split())
            value = re.sub(r"^(?:a|the)\s+", "", value, flags=re.I)
            regimen = self.lexicon.ground(value) or self.lexicon.new_entity(value, "DosingRegimen")
            self.emit(v, subject, "hasDosingRegimen", regimen, m.start(), rule="dose-amount", confidence=0.75)

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
            if self.text[c.start - 1:c.start] == "(" and not _REPORTS_RESEARCH.search(v.text):
                continue  # "… half the U.S. adult population (Whelton, 2017)": a source for the sentence, not a study of it
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
