"""Sentence segmentation of a captured article, with exact character offsets.

Consumer-health captures are not clean prose: they mix headings, bulleted lists whose
meaning depends on the line that introduces them ("Common Side Effects:"), pipe tables
whose cells depend on the header row, and paragraphs that run together. Each
:class:`Segment` is a span of the original text (``text[seg.start:seg.end] == seg.text``,
never normalised, so it can be quoted verbatim) with the context a reader would use:
the heading above it, the lead-in line of its list, the header row of its table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Bullet markers that open a list item (followed by a space).
BULLETS = "•●▪◦·‣∙*-–"

_NUMBERED = re.compile(r"\d{1,2}[.)]\s")
_TERMINAL = tuple(".!?")
_CLOSERS = "\"”’')]»"
#: Words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs dr mr mrs ms st no fig al approx ca cf jr sr prof inc ltd dept min max "
    "u.s u.k a.m p.m mg ml".split()
)
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*(?:\s+|(?=[A-Z][a-z]))(?=[\"“‘(\[]?[A-Z0-9])")
_HEADING_MAX_WORDS = 12
_INLINE_BULLET = re.compile(r"(?<=\s)[•●▪](?=\s)")
#: A line ending in a word no sentence or heading ends with carries on in the next line.
_DANGLING = re.compile(r"\b(?:a|an|the|of|to|and|or|by|with|for|in|on|as|your|their|its|is|are|that|than|from|may|can"
                       r"|will|be|this|these|such)$", re.I)


@dataclass(frozen=True)
class Segment:
    """One quotable unit of an article: a sentence, heading, list item or table row.

    Attributes
    ----------
    start, end : int
        Code-point offsets in the article; ``text[start:end] == self.text``.
    text : str
        The segment, verbatim (stripped of surrounding white space only).
    kind : str
        ``"sentence"``, ``"heading"``, ``"item"`` (a sentence inside a list item) or ``"row"``.
    index : int
        Position in the article's segment list.
    heading : int | None
        Index of the nearest heading above (or the lead-in of a list it is in).
    lead : int | None
        For list items, the index of the line introducing the list ("…include:"); for table
        rows, the index of the table's header row.
    block : int
        Number of the paragraph, list item or row the segment belongs to; sentences of one
        block share it.
    first_in_block : bool
        Whether this is the block's first sentence.
    cells : tuple[tuple[int, int], ...]
        For table rows, the offsets of each cell's stripped text.
    """

    start: int
    end: int
    text: str
    kind: str
    index: int
    heading: int | None = None
    lead: int | None = None
    block: int = 0
    first_in_block: bool = True
    cells: tuple[tuple[int, int], ...] = field(default=())

    @property
    def is_lead_in(self) -> bool:
        """A line that introduces what follows it ("Common symptoms include:")."""
        return self.text.endswith(":")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, split on ``\\n`` only (``\\r`` counts as white space)."""
    spans, start = [], 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation or an initial, not a sentence."""
    # a bounded look-back: searching the whole prefix made splitting quadratic in the text
    m = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", text[max(0, stop - 64):stop])
    if not m:
        return False
    word = m.group(1)
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]``, stripped, in order.

    Examples
    --------
    >>> t = "It helps. It may cause e.g. drowsiness.Next one"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['It helps.', 'It may cause e.g. drowsiness.', 'Next one']
    """
    end = len(text) if end is None else end
    spans, cursor = [], start
    for m in _BOUNDARY.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        stop = m.start() + 1
        while stop < m.end() and text[stop] in _CLOSERS:
            stop += 1
        s, e = _strip_span(text, cursor, stop)
        if s < e:
            spans.append((s, e))
        cursor = m.end()
    s, e = _strip_span(text, cursor, end)
    if s < e:
        spans.append((s, e))
    return spans


def _bullet_content(text: str, s: int, e: int) -> int | None:
    """Offset of a list item's content when the line is a bullet, else None."""
    if text[s] in BULLETS and s + 1 < e and text[s + 1].isspace():
        return _strip_span(text, s + 1, e)[0]
    m = _NUMBERED.match(text, s, e)
    if m:
        return _strip_span(text, m.end(), e)[0]
    return None


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _HEADING_MAX_WORDS
        and not line.endswith((*_TERMINAL, ",", ";", ":", *_CLOSERS))
        and (line[0].isupper() or line[0].isdigit())
    )


def _implicit_item(line: str) -> bool:
    """A line of a list written without bullets: short, and not a sentence or a new lead-in."""
    return 0 < len(line.split()) <= 20 and not line.endswith((*_TERMINAL, ":")) and "|" not in line[:1]


def _cells(text: str, s: int, e: int) -> tuple[tuple[int, int], ...]:
    cells = []
    bars = [i for i in range(s, e) if text[i] == "|"]
    for a, b in zip(bars, bars[1:]):
        cs, ce = _strip_span(text, a + 1, b)
        cells.append((cs, ce))
    if bars and bars[-1] < e - 1:  # a row that does not close with "|"
        cs, ce = _strip_span(text, bars[-1] + 1, e)
        if cs < ce:
            cells.append((cs, ce))
    return tuple(cells)


def segment(text: str) -> list[Segment]:
    """Split an article into segments with offsets and reading context.

    Lines that start with a bullet (``•``, ``-``, ``1.`` …) are list items, governed by the
    last line ending in ``:`` above them; lines framed by ``|`` are table rows, governed by
    the first row of their table; short lines without final punctuation are headings;
    everything else is split into sentences. A line that stops mid-sentence and is
    followed by a line starting in lower case is joined to it (wrapped text).

    Examples
    --------
    >>> t = "Side effects\\nCommon Side Effects:\\n  • Dry mouth\\n| Drug | Dose |\\n| X | 5 mg |"
    >>> [(s.kind, s.text, s.lead) for s in segment(t)]
    [('heading', 'Side effects', None), ('sentence', 'Common Side Effects:', None), \
('item', 'Dry mouth', 1), ('row', '| Drug | Dose |', None), ('row', '| X | 5 mg |', 3)]
    """
    segments: list[Segment] = []
    heading: int | None = None
    lead: int | None = None  # the lead-in line of the list being read
    table_header: int | None = None
    block = 0
    lines = _lines(text)
    i = 0

    def add(s: int, e: int, kind: str, **kw) -> Segment:
        seg = Segment(s, e, text[s:e], kind, len(segments), **kw)
        segments.append(seg)
        return seg

    while i < len(lines):
        s, e = _strip_span(text, *lines[i])
        i += 1
        if s == e:
            continue  # a blank line ends nothing but a paragraph: a list may go on after it
        block += 1
        if text[s] == "|":
            if re.fullmatch(r"[|:\-\s]+", text[s:e]):
                continue  # a Markdown separator row
            row = add(s, e, "row", heading=heading, lead=table_header, block=block, cells=_cells(text, s, e))
            if table_header is None:
                table_header = row.index
            continue
        table_header = None
        content = _bullet_content(text, s, e)
        if content is not None:
            for k, (a, b) in enumerate(split_sentences(text, content, e)):
                add(a, b, "item", heading=heading, lead=lead, block=block, first_in_block=k == 0)
            continue
        inline = [m.start() for m in _INLINE_BULLET.finditer(text, s, e)]
        if inline:
            # a flattened page: "… in other sections: • Addiction [see …] • Seizures …" on one line
            lead = None
            for k, (a, b) in enumerate(split_sentences(text, s, inline[0])):
                seg = add(a, b, "sentence", heading=heading, block=block, first_in_block=k == 0)
                lead = seg.index if seg.is_lead_in else None
            for a, b in zip(inline, inline[1:] + [e]):
                block += 1
                a, b = _strip_span(text, a + 2, b)
                # a label's cross-reference ends an item: "Withdrawal [see … (5.17)] The most common …"
                cut = re.search(r"\]\s+(?=(?:The|A|An|In|Most)\s)", text[a:b])
                spans = split_sentences(text, a, a + cut.start() + 1) + split_sentences(text, a + cut.end(), b) if cut \
                    else split_sentences(text, a, b)
                for k, (x, y) in enumerate(spans):
                    add(x, y, "item" if k == 0 or not cut else "sentence", heading=heading, lead=lead if k == 0 else None,
                        block=block, first_in_block=k == 0)
            continue
        if lead is not None and _implicit_item(text[s:e]):
            # "Symptoms to watch for include:" followed by short lines without bullets
            add(s, e, "item", heading=heading, lead=lead, block=block)
            continue
        # wrapped prose: join following lines while this one stops mid-sentence
        # (a short line is a heading only if the next does not carry on its sentence: hard-wrapped
        # pages break lines anywhere, "This medication is known as a" / "nonsteroidal …")
        while i < len(lines) and not text[s:e].endswith((*_TERMINAL, ":", *_CLOSERS)):
            ns, ne = _strip_span(text, *lines[i])
            if ns == ne or text[ns] in BULLETS or text[ns] == "|":
                break
            if not (text[ns].islower() or _DANGLING.search(text[s:e])):
                break
            e = ne
            i += 1
        line = text[s:e]
        lead = None
        if _is_heading(line):
            heading = add(s, e, "heading", heading=heading, block=block).index
            continue
        for k, (a, b) in enumerate(split_sentences(text, s, e)):
            seg = add(a, b, "sentence", heading=heading, block=block, first_in_block=k == 0)
            if seg.is_lead_in:
                lead = seg.index
    return segments
