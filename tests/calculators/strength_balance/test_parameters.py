"""The model's numbers live in strength_balance/parameters.toml: tuning them needs no code change,
and a mistake in the file stops the build with a message naming the file and the key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from calculators.core.settings import ParameterError
from calculators.strength_balance import make_calculator
from calculators.strength_balance.params import load_parameters, parameters_from_toml

PACKAGED = Path(__file__).resolve().parents[3] / "calculators" / "strength_balance" / "parameters.toml"


def tuned_text(old: str, new: str) -> str:
    """The packaged TOML with one line changed, as a content owner would edit it."""
    text = PACKAGED.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"expected exactly one {old!r} in the packaged TOML"
    return text.replace(old, new)


def tuned_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the packaged TOML with one line changed, to load as the model's parameters."""
    path = tmp_path / "parameters.toml"
    path.write_text(tuned_text(old, new), encoding="utf-8")
    return path


def test_the_packaged_file_holds_the_design_defaults(parameters):
    assert [(c.name, c.reference, c.push_weight) for c in parameters.contributors] == [
        ("pushing_leg", 10.0, 0.5),
        ("swing_leg", 3.0, 0.0),
        ("arms", 1.5, 0.25),
        ("torso", 100.0, 0.25),
    ]
    assert parameters.score_cap == 1.5
    assert parameters.asymmetry_flag_percent == 10
    assert parameters.balanced_band == 0.05
    assert parameters.limiter_tie_order == ("swing_leg", "pushing_leg", "torso", "arms")
    assert parameters.push_side_min_weight == 0.5
    assert parameters.capacity_min_weight == 0.8
    assert parameters.improvement_percent == 10
    assert parameters.speed_elasticity == 0.3
    assert parameters.max_speed_change_percent == 5
    assert (parameters.body_mass_min_kg, parameters.body_mass_max_kg) == (30, 200)
    assert len(parameters.sources) == 5


def test_changing_the_swing_leg_reference_in_the_toml_changes_the_result_with_no_code_change(tmp_path):
    default = make_calculator(load_parameters()).evaluate({}).result.assessment
    # Swing-leg reference 3.0 -> 2.5 N/kg: 175 N / (2.5 x 75) = 0.9333 instead of 0.7778.
    tuned = make_calculator(
        load_parameters(tuned_copy(tmp_path, "reference_newtons_per_kg = 3.0", "reference_newtons_per_kg = 2.5"))
    ).evaluate({}).result.assessment
    assert round(default.contributor("swing_leg").score, 4) == 0.7778
    assert round(tuned.contributor("swing_leg").score, 4) == 0.9333
    # push side unchanged (0.9598), so SB = 100 x 0.93333 / 0.95979 = 97.24 instead of 81.04
    assert round(tuned.balance.strength_balance, 2) == 97.24
    assert tuned.limiter == "swing_leg"


def test_a_wider_balanced_band_in_the_toml_turns_a_limited_athlete_into_a_balanced_one(tmp_path):
    calculator = make_calculator(load_parameters(tuned_copy(tmp_path, "balanced_band = 0.05", "balanced_band = 0.3")))
    answer = calculator.run({})  # default scores spread 1.0267 - 0.7778 = 0.249 < 0.3
    assert answer["ok"]
    assert "Balanced: all four scores lie within 0.30 of each other" in answer["html"]


def test_the_improvement_default_comes_from_the_toml(tmp_path):
    calculator = make_calculator(
        load_parameters(tuned_copy(tmp_path, "improvement_percent = 10.0", "improvement_percent = 20.0"))
    )
    assert calculator.defaults()["improvement"] == "20"
    assessment = calculator.evaluate({"improvement": ""}).result.assessment  # left empty: the default
    assert assessment.improvement_percent == 20


def test_the_body_mass_range_comes_from_the_toml(tmp_path):
    calculator = make_calculator(load_parameters(tuned_copy(tmp_path, "body_mass_max_kg = 200.0", "body_mass_max_kg = 150.0")))
    assert calculator.run({"body_mass": "160"})["errors"] == {"body_mass": "Body mass must be between 30 and 150 kg."}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("push_weight = 0.25\nprovisional = true", "push_weight = -0.25\nprovisional = true",
         "contributors.arms.push_weight must not be negative (got -0.25)"),
        ("push_weight = 0.5", "push_weight = 0.6",
         "contributors.pushing_leg.push_weight, contributors.arms.push_weight, contributors.torso.push_weight "
         "must add up to 1 (they add up to 1.1)"),
        ("[contributors.torso]\ntest = \"Side-bridge hold\"\nreference_seconds = 100.0\npush_weight = 0.25\n", "",
         "contributors.torso is missing: the model needs all four contributors"),
        ("cap = 1.5", "cap = 0.9", "scores.cap must be at least 1 (got 0.9)"),
        ("cap = 1.5", "cap = nan", "scores.cap must be a finite number (got nan)"),
        ("cap = 1.5", 'cap = "1.5"', "scores.cap must be a number (got '1.5')"),
        ("speed_elasticity = 0.3", "speed_elasticity = -0.3", "prediction.speed_elasticity must not be negative (got -0.3)"),
        ("capacity_min_weight = 0.8", "capacity_min_weight = 1.2", "balance.capacity_min_weight must be at most 1 (got 1.2)"),
        ("reference_seconds = 100.0", "reference_seconds = 0", "contributors.torso.reference_seconds must be more than 0 (got 0)"),
        ("reference_seconds = 100.0", "reference_newtons_per_kg = 100.0",
         "contributors.torso.reference_newtons_per_kg is not a known setting"),
        ('limiter_tie_order = ["swing_leg", "pushing_leg", "torso", "arms"]',
         'limiter_tie_order = ["swing_leg", "pushing_leg", "torso"]',
         "scores.limiter_tie_order must name each contributor exactly once"),
        ("balanced_band = 0.05", "balanced_band = 0.05\nbalance_band = 0.1", "scores.balance_band is not a known setting"),
        ("[contributors.arms]", "[contributors.shoulders]", "contributors.shoulders is not a contributor of this model"),
        ("body_mass_max_kg = 200.0", "body_mass_max_kg = 20.0", "inputs.body_mass_max_kg must be more than 30 (got 20)"),
    ],
)
def test_a_mistake_in_the_toml_raises_a_parameter_error_naming_the_file_and_the_key(old, new, message):
    with pytest.raises(ParameterError, match=re.escape(message)) as raised:
        parameters_from_toml(tomllib.loads(tuned_text(old, new)))
    assert str(raised.value).startswith("strength_balance/parameters.toml: ")


def test_a_file_that_is_not_toml_raises_a_parameter_error_naming_that_file(tmp_path):
    """Trying new numbers from a copy: the message names the copy that was read."""
    with pytest.raises(ParameterError, match="not valid TOML") as raised:
        load_parameters(tuned_copy(tmp_path, "cap = 1.5", "cap = "))
    assert str(raised.value).startswith("parameters.toml: ")
