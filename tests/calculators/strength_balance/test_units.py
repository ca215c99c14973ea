"""Strength Balance in US units: pounds, pounds-force and yards give the result of the same athlete
in kg, N and m, and the messages ask in the reader's unit."""

from __future__ import annotations

import pytest

import calculators
from calculators.strength_balance import CALCULATOR

SLUG = "strength_balance"
LB = 0.45359237  # kg
LBF = 4.4482216152605  # N
YD = 0.9144  # m

IN_US_UNITS = {
    "body_mass_unit": "lb", "body_mass": "165", "force_unit": "lbf",
    "pushing_leg_left": "180", "pushing_leg_right": "175", "swing_leg_left": "42", "swing_leg_right": "40",
    "arms_left": "26", "arms_right": "25", "torso_left": "95", "torso_right": "90",
    "sprint_distance_unit": "yd", "sprint_distance": "40", "sprint_time": "4.95",
}
# The same athlete worked out by hand: 165 lb = 74.84274105 kg, 180 lbf = 800.68 N, 40 yd = 36.576 m
IN_METRIC = {
    "body_mass": repr(165 * LB),
    "pushing_leg_left": repr(180 * LBF), "pushing_leg_right": repr(175 * LBF),
    "swing_leg_left": repr(42 * LBF), "swing_leg_right": repr(40 * LBF),
    "arms_left": repr(26 * LBF), "arms_right": repr(25 * LBF), "torso_left": "95", "torso_right": "90",
    "sprint_distance": repr(40 * YD), "sprint_time": "4.95",
}


def assessment(inputs):
    evaluation = CALCULATOR.evaluate(inputs)
    assert evaluation.errors == {}, evaluation.errors
    return evaluation.result.assessment


def test_lb_lbf_and_yd_give_the_result_of_the_same_athlete_in_kg_n_and_m():
    us, metric = assessment(IN_US_UNITS), assessment(IN_METRIC)
    assert us.results.body_mass == pytest.approx(74.84274105, rel=1e-12)
    assert us.results.pushing_leg.left == pytest.approx(800.68, abs=0.01)
    assert us.sprint.distance == pytest.approx(36.576, rel=1e-12)
    assert us.balance.strength_balance == pytest.approx(metric.balance.strength_balance, rel=1e-12)
    assert us.balance.capacity == pytest.approx(metric.balance.capacity, rel=1e-12)
    assert us.limiter == metric.limiter
    assert calculators.run(SLUG, IN_US_UNITS)["summary"] == calculators.run(SLUG, IN_METRIC)["summary"]


def test_the_result_shows_the_forces_and_the_sprint_in_the_readers_units():
    html = calculators.run(SLUG, IN_US_UNITS)["html"]
    assert "180 / 175 lbf" in html
    # the reference is 10 N/kg x 74.84 kg = 748.4 N = 168.3 lbf per side
    assert "168.3 lbf" in html
    assert "For 40 yd in 4.95 s" in html


def test_units_typed_after_the_numbers_mean_the_same():
    typed = {**{name: IN_US_UNITS[name] for name in IN_US_UNITS if not name.endswith("_unit")}}
    typed |= {"body_mass": "165 lb", "sprint_distance": "40 yd"}
    typed |= {name: f"{IN_US_UNITS[name]} lbf" for name in IN_US_UNITS if name.split("_")[0] in {"pushing", "swing", "arms"}}
    assert assessment(typed).balance.strength_balance == pytest.approx(assessment(IN_US_UNITS).balance.strength_balance, rel=1e-12)
    assert calculators.run(SLUG, typed)["values"]["body_mass"] == "165 lb"


def test_kgf_still_reads_as_before():
    kgf = assessment({"force_unit": "kgf", "swing_leg_left": "18", "swing_leg_right": "17"})
    assert kgf.results.swing_leg.left == pytest.approx(18 * 9.80665, rel=1e-12)


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"body_mass": "heavy"}, "body_mass", "Enter your body mass in kg, like 72.5 (or switch to lb)."),
        ({"body_mass_unit": "lb", "body_mass": "heavy"}, "body_mass", "Enter your body mass in lb, like 159.8 (or switch to kg)."),
        # 30 to 200 kg is 66.14 to 440.92 lb
        ({"body_mass_unit": "lb", "body_mass": "50"}, "body_mass", "Body mass must be between 66.2 and 440.9 lb."),
        ({"force_unit": "lbf", "arms_left": "strong"}, "arms_left", "Enter the force in lbf, like 25.9 (or switch to N or kgf)."),
        # 10,000 N is 2,248.09 lbf
        ({"force_unit": "lbf", "arms_left": "3000"}, "arms_left", "Arms (left) must be more than 0 and at most 2248 lbf."),
        ({"sprint_distance_unit": "yd", "sprint_distance": "500", "sprint_time": "60"}, "sprint_distance",
         "Sprint distance must be between 6 and 437 yd."),
        ({"sprint_distance_unit": "yd", "sprint_distance": "100", "sprint_time": "5"}, "sprint_time",
         "100 yd in 5 s would be faster than 13 m/s"),
    ],
)
def test_messages_name_the_unit_the_reader_chose(typed, field, message):
    answer = calculators.run(SLUG, typed)
    assert message in answer["errors"][field]
    assert answer["values"][field] == typed[field]
