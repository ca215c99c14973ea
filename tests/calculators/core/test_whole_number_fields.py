"""Counts such as video frames: a field declared `whole_number=True` takes "12", never "12.5"."""

from __future__ import annotations

import pytest

from calculators.core.fields import NumberField
from calculators.core.form import render_form
from calculators.core.parsing import Parsed, Problem, parse_field

FRAMES = NumberField("contact_frames", "Contact", "frames", minimum=1, maximum=1000, whole_number=True, long_label="Ground contact in frames")


@pytest.mark.parametrize(("typed", "value", "tidy"), [("12", 12.0, "12"), (" 12.0 ", 12.0, "12"), ("12,", 12.0, "12")])
def test_a_whole_number_is_read_as_usual(typed, value, tidy):
    assert parse_field(FRAMES, typed) == Parsed(value, tidy)


@pytest.mark.parametrize("typed", ["12.5", "12,5", "0.1"])
def test_a_fraction_gets_a_plain_message_naming_the_field(typed):
    assert parse_field(FRAMES, typed) == Problem("Ground contact in frames must be a whole number, like 12.", typed)


def test_the_range_still_applies_to_whole_numbers():
    assert parse_field(FRAMES, "0") == Problem("Ground contact in frames must be between 1 and 1000 frames.", "0")


def test_a_whole_number_input_asks_phones_for_the_digits_keypad():
    html = str(render_form("demo", (FRAMES,)))
    assert 'inputmode="numeric"' in html
