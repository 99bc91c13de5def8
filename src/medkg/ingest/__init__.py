"""Drafting claims from a new article: ``medkg ingest``, ``medkg accept-draft``, ``medkg eval-ingest``.

The pipeline, one module per step: :mod:`.segment` (sentences, list items with their
lead-in, table rows, with offsets) → :mod:`.lexicon` (entity mentions, grounded in the
graph and the reference tables shipped in ``medkg/data``; :mod:`.phrases` widens them to
whole noun phrases, :mod:`.brands` and :mod:`.drugnames` make drugs no table knows
visible) → :mod:`.relations` (the reader: subject and topic resolution; the cues, one
module per kind — :mod:`.indications`, :mod:`.therapeutic`, :mod:`.safety`,
:mod:`.clinical`, :mod:`.conditions`, :mod:`.findings`, :mod:`.tables`, and last the general
sentence frames of :mod:`.frames` and :mod:`.condition_frames` for what no cue read, whose objects
are the noun phrases of :mod:`.nounphrases`; :mod:`.abbreviations` names what a page abbreviates
or is titled after — with patterns
in :mod:`.cues` and reading helpers in :mod:`.context`; certainty from :mod:`.hedging`,
publications from :mod:`.citations`, a confidence from :mod:`.confidence`) →
:mod:`.draft` (the Turtle draft file; accepting it). :mod:`.evaluate` scores drafts
against the curated claims, or (with :mod:`.gold`) against hand-annotated gold facts.
"""

from .draft import IngestResult, accept, ingest
from .evaluate import Evaluation, evaluate

__all__ = ["Evaluation", "IngestResult", "accept", "evaluate", "ingest"]
