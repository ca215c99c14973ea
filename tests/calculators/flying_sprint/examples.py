"""Flying sprint cases for the layers every calculator goes through: Pyodide parity and the browser."""

from __future__ import annotations

import random

import calculators
from tests.support.scenario import Scenario
from tests.support.typing_like_a_reader import number_as_typed, with_typing_mistakes

WORKED_EXAMPLES: list[dict[str, str]] = [
    {},  # the page's own example: a flying 20 m in 1.90 s, 9 steps
    {"distance_unit": "yd", "zone_length": "40", "zone_time": "4,2", "steps": ""},
    {"zone_length": "30", "zone_time": "2.85", "timing": "hand", "steps": "13"},
    {"zone_length": "10", "zone_time": "0.95", "steps": "4"},
    {"zone_time": "1.2"},  # faster than any sprinter
    {"steps": "5"},  # 4 m a step
    {"distance_unit": "yd", "zone_length": "200"},  # beyond the zone's range in metres
    {"zone_length": "", "zone_time": "abc", "steps": "9.5"},
]

SCENARIO = Scenario(
    page="calculators/flying-sprint/",
    choices={"distance_unit": "yd", "timing": "hand"},
    typed={"zone_length": "30", "zone_time": "3,05", "steps": "12"},
    bad=("steps", "3", "longer than 3.5 m: count every foot contact in the zone"),
)


def random_inputs(rng: random.Random) -> dict[str, str]:
    """A flying run from 5 to 60 m (or yd) between 6 and 12 m/s, sometimes with its steps counted."""
    unit = rng.choice(["m", "yd"])
    length = rng.choice([10, 20, 30, 40, 50]) if rng.random() < 0.7 else rng.uniform(5, 60)
    metres = length * (0.9144 if unit == "yd" else 1.0)
    speed = rng.uniform(6, 12)
    inputs = {
        "distance_unit": unit,
        "zone_length": number_as_typed(rng, length),
        "zone_time": number_as_typed(rng, metres / speed),
        "timing": rng.choice(["electronic", "hand"]),
        "steps": str(round(metres / rng.uniform(1.6, 2.6))) if rng.random() < 0.6 else "",
    }
    return with_typing_mistakes(rng, inputs, list(calculators.defaults("flying_sprint")))
