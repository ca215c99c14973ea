"""How a sprint was timed: timing gates or a stopwatch, and what a stopwatch time is worth.

Calculators that take sprint times share this: the reader's choice (`timing_field`), the numbers
a content owner tunes in a `[timing]` table of the calculator's parameters.toml (`read_timing`),
and the words for each way of timing. A stopwatch time is less exact than a gate's, and from a
standing start it also comes out faster (the timer starts late and stops early, by the same
amount at every split): a calculator that fits a standing start adds `hand_correction_s` to each
stopwatch time; a flying zone, started and stopped on the move, does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.fields import Choice, ChoiceField
from calculators.core.settings import Settings

ELECTRONIC = "electronic"
HAND = "hand"

TIMED_WITH = {ELECTRONIC: "timing gates", HAND: "a stopwatch"}
"""Each way of timing as a reader names it."""


@dataclass(frozen=True)
class Timing:
    """How far one time may be off for each way of timing, and how much faster a stopwatch reads
    from a standing start (all in seconds, from the calculator's `[timing]` table)."""

    electronic_uncertainty_s: float
    hand_uncertainty_s: float
    hand_correction_s: float = 0.0

    def uncertainty(self, timing: str) -> float:
        """How far one time may be off, in seconds, for this way of timing."""
        return self.hand_uncertainty_s if timing == HAND else self.electronic_uncertainty_s

    def correction(self, timing: str) -> float:
        """What to add to a time from a standing start to stand for an electronic one."""
        return self.hand_correction_s if timing == HAND else 0.0


def timing_field(help: str) -> ChoiceField:
    """The reader's choice: timing gates (the default) or a stopwatch."""
    return ChoiceField(
        name="timing",
        label="Timed with",
        choices=tuple(Choice(way, words) for way, words in TIMED_WITH.items()),
        default=ELECTRONIC,
        help=help,
    )


def read_timing(table: Settings, *, standing_start: bool) -> Timing:
    """The `[timing]` table: both uncertainties, and for a standing start the stopwatch's correction."""
    keys = ["electronic_uncertainty_s", "hand_uncertainty_s"] + (["hand_correction_s"] if standing_start else [])
    table.reject_unknown(keys)
    return Timing(
        electronic_uncertainty_s=table.number("electronic_uncertainty_s", at_least=0, at_most=1),
        hand_uncertainty_s=table.number("hand_uncertainty_s", at_least=0, at_most=1),
        hand_correction_s=table.number("hand_correction_s", at_least=0, at_most=1) if standing_start else 0.0,
    )
