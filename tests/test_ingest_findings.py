"""Trials, comparators, outcomes and doses (medkg.ingest.findings, .citations)."""

from ingest_reading import read


TRIAL = ("Acetaminophen isn't any better at relieving back pain than a fake pill.\n\n"
         "In a new study, researchers assigned more than 1,600 people with acute lower back pain to either "
         "acetaminophen - to a maximum dose of 4,000 mg per day - or a placebo.\n\n"
         "Scientists found no major difference in the time it took people to recover.")


def test_a_trial_report_gives_its_size_comparator_direction_and_dose():
    got = {(s.lower(), p, o.lower()) for s, p, o, _ in read(TRIAL, title="Acetaminophen no better than placebo")}
    assert ("acetaminophen", "comparableEfficacyTo", "placebo") in got
    assert ("a new study", "sampleSize", "more than 1,600 people") in got
    assert ("acetaminophen", "hasDosingRegimen", "maximum dose of 4,000 mg per day") in got
    assert ("acetaminophen", "comparedWith", "placebo") in got


def test_an_unnamed_review_is_the_study_its_sentences_describe():
    got = {(s.lower(), p, o) for s, p, o, _ in read(
        "The authors of this systematic review included 23 randomized, placebo-controlled trials involving "
        "over 2,000 subjects with symptoms of sciatica.")}
    assert ("this systematic review", "sampleSize", "over 2,000 subjects") in got
    assert ("this systematic review", "sampleSize", "23 randomized, placebo-controlled trials") in got
