"""Strength Balance's cases for the layers that run every calculator alike (see
tests/support/calculator_examples.py): the Pyodide parity test and the every-calculator browser test."""

from __future__ import annotations

import random

import calculators
from calculators.core.units import FORCE, KILOGRAM, LENGTH, MASS, METRE, NEWTON, convert
from tests.support.scenario import Scenario
from tests.support.typing_like_a_reader import minutes_and_seconds, number_as_typed, with_typing_mistakes

SLUG = "strength_balance"
GENERATED_CASES = 300
REFERENCES_N_PER_KG = {"pushing_leg": 10.0, "swing_leg": 3.0, "arms": 1.5}

WORKED_EXAMPLES: list[dict[str, str]] = [
    {},  # the form's defaults: a 75 kg athlete whose swing leg limits them
    # every test exactly at its reference: Strength Balance 100, no limiter
    {"body_mass": "80", "pushing_leg_left": "800", "pushing_leg_right": "800", "swing_leg_left": "240",
     "swing_leg_right": "240", "arms_left": "120", "arms_right": "120", "torso_left": "100", "torso_right": "100"},
    # an arm asymmetry, flagged; the arms limit the push side
    {"body_mass": "70", "pushing_leg_left": "735", "pushing_leg_right": "735", "swing_leg_left": "231",
     "swing_leg_right": "231", "arms_left": "120", "arms_right": "90", "torso_left": "110", "torso_right": "110"},
    # forces in kgf, a decimal comma and a minutes:seconds hold
    {"body_mass": "60", "force_unit": "kgf", "pushing_leg_left": "65", "pushing_leg_right": "63", "swing_leg_left": "20",
     "swing_leg_right": "20", "arms_left": "10", "arms_right": "9,6", "torso_left": "70", "torso_right": "1:06"},
    # a pushing leg above the cap
    {"body_mass": "50", "pushing_leg_left": "1000", "pushing_leg_right": "1000", "swing_leg_left": "150",
     "swing_leg_right": "150", "arms_left": "75", "arms_right": "75", "torso_left": "100", "torso_right": "100"},
    # the predicted speed change capped at 5 %, with a predicted sprint time
    {"body_mass": "80", "pushing_leg_left": "800", "pushing_leg_right": "800", "swing_leg_left": "72",
     "swing_leg_right": "72", "arms_left": "120", "arms_right": "120", "torso_left": "100", "torso_right": "100",
     "improvement": "50", "sprint_distance": "40", "sprint_time": "6.00"},
    # a retest six weeks on
    {"previous_pushing_leg_left": "750", "previous_pushing_leg_right": "750", "previous_swing_leg_left": "150",
     "previous_swing_leg_right": "150", "previous_arms_left": "112.5", "previous_arms_right": "112.5",
     "previous_torso_left": "80", "previous_torso_right": "1:20"},
    # refused: out of range, not numbers, missing sides, markup, an unknown unit and an unknown input
    {"body_mass": "250", "swing_leg_left": "172,5"},
    {"body_mass": "", "arms_left": "nan", "arms_right": "inf", "torso_left": "1e999", "torso_right": "9" * 308},
    {"swing_leg_left": "180", "swing_leg_right": "", "pushing_leg_left": "-5", "pushing_leg_right": "0"},
    {"body_mass": "<script>alert(1)</script>", "force_unit": "lbs", "colour": "red"},
    {"sprint_distance": "100", "sprint_time": "5"},  # faster than any sprinter
    # US units: 165 lb, forces in lbf, a 40-yard sprint (the same athlete as 74.84 kg, 800.68 N, ... 36.58 m)
    {"body_mass_unit": "lb", "body_mass": "165", "force_unit": "lbf", "pushing_leg_left": "180", "pushing_leg_right": "175",
     "swing_leg_left": "42", "swing_leg_right": "40", "arms_left": "26", "arms_right": "25",
     "sprint_distance_unit": "yd", "sprint_distance": "40", "sprint_time": "4.95"},
    # units typed after the numbers, whatever the choices say
    {"body_mass": "165 lb", "pushing_leg_left": "180 lbf", "pushing_leg_right": "800", "swing_leg_left": "20 kgf",
     "sprint_distance": "40 yd", "sprint_time": "5.1"},
    # untidy but good: spaces, commas, upper case and minutes:seconds everywhere
    {"sprint_time": "1:02.5", "improvement": "7,5", "force_unit": "KGF", "body_mass": " 72,50 ",
     "pushing_leg_left": "80", "pushing_leg_right": "78", "swing_leg_left": "22", "swing_leg_right": "17",
     "arms_left": "12", "arms_right": "11", "torso_left": "2:00", "torso_right": "115"},
]


def _session(rng: random.Random, prefix: str, force_unit: str, body_mass: float) -> dict[str, str]:
    """One round of the four tests, 0.3 to 2 times each reference (forces in `force_unit`), holds
    sometimes as m:ss."""
    inputs = {}
    for name, reference in REFERENCES_N_PER_KG.items():
        for side in ("left", "right"):
            newtons = reference * body_mass * rng.uniform(0.3, 2.0)
            inputs[f"{prefix}{name}_{side}"] = number_as_typed(rng, convert(newtons, NEWTON, FORCE.unit(force_unit)))
    for side in ("left", "right"):
        seconds = rng.uniform(20, 200)
        inputs[f"{prefix}torso_{side}"] = minutes_and_seconds(seconds) if rng.random() < 0.3 else number_as_typed(rng, seconds)
    return inputs


def random_inputs(rng: random.Random) -> dict[str, str]:
    """A random athlete across the whole input range, in metric or US units: sometimes a sprint, a
    retest or an improvement to try, and about a third of the time a typing mistake."""
    body_mass = rng.uniform(30, 200)
    mass_unit, force_unit, distance_unit = rng.choice(["kg", "lb"]), rng.choice(["N", "kgf", "lbf"]), rng.choice(["m", "yd"])
    in_mass_unit = MASS.unit(mass_unit)
    inputs = {
        "body_mass_unit": mass_unit,
        "body_mass": number_as_typed(rng, convert(body_mass, KILOGRAM, in_mass_unit)),
        "force_unit": force_unit,
        "sprint_distance_unit": distance_unit,
    }
    inputs |= _session(rng, "", force_unit, body_mass)
    if rng.random() < 0.5:
        distance = rng.uniform(10, 100)
        inputs["sprint_distance"] = number_as_typed(rng, convert(distance, METRE, LENGTH.unit(distance_unit)))
        inputs["sprint_time"] = number_as_typed(rng, distance / rng.uniform(5, 10))
    if rng.random() < 0.4:
        inputs["previous_body_mass"] = number_as_typed(rng, convert(body_mass * rng.uniform(0.95, 1.05), KILOGRAM, in_mass_unit))
        inputs |= _session(rng, "previous_", force_unit, body_mass)
    if rng.random() < 0.5:
        inputs["improvement"] = number_as_typed(rng, rng.uniform(1, 100))
    return with_typing_mistakes(rng, inputs, list(calculators.defaults(SLUG)))


SCENARIO = Scenario(
    page="calculators/strength-balance/",
    choices={"force_unit": "kgf"},
    typed={"body_mass": "82,5", "swing_leg_left": "24", "pushing_leg_right": "79"},
    bad=("body_mass", "500", "Body mass must be between 30 and 200 kg"),
)
