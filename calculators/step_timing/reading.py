"""Step timing's "What to train next": what the share of each step on the ground and the step
frequency mean for the reader's speed, and what to work on.

Every claim is one of the sources' (parameters.toml, `[reading]`): speed is step length times step
frequency, and the two are linked (Hunter et al. 2004); faster runners spend less time on the
ground and push harder there, with much the same time in the air (Weyand et al. 2000); in AQ's
terms the force on the ground comes from the pushing leg, supported by the arms and torso (the
foot-strike article). The numbers are the result's.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.formatting import format_number, format_short
from calculators.core.markup import Markup, element, page_reference, sentence, what_to_train_next
from calculators.core.sources import SitePage, Source
from calculators.core.units import in_milliseconds
from calculators.step_timing.model import Step


@dataclass(frozen=True)
class ReadingSettings:
    """The reading's pages and sources (parameters.toml, `[reading]`)."""

    sources: tuple[Source, ...]
    strength_page: SitePage
    """Where the reader finds which contributor limits the push (the Strength Balance calculator)."""
    timing_article: SitePage
    """AQ's article on timing between steps."""


def _ms(seconds: float) -> str:
    return f"{format_short(in_milliseconds(seconds), 1)} ms"



def reading(step: Step, settings: ReadingSettings) -> Markup:
    """The "What to train next" block for one step."""
    ground = format_number(step.ground_share_percent, 1)
    more = "in the air than on the ground" if step.ground_share_percent < 50 else "on the ground than in the air"
    points = [
        sentence(
            element("strong", "Speed is step length × step frequency"),
            f": {format_number(step.step_length, 2)} m × {format_number(step.frequency, 2)} steps/s = "
            f"{format_number(step.speed, 2)} m/s. Each step takes {_ms(step.step_time)}: {_ms(step.contact_time)} "
            f"on the ground ({ground} %) and {_ms(step.flight_time)} in the air, so you spend more of it {more}.",
        ),
        sentence(
            element("strong", "Shorter contact comes from more force."),
            " Faster runners spend less time on the ground per step and push harder while there, with much the "
            "same time in the air as slower runners: the frequency rises because the push is done sooner, not "
            "because the leg swings faster.",
        ),
        sentence(
            element("strong", "Work on the push"),
            ": in the Sprint System the pushing leg drives backward into the ground, with the arms and torso "
            "supporting it. See which contributor holds it back with the ",
            page_reference(settings.strength_page),
            ". Length and frequency are linked (a longer step tends to come with a lower rate), so the what-if "
            "rows, which change one number at a time, show the most each change could give. More: ",
            page_reference(settings.timing_article),
            ".",
        ),
    ]
    return what_to_train_next(points, settings.sources)
