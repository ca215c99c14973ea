"""Flying sprint speed as HTML: the result fragment and the static explanation block.

Numbers are rounded here and only here: speeds to 0.01 m/s and 0.1 km/h or mph, times to 0.01 s,
step lengths to 0.01 m and step rates to 0.01 steps/s.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.calculator import Figure
from calculators.core.formatting import format_number, format_short, plain_number
from calculators.core.markup import (
    Column,
    Markup,
    Row,
    definition_list,
    element,
    explanation,
    model_statement,
    numbered_steps,
    result_block,
    sources_list,
    speed_headline,
    table,
)
from calculators.core.units import (
    KM_PER_HOUR_IN_METRES_PER_SECOND,
    METRES_PER_SECOND_IN_A_MILE_PER_HOUR,
    METRES_PER_YARD,
)
from calculators.core.timing import HAND, TIMED_WITH
from calculators.flying_sprint.model import FlyingSprint, Parameters
from calculators.flying_sprint.params import load_reading
from calculators.flying_sprint.reading import reading

READING = load_reading()
"""The "What to train next" settings of parameters.toml, read once."""


@dataclass(frozen=True)
class Answer:
    """The result and the unit the reader typed the zone in (to show it back to them)."""

    sprint: FlyingSprint
    distance_unit: str


def _speed(value: float) -> str:
    return f"{format_number(value, 2)} m/s"


def _zone(answer: Answer) -> str:
    """ "20 m", or "40 yd (36.58 m)" for a zone typed in yards."""
    metres = answer.sprint.run.zone_length
    if answer.distance_unit == "yd":
        return f"{format_short(metres / METRES_PER_YARD, 2)} yd ({format_short(metres, 2)} m)"
    return f"{format_short(metres, 2)} m"


def _headline(sprint: FlyingSprint) -> Markup:
    return speed_headline("Speed through the zone", sprint.speed)


def _summary(answer: Answer) -> Markup:
    sprint = answer.sprint
    timed = TIMED_WITH[sprint.run.timing]
    items = [
        ("Zone", _zone(answer)),
        ("Time", f"{format_number(sprint.run.zone_time, 2)} s, with {timed}"),
        ("Time per 10 m at this speed", f"{format_number(sprint.time_per_10_m, 2)} s"),
    ]
    if sprint.steps is not None:
        steps = sprint.steps
        items += [
            ("Steps in the zone", str(steps.count)),
            ("Step length", f"{format_number(steps.length, 2)} m"),
            ("Step frequency", f"{format_number(steps.frequency, 2)} steps/s"),
        ]
    return definition_list(items)


def _timing_note(sprint: FlyingSprint) -> Markup:
    """How exact the speed is, given how the run was timed."""
    low, high = _speed(sprint.slowest_speed), _speed(sprint.fastest_speed)
    if sprint.run.timing == HAND:
        text = (
            f"Timed by hand, so less exact: a stopwatch time may be off by about {format_short(sprint.uncertainty, 2)} s "
            f"either way (Mayhew et al. 2010), which puts this speed anywhere from {low} to {high}. Stopwatch times "
            "of sprints also tend to come out faster than electronic ones. For a result to compare over time, use "
            "timing gates, or the same timer and the same cones each time."
        )
        return element("p", text, class_="aq-result__timing aq-result__timing--hand")
    text = (
        f"Timing gates read to about {format_short(sprint.uncertainty, 2)} s, which puts this speed between "
        f"{low} and {high}."
    )
    return element("p", text, class_="aq-result__timing")


def render_result(answer: Answer, id_prefix: str) -> str:
    """The result fragment for one flying run (it has no ids, so `id_prefix` is not needed)."""
    sprint = answer.sprint
    parts = [_headline(sprint), _summary(answer), _timing_note(sprint)]
    note = (
        "the speed is the zone's length divided by its time, your average speed through the zone. It is "
        "your top speed only if the run-in brought you to it before the zone began."
    )
    parts.append(reading(sprint, READING))
    return str(result_block("flying-sprint", parts, note))


def render_explanation(parameters: Parameters) -> str:
    """The static explanation: the formulas, how exact each way of timing is, the ranges, the sources."""
    p = parameters
    kmh = plain_number(KM_PER_HOUR_IN_METRES_PER_SECOND)
    mph = plain_number(METRES_PER_SECOND_IN_A_MILE_PER_HOUR)
    steps = [
        f"<strong>Speed</strong> = zone length ÷ time, in m/s; × {kmh} gives km/h, ÷ {mph} gives mph. A zone in "
        f"yards is first turned into metres (1 yd = {plain_number(METRES_PER_YARD)} m).",
        "<strong>Step length</strong> = zone length ÷ steps counted in the zone.",
        "<strong>Step frequency</strong> = steps counted ÷ time, in steps per second.",
        "A time that may be off by <em>u</em> seconds puts the speed between length ÷ (time + <em>u</em>) and "
        "length ÷ (time − <em>u</em>).",
    ]
    timing = table(
        "How far one time may be off",
        [Column("Timed with"), Column("Up to", "aq-num")],
        [
            Row(["Timing gates", f"± {format_short(p.timing.electronic_uncertainty_s, 2)} s"]),
            Row(["A stopwatch", f"± {format_short(p.timing.hand_uncertainty_s, 2)} s"]),
        ],
    )
    ranges = element(
        "p",
        f"The zone may be {plain_number(p.zone_length_m.minimum)} to {plain_number(p.zone_length_m.maximum)} m long, "
        f"timed in {plain_number(p.zone_time_s.minimum)} to {plain_number(p.zone_time_s.maximum)} s, with "
        f"{plain_number(p.steps.minimum)} to {plain_number(p.steps.maximum)} steps. Faster than "
        f"{plain_number(p.fastest_speed_m_per_s)} m/s, steps longer than {plain_number(p.longest_step_m)} m or more "
        f"than {plain_number(p.highest_step_frequency_hz)} steps a second are refused as a typo: the fastest "
        "sprinters peak at about 12.4 m/s.",
    )
    # The steps are fixed words and numbers only, so their tags are safe as markup.
    formula = numbered_steps(Markup(text) for text in steps)
    note = model_statement(
        "The speed is exact arithmetic on the zone and its time, but it is an average over the zone, and only as "
        "good as the timing."
    )
    return str(
        explanation(
            note,
            [
                ("How the numbers are worked out", formula),
                ("How exact the timing is", timing),
                ("Values in use", ranges),
                ("Sources", sources_list(p.sources)),
            ],
        )
    )


def squad_summary(answer: Answer) -> dict[str, str]:
    """One athlete's row in a squad's table: speed, and step length and rate when steps were counted."""
    sprint, steps = answer.sprint, answer.sprint.steps
    return {
        "Speed": _speed(sprint.speed),
        "Step length": f"{format_number(steps.length, 2)} m" if steps else "–",
        "Step frequency": f"{format_number(steps.frequency, 2)} steps/s" if steps else "–",
    }


def figures_over_time(answer: Answer) -> tuple[Figure, ...]:
    """What a reader's saved tests chart: speed, and step length and rate when steps were counted."""
    sprint, steps = answer.sprint, answer.sprint.steps
    speed = Figure.as_shown("Speed", sprint.speed, 2, "m/s")
    if not steps:
        return (speed,)
    return (
        speed,
        Figure.as_shown("Step length", steps.length, 2, "m"),
        Figure.as_shown("Step frequency", steps.frequency, 2, "steps/s"),
    )
