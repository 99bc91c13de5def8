"""Cues of tables: each cell read with its column's header ("Side effects", "Efficacy",
"Sample size", "Used for") and its row's first cell (the drug or the study).

A method of :class:`~medkg.ingest.relations.Reader` (a mixin).
"""

from __future__ import annotations

import re

from . import cues
from .context import CONDITION, DRUG, TREATMENT, View, list_entities
from .hedging import Firmness, efficacy, firmness


class TableCues:
    """Mixin of :class:`~medkg.ingest.relations.Reader`: table rows, read with their header row."""

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
                    self.emit(v, subject, cues.effect_predicate(head), e, a, rule="table-effects", firm=Firmness("Asserted"))
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
