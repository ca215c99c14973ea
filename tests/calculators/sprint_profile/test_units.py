"""The sprint profile in US units: a 40-yard dash with 10 and 20 yd splits fits, and gives the same
profile as its splits in metres; pounds and feet and inches are the same athlete; a stopwatch's
splits get their standing-start correction."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import calculators
from calculators.sprint_profile import CALCULATOR
from calculators.sprint_profile.model import SpeedCurve
from calculators.sprint_profile.params import load_parameters

SLUG = "sprint_profile"
NO_SPLITS = {f"split_{row}_{part}": "" for row in range(1, 7) for part in ("distance", "time")}
CURVE = SpeedCurve(max_speed=9.0, tau=1.05)
"""A runner who reaches 10 yd in 1.89 s, 20 yd in 3.02 s and 40 yd in 5.11 s (worked out from the
curve at 9.144, 18.288 and 36.576 m)."""
FORTY = {yards: CURVE.time_at(yards * 0.9144) for yards in (10, 20, 40)}
IN_YARDS = NO_SPLITS | {
    "split_distance_unit": "yd",
    **{f"split_{row}_distance": str(yards) for row, yards in enumerate(FORTY, 1)},
    **{f"split_{row}_time": f"{time:.2f}" for row, time in enumerate(FORTY.values(), 1)},
}
IN_METRES = IN_YARDS | {"split_distance_unit": "m", "split_1_distance": "9.144", "split_2_distance": "18.288", "split_3_distance": "36.576"}


def profile(inputs):
    evaluation = CALCULATOR.evaluate(inputs)
    assert evaluation.errors == {}, evaluation.errors
    return evaluation.result


def test_the_40_yard_dash_times_are_the_ones_worked_out():
    assert [round(time, 2) for time in FORTY.values()] == [1.89, 3.02, 5.11]


def test_a_40_yard_dash_with_10_and_20_yd_splits_fits():
    result = profile(IN_YARDS)
    assert result.fit.tau_at_edge is None
    assert result.fit.curve.max_speed == pytest.approx(9.0, abs=0.05)  # the splits' rounding to 0.01 s
    assert result.fit.curve.tau == pytest.approx(1.05, abs=0.03)
    assert result.fit.largest_residual < 0.01


def test_the_dash_in_yards_is_the_same_profile_as_in_metres():
    in_yards, in_metres = profile(IN_YARDS), profile(IN_METRES)
    assert in_yards.fit.curve.max_speed == pytest.approx(in_metres.fit.curve.max_speed, rel=1e-9)
    assert in_yards.mechanics.max_force == pytest.approx(in_metres.mechanics.max_force, rel=1e-9)
    assert calculators.run(SLUG, IN_YARDS)["summary"] == calculators.run(SLUG, IN_METRES)["summary"]
    html = calculators.run(SLUG, IN_YARDS)["html"]
    assert ">10 yd<" in html and ">20 yd<" in html and ">40 yd<" in html  # the gates as the reader typed them


def test_pounds_and_feet_and_inches_are_the_same_athlete():
    # 165 lb = 74.84274105 kg; 5 ft 11 in = 71 in = 180.34 cm
    us = profile(IN_YARDS | {"body_mass_unit": "lb", "body_mass": "165", "height_unit": "ft+in", "height": "5'11\""})
    metric = profile(IN_YARDS | {"body_mass": "74.84274105", "height": "180.34"})
    assert us.mechanics.frontal_area == pytest.approx(metric.mechanics.frontal_area, rel=1e-12)
    assert us.mechanics.max_force == pytest.approx(metric.mechanics.max_force, rel=1e-12)


def test_stopwatch_splits_get_the_correction_and_then_match_the_gates():
    correction = load_parameters().timing.hand_correction_s
    assert correction == 0.24  # between Mann et al.'s 0.22 s (experienced) and 0.26 s (novice timers)
    by_hand = IN_YARDS | {
        "timing": "hand",
        **{f"split_{row}_time": f"{time - correction:.2f}" for row, time in enumerate(FORTY.values(), 1)},
    }
    assert profile(by_hand).fit.curve.max_speed == pytest.approx(profile(IN_YARDS).fit.curve.max_speed, rel=1e-9)
    html = calculators.run(SLUG, by_hand)["html"]
    assert "Timed by hand" in html and "0.24 s added" in html and "0.14 s" in html
    assert "Mann" in calculators.explanation_html(SLUG)


def test_stopwatch_splits_uncorrected_would_make_a_faster_runner():
    """What the correction is for: the same stopwatch times read as gate times."""
    uncorrected = IN_YARDS | {f"split_{row}_time": f"{time - 0.24:.2f}" for row, time in enumerate(FORTY.values(), 1)}
    assert profile(uncorrected).mechanics.max_force > 1.2 * profile(IN_YARDS).mechanics.max_force


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"height_unit": "ft+in", "height": "tall"}, "height", "Enter your height in ft and in, like 5 ft 10.9 in (or switch to cm)."),
        ({"height_unit": "ft+in", "height": "8 ft"}, "height", "Height must be between 3 ft 11.3 in and 7 ft 6.5 in."),
        ({"body_mass_unit": "lb", "body_mass": "20"}, "body_mass", "Body mass must be between 66.2 and 440.9 lb."),
        (IN_YARDS | {"split_3_distance": "15"}, "split_3_distance",
         "Each split must be further from the start than the one before: 15 yd comes after 20 yd."),
        (IN_YARDS | {"split_3_time": ""}, "split_3_time", "Enter the time at 40 yd, or clear the distance of split 3."),
        (IN_YARDS | {"split_1_distance": "far"}, "split_1_distance",
         "Enter the distance from the start line in yd, like 5 (or switch to m)."),
    ],
)
def test_messages_name_the_unit_the_reader_chose(typed, field, message):
    assert calculators.run(SLUG, typed)["errors"][field] == message


def test_the_height_field_gets_a_keyboard_with_the_marks_of_feet_and_inches():
    """A phone's decimal keyboard has digits and one separator: 5'11" needs the full one."""
    page = BeautifulSoup(calculators.form_html(SLUG), "html.parser")
    assert page.select_one("#sprint_profile-height")["inputmode"] == "text"
    assert page.select_one("#sprint_profile-body_mass")["inputmode"] == "decimal"
