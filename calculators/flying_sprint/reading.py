"""The flying sprint's "What to train next": step length against step frequency, where to look
next, and how big a change between tests the timing can show.

Speed is step length times step frequency, and the two are linked (Hunter et al. 2004); how far a
time may be off for each way of timing is the calculator's own (Mayhew et al. 2010). The pages and
sources are set in parameters.toml (`[reading]`).
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.formatting import format_number, format_short
from calculators.core.markup import Markup, element, page_reference, sentence, what_to_train_next
from calculators.core.sources import SitePage, Source
from calculators.flying_sprint.model import FlyingSprint


@dataclass(frozen=True)
class ReadingSettings:
    """The reading's page and sources (parameters.toml, `[reading]`)."""

    sources: tuple[Source, ...]
    step_timing_page: SitePage
    """Where a step's time on the ground and in the air is worked out (the step timing calculator)."""


def _speed(value: float) -> str:
    return f"{format_number(value, 2)} m/s"



def reading(sprint: FlyingSprint, settings: ReadingSettings) -> Markup:
    """The "What to train next" block for one flying run."""
    steps = sprint.steps
    if steps is None:
        first = sentence(
            element("strong", "Count your steps in the zone next time"),
            " (a video helps): the result then splits your speed into step length and step frequency, "
            "the two things that make it.",
        )
    else:
        first = sentence(
            element("strong", "Speed is step length × step frequency"),
            f": {format_number(steps.length, 2)} m × {format_number(steps.frequency, 2)} steps/s = "
            f"{_speed(sprint.speed)}. The two are linked (a longer step tends to come with a lower rate), so "
            "follow both from test to test: a gain in one can be eaten by a loss in the other.",
        )
    points = [
        first,
        sentence(
            "Where a step's frequency comes from, its time on the ground and in the air: the ",
            page_reference(settings.step_timing_page),
            ".",
        ),
        sentence(
            element("strong", "Read changes against the timing"),
            f": a time off by ±{format_short(sprint.uncertainty, 2)} s puts your speed between "
            f"{_speed(sprint.slowest_speed)} and {_speed(sprint.fastest_speed)}: a change between tests within "
            "that spread is not one this timing can show.",
        ),
    ]
    return what_to_train_next(points, settings.sources)
