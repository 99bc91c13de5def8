"""Drafting claims from a new article: ``medkg ingest``, ``medkg accept-draft``, ``medkg eval-ingest``.

The pipeline, one module per step: :mod:`.segment` (sentences, list items, table rows with
offsets and context) → :mod:`.lexicon` (entity mentions, grounding) → :mod:`.relations`
(cue patterns from :mod:`.cues`, read with :mod:`.context`; certainty from :mod:`.hedging`;
publications from :mod:`.citations`) → :mod:`.draft` (the Turtle draft file; accepting it)
; :mod:`.evaluate` scores drafts of the curated articles against their curated claims.
"""

from .draft import IngestResult, accept, ingest
from .evaluate import Evaluation, evaluate

__all__ = ["Evaluation", "IngestResult", "accept", "evaluate", "ingest"]
