"""The sprint's speed curve, fitted to split times from a standing start.

The mono-exponential model (Furusawa, Hill and Parkinson 1927; used by Samozino et al. 2016):

    speed          v(t) = MSS × (1 − e^(−t/τ))
    acceleration   a(t) = (MSS / τ) × e^(−t/τ)          (a_max = MSS / τ at the start)
    distance       x(t) = MSS × (t + τ × e^(−t/τ) − τ)

MSS is the maximal sprinting speed the runner approaches; τ (tau, in seconds) says how quickly:
after τ seconds the runner is at 63 % of MSS.

The fit is least squares on **time**, the quantity timing gates measure (their errors are errors
in time, at distances that are fixed by where the gates stand). Each split's time residual is taken
to first order: the distance residual at the measured time divided by the modelled speed there,

    rᵢ = (dᵢ − x(tᵢ)) / v(tᵢ) = (dᵢ / MSS − gᵢ) / hᵢ,   gᵢ = g(tᵢ, τ) = x(tᵢ) / MSS,   hᵢ = v(tᵢ) / MSS,

which is linear in 1 / MSS. So for a fixed τ the best MSS has a closed form,
1 / MSS = Σ (dᵢgᵢ / hᵢ²) / Σ (dᵢ² / hᵢ²), and the fit is a search over τ alone, within a bracket.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from calculators.core.numerics import bracketed_minimum


@dataclass(frozen=True)
class Split:
    """One timing gate: its distance from the start line (m) and the time when the runner passed it (s)."""

    distance: float
    time: float


@dataclass(frozen=True)
class SpeedCurve:
    """A runner's modelled speed over time: maximal sprinting speed (m/s) and τ (s)."""

    max_speed: float
    tau: float

    @property
    def max_acceleration(self) -> float:
        """a_max = MSS / τ, the acceleration at the very start, m/s²."""
        return self.max_speed / self.tau

    def speed_at(self, time: float) -> float:
        return -self.max_speed * math.expm1(-time / self.tau)

    def acceleration_at(self, time: float) -> float:
        return self.max_acceleration * math.exp(-time / self.tau)

    def distance_at(self, time: float) -> float:
        return self.max_speed * distance_shape(time, self.tau)

    def time_at(self, distance: float) -> float:
        """When the runner reaches `distance`: x(t) solved for t by Newton's method.

        x(t) is increasing and convex, so starting from t = distance / MSS + τ (always at or beyond
        the answer) each step lands closer from the same side; it never overshoots.
        """
        if distance <= 0:
            return 0.0
        time = distance / self.max_speed + self.tau
        for _ in range(100):
            speed = self.speed_at(time)
            if speed <= 0:
                break
            step = (self.distance_at(time) - distance) / speed
            time -= step
            if abs(step) <= 1e-12 * max(time, 1.0):
                break
        return time


def distance_shape(time: float, tau: float) -> float:
    """g(t, τ) = t + τ e^(−t/τ) − τ: the distance covered per 1 m/s of MSS.

    Written as τ × (x + (e^(−x) − 1)) with x = t/τ and `expm1`, which keeps full precision when
    t is small against τ (the two terms nearly cancel there).
    """
    ratio = time / tau
    return tau * (ratio + math.expm1(-ratio))


def speed_shape(time: float, tau: float) -> float:
    """h(t, τ) = 1 − e^(−t/τ): the speed at time t as a share of MSS."""
    return -math.expm1(-time / tau)


def best_max_speed(splits: Sequence[Split], tau: float) -> float:
    """For a fixed τ, the MSS that minimises the time residuals Σ rᵢ² (see the module's docstring)."""
    weighted_dg = []
    weighted_dd = []
    for split in splits:
        g, h = distance_shape(split.time, tau), speed_shape(split.time, tau)
        weighted_dg.append(split.distance * g / (h * h))
        weighted_dd.append(split.distance * split.distance / (h * h))
    return math.fsum(weighted_dd) / math.fsum(weighted_dg)


def sum_of_squares(splits: Sequence[Split], curve: SpeedCurve) -> float:
    """Σ rᵢ²: the squared time residuals (to first order) of the curve against the splits, in s²."""
    return math.fsum(
        ((split.distance - curve.distance_at(split.time)) / curve.speed_at(split.time)) ** 2 for split in splits
    )


def curve_for_tau(splits: Sequence[Split], tau: float) -> SpeedCurve:
    return SpeedCurve(max_speed=best_max_speed(splits, tau), tau=tau)


@dataclass(frozen=True)
class FitSettings:
    """Where and how finely τ is searched (from sprint_profile.toml)."""

    tau_min: float
    tau_max: float
    tau_tolerance: float
    grid_points: int
    edge_margin: float
    """A τ this close to either end of the bracket means the search ran out of room: no fit."""


@dataclass(frozen=True)
class SplitFit:
    """One split, measured and modelled."""

    split: Split
    modelled_time: float
    mean_speed: float
    """The measured mean speed since the previous split (or since the start), m/s."""

    @property
    def residual(self) -> float:
        """Measured minus modelled time, s: positive when the runner was slower than the curve."""
        return self.split.time - self.modelled_time


@dataclass(frozen=True)
class SpeedCurveFit:
    """The fitted curve, how well it fits each split, and whether τ hit the end of its bracket."""

    curve: SpeedCurve
    splits: tuple[SplitFit, ...]
    sum_of_squares: float
    tau_at_edge: str | None
    """None for a good fit; "low" or "high" when τ ended at that end of the bracket."""

    @property
    def largest_residual(self) -> float:
        return max(abs(fit.residual) for fit in self.splits)

    @property
    def root_mean_square_residual(self) -> float:
        return math.sqrt(math.fsum(fit.residual**2 for fit in self.splits) / len(self.splits))


def mean_split_speeds(splits: Sequence[Split]) -> list[float]:
    """The mean speed over each stretch between gates (the first from the start line), m/s."""
    speeds = []
    distance, time = 0.0, 0.0
    for split in splits:
        speeds.append((split.distance - distance) / (split.time - time))
        distance, time = split.distance, split.time
    return speeds


def fit_speed_curve(splits: Sequence[Split], settings: FitSettings) -> SpeedCurveFit:
    """The least-squares speed curve through two or more splits (distances and times increasing)."""
    if len(splits) < 2:
        raise ValueError("the speed curve needs at least two splits")
    found = bracketed_minimum(
        lambda tau: sum_of_squares(splits, curve_for_tau(splits, tau)),
        settings.tau_min,
        settings.tau_max,
        tolerance=settings.tau_tolerance,
        grid_points=settings.grid_points,
    )
    curve = curve_for_tau(splits, found.at)
    edge = None
    if found.at - settings.tau_min <= settings.edge_margin:
        edge = "low"
    elif settings.tau_max - found.at <= settings.edge_margin:
        edge = "high"
    fits = tuple(
        SplitFit(split=split, modelled_time=curve.time_at(split.distance), mean_speed=speed)
        for split, speed in zip(splits, mean_split_speeds(splits))
    )
    return SpeedCurveFit(curve=curve, splits=fits, sum_of_squares=found.value, tau_at_edge=edge)
