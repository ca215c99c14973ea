"""The calculators the site offers, listed by hand.

Registration is explicit: adding a calculator means adding one line here, so what the site ships
is always visible in one place and importing the package never scans the file system.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from calculators import sprint_profile, step_timing, strength_balance
from calculators.calculator import Calculator

CALCULATORS: Mapping[str, Calculator] = MappingProxyType(
    {
        calculator.slug: calculator
        for calculator in (
            strength_balance.CALCULATOR,
            step_timing.CALCULATOR,
            sprint_profile.CALCULATOR,
        )
    }
)


def get(slug: str) -> Calculator:
    """The calculator called `slug`; an unknown slug is a programming error, so it raises."""
    try:
        return CALCULATORS[slug]
    except (KeyError, TypeError):
        known = ", ".join(sorted(CALCULATORS)) or "none"
        raise LookupError(f"No calculator called {slug!r}. Known calculators: {known}.") from None
