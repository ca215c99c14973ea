"""The sprint profile's "What to train next": force- or velocity-oriented against a published
range, what that points to, and which number of the profile is least certain.

The orientation compares the reader's force-velocity slope S_FV with the range of group means
published for elite athletes of their sex (parameters.toml, `[reading]`, each range with its
source): steeper than every group's mean is force-oriented, flatter than every group's mean is
velocity-oriented, in between is neither. The least certain number comes from certainty.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from calculators.core.formatting import format_number, format_signed
from calculators.core.markup import Markup, element, page_reference, sentence, what_to_train_next
from calculators.core.sources import SitePage, Source
from calculators.sprint_profile.certainty import Certainty
from calculators.sprint_profile.mechanics import Mechanics

ANY_SEX = "any"
"""The reader chose no sex: their slope is compared with every range at once."""


@dataclass(frozen=True)
class SlopeRange:
    """The range of group means of S_FV (N/kg per m/s) published for one group of athletes."""

    sex: str
    """"women" or "men"."""
    group: str
    """Who was measured, as readers are told: "elite men of 23 sports (Norwegian national teams)"."""
    steepest: float
    """The most negative group mean (the most force-oriented group)."""
    flattest: float
    """The least negative group mean (the most velocity-oriented group)."""
    source: Source


@dataclass(frozen=True)
class ReadingSettings:
    """The reading's ranges, pages and sources (parameters.toml, `[reading]`)."""

    slope_ranges: tuple[SlopeRange, ...]
    orientation_sources: tuple[Source, ...]
    """What reading a profile as force- or velocity-oriented, and training its weaker side, rests on."""
    certainty_sources: tuple[Source, ...]
    top_speed_page: SitePage
    """Where to measure top speed on its own (the flying sprint calculator)."""

    def range_for(self, sex: str) -> tuple[float, float, str, tuple[Source, ...]]:
        """(steepest, flattest, who, sources) for a sex, or for all the ranges at once."""
        chosen = [r for r in self.slope_ranges if sex == ANY_SEX or r.sex == sex] or list(self.slope_ranges)
        who = " and ".join(r.group for r in chosen)
        sources = tuple(dict.fromkeys(r.source for r in chosen))
        return min(r.steepest for r in chosen), max(r.flattest for r in chosen), who, sources


def _slope(value: float) -> str:
    return format_signed(value, 2)


def _percent(share: float) -> str:
    return f"±{format_number(100 * share, 1)} %"



def orientation(slope: float, steepest: float, flattest: float) -> str:
    """"force" (steeper than every group mean), "velocity" (flatter than all of them) or "neither"."""
    if slope < steepest:
        return "force"
    if slope > flattest:
        return "velocity"
    return "neither"


def reading(mechanics: Mechanics, certainty: Certainty | None, sex: str, settings: ReadingSettings) -> Markup:
    """The "What to train next" block for one profile."""
    slope = mechanics.force_velocity_slope
    steepest, flattest, who, range_sources = settings.range_for(sex)
    leaning = orientation(slope, steepest, flattest)
    compared = f"Your force-velocity slope, {_slope(slope)} N/kg per m/s, "
    span = f"({_slope(steepest)} to {_slope(flattest)} for {who})"
    if leaning == "force":
        points: list[Markup] = [
            sentence(
                element("strong", "Force-oriented."),
                f" {compared}is steeper than any published group mean {span}: much force at the start "
                f"for your top speed. The side to develop is speed late in the sprint (V0 "
                f"{format_number(mechanics.max_velocity, 2)} m/s): sprints at and near top speed, which you can "
                "time on their own with the ",
                page_reference(settings.top_speed_page),
                ".",
            )
        ]
    elif leaning == "velocity":
        points = [
            sentence(
                element("strong", "Velocity-oriented."),
                f" {compared}is flatter than any published group mean {span}: high speed for the force "
                f"you put into the start. The side to develop is force early in the sprint (F0 "
                f"{format_number(mechanics.max_force_per_kg, 2)} N/kg): starts and the first steps of acceleration.",
            )
        ]
    else:
        points = [
            sentence(
                element("strong", "Neither force- nor velocity-oriented."),
                f" {compared}lies within the range of published group means {span}. Profiles differ "
                "considerably between athletes of the same sport: follow your own F0, V0 and Pmax from test to test.",
            )
        ]
    sources: list[Source] = [*range_sources, *settings.orientation_sources]
    if certainty is not None:
        points.append(_certainty_point(certainty))
        sources += settings.certainty_sources
    return what_to_train_next(points, tuple(dict.fromkeys(sources)))


def _certainty_point(certainty: Certainty) -> Markup:
    least = certainty.least_certain
    others = ", ".join(
        f"{name} {_percent(error)}" for name, error in certainty.relative_errors.items() if name != least
    )
    why = (
        f"your splits sit about {format_number(certainty.timing_error, 3)} s from the fitted curve"
        if certainty.from_scatter
        else f"a split time may be off by {format_number(certainty.timing_error, 2)} s"
    )
    return sentence(
        element("strong", f"Least certain: {least}"),
        f", about {_percent(certainty.relative_errors[least])} ({others}), because {why}. "
        "More gates, especially early ones, and a last split near top speed narrow it; read small "
        f"changes in {least} between tests with care.",
    )


def ranges_text(ranges: Sequence[SlopeRange]) -> str:
    """The ranges as the explanation lists them: "elite men ...: −1.10 to −0.75 N/kg per m/s"."""
    return "; ".join(f"{r.group}: {_slope(r.steepest)} to {_slope(r.flattest)} N/kg per m/s" for r in ranges)
