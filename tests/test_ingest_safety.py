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


def _triples(text: str, title: str = "") -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, _ in read(text, title=title)}


def test_drug_interactions_include_a_list_of_drugs():
    got = _triples("Drug interactions of duloxetine include aspirin or other NSAIDs (for example, ibuprofen, naproxen, etc.)",
                   "Duloxetine")
    assert {("duloxetine", "interactsWith", x) for x in ("ibuprofen", "naproxen", "NSAIDs")} <= got
    assert not {t for t in got if t[1] == "interactsWith" and t[0] != "duloxetine"}


def test_use_in_pregnancy_is_a_caution_only_when_its_safety_is_doubted():
    got = _triples("Gabapentin is used for nerve pain. It is unclear if use in pregnancy and breastfeeding is safe.",
                   "Gabapentin")
    assert {("gabapentin", "cautionIn", "pregnancy"), ("gabapentin", "cautionIn", "breastfeeding")} <= got
    got = _triples("Gabapentin is used for nerve pain. Use in pregnancy appears safe.", "Gabapentin")
    assert not {t for t in got if t[1] == "cautionIn"}


def test_effectiveness_similar_to_other_drugs():
    got = _triples("Gabapentin is used for nerve pain. Effectiveness appears similar to pregabalin or amitriptyline.",
                   "Gabapentin")
    assert {("gabapentin", "comparableEfficacyTo", "pregabalin"), ("gabapentin", "comparableEfficacyTo", "amitriptyline")} <= got


def test_route_and_with_or_without_food():
    got = _triples("Gabapentin is used for nerve pain. It is taken by mouth, with or without food.", "Gabapentin")
    assert {("gabapentin", "doseTiming", "by mouth"), ("gabapentin", "doseTiming", "with or without food")} <= got
    assert ("gabapentin", "doseTiming", "with food") not in got


def test_a_body_part_inside_an_effect_name_keeps_the_effect():
    got = _triples("Gabapentin is used for nerve pain. Serious side effects may include low blood pressure, "
                   "liver problems, and psychosis.", "Gabapentin")
    assert ("gabapentin", "seriousAdverseEffect", "liver problems") in got
    assert ("gabapentin", "seriousAdverseEffect", "liver") not in got


def test_do_not_use_if_you_have_is_a_contraindication():
    got = _triples("Duloxetine is used for depression. Do not use duloxetine if you have glaucoma.", "Duloxetine")
    assert ("duloxetine", "contraindicatedIn", "glaucoma") in got
    got = _triples("Duloxetine is used for depression. Do not use duloxetine with ibuprofen.", "Duloxetine")
    assert not {t for t in got if t[1] == "contraindicatedIn"}


def test_a_drug_that_increases_the_risk_of_something_has_it_as_an_effect():
    got = _triples("Duloxetine may increase the risk of bleeding.", "Duloxetine")
    assert ("duloxetine", "adverseEffect", "bleeding") in got
    # a condition's risk factor, or a lowered risk, is no drug effect
    assert not _triples("Obesity increases the risk of fibromyalgia.", "Fibromyalgia")
    assert not {t for t in _triples("Exercise reduces the risk of depression.") if t[1] == "adverseEffect"}


def test_tell_your_doctor_if_you_are_taking_names_interacting_drugs():
    got = _triples("Duloxetine is used for depression. Tell your doctor if you are taking ibuprofen or naproxen.",
                   "Duloxetine")
    assert {("duloxetine", "interactsWith", "ibuprofen"), ("duloxetine", "interactsWith", "naproxen")} <= got
    assert not {t for t in got if t[1] == "cautionIn"}
