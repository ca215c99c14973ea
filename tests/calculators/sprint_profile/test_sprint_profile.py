"""Sprint speed profile: the fit recovers known runners, the method's numbers follow from the curve.

Splits are generated from a known speed curve (MSS and τ), with and without timing noise, and the
fit must find that runner again. F0, V0, Pmax, S_FV, RFmax and DRF are recomputed here step by
step from the method's own definitions, and checked against the worked example published with the
R package shorts.
"""

from __future__ import annotations

import json
import math
import random
import statistics
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.core.settings import ParameterError
from calculators.core.units import HECTOPASCALS_PER_TORR
from calculators.sprint_profile import (
    CALCULATOR,
    SPLIT_ROWS,
    distance_name,
    make_calculator,
    time_name,
)
from calculators.sprint_profile.mechanics import (
    Air,
    Athlete,
    air_density,
    frontal_area,
    sprint_mechanics,
)
from calculators.sprint_profile.model import (
    SpeedCurve,
    Split,
    curve_for_tau,
    fit_speed_curve,
    sum_of_squares,
)
from calculators.sprint_profile.params import load_parameters, parameters_from_toml

SLUG = "sprint_profile"
PACKAGED_TOML = Path(__file__).parents[3] / "calculators" / "sprint_profile" / "parameters.toml"
PARAMETERS = load_parameters()
FOUR_GATES = (5, 10, 20, 30)
SIX_GATES = (5, 10, 15, 20, 30, 40)
RUNNERS = [pytest.param(9.5, 1.1, id="MSS 9.5, tau 1.1"), pytest.param(8.0, 1.4, id="MSS 8.0, tau 1.4")]
INPUT_NAMES = ["body_mass", "height"] + [
    name(row) for row in range(1, SPLIT_ROWS + 1) for name in (distance_name, time_name)
] + ["temperature", "pressure"]


def splits_of(curve: SpeedCurve, distances, noise=lambda: 0.0) -> list[Split]:
    """The times a runner following `curve` passes each gate, plus whatever `noise` adds."""
    return [Split(distance, curve.time_at(distance) + noise()) for distance in distances]


def inputs_for(splits, **others: str) -> dict[str, str]:
    """Form inputs for these splits (rows beyond them left empty)."""
    inputs = {}
    for row in range(1, SPLIT_ROWS + 1):
        split = splits[row - 1] if row <= len(splits) else None
        inputs[distance_name(row)] = "" if split is None else str(split[0])
        inputs[time_name(row)] = "" if split is None else str(split[1])
    return inputs | others


def fit(splits):
    return fit_speed_curve(splits, PARAMETERS.fit)


# --- The speed curve ---------------------------------------------------------------------------


def test_the_curve_reaches_63_percent_of_top_speed_after_tau_seconds():
    curve = SpeedCurve(max_speed=9.5, tau=1.1)
    assert curve.speed_at(0) == 0
    assert curve.speed_at(1.1) == pytest.approx(9.5 * (1 - math.exp(-1)))  # 6.005 m/s
    assert curve.max_acceleration == pytest.approx(9.5 / 1.1)  # 8.636 m/s²
    assert curve.acceleration_at(0) == pytest.approx(8.63636, rel=1e-5)
    # x(1.1) = 9.5 × (1.1 + 1.1 e^-1 − 1.1) = 9.5 × 1.1 × 0.36788 = 3.8443 m
    assert curve.distance_at(1.1) == pytest.approx(3.84431, rel=1e-5)


@pytest.mark.parametrize("distance", [0.5, 5, 10, 30, 60, 100])
def test_time_at_a_distance_undoes_distance_at_a_time(distance):
    curve = SpeedCurve(max_speed=9.5, tau=1.1)
    assert curve.distance_at(curve.time_at(distance)) == pytest.approx(distance, rel=1e-12)


# --- The fit recovers known runners ----------------------------------------------------------


@pytest.mark.parametrize(("mss", "tau"), RUNNERS)
@pytest.mark.parametrize("gates", [FOUR_GATES, SIX_GATES, (10, 30)], ids=["4 gates", "6 gates", "2 gates"])
def test_exact_splits_are_fitted_back_to_the_runner_who_made_them(mss, tau, gates):
    result = fit(splits_of(SpeedCurve(mss, tau), gates))
    assert result.curve.max_speed == pytest.approx(mss, rel=1e-6)
    assert result.curve.tau == pytest.approx(tau, rel=1e-6)
    assert result.largest_residual < 1e-6
    assert result.tau_at_edge is None


@pytest.mark.parametrize(("mss", "tau"), RUNNERS)
def test_splits_rounded_to_the_hundredth_like_a_timing_gate_shows_them_are_fitted_within_1_percent(mss, tau):
    rounded = [Split(s.distance, round(s.time, 2)) for s in splits_of(SpeedCurve(mss, tau), SIX_GATES)]
    result = fit(rounded)
    assert result.curve.max_speed == pytest.approx(mss, rel=0.01)
    assert result.curve.tau == pytest.approx(tau, rel=0.01)


@pytest.mark.parametrize(("mss", "tau"), RUNNERS)
def test_splits_with_timing_noise_of_a_hundredth_are_fitted_within_1_percent_of_top_speed(mss, tau):
    """±0.01 s of noise on six gates, 20 seeded draws.

    MSS and the whole speed curve come back within 1 %. τ is the less well-determined number:
    the same noise moves it by up to about 2.5 %, so it is held to 3 % here (the explanation
    tells readers so).
    """
    truth = SpeedCurve(mss, tau)
    for seed in range(20):
        draw = random.Random(seed)
        result = fit(splits_of(truth, SIX_GATES, noise=lambda: draw.uniform(-0.01, 0.01)))
        found = result.curve
        assert found.max_speed == pytest.approx(mss, rel=0.01), seed
        worst = max(abs(found.speed_at(t / 100) - truth.speed_at(t / 100)) for t in range(801))
        assert worst <= 0.01 * mss, seed
        assert found.tau == pytest.approx(tau, rel=0.03), seed


@pytest.mark.parametrize(("mss", "tau"), RUNNERS)
@pytest.mark.parametrize(("gates", "noise_seconds"), [(FOUR_GATES, 0.002), (SIX_GATES, 0.003)], ids=["4 gates ±2 ms", "6 gates ±3 ms"])
def test_splits_with_electronic_timing_gate_noise_are_fitted_within_1_percent(mss, tau, gates, noise_seconds):
    """Electronic gates time to the millisecond: with a few ms of noise, 100 seeded draws, both
    MSS and τ come back within 1 % (the worst seen is 0.82 %, τ on four gates)."""
    truth = SpeedCurve(mss, tau)
    for seed in range(100):
        draw = random.Random(seed)
        found = fit(splits_of(truth, gates, noise=lambda: draw.uniform(-noise_seconds, noise_seconds))).curve
        assert found.max_speed == pytest.approx(mss, rel=0.01), seed
        assert found.tau == pytest.approx(tau, rel=0.01), seed


def test_the_fit_is_the_least_squares_curve_no_tau_or_top_speed_nearby_does_better():
    draw = random.Random(7)
    splits = splits_of(SpeedCurve(9.5, 1.1), FOUR_GATES, noise=lambda: draw.uniform(-0.02, 0.02))
    found = fit(splits)
    best = found.sum_of_squares
    # Every τ on a fine grid over the whole bracket, each with its best MSS, fits no better ...
    for index in range(2801):
        tau = 0.2 + index * 0.001
        assert sum_of_squares(splits, curve_for_tau(splits, tau)) >= best - 1e-15
    # ... and neither does nudging MSS away from the closed form at the fitted τ.
    for nudge in (0.99, 0.999, 1.001, 1.01):
        nudged = SpeedCurve(found.curve.max_speed * nudge, found.curve.tau)
        assert sum_of_squares(splits, nudged) > best


def test_the_published_worked_example_of_the_shorts_package():
    """Kimberley's splits from the README of the R package shorts (Jovanović and Vescovi 2022).

    shorts fits the exact time residuals with nonlinear least squares and prints MSS 8.5911,
    TAU 0.8113 and residuals −0.053 −0.004 0.020 0.027 0.014 −0.022; the first-order time fit
    here lands within 0.1 % and 0.2 % of those, with residuals that agree to within 1.5 ms.
    """
    kimberley = [Split(5, 1.158), Split(10, 1.893), Split(15, 2.541), Split(20, 3.149), Split(30, 4.313), Split(40, 5.444)]
    result = fit(kimberley)
    assert result.curve.max_speed == pytest.approx(8.5911, rel=0.001)
    assert result.curve.tau == pytest.approx(0.8113, rel=0.002)
    published = [-0.053, -0.004, 0.020, 0.027, 0.014, -0.022]
    assert [s.residual for s in result.splits] == pytest.approx(published, abs=0.0015)


# --- Force, velocity and power follow from the curve as the method defines them ----------------


def test_without_air_resistance_the_line_is_exact_f0_is_mass_times_mss_over_tau():
    # With Cd = 0, F_H = m a(t) = m (MSS − v) / τ: a straight line in v, so
    # F0 = m MSS / τ = 75 × 9.5 / 1.1 = 647.73 N, V0 = MSS = 9.5 m/s, Pmax = F0 V0 / 4 = 1538.35 W.
    still = PARAMETERS.method.__class__(**{**PARAMETERS.method.__dict__, "drag_coefficient": 0.0})
    mechanics = sprint_mechanics(SpeedCurve(9.5, 1.1), Athlete(75, 1.8), Air(20, 1013), still)
    assert mechanics.max_force == pytest.approx(647.727, rel=1e-6)
    assert mechanics.max_force_per_kg == pytest.approx(9.5 / 1.1, rel=1e-9)
    assert mechanics.max_velocity == pytest.approx(9.5, rel=1e-9)
    assert mechanics.max_power == pytest.approx(647.727 * 9.5 / 4, rel=1e-6)
    assert mechanics.force_velocity_slope == pytest.approx(-(9.5 / 1.1) / 9.5, rel=1e-9)  # −1/τ


def test_air_density_and_frontal_area_by_hand():
    # ρ = 1.293 × (1013 hPa ÷ 1.33322 hPa/Torr ÷ 760) × 273 / 293 = 1.293 × 0.999753 × 0.931741 = 1.20444
    assert air_density(Air(20, 1013), PARAMETERS.method) == pytest.approx(1.20444, rel=1e-5)
    # 760 Torr = 1013.25 hPa at 0 °C is the reference density itself.
    assert air_density(Air(0, 760 * HECTOPASCALS_PER_TORR), PARAMETERS.method) == pytest.approx(1.293)
    # Af = 0.2025 × 1.8^0.725 × 75^0.425 × 0.266 = 0.2025 × 1.53134 × 6.26471 × 0.266 = 0.51675 m²
    assert frontal_area(Athlete(75, 1.8), PARAMETERS.method) == pytest.approx(0.51675, rel=1e-4)


@pytest.mark.parametrize(("mss", "tau"), RUNNERS)
def test_f0_v0_pmax_rf_and_drf_are_the_methods_own_steps_from_the_fitted_curve(mss, tau):
    """Redo Samozino et al. (2016) by hand on the curve fitted to the runner's splits."""
    body_mass, height, temperature, pressure = 72.0, 1.78, 24.0, 1005.0
    answer = CALCULATOR.evaluate(
        inputs_for(
            [(s.distance, f"{s.time:.4f}") for s in splits_of(SpeedCurve(mss, tau), SIX_GATES)],
            body_mass="72", height="178", temperature="24", pressure="1005",
        )
    )
    assert answer.errors == {}
    curve = answer.result.fit.curve
    got = answer.result.mechanics

    rho = 1.293 * (pressure / (1013.25 / 760) / 760) * (273 / (273 + temperature))
    area = 0.2025 * height**0.725 * body_mass**0.425 * 0.266
    k = 0.5 * rho * area * 0.9
    times = [i * 0.01 for i in range(601)]
    speeds = [curve.max_speed * (1 - math.exp(-t / curve.tau)) for t in times]
    forces = [body_mass * (curve.max_speed / curve.tau) * math.exp(-t / curve.tau) + k * v**2 for t, v in zip(times, speeds)]
    slope, f0 = statistics.linear_regression(speeds, forces)
    v0 = -f0 / slope
    ratios = [f / math.hypot(f, body_mass * 9.81) for f in forces]
    later = [i for i, t in enumerate(times) if t >= 0.3 - 1e-9]
    drf, _ = statistics.linear_regression([speeds[i] for i in later], [ratios[i] for i in later])

    assert got.drag_factor == pytest.approx(k, rel=1e-12)
    assert got.max_force == pytest.approx(f0, rel=1e-9)
    assert got.max_force_per_kg == pytest.approx(f0 / body_mass, rel=1e-9)
    assert got.max_velocity == pytest.approx(v0, rel=1e-9)
    assert got.max_power == pytest.approx(f0 * v0 / 4, rel=1e-9)
    assert got.max_power_per_kg == pytest.approx(f0 * v0 / 4 / body_mass, rel=1e-9)
    assert got.force_velocity_slope == pytest.approx(-(f0 / body_mass) / v0, rel=1e-9)
    assert got.max_force_ratio == pytest.approx(max(ratios[i] for i in later), rel=1e-12)
    assert got.force_ratio_decrease == pytest.approx(drf, rel=1e-9)
    # And the runner's own numbers come through the fit: F0 is close to m × MSS / τ plus a little air.
    assert f0 == pytest.approx(body_mass * mss / tau, rel=0.03)


def test_the_force_velocity_profile_of_the_published_worked_example():
    """shorts' make_FV_profile for Kimberley (MSS 8.5911, TAU 0.8113, 60 kg, 1.70 m, 25 °C, 760 Torr)
    prints F0 6.3e+02, F0_rel 1.1e+01, V0 8.8, Pmax 1.4e+03, Pmax_relative 2.3e+01, FV_slope −1.2,
    RFmax 0.60 and Drf −0.10: ours agree to the two figures printed."""
    got = sprint_mechanics(SpeedCurve(8.5911, 0.8113), Athlete(60, 1.7), Air(25, 760 * HECTOPASCALS_PER_TORR), PARAMETERS.method)

    def two_figures(value: float) -> float:
        return float(f"{value:.2g}")

    assert two_figures(got.max_force) == 630
    assert two_figures(got.max_force_per_kg) == 11
    assert two_figures(got.max_velocity) == 8.8
    assert two_figures(got.max_power) == 1400
    assert two_figures(got.max_power_per_kg) == 23
    assert two_figures(got.force_velocity_slope) == -1.2
    assert two_figures(got.max_force_ratio) == 0.60
    assert two_figures(got.force_ratio_decrease) == -0.10


# --- The default example as the reader sees it ---------------------------------------------


def test_the_default_example_a_75_kg_athlete_near_9_5_metres_per_second():
    answer = calculators.run(SLUG, {})
    assert answer["ok"] is True and answer["errors"] == {}
    page = BeautifulSoup(answer["html"], "html.parser")
    assert page.select_one(".aq-result__headline").get_text() == "Maximal sprinting speed: 9.51 m/s (34.2 km/h, 21.3 mph)"
    summary = {div.dt.get_text(): div.dd.get_text() for div in page.select(".aq-result__summary > div")}
    assert summary == {
        "τ (tau), time to 63 % of top speed": "1.10 s",
        "Maximal acceleration, a_max = MSS ÷ τ": "8.65 m/s²",
        "F0, maximal horizontal force": "641 N (8.55 N/kg)",
        "V0, speed at zero force": "9.88 m/s",
        "Pmax, maximal horizontal power": "1584 W (21.13 W/kg)",
        "S_FV, force-velocity slope": "−0.86 N/kg per m/s",
        "RFmax, highest ratio of forces": "55.8 %",
        "DRF, change in RF per m/s": "−7.69 % per m/s",
    }
    rows = [[cell.get_text() for cell in row.select("th, td")] for row in page.select("table tbody tr")]
    assert rows == [
        ["5 m", "1.280 s", "1.283 s", "−0.003 s", "3.91 m/s"],
        ["10 m", "1.970 s", "1.968 s", "+0.002 s", "7.25 m/s"],
        ["20 m", "3.140 s", "3.139 s", "+0.001 s", "8.55 m/s"],
        ["30 m", "4.230 s", "4.231 s", "−0.001 s", "9.17 m/s"],
    ]
    assert "Air: 20 °C (assumed), 1013 hPa (assumed), density 1.204 kg/m³" in answer["html"]


def test_two_charts_each_with_a_text_equivalent():
    page = BeautifulSoup(calculators.run(SLUG, {})["html"], "html.parser")
    speed, force = page.select("figure.aq-chart svg")
    assert speed.title.get_text() == "Speed over time: the fitted curve and the measured mean speeds"
    assert "Measured mean speeds between gates: 0 to 5 m 3.91 m/s; 5 to 10 m 7.25 m/s" in speed.desc.get_text()
    assert len(speed.select("line.aq-chart__series--1")) == 4 + 1  # four gates, plus the legend's sample
    assert force.title.get_text() == "Horizontal force against speed: the force-velocity profile"
    assert force.desc.get_text().startswith("The force-velocity line falls from F0 = 641 N at 0 m/s to zero force at V0 = 9.88 m/s.")
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)) and all(i.startswith("sprint_profile-") for i in ids)


def test_given_air_replaces_the_assumed_air_and_changes_the_force():
    thin = calculators.run(SLUG, {"temperature": "30", "pressure": "800"})
    assert thin["ok"] is True
    # ρ = 1.293 × (800 ÷ 1013.25) × 273 / 303 = 1.293 × 0.789539 × 0.900990 = 0.91979 kg/m³
    assert "Air: 30 °C, 800 hPa, density 0.920 kg/m³" in thin["html"]
    default = CALCULATOR.evaluate({}).result.mechanics
    thinner = CALCULATOR.evaluate({"temperature": "30", "pressure": "800"}).result.mechanics
    # k scales with density: 0.91980 / 1.20444 of the default.
    assert thinner.drag_factor == pytest.approx(default.drag_factor * 0.91980 / 1.20444, rel=1e-4)
    assert thinner.max_force != default.max_force


def test_only_two_splits_are_enough():
    answer = calculators.run(SLUG, inputs_for([(10, "1.97"), (30, "4.23")]))
    assert answer["ok"] is True
    assert len(BeautifulSoup(answer["html"], "html.parser").select("table tbody tr")) == 2


def test_six_splits_and_empty_rows_between_them():
    splits = [(5, "1.28"), (10, "1.97"), (20, "3.14"), ("", ""), (30, "4.23"), (40, "5.28")]
    answer = calculators.run(SLUG, inputs_for(splits))
    assert answer["ok"] is True, answer["errors"]
    assert [row.th.get_text() for row in BeautifulSoup(answer["html"], "html.parser").select("table tbody tr")] == [
        "5 m", "10 m", "20 m", "30 m", "40 m",
    ]


# --- Bad input: a plain message on the right field, never a crash ---------------------------


@pytest.mark.parametrize(
    ("inputs", "errors"),
    [
        (
            {"split_3_distance": "8"},
            {"split_3_distance": "Each split must be further from the start than the one before: 8 m comes after 10 m."},
        ),
        (
            {"split_2_time": "1.2"},
            {"split_2_time": "Each time must be later than the one before: 1.2 s comes after 1.28 s."},
        ),
        ({"split_3_time": ""}, {"split_3_time": "Enter the time at 20 m, or clear the distance of split 3."}),
        ({"split_5_time": "5.3"}, {"split_5_distance": "Enter the distance of split 5, or clear its time."}),
        (
            {"split_2_distance": "", "split_2_time": ""},
            {"split_2_distance": "Split 2 distance is needed.", "split_2_time": "Split 2 time is needed."},
        ),
        (
            {"split_4_time": "3.9"},
            {"split_4_time": "20 to 30 m in 0.76 s is 13.2 m/s, faster than 13 m/s, beyond any recorded sprint: check the distance and the time."},
        ),
        (
            {"split_1_time": "0.7"},
            {"split_1_time": "5 m in 0.7 s from a standing start takes an acceleration of at least 20.4 m/s², more than 16 m/s², beyond any sprinter: check the first split."},
        ),
        (
            {"split_1_time": "0.9", "split_2_time": "1.3", "split_3_time": "2.1", "split_4_time": "2.9"},
            {"split_4_time": "These splits lead to a top speed of 13.6 m/s, faster than 13 m/s, beyond any recorded sprint: check the distances and times."},
        ),
        (
            {"split_1_time": "1.0", "split_2_time": "2.0", "split_3_time": "4.0", "split_4_time": "6.0"},
            {"split_1_time": "These splits put the runner at top speed almost at once (τ at its lower limit of 0.2 s), which a standing start does not allow: check the first split."},
        ),
        (
            {"split_1_time": "2.0", "split_2_time": "2.6", "split_3_time": "3.8", "split_4_time": "5.0"},
            {"split_4_time": "No speed curve fits these splits: τ reached its upper limit of 3 s, as when the runner is still speeding up at the last gate or the first split is very slow. Check the times, or add a longer split."},
        ),
        ({"height": "1.80"}, {"height": "Height must be between 120 and 230 cm."}),
        ({"body_mass": "0"}, {"body_mass": "Body mass must be between 30 and 200 kg."}),
        ({"pressure": "29.9"}, {"pressure": "Air pressure must be between 500 and 1100 hPa."}),
        ({"temperature": "warm"}, {"temperature": "Enter a number, like 72.5."}),
        ({"split_1_distance": "-5"}, {"split_1_distance": "Split 1 distance must be more than 0 and at most 100 m."}),
    ],
)
def test_bad_splits_get_a_plain_message_on_the_field_to_fix(inputs, errors):
    answer = calculators.run(SLUG, inputs)
    assert answer["ok"] is False
    assert answer["errors"] == errors
    assert "need" in answer["html"] and "attention" in answer["html"]


def test_a_bad_split_keeps_every_other_value_as_typed():
    answer = calculators.run(SLUG, {"split_2_time": "abc", "body_mass": "80,5"})
    assert answer["errors"] == {"split_2_time": "Enter a number, like 72.5."}
    assert answer["values"]["split_2_time"] == "abc"
    assert answer["values"]["body_mass"] == "80.5"
    assert answer["values"]["split_4_time"] == "4.23"


TEXTS = st.one_of(
    st.text(max_size=10),
    st.from_regex(r"-?[0-9]{0,3}([.,][0-9]{0,3})?", fullmatch=True),
    st.sampled_from(["", "0", "NaN", "inf", "1e3", "<script>", "5", "10", "1.5", "3.1"]),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(INPUT_NAMES), TEXTS))
def test_any_text_in_any_field_gives_an_answer_never_an_exception(inputs):
    answer = calculators.run(SLUG, inputs)
    assert json.loads(json.dumps(answer)) == answer
    assert answer["ok"] is (answer["errors"] == {})
    assert set(answer["errors"]) <= set(INPUT_NAMES)


@settings(max_examples=200, deadline=None)
@given(
    times=st.lists(st.floats(min_value=0.3, max_value=8.0), min_size=2, max_size=6, unique=True),
    distances=st.lists(st.integers(min_value=1, max_value=100), min_size=2, max_size=6, unique=True),
)
def test_any_increasing_splits_either_fit_or_get_a_message_never_a_crash(times, distances):
    count = min(len(times), len(distances))
    splits = list(zip(sorted(distances)[:count], [f"{t:.2f}" for t in sorted(times)[:count]]))
    answer = calculators.run(SLUG, inputs_for(splits))
    assert json.loads(json.dumps(answer)) == answer
    if answer["ok"]:
        assert "Maximal sprinting speed" in answer["html"]
        assert "nan" not in answer["html"].lower().replace("nanc", "")


@settings(max_examples=100, deadline=None)
@given(mss=st.floats(min_value=5.0, max_value=12.0), tau=st.floats(min_value=0.5, max_value=2.0))
def test_any_plausible_runner_is_found_again_from_exact_splits(mss, tau):
    result = fit(splits_of(SpeedCurve(mss, tau), FOUR_GATES))
    assert result.curve.max_speed == pytest.approx(mss, rel=1e-5)
    assert result.curve.tau == pytest.approx(tau, rel=1e-5)


def test_text_typed_into_the_form_is_never_markup():
    answer = calculators.run(SLUG, {"split_1_distance": "<script>alert(1)</script>", "height": '"><img src=x>'})
    assert "<script>" not in answer["html"] and "<img" not in answer["html"]
    form = calculators.form_html(SLUG, answer["values"], answer["errors"])
    assert "<script>" not in form and "<img" not in form


# --- The explanation and the tunable numbers -----------------------------------------------


def test_the_explanation_states_the_fit_the_method_the_constants_and_the_sources():
    page = BeautifulSoup(calculators.explanation_html(SLUG), "html.parser")
    text = page.get_text()
    assert "About this model." in text
    assert "least squares on time" in text
    assert "F_H(t) = m × a(t) + F_air(t)" in text
    assert "Pmax = F0 × V0 ÷ 4" in text
    assert "τ is searched from 0.2 to 3 s" in text
    sources = [item.get_text() for item in page.select(".aq-explanation__sources li")]
    assert sources[0].startswith("Samozino, Rabita, Dorel, Slawinski, Peyrot, Saez de Villarreal and Morin (2016)")
    assert any(source.startswith("Jovanović and Vescovi (2022)") for source in sources)


def test_changing_a_constant_in_the_toml_changes_the_result_with_no_code_change(tmp_path):
    tuned = tmp_path / "parameters.toml"
    tuned.write_text(
        PACKAGED_TOML.read_text(encoding="utf-8").replace("drag_coefficient = 0.9", "drag_coefficient = 0.0"),
        encoding="utf-8",
    )
    still_air = make_calculator(load_parameters(tuned)).evaluate({}).result
    # No air resistance: F0 = m × MSS / τ exactly.
    curve = still_air.fit.curve
    assert still_air.mechanics.max_force == pytest.approx(75 * curve.max_speed / curve.tau, rel=1e-9)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("tau_max_s = 3.0", "tau_max_s = 0.1"), r"fit\.tau_max_s must be more than 0\.2"),
        (("drag_coefficient = 0.9", "drag_coefficient = -0.9"), r"method\.drag_coefficient must not be negative"),
        (("grid_points = 60", "grid_points = 6.5"), r"fit\.grid_points must be a whole number"),
        (("time_step_s = 0.01", "time_step_s = 3"), r"method\.time_step_s must be at most 0\.6"),
        (("gravity_m_per_s2 = 9.81", "gravity = 9.81"), r"method\.gravity is not a known setting"),
        (("default_pressure_hpa = 1013.0", "default_pressure_hpa = 2000.0"), r"air\.default_pressure_hpa must be at most 1100"),
    ],
)
def test_a_mistake_in_the_toml_names_the_key_to_fix(change, message):
    text = PACKAGED_TOML.read_text(encoding="utf-8").replace(*change)
    with pytest.raises(ParameterError, match=message):
        parameters_from_toml(tomllib.loads(text))
