"""The sprint profile's cases for the layers that run every calculator alike (see
tests/support/calculator_examples.py): the Pyodide parity test and the every-calculator browser test."""

from __future__ import annotations

import random

import calculators
from calculators.sprint_profile import SPLIT_ROWS, distance_name, time_name
from calculators.sprint_profile.model import SpeedCurve
from tests.support.scenario import Scenario
from tests.support.typing_like_a_reader import number_as_typed, with_typing_mistakes

SLUG = "sprint_profile"
GATES_M = (5, 10, 15, 20, 25, 30, 40, 50, 60)
NO_SPLITS = {name(row): "" for row in range(1, SPLIT_ROWS + 1) for name in (distance_name, time_name)}

WORKED_EXAMPLES: list[dict[str, str]] = [
    {},  # the defaults: four splits of a 75 kg athlete near 9.5 m/s
    # Kimberley's six splits, the worked example published with the R package shorts
    {"split_1_distance": "5", "split_1_time": "1.158", "split_2_distance": "10", "split_2_time": "1.893",
     "split_3_distance": "15", "split_3_time": "2.541", "split_4_distance": "20", "split_4_time": "3.149",
     "split_5_distance": "30", "split_5_time": "4.313", "split_6_distance": "40", "split_6_time": "5.444",
     "body_mass": "60", "height": "170", "temperature": "25", "pressure": "1013.25"},
    # only two splits, a decimal comma
    NO_SPLITS | {"split_1_distance": "10", "split_1_time": "1.97", "split_2_distance": "30", "split_2_time": "4.23",
                 "body_mass": "92,5", "height": "191"},
    # a slow runner in cold, thin air
    {"split_1_distance": "5", "split_1_time": "1.57", "split_2_distance": "10", "split_2_time": "2.40",
     "split_3_distance": "20", "split_3_time": "3.80", "split_4_distance": "30", "split_4_time": "5.12",
     "split_5_distance": "40", "split_5_time": "6.38", "split_6_distance": "50", "split_6_time": "7.62",
     "body_mass": "58", "height": "165", "temperature": "-5", "pressure": "850"},
    # refused: splits out of order; top speed at once; faster than any sprinter; missing and wrong units
    {"split_3_distance": "8", "split_2_time": "1.2"},
    NO_SPLITS | {"split_1_distance": "5", "split_1_time": "1.0", "split_2_distance": "10", "split_2_time": "2.0",
                 "split_3_distance": "20", "split_3_time": "4.0", "split_4_distance": "30", "split_4_time": "6.0"},
    NO_SPLITS | {"split_1_distance": "5", "split_1_time": "0.9", "split_2_distance": "10", "split_2_time": "1.3",
                 "split_3_distance": "20", "split_3_time": "2.1", "split_4_distance": "30", "split_4_time": "2.9"},
    {"split_1_time": "0.7", "split_5_time": "5.3", "height": "1.80"},
    # the US case: a 40-yard dash with gates at 10 and 20 yd, a 165 lb, 5 ft 11 in athlete
    NO_SPLITS | {"split_distance_unit": "yd", "split_1_distance": "10", "split_1_time": "1.74", "split_2_distance": "20",
                 "split_2_time": "2.90", "split_3_distance": "40", "split_3_time": "4.95",
                 "body_mass_unit": "lb", "body_mass": "165", "height_unit": "ft+in", "height": "5'11\""},
    # the same dash by stopwatch (each time 0.24 s short of the gates')
    NO_SPLITS | {"split_distance_unit": "yd", "timing": "hand", "split_1_distance": "10", "split_1_time": "1.50",
                 "split_2_distance": "20", "split_2_time": "2.66", "split_3_distance": "40", "split_3_time": "4.71",
                 "body_mass": "165 lb", "height": "6 ft"},
]


def random_inputs(rng: random.Random) -> dict[str, str]:
    """A random runner (top speed 6 to 12 m/s, tau 0.6 to 1.8 s) timed at 2 to 6 gates with up to
    ±0.02 s of noise, sometimes with the air given, about a third mistyped: the fit's exponentials
    and searches must come out the same in both Pythons."""
    curve = SpeedCurve(max_speed=rng.uniform(6, 12), tau=rng.uniform(0.6, 1.8))
    gates = sorted(rng.sample(GATES_M, rng.randint(2, 6)))
    us = rng.random() < 0.4  # a US reader: yards, pounds, feet and inches, sometimes a stopwatch
    hand = us and rng.random() < 0.5
    inputs = dict(NO_SPLITS)
    body_mass, height = rng.uniform(40, 120), rng.uniform(150, 205)
    if us:
        inches = height / 2.54
        inputs |= {"split_distance_unit": "yd", "body_mass_unit": "lb", "height_unit": "ft+in", "timing": "hand" if hand else "electronic",
                   "body_mass": number_as_typed(rng, body_mass / 0.45359237), "height": f"{int(inches // 12)}'{inches % 12:.0f}\""}
    else:
        inputs |= {"body_mass": number_as_typed(rng, body_mass), "height": number_as_typed(rng, height)}
    for row, distance in enumerate(gates, start=1):
        inputs[distance_name(row)] = str(distance)  # whole yards or metres
        metres = distance * (0.9144 if us else 1.0)
        inputs[time_name(row)] = f"{curve.time_at(metres) - (0.24 if hand else 0) + rng.uniform(-0.02, 0.02):.2f}"
    if rng.random() < 0.4:
        inputs["temperature"] = number_as_typed(rng, rng.uniform(-10, 40))
        inputs["pressure"] = number_as_typed(rng, rng.uniform(700, 1050))
    return with_typing_mistakes(rng, inputs, list(calculators.defaults(SLUG)))


SCENARIO = Scenario(
    page="calculators/sprint-profile/",
    typed={"body_mass": "68", "split_2_time": "1.95", "split_5_distance": "40", "split_5_time": "5.31", "temperature": "28"},
    bad=("split_3_distance", "8", "Each split must be further from the start than the one before"),
)
