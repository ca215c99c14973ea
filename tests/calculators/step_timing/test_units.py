"""Step timing with the step length in feet: the same step as in metres, shown back in feet, and
the messages in feet."""

from __future__ import annotations

import pytest

import calculators
from calculators.step_timing import CALCULATOR

SLUG = "step_timing"


def step(inputs):
    evaluation = CALCULATOR.evaluate(inputs)
    assert evaluation.errors == {}, evaluation.errors
    return evaluation.result.step


def test_a_step_in_feet_is_the_same_step_in_metres():
    # 7 ft = 7 x 0.3048 = 2.1336 m; 100 + 120 ms a step: 2.1336 / 0.22 = 9.698 m/s
    in_feet = step({"step_length_unit": "ft", "step_length": "7"})
    in_metres = step({"step_length": "2.1336"})
    assert in_feet.step_length == pytest.approx(2.1336, rel=1e-12)
    assert in_feet.speed == pytest.approx(in_metres.speed, rel=1e-12) == pytest.approx(9.698, abs=0.001)
    assert calculators.run(SLUG, {"step_length_unit": "ft", "step_length": "7"})["summary"] == calculators.run(
        SLUG, {"step_length": "2.1336"}
    )["summary"]


@pytest.mark.parametrize("typed", ["7 ft", "7'", "7 feet", "84 in", "7 ft 0 in"])
def test_feet_typed_after_the_number_are_understood_in_a_field_in_metres(typed):
    assert step({"step_length": typed}).step_length == pytest.approx(2.1336, rel=1e-12)


def test_the_result_shows_the_step_length_in_feet_and_metres():
    html = calculators.run(SLUG, {"step_length_unit": "ft", "step_length": "7"})["html"]
    assert "7 ft (2.13 m)" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"step_length_unit": "ft", "step_length": "long"}, "Enter your step length in ft, like 7.22 (or switch to m)."),
        # 0.5 to 3.5 m is 1.64 to 11.48 ft, rounded inwards to the hundredth (a step of 0.01 m)
        ({"step_length_unit": "ft", "step_length": "20"}, "Step length must be between 1.65 and 11.48 ft."),
        ({"step_length": "7"}, "Step length must be between 0.5 and 3.5 m."),  # 7 m: the reader meant feet
        ({"step_length_unit": "ft", "step_length": "11", "contact_time": "80", "flight_time": "100"},
         "A step of 11 ft every 180 ms is 18.6 m/s, faster than 13 m/s"),
    ],
)
def test_messages_name_the_unit_the_reader_chose(typed, message):
    assert message in calculators.run(SLUG, typed)["errors"]["step_length"]
