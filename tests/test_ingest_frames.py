"""General sentence frames (medkg.ingest.frames): lists of noun phrases nothing names, with the
frame's subject, and never a relation between bystanders. The sentences are written for these
tests, not taken from a gold page."""

from medkg.ingest.nounphrases import noun_phrases

from ingest_reading import read


def triples(text: str, title: str = "") -> set[tuple[str, str, str]]:
    return {(s.lower(), p, o.lower()) for s, p, o, _ in read(text, title)}


def test_noun_phrases_drop_definitions_and_qualifiers_inside_a_list():
    t = "Side effects include sleepiness, which is feeling tired, a metallic taste, and hair thinning in some people."
    assert [t[a:b] for a, b in noun_phrases(t, 21, len(t))] == ["sleepiness", "metallic taste", "hair thinning"]


def test_noun_phrases_end_where_a_clause_begins():
    t = "It is used for plaque psoriasis, which causes scaly patches, and for eczema."
    assert [t[a:b] for a, b in noun_phrases(t, 15, len(t))] == ["plaque psoriasis"]


def test_noun_phrases_keep_a_shared_head_whole_and_split_two_names():
    t = "may cause swelling of the ankles and feet, metallic taste or hair thinning"
    got = [t[a:b] for a, b in noun_phrases(t, 10, len(t))]
    assert got == ["swelling of the ankles and feet", "metallic taste", "hair thinning"]


def test_side_effects_of_an_unknown_drug_include_new_names():
    got = triples("Gabapentin is a tablet taken once a day.\n\n"
                  "Common side effects of Gabapentin include a metallic taste, hair thinning and sleepiness.",
                  title="Gabapentin")
    assert ("gabapentin", "commonAdverseEffect", "metallic taste") in got
    assert ("gabapentin", "commonAdverseEffect", "hair thinning") in got


def test_effects_named_before_the_cue_belong_to_the_named_drug():
    got = triples("Hair thinning and a metallic taste are the most common side effects of gabapentin.", title="Gabapentin")
    assert {("gabapentin", "commonAdverseEffect", "hair thinning"),
            ("gabapentin", "commonAdverseEffect", "metallic taste")} <= got


def test_not_recommended_for_a_population_names_it_not_the_topic_condition():
    got = triples("Gabapentin treats plaque psoriasis.\n\nGabapentin is not recommended for children.", title="Gabapentin")
    assert ("gabapentin", "notRecommendedFor", "children") in got
    assert not any(p == "notRecommendedFor" and o != "children" for _, p, o in got)


def test_contraindicated_in_people_with_two_conditions():
    got = triples("Gabapentin is contraindicated in patients with recent kidney stones or severe skin ulcers.",
                  title="Gabapentin")
    assert {("gabapentin", "contraindicatedIn", "recent kidney stones"),
            ("gabapentin", "contraindicatedIn", "severe skin ulcers")} <= got


def test_a_relative_clause_that_causes_is_not_the_drug_causing():
    got = triples("Gabapentin calms signals in the skin that cause itching.", title="Gabapentin")
    assert not any(s == "gabapentin" and o == "itching" for s, _, o in got)


def test_a_vague_object_is_no_claim():
    got = triples("Gabapentin can cause some common side effects.\n\nGabapentin can cause serious problems.",
                  title="Gabapentin")
    assert not any(s == "gabapentin" for s, _, _ in got)


def test_what_a_condition_is_felt_as_and_what_sets_it_off():
    text = ("Sciatica is pain along the sciatic nerve.\n\n"
            "People with sciatica often experience unsteadiness and sensitivity to motion.\n\n"
            "Bright flickering lights can trigger an attack.\n\n"
            "The condition may develop after a head injury.")
    got = triples(text, title="Sciatica")
    subjects = {s for s, p, o in got if p == "symptomOf"}
    assert {"unsteadiness", "sensitivity to motion"} <= subjects
    assert any(s == "bright flickering lights" and p == "aggravates" for s, p, o in got)
    assert ("head injury", "riskFactorFor", "sciatica") in got
    assert not any(s.startswith("after") for s, _, _ in got)


def test_withdrawal_symptoms_are_not_the_condition_s_symptoms():
    got = triples("Gabapentin is used to treat plaque psoriasis.\n\n"
                  "Stopping suddenly can bring withdrawal symptoms such as restlessness and chills.",
                  title="Gabapentin")
    assert not any(p == "symptomOf" and o == "plaque psoriasis" for _, p, o in got)


def test_a_drug_class_after_an_appositive_or_a_salt_name():
    got = triples("Gabapentin, sold under many names, is an anticonvulsant medication.\n\n"
                  "Pregabalin hydrochloride is an oral analgesic agent used in the management of nerve pain.",
                  title="Gabapentin")
    assert ("gabapentin", "memberOfDrugClass", "anticonvulsant medication") in got
    assert ("pregabalin", "memberOfDrugClass", "oral analgesic agent") in got
    assert ("pregabalin", "treats", "neuropathic pain") in got  # "nerve pain" is the graph's neuropathic pain


def test_a_prescription_drug_is_no_class():
    got = triples("Gabapentin is a prescription drug.", title="Gabapentin")
    assert not any(p == "memberOfDrugClass" for _, p, _ in got)


def test_what_a_drug_does_each_coordinated_verb_its_own_relation():
    got = triples("Gabapentin decreases nerve excitability, reduces calcium influx, and improves sleep quality.",
                  title="Gabapentin")
    assert {("gabapentin", "inhibits", "nerve excitability"), ("gabapentin", "inhibits", "calcium influx"),
            ("gabapentin", "improves", "sleep quality")} <= got


def test_a_condition_no_table_knows_raises_the_risk_of_others():
    got = triples("Chronic pancreatic inflammation increases the chance of developing diabetes and weight loss.",
                  title="Pancreatitis")
    risky = {o for s, p, o in got if p == "riskFactorFor" and s == "chronic pancreatic inflammation"}
    assert risky == set()  # "inflammation" alone is no condition head: nothing drafted
    got = triples("Chronic pancreatitis increases the chance of developing diabetes and weight loss.", title="Pancreatitis")
    assert ("chronic pancreatitis", "riskFactorFor", "diabetes") in got


def test_the_category_before_such_as_is_not_one_of_the_items():
    got = triples("Without treatment, sciatica can cause serious complications, such as nerve damage and bladder problems.",
                  title="Sciatica")
    objects = {s for s, p, o in got if o == "sciatica"} | {o for s, p, o in got if s == "sciatica"}
    assert "nerve damage" in objects
    assert not any("complications" in x for x in objects)


def test_what_kind_a_condition_is_where_it_strikes_and_how_long_it_lasts():
    text = ("Sciatica is a painful form of neuralgia.\n\n"
            "Often, sciatica first attacks your lower back. It can also attack the knees, ankles and toes.\n\n"
            "An episode can last from two days to a few weeks.")
    got = triples(text, title="Sciatica")
    assert ("sciatica", "subtypeOf", "neuralgia") in got
    places = {o for s, p, o in got if s == "sciatica" and p == "affectsAnatomy"}
    assert {"lower back", "ankles", "toes"} <= places and any("knee" in x for x in places)
    assert ("sciatica", "duration", "from two days to a few weeks") in got


def test_what_raises_the_risk_in_a_list_under_its_lead_in():
    text = "You are more likely to get sciatica if you:\n\n• Are overweight\n• Sit for long periods\n• Have diabetes\n"
    got = triples(text, title="Sciatica")
    risks = {s for s, p, o in got if p == "riskFactorFor" and o == "sciatica"}
    assert {"overweight", "diabetes"} <= risks


def test_a_condition_described_as_pain_is_felt_as_that_pain():
    got = triples("Sciatica is sharp pain that runs down one leg.", title="Sciatica")
    assert ("sharp pain", "symptomOf", "sciatica") in got


def test_a_drug_page_s_lists_interactions_and_cautions():
    text = ("Gabapentin treats nerve pain.\n\n"
            "Do not take this medication with any of the following:\n\n  • Sodium oxybate\n  • Certain medications for "
            "seizures, such as phenytoin\n\n"
            "They need to know if you have any of these conditions:\n\n  • Kidney disease\n  • Lung disease\n")
    got = triples(text, title="Gabapentin")
    assert ("gabapentin", "interactsWith", "sodium oxybate") in got
    assert ("gabapentin", "interactsWith", "medications for seizures") in got
    assert {("gabapentin", "cautionIn", "kidney disease"), ("gabapentin", "cautionIn", "lung disease")} <= got
    assert not any("following" in o for _, _, o in got)


def test_whom_a_condition_affects_most():
    got = triples("Sciatica is most common in middle-aged men and older adults.", title="Sciatica")
    assert {("sciatica", "affectsPopulation", "middle-aged men"), ("sciatica", "affectsPopulation", "older adults")} <= got


def test_ways_to_prevent_a_condition_in_a_list():
    got = triples("You can lower your risk of sciatica by:\n\n  • Staying physically active.\n  • Keeping a healthy weight.\n",
                  title="Sciatica")
    assert {("staying physically active", "prevents", "sciatica"), ("keeping a healthy weight", "prevents", "sciatica")} <= got


def test_forms_strengths_timing_and_combinations_of_a_drug():
    text = ("Gabapentin comes in the form of an immediate-release tablet and an oral solution.\n\n"
            "Gabapentin capsules contain 100 mg, 300 mg or 400 mg of gabapentin.\n\n"
            "Take it at the same time every day.\n\n"
            "Drowsiness may be worse when combined with opioid painkillers.")
    got = triples(text, title="Gabapentin")
    assert {("gabapentin", "hasDosingRegimen", "immediate-release tablet"),
            ("gabapentin", "hasDosingRegimen", "oral solution")} <= got
    assert {("gabapentin", "hasDosingRegimen", f"{n} mg") for n in (100, 300, 400)} <= got
    assert ("gabapentin", "doseTiming", "at the same time every day") in got
    assert ("gabapentin", "interactsWith", "opioid painkillers") in got


def test_a_class_s_members_and_a_class_named_before_class():
    got = triples("Anticonvulsants include gabapentin and pregabalin.\n\nGabapentin is in the gabapentinoid class of medications.",
                  title="Gabapentin")
    members = {s for s, p, o in got if p == "memberOfDrugClass" and "anticonvulsant" in o}
    assert {"gabapentin", "pregabalin"} <= members
    assert ("gabapentin", "memberOfDrugClass", "gabapentinoid") in got


def test_list_items_under_a_lead_in_written_as_a_heading():
    text = "Sciatica\n\nYou are more likely to get sciatica if you\n\n  • Are overweight\n  • Have diabetes\n"
    got = triples(text, title="Sciatica")
    assert {("overweight", "riskFactorFor", "sciatica"), ("diabetes", "riskFactorFor", "sciatica")} <= got


def test_adjectives_before_one_head_are_one_name_and_adverbs_no_name():
    t = "It causes swollen, red, hot and stiff joints."
    assert [t[a:b] for a, b in noun_phrases(t, 10, len(t))] == ["swollen, red, hot and stiff joints"]
    t = "It causes nausea, vomiting and stomach pain."  # names of their own stay apart
    assert [t[a:b] for a, b in noun_phrases(t, 10, len(t))] == ["nausea", "vomiting", "stomach pain"]
    got = triples("Rather, seeing a doctor and resting probably worsen sciatica.", title="Sciatica")
    assert not any(s in ("rather", "resting probably") for s, _, _ in got)


def test_what_a_drug_improves_and_what_it_is_compared_with():
    got = triples("Gabapentin is an anticonvulsant which improves sleep quality in patients with nerve pain.\n\n"
                  "Patients reported improvements in daily function and social life.", title="Gabapentin")
    assert ("gabapentin", "improves", "sleep quality") in got
    assert {("gabapentin", "improves", "daily function"), ("gabapentin", "improves", "social life")} <= got
    got = triples("Unlike pregabalin, gabapentin is taken three times a day.", title="Gabapentin")
    assert ("gabapentin", "comparedWith", "pregabalin") in got


def test_indications_written_as_a_label_line_and_treatments_with():
    got = triples("Gabapentin treats seizures.\n\nOrally for the management of postherpetic neuralgia in adults.",
                  title="Gabapentin")
    assert ("gabapentin", "treats", "postherpetic neuralgia") in got
    got = triples("Doctors often treat sciatica with physical therapy and epidural injections.", title="Sciatica")
    assert ("epidural injections", "usedFor", "sciatica") in got


def test_on_a_drug_page_symptoms_belong_to_the_condition_just_named():
    text = ("Gabapentin treats postherpetic neuralgia.\n\n"
            "Rarely, it may cause angioedema. Symptoms include swelling of the lips and trouble breathing.")
    got = triples(text, title="Gabapentin")
    assert not any(p == "symptomOf" and o == "postherpetic neuralgia" for _, p, o in got)


def test_on_a_drug_page_what_may_occur_is_the_drug_s_effect():
    got = triples("Gabapentin treats seizures.\n\nSuicidal thoughts or unusual mood changes may occur.", title="Gabapentin")
    assert ("gabapentin", "adverseEffect", "thoughts of suicide or self-harm") in got  # the graph's name for it


def test_risk_factors_named_before_the_cue_and_complications():
    got = triples("Heavy lifting and long drives are risk factors for sciatica.\n\n"
                  "A serious complication of sciatica is permanent nerve damage.", title="Sciatica")
    assert any(p == "riskFactorFor" and o == "sciatica" and "heavy lifting" in s for s, p, o in got)
    assert ("permanent nerve damage", "complicationOf", "sciatica") in got


def test_a_page_about_a_condition_no_table_knows():
    from medkg.ingest.abbreviations import add_title_condition
    from ingest_reading import _lexicon
    import copy
    lexicon = copy.deepcopy(_lexicon())
    text = "Tarsal tunnel syndrome is a painful condition of the ankle. Symptoms of tarsal tunnel syndrome include burning."
    entity = add_title_condition(text, "Tarsal tunnel syndrome", lexicon)
    assert entity is not None and entity.label == "tarsal tunnel syndrome"
    assert add_title_condition("Zorvex is taken once a day.", "Zorvex", copy.deepcopy(_lexicon())) is None
    got = triples(text, title="Tarsal tunnel syndrome")
    assert ("burning", "symptomOf", "tarsal tunnel syndrome") in got
