"""The numbers a reader's saved tests chart over time (`figures` in every run's answer): each
calculator's worked example, worked out by hand, and rounded exactly as its result shows them."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

import calculators
from calculators.core.calculator import Figure


def figures(slug: str, inputs: dict[str, str] | None = None) -> dict[str, tuple[float, str]]:
    return {figure["name"]: (figure["value"], figure["unit"]) for figure in calculators.run(slug, inputs or {})["figures"]}


def test_strength_balance_charts_the_balance_and_each_contributors_score():
    # 75 kg: references 750, 225 and 112.5 N a side, and 100 s. Pushing leg (780 + 760) / 2 / 750
    # = 1.027; swing leg 175 / 225 = 0.778; arms 112.5 / 112.5 = 1.000; torso 92.5 / 100 = 0.925.
    score = "score, 1.00 = the reference"
    assert figures("strength_balance") == {
        "Strength Balance": (81.0, "out of 100"),
        "Pushing leg": (1.03, score),
        "Swing leg": (0.78, score),
        "Arms": (1.0, score),
        "Torso": (0.93, score),
    }


def test_a_stronger_swing_leg_shows_in_its_score():
    # 225 N a side is the swing leg's reference at 75 kg: a score of exactly 1.00.
    assert figures("strength_balance", {"swing_leg_left": "225", "swing_leg_right": "225"})["Swing leg"] == (
        1.0,
        "score, 1.00 = the reference",
    )


def test_step_timing_charts_speed_frequency_and_ground_share():
    # 100 ms contact + 120 ms flight = 220 ms a step: 1 / 0.22 = 4.545 steps/s; 2.20 m x 4.545 = 10.00 m/s;
    # 100 / 220 = 45.5 % on the ground.
    assert figures("step_timing") == {
        "Speed": (10.0, "m/s"),
        "Step frequency": (4.55, "steps/s"),
        "On the ground": (45.5, "% of each step"),
    }


def test_flying_sprint_charts_speed_and_with_steps_their_length_and_rate():
    # 20 m in 1.90 s = 10.53 m/s; 20 m / 9 steps = 2.22 m; 9 steps / 1.90 s = 4.74 steps/s.
    assert figures("flying_sprint") == {
        "Speed": (10.53, "m/s"),
        "Step length": (2.22, "m"),
        "Step frequency": (4.74, "steps/s"),
    }
    assert figures("flying_sprint", {"steps": ""}) == {"Speed": (10.53, "m/s")}


def test_sprint_profile_charts_top_speed_tau_force_and_power():
    # The README's worked example: MSS 9.51 m/s, τ 1.10 s, F0 641 N / 75 kg = 8.55 N/kg, Pmax 21.13 W/kg.
    assert figures("sprint_profile") == {
        "MSS": (9.51, "m/s"),
        "τ": (1.1, "s"),
        "F0": (8.55, "N/kg"),
        "Pmax": (21.13, "W/kg"),
    }


def test_a_figure_is_rounded_as_the_result_shows_it():
    assert Figure.as_shown("Torso", 0.925, 2, "score") == Figure("Torso", 0.93, "score")
    assert Figure.as_shown("Speed change", -0.0001, 2, "%") == Figure("Speed change", 0.0, "%")  # never -0.0


@pytest.mark.parametrize("slug", calculators.available())
def test_every_figure_is_a_number_the_result_shows(slug):
    answer = calculators.run(slug, {})
    shown = " ".join(BeautifulSoup(answer["html"], "html.parser").get_text(" ").split())
    assert answer["figures"], f"{slug} declares no figures to chart"
    names = [figure["name"] for figure in answer["figures"]]
    assert len(set(names)) == len(names)
    for figure in answer["figures"]:
        assert figure["name"] and figure["unit"]
        assert isinstance(figure["value"], float)
        assert figure["name"] in shown
    assert json.loads(json.dumps(answer["figures"])) == answer["figures"]


@pytest.mark.parametrize("slug", calculators.available())
def test_a_result_with_problems_has_no_figures(slug):
    first = next(iter(calculators.defaults(slug)))
    answer = calculators.run(slug, {first: "abc"})
    assert answer["ok"] is False and answer["figures"] == [] and answer["summary"] == {}
