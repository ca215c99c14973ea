"""Flying sprint speed: a timed zone after a running start, in; speed, step length and rate, out.

Plain arithmetic, so every number can be checked by hand:

    speed           = zone length / zone time            (m/s; x 3.6 for km/h; / 0.44704 for mph)
    step length     = zone length / steps in the zone    (m)
    step frequency  = steps in the zone / zone time      (steps per second)

The speed is the average over the zone: the athlete's top speed when the run-in brought them to it
before the zone began. A time that may be off by u seconds puts the speed between
length / (time + u) and length / (time - u). Lengths arrive in metres (the form converts yards).
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.settings import Range
from calculators.core.sources import Source
from calculators.core.timing import Timing
from calculators.core.units import km_per_hour, miles_per_hour


@dataclass(frozen=True)
class Parameters:
    """Every tunable number of the calculator (see parameters.toml for what each one does)."""

    zone_length_m: Range
    zone_time_s: Range
    steps: Range
    fastest_speed_m_per_s: float
    longest_step_m: float
    highest_step_frequency_hz: float
    timing: Timing
    """How far a time may be off for each way of timing (no correction: a flying zone is started
    and stopped on the move, so a stopwatch's late start and early stop roughly cancel)."""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class FlyingRun:
    """One timed zone: its length in metres, the time through it, how it was timed, the steps in it."""

    zone_length: float
    zone_time: float
    timing: str
    """ELECTRONIC or HAND (core/timing.py)."""
    steps: int | None = None


@dataclass(frozen=True)
class Steps:
    """The steps counted in the zone, as length and rate."""

    count: int
    length: float
    """Metres per step."""
    frequency: float
    """Steps per second."""


@dataclass(frozen=True)
class FlyingSprint:
    """Everything the result shows."""

    run: FlyingRun
    speed: float
    """Average speed through the zone, m/s."""
    slowest_speed: float
    """The speed if the time was `uncertainty` too short."""
    fastest_speed: float
    """The speed if the time was `uncertainty` too long."""
    uncertainty: float
    steps: Steps | None

    @property
    def speed_km_per_hour(self) -> float:
        return km_per_hour(self.speed)

    @property
    def speed_miles_per_hour(self) -> float:
        return miles_per_hour(self.speed)

    @property
    def time_per_10_m(self) -> float:
        """Seconds to cover 10 m at this speed (how coaches often compare flying runs)."""
        return 10.0 / self.speed


def speed_through(run: FlyingRun, parameters: Parameters) -> FlyingSprint:
    """The whole result for one timed zone."""
    uncertainty = parameters.timing.uncertainty(run.timing)
    speed = run.zone_length / run.zone_time
    shortest_time = max(run.zone_time - uncertainty, run.zone_time / 2)  # never a time of zero or less
    steps = None
    if run.steps is not None:
        steps = Steps(count=run.steps, length=run.zone_length / run.steps, frequency=run.steps / run.zone_time)
    return FlyingSprint(
        run=run,
        speed=speed,
        slowest_speed=run.zone_length / (run.zone_time + uncertainty),
        fastest_speed=run.zone_length / shortest_time,
        uncertainty=uncertainty,
        steps=steps,
    )
