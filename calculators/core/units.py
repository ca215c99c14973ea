"""Unit conversions readers expect to see side by side (standard definitions, not tunable numbers)."""

from __future__ import annotations

KM_PER_HOUR_IN_METRES_PER_SECOND = 3.6
"""1 m/s is 3.6 km/h (3600 s per hour, 1000 m per km)."""

METRES_PER_SECOND_IN_A_MILE_PER_HOUR = 0.44704
"""1 mph is exactly 0.44704 m/s (1609.344 m per mile, 3600 s per hour)."""

HECTOPASCALS_PER_TORR = 1013.25 / 760
"""1 Torr is 1/760 of a standard atmosphere (1013.25 hPa)."""

MILLISECONDS_PER_SECOND = 1000.0

KGF_IN_NEWTONS = 9.80665
"""One kilogram-force in newtons (the standard definition, not a tunable number)."""

METRES_PER_YARD = 0.9144
"""1 yard is exactly 0.9144 m (the international yard of 1959)."""


def km_per_hour(metres_per_second: float) -> float:
    """A speed in km/h: 10 m/s is 36 km/h."""
    return metres_per_second * KM_PER_HOUR_IN_METRES_PER_SECOND


def miles_per_hour(metres_per_second: float) -> float:
    """A speed in mph: 10 m/s is about 22.37 mph."""
    return metres_per_second / METRES_PER_SECOND_IN_A_MILE_PER_HOUR


def torr(hectopascals: float) -> float:
    """A barometric pressure in Torr (mmHg), as air-density formulas often want: 1013.25 hPa is 760 Torr."""
    return hectopascals / HECTOPASCALS_PER_TORR


def in_milliseconds(seconds: float) -> float:
    """A time in milliseconds: 0.1 s is 100 ms."""
    return seconds * MILLISECONDS_PER_SECOND


def in_seconds(milliseconds: float) -> float:
    """A time in seconds: 100 ms is 0.1 s."""
    return milliseconds / MILLISECONDS_PER_SECOND


def yards_in_metres(yards: float) -> float:
    """A distance in yards as metres: 40 yd is 36.576 m."""
    return yards * METRES_PER_YARD
