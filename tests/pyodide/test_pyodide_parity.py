"""The calculators give the same answers in real Pyodide (Python 3.14, WebAssembly) as in CPython.

The wheel the site ships is loaded into the pinned npm `pyodide` package under Node and run on the
worked examples (worked_examples.json) plus a few hundred generated inputs; every answer, HTML
included, must equal CPython's byte for byte.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
from pathlib import Path

import pytest

import calculators

pytestmark = pytest.mark.pyodide

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "run_calculators.mjs"
WORKED_EXAMPLES = json.loads((HERE / "worked_examples.json").read_text(encoding="utf-8"))

# Awkward things a reader might type, mixed into some of the generated cases.
TYPED = ["", " ", "0", "-3", "72,5", "1:35", "nan", "1e999", "kgf", "abc", "<b>", "9" * 40]
REFERENCES_N_PER_KG = {"pushing_leg": 10.0, "swing_leg": 3.0, "arms": 1.5}


def _number(rng: random.Random, value: float) -> str:
    """A number as readers type it: 0 to 3 decimals, sometimes with a comma."""
    text = f"{value:.{rng.randint(0, 3)}f}"
    return text.replace(".", ",") if rng.random() < 0.2 else text


def _session(rng: random.Random, prefix: str, force_unit: str, body_mass: float) -> dict[str, str]:
    inputs = {}
    for name, reference in REFERENCES_N_PER_KG.items():
        for side in ("left", "right"):
            newtons = reference * body_mass * rng.uniform(0.3, 2.0)
            inputs[f"{prefix}{name}_{side}"] = _number(rng, newtons / 9.80665 if force_unit == "kgf" else newtons)
    for side in ("left", "right"):
        seconds = rng.uniform(20, 200)
        inputs[f"{prefix}torso_{side}"] = (
            f"{int(seconds // 60)}:{seconds % 60:05.2f}" if rng.random() < 0.3 else _number(rng, seconds)
        )
    return inputs


def generated_cases(count: int, seed: int = 3) -> list[list]:
    """Repeatable random athletes across the whole input range; a third with typing mistakes."""
    rng = random.Random(seed)
    names = list(calculators.defaults("strength_balance"))
    cases = []
    for _ in range(count):
        body_mass = rng.uniform(30, 200)
        force_unit = rng.choice(["N", "kgf"])
        inputs = {"body_mass": _number(rng, body_mass), "force_unit": force_unit}
        inputs.update(_session(rng, "", force_unit, body_mass))
        if rng.random() < 0.5:
            distance = rng.uniform(10, 100)
            inputs["sprint_distance"] = _number(rng, distance)
            inputs["sprint_time"] = _number(rng, distance / rng.uniform(5, 10))
        if rng.random() < 0.4:
            inputs["previous_body_mass"] = _number(rng, body_mass * rng.uniform(0.95, 1.05))
            inputs.update(_session(rng, "previous_", force_unit, body_mass))
        if rng.random() < 0.5:
            inputs["improvement"] = _number(rng, rng.uniform(1, 100))
        if rng.random() < 0.33:
            for name in rng.sample(names, rng.randint(1, 3)):
                inputs[name] = rng.choice(TYPED)
        cases.append(["strength_balance", inputs])
    return cases


def generated_timing_and_profile_cases(count: int, seed: int = 5) -> list[list]:
    """Repeatable random steps (milliseconds or video frames) and sprints (2 to 6 splits from a
    known speed curve, with timing noise), a third with typing mistakes: the fit's exponentials and
    searches must come out the same in both Pythons."""
    rng = random.Random(seed)
    cases = []
    for index in range(count):
        if index % 2 == 0:
            inputs = {"step_length": _number(rng, rng.uniform(0.8, 2.8))}
            if rng.random() < 0.4:
                rate = rng.choice([60, 120, 240, 480, 1000])
                inputs |= {"timing": "frames", "frame_rate": str(rate)}
                inputs["contact_frames"] = str(round(rng.uniform(0.07, 0.3) * rate))
                inputs["flight_frames"] = str(round(rng.uniform(0.0, 0.2) * rate))
            else:
                inputs["contact_time"] = _number(rng, rng.uniform(60, 300))
                inputs["flight_time"] = _number(rng, rng.uniform(0, 200))
            slug, names = "step_timing", list(calculators.defaults("step_timing"))
        else:
            mss, tau = rng.uniform(6, 12), rng.uniform(0.6, 1.8)
            gates = sorted(rng.sample([5, 10, 15, 20, 25, 30, 40, 50, 60], rng.randint(2, 6)))
            inputs = {"body_mass": _number(rng, rng.uniform(40, 120)), "height": _number(rng, rng.uniform(150, 205))}
            for row in range(1, 7):
                if row <= len(gates):
                    distance = gates[row - 1]
                    # x(t) = MSS (t + tau e^(-t/tau) - tau), solved for t by bisection, plus noise.
                    low, high = 0.0, 60.0
                    for _ in range(80):
                        middle = (low + high) / 2
                        reached = mss * (middle + tau * math.exp(-middle / tau) - tau)
                        low, high = (middle, high) if reached < distance else (low, middle)
                    inputs[f"split_{row}_distance"] = str(distance)
                    inputs[f"split_{row}_time"] = f"{low + rng.uniform(-0.02, 0.02):.2f}"
                else:
                    inputs[f"split_{row}_distance"] = inputs[f"split_{row}_time"] = ""
            if rng.random() < 0.4:
                inputs["temperature"] = _number(rng, rng.uniform(-10, 40))
                inputs["pressure"] = _number(rng, rng.uniform(700, 1050))
            slug, names = "sprint_profile", list(calculators.defaults("sprint_profile"))
        if rng.random() < 0.33:
            for name in rng.sample(names, rng.randint(1, 3)):
                inputs[name] = rng.choice(TYPED)
        cases.append([slug, inputs])
    return cases


def run_in_pyodide(node: str, wheel: Path, cases: list) -> dict:
    completed = subprocess.run(
        [node, str(RUNNER), str(wheel)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def pyodide_answers(node, calculators_wheel) -> dict:
    """One Pyodide session (about 2 s to start) answers every case of this module."""
    cases = WORKED_EXAMPLES + generated_cases(300) + generated_timing_and_profile_cases(200)
    return run_in_pyodide(node, calculators_wheel, cases)


def test_the_runner_used_pyodides_python_3_14(pyodide_answers):
    assert pyodide_answers["python"].startswith("3.14.")


def test_the_worked_examples_give_identical_answers_in_cpython_and_pyodide(pyodide_answers):
    in_pyodide = pyodide_answers["results"][: len(WORKED_EXAMPLES)]
    in_cpython = [calculators.run(slug, inputs) for slug, inputs in WORKED_EXAMPLES]
    assert [answer["ok"] for answer in in_cpython].count(True) >= 7  # the examples do compute
    for case, cpython, pyodide in zip(WORKED_EXAMPLES, in_cpython, in_pyodide):
        assert pyodide == cpython, case


def test_generated_inputs_give_identical_answers_in_cpython_and_pyodide(pyodide_answers):
    cases = generated_cases(300)
    start = len(WORKED_EXAMPLES)
    in_pyodide = pyodide_answers["results"][start : start + len(cases)]
    assert len(in_pyodide) == len(cases)
    assert sum(answer["ok"] for answer in in_pyodide) > len(cases) // 2  # most of them compute
    mismatches = [
        case for case, pyodide in zip(cases, in_pyodide) if pyodide != calculators.run(case[0], case[1])
    ]
    assert mismatches == []


def test_generated_steps_and_sprints_give_identical_answers_in_cpython_and_pyodide(pyodide_answers):
    cases = generated_timing_and_profile_cases(200)
    in_pyodide = pyodide_answers["results"][len(WORKED_EXAMPLES) + 300 :]
    assert len(in_pyodide) == len(cases)
    for slug in ("step_timing", "sprint_profile"):
        computed = [answer["ok"] for (case_slug, _), answer in zip(cases, in_pyodide) if case_slug == slug]
        assert sum(computed) > len(computed) // 2, slug  # most of them compute
    mismatches = [
        case for case, pyodide in zip(cases, in_pyodide) if pyodide != calculators.run(case[0], case[1])
    ]
    assert mismatches == []
