"""Horizontal force, power and force application from the fitted speed curve.

The simple field method of Samozino et al. (2016), applied to the runner's centre of mass and
averaged over each step, sampled every `time_step` seconds from the start:

    air resistance      F_air(t) = k × v(t)²                        (still air)
                        k = ½ × ρ × Af × Cd
                        Af = 0.2025 × h^0.725 × m^0.425 × 0.266      (frontal area, m²)
                        ρ = ρ0 × (P / 760) × 273 / (273 + T)         (P in Torr, T in °C)
    horizontal force    F_H(t) = m × a(t) + F_air(t)
    power               P_H(t) = F_H(t) × v(t)
    force-velocity      F_H = F0 + slope × v, a straight line fitted by least squares:
                        V0 = −F0 / slope, Pmax = F0 × V0 / 4, S_FV = −(F0 / m) / V0
    ratio of forces     RF(t) = F_H / √(F_H² + (m g)²), from `force_ratio_from` seconds on:
                        RFmax is its highest value, DRF the slope of RF against v.

The sampling (0 to 6 s every 0.01 s) and the 0.3 s start of RF follow the open-source
implementation in the R package shorts (Jovanović and Vescovi 2022); all of it is set in
sprint_profile.toml.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.core.numerics import StraightLine, straight_line_fit
from calculators.core.units import torr
from calculators.sprint_profile.model import SpeedCurve

STANDARD_PRESSURE_TORR = 760.0
ZERO_CELSIUS_IN_KELVIN = 273.0
"""As in the method's density formula (273, not 273.15)."""


@dataclass(frozen=True)
class Athlete:
    """The sprinter, as the air resistance and power figures need them."""

    body_mass: float
    """kg"""
    height: float
    """m"""


@dataclass(frozen=True)
class Air:
    """The air at the track, which sets its density and so the drag on the sprinter."""

    temperature: float
    """°C"""
    pressure: float
    """hPa (the barometer's reading at the track, not corrected to sea level)"""


@dataclass(frozen=True)
class MechanicsSettings:
    """The method's constants and sampling (from sprint_profile.toml)."""

    drag_coefficient: float
    air_density_reference: float
    """ρ0: the density of dry air at 0 °C and 760 Torr, kg/m³."""
    body_surface_coefficient: float
    height_exponent: float
    mass_exponent: float
    frontal_area_fraction: float
    gravity: float
    time_step: float
    duration: float
    force_ratio_from: float


@dataclass(frozen=True)
class Sample:
    """The modelled sprint at one moment."""

    time: float
    speed: float
    acceleration: float
    air_resistance: float
    horizontal_force: float
    power: float
    force_ratio: float


@dataclass(frozen=True)
class Mechanics:
    """The force-velocity-power profile and the ratio of forces of one sprint."""

    athlete: Athlete
    air: Air
    air_density: float
    frontal_area: float
    drag_factor: float
    samples: tuple[Sample, ...]
    force_velocity: StraightLine
    """Horizontal force (N) against speed (m/s)."""
    force_ratio_velocity: StraightLine
    """RF (0 to 1) against speed (m/s), from `force_ratio_from` seconds on."""
    max_force_ratio: float

    @property
    def max_force(self) -> float:
        """F0: the horizontal force the line gives at zero speed, N."""
        return self.force_velocity.intercept

    @property
    def max_force_per_kg(self) -> float:
        return self.max_force / self.athlete.body_mass

    @property
    def max_velocity(self) -> float:
        """V0: the speed at which the line reaches zero force, m/s."""
        return self.force_velocity.x_intercept

    @property
    def max_power(self) -> float:
        """Pmax = F0 × V0 / 4: the top of the power-velocity parabola, W."""
        return self.max_force * self.max_velocity / 4.0

    @property
    def max_power_per_kg(self) -> float:
        return self.max_power / self.athlete.body_mass

    @property
    def force_velocity_slope(self) -> float:
        """S_FV = −(F0 / m) / V0, in N/kg per m/s (negative: less force at higher speed)."""
        return -self.max_force_per_kg / self.max_velocity

    @property
    def force_ratio_decrease(self) -> float:
        """DRF: the change in RF per 1 m/s of speed (negative: RF falls as speed rises)."""
        return self.force_ratio_velocity.slope


def air_density(air: Air, settings: MechanicsSettings) -> float:
    """ρ = ρ0 × (P / 760 Torr) × 273 / (273 + T), kg/m³: about 1.20 at 20 °C and 1013 hPa."""
    return (
        settings.air_density_reference
        * (torr(air.pressure) / STANDARD_PRESSURE_TORR)
        * (ZERO_CELSIUS_IN_KELVIN / (ZERO_CELSIUS_IN_KELVIN + air.temperature))
    )


def frontal_area(athlete: Athlete, settings: MechanicsSettings) -> float:
    """Af: the runner's frontal area, m², as a share of body surface area (from height and mass)."""
    surface = (
        settings.body_surface_coefficient
        * athlete.height**settings.height_exponent
        * athlete.body_mass**settings.mass_exponent
    )
    return surface * settings.frontal_area_fraction


def drag_factor(athlete: Athlete, air: Air, settings: MechanicsSettings) -> float:
    """k = ½ × ρ × Af × Cd, so that air resistance is k × v², N."""
    return 0.5 * air_density(air, settings) * frontal_area(athlete, settings) * settings.drag_coefficient


def sample_times(settings: MechanicsSettings) -> list[float]:
    """0, step, 2 × step, ... up to the duration (counted in whole steps, so no drift)."""
    count = int(round(settings.duration / settings.time_step))
    return [index * settings.time_step for index in range(count + 1)]


def sprint_mechanics(curve: SpeedCurve, athlete: Athlete, air: Air, settings: MechanicsSettings) -> Mechanics:
    """Sample the modelled sprint and fit its force-velocity and ratio-of-forces lines."""
    k = drag_factor(athlete, air, settings)
    weight = athlete.body_mass * settings.gravity
    samples = []
    for time in sample_times(settings):
        speed = curve.speed_at(time)
        acceleration = curve.acceleration_at(time)
        drag = k * speed * speed
        force = athlete.body_mass * acceleration + drag
        samples.append(
            Sample(
                time=time,
                speed=speed,
                acceleration=acceleration,
                air_resistance=drag,
                horizontal_force=force,
                power=force * speed,
                force_ratio=force / math.hypot(force, weight),
            )
        )
    force_velocity = straight_line_fit([s.speed for s in samples], [s.horizontal_force for s in samples])
    later = [s for s in samples if s.time >= settings.force_ratio_from - 1e-9]
    force_ratio_velocity = straight_line_fit([s.speed for s in later], [s.force_ratio for s in later])
    return Mechanics(
        athlete=athlete,
        air=air,
        air_density=air_density(air, settings),
        frontal_area=frontal_area(athlete, settings),
        drag_factor=k,
        samples=tuple(samples),
        force_velocity=force_velocity,
        force_ratio_velocity=force_ratio_velocity,
        max_force_ratio=max(s.force_ratio for s in later),
    )
