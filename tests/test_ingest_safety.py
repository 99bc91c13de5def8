"""Side effects, warnings and lists (medkg.ingest.safety, .segment), precision first."""

from medkg.ingest.segment import segment

from ingest_reading import pairs, read


def test_side_effects_of_a_brand_are_the_generic_drugs():
    rows = read("Celebrex (celecoxib) is used to treat arthritis.\n\n"
                "Common side effects of Celebrex include headache, indigestion, and ringing in the ears.")
    effects = {o for s, p, o, _ in rows if s == "celecoxib" and p == "commonAdverseEffect"}
    assert {"headache", "indigestion", "ringing in the ears"} <= effects


def test_a_list_without_bullets_after_a_lead_in_keeps_its_heading():
    text = ("Seek medical attention right away if you have symptoms of breathing problems.\n"
            "Symptoms to watch for include:\n\nConfusion or disorientation\n\nExtreme sleepiness\n")
    kinds = [(s.kind, s.text) for s in segment(text)]
    assert ("item", "Confusion or disorientation") in kinds
    got = {(s, p, o) for s, p, o, _ in read(text)}
    assert ("extreme sleepiness", "warningSignOf", "breathing problems") in got


def test_inline_bullets_of_a_label_are_items_and_cross_references_are_not_names():
    rows = read("The following serious adverse reactions are described in other sections: "
                "• Addiction, Abuse, and Misuse [see Warnings and Precautions (5.1)] • Seizures [see Warnings (5.9)]",
                title="Tramadol")
    assert all("[" not in o and "precautions" not in o.lower() for _, _, o, _ in rows)
    assert {"addiction", "abuse", "misuse"} <= {o.lower() for _, p, o, _ in rows if p == "seriousAdverseEffect"}


def test_a_drug_sentence_says_nothing_of_what_a_condition_affects():
    got = pairs("Duloxetine is used to treat depression. It works by increasing serotonin in the brain.")
    assert not {x for x in got if x[1] == "brain"}


def test_a_drug_pages_symptom_lists_after_side_effects_are_the_drugs_effects():
    text = ("Duloxetine is used to treat depression.\n\n"
            "Duloxetine may cause side effects. Tell your doctor if any of these symptoms are severe or do not go away:\n"
            "• nausea\n• dry mouth\n\n"
            "Some side effects can be serious. If you experience any of these symptoms, call your doctor immediately:\n"
            "• rash\n• hives\n")
    got = {(s, p, o) for s, p, o, _ in read(text, title="Duloxetine")}
    assert {("duloxetine", "commonAdverseEffect", "nausea"), ("duloxetine", "commonAdverseEffect", "dry mouth"),
            ("duloxetine", "seriousAdverseEffect", "rash"), ("duloxetine", "seriousAdverseEffect", "hives")} <= got
    assert not [x for x in got if x[1] == "symptomOf"]


def test_cautions_and_interactions_in_their_usual_phrasings():
    got = {(s, p, o) for s, p, o, _ in read(
        "Before taking duloxetine, tell your doctor if you have or have ever had kidney disease or glaucoma. "
        "Do not take duloxetine with MAO inhibitors such as linezolid.", title="Duloxetine")}
    assert {("duloxetine", "cautionIn", "kidney disease"), ("duloxetine", "cautionIn", "glaucoma")} <= got
    assert ("duloxetine", "interactsWith", "MAO inhibitors") in got


def test_a_bullet_whose_words_share_one_head_is_one_effect():
    text = ("Some side effects can be serious. If you experience any of these symptoms, call your doctor immediately:\n"
            "• fast, pounding, or irregular heartbeat\n• slow or difficult speech\n• nausea, vomiting\n")
    effects = {o for s, p, o, _ in read(text, title="Nortriptyline") if p == "seriousAdverseEffect"}
    assert {"fast, pounding, or irregular heartbeat", "slow or difficult speech"} <= effects
    assert not {"fast", "pounding", "slow"} & effects
