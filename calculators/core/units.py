"""Units readers type and see: quantities with exact conversion constants (standard definitions, not tunable numbers).

A `Quantity` (mass, force, length) lists the units a reader may use for it, each with its size in
the quantity's base unit (kg, N, m). A form's number field keeps its range and default in its own
metric unit; parsing reads what the reader typed in the unit they chose (or the unit they typed
after the number: "165 lb", "6 ft 2 in") and turns it into that metric unit, so every model works
in metric units only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.core.formatting import format_short

KM_PER_HOUR_IN_METRES_PER_SECOND = 3.6
"""1 m/s is 3.6 km/h (3600 s per hour, 1000 m per km)."""

METRES_PER_SECOND_IN_A_MILE_PER_HOUR = 0.44704
"""1 mph is exactly 0.44704 m/s (1609.344 m per mile, 3600 s per hour)."""

HECTOPASCALS_PER_TORR = 1013.25 / 760
"""1 Torr is 1/760 of a standard atmosphere (1013.25 hPa)."""

MILLISECONDS_PER_SECOND = 1000.0

STANDARD_GRAVITY = 9.80665
"""Standard gravity in m/s² (CGPM 1901): the weight of one kilogram under it is one kilogram-force."""

KGF_IN_NEWTONS = STANDARD_GRAVITY
"""One kilogram-force in newtons: 1 kg x 9.80665 m/s²."""

KILOGRAMS_PER_POUND = 0.45359237
"""1 lb is exactly 0.45359237 kg (the international pound of 1959)."""

LBF_IN_NEWTONS = 4.4482216152605
"""One pound-force in newtons: 0.45359237 kg x 9.80665 m/s², exactly 4.4482216152605 N."""

METRES_PER_INCH = 0.0254
"""1 in is exactly 25.4 mm (the international inch of 1959)."""

METRES_PER_FOOT = 0.3048
"""1 ft is 12 in: exactly 0.3048 m."""

METRES_PER_YARD = 0.9144
"""1 yd is 3 ft: exactly 0.9144 m (the international yard of 1959)."""

INCHES_PER_FOOT = 12


@dataclass(frozen=True)
class Unit:
    """One unit of a quantity: its symbol, the words for it, and its size in the quantity's base unit.

    The symbol is what the reader sees after a number and what a unit choice stores in the
    shared address ("kg", "lb", "ft+in"). `typed_as` lists other ways readers write it after a
    number ("lbs", "pounds"); the symbol itself is always understood. A unit with `inches_rest`
    is feet and inches: a value shows as whole feet and the rest in inches ("5 ft 10.9 in").
    """

    symbol: str
    label: str
    size_in_base: float
    typed_as: tuple[str, ...] = ()
    shown_as: str = ""
    inches_rest: bool = False

    @property
    def shown(self) -> str:
        """The unit as it reads after a label or in a sentence: "kg", "ft and in"."""
        return self.shown_as or self.symbol

    def words(self) -> tuple[str, ...]:
        """Every way of writing the unit after a number, as compared (case ignored)."""
        return tuple(word.casefold() for word in (self.symbol, *self.typed_as) if word)

    def text(self, value: float, decimals: int) -> str:
        """A value in this unit as a reader would type it: "165.3", or "5 ft 10.9 in" for feet and inches."""
        if not self.inches_rest:
            return format_short(value, decimals)
        inches = float(format_short(abs(value) * INCHES_PER_FOOT, decimals))
        feet, rest = divmod(inches, INCHES_PER_FOOT)
        sign = "-" if value < 0 and inches else ""
        rest_text = format_short(rest, decimals)
        if float(rest_text) == 0:
            return f"{sign}{int(feet)} ft"
        if feet == 0:
            return f"{sign}{rest_text} in"
        return f"{sign}{int(feet)} ft {rest_text} in"


@dataclass(frozen=True)
class Quantity:
    """Something measured (mass, force, length), and every unit a reader may give it in.

    The first unit is the base: every other unit's size is given in it.
    """

    name: str
    units: tuple[Unit, ...]

    @property
    def base(self) -> Unit:
        return self.units[0]

    def unit(self, symbol: str) -> Unit:
        """The unit with this symbol (a programming mistake when the quantity has none)."""
        for unit in self.units:
            if unit.symbol == symbol:
                return unit
        raise KeyError(f"{self.name} has no unit {symbol!r}")

    def unit_typed_as(self, word: str) -> Unit | None:
        """The unit a reader means by the word after a number ("LBS" -> lb), or None."""
        wanted = word.casefold()
        for unit in self.units:
            if wanted in unit.words():
                return unit
        return None


def convert(value: float, from_unit: Unit, to_unit: Unit) -> float:
    """A value in one unit of a quantity, in another: 75 kg is 165.35 lb."""
    if from_unit == to_unit:
        return value
    return value * from_unit.size_in_base / to_unit.size_in_base


KILOGRAM = Unit("kg", "kilograms (kg)", 1.0, typed_as=("kgs", "kilo", "kilos", "kilogram", "kilograms"))
POUND = Unit("lb", "pounds (lb)", KILOGRAMS_PER_POUND, typed_as=("lbs", "pound", "pounds"))
MASS = Quantity("mass", (KILOGRAM, POUND))

NEWTON = Unit("N", "newtons (N)", 1.0, typed_as=("newton", "newtons"))
# A force gauge that reads "kg" or "lb" shows kilograms-force or pounds-force: in a force field
# those words can only mean the force.
KILOGRAM_FORCE = Unit("kgf", "kilograms-force (kgf)", KGF_IN_NEWTONS, typed_as=("kg", "kgs", "kilogram-force"))
POUND_FORCE = Unit("lbf", "pounds-force (lbf)", LBF_IN_NEWTONS, typed_as=("lb", "lbs", "pound-force"))
FORCE = Quantity("force", (NEWTON, KILOGRAM_FORCE, POUND_FORCE))

METRE = Unit("m", "metres (m)", 1.0, typed_as=("metre", "metres", "meter", "meters"))
CENTIMETRE = Unit("cm", "centimetres (cm)", 0.01, typed_as=("centimetre", "centimetres", "centimeter", "centimeters"))
FOOT = Unit("ft", "feet (ft)", METRES_PER_FOOT, typed_as=("'", "′", "foot", "feet"))
INCH = Unit("in", "inches (in)", METRES_PER_INCH, typed_as=('"', "″", "''", "inch", "inches"))
YARD = Unit("yd", "yards (yd)", METRES_PER_YARD, typed_as=("yds", "yard", "yards"))
FEET_AND_INCHES = Unit("ft+in", "feet and inches", METRES_PER_FOOT, shown_as="ft and in", inches_rest=True)
LENGTH = Quantity("length", (METRE, CENTIMETRE, FOOT, INCH, YARD, FEET_AND_INCHES))

def decimals_for(step: float) -> int:
    """Places that show a value to the nearest `step` or finer: 0.1 -> 1, 0.22 -> 1, 1.09 -> 0."""
    if step <= 0 or not math.isfinite(step):
        return 0
    return max(0, math.ceil(-math.log10(step) - 1e-9))


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
