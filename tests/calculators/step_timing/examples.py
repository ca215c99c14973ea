"""Step timing's cases for the layers that run every calculator alike (see
tests/support/calculator_examples.py): the Pyodide parity test and the every-calculator browser test."""

from __future__ import annotations

import random

import calculators
from calculators.core.units import METRES_PER_FOOT
from tests.support.scenario import Scenario
from tests.support.typing_like_a_reader import number_as_typed, with_typing_mistakes

SLUG = "step_timing"
FRAME_RATES = (60, 120, 240, 480, 1000)

WORKED_EXAMPLES: list[dict[str, str]] = [
    {},  # the defaults: 100 ms on the ground, 120 ms in the air, 2.2 m: 10 m/s
    {"timing": "frames"},  # counted on video: 12 and 14 frames at 120 fps
    {"contact_time": "120", "flight_time": "110", "step_length": "2,0"},  # a slower runner, a decimal comma
    {"flight_time": "5", "step_length": "1.2"},  # a what-if that cannot happen
    {"timing": "frames", "contact_frames": "24", "flight_frames": "29", "frame_rate": "240", "step_length": "2.35"},
    # refused: half a frame, a flight too long; a step faster than any sprinter (the frames are not used)
    {"timing": "frames", "contact_frames": "12.5", "flight_frames": "90", "frame_rate": "240"},
    {"contact_time": "80", "flight_time": "100", "step_length": "2.5", "contact_frames": "<b>"},
    # a step length in feet: chosen, or typed after the number
    {"step_length_unit": "ft", "step_length": "7.2"},
    {"step_length": "7 ft 2 in"},
    {"step_length_unit": "ft", "step_length": "1.5"},  # 1.5 ft: refused, shorter than 0.5 m (1.65 ft)
]


def random_inputs(rng: random.Random) -> dict[str, str]:
    """A random step timed in milliseconds or counted in video frames, about a third mistyped."""
    unit = rng.choice(["m", "ft"])
    step_length = rng.uniform(0.8, 2.8) / (METRES_PER_FOOT if unit == "ft" else 1.0)
    inputs = {"step_length_unit": unit, "step_length": number_as_typed(rng, step_length)}
    if rng.random() < 0.4:
        rate = rng.choice(FRAME_RATES)
        inputs |= {
            "timing": "frames",
            "frame_rate": str(rate),
            "contact_frames": str(round(rng.uniform(0.07, 0.3) * rate)),
            "flight_frames": str(round(rng.uniform(0.0, 0.2) * rate)),
        }
    else:
        inputs["contact_time"] = number_as_typed(rng, rng.uniform(60, 300))
        inputs["flight_time"] = number_as_typed(rng, rng.uniform(0, 200))
    return with_typing_mistakes(rng, inputs, list(calculators.defaults(SLUG)))


SCENARIO = Scenario(
    page="calculators/step-timing/",
    choices={"timing": "frames"},
    typed={"contact_frames": "11", "flight_frames": "13", "frame_rate": "100", "step_length": "2,05"},
    bad=("contact_frames", "12.5", "Ground contact in frames must be a whole number"),
    shown=("contact_frames", "flight_frames", "frame_rate"),
    hidden=("contact_time", "flight_time"),
)
