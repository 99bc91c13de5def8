"""Quote anchoring and the matching policy: exact spans only, with helpful errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medkg.sources import QuoteNotFound, anchor, normalise_typography

TEXT = "It\u2019s not for people with glaucoma.\nIt may help.  It may help some."


def test_anchor_returns_code_point_offsets_of_the_unique_span():
    a = anchor(TEXT, "people with glaucoma")
    assert TEXT[a.start:a.end] == "people with glaucoma"
    assert (a.start, a.end) == (13, 33)
    assert a.prefix.endswith("not for ") and a.suffix.startswith(".")


def test_ambiguous_quote_is_refused_and_prefix_or_suffix_disambiguates():
    with pytest.raises(QuoteNotFound, match="occurs 2 times"):
        anchor(TEXT, "It may help")
    first = anchor(TEXT, "It may help", suffix=".  ")
    second = anchor(TEXT, "It may help", suffix=" some")
    assert first.start < second.start
    assert TEXT[second.start:second.end] == "It may help"


@pytest.mark.parametrize(
    "quote, reason",
    [
        ("It's not for people", "only in typography"),                  # straight apostrophe
        ("It\u2019s not for people with glaucoma. It may", "only in typography"),  # line break as space
        ("it\u2019s NOT for people", "only in letter case"),
        ("It cures everything", "not found in the source text"),
        ("", "empty"),
    ],
)
def test_typography_is_not_normalised_but_explained(quote, reason):
    with pytest.raises(QuoteNotFound, match=reason):
        anchor(TEXT, quote)


def test_typography_message_points_at_the_first_difference():
    with pytest.raises(QuoteNotFound) as e:
        anchor(TEXT, "It's not for people")
    assert "source has '\u2019', quote has \"'\"" in str(e.value)


def test_non_breaking_space_is_not_a_space():
    with pytest.raises(QuoteNotFound, match="typography"):
        anchor("dry mouth", "dry\u00a0mouth")
    assert normalise_typography("dry\u00a0mouth") == "dry mouth"


@given(st.text(min_size=1, max_size=200), st.data())
def test_any_unique_span_anchors_back_to_itself(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    try:
        a = anchor(text, quote)
    except QuoteNotFound as e:
        assert text.count(quote) > 1 and "occurs" in str(e)
    else:
        assert text[a.start:a.end] == quote
        assert a.start == text.find(quote)


@given(st.text(max_size=100), st.text(max_size=30))
def test_anchor_never_raises_anything_but_quote_not_found(text, quote):
    try:
        a = anchor(text, quote)
    except QuoteNotFound:
        return
    assert text[a.start:a.end] == quote
