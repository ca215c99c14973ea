"""Units readers type: every constant against its definition, the units typed after a number, and
messages and conversions in the unit the reader chose."""

from __future__ import annotations

import importlib
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators.core.fields import NumberField, UnitChoiceField, measured_quantities
from calculators.core.parsing import Parsed, Problem, UnitInUse, convert_units, parse_field, parse_form
from calculators.core.units import (
    CENTIMETRE,
    FEET_AND_INCHES,
    FOOT,
    FORCE,
    INCH,
    KGF_IN_NEWTONS,
    KILOGRAM,
    KILOGRAM_FORCE,
    LBF_IN_NEWTONS,
    LENGTH,
    MASS,
    METRE,
    METRES_PER_YARD,
    NEWTON,
    POUND,
    POUND_FORCE,
    STANDARD_GRAVITY,
    YARD,
    convert,
    decimals_for,
)

# ---- the constants, each from its definition ------------------------------------------------------


def test_a_pound_is_0_45359237_kg_exactly():
    assert POUND.size_in_base == 0.45359237
    assert convert(1, POUND, KILOGRAM) == 0.45359237


def test_a_kilogram_force_is_one_kilogram_under_standard_gravity():
    assert STANDARD_GRAVITY == 9.80665
    assert KILOGRAM_FORCE.size_in_base == KGF_IN_NEWTONS == 1 * 9.80665


def test_a_pound_force_is_one_pound_under_standard_gravity():
    # 0.45359237 x 9.80665 = 4.448221615260500 N: the rounded constant is the exact product
    assert POUND_FORCE.size_in_base == LBF_IN_NEWTONS == 4.4482216152605
    assert LBF_IN_NEWTONS == pytest.approx(0.45359237 * 9.80665, rel=1e-15)


def test_feet_inches_and_yards_are_the_international_ones_of_1959():
    assert INCH.size_in_base == 0.0254  # 25.4 mm
    assert FOOT.size_in_base == pytest.approx(12 * INCH.size_in_base, rel=1e-15)  # 0.3048 m
    assert YARD.size_in_base == pytest.approx(3 * FOOT.size_in_base, rel=1e-15) == METRES_PER_YARD == 0.9144
    assert CENTIMETRE.size_in_base == 0.01
    assert FEET_AND_INCHES.size_in_base == FOOT.size_in_base


def test_each_quantity_has_its_base_first_and_knows_every_symbol():
    assert (MASS.base, FORCE.base, LENGTH.base) == (KILOGRAM, NEWTON, METRE)
    assert [unit.symbol for unit in FORCE.units] == ["N", "kgf", "lbf"]
    assert LENGTH.unit("ft+in") is FEET_AND_INCHES
    with pytest.raises(KeyError):
        MASS.unit("stone")


def test_a_40_yard_dash_is_36_576_m():
    assert convert(40, YARD, METRE) == pytest.approx(36.576, rel=1e-15)
    assert convert(10, YARD, METRE) == pytest.approx(9.144, rel=1e-15)


@given(value=st.floats(min_value=-1e6, max_value=1e6), units=st.sampled_from([(KILOGRAM, POUND), (NEWTON, POUND_FORCE), (METRE, YARD), (CENTIMETRE, FEET_AND_INCHES)]))
def test_converting_there_and_back_gives_the_value_again(value, units):
    there, back = units
    assert convert(convert(value, there, back), back, there) == pytest.approx(value, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize(
    ("feet", "decimals", "text"),
    [(6 + 2 / 12, 1, "6 ft 2 in"), (5 + 10.866 / 12, 1, "5 ft 10.9 in"), (6, 1, "6 ft"), (5 + 11.96 / 12, 1, "6 ft"), (0.5, 1, "6 in")],
)
def test_feet_and_inches_show_whole_feet_and_the_rest_in_inches(feet, decimals, text):
    assert FEET_AND_INCHES.text(feet, decimals) == text  # 11.96 in rounds up to the next foot


@pytest.mark.parametrize(("step", "decimals"), [(0.1, 1), (0.22, 1), (0.01, 2), (1.09, 0), (1, 0), (0.0328, 2)])
def test_places_are_as_fine_as_the_step(step, decimals):
    assert decimals_for(step) == decimals


# ---- a field governed by a unit choice ------------------------------------------------------------

BODY_MASS = NumberField(
    "body_mass", "Body mass", "kg", unit_choice="body_mass_unit", example="72.5", minimum=30, maximum=200, step=0.1, default="75"
)
IN_KG = UnitInUse(KILOGRAM, KILOGRAM, (KILOGRAM, POUND), MASS)
IN_LB = UnitInUse(KILOGRAM, POUND, (KILOGRAM, POUND), MASS)
HEIGHT = NumberField("height", "Height", "cm", unit_choice="height_unit", minimum=120, maximum=230, step=1, default="180")
IN_CM = UnitInUse(CENTIMETRE, CENTIMETRE, (CENTIMETRE, FEET_AND_INCHES), LENGTH)
IN_FEET = UnitInUse(CENTIMETRE, FEET_AND_INCHES, (CENTIMETRE, FEET_AND_INCHES), LENGTH)


@pytest.mark.parametrize(
    ("typed", "unit", "kilograms", "tidy"),
    [
        ("165", IN_LB, 165 * 0.45359237, "165"),  # a bare number is in the unit chosen
        ("165 lb", IN_KG, 165 * 0.45359237, "165 lb"),  # a unit typed after it wins
        ("165lb", IN_KG, 165 * 0.45359237, "165 lb"),
        ("165 LBS", IN_KG, 165 * 0.45359237, "165 lb"),
        ("74.8 kg", IN_LB, 74.8, "74.8 kg"),
        ("74,8 kg", IN_LB, 74.8, "74.8 kg"),
        ("75", IN_KG, 75.0, "75"),
    ],
)
def test_a_mass_is_read_in_kg_whatever_unit_it_was_typed_in(typed, unit, kilograms, tidy):
    outcome = parse_field(BODY_MASS, typed, unit)
    assert isinstance(outcome, Parsed)
    assert outcome.value == pytest.approx(kilograms, rel=1e-12)
    assert outcome.text == tidy


@pytest.mark.parametrize(
    ("typed", "centimetres", "tidy"),
    [
        ("7 ft", 7 * 30.48, "7 ft"),
        ("6 ft 2 in", 74 * 2.54, "6 ft 2 in"),
        ("6'2\"", 74 * 2.54, "6 ft 2 in"),
        ("6'2", 74 * 2.54, "6 ft 2 in"),  # the inches' mark left off
        ("5' 11''", 71 * 2.54, "5 ft 11 in"),
        ("6 feet 1.5 inches", 73.5 * 2.54, "6 ft 1.5 in"),
        ("2.1 m", 210.0, "2.1 m"),
        ("180 cm", 180.0, "180 cm"),
        ("6", 6 * 30.48, "6"),  # a bare number in feet and inches is feet
    ],
)
def test_a_height_is_read_in_cm_from_feet_and_inches_or_any_length(typed, centimetres, tidy):
    outcome = parse_field(HEIGHT, typed, IN_FEET)
    assert isinstance(outcome, Parsed)
    assert outcome.value == pytest.approx(centimetres, rel=1e-12)
    assert outcome.text == tidy


@pytest.mark.parametrize("typed", ["6 ft 2 kg", "2 in 6 ft", "ft 6", "6 in 2", "tall", "6 ft -2 in", "1e2 cm"])
def test_anything_else_gets_the_hint_in_the_readers_unit(typed):
    outcome = parse_field(HEIGHT, typed, IN_FEET)
    assert outcome == Problem("Enter your height in ft and in, like 5 ft 10.9 in (or switch to cm).", typed)


def test_the_hint_names_the_unit_chosen_and_the_one_to_switch_to():
    assert parse_field(BODY_MASS, "heavy", IN_KG).message == "Enter your body mass in kg, like 72.5 (or switch to lb)."
    # 72.5 kg is 159.83 lb, shown to the field's step in pounds (0.22 lb: one place)
    assert parse_field(BODY_MASS, "heavy", IN_LB).message == "Enter your body mass in lb, like 159.8 (or switch to kg)."
    assert parse_field(BODY_MASS, "6 ft", IN_KG).message == "Enter your body mass in kg, like 72.5 (or switch to lb)."


def test_the_range_message_is_in_the_readers_unit_rounded_inwards():
    assert parse_field(BODY_MASS, "500", IN_KG).message == "Body mass must be between 30 and 200 kg."
    # 30 kg = 66.139 lb and 200 kg = 440.925 lb: 66.2 and 440.9 are both inside the range
    assert parse_field(BODY_MASS, "500", IN_LB).message == "Body mass must be between 66.2 and 440.9 lb."
    assert parse_field(BODY_MASS, "66.1", IN_LB).message == "Body mass must be between 66.2 and 440.9 lb."
    assert isinstance(parse_field(BODY_MASS, "66.2", IN_LB), Parsed)
    # 120 cm = 47.24 in = 3 ft 11.24 in; 230 cm = 90.55 in = 7 ft 6.55 in
    assert parse_field(HEIGHT, "8", IN_FEET).message == "Height must be between 3 ft 11.3 in and 7 ft 6.5 in."
    assert parse_field(HEIGHT, "8", IN_CM).message == "Height must be between 120 and 230 cm."


def test_a_form_reads_each_number_in_the_unit_its_choice_holds():
    form = (UnitChoiceField.of("body_mass_unit", "Body mass in", MASS, ("kg", "lb"), us="lb"), BODY_MASS)
    parsed = parse_form(form, {"body_mass_unit": "lb", "body_mass": "165.35"})
    assert parsed.errors == {}
    assert parsed.number("body_mass") == pytest.approx(75.0015, abs=1e-4)  # the calculator reads kg: 165.35 x 0.45359237
    assert parsed.texts["body_mass"] == "165.35"  # the reader's text, in their unit
    assert parsed.as_typed("body_mass", 75.0, 1) == "165.3 lb"
    unknown = parse_form(form, {"body_mass_unit": "stone", "body_mass": "75"})
    assert unknown.errors == {"body_mass_unit": "Choose one of: kg, lb."}
    assert unknown.number("body_mass") == 75.0  # read in the choice's default meanwhile


def test_a_unit_choice_offers_only_units_of_its_quantity_and_a_us_unit_among_them():
    choice = UnitChoiceField.of("force_unit", "Force unit", FORCE, ("N", "kgf", "lbf"), us="lbf")
    assert [c.value for c in choice.choices] == ["N", "kgf", "lbf"] and choice.default == "N"
    assert (choice.unit_for("metric"), choice.unit_for("us")) == ("N", "lbf")
    with pytest.raises(ValueError, match="US unit"):
        UnitChoiceField.of("force_unit", "Force unit", FORCE, ("N", "kgf"), us="lbf")


# ---- switching units: the numbers are converted so the result stays -------------------------------


def test_switching_kg_to_lb_converts_to_the_hundredth_and_back_exactly():
    switched = calculators.convert_units("strength_balance", {"body_mass": "75"}, {"body_mass_unit": "lb"})
    # 75 / 0.45359237 = 165.347 lb; 165.3 lb would be 74.98 kg and could move the result's last digit
    assert (switched["body_mass_unit"], switched["body_mass"]) == ("lb", "165.35")
    back = calculators.convert_units("strength_balance", switched, {"body_mass_unit": "kg"})
    assert back["body_mass"] == "75"


def test_a_switch_keeps_what_is_not_a_number_and_ignores_a_unit_it_does_not_offer():
    switched = calculators.convert_units(
        "strength_balance", {"body_mass": "heavy", "swing_leg_left": "180"}, {"force_unit": "lbf", "body_mass_unit": "stone"}
    )
    assert switched["body_mass"] == "heavy" and switched["body_mass_unit"] == "kg"
    assert switched["swing_leg_left"] == "40.466"  # 180 N / 4.44822 = 40.4657 lbf
    assert switched["torso_left"] == "95"  # a hold in seconds: no unit choice governs it


def test_convert_json_is_the_same_through_json_text():
    answer = calculators.convert_json("step_timing", json.dumps({"step_length": "2.2"}), json.dumps({"step_length_unit": "ft"}))
    assert json.loads(answer)["step_length"] == "7.218"  # 2.2 m / 0.3048 = 7.2178 ft


@given(st.floats(min_value=30, max_value=200))
def test_any_body_mass_switched_to_lb_reads_back_within_a_ten_thousandth(kilograms):
    typed = f"{kilograms:.2f}"
    switched = convert_units(calculators_form("strength_balance"), {"body_mass": typed}, {"body_mass_unit": "lb"})
    again = parse_form(calculators_form("strength_balance"), switched)
    assert math.isclose(again.number("body_mass"), float(typed), rel_tol=1e-4)


def calculators_form(slug: str):
    return importlib.import_module(f"calculators.{slug}").CALCULATOR.form


def test_every_governed_number_of_every_calculator_is_declared_in_a_unit_its_choice_offers():
    for slug in calculators.available():
        form = calculators_form(slug)
        for name, quantity in measured_quantities(form).items():
            assert quantity in (MASS, FORCE, LENGTH), (slug, name)
        parsed = parse_form(form, {})
        assert parsed.errors == {}, slug
        for name, unit in parsed.units.items():
            assert unit.field_unit in unit.offered, (slug, name)
