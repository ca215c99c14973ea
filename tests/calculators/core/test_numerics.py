"""The small numerical tools behind the sprint profile's fit: minimum search and straight lines."""

from __future__ import annotations

import math
import statistics

import pytest

from calculators.core.numerics import (
    bracketed_minimum,
    golden_section_minimum,
    straight_line_fit,
)


def test_golden_section_finds_the_bottom_of_a_single_dip():
    found = golden_section_minimum(lambda x: (x - 1.234) ** 2 + 5, 0.2, 3.0, tolerance=1e-9)
    # Near a minimum the function changes with the square of the distance, so doubles can place it
    # only to about the square root of their precision (1e-8), however small the tolerance.
    assert found.at == pytest.approx(1.234, abs=1e-7)
    assert found.value == pytest.approx(5)
    assert found.steps < 60  # 0.618^n × 2.8 < 1e-9 after about 46 steps


def test_golden_section_stays_inside_the_bracket_when_the_minimum_is_outside():
    found = golden_section_minimum(lambda x: x, 0.2, 3.0, tolerance=1e-9)
    assert found.at == pytest.approx(0.2, abs=1e-8)


def test_the_grid_finds_the_deeper_of_two_dips():
    def two_dips(x: float) -> float:
        return min((x - 0.5) ** 2 + 0.1, (x - 2.5) ** 2)

    found = bracketed_minimum(two_dips, 0.0, 3.0, tolerance=1e-9, grid_points=30)
    assert found.at == pytest.approx(2.5, abs=1e-7)


def test_a_straight_line_through_points_on_a_line_is_that_line():
    line = straight_line_fit([0, 1, 2, 3], [10, 8, 6, 4])
    assert (line.slope, line.intercept) == (-2, 10)
    assert line.x_intercept == 5
    assert line.at(2.5) == 5


def test_a_straight_line_fit_matches_the_standard_librarys_regression():
    xs = [0.0, 0.7, 1.9, 3.3, 4.1, 6.0]
    ys = [2.0, 2.9, 5.2, 6.1, 8.8, 11.5]
    line = straight_line_fit(xs, ys)
    slope, intercept = statistics.linear_regression(xs, ys)
    assert line.slope == pytest.approx(slope, rel=1e-12)
    assert line.intercept == pytest.approx(intercept, rel=1e-12)


def test_a_flat_line_never_reaches_zero_and_a_line_needs_two_different_points():
    assert straight_line_fit([1, 2], [3, 3]).x_intercept == math.inf
    with pytest.raises(ValueError):
        straight_line_fit([1, 1], [2, 3])
    with pytest.raises(ValueError):
        straight_line_fit([1], [2])
