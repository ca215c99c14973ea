"""Properties that hold for every athlete, checked on many generated ones (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.strength_balance.model import (
    CONTRIBUTORS,
    LeftRight,
    TestResults,
    assess,
    balance,
)

FORCE = st.floats(min_value=0.01, max_value=10_000, allow_nan=False, allow_infinity=False)
HOLD = st.floats(min_value=0.01, max_value=3_600, allow_nan=False, allow_infinity=False)
IMPROVEMENT = st.floats(min_value=0.01, max_value=100, allow_nan=False, allow_infinity=False)


def sides(values: st.SearchStrategy[float]) -> st.SearchStrategy[LeftRight]:
    return st.builds(LeftRight, values, values)


ATHLETES = st.builds(
    TestResults,
    body_mass=st.floats(min_value=30, max_value=200),
    pushing_leg=sides(FORCE),
    swing_leg=sides(FORCE),
    arms=sides(FORCE),
    torso=sides(HOLD),
)


@given(athlete=ATHLETES, improvement=IMPROVEMENT)
def test_scores_never_exceed_the_cap_and_strength_balance_stays_within_0_to_100(parameters, athlete, improvement):
    a = assess(athlete, parameters, improvement_percent=improvement)
    for result in a.contributors:
        assert 0 < result.score <= parameters.score_cap
        assert 0 <= result.asymmetry_percent < 100
    assert 0 < a.balance.strength_balance <= 100
    for prediction in a.predictions:
        assert prediction.new_score <= parameters.score_cap
        assert 0 < prediction.new_strength_balance <= 100
        assert prediction.speed_change_percent <= parameters.max_speed_change_percent


@given(athlete=ATHLETES, improvement=IMPROVEMENT)
def test_raising_the_limiter_never_lowers_capacity(parameters, athlete, improvement):
    a = assess(athlete, parameters, improvement_percent=improvement)
    limiter = a.limiter or a.largest_gain
    assert a.prediction(limiter).capacity_change_percent >= 0
    assert a.prediction(limiter).speed_change_percent >= 0


@given(athlete=ATHLETES, improvement=IMPROVEMENT)
def test_raising_any_one_contributor_never_lowers_capacity(parameters, athlete, improvement):
    a = assess(athlete, parameters, improvement_percent=improvement)
    for name in CONTRIBUTORS:
        raised = dict(a.balance.scores)
        raised[name] = min(raised[name] * (1 + improvement / 100), parameters.score_cap)
        assert balance(raised, parameters).capacity >= a.balance.capacity * (1 - 1e-12)


@given(athlete=ATHLETES)
def test_the_limiter_is_one_of_the_four_contributors_or_none_only_when_balanced(parameters, athlete):
    a = assess(athlete, parameters)
    spread = max(a.balance.scores.values()) - min(a.balance.scores.values())
    if a.limiter is None:
        assert spread <= parameters.balanced_band + 1e-9
    else:
        assert a.limiter in CONTRIBUTORS
        if a.balance.swing_side < a.balance.push_side:
            assert a.limiter == "swing_leg"


INPUT_NAMES = sorted(calculators.defaults("strength_balance"))
TEXT_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "0", "-1", "nan", "inf", "1e999", "72,5", "1:35", "kgf", "N", "<script>", "9" * 400]),
    st.from_regex(r"[0-9]{1,4}([.,][0-9]{1,2})?", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(raw=st.dictionaries(st.sampled_from(INPUT_NAMES) | st.text(max_size=10), TEXT_VALUES))
def test_run_never_raises_on_any_dict_of_strings_and_always_answers_in_json(raw):
    answer = calculators.run("strength_balance", raw)
    assert json.loads(json.dumps(answer)) == answer
    assert set(answer["values"]) == set(INPUT_NAMES)
    assert answer["ok"] == (answer["errors"] == {})
    assert set(answer["errors"]) <= set(INPUT_NAMES)
    for name, typed in raw.items():
        if name in answer["errors"] and typed.strip():
            assert answer["values"][name] == typed  # nothing the reader typed is lost
    assert "<script>" not in answer["html"]
