"""Abbreviations a page defines (medkg.ingest.abbreviations)."""

from medkg.ingest.abbreviations import long_form

from ingest_reading import read


def test_long_forms_by_the_letters_in_order():
    assert long_form("GERD", "the symptoms of gastroesophageal reflux disease") == "gastroesophageal reflux disease"
    assert long_form("MS", "people living with multiple sclerosis") == "multiple sclerosis"
    assert long_form("NSAID", "a nonsteroidal anti-inflammatory drug") == "nonsteroidal anti-inflammatory drug"
    assert long_form("FDA", "approved by the agency") is None


def test_an_abbreviation_finds_the_condition_it_stands_for():
    rows = read("Chronic venous insufficiency (CVI) is common in older adults.\n\n"
                "CVI can cause leg swelling and skin changes.", title="Chronic venous insufficiency")
    got = {(s.lower(), p, o.lower()) for s, p, o, _ in rows}
    linked = {s for s, _, o in got if o == "chronic venous insufficiency"} | {o for s, _, o in got
                                                                               if s == "chronic venous insufficiency"}
    assert {"leg swelling", "skin changes"} <= linked
    assert not any(o == "cvi" or s == "cvi" for s, _, o in got)
