"""Reading what readers type: numbers, times, choices and left/right pairs, never an exception."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.core.fields import (
    Choice,
    ChoiceField,
    DurationField,
    FieldGroup,
    NumberField,
    PairField,
)
from calculators.core.parsing import (
    Empty,
    Parsed,
    Problem,
    parse_decimal,
    parse_duration,
    parse_field,
    parse_form,
)

BODY_MASS = NumberField("body_mass", "Body mass", "kg", minimum=30, maximum=200, default="75")
FORCE = NumberField("swing_leg", "Swing leg", "N", minimum=0, minimum_exclusive=True, maximum=10_000)
HOLD = DurationField("torso", "Torso", minimum=0, minimum_exclusive=True, maximum=3_600)
UNIT = ChoiceField("force_unit", "Force unit", (Choice("N", "newtons"), Choice("kgf", "kilograms-force")), default="N")
OPTIONAL_TIME = DurationField("sprint_time", "Sprint time", minimum=0, minimum_exclusive=True, required=False)


@pytest.mark.parametrize(
    ("typed", "value", "tidy"),
    [
        ("72.5", 72.5, "72.5"),
        ("72,5", 72.5, "72.5"),  # a comma decimal, as typed in much of Europe
        ("  72.50 ", 72.5, "72.5"),  # spaces and a trailing zero
        ("\u00a075\u00a0", 75.0, "75"),  # non-breaking spaces pasted from a document
        ("+5", 5.0, "5"),
        ("-0", 0.0, "0"),
        (".5", 0.5, "0.5"),
        ("5.", 5.0, "5"),
        ("007", 7.0, "7"),
        ("-3,25", -3.25, "-3.25"),
    ],
)
def test_decimals_are_read_with_a_point_or_a_comma_and_tidied(typed, value, tidy):
    assert parse_decimal(typed) == (value, tidy)


@pytest.mark.parametrize(
    "typed", ["", " ", "abc", "1e3", "1e999", "nan", "NaN", "inf", "-Infinity", "1,234.5", "1 000", "--5", "5-", ".", ",", "\u0661\u0662"]
)
def test_anything_that_is_not_a_plain_decimal_is_not_read_as_one(typed):
    assert parse_decimal(typed) is None


@pytest.mark.parametrize(
    ("typed", "seconds", "tidy"),
    [
        ("95", 95.0, "95"),
        ("95.5", 95.5, "95.5"),
        ("1:35", 95.0, "1:35"),
        ("1:35.5", 95.5, "1:35.5"),
        ("1:35,50", 95.5, "1:35.5"),
        ("1:5", 65.0, "1:05"),
        ("0:59.9", 59.9, "0:59.9"),
        ("10:00", 600.0, "10:00"),
    ],
)
def test_durations_are_seconds_or_minutes_and_seconds(typed, seconds, tidy):
    assert parse_duration(typed) == (seconds, tidy)


def test_a_duration_with_60_or_more_seconds_after_the_colon_gets_a_message():
    outcome = parse_field(HOLD, "1:75")
    assert outcome == Problem("After the colon, the seconds must be under 60, like 1:35.", "1:75")


@pytest.mark.parametrize("typed", ["1:", ":30", "1:35:00", "1:3a", "95s"])
def test_a_duration_that_is_not_a_time_gets_the_hint(typed):
    assert parse_field(HOLD, typed) == Problem("Enter seconds, like 95.5, or minutes:seconds, like 1:35.5.", typed)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Body mass is needed."),
        ("   ", "Body mass is needed."),
        ("seventy", "Enter a number, like 72.5."),
        ("NaN", "Enter a number, like 72.5."),
        ("inf", "Enter a number, like 72.5."),
        ("1e999", "Enter a number, like 72.5."),
        ("-70", "Body mass must be between 30 and 200 kg."),
        ("0", "Body mass must be between 30 and 200 kg."),
        ("29.9", "Body mass must be between 30 and 200 kg."),
        ("200.01", "Body mass must be between 30 and 200 kg."),
        ("9" * 400, "Body mass must be between 30 and 200 kg."),  # overflows a float to infinity
    ],
)
def test_body_mass_problems_get_plain_language_messages(typed, message):
    assert parse_field(BODY_MASS, typed) == Problem(message, typed)


def test_the_range_ends_are_allowed():
    assert parse_field(BODY_MASS, "30") == Parsed(30.0, "30")
    assert parse_field(BODY_MASS, "200") == Parsed(200.0, "200")


def test_a_force_must_be_more_than_zero():
    assert parse_field(FORCE, "0") == Problem("Swing leg must be more than 0 and at most 10000 N.", "0")
    assert parse_field(FORCE, "0.0000001") == Parsed(1e-7, "0.0000001")
    tiny = "0." + "0" * 400 + "1"  # rounds to 0.0 as a float: still not more than zero
    assert isinstance(parse_field(FORCE, tiny), Problem)


def test_choices_match_without_regard_to_case_and_name_the_options_otherwise():
    assert parse_field(UNIT, " KGF ") == Parsed("kgf", "kgf")
    assert parse_field(UNIT, "lbs") == Problem("Choose one of: N, kgf.", "lbs")
    assert parse_field(UNIT, "") == Problem("Force unit is needed.", "")


def test_an_optional_field_left_empty_is_simply_not_given():
    assert parse_field(OPTIONAL_TIME, "") == Empty()
    assert parse_field(OPTIONAL_TIME, "  ") == Empty()


SWING_PAIR = PairField(side=NumberField("swing_leg", "Swing leg", "N", minimum=0, minimum_exclusive=True, required=False))


def test_a_left_value_without_a_right_one_puts_the_message_on_the_missing_side():
    parsed = parse_form((SWING_PAIR,), {"swing_leg_left": "180", "swing_leg_right": ""})
    assert parsed.errors == {"swing_leg_right": "Enter the right value too, or clear the left one."}
    assert parsed.values == {"swing_leg_left": 180.0}
    parsed = parse_form((SWING_PAIR,), {"swing_leg_right": "170"})
    assert parsed.errors == {"swing_leg_left": "Enter the left value too, or clear the right one."}


def test_a_bad_left_value_still_asks_for_the_missing_right_one():
    parsed = parse_form((SWING_PAIR,), {"swing_leg_left": "abc"})
    assert parsed.errors == {
        "swing_leg_left": "Enter a number, like 72.5.",
        "swing_leg_right": "Enter the right value too, or clear the left one.",
    }


def test_a_required_pair_names_each_missing_side():
    pair = PairField(side=FORCE)
    parsed = parse_form((pair,), {"swing_leg_left": "", "swing_leg_right": ""})
    assert parsed.errors == {"swing_leg_left": "Swing leg (left) is needed.", "swing_leg_right": "Swing leg (right) is needed."}


def test_missing_keys_take_defaults_unknown_keys_are_ignored_and_texts_keep_what_was_typed():
    parsed = parse_form((BODY_MASS, UNIT, HOLD), {"torso": " 1:35 ", "body_mass": "huge", "colour": "red"})
    assert parsed.texts == {"body_mass": "huge", "force_unit": "N", "torso": "1:35"}
    assert parsed.values == {"force_unit": "N", "torso": 95.0}
    assert set(parsed.errors) == {"body_mass"}


def test_a_field_hidden_by_show_when_is_neither_used_nor_checked():
    mode = ChoiceField("mode", "Timing", (Choice("ms", "milliseconds"), Choice("frames", "video frames")), default="ms")
    frames = NumberField("frame_rate", "Frame rate", "fps", minimum=1, show_when="mode=frames")
    group = FieldGroup("video", "Video", (NumberField("frames", "Frames", minimum=1),), show_when="mode=frames")
    items = (mode, frames, group)
    hidden = parse_form(items, {"frame_rate": "abc"})
    assert hidden.errors == {}
    assert hidden.values["frame_rate"] is None and hidden.values["frames"] is None
    assert hidden.texts["frame_rate"] == "abc"  # kept for the form and the URL
    shown = parse_form(items, {"mode": "frames", "frame_rate": "abc"})
    assert set(shown.errors) == {"frame_rate", "frames"}


ANY_FIELD = st.sampled_from([BODY_MASS, FORCE, HOLD, UNIT, OPTIONAL_TIME])


@settings(max_examples=500)
@given(field=ANY_FIELD, typed=st.text())
def test_parsing_never_raises_on_any_string(field, typed):
    outcome = parse_field(field, typed)
    assert isinstance(outcome, (Parsed, Problem, Empty))
    if isinstance(outcome, Problem):
        assert outcome.text == typed and outcome.message
    if isinstance(outcome, Parsed) and isinstance(outcome.value, float):
        assert math.isfinite(outcome.value)


NUMBERISH = st.from_regex(r"\s*[+-]?[0-9]{0,5}([.,][0-9]{0,4})?\s*", fullmatch=True)


@given(field=st.sampled_from([BODY_MASS, FORCE, HOLD]), typed=NUMBERISH | st.from_regex(r"[0-9]{1,2}:[0-9]{1,2}([.,][0-9]{0,2})?", fullmatch=True))
def test_a_good_value_is_in_range_and_its_tidy_text_reads_back_the_same(field, typed):
    outcome = parse_field(field, typed)
    if isinstance(outcome, Parsed):
        assert field.minimum is None or outcome.value >= field.minimum
        assert field.maximum is None or outcome.value <= field.maximum
        assert parse_field(field, outcome.text) == outcome


@given(raw=st.dictionaries(st.sampled_from(["body_mass", "force_unit", "torso", "swing_leg_left", "swing_leg_right", "x"]) | st.text(), st.text()))
def test_a_whole_form_parses_any_dict_of_strings_without_raising(raw):
    parsed = parse_form((BODY_MASS, UNIT, HOLD, SWING_PAIR), raw)
    for name in ("body_mass", "force_unit", "torso", "swing_leg_left", "swing_leg_right"):
        assert (name in parsed.errors) != (name in parsed.values)
