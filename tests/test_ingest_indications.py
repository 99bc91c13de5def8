"""Indications, approvals and drug class (medkg.ingest.indications), with drafted names."""

from ingest_reading import pairs, read


def test_a_list_after_used_to_treat_gives_one_claim_per_whole_noun_phrase():
    got = pairs("Zelnorin is a prescription medicine used to treat chronic musculoskeletal pain, "
                "menstrual cramps, and fibromyalgia.", title="Zelnorin")
    assert {("zelnorin", "chronic musculoskeletal pain"), ("zelnorin", "menstrual cramps"),
            ("zelnorin", "fibromyalgia")} <= got


def test_a_drug_class_called_or_known_as_is_drafted_when_unknown():
    rows = read("Duloxetine is in a group of medications called dual reuptake blockers.")
    assert ("duloxetine", "memberOfDrugClass", "dual reuptake blockers", "class-called") in rows
    rows = read("This medication is known as a nonsteroidal anti-inflammatory drug (NSAID).", title="Naproxen")
    assert not [r for r in rows if r[1] == "memberOfDrugClass" and r[2] == "prescription medicine"]


def test_not_approved_for_use_in_children_is_no_indication():
    assert not [r for r in read("Duloxetine is not approved for use in children.") if r[1] == "treats"]
