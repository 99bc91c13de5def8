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


def _triples(text: str, title: str) -> set[tuple[str, str, str]]:
    return {(s, p, o) for s, p, o, _ in read(text, title=title)}


def test_is_a_kind_of_disease_is_a_subtype_with_its_whole_noun_phrase():
    got = _triples("Sciatica is an inflammatory disease that causes pain. "
                   "Also like arthritis, fibromyalgia is considered a rheumatic condition. "
                   "Fibromyalgia is the most common entrapment neuropathy in the upper limb.", "Fibromyalgia")
    assert ("sciatica", "subtypeOf", "inflammatory disease") in got
    assert ("fibromyalgia", "subtypeOf", "rheumatic condition") in got
    assert ("fibromyalgia", "subtypeOf", "entrapment neuropathy") in got
    # the disease right before "is" is the subject, not the one it is likened to
    assert not {t for t in got if t[0] == "arthritis"}


def test_how_common_or_chronic_a_disease_is_is_no_kind():
    got = _triples("Sciatica is a common and chronic disorder.", "Sciatica")
    assert not {t for t in got if t[1] == "subtypeOf"}


def test_what_a_disease_that_causes_lists_are_its_symptoms():
    got = _triples("Sciatica is a disease that causes pain, occasional fevers, and a loss of energy.", "Sciatica")
    assert {("pain", "symptomOf", "sciatica"), ("occasional fevers", "symptomOf", "sciatica"),
            ("loss of energy", "symptomOf", "sciatica")} <= got


def test_symptom_lists_keep_items_no_table_knows():
    got = _triples("Symptoms of fibromyalgia include fatigue, a loss of energy, and memory problems. "
                   "In addition, people with fibromyalgia may have occasional fevers.", "Fibromyalgia")
    assert {("fatigue", "symptomOf", "fibromyalgia"), ("loss of energy", "symptomOf", "fibromyalgia"),
            ("memory problems", "symptomOf", "fibromyalgia"), ("occasional fevers", "symptomOf", "fibromyalgia")} <= got
    # without an explicit list cue an unknown phrase is not drafted as a symptom
    assert not {t for t in _triples("People with fibromyalgia may feel tired.", "Fibromyalgia") if t[1] == "symptomOf"}


def test_an_explicit_is_caused_by_drafts_unknown_causes_whole():
    got = _triples("Sciatica is often caused by lifting a heavy object or twisting the body.", "Sciatica")
    assert {("lifting a heavy object", "causes", "sciatica"), ("twisting the body", "causes", "sciatica")} <= got
    got = _triples("Fibromyalgia flares are triggered by a number of different factors, including hormonal changes, "
                   "bright or flashing lights, and lack of food or sleep.", "Fibromyalgia")
    assert {("hormonal changes", "causes", "fibromyalgia"), ("bright or flashing lights", "causes", "fibromyalgia"),
            ("lack of food or sleep", "causes", "fibromyalgia")} <= got
    assert not {t for t in got if t[0] in ("bright", "sleep")}
    # "it" for something else: no cause drafted from an unknown phrase
    assert not _triples("When this happens, it is often caused by lifting a heavy object.", "Sciatica")


def test_treatments_include_a_list_for_the_condition():
    got = _triples("Sciatica is the leading cause of disability and doctors usually recommend treatments including "
                   "exercise, stretching, and hot and cold packs.", "Sciatica")
    assert {("exercise", "usedFor", "sciatica"), ("stretching", "usedFor", "sciatica"),
            ("hot and cold packs", "usedFor", "sciatica")} <= got
    assert ("hot", "usedFor", "sciatica") not in got
    # on a drug's page, a sentence naming no condition has no target
    assert not {t for t in _triples("Duloxetine is an SNRI. Options include a lower dose.", "Duloxetine")
                if t[1] == "usedFor" and t[2] != "depression"}
    # "Side effects of treatments include …" are no treatments
    assert not {t for t in _triples("The side effects of sciatica treatments include nausea.", "Sciatica") if t[1] == "usedFor"}


def test_the_main_symptom_is_of_the_condition_the_page_is_about():
    got = _triples("Sciatica is painful. The main symptom is a sharp pain in the leg.", "Sciatica")
    assert ("sharp pain", "symptomOf", "sciatica") in got
    got = _triples("The most common symptom of fibromyalgia is widespread pain.", "")
    assert ("widespread pain", "symptomOf", "fibromyalgia") in got
    # a page whose title names no condition: no target for "The main symptom is"
    assert not {t for t in _triples("Sciatica is painful. The main symptom is a sharp pain in the leg.", "")
                if t[1] == "symptomOf"}


def test_what_may_also_be_present_on_a_condition_page_is_a_symptom():
    got = _triples("Fibromyalgia is a disorder of pain. Fever and low energy may also be present.", "Fibromyalgia")
    assert {("fever", "symptomOf", "fibromyalgia"), ("low energy", "symptomOf", "fibromyalgia")} <= got
    # on a drug's page what may occur is the drug's, not the condition's
    got = _triples("Duloxetine is used for fibromyalgia. Nausea and dizziness may occur.", "Duloxetine")
    assert not {t for t in got if t[1] == "symptomOf"}


def test_drugs_such_as_on_a_condition_page_are_used_for_it():
    got = _triples("Fibromyalgia is a disorder of pain. Many patients will need stronger, prescription drugs such as "
                   "duloxetine, pregabalin, or amitriptyline.", "Fibromyalgia")
    assert {(d, "usedFor", "fibromyalgia") for d in ("duloxetine", "pregabalin", "amitriptyline")} <= got
    assert not _triples("Fibromyalgia is a disorder of pain. Avoid drugs such as ibuprofen.", "Fibromyalgia") - _triples(
        "Fibromyalgia is a disorder of pain.", "Fibromyalgia")


def test_a_title_naming_an_unknown_condition_phrase_is_the_topic():
    text = ("Girdle pain can follow fibromyalgia. Fibromyalgia is common. Fibromyalgia is chronic. "
            "Girdle pain is sharp. The main symptom is a burning sensation.")
    got = _triples(text, "Pelvic girdle pain")
    assert ("burning sensation", "symptomOf", "girdle pain") in got
    assert not {t for t in got if t[1] == "symptomOf" and t[2] == "fibromyalgia"}


def test_an_unknown_bare_subject_is_caused_by_is_not_the_topics_cause():
    got = _triples("Sciatica is painful. Shingles is caused by the varicella zoster virus.", "Sciatica")
    assert not {t for t in got if t[1] == "causes" and t[2] == "sciatica"}
