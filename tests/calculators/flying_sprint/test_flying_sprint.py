"""Flying sprint speed, worked by hand: speed = zone ÷ time, step length = zone ÷ steps, step
frequency = steps ÷ time, and the range a timing error puts the speed in."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators.core.settings import ParameterError
from calculators.flying_sprint import CALCULATOR, params
from calculators.flying_sprint.model import FlyingRun, speed_through
from calculators.flying_sprint.params import load_parameters, parameters_from_toml

SLUG = "flying_sprint"
PARAMETERS = load_parameters()


def sprint(**typed: str):
    """Type these values into the form (others keep their defaults) and return the result."""
    evaluation = CALCULATOR.evaluate(typed)
    assert evaluation.errors == {}, evaluation.errors
    return evaluation.result.sprint


def test_the_default_example_is_a_flying_20_m_in_1_90_s():
    result = sprint()
    assert result.speed == pytest.approx(20 / 1.9)  # 10.526 m/s
    assert result.speed_km_per_hour == pytest.approx(37.89, abs=0.01)
    assert result.speed_miles_per_hour == pytest.approx(23.55, abs=0.01)
    assert result.steps.length == pytest.approx(20 / 9)  # 2.22 m
    assert result.steps.frequency == pytest.approx(9 / 1.9)  # 4.74 steps/s
    html = calculators.run(SLUG, {})["html"]
    assert "10.53 m/s" in html and "37.9 km/h" in html and "2.22 m" in html and "4.74 steps/s" in html


def test_a_zone_in_yards_is_the_same_run_as_its_length_in_metres():
    in_yards = sprint(distance_unit="yd", zone_length="40", zone_time="4.2", steps="")
    in_metres = sprint(distance_unit="m", zone_length="36.576", zone_time="4.2", steps="")
    assert in_yards.speed == pytest.approx(in_metres.speed, rel=1e-12)  # 40 yd = 36.576 m exactly
    assert in_yards.speed == pytest.approx(8.709, abs=0.001)
    typed = {"distance_unit": "yd", "zone_length": "40", "zone_time": "4.2", "steps": ""}
    assert "40 yd (36.58 m)" in calculators.run(SLUG, typed)["html"]


def test_electronic_timing_puts_the_speed_within_a_hundredth_of_a_second():
    result = sprint()
    assert result.uncertainty == 0.01
    assert result.slowest_speed == pytest.approx(20 / 1.91)
    assert result.fastest_speed == pytest.approx(20 / 1.89)


def test_hand_timing_is_flagged_as_less_exact_with_its_source():
    result = sprint(timing="hand")
    assert result.uncertainty == 0.14  # two standard deviations of Mayhew et al.'s 0.07 s
    assert result.slowest_speed == pytest.approx(20 / 2.04)  # 9.80 m/s
    assert result.fastest_speed == pytest.approx(20 / 1.76)  # 11.36 m/s
    html = calculators.run(SLUG, {"timing": "hand"})["html"]
    assert "Timed by hand, so less exact" in html and "Mayhew et al. 2010" in html
    assert "from 9.80 m/s to 11.36 m/s" in html
    assert "Mayhew" in calculators.explanation_html(SLUG)


def test_without_steps_the_result_has_speed_only():
    result = sprint(steps="")
    assert result.steps is None
    assert "Step length" not in calculators.run(SLUG, {"steps": ""})["html"]


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"zone_time": "1.2"}, "zone_time", "20 m in 1.2 s is 16.7 m/s, faster than 13 m/s"),
        ({"steps": "5"}, "steps", "5 steps in 20 m is 4 m a step, longer than 3.5 m"),
        ({"steps": "15"}, "steps", "15 steps in 1.9 s is 7.9 steps a second, more than 6"),
        ({"steps": "9.5"}, "steps", "Steps counted in the zone must be a whole number"),
        ({"zone_length": "3"}, "zone_length", "Zone length must be between 5 and 100 m."),
        # 5 m is 5.47 yd and 100 m is 109.36 yd: whole yards inside the range
        ({"distance_unit": "yd", "zone_length": "110"}, "zone_length", "Zone length must be between 6 and 109 yd."),
        ({"distance_unit": "yd", "zone_length": "fast"}, "zone_length", "Enter the zone's length in yd, like 22 (or switch to m)."),
        ({"distance_unit": "yd", "zone_length": "40", "zone_time": "2"}, "zone_time", "40 yd in 2 s is 18.3 m/s, faster than 13 m/s"),
        ({"zone_time": "0.1"}, "zone_time", "Time through the zone must be between 0.3 and 20 s."),
        ({"zone_length": ""}, "zone_length", "Zone length is needed."),
        ({"timing": "laser"}, "timing", "Choose one of: electronic, hand."),
    ],
)
def test_a_bad_value_gets_a_plain_message_on_its_field(typed, field, message):
    answer = calculators.run(SLUG, typed)
    assert answer["ok"] is False
    assert message in answer["errors"][field]
    assert answer["values"][field] == typed[field]  # kept exactly as typed


@given(
    length=st.floats(min_value=5, max_value=100),
    speed=st.floats(min_value=3, max_value=12.9),
    steps=st.integers(min_value=1, max_value=100),
)
def test_the_speed_range_always_holds_the_speed(length, speed, steps):
    run = FlyingRun(zone_length=length, zone_time=length / speed, timing="hand", steps=steps)
    result = speed_through(run, PARAMETERS)
    assert result.slowest_speed < result.speed < result.fastest_speed
    assert math.isclose(result.steps.length * result.steps.frequency, result.speed, rel_tol=1e-12)


def test_the_parameters_are_checked_with_the_key_named(tmp_path):
    with pytest.raises(ParameterError, match=r"timing.hand_uncertainty_s must not be negative"):
        parameters_from_toml(
            {
                "inputs": {"zone_length_min_m": 5, "zone_length_max_m": 100, "zone_time_min_s": 0.3,
                           "zone_time_max_s": 20, "steps_min_count": 1, "steps_max_count": 100},
                "limits": {"fastest_speed_m_per_s": 13, "longest_step_m": 3.5, "highest_step_frequency_hz": 6},
                "timing": {"electronic_uncertainty_s": 0.01, "hand_uncertainty_s": -0.1},
            }
        )
    tuned = tmp_path / "parameters.toml"
    packaged = Path(params.__file__).with_name("parameters.toml").read_text(encoding="utf-8")
    tuned.write_text(packaged.replace("hand_uncertainty_s = 0.14", "hand_uncertainty_s = 0.2"), encoding="utf-8")
    assert load_parameters(tuned).timing.hand_uncertainty_s == 0.2
