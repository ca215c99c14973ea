"""The sprint profile's "What to train next": force- or velocity-oriented against the published
ranges in parameters.toml, and which number of the profile is least certain.

The orientation is reasoned from τ alone: F0/m ≈ MSS/τ and V0 ≈ MSS, so S_FV = −(F0/m)/V0 ≈ −1/τ
(air resistance moves it by a few per cent). A runner with τ = 0.7 s has S_FV near −1.43, steeper
than any published group mean (−1.10 for men, −1.15 for women); τ = 1.6 s gives about −0.63,
flatter than any (−0.75, −0.80); τ = 1.1 s gives about −0.91, within both ranges.
"""

from __future__ import annotations

import random
import statistics

import pytest
from bs4 import BeautifulSoup

import calculators
from calculators.core.settings import ParameterError, read_parameters
from calculators.sprint_profile import distance_name, time_name
from calculators.sprint_profile.certainty import profile_certainty
from calculators.sprint_profile.mechanics import Air, Athlete, sprint_mechanics
from calculators.sprint_profile.model import SpeedCurve, Split, fit_speed_curve
from calculators.sprint_profile.params import load_parameters, parameters_from_toml

SLUG = "sprint_profile"
PARAMETERS = load_parameters()
GATES = (5, 10, 20, 30, 40)


def exact_splits(tau: float, max_speed: float = 9.0, gates=GATES) -> dict[str, str]:
    """The form's split rows for a runner who follows the speed curve exactly (unrounded times)."""
    curve = SpeedCurve(max_speed=max_speed, tau=tau)
    inputs = {}
    for row in range(1, 7):
        gate = gates[row - 1] if row <= len(gates) else None
        inputs[distance_name(row)] = "" if gate is None else str(gate)
        inputs[time_name(row)] = "" if gate is None else repr(curve.time_at(gate))
    return inputs


def reading_of(inputs: dict[str, str]) -> BeautifulSoup:
    answer = calculators.run(SLUG, {"body_mass": "75", "height": "180", **inputs})
    assert answer["ok"], answer["errors"]
    block = BeautifulSoup(answer["html"], "html.parser").select_one(".aq-result__next")
    assert block is not None
    return block


def first_point(block: BeautifulSoup) -> str:
    return " ".join(block.select_one(".aq-result__next-points > li").get_text().split())


@pytest.mark.parametrize("compare_with", ["any", "women", "men"])
def test_a_quick_starter_is_force_oriented_and_should_develop_top_speed(compare_with):
    block = reading_of({**exact_splits(tau=0.7), "compare_with": compare_with})
    point = first_point(block)
    assert point.startswith("Force-oriented.")
    assert "speed late in the sprint" in point
    assert "Flying sprint speed calculator" in point
    assert block.select_one("a")["href"] == "../../calculators/flying-sprint/"


def test_a_slow_starter_with_a_high_top_speed_is_velocity_oriented_and_should_develop_force():
    point = first_point(reading_of({**exact_splits(tau=1.6), "compare_with": "men"}))
    assert point.startswith("Velocity-oriented.")
    assert "is flatter than any published group mean (−1.10 to −0.75 for elite men" in point
    assert "force early in the sprint" in point


def test_a_middling_profile_is_neither_and_names_the_group_it_was_compared_with():
    point = first_point(reading_of({**exact_splits(tau=1.1), "compare_with": "women"}))
    assert point.startswith("Neither force- nor velocity-oriented.")
    assert "(−1.15 to −0.80 for elite women of the same sports)" in point


def test_without_a_choice_the_slope_is_compared_with_every_range_at_once():
    point = first_point(reading_of(exact_splits(tau=1.1)))
    assert "(−1.15 to −0.75 for elite men" in point and "elite women" in point


def test_the_ranges_come_with_their_citation_and_it_is_shown_in_the_explanation_and_the_reading():
    reading = PARAMETERS.reading
    assert reading is not None and {r.sex for r in reading.slope_ranges} == {"women", "men"}
    explanation = calculators.explanation_html(SLUG)
    for slope_range in reading.slope_ranges:
        assert slope_range.steepest < slope_range.flattest < 0
        assert slope_range.source.citation.startswith("Haugen, Breitschädel and Seiler (2019)")
        assert slope_range.source.citation in explanation
    assert "Haugen, Breitschädel and Seiler (2019)" in reading_of(exact_splits(tau=1.1)).get_text()


def test_a_range_without_a_known_citation_or_upside_down_stops_the_build():
    data, source = read_parameters("calculators.sprint_profile")
    men, women = data["reading"]["slope_ranges"]
    uncited = {**data, "reading": {**data["reading"], "slope_ranges": [{**men, "cites": "nobody-2020"}, women]}}
    with pytest.raises(ParameterError, match=r"slope_ranges\[0\]\.cites cites 'nobody-2020'"):
        parameters_from_toml(uncited, source)
    upside_down = {**data, "reading": {**data["reading"], "slope_ranges": [{**men, "flattest": -1.5}, women]}}
    with pytest.raises(ParameterError, match=r"slope_ranges\[0\]\.flattest must be more than -1\.1"):
        parameters_from_toml(upside_down, source)


# --- The least certain number ----------------------------------------------------------------------


def monte_carlo_spread(tau: float, noise_s: float, runs: int = 300) -> dict[str, float]:
    """Each profile number's relative spread when the same runner is timed again and again, every
    gate off by a random error of `noise_s` (standard deviation), fitted and profiled each time."""
    rng = random.Random(20261126)
    curve = SpeedCurve(max_speed=9.0, tau=tau)
    athlete, air = Athlete(75, 1.8), Air(20, 1013)
    values: dict[str, list[float]] = {"F0": [], "V0": [], "Pmax": [], "S_FV": []}
    for _ in range(runs):
        splits = [Split(d, curve.time_at(d) + rng.gauss(0, noise_s)) for d in GATES]
        found = fit_speed_curve(splits, PARAMETERS.fit)
        m = sprint_mechanics(found.curve, athlete, air, PARAMETERS.method)
        for name, value in (("F0", m.max_force), ("V0", m.max_velocity), ("Pmax", m.max_power), ("S_FV", m.force_velocity_slope)):
            values[name].append(value)
    return {name: statistics.stdev(found) / abs(statistics.mean(found)) for name, found in values.items()}


def test_the_number_named_least_certain_is_the_one_that_moves_most_when_the_same_sprint_is_retimed():
    # Timing gates off by 0.01 s (one standard deviation) at each of five gates: refit 300 times.
    spread = monte_carlo_spread(tau=1.1, noise_s=0.01)
    exact = fit_speed_curve([Split(d, SpeedCurve(9.0, 1.1).time_at(d)) for d in GATES], PARAMETERS.fit)
    estimate = profile_certainty(exact, least_timing_error=0.01)
    assert estimate is not None
    assert estimate.least_certain == max(spread, key=spread.get) == "S_FV"
    for name, measured in spread.items():
        # The estimate is a first-order one without air resistance: within a third of the spread seen.
        assert estimate.relative_errors[name] == pytest.approx(measured, rel=0.35), name


def test_the_reading_names_the_least_certain_number_with_the_largest_of_the_uncertainties_it_lists():
    block = reading_of(exact_splits(tau=1.1))
    point = " ".join(block.select(".aq-result__next-points > li")[-1].get_text().split())
    assert point.startswith("Least certain: S_FV, about ±")
    shares = [float(part.split("±")[1].split(" %")[0]) for part in point.split("(")[1].split(")")[0].split(", ")]
    named = float(point.split("about ±")[1].split(" %")[0])
    assert len(shares) == 3 and named > max(shares)
    # Exact splits sit on the curve: the estimate starts from the gates' resolution instead.
    assert "because a split time may be off by 0.01 s" in point


def test_splits_that_scatter_about_the_curve_make_every_number_less_certain():
    curve = SpeedCurve(9.0, 1.1)
    offsets = (0.02, -0.02, 0.02, -0.02, 0.02)  # far more than a gate's 0.01 s
    scattered = fit_speed_curve([Split(d, curve.time_at(d) + e) for d, e in zip(GATES, offsets)], PARAMETERS.fit)
    exact = fit_speed_curve([Split(d, curve.time_at(d)) for d in GATES], PARAMETERS.fit)
    loose, tight = profile_certainty(scattered, 0.01), profile_certainty(exact, 0.01)
    assert loose is not None and tight is not None and loose.from_scatter and not tight.from_scatter
    assert all(loose.relative_errors[name] > tight.relative_errors[name] for name in tight.relative_errors)


def test_a_stopwatch_makes_every_number_of_the_same_sprint_less_certain_than_gates():
    splits = exact_splits(tau=1.1)
    gates, stopwatch = (
        " ".join(reading_of({**splits, "timing": timing}).select(".aq-result__next-points > li")[-1].get_text().split())
        for timing in ("electronic", "hand")
    )
    assert "may be off by 0.01 s" in gates and "may be off by 0.14 s" in stopwatch
    # Every relative error scales with the timing error: 0.14 / 0.01 = 14 times as uncertain.
    assert float(stopwatch.split("about ±")[1].split(" %")[0]) > 10 * float(gates.split("about ±")[1].split(" %")[0])
