"""What a reader does with one calculator in the browser, as each calculator's examples.py gives it.

The browser test that runs every calculator (tests/browser/test_every_calculator_live.py) plays
each calculator's `SCENARIO` on the calculator's page; the calculator's slug comes from the folder
the scenario lives in, so the scenario does not repeat it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scenario:
    """Choose options, then type values (the page object opens a folded group as a reader would)."""

    page: str
    """The page of the built site the calculator is on, e.g. "calculators/strength-balance/"."""
    typed: Mapping[str, str]
    bad: tuple[str, str, str]
    """An input, a value it refuses, and part of the message the reader should see next to it."""
    choices: Mapping[str, str] = field(default_factory=dict)
    shown: tuple[str, ...] = ()
    """Inputs the choices bring into view."""
    hidden: tuple[str, ...] = ()
    """Inputs the choices take away (not shown, not sent)."""

    def inputs(self) -> dict[str, str]:
        """Every input the scenario sets, choices first, in the order the reader sets them."""
        return {**self.choices, **self.typed}
