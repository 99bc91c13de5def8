"""Names the lexicon does not know: brands, drug-name stems, whole noun phrases
(medkg.ingest.brands, .drugnames, .phrases), and the confidence of each claim."""

from medkg.ingest.confidence import confidence

from ingest_reading import found, read


def test_an_unknown_drug_is_recognised_by_its_stem_and_is_the_subject():
    rows = read("Rimegepant is used to treat migraine. Common side effects include nausea.", title="Rimegepant")
    assert ("rimegepant", "treats", "migraine") in {(s, p, o) for s, p, o, _ in rows}
    assert all(s != "migraine" for s, _, _, _ in rows)


def test_objects_are_whole_noun_phrases():
    objects = {o for _, _, o, _ in read("Naproxen is used to relieve muscle aches and dental pain.")}
    assert {"muscle aches", "dental pain"} <= objects and "aches" not in objects


def test_every_claim_has_a_cue_and_a_confidence_in_range():
    claims = found("Celebrex (celecoxib) is used to treat arthritis. Common side effects include headache.")
    assert claims and all(f.rule and 0 < f.confidence <= 0.95 for f in claims)
    assert confidence("side-effects", None, None) > confidence("anatomy", None, None)


def test_a_5000_word_article_is_read_in_well_under_5_seconds():
    import time

    from helpers import FIXTURES

    base = (FIXTURES / "ingest" / "gabapentin.txt").read_text(encoding="utf-8")
    parts, n = [], 0
    while n < 5000:  # distinct paragraphs, so nothing is shortcut by repetition
        part = base.replace("gabapentin", f"gabapentin{len(parts)}") if parts else base
        parts.append(part)
        n += len(part.split())
    text = "\n\n".join(parts)
    start = time.perf_counter()
    claims = found(text, title="Gabapentin")
    assert claims and time.perf_counter() - start < 5
