"""Worked examples of the Strength Balance model (v1), computed by hand from DESIGN.md's formulas.

Each example types test results into the form (as text, the way a reader would) and checks the
model's numbers to four significant figures. The expected numbers were worked out by hand with the
default parameters; the arithmetic is written next to each one:

    score s = min(mean(L, R) / reference, 1.5)      references: 10, 3, 1.5 N/kg x body mass; 100 s
    push  = 0.5 x min(sP, sA, sT) + 0.5 x (0.5 sP + 0.25 sA + 0.25 sT)
    swing = sS
    SB    = 100 x min(push, swing) / max(push, swing)
    C     = 0.8 x min(push, swing) + 0.2 x (push + swing) / 2
    dv %  = min(0.3 x (C'/C - 1) x 100, 5)          C' after raising one score by 10 % (max 1.5)
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

import calculators
from calculators.strength_balance import CALCULATOR
from calculators.strength_balance.model import Assessment


def sig4(value: float) -> float:
    """A number rounded to four significant figures, the precision these examples are checked to."""
    return float(f"{value:.4g}")


def assess(**typed: str) -> Assessment:
    """Type these values into the Strength Balance form (others keep their defaults) and assess."""
    evaluation = CALCULATOR.evaluate(typed)
    assert evaluation.errors == {}, evaluation.errors
    assert evaluation.result is not None
    return evaluation.result.assessment


def scores(assessment: Assessment) -> Mapping[str, float]:
    return {result.name: sig4(result.score) for result in assessment.contributors}


def test_a_perfectly_balanced_athlete_has_strength_balance_100_and_no_limiter():
    # 80 kg: references 800 N, 240 N, 120 N and 100 s; every test hits its reference exactly.
    a = assess(
        body_mass="80",
        pushing_leg_left="800", pushing_leg_right="800",
        swing_leg_left="240", swing_leg_right="240",
        arms_left="120", arms_right="120",
        torso_left="100", torso_right="100",
    )
    assert scores(a) == {"pushing_leg": 1.0, "swing_leg": 1.0, "arms": 1.0, "torso": 1.0}
    # push = 0.5 x 1 + 0.5 x (0.5 + 0.25 + 0.25) = 1; swing = 1
    assert sig4(a.balance.push_side) == 1.0
    assert sig4(a.balance.strength_balance) == 100.0
    assert sig4(a.balance.capacity) == 1.0
    assert a.limiter is None
    assert all(result.asymmetry_percent == 0 and not result.asymmetry_flagged for result in a.contributors)

    # Raising the pushing leg to 1.1: push = 0.5 x 1 + 0.5 x (0.55 + 0.25 + 0.25) = 1.025
    #   SB = 100 x 1 / 1.025 = 97.56; C' = 0.8 x 1 + 0.2 x 2.025 / 2 = 1.0025 -> +0.25 %, dv 0.075 %
    pushing = a.prediction("pushing_leg")
    assert sig4(pushing.new_strength_balance) == 97.56
    assert sig4(pushing.capacity_change_percent) == 0.25
    assert sig4(pushing.speed_change_percent) == 0.075
    # Raising the swing leg to 1.1: SB = 100 / 1.1 = 90.91; C' = 0.8 + 0.2 x 2.1 / 2 = 1.01 -> +1 %
    swing = a.prediction("swing_leg")
    assert sig4(swing.new_strength_balance) == 90.91
    assert sig4(swing.capacity_change_percent) == 1.0
    assert sig4(swing.speed_change_percent) == 0.3
    # Arms (or torso) to 1.1: push = 0.5 + 0.5 x (0.5 + 0.275 + 0.25) = 1.0125; SB = 98.77
    #   C' = 0.8 + 0.2 x 2.0125 / 2 = 1.00125 -> +0.125 %, dv 0.0375 %
    for name in ("arms", "torso"):
        assert sig4(a.prediction(name).new_strength_balance) == 98.77
        assert sig4(a.prediction(name).capacity_change_percent) == 0.125
        assert sig4(a.prediction(name).speed_change_percent) == 0.0375


def test_the_default_example_is_a_75_kg_athlete_whose_swing_leg_limits_them():
    a = assess()  # the form's defaults
    # sP = 770 / 750 = 1.0267; sS = 175 / 225 = 0.7778; sA = 112.5 / 112.5 = 1; sT = 92.5 / 100 = 0.925
    assert scores(a) == {"pushing_leg": 1.027, "swing_leg": 0.7778, "arms": 1.0, "torso": 0.925}
    # asymmetry = 100 x (max - min) / max: 20/780, 10/180, 5/115, 5/95
    asymmetry = {r.name: sig4(r.asymmetry_percent) for r in a.contributors}
    assert asymmetry == {"pushing_leg": 2.564, "swing_leg": 5.556, "arms": 4.348, "torso": 5.263}
    assert not any(r.asymmetry_flagged for r in a.contributors)
    # push = 0.5 x 0.925 + 0.5 x (0.5 x 1.02667 + 0.25 x 1 + 0.25 x 0.925) = 0.4625 + 0.49729 = 0.95979
    assert sig4(a.balance.push_side) == 0.9598
    assert sig4(a.balance.swing_side) == 0.7778
    # SB = 100 x 0.77778 / 0.95979 = 81.04; C = 0.8 x 0.77778 + 0.2 x (0.95979 + 0.77778) / 2 = 0.7960
    assert sig4(a.balance.strength_balance) == 81.04
    assert sig4(a.balance.capacity) == 0.796
    assert a.limiter == "swing_leg"  # swing 0.7778 < push 0.9598

    # Swing leg x 1.1 = 0.85556: SB = 100 x 0.85556 / 0.95979 = 89.14
    #   C' = 0.8 x 0.85556 + 0.2 x (0.95979 + 0.85556) / 2 = 0.86598; C'/C - 1 = 8.794 %; dv = 2.638 %
    swing = a.prediction("swing_leg")
    assert sig4(swing.new_score) == 0.8556
    assert sig4(swing.new_strength_balance) == 89.14
    assert sig4(swing.capacity_change_percent) == 8.794
    assert sig4(swing.speed_change_percent) == 2.638
    # Pushing leg x 1.1 = 1.12933: push = 0.4625 + 0.5 x (0.56467 + 0.25 + 0.23125) = 0.98546
    #   SB = 78.93; C' = 0.62222 + 0.2 x (0.98546 + 0.77778) / 2 = 0.79854 -> +0.3225 %, dv 0.09674 %
    pushing = a.prediction("pushing_leg")
    assert sig4(pushing.new_strength_balance) == 78.93
    assert sig4(pushing.capacity_change_percent) == 0.3225
    assert sig4(pushing.speed_change_percent) == 0.09674
    # Torso x 1.1 = 1.0175: min is now arms (1.0); push = 0.5 + 0.5 x (0.51333 + 0.25 + 0.25438) = 1.00885
    #   SB = 77.10; C' -> +0.6164 %
    assert sig4(a.prediction("torso").new_strength_balance) == 77.1
    assert sig4(a.prediction("torso").capacity_change_percent) == 0.6164
    # Arms x 1.1: push = 0.4625 + 0.5 x (0.51333 + 0.275 + 0.23125) = 0.97229; SB = 79.99; +0.1570 %
    assert sig4(a.prediction("arms").new_strength_balance) == 79.99
    assert sig4(a.prediction("arms").capacity_change_percent) == 0.157


def test_an_arm_asymmetry_is_flagged_and_the_arms_limit_the_push_side():
    # 70 kg: references 700 N, 210 N, 105 N, 100 s.
    a = assess(
        body_mass="70",
        pushing_leg_left="735", pushing_leg_right="735",   # 735 / 700 = 1.05
        swing_leg_left="231", swing_leg_right="231",       # 231 / 210 = 1.1
        arms_left="120", arms_right="90",                  # mean 105 / 105 = 1.0
        torso_left="110", torso_right="110",               # 110 / 100 = 1.1
    )
    assert scores(a) == {"pushing_leg": 1.05, "swing_leg": 1.1, "arms": 1.0, "torso": 1.1}
    arms = a.contributor("arms")
    assert sig4(arms.asymmetry_percent) == 25.0  # 100 x (120 - 90) / 120
    assert arms.asymmetry_flagged
    # push = 0.5 x 1.0 + 0.5 x (0.525 + 0.25 + 0.275) = 1.025; swing = 1.1
    assert sig4(a.balance.push_side) == 1.025
    # SB = 100 x 1.025 / 1.1 = 93.18; C = 0.8 x 1.025 + 0.2 x 2.125 / 2 = 1.0325
    assert sig4(a.balance.strength_balance) == 93.18
    assert a.balance.capacity == pytest.approx(1.0325)  # exact: 4 s.f. rounding would sit on the edge
    # Not balanced (1.1 - 1.0 > 0.05); swing is not the weaker side; arms are the lowest push score.
    assert a.limiter == "arms"
    # Arms x 1.1: push = 0.5 x 1.05 + 0.5 x (0.525 + 0.275 + 0.275) = 1.0625; SB = 96.59
    #   C' = 0.85 + 0.2 x 2.1625 / 2 = 1.06625 -> +3.269 %, dv = 0.9806 %
    assert sig4(a.prediction("arms").new_strength_balance) == 96.59
    assert sig4(a.prediction("arms").capacity_change_percent) == 3.269
    assert sig4(a.prediction("arms").speed_change_percent) == 0.9806
    # Pushing leg x 1.1 = 1.155: push = 0.5 + 0.5 x 1.1025 = 1.05125; SB = 95.57; +2.288 %
    assert sig4(a.prediction("pushing_leg").new_strength_balance) == 95.57
    assert sig4(a.prediction("pushing_leg").capacity_change_percent) == 2.288
    # Swing leg x 1.1 = 1.21: SB = 100 x 1.025 / 1.21 = 84.71 (less balanced); +1.065 %
    assert sig4(a.prediction("swing_leg").new_strength_balance) == 84.71
    assert sig4(a.prediction("swing_leg").capacity_change_percent) == 1.065


def test_forces_in_kgf_are_converted_and_a_short_side_bridge_limits_the_athlete():
    # 60 kg: references 600 N, 180 N, 90 N, 100 s. 1 kgf = 9.80665 N.
    a = assess(
        body_mass="60",
        force_unit="kgf",
        pushing_leg_left="65", pushing_leg_right="63",  # mean 64 kgf = 627.6256 N -> 1.046
        swing_leg_left="20", swing_leg_right="20",      # 196.133 N / 180 = 1.090
        arms_left="10", arms_right="9,6",               # mean 9.8 kgf = 96.10517 N / 90 = 1.068
        torso_left="70", torso_right="1:06",            # mean 68 s / 100 = 0.68 (seconds, never kgf)
    )
    assert scores(a) == {"pushing_leg": 1.046, "swing_leg": 1.09, "arms": 1.068, "torso": 0.68}
    assert sig4(a.contributor("torso").asymmetry_percent) == 5.714  # 100 x 4 / 70
    assert sig4(a.contributor("arms").asymmetry_percent) == 4.0      # 100 x 0.4 / 10
    # push = 0.5 x 0.68 + 0.5 x (0.5 x 1.04604 + 0.25 x 1.06784 + 0.25 x 0.68) = 0.34 + 0.47999 = 0.8200
    assert sig4(a.balance.push_side) == 0.82
    # SB = 100 x 0.81999 / 1.08963 = 75.25
    assert sig4(a.balance.strength_balance) == 75.25
    # swing 1.090 > push 0.820, and the torso is the lowest push-side score.
    assert a.limiter == "torso"
    # Torso x 1.1 = 0.748: push = 0.374 + 0.5 x (0.52302 + 0.26696 + 0.187) = 0.86249; SB = 79.15; +4.516 %
    assert sig4(a.prediction("torso").new_strength_balance) == 79.15
    assert sig4(a.prediction("torso").capacity_change_percent) == 4.516
    assert sig4(a.prediction("torso").speed_change_percent) == 1.355


def test_a_score_above_the_cap_counts_as_1_5_and_raising_it_changes_nothing():
    # 50 kg: pushing-leg reference 500 N; 1000 N is 2.0 x the reference, capped at 1.5.
    a = assess(
        body_mass="50",
        pushing_leg_left="1000", pushing_leg_right="1000",
        swing_leg_left="150", swing_leg_right="150",   # 150 / 150 = 1
        arms_left="75", arms_right="75",               # 75 / 75 = 1
        torso_left="100", torso_right="100",
    )
    pushing = a.contributor("pushing_leg")
    assert pushing.score == 1.5 and pushing.capped
    # push = 0.5 x 1 + 0.5 x (0.75 + 0.25 + 0.25) = 1.125; SB = 100 x 1 / 1.125 = 88.89
    assert sig4(a.balance.push_side) == 1.125
    assert sig4(a.balance.strength_balance) == 88.89
    # C = 0.8 x 1 + 0.2 x 2.125 / 2 = 1.0125
    assert a.balance.capacity == pytest.approx(1.0125)  # exact: 4 s.f. rounding would sit on the edge
    assert a.limiter == "swing_leg"
    # The capped pushing leg cannot rise: same score, same SB, no change.
    assert a.prediction("pushing_leg").new_score == 1.5
    assert sig4(a.prediction("pushing_leg").new_strength_balance) == 88.89
    assert a.prediction("pushing_leg").capacity_change_percent == 0
    assert a.prediction("pushing_leg").speed_change_percent == 0
    # Swing x 1.1: SB = 100 x 1.1 / 1.125 = 97.78; C' = 0.88 + 0.2 x 2.225 / 2 = 1.1025 -> +8.889 %
    assert sig4(a.prediction("swing_leg").new_strength_balance) == 97.78
    assert sig4(a.prediction("swing_leg").capacity_change_percent) == 8.889
    assert sig4(a.prediction("swing_leg").speed_change_percent) == 2.667


def test_the_predicted_speed_change_is_capped_at_5_percent_and_gives_a_predicted_time():
    # 80 kg, swing leg at 72 / 240 = 0.3 of its reference, everything else at 1.0; try +50 %.
    a = assess(
        body_mass="80",
        pushing_leg_left="800", pushing_leg_right="800",
        swing_leg_left="72", swing_leg_right="72",
        arms_left="120", arms_right="120",
        torso_left="100", torso_right="100",
        improvement="50",
        sprint_distance="40",
        sprint_time="6.00",
    )
    # SB = 100 x 0.3 / 1 = 30; C = 0.8 x 0.3 + 0.2 x 1.3 / 2 = 0.37
    assert sig4(a.balance.strength_balance) == 30.0
    assert sig4(a.balance.capacity) == 0.37
    swing = a.prediction("swing_leg")
    # swing 0.45: C' = 0.36 + 0.2 x 1.45 / 2 = 0.505 -> +36.49 %; 0.3 x 36.49 = 10.9 % -> capped at 5 %
    assert sig4(swing.capacity_change_percent) == 36.49
    assert swing.speed_change_percent == 5.0
    # predicted time = 6.00 / (1 + 5 / 100) = 5.714 s
    assert sig4(swing.predicted_time) == 5.714
    assert sig4(swing.new_strength_balance) == 45.0


def test_a_retest_shows_the_change_in_every_score_and_in_strength_balance():
    # Today: the default example (SB 81.04). Six weeks ago, same body mass (left empty):
    a = assess(
        previous_pushing_leg_left="750", previous_pushing_leg_right="750",  # 1.0
        previous_swing_leg_left="150", previous_swing_leg_right="150",      # 150 / 225 = 0.6667
        previous_arms_left="112.5", previous_arms_right="112.5",            # 1.0
        previous_torso_left="80", previous_torso_right="1:20",              # 0.8
    )
    assert a.previous is not None
    # previous push = 0.5 x 0.8 + 0.5 x (0.5 + 0.25 + 0.2) = 0.875; SB = 100 x 0.66667 / 0.875 = 76.19
    assert sig4(a.previous.balance.push_side) == 0.875
    assert sig4(a.previous.balance.strength_balance) == 76.19
    # change in SB: 81.036 - 76.190 = 4.846 points
    assert sig4(a.balance.strength_balance - a.previous.balance.strength_balance) == 4.846
    # change in each score: +0.02667, +0.1111, 0, +0.125
    changes = {
        r.name: sig4(r.score - a.previous.contributor(r.name).score) for r in a.contributors
    }
    assert changes == {"pushing_leg": 0.02667, "swing_leg": 0.1111, "arms": 0.0, "torso": 0.125}
    assert a.previous.limiter == "swing_leg"


def test_an_invalid_body_mass_gives_a_message_on_that_field_and_keeps_every_other_value():
    answer = calculators.run("strength_balance", {"body_mass": "250", "swing_leg_left": "172,5"})
    assert answer["ok"] is False
    assert answer["errors"] == {"body_mass": "Body mass must be between 30 and 200 kg."}
    assert answer["values"]["body_mass"] == "250"
    assert answer["values"]["swing_leg_left"] == "172.5"  # still read and tidied
    assert "1 field needs attention: Body mass." in answer["html"]


def test_the_limiter_is_the_contributor_with_the_largest_predicted_gain_in_every_example():
    unbalanced_examples = [
        assess(),  # swing leg
        assess(body_mass="70", pushing_leg_left="735", pushing_leg_right="735", swing_leg_left="231",
               swing_leg_right="231", arms_left="120", arms_right="90", torso_left="110", torso_right="110"),
        assess(body_mass="60", force_unit="kgf", pushing_leg_left="65", pushing_leg_right="63",
               swing_leg_left="20", swing_leg_right="20", arms_left="10", arms_right="9.6",
               torso_left="70", torso_right="66"),
        assess(body_mass="50", pushing_leg_left="1000", pushing_leg_right="1000", swing_leg_left="150",
               swing_leg_right="150", arms_left="75", arms_right="75", torso_left="100", torso_right="100"),
    ]
    assert [a.limiter for a in unbalanced_examples] == ["swing_leg", "arms", "torso", "swing_leg"]
    for a in unbalanced_examples:
        gains = {p.contributor: p.capacity_change_percent for p in a.predictions}
        assert max(gains, key=gains.get) == a.limiter
        assert a.largest_gain == a.limiter
