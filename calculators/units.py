"""Unit conversions readers expect to see side by side (standard definitions, not tunable numbers)."""

from __future__ import annotations

KM_PER_HOUR_IN_METRES_PER_SECOND = 3.6
"""1 m/s is 3.6 km/h (3600 s per hour, 1000 m per km)."""

METRES_PER_SECOND_IN_A_MILE_PER_HOUR = 0.44704
"""1 mph is exactly 0.44704 m/s (1609.344 m per mile, 3600 s per hour)."""

HECTOPASCALS_PER_TORR = 1013.25 / 760
"""1 Torr is 1/760 of a standard atmosphere (1013.25 hPa)."""

MILLISECONDS_PER_SECOND = 1000.0


def km_per_hour(metres_per_second: float) -> float:
    """A speed in km/h: 10 m/s is 36 km/h."""
    return metres_per_second * KM_PER_HOUR_IN_METRES_PER_SECOND


def miles_per_hour(metres_per_second: float) -> float:
    """A speed in mph: 10 m/s is about 22.37 mph."""
    return metres_per_second / METRES_PER_SECOND_IN_A_MILE_PER_HOUR


def torr(hectopascals: float) -> float:
    """A barometric pressure in Torr (mmHg), as air-density formulas often want: 1013.25 hPa is 760 Torr."""
    return hectopascals / HECTOPASCALS_PER_TORR
