"""Small numerical tools the models need, written out so they run anywhere Python does.

Sums go through `math.fsum` (exactly rounded), so a result does not depend on the order of
additions or on the Python version: CPython at build time and Pyodide in the browser agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

INVERSE_GOLDEN_RATIO = (math.sqrt(5.0) - 1.0) / 2.0
"""0.618...: each golden-section step keeps this share of the interval."""


@dataclass(frozen=True)
class Minimum:
    """Where a function of one variable was found lowest, its value there, and how many steps it took."""

    at: float
    value: float
    steps: int


@dataclass(frozen=True)
class StraightLine:
    """y = intercept + slope × x, fitted by least squares."""

    slope: float
    intercept: float

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x

    @property
    def x_intercept(self) -> float:
        """Where the line crosses y = 0 (infinite for a flat line)."""
        return -self.intercept / self.slope if self.slope != 0 else math.inf


def golden_section_minimum(
    function: Callable[[float], float],
    low: float,
    high: float,
    *,
    tolerance: float,
    max_steps: int = 200,
) -> Minimum:
    """The minimum of a function that has a single dip between `low` and `high`.

    Each step narrows the interval to 0.618 of its width, so about 40 steps take a 3-unit
    interval below 1e-7. Stops when the interval is narrower than `tolerance` or after `max_steps`.
    """
    a, b = low, high
    c = b - INVERSE_GOLDEN_RATIO * (b - a)
    d = a + INVERSE_GOLDEN_RATIO * (b - a)
    fc, fd = function(c), function(d)
    steps = 0
    while b - a > tolerance and steps < max_steps:
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - INVERSE_GOLDEN_RATIO * (b - a)
            fc = function(c)
        else:
            a, c, fc = c, d, fd
            d = a + INVERSE_GOLDEN_RATIO * (b - a)
            fd = function(d)
        steps += 1
    at = (a + b) / 2
    return Minimum(at=at, value=function(at), steps=steps)


def bracketed_minimum(
    function: Callable[[float], float],
    low: float,
    high: float,
    *,
    tolerance: float,
    grid_points: int,
) -> Minimum:
    """The lowest point of a function on [low, high], even when it has more than one dip.

    A grid of `grid_points` evenly spaced values finds the lowest neighbourhood; a golden-section
    search then refines it between the grid points either side. The answer never leaves the bracket.
    """
    if grid_points < 3:
        raise ValueError("grid_points must be at least 3")
    width = (high - low) / (grid_points - 1)
    grid = [low + index * width for index in range(grid_points)]
    values = [function(x) for x in grid]
    best = min(range(grid_points), key=lambda index: (values[index], index))
    left = grid[max(best - 1, 0)]
    right = grid[min(best + 1, grid_points - 1)]
    refined = golden_section_minimum(function, left, right, tolerance=tolerance)
    if values[best] < refined.value:
        return Minimum(at=grid[best], value=values[best], steps=refined.steps)
    return refined


def straight_line_fit(xs: Sequence[float], ys: Sequence[float]) -> StraightLine:
    """The least-squares straight line through the points (xs[i], ys[i]); needs two distinct xs."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("a straight line needs at least two points, as many xs as ys")
    count = len(xs)
    mean_x = math.fsum(xs) / count
    mean_y = math.fsum(ys) / count
    spread_x = math.fsum((x - mean_x) ** 2 for x in xs)
    if spread_x == 0:
        raise ValueError("a straight line needs at least two different xs")
    covariance = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    slope = covariance / spread_x
    return StraightLine(slope=slope, intercept=mean_y - slope * mean_x)
