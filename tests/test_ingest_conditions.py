"""What a condition is: anatomy lists, population, duration, labelled lines (medkg.ingest.conditions)."""

from ingest_reading import read


def test_body_parts_a_disease_affects_are_drafted_even_when_unknown():
    got = {(s, p, o) for s, p, o, _ in read(
        "Sciatica is a long-term disorder that primarily affects joints. "
        "The disease may also affect other parts of the body, including skin, eyes, and lungs.",
        title="Sciatica")}
    assert {("sciatica", "affectsAnatomy", x) for x in ("joints", "skin", "eyes")} <= got


def test_population_and_duration_of_a_condition():
    got = {(s, p, o) for s, p, o, _ in read(
        "Fibromyalgia is more likely to occur in people over age 60. Fibromyalgia can last for months or years.",
        title="Fibromyalgia")}
    assert ("fibromyalgia", "affectsPopulation", "people over age 60") in got
    assert ("fibromyalgia", "duration", "months or years") in got


def test_a_negated_affects_is_no_claim():
    rows = read("Fibromyalgia does not affect the joints.", title="Fibromyalgia")
    assert not [r for r in rows if r[1] == "affectsAnatomy"]
